"""Browse a database in Datasette: read-only, documented, Arabic search that works.

`browse(db_path)` serves the file read-only (SQLite's `mode=ro`, through an escaped URI, so
a crawl writing to it meanwhile shows up page by page; `immutable=1` only on a read-only
filesystem, where nothing can write to it), each query bounded in memory, with
`metadata()` (descriptions of every table, view and column, canned queries) and the
`scraper.store.datasette_plugin` plugin, which sends search input through the same Arabic
normalization as the full-text index and lays text out for Arabic readers, and the templates
in `datasette_templates/`: the articles page opens on a reader's view (headline, time,
category, source, decoded URL, opening words; every column one click away) with the search
box on the first screen. Datasette is an optional dependency:
`pip install 'arabic-news-scraper[browse]'`.
"""

from __future__ import annotations

import html
import re
import socket
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from scraper.store.connect import read_only_uri, sqlite_uri
from scraper.store.queries import QUARTER_HOUR_SQL, file_schema_names, search_index_outdated
from scraper.store.writer import Store

INSTALL_HINT = "pip install 'arabic-news-scraper[browse]'"
# The reader's page layout: the articles as a reader scans them, column descriptions below
# the search form (see scraper.store.datasette_plugin).
TEMPLATES = Path(__file__).with_name("datasette_templates")

# Bounds of one query, so that no query takes the machine's memory (`select zeroblob(1e9)`
# once took 6.1 GB): the longest string or blob SQLite may make or read (SQLITE_LIMIT_LENGTH;
# a stored page is at most DOWNLOAD_MAXSIZE, 16 MiB, so no stored value comes near it), the
# characters and bytes of values one query may hand to Datasette (its rows are held in
# memory while a page is made), and SQLite's own heap in a `scraper browse` process.
VALUE_LIMIT = 32 * 2**20
RESULT_LIMIT = 32 * 2**20
HEAP_LIMIT = 512 * 2**20
# Datasette's own bounds (its defaults, but for the time limit), written out so they are seen.
DATASETTE_SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 200,
    "num_sql_threads": 3,
    "max_csv_mb": 100,
}

_ARTICLE_COLUMNS = {
    "id": "Row id, stable; the full-text index and the link tables use it",
    "url": "Canonical URL (unique)",
    "site": "Site name, see sites",
    "post_id": "WordPress post id, when the page shows it",
    "headline": "Headline as published",
    "body": "Article text, paragraphs separated by blank lines",
    "source": "JSON array of attribution names from the source line (null: none found)",
    "source_raw": "The whole source line",
    "category": "Labelled (first) category",
    "category_url": "URL of the labelled category",
    "categories": 'JSON array of {"name", "url"}: all categories, labelled first',
    "published_at": (
        "Publication time, UTC, ISO 8601; with precision day, the start of the day's window "
        "(the site's midnight: 21:00Z the day before in Istanbul), so count days in the "
        "site's zone (local_day, the canned articles_per_day_per_category)"
    ),
    "published_raw": "The date string it was read from",
    "precision": "exact | minute | day | window: how precisely the page dates the article",
    "published_earliest": "Earliest publication time the page allows (UTC, inclusive)",
    "published_latest": "Latest publication time the page allows (UTC, inclusive)",
    "published_sources": "JSON array: the page's date sources that agreed",
    "date_conflicts": "JSON array: date sources outside the agreed window ('[]': none)",
    "modified_at": "Last-modified time the page declares, UTC",
    "author": "Author, when the page names one",
    "tags": "JSON array of tags",
    "image": "Lead image URL",
    "language": "Language the page declares",
    "fetched_url": "URL actually fetched (before canonicalization)",
    "reference_time": "HTTP Date (or fetch time) of the stored version; relative times count from it",
    "profile": "Extraction profile and version, e.g. zox@1",
    "extractor": "Extraction code version, e.g. scraper.extract@328",
    "provenance": "JSON object: field -> where its value came from",
    "missing": "JSON object: field -> why it is null",
    "content_hash": "SHA-256 of the content fields; a change makes a revision",
    "first_seen_at": "When the crawler first stored the article",
    "last_seen_at": "When the crawler last saw it",
    "last_changed_at": "When its content last changed",
    "archive_id": "The archived response it was read from (archive_records.id)",
}

