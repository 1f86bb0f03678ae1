"""Scrapy extensions: the monitor's hook, which judges every run when it closes, a live
progress line for interactive crawls (silence under cron, with no terminal), and
AutoThrottle held to each site's own delay."""

from __future__ import annotations

import logging
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.throttle import AutoThrottle
from twisted.internet import task

from scraper.crawl.budgets import budget_values
from scraper.ops.monitor import (
    MonitorSettings,
    as_stats,
    describe,
    evaluate,
    monitor_settings,
)
from scraper.store.queries import earlier_monitor_counts

logger = logging.getLogger(__name__)


class ProgressLine:
    """Every second: pages, items, errors and pages per second, on one stderr line."""

    def __init__(self, crawler: Crawler, stream=sys.stderr) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.stream = stream
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.done = False

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
        from twisted.internet import reactor

        self.loop.start(1.0, now=False)
        # A second Ctrl-C stops the reactor without closing the spider: the line must not
        # stay as the last tick left it, counts a second old and no word of the stop.
        reactor.addSystemEventTrigger("before", "shutdown", self.forced)

    def closed(self, reason: str = "finished") -> None:
        if self.loop.running:
            self.loop.stop()
        self.done = True
        self.show()
        self.stream.write("\n")
        if reason == "shutdown":
            self.stream.write(
                "stopped before the end (Ctrl-C or SIGTERM): the pages in flight were finished "
                "and stored; the next run fetches the rest\n"
            )

    def forced(self) -> None:
        """The crawl was forced to stop (a second Ctrl-C) before it closed."""
        if self.done:
            return
        if self.loop.running:
            self.loop.stop()
        get = self.stats.get_value
        self.stream.write(
            "\r"
            + f"forced to stop: kept the {get('store/articles', 0)} articles and "
            f"{get('store/list_items', 0)} list items committed so far; the pages in flight "
            "are lost, and the next run fetches them".ljust(100)
            + "\n"
        )
        self.stream.flush()

    def line(self) -> str:
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        errors = sum(v for k, v in self.stats.get_stats().items() if k.startswith("failures/"))
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        # After a first Ctrl-C (or SIGTERM) the crawl finishes its pages in flight, which
        # may take a download timeout: say so, or a second Ctrl-C comes to end the silence.
        stopping = not self.crawler.crawling and not self.done
        return (
            ("stopping: the pages in flight first (Ctrl-C again forces it)  " if stopping else "")
            + f"pages {pages}  articles {get('store/articles', 0)}  "
            f"list items {get('store/list_items', 0)}  skipped {get('incremental/skipped_known', 0)}  "
            f"errors {errors}  {rate:.1f} pages/s"
        )

    def show(self) -> None:
        self.stream.write("\r" + self.line().ljust(100))
        self.stream.flush()


class MonitorExtension:
    """Judges every run when it closes, however it was started (scraper crawl, scrapy
    crawl, scrapyd), and leaves the verdict in its stats for the store and the report."""

    def __init__(self, crawler: Any, limits: MonitorSettings) -> None:
        self.crawler = crawler
        self.limits = limits

    @classmethod
    def from_crawler(cls, crawler: Any) -> MonitorExtension:
        extension = cls(crawler, monitor_settings(crawler.settings))
        # Before the store pipeline's own spider_closed handler, which writes the run row.
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats
        values = {**stats.get_stats(), "finish_reason": reason}
        code, checks = evaluate(
            values,
            self.limits.thresholds,
            self.limits.max_http_error_rate,
            self.limits.confidence,
            self._earlier(spider, values),
            self.limits.max_exceptions,
            budget_values(self.crawler.settings),
        )
        for key, value in as_stats(code, checks).items():
            stats.set_value(key, value)
        # A scrapy crawl or scrapyd job prints no verdict line of its own: its log gets the
        # one `scraper crawl` prints (at INFO, the level a job's stats are logged at).
        config = getattr(spider, "site_config", None)
        name = config.name if config is not None else spider.name
        logger.info("%s: %s (exit %d)", name, describe(code, checks), code)

    def _earlier(self, spider: Any, values: dict[str, Any]) -> dict[str, int]:
        """Counters of the site's earlier runs, for a run too small to judge alone."""
        wanted = self.limits.pool_articles - values.get("monitor/articles", 0)
        started = values.get("start_time")
        config = getattr(spider, "site_config", None)
        if wanted <= 0 or not isinstance(started, datetime) or config is None:
            return {}
        if started.tzinfo is None:  # Scrapy records start_time in UTC
            started = started.replace(tzinfo=UTC)
        since = started - timedelta(days=self.limits.pool_days)
        db = self.crawler.settings.get("SCRAPER_DB_PATH")
        try:
            return earlier_monitor_counts(
                db, config.name, since.strftime("%Y-%m-%dT%H:%M:%SZ"), wanted
            )
        except Exception as exc:  # never lose the run's own verdict over its history
            logger.warning("monitor: earlier runs unreadable: %s", exc)
            return {}


class SitePacedAutoThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, never below a site's own `download_delay`. Scrapy's floor is
    the global DOWNLOAD_DELAY: after a few quick answers it lowered a site's slot from the
    5 s its site file asked for to 1 s. Each slot's floor is the delay DOWNLOAD_SLOTS gives
    it (the spider writes the site's politeness there), or DOWNLOAD_DELAY."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._floors: dict[int, float] = {}  # id of a slot -> its floor

    def _get_slot(self, request: Any, spider: Any) -> tuple[str | None, Any]:
        key, slot = super()._get_slot(request, spider)
        if slot is not None and key is not None and id(slot) not in self._floors:
            configured = self.crawler.settings.getdict("DOWNLOAD_SLOTS").get(key)
            delay = configured.get("delay", 0.0) if isinstance(configured, dict) else 0.0
            self._floors[id(slot)] = float(delay)
        return key, slot

    def _adjust_delay(self, slot: Any, latency: float, response: Any) -> None:
        super()._adjust_delay(slot, latency, response)
        slot.delay = max(slot.delay, self._floors.get(id(slot), 0.0))
