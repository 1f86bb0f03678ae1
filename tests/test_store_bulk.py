"""The store's bulk mode (merge, import-warc, reextract, a site's first crawl): the same
database as normal mode from the same records, and a SIGKILL while it writes loses no
committed record and leaves the search index in step with the rows."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from scraper.items import ArticleRecord
from scraper.store import writer
from scraper.store.schema import search_text
from scraper.store.search import search
from scraper.store.writer import GroupCommitWriter, Store

WORDS = Path(__file__).parent / "search_words.txt"
# A token as the index's tokenizer (FTS5 unicode61) cuts normalized text: letters and digits.
TOKEN = re.compile(r"[^\W_]+")


def batches_of(articles: list[ArticleRecord]) -> list[list[ArticleRecord]]:
    """Batches a crawl and its re-crawls give: new articles, copies at other URLs, bodies
    changed (some in the batch that brings the article, some later, one twice), articles
    seen again unchanged and at another URL of their post (in the batch that brought them
    and later), and a re-fetch worse than stored."""
    copies = [
        replace(a, url=f"{a.url}copy/", fetched_url=f"{a.url}copy/", post_id=None) for a in articles
    ]

    def changed(article: ArticleRecord, note: str, day: int) -> ArticleRecord:
        return replace(
            article,
            body=f"{article.body}\n\nتحديث {note}: أعلنت الحكومة في إسطنبول قرارات جديدة.",
            reference_time=f"2026-01-{day:02d}T08:00:00Z",
        )

    first = [
        *articles[:30],
        changed(articles[3], "أول", 1),
        *copies[:20],
        replace(articles[2], url=f"{articles[2].url}amp/"),  # its post, stored in this batch
        copies[4],  # seen again in the batch that brought it
    ]
    second = [
        *articles[30:],
        changed(articles[5], "ثان", 2),
        changed(articles[5], "ثالث", 3),  # twice in one transaction
        changed(copies[7], "رابع", 4),
        articles[10],  # seen again, unchanged
        replace(articles[12], url=f"{articles[12].url}amp/"),  # another URL of its post
        replace(articles[14], body="", reference_time="2026-01-05T08:00:00Z"),  # worse: kept
        *copies[20:],
    ]
    third = [changed(a, "خامس", 6) for a in articles[40:45]] + [changed(copies[1], "سادس", 7)]
    return [first, second, third]


def table_rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table, the search index's own tables aside."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%'"
        )
    ]
    return {name: sorted(conn.execute(f"SELECT * FROM {name}"), key=repr) for name in names}


def index_contents(conn: sqlite3.Connection) -> list[tuple]:
    """What the search index holds: every (term, article, column, offset), and the token
    counts of every article."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, articles_fts, instance)"
    )
    return conn.execute("SELECT * FROM temp.words ORDER BY doc, col, offset").fetchall() + (
        conn.execute("SELECT * FROM articles_fts_docsize ORDER BY id").fetchall()
    )


def queries(articles: list[ArticleRecord]) -> list[str]:
    words = [w for w in WORDS.read_text(encoding="utf-8").split() if not w.startswith("#")]
    headline_words = [a.headline.split()[1] for a in articles[:20] if a.headline]
    return [*words[:40], *headline_words, "إسطنبول", "تحديث", "الحكومة قرارات"]


