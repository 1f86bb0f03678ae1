"""Datasette browsing: Arabic search through the index's normalization, canned queries,
metadata, and a database nobody can write to."""

from __future__ import annotations

import asyncio
import base64
import fcntl
import hashlib
import html
import json
import os
import re
import select
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from shutil import which
from urllib.parse import urlencode

import pytest

pytest.importorskip("datasette")

from scraper.store import datasette_plugin
from scraper.store.browse import browse, create_app, metadata
from scraper.store.search import fts_query, search
from scraper.text import normalize_for_search

SAMPLE_HEADLINE = "مدير مكتب الأسد"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """The demo crawl of the bundled site, plus one article whose dates disagree."""
    path = tmp_path_factory.mktemp("browse") / "news.db"
    subprocess.run(
        [sys.executable, "-m", "scraper", "demo", "--db", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with closing(sqlite3.connect(path)) as conn, conn:
        url, site = conn.execute(
            "SELECT url, site FROM articles WHERE headline NOT LIKE ? ORDER BY url LIMIT 1",
            (SAMPLE_HEADLINE + "%",),
        ).fetchone()
        # A list that dates the article years before the page's own window.
        conn.execute(
            "INSERT INTO list_item_sightings (site, item_url, page_url, widget, time_raw, "
            "published_at, earliest, latest, reference_time) VALUES (?, ?, ?, 'more', "
            "'منذ 3 أيام', '2001-01-01T00:00:00Z', '2000-12-31T00:00:00Z', "
            "'2001-01-01T00:00:00Z', '2001-01-04T00:00:00Z')",
            (site, url, url + "?list"),
        )
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return create_app(db_path)


def get(ds, path: str, **params: str):
    query = f"?{urlencode(params)}" if params else ""
    return asyncio.run(ds.client.get(path + query))


def rows(ds, path: str, **params: str) -> list[dict]:
    response = get(ds, path, _shape="array", **params)
    assert response.status_code == 200, response.text
    return response.json()


def searched_urls(ds, **params: str) -> list[str]:
    return [row["url"] for row in rows(ds, "/news/articles.json", _col="url", **params)]


def sample_url(ds) -> str:
    (row,) = rows(
        ds,
        "/news.json",
        sql="SELECT url FROM articles WHERE headline LIKE :h",
        h=SAMPLE_HEADLINE + "%",
    )
    return row["url"]


# --- search ------------------------------------------------------------------------------


def test_hamza_variants_find_the_same_articles(ds, db_path):
    with_hamza = searched_urls(ds, _search="إسطنبول")
    without = searched_urls(ds, _search="اسطنبول")
    assert with_hamza
    assert with_hamza == without
    # ... and the same articles as the command-line search.
    assert set(with_hamza) == {hit.url for hit in search(db_path, "إسطنبول", limit=1000)}


def test_word_without_article_finds_the_sample(ds):
    found = rows(ds, "/news/articles.json", _search="أسد", _col="headline")
    assert any(row["headline"].startswith(SAMPLE_HEADLINE) for row in found)
    by_column = rows(ds, "/news/articles.json", _search_headline="الأسد", _col="headline")
    assert any(row["headline"].startswith(SAMPLE_HEADLINE) for row in by_column)


def test_search_box_keeps_what_was_typed(ds):
    response = get(ds, "/news/articles", _search="إسطنبول")
    assert response.status_code == 200
    assert 'value="إسطنبول"' in response.text


def test_raw_mode_keeps_fts_syntax(ds):
    one = set(searched_urls(ds, _search="أسد", _searchmode="raw"))
    other = set(searched_urls(ds, _search="إسطنبول", _searchmode="raw"))
    either = set(searched_urls(ds, _search="أسد OR إسطنبول", _searchmode="raw"))
    assert either == one | other
    assert one - other  # the OR really widened something
    # Raw mode matches each word's index form only; the default mode also its forms with
    # a proclitic ("بإسطنبول").
    assert other < set(searched_urls(ds, _search="إسطنبول"))


def test_query_normalizers():
    escape = datasette_plugin.escape_fts_normalized
    # The search box reads a query as `scraper search` does.
    for query in ("الأسد  إسطنبول", '"مكتب الأسد" تركيا', "ليرة OR دولار -يورو", "تركي*"):
        assert escape(query) == fts_query(query)
    assert '"باسطنبول"' in escape("إسطنبول")
    assert escape("!! ...") == escape("-تركيا") == '""'
    raw = datasette_plugin.normalize_raw_query
    query = 'headline: الأسد OR (إسطنبول NEAR "x y", 5) وبلاد*'
    once = raw(query)
    assert once == 'headline: "اسد" OR ("اسطنبول" NEAR "x y", 5) "وبلاد"*'
    assert raw(once) == once  # pagination links carry the rewritten value


def test_ar_normalize_sql_function(ds):
    (row,) = rows(ds, "/news.json", sql="SELECT ar_normalize('الأسد') AS n")
    assert row["n"] == normalize_for_search("الأسد") == "اسد"


# --- canned queries ----------------------------------------------------------------------


def test_canned_queries_return_rows(ds):
    queries = metadata("news")["databases"]["news"]["queries"]
    params = {
        "search": {"q": "إسطنبول"},
        "article_sightings": {"url": sample_url(ds)},
    }
    for name in queries:
        found = rows(ds, f"/news/{name}.json", **params.get(name, {}))
        assert found, name
    assert len(rows(ds, "/news/search.json", q="")) == 0  # no query: no rows, no error
    assert len(rows(ds, "/news/article_sightings.json", url=sample_url(ds))) > 0
    disagreeing = rows(ds, "/news/date_disagreements.json")
    assert [row["disagreement"] for row in disagreeing] == [1]


def test_canned_articles_per_day_counts_the_sites_own_days(ds, db_path):
    # WordPress dates a permalink by the site's day (Istanbul here); a page printing the
    # date alone is stored at the site's midnight, 21:00Z the day before.
    expected: dict[str, int] = {}
    with closing(sqlite3.connect(db_path)) as conn:
        for url, links in conn.execute(
            "SELECT a.url, count(*) FROM articles AS a "
            "JOIN article_categories AS ac ON ac.article_id = a.id GROUP BY a.id"
        ):
            day = "-".join(re.search(r"/(\d{4})/(\d\d)/(\d\d)/", url).groups())
            expected[day] = expected.get(day, 0) + links
    counted: dict[str, int] = {}
    for row in rows(ds, "/news/articles_per_day_per_category.json"):
        counted[row["day"]] = counted.get(row["day"], 0) + row["articles"]
    assert counted == expected
    (row,) = rows(
        ds, "/news.json", sql="SELECT local_day('2013-09-19T21:00:00Z', 'Europe/Istanbul') AS d"
    )
    assert row["d"] == "2013-09-20"


def test_canned_sightings_take_the_url_as_the_pages_show_it(ds):
    url = sample_url(ds)
    shown = datasette_plugin.display_url(url)  # what a reader copies from the page
    assert shown != url and "%" not in shown
    by_stored = rows(ds, "/news/article_sightings.json", url=url)
    assert by_stored
    assert rows(ds, "/news/article_sightings.json", url=shown) == by_stored
    assert rows(ds, "/news/article_sightings.json", url=f" {shown}\n") == by_stored


def test_the_reader_view_shows_a_day_as_the_site_printed_it(ds, db_path):
    # A page printing only its date is stored at the site's midnight in UTC: Istanbul's
    # 2013-09-20 is 2013-09-19T21:00:00Z. The reader reads the page's own day.
    with closing(sqlite3.connect(db_path)) as conn:
        dated = conn.execute(
            "SELECT headline, url, published_at FROM articles WHERE precision = 'day' "
            "AND published_at LIKE '%T21:00:00Z'"
        ).fetchall()
        headline, exact_time = conn.execute(
            "SELECT headline, published_at FROM articles WHERE precision = 'exact' LIMIT 1"
        ).fetchone()
    assert dated
    for headline_of_day, url, published in dated:
        printed = "-".join(re.search(r"/(\d{4})/(\d\d)/(\d\d)/", url).groups())
        assert published[:10] != printed  # the UTC day is the day before
        page = get(ds, "/news/articles", _search=headline_of_day.split()[0], _size="100").text
        assert f'title="{published} (day)">{printed}</time>' in page
    page = get(ds, "/news/articles", _sort_desc="published_at", _size="100").text
    shown = f"{exact_time[:10]} {exact_time[11:16]} UTC</time>"
    assert shown in page, headline


def test_canned_search_matches_table_search(ds):
    canned = {row["url"] for row in rows(ds, "/news/search.json", q="اسطنبول")}
    assert canned == set(searched_urls(ds, _search="إسطنبول"))


# --- metadata ----------------------------------------------------------------------------


def test_descriptions_are_served(ds):
    page = get(ds, "/news/articles").text
    assert "One row per article" in page
    assert "Publication time, UTC, ISO 8601" in page  # a column description
    view = get(ds, "/news/article_time_estimates").text
    assert "disagreement = 1 when they do not overlap" in view
    assert "Articles whose date sources disagree" in get(ds, "/news").text


def test_every_table_and_view_is_described_or_hidden(ds, db_path):
    with closing(sqlite3.connect(db_path)) as conn:
        names = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
        columns = {
            name: {row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")} for name in names
        }
    tables = metadata("news")["databases"]["news"]["tables"]
    assert names == set(tables)
    for name, spec in tables.items():
        if not spec.get("hidden"):
            assert spec["description"], name
            assert set(spec["columns"]) == columns[name], name
    listed = {t["name"]: t["hidden"] for t in get(ds, "/news.json").json()["tables"]}
    assert listed["articles_fts"] and listed["articles_fts_docsize"] and not listed["articles"]


# --- read-only ---------------------------------------------------------------------------


def test_database_cannot_be_written(ds, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    database = ds.get_database("news")
    # Served mode=ro (a crawl's new rows show up): even Datasette's write connection is one
    # SQLite refuses to write with.
    conn = database.connect(write=True)
    with closing(conn), pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM articles")
    response = get(ds, "/news.json", sql="DELETE FROM articles")
    assert response.status_code == 400
    assert "SELECT" in json.dumps(response.json())
    with pytest.raises(Exception):  # noqa: B017  (Datasette asserts; SQLite would refuse)
        asyncio.run(database.execute_write("DELETE FROM articles"))
    assert get(ds, "/news.json", sql="SELECT count(*) AS n FROM articles").json()["rows"][0][0] > 0
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


# --- browse() errors ---------------------------------------------------------------------


def test_browse_missing_database(tmp_path, capsys):
    assert browse(str(tmp_path / "nope.db")) == 2
    assert "no such database" in capsys.readouterr().err


def test_browse_without_datasette(monkeypatch, db_path, capsys):
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    assert browse(str(db_path)) == 2
    assert "pip install 'arabic-news-scraper[browse]'" in capsys.readouterr().err


# --- reading Arabic ----------------------------------------------------------------------


def test_display_url_decodes_letters_and_keeps_the_rest_escaped():
    display = datasette_plugin.display_url
    assert (
        display("https://x.example/2025/12/%D8%A7%D9%84%D8%A3%D8%B1%D8%B5%D8%A7%D8%AF-1/")
        == "https://x.example/2025/12/الأرصاد-1/"
    )
    # Escaped ASCII would change what the address seems to say: it stays escaped.
    assert display("https://x.example/a%20b%2Fc%3Fd") == "https://x.example/a%20b%2Fc%3Fd"
    # A right-to-left override or a no-break space would disguise the address.
    assert display("https://x.example/%E2%80%AEabc%C2%A0") == "https://x.example/%E2%80%AEabc%C2%A0"
    assert display("https://x.example/%D8%A7%E2%80%8F") == "https://x.example/ا%E2%80%8F"
    # Not UTF-8: left as it is.
    assert display("https://x.example/%D8-%FF") == "https://x.example/%D8-%FF"


def test_articles_page_opens_on_the_reader_view(ds):
    page = get(ds, "/news/articles").text
    # Arabic words in the English description keep their order: ى/ي, then ة/ه.
    assert "hamza forms, <bdi>ى/ي</bdi>, <bdi>ة/ه</bdi>, vowel marks" in page
    # The search box comes first; the column descriptions after it, collapsed.
    search_at = page.index('id="_search"')
    descriptions_at = page.index('<details class="column-descriptions">')
    assert search_at < descriptions_at
    assert (
        "<dt>published_at</dt><dd>Publication time, UTC, ISO 8601; with precision day"
        in page[descriptions_at:]
    )
    assert "/-/scraper-arabic.css" in page
    assert get(ds, "/-/scraper-arabic.css").status_code == 200
    table = page[page.index('<table class="rows-and-columns scraper-reader">') :]
    headers = re.findall(r'<th scope="col">(.*?)</th>', table, re.S)
    assert [re.sub(r"<[^>]+>|&nbsp;.*", "", h).strip() for h in headers] == [
        "headline",
        "published",
        "category",
        "source",
        "url",
        "opening words",
    ]
    assert 'class="col-body' not in table and 'class="col-provenance' not in table
    (row,) = rows(
        ds,
        "/news.json",
        sql="SELECT id, url, headline, category, source FROM articles WHERE headline LIKE :h",
        h=SAMPLE_HEADLINE + "%",
    )
    # The headline opens the full row; the URL links as stored and reads decoded.
    assert f'<a href="/news/articles/{row["id"]}" dir="auto">{row["headline"]}</a>' in table
    decoded = datasette_plugin.display_url(row["url"])
    assert "%D8" in row["url"] and "%D8" not in decoded
    assert f'<a href="{row["url"]}" dir="ltr">{decoded}</a>' in table
    assert json.loads(row["source"]) == ["منصة مزيج"]
    assert '<td class="col-source" dir="auto">منصة مزيج</td>' in table
    assert f'<td class="col-category" dir="auto">{row["category"]}</td>' in table
    # Every column is one click away.
    assert 'href="/news/articles?_view=all">Show every column</a>' in page


def test_every_column_view_has_arabic_cells_and_decoded_urls(ds):
    page = get(ds, "/news/articles", _view="all").text
    assert "scraper-reader" not in page
    assert 'class="col-body type-str"' in page and 'class="col-provenance type-str"' in page
    assert 'href="/news/articles">Back to the reader view</a>' in page
    # JSON arrays and source lines read right to left, brackets and all.
    assert '<td class="col-source type-str"><div dir="auto">[&#34;' in page
    assert re.search(r'<td class="col-source_raw type-str"><div dir="auto">[^<]*المصدر', page)
    links = re.findall(
        r'<td class="col-url type-str"><a href="([^"]+)" dir="ltr">([^<]+)</a>', page
    )
    assert links and all("%D8" in href and "%D8" not in text for href, text in links)
    # Cells without right-to-left letters are Datasette's own.
    assert '<td class="col-site type-str">zox-demo</td>' in page
    # Columns picked by hand get Datasette's table too.
    picked = get(ds, "/news/articles", _col="headline").text
    assert (
        "scraper-reader" not in picked
        and 'class="col-headline type-str"><div dir="auto">' in picked
    )


def test_long_cells_are_cut_in_lists_and_whole_on_row_pages(db_path):
    ds = create_app(db_path, settings={"truncate_cells_html": 100})
    (row,) = rows(
        ds, "/news.json", sql="SELECT id, body FROM articles ORDER BY length(body) DESC LIMIT 1"
    )
    listed = get(ds, "/news/articles", _view="all").text
    assert html.escape(row["body"][:100]) + "\u2026" in listed
    whole = get(ds, f"/news/articles/{row['id']}").text
    assert html.escape(row["body"], quote=True).replace("&#x27;", "&#39;") in whole


def test_other_databases_keep_datasettes_cells(tmp_path):
    from datasette.app import Datasette

    datasette_plugin.register()
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, link TEXT)")
        conn.execute(
            "INSERT INTO notes (text, link) VALUES ('(المصدر: وكالات)', 'https://x.example/%D8%A7')"
        )
    page = get(Datasette([str(path)]), "/other/notes").text
    assert 'dir="auto"' not in page and "scraper-arabic.css" not in page
    assert '<a href="https://x.example/%D8%A7">https://x.example/%D8%A7</a>' in page


# --- in a browser ------------------------------------------------------------------------

BROWSER = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := which(name))),
    None,
)
SCREEN = {"width": 1280, "height": 800}


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (no extra package):
    JSON messages, each ended by a NUL byte, on the browser's file descriptors 3 and 4."""

    def __init__(self, profile_dir, timeout: float = 30.0):
        reading, self._to_browser = os.pipe()
        self._from_browser, writing = os.pipe()
        # The browser's ends, moved above 4 so that putting them on 3 and 4 cannot collide.
        to_browser, from_browser = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (reading, writing))
        os.close(reading)
        os.close(writing)
        flags = [
            "--headless",
            "--remote-debugging-pipe",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={profile_dir}",
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
        # A Python launcher puts the pipe ends on 3 and 4, then becomes the browser.
        launcher = "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); os.execv(sys.argv[3], sys.argv[3:])"
        self._process = subprocess.Popen(
            [sys.executable, "-c", launcher, str(to_browser), str(from_browser), BROWSER, *flags],
            pass_fds=(to_browser, from_browser),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._timeout = timeout
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        self.session: str | None = None

    def send(self, method: str, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return reply["result"]
            self._events.append(reply)

    def wait_for(self, event: str) -> dict:
        while True:
            for message in self._events:
                if message.get("method") == event:
                    self._events.remove(message)
                    return message
            self._events.append(self._receive())

    def _receive(self) -> dict:
        deadline = time.monotonic() + self._timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], deadline - time.monotonic())
            assert ready, "Chromium did not answer"
            chunk = os.read(self._from_browser, 1 << 20)
            assert chunk, "Chromium closed the pipe"
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def open(self, url: str) -> None:
        """A new page of the screen's size, `url` loaded in it."""
        self.session = None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1, mobile=False, **SCREEN)
        self.send("Page.enable")
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"]["value"]

    def screenshot(self, path) -> None:
        path.write_bytes(
            base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        )

    def close(self) -> None:
        try:
            self.session = None
            self.send("Browser.close")
            self._process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)


