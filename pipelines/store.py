"""Store items in SQLite through the one group-commit writer.

`process_item` returns only after the item's transaction has committed, so an item that
Scrapy counts as processed is on disk; the reactor awaits a future and never touches the
database itself.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from scraper.items import ArticleRecord, FailureRecord, ListItemSighting
from scraper.store import GroupCommitWriter

logger = logging.getLogger(__name__)

_STAT_NAMES = {
    ArticleRecord: "store/articles",
    ListItemSighting: "store/list_items",
    FailureRecord: "store/failures",
}


class SQLiteStorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.writer = GroupCommitWriter(
            crawler.settings.get("SCRAPER_DB_PATH", "news.db"),
            batch_size=crawler.settings.getint("SCRAPER_COMMIT_BATCH", 200),
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SQLiteStorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.writer.start()

    def close_spider(self) -> None:
        self.writer.close()
        self.stats.set_value("store/commits", self.writer.batches)

    async def process_item(self, item: Any) -> Any:
        stat = _STAT_NAMES.get(type(item))
        if stat is None:
            return item
        try:
            await asyncio.wrap_future(self.writer.submit(item))
        except Exception as exc:
            self.stats.inc_value("store/errors")
            logger.error("could not store %s: %s", getattr(item, "url", item), exc)
            raise DropItem(f"store failed: {exc}") from exc
        self.stats.inc_value(stat)
        return item
