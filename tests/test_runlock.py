"""The run lock is the site's name: two files of one site exclude each other, distinct names
never share a lock, a lock a dead run left is taken again; and the remote-control job files
killed runs left are cleaned, only ours and only the dead ones."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.cli import main
from scraper.ops.monitor import EXIT_RUNNING
from scraper.ops.runlock import AlreadyRunning, crawl_locks, lock_path, remove_stale_job_files
from scraper.sites import SITES

SITE = (
    'name = "{name}"\nprofile = "zox"\ntimezone = "UTC"\n'
    'start_urls = ["https://news.example.com/"]\nallowed_domains = ["news.example.com"]\n'
)


def dead_pid() -> int:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(finished.stdout)


def test_two_site_files_of_one_name_exclude_each_other(tmp_path, capsys):
    db = tmp_path / "news.db"
    first = tmp_path / "mysite.toml"
    second = tmp_path / "mysite-copy.toml"
    first.write_text(SITE.format(name="same-site"), encoding="utf-8")
    second.write_text(SITE.format(name="same-site"), encoding="utf-8")
    with crawl_locks(db, ["same-site"]):  # a crawl of mysite.toml, running
        assert main(["crawl", str(second), "--db", str(db)]) == EXIT_RUNNING
    assert "another crawl of same-site into" in capsys.readouterr().err


def test_a_bundled_site_copied_under_another_file_name_is_still_locked(tmp_path, capsys):
    db = tmp_path / "news.db"
    copy = tmp_path / "my-copy.toml"
    shutil.copyfile(Path(str(SITES / "zox-demo.toml")), copy)
    with crawl_locks(db, ["zox-demo"]):  # `scraper demo` or `scraper crawl zox-demo`
        assert main(["crawl", str(copy), "--db", str(db)]) == EXIT_RUNNING
    assert "another crawl of zox-demo" in capsys.readouterr().err


def test_distinct_names_never_share_a_lock_nor_leave_the_database_folder(tmp_path):
    db = tmp_path / "news.db"
    # Before, the lock was the name's "stem": both of these were news.db.news.lock.
    with crawl_locks(db, ["news.example"]), crawl_locks(db, ["news.other"]):
        pass
    assert lock_path(db, "zox-demo") == tmp_path / "news.db.zox-demo.lock"
    assert lock_path(db, "news.example") != lock_path(db, "news.other")
    for name in ("a/b", "../../x", "..", "", "موقع-إخباري", "x" * 400):
        path = lock_path(db, name)
        assert path.parent == tmp_path and len(path.name) < 255, name
    assert lock_path(db, "a/b") != lock_path(db, "b")
    with crawl_locks(db, ["a/b"]), pytest.raises(AlreadyRunning), crawl_locks(db, ["a/b"]):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "news.db.a%2Fb.lock",
        "news.db.news.example.lock",
        "news.db.news.other.lock",
    ]


def test_a_lock_file_a_dead_run_left_is_taken_again(tmp_path):
    db = tmp_path / "news.db"
    stale = lock_path(db, "zox-demo")
    stale.write_text(str(dead_pid()), encoding="utf-8")  # kill -9: the file stays
    with crawl_locks(db, ["zox-demo"]):
        assert stale.read_text(encoding="utf-8") == str(os.getpid())


def write_job_file(folder: Path, pid: int, project: str) -> Path:
    path = folder / f"{pid}-{os.urandom(16).hex()}.json"
    data = {"version": 1, "pid": pid, "port": 40000, "token": "secret", "project": project}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_stale_job_files_of_ours_are_removed_and_nothing_else(tmp_path):
    gone = dead_pid()
    ours_dead = write_job_file(tmp_path, gone, "arabic-news-scraper")
    ours_alive = write_job_file(tmp_path, os.getpid(), "arabic-news-scraper")
    theirs_dead = write_job_file(tmp_path, gone, "another-project")
    unreadable = tmp_path / f"{gone}-{'0' * 32}.json"
    unreadable.write_text("{not json", encoding="utf-8")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text(json.dumps({"pid": gone, "project": "arabic-news-scraper"}))
    assert remove_stale_job_files(tmp_path, "arabic-news-scraper") == [ours_dead]
    assert sorted(tmp_path.iterdir()) == sorted([ours_alive, theirs_dead, unreadable, unrelated])
    assert remove_stale_job_files(tmp_path / "absent", "arabic-news-scraper") == []
    assert remove_stale_job_files(None, "arabic-news-scraper") == []


def test_a_readers_momentary_probe_does_not_turn_a_crawl_away(tmp_path):
    # `scraper report` looks whether a crawl holds the lock with a shared lock of an instant;
    # a crawl starting in that instant waits it out instead of exiting 75.
    import fcntl
    import threading

    from scraper.ops.runlock import crawl_lock_holder

    db = tmp_path / "news.db"
    lock = lock_path(db, "zox-demo")
    lock.write_text("4242")
    probing = threading.Event()

    def probe() -> None:
        with open(lock) as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            probing.set()
            threading.Event().wait(0.02)  # the probe's instant, stretched to be caught

    reader = threading.Thread(target=probe)
    reader.start()
    probing.wait(5)
    with crawl_locks(db, ["zox-demo"]):
        assert crawl_lock_holder(db, "zox-demo") == str(os.getpid())
    reader.join()
    assert crawl_lock_holder(db, "zox-demo") is None  # released: the pid left in it is stale


def test_a_lock_that_cannot_be_written_names_the_folder_that_must_be(tmp_path):
    # A database on a read-only mount: the crawl's first write is its lock file.
    db = tmp_path / "gone" / "news.db"  # a folder that is not there fails the same way
    with pytest.raises(OSError) as refused, crawl_locks(db, ["zox-demo"]):
        pass
    assert str(refused.value) == (
        f"cannot write the lock file {db}.zox-demo.lock: No such file or directory; "
        "its folder (the database's, for a crawl or merge) must be writable"
    )
