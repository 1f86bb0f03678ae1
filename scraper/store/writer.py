"""The store's writer: one connection, one thread, group commit.

One thread owns the database connection and writes every record. Items wait in a queue;
the writer takes everything queued (up to a batch size), writes it in one transaction and
commits, and only then tells each item's pipeline call that it is stored. So the crawl
never waits on the disk in Scrapy's reactor, commits are grouped under load, and nothing
acknowledged lives only in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import closing, contextmanager, suppress
from dataclasses import fields, replace
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import attrgetter
from pathlib import Path
from typing import Any

from scraper.items import (
    ArchiveRef,
    ArticleRecord,
    FailureRecord,
    FetchRecord,
    ListItemSighting,
    PageRecords,
    RunRecord,
    SightingBatch,
)
from scraper.store.fallback import read_failures
from scraper.store.quality import worse_than_stored
from scraper.store.schema import _INSERT_FTS, _Links, migrate, rebuild_search_index, search_text
from scraper.text import SEARCH_NORMALIZATION

logger = logging.getLogger(__name__)

# Fields whose change makes a new version of an article.
_CONTENT_FIELDS = (
    "headline",
    "body",
    "source",
    "source_raw",
    "categories",
    "published_at",
    "modified_at",
    "author",
    "tags",
    "image",
)
_JSON_FIELDS = ("source", "categories", "published_sources", "date_conflicts", "tags")
_JSON_OBJECTS = ("provenance", "missing")
# The articles row of a record: its fields (the labelled category split in two), then the
# change-tracking columns.
_RECORD_FIELDS = tuple(f.name for f in fields(ArticleRecord))
_ARTICLE_COLUMNS = (
    "url",
    *(name for name in _RECORD_FIELDS if name not in ("url", "category")),
    "category",
    "category_url",
    "content_hash",
    "first_seen_at",
    "last_seen_at",
    "last_changed_at",
)
_SERIALIZED = frozenset(_JSON_FIELDS + _JSON_OBJECTS)
_SOURCE_COLUMN = _ARTICLE_COLUMNS.index("source")
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, archive_id) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)}, ?)"
)


def _compared_content(record: ArticleRecord) -> dict[str, Any]:
    """The fields `worse_than_stored` compares, as the articles row stores them."""
    return {"headline": record.headline, "body": record.body, "published_at": record.published_at}


# A changed article: every column but the URL; first_seen_at only ever moves back.
_UPDATE_ARTICLE = (
    "UPDATE articles SET "
    + ", ".join(
        f"{c} = min(first_seen_at, ?)" if c == "first_seen_at" else f"{c} = ?"
        for c in _ARTICLE_COLUMNS
        if c != "url"
    )
    + ", archive_id = ? WHERE id = ?"
)
_DELETE_FTS = (
    "INSERT INTO articles_fts (articles_fts, rowid, headline, body, source) "
    "VALUES ('delete', ?, ?, ?, ?)"
)


def _json(value: Any) -> str:
    """JSON as stored (and hashed): sorted keys, UTF-8 text, unknown types as str."""
    if _encode_json is None:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return "".join(_encode_json(value, 0))


# What json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) builds on every
# call, built once (without the circular-reference check: records are trees). The same
# text, in half the time; content hashes depend on it staying the same.
_encode_json = (
    c_make_encoder(None, str, encode_basestring, None, ": ", ", ", True, False, True)
    if c_make_encoder is not None
    else None
)


def content_hash(record: ArticleRecord) -> str:
    content = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    return hashlib.sha256(_json(content).encode("utf-8")).hexdigest()


# A record's articles row before its category and change-tracking columns, read in one
# call; which of those columns are JSON; where the hashed content's fields are in it, in
# the order the hashed JSON writes them (its keys sorted).
_ROW_FIELDS = _ARTICLE_COLUMNS[:-6]
_row_fields = attrgetter(*_ROW_FIELDS)
_SERIALIZED_AT = tuple(i for i, name in enumerate(_ROW_FIELDS) if name in _SERIALIZED)
_HASHED = tuple(
    (_ROW_FIELDS.index(name), f"{encode_basestring(name)}: ", name in _SERIALIZED)
    for name in sorted(_CONTENT_FIELDS)
)


def _article_values(record: ArticleRecord, digest: str | None, seen: str) -> list[Any]:
    """The record's articles row, in _ARTICLE_COLUMNS order (the URL first). Without its
    content hash (`digest` None) the hash is computed here, its JSON put together from the
    row's own JSON columns and its text fields, each serialized once."""
    fields_ = _row_fields(record)
    values = list(fields_)
    for at in _SERIALIZED_AT:
        values[at] = _json(values[at])
    if digest is None:
        digest = _hash_row(record, fields_, values)
    if not record.source:
        values[_SOURCE_COLUMN] = None  # missing, with its reason in `missing`
    category = record.category or {}
    values += [category.get("name"), category.get("url"), digest, seen, seen, seen]
    return values


