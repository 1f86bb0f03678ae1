"""Crawl benchmark: a bare Scrapy spider fetching N generated pages against the full crawl
(extraction, time layer, pipelines, SQLite) of the same pages, in one run.

The local server generates the pages from the bundled sample article (never written to
disk): /p/0/ ... /p/N-1/, each the sample page with its own canonical URL, post id and
headline, listed as WordPress lists them: /sitemap.xml is an index of sitemaps of 1,000
pages each (Yoast's size; core WordPress uses 2,000, and the protocol allows at most
50,000). Both crawls read the sitemaps and fetch every page, with the same concurrency and
no delay. Prints wall time, pages/s, the time ratio (target <= 1.25) and
peak RSS of each crawl's process tree (sampled), for each size and server latency given.

`--latency-ms` makes the server wait before each article page, as a real site does (tens to
hundreds of milliseconds); at 0 the comparison is pure CPU on this machine. `--processes 0 1
2 auto` runs one full crawl per extraction worker count (SCRAPER_EXTRACT_PROCESSES; 0 and 1
unless given). `--rounds K` repeats every comparison K times, interleaved (round k runs
every crawl once, in an order rotated by k), and prints min / median / max with the load.

    python bench/bench_crawl.py --pages 2000 10000 --latency-ms 0 100
    python bench/bench_crawl.py --pages 2000 --latency-ms 0 100 --processes 0 1 2 3 --rounds 3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "scraper" / "testkit" / "site" / "pages" / "post-10322.html"
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
        sitemap = Sitemap(response.body)
        follow = self.sitemap if sitemap.type == "sitemapindex" else self.page
        for entry in sitemap:
            yield scrapy.Request(entry["loc"], callback=follow)
    def page(self, response):
        pass
"""


SITEMAP_SIZE = 1000
_SITEMAPS = '<?xml version="1.0" encoding="UTF-8"?><{0} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{1}</{0}>'


