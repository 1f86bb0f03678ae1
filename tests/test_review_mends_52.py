"""A review of the twenty-eighth round's rules (helper, before the mend) wrote each page
below (tests/fixtures/review-cases/r52-*.html) where one of them misfired. Each test holds the
mended behaviour."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scraper.extract import extract_page

CASES = Path(__file__).parent / "fixtures" / "review-cases"


def _read(file: str, url: str, reference: str, zone: str):
    return extract_page(
        (CASES / file).read_bytes(), url, datetime.fromisoformat(reference),
        profile="auto", timezone=zone,
    )  # fmt: skip


def test_an_original_of_two_addresses_on_two_lines_is_read_not_raised():
    # JSON-LD's isBasedOn holds two addresses joined by "\r\n": no selector is built of it.
    page = _read(
        "r52-02.html", "https://www.alwatan-alyawm.com.kw/NewsDetails.aspx?id=552193",
        "2027-06-14T15:00:00+03:00", "Asia/Kuwait",
    )  # fmt: skip
    assert page.page_type == "article" and page.article.body


def test_a_click_here_link_to_the_original_names_no_source():
    page = _read(
        "r52-01.html",
        "https://www.tarjamat-alyawm.com/article/18842/لماذا-تتعثر-محادثات-مياه-النيل",
        "2027-05-03T14:00:00+03:00", "Africa/Cairo",
    )  # fmt: skip
    assert page.article.source and "اضغط هنا" not in page.article.source


def test_related_headlines_under_a_related_topics_label_are_no_tags():
    page = _read(
        "r52-03.html", "https://www.sawt-alasima.jo/news/local/2027/05/18/48213",
        "2027-05-18T14:00:00+03:00", "Asia/Amman",
    )  # fmt: skip
    assert page.article.tags == []


def test_a_source_line_linking_an_address_with_authorities_in_it_stays_a_source():
    page = _read(
        "r52-04.html", "https://www.khaleej-now.ae/uae/abu-dhabi/2027-06-09-1.1192734",
        "2027-06-09T10:00:00+04:00", "Asia/Dubai",
    )  # fmt: skip
    assert page.article.source == ["ذا ناشيونال"]


def test_the_agency_line_under_a_byline_is_the_credit():
    page = _read(
        "r52-05.html",
        "https://www.heartlandnews24.com/US/wireStory/"
        "storms-knock-power-thousands-across-georgia-carolinas-119584721",
        "2027-04-20T18:00:00+00:00", "America/New_York",
    )  # fmt: skip
    assert page.article.source == ["Associated Press"]
    assert not page.article.body.startswith("Associated Press")


def test_a_story_sentence_ending_on_sign_up_now_stays():
    page = _read(
        "r52-06.html",
        "https://www.cumberlandvalleycourier.com/news/local/food-bank-doubles-grocery-deliveries"
        "-to-homebound-seniors/article_5c2e9a4e-1f7b-11f0-9a3d-7b1c2e4f6a10.html",
        "2027-05-11T09:00:00-04:00", "America/New_York",
    )  # fmt: skip
    assert page.article.body.rsplit("\n", 1)[-1].endswith("should sign up now.")
