"""Validate items: count what each record has and lacks for the monitor. Records arrive
finished from extraction, every missing field with its reason in `missing`; a record is
kept whatever it lacks (a page without a category is still an article)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scraper.items import ArticleRecord, SightingBatch
from scraper.ops.monitor import count_article, count_sightings


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.min_body_chars = crawler.settings.getint("SCRAPER_MONITOR_MIN_BODY_CHARS", 200)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleRecord):
            self.stats.inc_value("validate/articles")
            for name in item.missing:
                self.stats.inc_value(f"validate/missing/{name}")
            count_article(self.stats, item, self.min_body_chars)
        elif isinstance(item, SightingBatch):
            sightings = item.sightings
            self.stats.inc_value("validate/list_items", len(sightings))
            without = sum(1 for s in sightings if s.earliest is None and s.widget != "sitemap")
            if without:
                self.stats.inc_value("validate/list_items_without_window", without)
            count_sightings(self.stats, sightings)
        return item
