"""Pure extraction: HTML, URL and reference time in; an article record and list items out.

No Scrapy, no database, no clock: `extract_page(html, url, reference)` is the whole API, so
a fixture test is one call. It runs in two stages, each usable alone:

- `read_page`, the theme stage: parse once (lexbor, see `query.py`), let the profile say
  where things are, and return the fields with every time still a raw string
  (`PageExtraction.pending`);
- `resolve_times`, the time layer: turn those strings into UTC times with windows.

Pages no profile recognizes take the generic path (`generic.py`), which parses with lxml
for trafilatura.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from selectolax.lexbor import LexborNode
from w3lib.encoding import html_to_unicode

from scraper.extract import meta
from scraper.extract.profiles import Profile, detect_profile, get_profile
from scraper.extract.profiles.site import SiteProfile
from scraper.extract.query import compile_css, element_test, parse_html
from scraper.extract.source_line import split_source_line
from scraper.items import ArticleRecord, ListItemSighting
from scraper.text import clean_text
from scraper.time import TimeReading, read_machine, read_relative, read_time, reconcile

_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "pre"}
_LIST_BLOCKS = {"ul", "ol"}
_CONTAINERS = {"div", "section", "blockquote", "article", "main", "center"}
_NEVER_TEXT = {"script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "figure"}
_NOT_FOLLOWED = ("#", "javascript:", "mailto:", "tel:", "whatsapp:")
# Raise when a change to this module changes what it extracts from the same page.
EXTRACTOR = "scraper.extract@2"


@dataclass
class PendingTimes:
    """The raw time strings the theme stage found, for the time layer to resolve.

    `article`: (source name, reader, raw), reader being "machine", "text" or "relative";
    `modified`: (source name, raw) in priority order; `items`: per list item, its
    machine-readable time (or None) and its visible text."""

    article: list[tuple[str, str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    items: list[tuple[str | None, str]] = field(default_factory=list)


@dataclass
class PageExtraction:
    url: str  # canonical URL of the page (the response URL when the page names none)
    page_type: str  # "article", "listing" or "other"
    article: ArticleRecord | None
    list_items: list[ListItemSighting] = field(default_factory=list)
    article_links: list[str] = field(default_factory=list)
    listing_links: list[str] = field(default_factory=list)
    reason: str | None = None  # why the page gave no article
    # Raw times from `read_page`, still to resolve; None once `resolve_times` has run.
    pending: PendingTimes | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=4096)  # list items repeat their times; strftime costs 3 µs
def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clear_caches() -> None:
    """Forget every cache keyed by page data (URL joins, texts, time strings and times),
    for benchmarks that measure passes sharing nothing. Compiled selectors are kept."""
    from scraper import text
    from scraper import time as time_layer

    meta.clear_caches()
    time_layer.clear_caches()
    text.clear_caches()
    iso.cache_clear()


_ARABIC = re.compile(r"[\u0621-\u064a]")


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Bytes to (text, encoding): the HTTP charset, then the BOM and <meta charset>, then
    detection. A body that is not valid in the charset the header declares (sites that
    declare one charset and send another) is decoded from its own declaration instead."""
    encoding, text = html_to_unicode(content_type, body)
    if "\ufffd" in text:
        fallback_encoding, fallback = html_to_unicode(None, body)
        if fallback.count("\ufffd") < text.count("\ufffd"):
            encoding, text = fallback_encoding, fallback
    # Still undecodable, and the page may declare UTF-8 everywhere while sending the
    # Arabic legacy charset: try Windows-1256 and keep it when it reads as Arabic.
    if text.count("\ufffd") > 20:
        try:
            legacy = body.decode("cp1256")
        except UnicodeDecodeError:
            legacy = None
        if legacy is not None and "\ufffd" not in legacy and len(_ARABIC.findall(legacy)) > 20:
            return legacy, "cp1256 (detected; declared " + encoding + ")"
    return text, encoding


def extract_page(
    html: str | bytes,
    url: str,
    reference: datetime,
    *,
    site: str = "",
    profile: Profile | SiteProfile | str | None = "zox",
    timezone: str = "UTC",
    content_type: str | None = None,
) -> PageExtraction:
    """Extract everything the crawler keeps from one page.

    `reference` is the moment the page was rendered or fetched (HTTP Date header, else fetch
    time); relative times resolve against it. `timezone` is the site's, for dates printed
    without an offset. `profile`: a registered profile's name, a `Profile`, a site's own
    (`SiteProfile`, see `SiteConfig.extraction_profile`), "auto" (or None) to detect the
    theme, or "generic".
    """
    page = read_page(
        html,
        url,
        reference,
        site=site,
        profile=profile,
        timezone=timezone,
        content_type=content_type,
    )
    return resolve_times(page, reference, timezone)


