"""When the store fails: a full disk, a missing table, a database that cannot be opened or
stays locked. The run exits non-zero and says why, a page is stored whole or not at all,
what the database refused is in the failure file beside it, and the next run with room
again completes the work. No wait is unbounded."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scraper.items import FailureRecord
from scraper.ops.monitor import EXIT_FAILURES, EXIT_OK, EXIT_UNFINISHED
from scraper.store.fallback import failure_file, read_failures
from scraper.store.writer import GroupCommitWriter, Store, StoreUnavailable

PROJECT = Path(__file__).resolve().parent.parent
SITE_FILE = PROJECT / "scraper" / "sites" / "zox-demo.toml"
# A filesystem this small fills up after a few of the bundled site's 57 articles.
SMALL_DISK = 1200 << 10


def crawl(db: Path, base_url: str, *extra: str, sites: tuple[str, ...] = ("zox-demo",), **kwargs):
    """`scraper crawl`, in a subprocess with a deadline: a hang fails the test."""
    command = [sys.executable, "-m", "scraper", "crawl", *sites, "--db", str(db)]
    return subprocess.run(
        [*command, "--base-url", base_url, *extra],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 120),
        **kwargs,
    )


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "list_item_sightings", "fetch_state", "crawl_runs")
        }


def sightings_by_page(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return dict(
            conn.execute("SELECT page_url, count(*) FROM list_item_sightings GROUP BY page_url")
        )


def urls(db: Path, table: str) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute(f"SELECT url FROM {table}")}


def _tmpfs_allowed(probe: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True
    )
    if mounted.returncode != 0:
        return False
    subprocess.run(["umount", str(probe)], check=True)
    return True


@contextmanager
def small_disk(directory: Path) -> Iterator[tuple[dict, Callable[[], None]]]:
    """A place that fills up mid-crawl: a tmpfs of SMALL_DISK bytes where the machine lets
    us mount one (root), else a file-size limit on the crawl process (RLIMIT_FSIZE, with
    SIGXFSZ ignored: a write past it fails with EFBIG). Yields the subprocess arguments
    for a crawl and `make_room()`, which gives the space back."""
    if _tmpfs_allowed(directory.parent / "probe"):
        directory.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK}", "tmpfs", str(directory)],
            check=True,
        )

        def grow() -> None:
            subprocess.run(["mount", "-o", "remount,size=64m", str(directory)], check=True)

        try:
            yield {}, grow
        finally:
            subprocess.run(["umount", "-l", str(directory)], check=False)
        return

    directory.mkdir()
    limits: dict = {"preexec_fn": _limit_file_size}

    def lift() -> None:
        limits.pop("preexec_fn", None)

    yield limits, lift


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (SMALL_DISK // 2, SMALL_DISK // 2))


def test_a_full_disk_fails_the_run_loses_no_page_and_the_next_run_completes_it(
    replay_server, shared_crawl, tmp_path
):
    reference = shared_crawl[0]
    expected = counts(reference)
    expected_sightings = sightings_by_page(reference)
    db = tmp_path / "disk" / "news.db"
    with small_disk(tmp_path / "disk") as (limits, make_room):
        full = crawl(db, replay_server, **limits)
        # The run says it failed, and why: the store's failure, not bugs in the crawl's code.
        assert full.returncode == EXIT_FAILURES, full.stdout + full.stderr[-3000:]
        assert "store errors" in full.stdout, full.stdout
        assert "failure rows went to the failure file" in full.stdout, full.stdout
        assert "exceptions" not in full.stdout, full.stdout
        # A dropped page is logged by its URL, not with its article (was 1.4 MB of text).
        longest = max(full.stderr.splitlines(), key=len)
        assert len(longest) < 2000, longest
        assert len(full.stderr) < 300_000, len(full.stderr)
        stored = counts(db)
        assert 0 < stored["articles"] < expected["articles"], stored
        # What the database refused is in the failure file beside it, one JSON line each.
        lines = read_failures(db)
        lost = [line for line in lines if line["stage"] == "pipeline:store"]
        assert lost, lines
        for line in lost:
            assert set(line) >= {"time", "run", "url", "stage", "reason"}
            assert "full" in line["reason"] or "disk" in line["reason"], line
        # No page half stored: a page with a fetch state has all its list items, and an
        # article page its article.
        have = sightings_by_page(db)
        articles = urls(db, "articles")
        reference_articles = urls(reference, "articles")
        for url in urls(db, "fetch_state"):
            assert have.get(url, 0) == expected_sightings.get(url, 0), url
            if url in reference_articles:
                assert url in articles, url
        # The run's end is in the database, or the failure file says it did not finish.
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            finished, stats = conn.execute("SELECT finished_at, stats FROM crawl_runs").fetchone()
            stored_lost = conn.execute(
                "SELECT count(*) FROM failures WHERE stage = 'pipeline:store'"
            ).fetchone()[0]
        ends = [line["run_end"] for line in lines if line["stage"] == "run"]
        assert finished or ends
        stats = json.loads(stats) if finished else ends[0]["stats"]
        # One store error for each write refused: a lost page counts once, whether its
        # failure row went to the database or to the failure file.
        assert stats["store/errors"] == stored_lost + len(lines), (stats, stored_lost, lines)

        make_room()
        again = crawl(db, replay_server, **limits)
        assert again.returncode == EXIT_OK, again.stdout + again.stderr[-3000:]
        assert counts(db)["articles"] == expected["articles"]
        assert counts(db)["list_item_sightings"] == expected["list_item_sightings"] == 1714
        assert urls(db, "articles") == urls(reference, "articles")
        assert sightings_by_page(db) == expected_sightings


def test_a_missing_search_index_table_fails_the_run_with_its_reason(replay_server, tmp_path):
    db = tmp_path / "news.db"
    store = Store(db)
    store.conn.execute("DROP TABLE articles_fts")
    store.close()
    # `scraper crawl` checks the database first and refuses it, naming the table.
    refused = crawl(db, replay_server)
    assert refused.returncode == 2, refused.stderr[-3000:]
    assert "articles_fts missing" in refused.stderr
    assert counts(db)["crawl_runs"] == 0
    # A plain `scrapy crawl` has no such check: every page's write fails, and so does the run.
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"base_url={replay_server}"]
    settings = ["-s", f"SCRAPER_DB_PATH={db}", "-s", "LOG_LEVEL=INFO"]
    done = subprocess.run(
        [*command, *settings], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert "'monitor/exit_code': 4" in done.stderr, done.stderr[-3000:]
    assert "'store/errors': 57" in done.stderr
    # A store error fails a plain `scrapy crawl` (scrapyd) too, with the run's verdict.
    assert done.returncode == EXIT_FAILURES
    assert "no such table: articles_fts" in done.stderr
    # Not one article page half stored: no article, so no fetch state either.
    assert counts(db)["articles"] == 0
    with sqlite3.connect(db) as conn:
        reasons = [row[0] for row in conn.execute("SELECT reason FROM failures")]
    assert sum("articles_fts (PageRecords lost)" in reason for reason in reasons) == 57


def _lock_is_free(db: Path, site: str) -> bool:
    with open(f"{db}.{site}.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def test_an_unopenable_database_ends_the_crawl_at_once(replay_server, tmp_path):
    # `--set SCRAPER_DB_PATH` bypasses the CLI's check of `--db`, as a plain `scrapy crawl`
    # does: the writer cannot open the file and the crawl ends with its reason.
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    db = tmp_path / "news.db"
    started = time.monotonic()
    done = crawl(db, replay_server, "--set", f"SCRAPER_DB_PATH={text}", timeout=60)
    assert time.monotonic() - started < 60
    assert done.returncode == EXIT_UNFINISHED, done.stdout + done.stderr[-3000:]
    assert "finish reason store_failed" in done.stdout
    assert "file is not a database" in done.stdout
    assert _lock_is_free(db, "zox-demo")
    (line,) = read_failures(text)
    assert line["stage"] == "pipeline:store" and "file is not a database" in line["reason"]


def test_a_plain_scrapy_crawl_into_an_unopenable_database_ends(replay_server, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"base_url={replay_server}"]
    settings = ["-s", f"SCRAPER_DB_PATH={text}", "-s", "LOG_LEVEL=INFO"]
    done = subprocess.run(
        [*command, *settings], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert "Closing spider (store_failed)" in done.stderr, done.stderr[-3000:]
    assert "'monitor/exit_code': 1" in done.stderr
    # The one exit status `scrapy crawl` gives from a run's outcome: a store that failed.
    assert done.returncode == 1


def test_a_database_locked_past_the_busy_timeout_ends_the_crawl(replay_server, tmp_path):
    # Another process's long upgrade holds the write lock: the writer gives up after the
    # busy timeout and the crawl ends with store_failed, instead of waiting forever.
    db = tmp_path / "news.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        done = crawl(db, replay_server, timeout=90)
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == EXIT_UNFINISHED, done.stdout + done.stderr[-3000:]
    assert "finish reason store_failed" in done.stdout
    assert "database is locked" in done.stdout
    assert took < 60
    assert _lock_is_free(db, "zox-demo")


def test_two_sites_into_a_fresh_database_both_finish(replay_server, tmp_path):
    sites = []
    for name in ("zox-east", "zox-west"):
        text = SITE_FILE.read_text(encoding="utf-8").replace(
            'name = "zox-demo"', f'name = "{name}"'
        )
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        sites.append(str(path))
    db = tmp_path / "fresh" / "news.db"
    db.parent.mkdir()
    done = crawl(db, replay_server, sites=tuple(sites), timeout=120)
    assert done.returncode == EXIT_OK, done.stdout + done.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        runs = conn.execute(
            "SELECT site, finish_reason, exit_status FROM crawl_runs ORDER BY site"
        ).fetchall()
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (57,)
    assert runs == [("zox-east", "finished", 0), ("zox-west", "finished", 0)]


class _WriterKilled(BaseException):
    """Not an Exception: it gets past every record's handler and ends the writer thread."""


