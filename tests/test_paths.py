"""Paths and inputs made from arguments: `fixtures record` writes under its root and nowhere
else, fetches http(s) only, within a size bound and never from an internal address (but for
a replayed site's local server); `extract` reads a bounded page."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from scraper.cli import EXTRACT_MAXSIZE, main
from scraper.sites import SITES
from scraper.testkit.fixtures import record, save_fixture, slug_for
from scraper.testkit.server import BUNDLED_SITE, serving

ARTICLE = "pages/post-10322.html"


def article_path() -> str:
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    return next(e for e in manifest["responses"] if e.get("file") == ARTICLE)["path"]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


@pytest.mark.parametrize(
    ("site", "why"),
    [
        ("../sites/zox-demo", "--site must be a site's name"),  # loads, then refused
        ("SITE_FILE", "--site must be a site's name"),
        ("../../zox-demo", "no site configuration"),
        ("", "no site configuration"),
    ],
)
def test_record_writes_nothing_outside_its_root(site, why, replay_server, tmp_path, capsys):
    root = tmp_path / "fixtures"
    if site == "SITE_FILE":  # a site file's path, which became the folder itself
        site = str(tmp_path / "elsewhere" / "zox-demo.toml")
        Path(site).parent.mkdir()
        Path(site).write_bytes((SITES / "zox-demo.toml").read_bytes())
    before = files_under(tmp_path)
    code = main(
        ["fixtures", "record", replay_server + article_path(), "--site", site, "--root", str(root)]
    )
    assert code == 2
    assert why in capsys.readouterr().err
    assert files_under(tmp_path) == before


def test_record_refuses_a_symlink_out_of_its_root(replay_server, tmp_path):
    root, outside = tmp_path / "fixtures", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "zox-demo").symlink_to(outside)
    with pytest.raises(ValueError, match="symlink out of"):
        record(replay_server + article_path(), "zox-demo", root)
    assert list(outside.iterdir()) == []
    # A symlinked page inside the folder is no way out either.
    (root / "zox-demo").unlink()
    (root / "zox-demo").mkdir()
    target = outside / "victim.txt"
    target.write_text("keep me")
    page = slug_for(replay_server + article_path())
    (root / "zox-demo" / f"{page}.response.json").symlink_to(target)
    with pytest.raises(ValueError, match="a symlink"):
        record(replay_server + article_path(), "zox-demo", root)
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("slug", ["../evil", "/tmp/evil", "a/b", "..", ".hidden"])
def test_a_page_name_stays_a_plain_name(slug, tmp_path):
    with pytest.raises(ValueError, match="a fixture's name"):
        save_fixture(
            "zox-demo", "https://x.example/", b"<html/>", 200, {}, datetime.now(UTC), tmp_path, slug
        )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "data:text/html,<html><body><h1>x</h1></body></html>",
        "ftp://127.0.0.1/x.html",
    ],
)
def test_record_fetches_http_only(url, tmp_path):
    with pytest.raises(ValueError, match="only http and https"):
        record(url, "zox-demo", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_record_has_a_size_bound(replay_server, tmp_path, monkeypatch, capsys):
    # The default bound is the crawl's page bound (16 MiB); a small one shows the refusal.
    monkeypatch.setattr("scraper.testkit.fixtures.RECORD_MAXSIZE", 10_000)
    code = main(
        [
            "fixtures",
            "record",
            replay_server + article_path(),
            "--site",
            "zox-demo",
            "--root",
            str(tmp_path),
        ]
    )
    assert code == 2
    assert "above the 10000 bytes a fixture may be" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_public_site_is_not_recorded_from_an_internal_address(replay_server, tmp_path):
    # example-zox is a real site: the local server is no place to record it from.
    with pytest.raises(ValueError, match="resolves to an internal address"):
        record(replay_server + article_path(), "example-zox", tmp_path)
    with pytest.raises(ValueError, match="internal address"):
        record("http://0x7f.1:9/x", "example-zox", tmp_path)
    assert list(tmp_path.iterdir()) == []


class Redirects(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.path[len("/to/") :])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def redirector() -> Iterator[str]:
    with serving(Redirects) as base_url:
        yield f"{base_url}/to/"


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "internal address"),
        ("http://[::ffff:10.0.0.1]/", "internal address"),
        ("ftp://127.0.0.1/x.html", "only http and https"),
    ],
)
def test_a_redirect_is_checked_like_the_first_url(redirector, target, why, tmp_path):
    # The bundled site is replayed: its local server may be recorded, nothing it points at.
    with pytest.raises(ValueError, match=why):
        record(redirector + target, "zox-demo", tmp_path, timeout=2)
    assert list(tmp_path.iterdir()) == []


def test_extract_refuses_a_file_above_its_bound_before_any_output(tmp_path, capsys):
    small = BUNDLED_SITE / ARTICLE
    large = tmp_path / "large.html"
    with large.open("wb") as handle:
        handle.truncate(EXTRACT_MAXSIZE + 1)  # sparse: no 32 MiB written
    code = main(["extract", str(small), str(large), "--reference", "2025-12-15T12:00:00Z"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert (
        err.strip()
        == f"scraper extract: error: {large} is larger than 32 MiB, the most extract reads of a page"
    )


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("{tmp}/missing.html", "no file {tmp}/missing.html"),
        ("{tmp}", "{tmp} is a directory: give the pages in it (e.g. {tmp}/*.html)"),
        ("https://www.example.com/news/1", "https://www.example.com/news/1 is a URL: extract"),
    ],
)
def test_extract_refuses_a_page_it_cannot_read_before_any_output(
    tmp_path, capsys, argument, message
):
    # A batch with one bad name prints nothing, rather than the pages before it only.
    page = str(BUNDLED_SITE / ARTICLE)
    code = main(["extract", page, argument.format(tmp=tmp_path), "--reference", "2025-12-15"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("scraper extract: error: " + message.format(tmp=tmp_path))


def test_extract_refuses_a_large_stdin_after_a_file_before_any_output(monkeypatch, capsys):
    stdin = io.BytesIO(b"<p>" * (EXTRACT_MAXSIZE // 3 + 1))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    page = str(BUNDLED_SITE / ARTICLE)
    code = main(["extract", page, "-", "--reference", "2025-12-15T12:00:00Z"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "stdin is larger than 32 MiB" in err


def test_extract_reads_at_most_its_bound_of_stdin(monkeypatch, capsys):
    stdin = io.BytesIO(b"<p>" * (EXTRACT_MAXSIZE // 3 + 1))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    code = main(["extract", "-", "--reference", "2025-12-15T12:00:00Z"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "stdin is larger than 32 MiB" in err
    assert stdin.tell() == EXTRACT_MAXSIZE + 1  # read no further than the bound needs
    # At the bound, a page is read whole.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * EXTRACT_MAXSIZE)))
    assert main(["extract", "-", "--reference", "2025-12-15T12:00:00Z"]) == 0
    assert json.loads(capsys.readouterr().out)["page_type"]
