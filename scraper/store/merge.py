"""`scraper merge`: fold databases crawled on other hosts (shards) into one central database.

Each shard is merged in one transaction on the central database: a merge killed half-way
leaves the central database as it was before that shard (whole shards merged before it
stay). Within a shard:

- articles are matched by canonical URL, then by (site, WordPress post id) as the writer
  matches them; of two different versions the one that changed last (`last_changed_at`,
  then `reference_time`) is kept in `articles`, the other goes to `article_revisions`, and
  the shard's own revisions come along; a newer version that looks worse than the stored
  one (`scraper.store.quality`) does not replace it, as in a crawl;
- runs are appended once, by UUID; their failures with them; sightings are appended
  (their unique key ignores one already there); `fetch_state` keeps the newest fetch;
- the search index is updated for the articles that changed only;
- provenance comes along: the shard's `archive_records` rows are added once (by file and
  offset), their file names resolved from the shard's folder and named again from the
  central database's (relative when inside its folder, else absolute), and the rows that
  refer to them refer to the central ones.

A shard of an older schema version is migrated on a temporary copy (the shard file is
never written); a newer one is refused.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.store.connect import open_read_only
from scraper.store.provenance import resolve_name, stored_name
from scraper.store.quality import worse_than_stored
from scraper.store.schema import (
    SCHEMA_VERSION,
    NewerSchemaError,
    _Links,
    migrate,
    schema_version,
    search_text,
)
from scraper.store.writer import _CONTENT_FIELDS, Store, _json

# Read from a shard this many rows at a time.
_CHUNK = 2000


@dataclass
class MergeCounts:
    """What one shard added to the central database."""

    shard: str
    articles_new: int = 0
    articles_changed: int = 0  # the shard's version replaced the central one
    articles_older: int = 0  # the central version stays; the shard's went to revisions
    articles_same: int = 0
    revisions: int = 0
    runs: int = 0
    failures: int = 0
    sightings: int = 0
    fetch_states: int = 0
    articles_kept: int = 0  # newer, but worse than the central version: not stored
    migrated_from: int | None = None  # the shard's schema version, when it was older

    def describe(self) -> str:
        migrated = (
            f" (schema {self.migrated_from} migrated on a copy)" if self.migrated_from else ""
        )
        return (
            f"{self.shard}{migrated}: articles {self.articles_new} new, "
            f"{self.articles_changed} changed, {self.articles_older} older, "
            f"{self.articles_kept} kept (worse), "
            f"{self.articles_same} the same; {self.revisions} revisions, {self.runs} runs, "
            f"{self.failures} failures, {self.sightings} sightings, "
            f"{self.fetch_states} fetch states"
        )


def merge_shards(shards: list[str | Path], central: str | Path) -> list[MergeCounts]:
    """Merge every shard into `central` (created if missing), one transaction per shard,
    in the order given; return what each added. The caller holds the merge lock.

    The store is in bulk mode: the search-index entries of a shard's articles are written
    together, in rowid order, at the end of its transaction (`Store` explains why)."""
    store = Store(central, bulk=True)
    try:
        return [_merge_one(store, Path(shard), Path(central)) for shard in shards]
    finally:
        store.close()


def _merge_one(store: Store, shard: Path, central: Path) -> MergeCounts:
    counts = MergeCounts(shard=str(shard))
    with _current_copy(shard) as (source, found):
        if found < SCHEMA_VERSION:
            counts.migrated_from = found
        # One snapshot of the shard, should a crawl still be writing it.
        source.execute("BEGIN")
        try:
            with store.transaction():
                _Merge(store, source, counts, shard, central).run()
        finally:
            source.execute("ROLLBACK")
    return counts


@contextmanager
def _current_copy(shard: Path) -> Iterator[tuple[sqlite3.Connection, int]]:
    """A read-only connection to the shard at SCHEMA_VERSION, and the version it had: the
    shard itself, or a migrated temporary copy of an older one."""
    with closing(open_read_only(shard)) as conn:
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{shard} has schema version {found}, newer than the {SCHEMA_VERSION} this "
                "version knows: upgrade the project to merge it"
            )
        if found == SCHEMA_VERSION:
            yield conn, found
            return
        folder = Path(tempfile.mkdtemp(prefix="scraper-merge-"))
        try:
            copy_path = folder / "shard.db"
            with closing(sqlite3.connect(copy_path)) as copy:
                conn.backup(copy)
            conn.close()
            with closing(sqlite3.connect(copy_path, isolation_level=None)) as copy:
                migrate(copy)
            with closing(open_read_only(copy_path)) as copy:
                yield copy, found
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(_CHUNK):
        for row in batch:
            yield dict(zip(names, row, strict=True))


class _Merge:
    """One shard's rows into the central database, inside the caller's transaction."""

    def __init__(
        self,
        store: Store,
        shard: sqlite3.Connection,
        counts: MergeCounts,
        shard_path: Path,
        central_path: Path,
    ):
        self.store = store
        self.central = store.conn
        self.shard = shard
        self.counts = counts
        self.links = _Links(self.central)
        self.run_ids: dict[int, int] = {}  # shard run id -> central run id
        self.shard_path = shard_path
        self.central_path = central_path
        self.archive_ids: dict[int, int] = {}  # shard archive_records id -> central id

    def run(self) -> None:
        self._archive_records()
        self._sites()
        self._runs()
        self._failures()
        self._sightings()
        self._fetch_state()
        self._articles()

    def _sites(self) -> None:
        for row in _rows(self.shard, "SELECT name, title, profile, timezone, config FROM sites"):
            self.central.execute(
                "INSERT INTO sites (name, title, profile, timezone, config) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET title = coalesce(excluded.title, title), "
                "profile = coalesce(excluded.profile, profile), "
                "timezone = coalesce(excluded.timezone, timezone), "
                "config = coalesce(excluded.config, config)",
                tuple(row.values()),
            )
            self.links.sites.add(row["name"])

    def _runs(self) -> None:
        central = self.central
        for run in _rows(self.shard, "SELECT * FROM crawl_runs ORDER BY id"):
            known = central.execute(
                "SELECT id, finished_at FROM crawl_runs WHERE uuid = ?", (run["uuid"],)
            ).fetchone()
            if known:
                self.run_ids[run["id"]] = known[0]
                if known[1] is None and run["finished_at"] is not None:
                    # Merged while it ran; its end arrived with a later copy of the shard.
                    central.execute(
                        "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, "
                        "exit_status = ?, stats = ? WHERE id = ?",
                        (run["finished_at"], run["finish_reason"], run["exit_status"],
                         run["stats"], known[0]),
                    )  # fmt: skip
                continue
            columns = [c for c in run if c != "id"]
            cursor = central.execute(
                f"INSERT INTO crawl_runs ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [run[c] for c in columns],
            )
            self.run_ids[run["id"]] = cursor.lastrowid
            self.counts.runs += 1

    def _archive_records(self) -> None:
        central = self.central
        for row in _rows(self.shard, "SELECT * FROM archive_records ORDER BY id"):
            shard_id = row.pop("id")
            file = resolve_name(row["warc_file"], self.shard_path)
            row["warc_file"] = stored_name(file, self.central_path)
            columns = list(row)
            central.execute(
                f"INSERT OR IGNORE INTO archive_records ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [row[c] for c in columns],
            )
            (central_id,) = central.execute(
                "SELECT id FROM archive_records WHERE warc_file = ? AND warc_offset = ?",
                (row["warc_file"], row["warc_offset"]),
            ).fetchone()
            if row["pruned_at"] is not None:
                central.execute(
                    "UPDATE archive_records SET pruned_at = coalesce(pruned_at, ?) WHERE id = ?",
                    (row["pruned_at"], central_id),
                )
            self.archive_ids[shard_id] = central_id

    def _archive_id(self, shard_id: int | None) -> int | None:
        return None if shard_id is None else self.archive_ids.get(shard_id)

    def _failures(self) -> None:
        central = self.central
        for row in _rows(self.shard, "SELECT site, url, stage, reason, time, run_id FROM failures"):
            run_id = self.run_ids.get(row["run_id"]) if row["run_id"] is not None else None
            values = (row["site"], row["url"], row["stage"], row["reason"], row["time"], run_id)
            # The unique key holds for failures of a run; those of no run (NULL) are
            # compared by hand, as NULLs never conflict.
            present = central.execute(
                "SELECT 1 FROM failures WHERE site = ? AND url = ? AND stage = ? AND reason = ? "
                "AND time = ? AND run_id IS ?",
                values,
            ).fetchone()
            if not present:
                central.execute(
                    "INSERT INTO failures (site, url, stage, reason, time, run_id) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    values,
                )
                self.counts.failures += 1

    def _sightings(self) -> None:
        columns = [
            r[1]
            for r in self.shard.execute("PRAGMA table_info(list_item_sightings)")
            if r[1] != "id"
        ]
        insert = (
            f"INSERT OR IGNORE INTO list_item_sightings ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        cursor = self.shard.execute(f"SELECT {', '.join(columns)} FROM list_item_sightings")
        archive = columns.index("archive_id")
        before = self.central.total_changes
        while batch := cursor.fetchmany(_CHUNK):
            rows = [list(row) for row in batch]
            for row in rows:
                row[archive] = self._archive_id(row[archive])
            self.central.executemany(insert, rows)
        self.counts.sightings += self.central.total_changes - before

    def _fetch_state(self) -> None:
        cursor = self.shard.execute(
            "SELECT url, status, etag, last_modified, fetched_at, archive_id FROM fetch_state"
        )
        before = self.central.total_changes
        while batch := cursor.fetchmany(_CHUNK):
            self.central.executemany(
                "INSERT INTO fetch_state (url, status, etag, last_modified, fetched_at, "
                "archive_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "status = excluded.status, etag = excluded.etag, "
                "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
                "archive_id = excluded.archive_id WHERE excluded.fetched_at > fetched_at",
                [(*row[:5], self._archive_id(row[5])) for row in batch],
            )
        self.counts.fetch_states += self.central.total_changes - before

    def _articles(self) -> None:
        for article in _rows(self.shard, "SELECT * FROM articles ORDER BY id"):
            self._article(article)

    def _find(self, article: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        """The central row of the shard's article (by URL, then by post id), and the URL
        it is stored under there."""
        central = self.central
        match = central.execute("SELECT * FROM articles WHERE url = ?", (article["url"],))
        row = match.fetchone()
        if row is None and article["post_id"] is not None:
            match = central.execute(
                "SELECT * FROM articles WHERE site = ? AND post_id = ? ORDER BY id LIMIT 1",
                (article["site"], article["post_id"]),
            )
            row = match.fetchone()
        if row is None:
            return None, article["url"]
        stored = dict(zip([d[0] for d in match.description], row, strict=True))
        return stored, stored["url"]

    def _article(self, article: dict[str, Any]) -> None:
        central, counts = self.central, self.counts
        shard_id = article.pop("id")
        article["archive_id"] = self._archive_id(article["archive_id"])
        stored, url = self._find(article)
        if url != article["url"]:
            # Stored under that identity, as the writer does with a post id seen at a new URL.
            provenance = json.loads(article["provenance"] or "{}")
            provenance["url"] = f"post id {article['post_id']}, seen as {article['url']}"
            article["provenance"] = _json(provenance)
            article["url"] = url
        if stored is None:
            columns = list(article)
            article_id = central.execute(
                f"INSERT INTO articles ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [article[c] for c in columns],
            ).lastrowid
            self._link_and_index(article_id, article, replace=False)
            counts.articles_new += 1
            self._copy_revisions(shard_id, article_id)
            return
        article_id = stored["id"]
        central.execute(
            "UPDATE articles SET first_seen_at = min(first_seen_at, ?), "
            "last_seen_at = max(last_seen_at, ?) WHERE id = ?",
            (article["first_seen_at"], article["last_seen_at"], article_id),
        )
        if stored["content_hash"] == article["content_hash"]:
            counts.articles_same += 1
        elif _changed_later(article, stored) and worse_than_stored(stored, article):
            counts.articles_kept += 1
        elif _changed_later(article, stored):
            self._add_revision(
                article_id, stored, stored["last_changed_at"], article["last_changed_at"]
            )
            columns = [c for c in article if c not in ("url", "first_seen_at", "last_seen_at")]
            central.execute(
                f"UPDATE articles SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                [*(article[c] for c in columns), article_id],
            )
            self.store.unindex(article_id, lambda: _search_text(stored))
            self._link_and_index(article_id, article, replace=True)
            counts.articles_changed += 1
        else:
            self._add_revision(
                article_id, article, article["last_changed_at"], stored["last_changed_at"]
            )
            counts.articles_older += 1
        self._copy_revisions(shard_id, article_id)

    def _link_and_index(self, article_id: int, article: dict[str, Any], *, replace: bool) -> None:
        self.links.link(
            article_id,
            article["site"],
            json.loads(article["categories"] or "[]"),
            json.loads(article["source"] or "[]"),
            replace=replace,
        )
        self.store.index(article_id, _search_text(article))

    def _add_revision(
        self, article_id: int, version: dict[str, Any], seen_from: str, seen_until: str
    ) -> None:
        """`version` (an articles row) as a revision of the article, unless it is one already."""
        content = {name: version[name] for name in _CONTENT_FIELDS}
        self._insert_revision(
            article_id, version["content_hash"], _json(content), seen_from, seen_until
        )

    def _insert_revision(
        self,
        article_id: int,
        digest: str,
        content: str,
        seen_from: str,
        seen_until: str,
        extractor: str | None = None,
    ) -> None:
        present = self.central.execute(
            "SELECT 1 FROM article_revisions WHERE article_id = ? AND content_hash = ? "
            "AND seen_from = ?",
            (article_id, digest, seen_from),
        ).fetchone()
        if not present:
            self.central.execute(
                "INSERT INTO article_revisions (article_id, content_hash, content, seen_from, "
                "seen_until, extractor) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, digest, content, seen_from, seen_until, extractor),
            )
            self.counts.revisions += 1

    def _copy_revisions(self, shard_id: int, article_id: int) -> None:
        # `extractor` (which re-extraction replaced a version) comes along; `reextract_run`
        # names a run of the shard's own reextract_runs, which stay in the shard.
        revisions = self.shard.execute(
            "SELECT content_hash, content, seen_from, seen_until, extractor "
            "FROM article_revisions WHERE article_id = ? ORDER BY id",
            (shard_id,),
        ).fetchall()
        for digest, content, seen_from, seen_until, extractor in revisions:
            self._insert_revision(article_id, digest, content, seen_from, seen_until, extractor)


def _changed_later(article: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether the shard's version is the newer one (a tie keeps the central version)."""
    return (article["last_changed_at"], article["reference_time"]) > (
        stored["last_changed_at"],
        stored["reference_time"],
    )


def _search_text(row: dict[str, Any]) -> tuple[str, str, str]:
    return search_text(row["headline"], row["body"], json.loads(row["source"] or "[]"))
