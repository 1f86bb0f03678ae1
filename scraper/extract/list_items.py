"""List items: sidebar tabbers, "more news", archive lists, each entry with its link, title,
category, raw time and the widget it sits in; and the links the spider follows. A theme
profile's items come from its selectors (`list_items`); on a page no profile knows, from
their shape (`generic_list_items`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement
from selectolax.lexbor import LexborNode

from scraper.extract import metadata
from scraper.extract.page_type import article_address, story_query
from scraper.extract.profiles import Profile, SharedList
from scraper.extract.query import compile_css, element_matcher, first, text_of
from scraper.items import ListItemSighting
from scraper.time import names_reading_time, read_time
from scraper.time.lexicon import MONTHS, normalize

NOT_FOLLOWED = ("#", "javascript:", "mailto:", "tel:", "whatsapp:")
# From this many items on, each item selector runs once over the page (`_FirstInside`)
# rather than once per item: measured about even at 20 items, 1.5x faster at 100.
_MANY_ITEMS = 32


def list_items(
    document: LexborNode,
    profile: Profile,
    page_url: str,
    stamp: str,
    site: str,
    raw_times: list[tuple[str | None, str]],
) -> list[ListItemSighting]:
    """The page's list items, in document order. Each item's time goes to `raw_times` as
    (machine-readable time or None, visible text), for the time layer."""
    items: list[ListItemSighting] = []
    # An item belongs to the first widget (in the profile's order) with a container among
    # its ancestors. Items share ancestors: each node is tested once per page, and knows
    # the widgets of everything above it.
    widgets = element_matcher(profile.widgets)
    above: dict[LexborNode, frozenset[str]] = {}

    def widgets_at(node: LexborNode | None) -> frozenset[str]:
        chain = []
        while node is not None and node not in above and node.tag != "-document":
            chain.append(node)
            node = node.parent
        names = above.get(node, frozenset()) if node is not None else frozenset()
        for link in reversed(chain):
            own = widgets(link)
            names = above[link] = names.union(own) if own else names
        return names

    # "home" and "home-featured" name the home page's lists; elsewhere a container of that
    # name is a theme's catch-all block (JNews's and tagDiv's) on another page.
    on_home = urlsplit(page_url).path.rstrip("/") in ("", "/index.php", "/index.html")

    def widget_of(anchor: LexborNode) -> str:
        names = widgets_at(anchor.parent)
        name = next((name for name, _ in profile.widgets if name in names), "list")
        return "list" if name.startswith("home") and not on_home else name

    anchors = compile_css(profile.list_item)(document)
    # Selector calls per item cost a few µs each; one over the page, a hundred and more.
    find = _FirstInside(document, anchors).first if len(anchors) >= _MANY_ITEMS else first
    entries: list[tuple[LexborNode, SharedList | None]] = [(anchor, None) for anchor in anchors]
    themed = set(anchors)
    shared_entries = _shared_entries(document, profile, themed)
    if shared_entries:  # all in document order: one query for the theme's and these
        css = ", ".join([profile.list_item, *{shared.item for shared in shared_entries.values()}])
        entries = [
            (node, shared_entries.get(node))
            for node in compile_css(css)(document)
            if node in shared_entries or node in themed
        ]
    for entry, shared in entries:
        if shared is None:  # the theme's own item
            link = find(profile.list_item_link, entry) if profile.list_item_link else entry
            title = ""
            for candidate in profile.list_item_title:
                title = text_of(find(candidate, entry))
                if title:
                    break
            time_node, time_attr = find(profile.list_item_time, entry), profile.list_item_time_attr
        else:
            link = first(shared.link, entry)
            title = (shared.title and text_of(first(shared.title, entry))) or text_of(link)
            time_node, time_attr = first(shared.time, entry), shared.time_attr
        href = (link.attributes.get("href") or "").strip() if link is not None else ""
        if not href or href.startswith(NOT_FOLLOWED):
            continue
        if _ONE_COMMENT.fullmatch(href.partition("#")[2]):
            continue  # a recent-comments tab's entry links one comment: no sighting
        url = metadata.join_url(page_url, href)
        if url is None:  # an href urllib cannot parse (found by fuzzing): not followable
            continue
        time_raw = time_node.text().strip() if time_node is not None else ""
        machine = (
            time_node.attributes.get(time_attr) if time_attr and time_node is not None else None
        )
        raw_times.append((machine or None, time_raw))
        widget = widget_of(entry)
        if shared is not None and widget == "list":  # in no widget the theme names
            widget = shared.name
        category = text_of(find(profile.list_item_category, entry)) if shared is None else ""
        items.append(
            ListItemSighting(
                url=url,
                site=site,
                page_url=page_url,
                reference_time=stamp,
                widget=widget,
                title=title or None,
                category=category or None,
                time_raw=(time_raw or machine) or None,
            )
        )
    return items


def _shared_entries(
    document: LexborNode, profile: Profile, themed: set[LexborNode]
) -> dict[LexborNode, SharedList]:
    """The entries of WordPress's own lists on the page (`profile.shared_lists`), each with
    its list, leaving out those in or around an item the theme's selectors found."""
    found: dict[LexborNode, SharedList] = {}
    # Most pages hold none: one query for all of them costs about what each list's own
    # costs (and less than searching the page's text for their class names).
    if not profile.shared_lists or not compile_css(_any_entry(profile.shared_lists))(document):
        return found
    for shared in profile.shared_lists:
        for entry in compile_css(shared.item)(document):
            if entry in found or themed.intersection(_self_and_above(entry)):
                continue
            if themed and any(node in themed for node in entry.traverse()):
                continue
            found[entry] = shared
    return found


@lru_cache(maxsize=64)
def _any_entry(shared_lists: tuple[SharedList, ...]) -> str:
    return ", ".join(shared.item for shared in shared_lists)


def _self_and_above(node: LexborNode | None) -> list[LexborNode]:
    chain = []
    while node is not None and node.tag != "-document":
        chain.append(node)
        node = node.parent
    return chain


class _FirstInside:
    """`first(css, item)` for every item of a page, with one selector call per selector
    instead of one per item (a large page's hundred items made five hundred calls): the
    selector runs once over the page, and each match is credited to the items it lies in.
    lexbor matches a scoped selector as the whole page would, keeping the matches inside
    the scope (the scope itself included), so the first match credited to an item is the
    one `first` returns."""

    def __init__(self, document: LexborNode, items: list[LexborNode]) -> None:
        self.document = document
        self.items = set(items)
        self.found: dict[str, dict[LexborNode, LexborNode]] = {}
        # node -> the items among it and its ancestors; shared ancestors are walked once
        self.items_at: dict[LexborNode, tuple[LexborNode, ...]] = {}

    def first(self, css: str, item: LexborNode) -> LexborNode | None:
        by_item = self.found.get(css)
        if by_item is None:
            by_item = self.found[css] = {}
            for node in compile_css(css)(self.document):
                for owner in self._owners(node):
                    by_item.setdefault(owner, node)
        return by_item.get(item)

    def _owners(self, node: LexborNode | None) -> tuple[LexborNode, ...]:
        chain = []
        while node is not None and node not in self.items_at:
            chain.append(node)
            node = node.parent
        owners = self.items_at[node] if node is not None else ()
        for below in reversed(chain):
            if below in self.items:
                owners = (*owners, below)
            self.items_at[below] = owners
        return owners


def links(hrefs: list[str], base: str) -> list[str]:
    """Followable absolute URLs of `hrefs`, without fragments, each once."""
    urls = []
    for href in hrefs:
        href = href.strip()
        # metadata.join_url: None for an href urllib cannot parse (found by fuzzing): skipped.
        if href and not href.startswith(NOT_FOLLOWED) and (url := metadata.join_url(base, href)):
            urls.append(url.split("#", 1)[0])
    return unique(urls)


