"""Arabic search, revisions, migrations and crash safety of the store."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from dataclasses import replace

import pytest

from scraper.store import Store
from scraper.store.schema import SCHEMA_V1, SCHEMA_VERSION, NewerSchemaError
from scraper.store.search import fts_query, search
from scraper.testkit.truth import load_truth
from scraper.text import normalize_for_search

TRUTH = load_truth()


@pytest.fixture(scope="module")
def db_path(fixture_db):
    return fixture_db


def urls_of(db_path, query: str) -> set[str]:
    return {hit.url for hit in search(db_path, query, limit=100)}


def containing(*spellings: str) -> set[str]:
    """Fixture articles with any of the spellings as a whole word (after one-letter
    proclitics), found with a plain regular expression rather than our normalizer."""
    pattern = re.compile(
        r"(?<!\w)[وفبكل]{0,2}(?:" + "|".join(map(re.escape, spellings)) + r")(?!\w)"
    )
    found = set()
    for article in TRUTH["articles"]:
        text = " ".join([article["headline"], *article["paragraphs"]])
        if pattern.search(text):
            found.add(article["url"])
    return {normalize_item_url(u) for u in found}


def normalize_item_url(url: str) -> str:
    from scraper.extract import normalize_url

    return normalize_url(url)


@pytest.mark.parametrize(
    ("query", "variant", "spellings"),
    [
        ("اسطنبول", "إسطنبول", ("اسطنبول", "إسطنبول")),
        ("الأسد", "أسد", ("الأسد",)),
        ("السُّورِيَّة", "السورية", ("السورية",)),
        ("ســوريا", "سوريا", ("سوريا",)),
    ],
)
def test_spelling_variants_find_the_same_articles(db_path, query, variant, spellings):
    expected = containing(*spellings)
    assert expected
    assert urls_of(db_path, query) == urls_of(db_path, variant)
    assert expected <= urls_of(db_path, variant)


def test_search_filters_and_snippets(db_path):
    hits = search(db_path, "الأسد", category="دولي")
    assert hits and all(hit.category == "دولي" for hit in hits)
    assert "[الأسد]" in hits[0].snippet
    assert search(db_path, "الأسد", category="منوعات") == []
    assert search(db_path, "") == [] and search(db_path, '"; DROP TABLE articles; --') == []


def test_normalization_rules():
    assert normalize_for_search("إسطنبول") == normalize_for_search("اسطنبول")
    assert (
        normalize_for_search("الأسد")
        == normalize_for_search("أسد")
        == normalize_for_search("والأسد")
    )
    assert normalize_for_search("مدرسة") == normalize_for_search("المدرسه")
    assert normalize_for_search("مستشفى") == normalize_for_search("مستشفي")
    assert normalize_for_search("١١ ساعة") == "11 ساعه"


def test_revisions_only_when_content_changes(tmp_path, fixture_articles):
    article = next(fixture_articles())
    store = Store(tmp_path / "db.sqlite")
    store.write_batch([article])
    later = replace(article, reference_time="2025-12-16T09:00:00Z")
    assert store.write_batch([later]) == ["unchanged"]
    assert store.conn.execute("SELECT count(*) FROM article_revisions").fetchone()[0] == 0
    edited = replace(
        later, headline=article.headline + " (محدث)", reference_time="2025-12-17T09:00:00Z"
    )
    assert store.write_batch([edited]) == ["changed"]
    (content, since, until) = store.conn.execute(
        "SELECT content, seen_from, seen_until FROM article_revisions"
    ).fetchone()
    assert json.loads(content)["headline"] == article.headline
    assert (since, until) == (article.reference_time, "2025-12-17T09:00:00Z")
    assert search(tmp_path / "db.sqlite", "محدث")[0].headline.endswith("(محدث)")


def test_a_word_in_a_script_without_spaces_is_the_run_between_punctuation(
    tmp_path, fixture_articles
):
    # docs/search.md: the stock tokenizer splits at spaces and punctuation only, so a word
    # inside a Japanese run is not found, the run and its start are (Asahi, 2025-01-13).
    article = replace(
        next(fixture_articles()),
        headline="宮崎県で震度5弱、高知と宮崎に1メートルの津波注意報 気象庁",
        body="宮崎県で震度5弱の揺れを観測した。",
    )
    store = Store(tmp_path / "db.sqlite")
    store.write_batch([article])
    store.close()
    assert search(tmp_path / "db.sqlite", "津波") == []
    for query in ("宮崎県で震度5弱", "宮崎*", "気象庁"):
        assert [hit.headline for hit in search(tmp_path / "db.sqlite", query)] == [
            article.headline
        ], query


def test_a_version_one_database_migrates_in_place(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute("INSERT INTO schema_info VALUES ('version', '1')")
    conn.execute(
        "INSERT INTO articles (url, site, headline, body, source, categories, fetched_url, "
        "reference_time, content_hash, first_seen_at, last_seen_at, last_changed_at) "
        "VALUES ('https://x.example/a/', 'x', 'زيارة إلى إسطنبول', 'نص الخبر', '[\"الأناضول\"]', "
        "'[{\"name\": \"دولي\", \"url\": null}]', 'https://x.example/a/', 't', 'h', 't', 't', 't')"
    )
    conn.commit()
    conn.close()
    store = Store(path)
    version = store.conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert store.conn.execute("SELECT name FROM sources").fetchall() == [("الأناضول",)]
    assert store.conn.execute("SELECT name FROM categories").fetchall() == [("دولي",)]
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    store.close()
    assert [hit.url for hit in search(path, "اسطنبول")] == ["https://x.example/a/"]


def test_a_newer_database_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
    with pytest.raises(NewerSchemaError, match="schema version 99"):
        Store(path)


WRITER = """
import sys
from scraper.items import ListItemSighting
from scraper.store import GroupCommitWriter
writer = GroupCommitWriter(sys.argv[1], batch_size=50)
writer.start()
n = 0
while True:
    futures = [writer.submit(ListItemSighting(url=f"https://x.example/{n + i}/", site="x",
               page_url="https://x.example/", reference_time="t", widget="w")) for i in range(50)]
    for f in futures:
        f.result()
    n += 50
    print(n, flush=True)   # acknowledged: committed
