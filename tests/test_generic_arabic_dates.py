"""Headlines and publication times on Arabic layouts no profile knows, as a probe wrote
them with their answers first (tests/fixtures/generic-ar-dates): a logo h1 and a slider of
other stories' h1s above the story's, a breaking ticker's <time>, a related box after a
story that prints no date, a site-wide og:title, a kicker joined with "..", Hijri and
Gregorian together, Algerian and Moroccan month names, a time printed alone."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "generic-ar-dates"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
# The metadata's spelling of a headline may differ from the h1's in its quotes and digits
# ('لـ"الشرق"' for «الشرق», "15" for "١٥"); the words are the test.
_SPELLING = str.maketrans({"«": '"', "»": '"', **{chr(0x0660 + d): str(d) for d in range(10)}})


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"].removesuffix(".html"))
def test_the_storys_headline_and_its_own_time(expected):
    reference = datetime.fromisoformat(expected["reference"].replace("Z", "+00:00"))
    page = extract_page(
        (HERE / expected["file"]).read_bytes(),
        expected["url"],
        reference,
        profile="auto",
        timezone=expected["zone"],
    )
    article = page.article
    assert article.headline.translate(_SPELLING) == expected["headline"].translate(_SPELLING)
    if expected["published_day"] is None:
        assert article.published_at is None  # the page prints no date of its own
    elif expected["published_minute_utc"]:
        assert article.published_at[:16] == expected["published_minute_utc"][:16]
    else:
        day = expected["published_day"]
        assert article.published_earliest <= f"{day}T23:59:59Z"
        assert article.published_latest >= f"{day}T00:00:00Z"
