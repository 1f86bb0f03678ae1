"""The command line's contract: a bad input to any command exits 2 with one line on stderr
naming the bad value, no traceback, and quickly (no crawl starts, nothing hangs); and the
filters, checks and edges behind that contract behave as documented."""

from __future__ import annotations

import http.server
import itertools
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from scraper.cli import check_database, time_bound
from scraper.items import RunRecord
from scraper.store import Store
from scraper.store.schema import SCHEMA_VERSION

PROJECT = Path(__file__).resolve().parent.parent
SCRAPER = [sys.executable, "-m", "scraper"]
CONTRACT_SECONDS = 10


def scraper(*args: str, cwd: Path = PROJECT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*SCRAPER, *args], cwd=cwd, capture_output=True, text=True, timeout=60, **kwargs
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory, fixture_articles) -> dict[str, Path]:
    """A tiny database of ours (12 bundled articles and one finished run) and the files a
    user may mistake for one."""
    folder = tmp_path_factory.mktemp("contract")
    db = folder / "news.db"
    store = Store(db)
    store.write_batch(list(itertools.islice(fixture_articles(), 12)))
    store.write(
        RunRecord(
            site="zox-demo",
            started_at="2025-12-15T09:00:00Z",
            finished_at="2025-12-15T09:05:00Z",
            finish_reason="finished",
            exit_status=0,
            stats={"downloader/response_count": 12, "store/articles": 12},
        )
    )
    store.close()
    text = folder / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    noise = folder / "noise.db"
    noise.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(65536)))
    truncated = folder / "truncated.db"
    truncated.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    other = folder / "other-app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    newer = folder / "newer.db"
    shutil.copy(db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "UPDATE schema_info SET value = ? WHERE key = 'version'", (str(SCHEMA_VERSION + 1),)
        )
    # Tables dropped by hand: every write of a crawl would fail on them.
    no_index = folder / "no-index.db"
    shutil.copy(db, no_index)
    with sqlite3.connect(no_index) as conn:
        conn.execute("DROP TABLE articles_fts")
    no_info = folder / "no-info.db"
    shutil.copy(db, no_info)
    with sqlite3.connect(no_info) as conn:
        conn.execute("DROP TABLE schema_info")
    empty_root = folder / "no-fixtures"
    empty_root.mkdir()
    page = folder / "page.html"
    page.write_text("<html><body><p>نص</p></body></html>", encoding="utf-8")
    return {
        "db": db,
        "text": text,
        "noise": noise,
        "truncated": truncated,
        "other": other,
        "newer": newer,
        "no_index": no_index,
        "no_info": no_info,
        "missing": folder / "missing.db",
        "empty_root": empty_root,
        "page": page,
    }


