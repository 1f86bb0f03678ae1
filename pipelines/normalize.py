"""Normalize items: clean text everywhere and one spelling per URL, so that the same article
reached through different links is stored once."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from w3lib.url import canonicalize_url

from scraper.items import ArticleRecord, FailureRecord, ListItemSighting, SightingBatch
from scraper.text import clean_text


def normalize_url(url: str | None) -> str | None:
    if not url:
        return url
    return _canonical(url)


@lru_cache(maxsize=8192)
def _canonical(url: str) -> str:
    # Cached: every page repeats its menus' and widgets' links, and all of a page's
    # sightings share its URL (canonicalizing was a tenth of a crawl's time). Bounded, so
    # memory stays flat however large the site: the hot links are a few hundred.
    return canonicalize_url(url.strip(), keep_fragments=False)


def normalize_item(item: Any) -> Any:
    """Clean an item in place and return it."""
    if isinstance(item, ArticleRecord):
        item.url = normalize_url(item.url)
        item.headline = clean_text(item.headline) or None
        if item.body:
            paragraphs = (clean_text(p) for p in item.body.split("\n\n"))
            item.body = "\n\n".join(p for p in paragraphs if p) or None
        item.source = [name for name in map(clean_text, item.source) if name]
        item.author = clean_text(item.author) or None
        item.tags = list(dict.fromkeys(t for t in map(clean_text, item.tags) if t))
        item.categories = [
            {"name": clean_text(c["name"]), "url": normalize_url(c.get("url"))}
            for c in item.categories
        ]
        item.category = item.categories[0] if item.categories else None
    elif isinstance(item, ListItemSighting):
        item.url = normalize_url(item.url)
        item.page_url = normalize_url(item.page_url)
        item.title = clean_text(item.title) or None
        item.category = clean_text(item.category) or None
    elif isinstance(item, SightingBatch):
        item.page_url = normalize_url(item.page_url) or item.page_url
        for sighting in item.sightings:
            normalize_item(sighting)
    elif isinstance(item, FailureRecord):
        item.reason = clean_text(item.reason)
    return item


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        return normalize_item(item)
