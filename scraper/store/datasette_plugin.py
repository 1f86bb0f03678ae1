"""Datasette plugin: Arabic search in Datasette goes through the index's normalization.

The FTS index (`articles_fts`) holds `normalize_for_search` text, so a query must be
normalized the same way, exactly once (the normalization is not idempotent: "الالتزام"
becomes "التزام", which a second pass would cut to "تزام"). The plugin does that in three
places:

* `escape_fts(text)`: Datasette's default search mode sends `?_search=` and
  `?_search_<column>=` values through this SQL function before `MATCH`. On databases that
  have `articles_fts` the plugin replaces it with `scraper search`'s own query reader
  (`scraper.store.search.fts_query`): the same words, phrases, `OR`, `word*` and `-word`,
  each word matching its spellings and its forms with proclitics. The query string itself
  is left alone, so the search box, the "search matches" line and the pagination links keep
  what the user typed and every page reads it once.
* `?_searchmode=raw`: Datasette passes the value to `MATCH` untouched, so an ASGI wrapper
  rewrites it before Datasette sees it: each bare word becomes its normalized form, quoted
  (one phrase, which NEAR and `*` need: so "ليرة" finds "الليرة" and "بالليرة" but not
  "بليرة", which the default mode finds); FTS5 syntax (AND, OR, NOT, NEAR, parentheses,
  `*`, `^`, column filters) and quoted strings stay as written. Quoted strings are
  therefore not normalized in raw mode (write them normalized, or use the default mode);
  in exchange the rewrite is idempotent, which the next-page links need.
* `ar_normalize(text)`: the index's normalization as an SQL function, and
  `ar_search_query(text)`: a whole query as `scraper search` reads it, ready for MATCH
  (the canned search uses it), e.g. `WHERE articles_fts MATCH ar_search_query(:q)`. Do not
  combine either with `escape_fts` on these databases: that would normalize twice.
* `stored_url(url)`: an address as the store spells it (`/2025/12/15/%D9%85...`), from the
  decoded form these pages show; the canned `article_sightings` takes either.
* `local_day(utc_time, zone)`: the calendar day a UTC time falls on in an IANA zone
  (`local_day(a.published_at, s.timezone)` with `sites AS s`), the day the site printed.

It also makes the pages readable in Arabic, on databases that have `articles_fts` only:

* `render_cell`: text holding right-to-left letters is wrapped in `dir="auto"`, so
  `(المصدر: وكالات)` or `["وكالات"]` read right to left with their brackets in place; URLs
  show decoded (`/2025/12/الأرصاد-التركية/`, the link itself unchanged). Texts longer than
  Datasette's `truncate_cells_html` are left to Datasette, which cuts them in lists and shows
  them whole on row pages; the plugin's style sheet gives those cells the same direction
  rule (`unicode-bidi: plaintext`).
* `extra_css_urls` / `register_routes`: that style sheet, served at `/-/scraper-arabic.css`.
* `extra_template_vars`: what the templates in `datasette_templates/` need (`scraper browse`
  serves with them): the articles table as a reader scans it (`ReaderView`), and the column
  descriptions, shown collapsed below the search form instead of above it.

`scraper.store.browse` registers it in-process with `register()`; the package's `datasette` entry
point also loads it into a plain `datasette news.db` run from the same environment (without
the templates: Arabic cells, decoded URLs and search, but Datasette's own page layout).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.utils import path_with_replaced_args
from datasette.utils.asgi import Response
from markupsafe import Markup

from scraper.store.queries import has_table, local_day
from scraper.store.readable import display_url
from scraper.store.search import QueryError, fts_query
from scraper.text import normalize_for_search

PLUGIN_NAME = "scraper-arabic-search"
FTS_TABLE = "articles_fts"

# Raw FTS5 syntax: what stays as written, and the bare words we normalize.
_RAW_TOKEN = re.compile(
    r'(?P<keep>"(?:[^"]|"")*"'  # a quoted string
    r"|\{[^}]*\}"  # a column set {headline body}
    r"|\b(?:AND|OR|NOT|NEAR)\b"  # operators (FTS5 only knows them in upper case)
    r"|[\w\u0600-\u06ff]+(?=\s*:)"  # a column name before ":"
    r"|[0-9]+\b)"  # NEAR distances and plain numbers
    r"|(?P<word>[\w\u0600-\u06ff]+)"
)


def escape_fts_normalized(query: str | None) -> str:
    """Datasette's `escape_fts`, reading the query as `scraper search` does."""
    try:
        match = fts_query(query or "")
    except QueryError:  # only exclusions: nothing to show
        match = ""
    return match or '""'  # '""' matches nothing; an empty MATCH is an error