def unreadable_links(hrefs: list[str], base: str) -> int:
    """How many distinct `hrefs` look followable but are no URL (`links` drops them)."""
    return len(
        {
            href
            for href in map(str.strip, hrefs)
            if href and not href.startswith(NOT_FOLLOWED) and metadata.join_url(base, href) is None
        }
    )


def unique(values: Iterable) -> list:
    """The truthy values, each once, in order."""
    return list(dict.fromkeys(v for v in values if v))


# --- Pages no profile knows: list items found by their shape -------------------------------

# Text worth asking the time layer about: a digit or a word of a relative time. Most short
# texts of a page (menus, labels, buttons) fail this and never reach the time layer.
_MAYBE_TIME = re.compile(
    r"[0-9٠-٩۰-۹]|منذ|قبل|ago|أمس|امس|الآن|اليوم|يوم|ساع|دقيق|ثوان|ثاني|أسبوع|اسبوع|شهر|"
    r"سن[ةت]|عام|yesterday|today|now|hour|min|sec|day|week|month|year",
    re.IGNORECASE,
)
_MAX_TIME_CHARS = 40
# A Saudi or Gulf site prints the Hijri day beside the Gregorian one ("السبت 25 جمادى
# الآخرة 1448 هـ - 5 ديسمبر 2026 م", 47 characters): a text holding the Hijri mark may
# run longer, as does a clock in words ("الاثنين 2 آب 2027، الساعة الحادية عشرة ليلاً") and
# one with its zone named ("الإثنين، 18 أكتوبر 2027 07:30 م بتوقيت غرينتش").
_MAX_DOUBLE_DATE_CHARS = 64
_HIJRI_MARK = "هـ"
_CLOCK_WORD = "الساعة"
_ZONE_WORD = "بتوقيت"  # "… 07:30 م بتوقيت غرينتش": a named zone after the clock
_MIN_LIST_ITEMS = 3
# Two items make a list ("أخبار ذات صلة" with two cards, a "most read" tab of two) only
# when both link to two other stories and carry a machine-readable time, or sit in a
# widget a name or a heading marks (`_dated_pair`).
_MIN_PAIR_ITEMS = 2
_MAX_CATEGORY_CHARS = 30
_MAX_WIDGET_HEADING_CHARS = 40
# A widget's heading naming what is to come: its dates are events', no sightings.
_SCHEDULE_HEADING = re.compile(
    r"\b(?:fixtures|kick-?offs?|tv guide|schedule|upcoming (?:matches|games|events)|matches"
    r"|match-?cent(?:er|re)|scores)\b"
    r"|مواعيد المباريات|جدول المباريات|مباريات اليوم|مباريات الجولة|مباريات الأسبوع"
    r"|نتائج المباريات|جدول البرامج|دليل البرامج",
    re.I,
)
# A schedule's own title, the whole of it: a radio's "برامج اليوم", an events agenda's
# "أجندة" (words a story's headline uses too: only a title that is nothing else).
_SCHEDULE_TITLE = re.compile(
    r"\W*(?:(?:ال)?أجندة(?: اليوم| الأسبوع| الفعاليات)?|agenda|برامج اليوم|today's programmes)\W*",
    re.I,
)
# A class token of a list or its items naming a schedule, by its first word: a radio's
# programme grid ("emissions"), an agenda's entries ("agenda-item"); not a post's terms,
# which WordPress writes as "<taxonomy>-<slug>" ("tag-carbon-emissions", "topic-emissions").
_SCHEDULE_TOKEN = re.compile(r"(?:agenda|emissions?|schedule|tv-?guide)(?:[-_]|$)", re.I)


def _schedule(item: HtmlElement, widget: str) -> bool:
    """Whether the item's list is a schedule (fixtures, airtimes, an agenda): by its
    widget's name or heading, by a title of its own right before the list (a sidebar's
    "برامج اليوم" over its grid; no story's linked headline, nor another box's title
    further up), or by a class token of the list or its items."""
    holder = item.getparent()
    if _SCHEDULE_HEADING.search(widget):
        return True
    if holder is None:
        return False
    title = _heading_before(holder, unlinked=True)
    if title and _SCHEDULE_TITLE.fullmatch(title):
        return True
    tokens = f"{item.get('class') or ''} {holder.get('class') or ''} {holder.get('id') or ''}"
    return any(_SCHEDULE_TOKEN.match(token) for token in tokens.split())


# Subtrees whose dated links are not list items: menus (a mega menu lists dated posts),
# comments (SPIP's "forum"), forms, and the article's own text.
_SKIPPED_TAGS = frozenset({"nav", "form", "script", "style", "noscript", "template", "svg"})
_SKIPPED_NAMES = re.compile(
    r"(?<![a-z])(comments?|forum|menu|entry-content|post-content|article-content|article-body|"
    r"the-content)(?![a-z])"
    # "nav" ends or starts a menu's name ("main-nav", "nav-links"); inside one
    # ("pagination_nav_1") it names no menu.
    r"|(?:^|\s)(?:[\w-]*[-_])?(?:nav|navbar|navigation)(?:\s|$)|(?:^|\s)nav[-_]"
)
# (And a block's grid of other posts there: Kadence Blocks' "wp-block-kadence-posts".)
_RELATED_BLOCK = re.compile(
    r"related[-_]?(?:posts|assets|stories|articles|content)|yarpp-related|kadence-posts"
    r"|(?:posts|stories|articles|news)[-_]related",
    re.I,
)
# Lists of stories a theme puts in its menus: a breaking-news ticker in the top menu bar
# (Jannah's "breaking-news" list in `<nav id="top-nav">`), a mega menu's recent posts
# (Jannah's "mega-posts-list"), each story with its time: not the menu's links.
# So do the mega menus of the others (Jannah's "mega-menu" blocks of recent posts, JNews's
# "jeg_megamenu" news feed, tagDiv's "td-mega-menu"): each post there is a sighting, as the
# profiles store Jannah's `mega-menu-post` items.
_STORIES_IN_MENU = re.compile(
    r"breaking[-_]?news|news[-_]?ticker|mega[-_]?(?:posts|menu)(?![-_]?(?:item|link|toggle))"
    r"|jeg_newsfeed",
    re.I,
)
# Archive and profile pages the items link to beside their article: never the item's link.
# A writer's page opens the path ("/writers/1010", "/ar/columnists/..."); a story's address
# may hold the word further on ("/articles/authors/5899420").
# So are a TV station's programme and channel pages (a schedule's clocks are airtimes), a
# section's or a channel's page addressed by its query ("Section.aspx?ID=5"), and a writer's
# page in French ("/ar/auteur/..."), and a match's page (a fixtures box's clocks are
# kick-offs).
_TAXONOMY_PATH = re.compile(
    r"/(category|tag|author|auteur|page|topics?|section|programs?|programmes?|matches|match"
    r"|fixtures)/"
    r"|/(?:sections?|category|channels?|programs?)\.aspx\b"
    r"|^[a-z]+://[^/]+/(?:[a-z]{2}/)?(?:authors|auteurs|writers?|columnists?)/",
    re.IGNORECASE,
)
# ... and an archive addressed by its query ("?cat=5", "?tag=gaza"), not a story's address
# that names its category beside its number ("Details.aspx?ID=158190&Cat=2").
_TAXONOMY_QUERY = re.compile(r"(?:^|&)(?:cat|tag|author)=", re.IGNORECASE)


def _taxonomy_link(url: str) -> bool:
    if found := _TAXONOMY_PATH.search(url):
        # A story filed under a section's folder ("/section/politics/news/meps-approve-new-
        # rules-on-political-ads/"): two folders or more after the word, a story's slug last.
        after = url[found.end() :].split("?", 1)[0].strip("/").split("/")
        return not (found.group(1) and len(after) >= 3 and article_address(url))
    query = urlsplit(url).query
    return bool(_TAXONOMY_QUERY.search(query)) and not story_query(query)


