"""The crawler never goes to internal addresses for a public site (no traffic is sent here:
the guard decides before any download)."""

import asyncio

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from scraper.guard import PrivateAddressGuard, is_internal
from spiders.news import NewsSpider


def guard_for(site: str) -> PrivateAddressGuard:
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site=site)
    return PrivateAddressGuard.from_crawler(crawler)


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("10.0.0.1", True),
        ("192.168.1.20", True),
        ("172.16.5.4", True),
        ("127.0.0.1", True),
        ("169.254.169.254", True),
        ("::1", True),
        ("fd00::1", True),
        ("0.0.0.0", True),
        ("93.184.216.34", False),
        ("2606:2800:220:1::1", False),
    ],
)
def test_internal_addresses(address, internal):
    assert is_internal(address) is internal


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://localhost:8080/x"],
)
def test_a_public_site_may_not_reach_internal_addresses(url):
    guard = guard_for("example-zox")
    with pytest.raises(IgnoreRequest, match="internal address"):
        asyncio.run(guard.process_request(Request(url)))
    assert guard.crawler.stats.get_value("guard/refused") == 1


def test_public_addresses_pass_and_a_local_site_may_use_its_own_address():
    assert (
        asyncio.run(guard_for("example-zox").process_request(Request("http://93.184.216.34/")))
        is None
    )
    assert (
        asyncio.run(guard_for("zox-demo").process_request(Request("http://127.0.0.1:8765/")))
        is None
    )