# (arguments, the bad value the message must name). {name} is a path from `files`.
BAD_INPUTS = [
    (["search", "x", "--db", "{db}", "--since", "15-12-2025"], "15-12-2025"),
    (["search", "x", "--db", "{db}", "--until", "next week"], "next week"),
    (["search", "x", "--db", "{db}", "--limit", "-5"], "-5"),
    (["search", "x", "--db", "{missing}"], "{missing}"),
    (["search", "x", "--db", "{newer}"], "{newer}"),
    (["export", "--format", "csv", "--db", "{db}", "--since", "yesterday noon"], "yesterday noon"),
    (["export", "--format", "xml", "--db", "{db}"], "xml"),
    (["export", "--format", "jsonl", "--db", "{text}"], "{text}"),
    (["export", "--format", "jsonl", "--db", "{noise}"], "{noise}"),
    (["export", "--format", "jsonl", "--db", "{truncated}"], "{truncated}"),
    (["export", "--format", "jsonl", "--db", "{other}"], "{other}"),
    (["export", "--format", "csv", "--db", "{db}", "--output", "{db}"], "{db}"),
    (["export", "--format", "jsonl", "--db", "{db}", "--output", "{other}"], "{other}"),
    (["report", "--db", "{db}", "--html", "{db}"], "{db}"),
    (["stats", "--db", "{db}", "--days", "-1"], "-1"),
    (["stats", "--db", "{db}", "--until", "2025-13-45"], "2025-13-45"),
    (["stats", "--db", "{missing}"], "{missing}"),
    (["report", "--db", "{missing}"], "{missing}"),
    (["report", "--db", "{db}", "--run", "0"], "0"),
    (["report", "--db", "{other}"], "{other}"),
    (["summary", "--db", "{missing}"], "{missing}"),
    (["summary", "--db", "{noise}"], "{noise}"),
    (["browse", "--db", "{db}", "--port", "70000"], "70000"),
    (["browse", "--db", "{missing}"], "{missing}"),
    (["serve-site", "--port", "-1"], "-1"),
    (["serve-site", "--fault-rate", "2"], "2"),
    (["serve-site", "--hostile", "no-such-trap"], "no-such-trap"),
    (["serve-site", "--faults", "7", "--hostile", "date-9999"], "--hostile"),
    (["serve-site", "--warc", "{missing}"], "{missing}"),
    (["serve-site", "--site-dir", "{empty_root}"], "no manifest.json in {empty_root}"),
    (["serve-site", "--warc", "{text}"], "{text}"),
    (["demo", "--db", "{db}", "--port", "65536"], "65536"),
    (["demo", "--db", "{text}"], "{text}"),
    (["crawl"], "SITE"),
    (["crawl", "no-such-site", "--db", "{missing}"], "no-such-site"),
    (["crawl", "zox-demo", "--db", "{text}"], "{text}"),
    (["crawl", "zox-demo", "--db", "{truncated}"], "{truncated}"),
    (["crawl", "zox-demo", "--db", "{other}"], "{other}"),
    (["crawl", "zox-demo", "--db", "{newer}"], "{newer}"),
    (["crawl", "zox-demo", "--db", "{no_index}"], "articles_fts missing"),
    (["crawl", "zox-demo", "--db", "{no_info}"], "schema_info missing"),
    (["search", "x", "--db", "{no_index}"], "{no_index}"),
    (["crawl", "zox-demo", "--db", "{db}", "--recent-days", "-2"], "-2"),
    # One replay address for two sites: a real site's requests would go to the replay.
    (
        ["crawl", "example-zox", "zox-demo", "--db", "{db}", "--base-url", "http://127.0.0.1:9"],
        "and example-zox has no `replay` key (a real site)",
    ),
    (["extract", "{page}", "--reference", "teatime"], "teatime"),
    (["extract", "{page}", "{page}", "--url", "https://example.com/"], "--url"),
    (["extract", "{page}", "--timezone", "Mars/Olympus_Mons"], "Mars/Olympus_Mons"),
    (["dates", "--reference", "soon"], "soon"),
    (["dates", "--reference", "2025-12-15T09:00:00Z", "--timezone", "Nowhere/Town"], "Nowhere"),
    (["check-site", "no-such-site"], "no-such-site"),
    (["check-site", "zox-demo", "--timeout", "-3"], "-3"),
    (["check-site", "{text}"], "{text}"),
    (["import-warc", "{missing}"], "{missing}"),
    (["import-warc", "{text}", "--db", "{other}"], "{other}"),
    (["import-warc", "{text}", "--db", "{db}", "--site", "no-such-site"], "no-such-site"),
    (["import-warc", "{text}", "--domains", "a b"], "a b"),
    (["import-warc", "{text}", "--language", "xx"], "xx"),
    (["import-warc", "{text}", "--workers", "0"], "0"),
    (["fixtures", "check", "--root", "{missing}"], "{missing}"),
    (
        ["fixtures", "record", "https://a.example/", "--site", "zox-demo", "--warc", "{missing}"],
        "{missing}",
    ),
    (["fixtures", "update", "--root", "{empty_root}"], "{empty_root}"),
    (["fleet", "status", "{missing}"], "{missing}"),
    (["fleet", "schedule", "{text}"], "{text}"),
    (["fleet", "deploy", "{text}", "--timeout", "0"], "0"),
    (["show", "https://x.example/", "--db", "{missing}"], "{missing}"),
    (["show", "https://x.example/", "--db", "{other}"], "{other}"),
    (["show", "https://x.example/nowhere", "--db", "{db}"], "https://x.example/nowhere"),
    (["prune-warc", "--keep-days", "-1", "--db", "{db}"], "-1"),
    (["prune-warc", "--keep-days", "7", "--db", "{missing}"], "{missing}"),
    (["reextract", "--db", "{missing}"], "{missing}"),
    (["reextract", "--db", "{other}"], "{other}"),
    (["reextract", "--db", "{db}", "--site", "no-such-site"], "no-such-site"),
    (["reextract", "--db", "{db}", "--workers", "0"], "0"),
    (["reextract", "--db", "{db}", "--since", "someday"], "someday"),
]