def read_page(
    html: str | bytes,
    url: str,
    reference: datetime,
    *,
    site: str = "",
    profile: Profile | SiteProfile | str | None = "zox",
    timezone: str = "UTC",
    content_type: str | None = None,
) -> PageExtraction:
    """The theme stage of `extract_page`: every field, with times left as raw strings in
    `pending` (the generic path, which reads its own times, returns them resolved).
    `reference` picks the layout version (the theme's and the site's) and stamps the
    records."""
    if reference.tzinfo is None:
        raise ValueError("reference must be timezone-aware")
    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html, content_type)
    if profile == "generic":
        return _generic_page(html, url, reference, site, timezone, encoding)
    tree = parse_html(html)
    # "auto" (or None): the profile whose markup fingerprints the page matches; the generic
    # path when none does.
    if profile in (None, "auto"):
        detected = detect_profile(tree)[0]
        if detected is None:
            return _generic_page(html, url, reference, site, timezone, encoding)
        profile = detected.name
    if isinstance(profile, SiteProfile):
        profile = profile.at(reference)
    elif isinstance(profile, str):
        profile = get_profile(profile, reference)

    document = tree.root  # lexbor builds <html>, <head> and <body> for any text
    head = meta.PageMeta.from_lexbor(tree)
    stamp = iso(reference) or ""
    pending = PendingTimes()
    page_url, canonical_from = meta.canonical_url(head, url)
    list_items = _list_items(document, profile, page_url, stamp, site, pending)
    article_links = _links(_css(profile.page_article_links)(document), url)
    article_links = _unique(article_links + [item.url for item in list_items])
    listing_links = _links(_css(profile.page_listing_links)(document), url)

    article = None
    reason = None
    root = _first(profile.article_root, document)
    if root is not None:
        article = _article(head, document, root, profile, page_url, url, stamp, site, pending)
        article.provenance["url"] = canonical_from
        if encoding:
            article.provenance["encoding"] = encoding
        page_type = "article"
    else:
        page_type = "listing" if (list_items or listing_links) else "other"
        reason = f"not an article page: no {profile.article_root}"
    return PageExtraction(
        url=page_url,
        page_type=page_type,
        article=article,
        list_items=list_items,
        article_links=article_links,
        listing_links=listing_links,
        reason=reason,
        pending=pending,
    )


def resolve_times(page: PageExtraction, reference: datetime, timezone: str) -> PageExtraction:
    """The time layer over a `read_page` result: article and list-item times to UTC with
    their windows, every unreadable one with its reason. Returns the same page."""
    pending = page.pending
    if pending is None:
        return page
    if page.article is not None:
        _article_times(page.article, pending, reference, timezone)
    # List items repeat their strings ("3 ساعات ago" in several widgets): one reading each.
    readings: dict[tuple[str | None, str], TimeReading] = {}
    for item, key in zip(page.list_items, pending.items, strict=True):
        reading = readings.get(key)
        if reading is None:
            machine, text = key
            reading = (
                read_machine(machine, timezone, reference)
                if machine  # an exact machine-readable time beats the rounded visible one
                else read_time(text, reference, timezone)
            )
            readings[key] = reading
        item.published_at = iso(reading.value)
        item.earliest = iso(reading.earliest)
        item.latest = iso(reading.latest)
        item.reason = reading.reason
    page.pending = None
    return page


def _generic_page(
    html: str,
    url: str,
    reference: datetime,
    site: str,
    timezone: str,
    encoding: str | None,
) -> PageExtraction:
    from scraper.extract.generic import generic_article, parse_lxml

    sel = parse_lxml(html)
    head = meta.PageMeta.from_lxml(sel.root)
    page_url, canonical_from = meta.canonical_url(head, url)
    article = generic_article(sel, head, html, page_url, url, reference, site, timezone)
    if article is None:
        return PageExtraction(
            url=page_url, page_type="other", article=None, reason="generic: not an article page"
        )
    article.provenance["url"] = canonical_from
    if encoding:
        article.provenance["encoding"] = encoding
    return PageExtraction(url=page_url, page_type="article", article=article)