# A section's page ("/culture/"): one word, where an article's slug has several.
_SECTION_PATH = re.compile(r"/?[^/\d-]*/?")
# A widget's name from the id and classes of a container around its list, nearest first.
_WIDGET_NAMES = (
    ("mega-menu", "mega-?menu|megamenu|jeg_newsfeed"),
    ("related", "related"),
    ("tabber", "tabber|tabs?"),
    ("more", "more"),
    ("popular", "popular|most-read|mostread|trending"),
    ("latest", "latest|recent|breaking"),
    ("archive", "archive|category|posts-container"),
    ("sidebar", "sidebar|side|aside"),
    ("footer", "footer"),
)
_WIDGET_PATTERNS = [
    (name, re.compile(rf"(?<![a-z])({words})(?![a-z])")) for name, words in _WIDGET_NAMES
]
_WIDGET_TAGS = {"aside": "sidebar", "footer": "footer"}
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# `time` elements, and short texts outside them and outside code.
# Where a script prints the time in the browser ("منذ 3 ساعات" from jQuery timeago, moment),
# the page holds it in an attribute: an <abbr title>, or a data attribute.
# (A script prints the time from some of them: "data-pub", ISO in UTC; "data-ts", seconds.)
_DATA_TIME_ATTRIBUTES = (
    "data-datetime", "data-time", "data-timestamp", "data-date", "data-ts", "data-pub",
    "data-published", "data-publish-date", "data-created",
)  # fmt: skip
_TIME_ATTRIBUTES = ("title", *_DATA_TIME_ATTRIBUTES)
_CANDIDATES = etree.XPath(
    ".//time | .//abbr[@title] | .//*["
    + " or ".join(f"@{name}" for name in _DATA_TIME_ATTRIBUTES)
    + "]"
    # An entry's own microdata (a list of NewsArticle items, each with its datePublished).
    " | .//meta[@itemprop='datePublished'][@content]"
    " | .//text()[string-length(normalize-space()) > 1]"
    f"[string-length(normalize-space()) <= {_MAX_TIME_CHARS} or"
    f" (string-length(normalize-space()) <= {_MAX_DOUBLE_DATE_CHARS}"
    f" and (contains(., '{_HIJRI_MARK}') or contains(., '{_CLOCK_WORD}')"
    f" or contains(., '{_ZONE_WORD}')))]"
    # Last: the ancestor axis costs most, and few texts are short enough to reach it.
    "[not(ancestor::time or parent::script or parent::style"
    " or parent::noscript or parent::template)]"
    # A link's headline closing on its date ("… - 19 أيلول", "… (15 آب)"), or opening
    # with it ("15:14 | …").
    f" | .//a/text()[string-length(normalize-space()) > {_MAX_TIME_CHARS}]"
    "[string-length(normalize-space()) <= 200]"
    "[contains(., ' - ') or contains(., ' – ') or contains(., ' — ') or contains(., ')')"
    " or contains(., '| ')]"
)


def generic_list_items(
    root: HtmlElement,
    page_url: str,
    reference: datetime,
    stamp: str,
    site: str,
    raw_times: list[tuple[str | None, str]],
    beside: set[str] | None = None,
) -> list[ListItemSighting]:
    """The list items of a page no profile knows, in document order: elements holding one
    link to an article of the page's site and one time (a `time` element, or a short text
    the time layer reads), at least three of the same shape side by side (the same tag
    under the same parent; their classes may differ: "first", "tag-economy"), or a pair
    (`_dated_pair`). Each item's time
    goes to `raw_times` as (machine-readable time or None, visible text), for the time
    layer; `reference` only tells times from other numbers here. `beside` receives the
    addresses of the items in an aside or a sidebar (the site's widgets, not the page's
    own list)."""
    body = root.find("body")
    if body is None:
        body = root
    times = _time_nodes(body, reference)
    if len(times) < _MIN_PAIR_ITEMS:
        return []
    for node in [
        n for n in times if n.tag == "time" and UPDATED_CLASS.search(n.get("class") or "")
    ]:
        # A theme's "updated" time beside the published one (ColorMag's `<time class="entry-date
        # published">…</time><time class="updated">`): the item has one time, the other.
        parent = node.getparent()
        if parent is not None and any(other is not node and other in times for other in parent):
            del times[node]
    for node in [n for n, (_, _, text) in times.items() if _UPDATE_FIRST.match(text)]:
        # An entry's update printed beside its publication ("آخر تحديث: 21 سبتمبر" then
        # "نُشر في: 19 سبتمبر", "Sept. 25 · Updated 3 hours ago"): the entry has one time,
        # the other.
        for holder in itertools.islice(node.iterancestors(), _CLOCK_LEVELS):
            if any(other is not node and other in times for other in holder.iter(etree.Element)):
                del times[node]
                break
    machine_nodes = {n for n, (_, machine, _) in times.items() if machine}
    for node in [n for n, (_, machine, text) in times.items() if not machine]:
        if not _CLOCK_ONLY.fullmatch(times[node][2]):
            continue
        # A clock in a field of its own beside the entry's machine-readable time (Drupal
        # views: "15:45", the link, <time datetime=...>9 آذار</time>): one time, that one.
        for ancestor in itertools.islice(node.iterancestors(), _CLOCK_LEVELS):
            held = [other for other in ancestor.iter(etree.Element) if other in times]
            if len(held) > 2:
                break  # past the entry: other entries' times
            if len(held) == 2 and any(other in machine_nodes for other in held):
                del times[node]
                break
            if len(held) == 2 and (day := _printed_day(held, node, times, reference)) is not None:
                # A calendar badge's day, the clock in a field of its own after the link
                # ("03 أغسطس", the link, "01:50 م"): one time, the day's at that clock.
                order, _, text = times[day]
                times[day] = (order, None, f"{text} {times[node][2]}")
                del times[node]
                break
    for node, (order, machine, text) in list(times.items()):
        if not machine and _CLOCK_ONLY.fullmatch(text) and (day := _day_field_beside(node, times)):
            times[node] = (order, None, f"{text} {day}")
    # Each time's item is its highest ancestor holding no other time; the item's parent is
    # the list.
    counts: dict[HtmlElement, int] = {}
    for node in times:
        for ancestor in node.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    groups: dict[tuple, list[tuple[HtmlElement, HtmlElement]]] = {}
    skipped: dict[HtmlElement, bool] = {}
    for node in times:
        item = node
        for ancestor in node.iterancestors():
            if counts[ancestor] > 1 or ancestor is body:
                break
            item = ancestor
        parent = item.getparent()
        if parent is None or _skipped(item, skipped) or _modified_time(item, node, times[node][2]):
            continue
        # Not the class: items of one list carry their own ("tag-economy", "first", "active").
        shape = (parent, item.tag)
        groups.setdefault(shape, []).append((item, node))

    host = _site_host(page_url)
    page = page_url.split("#", 1)[0]
    found: list[tuple[int, ListItemSighting, tuple[str | None, str]]] = []
    lists = {parent for (parent, _), members in groups.items() if len(members) >= _MIN_LIST_ITEMS}
    for members in groups.values():
        lead = len(members) == 1 and _leads_list(members[0][0], lists)
        if len(members) < _MIN_PAIR_ITEMS and not lead:
            continue
        links = [
            _item_link(item, node, page_url, page, host, times[node][2]) for item, node in members
        ]
        widget = _widget_name(members[0][0].getparent(), body)
        if _schedule(members[0][0], widget):
            continue  # a fixtures box or a TV guide: its clocks are kick-offs and airtimes
        # Named: by the widget's container, or by a heading above the items inside it.
        named = widget != "list" or bool(_heading_before(members[0][0]))
        if (
            len(members) < _MIN_LIST_ITEMS
            and not lead
            and not _dated_pair(members, links, times, page, named)
        ):
            continue
        aside = beside is not None and _in_side_area(members[0][0])
        for (item, node), (url, title) in zip(members, links, strict=True):
            if url is None:
                continue
            if aside:
                beside.add(url)  # type: ignore[union-attr]
            order, machine, visible = times[node]
            found.append(
                (
                    order,
                    ListItemSighting(
                        url=url,
                        site=site,
                        page_url=page_url,
                        reference_time=stamp,
                        widget=widget,
                        title=title or None,
                        category=_item_category(item, node, title, reference) or None,
                        time_raw=(visible or machine) or None,
                    ),
                    (machine, visible),
                )
            )
    found.sort(key=lambda entry: entry[0])
    raw_times.extend(raw for _, _, raw in found)
    return [item for _, item, _ in found]


