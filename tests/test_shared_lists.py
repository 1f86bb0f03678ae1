"""WordPress's own dated lists on a theme's page: core's Latest Posts block, a Query Loop
block and the WordPress Popular Posts plugin's widget placed in a JNews sidebar, read
beside the theme's own widgets.

The page is the JNews fixture site's whole article page, rendered at Mon, 15 Dec 2025
09:00:00 GMT, with the blocks as WordPress 6.x prints them added at the top of its sidebar
(a site owner's widget area holds blocks since WordPress 5.8). The arabic-theme-sites
probe covers the classic Recent Posts widget (Zox) and Elementor's Posts widget (Jannah);
its tagDiv Cloud Library page checks the names a theme gives its own lists there.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime

from scraper.extract import extract_page
from scraper.sites import load_site
from scraper.testkit.fixtures import FIXTURES_ROOT
from scraper.testkit.server import BUNDLED_SITE

PAGE = FIXTURES_ROOT / "jnews-demo" / "post-4101.html"
URL = "https://www.sada-alurdun.example/budget-2026-approved/"
RENDERED = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)
SIDEBAR = '<div class="jeg_sidebar right jeg_sticky_sidebar col-md-4">'

LATEST_POSTS = """
<div class="widget widget_block"><h2 class="wp-block-heading">الأحدث</h2>
<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">
<li><a class="wp-block-latest-posts__post-title" href="https://www.sada-alurdun.example/water-tariffs/">الحكومة تثبت تعرفة المياه للعام المقبل</a><time datetime="2025-12-15T07:40:12+03:00" class="wp-block-latest-posts__post-date">15 ديسمبر، 2025</time></li>
<li><a class="wp-block-latest-posts__post-title" href="https://www.sada-alurdun.example/aqaba-port-record/">ميناء العقبة يسجل رقماً قياسياً في المناولة</a><time datetime="2025-12-14T18:05:00+03:00" class="wp-block-latest-posts__post-date">14 ديسمبر، 2025</time></li>
<li><a class="wp-block-latest-posts__post-title" href="https://www.sada-alurdun.example/storm-shelters-open/">تحذير من منخفض جوي قطبي نهاية الأسبوع</a><time datetime="2025-12-13T10:30:00+03:00" class="wp-block-latest-posts__post-date">13 ديسمبر، 2025</time></li>
</ul></div>
"""

QUERY_LOOP = """
<div class="widget widget_block"><div class="wp-block-query is-layout-flow wp-block-query-is-layout-flow">
<ul class="wp-block-post-template is-layout-flow wp-block-post-template-is-layout-flow">
<li class="wp-block-post post-4190 post type-post status-publish format-standard hentry category-economy"><h2 class="wp-block-post-title"><a href="https://www.sada-alurdun.example/fuel-prices-december/" target="_self">تخفيض أسعار المحروقات لشهر كانون الأول</a></h2><div class="wp-block-post-date"><time datetime="2025-12-12T21:15:00+03:00">12 ديسمبر، 2025</time></div></li>
<li class="wp-block-post post-4188 post type-post status-publish format-standard hentry category-economy"><h2 class="wp-block-post-title"><a href="https://www.sada-alurdun.example/tourism-revenue/" target="_self">ارتفاع الدخل السياحي 12% في أحد عشر شهراً</a></h2><div class="wp-block-post-date"><time datetime="2025-12-11T09:00:00+03:00">11 ديسمبر، 2025</time></div></li>
</ul></div></div>
"""


# The WordPress Popular Posts plugin's widget as its stock markup prints it (thumbnail link,
# title link, views and date in its meta line), dates shown relative in one list and as
# dates in the other; one entry of the first list without a date (a post stamped in the
# future is listed with none by some set-ups) is no dated item.
POPULAR_POSTS = """
<section id="wpp-2" class="widget popular-posts"><h3 class="widget-title">الأكثر قراءة</h3>
<ul class="wpp-list wpp-list-with-thumbnails">
<li>
<a href="https://www.sada-alurdun.example/bread-subsidy/" target="_self"><img src="https://www.sada-alurdun.example/wp-content/uploads/wordpress-popular-posts/4170-featured-75x75.jpg" width="75" height="75" alt="" class="wpp-thumbnail wpp_featured wpp_cached_thumb" decoding="async" loading="lazy"></a>
<a href="https://www.sada-alurdun.example/bread-subsidy/" class="wpp-post-title" target="_self">الحكومة تبقي دعم الخبز دون تغيير</a>
 <span class="wpp-meta post-stats"><span class="wpp-views">12.4k مشاهدة</span> | <span class="wpp-date">posted 3 ساعات ago</span></span>
</li>
<li>
<a href="https://www.sada-alurdun.example/snow-forecast/" class="wpp-post-title" target="_self">توقعات بتساقط الثلوج على المرتفعات</a>
 <span class="wpp-meta post-stats"><span class="wpp-views">9.1k مشاهدة</span></span>
