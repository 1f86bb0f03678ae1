"""The address guard's gaps, closed: shared address space, IPv6 forms that carry an internal
IPv4 address, and the numeric IPv4 spellings a resolver reads as addresses. The verdicts are
the guard's own table, the same on every Python version."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from scraper.crawl.guard import PrivateAddressGuard, is_internal, parse_address
from spiders.news import NewsSpider


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier NAT)
        "100.100.100.200",  # a cloud's metadata service in it
        "100.127.255.254",
        "192.88.99.1",  # the old 6to4 relay anycast
        "198.18.0.1",  # benchmarking
        "192.0.0.8",
        "255.255.255.255",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::ffff:a00:1",  # the same form in hex: 10.0.0.1
        "::127.0.0.1",  # IPv4-compatible
        "::a9fe:a9fe",  # 169.254.169.254, compatible
        "::ffff:0:a00:1",  # SIIT: 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64: 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64: 169.254.169.254
        "64:ff9b::6440:1",  # NAT64: 100.64.0.1
        "64:ff9b:1::5db8:d822",  # local-use NAT64: the operator's own translator
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001:db8::1",
        "3fff::1",
        "fec0::1",  # site-local
        "fe80::1%eth0",  # link-local with a zone
        "ff02::1",
        "100::1",  # discard-only
        "5f00::1",
    ],
)
def test_internal_in_every_form(address):
    assert is_internal(address) is True


@pytest.mark.parametrize(
    "address",
    [
        "100.63.255.255",  # just below the shared address space
        "100.128.0.0",  # just above it
        "93.184.216.34",
        "::ffff:93.184.216.34",  # a public address, mapped
        "64:ff9b::5db8:d822",  # a public address through NAT64
        "2002:5db8:d822::1",  # 6to4 of a public address
        "2606:2800:220:1::1",
        "2a00:1450:4001:82b::200e",
    ],
)
def test_public_addresses_stay_public(address):
    assert is_internal(address) is False


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7F000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("10.1.2", "10.1.0.2"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
    ],
)
def test_numeric_spellings_are_the_addresses_they_name(spelling, address):
    assert str(parse_address(spelling)) == address
    assert is_internal(spelling) is True


@pytest.mark.parametrize(
    "name", ["news.example.com", "1.2.3.com", "0x", "08.1.1.1", "1.2.3.4.5", "256.1.1.1", "-1"]
)
def test_names_are_not_read_as_addresses(name):
    with pytest.raises(ValueError):
        parse_address(name)


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/latest/meta-data/",
        "http://0x7f.1:8080/",
        "http://0251.0376.0251.0376/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::1]/",
        "http://100.100.100.200/latest/meta-data/",
    ],
)
def test_a_crawl_refuses_them_without_a_lookup(url, monkeypatch):
    looked_up = []

    async def resolve(host: str) -> list[str]:
        looked_up.append(host)
        return ["93.184.216.34"]  # what a lookup would wrongly vouch for

    monkeypatch.setattr("scraper.crawl.guard._resolve", resolve)
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site="example-zox")
    guard = PrivateAddressGuard.from_crawler(crawler)
    with pytest.raises(IgnoreRequest, match="internal address"):
        asyncio.run(guard.process_request(Request(url)))
    assert looked_up == []
