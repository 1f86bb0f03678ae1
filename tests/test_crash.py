"""Crash safety: kill the crawl with SIGKILL at seeded moments of its observed progress,
re-run after each, and end with the database an uninterrupted run produces.

Each kill waits for a drawn amount of progress, either rows committed (articles plus
sightings, read from the database) or responses logged (the crawl's DEBUG log), so the
kills land mid-run however fast or slow the crawl is on this machine.
`make test` runs CRASH_KILLS=3; `make crash-test` runs 12 (CRASH_SEED picks the moments).
"""

from __future__ import annotations

import math
import os
import random
import signal
import sqlite3
import time
import zlib
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("CRASH_KILLS", "3"))
SEED = int(os.environ.get("CRASH_SEED", "11"))
# Requests every run of the bundled site makes, whatever is stored already: home, robots.txt,
# sitemap index + 2 sitemaps, feed, REST API posts, 8 category first pages, the dead link.
# Each article not stored yet adds one more.
LISTINGS = 16
# A kill that waits longer than this for its progress means the crawl stalled.
PROGRESS_DEADLINE = 120.0


def committed(db) -> tuple[set, set]:
    if not db.exists():
        return set(), set()
    with sqlite3.connect(db) as conn:
        # A run killed before its schema transaction committed leaves no tables: nothing was
        # committed yet (a later loss still shows, as the earlier sets are then not subsets).
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return set(), set()
        articles = set(conn.execute("SELECT url, content_hash FROM articles"))
        sightings = set(
            conn.execute(
                "SELECT item_url, page_url, widget, reference_time FROM list_item_sightings"
            )
        )
    return articles, sightings


def unresolved_archive_refs(db: Path) -> list[str]:
    """Rows' WARC references that do not lead to a whole response record of their URL: a
    kill may cut the last record of a file, never one a committed row refers to."""
    from scraper.extract import normalize_url
    from scraper.store.provenance import resolve_name

    with closing(sqlite3.connect(db)) as conn:
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'archive_records'"
        ).fetchone():
            return []
        refs = conn.execute(
            "SELECT warc_file, warc_offset, warc_length, url FROM archive_records WHERE id IN "
            "(SELECT archive_id FROM articles UNION SELECT archive_id FROM list_item_sightings "
            "UNION SELECT archive_id FROM fetch_state)"
        ).fetchall()
    bad = []
    for name, offset, length, url in refs:
        try:
            with open(resolve_name(name, db), "rb") as handle:
                handle.seek(offset)
                member = handle.read(length)
            inflater = zlib.decompressobj(31)
            record = inflater.decompress(member)
            head = record.split(b"\r\n\r\n", 1)[0].decode()
            target = head.split("\r\nWARC-Target-URI: ", 1)[1].split("\r\n", 1)[0]
            length_line = head.split("\r\nContent-Length: ", 1)[1].split("\r\n", 1)[0]
            # The block, then the record's closing blank line.
            block = len(record) - len(head) - len(b"\r\n\r\n") * 2
            whole = inflater.eof and record.endswith(b"\r\n\r\n") and block == int(length_line)
            if not (whole and "WARC-Type: response" in head and normalize_url(target) == url):
                bad.append(f"{name}@{offset}: {url}")
        except (OSError, zlib.error, IndexError, ValueError) as exc:
            bad.append(f"{name}@{offset}: {url}: {exc}")
    return bad


def committed_counts(db: Path) -> tuple[int, int]:
    """(articles, sightings) committed so far. Read-only and with a short busy timeout, so
    polling never creates the file, never takes a write lock and never stalls the crawl."""
    try:
        with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=0.05)) as conn:
            return conn.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM list_item_sightings)"
            ).fetchone()
    except sqlite3.Error:  # not created yet, no tables yet, or busy this instant
        return 0, 0


class ResponsesLogged:
    """Counts the "Crawled (...)" lines a crawl has written to its log so far, reading only
    what was appended since the last look."""

    MARK = b"DEBUG: Crawled ("

    def __init__(self, log: Path) -> None:
        self.log = log
        self.offset = 0
        self.unfinished = b""
        self.count = 0

    def __call__(self) -> int:
        with open(self.log, "rb") as file:
            file.seek(self.offset)
            appended = file.read()
        self.offset += len(appended)
        *lines, self.unfinished = (self.unfinished + appended).split(b"\n")
        self.count += sum(self.MARK in line for line in lines)
        return self.count


def kill_when(process, reached: Callable[[], bool]) -> bool:
    """SIGKILL the crawl as soon as `reached()`; True if that cut the run short, False if
    the run finished first."""
    deadline = time.monotonic() + PROGRESS_DEADLINE
    while process.poll() is None:
        if reached():
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return process.returncode == -signal.SIGKILL
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"no progress to the kill moment within {PROGRESS_DEADLINE:.0f} s")
        time.sleep(0.01)
    return False


def kill_moment(
    by_rows: bool, share: float, db: Path, log: Path, expected: tuple[int, int]
) -> tuple[str, Callable[[], bool]]:
    """The progress at which to kill the next run, a `share` of the way through what that
    run has left to do: rows to commit, or (when `by_rows` is false or every row is in)
    responses to receive."""
    articles_now, sightings_now = committed_counts(db)
    rows_now = articles_now + sightings_now
    missing_rows = sum(expected) - rows_now
    if by_rows and missing_rows:
        rows = rows_now + max(1, math.ceil(share * missing_rows))
        return f"{rows} rows committed", lambda: sum(committed_counts(db)) >= rows
    # 0 responses: killed as soon as the database file is there (schema, start-up).
    responses = round(share * (LISTINGS + expected[0] - articles_now))
    logged = ResponsesLogged(log)
    return f"{responses} responses logged", lambda: logged() >= responses and db.exists()


def test_killed_again_and_again_then_completed(
    replay_server, crawled_db, tmp_path, crawl, crawl_process, snapshot
):
    rng = random.Random(SEED)
    expected = committed_counts(crawled_db)
    db = tmp_path / "news.db"
    before_articles, before_sightings = set(), set()
    killed_mid_run = 0
    moments = []
    for kill in range(KILLS):
        # Both draws are made every time, so the seed alone fixes the sequence of draws.
        by_rows, share = rng.random() < 0.5, rng.random()
        log = tmp_path / f"crawl-{kill}.log"
        moment, reached = kill_moment(by_rows, share, db, log, expected)
        process = crawl_process(db, replay_server, "--log-level", "DEBUG", log=log)
        cut_short = kill_when(process, reached)
        killed_mid_run += cut_short
        moments.append(f"{moment}: {'killed' if cut_short else 'finished first'}")
        print(f"run {kill + 1}: {moments[-1]}")  # shown with -s, or when the test fails
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), moments
        articles, sightings = committed(db)
        # The WARC bytes of every committed row were durable before its commit.
        assert unresolved_archive_refs(db) == [], moments
        # Nothing committed before a kill is ever lost.
        assert before_articles <= articles and before_sightings <= sightings, moments
        before_articles, before_sightings = articles, sightings
    assert killed_mid_run >= 1, moments
    done = crawl(db, replay_server)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert snapshot(db) == snapshot(crawled_db)
    assert unresolved_archive_refs(db) == []
