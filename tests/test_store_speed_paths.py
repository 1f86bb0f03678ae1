"""The store's fast paths give the results of the plain ones: the token-cached search
normalization, the reused JSON encoder, the contentless search index (kept in step on
revisions, rebuilt after deletes in SQL), cached link ids, and the version-4 migration."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper import text
from scraper.items import ArticleRecord
from scraper.store import queries, writer
from scraper.store.schema import (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_VERSION,
    _statements,
    rebuild_search_index,
)
from scraper.store.search import parse_query, search
from scraper.store.writer import GroupCommitWriter, Store, _json
from scraper.text import SEARCH_NORMALIZATION, normalize_for_search

# --- normalization ---------------------------------------------------------------------

_MAPPED = re.compile("[" + "".join(text._LETTER_MAP) + "]")
_WORD = re.compile(r"[\w\u0600-\u06ff]+")


def reference_normalize(value: str | None) -> str:
    """The normalization written the plain way (one regular expression per step)."""
    if not value:
        return ""
    value = text._DROPPED.sub("", unicodedata.normalize("NFKC", value))
    value = _MAPPED.sub(lambda m: text._LETTER_MAP[m.group()], value).lower()
    return " ".join(text.search_stem(word) for word in _WORD.findall(value))


EDGE_CASES = [
    "ΟΔΟΣ ΑΣ.Β",  # final sigma depends on its neighbours
    "ΑΣ\u200bΒ ΑΣ\u064bΒ",  # ... across dropped characters
    "كلمة\u200bأخرى",  # a dropped mark joins two words
    "صلى الله عليه وسلم ﷺ ﻻ",  # NFKC makes several words, or ligatures letters
    "\u00a0\u2028\x1c\x1d\x1e\x1f\x85\u3000 \t\n",  # white space of every kind
    "١٢٣ ۴۵۶ 78 ٩",  # Arabic-Indic and Persian digits
    "وبالإسطنبول، والي: إلى... الأسد؟ «بيروت»",
    "ـــ \u064b \u0640\u0640",  # tokens that vanish
    "¨ ̈a a\u0308",  # compatibility decomposition to a space and a mark
]


@pytest.mark.parametrize("value", EDGE_CASES)
def test_normalization_matches_the_plain_version_on_edge_cases(value):
    assert normalize_for_search(value) == reference_normalize(value)


_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.sampled_from(" \u00a0\u200b\u200c\u200d\u2028\x1c\u0640ΣσΑςİ،.:-_«»"),
    st.characters(),
)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(value=st.text(alphabet=_ALPHABET, max_size=60))
def test_normalization_matches_the_plain_version(value):
    assert normalize_for_search(value) == reference_normalize(value)
    # The token cache gives the same answer the second time.
    assert normalize_for_search(value) == reference_normalize(value)


def test_the_normalization_key_names_the_unicode_version():
    assert SEARCH_NORMALIZATION.endswith(unicodedata.unidata_version)


# --- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        ["الأناضول", "رويترز"],
        [{"name": "دولي", "url": "https://x.example/c/%D8%AF/"}, {"url": None, "name": "b"}],
        {"z": 1, "a": [1.5, float("nan"), True, None], "m": {"y": "\u200f\n\"'"}},
        {"when": datetime(2025, 12, 14, 19, 10, tzinfo=UTC)},  # not JSON: str()
        [],
        {},
        "plain text",
    ],
)
def test_json_is_what_json_dumps_gives(value):
    assert _json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def plain_content_hash(record: ArticleRecord) -> str:
    """The content hash written the plain way: json.dumps of the content fields."""
    content = {name: getattr(record, name) for name in writer._CONTENT_FIELDS}
    text_ = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def hash_cases(articles: list[ArticleRecord]) -> list[ArticleRecord]:
    """Every bundled article, and some with the fields a page can leave empty or odd."""
    first = articles[0]
    return [
        *articles,
        replace(first, author=None, modified_at=None, image=None, source=[], source_raw=None),
        replace(first, headline='"اقتباس" \\ \t\x00\x1f\u2028 😀', body="\n\n"),
        replace(first, categories=[], tags=[], body=""),
        replace(first, headline=12345),  # not a type the record declares: the general path
    ]


def test_a_new_articles_row_carries_the_content_hash_of_its_fields(fixture_articles):
    for record in hash_cases(list(fixture_articles())):
        row = writer._article_values(record, None, record.reference_time)
        digest = row[writer._ARTICLE_COLUMNS.index("content_hash")]
        assert digest == plain_content_hash(record) == writer.content_hash(record)


# --- the search index ---------------------------------------------------------------------


def article(n: int = 1, **fields) -> ArticleRecord:
    url = f"https://news.example/2025/12/14/a-{n}/"
    values = {
        "site": "example",
        "fetched_url": url,
        "reference_time": "2025-12-15T09:00:00Z",
        "headline": f"زيارة إلى إسطنبول رقم {n}",
        "body": "فقرة أولى عن الاقتصاد.\n\nفقرة ثانية.",
        "source": ["الأناضول"],
        "category": {"name": "دولي", "url": "https://news.example/category/x/"},
        "categories": [{"name": "دولي", "url": "https://news.example/category/x/"}],
    }
    values = {"url": url, **values, **fields}
    return ArticleRecord(**values)


def fts_check(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)")


def urls(path, query: str) -> set[str]:
    return {hit.url for hit in search(path, query, limit=100)}


def test_a_revision_replaces_the_articles_index_entry(tmp_path):
    path = tmp_path / "db.sqlite"
    store = Store(path)
    first = article(body="خبر عن الزلزال في أنطاليا")
    assert store.write_batch([first]) == ["new"]
    changed = replace(first, body="خبر عن الفيضانات", reference_time="2025-12-16T09:00:00Z")
    # The same article twice in one batch: new, then changed, then changed again.
    again = replace(first, body="خبر عن الحرائق", reference_time="2025-12-17T09:00:00Z")
    assert store.write_batch([changed, again]) == ["changed", "changed"]
    fts_check(store.conn)
    store.close()
    assert urls(path, "الحرائق") == {first.url}
    assert urls(path, "الزلزال") == set() and urls(path, "الفيضانات") == set()
    assert urls(path, "إسطنبول") == {first.url}


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
def test_articles_deleted_in_sql_leave_no_trace_once_the_store_reopens(tmp_path, foreign_keys):
    path = tmp_path / "db.sqlite"
    store = Store(path)
    store.write_batch([article(n) for n in range(1, 6)])
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA foreign_keys={foreign_keys}")
        conn.execute("DELETE FROM articles WHERE url LIKE '%/a-5/'")  # the newest: its id returns
        conn.execute("DELETE FROM articles WHERE url LIKE '%/a-2/'")
    assert len(urls(path, "إسطنبول")) == 3  # searches skip deleted rows meanwhile
    store = Store(path)  # rebuilds the index
    for table in ("article_categories", "article_sources"):
        count = store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert count == 3, table
    store.write_batch([article(6, headline="خبر جديد عن حلب")])
    fts_check(store.conn)
    indexed = store.conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    store.close()
    assert indexed == 4
    assert urls(path, "حلب") == {article(6).url}  # not also the deleted article 5
    assert len(urls(path, "إسطنبول")) == 3


def test_a_new_normalization_rebuilds_the_index(tmp_path):
    path = tmp_path / "db.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO articles_fts (rowid, headline) VALUES (99, 'شيء')")
        conn.execute("UPDATE schema_info SET value = '0/old' WHERE key = 'search_index'")
    store = Store(path)
    row = store.conn.execute("SELECT value FROM schema_info WHERE key = 'search_index'").fetchone()
    store.close()
    assert row == (SEARCH_NORMALIZATION,)
    assert urls(path, "شيء") == set()


def test_category_urls_and_ids_stay_right_across_batches_and_rollbacks(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    bare = {"name": "منوعات", "url": None}
    store.write_batch([article(1, category=bare, categories=[bare])])
    full = {"name": "منوعات", "url": "https://news.example/category/m/"}
    store.write_batch([article(2, category=full, categories=[full])])
    store.write_batch([article(3, category=bare, categories=[bare])])
    assert store.conn.execute("SELECT url FROM categories WHERE name = 'منوعات'").fetchall() == [
        (full["url"],)
    ]
    # A batch that fails after creating a category and a source: nothing of it stays, and
    # the next batch creates them again rather than linking to ids that were rolled back.
    fresh = {"name": "رياضة", "url": None}
    broken = article(5, url=None)
    with pytest.raises(sqlite3.IntegrityError):
        store.write_batch([article(4, category=fresh, categories=[fresh], source=["سانا"]), broken])
    assert store.write_batch([article(4, category=fresh, categories=[fresh], source=["سانا"])]) == [
        "new"
    ]
    links = store.conn.execute(
        "SELECT c.category, s.source FROM article_categories_named AS c "
        "JOIN article_sources_named AS s ON s.url = c.url WHERE c.url LIKE '%/a-4/'"
    ).fetchall()
    assert links == [("رياضة", "سانا")]
    store.close()


def test_the_writer_commits_a_deep_queue_in_large_groups(tmp_path):
    writer = GroupCommitWriter(tmp_path / "db.sqlite", batch_size=300)
    writer.wal_limit = 0  # wait for the checkpoint after every commit: must not hang
    writer.start()
    futures = [writer.submit(article(n)) for n in range(1000)]
    assert {future.result(timeout=30) for future in futures} == {"new"}
    writer.close()
    assert 4 <= writer.batches <= 1000  # at most 300 per commit
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone() == (1000,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --- migration --------------------------------------------------------------------------


def test_a_version_three_database_migrates_to_the_current_schema(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    for script in (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3):
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO schema_info VALUES ('version', '3')")
    conn.execute("INSERT INTO sites (name) VALUES ('x')")
    conn.execute("INSERT INTO categories (site, name) VALUES ('x', 'دولي')")
    conn.execute("INSERT INTO sources (key, name) VALUES ('اناضول', 'الأناضول')")
    for n, headline in ((1, "زيارة إلى إسطنبول"), (2, "أمطار في حلب")):
        url = f"https://x.example/{n}/"
        conn.execute(
            "INSERT INTO articles (url, site, headline, body, source, categories, fetched_url, "
            "reference_time, content_hash, first_seen_at, last_seen_at, last_changed_at) "
            "VALUES (?, 'x', ?, 'نص الخبر', '[\"الأناضول\"]', '[]', ?, 't', 'h', 't', 't', 't')",
            (url, headline, url),
        )
        # Version 3 kept normalized text in articles_search; triggers filled the index.
        conn.execute(
            "INSERT INTO articles_search (rowid, url, headline, body, source) "
            "SELECT id, url, ?, ?, ? FROM articles WHERE url = ?",
            (normalize_for_search(headline), "نص الخبر", "اناضول", url),
        )
        conn.execute("INSERT INTO article_categories VALUES (?, 1, 0)", (url,))
        conn.execute("INSERT INTO article_sources VALUES (?, 1, 0)", (url,))
    conn.close()

    store = Store(path)
    conn = store.conn
    assert conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    sql = {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master")}
    assert "content = ''" in sql["articles_fts"]
    assert "articles_search" not in sql
    assert (
        "WITHOUT ROWID" in sql["article_categories"] and "WITHOUT ROWID" in sql["article_sources"]
    )
    assert conn.execute("SELECT article_id FROM article_categories").fetchall() == [(1,), (2,)]
    assert conn.execute("SELECT count(*) FROM article_sources_named").fetchone() == (2,)
    assert conn.execute("SELECT id FROM articles_fts_docsize ORDER BY id").fetchall() == [
        (1,),
        (2,),
    ]
    fts_check(conn)
    store.close()
    assert urls(path, "اسطنبول") == {"https://x.example/1/"}
    assert urls(path, "الأناضول") == {"https://x.example/1/", "https://x.example/2/"}


def test_a_version_four_database_moves_its_links_to_article_ids(tmp_path):
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4):
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO schema_info VALUES ('version', '4')")
    conn.execute("INSERT INTO sites (name) VALUES ('x')")
    conn.execute(
        "INSERT INTO categories (site, name, url) VALUES ('x', 'دولي', 'https://x.example/c/')"
    )
    conn.execute("INSERT INTO categories (site, name) VALUES ('x', 'اقتصاد')")
    conn.execute("INSERT INTO sources (key, name) VALUES ('اناضول', 'الأناضول')")
    conn.execute("INSERT INTO sources (key, name) VALUES ('سانا', 'سانا')")
    # Ids that are not insertion order, so a migration that numbered rows would show.
    for id_, n, headline in ((7, 1, "زيارة إلى إسطنبول"), (3, 2, "أمطار في حلب")):
        url = f"https://x.example/{n}/"
        conn.execute(
            "INSERT INTO articles (id, url, site, headline, body, source, categories, "
            "fetched_url, reference_time, content_hash, first_seen_at, last_seen_at, "
            "last_changed_at) VALUES (?, ?, 'x', ?, 'نص الخبر', '[\"الأناضول\"]', '[]', ?, "
            "'t', 'h', 't', 't', 't')",
            (id_, url, headline, url),
        )
        conn.execute("INSERT INTO articles_search (rowid, url) VALUES (?, ?)", (id_, url))
    one, two, gone = "https://x.example/1/", "https://x.example/2/", "https://x.example/gone/"
    conn.executemany(
        "INSERT INTO article_categories VALUES (?, ?, ?)",
        [(one, 1, 0), (one, 2, 1), (two, 2, 0), (gone, 1, 0)],
    )
    conn.executemany(
        "INSERT INTO article_sources VALUES (?, ?, ?)", [(one, 2, 1), (one, 1, 0), (gone, 1, 0)]
    )
    conn.executemany(
        "INSERT INTO article_revisions (article_url, content_hash, content, seen_from, "
        "seen_until) VALUES (?, 'old', '{\"headline\": \"قديم\"}', 'a', 'b')",
        [(two,), (gone,)],
    )
    conn.execute("BEGIN")
    rebuild_search_index(conn)  # the version-4 index: rowid = articles.id
    conn.execute("COMMIT")
    conn.close()

    store = Store(path)
    conn = store.conn
    assert conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "articles_search" not in names
    assert {"article_categories_named", "article_revisions_named"} <= names
    # The links of vanished articles are not carried over; the others keep their positions.
    assert conn.execute("SELECT * FROM article_categories ORDER BY 1, 2").fetchall() == [
        (3, 2, 0),
        (7, 1, 0),
        (7, 2, 1),
    ]
    assert conn.execute("SELECT * FROM article_sources ORDER BY 1, 2").fetchall() == [
        (7, 1, 0),
        (7, 2, 1),
    ]
    assert conn.execute(
        "SELECT url, category, category_url, position FROM article_categories_named "
        "ORDER BY url, position"
    ).fetchall() == [
        (one, "دولي", "https://x.example/c/", 0),
        (one, "اقتصاد", None, 1),
        (two, "اقتصاد", None, 0),
    ]
    assert conn.execute("SELECT url, source, position FROM article_sources_named").fetchall() == [
        (one, "الأناضول", 0),
        (one, "سانا", 1),
    ]
    assert conn.execute(
        "SELECT article_id, content_hash, seen_from, seen_until FROM article_revisions"
    ).fetchall() == [(3, "old", "a", "b")]
    assert conn.execute("SELECT url FROM article_revisions_named").fetchall() == [(two,)]
    fts_check(conn)
    # The index needed no rebuild, and a revision replaces an indexed article's entry.
    assert store.write_batch(
        [article(1, url=one, site="x", headline="أمطار في طرابلس", source=["سانا"])]
    ) == ["changed"]
    fts_check(conn)
    assert conn.execute(
        "SELECT count(*) FROM article_revisions WHERE article_id = 7"
    ).fetchone() == (1,)
    store.close()
    assert urls(path, "طرابلس") == {one}
    assert urls(path, "اسطنبول") == set()
    assert urls(path, "حلب") == {two}
    # Deleting an article in SQL takes its links and revisions with it.
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM articles WHERE id = 3")
        for table in ("article_categories", "article_sources", "article_revisions"):
            left = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = 3").fetchone()
            assert left == (0,), table


# --- search ranking window ----------------------------------------------------------------


def test_a_query_with_more_matches_than_the_window_ranks_the_newest(tmp_path):
    path = tmp_path / "db.sqlite"
    store = Store(path)
    # The oldest article is the best match (the word in its headline, twice in its body).
    best = article(1, site="other", headline="البورصة اليوم", body="البورصة ثم البورصة.")
    others = [
        article(n, headline=f"خبر {n}", body=f"ذكر البورصة مرة في خبر {n}.") for n in range(2, 7)
    ]
    store.write_batch([best, *others])
    store.close()
    ranked = [hit.url for hit in search(path, "البورصة", limit=3, rank_window=None)]
    assert ranked[0] == best.url and len(ranked) == 3
    # Five matches, a window of three: the three most recently stored are ranked.
    windowed = [hit.url for hit in search(path, "البورصة", limit=10, rank_window=3)]
    assert set(windowed) == {a.url for a in others[-3:]}
    # Within the window the order and scores are bm25's, as in a full ranking.
    full = {hit.url: hit.rank for hit in search(path, "البورصة", limit=10, rank_window=None)}
    scores = [hit.rank for hit in search(path, "البورصة", limit=10, rank_window=3)]
    assert scores == sorted(scores) == sorted(full[url] for url in windowed)
    # Filters apply before the window: the oldest article is still reachable.
    found = search(path, "البورصة", limit=10, rank_window=1, site="other")
    assert [hit.url for hit in found] == [best.url]
    assert len(search(path, "البورصة", limit=10)) == 6  # the default window is far larger


def _common_word_store(path) -> list[ArticleRecord]:
    """Twelve articles, every one with "في" (in half of them or more, bm25 weighs a word
    at nothing); "البورصة" in five, "غزة" in three, "سوريا" in two."""
    bodies = [
        "البورصة في سوريا ثم البورصة.",
        "البورصة في غزة.",
        "خبر قصير عن البورصة في يوم طويل من الأيام في المدينة.",
        "البورصة في غزة وسوريا.",
        "البورصة ترتفع في الشمال.",
        "مطر في غزة.",
        *(f"خبر رقم {n} في الجنوب." for n in range(6)),
    ]
    written = [article(n, headline=f"خبر {n}", body=body) for n, body in enumerate(bodies, 1)]
    store = Store(path)
    store.write_batch(written)
    store.close()
    return written


def test_a_word_in_most_articles_adds_nothing_to_the_ranking(tmp_path):
    path = tmp_path / "db.sqlite"
    written = _common_word_store(path)
    with_common = search(path, "البورصة في", limit=10)
    # Every match holds both words, ranked as bm25 ranks them by the rarer word alone,
    # with scores within bm25's own weight for the common word (1e-6 a match).
    assert {hit.url for hit in with_common} == {a.url for a in written[:5]}
    alone = search(path, "البورصة", limit=10)
    assert [hit.url for hit in with_common] == [hit.url for hit in alone]
    everything = {hit.url: hit.rank for hit in search(path, "البورصة في", rank_window=None)}
    for hit in with_common:
        assert hit.rank == pytest.approx(everything[hit.url], abs=1e-5)
    # A query of nothing but common words is ranked by all of them, as before.
    assert [h.rank for h in search(path, "في")] == [
        h.rank for h in search(path, "في", rank_window=None)
    ]


def test_an_excluded_word_leaves_the_scores_exact(tmp_path):
    path = tmp_path / "db.sqlite"
    written = _common_word_store(path)
    found = search(path, "البورصة -سوريا", limit=10)
    assert {hit.url for hit in found} == {written[n].url for n in (1, 2, 4)}
    every = search(path, "البورصة -سوريا", limit=10, rank_window=None)
    assert [(hit.url, hit.rank) for hit in found] == [(hit.url, hit.rank) for hit in every]


def test_matches_without_a_weighed_word_are_still_found(tmp_path):
    # "في OR غزة": غزة is weighed, في is not, and five matches hold only في.
    path = tmp_path / "db.sqlite"
    written = _common_word_store(path)
    found = search(path, "في OR غزة", limit=20)
    assert {hit.url for hit in found} == {a.url for a in written}
    assert {hit.url for hit in found[:3]} == {written[n].url for n in (1, 3, 5)}


def test_rare_words_together_are_scored_by_walking_only_the_articles_holding_all_of_them(
    tmp_path, monkeypatch
):
    # "البورصة في غزة": في is in every article, so only البورصة (five articles) and غزة
    # (three) are weighed; the cursor that scores the window ANDs them, where an OR would
    # walk every article holding either.
    path = tmp_path / "db.sqlite"
    written = _common_word_store(path)
    parsed = parse_query("البورصة OR مطر في غزة")
    assert len(parsed.required) == 2  # في and غزة; not the pieces joined by OR
    scored = []
    ranked = queries.ranked_matches

    def watched(*args, **kwargs):
        scored.append(kwargs.get("rank_by"))
        return ranked(*args, **kwargs)

    monkeypatch.setattr("scraper.store.search.ranked_matches", watched)
    found = search(path, "البورصة في غزة", limit=10)
    assert {hit.url for hit in found} == {written[n].url for n in (1, 3)}
    (expression,) = scored
    assert " AND " in expression and " OR " not in expression
    assert '"في"' not in expression
    # The same scores as bm25 weighing the same phrases over any of them.
    with closing(queries.read_only(path)) as conn:
        weighed = expression.replace(" AND ", " OR ").replace("(", "").replace(")", "")
        rows = ranked(conn, parse_query("البورصة في غزة").match, rank_window=10, rank_by=weighed)
    assert [(hit.url, hit.rank) for hit in found] == [(row[0], row[-1]) for row in rows]


def test_an_article_row_written_in_sql_is_indexed_when_the_store_revises_it(tmp_path):
    path = tmp_path / "db.sqlite"
    store = Store(path)
    store.conn.execute(
        "INSERT INTO articles (url, site, headline, fetched_url, reference_time, content_hash, "
        "first_seen_at, last_seen_at, last_changed_at) "
        "VALUES (?, 'example', 'عنوان قديم', ?, 't', 'h', 't', 't', 't')",
        (article(1).url, article(1).url),
    )
    assert store.write_batch([article(1, headline="عنوان عن طرابلس")]) == ["changed"]
    fts_check(store.conn)
    store.close()
    assert urls(path, "طرابلس") == {article(1).url}
