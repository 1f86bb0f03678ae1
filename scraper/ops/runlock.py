"""One crawl of a site into a database at a time: overlapping cron runs would fight over
the same pages and the same writer.

The lock is `<db>.<site name>.lock`, keyed by the site's `name`, not by the file it was
read from: two TOML files of one site, or a copy under another file name, exclude each
other. The kernel releases a lock when its process dies (kill -9 included), so a lock file
a dead run left behind is simply taken again by the next run, its pid overwritten: there is
no stale lock to clean, and deleting lock files would be the unsafe thing to do.

What a killed run of an older version could leave that does matter: Scrapy's remote-control
job files (its port and bearer token), which the crawl no longer writes (settings: the
extension is off). `remove_stale_job_files` deletes the project's own ones whose process
is gone."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote


class AlreadyRunning(RuntimeError):
    pass


def lock_path(db: str | Path, site: str) -> Path:
    """`<db>.<site>.lock`. A name of letters, digits, `-`, `_` and `.` (every bundled
    site's) is used as it is; any other character is percent-encoded, so distinct names
    never share a lock and no name reaches another directory."""
    safe = quote(site, safe="-_.")
    if safe.strip(".") == "" or len(safe) > 120:
        # "", ".", "..", or too long for a file name: a readable start and a digest.
        digest = hashlib.sha256(site.encode()).hexdigest()[:16]
        safe = f"{safe.strip('.')[:60]}~{digest}"
    return Path(f"{db}.{safe}.lock")


@contextmanager
def crawl_locks(db: str | Path, sites: list[str]) -> Iterator[None]:
    """Hold the lock of every site (by name); raise AlreadyRunning if one is held."""
    with ExitStack() as stack:
        for site in sites:
            stack.enter_context(_held(lock_path(db, site), f"another crawl of {site} into {db}"))
        yield


def crawl_lock_holder(db: str | Path, site: str) -> str | None:
    """The pid (as the lock file holds it) of a `scraper crawl` of `site` into `db` running
    now, else None. Only looks: the lock file is opened read-only and never created, and its
    shared lock, held for an instant, makes a crawl starting then try again (_take)."""
    try:
        with open(lock_path(db, site)) as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return handle.read(32).strip() or "unknown"
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        pass  # no lock file: no `scraper crawl` of the site ever ran into this database
    return None


@contextmanager
def merge_lock(db: str | Path) -> Iterator[None]:
    """Hold `<db>.merge-lock` (a name no site's lock has: `.lock` ends those) for a
    `scraper merge` into `db`; raise AlreadyRunning if another merge holds it."""
    with _held(Path(f"{db}.merge-lock"), f"another merge into {db}"):
        yield


@contextmanager
def fleet_lock(state_file: str | Path) -> Iterator[None]:
    """Hold `<state file>.lock` for a `scraper fleet schedule`; raise AlreadyRunning if
    another holds it (a cron run still waiting for a slow host)."""
    with _held(Path(f"{state_file}.lock"), f"another fleet schedule with {state_file}"):
        yield


@contextmanager
def _held(path: Path, what: str) -> Iterator[None]:
    """An exclusive lock on `path`, with this process's pid in it; AlreadyRunning naming
    `what` and the holder's pid if another process holds it."""
    try:
        handle = open(path, "a+")  # noqa: SIM115 - closed by the with below
    except OSError as exc:  # a read-only folder or file system: say what must be writable
        raise OSError(
            f"cannot write the lock file {path}: {exc.strerror}; its folder (the database's, "
            "for a crawl or merge) must be writable"
        ) from None
    with handle:
        if not _take(handle):
            handle.seek(0)
            holder = handle.read(32).strip() or "unknown"
            raise AlreadyRunning(f"{what} is running (pid {holder})") from None
        # The pid of a run that died with the lock is overwritten here.
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


# A reader's probe (crawl_lock_holder: `scraper report`) holds a shared lock for microseconds;
# a few tries over this long tell it from a crawl, which holds the lock for its whole run.
LOCK_TRIES = (0.0, 0.01, 0.05)


def _take(handle: IO[str]) -> bool:
    """Take the exclusive lock on `handle`; False when another process keeps holding it."""
    for pause in LOCK_TRIES:
        time.sleep(pause)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue
        return True
    return False


# Scrapy names a job file `<pid>-<hex>.json`.
_JOB_FILE = re.compile(r"(?P<pid>[0-9]+)-[0-9a-f]+\.json")


def scrapy_job_files_dir(settings: Any) -> Path | None:
    """Where Scrapy's remote control writes its job files for these settings (None when
    this Scrapy has no remote control)."""
    try:
        from scrapy.utils._remote_control import job_files_dir
    except ImportError:
        return None
    return job_files_dir(settings)


def remove_stale_job_files(directory: Path | None, project: str) -> list[Path]:
    """Delete the remote-control job files `project`'s crawls left in `directory` when
    their process was killed (the pid in the file is gone); return those deleted. Other
    projects' files, live processes' files and files that do not parse are left alone."""
    if directory is None or not directory.is_dir():
        return []
    removed = []
    for path in sorted(directory.iterdir()):
        match = _JOB_FILE.fullmatch(path.name)
        if not match or not path.is_file() or path.stat().st_size > 64 * 1024:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("project") != project:
            continue
        pid = data.get("pid")
        if pid != int(match["pid"]) or _alive(pid):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
