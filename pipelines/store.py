"""Store items in SQLite through the one group-commit writer.

`process_item` returns only after the item's transaction has committed, so an item that
Scrapy counts as processed is on disk (and only then counted, for the stats and the
monitor); the reactor awaits a future and never touches the database itself.

A write the database refuses fails the run (the monitor's `store_errors` check, exit 4):
it is logged and counted once (`store/errors`), its failure row goes to the database or,
when the database cannot take that either, to the failure file beside it
(scraper.store.fallback). A store that takes no more records (it did not open, its writer
stopped, a commit was not confirmed within SCRAPER_STORE_TIMEOUT) ends the crawl at once
with the finish reason `store_failed`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from scraper.crawl.failures import (
    callback_stage,
    exception_record,
    failure_record,
    reason_of,
    stage_of,
)
from scraper.items import (
    ArticleRecord,
    FailureRecord,
    FetchRecord,
    PageRecords,
    RunRecord,
    SightingBatch,
)
from scraper.ops.monitor import STORE_FAILED, after_store_error, count_article, count_sightings
from scraper.store.fallback import FailureFile
from scraper.store.writer import GroupCommitWriter, StoreUnavailable

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
_STORED = (*_STAT_NAMES, PageRecords)


class CommitUnconfirmed(StoreUnavailable):
    """A commit that did not come back within the store's bound: the record may still be
    stored (the writer goes on with it), or not."""


class SQLiteStorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        db_path = settings.get("SCRAPER_DB_PATH", "news.db")
        # Every wait on the store is bounded by this; past it the store counts as failed.
        self.timeout = settings.getfloat("SCRAPER_STORE_TIMEOUT", 300.0)
        self.writer = GroupCommitWriter(
            db_path,
            batch_size=settings.getint("SCRAPER_COMMIT_BATCH", 1000),
            timeout=self.timeout,
            allow_worse=settings.getbool("SCRAPER_ALLOW_WORSE"),
            before_commit=self._sync_archive,
        )
        self.failure_file = FailureFile(db_path)
        self.min_body_chars = settings.getint("SCRAPER_MONITOR_MIN_BODY_CHARS", 200)
        self.run_id: int | None = None
        self.run_start: RunRecord | None = None
        # Failure rows of errbacks that raised, still being written.
        self.pending: dict[asyncio.Future[None], FailureRecord] = {}
        self.closing: asyncio.Future[None] | None = None

    def _sync_archive(self) -> None:
        """Before each commit (in the writer's thread): the WARC records the rows refer to
        made durable first (scraper.crawl.archive), one fsync for the whole group."""
        archive = getattr(self.crawler.spider, "warc_archive", None)
        if archive is not None:
            archive.sync()

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
        spider = self.crawler.spider
        site = getattr(spider, "site_config", None)
        start = RunRecord(
            site=site.name if site else spider.name,
            started_at=_now(),
            site_title=site.title if site else None,
            profile=site.profile if site else None,
            timezone=site.timezone if site else None,
            site_config=site.as_stored() if site else {},
            settings=recorded_settings(self.crawler.settings),
        )
        if self.crawler.settings.getbool("SCRAPER_BULK_BACKFILL", True):
            # A site's first crawl (no article of it stored yet) writes in the store's bulk
            # mode: commits of up to 10,000 queued records, the search index written once per
            # commit. Later crawls keep SCRAPER_COMMIT_BATCH's small commits.
            self.writer.backfill_site = start.site
        try:
            await asyncio.to_thread(self.failure_file.prepare)
            await asyncio.to_thread(self.writer.start)
            self.run_id = await self._stored(start)
            self.run_start = start
        except Exception as exc:
            # Nothing could be stored: the crawl ends at once, with the reason, rather than
            # fetching pages only to lose them.
            # (Unavailable before _refused counts it: the CloseSpider below ends the crawl.)
            self.stats.set_value("store/unavailable", _why(exc))
            self._refused(exc)
            logger.error("store: %s; the crawl ends (%s)", _why(exc), STORE_FAILED)
            self._to_failure_file(self._store_failure_record("", _why(exc), exc))
            raise CloseSpider(STORE_FAILED) from exc
        self.stats.set_value("store/run_id", self.run_id)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        # The monitor judged the run just before this handler (scraper.crawl.extensions):
        # a write refused since, or one not confirmed, changes its verdict.
        judged = self.stats.get_value("store/errors", 0)
        if self.pending:
            _, unfinished = await asyncio.wait(list(self.pending), timeout=self.timeout)
            for task in unfinished:
                # Still waiting on the store: the row goes to the failure file as well.
                record = self.pending.pop(task)
                task.cancel()
                self._count_refusal(
                    CommitUnconfirmed(f"commit not confirmed within {self.timeout:g} s")
                )
                self._to_failure_file(record)
        if self.stats.get_value("store/errors", 0) > judged:
            for key, value in after_store_error(self.stats.get_stats()).items():
                self.stats.set_value(key, value)
        if self.run_id is not None:
            await self._store_run_end(reason)
        try:
            await asyncio.to_thread(self.writer.close)
        except StoreUnavailable as exc:
            logger.error("store: %s", exc)
        self.stats.set_value("store/commits", self.writer.batches)
        self.stats.set_value("store/bulk", self.writer.bulk)

    async def _store_run_end(self, reason: str) -> None:
        stats = self.stats.get_stats()
        start = self.run_start
        end = RunRecord(
            # With its site and start, the end in the failure file finishes only this run.
            site=start.site if start else "",
            started_at=start.started_at if start else "",
            id=self.run_id,
            finished_at=_now(),
            finish_reason=reason,
            exit_status=stats.get("monitor/exit_code"),
            stats=stats,
        )
        try:
            await self._stored(end)
        except Exception as exc:
            self._refused(exc)
            # The monitor judged the run before this write: its verdict changes with it.
            for key, value in after_store_error(self.stats.get_stats()).items():
                self.stats.set_value(key, value)
            end.exit_status = self.stats.get_value("monitor/exit_code")
            end.stats = self.stats.get_stats()
            site = getattr(getattr(self.crawler.spider, "site_config", None), "name", "")
            filed = self.failure_file.append(
                time=end.finished_at or _now(),
                run=self.run_id,
                site=site,
                url="",
                stage="run",
                reason=f"the run's end was not stored ({_why(exc)}): the run did not finish "
                f"in the database (finish reason {reason}, exit {end.exit_status})",
                run_end=asdict(end),
            )
            self._count_filed(filed)

    async def _stored(self, record: Any) -> Any:
        """Submit a record and wait for its commit, at most the store's bound."""
        future = asyncio.wrap_future(self.writer.submit(record))
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            # Not "lost": the writer may still commit it after the wait gave up.
            raise CommitUnconfirmed(f"commit not confirmed within {self.timeout:g} s") from None

    def _refused(self, exc: BaseException, count: bool = True) -> None:
        """Count a write the database refused (`count`: unless its item was counted
        already); a store that takes no more records ends the crawl (reason store_failed),
        since every later page would be lost."""
        if count:
            self._count_refusal(exc)
        if not isinstance(exc, StoreUnavailable) or self.stats.get_value("store/unavailable"):
            return
        self.stats.set_value("store/unavailable", str(exc))
        logger.error("store: %s; the crawl ends (%s)", exc, STORE_FAILED)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None and self.closing is None:
            # Not awaited here: closing waits for the items in flight, this one included.
            self.closing = asyncio.ensure_future(engine.close_spider_async(reason=STORE_FAILED))

    def _count_refusal(self, exc: BaseException) -> None:
        self.stats.inc_value("store/errors")
        if not self.stats.get_value("store/first_error"):
            self.stats.set_value("store/first_error", _why(exc))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, _STORED):
            return item
        if isinstance(item, FailureRecord):
            item.run_id = self.run_id
        try:
            result = await self._stored(item)
        except Exception as exc:
            self._refused(exc)
            url = _url_of(item)
            logger.error("could not store %s: %s", url, _why(exc))
            if isinstance(item, FailureRecord):
                self._to_failure_file(item)
            else:
                record = self._store_failure_record(url, lost(item, exc), exc)
                # The item's write is counted; its row's, if refused too, is not again.
                await self.store_failure(record, counted=True)
            raise DropItem(f"store failed: {exc}") from exc
        self._count(item, result)
        return item

    def _store_failure_record(self, url: str, reason: str, exc: BaseException) -> FailureRecord:
        """The `pipeline:store` failure row of a write that failed. One the store refused
        is no bug: it is counted in `store/refused_rows`, which the monitor's exceptions
        check leaves to its store_errors check."""
        if refused_by_store(exc):
            self.stats.inc_value("store/refused_rows")
        return failure_record(self.crawler, url, "pipeline:store", reason)

    def _count(self, item: Any, result: Any) -> None:
        """Count what a commit stored, for the stats and the monitor."""
        parts = (
            (item.fetch, item.sightings, item.article) if isinstance(item, PageRecords) else (item,)
        )
        for part in parts:
            if part is None:
                continue
            sightings = part.sightings if isinstance(part, SightingBatch) else None
            self.stats.inc_value(
                _STAT_NAMES[type(part)], 1 if sightings is None else len(sightings)
            )
            if isinstance(part, ArticleRecord):
                self.stats.inc_value(f"store/articles_{result}")
                if result == "kept":  # the writer wrote its failure row (stage store)
                    self.stats.inc_value("failures/store")
                count_article(self.stats, part, self.min_body_chars)
            elif sightings is not None:
                count_sightings(self.stats, sightings)

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
        self.pending[task] = record
        task.add_done_callback(lambda done: self.pending.pop(done, None))

    async def store_failure(self, record: FailureRecord, counted: bool = False) -> None:
        """Write a failure row that did not come through `process_item`; one the database
        refuses goes to the failure file beside it. `counted`: the row of an item whose
        refused write is counted already (one lost page, one store error)."""
        record.run_id = self.run_id
        try:
            await self._stored(record)
        except Exception as exc:
            self._refused(exc, count=not counted)
            logger.error("could not store the failure on %s: %s", record.url, _why(exc))
            self._to_failure_file(record)
            return
        self.stats.inc_value("store/failures")

    def _to_failure_file(self, record: FailureRecord) -> None:
        filed = self.failure_file.append(
            time=record.time,
            run=self.run_id,
            site=record.site,
            url=record.url,
            stage=record.stage,
            reason=record.reason,
        )
        self._count_filed(filed)

    def _count_filed(self, filed: bool) -> None:
        """Count a line for the failure file: written there, or only logged."""
        self.stats.inc_value("store/failure_file_lines" if filed else "store/failure_file_refused")


