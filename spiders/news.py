"""The crawler of WordPress news sites: discovers and fetches, nothing else.

It starts from the site's home page(s) and sitemaps, follows category archives with their
pagination and every listed article, and hands each response to pure extraction. Which
links matter is the profile's business; which hosts and how politely is the site's.

    scrapy crawl news -a site=zox-demo -a base_url=http://127.0.0.1:8765
    scrapy crawl news -a site=path/to/my-site.toml
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.dates import http_date
from scraper.extract import extract_page, feed_items, iso, read_sitemap
from scraper.items import FailureRecord
from scraper.sites import SiteConfig, load_site


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        site: str | SiteConfig = "zox-demo",
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        config = site if isinstance(site, SiteConfig) else load_site(site)
        # (served origin, recorded origin) when replaying a saved site locally: stored URLs
        # keep the recorded origin, so replays on any port store the same records.
        self.replay_origins: tuple[str, str] | None = None
        if base_url:
            config = config.rebased(base_url)
            if config.recorded_origin:
                self.replay_origins = (base_url.rstrip("/"), config.recorded_origin.rstrip("/"))
        self.site_config = config
        self.allowed_domains = list(config.allowed_domains)
        super().__init__(**kwargs)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Per-site politeness: a download slot per allowed domain. Settings are still
        # mutable here (they freeze after the spider is created).
        polite = spider.site_config.politeness
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        for domain in spider.allowed_domains:
            slots.setdefault(
                domain, {"concurrency": polite.concurrency, "delay": polite.download_delay}
            )
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        crawler.settings.set("AUTOTHROTTLE_ENABLED", polite.autothrottle, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site_config.start_urls:
            yield self._page_request(url)
        for url in self.site_config.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
        for url in self.site_config.feeds:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)

    def _page_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.failed)

    def reference_time(self, response: Response) -> datetime:
        """When the page was rendered: its Date header, else now (the spider may read the
        clock; extraction below it never does)."""
        return http_date(response.headers.get("Date")) or datetime.now(UTC)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
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
            for loc in sitemap.locations:
                yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.failed)
            return
        yield from sitemap.bounds
        for loc in sitemap.locations:
            yield self._page_request(loc)

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
        for item in items:
            yield item
            yield self._page_request(item.url)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        reference = self.reference_time(response)
        if not isinstance(response, TextResponse):
            yield self._failure(response.url, "extract", "not a text response", reference)
            return
        try:
            page = extract_page(
                response.body,
                response.url,
                reference,
                site=self.site_config.name,
                profile=self.site_config.profile,
                timezone=self.site_config.timezone,
                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            )
        except Exception as exc:  # a page must never stop the crawl
            self.logger.exception("extraction failed on %s", response.url)
            yield self._failure(response.url, "extract", f"{type(exc).__name__}: {exc}", reference)
            return
        self.crawler.stats.inc_value(f"pages/{page.page_type}")
        if page.article is not None:
            yield page.article
        yield from page.list_items
        for url in page.listing_links + page.article_links:
            yield self._page_request(url)

    def failed(self, failure: Failure) -> Iterator[FailureRecord]:
        request = failure.request
        if failure.check(HttpError):
            response = failure.value.response
            yield self._failure(
                request.url, "http", f"HTTP {response.status}", self.reference_time(response)
            )
        else:
            reason = f"{failure.type.__name__}: {failure.value}"
            yield self._failure(request.url, "download", reason)

    def _failure(
        self, url: str, stage: str, reason: str, when: datetime | None = None
    ) -> FailureRecord:
        self.crawler.stats.inc_value(f"failures/{stage}")
        return FailureRecord(
            url=url,
            site=self.site_config.name,
            stage=stage,
            reason=reason,
            time=iso(when or datetime.now(UTC)) or "",
        )
