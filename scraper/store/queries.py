"""Every read query of the project: plain functions over a connection or a database path.

The spider's incremental state, the monitor's earlier counts, the run report's queries, the
summary, statistics and field coverage, the export rows and their filters, the full-text
search query, and the checks that a database has the tables a command needs. Each returns
plain data (tuples, dicts, sets); the callers format it. (The writer's own reads, inside its
transactions, stay in `scraper.store.writer`; Datasette's canned queries stay with their
descriptions in `scraper.store.browse`.)
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scraper.store.connect import open_read_only
from scraper.store.schema import SCHEMA_VERSION, schema_version
from scraper.store.writer import Store
from scraper.text import SEARCH_NORMALIZATION

if TYPE_CHECKING:
    import sqlite_utils

# ---------------------------------------------------------------------------------------------
# Incremental crawls (the spider) and earlier runs (the monitor)


@dataclass
class CrawlState:
    """What an incremental run needs to know from earlier runs."""

    known: set[str] = field(default_factory=set)  # article URLs already stored
    fetched: set[str] = field(default_factory=set)  # every page URL an earlier run processed
    # Recent articles to re-fetch: URL -> (ETag, Last-Modified) for a conditional request.
    recent: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def including(self, other: CrawlState) -> CrawlState:
        """What either state knows. Where both hold validators of a recent article, this
        state's stay (the shard's own fetch is the later one)."""
        return CrawlState(
            known=self.known | other.known,
            fetched=self.fetched | other.fetched,
            recent={**other.recent, **self.recent},
        )


def crawl_state(
    db_path: str | Path, site: str, recent_since: str, state_db: str | Path | None = None
) -> CrawlState:
    """Read the incremental state of `site` (read-only; an absent database is empty), and
    with `state_db` (a central database, see `central_crawl_state`) what that holds too."""
    state = CrawlState()
    if Path(db_path).is_file():
        conn = read_only(db_path)
        try:
            if schema_version(conn) < SCHEMA_VERSION:
                conn.close()
                Store(db_path).close()  # upgrade first, so the queries below find their tables
                conn = read_only(db_path)
            state = _read_crawl_state(conn, site, recent_since)
        finally:
            conn.close()
    if state_db is not None:
        state = state.including(central_crawl_state(state_db, site, recent_since))
    return state


class StateDatabaseError(ValueError):
    """The central database of a crawl (SCRAPER_STATE_DB) cannot be read; names it."""


def central_crawl_state(db_path: str | Path, site: str, recent_since: str) -> CrawlState:
    """The incremental state of `site` in a central database another process may be merging
    into: never written (an older schema is read as it is), read as one snapshot. A missing
    file, or one that is no database of this project or has a newer schema:
    StateDatabaseError."""
    if not Path(db_path).is_file():
        raise StateDatabaseError(f"no database at {db_path}")
    try:
        with closing(read_only(db_path)) as conn:
            version = schema_version(conn)
            if version > SCHEMA_VERSION:
                raise StateDatabaseError(
                    f"{db_path} has schema version {version}, newer than the "
                    f"{SCHEMA_VERSION} this version knows: upgrade the project to read it"
                )
            if not has_table(conn, "articles"):
                raise StateDatabaseError(
                    f"{db_path} is not a database of this project (no articles table)"
                )
            return _read_crawl_state(conn, site, recent_since)
    except sqlite3.Error as exc:
        raise StateDatabaseError(f"{db_path} cannot be read as SQLite ({exc})") from None


def _read_crawl_state(conn: sqlite3.Connection, site: str, recent_since: str) -> CrawlState:
    """The state as one snapshot: a merge committing between the two queries would
    otherwise show its fetched pages without their articles (WAL readers keep the
    snapshot their read transaction began with)."""
    state = CrawlState()
    conn.isolation_level = None  # the transaction below is ours
    conn.execute("BEGIN")
    try:
        # Version 1 and 2 databases (read as they are only when central) have no validators.
        validators = has_table(conn, "fetch_state")
        if validators:
            query = (
                "SELECT a.url, a.published_at >= ? OR a.published_at IS NULL, f.etag, "
                "f.last_modified FROM articles AS a LEFT JOIN fetch_state AS f ON f.url = a.url "
                "WHERE a.site = ?"
            )
        else:
            query = (
                "SELECT url, published_at >= ? OR published_at IS NULL, NULL, NULL "
                "FROM articles WHERE site = ?"
            )
        rows = conn.execute(query, (recent_since, site))
        for url, recent, etag, last_modified in rows:
            state.known.add(url)
            if recent:
                state.recent[url] = (etag, last_modified)
        if validators:
            state.fetched = {url for (url,) in conn.execute("SELECT url FROM fetch_state")}
    finally:
        if conn.in_transaction:  # (an error may have ended it already)
            conn.execute("ROLLBACK")  # read only: nothing to keep
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
    with closing(read_only(db_path)) as conn:
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


# ---------------------------------------------------------------------------------------------
# What a database holds


def schema_names(conn: sqlite3.Connection) -> set[str]:
    """The names of the database's tables, views, indexes and triggers."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def file_schema_names(db_path: str | Path) -> set[str]:
    """schema_names() of the file, opened read-only; sqlite3.Error if it is not a database."""
    with closing(read_only(db_path)) as conn:
        return schema_names(conn)


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


