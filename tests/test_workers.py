"""Extraction in worker processes (SCRAPER_EXTRACT_PROCESSES) gives what the crawl's own
thread gives, survives a worker that dies, and is on by default on two cores or more."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from scraper.crawl.workers import (
    ExtractionPool,
    ExtractionTimeout,
    extraction_processes,
)
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
        await pool.ready()
        for body, url in pages(4):
            pooled = await pool.extract(body, url, REFERENCE, **OPTIONS)
            inline = extract_page(body, url, REFERENCE, **OPTIONS)
            assert pooled == inline
            assert pooled.article.headline and len(pooled.list_items) > 10

    asyncio.run(both())


def test_a_dead_worker_is_replaced_and_the_page_extracted(pool):
    (body, url), *_ = pages(1)

    async def scenario():
        await pool.ready()
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
        await pool.ready()
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


@pytest.mark.parametrize(
    ("setting", "cores", "processes"),
    [("auto", 1, 0), ("auto", 2, 1), (" AUTO ", 3, 2), (None, 2, 1), ("auto", 64, 4),
     (0, 8, 0), ("0", 8, 0), ("3", 1, 3), (2, 2, 2)],
)  # fmt: skip
def test_the_pool_size_a_setting_asks_for(setting, cores, processes):
    assert extraction_processes(setting, cores=cores) == processes


@pytest.mark.parametrize("setting", ["-1", -2, "two", "1.5", 1.5, True, ""])
def test_a_pool_size_that_is_no_count_is_refused(setting):
    with pytest.raises(ValueError, match="SCRAPER_EXTRACT_PROCESSES"):
        extraction_processes(setting, cores=2)


def test_pages_are_extracted_in_this_thread_until_the_first_worker_has_started():
    pool = ExtractionPool(1)
    (body, url), *_ = pages(1)
    inline = extract_page(body, url, REFERENCE, **OPTIONS)

    async def scenario():
        first, pooled = await pool.extract_where(body, url, REFERENCE, **OPTIONS)
        assert (first, pooled) == (inline, False)  # a new interpreter takes about a second
        assert pool._pool is not None  # but the pool is starting
        await pool.ready()
        again, pooled = await pool.extract_where(body, url, REFERENCE, **OPTIONS)
        assert (again, pooled) == (inline, True)

    try:
        asyncio.run(scenario())
    finally:
        pool.close()
    assert (pool.inline_pages, pool.pooled_pages) == (1, 1)


def test_the_pool_starts_after_start_after_pages_extracted_in_this_thread():
    pool = ExtractionPool(1, start_after=3)
    (body, url), *_ = pages(1)

    async def scenario():
        for _ in range(3):
            assert (await pool.extract_where(body, url, REFERENCE, **OPTIONS))[1] is False
            assert pool._pool is None  # not started: a short crawl never pays for it
        await pool.extract(body, url, REFERENCE, **OPTIONS)
        assert pool._pool is not None  # the fourth page started it
        await pool.ready()
        assert (await pool.extract_where(body, url, REFERENCE, **OPTIONS))[1] is True

    try:
        asyncio.run(scenario())
    finally:
        pool.close()


def test_closing_a_pool_whose_worker_is_still_starting_does_not_wait_for_it():
    pool = ExtractionPool(1)
    (body, url), *_ = pages(1)
    asyncio.run(pool.extract(body, url, REFERENCE, **OPTIONS))  # starts the pool
    workers = list(pool._pool._processes.values())
    assert workers and not pool._starting.done()
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 0.5  # a worker's start takes about a second
    for worker in workers:
        assert _ends_within(worker.pid, 10.0)


def _ends_within(pid: int, seconds: float) -> bool:
    """Whether the process is gone (or a zombie: killed, not yet reaped) within `seconds`.
    Read from /proc, not `Process.is_alive()`: the executor's own thread may reap the worker
    at the same moment, and the loser of that race reads "still running"."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):  # reaped before or while read
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_spiders_of_one_process_share_one_pool_the_last_closes_it():
    first = ExtractionPool.shared(1, 30.0)
    second = ExtractionPool.shared(1, 30.0)
    other = ExtractionPool.shared(2, 30.0)
    try:
        assert first is second and other is not first
        asyncio.run(first.ready())
        first.release()
        assert second._pool is not None  # the other site still crawls
        second.release()
        assert second._pool is None
        third = ExtractionPool.shared(1, 30.0)
        assert third is not first  # a new run, a new pool
        third.release()
        other.release()
        # This test's pools (timeout 30 s) are all gone; spiders other tests built without
        # closing them (test_distributed builds some) may still hold theirs.
        assert not [key for key in ExtractionPool._shared if key[1] == 30.0]
    finally:
        for pool, _ in ExtractionPool._shared.values():
            pool.close()
        ExtractionPool._shared.clear()


