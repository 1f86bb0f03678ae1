"""Exports and statistics, as a researcher uses them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq

from scraper.store.export import export
from scraper.store.queries import statistics
from scraper.testkit.truth import load_truth

TRUTH = load_truth()


def by_category(name: str) -> int:
    return sum(1 for a in TRUTH["articles"] if a["category"]["name"] == name)


def test_jsonl_export_decodes_json_columns_and_filters(fixture_db):
    out = io.StringIO()
    count = export(fixture_db, "jsonl", out, category="دولي")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows) == by_category("دولي")
    sample = next(r for r in rows if r["headline"].startswith("مدير مكتب الأسد"))
    assert sample["source"] == ["منصة مزيج"]
    assert sample["categories"][0]["name"] == "دولي"
    assert isinstance(sample["provenance"], dict)


def test_csv_export_round_trips(fixture_db, tmp_path):
    path = tmp_path / "a.csv"
    assert export(fixture_db, "csv", path, since="2025-12-14T00:00:00Z") > 0
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert all(r["published_at"] >= "2025-12-14T00:00:00Z" for r in rows)
    everything = io.StringIO()
    export(fixture_db, "jsonl", everything)
    stored = [json.loads(line) for line in everything.getvalue().splitlines()]
    expected = {r["headline"] for r in stored if r["published_at"] >= "2025-12-14T00:00:00Z"}
    assert 0 < len(expected) < len(stored)
    assert {r["headline"] for r in rows} == expected


def test_parquet_export(fixture_db, tmp_path):
    path = tmp_path / "a.parquet"
    assert export(fixture_db, "parquet", path) == len(TRUTH["articles"])
    table = pq.read_table(path)
    assert table.num_rows == len(TRUTH["articles"])
    sources = dict(
        zip(table.column("headline").to_pylist(), table.column("source").to_pylist(), strict=True)
    )
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    assert sources[sample["headline"]] == ["منصة مزيج"]


def test_statistics_count_sites_categories_days_and_coverage(fixture_db):
    stats = statistics(fixture_db, days=1000)
    assert stats["per_site"] == [["zox-demo", len(TRUTH["articles"])]]
    assert dict(stats["per_category"]) == {
        name: by_category(name) for name in {a["category"]["name"] for a in TRUTH["articles"]}
    }
    assert sum(count for _, count in stats["per_day"]) == len(TRUTH["articles"])
    coverage = stats["coverage"]
    assert coverage["source"] == sum(1 for a in TRUTH["articles"] if a["sources"])
    assert coverage["headline"] == coverage["total"] == len(TRUTH["articles"])


def test_cli_export_and_stats(fixture_db, tmp_path):
    run = [sys.executable, "-m", "scraper"]
    done = subprocess.run(
        [*run, "stats", "--db", str(fixture_db), "--category", "دولي", "--json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["coverage"]["total"] == by_category("دولي")
    done = subprocess.run(
        [*run, "export", "--db", str(fixture_db), "--format", "parquet"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "give --output FILE" in done.stderr
    done = subprocess.run(
        [*run, "export", "--db", str(tmp_path / "none.db"), "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "no database" in done.stderr


def test_filters_are_parameters_not_sql(fixture_db):
    hostile = "دولي' OR '1'='1"
    out = io.StringIO()
    assert export(fixture_db, "jsonl", out, category=hostile) == 0
    assert statistics(fixture_db, category=hostile)["coverage"]["total"] == 0
    # And the table is still there.
    assert statistics(fixture_db)["coverage"]["total"] == len(TRUTH["articles"])
