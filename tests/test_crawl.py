"""Crawl the bundled site through the local replay server, twice, and check the database."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import sqlite_utils

from scraper.extract import normalize_url
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth

TRUTH = load_truth()


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory, shared_crawl):
    # A copy of the session's crawl: this module crawls into it a second time.
    db_path = tmp_path_factory.mktemp("crawl") / "news.db"
    shutil.copy(shared_crawl[0], db_path)
    first = shared_crawl[1]
    db = sqlite_utils.Database(str(db_path))
    snapshot = {
        "articles": db.execute("SELECT count(*) FROM articles").fetchone()[0],
        "sightings": db.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0],
    }
    return db_path, replay_server, first, snapshot


def test_every_article_of_the_site_is_stored_once(crawled):
    db_path, _, _, _ = crawled
    db = sqlite_utils.Database(str(db_path))
    stored = {row["url"] for row in db.query("SELECT url FROM articles")}
    expected = {normalize_url(a["url"]) for a in TRUTH["articles"]}
    assert stored == expected
    count, urls, post_ids = db.execute(
        "SELECT count(*), count(DISTINCT url), count(DISTINCT post_id) FROM articles"
    ).fetchone()
    assert count == urls == post_ids == len(TRUTH["articles"])


def test_no_article_lacks_headline_body_or_category(crawled):
    db = sqlite_utils.Database(str(crawled[0]))
    gaps = db.execute(
        "SELECT url FROM articles WHERE headline IS NULL OR body IS NULL OR category IS NULL"
    ).fetchall()
    assert gaps == []


def test_stored_values_match_the_truth(crawled):
    db_path, _, _, _ = crawled
    db = sqlite_utils.Database(str(db_path))
    rows = {row["url"]: row for row in db.query("SELECT * FROM articles")}
    for expected in TRUTH["articles"]:
        row = rows[normalize_url(expected["url"])]
        assert row["headline"] == expected["headline"]
        assert (row["profile"], row["extractor"]) == ("zox@1", "scraper.extract@328")
        assert row["body"].split("\n\n") == expected["paragraphs"]
        assert json.loads(row["source"] or "[]") == expected["sources"]
        assert (row["source"] is None) == (not expected["sources"])
        assert row["category"] == expected["category"]["name"]
        assert row["published_earliest"] <= expected["published_utc"] <= row["published_latest"]


def test_every_list_item_has_a_window(crawled):
    db = sqlite_utils.Database(str(crawled[0]))
    total, windowed = db.execute(
        "SELECT count(*), count(earliest) FROM list_item_sightings WHERE widget != 'sitemap'"
    ).fetchone()
    assert total > 100
    assert windowed == total
    assert db.execute(
        "SELECT count(*) FROM list_item_sightings WHERE earliest > latest"
    ).fetchone() == (0,)


def test_dead_link_is_recorded_as_a_failure(crawled):
    db = sqlite_utils.Database(str(crawled[0]))
    # The dead link is the bundled site's only failure (its 301 is followed, not refused).
    failures = [(row["stage"], row["reason"]) for row in db.query("SELECT * FROM failures")]
    assert failures == [("http", "HTTP 404")]


def test_database_is_in_wal_mode(crawled):
    db = sqlite_utils.Database(str(crawled[0]))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_second_crawl_creates_no_duplicates(crawled, crawl):
    db_path, base_url, _, before = crawled
    again = crawl(db_path, base_url)
    assert again.returncode == 0, again.stderr[-3000:]
    db = sqlite_utils.Database(str(db_path))
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == before["articles"]
    # Each run records the failures it met.
    assert db.execute(
        "SELECT count(DISTINCT run_id) FROM failures WHERE reason = 'HTTP 404'"
    ).fetchone() == (2,)
    # The replay serves the same Date headers, so every sighting is the same sighting.
    assert (
        db.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0] == before["sightings"]
    )


def test_sightings_narrow_the_publication_window(crawled):
    db_path, _, _, _ = crawled
    db = sqlite_utils.Database(str(db_path))
    rows = {row["url"]: row for row in db.query("SELECT * FROM article_time_estimates")}
    in_feed = {
        row["item_url"]
        for row in db.query("SELECT item_url FROM list_item_sightings WHERE widget = 'feed'")
    }
    assert len(in_feed) == 10
    for expected in TRUTH["articles"]:
        url = normalize_url(expected["url"])
        row = rows[url]
        assert row["disagreement"] == 0
        assert row["earliest"] <= expected["published_utc"] <= row["latest"]
        assert row["page_earliest"] <= row["earliest"] <= row["latest"] <= row["page_latest"]
        assert row["earliest"] <= row["estimate"] <= row["latest"]
        if row["precision"] == "exact":
            assert row["estimate"] == expected["published_utc"]
        if url in in_feed:
            # The feed states the exact second: every page without an SEO plugin narrows to it.
            assert row["earliest"] == row["latest"] == expected["published_utc"]
    narrowed = [
        r
        for r in rows.values()
        if (r["earliest"], r["latest"]) != (r["page_earliest"], r["page_latest"])
    ]
    assert narrowed


def test_robots_txt_is_obeyed_and_a_lying_charset_is_survived(tmp_path, crawl):
    from scraper.testkit.server import BackgroundServer

    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    robots = site / "pages" / "robots.txt"
    robots.write_text(
        robots.read_text().replace(
            "Disallow: /wp-admin/", "Disallow: /wp-admin/\nDisallow: /category/"
        )
    )
    # The sample page saved as Windows-1256 while the server still says UTF-8.
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    page = site / sample["file"]
    html = page.read_text(encoding="utf-8").replace(
        '<meta charset="UTF-8"', '<meta charset="windows-1256"'
    )
    page.write_bytes(html.encode("cp1256", errors="xmlcharrefreplace"))

    db_path = tmp_path / "news.db"
    with BackgroundServer(site) as base_url:
        done = crawl(db_path, base_url)
    assert done.returncode == 0, done.stderr[-3000:]
    db = sqlite_utils.Database(str(db_path))
    stats = json.loads(db.execute("SELECT stats FROM crawl_runs").fetchone()[0])
    assert stats["robotstxt/forbidden"] >= 8
    # Obeying robots.txt is no failure of the site: no failure row, no download failure.
    assert "failures/download" not in stats
    assert db.execute("SELECT count(*) FROM failures WHERE reason LIKE '%robots%'").fetchone() == (
        0,
    )
    assert db.execute(
        "SELECT count(*) FROM list_item_sightings WHERE page_url LIKE '%/category/%'"
    ).fetchone() == (0,)
    row = db.execute(
        "SELECT headline, source, provenance FROM articles WHERE url = ?",
        [normalize_url(sample["url"])],
    ).fetchone()
    assert row[0] == sample["headline"]
    assert json.loads(row[1]) == ["منصة مزيج"]
    assert json.loads(row[2])["encoding"] == "cp1256"


def test_the_rest_api_is_detected_and_confirms_every_time(crawled):
    db_path, _, _, _ = crawled
    db = sqlite_utils.Database(str(db_path))
    api = {
        row["item_url"]: row
        for row in db.query("SELECT * FROM list_item_sightings WHERE widget = 'api'")
    }
    assert len(api) == len(TRUTH["articles"])
    for expected in TRUTH["articles"]:
        row = api[normalize_url(expected["url"])]
        assert row["earliest"] == row["latest"] == expected["published_utc"]
    # With the API's exact times, every article's estimate closes to the second.
    assert db.execute(
        "SELECT count(*) FROM article_time_estimates WHERE precision = 'exact'"
    ).fetchone() == (len(TRUTH["articles"]),)


def test_no_secrets_in_the_database(crawled):
    db = sqlite_utils.Database(str(crawled[0]))
    settings = json.loads(db.execute("SELECT settings FROM crawl_runs").fetchone()[0])
    assert settings["USER_AGENT"].startswith("arabic-news-scraper")
    everything = json.dumps(
        [settings, *[json.loads(r[0]) for r in db.execute("SELECT stats FROM crawl_runs")]]
    )
    for secret in ("cookie", "authorization", "password", "proxy-authorization"):
        assert secret not in everything.lower()


def test_the_run_records_the_sites_politeness_as_json(crawled):
    """crawl_runs.settings keeps the per-site download slot (delay and concurrency from the
    site file) as JSON a researcher can query, not as the repr of a Scrapy object."""
    db = sqlite_utils.Database(str(crawled[0]))
    slots = db.execute(
        "SELECT json_extract(settings, '$.DOWNLOAD_SLOTS') FROM crawl_runs ORDER BY id LIMIT 1"
    ).fetchone()[0]
    assert json.loads(slots) == {"www.akhbar-turkiya.example": {"concurrency": 8, "delay": 0.0}}


def test_feed_links_are_followed_as_the_sightings_record_them():
    """A feed's items leave discovery finished (the one URL spelling the store keeps); the
    spider requests exactly those URLs, on the site's real origin (a replay connects
    elsewhere, below the spider). (A crawl with extraction workers once lost 15 of 57
    articles when a pipeline rewrote URLs the spider had not read yet.)"""
    from scrapy.http import XmlResponse

    from scraper.extract import normalize_url
    from spiders.news import NewsSpider

    spider = NewsSpider(site="zox-demo")
    origin = "https://www.akhbar-turkiya.example"
    body = (BUNDLED_SITE / "pages" / "feed.xml").read_bytes()
    response = XmlResponse(
        url=origin + "/feed/", body=body, headers={"Date": "Mon, 15 Dec 2025 09:02:37 GMT"}
    )
    outputs = spider.parse_feed(response)
    batch = next(outputs)
    assert len(batch.sightings) >= 10
    recorded = [s.url for s in batch.sightings]
    assert recorded == [normalize_url(u) for u in recorded]
    requests = list(outputs)
    assert [r.url for r in requests] == recorded
    assert all(r.url.startswith(origin + "/") for r in requests)


def test_a_crawl_enables_only_the_extensions_it_uses(replay_server, crawl, tmp_path):
    # Scrapy lists the extensions it enabled at INFO; a crawl cut short lists them as well.
    done = crawl(
        tmp_path / "news.db",
        replay_server,
        "--log-level",
        "INFO",
        "--set",
        "CLOSESPIDER_PAGECOUNT=3",
    )
    listed = done.stderr.split("Enabled extensions:\n", 1)[1].split("]", 1)[0]
    enabled = set(re.findall(r"'([\w.]+)'", listed))
    # Counts, log lines, memory figures and bounds the crawl keeps or acts on, and the
    # monitor. Not the telnet console or the remote control (they would listen on
    # 127.0.0.1), the memory debugger, JOBDIR state, or the feed exporter (no FEEDS).
    assert enabled == {
        "scrapy.extensions.corestats.CoreStats",
        "scrapy.extensions.logcount.LogCount",
        "scrapy.extensions.memusage.MemoryUsage",
        "scrapy.extensions.closespider.CloseSpider",
        "scrapy.extensions.logstats.LogStats",
        "scraper.crawl.extensions.MonitorExtension",
    }
