"""Pages a review built against this stop's extraction rules, each where a rule fired on
something it must not: a menu before the story's wrapper, a ticker's current story, related
cards typed as articles, a strip of columnists, a role before a colon, a sentence that looks
like a sign-off, a chart's source note, a day's archive link, a decorated site name, another
story's teaser (tests/fixtures/review-cases)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "review-cases"
REFERENCE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def article(file: str, url: str):
    page = extract_page((HERE / file).read_bytes(), url, REFERENCE, profile="auto")
    assert page.page_type == "article", page.reason
    return page.article


@pytest.mark.parametrize(
    ("file", "url", "category"),
    [
        # The site's <nav> sits before the wrapper the h1 opens: its first entry is no label;
        # the menu's link to the folder the address sits in is.
        ("section-from-nav.html", "https://watan.example/sport/2026/02/28/national-team-wins-three-nil", "رياضة"),
        # A news ticker in the header marks its current story "active".
        ("active-ticker.html", "https://akhbar.example/news/2026/02/28/zarqa-new-hospital", None),
        # The printed date links to the day's archive, a folder of the address.
        ("date-archive-link-as-section.html", "https://thaqafa.example/2026/02/28/book-fair-opens-600-publishers/", None),
    ],
)  # fmt: skip
def test_a_menu_a_ticker_or_a_day_archive_names_no_section(file, url, category):
    assert (article(file, url).category or {}).get("name") == category


def test_related_cards_typed_as_articles_leave_the_story_an_article_dated_by_its_own_time():
    story = article(
        "microdata-related.html",
        "https://alkhabar.example/economy/gold-prices-rise-local-markets-today",
    )
    assert story.published_at == "2026-03-01T10:30:00Z"
    dated = article(
        "microdata-published-related.html",
        "https://thaqafa.example/posts/book-fair-opens-with-600-publishers",
    )
    assert dated.published_at[:10] == "2026-02-28" and "microdata" not in dated.published_sources


@pytest.mark.parametrize(
    ("file", "url", "author"),
    [
        ("writers-strip.html", "https://iqtisad.example/news/2026/02/28/central-bank-holds-rates", "ليلى حسن"),
        ("editor-in-chief-byline.html", "https://almasaa.example/opinion/2026/02/28/economic-reform-cannot-wait", "خالد عبد الرحمن"),
    ],
)  # fmt: skip
def test_a_columnist_strip_or_a_role_before_the_name_does_not_mislead_the_author(file, url, author):
    assert article(file, url).author == author


def test_a_last_sentence_that_opens_like_a_sign_off_stays():
    story = article(
        "signoff-eats-story.html",
        "https://ledger.example/business/2026/02/28/carmaker-halts-output-ohio-plant-fire",
    )
    assert story.body.endswith("Production by the plant is expected to resume in April.")


def test_a_charts_source_note_inside_the_story_is_not_the_storys_source():
    story = article(
        "header-source-midbody.html",
        "https://iqtisad.example/economy/2026/02/28/unemployment-lowest-in-ten-years",
    )
    assert story.source in (None, []) and "المصدر: البنك الدولي" in story.body


def test_a_decorated_site_name_leaves_the_headline():
    story = article("site-name-suffix.html", "https://www.elbalad.news/6200123")
    assert story.headline == "ارتفاع أسعار الذهب اليوم في الأسواق المصرية"


def test_another_storys_teaser_seen_linked_before_stays_out_of_the_body():
    story = article(
        "teaser-unlinked-in-body.html",
        "https://ghad.example/local/2026/02/28/aqaba-desalination-plant-opens",
    )
    assert "توسعة ميناء العقبة" not in story.body
