"""Budgets and trap detection: every run ends, however large or hostile the site.

A crawl follows what pages link to, so a site can make it endless: a sitemap index that
lists itself under fresh query strings, listings whose links change their query string on
every visit, pagination that never runs out, an API that claims a billion pages, a page
with 50,000 links. Scrapy bounds a run as a whole (`CLOSESPIDER_PAGECOUNT`,
`CLOSESPIDER_TIMEOUT`, `DEPTH_LIMIT`); the spider bounds what one page or listing may add
to it (`RunBudget`). Each budget has a default in `scraper/crawl/settings.py`, and a site
file may state its own in `[budgets]` (the keys of `SITE_KEYS`); `--set` overrides both.

A budget that refuses something counts it in the stats as `budget/KEY` (depth:
`budget/depth`, the links past `DEPTH_LIMIT` that the run requested no other way,
`DepthBudget`) and, but for depth, leaves a failure row of stage `budget` naming the page
and the budget; a run stopped by the page or time budget has Scrapy's finish reason
(`closespider_pagecount`, `closespider_timeout`). The monitor's `budgets` check fails on any
of them, so the run exits 4 (scraper.ops.monitor).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from scrapy import Request, signals
from scrapy.http import Response
from scrapy.spidermiddlewares.depth import DepthMiddleware

# A site file's [budgets] key -> the setting it overrides for that site's runs.
SITE_KEYS = {
    "pages": "CLOSESPIDER_PAGECOUNT",
    "seconds": "CLOSESPIDER_TIMEOUT",
    "depth": "DEPTH_LIMIT",
    "listing_pages": "SCRAPER_BUDGET_LISTING_PAGES",
    "links_per_page": "SCRAPER_BUDGET_LINKS_PER_PAGE",
    "query_variants": "SCRAPER_BUDGET_QUERY_VARIANTS",
    "sitemap_depth": "SCRAPER_BUDGET_SITEMAP_DEPTH",
    "repeated_pages": "SCRAPER_BUDGET_REPEATED_PAGES",
}

_PAGE_IN_PATH = re.compile(r"/page/(\d{1,18})/?$")
_PAGE_PARAMETERS = ("paged", "page")
# WordPress's plain permalinks name a post, page, archive or author in the query
# (`/?p=123`, `/?cat=4`): each is its own resource, not one more query string of `/`.
_RESOURCE_PARAMETERS = frozenset(
    {"p", "page_id", "attachment_id", "cat", "tag", "author", "m", "name", "category_name"}
)


def apply_site_budgets(settings: Any, budgets: Mapping[str, float]) -> None:
    """A site's own budgets over the project's defaults (an operator's `--set` stays above
    both: Scrapy's command-line priority is higher than the spider's)."""
    for key, value in budgets.items():
        settings.set(SITE_KEYS[key], value, priority="spider")


# Scrapy's other CloseSpider budgets, which a site file does not set: a run stopped by one
# names it with its value all the same.
_OTHER_CLOSESPIDER = (
    "CLOSESPIDER_ITEMCOUNT",
    "CLOSESPIDER_ERRORCOUNT",
    "CLOSESPIDER_TIMEOUT_NO_ITEM",
    "CLOSESPIDER_PAGECOUNT_NO_ITEM",
)


def budget_values(settings: Any) -> dict[str, float]:
    """Every budget of the run by its [budgets] key (Scrapy's others by setting name), as
    the monitor's verdict names them."""
    values = {key: settings.getfloat(name, 0) for key, name in SITE_KEYS.items()}
    return {**values, **{name: settings.getfloat(name, 0) for name in _OTHER_CLOSESPIDER}}


@dataclass(frozen=True)
class Limits:
    """What one page or listing may add to a run; 0 turns a limit off."""

    listing_pages: int
    links_per_page: int
    query_variants: int
    sitemap_depth: int
    repeated_pages: int

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The limits in `settings`, every budget checked (Scrapy's too): a count (seconds
        for the time budget), 0 or more; ValueError names the first that is not."""
        values: dict[str, float] = {}
        for key, name in SITE_KEYS.items():
            read = settings.getfloat if key == "seconds" else settings.getint
            try:
                values[key] = read(name, 0)
            except (TypeError, ValueError):
                values[key] = -1
            if not values[key] >= 0:
                got = settings.get(name)
                raise ValueError(f"{name} must be a count, 0 (no limit) or more (got {got!r})")
        return cls(**{key: int(values[key]) for key in cls.__dataclass_fields__})


def page_number(url: str) -> int | None:
    """The page number of a listing's page (`/page/N/`, `?paged=N`, `?page=N`), else None."""
    parts = urlsplit(url)
    found = _PAGE_IN_PATH.search(parts.path)
    if found:
        return int(found[1])
    for name, value in parse_qsl(parts.query):
        if name in _PAGE_PARAMETERS and value.isascii() and value.isdigit() and len(value) < 19:
            return int(value)
    return None


def listing_of(url: str) -> str:
    """The listing a page belongs to: its URL without the page number."""
    parts = urlsplit(url)
    path = _PAGE_IN_PATH.sub("/", parts.path)
    query = "&".join(
        f"{name}={value}" for name, value in parse_qsl(parts.query) if name not in _PAGE_PARAMETERS
    )
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def resource_of(url: str) -> str:
    """The path `url` is a variant of: without its query string, except the parameters
    that name a resource of their own (`?p=ID`, `?cat=ID`)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query)
    resource = "&".join(f"{n}={v}" for n, v in pairs if n in _RESOURCE_PARAMETERS)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, resource, ""))


def fingerprint(links: Iterable[str]) -> int:
    """One number for a set of links: two pages with the same number list the same links."""
    return hash(frozenset(links))


# Whether a request is refused, and the reason to record: only the first refusal of a kind
# at a place (a path, a listing, a sitemap) has one, so a trap leaves one failure row.
Refusal = tuple[bool, str | None]
ALLOWED: Refusal = (False, None)


class RunBudget:
    """What this run has asked of one site, page by page, to refuse what a trap adds.

    Each refusal is counted in the stats (`budget/KEY`); the spider turns a refusal's
    reason into a failure row."""

    def __init__(self, limits: Limits, crawler: Any) -> None:
        self.limits = limits
        # The crawler, whose stats exist only once the crawl starts (after the spider).
        self.crawler = crawler
        # Query strings requested per path: a trap varies the query of one path forever.
        # Bounded: at most `query_variants` per path, and a path is only here if requested.
        self.queries: dict[str, set[str]] = defaultdict(set)
        self.noted: set[tuple[str, str]] = set()

    def _refuse(self, key: str, place: str, reason: str, count: int = 1) -> str | None:
        self.crawler.stats.inc_value(f"budget/{key}", count)
        if (key, place) in self.noted:
            return None
        self.noted.add((key, place))
        return f"{reason} (budget {key} = {getattr(self.limits, key)})"

    def query_refusal(self, url: str) -> Refusal:
        """Whether `url` (as stored) is refused as one more query string of a path that has
        had `query_variants` already."""
        limit = self.limits.query_variants
        parts = urlsplit(url)
        if not limit or not parts.query:
            return ALLOWED
        path = resource_of(url)
        # Pages of one listing (?paged=N) are one query here: listing_pages bounds them.
        pairs = parse_qsl(urlsplit(listing_of(url)).query)
        query = "&".join(f"{n}={v}" for n, v in pairs if n not in _RESOURCE_PARAMETERS)
        seen = self.queries[path]
        if query in seen or len(seen) < limit:
            seen.add(query)
            return ALLOWED
        reason = f"query-string trap: {limit} query strings of {path} requested, no more"
        return True, self._refuse("query_variants", path, reason)

    def listing_refusal(self, url: str) -> Refusal:
        """Whether page `url` of a listing is refused, past `listing_pages`."""
        limit = self.limits.listing_pages
        number = page_number(url)
        if not limit or number is None or number <= limit:
            return ALLOWED
        listing = listing_of(url)
        reason = f"listing past {limit} pages: page {number} of {listing} not requested"
        return True, self._refuse("listing_pages", listing, reason)

    def repeats(self, previous: tuple[int, int] | None, links: list[str]) -> tuple[int, int]:
        """(fingerprint, repeats) of a listing page: how many pages in a row, this one
        included, listed nothing or exactly what the page before them listed."""
        mark = fingerprint(links)
        last_mark, last_repeats = previous or (None, 0)
        barren = not links or mark == last_mark
        return mark, (last_repeats + 1 if barren else 0)

    def repeat_refusal(self, url: str, repeats: int) -> Refusal:
        """Whether the pages after page `url`, the `repeats`-th barren one in a row, are
        refused."""
        limit = self.limits.repeated_pages
        if not limit or repeats < limit:
            return ALLOWED
        listing = listing_of(url)
        reason = (
            f"pagination trap: {repeats} pages of {listing} in a row listed nothing new "
            "(nothing, or what the page before listed); the next not requested"
        )
        # One row per path: a trap that varies the query repeats on every variant.
        return True, self._refuse("repeated_pages", resource_of(url), reason)

    def sitemap_refusal(self, sitemap_url: str, depth: int, count: int) -> Refusal:
        """Whether the `count` sitemaps a sitemap index lists, nested `depth` deep, are
        refused."""
        limit = self.limits.sitemap_depth
        if not limit or depth <= limit:
            return ALLOWED
        parts = urlsplit(sitemap_url)
        # One place for a sitemap however its query string varies (a trap's usually does).
        place = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        reason = f"sitemap recursion: sitemaps nested {depth} deep under {place} not requested"
        return True, self._refuse("sitemap_depth", place, reason, count)

    def capped_links(
        self, page_url: str, articles: list[str], listings: list[str]
    ) -> tuple[list[str], list[str], str | None]:
        """A page's article and listing links within `links_per_page` (articles first), and
        the reason when some were left out."""
        limit = self.limits.links_per_page
        total = len(articles) + len(listings)
        if not limit or total <= limit:
            return articles, listings, None
        self.crawler.stats.inc_value("budget/capped_pages")
        reason = self._refuse(
            "links_per_page",
            page_url,
            f"links capped: {total} links to follow on the page, the first {limit} followed",
            total - limit,
        )
        return articles[:limit], listings[: max(0, limit - len(articles))], reason


# How many refused links DepthBudget holds to take off the count should the run request them
# later (about 100 bytes each).
REFUSALS_HELD = 100_000


class DepthBudget(DepthMiddleware):
    """Scrapy's depth limit (`DEPTH_LIMIT`, in its place in SPIDER_MIDDLEWARES), whose
    refusals count as a reached budget (`budget/depth`) only for links the run requested
    no other way.

    Scrapy counts every link past the limit (`depth/request_ignored_count`, kept as it is),
    duplicates too. On a large site a chain of links to unseen stories ("next story", "more
    news") runs past depth 2,000 long before the sitemaps list the same pages, and the run
    was judged as having left pages out when it had missed none. A refused link the
    duplicate filter has already seen is not counted; one the run schedules later (from a
    sitemap, from a shallower page) is taken off the count."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused: set[bytes] = set()
        self._watching = False

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        processed = super().get_processed_request(request, response)
        if processed is None and response is not None:
            self._refuse(request)
        return processed

    def _refuse(self, request: Request) -> None:
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if fingerprint in self.refused or self._seen(request):
            return
        # Past REFUSALS_HELD (a trap's breadth at the limit), a refusal counts for good.
        if len(self.refused) < REFUSALS_HELD:
            self.refused.add(fingerprint)
        self.crawler.stats.inc_value("budget/depth")
        if not self._watching:  # only a run that refused something pays for the signal
            self.crawler.signals.connect(self._scheduled, signal=signals.request_scheduled)
            self._watching = True

    def _seen(self, request: Request) -> bool:
        """Whether the run's duplicate filter has seen the request (a scheduler or filter
        that cannot tell says no: the refusal counts until the request is scheduled)."""
        try:
            scheduler = self.crawler.engine.scheduler
        except (AttributeError, RuntimeError):  # no engine running (Scrapy raises RuntimeError)
            return False
        dupefilter = getattr(scheduler, "df", None)
        has_seen = getattr(dupefilter, "has_seen", None)
        return bool(has_seen and has_seen(request))

    def _scheduled(self, request: Request, spider: Any = None) -> None:
        if not self.refused:
            return
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if fingerprint in self.refused:
            self.refused.discard(fingerprint)
            self.crawler.stats.inc_value("budget/depth", -1)
