"""Where the archived responses of stored rows are (issue 18): the WARC file names as the
store keeps them, reading one record back (`scraper show --raw`), and pruning old files
(`scraper prune-warc`). No Scrapy here: the crawl's writer is scraper.crawl.archive.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote


def warc_directory(db: str | Path) -> Path:
    """Where a database's WARC files go by default: `<db>.warc/` beside it."""
    return Path(f"{db}.warc")


def stored_name(path: Path, db: str | Path) -> str:
    """A WARC file as the store names it: relative to the database's folder when inside
    it (the two move together), else absolute."""
    folder = Path(db).resolve().parent
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(folder))
    except ValueError:
        return str(absolute)


def resolve_name(name: str, db: str | Path) -> Path:
    """The file a stored name refers to, for the database at `db`."""
    path = Path(name)
    return path if path.is_absolute() else Path(db).resolve().parent / path


def site_of_file(name: str) -> str | None:
    """The site a WARC file's name says it holds (`stamp-site-run-seq.warc.gz`), or None
    for a name this archive did not give."""
    stem = Path(name).name.removesuffix(".warc.gz")
    parts = stem.split("-")
    if len(parts) < 4 or not parts[-1].isdigit() or not name.endswith(".warc.gz"):
        return None
    return unquote("-".join(parts[1:-2]))


class ArchiveUnavailable(LookupError):
    """The archived bytes of a stored row cannot be read: pruned, missing or damaged."""


def read_response(db: str | Path, name: str, offset: int, length: int) -> bytes:
    """The HTTP response archived at `offset` of the WARC file `name` (as the database at
    `db` names it): status line, headers and body, as received. ArchiveUnavailable says why
    not (the file is missing, or the record there is cut short or not a response)."""
    path = resolve_name(name, db)
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            member = handle.read(length)
    except FileNotFoundError:
        raise ArchiveUnavailable(f"the WARC file {path} is missing") from None
    inflater = zlib.decompressobj(31)
    try:
        record = inflater.decompress(member)
    except zlib.error as exc:
        raise ArchiveUnavailable(f"no WARC record at {path}@{offset}: {exc}") from None
    head, separator, rest = record.partition(b"\r\n\r\n")
    fields = _warc_fields(head)
    if not (inflater.eof and separator and head.startswith(b"WARC/")):
        raise ArchiveUnavailable(f"the WARC record at {path}@{offset} is cut short")
    if fields.get("warc-type") != "response":
        raise ArchiveUnavailable(f"the WARC record at {path}@{offset} is not a response")
    size = int(fields.get("content-length", "-1"))
    if size < 0 or len(rest) < size:
        raise ArchiveUnavailable(f"the WARC record at {path}@{offset} is cut short")
    return rest[:size]


def _warc_fields(head: bytes) -> dict[str, str]:
    fields = {}
    for line in head.decode("utf-8", "replace").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return fields


@dataclass
class PruneResult:
    deleted: list[Path] = field(default_factory=list)
    skipped_running: list[Path] = field(default_factory=list)  # a run of its site holds the lock
    rows_marked: int = 0


def prune_archive(
    db: str | Path, keep_days: float, now: datetime, directory: str | Path | None = None
) -> PruneResult:
    """Delete the WARC files of the database at `db` last written more than `keep_days`
    before `now`, except those of a site whose crawl into `db` holds its run lock (its run
    may still be writing them); mark the archive_records rows of each deleted file pruned.
    Rows are never deleted; a second prune finds nothing more to do."""
    from scraper.ops.runlock import AlreadyRunning, crawl_locks

    folder = Path(directory) if directory is not None else warc_directory(db)
    result = PruneResult()
    cutoff = now.timestamp() - keep_days * 86400
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    files = sorted(folder.glob("*.warc.gz")) if folder.is_dir() else []
    old = [path for path in files if path.stat().st_mtime < cutoff]
    conn = sqlite3.connect(db, isolation_level=None, timeout=10)
    try:
        for path in old:
            site = site_of_file(path.name)
            try:
                with crawl_locks(db, [site] if site is not None else []):
                    # Marked before the file goes: a prune killed in between leaves rows
                    # that say pruned beside a file still there, never the other way round.
                    cursor = conn.execute(
                        "UPDATE archive_records SET pruned_at = ? "
                        "WHERE warc_file = ? AND pruned_at IS NULL",
                        (stamp, stored_name(path, db)),
                    )
                    result.rows_marked += cursor.rowcount
                    path.unlink()
                    result.deleted.append(path)
            except AlreadyRunning:
                result.skipped_running.append(path)
    finally:
        conn.close()
    return result
