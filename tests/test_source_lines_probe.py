"""Source and credit lines as Arabic and English news sites print them, on whole pages no
one here wrote for the extractor (tests/fixtures/source-lines/, answers written before it
ran): labelled lines in every markup (a `<strong>`, a classed paragraph, after a `<br>`,
as a link, with tatweel or vowel marks on the label), two agencies, closing credits,
datelines, "نقلاً عن" and "بحسب" lines, a republished story's closing line; share rows,
tags, newsletters, follow prompts and comments after them; and a page of sentences that
only look like credits ("المصدر الأمني ... قال", "مصدر مطلع ... أكد")."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

HERE = Path(__file__).parent / "fixtures" / "source-lines"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_the_credit_and_the_body_around_it(case):
    html = (HERE / case["file"]).read_text(encoding="utf-8")
    reference = datetime.fromisoformat(case["reference"].replace("Z", "+00:00"))
    page = extract_page(html, case["url"], reference, profile="auto", timezone=case["timezone"])
    article = page.article
    assert article.headline == case["headline"]
    assert article.source == case["source"]
    if case.get("form"):
        assert article.provenance["source"] == case["form"]
    if case.get("source_raw_contains"):
        assert case["source_raw_contains"] in article.source_raw
    body = article.body or ""
    assert [s for s in case["body_must_contain"] if s not in body] == []
    assert [s for s in case["body_must_not_contain"] if s in body] == []
