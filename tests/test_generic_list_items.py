"""List items on pages no profile knows: links whose item carries a time, three or more of
one shape side by side, stored as sightings with their windows and their widget."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from parsel import Selector

from scraper.extract import extract_page, normalize_url
from scraper.extract.profiles import detect_profile
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, utc

FIXTURES = Path(__file__).parent / "fixtures"
TRUTH = load_truth()
SITE = "https://www.akhbar-turkiya.example"
PAGES = {page["file"]: page for page in TRUTH["pages"]}
ARTICLE_PAGES = ["pages/post-10259.html", "pages/post-10350.html", "pages/post-670.html"]


def generic(file: str):
    page = PAGES[file]
    html = unprofiled((BUNDLED_SITE / file).read_text(encoding="utf-8"), "zox")
    assert detect_profile(html)[0] is None
    return extract_page(
        html, SITE + page["path"], utc(page["date"]), profile="auto", timezone="Europe/Istanbul"
    )


def truth_items(file: str) -> dict[tuple[str, str], dict]:
    return {(normalize_url(i["url"]), i["time_raw"]): i for i in PAGES[file]["list_items"]}


@pytest.mark.parametrize("file", ARTICLE_PAGES)
def test_an_article_page_of_an_unknown_layout_gives_its_more_news_and_tabber_items(file):
    result = generic(file)
    truth = truth_items(file)

    assert result.article is not None and result.article.profile == "generic@1"
    assert Counter(item.widget for item in result.list_items) == {"tabber": 14, "more": 8}
    for item in result.list_items:
        true = truth[(item.url, item.time_raw)]  # every item is a true one, time as printed
        assert item.title == true["title"].strip()
        assert item.category == true["category"]
        assert item.earliest <= true["published_utc"] <= item.latest
        assert item.reason is None


def test_the_home_page_items_carry_their_widgets_heading_and_their_windows():
    result = generic("pages/home.html")
    truth = truth_items("pages/home.html")

    assert result.article is None and result.page_type == "listing"
    widgets = Counter(item.widget for item in result.list_items)
    # Home widgets have no telling class left: their heading names them.
    assert widgets["tabber"] == 15 and widgets["الاقتصاد التركي"] == 4 and widgets["دولي"] == 4
    assert len(result.list_items) >= 0.95 * len(truth)
    for item in result.list_items:
        true = truth[(item.url, item.time_raw)]
        assert item.earliest <= true["published_utc"] <= item.latest


def test_an_archive_page_keeps_its_list_in_document_order():
    file = "pages/category-dawli-1.html"
    result = generic(file)
    archive = [i for i in PAGES[file]["list_items"] if i["widget"] == "archive"]
    found = [item for item in result.list_items if item.widget != "tabber"]

    assert [(i.url, i.time_raw) for i in found] == [
        (normalize_url(i["url"]), i["time_raw"]) for i in archive[1:]
    ]  # the first archive entry is the featured story, alone of its shape


REFERENCE = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)
URL = "https://news.example/2025/12/15/storm/"


def page(body: str) -> str:
    return (
        '<html lang="ar"><head><title>عاصفة</title>'
        '<meta property="og:type" content="article"></head><body>' + body + "</body></html>"
    )


ARTICLE = (
    '<article><h1>عاصفة تضرب الساحل</h1><time datetime="2025-12-15T06:00:00+03:00">'
    "منذ 3 ساعات</time>"
    + "<p>ضربت عاصفة قوية الساحل الشمالي صباح اليوم وأغلقت الطرق الرئيسية في المنطقة.</p>" * 6
    + "</article>"
)


def sidebar(items: int, time: str = "منذ {n} ساعات", host: str = "news.example") -> str:
    rows = "".join(
        f'<li><a href="https://{host}/2025/12/14/story-{n}/">خبر رقم {n} عن الطقس</a>'
        f'<span class="label">طقس</span><span class="when">{time.format(n=n + 2)}</span></li>'
        for n in range(items)
    )
    return f'<div class="box"><h3>الأكثر قراءة</h3><ul>{rows}</ul></div>'


def test_a_sidebar_of_dated_links_is_found_with_its_heading_category_and_windows():
    result = extract_page(page(ARTICLE + sidebar(4)), URL, REFERENCE, profile="generic")

    assert [item.url for item in result.list_items] == [
        f"https://news.example/2025/12/14/story-{n}/" for n in range(4)
    ]
    first = result.list_items[0]
    assert (first.widget, first.title, first.category, first.time_raw) == (
        "الأكثر قراءة",
        "خبر رقم 0 عن الطقس",
        "طقس",
        "منذ 2 ساعات",
    )
    # A page of unknown software (no WordPress mark): "2 hours" rounded or cut down, so
    # published more than 1.5 and at most 3 hours before the page.
    assert (first.earliest, first.latest) == ("2025-12-15T06:00:01Z", "2025-12-15T07:30:00Z")
    # The same page from WordPress, whose human_time_diff() rounds: 1.5 to 2.5 hours.
    wordpress = page(ARTICLE + sidebar(4)).replace(
        "</head>", '<link rel="https://api.w.org/" href="https://news.example/wp-json/"></head>'
    )
    first = extract_page(wordpress, URL, REFERENCE, profile="generic").list_items[0]
    assert (first.earliest, first.latest) == ("2025-12-15T06:30:01Z", "2025-12-15T07:30:00Z")


def scripted_sidebar(time_markup: str) -> str:
    """A sidebar whose times a script prints in the browser from an attribute."""
    rows = "".join(
        f'<li><a href="https://news.example/2025/12/14/story-{n}/">خبر رقم {n} عن الطقس</a>'
        + time_markup.format(hour=n + 3)
        + "</li>"
        for n in range(4)
    )
    return f'<div class="box"><h3>آخر الأخبار</h3><ul>{rows}</ul></div>'


@pytest.mark.parametrize(
    "time_markup",
    [
        # jQuery timeago: an empty <abbr> whose title it reads
        '<abbr class="timeago" title="2025-12-15T0{hour}:00:00+03:00"></abbr>',
        '<span class="ago" data-datetime="2025-12-15T0{hour}:00:00+03:00"></span>',
        # seconds since 1970 (06:00 +03:00 on 15 December 2025 is 1765767600)
        '<span class="ago" data-timestamp="{{epoch}}"></span>',
        # the item itself carries it
        None,
    ],
)
def test_times_a_script_prints_from_an_attribute_are_read(time_markup):
    if time_markup is None:
        rows = "".join(
            f'<li data-date="2025-12-15T0{n + 3}:00:00+03:00">'
            f'<a href="https://news.example/2025/12/14/story-{n}/">خبر رقم {n} عن الطقس</a></li>'
            for n in range(4)
        )
        box = f'<div class="box"><h3>آخر الأخبار</h3><ul>{rows}</ul></div>'
    else:
        box = scripted_sidebar(time_markup)
        for n in range(4):
            box = box.replace("{epoch}", str(1765767600 + (n - 3) * 3600), 1)
    result = extract_page(page(ARTICLE + box), URL, REFERENCE, profile="generic")
    assert [item.url for item in result.list_items] == [
        f"https://news.example/2025/12/14/story-{n}/" for n in range(4)
    ]
    # Machine times: exact, each an hour after the one before (03:00 to 06:00 at +03:00).
    assert [(item.earliest, item.latest) for item in result.list_items] == [
        (f"2025-12-15T0{n}:00:00Z",) * 2 for n in range(4)
    ]
    assert {item.widget for item in result.list_items} == {"آخر الأخبار"}


def test_an_abbreviation_s_title_or_a_time_s_wrapper_adds_no_time():
    # <abbr title="..."> that is no time; a wrapper whose data attribute repeats its <time>.
    rows = "".join(
        f'<li><a href="https://news.example/2025/12/14/story-{n}/">خبر رقم {n} عن '
        '<abbr title="World Health Organization">WHO</abbr></a>'
        f'<k2-date data-datetime="17657{n}0000000"><time datetime="2025-12-15T0{n}:00:00Z">'
        f"منذ {9 - n} ساعات</time></k2-date></li>"
        for n in range(4)
    )
    box = f'<div class="box"><h3>آخر الأخبار</h3><ul>{rows}</ul></div>'
    result = extract_page(page(ARTICLE + box), URL, REFERENCE, profile="generic")
    assert [item.time_raw for item in result.list_items] == [f"منذ {9 - n} ساعات" for n in range(4)]
    assert [item.earliest for item in result.list_items] == [
        f"2025-12-15T0{n}:00:00Z" for n in range(4)
    ]


def test_a_lone_dated_link_is_no_list_and_links_off_the_site_are_no_items():
    # (Two under the box's heading are: `_dated_pair`.)
    for profile in ("generic", "zox"):  # a theme's page reads its lists by shape too
        alone = extract_page(page(ARTICLE + sidebar(1)), URL, REFERENCE, profile=profile)
        assert alone.list_items == []
        paired = extract_page(page(ARTICLE + sidebar(2)), URL, REFERENCE, profile=profile)
        assert len(paired.list_items) == 2
    off_site = sidebar(4, host="other.example")
    assert (
        extract_page(page(ARTICLE + off_site), URL, REFERENCE, profile="generic").list_items == []
    )


def test_the_articles_own_date_and_its_comments_dates_give_no_items():
    comments = "".join(
        f'<li class="comment"><div class="comment-author">قارئ {n}</div>'
        f'<div class="comment-metadata"><a href="{URL}#comment-{n}">'
        f'<time datetime="2025-12-15T0{n}:10:00+00:00">منذ {9 - n} ساعات</time></a></div>'
        f"<p>تعليق رقم {n} على الخبر</p></li>"
        for n in range(1, 5)
    )
    html = page(ARTICLE + f'<ol class="comment-list">{comments}</ol>')

    result = extract_page(html, URL, REFERENCE, profile="generic")

    assert result.article is not None and result.article.published_at == "2025-12-15T03:00:00Z"
    assert result.list_items == []


def test_a_menu_of_links_without_times_gives_no_items():
    menu = "".join(
        f'<li><a href="https://news.example/category/{name}/">{name}</a></li>'
        for name in ("سياسة", "اقتصاد", "رياضة", "منوعات")
    )
    links = "".join(
        f'<li><a href="https://news.example/2025/12/1{n}/story-{n}/">خبر {n}</a></li>'
        for n in range(5)
    )
    html = page(f"<header><nav><ul>{menu}</ul></nav></header>{ARTICLE}<ul>{links}</ul>")

    assert extract_page(html, URL, REFERENCE, profile="generic").list_items == []


def test_a_mega_menu_listing_dated_posts_is_not_a_widget():
    html = page(f'<nav class="main-nav">{sidebar(4)}</nav>{ARTICLE}')

    assert extract_page(html, URL, REFERENCE, profile="generic").list_items == []


def test_a_theme_page_the_generic_path_rescues_keeps_the_themes_items_only():
    file = "pages/post-10259.html"
    html = (BUNDLED_SITE / file).read_text(encoding="utf-8")
    layout = html.replace('id="mvp-article-wrap"', 'id="story-2027"')
    reference, url = utc(PAGES[file]["date"]), SITE + PAGES[file]["path"]

    rescued = extract_page(layout, url, reference, profile="zox", timezone="Europe/Istanbul")
    themed = extract_page(html, url, reference, profile="zox", timezone="Europe/Istanbul")

    assert rescued.article.profile == "generic@1"
    assert rescued.list_items == themed.list_items


def teasers(items: int, when: str, reading: str) -> str:
    """Teasers as news sites print them: a time, and beside it a reading time that is a bare
    duration in an element named for it (the form seen on de/FreiePresse)."""
    rows = "".join(
        f'<div class="teaser"><a href="https://news.example/2025/12/14/story-{n}/">'
        f'<div class="teaser__info"><div class="teaser__time">{when.format(n=n + 2)}</div>'
        f'<div class="teaser__readtime"><span class="teaser__readtime-icon"></span>'
        f"<span>{reading.format(n=n + 3)}</span></div></div>"
        f'<div class="teaser__title">خبر رقم {n} عن الطقس</div></a></div>'
        for n in range(items)
    )
    return f'<div class="recommendations"><h3>قد يهمك أيضا</h3>{rows}</div>'


def test_a_reading_time_in_a_reading_time_element_is_no_sighting_time():
    result = extract_page(
        page(ARTICLE + teasers(4, "منذ {n} ساعات", "{n} min.")), URL, REFERENCE, profile="generic"
    )
    assert [item.time_raw for item in result.list_items] == [f"منذ {n} ساعات" for n in (2, 3, 4, 5)]
    assert all("min." not in (item.time_raw or "") for item in result.list_items)


def reading_list(items: int, duration: str, word: str) -> str:
    rows = "".join(
        f'<li><a href="https://news.example/2025/12/14/story-{n}/">خبر رقم {n} عن الطقس</a>'
        f"<span>{duration}</span><span>{word}</span></li>"
        for n in range(items)
    )
    return f'<div class="box"><h3>اقرأ أيضا</h3><ul>{rows}</ul></div>'


@pytest.mark.parametrize(
    ("duration", "word"),
    [("5 دقائق", "قراءة"), ("دقيقتان", "للقراءة"), ("4 min", "read"), ("3 Min.", "Lesezeit")],
)
def test_a_duration_beside_a_reading_word_gives_no_items(duration, word):
    html = page(ARTICLE + reading_list(4, duration, word))
    assert extract_page(html, URL, REFERENCE, profile="generic").list_items == []


def test_a_relative_time_beside_a_reading_word_still_reads():
    """ "منذ" and "ago" say the duration is a time, whatever is beside it."""
    for when in ("منذ 5 ساعات", "11 ساعة ago"):
        html = page(ARTICLE + reading_list(4, when, "3 دقائق قراءة"))
        items = extract_page(html, URL, REFERENCE, profile="generic").list_items
        assert [item.time_raw for item in items] == [when] * 4
        assert all(item.earliest is not None for item in items)


def _meta_line_list(before: str, after: str) -> str:
    """A "more news" list whose items carry a meta line: `before` and `after` printed on
    either side of each item's time."""
    rows = "".join(
        f'<div class="teaser"><h3><a href="https://news.example/2025/12/14/story-{n}/">'
        f'خبر رقم {n} عن الطقس</a></h3><div class="meta">{before}'
        f'<time datetime="2025-12-14T1{n}:00:00+03:00">14.12.2025</time>{after}</div></div>'
        for n in range(4)
    )
    return f'<section><h2>المزيد من الأخبار</h2><div class="teasers">{rows}</div></section>'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # an author's name classed as one, then a reading time classed as one
        (
            '<span class="meta__item meta__item--author">سارة أحمد</span>',
            '<span class="meta__item meta__item--reading-time">6 دقائق</span>',
        ),
        # no author (a comment in its place): the reading time alone
        ("<!-- no author -->", '<span class="meta__item meta__item--reading-time">7 min</span>'),
        # a byline told by its words, a link to the author's page
        ('<span class="meta__item">By Sara Ahmed</span>', ""),
        (
            '<span class="meta__item"><a href="https://news.example/author/sara/">سارة</a></span>',
            "",
        ),
        ('<span class="meta__item">بقلم سارة أحمد</span>', ""),
        # a field's caption, a separator, a video's length
        ('<span class="hidden">Published:</span>', ""),
        ('<span class="sep">•</span>', ""),
        ('<span class="meta__item">02:11 min</span>', ""),
    ],
)
def test_a_byline_a_reading_time_or_a_caption_beside_the_time_is_no_category(before, after):
    html = page(ARTICLE + _meta_line_list(before, after))

    items = extract_page(html, URL, REFERENCE, profile="generic").list_items

    assert len(items) == 4
    assert [item.category for item in items] == [None] * 4


