"""`scraper check-site`: fetch a checked site's first page and show what extraction makes of
it, before a crawl is started on it; when that page is a listing (a home page), also the
first article it links to, since the article selectors are what a listing never exercises.

The page is the first start URL, fetched from the site's `replay` address when it has one
(with the real host in the `Host` header, as the crawl's replay handler sends it). A command
may read the clock: a page without a Date header is read as of now.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
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
    # The first article a listing links to, read the same way (None: the page is an
    # article, links to none, or the article could not be fetched: `article_failed`).
    first_article: Probe | None = None
    article_failed: str | None = None

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
        lines = [
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
        if self.article_failed:
            lines.append(f"first article: {self.article_failed}")
        if self.first_article is not None:
            lines += ["", "first article linked:", *self.first_article.describe_article()]
        return lines

    def describe_article(self) -> list[str]:
        """An article page's fields, each with the reason extraction gave when it is
        missing: a selector of the site file that matches nothing shows here."""
        via = "" if self.fetched_from == self.url else f" (from {self.fetched_from})"
        lines = [f"fetched {self.url}{via}: HTTP {self.status}, {self.size:,} bytes"]
        article = self.page.article
        if article is None:
            return [*lines, f"page type: {self.page.page_type} ({self.page.reason})"]

        def field(name: str, value: object) -> str:
            why = article.missing.get(name)
            return f"{name}: {value}" if value else f"{name}: none ({why or 'not found'})"

        category = article.category["name"] if article.category else None
        body = f"{len(article.body):,} characters" if article.body else None
        published = (
            f"{article.published_at} ({article.precision})" if article.published_at else None
        )
        return [
            *lines,
            f"read with: {article.profile}",
            field("headline", article.headline),
            field("body", body),
            field("published", published),
            field("category", category),
            field("source", ", ".join(article.source)),
            field("author", article.author),
        ]


def probe_site(config: SiteConfig, timeout: float = 10.0) -> Probe:
    """Fetch `config`'s first start URL and extract it as a crawl would, and the first
    article it links to when it is no article itself; FetchFailed (one line) when there is
    no first page to read."""
    probe = _probe_page(config, config.start_urls[0], timeout)
    # Only a link on the site's own hosts: a page's links are the site's word, not ours.
    hosts = {urlsplit(config.start_urls[0]).hostname, *config.allowed_domains}
    links = [
        link
        for link in probe.page.article_links
        if any(
            (host := urlsplit(link).hostname or "") == own or host.endswith("." + str(own))
            for own in hosts
        )
    ]
    if probe.page.article is not None or not links:
        return probe
    try:
        return replace(probe, first_article=_probe_page(config, links[0], timeout))
    except FetchFailed as exc:
        return replace(probe, article_failed=str(exc))


def _probe_page(config: SiteConfig, url: str, timeout: float) -> Probe:
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
