"""Pages a review built against the third probing round's rules (tests/fixtures/review-cases,
`r3-*`), each where a rule fired on something it must not: a guide and a story about "404"
errors, a syndicated story whose h1 links to its source, a latest-news title that opens
with "تحديث", a story "originally published in Spanish", a tutorial quoting a cache's
stamp, a WordPress left on UTC under a cache, a section front at a four-digit address."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "review-cases"
NOON = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def page(file: str, url: str, timezone: str, reference: datetime = NOON):
    html = (HERE / f"r3-{file}").read_text(encoding="utf-8")
    return extract_page(html, url, reference, profile="auto", timezone=timezone)


def test_a_guide_and_a_story_about_404_errors_are_articles():
    guide = page(
        "en_fix_404_guide.html", "https://sitecraft-guides.com/fix-404-errors-wordpress/", "UTC"
    )
    assert guide.page_type == "article" and guide.article.published_at == "2026-12-02T09:15:00Z"
    story = page(
        "ar_error404_news.html",
        "https://alyawm-news.net/2026/12/04/government-portal-outage-hours/",
        "Asia/Riyadh",
    )
    assert story.page_type == "article"
    assert story.article.headline.startswith("«خطأ 404»")


def test_a_syndicated_storys_h1_linking_to_its_source_is_no_lead_story():
    story = page(
        "ar_syndicated_linked_h1.html",
        "https://gulf-daily-mirror.com/2026/12/04/oman-flash-floods-damage-estimate/",
        "Asia/Muscat",
    )
    assert story.page_type == "article" and story.article.published_at == "2026-12-04T04:40:00Z"


def test_a_title_that_opens_with_tahdith_is_no_update_label():
    listed = page(
        "ar_widget_short_titles.html",
        "https://sada-alwatan.com/news/2026/12/04/central-bank-holds-rates-third-time/",
        "Asia/Riyadh",
    )
    assert "تحديث جديد لواتساب" in [item.title for item in listed.list_items]


def test_a_language_is_no_publisher():
    story = page(
        "en_originally_spanish.html",
        "https://borderlands-report.org/2026/12/03/asylum-seekers-wait-ciudad-juarez-shelters-hearings/",
        "America/Denver",
    )
    assert story.article.source == []


def test_a_stamp_quoted_in_the_page_is_no_render_time():
    story = page(
        "ar_tutorial_quoted_stamp.html",
        "https://dorous-wp.com/wp-super-cache-shar7/",
        "Asia/Riyadh",
    )
    assert story.article.reference_time == "2026-12-04T12:00:00Z"
    assert "reference_time" not in story.article.provenance


def test_a_stamp_the_pages_own_time_contradicts_is_no_render_time():
    # WordPress left on UTC: its cache's stamp read in Riyadh's zone is 3 hours early, before
    # the publication time the page states.
    story = page(
        "ar_cache_stamp_wp_utc.html",
        "https://akhbar-alriyadh24.com/2026/12/04/riyadh-king-fahd-road-project-starts/",
        "Asia/Riyadh",
        datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
    )
    assert story.article.published_at == "2026-12-04T07:05:00Z"
    assert story.article.reference_time == "2026-12-04T09:00:00Z"


def test_a_section_front_at_a_four_digit_address_is_no_article():
    front = page(
        "ar_section_front_4digit.html",
        "https://www.alraya-portal.com/ar/section/1203",
        "Asia/Qatar",
    )
    assert front.article is None and len(front.list_items) == 6


# The second review: the Next.js block reader, printed date fields, republished lines.


def test_a_section_fronts_teasers_in_its_data_are_no_story():
    front = page(
        "n1_section_front_blocks.html",
        "https://www.harbortimes.com/business",
        "America/Los_Angeles",
    )
    assert front.article is None


def test_arc_blocks_give_text_heading_and_list_not_ads_or_links_out():
    story = page(
        "n2_arc_blocks_client.html",
        "https://www.harbortimes.com/news/2026/12/02/council-leaf-blowers/",
        "America/Los_Angeles",
    ).article
    paragraphs = story.body.split("\n\n")
    assert "What the rebates cover" in paragraphs
    assert "Free recycling of old gas blowers at the municipal yard." in paragraphs
    assert "googletag" not in story.body and "Read more" not in story.body


def test_contentful_list_items_and_quote_paragraphs_stay_apart():
    story = page(
        "n3_contentful_list.html",
        "https://www.harbortimes.com/articles/transit-fare-caps",
        "America/Los_Angeles",
    ).article
    paragraphs = story.body.split("\n\n")
    assert "You must pay with a registered Clipper card or the mobile app." in paragraphs
    assert "Cash fares do not count toward the cap." in paragraphs


def test_an_update_field_before_the_publication_field_is_not_the_publication():
    story = page(
        "d1_ar_update_first.html", "https://alwadi-portal.com/news/88123", "Asia/Riyadh"
    ).article
    assert story.published_at == "2026-12-01T06:15:00Z"


def test_a_weekday_is_no_publisher():
    story = page(
        "s1_en_first_published_monday.html",
        "https://baycivicnews.org/2026/11/30/pier-7-warehouse/",
        "America/Los_Angeles",
    ).article
    assert story.source == []