# --- Queries -------------------------------------------------------------------------


# A profile's CSS selector (parsel's dialect: ::text and ::attr() included), compiled once.
_css = compile_css


def _first(expression: str, scope: LexborNode) -> LexborNode | None:
    found = _css(expression)(scope)
    return found[0] if found else None


def _text(node: LexborNode | None) -> str:
    """Clean text of a node, its text nodes joined by a space ("" for no node)."""
    return clean_text(node.text(separator=" ")) if node is not None else ""


def _first_text(expression: str, scope: LexborNode) -> str:
    """Clean text of the first node matching `expression`, its text nodes joined by a
    space ("" when nothing matches)."""
    return _text(_first(expression, scope))


def _first_attribute(expression: str, name: str, scope: LexborNode) -> str | None:
    """The first `name` attribute among the nodes matching `expression`."""
    return next(
        (v for e in _css(expression)(scope) if (v := e.attributes.get(name)) is not None), None
    )


# --- Article fields -------------------------------------------------------------------


def _article(
    head: meta.PageMeta,
    document: LexborNode,
    root: LexborNode,
    profile: Profile,
    page_url: str,
    fetched_url: str,
    stamp: str,
    site: str,
    pending: PendingTimes,
) -> ArticleRecord:
    ld = meta.json_ld_article(head) or {}
    record = ArticleRecord(
        url=page_url,
        site=site,
        fetched_url=fetched_url,
        reference_time=stamp,
        profile=profile.tag,
        extractor=EXTRACTOR,
        post_id=meta.post_id(head),
    )
    found = record.provenance
    missing = record.missing

    headline = _first_text(profile.headline, root)
    if headline:
        found["headline"] = f"{profile.tag}:{profile.headline}"
    else:
        headline = clean_text(str(ld.get("headline") or "")) or meta.meta_content(head, "og:title")
        found["headline"] = "json-ld" if ld.get("headline") else "meta:og:title"
    record.headline = headline or None
    if not record.headline:
        found.pop("headline")
        missing["headline"] = f"no {profile.headline}, JSON-LD headline or og:title"

    container = _first(profile.body, root)
    paragraphs = _paragraphs(container, profile.body_skip_classes) if container is not None else []
    paragraphs, source = split_source_line(paragraphs)
    record.body = "\n\n".join(paragraphs) or None
    if record.body:
        found["body"] = f"{profile.tag}:{profile.body}"
    else:
        missing["body"] = (
            f"no text in {profile.body}" if container is not None else f"no {profile.body}"
        )
    if source:
        record.source, record.source_raw = list(source.names), source.raw
        found["source"] = "source-line"
    else:
        missing["source"] = "no source line at the end of the body"

    _categories(head, document, root, profile, ld, page_url, record)
    _raw_dates(head, root, profile, ld, pending)

    author = _first_text(profile.author, root)
    if not author:
        ld_author = meta.as_list(ld.get("author"))[:1]
        author = (
            clean_text(ld_author[0].get("name", ""))
            if ld_author and isinstance(ld_author[0], dict)
            else ""
        )
    record.author = author or None
    if not author:
        missing["author"] = "no author element or JSON-LD author"

    record.tags = _unique(
        clean_text(t) for tag in _css(profile.tags)(root) for t in _text_nodes(tag)
    )
    image = _first(profile.image, root)
    src = None
    if image is not None:
        attributes = image.attributes
        src = attributes.get("data-src") or attributes.get("src")
        if src and src.startswith("data:"):
            src = attributes.get("data-src")
    src = src or meta.meta_content(head, "og:image")
    record.image = meta.join_url(page_url, src) if src else None  # None if unparseable
    record.language, found["language"] = meta.language(head, (record.body or "")[:2000])
    return record


_CATEGORY_LINKS = "a[href*='/category/']"


