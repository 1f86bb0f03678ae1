"""Large Zox article pages with every widget filled, for benchmarks (150-300 KB each).

The bundled site's pages are 60-100 KB with a few items per widget; real Zox sites carry
far more: long bodies, three full sidebar tabs, more-news lists, extra sidebar lists,
comment threads, footer lists, mega menus, ads and inline scripts. `large_pages` builds such
pages from the bundled site's own article pages (their markup, serialized by lexbor): each
widget's list is replaced by generated items cloned from the widget's first item, the body
by a long one, and the rest is added beside what the template has. The generator records
what it put in (`LargePage`), so a test can hold extraction to it. Deterministic: the same
seed gives the same pages.
"""

from __future__ import annotations

import html as html_escape
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser

from scraper.testkit.server import BUNDLED_SITE

ORIGIN = "https://www.akhbar-turkiya.example"
# The bundled pages' render time (their truth's "date").
REFERENCE = datetime.fromisoformat("2025-12-15T09:00:00+00:00")
CATEGORIES = ("دولي", "تركيا الآن", "الاقتصاد التركي", "الجاليات العربية", "منوعات")
# Zox's "N unit ago": Arabic plural forms for 3-10, the singular for 11 and over.
_UNITS = {
    "minute": (timedelta(minutes=1), "دقائق", "دقيقة", 59),
    "hour": (timedelta(hours=1), "ساعات", "ساعة", 23),
}
# (container in the template, widget name extraction gives its items, items to generate)
_LISTS = (
    ("ul.mvp-post-more-list", "more", (24, 40)),
    ("#mvp-tab-col1", "tabber", (15, 25)),
    ("#mvp-tab-col2", "tabber", (15, 25)),
    ("#mvp-tab-col3", "tabber", (15, 25)),
)
SIDEBAR_ITEMS = (15, 25)
PARAGRAPHS = (25, 45)
COMMENTS = (15, 30)
FOOTER_LINKS = 30
MENU_LINKS = 40


@dataclass(frozen=True)
class GeneratedItem:
    url: str
    title: str
    category: str
    time_raw: str
    published_at: datetime  # the reference minus the relative time


@dataclass(frozen=True)
class LargePage:
    html: str
    url: str
    reference: datetime
    template: str  # the bundled page it was built from, relative to the site folder
    headline: str
    paragraphs: tuple[str, ...]
    items: dict[str, tuple[GeneratedItem, ...]]  # widget name -> its items, in page order

    @property
    def size(self) -> int:
        return len(self.html.encode())


def large_pages(count: int, seed: int = 19) -> list[LargePage]:
    """`count` pages, each from one bundled standard article page (in turn)."""
    rng = random.Random(seed)
    templates = _templates()
    pool = _paragraph_pool(templates)
    titles = [article["headline"] for article, _ in templates]
    return [
        _large_page(index, *templates[index % len(templates)], pool, titles, rng)
        for index in range(count)
    ]


def _templates() -> list[tuple[dict, str]]:
    truth = json.loads((BUNDLED_SITE / "truth.json").read_text(encoding="utf-8"))
    return [
        (article, (BUNDLED_SITE / article["file"]).read_text(encoding="utf-8"))
        for article in truth["articles"]
        if article["layout"] == "standard"
        and not article["amp"]
        and article["autoload_appended"] is None
        and article["lang"] == "ar"
    ]


def _paragraph_pool(templates: list[tuple[dict, str]]) -> list[str]:
    pool = []
    for _, page in templates:
        for paragraph in LexborHTMLParser(page).css("#mvp-content-main > p"):
            text = paragraph.text().strip()
            if text and not text.startswith("المصدر"):
                pool.append(text)
    return sorted(set(pool))