def test_a_section_label_in_the_same_meta_line_is_the_category():
    html = page(
        ARTICLE
        + _meta_line_list(
            '<span class="meta__item meta__item--section">طقس</span>',
            '<span class="meta__item meta__item--reading-time">6 دقائق</span>',
        )
    )

    items = extract_page(html, URL, REFERENCE, profile="generic").list_items

    assert [item.category for item in items] == ["طقس"] * 4


def test_items_printed_with_a_local_time_east_of_utc_are_found_soon_after_it():
    # 09:00 UTC; the site prints Riyadh time (UTC+3): "11:30 ص" was 08:30 UTC, half an hour
    # before the page was fetched, and reads as "ahead" of the fetch in UTC.
    items = sidebar(4, time="اليوم 11:{n}0 ص")
    found = extract_page(
        page(ARTICLE + items), URL, REFERENCE, profile="generic", timezone="Asia/Riyadh"
    )
    assert [item.time_raw for item in found.list_items] == [
        f"اليوم 11:{n + 2}0 ص" for n in range(4)
    ]
    assert [item.earliest for item in found.list_items] == [
        f"2025-12-15T08:{n + 2}0:00Z" for n in range(4)
    ]


# A custom CMS's home page (no WordPress, no profile): story links by number, sections by
# address, and the links a crawl has no business following.
CMS_HOME = """<html lang="ar"><head><title>أخبار الوادي</title>
<meta property="og:type" content="website"></head><body>
<header><a class="logo" href="/"><img src="/logo.png" alt="أخبار الوادي"></a>
<nav><a href="/">الرئيسية</a><a href="/section/politics">سياسة</a>
<a href="/section/economy">اقتصاد</a><a href="/tag/egypt">مصر</a><a href="/search?q=">بحث</a>
<a href="/login">دخول</a></nav></header>
<main><div class="latest"><h2>آخر الأخبار</h2><ul>
<li><a href="/news/12345">البنك المركزي يثبت أسعار الفائدة</a><span>منذ 3 ساعات</span></li>
<li><a href="/news/12346">الحكومة تعلن موعد صرف منحة الشتاء</a><span>منذ 4 ساعات</span></li>
<li><a href="/news/12347">منتخب الشباب يتأهل إلى النهائي</a><span>منذ 5 ساعات</span></li>
</ul><a href="/section/economy?page=2">المزيد</a></div>
<div class="featured"><a href="/news/12301"><img src="/f.jpg"><h3>تقرير: عام من الإصلاحات</h3></a>
<a href="/2026/12/01/local-elections-results-announced/">نتائج الانتخابات المحلية</a>
<a href="/NewsDetails.aspx?NewsID=48213">مشروع جديد لتحلية المياه</a>
<a href="/news.php?id=12&amp;lang=ar">خبر</a></div></main>
<footer><a href="/about">من نحن</a><a href="/author/nora">نورا حسن</a>
<a href="/uploads/report-2026.pdf">التقرير السنوي</a>
<a href="https://www.facebook.com/alwadi/posts/1234567">فيسبوك</a></footer></body></html>"""


