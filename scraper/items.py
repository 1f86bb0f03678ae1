"""Record types that flow from extraction through the pipelines into the store.

Times are ISO 8601 strings in UTC ("2025-12-14T19:10:00Z"); every parsed time keeps the raw
string it came from and its window (earliest/latest, inclusive, to the second).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# What a body's provenance opens with when the generic path read it because the theme's
# body selector found nothing: the monitor counts such a body as missing, so a theme's
# changed layout still shows as drift (`scraper/ops/monitor.py`).
BODY_RESCUED = "generic, the theme's body selector matching nothing"


@dataclass
class ArticleRecord:
    url: str  # canonical URL
    site: str
    fetched_url: str
    reference_time: str  # the moment relative times are anchored to (HTTP Date or fetch time)
    headline: str | None = None
    body: str | None = None  # paragraphs as a reader sees them, separated by blank lines
    source: list[str] = field(default_factory=list)  # attribution names
    source_raw: str | None = None  # the whole source line
    category: dict[str, Any] | None = None  # {"name", "url"} of the labelled (first) category
    categories: list[dict[str, Any]] = field(default_factory=list)
    published_at: str | None = None
    published_raw: str | None = None
    precision: str | None = None  # "exact", "minute", "day" or "window"
    published_earliest: str | None = None
    published_latest: str | None = None
    published_sources: list[str] = field(default_factory=list)
    date_conflicts: list[dict[str, Any]] = field(default_factory=list)
    modified_at: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    post_id: int | None = None
    profile: str | None = None  # e.g. "zox@1"
    extractor: str | None = None  # e.g. "scraper.extract@328"
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where its value came from
    missing: dict[str, str] = field(default_factory=dict)  # field -> why it is null

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ListItemSighting:
    """One list entry (sidebar tabber, "more news", archive list) seen on one page."""

    url: str
    site: str
    page_url: str
    reference_time: str
    widget: str  # "more", "tabber", "archive", "home", ...
    title: str | None = None
    category: str | None = None
    time_raw: str | None = None
    published_at: str | None = None  # nominal value of the relative time
    earliest: str | None = None
    latest: str | None = None
    reason: str | None = None  # why there is no window, if there is none

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SightingBatch:
    """The list items of one page (or feed, sitemap, API answer), as one item: Scrapy's
    per-item machinery (middlewares, pipelines, signals, a commit future) then runs once
    per page instead of once per sighting, and the page's sightings commit together."""

    page_url: str
    sightings: list[ListItemSighting] = field(default_factory=list)
    # The archived response of a feed, sitemap or API answer (a page's sightings take
    # their page's, PageRecords.fetch.archive).
    archive: ArchiveRef | None = None


@dataclass
class FailureRecord:
    """A page that yielded nothing, and why."""

    url: str
    site: str
    stage: str  # "download", "http", "extract", or where code raised: "callback:parse", ...
    reason: str
    time: str
    run_id: int | None = None  # set by the store pipeline

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArchiveRef:
    """Where a response's bytes are kept: the WARC file (as the store names it) and the
    byte offset and length of its response record (issue 18)."""

    file: str
    offset: int
    length: int


@dataclass
class FetchRecord:
    """A page the run processed, and its validators for a conditional re-fetch."""

    url: str  # canonical URL, as stored
    status: int  # 200, or 304 (not modified)
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    archive: ArchiveRef | None = None  # the archived response, when there is one


@dataclass
class PageRecords:
    """What one fetched page gave the store, as one item: its fetch state, its list items
    and its article commit in one transaction, or none of them do. A page is then never
    half stored: one that did not commit has no fetch state and no article, so the next run
    fetches it again."""

    url: str  # the page, as stored
    fetch: FetchRecord
    sightings: SightingBatch | None = None
    article: ArticleRecord | None = None


@dataclass
class RunRecord:
    """A crawl run: written once when it starts (id None) and once when it ends."""

    site: str
    started_at: str
    id: int | None = None
    site_title: str | None = None
    profile: str | None = None
    timezone: str | None = None
    site_config: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    finished_at: str | None = None
    finish_reason: str | None = None
    exit_status: int | None = None
    stats: dict[str, Any] = field(default_factory=dict)
