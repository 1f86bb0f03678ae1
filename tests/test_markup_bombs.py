"""Pathological markup is bounded (issue 16, item 6).

lexbor's parse time grows with the square of the nesting depth: a 1.1 MB page of 100,000
nested divs held the crawl's thread for 65 s. Pages nested deeper than MAX_NESTING are
refused before any parser, recorded as failures, and the crawl goes on.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.discover import api_posts
from scraper.extract import extract_page, normalize_url
from scraper.extract.decode import decode_html
from scraper.extract.nesting import (
    LEXBOR_SAFE_TAGS,
    MAX_NESTING,
    TOO_DEEP_TO_READ,
    nesting_depth,
    start_tags,
    too_deep,
)
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = datetime(2025, 12, 15, 9, tzinfo=UTC)
TRUTH = load_truth()


def bomb(levels: int = 100_000, opening: str = "<div>", closing: str = "</div>") -> str:
    return (
        '<!DOCTYPE html><html lang="ar"><head><meta charset="UTF-8"><title>قنبلة</title>'
        "</head><body>" + opening * levels + "نص" + closing * levels + "</body></html>"
    )


def test_every_fixture_and_bundled_page_nests_far_below_the_limit():
    pages = [*sorted(FIXTURES.glob("*/*.html")), *sorted(BUNDLED_SITE.glob("pages/*.html"))]
    real = sorted(FIXTURES.glob("real/*/*.html.gz"))
    assert len(pages) > 100 and len(real) > 50
    deepest = {}
    for path in pages + real:
        body = path.read_bytes()
        text = decode_html(gzip.decompress(body) if path.suffix == ".gz" else body)[0]
        deepest[path.name] = nesting_depth(text)
        assert too_deep(text) is None, path
    assert max(deepest[p.name] for p in pages) < 60  # the themes: 21 at most
    assert max(deepest.values()) < MAX_NESTING / 3


def test_the_bomb_is_refused_before_any_parser_in_milliseconds():
    html = bomb()
    assert len(html.encode()) > 1_100_000
    start = time.perf_counter()
    page = extract_page(html.encode(), "https://example.com/bomb/", REFERENCE, profile="auto")
    elapsed = time.perf_counter() - start
    assert page.refused and page.article is None and page.page_type == "other"
    assert page.reason == "nesting deeper than 1,000 elements: not parsed (a markup bomb)"
    assert elapsed < 2.0  # 0.02 s measured; lexbor alone took 65 s on this page
    # The generic path (lxml, trafilatura) is behind the same check.
    assert extract_page(html, "https://example.com/bomb/", REFERENCE, profile="generic").refused


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<div>", ""),  # never closed
        ("<DIV class='x'>", "</DIV>"),  # upper case, attributes
        ("<div/>", ""),  # "/>" closes nothing in HTML: a div opens
        ("<span><div></span>", ""),  # the stray </span> cannot close across the div
        ("<my-widget>", "</other>"),  # custom elements, stray end tags
        ("<svg><g>", ""),  # foreign content nests too
        ("<section><b>", "</section>"),
    ],
)
def test_bombs_in_other_shapes_are_refused(opening, closing):
    html = bomb(20_000, opening, closing)
    assert too_deep(html) is not None
    assert extract_page(html, "https://example.com/bomb/", REFERENCE).refused


@pytest.mark.parametrize(
    "body",
    [
        "<p>فقرة" * 50_000,  # each <p> closes the one before
        "<li>بند" * 50_000,
        "<br><img src=x.png><input>" * 20_000,  # void elements
        "<div></div>" * 50_000,  # wide, not deep
        "</div>" * 50_000,  # stray end tags
        "<svg>" + '<path d="M0 0"/>' * 50_000 + "</svg>",  # self-closed in SVG
        "<table>" + "<tr><td>خلية" * 30_000 + "</table>",
    ],
    ids=["p", "li", "void", "wide", "stray-ends", "svg-paths", "table"],
)
def test_big_flat_pages_are_not_refused(body):
    html = f"<html><body>{body}</body></html>"
    assert html.count("<") > MAX_NESTING
    assert too_deep(html) is None
    assert not extract_page(html, "https://example.com/flat/", REFERENCE).refused


@pytest.mark.parametrize(
    ("opening", "child"), [("<SVG viewBox='0 0 9 9'>", "<Path d='M0 0'/>"), ("<Math>", "<mi/>")]
)
def test_foreign_content_is_found_whatever_its_case(opening, child):
    """The scan reads "<x/>" as closing itself only after an svg or math start tag, however
    spelled: a page of self-closed paths in an upper-case SVG is flat."""
    closing = "</" + opening[1:].split()[0].rstrip(">") + ">"
    html = f"<html><body><div>{opening}{child * 5_000}{closing}</div></body></html>"
    assert nesting_depth(html) == 2
    assert too_deep(html) is None
    # Without the svg (or math) around them, the same tags open elements.
    assert too_deep(html.replace(opening, "<span>")) is not None


def test_an_svg_anywhere_on_a_page_leaves_its_depth_as_it_was():
    """Pages with and without foreign content take two ways through the scan; both count
    the bundled pages alike."""
    for path in sorted(BUNDLED_SITE.glob("pages/*.html"))[:20]:
        text = path.read_text(encoding="utf-8")
        depth = nesting_depth(text)
        assert 4 < depth < 60
        assert nesting_depth(text + "<svg><path/></svg>") == depth
        with_icon = text.replace("</body>", '<svg width="9"><g><path d="M0"/></g></svg></body>')
        assert nesting_depth(with_icon) == depth


def test_the_scan_stays_linear_on_tags_left_open():
    """A regular expression that may backtrack over a "<" left unclosed turns quadratic."""
    for html in ("<a" * 500_000, "<div " + "x" * 1_000_000, ("<div " + "y" * 5_000 + "<") * 200):
        start = time.perf_counter()
        nesting_depth(html)
        assert time.perf_counter() - start < 1.0


def _serve(site: Path, file: str, body: bytes, drop: tuple[str, ...] = ()) -> None:
    (site / file).write_bytes(body)
    manifest_path = site / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["responses"]:
        if entry.get("file") == file:
            for name in drop:
                entry["headers"].pop(name, None)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_a_bomb_in_a_crawl_is_a_failure_row_and_the_crawl_goes_on(tmp_path, crawl):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    bombed = next(a for a in TRUTH["articles"] if not a["is_sample"])
    _serve(site, bombed["file"], bomb().encode())
    db = tmp_path / "news.db"
    with BackgroundServer(site) as base_url:
        start = time.monotonic()
        first = crawl(db, base_url, timeout=120)
        elapsed = time.monotonic() - start
        assert first.returncode == 0, first.stderr[-3000:]
        assert elapsed < 60  # a whole crawl takes 6 s; lexbor alone took 65 s on the bomb
        with sqlite3.connect(db) as conn:
            stored = {url for (url,) in conn.execute("SELECT url FROM articles")}
            failures = {
                (normalize_url(url), stage, reason)
                for url, stage, reason in conn.execute("SELECT url, stage, reason FROM failures")
            }
        expected = {normalize_url(a["url"]) for a in TRUTH["articles"]}
        assert stored == expected - {normalize_url(bombed["url"])}
        assert (
            normalize_url(bombed["url"]),
            "extract",
            "nesting deeper than 1,000 elements: not parsed (a markup bomb)",
        ) in failures

    # A stored article that turns into a bomb on a re-fetch (a link that promised nothing:
    # the page is known) is a failure too, and the stored row stays.
    _serve(site, sample["file"], bomb().encode(), drop=("ETag", "Last-Modified"))
    with BackgroundServer(site) as base_url:
        second = crawl(db, base_url, "--recent-days", "100000", timeout=120)
    assert second.returncode == 0, second.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        run_id = conn.execute("SELECT max(id) FROM crawl_runs").fetchone()[0]
        failures = {
            (normalize_url(url), reason)
            for url, reason in conn.execute(
                "SELECT url, reason FROM failures WHERE run_id = ? AND stage = 'extract'",
                (run_id,),
            )
        }
        headline = conn.execute(
            "SELECT headline FROM articles WHERE url = ?", (normalize_url(sample["url"]),)
        ).fetchone()
    assert (
        normalize_url(sample["url"]),
        "nesting deeper than 1,000 elements: not parsed (a markup bomb)",
    ) in failures
    assert headline == (sample["headline"],)


def test_check_site_on_a_bomb_answers_at_once(tmp_path):
    """`scraper check-site` reads a site's first page twice (extraction, theme detection):
    neither parses a bomb."""
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    _serve(site, "pages/home.html", bomb().encode())
    config = (Path(__file__).parent.parent / "scraper" / "sites" / "zox-demo.toml").read_text(
        encoding="utf-8"
    )
    with BackgroundServer(site) as base_url:
        site_file = tmp_path / "bombed.toml"
        site_file.write_text(
            config.replace('replay = "http://127.0.0.1:8765"', f'replay = "{base_url}"'),
            encoding="utf-8",
        )
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "scraper", "check-site", str(site_file)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2] == (
        "page type: other (nesting deeper than 1,000 elements: not parsed (a markup bomb))"
    )
    assert elapsed < 20  # lexbor alone takes about a minute on this page


# JSON nested deeper than Python's parser goes raises RecursionError, not ValueError.
JSON_BOMB = "[" * 200_000 + "]" * 200_000


JSON_LD_BOMB = f'<script type="application/ld+json">{JSON_BOMB}</script>'
NEXT_DATA_BOMB = (
    f'<script id="__NEXT_DATA__" type="application/json">{{"props": {JSON_BOMB}}}</script>'
)
FLIGHT_BOMB = (
    '<script src="/_next/static/chunks/main-app.js" async></script>'
    f'<script>self.__next_f.push([1,"5:{JSON_BOMB}\\n"])</script>'
)


# A theme page reads its JSON-LD; a page's data only the generic path reads.
@pytest.mark.parametrize(
    ("script", "profile"),
    [
        (JSON_LD_BOMB, "zox"),
        (JSON_LD_BOMB, "generic"),
        (NEXT_DATA_BOMB, "generic"),
        (FLIGHT_BOMB, "generic"),
    ],
    ids=["json-ld-zox", "json-ld-generic", "next-data", "flight-data"],
)
def test_a_json_bomb_in_a_page_s_scripts_is_skipped_and_the_article_kept(script, profile):
    article = TRUTH["articles"][0]
    html = (BUNDLED_SITE / article["file"]).read_text(encoding="utf-8")
    bombed = html.replace("</head>", script + "</head>", 1)
    assert len(bombed) > len(html) + 400_000

    page = extract_page(bombed.encode(), article["url"], REFERENCE, profile=profile)

    assert page.article is not None and page.article.headline == article["headline"]
    assert page.article.body.startswith(article["paragraphs"][0][:40])


def test_a_json_bomb_from_the_rest_api_is_a_value_error_the_spider_records():
    with pytest.raises(ValueError, match="nested deeper"):
        api_posts(JSON_BOMB.encode(), "https://www.example.com/wp-json/wp/v2/posts", REFERENCE)


def _bundled_article_with(nest: str) -> tuple[str, str]:
    """A bundled Zox article page with `nest` inside its story, after its first paragraph."""
    article = TRUTH["articles"][0]
    html = (BUNDLED_SITE / article["file"]).read_text(encoding="utf-8")
    marker = '<div id="mvp-content-main"'
    start = html.index(">", html.index(marker)) + 1
    return html[:start] + "<p>" + "نص الخبر " * 40 + "</p>" + nest + html[start:], article["url"]


def test_lexbor_alone_reads_a_page_of_few_start_tags_however_they_nest():
    """A page of at most LEXBOR_SAFE_TAGS start tags cannot nest deep enough to stall
    lexbor, so a theme reads it unscanned; the generic path, which hands it to lxml and
    trafilatura, still refuses it."""
    html, url = _bundled_article_with("<div>" * 1_200 + "</div>" * 1_200)
    assert nesting_depth(html) > MAX_NESTING and start_tags(html) <= LEXBOR_SAFE_TAGS
    themed = extract_page(html, url, REFERENCE, profile="zox")
    assert not themed.refused and themed.article is not None
    assert themed.article.body.startswith("نص الخبر")
    generic = extract_page(html, url, REFERENCE, profile="generic")
    assert generic.refused and generic.reason.startswith("nesting deeper than 1,000 elements")
    # Past the count where lexbor's parse could take long, the scan runs first, as before.
    bigger = html.replace("</body>", "<i></i>" * LEXBOR_SAFE_TAGS + "</body>")
    assert extract_page(bigger, url, REFERENCE, profile="zox").refused


def test_nested_lists_within_the_limit_get_a_reason_not_a_recursion_error():
    """480 nested lists count about 500 (an `li` is not counted: the next one ends it) but
    take trafilatura's list reader past Python's recursion limit. The generic path records
    why it read nothing; a theme keeps its own reading of the page, without trafilatura's
    second look at a short body."""
    html, url = _bundled_article_with("<ul><li>بند" * 480 + "</li></ul>" * 480)
    assert nesting_depth(html) < MAX_NESTING
    generic = extract_page(html, url, REFERENCE, profile="generic")
    assert generic.refused and generic.article is None
    assert generic.reason == TOO_DEEP_TO_READ
    themed = extract_page(html, url, REFERENCE, profile="zox")
    assert not themed.refused and themed.article.headline
    assert themed.article.body.startswith("نص الخبر")
