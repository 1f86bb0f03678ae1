"""The WARC archive of every fetched response (issue 18): what a crawl writes, what the
store records of it, rotation, archiving off, and the schema 6 -> 7 migration."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator
from scrapy import Request
from scrapy.http import HtmlResponse

from scraper.crawl.archive import WarcArchive
from scraper.extract import normalize_url
from scraper.store import Store
from scraper.store.provenance import resolve_name, site_of_file
from scraper.store.schema import (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
    _statements,
)


def warc_records(folder: Path) -> list[dict]:
    """Every record of every WARC file in `folder`, in file order: type, URL, date, block."""
    records = []
    for path in sorted(folder.glob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle, parse_http=False):
                block = record.reader.read()
                records.append(
                    {
                        "file": path.name,
                        "type": str(record.record_type).rsplit(".", 1)[-1],
                        "url": record.headers.get("WARC-Target-URI"),
                        "date": record.headers.get("WARC-Date"),
                        "block": block,
                    }
                )
    return records


def record_at(db: Path, name: str, offset: int, length: int) -> bytes:
    """The uncompressed record stored at `offset` (one gzip member of `length` bytes)."""
    with open(resolve_name(name, db), "rb") as handle:
        handle.seek(offset)
        member = handle.read(length)
    inflater = zlib.decompressobj(31)
    record = inflater.decompress(member)
    assert inflater.eof, "the member is cut short"
    return record


def test_a_crawl_archives_every_response_with_its_request(crawled_db, last_stats):
    folder = Path(f"{crawled_db}.warc")
    records = warc_records(folder)
    stats = last_stats(crawled_db)
    kinds = [r["type"] for r in records]
    responses = [r for r in records if r["type"] == "response"]
    # Every response the downloader received (home, robots.txt, feed, sitemaps, API, pages,
    # the 301 and the 404), each after its request; one warcinfo opens the file.
    assert kinds[0] == "warcinfo"
    assert len(responses) == stats["downloader/response_count"] == kinds.count("request")
    assert stats["warc/records"] == len(records) and stats["warc/files"] == 1
    statuses = {r["block"].split(b" ", 2)[1] for r in responses}
    assert {b"200", b"301", b"404"} <= statuses
    urls = {r["url"] for r in responses}
    assert any(u.endswith("/robots.txt") for u in urls)
    assert any(u.endswith("/feed/") for u in urls)
    assert any("sitemap" in u for u in urls)
    assert any("wp-json" in u for u in urls)
    home = next(r for r in responses if r["url"].endswith(".example/"))
    head, _, body = home["block"].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"\r\nContent-Type: text/html" in head and b"\r\nDate: " in head
    assert body.lstrip().lower().startswith(b"<!doctype html")
    request = next(r for r in records if r["type"] == "request" and r["url"] == home["url"])
    assert request["block"].startswith(b"GET / HTTP/1.1\r\n")
    assert b"\r\nUser-Agent: arabic-news-scraper/" in request["block"]


def test_rows_point_at_their_own_response_records(crawled_db):
    with sqlite3.connect(crawled_db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM articles WHERE archive_id IS NULL"
        ).fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM list_item_sightings WHERE archive_id IS NULL"
        ).fetchone() == (0,)
        fetches = conn.execute(
            "SELECT f.url, f.fetched_at, a.warc_file, a.warc_offset, a.warc_length, a.url, "
            "a.fetched_at, a.status FROM fetch_state AS f JOIN archive_records AS a "
            "ON a.id = f.archive_id"
        ).fetchall()
        unarchived = conn.execute("SELECT count(*) FROM fetch_state WHERE archive_id IS NULL")
        assert unarchived.fetchone() == (0,)
        articles = conn.execute(
            "SELECT x.url, f.url FROM articles AS x JOIN fetch_state AS f "
            "ON f.archive_id = x.archive_id"
        ).fetchall()
        article_count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        sightings = conn.execute(
            "SELECT DISTINCT s.page_url, a.url, s.reference_time, a.fetched_at "
            "FROM list_item_sightings AS s JOIN archive_records AS a ON a.id = s.archive_id"
        ).fetchall()
    assert len(fetches) == 74
    for url, fetched_at, name, offset, length, archived_url, archived_at, status in fetches:
        record = record_at(crawled_db, name, offset, length)
        head = record.split(b"\r\n\r\n", 1)[0].decode()
        assert "WARC-Type: response" in head
        target = next(x for x in head.split("\r\n") if x.startswith("WARC-Target-URI: "))
        assert normalize_url(target.split(": ", 1)[1]) == url == archived_url
        # The WARC-Date is the fetch time the store records (the page's reference time).
        assert f"\r\nWARC-Date: {fetched_at}\r\n" in head and archived_at == fetched_at
        assert status == 200
    # Each article points at the record of the page it was read from.
    assert len(articles) == article_count == 57
    assert len({url for url, _ in articles}) == 57
    # Sightings point at the page, feed, sitemap or API answer they were seen on.
    assert sightings and all(page == url for page, url, _, _ in sightings)
    assert all(seen == at for _, _, seen, at in sightings)


def test_archiving_off_writes_nothing_and_stores_the_same(
    replay_server, crawl, crawled_db, snapshot, tmp_path
):
    db = tmp_path / "news.db"
    done = crawl(db, replay_server, "--no-warc")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not Path(f"{db}.warc").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM archive_records").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM articles WHERE archive_id IS NOT NULL"
        ).fetchone() == (0,)
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
    assert "warc/records" not in stats
    assert snapshot(db) == snapshot(crawled_db)


def test_files_rotate_at_the_size_cap_and_every_reference_resolves(replay_server, crawl, tmp_path):
    db = tmp_path / "db" / "news.db"
    db.parent.mkdir()
    folder = tmp_path / "archive"
    cap = 200_000
    done = crawl(
        db,
        replay_server,
        "--set",
        f"SCRAPER_WARC_MAX_BYTES={cap}",
        "--set",
        f"SCRAPER_WARC_DIR={folder}",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    files = sorted(folder.glob("*.warc.gz"))
    assert len(files) >= 5
    assert all(site_of_file(f.name) == "zox-demo" for f in files)
    # Numbered in order, one run; each within the cap (one record larger than the cap
    # would get a file of its own).
    assert [f.name[-14:] for f in files] == [f"-{n:05d}.warc.gz" for n in range(1, len(files) + 1)]
    assert all(f.stat().st_size <= cap for f in files)
    # Each file opens with its warcinfo and holds whole exchanges.
    for f in files:
        kinds = [r["type"] for r in warc_records(f.parent) if r["file"] == f.name]
        assert kinds[0] == "warcinfo" and kinds.count("request") == kinds.count("response")
    with sqlite3.connect(db) as conn:
        refs = conn.execute("SELECT warc_file, warc_offset, warc_length, url FROM archive_records")
        refs = refs.fetchall()
    # Outside the database's folder, a file is named by its absolute path.
    assert {Path(name).parent for name, *_ in refs} == {folder}
    assert len({name for name, *_ in refs}) >= 5
    for name, offset, length, url in refs:
        head = record_at(db, name, offset, length).split(b"\r\n\r\n", 1)[0].decode()
        assert "WARC-Type: response" in head and url.split("://")[1][:20] in head


class _Request(Request):
    pass


def test_sync_makes_records_durable_and_closes_rotated_files(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr("os.fsync", lambda fd: synced.append(fd))
    started = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    archive = WarcArchive(
        tmp_path, "my site", tmp_path / "news.db", max_bytes=3000, started=started
    )
    refs = []
    for n in range(4):
        url = f"https://example.com/{n}"
        response = HtmlResponse(
            url, body=b"<p>" + random.Random(n).randbytes(2000) + b"</p>", headers={"Date": "x"}
        )
        refs.append(archive.write(Request(url), response, started))
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert [f.name for f in files][:1] == [
        "20260102T030405Z-my%20site-" + archive.run + "-00001.warc.gz"
    ]
    assert len(files) == 4 and site_of_file(files[0].name) == "my site"
    before = len(synced)
    archive.sync()
    # One fsync per file written since the last sync (the three rotated out, the open one).
    assert len(synced) - before == 4
    archive.sync()
    assert len(synced) - before == 4  # nothing new: no fsync
    archive.close()
    for n, ref in enumerate(refs):
        record = record_at(tmp_path / "news.db", ref.file, ref.offset, ref.length)
        assert f"WARC-Target-URI: https://example.com/{n}\r\n".encode() in record
        assert b"WARC-Date: 2026-01-02T03:04:05Z\r\n" in record


def _v6_database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for script in (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6):
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO schema_info (key, value) VALUES ('version', '6')")
    conn.execute(
        "INSERT INTO fetch_state (url, status, fetched_at) VALUES ('https://a.example/1', 200, "
        "'2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO list_item_sightings (site, item_url, page_url, widget, reference_time) "
        "VALUES ('a', 'https://a.example/1', 'https://a.example/', 'home', '2025-01-01T00:00:00Z')"
    )
    conn.close()


def test_a_version_six_database_migrates_to_seven_keeping_its_rows(tmp_path, crawled_db):
    db = tmp_path / "old.db"
    _v6_database(db)
    Store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone() == (
            "7",
        )
        assert conn.execute("SELECT url, archive_id FROM fetch_state").fetchall() == [
            ("https://a.example/1", None)
        ]
        assert conn.execute("SELECT item_url, archive_id FROM list_item_sightings").fetchall() == [
            ("https://a.example/1", None)
        ]
        columns = {r[1] for r in conn.execute("PRAGMA table_info(archive_records)")}
    assert {"warc_file", "warc_offset", "warc_length", "url", "fetched_at", "pruned_at"} <= columns


def test_merge_carries_provenance(crawled_db, tmp_path):
    from scraper.store.merge import merge_shards

    shard = tmp_path / "shard" / "news.db"
    shard.parent.mkdir()
    shutil.copy(crawled_db, shard)
    central = tmp_path / "central.db"
    merge_shards([shard], central)
    merge_shards([shard], central)  # merged twice: the records once
    query = (
        "SELECT x.url, a.warc_file, a.warc_offset, a.warc_length, a.url, a.fetched_at "
        "FROM {table} AS x JOIN archive_records AS a ON a.id = x.archive_id ORDER BY 1, 3"
    )
    with sqlite3.connect(crawled_db) as conn:
        original = conn.execute(query.format(table="articles")).fetchall()
        records = conn.execute("SELECT count(*) FROM archive_records").fetchone()
    with sqlite3.connect(central) as conn:
        merged = conn.execute(query.format(table="articles")).fetchall()
        assert conn.execute("SELECT count(*) FROM archive_records").fetchone() == records
        sightings = conn.execute(
            "SELECT count(*), count(archive_id) FROM list_item_sightings"
        ).fetchone()
        fetches = conn.execute("SELECT count(*), count(archive_id) FROM fetch_state").fetchone()
    assert sightings[0] == sightings[1] == 1714 and fetches[0] == fetches[1]
    # The same records; the file names now say where they are from the central database.
    assert len(merged) == len(original) == 57
    for (url, name, *rest), (url2, name2, *rest2) in zip(original, merged, strict=True):
        assert (url, rest) == (url2, rest2)
        assert resolve_name(name2, central) == resolve_name(name, shard)


def test_the_archive_is_synced_before_each_commit_and_a_failed_sync_commits_nothing(tmp_path):
    from scraper.items import ArchiveRef, FetchRecord, PageRecords

    calls = []

    def sync() -> None:
        calls.append("sync")
        if len(calls) == 2:
            raise OSError("no space left on device")

    store = Store(tmp_path / "news.db", before_commit=sync)
    page = PageRecords(
        url="https://a.example/1",
        fetch=FetchRecord(
            "https://a.example/1", 200, "2025-01-01T00:00:00Z", archive=ArchiveRef("x", 10, 5)
        ),
    )
    store.write_batch([page])
    second = PageRecords(
        url="https://a.example/2", fetch=FetchRecord("https://a.example/2", 200, "t")
    )
    with pytest.raises(OSError, match="no space"):
        store.write_batch([second])
    rows = store.conn.execute("SELECT url, archive_id FROM fetch_state").fetchall()
    store.close()
    assert calls == ["sync", "sync"]
    assert rows == [("https://a.example/1", 1)]


def _copy_with_archive(crawled_db: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / "news.db"
    with sqlite3.connect(crawled_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    shutil.copytree(f"{crawled_db}.warc", f"{db}.warc")
    return db


def _an_article(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT url, fetched_url FROM articles WHERE source IS NOT NULL ORDER BY url LIMIT 1"
        ).fetchone()


def test_show_prints_the_record_and_its_provenance(crawled_db, tmp_path, capsys):
    from scraper.cli import main

    db = _copy_with_archive(crawled_db, tmp_path / "copy")
    url, fetched_url = _an_article(db)
    with sqlite3.connect(db) as conn:
        headline, published, raw, name, offset, at = conn.execute(
            "SELECT a.headline, a.published_at, a.published_raw, r.warc_file, r.warc_offset, "
            "r.fetched_at FROM articles AS a JOIN archive_records AS r ON r.id = a.archive_id "
            "WHERE a.url = ?",
            (url,),
        ).fetchone()
    assert main(["show", fetched_url, "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert f"url:        {url}\n" in shown and f"headline:   {headline}\n" in shown
    assert f"published:  {published} (" in shown and repr(raw) in shown
    assert f"archive:    {name} @ {offset} (" in shown and f"WARC-Date {at}" in shown
    assert "pruned" not in shown

    assert main(["show", url, "--db", str(db), "--raw"]) == 0
    raw_response = capsys.readouterr().out
    assert raw_response.startswith("HTTP/1.1 200 OK\r\n")
    assert headline.split()[0] in raw_response  # the page itself, as received

    assert main(["show", "https://nowhere.example/x", "--db", str(db)]) == 2
    assert "nothing stored under https://nowhere.example/x" in capsys.readouterr().err

    # Copied without its closing slash: found, and the note says under which URL.
    assert url.endswith("/")
    assert main(["show", url[:-1], "--db", str(db)]) == 0
    printed = capsys.readouterr()
    assert f"url:        {url}\n" in printed.out
    assert printed.err == f"scraper show: note: stored under {url}\n"


def _age(folder: Path, days: float) -> None:
    when = datetime.now(UTC).timestamp() - days * 86400
    for path in folder.glob("*.warc.gz"):
        os.utime(path, (when, when))


def test_prune_deletes_old_files_marks_rows_and_is_idempotent(crawled_db, tmp_path, capsys):
    from scraper.cli import main
    from scraper.ops.runlock import crawl_locks

    db = _copy_with_archive(crawled_db, tmp_path / "copy")
    folder = Path(f"{db}.warc")
    with sqlite3.connect(db) as conn:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM archive_records)"
        ).fetchone()
    url, _ = _an_article(db)
    # Recent files stay.
    assert main(["prune-warc", "--keep-days", "3", "--db", str(db)]) == 0
    assert "pruned 0 WARC files" in capsys.readouterr().out
    assert len(list(folder.glob("*.warc.gz"))) == 1
    _age(folder, 5)
    # A crawl of the site into this database is running: its files are not touched.
    with crawl_locks(db, ["zox-demo"]):
        assert main(["prune-warc", "--keep-days", "3", "--db", str(db)]) == 75
    assert "a crawl of its site" in capsys.readouterr().err
    assert len(list(folder.glob("*.warc.gz"))) == 1
    assert main(["prune-warc", "--keep-days", "3", "--db", str(db)]) == 0
    assert f"pruned 1 WARC files ({counts[1]} archive records" in capsys.readouterr().out
    assert list(folder.glob("*.warc.gz")) == []
    with sqlite3.connect(db) as conn:
        after = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM archive_records)"
        ).fetchone()
        unpruned = conn.execute("SELECT count(*) FROM archive_records WHERE pruned_at IS NULL")
        assert unpruned.fetchone() == (0,)
    assert after == counts  # rows kept
    assert main(["prune-warc", "--keep-days", "3", "--db", str(db)]) == 0
    assert "pruned 0 WARC files (0 archive records" in capsys.readouterr().out
    assert main(["show", url, "--db", str(db)]) == 0
    assert "; pruned 20" in capsys.readouterr().out
    assert main(["show", url, "--db", str(db), "--raw"]) == 1
    assert "was pruned on 20" in capsys.readouterr().err


def test_show_raw_says_when_the_warc_file_is_missing(crawled_db, tmp_path, capsys):
    from scraper.cli import main

    db = _copy_with_archive(crawled_db, tmp_path / "copy")
    shutil.rmtree(f"{db}.warc")
    url, _ = _an_article(db)
    assert main(["show", url, "--db", str(db), "--raw"]) == 1
    assert "is missing" in capsys.readouterr().err


class _FullDisk:
    """A file that takes part of a write, then refuses: a disk that filled up."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def write(self, data: bytes) -> int:
        self.handle.write(data[:100])
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)