def normalize_raw_query(query: str) -> str:
    """Normalize the bare words of a raw FTS5 query, keeping its syntax (idempotent)."""

    def replace(match: re.Match[str]) -> str:
        if match.group("keep"):
            return match.group("keep")
        words = normalize_for_search(match.group("word"))
        return f'"{words}"' if words else ""

    return _RAW_TOKEN.sub(replace, query)


def rewrite_query_string(query_string: str) -> str:
    """The raw-mode rewrite of a request's query string (unchanged unless _searchmode=raw)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if ("_searchmode", "raw") not in pairs:
        return query_string
    rewritten = [
        (key, normalize_raw_query(value))
        if key.startswith("_search") and key != "_searchmode"
        else (key, value)
        for key, value in pairs
    ]
    return urlencode(rewritten)


def _search_query(query: str | None) -> str:
    """`ar_search_query()`: MATCH text for a query; one matching nothing if it has no word."""
    return escape_fts_normalized(query)


def _has_fts(conn: sqlite3.Connection) -> bool:
    try:
        return has_table(conn, FTS_TABLE)
    except sqlite3.DatabaseError:
        return False


# Per Datasette instance, the names of the databases served that are ours (have the index):
# the reading aids apply to those only. prepare_connection sees every database before any
# of its cells is rendered.
_ARCHIVES: WeakKeyDictionary[Any, set[str]] = WeakKeyDictionary()


def is_archive(datasette: Any, database: str | None) -> bool:
    """Whether `database` is an arabic-news-scraper database served by `datasette`."""
    return database is not None and database in _ARCHIVES.get(datasette, ())


def stored_url(url: str | None) -> str | None:
    """`url` spelled as the store keeps it (canonical, percent-escaped), so an address
    copied as these pages show it (decoded) finds its rows; as given if it does not parse."""
    from scraper.extract.finish import normalize_url  # on first use: half a second to load

    if not isinstance(url, str):
        return url
    return normalize_url(url.strip()) or url


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, which defines escape_fts
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    conn.create_function("ar_normalize", 1, normalize_for_search, deterministic=True)
    conn.create_function("ar_search_query", 1, _search_query, deterministic=True)
    conn.create_function("local_day", 2, local_day, deterministic=True)
    conn.create_function("stored_url", 1, stored_url, deterministic=True)
    if _has_fts(conn):
        conn.create_function("escape_fts", 1, escape_fts_normalized, deterministic=True)
        _ARCHIVES.setdefault(datasette, set()).add(database)


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Callable[..., Awaitable[None]]:
        async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
            query_string = scope.get("query_string") or b""
            if scope.get("type") == "http" and b"_searchmode=raw" in query_string:
                original = query_string.decode("utf-8", errors="replace")
                rewritten = rewrite_query_string(original)
                if rewritten != original:
                    scope = {**scope, "query_string": rewritten.encode("ascii")}
            await app(scope, receive, send)

        return wrapped

    return wrap


# --- reading Arabic --------------------------------------------------------------------

# Letters of the right-to-left scripts (Hebrew to Arabic Extended, and the Hebrew and Arabic
# presentation forms).
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)  # what Datasette itself links
STYLE_PATH = "/-/scraper-arabic.css"
_STYLE = Path(__file__).with_name("datasette_templates") / "scraper-arabic.css"
SNIPPET_CHARS = 160


def url_link(url: str) -> Markup:
    """A link to `url` showing it decoded, laid out left to right like any address."""
    return Markup('<a href="{}" dir="ltr">{}</a>').format(url, display_url(url))


@hookimpl
def render_cell(value: Any, database: str, datasette: Any) -> Markup | None:
    if not isinstance(value, str) or not is_archive(datasette, database):
        return None
    if _URL.match(value.strip()):
        return url_link(value.strip())
    if _RTL_LETTER.search(value):
        limit = datasette.setting("truncate_cells_html")
        if limit and len(value) > limit:
            return None  # Datasette cuts it in lists, shows it whole on its row page
        return Markup('<div dir="auto">{}</div>').format(value)
    return None


@hookimpl
def register_routes() -> list[tuple[str, Callable[[], Awaitable[Response]]]]:
    return [(rf"^{re.escape(STYLE_PATH)}$", _style)]


async def _style() -> Response:
    return Response(
        _STYLE.read_text(encoding="utf-8"),
        content_type="text/css; charset=utf-8",
        headers={"Cache-Control": "max-age=3600"},
    )


@hookimpl
def extra_css_urls(database: str | None, datasette: Any) -> list[str]:
    return [datasette.urls.path(STYLE_PATH)] if is_archive(datasette, database) else []


@dataclass(frozen=True)
class ReaderRow:
    """One article as the reader view shows it."""

    row_url: str
    headline: str
    published_at: str | None
    published_display: str
    precision: str | None
    category: str
    source: str
    url: str | None
    url_display: str
    snippet: str


@dataclass(frozen=True)
class ReaderView:
    """The articles table as a reader scans it: headline (linking to the full row), time,
    category, source, decoded URL and the opening words of the text."""

    datasette: Any
    database: str
    table: str
    all_columns_url: str
    time_zones: dict[str, str | None] = field(default_factory=dict)  # site -> sites.timezone

    def rows(self, display_rows: Iterable[Iterable[dict[str, Any]]]) -> list[ReaderRow]:
        """Datasette's display rows (cells with `column` and `raw`) as reader rows."""
        return [self._row({cell["column"]: cell for cell in row}) for row in display_rows]

    def _row(self, cells: dict[str, dict[str, Any]]) -> ReaderRow:
        def raw(column: str) -> Any:
            cell = cells.get(column)
            return cell["raw"] if cell else None

        published, precision = raw("published_at"), raw("precision")
        url = raw("url")
        return ReaderRow(
            row_url=self.datasette.urls.row(self.database, self.table, raw("id")),
            headline=raw("headline") or "(no headline)",
            published_at=published,
            published_display=_time_display(published, precision, self.time_zones.get(raw("site"))),
            precision=precision,
            category=raw("category") or "",
            source=_source_display(raw("source")),
            url=url,
            url_display=display_url(url) if url else "",
            snippet=_snippet(raw("body")),
        )