def _hash_row(record: ArticleRecord, fields_: tuple[Any, ...], values: list[Any]) -> str:
    """content_hash(record), from the record's fields and their row values."""
    parts = []
    for at, key, serialized in _HASHED:
        value = fields_[at]
        if serialized:
            parts.append(key + values[at])
        elif type(value) is str:
            parts.append(key + encode_basestring(value))
        elif value is None:
            parts.append(key + "null")
        else:  # not a type the record declares: the general path
            return content_hash(record)
    return hashlib.sha256(f"{{{', '.join(parts)}}}".encode()).hexdigest()


def same_post_identity(conn: sqlite3.Connection, record: ArticleRecord) -> ArticleRecord:
    """The record as the store keeps it: the WordPress post id identifies the article across
    URL variants (?p=ID, AMP, slashes, encodings), so the first URL stored stays its
    identity and the record says which URL it was seen as."""
    if record.post_id is None:
        return record
    same_post = conn.execute(
        "SELECT url FROM articles WHERE site = ? AND post_id = ? AND url != ?",
        (record.site, record.post_id, record.url),
    ).fetchone()
    if not same_post:
        return record
    # Stored under that identity; the record itself stays as extraction made it.
    seen_as = f"post id {record.post_id}, seen as {record.url}"
    return replace(record, url=same_post[0], provenance={**record.provenance, "url": seen_as})


_INSERT_SIGHTING = (
    "INSERT OR IGNORE INTO list_item_sightings (item_url, site, page_url, reference_time, "
    "widget, title, category, time_raw, published_at, earliest, latest, reason, archive_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# How long a writer waits for another process's lock before it gives up with an error.
BUSY_TIMEOUT_MS = 10_000
# Records per commit in bulk mode (merge, import-warc, reextract, a site's first crawl), and
# the most search-index entries a bulk transaction holds in memory before it writes them.
BULK_BATCH_SIZE = 10_000


def _enter_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. On a fresh file that other processes open at the same moment SQLite
    answers "database is locked" at once, without its busy handler: try again, within the
    same bound as any other wait for a lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class _NewIdentities:
    """The URLs and (site, post id) pairs no stored article has, found for a bulk batch
    before it is written (`Store._find_new`); each leaves as an article takes it."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.posts: set[tuple[str, int]] = set()

    def has(self, record: ArticleRecord) -> bool:
        """Whether neither the record's URL nor its post id is stored. (A post id that is
        not an int goes the usual way: SQLite would compare it after its column's
        conversion, the set without.)"""
        if record.url not in self.urls:
            return False
        return record.post_id is None or (
            type(record.post_id) is int and (record.site, record.post_id) in self.posts
        )

    def stored(self, record: ArticleRecord) -> None:
        """The record's URL and post id are stored from now on."""
        self.urls.discard(record.url)
        if record.post_id is not None:
            self.posts.discard((record.site, record.post_id))


class _DryRun(Exception):
    """Ends a dry-run transaction: it rolls back."""