def test_after_a_failed_write_records_go_to_a_new_file_at_true_offsets(tmp_path):
    started = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    archive = WarcArchive(tmp_path, "s", tmp_path / "news.db", started=started)

    def exchange(n: int):
        url = f"https://example.com/{n}"
        return Request(url), HtmlResponse(url, body=b"<p>page %d</p>" % n)

    first = archive.write(*exchange(1), started)
    archive._current.handle = _FullDisk(archive._current.handle)
    with pytest.raises(OSError, match="No space"):
        archive.write(*exchange(2), started)
    third = archive.write(*exchange(3), started)
    archive.close()
    assert first.file.endswith("-00001.warc.gz") and third.file.endswith("-00002.warc.gz")
    for n, ref in ((1, first), (3, third)):
        record = record_at(tmp_path / "news.db", ref.file, ref.offset, ref.length)
        assert f"WARC-Target-URI: https://example.com/{n}\r\n".encode() in record


def test_show_says_where_each_field_came_from_and_why_one_is_missing(crawled_db, capsys):
    from scraper.cli import main

    with sqlite3.connect(crawled_db) as conn:
        url, provenance, missing = conn.execute(
            "SELECT url, provenance, missing FROM articles WHERE source IS NULL ORDER BY url"
        ).fetchone()
    found_by, why = json.loads(provenance), json.loads(missing)
    assert main(["show", url, "--db", str(crawled_db)]) == 0
    shown = capsys.readouterr().out.splitlines()
    first = next(iter(found_by))
    assert f"found by:   {first:<12}  {found_by[first]}" in shown
    assert f"            {'headline':<12}  {found_by['headline']}" in shown
    assert f"            {'published_at':<12}  {found_by['published_at']}" in shown
    label = "missing:" if next(iter(why)) == "source" else ""  # (on the first line only)
    assert f"{label:<12}{'source':<12}  {why['source']}" in shown
    assert "no source or credit line" in why["source"]


def test_show_names_the_day_a_date_only_page_printed(crawled_db, capsys):
    from scraper.cli import main

    with sqlite3.connect(crawled_db) as conn:
        url, published, raw = conn.execute(
            "SELECT url, published_at, published_raw FROM articles WHERE precision = 'day' "
            "AND published_at LIKE '%T21:00:00Z' ORDER BY url"
        ).fetchone()
    assert main(["show", url, "--db", str(crawled_db)]) == 0
    shown = capsys.readouterr().out
    # Stored at Istanbul's midnight in UTC, the evening before the day the page printed.
    assert f"published:  {published} (day: {raw} in Europe/Istanbul; between " in shown
    assert published[:10] != raw