_SIGHTING_COLUMNS = {
    "id": "Row id",
    "site": "Site name",
    "item_url": "The article the list item links to",
    "page_url": "The page the item was seen on",
    "widget": "Kind of list: more, tabber, archive, home, feed, sitemap, ...",
    "title": "Title the list shows",
    "category": "Category the list shows",
    "time_raw": "Time as shown, e.g. '11 ساعة ago'",
    "published_at": "Nominal publication time the string implies (UTC)",
    "earliest": "Earliest publication time the string allows (UTC, inclusive)",
    "latest": "Latest publication time the string allows (UTC, inclusive)",
    "reason": "Why there is no window, if there is none",
    "reference_time": "Render time of the page (HTTP Date); relative times count from it",
    "archive_id": "The archived page, feed or sitemap it was seen on (archive_records.id)",
}

_TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": (
            "One row per article (latest version). The search box matches Arabic spelling "
            "variants: hamza forms, ى/ي, ة/ه, vowel marks, tatweel, the article ال and "
            'proclitics (و ف ب ك ل); it takes "a phrase", OR, word* and -word.'
        ),
        "fts_table": "articles_fts",
        "fts_pk": "rowid",
        "sort_desc": "published_at",
        "label_column": "headline",
        "facets": ["site", "category"],
        "columns": _ARTICLE_COLUMNS,
    },
    "list_item_sightings": {
        "description": (
            "Every time an article was listed on another page (lists, widgets, feeds, "
            "sitemaps), with the publication window its displayed time implies."
        ),
        "sort_desc": "reference_time",
        "facets": ["widget"],
        "columns": _SIGHTING_COLUMNS,
    },
    "failures": {
        "description": "Pages that yielded nothing, and why.",
        "sort_desc": "time",
        "facets": ["stage"],
        "columns": {
            "id": "Row id",
            "site": "Site name",
            "url": "The page",
            "stage": (
                "download | http | extract | store | budget, or where code raised: callback:NAME, "
                "errback:NAME, spider-middleware:CLASS, downloader-middleware:CLASS, "
                "pipeline:MODULE"
            ),
            "reason": "What went wrong",
            "time": "When (UTC)",
            "run_id": "The crawl run, see crawl_runs",
        },
    },
    "sites": {
        "description": "Configured sites, with the configuration last used to crawl them.",
        "columns": {
            "name": "Site name",
            "title": "Site title",
            "profile": "Extraction profile",
            "timezone": "The site's time zone (IANA)",
            "config": "JSON: the site configuration last used",
        },
    },
    "categories": {
        "description": "Categories per site.",
        "label_column": "name",
        "columns": {
            "id": "Row id",
            "site": "Site name",
            "name": "Category name",
            "url": "Category page URL",
        },
    },
    "article_categories": {
        "description": (
            "Which categories each article is in, by ids (article_categories_named has "
            "URLs and names)."
        ),
        "columns": {
            "article_id": "The article (articles.id)",
            "category_id": "The category",
            "position": "0 = the labelled category",
        },
    },
    "sources": {
        "description": "Attribution names (news agencies, outlets) from source lines.",
        "label_column": "name",
        "columns": {
            "id": "Row id",
            "key": "Normalized name: spelling variants share one row",
            "name": "First spelling seen",
        },
    },
    "article_sources": {
        "description": (
            "Which sources each article credits, by ids (article_sources_named has URLs and names)."
        ),
        "columns": {
            "article_id": "The article (articles.id)",
            "source_id": "The source",
            "position": "Order on the source line",
        },
    },
    "article_revisions": {
        "description": (
            "Earlier versions of articles whose content changed (article_revisions_named "
            "has the article URLs)."
        ),
        "columns": {
            "id": "Row id",
            "article_id": "The article (articles.id)",
            "content_hash": "Hash of that version's content fields",
            "content": "JSON of that version's content fields",
            "seen_from": "When that version was first seen",
            "seen_until": "When a different version replaced it",
            "extractor": "Set when a re-extraction replaced it: the extractor version that did",
            "reextract_run": "The re-extraction run that replaced it (reextract_runs.id)",
        },
    },
    "reextract_runs": {
        "description": (
            "One row per scraper reextract run: today's extraction over the archived "
            "responses, its checkpoint (a killed run resumes after it) and its report."
        ),
        "sort_desc": "started_at",
        "columns": {
            "id": "Row id",
            "started_at": "Start (UTC)",
            "finished_at": "End (UTC); empty while running or after a kill",
            "extractor": "Extractor version applied, e.g. scraper.extract@328 (0.1.0)",
            "filters": "JSON: sites, since, url_like",
            "checkpoint": "Last archive record whose results committed",
            "report": "JSON: records changed per field, examples, skips by reason",
        },
    },
    "fetch_state": {
        "description": (
            "Every page a run processed, with the validators the server sent: incremental "
            "runs skip stored articles and re-fetch recent ones conditionally."
        ),
        "columns": {
            "url": "Canonical URL of the page",
            "status": "200, or 304 when the server said it had not changed",
            "etag": "ETag header, if any",
            "last_modified": "Last-Modified header, if any",
            "fetched_at": "The response's Date (or fetch time)",
            "archive_id": "The archived response of its latest fetch (archive_records.id)",
        },
    },
    "archive_records": {
        "description": (
            "Where each stored row's response is archived: a record in a gzipped WARC file "
            "(scraper show URL --raw prints it)."
        ),
        "columns": {
            "id": "Row id",
            "warc_file": "The WARC file, relative to the database's folder, or absolute",
            "warc_offset": "Byte offset of the response record's gzip member",
            "warc_length": "Its length in bytes",
            "url": "The page, as stored",
            "fetched_at": "The record's WARC-Date: the page's reference time",
            "status": "HTTP status, when known",
            "pruned_at": "When scraper prune-warc deleted the file (the row stays)",
        },
    },
    "crawl_runs": {
        "description": "One row per crawl run.",
        "sort_desc": "started_at",
        "columns": {
            "id": "Row id",
            "site": "Site crawled",
            "started_at": "Start (UTC)",
            "finished_at": "End (UTC)",
            "finish_reason": "Scrapy's finish reason",
            "exit_status": "Exit status: 0 ok, 1 unfinished, 3 drift, 4 failures, 5 nothing found",
            "settings": "JSON: crawl settings",
            "stats": "JSON: Scrapy and pipeline statistics",
            "uuid": "The run's identity across databases (scraper merge)",
        },
    },
    "schema_info": {
        "description": "Schema version and search-index state of this database.",
        "columns": {"key": "Setting", "value": "Value"},
    },
    "article_time_estimates": {
        "description": (
            "Publication window per article: the page's own window intersected with the "
            "windows of all its sightings. disagreement = 1 when they do not overlap."
        ),
        "columns": {
            "url": "The article",
            "published_at": "Publication time from the page (UTC)",
            "page_precision": "Precision of the page's date",
            "published_sources": "JSON array: the page's date sources that agreed",
            "page_earliest": "Window from the page: earliest",
            "page_latest": "Window from the page: latest",
            "sightings": "Number of sightings with a window",
            "sighting_kinds": "Kinds of list the sightings came from",
            "sightings_earliest": "Intersection of the sighting windows: earliest",
            "sightings_latest": "Intersection of the sighting windows: latest",
            "earliest": "Combined window: earliest",
            "latest": "Combined window: latest",
            "disagreement": "1 when the page and sighting windows do not overlap",
            "estimate": "Best estimate: published_at clamped into the combined window",
            "precision": "Precision of the estimate (exact when the window is one instant)",
        },
    },
    "article_categories_named": {
        "description": "Articles with each of their categories, by name.",
        "columns": {
            "url": "The article",
            "site": "Site name",
            "published_at": "Publication time (UTC)",
            "category": "Category name",
            "category_url": "Category page URL",
            "position": "0 = the labelled category",
        },
    },
    "article_sources_named": {
        "description": "Articles with each source they credit, by name.",
        "columns": {
            "url": "The article",
            "site": "Site name",
            "published_at": "Publication time (UTC)",
            "category": "Labelled category",
            "source": "Source name (first spelling seen)",
            "source_key": "Normalized source name",
            "position": "Order on the source line",
        },
    },
    "article_revisions_named": {
        "description": "Earlier versions of articles, with the article's URL.",
        "columns": {
            "id": "Revision id (article_revisions.id)",
            "url": "The article",
            "site": "Site name",
            "content_hash": "Hash of that version's content fields",
            "content": "JSON of that version's content fields",
            "seen_from": "When that version was first seen",
            "seen_until": "When a different version replaced it",
            "extractor": "Set when a re-extraction replaced it: the extractor version that did",
            "reextract_run": "The re-extraction run that replaced it (reextract_runs.id)",
        },
    },
    "articles_per_day": {
        "description": "Articles per site, labelled category and UTC day.",
        "columns": {
            "site": "Site name",
            "category": "Labelled category",
            "day": "UTC day of published_at (the site's own days: articles_per_day_per_category)",
            "articles": "Number of articles",
        },
    },
}