def refused_by_store(exception: BaseException) -> bool:
    """Whether a failed write is the store's failure (the database refused it, or the store
    stopped) rather than a bug in the code that writes."""
    return isinstance(exception, (sqlite3.Error, OSError, StoreUnavailable))


def lost(item: Any, exception: BaseException) -> str:
    """The reason of a pipeline's failure row: the exception, and the item it lost (a page's
    records, `PageRecords`, or a feed's or sitemap's list items, `SightingBatch`, ...); a
    commit not confirmed in time may still have landed."""
    if isinstance(exception, CommitUnconfirmed):
        return f"{exception} ({type(item).__name__} perhaps not stored)"
    return f"{reason_of(exception)} ({type(item).__name__} lost)"


def _why(exc: BaseException) -> str:
    """A refused write's reason, for the log and the failure file."""
    return str(exc) if isinstance(exc, StoreUnavailable) else reason_of(exc)


def _url_of(item: Any) -> str:
    """The page an item came from, for its failure row."""
    return getattr(item, "url", None) or getattr(item, "page_url", None) or ""


def recorded_settings(settings: BaseSettings) -> dict[str, Any]:
    """The RECORDED_SETTINGS as plain JSON values: a dict setting (DOWNLOAD_SLOTS, the site's
    delay and concurrency) is a BaseSettings object that JSON would only print as its repr."""
    values = {name: settings.get(name) for name in RECORDED_SETTINGS}
    return {
        name: value.copy_to_dict() if isinstance(value, BaseSettings) else value
        for name, value in values.items()
    }


def _now() -> str:
    # Run metadata only; records carry the pages' own reference times.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
