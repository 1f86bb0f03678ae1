"""An author's role or outlet appended to the name after a comma (issue 14): real pages
name "Povilas Aleksandravičius, Mykolo Romerio universiteto ... profesorius, Lrt.lt" or
"David Straub, MDR THÜRINGEN" as one author; the author is the person. A place or a
second name after the comma stays."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.accuracy_real import committed_page
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
EXPECTED = next(a for a in TRUTH["articles"] if a["file"] == "pages/post-2448.html")


def author_of(json_ld_name: str, site_name: str | None = None) -> str | None:
    """The author of a bundled article, printed by a theme no profile knows, whose JSON-LD
    names `json_ld_name` (and whose og:site_name is `site_name`, when given)."""
    html = unprofiled((BUNDLED_SITE / EXPECTED["file"]).read_text(encoding="utf-8"), "zox")
    html, count = re.subn(
        r'("author":\{"name":)"[^"]*"', rf"\g<1>{json.dumps(json_ld_name)}", html, count=1
    )
    assert count == 1
    if site_name:
        html = re.sub(r'(og:site_name" content=")[^"]*"', rf'\g<1>{site_name}"', html)
    page = page_of(TRUTH, EXPECTED["file"])
    return extract_page(html, EXPECTED["url"], utc(page["date"]), profile="auto").article.author


def test_a_role_and_the_outlet_after_the_name_leave_it_on_a_real_page():
    page = committed_page("lt/LRT_")
    row, html = page.expected, page.html()
    assert "Povilas Aleksandravičius, Mykolo Romerio universiteto".encode() in html
    reference = page.reference
    article = extract_page(html, row["url"], reference, profile="auto").article
    assert article.author == "Povilas Aleksandravičius" == row["authors"][0]


@pytest.mark.parametrize(
    "stated",
    [
        "Jane Doe, Staff Writer",
        "Jane Doe, Washington Correspondent",
        "Jane Doe, professor of history at the university",
        "Jane Doe, akhbar-turkiya.example",
        # A title with the outlet's name in it, after a slash or a spaced dash (the Gleaner's
        # JSON-LD, Mining Weekly's byline).
        "Jane Doe/Gleaner Writer",
        "Jane Doe - Creamer Media Senior Writer",
    ],
)
def test_a_role_or_the_sites_address_after_the_name_is_no_part_of_it(stated):
    assert author_of(stated) == "Jane Doe"


def test_the_sites_name_with_a_desk_after_it_is_no_part_of_the_name():
    assert author_of("Jane Doe, HABER ISTANBUL", site_name="Haber") == "Jane Doe"
    assert author_of("Jane Doe, HABER ISTANBUL") == "Jane Doe, HABER ISTANBUL"


@pytest.mark.parametrize("stated", ["Jane Doe, Washington", "Jane Doe, John Roe", "Jane Doe, dpa"])
def test_a_place_a_second_name_or_an_agency_after_the_comma_stays(stated):
    assert author_of(stated) == stated


ARABI21 = Path(__file__).parent / "fixtures" / "arabic-bodies" / "p10.html"
ARABI21_BYLINE = '<div class="articleAuthor">لندن- عربي21- باسل درويش</div>'


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("لندن- عربي21- باسل درويش", "باسل درويش"),  # as the page prints it
        ("القاهرة - عربي21 - سارة عبد الله", "سارة عبد الله"),
        ("عمّان ـ بترا ـ ليث العبادي", "ليث العبادي"),
        ("لندن – عربي21 – باسل درويش، هبة محمود", "باسل درويش, هبة محمود"),
        ("باسل درويش - لندن", "باسل درويش"),  # the reporter's city after the name
        ("Jean-Pierre Dupont", "Jean-Pierre Dupont"),  # a hyphen inside a name
    ],
)
def test_a_byline_opening_on_a_dateline_chain_names_the_writer_after_it(byline, author):
    html = ARABI21.read_text(encoding="utf-8")
    assert ARABI21_BYLINE in html
    html = html.replace(ARABI21_BYLINE, f'<div class="articleAuthor">{byline}</div>')
    url = "https://arabi21.com/story/1634567/"
    page = extract_page(html, url, datetime(2026, 12, 4, 12, tzinfo=UTC), profile="auto")
    assert page.article.author == author


def test_a_dateline_alone_in_the_byline_slot_names_nobody():
    html = ARABI21.read_text(encoding="utf-8")
    html = html.replace(ARABI21_BYLINE, '<div class="articleAuthor">لندن- عربي21</div>')
    url = "https://arabi21.com/story/1634567/"
    page = extract_page(html, url, datetime(2026, 12, 4, 12, tzinfo=UTC), profile="auto")
    assert page.article.author is None


def test_a_byline_label_with_a_slash_opens_the_story_s_byline():
    # Yemeni and Iraqi sites print "كتب/ فارس الحميري" as the story's first line.
    from scraper.extract.metadata import opening_byline

    assert opening_byline("كتب/ فارس الحميري") == "فارس الحميري"
    assert opening_byline("بغداد/ خاص") == ""


def test_a_column_card_s_writer_in_a_list_is_no_byline_of_the_story():
    # Lebanon24's "خاص لبنان 24" box: each card links its column ("/news/articles/1312380/…")
    # and names its writer in "span.special-author"; the story itself is the site's.
    folder = Path(__file__).parent / "fixtures" / "list-items-unknown-9"
    answer = next(
        a for a in json.loads((folder / "expected.json").read_text()) if a["file"] == "p01.html"
    )
    page = extract_page(
        (folder / "p01.html").read_bytes(),
        answer["url"],
        datetime.fromisoformat(answer["reference"]),
        profile="auto",
        timezone=answer["timezone"],
    )
    assert page.article.author not in ("نادين الحلو", "جورج عقيقي", "ريتا شمعون")
