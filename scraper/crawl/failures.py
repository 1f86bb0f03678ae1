"""Every exception in the crawl's own code becomes a failure row, and the crawl goes on.

Scrapy logs an exception in a callback, a middleware or a pipeline and moves on, so a page
whose callback raised lost its items without a trace in the store. Here each such exception
is turned into a `FailureRecord` with the URL, the stage that raised and a one-line reason:

- a spider callback, or a spider middleware's `process_spider_output`: `SpiderFailures`, a
  spider middleware outside all others, answers `process_spider_exception` with the record
  (what the callback yielded before it raised is kept);
- a downloader middleware, or a spider middleware's `process_spider_input`: the exception
  reaches the request's errback (`NewsSpider.failed`), which names the stage with
  `stage_of`;
- an item pipeline (`item_error`) or an errback (`spider_error`): the store pipeline
  writes the record itself (`pipelines/store.py`).

Stages: `callback:NAME` and `errback:NAME` (the spider's method the request named),
`spider-middleware:CLASS`, `downloader-middleware:CLASS`, `pipeline:MODULE` (the last part
of the pipeline's module: `pipeline:store`, `pipeline:validate`). Each is counted in the
stats as `failures/STAGE`, like the spider's own stages (download, http, extract), and the
monitor judges them (`scraper.ops.monitor`, check `exceptions`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.middleware import MiddlewareManager

from scraper.extract import iso
from scraper.items import FailureRecord
from scraper.text import clean_text

logger = logging.getLogger(__name__)


def reason_of(exception: BaseException) -> str:
    """The exception as one line: its class and its message."""
    message = " ".join(str(exception).split())
    name = type(exception).__name__
    return f"{name}: {message}" if message else name


def _raiser(traceback: TracebackType | None, spider: Spider | None) -> Any:
    """The innermost object on the traceback that is the spider or a Scrapy component
    (a method of it raised, or called what raised); None when there is none (a network
    error raised inside Twisted or a download handler)."""
    found = None
    while traceback is not None:
        owner = traceback.tb_frame.f_locals.get("self")
        if owner is not None and (owner is spider or _is_component(owner)):
            found = owner
        traceback = traceback.tb_next
    return found


def _ran(traceback: TracebackType | None, method: Any) -> bool:
    """Whether `method` (a spider's callback or errback) is on the traceback."""
    code = getattr(method, "__code__", None)
    while code is not None and traceback is not None:
        if traceback.tb_frame.f_code is code:
            return True
        traceback = traceback.tb_next
    return False


_SPIDER_MIDDLEWARE_METHODS = (
    "process_spider_input",
    "process_spider_output",
    "process_spider_exception",
)


def _is_component(owner: Any) -> bool:
    if isinstance(owner, MiddlewareManager):  # Scrapy's chains, not a component in them
        return False
    return any(
        callable(getattr(owner, method, None))
        for method in (
            *_SPIDER_MIDDLEWARE_METHODS,
            "process_request",
            "process_response",
            "process_exception",
            "process_item",
        )
    )


def stage_of(
    exception: BaseException, spider: Spider | None, request: Request | None
) -> str | None:
    """The stage whose code raised `exception`, from its traceback; None when no
    component's code did (the download itself failed)."""
    owner = _raiser(exception.__traceback__, spider)
    if owner is None:
        return None
    if owner is spider:
        traceback = exception.__traceback__
        in_errback = not _ran(traceback, getattr(request, "callback", None)) and _ran(
            traceback, getattr(request, "errback", None)
        )
        return callback_stage(request, errback=in_errback)
    if callable(getattr(owner, "process_item", None)):
        return f"pipeline:{type(owner).__module__.rsplit('.', 1)[-1]}"
    if any(callable(getattr(owner, name, None)) for name in _SPIDER_MIDDLEWARE_METHODS):
        return f"spider-middleware:{type(owner).__name__}"
    return f"downloader-middleware:{type(owner).__name__}"


def failure_record(
    crawler: Crawler, url: str, stage: str, reason: str, when: datetime | None = None
) -> FailureRecord:
    """A failure row of this crawl's site, counted in the stats as `failures/STAGE`."""
    crawler.stats.inc_value(f"failures/{stage}")
    config = getattr(crawler.spider, "site_config", None)
    return FailureRecord(
        url=url,
        site=config.name if config is not None else getattr(crawler.spider, "name", ""),
        stage=stage,
        reason=clean_text(reason),
        time=iso(when or datetime.now(UTC)) or "",
    )


def exception_record(
    crawler: Crawler, url: str, exception: BaseException, stage: str, *, log: bool = True
) -> FailureRecord:
    """The failure row of an exception the crawl's own code raised. `log`: log it with its
    traceback (the row keeps one line), unless Scrapy already has."""
    if log:
        logger.error("%s raised on %s", stage, url, exc_info=exception)
    return failure_record(crawler, url, stage, reason_of(exception))


def callback_stage(request: Request | None, errback: bool = False) -> str:
    """`callback:NAME` (or `errback:NAME`): the spider method `request` names."""
    kind = "errback" if errback else "callback"
    method = getattr(request, kind, None) if request is not None else None
    return f"{kind}:{getattr(method, '__name__', 'parse' if kind == 'callback' else 'none')}"


class SpiderFailures:
    """A spider middleware outside every other (the lowest order): an exception from a
    callback, or from another spider middleware's output, becomes a failure row instead
    of a log line, and the rest of the crawl goes on."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpiderFailures:
        return cls(crawler)

    def process_spider_exception(
        self, response: Response, exception: Exception
    ) -> Iterable[FailureRecord]:
        stage = stage_of(exception, self.crawler.spider, response.request)
        return [
            exception_record(
                self.crawler, response.url, exception, stage or callback_stage(response.request)
            )
        ]
