"""Validate items: count what each extracted record has and lacks. Records arrive finished
from extraction, every missing field with its reason in `missing`; a record is kept whatever
it lacks (a page without a category is still an article). The monitor counts records once
they are stored (pipelines/store.py), not here."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scraper.items import ArticleRecord, PageRecords, SightingBatch


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        # A page's records arrive as one PageRecords; sitemaps and the REST API yield their
        # list items alone (a bare SightingBatch). The spider never yields a bare
        # ArticleRecord: that case is for callers that feed extracted records straight in
        # (tests/test_finished_records.py).
        parts = (item.sightings, item.article) if isinstance(item, PageRecords) else (item,)
        for part in parts:
            if isinstance(part, ArticleRecord):
                self.stats.inc_value("validate/articles")
                for name in part.missing:
                    self.stats.inc_value(f"validate/missing/{name}")
            elif isinstance(part, SightingBatch):
                sightings = part.sightings
                self.stats.inc_value("validate/list_items", len(sightings))
                without = sum(1 for s in sightings if s.earliest is None and s.widget != "sitemap")
                if without:
                    self.stats.inc_value("validate/list_items_without_window", without)
        return item
