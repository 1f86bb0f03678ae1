"""Recall and precision of Arabic search over common news words in their written forms.

Run:  .venv/bin/python -m scraper.testkit.search_recall tests/search_words.txt

Each word of the list becomes eight one-word documents, one per form: bare, ال-, و-, ب-,
ل-, وال-, بال- and لل- (ل + ال; before a word starting with ل, one lam: لليرة). Every
form is then a query, through a real FTS5 index, and should find the word's eight
documents and nothing else. Recall: the share of those it finds; precision: the share of
what it finds that is one of them (micro-averaged). Identical texts of two words count
for both (بطاقة is a word, and ب + طاقة): no spelling-based search tells them apart.

Two systems: "before", the version-1 normalization (which also peeled a lone proclitic
off every word of four letters or more; source keys keep it: `scraper.text.name_key`)
with each query word as one phrase; and "now", `normalize_for_search` in the index and
`scraper.store.search.fts_query` for the query.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scraper.store.search import fts_query
from scraper.text import name_key, normalize_for_search

FORMS = ("bare", "ال", "و", "ب", "ل", "وال", "بال", "لل")
QUERY_GROUPS = (
    ("bare (ليرة)", ("bare",)),
    ("with the article (الليرة, بالليرة)", ("ال", "وال", "بال", "لل")),
    ("with a lone proclitic (وليرة)", ("و", "ب", "ل")),
    ("every form", FORMS),
)


@dataclass(frozen=True)
class System:
    name: str
    index: Callable[[str], str]  # document text -> what FTS5 indexes
    query: Callable[[str], str]  # query -> FTS5 MATCH expression


BEFORE = System(
    "before", name_key, lambda query: " ".join(f'"{w}"' for w in name_key(query).split())
)
NOW = System("now", normalize_for_search, fts_query)


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    queries: int


def load_words(path: Path) -> list[str]:
    """The words of a list file: one a line; blank lines and # comments skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def written(word: str, form: str) -> str:
    """`word` with the proclitics of `form`, spelt as Arabic writes them."""
    if form == "bare":
        return word
    if form == "لل" and word.startswith("ل"):
        return "ل" + word  # ل + الليرة: لليرة
    return form + word


def evaluate(words: list[str], system: System, query_forms: tuple[str, ...] = FORMS) -> Score:
    documents = [(word, written(word, form)) for word in words for form in FORMS]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5 (text)")
    conn.executemany(
        "INSERT INTO docs (rowid, text) VALUES (?, ?)",
        [(rowid, system.index(text)) for rowid, (_, text) in enumerate(documents)],
    )
    rows_of: dict[str, set[int]] = {}
    for rowid, (word, _) in enumerate(documents):
        rows_of.setdefault(word, set()).add(rowid)
    found = relevant = retrieved = 0
    for word in words:
        for form in query_forms:
            match = system.query(written(word, form))
            hits = {
                row
                for (row,) in conn.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (match,))
            }
            found += len(hits & rows_of[word])
            relevant += len(rows_of[word])
            retrieved += len(hits)
    conn.close()
    queries = len(words) * len(query_forms)
    return Score(found / relevant, found / retrieved if retrieved else 1.0, queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", type=Path, help="the word list, e.g. tests/search_words.txt")
    args = parser.parse_args(argv)
    words = load_words(args.words)
    print(f"{len(words)} words x {len(FORMS)} forms ({', '.join(FORMS)})")
    print(f"{'system':8} {'queries written':34} {'recall':>7} {'precision':>9}")
    for system in (BEFORE, NOW):
        for label, forms in QUERY_GROUPS:
            score = evaluate(words, system, forms)
            print(f"{system.name:8} {label:34} {score.recall:7.3f} {score.precision:9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
