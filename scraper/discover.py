"""Discovery: the pages that list a site's articles without being articles themselves.

RSS feeds, XML sitemaps and the WordPress REST API name article URLs, often with an exact
time. Each reader here is pure (bytes, URL and reference time in; finished sightings out),
like extraction, and the spider turns what they find into requests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from parsel import Selector

from scraper.extract import metadata
from scraper.extract.finish import finish_sighting, iso
from scraper.extract.list_items import unique
from scraper.items import ListItemSighting
from scraper.text import clean_text
from scraper.time import read_machine


def feed_items(
    body: bytes, feed_url: str, reference: datetime, *, site: str = "", timezone: str = "UTC"
) -> list[ListItemSighting]:
    """RSS 2.0 items as sightings: link, title, first category and the exact pubDate."""
    sel = Selector(body=body, type="xml")
    sel.remove_namespaces()
    items = []
    for node in sel.xpath("//channel/item"):
        # One unreadable link skips its item, not the whole feed.
        link = metadata.join_url(feed_url, clean_text(node.xpath("link/text()").get()))
        if not link:
            continue
        raw = clean_text(node.xpath("pubDate/text()").get())
        reading = read_machine(raw, timezone, reference) if raw else None
        items.append(
            ListItemSighting(
                url=link,
                site=site,
                page_url=feed_url,
                reference_time=iso(reference) or "",
                widget="feed",
                title=clean_text(node.xpath("title/text()").get()) or None,
                category=clean_text(node.xpath("category/text()").get()) or None,
                time_raw=raw or None,
                published_at=iso(reading.value) if reading else None,
                earliest=iso(reading.earliest) if reading else None,
                latest=iso(reading.latest) if reading else None,
                reason=reading.reason if reading else "no pubDate",
            )
        )
    return [finish_sighting(item) for item in items]


@dataclass
class SitemapPage:
    kind: str  # "sitemapindex" or "urlset"
    locations: list[str]  # child sitemaps, or page URLs
    # A post's lastmod bounds its publication from above (published <= modified).
    bounds: list[ListItemSighting] = field(default_factory=list)


def read_sitemap(
    body: bytes, sitemap_url: str, reference: datetime, *, site: str = "", timezone: str = "UTC"
) -> SitemapPage:
    sel = Selector(body=body, type="xml")
    sel.remove_namespaces()
    if sel.xpath("/sitemapindex"):
        locations = unique(
            clean_text(v) for v in sel.xpath("/sitemapindex/sitemap/loc/text()").getall()
        )
        return SitemapPage("sitemapindex", locations)
    page = SitemapPage("urlset", [])
    for node in sel.xpath("/urlset/url"):
        loc = metadata.join_url(sitemap_url, clean_text(node.xpath("loc/text()").get()))
        if not loc:
            continue  # one unreadable <loc> skips its entry, not the whole sitemap
        page.locations.append(loc)
        raw = clean_text(node.xpath("lastmod/text()").get())
        if not raw:
            continue
        reading = read_machine(raw, timezone, reference)
        page.bounds.append(
            ListItemSighting(
                url=page.locations[-1],
                site=site,
                page_url=sitemap_url,
                reference_time=iso(reference) or "",
                widget="sitemap",
                time_raw=raw,
                latest=iso(reading.latest),
                reason=reading.reason or "lastmod: an upper bound only",
            )
        )
    for bound in page.bounds:
        finish_sighting(bound)
    return page


def api_posts(
    body: bytes, api_url: str, reference: datetime, *, site: str = ""
) -> list[ListItemSighting]:
    """Posts from the WordPress REST API (`/wp-json/wp/v2/posts`) as sightings with the
    exact publication time the API states in UTC (`date_gmt`)."""
    items = []
    try:
        posts = json.loads(body or b"[]")
    except RecursionError as error:  # the spider records a ValueError as the answer's reason
        raise ValueError("a JSON answer nested deeper than the parser goes") from error
    # Fuzzing: a JSON answer that is not a list (null, 5, "x") made the loop raise TypeError,
    # which the spider (it catches ValueError here) did not record.
    if not isinstance(posts, list):
        raise ValueError(f"expected a JSON list of posts, got {type(posts).__name__}")
    for post in posts:
        # A non-string link (a number, a list) made urljoin raise TypeError: skip the post.
        if not isinstance(post, dict) or not isinstance(post.get("link"), str) or not post["link"]:
            continue
        link = metadata.join_url(api_url, post["link"])
        if not link:
            continue  # one unreadable link skips its post, not the whole answer
        raw = str(post.get("date_gmt") or "")
        reading = read_machine(raw, "UTC", reference) if raw else None
        title = post.get("title", {})
        # A non-string "rendered" (a number, a list) made Selector raise TypeError: no title.
        rendered = title.get("rendered") if isinstance(title, dict) else None
        rendered = rendered if isinstance(rendered, str) and rendered else "<p></p>"
        items.append(
            ListItemSighting(
                url=link,
                site=site,
                page_url=api_url,
                reference_time=iso(reference) or "",
                widget="api",
                title=clean_text(Selector(text=rendered).xpath("string()").get())
                if isinstance(title, dict)
                else None,
                time_raw=raw or None,
                published_at=iso(reading.value) if reading else None,
                earliest=iso(reading.earliest) if reading else None,
                latest=iso(reading.latest) if reading else None,
                reason=reading.reason if reading else "no date_gmt",
            )
        )
    return [finish_sighting(item) for item in items]
