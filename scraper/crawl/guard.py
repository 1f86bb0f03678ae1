"""Where the crawler may go: never to private, loopback or link-local addresses (cloud
metadata endpoints, the operator's own network) unless the site itself is configured on
such an address (a generated benchmark site), or its hosts are replayed from a configured
address (the bundled site: see scraper.crawl.replay), which is then not looked up at all.
Offsite hosts are Scrapy's OffsiteMiddleware's job; this guard covers the addresses a public
host name or a redirect could point at."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request


def is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class PrivateAddressGuard:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._verdicts: dict[str, str | None] = {}  # host -> reason to refuse, or None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressGuard:
        return cls(crawler)

    def _allowed_without_checks(self, host: str) -> bool:
        """The site's own internal address, or one of its hosts that a configured replay
        serves (a `.example` host would otherwise be looked up in DNS)."""
        spider = self.crawler.spider
        if _local_site(spider):
            return True
        config = getattr(spider, "site_config", None)
        return bool(config and config.replay) and host in config.hosts

    @staticmethod
    def _literal_internal(host: str) -> bool:
        try:
            return is_internal(host)
        except ValueError:
            return host == "localhost"

    async def _refusal(self, host: str) -> str | None:
        if host in self._verdicts:
            return self._verdicts[host]
        try:
            addresses = [host] if _is_ip(host) else await _resolve(host)
        except OSError:
            # Unresolvable names fail later, in the download, with their own error.
            self._verdicts[host] = None
            return None
        internal = [a for a in addresses if is_internal(a)]
        reason = f"{host} resolves to an internal address ({internal[0]})" if internal else None
        self._verdicts[host] = reason
        return reason

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlsplit(request.url).hostname or ""
        if self._allowed_without_checks(host):
            return None
        reason = await self._refusal(host)
        if reason:
            self.crawler.stats.inc_value("guard/refused")
            raise IgnoreRequest(f"refused: {reason}")
        return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def _resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


class RedirectGuard:
    """Refuse a redirect that leaves the site, points at an internal address, or loops,
    with a reason the spider records. (Left to Scrapy, an offsite target is dropped when
    scheduled and a loop by the duplicate filter, and neither says why.)"""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuard:
        return cls(crawler)

    def process_response(self, request: Request, response: Any, spider: Any = None) -> Any:
        location = response.headers.get("Location")
        if not (300 <= response.status < 400) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        spider = self.crawler.spider
        allowed = getattr(spider, "allowed_domains", None) or []
        host = urlsplit(target).hostname or ""
        reason = None
        on_site = any(host == d or host.endswith("." + d) for d in allowed)
        if allowed and not on_site:
            reason = "outside the site's domains"
        elif _is_ip(host) and is_internal(host) and not _local_site(spider):
            reason = "an internal address"
        elif target in request.meta.get("redirect_urls", []) or target == request.url:
            reason = "a redirect loop"
        if reason:
            self.crawler.stats.inc_value("guard/redirects_refused")
            raise IgnoreRequest(f"redirect to {target} refused: {reason}")
        return response


def _local_site(spider: Any) -> bool:
    config = getattr(spider, "site_config", None)
    urls = (*config.start_urls, *config.sitemaps, *config.feeds) if config else ()
    hosts = [urlsplit(u).hostname or "" for u in urls]
    return bool(hosts) and all(PrivateAddressGuard._literal_internal(h) for h in hosts)
