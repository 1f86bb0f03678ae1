"""The run report: what one crawl run did, as text for the terminal and as one HTML page.

`run_summary()` gathers a run's metadata, counts, failures, field coverage and monitor checks
into a dict; `format_run_summary()` prints it; `write_html()` draws it (inline CSS and SVG, no
external assets) with three charts: articles per hour by category, field coverage, errors.

Articles carry no run id, so field coverage and the hourly chart describe the site's stored
articles (all of them, or those published in the 48 hours before the run's reference time),
and say so. What the run itself saw comes from its Scrapy stats (`crawl_runs.stats`) and from
the failures table (`failures.run_id`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from scraper.ops.monitor import RETRIED_ANSWER, sightings_told_apart
from scraper.ops.runlock import crawl_lock_holder
from scraper.store import queries

HOURS = 48
RECENT_RUNS = 10
KINDS = ("new", "unchanged", "changed")
# Tableau 10: distinct hues that stay apart for most colour vision.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
OTHER = "(other)"
NONE = "(none)"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


# ---------------------------------------------------------------------------------------------
# Gathering


def run_summary(db_path: str | Path, run_id: int | None = None) -> dict[str, Any]:
    """Everything the report shows about one run (the latest when `run_id` is None).

    Raises ValueError when the database has no runs or no run `run_id`, FileNotFoundError
    when there is no database.
    """
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}")
    with closing(queries.read_only(path)) as conn:
        tables = queries.schema_names(conn)
        if "crawl_runs" not in tables:
            raise ValueError(f"{path} has no crawl runs (no crawl_runs table); run a crawl first")
        if run_id is None:
            row = queries.latest_run(conn)
            if row is None:
                raise ValueError(f"{path} has no crawl runs yet; run `scraper crawl` first")
        else:
            row = queries.run_by_id(conn, run_id)
            if row is None:
                known = queries.run_ids(conn)
                span = f"runs {known[0]} to {known[-1]}" if known else "no runs"
                raise ValueError(f"no run {run_id} in {path} ({span})")
        run = _run_meta(row)
        stats = run["stats"]
        site = run["site"]
        run["running_pid"] = _running_pid(conn, path, run)
        run["next_run"] = _next_run(conn, run)
        failures = _failures(conn, run["id"], "failures" in tables)
        recent = _recent_runs(conn, site, "failures" in tables)
        has_articles = "articles" in tables
        reference = _reference_time(conn, site, run) if has_articles else None
        hourly = _hourly(conn, site, reference) if has_articles else None
    counts = queries.site_coverage(path, site) if has_articles else {"total": 0}
    monitor = _monitor(stats)
    return {
        "database": str(path),
        "run": {key: value for key, value in run.items() if key != "stats"},
        "status": _status(run, monitor),
        "responses": _responses(stats),
        "articles": _articles(stats),
        "sightings": _counter(stats, "store/list_items"),
        # Of them, those the monitor's list_item_windows judges (sitemap entries aside).
        # None for a run the monitor did not judge (an import).
        "judged": _int(stats.get("monitor/list_items"))
        if "monitor/list_items" in stats or "monitor/status" in stats
        else None,
        # An import's (scraper import-warc) records that gave nothing, by reason.
        "skipped": {
            key.removeprefix("import/skipped/"): _int(value) or 0
            for key, value in sorted(stats.items())
            if key.startswith("import/skipped/")
        },
        "robots_forbidden": _counter(stats, "robotstxt/forbidden"),
        "failures": failures,
        "coverage": {
            "scope": f"all {counts['total']} stored articles of {site} (articles carry no run id)",
            "total": counts["total"],
            "fields": {field: counts.get(field, 0) for field in queries.ARTICLE_FIELDS},
        },
        "validation": {
            "articles": _int(stats.get("validate/articles")),
            "missing": {
                key.removeprefix("validate/missing/"): _int(value)
                for key, value in sorted(stats.items())
                if key.startswith("validate/missing/")
            },
        },
        "monitor": monitor,
        "hourly": hourly,
        "recent_runs": recent,
        "stats": stats,
    }


def _run_meta(row: dict[str, Any]) -> dict[str, Any]:
    stats = _loads(row["stats"])
    started = _parse_time(row["started_at"])
    finished = _parse_time(row["finished_at"])
    duration = None
    if started and finished:
        duration = (finished - started).total_seconds()
    elif isinstance(stats.get("elapsed_time_seconds"), int | float):
        duration = float(stats["elapsed_time_seconds"])
    return {
        "id": row["id"],
        "site": row["site"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "finish_reason": row["finish_reason"] or stats.get("finish_reason"),
        "exit_status": row["exit_status"],
        "duration_seconds": duration,
        "settings": _loads(row["settings"]),
        "stats": stats,
    }


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    return None


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _articles(stats: dict[str, Any]) -> dict[str, int | None]:
    """Stored articles and how they compare with what the database held. Scrapy stats hold
    only counters that moved, so a missing one is 0 once the run has stats."""
    counts = {
        "stored": _counter(stats, "store/articles"),
        **{kind: _counter(stats, f"store/articles_{kind}") for kind in KINDS},
        "pages": _counter(stats, "pages/article"),
    }
    return counts


def _counter(stats: dict[str, Any], key: str) -> int | None:
    """A Scrapy stats counter: absent means 0 once the run wrote its stats, unknown before."""
    value = _int(stats.get(key))
    return value if value is not None or not stats else 0


def _responses(stats: dict[str, Any]) -> dict[str, Any]:
    prefix = "downloader/response_status_count/"
    by_status = {
        key.removeprefix(prefix): _int(value) or 0
        for key, value in stats.items()
        if key.startswith(prefix)
    }
    by_status = dict(sorted(by_status.items()))
    total = _int(stats.get("downloader/response_count"))
    if total is None and stats:
        total = sum(by_status.values())
    return {
        # None: the run wrote no stats (killed, or still running), not 0 responses.
        "total": total,
        "by_status": by_status,
        "errors": sum(count for status, count in by_status.items() if status[:1] in "45"),
        # Answers thrown away for another attempt: the monitor counts a request once.
        "retried": sum(
            _int(value) or 0 for key, value in stats.items() if RETRIED_ANSWER.fullmatch(key)
        ),
    }


def _failures(conn: sqlite3.Connection, run_id: int, has_table: bool) -> dict[str, Any]:
    rows = []
    if has_table and "run_id" in queries.table_columns(conn, "failures"):
        rows = queries.run_failure_counts(conn, run_id)
    by_stage: dict[str, int] = {}
    for stage, _reason, count in rows:
        by_stage[stage] = by_stage.get(stage, 0) + count
    return {
        "total": sum(row[2] for row in rows),
        "by_stage": by_stage,
        "by_stage_reason": [[stage, reason, count] for stage, reason, count in rows],
    }


def _recent_runs(conn: sqlite3.Connection, site: str, has_failures: bool) -> list[dict]:
    counted = has_failures and "run_id" in queries.table_columns(conn, "failures")
    rows = queries.recent_runs(conn, site, RECENT_RUNS, count_failures=counted)
    recent = []
    for row in rows:
        meta = _run_meta(row)
        recent.append(
            {
                "id": meta["id"],
                "started_at": meta["started_at"],
                "duration_seconds": meta["duration_seconds"],
                "articles": _counter(meta["stats"], "store/articles"),
                "articles_new": _counter(meta["stats"], "store/articles_new"),
                "failures": row["failure_count"],
                "exit_status": meta["exit_status"],
                "finish_reason": meta["finish_reason"],
            }
        )
    return recent


def _reference_time(conn: sqlite3.Connection, site: str, run: dict) -> str | None:
    """The end of the hourly chart: the latest reference time the site's articles were seen
    at no later than the run's end; else the latest publication time (replays of an old site
    are seen at the site's time, not the wall clock)."""
    end = run["finished_at"] or _iso(datetime.now(UTC))
    return queries.latest_article_time(conn, site, end)