def test_a_page_no_profile_knows_gives_its_stories_and_sections_to_follow():
    site = "https://www.alwadi-news.example"
    reference = datetime(2026, 12, 1, 12, tzinfo=UTC)
    page = extract_page(CMS_HOME, site + "/", reference, profile="generic")
    assert page.article is None and len(page.list_items) == 3
    assert page.article_links == [
        f"{site}/news/{number}" for number in (12345, 12346, 12347, 12301)
    ] + [
        f"{site}/2026/12/01/local-elections-results-announced/",
        f"{site}/NewsDetails.aspx?NewsID=48213",  # a story number in the query
    ]  # "?id=12": too short a number for a story
    assert page.listing_links == [
        f"{site}/section/politics",
        f"{site}/section/economy",
        f"{site}/section/economy?page=2",
    ]


def test_items_of_one_list_carrying_their_own_classes_are_one_list():
    # A theme marks the first and last items, or each card with its tag ("tag-economy").
    marked = sidebar(4).replace("<li>", '<li class="first">', 1)
    marked = marked[::-1].replace(">il<", '>"tsal"=ssalc il<', 1)[::-1]
    assert marked.count('class="first"') == 1 and marked.count('class="last"') == 1
    result = extract_page(page(ARTICLE + marked), URL, REFERENCE, profile="generic")
    assert len(result.list_items) == 4


