"""A replay is crawled under the site's real URLs, whichever way it is started: the bundled
site crawled four ways into one database stores one set of records."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scraper.extract import normalize_url
from scraper.testkit.truth import load_truth

PROJECT = Path(__file__).resolve().parent.parent
ORIGIN = "https://www.akhbar-turkiya.example"
SERVE_SITE_PORT = 8765  # `scraper serve-site`'s default, and the zox-demo site's `replay`


def run(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, *args], cwd=PROJECT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def serve_site_on_the_default_port() -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "scraper", "serve-site"],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stdout.readline()  # printed once the socket listens
    if f"127.0.0.1:{SERVE_SITE_PORT}" not in line:
        server.kill()
        pytest.fail(f"serve-site did not start: {line!r} {server.stderr.read()[-2000:]}")
    return server


def where(url: str) -> str:
    """A URL without its origin: the same page however it was reached."""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "list_item_sightings", "categories", "fetch_state")
        }


@pytest.mark.slow  # four crawls
def test_four_ways_of_crawling_the_bundled_site_store_one_set_of_urls(
    replay_server, tmp_path, crawl
):
    if not port_is_free(SERVE_SITE_PORT):
        pytest.skip(f"port {SERVE_SITE_PORT} is taken: serve-site cannot use its default port")
    db = tmp_path / "news.db"
    run("-m", "scraper", "demo", "--db", str(db))  # its own server, on a free port
    first = counts(db)
    done = crawl(db, replay_server)
    assert done.returncode == 0, done.stderr[-3000:]
    server = serve_site_on_the_default_port()
    try:
        run("-m", "scraper", "crawl", "zox-demo", "--db", str(db))  # the site's `replay`
    finally:
        server.terminate()
        server.wait(timeout=10)
    run(
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        "site=zox-demo",
        "-a",
        f"base_url={replay_server}",
        "-s",
        f"SCRAPER_DB_PATH={db}",
        "-s",
        "LOG_LEVEL=WARNING",
    )

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone() == (4,)
    assert counts(db) == first
    articles = [url for (url,) in conn.execute("SELECT url FROM articles")]
    assert sorted(articles) == sorted(normalize_url(a["url"]) for a in load_truth()["articles"])
    assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (0,)
    sightings = Counter(
        (where(item), where(page), widget, reference)
        for item, page, widget, reference in conn.execute(
            "SELECT item_url, page_url, widget, reference_time FROM list_item_sightings"
        )
    )
    assert [key for key, n in sightings.items() if n > 1] == []
    hosts = {
        urlsplit(url).hostname
        for (url,) in conn.execute(
            "SELECT item_url FROM list_item_sightings UNION SELECT page_url "
            "FROM list_item_sightings UNION SELECT url FROM fetch_state "
            "UNION SELECT url FROM failures UNION SELECT url FROM categories WHERE url IS NOT NULL"
        )
    }
    assert hosts == {urlsplit(ORIGIN).hostname}
    # No column of any table (site configurations, images, run records included) names
    # the replay's address.
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'"
        )
    ]
    local = {}
    for table in tables:
        for column in [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]:
            hits = conn.execute(
                f"SELECT count(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE '%127.0.0.1%'"
            ).fetchone()[0]
            if hits:
                local[f"{table}.{column}"] = hits
    assert local == {}
    conn.close()


def test_the_replay_handler_maps_only_the_sites_hosts():
    from scrapy.utils.test import get_crawler

    from scraper.crawl.replay import ReplayDownloadHandler
    from spiders.news import NewsSpider

    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site="zox-demo", base_url="http://127.0.0.1:40123")
    handler = ReplayDownloadHandler(crawler)
    served = handler.served_url
    assert served(ORIGIN + "/2025/12/15/x/?p=1#top") == "http://127.0.0.1:40123/2025/12/15/x/?p=1"
    assert served("http://www.akhbar-turkiya.example:80/feed/") == "http://127.0.0.1:40123/feed/"
    assert served("https://evil.example/") is None
    assert served("http://127.0.0.1:40123/") is None
