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
from contextlib import closing
from dataclasses import dataclass, field
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
from scraper.text import normalize_for_search

SCHEMA_VERSION = 3

# Version 1: the first release. Kept verbatim: migrations start from it.
SCHEMA_V1 = """
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

# Version 2: sites, categories, sources, revisions, runs, and Arabic full-text search.
SCHEMA_V2 = """
-- articles gets an INTEGER PRIMARY KEY: rowids that VACUUM keeps, which the search index
-- and Datasette's table search rely on. The URL stays unique.
DROP VIEW article_time_estimates;
CREATE TABLE articles_v2 (
    id                 INTEGER PRIMARY KEY,    -- stable under VACUUM; the FTS rowid
    url                TEXT NOT NULL UNIQUE,   -- canonical URL
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
    extractor          TEXT,                  -- extraction code version, e.g. scraper.extract@1
    provenance         TEXT,                  -- JSON object: field -> where it came from
    missing            TEXT,                  -- JSON object: field -> why it is null
    content_hash       TEXT NOT NULL,
    first_seen_at      TEXT NOT NULL,
    last_seen_at       TEXT NOT NULL,
    last_changed_at    TEXT NOT NULL
);
INSERT INTO articles_v2 (id, url, site, post_id, headline, body, source, source_raw, category, category_url, categories, published_at, published_raw, precision, published_earliest, published_latest, published_sources, date_conflicts, modified_at, author, tags, image, language, fetched_url, reference_time, profile, provenance, missing, content_hash, first_seen_at, last_seen_at, last_changed_at)
    SELECT rowid, url, site, post_id, headline, body, source, source_raw, category, category_url, categories, published_at, published_raw, precision, published_earliest, published_latest, published_sources, date_conflicts, modified_at, author, tags, image, language, fetched_url, reference_time, profile, provenance, missing, content_hash, first_seen_at, last_seen_at, last_changed_at FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE INDEX articles_site_published ON articles (site, published_at);
CREATE INDEX articles_category ON articles (category, published_at);
CREATE INDEX articles_published ON articles (published_at);

CREATE TABLE sites (
    name     TEXT PRIMARY KEY,
    title    TEXT,
    profile  TEXT,
    timezone TEXT,
    config   TEXT                              -- JSON: the site configuration last used
);

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    site TEXT NOT NULL REFERENCES sites (name),
    name TEXT NOT NULL,
    url  TEXT,
    UNIQUE (site, name)
);

CREATE TABLE article_categories (
    article_url TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    position    INTEGER NOT NULL,             -- 0 = the labelled category
    PRIMARY KEY (article_url, category_id)
);
CREATE INDEX article_categories_category ON article_categories (category_id);

CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,                -- normalized for matching variants
    name TEXT NOT NULL                        -- first spelling seen
);

CREATE TABLE article_sources (
    article_url TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (article_url, source_id)
);
CREATE INDEX article_sources_source ON article_sources (source_id);

CREATE TABLE article_revisions (
    id           INTEGER PRIMARY KEY,
    article_url  TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    content      TEXT NOT NULL,               -- JSON of the content fields of that version
    seen_from    TEXT NOT NULL,               -- when that version was first seen
    seen_until   TEXT NOT NULL                -- when a different version replaced it
);
CREATE INDEX article_revisions_url ON article_revisions (article_url);

CREATE TABLE crawl_runs (
    id            INTEGER PRIMARY KEY,
    site          TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    finish_reason TEXT,
    exit_status   INTEGER,
    settings      TEXT,                       -- JSON
    stats         TEXT                        -- JSON
);

-- Failures now belong to a run: the same 404 met by two runs is two rows.
CREATE TABLE failures_v2 (
    id     INTEGER PRIMARY KEY,
    site   TEXT NOT NULL,
    url    TEXT NOT NULL,
    stage  TEXT NOT NULL,                     -- download | http | extract | store
    reason TEXT NOT NULL,
    time   TEXT NOT NULL,
    run_id INTEGER REFERENCES crawl_runs (id),
    UNIQUE (run_id, url, stage, reason, time)
);
INSERT INTO failures_v2 (id, site, url, stage, reason, time)
    SELECT id, site, url, stage, reason, time FROM failures;
