"""`scraper merge`: shards crawled apart, merged, equal one database written whole; merging
again adds nothing; older shards are migrated on a copy, bad ones refused by name; a merge
killed half-way leaves whole shards or nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scraper.cli import main
from scraper.items import FailureRecord, FetchRecord, ListItemSighting, RunRecord
from scraper.ops.monitor import EXIT_RUNNING
from scraper.ops.runlock import merge_lock
from scraper.store import Store
from scraper.store.merge import merge_shards
from scraper.store.search import search
from scraper.testkit.compare import article_hashes, search_hits, sighting_keys


def _sightings(articles) -> list[ListItemSighting]:
    """Each article seen in the home page's list, at the page's render time."""
    return [
        ListItemSighting(
            url=a.url,
            site=a.site,
            page_url="http://127.0.0.1/",
            reference_time=a.reference_time,
            widget="home",
            title=a.headline,
            published_at=a.published_at,
        )
        for a in articles
    ]


def _write(path: Path, articles, *, started: str, failures: int = 1) -> Path:
    """A shard as a crawl leaves it: a finished run, its articles, sightings and failures."""
    store = Store(path)
    run_id = store.write(RunRecord(site="zox-demo", started_at=started))
    store.write_batch(
        [
            *articles,
            *_sightings(articles),
            *(
                FailureRecord(
                    url=f"http://127.0.0.1/missing-{n}",
                    site="zox-demo",
                    stage="http",
                    reason="404",
                    time=started,
                    run_id=run_id,
                )
                for n in range(failures)
            ),
        ]
    )
    store.write(
        RunRecord(
            site="zox-demo",
            started_at=started,
            id=run_id,
            finished_at=started,
            finish_reason="finished",
            exit_status=0,
            stats={"store/articles": len(articles)},
        )
    )
    store.close()
    return path


def _counts(db: Path) -> dict[str, int]:
    tables = (
        "articles",
        "article_revisions",
        "article_categories",
        "article_sources",
        "list_item_sightings",
        "failures",
        "crawl_runs",
        "fetch_state",
        "articles_fts_docsize",
    )
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture(scope="module")
def shards(tmp_path_factory, fixture_articles) -> dict[str, Path]:
    """Two overlapping halves of the bundled site, and the whole of it in one database."""
    folder = tmp_path_factory.mktemp("merge")
    articles = list(fixture_articles())
    middle = len(articles) // 2
    return {
        "a": _write(folder / "a.db", articles[: middle + 5], started="2025-12-15T09:00:00Z"),
        "b": _write(folder / "b.db", articles[middle - 5 :], started="2025-12-15T09:00:30Z"),
        "single": _write(folder / "single.db", articles, started="2025-12-15T09:00:00Z"),
    }


def test_two_halves_merged_equal_one_database(shards, tmp_path, capsys):
    central = tmp_path / "central.db"
    assert main(["merge", str(shards["a"]), str(shards["b"]), "--into", str(central)]) == 0
    # One line a shard, on standard output: what it added.
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [str(shards["a"]), str(shards["b"])]
    assert all(" new, " in line for line in lines)
    assert article_hashes(central) == article_hashes(shards["single"])
    assert len(article_hashes(central)) > len(article_hashes(shards["a"]))
    assert sighting_keys(central) == sighting_keys(shards["single"])
    hits = search_hits(central)
    assert hits == search_hits(shards["single"]) and all(hits.values())
    counts = _counts(central)
    single = _counts(shards["single"])
    for table in ("article_categories", "article_sources", "articles_fts_docsize"):
        assert counts[table] == single[table], table
    assert counts["crawl_runs"] == 2 and counts["failures"] == 2
    assert counts["article_revisions"] == 0  # the overlap is the same content
    assert _integrity(central) == "ok"


def test_merging_again_adds_nothing_and_leaves_the_index_alone(shards, tmp_path):
    central = tmp_path / "central.db"
    merge_shards([shards["a"], shards["b"]], central)
    before = _counts(central)
    with sqlite3.connect(central) as conn:
        index = conn.execute(
            "SELECT count(*), sum(length(block)) FROM articles_fts_data"
        ).fetchone()
    (again,) = merge_shards([shards["b"]], central)
    assert _counts(central) == before
    assert (again.articles_new, again.runs, again.failures, again.sightings) == (0, 0, 0, 0)
    with sqlite3.connect(central) as conn:
        assert (
            conn.execute("SELECT count(*), sum(length(block)) FROM articles_fts_data").fetchone()
            == index
        )


def test_a_crawled_shard_merged_into_an_empty_database_is_the_same(crawled_db, tmp_path):
    central = tmp_path / "central.db"
    merge_shards([crawled_db], central)
    merge_shards([crawled_db], central)
    assert article_hashes(central) == article_hashes(crawled_db)
    assert _counts(central) == _counts(crawled_db)
    assert search_hits(central) == search_hits(crawled_db)
    with sqlite3.connect(central) as a, sqlite3.connect(crawled_db) as b:
        runs = "SELECT uuid, site, started_at, finished_at, stats FROM crawl_runs ORDER BY id"
        assert a.execute(runs).fetchall() == b.execute(runs).fetchall()
        state = "SELECT * FROM fetch_state ORDER BY url"
        assert a.execute(state).fetchall() == b.execute(state).fetchall()


def test_a_crawl_cut_short_and_a_whole_crawl_merged_equal_the_whole_crawl(
    crawled_db, replay_server, crawl, tmp_path
):
    """Two hosts' shards of the bundled site: one crawl stopped by a page budget, one whole;
    merged in either order, the articles, sightings and search hits are the whole crawl's."""
    part = tmp_path / "part.db"
    done = crawl(part, replay_server, "--set", "CLOSESPIDER_PAGECOUNT=30")
    assert done.returncode in (0, 4), done.stderr[-2000:]  # 4: stopped by the budget
    assert 0 < len(article_hashes(part)) < len(article_hashes(crawled_db))
    for order in ([part, crawled_db], [crawled_db, part]):
        central = tmp_path / f"central-{order[0].stem}.db"
        merge_shards(order, central)
        assert article_hashes(central) == article_hashes(crawled_db)
        assert sighting_keys(central) == sighting_keys(crawled_db)
        assert search_hits(central) == search_hits(crawled_db)
        assert _counts(central)["crawl_runs"] == 2
        assert _counts(central)["article_revisions"] == 0
        assert _integrity(central) == "ok"