def _time_display(published: str | None, precision: str | None, zone: str | None) -> str:
    """'2025-12-15 03:41 UTC'; the day alone when the page gives no more than that, as the
    site printed it: its own calendar day in its zone (a page dated 2013-09-20 in Istanbul
    is stored at 2013-09-19T21:00:00Z, its midnight)."""
    if not published:
        return ""
    day, _, clock = published.partition("T")
    if precision in ("day", "window") or not clock:
        return local_day(published, zone) or day
    return f"{day} {clock[:5]} UTC"


def _source_display(source: str | None) -> str:
    """The JSON array of attribution names as a list a reader reads: 'وكالات، رويترز'."""
    if not source:
        return ""
    try:
        names = json.loads(source)
    except ValueError:
        return source
    if not isinstance(names, list):
        return source
    return "، ".join(str(name) for name in names)


def _snippet(body: str | None, limit: int = SNIPPET_CHARS) -> str:
    """The opening words of the text, cut at a word boundary."""
    text = " ".join((body or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + " …"


def _reader_view_wanted(table: str | None, view_name: str | None, request: Any) -> bool:
    if table != "articles" or view_name != "table" or request is None:
        return False
    args = request.args
    # Columns picked by hand, or every column asked for: Datasette's own table.
    return not ("_col" in args or "_nocol" in args or args.get("_view") == "all")


@hookimpl
def extra_template_vars(
    database: str | None, table: str | None, view_name: str | None, request: Any, datasette: Any
) -> dict[str, Any] | Callable[[], Awaitable[dict[str, Any]]]:
    if not is_archive(datasette, database):
        return {"scraper_archive": False}
    if not _reader_view_wanted(table, view_name, request):
        reader_url = None
        if table == "articles" and view_name == "table" and request is not None:
            reader_url = path_with_replaced_args(
                request, {"_view": None, "_col": None, "_nocol": None, "_next": None}
            )
        return {"scraper_archive": True, "scraper_reader": None, "scraper_reader_url": reader_url}

    async def reader_vars() -> dict[str, Any]:
        # Each site's zone, to show a day as the site printed it.
        zones = await datasette.get_database(database).execute("SELECT name, timezone FROM sites")
        reader = ReaderView(
            datasette=datasette,
            database=database,
            table=table,
            all_columns_url=path_with_replaced_args(request, {"_view": "all", "_next": None}),
            time_zones={name: zone for name, zone in zones.rows},
        )
        return {"scraper_archive": True, "scraper_reader": reader, "scraper_reader_url": None}

    return reader_vars


def register() -> None:
    """Register this module with Datasette's plugin manager (once per process)."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    if pm.get_plugin(PLUGIN_NAME) is None and not pm.is_registered(module):
        pm.register(module, name=PLUGIN_NAME)
