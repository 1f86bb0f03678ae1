"""Re-extraction speed (`scraper reextract`) with 1 and 2 workers, against the theme
stage's floor on the same pages, in one run.

    python bench/bench_reextract.py [--pages 2000] [--rounds 3]

The archive: one crawl (WARC archiving on, as by default) of bench_crawl.py's generated
site of --pages theme pages. Then, in each of --rounds interleaved rounds:

    (a) lexbor parse alone          selectolax LexborHTMLParser over the archived bodies
    (b) lxml parse alone            lxml.html.fromstring
    (c) theme stage                 read_page(profile="zox"): every field, times raw
    (d) full record                 extract_page: (c) and the time layer, one core
    (e) reextract, 1 worker         the whole command's work: select, read each WARC
                                    record, extract in this process, compare with the store
    (f) reextract, 2 workers        the same, extraction in a pool of 2 processes

(a)-(d) run in this process on the same pages; (e) and (f) write nothing (the code has
not changed since the crawl), so every round re-reads the same archive. Figures are
pages per second, min/median/max over the rounds. Target (issue 18): f >= 1.7 x e.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import lxml.html
from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_crawl import make_server

from scraper.extract import clear_caches, extract_page, read_page
from scraper.ops.reextract import Filters, http_response, reextract
from scraper.store.provenance import read_record

ROOT = Path(__file__).resolve().parent.parent


def crawl_archive(pages: int, tmp: Path) -> Path:
    """A database and WARC archive of a crawl of the generated site."""
    server = make_server(pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    site = tmp / "scaled.toml"
    site.write_text(
        'name = "scaled"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["{base}/"]\nsitemaps = ["{base}/sitemap.xml"]\n'
        'allowed_domains = ["127.0.0.1"]\n'
        "[politeness]\ndownload_delay = 0.0\nconcurrency = 16\nautothrottle = false\n"
    )
    db = tmp / "news.db"
    command = [sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(db),
               "--set", "CONCURRENT_REQUESTS=16"]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    print(f"archive: crawl of {pages} pages in {time.perf_counter() - started:.1f} s")
    server.shutdown()
    return db


def archived_pages(db: Path) -> list[tuple[bytes, str, datetime]]:
    """Each archived theme page's body, URL and reference time, as reextract reads them."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT warc_file, warc_offset, warc_length, url, fetched_at FROM archive_records "
            "WHERE status = 200 AND url LIKE '%/p/%' ORDER BY id"
        ).fetchall()
    pages = []
    for name, offset, length, url, fetched_at in rows:
        fields, block = read_record(db, name, offset, length)
        body = http_response(block)[2]
        reference = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
        pages.append((body, fields.get("warc-target-uri") or url, reference))
    return pages


def rate(function, pages) -> float:
    clear_caches()
    start = time.perf_counter()
    for page in pages:
        function(*page)
    return len(pages) / (time.perf_counter() - start)


def reextract_rate(db: Path, workers: int) -> float:
    result = reextract(db, Filters(), workers=workers)
    assert result.report.articles_changed == 0, "the code changed since the crawl"
    return result.report.pages / result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reextract-") as folder:
        db = crawl_archive(args.pages, Path(folder))
        pages = archived_pages(db)
        measures = {
            "(a) lexbor parse": lambda: rate(lambda b, u, r: LexborHTMLParser(b), pages),
            "(b) lxml parse": lambda: rate(lambda b, u, r: lxml.html.fromstring(b), pages),
            "(c) theme stage (read_page)": lambda: rate(
                lambda b, u, r: read_page(b, u, r, site="scaled", profile="zox"), pages
            ),
            "(d) full record (extract_page)": lambda: rate(
                lambda b, u, r: extract_page(
                    b, u, r, site="scaled", profile="zox", timezone="Europe/Istanbul"
                ),
                pages,
            ),
            "(e) reextract, 1 worker": lambda: reextract_rate(db, 1),
            "(f) reextract, 2 workers": lambda: reextract_rate(db, 2),
        }
        figures: dict[str, list[float]] = {name: [] for name in measures}
        for _ in range(args.rounds):
            for name, measure in measures.items():
                figures[name].append(measure())
    print(f"{len(pages)} archived theme pages; pages/s over {args.rounds} interleaved rounds")
    print(f"{'':34} {'min':>8} {'median':>8} {'max':>8}")
    for name, values in figures.items():
        low, mid, high = min(values), statistics.median(values), max(values)
        print(f"{name:34} {low:8.0f} {mid:8.0f} {high:8.0f}")
    one = statistics.median(figures["(e) reextract, 1 worker"])
    two = statistics.median(figures["(f) reextract, 2 workers"])
    floor = statistics.median(figures["(c) theme stage (read_page)"])
    print(f"2 workers / 1 worker: {two / one:.2f}x (target >= 1.7x)")
    print(f"1 worker / theme stage: {one / floor:.2f}; 2 workers / theme stage: {two / floor:.2f}")


if __name__ == "__main__":
    main()
