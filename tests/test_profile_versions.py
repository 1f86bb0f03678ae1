"""A redesign is a new layout version of a profile, live from a date; each page is read with
the version that was live when it was rendered."""

from dataclasses import replace
from datetime import UTC, datetime

from scraper.extract import extract_page
from scraper.extract.profiles import get_profile, register, unregister
from scraper.testkit.server import BUNDLED_SITE

SAMPLE = BUNDLED_SITE / "pages" / "post-10322.html"
URL = "https://www.akhbar-turkiya.example/sample/"


def test_pages_are_read_with_the_layout_live_when_they_were_rendered():
    original = get_profile("zox")
    html = SAMPLE.read_text(encoding="utf-8")
    redesigned_html = html.replace("mvp-content-main", "zox-body-2026")
    redesign = register(
        replace(original, version=99, valid_from="2026-01-01", body="#zox-body-2026")
    )
    try:
        before = datetime(2025, 12, 15, 9, tzinfo=UTC)
        after = datetime(2026, 2, 1, 9, tzinfo=UTC)
        assert get_profile("zox", before) is original
        assert get_profile("zox", after) is redesign
        assert get_profile("zox") is redesign  # newest
        old_page = extract_page(html, URL, before, profile="zox").article
        new_page = extract_page(redesigned_html, URL, after, profile="zox").article
        assert old_page.profile == "zox@1" and new_page.profile == "zox@99"
        assert old_page.body == new_page.body and old_page.source == ["منصة مزيج"]
        # The old layout on a page rendered after the redesign: the body is missing, said so.
        stale = extract_page(html, URL, after, profile="zox").article
        assert stale.body is None and "#zox-body-2026" in stale.missing["body"]
    finally:
        unregister("zox", 99)
    assert get_profile("zox") is original
