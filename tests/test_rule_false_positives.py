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


def article(file: str, url: str, reference: datetime = REFERENCE):
    page = extract_page((HERE / file).read_bytes(), url, reference, profile="auto")
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


# A second review, of the mends above and the rules after them.


def test_a_segment_naming_the_sites_city_is_no_site_name():
    # The site is called الرياض; its breaking headline names the city.
    story = article(
        "headline-site-word-in-segment.html",
        "https://www.alriyadh.example/2026/02/28/explosion-central-riyadh",
    )
    assert story.headline == "عاجل - انفجار يهز وسط الرياض"


def test_a_wire_sign_off_with_two_places_leaves_the_body():
    story = article(
        "signoff-two-places.html",
        "https://www.nordwire.example/markets/articles/c7e2k9q1x4ro",
        datetime(2026, 12, 1, 20, 0, tzinfo=UTC),  # the page was fetched a week after its date
    )
    assert "Reporting by" not in story.body and "Published" not in story.body


@pytest.mark.parametrize(
    ("file", "author"),
    [
        ("role-above-name-author-box.html", "وائل الدحدوح"),  # the role on its own line
        ("role-dash-place-byline.html", None),  # "مراسلة - القاهرة": a role and a city
    ],
)
def test_a_role_or_a_city_in_the_byline_is_no_author(file, author):
    url = "https://www.example-news.example/news/2026/02/28/storm-hits-coast/"
    assert article(file, url).author == author


@pytest.mark.parametrize(
    ("file", "url", "category"),
    [
        # An active menu item at a numeric section address is the section, not a story.
        ("active-section-numeric-id.html", "https://masr.example/News/Details/185530", "سياسة"),
        # A label strip of links before the story's wrapper, no menu.
        ("label-strip-before-wrapper.html", "https://tech.example/article/samsung-unveils-new-foldable,3412544.html", "هواتف ذكية"),
        # The menu beside the headline is no label; the menu's folder of the address is.
        ("section-from-nav-same-parent.html", "https://watan.example/sport/2026/02/28/national-team-wins-three-nil", "رياضة"),
        # A related card's post class names its own category, not the story's.
        ("post-class-from-related-card.html", "https://watan.example/2026/02/28/national-team-qualifies-asian-cup/", None),
    ],
)  # fmt: skip
def test_the_section_comes_from_the_story_not_from_cards_menus_or_numbers(file, url, category):
    assert (article(file, url).category or {}).get("name") == category


def test_microdata_cards_beside_a_story_that_is_no_item_and_a_comments_date_are_not_the_storys():
    page = extract_page(
        (HERE / "microdata-h1-outside-item.html").read_bytes(),
        "https://alkhabar.example/economy/gold-prices-rise-local-markets-today",
        REFERENCE,
        profile="auto",
    )
    assert page.page_type == "article"
    story = article(
        "microdata-comment-date.html",
        "https://thaqafa.example/posts/book-fair-opens-with-600-publishers",
    )
    assert story.published_at[:10] == "2026-02-28"


def test_a_header_source_after_a_dek_counts_and_a_captions_does_not():
    url = "https://dustour.example/economy/2026/02/28/cabinet-approves-budget"
    assert article("header-source-after-dek.html", url).source == ["وكالات"]
    assert article("header-source-wp-caption.html", url).source in (None, [])


def test_key_events_linking_into_the_page_with_a_query_keep_the_entries_headings():
    story = article(
        "liveblog-key-events-query-links.html",
        "https://www.observerdaily.example/world/live/2026/nov/29/nordland-election-live-results",
    )
    assert "Greens signal they will back a centre-left government" in story.body.split("\n\n")