# A time labelled as the last change ("آخر تحديث:", "تم التحديث", "Updated"), or in a
# field named for it (Drupal's "views-field-changed"): not when the item was published.
# (`generic` reads the article's printed date past the same labels.)
UPDATE_LABEL = re.compile(
    r"(?:آخر |اخر |تم ال)?تحديث|ح[\u064b-\u0652]*د[\u064b-\u0652]*ث[\u064b-\u0652]*(?:ت[\u064b-\u0652]*)?\b"
    r"|(?:last )?updated\b|(?:last )?modified\b|last update\b|تم التعديل|التحديث الأخير"
    # "آخر تعديل" (also "أخر"), "تاريخ التعديل", "Last edited", and "عُدّل في"/"عُدِّلت في"
    # (edited on) before its date, a word of its own (not "العدل في", "justice in").
    r"|(?:آخر |اخر |أخر )تعديل|تاريخ (?:ال)?تعديل|last edited\b"
    r"|(?<![\w\u064b-\u0652])ع[\u064b-\u0652]*د[\u064b-\u0652]*ل[\u064b-\u0652]*(?:ت[\u064b-\u0652]*)?"
    r"(?=\s+(?:في|بتاريخ|يوم)\b)"
    r"|mis à jour|modifiée? le|actualisée? le|aktualisiert",
    re.I,
)
# The label alone, as a field's name: "آخر تحديث:", "تم التحديث", "Updated" (not a title
# that opens with the word, "تحديث جديد لواتساب").
_MODIFIED_FIELD_NAME = re.compile(rf"(?:{UPDATE_LABEL.pattern})(?:\s*(?:في|on|:))?\s*:?", re.I)
_MODIFIED_FIELD = re.compile(r"(?:^|[-_\s])(?:changed|modified|last-?updated)(?:$|[-_\s])", re.I)


UPDATED_CLASS = re.compile(r"(?:^|\s)(?:updated|modified)(?:$|\s)")
# A clock alone ("15:45", "٠٩:٣٥ ص"), and how far up its entry's other time may sit.
_CLOCK_ONLY = re.compile(r"[0-9٠-٩]{1,2}[:：][0-9٠-٩]{2}(?:\s*(?:ص|م|[AaPp]\.?[Mm]\.?))?")
_CLOCK_LEVELS = 3


# A day and month without the year in a field of their own ("13/03").
_DAY_MONTH_FIELD = re.compile(r"[0-9٠-٩]{1,2}/[0-9٠-٩]{1,2}")


def _printed_day(
    held: list[HtmlElement], clock: HtmlElement, times: dict, reference: datetime
) -> HtmlElement | None:
    """The other of an entry's two printed times where it is a day without a clock."""
    other = next(node for node in held if node is not clock)
    text = times[other][2]
    if not text or times[other][1] or _CLOCK_SHAPE.search(text):
        return None
    if clock.tag == "a" or next(clock.iterancestors("a"), None) is not None:
        return None  # a link's own label (a match's kick-off), no field of the entry
    reading = read_time(text, reference, "unknown")
    return other if reading.kind == "absolute" and reading.precision == "day" else None


def _day_field_beside(node: HtmlElement, times: dict) -> str | None:
    """The day an entry prints in a field of its own beside its clock ("10:40", the link,
    "13/03": a Tunisian portal's latest news), or None. Looked for in the clock's entry:
    its ancestors up to `_CLOCK_LEVELS` that hold no other time."""
    for ancestor in itertools.islice(node.iterancestors(), _CLOCK_LEVELS):
        if any(other is not node and other in times for other in ancestor.iter(etree.Element)):
            return None  # past the entry
        for element in ancestor.iter(etree.Element):
            if element is not node and len(element) == 0:
                text = (element.text or "").strip()
                if _DAY_MONTH_FIELD.fullmatch(text):
                    return text
    return None


def _modified_time(item: HtmlElement, node: HtmlElement, visible: str) -> bool:
    """Whether the item's time is its last change, by a label printed before it (or at the
    start of its own text) or a field named for a change around it, inside the item."""
    label = UPDATE_LABEL.match(visible)
    after = visible[label.end() :].strip()[:1] if label else None
    if label and (after in (":", "") or (after or "").isdigit()):
        return True  # "آخر تحديث: الجمعة 04 ديسمبر 2026 - 10:25", "آخر تحديث 07:35 م"
    element: HtmlElement | None = node
    while element is not None:
        if _MODIFIED_FIELD.search(element.get("class") or ""):
            return True
        if element is item:
            return False
        before = element.getprevious()  # a label, not a headline that says "تحديث"
        label = before.text_content().strip() if before is not None else ""
        if label and _MODIFIED_FIELD_NAME.fullmatch(label):
            return True
        element = element.getparent()
    return False


def _time_nodes(
    body: HtmlElement, reference: datetime
) -> dict[HtmlElement, tuple[int, str | None, str]]:
    """Every element that shows a time, in document order: `time` elements (their
    datetime attribute and text), and elements whose own short text the time layer reads
    (a number alone, a year say, is no time)."""
    found: dict[HtmlElement, tuple[int, str | None, str]] = {}
    joined: set[HtmlElement] = set()  # a day read with the clock beside it
    # XPath picks the candidates in C, in document order: visiting every element from
    # Python cost more than all the rest.
    for order, node in enumerate(_CANDIDATES(body)):
        if isinstance(node, str):
            text = node.strip()  # kept as printed (no-break spaces, direction marks)
            kind = _time_kind(text, reference)
            owner = node.getparent()
            if node.is_tail:
                owner = owner.getparent()
            headline = owner is not None and owner.tag == "a" and len(text) > _MAX_TIME_CHARS
            if not kind and not headline and _PIECE_SEPARATORS.search(text):
                # A card's "name | date" line ("سلمى عودة | 2 أغسطس 2027"): its dated piece.
                # (Not a link's headline after a bar: "6 أكتوبر | محافظ …" names a city.)
                text, kind = _dated_piece(text, reference)
            if not kind and owner is not None and owner.tag == "a":
                # The date typed into the link's text after the headline ("… - 19 أيلول",
                # "… – Sept. 26", "… (15 آب)", "… | 2027-02-23"), or before it ("15:14 | الكهرباء: …",
                # "2027-08-02 - Title").
                text, kind = _date_after_headline(text, reference)
                if not kind:
                    text, kind = _date_before_headline(node.strip(), reference)
            if not kind and owner is not None and (badge := _badge(owner, text, reference)):
                owner, text, kind = *badge, "absolute"
            if not kind:
                continue
            if owner is None or owner in found or owner in joined:
                continue
            above = owner.getparent()
            if above in found and found[above][2] == text:
                continue  # the shown text of an element dated by its attribute: one time
            if (kind == "relative" and _reading_time(owner, text)) or _play_time(owner, text):
                continue
            if _SCREEN_READER.search(owner.get("class") or "") and _shown_beside(owner, reference):
                continue  # the shown time's words for screen readers: one time, not two
            if kind == "relative" and (titled := title_time(owner, reference, text)):
                text = titled  # timeago's "منذ يوم" over the date its title prints
            elif _CLOCK_SHAPE.fullmatch(text) and (day := _day_beside(owner, reference)):
                owner, text = owner.getparent(), f"{day[1]} {text}"
                joined.add(day[0])
                found.pop(day[0], None)  # the day read before its clock: one time, not two
            found[owner] = (order, None, text)
            continue
        if node.tag == "time":
            machine = (node.get("datetime") or "").strip() or None
        elif node.tag == "meta":
            machine = (node.get("content") or "").strip()
            if not ISO_START.match(machine) or node.getparent() is None:
                continue
            found[node] = (order, machine, "")
            continue
        elif (
            node in found
            or (machine := attribute_time(node)) is None
            or node.find(".//time") is not None  # the <time> inside is the time
        ):
            continue  # an abbreviation, a data attribute of something else
        visible = node.text_content().strip()
        if node.tag != "time" and not _time_kind(visible, reference):
            visible = ""  # the attribute sits on the item itself: its text is no time
        if machine or _time_kind(visible, reference):
            found[node] = (order, machine, visible)
    return found


ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
# Seconds since 1970 of 2000-01-01 and 2100-01-01: an epoch time outside is another number.
_EPOCH_RANGE = (946_684_800, 4_102_444_800)