def _hourly(conn: sqlite3.Connection, site: str, reference: str | None) -> dict[str, Any] | None:
    """The site's articles per publication hour (UTC) and category over the 48 hours up to
    the reference time; more categories than colours fold into "(other)"."""
    end_time = _parse_time(reference)
    if end_time is None:
        return None
    end = end_time.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    start = end - timedelta(hours=HOURS)
    rows = queries.articles_per_hour(conn, site, _iso(start), _iso(end), NONE)
    totals: dict[str, int] = {}
    for _hour, category, count in rows:
        totals[category] = totals.get(category, 0) + count
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    keep = ranked if len(ranked) <= len(PALETTE) else ranked[: len(PALETTE) - 1]
    categories = [*keep, OTHER] if len(keep) < len(ranked) else keep
    hours = [start + timedelta(hours=i) for i in range(HOURS)]
    index = {hour.strftime("%Y-%m-%dT%H"): i for i, hour in enumerate(hours)}
    counts = {name: [0] * HOURS for name in categories}
    for hour, category, count in rows:
        name = category if category in keep else OTHER
        if hour in index:
            counts[name][index[hour]] += count
    undated = queries.undated_article_count(conn, site)
    return {
        "reference": reference,
        "start": _iso(start),
        "end": _iso(end),
        "hours": [_iso(hour) for hour in hours],
        "categories": categories,
        "counts": counts,
        "in_window": sum(totals.values()),
        "undated": undated,
    }


