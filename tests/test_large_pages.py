"""The generated large Zox pages (the benchmarks' zox-large set) read as the generator built
them: the headline, the whole body, and every widget's items with their titles, categories
and times, no more and no fewer."""

from __future__ import annotations

from functools import cache

import pytest

from scraper.extract import extract_page, iso
from scraper.testkit.large_pages import large_pages
from scraper.testkit.server import BUNDLED_SITE

PAGES = 6


@cache
def generated():
    return large_pages(PAGES)


@pytest.mark.parametrize("index", range(PAGES))
def test_large_page_reads_as_generated(index):
    page = generated()[index]
    assert 150 * 1024 <= page.size <= 300 * 1024
    result = extract_page(
        page.html, page.url, page.reference, profile="zox", timezone="Europe/Istanbul"
    )
    assert result.page_type == "article"
    assert result.article.headline == page.headline
    assert result.article.body == "\n\n".join(page.paragraphs)
    assert set(page.items) == {"more", "tabber", "sidebar"}
    for widget, expected in page.items.items():
        found = [item for item in result.list_items if item.widget == widget]
        assert [
            (item.url, item.title, item.category, item.time_raw, item.published_at)
            for item in found
        ] == [
            (item.url, item.title, item.category, item.time_raw, iso(item.published_at))
            for item in expected
        ]
    assert len(result.list_items) == sum(len(items) for items in page.items.values())


def test_large_page_keeps_its_templates_date():
    """The generator leaves the article's head and date markup as the bundled page has it."""
    page = generated()[0]
    template = BUNDLED_SITE / page.template
    kwargs = {"profile": "zox", "timezone": "Europe/Istanbul"}
    large = extract_page(page.html, page.url, page.reference, **kwargs).article
    bundled = extract_page(template.read_text(encoding="utf-8"), page.url, page.reference, **kwargs)
    assert large.published_at == bundled.article.published_at is not None
    assert large.author == bundled.article.author


def test_large_pages_are_deterministic():
    again = large_pages(2)
    assert [p.html for p in again] == [p.html for p in generated()[:2]]
    assert [p.html for p in large_pages(2, seed=7)] != [p.html for p in again]
