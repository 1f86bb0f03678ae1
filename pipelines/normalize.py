"""Replays of a saved site: records keep the origin the site was recorded under, whatever
port the replay server used. (Records arrive finished from extraction.)"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scraper.items import ArticleRecord, SightingBatch


def restore_origin(url: str | None, served: str, recorded: str) -> str | None:
    """A URL seen on a local replay, spelled with the origin the site was recorded under."""
    if url and url.startswith(served + "/"):
        return recorded + url[len(served) :]
    return url


def restore_item_origin(item: Any, served: str, recorded: str) -> Any:
    """Replays store the real site's URLs, whatever port the replay server used."""
    if isinstance(item, SightingBatch):
        item.page_url = restore_origin(item.page_url, served, recorded) or item.page_url
        for sighting in item.sightings:
            restore_item_origin(sighting, served, recorded)
        return item
    for name in ("url", "page_url", "image", "fetched_url"):
        if hasattr(item, name):
            setattr(item, name, restore_origin(getattr(item, name), served, recorded))
    if isinstance(item, ArticleRecord):
        for category in item.categories:
            category["url"] = restore_origin(category.get("url"), served, recorded)
    return item


class NormalizePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        replay = getattr(self.crawler.spider, "replay_origins", None)
        if replay:
            restore_item_origin(item, *replay)
        return item