def test_the_newer_version_wins_and_the_older_becomes_a_revision(
    shards, tmp_path, fixture_articles
):
    article = next(iter(fixture_articles()))
    newer = replace(
        article,
        headline="عنوان مصحح بعد النشر عن ضفدعستان",
        body=article.body.replace("البازار", "السوق") + "\n\nفقرة أضيفت بعد التصحيح.",
        reference_time="2030-01-01T00:00:00Z",
    )
    later = _write(tmp_path / "later.db", [newer], started="2030-01-01T00:00:00Z", failures=0)
    for order in ([shards["a"], later], [later, shards["a"]]):
        central = tmp_path / f"central-{order[0].stem}.db"
        merge_shards(order, central)
        with sqlite3.connect(central) as conn:
            (headline,) = conn.execute(
                "SELECT headline FROM articles WHERE url = ?", (article.url,)
            ).fetchone()
            revisions = conn.execute(
                "SELECT content, seen_until FROM article_revisions_named WHERE url = ?",
                (article.url,),
            ).fetchall()
        assert headline == newer.headline
        assert len(revisions) == 1 and article.headline in revisions[0][0]
        assert revisions[0][1] == "2030-01-01T00:00:00Z"
        assert [h.url for h in search(central, "ضفدعستان")] == [article.url]
        # The old version's words left the index with it.
        assert article.url not in [h.url for h in search(central, "البازار", limit=1000)]