@pytest.fixture(scope="module")
def served(ds):
    """The browse app on 127.0.0.1 (a free port), for a browser."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if BROWSER is None:
        pytest.skip(
            "no Chromium on PATH (Debian: apt-get install chromium): the rendering checks "
            "need a browser; the HTML-level tests above still run"
        )
    devtools = DevTools(tmp_path_factory.mktemp("chromium-profile"))
    yield devtools
    devtools.close()


# The first and last characters of the first text in `el`, as laid out: in a right-to-left
# paragraph the first one is drawn at the right.
_EDGES_JS = """
(el) => {
  const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  const x = (i) => { range.setStart(text, i); range.setEnd(text, i + 1);
                     return range.getBoundingClientRect().left; };
  return {text: text.data, first: x(0), last: x(text.data.length - 1)};
}
"""


def test_in_chromium_search_box_is_on_the_first_screen(served, browser, tmp_path):
    browser.open(f"{served}/news/articles")
    browser.screenshot(tmp_path / "articles.png")
    found = browser.evaluate(
        "(() => { const box = document.getElementById('_search').getBoundingClientRect();"
        " return {top: box.top, bottom: box.bottom, height: innerHeight, width: innerWidth,"
        " pageWidth: document.documentElement.scrollWidth}; })()"
    )
    assert (found["width"], found["height"]) == (1280, 800)
    assert 0 < found["top"] < found["bottom"] <= found["height"], found
    # The reader view fits the screen's width: no sideways scrolling.
    assert found["pageWidth"] <= found["width"], found
    # Headlines read right to left; URLs read decoded.
    reader = browser.evaluate(
        "(() => { const a = document.querySelector('.scraper-reader td.col-headline a');"
        " const url = document.querySelector('.scraper-reader td.col-url a');"
        " return {direction: getComputedStyle(a).direction, url: url.textContent,"
        " href: url.getAttribute('href')}; })()"
    )
    assert reader["direction"] == "rtl"
    assert "%" in reader["href"] and "%" not in reader["url"]


def test_in_chromium_brackets_sit_where_an_arabic_reader_expects(served, browser, tmp_path):
    browser.open(f"{served}/news/articles?_view=all")
    browser.screenshot(tmp_path / "articles-every-column.png")
    for column in ("source", "source_raw"):
        edges = browser.evaluate(
            f"({_EDGES_JS})([...document.querySelectorAll('td.col-{column}')]"
            ".find((td) => /[\\u0600-\\u06ff]/.test(td.textContent)))"
        )
        # ["الأناضول"] and (المصدر: ...) start at the right: the opening bracket is there.
        assert edges["first"] > edges["last"], (column, edges)
