"""Page metadata every WordPress page may carry, whatever the theme: canonical link, og and
article meta tags, JSON-LD (Yoast's @graph or a lone object), the post id, the language."""

from __future__ import annotations

import json
import re
import weakref
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from scraper.text import arabic_share, clean_text

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle"}
_POST_ID_CLASS = re.compile(r"\bpostid-(\d+)\b")
_SHORTLINK_ID = re.compile(r"[?&]p=(\d+)\b")


# Compiled once; run on the lxml tree (a parsel call per query cost more than the query).
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href", smart_strings=False)
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)
_BODY_CLASS = etree.XPath("//body/@class", smart_strings=False)
_SHORTLINK = etree.XPath("//link[@rel='shortlink']/@href", smart_strings=False)
_LANG = etree.XPath("/html/@lang", smart_strings=False)


def _first_value(query: etree.XPath, sel: Selector) -> str | None:
    found = query(sel.root)
    return found[0] if found else None


# Per parsed page: meta key -> first non-empty content. One pass over the page's meta
# elements instead of a whole-document query per key (a profiled hot spot).
_META_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _meta_index(sel: Selector) -> dict[str, str]:
    index = _META_INDEX.get(sel.root)
    if index is None:
        index = {}
        for element in sel.root.iter("meta"):
            content = clean_text(element.get("content"))
            if not content:
                continue
            for attribute in ("property", "name"):
                key = element.get(attribute)
                if key and key not in index:
                    index[key] = content
        _META_INDEX[sel.root] = index
    return index


def meta_content(sel: Selector, key: str) -> str | None:
    """First non-empty content of <meta property=key> or <meta name=key>."""
    return _meta_index(sel).get(key)


def join_url(base: str, href: str) -> str | None:
    """urljoin, or None for an href (or base) urllib cannot parse. Found by fuzzing: a
    malformed bracketed host ("http://[bad") makes urljoin raise ValueError.

    Cached: a page repeats its links, and a site's pages share menus and widgets. An
    absolute link joins the same way against every base with the same scheme, so it is
    cached by scheme, not by page."""
    if href.startswith(("https://", "http://")):
        scheme = _scheme(base)
        return _join(scheme + "://base/", href) if scheme is not None else None
    return _join(base, href)


def clear_caches() -> None:
    """Forget cached URL joins (benchmarks measure passes that share nothing)."""
    _scheme.cache_clear()
    _join.cache_clear()


@lru_cache(maxsize=1024)
def _scheme(url: str) -> str | None:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str | None:
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def canonical_url(sel: Selector, url: str) -> tuple[str, str]:
    """The page's canonical URL and where it came from (an unparseable one is ignored)."""
    href = _first_value(_CANONICAL, sel)
    if href and href.strip() and (joined := join_url(url, href.strip())):
        return joined, "link[rel=canonical]"
    og_url = meta_content(sel, "og:url")
    if og_url and (joined := join_url(url, og_url)):
        return joined, "meta:og:url"
    return url, "response-url"


def json_ld_objects(sel: Selector) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph flattened. Broken JSON is skipped."""
    found: list[dict[str, Any]] = []
    for raw in _JSON_LD(sel.root):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            node = stack.pop(0)
            if not isinstance(node, dict):
                continue
            graph = node.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
            found.append(node)
    return found


def json_ld_article(sel: Selector) -> dict[str, Any] | None:
    for node in json_ld_objects(sel):
        types = node.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & ARTICLE_TYPES:
            return node
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def post_id(sel: Selector) -> int | None:
    classes = _first_value(_BODY_CLASS, sel) or ""
    match = _POST_ID_CLASS.search(classes)
    if not match:
        match = _SHORTLINK_ID.search(_first_value(_SHORTLINK, sel) or "")
    return int(match.group(1)) if match else None


def language(sel: Selector, sample_text: str) -> tuple[str | None, str]:
    """Primary language subtag. Arabic text wins over a wrong lang attribute (en-US themes)."""
    declared = (_first_value(_LANG, sel) or "").split("-")[0].lower() or None
    if sample_text and arabic_share(sample_text) >= 0.6:
        return "ar", "html@lang" if declared == "ar" else "text-script"
    return declared, "html@lang"
