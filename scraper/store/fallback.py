"""The failure file beside the database, for what the database itself refused.

When the database cannot take a write (a full disk, an I/O error, a writer that stopped),
the failure row it should have held is logged and appended to `<db>.failures.jsonl`: one
JSON object a line, with `time`, `run` (the crawl_runs id, or null), `site`, `url`,
`stage` and `reason`. The file is only ever appended to; nothing in the crawl reads it back
except to finish a run whose end could not be stored (a line with `run_end`).

A full disk must not take the file down with the database: the file keeps space reserved
past its end (Linux `fallocate` with FALLOC_FL_KEEP_SIZE), renewed after every line, so a
few hundred lines still fit when the filesystem has no free block left. Where the
reservation is not available, lines are written while the disk has room.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# Bytes kept allocated past the file's end: about 300 lines of failures.
RESERVED_BYTES = 64 << 10
_KEEP_SIZE = 0x01  # FALLOC_FL_KEEP_SIZE: allocate without changing the file's size


def failure_file(db_path: str | Path) -> Path:
    """Where the failures of the database at `db_path` go when it cannot take them."""
    return Path(f"{db_path}.failures.jsonl")


def _reserve(fd: int) -> None:
    """Keep RESERVED_BYTES allocated past the end of the open file, where Linux allows it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fallocate = libc.fallocate
    except (OSError, AttributeError):
        return
    fallocate.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong)
    # A full disk or a filesystem without fallocate: the lines are written while room lasts.
    fallocate(fd, _KEEP_SIZE, os.fstat(fd).st_size, RESERVED_BYTES)


class FailureFile:
    """Append-only JSON lines of failures beside the database."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = failure_file(db_path)

    def prepare(self) -> None:
        """Create the file (empty while nothing failed) with its reserved space, while the
        disk still has room; a file that cannot be created is logged, not fatal."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            logger.warning("the failure file %s cannot be created: %s", self.path, exc)
            return
        try:
            _reserve(fd)
        finally:
            os.close(fd)

    def append(
        self,
        *,
        time: str,
        run: int | None,
        site: str,
        url: str,
        stage: str,
        reason: str,
        **extra: Any,
    ) -> bool:
        """Append one failure; whether it reached the disk (it is logged either way)."""
        line = {"time": time, "run": run, "site": site, "url": url, "stage": stage}
        line |= {"reason": reason, **extra}
        data = (json.dumps(line, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        # The line's own fields, not its payload (a run's end carries the run's whole stats).
        logger.error(
            "failure not stored in the database (%s): %s %s: %s",
            self.path.name,
            stage,
            url or site,
            reason,
        )
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            logger.error("the failure file %s cannot be opened: %s", self.path, exc)
            return False
        try:
            before = os.fstat(fd).st_size
            written = os.write(fd, data)
            if written < len(data) and os.fstat(fd).st_size == before + written:
                os.ftruncate(fd, before)  # no torn line for the next one to run into
                raise OSError(f"no room for the line ({written} of {len(data)} bytes)")
            os.fsync(fd)
            _reserve(fd)
        except OSError as exc:
            logger.error("the failure file %s cannot be written: %s", self.path, exc)
            return False
        finally:
            os.close(fd)
        return True


def read_failures(db_path: str | Path) -> list[dict[str, Any]]:
    """Every line of the failure file beside `db_path` ([] without one, or when it cannot be
    read: a directory, no permission, which is logged); a torn or foreign line is skipped."""
    path = failure_file(db_path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        logger.warning("the failure file %s cannot be read: %s", path, exc)
        return []
    lines = []
    for line in text.splitlines():
        try:
            failure = json.loads(line)
        except ValueError:
            continue
        if isinstance(failure, dict):
            lines.append(failure)
    return lines