class Store:
    """Synchronous access to the database. Not thread-safe: one writer owns it.

    Durability: WAL with synchronous=FULL. When write_batch returns, its commit is in the
    WAL file and fsynced, so nothing acknowledged is lost to a killed process, an
    operating-system crash or a power cut. (synchronous=NORMAL would save about 4 ms a
    commit, under 1% of a bulk insert in commits of 1,000, at the price of losing the
    commits since the last checkpoint on a power cut.)

    Bulk mode (`bulk=True`): an article's search-index entry (and the removal of its old
    one) is not written with its row but held until the end of the transaction, then all
    are written at once in rowid order, before COMMIT (every BULK_BATCH_SIZE entries
    sooner, to bound memory). FTS5 then adds one run of ascending rowids to its in-memory
    segment instead of entries interleaved with other statements, and a transaction still
    commits rows and index entries together or neither. The rows and the index's contents
    are the same as in normal mode.
    """

    def __init__(
        self,
        path: str | Path,
        allow_worse: bool = False,
        before_commit: Callable[[], None] | None = None,
        bulk: bool = False,
    ) -> None:
        self.bulk = bulk
        # Bulk mode: the batch's identities that nothing stored has (write_batch).
        self._new = _NewIdentities()
        # Bulk mode: the index changes held until the transaction ends, article id ->
        # search_text (entries to add, and old entries to remove).
        self._to_index: dict[int, tuple[str, str, str]] = {}
        self._to_unindex: dict[int, tuple[str, str, str]] = {}
        # Store re-fetches that look worse than the stored version (the crawl's
        # SCRAPER_ALLOW_WORSE setting, `scraper crawl --allow-worse`).
        self.allow_worse = allow_worse
        # Called before each transaction of write_batch: the WARC archive's fsync, so the
        # records rows refer to are on disk before those rows commit.
        self.before_commit = before_commit
        import sqlite_utils  # here: commands that only read the store start without it

        self.db = sqlite_utils.Database(str(path))
        self.conn: sqlite3.Connection = self.db.conn
        self.conn.isolation_level = None  # we open transactions ourselves
        self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _enter_wal(self.conn)
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        # 64 MiB of page cache (default 2 MiB): the URL indexes and the search index's
        # merges touch pages all over the file.
        self.conn.execute("PRAGMA cache_size=-65536")
        migrate(self.conn)
        self._links = _Links(self.conn, defer=True)
        if not self._search_index_current():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._check_search_index()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def has_articles(self, site: str) -> bool:
        """Whether any article of `site` is stored."""
        found = self.conn.execute("SELECT 1 FROM articles WHERE site = ? LIMIT 1", (site,))
        return found.fetchone() is not None

    def _search_index_current(self) -> bool:
        row = self.conn.execute(
            "SELECT value FROM schema_info WHERE key = 'search_index'"
        ).fetchone()
        return row is not None and row[0] == SEARCH_NORMALIZATION

    def _check_search_index(self) -> None:
        """Rebuild the search index if articles were deleted in SQL or the normalization
        changed since it was built (inside the current transaction)."""
        if not self._search_index_current():
            rebuild_search_index(self.conn)

    def write(self, record: Any) -> Any:
        if isinstance(record, PageRecords):
            return self._write_page(record)
        if isinstance(record, ArticleRecord):
            return self._write_article(record)
        if isinstance(record, ListItemSighting):
            return self._write_sightings([record])
        if isinstance(record, SightingBatch):
            first = record.sightings[0].reference_time if record.sightings else ""
            archive_id = self._archive_id(record.archive, record.page_url, first, None)
            return self._write_sightings(record.sightings, archive_id)
        if isinstance(record, FailureRecord):
            return self._write_failure(record)
        if isinstance(record, RunRecord):
            return self._write_run(record)
        if isinstance(record, FetchRecord):
            return self._write_fetch(record)
        raise TypeError(f"cannot store {type(record).__name__}")

    def write_batch(self, records: list[Any]) -> list[Any]:
        """Write all records in one transaction (all or nothing); return each write's result."""
        if self.before_commit is not None:
            self.before_commit()
        with self.transaction():
            if self.bulk:
                self._new = self._find_new(records)
            try:
                return [self.write(record) for record in records]
            finally:
                self._new = _NewIdentities()

    def _find_new(self, records: list[Any]) -> _NewIdentities:
        """The URLs and (site, post id) pairs of the batch's articles that no stored
        article has: a query per 500 of them instead of two queries a record. A bulk load
        is mostly new articles; what is found stored goes the usual way."""
        articles = [
            record.article if isinstance(record, PageRecords) else record
            for record in records
            if isinstance(record, ArticleRecord | PageRecords)
        ]
        new = _NewIdentities()
        urls = {a.url for a in articles if a is not None}
        posts: dict[str, set[int]] = {}
        for article in articles:
            if article is not None and type(article.post_id) is int:
                posts.setdefault(article.site, set()).add(article.post_id)
        new.urls = urls - self._stored("url", "url IN", list(urls), ())
        for site, post_ids in posts.items():
            stored = self._stored("post_id", "site = ? AND post_id IN", list(post_ids), (site,))
            new.posts.update((site, post_id) for post_id in post_ids - stored)
        return new

    def _stored(
        self, column: str, condition: str, values: list[Any], before: tuple[Any, ...]
    ) -> set[Any]:
        """`column` of the articles rows matching `condition (values...)`, a chunk of
        values a query (SQLite's limit on parameters)."""
        found: set[Any] = set()
        for k in range(0, len(values), 500):
            chunk = values[k : k + 500]
            found.update(
                value
                for (value,) in self.conn.execute(
                    f"SELECT {column} FROM articles WHERE {condition} "
                    f"({', '.join('?' * len(chunk))})",
                    (*before, *chunk),
                )
            )
        return found

    @contextmanager
    def transaction(self, dry_run: bool = False) -> Iterator[None]:
        """One write transaction: BEGIN IMMEDIATE, the caller's writes, the link rows and
        search-index entries still held, COMMIT; on any error, ROLLBACK and re-raise.
        `dry_run`: roll back instead of committing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._check_search_index()
            yield
            if dry_run:
                raise _DryRun
            self._links.flush()
            self.flush_index()
            self.conn.execute("COMMIT")  # a full disk may refuse the commit itself
        except BaseException as exc:
            self._to_index.clear()
            self._to_unindex.clear()
            # SQLite has already rolled back after some errors (a full disk, an I/O error);
            # a transaction left open would make every later BEGIN fail.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._links = _Links(self.conn, defer=True)  # ids it learnt may have been rolled back
            if not isinstance(exc, _DryRun):
                raise

    def index(self, article_id: int, text: tuple[str, str, str]) -> None:
        """Add an article's search-index entry (`search_text`), inside the current
        transaction: at once, or in bulk mode by flush_index before it commits."""
        if not self.bulk:
            self.conn.execute(_INSERT_FTS, (article_id, *text))
            return
        self._to_index[article_id] = text
        if len(self._to_index) + len(self._to_unindex) >= BULK_BATCH_SIZE:
            self.flush_index()

    def unindex(self, article_id: int, old_text: Callable[[], tuple[str, str, str]]) -> None:
        """Remove an article's entry before it is indexed again, with the text it was
        indexed with (`old_text()`, computed only if it is in the index). In bulk mode the
        removal waits for flush_index too; an entry added in this transaction is dropped."""
        held = self._to_index.pop(article_id, None) is not None or article_id in self._to_unindex
        if held:
            return  # not in the index yet, or its removal is already held
        # FTS5 keeps a row of sizes per indexed document, contentless or not: a row
        # inserted in SQL, never indexed, has no entry to remove.
        indexed = self.conn.execute(
            "SELECT 1 FROM articles_fts_docsize WHERE id = ?", (article_id,)
        ).fetchone()
        if not indexed:
            return
        if self.bulk:
            self._to_unindex[article_id] = old_text()
        else:
            self.conn.execute(_DELETE_FTS, (article_id, *old_text()))

    def flush_index(self) -> None:
        """Write the index changes held back in bulk mode, in rowid order: FTS5 appends a
        run of ascending rowids to its pending segment (a lower one would flush it first),
        and an article's old entry is removed just before its new one is added, as in
        normal mode."""
        removals, additions = self._to_unindex, self._to_index
        if not (removals or additions):
            return
        self._to_unindex, self._to_index = {}, {}
        run: list[tuple[Any, ...]] = []
        for key in sorted(removals.keys() | additions.keys()):
            if key in removals:
                self.conn.executemany(_INSERT_FTS, run)
                run = []
                self.conn.execute(_DELETE_FTS, (key, *removals[key]))
            if key in additions:
                run.append((key, *additions[key]))
        self.conn.executemany(_INSERT_FTS, run)

    def _write_page(self, page: PageRecords) -> str | None:
        """A page's fetch state, list items and article (inside the caller's transaction);
        the article's result, None without one."""
        fetch = page.fetch
        archive_id = self._archive_id(fetch.archive, fetch.url, fetch.fetched_at, fetch.status)
        self._write_fetch(fetch, archive_id)
        if page.sightings is not None:
            self._write_sightings(page.sightings.sightings, archive_id)
        return None if page.article is None else self._write_article(page.article, archive_id)

    def _archive_id(
        self, ref: ArchiveRef | None, url: str, fetched_at: str, status: int | None
    ) -> int | None:
        """The archive_records row of an archived response (added the first time)."""
        if ref is None:
            return None
        self.conn.execute(
            "INSERT OR IGNORE INTO archive_records "
            "(warc_file, warc_offset, warc_length, url, fetched_at, status) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (ref.file, ref.offset, ref.length, url, fetched_at, status),
        )
        (archive_id,) = self.conn.execute(
            "SELECT id FROM archive_records WHERE warc_file = ? AND warc_offset = ?",
            (ref.file, ref.offset),
        ).fetchone()
        return archive_id

    def _write_article(self, record: ArticleRecord, archive_id: int | None = None) -> str:
        """Insert, refresh or revise; return "new", "unchanged" or "changed", or "kept" when
        the re-fetch looks worse than the stored version (`scraper.store.quality`)."""
        conn = self.conn
        if self._new.has(record):
            previous = None  # no stored article has its URL or post id: nothing to look up
        else:
            record = same_post_identity(conn, record)
            previous = conn.execute(
                "SELECT id, content_hash, last_changed_at FROM articles WHERE url = ?",
                (record.url,),
            ).fetchone()
        self._new.stored(record)
        seen = record.reference_time
        # A new article's hash comes with its row (_article_values).
        digest = content_hash(record) if previous else None
        if previous and previous[1] == digest:
            # The same version, confirmed by this fetch: its record is the newest copy.
            conn.execute(
                "UPDATE articles SET last_seen_at = max(last_seen_at, ?), "
                "archive_id = coalesce(?, archive_id) WHERE id = ?",
                (seen, archive_id, previous[0]),
            )
            return "unchanged"
        if previous:
            article_id = previous[0]
            old = conn.execute(
                f"SELECT {', '.join(_CONTENT_FIELDS)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            old_content = dict(zip(_CONTENT_FIELDS, old, strict=True))
            worse = worse_than_stored(old_content, _compared_content(record))
            if worse and not self.allow_worse:
                self._keep_stored(article_id, record, worse)
                return "kept"
        values = _article_values(record, digest, seen)
        if previous:
            conn.execute(
                "INSERT INTO article_revisions "
                "(article_id, content_hash, content, seen_from, seen_until) VALUES (?, ?, ?, ?, ?)",
                (article_id, previous[1], _json(old_content), previous[2], seen),
            )
            conn.execute(_UPDATE_ARTICLE, [*values[1:], archive_id, article_id])
            self.unindex(
                article_id,
                lambda: search_text(
                    old_content["headline"],
                    old_content["body"],
                    json.loads(old_content["source"] or "[]"),
                ),
            )
        else:
            article_id = conn.execute(_INSERT_ARTICLE, [*values, archive_id]).lastrowid
        self._links.link(
            article_id, record.site, record.categories, record.source, replace=bool(previous)
        )
        self.index(article_id, search_text(record.headline, record.body, record.source))
        return "changed" if previous else "new"

    def _keep_stored(self, article_id: int, record: ArticleRecord, worse: str) -> None:
        """A re-fetch worse than the stored version: the stored row stays (seen again, so
        its last_seen_at advances), and the run gets a failure row saying why."""
        conn = self.conn
        conn.execute(
            "UPDATE articles SET last_seen_at = max(last_seen_at, ?) WHERE id = ?",
            (record.reference_time, article_id),
        )
        # The site's run in progress (a site crawls in one process at a time: the run lock).
        (run_id,) = conn.execute(
            "SELECT max(id) FROM crawl_runs WHERE site = ? AND finished_at IS NULL", (record.site,)
        ).fetchone()
        reason = f"{worse}; kept the stored version (--allow-worse stores it)"
        conn.execute(
            "INSERT OR IGNORE INTO failures (site, url, stage, reason, time, run_id) "
            "VALUES (?, ?, 'store', ?, ?, ?)",
            (record.site, record.url, reason, record.reference_time, run_id),
        )
        logger.warning("%s: %s", record.url, reason)

    def _write_sightings(
        self, items: list[ListItemSighting], archive_id: int | None = None
    ) -> None:
        """A page's sightings in one statement; one seen again (a replay) is ignored."""
        self.conn.executemany(
            _INSERT_SIGHTING,
            [
                (s.url, s.site, s.page_url, s.reference_time, s.widget, s.title, s.category,
                 s.time_raw, s.published_at, s.earliest, s.latest, s.reason, archive_id)
                for s in items
            ],
        )  # fmt: skip

    def _write_failure(self, failure: FailureRecord) -> None:
        self._insert_or_ignore("failures", failure.as_dict())

    def _write_fetch(self, fetch: FetchRecord, archive_id: int | None = None) -> None:
        # A 304 keeps the validators of the 200 it confirmed.
        if archive_id is None and fetch.archive is not None:
            archive_id = self._archive_id(fetch.archive, fetch.url, fetch.fetched_at, fetch.status)
        self.conn.execute(
            "INSERT INTO fetch_state (url, status, etag, last_modified, fetched_at, archive_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET status = excluded.status, "
            "etag = coalesce(excluded.etag, etag), "
            "last_modified = coalesce(excluded.last_modified, last_modified), "
            "fetched_at = excluded.fetched_at, "
            "archive_id = coalesce(excluded.archive_id, archive_id)",
            (fetch.url, fetch.status, fetch.etag, fetch.last_modified, fetch.fetched_at,
             archive_id),
        )  # fmt: skip

    def _insert_or_ignore(self, table: str, row: dict[str, Any]) -> None:
        """Insert a row; the same row seen again (a replayed sighting) is ignored."""
        columns = list(row)
        self.conn.execute(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row[c] for c in columns],
        )

    def finish_runs(self, ends: list[dict[str, Any]]) -> int:
        """Write the ends of runs that the database refused when they ended (the failure
        file's `run_end` entries), where the row is still unfinished; how many. A run is
        the same only by id, site and start time: beside a restored or replaced database,
        another run may have the same id."""
        finished = 0
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for end in ends:
                cursor = self.conn.execute(
                    "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, exit_status = ?, "
                    "stats = ? WHERE id = ? AND site = ? AND started_at = ? "
                    "AND finished_at IS NULL",
                    (
                        end.get("finished_at"),
                        end.get("finish_reason"),
                        end.get("exit_status"),
                        _json(end.get("stats") or {}),
                        end.get("id"),
                        end.get("site"),
                        end.get("started_at"),
                    ),
                )
                finished += cursor.rowcount
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return finished

    def _write_run(self, run: RunRecord) -> int:
        if run.id is None:
            self.conn.execute(
                "INSERT INTO sites (name, title, profile, timezone, config) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET title = excluded.title, "
                "profile = excluded.profile, timezone = excluded.timezone, config = excluded.config",
                (run.site, run.site_title, run.profile, run.timezone, _json(run.site_config)),
            )
            cursor = self.conn.execute(
                "INSERT INTO crawl_runs (site, started_at, settings, uuid) VALUES (?, ?, ?, ?)",
                (run.site, run.started_at, _json(run.settings), str(uuid.uuid4())),
            )
            return int(cursor.lastrowid)
        self.conn.execute(
            "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, exit_status = ?, stats = ? "
            "WHERE id = ?",
            (run.finished_at, run.finish_reason, run.exit_status, _json(run.stats), run.id),
        )
        return run.id


