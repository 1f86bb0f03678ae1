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

`scraper.store.browse` registers it in-process with `register()`; the package's `datasette` entry
point also loads it into a plain `datasette news.db` run from the same environment.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from scraper.store.queries import has_table
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


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, which defines escape_fts
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("ar_normalize", 1, normalize_for_search, deterministic=True)
    conn.create_function("ar_search_query", 1, _search_query, deterministic=True)
    if _has_fts(conn):
        conn.create_function("escape_fts", 1, escape_fts_normalized, deterministic=True)


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


def register() -> None:
    """Register this module with Datasette's plugin manager (once per process)."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    if pm.get_plugin(PLUGIN_NAME) is None and not pm.is_registered(module):
        pm.register(module, name=PLUGIN_NAME)