DROP TABLE failures;
ALTER TABLE failures_v2 RENAME TO failures;
CREATE INDEX failures_run ON failures (run_id);
CREATE INDEX articles_post_id ON articles (site, post_id);

-- Normalized shadow text (scraper.text.normalize_for_search) and its FTS5 index; a row's
-- rowid is its article's rowid.
CREATE TABLE articles_search (
    rowid    INTEGER PRIMARY KEY,
    url      TEXT NOT NULL UNIQUE REFERENCES articles (url) ON DELETE CASCADE,
    headline TEXT,
    body     TEXT,
    source   TEXT
);
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline, body, source, content = 'articles_search', content_rowid = 'rowid'
);
CREATE TRIGGER articles_search_ai AFTER INSERT ON articles_search BEGIN
    INSERT INTO articles_fts (rowid, headline, body, source)
    VALUES (new.rowid, new.headline, new.body, new.source);
END;
CREATE TRIGGER articles_search_ad AFTER DELETE ON articles_search BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, body, source)
    VALUES ('delete', old.rowid, old.headline, old.body, old.source);
END;
CREATE TRIGGER articles_search_au AFTER UPDATE ON articles_search BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, body, source)
    VALUES ('delete', old.rowid, old.headline, old.body, old.source);
    INSERT INTO articles_fts (rowid, headline, body, source)
    VALUES (new.rowid, new.headline, new.body, new.source);
END;

-- Version 2 of the estimate: also the narrowed value, its precision and which kinds of
-- sighting agreed.
CREATE VIEW article_time_estimates AS
WITH seen AS (
    SELECT item_url, count(*) AS sightings, max(earliest) AS earliest, min(latest) AS latest,
           group_concat(DISTINCT widget) AS sighting_kinds
    FROM list_item_sightings
    WHERE earliest IS NOT NULL OR latest IS NOT NULL  -- sitemap lastmod: an upper bound
    GROUP BY item_url
),
joined AS (
    SELECT a.url, a.published_at, a.precision AS page_precision, a.published_sources,
           a.published_earliest AS page_earliest, a.published_latest AS page_latest,
           coalesce(seen.sightings, 0) AS sightings, seen.sighting_kinds,
           seen.earliest AS sightings_earliest, seen.latest AS sightings_latest,
           max(coalesce(a.published_earliest, seen.earliest),
               coalesce(seen.earliest, a.published_earliest)) AS earliest,
           min(coalesce(a.published_latest, seen.latest),
               coalesce(seen.latest, a.published_latest)) AS latest
    FROM articles AS a LEFT JOIN seen ON seen.item_url = a.url
)
SELECT *,
       CASE WHEN earliest > latest THEN 1 ELSE 0 END AS disagreement,
       CASE WHEN earliest > latest THEN published_at
            WHEN published_at < earliest THEN earliest
            WHEN published_at > latest THEN latest
            ELSE coalesce(published_at, latest) END AS estimate,
       CASE WHEN earliest > latest THEN page_precision
            WHEN earliest = latest THEN 'exact'
            ELSE page_precision END AS precision
FROM joined;

CREATE VIEW article_sources_named AS
SELECT a.url, a.site, a.published_at, a.category, s.name AS source, s.key AS source_key
FROM articles AS a
JOIN article_sources AS x ON x.article_url = a.url
JOIN sources AS s ON s.id = x.source_id;

