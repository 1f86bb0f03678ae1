"""Extraction off the crawl's thread, in worker processes.

Scrapy runs every callback on one thread. In a busy crawl, extraction (parsing, selectors,
the time layer: pure CPU) is most of that thread's work, so responses wait behind it while
other cores idle. Extraction is pure (bytes, URL and reference time in, a `PageExtraction`
out), so it moves to a process pool unchanged. ``SCRAPER_EXTRACT_PROCESSES`` sets the pool's
size: "auto" (the default) one worker per usable core but one (`auto_processes`), none on
one core; 0 extracts in the crawl's own thread.

The pool starts after the crawl's first pages (``SCRAPER_EXTRACT_POOL_AFTER``, 100, are
extracted in its own thread), and pages are extracted in the crawl's thread until a worker
has started (about a second: a fresh interpreter importing the extraction code), so a short
crawl is neither held up nor made to pay for the pool's start. Several spiders in one process (one
`scraper crawl` of several sites) share one pool (`ExtractionPool.shared`).

In a worker, a page's extraction is bounded by ``SCRAPER_EXTRACT_TIMEOUT``: a worker that
takes longer (a page no pre-check caught, a stopped process) is killed and the page fails
with ExtractionTimeout; the crawl goes on with a fresh pool. In the crawl's own thread
nothing can interrupt a parse: the nesting pre-check (scraper.extract.nesting) is the bound.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import Any, ClassVar

from scraper.extract import PageExtraction, extract_page

logger = logging.getLogger(__name__)


# "auto" never starts more workers than this: on the 2-core machine the figures were taken
# on, one worker was the best count (docs/benchmarks.md, "Crawl"); each worker costs about
# 60 MiB.
AUTO_MAX_PROCESSES = 4


class ExtractionTimeout(Exception):
    """A page's extraction in a worker took longer than the pool's timeout."""


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_processes(cores: int) -> int:
    """How many extraction workers "auto" starts on `cores` cores: one core stays the
    crawl's (Scrapy, the pipelines, the store's thread); none on one core."""
    return max(0, min(cores - 1, AUTO_MAX_PROCESSES))


def extraction_processes(setting: object, cores: int | None = None) -> int:
    """The pool size a ``SCRAPER_EXTRACT_PROCESSES`` value asks for: "auto" (or None) by
    the usable cores, else a count >= 0. ValueError for anything else."""
    if setting is None or (isinstance(setting, str) and setting.strip().lower() == "auto"):
        return auto_processes(usable_cores() if cores is None else cores)
    try:
        count = int(setting)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        count = -1
    if count < 0 or isinstance(setting, float | bool):
        raise ValueError(
            f'SCRAPER_EXTRACT_PROCESSES takes "auto" or a count >= 0 (got {setting!r})'
        )
    return count


def _started() -> int:
    """Run in a new worker: it has imported the extraction code and can take pages."""
    return os.getpid()


class ExtractionPool:
    # The pools `shared` handed out, by their arguments, with how many users each has.
    _shared: ClassVar[dict[tuple[int, float, int], tuple[ExtractionPool, int]]] = {}

    def __init__(self, processes: int = 0, timeout: float = 120.0, start_after: int = 0) -> None:
        """`start_after`: pages to extract in this thread before the pool starts (a crawl
        shorter than that never pays for starting workers)."""
        self.processes = max(0, processes)
        self.timeout = timeout
        self.start_after = max(0, start_after)
        self._pool: ProcessPoolExecutor | None = None
        # The first worker's start-up: pages go to the pool once it is done.
        self._starting: Future[int] | None = None
        # Pages extracted in a worker, and in this thread while no worker had started yet.
        self.pooled_pages = 0
        self.inline_pages = 0

    @classmethod
    def shared(cls, processes: int, timeout: float = 120.0, start_after: int = 0) -> ExtractionPool:
        """The process's pool with these arguments, for one more user (a spider); each
        user calls `release` once, and the last release closes it."""
        key = (max(0, processes), timeout, max(0, start_after))
        pool, users = cls._shared.get(key, (None, 0))
        if pool is None:
            pool = cls(processes, timeout, start_after)
        cls._shared[key] = (pool, users + 1)
        return pool

    def release(self) -> None:
        """One user of a `shared` pool is done with it; the last closes it."""
        key = (self.processes, self.timeout, self.start_after)
        pool, users = self._shared.get(key, (None, 0))
        if pool is not self:
            self.close()
            return
        if users > 1:
            self._shared[key] = (pool, users - 1)
            return
        del self._shared[key]
        self.close()

    async def extract(
        self, body: bytes, url: str, reference: datetime, **options: Any
    ) -> PageExtraction:
        """`extract_page(body, url, reference, **options)`, in a worker when there are any."""
        page, _ = await self.extract_where(body, url, reference, **options)
        return page

    async def extract_where(
        self, body: bytes, url: str, reference: datetime, **options: Any
    ) -> tuple[PageExtraction, bool]:
        """`extract`, and whether a worker extracted the page (False: this thread did)."""
        if not self.processes or not self._worker_started():
            if self.processes:
                self.inline_pages += 1
            return extract_page(body, url, reference, **options), False
        try:
            page = await self._submit(body, url, reference, options)
        except BrokenProcessPool:
            # A worker died (killed, out of memory) and took the pool's pending pages with
            # it: each of them is tried once more, on a fresh pool.
            page = await self._submit(body, url, reference, options)
        self.pooled_pages += 1
        return page, True

    async def _submit(
        self, body: bytes, url: str, reference: datetime, options: dict[str, Any]
    ) -> PageExtraction:
        pool = self._running()
        try:
            page = await asyncio.wait_for(
                asyncio.wrap_future(pool.submit(extract_page, body, url, reference, **options)),
                self.timeout,
            )
        except BrokenProcessPool:
            self._replace(pool)
            raise
        except TimeoutError:
            self._abandon(pool)
            raise ExtractionTimeout(
                f"extraction took over {self.timeout:g} s; its worker was stopped"
            ) from None
        return page

    async def ready(self) -> None:
        """Start the pool (if it has workers) and wait until its first worker has started."""
        while self.processes and not self._worker_started(now=True):
            await asyncio.sleep(0.02)

    def _worker_started(self, now: bool = False) -> bool:
        """Whether the pool has a worker ready; starts the pool once `start_after` pages
        were extracted here (`now`: at once). A pool replaced after a worker died counts as
        started (its pages queue for the new one)."""
        if self._starting is None:
            if self.inline_pages < self.start_after and not now:
                return False
            self._starting = self._running().submit(_started)
        if not self._starting.done():
            return False
        if self._starting.exception() is not None:
            # The worker died while starting: a fresh pool starts again.
            if self._pool is not None:
                self._replace(self._pool)
            self._starting = None
            return False
        return True

    def _running(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": workers start clean, without copies of the crawl's threads and locks.
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self._pool is broken:
            logger.warning("an extraction worker died; starting a new pool")
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _abandon(self, stuck: ProcessPoolExecutor) -> None:
        """Kill a pool whose worker overran the timeout: the other pages it held fail with
        BrokenProcessPool and are tried once more, on a fresh pool."""
        if self._pool is stuck:
            logger.warning("an extraction overran %g s; stopping its workers", self.timeout)
            _stop(stuck)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None and self._starting is not None and not self._starting.done():
            # The crawl ended while its first worker was still starting: no page is in the
            # pool, and waiting for the start-up would only delay the crawl's end.
            _stop(self._pool)
            self._pool = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._starting = None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers, busy or not, and let it go."""
    # The executor has no public way to stop a busy worker (before Python 3.14).
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
