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
import os
import queue
import sqlite3
import threading
import time
from concurrent.futures import Future
from contextlib import closing, suppress
from dataclasses import fields, replace
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

import sqlite_utils

from scraper.items import (
    ArticleRecord,
    FailureRecord,
    FetchRecord,
    ListItemSighting,
    RunRecord,
    SightingBatch,
)
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
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)})"
)
# The environment variable that lets a re-fetch worse than the stored version replace it.
ALLOW_WORSE = "SCRAPER_ALLOW_WORSE"


def allow_worse() -> bool:
    """Whether the operator asked to store re-fetches that look worse than the stored
    version (`SCRAPER_ALLOW_WORSE=1`, or `scraper crawl --allow-worse`)."""
    return os.environ.get(ALLOW_WORSE, "").strip().lower() in ("1", "true", "yes", "on")


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
    + " WHERE id = ?"
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


def _article_values(record: ArticleRecord, digest: str, seen: str) -> list[Any]:
    """The record's articles row, in _ARTICLE_COLUMNS order (the URL first)."""
    values = [record.url]
    for name in _ARTICLE_COLUMNS[1:-6]:
        value = getattr(record, name)
        values.append(_json(value) if name in _SERIALIZED else value)
    if not record.source:
        values[_SOURCE_COLUMN] = None  # missing, with its reason in `missing`
    category = record.category or {}
    values += [category.get("name"), category.get("url"), digest, seen, seen, seen]
    return values