def test_a_ghost_themes_read_more_cards_are_found():
    # Ghost's cards each carry their primary tag's class; their time is a <time datetime>
    # holding the day only.
    html = (FIXTURES / "generic-ar" / "libya-ghost-read-more-cards.html").read_text(
        encoding="utf-8"
    )
    assert 'class="post-card post tag-economy"' in html
    url = "https://www.libya-marsad.example/central-bank-devaluation-dinar/"
    result = extract_page(html, url, datetime(2026, 12, 1, 20, tzinfo=UTC), profile="auto")
    found = {item.url: item for item in result.list_items}
    cards = {
        "https://www.libya-marsad.example/oil-revenue-november/": "2026-11-30",
        "https://www.libya-marsad.example/hcs-session-budget/": "2026-11-29",
        "https://www.libya-marsad.example/benghazi-schools-heating/": "2026-11-27",
    }
    assert set(cards) <= set(found)
    for address, day in cards.items():
        assert found[address].earliest <= f"{day}T23:59:59Z" and found[address].latest >= day


def test_two_items_with_machine_times_linking_to_two_stories_are_a_list():
    # "أخبار ذات صلة" with two cards: each time a <time datetime>, each link a story's.
    rows = "".join(
        f'<div class="card"><a href="https://news.example/2025/12/14/story-{n}/">خبر {n}</a>'
        f'<time datetime="2025-12-14T0{n + 5}:00:00+03:00">14 ديسمبر</time></div>'
        for n in range(2)
    )
    related = f'<section class="related"><h3>أخبار ذات صلة</h3>{rows}</section>'
    result = extract_page(page(ARTICLE + related), URL, REFERENCE, profile="generic")
    assert [item.url for item in result.list_items] == [
        f"https://news.example/2025/12/14/story-{n}/" for n in range(2)
    ]
    # The same two with only the date printed, no machine time: a list where the box is
    # named ("related", its heading), as agencies print their two related stories ...
    printed = re.sub(r'<time datetime="[^"]*">([^<]*)</time>', r"<span>\1 2025</span>", related)
    assert "<time" not in printed
    found = extract_page(page(ARTICLE + printed), URL, REFERENCE, profile="generic").list_items
    assert [(item.url, item.published_at[:10]) for item in found] == [
        (f"https://news.example/2025/12/14/story-{n}/", "2025-12-14") for n in range(2)
    ]
    # ... and no list in a box nothing names.
    bare = printed.replace(' class="related"', "").replace("<h3>أخبار ذات صلة</h3>", "")
    assert extract_page(page(ARTICLE + bare), URL, REFERENCE, profile="generic").list_items == []
    # Nor where the texts are no story's date (a reading time, "8 دقائق").
    read = re.sub(r"<span>[^<]*</span>", "<span>8 min</span>", printed)
    assert extract_page(page(ARTICLE + read), URL, REFERENCE, profile="generic").list_items == []


