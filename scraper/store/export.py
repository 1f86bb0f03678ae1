"""Exports for researchers: articles (or sightings) as CSV, JSON Lines or Parquet.

Filters are the same as `scraper search` and `scraper stats`. JSON columns become real
lists/objects in JSON Lines and Parquet, and stay JSON text in CSV. Times are UTC ISO 8601
text in CSV and JSON Lines, and `timestamp[us, tz=UTC]` values in Parquet.

CSV rows end in CRLF (RFC 4180, Python's csv default). `excel=True` (`--excel`) starts the
file with a UTF-8 byte order mark: without it Excel reads a CSV file in the machine's legacy
code page and shows Arabic as mojibake; with it, Excel, LibreOffice and Numbers read UTF-8.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from scraper.store.queries import export_columns, table_rows

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
# Columns holding times (UTC ISO 8601 text) in the exportable tables, articles and sightings.
TIME_COLUMNS = (
    "published_at",
    "published_earliest",
    "published_latest",
    "modified_at",
    "reference_time",
    "first_seen_at",
    "last_seen_at",
    "last_changed_at",
    "earliest",
    "latest",
)
BYTE_ORDER_MARK = "\ufeff"


def _decoded(row: dict, columns: set[str] = JSON_COLUMNS) -> dict:
    return {k: json.loads(v) if k in columns and isinstance(v, str) else v for k, v in row.items()}


def export(
    db_path: str | Path,
    fmt: str,
    output: TextIO | str | Path,
    table: str = "articles",
    *,
    excel: bool = False,
    **filter_args: Any,
) -> int:
    """Write the rows; return how many were written. `excel`: CSV with a byte order mark."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if excel and fmt != "csv":
        raise ValueError("--excel applies to CSV only")
    records = table_rows(db_path, table, **filter_args)
    if fmt == "parquet":
        return _parquet(records, output, _sqlite_types(db_path, table))
    stream = output if hasattr(output, "write") else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        count = 0
        if excel:
            stream.write(BYTE_ORDER_MARK)
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
            if writer is None:  # no row: the header alone, so a reader still gets the columns
                csv.writer(stream).writerow(export_columns(db_path, table))
        return count
    finally:
        if stream is not output:
            stream.close()


def _sqlite_types(db_path: str | Path, table: str) -> dict[str, str]:
    """Column -> declared SQLite type of an exportable table, in column order."""
    from scraper.store.queries import EXPORT_TABLES, read_only

    with closing(read_only(db_path)) as conn:
        return {
            row[1]: row[2].upper()
            for row in conn.execute(f"PRAGMA table_info({EXPORT_TABLES[table][0]})")
        }


def _parquet_schema(types: dict[str, str]) -> Any:
    """The table's columns typed from their declaration, not from the rows: every export of
    a table has the same schema, an empty one (filters selecting nothing) or one whose
    column holds only nulls alike, so files concatenate in pandas, R or DuckDB."""
    import pyarrow as pa

    def arrow_type(name: str, declared: str) -> Any:
        if name in TIME_COLUMNS:
            return pa.timestamp("us", tz="UTC")
        if name in PARQUET_LIST_COLUMNS:
            return pa.list_(pa.string())
        return {"INTEGER": pa.int64(), "REAL": pa.float64()}.get(declared, pa.string())

    return pa.schema([(name, arrow_type(name, declared)) for name, declared in types.items()])


def _parquet(records: Iterator[dict], output: TextIO | str | Path, types: dict[str, str]) -> int:
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
    for row in decoded:
        for name in TIME_COLUMNS:
            if name in row:
                row[name] = _utc_time(name, row[name])
    table = pa.Table.from_pylist(decoded, schema=_parquet_schema(types))
    pq.write_table(table, str(output), compression="zstd")
    return len(decoded)


def _utc_time(column: str, value: str | None) -> datetime | None:
    """A stored time (UTC ISO 8601 text) as an aware datetime; a time without an offset is
    UTC, as every time the store writes is."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column}: not an ISO 8601 time: {value!r}") from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
