"""Exports for researchers: articles (or sightings) as CSV, JSON Lines or Parquet.

Filters are the same as `scraper search` and `scraper stats`. JSON columns become real
lists/objects in JSON Lines and Parquet, and stay JSON text in CSV.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from scraper.store.queries import table_rows

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
    records = table_rows(db_path, table, **filter_args)
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
