"""Literal expectations for pages that each carry one trap, written by hand from the pages
as a reader sees them (not read from truth.json)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scraper.extract import extract_page
from scraper.testkit.server import BUNDLED_SITE

ORIGIN = "https://www.akhbar-turkiya.example"
REFERENCE = datetime(2025, 12, 15, 9, 5, tzinfo=UTC)


def extract(post_id: int):
    html = (BUNDLED_SITE / "pages" / f"post-{post_id}.html").read_bytes()
    result = extract_page(
        html, ORIGIN + "/", REFERENCE, site="zox-demo", timezone="Europe/Istanbul"
    )
    return result.article


# post id -> (source names, source line, labelled category, all categories, precision)
CASES = {
    10230: (["رويترز"], "المصدر: رويترز", "دولي", ["دولي"], "day"),  # linked name
    10359: (["الجزيرة نت"], "المصدر: الجزيرة نت", "دولي", ["دولي"], "exact"),  # bold label
    9387: (
        ["رويترز", "فرانس برس"],
        "المصدر: رويترز + فرانس برس",
        "مقالات وتقارير",
        ["مقالات وتقارير"],
        "day",
    ),
    10267: (["وكالات"], "(المصدر: وكالات)", "منوعات", ["منوعات"], "day"),  # video layout
    6529: (["رويترز"], "المصدر - رويترز", "الاقتصاد التركي", ["الاقتصاد التركي"], "day"),
    10235: (["الأناضول"], "المصدر : الأناضول", "الرياضية اليوم", ["الرياضية اليوم"], "exact"),
    7064: (["حرييت", "سوزجو"], "المصدر: حرييت، سوزجو", "مقالات وتقارير", ["مقالات وتقارير"], "day"),
    10350: (
        ["ترك برس", "ديلي صباح"],
        "المصدر: ترك برس، ديلي صباح",
        "الجاليات العربية",
        ["الجاليات العربية", "تركيا الآن"],  # two categories, from JSON-LD
        "exact",
    ),
    10342: ([], None, "مقالات وتقارير", ["مقالات وتقارير"], "exact"),  # no source line
    10374: ([], None, "تركيا الآن", ["تركيا الآن"], "window"),  # no source line, wide layout
}


@pytest.mark.parametrize("post_id", sorted(CASES))
def test_trap_pages(post_id):
    names, line, category, categories, precision = CASES[post_id]
    article = extract(post_id)
    assert article.post_id == post_id
    assert article.source == names
    assert article.source_raw == line
    assert article.category["name"] == category
    assert [c["name"] for c in article.categories] == categories
    assert all(c["url"].startswith(ORIGIN + "/category/") for c in article.categories)
    assert article.precision == precision
    assert "المصدر:" not in article.body
    if not names:
        assert article.missing["source"]


def test_english_lang_attribute_on_an_arabic_page():
    article = extract(10259)
    assert article.language == "ar"
    assert article.provenance["language"] == "text-script"


def test_logo_h1_is_not_the_headline():
    article = extract(10278)
    assert (
        article.headline
        == "بدء التسجيل في امتحان “YÖS” للطلاب الأجانب لعام 2026 في الجامعات التركية"
    )


@pytest.mark.parametrize("post_id", [10340, 9855])
def test_prose_mentioning_the_source_stays_in_the_body(post_id):
    article = extract(post_id)
    assert "وقال المصدر" in article.body
    assert article.source == ["الأناضول", "وكالات"]


def test_in_content_ads_and_share_buttons_are_not_text():
    for post_id in CASES:
        body = extract(post_id).body
        for noise in ("adsbygoogle", "فيسبوك", "واتساب", "Advertisement", "Related Topics"):
            assert noise not in body