def _failure(url: str) -> FailureRecord:
    return FailureRecord(
        url=url, site="s", stage="extract", reason="r", time="2025-01-01T00:00:00Z"
    )


def test_a_writer_that_cannot_open_fails_every_record_at_once(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    writer = GroupCommitWriter(text, timeout=5)
    with pytest.raises(sqlite3.DatabaseError):
        writer.start()
    record = writer.submit(_failure("https://example.com/a"))
    with pytest.raises(StoreUnavailable, match="cannot be opened"):
        record.result(timeout=1)
    writer.close()  # returns at once


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_writer_that_dies_fails_the_queued_records_and_later_ones(tmp_path, monkeypatch):
    writer = GroupCommitWriter(tmp_path / "news.db", timeout=5)
    writer.start()
    entered, release = threading.Event(), threading.Event()

    def die(records):
        entered.set()
        release.wait(5)
        raise _WriterKilled("injected")

    monkeypatch.setattr(Store, "write_batch", lambda self, records: die(records))
    first = writer.submit(_failure("https://example.com/1"))
    assert entered.wait(5)
    queued = writer.submit(_failure("https://example.com/2"))  # waits behind the first
    release.set()
    for future in (first, queued):
        with pytest.raises(StoreUnavailable, match="the writer stopped: _WriterKilled"):
            future.result(timeout=5)
    later = writer.submit(_failure("https://example.com/3"))
    with pytest.raises(StoreUnavailable):
        later.result(timeout=1)
    writer.close()


def test_the_failure_file_takes_lines_on_a_full_disk(tmp_path):
    from scraper.store.fallback import FailureFile

    disk = tmp_path / "disk"
    if not _tmpfs_allowed(tmp_path / "probe"):
        pytest.skip("needs a tmpfs (root) to fill a filesystem")
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], check=True)
    try:
        db = disk / "news.db"
        failures = FailureFile(db)
        failures.prepare()
        assert failure_file(db).read_bytes() == b""
        # Fill the filesystem to the last block.
        with open(disk / "filler", "wb", buffering=0) as filler, pytest.raises(OSError):
            while True:
                filler.write(b"\0" * 4096)
        for n in range(3):
            assert failures.append(
                time="2025-01-01T00:00:00Z",
                run=7,
                site="zox-demo",
                url=f"https://example.com/{n}",
                stage="pipeline:store",
                reason="OperationalError: database or disk is full (PageRecords lost)",
            )
        lines = [json.loads(line) for line in failure_file(db).read_text().splitlines()]
        assert [line["url"] for line in lines] == [f"https://example.com/{n}" for n in range(3)]
        assert {line["run"] for line in lines} == {7}
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_run_end_the_database_refused_is_finished_by_the_next_writer(tmp_path):
    from scraper.items import RunRecord
    from scraper.store.fallback import FailureFile

    db = tmp_path / "news.db"
    store = Store(db)
    (run,) = store.write_batch([RunRecord(site="zox-demo", started_at="2025-01-01T00:00:00Z")])
    store.close()
    end = {"id": run, "site": "zox-demo", "started_at": "2025-01-01T00:00:00Z"}
    end |= {"finished_at": "2025-01-01T00:05:00Z", "finish_reason": "finished"}
    end |= {"exit_status": 4, "stats": {"store/errors": 3}}
    FailureFile(db).append(
        time="2025-01-01T00:05:00Z",
        run=run,
        site="zox-demo",
        url="",
        stage="run",
        reason="the run's end was not stored",
        run_end=end,
    )
    writer = GroupCommitWriter(db, timeout=5)
    writer.start()
    writer.close()
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT finished_at, finish_reason, exit_status, stats FROM crawl_runs"
        ).fetchone()
    assert row[:3] == ("2025-01-01T00:05:00Z", "finished", 4)
    assert json.loads(row[3]) == {"store/errors": 3}


