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


@pytest.mark.parametrize(
    "last",
    [
        "تابع المحققون الحساب على تيليجرام أسابيع قبل أن يحددوا مكان المشتبه به.",
        "وقالت الشرطة إنها تابعت الحساب عبر تيليجرام حتى توقيف صاحبه فجر اليوم.",
        "وقال المتهم إنه اشترك في قناة على تليجرام تبيع الوثائق المزورة.",
    ],
)
def test_a_story_sentence_about_following_something_online_stays(last):
    # The closing-invitation rule is for "تابعوا ... عبر تيليجرام", not a story's last
    # sentence that says who followed what on which platform.
    case = next(c for c in EXPECTED if c["file"] == "p21_promo_after_source.html")
    html = (HERE / case["file"]).read_text(encoding="utf-8")
    promo = "لمتابعة آخر الأخبار العاجلة أولا بأول، تابعوا صفحة بوابة الساحل عبر تيليجرام وواتساب."
    ending = "<p><strong>المصدر:</strong> وكالة الأنباء السعودية</p>\n     <p>" + promo + "</p>"
    assert ending in html
    story = html.replace(ending, f"<p>{last}</p>")
    reference = datetime.fromisoformat(case["reference"].replace("Z", "+00:00"))
    article = extract_page(
        story, case["url"], reference, profile="auto", timezone=case["timezone"]
    ).article
    assert article.body.endswith(last)