def attribute_time(element: HtmlElement) -> str | None:
    """The machine time a script would print from: an ISO 8601 value, or seconds (or
    milliseconds) since 1970 as ISO 8601 in UTC; None for anything else."""
    for name in _TIME_ATTRIBUTES:
        value = (element.get(name) or "").strip()
        if not value:
            continue
        if ISO_START.match(value):
            return value
        if _EPOCH.fullmatch(value):
            seconds = int(value[:10])
            if _EPOCH_RANGE[0] <= seconds < _EPOCH_RANGE[1]:
                return datetime.fromtimestamp(seconds, UTC).isoformat()
    return None


# A card's line of pieces: "سلمى عودة | 2 أغسطس 2027"; or a name, a dash and the date,
# no digit before it ("ترجمة: حامد رشيد - 2027/05/23"; "الأحد 7 تشرين الثاني - 17:00" is
# an event's day and hour).
_PIECE_SEPARATORS = re.compile(r"\s[|•·]\s|^[^\d|•·]+\s[-–—]\s(?=[^-–—]+$)")


_DATE_AFTER_HEADLINE = re.compile(
    r"\s(?:[-–—]\s(?P<dashed>[^-–—]{3,25})|\|\s(?P<barred>[^|]{3,25})"
    r"|\((?P<bracketed>[^()]{3,25})\))$"
)


def _date_after_headline(text: str, reference: datetime) -> tuple[str, str]:
    """The absolute date a link's text closes on after its headline, and its kind; ("",
    "") when none, or a day to come (a match's or an event's)."""
    match = _DATE_AFTER_HEADLINE.search(text)
    if match is None or len(text) - match.end() + match.start() < MIN_HEADLINE_CHARS:
        return "", ""
    date = (match["dashed"] or match["barred"] or match["bracketed"]).strip()
    kind = _time_kind(date, reference)
    if kind != "absolute" or read_time(date, reference, "unknown").reason == "future":
        return "", ""
    return date, kind


MIN_HEADLINE_CHARS = 20
# A time opening a link's text before a bar or a dash, then the headline: a clock or a
# numeric date ("15:14 | …", "2027-08-02 - …"), never a day's name ("6 أكتوبر | …" names
# a city).
_DATE_BEFORE_HEADLINE = re.compile(
    r"^(?P<date>[0-9٠-٩]{1,2}[:：][0-9٠-٩]{2}(?:\s*(?:ص|م|[AaPp]\.?[Mm]\.?))?"
    r"|[0-9٠-٩]{1,4}[-/.][0-9٠-٩]{1,2}[-/.][0-9٠-٩]{1,4})\s*[|\-–—]\s+(?=\S)"
)


def _date_before_headline(text: str, reference: datetime) -> tuple[str, str]:
    """The time a link's text opens with before its headline, and its kind; ("", "") when
    none, or a day to come."""
    match = _DATE_BEFORE_HEADLINE.match(text)
    if match is None or len(text) - match.end() < MIN_HEADLINE_CHARS:
        return "", ""
    date = match["date"].strip()
    kind = _time_kind(date, reference)
    if not kind or (
        kind == "absolute" and read_time(date, reference, "unknown").reason == "future"
    ):
        return "", ""
    return date, kind


def _dated_piece(text: str, reference: datetime) -> tuple[str, str]:
    """The piece of a line split at its separators that the time layer reads as a time,
    and its kind; ("", "") when none does."""
    pieces = [piece.strip() for piece in _PIECE_SEPARATORS.split(text)]
    if any(read_time(piece, reference, "unknown").reason == "future" for piece in pieces):
        return "", ""  # an event's day to come ("Aug 18, 2027 · 7:00 PM"): no clock of today
    for piece in pieces:
        if kind := _time_kind(piece, reference):
            return piece, kind
    return "", ""


# How far above a month's name a badge's holder may sit ("<div><span>03</span><span><span>
# أغسطس</span><span>2027</span></span></div>"), and how many pieces it holds.
_BADGE_LEVELS = 2
_BADGE_PIECES = 3


def _badge(owner: HtmlElement, text: str, reference: datetime) -> tuple[HtmlElement, str] | None:
    """A calendar badge around a month's name printed alone, its day (and year) in elements
    of their own ("<span>20</span><span>أيلول</span>"): its holder and its pieces joined
    ("20 أيلول"), where they read as one day."""
    if len(text) > _MAX_MONTH_CHARS or normalize(text) not in MONTHS:
        return None
    holder = owner
    for _ in range(_BADGE_LEVELS):
        holder = holder.getparent()
        if holder is None:
            return None
        if holder.get("aria-hidden") == "true":
            return None  # drawn for the eye: a screen reader's copy beside it says the day
        pieces = [piece.strip() for piece in holder.itertext() if piece.strip()]
        if len(pieces) > _BADGE_PIECES:
            return None
        joined = " ".join(pieces)
        if len(pieces) > 1 and len(joined) <= _MAX_TIME_CHARS:
            reading = read_time(joined, reference, "unknown")
            if reading.kind != "absolute" or reading.precision != "day":
                continue
            aged = reading.value < reference - _YEARLESS_BADGE_AGE  # type: ignore[operator]
            if aged and not _YEAR.search(joined):
                return None  # a day ahead read as last year's: an agenda's upcoming date
            return holder, joined
    return None


_MAX_MONTH_CHARS = 12
_YEAR = re.compile(r"\d{4}")
# How old a badge printed without its year may be: a day ahead of the fetch reads as last
# year's, and an events box prints the days ahead.
_YEARLESS_BADGE_AGE = timedelta(days=183)