def _categories(
    head: meta.PageMeta,
    document: LexborNode,
    root: LexborNode,
    profile: Profile,
    ld: dict,
    page_url: str,
    record: ArticleRecord,
) -> None:
    categories: list[dict] = []
    # Every category link the theme prints (Zox shows one; others list them all).
    for labelled in _css(profile.category_link)(root):
        name = _text(labelled)
        href = labelled.attributes.get("href")
        if name and all(c["name"] != name for c in categories):
            url = meta.join_url(page_url, href) if href else None  # None if unparseable
            categories.append({"name": name, "url": url})
            record.provenance["category"] = f"{record.profile}:{profile.category_link}"
    sections = meta.as_list(ld.get("articleSection")) or [
        meta.meta_content(head, "article:section")
    ]
    archive_urls: dict[str, str] | None = None
    for section in sections:
        name = clean_text(str(section or ""))
        if name and all(c["name"] != name for c in categories):
            if archive_urls is None:
                archive_urls = _archive_urls(document, page_url)
            categories.append({"name": name, "url": archive_urls.get(name)})
            record.provenance.setdefault("category", "json-ld:articleSection")
    record.categories = categories
    record.category = categories[0] if categories else None
    if not categories:
        record.missing["category"] = "no category label, JSON-LD articleSection or article:section"


def _archive_urls(document: LexborNode, page_url: str) -> dict[str, str]:
    """Category names -> archive URLs, from every category link on the page (menus
    included), so that JSON-LD's bare section names get their archive URL too. Only read
    when a section is not among the theme's own category links."""
    archive_urls: dict[str, str] = {}
    for link in _css(_CATEGORY_LINKS)(document):
        name = _text(link)
        href = link.attributes.get("href")
        # meta.join_url: None for an href urllib cannot parse (found by fuzzing).
        if name and name not in archive_urls and href and (url := meta.join_url(page_url, href)):
            archive_urls[name] = url
    return archive_urls


def _raw_dates(
    head: meta.PageMeta, root: LexborNode, profile: Profile, ld: dict, pending: PendingTimes
) -> None:
    """Every publication and modification time the page states, as raw strings."""
    found = pending.article
    if ld.get("datePublished"):
        found.append(("json-ld", "machine", str(ld["datePublished"])))
    published_meta = meta.meta_content(head, "article:published_time")
    if published_meta:
        found.append(("meta:article:published_time", "machine", published_meta))
    attr = _first_attribute(profile.published_attr, "datetime", root)
    if attr:
        found.append(("time[datetime]", "machine", attr))
    visible = _first_text(profile.published_text, root)
    if visible:
        found.append(("visible-date", "text", visible))
    # Themes that print one date element (a date or "N ago") leave published_relative empty:
    # the visible-date reading already understands both forms.
    relative = _first_text(profile.published_relative, root)
    if relative:
        found.append(("visible-relative", "relative", relative))
    modified_meta = _first_attribute(profile.modified_meta, "content", root)
    candidates = [
        ("json-ld", ld.get("dateModified")),
        ("meta:article:modified_time", meta.meta_content(head, "article:modified_time")),
        ("meta:og:updated_time", meta.meta_content(head, "og:updated_time")),
        ("itemprop:dateModified", modified_meta),
    ]
    pending.modified.extend((name, str(raw)) for name, raw in candidates if raw)


def _article_times(
    record: ArticleRecord, pending: PendingTimes, reference: datetime, timezone: str
) -> None:
    readers = {
        "machine": lambda raw: read_machine(raw, timezone, reference),
        "text": lambda raw: read_time(raw, reference, timezone),
        "relative": lambda raw: read_relative(raw, reference),
    }
    readings = [(name, readers[kind](raw)) for name, kind, raw in pending.article]
    result = reconcile(readings)
    if result.value is None:
        reasons = "; ".join(f"{name}: {r.reason}" for name, r in readings) or "no date on the page"
        record.missing["published_at"] = reasons
    else:
        record.published_at = iso(result.value)
        record.published_raw = result.raw
        record.precision = result.precision
        record.published_earliest = iso(result.earliest)
        record.published_latest = iso(result.latest)
        record.published_sources = list(result.sources)
        record.date_conflicts = [_jsonable(c) for c in result.conflicts]
        record.provenance["published_at"] = "+".join(result.sources)
    for name, raw in pending.modified:
        reading = read_machine(raw, timezone, reference)
        if reading.value is not None:
            record.modified_at = iso(reading.value)
            record.provenance["modified_at"] = name
            break


def _jsonable(conflict: dict) -> dict:
    return {k: iso(v) if isinstance(v, datetime) else v for k, v in conflict.items()}


# --- List items -----------------------------------------------------------------------


