"""The hostile server serves each scenario of issue 16 (checked over HTTP, as a crawler
meets it), and the short version of `make hostile-test`: the scenarios a crawl already
survives, and the full disk, crawled end to end and checked against the reference crawl."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scraper.extract import extract_page
from scraper.extract.profiles import get_profile
from scraper.extract.query import compile_css, parse_html
from scraper.testkit.hostile import (
    API_CLAIMED_PAGES,
    FLOOD_LINKS,
    HOSTILE_DATES,
    LYING_CHARSETS,
    NESTING_DEPTH,
    ROBOTS_SIZE,
    SCENARIOS,
    SERVER_SCENARIOS,
    HostileServing,
    Outcome,
)
from scraper.testkit.hostile_run import compare, crawl, run_scenario, snapshot
from scraper.testkit.server import BackgroundServer, ReplaySite

HOST = "www.akhbar-turkiya.example"
ORIGIN = f"https://{HOST}"
CATEGORY = "/category/%d8%af%d9%88%d9%84%d9%8a/"
REFERENCE = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def serve():
    """`serve(scenario)` -> (get, serving): `get(path)` asks the hostile server as a crawl of
    the site does (its own Host header), returning (status, headers, body)."""
    running = []

    def start(scenario: str):
        serving = HostileServing(scenario)
        server = BackgroundServer(hostile=serving)
        server.__enter__()
        running.append(server)
        host, port = server.server.server_address[:2]

        def get(path: str) -> tuple[int, dict[str, str], bytes]:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            try:
                conn.request("GET", path, headers={"Host": HOST})
                response = conn.getresponse()
                headers = {k.lower(): v for k, v in response.getheaders()}
                return response.status, headers, response.read()
            finally:
                conn.close()

        return get, serving

    yield start
    for server in running:
        server.__exit__(None, None, None)


def test_every_scenario_has_one_documented_expectation():
    assert set(SERVER_SCENARIOS) | {"full-disk"} == set(SCENARIOS)
    for scenario in SCENARIOS.values():
        assert scenario.expected_exit in (0, 4), scenario.name
        assert scenario.start in ("fresh", "reference")
        assert scenario.compare in ("complete", "text", "stored")
    with pytest.raises(ValueError, match="unknown hostile scenario"):
        HostileServing("full-disk")


def test_sitemap_index_links_to_itself_with_a_fresh_query_each_time(serve):
    get, serving = serve("sitemap-self-loop")
    seen = []
    path = "/sitemap_index.xml"
    for _ in range(3):
        status, _headers, body = get(path)
        assert status == 200 and b"post-sitemap.xml" in body
        (loop,) = re.findall(rb"<loc>([^<]*sitemap_index\.xml\?[^<]*)</loc>", body)
        seen.append(loop)
        path = loop.decode().removeprefix(ORIGIN)
    assert len(set(seen)) == 3 and serving.served["sitemap-self-loop"] == 3


@pytest.mark.parametrize(
    ("scenario", "path", "follow"),
    [
        ("query-listings", CATEGORY, r"\?sort=(\d+)"),
        ("endless-pagination", CATEGORY + "page/57/", r"/page/(\d+)/$"),
    ],
)
def test_listing_traps_answer_every_step_and_the_crawler_sees_the_next_one(
    serve, scenario, path, follow
):
    get, _serving = serve(scenario)
    numbers = []
    for _ in range(3):
        status, _headers, body = get(path)
        assert status == 200
        page = extract_page(body, ORIGIN + path, REFERENCE, site="zox-demo", profile="zox")
        assert page.list_items  # a real listing, whose items the crawler keeps
        nexts = [u for u in page.listing_links if re.search(follow, u)]
        assert nexts, page.listing_links
        numbers.append(int(re.search(follow, nexts[0]).group(1)))
        path = nexts[0].removeprefix(ORIGIN)
    assert numbers == sorted(set(numbers))  # ever new


def test_the_api_claims_a_billion_pages_and_every_page_answers(serve):
    get, _serving = serve("api-billion-pages")
    for page in (1, 2, 123_456_789):
        status, headers, body = get(f"/wp-json/wp/v2/posts?per_page=100&page={page}")
        assert status == 200 and headers["x-wp-totalpages"] == API_CLAIMED_PAGES
        assert len(json.loads(body)) == 57


def test_wp_totalpages_garbage_is_no_page_count(serve):
    get, _serving = serve("wp-totalpages-garbage")
    status, headers, body = get("/wp-json/wp/v2/posts?per_page=100&page=1")
    assert status == 200 and len(json.loads(body)) == 57
    assert not re.fullmatch(r"[0-9]{1,9}", headers["x-wp-totalpages"])


def test_link_flood_puts_fifty_thousand_article_links_on_the_home_page(serve):
    get, _serving = serve("link-flood")
    status, _headers, body = get("/")
    # The links the crawler follows from a page: the profile's article-link selector (the
    # whole extraction of this page takes seconds; the selector is what matters here).
    selector = compile_css(get_profile("zox", REFERENCE).page_article_links)
    hrefs = selector(parse_html(body.decode("utf-8")).root)
    flood = [u for u in hrefs if "/flood-" in u]
    assert status == 200 and len(set(flood)) == FLOOD_LINKS
    status, _headers, _body = get("/2025/12/15/flood-7/")
    assert status == 404


@pytest.mark.parametrize("scenario", ["date-9999", "date-0001"])
def test_every_response_carries_the_hostile_date(serve, scenario):
    get, _serving = serve(scenario)
    for path in ("/", "/robots.txt", "/feed/", CATEGORY):
        assert get(path)[1]["date"] == HOSTILE_DATES[scenario]


def test_lying_charsets_name_four_codecs_over_utf8_bytes_that_say_so(serve):
    get, _serving = serve("lying-charset")
    site = ReplaySite()
    named = set()
    html = [k for k, e in site.entries.items() if "html" in e["headers"]["Content-Type"]]
    for path in html:
        status, headers, body = get(path)
        charset = headers["content-type"].split("charset=")[1]
        assert charset in LYING_CHARSETS
        body.decode("utf-8")  # the bytes are UTF-8 all the same
        assert re.search(rb"<meta charset=.UTF-8", body, re.IGNORECASE) or status != 200
        named.add(charset)
    assert named == set(LYING_CHARSETS)
    # A conditional re-fetch meets the lie too.
    assert get(html[1])[0] == 200


def test_nesting_bomb_is_an_article_url_of_a_hundred_thousand_nested_divs(serve):
    get, _serving = serve("nesting-bomb")
    site = ReplaySite()
    bombed = [k for k in site.entries if re.match(SCENARIOS["nesting-bomb"].touched, k)]
    assert len(bombed) == 1
    status, _headers, body = get(bombed[0])
    assert status == 200 and 1_000_000 < len(body) < 1_300_000
    assert body.count(b"<div>") == NESTING_DEPTH
    assert get(CATEGORY)[2] == site.lookup(CATEGORY, None).body  # the rest as recorded


def test_robots_txt_is_16_mib_and_allows_the_site(serve):
    get, _serving = serve("robots-16mib")
    status, _headers, body = get("/robots.txt")
    assert status == 200 and len(body) == ROBOTS_SIZE
    assert body.startswith(ReplaySite().lookup("/robots.txt", None).body.rstrip(b"\n"))
    assert not re.search(rb"Disallow: /(?:category|20\d\d)", body)


def test_retry_after_superscript_once_then_the_page(serve):
    get, serving = serve("retry-after-superscript")
    site = ReplaySite()
    first = {}
    for path, entry in site.entries.items():
        if entry.get("status", 200) == 200 and "html" in entry["headers"]["Content-Type"]:
            first[path] = get(path)
    refused = [p for p, (status, _h, _b) in first.items() if status == 503]
    assert 3 <= len(refused) <= len(first) // 4
    for path in refused:
        assert first[path][1]["retry-after"].encode("latin-1") == "\u00b2".encode("latin-1")
        assert get(path)[0] == 200
    assert serving.served["retry-after-superscript"] == len(refused)


def test_http_500_everywhere(serve):
    get, _serving = serve("http-500-everywhere")
    for path in ("/", "/robots.txt", "/sitemap_index.xml", CATEGORY, "/wp-json/wp/v2/posts"):
        assert get(path)[0] == 500


# -- the runner ------------------------------------------------------------------------------


def test_budget_evidence_needs_a_named_budget(tmp_path):
    check = SCENARIOS["endless-pagination"].evidence
    bare = Outcome(4, {"finish_reason": "finished"}, [("u", "http", "HTTP 404")], "", tmp_path)
    assert check(bare) is not None
    named = Outcome(4, {"finish_reason": "finished", "budget/pages": 1}, [], "", tmp_path)
    assert check(named) is None


def test_compare_names_what_was_lost_or_changed_outside_the_touched_urls(crawled_db, tmp_path):
    db = tmp_path / "news.db"
    shutil.copy(crawled_db, db)
    with sqlite3.connect(db) as conn:
        lost, changed = [r[0] for r in conn.execute("SELECT url FROM articles LIMIT 2")]
        conn.execute("DELETE FROM articles WHERE url = ?", (lost,))
        conn.execute("UPDATE articles SET content_hash = 'x' WHERE url = ?", (changed,))
        page = conn.execute("SELECT page_url FROM list_item_sightings LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM list_item_sightings WHERE page_url = ?", (page,))
    scenario = SCENARIOS["date-9999"]
    problems = compare(replace(scenario, compare="complete"), snapshot(crawled_db), snapshot(db))
    assert [p.split(":")[0] for p in problems] == [
        "1 articles lost",
        "1 articles changed",
        "1 pages whose sightings differ",
    ]
    touched = replace(scenario, compare="complete", touched=r".")
    assert compare(touched, snapshot(crawled_db), snapshot(db)) == []
    # A run cut short (the full disk) may store less, but nothing else.
    stored = compare(SCENARIOS["full-disk"], snapshot(crawled_db), snapshot(db))
    assert [p.split(":")[0] for p in stored] == ["1 articles changed"]


def test_a_crawl_past_its_deadline_is_killed_and_reported(replay_server, tmp_path):
    # Starting Python and Scrapy alone takes longer than this deadline.
    done = crawl(tmp_path / "news.db", replay_server, deadline=0.5, logs=tmp_path)
    assert done.exit_code is None
    with pytest.raises(ProcessLookupError):
        os.killpg(done.pid, 0)  # the whole process group is gone
    result = run_scenario(
        replace(SCENARIOS["endless-pagination"], deadline=0.5), tmp_path / "none.db", tmp_path
    )
    assert not result.ok and result.exit_code is None
    assert result.problems[0].startswith("did not end within 0 s (killed;")
    assert "FAIL: did not end within" in result.line()


@pytest.mark.parametrize(
    "name",
    # One of the two Date scenarios: they differ in the year only (make hostile-test runs both).
    ["date-9999", "retry-after-superscript", "wp-totalpages-garbage", "full-disk"],
)
def test_short_hostile_run(name, crawled_db, tmp_path):
    result = run_scenario(SCENARIOS[name], crawled_db, tmp_path)
    assert result.ok, result.line()
    assert result.exit_code == SCENARIOS[name].expected_exit