def crawl_stats(db) -> dict:
    with sqlite3.connect(db) as conn:
        return json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])


def crawl_on_cores(db, base_url: str, cores: set[int], *extra: str) -> subprocess.CompletedProcess:
    """A crawl of the bundled site by a process that may run on `cores` only."""
    return subprocess.run(
        [sys.executable, "-m", "scraper", "crawl", "zox-demo", "--db", str(db),
         "--base-url", base_url, *extra],
        capture_output=True, text=True, timeout=300,
        preexec_fn=lambda: os.sched_setaffinity(0, cores),
    )  # fmt: skip


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_a_crawl_on_two_cores_uses_a_worker_and_stores_what_an_inline_crawl_stores(
    replay_server, tmp_path, crawl, snapshot
):
    two = set(sorted(os.sched_getaffinity(0))[:2])
    pooled, inline = tmp_path / "pooled.db", tmp_path / "inline.db"
    # The default settings but one: the pool starts after 10 pages, not 100 (the bundled
    # site has 74).
    done = crawl_on_cores(pooled, replay_server, two, "--set", "SCRAPER_EXTRACT_POOL_AFTER=10")
    assert done.returncode == 0, done.stderr[-2000:]
    stats = crawl_stats(pooled)
    assert stats["extraction/processes"] == 1
    assert stats["extraction/inline"] >= 10
    assert stats["extraction/pooled"] > 0
    assert stats["extraction/pooled"] + stats["extraction/inline"] == (
        stats["pages/article"] + stats["pages/listing"]
    )
    done = crawl(inline, replay_server, "--set", "SCRAPER_EXTRACT_PROCESSES=0")
    assert done.returncode == 0, done.stderr[-2000:]
    assert crawl_stats(inline)["extraction/processes"] == 0
    assert "extraction/pooled" not in crawl_stats(inline)
    assert snapshot(pooled) == snapshot(inline)


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_a_default_crawl_shorter_than_pool_after_never_starts_a_worker(replay_server, tmp_path):
    db = tmp_path / "short.db"
    done = crawl_on_cores(db, replay_server, set(sorted(os.sched_getaffinity(0))[:2]))
    assert done.returncode == 0, done.stderr[-2000:]
    stats = crawl_stats(db)
    assert stats["extraction/processes"] == 1
    assert stats["extraction/inline"] == stats["pages/article"] + stats["pages/listing"] == 74
    assert "extraction/pooled" not in stats


def test_a_default_crawl_on_one_core_extracts_in_its_own_thread(replay_server, tmp_path):
    db = tmp_path / "one-core.db"
    core = min(os.sched_getaffinity(0))
    done = crawl_on_cores(db, replay_server, {core}, "--set", "SCRAPER_EXTRACT_POOL_AFTER=0")
    assert done.returncode == 0, done.stderr[-2000:]
    stats = crawl_stats(db)
    assert stats["extraction/processes"] == 0
    assert "extraction/pooled" not in stats and "extraction/inline" not in stats
    assert stats["pages/article"] == 57