</li>
</ul>
</section>
<section id="wpp-3" class="widget popular-posts"><h3 class="widget-title">الأكثر تعليقاً</h3>
<ul class="wpp-list">
<li class="current">
<a href="https://www.sada-alurdun.example/budget-2026-approved/" class="wpp-post-title" target="_self">إقرار موازنة 2026</a>
 <span class="wpp-meta post-stats"><span class="wpp-comments">48 تعليق</span> | <span class="wpp-date">نشر في 12 ديسمبر، 2025</span></span>
</li>
</ul>
</section>
"""


def _extract(html: str):
    config = load_site("jnews-demo")
    return extract_page(
        html.encode("utf-8"),
        URL,
        RENDERED,
        site=config.name,
        profile=config.extraction_profile(),
        timezone=config.timezone,
    )


def _page_with_blocks() -> str:
    html = PAGE.read_text(encoding="utf-8")
    assert html.count(SIDEBAR) == 1
    return html.replace(SIDEBAR, SIDEBAR + LATEST_POSTS + QUERY_LOOP)


def _entries(page) -> list[tuple[str, str, str | None]]:
    return [(i.widget, i.url.rsplit("/", 2)[1], i.published_at) for i in page.list_items]


def test_core_blocks_in_a_theme_sidebar_are_list_items():
    plain = _entries(_extract(PAGE.read_text(encoding="utf-8")))
    page = _extract(_page_with_blocks())
    # The blocks sit in the theme's sidebar, so their entries are the sidebar's, in
    # document order: after the related posts above the sidebar, before its own widget.
    # Each time is the block's machine-readable one (Amman, +03:00), in UTC.
    blocks = [
        ("sidebar", "water-tariffs", "2025-12-15T04:40:12Z"),
        ("sidebar", "aqaba-port-record", "2025-12-14T15:05:00Z"),
        ("sidebar", "storm-shelters-open", "2025-12-13T07:30:00Z"),
        ("sidebar", "fuel-prices-december", "2025-12-12T18:15:00Z"),
        ("sidebar", "tourism-revenue", "2025-12-11T06:00:00Z"),
    ]
    related = [entry for entry in plain if entry[0] == "related"]
    assert related and plain[: len(related)] == related
    assert _entries(page) == related + blocks + plain[len(related) :]
    first = page.list_items[len(related)]
    assert first.title == "الحكومة تثبت تعرفة المياه للعام المقبل"
    assert first.time_raw == "15 ديسمبر، 2025"  # the printed date, kept as the raw string
    assert page.list_items[-len(plain) + len(related) - 1].title == (
        "ارتفاع الدخل السياحي 12% في أحد عشر شهراً"
    )
    assert {f"{URL.rsplit('/', 2)[0]}/{slug}/" for _, slug, _ in blocks} <= set(page.article_links)


def test_a_block_without_dates_gives_no_items():
    # "Display post date" off: the block prints no time element and the list is no list
    # of dated items.
    undated = re.sub(r"<time[^>]*>[^<]*</time>", "", LATEST_POSTS.replace(" has-dates", ""))
    html = PAGE.read_text(encoding="utf-8").replace(SIDEBAR, SIDEBAR + undated)
    assert _entries(_extract(html)) == _entries(_extract(PAGE.read_text(encoding="utf-8")))


def _theme_site_page(name: str):
    folder = FIXTURES_ROOT / "arabic-theme-sites"
    expected = next(
        e
        for e in json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if e["file"] == name
    )
    return extract_page(
        (folder / name).read_bytes(),
        expected["url"],
        datetime.fromisoformat(expected["reference"]),
        profile="auto",
    )


def _named(page) -> list[tuple[str, str]]:
    return [(item.widget, item.url.rstrip("/").rsplit("/", 1)[1]) for item in page.list_items]


def test_a_tagdiv_cloud_template_names_its_related_block_and_sticky_sidebar():
    """A Newspaper single post built with tagDiv's Cloud Library (arabic-theme-sites p07):
    its related block (`tdb_single_related`, "مقالات ذات صلة") and its sidebar column
    (a composer column marked sticky, "آخر الأخبار") are the theme's `related` and
    `sidebar`, not `home`, the name of any other tagDiv block."""
    page = _theme_site_page("p07.html")
    assert page.article.profile == "newspaper@1"
    assert _named(page) == [
        *[("related", post) for post in ("211982", "211975", "211968")],
        *[("sidebar", post) for post in ("211987", "211980", "211973", "211966", "211959")],
    ]


def test_jannah_check_also_box_and_an_elementor_sidebar_are_named():
    """Jannah's "شاهد أيضاً" box that slides in at the story's end (`#check-also-box`, p04)
    is a related list; a sidebar placed in an Elementor column (Elementor's Sidebar widget,
    p11, a Jannah site whose single post is an Elementor template) is the sidebar."""
    checked = _theme_site_page("p04.html")
    assert checked.article.profile == "jannah@1"
    assert _named(checked)[3] == ("related", "730412")  # after the three related posts
    assert {widget for widget, _ in _named(checked)} == {"related", "sidebar"}
    built = _theme_site_page("p11.html")
    assert _named(built) == [
        *[("elementor-posts", post) for post in ("76978", "76967", "76956")],
        *[("sidebar", post) for post in ("76983", "76976", "76969", "76962", "76955")],
    ]


JNEWS_BLOCK = """
<div class="jeg_postblock_5 jeg_postblock jeg_module_hook jeg_col_3o3"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>الأكثر قراءة</span></h3></div><div class="jeg_block_container"><div class="jeg_posts jeg_load_more_flag">
<article class="jeg_post jeg_pl_lg_2 format-standard"><div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="https://www.sada-alurdun.example/petra-visitors-record/">البتراء تستقبل مليون زائر للمرة الأولى</a></h3><div class="jeg_post_meta"><div class="jeg_meta_date"><a href="https://www.sada-alurdun.example/petra-visitors-record/"><i class="fa fa-clock-o"></i> منذ 6 ساعات</a></div></div></div></article>
<article class="jeg_post jeg_pl_lg_2 format-standard"><div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="https://www.sada-alurdun.example/rail-link-tender/">طرح عطاء سكة حديد العقبة</a></h3><div class="jeg_post_meta"><div class="jeg_meta_date"><a href="https://www.sada-alurdun.example/rail-link-tender/"><i class="fa fa-clock-o"></i> منذ يومين</a></div></div></div></article>
</div></div></div>
"""


def test_a_themes_catch_all_block_is_home_only_on_the_home_page():
    """JNews names any `jeg_postblock` "home", as tagDiv does any `td_block_wrap`: on the
    home page that is what it is. Placed by a page builder on an article page, the same
    block is no home page's list: it is `list`, a list in no container the theme names.
    The home page's own lists keep the name (the bundled Zox site's home page)."""
    article_html = _page_with_blocks().replace(SIDEBAR, JNEWS_BLOCK + SIDEBAR)
    on_article = [
        i.widget for i in _extract(article_html).list_items if "petra" in i.url or "rail" in i.url
    ]
    assert on_article == ["list", "list"]
    home = extract_page(
        (BUNDLED_SITE / "pages" / "home.html").read_bytes(),
        "https://www.akhbar-turkiya.example/",
        RENDERED,
        profile="zox",
    )
    widgets = Counter(item.widget for item in home.list_items)
    assert widgets["home"] == 31 and widgets["home-featured"] == 5


def test_wordpress_popular_posts_in_a_theme_sidebar():
    """The plugin's lists sit in the theme's sidebar: their dated entries are the sidebar's
    items, the relative date read against the page's render time in Amman's zone, the
    absolute one as that day in Amman; the entry printed with no date is none."""
    plain = _entries(_extract(PAGE.read_text(encoding="utf-8")))
    html = PAGE.read_text(encoding="utf-8").replace(SIDEBAR, SIDEBAR + POPULAR_POSTS)
    page = _extract(html)
    related = [entry for entry in plain if entry[0] == "related"]
    added = _entries(page)[len(related) : len(related) + 2]
    assert _entries(page) == related + added + plain[len(related) :]
    assert [(widget, slug) for widget, slug, _ in added] == [
        ("sidebar", "bread-subsidy"),
        ("sidebar", "budget-2026-approved"),
    ]
    items = page.list_items[len(related) : len(related) + 2]
    assert items[0].title == "الحكومة تبقي دعم الخبز دون تغيير"
    assert items[0].time_raw == "posted 3 ساعات ago"
    assert items[0].published_at == "2025-12-15T06:00:00Z"
    assert items[1].time_raw == "نشر في 12 ديسمبر، 2025"
    assert items[1].published_at.startswith("2025-12-11T21:00:00")  # 12 Dec in Amman (+03:00)


def test_zox_more_posts_box_gives_each_appended_story_with_its_heading_and_day():
    # A Saudi Zox site with the "More posts" option on (theme-setups-9 p02): two whole
    # stories follow the post, each a block whose link reads only "أكمل القراءة".
    folder = FIXTURES_ROOT / "theme-setups-9"
    answer = next(
        a
        for a in json.loads((folder / "expected.json").read_text("utf-8"))
        if a["file"] == "p02.html"
    )
    page = extract_page(
        (folder / "p02.html").read_bytes(),
        answer["url"],
        datetime.fromisoformat(answer["reference"]),
        profile="auto",
        timezone=answer["timezone"],
    )
    more = [item for item in page.list_items if item.widget == "more-posts"]
    assert [(item.url.rsplit("/", 2)[1], item.title, item.published_at[:10]) for item in more] == [
        ("388190", "إغلاق جزئي لطريق الأمير تركي الأول لمدة أسبوعين لتنفيذ جسر مشاة", "2027-09-07"),
        (
            "388152",
            "تعليم الرياض: 14 مدرسة جديدة تستقبل الطلاب مع بداية الفصل الدراسي",
            "2027-09-07",
        ),
    ]
    # The appended stories' text stays out of the post's body.
    assert "جسر مشا" not in page.article.body
