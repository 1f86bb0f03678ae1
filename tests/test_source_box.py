"""Source boxes: the Source field a theme prints beside the body (Jannah, tagDiv Newspaper,
JNews) and, on pages no profile knows, a labelled box in or just after the content. The box
gives the record's source, wins over a source line in the body, never stays in the body; a
Via box is no source; a sidebar widget or a menu with the same label is never read."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.source_line import is_box_label, source_box, split_source_line
from scraper.time import http_date

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED_PAGES = Path(__file__).parents[1] / "scraper" / "testkit" / "site" / "pages"
STORY = [
    "أعلنت وزارة الداخلية التركية، اليوم الثلاثاء، بدء العمل بنظام إلكتروني جديد لتجديد "
    "بطاقات الحماية المؤقتة، يتيح للمقيمين حجز مواعيدهم عبر الإنترنت دون الحاجة إلى مراجعة "
    "مديريات الهجرة في الولايات.",
]


def _fixture(name: str) -> tuple[str, str, datetime]:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    response = json.loads((FIXTURES / f"{name}.response.json").read_text(encoding="utf-8"))
    return html, response["url"], http_date(response["headers"]["Date"])


def _insert(html: str, before: str, markup: str) -> str:
    assert html.count(before) >= 1, before
    at = html.index(before)
    return html[:at] + markup + html[at:]


# Each theme's boxes as its template prints them (Via first, then Source), and where.
JANNAH_BOXES = (
    '<div class="post-bottom-meta post-bottom-via" id="post-bottom-via">'
    '<div class="post-bottom-meta-title">عبر</div><span class="tagcloud">'
    '<a href="https://x.example/qna" target="_blank" rel="nofollow noopener">منصة إكس</a>'
    "</span></div>"
    '<div class="post-bottom-meta post-bottom-source" id="post-bottom-source">'
    '<div class="post-bottom-meta-title">المصدر</div><span class="tagcloud">'
    '<a href="https://www.aa.com.tr/ar" target="_blank" rel="nofollow noopener">الأناضول</a>'
    '<a href="https://www.qna.org.qa/" target="_blank" rel="nofollow noopener">'
    "وكالة الأنباء القطرية</a></span></div>"
)
NEWSPAPER_BOXES = (
    '<div class="td-post-source-via ">'
    '<div class="td-post-small-box"><span>عبر</span>'
    '<a rel="nofollow" href="https://x.example/qna">منصة إكس</a></div>'
    '<div class="td-post-small-box"><span>المصدر</span>'
    '<a rel="nofollow" href="https://www.aa.com.tr/ar">الأناضول</a></div></div>'
)
JNEWS_BOXES = (
    '<div class="jeg_post_via"><span>عبر:</span> '
    '<a href="https://x.example/qna" rel="nofollow" target="_blank">منصة إكس</a></div>'
    '<div class="jeg_post_source"><span>المصدر:</span> '
    '<a href="https://www.aa.com.tr/ar" rel="nofollow" target="_blank">الأناضول</a></div>'
)
# (fixture page with a source line in its body, where the template prints the boxes, the
# boxes, the names in the Source box)
THEME_BOXES = [
    (
        "jannah-demo/arabic-ai-model",
        "</div><!-- .entry-content /-->",
        JANNAH_BOXES,
        ["الأناضول", "وكالة الأنباء القطرية"],
    ),
    (
        "newspaper-demo/post-7201",
        '<ul class="td-tags td-post-small-box',
        NEWSPAPER_BOXES,
        ["الأناضول"],
    ),
    ("jnews-demo/post-4101", '</div>\n<div class="jeg_post_tags">', JNEWS_BOXES, ["الأناضول"]),
    # The theme's own English labels, on a site that did not translate them.
    (
        "newspaper-demo/post-7202",
        '<ul class="td-tags td-post-small-box',
        NEWSPAPER_BOXES.replace("عبر", "VIA").replace("المصدر", "SOURCE"),
        ["الأناضول"],
    ),
]
BOX_WORDS = ("المصدر", "عبر", "منصة إكس", "الأناضول")


@pytest.mark.parametrize(("name", "before", "boxes", "names"), THEME_BOXES)
def test_a_theme_source_box_wins_over_the_body_line_and_neither_stays_in_the_body(
    name, before, boxes, names
):
    html, url, reference = _fixture(name)
    plain = extract_page(html, url, reference, profile="auto").article
    assert plain.source and plain.provenance["source"] == "source-line"
    boxed = extract_page(_insert(html, before, boxes), url, reference, profile="auto").article
    assert boxed.profile == plain.profile != "generic@1"
    assert boxed.source == names
    assert boxed.provenance["source"] == "source-box"
    assert boxed.source_raw.split()[0].rstrip(":") in ("المصدر", "SOURCE")
    assert boxed.body == plain.body
    assert not any(word in boxed.body.split("\n\n")[-1] for word in (*BOX_WORDS, "VIA"))


@pytest.mark.parametrize(("name", "before", "boxes", "names"), THEME_BOXES)
def test_a_via_box_alone_is_no_source_and_leaves_the_body(name, before, boxes, names):
    html, url, reference = _fixture(name)
    plain = extract_page(html, url, reference, profile="auto").article
    via_only = boxes.replace("المصدر", "الوسم").replace("SOURCE", "TAGS")
    article = extract_page(_insert(html, before, via_only), url, reference, profile="auto").article
    assert article.source == plain.source
    assert article.provenance["source"] == "source-line"
    assert article.body == plain.body


# The fixture pages whose theme prints a Source box (and a Via box beside it on some):
# (page, source names, a source line in its body the box wins over, or "").
FIXTURE_BOXES = [
    ("jannah-demo/new-airport", ["وكالة الأنباء السعودية", "العربية"], ""),
    ("jannah-demo/budget-surplus-q4", ["واس"], "المصدر: وكالات"),
    ("jnews-demo/post-4104", ["وكالة الأنباء الأردنية (بترا)"], ""),
    ("newspaper-demo/post-7204", ["وكالة أنباء الشرق الأوسط"], ""),
]


@pytest.mark.parametrize(("name", "names", "line"), FIXTURE_BOXES)
def test_fixture_pages_read_the_theme_source_box(name, names, line):
    html, url, reference = _fixture(name)
    assert line in html
    article = extract_page(html, url, reference, profile="auto").article
    assert article.source == names and article.provenance["source"] == "source-box"
    closing = article.body.split("\n\n")[-1]
    assert not any(word in closing for word in ("المصدر", "عبر", names[0]))
    if line:
        assert line not in article.body


TDB_SOURCE = (
    '<div class="td_block_wrap tdb_single_source tdi_41 td-pb-border-top td_block_template_1" '
    'data-td-block-uid="tdi_41"><style>.tdi_41 span{{margin-right:4px}}</style>'
    '<div class="tdb-block-inner td-fix-index">{label}<a rel="nofollow" '
    'href="https://www.aa.com.tr/ar" target="_blank">الأناضول</a></div></div>'
)


@pytest.mark.parametrize("label", ["", "<span>المصدر</span>"])
def test_a_tagdiv_cloud_source_block_is_the_source_with_or_without_its_label(label):
    html, url, reference = _fixture("newspaper-demo/post-7205")
    plain = extract_page(html, url, reference, profile="auto").article
    assert plain.source == ["وكالات"] and "tdb_single_content" in html
    block = TDB_SOURCE.format(label=label)
    page = _insert(html, '<div class="td_block_wrap tdb_single_tags', block)
    boxed = extract_page(page, url, reference, profile="auto").article
    assert boxed.source == ["الأناضول"] and boxed.provenance["source"] == "source-box"
    assert boxed.source_raw == ("المصدر الأناضول" if label else "الأناضول")
    assert boxed.body == plain.body


# The generic path: the bundled Zox page read without its profile, its source line
# replaced by a labelled box after the content.
def _bundled(post: str = "post-10259") -> tuple[str, str, datetime]:
    html = (BUNDLED_PAGES / f"{post}.html").read_text(encoding="utf-8")
    return html, f"https://www.akhbar-turkiya.example/{post}", datetime(2025, 12, 15, 9, tzinfo=UTC)


LINE = "<p>المصدر: فرانس برس</p>\n</div>"


@pytest.mark.parametrize(
    ("box", "names"),
    [
        (
            '</div><div class="post-source"><span class="label">المصدر</span> '
            '<a href="https://www.afp.com/ar" rel="nofollow">فرانس برس</a></div>',
            ["فرانس برس"],
        ),
        (
            '<div class="meta-source"><strong>Quelle:</strong> '
            '<a href="https://www.dpa.com/">dpa</a>, <a href="https://www.afp.com/">AFP</a></div></div>',
            ["dpa", "AFP"],
        ),
        (
            '</div><dl class="article-meta"><dt>Source</dt><dd>Agence France-Presse</dd></dl>',
            ["Agence France-Presse"],
        ),
    ],
)
def test_a_labelled_box_after_the_content_is_the_source_on_the_generic_path(box, names):
    html, url, reference = _bundled()
    plain = extract_page(html, url, reference, profile="generic").article
    assert plain.source == ["فرانس برس"] and plain.provenance["source"] == "source-line"
    assert LINE in html
    boxed = extract_page(html.replace(LINE, box), url, reference, profile="generic").article
    assert boxed.source == names
    assert boxed.provenance["source"] == "source-box"
    assert boxed.body == plain.body


@pytest.mark.parametrize(
    ("placed", "form", "raw"),
    [
        # A plugin's box inside the theme's content: read from its paragraphs.
        (
            '<div class="post-source"><span class="label">المصدر</span> '
            '<a href="https://www.afp.com/ar" rel="nofollow">فرانس برس</a></div>\n</div>',
            "source-box",
            "المصدر فرانس برس",
        ),
        # A child theme's or a plugin's "source" field in an element of its own right after
        # the theme's content container: read as the generic path reads one.
        (
            '</div>\n<div class="ln-post-source"><span class="ln-post-source-label">المصدر:'
            '</span> <a href="https://www.afp.com/ar" target="_blank" rel="nofollow">فرانس برس'
            "</a></div>",
            "source-line",
            "المصدر: فرانس برس",
        ),
    ],
)
def test_a_source_box_in_or_after_a_theme_body_is_the_source(placed, form, raw):
    html, url, reference = _bundled()
    plain = extract_page(html, url, reference, profile="auto").article
    assert plain.profile == "zox@1" and plain.provenance["source"] == "source-line"
    boxed = extract_page(html.replace(LINE, placed), url, reference, profile="auto").article
    assert boxed.source == ["فرانس برس"] and boxed.provenance["source"] == form
    assert boxed.source_raw == raw
    assert boxed.body == plain.body


@pytest.mark.parametrize(
    ("tail", "names"),
    [
        (["المصدر", "الأناضول"], ("الأناضول",)),
        (["المصادر:", "رويترز", "فرانس برس"], ("رويترز", "فرانس برس")),
        (["Source", "Reuters", "شارك الخبر", "فيسبوك"], ("Reuters",)),
    ],
)
def test_a_box_label_then_names_closing_the_body_is_a_source(tail, names):
    body, found = split_source_line([*STORY, *tail])
    assert body == STORY and found.names == names and found.form == "source-box"


@pytest.mark.parametrize(
    "tail",
    [
        ["المصدر", "وقال المسؤول في الوزارة إن الاجتماع المقبل سيعقد في العاصمة"],
        ["المصدر", "الأناضول", "تم تحديث الخبر في وقت لاحق بعد صدور البيان الرسمي"],
        ["المصدر"],
    ],
)
def test_a_box_label_before_text_or_alone_is_no_source(tail):
    assert split_source_line([*STORY, *tail])[1] is None


SIDEBAR_WIDGET = (
    '<div class="widget widget_text"><h4 class="widget-title">المصدر</h4>'
    '<div class="textwidget"><a href="https://www.aa.com.tr/ar">الأناضول</a></div></div>'
)
MENU = (
    '<nav class="main-menu"><ul><li><span class="menu-label">المصدر</span>'
    '<a href="/source/reuters/">رويترز</a></li></ul></nav>'
)


@pytest.mark.parametrize("elsewhere", [SIDEBAR_WIDGET, MENU])
def test_a_sidebar_widget_or_a_menu_labelled_source_is_no_source_box(elsewhere):
    html, url, reference = _bundled()
    without_line = html.replace(LINE, "</div>")
    plain = extract_page(without_line, url, reference, profile="generic").article
    assert plain.source == []
    # Right after the content (the widget or menu in the same column), and in the sidebar.
    for at in ('<div id="mvp-content-bot"', '<div id="mvp-side-wrap"'):
        page = _insert(without_line, at, elsewhere)
        assert extract_page(page, url, reference, profile="generic").article.source == [], at


def test_a_label_over_a_paragraph_of_text_is_no_box():
    html, url, reference = _bundled()
    heading = (
        '</div><div class="note"><span>المصدر</span> <span>قال مسؤول في الوزارة إن الاجتماع '
        "المقبل سيعقد في العاصمة بعد أسبوعين بحضور وزراء الخارجية العرب</span></div>"
    )
    page = html.replace(LINE, heading)
    assert extract_page(page, url, reference, profile="generic").article.source == []


@pytest.mark.parametrize(
    ("pieces", "names"),
    [
        ([("المصدر", False), ("الأناضول", True), ("رويترز", True)], ("الأناضول", "رويترز")),
        ([(" Source: ", False), ("VH Magazine", True)], ("VH Magazine",)),
        ([("SOURCE", False), ("Reuters, AFP", True)], ("Reuters", "AFP")),
        (
            [("مصدر الخبر :", False), (" وكالة الأنباء السعودية ", False)],
            ("وكالة الأنباء السعودية",),
        ),
        ([("المصدر: الأناضول", False)], ("الأناضول",)),
    ],
)
def test_source_box_reads_the_names_after_a_source_label(pieces, names):
    found = source_box(pieces)
    assert found is not None and found.names == names and found.form == "source-box"


@pytest.mark.parametrize(
    "pieces",
    [
        [("VIA", False), ("Google", True)],
        [("عبر", False), ("تويتر", True)],
        [("الوسوم", False), ("الأناضول", True)],
        [("الأناضول", True)],
        [("المصدر", False), ("وقال المصدر إن الوفد سيصل غدا", False)],
        [("المصدر", False)],
    ],
)
def test_source_box_refuses_other_labels_prose_and_a_bare_label(pieces):
    assert source_box(pieces) is None


def test_only_a_box_known_by_its_class_may_be_links_alone():
    links = [("الأناضول", True), ("رويترز", True)]
    assert source_box(links) is None
    assert source_box(links, unlabelled=True).names == ("الأناضول", "رويترز")
    assert source_box([("VIA", False), ("Google", True)], unlabelled=True) is None


def test_box_labels_are_labels_alone():
    assert all(map(is_box_label, ["المصدر", "المصادر:", "Source", "SOURCE", "Fonte", "Fuente"]))
    assert not any(map(is_box_label, ["عبر", "VIA", "المصدر: الأناضول", "مصدر مطلع", "Sourcing"]))


@pytest.mark.parametrize(
    "elsewhere",
    [
        SIDEBAR_WIDGET,
        MENU,
        # A chart's note under the story: the data's source, not the story's.
        '<div class="chart-note">المصدر: البنك الدولي</div>',
        '<div class="wp-block-image"><img src="/x.png" alt=""><p>المصدر: رويترز</p></div>',
    ],
)
def test_no_source_after_a_theme_body_from_a_widget_a_menu_or_a_figure(elsewhere):
    html, url, reference = _bundled()
    placed = html.replace(LINE, "</div>\n" + elsewhere)
    assert extract_page(placed, url, reference, profile="auto").article.source == []