_INSERT_SIGHTING = (
    "INSERT OR IGNORE INTO list_item_sightings (item_url, site, page_url, reference_time, "
    "widget, title, category, time_raw, published_at, earliest, latest, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# How long a writer waits for another process's lock before it gives up with an error.
BUSY_TIMEOUT_MS = 10_000


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


class Store:
    """Synchronous access to the database. Not thread-safe: one writer owns it.

    Durability: WAL with synchronous=FULL. When write_batch returns, its commit is in the
    WAL file and fsynced, so nothing acknowledged is lost to a killed process, an
    operating-system crash or a power cut. (synchronous=NORMAL would save about 4 ms a
    commit, under 1% of a bulk insert in commits of 1,000, at the price of losing the
    commits since the last checkpoint on a power cut.)
    """

    def __init__(self, path: str | Path) -> None:
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
        self._links = _Links(self.conn)
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
        if isinstance(record, ArticleRecord):
            return self._write_article(record)
        if isinstance(record, ListItemSighting):
            return self._write_sightings([record])
        if isinstance(record, SightingBatch):
            return self._write_sightings(record.sightings)
        if isinstance(record, FailureRecord):
            return self._write_failure(record)
        if isinstance(record, RunRecord):
            return self._write_run(record)
        if isinstance(record, FetchRecord):
            return self._write_fetch(record)
        raise TypeError(f"cannot store {type(record).__name__}")

    def write_batch(self, records: list[Any]) -> list[Any]:
        """Write all records in one transaction (all or nothing); return each write's result."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._check_search_index()
            results = [self.write(record) for record in records]
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._links = _Links(self.conn)  # ids it learnt may have been rolled back
            raise
        self.conn.execute("COMMIT")
        return results

    def _write_article(self, record: ArticleRecord) -> str:
        """Insert, refresh or revise; return "new", "unchanged" or "changed", or "kept" when
        the re-fetch looks worse than the stored version (`scraper.store.quality`)."""
        conn = self.conn
        if record.post_id is not None:
            # The WordPress post id identifies the article across URL variants (?p=ID,
            # AMP, slashes, encodings): the first URL stored stays its identity.
            same_post = conn.execute(
                "SELECT url FROM articles WHERE site = ? AND post_id = ? AND url != ?",
                (record.site, record.post_id, record.url),
            ).fetchone()
            if same_post:
                # Stored under that identity; the record itself stays as extraction made it.
                seen_as = f"post id {record.post_id}, seen as {record.url}"
                record = replace(
                    record, url=same_post[0], provenance={**record.provenance, "url": seen_as}
                )
        digest = content_hash(record)
        seen = record.reference_time
        previous = conn.execute(
            "SELECT id, content_hash, last_changed_at FROM articles WHERE url = ?", (record.url,)
        ).fetchone()
        if previous and previous[1] == digest:
            conn.execute(
                "UPDATE articles SET last_seen_at = max(last_seen_at, ?) WHERE id = ?",
                (seen, previous[0]),
            )
            return "unchanged"
        if previous:
            article_id = previous[0]
            old = conn.execute(
                f"SELECT {', '.join(_CONTENT_FIELDS)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            old_content = dict(zip(_CONTENT_FIELDS, old, strict=True))
            worse = worse_than_stored(old_content, _compared_content(record))
            if worse and not allow_worse():
                self._keep_stored(article_id, record, worse)
                return "kept"
        values = _article_values(record, digest, seen)
        if previous:
            conn.execute(
                "INSERT INTO article_revisions "
                "(article_id, content_hash, content, seen_from, seen_until) VALUES (?, ?, ?, ?, ?)",
                (article_id, previous[1], _json(old_content), previous[2], seen),
            )
            conn.execute(_UPDATE_ARTICLE, [*values[1:], article_id])
            # FTS5 keeps a row of sizes per indexed document, contentless or not: a row
            # inserted in SQL, never indexed, has no entry to remove.
            indexed = conn.execute(
                "SELECT 1 FROM articles_fts_docsize WHERE id = ?", (article_id,)
            ).fetchone()
            if indexed:
                conn.execute(
                    _DELETE_FTS,
                    (
                        article_id,
                        *search_text(
                            old_content["headline"],
                            old_content["body"],
                            json.loads(old_content["source"] or "[]"),
                        ),
                    ),
                )
        else:
            article_id = conn.execute(_INSERT_ARTICLE, values).lastrowid
        self._links.link(
            article_id, record.site, record.categories, record.source, replace=bool(previous)
        )
        conn.execute(
            _INSERT_FTS, (article_id, *search_text(record.headline, record.body, record.source))
        )
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
        reason = f"{worse}; kept the stored version ({ALLOW_WORSE}=1 stores it)"
        conn.execute(
            "INSERT OR IGNORE INTO failures (site, url, stage, reason, time, run_id) "
            "VALUES (?, ?, 'store', ?, ?, ?)",
            (record.site, record.url, reason, record.reference_time, run_id),
        )
        logger.warning("%s: %s", record.url, reason)

    def _write_sightings(self, items: list[ListItemSighting]) -> None:
        """A page's sightings in one statement; one seen again (a replay) is ignored."""
        self.conn.executemany(
            _INSERT_SIGHTING,
            [
                (s.url, s.site, s.page_url, s.reference_time, s.widget, s.title, s.category,
                 s.time_raw, s.published_at, s.earliest, s.latest, s.reason)
                for s in items
            ],
        )  # fmt: skip

    def _write_failure(self, failure: FailureRecord) -> None:
        self._insert_or_ignore("failures", failure.as_dict())

    def _write_fetch(self, fetch: FetchRecord) -> None:
        # A 304 keeps the validators of the 200 it confirmed.
        self.conn.execute(
            "INSERT INTO fetch_state (url, status, etag, last_modified, fetched_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET status = excluded.status, "
            "etag = coalesce(excluded.etag, etag), "
            "last_modified = coalesce(excluded.last_modified, last_modified), "
            "fetched_at = excluded.fetched_at",
            (fetch.url, fetch.status, fetch.etag, fetch.last_modified, fetch.fetched_at),
        )

    def _insert_or_ignore(self, table: str, row: dict[str, Any]) -> None:
        """Insert a row; the same row seen again (a replayed sighting) is ignored."""
        columns = list(row)
        self.conn.execute(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row[c] for c in columns],
        )

    def _write_run(self, run: RunRecord) -> int:
        if run.id is None:
            self.conn.execute(
                "INSERT INTO sites (name, title, profile, timezone, config) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET title = excluded.title, "
                "profile = excluded.profile, timezone = excluded.timezone, config = excluded.config",
                (run.site, run.site_title, run.profile, run.timezone, _json(run.site_config)),
            )
            cursor = self.conn.execute(
                "INSERT INTO crawl_runs (site, started_at, settings) VALUES (?, ?, ?)",
                (run.site, run.started_at, _json(run.settings)),
            )
            return int(cursor.lastrowid)
        self.conn.execute(
            "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, exit_status = ?, stats = ? "
            "WHERE id = ?",
            (run.finished_at, run.finish_reason, run.exit_status, _json(run.stats), run.id),
        )
        return run.id


