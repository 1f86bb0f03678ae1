"""A crawl with the project's settings, against a small server on 127.0.0.1: it opens no
listening port of its own (no telnet console, no remote control, no job file), and a huge
robots.txt is obeyed up to its bound, with one warning and no traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from scraper.testkit.server import serving

# A crawl in its own process (Scrapy's reactor runs once per process) with the project's
# settings, minus the project's own item pipelines and extensions, which want a database.
CRAWL = r"""
import json, os, sys
from types import SimpleNamespace

from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

base, jobs, out = sys.argv[1], sys.argv[2], sys.argv[3]
paths = sys.argv[4:]


def listening_ports():
    sockets = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            sockets.add(link[len("socket:["):-1])
    ports = []
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in sockets:  # 0A: LISTEN
                    ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


class Probe(Spider):
    name = "probe"
    # On 127.0.0.1 like a generated benchmark site, so the address guard lets it through.
    site_config = SimpleNamespace(
        start_urls=(base + "/",), sitemaps=(), feeds=(), replay=None, hosts=frozenset()
    )
    seen = {}
    failures = {}

    async def start(self):
        for path in paths:
            yield Request(base + path, errback=self.failed)

    def parse(self, response):
        self.seen[response.url[len(base):]] = response.status
        self.seen["listening"] = listening_ports()

    def failed(self, failure):
        # As the project's spider does: a page that failed is handled, not logged with its
        # traceback (what is left in the log is the crawl's own).
        self.failures[failure.request.url[len(base):]] = type(failure.value).__name__


settings = Settings()
settings.setmodule("scraper.crawl.settings", priority="project")
for name in ("EXTENSIONS", "SPIDER_MIDDLEWARES"):
    kept = {k: v for k, v in settings.getdict(name).items() if not k.startswith("scraper.")}
    settings.set(name, kept)
settings.set("ITEM_PIPELINES", {})
settings.set("SCRAPER_WARC", False)  # no store, so no archive (it would land in the checkout)
settings.set("REMOTE_CONTROL_JOBS_DIR", jobs)
settings.set("LOG_LEVEL", "INFO")
settings.set("DOWNLOAD_DELAY", 0)
settings.set("AUTOTHROTTLE_ENABLED", False)
settings.setdict(json.loads(os.environ.get("PROBE_SETTINGS", "{}")))
process = CrawlerProcess(settings, install_root_handler=True)
crawler = process.create_crawler(Probe)
process.crawl(crawler)
process.start()
stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("robotstxt/")}
with open(out, "w") as handle:
    json.dump({"seen": Probe.seen, "failures": Probe.failures, "stats": stats}, handle)
"""

ROBOTS_BOUND = 500 * 1024


def robots_txt(size: int) -> bytes:
    """A robots.txt of `size` bytes: rules for everyone first, then comments, then a rule
    beyond any bound, which the crawler must never see."""
    head = b"User-agent: *\nDisallow: /private/\n"
    tail = b"User-agent: *\nDisallow: /page\n"
    filler = b"# " + b"x" * 97 + b"\n"
    body = head + filler * ((size - len(head) - len(tail)) // len(filler))
    return body + b"#" * (size - len(body) - len(tail) - 1) + b"\n" + tail


class Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # for the chunked robots.txt
    robots = b""
    chunked = False

    def do_GET(self) -> None:
        body = self.robots if self.path == "/robots.txt" else b"<html><body>page</body></html>"
        try:
            self.send_response(200)
            self.send_header(
                "Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html"
            )
            if self.chunked and self.path == "/robots.txt":
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(body), 65536):
                    chunk = body[start : start + 65536]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler stopped reading: what the bound is for

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, type[Site]]]:
    handler = type("OneSite", (Site,), {})
    with serving(handler) as base_url:
        yield base_url, handler


def crawl(base: str, tmp_path: Path, *paths: str, **settings: object) -> tuple[dict, str]:
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL, encoding="utf-8")
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, str(script), base, str(tmp_path / "jobs"), str(out), *paths],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "PROBE_SETTINGS": json.dumps(settings)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8")), done.stderr


def test_a_crawl_opens_no_listening_port_and_writes_no_job_file(site, tmp_path):
    base, handler = site
    handler.robots = b"User-agent: *\nAllow: /\n"
    result, log = crawl(base, tmp_path, "/page")
    assert result["seen"]["/page"] == 200
    assert result["seen"]["listening"] == []
    assert "Telnet console listening" not in log and "Remote control" not in log
    assert not (tmp_path / "jobs").exists()


@pytest.mark.parametrize(
    "chunked",
    [False, pytest.param(True, marks=pytest.mark.slow)],  # slow: a crawl, about 4 s
    ids=["content-length", "chunked"],
)
def test_a_16_mib_robots_txt_is_obeyed_up_to_its_bound_without_a_traceback(site, tmp_path, chunked):
    base, handler = site
    handler.robots = robots_txt(17 * 1024 * 1024)  # above DOWNLOAD_MAXSIZE (16 MiB) too
    handler.chunked = chunked
    result, log = crawl(base, tmp_path, "/page", "/private/x")
    # The rules at the top are obeyed; the one 17 MiB down was never read.
    assert result["seen"]["/page"] == 200
    assert "/private/x" not in result["seen"]
    assert result["stats"]["robotstxt/forbidden"] == 1
    assert result["stats"]["robotstxt/truncated"] == 1
    warnings = [line for line in log.splitlines() if "WARNING" in line and "robots.txt" in line]
    assert len(warnings) == 1 and "SCRAPER_ROBOTSTXT_MAXSIZE" in warnings[0], log[-3000:]
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]


@pytest.mark.slow  # a crawl, about 4 s
def test_a_robots_txt_within_the_bound_is_read_whole(site, tmp_path):
    base, handler = site
    handler.robots = robots_txt(ROBOTS_BOUND)  # its last rule, at the very end, counts
    result, log = crawl(base, tmp_path, "/page", "/private/x")
    assert result["seen"] == {}
    assert result["stats"]["robotstxt/forbidden"] == 2
    assert "robotstxt/truncated" not in result["stats"]
    assert "SCRAPER_ROBOTSTXT_MAXSIZE" not in log


def test_a_robots_txt_host_that_refuses_connections_is_one_warning_not_a_traceback(tmp_path):
    # A port nothing listens on: the robots.txt (and then the page) meets connection refused.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    result, log = crawl(base, tmp_path, "/page", RETRY_TIMES=1, RETRY_BACKOFF_BASE=0.1)
    assert "Traceback" not in log, log[-3000:]
    warnings = [line for line in log.splitlines() if "robots.txt of" in line]
    assert len(warnings) == 1 and "WARNING" in warnings[0], log[-3000:]
    assert (
        f"robots.txt of 127.0.0.1:{port} not fetched (DownloadConnectionRefusedError" in warnings[0]
    )
    assert "crawling it as if it had none" in warnings[0]
    # As Scrapy does: counted, and the host crawled as if it allowed everything.
    assert result["stats"]["robotstxt/request_count"] == 1
    assert [key for key in result["stats"] if key.startswith("robotstxt/exception_count/")]
    assert "robotstxt/forbidden" not in result["stats"]
    assert result["failures"] == {"/page": "DownloadConnectionRefusedError"}
