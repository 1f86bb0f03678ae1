"""The scheduler of a distributed run: scrapy-redis's scheduler, priority queue and
duplicate filter, with the run's keys, membership, keep-alive and verdict of
`scraper.crawl.distributed`. `NewsSpider.from_crawler` selects it when SCRAPER_REDIS_URL is
set (`scraper crawl --redis`, or `--set`/`-s` through scrapy and scrapyd).

scrapy-redis's stock behaviour this replaces: keys named after the spider (so the next run
finds the last run's duplicate filter and fetches nothing), a flush on close (the first
idle worker deleted the shared queue) and no keep-alive (workers closed as soon as their
own queue view was empty, 0.03 s after starting)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.spiders import Spider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import reactor, task

from scraper.crawl.distributed import (
    RunKeys,
    RunMembership,
    aggregate,
    connect,
    describe_run,
)
from scraper.ops.monitor import STATUS_NAMES, describe, verdict

logger = logging.getLogger(__name__)

# How often an idle worker that keeps the run alive looks at the queue again (Scrapy's own
# idle heartbeat is every 5 s).
IDLE_POLL = 0.5


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class RunQueue(PriorityQueue):
    """scrapy-redis's priority queue; a pop also marks this worker busy, in one step."""

    def __init__(self, membership: RunMembership, spider: Spider) -> None:
        # (scrapy-redis fills in `%(spider)s` in keys: a `%` of a site name stays one.)
        super().__init__(membership.server, spider, membership.keys.requests.replace("%", "%%"))
        self.membership = membership

    def pop(self, timeout: int = 0) -> Any:
        data = self.membership.pop()
        return self._decode_request(data) if data else None


class RunScheduler(Scheduler):
    """One worker's scheduler of a distributed run (settings SCRAPER_REDIS_*)."""

    def __init__(self, server: Any, crawler: Crawler) -> None:
        # persist: a worker never deletes the shared queue; the last one out does.
        super().__init__(server, persist=True)
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.run = settings.get("SCRAPER_REDIS_RUN")
        self.worker = worker_id()
        self.timeout = settings.getfloat("SCRAPER_REDIS_WORKER_TIMEOUT", 10.0)
        self.grace = settings.getfloat("SCRAPER_REDIS_GRACE", 3.0)
        self.marker_days = settings.getfloat("SCRAPER_REDIS_MARKER_DAYS", 7.0)
        self.membership: RunMembership | None = None
        self.heartbeat = task.LoopingCall(self._beat)
        self.idle_since: float | None = None
        self.wake_pending = False
        self.closing: asyncio.Future | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunScheduler:
        settings = crawler.settings
        if not settings.get("SCRAPER_REDIS_RUN"):
            raise ValueError("SCRAPER_REDIS_URL is set but SCRAPER_REDIS_RUN (the run id) is not")
        scheduler = cls(connect(settings.get("SCRAPER_REDIS_URL")), crawler)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        # After the monitor's handler (an extension, connected earlier): the verdict is set.
        crawler.signals.connect(scheduler.spider_closed, signal=signals.spider_closed)
        return scheduler

    def open(self, spider: Spider) -> None:
        self.spider = spider
        keys = RunKeys(spider.site_config.name, self.run)
        self.membership = RunMembership(self.server, keys, self.worker, self.timeout)
        workers = self.membership.join()  # RunRefused: the run is not started
        logger.info(
            "joined run %s of %s as %s (%d live workers)", keys.run, keys.site, self.worker, workers
        )
        self.stats.set_value("redis/run", keys.run)
        self.stats.set_value("redis/worker", self.worker)
        self.queue = RunQueue(self.membership, spider)
        self.df = RFPDupeFilter(
            self.server, key=keys.dupefilter, debug=spider.settings.getbool("DUPEFILTER_DEBUG")
        )
        # Renewed three times within the timeout: a busy reactor may delay one beat.
        self.heartbeat.start(self.timeout / 3, now=False)

    # scrapy-redis's own two, without the `spider` argument Scrapy 2.19's stats deprecate.
    def enqueue_request(self, request: Any) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Any:
        request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def close(self, reason: str) -> None:
        if self.heartbeat.running:
            self.heartbeat.stop()

    def _beat(self) -> None:
        try:
            state = self.membership.beat()
        except Exception as exc:  # a Redis hiccup: the next beat tries again
            logger.warning("Redis heartbeat failed: %s", exc)
            return
        if state != "ok" and self.closing is None:
            reason = "redis_run_ended" if state == "ended" else "redis_lock_lost"
            logger.error("run %s: %s; this worker stops", self.run, reason)
            self.closing = asyncio.ensure_future(
                self.crawler.engine.close_spider_async(reason=reason)
            )

    def spider_idle(self, spider: Spider) -> None:
        """Keep-alive: stay open while the run has queued requests, a worker has work in
        flight, or it started less than the grace ago; close once none of these has held
        for the grace period. Never blocks: it answers DontCloseSpider and looks again
        shortly."""
        queued, busy, since_start = self.membership.idle()
        now = time.monotonic()
        if queued or busy or since_start < self.grace:
            self.idle_since = None
        elif self.idle_since is None:
            self.idle_since = now
        if self.idle_since is not None and now - self.idle_since >= self.grace:
            return  # the run's work is done: this worker closes
        self._wake_soon()
        raise DontCloseSpider

    def _wake_soon(self) -> None:
        """Ask the engine for the next request after IDLE_POLL instead of its 5 s idle
        heartbeat, so an idle worker takes up requests others queue within half a
        second (the engine's slot is private API: without it the heartbeat still works)."""
        if self.wake_pending:
            return
        self.wake_pending = True

        def wake() -> None:
            self.wake_pending = False
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule()

        reactor.callLater(IDLE_POLL, wake)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.membership is None:
            return
        values = self.crawler.stats.get_stats()
        code, checks = verdict(values)
        mine = {
            "worker": self.worker,
            "code": code,
            "status": STATUS_NAMES.get(code, str(code)),
            "verdict": describe(code, checks),
            "finish_reason": reason,
            "responses": values.get("downloader/response_count", 0),
            "articles": values.get("store/articles", 0),
        }
        try:
            outcome = self.membership.leave(mine, self.marker_days)
            if isinstance(outcome, int):
                self.stats.set_value("redis/workers_left", outcome)
                return
            summary = aggregate(self.membership.keys.site, self.run, outcome)
            self.membership.finish(summary, self.marker_days)
        except Exception as exc:
            logger.error("run %s: leaving the run in Redis failed: %s", self.run, exc)
            self.stats.set_value("redis/leave_error", str(exc))
            return
        self.stats.set_value("redis/run_exit_code", summary["exit_code"])
        self.stats.set_value("redis/run_summary", describe_run(summary))
        logger.info("%s", describe_run(summary))
