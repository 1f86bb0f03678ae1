"""Response headers a hostile or broken server sends do not write wrong values for good
nor stop the crawl: an implausible Date is not the reference time (a plausible `Age`
moves it back to the render), a non-numeric
X-WP-TotalPages is a failure row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from scraper.items import FailureRecord
from scraper.testkit.server import BUNDLED_SITE
from spiders.news import NewsSpider

ORIGIN = "https://www.akhbar-turkiya.example"


@pytest.fixture
def spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site="zox-demo")
    crawler.spider.crawler = crawler
    return crawler.spider


@pytest.mark.parametrize("date", ["Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT"])
def test_an_implausible_date_header_is_not_the_reference_time(spider, date):
    response = HtmlResponse(url=ORIGIN + "/", body=b"<html></html>", headers={"Date": date})
    before = datetime.now(UTC)
    reference = spider.reference_time(response)
    assert before <= reference <= datetime.now(UTC)
    assert spider.crawler.stats.get_value("reference/implausible_date") == 1


def test_a_recorded_date_in_the_past_is_believed(spider):
    # A replay serves the Dates it recorded: a year old is a render time, not a lie.
    response = HtmlResponse(
        url=ORIGIN + "/", body=b"<html></html>", headers={"Date": "Mon, 15 Dec 2025 09:02:37 GMT"}
    )
    assert spider.reference_time(response) == datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)
    ahead = datetime.now(UTC) + timedelta(hours=2)  # a server clock a little fast
    response = HtmlResponse(
        url=ORIGIN + "/",
        body=b"<html></html>",
        headers={"Date": ahead.strftime("%a, %d %b %Y %H:%M:%S GMT")},
    )
    assert spider.reference_time(response) == ahead.replace(microsecond=0)
    assert spider.crawler.stats.get_value("reference/implausible_date") is None


@pytest.mark.parametrize(
    ("age", "rendered"),
    [
        ("600", datetime(2025, 12, 15, 8, 52, 37, tzinfo=UTC)),  # a CDN's copy, 10 minutes old
        ("0", datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)),
        ("-5", datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)),  # not a duration
        ("soon", datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)),
        ("99999999999", datetime(2025, 12, 15, 9, 2, 37, tzinfo=UTC)),  # over 30 days
    ],
)
def test_a_shared_caches_age_moves_the_reference_back_to_the_render(spider, age, rendered):
    response = HtmlResponse(
        url=ORIGIN + "/",
        body=b"<html></html>",
        headers={"Date": "Mon, 15 Dec 2025 09:02:37 GMT", "Age": age},
    )
    assert spider.reference_time(response) == rendered


@pytest.mark.parametrize("pages", [b"many", b"\xc2\xb2", b"1e9"])
def test_a_non_numeric_page_count_from_the_rest_api_is_a_failure_row(spider, pages):
    body = (BUNDLED_SITE / "pages" / "wp-json-posts-1.json").read_bytes()
    url = ORIGIN + "/wp-json/wp/v2/posts?per_page=100&page=1"
    response = TextResponse(
        url=url,
        body=body,
        headers={
            "Content-Type": "application/json",
            "Date": "Mon, 15 Dec 2025 09:02:37 GMT",
            "X-WP-TotalPages": pages,
        },
    )
    outputs = list(spider.parse_api(response))
    failures = [o for o in outputs if isinstance(o, FailureRecord)]
    assert len(failures) == 1
    assert failures[0].url == url and failures[0].stage == "extract"
    assert "X-WP-TotalPages is not a page count" in failures[0].reason
    # The posts of the page that came are kept: sightings first, no next-page request.
    assert outputs[0] is not failures[0]
    assert not any(getattr(o, "callback", None) == spider.parse_api for o in outputs)