def test_a_shards_revisions_come_along_and_the_newest_fetch_wins(tmp_path, fixture_articles):
    article = next(iter(fixture_articles()))
    revised = replace(
        article,
        body=article.body + "\n\nفقرة أضيفت في اليوم التالي.",
        reference_time="2030-01-02T00:00:00Z",
    )
    url = "http://127.0.0.1/archive/page/2/"
    shard = tmp_path / "shard.db"
    store = Store(shard)
    store.write_batch(
        [article, FetchRecord(url=url, status=200, fetched_at="2030-01-01", etag="a")]
    )
    store.write_batch(
        [revised, FetchRecord(url=url, status=200, fetched_at="2030-01-03", etag="c")]
    )
    store.close()
    with sqlite3.connect(shard) as conn:  # as `scraper reextract` marks what it replaced
        conn.execute("UPDATE article_revisions SET extractor = 'scraper.extract@2 (0.1.0)'")
    central = tmp_path / "central.db"
    store = Store(central)
    store.write(FetchRecord(url=url, status=200, fetched_at="2030-01-02", etag="b"))
    store.close()
    older = tmp_path / "older.db"
    store = Store(older)
    store.write(FetchRecord(url=url, status=200, fetched_at="2029-12-31", etag="z"))
    store.close()
    merge_shards([shard, older], central)
    with sqlite3.connect(central) as conn:
        assert conn.execute("SELECT etag, fetched_at FROM fetch_state").fetchall() == [
            ("c", "2030-01-03")
        ]
        revisions = conn.execute(
            "SELECT content_hash, seen_until, extractor FROM article_revisions_named WHERE url = ?",
            (article.url,),
        ).fetchall()
    with sqlite3.connect(shard) as conn:
        assert (
            revisions
            == conn.execute(
                "SELECT content_hash, seen_until, extractor FROM article_revisions"
            ).fetchall()
        )
    assert revisions[0][2] == "scraper.extract@2 (0.1.0)"
    assert len(revisions) == 1


def test_a_post_id_at_another_url_is_the_same_article(shards, tmp_path, fixture_articles):
    article = next(a for a in fixture_articles() if a.post_id is not None)
    moved = replace(article, url=f"http://127.0.0.1/?p={article.post_id}")
    other = _write(tmp_path / "moved.db", [moved], started="2025-12-16T00:00:00Z", failures=0)
    central = tmp_path / "central.db"
    merge_shards([shards["a"], other], central)
    assert moved.url not in article_hashes(central)
    assert len(article_hashes(central)) == len(article_hashes(shards["a"]))