_HIDDEN = (
    "articles_fts",
    "articles_fts_data",
    "articles_fts_idx",
    "articles_fts_docsize",
    "articles_fts_config",
)

_QUERIES: dict[str, dict[str, str]] = {
    "search": {
        "title": "Search articles",
        "description": (
            "Full-text search with Arabic spelling variants folded, read as scraper search "
            'reads it (ar_search_query): all words must match; "a phrase", OR, word*, '
            "-word; best matches first."
        ),
        "sql": """\
SELECT a.published_at, a.headline, a.category, a.site, a.url,
       bm25(articles_fts, 4.0, 1.0, 2.0) AS rank
FROM articles_fts
JOIN articles AS a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH ar_search_query(:q)
ORDER BY rank
LIMIT 100""",
    },
    "articles_per_day_per_category": {
        "title": "Articles per day per category",
        "description": (
            "Articles per day in each category, the day in the site's own time zone "
            "(sites.timezone; UTC when unknown), as its pages print it; an article counts in "
            "each of its categories."
        ),
        # Grouped by UTC quarter hour first, so the zone is applied once per quarter hour
        # holding articles, not once per article.
        "sql": f"""\
SELECT local_day(q.quarter, s.timezone) AS day, q.site, q.category,
       sum(q.articles) AS articles
FROM (SELECT c.site, c.name AS category, {QUARTER_HOUR_SQL} AS quarter, count(*) AS articles
      FROM articles AS a
      JOIN article_categories AS ac ON ac.article_id = a.id
      JOIN categories AS c ON c.id = ac.category_id
      WHERE a.published_at IS NOT NULL
      GROUP BY c.site, c.name, quarter) AS q
LEFT JOIN sites AS s ON s.name = q.site
GROUP BY day, q.site, q.category
ORDER BY day DESC, articles DESC""",
    },
    "article_sightings": {
        "title": "All sightings of an article",
        "description": (
            "Every list, feed or sitemap entry that pointed to the article :url (as stored "
            "or as shown here, decoded)."
        ),
        "sql": """\
SELECT reference_time, widget, page_url, time_raw, published_at, earliest, latest,
       reason, title, category
FROM list_item_sightings
WHERE item_url IN (:url, stored_url(:url))
ORDER BY reference_time, widget, page_url""",
    },
    "sources_by_frequency": {
        "title": "Sources by frequency",
        "description": "Attribution names by the number of articles crediting them.",
        "sql": """\
SELECT s.name AS source, s.key, count(*) AS articles,
       min(a.published_at) AS first_published, max(a.published_at) AS last_published
FROM sources AS s
JOIN article_sources AS x ON x.source_id = s.id
JOIN articles AS a ON a.id = x.article_id
GROUP BY s.id
ORDER BY articles DESC, s.name""",
    },
    "date_disagreements": {
        "title": "Articles whose date sources disagree",
        "description": (
            "Articles with date sources on the page outside the agreed window "
            "(date_conflicts), or whose page window does not overlap their sightings' "
            "windows (disagreement = 1)."
        ),
        "sql": """\
SELECT a.published_at, a.headline, a.url, a.published_raw, a.published_sources,
       a.date_conflicts, e.disagreement, e.page_earliest, e.page_latest,
       e.sightings_earliest, e.sightings_latest, e.sighting_kinds
FROM articles AS a
JOIN article_time_estimates AS e ON e.url = a.url
WHERE coalesce(a.date_conflicts, '[]') NOT IN ('[]', 'null') OR e.disagreement = 1
ORDER BY a.published_at DESC""",
    },
}


