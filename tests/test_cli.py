"""The `scraper` command as a user runs it."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
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


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def _crawl_interrupted(tmp_path: Path, presses: int) -> tuple[str, str, Path]:
    """A crawl of a slow copy of the bundled site, Ctrl-C pressed `presses` times once it
    stored a few articles: its stdout, its stderr and its database."""
    site = tmp_path / "slow-zox.toml"
    text = (Path(__file__).parent.parent / "scraper/sites/zox-demo.toml").read_text()
    site.write_text(
        text.replace("download_delay = 0.0", "download_delay = 0.3").replace(
            "concurrency = 8", "concurrency = 1"
        )
    )
    db = tmp_path / "news.db"
    with BackgroundServer() as base_url:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", str(site), "--db", str(db),
             "--base-url", base_url, "--set", "SCRAPER_PROGRESS=True"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while _articles(db) < 3 and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.2)
        for _ in range(presses):
            crawl.send_signal(signal.SIGINT)
            # Long enough for Python to run the handler, short of an orderly close.
            time.sleep(0.05)
        out, err = crawl.communicate(timeout=60)
    assert crawl.returncode == 1, err[-2000:]
    return out, re.split(r"[\r\n]+", err.strip())[-1].strip(), db


def test_a_forced_stop_says_so_on_the_progress_line_and_what_was_kept(tmp_path):
    # A second Ctrl-C stops the reactor before the spider closes: the progress line must
    # not stay as its last tick left it, but say the crawl was forced to stop and what the
    # database kept.
    out, last, db = _crawl_interrupted(tmp_path, presses=2)
    assert "stopped before it could record one" in out
    assert not last.startswith("pages "), last  # the last tick, a second old, said nothing
    kept = re.fullmatch(
        r"forced to stop: kept the (\d+) articles and \d+ list items committed so far; "
        r"the pages in flight are lost, and the next run fetches them",
        last,
    )
    assert kept, last
    assert 3 <= int(kept.group(1)) <= _articles(db)


def test_a_stop_by_one_ctrl_c_says_the_run_ended_early(tmp_path):
    out, last, _ = _crawl_interrupted(tmp_path, presses=1)
    assert "finish reason shutdown" in out
    assert last.startswith("stopped before the end (Ctrl-C or SIGTERM)"), last


def test_the_progress_line_says_a_first_ctrl_c_is_stopping_the_crawl(tmp_path):
    # After a first Ctrl-C the crawl waits for its pages in flight, up to a download
    # timeout: the line must say it is stopping, not sit there as if nothing happened.
    import http.server
    import threading

    asked = threading.Event()

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.set()
            time.sleep(4)  # a slow site: the request is in flight when Ctrl-C comes
            body = b"<html><body><p>slow</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "zox-demo", "--db",
             str(tmp_path / "news.db"), "--base-url", f"http://127.0.0.1:{server.server_port}",
             "--set", "SCRAPER_PROGRESS=True"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert asked.wait(60)
        time.sleep(0.3)
        crawl.send_signal(signal.SIGINT)
        out, err = crawl.communicate(timeout=60)
    finally:
        server.shutdown()
        server.server_close()
    assert "finish reason shutdown" in out, out + err[-2000:]
    assert re.search(
        r"(^|\r)stopping: the pages in flight first \(Ctrl-C again forces it\)  pages ", err, re.M
    ), err[-3000:]
    assert err.rstrip().endswith("the next run fetches the rest")
