"""Full-text search over stored articles, Arabic spelling variants folded.

The index holds normalized text (`scraper.text.normalize_for_search`: spelling variants
folded, the article ال and what is written before it peeled off). A query's words go
through the same folding, and each word also matches its forms with proclitics (و ف ب ك
ل, or two of them), which the index keeps (`scraper.text.search_variants`): "إسطنبول" finds
"اسطنبول", "ليرة" finds "الليرة", "بالليرة" and "بليرة", and vowel marks or tatweel in
either never get in the way. Snippets are cut from the original text.

What a query may hold (`fts_query` turns it into an FTS5 expression; anything else is
text, so no input is an FTS5 syntax error): words, all of which must match (an upper-case
`AND` between them may be written); "a phrase", its words in that order; `OR` between two
words or phrases, either of which may match (it binds only its two neighbours); `word*`,
any word starting so (a beginning of two letters or more, with proclitics as words have
them); `-word` or `-"a phrase"` (or `NOT` before it), which must not match. A query of
nothing but exclusions is a `QueryError`.

Ranking is bm25 (headline 4, body 1, source names 2) over every match, unless a query
matches more than RANK_WINDOW articles: then the RANK_WINDOW most recently stored of them
are ranked. bm25 costs about a microsecond per matching article, so a very common word
would otherwise cost a scan of the whole archive (0.2 s at 250,000 articles) for an
ordering its near-zero weight hardly informs; the window keeps such a query to a few
tens of milliseconds and returns the best-matching recent articles. More words or a
filter narrow the matches (filters apply before the window); `rank_window=None` ranks all.

Before scoring its first row, bm25 counts the articles holding each phrase of the query,
over the whole archive: for a word in most articles that count grew to most of a search
(33 ms for "في" at 1,000,000 articles). bm25 weighs a phrase in half of the archive or
more at 1e-6, so with the window a phrase in half or more of the COMMON_SAMPLE most
recent articles is matched but not weighed (unless every phrase is such), nor is an
excluded one (it is in no match). Where a word's recent share is its archive share, scores
move by under 1e-6 a match and only such near-ties change places; a word common only
lately loses the small weight a full bm25 would give it (docs/search.md, "Ranking").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scraper.store.queries import (
    common_terms,
    index_outdated,
    indexed_terms,
    ranked_matches,
    read_only,
)
from scraper.text import folded_words, normalize_for_search, search_stem, search_variants

_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# One piece of a query: an optional "-", then a "quoted phrase" (the closing quote may be
# missing) or a run of anything but white space and quotes.
_PIECE = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<bare>[^\s"]+))')
SNIPPET_WORDS = 12
RANK_WINDOW = 10_000
COMMON_SAMPLE = 10_000  # the most recent articles in which a word's share is judged


class QueryError(ValueError):
    """A query that cannot be searched (it only excludes words)."""


@dataclass
class Hit:
    url: str
    headline: str | None
    published_at: str | None
    category: str | None
    site: str
    snippet: str
    rank: float


@dataclass(frozen=True)
class ParsedQuery:
    match: str  # the FTS5 expression ("" when the query has no word)
    words: frozenset[str]  # index forms the query finds, for snippets
    prefixes: tuple[str, ...]  # ... and the beginnings of words it finds
    terms: frozenset[str]  # every alternative in `match` ("ليره", "بليره"*, "وزير خارجيه")
    phrases: tuple[str, ...] = ()  # the alternatives in `match` it finds (not excluded ones)
    excludes: bool = False  # whether `match` has a NOT part
    # The words and phrases every match holds, each as its alternatives in `match` (those
    # outside an OR between pieces).
    required: tuple[tuple[str, ...], ...] = ()


def parse_query(query: str, indexed: Callable[[str], bool] | None = None) -> ParsedQuery:
    """A user's query as an FTS5 expression (module docstring: what it may hold).

    Every word becomes quoted index forms and every operator is written here, so the
    expression is always valid FTS5 whatever the input. `indexed` (a term -> whether the
    index has it) drops the alternatives the index lacks: they match nothing, and a
    word's dozen forms, most of them absent, would double the time of a search."""
    reader = _Reader(indexed or (lambda term: True))
    groups: list[list[str]] = []  # words and phrases to find; the members of one group OR'd
    required: list[list[tuple[str, ...]]] = []  # per group, what each match holds ([] after OR)
    excluded: list[str] = []
    joining = False  # the last piece was OR, after something to find
    negating = False  # the last piece was NOT: the next one is excluded, as with "-"
    for piece in _PIECE.finditer(query):
        minus, phrase, bare = piece.group("minus", "phrase", "bare")
        if bare == "OR" and not minus:
            joining = bool(groups)
            continue
        if bare in ("AND", "NOT") and not minus:
            # Boolean habits: AND is what words do already; NOT excludes the next piece.
            negating = bare == "NOT"
            continue
        minus, negating = minus or ("-" if negating else ""), False
        if phrase is not None:
            expression = reader.phrase(folded_words(phrase), found=not minus)
        else:
            expression = reader.bare(bare, found=not minus)
        if expression is None:
            continue
        if minus:
            excluded.append(expression)
        elif joining:
            groups[-1].append(expression)
            required[-1] = []
        else:
            groups.append([expression])
            required.append(reader.conjuncts)
        joining = False
    if not groups:
        if excluded:
            raise QueryError(
                f"nothing to find in {query.strip()!r}: every word is excluded with '-'; "
                "give at least one word to find"
            )
        return ParsedQuery("", frozenset(), (), frozenset(), ())
    # (FTS5 takes implicit AND between phrases only, not after a parenthesis.)
    match = " AND ".join(_any(group) for group in groups)
    if excluded:
        match = f"({match}) NOT {_any(excluded)}"
    return ParsedQuery(
        match,
        frozenset(reader.words),
        tuple(reader.prefixes),
        frozenset(reader.terms),
        tuple(dict.fromkeys(reader.phrases)),
        bool(excluded),
        tuple(conjunct for group in required for conjunct in group),
    )


