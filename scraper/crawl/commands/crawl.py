"""`scrapy crawl` as Scrapy has it, except that a run whose store failed (the database could
not be opened, the writer stopped: finish reason `store_failed`) exits 1 instead of 0, so
a scheduler sees a run that stored nothing fail. Other verdicts stay in the run's row."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

STORE_FAILED = "store_failed"  # pipelines.store.STORE_FAILED


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self.crawler.stats if self.crawler is not None else None
        if stats is not None and stats.get_value("finish_reason") == STORE_FAILED:
            self.exitcode = 1
