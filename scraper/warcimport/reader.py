"""Read any WARC file (gzip per record, whole-file gzip, or none) as plain records.

fastwarc reads the records (chosen on the figures in docs/benchmarks.md, "WARC import": 3 to
7 times warcio's rate, and it reads whole-file gzip, which warcio refuses). Bodies are taken
as archived (`auto_decode="none"`) and decoded here: fastwarc's own decoding lost the record
after a decoded one in our tests, and a body that does not decode is then one record's
reason, not a lost file.

Each record comes out with where it lies in its file (the offset of its gzip member or
record, and its length up to the next one), so a stored page can point back at its bytes.
Damage never raises: a record cut short says so (`truncated`), and a file that stops
parsing ends with a `Damage` saying where and why.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

# The largest body read, as a crawl downloads at most this much (scraper.crawl.settings).
MAX_BODY = 16 * 1024 * 1024

_TYPE_NAMES = {
    int(WarcRecordType.warcinfo): "warcinfo",
    int(WarcRecordType.response): "response",
    int(WarcRecordType.resource): "resource",
    int(WarcRecordType.request): "request",
    int(WarcRecordType.metadata): "metadata",
    int(WarcRecordType.revisit): "revisit",
    int(WarcRecordType.conversion): "conversion",
    int(WarcRecordType.continuation): "continuation",
}


@dataclass
class WarcEntry:
    """One WARC record as the import needs it. `problem` is why its body cannot be used
    (`truncated`, `too-large`, `not-http`, `undecodable`), None when it can."""

    file: str
    offset: int
    record_type: str
    url: str | None
    date: datetime | None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    problem: str | None = None
    length: int = 0  # up to the next record (or the end of the file)


@dataclass(frozen=True)
class Damage:
    """Where a file stopped being readable, and why; records before it were read."""

    file: str
    offset: int
    reason: str


def read_warc(path: str | Path, max_body: int = MAX_BODY) -> Iterator[WarcEntry | Damage]:
    """Every record of the WARC file at `path`, in order, then a `Damage` if the file did not
    end cleanly. A record is yielded once the next one starts, so its length is known."""
    name = str(path)
    size = Path(path).stat().st_size
    pending: WarcEntry | None = None
    with open(path, "rb") as stream:
        records = iter(ArchiveIterator(stream, parse_http=True, auto_decode="none"))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except OSError as exc:  # fastwarc's word for a record it cannot parse
                if pending is None:
                    yield Damage(name, 0, f"not a WARC file: {exc}")
                    return
                # The record before is whole, but where it ends is not known.
                pending.length = 0
                yield pending
                reason = f"unreadable after the record at offset {pending.offset}: {exc}"
                yield Damage(name, pending.offset, reason)
                return
            entry = _entry(name, record, max_body)
            if pending is not None:
                pending.length = entry.offset - pending.offset
                yield pending
            pending = entry
    if pending is not None:
        pending.length = size - pending.offset
        yield pending


def _entry(name: str, record: WarcRecord, max_body: int) -> WarcEntry:
    headers = record.headers
    record_type = _TYPE_NAMES.get(int(record.record_type), "unknown")
    entry = WarcEntry(
        file=name,
        offset=record.stream_pos,
        record_type=record_type,
        url=_target(headers.get("WARC-Target-URI")),
        date=_warc_date(headers.get("WARC-Date")),
    )
    if record_type not in ("response", "revisit"):
        record.consume()
        return entry
    if headers.get("Content-Length") is None:  # mandatory: the record was cut in its headers
        record.consume()
        entry.problem = "truncated"
        return entry
    http = record.http_headers if record.is_http else None
    if http is None or http.status_code is None:
        # A response that is no HTTP message (dns:, whois:), or one cut inside its headers.
        declared = record.content_length
        entry.problem = "truncated" if record.consume() < declared else "not-http"
        return entry
    entry.status = http.status_code
    entry.headers = {}
    for key, value in http.items():
        entry.headers.setdefault(key, value)
    if record_type == "revisit":
        record.consume()
        return entry
    declared = record.content_length
    if declared > max_body:
        record.consume()
        entry.problem = "too-large"
        return entry
    raw = record.reader.read()
    if len(raw) < declared:
        entry.problem = "truncated"
        return entry
    try:
        entry.body = decode_body(raw, entry.headers)
    except (ValueError, zlib.error, OSError) as exc:
        entry.problem = "undecodable"
        entry.headers["X-Import-Problem"] = str(exc)[:200]
    return entry


def header(headers: dict[str, str], name: str) -> str:
    """The value of the header `name` (lower case), "" without one."""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


def decode_body(raw: bytes, headers: dict[str, str]) -> bytes:
    """The body as the server meant it: chunks joined, then its Content-Encoding undone."""
    if "chunked" in header(headers, "transfer-encoding").lower():
        raw = dechunk(raw)
    for coding in reversed(header(headers, "content-encoding").lower().split(",")):
        coding = coding.strip()
        if coding in ("gzip", "x-gzip"):
            raw = zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            try:
                raw = zlib.decompress(raw)
            except zlib.error:  # raw deflate, as some servers send it
                raw = zlib.decompress(raw, -zlib.MAX_WBITS)
        elif coding == "br":
            import brotli

            raw = brotli.decompress(raw)
        elif coding not in ("", "identity"):
            raise ValueError(f"unknown Content-Encoding {coding!r}")
    return raw


def dechunk(raw: bytes) -> bytes:
    """A chunked body's chunks, joined. A body that is not chunked after all (an archiver
    that kept the header but stored the body whole) is returned as it is."""
    out, position = bytearray(), 0
    while True:
        end = raw.find(b"\r\n", position)
        if end < 0:
            return raw if position == 0 else bytes(out)
        size_text = raw[position:end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            if position == 0:
                return raw
            raise ValueError("broken chunked encoding") from None
        if size == 0:
            return bytes(out)
        start = end + 2
        out += raw[start : start + size]
        position = start + size + 2


def _target(value: str | None) -> str | None:
    # Some archivers wrap the URI in angle brackets (WARC 1.0's grammar).
    return value.strip().strip("<>") if value else None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
