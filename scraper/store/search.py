"""Full-text search over stored articles, Arabic spelling variants folded.

The index holds normalized text (`scraper.text.normalize_for_search`); queries go through
the same function, so "إسطنبول" finds "اسطنبول", "أسد" finds "الأسد", and vowel marks or
tatweel in either never get in the way. Snippets are cut from the original text.

Ranking is bm25 (headline 4, body 1, source names 2) over every match, unless a query
matches more than RANK_WINDOW articles: then the RANK_WINDOW most recently stored of them
are ranked. bm25 costs about a microsecond per matching article, so a very common word
would otherwise cost a scan of the whole archive (0.2 s at 250,000 articles) for an
ordering its near-zero weight hardly informs; the window keeps such a query to a few
tens of milliseconds and returns the best-matching recent articles. More words or a
filter narrow the matches (filters apply before the window); `rank_window=None` ranks all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scraper.store.queries import ranked_matches
from scraper.text import normalize_for_search

_WORD = re.compile(r"[\w\u0600-\u06ff]+")
SNIPPET_WORDS = 12
RANK_WINDOW = 10_000


@dataclass
class Hit:
    url: str
    headline: str | None
    published_at: str | None
    category: str | None
    site: str
    snippet: str
    rank: float


def fts_query(query: str) -> str:
    """Each normalized word as a quoted FTS5 phrase: all must match, no query syntax."""
    return " ".join(f'"{word}"' for word in normalize_for_search(query).split())


def search(
    db_path: str | Path,
    query: str,
    *,
    site: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    rank_window: int | None = RANK_WINDOW,
) -> list[Hit]:
    match = fts_query(query)
    if not match:
        return []
    rows = ranked_matches(
        db_path,
        match,
        site=site,
        category=category,
        since=since,
        until=until,
        limit=limit,
        rank_window=rank_window,
    )
    words = set(normalize_for_search(query).split())
    return [
        Hit(url, headline, published, cat, site_name, snippet(body or headline or "", words), rank)
        for url, headline, published, cat, site_name, body, rank in rows
    ]


def snippet(text: str, words: set[str]) -> str:
    """A few words of the original text around the first match, the match in [brackets]."""
    spans = list(_WORD.finditer(text))
    for index, span in enumerate(spans):
        if normalize_for_search(span.group()) in words:
            start = spans[max(0, index - SNIPPET_WORDS // 2)].start()
            end = spans[min(len(spans) - 1, index + SNIPPET_WORDS // 2)].end()
            before, hit, after = text[start : span.start()], span.group(), text[span.end() : end]
            return f"…{before}[{hit}]{after}…".replace("\n\n", " ")
    return text[:120]