def _day_beside(owner: HtmlElement, reference: datetime) -> tuple[HtmlElement, str] | None:
    """The element beside a clock's that prints the day alone, and its text, where the two
    share a holder of their own ("<span>10:45</span> <span>16/08/2027</span>")."""
    holder = owner.getparent()
    if holder is None or len(holder) > _DAY_AND_CLOCK_PIECES:
        return None
    for sibling in (owner.getnext(), owner.getprevious()):
        # (A <time> dates the item by itself: a clock beside it is a length, a count.)
        if sibling is None or not isinstance(sibling.tag, str) or len(sibling):
            continue
        if sibling.tag == "time":
            return None
        text = (sibling.text or "").strip()
        if text and any(c.isdigit() for c in text) and len(text) <= _MAX_TIME_CHARS:
            reading = read_time(text, reference, "unknown")
            if reading.kind == "absolute" and reading.precision == "day":
                return sibling, text
    # The day as the holder's own text before the clock's element ("<span>13-09-2027
    # <span class=time>16:05</span></span>").
    text = (holder.text or "").strip()
    if (
        len(holder) == 1
        and text
        and any(c.isdigit() for c in text)
        and len(text) <= _MAX_TIME_CHARS
    ):
        reading = read_time(text, reference, "unknown")
        if reading.kind == "absolute" and reading.precision == "day":
            return holder, text
    return None


def _leads_list(item: HtmlElement, lists: set[HtmlElement]) -> bool:
    """Whether a dated entry alone of its shape is the lead card right above a list of
    dated entries, in the list's own box (a section box's lead story, then its rows)."""
    following = item.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None or following not in lists or item.find(".//h1") is not None:
        return False
    # A card's title: a heading holding its link (not a story's header, whose date and
    # writer's or print link sit above the page's own list).
    return any(heading.find(".//a") is not None for heading in item.iter(*_HEADINGS))


# A time labelled as the entry's update, the label first.
_UPDATE_FIRST = re.compile(rf"\W*(?:{UPDATE_LABEL.pattern})", re.I)

# A holder of a clock and a day: the two, and an icon.
_DAY_AND_CLOCK_PIECES = 3


def title_time(element: HtmlElement, reference: datetime, shown: str) -> str | None:
    """The date a title attribute prints on the element or inside it, where a script shows
    a time ago instead (`<span class="timeago" title="الثلاثاء, 08/03/2027 - 09:50">منذ 3
    ساعات</span>`), read month first where only that agrees with the time shown (Drupal's
    "08/02/2027" under "منذ يوم"); None when no title reads as a date near it."""
    ago = read_time(shown, reference, "unknown")
    if ago.earliest is None or ago.latest is None:
        return None
    for node in element.iter():
        title = (node.get("title") or "").strip() if isinstance(node.tag, str) else ""
        if not title or len(title) > _MAX_TIME_CHARS or not any(c.isdigit() for c in title):
            continue
        for text in dict.fromkeys((title, month_first(title))):
            value = read_time(text, reference, "unknown").value
            if value and ago.earliest - _TITLE_SLACK <= value <= ago.latest + _TITLE_SLACK:
                return text
    return None


# How far a title's date may sit outside the window of the time ago shown: the unknown
# zone's spread, and a count of days rounded.
_TITLE_SLACK = timedelta(days=1, hours=14)


# A reading time printed as a bare duration ("4 min.") beside a reading word, or in an
# element named for one (`article-preview__readtime`): no sighting time. A relative time
# says so ("منذ", "قبل", "ago", "vor").
READING_MARK = re.compile(r"read[-_\s]?(?:ing[-_\s]?)?time|readtime|lesezeit|lesedauer", re.I)
AGO_MARK = re.compile(r"منذ|قبل|مضت|\bago\b|\bvor\b|\bil y a\b|\bhace\b", re.I)
# A printed time that dates a story: a date with its year ("6/1/27" too), or a time ago.
_STORY_TIME = re.compile(
    rf"(?:19|20)\d\d|[٠-٩]{{4}}|(?<![\d/])\d{{1,2}}/\d{{1,2}}/\d\d(?![\d/])|{AGO_MARK.pattern}",
    re.I,
)
_READING_LEVELS = 3


def _reading_time(owner: HtmlElement, text: str) -> bool:
    """Whether a duration (a text read as relative) is a reading time: no "ago" marker,
    and a reading-time class on its element or the elements around it, or a reading word
    (the time layer's) in the siblings beside it."""
    if AGO_MARK.search(text):
        return False
    node: HtmlElement | None = owner
    for _ in range(_READING_LEVELS):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html"):
            break
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if READING_MARK.search(names) or _PLAY_TIME_MARK.search(names):
            return True  # (or an episode's length in words: "48 دقيقة" in its "duration")
        node = node.getparent()
    return any(
        sibling is not None
        and isinstance(sibling.tag, str)
        and names_reading_time(sibling.text_content()[:_MAX_TIME_CHARS])
        for sibling in (owner.getprevious(), owner.getnext())
    )


# A video's or a podcast's length ("0:48", "1:07:12", "1h30" in French) is printed like a
# clock time; the element that holds it is named for it (`duration`, `vplaytime`,
# `video-length`, `duree`). Tailwind's transition classes ("duration-200") name no length.
_CLOCK_SHAPE = re.compile(r"\d{1,2}(?::\d{2}){1,2}|\d{1,2}h\d{2}")
_PLAY_TIME_MARK = re.compile(
    r"duration(?!-\d)|dur[ée]e|play[-_]?time|run[-_]?time"
    r"|(?:video|clip|media|audio|episode|podcast)[-_]?(?:length|time)"
    # A video's length abbreviated ("vidDur", "vid-dur", "vid__dur", "dur").
    r"|(?<![a-z])vid(?:eo)?[-_]*dur|(?:^|[\s_-])dur(?:$|[\s_-])",
    re.I,
)


# Text for screen readers only, beside the time shown ("07.05.2021" shown, "7. Mai 2021"
# read aloud).
_SCREEN_READER = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text)(?:\s|$)")


def _shown_beside(element: HtmlElement, reference: datetime) -> bool:
    """Whether an element beside this one shows a time with digits as its own text (the
    date a screen reader's copy repeats); a calendar badge's day and month, each in its
    own element, are no such time."""
    for sibling in (element.getprevious(), element.getnext()):
        if sibling is None or not isinstance(sibling.tag, str):
            continue
        text = (sibling.text or "").strip()  # its own text: a <time>, not a badge's parts
        if any(c.isdigit() for c in text) and _time_kind(text, reference):
            return True
    return False


_TIME_NAMED = re.compile(r"time|date|clock", re.I)


def _play_time(owner: HtmlElement, text: str) -> bool:
    """Whether a clock-shaped text is a play length: its element, or one of the two around
    it, is named for one (or holds `itemprop="duration"`), or it is all a thumbnail's link
    prints over its picture."""
    if not _CLOCK_SHAPE.fullmatch(text):
        return False
    link = owner if owner.tag == "a" else next(owner.iterancestors("a"), None)
    if (
        link is not None
        and link.find(".//img") is not None
        and _same_text(link.text_content(), text)
        and not _TIME_NAMED.search(owner.get("class") or "")  # ("time": the entry's clock)
    ):
        return True
    node: HtmlElement | None = owner
    for _ in range(_READING_LEVELS):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html"):
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}"
        if _PLAY_TIME_MARK.search(names):
            return True
        node = node.getparent()
    return False


def _time_kind(text: str, reference: datetime) -> str:
    """ "relative" or "absolute" when the time layer reads the text as a time, else ""."""
    long_form = _HIJRI_MARK in text or _CLOCK_WORD in text or _ZONE_WORD in text
    longest = _MAX_DOUBLE_DATE_CHARS if long_form else _MAX_TIME_CHARS
    if not 2 <= len(text) <= longest or text.isdigit() or not _MAYBE_TIME.search(text):
        return ""
    # The zone only shifts a printed time; whether the text is a time must not depend on it
    # (a local time east of UTC is hours "ahead" of a page fetched soon after it): read in
    # the unknown zone, UTC-12 to UTC+14.
    reading = read_time(text, reference, "unknown")
    if reading.reason in ("future", "impossible-date") and _NUMERIC_DATE.search(text):
        # "03/04/2027" a month ahead day first, "5/28/27" no day at all: a past day month
        # first, a time all the same (`resolve_times` reads a list's dates month first where
        # one of them says so).
        reading = read_time(month_first(text), reference, "unknown")
    return reading.kind if reading.value is not None else ""