_STOP = object()


class GroupCommitWriter:
    """A thread that owns the Store and commits queued records in groups.

    `submit(record)` returns a Future that completes when the record's transaction has
    committed (or fails with the reason it could not be stored). Each transaction takes
    everything queued, up to `batch_size` records: under load the queue is deep and commits
    are few and large (each costs a search-index flush whatever its size), while a trickle
    of records is committed one small group at a time, without waiting.

    Commits only append to the WAL: a second thread, on its own connection, copies the WAL
    into the database file (a checkpoint, with its fsyncs) while the writer goes on.
    """

    wal_limit = 256 << 20  # bytes of WAL file before the writer waits for a checkpoint

    def __init__(self, path: str | Path, batch_size: int = 1000) -> None:
        self.path = Path(path)
        self.batch_size = batch_size
        self.batches = 0
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name="sqlite-writer", daemon=True)
        self._checkpointer = _Checkpointer(self.path)

    def start(self) -> None:
        self._thread.start()
        self._ready.result()  # re-raises if the database could not be opened

    def submit(self, record: Any) -> Future[Any]:
        done: Future[Any] = Future()
        self._queue.put((record, done))
        return done

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        try:
            store = Store(self.path)
        except Exception as exc:  # reported to start()
            self._ready.set_exception(exc)
            return
        # Checkpoints happen in the checkpointer thread; the writer only steps in if the
        # WAL grows past 64 MiB (of 4 KiB pages), e.g. with that thread stuck, and the WAL
        # file is cut back to 64 MiB when it starts over.
        store.conn.execute("PRAGMA wal_autocheckpoint=16384")
        store.conn.execute("PRAGMA journal_size_limit=67108864")
        self._checkpointer.start()
        wal = Path(f"{self.path}-wal")
        self._ready.set_result(None)
        try:
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
                    self._commit(store, batch)
                    checkpoint = self._checkpointer.wake()
                    if _size(wal) > self.wal_limit:
                        # The WAL starts over only when a transaction begins with all of it
                        # copied; under a steady load the checkpoint always trails by a
                        # commit, so now and then wait for it to catch up.
                        self._checkpointer.wait(checkpoint)
        finally:
            self._checkpointer.close()
            store.close()

    def _commit(self, store: Store, batch: list[tuple[Any, Future[Any]]]) -> None:
        try:
            results = store.write_batch([record for record, _ in batch])
        except Exception:
            # One bad record must not sink the others: retry each in its own transaction.
            for record, done in batch:
                try:
                    (result,) = store.write_batch([record])
                except Exception as exc:
                    done.set_exception(exc)
                else:
                    done.set_result(result)
        else:
            for (_, done), result in zip(batch, results, strict=True):
                done.set_result(result)
        self.batches += 1


class _Checkpointer:
    """Checkpoints the WAL from its own thread and connection when woken after commits
    (PASSIVE: it never blocks the writer or readers), at most every `pause` seconds."""

    pause = 0.1

    def __init__(self, path: Path) -> None:
        self.path = path
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
            self._thread.join()

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
