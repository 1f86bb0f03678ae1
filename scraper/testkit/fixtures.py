"""Fixture workflow: record a page as a crawler received it, keep the record extraction made
of it for a person to review, and check later extraction against it.

A fixture is three files in `tests/fixtures/<site>/`:
    <slug>.html            the body, byte for byte
    <slug>.response.json   {"url", "status", "headers", "fetched_at"}
    <slug>.expected.json   the reviewed output of `scraper extract` for that page
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scraper.extract import extract_page, iso
from scraper.sites import load_site
from scraper.time import http_date

# The fixture folder of the project checkout the command runs in (`--root` names another).
FIXTURES_ROOT = Path("tests") / "fixtures"
USER_AGENT = "arabic-news-scraper fixture recorder"


def page_output(page: Any) -> dict[str, Any]:
    """The JSON object `scraper extract` prints for a page: its records as stored."""
    return {
        "url": page.url,
        "page_type": page.page_type,
        "reason": page.reason,
        "article": page.article.as_dict() if page.article else None,
        "list_items": [item.as_dict() for item in page.list_items],
    }


def slug_for(url: str) -> str:
    """An ASCII file name for a URL (Arabic slugs get a short hash of the URL)."""
    path = unquote(urlsplit(url).path).strip("/") or "home"
    slug = re.sub(r"[^\w]+", "-", path.split("/")[-1], flags=re.ASCII).strip("-").lower()
    if len(slug) < 3:
        slug = "page-" + hashlib.sha1(url.encode()).hexdigest()[:10]
    return slug[:60]


def extract_fixture(html_path: Path, site: str) -> dict[str, Any]:
    response = json.loads(html_path.with_suffix(".response.json").read_text(encoding="utf-8"))
    headers = {k.lower(): v for k, v in response["headers"].items()}
    reference = http_date(headers.get("date")) or datetime.fromisoformat(
        response["fetched_at"].replace("Z", "+00:00")
    )
    config = load_site(site)
    page = extract_page(
        html_path.read_bytes(),
        response["url"],
        reference,
        site=config.name,
        profile=config.extraction_profile(),
        timezone=config.timezone,
        content_type=headers.get("content-type"),
    )
    return page_output(page)


def save_fixture(
    site: str,
    url: str,
    body: bytes,
    status: int,
    headers: dict[str, str],
    fetched_at: datetime,
    root: Path = FIXTURES_ROOT,
    slug: str | None = None,
) -> Path:
    """Write the three files of a fixture; return the HTML path."""
    folder = root / site
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{slug or slug_for(url)}.html"
    html_path.write_bytes(body)
    response = {"url": url, "status": status, "headers": headers, "fetched_at": iso(fetched_at)}
    html_path.with_suffix(".response.json").write_text(
        json.dumps(response, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    write_expected(html_path, site)
    return html_path


def write_expected(html_path: Path, site: str) -> None:
    record = extract_fixture(html_path, site)
    html_path.with_suffix(".expected.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def record(url: str, site: str, root: Path = FIXTURES_ROOT, timeout: float = 30) -> Path:
    """Fetch `url` (the CLI's job: a recorder may read the clock) and save it as a fixture."""
    load_site(site)  # a site file with problems stops here, before anything is fetched
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read()
        return save_fixture(
            site,
            response.url,
            body,
            response.status,
            dict(response.headers),
            datetime.now(UTC),
            root,
        )


@dataclass
class Difference:
    fixture: Path
    diff: str


def fixtures(root: Path = FIXTURES_ROOT) -> list[tuple[Path, str]]:
    """Every recorded fixture as (html path, site name)."""
    found = []
    for response in sorted(root.glob("*/*.response.json")):
        html = response.with_name(response.name.replace(".response.json", ".html"))
        found.append((html, response.parent.name))
    return found


def check(root: Path = FIXTURES_ROOT) -> tuple[int, list[Difference]]:
    """Re-extract every fixture; return how many were checked and the differences."""
    differences = []
    checked = 0
    for html, site in fixtures(root):
        expected_path = html.with_suffix(".expected.json")
        got = json.dumps(extract_fixture(html, site), ensure_ascii=False, indent=2, sort_keys=True)
        expected = (
            expected_path.read_text(encoding="utf-8").rstrip("\n") if expected_path.exists() else ""
        )
        checked += 1
        if got != expected:
            diff = "\n".join(
                difflib.unified_diff(
                    expected.splitlines(),
                    got.splitlines(),
                    f"{expected_path} (reviewed)",
                    "extracted now",
                    lineterm="",
                    n=2,
                )
            )
            differences.append(Difference(html, diff))
    return checked, differences


def update(root: Path = FIXTURES_ROOT) -> int:
    count = 0
    for html, site in fixtures(root):
        write_expected(html, site)
        count += 1
    return count
