"""`scraper check-site`: fetch a checked site's first page and show what extraction makes of
it, before a crawl is started on it.

The page is the first start URL, fetched from the site's `replay` address when it has one
(with the real host in the `Host` header, as the crawl's replay handler sends it). A command
may read the clock: a page without a Date header is read as of now.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from scraper.crawl.settings import USER_AGENT
from scraper.extract import MIN_FINGERPRINTS, PageExtraction, extract_page
from scraper.extract.decode import NotAPage, decode_html, unpack
from scraper.extract.profiles import detect_profile
from scraper.sites import SiteConfig
from scraper.time import http_date


class FetchFailed(Exception):
    """The page could not be fetched: no answer, or an HTTP error status."""


@dataclass(frozen=True)
class Probe:
    config: SiteConfig
    url: str  # the page's URL as the crawl sees it
    fetched_from: str  # where it was fetched: the URL itself, or its replay
    status: int
    size: int
    page: PageExtraction
    detected: str | None  # the theme whose fingerprints the page matches best
    fingerprints: int

    def describe(self) -> list[str]:
        """What a person checks before crawling: one line per finding."""
        via = "" if self.fetched_from == self.url else f" (from {self.fetched_from})"
        configured = self.config.profile
        if self.detected is None:
            markup = "the markup matches no theme's fingerprints"
        else:
            markup = f"the markup matches {self.detected} ({self.fingerprints} fingerprints)"
        mismatch = configured not in ("auto", "generic") and self.detected not in (None, configured)
        article = self.page.article
        if article and article.published_at:
            published = f"{article.published_at} ({article.precision})"
        else:
            published = "none"
        return [
            f"fetched {self.url}{via}: HTTP {self.status}, {self.size:,} bytes",
            f"page type: {self.page.page_type}"
            + (f" ({self.page.reason})" if self.page.reason else ""),
            f"profile: {configured} in the site file; {markup}"
            + (": check `profile`" if mismatch else ""),
            f"read with: {article.profile if article else 'no article on this page'}",
            f"headline: {(article.headline if article else None) or 'none'}",
            f"published: {published}",
            f"list items: {len(self.page.list_items)}",
            f"links: {len(self.page.article_links)} to articles, "
            f"{len(self.page.listing_links)} to listings",
        ]


def probe_site(config: SiteConfig, timeout: float = 10.0) -> Probe:
    """Fetch `config`'s first start URL and extract it as a crawl would; FetchFailed (one
    line) when there is no page to read."""
    url = config.start_urls[0]
    parts = urlsplit(url)
    headers = {"User-Agent": USER_AGENT}
    fetched_from = url
    if config.replay:
        replay = urlsplit(config.replay)
        fetched_from = urlunsplit((replay.scheme, replay.netloc, parts.path, parts.query, ""))
        headers["Host"] = parts.netloc
    request = urllib.request.Request(fetched_from, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body, status = response.read(), response.status
            response_headers = response.headers
    except urllib.error.HTTPError as exc:
        raise FetchFailed(f"{fetched_from} answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchFailed(f"cannot fetch {fetched_from}: {exc.reason}") from None
    except (OSError, http.client.HTTPException) as exc:  # timeouts, resets, bad responses
        raise FetchFailed(f"cannot fetch {fetched_from}: {exc or type(exc).__name__}") from None
    content_type = response_headers.get("Content-Type")
    reference = http_date(response_headers.get("Date")) or datetime.now(UTC)
    page = extract_page(
        body,
        url,
        reference,
        site=config.name,
        profile=config.extraction_profile(),
        timezone=config.timezone,
        content_type=content_type,
    )
    try:
        if page.refused:  # markup nested too deep to parse: not parsed here either
            raise NotAPage(page.reason)
        detected, score = detect_profile(decode_html(unpack(body), content_type)[0])
    except NotAPage:
        detected, score = None, 0
    if score < MIN_FINGERPRINTS:  # as extraction's "auto": one alone makes no theme's page
        detected = None
    return Probe(
        config,
        url,
        fetched_from,
        status,
        len(body),
        page,
        detected.name if detected else None,
        score,
    )