# A numeric date with its year ("7/3/2025", "7/3/25", "06.11.2013"). One that only reads
# month first ("5/22/2025") says how the page prints them all: its lists' "7/3/2025" is
# July's, not March's.
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])(?!\.\d)")


def month_first_only(text: str) -> bool:
    """Whether the text holds a numeric date that only reads month first ("5/22/2025")."""
    return any(int(m[1]) <= 12 < int(m[3]) <= 31 for m in _NUMERIC_DATE.finditer(text))


def month_first(text: str) -> str:
    """The text with its numeric dates' first two numbers swapped: "03/04/2027" as the
    time layer reads March's 4th (it reads day first)."""
    return _NUMERIC_DATE.sub(r"\3\2\1\2\4", text)


def _skipped(element: HtmlElement, known: dict[HtmlElement, bool]) -> bool:
    """Whether the element sits in a menu, a comment thread, a form or the article's text
    (`known`: the verdicts of elements already asked about, items sharing ancestors)."""
    verdict = known.get(element)
    if verdict is None:
        if element.tag in ("body", "html", "main"):
            # Their classes state the page's state ("has-main-navigation", "showing-comments",
            # "mobile-menu-closed") or its layout (a <main class="b-article-body"> holding
            # the story and its right rail), not a container's kind.
            known[element] = False
            return False
        names = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
        parent = element.getparent()
        # WordPress (5.5 and later) wraps a widget's list in a <nav> of its own ("Recent
        # Posts"): that list is no menu.
        widget_list = (
            element.tag == "nav" and parent is not None and "widget" in (parent.get("class") or "")
        ) or (
            # Joomla prints a category's article table inside its sorting form.
            element.tag == "form" and element.get("id") == "adminForm"
        )
        verdict = known[element] = (
            (element.tag in _SKIPPED_TAGS and not widget_list)
            or element.get("itemprop") == "articleBody"
            # (SPIP's blocks are all "menu"s: "bloc menu articles-related" lists stories.)
            or bool(
                names.strip() and _SKIPPED_NAMES.search(names) and not _RELATED_BLOCK.search(names)
            )
            # A related-posts block a plugin puts at the end of the story's text (Jetpack's
            # "jp-relatedposts" inside "entry-content") is a list all the same.
            or (
                parent is not None
                and not _RELATED_BLOCK.search(names)
                and not _STORIES_IN_MENU.search(names)
                and _skipped(parent, known)
            )
        )
    return verdict


@lru_cache(maxsize=4096)  # a page's items link to a few hosts, many times
def _site_host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


# --- Pages no profile knows: the links a crawl follows ----------------------------------

# A section's or category's archive, or a further page of a listing, by its address.
_SECTION_LINK = re.compile(
    r"^/(?:[a-z]{2}/)?(?:category|categories|section|sections|cat)/[^/?#]+/?(?:page/\d+/?)?$"
    r"|/page/\d+/?$",
    re.IGNORECASE,
)
_NOT_A_STORY = re.compile(
    r"/(?:tag|tags|author|authors|writer|search|login|register|feed|wp-json|wp-admin|"
    r"wp-content|cdn-cgi)(?:/|$)|\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|css|js|xml)$",
    re.IGNORECASE,
)


def generic_links(
    root: HtmlElement, page_url: str, items: list[ListItemSighting]
) -> tuple[list[str], list[str]]:
    """(article links, listing links) of a page no profile knows, on its own site: its list
    items' links, links whose address has an article's shape (`page_type.article_address`:
    a permalink's date, a long slug, a story number, in the path or an id parameter), and
    links to a section or category archive or to a listing's next page. The rest (menus to tags, authors, search, files) is not
    followed. A site whose stories have other addresses is found through its `sitemaps`
    and `feeds`."""
    host = _site_host(page_url)
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    stories, sections = [item.url for item in items], []
    for url in links(hrefs, page_url):
        parts = urlsplit(url)
        if _site_host(url) != host or parts.scheme not in ("http", "https"):
            continue
        path = parts.path
        if _NOT_A_STORY.search(path) or path in ("", "/"):
            continue
        if _SECTION_LINK.search(path):
            sections.append(url)
        elif article_address(url):  # the shape page evidence weighs, by the same rule
            stories.append(url)
    page = page_url.split("#", 1)[0]
    return (
        unique(u for u in stories if u != page),
        unique(u for u in sections if u != page),
    )


def _dated_pair(
    members: list[tuple[HtmlElement, HtmlElement]],
    links: list[tuple[str | None, str]],
    times: dict[HtmlElement, tuple[int, str | None, str]],
    page: str,
    named: bool = False,
) -> bool:
    """Whether two items of one shape are a list: each link another story's, and each
    time machine-readable (a `time` element's datetime, a timeago attribute) or the
    pair `named` as a widget (a related box's class, its heading "أخبار ذات صلة": agencies
    print two related stories under one, their dates as text) with each item titled and
    its text a date with its year or a time ago (not "8 Min", a reading time); a story's
    address, unless the widget is named."""
    urls = [url for url, _ in links]
    return (
        len(members) == _MIN_PAIR_ITEMS
        and all(
            times[node][1] or (named and title and _STORY_TIME.search(times[node][2]))
            for (_, node), (_, title) in zip(members, links, strict=True)
        )
        and all(url and url != page and (named or article_address(url)) for url in urls)
        and len(set(urls)) == len(urls)
    )


_ONE_COMMENT = re.compile(r"comment-?\d+", re.I)


# A link to a document, not a page: a print edition's PDF ("/pdf/5601.pdf", dated by its
# issue), the printed page beside a story's link, a download. (Not a picture: a card's
# image may link to its full size.)
_FILE_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|zip)$", re.I)


