"""The `scraper` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth

TRUTH = load_truth()


def scraper(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args], input=stdin, capture_output=True, timeout=120
    )


def test_extract_one_file_with_url_and_reference():
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    done = scraper(
        "extract",
        str(BUNDLED_SITE / sample["file"]),
        "--url",
        sample["url"],
        "--reference",
        "2025-12-15T09:02:37Z",
    )
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["page_type"] == "article"
    assert record["reference_time"] == "2025-12-15T09:02:37Z"
    assert record["article"]["source"] == ["منصة مزيج"]
    assert record["article"]["category"]["name"] == "دولي"
    assert [i["time_raw"] for i in record["list_items"][:2]] == ["11 ساعة ago", "11 ساعة ago"]


def test_extract_several_files_prints_one_line_each_in_order():
    files = [a["file"] for a in TRUTH["articles"][:3]] + ["pages/home.html"]
    done = scraper("extract", *(str(BUNDLED_SITE / f) for f in files))
    assert done.returncode == 0, done.stderr.decode()
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["page_type"] for r in records] == ["article", "article", "article", "listing"]
    for record, expected in zip(records, TRUTH["articles"][:3], strict=False):
        # URL from each page's canonical link, reference from the saved site's manifest.
        assert record["article"]["headline"] == expected["headline"]
        assert record["article"]["post_id"] == expected["post_id"]
        page = next(p for p in TRUTH["pages"] if p["file"] == expected["file"])
        assert record["reference_time"] == page["date"]
    assert records[3]["article"] is None and records[3]["reason"]


def test_extract_reads_stdin():
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    body = (BUNDLED_SITE / sample["file"]).read_bytes()
    done = scraper("extract", "-", "--reference", "2025-12-15T09:02:37Z", stdin=body)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["article"]["headline"].startswith("مدير مكتب الأسد")


def test_dates_command_echoes_each_line_with_its_window():
    lines = "11 ساعة ago\nمنذ ٣ ساعات\n14 ديسمبر، 2025\nكلام فارغ\n"
    done = scraper(
        "dates",
        "--reference",
        "2025-12-15T09:00:00Z",
        "--timezone",
        "Europe/Istanbul",
        stdin=lines.encode(),
    )
    assert done.returncode == 0, done.stderr.decode()
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o["input"] for o in out] == lines.splitlines()
    assert (out[0]["earliest"], out[0]["latest"]) == (
        "2025-12-14T21:30:01Z",
        "2025-12-14T22:30:00Z",
    )
    assert out[1]["kind"] == "relative" and out[1]["value"] == "2025-12-15T06:00:00Z"
    assert out[2]["precision"] == "day" and out[2]["earliest"] == "2025-12-13T21:00:00Z"
    assert out[3]["kind"] == "none" and out[3]["value"] is None and out[3]["reason"]


def test_dates_without_a_zone_reads_a_bare_time_as_extract_does_and_says_so():
    # `scraper extract` without --site reads a time printed without an offset in the
    # "unknown" zone (UTC-12 to UTC+14); `dates` without --timezone must agree, not take UTC.
    lines = "14 ديسمبر، 2025 10:30\n2025-12-14T10:30:00+03:00\n"
    done = scraper("dates", "--reference", "2025-12-15T09:00:00Z", stdin=lines.encode())
    assert done.returncode == 0, done.stderr.decode()
    bare, offset = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert bare["timezone"] == offset["timezone"] == "unknown"
    assert (bare["earliest"], bare["latest"]) == ("2025-12-13T20:30:00Z", "2025-12-14T22:30:59Z")
    assert offset["earliest"] == offset["latest"] == "2025-12-14T07:30:00Z"  # its own offset
    named = scraper(
        "dates",
        "--reference",
        "2025-12-15T09:00:00Z",
        "--timezone",
        "unknown",
        stdin=lines.encode(),
    )
    assert named.returncode == 0 and named.stdout == done.stdout, named.stderr.decode()
    utc = scraper(
        "dates", "--reference", "2025-12-15T09:00:00Z", "--timezone", "UTC", stdin=lines.encode()
    )
    first = json.loads(utc.stdout.decode().splitlines()[0])
    assert (first["timezone"], first["earliest"]) == ("UTC", "2025-12-14T10:30:00Z")


def test_a_crawl_stopped_before_it_closed_reports_no_finish_reason_as_such(capsys):
    # A second Ctrl-C stops Scrapy before the spider closes: its stats have responses and
    # stored records but no finish reason, and the monitor recorded no verdict.
    from scraper.cli import _report_crawl
    from scraper.ops.monitor import EXIT_UNFINISHED

    stats = {"downloader/response_count": 12, "store/articles": 8, "store/list_items": 236}
    code = _report_crawl({"zox-demo": (stats, EXIT_UNFINISHED, [])}, "news.db")
    lines = capsys.readouterr().out.splitlines()
    assert code == EXIT_UNFINISHED
    assert lines[0].endswith(
        "finish reason - (stopped before it could record one; the next run completes it)"
    )
    assert "None" not in lines[0]
