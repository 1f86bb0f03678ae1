"""Retries that wait: honour Retry-After, otherwise back off exponentially.

Scrapy's RetryMiddleware re-queues a failed request at once. A server that answers 503 or
429 is asking us to slow down, so the retry waits first: the seconds (or HTTP date) in
Retry-After, else RETRY_BACKOFF_BASE * 2^(attempts so far), capped at RETRY_BACKOFF_MAX.
A timeout or a refused, reset or cut connection waits the same back-off. Only the retried
request waits; the rest of the crawl goes on.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings


def retry_delay(
    retry_after: str | None, attempts: int, base: float, cap: float, now: datetime
) -> float:
    """Seconds to wait before retry number `attempts + 1`."""
    if retry_after:
        value = retry_after.strip()
        if re.fullmatch(r"[0-9]{1,9}", value):  # ASCII digits: "²".isdigit() is true too
            return min(float(value), cap)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return min(max((when - now).total_seconds(), 0.0), cap)
    return min(base * (2**attempts), cap)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    async def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        header = response.headers.get("Retry-After")
        await self._wait(request, header.decode("latin-1") if header else None)
        return retry

    async def process_exception(
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        """A timeout, a refused or reset connection, a cut answer: retried after the same
        back-off (a server failing under load is not hit again at once)."""
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        await self._wait(request, None)
        return retry

    async def _wait(self, request: Request, retry_after: str | None) -> None:
        """Before retry number `retry_times + 1` of `request`: Retry-After, else the back-off."""
        delay = retry_delay(
            retry_after,
            request.meta.get("retry_times", 0),
            self.backoff_base,
            self.backoff_max,
            datetime.now(UTC),
        )
        self.crawler.stats.inc_value("retry/backoff_seconds", round(delay, 3))
        await asyncio.sleep(delay)
