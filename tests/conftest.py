"""Shared fixtures: the bundled site, its ground truth, a replay server, and the crawl
subprocess with the readers of its database.

Test modules take what they share from here as fixtures, never by importing this module
(or one another); values needed at collection time come from `scraper.testkit.truth`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scraper.items import ArticleRecord
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth, page_of, utc

# Crawls run from the project root, whatever directory pytest was started in.
PROJECT = Path(__file__).resolve().parent.parent


def crawl_command(db: Path, base_url: str, *extra: str, site: str = "zox-demo") -> list[str]:
    """`python -m scraper crawl SITE --db DB --base-url URL [extra...]`."""
    return [
        sys.executable,
        "-m",
        "scraper",
        "crawl",
        site,
        "--db",
        str(db),
        "--base-url",
        base_url,
        *extra,
    ]


def run_crawl(
    db: Path, base_url: str, *extra: str, site: str = "zox-demo", timeout: float = 300
) -> subprocess.CompletedProcess:
    """One whole crawl, its stdout and stderr captured as text."""
    return subprocess.run(
        crawl_command(db, base_url, *extra, site=site),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_crawl(
    db: Path, base_url: str, *extra: str, site: str = "zox-demo", log: Path | None = None
) -> subprocess.Popen:
    """A crawl left running (to be killed): stderr to `log` if given, else discarded."""
    with open(log or os.devnull, "wb") as stderr:
        return subprocess.Popen(
            crawl_command(db, base_url, *extra, site=site),
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def read_last_stats(db: Path) -> dict:
    """The statistics of the newest crawl run."""
    with sqlite3.connect(db) as conn:
        return json.loads(
            conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0]
        )


def read_snapshot(db: Path) -> dict:
    """Everything a researcher reads, without run metadata."""
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute(
                "SELECT url, content_hash, headline, published_at, published_earliest, "
                "published_latest, first_seen_at, last_seen_at, last_changed_at FROM articles "
                "ORDER BY url"
            ).fetchall(),
            "sightings": conn.execute(
                "SELECT item_url, page_url, widget, time_raw, earliest, latest, reference_time "
                "FROM list_item_sightings ORDER BY 1, 2, 3, 7"
            ).fetchall(),
            "revisions": conn.execute("SELECT count(*) FROM article_revisions").fetchone(),
            # Source ids are surrogate keys numbered in arrival order; compare names.
            "sources": conn.execute(
                "SELECT url, source FROM article_sources_named ORDER BY 1, 2"
            ).fetchall(),
        }


def bundled_articles() -> Iterator[ArticleRecord]:
    """Every bundled article, extracted as the store keeps it."""
    from scraper.extract import extract_page

    truth = load_truth()
    for expected in truth["articles"]:
        page = page_of(truth, expected["file"])
        html = (BUNDLED_SITE / expected["file"]).read_bytes()
        result = extract_page(
            html,
            expected["url"],
            utc(page["date"]),
            site="zox-demo",
            timezone=truth["site"]["timezone"],
        )
        yield result.article


@pytest.fixture(scope="session")
def crawl() -> Callable[..., subprocess.CompletedProcess]:
    """`crawl(db, base_url, *extra, site="zox-demo", timeout=300)` runs one whole crawl."""
    return run_crawl


@pytest.fixture(scope="session")
def crawl_process() -> Callable[..., subprocess.Popen]:
    """`crawl_process(db, base_url, *extra, site="zox-demo", log=None)` starts one."""
    return start_crawl


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Path], dict]:
    """`snapshot(db)`: the stored articles, sightings, revisions and sources."""
    return read_snapshot


@pytest.fixture(scope="session")
def last_stats() -> Callable[[Path], dict]:
    """`last_stats(db)`: the statistics of the newest crawl run."""
    return read_last_stats


@pytest.fixture(scope="session")
def fixture_articles() -> Callable[[], Iterator[ArticleRecord]]:
    """`fixture_articles()`: every bundled article as the store keeps it."""
    return bundled_articles


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A store holding every bundled article."""
    from scraper.store import Store

    path = tmp_path_factory.mktemp("store") / "news.db"
    store = Store(path)
    store.write_batch(list(bundled_articles()))
    store.close()
    return path


@pytest.fixture(scope="session")
def shared_crawl(replay_server, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The session's one crawl of the bundled site: its database (read it, don't write
    it; copy it to write) and the finished process, output captured."""
    path = tmp_path_factory.mktemp("crawled") / "news.db"
    done = run_crawl(path, replay_server)
    assert done.returncode == 0, done.stderr[-3000:]
    return path, done


@pytest.fixture(scope="session")
def crawled_db(shared_crawl) -> Path:
    """A database from one crawl of the bundled site (read it, don't write it)."""
    return shared_crawl[0]


@pytest.fixture(scope="session")
def truth() -> dict:
    return load_truth()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return BUNDLED_SITE


@pytest.fixture(scope="session")
def replay_server():
    with BackgroundServer() as base_url:
        yield base_url