def test_bulk_and_normal_mode_store_the_same_database(tmp_path, fixture_articles, monkeypatch):
    articles = list(fixture_articles())
    # Small enough that the index entries held in a bulk transaction are written in several
    # runs before it commits, as a 10,000-record commit does.
    monkeypatch.setattr(writer, "BULK_BATCH_SIZE", 7)
    results = {}
    for mode in ("normal", "bulk"):
        store = Store(tmp_path / f"{mode}.db", bulk=mode == "bulk")
        results[mode] = [store.write_batch(batch) for batch in batches_of(articles)]
        store.close()
    assert results["bulk"] == results["normal"]
    outcomes = {result for batch in results["bulk"] for result in batch}
    assert outcomes == {"new", "changed", "unchanged", "kept"}

    normal, bulk = (sqlite3.connect(tmp_path / f"{mode}.db") for mode in ("normal", "bulk"))
    assert table_rows(bulk) == table_rows(normal)
    assert index_contents(bulk) == index_contents(normal)
    for conn in (normal, bulk):
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)")
    normal.close()
    bulk.close()
    found = 0
    for query in queries(articles):
        hits = {
            mode: [
                (h.url, round(h.rank, 9), h.snippet) for h in search(tmp_path / f"{mode}.db", query)
            ]
            for mode in ("normal", "bulk")
        }
        assert hits["bulk"] == hits["normal"], query
        found += bool(hits["bulk"])
    assert found >= 20


@pytest.mark.parametrize("bulk", [False, True])
def test_an_article_relinked_in_the_transaction_that_brought_it_keeps_only_its_new_links(
    tmp_path, fixture_articles, bulk
):
    article = next(a for a in fixture_articles() if a.categories and a.source)
    refetched = replace(
        article,
        body=article.body + " تحديث",
        categories=[{"name": "رياضة", "url": "https://x.example/category/sport/"}],
        source=["وكالة الأنباء الأردنية"],
        reference_time="2026-01-02T00:00:00Z",
    )
    store = Store(tmp_path / "news.db", bulk=bulk)
    assert store.write_batch([article, refetched]) == ["new", "changed"]
    store.close()
    with sqlite3.connect(tmp_path / "news.db") as conn:
        categories = conn.execute(
            "SELECT category, position FROM article_categories_named WHERE url = ?", (article.url,)
        ).fetchall()
        sources = conn.execute(
            "SELECT source, position FROM article_sources_named WHERE url = ?", (article.url,)
        ).fetchall()
    assert categories == [("رياضة", 0)]
    assert sources == [("وكالة الأنباء الأردنية", 0)]


def test_a_bulk_batch_of_new_articles_looks_none_up_one_by_one(tmp_path, fixture_articles):
    articles = list(fixture_articles())
    store = Store(tmp_path / "bulk.db", bulk=True)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    assert set(store.write_batch(articles)) == {"new"}
    store.conn.set_trace_callback(None)
    lookups = [s for s in statements if s.startswith("SELECT") and "FROM articles" in s]
    sites = {a.site for a in articles}
    assert 1 <= len(lookups) <= 1 + len(sites)  # the URLs, and the post ids of each site
    # ... and the next batch finds them stored.
    assert set(store.write_batch(articles)) == {"unchanged"}
    store.close()


def test_an_article_changed_twice_in_one_bulk_transaction_is_found_by_its_last_text(
    tmp_path, fixture_articles
):
    article = next(iter(fixture_articles()))
    store = Store(tmp_path / "bulk.db", bulk=True)
    first = replace(article, body=article.body + " فيضانات")
    second = replace(article, body=article.body + " زلازل", reference_time="2026-01-02T00:00:00Z")
    assert store.write_batch([article, first, second]) == ["new", "changed", "changed"]
    store.close()
    assert [h.url for h in search(tmp_path / "bulk.db", "زلازل")] == [article.url]
    assert search(tmp_path / "bulk.db", "فيضانات") == []