def test_a_recent_comments_box_gives_no_items():
    # Zox's recent comments: "<commenter> على <story>" and the day of the comment. The story's
    # link is one of the site's, the day a date: only the link to one comment tells the entry.
    folder = FIXTURES / "theme-versions"
    page = {p["file"]: p for p in json.loads((folder / "expected.json").read_text())}["p01.html"]
    html = (folder / "p01.html").read_text(encoding="utf-8")
    box = Selector(html).css("li:has(> a[href*='#comment-'])")
    comments = {
        (entry.css("a:not([href*='#'])::attr(href)").get(), entry.css("span::text").get())
        for entry in box
    }
    assert len(comments) >= 2

    result = extract_page(
        html,
        page["url"],
        datetime.fromisoformat(page["reference"]),
        profile="generic",
        timezone=page["timezone"],
    )

    assert len(result.list_items) >= 4  # the page's own dated lists are read
    assert not {(item.url, item.time_raw) for item in result.list_items} & comments


@pytest.mark.parametrize("profile", ["auto", "generic"])
def test_a_fixtures_box_of_kick_off_clocks_gives_no_items(profile):
    # "مباريات اليوم" as many sports pages print it: teams and a kick-off clock, no day (the
    # probe page's box without its day fields). A clock alone reads as its last past
    # occurrence: a kick-off tonight would be a sighting yesterday evening.
    folder = FIXTURES / "arabic-list-precision"
    page = {p["file"]: p for p in json.loads((folder / "expected.json").read_text())}["p12.html"]
    html = (folder / "p12.html").read_text(encoding="utf-8")
    clocks_only = re.sub(r'<span class="mw-day">[^<]*</span>', "", html)
    assert clocks_only.count('class="mw-time"') == 3 and "mw-day" not in clocks_only

    result = extract_page(
        clocks_only,
        page["url"],
        datetime.fromisoformat(page["reference"]),
        profile=profile,
        timezone=page["timezone"],
    )

    assert len(result.list_items) >= 4  # the page's own dated lists are read
    assert not [item for item in result.list_items if "/matches/" in item.url]


