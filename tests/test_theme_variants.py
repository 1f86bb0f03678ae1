"""Pages of our themes as real sites set them up, not as the themes' demos do: Rank Math
joining WordPress's default category into articleSection, tagDiv Newspaper's "show modified
date" option, a Sahifa post whose only category is in its post class, and two versions that
print their date and byline where the profile does not look, on pages whose metadata
states neither (a Newspaper header above the article, an older Jannah meta line). Each page's answer
was written down before the extractor ran (tests/fixtures/theme-variants/expected.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "theme-variants"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"].removesuffix(".html"))
def test_a_theme_page_set_up_as_real_sites_do_is_read_right(expected):
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    page = extract_page(
        (HERE / expected["file"]).read_bytes(),
        expected["url"],
        reference,
        profile="auto",
        timezone=expected["timezone"],
    )
    article = page.article
    assert article.profile == f"{expected['profile']}@1"
    assert article.headline == expected["headline"]
    assert article.author == expected["author"]
    assert (article.category or {}).get("name") == expected["category"]
    assert "غير مصنف" not in [c["name"] for c in article.categories]
    if expected["published_minute"]:
        assert article.published_at[:16] == expected["published_minute"].removesuffix("Z")
    else:
        assert article.published_earliest <= f"{expected['published_day']}T23:59:59Z"
        assert article.published_latest >= f"{expected['published_day']}T00:00:00Z"
