"""Crawl a replay of a site under the site's real URLs.

A site configured with `replay = "http://127.0.0.1:8765"` (or crawled with `--base-url`) keeps
its real URLs everywhere: in requests, responses, the offsite filter, robots.txt, redirects,
the pipelines and the database. Only the connection differs: this download handler sends a
request for one of the site's hosts to the replay address, with the real host in its `Host`
header (the replay server then serves the recorded bytes unchanged), and hands the response
back under the request's real URL. Requests for any other host, and every request of a site
without a replay, go to Scrapy's own HTTP handler unchanged.

A handler rather than a downloader middleware: a middleware can only reach another address
by returning a new request, which goes back through the scheduler, the duplicate filter and
the offsite filter (which drops the replay's 127.0.0.1) and takes the replay address's
download slot instead of the site's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Response, TextResponse
from scrapy.utils.misc import build_from_crawler, load_object

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader.handlers import DownloadHandlerProtocol
    from scrapy.crawler import Crawler

    from scraper.sites import SiteConfig

HANDLER = "scraper.crawl.replay.ReplayDownloadHandler"


def replay_handlers(config: SiteConfig) -> dict[str, str]:
    """The DOWNLOAD_HANDLERS entries that replay `config`'s site (none for a real site)."""
    return {"http": HANDLER, "https": HANDLER} if config.replay else {}


class ReplayDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        config: SiteConfig = crawler.spider.site_config  # type: ignore[union-attr]
        if not config.replay:
            raise ValueError(f"site {config.name!r} has no replay address")
        address = urlsplit(config.replay)
        self.replay_scheme, self.replay_netloc = address.scheme, address.netloc
        self.hosts = config.hosts
        # Scrapy's own handlers by scheme (http11, or aiohttp without a reactor), built on
        # first use: they do the actual downloading.
        self._delegates: dict[str, DownloadHandlerProtocol] = {}

    def served_url(self, url: str) -> str | None:
        """Where the replay serves `url`, or None when the replay does not serve its host."""
        parts = urlsplit(url)
        if parts.hostname not in self.hosts:
            return None
        return urlunsplit((self.replay_scheme, self.replay_netloc, parts.path, parts.query, ""))

    def _delegate(self, scheme: str) -> DownloadHandlerProtocol:
        if scheme not in self._delegates:
            path = self.crawler.settings.getdict("DOWNLOAD_HANDLERS_BASE")[scheme]
            self._delegates[scheme] = build_from_crawler(load_object(path), self.crawler)
        return self._delegates[scheme]

    async def download_request(self, request: Request) -> Response:
        served = self.served_url(request.url)
        if served is None:
            return await self._delegate(urlsplit(request.url).scheme).download_request(request)
        forwarded = request.replace(url=served)
        forwarded.headers["Host"] = urlsplit(request.url).netloc
        try:
            response = await self._delegate(self.replay_scheme).download_request(forwarded)
        finally:
            # What the download noted (its latency, for AutoThrottle) belongs to the request.
            request.meta.update(forwarded.meta)
        # encoding=None: keep it undeclared, as Scrapy's handler left it (replace() would
        # otherwise fix the body's inferred encoding, decoding every page once more).
        keep = {"encoding": None} if isinstance(response, TextResponse) else {}
        return response.replace(url=request.url, **keep)

    async def close(self) -> None:
        for delegate in self._delegates.values():
            await delegate.close()
