"""A review of the twenty-seventh round's rules (helper, before the mend) built each page
below from arabic-headlines-7 p04 (an old portal's story as bare text between <br /><br />
in div#newsText) with one realistic edit (tests/fixtures/review-cases/r51-*.html) and found
the new rules misfiring there. Each test holds the mended behaviour."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from scraper.extract import extract_page
from scraper.time.reconciliation import _stated_offset

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "review-cases"
ANSWER = next(
    a
    for a in json.loads((FIXTURES / "arabic-headlines-7" / "expected.json").read_text("utf-8"))
    if a["file"] == "p04.html"
)


def _read(file: str):
    reference = datetime.fromisoformat(ANSWER["reference"])
    return extract_page(
        (CASES / file).read_bytes(), ANSWER["url"], reference, profile="auto",
        timezone=ANSWER["timezone"],
    )  # fmt: skip


def _story_paragraphs() -> list[str]:
    return ANSWER["body"].split("\n")


def test_a_row_of_tag_links_beside_the_story_leaves_it_alone():
    # A "الكلمات الدلالية:" row of six tag links after div#newsText: links, no text of its
    # own; the story's pieces still become paragraphs, without the meta row and the list.
    page = _read("r51-tags_row_beside.html")
    assert [p for p in page.article.body.split("\n") if p.strip()] == _story_paragraphs()


def test_many_comments_beside_each_other_stay_out_of_the_story():
    # 400 comments, each a div of a name, a date and a text between blank lines, in one
    # parent: each prints text beside the others (and the check reads each parent once).
    page = _read("r51-flat_comments.html")
    assert [p for p in page.article.body.split("\n") if p.strip()] == _story_paragraphs()


def test_a_printed_update_two_years_later_overrules_no_publication():
    # article:published_time 2025, article:modified_time 2027, and the unlabelled date
    # under the headline printing the update: the publication stays 2025's.
    page = _read("r51-updated_two_years_later.html")
    assert page.article.published_at == "2025-03-14T06:30:00Z"
    assert page.article.modified_at == "2027-10-05T07:12:00Z"


def test_a_day_first_date_states_no_offset():
    assert _stated_offset("21-03-2027") is None
    assert _stated_offset("2027-09-12T06:45:00+04:00").total_seconds() == 4 * 3600
    assert _stated_offset("2027-09-12T06:45:00-0330").total_seconds() == -3.5 * 3600
