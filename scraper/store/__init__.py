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
from contextlib import closing, suppress
from dataclasses import dataclass, field, fields
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
from scraper.text import SEARCH_NORMALIZATION, normalize_for_search

SCHEMA_VERSION = 5

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

# Version 4: a search index without a second copy of the text, and leaner link tables.
SCHEMA_V4 = """
-- The normalized text was stored twice per article (in articles_search, beside the index
-- FTS5 builds from it). articles_fts is now contentless: the store indexes
-- normalize_for_search text itself, and to replace an article's entry it normalizes the
-- previous version again (the articles row keeps it until the update). articles_search
-- keeps only the rowid-to-URL mapping of the indexed articles, which queries and Datasette
-- join through. The store writes both (a trigger on every article insert would cost a
-- statement journal per insert).
DROP TRIGGER articles_search_ai;
DROP TRIGGER articles_search_ad;
DROP TRIGGER articles_search_au;
DROP TABLE articles_fts;
DROP TABLE articles_search;
CREATE VIRTUAL TABLE articles_fts USING fts5 (headline, body, source, content = '');
CREATE TABLE articles_search (
    rowid INTEGER PRIMARY KEY,                -- articles.id, the articles_fts rowid
    url   TEXT NOT NULL                       -- articles.url
);

-- Link tables keyed by their primary key alone (WITHOUT ROWID): the URL is stored once,
-- not in the table and again in its key index. Links of vanished articles are not copied.
DROP VIEW article_sources_named;
CREATE TABLE article_categories_v4 (
    article_url TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    position    INTEGER NOT NULL,             -- 0 = the labelled category
    PRIMARY KEY (article_url, category_id)
) WITHOUT ROWID;
INSERT INTO article_categories_v4 (article_url, category_id, position)
    SELECT article_url, category_id, position FROM article_categories
    WHERE article_url IN (SELECT url FROM articles);
DROP TABLE article_categories;
ALTER TABLE article_categories_v4 RENAME TO article_categories;
CREATE INDEX article_categories_category ON article_categories (category_id);
CREATE TABLE article_sources_v4 (
    article_url TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (article_url, source_id)
) WITHOUT ROWID;
INSERT INTO article_sources_v4 (article_url, source_id, position)
    SELECT article_url, source_id, position FROM article_sources
    WHERE article_url IN (SELECT url FROM articles);
DROP TABLE article_sources;
ALTER TABLE article_sources_v4 RENAME TO article_sources;
CREATE INDEX article_sources_source ON article_sources (source_id);
CREATE VIEW article_sources_named AS
SELECT a.url, a.site, a.published_at, a.category, s.name AS source, s.key AS source_key
FROM articles AS a
JOIN article_sources AS x ON x.article_url = a.url
JOIN sources AS s ON s.id = x.source_id;

-- An article deleted in SQL (any client, foreign keys on or off) takes its links with it
-- and marks the search index for a rebuild: only the store can normalize text, and a
-- contentless index cannot drop a row without it. The store rebuilds before its next write
-- (until then searches skip the deleted rows: they join articles).
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM article_categories WHERE article_url = old.url;
    DELETE FROM article_sources WHERE article_url = old.url;
    UPDATE schema_info SET value = 'stale: articles deleted' WHERE key = 'search_index';
END;
"""