def _monitor(stats: dict[str, Any]) -> dict[str, Any]:
    """Monitor checks from the stats: `monitor/checks` (a list of dicts with a name, value,
    threshold, ok, detail) and any `monitor/<name>` dict of that shape; other `monitor/...`
    values (counters such as `monitor/present/body`) are kept apart as counters."""
    checks: list[dict[str, Any]] = []
    counters: dict[str, Any] = {}
    seen: set[str] = set()
    listed = stats.get("monitor/checks")
    if isinstance(listed, list):
        for entry in listed:
            if isinstance(entry, dict):
                check = _check(str(entry.get("name", f"check {len(checks) + 1}")), entry)
                checks.append(check)
                seen.add(check["name"])
    for key, value in sorted(stats.items()):
        if not key.startswith("monitor/") or key in ("monitor/checks", "monitor/status"):
            continue
        name = key.removeprefix("monitor/")
        if not isinstance(value, dict):
            counters[name] = value
        elif name not in seen:
            checks.append(_check(name, value))
            seen.add(name)
    status = stats.get("monitor/status")
    return {
        "status": None if status is None else str(status),
        "checks": checks,
        "counters": counters,
    }


def _check(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    ok = entry.get("ok")
    extra = {k: v for k, v in entry.items() if k not in ("name", "value", "threshold", "ok")}
    return {
        "name": name,
        "value": entry.get("value"),
        "threshold": entry.get("threshold"),
        "ok": ok if isinstance(ok, bool) else None,
        "extra": extra,
    }


def _running_pid(conn: sqlite3.Connection, path: Path, run: dict[str, Any]) -> str | None:
    """The pid of the crawl still writing this run: it is unfinished, the latest run of its
    site, and a `scraper crawl` holds the site's lock (a `scrapy crawl` or scrapyd job takes
    no lock, so its unfinished run stays "killed or still running?")."""
    if run["finished_at"] is not None or run["exit_status"] is not None:
        return None
    (latest,) = conn.execute(
        "SELECT max(id) FROM crawl_runs WHERE site = ?", (run["site"],)
    ).fetchone()
    if latest != run["id"]:
        return None  # a later run of the site started: this one was stopped
    return crawl_lock_holder(path, run["site"])


def _next_run(conn: sqlite3.Connection, run: dict[str, Any]) -> int | None:
    """The id of the site's run started after this unfinished one (it stopped, and that run
    fetches what it did not store); None when it finished or is the site's latest."""
    if run["finished_at"] is not None or run["exit_status"] is not None:
        return None
    (later,) = conn.execute(
        "SELECT min(id) FROM crawl_runs WHERE site = ? AND id > ?", (run["site"], run["id"])
    ).fetchone()
    return later


def _status(run: dict[str, Any], monitor: dict[str, Any]) -> str:
    """One word for the badge: ok, running, unfinished, or what went wrong."""
    if run["running_pid"] is not None:
        return "running"
    if run["finished_at"] is None and run["exit_status"] is None:
        return "unfinished"
    failing = monitor["status"] not in (None, "ok")
    if run["exit_status"] not in (None, 0) or failing:
        return monitor["status"] if failing else f"exit {run['exit_status']}"
    if any(check["ok"] is False for check in monitor["checks"]):
        return "drift"
    return "ok"


# ---------------------------------------------------------------------------------------------
# Text


def format_run_summary(summary: dict[str, Any]) -> str:
    """The summary as a text block for the terminal."""
    run = summary["run"]
    lines = [
        f"Run {run['id']} of {run['site']}: {summary['status']}"
        f" (finish reason {run['finish_reason'] or '-'}, exit status {_dash(run['exit_status'])})",
        f"  started  {run['started_at']}",
        f"  finished {run['finished_at'] or _not_finished(run)}"
        f"  ({_duration(run['duration_seconds'])})",
        "",
    ]
    responses = summary["responses"]
    statuses = ", ".join(f"{code}: {count}" for code, count in responses["by_status"].items())
    if responses["retried"]:
        statuses += f"; {responses['retried']} of them retried"
    lines.append(f"Responses: {_dash(responses['total'])}" + (f" ({statuses})" if statuses else ""))
    if summary["robots_forbidden"]:
        lines.append(f"Forbidden by robots.txt: {summary['robots_forbidden']}")
    articles = summary["articles"]
    parts = [f"{name} {articles[name]}" for name in KINDS if articles[name] is not None]
    lines.append(
        f"Articles stored: {_dash(articles['stored'])}"
        + (f" ({', '.join(parts)})" if parts else "")
    )
    lines.append(
        f"List items passed to the store: {_dash(summary['sightings'])}"
        + sightings_told_apart(summary["sightings"], summary["judged"])
    )
    skipped = summary.get("skipped") or {}
    if skipped:
        lines.append(f"Records skipped by the import: {sum(skipped.values())}")
        lines += [f"  {count:5d}  {reason}" for reason, count in skipped.items()]
    failures = summary["failures"]
    lines += ["", f"Failures in this run: {failures['total']}"]
    lines += [
        f"  {count:5d}  {stage}: {reason}" for stage, reason, count in failures["by_stage_reason"]
    ]
    monitor = summary["monitor"]
    if monitor["status"] is not None or monitor["checks"]:
        lines += ["", f"Monitor: {monitor['status'] or '-'}"]
        for check in monitor["checks"]:
            mark = {True: "ok  ", False: "FAIL", None: "    "}[check["ok"]]
            detail = f"{_value(check['value'])}"
            if check["threshold"] is not None:
                detail += f" (threshold {_value(check['threshold'])})"
            if check["extra"].get("detail"):
                detail += f"; {check['extra']['detail']}"
            if check["extra"].get("chance") is not None:
                detail += f"; chance {_value(check['extra']['chance'])}"
            lines.append(f"  {mark} {check['name']}: {detail}")
    validation = summary["validation"]
    if validation["articles"] is not None:
        missing = ", ".join(f"{field} {n}" for field, n in validation["missing"].items())
        lines += [
            "",
            f"Validated in this run: {validation['articles']} articles; "
            f"missing: {missing or 'none'}",
        ]
    cov = summary["coverage"]
    lines += ["", f"Field coverage, {cov['scope']}:"]
    for field, count in cov["fields"].items():
        lines.append(
            f"  {field:<13} {count:5d} / {cov['total']}  ({_percent(count, cov['total'])})"
        )
    hourly = summary["hourly"]
    if hourly:
        lines += [
            "",
            f"Articles of {run['site']} published {hourly['start']} to {hourly['end']} "
            f"(48 h before {hourly['reference']}): {hourly['in_window']}",
        ]
    return "\n".join(lines)


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return _dash(value)


def _percent(count: int, total: int) -> str:
    return f"{100.0 * count / total:.1f}%" if total else "-"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


# ---------------------------------------------------------------------------------------------
# HTML


def write_html(db_path: str | Path, out_path: str | Path, run_id: int | None = None) -> Path:
    """Write the run report as one self-contained HTML file; return its path."""
    summary = run_summary(db_path, run_id)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(summary), encoding="utf-8")
    return out