_STOP = object()


class StoreUnavailable(RuntimeError):
    """The writer takes no more records: the database did not open, the writer stopped
    (or died), or it did not answer within its bound."""


def _settle(done: Future[Any], result: Any = None, error: BaseException | None = None) -> None:
    """Complete a record's future, unless its waiter gave up on it (cancelled it)."""
    if not done.set_running_or_notify_cancel():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)


def _stopped(exc: BaseException) -> StoreUnavailable:
    return StoreUnavailable(f"the writer stopped: {type(exc).__name__}: {exc}")


class GroupCommitWriter:
    """A thread that owns the Store and commits queued records in groups.

    `submit(record)` returns a Future that completes when the record's transaction has
    committed (or fails with the reason it could not be stored). Each transaction takes
    everything queued, up to `batch_size` records: under load the queue is deep and commits
    are few and large (each costs a search-index flush whatever its size), while a trickle
    of records is committed one small group at a time, without waiting.

    Commits only append to the WAL: a second thread, on its own connection, copies the WAL
    into the database file (a checkpoint, with its fsyncs) while the writer goes on.

    No wait is unbounded: opening and closing wait at most `timeout` seconds, and once the
    thread has ended (closed, or died on an error) every record still queued and every
    record submitted later fails at once with StoreUnavailable and the reason.

    `bulk=True` opens the Store in bulk mode and takes up to BULK_BATCH_SIZE records a
    commit unless `batch_size` says otherwise. `backfill_site`: the same, decided when the
    database opens, if that site has no stored article yet (a first crawl of the site;
    `bulk` then says which it was). Both may be set until `start()`.
    """

    wal_limit = 256 << 20  # bytes of WAL file before the writer waits for a checkpoint

    def __init__(
        self,
        path: str | Path,
        batch_size: int | None = None,
        timeout: float = 300.0,
        allow_worse: bool = False,
        before_commit: Callable[[], None] | None = None,
        bulk: bool = False,
    ) -> None:
        self.path = Path(path)
        self.allow_worse = allow_worse
        self.before_commit = before_commit
        self.bulk = bulk
        self.batch_size = batch_size or (BULK_BATCH_SIZE if bulk else 1000)
        self.backfill_site: str | None = None
        self.timeout = timeout
        self.batches = 0
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ready: Future[None] = Future()
        # Why the writer takes no more records (None while it does); set under the lock,
        # so no record is queued after the queue was emptied for good.
        self._ended: StoreUnavailable | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="sqlite-writer", daemon=True)
        self._checkpointer = _Checkpointer(self.path, timeout)

    def start(self) -> None:
        """Open the database in the writer thread; raise why it could not be opened, or
        StoreUnavailable if it did not open within the bound."""
        self._thread.start()
        try:
            self._ready.result(self.timeout)
        except FutureTimeout:
            self._end(StoreUnavailable(f"the database did not open within {self.timeout:g} s"))
            self._queue.put(_STOP)  # should it open after all, it stops at once
            raise self._ended from None

    def submit(self, record: Any) -> Future[Any]:
        done: Future[Any] = Future()
        with self._lock:
            if self._ended is None:
                self._queue.put((record, done))
                return done
        _settle(done, error=self._ended)
        return done

    @property
    def ended(self) -> StoreUnavailable | None:
        """Why the writer takes no more records, or None while it does."""
        return self._ended

    def close(self) -> None:
        """Commit what is queued and stop; raise StoreUnavailable if the thread is still
        busy after the bound (it is a daemon: it does not keep the process alive)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(self.timeout)
            if self._thread.is_alive():
                self._end(StoreUnavailable(f"the writer did not stop within {self.timeout:g} s"))
                raise StoreUnavailable(f"the writer did not stop within {self.timeout:g} s")
        self._end(StoreUnavailable("the store is closed"))

    def _end(self, reason: StoreUnavailable) -> None:
        """Take no more records, and fail those still queued with `reason` (the first
        reason given stays)."""
        with self._lock:
            if self._ended is None:
                self._ended = reason
            while True:
                try:
                    entry = self._queue.get_nowait()
                except queue.Empty:
                    break
                if entry is not _STOP:
                    _settle(entry[1], error=self._ended)

    def _run(self) -> None:
        try:
            store = Store(
                self.path,
                allow_worse=self.allow_worse,
                before_commit=self.before_commit,
                bulk=self.bulk,
            )
        except Exception as exc:  # reported to start()
            self._end(StoreUnavailable(f"the database cannot be opened: {exc}"))
            self._ready.set_exception(exc)
            return
        try:
            self._finish_refused_runs(store)
            self._serve(store)
        except BaseException as exc:
            # A bug or an error outside any record's transaction: nothing may wait on it.
            self._end(_stopped(exc))
            if not self._ready.done():
                # Before the writer was ready: start() raises it now (with its traceback)
                # rather than waiting out its bound.
                self._ready.set_exception(exc)
                return
            raise
        finally:
            self._end(StoreUnavailable("the store is closed"))
            self._checkpointer.close()
            store.close()

    def _finish_refused_runs(self, store: Store) -> None:
        """Runs whose end an earlier crawl could not store (a full disk) are finished now
        that the database takes writes, from the failure file; a failure here is only
        logged: the lines stay for the next time."""
        ends = [
            line["run_end"]
            for line in read_failures(self.path)
            if isinstance(line.get("run_end"), dict)
        ]
        if not ends:
            return
        try:
            finished = store.finish_runs(ends)
        except sqlite3.Error as exc:
            logger.warning("runs in the failure file not finished yet: %s", exc)
        else:
            if finished:
                logger.warning("finished %d run(s) from the failure file", finished)

    def _serve(self, store: Store) -> None:
        # Checkpoints happen in the checkpointer thread; the writer only steps in if the
        # WAL grows past 64 MiB (of 4 KiB pages), e.g. with that thread stuck, and the WAL
        # file is cut back to 64 MiB when it starts over.
        store.conn.execute("PRAGMA wal_autocheckpoint=16384")
        store.conn.execute("PRAGMA journal_size_limit=67108864")
        self._checkpointer.start()
        wal = Path(f"{self.path}-wal")
        self._ready.set_result(None)
        # (Decided before the first record is taken, after start() has returned.)
        if self.backfill_site is not None and not store.has_articles(self.backfill_site):
            store.bulk = self.bulk = True
            self.batch_size = BULK_BATCH_SIZE
        running = True
        while running:
            batch = [self._queue.get()]
            while len(batch) < self.batch_size:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if _STOP in batch:
                running = False
                batch = [entry for entry in batch if entry is not _STOP]
            if batch:
                try:
                    self._commit(store, batch)
                except BaseException as exc:
                    # Ending the writer: the batch in hand fails with the reason too.
                    for _, done in batch:
                        if not done.done():
                            _settle(done, error=_stopped(exc))
                    raise
                checkpoint = self._checkpointer.wake()
                if _size(wal) > self.wal_limit:
                    # The WAL starts over only when a transaction begins with all of it
                    # copied; under a steady load the checkpoint always trails by a
                    # commit, so now and then wait for it to catch up.
                    self._checkpointer.wait(checkpoint)

    def _commit(self, store: Store, batch: list[tuple[Any, Future[Any]]]) -> None:
        try:
            results = store.write_batch([record for record, _ in batch])
        except Exception:
            # One bad record must not sink the others: retry each in its own transaction
            # (a page's records are one record, so a page is stored whole or not at all).
            for record, done in batch:
                try:
                    (result,) = store.write_batch([record])
                except Exception as exc:
                    _settle(done, error=exc)
                else:
                    _settle(done, result)
        else:
            for (_, done), result in zip(batch, results, strict=True):
                _settle(done, result)
        self.batches += 1


class _Checkpointer:
    """Checkpoints the WAL from its own thread and connection when woken after commits
    (PASSIVE: it never blocks the writer or readers), at most every `pause` seconds."""

    pause = 0.1

    def __init__(self, path: Path, timeout: float = 300.0) -> None:
        self.path = path
        self.timeout = timeout
        self._changed = threading.Condition()
        self._requested = self._done = 0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> int:
        """Ask for a checkpoint; return its number, for wait()."""
        with self._changed:
            self._requested += 1
            self._changed.notify_all()
            return self._requested

    def wait(self, number: int, timeout: float = 60.0) -> None:
        """Wait until checkpoint `number` (or a later one) has run."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._done >= number or not self._thread.is_alive(), timeout
            )

    def close(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread.is_alive():
            # A checkpoint stuck on the disk must not hold the crawl: the thread is a daemon.
            self._thread.join(self.timeout)

    def _run(self) -> None:
        with closing(sqlite3.connect(self.path, isolation_level=None)) as conn:
            conn.execute("PRAGMA synchronous=FULL")
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._stopping or self._requested > self._done)
                    if self._stopping:
                        return
                    number = self._requested
                with suppress(sqlite3.Error):  # e.g. busy: the next request tries again
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                with self._changed:
                    self._done = number
                    self._changed.notify_all()
                    self._changed.wait_for(lambda: self._stopping, self.pause)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