def _large_page(
    index: int,
    article: dict,
    template: str,
    pool: list[str],
    titles: list[str],
    rng: random.Random,
) -> LargePage:
    tree = LexborHTMLParser(template)
    page = tree.html  # lexbor's serialization: every node's .html is a substring of it
    items: dict[str, list[GeneratedItem]] = {}
    serial = 0
    for selector, widget, (low, high) in _LISTS:
        container = tree.css_first(selector)
        generated = []
        for _ in range(rng.randint(low, high)):
            serial += 1
            generated.append(_item(index, serial, titles, rng))
        items.setdefault(widget, []).extend(generated)
        page = _replace(page, container.html, _filled(container, generated))
    tab_item = tree.css_first("#mvp-tab-col1")
    sidebar = [
        _item(index, serial + k + 1, titles, rng) for k in range(rng.randint(*SIDEBAR_ITEMS))
    ]
    serial += len(sidebar)
    items["sidebar"] = sidebar
    ad = tree.css_first("#mvp_ad_widget-3").html
    page = _replace(page, ad, ad + _sidebar_section(tab_item, sidebar) + ad.replace("-3", "-4"))

    paragraphs = tuple(rng.sample(pool, rng.randint(*PARAGRAPHS)))
    body = tree.css_first("#mvp-content-main")
    page = _replace(page, body.html, _body(body, paragraphs, rng))
    comments = tree.css_first("#comments")
    page = _replace(page, comments.html, _comments(rng) + comments.html)
    footer = tree.css_first("#categories-2").html
    page = _replace(page, footer, footer + _footer_links(titles, rng))
    menu = tree.css_first("#mvp-fly-wrap").html
    page = _replace(page, menu, menu + _mega_menu(titles, rng))
    page = _replace(page, "</body>", _scripts(index, rng) + "</body>")
    return LargePage(
        html=page,
        url=article["url"],
        reference=REFERENCE,
        template=article["file"],
        headline=article["headline"],
        paragraphs=paragraphs,
        items={widget: tuple(found) for widget, found in items.items()},
    )


def _replace(page: str, old: str, new: str) -> str:
    if page.count(old) != 1:
        raise ValueError(f"template markup found {page.count(old)} times: {old[:80]!r}")
    return page.replace(old, new)


def _item(index: int, serial: int, titles: list[str], rng: random.Random) -> GeneratedItem:
    title = rng.choice(titles)
    unit = rng.choice(tuple(_UNITS))
    step, plural, singular, most = _UNITS[unit]
    number = rng.randint(3, most)
    word = plural if number <= 10 else singular
    time_raw = f"{number} {word} ago"
    day = rng.randint(1, 14)
    # WordPress slugs keep letters, digits and hyphens.
    words = re.sub(r"[^\w\s]", "", title).split()[:6]
    slug = quote("-".join(words).lower()) + f"-{index}-{serial}"
    return GeneratedItem(
        url=f"{ORIGIN}/2025/12/{day:02d}/{slug}/",
        title=title,
        category=rng.choice(CATEGORIES),
        time_raw=time_raw,
        published_at=REFERENCE - number * step,
    )


_HREF = re.compile(r'href="[^"]*"')
_ALT = re.compile(r'alt="[^"]*"')
_CAT = re.compile(r'(<span class="mvp-cd-cat[^"]*">)[^<]*(</span>)')
_DATE = re.compile(r'(<span class="mvp-cd-date[^"]*">)[^<]*(</span>)')
_TITLE = re.compile(r"(<(p|h2)>)[^<]*(</\2>)")


def _clone(sample: str, item: GeneratedItem) -> str:
    """The template's item markup with the generated item's link, texts and time."""
    text = html_escape.escape(item.title, quote=False)
    cloned = _HREF.sub(f'href="{item.url}"', sample, count=1)
    cloned = _ALT.sub(f'alt="{html_escape.escape(item.title)}"', cloned)
    cloned = _CAT.sub(rf"\g<1>{item.category}\g<2>", cloned)
    cloned = _DATE.sub(rf"\g<1>{item.time_raw}\g<2>", cloned)
    return _TITLE.sub(lambda m: m.group(1) + text + m.group(3), cloned)


def _filled(container, generated: list[GeneratedItem]) -> str:
    """The container with its items replaced by the generated ones."""
    outer = container.html
    opening = outer[: outer.index(">") + 1]
    sample = container.css_first("a[href]:has(span.mvp-cd-date)").html
    return opening + "".join(_clone(sample, item) for item in generated) + f"</{container.tag}>"


def _sidebar_section(tabs, generated: list[GeneratedItem]) -> str:
    """A sidebar list widget: the tabber's item markup, outside any tabber."""
    sample = tabs.css_first("a[href]:has(span.mvp-cd-date)").html
    listed = "".join(_clone(sample, item) for item in generated)
    return (
        '<section id="mvp_catlist_widget-2" class="mvp-side-widget mvp_catlist_widget">'
        '<div class="mvp-widget-home-head"><h4 class="mvp-widget-home-title">'
        '<span class="mvp-widget-home-title">الأكثر قراءة</span></h4></div>'
        f'<div class="mvp-feat1-list left relative">{listed}</div></section>'
    )