def test_an_unreadable_failure_file_does_not_keep_the_writer_from_opening(tmp_path, caplog):
    db = tmp_path / "news.db"
    failure_file(db).mkdir()  # a directory where the failure file should be
    assert read_failures(db) == []
    assert "cannot be read" in caplog.text
    writer = GroupCommitWriter(db, timeout=30)
    started = time.monotonic()
    writer.start()
    assert time.monotonic() - started < 5
    assert writer.submit(_failure("https://example.com/a")).result(timeout=5) is None
    writer.close()


def test_an_error_before_the_writer_is_ready_fails_its_start_at_once(tmp_path, monkeypatch):
    def broken(path):
        raise RuntimeError("a bug while reading the failure file")

    monkeypatch.setattr("scraper.store.writer.read_failures", broken)
    writer = GroupCommitWriter(tmp_path / "news.db", timeout=30)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="a bug while reading"):
        writer.start()
    assert time.monotonic() - started < 5  # not the whole bound (was: 30 s, "did not open")
    with pytest.raises(StoreUnavailable, match="the writer stopped: RuntimeError"):
        writer.submit(_failure("https://example.com/a")).result(timeout=1)
    writer.close()


def _judged(**stats):
    from scraper.crawl.settings import (
        SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE,
        SCRAPER_MONITOR_THRESHOLDS,
    )
    from scraper.ops.monitor import evaluate

    values = {"finish_reason": "finished", "downloader/response_count": 80, **stats}
    return evaluate(values, SCRAPER_MONITOR_THRESHOLDS, SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE)


