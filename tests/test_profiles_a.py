"""JNews and Newspaper (tagDiv) profiles against their fixture pages, with expectations
written by hand from the pages (tests/fixtures/generate_themes_a.py writes the pages)."""

from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.profiles import detect_profile
from scraper.testkit.accuracy_real import committed_page
from scraper.testkit.fixtures import FIXTURES_ROOT, extract_fixture
from scraper.testkit.server import BUNDLED_SITE

# (slug, headline, body start, sources, category, published_at or (earliest, latest))
JNEWS = [
    (
        "post-4101",
        "الحكومة تقر مشروع موازنة 2026 وتحيله إلى مجلس النواب",
        "أقر مجلس الوزراء في جلسته",
        ["بترا"],
        "اقتصاد",
        "2025-12-15T05:47:00Z",  # JSON-LD 08:47 Amman, inside "منذ 3 ساعات"
    ),
    (
        "post-4102",
        "حملة وطنية للتطعيم ضد الإنفلونزا الموسمية في المدارس والمراكز الصحية",
        "أطلقت وزارة الصحة حملة وطنية",
        ["وكالات"],
        "محليات",
        ("2025-12-12T21:00:01Z", "2025-12-13T21:00:00Z"),  # "قبل يومين", true 10:15Z
    ),
    (
        "post-4103",
        "الفيصلي يحسم قمة الدوري أمام الوحدات بهدفين مقابل هدف",
        "حسم فريق الفيصلي قمة الجولة",
        ["رويترز", "الأناضول"],
        "رياضة",
        "2025-12-15T08:55:20Z",
    ),
    (
        "post-4104",
        "البتراء تستقبل أكثر من مليون زائر للمرة الأولى منذ سنوات",
        "أعلنت سلطة إقليم البتراء",
        ["وكالة الأنباء الأردنية (بترا)"],  # its Source box
        "ثقافة وفنون",
        "2025-12-14T16:30:00Z",
    ),
    (
        "post-4105",
        "تشغيل أكبر محطة للطاقة الشمسية في معان بقدرة 200 ميغاواط",
        "بدأت محطة جديدة للطاقة الشمسية",
        ["الجزيرة نت"],
        "اقتصاد",
        ("2025-12-15T04:30:01Z", "2025-12-15T05:30:00Z"),  # "منذ ٤ ساعات", true 05:10Z
    ),
]

NEWSPAPER = [
    (
        "post-7201",
        "بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة",
        "بدأت وزارة النقل صباح اليوم",
        ["بوابة الأهرام"],
        "أخبار مصر",
        "2025-12-15T06:12:00Z",
    ),
    (
        "post-7202",
        "قافلة مساعدات جديدة تعبر منفذ رفح محملة بالأدوية والوقود",
        "عبرت قافلة جديدة من المساعدات",
        ["الأناضول"],
        "عربي ودولي",
        "2025-12-14T13:05:00Z",
    ),
    (
        "post-7203",
        "الأهلي يتأهل إلى نهائي السوبر بعد الفوز على بيراميدز بركلات الترجيح",
        "تأهل النادي الأهلي إلى المباراة",
        ["رويترز", "فرانس برس"],
        "رياضة",
        "2025-12-15T08:55:10Z",
    ),
    (
        "post-7204",
        "انتعاش موسم الرحلات النيلية بين الأقصر وأسوان مع دخول الشتاء",
        "تشهد الرحلات النيلية بين الأقصر",
        ["وكالة أنباء الشرق الأوسط"],  # its Source box (a Via box beside it)
        "اقتصاد",
        "2025-12-13T17:40:00Z",
    ),
    (
        "post-7205",
        "السيطرة على حريق في مخزن أخشاب بالجيزة دون إصابات",
        "تمكنت قوات الحماية المدنية",
        ["وكالات"],
        "حوادث",
        "2025-12-13T07:30:00Z",
    ),
]


def _page(site: str, slug: str) -> dict:
    return extract_fixture(FIXTURES_ROOT / site / f"{slug}.html", site)


