"""WARC files built for tests and benchmarks: the bundled site, the fixture sites, and
CC-NEWS-shaped mixes (many hosts, response records only, foreign pages, binary records,
revisits, a truncated tail).

Records are written by hand, one gzip member each as web archives keep them (or the whole
file as one gzip stream, or uncompressed), so a test can damage the bytes exactly where it
means to.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import uuid
from base64 import b32encode
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path

from scraper.testkit.server import BUNDLED_SITE

_REASONS = {status.value: status.phrase for status in HTTPStatus}


def _digest(data: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_date(value: datetime | str) -> str:
    """`value` (a datetime or an HTTP date) as a WARC-Date."""
    when = parsedate_to_datetime(value) if isinstance(value, str) else value
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def http_block(status: int, headers: Mapping[str, str], body: bytes) -> bytes:
    """An HTTP/1.1 response as a WARC response record's block: status line, headers, body."""
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body


def warc_record(
    record_type: str,
    block: bytes,
    *,
    uri: str | None = None,
    date: str = "2025-12-15T09:00:00Z",
    content_type: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> bytes:
    """One uncompressed WARC/1.1 record."""
    headers = {
        "WARC-Type": record_type,
        "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
        "WARC-Date": date,
    }
    if uri is not None:
        headers["WARC-Target-URI"] = uri
    if content_type is not None:
        headers["Content-Type"] = content_type
    headers["WARC-Block-Digest"] = _digest(block)
    headers.update(extra or {})
    headers["Content-Length"] = str(len(block))
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


class WarcBuilder:
    """Records collected in order, then written: `gzip="member"` (one gzip member per
    record, as crawlers write them), `"whole"` (one gzip stream) or `"none"`."""

    def __init__(self, gzip: str = "member") -> None:
        if gzip not in ("member", "whole", "none"):
            raise ValueError(f"gzip must be member, whole or none, not {gzip!r}")
        self.gzip = gzip
        self.records: list[bytes] = []

    def add(self, record: bytes) -> None:
        self.records.append(record)

    def warcinfo(self, software: str = "scraper.testkit.warcs") -> None:
        block = f"software: {software}\r\nformat: WARC File Format 1.1\r\n".encode()
        self.add(warc_record("warcinfo", block, content_type="application/warc-fields"))

    def response(
        self,
        url: str,
        body: bytes,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        date: str | None = None,
    ) -> None:
        """A response record; its WARC-Date is `date`, else the response's Date header."""
        headers = dict(headers or {"Content-Type": "text/html; charset=UTF-8"})
        when = date or warc_date(headers.get("Date") or "Mon, 15 Dec 2025 09:00:00 GMT")
        block = http_block(status, headers, body)
        payload = {"WARC-Payload-Digest": _digest(body)}
        self.add(
            warc_record(
                "response",
                block,
                uri=url,
                date=when,
                content_type="application/http; msgtype=response",
                extra=payload,
            )
        )

    def request(self, url: str, date: str = "2025-12-15T09:00:00Z") -> None:
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        host = url.split("/")[2]
        block = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        self.add(
            warc_record(
                "request",
                block,
                uri=url,
                date=date,
                content_type="application/http; msgtype=request",
            )
        )

    def revisit(self, url: str, date: str = "2025-12-16T09:00:00Z") -> None:
        """An identical-payload revisit: headers only, the body is in an earlier record."""
        block = http_block(200, {"Content-Type": "text/html; charset=UTF-8"}, b"")
        profile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
        self.add(
            warc_record(
                "revisit",
                block,
                uri=url,
                date=date,
                content_type="application/http; msgtype=response",
                extra={"WARC-Profile": profile},
            )
        )

    def metadata(self, url: str) -> None:
        block = b"fetchTimeMs: 120\r\n"
        self.add(warc_record("metadata", block, uri=url, content_type="application/warc-fields"))

    def bytes(self) -> bytes:
        if self.gzip == "none":
            return b"".join(self.records)
        if self.gzip == "whole":
            return gzip.compress(b"".join(self.records), compresslevel=6)
        out = io.BytesIO()
        for record in self.records:
            out.write(gzip.compress(record, compresslevel=6))
        return out.getvalue()

    def write(self, path: Path, truncate: int = 0) -> Path:
        """Write the file; `truncate` bytes cut from its end (a crawler killed mid-record)."""
        data = self.bytes()
        Path(path).write_bytes(data[: len(data) - truncate] if truncate else data)
        return Path(path)


def manifest_responses(site_dir: Path = BUNDLED_SITE) -> Iterable[tuple[str, int, dict, bytes]]:
    """(url, status, headers, body) of every response a saved site's manifest records."""
    manifest = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    origin = manifest["origin"].rstrip("/")
    for entry in manifest["responses"]:
        body = (site_dir / entry["file"]).read_bytes() if entry.get("file") else b""
        url = origin + entry["path"]
        yield url, int(entry.get("status", 200)), dict(entry.get("headers", {})), body


def site_warc(builder: WarcBuilder, site_dir: Path = BUNDLED_SITE) -> WarcBuilder:
    """Every response of a saved site, each after its request record, as a crawler
    archives them."""
    builder.warcinfo()
    for url, status, headers, body in manifest_responses(site_dir):
        date = warc_date(headers.get("Date") or "Mon, 15 Dec 2025 09:00:00 GMT")
        builder.request(url, date)
        builder.response(url, body, status=status, headers=headers, date=date)
    return builder


def fixture_pages(folder: Path) -> Iterable[tuple[str, int, dict, bytes, str]]:
    """(url, status, headers, body, fetched_at) of every fixture page in `folder`
    (`<slug>.html` beside `<slug>.response.json`)."""
    for meta in sorted(folder.glob("*.response.json")):
        response = json.loads(meta.read_text(encoding="utf-8"))
        body = meta.with_name(meta.name.replace(".response.json", ".html")).read_bytes()
        yield (
            response["url"],
            int(response.get("status", 200)),
            dict(response["headers"]),
            body,
            response["fetched_at"],
        )


def fixtures_warc(builder: WarcBuilder, folders: Iterable[Path]) -> WarcBuilder:
    """The fixture pages of `folders` as response records only (CC-NEWS keeps no requests),
    each dated by its fetch time."""
    for folder in folders:
        for url, status, headers, body, fetched_at in fixture_pages(folder):
            builder.response(url, body, status=status, headers=headers, date=fetched_at)
    return builder


def real_pages(root: Path, limit: int | None = None) -> Iterable[tuple[str, bytes, str]]:
    """(url, body, crawl date) of the real foreign pages in `root` (tests/fixtures/real:
    gzipped HTML and `manifest.jsonl`), none of them Arabic."""
    lines = (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:limit]:
        entry = json.loads(line)
        body = gzip.decompress((root / entry["file"]).read_bytes())
        crawled = datetime.fromisoformat(entry["crawl_date"])  # UTC, written without an offset
        yield entry["url"], body, warc_date(crawled.replace(tzinfo=crawled.tzinfo or UTC))


# A one-page PDF and a 1x1 PNG: binary records as news crawls hold them.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def ccnews_warc(
    builder: WarcBuilder, fixture_folders: Iterable[Path], real_root: Path, real_limit: int = 5
) -> WarcBuilder:
    """A CC-NEWS-shaped file: response records only, many hosts (the fixture sites' pages),
    foreign-language pages (real ones), a PDF and an image, a 404 and a revisit. The fixture
    pages come last, so a truncated tail cuts one of them."""
    for url, body, date in real_pages(real_root, real_limit):
        builder.response(url, body, date=date)
    date = "2025-12-15T09:00:00Z"
    pdf_headers = {"Content-Type": "application/pdf"}
    builder.response(
        "https://www.sada-alkhaleej.example/report.pdf", PDF, headers=pdf_headers, date=date
    )
    builder.response(
        "https://www.nabaa-beirut.example/logo.png",
        PNG,
        headers={"Content-Type": "image/png"},
        date=date,
    )
    missing = b"<html><body><h1>Not found</h1></body></html>"
    builder.response("https://www.sada-alurdun.example/gone/", missing, status=404, date=date)
    builder.revisit("https://www.bawabat-alnil.example/")
    return fixtures_warc(builder, fixture_folders)
