"""Finishing records: what extraction hands on is what the store keeps.

Every text field is cleaned, every URL spelled one way (so the same article reached
through different links is stored once), and every required field that is still empty
carries a reason. Pipelines validate, route and store; they never edit a record.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.extract.metadata import is_plain_url, joins_as_is
from scraper.items import ArticleRecord, ListItemSighting
from scraper.text import clean_text

# Fields every article should have; an empty one always carries a reason in `missing`.
REQUIRED_ARTICLE_FIELDS = ("headline", "body", "category", "published_at")


@lru_cache(maxsize=4096)  # list items repeat their times; strftime costs 3 µs
def iso(moment: datetime | None) -> str | None:
    """A time as the records store it: ISO 8601 in UTC, to the second."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tag_name(tag: str) -> str:
    """A tag as its name reads: a hashtag's "#" and the underscores that join its words
    dropped ("#الموسم_السياحي" is "الموسم السياحي", as the tag's own page names it)."""
    tag = clean_text(tag)
    if tag.startswith("#"):
        tag = clean_text(tag.lstrip("#").replace("_", " "))
    return tag


def normalize_url(url: str | None) -> str | None:
    """The one spelling of a URL the records use (w3lib's canonical form, no fragment);
    None for a URL that cannot be parsed (a port out of range or not a number, a broken
    bracketed host): such a link is dropped, never allowed to raise."""
    if not url:
        return url
    if "?" in url and _TRACKING_MARK.search(url):
        url = _without_tracking(url)
    return _canonical(url)


# Parameters that say how a reader reached a link, never which page it is: Jetpack's
# related posts' ("?relatedposts_hit=1&relatedposts_origin=48211"), campaigns' (utm_*),
# Facebook's and Google's click ids.
_TRACKING_MARK = re.compile(r"[?&](?:relatedposts_|utm_|fbclid=|gclid=)", re.IGNORECASE)
_TRACKING_PARAMETER = re.compile(r"(?:relatedposts_\w*|utm_\w+|fbclid|gclid)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _without_tracking(url: str) -> str:
    parts = urlsplit(url)
    kept = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING_PARAMETER.fullmatch(name)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept)))


@lru_cache(maxsize=8192)
def _canonical(url: str) -> str | None:
    # Cached: every page repeats its menus' and widgets' links, and all of a page's
    # sightings share its URL (canonicalizing was a tenth of a crawl's time). Bounded, so
    # memory stays flat however large the site: the hot links are a few hundred.
    # w3lib's canonical form leaves a plain URL without dot segments as it is; most links
    # of a page are spelled so, and canonicalizing each new one cost more than reading its
    # item (checked here, behind the cache: a link seen before costs a lookup).
    if "/." not in url:
        if is_plain_url(url):
            return url
        # A plain link but for escapes in lower case (an Arabic WordPress permalink):
        # w3lib's canonical form upper-cases them, the one change it makes.
        if "%" in url and joins_as_is(url) and is_plain_url(upper := _upper_escapes(url)):
            return upper
    # Imported here: most pages have no other link, and w3lib.url brings urllib.request,
    # http.client and email, a tenth of `scraper extract`'s start.
    from w3lib.url import canonicalize_url

    try:
        return canonicalize_url(url.strip(), keep_fragments=False)
    except ValueError:
        return None


def _upper_escapes(url: str) -> str:
    """`url` with the two hex digits after each "%" in upper case."""
    head, *escaped = url.split("%")
    return "%".join([head, *[part[:2].upper() + part[2:] for part in escaped]])


def finish_article(record: ArticleRecord) -> ArticleRecord:
    """Clean an article's texts and URLs in place; return it."""
    record.url = normalize_url(record.url) or record.url
    record.headline = clean_text(record.headline) or None
    if record.body:
        paragraphs = (clean_text(p) for p in record.body.split("\n\n"))
        record.body = "\n\n".join(p for p in paragraphs if p) or None
    record.source = [name for name in map(clean_text, record.source) if name]
    record.author = clean_text(record.author) or None
    record.tags = list(dict.fromkeys(t for t in map(_tag_name, record.tags) if t))
    record.categories = [
        {"name": clean_text(c["name"]), "url": normalize_url(c.get("url"))}
        for c in record.categories
    ]
    record.category = record.categories[0] if record.categories else None
    return record


def explain_missing(record: ArticleRecord) -> ArticleRecord:
    """Give every required field that ended up empty a reason (once times are resolved)."""
    for name in REQUIRED_ARTICLE_FIELDS:
        if not getattr(record, name):
            record.missing.setdefault(name, "empty after extraction")
    return record


def finish_sighting(sighting: ListItemSighting) -> ListItemSighting:
    """Clean a list item's texts and URLs in place; return it."""
    sighting.url = normalize_url(sighting.url) or sighting.url
    sighting.page_url = normalize_url(sighting.page_url) or sighting.page_url
    sighting.title = clean_text(sighting.title) or None
    sighting.category = clean_text(sighting.category) or None
    return sighting


def clear_caches() -> None:
    iso.cache_clear()
    _canonical.cache_clear()
