"""Arabic news layouts no profile knows (`tests/fixtures/generic-ar/`, written by
`tests/fixtures/generate_generic_ar.py` on the structure of real Egyptian, Gulf, Levantine,
Iraqi, Yemeni, Sudanese and Maghreb portals, Drupal and Next.js sites, pan-Arab
broadcasters and broadcasters' Arabic editions; opinion columns, video stories and a live
blog among them): the generic path reads each page's headline, printed date, section,
credit, byline and story, and leaves the header lines and boxes out of the body. The byline
slot is read by the same chain on a theme profile's page."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract import extract_page, metadata
from scraper.extract.generic import (
    byline_with_date,
    headline_date,
    headline_section,
    parse_lxml,
    without_header_lines,
)

HERE = Path(__file__).parent / "fixtures" / "generic-ar"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
REFERENCE = datetime.fromisoformat("2026-12-01T20:00:00+00:00")


def _extract(expected: dict):
    html = (HERE / expected["file"]).read_bytes()
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    return extract_page(html, expected["url"], reference, profile="auto")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"].removesuffix(".html"))
def test_an_arabic_layout_without_a_profile_is_read_whole(expected):
    page = _extract(expected)
    article = page.article

    assert page.page_type == "article" and article.profile == "generic@1"
    assert article.headline == expected["headline"]
    assert article.published_at[:10] == expected["published_day"]
    if expected["published_minute"]:
        assert article.published_at[11:16] == expected["published_minute"]
    if "window" in expected:
        assert [article.published_earliest, article.published_latest] == expected["window"]
    assert (article.category or {}).get("name") == expected["category"]
    assert (article.source or []) == expected["source"]
    assert article.author == expected["author"]
    assert article.body.startswith(expected["body_start"])
    assert article.body.endswith(expected["body_end"])
    for text in expected["not_in_body"]:
        assert text not in article.body


# What a site without an SEO plugin, or an older page of the same site, does not state.
_STATED_METADATA = (
    r'<script type="application/ld\+json"[^>]*>.*?</script>',
    r'<meta (?:property|name)="(?:og|article|twitter):[^"]*"[^>]*>',
    r'<meta (?:property|name)="(?:pubdate|publish_date|date|parsely-pub-date)"[^>]*>',
)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"].removesuffix(".html"))
def test_the_same_layout_stating_no_metadata_is_still_read(expected):
    html = (HERE / expected["file"]).read_text(encoding="utf-8")
    for pattern in _STATED_METADATA:
        html = re.sub(pattern, "", html, flags=re.S)
    assert not re.search(r'<meta (?:property|name)="og:', html) and "ld+json" not in html
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    page = extract_page(html, expected["url"], reference, profile="auto")
    assert page.page_type == "article", page.reason
    assert page.article.headline == expected["headline"]
    assert page.article.published_at[:10] == expected["published_day"]
    assert page.article.body.startswith(expected["body_start"])


def test_the_list_items_beside_the_story_are_found_with_their_times():
    page = _extract(EXPECTED[1])
    times = {item.url.rsplit("/", 1)[-1]: item.published_at for item in page.list_items}
    assert times == {
        "9001": "2026-12-01T12:00:00Z",
        "9002": "2026-12-01T11:00:00Z",
        "9003": "2026-12-01T09:00:00Z",
    }


HEADER_LINES = [
    (["الثلاثاء 01-12-2026 13:44"], ""),
    (["نشر في1/12/2026", "آخر تحديث: 1/12/2026 12:05 PM (بتوقيت مكة المكرمة)"], ""),
    (["10:15 ص الثلاثاء 01 ديسمبر 2026", "كتب- أحمد سالم:"], "أحمد سالم"),
    (["كتب: هبة محمود 03:05 م | الثلاثاء 01 ديسمبر 2026"], "هبة محمود"),
    (["منذ 5 ساعات"], ""),
    # A view counter before the relative date on the details line.
    (["1,204 قبل ساعتين"], ""),
    # The header's details list, as trafilatura prints its items.
    (["- كتب: أحمد الخالدي ووليد العنزي", "- 01 ديسمبر 2026"], "أحمد الخالدي, وليد العنزي"),
    # The breadcrumb printed as a line above them.
    (["أنت هنا: الرئيسية » أخبار مصر » خطة جديدة لتطوير شبكات الري", "منذ 5 ساعات"], ""),
    (["News › India News › RBI keeps repo rate unchanged", "01 ديسمبر 2026"], ""),
    # An agency before the date, the page's reading tools, the photo's label.
    (["PTI / Updated: Dec 1, 2026, 10:05 IST", "ShareAA+Text SizeFollow us", "File photo"], ""),
    (["واس / 01 ديسمبر 2026", "شارك | حجم الخط", "صورة أرشيفية"], ""),
]
STORY = [
    "أعلنت وزارة الموارد المائية عن خطة جديدة لتطوير شبكات الري في المحافظات الجنوبية.",
    "وأوضح المتحدث باسم الوزارة أن الخطة تشمل تبطين الترع الفرعية.",
]


@pytest.mark.parametrize(("header", "byline"), HEADER_LINES)
def test_header_lines_above_the_story_leave_the_body(header, byline):
    assert without_header_lines([*header, *STORY], REFERENCE) == (STORY, byline)


def test_menu_texts_above_a_short_story_leave_the_body_with_the_header_lines():
    def menu() -> frozenset[str]:
        return frozenset({"الرئيسية", "أخبار مصر", "بحث"})

    lines = ["الرئيسية", "أخبار مصر", "بحث", "الثلاثاء 01-12-2026 13:44", *STORY]
    assert without_header_lines(lines, REFERENCE, menu) == (STORY, "")
    # A menu's text later in the story is the story's.
    assert without_header_lines([*STORY, "بحث"], REFERENCE, menu) == ([*STORY, "بحث"], "")


@pytest.mark.parametrize(
    "opening",
    [
        "القاهرة - أ ش أ",  # a dateline opens the story
        "2026",  # a year alone may be a heading
        "وزارة الري: الخطة تبدأ مطلع العام",  # a short subheading
        "كتب: هبة محمود وقال إن المشروع سيكتمل العام المقبل",
        # Guillemets and a comparison, no trail.
        "قال الوزير «نحن ماضون» في الإصلاح » الشامل » للقطاع",
        "Revenue > costs > forecasts, the company said in a statement on Monday",
        "Share prices fell sharply on Monday",
        "File photos show the damage to the bridge",
    ],
)
def test_story_openings_stay(opening):
    assert without_header_lines([opening, *STORY], REFERENCE) == ([opening, *STORY], "")


def test_a_byline_before_a_date_gives_its_name_and_nothing_else_does():
    assert byline_with_date("كتب محمد عبد الحميد", REFERENCE) == "محمد عبد الحميد"
    assert byline_with_date("كتبت: سارة علي - 01 ديسمبر 2026", REFERENCE) == "سارة علي"
    assert byline_with_date("الثلاثاء 01 ديسمبر 2026", REFERENCE) == ""
    assert byline_with_date("كتب التاريخ فصلا جديدا في 01 ديسمبر 2026 حين", REFERENCE) == ""
    assert byline_with_date("كتب في 01 ديسمبر 2026", REFERENCE) == ""  # "written on"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("كتب: أحمد علي ومحمد حسن", "أحمد علي, محمد حسن"),
        ("كتب: أحمد الخالدي ووليد العنزي", "أحمد الخالدي, وليد العنزي"),  # و + "وليد"
        (
            "بقلم: محمد عبد الله ومحمد عبد الرحمن وسارة علي",
            "محمد عبد الله, محمد عبد الرحمن, سارة علي",
        ),
        # A name that begins with و, or holds a word that does, is one name.
        ("كتب: وليد حسن", "وليد حسن"),
        ("كتب: أحمد علي وليد حسن", "أحمد علي وليد حسن"),
        ("كتب: سعد الله ونوس", "سعد الله ونوس"),
        ("كتب: سيدي محمد ولد الشيخ", "سيدي محمد ولد الشيخ"),
    ],
)
def test_names_joined_by_a_prefixed_waw_are_read_apart(byline, names):
    assert byline_with_date(byline, REFERENCE) == names


SECTION_PAGE = """<html><head><meta property="og:site_name" content="دجلة نيوز"></head><body>
<div class="wrap"><div>{label}</div><h1>بدء أعمال صيانة شاملة لسد على نهر دجلة</h1>
<p>بدأت وزارة الموارد المائية أعمال صيانة شاملة لسد رئيسي.</p></div></body></html>"""


@pytest.mark.parametrize(
    ("label", "section"),
    [
        # A bare link above the headline, to a category's or a section's address.
        ('<a href="/ar/category/economy">اقتصاد</a>', "اقتصاد"),
        ('<a href="https://www.dijla.example/Section/local/65/1">محليات</a>', "محليات"),
        # A tag, the home page, the site's own name, a long line: no section.
        ('<a href="/ar/tag/dijla">دجلة</a>', None),
        ('<a href="/">الرئيسية</a>', None),
        ('<a href="/ar/category/all">دجلة نيوز</a>', None),
        ('<a href="/ar/category/x">تقرير مفصل عن خطة الري الجديدة للعام المقبل</a>', None),
        ('<a href="https://elsewhere.example/category/economy">اقتصاد</a>', None),
    ],
)
def test_a_bare_link_above_the_headline_to_a_section_address_names_the_section(label, section):
    sel = parse_lxml(SECTION_PAGE.format(label=label))
    found = headline_section(sel, "https://www.dijla.example/ar/2026/12/01/story")
    assert [entry["name"] for entry in found] == ([section] if section else [])


DETAILS_PAGE = """<html><body><div class="article"><div class="title"><h1>استئناف الرحلات</h1></div>
<ul class="article-info">{items}</ul>
<section id="paragraphs"><p>أعلنت هيئة الطيران المدني استئناف الرحلات الجوية المباشرة.</p></section>
</div></body></html>"""


@pytest.mark.parametrize(
    ("items", "date"),
    [
        # The story's details after the headline: the writers (a link), then the date.
        (
            '<li class="writers"><a href="/writer/7">أحمد الخالدي</a></li>'
            '<li class="time"><span class="date">01 ديسمبر 2026</span></li>',
            "01 ديسمبر 2026",
        ),
        # Other stories' dates, or a date only as a link's: none of them is the story's.
        (
            "<li>30 نوفمبر 2026</li><li>29 نوفمبر 2026</li><li>28 نوفمبر 2026</li>",
            None,
        ),
        ('<li><a href="/news/1">الذهب يتراجع</a> 30 نوفمبر 2026</li>', None),
        ('<li class="writers">أحمد الخالدي</li><li class="modified">01 ديسمبر 2026</li>', None),
        ('<li class="time">01 ديسمبر 2026</li>', None),  # a lone item, as by the rule before
    ],
)
def test_the_date_in_the_details_list_after_the_headline_is_the_story_s(items, date):
    sel = parse_lxml(DETAILS_PAGE.format(items=items))
    assert headline_date(sel, REFERENCE) == date


def test_drupal_s_view_mode_class_around_the_article_hides_no_headline_or_date():
    # Drupal 8+ classes every node "node--view-mode-full": no view counter.
    sel = parse_lxml(
        '<html><body><article class="node node--type-article node--view-mode-full">'
        '<h1 class="page-title"><span property="schema:name">برنامج لدعم الصيادين</span></h1>'
        '<div class="node__meta"><span>01/12/2026 - 10:30</span></div>'
        '<div class="field--name-body"><p>أطلقت وزارة الثروة الزراعية برنامجا.</p></div>'
        "</article></body></html>"
    )
    assert headline_date(sel, REFERENCE) == "01/12/2026 - 10:30"


def _page_meta(html: str, parser: str) -> metadata.PageMeta:
    if parser == "lexbor":
        return metadata.PageMeta.from_lexbor(LexborHTMLParser(html))
    return metadata.PageMeta.from_lxml(lxml.html.fromstring(html))


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
def test_a_title_segment_printed_alone_is_the_headline_on_either_parser(parser):
    html = (
        "<html><head><title>ارتفاع أسعار القمح عالميا | الخبر اليومي</title></head><body>"
        '<ul class="menu"><li><a href="/">الخبر اليومي</a></li></ul>'
        '<div class="title-2">ارتفاع أسعار <b>القمح</b> عالميا</div>'
        "<div class='story'><p>ارتفعت أسعار القمح في الأسواق العالمية خلال الأسبوع.</p></div>"
        "</body></html>"
    )
    page = _page_meta(html, parser)
    assert page.prints_alone("ارتفاع أسعار القمح عالميا")
    assert not page.prints_alone("الخبر اليومي")  # inside a list item's link, beside others
    assert metadata.headline(page) == ("ارتفاع أسعار القمح عالميا", "title+heading")
    # A block holding more than the segment (the story) does not print it alone.
    story_only = html.replace("ارتفاع أسعار <b>القمح</b> عالميا", "عاجل")
    assert metadata.headline(_page_meta(story_only, parser))[1] == "title"


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
def test_the_social_title_s_segment_printed_alone_is_the_headline_when_no_h1(parser):
    # An old portal's page: og:title and <title> carry the site's name, which nothing
    # states, and the headline is printed in a div.
    html = (
        "<html><head><title>انطلاق معرض الكتاب بمشاركة 40 دولة - صوت الأمة</title>"
        '<meta property="og:title" content="انطلاق معرض الكتاب بمشاركة 40 دولة - صوت الأمة">'
        "</head><body>"
        '<div class="article-title">انطلاق معرض الكتاب بمشاركة 40 دولة</div>'
        "<div class='story'><p>انطلقت صباح اليوم فعاليات معرض الكتاب الدولي.</p></div>"
        "</body></html>"
    )
    assert metadata.headline(_page_meta(html, parser)) == (
        "انطلاق معرض الكتاب بمشاركة 40 دولة",
        "meta:og:title+heading",
    )
    # Printed whole as well ("Part one - part two" is the headline): the whole.
    whole = html.replace(
        "</body>", "<h2>انطلاق معرض الكتاب بمشاركة 40 دولة - صوت الأمة</h2></body>"
    )
    assert metadata.headline(_page_meta(whole, parser))[1] == "meta:og:title"


LOGO = (
    '<header class="top"><a class="navbar-brand" href="https://www.sawt-alomma.example/">'
    '<img src="/assets/logo.svg" alt="صوت الأمة"></a>'
    '<nav><a href="/">الرئيسية</a><a href="/politics">سياسة</a></nav></header>'
)


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
@pytest.mark.parametrize(
    "title",
    [
        "انطلاق معرض الكتاب بمشاركة 40 دولة - صوت الأمة",
        "انطلاق معرض الكتاب بمشاركة 40 دولة « صوت الأمة",
        "انطلاق معرض الكتاب بمشاركة 40 دولة :: صوت الأمة",
        "صوت الأمة | انطلاق معرض الكتاب بمشاركة 40 دولة",
    ],
)
def test_a_site_stating_its_name_nowhere_is_named_by_its_logo(title, parser):
    html = (
        f'<html><head><meta property="og:title" content="{title}"></head><body>{LOGO}'
        "<div class='story'><p>انطلقت صباح اليوم فعاليات معرض الكتاب الدولي.</p></div>"
        "</body></html>"
    )
    page = _page_meta(html, parser)
    assert page.home_names == ["صوت الأمة"]  # not the menu's "الرئيسية"
    assert metadata.headline(page) == ("انطلاق معرض الكتاب بمشاركة 40 دولة", "meta:og:title")


BYLINE_SLOTS = [
    ("عمّان - بترا", ["بترا"]),  # a place and an agency: the agency credits the story
    ("القاهرة - أ ش أ", ["أ ش أ"]),
    ("عمّان - الأفق", None),  # a place and the site's own name: its own story
    ("محمد علي - إسطنبول", None),  # a person and a place
    ("سارة المصري", None),
]


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
@pytest.mark.parametrize(("slot", "names"), BYLINE_SLOTS)
def test_an_agency_dateline_in_the_byline_slot_is_the_credit(slot, names, parser):
    html = (
        '<html><head><meta property="og:site_name" content="الأفق"></head><body>'
        f'<h1>عنوان الخبر</h1><p class="byline">{slot}</p><p>نص الخبر.</p></body></html>'
    )
    found = metadata.byline_credit(_page_meta(html, parser), "https://alofoq.example/news/1")
    assert (list(found.names) if found else None) == names
    if found:
        assert (found.raw, found.form) == (slot, "byline")


RDFA_PAGES = [
    # Drupal 8-10: an empty hidden span beside the "submitted" line, in the node's footer;
    # a comment's own span after it, a views row's before it.
    (
        '<div class="views-row"><span property="schema:dateCreated" content="2026-11-28T10:00:00+00:00"></span></div>'
        '<article class="node"><footer class="node__meta">'
        '<span property="schema:dateCreated" content="2026-12-01T08:45:00+00:00" class="rdf-meta hidden"></span>'
        '</footer></article><article class="comment">'
        '<span property="schema:dateCreated" content="2026-12-01T15:00:00+00:00"></span></article>',
        "2026-12-01T08:45:00+00:00",
    ),
    # Drupal 7: several properties in one attribute, around the printed line.
    (
        '<div class="submitted"><span property="dc:date dc:created" content="2026-12-01T09:15:00+01:00"'
        ' datatype="xsd:dateTime">الثلاثاء, 12/01/2026 - 09:15</span></div>',
        "2026-12-01T09:15:00+01:00",
    ),
    (
        '<section class="comments"><span property="dc:date" content="2026-12-01"></span></section>',
        "",
    ),
    ('<span property="schema:dateModified" content="2026-12-02T08:00:00+00:00"></span>', ""),
]


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
@pytest.mark.parametrize(("body", "created"), RDFA_PAGES)
def test_the_rdfa_creation_time_is_the_storys_not_a_comments(body, created, parser):
    page = _page_meta(f"<html><head></head><body>{body}</body></html>", parser)
    assert page.rdfa_created == created
    stated = [("rdfa", "machine", created)] if created else []
    assert metadata.published_candidates(page) == stated


def test_the_rdfa_time_comes_after_every_meta_tag():
    html = (
        '<html><head><meta property="article:published_time" content="2026-12-01T06:00:00Z">'
        '</head><body><span property="schema:dateCreated" content="2026-12-01T08:45:00+00:00">'
        "</span></body></html>"
    )
    assert metadata.published_candidates(_page_meta(html, "lxml")) == [
        ("meta:article:published_time", "machine", "2026-12-01T06:00:00Z")
    ]


RDFA_AUTHORS = [
    # Drupal 8-10: the node's writer in rel="schema:author", its name in schema:name; a
    # comment's writer after it in the same markup.
    (
        '<article class="node"><footer class="node__meta">نشر بواسطة <span rel="schema:author"'
        ' class="field--name-uid"><span typeof="schema:Person" property="schema:name">'
        'هشام بن علي</span></span></footer></article><section class="comments"><article'
        ' class="comment"><span rel="schema:author"><span property="schema:name">زائر</span>'
        "</span></article></section>",
        "هشام بن علي",
    ),
    ('<div class="meta"><span property="schema:author">سارة المصري</span></div>', "سارة المصري"),
    # Only a comment's, or only a views row's: no author of the story.
    (
        '<div class="comment"><span rel="schema:author"><span property="schema:name">زائر'
        "</span></span></div>",
        "",
    ),
    ('<div class="views-row"><span rel="schema:author">كاتب آخر</span></div>', ""),
]


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
@pytest.mark.parametrize(("body", "name"), RDFA_AUTHORS)
def test_drupal_s_rdfa_author_names_the_writer_not_a_commenter(body, name, parser):
    page = _page_meta(f"<html><head></head><body>{body}</body></html>", parser)
    assert page.rdfa_author == name
    assert metadata.author(page) == ((name, "rdfa:schema:author") if name else ("", ""))


@pytest.mark.parametrize(
    ("page", "writer"),
    [("jarida-demo/port-reconstruction", "سامر نصار"), ("zox-demo/post-10342", "ليلى الشامي")],
)
def test_an_agency_dateline_in_a_theme_s_author_slot_is_the_credit_too(page, writer):
    # A theme page whose author slot (and JSON-LD, and author box) holds the agency's
    # dateline instead of the writer: the shared chain credits the agency, names no author.
    base = HERE.parent / page
    response = json.loads(base.with_suffix(".response.json").read_text(encoding="utf-8"))
    html = base.with_suffix(".html").read_text(encoding="utf-8").replace(writer, "عمّان - بترا")
    fetched = datetime.fromisoformat(response["fetched_at"].replace("Z", "+00:00"))
    article = extract_page(html.encode(), response["url"], fetched, profile="auto").article

    assert article.profile.split("@")[0] == page.split("-")[0]
    assert (article.author, article.source, article.source_raw) == (None, ["بترا"], "عمّان - بترا")
    assert article.provenance["source"] == "byline"


@pytest.mark.parametrize(
    ("page", "writer", "site"),
    [
        ("jarida-demo/port-reconstruction", "سامر نصار", "نبأ بيروت"),
        ("zox-demo/post-10342", "ليلى الشامي", "أخبار تركيا الآن"),
    ],
)
def test_the_site_s_name_before_the_reporter_in_a_theme_s_author_slot_is_dropped(
    page, writer, site
):
    # Hespress prints "هسبريس - <reporter>" in its author slot: the reporter is the author.
    base = HERE.parent / page
    response = json.loads(base.with_suffix(".response.json").read_text(encoding="utf-8"))
    html = base.with_suffix(".html").read_text(encoding="utf-8")
    html = html.replace(writer, f"{site} - {writer}")
    fetched = datetime.fromisoformat(response["fetched_at"].replace("Z", "+00:00"))
    article = extract_page(html.encode(), response["url"], fetched, profile="auto").article
    assert (article.author, article.source) == (writer, [])


@pytest.mark.parametrize("parser", ["lexbor", "lxml"])
@pytest.mark.parametrize(
    ("slot", "person"),
    [
        ("مغرب بريس - سعيد الإدريسي", "سعيد الإدريسي"),  # the site, then its reporter
        ("مغرب بريس - و.م.ع", ""),  # the site, then the agency's dotted abbreviation
        ("الرباط - و.م.ع", ""),  # a dateline
        ("سعيد الإدريسي - الرباط", "سعيد الإدريسي"),  # a person, then a place: it goes
        ("فهد الشمري (جدة)", "فهد الشمري"),  # the city in brackets (Saudi dailies)
        ("الجزائر: حميد يس", "حميد يس"),  # the city first (Algerian dailies)
        ("سعيد الإدريسي - الإعلام", "سعيد الإدريسي - الإعلام"),  # no place after the dash
        ("سعيد الإدريسي", "سعيد الإدريسي"),
        ("مغرب بريس من الرباط", ""),  # the site's own story, from a city
        ("سعيد من الرباط", "سعيد من الرباط"),  # not the site's name
    ],
)
def test_a_byline_slot_names_the_person_after_the_site_s_name(slot, person, parser):
    html = (
        '<html><head><meta property="og:site_name" content="مغرب بريس"></head><body></body></html>'
    )
    page = _page_meta(html, parser)
    assert metadata.byline_person(page, slot, "https://www.maghrib-press.example/1.html") == person


def _lexbor_meta(html: str) -> metadata.PageMeta:
    return metadata.PageMeta.from_lexbor(LexborHTMLParser(html))


def _next_data(props: dict, title: str = "عنوان الخبر | الموقع") -> str:
    data = json.dumps({"props": props, "page": "/[slug]", "buildId": "b1"}, ensure_ascii=False)
    return f'<html><head><title>{title}</title></head><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{data}</script></body></html>'


def test_a_story_only_in_next_data_is_found_and_a_listing_s_data_holds_none():
    content = "".join(f"<p>{line}</p>" for line in STORY * 3)
    story = {"title": "عنوان الخبر", "content": content}
    # A longer story of another page in the same data (a related story sent whole).
    other = {"title": "خبر آخر", "content": content * 2}
    listing = {"items": [{"title": f"خبر {n}", "summary": "سطر قصير"} for n in range(30)]}
    props = {"pageProps": {"article": story, "related": [other], "mostRead": listing}}
    assert _lexbor_meta(_next_data(props)).data_story == {"title": "عنوان الخبر", "body": content}
    assert _lexbor_meta(_next_data({"pageProps": listing})).data_story is None
    # A home page's data carrying stories whole: none is the page's.
    assert _lexbor_meta(_next_data(props, title="الموقع - الرئيسية")).data_story is None
    broken = '<script id="__NEXT_DATA__" type="application/json">{"props": </script>'
    assert _lexbor_meta(f"<html><body>{broken}</body></html>").data_story is None


def _ld(node: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


VIDEO = {"@type": "VideoObject", "name": "مقطع", "uploadDate": "2026-12-01T16:20:00+03:00"}


def test_a_video_page_is_a_story_but_an_article_embedding_a_video_stays_the_article():
    video_page = _lexbor_meta(
        f'<html><head><meta property="og:type" content="video.other">{_ld(VIDEO)}</head></html>'
    )
    assert metadata.video_story(video_page) == VIDEO
    assert metadata.published_candidates(video_page) == [
        ("json-ld:page", "machine", VIDEO["uploadDate"])
    ]
    article = {"@type": "NewsArticle", "headline": "خبر", "datePublished": "2026-12-01T08:00:00Z"}
    with_video = _lexbor_meta(f"<html><head>{_ld(article)}{_ld(VIDEO)}</head></html>")
    assert metadata.video_story(with_video) is None
    # A website page with a video among other objects states no video story.
    website = {"@type": "WebSite", "name": "موقع"}
    plain = _lexbor_meta(f"<html><head>{_ld(website)}{_ld(VIDEO)}</head></html>")
    assert metadata.video_story(plain) is None


def test_a_permalink_day_may_be_unpadded():
    assert metadata.url_date("https://x.example/news/2026/12/1/slug") == "2026-12-01"
    assert metadata.url_date("https://x.example/2026/3/09/") == "2026-03-09"
    assert metadata.url_date("https://x.example/2026/13/1/") is None


def test_a_live_blog_s_date_is_its_start_not_an_entry_s_time_marked_below_the_story():
    expected = next(e for e in EXPECTED if e["file"] == "panarab-live-blog.html")
    html = (HERE / expected["file"]).read_text(encoding="utf-8")
    html = re.sub(r'<script type="application/ld\+json"[^>]*>.*?</script>', "", html, flags=re.S)
    sel = parse_lxml(html)
    assert headline_date(sel, REFERENCE) == "بدأت التغطية: 1 ديسمبر 2026 09:00"
    page = extract_page(html, expected["url"], REFERENCE, profile="auto")
    assert page.article.published_at == "2026-12-01T09:00:00Z"


@pytest.mark.parametrize(
    ("printed", "day", "earliest", "latest"),
    [
        # Tuesday pins the day: 21 Jumada al-Akhira 1448 is 1 December 2026 by Umm al-Qura.
        (
            "الثلاثاء 21 جمادى الآخرة 1448 هـ",
            "2026-11-30",
            "2026-11-30T21:00:00Z",
            "2026-12-01T20:59:59Z",
        ),
        # No weekday: a day's slack each side, for months begun by sighting the moon.
        ("21 جمادى الآخرة 1448 هـ", "2026-11-30", "2026-11-29T21:00:00Z", "2026-12-02T06:00:00Z"),
    ],
)
def test_a_page_printing_only_a_hijri_date_is_dated_by_it(printed, day, earliest, latest):
    # A Saudi daily's page stating no metadata and printing its date in the Hijri calendar.
    html = (HERE / "gulf-hijri-and-issue-number.html").read_text(encoding="utf-8")
    html = html.replace(
        "الثلاثاء - 20 جمادى الأولى 1448 هـ - 01 ديسمبر 2026 مـ رقم العدد [ 17180]", printed
    )
    for pattern in _STATED_METADATA:
        html = re.sub(pattern, "", html, flags=re.S)
    assert "ديسمبر" not in html and "نوفمبر" not in html  # no Gregorian date printed
    expected = next(e for e in EXPECTED if e["file"] == "gulf-hijri-and-issue-number.html")
    page = extract_page(
        html,
        expected["url"],
        datetime.fromisoformat("2026-12-02T06:00:00+00:00"),
        profile="auto",
        timezone="Asia/Riyadh",
    )
    article = page.article
    assert article.published_raw == printed
    assert article.published_at[:10] == day
    assert (article.published_earliest, article.published_latest) == (earliest, latest)


ALOFOQ_PAGE = (
    '<html lang="ar"><head><title>افتتاح الدورة البرلمانية الجديدة</title>'
    '<meta property="og:type" content="article">{head}</head><body>'
    '<header><a class="logo" href="/"><img src="/logo.png" alt="الأفق"></a>'
    '<nav><a href="/">الرئيسية</a><a href="/sports">رياضة</a></nav></header>'
    '<div class="article-head">{label}<h1>افتتاح الدورة البرلمانية الجديدة</h1>'
    '<span class="date">01/12/2026</span></div><div class="article-text">'
    + "<p>افتتح رئيس الدولة صباح اليوم الدورة البرلمانية الجديدة بخطاب تناول فيه أولويات"
    " المرحلة المقبلة في الاقتصاد والتعليم والصحة.</p>" * 5 + "</div></body></html>"
)


def read_alofoq(html: str):
    """The Alofoq page (a version of it) as the generic path reads it."""
    return extract_page(html, "https://www.alofoq.example/news/48213", REFERENCE, profile="auto")


@pytest.mark.parametrize(
    ("head", "label", "source"),
    [
        ('<meta itemprop="articleSection" content="سياسة">', "", "microdata:articleSection"),
        ('<meta name="parsely-section" content="سياسة">', "", "meta:parsely-section"),
        ('<meta name="section" content="سياسة">', "", "meta:section"),
        ('<meta name="category" content="سياسة">', "", "meta:category"),
        ("", '<span itemprop="articleSection">سياسة</span>', "microdata:articleSection"),
        # A section label printed as plain text above the headline, no link.
        ("", '<span class="news-category">سياسة</span>', "section-label"),
    ],
)
def test_a_section_stated_by_other_systems_or_printed_unlinked_is_the_category(head, label, source):
    html = ALOFOQ_PAGE.format(head=head, label=label)
    page = read_alofoq(html)
    assert page.article.category == {"name": "سياسة", "url": None}
    assert page.article.provenance["category"] == source


@pytest.mark.parametrize(
    "label",
    [
        '<span class="location">عمّان</span>',  # a place, its class only holding "cat"
        '<span class="kicker">عاجل</span>',  # a kicker is as often "breaking"
        '<span class="post-cat">الأفق</span>',  # the site's name
        '<span class="post-cat">01 ديسمبر 2026</span>',  # a date
    ],
)
def test_an_unlinked_label_that_is_no_section_is_no_category(label):
    html = ALOFOQ_PAGE.format(head='<meta property="og:site_name" content="الأفق">', label=label)
    page = read_alofoq(html)
    assert page.article.category is None


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:published_time" content="2026-12-01T08:00:00+03:00">',
        '<meta name="article.published" content="2026-12-01T08:00:00+03:00">',
        '<meta name="cXenseParse:recs:publishtime" content="2026-12-01T08:00:00+0300">',
        '<meta name="original-publish-date" content="2026-12-01T08:00:00+03:00">',
        '<meta name="sailthru.date" content="2026-12-01T08:00:00+03:00">',
        '<meta itemprop="datePublished" content="2026-12-01T08:00:00+03:00">',
    ],
)
def test_the_publication_time_other_systems_state_is_read(head):
    html = ALOFOQ_PAGE.format(head=head, label="").replace("01/12/2026", "")
    page = read_alofoq(html)
    assert page.article.published_at == "2026-12-01T05:00:00Z"
    assert page.article.provenance["published_at"].startswith("meta:")


@pytest.mark.parametrize(
    "head",
    [
        '<meta itemprop="author" content="سامي الخطيب">',
        '<meta name="cXenseParse:author" content="سامي الخطيب">',
        '<meta name="dcterms.creator" content="سامي الخطيب">',
        '<meta name="parsely-author" content="سامي الخطيب">',
    ],
)
def test_the_author_other_systems_state_is_read(head):
    html = ALOFOQ_PAGE.format(head=head, label="")
    page = read_alofoq(html)
    assert page.article.author == "سامي الخطيب"
    assert page.article.provenance["author"].startswith("meta:")


@pytest.mark.parametrize(
    "slot",
    [
        '<abbr class="timeago" title="2026-12-01T08:00:00+03:00"></abbr>',
        '<span class="post-date" data-time="2026-12-01T08:00:00+03:00"></span>',
        '<span class="post-date" data-timestamp="1796101200000"></span>',  # milliseconds
    ],
)
def test_a_date_a_script_prints_beside_the_headline_is_read_from_its_attribute(slot):
    # No metadata; the date slot is empty in the HTML and filled in the browser.
    html = ALOFOQ_PAGE.format(head="", label="").replace(
        '<span class="date">01/12/2026</span>', slot
    )
    page = read_alofoq(html)
    assert page.article.published_at == "2026-12-01T05:00:00Z"
    assert page.article.precision == "exact"


STORY_PARAGRAPHS = "".join(
    f"<p>الفقرة {n}: أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني، وتشمل حزمة"
    " من الإجراءات المالية والنقدية والضريبية التي تبدأ مطلع العام المقبل.</p>"
    for n in ("الأولى", "الثانية", "الثالثة", "الرابعة")
)


@pytest.mark.parametrize(
    ("closing", "names", "form"),
    [
        # A labelled line in a <div> of its own.
        ('<div class="news-source">المصدر: رويترز</div>', ["رويترز"], "source-line"),
        ("<div>نقلا عن وكالة الأناضول</div>", ["وكالة الأناضول"], "source-line"),
        # Known agencies alone on the last line.
        ("<p>وكالات</p>", ["وكالات"], "trailing-credit"),
        # A photo's credit after the story is no source.
        (
            '<figure><img src="/a.jpg"><figcaption>صورة أرشيفية (رويترز)</figcaption></figure>',
            [],
            None,
        ),
    ],
)
def test_a_source_line_in_a_div_or_bare_agencies_close_the_story(closing, names, form):
    html = re.sub(
        r'<div class="article-text">.*</div></body>',
        f'<div class="article-text">{STORY_PARAGRAPHS}{closing}</div></body>',
        ALOFOQ_PAGE.format(head="", label=""),
        flags=re.S,
    )
    page = read_alofoq(html)
    assert page.article.source == names
    assert page.article.provenance.get("source") == form
    assert page.article.body.endswith("التي تبدأ مطلع العام المقبل.")


@pytest.mark.parametrize(
    ("slot", "author"),
    [
        ("سامي الخطيب - القاهرة", "سامي الخطيب"),  # the reporter's city after a dash
        ("سارة المصري - رام الله", "سارة المصري"),
        ("سامي الخطيب - سارة المصري", "سامي الخطيب - سارة المصري"),  # no place: kept
    ],
)
def test_the_reporter_s_city_after_a_dash_leaves_the_byline(slot, author):
    html = ALOFOQ_PAGE.format(head="", label="").replace(
        '<span class="date">', f'<span class="author-name">{slot}</span><span class="date">'
    )
    page = read_alofoq(html)
    assert page.article.author == author


@pytest.mark.parametrize("zone", ["Africa/Cairo", "unknown"])
def test_the_body_does_not_depend_on_how_soon_after_its_printed_time_the_page_was_fetched(zone):
    # The Cairo brief prints "06:45 م" (16:45 UTC) above its text. Fetched 15 minutes later,
    # that local time is hours "ahead" of UTC: it is still the date line, not story text.
    expected = next(e for e in EXPECTED if e["file"] == "egypt-breaking-brief.html")
    html = (HERE / expected["file"]).read_bytes()
    bodies = {
        reference: extract_page(
            html, expected["url"], datetime.fromisoformat(reference), profile="auto", timezone=zone
        ).article.body
        for reference in ("2026-12-01T17:00:00+00:00", "2026-12-02T09:00:00+00:00")
    }
    assert len(set(bodies.values())) == 1
    assert next(iter(bodies.values())).startswith(expected["body_start"])


@pytest.mark.parametrize(
    "box",
    [
        '<div class="tags"><span>الكلمات المفتاحية:</span><a href="/tag/1">البرلمان</a>'
        '<a href="/tag/2">الموازنة</a></div>',
        '<div class="post-tags">الوسوم: <a href="/tags/1">البرلمان</a> - '
        '<a href="/tags/2">الموازنة</a></div>',
        '<div class="tags-box"><h3>مواضيع ذات صلة</h3><a href="/t/1">البرلمان</a>'
        '<a href="/t/2">الموازنة</a></div>',
    ],
)
def test_a_tag_list_after_its_label_is_read(box):
    # A label longer than the tags it introduces: the links are most of the rest.
    html = ALOFOQ_PAGE.format(head="", label="").replace("</body>", box + "</body>")
    page = read_alofoq(html)
    assert page.article.tags == ["البرلمان", "الموازنة"]
    assert page.article.provenance["tags"] == "tag-list"


STORY_OPENINGS = [
    "أعلنت وزارة العمل اليوم موعد صرف منحة الشتاء للعمالة غير المنتظمة، على أن تبدأ"
    " المرحلة الأولى مطلع الأسبوع المقبل في جميع المحافظات.",
    "وقالت الوزارة في بيان إن المنحة تشمل أكثر من مليون مستفيد.",
]


@pytest.mark.parametrize("counter", ["2,431 مشاهدة", "٥٠٠ قراءة", "عدد المشاهدات: 300"])
def test_a_view_counter_among_the_header_lines_leaves_the_body(counter):
    # trafilatura keeps the details line above the story: byline, date, then the counter.
    paragraphs = ["كتب: نورا حسن", "الثلاثاء 1 ديسمبر 2026 - 11:50 ص", counter, *STORY_OPENINGS]
    body, byline = without_header_lines(paragraphs, REFERENCE)
    assert body == STORY_OPENINGS and byline == "نورا حسن"
    # In the story, a sentence with a count stays.
    sentence = "وحقق الفيلم 2,431 مشاهدة في يومه الأول على المنصة."
    assert without_header_lines([sentence, *STORY_OPENINGS], REFERENCE)[0][0] == sentence


def test_the_story_s_printed_tags_win_over_the_site_s_meta_keywords():
    # The same <meta name="keywords"> on every page of the site; the story prints its own.
    head = '<meta name="keywords" content="أخبار, مصر, اقتصاد, رياضة, الأفق">'
    box = (
        '<div class="news-tags"><span>كلمات دالة:</span> <a href="/tag/1">البرلمان</a> '
        '<a href="/tag/2">الموازنة</a></div>'
    )
    page = read_alofoq(ALOFOQ_PAGE.format(head=head, label="").replace("</body>", box + "</body>"))
    assert page.article.tags == ["البرلمان", "الموازنة"]
    assert page.article.provenance["tags"] == "tag-list"
    # Without a printed list, the keywords are all there is.
    page = read_alofoq(ALOFOQ_PAGE.format(head=head, label=""))
    assert page.article.tags == ["أخبار", "مصر", "اقتصاد", "رياضة", "الأفق"]
    assert page.article.provenance["tags"] == "meta:keywords"


FIGURE = (
    '<figure class="story-photo"><img src="/uploads/2026/12/parliament-session.jpg" '
    'width="800" alt=""><figcaption>جانب من الجلسة</figcaption></figure>'
)


@pytest.mark.parametrize(
    ("head", "figure", "image", "source"),
    [
        # The site's logo as every page's share image: the story's photo instead.
        (
            '<meta property="og:image" content="https://www.alofoq.example/assets/logo-share.png">',
            FIGURE,
            "https://www.alofoq.example/uploads/2026/12/parliament-session.jpg",
            "story-figure",
        ),
        (
            "",
            FIGURE,
            "https://www.alofoq.example/uploads/2026/12/parliament-session.jpg",
            "story-figure",
        ),
        # A share image of the story's own stays.
        (
            '<meta property="og:image" content="https://www.alofoq.example/uploads/2026/12/share.jpg">',
            FIGURE,
            "https://www.alofoq.example/uploads/2026/12/share.jpg",
            "meta:og:image",
        ),
        # The writer's photo beside the byline is no story picture.
        ("", '<div class="author-avatar"><img src="/u/rami.jpg" width="300"></div>', None, None),
    ],
)
def test_the_story_s_picture_stands_in_for_a_logo_share_image(head, figure, image, source):
    html = ALOFOQ_PAGE.format(head=head, label="")
    html = (
        html.replace('<div class="article-head">', '<article><div class="article-head">', 1)
        .replace('<div class="article-text">', figure + '<div class="article-text">', 1)
        .replace("</div></body>", "</div></article></body>", 1)
    )
    article = read_alofoq(html).article
    assert article.image == image
    assert article.provenance.get("image") == source


@pytest.mark.parametrize(
    ("line", "source"),
    [("كتب أحمد عرفة", "headline-byline"), ("كتب: أحمد عرفة", "labelled-byline")],
)
def test_a_byline_beside_the_headline_beats_the_site_named_as_author(line, source):
    # AMP and SEO plugins name the site itself as the JSON-LD author; the byline printed
    # under the headline, in an element no class marks, names the person.
    expected = next(e for e in EXPECTED if e["file"] == "egypt-amp-site-as-author.html")
    html = (HERE / expected["file"]).read_text(encoding="utf-8")
    marked = '<div class="writeBy"><span class="writer">كتب أحمد عرفة</span></div>'
    assert html.count(marked) == 1 and '"@type":"Organization","name":"اليوم الثامن"' in html
    html = html.replace(marked, f'<div class="details"><span>{line}</span></div>')
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    article = extract_page(html, expected["url"], reference, profile="auto").article
    assert (article.author, article.provenance["author"]) == ("أحمد عرفة", source)


def test_the_home_page_of_a_breadcrumb_above_the_headline_is_no_category():
    # AMP for WP prints its breadcrumb above the h1 with "?amp=1" on every step; the home
    # step's address is the site's root, which the menu links to as well.
    expected = next(e for e in EXPECTED if e["file"] == "gulf-amp-for-wp-breadcrumb-home.html")
    html = (HERE / expected["file"]).read_text(encoding="utf-8")
    assert 'class="bread-link bread-home" href="https://www.emirates-energy.example/?amp=1"' in html
    article = _extract(expected).article
    assert [c["name"] for c in article.categories] == ["اقتصاد"]


def test_a_blogger_post_is_an_article_by_its_microdata_and_dated_by_its_timestamp():
    # Blogger prints no og:type, no h1 and no JSON-LD: the post is an itemscope typed
    # BlogPosting, its time an <abbr itemprop="datePublished" title="..."> under the post.
    html = (HERE / "yemen-blogger-post.html").read_text(encoding="utf-8")
    assert "og:type" not in html and "<h1" not in html and "ld+json" not in html
    url = "https://www.hadramout-press.example/2026/12/blog-post_01.html"
    page = extract_page(html, url, REFERENCE, profile="auto")
    assert page.page_type == "article", page.reason
    article = page.article
    assert "a microdata article" in article.provenance["page_type"]
    assert article.headline == "انقطاع المياه عن أحياء في المكلا بسبب عطل في خط الضخ الرئيسي"
    assert (article.published_at, article.provenance["published_at"]) == (
        "2026-12-01T08:37:00Z",
        "microdata",
    )
    assert article.body.endswith("بإيجاد حل دائم للمشكلة.")
    assert "أعلنت المؤسسة المحلية للمياه" in article.body.split("\n\n")[1]
    # Its labels under the post, not the menu's label links, give the section.
    assert (article.category["name"], article.provenance["category"]) == (
        "أخبار محلية",
        "blogger-labels",
    )


def test_a_blogger_label_page_of_several_posts_is_a_listing():
    html = (HERE / "yemen-blogger-label-listing.html").read_text(encoding="utf-8")
    url = "https://www.hadramout-press.example/search/label/أخبار محلية"
    page = extract_page(html, url, REFERENCE, profile="auto")
    assert page.page_type == "listing" and "6 microdata articles" in page.reason


def test_a_static_generators_content_folder_is_no_section():
    # Hugo states the content folder ("posts") as article:section on every page.
    html = (HERE / "mauritania-hugo-posts-section.html").read_text(encoding="utf-8")
    assert '<meta property="article:section" content="posts"' in html
    url = "https://thaqafa-sahra.example/posts/2026/12/mahrajan-wadane/"
    article = extract_page(html, url, REFERENCE, profile="auto").article
    assert "posts" not in [c["name"] for c in article.categories]
    assert article.missing["category"].startswith("no breadcrumb")
