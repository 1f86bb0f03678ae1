"""The crawler never goes to internal addresses for a public site (no traffic is sent here:
the guard decides before any download)."""

import asyncio
from pathlib import Path

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from scraper.crawl.guard import PrivateAddressGuard, is_internal
from spiders.news import NewsSpider


def guard_for(site: str) -> PrivateAddressGuard:
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site=site)
    return PrivateAddressGuard.from_crawler(crawler)


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("10.0.0.1", True),
        ("192.168.1.20", True),
        ("172.16.5.4", True),
        ("127.0.0.1", True),
        ("169.254.169.254", True),
        ("::1", True),
        ("fd00::1", True),
        ("0.0.0.0", True),
        ("93.184.216.34", False),
        ("2606:2800:220:1::1", False),
    ],
)
def test_internal_addresses(address, internal):
    assert is_internal(address) is internal


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://localhost:8080/x"],
)
def test_a_public_site_may_not_reach_internal_addresses(url):
    guard = guard_for("example-zox")
    with pytest.raises(IgnoreRequest, match="internal address"):
        asyncio.run(guard.process_request(Request(url)))
    assert guard.crawler.stats.get_value("guard/refused") == 1


def test_public_addresses_pass_and_a_local_site_may_use_its_own_address(tmp_path):
    assert (
        asyncio.run(guard_for("example-zox").process_request(Request("http://93.184.216.34/")))
        is None
    )
    # A site configured on an internal address (a generated benchmark site) may go there.
    local = tmp_path / "local.toml"
    local.write_text(
        'name = "local"\nprofile = "zox"\ntimezone = "UTC"\n'
        'start_urls = ["http://127.0.0.1:8765/"]\nallowed_domains = ["127.0.0.1"]\n'
    )
    request = Request("http://127.0.0.1:8765/")
    assert asyncio.run(guard_for(str(local)).process_request(request)) is None


def test_a_replayed_site_passes_unresolved_and_nothing_else_does(monkeypatch):
    looked_up = []

    async def resolve(host: str) -> list[str]:
        looked_up.append(host)
        return ["10.0.0.5"]  # as if the name pointed into the operator's network

    monkeypatch.setattr("scraper.crawl.guard._resolve", resolve)
    # The bundled site's hosts are served by its replay: no DNS lookup for a .example name.
    replayed = guard_for("zox-demo")
    request = Request("https://www.akhbar-turkiya.example/2025/12/15/x/")
    assert asyncio.run(replayed.process_request(request)) is None
    assert looked_up == []
    # The replay is no pass for other addresses, the replay server's own included.
    for url in ("http://127.0.0.1:8765/", "http://10.0.0.1/", "https://other.example/"):
        with pytest.raises(IgnoreRequest, match="internal address"):
            asyncio.run(replayed.process_request(Request(url)))
    # A real site's own host is looked up and refused when it resolves inside.
    with pytest.raises(IgnoreRequest, match=r"news\.example\.com resolves to an internal"):
        asyncio.run(guard_for("example-zox").process_request(Request("https://news.example.com/")))
    assert looked_up == ["other.example", "news.example.com"]


def redirect_guard(site: str, base_url: str | None = None):
    from scraper.crawl.guard import RedirectGuard

    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site=site, base_url=base_url)
    return RedirectGuard.from_crawler(crawler)


def moved(url: str, location: str):
    from scrapy.http import Response

    return Response(url, status=301, headers={"Location": location})


def test_redirects_within_the_site_pass_even_with_a_port():
    guard = redirect_guard("zox-demo", "http://127.0.0.1:38623")
    request = Request("https://www.akhbar-turkiya.example:443/2025/12/10/x")
    response = moved(request.url, "https://www.akhbar-turkiya.example:443/2025/12/10/x/")
    assert guard.process_response(request, response) is response


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("http://evil.example/x/", "outside the site's domains"),
        ("https://news.example.com/a/", "a redirect loop"),
    ],
)
def test_redirects_that_leave_or_loop_are_refused_with_a_reason(location, why):
    guard = redirect_guard("example-zox")
    request = Request("https://news.example.com/a/")
    with pytest.raises(IgnoreRequest, match=why):
        guard.process_response(request, moved(request.url, location))


