"""Every fetched response kept in gzipped WARC files (ISO 28500), beside the database.

`WarcArchive` writes one site's run: a `warcinfo` record opening each file, then for each
response a `request` and a `response` record, each its own gzip member (so a reader can
seek to any record, and a killed run leaves at most its last member cut short). Files
rotate at `max_bytes`; their names sort by time and name the site and the run:
`20261202T014500Z-zox-demo-3f9a1c2e-00001.warc.gz`.

The response record holds the status line, the headers and the body as the downloader
received them: a body the server compressed stays compressed (`Content-Encoding` says
how; warcio, pywb and fastwarc decode it on reading), so the record's digests are those of
the bytes sent. The one thing Scrapy already undid is chunked transfer coding: the body is
whole, so `Transfer-Encoding` is left out of the record.

Durability: each record is written and flushed to the operating system as it arrives;
`sync()` fsyncs every file written since the last call. The store's writer calls it
before each commit (`scraper.store.writer.GroupCommitWriter`'s `before_commit`), so a row
that refers to a record never commits before the record's bytes are on disk, at the cost
of one fsync per commit, not per record.

`WarcArchiver` is the downloader middleware that drives it in a crawl (`SCRAPER_WARC`,
`SCRAPER_WARC_DIR`, `SCRAPER_WARC_MAX_BYTES`; stats `warc/records`, `warc/bytes`,
`warc/files`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import threading
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastwarc.warc import WarcRecord, WarcRecordType
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from scraper.items import ArchiveRef
from scraper.store.provenance import stored_name, warc_directory

DEFAULT_MAX_BYTES = 1 << 30
logger = logging.getLogger(__name__)
SOFTWARE = "arabic-news-scraper (fastwarc)"


# zlib's level 1: on a 95 KB article page 40% of the time of the default level 6 for 22%
# more bytes (1.0 against 2.4 ms; 19.2 against 15.6 KB): the crawl's throughput comes first.
GZIP_LEVEL = 1


def _gzip_member(data: bytes) -> bytes:
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip framing
    return compressor.compress(data) + compressor.flush()


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Open:
    path: Path
    handle: Any
    size: int
    info_size: int  # its warcinfo record's
    synced: bool = True


class WarcArchive:
    """The WARC files of one site's run. `write` may be called from the crawl's thread
    while `sync` runs in the store's writer thread."""

    def __init__(
        self,
        directory: str | Path,
        site: str,
        db: str | Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        started: datetime,
    ) -> None:
        self.directory = Path(directory)
        self.site = site
        self.db = db
        self.max_bytes = max_bytes
        self.run = uuid.uuid4().hex[:8]
        self.stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.records = 0
        self.bytes = 0
        self.files = 0
        self._current: _Open | None = None
        self._unsynced: list[_Open] = []  # rotated out, closed only after their fsync
        self._lock = threading.Lock()

    def write(self, request: Request, response: Response, when: datetime) -> ArchiveRef:
        """Archive one exchange; return where its response record lies."""
        date = _warc_date(when)
        url = response.url
        request_block = _request_block(request)
        response_block = _response_block(response)
        response_id = uuid.uuid4()
        response_member = _gzip_member(
            _record(WarcRecordType.response, url, date, response_block, record_id=response_id)
        )
        request_member = _gzip_member(
            _record(WarcRecordType.request, url, date, request_block, concurrent=response_id)
        )
        with self._lock:
            current = self._file(len(request_member) + len(response_member))
            handle = current.handle
            try:
                handle.write(request_member)
                offset = current.size + len(request_member)
                handle.write(response_member)
                handle.flush()  # to the operating system now; to the disk at the next sync
            except OSError:
                # (A full disk.) The file may end in part of a record now, as after a kill:
                # later records go to a new file, at offsets that are known.
                self._drop_current()
                raise
            written = len(request_member) + len(response_member)
            current.size += written
            current.synced = False
            self.records += 2
            self.bytes += written
        return ArchiveRef(stored_name(current.path, self.db), offset, len(response_member))

    def sync(self) -> None:
        """Make every record written so far durable (fsync), before rows that refer to
        them commit."""
        with self._lock:
            pending = [*self._unsynced]
            if self._current is not None and not self._current.synced:
                pending.append(self._current)
            for entry in pending:
                os.fsync(entry.handle.fileno())
                entry.synced = True
            for entry in self._unsynced:
                entry.handle.close()
            self._unsynced = []

    def close(self) -> None:
        self.sync()
        with self._lock:
            if self._current is not None:
                self._current.handle.close()
                self._current = None

    def _drop_current(self) -> None:
        current, self._current = self._current, None
        if current is not None:
            with contextlib.suppress(OSError):
                current.handle.close()

    def _file(self, incoming: int) -> _Open:
        """The file to write `incoming` bytes to: a new one when none is open or the open
        one would pass the cap (a record larger than the cap gets a file of its own)."""
        current = self._current
        if current is not None and current.size + incoming <= self.max_bytes:
            return current
        if current is not None and current.size == current.info_size:
            return current  # only its warcinfo yet: the oversized record goes here
        if current is not None:
            self._unsynced.append(current)  # closed by the next sync, after its fsync
        self.files += 1
        self.directory.mkdir(parents=True, exist_ok=True)
        site = quote(self.site, safe="_.")
        path = self.directory / f"{self.stamp}-{site}-{self.run}-{self.files:05d}.warc.gz"
        handle = open(path, "xb")  # noqa: SIM115 - open until rotated or closed
        info = self._info_member(path)
        try:
            handle.write(info)
            handle.flush()
        except OSError:
            with contextlib.suppress(OSError):
                handle.close()
            raise
        self._current = _Open(path, handle, len(info), len(info), synced=False)
        self.bytes += len(info)
        self.records += 1
        if current is None:
            # The directory entry of the first file must survive a crash too.
            _fsync_directory(self.directory)
        return self._current

    def _info_member(self, path: Path) -> bytes:
        fields = (
            f"software: {SOFTWARE}\r\nformat: WARC File Format 1.1\r\n"
            f"isPartOf: {self.site}\r\ndescription: run {self.run} started {self.stamp}\r\n"
        ).encode()
        record = WarcRecord()
        record.init_headers(WarcRecordType.warcinfo)
        record.headers["WARC-Date"] = _stamp_date(self.stamp)
        record.headers["WARC-Filename"] = path.name
        record.headers["Content-Type"] = "application/warc-fields"
        record.set_bytes_content(fields)
        return _gzip_member(_serialize(record))


