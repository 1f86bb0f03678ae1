"""What a crawl stored, in a few lines a person reads after `make demo` or a scheduled run."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

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
    for field in ARTICLE_FIELDS:
        sql = f"SELECT count(*) FROM articles{where}{join}{_present(field)}"
        result[field] = db.execute(sql, params).fetchone()[0]
    return result


def _coverage_lines(counts: dict) -> list[str]:
    total = counts["total"]
    lines = ["Field coverage (records with a value):"]
    for field in ARTICLE_FIELDS:
        share = 100.0 * counts[field] / total if total else 0.0
        lines.append(f"  {field:<13} {counts[field]:5d} / {total}  ({share:5.1f}%)")
    return lines


def statistics(db_path: str | Path, *, days: int = 30, **filter_args: str | None) -> dict:
    """Counts per site, category and day, and field coverage, under the export filters."""
    from scraper.store.export import filters

    db = sqlite_utils.Database(str(db_path))
    where, params = filters(**filter_args)

    def grouped(column: str, order: str, limit: int = -1) -> list[list]:
        sql = (
            f"SELECT coalesce({column}, '(none)') AS k, count(*) FROM articles{where} "
            f"GROUP BY k ORDER BY {order} LIMIT {int(limit)}"
        )
        return [list(row) for row in db.execute(sql, params)]

    return {
        "per_site": grouped("site", "2 DESC, 1"),
        "per_category": grouped("category", "2 DESC, 1"),
        "per_day": grouped("substr(published_at, 1, 10)", "1 DESC", days),
        "coverage": coverage(db, where, params),
    }


def format_statistics(stats: dict) -> str:
    lines = []
    for title, key in (
        ("Articles per site:", "per_site"),
        ("Articles per category:", "per_category"),
        ("Articles per day (UTC, latest first):", "per_day"),
    ):
        lines.append(title)
        lines += [f"  {count:5d}  {name}" for name, count in stats[key]]
        lines.append("")
    return "\n".join(lines + _coverage_lines(stats["coverage"]))


def summarize(db_path: str | Path) -> str:
    db = sqlite_utils.Database(str(db_path))
    counts = coverage(db)
    total = counts["total"]
    lines = [f"Database: {db_path}", f"Articles: {total}", "", "Articles per category:"]
    for category, count in db.execute(
        "SELECT coalesce(category, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    ):
        lines.append(f"  {count:5d}  {category}")
    lines += ["", *_coverage_lines(counts)]
    lines += ["", "published_at by precision:"]
    for precision, count in db.execute(
        "SELECT coalesce(precision, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
    ):
        lines.append(f"  {count:5d}  {precision}")
    sightings = db.execute(
        "SELECT count(*), count(earliest), count(DISTINCT item_url), count(DISTINCT page_url) "
        "FROM list_item_sightings WHERE widget != 'sitemap'"
    ).fetchone()
    bounds = db.execute(
        "SELECT count(*) FROM list_item_sightings WHERE widget = 'sitemap'"
    ).fetchone()[0]
    lines += [
        "",
        f"List-item sightings: {sightings[0]} ({sightings[1]} with a window) "
        f"of {sightings[2]} items on {sightings[3]} pages; {bounds} sitemap lastmod bounds",
    ]
    widths = db.execute(
        "SELECT widget, count(*), "
        "min((julianday(latest) - julianday(earliest)) * 86400 + 1), "
        "max((julianday(latest) - julianday(earliest)) * 86400 + 1) "
        "FROM list_item_sightings WHERE earliest IS NOT NULL GROUP BY widget ORDER BY 2 DESC"
    ).fetchall()
    for widget, count, narrowest, widest in widths:
        lines.append(
            f"  {widget:<16} {count:5d} sightings, windows {_span(narrowest)} to {_span(widest)}"
        )
    failures = db.execute(
        "SELECT stage, reason, count(*) FROM failures "
        "WHERE run_id IS (SELECT max(id) FROM crawl_runs) GROUP BY 1, 2 ORDER BY 3 DESC"
    ).fetchall()
    lines += ["", f"Failures in the last run: {sum(row[2] for row in failures)}"]
    lines += [f"  {count:5d}  {stage}: {reason}" for stage, reason, count in failures]
    lines += [
        "",
        "Try:",
        f'  sqlite3 {db_path} "SELECT published_at, category, headline FROM articles '
        'ORDER BY published_at DESC LIMIT 5"',
        f'  sqlite-utils {db_path} "SELECT time_raw, earliest, latest, title '
        "FROM list_item_sightings WHERE widget = 'more' LIMIT 5\" --table",
    ]
    return "\n".join(lines)


def _span(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds} s"
