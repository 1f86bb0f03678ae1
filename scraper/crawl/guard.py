"""Where the crawler may go: never to private, loopback or link-local addresses (cloud
metadata endpoints, the operator's own network) unless the site itself is configured on
such an address (a generated benchmark site), or its hosts are replayed from a configured
address (the bundled site: see scraper.crawl.replay), which is then not looked up at all.
Offsite hosts are Scrapy's OffsiteMiddleware's job; this guard covers the addresses a public
host name or a redirect could point at.

What counts as internal is an explicit table (the IANA special-purpose registries), not
Python's `is_private`/`is_global`, whose answers differ between Python versions. IPv6
forms that carry an IPv4 address (IPv4-mapped and -compatible, SIIT, NAT64, 6to4) are
judged by the address they carry; the numeric IPv4 spellings resolvers accept
(`2130706433`, `0x7f.1`, `0177.0.0.1`) are read as the addresses they are, without a lookup.

Also here: robots.txt read within a size bound (BoundedRobotsTxt), and a page that reloads
itself kept rather than followed (MetaRefreshRedirects)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from collections import OrderedDict
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh

logger = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_INTERNAL_IPV4 = tuple(
    ipaddress.IPv4Network(network)
    for network in (
        "0.0.0.0/8",  # "this network"
        "10.0.0.0/8",
        "100.64.0.0/10",  # shared address space (carrier NAT; some clouds' metadata service)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, the usual metadata address
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # the old 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the broadcast address
    )
)
# Only 2000::/3 is allocated as global unicast; within it, these are not public.
_GLOBAL_IPV6 = ipaddress.IPv6Network("2000::/3")
_INTERNAL_GLOBAL_IPV6 = tuple(
    ipaddress.IPv6Network(network)
    for network in (
        "2001::/23",  # IETF protocol assignments, Teredo among them
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation
    )
)
_SIXTOFOUR = ipaddress.IPv6Network("2002::/16")
# IPv6 forms whose last 32 bits are an IPv4 address the connection ends up at.
_CARRYING_IPV4_IN_LOW_BITS = tuple(
    ipaddress.IPv6Network(network)
    for network in (
        "::ffff:0:0/96",  # IPv4-mapped
        "::/96",  # IPv4-compatible (deprecated); :: and ::1 are 0.0.0.0 and 0.0.0.1 there
        "::ffff:0:0:0/96",  # SIIT translated
        "64:ff9b::/96",  # NAT64, well-known prefix
    )
)
# Local-use NAT64 (64:ff9b:1::/48) is not listed: it lies outside 2000::/3, so it is
# refused whole, as the operator's own translation domain should be.


def parse_address(host: str) -> Address:
    """The IP address a URL's host names literally: an IPv4 or IPv6 address, or one of the
    numeric IPv4 spellings resolvers accept (decimal, octal or hex, in 1 to 4 parts).
    ValueError for a host name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    numeric = _numeric_ipv4(host)
    if numeric is None:
        raise ValueError(f"{host!r} is no IP address")
    return numeric


_NUMBER = re.compile(r"0[xX](?P<hex>[0-9a-fA-F]*)|0(?P<oct>[0-7]+)|(?P<dec>0|[1-9][0-9]*)")


def _numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]  # a trailing dot names the same address
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        match = _NUMBER.fullmatch(part)
        if not match or match["hex"] == "":
            return None
        if match["hex"] is not None:
            numbers.append(int(match["hex"], 16))
        elif match["oct"] is not None:
            numbers.append(int(match["oct"], 8))
        else:
            numbers.append(int(match["dec"]))
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def is_internal(address: str) -> bool:
    """Whether a connection to `address` (an IP address in any spelling parse_address
    reads) would reach something other than the public internet. ValueError for a name."""
    return _internal(parse_address(address))


