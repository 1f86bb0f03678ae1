"""Where the archived responses of stored rows are (issue 18): the WARC file names as the
store keeps them, reading one record back (`scraper show --raw`), and pruning old files
(`scraper prune-warc`). No Scrapy here: the crawl's writer is scraper.crawl.archive.
"""

from __future__ import annotations

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