# ---------------------------------------------------------------------------------------------
# Crawl runs (the run report)


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def latest_run(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The newest crawl_runs row, or None."""
    rows = _dicts(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1"))
    return rows[0] if rows else None


def fetched_at(conn: sqlite3.Connection, url: str) -> str | None:
    """When the page at `url` (as stored) was last fetched or imported, or None."""
    row = conn.execute("SELECT fetched_at FROM fetch_state WHERE url = ?", (url,)).fetchone()
    return row[0] if row else None


def run_by_id(conn: sqlite3.Connection, run_id: int) -> dict[str, Any] | None:
    """The crawl_runs row of run `run_id`, or None."""
    rows = _dicts(conn.execute("SELECT * FROM crawl_runs WHERE id = ?", (run_id,)))
    return rows[0] if rows else None


def run_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM crawl_runs ORDER BY id")]


def run_failure_counts(conn: sqlite3.Connection, run_id: int) -> list[tuple[str, str, int]]:
    """(stage, reason, count) of the run's failures, the most frequent first."""
    return conn.execute(
        "SELECT stage, reason, count(*) FROM failures WHERE run_id = ? "
        "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
        (run_id,),
    ).fetchall()


def recent_runs(
    conn: sqlite3.Connection, site: str, limit: int, *, count_failures: bool
) -> list[dict[str, Any]]:
    """The site's newest crawl_runs rows, each with `failure_count` (None unless
    `count_failures`: older databases have no failures.run_id)."""
    failures = (
        "(SELECT count(*) FROM failures AS f WHERE f.run_id = r.id)" if count_failures else "NULL"
    )
    return _dicts(
        conn.execute(
            f"SELECT r.*, {failures} AS failure_count FROM crawl_runs AS r "
            "WHERE r.site = ? ORDER BY r.id DESC LIMIT ?",
            (site, limit),
        )
    )


def latest_article_time(conn: sqlite3.Connection, site: str, end: str) -> str | None:
    """The latest time the site's articles were seen at no later than `end`; else their
    latest publication time no later than `end`; else their latest publication time."""
    for sql in (
        "SELECT max(last_seen_at) FROM articles WHERE site = ? AND last_seen_at <= ?",
        "SELECT max(published_at) FROM articles WHERE site = ? AND published_at <= ?",
        "SELECT max(published_at) FROM articles WHERE site = ? AND ? IS NOT NULL",
    ):
        value = conn.execute(sql, (site, end)).fetchone()[0]
        if value:
            return value
    return None


def articles_per_hour(
    conn: sqlite3.Connection, site: str, start: str, end: str, no_category: str
) -> list[tuple[str, str, int]]:
    """(hour "YYYY-MM-DDTHH", category, count) of the site's articles published in
    [start, end); articles without a category count under `no_category`."""
    return conn.execute(
        "SELECT substr(published_at, 1, 13), coalesce(nullif(category, ''), ?), count(*) "
        "FROM articles WHERE site = ? AND published_at >= ? AND published_at < ? "
        "GROUP BY 1, 2",
        (no_category, site, start, end),
    ).fetchall()


def undated_article_count(conn: sqlite3.Connection, site: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM articles WHERE site = ? AND published_at IS NULL", (site,)
    ).fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Filters (export, search, statistics)


def filters(
    *,
    site: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    time_column: str = "published_at",
) -> tuple[str, list[str]]:
    """A WHERE clause (possibly empty) and its parameters, for the common filters."""
    clauses, params = [], []
    for clause, value in (
        ("site = ?", site),
        ("category = ?", category),
        (f"{time_column} >= ?", since),
        (f"{time_column} <= ?", until),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def filter_hints(
    db_path: str | Path, *, site: str | None, category: str | None, table: str = "articles"
) -> list[str]:
    """One line per filter naming what no row of the exportable `table` has (a site or
    category matched exactly, as the filters match), with the stored names it may have meant: the
    same letters after the search's Arabic folding (تركيا الان for تركيا الآن), or a name
    holding every word given (تركيا). Empty when each filter names something stored."""
    from scraper.text import normalize_for_search

    hints = []
    rows, _ = EXPORT_TABLES[table]
    with closing(read_only(db_path)) as conn:
        for option, column, value in (
            ("--site", "site", site),
            ("--category", "category", category),
        ):
            if not value:
                continue
            names = [
                name
                for (name,) in conn.execute(
                    f"SELECT DISTINCT {column} FROM {rows} WHERE {column} IS NOT NULL "
                    f"ORDER BY {column}"
                )
            ]
            if value in names:
                continue
            wanted = normalize_for_search(value).split()
            close = [
                name
                for name in names
                if wanted and set(wanted) <= set(normalize_for_search(name).split())
            ]
            hint = f"{option} {value!r}: no stored {table} row has this {column} (matched exactly)"
            if close:
                hint += "; did you mean " + " or ".join(repr(name) for name in close[:5]) + "?"
            elif names:
                shown = ", ".join(repr(name) for name in names[:10])
                more = f" and {len(names) - 10} more" if len(names) > 10 else ""
                hint += f"; the stored ones: {shown}{more}"
            hints.append(hint)
    return hints


def export_columns(db_path: str | Path, table: str = "articles") -> list[str]:
    """The column names of an exportable table, in order (a header for an empty export)."""
    name, _ = EXPORT_TABLES[table]
    with closing(read_only(db_path)) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]


# ---------------------------------------------------------------------------------------------
# Summary, statistics and field coverage

ARTICLE_FIELDS = (
    "headline",
    "body",
    "source",
    "category",
    "published_at",
    "modified_at",
    "author",
    "tags",
    "image",
    "language",
    "post_id",
)


def _present(field: str) -> str:
    if field in ("source", "tags"):
        return f"{field} IS NOT NULL AND {field} != '[]'"
    return f"{field} IS NOT NULL AND {field} != ''"


def coverage(db: sqlite_utils.Database, where: str = "", params: list | None = None) -> dict:
    """Field -> number of articles with a value (and "total"), under an optional filter."""
    params = params or []
    result = {"total": db.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]}
    join = " AND " if where else " WHERE "
    for name in ARTICLE_FIELDS:
        sql = f"SELECT count(*) FROM articles{where}{join}{_present(name)}"
        result[name] = db.execute(sql, params).fetchone()[0]
    return result


def site_coverage(db_path: str | Path, site: str) -> dict[str, int]:
    """coverage() of one site's articles."""
    import sqlite_utils  # here: `scraper search` and `dates` start without it

    db = sqlite_utils.Database(read_only(db_path))
    try:
        return coverage(db, " WHERE site = ?", [site])
    finally:
        db.conn.close()


def statistics(db_path: str | Path, *, days: int = 30, **filter_args: str | None) -> dict:
    """Counts per site, category and day, and field coverage, under the export filters."""
    import sqlite_utils

    db = sqlite_utils.Database(read_only(db_path))
    where, params = filters(**filter_args)

    def grouped(column: str, order: str, limit: int = -1) -> list[list]:
        sql = (
            f"SELECT coalesce({column}, '(none)') AS k, count(*) FROM articles{where} "
            f"GROUP BY k ORDER BY {order} LIMIT {int(limit)}"
        )
        return [list(row) for row in db.execute(sql, params)]

    try:
        return {
            "per_site": grouped("site", "2 DESC, 1"),
            "per_category": grouped("category", "2 DESC, 1"),
            "per_day": grouped("substr(published_at, 1, 10)", "1 DESC", days),
            "per_local_day": _per_local_day(db, where, params, days),
            "time_zones": site_time_zones(db),
            "coverage": coverage(db, where, params),
        }
    finally:
        db.conn.close()


# Every time zone in use today is a whole number of quarter hours from UTC, so articles
# grouped by UTC quarter hour fall on one local day each: one zone conversion per quarter
# hour holding articles rather than one per article.
QUARTER_HOUR_SQL = (
    "substr(published_at, 1, 14) || "
    "printf('%02d', CAST(substr(published_at, 15, 2) AS INTEGER) / 15 * 15)"
)


def site_time_zones(db: sqlite_utils.Database) -> dict[str, str]:
    """Site name -> the IANA zone its days are counted in ("UTC" when none is known)."""
    return {
        name: _zone_name(zone)
        for name, zone in db.execute("SELECT name, timezone FROM sites ORDER BY name")
    }


def _zone_name(zone: str | None) -> str:
    return zone if zone and _zone(zone) is not None else "UTC"


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # "unknown" (an imported page of no configured site) or a bad name


def local_day(utc_time: str | None, zone: str | None) -> str | None:
    """The calendar day (YYYY-MM-DD) a UTC ISO 8601 time falls on in the IANA zone `zone`,
    the day a reader of the site saw on the page; the UTC day when the zone is missing or
    unknown, or the time too close to year 1 or 9999 to shift; None for no time."""
    if not utc_time:
        return None
    tz = _zone(zone) if zone else None
    try:
        moment = datetime.fromisoformat(utc_time.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return (moment.astimezone(tz) if tz else moment.astimezone(UTC)).date().isoformat()
    except (ValueError, OverflowError):
        return utc_time[:10]


def printed_days(db_path: str | Path, urls: Iterable[str]) -> dict[str, tuple[str, str]]:
    """URL -> (day, zone) for each of these articles whose page gives its date alone
    (precision `day`): the day as the site printed it, which `published_at` (the site's
    midnight in UTC) puts a day early east of UTC."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    with closing(read_only(db_path)) as conn:
        rows = conn.execute(
            "SELECT a.url, a.published_at, s.timezone FROM articles AS a "
            "LEFT JOIN sites AS s ON s.name = a.site "
            "WHERE a.precision = 'day' AND a.url IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        ).fetchall()
    return {
        url: (local_day(published, zone) or published[:10], _zone_name(zone))
        for url, published, zone in rows
        if published
    }


def _per_local_day(db: sqlite_utils.Database, where: str, params: list, days: int) -> list[list]:
    """[local day, articles], latest first, at most `days` days: each article on the day of
    its published_at in its own site's time zone."""
    join = " AND " if where else " WHERE "
    zones = {name: zone for name, zone in db.execute("SELECT name, timezone FROM sites")}
    counts: Counter[str] = Counter()
    sql = (
        f"SELECT site, {QUARTER_HOUR_SQL} AS quarter, count(*) FROM articles"
        f"{where}{join}published_at IS NOT NULL GROUP BY site, quarter"
    )
    for site, quarter, count in db.execute(sql, params):
        counts[local_day(quarter, zones.get(site))] += count
    return [[day, counts[day]] for day in sorted(counts, reverse=True)[:days]]


def articles_per_category(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """(category or "(none)", count), the largest first."""
    return db.execute(
        "SELECT coalesce(category, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()


def articles_per_precision(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """(precision of published_at or "(none)", count), the largest first."""
    return db.execute(
        "SELECT coalesce(precision, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()


def sighting_counts(db: sqlite_utils.Database) -> tuple[int, int, int, int]:
    """List-item sightings (sitemap bounds aside): how many, how many with a window, of how
    many items, on how many pages."""
    return db.execute(
        "SELECT count(*), count(earliest), count(DISTINCT item_url), count(DISTINCT page_url) "
        "FROM list_item_sightings WHERE widget != 'sitemap'"
    ).fetchone()


def sitemap_bound_count(db: sqlite_utils.Database) -> int:
    return db.execute(
        "SELECT count(*) FROM list_item_sightings WHERE widget = 'sitemap'"
    ).fetchone()[0]


def sighting_window_widths(
    db: sqlite_utils.Database,
) -> list[tuple[str, int, float | None, float | None]]:
    """(widget, sightings with a window, narrowest, widest window in seconds), the most
    frequent widget first."""
    return db.execute(
        "SELECT widget, count(*), "
        "min((julianday(latest) - julianday(earliest)) * 86400 + 1), "
        "max((julianday(latest) - julianday(earliest)) * 86400 + 1) "
        "FROM list_item_sightings WHERE earliest IS NOT NULL GROUP BY widget ORDER BY 2 DESC"
    ).fetchall()


def last_run_failures(db: sqlite_utils.Database) -> list[tuple[str, str, int]]:
    """(stage, reason, count) of the newest run's failures, the most frequent first."""
    return db.execute(
        "SELECT stage, reason, count(*) FROM failures "
        "WHERE run_id IS (SELECT max(id) FROM crawl_runs) GROUP BY 1, 2 ORDER BY 3 DESC"
    ).fetchall()


# ---------------------------------------------------------------------------------------------
# Export rows

# Exportable tables: name -> (table, the column the since/until filters apply to).
EXPORT_TABLES = {
    "articles": ("articles", "published_at"),
    "sightings": ("list_item_sightings", "reference_time"),
}


def table_rows(db_path: str | Path, table: str = "articles", **filter_args: Any) -> Iterator[dict]:
    """Every row of an exportable table under the filters, as dicts, in storage order."""
    name, time_column = EXPORT_TABLES[table]
    where, params = filters(time_column=time_column, **filter_args)
    with closing(read_only(db_path)) as conn:
        conn.row_factory = sqlite3.Row
        cursor = conn.execute(f"SELECT * FROM {name}{where} ORDER BY rowid", params)
        for row in cursor:
            yield dict(row)


# ---------------------------------------------------------------------------------------------
# Full-text search


def read_only(db_path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the file (sqlite3.Error if there is none), by its escaped
    URI; immutable where the filesystem is read-only (`scraper.store.connect`)."""
    return open_read_only(db_path)


def search_index_outdated(db_path: str | Path) -> bool:
    """Whether the search index of an arabic-news-scraper database predates this version
    (an older schema, or text normalized another way): the store rebuilds it when opened.
    False for a newer database or any other file (searching it says what is wrong)."""
    with closing(read_only(db_path)) as conn:
        return index_outdated(conn)


def index_outdated(conn: sqlite3.Connection) -> bool:
    """search_index_outdated() on an open connection."""
    if not (has_table(conn, "schema_info") and has_table(conn, "articles")):
        return False
    version = schema_version(conn)
    if version != SCHEMA_VERSION:
        return version < SCHEMA_VERSION
    row = conn.execute("SELECT value FROM schema_info WHERE key = 'search_index'").fetchone()
    return row is None or row[0] != SEARCH_NORMALIZATION


def indexed_terms(conn: sqlite3.Connection, terms: Iterable[str]) -> set[str]:
    """Which of the FTS5 terms (quoted words or phrases, `*` prefixes) the search index has."""
    return {
        term
        for term in terms
        if conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (term,)
        ).fetchone()
    }


def common_terms(conn: sqlite3.Connection, terms: Iterable[str], sample: int) -> set[str]:
    """Which of the FTS5 terms appear in half or more of the `sample` most recently indexed
    articles: bm25 gives such a term a weight of 1e-6 when it is in half of the archive
    (its count over the whole archive would take as long as the rest of a search)."""
    lowest = conn.execute(
        "SELECT id FROM articles_fts_docsize ORDER BY id DESC LIMIT 1 OFFSET ?", (sample - 1,)
    ).fetchone()
    since = lowest[0] if lowest else -(2**63)
    (recent,) = conn.execute(
        "SELECT count(*) FROM articles_fts_docsize WHERE id >= ?", (since,)
    ).fetchone()
    return {
        term
        for term in terms
        if 2
        * conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?",
            (term, since),
        ).fetchone()[0]
        >= recent
    }


def ranked_matches(
    conn: sqlite3.Connection,
    match: str,
    *,
    site: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    rank_window: int | None = None,
    rank_by: str | None = None,
) -> list[tuple[str, str | None, str | None, str | None, str, str | None, float]]:
    """The best `limit` articles matching the FTS5 query `match` under the filters, best
    first: (url, headline, published_at, category, site, body, bm25 rank). With
    `rank_window`, only that many most recently stored matches are ranked, and `rank_by`
    (an FTS5 expression of some of the phrases of `match`, true of the matches it ranks)
    names the phrases bm25 weighs: the others add nothing to a score."""
    where, params = filters(site=site, category=category, since=since, until=until)
    # Rank inside the FTS index first and fetch only the winners' rows: joining every match
    # to `articles` would read the body of every article a common word appears in. Filters
    # go through the (site|category, published_at) indexes, not the article rows. The unary
    # "+" keeps FTS5 from taking the IN list as rowid lookups (one MATCH per listed id,
    # 200x slower on 20,000 articles).
    restrict = f" AND +articles_fts.rowid IN (SELECT id FROM articles{where})" if where else ""
    bm25 = "bm25(articles_fts, 4.0, 1.0, 2.0)"
    matched = (
        f" SELECT rowid AS id, {bm25} AS rank FROM articles_fts"
        f" WHERE articles_fts MATCH ?{restrict}"
    )
    arguments: list[object] = [match, *params]
    if rank_window and rank_by:
        # bm25 counts the articles of every phrase in the query, over the whole archive,
        # before scoring the first row: for a word in most articles that count is most of
        # the time of the query. The newest rank_window matches are found without bm25,
        # then scored by a second cursor that matches only the `rank_by` phrases.
        window = [
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                f"{restrict} ORDER BY rowid DESC LIMIT {int(rank_window)}",
                arguments,
            )
        ]
        matched = (
            f"SELECT * FROM (SELECT rowid AS id, {bm25} AS rank FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid >= ?"
            " AND +rowid IN (SELECT value FROM json_each(?))"
            f" ORDER BY rowid DESC LIMIT {int(rank_window)})"
        )
        arguments = [rank_by, window[-1] if window else 0, json.dumps(window)]
    elif rank_window:
        # FTS5 walks the matches newest first and stops after the window: bm25 is
        # computed for at most rank_window rows.
        matched = f"SELECT * FROM ({matched} ORDER BY rowid DESC LIMIT {int(rank_window)})"
    sql = (
        f"WITH ranked AS ({matched} ORDER BY rank LIMIT ?) "
        "SELECT a.url, a.headline, a.published_at, a.category, a.site, a.body, ranked.rank "
        "FROM ranked JOIN articles AS a ON a.id = ranked.id ORDER BY ranked.rank"
    )
    rows = conn.execute(sql, [*arguments, limit]).fetchall()
    if rank_window and rank_by and len(rows) < min(limit, len(window)):
        # Some matches hold none of the rank_by phrases: rank the window as a whole.
        return ranked_matches(
            conn, match, site=site, category=category, since=since, until=until,
            limit=limit, rank_window=rank_window,
        )  # fmt: skip
    return rows


# ---------------------------------------------------------------------------------------------
# One stored page with its provenance (`scraper show`)

_ARCHIVE_COLUMNS = (
    "r.warc_file, r.warc_offset, r.warc_length, r.url AS archived_url, "
    "r.fetched_at AS archived_at, r.status AS archived_status, r.pruned_at"
)


def stored_page(db_path: str | Path, url: str) -> dict[str, Any] | None:
    """The article stored under `url` (its canonical URL, or the URL it was fetched from),
    else the fetch state of a page without an article (a listing, a feed); with the
    archived response each came from (the `warc_*` keys, None without one). None when
    nothing is stored under the URL."""
    with closing(read_only(db_path)) as conn:
        conn.row_factory = sqlite3.Row
        article = conn.execute(
            f"SELECT a.*, {_ARCHIVE_COLUMNS}, "
            "(SELECT timezone FROM sites WHERE name = a.site) AS site_timezone "
            "FROM articles AS a "
            "LEFT JOIN archive_records AS r ON r.id = a.archive_id "
            "WHERE a.url = ? OR a.fetched_url = ? ORDER BY a.url = ? DESC LIMIT 1",
            (url, url, url),
        ).fetchone()
        if article is not None:
            return {"kind": "article", **dict(article)}
        page = conn.execute(
            f"SELECT f.*, {_ARCHIVE_COLUMNS}, "
            "(SELECT count(*) FROM list_item_sightings WHERE page_url = f.url) AS sightings "
            "FROM fetch_state AS f LEFT JOIN archive_records AS r ON r.id = f.archive_id "
            "WHERE f.url = ?",
            (url,),
        ).fetchone()
        if page is None:
            # A feed, sitemap or API answer: archived and seen, with no fetch state.
            page = conn.execute(
                f"SELECT r.url, r.status, r.fetched_at, {_ARCHIVE_COLUMNS}, "
                "(SELECT count(*) FROM list_item_sightings WHERE page_url = r.url) AS sightings "
                "FROM archive_records AS r WHERE r.url = ? ORDER BY r.fetched_at DESC LIMIT 1",
                (url,),
            ).fetchone()
        return None if page is None else {"kind": "page", **dict(page)}
