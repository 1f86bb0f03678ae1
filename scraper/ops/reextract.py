"""`scraper reextract`: today's extraction over the archived responses a database refers to.

Which responses: the one each stored article came from (`articles.archive_id`) and the
latest archived 200 of every page the crawl extracted (`fetch_state`: article and listing
pages), once each, in archive order. The latest, because the articles row is the latest
version of its page and a listing's latest fetch is the one the next crawl compares with;
older fetches keep the sightings and revisions they gave. Feeds, sitemaps and the REST
API are read by their own readers (`scraper.discover`) and are not re-read.

Each response is extracted as the crawl extracted it: the URL it answered (its
WARC-Target-URI), its body after the Content-Encoding Scrapy undid, its Content-Type, the
reference time the crawl used (the record's `fetched_at`, its WARC-Date), and the site's
configuration (the bundled file of that name today, else the one the crawl stored in
`sites`). Never the clock.

What is written: an article whose stored columns all equal what extraction gives now is
not touched. One that differs is updated in place (its seen times kept: the page did not
change, its reading did) after its old values go to `article_revisions`, marked with the
extractor version and the run. A page's list items are compared by (item, widget) with the
sightings stored for that page and render time, and replaced where they differ. Records
whose WARC file was pruned or is missing, or whose record is damaged, are skipped and
counted by reason.

Work spreads over a process pool (`concurrent.futures`, not the crawl's asynchronous
`scraper.crawl.workers`: no event loop here); the parent reads the WARC bytes and writes
the store in batches. Each batch commits with the run's checkpoint and
report, so a run killed at any point resumes (the same filters, run again) after the last
committed record, and its report counts every record once.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from scraper.extract import EXTRACTOR, PageExtraction, extract_page
from scraper.extract.profiles.site import SiteProfile
from scraper.items import ArticleRecord, ListItemSighting
from scraper.store.provenance import ArchiveUnavailable, read_record, resolve_name, site_of_file
from scraper.store.schema import search_text

if TYPE_CHECKING:
    from scraper.sites import SiteConfig

from scraper.store.quality import worse_than_stored
from scraper.store.writer import (
    _ARTICLE_COLUMNS,
    _CONTENT_FIELDS,
    _INSERT_SIGHTING,
    _UPDATE_ARTICLE,
    BULK_BATCH_SIZE,
    Store,
    _article_values,
    _compared_content,
    _json,
    content_hash,
    same_post_identity,
)
from scraper.warcimport.reader import decode_body

# Columns extraction fills (all but the id, the change tracking and the provenance link).
_EXTRACTED = _ARTICLE_COLUMNS[: _ARTICLE_COLUMNS.index("content_hash")]
# Report names of columns that are one field to a reader.
_FIELD_NAMES = {"category_url": "category", "author": "authors"}
_SIGHTING_FIELDS = tuple(
    f.name
    for f in fields(ListItemSighting)
    if f.name not in ("url", "site", "page_url", "reference_time", "widget")
)
EXAMPLES = 3  # example URLs kept per field


def extractor_version() -> str:
    """What revisions written by a re-extraction name: the extraction code's version
    (`scraper.extract@N`, raised whenever extraction changes what it gives) and the
    package's release."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("arabic-news-scraper")
    except PackageNotFoundError:
        release = "unknown"
    return f"{EXTRACTOR} ({release})"


@dataclass
class Filters:
    sites: list[str] = field(default_factory=list)
    since: str | None = None  # earliest fetched_at (the archived response's WARC-Date)
    url_like: str | None = None  # SQL LIKE pattern over the archived URL

    def as_json(self) -> str:
        return _json({"sites": sorted(self.sites), "since": self.since, "url_like": self.url_like})


@dataclass
class Report:
    """What a run did, field by field. Stored as JSON with the run's checkpoint."""

    pages: int = 0  # responses re-extracted
    articles_changed: int = 0
    articles_new: int = 0  # an article where the stored page had none
    articles_unchanged: int = 0
    articles_gone: int = 0  # the stored article's response gives none now (kept as stored)
    articles_kept: int = 0  # the new reading looks worse than the stored one (kept as stored)
    listings_changed: int = 0  # pages whose list items changed
    items_added: int = 0
    items_removed: int = 0
    fields: Counter[str] = field(default_factory=Counter)  # field -> records changed
    examples: dict[str, list[str]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> records

    def changed(self, name: str, url: str) -> None:
        self.fields[name] += 1
        shown = self.examples.setdefault(name, [])
        if len(shown) < EXAMPLES and url not in shown:
            shown.append(url)

    def as_dict(self) -> dict[str, Any]:
        plain = {f.name: getattr(self, f.name) for f in fields(self)}
        plain["fields"] = dict(sorted(self.fields.items()))
        plain["skipped"] = dict(sorted(self.skipped.items()))
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        report = cls(**{k: v for k, v in data.items() if k not in ("fields", "skipped")})
        report.fields = Counter(data.get("fields", {}))
        report.skipped = Counter(data.get("skipped", {}))
        return report


@dataclass
class _Work:
    """One archived response to re-extract."""

    archive_id: int
    warc_file: str
    warc_offset: int
    warc_length: int
    url: str  # as stored
    fetched_at: str
    site: str
    pruned: bool = False


@dataclass
class RunResult:
    run_id: int | None
    resumed_from: int  # the checkpoint the run started after (0: from the start)
    report: Report
    seconds: float


# ---------------------------------------------------------------------------------------------
# Reading an archived response back as the crawl's downloader handed it to the spider.


def http_response(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names; a repeated header's last value, as Scrapy's
    `headers.get`) and body of an archived HTTP response, the body as the spider got it:
    chunks joined and Content-Encoding undone (the import's `decode_body`, which also
    reads other archivers' records)."""
    head, _, body = block.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, decode_body(body, headers)


# ---------------------------------------------------------------------------------------------
# The workers' side: pure extraction, as the spider's `parse` calls it.


@dataclass
class _Task:
    """Where a response lies and what to extract it with: the worker reads it, so the
    parent sends a few numbers per page instead of its bytes."""

    db: str
    warc_file: str
    warc_offset: int
    warc_length: int
    url: str  # as stored: the fallback when the record names no WARC-Target-URI
    reference: datetime
    site: str
    profile: str | SiteProfile
    timezone: str


def _extract(tasks: list[_Task]) -> list[PageExtraction | str]:
    """Each task's page, or why it could not be read or extracted (a worker must not die)."""
    return [_extract_one(task) for task in tasks]


def _extract_one(task: _Task) -> PageExtraction | str:
    try:
        fields_, block = read_record(task.db, task.warc_file, task.warc_offset, task.warc_length)
    except ArchiveUnavailable:
        missing = not resolve_name(task.warc_file, task.db).is_file()
        return "WARC file missing" if missing else "WARC record damaged"
    try:
        _, headers, body = http_response(block)
    except (ValueError, OSError, zlib.error):
        return "body not decodable"
    try:
        return extract_page(
            body,
            fields_.get("warc-target-uri") or task.url,
            task.reference,
            site=task.site,
            profile=task.profile,
            timezone=task.timezone,
            content_type=headers.get("content-type"),
        )
    except Exception as exc:  # counted as a skip, as the crawl writes a failure row
        return f"extraction failed: {type(exc).__name__}"


# ---------------------------------------------------------------------------------------------
# The run.


def reextract(
    db: str | Path,
    filters: Filters,
    *,
    workers: int = 1,
    dry_run: bool = False,
    progress: TextIO | None = None,
    batch_size: int = BULK_BATCH_SIZE,
    site_files: dict[str, SiteConfig] | None = None,
    allow_worse: bool = False,
) -> RunResult:
    """Re-extract the archived responses of the database at `db` that `filters` select,
    with `workers` processes (1: in this process), and store what changed. A killed run
    with the same filters and extractor version is resumed. `dry_run`: compare and report,
    write nothing. `progress`: where a progress line goes (a terminal). `site_files`: site
    configurations by name that replace the bundled or stored ones (a site file just
    fixed). A reading that looks worse than the stored article (a lost body or headline, a
    body cut to a third, mojibake: `scraper.store.quality`) leaves it stored, as a crawl's
    re-fetch does, unless `allow_worse`."""
    started = time.monotonic()
    version = extractor_version()
    store = Store(db, bulk=True)
    conn = store.conn
    try:
        run_id, checkpoint, report = _open_run(conn, filters, version, dry_run)
        resumed_from = checkpoint
        work = _select(conn, filters, checkpoint)
        configs = _SiteConfigs(conn, site_files)
        total = len(work)
        pending: list[tuple[_Work, PageExtraction | str]] = []
        last_commit = time.monotonic()
        for done, (item, page) in enumerate(_extracted(db, work, configs, workers), 1):
            pending.append((item, page))
            if len(pending) >= batch_size or time.monotonic() - last_commit > 2:
                _commit(store, run_id, pending, report, version, dry_run, allow_worse)
                pending, last_commit = [], time.monotonic()
            if progress is not None:
                _progress(progress, done, total, report, time.monotonic() - started)
        _commit(store, run_id, pending, report, version, dry_run, allow_worse, finished=True)
        if progress is not None:
            progress.write("\n")
    finally:
        store.close()
    return RunResult(run_id, resumed_from, report, time.monotonic() - started)


def _open_run(
    conn: sqlite3.Connection, filters: Filters, version: str, dry_run: bool
) -> tuple[int | None, int, Report]:
    """The unfinished run with these filters and this extractor version (a killed one,
    resumed), else a new run; its id, checkpoint and report so far."""
    if dry_run:
        return None, 0, Report()
    row = conn.execute(
        "SELECT id, checkpoint, report FROM reextract_runs WHERE finished_at IS NULL "
        "AND filters = ? AND extractor = ? ORDER BY id DESC LIMIT 1",
        (filters.as_json(), version),
    ).fetchone()
    if row is not None:
        return row[0], row[1], Report.from_dict(json.loads(row[2]))
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # run metadata, not extraction
    cursor = conn.execute(
        "INSERT INTO reextract_runs (started_at, extractor, filters) VALUES (?, ?, ?)",
        (now, version, filters.as_json()),
    )
    return int(cursor.lastrowid), 0, Report()


_WORK = """
WITH wanted AS (
    SELECT archive_id AS id FROM articles WHERE archive_id IS NOT NULL
    UNION
    SELECT max(r.id) FROM archive_records AS r JOIN fetch_state AS f ON f.url = r.url
    WHERE r.status = 200 GROUP BY r.url
)
SELECT r.id, r.warc_file, r.warc_offset, r.warc_length, r.url, r.fetched_at, r.pruned_at,
       (SELECT site FROM articles WHERE archive_id = r.id LIMIT 1)
FROM archive_records AS r JOIN wanted ON wanted.id = r.id
WHERE r.id > ? AND (? IS NULL OR r.fetched_at >= ?) AND (? IS NULL OR r.url LIKE ?)
ORDER BY r.id
"""


def _select(conn: sqlite3.Connection, filters: Filters, after: int) -> list[_Work]:
    """The records after the checkpoint, in archive order."""
    rows = conn.execute(
        _WORK, (after, filters.since, filters.since, filters.url_like, filters.url_like)
    ).fetchall()
    work = []
    for archive_id, name, offset, length, url, fetched_at, pruned_at, article_site in rows:
        site = article_site or site_of_file(name) or _site_of_page(conn, url)
        if not filters.sites or site in filters.sites:
            pruned = pruned_at is not None
            work.append(_Work(archive_id, name, offset, length, url, fetched_at, site, pruned))
    return work


def _site_of_page(conn: sqlite3.Connection, url: str) -> str:
    """The site of a page without an article in a WARC file this crawler did not name
    (`scraper import-warc`'s): its list items', else its host's (an unclaimed host is
    its own site, `www.` dropped, as the import names it)."""
    row = conn.execute(
        "SELECT site FROM list_item_sightings WHERE page_url = ? LIMIT 1", (url,)
    ).fetchone()
    if row is not None:
        return str(row[0])
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    row = conn.execute("SELECT name FROM sites WHERE name = ?", (host,)).fetchone()
    return str(row[0]) if row is not None else ""


class _SiteConfigs:
    """Each site's extraction settings: the site file given for it (`scraper reextract
    --site FILE`), else the bundled site file of that name as it is today, else the
    configuration the crawl stored in `sites`."""

    def __init__(
        self, conn: sqlite3.Connection, site_files: dict[str, SiteConfig] | None = None
    ) -> None:
        self.conn = conn
        self.known: dict[str, tuple[str | SiteProfile, str] | None] = {
            name: (config.extraction_profile(), config.timezone)
            for name, config in (site_files or {}).items()
        }

    def get(self, site: str) -> tuple[str | SiteProfile, str] | None:
        if site not in self.known:
            self.known[site] = self._load(site)
        return self.known[site]

    def _load(self, site: str) -> tuple[str | SiteProfile, str] | None:
        from scraper.sites import Politeness, SiteConfig, available_sites, load_site

        if site in available_sites():
            config = load_site(site)
            return config.extraction_profile(), config.timezone
        row = self.conn.execute(
            "SELECT config, profile, timezone FROM sites WHERE name = ?", (site,)
        ).fetchone()
        if row is None:
            return None
        data = json.loads(row[0] or "{}")
        if not data:
            # A host no configured site claimed (scraper import-warc): theme detection and
            # the generic path, as the import read it.
            return row[1] or "auto", row[2] or "unknown"
        data["politeness"] = Politeness(**data.get("politeness", {}))
        for key in ("start_urls", "sitemaps", "feeds", "allowed_domains", "layouts"):
            data[key] = tuple(data.get(key, ()))
        config = SiteConfig(**data)
        return config.extraction_profile(), config.timezone


def _tasks(
    db: str | Path, work: list[_Work], configs: _SiteConfigs
) -> Iterator[tuple[_Work, _Task | str]]:
    """Each record's extraction task, or why it is skipped."""
    for item in work:
        if item.pruned:
            yield item, "WARC file pruned"
            continue
        config = configs.get(item.site)
        if config is None:
            yield item, "unknown site"
            continue
        reference = datetime.fromisoformat(item.fetched_at.replace("Z", "+00:00"))
        profile, timezone = config
        task = _Task(
            str(db),
            item.warc_file,
            item.warc_offset,
            item.warc_length,
            item.url,
            reference,
            item.site,
            profile,
            timezone,
        )
        yield item, task


def _extracted(
    db: str | Path,
    work: list[_Work],
    configs: _SiteConfigs,
    workers: int,
    chunk: int = 8,
) -> Iterator[tuple[_Work, PageExtraction | str]]:
    """Each record with its page (or why it was skipped), in archive order."""
    tasks = _tasks(db, work, configs)
    if workers <= 1:
        for item, task in tasks:
            yield item, task if isinstance(task, str) else _extract([task])[0]
        return
    # In flight: chunks of tasks (fewer, larger messages between processes), a few per
    # worker so none idles while the parent writes; results are taken in order.
    # "fork" where there is one: this process runs no threads (the crawl's pool spawns
    # because Scrapy's do), and a spawned worker spends over a second importing what a
    # forked one already has: the time of a few hundred pages on a busy 2-core machine.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        window: list[tuple[list[tuple[_Work, _Task | str]], Future[Any] | None]] = []
        batch: list[tuple[_Work, _Task | str]] = []

        def submit(entries: list[tuple[_Work, _Task | str]]) -> None:
            jobs = [task for _, task in entries if not isinstance(task, str)]
            window.append((entries, pool.submit(_extract, jobs) if jobs else None))

        def drain() -> Iterator[tuple[_Work, PageExtraction | str]]:
            entries, future = window.pop(0)
            pages = iter(future.result() if future is not None else [])
            for item, task in entries:
                yield item, task if isinstance(task, str) else next(pages)

        for entry in tasks:
            batch.append(entry)
            if len(batch) >= chunk:
                submit(batch)
                batch = []
                if len(window) >= workers * 4:
                    yield from drain()
        if batch:
            submit(batch)
        while window:
            yield from drain()


# ---------------------------------------------------------------------------------------------
# The store's side: compare, and write only what changed.


def _commit(
    store: Store,
    run_id: int | None,
    pending: list[tuple[_Work, PageExtraction | str]],
    report: Report,
    version: str,
    dry_run: bool,
    allow_worse: bool = False,
    finished: bool = False,
) -> None:
    """Apply a batch in one transaction with the run's checkpoint and report (a dry run
    rolls it back). The report is only updated once the transaction commits."""
    conn = store.conn
    trial = Report.from_dict(json.loads(json.dumps(report.as_dict())))
    with store.transaction(dry_run=dry_run):
        for item, page in pending:
            if isinstance(page, str):
                trial.skipped[page.partition(":")[0]] += 1
                continue
            trial.pages += 1
            _apply(store, item, page, trial, version, run_id, allow_worse)
        last = max((item.archive_id for item, _ in pending), default=None)
        if run_id is not None:
            conn.execute(
                "UPDATE reextract_runs SET checkpoint = max(checkpoint, coalesce(?, 0)), "
                "report = ?, finished_at = ? WHERE id = ?",
                (
                    last,
                    _json(trial.as_dict()),
                    datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if finished else None,
                    run_id,
                ),
            )
    report.__dict__.update(trial.__dict__)


def _apply(
    store: Store,
    item: _Work,
    page: PageExtraction,
    report: Report,
    version: str,
    run_id: int | None,
    allow_worse: bool = False,
) -> None:
    conn = store.conn
    stored_id = conn.execute(
        "SELECT id FROM articles WHERE archive_id = ? LIMIT 1", (item.archive_id,)
    ).fetchone()
    if page.article is not None:
        _apply_article(store, item, page.article, report, version, run_id, allow_worse)
    elif stored_id is not None:
        report.articles_gone += 1
    # Article pages list items too (widgets): every page's are compared, none or not.
    _apply_sightings(conn, item, page, report)


def _apply_article(
    store: Store,
    item: _Work,
    record: ArticleRecord,
    report: Report,
    version: str,
    run_id: int | None,
    allow_worse: bool = False,
) -> None:
    conn = store.conn
    record = same_post_identity(conn, record)
    row = conn.execute(
        f"SELECT id, archive_id, {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE url = ?",
        (record.url,),
    ).fetchone()
    if row is not None and row[1] is not None and row[1] != item.archive_id:
        # Read from, or last confirmed by, another response (this one may be a re-fetch the
        # crawl kept out as worse, or another URL of the same post): that one is compared.
        return
    if row is None:
        store._write_article(record, item.archive_id)  # as a crawl stores a new article
        report.articles_new += 1
        report.changed("new article", record.url)
        return
    article_id, old = row[0], dict(zip(_ARTICLE_COLUMNS, row[2:], strict=True))
    digest = content_hash(record)
    values = _article_values(record, digest, old["last_seen_at"])
    new = dict(zip(_ARTICLE_COLUMNS, values, strict=True))
    differing = [name for name in _EXTRACTED if new[name] != old[name]]
    if not differing:
        report.articles_unchanged += 1
        return
    stored = {name: old[name] for name in _CONTENT_FIELDS}
    if not allow_worse and worse_than_stored(stored, _compared_content(record)):
        # A site file that reads today's layout may read an archived page of the old one
        # as nothing: the stored article stays, as a crawl keeps it.
        report.articles_kept += 1
        report.changed("kept: reads worse", record.url)
        return
    report.articles_changed += 1
    for name in dict.fromkeys(_FIELD_NAMES.get(n, n) for n in differing):
        report.changed(name, record.url)
    # The replaced version: its content fields (as every revision) and any other column
    # the new reading changed.
    kept = {name: old[name] for name in _CONTENT_FIELDS}
    kept.update({name: old[name] for name in differing if name not in kept})
    conn.execute(
        "INSERT INTO article_revisions (article_id, content_hash, content, seen_from, "
        "seen_until, extractor, reextract_run) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            old["content_hash"],
            _json(kept),
            old["last_changed_at"],
            old["last_seen_at"],
            version,
            run_id,
        ),
    )
    # The same page read anew: its seen times stay.
    new.update(
        first_seen_at=old["first_seen_at"],
        last_seen_at=old["last_seen_at"],
        last_changed_at=old["last_changed_at"],
    )
    conn.execute(
        _UPDATE_ARTICLE,
        [*(new[c] for c in _ARTICLE_COLUMNS[1:]), item.archive_id, article_id],
    )
    store._links.link(article_id, record.site, record.categories, record.source, replace=True)
    store.unindex(
        article_id,
        lambda: search_text(old["headline"], old["body"], json.loads(old["source"] or "[]")),
    )
    store.index(article_id, search_text(record.headline, record.body, record.source))


def _apply_sightings(
    conn: sqlite3.Connection, item: _Work, page: PageExtraction, report: Report
) -> None:
    """The page's list items against the sightings stored for it at this render time: the
    fetch's, or the earlier one a page cache stamped (`extract_page`), by either extractor."""
    # The render time the extraction stamps them with; the fetch's when none is stamped.
    stamp = page.list_items[0].reference_time if page.list_items else item.fetched_at
    columns = ", ".join(_SIGHTING_FIELDS)
    stored: dict[tuple[str, str], tuple] = {}
    stored_at: dict[tuple[str, str], str] = {}
    for row in conn.execute(
        f"SELECT item_url, widget, reference_time, {columns} FROM list_item_sightings "
        "WHERE page_url = ? AND reference_time IN (?, ?) "
        "AND widget NOT IN ('feed', 'sitemap', 'api')",
        (page.url, item.fetched_at, stamp),
    ):
        stored[row[0], row[1]], stored_at[row[0], row[1]] = row[3:], row[2]
    fresh = {(s.url, s.widget): s for s in page.list_items}
    changed = False
    for key, at in stored_at.items():
        if key in fresh and at == stamp:
            continue
        # Gone, or stored at another render time than this extraction's: replaced.
        conn.execute(
            "DELETE FROM list_item_sightings WHERE page_url = ? AND item_url = ? AND widget = ? "
            "AND reference_time = ?",
            (page.url, key[0], key[1], at),
        )
        if key not in fresh:
            report.items_removed += 1
        else:
            del stored[key]
        changed = True
    for key, sighting in fresh.items():
        values = tuple(getattr(sighting, name) for name in _SIGHTING_FIELDS)
        before = stored.get(key)
        if before == values:
            continue
        changed = True
        if before is not None:
            for name, old, new in zip(_SIGHTING_FIELDS, before, values, strict=True):
                if old != new:
                    report.changed(f"list item {name}", page.url)
            assignments = ", ".join(f"{name} = ?" for name in _SIGHTING_FIELDS)
            conn.execute(
                f"UPDATE list_item_sightings SET {assignments}, archive_id = ? "
                "WHERE page_url = ? AND item_url = ? AND widget = ? AND reference_time = ?",
                (*values, item.archive_id, page.url, key[0], key[1], stamp),
            )
            continue
        report.items_added += 1
        s = sighting
        conn.execute(
            _INSERT_SIGHTING,
            (s.url, s.site, s.page_url, s.reference_time, s.widget, s.title, s.category,
             s.time_raw, s.published_at, s.earliest, s.latest, s.reason, item.archive_id),
        )  # fmt: skip
    if changed:
        report.listings_changed += 1
        report.changed("list items", page.url)


def _progress(out: TextIO, done: int, total: int, report: Report, seconds: float) -> None:
    rate = done / seconds if seconds > 0 else 0.0
    out.write(
        f"\rreextract: {done}/{total} records, {report.articles_changed} articles and "
        f"{report.listings_changed} listings changed, {rate:.0f} pages/s "
    )
    out.flush()


# ---------------------------------------------------------------------------------------------
# The report, printed at the end and by `scraper report --reextract`.


def format_report(run_id: int | None, report: Report, extractor: str) -> str:
    lines = [
        f"re-extraction{f' run {run_id}' if run_id is not None else ' (dry run)'} "
        f"with {extractor}: {report.pages} pages re-extracted",
        f"  articles: {report.articles_changed} changed, {report.articles_new} new, "
        f"{report.articles_unchanged} unchanged, {report.articles_gone} no longer found "
        f"(kept as stored), {report.articles_kept} read worse than stored (kept; "
        "--allow-worse stores them)",
        f"  list items: {report.listings_changed} pages changed ({report.items_added} items "
        f"added, {report.items_removed} removed)",
    ]
    if report.fields:
        lines.append("  changed, per field (records; examples):")
        for name, count in sorted(report.fields.items(), key=lambda kv: (-kv[1], kv[0])):
            examples = ", ".join(report.examples.get(name, []))
            lines.append(f"    {name:<24} {count:>7}  {examples}")
    if report.skipped:
        skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(report.skipped.items()))
        lines.append(f"  skipped: {skipped}")
    return "\n".join(lines)


def stored_report(db: str | Path, run_id: int | None = None) -> tuple[int, str, Report, str | None]:
    """A re-extraction run's id, extractor, report and end (None: unfinished): `run_id`'s,
    else the latest. LookupError when there is none."""
    from scraper.store.connect import open_read_only

    conn = open_read_only(db)
    try:
        query = "SELECT id, extractor, report, finished_at FROM reextract_runs"
        row = conn.execute(
            query + (" WHERE id = ?" if run_id else " ORDER BY id DESC LIMIT 1"),
            (run_id,) if run_id else (),
        ).fetchone()
    except sqlite3.OperationalError:
        row = None  # a database from before re-extraction
    finally:
        conn.close()
    if row is None:
        raise LookupError(f"no re-extraction run{f' {run_id}' if run_id else ''} in {db}")
    return row[0], row[1], Report.from_dict(json.loads(row[2])), row[3]


def progress_stream() -> TextIO | None:
    """stderr when it is a terminal: the progress line is for a person watching."""
    return sys.stderr if sys.stderr.isatty() else None


__all__: list[str] = [
    "Filters",
    "Report",
    "RunResult",
    "extractor_version",
    "format_report",
    "http_response",
    "progress_stream",
    "reextract",
    "stored_report",
]
