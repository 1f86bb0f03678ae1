"""One crawl of a site into a database at a time: overlapping cron runs would fight over
the same pages and the same writer."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


class AlreadyRunning(RuntimeError):
    pass


@contextmanager
def crawl_locks(db: str | Path, sites: list[str]) -> Iterator[None]:
    """Hold `<db>.<site>.lock` for every site; raise AlreadyRunning if one is held."""
    with ExitStack() as stack:
        for site in sites:
            path = Path(f"{db}.{Path(site).stem}.lock")
            handle = stack.enter_context(open(path, "a+"))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                raise AlreadyRunning(
                    f"another crawl of {Path(site).stem} into {db} is running (pid {holder})"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield
