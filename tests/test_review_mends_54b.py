"""A second review of the thirtieth round's rules (helper, before the mend) wrote each page
below (tests/fixtures/review-cases/r54b-*.html) where one of them misfired. Each test holds
the mended behaviour."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scraper.extract import extract_page

CASES = Path(__file__).parent / "fixtures" / "review-cases"
PAGES = {
    "r54b-01.html": (
        "https://www.nilenews-portal.example/news/governorates/2027/5/19/281455",
        "Africa/Cairo",
    ),
    "r54b-02.html": ("https://www.masry-now.example/news/details/3188240", "Africa/Cairo"),
    "r54b-04.html": (
        "https://www.tech-today.example/tips/2027/05/19/stop-iphone-location-tracking/",
        "Asia/Riyadh",
    ),
}


def _read(file: str):
    url, zone = PAGES[file]
    reference = datetime.fromisoformat("2027-05-20T12:00:00+03:00")
    return extract_page((CASES / file).read_bytes(), url, reference, profile="auto", timezone=zone)


def test_a_correspondents_governorate_after_his_name_is_no_second_writer():
    # "كتب: محمد سليمان، كفر الشيخ": the writer and where he reports from.
    assert _read("r54b-01.html").article.author == "محمد سليمان"


def test_news_agencies_after_the_writer_are_no_second_writer():
    # "كتب: هشام عمر عبد الحليم، وكالات الأنباء"
    assert _read("r54b-02.html").article.author == "هشام عمر عبد الحليم"


def test_a_how_tos_menu_path_opening_the_story_stays():
    body = _read("r54b-04.html").article.body
    assert body.startswith("الإعدادات > الخصوصية والأمان > خدمات الموقع > إيقاف")
