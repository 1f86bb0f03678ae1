"""The SQLite store: schema, one writer, group commit.

One thread owns the database connection and writes every record. Items wait in a queue;
the writer takes everything queued (up to a batch size), writes it in one transaction and
commits, and only then tells each item's pipeline call that it is stored. So the crawl
never waits on the disk in Scrapy's reactor, commits are grouped under load, and nothing
acknowledged lives only in memory.
"""

from __future__ import annotations

import hashlib
import json
import queue
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import sqlite_utils

from scraper.items import ArticleRecord, FailureRecord, ListItemSighting

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    url                TEXT NOT NULL PRIMARY KEY,  -- canonical URL
    site               TEXT NOT NULL,
    post_id            INTEGER,               -- WordPress post id, when the page shows it
    headline           TEXT,
    body               TEXT,                  -- paragraphs separated by blank lines
    source             TEXT,                  -- JSON array of attribution names
    source_raw         TEXT,                  -- the whole source line
    category           TEXT,
    category_url       TEXT,
    categories         TEXT,                  -- JSON array of {"name", "url"}
    published_at       TEXT,                  -- UTC, ISO 8601
    published_raw      TEXT,
    precision          TEXT,                  -- exact | minute | day | window
    published_earliest TEXT,
    published_latest   TEXT,
    published_sources  TEXT,                  -- JSON array: which page sources agreed
    date_conflicts     TEXT,                  -- JSON array: sources outside the agreed window
    modified_at        TEXT,
    author             TEXT,
    tags               TEXT,                  -- JSON array
    image              TEXT,
    language           TEXT,
    fetched_url        TEXT NOT NULL,
    reference_time     TEXT NOT NULL,         -- HTTP Date (or fetch time) of the stored version
    profile            TEXT,                  -- extraction profile and version, e.g. zox@1
    provenance         TEXT,                  -- JSON object: field -> where it came from
    missing            TEXT,                  -- JSON object: field -> why it is null
    content_hash       TEXT NOT NULL,
    first_seen_at      TEXT NOT NULL,
    last_seen_at       TEXT NOT NULL,
    last_changed_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_site_published ON articles (site, published_at);
CREATE INDEX IF NOT EXISTS articles_category ON articles (category, published_at);

CREATE TABLE IF NOT EXISTS list_item_sightings (
    id             INTEGER PRIMARY KEY,
    site           TEXT NOT NULL,
    item_url       TEXT NOT NULL,
    page_url       TEXT NOT NULL,             -- the page the item was seen on
    widget         TEXT NOT NULL,             -- more | tabber | archive | home | ...
    title          TEXT,
    category       TEXT,
    time_raw       TEXT,                      -- e.g. "11 ساعة ago"
    published_at   TEXT,                      -- nominal time the string implies
    earliest       TEXT,                      -- window WordPress's rounding allows (inclusive)
    latest         TEXT,
    reason         TEXT,                      -- why there is no window, if none
    reference_time TEXT NOT NULL,             -- render time of the page (HTTP Date)
    UNIQUE (page_url, item_url, widget, reference_time)
);
CREATE INDEX IF NOT EXISTS sightings_item ON list_item_sightings (item_url);

-- Every sighting of an article (list items on other pages, feed items, sitemap lastmod) narrows its
-- publication window: the estimate is the intersection of the page's own window and all
-- sighting windows. An empty intersection is flagged, never resolved silently.
CREATE VIEW IF NOT EXISTS article_time_estimates AS
WITH seen AS (
    SELECT item_url, count(*) AS sightings, max(earliest) AS earliest, min(latest) AS latest
    FROM list_item_sightings
    WHERE earliest IS NOT NULL OR latest IS NOT NULL  -- sitemap lastmod: an upper bound
    GROUP BY item_url
),
joined AS (
    SELECT a.url, a.published_at, a.precision,
           a.published_earliest AS page_earliest, a.published_latest AS page_latest,
           coalesce(seen.sightings, 0) AS sightings,
           seen.earliest AS sightings_earliest, seen.latest AS sightings_latest,
           max(coalesce(a.published_earliest, seen.earliest),
               coalesce(seen.earliest, a.published_earliest)) AS earliest,
           min(coalesce(a.published_latest, seen.latest),
               coalesce(seen.latest, a.published_latest)) AS latest
    FROM articles AS a LEFT JOIN seen ON seen.item_url = a.url
)
SELECT *, CASE WHEN earliest > latest THEN 1 ELSE 0 END AS disagreement FROM joined;

