"""Boxes printed inside an article's body (share rows, "read also" boxes, newsletter
prompts, ad labels) leave it in both paths, and a sentence that merely mentions reading or
sharing stays; a page with no date metadata gets the date printed next to its headline."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.source_line import drop_boxes, split_source_line
from scraper.testkit.server import BUNDLED_SITE
from scraper.time import http_date

FIXTURES = Path(__file__).parent / "fixtures"

STORY = [
    "عقد وزراء خارجية عدد من الدول العربية اجتماعاً تشاورياً في العاصمة المصرية القاهرة، "
    "لبحث سبل دعم المرحلة الانتقالية في سوريا وتعزيز الاستقرار في البلاد.",
    "وأكد البيان الختامي للاجتماع أهمية الحفاظ على وحدة الأراضي السورية، وتشجيع عودة "
    "اللاجئين بشكل طوعي وآمن، ودعم جهود إعادة الإعمار والخدمات الأساسية.",
    "وناقش المجتمعون آليات تنسيق المساعدات العربية، ومن بينها إنشاء صندوق مشترك لتمويل "
    "مشاريع البنية التحتية في المدن الأكثر تضرراً.",
]
LINKED = ["أردوغان يستقبل وزير الخارجية السوري في أنقرة", "الليرة التركية تتراجع أمام الدولار"]

# Boxes as sites print them in mid-body, each with the paragraphs it leaves.
BOXES = [
    ["اقرأ أيضا: أردوغان يستقبل وزير الخارجية السوري في أنقرة"],
    ["اقرأ أيضاً: الليرة التركية تتراجع أمام الدولار"],
    ["شاهد أيضا", *LINKED],
    ["Read also: الليرة التركية تتراجع أمام الدولار"],
    ["Related:", "أردوغان يستقبل وزير الخارجية السوري في أنقرة"],
    ["مواضيع ذات صلة", LINKED[1]],
    ["شارك الخبر"],
    ["شارك الخبر:", "فيسبوك", "تويتر", "واتساب"],
    ["مشاركة عبر: فيسبوك | تويتر | تيليجرام"],
    ["اشترك في النشرة البريدية ليصلك كل جديد"],
    ["إعلان"],
    ["- إعلان -"],
    ["Advertisement"],
]


@pytest.mark.parametrize("box", BOXES, ids=lambda box: box[0])
def test_a_box_in_mid_body_leaves_it(box):
    paragraphs = [STORY[0], *box, *STORY[1:]]
    assert drop_boxes(paragraphs, lambda: LINKED) == STORY
    body, _ = split_source_line([*paragraphs, "المصدر: الأناضول"], lambda: LINKED)
    assert body == STORY


# Paragraphs that open like a box but are the story's own: a label without a link after it,
# a share verb opening a sentence, a newsletter in the news, a label inside a sentence.
STORY_LINES = [
    "اقرأ أيضاً تقريرنا المفصل عن الاتفاق في عدد الغد من النسخة الورقية",
    "شارك في الاجتماع وزراء خارجية مصر والأردن والسعودية وقطر",
    "شارك الآلاف في المسيرة التي جابت شوارع المدينة",
    "مشاركة واسعة في الانتخابات البلدية",
    "النشرة البريدية التي أطلقتها الوزارة الأسبوع الماضي تصل إلى مليون مشترك، بحسب البيان "
    "الذي نشرته اليوم، وتتضمن مواعيد تجديد الإقامات والحماية المؤقتة في كل ولاية.",
    "وقال الوزير: اقرأ أيضا ما كتبه الخبراء عن الاتفاق، فالأرقام لا تكذب.",
    "إعلان الرياض يدعو إلى وقف فوري لإطلاق النار",
    "Facebook and Twitter were blocked for hours across the country",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_a_story_paragraph_that_mentions_reading_or_sharing_stays(line):
    paragraphs = [STORY[0], line, *STORY[1:]]
    assert drop_boxes(paragraphs, lambda: LINKED) == paragraphs


def test_a_headline_after_a_read_also_label_goes_only_when_it_is_a_link():
    linked = [STORY[0], "اقرأ أيضا:", LINKED[0], *STORY[1:]]
    assert drop_boxes(linked, lambda: LINKED) == STORY
    # A subheading after a stray label is no box's headline: nothing goes.
    unlinked = [STORY[0], "اقرأ أيضا:", "ردود الفعل الدولية", *STORY[1:]]
    assert drop_boxes(unlinked, lambda: LINKED) == unlinked


def test_a_lone_read_also_label_before_the_story_text_goes():
    # trafilatura drops a box's list of links and keeps its label.
    assert drop_boxes([STORY[0], "شاهد أيضاً", "شارك الخبر", *STORY[1:]], list) == STORY


def test_link_texts_are_read_only_when_a_read_also_label_is_there():
    def no_links() -> list[str]:
        raise AssertionError("link texts read for a body without a 'read also' label")

    assert drop_boxes([*STORY, "إعلان"], no_links) == STORY


# Whole pages: boxes inserted after the first paragraph of the body must leave the body
# exactly as the page's body without them, in each theme's container and in the generic path.
BOX_MARKUP = """
<p><strong>اقرأ أيضا:</strong> <a href="https://example.org/2025/12/10/a/">{0}</a></p>
<div class="yarpp yarpp-related"><h3>مواضيع ذات صلة</h3>
<ol><li><a href="https://example.org/2025/12/09/b/">{1}</a><small>منذ يومين</small></li></ol></div>
<p>شاهد أيضاً</p>
<ul><li><a href="https://example.org/2025/12/08/c/">{1}</a></li>
<li><a href="https://example.org/2025/12/07/d/">{0}</a></li></ul>
<div class="addtoany_share_save_container addtoany_content"><div class="a2a_kit">
<a class="a2a_button_facebook">Facebook</a><a class="a2a_button_whatsapp">WhatsApp</a></div></div>
<p>شارك الخبر: فيسبوك | تويتر | واتساب</p>
<p class="ad-label">إعلان</p>
<div class="tnp-subscription"><p>اشترك في نشرتنا البريدية ليصلك كل جديد على بريدك</p></div>
<p>اشترك في النشرة البريدية</p>
""".format(*LINKED)

THEMED = [
    "zox-demo/post-10259",
    "jannah-demo/arabic-ai-model",
    "jnews-demo/post-4101",
    "newspaper-demo/post-7201",
    "jarida-demo/arab-league-meeting",
]


def _bundled_page(post: str) -> tuple[str, str, datetime]:
    """A page of the bundled site: its HTML, its URL and the reference time of its crawl."""
    html = (BUNDLED_SITE / "pages" / f"{post}.html").read_text(encoding="utf-8")
    return html, "https://www.akhbar-turkiya.example/" + post, datetime(2025, 12, 15, 9, tzinfo=UTC)


def _fixture(name: str) -> tuple[str, str, datetime]:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    response = json.loads((FIXTURES / f"{name}.response.json").read_text(encoding="utf-8"))
    return html, response["url"], http_date(response["headers"]["Date"])


def _with_boxes(html: str) -> str:
    """The page with the boxes after the first paragraph of its story (the first long one:
    a theme's header prints short ones)."""
    end = re.search(r"<p>[^<]{80,}</p>", html).end()
    return html[:end] + BOX_MARKUP + html[end:]


@pytest.mark.parametrize("name", THEMED)
def test_boxes_inserted_into_a_theme_page_leave_its_body(name):
    html, url, reference = _fixture(name)
    before = extract_page(html, url, reference, profile="auto").article
    after = extract_page(_with_boxes(html), url, reference, profile="auto").article
    assert before.body and before.profile != "generic@1"
    assert after.body == before.body
    assert after.source == before.source


@pytest.mark.parametrize("post", ["post-10259", "post-10267"])
def test_boxes_inserted_into_a_bundled_page_leave_its_body_in_both_paths(post):
    html, url, reference = _bundled_page(post)
    for profile in ("auto", "generic"):
        before = extract_page(html, url, reference, profile=profile).article
        after = extract_page(_with_boxes(html), url, reference, profile=profile).article
        assert before.body
        assert after.body == before.body, profile


# What a consent tool prints in place of every embed it blocks (Business Insider's pages).
PLACEHOLDER = (
    "<p>Externer Inhalt nicht verfügbar</p><p>Deine Privatsphäre-Einstellungen verhindern das "
    "Laden und Anzeigen aller externen Inhalte (z.B. Grafiken, Tabellen, Abo-Login) und "
    "Sozialen Netzwerke. Zur Anzeige aktiviere bitte die Einstellungen.</p>"
)


@pytest.mark.parametrize("post", ["post-10259", "post-10267"])
def test_a_placeholder_under_every_blocked_embed_leaves_the_body_a_pull_quote_stays(post):
    html, url, reference = _bundled_page(post)
    long_paragraphs = list(re.finditer(r"<p>[^<]{80,}</p>", html))
    assert len(long_paragraphs) >= 3
    with_placeholders = html
    for found in reversed(long_paragraphs[:3]):
        with_placeholders = (
            with_placeholders[: found.end()] + PLACEHOLDER + with_placeholders[found.end() :]
        )
    quote = long_paragraphs[0].group(0)
    with_quote = html[: long_paragraphs[1].end()] + quote + html[long_paragraphs[1].end() :]
    for profile in ("auto", "generic"):
        before = extract_page(html, url, reference, profile=profile).article
        after = extract_page(with_placeholders, url, reference, profile=profile).article
        assert after.body == before.body, profile
        quoted = extract_page(with_quote, url, reference, profile=profile).article
        assert quoted.body.count(re.sub("<[^>]+>", "", quote)[:60]) == 2, profile


# The generic path on a page with no date metadata: the date printed by the headline.
REFERENCE = datetime(2024, 5, 6, 12, tzinfo=UTC)


def _page_without_metadata(header: str = "", elsewhere: str = "") -> str:
    # Long enough to be a story; no paragraph printed three times (that is a placeholder).
    paragraphs = "".join(
        f"<p>{p} وذلك بحسب ما أفادت به المصادر في اليوم {day}.</p>"
        for day, p in enumerate(STORY * 6, start=1)
    )
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>وزراء خارجية عرب يبحثون دعم المرحلة الانتقالية - أخبار</title></head><body>
<nav><ul><li><a href="/">الرئيسية</a></li></ul></nav><main><article class="story">
<header class="story-head"><h1>وزراء خارجية عرب يبحثون دعم المرحلة الانتقالية</h1>{header}</header>
<div class="story-body">{paragraphs}</div>{elsewhere}</article></main>
<footer><p>جميع الحقوق محفوظة</p></footer></body></html>"""


@pytest.mark.parametrize(
    ("header", "published"),
    [
        (
            '<div class="byline">بقلم محمد الحلبي <span>|</span> منذ 5 ساعات</div>',
            "2024-05-06T07:00:00Z",
        ),
        (
            '<div class="meta"><span class="post-date">5 مايو 2024</span></div>',
            "2024-05-05T00:00:00Z",
        ),
        ("<p>نشر في: 04/05/2024 - 10:30</p>", "2024-05-04T10:30:00Z"),
        ('<span itemprop="datePublished">20 hours ago</span>', "2024-05-05T16:00:00Z"),
    ],
)
def test_the_date_printed_by_the_headline_is_the_published_time(header, published):
    page = extract_page(
        _page_without_metadata(header),
        "https://news.example/story-slug/",
        REFERENCE,
        profile="generic",
    )
    assert page.article.published_at == published
    assert page.article.published_sources == ["visible-date"]


@pytest.mark.parametrize(
    "elsewhere",
    [
        '<aside><ul><li><a href="/x/">خبر آخر</a> <span class="date">منذ ساعتين</span></li></ul></aside>',
        '<div class="comments"><p class="comment-meta">4 مايو 2024</p><p>تعليق</p></div>',
        '<footer class="story-foot"><p>3 مايو 2024</p></footer>',
    ],
)
def test_no_date_is_taken_from_a_list_item_a_comment_or_a_footer(elsewhere):
    page = extract_page(
        _page_without_metadata("", elsewhere),
        "https://news.example/story-slug/",
        REFERENCE,
        profile="generic",
    )
    assert page.page_type == "article"
    assert page.article.published_at is None


@pytest.mark.parametrize(
    "header",
    [
        '<ul class="post-meta"><li class="date">منذ ساعتين</li></ul>',
        '<span class="updated">آخر تحديث: 5 مايو 2024</span>',
        '<span class="reading-time">5 دقائق</span>',
    ],
)
def test_an_update_time_a_reading_time_or_a_list_item_by_the_headline_is_no_date(header):
    page = extract_page(
        _page_without_metadata(header),
        "https://news.example/story-slug/",
        REFERENCE,
        profile="generic",
    )
    assert page.article.published_at is None


def test_a_story_fetched_minutes_after_it_was_printed_in_a_zone_east_of_utc_has_its_date():
    # Printed at 10:02 Riyadh time (07:02 UTC), fetched at 07:30 UTC: read as UTC the
    # printed time would be two and a half hours ahead of the fetch.
    header = '<div class="meta"><span class="post-date">6 مايو 2024 - 10:02</span></div>'
    fetched = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    page = extract_page(
        _page_without_metadata(header),
        "https://news.example/2024/05/06/story-slug/",
        fetched,
        profile="generic",
        timezone="Asia/Riyadh",
    )
    # The printed time, not only the permalink's day.
    assert page.article.published_at == "2024-05-06T07:02:00Z"


def test_a_printed_date_later_than_the_reference_time_is_no_date_and_the_record_says_why():
    # A scheduled post served early, or a fetch clock behind the site's: the date beside
    # the headline is two days ahead. No date is taken, and the reason is not "no date".
    header = '<div class="meta"><span class="post-date">8 مايو 2024</span></div>'  # 2 days on
    page = extract_page(
        _page_without_metadata(header),
        "https://news.example/story-slug/",
        REFERENCE,
        profile="generic",
    )
    assert page.page_type == "article"
    assert page.article.published_at is None
    assert page.article.missing["published_at"] == "visible-date: future"


def test_the_headline_date_is_not_read_when_the_page_states_its_time():
    # As Metro prints it: JSON-LD with the offset, a meta tag with the same local time
    # marked +0000, and the local time by the headline. Read in UTC, the printed time would
    # side with the wrong meta tag and outvote JSON-LD.
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-07-17T11:21:03+01:00"}</script>'
        '<meta property="article:published_time" content="2024-07-17T11:21:03+0000">'
    )
    html = _page_without_metadata('<span class="date">17 July 2024 11:21</span>')
    html = html.replace("<head>", "<head>" + head)
    evening = datetime(2024, 7, 17, 20, tzinfo=UTC)
    page = extract_page(html, "https://news.example/story-slug/", evening, profile="generic")
    assert page.article.published_at == "2024-07-17T10:21:03Z"
    assert page.article.published_sources == ["json-ld"]


@pytest.mark.parametrize(
    ("opening", "author"),
    [
        ("كتب: محمد الحلبي", "محمد الحلبي"),
        ("بقلم - سارة يلماز", "سارة يلماز"),
        ("By Jane Doe", "Jane Doe"),
    ],
)
def test_a_byline_printed_as_the_story_s_first_line_is_its_author_not_its_text(opening, author):
    html = _page_without_metadata().replace(
        '<div class="story-body">', f'<div class="story-body"><p>{opening}</p>', 1
    )
    page = extract_page(html, "https://news.example/story-slug/", REFERENCE, profile="generic")
    assert page.article.author == author
    assert page.article.provenance["author"] == "body:opening-byline"
    assert page.article.body.startswith(STORY[0][:40])


@pytest.mark.parametrize(
    "opening",
    [
        "كتب الرئيس رسالة إلى البرلمان.",  # a sentence, not a byline
        "Breaking News",  # capitalized words without a label: maybe a subheading
    ],
)
def test_a_first_line_that_is_no_labelled_byline_stays_in_the_body(opening):
    html = _page_without_metadata().replace(
        '<div class="story-body">', f'<div class="story-body"><p>{opening}</p>', 1
    )
    page = extract_page(html, "https://news.example/story-slug/", REFERENCE, profile="generic")
    assert page.article.author is None
    assert page.article.body.startswith(opening)


def test_written_on_a_date_is_a_date_line_not_a_byline():
    # "كتب في" labels the day (Joomla K2's item date), as "نشر في" does: the header's date
    # line, no writer.
    html = _page_without_metadata().replace(
        '<div class="story-body">', '<div class="story-body"><p>كتب في 5 مايو 2024</p>', 1
    )
    page = extract_page(html, "https://news.example/story-slug/", REFERENCE, profile="generic")
    assert page.article.author is None
    assert page.article.body.startswith(STORY[0][:40])


# Blocks real templates and plugins print inside the content container, as they print them:
# Easy Table of Contents and core's page links of a split post under every theme; Jarida's
# and Sahifa's own page links and JNews's push-notification prompt under theirs.
EVERY_THEME_BLOCKS = f"""
<div id="ez-toc-container" class="ez-toc-v2_0_82_2 counter-hierarchy ez-toc-counter ez-toc-grey
ez-toc-container-direction"><div class="ez-toc-title-container"><p class="ez-toc-title"
style="cursor:inherit">جدول المحتويات</p><span class="ez-toc-title-toggle"></span></div>
<nav><ul class="ez-toc-list ez-toc-list-level-1"><li class="ez-toc-page-1"><a class="ez-toc-link"
href="#a">{LINKED[0]}</a></li></ul></nav></div>
<p class="post-nav-links">الصفحات: <span class="post-page-numbers current">1</span>
<a href="https://example.org/2025/12/10/a/2/" class="post-page-numbers">2</a></p>
"""
THEME_BLOCKS = {
    "jannah": (
        '<div class="multiple-post-pages clearfix"><span>الصفحات:</span> '
        '<a href="https://example.org/a/2/"><span>2</span></a></div>'
    ),
    "jarida": '<div class="page-link">الصفحات: <a href="https://example.org/a/2/">2</a></div>',
    "jnews": (
        "<div class='jeg_push_notification single_post'><div class=\"jeg_push_notification_content\">"
        '<p>فعّل الإشعارات ليصلك كل جديد</p><div class="jeg_push_notification_button">'
        '<a class="button" href="#">اشترك</a></div></div></div>'
    ),
}


@pytest.mark.parametrize("name", THEMED)
def test_template_blocks_inside_the_content_leave_the_body(name):
    html, url, reference = _fixture(name)
    blocks = EVERY_THEME_BLOCKS + THEME_BLOCKS.get(name.split("-")[0], "")
    end = re.search(r"<p>[^<]{80,}</p>", html).end()
    before = extract_page(html, url, reference, profile="auto").article
    after = extract_page(html[:end] + blocks + html[end:], url, reference, profile="auto").article
    assert after.body == before.body


@pytest.mark.parametrize("post", ["post-10259", "post-10267"])
def test_a_table_of_contents_and_page_links_leave_the_body_on_the_generic_path(post):
    html, url, reference = _bundled_page(post)
    end = re.search(r"<p>[^<]{80,}</p>", html).end()
    page = html[:end] + EVERY_THEME_BLOCKS + html[end:]
    before = extract_page(html, url, reference, profile="generic").article
    assert extract_page(page, url, reference, profile="generic").article.body == before.body


def test_jannah_story_highlights_keep_their_items_without_their_title():
    html, url, reference = _fixture("jannah-demo/arabic-ai-model")
    highlights = (
        '<div id="story-highlights"><div class="widget-title the-global-title">'
        f'<div class="the-subtitle">أبرز النقاط</div></div><ul><li>{LINKED[1]}</li></ul></div>'
    )
    content = '<div class="entry-content entry clearfix">'
    page = html.replace(content, content + highlights, 1)
    body = extract_page(page, url, reference, profile="auto").article.body
    assert body.startswith(LINKED[1] + "\n\n") and "أبرز النقاط" not in body
