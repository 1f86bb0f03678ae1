"""Exports and statistics, as a researcher uses them."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq

from scraper.store.export import export
from scraper.store.queries import local_day, statistics
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


def test_days_are_counted_in_the_sites_own_time_zone(crawled_db):
    # WordPress dates a permalink by the site's own calendar day: /2013/09/20/ for a page
    # printing only "2013-09-20" in Istanbul, stored as 2013-09-19T21:00:00Z (local midnight).
    permalink_days = Counter(
        "-".join(re.search(r"/(\d{4})/(\d\d)/(\d\d)/", a["url"]).groups())
        for a in TRUTH["articles"]
    )
    stats = statistics(crawled_db, days=1000)
    assert stats["time_zones"] == {"zox-demo": "Europe/Istanbul"}
    assert dict(stats["per_local_day"]) == permalink_days
    assert [day for day, _ in stats["per_local_day"]] == sorted(permalink_days, reverse=True)
    assert stats["per_local_day"][0] == ["2025-12-15", permalink_days["2025-12-15"]]
    assert statistics(crawled_db, days=3)["per_local_day"] == stats["per_local_day"][:3]


def test_local_days_in_a_half_hour_zone(crawled_db, tmp_path):
    # Tehran is UTC+03:30: a day boundary falls at 20:30Z, inside a UTC hour.
    path = tmp_path / "news.db"
    shutil.copy(crawled_db, path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE sites SET timezone = 'Asia/Tehran'")
        conn.execute(
            "UPDATE articles SET published_at = '2025-12-14T20:29:59Z' "
            "WHERE id = (SELECT min(id) FROM articles)"
        )
        conn.execute(
            "UPDATE articles SET published_at = '2025-12-14T20:30:00Z' "
            "WHERE id = (SELECT max(id) FROM articles)"
        )
        stored = [row[0] for row in conn.execute("SELECT published_at FROM articles")]
    tehran = ZoneInfo("Asia/Tehran")
    expected = Counter(
        datetime.fromisoformat(time).astimezone(tehran).date().isoformat() for time in stored
    )
    assert dict(statistics(path, days=1000)["per_local_day"]) == expected
    assert local_day("2025-12-14T20:29:59Z", "Asia/Tehran") == "2025-12-14"
    assert local_day("2025-12-14T20:30:00Z", "Asia/Tehran") == "2025-12-15"


def test_local_day_without_a_known_zone_is_the_utc_day():
    assert local_day("2025-12-14T21:55:08Z", "unknown") == "2025-12-14"
    assert local_day("2025-12-14T21:55:08Z", None) == "2025-12-14"
    assert local_day("2025-12-14T21:55:08Z", "Europe/Istanbul") == "2025-12-15"
    # A year-9999 date cannot be moved east of UTC: it keeps its UTC day, no crash.
    assert local_day("9999-12-31T23:00:00Z", "Asia/Tokyo") == "9999-12-31"
    assert local_day(None, "Europe/Istanbul") is None


def test_cli_stats_names_the_zone_of_its_days(crawled_db):
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "stats", "--db", str(crawled_db), "--days", "2"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Articles per day (the site's own day: Europe/Istanbul; latest first):" in done.stdout
    assert "2025-12-15" in done.stdout and "2025-12-13" not in done.stdout
    assert "note:" not in done.stderr
    # A UTC day's bounds take in the evening before the site's day: the note says why.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scraper",
            "stats",
            "--db",
            str(crawled_db),
            "--until",
            "2025-12-14",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "  2025-12-15" in done.stdout  # Istanbul's day had begun at 21:00Z
    assert "--since and --until bound UTC times" in done.stderr
    assert "(Europe/Istanbul)" in done.stderr


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


def test_excel_csv_starts_with_a_byte_order_mark(fixture_db, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert export(fixture_db, "csv", plain) == export(fixture_db, "csv", excel, excel=True) > 0
    plain_bytes, excel_bytes = plain.read_bytes(), excel.read_bytes()
    assert not plain_bytes.startswith(codecs.BOM_UTF8)
    assert excel_bytes == codecs.BOM_UTF8 + plain_bytes
    # Rows end in CRLF; line breaks inside quoted bodies stay as they are.
    assert excel_bytes.count(b"\r\n") >= len(TRUTH["articles"]) + 1
    assert excel_bytes.startswith(codecs.BOM_UTF8 + b"id,url,site,") and excel_bytes.endswith(
        b"\r\n"
    )
    with open(excel, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:3] == ["id", "url", "site"]  # the mark is not part of the first name
    assert {r["headline"] for r in rows} == {a["headline"] for a in TRUTH["articles"]}


def test_cli_excel_option(fixture_db, tmp_path):
    run = [sys.executable, "-m", "scraper", "export", "--db", str(fixture_db)]
    path = tmp_path / "a.csv"
    done = subprocess.run(
        [*run, "--format", "csv", "--excel", "--output", str(path), "--category", "دولي"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffid,url,")
    assert len(list(csv.DictReader(io.StringIO(text[1:])))) == by_category("دولي")
    done = subprocess.run([*run, "--format", "jsonl", "--excel"], capture_output=True, text=True)
    assert done.returncode == 2 and "--excel applies to CSV only" in done.stderr


def test_parquet_times_are_utc_timestamps(fixture_db, tmp_path):
    path = tmp_path / "a.parquet"
    export(fixture_db, "parquet", path)
    table = pq.read_table(path)
    utc = pa.timestamp("us", tz="UTC")
    for name in (
        "published_at",
        "modified_at",
        "reference_time",
        "first_seen_at",
        "last_changed_at",
    ):
        assert table.schema.field(name).type == utc, name
    assert table.schema.field("published_raw").type == pa.string()  # the text as printed
    stored = io.StringIO()
    export(fixture_db, "jsonl", stored)
    expected = {
        r["url"]: datetime.fromisoformat(r["published_at"]) if r["published_at"] else None
        for r in map(json.loads, stored.getvalue().splitlines())
    }
    got = dict(
        zip(table.column("url").to_pylist(), table.column("published_at").to_pylist(), strict=True)
    )
    assert got == expected
    assert all(moment is None or moment.utcoffset() == timedelta(0) for moment in got.values())
    assert any(moment is not None for moment in got.values())


def test_parquet_sighting_windows_are_utc_timestamps(fixture_db, tmp_path):
    db = tmp_path / "news.db"
    shutil.copy(fixture_db, db)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.executemany(
            "INSERT INTO list_item_sightings (site, item_url, page_url, widget, time_raw, "
            "published_at, earliest, latest, reason, reference_time) "
            "VALUES ('zox-demo', ?, 'https://x.example/', ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    "https://x.example/a",
                    "more",
                    "منذ 3 ساعات",
                    "2025-12-15T06:00:00Z",
                    "2025-12-15T05:00:00Z",
                    "2025-12-15T06:59:59Z",
                    None,
                    "2025-12-15T09:00:00Z",
                ),
                (
                    "https://x.example/b",
                    "home",
                    "أمس",
                    None,
                    None,
                    None,
                    "no window",
                    "2025-12-15T09:00:00Z",
                ),
            ],
        )
    path = tmp_path / "s.parquet"
    assert export(db, "parquet", path, table="sightings") == 2
    table = pq.read_table(path)
    for name in ("published_at", "earliest", "latest", "reference_time"):
        assert table.schema.field(name).type == pa.timestamp("us", tz="UTC"), name
    assert table.column("earliest").to_pylist() == [datetime(2025, 12, 15, 5, tzinfo=UTC), None]
    assert table.column("time_raw").to_pylist() == ["منذ 3 ساعات", "أمس"]


def test_a_filter_naming_nothing_stored_says_so_and_what_was_meant(crawled_db):
    run = [sys.executable, "-m", "scraper"]
    db = ["--db", str(crawled_db)]
    # Typed without the madda, or as its first word only: exact matching selects nothing.
    for typed in ("تركيا الان", "تركيا"):
        done = subprocess.run(
            [*run, "export", *db, "--format", "jsonl", "--category", typed],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0 and done.stdout == ""
        assert (
            f"scraper export: note: --category '{typed}': no stored articles row has this "
            "category (matched exactly); did you mean 'تركيا الآن'?"
        ) in done.stderr
    done = subprocess.run(
        [*run, "stats", *db, "--site", "akhbar-turkiya"], capture_output=True, text=True
    )
    assert "--site 'akhbar-turkiya': no stored articles row has this site" in done.stderr
    assert "the stored ones: 'zox-demo'" in done.stderr
    done = subprocess.run(
        [*run, "export", *db, "--format", "jsonl", "--category", "تركيا الآن"],
        capture_output=True,
        text=True,
    )
    assert "note:" not in done.stderr and len(done.stdout.splitlines()) == by_category("تركيا الآن")


def test_an_empty_csv_export_still_has_its_header(fixture_db):
    full, empty = io.StringIO(), io.StringIO()
    assert export(fixture_db, "csv", full) == len(TRUTH["articles"])
    assert export(fixture_db, "csv", empty, site="no-such-site") == 0
    header = full.getvalue().split("\r\n", 1)[0]
    assert empty.getvalue() == header + "\r\n"
    assert header.startswith("id,url,site,") and "published_raw" in header
    sightings = io.StringIO()
    assert export(fixture_db, "csv", sightings, table="sightings", site="no-such-site") == 0
    assert sightings.getvalue().startswith("id,site,item_url,page_url,widget,")


def test_every_parquet_export_of_a_table_has_one_schema(fixture_db, tmp_path):
    full, empty, sightings = tmp_path / "full.parquet", tmp_path / "none.parquet", tmp_path / "s"
    assert export(fixture_db, "parquet", full) == len(TRUTH["articles"])
    assert export(fixture_db, "parquet", empty, category="تركيا") == 0  # no such category
    assert export(fixture_db, "parquet", sightings, table="sightings", site="x") == 0
    schema = pq.read_schema(full)
    assert pq.read_schema(empty).equals(schema)
    assert schema.field("post_id").type == pa.int64()
    assert schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("source").type == pa.list_(pa.string())
    assert pq.read_schema(sightings).field("earliest").type == pa.timestamp("us", tz="UTC")
