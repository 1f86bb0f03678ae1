"""Real articles the page-kind rules must leave articles (a review's cases), on the
probe's ASP.NET ministry page (tests/fixtures/arabic-news-6/p06.html: no metadata, its
headline in a span, its date beside it) at other addresses and with other metadata."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page

FOLDER = Path(__file__).parent / "fixtures" / "arabic-news-6"
ANSWER = {a["file"]: a for a in json.loads((FOLDER / "expected.json").read_text("utf-8"))}[
    "p06.html"
]
HTML = (FOLDER / "p06.html").read_text("utf-8")
REFERENCE = datetime.fromisoformat(ANSWER["reference"])


def _kind(html: str, url: str) -> str:
    page = extract_page(html, url, REFERENCE, profile="auto", timezone=ANSWER["timezone"])
    return page.page_type


@pytest.mark.parametrize(
    "url",
    [
        # A story's number that reads as a year is no year's archive.
        "https://www.mwi-jo.gov.jo/Ar/News/2041",
        # A column under its writer's folder is no writer's page.
        "https://www.mwi-jo.gov.jo/writers/ahmed-ali/why-water-matters",
        # A weather story at a story's address under the forecasts' folder is no forecast.
        "https://www.mwi-jo.gov.jo/weather/heatwave-to-peak-on-thursday-says-met-office",
    ],
)
def test_a_story_at_an_address_that_looks_like_a_listing_s_stays_an_article(url):
    assert _kind(HTML, url) == "article"


@pytest.mark.parametrize(
    "graph",
    [
        {"@type": "SportsEvent", "name": "Derby", "startDate": "2027-07-12T20:00+03:00"},
        {
            "@type": "VideoObject",
            "name": "Live",
            "publication": {"@type": "BroadcastEvent", "isLiveBroadcast": True},
        },
    ],
)
def test_a_story_embedding_an_event_or_a_live_player_stays_an_article(graph):
    # A match report's SportsEvent, a story's live stream: JSON-LD of no article, at a
    # story's address.
    script = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    html = HTML.replace("</head>", f"{script}</head>", 1)
    assert _kind(html, ANSWER["url"]) == "article"
    # (At an address of no story's shape the same JSON-LD makes a page no story:
    # arabic-listings-4 p06, a programme's page, and p13, a live channel's.)


def test_a_job_ad_is_no_story_at_any_address():
    # A job ad (arabic-page-kinds-5 p13) sits at a slug of a story's shape: its JSON-LD
    # JobPosting says what it is, where no article is stated beside it.
    graph = {"@type": "JobPosting", "title": "مهندس مياه", "datePosted": "2027-07-10"}
    script = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    html = HTML.replace("</head>", f"{script}</head>", 1)
    assert _kind(html, ANSWER["url"]) == "other"
    article = {"@type": "NewsArticle", "headline": "x", "datePublished": "2027-07-10"}
    both = f'<script type="application/ld+json">{json.dumps([article, graph])}</script>'
    # A story stating its article keeps it, the job it reports on embedded or not.
    assert _kind(HTML.replace("</head>", f"{both}</head>", 1), ANSWER["url"]) == "article"


def test_a_story_with_a_pager_and_a_grid_of_dated_related_cards_stays_an_article():
    # A review's case: the story's own <article> and the related cards it holds are no
    # list of stories, nor are the same cards counted twice (as dated links and as cards).
    cards = "".join(
        f'<article class="related-card"><h3><a href="/local/story-{n}">قصة ذات صلة رقم {n}'
        f'</a></h3><time datetime="2027-07-0{n % 9 + 1}">{n % 9 + 1} يوليو 2027</time></article>'
        for n in range(10)
    )
    pager = '<div class="pagination"><a href="?page=2">2</a> <a href="?page=3">3</a></div>'
    html = HTML.replace("</body>", f"{pager}<section>{cards}</section></body>", 1)
    assert _kind(html, "https://www.mwi-jo.gov.jo/local/heatwave-warning") == "article"