def _internal(ip: Address) -> bool:
    if isinstance(ip, ipaddress.IPv4Address):
        return any(ip in network for network in _INTERNAL_IPV4)
    ip = ipaddress.IPv6Address(int(ip))  # without a scope (%eth0): the bits decide
    if any(ip in network for network in _CARRYING_IPV4_IN_LOW_BITS):
        return _internal(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip in _SIXTOFOUR:
        return _internal(ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF))
    if ip not in _GLOBAL_IPV6:
        return True  # loopback, ULA, link- and site-local, multicast, reserved, ...
    return any(ip in network for network in _INTERNAL_GLOBAL_IPV6)


def _is_ip(host: str) -> bool:
    try:
        parse_address(host)
    except ValueError:
        return False
    return True


def refusal_reason(host: str, addresses: list[str]) -> str | None:
    """Why `host`, which resolves to `addresses`, may not be fetched (None: it may)."""
    internal = [a for a in addresses if is_internal(a)]
    return f"{host} resolves to an internal address ({internal[0]})" if internal else None


def resolve_now(host: str) -> list[str]:
    """The addresses of `host`, blocking (for commands outside a crawl): a literal address
    in any spelling is itself, without a lookup. OSError when the name does not resolve."""
    if _is_ip(host):
        return [host]
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


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
            return host.rstrip(".") == "localhost"

    async def _refusal(self, host: str) -> str | None:
        if host in self._verdicts:
            return self._verdicts[host]
        try:
            addresses = [host] if _is_ip(host) else await _resolve(host)
        except OSError:
            # Unresolvable names fail later, in the download, with their own error.
            self._verdicts[host] = None
            return None
        reason = refusal_reason(host, addresses)
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


async def _resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class RedirectGuard:
    """Refuse a redirect that leaves the site, points at an internal address, or loops,
    with a reason the spider records. (Left to Scrapy, an offsite target is dropped when
    scheduled and a loop by the duplicate filter, and neither says why.)"""

    # Redirects remembered to see a loop between two pages the site links to both: A's
    # redirect to B is dropped by the duplicate filter (B was requested on its own), then
    # B's to A would be too, and neither would say why. The latest ones are enough.
    REMEMBERED = 10_000

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._redirected: OrderedDict[str, str] = OrderedDict()

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
        elif (
            target in request.meta.get("redirect_urls", [])
            or target == request.url
            or self._redirected.get(target) == request.url
        ):
            reason = "a redirect loop"
        if reason:
            self.crawler.stats.inc_value("guard/redirects_refused")
            raise IgnoreRequest(f"redirect to {target} refused: {reason}")
        self._redirected[request.url] = target
        self._redirected.move_to_end(request.url)
        if len(self._redirected) > self.REMEMBERED:
            self._redirected.popitem(last=False)
        return response


