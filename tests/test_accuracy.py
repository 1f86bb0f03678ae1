"""The accuracy gate: extraction scores over all fixtures, and over the committed real pages
(tests/fixtures/real/), stay at or above the floors kept in tests/accuracy_floors.json
(raise a floor when a change improves a score)."""

import gzip
import json
from datetime import UTC, datetime

import pytest

from scraper.testkit.accuracy import FLOORS, below_floors, measure
from scraper.testkit.accuracy_real import (
    REAL_FIXTURES,
    Guess,
    author_names,
    clean_text,
    load_pages,
    score_page,
    tokens,
)


@pytest.mark.slow  # every fixture and real page through extraction: about 20 s
def test_scores_stay_above_the_floors():
    measured = measure()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(measured)
    assert set(floors["real"]) == set(measured["real"])
    assert below_floors(measured, floors) == []


def test_the_gate_catches_a_drop():
    measured = {"s": {"headline": 0.9}}
    assert below_floors(measured, {"s": {"headline": 0.95}}) == ["s.headline: 0.9000 < floor 0.95"]


def test_committed_real_pages_carry_their_origin_and_cover_every_script():
    pages, where = load_pages(corpus=REAL_FIXTURES / "no-corpus-here")
    assert (
        where
        == "corpus not found at tests/fixtures/real/no-corpus-here: scoring the 57 committed pages only"
    )
    for page in pages:
        row = page.expected
        assert row["licence"] == "MIT" and row["source"] == "flairNLP/fundus"
        assert row["source_path"].endswith(page.file)
        assert row["title"] and row["paragraphs"]
        assert b"<html" in gzip.decompress(page.path.read_bytes())[:5000].lower()
    assert {page.script for page in pages} == {"Latin", "CJK", "Cyrillic", "Indic"}
    assert len({page.expected["publisher"] for page in pages}) == len(pages)


def _page(expected: dict):
    pages, _ = load_pages(corpus=None)
    page = pages[0]
    page.expected = {**page.expected, "topics": None, **expected}
    return page


def test_headlines_compare_after_entities_invisible_characters_and_spaces():
    assert clean_text("Trump plant Helikopter\xadlandeplatz &amp; mehr\xa0 ") == (
        "Trump plant Helikopterlandeplatz & mehr"
    )
    page = _page({"title": "Trump plant Helikopter\xadlandeplatz"})
    assert (
        score_page(page, Guess(headline="Trump  plant Helikopterlandeplatz"), "ours")["headline"]
        == 1.0
    )
    assert score_page(page, Guess(headline="Trump plant"), "ours")["headline"] == 0.0


def test_typographic_and_ascii_quotes_are_the_same_headline_and_nothing_else_is():
    page = _page({"title": "Donna Kelce Calls Taylor Swift's 'Best Work'"})
    same = Guess(headline="Donna Kelce Calls Taylor Swift’s ‘Best Work’")
    assert score_page(page, same, "ours")["headline"] == 1.0
    other = Guess(headline="Donna Kelce Calls Taylor Swift’s «Best Work»")
    assert score_page(page, other, "ours")["headline"] == 0.0


def test_a_byline_splits_into_names():
    assert author_names(["By Birgit Baumann, Anna Giulia Fink und Jan Michael Marchart"]) == {
        "birgit baumann",
        "anna giulia fink",
        "jan michael marchart",
    }
    page = _page({"authors": ["Adam Vidler", "AP"]})
    scores = score_page(page, Guess(authors=["Adam Vidler"]), "trafilatura")
    assert (scores["authors_exact"], scores["authors_recall"]) == (0.0, 0.5)


def test_published_time_counts_to_the_minute_in_utc():
    page = _page({"publishing_date": "2025-06-30 15:59:30+02:00"})
    right = datetime(2025, 6, 30, 13, 59, 5, tzinfo=UTC)
    scores = score_page(
        page, Guess(published=right, published_day=right.date(), has_time=True), "ours"
    )
    assert (scores["published_day"], scores["published_time"]) == (1.0, 1.0)
    wrong = datetime(2025, 6, 30, 15, 59, tzinfo=UTC)  # the local time read as UTC
    scores = score_page(
        page, Guess(published=wrong, published_day=wrong.date(), has_time=True), "ours"
    )
    assert (scores["published_day"], scores["published_time"]) == (1.0, 0.0)
    assert score_page(page, Guess(published_day=right.date()), "htmldate")["published_time"] is None


def test_chinese_and_japanese_count_per_character():
    assert tokens("習近平主席 Xi Jinping") == {
        "習": 1,
        "近": 1,
        "平": 1,
        "主": 1,
        "席": 1,
        "xi": 1,
        "jinping": 1,
    }
    assert tokens("한국일보 기사") == {"한국일보": 1, "기사": 1}


def test_a_time_without_an_offset_in_the_expectation_is_not_scored():
    page = _page({"publishing_date": "2024-04-24 22:58:49"})  # the publisher's local time
    got = datetime(2024, 4, 24, 20, 58, 49, tzinfo=UTC)  # read from "22:58:49+02:00"
    scores = score_page(page, Guess(published=got, published_day=got.date(), has_time=True), "ours")
    assert (scores["published_day"], scores["published_time"]) == (1.0, None)
