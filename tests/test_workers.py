"""Extraction in worker processes (SCRAPER_EXTRACT_PROCESSES) gives what the crawl's own
thread gives, and survives a worker that dies."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from datetime import UTC, datetime

import pytest

from scraper.crawl.workers import ExtractionPool, ExtractionTimeout
from scraper.extract import extract_page
from scraper.testkit.server import BUNDLED_SITE

SITE = BUNDLED_SITE
REFERENCE = datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)
OPTIONS = {"site": "zox-demo", "profile": "zox", "timezone": "Europe/Istanbul"}


def pages(count: int) -> list[tuple[bytes, str]]:
    truth = json.loads((SITE / "truth.json").read_text(encoding="utf-8"))
    return [((SITE / a["file"]).read_bytes(), a["url"]) for a in truth["articles"][:count]]


@pytest.fixture
def pool():
    """A pool of one worker process, closed after the test."""
    pool = ExtractionPool(1)
    yield pool
    pool.close()


def test_a_worker_extracts_what_the_crawl_thread_extracts(pool):
    async def both():
        for body, url in pages(4):
            pooled = await pool.extract(body, url, REFERENCE, **OPTIONS)
            inline = extract_page(body, url, REFERENCE, **OPTIONS)
            assert pooled == inline
            assert pooled.article.headline and len(pooled.list_items) > 10

    asyncio.run(both())


def test_a_dead_worker_is_replaced_and_the_page_extracted(pool):
    (body, url), *_ = pages(1)

    async def scenario():
        first = await pool.extract(body, url, REFERENCE, **OPTIONS)
        broken = pool._pool
        for pid in list(pool._pool._processes):  # the worker dies (killed, OOM...)
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.5)
        again = await pool.extract(body, url, REFERENCE, **OPTIONS)
        assert again == first
        assert pool._pool is not broken  # a fresh pool did the work

    asyncio.run(scenario())


def test_no_processes_means_the_crawl_thread():
    pool = ExtractionPool(0)
    (body, url), *_ = pages(1)
    page = asyncio.run(pool.extract(body, url, REFERENCE, **OPTIONS))
    assert pool._pool is None
    assert page == extract_page(body, url, REFERENCE, **OPTIONS)


def test_a_crawl_with_two_workers_stores_what_an_inline_crawl_stores(
    replay_server, crawled_db, tmp_path, crawl, snapshot
):
    db = tmp_path / "pooled.db"
    done = crawl(db, replay_server, "--set", "SCRAPER_EXTRACT_PROCESSES=2")
    assert done.returncode == 0, done.stderr[-2000:]
    assert snapshot(db) == snapshot(crawled_db)


def test_a_stuck_worker_fails_its_page_within_the_timeout_and_the_crawl_goes_on():
    pool = ExtractionPool(1, timeout=2.0)
    (body, url), *_ = pages(1)

    async def scenario():
        first = await pool.extract(body, url, REFERENCE, **OPTIONS)
        stuck = pool._pool
        for pid in list(stuck._processes):  # the worker stops answering mid-crawl
            os.kill(pid, signal.SIGSTOP)
        started = time.monotonic()
        with pytest.raises(ExtractionTimeout, match="took over 2 s"):
            await pool.extract(body, url, REFERENCE, **OPTIONS)
        assert time.monotonic() - started < 10
        assert pool._pool is None  # the stuck pool and its worker are gone
        assert await pool.extract(body, url, REFERENCE, **OPTIONS) == first

    try:
        asyncio.run(scenario())
    finally:
        started = time.monotonic()
        pool.close()
        assert time.monotonic() - started < 10
