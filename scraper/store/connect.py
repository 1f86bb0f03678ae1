"""How every reader opens a database file: one escaped `file:` URI, read-only, and
immutable only where SQLite cannot keep a WAL index beside the file.

A path pasted into a URI unescaped is read as another file: in `file:run#1/news.db?mode=ro`
SQLite takes `#1/news.db?mode=ro` for a fragment and opens (and creates) `run`, read-write.
`sqlite_uri()` escapes the whole path (`?`, `#`, `%`, spaces, every non-ASCII byte).

A reader of a WAL database needs its `-shm` index beside it, and creates one if it is
missing. On a read-only filesystem (or a directory it may not write) that fails with
SQLITE_CANTOPEN at the first read; `open_read_only()` then opens the file with
`immutable=1`, which reads the main file alone. Commits still in a `-wal` file are invisible
that way, so a non-empty `-wal` without its `-shm` is reported in the log.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

log = logging.getLogger(__name__)

# Extended result codes share the primary code's low byte.
_CANNOT_MAKE_THE_INDEX = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY}


def sqlite_uri(path: str | Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """The `file:` URI of `path` (made absolute, every byte a URI would misread escaped),
    with `mode=ro` and `immutable=1` when asked."""
    absolute = os.path.abspath(os.fsencode(path))
    # "file://" + an absolute path: an empty authority, so a path starting "//" stays a path.
    uri = "file://" + quote(absolute, safe="/")
    options = [("mode=ro" if read_only else ""), ("immutable=1" if immutable else "")]
    query = "&".join(option for option in options if option)
    return f"{uri}?{query}" if query else uri


def directory_read_only(path: str | Path) -> bool:
    """Whether no file can be created beside `path` (read-only filesystem or directory)."""
    return not os.access(os.path.dirname(os.path.abspath(path)) or ".", os.W_OK)


def read_only_uri(path: str | Path) -> str:
    """The URI a reader opens `path` with: `mode=ro`, plus `immutable=1` when the file's
    WAL index cannot be opened or created there. sqlite3.Error if it is no database."""
    uri = sqlite_uri(path, read_only=True)
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # the first read opens the index
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", sqlite3.SQLITE_CANTOPEN) & 0xFF
        if code not in _CANNOT_MAKE_THE_INDEX or not Path(path).is_file():
            raise
        if not directory_read_only(path):
            raise
        _warn_if_commits_unread(Path(path))
        return sqlite_uri(path, read_only=True, immutable=True)
    return uri


def open_read_only(path: str | Path, **connect_args: Any) -> sqlite3.Connection:
    """A read-only connection to the database at `path` (see `read_only_uri`); an absent
    file is an error, never created."""
    return sqlite3.connect(read_only_uri(path), uri=True, **connect_args)


def _warn_if_commits_unread(path: Path) -> None:
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size
    except OSError:
        return
    if pending:
        log.warning(
            "%s is on a read-only filesystem and its %s holds %d bytes of commits that "
            "cannot be read without its -shm index: reading the database as of its last "
            "checkpoint. Copy the database with its -wal to a writable place to read them.",
            path,
            wal.name,
            pending,
        )
