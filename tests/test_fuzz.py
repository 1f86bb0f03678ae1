"""Fuzz tests: extraction and the time layer never let an exception escape.

Inputs are real fixture pages mutated at random (cuts, byte flips, deleted and duplicated
slices, tag soup, wrong encodings), random bytes and text as whole pages, adversarial date
and source-line strings, and XML/JSON-ish bodies for the feed, sitemap and API readers.

The example counts are small and derandomized so CI is quick and repeatable; set
FUZZ_EXAMPLES (e.g. FUZZ_EXAMPLES=2000) to hunt locally with a larger, random budget:

    FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from scraper import time as dates
from scraper.discover import api_posts, feed_items, read_sitemap
from scraper.extract import PageExtraction, extract_page
from scraper.extract.source_line import (
    SourceLine,
    parse_source_line,
    source_box,
    split_source_line,
)
from scraper.store.search import QueryError, fts_query
from scraper.testkit.server import BUNDLED_SITE
from scraper.text import clean_text, normalize_for_search
from scraper.time import (
    TimeReading,
    http_date,
    read_absolute,
    read_machine,
    read_relative,
    read_time,
    reconcile,
)

FIXTURES = Path(__file__).parent / "fixtures"
PROFILES = ("zox", "jnews", "newspaper", "jannah", "jarida")
# Folders of pages with the profile that reads them, the bundled (zox) site's first.
PAGE_PROFILES = {BUNDLED_SITE / "pages": "zox"}
PAGE_PROFILES.update({FIXTURES / f"{p}-demo": p for p in PROFILES})
TIMEZONES = ("UTC", "Asia/Riyadh", "Africa/Cairo", "Asia/Kolkata", "Pacific/Kiritimati")
REFERENCE = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)

# ---------------------------------------------------------------------------
# Budget: FUZZ_EXAMPLES scales every test; unset = the small deterministic CI run.
# ---------------------------------------------------------------------------

_BUDGET = os.environ.get("FUZZ_EXAMPLES")
SCALE = int(_BUDGET) / 100 if _BUDGET else 1.0


def budget(ci_examples: int) -> settings:
    return settings(
        max_examples=max(1, int(ci_examples * SCALE)),
        deadline=None,
        derandomize=not _BUDGET,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


@pytest.fixture(autouse=True, scope="module")
def strict_dates():
    """Internal errors in the date parser raise instead of becoming reason
    "internal-error", so the fuzzer sees them."""
    saved = dates.STRICT
    dates.STRICT = True
    yield
    dates.STRICT = saved


class Mutated(tuple):
    """(profile, body) with a short repr: hypothesis prints failing examples."""

    def __repr__(self) -> str:
        profile, body = self
        return f"Mutated(profile={profile!r}, {len(body)} bytes, sha1={_sha1(body)})"


def _sha1(body: bytes) -> str:
    import hashlib

    return hashlib.sha1(body).hexdigest()[:12]


def _pages() -> list[tuple[str, bytes]]:
    out = []
    for folder, profile in PAGE_PROFILES.items():
        for path in sorted(folder.glob("*.html")):
            out.append(Mutated((profile, path.read_bytes())))
    return out


PAGES = _pages()

# ---------------------------------------------------------------------------
# Well-formedness checks
# ---------------------------------------------------------------------------

_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    assert isinstance(value, str) and _ISO.fullmatch(value), value
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


def _check_window(earliest: str | None, value: str | None, latest: str | None) -> None:
    lo, mid, hi = _moment(earliest), _moment(value), _moment(latest)
    if lo is not None and hi is not None:
        assert lo <= hi, (earliest, latest)
    if mid is not None:
        assert lo is None or lo <= mid, (earliest, value)
        assert hi is None or mid <= hi, (value, latest)


def _check_sightings(items) -> None:
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item.url, str) and item.url
        _check_window(item.earliest, item.published_at, item.latest)
        if item.widget != "sitemap" and item.published_at is None:
            assert item.reason, item


def _check_page(result: PageExtraction) -> None:
    assert isinstance(result, PageExtraction)
    assert isinstance(result.url, str)
    assert result.page_type in ("article", "listing", "other")
    assert (result.article is None) == (result.page_type != "article")
    if result.article is None:
        assert result.reason
    else:
        article = result.article
        assert isinstance(article.url, str)
        _check_window(article.published_earliest, article.published_at, article.published_latest)
        _moment(article.modified_at)
        assert article.body is None or isinstance(article.body, str)
    _check_sightings(result.list_items)
    assert all(isinstance(u, str) for u in result.article_links + result.listing_links)


def _check_reading(reading: TimeReading) -> None:
    assert isinstance(reading, TimeReading)
    assert reading.kind in ("relative", "absolute", "none")
    if reading.kind == "none":
        assert reading.reason
        assert reading.value is None
        return
    assert reading.value is not None and reading.value.tzinfo is not None
    lo, hi = reading.earliest, reading.latest
    assert lo is None or lo <= reading.value, reading
    assert hi is None or reading.value <= hi, reading


# ---------------------------------------------------------------------------
# (1) Mutated fixture pages
# ---------------------------------------------------------------------------

_SOUP = [
    b"<article>",
    b"<article><article><div class='entry-content'><p>",
    b"</div></div></article>",
    b"<div class='zox-post-body'>" * 40,
    b"<a href='" + b"x" * 20000 + b"'>",
    b"<a href='javascript:alert(1)'>",
    b"<a href='http://[::1'>",
    b"<a href='https://exa mple.com/%zz'>",
    b"<img src='" + b"\xd8\xa7" * 5000 + b"'>",
    b"<time datetime='9999-12-31T23:59:59+14:00'>",
    b"<time datetime='0001-01-01'>",
    b"<time datetime='2025-02-30T25:61:00Z'>",
    b"<time class='entry-date'>\xd9\x85\xd9\x86\xd8\xb0 99999999999999 \xd8\xb3\xd9\x86\xd8\xa9",
    b"<meta property='article:published_time' content='-1'>",
    b"<meta property='og:updated_time' content='1e308'>",
    b"<link rel='canonical' href='http://[bad'>",
    b'<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": ',
    b'<script type="application/ld+json">[[[[{"@graph": 5, "headline": {"a": 1}}]]]]</script>',
    b'<script type="application/ld+json">{"datePublished": ["x", null], "author": 3}</script>',
    b"<!--",
    b"<![CDATA[",
    b"<?xml version='1.0' encoding='bogus'?>",
    b"<meta charset='x-unknown-charset'>",
    b"<meta http-equiv='content-type' content='text/html; charset=utf-16'>",
    b"\x00\x00\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<p>\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xaf\xd8\xb1: "
    + b"\xd9\x88\xd9\x83\xd8\xa7\xd9\x84\xd8\xa7\xd8\xaa",
    b"<ul><li><li><li>",
    b"<svg><foreignObject><p>",
    b"<table><tr><td><article>",
    b"</html></body><body><html>",
    b"&#0;&#xD800;&#1114112;&amp;&unknown;",
    b"<div " + b"a=b " * 2000 + b">",
]
_ENCODINGS = ("cp1256", "latin-1", "utf-16", "utf-16-le", "utf-8-sig", "iso-8859-6", "cp1252")
_CONTENT_TYPES = (
    None,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=windows-1256",
    "text/html; charset=iso-8859-1",
    "text/html; charset=utf-16",
    "text/html; charset=no-such-charset",
    "application/octet-stream",
    "text/html; charset=",
)


@st.composite
def mutated_page(draw) -> tuple[str, bytes]:
    profile, body = draw(st.sampled_from(PAGES))
    data = bytearray(body)
    ops = ("cut", "flip", "flip", "delete", "duplicate", "soup", "soup", "soup")

    def offset(n: int) -> int:  # spread over the page (plain integers cluster at 0 and n)
        return n * draw(st.integers(0, 1 << 16)) >> 16

    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(ops))
        n = len(data)
        at = offset(n)
        if op == "cut":
            del data[at:]
        elif op == "flip" and n:
            for _ in range(draw(st.integers(1, 32))):
                i = offset(n - 1)
                data[i] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 4096))]
        elif op == "duplicate":
            start = offset(n)
            chunk = bytes(data[start : start + draw(st.integers(1, 8192))])
            data[at:at] = chunk * draw(st.integers(1, 3))
        else:
            data[at:at] = draw(st.sampled_from(_SOUP))
    return Mutated((profile, bytes(data)))


def _reencode(draw, body: bytes) -> tuple[bytes, str | None]:
    encoding = draw(st.sampled_from(_ENCODINGS))
    text = body.decode("utf-8", "replace")
    body = text.encode(encoding, "replace")
    return body, draw(st.sampled_from(_CONTENT_TYPES))


@pytest.mark.slow
@budget(150)
@given(page=mutated_page(), data=st.data())
def test_mutated_pages_never_raise(page, data):
    profile, body = page
    profile = data.draw(st.sampled_from((profile, profile, *PROFILES)))
    content_type = data.draw(st.sampled_from(_CONTENT_TYPES))
    form = data.draw(st.sampled_from(("bytes", "str", "reencoded")))
    html: str | bytes = body
    if form == "str":
        html = body.decode("utf-8", "replace")
    elif form == "reencoded":
        html, content_type = _reencode(data.draw, body)
    result = extract_page(
        html,
        "https://www.example.com/news/1/",
        REFERENCE,
        site="fuzz",
        profile=profile,
        timezone=data.draw(st.sampled_from(TIMEZONES)),
        content_type=content_type,
    )
    _check_page(result)


@budget(20)
@given(page=mutated_page(), as_text=st.booleans())
def test_mutated_pages_auto_profile_never_raise(page, as_text):
    """Detection and the generic (trafilatura) path: ~30 ms a page, so fewer examples."""
    _, body = page
    html: str | bytes = body.decode("utf-8", "replace") if as_text else body
    result = extract_page(html, "https://www.example.com/a/", REFERENCE, profile="auto")
    _check_page(result)


@budget(10)
@given(data=st.data())
def test_reencoded_pages_with_wrong_content_type(data):
    profile, body = data.draw(st.sampled_from(PAGES))
    html, content_type = _reencode(data.draw, body)
    result = extract_page(
        html,
        "https://www.example.com/x",
        REFERENCE,
        profile=data.draw(st.sampled_from((profile, "auto"))),
        content_type=content_type,
    )
    _check_page(result)


# ---------------------------------------------------------------------------
# (2) Random bytes and random text as whole pages
# ---------------------------------------------------------------------------

_PROFILE_OR_AUTO = st.sampled_from((*PROFILES, "auto", "generic", None))
_URLS = st.sampled_from(
    ("https://www.example.com/", "http://[::1]/x", "", "not a url", "https://x/%zz?#")
)
_HTML_TOKENS = st.sampled_from(
    (
        "<",
        ">",
        "</",
        "/>",
        "<p>",
        "<article>",
        "<div class='entry-content'>",
        "<time datetime='",
        "<a href='",
        "'",
        '"',
        "=",
        "&amp;",
        "&#",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "منذ",
        "ساعة",
        "المصدر:",
        "\u200f",
        "\x00",
        " ",
        "\n",
    )
)
_HTMLISH_TEXT = st.lists(st.one_of(_HTML_TOKENS, st.text(max_size=8)), max_size=200).map("".join)


@budget(60)
@given(
    body=st.one_of(
        st.binary(max_size=4096),
        st.text(max_size=2048),
        # Every code point, lone surrogates and C0 controls included.
        st.text(st.characters(exclude_categories=()), max_size=512),
        _HTMLISH_TEXT,
    ),
    profile=_PROFILE_OR_AUTO,
    url=_URLS,
    content_type=st.sampled_from(_CONTENT_TYPES),
)
def test_random_pages_never_raise(body, profile, url, content_type):
    result = extract_page(body, url, REFERENCE, profile=profile, content_type=content_type)
    _check_page(result)


# ---------------------------------------------------------------------------
# (3) Dates, text and the source line: random and adversarial strings
# ---------------------------------------------------------------------------


def _date_vocabulary() -> list[str]:
    """Every word the date module knows (its public tables and its raw word lists)."""
    words: set[str] = set()
    for name in dir(dates):
        value = getattr(dates, name)
        if isinstance(value, str) and len(value) < 300:
            words.update(value.split())
        elif isinstance(value, dict):
            for key, item in value.items():
                for part in (key, item):
                    if isinstance(part, str) and len(part) < 300:
                        words.update(part.split())
        elif isinstance(value, set | frozenset | list | tuple):
            words.update(w for v in value if isinstance(v, str) for w in v.split())
    return sorted(words)


_DIGITS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
_MARKS = ("\u200f", "\u200e", "\u061c", "\u202b", "\u202c", "\u2066", "\u00a0", "\ufeff")
_DATE_TOKENS = st.one_of(
    st.sampled_from(_date_vocabulary()),
    st.sampled_from(_DIGITS).flatmap(
        lambda digits: st.text(alphabet=digits, min_size=1, max_size=20)
    ),
    st.sampled_from(_MARKS),
    st.sampled_from((*"/-:,.+TZ()", "GMT", "UTC", "+03:00", "-14:00", "هـ", "م")),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF).map(str),
    st.just(" "),
)
DATE_STRINGS = st.one_of(
    st.lists(_DATE_TOKENS, max_size=30).map(" ".join),
    st.lists(_DATE_TOKENS, max_size=30).map("".join),
    st.text(max_size=300),
    st.lists(_DATE_TOKENS, min_size=1, max_size=5).map(lambda t: " ".join(t) * 400),
)
REFERENCES = st.datetimes(
    min_value=datetime(1971, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from((UTC,)),
)


@pytest.mark.slow
@budget(300)
@given(text=DATE_STRINGS, reference=REFERENCES, timezone=st.sampled_from(TIMEZONES))
def test_date_readers_never_raise(text, reference, timezone):
    _check_reading(read_time(text, reference, timezone))
    _check_reading(read_relative(text, reference))
    _check_reading(read_absolute(text, reference, timezone))
    _check_reading(read_machine(text, timezone, reference))
    _check_reading(read_machine(text, timezone))


@budget(100)
@given(
    texts=st.lists(DATE_STRINGS, max_size=6),
    reference=REFERENCES,
    timezone=st.sampled_from(TIMEZONES),
)
def test_reconcile_of_fuzzed_readings(texts, reference, timezone):
    readings = []
    for i, text in enumerate(texts):
        reader = (read_time, read_machine)[i % 2]
        reading = (
            reader(text, reference, timezone)
            if reader is read_time
            else read_machine(text, timezone, reference)
        )
        readings.append(((f"visible-{i}", f"json-ld-{i}")[i % 2], reading))
    result = reconcile(readings)
    if result.value is None:
        assert result.earliest is None and result.latest is None
    else:
        assert result.earliest <= result.value <= result.latest
        assert result.sources


@pytest.mark.slow
@budget(200)
@given(
    value=st.one_of(
        st.text(max_size=80),
        st.binary(max_size=80),
        st.none(),
        st.builds(
            lambda d, wd, mon, rest: f"{wd}, {d} {mon} {rest}",
            st.text(alphabet="0123456789", max_size=3),
            st.sampled_from(("Sun", "Mon", "Xyz", "")),
            st.sampled_from(("Jan", "Feb", "Foo", "jan")),
            st.text(alphabet="0123456789: GMT", max_size=20),
        ),
    )
)
def test_http_date_never_raises(value):
    result = http_date(value)
    assert result is None or (isinstance(result, datetime) and result.utcoffset() == timedelta(0))


SOURCE_STRINGS = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(
            st.sampled_from(
                ("المصدر", "المصادر", "نقلاً عن", "source", ":", "-", "|", "(", ")", "«", "»")
            ),
            st.sampled_from(("رويترز", "وكالات", "بتصرف", "+", "،", ",", " & ", " - ", ".")),
            st.sampled_from(_MARKS),
            st.text(max_size=6),
        ),
        max_size=40,
    ).map(" ".join),
    st.text(max_size=20).map(lambda t: "المصدر: " + t * 500),
)


@pytest.mark.slow
@budget(300)
@given(text=SOURCE_STRINGS)
def test_source_line_parser_never_raises(text):
    found = parse_source_line(text)
    if found is not None:
        assert isinstance(found, SourceLine)
        assert found.names and all(isinstance(n, str) and n for n in found.names)
    # The same text opening, inside and closing a body (datelines, trailing credits).
    body, found = split_source_line([text, "وأضاف أن الاجتماع سيعقد في أنقرة.", text])
    assert all(isinstance(p, str) for p in body) and len(body) <= 3
    assert found is None or (isinstance(found, SourceLine) and found.names)


@pytest.mark.slow
@budget(300)
@given(label=SOURCE_STRINGS, rest=st.lists(st.tuples(SOURCE_STRINGS, st.booleans()), max_size=4))
def test_source_box_reader_never_raises(label, rest):
    for unlabelled in (False, True):
        found = source_box([(label, False), *rest], unlabelled=unlabelled)
        assert found is None or (found.form == "source-box" and all(found.names))


@pytest.mark.slow
@budget(300)
@given(text=st.one_of(st.none(), st.text(max_size=500), DATE_STRINGS, SOURCE_STRINGS))
def test_text_functions_never_raise(text):
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert clean_text(cleaned) == cleaned
    normalized = normalize_for_search(text)
    assert isinstance(normalized, str)
    try:
        query = fts_query(text or "")
    except QueryError:  # a query that only excludes words
        return
    if query:  # FTS5 accepts it
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5 (x)")
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()
        conn.close()


# ---------------------------------------------------------------------------
# (4) Feeds, sitemaps and the REST API: the spider records their parse errors
# ---------------------------------------------------------------------------
# Contract: these raise nothing, or ValueError (JSON and encoding errors included) or an
# lxml error; the spider turns those into a failure record. Anything else is a bug.
READER_ERRORS = (ValueError, etree.LxmlError)

_XML_TOKENS = st.sampled_from(
    (
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version='1.0' encoding='bogus'?>",
        "<rss><channel>",
        "</channel></rss>",
        "<item>",
        "</item>",
        "<link>",
        "</link>",
        "<pubDate>",
        "</pubDate>",
        "<title>",
        "</title>",
        "<category>",
        "</category>",
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>",
        "</urlset>",
        "<sitemapindex>",
        "</sitemapindex>",
        "<sitemap>",
        "</sitemap>",
        "<url>",
        "</url>",
        "<loc>",
        "</loc>",
        "<lastmod>",
        "</lastmod>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&bogus;",
        "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]>",
        "https://www.example.com/a/",
        "http://[::1",
        "Mon, 15 Dec 2025 09:00:00 GMT",
        "2025-12-15T09:00:00+03:00",
        "منذ ساعتين",
    )
)
XMLISH = st.one_of(
    st.lists(st.one_of(_XML_TOKENS, st.text(max_size=10)), max_size=60).map(
        lambda t: "".join(t).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=2048),
)


@st.composite
def _json_value(draw, depth: int = 0):
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.sampled_from(
            ("https://www.example.com/p/", "http://[::1", "2025-12-15T09:00:00", "0000-00-00")
        ),
    )
    if depth >= 2:
        return draw(scalars)
    keys = st.sampled_from(("link", "date_gmt", "title", "rendered", "id", "x"))
    return draw(
        st.one_of(
            scalars,
            st.lists(_json_value(depth + 1), max_size=4),
            st.dictionaries(keys, _json_value(depth + 1), max_size=4),
        )
    )


def _json_bytes(value) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


JSONISH = st.one_of(
    _json_value().map(_json_bytes),
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "link": st.one_of(st.text(max_size=30), _json_value(1)),
                "date_gmt": st.one_of(DATE_STRINGS, _json_value(1)),
                "title": st.one_of(
                    st.fixed_dictionaries({"rendered": st.one_of(_HTMLISH_TEXT, _json_value(2))}),
                    _json_value(1),
                ),
            },
        ),
        max_size=5,
    ).map(_json_bytes),
    st.binary(max_size=512),
)


@pytest.mark.slow
@budget(150)
@given(body=XMLISH, timezone=st.sampled_from(TIMEZONES))
def test_feed_and_sitemap_readers_raise_only_parse_errors(body, timezone):
    try:
        items = feed_items(body, "https://www.example.com/feed/", REFERENCE, timezone=timezone)
    except READER_ERRORS:
        pass
    else:
        _check_sightings(items)
    try:
        page = read_sitemap(body, "https://www.example.com/sitemap.xml", REFERENCE)
    except READER_ERRORS:
        pass
    else:
        assert page.kind in ("sitemapindex", "urlset")
        assert all(isinstance(loc, str) and loc for loc in page.locations)
        _check_sightings(page.bounds)


@pytest.mark.slow
@budget(200)
@given(body=JSONISH)
def test_api_posts_raise_only_value_errors(body):
    """The spider catches ValueError around api_posts, and only that."""
    try:
        items = api_posts(body, "https://www.example.com/wp-json/wp/v2/posts", REFERENCE)
    except ValueError:
        return
    _check_sightings(items)