def test_a_bulk_transaction_that_fails_leaves_neither_rows_nor_index_entries(
    tmp_path, fixture_articles
):
    articles = list(fixture_articles())[:5]
    store = Store(tmp_path / "bulk.db", bulk=True)
    broken = replace(articles[0], url=articles[0].url + "x/", categories=[{"label": "?"}])
    with pytest.raises(KeyError):  # after its row was written: the whole batch rolls back
        store.write_batch([*articles, broken])
    assert store.write_batch(articles[:2]) == ["new", "new"]
    store.close()
    with sqlite3.connect(tmp_path / "bulk.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone() == (2,)


def test_the_bulk_writer_commits_up_to_ten_thousand_queued_records(tmp_path, fixture_articles):
    articles = list(fixture_articles())
    bulk = GroupCommitWriter(tmp_path / "bulk.db", bulk=True)
    live = GroupCommitWriter(tmp_path / "live.db")
    assert (bulk.batch_size, live.batch_size) == (10_000, 1000)
    bulk.start()
    copies = [
        replace(articles[i % len(articles)], url=f"https://x.example/{i}/", post_id=None)
        for i in range(2500)
    ]
    futures = [bulk.submit(record) for record in copies]
    assert {future.result() for future in futures} == {"new"}
    bulk.close()
    # The writer takes what is queued: under a deep queue, commits far larger than 1,000.
    assert bulk.batches <= 3


CHILD = """
import json, sys
from dataclasses import replace
from scraper.items import ArticleRecord
from scraper.store import GroupCommitWriter, Store

articles = [ArticleRecord(**row) for row in json.load(open(sys.argv[2], encoding="utf-8"))]
flush = Store.flush_index

def announced(self):
    if self._to_index:
        print("flushing", flush=True)  # the index entries of a commit, being written
    flush(self)

Store.flush_index = announced
writer = GroupCommitWriter(sys.argv[1], bulk=True)
writer.start()
for group in range(1000):
    records = [
        replace(articles[i % len(articles)], url=f"https://x.example/{group}/{i}/", post_id=None)
        for i in range(400)
    ]
    if group:  # and a few stored before, their bodies changed
        records += [
            replace(
                articles[i],
                url=f"https://x.example/{group - 1}/{i}/",
                post_id=None,
                body=articles[i].body + f" تحديث رقم {group}",
                reference_time=f"2026-01-01T00:{group % 60:02d}:00Z",
            )
            for i in range(5)
        ]
    for future in [writer.submit(record) for record in records]:
        future.result()
    print("committed", group, flush=True)  # acknowledged: every record of the group stored
"""


def test_killing_a_bulk_writer_mid_index_loses_no_commit_and_leaves_the_index_in_step(
    tmp_path, fixture_articles
):
    path = tmp_path / "kill.db"
    source = tmp_path / "articles.json"
    articles = [a.as_dict() for a in fixture_articles()]
    source.write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(source)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = -1
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("committed"):
            acknowledged = int(line.split()[1])
        elif line == "flushing\n" and acknowledged >= 3:
            break  # killed while the next commit's index entries are being written
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert acknowledged >= 3, "the writer did not get far enough in time"

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)")
    stored = {url for (url,) in conn.execute("SELECT url FROM articles")}
    for group in range(acknowledged + 1):
        assert {f"https://x.example/{group}/{i}/" for i in range(400)} <= stored
    # Every article indexed, nothing else; the index holds each one's stored text.
    ids = {i for (i,) in conn.execute("SELECT id FROM articles")}
    assert ids == {i for (i,) in conn.execute("SELECT id FROM articles_fts_docsize")}
    conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, articles_fts, instance)")
    changed = conn.execute(
        "SELECT id, headline, body, source FROM articles WHERE body LIKE '%تحديث رقم%'"
    ).fetchall()
    assert len(changed) >= 5 * acknowledged
    for article_id, headline, body, source_json in changed:
        words = conn.execute(
            "SELECT col, term FROM temp.words WHERE doc = ? ORDER BY col, offset", (article_id,)
        ).fetchall()
        expected = search_text(headline, body, json.loads(source_json or "[]"))
        for column, text in zip(("headline", "body", "source"), expected, strict=True):
            assert [t for c, t in words if c == column] == TOKEN.findall(text), article_id
    conn.close()
    latest = f"تحديث رقم {acknowledged}"
    hits = search(path, f'"{latest}"', limit=50)
    assert {h.url for h in hits} == {f"https://x.example/{acknowledged - 1}/{i}/" for i in range(5)}
