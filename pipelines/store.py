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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SQLiteStorePipeline:
        pipeline = cls(crawler)
        # The run's end is written once Scrapy knows why it ended, after every item.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
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
            logger.error("could not store %s: %s", getattr(item, "url", item), exc)
            raise DropItem(f"store failed: {exc}") from exc
        self.stats.inc_value(stat, len(item.sightings) if isinstance(item, SightingBatch) else 1)
        if isinstance(item, ArticleRecord):
            self.stats.inc_value(f"store/articles_{result}")
        return item


def _now() -> str:
    # Run metadata only; records carry the pages' own reference times.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(config: Any) -> dict[str, Any]:
    """The site configuration as stored: without its replay address, which says where this
    run connected, not what the site is (every replay of a site stores the same row)."""
    from dataclasses import asdict

    plain = asdict(config)
    # A site's own selectors and layouts are recorded when it has some; a site without is
    # recorded as it was before sites could have them.
    for key in ("selectors", "layouts"):
        if not plain[key]:
            del plain[key]
    plain.pop("replay", None)
    return plain
