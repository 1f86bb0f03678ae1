"""Crawl state from a central database (SCRAPER_STATE_DB, `scraper crawl --state-db`): a
crawl into an empty shard skips what the central database holds, reads it as one snapshot
and never writes it; a bad central database stops the run before it crawls."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from scraper.ops.monitor import EXIT_UNFINISHED, EXIT_USAGE
from scraper.store import Store, queries
from scraper.store.queries import crawl_state
from scraper.testkit.truth import load_truth

TRUTH = load_truth()
ARTICLES = len(TRUTH["articles"])
# home, robots.txt, sitemap index + 2 sitemaps, feed, REST API posts, 8 category first pages,
# and the dead link
LISTINGS = 16
PROJECT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _article_urls(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM articles")}


def _central_without(crawled_db: Path, tmp_path: Path, left_out: int) -> tuple[Path, set[str]]:
    """A copy of the crawled database with `left_out` articles deleted (as if another host
    had not stored them yet), and their URLs."""
    central = tmp_path / "central.db"
    with sqlite3.connect(crawled_db) as source, sqlite3.connect(central) as copy:
        source.backup(copy)
    with sqlite3.connect(central) as conn:
        missing = {
            url
            for (url,) in conn.execute(
                "SELECT url FROM articles ORDER BY url LIMIT ?", (left_out,)
            ).fetchall()
        }
        conn.executemany("DELETE FROM articles WHERE url = ?", [(url,) for url in missing])
    with closing(sqlite3.connect(central)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole database in one file
    return central, missing


def test_a_shard_crawl_skips_what_the_central_database_holds(
    replay_server, crawled_db, tmp_path, crawl, last_stats
):
    # Without the option, a crawl into an empty database fetches every article (the
    # session's crawl is one).
    assert last_stats(crawled_db)["pages/article"] == ARTICLES
    central, missing = _central_without(crawled_db, tmp_path, 3)
    before = _digest(central)
    shard = tmp_path / "shard.db"
    done = crawl(shard, replay_server, "--state-db", str(central))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    stats = last_stats(shard)
    assert stats["incremental/skipped_known"] == ARTICLES - 3
    assert stats["pages/article"] == 3
    # Listings, the new articles, and the next page of each listing that showed one of them.
    with sqlite3.connect(shard) as conn:
        (deeper,) = conn.execute(
            "SELECT count(*) FROM fetch_state WHERE url LIKE '%/page/%'"
        ).fetchone()
    assert 0 <= deeper <= 3
    assert stats["downloader/request_count"] == LISTINGS + 3 + deeper
    assert (
        stats["downloader/request_count"] < last_stats(crawled_db)["downloader/request_count"] / 3
    )
    assert f"{ARTICLES - 3} stored articles skipped" in done.stdout
    # The shard holds only what was new; the central database was only read.
    assert _article_urls(shard) == missing
    assert _digest(central) == before
    # A resumed shard crawl stays incremental: the shard's own articles count as well.
    again = crawl(shard, replay_server, "--state-db", str(central))
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    stats = last_stats(shard)
    assert stats["incremental/skipped_known"] == ARTICLES
    assert stats.get("pages/article", 0) == 0
    assert stats["downloader/request_count"] == LISTINGS


def test_recent_articles_are_refetched_with_the_central_validators(
    replay_server, crawled_db, tmp_path, crawl, last_stats
):
    shard = tmp_path / "shard.db"
    done = crawl(shard, replay_server, "--state-db", str(crawled_db), "--recent-days", "100000")
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    stats = last_stats(shard)
    # Every stored article is recent: each is asked for with the ETag and Last-Modified the
    # central database holds, and the site answers 304.
    assert stats["incremental/refetched_recent"] == ARTICLES
    assert stats["downloader/response_status_count/304"] == ARTICLES
    assert stats.get("pages/article", 0) == 0
    assert _article_urls(shard) == set()


def _newer_schema(tmp_path: Path) -> Path:
    db = tmp_path / "newer.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
    return db


@pytest.mark.parametrize("kind", ["missing", "not sqlite", "newer schema"])
def test_a_bad_central_database_is_refused_in_one_line(tmp_path, crawl, kind):
    if kind == "missing":
        central, expected = tmp_path / "central.db", "no database at"
    elif kind == "not sqlite":
        central, expected = tmp_path / "central.db", "is not a SQLite database"
        central.write_text("a shopping list\n")
    else:
        central, expected = _newer_schema(tmp_path), "has schema version 99"
    shard = tmp_path / "shard.db"
    # No server: the run must stop before it asks for anything.
    done = crawl(shard, "http://127.0.0.1:9", "--state-db", str(central), timeout=60)
    assert done.returncode == EXIT_USAGE, done.stdout + done.stderr[-3000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("scraper crawl: error: --state-db: ")
    assert expected in lines[0] and str(central) in lines[0]
    assert done.stdout == ""
    assert not shard.exists()


def test_a_plain_scrapy_crawl_with_a_bad_central_database_fails_the_run(tmp_path):
    shard = tmp_path / "shard.db"
    central = tmp_path / "central.db"
    central.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a damaged header
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "base_url=http://127.0.0.1:9"]
    settings = ["-s", f"SCRAPER_DB_PATH={shard}", "-s", f"SCRAPER_STATE_DB={central}"]
    done = subprocess.run(
        [*command, *settings, "-s", "LOG_LEVEL=INFO"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Closing spider (state_db_failed)" in done.stderr, done.stderr[-3000:]
    assert f"SCRAPER_STATE_DB: {central} cannot be read as SQLite" in done.stderr
    assert done.returncode == EXIT_UNFINISHED
    # The run is recorded with its reason, and it asked the site for nothing.
    with sqlite3.connect(shard) as conn:
        (reason,) = conn.execute("SELECT finish_reason FROM crawl_runs").fetchone()
    assert reason == "state_db_failed"
    assert "downloader/request_count" not in done.stderr


def _store_with(path: Path, fixture_articles, urls: set[str]) -> None:
    store = Store(path)
    store.write_batch([a for a in fixture_articles() if a.url in urls])
    store.close()


def test_the_state_is_the_union_of_the_shard_and_the_central_database(tmp_path, fixture_articles):
    urls = sorted(a.url for a in fixture_articles())
    shard, central = tmp_path / "shard.db", tmp_path / "central.db"
    _store_with(shard, fixture_articles, set(urls[:5]))
    _store_with(central, fixture_articles, set(urls[3:10]))
    alone = crawl_state(shard, "zox-demo", "9999")
    both = crawl_state(shard, "zox-demo", "9999", central)
    assert alone.known == set(urls[:5])
    assert both.known == set(urls[:10])
    assert crawl_state(shard, "other-site", "9999", central).known == set()
    # Every article is recent since the year 0.
    assert set(crawl_state(tmp_path / "none.db", "zox-demo", "0", central).recent) == set(
        urls[3:10]
    )


def test_the_central_database_is_read_as_one_snapshot(tmp_path, fixture_articles, monkeypatch):
    urls = sorted(a.url for a in fixture_articles())
    central = tmp_path / "central.db"
    _store_with(central, fixture_articles, set(urls[:5]))
    writer = sqlite3.connect(central, isolation_level=None)
    opened = queries.open_read_only

    def merge_between_the_queries(path):
        conn = opened(path)

        def on_statement(sql: str) -> None:
            # A merge commits its pages just as the state reads them.
            if "SELECT url FROM fetch_state" in sql:
                writer.execute(
                    "INSERT INTO fetch_state (url, status, fetched_at) "
                    "VALUES ('https://example.org/merged/', 200, '2026-01-01T00:00:00Z')"
                )

        conn.set_trace_callback(on_statement)
        return conn

    monkeypatch.setattr(queries, "open_read_only", merge_between_the_queries)
    try:
        state = crawl_state(tmp_path / "none.db", "zox-demo", "9999", central)
    finally:
        writer.close()
    assert state.known == set(urls[:5])
    assert "https://example.org/merged/" not in state.fetched
    # The row is there for the next reader.
    monkeypatch.undo()
    assert (
        "https://example.org/merged/"
        in crawl_state(tmp_path / "none.db", "zox-demo", "9999", central).fetched
    )


def test_an_older_central_database_is_read_as_it_is(tmp_path, fixture_articles):
    # A version 1 database (no schema_info, no fetch_state) is neither upgraded nor refused:
    # its articles are known, without validators.
    from scraper.store.schema import SCHEMA_V1

    article = next(iter(fixture_articles()))
    central = tmp_path / "central.db"
    with closing(sqlite3.connect(central)) as conn:
        conn.executescript(SCHEMA_V1)
        conn.execute(
            "INSERT INTO articles (url, site, published_at, fetched_url, reference_time, "
            "content_hash, first_seen_at, last_seen_at, last_changed_at) "
            "VALUES (?, 'zox-demo', '2020-01-01T00:00:00Z', ?, '', '', '', '', '')",
            (article.url, article.url),
        )
        conn.commit()
    before = _digest(central)
    state = crawl_state(tmp_path / "none.db", "zox-demo", "2019", central)
    assert state.known == {article.url}
    assert state.recent == {article.url: (None, None)}
    assert state.fetched == set()
    assert _digest(central) == before
