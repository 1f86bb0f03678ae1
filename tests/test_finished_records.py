"""Records leave extraction finished: `scraper extract` prints exactly what the store keeps,
on every fixture page, and the pipelines pass records on without editing them."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from scraper.store import Store
from scraper.store.export import JSON_COLUMNS
from scraper.testkit.server import BUNDLED_SITE

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture_pages() -> list[tuple[Path, str, str, str]]:
    """(page, URL, reference, site) of every saved page: the bundled site's through its
    manifest, the theme fixtures' through their response files."""
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    pages = []
    for entry in manifest["responses"]:
        kind = entry.get("headers", {}).get("Content-Type", "")
        if (
            (entry.get("file") or "").endswith(".html")
            and "html" in kind
            and entry.get("status", 200) == 200
        ):
            date = parsedate_to_datetime(entry["headers"]["Date"]).isoformat()
            url = manifest["origin"] + entry["path"]
            pages.append((BUNDLED_SITE / entry["file"], url, date, "zox-demo"))
    for response in sorted(FIXTURES.glob("*/*.response.json")):
        page = response.with_name(response.name.replace(".response.json", ".html"))
        recorded = json.loads(response.read_text(encoding="utf-8"))
        headers = {k.lower(): v for k, v in recorded["headers"].items()}
        date = parsedate_to_datetime(headers["date"]).isoformat()
        pages.append((page, recorded["url"], date, response.parent.name))
    return pages


PAGES = _fixture_pages()
SIGHTING_FIELDS = (
    "url",
    "page_url",
    "widget",
    "title",
    "category",
    "time_raw",
    "published_at",
    "earliest",
    "latest",
    "reason",
    "reference_time",
)


def _extract(pages: list[tuple[Path, str, str, str]], capsys) -> list[dict]:
    """`scraper extract` on each page, as a user runs it (in this process: it is the same
    `main` the command runs)."""
    from scraper.cli import main

    outputs = []
    for path, url, reference, site in pages:
        code = main(["extract", str(path), "--url", url, "--reference", reference, "--site", site])
        printed = capsys.readouterr()
        assert code == 0, printed.err[-2000:]
        outputs.append(json.loads(printed.out))
    return outputs


def _stored(db: Path) -> tuple[list[dict], list[dict]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        articles = [dict(r) for r in conn.execute("SELECT * FROM articles ORDER BY id")]
        sightings = [dict(r) for r in conn.execute("SELECT * FROM list_item_sightings")]
    for row in articles:
        for column in JSON_COLUMNS & row.keys():
            row[column] = json.loads(row[column]) if row[column] is not None else None
    return articles, sightings


def _as_stored_article(record: dict) -> dict:
    """The record's fields under the articles table's column names."""
    row = dict(record)
    category = row.pop("category")
    row["category"] = category["name"] if category else None
    row["category_url"] = category["url"] if category else None
    return row


def test_there_are_pages_of_every_theme():
    assert len(PAGES) >= 90
    assert {site for *_, site in PAGES} >= {
        "zox-demo",
        "jnews-demo",
        "newspaper-demo",
        "jannah-demo",
        "jarida-demo",
    }


@pytest.mark.parametrize("chunk", range(4))  # four tests, so a failure names fewer pages
def test_extract_prints_what_the_store_keeps(chunk, tmp_path, capsys):
    from scraper.items import ArticleRecord, ListItemSighting

    pages = PAGES[chunk::4]
    for number, output in enumerate(_extract(pages, capsys)):
        db = tmp_path / f"{number}.db"
        store = Store(db)
        records = [ListItemSighting(**item) for item in output["list_items"]]
        if output["article"]:
            records.append(ArticleRecord(**output["article"]))
        store.write_batch(records)
        store.close()
        articles, sightings = _stored(db)
        if output["article"]:
            (row,) = articles
            # The one encoding the store adds: no source line is NULL, not [] (docs/schema.md).
            row["source"] = row["source"] or []
            expected = _as_stored_article(output["article"])
            differing = {k: (v, row[k]) for k, v in expected.items() if k in row and row[k] != v}
            assert not differing, output["url"]
            # Everything the record holds has a column (the category's two parts included).
            assert set(expected) - set(row) == set()
        else:
            assert articles == []
        printed = sorted(tuple(i[k] for k in SIGHTING_FIELDS) for i in output["list_items"])
        kept = sorted(
            tuple(s["item_url" if k == "url" else k] for k in SIGHTING_FIELDS) for s in sightings
        )
        assert kept == printed, output["url"]


def test_pipelines_pass_records_on_unedited():
    """Validation counts and routes; it never edits a record."""
    from scrapy.utils.test import get_crawler

    from pipelines.validate import ValidatePipeline
    from scraper.extract import extract_page
    from scraper.items import SightingBatch

    pipeline = ValidatePipeline.from_crawler(get_crawler())
    for path, url, reference, site in PAGES[:: max(1, len(PAGES) // 12)]:
        when = datetime.fromisoformat(reference)
        page = extract_page(path.read_bytes(), url, when, site=site, profile="auto")
        items = [SightingBatch(page.url, page.list_items)]
        if page.article:
            items.append(page.article)
        for item in items:
            before = copy.deepcopy(item)
            assert pipeline.process_item(item) is item
            assert item == before


def test_the_store_keeps_a_post_under_its_first_url_without_editing_the_record(tmp_path):
    """The same WordPress post seen at another URL (a ?p= link, an old slug) is stored as
    the post it is; the record the store was handed still says what extraction found."""
    from dataclasses import replace

    from scraper.extract import extract_page

    path, url, reference, _ = next(p for p in PAGES if p[0].name == "post-10322.html")
    article = extract_page(path.read_bytes(), url, datetime.fromisoformat(reference)).article
    assert article.post_id == 10322
    # Seen again later under a ?p= link, its headline edited meanwhile: a revision.
    variant = replace(
        article,
        url=url.split("?")[0] + "?p=10322",
        headline=article.headline + " (محدث)",
        provenance=dict(article.provenance),
    )
    before = copy.deepcopy(variant)
    store = Store(tmp_path / "news.db")
    store.write_batch([article])
    store.write_batch([variant])
    store.close()
    assert variant == before
    articles, _ = _stored(tmp_path / "news.db")
    assert [row["url"] for row in articles] == [article.url]
    assert articles[0]["headline"] == variant.headline
    assert articles[0]["provenance"]["url"] == f"post id 10322, seen as {variant.url}"
