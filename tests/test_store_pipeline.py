"""The store pipeline when the store fails late or slowly: a write refused after the
monitor's verdict changes that verdict (and the run's row), a commit that does not come back
in time is reported as not confirmed rather than lost, a run end the database refused
finishes only its own run later, and a dropped item's log line names the item without its
content. The pipeline runs here against a real writer and database, without a crawl."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from pipelines.store import SQLiteStorePipeline
from scraper.crawl.logformatter import ItemNamingLogFormatter
from scraper.items import ArticleRecord, FailureRecord, FetchRecord, PageRecords, RunRecord
from scraper.ops.monitor import EXIT_FAILURES, EXIT_OK, as_stats, exceptions_in_code
from scraper.store.fallback import failure_file, read_failures
from scraper.store.writer import GroupCommitWriter
from spiders.news import NewsSpider

PAGE = "https://www.akhbar-turkiya.example/2025/12/13/story/"
BODY = "فقرة من نص الخبر الكامل. " * 800  # about 20,000 characters


def page() -> PageRecords:
    fetch = FetchRecord(url=PAGE, status=200, fetched_at="2025-12-13T10:00:00Z")
    article = ArticleRecord(
        url=PAGE,
        site="zox-demo",
        fetched_url=PAGE,
        reference_time="2025-12-13T10:00:00Z",
        headline="خبر",
        body=BODY,
    )
    return PageRecords(url=PAGE, fetch=fetch, article=article)


def run_pipeline(
    db: Path, steps: Callable[[SQLiteStorePipeline], Awaitable[None]], timeout: float = 5.0
) -> SQLiteStorePipeline:
    """Open the store pipeline on `db` as a crawl of zox-demo would, run `steps`, and close
    it with the finish reason `finished`, after the monitor judged the run a success."""
    crawler = get_crawler(
        NewsSpider, {"SCRAPER_DB_PATH": str(db), "SCRAPER_STORE_TIMEOUT": timeout}
    )
    crawler.spider = NewsSpider(site="zox-demo")
    crawler.engine = SimpleNamespace(spider=None)  # a crawl already closing: nothing to end
    pipeline = SQLiteStorePipeline(crawler)

    async def crawl() -> None:
        await pipeline.open_spider()
        await steps(pipeline)
        # What MonitorExtension leaves in the stats just before the pipeline's handler.
        for key, value in as_stats(EXIT_OK, []).items():
            crawler.stats.set_value(key, value)
        await pipeline.spider_closed(crawler.spider, "finished")

    asyncio.run(crawl())
    return pipeline


def run_rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT site, started_at, finished_at, exit_status, stats FROM crawl_runs"
        ).fetchall()


def test_a_failure_row_refused_after_the_verdict_fails_the_run_and_its_row(tmp_path):
    db = tmp_path / "news.db"

    async def refuse_failure_rows(pipeline: SQLiteStorePipeline) -> None:
        # The failures table gone (a damaged database): an errback's row is refused.
        with sqlite3.connect(db) as conn:
            conn.execute("DROP TABLE failures")
        request = Request(PAGE)
        response = Response(PAGE, status=404, request=request)
        pipeline.spider_error(Failure(ValueError("the errback raised")), response)

    pipeline = run_pipeline(db, refuse_failure_rows)
    stats = pipeline.stats.get_stats()
    assert stats["store/errors"] == 1
    assert "no such table: failures" in stats["store/first_error"]
    assert stats["monitor/exit_code"] == EXIT_FAILURES
    (store,) = [c for c in stats["monitor/checks"] if c["name"] == "store_errors"]
    assert not store["ok"] and "1 failure rows went to the failure file" in store["detail"]
    # The run's row holds the changed verdict, not the monitor's first one.
    ((_, _, finished, exit_status, row_stats),) = run_rows(db)
    assert finished and exit_status == EXIT_FAILURES
    assert json.loads(row_stats)["monitor/status"] == "failures"
    (line,) = read_failures(db)
    assert line["url"] == PAGE and line["reason"] == "ValueError: the errback raised"


def test_a_failure_row_still_unconfirmed_when_the_run_ends_is_counted_and_filed(tmp_path):
    db = tmp_path / "news.db"

    async def stall_failure_rows(pipeline: SQLiteStorePipeline) -> None:
        submit = pipeline.writer.submit

        def stalling(record: Any) -> Future[Any]:
            return Future() if isinstance(record, FailureRecord) else submit(record)

        pipeline.writer.submit = stalling  # type: ignore[method-assign]
        response = Response(PAGE, status=404, request=Request(PAGE))
        pipeline.spider_error(Failure(ValueError("the errback raised")), response)

    pipeline = run_pipeline(db, stall_failure_rows, timeout=0.3)
    stats = pipeline.stats.get_stats()
    assert stats["store/errors"] == 1
    assert stats["store/first_error"] == "commit not confirmed within 0.3 s"
    assert stats["monitor/exit_code"] == EXIT_FAILURES
    assert not pipeline.pending
    (line,) = read_failures(db)
    assert line["reason"] == "ValueError: the errback raised"
    ((_, _, finished, exit_status, _),) = run_rows(db)
    assert finished and exit_status == EXIT_FAILURES


def _never_answered(record: Any) -> Future[Any]:
    return Future()  # a writer stuck on the disk: no commit, no error


def test_a_commit_not_confirmed_in_time_is_not_reported_lost(tmp_path):
    db = tmp_path / "news.db"

    async def stall(pipeline: SQLiteStorePipeline) -> None:
        submit = pipeline.writer.submit
        pipeline.writer.submit = _never_answered  # type: ignore[method-assign]
        try:
            await pipeline.process_item(page())
        except DropItem:
            pass
        else:
            raise AssertionError("an unconfirmed page passed as stored")
        finally:
            pipeline.writer.submit = submit  # type: ignore[method-assign]

    pipeline = run_pipeline(db, stall, timeout=0.2)
    stats = pipeline.stats.get_stats()
    assert stats["store/errors"] == 1  # the page; its row, not confirmed either, not again
    assert stats["store/first_error"] == "commit not confirmed within 0.2 s"
    (line,) = read_failures(db)
    assert line["stage"] == "pipeline:store"
    assert line["reason"] == "commit not confirmed within 0.2 s (PageRecords perhaps not stored)"
    # The store's own failure, not a bug in the crawl's code.
    assert stats["failures/pipeline:store"] == 1
    assert exceptions_in_code(stats) == 0


def test_a_refused_run_end_finishes_only_its_own_run(tmp_path):
    db = tmp_path / "news.db"

    async def refuse_the_run_end(pipeline: SQLiteStorePipeline) -> None:
        submit = pipeline.writer.submit

        def refusing(record: Any) -> Future[Any]:
            if isinstance(record, RunRecord) and record.id is not None:
                refused: Future[Any] = Future()
                refused.set_exception(sqlite3.OperationalError("database or disk is full"))
                return refused
            return submit(record)

        pipeline.writer.submit = refusing  # type: ignore[method-assign]

    run_pipeline(db, refuse_the_run_end)
    ((site, started_at, finished, _, _),) = run_rows(db)
    assert finished is None
    (line,) = read_failures(db)
    assert (line["run_end"]["site"], line["run_end"]["started_at"]) == (site, started_at)
    assert line["run_end"]["exit_status"] == EXIT_FAILURES

    # Beside a database restored from an older copy, run 1 is another run: left alone.
    other = tmp_path / "other" / "news.db"
    other.parent.mkdir()
    restored = GroupCommitWriter(other, timeout=5)
    restored.start()
    restored.submit(RunRecord(site=site, started_at="2025-01-01T00:00:00Z")).result(5)
    restored.close()
    failure_file(other).write_text(failure_file(db).read_text())
    unrelated = GroupCommitWriter(other, timeout=5)
    unrelated.start()
    unrelated.close()
    assert [row[2] for row in run_rows(other)] == [None]

    # The database it was written beside: the run is finished, with the changed verdict.
    writer = GroupCommitWriter(db, timeout=5)
    writer.start()
    writer.close()
    ((_, _, finished, exit_status, _),) = run_rows(db)
    assert finished == line["run_end"]["finished_at"] and exit_status == EXIT_FAILURES


def test_a_dropped_page_is_logged_by_its_type_and_url_not_its_content():
    crawler = get_crawler(NewsSpider)
    spider = NewsSpider(site="zox-demo")
    spider.crawler = crawler
    formatter = ItemNamingLogFormatter()
    refused = DropItem("store failed: database or disk is full")
    entry = formatter.dropped(page(), refused, None, spider)
    line = entry["msg"] % entry["args"]
    assert line == f"Dropped PageRecords {PAGE}: store failed: database or disk is full"
    assert entry["level"] == logging.WARNING
    error = formatter.item_error(page(), ValueError("x"), None, spider)
    assert error["msg"] % error["args"] == f"Error processing PageRecords {PAGE}"
    # The crawl's settings use it.
    settings = Settings()
    settings.setmodule("scraper.crawl.settings")
    assert load_object(settings["LOG_FORMATTER"]) is ItemNamingLogFormatter


def test_a_sites_first_crawl_writes_in_bulk_and_later_crawls_in_small_commits(tmp_path):
    db = tmp_path / "news.db"
    seen: list[tuple[bool, int]] = []

    async def store_a_page(pipeline: SQLiteStorePipeline) -> None:
        await pipeline.process_item(page())
        seen.append((pipeline.writer.bulk, pipeline.writer.batch_size))

    first = run_pipeline(db, store_a_page)
    assert first.stats.get_value("store/bulk") is True
    # The site has an article now: the next crawl is a live one.
    second = run_pipeline(db, store_a_page)
    assert second.stats.get_value("store/bulk") is False
    assert seen == [(True, 10_000), (False, 1000)]
    # Another site's first crawl in the same database is a backfill again.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET site = 'another-site'")
    assert run_pipeline(db, store_a_page).stats.get_value("store/bulk") is True
