"""The replay server serves recorded statuses and headers: the recorded bytes to a crawler
asking for the recorded host, and links kept on itself for a browser."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from scraper.testkit.server import BUNDLED_SITE, send_response


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_replays_status_headers_and_rewrites_the_origin(replay_server):
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    home = next(e for e in manifest["responses"] if e["path"] == "/")
    status, headers, body = fetch(replay_server + "/")
    assert status == 200
    assert headers["Date"] == home["headers"]["Date"]
    assert headers["Content-Type"] == home["headers"]["Content-Type"]
    text = body.decode("utf-8")
    assert manifest["origin"] not in text
    assert replay_server + "/category/" in text


def fetch_as(replay_server: str, path: str, host: str):
    """GET `path` from the replay server with `host` in the Host header, as the crawler's
    replay handler sends it."""
    address = urlsplit(replay_server)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_the_recorded_host_gets_the_recorded_bytes_unchanged(replay_server):
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    host = urlsplit(manifest["origin"]).hostname
    home = next(e for e in manifest["responses"] if e["path"] == "/")
    status, headers, body = fetch_as(replay_server, "/", host)
    assert status == 200
    assert body == (BUNDLED_SITE / home["file"]).read_bytes()
    assert headers["Link"] == home["headers"]["Link"]
    assert manifest["origin"] in headers["Link"]
    moved = next(e for e in manifest["responses"] if e["status"] == 301)
    status, headers, _ = fetch_as(replay_server, moved["path"], f"{host}:443")
    assert (status, headers["Location"]) == (301, moved["headers"]["Location"])
    # Any other Host (a browser on the server's address) keeps getting links to the server.
    _, _, body = fetch_as(replay_server, "/", urlsplit(replay_server).netloc)
    assert manifest["origin"].encode() not in body
    assert (replay_server + "/category/").encode() in body


def test_recorded_errors_and_unknown_paths(replay_server):
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["responses"]:
        if entry["status"] in (404, 301):
            request = urllib.request.Request(replay_server + entry["path"], method="HEAD")
            opener = urllib.request.build_opener(NoRedirect)
            try:
                status = opener.open(request, timeout=10).status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == entry["status"]
    assert fetch(replay_server + "/no/such/page/")[0] == 404


def test_percent_encoding_case_does_not_matter(replay_server):
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    article = next(
        e
        for e in manifest["responses"]
        if e["path"].startswith("/20") and "%d8" in e["path"] and e["status"] == 200
    )
    status, _, _ = fetch(replay_server + article["path"].upper())
    assert status == 200


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Handler:
    """What send_response uses of a BaseHTTPRequestHandler, recording what it sends."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.sent: list[tuple[str, str]] = []
        self.body = b""

    def send_response_only(self, status: int) -> None:
        self.sent.append(("status", str(status)))

    def send_header(self, name: str, value: str) -> None:
        self.sent.append((name, value))

    def end_headers(self) -> None:
        self.sent.append(("end", ""))

    def write(self, data: bytes) -> None:
        self.body += data

    @property
    def wfile(self) -> _Handler:
        return self


def test_one_send_drops_recorded_framing_headers_and_keeps_a_faults_own():
    recorded = {
        "Content-Type": "text/html; charset=UTF-8",
        "Content-Length": "99999",
        "Transfer-Encoding": "chunked",
        "Content-Encoding": "gzip",  # recorded bodies are stored decoded
        "Connection": "keep-alive",
    }
    get = _Handler("GET")
    send_response(get, 200, recorded, b"<p>body</p>")
    assert get.sent == [
        ("status", "200"),
        ("Content-Type", "text/html; charset=UTF-8"),
        ("Content-Length", "11"),
        ("end", ""),
    ]
    assert get.body == b"<p>body</p>"
    head = _Handler("HEAD")
    send_response(head, 200, recorded, b"<p>body</p>")
    assert ("Content-Length", "11") in head.sent and head.body == b""
    # A truncated fault claims the whole length and closes; a bad-gzip fault says gzip.
    fault = _Handler("GET")
    send_response(fault, 200, {}, b"half", verbatim={"Connection": "close"}, length=8)
    assert fault.sent[1:3] == [("Connection", "close"), ("Content-Length", "8")]