def _stamp_date(stamp: str) -> str:
    return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _record(
    kind: WarcRecordType,
    url: str,
    date: str,
    block: bytes,
    *,
    record_id: uuid.UUID | None = None,
    concurrent: uuid.UUID | None = None,
) -> bytes:
    record = WarcRecord()
    if record_id is not None:
        record.init_headers(kind, record_urn=f"uuid:{record_id}".encode())
    else:
        record.init_headers(kind)
    record.headers["WARC-Date"] = date
    record.headers["WARC-Target-URI"] = url
    msgtype = "request" if kind == WarcRecordType.request else "response"
    record.headers["Content-Type"] = f"application/http; msgtype={msgtype}"
    if concurrent:
        record.headers["WARC-Concurrent-To"] = f"<urn:uuid:{concurrent}>"
    record.set_bytes_content(block)
    return _serialize(record, digests=True)


def _serialize(record: WarcRecord, digests: bool = False) -> bytes:
    buffer = io.BytesIO()
    record.write(buffer, checksum_data=digests)
    return buffer.getvalue()


def _header_lines(headers: Any, leave_out: frozenset[bytes] = frozenset()) -> bytes:
    lines = b""
    for name, values in headers.items():
        if name.lower() in leave_out:
            continue
        for value in values:
            lines += name + b": " + value + b"\r\n"
    return lines


