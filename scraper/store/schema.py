"""The database's layout: the schema scripts of every version, and the in-place migrations.

`SCHEMA_V1` to `SCHEMA_V7` are frozen: a database of any earlier version is brought to
`SCHEMA_VERSION` by running the later scripts in order (`migrate`). The link tables' id
lookups (`_Links`) and the search index's text (`search_text`, `rebuild_search_index`) live
here too: migrations fill them, and the writer (`scraper.store.writer`) reuses them.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from scraper.text import SEARCH_NORMALIZATION, name_key, normalize_for_search

SCHEMA_VERSION = 7
# The tables a database at SCHEMA_VERSION holds (FTS5's own shadow tables aside): a database
# lacking one was damaged by hand (tests/test_schema_docs.py checks it against migrate()).
CURRENT_TABLES = frozenset(
    {
        "archive_records",
        "article_categories",
        "article_revisions",
        "article_sources",
        "articles",
        "articles_fts",
        "categories",
        "crawl_runs",
        "failures",
        "fetch_state",
        "list_item_sightings",
        "reextract_runs",
        "schema_info",
        "sites",
        "sources",
    }
)

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
    -- reference_time: render time of the page (HTTP Date). The comment stands above the
    -- last column: SQLite writes a column added later right after it, before its comment.
    reference_time TEXT NOT NULL,
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

# Version 6: every run has a UUID, its identity across databases: `scraper merge` appends
# a shard's runs (and their failures) to a central database once, however often it is merged.
# The migration gives existing runs one each (`_backfill_v6`); the writer gives new ones theirs.
SCHEMA_V6 = """
ALTER TABLE crawl_runs ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX crawl_runs_uuid ON crawl_runs (uuid);
"""

# Version 7: provenance. Every stored article, sighting and fetch state names the archived
# response (a WARC record) it came from; `scraper prune-warc` marks records whose file it
# deleted (the rows stay).
SCHEMA_V7 = """
CREATE TABLE archive_records (
    id          INTEGER PRIMARY KEY,
    warc_file   TEXT NOT NULL,                -- relative to the database's folder, or absolute
    warc_offset INTEGER NOT NULL,             -- byte offset of the response record's gzip member
    warc_length INTEGER NOT NULL,             -- its length in bytes
    url         TEXT NOT NULL,                -- the page, as the store spells it
    fetched_at  TEXT NOT NULL,                -- the record's WARC-Date: the reference time
    status      INTEGER,                      -- HTTP status (NULL: not known)
    pruned_at   TEXT,                         -- when prune-warc deleted the file
    UNIQUE (warc_file, warc_offset)
);
CREATE INDEX archive_records_url ON archive_records (url);
ALTER TABLE articles ADD COLUMN archive_id INTEGER REFERENCES archive_records (id);
ALTER TABLE list_item_sightings ADD COLUMN archive_id INTEGER REFERENCES archive_records (id);
ALTER TABLE fetch_state ADD COLUMN archive_id INTEGER REFERENCES archive_records (id);

-- Re-extraction (`scraper reextract`, issue 18 item 2): each run with its filters, the
-- extractor version it applied, its checkpoint (a killed run resumes after the last
-- archive record whose results committed) and its report; a revision it wrote names the
-- extractor version and the run. The index finds the article an archive record gave.
CREATE TABLE reextract_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,                         -- NULL: running, or killed (resumable)
    extractor   TEXT NOT NULL,                -- extractor version, e.g. scraper.extract@5 (0.1.0)
    filters     TEXT NOT NULL,                -- JSON: sites, since, url_like
    checkpoint  INTEGER NOT NULL DEFAULT 0,   -- last archive_records id whose results committed
    report      TEXT NOT NULL DEFAULT '{}'    -- JSON: counts per field, examples, skips
);
ALTER TABLE article_revisions ADD COLUMN extractor TEXT;  -- set when a re-extraction replaced it
ALTER TABLE article_revisions ADD COLUMN reextract_run INTEGER;  -- reextract_runs.id
CREATE INDEX articles_archive ON articles (archive_id);
-- The named view shows which extractor replaced a version.
DROP VIEW article_revisions_named;
CREATE VIEW article_revisions_named AS
SELECT r.id, a.url, a.site, r.content_hash, r.content, r.seen_from, r.seen_until, r.extractor,
       r.reextract_run
