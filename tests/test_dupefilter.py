"""The crawl's duplicate filter (scraper.crawl.dupefilter) answers exactly as Scrapy's
RFPDupeFilter does, in a fraction of its memory: the same fingerprints, the same
`request_seen` answers, the same JOBDIR file, and a resumed job that remembers."""

from __future__ import annotations

import hashlib
import random

import pytest
from scrapy import Spider
from scrapy.core.scheduler import Scheduler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from scraper.crawl import dupefilter as dupefilter_module
from scraper.crawl import settings as project_settings
from scraper.crawl.dupefilter import CompactDupeFilter, PackedFingerprints

SITE = "https://www.example-news.com"


def request_stream(count: int, seed: int = 7) -> list[Request]:
    """What a news crawl asks for: articles linked again and again from widgets and
    sitemaps, in spellings the fingerprint treats as one (query order, fragments) or as
    two (another query value, a POST body), with the home page and listings repeating."""
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        number = int(rng.paretovariate(1.2) * 10) % 5000
        kind = rng.randrange(10)
        if kind < 5:
            url = f"{SITE}/2025/12/{number}/خبر-رقم-{number}/"
        elif kind == 5:
            url = f"{SITE}/2025/12/{number}/خبر-رقم-{number}/#comments"
        elif kind == 6:
            url = f"{SITE}/category/news/page/{number % 300}/?b=2&a=1"
        elif kind == 7:
            url = f"{SITE}/category/news/page/{number % 300}/?a=1&b=2"
        elif kind == 8:
            url = f"{SITE}/?p={number}&utm_source={rng.randrange(3)}"
        else:
            url = f"{SITE}/wp-json/wp/v2/posts?page={number % 50}"
        if rng.random() < 0.02:
            requests.append(Request(url, method="POST", body=f"page={number % 4}"))
        else:
            requests.append(Request(url))
    return requests


def filters(jobdir_ours=None, jobdir_scrapy=None) -> tuple[CompactDupeFilter, RFPDupeFilter]:
    crawler = get_crawler(Spider)
    fingerprinter = crawler.request_fingerprinter
    ours = CompactDupeFilter(jobdir_ours, fingerprinter=fingerprinter)
    scrapy_own = RFPDupeFilter(jobdir_scrapy, fingerprinter=fingerprinter)
    return ours, scrapy_own


def test_the_same_answers_as_scrapys_filter_on_a_crawls_requests():
    ours, scrapy_own = filters()
    stream = request_stream(30_000)
    answers = [ours.request_seen(request) for request in stream]
    assert answers == [scrapy_own.request_seen(request) for request in stream]
    assert 0 < answers.count(False) < len(stream) // 2  # the stream repeats, and not only
    assert len(ours._fingerprints) == len(scrapy_own._fingerprints)
    assert set(ours._fingerprints) == scrapy_own._fingerprints


def test_a_resumed_job_remembers_and_writes_scrapys_file(tmp_path):
    ours_dir, scrapy_dir = tmp_path / "ours", tmp_path / "scrapy"
    ours_dir.mkdir()
    scrapy_dir.mkdir()
    stream = request_stream(20_000, seed=11)
    first, rest = stream[:8_000], stream[8_000:]
    ours, scrapy_own = filters(str(ours_dir), str(scrapy_dir))
    for request in first:
        assert ours.request_seen(request) == scrapy_own.request_seen(request)
    ours.close("shutdown")
    scrapy_own.close("shutdown")
    written = (ours_dir / "requests.seen").read_bytes()
    assert written == (scrapy_dir / "requests.seen").read_bytes()

    # Resumed: each reads its own file; ours also reads the one Scrapy's filter wrote.
    ours, scrapy_own = filters(str(ours_dir), str(scrapy_dir))
    from_scrapys_file, _ = filters(str(scrapy_dir), None)
    answers = [scrapy_own.request_seen(request) for request in rest]
    assert [ours.request_seen(request) for request in rest] == answers
    assert [from_scrapys_file.request_seen(request) for request in rest] == answers
    assert all(ours.request_seen(request) for request in first)


def test_the_crawl_uses_it_and_dont_filter_still_passes():
    assert project_settings.DUPEFILTER_CLASS == "scraper.crawl.dupefilter.CompactDupeFilter"
    crawler = get_crawler(Spider, {"DUPEFILTER_CLASS": project_settings.DUPEFILTER_CLASS})
    crawler.spider = crawler._create_spider("news")
    crawler.engine = crawler._create_engine()
    scheduler = Scheduler.from_crawler(crawler)
    assert isinstance(scheduler.df, CompactDupeFilter)
    scheduler.open(crawler.spider)
    page = f"{SITE}/2025/12/1/"
    assert scheduler.enqueue_request(Request(page))
    assert not scheduler.enqueue_request(Request(page + "#top"))
    assert scheduler.enqueue_request(Request(page, dont_filter=True))
    assert crawler.stats.get_value("dupefilter/filtered") == 1
    scheduler.close("finished")


def test_a_match_across_two_packed_fingerprints_is_not_a_fingerprint(monkeypatch):
    monkeypatch.setattr(dupefilter_module, "BUCKET_BITS", 0)  # one array holds them all
    packed = PackedFingerprints([b"\x01" * 10 + b"\x02" * 10, b"\x03" * 10 + b"\x04" * 10])
    assert b"\x02" * 10 + b"\x03" * 10 not in packed
    assert b"\x03" * 10 + b"\x04" * 10 in packed
    packed.add(b"\x02" * 10 + b"\x03" * 10)
    assert b"\x02" * 10 + b"\x03" * 10 in packed
    assert len(packed) == 3


@pytest.mark.parametrize("bits", [0, 14])
def test_packed_fingerprints_behave_as_a_set(monkeypatch, bits):
    monkeypatch.setattr(dupefilter_module, "BUCKET_BITS", bits)
    rng = random.Random(3)
    digests = [hashlib.sha1(str(rng.randrange(4000)).encode()).digest() for _ in range(6000)]
    # A custom fingerprinter's fingerprints of other lengths (and an empty one) too.
    odd = [b"", b"short", hashlib.sha256(b"x").digest(), b"short"]
    packed, plain = PackedFingerprints(), set()
    for fingerprint in digests + odd:
        assert (fingerprint in packed) == (fingerprint in plain)
        packed.add(fingerprint)
        plain.add(fingerprint)
    assert len(packed) == len(plain)
    assert set(packed) == plain
    assert "not bytes" not in packed
