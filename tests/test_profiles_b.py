"""Jannah and Jarida/Sahifa profiles against their generated fixture pages.

Every expectation below is written by hand from what the page shows (not read from the
`.expected.json` records). The pages were rendered at Mon, 15 Dec 2025 09:00:00 GMT (their
`Date` header), so "منذ 3 ساعات" means 05:30–06:30 UTC that day.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from scraper.extract.profiles import detect_profile
from scraper.testkit.fixtures import FIXTURES_ROOT, extract_fixture
from scraper.testkit.server import BUNDLED_SITE


@cache
def page(site: str, slug: str) -> dict:
    return extract_fixture(FIXTURES_ROOT / site / f"{slug}.html", site)


# (slug, headline, first paragraph start, sources, category, published_at, earliest, latest)
JANNAH = [
    (
        "budget-surplus-q4",
        "السعودية تسجل فائضاً في ميزانية الربع الرابع للمرة الأولى منذ عامين",
        "أعلنت وزارة المالية السعودية اليوم الاثنين",
        ["واس"],  # its Source box wins over the line "المصدر: وكالات"
        "اقتصاد",
        # Yoast JSON-LD 09:12 Riyadh time, inside the "منذ 3 ساعات" window.
        "2025-12-15T06:12:00Z",
        "2025-12-15T06:12:00Z",
        "2025-12-15T06:12:00Z",
    ),
    (
        "hilal-cup-semifinal",
        "الهلال يتأهل إلى نصف نهائي كأس الملك بعد فوز صعب على الاتحاد",
        "تأهل فريق الهلال إلى الدور نصف النهائي",
        ["صحيفة الرياضية"],
        "رياضة",
        "2025-12-15T07:00:00Z",  # منذ ساعتين
        "2025-12-15T06:30:01Z",
        "2025-12-15T07:30:00Z",
    ),
    (
        "gulf-summit-red-sea",
        "قمة خليجية طارئة في الدوحة لبحث أمن الملاحة في البحر الأحمر",
        "تستضيف العاصمة القطرية الدوحة اليوم",
        ["رويترز"],
        "سياسة",
        # The permalink's day in Riyadh: "منذ ٥ ساعات" counts from the last edit (Jannah's
        # "modified" date type) and disagrees with it.
        "2025-12-12T21:00:00Z",
        "2025-12-12T21:00:00Z",
        "2025-12-13T20:59:59Z",
    ),
    (
        "neom-workers-housing",
        "تقرير: مدن سكنية جديدة للعاملين في المشاريع الكبرى خلال 2026",
        "كشف تقرير حكومي عن خطة لإنشاء مدن سكنية",
        ["وكالة الأنباء السعودية"],
        "تقارير",  # Yoast's breadcrumb: the primary category, not the first label
        "2025-12-13T04:30:00Z",
        "2025-12-13T04:30:00Z",
        "2025-12-13T04:30:00Z",
    ),
    (
        "arabic-ai-model",
        "إطلاق نموذج ذكاء اصطناعي عربي مفتوح المصدر لخدمة الجهات الحكومية",
        "أطلقت الهيئة الوطنية للبيانات والذكاء الاصطناعي",
        ["سكاي نيوز عربية"],
        "تقنية",
        # Non-ISO article:published_time "2025-10-28 14:05:00" in Riyadh time.
        "2025-10-28T11:05:00Z",
        "2025-10-28T11:05:00Z",
        "2025-10-28T11:05:00Z",
    ),
    (
        "new-airport",
        "بدء التشغيل التجريبي لمطار الملك سلمان الدولي في الربع الأول",
        "أعلنت شركة مطار الملك سلمان الدولي",
        ["وكالة الأنباء السعودية", "العربية"],  # its Source box (a Via box beside it)
        "محليات",
        "2025-12-15T08:15:00Z",  # منذ 45 دقيقة
        "2025-12-15T08:14:31Z",
        "2025-12-15T08:15:30Z",
    ),
]

JARIDA = [
    (
        "cabinet-electricity-plan",
        "مجلس الوزراء يقرّ خطة الكهرباء بعد جلسة ماراثونية",
        "أقرّ مجلس الوزراء اللبناني مساء الأحد",
        ["الوكالة الوطنية للإعلام"],
        "لبنان",
        "2025-12-14T16:20:00Z",  # JSON-LD 18:20+02:00, on the visible day 14 كانون الأول
        "2025-12-14T16:20:00Z",
        "2025-12-14T16:20:00Z",
    ),
    (
        "fuel-prices-third-week",
        "ارتفاع أسعار المحروقات للأسبوع الثالث على التوالي",
        "ارتفع سعر صفيحة البنزين 95 أوكتان",
        ["وكالات"],
        "اقتصاد",
        "2025-12-12T22:00:00Z",  # 13 كانون الأول 2025, Beirut day (UTC+2)
        "2025-12-12T22:00:00Z",
        "2025-12-13T21:59:59Z",
    ),
    (
        "remittances-report",
        "تحويلات المغتربين تتجاوز سبعة مليارات دولار للمرة الأولى",
        "تجاوزت تحويلات المغتربين اللبنانيين",
        ["رويترز", "أ ف ب"],
        "اقتصاد",
        "2025-11-12T08:00:00Z",
        "2025-11-12T08:00:00Z",
        "2025-11-12T08:00:00Z",
    ),
    (
        "baalbek-festival-return",
        "مهرجانات بعلبك تعلن برنامج دورتها المقبلة",
        "أعلنت لجنة مهرجانات بعلبك الدولية",
        ["النهار"],
        "ثقافة",
        "2025-10-09T21:00:00Z",  # 10 تشرين الأول/أكتوبر 2025 (summer time, UTC+3)
        "2025-10-09T21:00:00Z",
        "2025-10-10T20:59:59Z",
    ),
    (
        "port-reconstruction",
        "بدء المرحلة الثانية من إعادة إعمار مرفأ بيروت",
        "بدأت صباح اليوم المرحلة الثانية",
        [],
        "لبنان",
        "2025-12-15T06:00:00Z",  # قبل 3 ساعات
        "2025-12-15T05:30:01Z",
        "2025-12-15T06:30:00Z",
    ),
    (
        "arab-league-meeting",
        "اجتماع وزاري عربي في القاهرة لبحث الأوضاع في المنطقة",
        "عقد وزراء الخارجية العرب اجتماعاً طارئاً",
        ["الجزيرة"],
        "عربي ودولي",
        "2025-12-02T14:45:00Z",  # 2 كانون الأول 2025 - 16:45
        "2025-12-02T14:45:00Z",
        "2025-12-02T14:45:59Z",
    ),
]

CASES = [("jannah-demo", *case) for case in JANNAH] + [("jarida-demo", *case) for case in JARIDA]


@pytest.mark.parametrize(
    "site,slug,headline,first,sources,category,published,earliest,latest",
    CASES,
    ids=[f"{c[0]}:{c[1]}" for c in CASES],
)
def test_article_fields(
    site, slug, headline, first, sources, category, published, earliest, latest
):
    out = page(site, slug)
    assert out["page_type"] == "article"
    article = out["article"]
    assert article["headline"] == headline
    paragraphs = article["body"].split("\n\n")
    assert paragraphs[0].startswith(first)
    assert article["source"] == sources
    assert article["category"]["name"] == category
    assert article["published_at"] == published
    assert article["published_earliest"] == earliest
    assert article["published_latest"] == latest
    assert article["language"] == "ar"
    assert article["profile"] == ("jannah@1" if site == "jannah-demo" else "jarida@1")
    # Share buttons, ads, inline "read also" boxes and related posts are not body text.
    for noise in ("فيسبوك", "إعلان", "اقرأ أيضاً", "مقالات ذات صلة", "الوسوم", "شاركها"):
        assert noise not in article["body"]
    if sources:
        assert "المصدر" not in paragraphs[-1]
    else:
        assert article["source_raw"] is None


def test_prose_mentioning_the_source_is_kept_as_body():
    body = page("jannah-demo", "arabic-ai-model")["article"]["body"]
    assert "وقال المصدر إن النموذج سيتاح" in body


def test_two_categories_and_authors_and_tags():
    housing = page("jannah-demo", "neom-workers-housing")["article"]
    assert [c["name"] for c in housing["categories"]] == ["تقارير", "سياسة"]
    assert housing["categories"][0]["url"].endswith("/category/reports/")
    assert housing["categories"][1]["url"].endswith("/category/politics/")
    assert housing["author"] == "نورة القحطاني"
    assert housing["tags"] == ["الإسكان", "المشاريع الكبرى"]
    remittances = page("jarida-demo", "remittances-report")["article"]
    assert [c["name"] for c in remittances["categories"]] == ["اقتصاد", "تقارير"]
    assert remittances["author"] == "ميشال عون الله"
    assert remittances["tags"] == ["المغتربون", "مصرف لبنان"]


def test_jannah_meta_line_by_id_and_full_width_title_layouts():
    """Real Jannah sites print the post's meta line as `div.single-post-meta` in some
    versions and `div#single-post-meta` in others (hilal-cup-semifinal); post layouts 3
    (new-airport) and 4 (arabic-ai-model) print the whole title area (categories,
    headline, meta line) above the content row, outside article#the-post. The profile
    reads the byline and the date there (the windows: test_article_fields)."""
    for slug, author in (
        ("hilal-cup-semifinal", "فهد الدوسري"),
        ("new-airport", "عبدالله المطيري"),
        ("arabic-ai-model", "خالد الشهري"),
    ):
        article = page("jannah-demo", slug)["article"]
        assert article["provenance"]["headline"] == "jannah@1:h1.post-title.entry-title"
        assert article["author"] == author
        if slug != "arabic-ai-model":  # no metadata: the permalink and the meta line date it
            assert article["provenance"]["published_at"] == "url+visible-date:may-be-modified"
    # The layout-4 page's root is the whole page: the sidebar's category labels stay out.
    wide = page("jannah-demo", "arabic-ai-model")["article"]
    assert [c["name"] for c in wide["categories"]] == ["تقنية"]
    assert wide["tags"] == ["الذكاء الاصطناعي"]


def _item(items: list[dict], url_end: str) -> dict:
    return next(item for item in items if item["url"].endswith(url_end))


def test_jannah_list_items():
    items = page("jannah-demo", "hilal-cup-semifinal")["list_items"]
    assert len(items) == 13  # 3 related + 5 recent + 3 popular + 2 footer
    assert {i["widget"] for i in items} == {"related", "sidebar", "footer"}
    item = _item(items, "/2025/12/14/riyadh-season-events/")
    assert item["time_raw"] == "منذ ١١ ساعة"
    assert item["title"] == "موسم الرياض يعلن عن فعاليات جديدة في بوليفارد سيتي"
    assert (item["earliest"], item["latest"]) == ("2025-12-14T21:30:01Z", "2025-12-14T22:30:00Z")
    older = _item(items, "/2025/10/28/arabic-ai-model/")
    assert older["time_raw"] == "28 أكتوبر 2025"
    assert (older["earliest"], older["latest"]) == ("2025-10-27T21:00:00Z", "2025-10-28T20:59:59Z")


def test_jannah_category_listing():
    out = page("jannah-demo", "category-economy")
    assert out["page_type"] == "listing" and out["article"] is None
    archive = [i for i in out["list_items"] if i["widget"] == "archive"]
    assert len(archive) == 8
    assert len(out["list_items"]) == 18
    item = _item(archive, "/2025/12/10/ipo-approvals/")
    assert item["time_raw"] == "منذ ٥ أيام"
    assert item["category"] == "اقتصاد"
    assert (item["earliest"], item["latest"]) == ("2025-12-09T21:00:01Z", "2025-12-10T21:00:00Z")


def test_jarida_list_items():
    items = page("jarida-demo", "cabinet-electricity-plan")["list_items"]
    assert len(items) == 12  # 3 related + 4 recent + 3 popular + 2 footer
    assert {i["widget"] for i in items} == {"related", "sidebar", "footer"}
    item = _item(items, "/2025/12/13/teachers-strike/")
    assert item["time_raw"] == "١٣ كانون الأول ٢٠٢٥"
    assert (item["earliest"], item["latest"]) == ("2025-12-12T22:00:00Z", "2025-12-13T21:59:59Z")
    popular = _item(items, "/2025/12/14/rain-wednesday/")
    assert popular["time_raw"] == "قبل 19 ساعة"
    assert (popular["earliest"], popular["latest"]) == (
        "2025-12-14T13:30:01Z",
        "2025-12-14T14:30:00Z",
    )


def test_jarida_category_listing():
    out = page("jarida-demo", "category-lebanon")
    assert out["page_type"] == "listing" and out["article"] is None
    archive = [i for i in out["list_items"] if i["widget"] == "archive"]
    assert len(archive) == 6
    assert len(out["list_items"]) == 15
    today = _item(archive, "/2025/12/15/dahr-al-baidar-snow/")
    assert today["time_raw"] == "15 كانون الأول 2025"
    # Today's date: from local midnight to the render time.
    assert (today["earliest"], today["latest"]) == ("2025-12-14T22:00:00Z", "2025-12-15T09:00:00Z")


def _detect(path: Path) -> str | None:
    profile, _ = detect_profile(path.read_text(encoding="utf-8"))
    return profile.name if profile else None


@pytest.mark.parametrize("site,profile", [("jannah-demo", "jannah"), ("jarida-demo", "jarida")])
def test_detect_profile_on_our_pages(site, profile):
    pages = sorted((FIXTURES_ROOT / site).glob("*.html"))
    assert len(pages) >= 6
    assert {_detect(path) for path in pages} == {profile}


def test_detect_profile_keeps_zox():
    assert _detect(BUNDLED_SITE / "pages" / "post-10322.html") == "zox"


def test_a_visible_date_that_may_be_the_modified_one_does_not_date_the_post():
    """Jannah's "modified" date type prints "منذ ٥ ساعات" from the last edit: with no
    metadata, the permalink's day dates the post, and the disagreeing visible time is no
    witness (it dated the post five hours before the crawl before)."""
    article = page("jannah-demo", "gulf-summit-red-sea")["article"]
    assert article["published_at"].startswith("2025-12-12T21:00")  # the 13th in Riyadh
    assert article["published_sources"] == ["url"]


def test_a_visible_date_that_agrees_with_the_permalink_narrows_it():
    article = page("jannah-demo", "hilal-cup-semifinal")["article"]  # "منذ ساعتين"
    assert article["published_sources"] == ["url", "visible-date:may-be-modified"]
    assert article["published_earliest"] == "2025-12-15T06:30:01Z"


def test_the_visible_date_never_outvotes_metadata():
    article = page("jannah-demo", "neom-workers-housing")["article"]  # "منذ يومين"
    assert article["published_sources"] == ["json-ld", "meta:article:published_time"]
    assert "visible-date" not in article["provenance"]["published_at"]


def test_yoast_breadcrumb_names_the_primary_category():
    article = page("jannah-demo", "neom-workers-housing")["article"]
    assert article["category"]["name"] == "تقارير"
    assert article["provenance"]["category"] == "breadcrumb"
