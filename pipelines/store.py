"""Store items in SQLite through the one group-commit writer.

`process_item` returns only after the item's transaction has committed, so an item that
Scrapy counts as processed is on disk; the reactor awaits a future and never touches the
database itself.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.crawl.failures import (
    callback_stage,
    exception_record,
    failure_record,
    reason_of,
    stage_of,
)
from scraper.items import ArticleRecord, FailureRecord, FetchRecord, RunRecord, SightingBatch
from scraper.store.writer import GroupCommitWriter

# Settings worth keeping with each run, to explain its behaviour later.
RECORDED_SETTINGS = (
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "DOWNLOAD_SLOTS",
    "AUTOTHROTTLE_ENABLED",
    "DOWNLOAD_MAXSIZE",
    "RETRY_TIMES",
    "SCRAPER_DB_PATH",
    "SCRAPER_COMMIT_BATCH",
)

logger = logging.getLogger(__name__)

_STAT_NAMES = {
    ArticleRecord: "store/articles",
    SightingBatch: "store/list_items",
    FailureRecord: "store/failures",
    FetchRecord: "store/fetch_states",
}


class SQLiteStorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.writer = GroupCommitWriter(
            crawler.settings.get("SCRAPER_DB_PATH", "news.db"),
            batch_size=crawler.settings.getint("SCRAPER_COMMIT_BATCH", 1000),
        )
        self.run_id: int | None = None
        # Failure rows of errbacks that raised, still being written.
        self.pending: set[asyncio.Future[None]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SQLiteStorePipeline:
        pipeline = cls(crawler)
        # The run's end is written once Scrapy knows why it ended, after every item.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        # Exceptions Scrapy only logs: a pipeline's, and an errback's (a callback's or a
        # spider middleware's become rows in scraper.crawl.failures.SpiderFailures).
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        return pipeline

    async def open_spider(self) -> None:
        await asyncio.to_thread(self.writer.start)
        spider = self.crawler.spider
        site = getattr(spider, "site_config", None)
        start = RunRecord(
            site=site.name if site else spider.name,
            started_at=_now(),
            site_title=site.title if site else None,
            profile=site.profile if site else None,
            timezone=site.timezone if site else None,
            site_config=_plain(site) if site else {},
            settings={k: self.crawler.settings.get(k) for k in RECORDED_SETTINGS},
        )
        self.run_id = await asyncio.wrap_future(self.writer.submit(start))
        self.stats.set_value("store/run_id", self.run_id)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.pending:
            await asyncio.gather(*self.pending)
        stats = self.stats.get_stats()
        end = RunRecord(
            site="",
            started_at="",
            id=self.run_id,
            finished_at=_now(),
            finish_reason=reason,
            exit_status=stats.get("monitor/exit_code"),
            stats=stats,
        )
        try:
            await asyncio.wrap_future(self.writer.submit(end))
        finally:
            await asyncio.to_thread(self.writer.close)
        self.stats.set_value("store/commits", self.writer.batches)

    async def process_item(self, item: Any) -> Any:
        stat = _STAT_NAMES.get(type(item))
        if stat is None:
            return item
        if isinstance(item, FailureRecord):
            item.run_id = self.run_id
        try:
            result = await asyncio.wrap_future(self.writer.submit(item))
        except Exception as exc:
            self.stats.inc_value("store/errors")
            url = _url_of(item)
            logger.error("could not store %s: %s", url, exc)
            if not isinstance(item, FailureRecord):
                reason = lost(item, exc)
                await self.store_failure(
                    failure_record(self.crawler, url, "pipeline:store", reason)
                )
            raise DropItem(f"store failed: {exc}") from exc
        self.stats.inc_value(stat, len(item.sightings) if isinstance(item, SightingBatch) else 1)
        if isinstance(item, ArticleRecord):
            self.stats.inc_value(f"store/articles_{result}")
        return item

    async def item_error(self, item: Any, response: Response | None, failure: Failure) -> None:
        """A pipeline raised on `item` (Scrapy has logged it): the item is lost, its
        failure row is not."""
        if isinstance(item, FailureRecord):  # a failure that could not be stored: logged
            return
        url = response.url if isinstance(response, Response) else _url_of(item)
        stage = stage_of(failure.value, self.crawler.spider, None) or "pipeline"
        reason = lost(item, failure.value)
        await self.store_failure(failure_record(self.crawler, url, stage, reason))

    def spider_error(self, failure: Failure, response: Response | Failure) -> None:
        """An errback raised, or its output did (Scrapy has logged it). (A callback's
        exception is SpiderFailures' to record; one reaching this signal escaped it.)"""
        request = getattr(response, "request", None)
        stage = callback_stage(request, errback=not isinstance(response, Response))
        url = request.url if request is not None else ""
        record = exception_record(self.crawler, url, failure.value, stage, log=False)
        # The signal is sent synchronously: the row is written in the background and
        # awaited before the run's end is.
        task = asyncio.ensure_future(self.store_failure(record))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def store_failure(self, record: FailureRecord) -> None:
        """Write a failure row that did not come through `process_item`."""
        record.run_id = self.run_id
        try:
            await asyncio.wrap_future(self.writer.submit(record))
        except Exception as exc:
            self.stats.inc_value("store/errors")
            logger.error("could not store the failure on %s: %s", record.url, exc)
            return
        self.stats.inc_value("store/failures")


def lost(item: Any, exception: BaseException) -> str:
    """The reason of a pipeline's failure row: the exception, and which of the page's items
    it lost (its article, list items or fetch state)."""
    return f"{reason_of(exception)} ({type(item).__name__} lost)"


def _url_of(item: Any) -> str:
    """The page an item came from, for its failure row."""
    return getattr(item, "url", None) or getattr(item, "page_url", None) or ""


def _now() -> str:
    # Run metadata only; records carry the pages' own reference times.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(config: Any) -> dict[str, Any]:
    """The site configuration as stored: without its replay address, which says where this
    run connected, not what the site is (every replay of a site stores the same row)."""
    from dataclasses import asdict

    plain = asdict(config)
    # A site's own selectors, layouts and budgets are recorded when it has some; one without is
    # recorded as it was before sites could have them.
    for key in ("selectors", "layouts", "budgets"):
        if not plain[key]:
            del plain[key]
    plain.pop("replay", None)
    return plain