def _body(body, paragraphs: tuple[str, ...], rng: random.Random) -> str:
    outer = body.html
    opening = outer[: outer.index(">") + 1]
    parts = []
    for number, paragraph in enumerate(paragraphs):
        parts.append(f"\n<p>{html_escape.escape(paragraph, quote=False)}</p>")
        if number % 6 == 5:  # an Ad Inserter block, as the bundled pages have
            slot = rng.randint(1000000000, 9999999999)
            parts.append(
                f'\n<div class="code-block code-block-{number}" style="margin: 8px auto;">\n'
                '<ins class="adsbygoogle" style="display:block;" data-ad-format="fluid" '
                f'data-ad-client="ca-pub-0000000000000000" data-ad-slot="{slot}"></ins>\n'
                "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>"
            )
    return opening + "".join(parts) + "\n</div>"


def _comments(rng: random.Random) -> str:
    names = ("أبو محمد", "سارة", "Ahmet", "عمر الحلبي", "ليلى", "زائر")
    comments = []
    for number in range(rng.randint(*COMMENTS)):
        when = REFERENCE - timedelta(minutes=rng.randint(5, 5000))
        text = html_escape.escape(" ".join(rng.sample(_WORDS, 12)), quote=False)
        comments.append(
            f'<li id="comment-{number}" class="comment even depth-1">'
            f'<article id="div-comment-{number}" class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{rng.choice(names)}</b></div>'
            f'<div class="comment-metadata"><a href="#comment-{number}">'
            f'<time datetime="{when.isoformat()}">{when:%Y-%m-%d %H:%M}</time></a></div>'
            f'</footer><div class="comment-content"><p>{text}</p></div>'
            '<div class="reply"><a rel="nofollow" class="comment-reply-link" '
            f'href="#comment-{number}">رد</a></div></article></li>'
        )
    return f'<div id="mvp-comments-list"><ol class="commentlist">{"".join(comments)}</ol></div>'


def _footer_links(titles: list[str], rng: random.Random) -> str:
    links = "".join(
        f'<li><a href="{ORIGIN}/?p={rng.randint(100, 99999)}">{html_escape.escape(rng.choice(titles))}</a></li>'
        for _ in range(FOOTER_LINKS)
    )
    return (
        '<section id="recent-posts-2" class="mvp-foot-widget widget_recent_entries">'
        f'<h4 class="mvp-foot-widget-title">أحدث المقالات</h4><ul>{links}</ul></section>'
    )


def _mega_menu(titles: list[str], rng: random.Random) -> str:
    links = "".join(
        f'<li class="menu-item menu-item-type-post_type"><a href="{ORIGIN}/?p={rng.randint(100, 99999)}">'
        f"{html_escape.escape(rng.choice(titles))}</a></li>"
        for _ in range(MENU_LINKS)
    )
    return f'<div class="mvp-nav-menu-mega"><ul class="sub-menu mvp-mega-list">{links}</ul></div>'


def _scripts(index: int, rng: random.Random) -> str:
    config = {
        "ajaxurl": f"{ORIGIN}/wp-admin/admin-ajax.php",
        "nonce": f"{rng.getrandbits(40):010x}",
        "posts": [rng.randint(100, 99999) for _ in range(400)],
        "strings": {f"s{k}": " ".join(rng.sample(_WORDS, 6)) for k in range(80)},
    }
    tracking = "".join(
        f"window.dataLayer=window.dataLayer||[];dataLayer.push({{'event':'e{k}','page':{index}}});"
        for k in range(60)
    )
    return (
        f"<script>var mvp_options = {json.dumps(config, ensure_ascii=False)};</script>"
        f"<script>{tracking}</script>"
    )


_WORDS = [
    "الخبر",
    "الحكومة",
    "المدينة",
    "الاقتصاد",
    "الليرة",
    "اللاجئين",
    "الطقس",
    "المباراة",
    "الولاية",
    "الوزارة",
    "القرار",
    "الجديد",
    "اليوم",
    "أمس",
    "الأسبوع",
    "التقرير",
    "المصدر",
    "الرئيس",
    "البرلمان",
    "الشركة",
    "الأسعار",
    "السوق",
    "المواطنين",
    "الطلاب",
    "الجامعة",
    "المطار",
    "الجسر",
    "الثلوج",
    "الأمطار",
]
