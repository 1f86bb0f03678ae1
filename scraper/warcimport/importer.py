"""`scraper import-warc`: articles and sightings from any WARC file, stored as a crawl
stores them.

Each response record is what a crawl would have fetched: its host picks the site (a
configured site's profile and timezone, else the generic path with theme detection, as
`scraper extract` does), its `WARC-Date` is the reference time (never the clock), an HTML
page goes through `extract_page`, a feed, sitemap or WordPress API answer through the
readers a crawl uses (scraper.discover), and what comes out goes to the same `Store` the
crawl's pipeline writes through. Every record that gives nothing is counted with its reason.

Each site met gets a run in `crawl_runs` (its stats hold the counts, `import/skipped/...`
among them), so `scraper report` shows an import as it shows a crawl.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.crawl.workers import ExtractionPool
from scraper.discover import api_posts, feed_items, read_sitemap
from scraper.extract import iso
from scraper.extract.finish import normalize_url
from scraper.items import ArchiveRef, FetchRecord, PageRecords, RunRecord, SightingBatch
from scraper.sites import SiteConfig
from scraper.store import Store, queries
from scraper.store.writer import BULK_BATCH_SIZE
from scraper.text import arabic_share
from scraper.warcimport.reader import Damage, WarcEntry, header, read_warc

# Records written per transaction: the store's bulk commits (an import is a backfill).
BATCH = BULK_BATCH_SIZE
# What a record's host gets when no configured site claims it: the generic path, theme
# detection, and a timezone read from the page or widened over every offset.
GENERIC_TIMEZONE = "unknown"
_LETTER = re.compile(r"[^\W\d_]")
# The share of Arabic letters that makes a text Arabic (scraper.extract.metadata.language's).
ARABIC_SHARE = 0.6


@dataclass(frozen=True)
class ImportOptions:
    """`site`: every record read with this site's configuration; `domains`: only records
    of these hosts (and their subdomains) are taken; `language`: pages in another language
    are skipped."""

    site: SiteConfig | None = None
    domains: tuple[str, ...] = ()
    language: str | None = None
    configured: tuple[SiteConfig, ...] = ()  # the sites whose hosts pick their config
    workers: int = 0  # extraction processes (the crawl's ExtractionPool); 0: in this one


@dataclass
class SiteRun:
    name: str
    config: SiteConfig | None
    run_id: int | None = None
    started_at: str = ""
    stats: Counter = field(default_factory=Counter)


@dataclass
class ImportResult:
    records: int = 0  # records read, every type
    skipped: Counter = field(default_factory=Counter)
    stored: Counter = field(default_factory=Counter)
    damage: list[Damage] = field(default_factory=list)
    runs: dict[str, int] = field(default_factory=dict)

    @property
    def exit_status(self) -> int:
        """0 once any record could be read (damage after it is reported and counted), 65
        (EX_DATAERR) when none could: no file was a readable WARC."""
        return 0 if self.records else 65

    def lines(self) -> list[str]:
        """The report the command prints."""
        runs = ", ".join(f"{site} (run {run_id})" for site, run_id in sorted(self.runs.items()))
        stored = self.stored
        out = [
            f"Records read: {self.records}",
            f"Pages stored: {stored['pages']} (articles {stored['articles']}: "
            f"new {stored['articles_new']}, unchanged {stored['articles_unchanged']}, "
            f"changed {stored['articles_changed']}, kept {stored['articles_kept']}); "
            f"list-item sightings passed to the store {stored['list_items']}"
            " (one already stored from the same page and time is not added again)",
            f"Skipped: {sum(self.skipped.values())}",
        ]
        out += [f"  {count:6d}  {reason}" for reason, count in self.skipped.most_common()]
        out += [f"Damaged: {d.file} at offset {d.offset}: {d.reason}" for d in self.damage]
        out.append(f"Runs: {runs or 'none'}")
        return out


class WarcImport:
    """One import into the database at `db`; `run(paths)` reads the files in order."""

    def __init__(self, db: str | Path, options: ImportOptions) -> None:
        self.options = options
        self.store = Store(db, bulk=True)
        self.result = ImportResult()
        self.sites: dict[str, SiteRun] = {}
        self.pending: list[tuple[SiteRun, Any]] = []
        # Pages taken by this import: their capture time, and their place in the import
        # (a page is judged against those before it, however many are still extracting).
        self.fetched: dict[str, tuple[str, int]] = {}
        self.pool = ExtractionPool(options.workers)
        # Records read and not finished yet, in file order: (site, entry, kind, extraction).
        self.window: deque[tuple[SiteRun, WarcEntry, str, asyncio.Future | None]] = deque()
        self.window_size = max(1, options.workers) * 8
        self.paths: list[str] = []
        self.finish_reason = "finished"
        self.hosts: dict[str, SiteConfig] = {}
        for config in options.configured:
            for host in (*config.hosts, *config.allowed_domains):
                self.hosts.setdefault(host.lower(), config)

    def run(self, paths: list[str | Path]) -> ImportResult:
        self.paths = [str(path) for path in paths]
        try:
            asyncio.run(self._read_all([Path(path) for path in paths]))
            self._flush()
        except BaseException as exc:
            # The runs still end, saying why (what was stored before stays stored).
            self.finish_reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            raise
        finally:
            self.pool.close()
            self._finish_runs()
            self.store.close()
        return self.result

    async def _read_all(self, paths: list[Path]) -> None:
        for path in paths:
            for entry in read_warc(path):
                if isinstance(entry, Damage):
                    self.result.damage.append(entry)
                    continue
                self.result.records += 1
                self._take(entry)
                # Finished in file order: the oldest once done, or once the window is full.
                while self.window and (
                    len(self.window) > self.window_size
                    or self.window[0][3] is None
                    or self.window[0][3].done()
                ):
                    await self._finish_oldest()
        while self.window:
            await self._finish_oldest()

    async def _finish_oldest(self) -> None:
        site, entry, kind, extraction = self.window.popleft()
        if extraction is None:
            outcome = getattr(self, f"_{kind}")(site, entry)
        else:
            try:
                page = await extraction
            except Exception as exc:  # one page never stops the import
                outcome = f"extraction-error: {type(exc).__name__}"
            else:
                outcome = self._page_records(site, entry, page)
        if isinstance(outcome, str):
            self._skip(site, outcome)
        else:
            site.stats[f"import/read/{kind}"] += 1
            self.pending.append((site, outcome))
            if len(self.pending) >= BATCH:
                self._flush()

    # -- one record ------------------------------------------------------------------------

    def _take(self, entry: WarcEntry) -> None:
        if entry.record_type != "response":
            # Requests, metadata and warcinfo hold no page; a revisit's body is elsewhere.
            self._skip(None, entry.record_type)
            return
        host = (urlsplit(entry.url or "").hostname or "").lower()
        if not host or not (entry.url or "").startswith(("http://", "https://")):
            self._skip(None, "not-a-web-page")
            return
        if self.options.domains and not _in_domains(host, self.options.domains):
            self._skip(None, "domain")
            return
        site = self._site(host)
        if entry.status is not None:
            site.stats["downloader/response_count"] += 1
            site.stats[f"downloader/response_status_count/{entry.status}"] += 1
        if entry.problem:
            self._skip(site, entry.problem)
            return
        if entry.status != 200:
            self._skip(site, f"status-{entry.status}")
            return
        if entry.date is None:
            self._skip(site, "no-warc-date")
            return
        kind = _kind(entry)
        if kind is None:
            self._skip(site, "not-html")
            return
        extraction = None
        if kind == "html":
            if not self._newer(entry):
                # Stored from this capture or a later one already: a re-import changes nothing.
                self._skip(site, "already-stored")
                return
            config = site.config
            extraction = asyncio.ensure_future(
                self.pool.extract(
                    entry.body,
                    entry.url,
                    entry.date,
                    site=site.name,
                    profile=config.extraction_profile() if config else "auto",
                    timezone=config.timezone if config else GENERIC_TIMEZONE,
                    content_type=header(entry.headers, "content-type") or None,
                )
            )
        self.window.append((site, entry, kind, extraction))

    def _newer(self, entry: WarcEntry) -> bool:
        """Whether this capture of a page is later than any the store (or this import) has."""
        url = normalize_url(entry.url) or entry.url
        when = iso(entry.date) or ""
        taken = self.fetched.get(url)
        known = taken[0] if taken else queries.fetched_at(self.store.conn, url)
        if known is not None and known >= when:
            return False
        self.fetched[url] = (when, self.result.records)
        return True

    def _captured(self, url: str, before: int) -> bool:
        """Whether the page at `url` was stored, or taken by this import before record
        number `before`."""
        taken = self.fetched.get(url)
        if taken is not None:
            return taken[1] < before
        return queries.fetched_at(self.store.conn, url) is not None

    def _page_records(self, site: SiteRun, entry: WarcEntry, page: Any) -> PageRecords | str:
        """What an extracted page gives the store, or why it gives nothing."""
        site.stats[f"pages/{page.page_type}"] += 1
        if page.article is None and not page.list_items:
            return "refused" if page.refused else "not-an-article"
        if self.options.language and _language(page) != self.options.language:
            return "language"
        page_url = normalize_url(entry.url) or entry.url
        if (
            page.article is not None
            and page.article.url != page_url
            and self._captured(page.article.url, before=self.fetched[page_url][1])
        ):
            # An AMP, print or ?p=ID view of an article whose own page is in the store: a
            # crawl reads the article from its own page (it does not follow amphtml links).
            return "variant"
        return PageRecords(
            url=page_url,
            fetch=FetchRecord(
                url=page_url,
                status=200,
                fetched_at=iso(entry.date) or "",
                etag=header(entry.headers, "etag") or None,
                last_modified=header(entry.headers, "last-modified") or None,
                archive=ArchiveRef(str(Path(entry.file).resolve()), entry.offset, entry.length),
            ),
            sightings=SightingBatch(page.url, page.list_items) if page.list_items else None,
            article=page.article,
        )

    def _sitemap(self, site: SiteRun, entry: WarcEntry) -> SightingBatch | str:
        timezone = site.config.timezone if site.config else "UTC"
        try:
            sitemap = read_sitemap(
                entry.body, entry.url, entry.date, site=site.name, timezone=timezone
            )
        except Exception:  # lxml raises several types on broken XML
            return "unreadable-sitemap"
        if not sitemap.bounds:
            return "no-list-items"
        return SightingBatch(normalize_url(entry.url) or entry.url, sitemap.bounds)

    def _feed(self, site: SiteRun, entry: WarcEntry) -> SightingBatch | str:
        timezone = site.config.timezone if site.config else "UTC"
        try:
            items = feed_items(entry.body, entry.url, entry.date, site=site.name, timezone=timezone)
        except Exception:
            return "unreadable-feed"
        if not items:
            return "no-list-items"
        if self.options.language:
            titles = " ".join(item.title or "" for item in items)
            if _script_language(titles) != self.options.language:
                return "language"
        return SightingBatch(normalize_url(entry.url) or entry.url, items)

    def _api(self, site: SiteRun, entry: WarcEntry) -> SightingBatch | str:
        try:
            items = api_posts(entry.body, entry.url, entry.date, site=site.name)
        except ValueError:
            return "unreadable-api-answer"
        if not items:
            return "no-list-items"
        return SightingBatch(normalize_url(entry.url) or entry.url, items)

    def _skip(self, site: SiteRun | None, reason: str) -> None:
        self.result.skipped[reason] += 1
        if site is not None:
            site.stats[f"import/skipped/{reason}"] += 1

    def _site(self, host: str) -> SiteRun:
        config = self.options.site or self.hosts.get(host)
        name = config.name if config else host.removeprefix("www.")
        run = self.sites.get(name)
        if run is None:
            run = self.sites[name] = SiteRun(name, config, started_at=_now())
            record = RunRecord(
                site=name,
                started_at=run.started_at,
                site_title=config.title if config else None,
                profile=config.profile if config else "auto",
                timezone=config.timezone if config else GENERIC_TIMEZONE,
                site_config=config.as_stored() if config else {},
                settings=self._settings(),
            )
            (run.run_id,) = self.store.write_batch([record])
            self.result.runs[name] = run.run_id
        return run

    def _settings(self) -> dict[str, Any]:
        options = self.options
        return {
            "SCRAPER_IMPORT": {
                "files": self.paths,
                "site": options.site.name if options.site else None,
                "domains": list(options.domains),
                "language": options.language,
            }
        }

    # -- storing ---------------------------------------------------------------------------

    def _flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        results = self.store.write_batch([item for _, item in batch])
        for (site, item), result in zip(batch, results, strict=True):
            self._count(site, item, result)

    def _count(self, site: SiteRun, item: Any, result: Any) -> None:
        stored, stats = self.result.stored, site.stats
        sightings = item.sightings if isinstance(item, PageRecords) else item
        if isinstance(item, PageRecords):
            stored["pages"] += 1
            stats["store/fetch_states"] += 1
        if sightings is not None:
            stored["list_items"] += len(sightings.sightings)
            stats["store/list_items"] += len(sightings.sightings)
        if isinstance(item, PageRecords) and item.article is not None:
            stored["articles"] += 1
            stored[f"articles_{result}"] += 1
            stats["store/articles"] += 1
            stats[f"store/articles_{result}"] += 1

    def _finish_runs(self) -> None:
        ends = []
        for site in self.sites.values():
            ends.append(
                RunRecord(
                    site=site.name,
                    started_at=site.started_at,
                    id=site.run_id,
                    finished_at=_now(),
                    finish_reason=self.finish_reason,
                    exit_status=self.result.exit_status if self.finish_reason == "finished" else 1,
                    stats=dict(sorted(site.stats.items())),
                )
            )
        if ends:
            self.store.write_batch(ends)


def import_warcs(paths: list[str | Path], db: str | Path, options: ImportOptions) -> ImportResult:
    """Import every record of the WARC files at `paths` into the database at `db`."""
    return WarcImport(db, options).run(paths)


def _kind(entry: WarcEntry) -> str | None:
    """How a crawl would read this response: "html", "feed", "sitemap", "api", or None."""
    content_type = header(entry.headers, "content-type").lower()
    path = urlsplit(entry.url or "").path
    if "json" in content_type or "/wp-json/" in path:
        return "api" if re.search(r"/wp/v2/posts/?$", path) else None
    head = entry.body[:2048].lstrip()
    if "xml" in content_type or head.startswith(b"<?xml"):
        if re.search(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b", entry.body[:4096]):
            return "sitemap"
        if re.search(rb"<rss\b", entry.body[:4096]):
            return "feed"
        return None
    if "html" in content_type or (not content_type and head[:1] == b"<"):
        return "html"
    return None


def _in_domains(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def _language(page: Any) -> str | None:
    """The page's language: its article's, as extraction judged it (Arabic text wins over a
    wrong `<html lang>`), else that of its list items' titles."""
    if page.article is not None:
        return page.article.language
    return _script_language(" ".join(item.title or "" for item in page.list_items))


def _script_language(text: str) -> str | None:
    """ "ar" when most letters of `text` are Arabic (the share extraction uses), None when
    the text has no letters, else "other"."""
    if not _LETTER.search(text):
        return None
    return "ar" if arabic_share(text) >= ARABIC_SHARE else "other"


def _now() -> str:
    # Run metadata only; records carry their WARC-Date as the reference time.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
