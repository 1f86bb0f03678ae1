"""A page's metadata stating its printed clock with the offset of the zone's other season
(Al-Masry Al-Youm's custom CMS writes Cairo's +02:00 all year; Elnashra writes Beirut's
summer +03:00 in January). Off WordPress the printed clock in the site's zone wins; on
WordPress, whose settings offer fixed offsets ("UTC+2") that print and state one clock, the
metadata's instant stands. Pages: the probe folders' own, whole."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

FIXTURES = Path(__file__).parent / "fixtures"
WORDPRESS_HEAD = (
    '<meta name="generator" content="WordPress 6.7.1" />\n'
    "<link rel='stylesheet' href='/wp-content/themes/news/style.css' type='text/css' />\n"
)


def _answer(folder: str, file: str) -> dict:
    answers = json.loads((FIXTURES / folder / "expected.json").read_text("utf-8"))
    return next(a for a in answers if a["file"] == file)


def _published(folder: str, file: str, wordpress: bool) -> str | None:
    answer = _answer(folder, file)
    html = (FIXTURES / folder / file).read_text("utf-8")
    if wordpress:
        html = html.replace("</head>", WORDPRESS_HEAD + "</head>", 1)
    page = extract_page(
        html.encode(), answer["url"], datetime.fromisoformat(answer["reference"]),
        profile="auto", timezone=answer["timezone"],
    )  # fmt: skip
    return page.article.published_at


@pytest.mark.parametrize(
    ("folder", "file", "printed", "stated"),
    [
        # "٠٤:١٧ م" printed; 16:17+02:00 stated in Cairo's June (+03:00).
        ("arabic-dates-13", "p03.html", "2027-06-22T13:17:00Z", "2027-06-22T14:17:00Z"),
        # "الساعة 13:45" printed; 13:45+03:00 stated in Beirut's January (+02:00).
        ("arabic-dates-15", "p09.html", "2027-01-10T11:45:00Z", "2027-01-10T10:45:00Z"),
        # "3:45 م" printed; JSON-LD's 15:45+02:00 in Cairo's June.
        ("arabic-news-14", "p11.html", "2027-06-08T12:45:00Z", "2027-06-08T13:45:00Z"),
    ],
)
def test_the_printed_clock_overrules_the_other_seasons_offset_off_wordpress(
    folder: str, file: str, printed: str, stated: str
) -> None:
    assert _published(folder, file, wordpress=False) == printed
    assert _published(folder, file, wordpress=True) == stated
