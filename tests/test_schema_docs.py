"""Every SQL example in docs/schema.md runs, and returns rows, on a crawl of the bundled site."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
BLOCKS = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
STATEMENTS = [s.strip() for block in BLOCKS for s in block.split(";") if s.strip()]
# Queries that legitimately return nothing on a single fresh crawl.
MAY_BE_EMPTY = ("FROM article_revisions", "date_conflicts != '[]'")


def test_the_doc_has_examples():
    assert len(STATEMENTS) >= 8


@pytest.mark.parametrize("sql", STATEMENTS, ids=lambda s: s.split("\n")[0][:40])
def test_example_runs(crawled_db, sql):
    conn = sqlite3.connect(f"file:{crawled_db}?mode=ro", uri=True)
    rows = conn.execute(sql).fetchall()
    if not any(marker in sql for marker in MAY_BE_EMPTY):
        assert rows, sql


def test_the_current_tables_are_what_a_fresh_database_holds():
    from scraper.store.schema import CURRENT_TABLES, migrate

    conn = sqlite3.connect(":memory:")
    conn.isolation_level = None
    migrate(conn)
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    # FTS5 keeps its index in shadow tables named after it; they come and go with it.
    assert {t for t in tables if not t.startswith("articles_fts_")} == CURRENT_TABLES


def test_a_column_comment_in_the_tables_sql_stays_beside_its_column_after_migrations():
    # `sqlite3 news.db .schema` is where a researcher reads the column comments. SQLite
    # writes a column added by ALTER TABLE right after the last column's definition, before
    # that column's trailing comment: the comment then reads as the new column's.
    from scraper.store.schema import migrate

    conn = sqlite3.connect(":memory:")
    conn.isolation_level = None
    migrate(conn)
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%--%'"
    ).fetchall()
    conn.close()
    assert tables
    for name, sql in tables:
        for line in sql.splitlines():
            definitions, _, comment = line.partition("--")
            if comment:
                # Outside parentheses, a comma between two definitions on the comment's line.
                depth, split = 0, 0
                for char in definitions.rstrip().rstrip(","):
                    depth += {"(": 1, ")": -1}.get(char, 0)
                    split += char == "," and depth == 0
                assert not split, f"{name}: a comment after two columns: {line.strip()}"
