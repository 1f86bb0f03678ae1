"""Crawl benchmark: a bare Scrapy spider fetching N generated pages against the full crawl
(extraction, time layer, pipelines, SQLite) of the same pages, in one run.

The local server generates the pages from the bundled sample article (never written to
disk): /sitemap.xml lists /p/0/ ... /p/N-1/, each the sample page with its own canonical URL,
post id and headline. Both crawls read the sitemap and fetch every page, with the same
concurrency and no delay. Prints wall time, pages/s, the time ratio (target <= 1.25) and
peak RSS of each crawl process (sampled), for each size given.

    python bench/bench_crawl.py --pages 2000 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "site" / "pages" / "post-10322.html"
ORIGIN = "https://www.akhbar-turkiya.example"
CANONICAL = (
    ORIGIN + "/2025/12/15/%d9%85%d8%af%d9%8a%d8%b1-%d9%85%d9%83%d8%aa%d8%a8-%d8%a7%d9%84%d8%a3"
    "%d8%b3%d8%af-%d8%b2%d9%8a%d8%a7%d8%b1%d8%aa%d9%87-%d8%a7%d9%84%d8%a3%d8%ae%d9%8a%d8%b1%d8%a9"
    "-%d9%84%d8%b1%d9%88%d8%b3%d9%8a%d8%a7/"
)
DATE = "Mon, 15 Dec 2025 09:02:37 GMT"

BARE_SPIDER = """
import scrapy
from scrapy.utils.sitemap import Sitemap

class Bare(scrapy.Spider):
    name = "bare"
    def __init__(self, base, **kw):
        super().__init__(**kw)
        self.base = base
    async def start(self):
        yield scrapy.Request(self.base + "/sitemap.xml", callback=self.sitemap)
    def sitemap(self, response):
        for entry in Sitemap(response.body):
            yield scrapy.Request(entry["loc"], callback=self.page)
    def page(self, response):
        pass
"""


def make_server(pages: int) -> ThreadingHTTPServer:
    template = SAMPLE.read_text(encoding="utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            origin = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            elif self.path == "/sitemap.xml":
                locs = "".join(f"<url><loc>{origin}/p/{i}/</loc></url>" for i in range(pages))
                body = (
                    '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                    f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
                ).encode()
                kind = "application/xml"
            elif self.path.startswith("/p/"):
                number = self.path.split("/")[2]
                html = (
                    template.replace(CANONICAL, f"{origin}/p/{number}/")
                    .replace("postid-10322", f"postid-{number}")
                    .replace("?p=10322", f"?p={number}")
                    .replace("ولم يتصل ببوتين<", f"ولم يتصل ببوتين ({number})<")
                )
                body, kind = html.encode("utf-8"), "text/html; charset=UTF-8"
            else:
                body, kind = b"", "text/plain"
                self.send_response_only(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response_only(200)
            self.send_header("Content-Type", kind)
            self.send_header("Date", DATE)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB (sampled every 50 ms), exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            rss = next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
            peak = max(peak, rss)
        except (OSError, StopIteration):
            pass
        time.sleep(0.05)
    return time.perf_counter() - start, peak / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    print("pages   crawl          seconds  pages/s  peak RSS MiB")
    for pages in args.pages:
        server = make_server(pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            (tmp_path / "bare.py").write_text(BARE_SPIDER)
            common = [
                "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", "LOG_LEVEL=ERROR", "-s", "TELNETCONSOLE_ENABLED=False",
            ]  # fmt: skip
            bare = run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "runspider",
                    str(tmp_path / "bare.py"),
                    "-a",
                    f"base={base}",
                    *common,
                ],
                tmp_path,
            )
            site = tmp_path / "scaled.toml"
            site.write_text(
                'name = "scaled"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
                f'start_urls = []\nsitemaps = ["{base}/sitemap.xml"]\nallowed_domains = ["127.0.0.1"]\n'
                f"[politeness]\ndownload_delay = 0.0\nconcurrency = {args.concurrency}\nautothrottle = false\n"
            )
            full = run(
                [
                    sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(tmp_path / "news.db"),
                    "--set", f"CONCURRENT_REQUESTS={args.concurrency}",
                ],
                ROOT,
            )  # fmt: skip
        server.shutdown()
        for name, (seconds, peak, code) in (("bare scrapy", bare), ("full crawl", full)):
            print(
                f"{pages:<7} {name:<14} {seconds:7.1f}  {pages / seconds:7.1f}  {peak:10.0f}  (exit {code})"
            )
        print(f"{pages:<7} ratio full/bare {full[0] / bare[0]:5.2f}  (target <= 1.25)")
    print(json.dumps({"python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