# Version 5: side tables keyed by the article's integer id, not its URL.
SCHEMA_V5 = """
-- A new article's links now append to their tables' B-trees (ids grow) instead of landing
-- on random pages of URL-ordered ones: at 250,000 articles the URL keys made each commit
-- rewrite pages all over the link tables. The *_named views give the joins with URLs and
-- names. Links and revisions of vanished articles are not copied: ids may be reused.
DROP TRIGGER articles_ad;
DROP VIEW article_sources_named;
CREATE TABLE article_categories_v5 (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    position    INTEGER NOT NULL,             -- 0 = the labelled category
    PRIMARY KEY (article_id, category_id)
) WITHOUT ROWID;
INSERT INTO article_categories_v5 (article_id, category_id, position)
    SELECT a.id, x.category_id, x.position
    FROM article_categories AS x JOIN articles AS a ON a.url = x.article_url;
DROP TABLE article_categories;
ALTER TABLE article_categories_v5 RENAME TO article_categories;
CREATE INDEX article_categories_category ON article_categories (category_id);
CREATE TABLE article_sources_v5 (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    position   INTEGER NOT NULL,              -- order on the source line
    PRIMARY KEY (article_id, source_id)
) WITHOUT ROWID;
INSERT INTO article_sources_v5 (article_id, source_id, position)
    SELECT a.id, x.source_id, x.position
    FROM article_sources AS x JOIN articles AS a ON a.url = x.article_url;
DROP TABLE article_sources;
ALTER TABLE article_sources_v5 RENAME TO article_sources;
CREATE INDEX article_sources_source ON article_sources (source_id);
CREATE TABLE article_revisions_v5 (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    content      TEXT NOT NULL,               -- JSON of the content fields of that version
    seen_from    TEXT NOT NULL,               -- when that version was first seen
    seen_until   TEXT NOT NULL                -- when a different version replaced it
);
INSERT INTO article_revisions_v5 (id, article_id, content_hash, content, seen_from, seen_until)
    SELECT r.id, a.id, r.content_hash, r.content, r.seen_from, r.seen_until
    FROM article_revisions AS r JOIN articles AS a ON a.url = r.article_url;
DROP TABLE article_revisions;
ALTER TABLE article_revisions_v5 RENAME TO article_revisions;
CREATE INDEX article_revisions_article ON article_revisions (article_id);

-- The FTS rowid is the article id, so the rowid-to-URL table was a copy of articles' own
-- columns; whether an article is in the index is in the index itself (articles_fts_docsize).
DROP TABLE articles_search;

CREATE VIEW article_categories_named AS
SELECT a.url, a.site, a.published_at, c.name AS category, c.url AS category_url, x.position
FROM articles AS a
JOIN article_categories AS x ON x.article_id = a.id
JOIN categories AS c ON c.id = x.category_id;
CREATE VIEW article_sources_named AS
SELECT a.url, a.site, a.published_at, a.category, s.name AS source, s.key AS source_key,
       x.position
FROM articles AS a
JOIN article_sources AS x ON x.article_id = a.id
JOIN sources AS s ON s.id = x.source_id;
CREATE VIEW article_revisions_named AS
SELECT r.id, a.url, a.site, r.content_hash, r.content, r.seen_from, r.seen_until
FROM article_revisions AS r
JOIN articles AS a ON a.id = r.article_id;

-- An article deleted in SQL (any client, foreign keys on or off) takes its links and
-- revisions with it (a later article may get its id) and marks the search index for a
-- rebuild: only the store can normalize text, and a contentless index cannot drop a row
-- without it. The store rebuilds before its next write (until then searches skip the
-- deleted rows: they join articles).
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM article_categories WHERE article_id = old.id;
    DELETE FROM article_sources WHERE article_id = old.id;
    DELETE FROM article_revisions WHERE article_id = old.id;
    UPDATE schema_info SET value = 'stale: articles deleted' WHERE key = 'search_index';
END;
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
_INSERT_FTS = "INSERT INTO articles_fts (rowid, headline, body, source) VALUES (?, ?, ?, ?)"
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


def search_text(headline: str | None, body: str | None, sources: list[str]) -> tuple[str, str, str]:
    """What articles_fts indexes for an article: its headline, body and source names,
    normalized. Deleting the entry needs exactly these values again."""
    return (
        normalize_for_search(headline),
        normalize_for_search(body),
        normalize_for_search(" ".join(sources)),
    )


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
        if found < 4:
            for statement in _statements(SCHEMA_V4):
                conn.execute(statement)
            rebuild_search_index(conn)
        if found < 5:
            for statement in _statements(SCHEMA_V5):
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
    """Give version-1 articles their sites, categories and sources, in the version-2 link
    tables (keyed by URL; the version-5 step rekeys them; the version-4 step builds the
    search index)."""
    rows = conn.execute("SELECT url, site, source, categories FROM articles").fetchall()
    links = _Links(conn)
    for url, site, source, categories in rows:
        links.add_site(site)
        for position, category in enumerate(json.loads(categories or "[]")):
            category_id = links.category_id(site, category["name"], category.get("url"))
            conn.execute(
                "INSERT OR IGNORE INTO article_categories (article_url, category_id, position) "
                "VALUES (?, ?, ?)",
                (url, category_id, position),
            )
        for position, name in enumerate(json.loads(source or "[]")):
            conn.execute(
                "INSERT OR IGNORE INTO article_sources (article_url, source_id, position) "
                "VALUES (?, ?, ?)",
                (url, links.source_id(name), position),
            )


def rebuild_search_index(conn: sqlite3.Connection, chunk: int = 2000) -> int:
    """Index every article again (inside the caller's transaction); return how many.

    Needed when the index cannot be kept in step row by row: on migration, after articles
    were deleted in SQL, or when the normalization changed (SEARCH_NORMALIZATION)."""
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    rows = conn.execute("SELECT id, headline, body, source FROM articles ORDER BY id")
    indexed = 0
    while batch := rows.fetchmany(chunk):
        conn.executemany(
            _INSERT_FTS,
            [
                (id_, *search_text(headline, body, json.loads(source or "[]")))
                for id_, headline, body, source in batch
            ],
        )
        indexed += len(batch)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
    conn.execute(
        "INSERT OR REPLACE INTO schema_info (key, value) VALUES ('search_index', ?)",
        (SEARCH_NORMALIZATION,),
    )
    return indexed


def source_key(name: str) -> str:
    return normalize_for_search(name)


class _Links:
    """An article's sites, categories and sources rows, with the ids looked up once per
    connection (they are few and never deleted). Drop the object after a rollback."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.sites: set[str] = set()
        self.categories: dict[tuple[str, str], tuple[int, str | None]] = {}
        self.sources: dict[str, int] = {}

    def add_site(self, site: str) -> None:
        if site not in self.sites:
            self.conn.execute("INSERT OR IGNORE INTO sites (name) VALUES (?)", (site,))
            self.sites.add(site)

    def link(
        self,
        article_id: int,
        site: str,
        categories: list[dict[str, Any]],
        sources: list[str],
        *,
        replace: bool = True,
    ) -> None:
        """Link the article to its categories and sources; `replace` drops earlier links
        first (a new article has none: the delete trigger removes links with articles)."""
        conn = self.conn
        self.add_site(site)
        if replace:
            conn.execute("DELETE FROM article_categories WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM article_sources WHERE article_id = ?", (article_id,))
        if categories:
            conn.executemany(
                "INSERT OR IGNORE INTO article_categories (article_id, category_id, position) "
                "VALUES (?, ?, ?)",
                [
                    (article_id, self.category_id(site, c["name"], c.get("url")), position)
                    for position, c in enumerate(categories)
                ],
            )
        if sources:
            conn.executemany(
                "INSERT OR IGNORE INTO article_sources (article_id, source_id, position) "
                "VALUES (?, ?, ?)",
                [
                    (article_id, self.source_id(name), position)
                    for position, name in enumerate(sources)
                ],
            )

    def category_id(self, site: str, name: str, url: str | None) -> int:
        known = self.categories.get((site, name))
        if known is not None and (url is None or url == known[1]):
            return known[0]
        self.conn.execute(
            "INSERT INTO categories (site, name, url) VALUES (?, ?, ?) "
            "ON CONFLICT (site, name) DO UPDATE SET url = coalesce(excluded.url, url)",
            (site, name, url),
        )
        category_id, stored_url = self.conn.execute(
            "SELECT id, url FROM categories WHERE site = ? AND name = ?", (site, name)
        ).fetchone()
        self.categories[(site, name)] = (category_id, stored_url)
        return category_id

    def source_id(self, name: str) -> int:
        key = source_key(name)
        source_id = self.sources.get(key)
        if source_id is None:
            self.conn.execute(
                "INSERT OR IGNORE INTO sources (key, name) VALUES (?, ?)", (key, name)
            )
            (source_id,) = self.conn.execute(
                "SELECT id FROM sources WHERE key = ?", (key,)
            ).fetchone()
            self.sources[key] = source_id
        return source_id


_INSERT_SIGHTING = (
    "INSERT OR IGNORE INTO list_item_sightings (item_url, site, page_url, reference_time, "
    "widget, title, category, time_raw, published_at, earliest, latest, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


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
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA busy_timeout=10000")
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
        """Insert, refresh or revise; return "new", "unchanged" or "changed"."""
        conn = self.conn
        if record.post_id is not None:
            # The WordPress post id identifies the article across URL variants (?p=ID,
            # AMP, slashes, encodings): the first URL stored stays its identity.
            same_post = conn.execute(
                "SELECT url FROM articles WHERE site = ? AND post_id = ? AND url != ?",
                (record.site, record.post_id, record.url),
            ).fetchone()
            if same_post:
                record.provenance["url"] = f"post id {record.post_id}, seen as {record.url}"
                record.url = same_post[0]
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
        values = _article_values(record, digest, seen)
        if previous:
            article_id = previous[0]
            old = conn.execute(
                f"SELECT {', '.join(_CONTENT_FIELDS)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            old_content = dict(zip(_CONTENT_FIELDS, old, strict=True))
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


def earlier_monitor_counts(
    db_path: str | Path, site: str, since: str, articles_wanted: int
) -> dict[str, int]:
    """The monitor's counters (`monitor/...` stats) of the site's finished runs started at
    or after `since`, summed newest first until they hold `articles_wanted` articles, with
    `runs` = how many runs were summed. Read-only; no database or no such runs: {}."""
    counts: dict[str, int] = {}
    if articles_wanted <= 0 or not Path(db_path).is_file():
        return counts
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        try:
            rows = conn.execute(
                "SELECT stats FROM crawl_runs WHERE site = ? AND finished_at IS NOT NULL "
                "AND started_at >= ? ORDER BY id DESC",
                (site, since),
            )
            for (text,) in rows:
                try:
                    stats = json.loads(text or "{}")
                except ValueError:
                    continue  # one damaged row is not worth the verdict
                articles = stats.get("monitor/articles") if isinstance(stats, dict) else None
                if not isinstance(articles, int) or articles <= 0:
                    continue
                counts["runs"] = counts.get("runs", 0) + 1
                for key, value in stats.items():
                    name = key.removeprefix("monitor/")
                    counted = name in ("articles", "list_items") or name.startswith("present/")
                    if counted and key != name and type(value) is int:
                        counts[name] = counts.get(name, 0) + value
                if counts["articles"] >= articles_wanted:
                    break
        except sqlite3.Error:
            return {}
    return counts
