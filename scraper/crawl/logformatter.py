"""Scrapy's log lines about items, without the items' content.

Scrapy logs a dropped item (and one a pipeline raised on) with the whole item: a page's
records, article body included. A run whose store refused every page (a full disk) logged
1.4 MB of article text that way. Here the line names the item's type and its page instead;
the content is in the database, or was never stored, and the failure row says which.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


def item_name(item: Any) -> str:
    """An item as a log line names it: its type and the page it came from."""
    url = getattr(item, "url", None) or getattr(item, "page_url", None)
    return f"{type(item).__name__} {url}" if url else type(item).__name__


class ItemNamingLogFormatter(LogFormatter):
    """Dropped items and pipeline errors are logged by the item's type and URL."""

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        entry = super().dropped(item, exception, response, spider)
        return {**entry, "msg": "Dropped %(item)s: %(exception)s", "args": _named(entry, item)}

    def item_error(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        entry = super().item_error(item, exception, response, spider)
        return {**entry, "msg": "Error processing %(item)s", "args": _named(entry, item)}


def _named(entry: LogFormatterResult, item: Any) -> dict[str, Any]:
    args = entry["args"]
    return {**(args if isinstance(args, dict) else {}), "item": item_name(item)}
