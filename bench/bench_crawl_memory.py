"""Memory of a long crawl: N generated pages (1,000,000 by default) through the whole crawl
path, the process tree's resident memory sampled as the pages go by.

What is real: `scraper crawl` itself, in its own process: Scrapy's engine, scheduler and
duplicate filter (they see every request), the downloader and its middlewares, the spider,
extraction (in worker processes as the settings say), the time layer, the pipelines, the
store (SQLite with its search index, on disk) and the WARC archive (on disk).
What is simulated: the network. A download handler (`GeneratedSite`, below, loaded into
the crawl through DOWNLOAD_HANDLERS) answers every request in-process, at once, with a
generated page: a small Zox article page (about 3 KB: a headline, a date, a body, a
category link and three "more news" items linking to other pages of the site), so a
million pages take one to two hours rather than days. The site lists its pages as
WordPress does: /sitemap.xml, an index of sitemaps of 1,000 pages each.

The handler samples the crawl's process tree (the crawl and its extraction workers) when
it serves the 1st, 2nd, ... page of each step of `--every` pages, and prints one line per
sample: pages, RSS in MiB, and what the crawl holds (duplicate filter fingerprints, the
spider's requested links, the scheduler's queue).

    python bench/bench_crawl_memory.py --pages 100000
    python bench/bench_crawl_memory.py --pages 1000000 --processes 0
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# bench/ is on the path of this script and of the crawl process that loads its handler.
from bench_crawl import tree_rss_kib

HOST = "memory.example"
ORIGIN = f"http://{HOST}"
SITEMAP_SIZE = 1000
_SITEMAPS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<{0} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{1}</{0}>'
)
PARAGRAPHS = (
    "قال مسؤولون إن الاجتماع الذي عقد في العاصمة تناول ملفات اقتصادية وأمنية عدة.",
    "وأضافوا أن الطرفين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة.",
    "وتضم اللجنة المشتركة ممثلين عن الوزارات المعنية والبنك المركزي.",
    "ومن المنتظر أن تعقد اللجنة اجتماعها الأول مطلع الشهر المقبل.",
)


def page_html(number: int, pages: int) -> str:
    """Article page `number` of a site of `pages`: a small Zox page whose "more news"
    widget links to the site's newest article and to the page's two neighbours, as a real
    page's widgets link to recent and related articles."""
    body = "".join(f"<p>{text} (الخبر رقم {number})</p>" for text in PARAGRAPHS)
    more = "".join(
        f'<a href="{ORIGIN}/p/{other}/" rel="bookmark">'
        f'<div class="mvp-post-more-text"><p>خبر آخر رقم {other}</p>'
        f'<span class="mvp-cd-cat">أخبار</span><span class="mvp-cd-date">منذ {hours} ساعات</span>'
        "</div></a>"
        for hours, other in enumerate((pages - 1, (number + 1) % pages, (number - 1) % pages), 1)
    )
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">'
        f"<title>عنوان الخبر رقم {number} - موقع الذاكرة</title>"
        f'<link rel="canonical" href="{ORIGIN}/p/{number}/">'
        f'<link rel="stylesheet" href="{ORIGIN}/wp-content/themes/zox-news/style.css">'
        f'</head><body class="post-template-default single single-post postid-{number}">'
        '<div id="mvp-site"><article id="mvp-article-wrap"><header id="mvp-post-head">'
        f'<h3 class="mvp-post-cat"><a class="mvp-post-cat-link" href="{ORIGIN}/category/news/">'
        '<span class="mvp-post-cat">أخبار</span></a></h3>'
        f'<h1 class="mvp-post-title">عنوان الخبر رقم {number}</h1>'
        '<div class="mvp-author-info-date"><span class="mvp-post-date updated">'
        '<time class="post-date updated" datetime="2025-12-15T09:02:37+03:00">'
        "15 ديسمبر 2025</time></span></div></header>"
        f'<div id="mvp-content-main">{body}<p>المصدر: وكالة الأناضول</p></div>'
        f'</article><div id="mvp-post-more-wrap">{more}</div></div></body></html>'
    )