FROM article_revisions AS r
JOIN articles AS a ON a.id = r.article_id;
"""

_INSERT_FTS = "INSERT INTO articles_fts (rowid, headline, body, source) VALUES (?, ?, ?, ?)"


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
    """Bring the database to SCHEMA_VERSION in place; return the version it had.

    The version that decides what to run is read under the write lock: two processes
    opening a fresh database at once would otherwise both see version 0, and the second
    would create tables the first had just made."""
    found = schema_version(conn)  # the common case, without a lock: nothing to do
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"this database has schema version {found}, newer than the {SCHEMA_VERSION} "
                "this version of arabic-news-scraper knows: upgrade the project to open it"
            )
        if found == SCHEMA_VERSION:  # another process upgraded it while we waited
            conn.execute("COMMIT")
            return found
        # Each version's script in order, then what fills its new tables or columns.
        steps = (
            (1, SCHEMA_V1, None),
            (2, SCHEMA_V2, _backfill_v2),
            (3, SCHEMA_V3, None),
            (4, SCHEMA_V4, rebuild_search_index),
            (5, SCHEMA_V5, None),
            (6, SCHEMA_V6, _backfill_v6),
            (7, SCHEMA_V7, None),
        )
        for version, script, fill in steps:
            if found >= version:
                continue
            for statement in _statements(script):
                conn.execute(statement)
            if fill is not None:
                fill(conn)
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


# The namespace of the UUIDs the migration derives for runs written before version 6.
_RUN_NAMESPACE = uuid.UUID("5f0c2f4e-2b8e-4d1a-9c53-6a1e0d7f8b21")


def _backfill_v6(conn: sqlite3.Connection) -> None:
    """Give every existing run its UUID, derived from the run's own columns: a shard of
    an older version migrated on a temporary copy at every merge gets the same UUIDs each
    time (and the same ones it gets when migrated in place), so it is merged once."""
    rows = conn.execute(
        "SELECT id, site, started_at, finished_at, settings, stats FROM crawl_runs "
        "WHERE uuid IS NULL"
    ).fetchall()
    conn.executemany(
        "UPDATE crawl_runs SET uuid = ? WHERE id = ?",
        [(str(uuid.uuid5(_RUN_NAMESPACE, json.dumps(row))), row[0]) for row in rows],
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


_INSERT_ARTICLE_CATEGORY = (
    "INSERT OR IGNORE INTO article_categories (article_id, category_id, position) VALUES (?, ?, ?)"
)
_INSERT_ARTICLE_SOURCE = (
    "INSERT OR IGNORE INTO article_sources (article_id, source_id, position) VALUES (?, ?, ?)"
)


def source_key(name: str) -> str:
    # Not the search normalization: keys are stored, so their rule never changes.
    return name_key(name)


class _Links:
    """An article's sites, categories and sources rows, with the ids looked up once per
    connection (they are few and never deleted). Drop the object after a rollback.

    `defer`: a new article's link rows wait in memory and are written by `flush()` (which
    the owner calls before its transaction commits), one statement per table for the
    whole transaction instead of two per article. Relinking an article (`replace`)
    writes what waits first, so its old rows are never written after its new ones."""

    def __init__(self, conn: sqlite3.Connection, defer: bool = False) -> None:
        self.conn = conn
        self.defer = defer
        self.sites: set[str] = set()
        self.categories: dict[tuple[str, str], tuple[int, str | None]] = {}
        self.sources: dict[str, int] = {}
        # Source ids by the name as written too: the key costs a normalization per call.
        self.source_names: dict[str, int] = {}
        self._category_rows: list[tuple[int, int, int]] = []
        self._source_rows: list[tuple[int, int, int]] = []

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
            self.flush()
            conn.execute("DELETE FROM article_categories WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM article_sources WHERE article_id = ?", (article_id,))
        category_rows = [
            (article_id, self.category_id(site, c["name"], c.get("url")), position)
            for position, c in enumerate(categories)
        ]
        source_rows = [
            (article_id, self.source_id(name), position) for position, name in enumerate(sources)
        ]
        self._category_rows += category_rows
        self._source_rows += source_rows
        if replace or not self.defer:
            self.flush()

    def flush(self) -> None:
        """Write the link rows that wait (`defer`)."""
        if self._category_rows:
            self.conn.executemany(_INSERT_ARTICLE_CATEGORY, self._category_rows)
            self._category_rows = []
        if self._source_rows:
            self.conn.executemany(_INSERT_ARTICLE_SOURCE, self._source_rows)
            self._source_rows = []

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
        known = self.source_names.get(name)
        if known is not None:
            return known
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
        self.source_names[name] = source_id
        return source_id