def _request_block(request: Request) -> bytes:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    head = f"{request.method} {target} HTTP/1.1\r\n".encode("latin-1", "replace")
    if b"Host" not in request.headers:
        head += b"Host: " + parts.netloc.encode("latin-1", "replace") + b"\r\n"
    return head + _header_lines(request.headers) + b"\r\n" + (request.body or b"")


_LEFT_OUT = frozenset({b"transfer-encoding"})


def _response_block(response: Response) -> bytes:
    protocol = getattr(response, "protocol", None) or "HTTP/1.1"
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = ""
    status = f"{protocol} {response.status} {phrase}".rstrip() + "\r\n"
    return (
        status.encode("latin-1", "replace")
        + _header_lines(response.headers, _LEFT_OUT)
        + b"\r\n"
        + response.body
    )


@dataclass(frozen=True)
class Archived:
    """What the archive did with a request's latest response (in `request.meta["warc"]`):
    the response it is (URL, status), the reference time its WARC-Date states, and where
    its record lies. A redirect's target overwrites its source's."""

    url: str
    status: int
    reference: datetime
    ref: ArchiveRef


class WarcArchiver:
    """Downloader middleware: each response, as received (before decompression, redirects
    and retries), into the run's WARC files. The WARC-Date is the reference time the spider
    stores for the page (its `reference_time`: the plausible Date header, else the fetch
    clock), read once here and handed on in the request's meta."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("SCRAPER_WARC", True):
            raise NotConfigured("SCRAPER_WARC is off")
        self.crawler = crawler
        self.db = settings.get("SCRAPER_DB_PATH", "news.db")
        self.directory = Path(settings.get("SCRAPER_WARC_DIR") or warc_directory(self.db))
        self.max_bytes = settings.getint("SCRAPER_WARC_MAX_BYTES", DEFAULT_MAX_BYTES)
        self.archive: WarcArchive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiver:
        archiver = cls(crawler)
        crawler.signals.connect(archiver.spider_opened, signal=signals.spider_opened)
        # After the store has committed its last rows (its spider_closed is awaited).
        crawler.signals.connect(archiver.engine_stopped, signal=signals.engine_stopped)
        return archiver

    def spider_opened(self, spider: Spider) -> None:
        site = getattr(getattr(spider, "site_config", None), "name", None) or spider.name
        self.archive = WarcArchive(
            self.directory,
            site,
            self.db,
            max_bytes=self.max_bytes,
            started=datetime.now(UTC),  # run metadata: the file names' time
        )
        # The store's writer syncs the archive before each commit.
        spider.warc_archive = self.archive

    def engine_stopped(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self._stats()

    def process_response(self, request: Request, response: Response) -> Response:
        if self.archive is None:
            return response
        spider = self.crawler.spider
        reader = getattr(spider, "reference_time", None)
        when = reader(response) if reader is not None else datetime.now(UTC)
        # On the crawl's thread, synchronously: about 1.4 ms for a 95 KB page. Handing it to
        # a thread (asyncio.to_thread from an async middleware) cost more than it saved:
        # 16-20% of the crawl's throughput against 8-15% this way (make bench-warc).
        try:
            ref = self.archive.write(request, response, when)
        except OSError as exc:
            # A full disk: the page goes on unarchived (its rows without provenance, never
            # pointing at bytes that are not there), counted and logged.
            stats = self.crawler.stats
            stats.inc_value("warc/errors")
            if stats.get_value("warc/errors") == 1:
                logger.error("WARC archive: %s; pages go on unarchived (warc/errors)", exc)
            return response
        request.meta["warc"] = Archived(response.url, response.status, when, ref)
        self._stats()
        return response

    def _stats(self) -> None:
        stats = self.crawler.stats
        assert self.archive is not None
        stats.set_value("warc/records", self.archive.records)
        stats.set_value("warc/bytes", self.archive.bytes)
        stats.set_value("warc/files", self.archive.files)
