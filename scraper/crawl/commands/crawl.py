"""`scrapy crawl` as Scrapy has it, except that a run whose store failed exits non-zero, so
a scheduler (cron, scrapyd) sees a run that did not store what it fetched fail: the
database refused a write (a full disk, a damaged table: `store/errors`) or the store
stopped (finish reason `store_failed`), or its SCRAPER_STATE_DB could not be read (finish
reason `state_db_failed`, before anything was crawled). The exit code is the verdict in the run's row,
the one `scraper crawl` gives: 4 for refused writes, 1 for a store that stopped (1 too if
the run has no verdict). Other verdicts (drift, HTTP errors, ...) stay in the run's row.

A worker of a distributed run (SCRAPER_REDIS_URL) is checked as `scraper crawl --redis`
checks it, before Scrapy starts: an unreachable Redis exits 69, a run id already used 2,
another live run of the site 75, each with one line on standard error and nothing fetched."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from scraper.ops.monitor import EXIT_UNFINISHED, STATE_DB_FAILED, STORE_FAILED


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if self.settings.get("SCRAPER_REDIS_URL") and not self._may_join_run(opts):
            return
        super().run(args, opts)
        stats = self.crawler.stats if self.crawler is not None else None
        if stats is None:
            return
        failed = stats.get_value("finish_reason") in (STORE_FAILED, STATE_DB_FAILED)
        if failed or stats.get_value("store/errors", 0) > 0:
            verdict = stats.get_value("monitor/exit_code")
            self.exitcode = verdict if isinstance(verdict, int) and verdict else EXIT_UNFINISHED

    def _may_join_run(self, opts: argparse.Namespace) -> bool:
        """The distributed run's pre-flight; False (and the exit code set) when refused."""
        from scraper.crawl.distributed import (
            RedisUnavailable,
            RunRefused,
            preflight,
            refusal_exit_code,
        )
        from scraper.sites import load_site

        try:
            site = load_site(opts.spargs.get("site", "zox-demo"))
            preflight(
                self.settings["SCRAPER_REDIS_URL"],
                site.name,
                self.settings["SCRAPER_REDIS_RUN"] or "",
            )
        except (RedisUnavailable, RunRefused, ValueError, FileNotFoundError) as exc:
            print(f"scrapy crawl: error: {exc}", file=sys.stderr)
            self.exitcode = refusal_exit_code(exc)
            return False
        return True
