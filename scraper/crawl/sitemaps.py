"""The sitemaps a sitemap index lists, requested one at a time as the crawl runs dry.

A large WordPress site lists its articles in hundreds of sitemaps of 1,000 URLs under one
index. Requested at once, they fill Scrapy's queue with the whole site: the downloader
takes as many sitemaps as it has free slots whenever the queue holds nothing else (at the
start, and whenever it runs down), and each adds its 1,000 article requests, about 2.4 KB
each in memory until fetched. Held back here instead (one URL each), a sitemap is released
when the scheduler has nothing left to give and no released sitemap is still on its way,
so the queue holds about one sitemap's articles at a time, whatever the site's size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider

# The meta key marking a released sitemap's request (and its redirects and retries).
RELEASED = "released_sitemap"


class SitemapQueue:
    """Sitemaps waiting to be requested, in the order their indexes listed them.

    `request(url, depth, index_url, index_depth)` builds a sitemap's request. A released
    request goes straight to the scheduler (`engine.crawl`), past the spider middlewares, so
    nothing can drop it unseen: it ends in its callback or errback (which call `done`), or
    in the scheduler's `request_dropped` signal. Should a sitemap still count as on its way
    when the crawl is idle, the next one is released anyway: the crawl never ends with
    sitemaps held back."""

    def __init__(self, crawler: Crawler, request: Callable[[str, int, str, int], Request]) -> None:
        self.crawler = crawler
        self.request = request
        self.pending: deque[tuple[str, int, str, int]] = deque()
        self.on_its_way = False
        crawler.signals.connect(self._scheduler_empty, signal=signals.scheduler_empty)
        crawler.signals.connect(self._dropped, signal=signals.request_dropped)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, url: str, depth: int, index_url: str, index_depth: int) -> None:
        """Hold sitemap `url` (nested `depth` deep) listed by `index_url` (a response at
        link depth `index_depth`); the first one goes at once when none is on its way."""
        self.pending.append((url, depth, index_url, index_depth))
        if not self.on_its_way:
            self._release()

    def done(self, request: Request) -> None:
        """A released sitemap was read (or failed): the next may go."""
        if request.meta.get(RELEASED):
            self.on_its_way = False

    def _release(self) -> bool:
        if not self.pending:
            return False
        request = self.request(*self.pending.popleft())
        request.meta[RELEASED] = True
        self.on_its_way = True
        self.crawler.engine.crawl(request)
        return True

    def _scheduler_empty(self) -> None:
        if not self.on_its_way:
            self._release()

    def _dropped(self, request: Request, **_: Any) -> None:
        self.done(request)

    def _idle(self, **_: Any) -> None:
        self.on_its_way = False
        if self._release():
            raise DontCloseSpider("sitemaps held back")
