"""The crawler of WordPress news sites: discovers and fetches, nothing else.

It starts from the site's home page(s) and sitemaps, follows category archives with their
pagination and every listed article, and hands each response to pure extraction. Which
links matter is the profile's business; which hosts and how politely is the site's.

    scrapy crawl news -a site=zox-demo        # the bundled site, replayed on 127.0.0.1:8765
    scrapy crawl news -a site=zox-demo -a base_url=http://127.0.0.1:PORT   # replayed there
    scrapy crawl news -a site=path/to/my-site.toml
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from scraper.crawl.archive import Archived
from scraper.crawl.budgets import Limits, RunBudget, apply_site_budgets, page_number
from scraper.crawl.distributed import shared_politeness
from scraper.crawl.failures import exception_record, failure_record, stage_of
from scraper.crawl.replay import replay_handlers
from scraper.crawl.seen import RecentKeys
from scraper.crawl.sitemaps import SitemapQueue
from scraper.crawl.workers import ExtractionPool, extraction_processes
from scraper.discover import api_posts, feed_items, read_sitemap
from scraper.extract import iso, normalize_url
from scraper.extract.list_items import unique
from scraper.extract.metadata import join_url
from scraper.items import ArchiveRef, FailureRecord, FetchRecord, PageRecords, SightingBatch
from scraper.ops.monitor import STATE_DB_FAILED
from scraper.sites import SiteConfig, load_site
from scraper.store.queries import CrawlState, StateDatabaseError, crawl_state
from scraper.time import http_date

# A Date header further ahead of the fetch clock than this, or older than the web, is no
# render time (a replay's recorded Dates are in the past, and stay believed).
DATE_HEADER_AHEAD = timedelta(days=1)
EARLIEST_DATE_HEADER = datetime(1991, 1, 1, tzinfo=UTC)
# A shared cache (a CDN, Varnish) serving a stored page says for how long in `Age`; one
# older than this is not believed.
MAX_AGE_HEADER = timedelta(days=30)
# How many of the links it requested the spider remembers (20,000 to 40,000: a page's menus
# and widgets repeat within a few pages; at most about 10 MiB of URLs).
REMEMBERED_LINKS = 20_000
# What Scrapy's robots.txt middleware raises for a URL the site's robots.txt disallows.
ROBOTS_REFUSAL = "Forbidden by robots.txt"


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        site: str | SiteConfig = "zox-demo",
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        config = site if isinstance(site, SiteConfig) else load_site(site)
        if base_url:
            # Where a replay of the site is served for this run; the URLs stay the site's.
            config = replace(config, replay=base_url)
        self.site_config = config
        # The theme's name, or the theme with the site's own selectors and layouts over it.
        self.extraction_profile = config.extraction_profile()
        self.allowed_domains = list(config.allowed_domains)
        self.state = CrawlState()
        self.skipped: set[str] = set()
        # Links already requested in this run, as stored: a page repeats its menus and
        # widgets, and building a Request only for the duplicate filter to drop it cost
        # more than reading the page. The most recent ones only (a long crawl's memory stays
        # flat); a forgotten link's request is dropped by the duplicate filter.
        self.requested = RecentKeys(REMEMBERED_LINKS)
        self.api_requested = False
        self.extraction = ExtractionPool(0)
        # What one page or listing may add to the run (set from the settings once the spider
        # has its crawler; none before); `budget_notes`: why it refused, (URL, reason), for
        # the failure rows the next callback yields.
        self.budget = RunBudget(Limits(0, 0, 0, 0, 0), None)
        self.budget_notes: list[tuple[str, str]] = []
        # DEPTH_LIMIT (0: none): the links of a page at that depth go past it.
        self.depth_limit = 0
        # The sitemaps that indexes list, held back until the crawl runs dry (set once the
        # spider has its crawler; a worker of a distributed run requests them at once, into
        # the run's shared queue).
        self.sitemap_queue: SitemapQueue | None = None
        super().__init__(**kwargs)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Per-site politeness: a download slot per allowed domain. Settings are still
        # mutable here (they freeze after the spider is created).
        polite = spider.site_config.politeness
        # A worker of a distributed run (SCRAPER_REDIS_URL) takes its share of the site's
        # politeness and the run's shared scheduler (scraper.crawl.redis_run).
        distributed = bool(crawler.settings.get("SCRAPER_REDIS_URL"))
        workers = max(1, crawler.settings.getint("SCRAPER_REDIS_WORKERS", 1)) if distributed else 1
        concurrency, delay = shared_politeness(polite.concurrency, polite.download_delay, workers)
        if distributed:
            settings = crawler.settings
            settings.set("SCHEDULER", "scraper.crawl.redis_run.RunScheduler", priority="spider")
            target = settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") / workers
            settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", target, priority="spider")
            # Also the worker's whole concurrency (it crawls this one site): Scrapy 2.19 does
            # not hold a slot to its concurrency when its delay is 0 (it starts every queued
            # request at once), and the site must not see N times CONCURRENT_REQUESTS.
            settings.set("CONCURRENT_REQUESTS", concurrency, priority="spider")
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        for domain in spider.allowed_domains:
            slots.setdefault(domain, {"concurrency": concurrency, "delay": delay})
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        crawler.settings.set("AUTOTHROTTLE_ENABLED", polite.autothrottle, priority="spider")
        handlers = replay_handlers(spider.site_config)
        if handlers:
            merged = {**crawler.settings.getdict("DOWNLOAD_HANDLERS"), **handlers}
            crawler.settings.set("DOWNLOAD_HANDLERS", merged, priority="spider")
        # Shared with the other sites this process crawls: one pool, not one per site.
        spider.extraction = ExtractionPool.shared(
            extraction_processes(crawler.settings.get("SCRAPER_EXTRACT_PROCESSES", "auto")),
            timeout=crawler.settings.getfloat("SCRAPER_EXTRACT_TIMEOUT", 120.0),
            start_after=crawler.settings.getint("SCRAPER_EXTRACT_POOL_AFTER", 100),
        )
        # The site's own budgets over the defaults, before Scrapy's CloseSpider extension and
        # DepthMiddleware read theirs.
        apply_site_budgets(crawler.settings, spider.site_config.budgets)
        spider.budget = RunBudget(Limits.from_settings(crawler.settings), crawler)
        spider.depth_limit = crawler.settings.getint("DEPTH_LIMIT")
        if not distributed:
            spider.sitemap_queue = SitemapQueue(crawler, spider._sitemap_request)
        return spider

    def closed(self, reason: str) -> None:
        self.extraction.release()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # The database is the source of truth for what earlier runs (finished or killed)
        # already stored; read it off the reactor thread.
        settings = self.crawler.settings
        recent_since = datetime.now(UTC) - timedelta(days=settings.getfloat("SCRAPER_RECENT_DAYS"))
        # A central database (SCRAPER_STATE_DB) adds what other hosts stored, so this host
        # can take the site over; a bad one ends the run before it fetches everything again.
        state_db = settings.get("SCRAPER_STATE_DB") or None
        try:
            self.state = await asyncio.to_thread(
                crawl_state,
                settings.get("SCRAPER_DB_PATH"),
                self.site_config.name,
                iso(recent_since) or "",
                state_db,
            )
        except StateDatabaseError as exc:
            self.logger.error("SCRAPER_STATE_DB: %s; the crawl ends (%s)", exc, STATE_DB_FAILED)
            raise CloseSpider(STATE_DB_FAILED) from exc
        self.crawler.stats.set_value("incremental/known_articles", len(self.state.known))
        self.crawler.stats.set_value("extraction/processes", self.extraction.processes)
        for url in self.site_config.start_urls:
            yield self._page_request(url, listing=True)
        for url in self.site_config.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
        if not self.site_config.sitemaps and settings.getbool("SCRAPER_ROBOTS_SITEMAPS", True):
            # A site file that names no sitemap: those its robots.txt names ("Sitemap:").
            for root in unique(_site_root(url) for url in self.site_config.start_urls):
                yield scrapy.Request(
                    f"{root}/robots.txt",
                    callback=self.parse_robots_sitemaps,
                    # An answer of any status is read here (no robots.txt is no failure).
                    meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True},
                    dont_filter=True,
                )
        for url in self.site_config.feeds:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)

    def _page_request(self, url: str, listing: bool = False) -> scrapy.Request:
        """`listing`: the link promises a listing (home, archive), so an empty page is a
        failure."""
        return scrapy.Request(
            url, callback=self.parse, errback=self.failed, meta={"expect_listing": listing}
        )

    def reference_time(self, response: Response) -> datetime:
        """When the page was rendered: its Date header less the `Age` a shared cache states
        (it served a copy rendered that long before), else now (the spider may read the
        clock; extraction below it never does). A Date that cannot be the render time (ahead
        of the fetch clock by more than a day, or before the web) is not believed: the fetch
        time is used, counted (`reference/implausible_date`) and logged, since the reference
        bounds every time read from the page and stored times only ever widen."""
        archived = _archived(response)
        if archived is not None:
            return archived.reference  # read once, when the response was archived
        now = datetime.now(UTC)
        stated = http_date(response.headers.get("Date"))
        if stated is None:
            return now
        if stated > now + DATE_HEADER_AHEAD or stated < EARLIEST_DATE_HEADER:
            if self.crawler is not None:
                self.crawler.stats.inc_value("reference/implausible_date")
            self.logger.warning(
                "%s: Date header %s is implausible; the fetch time is the reference",
                response.url,
                stated.isoformat(),
            )
            return now
        return stated - _cache_age(response)

    def parse_robots_sitemaps(self, response: Response) -> Iterator[Any]:
        """The sitemaps a robots.txt names, for a site whose file names none."""
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            self.crawler.stats.inc_value("sitemaps/from_robots_txt")
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        try:
            yield from self._read_sitemap(response)
        finally:
            # Its article requests are queued (or it failed): the next sitemap may go.
            if self.sitemap_queue is not None:
                self.sitemap_queue.done(response.request)

    def _read_sitemap(self, response: Response) -> Iterator[Any]:
        reference = self.reference_time(response)
        try:
            sitemap = read_sitemap(
                response.body,
                response.url,
                reference,
                site=self.site_config.name,
                timezone=self.site_config.timezone,
            )
        except Exception as exc:  # lxml raises several types on broken XML
            reason = f"unreadable sitemap: {exc}"
            yield self._failure(response.url, "extract", reason, reference)
            return
        if sitemap.kind == "sitemapindex":
            # An index that lists indexes (or itself, under fresh query strings) nests
            # without end: sitemaps deeper than the budget are not requested.
            depth = response.meta.get("sitemap_depth", 0) + 1
            refused, note = self.budget.sitemap_refusal(response.url, depth, len(sitemap.locations))
            self._note(response.url, note)
            for loc in () if refused else sitemap.locations:
                if not self._first_request(self.stored_url(loc)):
                    continue
                if self.sitemap_queue is None:
                    yield self._sitemap_request(loc, depth)
                else:
                    self.sitemap_queue.add(loc, depth, response.url, response.meta.get("depth", 0))
            yield from self._budget_failures(reference)
            return
        if sitemap.bounds:
            yield SightingBatch(self.stored_url(response.url), sitemap.bounds, _archive(response))
        for loc in sitemap.locations:
            # Post sitemaps (Yoast's post-sitemap, core's wp-sitemap-posts-post) list articles.
            request = self._article_request(loc, expected="post" in urlsplit(response.url).path)
            if request is not None:
                yield request
        yield from self._budget_failures(reference)

    def _sitemap_request(
        self, url: str, depth: int, index_url: str | None = None, index_depth: int = 0
    ) -> scrapy.Request:
        """A request for a sitemap nested `depth` deep. Given `index_url` (a released
        sitemap, sent past the spider middlewares), it carries what they would have set
        when it came from that index's callback: its link depth and the index as referer."""
        meta: dict[str, Any] = {"sitemap_depth": depth}
        headers = {}
        if index_url is not None:
            meta["depth"] = index_depth + 1
            headers["Referer"] = index_url
        return scrapy.Request(
            url, callback=self.parse_sitemap, errback=self.failed, meta=meta, headers=headers
        )

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """RSS items are sightings too, with the exact time the feed states."""
        reference = self.reference_time(response)
        try:
            items = feed_items(
                response.body,
                response.url,
                reference,
                site=self.site_config.name,
                timezone=self.site_config.timezone,
            )
        except Exception as exc:
            reason = f"unreadable feed: {exc}"
            yield self._failure(response.url, "extract", reason, reference)
            return
        yield from self._sightings_and_requests(response, items)
        yield from self._budget_failures(reference)

    def _sightings_and_requests(self, response: Response, items: list) -> Iterator[Any]:
        """A feed's or the API's items as sightings, then a request per new article (to the
        URL the sighting records: records arrive finished, and nothing edits them after)."""
        if items:
            yield SightingBatch(self.stored_url(response.url), items, _archive(response))
        for item in items:
            request = self._article_request(item.url)
            if request is not None:
                yield request

    def parse_api(self, response: Response, page: int = 1) -> Iterator[Any]:
        """WordPress REST API posts: discovery, and exact UTC times to confirm the pages'."""
        reference = self.reference_time(response)
        try:
            items = api_posts(response.body, response.url, reference, site=self.site_config.name)
        except ValueError as exc:
            yield self._failure(response.url, "extract", f"unreadable API answer: {exc}", reference)
            return
        yield from self._sightings_and_requests(response, items)
        stated = response.headers.get("X-WP-TotalPages", b"1").decode("latin-1").strip()
        if not re.fullmatch(r"[0-9]{1,9}", stated or "1"):
            reason = f"X-WP-TotalPages is not a page count: {stated[:40]!r}"
            yield self._failure(response.url, "extract", reason, reference)
            return
        total = int(stated or 1)
        if page < total:
            next_url = re.sub(r"([?&]page=)\d+", rf"\g<1>{page + 1}", response.url)
            # An API that claims more pages than it has (a billion), or answers every page
            # number with the same posts, is read no further than the budgets allow.
            mark, repeats = self.budget.repeats(
                response.meta.get("listing_repeats"), [item.url for item in items]
            )
            refused, note = self.budget.listing_refusal(next_url)
            if not refused:
                refused, note = self.budget.repeat_refusal(response.url, repeats)
            self._note(response.url, note)
            if not refused:
                yield scrapy.Request(
                    next_url,
                    callback=self.parse_api,
                    errback=self.failed,
                    cb_kwargs={"page": page + 1},
                    meta={"listing_repeats": (mark, repeats)},
                )
        yield from self._budget_failures(reference)

    def _api_request(self, response: Response) -> scrapy.Request | None:
        """The REST API's posts, when the site advertises the API (Link: rel=api.w.org)."""
        link = response.headers.get("Link", b"").decode("latin-1")
        match = re.search(r'<([^>]+)>;\s*rel="https://api\.w\.org/"', link)
        if not match or self.api_requested:
            return None
        self.api_requested = True
        root = match.group(1)
        if not root.endswith("/"):
            root += "/"
        url = join_url(response.url, root + "wp/v2/posts?per_page=100&page=1")
        if url is None:  # an API address that is no URL: the pages are still crawled
            self.crawler.stats.inc_value("links/unreadable")
            return None
        return scrapy.Request(url, callback=self.parse_api, errback=self.failed)

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        reference = self.reference_time(response)
        api = self._api_request(response)
        if api is not None:
            yield api
        if response.status == 304:
            self.crawler.stats.inc_value("incremental/not_modified")
            yield self._fetch_record(response, 304, reference)
            return
        if not isinstance(response, TextResponse):
            yield self._failure(response.url, "extract", "not a text response", reference)
            return
        try:
            page, pooled = await self.extraction.extract_where(
                response.body,
                response.url,
                reference,
                site=self.site_config.name,
                profile=self.extraction_profile,
                timezone=self.site_config.timezone,
                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            )
        except Exception as exc:  # a page must never stop the crawl
            self.logger.exception("extraction failed on %s", response.url)
            yield self._failure(response.url, "extract", f"{type(exc).__name__}: {exc}", reference)
            return
        self.crawler.stats.inc_value(f"pages/{page.page_type}")
        if self.extraction.processes:
            # In a worker, or in this thread while the pool's first worker was starting.
            self.crawler.stats.inc_value("extraction/pooled" if pooled else "extraction/inline")
        if page.unreadable_links:
            self.crawler.stats.inc_value("links/unreadable", page.unreadable_links)
        # The page's fetch state, list items and article as one item, stored in one
        # transaction: a page that did not commit whole is fetched again by the next run.
        yield PageRecords(
            url=self.stored_url(response.url),
            fetch=self._fetch_record(response, 200, reference),
            sightings=SightingBatch(page.url, page.list_items) if page.list_items else None,
            article=page.article,
        )
        # A page without an article fails when it was not parsed (a markup bomb), whatever
        # the link promised, or when it was linked as an article or listing and is neither.
        if page.article is None:
            expect_listing = response.meta.get("expect_listing")
            if page.refused:
                yield self._failure(response.url, "extract", page.reason or "refused", reference)
            elif response.meta.get("expect_article"):
                reason = _why_not_an_article(response, page)
                yield self._failure(response.url, "extract", reason, reference)
            elif expect_listing and not (page.list_items or page.article_links):
                reason = _why_not_an_article(response, page).replace("an article", "a listing")
                yield self._failure(response.url, "extract", reason, reference)
        # A page with tens of thousands of links would flood the run: past the budget, the
        # rest is left (counted, and the page named in a failure row).
        article_links, listing_links, note = self.budget.capped_links(
            response.url, page.article_links, page.listing_links
        )
        self._note(response.url, note)
        # A listing page that lists nothing, or just what the page before it listed, is a
        # step of pagination that never ends once it happens several times in a row.
        repetition = self.budget.repeats(response.meta.get("listing_repeats"), page.article_links)
        # Links past the depth limit are dropped on their way out (DepthBudget): the run
        # must not count them requested, or a sitemap listing the same page later is skipped.
        remember = not self.depth_limit or response.meta.get("depth", 0) < self.depth_limit
        found_new = False
        for url in article_links:
            request = self._article_request(url, remember=remember)
            if request is not None:
                found_new = found_new or not request.meta.get("known")
                yield request
        for url in listing_links:
            # Deeper archive pages matter only while they lead to unseen articles, or were
            # never processed (a run killed before reaching them).
            key = self.stored_url(url)
            deeper = "/page/" in urlsplit(url).path
            if deeper and not found_new and key in self.state.fetched:
                self.crawler.stats.inc_value("incremental/pagination_skipped")
                continue
            request = self._listing_request(response.url, url, key, repetition, remember)
            if request is not None:
                yield request
        for failure in self._budget_failures(reference):  # (no `yield from` in async code)
            yield failure

    def _listing_request(
        self,
        page_url: str,
        url: str,
        key: str,
        repetition: tuple[int, int],
        remember: bool = True,
    ) -> scrapy.Request | None:
        """A request for a listing page linked from `page_url` (`repetition`: that page's
        links fingerprint, and how many barren listing pages in a row it ends), unless
        already requested or refused by a budget (`remember`: `_first_request`'s)."""
        if page_number(url) is not None:
            refused, note = self.budget.listing_refusal(url)
            if not refused:
                refused, note = self.budget.repeat_refusal(page_url, repetition[1])
            self._note(page_url, note)
            if refused:
                return None
        if not self._first_request(key, remember):
            return None
        request = self._page_request(url, listing=True)
        request.meta["listing_repeats"] = repetition
        return request

    def _note(self, url: str, reason: str | None) -> None:
        if reason:
            self.budget_notes.append((url, reason))

    def _budget_failures(self, when: datetime) -> Iterator[FailureRecord]:
        """A failure row for each budget that refused something since the last callback."""
        notes, self.budget_notes = self.budget_notes, []
        for url, reason in notes:
            yield self._failure(self.stored_url(url), "budget", reason, when)

    def _first_request(self, key: str, remember: bool = True) -> bool:
        """Whether this run has not requested the page stored as `key` yet (and, if
        `remember`, now counts it requested)."""
        if key in self.requested:
            return False
        refused, note = self.budget.query_refusal(key)
        self._note(key, note)
        if refused:
            return False
        if remember:
            self.requested.add(key)
        return True

    def _article_request(
        self, url: str, expected: bool = True, remember: bool = True
    ) -> scrapy.Request | None:
        """A request for a linked article, unless an earlier run stored it and it is old.
        `expected`: the link promises an article, so a page without one is a failure;
        `remember`: `_first_request`'s (False for a link past the depth limit)."""
        key = self.stored_url(url)
        if not self._first_request(key, remember):
            return None
        if key not in self.state.known:
            request = self._page_request(url)
            request.meta["expect_article"] = expected
            return request
        if key not in self.state.recent:
            if key not in self.skipped:  # count articles, not links to them
                self.skipped.add(key)
                self.crawler.stats.inc_value("incremental/skipped_known")
            return None
        etag, last_modified = self.state.recent[key]
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.crawler.stats.inc_value("incremental/refetched_recent")
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            headers=headers,
            meta={"known": True, "handle_httpstatus_list": [304]},
        )

    def stored_url(self, url: str) -> str:
        """The URL as the database spells it."""
        return normalize_url(url) or url

    def _fetch_record(self, response: Response, status: int, reference: datetime) -> FetchRecord:
        def header(name: str) -> str | None:
            value = response.headers.get(name)
            return value.decode("latin-1") if value else None

        return FetchRecord(
            url=self.stored_url(response.url),
            status=status,
            fetched_at=iso(reference) or "",
            etag=header("ETag"),
            last_modified=header("Last-Modified"),
            archive=_archive(response),
        )

    def failed(self, failure: Failure) -> Iterator[FailureRecord]:
        request = failure.request
        if self.sitemap_queue is not None:
            self.sitemap_queue.done(request)
        if failure.check(HttpError):
            response = failure.value.response
            yield self._failure(
                request.url, "http", f"HTTP {response.status}", self.reference_time(response)
            )
            return
        if failure.check(IgnoreRequest) and str(failure.value) == ROBOTS_REFUSAL:
            # Our own politeness, not the site failing: counted as robotstxt/forbidden, shown
            # by the report, and no failure row (a row each run made a healthy site that
            # disallows a few linked paths fail its http_error_rate check).
            return
        # A downloader middleware's or a spider middleware's input check that raised (not
        # a refusal: IgnoreRequest says why it refused) is the crawl's code, not the site.
        stage = None if failure.check(IgnoreRequest) else stage_of(failure.value, self, request)
        if stage is not None:
            yield exception_record(self.crawler, request.url, failure.value, stage)
        else:
            yield self._failure(request.url, "download", _describe(failure))

    def _failure(
        self, url: str, stage: str, reason: str, when: datetime | None = None
    ) -> FailureRecord:
        return failure_record(self.crawler, url, stage, reason, when)


