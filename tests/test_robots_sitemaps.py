"""A site file that names no sitemap: the crawl asks the site's robots.txt for the sitemaps
its "Sitemap:" lines name, and a site without a robots.txt is no failure."""

from __future__ import annotations

import asyncio
from pathlib import Path

from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from spiders.news import NewsSpider

ROBOTS = b"""User-agent: *
Disallow: /search
Allow: /

Sitemap: https://www.alwadi-news.example/sitemap.xml
sitemap: /news-sitemap.xml
"""


def _spider(
    tmp_path: Path, sitemaps: str = "", db: Path | None = None, extra: dict | None = None
) -> NewsSpider:
    site = tmp_path / "alwadi.toml"
    site.write_text(
        'name = "alwadi"\nprofile = "generic"\ntimezone = "Africa/Cairo"\n'
        'start_urls = ["https://www.alwadi-news.example/"]\n'
        'allowed_domains = ["www.alwadi-news.example"]\n' + sitemaps,
        encoding="utf-8",
    )
    settings = {"SCRAPER_DB_PATH": str(db), "SCRAPER_RECENT_DAYS": 1.0} if db else {}
    settings.update(extra or {})
    crawler = get_crawler(NewsSpider, settings)
    spider = NewsSpider(site=str(site))
    spider.crawler = crawler
    crawler.spider = spider
    return spider


def _answer(url: str, status: int, body: bytes) -> TextResponse:
    return TextResponse(url, status=status, body=body, request=Request(url))


def test_the_sitemaps_robots_txt_names_are_requested(tmp_path):
    spider = _spider(tmp_path)
    robots = "https://www.alwadi-news.example/robots.txt"
    requests = list(spider.parse_robots_sitemaps(_answer(robots, 200, ROBOTS)))
    assert [r.url for r in requests] == [
        "https://www.alwadi-news.example/sitemap.xml",
        "https://www.alwadi-news.example/news-sitemap.xml",
    ]
    assert {r.callback for r in requests} == {spider.parse_sitemap}
    assert spider.crawler.stats.get_value("sitemaps/from_robots_txt") == 2
    # No robots.txt (a 404 page): nothing to read, and no failure row.
    assert list(spider.parse_robots_sitemaps(_answer(robots, 404, b"<html>404</html>"))) == []


def _started(tmp_path: Path, sitemaps: str, db: Path, extra: dict | None = None) -> list[str]:
    """The URLs `start` requests, against an empty database."""
    from scraper.store import Store

    Store(db).close()
    spider = _spider(tmp_path, sitemaps, db, extra)

    async def collect() -> list[str]:
        return [request.url async for request in spider.start()]

    return asyncio.run(collect())


def test_robots_txt_is_asked_only_when_the_site_file_names_no_sitemap(tmp_path):
    robots = "https://www.alwadi-news.example/robots.txt"
    plain = _started(tmp_path, "", tmp_path / "a.db")
    assert plain == ["https://www.alwadi-news.example/", robots]
    named = 'sitemaps = ["https://www.alwadi-news.example/sitemap.xml"]\n'
    assert robots not in _started(tmp_path, named, tmp_path / "b.db")
    off = _started(tmp_path, "", tmp_path / "c.db", {"SCRAPER_ROBOTS_SITEMAPS": False})
    assert off == ["https://www.alwadi-news.example/"]
