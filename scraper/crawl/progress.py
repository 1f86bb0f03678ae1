"""A live progress line for interactive crawls; silence under cron (no terminal)."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class ProgressLine:
    """Every second: pages, items, errors and pages per second, on one stderr line."""

    def __init__(self, crawler: Crawler, stream=sys.stderr) -> None:
        self.stats = crawler.stats
        self.stream = stream
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        enabled = crawler.settings.get("SCRAPER_PROGRESS", "auto")
        if enabled == "auto":
            enabled = sys.stderr.isatty()
        if not enabled:
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self) -> None:
        self.loop.start(1.0, now=False)

    def closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write("\n")

    def line(self) -> str:
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        errors = sum(v for k, v in self.stats.get_stats().items() if k.startswith("failures/"))
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return (
            f"pages {pages}  articles {get('store/articles', 0)}  "
            f"list items {get('store/list_items', 0)}  skipped {get('incremental/skipped_known', 0)}  "
            f"errors {errors}  {rate:.1f} pages/s"
        )

    def show(self) -> None:
        self.stream.write("\r" + self.line().ljust(100))
        self.stream.flush()
