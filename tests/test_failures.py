"""Every exception in a crawl becomes a failure row, and the crawl goes on (issue 15, item 5).

Under fault injection a listing page with a mangled port in a link raised ValueError in URL
canonicalization: its list items were lost and nothing in the store said so. Such a link is
now dropped (and counted), and an exception anywhere in the crawl's own code (a callback, a
spider or downloader middleware, a pipeline, an errback) is a failure row naming the URL,
the stage and the reason, which the monitor and the report count.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scraper.extract import extract_page, normalize_url
from scraper.extract.metadata import join_url
from scraper.ops.monitor import EXIT_FAILURES, EXIT_OK
from scraper.ops.report import format_run_summary, run_summary
from scraper.testkit.faults import FaultPlan
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth

TRUTH = load_truth()
MANIFEST = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
ORIGIN = MANIFEST["origin"]
PROJECT = Path(__file__).resolve().parent.parent
ARTICLE_PATHS = [urlsplit(a["url"]).path for a in TRUTH["articles"]]
CATEGORY = next(e for e in MANIFEST["responses"] if e["file"] == "pages/category-dawli-1.html")
MISSING = next(e["path"] for e in MANIFEST["responses"] if e["status"] == 404)

# A list item's link with its port out of range, and a followed link whose port is no number.
FIRST_ITEM = f'href="{ORIGIN}/2025/12/15/'
MANGLED_ITEM = f'href="{ORIGIN}:99999/2025/12/15/'
MANGLED_LINK = f'<a rel="bookmark" href="{ORIGIN}:abc/2025/12/15/mangled/">x</a>'


def mangled_listing() -> str:
    html = (BUNDLED_SITE / CATEGORY["file"]).read_text(encoding="utf-8")
    assert html.count(FIRST_ITEM) >= 1
    html = html.replace(FIRST_ITEM, MANGLED_ITEM, 1)
    return html.replace("</body>", MANGLED_LINK + "</body>", 1)


# -- the root cause: a mangled port is no URL, and never raises ------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "http://host.example:99999/x",
        "http://host.example:abc/",
        "https://host.example:-1/x",
        "http://[::1/x",
    ],
)
def test_a_link_with_a_mangled_port_or_host_is_no_url(href):
    assert join_url("https://site.example/category/news/", href) is None
    assert normalize_url(href) is None
    # A port that is a port still joins and canonicalizes.
    assert join_url("https://site.example/", "http://host.example:8080/x") == (
        "http://host.example:8080/x"
    )
    assert normalize_url("http://host.example:8080/x#top") == "http://host.example:8080/x"


def test_a_listing_with_mangled_links_keeps_its_other_items():
    url = ORIGIN + CATEGORY["path"]
    reference = datetime(2025, 12, 15, 9, tzinfo=UTC)
    clean = extract_page((BUNDLED_SITE / CATEGORY["file"]).read_bytes(), url, reference)
    page = extract_page(mangled_listing().encode("utf-8"), url, reference)
    assert page.page_type == "listing" and clean.unreadable_links == 0
    assert page.unreadable_links == 2
    # The mangled item is dropped; every other item and link is kept, each a URL.
    assert len(page.list_items) == len(clean.list_items) - 1
    kept = {(i.url, i.widget) for i in page.list_items}
    assert kept < {(i.url, i.widget) for i in clean.list_items}
    assert set(page.article_links) <= set(clean.article_links)
    for link in page.article_links + page.listing_links + [i.url for i in page.list_items]:
        assert normalize_url(link) is not None


def run(args: list[str], timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def crawl_args(db: Path, base_url: str) -> list[str]:
    return ["crawl", "zox-demo", "--db", str(db), "--base-url", base_url]


def read_run(db: Path) -> tuple[dict, list[tuple[str, str, str]]]:
    with sqlite3.connect(db) as conn:
        run_id, stats = conn.execute(
            "SELECT id, stats FROM crawl_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        failures = conn.execute(
            "SELECT url, stage, reason FROM failures WHERE run_id = ?", (run_id,)
        ).fetchall()
    return json.loads(stats), failures


def stored_articles(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM articles")}


def test_a_crawl_keeps_the_items_of_a_listing_with_mangled_links(tmp_path, crawled_db):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    (site / CATEGORY["file"]).write_text(mangled_listing(), encoding="utf-8")
    db = tmp_path / "news.db"
    with BackgroundServer(site_dir=site) as base_url:
        done = run(["scraper", *crawl_args(db, base_url)])
    assert done.returncode == EXIT_OK, done.stdout + done.stderr[-3000:]
    stats, failures = read_run(db)
    page = normalize_url(ORIGIN + CATEGORY["path"])
    assert [f for f in failures if f[0] == page] == []
    assert stats["links/unreadable"] == 2
    assert stored_articles(db) == stored_articles(crawled_db)
    # The listing's sightings are all there but the mangled one.
    query = "SELECT item_url, widget FROM list_item_sightings WHERE page_url = ?"
    with sqlite3.connect(db) as conn:
        kept = set(conn.execute(query, (page,)).fetchall())
    with sqlite3.connect(crawled_db) as conn:
        clean = set(conn.execute(query, (page,)).fetchall())
    assert kept < clean and len(clean - kept) == 1


# -- an exception in each stage of the crawl ----------------------------------------------------

# Where each exception is injected (scraper.testkit.crashes), on which page, and the failure
# row it must leave: (target, path, stage).
TRUNCATED = ARTICLE_PATHS[8]
CRASHES = {
    "callback": ("spiders.news:NewsSpider._fetch_record", ARTICLE_PATHS[0], "callback:parse"),
    "spider-middleware output": (
        "scraper.crawl.budgets:DepthBudget.process_spider_output_async",
        ARTICLE_PATHS[1],
        "spider-middleware:DepthBudget",
    ),
    "spider-middleware input": (
        "scrapy.spidermiddlewares.httperror:HttpErrorMiddleware.process_spider_input",
        ARTICLE_PATHS[2],
        "spider-middleware:HttpErrorMiddleware",
    ),
    "downloader-middleware response": (
        "scraper.crawl.guard:RedirectGuard.process_response",
        ARTICLE_PATHS[3],
        "downloader-middleware:RedirectGuard",
    ),
    "downloader-middleware request": (
        "scraper.crawl.guard:PrivateAddressGuard.process_request",
        ARTICLE_PATHS[4],
        "downloader-middleware:PrivateAddressGuard",
    ),
    "pipeline": (
        "pipelines.validate:ValidatePipeline.process_item",
        ARTICLE_PATHS[5],
        "pipeline:validate",
    ),
    # The store's writer, which rejects the article: the store pipeline records it.
    "store": ("scraper.store.writer:Store._write_article", ARTICLE_PATHS[6], "pipeline:store"),
    # The errback, on an HTTP error (through the spider middlewares) ...
    "errback on a 404": ("spiders.news:NewsSpider.failed", MISSING, "errback:failed"),
    # ... and on a download error (Scrapy's spider_error signal).
    "errback on a download error": ("spiders.news:NewsSpider.failed", TRUNCATED, "errback:failed"),
}


class CrashedCrawl:
    def __init__(self, done: subprocess.CompletedProcess, db: Path) -> None:
        self.done, self.db = done, db
        self.stats, self.failures = read_run(db)
        self.report = format_run_summary(run_summary(db))

    def rows(self, path: str) -> list[tuple[str, str]]:
        """(stage, reason) of the failure rows of the page at `path`."""
        return [
            (stage, reason)
            for url, stage, reason in self.failures
            if unquote(urlsplit(url).path).lower() == unquote(path).lower()
        ]


@pytest.fixture(scope="module")
def crashed(tmp_path_factory) -> CrashedCrawl:
    db = tmp_path_factory.mktemp("crashes") / "news.db"
    targets = []
    for target, path, _ in CRASHES.values():
        targets.append(f"{target}={path}")
    # One article's body is cut short on every attempt: a download error for its errback.
    plan = FaultPlan(
        1, rate=1.0, kinds=("truncated",), eligible=lambda path, *_: path == TRUNCATED.lower()
    )
    with BackgroundServer(faults=plan) as base_url:
        done = run(["scraper.testkit.crashes", *targets, "--", *crawl_args(db, base_url)])
    return CrashedCrawl(done, db)


@pytest.mark.parametrize("name", list(CRASHES))
def test_an_exception_in_each_stage_is_a_failure_row(crashed, name):
    target, path, stage = CRASHES[name]
    rows = crashed.rows(path)
    reason = f"InjectedCrash: injected into {target} for {path}"
    assert any(row[0] == stage and row[1].startswith(reason) for row in rows), (
        rows,
        crashed.done.stderr[-3000:],
    )
    # The report names it, by stage and reason.
    assert f"{stage}: {reason}" in crashed.report


def test_a_pipeline_exception_says_which_item_was_lost(crashed):
    # The page's fetch state, list items and article are one item, lost together.
    _, path, stage = CRASHES["pipeline"]
    lost = sorted(reason.rsplit("(", 1)[1] for row_stage, reason in crashed.rows(path))
    assert lost == ["PageRecords lost)"]
    assert all(row_stage == stage for row_stage, _ in crashed.rows(path))
    # The writer rejected the article: the whole page is lost, none of it half stored.
    _, path, stage = CRASHES["store"]
    assert [reason[-18:] for _, reason in crashed.rows(path)] == ["(PageRecords lost)"]


def test_the_crawl_goes_on_and_stores_every_other_page(crashed):
    assert crashed.stats["finish_reason"] == "finished"
    lost = {normalize_url(ORIGIN + path) for _, path, _ in CRASHES.values()}
    expected = {normalize_url(a["url"]) for a in TRUTH["articles"]} - lost
    assert stored_articles(crashed.db) == expected
    assert len(expected) == len(TRUTH["articles"]) - 8
    # A page whose callback raised, or whose article the writer rejected, is not half
    # stored: no list items and no fetch state, so the next run fetches it again.
    with sqlite3.connect(crashed.db) as conn:
        for name in ("callback", "store"):
            url = normalize_url(ORIGIN + CRASHES[name][1])
            kept = conn.execute(
                "SELECT (SELECT count(*) FROM list_item_sightings WHERE page_url = ?), "
                "(SELECT count(*) FROM fetch_state WHERE url = ?)",
                (url, url),
            ).fetchone()
            assert kept == (0, 0), name
        # Every other article page is stored whole: with its list items and fetch state.
        some = normalize_url(ORIGIN + ARTICLE_PATHS[-1])
        assert conn.execute(
            "SELECT (SELECT count(*) FROM list_item_sightings WHERE page_url = ?) > 0, "
            "(SELECT count(*) FROM fetch_state WHERE url = ?)",
            (some, some),
        ).fetchone() == (1, 1)


def test_the_stats_and_the_monitor_count_them(crashed):
    counted = {
        key.removeprefix("failures/"): value
        for key, value in crashed.stats.items()
        if key.startswith("failures/")
    }
    by_stage: dict[str, int] = {}
    for _, stage, _ in crashed.failures:
        by_stage[stage] = by_stage.get(stage, 0) + 1
    assert counted == by_stage
    assert crashed.stats["store/failures"] == len(crashed.failures)
    assert crashed.stats["store/errors"] == 1  # the article the writer rejected
    assert "Unhandled error" not in crashed.done.stderr
    # Nine rows, all from the crawl's own code: the pipeline lost its page (one item), and
    # the errbacks that raised wrote no row of their own for the 404 and the cut body.
    assert len(crashed.failures) == 9
    (check,) = [c for c in crashed.stats["monitor/checks"] if c["name"] == "exceptions"]
    assert (check["value"], check["threshold"], check["ok"]) == (9.0, 0.0, False)
    # The page the writer rejected fails the store's own check too.
    (check,) = [c for c in crashed.stats["monitor/checks"] if c["name"] == "store_errors"]
    assert (check["value"], check["ok"]) == (1.0, False)
    assert crashed.done.returncode == EXIT_FAILURES, crashed.done.stdout
    assert "monitor: failures: exceptions 9 (at most 0;" in crashed.done.stdout
    assert "FAIL exceptions: 9 (threshold 0)" in crashed.report
