"""Extraction speed side by side, on the same bundled theme pages, in one run.

    (a) lxml parse alone                 lxml.html.fromstring
    (b) our theme extraction             read_page(profile="zox"): the parse, then every
                                         field and list item, times as raw strings
    (c) our full record                  extract_page (b + the time layer: UTC times with
                                         windows, texts cleaned, URLs canonical, missing
                                         fields explained: the finished records)
    (d) trafilatura.extract              text only
    (e) trafilatura.bare_extraction      with metadata

Pages per second on one core; targets from issue 8: b >= 10x d, b >= 0.5x a.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura

from scraper.extract import clear_caches, extract_page, read_page

SITE = Path(__file__).resolve().parent.parent / "scraper" / "testkit" / "site"


def load_pages() -> list[tuple[str, str, datetime]]:
    truth = json.loads((SITE / "truth.json").read_text(encoding="utf-8"))
    dates = {p["file"]: p["date"] for p in truth["pages"]}
    return [
        (
            (SITE / a["file"]).read_text(encoding="utf-8"),
            a["url"],
            datetime.fromisoformat(dates[a["file"]].replace("Z", "+00:00")),
        )
        for a in truth["articles"]
    ]


def forget_data_caches() -> None:
    """Empty the caches keyed by page data (URL joins, texts, times, canonical URLs), so a
    pass never reuses the previous pass's work; within a pass, pages share them as a
    crawl's pages do (menus and widgets repeat). Compiled selectors are kept: they depend
    on the profile only."""
    clear_caches()


def rate(function, pages, rounds: int) -> float:
    """Best of `rounds` passes over all pages, in pages per second."""
    times = []
    for _ in range(rounds):
        forget_data_caches()
        start = time.perf_counter()
        for page in pages:
            function(*page)
        times.append(time.perf_counter() - start)
    return len(pages) / min(times)


def full_record(html, url, reference):
    extract_page(html, url, reference, profile="zox", timezone="Europe/Istanbul")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = load_pages()
    size = statistics.mean(len(html.encode()) for html, _, _ in pages) / 1024
    print(f"{len(pages)} Zox article pages, mean {size:.0f} KB; best of {args.rounds} passes")
    runs = {
        "a lxml parse": lambda html, url, ref: lxml.html.fromstring(html),
        "b theme extraction": lambda html, url, ref: read_page(html, url, ref, profile="zox"),
        "c full record": full_record,
        "d trafilatura.extract": lambda html, url, ref: trafilatura.extract(html, url=url),
        "e bare_extraction+meta": lambda html, url, ref: trafilatura.bare_extraction(
            html, url=url, with_metadata=True
        ),
    }
    results = {}
    for name, function in runs.items():
        results[name[0]] = rate(function, pages, args.rounds)
        print(f"  ({name[0]}) {name[2:]:<24} {results[name[0]]:8.1f} pages/s")
    a, b, c, d = results["a"], results["b"], results["c"], results["d"]
    print(f"  b/d = {b / d:5.1f}x   (target >= 10x)")
    print(f"  c/d = {c / d:5.1f}x")
    print(f"  b/a = {b / a:5.2f}x   (target >= 0.5x)")


if __name__ == "__main__":
    main()
