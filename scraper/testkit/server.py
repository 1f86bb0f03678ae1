"""The local replay server: serves a saved site from its manifest on 127.0.0.1.

Each response is replayed with its recorded status and headers (Date included, so relative
times resolve the same on every run). Pages were saved under the site's real origin. A
request whose `Host` is that origin's host (the crawler replaying the site under its real
URLs, scraper.crawl.replay) gets the recorded bytes unchanged; any other (a browser on
127.0.0.1:PORT) gets them with the origin rewritten to the server's own address, so that its
links stay on the replay.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from scraper.testkit import BUNDLED_SITE

if TYPE_CHECKING:
    from scraper.testkit.faults import FaultPlan
    from scraper.testkit.hostile import HostileServing

# Headers the server computes itself rather than replaying.
_COMPUTED = {"content-length", "transfer-encoding", "connection", "content-encoding"}


def send_response(
    handler: BaseHTTPRequestHandler,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    verbatim: Mapping[str, str] | None = None,
    length: int | None = None,
) -> None:
    """Answer `handler`'s request: the status, `headers` but those the server computes
    (`_COMPUTED`: a recorded Content-Length, Transfer-Encoding or Content-Encoding describes
    the body as it was recorded, not as it is sent), then `verbatim` as they are (a fault's
    own Content-Encoding or Connection), the Content-Length of `body` (or the `length` a
    truncated body claims), and the body unless the request was HEAD."""
    handler.send_response_only(status)
    for name, value in headers.items():
        if name.lower() not in _COMPUTED:
            handler.send_header(name, value)
    for name, value in (verbatim or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


@dataclass(frozen=True)
class Recorded:
    status: int
    headers: dict[str, str]
    body: bytes


class ReplaySite:
    """A saved site: its manifest and bodies, looked up by request path. The manifest is
    `site_dir`'s, or one given whole (`from_warc`: its entries carry their bodies)."""

    def __init__(self, site_dir: Path = BUNDLED_SITE, manifest: dict | None = None) -> None:
        self.site_dir = Path(site_dir)
        if manifest is None:
            manifest = json.loads((self.site_dir / "manifest.json").read_text(encoding="utf-8"))
        self.origin: str = manifest["origin"].rstrip("/")
        self.host: str = urlsplit(self.origin).hostname or ""
        self.name: str = manifest.get("site", self.site_dir.name)
        self.entries: dict[str, dict] = {}
        for entry in manifest["responses"]:
            self.entries[_path_key(entry["path"])] = entry

    def lookup(self, path: str, served_origin: str | None) -> Recorded | None:
        """The recorded response for `path`; with `served_origin`, links rewritten to it."""
        entry = self.entries.get(_path_key(path))
        if entry is None:
            return None
        body = entry.get("body", b"")
        if entry.get("file"):
            body = (self.site_dir / entry["file"]).read_bytes()
        if body and served_origin:
            body = self.rewrite(body, served_origin)
        headers = dict(entry.get("headers", {}))
        if served_origin:
            headers = {
                name: self.rewrite(value.encode("utf-8"), served_origin).decode("utf-8")
                for name, value in headers.items()
            }
        return Recorded(status=int(entry.get("status", 200)), headers=headers, body=body)

    @classmethod
    def from_warc(cls, paths: list[Path]) -> ReplaySite:
        """The responses archived in WARC files, as a saved site: those of the origin most of
        them came from, each path's last capture (revisits, and records cut short or not
        HTTP, are left out)."""
        from scraper.warcimport.reader import WarcEntry, read_warc

        captures: dict[str, dict[str, dict]] = {}
        for path in paths:
            for entry in read_warc(path):
                if not isinstance(entry, WarcEntry) or entry.record_type != "response":
                    continue
                if entry.problem or entry.status is None or not entry.url:
                    continue
                parts = urlsplit(entry.url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    continue
                origin = f"{parts.scheme}://{parts.netloc}"
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                captures.setdefault(origin, {})[_path_key(target or "/")] = {
                    "path": target or "/",
                    "status": entry.status,
                    "headers": entry.headers,
                    "body": entry.body,
                }
        if not captures:
            raise ValueError("no HTTP response in " + ", ".join(str(p) for p in paths))
        origin = max(captures, key=lambda name: len(captures[name]))
        manifest = {
            "site": urlsplit(origin).hostname,
            "origin": origin,
            "responses": list(captures[origin].values()),
        }
        return cls(Path(paths[0]).parent, manifest=manifest)

    def served_origin(self, host_header: str | None, own_address: tuple[str, int]) -> str | None:
        """The origin to rewrite a response to: none for a request naming the recorded host,
        else the server's own address."""
        if host_header and urlsplit("//" + host_header.strip()).hostname == self.host:
            return None
        return f"http://{own_address[0]}:{own_address[1]}"

    def rewrite(self, data: bytes, served_origin: str) -> bytes:
        served = served_origin.rstrip("/").encode()
        recorded = self.origin.encode()
        data = data.replace(recorded, served)
        # JSON-escaped form, as some plugins print URLs inside scripts.
        return data.replace(recorded.replace(b"/", b"\\/"), served.replace(b"/", b"\\/"))


def _path_key(path: str) -> str:
    """Compare paths the way a server would: decoded, then re-encoded one way."""
    parts = urlsplit(path)
    key = quote(unquote(parts.path), safe="/-_.~!$&'()*+,;=:@").lower()
    return key + ("?" + parts.query if parts.query else "")


def _not_modified(request: Any, recorded: dict[str, str]) -> bool:
    """Answer a conditional request the way a web server would."""
    etag = recorded.get("ETag")
    if etag and request.get("If-None-Match"):
        return etag in [tag.strip() for tag in request["If-None-Match"].split(",")]
    since = parsedate_to_datetime_or_none(request.get("If-Modified-Since"))
    modified = parsedate_to_datetime_or_none(recorded.get("Last-Modified"))
    return since is not None and modified is not None and modified <= since


def parsedate_to_datetime_or_none(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def make_server(
    site_dir: Path = BUNDLED_SITE,
    host: str = "127.0.0.1",
    port: int = 0,
    faults: FaultPlan | None = None,
    hostile: HostileServing | None = None,
    warcs: list[Path] | None = None,
) -> ThreadingHTTPServer:
    """The replay server; with `faults`, HTML article and category pages get the plan's faults
    (see scraper.testkit.faults) on GET, and everything else is replayed as recorded. With
    `hostile`, the requests its scenario changes get the scenario's answer
    (scraper.testkit.hostile). With `warcs`, the site served is the one archived in those
    WARC files (`ReplaySite.from_warc`), not `site_dir`."""
    site = ReplaySite.from_warc(warcs) if warcs else ReplaySite(site_dir)
    if faults is not None:
        faults.deal(
            key
            for key, entry in site.entries.items()
            if faults.eligible(
                key,
                int(entry.get("status", 200)),
                entry.get("headers", {}).get("Content-Type", ""),
            )
        )

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "replay"

        def do_GET(self) -> None:
            if faults is not None and self._faulted():
                return
            if hostile is not None and hostile.respond(
                self, site, self.path, self._served_origin()
            ):
                return
            self._respond()

        def _faulted(self) -> bool:
            """Serve the plan's fault for this request, if it has one."""
            from scraper.testkit.faults import loop_key, serve_fault

            key = loop_key(_path_key(self.path))
            entry = site.entries.get(key)
            if entry is None:
                return False
            status = int(entry.get("status", 200))
            if not faults.eligible(key, status, entry.get("headers", {}).get("Content-Type", "")):
                return False
            _attempt, kind = faults.next_attempt(key)
            if kind is None:
                return False
            found = site.lookup(key, self._served_origin())
            headers = {k: v for k, v in found.headers.items() if k.lower() not in _COMPUTED}
            serve_fault(self, faults, kind, key, found.status, headers, found.body)
            return True

        def _served_origin(self) -> str | None:
            return site.served_origin(self.headers.get("Host"), self.server.server_address[:2])

        def do_HEAD(self) -> None:
            if hostile is not None and hostile.respond(
                self, site, self.path, self._served_origin()
            ):
                return
            self._respond()

        def _respond(self) -> None:
            found = site.lookup(self.path, self._served_origin())
            if found is None:
                found = Recorded(404, {"Content-Type": "text/plain; charset=utf-8"}, b"not found\n")
            elif found.status == 200 and _not_modified(self.headers, found.headers):
                found = Recorded(304, {"Date": found.headers.get("Date", "")}, b"")
            send_response(self, found.status, found.headers, found.body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the crawler logs what matters

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that hangs up (a killed crawl) is not the server's problem

    server = QuietServer((host, port), Handler)
    server.site = site  # type: ignore[attr-defined]
    server.faults = faults  # type: ignore[attr-defined]
    server.hostile = hostile  # type: ignore[attr-defined]
    server.daemon_threads = True
    return server


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` in a thread on a free port of 127.0.0.1 (a test's own little site):
    `with serving(Handler) as base_url: ...`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class BackgroundServer:
    """Run the replay server in a thread: `with BackgroundServer() as base_url: ...`."""

    def __init__(
        self,
        site_dir: Path = BUNDLED_SITE,
        port: int = 0,
        faults: FaultPlan | None = None,
        hostile: HostileServing | None = None,
        warcs: list[Path] | None = None,
    ) -> None:
        self.faults = faults
        self.hostile = hostile
        self.server = make_server(site_dir, port=port, faults=faults, hostile=hostile, warcs=warcs)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> str:
        self.thread.start()
        return self.base_url

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
