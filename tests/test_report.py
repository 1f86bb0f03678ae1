"""The run report (`scraper.ops.report`) over a real crawl of the bundled site."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scraper.ops.report import format_run_summary, run_summary, write_html
from scraper.ops.runlock import crawl_locks

CRAWLED_ARTICLES = 57  # the bundled site's articles (tests/test_crawl.py)


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def copy_db(source: Path, target: Path) -> Path:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="module")
def report(crawled_db, tmp_path_factory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    path = write_html(crawled_db, out)
    assert path == out
    return run_summary(crawled_db), out.read_text(encoding="utf-8")


def test_summary_counts_match_the_crawl(crawled_db, report):
    summary, _ = report
    (run_id,) = query(crawled_db, "SELECT max(id) FROM crawl_runs")[0]
    assert summary["run"]["id"] == run_id
    assert summary["run"]["site"] == "zox-demo"
    assert summary["run"]["exit_status"] == 0
    assert summary["status"] == "ok"
    assert summary["articles"]["stored"] == CRAWLED_ARTICLES
    assert summary["articles"]["new"] == CRAWLED_ARTICLES
    assert summary["articles"]["changed"] == 0
    assert query(crawled_db, "SELECT count(*) FROM articles")[0][0] == CRAWLED_ARTICLES
    (stats,) = query(crawled_db, "SELECT stats FROM crawl_runs WHERE id = ?", (run_id,))[0]
    assert summary["sightings"] == json.loads(stats)["store/list_items"]
    (sightings,) = query(crawled_db, "SELECT count(*) FROM list_item_sightings")[0]
    assert 0 < sightings <= summary["sightings"]  # one row per item, page and render time
    assert summary["run"]["duration_seconds"] >= 0


def test_failures_and_statuses_include_the_dead_link(crawled_db, report):
    summary, html = report
    assert ["http", "HTTP 404", 1] in summary["failures"]["by_stage_reason"]
    (rows,) = query(
        crawled_db, "SELECT count(*) FROM failures WHERE run_id = ?", (summary["run"]["id"],)
    )[0]
    assert summary["failures"]["total"] == rows
    assert summary["responses"]["by_status"]["404"] >= 1
    assert summary["responses"]["by_status"]["200"] > CRAWLED_ARTICLES
    assert "http: HTTP 404" in html
    assert "HTTP 404" in html and "HTTP 200" in html
    text = format_run_summary(summary)
    assert f"Run {summary['run']['id']} of zox-demo: ok" in text
    assert "http: HTTP 404" in text
    assert f"Articles stored: {CRAWLED_ARTICLES} (new {CRAWLED_ARTICLES}" in text


def test_html_is_self_contained_with_one_svg_per_chart(report):
    _, html = report
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" dir="ltr">' in html
    for chart in (
        "Articles per hour by category",
        "Field coverage",
        "Failures by stage: reason",
        "HTTP responses by status",
    ):
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
        assert f'aria-label="{chart}"' in html
    assert html.count("<svg") == html.count("</svg>") == 4
    assert "<script" not in html and "<link" not in html and "src=" not in html


def test_hourly_chart_has_the_arabic_categories_of_the_window(crawled_db, report):
    summary, html = report
    hourly = summary["hourly"]
    rows = query(
        crawled_db,
        "SELECT category, count(*) FROM articles WHERE published_at >= ? AND published_at < ? "
        "GROUP BY 1",
        (hourly["start"], hourly["end"]),
    )
    assert rows, "the bundled site has articles in the 48 hours before its render time"
    assert hourly["in_window"] == sum(count for _, count in rows)
    assert set(hourly["categories"]) == {category for category, _ in rows}
    for category, count in rows:
        assert sum(hourly["counts"][category]) == count
        assert f'<bdi dir="auto" lang="ar">{category}</bdi> ({count})' in html
    (latest,) = query(crawled_db, "SELECT max(last_seen_at) FROM articles")[0]
    assert hourly["reference"] == latest


def test_coverage_percentages_are_the_databases(crawled_db, report):
    summary, html = report
    (total,) = query(crawled_db, "SELECT count(*) FROM articles")[0]
    present = {
        "headline": "headline IS NOT NULL AND headline != ''",
        "source": "source IS NOT NULL AND source != '[]'",
        "modified_at": "modified_at IS NOT NULL AND modified_at != ''",
        "image": "image IS NOT NULL AND image != ''",
    }
    for field, condition in present.items():
        (count,) = query(crawled_db, f"SELECT count(*) FROM articles WHERE {condition}")[0]
        assert summary["coverage"]["fields"][field] == count
        assert f"{100 * count / total:.1f}% ({count}/{total})" in html
    assert summary["coverage"]["fields"]["source"] < total  # some articles carry no source line
    assert "articles carry no run id" in html


def test_recent_runs_table(crawled_db, report):
    summary, html = report
    runs = query(crawled_db, "SELECT id FROM crawl_runs ORDER BY id DESC")
    assert [run["id"] for run in summary["recent_runs"]] == [row[0] for row in runs]
    assert '<tr class="current">' in html


def test_hostile_text_is_escaped(crawled_db, tmp_path):
    db = copy_db(crawled_db, tmp_path / "hostile.db")
    hostile = "<script>alert(1)</script>"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "UPDATE articles SET category = ? WHERE id = "
            "(SELECT id FROM articles ORDER BY published_at DESC LIMIT 1)",
            (hostile,),
        )
        conn.execute(
            "INSERT INTO failures (site, url, stage, reason, time, run_id) "
            "VALUES ('zox-demo', 'http://x/', 'extract', ?, '2025-12-15T09:00:00Z', "
            "(SELECT max(id) FROM crawl_runs))",
            ('<img src=x onerror="alert(2)">',),
        )
        conn.commit()
    html = write_html(db, tmp_path / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html


def test_monitor_checks_are_shown_with_thresholds(crawled_db, tmp_path):
    db = copy_db(crawled_db, tmp_path / "monitored.db")
    with closing(sqlite3.connect(db)) as conn:
        (run_id, stats) = conn.execute(
            "SELECT id, stats FROM crawl_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        stats = json.loads(stats)
        stats["monitor/status"] = "drift"
        stats["monitor/checks"] = [
            {
                "name": "source",
                "value": 0.75,
                "threshold": 0.9,
                "ok": False,
                "detail": "43 of 57",
                "chance": 0.00124,
            },
            {"name": "headline", "value": 1.0, "threshold": 0.9, "ok": True, "chance": None},
            {"name": "http_error_rate", "value": 0.0123, "threshold": 0.2, "ok": True},
        ]
        stats["monitor/present/source"] = 43
        stats["monitor/zero_articles"] = {"value": 57, "ok": True}
        conn.execute(
            "UPDATE crawl_runs SET stats = ?, exit_status = 3 WHERE id = ?",
            (json.dumps(stats), run_id),
        )
        conn.commit()
    summary = run_summary(db, run_id)
    assert summary["status"] == "drift"
    assert [check["name"] for check in summary["monitor"]["checks"]] == [
        "source",
        "headline",
        "http_error_rate",
        "zero_articles",
    ]
    assert summary["monitor"]["counters"]["present/source"] == 43
    text = format_run_summary(summary)
    assert "FAIL source: 0.75 (threshold 0.9); 43 of 57; chance 0.00124" in text
    assert "headline: 1 (threshold 0.9)\n" in text
    html = write_html(db, tmp_path / "monitored.html").read_text(encoding="utf-8")
    assert "43 of 57, chance 0.00124" in html and "chance -" not in html
    assert '<span class="badge bad">drift</span>' in html
    assert html.count("<title>threshold 0.9</title>") == 2


def with_unfinished_run(crawled_db: Path, path: Path) -> Path:
    """A copy of the crawled database whose latest run row has no finish time nor stats yet
    (a run still writing, or one killed)."""
    db = copy_db(crawled_db, path)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO crawl_runs (site, started_at) VALUES ('zox-demo', '2025-12-15T10:00:00Z')"
        )
        conn.commit()
    return db


def test_missing_stats_do_not_crash(crawled_db, tmp_path):
    db = with_unfinished_run(crawled_db, tmp_path / "bare.db")
    summary = run_summary(db)
    assert summary["status"] == "unfinished"
    assert summary["articles"]["stored"] is None
    assert summary["responses"] == {"total": None, "by_status": {}, "errors": 0, "retried": 0}
    text = format_run_summary(summary)
    # No stats written: the responses are unknown, not none; nothing holds the lock.
    assert "Responses: -\n" in text
    assert "not finished: killed, or a scrapy crawl or scrapyd job still running" in text
    html = write_html(db, tmp_path / "bare.html").read_text(encoding="utf-8")
    assert "No failures recorded in this run." in html


def test_a_killed_run_a_later_run_completed_says_so(crawled_db, tmp_path):
    # A kill -9 leaves its run row unfinished for good; once a later run of the site
    # started, the report must not ask whether it is still running.
    db = with_unfinished_run(crawled_db, tmp_path / "killed.db")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO crawl_runs (site, started_at, finished_at, finish_reason, exit_status)"
            " VALUES ('zox-demo', '2025-12-15T11:00:00Z', '2025-12-15T11:01:00Z', 'finished', 0)"
        )
        conn.commit()
        (killed,) = conn.execute(
            "SELECT min(id) FROM crawl_runs WHERE finished_at IS NULL"
        ).fetchone()
    text = format_run_summary(run_summary(db, killed))
    assert f"not finished: stopped or killed; run {killed + 1}, started after it" in text
    assert "still running" not in text


def test_a_run_whose_crawl_holds_the_lock_is_reported_running(crawled_db, tmp_path):
    # A report read while `scraper crawl` writes: its run row has no finish time yet.
    db = with_unfinished_run(crawled_db, tmp_path / "live.db")
    with crawl_locks(db, ["zox-demo"]):
        summary = run_summary(db)
        earlier = run_summary(db, summary["run"]["id"] - 1)
        html = write_html(db, tmp_path / "live.html").read_text(encoding="utf-8")
    assert summary["status"] == "running"
    assert f"still running: pid {os.getpid()} holds the crawl lock" in format_run_summary(summary)
    assert f"still running (pid {os.getpid()} holds the crawl lock" in html
    assert earlier["status"] == "ok"  # the lock speaks for the latest run only
    # Once the crawl is gone (killed: its lock released), the run is unfinished again.
    assert run_summary(db)["status"] == "unfinished"


def test_unknown_run_and_empty_database(crawled_db, tmp_path):
    with pytest.raises(ValueError, match="no run 999"):
        run_summary(crawled_db, 999)
    with pytest.raises(ValueError, match="no run 999"):
        write_html(crawled_db, tmp_path / "never.html", run_id=999)
    assert not (tmp_path / "never.html").exists()

    from scraper.store import Store

    Store(tmp_path / "empty.db").close()
    with pytest.raises(ValueError, match="no crawl runs"):
        run_summary(tmp_path / "empty.db")
    with pytest.raises(FileNotFoundError):
        run_summary(tmp_path / "absent.db")


def test_the_crawls_own_monitor_checks_mark_the_coverage_chart(report):
    summary, html = report
    checks = [c for c in summary["monitor"]["checks"] if c["name"] in summary["coverage"]["fields"]]
    if not checks:
        pytest.skip("this crawl records no monitor checks")
    assert summary["monitor"]["status"] is not None
    assert html.count("<title>threshold ") == len(checks)
    for check in checks:
        assert f'<bdi dir="auto">{check["name"]}</bdi>' in html
