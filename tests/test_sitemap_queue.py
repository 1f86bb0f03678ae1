"""The sitemaps a sitemap index lists are requested one at a time, each once the crawl has
taken every request queued before it (scraper.crawl.sitemaps): Scrapy's queue holds about
one sitemap's articles, not the whole site's, and no sitemap is lost on the way (one that
fails, one nested in a second index, one redirected to a sitemap already read)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from scraper.testkit.server import serving

ORIGIN = "https://www.sitemaps-site.example"
PER_SITEMAP = 30
# Sitemaps of the top index, in its order: /s-N.xml lists articles N*100 ..; /nested.xml is
# an index of two more; /missing.xml answers 404; /moved.xml redirects to /s-0.xml.
TOP = ["/s-0.xml", "/s-1.xml", "/missing.xml", "/nested.xml", "/s-2.xml", "/moved.xml", "/s-3.xml"]
NESTED = ["/s-4.xml", "/s-5.xml"]
CONCURRENCY = 8
SITEMAPS = '<?xml version="1.0" encoding="UTF-8"?><{0} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{1}</{0}>'


def listed(sitemap: str) -> list[str]:
    first = int(sitemap[len("/s-") : -len(".xml")]) * 100
    return [f"/news/{n}/" for n in range(first, first + PER_SITEMAP)]


def article(path: str) -> bytes:
    number = path.strip("/").split("/")[-1]
    paragraphs = "".join(
        f"<p>قال المتحدث باسم الوزارة في بيان صدر صباح اليوم إن الاجتماع رقم {number} تناول "
        f"ملفات عدة بينها الطاقة والنقل والتعليم، الفقرة {k}.</p>"
        for k in range(3)
    )
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">'
        f'<title>اجتماع رقم {number}</title><link rel="canonical" href="{ORIGIN}{path}">'
        '</head><body class="single single-post"><article id="mvp-article-wrap">'
        f'<h3 class="mvp-post-cat"><a class="mvp-post-cat-link" href="{ORIGIN}/category/news/">'
        '<span class="mvp-post-cat">أخبار</span></a></h3>'
        f'<h1 class="mvp-post-title">اجتماع رقم {number}</h1>'
        '<time class="post-date updated" datetime="2025-12-15T09:02:37+03:00">15 ديسمبر 2025'
        f'</time><div id="mvp-content-main">{paragraphs}<p>المصدر: وكالات</p></div>'
        "</article></body></html>"
    ).encode()


def answer(path: str) -> tuple[int, dict[str, str], bytes]:
    xml = {"Content-Type": "application/xml"}
    if path == "/robots.txt":
        return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
    if path in ("/sitemap.xml", "/nested.xml"):
        locs = "".join(
            f"<sitemap><loc>{ORIGIN}{s}</loc></sitemap>"
            for s in (TOP if path == "/sitemap.xml" else NESTED)
        )
        return 200, xml, SITEMAPS.format("sitemapindex", locs).encode()
    if path == "/moved.xml":
        return 301, {"Location": f"{ORIGIN}/s-0.xml"}, b""
    if path.startswith("/s-"):
        locs = "".join(f"<url><loc>{ORIGIN}{a}</loc></url>" for a in listed(path))
        return 200, xml, SITEMAPS.format("urlset", locs).encode()
    if path.startswith("/news/"):
        return 200, {"Content-Type": "text/html; charset=utf-8"}, article(path)
    if path == "/":
        return 200, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body></body></html>"
    return 404, {"Content-Type": "text/plain"}, b"not found"


@contextmanager
def served_site() -> Iterator[tuple[str, list[str]]]:
    """The site on 127.0.0.1, and the paths it was asked for, in the order asked."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            asked.append(self.path)
            status, headers, body = answer(self.path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as base_url:
        yield base_url, asked


def test_each_sitemap_waits_for_the_articles_queued_before_it(tmp_path, crawl):
    site = tmp_path / "sitemaps.toml"
    site.write_text(
        'name = "sitemaps"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["{ORIGIN}/"]\nsitemaps = ["{ORIGIN}/sitemap.xml"]\n'
        'allowed_domains = ["www.sitemaps-site.example"]\n'
        f"[politeness]\ndownload_delay = 0.0\nconcurrency = {CONCURRENCY}\nautothrottle = false\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    with served_site() as (base_url, asked):
        done = crawl(
            db,
            base_url,
            "--no-warc",
            "--set",
            "RETRY_TIMES=0",
            "--set",
            f"CONCURRENT_REQUESTS={CONCURRENCY}",
            site=str(site),
        )
    assert done.returncode in (0, 3), done.stderr[-3000:]

    sitemaps = [f"/s-{n}.xml" for n in range(6)]
    articles = [path for sitemap in sitemaps for path in listed(sitemap)]
    # Every article of every sitemap (the nested index's too), each once; the failed and the
    # redirected sitemap held nothing up.
    assert sorted(p for p in asked if p.startswith("/news/")) == sorted(articles)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(articles)
    assert {"/missing.xml", "/moved.xml", "/nested.xml"} <= set(asked)

    # When a listed sitemap is asked for, the articles of the sitemaps read before it were
    # asked for already, but for those still in flight (at most the concurrency).
    for position, path in enumerate(asked):
        if path not in sitemaps:
            continue
        before = set(asked[:position])
        earlier = [s for s in sitemaps if s in before]
        waiting = [a for s in earlier for a in listed(s) if a not in before]
        assert len(waiting) <= CONCURRENCY, (path, len(waiting))
