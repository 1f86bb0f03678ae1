"""The commands a reader runs often (`scraper extract`, `search`, `dates`, `--help`) start
without the crawl's modules: no Scrapy or Twisted, no Redis client, no replay server, no
lookup of the package's version (`--version` alone asks), no site files' loader unless a
site is named, trafilatura only where the generic path reads a page, sqlite-utils only
where the store is written, and w3lib's URL module (with urllib.request and http.client)
only for a link that is not plain. Each command runs
in a fresh interpreter, which reports what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
THEME_PAGE = PROJECT / "tests/fixtures/zox-demo/post-10259.html"
FOREIGN_PAGE = PROJECT / "tests/fixtures/real/de/DW_2023_04_28.html.gz"

# Runs `scraper.cli.main(argv)` and prints, on its last line, the exit status and the
# imported modules among those that belong to a crawl or to the generic path.
PROBE = r"""
import json, sys
from scraper.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
watched = ("scrapy", "twisted", "redis", "http.server", "scraper.crawl", "scraper.testkit.server",
           "importlib.metadata", "scraper.sites", "trafilatura", "sqlite_utils", "w3lib.url",
           "urllib.request")
imported = sorted(
    name for name in watched
    if any(module == name or module.startswith(name + ".") for module in sys.modules)
)
print(json.dumps({"status": status, "imported": imported}))
"""


def run_command(*argv: str, stdin: str = "") -> tuple[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT,
    )
    output, _, report = done.stdout.rstrip("\n").rpartition("\n")
    return output, json.loads(report)


def test_help_imports_nothing_of_a_crawl():
    output, report = run_command("--help")
    assert report == {"status": 0, "imported": []}
    assert "crawl" in output and "extract" in output


def test_dates_imports_nothing_of_a_crawl():
    output, report = run_command(
        "dates", "--reference", "2026-01-01T12:00:00Z", stdin="منذ 3 ساعات\n"
    )
    assert report == {"status": 0, "imported": []}
    assert "2026-01-01T09:00:00" in output


def test_search_imports_nothing_of_a_crawl(fixture_db):
    output, report = run_command("search", "--db", str(fixture_db), "تركيا")
    assert report == {"status": 0, "imported": []}
    assert "تركيا" in output


def test_extract_of_a_theme_page_imports_neither_a_crawl_nor_trafilatura():
    output, report = run_command("extract", str(THEME_PAGE))
    assert report == {"status": 0, "imported": []}
    assert json.loads(output)["article"]["profile"].startswith("zox")


def test_extract_of_a_foreign_page_imports_trafilatura_but_nothing_of_a_crawl():
    output, report = run_command(
        "extract", "--reference", "2024-01-01T00:00:00Z", str(FOREIGN_PAGE)
    )
    # trafilatura looks up package versions and imports urllib.request itself; the page
    # has links with queries, which w3lib spells.
    assert report == {
        "status": 0,
        "imported": ["importlib.metadata", "trafilatura", "urllib.request", "w3lib.url"],
    }
    assert json.loads(output)["article"]["profile"] == "generic@1"


@pytest.mark.parametrize("command", ["crawl", "merge", "serve-site", "fleet"])
def test_every_other_command_still_parses(command):
    output, report = run_command(command, "--help")
    assert report["status"] == 0 and f"scraper {command}" in output
