"""A review of the thirty-fourth round's rules (helper, before the mend) wrote each page
below (tests/fixtures/review-cases/r58-*.html), whole, as a site of its kind prints it,
and found a new rule misfiring there. Each test holds the mended behaviour."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scraper.extract import extract_page

CASES = Path(__file__).parent / "fixtures" / "review-cases"


def _page(file: str, url: str, reference: str, zone: str):
    return extract_page(
        (CASES / file).read_bytes(), url, datetime.fromisoformat(reference), profile="auto",
        timezone=zone,
    )  # fmt: skip


def test_a_story_s_last_paragraph_naming_subscribers_and_an_acronym_stays():
    # A telecom's "(HAS)" service for its subscribers: no Anadolu notice.
    article = _page(
        "r58-01.html", "https://www.alraqeeb-eco.example/news/business/2027/05/19/147382",
        "2027-05-20T12:00:00+03:00", "Asia/Amman",
    ).article  # fmt: skip
    assert article.body.rstrip().endswith("على أن تشمل بقية المحافظات قبل نهاية العام.")


def test_a_day_first_date_is_not_swapped_to_agree_with_swapped_metadata():
    # "05/04/2027 10:30" on a day-first Iraqi site whose metadata says 4 May.
    article = _page(
        "r58-02.html", "https://www.rafidainpress.example/news/88214",
        "2027-05-20T12:00:00+03:00", "Asia/Baghdad",
    ).article  # fmt: skip
    assert article.published_at == "2027-04-05T07:30:00Z"


def test_a_photographer_s_slashed_credit_names_no_reporter_and_no_source():
    # "تصوير/ سامي أبو حصيرة/ الأناضول" under the lead picture of the site's own story.
    article = _page(
        "r58-03.html", "https://gazanow.example/post/215540/", "2027-05-16T12:00:00+03:00",
        "Asia/Gaza",
    ).article  # fmt: skip
    assert article.author is None
    assert article.source == []


def test_the_co_author_box_names_the_writer_beside_the_desk_s_account():
    article = _page(
        "r58-04.html", "https://doha-alyawm.com/archives/77381", "2027-08-26T14:00:00+03:00",
        "Asia/Qatar",
    ).article  # fmt: skip
    assert article.author == "مريم عبدالله السليطي"


def test_a_daily_named_al_rai_in_the_author_slot_is_no_desk_account():
    article = _page(
        "r58-05.html", "https://nabd-albalad.example/archives/402118",
        "2027-05-20T12:00:00+03:00", "Asia/Amman",
    ).article  # fmt: skip
    assert article.author == "الرأي"  # the outlet in the author slot, as designed


def test_a_closing_credit_naming_the_desk_leaves_the_body():
    page = _page(
        "r58-06.html",
        "https://atlas24.example/economie/2027/05/18/oncf-programme-aid-adha-87215.html",
        "2027-05-19T10:00:00+01:00", "Africa/Casablanca",
    )  # fmt: skip
    assert page.article.author is None
    assert not page.article.body.rstrip().endswith("إعداد: قسم الأخبار")
