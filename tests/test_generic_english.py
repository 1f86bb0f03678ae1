"""Story text the generic path keeps on layouts of English-language news sites: a brief on
a site that calls every page a website, at an opaque address; subheadings a table of
contents links to; a live blog's entry headings its key events list links to; a lede that
a card of the same story above it repeats. Each page's story, paragraph by paragraph, was
written down before the extractor ran (tests/fixtures/generic-en/expected.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.page_type import article_address

HERE = Path(__file__).parent / "fixtures" / "generic-en"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"].removesuffix(".html"))
def test_every_paragraph_of_the_story_is_kept_and_nothing_around_it(expected):
    html = (HERE / expected["file"]).read_bytes()
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    page = extract_page(html, expected["url"], reference, profile="auto")
    assert page.page_type == "article", page.reason
    article = page.article
    assert article.headline == expected["headline"]
    # A list's items are paragraphs that open with "- ", as trafilatura prints them.
    paragraphs = [p.removeprefix("- ") for p in article.body.split("\n\n")]
    missing = [p for p in expected["body_paragraphs"] if p not in paragraphs]
    assert not missing
    for text in expected["not_in_body"]:
        assert text not in article.body


@pytest.mark.parametrize(
    ("url", "story"),
    [
        ("https://www.bbc.example/news/articles/c7e2k9q1x4ro", True),  # an opaque id
        ("https://www.site.example/a/x1y2z3w4", True),
        ("https://www.site.example/sport/football2024", False),  # a word and a year
        ("https://www.site.example/a/abcdefgh12", False),
        ("https://www.site.example/live/12ab", False),  # too short
        ("https://www.bbc.example/arabic/topics/c2dwq9zxvk8t", False),  # a topic's listing
        ("https://www.site.example/news/g20summit2026", False),  # words, numbers and a year
    ],
)
def test_an_opaque_id_of_interleaved_letters_and_digits_is_a_story_address(url, story):
    assert article_address(url) is story


def test_the_headline_as_its_metadata_states_it_does_not_open_the_body():
    # Daily Mail prints its headline, kicker and all ("EXCLUSIVE: ..."), in an h2 above the
    # story; the record's headline leaves the kicker out, the body leaves the line out.
    folder = Path(__file__).parent / "fixtures" / "english-metadata"
    answer = next(
        a
        for a in json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == "p11.html"
    )
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    page = extract_page(
        (folder / "p11.html").read_bytes(), answer["url"], reference, profile="auto"
    )
    printed = "EXCLUSIVE: Minister held secret meeting with water firm bosses"
    assert printed in (folder / "p11.html").read_text(encoding="utf-8")
    assert not page.article.body.startswith(printed)
    assert answer["body_first"] in page.article.body


BODIES = Path(__file__).parent / "fixtures" / "english-bodies"
COLLAPSED = '<div id="story-rest" class="story-rest hidden" aria-hidden="true">'


def _bodies_page(file: str, html: str):
    answer = next(
        a
        for a in json.loads((BODIES / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == file
    )
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    return answer, extract_page(html, answer["url"], reference, profile="auto").article


def test_story_text_a_continue_reading_button_collapses_is_kept():
    html = (BODIES / "p30.html").read_text(encoding="utf-8")
    assert COLLAPSED in html and 'aria-controls="story-rest"' in html
    answer, article = _bodies_page("p30.html", html)
    assert article.body.split("\n\n")[-1] == answer["body_last"]


def test_a_hidden_block_no_button_opens_stays_out():
    html = (BODIES / "p30.html").read_text(encoding="utf-8")
    html = html.replace('aria-controls="story-rest"', 'aria-controls="share-panel"')
    answer, article = _bodies_page("p30.html", html)
    assert answer["body_last"] not in article.body


def test_the_pieces_of_a_cited_dateline_stay_apart():
    html = (BODIES / "p27.html").read_text(encoding="utf-8")
    cited = '<span class="source__location" data-editable="location">Eupora, Mississippi</span>'
    assert cited in html
    _, article = _bodies_page("p27.html", html)
    assert article.body.startswith("Eupora, Mississippi CNN — At least seven people")


PROVIDED_BY = '<span class="cat">News provided by</span>'


def test_the_company_a_release_is_provided_by_is_no_section():
    html = (BODIES / "p19.html").read_text(encoding="utf-8")
    assert PROVIDED_BY in html
    _, article = _bodies_page("p19.html", html)
    assert article.category is None
    # The same link above the headline with no credit before it reads as the section.
    _, article = _bodies_page("p19.html", html.replace(PROVIDED_BY, ""))
    assert article.category["name"] == "Harborline Foods, Inc."


def test_a_section_label_above_an_empty_slot_before_the_headline_names_the_section():
    # Al Jazeera prints its topic above a <header> whose first child, before the h1, is an
    # empty slot its scripts fill. (Its place topics, /where/…, are tags since the
    # twenty-ninth round: the label here links to a topic's page.)
    folder = Path(__file__).parent / "fixtures" / "english-metadata"
    answer = next(
        a
        for a in json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == "p16.html"
    )
    html = (folder / "p16.html").read_text(encoding="utf-8")
    slot = '<header class="article-header"><div class="article-info-block"></div><h1>'
    assert slot in html
    place = '<a href="/where/sudan/">Sudan war</a>'
    assert place in html
    html = html.replace(place, '<a href="/topics/sudan-war/">Sudan war</a>')
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    article = extract_page(html, answer["url"], reference, profile="auto").article
    assert article.category["name"] == "Sudan war"
    assert article.provenance["category"] == "section-label"


@pytest.mark.parametrize(("in_menu", "category"), [('href="/uk/"', "UK"), ('href="/wales/"', None)])
def test_a_label_above_the_headline_linking_to_a_menu_section_names_it(in_menu, category):
    # Sky News links its label to "/uk", its menu to "/uk/": one section.
    folder = Path(__file__).parent / "fixtures" / "english-metadata"
    answer = next(
        a
        for a in json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == "p22.html"
    )
    html = (folder / "p22.html").read_text(encoding="utf-8")
    assert 'href="/uk/"' in html and '<a href="/uk" class="sdc-site-tile__tag">UK</a>' in html
    html = html.replace('href="/uk/"', in_menu)
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    article = extract_page(html, answer["url"], reference, profile="auto").article
    assert (article.category or {}).get("name") == category


def test_a_story_in_a_table_cell_of_a_page_laid_out_in_tables_is_read_line_by_line():
    # A hand-made HTML 4 page: its <article> in the middle column of a layout table, the
    # byline and the date as <b>, <i> and <font> lines between <br>s, a captioned photo,
    # the story's paragraphs apart by <br><br>, a print line under it.
    html = (BODIES / "p13.html").read_bytes()
    assert b'<td width="600" valign="top" class="maincol">' in html
    answer, article = _bodies_page("p13.html", html)
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0] == answer["body_first"]
    assert paragraphs[-1] == answer["body_last"]
    assert len(paragraphs) == 6
    assert article.published_at[:10] == "2026-12-03"


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        ("The M/V Islander docks at Port Haven. (Photo by Ned Carver)", False),
        ("The M/V Islander docks at Port Haven. (Photo: Ned Carver)", False),
        ("The M/V Islander docks at Port Haven, the photo shows.", True),
    ],
)
def test_a_line_closing_on_a_photo_credit_is_a_caption(caption, kept):
    printed = "The M/V Islander docks at Port Haven. (Photo by Ned Carver)"
    html = (BODIES / "p13.html").read_bytes().replace(printed.encode(), caption.encode())
    _, article = _bodies_page("p13.html", html)
    assert (caption in article.body) is kept