def render_html(summary: dict[str, Any]) -> str:
    run = summary["run"]
    title = f"Run {run['id']} of {run['site']}"
    body = [
        _header(summary),
        _section(
            "Articles per hour by category",
            _hourly_caption(summary),
            _hourly_chart(summary["hourly"]),
        ),
        _section(
            "Field coverage",
            f"Share of {escape(summary['coverage']['scope'])} with a value."
            + _coverage_caption(summary),
            _coverage_chart(summary),
        ),
        _section(
            "Errors",
            f"Failures recorded by this run ({summary['failures']['total']}) by stage and "
            "reason, and the HTTP responses it received by status.",
            _failures_chart(summary["failures"]) + _status_chart(summary["responses"]),
        ),
        _section("Recent runs", f"The last runs of {_text(run['site'])}.", _runs_table(summary)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<footer>Generated from <code>{escape(summary['database'])}</code>.</footer>"
        + "\n</body>\n</html>\n"
    )


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic",
  sans-serif; color: #222; background: #fafafa; margin: 0 auto; max-width: 1100px;
  padding: 1.5rem; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .6rem 1.2rem; }
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.15rem; margin: 0 0 .3rem; }
section { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: 1rem 1.2rem;
  margin: 1rem 0; }
.badge { display: inline-block; border-radius: 999px; padding: .1rem .7rem; font-weight: 600;
  color: #fff; background: #777; }
.badge.ok { background: #2e7d32; } .badge.bad { background: #c62828; }
.badge.warn { background: #b26a00; }
.meta { color: #555; width: 100%; margin: .2rem 0 0; }
.facts { display: flex; flex-wrap: wrap; gap: .5rem 1.6rem; margin: .8rem 0 0; padding: 0;
  list-style: none; }
.facts b { display: block; font-size: 1.35rem; }
.facts span { color: #666; font-size: .85rem; }
.caption { color: #555; margin: 0 0 .6rem; font-size: .9rem; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .4rem 0 0; padding: 0;
  list-style: none; font-size: .9rem; }
.legend i { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
  vertical-align: -.1em; margin-inline-end: .35em; }
svg { display: block; width: 100%; height: auto; }
svg text { font: 12px system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif; fill: #333; }
svg .axis { fill: #777; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: start; padding: .3rem .6rem; border-bottom: 1px solid #eee; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
tr.current { background: #fff8e1; }
.checks td:first-child { width: 1.5rem; }
footer { color: #888; font-size: .8rem; }
"""


def _text(value: Any) -> str:
    """Escaped data text, isolated for bidi; Arabic text marked as such."""
    text = "" if value is None else str(value)
    lang = ' lang="ar"' if _ARABIC.search(text) else ""
    return f'<bdi dir="auto"{lang}>{escape(text)}</bdi>'


def _section(title: str, caption: str, content: str) -> str:
    return (
        f"<section>\n<h2>{escape(title)}</h2>\n<p class=caption>{caption}</p>\n{content}\n"
        "</section>"
    )


def _not_finished(run: dict[str, Any], html: bool = False) -> str:
    """What an unfinished run's missing finish time means, where the lock can tell."""
    if run["running_pid"] is not None:
        why = f"pid {run['running_pid']} holds the crawl lock; its counts are written at the end"
        return f"still running ({why})" if html else f"- (still running: {why})"
    if run.get("next_run") is not None:
        why = (
            f"stopped or killed; run {run['next_run']}, started after it, fetched what it "
            "had not stored"
        )
    else:
        # No lock held: killed, unless a scrapy crawl or scrapyd job (no lock) still writes.
        why = "killed, or a scrapy crawl or scrapyd job still running (they take no lock)"
    return f"not finished ({why})" if html else f"- (not finished: {why})"


def _badge_class(status: str) -> str:
    if status == "ok":
        return "ok"
    if status in ("unfinished", "running"):
        return "warn"
    return "bad"


def _header(summary: dict[str, Any]) -> str:
    run = summary["run"]
    status = summary["status"]
    articles = summary["articles"]
    facts = [
        (_dash(articles["stored"]), "articles stored"),
        (_dash(articles["new"]), "new"),
        (_dash(articles["changed"]), "changed"),
        (_dash(articles["unchanged"]), "unchanged"),
        (_dash(summary["sightings"]), "list items seen"),
        (_dash(summary["responses"]["total"]), "responses"),
        (str(summary["failures"]["total"]), "failures"),
        (_duration(run["duration_seconds"]), "duration"),
    ]
    items = "".join(f"<li><b>{escape(v)}</b><span>{escape(k)}</span></li>" for v, k in facts)
    meta = (
        f"started {escape(_dash(run['started_at']))} · finished "
        f"{escape(run['finished_at'] or _not_finished(run, html=True))} · "
        f"finish reason {escape(_dash(run['finish_reason']))} · "
        f"exit status {escape(_dash(run['exit_status']))}"
    )
    if summary["robots_forbidden"]:
        meta += f" · {summary['robots_forbidden']} requests forbidden by robots.txt"
    header = (
        f"<header>\n<h1>Run {escape(str(run['id']))} of {_text(run['site'])}</h1>\n"
        f'<span class="badge {_badge_class(status)}">{escape(status)}</span>\n'
        f"<p class=meta>{meta}</p>\n<ul class=facts>{items}</ul>\n</header>"
    )
    return header + _monitor_table(summary["monitor"])


def _monitor_table(monitor: dict[str, Any]) -> str:
    if monitor["status"] is None and not monitor["checks"]:
        return ""
    rows = []
    for check in monitor["checks"]:
        mark = {True: "✓", False: "✗", None: "·"}[check["ok"]]
        colour = {True: "#2e7d32", False: "#c62828", None: "#777"}[check["ok"]]
        extra = ", ".join(
            _value(v) if k == "detail" else f"{k} {_value(v)}"
            for k, v in check["extra"].items()
            if v is not None
        )
        rows.append(
            f'<tr><td style="color:{colour}">{mark}</td><td>{_text(check["name"])}</td>'
            f"<td class=n>{escape(_value(check['value']))}</td>"
            f"<td class=n>{escape(_value(check['threshold']))}</td>"
            f"<td>{_text(extra)}</td></tr>"
        )
    table = (
        "<table class=checks><tr><th></th><th>check</th><th class=n>value</th>"
        "<th class=n>threshold</th><th>details</th></tr>" + "".join(rows) + "</table>"
        if rows
        else ""
    )
    return _section("Monitor", f"Status: {_text(monitor['status'] or '-')}", table)


def _hourly_caption(summary: dict[str, Any]) -> str:
    hourly = summary["hourly"]
    site = _text(summary["run"]["site"])
    if not hourly:
        return f"No dated articles of {site} are stored."
    text = (
        f"The {hourly['in_window']} stored articles of {site} published in the 48 hours "
        f"before {escape(hourly['reference'])} (the latest time the site was seen up to this "
        "run), by publication hour (UTC) and category. Articles carry no run id, so this is "
        "the site's output, not only what this run stored."
    )
    if hourly["undated"]:
        text += f" {hourly['undated']} articles without a publication time are left out."
    return text


def _hourly_chart(hourly: dict[str, Any] | None) -> str:
    width, height = 1040, 300
    left, right, top, bottom = 40, 10, 12, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [_svg_open(width, height, "Articles per hour by category")]
    if not hourly or not hourly["in_window"]:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">')
        parts.append("No articles published in this window.</text></svg>")
        return "".join(parts)
    totals = [sum(hourly["counts"][c][i] for c in hourly["categories"]) for i in range(HOURS)]
    top_value, step = _scale(max(totals))
    slot = plot_w / HOURS
    bar = slot * 0.78
    parts += _y_grid(left, top, plot_w, plot_h, top_value, step)
    colours = dict(zip(hourly["categories"], PALETTE, strict=False))
    for i, hour in enumerate(hourly["hours"]):
        x = left + i * slot + (slot - bar) / 2
        base = top + plot_h
        for category in hourly["categories"]:
            count = hourly["counts"][category][i]
            if not count:
                continue
            h = plot_h * count / top_value
            base -= h
            label = f"{hour[:13]}:00Z · {category}: {count}"
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colours[category]}"><title>{escape(label)}</title></rect>'
            )
        if totals[i]:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{base - 3:.1f}" text-anchor="middle" '
                f'class="axis" font-size="10">{totals[i]}</text>'
            )
        hour_of_day = int(hour[11:13])
        if hour_of_day % 6 == 0:
            tick_x = left + i * slot
            parts.append(
                f'<line x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{top + plot_h}" '
                f'y2="{top + plot_h + 5}" stroke="#999"/>'
                f'<text x="{tick_x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'class="axis">{escape(hour[11:16])}</text>'
            )
            if hour_of_day == 0 or i < 6:
                parts.append(
                    f'<text x="{tick_x:.1f}" y="{top + plot_h + 33}" text-anchor="middle" '
                    f'class="axis">{escape(hour[:10])}</text>'
                )
    parts.append("</svg>")
    legend = "".join(
        f'<li><i style="background:{colours[c]}"></i>{_text(c)} ({sum(hourly["counts"][c])})</li>'
        for c in hourly["categories"]
    )
    return "".join(parts) + f"\n<ul class=legend>{legend}</ul>"


def _svg_open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
    )


def _scale(maximum: int) -> tuple[int, int]:
    """A round axis top above `maximum`, and the gridline step."""
    maximum = max(maximum, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if maximum / step <= 6:
            return step * -(-maximum // step), step
    step = 10 ** len(str(maximum // 6))
    return step * -(-maximum // step), step


def _y_grid(left: float, top: float, plot_w: float, plot_h: float, top_value: int, step: int):
    lines = []
    for value in range(0, top_value + 1, step):
        y = top + plot_h - plot_h * value / top_value
        lines.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#999" if value == 0 else "#e6e6e6"}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{value}</text>'
        )
    return lines


def _coverage_checks(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Monitor checks that name an article field, by field."""
    found: dict[str, dict[str, Any]] = {}
    for check in summary["monitor"]["checks"]:
        for field in summary["coverage"]["fields"]:
            if field in found:
                continue
            if re.search(rf"(?<![a-z]){re.escape(field)}(?![a-z])", check["name"].lower()):
                found[field] = check
                break
    return found


def _fraction(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value / 100.0 if value > 1 else float(value)


def _coverage_caption(summary: dict[str, Any]) -> str:
    if not _coverage_checks(summary):
        return ""
    return (
        " Black ticks mark the monitor's thresholds; dots are the values the monitor measured "
        "over this run's articles (green: passed, red: failed)."
    )


def _coverage_chart(summary: dict[str, Any]) -> str:
    cov = summary["coverage"]
    checks = _coverage_checks(summary)
    fields = list(cov["fields"])
    row_h, label_w, value_w, top = 26, 110, 150, 22
    width = 1040
    plot_w = width - label_w - value_w
    height = top + row_h * len(fields) + 8
    parts = [_svg_open(width, height, "Field coverage")]
    for pct in (0, 25, 50, 75, 100):
        x = label_w + plot_w * pct / 100
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 8}" stroke="#e6e6e6"/>'
            f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" class="axis">{pct}%</text>'
        )
    total = cov["total"]
    for i, field in enumerate(fields):
        count = cov["fields"][field]
        share = count / total if total else 0.0
        y = top + i * row_h
        check = checks.get(field)
        threshold = _fraction(check["threshold"]) if check else None
        failing = threshold is not None and share < threshold
        colour = "#e15759" if failing else "#4e79a7"
        label = f"{field}: {count} of {total} ({_percent(count, total)})"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(field)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{plot_w:.1f}" height="{row_h - 8}" '
            f'fill="#f0f0f0"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{plot_w * share:.1f}" '
            f'height="{row_h - 8}" fill="{colour}"><title>{escape(label)}</title></rect>'
            f'<text x="{label_w + plot_w + 8}" y="{y + 17}">'
            f"{escape(_percent(count, total))} ({count}/{total})</text>"
        )
        if threshold is not None:
            x = label_w + plot_w * min(threshold, 1.0)
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" y2="{y + row_h - 1}" '
                f'stroke="#111" stroke-width="3"><title>threshold '
                f"{escape(_value(check['threshold']))}</title></line>"
            )
        value = _fraction(check["value"]) if check else None
        if value is not None:
            x = label_w + plot_w * min(value, 1.0)
            dot = "#c62828" if check["ok"] is False else "#2e7d32"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y + row_h / 2}" r="5" fill="{dot}" stroke="#fff">'
                f"<title>{escape(check['name'])}: {escape(_value(check['value']))}</title>"
                "</circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _hbars(title: str, rows: list[tuple[str, int, str]], empty: str) -> str:
    """Horizontal bars: (label, count, colour) rows; Arabic labels render right to left."""
    label_w, value_w, row_h, top = 330, 60, 24, 26
    width = 1040
    plot_w = width - label_w - value_w
    height = top + row_h * max(len(rows), 1) + 6
    parts = [
        _svg_open(width, height, title),
        f'<text x="0" y="15" font-weight="600">{escape(title)}</text>',
    ]
    if not rows:
        parts.append(f'<text x="{label_w}" y="{top + 16}" class="axis">{escape(empty)}</text>')
    biggest = max((count for _, count, _ in rows), default=1)
    for i, (label, count, colour) in enumerate(rows):
        y = top + i * row_h
        shown = label if len(label) <= 48 else label[:47] + "…"
        bidi = ' direction="rtl" unicode-bidi="embed"' if _ARABIC.search(shown) else ""
        anchor = "start" if bidi else "end"  # rtl text: "start" is its right edge
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="{anchor}"{bidi}>'
            f"{escape(shown)}<title>{escape(label)}</title></text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{max(plot_w * count / biggest, 2):.1f}" '
            f'height="{row_h - 6}" fill="{colour}"><title>{escape(label)}: {count}</title></rect>'
            f'<text x="{label_w + plot_w * count / biggest + 6:.1f}" y="{y + 16}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _failures_chart(failures: dict[str, Any]) -> str:
    stage_colours = {"http": "#f28e2b", "download": "#e15759", "extract": "#b07aa1"}
    rows = [
        (f"{stage}: {reason}", count, stage_colours.get(stage, "#9c755f"))
        for stage, reason, count in failures["by_stage_reason"][:15]
    ]
    hidden = len(failures["by_stage_reason"]) - len(rows)
    chart = _hbars("Failures by stage: reason", rows, "No failures recorded in this run.")
    if hidden > 0:
        chart += f"<p class=caption>… and {hidden} more stage/reason pairs.</p>"
    return chart


def _status_chart(responses: dict[str, Any]) -> str:
    colours = {"2": "#59a14f", "3": "#4e79a7", "4": "#f28e2b", "5": "#e15759"}
    rows = [
        (f"HTTP {status}", count, colours.get(status[:1], "#bab0ac"))
        for status, count in responses["by_status"].items()
    ]
    return _hbars("HTTP responses by status", rows, "No responses recorded in the run's stats.")


def _runs_table(summary: dict[str, Any]) -> str:
    current = summary["run"]["id"]
    rows = []
    for run in summary["recent_runs"]:
        css = ' class="current"' if run["id"] == current else ""
        articles = _dash(run["articles"])
        if run["articles_new"] is not None:
            articles += f" ({run['articles_new']} new)"
        rows.append(
            f"<tr{css}><td class=n>{run['id']}</td><td>{escape(_dash(run['started_at']))}</td>"
            f"<td class=n>{escape(_duration(run['duration_seconds']))}</td>"
            f"<td class=n>{escape(articles)}</td><td class=n>{escape(_dash(run['failures']))}</td>"
            f"<td class=n>{escape(_dash(run['exit_status']))}</td>"
            f"<td>{escape(_dash(run['finish_reason']))}</td></tr>"
        )
    return (
        "<table><tr><th class=n>run</th><th>started (UTC)</th><th class=n>duration</th>"
        "<th class=n>articles</th><th class=n>failures</th><th class=n>exit status</th>"
        "<th>finish reason</th></tr>" + "".join(rows) + "</table>"
    )
