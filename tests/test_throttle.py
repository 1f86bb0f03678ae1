"""AutoThrottle keeps a site's own delay as its floor: it may slow a site down, never speed
it up past what the site file asks for."""

from __future__ import annotations

from scrapy import Spider
from scrapy.core.downloader import Slot
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from scraper.crawl.extensions import SitePacedAutoThrottle


def _throttle(slots: dict) -> tuple[SitePacedAutoThrottle, dict]:
    crawler = get_crawler(
        Spider,
        {
            "AUTOTHROTTLE_ENABLED": True,
            "DOWNLOAD_DELAY": 1.0,
            "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
            "AUTOTHROTTLE_MAX_DELAY": 30.0,
            "DOWNLOAD_SLOTS": {
                key: {"delay": delay, "concurrency": 1} for key, delay in slots.items()
            },
        },
    )
    throttle = SitePacedAutoThrottle(crawler)
    throttle.mindelay, throttle.maxdelay = 1.0, 30.0  # what spider_opened sets
    live = {key: Slot(concurrency=1, delay=delay) for key, delay in slots.items()}
    live["other.example"] = Slot(concurrency=1, delay=1.0)

    class Downloader:
        slots = live

    class Engine:
        downloader = Downloader()

    crawler.engine = Engine()
    return throttle, live


def _answer(throttle: SitePacedAutoThrottle, slot_key: str, latency: float) -> None:
    request = Request(
        f"https://{slot_key}/x", meta={"download_slot": slot_key, "download_latency": latency}
    )
    throttle._response_downloaded(Response(request.url, status=200, request=request), request, None)


def test_quick_answers_never_take_a_site_below_its_own_delay():
    throttle, slots = _throttle({"slow.example": 5.0})
    for _ in range(10):
        _answer(throttle, "slow.example", latency=0.01)
        _answer(throttle, "other.example", latency=0.01)
    assert slots["slow.example"].delay == 5.0  # Scrapy's AutoThrottle took it to 1.0
    assert slots["other.example"].delay == 1.0  # DOWNLOAD_DELAY: the floor of the rest


def test_a_slow_server_still_slows_a_site_down():
    throttle, slots = _throttle({"slow.example": 5.0})
    for _ in range(6):
        _answer(throttle, "slow.example", latency=12.0)
    assert 5.0 < slots["slow.example"].delay <= 12.0