@pytest.mark.parametrize(
    ("arguments", "named"), BAD_INPUTS, ids=[" ".join(args) for args, _ in BAD_INPUTS]
)
def test_a_bad_input_is_one_line_naming_it_and_exit_2(files, tmp_path, arguments, named):
    paths = {name: str(path) for name, path in files.items()}
    argv = [argument.format(**paths) for argument in arguments]
    started = time.monotonic()
    # Its own working directory: nothing a command might write lands in the project.
    done = scraper(*argv, cwd=tmp_path, stdin=subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    lines = done.stderr.splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    command = argv[0] + (f" {argv[1]}" if argv[0] in ("fixtures", "fleet") else "")
    assert lines[0].startswith(f"scraper {command}: error: "), lines[0]
    assert named.format(**paths) in lines[0]
    assert elapsed < CONTRACT_SECONDS
    # Nothing was created or locked on the way to the refusal.
    assert not files["missing"].exists()
    assert list(tmp_path.iterdir()) == []


def test_since_and_until_compare_instants_not_text(files):
    with sqlite3.connect(files["db"]) as conn:
        times = sorted(t for (t,) in conn.execute("SELECT published_at FROM articles") if t)
    # A bound between two stored times, written in another zone: the same instant.
    middle = times[len(times) // 2]
    instant = datetime.fromisoformat(middle.replace("Z", "+00:00"))
    expected = sum(t >= middle for t in times)
    assert 0 < expected < len(times)
    plus_three = instant.astimezone(timezone(timedelta(hours=3)))
    for bound in (middle, plus_three.isoformat(), instant.strftime("%Y-%m-%dT%H:%M:%S")):
        done = scraper("export", "--db", str(files["db"]), "--format", "jsonl", "--since", bound)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == expected, bound
    # A date alone as --until: the whole day, to its last second.
    day = times[0][:10]
    done = scraper("stats", "--db", str(files["db"]), "--until", day, "--json")
    assert done.returncode == 0, done.stderr
    on_or_before = sum(t[:10] <= day for t in times)
    assert json.loads(done.stdout)["coverage"]["total"] == on_or_before


def test_time_bounds_resolve_against_the_given_now():
    now = datetime(2025, 12, 15, 9, 30, 15, tzinfo=UTC)
    assert time_bound("2025-12-15T10:00:00+03:00", end=False) == "2025-12-15T07:00:00Z"
    assert time_bound("2025-12-15T10:00:00", end=True) == "2025-12-15T10:00:00Z"
    assert time_bound("2025-12-15", end=False) == "2025-12-15T00:00:00Z"
    assert time_bound("2025-12-15", end=True) == "2025-12-15T23:59:59Z"
    assert time_bound("yesterday", end=False, now=now) == "2025-12-14T00:00:00Z"
    assert time_bound("yesterday", end=True, now=now) == "2025-12-14T23:59:59Z"
    assert time_bound("today", end=False, now=now) == "2025-12-15T00:00:00Z"
    assert time_bound("2d", end=False, now=now) == "2025-12-13T09:30:15Z"
    assert time_bound("12h", end=False, now=now) == "2025-12-14T21:30:15Z"
    assert time_bound("30m", end=True, now=now) == "2025-12-15T09:00:15Z"
    assert time_bound("1w", end=False, now=now) == "2025-12-08T09:30:15Z"
    # Stored times have whole seconds: a fractional lower bound rounds up, not down.
    assert time_bound("2025-12-15T07:00:00.5Z", end=False) == "2025-12-15T07:00:01Z"
    # Digits as an Arabic keyboard types them read as ASCII ones.
    assert time_bound("٢٠٢٥-١٢-١٥", end=True) == "2025-12-15T23:59:59Z"
    assert time_bound("٢٠٢٥-١٢-١٥T١٠:٠٠:٠٠+٠٣:٠٠", end=False) == "2025-12-15T07:00:00Z"
    assert time_bound("۲۰۲۵-۱۲-۱۵", end=False) == "2025-12-15T00:00:00Z"
    assert time_bound("٢d", end=False, now=now) == "2025-12-13T09:30:15Z"
    with pytest.raises(ValueError, match="got '١٥-١٢-٢٠٢٥'"):
        time_bound("١٥-١٢-٢٠٢٥", end=False)
    for bad in ("15-12-2025", "tomorrow", "2 days", "-2d", "", "2025-12-15T25:00"):
        with pytest.raises(ValueError, match="ISO 8601"):
            time_bound(bad, end=False, now=now)


def test_a_crawl_creates_a_missing_database_but_not_its_folder(tmp_path):
    check_database(tmp_path / "new.db", create=True)  # the store will create it
    with pytest.raises(FileNotFoundError, match="no database at"):
        check_database(tmp_path / "new.db")
    with pytest.raises(FileNotFoundError, match="no folder"):
        check_database(tmp_path / "absent" / "new.db", create=True)
    (tmp_path / "empty.db").touch()
    check_database(tmp_path / "empty.db", create=True)


def test_a_crawl_nobody_answers_is_labelled_by_site_name_and_hints_at_serve_site(tmp_path):
    site_file = tmp_path / "my-copy.toml"
    shutil.copy(PROJECT / "scraper" / "sites" / "zox-demo.toml", site_file)
    done = scraper(
        "crawl",
        str(site_file),
        "--db",
        str(tmp_path / "news.db"),
        "--base-url",
        "http://127.0.0.1:9",  # the discard port: nothing listens
        "--set",
        "RETRY_TIMES=0",
    )
    # Nothing answered: the site (or its replay) is down, not empty, so failures, not 5.
    assert done.returncode == 4, done.stderr[-2000:]
    assert done.stdout.startswith("zox-demo: 0 responses"), done.stdout
    assert "my-copy" not in done.stdout
    assert "scraper crawl: warning: zox-demo: nothing answered" in done.stderr
    assert "scraper serve-site" in done.stderr


def _failure_count(crawl_line: str) -> int:
    return int(re.search(r"(\d+) failures, finish reason", crawl_line).group(1))


def test_a_dead_port_is_one_story_in_the_crawl_line_the_monitor_and_the_warning(tmp_path):
    # Three start URLs and robots.txt, each tried twice (one retry): the crawl line's
    # failures, the monitor's errors and the warning must count the same requests, and the
    # warning's connection attempts must say they are attempts, retries included.
    done = scraper(
        "crawl", "zox-demo", "--db", str(tmp_path / "news.db"),
        "--base-url", "http://127.0.0.1:9",  # the discard port: nothing listens
        "--set", "RETRY_TIMES=1", "--set", "RETRY_BACKOFF_BASE=0",
    )  # fmt: skip
    assert done.returncode == 4, done.stderr[-2000:]
    crawl_line, verdict = done.stdout.splitlines()[:2]
    failures = _failure_count(crawl_line)
    assert failures == 3, crawl_line
    assert f"{failures} errors of {failures} requests" in verdict
    assert (
        f"nothing answered: {failures} download failures and robots.txt got no answer in "
        f"{2 * (failures + 1)} connection attempts, retries included" in done.stderr
    ), done.stderr[-2000:]


def test_an_answer_retried_counts_once_in_the_monitor_as_in_the_failures(tmp_path):
    # A site answering 503 to everything: each request is retried, and its failure row is
    # written once, for its last answer. The monitor's error count is the same requests,
    # not every answer (which would count each request once per attempt).
    class Unavailable(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
            self.send_response(503)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Unavailable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        done = scraper(
            "crawl", "zox-demo", "--db", str(tmp_path / "news.db"),
            "--base-url", f"http://127.0.0.1:{server.server_address[1]}",
            "--set", "RETRY_TIMES=2", "--set", "RETRY_BACKOFF_BASE=0",
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 4, done.stderr[-2000:]
    crawl_line, verdict = done.stdout.splitlines()[:2]
    failures = _failure_count(crawl_line)  # the 3 start URLs' HTTP 503, robots.txt aside
    assert failures == 3, crawl_line
    # robots.txt answered too (a 503 is an answer): one request more, not an error row.
    assert re.search(rf"{failures + 1} errors of {failures + 1} requests", verdict), verdict
    assert f"{failures + 1} requests got a server error or no answer" in verdict
    report = scraper("report", "--db", str(tmp_path / "news.db"))
    assert "Responses: 12 (503: 12; 8 of them retried)" in report.stdout, report.stdout


def test_the_crawl_line_the_monitor_and_the_report_name_the_sightings_they_count(tmp_path):
    # The crawl line counts every sighting stored, sitemap entries included; the monitor's
    # list_item_windows leaves sitemap entries aside (a lastmod is no window). Each count
    # must say what it holds, and the parts must add up to what the database holds.
    from scraper.testkit.server import BackgroundServer

    db = tmp_path / "news.db"
    with BackgroundServer() as base_url:
        done = scraper("crawl", "zox-demo", "--db", str(db), "--base-url", base_url)
    assert done.returncode == 0, done.stderr[-2000:]
    crawl_line = done.stdout.splitlines()[0]
    told = re.search(
        r"(\d+) list-item sightings passed to the store \((\d+) list items, (\d+) sitemap entries\)",
        crawl_line,
    )
    assert told, crawl_line
    total, items, sitemap = map(int, told.groups())
    with sqlite3.connect(db) as conn:
        stored = dict(
            conn.execute(
                "SELECT widget = 'sitemap', count(*) FROM list_item_sightings GROUP BY 1"
            ).fetchall()
        )
    assert (total, items, sitemap) == (stored[0] + stored[1], stored[0], stored[1])
    report = scraper("report", "--db", str(db)).stdout
    assert f"List items passed to the store: {total} ({items} list items, {sitemap} sitemap" in (
        report
    )
    assert f"{items} of {items} list items (sitemap entries aside)" in report


def test_each_run_appended_to_a_cron_log_names_its_run_row(tmp_path):
    # Cron appends every hourly run's lines to one log: each must lead to its crawl_runs
    # row (`scraper report --run N`), by id and start time.
    from scraper.testkit.server import BackgroundServer

    db = tmp_path / "news.db"
    log = []
    with BackgroundServer() as base_url:
        for _ in range(2):
            done = scraper("crawl", "zox-demo", "--db", str(db), "--base-url", base_url)
            assert done.returncode == 0, done.stderr[-2000:]
            log.append(done.stdout.splitlines()[0])
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT id, started_at FROM crawl_runs ORDER BY id").fetchall()
    assert len(runs) == 2
    for line, (run_id, started_at) in zip(log, runs, strict=True):
        assert line.endswith(f"finish reason finished; run {run_id}, started {started_at}"), line


def test_export_into_a_closed_pipe_exits_quietly(files):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte, as `| head -0` would be
    try:
        done = subprocess.run(
            [*SCRAPER, "export", "--db", str(files["db"]), "--format", "jsonl"],
            cwd=PROJECT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""


def test_report_writes_html_only_when_asked(files, tmp_path):
    done = scraper("report", "--db", str(files["db"]), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "zox-demo" in done.stdout
    assert list(tmp_path.iterdir()) == []
    done = scraper("report", "--db", str(files["db"]), "--html", "run.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "run.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_extract_takes_a_fixtures_recorded_date_and_url(tmp_path):
    source = PROJECT / "tests" / "fixtures" / "zox-demo" / "post-10322"
    for suffix in (".html", ".response.json"):
        shutil.copy(source.with_name(source.name + suffix), tmp_path / f"page{suffix}")
    recorded = json.loads((tmp_path / "page.response.json").read_text(encoding="utf-8"))
    done = scraper("extract", str(tmp_path / "page.html"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "resolved against now" warning
    output = json.loads(done.stdout)
    assert output["reference_time"] == "2025-12-15T09:02:37Z"  # its Date header
    assert recorded["headers"]["Date"] == "Mon, 15 Dec 2025 09:02:37 GMT"
    assert output["url"].lower() == recorded["url"].lower()
    assert output["timezone"] == "unknown"
    done = scraper("extract", str(tmp_path / "page.html"), "--timezone", "Europe/Istanbul")
    assert json.loads(done.stdout)["timezone"] == "Europe/Istanbul"


def test_help_lists_every_command_shows_defaults_and_the_version():
    done = scraper("--help")
    assert done.returncode == 0
    for command in (
        "serve-site",
        "crawl",
        "demo",
        "extract",
        "dates",
        "search",
        "export",
        "stats",
        "browse",
        "fixtures",
        "report",
        "summary",
        "import-warc",
        "show",
        "prune-warc",
        "reextract",
    ):
        assert re.search(rf"^\s+{command}\s+\S", done.stdout, re.MULTILINE), command
    done = scraper("search", "--help")
    assert "(default: news.db)" in done.stdout and "(default: 20)" in done.stdout
    assert "unknown" in scraper("extract", "--help").stdout
    done = scraper("--version")
    assert done.returncode == 0 and re.fullmatch(r"scraper \d+\.\d+\S*\n", done.stdout)


def test_browse_prints_the_port_it_bound_and_answers_there(files):
    pytest.importorskip("datasette")
    process = subprocess.Popen(
        [*SCRAPER, "browse", "--db", str(files["db"]), "--port", "0"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\S+", line)
        assert url and url[1] != "0", line
        with urllib.request.urlopen(url[0], timeout=10) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["export", "--format", "csv", "--db", "{db}", "--output", "{db}"],
        ["report", "--db", "{db}", "--html", "{db}"],
    ],
    ids=["export --output the database", "report --html the database"],
)
def test_an_output_pointing_at_the_database_leaves_it_whole(files, arguments):
    # A slip of the shell (`--output news.db`) used to truncate the database.
    before = files["db"].read_bytes()
    done = scraper(*[argument.format(db=files["db"]) for argument in arguments])
    assert done.returncode == 2
    assert "refusing to write over the SQLite database" in done.stderr
    assert files["db"].read_bytes() == before
    assert done.stdout == ""  # refused before printing anything (the text report too)


def test_nothing_answered_advice_fits_the_site(tmp_path):
    # The bundled template names example hosts: serve-site cannot help it, and neither
    # can "is the site up?". A replayed site needs its replay; a real one, the way to it.
    from scraper.cli import _unanswered_advice
    from scraper.sites import load_site

    template = _unanswered_advice(load_site("example-zox"), None)
    assert template.startswith("example-zox names example hosts (news.example.com)")
    assert "serve-site" not in template
    assert "scraper serve-site" in _unanswered_advice(load_site("zox-demo"), None)
    real = tmp_path / "real.toml"
    real.write_text(
        (PROJECT / "scraper/sites/example-zox.toml")
        .read_text()
        .replace("news.example.com", "www.aljazeera.net")
        .replace('name = "example-zox"', 'name = "aljazeera"')
    )
    advice = _unanswered_advice(load_site(str(real)), None)
    assert advice == "is the site up, and reachable from this host (DNS, firewall, proxy)?"
    assert "scraper serve-site" in _unanswered_advice(load_site(str(real)), "http://127.0.0.1:1")


def test_a_misspelt_time_zone_is_named_with_the_closest_one(capsys):
    from scraper.cli import main

    page = Path(__file__).parent / "fixtures" / "generic-ar" / "egypt-breaking-brief.html"
    assert main(["extract", str(page), "--timezone", "Asia/Bagdad"]) == 2
    assert capsys.readouterr().err == (
        "scraper extract: error: unknown time zone 'Asia/Bagdad' (did you mean Asia/Baghdad?)\n"
    )


def test_the_clock_warning_comes_once_and_only_for_pages_whose_times_were_read(tmp_path, capsys):
    from scraper.cli import main

    story = Path(__file__).parent / "fixtures" / "generic-ar"
    pages = [tmp_path / "a.html", tmp_path / "doc.pdf", tmp_path / "b.html"]
    pages[0].write_bytes((story / "egypt-breaking-brief.html").read_bytes())
    pages[1].write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    pages[2].write_bytes((story / "egypt-portal-story.html").read_bytes())
    assert main(["extract", *map(str, pages)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"scraper extract: warning: no --reference and no recorded Date for {pages[0]} "
        "and 1 other file: relative times resolved against now ("
    )
    # A file with nothing to date (a PDF) gets its reason, and no warning.
    assert main(["extract", str(pages[1])]) == 0
    assert capsys.readouterr().err == ""