def test_the_monitor_fails_a_run_with_store_errors_before_judging_what_it_stored():
    from scraper.ops.monitor import EXIT_EMPTY, describe

    # Nothing stored because the store refused it all: a store failure, not an empty site.
    code, checks = _judged(**{"store/errors": 57, "store/first_error": "no such table: x"})
    assert code == EXIT_FAILURES
    assert "store errors 57 (57 writes the database refused, the first: no such table: x" in (
        describe(code, checks)
    )
    assert _judged()[0] == EXIT_EMPTY
    stored = {"monitor/articles": 3, "incremental/skipped_known": 0}
    stored |= {f"monitor/present/{name}": 3 for name in ("headline", "body", "published_at")}
    stored |= {"monitor/present/category": 3, "monitor/present/source": 3}
    assert _judged(**stored)[0] == EXIT_OK


def test_a_store_error_after_the_verdict_turns_it_into_a_failure():
    from scraper.ops.monitor import after_store_error, as_stats

    stats = {**as_stats(EXIT_OK, _judged(**{"monitor/articles": 0})[1]), "store/errors": 1}
    changed = after_store_error(stats)
    assert changed["monitor/exit_code"] == EXIT_FAILURES
    (check,) = [c for c in changed["monitor/checks"] if c["name"] == "store_errors"]
    assert (check["value"], check["ok"]) == (1.0, False)
    unfinished = {**as_stats(EXIT_UNFINISHED, []), "store/errors": 1}
    assert after_store_error(unfinished)["monitor/exit_code"] == EXIT_UNFINISHED


def test_items_the_store_refused_are_no_exceptions_and_prove_no_empty_site():
    from scraper.ops.monitor import describe

    refused = {
        "store/errors": 72,
        "store/first_error": "OperationalError: database or disk is full",
    }
    refused |= {"failures/pipeline:store": 72, "store/refused_rows": 72}
    refused |= {"store/failure_file_lines": 70, "downloader/response_status_count/200": 80}
    code, checks = _judged(**refused)
    assert code == EXIT_FAILURES
    text = describe(code, checks)
    assert "exceptions" not in text, text
    assert "70 failure rows went to the failure file" in text
    (discovered,) = [c for c in checks if c.name == "articles_discovered"]
    assert discovered.detail == (
        "0 stored, 0 known from earlier runs; the database refused 72 writes: "
        "the site is not judged empty"
    )
    assert "broken" not in text
    # A bug in the store pipeline's own code still counts as an exception.
    code, checks = _judged(**{**refused, "failures/pipeline:store": 73})
    (exceptions,) = [c for c in checks if c.name == "exceptions"]
    assert (exceptions.value, exceptions.ok) == (1.0, False)


def test_a_run_end_in_the_failure_file_is_logged_without_its_stats(tmp_path, caplog):
    from scraper.store.fallback import FailureFile

    db = tmp_path / "news.db"
    stats = {f"downloader/response_status_count/{n}": n for n in range(200, 600)}
    with caplog.at_level(logging.ERROR, logger="scraper.store.fallback"):
        assert FailureFile(db).append(
            time="2025-01-01T00:00:00Z",
            run=3,
            site="zox-demo",
            url="",
            stage="run",
            reason="the run's end was not stored (OperationalError: database or disk is full)",
            run_end={"id": 3, "site": "zox-demo", "stats": stats},
        )
    (message,) = caplog.messages
    assert message == (
        "failure not stored in the database (news.db.failures.jsonl): run zox-demo: the "
        "run's end was not stored (OperationalError: database or disk is full)"
    )
    # The file keeps the whole end, for the next run to finish it.
    (line,) = read_failures(db)
    assert line["run_end"]["stats"] == stats
