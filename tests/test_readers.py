"""Every reader of the database reads the file it was given (issue 16, items 7 and 10).

A path is escaped into the `file:` URI a reader opens (`#`, `?`, `%`, a space, Arabic
letters): the demo crawl and then search, report, export, stats, summary and browse all read
the one file, and no other file appears. A WAL database on a read-only filesystem (a
read-only bind mount: the tests run as root, which chmod does not stop) is read `immutable`
by every one of them."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from scraper.store.connect import open_read_only, sqlite_uri

PROJECT = Path(__file__).resolve().parent.parent
SCRAPER = [sys.executable, "-m", "scraper"]
# A folder name holding every character a URI would misread: '#' starts a fragment, '?' a
# query, '%' an escape; a space; Arabic letters.
ODD_FOLDER = "run#1 ?x=%41 مجلد"
SEARCH_WORD = "إسطنبول"


def scraper(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([*SCRAPER, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def tree(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


def article_count(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory) -> tuple[Path, Path]:
    """(root, database): the demo crawled into `<root>/<ODD_FOLDER>/news.db`, given to the
    command as the relative path an operator types."""
    root = tmp_path_factory.mktemp("odd")
    (root / ODD_FOLDER).mkdir()
    done = scraper("demo", "--db", f"{ODD_FOLDER}/news.db", cwd=root)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return root, root / ODD_FOLDER / "news.db"


def expected_files(folder: str, found: set[str] = frozenset()) -> set[str]:
    """The database, the WAL files a reader leaves, the crawl's lock, its (empty) failure
    file and its WARC archive (the files of `found` in it): nothing else."""
    names = (
        "news.db",
        "news.db-wal",
        "news.db-shm",
        "news.db.zox-demo.lock",
        "news.db.failures.jsonl",
        "news.db.warc",
    )
    archive = f"{folder}/news.db.warc/"
    warcs = {f for f in found if f.startswith(archive) and f.endswith(".warc.gz")}
    return {folder} | {f"{folder}/{name}" for name in names} | warcs


# --- the URI -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["a#b.db", "a?mode=rwc.db", "100%25.db", "with space.db", "أخبار.db", "%D8%A3.db"]
)
def test_the_uri_names_the_file(tmp_path, name):
    path = tmp_path / name
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE marker (name TEXT)")
        conn.execute("INSERT INTO marker VALUES (?)", (name,))
    with closing(sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)) as conn:
        assert conn.execute("SELECT name FROM marker").fetchone() == (name,)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM marker")
    uri = sqlite_uri(path, immutable=True)
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        assert conn.execute("SELECT name FROM marker").fetchone() == (name,)
    assert os.listdir(tmp_path) == [name]


def test_a_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uri = sqlite_uri("run#1/news.db", read_only=True)
    assert uri == f"file://{urllib.parse.quote(str(tmp_path))}/run%231/news.db?mode=ro"


# --- every reader, on a path with #, ?, %, a space and Arabic letters --------------------


def test_every_command_reads_the_file_the_path_names(odd_db):
    root, db = odd_db
    count = article_count(db)
    assert count == 57  # the demo stored the bundled site in the file it was given
    relative = f"{ODD_FOLDER}/news.db"

    found = scraper("search", "--db", relative, SEARCH_WORD, cwd=root)
    assert found.returncode == 0, found.stderr
    assert re.search(r"^1\. ", found.stdout, re.MULTILINE)

    exported = scraper("export", "--db", relative, "--format", "jsonl", cwd=root)
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == count

    report = scraper("report", "--db", relative, cwd=root)
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("Run 1 of zox-demo: ok")

    stats = scraper("stats", "--db", relative, "--json", cwd=root)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["per_site"] == [["zox-demo", count]]

    summary = scraper("summary", "--db", relative, cwd=root)
    assert summary.returncode == 0, summary.stderr
    assert f"Articles: {count}" in summary.stdout
    # The hint to run sqlite3 quotes the path for the shell ('#' would start a comment).
    assert f"sqlite3 '{relative}' " in summary.stdout

    assert tree(root) <= expected_files(ODD_FOLDER, tree(root))


def test_browse_serves_the_file_the_path_names(odd_db):
    pytest.importorskip("datasette")
    root, db = odd_db
    with browsing(db) as server:
        assert server.count("SELECT count(*) FROM articles") == article_count(db)
    assert tree(root) <= expected_files(ODD_FOLDER, tree(root))


# --- a WAL database on a read-only filesystem --------------------------------------------


@contextmanager
def read_only_mount(source: Path, target: Path) -> Iterator[Path]:
    """`source` seen read-only: at `target`, a read-only bind mount (as root: chmod does not
    stop root), or `source` itself with its folders made read-only (not root); else skip."""
    if os.geteuid() != 0:
        folders = [source, *(path for path in source.rglob("*") if path.is_dir())]
        for folder in folders:
            folder.chmod(0o555)
        try:
            yield source
        finally:
            for folder in folders:
                folder.chmod(0o755)
        return
    if not shutil.which("mount"):
        pytest.skip("as root only a read-only mount stops writes, and there is no mount(8)")
    target.mkdir(exist_ok=True)
    bind = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"as root, and mount --bind is refused: {bind.stderr.decode().strip()}")
    try:
        remount = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(target)], capture_output=True
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode().strip()}")
        with pytest.raises(OSError):
            (target / "probe").write_text("")
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


def wal_copy(source_db: Path, folder: Path) -> Path:
    """A copy of the database in WAL mode, alone (no -wal or -shm beside it)."""
    folder.mkdir(parents=True)
    copy = folder / "news.db"
    with closing(sqlite3.connect(source_db)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
        assert dst.execute("PRAGMA journal_mode = wal").fetchone() == ("wal",)
    assert sorted(os.listdir(folder)) == ["news.db"]
    return copy


def test_every_command_reads_a_wal_database_on_a_read_only_filesystem(odd_db, tmp_path):
    _, source_db = odd_db
    count = article_count(source_db)
    wal_copy(source_db, tmp_path / "source" / ODD_FOLDER)
    with read_only_mount(tmp_path / "source", tmp_path / "mounted") as mounted:
        db = str(mounted / ODD_FOLDER / "news.db")
        found = scraper("search", "--db", db, SEARCH_WORD)
        assert found.returncode == 0, found.stderr
        assert re.search(r"^1\. ", found.stdout, re.MULTILINE)
        exported = scraper("export", "--db", db, "--format", "jsonl")
        assert exported.returncode == 0, exported.stderr
        assert len(exported.stdout.splitlines()) == count
        report = scraper("report", "--db", db)
        assert report.returncode == 0, report.stderr
        assert report.stdout.startswith("Run 1 of zox-demo: ok")
        stats = scraper("stats", "--db", db, "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["per_site"] == [["zox-demo", count]]
        summary = scraper("summary", "--db", db)
        assert summary.returncode == 0, summary.stderr
        assert f"Articles: {count}" in summary.stdout
        if _datasette_installed():
            with browsing(Path(db)) as server:
                assert server.count("SELECT count(*) FROM articles") == count
                assert "read-only: serving news.db immutable" in server.first_line
        assert sorted(os.listdir(mounted / ODD_FOLDER)) == ["news.db"]


def test_commits_in_a_wal_are_read_when_its_index_is_there(tmp_path, caplog):
    # A crawl killed before its checkpoint leaves news.db-wal and news.db-shm: a reader on a
    # read-only filesystem reads them (mode=ro), and is immutable only without the -shm,
    # saying what it cannot read.
    folder = tmp_path / "source"
    folder.mkdir()
    db = folder / "news.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode = wal")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    pid = os.fork()
    if pid == 0:  # a writer that dies without closing: its commit stays in the WAL
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
        os._exit(0)
    os.waitpid(pid, 0)
    assert (folder / "news.db-wal").stat().st_size > 0
    with (
        read_only_mount(folder, tmp_path / "mounted") as mounted,
        closing(open_read_only(mounted / "news.db")) as conn,
    ):
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)
    # Without the -shm: only the main file can be read, and the log says so.
    (folder / "news.db-shm").unlink()
    with (
        read_only_mount(folder, tmp_path / "mounted") as mounted,
        caplog.at_level(logging.WARNING, logger="scraper.store.connect"),
        closing(open_read_only(mounted / "news.db")) as conn,
    ):
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert "holds" in caplog.text and "commits that cannot be read" in caplog.text


# --- browse: a server per test -------------------------------------------------------------


def _datasette_installed() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


class Browsing:
    """A `scraper browse --port 0` process and what it printed."""

    def __init__(self, process: subprocess.Popen, url: str, first_line: str) -> None:
        self.process = process
        self.url = url  # http://127.0.0.1:PORT/news
        self.first_line = first_line
        self.log: list[str] = []

    def query(self, sql: str, timeout: float = 60) -> tuple[int, str]:
        """(status, body) of the SQL as JSON."""
        url = f"{self.url}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def count(self, sql: str) -> int:
        status, body = self.query(sql)
        assert status == 200, body[:500]
        return next(iter(json.loads(body)[0].values()))

    def peak_memory_mib(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


@contextmanager
def browsing(db: Path) -> Iterator[Browsing]:
    process = subprocess.Popen(
        [*SCRAPER, "browse", "--db", str(db), "--port", "0"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in process.stderr:
            lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/\S+", line)
            if found:
                break
        else:
            raise AssertionError("browse did not start: " + "".join(lines))
        server = Browsing(process, found[0], lines[0])
        # Datasette logs each failed query: keep reading, so a full pipe never blocks it.
        threading.Thread(target=lambda: server.log.extend(process.stderr), daemon=True).start()
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- browse: bounded queries, and a crawl writing meanwhile --------------------------------


@pytest.fixture(scope="module")
def demo_copy(odd_db, tmp_path_factory) -> Path:
    _, source_db = odd_db
    copy = tmp_path_factory.mktemp("browse") / "news.db"
    with closing(sqlite3.connect(source_db)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    return copy


def test_browse_refuses_queries_that_would_take_the_memory(demo_copy):
    # One `select zeroblob(...)` once held 6.1 GB. Each value is capped (SQLite's length
    # limit) and so are the values one query hands to Datasette; the server goes on serving.
    pytest.importorskip("datasette")
    rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT {})"
    with browsing(demo_copy) as server:
        before = server.peak_memory_mib()
        for sql, error in (
            ("SELECT zeroblob(100000000)", "string or blob too big"),
            ("SELECT randomblob(100000000)", "string or blob too big"),
            (rows.format(20) + " SELECT zeroblob(20000000) FROM n", "result too large"),
            (rows.format(1000) + " SELECT printf('%.*c', 30000000, 'x') FROM n", "too large"),
        ):
            status, body = server.query(sql)
            assert status == 400, (sql, body[:300])
            assert error in json.loads(body)["error"], sql
        assert server.count("SELECT count(*) FROM articles") == article_count(demo_copy)
        status, body = server.query("SELECT * FROM articles")  # every column of every row
        assert status == 200 and len(json.loads(body)) == article_count(demo_copy)
        peak = server.peak_memory_mib()
        # (Measured: about 50 MiB before, 265 MiB after; without the bounds the first
        # query alone peaked near 3 GiB.)
        assert peak < before + 400, (before, peak)
        assert server.process.poll() is None


def test_browse_shows_what_a_crawl_writes_meanwhile(tmp_path):
    # Served immutable, the file changing under it gave stale or "malformed" pages. Served
    # mode=ro, every request reads the latest commit: the pages stay whole and the rows
    # appear as the crawl commits them.
    pytest.importorskip("datasette")
    from scraper.store import Store
    from scraper.testkit.server import BackgroundServer

    db = tmp_path / "news.db"
    Store(db).close()  # a database of ours before its first crawl
    with browsing(db) as server, BackgroundServer() as base_url:
        assert server.count("SELECT count(*) FROM articles") == 0
        crawl = subprocess.Popen(
            [*SCRAPER, "crawl", "zox-demo", "--db", str(db), "--base-url", base_url],
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seen = []
        try:
            while crawl.poll() is None:
                seen.append(server.count("SELECT count(*) FROM articles"))
                status, body = server.query(
                    "SELECT a.url, a.headline, length(a.body) AS chars FROM articles AS a "
                    "JOIN articles_fts ON articles_fts.rowid = a.id ORDER BY a.id DESC LIMIT 20"
                )
                assert status == 200, body[:300]
                time.sleep(0.05)  # leave the crawl its share of the machine
        finally:
            crawl.wait(timeout=300)
        assert crawl.returncode == 0
        stored = article_count(db)
        assert stored == 57
        assert server.count("SELECT count(*) FROM articles") == stored
        assert seen == sorted(seen), "a page showed fewer rows than the one before"
        assert any(0 < count < stored for count in seen), "no row showed while the crawl ran"
        with urllib.request.urlopen(server.url + "/articles", timeout=30) as page:
            assert page.status == 200
        assert not any("malformed" in line for line in server.log), server.log


def test_browse_reports_sqlites_memory_limit_as_an_sql_error(demo_copy):
    # Where SQLite's heap limit is what stops a query, Datasette shows why (a MemoryError
    # was a bare 500). A small limit, in a process of its own: the pragma is process-wide
    # and can only be lowered.
    pytest.importorskip("datasette")
    script = """
import asyncio, json, sqlite3, sys
from scraper.store.browse import create_app
ds = create_app(sys.argv[1])
sqlite3.connect(":memory:").execute("PRAGMA hard_heap_limit = 20000000")
for sql in ("SELECT zeroblob(25000000)", "SELECT count(*) FROM articles"):
    response = asyncio.run(ds.client.get("/news.json", params={"sql": sql}))
    print(json.dumps([response.status_code, response.json().get("error"),
                      response.json().get("rows")]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_copy)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    refused, answered = (json.loads(line) for line in done.stdout.splitlines())
    assert refused[0] == 400 and "memory limit" in refused[1]
    assert answered == [200, None, [[article_count(demo_copy)]]]