CREATE VIEW articles_per_day AS
SELECT site, category, substr(published_at, 1, 10) AS day, count(*) AS articles
FROM articles
WHERE published_at IS NOT NULL
GROUP BY site, category, day;
"""

# Version 3: what the server said about each article page, for conditional re-fetches.
SCHEMA_V3 = """
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,           -- canonical URL of a page (article or listing)
    status        INTEGER NOT NULL,           -- 200, or 304 when it had not changed
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL               -- the response's Date (or fetch time)
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
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def content_hash(record: ArticleRecord) -> str:
    content = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    return hashlib.sha256(_json(content).encode("utf-8")).hexdigest()


class NewerSchemaError(RuntimeError):
    """The database was written by a newer version of this project."""


def schema_version(conn: sqlite3.Connection) -> int:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "schema_info" not in tables:
        return 1 if "articles" in tables else 0
    row = conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION in place; return the version it had."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"this database has schema version {found}, newer than the {SCHEMA_VERSION} this "
            "version of arabic-news-scraper knows: upgrade the project to open it"
        )
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        if found < 1:
            for statement in _statements(SCHEMA_V1):
                conn.execute(statement)
        if found < 2:
            for statement in _statements(SCHEMA_V2):
                conn.execute(statement)
            _backfill_v2(conn)
        if found < 3:
            for statement in _statements(SCHEMA_V3):
                conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO schema_info (key, value) VALUES ('version', ?)",
            (str(SCHEMA_VERSION),),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (triggers keep their inner semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [st for st in statements if st]


def _backfill_v2(conn: sqlite3.Connection) -> None:
    """Give version-1 articles their sites, categories, sources and search rows."""
    rows = conn.execute(
        "SELECT url, site, headline, body, source, categories FROM articles"
    ).fetchall()
    for url, site, headline, body, source, categories in rows:
        names = json.loads(source or "[]")
        cats = json.loads(categories or "[]")
        _link_article(conn, url, site, cats, names, headline, body)


def source_key(name: str) -> str:
    return normalize_for_search(name)


def _link_article(
    conn: sqlite3.Connection,
    url: str,
    site: str,
    categories: list[dict[str, Any]],
    sources: list[str],
    headline: str | None,
    body: str | None,
) -> None:
    conn.execute("INSERT OR IGNORE INTO sites (name) VALUES (?)", (site,))
    conn.execute("DELETE FROM article_categories WHERE article_url = ?", (url,))
    for position, category in enumerate(categories):
        conn.execute(
            "INSERT INTO categories (site, name, url) VALUES (?, ?, ?) "
            "ON CONFLICT (site, name) DO UPDATE SET url = coalesce(excluded.url, url)",
            (site, category["name"], category.get("url")),
        )
        (category_id,) = conn.execute(
            "SELECT id FROM categories WHERE site = ? AND name = ?", (site, category["name"])
        ).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO article_categories VALUES (?, ?, ?)",
            (url, category_id, position),
        )
    conn.execute("DELETE FROM article_sources WHERE article_url = ?", (url,))
    for position, name in enumerate(sources):
        key = source_key(name)
        conn.execute("INSERT OR IGNORE INTO sources (key, name) VALUES (?, ?)", (key, name))
        (source_id,) = conn.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?)", (url, source_id, position)
        )
    conn.execute(
        # Same rowid as the article, so Datasette can search `articles` through articles_fts.
        "INSERT INTO articles_search (rowid, url, headline, body, source) "
        "SELECT rowid, ?, ?, ?, ? FROM articles WHERE url = ? "
        "ON CONFLICT (url) DO UPDATE SET headline = excluded.headline, "
        "body = excluded.body, source = excluded.source",
        (
            url,
            normalize_for_search(headline),
            normalize_for_search(body),
            normalize_for_search(" ".join(sources)),
            url,
        ),
    )