"""


def test_killing_the_writer_loses_no_committed_item(tmp_path):
    path = tmp_path / "kill.db"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = 0
    deadline = time.monotonic() + 30
    while acknowledged < 2000 and time.monotonic() < deadline:
        acknowledged = int(process.stdout.readline())
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = conn.execute("SELECT count(*) FROM list_item_sightings").fetchone()[0]
    assert stored >= acknowledged >= 2000


def test_search_rows_keep_their_article_after_delete_and_vacuum(fixture_db, tmp_path):
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(fixture_db, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 3)")
    conn.commit()
    conn.execute("VACUUM")
    joined = {
        url
        for (url,) in conn.execute(
            "SELECT a.url FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ?",
            (fts_query("إسطنبول"),),
        )
    }
    conn.close()
    assert joined and joined == urls_of(path, "إسطنبول")


def test_the_post_id_merges_url_variants(tmp_path, fixture_articles):
    from dataclasses import replace

    article = next(a for a in fixture_articles() if a.headline.startswith("مدير مكتب الأسد"))
    store = Store(tmp_path / "db.sqlite")
    store.write_batch([article])
    variant = replace(
        article,
        url="https://www.akhbar-turkiya.example/?p=10322",
        provenance=dict(article.provenance),
    )
    assert store.write_batch([variant]) == ["unchanged"]
    rows = store.conn.execute("SELECT url, post_id FROM articles").fetchall()
    assert rows == [(article.url, 10322)]


def test_search_command_ranks_every_match_on_request(db_path, capsys, monkeypatch):
    """`scraper search --rank-all` asks for every match to be ranked (rank_window=None);
    without it the library's window applies."""
    from scraper import cli
    from scraper.store import search as search_module

    windows = []
    real = search_module.search

    def spy(*args, **kwargs):
        windows.append(kwargs.get("rank_window", "default"))
        return real(*args, **kwargs)

    monkeypatch.setattr(search_module, "search", spy)
    for extra in ([], ["--rank-all"]):
        assert cli.main(["search", "إسطنبول", "--db", str(db_path), *extra]) == 0
        hits = [line for line in capsys.readouterr().out.splitlines() if "· http" in line]
        assert len(hits) == min(20, len(urls_of(db_path, "إسطنبول"))) > 0
    assert windows == ["default", None]


def test_search_command_prints_each_url_as_a_reader_reads_it(db_path, capsys):
    """The stored URL of an Arabic slug is a wall of %D8%.. escapes; the hit shows its
    letters, as Datasette does, and it is the address `scraper show` takes."""
    from scraper import cli

    assert cli.main(["search", "مكتب الأسد", "--db", str(db_path), "--limit", "1"]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "· http" in line]
    (hit,) = search(db_path, "مكتب الأسد", limit=1)
    assert "%D8" in hit.url
    shown = line.rsplit(" · ", 1)[1]
    assert "%" not in shown and "/مدير-مكتب-الأسد-" in shown
    assert urllib.parse.quote(shown, safe=":/") == hit.url


def test_search_command_shows_a_date_only_hit_on_the_day_its_page_printed(crawled_db, capsys):
    """A page dated 2013-09-20 in Istanbul is stored at 2013-09-19T21:00:00Z, its
    midnight; the hit reads the page's day and says it has no time."""
    from scraper import cli

    with sqlite3.connect(crawled_db) as conn:
        headline, url, published = conn.execute(
            "SELECT headline, url, published_at FROM articles WHERE precision = 'day' "
            "AND published_at LIKE '%T21:00:00Z' ORDER BY url LIMIT 1"
        ).fetchone()
    printed = "-".join(re.search(r"/(\d{4})/(\d\d)/(\d\d)/", url).groups())
    assert published[:10] != printed
    assert cli.main(["search", f'"{headline}"', "--db", str(crawled_db), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert f"   {printed} (date only, Europe/Istanbul) · " in out
    assert published not in out
