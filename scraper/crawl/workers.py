"""Extraction off the crawl's thread, in worker processes.

Scrapy runs every callback on one thread. In a busy crawl, extraction (parsing, selectors,
the time layer: pure CPU) is most of that thread's work, so responses wait behind it while
other cores idle. Extraction is pure (bytes, URL and reference time in, a `PageExtraction`
out), so it moves to a process pool unchanged. ``SCRAPER_EXTRACT_PROCESSES`` sets the pool's
size; 0 extracts in the crawl's own thread.

In a worker, a page's extraction is bounded by ``SCRAPER_EXTRACT_TIMEOUT``: a worker that
takes longer (a page no pre-check caught, a stopped process) is killed and the page fails
with ExtractionTimeout; the crawl goes on with a fresh pool. In the crawl's own thread
nothing can interrupt a parse: the nesting pre-check (scraper.extract.nesting) is the bound.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import Any

from scraper.extract import PageExtraction, extract_page

logger = logging.getLogger(__name__)


class ExtractionTimeout(Exception):
    """A page's extraction in a worker took longer than the pool's timeout."""


class ExtractionPool:
    def __init__(self, processes: int = 0, timeout: float = 120.0) -> None:
        self.processes = max(0, processes)
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None

    async def extract(
        self, body: bytes, url: str, reference: datetime, **options: Any
    ) -> PageExtraction:
        """`extract_page(body, url, reference, **options)`, in a worker when there are any."""
        if not self.processes:
            return extract_page(body, url, reference, **options)
        try:
            return await self._submit(body, url, reference, options)
        except BrokenProcessPool:
            # A worker died (killed, out of memory) and took the pool's pending pages with
            # it: each of them is tried once more, on a fresh pool.
            return await self._submit(body, url, reference, options)

    async def _submit(
        self, body: bytes, url: str, reference: datetime, options: dict[str, Any]
    ) -> PageExtraction:
        pool = self._running()
        try:
            return await asyncio.wait_for(
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
            # The executor has no public way to stop a busy worker (before Python 3.14).
            for process in list(getattr(stuck, "_processes", {}).values()):
                process.kill()
            stuck.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
