"""What a crawl stored, in a few lines a person reads after `make demo` or a scheduled run."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import sqlite_utils

from scraper.store import queries


def _coverage_lines(counts: dict) -> list[str]:
    total = counts["total"]
    lines = ["Field coverage (records with a value):"]
    for field in queries.ARTICLE_FIELDS:
        share = 100.0 * counts[field] / total if total else 0.0
        lines.append(f"  {field:<13} {counts[field]:5d} / {total}  ({share:5.1f}%)")
    return lines


def format_statistics(stats: dict) -> str:
    lines = []
    zones = sorted(set(stats["time_zones"].values())) or ["UTC"]
    for title, key in (
        ("Articles per site:", "per_site"),
        ("Articles per category:", "per_category"),
        (
            f"Articles per day (the site's own day: {', '.join(zones)}; latest first):",
            "per_local_day",
        ),
    ):
        lines.append(title)
        lines += [f"  {count:5d}  {name}" for name, count in stats[key]]
        lines.append("")
    return "\n".join(lines + _coverage_lines(stats["coverage"]))


def summarize(db_path: str | Path) -> str:
    db = sqlite_utils.Database(queries.read_only(db_path))
    try:
        return _summary_lines(db, db_path)
    finally:
        db.conn.close()


def _summary_lines(db: sqlite_utils.Database, db_path: str | Path) -> str:
    counts = queries.coverage(db)
    total = counts["total"]
    lines = [f"Database: {db_path}", f"Articles: {total}", "", "Articles per category:"]
    for category, count in queries.articles_per_category(db):
        lines.append(f"  {count:5d}  {category}")
    lines += ["", *_coverage_lines(counts)]
    lines += ["", "published_at by precision:"]
    for precision, count in queries.articles_per_precision(db):
        lines.append(f"  {count:5d}  {precision}")
    sightings = queries.sighting_counts(db)
    bounds = queries.sitemap_bound_count(db)
    lines += [
        "",
        f"List-item sightings: {sightings[0]} ({sightings[1]} with a window) "
        f"of {sightings[2]} items on {sightings[3]} pages; {bounds} sitemap lastmod bounds",
    ]
    widths = queries.sighting_window_widths(db)
    for widget, count, narrowest, widest in widths:
        lines.append(
            f"  {widget:<16} {count:5d} sightings, windows {_span(narrowest)} to {_span(widest)}"
        )
    failures = queries.last_run_failures(db)
    lines += ["", f"Failures in the last run: {sum(row[2] for row in failures)}"]
    lines += [f"  {count:5d}  {stage}: {reason}" for stage, reason, count in failures]
    shell_path = shlex.quote(str(db_path))  # unquoted, "run#1/news.db" starts a comment
    lines += [
        "",
        "Try:",
        f'  sqlite3 {shell_path} "SELECT published_at, category, headline FROM articles '
        'ORDER BY published_at DESC LIMIT 5"',
        f'  {command_to_type("sqlite-utils")} {shell_path} "SELECT time_raw, earliest, latest, title '
        "FROM list_item_sightings WHERE widget = 'more' LIMIT 5\" --table",
    ]
    return "\n".join(lines)


def command_to_type(name: str) -> str:
    """How to run an installed command from here: its name when it is on PATH, else its path
    beside this Python (sqlite-utils comes with the project's .venv, not on PATH without
    activating it), relative to the current folder when inside it."""
    if shutil.which(name):
        return name
    beside = Path(sys.executable).parent / name
    if not beside.exists():
        return name
    relative = os.path.relpath(beside)
    return shlex.quote(beside.as_posix() if relative.startswith("..") else relative)


def _span(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds} s"
