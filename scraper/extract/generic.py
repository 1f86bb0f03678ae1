"""The generic path for pages no profile recognizes: trafilatura finds the text, our own
metadata chain and time layer find the rest.

Times never come from trafilatura (its date guesses use the wall clock as a bound); they go
through `scraper.time` like every other time, and the metadata (headline, sections, dates,
author, image, tags) comes from the same chain the theme profiles fall back on
(`metadata.py`). Each field's provenance says where it came from, so a record made here
is never mistaken for a profile's.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

import lxml.html
import trafilatura
from lxml import etree
from parsel import Selector

from scraper.extract import metadata
from scraper.extract.page_type import PageEvidence, page_evidence
from scraper.extract.source_line import split_source_line
from scraper.items import ArticleRecord
from scraper.text import clean_text

if TYPE_CHECKING:
    from scraper.extract import PendingTimes

GENERIC = "generic@1"


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


def generic_article(
    sel: Selector,
    page: metadata.PageMeta,
    html: str,
    page_url: str,
    fetched_url: str,
    stamp: str,
    site: str,
    pending: PendingTimes,
    precise: bool = False,
) -> tuple[ArticleRecord | None, PageEvidence]:
    """An article record with its times left raw in `pending` (None when the evidence
    says the page is not an article), and that evidence. `precise`: trafilatura favours
    precision (a rescue of a page a theme profile could not read keeps less, never menus)."""
    # A page that clearly says it is a listing (WordPress archive classes, a listing URL,
    # no article signal) is not worth trafilatura's time.
    evidence = page_evidence(page, page_url)
    if not evidence.article and evidence.listing_weight >= 3:
        return None, evidence
    document = trafilatura.bare_extraction(
        html,
        url=page_url,
        include_comments=False,
        include_tables=False,
        favor_precision=precise,
    )
    text = (document.text if document is not None else "") or ""
    headline, headline_source = metadata.headline(page, page_url)
    if not headline:
        headline = clean_text(document.title if document is not None else "")
        headline_source = "trafilatura:title"
    names, section_source = metadata.sections(page)
    labels = {headline, *names}
    paragraphs = [p for p in map(clean_text, text.split("\n")) if p and p not in labels]
    evidence = page_evidence(page, page_url, text_chars=sum(map(len, paragraphs)))
    if not evidence.is_article:
        return None, evidence
    record = ArticleRecord(
        url=page_url,
        site=site,
        fetched_url=fetched_url,
        reference_time=stamp,
        profile=GENERIC,
        extractor="trafilatura+scraper.extract",
        post_id=metadata.post_id(page),
    )
    found, missing = record.provenance, record.missing
    found["page_type"] = evidence.describe()
    record.headline = headline or None
    if headline:
        found["headline"] = headline_source
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
        found["source"] = source.form
    else:
        missing["source"] = "no source line at the end of the body"

    linked, linked_source = metadata.linked_categories(page, page_url, headline)
    urls = {c["name"]: c["url"] for c in linked}
    record.categories = [{"name": name, "url": urls.get(name)} for name in names]
    if not record.categories:
        record.categories, section_source = linked, linked_source
    record.category = record.categories[0] if record.categories else None
    if record.category:
        found["category"] = section_source
    else:
        missing["category"] = (
            "no JSON-LD articleSection, article:section, category link or breadcrumb"
        )

    pending.article.extend(metadata.published_candidates(page))
    attr = sel.css("article time[datetime], time[datetime]").xpath("@datetime").get()
    if attr:
        pending.article.append(("time[datetime]", "machine", attr))
    visible = clean_text(" ".join(sel.css("article time::text, time::text").getall()[:1]))
    if visible:
        pending.article.append(("visible-date", "text", visible))
    if not pending.article and (day := metadata.url_date(page_url)):
        pending.article.append(("url", "machine", day))  # the permalink's day, the last word
    pending.modified.extend(metadata.modified_candidates(page))

    author = metadata.author(page, page_url) or clean_text(
        document.author if document is not None else ""
    )
    record.author = author or None
    if not author:
        missing["author"] = "no JSON-LD author, author meta or byline"
    record.image = metadata.image(page, page_url)
    record.tags = metadata.tags(page)
    record.language, found["language"] = metadata.language(page, (record.body or "")[:2000])
    return record, evidence