@pytest.mark.parametrize("year", ["2027", "27"])
def test_a_list_printing_month_first_is_read_month_first_throughout(year):
    # Drupal's short format, "m/d/Y - H:i": the probe page's "most read" list without its
    # weekdays. "02/27/2027" only reads month first, so "03/04/2027" is March's 4th too;
    # the same with two-digit years, "m/d/y" ("02/27/27").
    folder = FIXTURES / "arabic-dates-3"
    page = {p["file"]: p for p in json.loads((folder / "expected.json").read_text())}["p02.html"]
    html = (folder / "p02.html").read_text(encoding="utf-8")
    short = re.sub(r"[\u0621-\u064a]+، (\d\d/\d\d/)2027( - \d\d:\d\d)", rf"\g<1>{year}\2", html)
    assert short.count(f"/{year} - ") == 4 and "خميس، 03/04" not in short

    result = extract_page(
        short,
        page["url"],
        datetime.fromisoformat(page["reference"]),
        profile="auto",
        timezone=page["timezone"],
    )

    numeric = [i for i in result.list_items if re.match(rf"\d\d/\d\d/{year} ", i.time_raw or "")]
    assert len(numeric) == 4
    for item in numeric:
        month, day = item.time_raw[:2], item.time_raw[3:5]
        assert item.published_at is not None
        local = datetime.fromisoformat(item.published_at).astimezone(ZoneInfo(page["timezone"]))
        assert (local.month, local.day) == (int(month), int(day)), item.time_raw