class MetaRefreshRedirects(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, except a page's refresh to its own address. Front
    pages and stories that reload every minute or two (`<meta http-equiv="refresh"
    content="60">`, or with their own URL) and challenge pages that wait and reload are
    the response itself, not a redirect. Followed, the request to the same address is
    dropped by the duplicate filter and the page is lost without a word. (w3lib 2.6 reads a
    refresh without a URL as one to the page itself, as the HTML standard does.)"""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Any:
        if isinstance(response, HtmlResponse):
            _, target = get_meta_refresh(response, ignore_tags=self._ignore_tags)
            if target and _without_fragment(target) == _without_fragment(response.url):
                self.crawler.stats.inc_value("guard/self_refresh_kept")
                return response
        return super().process_response(request, response)


def _without_fragment(url: str) -> str:
    return url.partition("#")[0]


def _local_site(spider: Any) -> bool:
    return is_local_site(getattr(spider, "site_config", None))


def is_local_site(config: Any) -> bool:
    """Whether a site configuration is served from internal addresses only (a generated
    benchmark site): its own URLs may then be fetched there."""
    urls = (*config.start_urls, *config.sitemaps, *config.feeds) if config else ()
    hosts = [urlsplit(u).hostname or "" for u in urls]
    return bool(hosts) and all(PrivateAddressGuard._literal_internal(h) for h in hosts)


# The least RFC 9309 lets a crawler parse of a robots.txt, and Google's limit.
ROBOTSTXT_MAXSIZE = 500 * 1024
_ROBOTS_RECEIVED = "scraper_robotstxt_received"


class BoundedRobotsTxt(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, reading at most SCRAPER_ROBOTSTXT_MAXSIZE bytes of a
    robots.txt: a larger file is obeyed up to that bound, cut after its last whole line
    there, with one warning, as Google does (RFC 9309 asks for at least 500 KiB). The first
    part rather than nothing: a site's rules for everyone usually come first, and obeying
    them is the careful reading. Left to Scrapy, a robots.txt above DOWNLOAD_MAXSIZE was
    cancelled with a traceback in the log and the site crawled as if it had none."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._maxsize = crawler.settings.getint("SCRAPER_ROBOTSTXT_MAXSIZE", ROBOTSTXT_MAXSIZE)
        self._decompression_maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    @staticmethod
    def _fetches_robots(request: Request) -> bool:
        # The request RobotsTxtMiddleware itself makes for a host's robots.txt.
        return bool(request.meta.get("dont_obey_robotstxt")) and (
            urlsplit(request.url).path == "/robots.txt"
        )

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if self._fetches_robots(request):
            # No refusal by size when the headers come (that cancelled the download and
            # lost the file): _bytes_received stops reading at our own bound, and
            # process_response gives the one warning.
            request.meta["download_maxsize"] = 0
            request.meta["download_warnsize"] = 0
            request.meta[_ROBOTS_RECEIVED] = 0  # a retry counts afresh
            return None
        return await super().process_request(request)

    def _bytes_received(self, data: bytes, request: Request, spider: Any = None) -> None:
        if not self._fetches_robots(request):
            return
        received = request.meta.get(_ROBOTS_RECEIVED, 0) + len(data)
        request.meta[_ROBOTS_RECEIVED] = received
        # The handler read the download's bound (0) with the headers; from here the bound
        # in meta governs decompression only, and is a page's.
        request.meta["download_maxsize"] = self._decompression_maxsize
        if received > self._maxsize:
            raise StopDownload(fail=False)  # the response is what arrived so far

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> None:
        """A robots.txt that could not be fetched (no DNS answer, connection refused, retries
        spent): one warning line naming the host and why, and the host is crawled as if it
        had none, as Scrapy does. Left to Scrapy, it was an error with a whole traceback."""
        if not self._fetches_robots(request):
            return None
        host = urlsplit(request.url).netloc
        # The stat Scrapy counts for it, which an IgnoreRequest would skip.
        self.crawler.stats.inc_value(f"robotstxt/exception_count/{type(exception)}")
        logger.warning(
            "robots.txt of %s not fetched (%s: %s): crawling it as if it had none",
            host,
            type(exception).__name__,
            exception,
            extra={"spider": self.crawler.spider},
        )
        # Scrapy's robots.txt middleware allows everything after a refusal, without a log.
        raise IgnoreRequest(f"robots.txt of {host} not fetched")

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Any:
        if not self._fetches_robots(request) or len(response.body) <= self._maxsize:
            return response
        kept = response.body[: self._maxsize]
        # A rule cut in the middle could forbid more than the site does, or allow more.
        kept = kept[: kept.rfind(b"\n") + 1]
        self.crawler.stats.inc_value("robotstxt/truncated")
        logger.warning(
            "%s is larger than %d bytes (SCRAPER_ROBOTSTXT_MAXSIZE): obeying its first %d "
            "bytes, whole lines, and ignoring the rest",
            request.url,
            self._maxsize,
            len(kept),
            extra={"spider": self.crawler.spider},
        )
        return response.replace(body=kept)
