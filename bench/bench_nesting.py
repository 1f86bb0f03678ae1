"""What the nesting pre-scan costs beside extraction, and what a markup bomb costs with it.

    .venv/bin/python bench/bench_nesting.py [--corpus DIR]

For each page of the bundled site (and of the real-page corpus, when given): extraction
(`extract_page`, which runs the check where a parser could stall: before lexbor on pages of
more than `LEXBOR_SAFE_TAGS` start tags, as a tree depth before trafilatura) and the scan
alone (`too_deep`), interleaved page by page so
that a busy machine slows both alike. Then the 100,000-nested-div bomb: the scan, the whole
`extract_page` (refused), and lexbor, lxml and trafilatura on the same page.
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from scraper.extract import extract_page
from scraper.extract.decode import decode_html
from scraper.extract.nesting import MAX_NESTING, nesting_depth, too_deep

SITE = Path(__file__).resolve().parent.parent / "scraper" / "testkit" / "site" / "pages"
REFERENCE = datetime(2025, 12, 15, 9, tzinfo=UTC)


def pages(folder: Path) -> list[bytes]:
    found = []
    for path in sorted(folder.rglob("*.html*")):
        body = path.read_bytes()
        found.append(gzip.decompress(body) if path.suffix == ".gz" else body)
    return found


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` runs, in seconds (a busy machine only ever adds time)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def measure(name: str, bodies: list[bytes], runs: int = 3) -> None:
    extraction = check = 0.0
    deepest = 0
    for body in bodies:
        text = decode_html(body)[0]
        extraction += best_of(
            runs,
            partial(extract_page, body, "https://example.com/page/", REFERENCE, profile="auto"),
        )
        # What extraction runs: two counts, then the scan when they allow the depth.
        check += best_of(runs, partial(too_deep, text))
        deepest = max(deepest, nesting_depth(text))
    print(
        f"{name}: {len(bodies)} pages, extraction {extraction:.2f} s, check {check:.3f} s "
        f"({check / extraction:.1%} of extraction), deepest {deepest} (limit {MAX_NESTING:,})"
    )


def bomb(levels: int = 100_000) -> None:
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
        + "<div>" * levels
        + "نص"
        + "</div>" * levels
        + "</body></html>"
    )
    print(f"bomb: {levels:,} nested divs, {len(html.encode()):,} bytes")
    start = time.perf_counter()
    depth = nesting_depth(html)
    print(f"  scan: {time.perf_counter() - start:.3f} s (stopped at {depth:,})")
    start = time.perf_counter()
    page = extract_page(html.encode(), "https://example.com/bomb/", REFERENCE, profile="auto")
    print(f"  extract_page: {time.perf_counter() - start:.3f} s, {page.reason}")
    import lxml.html
    import trafilatura

    start = time.perf_counter()
    lxml.html.fromstring(html)
    print(f"  lxml.html: {time.perf_counter() - start:.3f} s (libxml2 stops at depth 255)")
    start = time.perf_counter()
    trafilatura.extract(html)
    print(f"  trafilatura.extract: {time.perf_counter() - start:.3f} s")
    from selectolax.lexbor import LexborHTMLParser

    for shallower in (10_000, 20_000, 40_000):
        part = "<div>" * shallower + "x" + "</div>" * shallower
        start = time.perf_counter()
        LexborHTMLParser(part)
        print(f"  lexbor, {shallower:,} levels: {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of real pages (.html, .html.gz)")
    args = parser.parse_args()
    measure("bundled site", pages(SITE))
    if args.corpus:
        measure(f"corpus {args.corpus}", pages(args.corpus))
    bomb()


if __name__ == "__main__":
    main()
