"""Retries honour Retry-After and otherwise back off."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from scrapy import Spider
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from scraper.crawl.retry import BackoffRetryMiddleware, retry_delay

NOW = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)


def test_retry_after_seconds_date_and_backoff():
    assert retry_delay("7", 0, 1.0, 120.0, NOW) == 7.0
    assert retry_delay("Mon, 15 Dec 2025 09:00:30 GMT", 0, 1.0, 120.0, NOW) == 30.0
    assert retry_delay("Mon, 15 Dec 2025 08:00:00 GMT", 0, 1.0, 120.0, NOW) == 0.0
    assert retry_delay("3600", 0, 1.0, 120.0, NOW) == 120.0  # capped
    assert [retry_delay(None, n, 1.0, 120.0, NOW) for n in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert retry_delay("soon", 2, 1.0, 120.0, NOW) == 4.0  # unreadable: back off
    # "²".isdigit() is true, float("²") raises: a hostile header backs off, never raises.
    assert retry_delay("²", 2, 1.0, 120.0, NOW) == 4.0
    assert retry_delay("1" * 40, 0, 1.0, 120.0, NOW) == 1.0


def _middleware(monkeypatch) -> tuple[BackoffRetryMiddleware, list[float]]:
    """The middleware (2 retries, a 0.5 s base) and the waits it asks for, none slept."""
    crawler = get_crawler(Spider, {"RETRY_TIMES": 2, "RETRY_BACKOFF_BASE": 0.5})
    crawler.spider = Spider.from_crawler(crawler, name="t")
    waited: list[float] = []

    async def fake_sleep(seconds):
        waited.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    return BackoffRetryMiddleware.from_crawler(crawler), waited


def test_middleware_waits_then_retries(monkeypatch):
    middleware, waited = _middleware(monkeypatch)
    request = Request("http://127.0.0.1/x")
    busy = Response(request.url, status=503, headers={"Retry-After": "3"}, request=request)
    retried = asyncio.run(middleware.process_response(request, busy))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
    again = asyncio.run(middleware.process_response(retried, Response(request.url, status=500)))
    assert again.meta["retry_times"] == 2
    assert waited == [3.0, 1.0]  # Retry-After, then 0.5 * 2^1
    # Out of retries: the response goes through, without waiting.
    final = Response(request.url, status=500, request=again)
    assert asyncio.run(middleware.process_response(again, final)) is final
    assert waited == [3.0, 1.0]
    ok = Response(request.url, status=200)
    assert asyncio.run(middleware.process_response(request, ok)) is ok


def test_a_refused_or_cut_connection_is_retried_after_the_back_off(monkeypatch):
    from twisted.internet.error import ConnectionRefusedError, TCPTimedOutError

    middleware, waited = _middleware(monkeypatch)
    request = Request("http://127.0.0.1/x")
    retried = asyncio.run(middleware.process_exception(request, ConnectionRefusedError()))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
    again = asyncio.run(middleware.process_exception(retried, TCPTimedOutError()))
    assert again.meta["retry_times"] == 2
    assert waited == [0.5, 1.0]  # 0.5 * 2^0, 0.5 * 2^1
    # Out of retries, or an error no retry mends: no request, no wait.
    assert asyncio.run(middleware.process_exception(again, ConnectionRefusedError())) is None
    assert asyncio.run(middleware.process_exception(request, ValueError("bug"))) is None
    assert waited == [0.5, 1.0]
    assert middleware.crawler.stats.get_value("retry/backoff_seconds") == 1.5