def _any(expressions: list[str]) -> str:
    return expressions[0] if len(expressions) == 1 else "(" + " OR ".join(expressions) + ")"


class _Reader:
    """Builds the FTS5 alternatives of words and phrases, and remembers what they find."""

    def __init__(self, indexed: Callable[[str], bool]) -> None:
        self.indexed = indexed
        self.words: set[str] = set()
        self.prefixes: list[str] = []
        self.terms: set[str] = set()
        self.phrases: list[str] = []
        self.conjuncts: list[tuple[str, ...]] = []  # the last piece's words, ANDed

    def bare(self, text: str, found: bool) -> str | None:
        """A piece outside quotes: its words, all to be found; `word*` finds beginnings."""
        words = folded_words(text)
        if not words:
            return None
        expressions = []
        self.conjuncts = []
        for index, word in enumerate(words):
            stem = search_stem(word)
            if index == len(words) - 1 and text.endswith("*") and len(stem) >= 2:
                beginnings = self._alternatives(search_variants(word), "*")
                alternatives = [f'"{form}"*' for form in beginnings]
                if found:
                    self.prefixes.extend(beginnings)
            else:
                forms = self._alternatives(search_variants(word))
                alternatives = [f'"{form}"' for form in forms]
                if found:
                    self.words.update(forms)
            expressions.append(_any(alternatives))
            self.conjuncts.append(tuple(alternatives))
            if found:
                self.phrases.extend(alternatives)
        return expressions[0] if len(expressions) == 1 else "(" + " AND ".join(expressions) + ")"

    def phrase(self, words: list[str], found: bool) -> str | None:
        """Words in this order; the first may carry a proclitic."""
        if len(words) < 2:
            return self.bare(" ".join(words), found)
        rest = " ".join(search_stem(word) for word in words[1:])
        firsts = self._alternatives([f"{first} {rest}" for first in search_variants(words[0])])
        alternatives = [f'"{alternative}"' for alternative in firsts]
        self.conjuncts = [tuple(alternatives)]
        if found:
            self.words.update(first.split(" ", 1)[0] for first in firsts)
            self.words.update(rest.split())
            self.phrases.extend(alternatives)
        return _any(alternatives)

    def _alternatives(self, forms: Sequence[str], suffix: str = "") -> list[str]:
        """The forms whose terms the index has (the first one if none: it matches nothing,
        and keeps the expression whole)."""
        terms = [f'"{form}"{suffix}' for form in forms]
        self.terms.update(terms)
        kept = [form for form, term in zip(forms, terms, strict=True) if self.indexed(term)]
        return kept or [forms[0]]


def fts_query(query: str) -> str:
    """The FTS5 expression of a user's query ("" if it has no word)."""
    return parse_query(query).match


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
    """The best `limit` articles matching `query`; QueryError if it only excludes words.

    A database whose search index predates this version is upgraded first (the store
    rebuilds the index), so a search never compares query and index normalized apart."""
    parsed = parse_query(query)
    if not parsed.match:
        return []
    conn = read_only(db_path)
    try:
        if index_outdated(conn):
            from scraper.store.writer import Store

            conn.close()
            Store(db_path).close()
            conn = read_only(db_path)
        present = indexed_terms(conn, parsed.terms)
        if present != parsed.terms:
            parsed = parse_query(query, present.__contains__)
        rows = ranked_matches(
            conn,
            parsed.match,
            site=site,
            category=category,
            since=since,
            until=until,
            limit=limit,
            rank_window=rank_window,
            rank_by=_weighed(conn, parsed) if rank_window else None,
        )
    finally:
        conn.close()
    return [
        Hit(url, headline, published, cat, site_name, snippet(body or headline or "", parsed), rank)
        for url, headline, published, cat, site_name, body, rank in rows
    ]


def _weighed(conn: sqlite3.Connection, parsed: ParsedQuery) -> str | None:
    """The FTS5 expression of the phrases bm25 should weigh, when that is not all of the
    query's: not the excluded ones (no match holds them), nor words in more than half of
    the recent articles, unless every word is one."""
    common = common_terms(conn, parsed.phrases, COMMON_SAMPLE)
    weighed = [phrase for phrase in parsed.phrases if phrase not in common]
    if not weighed or not (common or parsed.excludes):
        return None
    # The words every match holds, all of whose forms are weighed, are ANDed: the scoring
    # cursor then walks the articles holding all of them, not those holding any weighed
    # phrase (for rare words together, most of the archive). Every ranked match holds
    # them, so each weighed phrase counts in a match as it does under OR: the same scores.
    kept = set(weighed)
    held = [alternatives for alternatives in parsed.required if kept.issuperset(alternatives)]
    if not held or kept != {phrase for alternatives in held for phrase in alternatives}:
        return " OR ".join(weighed)
    return " AND ".join(_any(list(alternatives)) for alternatives in held)


def snippet(text: str, query: ParsedQuery) -> str:
    """A few words of the original text around the first match, the match in [brackets]."""
    spans = list(_WORD.finditer(text))
    for index, span in enumerate(spans):
        form = normalize_for_search(span.group())
        if form in query.words or form.startswith(query.prefixes):
            start = spans[max(0, index - SNIPPET_WORDS // 2)].start()
            end = spans[min(len(spans) - 1, index + SNIPPET_WORDS // 2)].end()
            before, hit, after = text[start : span.start()], span.group(), text[span.end() : end]
            return f"…{before}[{hit}]{after}…".replace("\n\n", " ")
    return text[:120]
