"""Memory of the duplicate filter: Scrapy's RFPDupeFilter against the crawl's
CompactDupeFilter (scraper/crawl/dupefilter.py), fed the same requests.

The requests are a news crawl's: article URLs (Arabic slugs, percent-encoded as WordPress
writes them), with a listing page every 50, and one link in 11 to a page requested before.
Both filters see each request, through the crawler's own request fingerprinter, and must
give the same answer to every one. The figures are what each filter keeps once N distinct
requests went through it, counted with `sys.getsizeof`: Scrapy's set and its fingerprints
(bytes objects that live on only in the set, as in a crawl), against our list of byte arrays.

    python bench/bench_dupefilter.py --requests 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator

from scrapy import Spider
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from scraper.crawl.dupefilter import CompactDupeFilter, PackedFingerprints

SLUG = "%D8%AE%D8%A8%D8%B1-%D8%B9%D8%A7%D8%AC%D9%84-%D8%B1%D9%82%D9%85"  # خبر-عاجل-رقم


def requests(count: int, seed: int = 5) -> Iterator[Request]:
    """`count` distinct requests, and one in 11 a repeat of an earlier one."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        if made and rng.random() < 1 / 11:
            number = rng.randrange(made)
        else:
            number = made
            made += 1
        if number % 50 == 49:
            yield Request(f"https://www.example-news.com/category/news/page/{number // 50}/")
        else:
            yield Request(f"https://www.example-news.com/2025/12/{number}/{SLUG}-{number}/")


def set_bytes(fingerprints: set[bytes]) -> int:
    return sys.getsizeof(fingerprints) + sum(sys.getsizeof(fp) for fp in fingerprints)


def packed_bytes(packed: PackedFingerprints) -> int:
    arrays = sum(sys.getsizeof(bucket) for bucket in packed._buckets if bucket is not None)
    return sys.getsizeof(packed._buckets) + arrays + set_bytes(packed._other)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=0, help="also report every N distinct")
    args = parser.parse_args()
    fingerprinter = get_crawler(Spider).request_fingerprinter
    scrapys = RFPDupeFilter(None, fingerprinter=fingerprinter)
    ours = CompactDupeFilter(None, fingerprinter=fingerprinter)
    print(f"{args.requests} distinct requests; load {os.getloadavg()[0]:.2f}")
    print(
        f"{'distinct':>9} {'requests':>9} {'Scrapy MiB':>10} {'B/req':>6} {'ours MiB':>9} {'B/req':>6} {'ratio':>6}"
    )
    started = time.perf_counter()
    seen = repeats = 0
    marks = set(range(args.every, args.requests, args.every)) if args.every else set()
    marks.add(args.requests)
    for request in requests(args.requests):
        answer = scrapys.request_seen(request)
        assert ours.request_seen(request) == answer, request.url
        seen += 1
        repeats += answer
        distinct = seen - repeats
        if not answer and distinct in marks:
            theirs, mine = set_bytes(scrapys._fingerprints), packed_bytes(ours._fingerprints)
            print(
                f"{distinct:>9} {seen:>9} {theirs / 2**20:>10.1f} {theirs / distinct:>6.1f}"
                f" {mine / 2**20:>9.1f} {mine / distinct:>6.1f} {mine / theirs:>6.2f}",
                flush=True,
            )
    print(
        f"the same answer to all {seen} requests ({repeats} repeats);"
        f" {time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