def listing_html(pages: int) -> str:
    """The home page and the category page: the newest ten articles."""
    items = "".join(
        f'<li><a href="{ORIGIN}/p/{n}/" rel="bookmark"><h2>عنوان الخبر رقم {n}</h2>'
        f'<span class="mvp-cd-cat">أخبار</span><span class="mvp-cd-date">منذ {k + 1} ساعات</span>'
        "</a></li>"
        for k, n in enumerate(range(pages - 1, max(-1, pages - 11), -1))
    )
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">'
        "<title>أخبار - موقع الذاكرة</title>"
        f'<link rel="stylesheet" href="{ORIGIN}/wp-content/themes/zox-news/style.css">'
        '</head><body class="archive category"><div id="mvp-site">'
        f'<ul class="mvp-blog-story-list">{items}</ul></div></body></html>'
    )


class GeneratedSite:
    """A Scrapy download handler (loaded in the crawl's process) serving the generated site
    at once, without a socket, and sampling the crawl's memory as it serves."""

    lazy = False

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.pages = int(os.environ["MEMORY_BENCH_PAGES"])
        self.every = int(os.environ["MEMORY_BENCH_EVERY"])
        self.out = Path(os.environ["MEMORY_BENCH_OUT"])
        self.served = 0
        self.queued_peak = 0
        self.started = time.perf_counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> GeneratedSite:
        return cls(crawler)

    def body(self, path: str) -> tuple[bytes, str, int]:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n", "text/plain", 200
        if path == "/sitemap.xml":
            count = -(-self.pages // SITEMAP_SIZE)
            locs = "".join(
                f"<sitemap><loc>{ORIGIN}/sitemap-{k}.xml</loc></sitemap>" for k in range(count)
            )
            return _SITEMAPS.format("sitemapindex", locs).encode(), "application/xml", 200
        if path.startswith("/sitemap-"):
            first = int(path[len("/sitemap-") : -len(".xml")]) * SITEMAP_SIZE
            numbers = range(first, min(first + SITEMAP_SIZE, self.pages))
            locs = "".join(f"<url><loc>{ORIGIN}/p/{i}/</loc></url>" for i in numbers)
            return _SITEMAPS.format("urlset", locs).encode(), "application/xml", 200
        if path.startswith("/p/"):
            self.served += 1
            scheduler = self._scheduler()
            if scheduler is not None:
                self.queued_peak = max(self.queued_peak, len(scheduler))
            if self.served % self.every == 0 or self.served == 1:
                self.sample()
            number = int(path.split("/")[2])
            return page_html(number, self.pages).encode(), "text/html; charset=UTF-8", 200
        if path == "/" or path.startswith("/category/"):
            return listing_html(self.pages).encode(), "text/html; charset=UTF-8", 200
        return b"", "text/plain", 404

    def _scheduler(self) -> Any:
        engine = self.crawler.engine
        return engine._slot.scheduler if engine and engine._slot else None

    def sample(self) -> None:
        scheduler = self._scheduler()
        dupefilter = getattr(scheduler, "df", None)
        spider = self.crawler.spider
        row = {
            "pages": self.served,
            "rss_mib": round(tree_rss_kib(os.getpid()) / 1024, 1),
            "seconds": round(time.perf_counter() - self.started, 1),
            "fingerprints": len(getattr(dupefilter, "_fingerprints", ())),
            "requested": len(getattr(spider, "requested", ())),
            "queued": len(scheduler) if scheduler is not None else 0,
            # The most queued when any page since the last sample was served.
            "queued_peak": self.queued_peak,
            "stats_keys": len(self.crawler.stats.get_stats()),
            "load": round(os.getloadavg()[0], 2),
        }
        self.queued_peak = 0
        with self.out.open("a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")

    async def download_request(self, request: Any) -> Any:
        from scrapy.http import HtmlResponse, Response, XmlResponse

        path = request.url[len(ORIGIN) :] or "/"
        body, kind, status = self.body(path)
        cls = {"text/html": HtmlResponse, "application/xml": XmlResponse}.get(
            kind.split(";")[0], Response
        )
        headers = {"Content-Type": kind, "Date": "Mon, 15 Dec 2025 09:02:37 GMT"}
        return cls(request.url, status=status, headers=headers, body=body, request=request)

    async def close(self) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=10_000, help="sample every this many pages")
    parser.add_argument(
        "--processes", default="auto", help="SCRAPER_EXTRACT_PROCESSES for the crawl"
    )
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="keep the database and archive here")
    parser.add_argument(
        "--depth",
        type=int,
        help="the site's depth budget ([budgets] depth; the project's DEPTH_LIMIT when not given)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        site = work / "memory.toml"
        site.write_text(
            'name = "memory"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
            f'start_urls = ["{ORIGIN}/"]\nsitemaps = ["{ORIGIN}/sitemap.xml"]\n'
            f'allowed_domains = ["{HOST}"]\n'
            f"[politeness]\ndownload_delay = 0.0\nconcurrency = {args.concurrency}\n"
            "autothrottle = false\n"
            + (f"[budgets]\ndepth = {args.depth}\n" if args.depth is not None else "")
        )
        out = work / "samples.jsonl"
        out.unlink(missing_ok=True)
        handler = "bench_crawl_memory.GeneratedSite"
        command = [
            sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(work / "memory.db"),
            "--log-level", "WARNING",
            "--set", f"DOWNLOAD_HANDLERS={json.dumps({'http': handler})}",
            "--set", f"CONCURRENT_REQUESTS={args.concurrency}",
            "--set", "CLOSESPIDER_PAGECOUNT=0",
            "--set", f"SCRAPER_EXTRACT_PROCESSES={args.processes}",
        ]  # fmt: skip
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]
            ),
            "MEMORY_BENCH_PAGES": str(args.pages),
            "MEMORY_BENCH_EVERY": str(args.every),
            "MEMORY_BENCH_OUT": str(out),
        }
        print(
            f"{args.pages} pages, SCRAPER_EXTRACT_PROCESSES={args.processes}, load {os.getloadavg()}"
        )
        print(
            f"{'pages':>9} {'RSS MiB':>8} {'seconds':>8} {'pages/s':>8} {'fingerprints':>12} {'requested':>10} {'queued':>7} {'peak':>7} {'load':>5}"
        )
        started = time.perf_counter()
        with open(work / "crawl.out", "wb") as stdout, open(work / "crawl.log", "wb") as stderr:
            process = subprocess.Popen(
                command, cwd=Path(__file__).resolve().parent.parent, env=env, stdout=stdout,
                stderr=stderr,
            )  # fmt: skip
            shown = 0
            while process.poll() is None:
                time.sleep(1)
                shown = show(out, shown)
        show(out, shown)
        print(
            f"exit {process.returncode} after {time.perf_counter() - started:.0f} s, load {os.getloadavg()}"
        )
        if process.returncode:
            # The verdict line (which check failed) is on the crawl's output, the
            # tracebacks on its log: both, or a failed run cannot be diagnosed afterwards.
            print((work / "crawl.out").read_text(errors="replace")[-3000:])
            print((work / "crawl.log").read_text(errors="replace")[-3000:])
            sys.exit(1)


def show(out: Path, shown: int) -> int:
    if not out.exists():
        return shown
    rows = out.read_text().splitlines()
    for line in rows[shown:]:
        row = json.loads(line)
        rate = row["pages"] / row["seconds"] if row["seconds"] else 0
        print(
            f"{row['pages']:>9} {row['rss_mib']:>8.1f} {row['seconds']:>8.0f} {rate:>8.0f}"
            f" {row['fingerprints']:>12} {row['requested']:>10} {row['queued']:>7}"
            f" {row.get('queued_peak', 0):>7}"
            f" {row.get('load', 0):>5.2f}",
            flush=True,
        )
    return len(rows)


if __name__ == "__main__":
    main()