# Arabic words, or variants written with a slash (ى/ي), inside an English sentence.
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+(?:/[\u0600-\u06ff]+)*")


def _isolate_arabic(text: str) -> str:
    """`text` as HTML, each Arabic run in <bdi>: in an English sentence, "ى/ي, ة/ه" would
    otherwise be drawn as one right-to-left run, the list's order reversed."""
    return _ARABIC_RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", html.escape(text, quote=False))


def metadata(database: str = "news") -> dict[str, Any]:
    """Datasette metadata for a database served under the name `database` (the file stem)."""
    tables: dict[str, dict[str, Any]] = {
        name: {**spec, "columns": dict(spec["columns"])} for name, spec in _TABLES.items()
    }
    for spec in tables.values():
        if _ARABIC_RUN.search(spec["description"]):
            spec["description_html"] = _isolate_arabic(spec["description"])
    tables.update({name: {"hidden": True} for name in _HIDDEN})
    return {
        "title": "Arabic news archive",
        "description": (
            "Articles, list sightings and crawl records collected by arabic-news-scraper "
            "from Arabic WordPress news sites. Times are UTC. Served read-only."
        ),
        "source": "arabic-news-scraper",
        "source_url": "https://example.org/arabic-news-scraper",
        "license": "Article texts belong to their publishers; scraper code MIT",
        "databases": {
            database: {
                "description": "Crawled articles and how they were dated.",
                "tables": tables,
                "queries": {name: dict(query) for name, query in _QUERIES.items()},
            }
        },
    }


