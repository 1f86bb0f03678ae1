"""WARC benchmark (issue 18): what archiving every response costs a crawl, and its disk use.

One function per measurement, so later parts (import-warc, re-extraction) add theirs:

- `crawl_slowdown`: the full crawl of bench_crawl.py's generated site with archiving on
  and off (`--no-warc`), in the same run, interleaved over several rounds (on, off, on,
  off, ...): min/median/max seconds of each and the slowdown of the medians (target:
  archiving costs at most 10% of crawl throughput);
- `bytes_per_article`: WARC bytes per stored article in the archived crawl's database;
- `write_speed`: writing gzipped request+response records of the sample page with
  fastwarc (the archive's way: one gzip member per record) and, when installed, warcio.

    python bench/bench_warc.py --pages 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_crawl import ROOT, SAMPLE, make_server, run


def _site_file(tmp: Path, base: str, concurrency: int) -> Path:
    site = tmp / "scaled.toml"
    site.write_text(
        'name = "scaled"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["{base}/"]\nsitemaps = ["{base}/sitemap.xml"]\nallowed_domains = ["127.0.0.1"]\n'
        f"[politeness]\ndownload_delay = 0.0\nconcurrency = {concurrency}\nautothrottle = false\n"
    )
    return site


def crawl_slowdown(pages: int, rounds: int, concurrency: int, latency_ms: float) -> dict:
    """Seconds of the full crawl with archiving on and off, interleaved; the database of
    the last archived crawl is kept for `bytes_per_article`."""
    server = make_server(pages, latency_ms / 1000)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    times: dict[str, list[float]] = {"warc": [], "no warc": []}
    keep = Path(tempfile.mkdtemp(prefix="bench-warc-"))
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            site = _site_file(tmp, base, concurrency)
            for number in range(rounds):
                for name in ("warc", "no warc"):
                    db = (keep if name == "warc" else tmp) / f"{number}.db"
                    command = [
                        sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(db),
                        "--set", f"CONCURRENT_REQUESTS={concurrency}",
                        *(["--no-warc"] if name == "no warc" else []),
                    ]  # fmt: skip
                    seconds, _, code = run(command, ROOT)
                    if code:
                        sys.exit(f"bench_warc: the {name} crawl exited {code}")
                    times[name].append(seconds)
                    print(
                        f"  round {number + 1} {name:<8} {seconds:7.1f} s {pages / seconds:7.1f} pages/s"
                    )
    finally:
        server.shutdown()
    summary = {
        name: {"min": min(ts), "median": statistics.median(ts), "max": max(ts)}
        for name, ts in times.items()
    }
    on, off = summary["warc"]["median"], summary["no warc"]["median"]
    summary["throughput_cost"] = 1 - off / on  # the share of pages/s archiving costs
    summary["archived_db"] = str(keep / f"{rounds - 1}.db")
    for name in ("warc", "no warc"):
        s = summary[name]
        print(
            f"{name:<8} seconds min/median/max {s['min']:.1f} / {s['median']:.1f} / {s['max']:.1f}"
            f"  ({pages / s['median']:.1f} pages/s at the median)"
        )
    print(f"archiving costs {summary['throughput_cost']:.1%} of crawl throughput (target <= 10%)")
    return summary


def bytes_per_article(db: str | Path) -> dict:
    """WARC bytes on disk per stored article (every response counted: listings, sitemaps,
    robots.txt too)."""
    folder = Path(f"{db}.warc")
    total = sum(path.stat().st_size for path in folder.glob("*.warc.gz"))
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        html = conn.execute("SELECT sum(length(body)) FROM articles").fetchone()[0]
    per = total / max(articles, 1)
    print(
        f"WARC: {total / 1e6:.1f} MB for {articles} articles: {per / 1024:.1f} KiB per article "
        f"(their extracted body text: {html / max(articles, 1) / 1024:.1f} KiB each)"
    )
    return {"warc_bytes": total, "articles": articles, "bytes_per_article": round(per)}


def write_speed(records: int = 1000) -> dict:
    """Milliseconds per request+response pair of the sample page, gzipped, per library."""
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from scraper.crawl.archive import WarcArchive

    body = SAMPLE.read_bytes()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        archive = WarcArchive(tmp, "bench", Path(tmp) / "x.db", started=_now())
        start = time.perf_counter()
        for n in range(records):
            url = f"https://example.com/{n}"
            archive.write(Request(url), HtmlResponse(url, body=body), _now())
        archive.close()
        results["fastwarc"] = (time.perf_counter() - start) / records * 1000
    try:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter
    except ImportError:
        print("warcio not installed: its write speed not measured")
    else:
        with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "w.warc.gz", "wb") as out:
            writer = WARCWriter(out, gzip=True)
            start = time.perf_counter()
            for n in range(records):
                url = f"https://example.com/{n}"
                request = StatusAndHeaders(
                    f"GET /{n} HTTP/1.1", [("Host", "example.com")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "request", payload=io.BytesIO(b""), http_headers=request
                    )
                )
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "response", payload=io.BytesIO(body), http_headers=headers
                    )
                )
                out.flush()
            results["warcio"] = (time.perf_counter() - start) / records * 1000
    for name, ms in results.items():
        print(f"write {name:<9} {ms:6.2f} ms per request+response pair ({len(body)} byte page)")
    return results


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    results = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "pages": args.pages}
    results["write_ms_per_pair"] = write_speed()
    slowdown = crawl_slowdown(args.pages, args.rounds, args.concurrency, args.latency_ms)
    results["crawl"] = slowdown
    results["disk"] = bytes_per_article(slowdown["archived_db"])
    shutil.rmtree(Path(slowdown["archived_db"]).parent, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
