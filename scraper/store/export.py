"""Exports for researchers: articles (or sightings) as CSV, JSON Lines or Parquet.

Filters are the same as `scraper search` and `scraper stats`. JSON columns become real
lists/objects in JSON Lines and Parquet, and stay JSON text in CSV.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TextIO

FORMATS = ("csv", "jsonl", "parquet")
# Columns holding JSON text in the articles table.
JSON_COLUMNS = {
    "source",
    "categories",
    "published_sources",
    "date_conflicts",
    "tags",
    "provenance",
    "missing",
}
# In Parquet, lists of names become list<string> columns; nested objects stay JSON text
# (their keys vary from row to row).
PARQUET_LIST_COLUMNS = {"source", "tags", "published_sources"}
TABLES = {
    "articles": ("articles", "published_at"),
    "sightings": ("list_item_sightings", "reference_time"),
}


def filters(
    *,
    site: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    time_column: str = "published_at",
) -> tuple[str, list[str]]:
    """A WHERE clause (possibly empty) and its parameters, for the common filters."""
    clauses, params = [], []
    for clause, value in (
        ("site = ?", site),
        ("category = ?", category),
        (f"{time_column} >= ?", since),
        (f"{time_column} <= ?", until),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def rows(db_path: str | Path, table: str = "articles", **filter_args: Any) -> Iterator[dict]:
    name, time_column = TABLES[table]
    where, params = filters(time_column=time_column, **filter_args)
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        cursor = conn.execute(f"SELECT * FROM {name}{where} ORDER BY rowid", params)
        for row in cursor:
            yield dict(row)


def _decoded(row: dict, columns: set[str] = JSON_COLUMNS) -> dict:
    return {k: json.loads(v) if k in columns and isinstance(v, str) else v for k, v in row.items()}


def export(
    db_path: str | Path,
    fmt: str,
    output: TextIO | str | Path,
    table: str = "articles",
    **filter_args: Any,
) -> int:
    """Write the rows; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    records = rows(db_path, table, **filter_args)
    if fmt == "parquet":
        return _parquet(records, output)
    stream = output if hasattr(output, "write") else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        count = 0
        if fmt == "jsonl":
            for row in records:
                stream.write(json.dumps(_decoded(row), ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = None
            for row in records:
                if writer is None:
                    writer = csv.DictWriter(stream, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                count += 1
        return count
    finally:
        if stream is not output:
            stream.close()


def _parquet(records: Iterator[dict], output: TextIO | str | Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError(
            "Parquet export needs pyarrow: pip install 'arabic-news-scraper[parquet]'"
        ) from None
    if hasattr(output, "write"):
        if output is sys.stdout:
            raise ValueError("Parquet is binary: give --output FILE")
        raise ValueError("Parquet needs a file path")
    decoded = [_decoded(row, PARQUET_LIST_COLUMNS) for row in records]
    table = pa.Table.from_pylist(decoded) if decoded else pa.table({})
    pq.write_table(table, str(output), compression="zstd")
    return len(decoded)