def _site_root(url: str) -> str:
    """scheme://host of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _cache_age(response: Response) -> timedelta:
    """The `Age` header as a duration: zero when absent, unreadable or implausible."""
    value = response.headers.get("Age")
    if not value:
        return timedelta(0)
    try:
        age = timedelta(seconds=int(value.decode("latin-1").strip()))
    except (ValueError, OverflowError):
        return timedelta(0)
    return age if timedelta(0) <= age <= MAX_AGE_HEADER else timedelta(0)


def _archived(response: Response) -> Archived | None:
    """What the WARC archive (scraper.crawl.archive) recorded of this response, if it did
    (a redirect's or retry's earlier response leaves its own entry, overwritten by this
    one's: the URL and status tell)."""
    request = getattr(response, "request", None)
    archived = request.meta.get("warc") if request is not None else None
    if isinstance(archived, Archived) and (archived.url, archived.status) == (
        response.url,
        response.status,
    ):
        return archived
    return None


def _archive(response: Response) -> ArchiveRef | None:
    archived = _archived(response)
    return archived.ref if archived is not None else None


# Signatures of bot-challenge pages served with status 200 (Cloudflare, Sucuri, generic).
_CHALLENGES = (
    "just a moment",
    "checking your browser",
    "attention required",
    "cf-chl",
    "challenge-platform",
    "sucuri website firewall",
    "ddos protection",
)


def _why_not_an_article(response: Response, page: Any) -> str:
    """Why a link that promised an article gave none, in words an operator can act on."""
    if not response.body.strip():
        return "empty page (200 with no body)"
    head = response.body[:20000].decode("utf-8", "replace").lower()
    if any(signature in head for signature in _CHALLENGES):
        return "bot challenge page instead of the content"
    return f"expected an article: {page.reason or page.page_type}"  # (or "a listing")


# What an exception without a message meant, in an operator's words.
_DOWNLOAD_ERRORS = {
    "ResponseDataLossError": "body shorter than its Content-Length: the connection closed early",
    "DownloadCancelledError": "download cancelled: the body exceeded DOWNLOAD_MAXSIZE",
    "CancelledError": "download cancelled: the body exceeded DOWNLOAD_MAXSIZE",
    "TimeoutError": "no answer within DOWNLOAD_TIMEOUT",
    "TCPTimedOutError": "no answer within DOWNLOAD_TIMEOUT",
    "ConnectionLost": "the connection was lost mid-response",
    "ConnectionRefusedError": "connection refused",
    "DNSLookupError": "the host name does not resolve",
}


def _describe(failure: Failure) -> str:
    name = failure.type.__name__
    message = str(failure.value).strip()
    known = _DOWNLOAD_ERRORS.get(name)
    if known and (not message or len(message) < 20):
        return f"{name}: {known}"
    return f"{name}: {message or known or 'no details'}"
