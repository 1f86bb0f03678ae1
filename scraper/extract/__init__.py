"""Pure extraction: HTML, URL and reference time in; finished records out.

No Scrapy, no database, no clock: `extract_page(html, url, reference)` is the whole API, so
a fixture test is one call, and what it returns is what the store keeps. It runs in two
stages, each usable alone:

- `read_page`, the page stage: decode, parse once, read every field, and return them with
  every time still a raw string (`PageExtraction.pending`);
- `resolve_times`, the time layer (`scraper.time`): turn those strings into UTC times with
  windows, reconciling every candidate the page offered.

The modules, in the order a page meets them:
- `decode.py`: bytes to text, whatever charset the page declares (or not);
- `nesting.py`: a cheap scan that refuses markup nested too deep to parse in bounded time;
- `query.py`: lexbor parsing and compiled CSS selectors for the theme profiles;
- `profiles/`: where each theme keeps each field, as declarative selectors;
- `metadata.py`: the metadata chain both paths share (canonical URL, JSON-LD, meta tags,
  date candidates, post id, language);
- `theme.py`: the article of a page a profile recognizes; `body.py` its paragraphs;
  `source_line.py` its attribution line; `list_items.py` its list items and links
  (and, on any layout, list items found by their shape);
- `generic.py`: pages no profile recognizes (lxml and trafilatura);
- `finish.py`: clean texts, one spelling per URL, a reason for every missing field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from scraper.extract import metadata
from scraper.extract.body import MIN_MAIN_TEXT, SHORT_BODY_SHARE, largest_paragraph_block
from scraper.extract.decode import NotAPage, decode_html, unpack
from scraper.extract.finish import (
    explain_missing,
    finish_article,
    finish_sighting,
    iso,
    normalize_url,
)
from scraper.extract.list_items import (
    generic_links,
    generic_list_items,
    links,
    list_items,
    month_first,
    month_first_only,
    unique,
    unreadable_links,
)
from scraper.extract.nesting import (
    LEXBOR_SAFE_TAGS,
    NestedTooDeep,
    more_start_tags_than,
    too_deep,
    tree_too_deep,
)
from scraper.extract.page_type import MANY_DATED_LINKS, not_a_story, page_evidence
from scraper.extract.profiles import Profile, detect_profile, get_profile
from scraper.extract.profiles.site import SiteProfile
from scraper.extract.query import compile_css, first, parse_html
from scraper.extract.theme import (
    EXTRACTOR,
    MAYBE_MODIFIED,
    PRINTED_CHECK,
    PRINTED_WITNESS,
    themed_article,
)
from scraper.items import BODY_RESCUED, ArticleRecord, ListItemSighting
from scraper.time import (
    TimeReading,
    address_zone,
    cache_render_time,
    read_machine,
    read_relative,
    read_time,
    reconcile,
    writes_month_first,
)
from scraper.time.lexicon import WEEKDAYS, normalize
from scraper.time.reconciliation import (
    MACHINE_SOURCE_PREFIXES,
    with_printed_check,
    without_modification_as_publication,
)

# Markup fingerprints a page must match before a detected theme's profile reads it.
MIN_FINGERPRINTS = 2

__all__ = [
    "EXTRACTOR",
    "PageExtraction",
    "PendingTimes",
    "clear_caches",
    "decode_html",
    "extract_page",
    "iso",
    "normalize_url",
    "read_page",
    "resolve_times",
]


@dataclass
class PendingTimes:
    """The raw time strings the page stage found, for the time layer to resolve.

    `article`: (source name, reader, raw), reader being "machine", "text" or "relative";
    `modified`: (source name, raw) in priority order; `items`: per list item, its
    machine-readable time (or None) and its visible text."""

    article: list[tuple[str, str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    items: list[tuple[str | None, str]] = field(default_factory=list)
    # How the site rounds "3 hours": WordPress's to the nearest on a theme's page; on a
    # page of unknown software, rounded or cut down ("either", the wider window).
    rounding: str = "wordpress"
    # The theme's own publication element gave the time[datetime] candidate (its profile's
    # selector, not the generic path's guess among the page's time elements).
    theme_time: bool = False
    # An update time printed beside the headline, as printed (the generic path's): the
    # metadata's publication time equal to it is that update's.
    printed_update: str | None = None


@dataclass
class PageExtraction:
    url: str  # canonical URL of the page (the response URL when the page names none)
    page_type: str  # "article", "listing" or "other"
    article: ArticleRecord | None
    list_items: list[ListItemSighting] = field(default_factory=list)
    article_links: list[str] = field(default_factory=list)
    listing_links: list[str] = field(default_factory=list)
    reason: str | None = None  # why the page gave no article
    # Article and listing links that are no URL (a port out of range, a broken host),
    # dropped: the crawl counts them (`links/unreadable`).
    unreadable_links: int = 0
    # Not parsed at all (markup too deeply nested, `nesting.py`): a failure wherever the
    # page was linked from, `reason` says why.
    refused: bool = False
    # Raw times from `read_page`, still to resolve; None once `resolve_times` has run.
    pending: PendingTimes | None = field(default=None, repr=False, compare=False)


def clear_caches() -> None:
    """Forget every cache keyed by page data (URL joins, texts, time strings and times),
    for benchmarks that measure passes sharing nothing. Compiled selectors are kept."""
    from scraper import text
    from scraper import time as time_layer
    from scraper.extract import finish, source_line

    metadata.clear_caches()
    source_line.clear_caches()
    time_layer.clear_caches()
    text.clear_caches()
    finish.clear_caches()


def extract_page(
    html: str | bytes,
    url: str,
    reference: datetime,
    *,
    site: str = "",
    profile: Profile | SiteProfile | str | None = "zox",
    timezone: str = "unknown",
    content_type: str | None = None,
) -> PageExtraction:
    """Extract everything the crawler keeps from one page.

    `reference` is the moment the page was rendered or fetched (HTTP Date header, else fetch
    time); relative times resolve against it. `timezone` is the site's, for dates printed
    without an offset; "unknown" (the default) reads them as UTC with a window widened by
    every offset in use (UTC-12 to UTC+14), which the page's other times can narrow. `profile`: a registered profile's name, a `Profile`, a site's own
    (`SiteProfile`, see `SiteConfig.extraction_profile`), "auto" (or None) to detect the
    theme, or "generic".

    A page a page cache stamped earlier than `reference` was rendered then: its relative
    times count from the stamp, which becomes the records' reference time (the article's
    `provenance.reference_time` says so), unless the page says it was published after it.
    """
    page = read_page(html, url, reference, site=site, profile=profile, content_type=content_type)
    zone: str | tzinfo = timezone
    if timezone == "unknown":
        zone = address_zone(urlsplit(url).hostname or "")
    page = resolve_times(page, reference, zone)
    cached = cache_render_time(html, reference, zone)
    if cached is None:
        return page
    article = page.article
    if (
        article is not None
        and article.published_earliest is not None
        and article.precision != "window"  # a relative date counts from the reference
        and article.published_earliest > (iso(cached[0]) or "")
    ):
        # The page states it was published after the stamp: the stamp is not its render
        # time (a WordPress left on UTC read in the site's zone, a stale copy's comment).
        return page
    stamped = read_page(html, url, cached[0], site=site, profile=profile, content_type=content_type)
    stamped = resolve_times(stamped, cached[0], zone)
    if stamped.article is not None:
        stamped.article.provenance["reference_time"] = f"page cache stamp ({cached[1]})"
    return stamped


def read_page(
    html: str | bytes,
    url: str,
    reference: datetime,
    *,
    site: str = "",
    profile: Profile | SiteProfile | str | None = "zox",
    content_type: str | None = None,
) -> PageExtraction:
    """The page stage of `extract_page`: every field, finished, with times left as raw
    strings in `pending`. `reference` picks the layout version (the theme's and the site's)
    and stamps the records."""
    if reference.tzinfo is None:
        raise ValueError("reference must be timezone-aware")
    encoding = None
    if isinstance(html, bytes):
        try:
            html = unpack(html)
        except NotAPage as refused:
            return PageExtraction(url=url, page_type="other", article=None, reason=str(refused))
        html, encoding = decode_html(html, content_type)
    # Before lexbor: markup nested deep enough to stall it (a page of few start tags
    # cannot be). Before our lxml code and trafilatura read a page, `parse_readable`
    # measures the tree lxml built.
    refused = too_deep(html) if more_start_tags_than(html, LEXBOR_SAFE_TAGS) else None
    try:
        if refused is not None:
            raise NestedTooDeep(refused)
        page = _read_text(html, url, reference, site, profile, encoding)
    except NestedTooDeep as error:
        return PageExtraction(
            url=url, page_type="other", article=None, reason=str(error), refused=True
        )
    if page.article is not None and _cut_short(html):
        page.article.provenance["page_end"] = CUT_SHORT
    return page


# The last characters of a page where its end tags stand (after them: scripts, a cache
# plugin's comment, a few kilobytes at most).
_END_WINDOW = 65_536
_END_TAG = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
CUT_SHORT = (
    "the page ends before </body> and </html>: it may have been cut short, and the story's "
    "end (its last paragraphs, its source line) may be missing"
)


# A page that ends on an end tag was written to its end: a minifier drops the optional
# `</body></html>` and stops after `</footer>` or `</script>`.
_ENDS_ON_END_TAG = re.compile(r"</[A-Za-z][^<>]*>\s*\Z")


def _cut_short(html: str) -> bool:
    """Whether the page stops before its document's end tags, in the middle of its markup
    (a transfer cut short, a save that stopped): its text is read as far as it goes, and
    the record says so."""
    start = max(0, len(html) - _END_WINDOW)
    if html.rfind("</html", start) >= 0 or html.rfind("</body", start) >= 0:
        return False  # most pages: a search back from the end finds it at once
    if _ENDS_ON_END_TAG.search(html, max(0, len(html) - 256)):
        return False
    return _END_TAG.search(html, start) is None


def _read_text(
    html: str,
    url: str,
    reference: datetime,
    site: str,
    profile: Profile | SiteProfile | str | None,
    encoding: str | None,
) -> PageExtraction:
    """`read_page` on the decoded text of a page that passed the nesting check."""
    if profile == "generic":
        return _finished(_generic_page(html, url, reference, site, encoding))
    tree = parse_html(html)
    # "auto" (or None): the profile whose markup fingerprints the page matches; the generic
    # path when none does.
    detected_here = profile in (None, "auto")
    if detected_here:
        detected, score = detect_profile(tree)
        # One fingerprint alone (an id many themes use) does not make a theme's page.
        if detected is None or score < MIN_FINGERPRINTS:
            return _finished(_generic_page(html, url, reference, site, encoding))
        profile = detected.name
    if isinstance(profile, SiteProfile):
        profile = profile.at(reference)
    elif isinstance(profile, str):
        profile = get_profile(profile, reference)

    document = tree.root  # lexbor builds <html>, <head> and <body> for any text
    head = metadata.PageMeta.from_lexbor(tree)
    stamp = iso(reference) or ""
    pending = PendingTimes()
    page_url, canonical_from = metadata.canonical_url(head, url)
    items = list_items(document, profile, page_url, stamp, site, pending.items)
    if not items or len(_DATED_TEXT.findall(html)) - len(items) >= UNLISTED_DATES:
        items = _with_items_by_shape(items, html, page_url, reference, stamp, site, pending)
    article_hrefs = compile_css(profile.page_article_links)(document)
    listing_hrefs = compile_css(profile.page_listing_links)(document)
    article_links = unique(links(article_hrefs, url) + [item.url for item in items])
    listing_links = links(listing_hrefs, url)
    dropped = unreadable_links(article_hrefs + listing_hrefs, url)

    article = None
    reason = None
    root = first(profile.article_root, document)
    if root is not None and not_a_story(head, page_url):
        root = None  # the theme prints a Page in its single post's markup
    if root is not None:
        article = themed_article(head, document, root, profile, page_url, url, stamp, site, pending)
        container = first(profile.body, root)
        if container is None and not article.body and detected_here:
            # (A profile or a site file the caller names keeps its missing body: the
            # selector that matched nothing is theirs to see, `scraper check-site`'s.)
            _rescue_missing_body(article, html, url, reference, site, encoding)
        else:
            _rescue_short_body(article, html, container, page_url)
        _rescue_printed_date(article, html, reference, pending)
        article.provenance["url"] = canonical_from
        if encoding:
            article.provenance["encoding"] = encoding
        page_type = "article"
    else:
        evidence = page_evidence(head, page_url, dated_links=len(items))
        if evidence.is_article:
            # The page says it is an article where the profile finds none (another layout
            # of the theme, a sibling theme): the generic path reads it, the theme's list
            # items and links stay.
            generic = _generic_page(
                html, url, reference, site, encoding, precise=True, find_items=False
            )
            if generic.article is not None and generic.article.body:  # a body to rescue
                generic.article.provenance["page_type"] = (
                    f"{profile.tag} found no {profile.article_root}; " + evidence.describe()
                )
                generic.list_items, generic.article_links = items, article_links
                generic.listing_links = listing_links
                generic.unreadable_links = dropped
                generic.pending.items = pending.items
                generic.pending.rounding = pending.rounding  # a WordPress theme's page
                return _finished(generic)
        if evidence.neither:
            page_type = "other"
            reason = f"not an article page: {evidence.describe()}"
        else:
            page_type = "listing" if (items or listing_links) else "other"
            reason = f"not an article page: no {profile.article_root} ({evidence.describe()})"
    return _finished(
        PageExtraction(
            url=page_url,
            page_type=page_type,
            article=article,
            list_items=items,
            article_links=article_links,
            listing_links=listing_links,
            reason=reason,
            unreadable_links=dropped,
            pending=pending,
        )
    )


# A short text between tags that dates something: a time ago, a year, a clock. More of
# them than the theme's list items by `UNLISTED_DATES` (the story's own dates, the copyright
# line's year, its comments' and a ticker's clocks stay under it on most pages) and the page
# likely has a list the theme's selectors do not know: a child theme's or a plugin's.
# Counted on the text (a tenth of a theme's reading), as a second parse costs twice all of it.
_DATED_TEXT = re.compile(
    r">[^<>]{0,24}?(?:(?:منذ|قبل) ?(?:[0-9٠-٩]|ساع|دقيق|يوم|أسبوع|شهر|سن|ثاني)|\bago\b"
    r"|(?:19|20)\d\d|[١٢][٠-٩]{3}|[0-9٠-٩]{1,2}:[0-9٠-٩]{2})[^<>]{0,24}<"
)
UNLISTED_DATES = 8


def _with_items_by_shape(
    items: list[ListItemSighting],
    html: str,
    page_url: str,
    reference: datetime,
    stamp: str,
    site: str,
    pending: PendingTimes,
) -> list[ListItemSighting]:
    """The theme's list items, then those read by their shape, as on the generic path, that
    the theme did not find (a child theme's or a plugin's widgets). Not on a tree too deep
    for our lxml code."""
    from scraper.extract.generic import parse_lxml

    root = parse_lxml(html).root
    if tree_too_deep(root) is not None:
        return items
    raw_times: list[tuple[str | None, str]] = []
    shaped = generic_list_items(root, page_url, reference, stamp, site, raw_times)
    known = {item.url for item in items}
    for item, raw in zip(shaped, raw_times, strict=True):
        if item.url not in known:
            known.add(item.url)
            items.append(item)
            pending.items.append(raw)
    return items


# A theme body this long is a story: the page's other blocks are not measured (most pages).
STORY_CHARS = 1200


def _rescue_printed_date(
    article: ArticleRecord, html: str, reference: datetime, pending: PendingTimes
) -> None:
    """A page that states no time in its metadata and whose profile read none either (a
    version of the theme that prints its header outside the article's root, or its meta
    line under other classes) gets the date printed beside its headline, as the generic
    path finds it. Rare: it costs a second parse."""
    if pending.article or not article.headline:
        return
    from scraper.extract.generic import headline_date, parse_readable

    try:
        sel, _ = parse_readable(html)
    except NestedTooDeep:  # the page stays undated, as the theme read it
        return
    if printed := headline_date(sel, reference, article.headline):
        pending.article.append(("visible-date", "text", printed))


def _rescue_missing_body(
    article: ArticleRecord,
    html: str,
    url: str,
    reference: datetime,
    site: str,
    encoding: str | None,
) -> None:
    """A page of a theme detected by its markup whose body selector matches nothing (a
    child theme renaming the content's container, a redesign): the body, and a source line
    it holds, as the generic path reads the page; the provenance says so."""
    try:
        generic = _generic_page(
            html, url, reference, site, encoding, precise=True, find_items=False
        )
    except NestedTooDeep:
        return
    found = generic.article
    if found is None or not found.body:
        return
    held = article.provenance.get("body", "")
    article.body = found.body
    article.provenance["body"] = f"{BODY_RESCUED} ({held}): {found.provenance.get('body', '')}"
    article.missing.pop("body", None)
    if not article.source and found.source:
        article.source, article.source_raw = found.source, found.source_raw
        article.provenance["source"] = found.provenance.get("source", "source-line")


def _rescue_short_body(
    article: ArticleRecord, html: str, container: LexborNode | None, page_url: str
) -> None:
    """A profile's body that holds less than half of the largest block of paragraphs
    around its container (its parent's parent: the story's area, where a page builder
    puts a text block beside it) is read again by trafilatura favouring recall, taken when
    longer; its provenance says what was short. (A container the profile found nothing
    in is `_rescue_missing_body`'s.)"""
    found = len(article.body or "")
    if not found or found >= STORY_CHARS or container is None or container.parent is None:
        return
    area = container.parent
    if area.parent is not None and area.parent.tag not in ("body", "html"):
        area = area.parent
    if len(area.text()) < max(MIN_MAIN_TEXT, found / SHORT_BODY_SHARE):
        return  # all the area's text is too little for a block the body misses (most pages)
    main = largest_paragraph_block(area)
    if main < MIN_MAIN_TEXT or found >= SHORT_BODY_SHARE * main:
        return
    from scraper.extract.generic import recalled_body

    try:
        paragraphs = recalled_body(html, page_url, article.headline or "")
    except NestedTooDeep:  # the theme's body stays
        return
    body = "\n\n".join(paragraphs)
    if len(body) <= found:
        return
    held = article.provenance["body"]
    article.body = body
    article.provenance["body"] = (
        f"trafilatura:recall ({held} held {found} of the {main} characters of paragraphs around it)"
    )


def _generic_page(
    html: str,
    url: str,
    reference: datetime,
    site: str,
    encoding: str | None,
    precise: bool = False,
    find_items: bool = True,
) -> PageExtraction:
    """The page as the generic path reads it. `find_items`: look for list items by their
    shape (not when a theme profile has already found the page's items)."""
    from scraper.extract.generic import generic_article, parse_readable

    sel, content = parse_readable(html)
    head = metadata.PageMeta.from_lxml(sel.root)
    page_url, canonical_from = metadata.canonical_url(head, url)
    pending = PendingTimes(rounding="wordpress" if _made_by_wordpress(html) else "either")
    stamp = iso(reference) or ""
    beside: set[str] = set()
    items = (
        generic_list_items(sel.root, page_url, reference, stamp, site, pending.items, beside)
        if find_items
        else []
    )
    listed = sum(item.url not in beside for item in items)
    article, evidence = generic_article(
        sel, head, content, page_url, url, stamp, site, pending, precise, listed
    )
    article_links, listing_links = generic_links(sel.root, page_url, items)
    if article is None:
        if listed >= MANY_DATED_LINKS and not any(
            name.endswith(" dated links") for name, _ in evidence.listing
        ):
            # Not an article: many dated story links of its own (not a sidebar's, which a
            # contact page has too) tell a listing from other pages (a custom portal's
            # section, its latest news, with og:type website alone).
            evidence.listing.append((f"{listed} dated links", 2))
        kind = "listing" if evidence.is_listing else "other"
        reason = (
            f"generic: not an article page: what was seen {evidence.describe()} (an article "
            f"needs a weight of 2 and more than a listing's; here {evidence.article_weight} "
            f"against {evidence.listing_weight})"
        )
        return PageExtraction(
            url=page_url,
            page_type=kind,
            article=None,
            list_items=items,
            article_links=article_links,
            listing_links=listing_links,
            reason=reason,
            pending=pending,
        )
    article.provenance["url"] = canonical_from
    if encoding:
        article.provenance["encoding"] = encoding
    return PageExtraction(
        url=page_url,
        page_type="article",
        article=article,
        list_items=items,
        article_links=article_links,
        listing_links=listing_links,
        pending=pending,
    )


# What every WordPress page carries whatever its theme: its assets' folders, the REST API's
# link, the generator tag (which some sites remove).
_WORDPRESS_MARKS = ("/wp-content/", "/wp-includes/", "api.w.org", 'content="WordPress')


def _made_by_wordpress(html: str) -> bool:
    """Whether the page comes from WordPress, whose human_time_diff() rounds "3 hours"."""
    return any(mark in html for mark in _WORDPRESS_MARKS)


def _finished(page: PageExtraction) -> PageExtraction:
    """Texts cleaned and URLs in their one spelling, as the store keeps them. An item a
    widget lists twice (a tabber's tabs share articles) is one sighting: the first."""
    page.url = normalize_url(page.url) or page.url
    if page.article is not None:
        finish_article(page.article)
    raw_times = page.pending.items if page.pending is not None else [None] * len(page.list_items)
    kept: dict[tuple[str, str], tuple[ListItemSighting, tuple[str | None, str] | None]] = {}
    for item, raw in zip(page.list_items, raw_times, strict=True):
        finish_sighting(item)
        kept.setdefault((item.url, item.widget), (item, raw))
    if len(kept) < len(page.list_items):
        page.list_items = [item for item, _ in kept.values()]
        if page.pending is not None:
            page.pending.items = [raw for _, raw in kept.values()]
    return page


COARSER_THAN_A_DAY = frozenset(("month", "year"))


def resolve_times(
    page: PageExtraction, reference: datetime, timezone: str | tzinfo
) -> PageExtraction:
    """The time layer over a `read_page` result: article and list-item times to UTC with
    their windows, every unreadable one with its reason. Returns the same page."""
    pending = page.pending
    if pending is None:
        return page
    if page.article is not None:
        _article_times(page.article, pending, reference, timezone)
        explain_missing(page.article)
    # List items repeat their strings ("3 ساعات ago" in several widgets): one reading each.
    readings: dict[tuple[str | None, str], TimeReading] = {}
    # A page printing its lists' numeric dates month first says so where one reads no other way.
    # (A site in a US zone: the time layer reads them month first already.)
    months_first = not writes_month_first(timezone) and any(
        not machine and (month_first_only(text) or _later_day_first(text, reference, timezone))
        for machine, text in dict.fromkeys(pending.items)
    )
    for item, key in zip(page.list_items, pending.items, strict=True):
        reading = readings.get(key)
        if reading is None:
            machine, text = key
            if months_first and not machine:
                text = month_first(text)
            reading = (
                read_machine(machine, timezone, reference)
                if machine  # an exact machine-readable time beats the rounded visible one
                else read_time(text, reference, timezone, rounding=pending.rounding)
            )
            if reading.reason == "unrecognized" and machine and text and machine[:1] not in "Pp":
                # A malformed machine value ("2027-05-15T9:00:00+03:00"): the printed one
                # (a value refused as later than the fetch stays refused).
                # (Not a duration's, "PT1M03S": "01:03" printed is a video's length.)
                reading = read_time(text, reference, timezone, rounding=pending.rounding)
            elif machine and text and reading.value is not None and _STATED_UTC.search(machine):
                reading = _printed_day_over_utc(reading, machine, text, reference, timezone)
            readings[key] = reading
        if reading.value is not None and reading.precision in COARSER_THAN_A_DAY:
            # "ديسمبر 2026" (an agenda's badge, its day in another element): no day to file
            # the sighting under.
            item.reason = f"a {reading.precision} without its day: {reading.raw}"
            continue
        item.published_at = iso(reading.value)
        item.earliest = iso(reading.earliest)
        item.latest = iso(reading.latest)
        item.reason = reading.reason
    _without_schedules(page.list_items)
    page.pending = None
    return page


# A weekday and a clock with no date ("الأحد 21:00", "Monday 19:30", "الاثنين، 7:30 م"): the
# time layer's weekday words (normalized), then the clock.
_CLOCK_AFTER_DAY = re.compile(r"\W*(?P<day>\w+)\W+\d{1,2}[:.]\d{2}\b.{0,8}")


def _weekday_and_clock(text: str) -> bool:
    found = _CLOCK_AFTER_DAY.fullmatch(normalize(text))
    return bool(found) and found["day"] in WEEKDAYS


def _without_schedules(items: list[ListItemSighting]) -> None:
    """Entries printing only a weekday and a clock that are times to come (a round's
    fixtures: "الأحد 21:00", "الاثنين 19:30"), not the stories' publication: read as past
    weekdays they would date each a week early. An entry whose address states its day is
    checked against it (a timeline of past stories, oldest first, keeps its dates); in a
    widget of entries without one, the earliest first says a schedule (a list of stories
    prints its newest first)."""
    by_widget: dict[str, list[ListItemSighting]] = {}
    for item in items:
        if not (item.published_at and item.time_raw and _weekday_and_clock(item.time_raw)):
            continue
        if stated := metadata.url_date(item.url):
            read = date.fromisoformat(item.published_at[:10])
            if abs((date.fromisoformat(stated) - read).days) > 1:
                _as_time_to_come(item)
            continue
        by_widget.setdefault(item.widget, []).append(item)
    for entries in by_widget.values():
        times = [entry.published_at or "" for entry in entries]
        if len(entries) > 1 and times == sorted(times) and len(set(times)) > 1:
            for entry in entries:
                _as_time_to_come(entry)


def _as_time_to_come(item: ListItemSighting) -> None:
    item.reason = f"a weekday and clock of a time to come, no publication: {item.time_raw}"
    item.published_at = item.earliest = item.latest = None


# A machine value stating UTC ("2027-08-10T22:45:00+00:00", "...Z").
_STATED_UTC = re.compile(r"(?:\+00:?00|Z)$")


def _printed_day_over_utc(
    reading: TimeReading, machine: str, text: str, reference: datetime, timezone: str | tzinfo
) -> TimeReading:
    """The printed day where an item's datetime states UTC but writes the site's own clock
    ("2027-08-10T22:45:00+00:00" over "10 أغسطس 2027" in Kuwait, a day late read as UTC):
    the value falls outside the printed day, and its written date is that day."""
    printed = read_time(text, reference, timezone)
    if (
        printed.value is None
        or printed.precision != "day"
        or printed.earliest is None
        or printed.latest is None
        or printed.earliest <= reading.value <= printed.latest  # type: ignore[operator]
    ):
        return reading
    written = machine[:10]
    inside = printed.earliest.date().isoformat() <= written <= printed.latest.date().isoformat()
    return printed if inside else reading


def _later_day_first(text: str, reference: datetime, timezone: str | tzinfo) -> bool:
    """Whether a numeric date reads as later than the fetch day first ("06/07/2027" on 10
    June) and as a past day month first: a list printing month first (a US site's)."""
    if month_first(text) == text:
        return False  # no numeric date to swap
    if read_time(text, reference, timezone).reason != "future":
        return False
    return read_time(month_first(text), reference, timezone).value is not None


_AMERICAN_CLOCK = re.compile(r"\d{4},?\s+\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\b")


def _in_metadata_order(
    printed: TimeReading,
    readings: list[tuple[str, TimeReading]],
    reference: datetime,
    timezone: str | tzinfo,
) -> TimeReading:
    """The printed numeric date read month first where only that reading agrees with the
    metadata's time and a 12-hour clock with AM or PM follows it, the American habit: "9/2/2027
    11:35 AM" under a JSON-LD 2 September, on a site whose zone writes day first (an
    English edition of a Kurdish site). A bare "05/04/2027 10:30" stays day first: there
    the metadata is as likely the one swapped."""
    if not _AMERICAN_CLOCK.search(printed.raw or ""):
        return printed
    swapped = month_first(printed.raw or "")
    machine = [
        r
        for name, r in readings
        if name.startswith(MACHINE_SOURCE_PREFIXES) and r.earliest is not None and r.latest
    ]
    if printed.value is None or swapped == printed.raw or not machine:
        return printed

    def agrees(r: TimeReading) -> bool:
        return (
            r.earliest is not None
            and r.latest is not None
            and any(r.earliest <= m.latest and m.earliest <= r.latest for m in machine)  # type: ignore[operator]
        )

    if agrees(printed):
        return printed
    other = read_time(swapped, reference, timezone)
    return other if agrees(other) else printed


def _article_times(
    record: ArticleRecord, pending: PendingTimes, reference: datetime, timezone: str | tzinfo
) -> None:
    readers = {
        "machine": lambda raw: read_machine(raw, timezone, reference),
        "text": lambda raw: read_time(raw, reference, timezone, rounding=pending.rounding),
        "relative": lambda raw: read_relative(raw, reference),
    }
    readings, maybe_modified, checks = [], [], []
    for name, kind, raw in pending.article:
        if kind in (PRINTED_CHECK, PRINTED_WITNESS):
            checks.append((name, readers["text"](raw), kind == PRINTED_CHECK))
            continue
        if kind in MAYBE_MODIFIED:
            reading = readers["text"](raw)
            # JNews counts its "N ago" from publication but prints the modified date.
            if kind == "text-maybe-modified" or reading.kind != "relative":
                maybe_modified.append((f"{name}:may-be-modified", reading))
                continue
        else:
            reading = readers[kind](raw)
        readings.append((name, reading))
    if maybe_modified and not any(
        reading.value is not None and name.startswith(MACHINE_SOURCE_PREFIXES)
        for name, reading in readings
    ):
        # No metadata dates the page: the printed date is the publication's for a post never
        # edited, else later than it. It counts alone, or where it agrees with the rest (the
        # permalink's day); its source says it may be the modification.
        stated = reconcile(readings)
        readings += [
            (name, reading)
            for name, reading in maybe_modified
            if stated.value is None
            or (
                reading.value is not None
                and reading.earliest <= stated.latest  # type: ignore[operator]
                and stated.earliest <= reading.latest  # type: ignore[operator]
            )
        ]
    modified = [read_machine(raw, timezone, reference) for _, raw in pending.modified]
    if pending.printed_update:
        modified.append(readers["text"](pending.printed_update))
    overruled: list[tuple[str, TimeReading]] = []
    if pending.theme_time:
        readings, overruled = without_modification_as_publication(readings, modified)
    readings = [
        (
            name,
            _in_metadata_order(r, readings, reference, timezone) if name == "visible-date" else r,
        )
        for name, r in readings
    ]
    if checks:
        name, printed, doubtful = checks[0]
        printed = _in_metadata_order(printed, readings, reference, timezone)
        readings, more = with_printed_check(
            readings,
            (name, printed),
            modified,
            reference,
            doubtful=doubtful,
            # (Rounding "wordpress": a WordPress page.) WordPress offers fixed offsets
            # ("UTC+2"): it then prints and states one clock with that offset, the instant
            # right whatever the season. Elsewhere the same clock under the zone's other
            # season's offset is a stale offset.
            timezone=None if pending.rounding == "wordpress" else timezone,
        )
        overruled += more
    result = reconcile(readings)
    if result.value is None:
        reasons = "; ".join(f"{name}: {r.reason}" for name, r in readings) or (
            # An update stamp is no publication time (it may be much later): kept apart.
            "no publication date on the page, only its last update (modified_at)"
            if pending.modified
            else "no date on the page"
        )
        record.missing["published_at"] = reasons
    else:
        record.published_at = iso(result.value)
        record.published_raw = result.raw
        record.precision = result.precision
        record.published_earliest = iso(result.earliest)
        record.published_latest = iso(result.latest)
        record.published_sources = list(result.sources)
        conflicts = [
            *result.conflicts,
            *(
                {"source": name, "raw": r.raw, "earliest": r.earliest, "latest": r.latest}
                for name, r in overruled
            ),
        ]
        record.date_conflicts = [_jsonable(c) for c in conflicts]
        record.provenance["published_at"] = "+".join(result.sources)
    for name, raw in pending.modified:
        reading = read_machine(raw, timezone, reference)
        if reading.value is not None:
            record.modified_at = iso(reading.value)
            record.provenance["modified_at"] = name
            break


def _jsonable(conflict: dict) -> dict:
    return {k: iso(v) if isinstance(v, datetime) else v for k, v in conflict.items()}