def test_a_loop_between_two_linked_pages_is_refused_on_its_second_hop():
    # The site links to both /a/ and /b/; /a/ redirects to /b/ (that hop is dropped by the
    # duplicate filter: /b/ was requested on its own), then /b/ redirects back to /a/.
    guard = redirect_guard("example-zox")
    first = Request("https://news.example.com/a/")
    response = moved(first.url, "https://news.example.com/b/")
    assert guard.process_response(first, response) is response
    second = Request("https://news.example.com/b/")  # its own request: no redirect_urls
    with pytest.raises(IgnoreRequest, match="a redirect loop"):
        guard.process_response(second, moved(second.url, "https://news.example.com/a/"))
    # A page that moved for good, and a page moving to it, are no loop.
    third = Request("https://news.example.com/c/")
    assert guard.process_response(third, moved(third.url, "https://news.example.com/b/"))


# -- meta refresh -------------------------------------------------------------------------

ZOX_STORY = Path(__file__).parent / "fixtures" / "zox-demo" / "post-10259.html"


def refreshing(url: str, content: str):
    """The bundled Zox story as served with a `<meta http-equiv="refresh">` in its head."""
    from scrapy.http import HtmlResponse

    body = ZOX_STORY.read_bytes()
    tag = f'<meta http-equiv="refresh" content="{content}">'.encode()
    body = body.replace(b"<head>", b"<head>" + tag, 1)
    assert tag in body
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=UTF-8"})


def meta_refresh_middleware():
    from scrapy.settings import Settings

    from scraper.crawl import settings as project_settings
    from scraper.crawl.guard import MetaRefreshRedirects

    middlewares = Settings(vars(project_settings)).getdict("DOWNLOADER_MIDDLEWARES")
    # The crawl uses this one in Scrapy's place, not both.
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert middlewares["scraper.crawl.guard.MetaRefreshRedirects"] == 580
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider(site="example-zox")
    return MetaRefreshRedirects.from_crawler(crawler), crawler


@pytest.mark.parametrize(
    "content",
    [
        "60; url=https://news.example.com/2025/11/09/story/",  # reloads itself by its URL
        "60;URL='https://news.example.com/2025/11/09/story/#top'",  # ... with a fragment
    ],
)
def test_a_page_that_reloads_itself_is_kept_not_followed(content):
    middleware, crawler = meta_refresh_middleware()
    request = Request("https://news.example.com/2025/11/09/story/")
    response = refreshing(request.url, content)
    assert middleware.process_response(request, response) is response
    assert crawler.stats.get_value("guard/self_refresh_kept") == 1


def test_a_page_that_reloads_itself_without_a_url_is_kept():
    # w3lib >= 2.6 reads a refresh with no URL as one to the page itself (the HTML
    # standard's reading); earlier versions give no target at all. Kept either way.
    middleware, _ = meta_refresh_middleware()
    request = Request("https://news.example.com/2025/11/09/story/")
    response = refreshing(request.url, "90")
    assert middleware.process_response(request, response) is response


def test_a_meta_refresh_to_another_page_is_still_followed():
    middleware, crawler = meta_refresh_middleware()
    request = Request("https://news.example.com/2025/11/09/story/")
    response = refreshing(request.url, "0; url=https://news.example.com/2025/11/09/story-moved/")
    followed = middleware.process_response(request, response)
    assert isinstance(followed, Request)
    assert followed.url == "https://news.example.com/2025/11/09/story-moved/"
    assert crawler.stats.get_value("guard/self_refresh_kept") is None
