"""Exceptions injected into the crawl's own code, to test that each one becomes a failure
row (scraper.crawl.failures) and the crawl goes on.

    python -m scraper.testkit.crashes spiders.news:NewsSpider._fetch_record=/2025/12/15/x/ \\
        -- crawl zox-demo --db news.db --base-url http://127.0.0.1:8765

patches each named method (a spider's, a middleware's or a pipeline's) to raise
`InjectedCrash` whenever what it handles belongs to the page with that URL path, then runs
the `scraper` command given after `--` in this process. Where the fault server
(`faults.py`) breaks the site, this breaks the crawler. Nothing in a crawl imports it.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit


class InjectedCrash(RuntimeError):
    """The exception a patched method raises."""


def _url_of(value: Any) -> str | None:
    """The URL a request, a response, a failure (its request) or an item belongs to."""
    for candidate in (value, getattr(value, "request", None)):
        for name in ("url", "page_url"):
            url = getattr(candidate, name, None)
            if isinstance(url, str):
                return url
    return None


def _hits(path: str, args: tuple[Any, ...]) -> bool:
    for value in args:
        url = _url_of(value)
        if url is not None:
            return unquote(urlsplit(url).path).lower() == unquote(path).lower()
    return False


def crashing(method: Callable[..., Any], target: str, path: str) -> Callable[..., Any]:
    """`method`, raising `InjectedCrash` first when its arguments belong to `path` (a plain
    method, a coroutine or an async generator, so Scrapy still accepts it)."""
    message = f"injected into {target} for {path}"

    if inspect.isasyncgenfunction(method):

        @functools.wraps(method)
        async def crashing_async_generator(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _hits(path, args + tuple(kwargs.values())):
                raise InjectedCrash(message)
            async for value in method(self, *args, **kwargs):
                yield value

        return crashing_async_generator

    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def crashing_coroutine(self: Any, *args: Any, **kwargs: Any) -> Any:
            if _hits(path, args + tuple(kwargs.values())):
                raise InjectedCrash(message)
            return await method(self, *args, **kwargs)

        return crashing_coroutine

    @functools.wraps(method)
    def crashing_method(self: Any, *args: Any, **kwargs: Any) -> Any:
        if _hits(path, args + tuple(kwargs.values())):
            raise InjectedCrash(message)
        return method(self, *args, **kwargs)

    return crashing_method


def inject(target: str, path: str) -> None:
    """Patch `module:Class.method` to crash on the page at `path`."""
    module_name, _, qualified = target.partition(":")
    class_name, _, method_name = qualified.rpartition(".")
    if not (module_name and class_name and method_name):
        raise ValueError(f"a target is module:Class.method, not {target!r}")
    owner = getattr(importlib.import_module(module_name), class_name)
    setattr(owner, method_name, crashing(getattr(owner, method_name), target, path))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--" not in args:
        print("usage: crashes module:Class.method=PATH ... -- SCRAPER-ARGS", file=sys.stderr)
        return 2
    split = args.index("--")
    for spec in args[:split]:
        target, _, path = spec.partition("=")
        inject(target, path)
    from scraper.cli import main as scraper_main

    return scraper_main(args[split + 1 :])


if __name__ == "__main__":
    raise SystemExit(main())