class Store:
    """Synchronous access to the database. Not thread-safe: one writer owns it."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite_utils.Database(str(path))
        self.conn: sqlite3.Connection = self.db.conn
        self.conn.isolation_level = None  # we open transactions ourselves
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.conn.execute("PRAGMA foreign_keys=ON")
        migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def write(self, record: Any) -> Any:
        if isinstance(record, ArticleRecord):
            return self._write_article(record)
        if isinstance(record, ListItemSighting):
            return self._write_sighting(record)
        if isinstance(record, SightingBatch):
            for sighting in record.sightings:
                self._write_sighting(sighting)
            return None
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
            results = [self.write(record) for record in records]
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return results

    def _write_article(self, record: ArticleRecord) -> str:
        """Insert, refresh or revise; return "new", "unchanged" or "changed"."""
        if record.post_id is not None:
            # The WordPress post id identifies the article across URL variants (?p=ID,
            # AMP, slashes, encodings): the first URL stored stays its identity.
            same_post = self.conn.execute(
                "SELECT url FROM articles WHERE site = ? AND post_id = ? AND url != ?",
                (record.site, record.post_id, record.url),
            ).fetchone()
            if same_post:
                record.provenance["url"] = f"post id {record.post_id}, seen as {record.url}"
                record.url = same_post[0]
        digest = content_hash(record)
        seen = record.reference_time
        previous = self.conn.execute(
            "SELECT content_hash, last_changed_at FROM articles WHERE url = ?", (record.url,)
        ).fetchone()
        if previous and previous[0] == digest:
            self.conn.execute(
                "UPDATE articles SET last_seen_at = max(last_seen_at, ?) WHERE url = ?",
                (seen, record.url),
            )
            return "unchanged"
        if previous:
            old = self.conn.execute(
                f"SELECT {', '.join(_CONTENT_FIELDS)} FROM articles WHERE url = ?", (record.url,)
            ).fetchone()
            self.conn.execute(
                "INSERT INTO article_revisions "
                "(article_url, content_hash, content, seen_from, seen_until) VALUES (?, ?, ?, ?, ?)",
                (
                    record.url,
                    previous[0],
                    _json(dict(zip(_CONTENT_FIELDS, old, strict=True))),
                    previous[1],
                    seen,
                ),
            )
        row = record.as_dict()
        category = row.pop("category") or {}
        row["category"] = category.get("name")
        row["category_url"] = category.get("url")
        for name in _JSON_FIELDS + _JSON_OBJECTS:
            row[name] = _json(row[name])
        if not record.source:
            row["source"] = None  # missing, with its reason in `missing`
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
        _link_article(
            self.conn,
            record.url,
            record.site,
            record.categories,
            record.source,
            record.headline,
            record.body,
        )
        return "changed" if previous else "new"

    def _write_sighting(self, item: ListItemSighting) -> None:
        row = item.as_dict()
        row["item_url"] = row.pop("url")
        self._insert_or_ignore("list_item_sightings", row)

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


@dataclass
class CrawlState:
    """What an incremental run needs to know from earlier runs."""

    known: set[str] = field(default_factory=set)  # article URLs already stored
    fetched: set[str] = field(default_factory=set)  # every page URL an earlier run processed
    # Recent articles to re-fetch: URL -> (ETag, Last-Modified) for a conditional request.
    recent: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def crawl_state(db_path: str | Path, site: str, recent_since: str) -> CrawlState:
    """Read the incremental state of `site` (read-only; an absent database is empty)."""
    state = CrawlState()
    if not Path(db_path).is_file():
        return state
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        if schema_version(conn) < SCHEMA_VERSION:
            conn.close()
            Store(db_path).close()  # upgrade first, so the queries below find their tables
            return crawl_state(db_path, site, recent_since)
        rows = conn.execute(
            "SELECT a.url, a.published_at >= ? OR a.published_at IS NULL, f.etag, "
            "f.last_modified FROM articles AS a LEFT JOIN fetch_state AS f ON f.url = a.url "
            "WHERE a.site = ?",
            (recent_since, site),
        )
        for url, recent, etag, last_modified in rows:
            state.known.add(url)
            if recent:
                state.recent[url] = (etag, last_modified)
        state.fetched = {url for (url,) in conn.execute("SELECT url FROM fetch_state")}
    return state