def _probe(folder: str, file: str):
    answer = next(
        a
        for a in json.loads((FIXTURES / folder / "expected.json").read_text("utf-8"))
        if a["file"] == file
    )
    html = (FIXTURES / folder / file).read_bytes()
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    return extract_page(html, answer["url"], reference, profile="auto", timezone=answer["timezone"])


def test_a_calendar_badge_dates_its_entry_at_the_clock_printed_after_the_link():
    # arabic-dates-6 p01: "<span>01</span><span>أغسطس</span>", the link, "12:05 م" (Cairo).
    page = _probe("arabic-dates-6", "p01.html")
    times = {item.url.rsplit("/", 1)[1]: item.published_at for item in page.list_items}
    assert times["284522"] == "2027-08-01T09:05:00Z"
    assert times["284609"] == "2027-08-03T10:50:00Z"


def test_a_clock_over_a_thumbnail_is_the_videos_length_and_a_link_labelled_with_a_clock_no_entry():
    # arabic-list-precision p06: a video strip ("23:05" over the picture, the date after the
    # title); p02: a fixtures table whose kick-off is the match link's text, its day beside.
    videos = {
        item.url.rsplit("/", 1)[1]: item.published_at
        for item in _probe("arabic-list-precision", "p06.html").list_items
        if "/videos/" in item.url
    }
    assert videos["9905"] == "2026-12-01T22:00:00Z"  # 2 كانون الأول in Beirut, no clock
    fixtures = _probe("arabic-list-precision", "p02.html").list_items
    assert not [item for item in fixtures if "Match.aspx" in item.url]


def test_a_yearless_badge_ahead_of_the_fetch_is_an_agendas_day_not_last_years():
    # list-items-unknown-2 p13: "Upcoming events", "18 Aug" on 15 August 2027.
    page = _probe("list-items-unknown-2", "p13.html")
    assert not [item for item in page.list_items if "/events/" in item.url]
