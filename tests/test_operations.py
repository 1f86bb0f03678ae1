"""Scheduled runs: incremental, resumable after kill -9, locked, and loud on drift."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time

import pytest

from scraper.ops.runlock import crawl_locks
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth

TRUTH = load_truth()
# home, robots.txt, sitemap index + 2 sitemaps, feed, REST API posts, 8 category first pages,
# and the dead link
LISTINGS = 16


@pytest.mark.slow  # three whole crawls
def test_second_run_fetches_listings_only_and_writes_nothing_new(
    replay_server, tmp_path, crawl, snapshot, last_stats
):
    db = tmp_path / "news.db"
    first = crawl(db, replay_server)
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    before = snapshot(db)
    second = crawl(db, replay_server)
    assert second.returncode == 0, second.stdout + second.stderr[-2000:]
    stats = last_stats(db)
    assert stats["downloader/request_count"] == LISTINGS
    assert stats.get("pages/article", 0) == 0
    assert stats["incremental/skipped_known"] >= len(TRUTH["articles"])
    assert stats["monitor/status"] == "ok"
    assert snapshot(db) == before
    # A run whose stored articles are all recent re-fetches them conditionally: 304s.
    third = crawl(db, replay_server, "--recent-days", "100000")
    assert third.returncode == 0, third.stdout + third.stderr[-2000:]
    stats = last_stats(db)
    assert stats["incremental/not_modified"] == len(TRUTH["articles"])
    assert stats["downloader/response_status_count/304"] == len(TRUTH["articles"])
    assert snapshot(db) == before


@pytest.mark.slow  # one of the crash series
def test_kill_nine_then_resume_equals_an_uninterrupted_run(
    replay_server, crawled_db, tmp_path, crawl, crawl_process, snapshot
):
    expected = snapshot(crawled_db)
    db = tmp_path / "news.db"
    process = crawl_process(db, replay_server)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        if stored >= 15:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        interrupted = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 15 <= interrupted < len(TRUTH["articles"])
    resumed = crawl(db, replay_server)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-2000:]
    assert snapshot(db) == expected


def test_a_changed_theme_makes_the_run_exit_3_and_names_the_field(tmp_path, crawl, last_stats):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    for page in (site / "pages").glob("post-*.html"):
        page.write_text(
            page.read_text(encoding="utf-8").replace("mvp-content-main", "zox-body-v2"),
            encoding="utf-8",
        )
    with BackgroundServer(site) as base_url:
        done = crawl(tmp_path / "news.db", base_url)
    assert done.returncode == 3, done.stdout + done.stderr[-2000:]
    assert "monitor: drift" in done.stdout and "body 0.00%" in done.stdout
    assert last_stats(tmp_path / "news.db")["monitor/status"] == "drift"


def test_a_second_instance_exits_75(replay_server, tmp_path, crawl):
    db = tmp_path / "news.db"
    with crawl_locks(db, ["zox-demo"]):
        done = crawl(db, replay_server)
    assert done.returncode == 75
    assert f"another crawl of zox-demo into {db} is running (pid {os.getpid()})" in done.stderr


def test_nothing_discovered_exits_5(tmp_path, crawl):
    config = tmp_path / "empty.toml"
    config.write_text(
        'name = "empty"\nprofile = "zox"\ntimezone = "UTC"\n'
        'start_urls = ["https://www.akhbar-turkiya.example/no/such/page/"]\n'
        'allowed_domains = ["www.akhbar-turkiya.example"]\n'
        "[politeness]\ndownload_delay = 0.0\nconcurrency = 1\nautothrottle = false\n"
    )
    # (The bundled site's robots.txt names its sitemaps, which a site file naming none
    # would read: not here, where the start URL alone must find nothing.)
    with BackgroundServer() as base_url:
        done = crawl(
            tmp_path / "x.db",
            base_url,
            "--set",
            "SCRAPER_ROBOTS_SITEMAPS=False",
            site=str(config),
            timeout=120,
        )
    assert done.returncode == 5, done.stdout + done.stderr[-2000:]
    assert "nothing discovered" in done.stdout


@pytest.mark.parametrize("tty", [False])
def test_cron_runs_are_quiet(shared_crawl, tty):
    _, done = shared_crawl
    assert "pages/s" not in done.stderr  # no progress line without a terminal
