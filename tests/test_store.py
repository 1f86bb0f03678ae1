"""The store: committed means on disk, re-crawls update in place, one bad record sinks none."""

from __future__ import annotations

import sqlite3

import pytest

from scraper.items import ArticleRecord, FailureRecord, ListItemSighting
from scraper.store import GroupCommitWriter, Store
from scraper.store.schema import SCHEMA_VERSION


def article(url: str = "https://news.example/2025/12/14/x/", **fields) -> ArticleRecord:
    values = {
        "site": "example",
        "fetched_url": url,
        "reference_time": "2025-12-15T09:00:00Z",
        "headline": "عنوان الخبر",
        "body": "فقرة أولى.\n\nفقرة ثانية.",
        "source": ["الأناضول"],
        "category": {"name": "دولي", "url": "https://news.example/category/x/"},
        "categories": [{"name": "دولي", "url": "https://news.example/category/x/"}],
    }
    values.update(fields)
    return ArticleRecord(url=url, **values)


def sighting(n: int) -> ListItemSighting:
    return ListItemSighting(
        url=f"https://news.example/item/{n}/",
        site="example",
        page_url="https://news.example/",
        reference_time="2025-12-15T09:00:00Z",
        widget="tabber",
        time_raw="11 ساعة ago",
        earliest="2025-12-14T21:30:01Z",
        latest="2025-12-14T22:30:00Z",
    )


def test_submitted_records_are_committed_when_their_future_completes(tmp_path):
    writer = GroupCommitWriter(tmp_path / "db.sqlite", batch_size=50)
    writer.start()
    futures = [writer.submit(sighting(n)) for n in range(120)] + [writer.submit(article())]
    for future in futures:
        future.result(timeout=10)
    # A second connection sees every acknowledged record before the writer closes.
    other = sqlite3.connect(tmp_path / "db.sqlite")
    assert other.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0] == 120
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    writer.close()
    assert 1 <= writer.batches <= len(futures)


def test_recrawl_updates_in_place_and_keeps_first_seen(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.write_batch([article()])
    store.write_batch([article(reference_time="2025-12-16T09:00:00Z")])
    row = store.conn.execute(
        "SELECT count(*), first_seen_at, last_seen_at, last_changed_at FROM articles"
    ).fetchone()
    assert row == (1, "2025-12-15T09:00:00Z", "2025-12-16T09:00:00Z", "2025-12-15T09:00:00Z")
    store.write_batch([article(headline="عنوان معدل", reference_time="2025-12-17T09:00:00Z")])
    row = store.conn.execute(
        "SELECT count(*), headline, first_seen_at, last_changed_at FROM articles"
    ).fetchone()
    assert row == (1, "عنوان معدل", "2025-12-15T09:00:00Z", "2025-12-17T09:00:00Z")


def test_same_sighting_twice_is_stored_once(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.write_batch([sighting(1), sighting(1)])
    store.write_batch([sighting(1)])
    assert store.conn.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0] == 1


def test_one_bad_record_does_not_sink_its_batch(tmp_path):
    writer = GroupCommitWriter(tmp_path / "db.sqlite", batch_size=10)
    writer.start()
    bad = article(url=None)  # violates NOT NULL on the primary key's row
    good = [writer.submit(sighting(n)) for n in range(5)]
    failed = writer.submit(bad)
    good.append(writer.submit(FailureRecord("u", "example", "http", "HTTP 404", "t")))
    for future in good:
        future.result(timeout=10)
    with pytest.raises(sqlite3.IntegrityError):
        failed.result(timeout=10)
    writer.close()
    db = sqlite3.connect(tmp_path / "db.sqlite")
    assert db.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0] == 5
    assert db.execute("SELECT count(*) FROM failures").fetchone()[0] == 1


def _open_at_once(path: str, barrier, errors) -> None:
    barrier.wait()
    try:
        Store(path).close()
    except Exception as exc:  # reported to the test, which names it
        errors.put(f"{type(exc).__name__}: {exc}")


def test_processes_opening_a_fresh_database_at_once_all_get_the_schema(tmp_path):
    # Two crawls (or a crawl and `scraper search`) starting on a new file: each migrates.
    # Read before the write lock, the version said 0 to both, and the second recreated
    # tables the first had just made ("table ... already exists", 4 times in 10 tries).
    import multiprocessing

    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for attempt in range(6):
        path = str(tmp_path / f"fresh-{attempt}.db")
        barrier = context.Barrier(4)
        workers = [
            context.Process(target=_open_at_once, args=(path, barrier, errors)) for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
            assert worker.exitcode == 0
        with sqlite3.connect(path) as conn:
            version = conn.execute("SELECT value FROM schema_info WHERE key = 'version'")
            assert int(version.fetchone()[0]) == SCHEMA_VERSION
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
