"""The generic path for pages no profile recognizes: trafilatura finds the text, our own
metadata chain and time layer find the rest.

Times never come from trafilatura (its date guesses use the wall clock as a bound); they go
through `scraper.time` like every other time. Each field's provenance says where it came
from, so a record made here is never mistaken for a profile's.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime

import lxml.html
import trafilatura
from lxml import etree
from parsel import Selector

from scraper.extract import meta
from scraper.extract.source_line import split_source_line
from scraper.items import ArticleRecord
from scraper.text import clean_text
from scraper.time import TimeReading, read_machine, read_time, reconcile

GENERIC = "generic@1"
MIN_BODY_CHARS = 300
# WordPress body classes of listing pages (any theme).
LISTING_CLASSES = {"archive", "home", "blog", "search", "category", "tag", "author", "error404"}


# Characters lxml refuses in names and values (XML-incompatible): C0 controls but tab, LF
# and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ODD_CHARS = (*map(chr, (*range(9), 11, 12, *range(14, 32))), "\ufffe", "\uffff")
_PARSERS = threading.local()


def parse_lxml(text: str) -> Selector:
    """Parse a page for the generic path, as parsel would, with a parser reused per thread
    (building one per page, as `Selector(text=...)` does, cost a third of the parse)."""
    try:
        # Found by fuzzing: lxml keeps NUL and other control characters from a mis-decoded
        # page (UTF-16 read as UTF-8) in attribute names, then raises ValueError when they
        # are read; lone surrogates cannot be encoded at all. Replace them as an HTML parser
        # does (U+FFFD; form feed is white space). Testing with `in` is several times
        # faster than a regular expression over the page.
        odd = any(c in text for c in _ODD_CHARS)
        data = text.strip().encode("utf-8") if not odd else b""
    except UnicodeEncodeError:
        odd = True
    if odd:
        text = _NOT_XML_CHARS.sub(lambda m: " " if m.group() == "\f" else "\ufffd", text)
        data = text.strip().encode("utf-8")
    parser = getattr(_PARSERS, "html", None)
    if parser is None:
        parser = _PARSERS.html = lxml.html.HTMLParser(
            recover=True, encoding="utf-8", huge_tree=True
        )
    root = etree.fromstring(data or b"<html/>", parser=parser)
    if root is None:  # a document of comments only, say
        root = etree.fromstring(b"<html/>", parser=parser)
    return Selector(root=root, type="html")


def _iso(moment: datetime | None) -> str | None:
    from scraper.extract import iso

    return iso(moment)


def generic_article(
    sel: Selector,
    page: meta.PageMeta,
    html: str,
    page_url: str,
    fetched_url: str,
    reference: datetime,
    site: str,
    timezone: str,
) -> ArticleRecord | None:
    """An article record, or None when the page does not look like an article."""
    ld = meta.json_ld_article(page) or {}
    og_type = (meta.meta_content(page, "og:type") or "").lower()
    body_classes = set(page.body_class.split())
    # A page that says what it is: a listing (og:type website, WordPress archive classes).
    if not ld and (og_type not in ("", "article") or body_classes & LISTING_CLASSES):
        return None
    document = trafilatura.bare_extraction(
        html, url=page_url, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (document.text if document is not None else "") or ""
    headline = (
        clean_text(str(ld.get("headline") or ""))
        or meta.meta_content(page, "og:title")
        or clean_text(document.title if document is not None else "")
    )
    labels = {headline, *(clean_text(str(s)) for s in meta.as_list(ld.get("articleSection")))}
    paragraphs = [p for p in map(clean_text, text.split("\n")) if p and p not in labels]
    if not (ld or og_type == "article") and sum(map(len, paragraphs)) < MIN_BODY_CHARS:
        return None
    record = ArticleRecord(
        url=page_url,
        site=site,
        fetched_url=fetched_url,
        reference_time=_iso(reference) or "",
        profile=GENERIC,
        extractor="trafilatura+scraper.extract",
        post_id=meta.post_id(page),
    )
    found, missing = record.provenance, record.missing
    record.headline = headline or None
    if headline:
        found["headline"] = "json-ld" if ld.get("headline") else "meta:og:title"
    else:
        missing["headline"] = "no JSON-LD headline, og:title or title"
    paragraphs, source = split_source_line(paragraphs)
    record.body = "\n\n".join(paragraphs) or None
    if record.body:
        found["body"] = "trafilatura"
    else:
        missing["body"] = "trafilatura found no main text"
    if source:
        record.source, record.source_raw = list(source.names), source.raw
        found["source"] = "source-line"
    else:
        missing["source"] = "no source line at the end of the body"

    sections = meta.as_list(ld.get("articleSection")) or [
        meta.meta_content(page, "article:section")
    ]
    names = [clean_text(str(s or "")) for s in sections]
    record.categories = [{"name": n, "url": None} for n in dict.fromkeys(names) if n]
    record.category = record.categories[0] if record.categories else None
    if record.category:
        found["category"] = "json-ld:articleSection" if ld.get("articleSection") else "meta"
    else:
        missing["category"] = "no JSON-LD articleSection or article:section"

    readings: list[tuple[str, TimeReading]] = []
    if ld.get("datePublished"):
        readings.append(("json-ld", read_machine(str(ld["datePublished"]), timezone, reference)))
    published_meta = meta.meta_content(page, "article:published_time")
    if published_meta:
        readings.append(
            ("meta:article:published_time", read_machine(published_meta, timezone, reference))
        )
    attr = sel.css("article time[datetime], time[datetime]").xpath("@datetime").get()
    if attr:
        readings.append(("time[datetime]", read_machine(attr, timezone, reference)))
    visible = clean_text(" ".join(sel.css("article time::text, time::text").getall()[:1]))
    if visible:
        readings.append(("visible-date", read_time(visible, reference, timezone)))
    result = reconcile(readings)
    if result.value is None:
        missing["published_at"] = (
            "; ".join(f"{name}: {r.reason}" for name, r in readings) or "no date on the page"
        )
    else:
        record.published_at = _iso(result.value)
        record.published_raw = result.raw
        record.precision = result.precision
        record.published_earliest = _iso(result.earliest)
        record.published_latest = _iso(result.latest)
        record.published_sources = list(result.sources)
        record.date_conflicts = [
            {k: _iso(v) if isinstance(v, datetime) else v for k, v in c.items()}
            for c in result.conflicts
        ]
        found["published_at"] = "+".join(result.sources)

    authors = meta.as_list(ld.get("author"))
    author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
    author = clean_text(author or meta.meta_content(page, "author") or "") or clean_text(
        document.author if document is not None else ""
    )
    record.author = author or None
    if not author:
        missing["author"] = "no JSON-LD author, author meta or byline"
    image = meta.meta_content(page, "og:image")
    record.image = meta.join_url(page_url, image) if image else None  # None if unparseable
    record.tags = [
        clean_text(t) for t in sel.css("meta[property='article:tag']::attr(content)").getall()
    ]
    record.language, found["language"] = meta.language(page, (record.body or "")[:2000])
    return record