def _item_link(
    item: HtmlElement,
    time_node: HtmlElement,
    page_url: str,
    page: str,
    host: str,
    shown: str = "",
) -> tuple[str | None, str]:
    """The item's one article link on the page's site, and its title; (None, "") when the
    item links to no article, or to several. `shown`: the time as the item prints it (the
    date a link's headline closes on, "… - 19 أيلول": the link is the headline's)."""
    anchors = [item] if item.tag == "a" else []
    anchors.extend(item.iter("a"))
    files = False
    texts: dict[str, list[str]] = {}
    headed: set[str] = set()
    sections: set[str] = set()
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(NOT_FOLLOWED):
            continue
        url = metadata.join_url(page_url, href)
        if url is None:
            continue
        url, fragment = url.split("#", 1) if "#" in url else (url, "")
        if _ONE_COMMENT.fullmatch(fragment):
            # A link to one comment: the entry is a comment's ("أم حسن على <story>" in a
            # "recent comments" box), dated when the comment was written.
            return None, ""
        # A place on the page itself is no item, nor a comment's permalink anywhere ("recent
        # comments" boxes whose classes do not say so); a link to the page's own article in
        # a widget is an item.
        if (
            (fragment and url == page)
            or fragment.lower().startswith(("comment", "respond"))
            or _site_host(url) != host
            or _taxonomy_link(url)
            or _is_section(url)
        ):
            continue
        if _FILE_LINK.search(url.partition("?")[0]):
            files = True  # an issue of the print edition, a printed page, a download
            continue
        # A link around the whole item (time included) has no title of its own; a link that
        # is only the time is a day's or a month's archive ("ديسمبر 2026 (14)").
        wraps_time = anchor is time_node or _holds(anchor, time_node)
        text = anchor.text_content()
        dated = _DATE_AFTER_HEADLINE.search(text) if anchor is time_node and shown else None
        if dated is not None and shown in dated.group(0):  # the headline, then its date
            texts.setdefault(url, []).append(text[: dated.start()])
            continue
        opening = _DATE_BEFORE_HEADLINE.match(text.strip()) if anchor is time_node else None
        if opening is not None and shown and shown in opening.group(0):  # its time, then it
            texts.setdefault(url, []).append(text.strip()[opening.end() :])
            continue
        if wraps_time and _same_text(text, time_node.text_content()):
            continue
        texts.setdefault(url, []).append("" if wraps_time else text)
        if _in_heading(anchor):
            headed.add(url)
        if _SECTION_MARK.search(_own_and_parent_classes(anchor)):
            sections.add(url)
    if len(texts) > 1 and len(headed) == 1:  # a section's link beside the headline's
        texts = {url: titles for url, titles in texts.items() if url in headed}
    elif len(texts) > 1 and 0 < len(sections) < len(texts):
        # A link its class (or its field's) names the item's section ("PromoB-category").
        texts = {url: titles for url, titles in texts.items() if url not in sections}
    elif len(texts) > 1:
        # A section's link of one or two words ("(اقتصاد)") beside a headline's of more.
        worded = {url: titles for url, titles in texts.items() if _words(titles) >= 3}
        if len(worded) == 1 and all(_words(t) <= 2 for u, t in texts.items() if u not in worded):
            texts = worded
    if len(texts) != 1 or (files and not any(_words(t) >= 2 for t in texts.values())):
        # (An entry of a document alone, or beside its issue's page: no story.)
        return None, ""
    [(url, titles)] = texts.items()
    heading = next(
        (
            h
            for h in item.iter(*_HEADINGS)
            if h.text_content().strip() and h is not time_node and not _holds(h, time_node)
        ),
        None,
    )
    if heading is not None:
        return url, heading.text_content()
    title = max((" ".join(t.split()) for t in titles), key=len)
    if not title:  # the link wraps the item: its longest text that is not the time
        time_text = time_node.text_content()
        texts_in = (" ".join(t.split()) for t in item.itertext())
        title = max((t for t in texts_in if t and t not in time_text), key=len, default="")
    if title and not any(c.isalpha() for c in title):
        return None, ""  # a score ("2 - 1") or a count ("(14)"): no story's title
    return url, title


# A section's link by its class or its field's: "PromoB-category", "post-cat", "kicker".
_SECTION_MARK = re.compile(
    r"categor|(?<![a-z])(?:cat|cats|section|kicker|eyebrow|rubrique)(?![a-z])", re.I
)


def _own_and_parent_classes(anchor: HtmlElement) -> str:
    parent = anchor.getparent()
    return f"{anchor.get('class') or ''} {'' if parent is None else parent.get('class') or ''}"


def _same_text(one: str, other: str) -> bool:
    return " ".join(one.split()) == " ".join(other.split())


def _words(titles: list[str]) -> int:
    """Words in the longest of a link's texts (not a sign between them: "Arts & Culture"
    is two)."""
    return max((sum(any(c.isalnum() for c in w) for w in t.split()) for t in titles), default=0)


def _holds(element: HtmlElement, node: HtmlElement) -> bool:
    return any(ancestor is element for ancestor in node.iterancestors())


def _is_section(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and _SECTION_PATH.fullmatch(parts.path) is not None


def _in_heading(anchor: HtmlElement) -> bool:
    parent = anchor.getparent()
    return (parent is not None and parent.tag in _HEADINGS) or next(
        anchor.iter(*_HEADINGS), None
    ) is not None


def _item_category(
    item: HtmlElement, time_node: HtmlElement, title: str, reference: datetime
) -> str:
    """A short label beside the time (a category link or a label next to it), or "". The
    meta line beside a time also holds bylines, reading times, durations and dates: those
    are no section label (`_not_a_label`)."""
    for anchor in item.iter("a"):
        rel = anchor.get("rel") or ""
        if "category" in rel or "/category/" in (anchor.get("href") or ""):
            return " ".join(anchor.text_content().split())
    for sibling in (time_node.getprevious(), time_node.getnext()):
        if sibling is None or not isinstance(sibling.tag, str):
            continue
        label = " ".join(sibling.text_content().split())
        if (
            label
            and len(label) <= _MAX_CATEGORY_CHARS
            and label != title
            and not _not_a_label(sibling, label, reference)
        ):
            return label
    return ""


# A byline's marks: its element's names (`metainfo__item--author`, `teaser__byline`,
# rel="author"), a link to an author's page, or the words that open one.
_BYLINE_NAMES = re.compile(r"author|byline|writer|autor", re.I)
_BYLINE_WORDS = re.compile(r"^(?:by|von|par|por|بقلم|كتب|كتبت)\b", re.I)
# A count or a duration ("6 min", "00:46 min", "2 mins read", "12 Bilder") opens with its
# number; a section's name does not.
_COUNT = re.compile(r"^[\d\u0660-\u0669\u06f0-\u06f9]")


def _not_a_label(element: HtmlElement, label: str, reference: datetime) -> bool:
    """Whether the text beside an item's time is something other than a section label: a
    byline, a reading time, a count or duration, a date or time, a field's caption
    ("Veröffentlicht:") or a separator ("•", "|")."""
    if not any(char.isalpha() for char in label) or label.endswith(":") or _COUNT.match(label):
        return True
    if _BYLINE_WORDS.match(label) or names_reading_time(label) or _time_kind(label, reference):
        return True
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        names = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}"
        if (
            _BYLINE_NAMES.search(names)
            or READING_MARK.search(names)
            or "author" in (node.get("rel") or "")
            or "/author/" in (node.get("href") or "")
        ):
            return True
    return False


# A sidebar's own class ("sidebar", "penci-sidebar-content", "widget-area"), not a layout's
# word for where one goes ("has-sidebar", "sidebar-right", "no-sidebar").
_SIDE_AREA = re.compile(
    r"(?:^|\s)(?!(?:has|no|with|without)[-_])[\w-]*(?:sidebar|widget-area)(?![-_](?:left|right|none))"
    r"[\w-]*(?=\s|$)|(?:^|\s)(?:side|aside|secondary)(?=\s|$)"
)


def _in_side_area(element: HtmlElement) -> bool:
    """Whether the element sits in an aside or an element named for a sidebar."""
    return any(
        ancestor.tag == "aside" or _SIDE_AREA.search((ancestor.get("class") or "").lower())
        for ancestor in element.iterancestors()
    )


def _widget_name(list_element: HtmlElement, body: HtmlElement) -> str:
    """The name of the widget a list sits in: a known word in the id or classes of the
    nearest container that has one, or that container's heading; "list" when none does."""
    child = None
    for element in (list_element, *list_element.iterancestors()):
        if element is body or element.tag in ("body", "html"):
            break
        names = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
        for name, pattern in _WIDGET_PATTERNS:
            if pattern.search(names):
                return name
        if element.tag in _WIDGET_TAGS:
            return _WIDGET_TAGS[element.tag]
        if child is not None:
            heading = _heading_before(child)
            if heading:
                return heading
        child = element
    return "list"


def _heading_before(element: HtmlElement, unlinked: bool = False) -> str:
    """The text of a heading among the element's preceding siblings (or inside one).
    `unlinked`: only the nearest sibling's, and only one that links nowhere (a widget's
    title, not a featured story's)."""
    for sibling in element.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        heading = sibling if sibling.tag in _HEADINGS else next(sibling.iter(*_HEADINGS), None)
        if unlinked and (heading is None or heading.find(".//a") is not None):
            return ""
        if heading is not None:
            text = " ".join(heading.text_content().split())
            if text and len(text) <= _MAX_WIDGET_HEADING_CHARS:
                return text
            return ""
    return ""