@pytest.mark.parametrize(
    ("site", "case"),
    [("jnews-demo", c) for c in JNEWS] + [("newspaper-demo", c) for c in NEWSPAPER],
    ids=lambda v: v if isinstance(v, str) else v[0],
)
def test_article(site, case):
    slug, headline, body_start, sources, category, published = case
    page = _page(site, slug)
    assert page["page_type"] == "article"
    article = page["article"]
    assert article["headline"] == headline
    assert article["body"].startswith(body_start)
    for noise in ("إعلان", "شارك على", "ذات صلة", "اقرأ أيضا", "الوسوم"):
        assert noise not in article["body"]
    assert (article["source"] or []) == sources
    assert article["category"]["name"] == category
    if isinstance(published, tuple):
        assert article["precision"] == "window"
        assert (article["published_earliest"], article["published_latest"]) == published
    else:
        assert article["published_at"] == published
        assert article["precision"] == "exact"


def test_jnews_details():
    article = _page("jnews-demo", "post-4105")["article"]
    assert article["author"] == "رنا الخطيب"
    assert article["tags"] == ["الطاقة المتجددة", "معان"]
    # the inline "اقرأ أيضا" block and the inline ad sit between paragraphs
    assert len(article["body"].split("\n\n")) == 4
    assert "وقال المصدر إن" in _page("jnews-demo", "post-4104")["article"]["body"]


def test_jnews_custom_and_full_screen_single_templates():
    """Real JNews sites print single posts in two layouts the classic fixtures lack: a custom
    single template built with the theme's elements (post-4102: the builder's rows in
    `.custom_post_template`, each element in a `jeg_custom_*` wrapper, no `.jeg_singlepage`)
    and single template 4 (post-4104: the title and the byline in `.jeg_featured_big`, above
    and outside `.jeg_singlepage`). The profile reads both whole."""
    custom = _page("jnews-demo", "post-4102")["article"]
    assert custom["profile"] == "jnews@1"
    assert custom["provenance"]["headline"] == "jnews@1:h1.jeg_post_title"
    assert custom["author"] == "محمد العبادي"
    assert custom["tags"] == ["الإنفلونزا", "وزارة الصحة", "التطعيم"]
    # Its only date is the builder's meta element ("قبل يومين").
    assert custom["provenance"]["published_at"] == "visible-date"
    full_screen = _page("jnews-demo", "post-4104")["article"]
    assert full_screen["profile"] == "jnews@1"
    assert full_screen["provenance"]["headline"] == "jnews@1:h1.jeg_post_title"
    assert full_screen["author"] == "ليلى النسور"
    assert [c["name"] for c in full_screen["categories"]] == ["ثقافة وفنون"]


def test_newspaper_two_categories_and_cloud_template():
    article = _page("newspaper-demo", "post-7202")["article"]
    assert [c["name"] for c in article["categories"]] == ["عربي ودولي", "أخبار مصر"]
    cloud = _page("newspaper-demo", "post-7205")["article"]
    # Read by the profile: the template's own article element (type-tdb_templates) is its root.
    assert cloud["profile"] == "newspaper@1"
    assert cloud["author"] == "محمود حسن"
    assert cloud["tags"] == ["الحماية المدنية", "الجيزة"]


def test_a_real_cloud_template_page_is_read_by_the_newspaper_profile():
    """A real Newspaper site's story on a tagDiv Cloud single template (The Namibian): the
    article element is the template's, the byline a rel=author link. The profile reads it
    whole, as the expectation written for the page has it."""
    page = committed_page("na/TheNamibian_2023")
    row = page.expected
    record = extract_page(page.html(), row["url"], page.reference, profile="auto")
    article = record.article
    assert article.profile == "newspaper@1"
    assert article.headline == row["title"]
    assert article.author == row["authors"][0]
    assert article.published_at == "2023-11-15T17:00:00Z"
    # The expectation glues the two lines the page parts with a bare <br> ("he
    # said.<br>Alweendo said"); the body keeps them apart, as the page shows them.
    glued = "he said.Alweendo said"
    assert b"he said.<br>Alweendo said" in page.html()
    expected = []
    for paragraph in [*(row.get("summary") or []), *row["paragraphs"]]:
        if glued in paragraph:
            first, second = paragraph.split(glued)
            expected += [first + "he said.", "Alweendo said" + second]
        else:
            expected.append(paragraph)
    assert article.body.split("\n\n") == expected


def test_jnews_listing():
    page = _page("jnews-demo", "category-economy")
    assert page["page_type"] == "listing"
    items = page["list_items"]
    assert len(items) == 15  # 2 hero + 8 archive + 5 sidebar
    assert [i["widget"] for i in items].count("archive") == 8
    item = next(i for i in items if i["url"].endswith("/industrial-zone-irbid/"))
    assert item["widget"] == "archive"
    assert item["time_raw"] == "قبل ٣ أيام"
    assert (item["earliest"], item["latest"]) == ("2025-12-11T21:00:01Z", "2025-12-12T21:00:00Z")
    hero = items[0]
    assert hero["widget"] == "archive-featured"
    assert hero["category"] == "اقتصاد"
    assert hero["time_raw"] == "منذ ساعتين"


