"""A third review of the thirty-fourth round's last rules (helper, before the mend) wrote
each page below (tests/fixtures/review-cases/r58c-*.html), whole, as a site of its kind
prints it. The Petra reporter rule it tested is withdrawn (its pieces between dashes were
too often a clause or an office); hAtom's time no longer overrules a meta's day."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

CASES = Path(__file__).parent / "fixtures" / "review-cases"


def _page(file: str, url: str, reference: str = "2027-05-20T12:00:00+03:00"):
    return extract_page(
        (CASES / file).read_bytes(), url, datetime.fromisoformat(reference), profile="auto",
        timezone="Asia/Amman",
    )  # fmt: skip


@pytest.mark.parametrize(
    "file",
    [
        "r58c-01.html",  # "(بترا)- مندوبا عن رئيس الوزراء-": on whose behalf, no writer
        "r58c-02.html",  # "(بترا)- رعى وزير التربية والتعليم-": the story's own clause
    ],
)
def test_words_between_dashes_after_petra_s_credit_name_no_writer(file):
    article = _page(file, "https://www.sawtalshamal.example/news/80415").article
    assert article.author is None


def test_petra_s_older_from_form_leaves_no_preposition_in_a_name():
    article = _page("r58c-03.html", "https://www.sawtalshamal.example/news/80415").article
    assert not (article.author or "").startswith("من ")


def test_an_hatom_stamp_of_the_local_clock_marked_utc_does_not_overrule_the_meta_s_day():
    # Sandbox's title="2027-05-11T13:42:00+0000" over a printed "1:42 pm" in Amman.
    article = _page(
        "r58c-04.html", "http://www.wadinakheel.example/2027/05/11/dates-harvest/"
    ).article
    assert article.published_at != "2027-05-11T13:42:00Z"
    assert article.published_at.startswith("2027-05-1")