def _as_version_5(path: Path) -> None:
    """Turn a database into what version 5 of the schema wrote: runs without a UUID (the
    connection closed, so the change is in the file itself, not only in its WAL)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        # Without version 7's provenance and re-extraction either.
        conn.execute("DROP INDEX articles_archive")
        conn.execute("DROP TABLE reextract_runs")
        conn.execute("DROP VIEW article_revisions_named")  # as version 6 and earlier had it
        conn.execute(
            "CREATE VIEW article_revisions_named AS SELECT r.id, a.url, a.site, r.content_hash, "
            "r.content, r.seen_from, r.seen_until FROM article_revisions AS r "
            "JOIN articles AS a ON a.id = r.article_id"
        )
        for column in ("extractor", "reextract_run"):
            conn.execute(f"ALTER TABLE article_revisions DROP COLUMN {column}")
        for table in ("articles", "list_item_sightings", "fetch_state"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN archive_id")
        conn.execute("DROP TABLE archive_records")
        conn.execute("DROP INDEX crawl_runs_uuid")
        conn.execute("ALTER TABLE crawl_runs DROP COLUMN uuid")
        conn.execute("UPDATE schema_info SET value = '5' WHERE key = 'version'")


def test_an_older_shard_is_migrated_on_a_copy_and_merged_once(shards, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(shards["b"], old)
    _as_version_5(old)
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    central = tmp_path / "central.db"
    (first,) = merge_shards([old], central)
    (second,) = merge_shards([old], central)
    assert first.migrated_from == 5 and first.runs == 1 and first.failures == 1
    assert (second.runs, second.failures, second.articles_new) == (0, 0, 0)
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest  # the shard is untouched
    assert article_hashes(central) == article_hashes(shards["b"])


def test_runs_get_a_uuid_new_and_migrated(shards, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(shards["a"], old)
    _as_version_5(old)
    twin = tmp_path / "twin.db"
    shutil.copy(old, twin)
    for path in (old, twin):
        Store(path).close()  # migrated in place
    with sqlite3.connect(old) as a, sqlite3.connect(twin) as b, sqlite3.connect(shards["a"]) as c:
        query = "SELECT uuid FROM crawl_runs"
        derived = a.execute(query).fetchall()
        assert derived == b.execute(query).fetchall()  # derived from the run, not drawn
        assert all(u for (u,) in derived) and derived != c.execute(query).fetchall()
    store = Store(old)
    store.write(RunRecord(site="zox-demo", started_at="2025-12-17T00:00:00Z"))
    store.close()
    with sqlite3.connect(old) as conn:
        uuids = [u for (u,) in conn.execute("SELECT uuid FROM crawl_runs")]
    assert len(uuids) == 2 and len(set(uuids)) == 2 and None not in uuids


def test_a_newer_shard_is_refused_by_name(shards, tmp_path, capsys):
    newer = tmp_path / "newer.db"
    shutil.copy(shards["a"], newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
    central = tmp_path / "central.db"
    assert main(["merge", str(shards["b"]), str(newer), "--into", str(central)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and str(newer) in error and "99" in error
    assert not central.exists()  # refused before anything was written


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "text"])
def test_a_bad_shard_is_refused_by_name(shards, tmp_path, capsys, kind):
    bad = tmp_path / f"{kind}.db"
    if kind == "corrupt":
        data = shards["a"].read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    else:
        bad.write_text("id,title\n1,x\n", encoding="utf-8")
    central = tmp_path / "central.db"
    shutil.copy(shards["a"], central)
    before = _counts(central)
    assert main(["merge", str(shards["b"]), str(bad), "--into", str(central)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and str(bad) in error
    assert _counts(central) == before


_KILLED_MERGE = textwrap.dedent(
    """
    import os, sys
    from scraper.store import merge

    seen = 0
    original = merge._Merge._article

    def dying(self, article):
        global seen
        seen += 1
        if self.counts.shard == sys.argv[2] and self.counts.articles_new == 3:
            os._exit(9)  # no rollback, no cleanup: as kill -9 would
        original(self, article)

    merge._Merge._article = dying
    merge.merge_shards(sys.argv[1:3], sys.argv[3])
    """
)


def test_a_merge_killed_half_way_leaves_whole_shards(shards, tmp_path):
    central = tmp_path / "central.db"
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MERGE, str(shards["a"]), str(shards["b"]), str(central)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr
    assert _integrity(central) == "ok"
    # Shard a whole, nothing of shard b: its run, failures and the articles a lacks.
    assert article_hashes(central) == article_hashes(shards["a"])
    assert _counts(central)["crawl_runs"] == 1
    assert sighting_keys(central) == sighting_keys(shards["a"])
    merge_shards([shards["b"]], central)  # the next merge completes it
    assert article_hashes(central) == article_hashes(shards["single"])


def test_a_second_merge_into_the_same_database_exits_75(shards, tmp_path, capsys):
    central = tmp_path / "central.db"
    with merge_lock(central):
        done = subprocess.run(
            [sys.executable, "-m", "scraper", "merge", str(shards["a"]), "--into", str(central)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == EXIT_RUNNING, done.stderr
    assert "another merge into" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not central.exists() or _counts(central)["articles"] == 0


def test_export_parquet_writes_the_merged_tables(shards, tmp_path):
    central = tmp_path / "central.db"
    folder = tmp_path / "parquet"
    argv = ["merge", str(shards["a"]), str(shards["b"]), "--into", str(central)]
    assert main([*argv, "--export", "parquet", str(folder)]) == 0
    assert pq.read_table(folder / "articles.parquet").num_rows == len(article_hashes(central))
    assert pq.read_table(folder / "sightings.parquet").num_rows == len(sighting_keys(central))


def test_the_central_database_given_as_a_shard_is_refused(shards, tmp_path, capsys):
    central = tmp_path / "central.db"
    shutil.copy(shards["a"], central)
    before = _counts(central)
    assert main(["merge", str(shards["b"]), str(central), "--into", str(central)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "is the database merged into" in error
    assert _counts(central) == before


def test_a_merge_writes_the_search_index_in_bulk(shards, tmp_path, monkeypatch):
    flushed: list[tuple[bool, int]] = []
    flush_index = Store.flush_index

    def counted(store: Store) -> None:
        flushed.append((store.bulk, len(store._to_index)))
        flush_index(store)

    monkeypatch.setattr(Store, "flush_index", counted)
    central = tmp_path / "central.db"
    merge_shards([shards["a"], shards["b"]], central)
    # Every new article's entry was held to the end of its shard's transaction.
    assert all(bulk for bulk, _ in flushed)
    assert sum(entries for _, entries in flushed) == _counts(central)["articles_fts_docsize"] > 0