def _list_items(
    document: LexborNode,
    profile: Profile,
    page_url: str,
    stamp: str,
    site: str,
    pending: PendingTimes,
) -> list[ListItemSighting]:
    items: list[ListItemSighting] = []
    # An item belongs to the first widget (in the profile's order) with a container among
    # its ancestors. Items share ancestors: each node is tested once per page, and knows
    # the widgets of everything above it.
    tests = [(name, element_test(css)) for name, css in profile.widgets]
    above: dict[LexborNode, frozenset[str]] = {}

    def widgets_at(node: LexborNode | None) -> frozenset[str]:
        chain = []
        while node is not None and node not in above and node.tag != "-document":
            chain.append(node)
            node = node.parent
        names = above.get(node, frozenset()) if node is not None else frozenset()
        for link in reversed(chain):
            own = [name for name, test in tests if test(link)]
            names = above[link] = names.union(own) if own else names
        return names

    def widget_of(anchor: LexborNode) -> str:
        names = widgets_at(anchor.parent)
        return next((name for name, _ in tests if name in names), "list")

    for anchor in _css(profile.list_item)(document):
        link = _first(profile.list_item_link, anchor) if profile.list_item_link else anchor
        href = (link.attributes.get("href") or "").strip() if link is not None else ""
        if not href or href.startswith(_NOT_FOLLOWED):
            continue
        url = meta.join_url(page_url, href)
        if url is None:  # an href urllib cannot parse (found by fuzzing): not followable
            continue
        title = ""
        for candidate in profile.list_item_title:
            title = _text(_first(candidate, anchor))
            if title:
                break
        time_node = _first(profile.list_item_time, anchor)
        time_raw = time_node.text().strip() if time_node is not None else ""
        machine = (
            time_node.attributes.get(profile.list_item_time_attr)
            if profile.list_item_time_attr and time_node is not None
            else None
        )
        pending.items.append((machine or None, time_raw))
        category = _text(_first(profile.list_item_category, anchor))
        items.append(
            ListItemSighting(
                url=url,
                site=site,
                page_url=page_url,
                reference_time=stamp,
                widget=widget_of(anchor),
                title=title or None,
                category=category or None,
                time_raw=(time_raw or machine) or None,
            )
        )
    return items


# --- Body -----------------------------------------------------------------------------


def _paragraphs(container: LexborNode, skip_classes: tuple[str, ...]) -> list[str]:
    """Paragraph texts of a content container, in reading order, without non-text blocks.
    Text between blocks (text nodes of the container) is a paragraph of its own. Nested
    containers are walked with a stack, not recursion: pages nest thousands deep."""
    out: list[str] = []
    stack = [container.iter(include_text=True)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == "-text":
            text = clean_text(child.text_content)
            if text:
                out.append(text)
        elif tag[0] == "-" or tag in _NEVER_TEXT or _skipped(child, skip_classes):
            continue  # comments; scripts, ads and other non-text blocks
        elif tag in _TEXT_BLOCKS:
            if text := _element_text(child):
                out.append(text)
        elif tag in _LIST_BLOCKS:
            out.extend(t for li in child.css("li") if (t := _element_text(li)))
        elif tag in _CONTAINERS:
            stack.append(child.iter(include_text=True))
        elif text := _element_text(child):
            out.append(text)
    return out


def _skipped(node: LexborNode, skip_classes: tuple[str, ...]) -> bool:
    attributes = node.attributes
    classes = (attributes.get("class") or "") + " " + (attributes.get("id") or "")
    return any(fragment in classes for fragment in skip_classes)


def _text_nodes(node: LexborNode, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of every text node under `node`, in order, leaving out what is inside
    elements named in `skip`."""
    return [
        child.text_content
        for child in node.traverse(include_text=True)
        if child.is_text_node and not (skip and child.parent.tag in skip)
    ]


_CODE = frozenset(("script", "style"))


def _element_text(node: LexborNode) -> str:
    """Readable text of a block: scripts and styles inside it are not text."""
    if node.css_first("script, style") is None:
        return clean_text(node.text())
    return clean_text("".join(_text_nodes(node, _CODE)))


def _links(hrefs: list[str], base: str) -> list[str]:
    urls = []
    for href in hrefs:
        href = href.strip()
        # meta.join_url: None for an href urllib cannot parse (found by fuzzing): skipped.
        if href and not href.startswith(_NOT_FOLLOWED) and (url := meta.join_url(base, href)):
            urls.append(url.split("#", 1)[0])
    return _unique(urls)


def _unique(values) -> list:
    return list(dict.fromkeys(v for v in values if v))