def make_server(pages: int, latency: float = 0.0) -> ThreadingHTTPServer:
    template = SAMPLE.read_text(encoding="utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            origin = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            elif self.path == "/":
                # The site's home page: a site file needs a start URL; the sitemap lists all.
                body, kind = b"<!doctype html><title>scaled</title><p>home", "text/html"
            elif self.path == "/sitemap.xml":
                count = -(-pages // SITEMAP_SIZE)
                locs = "".join(
                    f"<sitemap><loc>{origin}/sitemap-{k}.xml</loc></sitemap>" for k in range(count)
                )
                body, kind = _SITEMAPS.format("sitemapindex", locs).encode(), "application/xml"
            elif self.path.startswith("/sitemap-"):
                first = int(self.path[len("/sitemap-") : -len(".xml")]) * SITEMAP_SIZE
                numbers = range(first, min(first + SITEMAP_SIZE, pages))
                locs = "".join(f"<url><loc>{origin}/p/{i}/</loc></url>" for i in numbers)
                body, kind = _SITEMAPS.format("urlset", locs).encode(), "application/xml"
            elif self.path.startswith("/p/"):
                if latency:
                    time.sleep(latency)  # a real site's time to first byte
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


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (extraction workers), in KiB."""
    total = 0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        if task.name == str(pid):
            status = Path(f"/proc/{pid}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
        for child in (task / "children").read_text().split():
            total += tree_rss_kib(int(child))
    return total


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS of the process tree in MiB (sampled every 50 ms), exit code.
    Error lines of the crawl's log are counted and the first one printed."""
    # stderr goes to a file, not a pipe nobody reads: a crawl that logs more than a pipe
    # holds would block on its next log line.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        peak = 0
        while process.poll() is None:
            with contextlib.suppress(OSError, StopIteration, ValueError):
                peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    errors = [line for line in text.splitlines() if "ERROR" in line]
    if errors:
        print(f"  {len(errors)} error lines in the crawl's log; the first: {errors[0][:300]}")
    return elapsed, peak / 1024, process.returncode


def crawl_commands(
    base: str, tmp: Path, concurrency: int, processes: list[str]
) -> dict[str, tuple[list[str], Path]]:
    """The commands to compare, each with the directory it runs in."""
    (tmp / "bare.py").write_text(BARE_SPIDER)
    common = [
        "-s", f"CONCURRENT_REQUESTS={concurrency}",
        "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "LOG_LEVEL=ERROR", "-s", "TELNETCONSOLE_ENABLED=False",
    ]  # fmt: skip
    bare = [sys.executable, "-m", "scrapy", "runspider", str(tmp / "bare.py"), "-a", f"base={base}"]
    site = tmp / "scaled.toml"
    site.write_text(
        'name = "scaled"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["{base}/"]\nsitemaps = ["{base}/sitemap.xml"]\nallowed_domains = ["127.0.0.1"]\n'
        f"[politeness]\ndownload_delay = 0.0\nconcurrency = {concurrency}\nautothrottle = false\n"
    )

    def full(name: str, workers: str) -> list[str]:
        return [
            sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(tmp / f"{name}.db"),
            "--set", f"CONCURRENT_REQUESTS={concurrency}",
            "--set", f"SCRAPER_EXTRACT_PROCESSES={workers}",
        ]  # fmt: skip

    commands = {"bare scrapy": ([*bare, *common], tmp)}
    for workers in processes:
        name = f"full, {workers} worker{'' if workers == '1' else 's'}"
        commands[name] = (full(f"full-{workers}", workers), ROOT)
    return commands


def spread(values: list[float], digits: int = 1) -> str:
    """min / median / max."""
    middle = statistics.median(values)
    return " / ".join(f"{v:.{digits}f}" for v in (min(values), middle, max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--latency-ms",
        type=float,
        nargs="+",
        default=[0.0],
        help="server delay before each article page, as a real site's response time",
    )
    parser.add_argument(
        "--processes",
        nargs="+",
        default=["0", "1"],
        help="full crawls to run, one per extraction worker count (SCRAPER_EXTRACT_PROCESSES: "
        'a count or "auto")',
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="rounds per size and latency; round k runs every crawl once, the order rotated by k",
    )
    parser.add_argument(
        "--rotate",
        type=int,
        default=0,
        help="start the rotation here: round k of one run is round k + ROTATE, so rounds can be "
        "run one at a time (each its own, short, run)",
    )
    args = parser.parse_args()
    results = []
    failed: list[str] = []
    for pages in args.pages:
        for latency in args.latency_ms:
            server = make_server(pages, latency / 1000)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}"
            rounds: list[dict[str, tuple[float, float, int]]] = []
            with tempfile.TemporaryDirectory() as tmp:
                commands = crawl_commands(base, Path(tmp), args.concurrency, args.processes)
                names = list(commands)
                for k in range(args.rounds):
                    turn = (k + args.rotate) % len(names)
                    order = names[turn:] + names[:turn]
                    timings = {}
                    for name in order:
                        for old in Path(tmp).glob("full-*.db*"):
                            # Every crawl starts from an empty database (and archive).
                            shutil.rmtree(old) if old.is_dir() else old.unlink()
                        command, cwd = commands[name]
                        load = os.getloadavg()[0]
                        timings[name] = run(command, cwd)
                        seconds, peak, code = timings[name]
                        print(
                            f"{pages:>7} {latency:>5.0f}ms round {k + 1}  {name:<18}"
                            f" {pages / seconds:7.1f} pages/s {peak:6.0f} MiB  load {load:4.2f}"
                            f"  (exit {code})",
                            flush=True,
                        )
                        results.append({"pages": pages, "latency_ms": latency, "round": k + 1 + args.rotate,
                                        "crawl": name, "seconds": round(seconds, 2),
                                        "peak_rss_mib": round(peak, 1), "load": load})  # fmt: skip
                        if code:
                            failed.append(f"{name} ({pages} pages)")
                    rounds.append(timings)
            server.shutdown()
            print(
                f"{pages} pages, {latency:.0f} ms, {args.rounds} rounds: pages/s, peak RSS MiB and"
                " time ratio to bare Scrapy in the same round, min / median / max"
            )
            for name in names:
                rates = [pages / r[name][0] for r in rounds]
                peaks = [r[name][1] for r in rounds]
                ratios = [r[name][0] / r["bare scrapy"][0] for r in rounds]
                line = f"  {name:<18} {spread(rates):>20} pages/s {spread(peaks):>20} MiB"
                if name != "bare scrapy":
                    line += f"  ratio {spread(ratios, 2)}"
                print(line)
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": results}))
    if failed:
        # A crawl that failed proves no speed: its time is not a figure.
        sys.exit(f"bench_crawl: crawls that exited non-zero: {', '.join(failed)}")


if __name__ == "__main__":
    main()