CREATE TABLE IF NOT EXISTS failures (
    id     INTEGER PRIMARY KEY,
    site   TEXT NOT NULL,
    url    TEXT NOT NULL,
    stage  TEXT NOT NULL,                     -- download | http | extract | store
    reason TEXT NOT NULL,
    time   TEXT NOT NULL,
    UNIQUE (url, stage, reason, time)
);
"""

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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def content_hash(record: ArticleRecord) -> str:
    content = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    return hashlib.sha256(_json(content).encode("utf-8")).hexdigest()


class Store:
    """Synchronous access to the database. Not thread-safe: one writer owns it."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite_utils.Database(str(path))
        self.conn: sqlite3.Connection = self.db.conn
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.conn.executescript(SCHEMA)
        self.conn.execute(
            "INSERT OR IGNORE INTO schema_info (key, value) VALUES ('version', ?)",
            (str(SCHEMA_VERSION),),
        )
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def write(self, record: Any) -> None:
        if isinstance(record, ArticleRecord):
            self._write_article(record)
        elif isinstance(record, ListItemSighting):
            self._write_sighting(record)
        elif isinstance(record, FailureRecord):
            self._write_failure(record)
        else:
            raise TypeError(f"cannot store {type(record).__name__}")

    def write_batch(self, records: list[Any]) -> None:
        """Write all records in one transaction (all or nothing)."""
        with self.conn:
            for record in records:
                self.write(record)

    def _write_article(self, record: ArticleRecord) -> None:
        digest = content_hash(record)
        seen = record.reference_time
        unchanged = self.conn.execute(
            "UPDATE articles SET last_seen_at = max(last_seen_at, ?) "
            "WHERE url = ? AND content_hash = ?",
            (seen, record.url, digest),
        )
        if unchanged.rowcount:
            return
        row = record.as_dict()
        category = row.pop("category") or {}
        row["category"] = category.get("name")
        row["category_url"] = category.get("url")
        for name in _JSON_FIELDS + _JSON_OBJECTS:
            row[name] = _json(row[name])
        row.update(content_hash=digest, first_seen_at=seen, last_seen_at=seen, last_changed_at=seen)
        columns = list(row)
        updates = ", ".join(
            f"{c} = excluded.{c}" for c in columns if c not in ("url", "first_seen_at")
        )
        self.conn.execute(
            f"INSERT INTO articles ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}, "
            "first_seen_at = min(articles.first_seen_at, excluded.first_seen_at)",
            [row[c] for c in columns],
        )

    def _write_sighting(self, item: ListItemSighting) -> None:
        row = item.as_dict()
        row["item_url"] = row.pop("url")
        columns = list(row)
        self.conn.execute(
            f"INSERT OR IGNORE INTO list_item_sightings ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row[c] for c in columns],
        )

    def _write_failure(self, failure: FailureRecord) -> None:
        row = failure.as_dict()
        columns = list(row)
        self.conn.execute(
            f"INSERT OR IGNORE INTO failures ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row[c] for c in columns],
        )


_STOP = object()


class GroupCommitWriter:
    """A thread that owns the Store and commits queued records in groups.

    `submit(record)` returns a Future that completes when the record's transaction has
    committed (or fails with the reason it could not be stored).
    """

    def __init__(self, path: str | Path, batch_size: int = 200) -> None:
        self.path = Path(path)
        self.batch_size = batch_size
        self.batches = 0
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name="sqlite-writer", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.result()  # re-raises if the database could not be opened

    def submit(self, record: Any) -> Future[None]:
        done: Future[None] = Future()
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
        finally:
            store.close()

    def _commit(self, store: Store, batch: list[tuple[Any, Future[None]]]) -> None:
        try:
            store.write_batch([record for record, _ in batch])
        except Exception:
            # One bad record must not sink the others: retry each in its own transaction.
            for record, done in batch:
                try:
                    store.write_batch([record])
                except Exception as exc:
                    done.set_exception(exc)
                else:
                    done.set_result(None)
        else:
            for _, done in batch:
                done.set_result(None)
        self.batches += 1
