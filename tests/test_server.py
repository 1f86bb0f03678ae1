"""The replay server serves recorded statuses and headers: the recorded bytes to a crawler
asking for the recorded host, and links kept on itself for a browser."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from scraper.testkit.server import BUNDLED_SITE


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
