"""Crash safety: kill the crawl with SIGKILL at seeded random moments, re-run after each,
and end with the database an uninterrupted run produces.

`make test` runs CRASH_KILLS=3; `make crash-test` runs 12 (CRASH_SEED picks the moments).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time

import pytest

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("CRASH_KILLS", "3"))
SEED = int(os.environ.get("CRASH_SEED", "11"))


def committed(db) -> tuple[set, set]:
    if not db.exists():
        return set(), set()
    with sqlite3.connect(db) as conn:
        # A run killed before its schema transaction committed leaves no tables: nothing was
        # committed yet (a later loss still shows, as the earlier sets are then not subsets).
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return set(), set()
        articles = set(conn.execute("SELECT url, content_hash FROM articles"))
        sightings = set(
            conn.execute(
                "SELECT item_url, page_url, widget, reference_time FROM list_item_sightings"
            )
        )
    return articles, sightings


def test_killed_again_and_again_then_completed(
    replay_server, crawled_db, tmp_path, crawl, crawl_process, snapshot
):
    rng = random.Random(SEED)
    # Kill moments are drawn within the time a whole run takes here (start-up included),
    # so the kills land mid-run however fast the crawl has become.
    started = time.perf_counter()
    crawl(tmp_path / "timing.db", replay_server)
    whole_run = time.perf_counter() - started
    db = tmp_path / "news.db"
    before_articles, before_sightings = set(), set()
    killed_mid_run = 0
    for _ in range(KILLS):
        process = crawl_process(db, replay_server)
        time.sleep(rng.uniform(0.3, 0.95) * whole_run)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed_mid_run += 1
        process.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        articles, sightings = committed(db)
        # Nothing committed before a kill is ever lost.
        assert before_articles <= articles and before_sightings <= sightings
        before_articles, before_sightings = articles, sightings
    assert killed_mid_run >= 1
    done = crawl(db, replay_server)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert snapshot(db) == snapshot(crawled_db)
