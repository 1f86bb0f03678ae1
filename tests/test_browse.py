"""Datasette browsing: Arabic search through the index's normalization, canned queries,
metadata, and a database nobody can write to."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from urllib.parse import urlencode

import pytest

pytest.importorskip("datasette")

from scraper.store import datasette_plugin
from scraper.store.browse import browse, create_app, metadata
from scraper.store.search import fts_query, search
from scraper.text import normalize_for_search

SAMPLE_HEADLINE = "مدير مكتب الأسد"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """The demo crawl of the bundled site, plus one article whose dates disagree."""
    path = tmp_path_factory.mktemp("browse") / "news.db"
    subprocess.run(
        [sys.executable, "-m", "scraper", "demo", "--db", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with closing(sqlite3.connect(path)) as conn, conn:
        url, site = conn.execute(
            "SELECT url, site FROM articles WHERE headline NOT LIKE ? ORDER BY url LIMIT 1",
            (SAMPLE_HEADLINE + "%",),
        ).fetchone()
        # A list that dates the article years before the page's own window.
        conn.execute(
            "INSERT INTO list_item_sightings (site, item_url, page_url, widget, time_raw, "
            "published_at, earliest, latest, reference_time) VALUES (?, ?, ?, 'more', "
            "'منذ 3 أيام', '2001-01-01T00:00:00Z', '2000-12-31T00:00:00Z', "
            "'2001-01-01T00:00:00Z', '2001-01-04T00:00:00Z')",
            (site, url, url + "?list"),
        )
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return create_app(db_path)


def get(ds, path: str, **params: str):
    query = f"?{urlencode(params)}" if params else ""
    return asyncio.run(ds.client.get(path + query))


def rows(ds, path: str, **params: str) -> list[dict]:
    response = get(ds, path, _shape="array", **params)
    assert response.status_code == 200, response.text
    return response.json()


def searched_urls(ds, **params: str) -> list[str]:
    return [row["url"] for row in rows(ds, "/news/articles.json", _col="url", **params)]


def sample_url(ds) -> str:
    (row,) = rows(
        ds,
        "/news.json",
        sql="SELECT url FROM articles WHERE headline LIKE :h",
        h=SAMPLE_HEADLINE + "%",
    )
    return row["url"]


# --- search ------------------------------------------------------------------------------


def test_hamza_variants_find_the_same_articles(ds, db_path):
    with_hamza = searched_urls(ds, _search="إسطنبول")
    without = searched_urls(ds, _search="اسطنبول")
    assert with_hamza
    assert with_hamza == without
    # ... and the same articles as the command-line search.
    assert set(with_hamza) == {hit.url for hit in search(db_path, "إسطنبول", limit=1000)}


def test_word_without_article_finds_the_sample(ds):
    found = rows(ds, "/news/articles.json", _search="أسد", _col="headline")
    assert any(row["headline"].startswith(SAMPLE_HEADLINE) for row in found)
    by_column = rows(ds, "/news/articles.json", _search_headline="الأسد", _col="headline")
    assert any(row["headline"].startswith(SAMPLE_HEADLINE) for row in by_column)


def test_search_box_keeps_what_was_typed(ds):
    response = get(ds, "/news/articles", _search="إسطنبول")
    assert response.status_code == 200
    assert 'value="إسطنبول"' in response.text


def test_raw_mode_keeps_fts_syntax(ds):
    one = set(searched_urls(ds, _search="أسد", _searchmode="raw"))
    other = set(searched_urls(ds, _search="إسطنبول", _searchmode="raw"))
    either = set(searched_urls(ds, _search="أسد OR إسطنبول", _searchmode="raw"))
    assert either == one | other
    assert one - other  # the OR really widened something
    # Raw mode matches each word's index form only; the default mode also its forms with
    # a proclitic ("بإسطنبول").
    assert other < set(searched_urls(ds, _search="إسطنبول"))


def test_query_normalizers():
    escape = datasette_plugin.escape_fts_normalized
    # The search box reads a query as `scraper search` does.
    for query in ("الأسد  إسطنبول", '"مكتب الأسد" تركيا', "ليرة OR دولار -يورو", "تركي*"):
        assert escape(query) == fts_query(query)
    assert '"باسطنبول"' in escape("إسطنبول")
    assert escape("!! ...") == escape("-تركيا") == '""'
    raw = datasette_plugin.normalize_raw_query
    query = 'headline: الأسد OR (إسطنبول NEAR "x y", 5) وبلاد*'
    once = raw(query)
    assert once == 'headline: "اسد" OR ("اسطنبول" NEAR "x y", 5) "وبلاد"*'
    assert raw(once) == once  # pagination links carry the rewritten value


def test_ar_normalize_sql_function(ds):
    (row,) = rows(ds, "/news.json", sql="SELECT ar_normalize('الأسد') AS n")
    assert row["n"] == normalize_for_search("الأسد") == "اسد"


# --- canned queries ----------------------------------------------------------------------


def test_canned_queries_return_rows(ds):
    queries = metadata("news")["databases"]["news"]["queries"]
    params = {
        "search": {"q": "إسطنبول"},
        "article_sightings": {"url": sample_url(ds)},
    }
    for name in queries:
        found = rows(ds, f"/news/{name}.json", **params.get(name, {}))
        assert found, name
    assert len(rows(ds, "/news/search.json", q="")) == 0  # no query: no rows, no error
    assert len(rows(ds, "/news/article_sightings.json", url=sample_url(ds))) > 0
    disagreeing = rows(ds, "/news/date_disagreements.json")
    assert [row["disagreement"] for row in disagreeing] == [1]


def test_canned_search_matches_table_search(ds):
    canned = {row["url"] for row in rows(ds, "/news/search.json", q="اسطنبول")}
    assert canned == set(searched_urls(ds, _search="إسطنبول"))


# --- metadata ----------------------------------------------------------------------------


def test_descriptions_are_served(ds):
    page = get(ds, "/news/articles").text
    assert "One row per article" in page
    assert "Publication time, UTC, ISO 8601" in page  # a column description
    view = get(ds, "/news/article_time_estimates").text
    assert "disagreement = 1 when they do not overlap" in view
    assert "Articles whose date sources disagree" in get(ds, "/news").text


def test_every_table_and_view_is_described_or_hidden(ds, db_path):
    with closing(sqlite3.connect(db_path)) as conn:
        names = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
        columns = {
            name: {row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")} for name in names
        }
    tables = metadata("news")["databases"]["news"]["tables"]
    assert names == set(tables)
    for name, spec in tables.items():
        if not spec.get("hidden"):
            assert spec["description"], name
            assert set(spec["columns"]) == columns[name], name
    listed = {t["name"]: t["hidden"] for t in get(ds, "/news.json").json()["tables"]}
    assert listed["articles_fts"] and listed["articles_fts_docsize"] and not listed["articles"]


# --- read-only ---------------------------------------------------------------------------


def test_database_cannot_be_written(ds, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    database = ds.get_database("news")
    assert database.is_mutable is False
    response = get(ds, "/news.json", sql="DELETE FROM articles")
    assert response.status_code == 400
    assert "SELECT" in json.dumps(response.json())
    with pytest.raises(Exception):  # noqa: B017  (Datasette asserts; SQLite would refuse)
        asyncio.run(database.execute_write("DELETE FROM articles"))
    assert get(ds, "/news.json", sql="SELECT count(*) AS n FROM articles").json()["rows"][0][0] > 0
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


# --- browse() errors ---------------------------------------------------------------------


def test_browse_missing_database(tmp_path, capsys):
    assert browse(str(tmp_path / "nope.db")) == 2
    assert "no such database" in capsys.readouterr().err


def test_browse_without_datasette(monkeypatch, db_path, capsys):
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    assert browse(str(db_path)) == 2
    assert "pip install 'arabic-news-scraper[browse]'" in capsys.readouterr().err