def test_newspaper_listing():
    page = _page("newspaper-demo", "category-sports")
    assert page["page_type"] == "listing"
    items = page["list_items"]
    assert len(items) == 15  # 8 archive + 5 sidebar + 2 footer (the grid prints no time)
    item = next(i for i in items if i["url"].endswith("/ismaily-new-coach/"))
    assert item["time_raw"] == "٥ أيام مضت"
    assert item["category"] == "رياضة"
    # The visible "5 days ago" is kept as printed; the window comes from the item's exact
    # time[datetime] (inside the visible string's window).
    assert (item["earliest"], item["latest"]) == ("2025-12-10T10:15:00Z", "2025-12-10T10:15:00Z")
    footer = [i for i in items if i["widget"] == "footer"]
    assert [i["time_raw"] for i in footer] == ["منذ 7 ساعات", "منذ ٩ ساعات"]


def test_article_pages_list_items():
    items = _page("newspaper-demo", "post-7201")["list_items"]
    assert len(items) == 7
    assert items[0]["widget"] == "sidebar"
    assert items[0]["time_raw"] == "منذ 47 دقيقة"
    assert items[0]["earliest"] == items[0]["latest"] == "2025-12-15T08:13:00Z"
    items = _page("jnews-demo", "post-4101")["list_items"]
    assert [i["widget"] for i in items] == ["related"] * 3 + ["sidebar"] * 5


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("jnews-demo/post-4101.html", "jnews"),
        ("jnews-demo/post-4102.html", "jnews"),
        ("jnews-demo/post-4104.html", "jnews"),
        ("jnews-demo/category-economy.html", "jnews"),
        ("newspaper-demo/post-7201.html", "newspaper"),
        ("newspaper-demo/post-7205.html", "newspaper"),
        ("newspaper-demo/category-sports.html", "newspaper"),
        (BUNDLED_SITE / "pages" / "post-10322.html", "zox"),
    ],
)
def test_detect_profile(path, expected):
    text = Path(FIXTURES_ROOT / path).read_text(encoding="utf-8")
    profile, score = detect_profile(text)
    assert profile is not None and profile.name == expected
    assert score >= 3


def test_jnews_prints_the_modified_date_which_never_dates_the_post():
    """JNews's default date format prints get_the_modified_date(): post-4104 shows the day it
    was edited (15th); JSON-LD and article:published_time date it, with no conflict."""
    article = _page("jnews-demo", "post-4104")["article"]
    assert article["published_at"] == "2025-12-14T16:30:00Z"
    assert article["published_sources"] == ["json-ld", "meta:article:published_time"]
    assert article["date_conflicts"] == []
    assert article["modified_at"] == "2025-12-15T07:05:00Z"


def test_newspaper_showing_the_modified_date_does_not_outvote_the_stated_publication(tmp_path):
    # tagDiv's "show modified date": the header's <time> holds the last edit, its datetime
    # and its text ("منذ ساعة", an hour before the 09:00 GMT fetch) one moment; the SEO
    # plugin states the publication.
    source = FIXTURES_ROOT / "newspaper-demo" / "post-7202.html"
    html = source.read_text(encoding="utf-8")
    shown = (
        '<time class="entry-date updated td-module-date" datetime="2025-12-14T15:05:00+02:00" >'
        "قبل 20 ساعة</time>"
    )
    assert html.count(shown) == 1
    # The theme's own schema states the publication; no other meta tag does.
    stated = '<meta property="article:published_time" content="2025-12-14T15:05:00+02:00" />'
    assert html.count(stated) == 1 and '"datePublished"' in html
    html = html.replace(stated, "")
    edited = shown.replace("2025-12-14T15:05:00", "2025-12-15T10:00:00").replace(
        "قبل 20 ساعة", "منذ ساعة"
    )
    page = tmp_path / "post-7202.html"
    page.write_text(html.replace(shown, edited), encoding="utf-8")
    page.with_suffix(".response.json").write_bytes(
        source.with_suffix(".response.json").read_bytes()
    )
    article = extract_fixture(page, "newspaper-demo")["article"]
    assert article["published_at"] == "2025-12-14T13:05:00Z"
    assert article["date_conflicts"][0]["source"] == "time[datetime]"