def _check_database(path: Path) -> str | None:
    """Why the file cannot be browsed, or None."""
    if not path.is_file():
        return f"no such database: {path}"
    try:
        names = file_schema_names(path)
    except sqlite3.Error as exc:
        return f"cannot open {path} as SQLite: {exc}"
    if "articles" not in names:
        return f"{path} is not an arabic-news-scraper database (no articles table)"
    if "articles_fts" not in names:
        return (
            f"{path} has an older schema without the search index; upgrade it first "
            "(opening it with scraper.store.Store, e.g. by crawling into it, migrates it)"
        )
    return None


class ResultTooLarge(sqlite3.DataError):
    """A query whose rows hold more than RESULT_LIMIT characters and bytes of values, or
    that needed more than SQLite's heap limit."""


_OUT_OF_MEMORY = (
    f"query too large: it needed more than SQLite's {HEAP_LIMIT // 2**20} MiB memory limit"
)


class _BoundedCursor(sqlite3.Cursor):
    """A cursor that stops a query once its rows hold more than RESULT_LIMIT, and that
    reports SQLite's heap limit as an SQL error (Datasette shows those; a MemoryError
    would be a bare 500)."""

    _taken = 0

    def execute(self, sql: str, parameters: Any = (), /) -> _BoundedCursor:
        self._taken = 0
        try:
            return super().execute(sql, parameters)
        except MemoryError:
            raise ResultTooLarge(_OUT_OF_MEMORY) from None

    def _counted(self, row: Any) -> Any:
        if row is not None:
            self._taken += sum(len(value) for value in row if isinstance(value, str | bytes))
            if self._taken > RESULT_LIMIT:
                raise ResultTooLarge(
                    f"result too large: its rows hold more than {RESULT_LIMIT // 2**20} MiB "
                    "of text and blobs; select fewer rows or columns"
                )
        return row

    def fetchone(self) -> Any:
        try:
            row = super().fetchone()
        except MemoryError:
            raise ResultTooLarge(_OUT_OF_MEMORY) from None
        return self._counted(row)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        rows = []
        for _ in range(self.arraysize if size is None else size):
            row = self.fetchone()
            if row is None:
                break
            rows.append(row)
        return rows

    def fetchall(self) -> list[Any]:
        return list(iter(self.fetchone, None))

    def __next__(self) -> Any:
        try:
            row = super().__next__()
        except MemoryError:
            raise ResultTooLarge(_OUT_OF_MEMORY) from None
        return self._counted(row)


