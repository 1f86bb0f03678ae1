"""Budgets and traps (issue 16, item 3): every crawl ends, and says which budget ended it.

Each trap is served on 127.0.0.1 inside the bundled site (the site's own pages are replayed
as recorded, the trap's paths are answered by a small handler here), so every run also
crawls a real site around the trap: it stores the site's articles, refuses what the trap
adds, names the budget in its output, its stats and a failure row, and exits 4.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy import Request, Spider, signals
from scrapy.core.scheduler import Scheduler
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from scraper.crawl import budgets
from scraper.crawl import settings as crawl_settings
from scraper.crawl.budgets import (
    SITE_KEYS,
    DepthBudget,
    Limits,
    RunBudget,
    listing_of,
    page_number,
)
from scraper.ops.monitor import EXIT_EMPTY, EXIT_FAILURES, EXIT_OK, EXIT_UNFINISHED, evaluate
from scraper.sites import load_site
from scraper.sites.validate import BUDGETS, SiteFileError
from scraper.testkit.server import ReplaySite, send_response, serving
from scraper.testkit.truth import load_truth

ORIGIN = "https://www.akhbar-turkiya.example"
ARTICLES = [urlsplit(a["url"]).path for a in load_truth()["articles"]]
THRESHOLDS = {
    "headline": 0.95,
    "body": 0.9,
    "published_at": 0.9,
    "category": 0.9,
    "source": 0.3,
    "list_item_windows": 0.9,
}

Route = Callable[[str, dict[str, list[str]]], tuple[int, dict[str, str], bytes]]


@contextmanager
def trap_site(routes: dict[str, Route], delay: float = 0.0) -> Iterator[str]:
    """The bundled site with `routes` (path prefix -> handler of path and query) over it;
    `delay`: seconds before every answer."""
    site = ReplaySite()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            time.sleep(delay)
            parts = urlsplit(self.path)
            for prefix, route in routes.items():
                if parts.path.startswith(prefix):
                    status, headers, body = route(parts.path, parse_qs(parts.query))
                    break
            else:
                found = site.lookup(self.path, None)
                if found is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = found.status, found.headers, found.body
            send_response(self, status, headers, body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as base_url:
        yield base_url


def html(body: str) -> tuple[int, dict[str, str], bytes]:
    page = f'<!doctype html><html lang="ar"><head><title>t</title></head><body>{body}</body></html>'
    return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()


def listing(article_paths: list[str], next_links: list[str]) -> tuple[int, dict[str, str], bytes]:
    """A Zox listing: article links, and pagination links to follow."""
    articles = "".join(f'<a rel="bookmark" href="{path}">x</a>' for path in article_paths)
    pages = "".join(f'<a href="{link}">next</a>' for link in next_links)
    return html(f'{articles}<div class="mvp-nav-links"><div class="pagination">{pages}</div></div>')


def site_file(
    tmp_path: Path, *, start: str | None = None, sitemap: str | None = None, extra: str = ""
) -> str:
    """The bundled site's file, starting from its home page (and `start`, `sitemap`), with
    `extra` lines."""
    path = tmp_path / "trap.toml"
    starts = ", ".join(f'"{ORIGIN}{page}"' for page in ("/", start) if page)
    sitemaps = f'sitemaps = ["{ORIGIN}{sitemap}"]\n' if sitemap else ""
    path.write_text(
        'name = "trap"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f"start_urls = [{starts}]\n{sitemaps}"
        'allowed_domains = ["www.akhbar-turkiya.example"]\n'
        "[politeness]\ndownload_delay = 0.0\nconcurrency = 16\nautothrottle = false\n" + extra,
        encoding="utf-8",
    )
    return str(path)


def run_row(db: Path) -> tuple[str, dict]:
    with sqlite3.connect(db) as conn:
        reason, stats = conn.execute(
            "SELECT finish_reason, stats FROM crawl_runs ORDER BY id DESC"
        ).fetchone()
    return reason, json.loads(stats)


def budget_failures(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, reason FROM failures WHERE stage = 'budget'").fetchall()


def stored_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def crawl_trap(crawl, tmp_path: Path, base_url: str, site: str, *extra: str):
    started = time.monotonic()
    done = crawl(tmp_path / "news.db", base_url, "--set", "RETRY_TIMES=0", *extra, site=site)
    return done, time.monotonic() - started


# -- the traps -------------------------------------------------------------------------------


def test_a_sitemap_index_that_lists_itself_anew_ends_at_the_sitemap_depth(tmp_path, crawl):
    counter = iter(range(1_000_000))

    def index(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        fresh = "".join(
            f"<sitemap><loc>{ORIGIN}/trap-sitemap.xml?v={next(counter)}</loc></sitemap>"
            for _ in range(3)
        )
        body = f'<?xml version="1.0"?><sitemapindex>{fresh}</sitemapindex>'.encode()
        return 200, {"Content-Type": "application/xml"}, body

    site = site_file(tmp_path, sitemap="/trap-sitemap.xml")
    with trap_site({"/trap-sitemap.xml": index}) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert (
        "budget reached: 81 sitemaps not requested (nested too deep; budgets.sitemap_depth = 3)"
        in (done.stdout)
    )
    _, stats = run_row(tmp_path / "news.db")
    # 1 + 3 + 9 + 27 sitemaps read (depth 0 to 3), the 81 of the fourth level refused.
    assert stats["budget/sitemap_depth"] == 81
    assert next(counter) == 3 + 9 + 27 + 81
    (failure,) = budget_failures(tmp_path / "news.db")
    assert "sitemap recursion" in failure[1] and "budget sitemap_depth = 3" in failure[1]
    assert stored_articles(tmp_path / "news.db") == len(ARTICLES)
    assert seconds < 60


def test_a_listing_whose_query_string_changes_ends_at_the_query_budget(tmp_path, crawl):
    counter = iter(range(1_000_000))

    def changing(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        links = [f"/trap-list/?sid={next(counter)}" for _ in range(3)]
        return listing(ARTICLES[:5], links)

    site = site_file(tmp_path, start="/trap-list/")
    with trap_site({"/trap-list/": changing}) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "query-string trap" in done.stdout
    _, stats = run_row(tmp_path / "news.db")
    with sqlite3.connect(tmp_path / "news.db") as conn:
        trap_pages = conn.execute(
            "SELECT count(*) FROM fetch_state WHERE url LIKE ?", (f"{ORIGIN}/trap-list/%",)
        ).fetchone()[0]
    # The start page and the 100 query strings the budget allows, no more.
    assert trap_pages == 101
    assert stats["budget/query_variants"] > 0
    (failure,) = budget_failures(tmp_path / "news.db")
    assert failure[1].startswith(f"query-string trap: 100 query strings of {ORIGIN}/trap-list/")
    assert stored_articles(tmp_path / "news.db") == len(ARTICLES)
    assert seconds < 60


def test_endless_pagination_of_the_same_page_ends_after_three_repeats(tmp_path, crawl):
    served = []

    def endless(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        number = int(re.search(r"/page/(\d+)/", path)[1]) if "/page/" in path else 1
        served.append(number)
        return listing(ARTICLES[:10], [f"/trap-pages/page/{number + 1}/"])

    site = site_file(tmp_path, start="/trap-pages/")
    with trap_site({"/trap-pages/": endless}) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert (
        "listing pages not requested (pagination trap; budgets.repeated_pages = 3)" in done.stdout
    )
    # Page 1 lists new articles; pages 2, 3 and 4 repeat it; page 5 is not asked for.
    assert sorted(served) == [1, 2, 3, 4]
    (failure,) = budget_failures(tmp_path / "news.db")
    assert failure[0] == f"{ORIGIN}/trap-pages/page/4/"
    assert "3 pages of" in failure[1] and "budget repeated_pages = 3" in failure[1]
    assert seconds < 60


def test_pagination_that_never_repeats_ends_at_the_sites_listing_budget(tmp_path, crawl):
    served = []

    def endless(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        number = int(re.search(r"/page/(\d+)/", path)[1]) if "/page/" in path else 1
        served.append(number)
        # A different article on every page: never a repeat, always somewhere to go.
        return listing([ARTICLES[number % len(ARTICLES)]], [f"/trap-pages/page/{number + 1}/"])

    site = site_file(tmp_path, start="/trap-pages/", extra="[budgets]\nlisting_pages = 30\n")
    with trap_site({"/trap-pages/": endless}) as base_url:
        done, _ = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "1 listing pages not requested (listing too long; budgets.listing_pages = 30)" in (
        done.stdout
    )
    assert max(served) == 30
    (failure,) = budget_failures(tmp_path / "news.db")
    assert failure[1] == (
        f"listing past 30 pages: page 31 of {ORIGIN}/trap-pages/ not requested "
        "(budget listing_pages = 30)"
    )


def test_a_rest_api_claiming_a_billion_pages_is_read_until_it_repeats(tmp_path, crawl):
    site_pages = ReplaySite()
    posts = site_pages.lookup("/wp-json/wp/v2/posts?per_page=100&page=1", None)
    asked = []

    def api(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        asked.append(int(query["page"][0]))
        headers = {**posts.headers, "X-WP-TotalPages": "999999999"}
        return 200, headers, posts.body

    site = site_file(tmp_path)
    with trap_site({"/wp-json/wp/v2/posts": api}) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "pagination trap" in done.stdout
    assert sorted(asked) == [1, 2, 3, 4]
    (failure,) = budget_failures(tmp_path / "news.db")
    assert "/wp-json/wp/v2/posts?per_page=100" in failure[1]
    assert stored_articles(tmp_path / "news.db") == len(ARTICLES)
    assert seconds < 60


def test_fifty_thousand_links_on_one_page_are_capped(tmp_path, crawl):
    def crowded(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        if path != "/trap-links/":
            return html("<p>-</p>")  # each linked page: something small, not an error
        return listing([f"/trap-links/{n}/" for n in range(50_000)], [])

    site = site_file(tmp_path, start="/trap-links/")
    with trap_site({"/trap-links/": crowded}) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "49000 links not followed (too many on one page; budgets.links_per_page = 1000)" in (
        done.stdout
    )
    _, stats = run_row(tmp_path / "news.db")
    assert stats["budget/links_per_page"] == 49_000 and stats["budget/capped_pages"] == 1
    assert stats["downloader/request_count"] < 1_200
    (failure,) = budget_failures(tmp_path / "news.db")
    assert failure == (
        f"{ORIGIN}/trap-links/",
        "links capped: 50000 links to follow on the page, the first 1000 followed "
        "(budget links_per_page = 1000)",
    )
    assert seconds < 90


# -- the run's own budgets (Scrapy's, set per site) -------------------------------------------


def test_the_page_budget_stops_the_run_with_its_finish_reason(tmp_path, crawl):
    site = site_file(tmp_path, extra="[budgets]\npages = 20\n")
    with trap_site({}) as base_url:
        done, _ = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "finish reason closespider_pagecount" in done.stdout
    assert "budget reached: stopped by the page budget (CLOSESPIDER_PAGECOUNT = 20) after" in (
        done.stdout
    )
    assert done.stdout.count("raise it in the site's [budgets]; the next run goes on") == 1
    reason, stats = run_row(tmp_path / "news.db")
    assert reason == "closespider_pagecount"
    assert stats["monitor/exit_code"] == EXIT_FAILURES
    # Requests in flight and responses already queued for the spider still land: up to
    # 43 seen on a loaded machine (concurrency 16), against 82 for the whole site.
    assert stats["response_received_count"] < 60


def test_the_time_budget_stops_a_slow_crawl(tmp_path, crawl):
    site = site_file(tmp_path, extra="[budgets]\nseconds = 2\n")
    Path(site).write_text(
        Path(site).read_text().replace("concurrency = 16", "concurrency = 1"), encoding="utf-8"
    )
    with trap_site({}, delay=0.3) as base_url:
        done, seconds = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "stopped by the time budget (CLOSESPIDER_TIMEOUT = 2) after" in done.stdout
    assert run_row(tmp_path / "news.db")[0] == "closespider_timeout"
    assert seconds < 30  # 82 pages at 0.3 s one by one would take 25 s and more


def test_the_depth_budget_leaves_deeper_links(tmp_path, crawl):
    site = site_file(tmp_path, extra="[budgets]\ndepth = 1\n")
    with trap_site({}) as base_url:
        done, _ = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "links not requested (too deep; budgets.depth = 1)" in done.stdout
    _, stats = run_row(tmp_path / "news.db")
    assert stats["depth/request_ignored_count"] > 0 and stats["request_depth_max"] == 1
    assert 0 < stats["budget/depth"] <= stats["depth/request_ignored_count"]


def test_links_past_the_depth_budget_that_a_sitemap_lists_later_are_crawled(tmp_path, crawl):
    """A large site's chain of links to unseen pages ("next story", a listing's next page)
    runs past the depth budget before the sitemap that lists the same pages is read. The
    pages are crawled from the sitemap, and the run is not judged as having left any out."""
    chain = [f"/chain/page/{n}/" for n in range(2, 9)]
    deepest_served = threading.Event()

    def chain_page(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        at = ["/chain/", *chain].index(path)
        if at == 3:  # depth 3: its link to the next page goes past the budget
            deepest_served.set()
        return listing(ARTICLES[at : at + 1], chain[at : at + 1])

    def index(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        body = (
            f"<sitemapindex><sitemap><loc>{ORIGIN}/chain-pages.xml</loc></sitemap></sitemapindex>"
        )
        return 200, {"Content-Type": "application/xml"}, f'<?xml version="1.0"?>{body}'.encode()

    def pages(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        # As on a large site, the chain reaches the budget before this sitemap is read.
        deepest_served.wait(30)
        time.sleep(2)
        urls = "".join(f"<url><loc>{ORIGIN}{page}</loc></url>" for page in chain)
        body = f'<?xml version="1.0"?><urlset>{urls}</urlset>'.encode()
        return 200, {"Content-Type": "application/xml"}, body

    site = site_file(
        tmp_path, start="/chain/", sitemap="/chain-index.xml", extra="[budgets]\ndepth = 3\n"
    )
    routes = {"/chain/": chain_page, "/chain-index.xml": index, "/chain-pages.xml": pages}
    with trap_site(routes) as base_url:
        done, _ = crawl_trap(crawl, tmp_path, base_url, site)
    assert done.returncode == EXIT_OK, done.stdout + done.stderr[-2000:]
    _, stats = run_row(tmp_path / "news.db")
    # Scrapy refused the chain's next page at depth 4; the sitemap's copy of it went.
    assert stats["depth/request_ignored_count"] > 0
    assert stats.get("budget/depth", 0) == 0
    with sqlite3.connect(tmp_path / "news.db") as conn:
        fetched = {
            url
            for (url,) in conn.execute(
                "SELECT url FROM fetch_state WHERE url LIKE ?", (f"{ORIGIN}/chain/%",)
            )
        }
    assert fetched == {f"{ORIGIN}{page}" for page in ["/chain/", *chain]}
    assert stored_articles(tmp_path / "news.db") == len(ARTICLES)


def test_the_depth_budget_counts_only_links_the_run_requests_no_other_way(monkeypatch):
    crawler = get_crawler(
        Spider, {"DUPEFILTER_CLASS": crawl_settings.DUPEFILTER_CLASS, "DEPTH_LIMIT": 1}
    )
    crawler.spider = spider = crawler._create_spider("news")
    crawler.engine = crawler._create_engine()
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(spider)
    # What DepthBudget asks of the running engine: its scheduler, with the duplicate filter.
    crawler.engine = SimpleNamespace(scheduler=scheduler)
    depth = DepthBudget.from_crawler(crawler)
    crawled, unseen, later = (f"{ORIGIN}{path}" for path in ARTICLES[:3])
    assert scheduler.enqueue_request(Request(crawled))
    page = f"{ORIGIN}/category/news/"
    response = HtmlResponse(page, request=Request(page, meta={"depth": 1}), body=b"<html></html>")
    links = [Request(crawled), Request(unseen), Request(later), Request(unseen)]
    assert list(depth.process_spider_output(response, links)) == []
    stats = crawler.stats.get_stats()
    assert stats["depth/request_ignored_count"] == 4  # Scrapy's count: duplicates too
    assert stats["budget/depth"] == 2  # the crawled page and the repeat are not
    # A sitemap (or a shallower page) requests one of them after all.
    crawler.signals.send_catch_log(signals.request_scheduled, request=Request(later), spider=spider)
    assert crawler.stats.get_value("budget/depth") == 1
    # Past the refusals it holds (a trap's breadth), one counts for good.
    monkeypatch.setattr(budgets, "REFUSALS_HELD", len(depth.refused))
    beyond = f"{ORIGIN}{ARTICLES[3]}"
    assert list(depth.process_spider_output(response, [Request(beyond)])) == []
    crawler.signals.send_catch_log(
        signals.request_scheduled, request=Request(beyond), spider=spider
    )
    assert crawler.stats.get_value("budget/depth") == 2
    scheduler.close("finished")


def test_the_bundled_site_reaches_no_budget(crawled_db):
    reason, stats = run_row(crawled_db)
    assert reason == "finished" and stats["monitor/exit_code"] == EXIT_OK
    (check,) = [c for c in stats["monitor/checks"] if c["name"] == "budgets"]
    assert check["ok"] and check["detail"] == "no budget reached"
    assert not [key for key in stats if key.startswith("budget/")]
    assert budget_failures(crawled_db) == []


# -- a broken site is not an empty one (issue 16, item 10) -----------------------------------


def test_a_site_answering_500_everywhere_exits_4_not_5(tmp_path, crawl, crawled_db):
    db = tmp_path / "news.db"
    with sqlite3.connect(crawled_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)  # the 57 articles of an earlier run

    def broken(path: str, query: dict) -> tuple[int, dict[str, str], bytes]:
        return 500, {"Content-Type": "text/html"}, b"<h1>Internal Server Error</h1>"

    with trap_site({"/": broken}) as base_url:
        done = crawl(db, base_url, "--set", "RETRY_TIMES=0", timeout=120)
    assert done.returncode == EXIT_FAILURES, done.stdout + done.stderr[-2000:]
    assert "57 articles stored by earlier runs: the site is broken, not empty" in done.stdout
    assert run_row(db)[1]["monitor/status"] == "failures"


# -- the pieces ------------------------------------------------------------------------------


def judge(stats: dict) -> tuple[int, dict]:
    code, checks = evaluate(stats, THRESHOLDS, 0.2)
    return code, {check.name: check for check in checks}


FOUND = {
    "monitor/articles": 10,
    **{f"monitor/present/{name}": 10 for name in ("headline", "body", "published_at")},
    "monitor/present/category": 10,
    "monitor/present/source": 10,
    "downloader/response_count": 12,
    "downloader/response_status_count/200": 12,
}


def test_a_run_stopped_by_a_budget_exits_4_and_others_keep_their_codes():
    code, checks = judge({**FOUND, "finish_reason": "closespider_timeout"})
    assert code == EXIT_FAILURES and not checks["budgets"].ok
    assert checks["budgets"].detail.startswith("stopped by the time budget")
    assert judge({**FOUND, "finish_reason": "shutdown"})[0] == EXIT_UNFINISHED
    # A budget reached within a run that then was killed: still unfinished.
    assert judge({**FOUND, "finish_reason": "shutdown", "budget/query_variants": 3})[0] == 1
    code, checks = judge({**FOUND, "finish_reason": "finished", "budget/listing_pages": 2})
    assert code == EXIT_FAILURES
    assert checks["budgets"].detail == (
        "2 listing pages not requested (listing too long; budgets.listing_pages); "
        "a trap on the site, or a site larger than the budget: raise it in the site's "
        "[budgets]; the next run goes on"
    )
    assert judge({**FOUND, "finish_reason": "finished"})[0] == EXIT_OK


def test_each_reached_budget_is_one_line_with_its_value_and_the_verdict_says_what_to_do():
    stats = {
        **FOUND,
        "finish_reason": "closespider_pagecount",
        "response_received_count": 28,
        "budget/repeated_pages": 8,
        "budget/depth": 5,
    }
    values = {"pages": 10.0, "repeated_pages": 3.0, "depth": 2000.0, "seconds": 21600.0}
    code, checks = evaluate(stats, THRESHOLDS, 0.2, budgets=values)
    (budgets,) = [check for check in checks if check.name == "budgets"]
    assert code == EXIT_FAILURES and budgets.value == 3
    assert budgets.detail.split("; ") == [
        "stopped by the page budget (CLOSESPIDER_PAGECOUNT = 10) after 28 responses",
        "5 links not requested (too deep",
        "budgets.depth = 2000)",
        "8 listing pages not requested (pagination trap",
        "budgets.repeated_pages = 3)",
        "a trap on the site, or a site larger than the budget: raise it in the site's [budgets]",
        "the next run goes on",
    ]


def test_nothing_discovered_is_empty_only_when_the_site_answered():
    answered = {
        "finish_reason": "finished",
        "downloader/response_count": 2,
        "downloader/response_status_count/200": 1,
        "downloader/response_status_count/404": 1,
    }
    assert judge(answered)[0] == EXIT_EMPTY
    broken = {
        **answered,
        "downloader/response_status_count/503": 1,
        "incremental/known_articles": 57,
    }
    code, checks = judge({**broken, "downloader/response_count": 3})
    assert code == EXIT_FAILURES
    assert checks["articles_discovered"].detail == (
        "0 stored, 0 known from earlier runs; 1 requests got a server error or no answer, "
        "57 articles stored by earlier runs: the site is broken, not empty"
    )
    unanswered = {"finish_reason": "finished", "failures/download": 4}
    assert judge(unanswered)[0] == EXIT_FAILURES


def test_page_numbers_and_listings():
    assert page_number(f"{ORIGIN}/category/x/page/12/") == 12
    assert page_number(f"{ORIGIN}/?cat=3&paged=7") == 7
    assert page_number(f"{ORIGIN}/wp-json/wp/v2/posts?per_page=100&page=3") == 3
    assert page_number(f"{ORIGIN}/2025/01/02/page-turner/") is None
    assert page_number(f"{ORIGIN}/?paged=٣") is None  # an Arabic digit is no page number
    assert listing_of(f"{ORIGIN}/category/x/page/12/") == f"{ORIGIN}/category/x/"
    assert listing_of(f"{ORIGIN}/?cat=3&paged=7") == f"{ORIGIN}/?cat=3"


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


class Crawler:
    def __init__(self) -> None:
        self.stats = Stats()


def test_query_strings_of_one_path_are_bounded_but_pages_of_a_listing_are_not():
    crawler = Crawler()
    budget = RunBudget(Limits(1000, 1000, 3, 3, 3), crawler)
    allowed = [budget.query_refusal(f"{ORIGIN}/news/?sid={n}")[0] for n in range(5)]
    assert allowed == [False, False, False, True, True]
    assert budget.query_refusal(f"{ORIGIN}/news/?sid=1") == (False, None)  # one seen before
    # ?paged=N pages one listing: listing_pages bounds them, not query_variants.
    assert not any(budget.query_refusal(f"{ORIGIN}/?cat=2&paged={n}")[0] for n in range(50))
    assert crawler.stats.values == {"budget/query_variants": 2}


def test_plain_permalinks_are_resources_not_query_strings_of_the_home_page():
    crawler = Crawler()
    budget = RunBudget(Limits(1000, 1000, 3, 3, 3), crawler)
    # A site on WordPress's plain permalinks links every post as /?p=ID.
    assert not any(budget.query_refusal(f"{ORIGIN}/?p={n}")[0] for n in range(500))
    assert not any(budget.query_refusal(f"{ORIGIN}/?cat={n}")[0] for n in range(50))
    # Query strings varying around one post are still bounded, per post.
    tracked = [budget.query_refusal(f"{ORIGIN}/?p=7&utm_source={n}")[0] for n in range(5)]
    assert tracked == [False, False, True, True, True]  # /?p=7 itself was the first
    assert crawler.stats.values == {"budget/query_variants": 3}


def test_every_budget_a_site_file_may_state_is_a_setting(tmp_path):
    assert set(BUDGETS) == set(SITE_KEYS)
    site = load_site(site_file(tmp_path, extra="[budgets]\npages = 500\nseconds = 90.5\n"))
    assert site.budgets == {"pages": 500, "seconds": 90.5}
    bad = tmp_path / "bad.toml"
    bad.write_text(
        Path(site_file(tmp_path)).read_text()
        + '[budgets]\npages = -1\ndepth = "deep"\nlinks_per_page = 2.5\npagez = 3\n'
    )
    with pytest.raises(SiteFileError) as raised:
        load_site(str(bad))
    lines = raised.value.lines
    assert len(lines) == 4
    assert (
        "budgets.pages: must be a whole number, 0 (no limit) or more (got the number -1)"
        in (lines[0])
    )
    assert "budgets.pagez: unknown key (did you mean pages?)" in lines[3]


def test_budget_settings_are_counts_or_the_crawl_does_not_start():
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("scraper.crawl.settings", priority="project")
    assert Limits.from_settings(settings) == Limits(1000, 1000, 100, 3, 3)
    settings.set("SCRAPER_BUDGET_QUERY_VARIANTS", "5000", priority="cmdline")
    assert Limits.from_settings(settings).query_variants == 5000
    for name, value in (("SCRAPER_BUDGET_LINKS_PER_PAGE", "many"), ("CLOSESPIDER_TIMEOUT", -1)):
        bad = settings.copy()
        bad.set(name, value, priority="cmdline")
        with pytest.raises(ValueError, match=f"{name} must be a count, 0 .no limit. or more"):
            Limits.from_settings(bad)


def test_a_pagination_trap_repeating_on_every_query_variant_is_one_failure_row():
    crawler = Crawler()
    budget = RunBudget(Limits(1000, 1000, 100, 3, 3), crawler)
    listing = f"{ORIGIN}/category/news/"
    reasons = [budget.repeat_refusal(f"{listing}page/4/?sort={n}", 3) for n in range(50)]
    assert all(refused for refused, _ in reasons)
    assert [reason for _, reason in reasons if reason] == [
        f"pagination trap: 3 pages of {listing}?sort=0 in a row listed nothing new (nothing, "
        "or what the page before listed); the next not requested (budget repeated_pages = 3)"
    ]
    assert crawler.stats.values == {"budget/repeated_pages": 50}
    # Another path is another row.
    assert budget.repeat_refusal(f"{ORIGIN}/category/sport/page/4/", 3)[1]
