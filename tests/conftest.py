"""Shared fixtures: the bundled site, its ground truth, and a replay server."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.testkit.server import BUNDLED_SITE, BackgroundServer

SITE_DIR = BUNDLED_SITE


def load_truth() -> dict:
    return json.loads((SITE_DIR / "truth.json").read_text(encoding="utf-8"))


def utc(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def page_of(truth: dict, file: str) -> dict:
    return next(page for page in truth["pages"] if page["file"] == file)


def fixture_articles():
    """Every bundled article, extracted as the store keeps it."""
    from scraper.extract import extract_page

    truth = load_truth()
    for expected in truth["articles"]:
        page = page_of(truth, expected["file"])
        html = (SITE_DIR / expected["file"]).read_bytes()
        result = extract_page(
            html,
            expected["url"],
            utc(page["date"]),
            site="zox-demo",
            timezone=truth["site"]["timezone"],
        )
        yield result.article


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A store holding every bundled article."""
    from scraper.store import Store

    path = tmp_path_factory.mktemp("store") / "news.db"
    store = Store(path)
    store.write_batch(list(fixture_articles()))
    store.close()
    return path


@pytest.fixture(scope="session")
def crawled_db(replay_server, tmp_path_factory) -> Path:
    """A database from one crawl of the bundled site (read it, don't write it)."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("crawled") / "news.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scraper",
            "crawl",
            "zox-demo",
            "--db",
            str(path),
            "--base-url",
            replay_server,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return path


@pytest.fixture(scope="session")
def truth() -> dict:
    return load_truth()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return SITE_DIR


@pytest.fixture(scope="session")
def replay_server():
    with BackgroundServer() as base_url:
        yield base_url