class _BoundedConnection(sqlite3.Connection):
    def cursor(self, factory: type[sqlite3.Cursor] = _BoundedCursor) -> sqlite3.Cursor:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)


def bounded_connection(path: str | Path, *, immutable: bool) -> sqlite3.Connection:
    """A read-only connection to `path` for Datasette, under VALUE_LIMIT and RESULT_LIMIT."""
    conn = sqlite3.connect(
        sqlite_uri(path, read_only=True, immutable=immutable),
        uri=True,
        check_same_thread=False,  # Datasette's threads take turns on it
        factory=_BoundedConnection,
    )
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)
    return conn


def _database(ds: Any, path: str, *, immutable: bool) -> Any:
    """Datasette's Database for `path`, connecting through `bounded_connection()`
    (Datasette's own puts the path into the URI unescaped)."""
    from datasette.database import Database

    class ReadOnlyDatabase(Database):
        def connect(self, write: bool = False) -> sqlite3.Connection:
            # Even a write connection is read-only: SQLite refuses every write.
            conn = bounded_connection(self.path, immutable=not self.is_mutable)
            self._all_file_connections.append(conn)
            return conn

    return ReadOnlyDatabase(ds, path, is_mutable=not immutable)


def create_app(
    db_path: str | Path, settings: dict[str, Any] | None = None, *, immutable: bool | None = None
) -> Any:
    """A Datasette instance serving `db_path` read-only, with our metadata and plugin.

    Served `mode=ro` (each request reads the latest commit), or `immutable=1` where SQLite
    cannot keep a WAL index beside the file (`immutable=None`: decided by opening it)."""
    from datasette.app import Datasette

    from scraper.store import datasette_plugin

    datasette_plugin.register()
    path = str(Path(db_path))
    if immutable is None:
        immutable = "immutable=1" in read_only_uri(path)
    name = Path(path).stem
    ds = Datasette(
        metadata=metadata(name),
        settings={**DATASETTE_SETTINGS, **(settings or {})},
        template_dir=str(TEMPLATES),
    )
    ds.remove_database("_memory")  # Datasette adds it when given no file
    ds.add_database(_database(ds, path, immutable=immutable), name=name)
    return ds


def browse(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Serve `db_path` read-only in Datasette until Ctrl-C; 2 (with a message) on errors."""
    try:
        import uvicorn
        from datasette.app import Datasette  # noqa: F401  (is it installed?)
    except ImportError:
        print(f"scraper browse: error: Datasette is not installed: {INSTALL_HINT}", file=sys.stderr)
        return 2
    path = Path(db_path)
    problem = _check_database(path)
    if problem:
        print(f"scraper browse: error: {problem}", file=sys.stderr)
        return 2
    immutable = "immutable=1" in read_only_uri(path)
    if search_index_outdated(path):  # browse cannot write: the index is rebuilt first
        print(
            f"scraper browse: upgrading the search index of {path} (an older version built it) "
            "first",
            file=sys.stderr,
        )
        Store(path).close()
    if immutable:
        print(
            f"scraper browse: {path.parent} is read-only: serving {path.name} immutable "
            "(nothing can write to it there)",
            file=sys.stderr,
        )
    ds = create_app(path, immutable=immutable)  # Datasette starts on the first request
    # SQLite's heap is bounded for the whole server process (the pragma is process-wide).
    with closing(sqlite3.connect(":memory:")) as limits:
        limits.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT}")
    # Bind first: the URL printed is one that answers, with the port --port 0 picked.
    try:
        listener = socket.create_server((host, port))
    except OSError as exc:
        print(
            f"scraper browse: error: cannot serve on {host}:{port} ({exc.strerror or exc})",
            file=sys.stderr,
        )
        return 2
    bound_port = listener.getsockname()[1]
    print(
        f"Browsing {path} read-only at http://{host}:{bound_port}/{ds.get_database().name} "
        "(Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(uvicorn.Config(ds.app(), log_level="warning", lifespan="on"))
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    return 0
