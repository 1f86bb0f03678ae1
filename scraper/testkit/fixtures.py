"""Fixture workflow: record a page as a crawler received it (or as a WARC file archived it),
keep the record extraction made of it for a person to review, and check later extraction
against it.

A fixture is three files in `tests/fixtures/<site>/`:
    <slug>.html            the body, byte for byte
    <slug>.response.json   {"url", "status", "headers", "fetched_at"}
    <slug>.expected.json   the reviewed output of `scraper extract` for that page

Nothing is written outside the fixtures root: the site's name and the page's slug are
checked (a plain name each: no `/`, no `..`) before anything is fetched or written, and a
symlink that would lead out is refused. `record_from_warc` reads the page from WARC files
and fetches nothing. `record` fetches http(s) URLs only, at most
RECORD_MAXSIZE bytes (the crawl's DOWNLOAD_MAXSIZE), and, like a crawl, never from an
internal address, unless the site is replayed (its replay server runs on 127.0.0.1: the
bundled site) or configured on an internal address; each redirect is checked the same way.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scraper.crawl.guard import is_local_site, parse_address, refusal_reason, resolve_now
from scraper.crawl.settings import DOWNLOAD_MAXSIZE
from scraper.extract import extract_page, iso
from scraper.sites import SiteConfig, load_site
from scraper.time import http_date

# The fixture folder of the project checkout the command runs in (`--root` names another).
FIXTURES_ROOT = Path("tests") / "fixtures"
USER_AGENT = "arabic-news-scraper fixture recorder"
# The largest page `record` saves: the largest a crawl downloads.
RECORD_MAXSIZE = DOWNLOAD_MAXSIZE
# A site's folder and a page's file: one plain name each.
_SITE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


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


def fixture_folder(root: Path, site: str) -> Path:
    """`root/site`, once `site` is a plain site name and the folder (if it exists) lies
    inside `root` (no symlink out). ValueError otherwise."""
    if not _SITE_NAME.fullmatch(site):
        raise ValueError(
            f"--site must be a site's name (a file in scraper/sites/, letters, digits, - "
            f"and _), not {site!r}: it names the fixture folder"
        )
    folder = root / site
    if folder.is_symlink() and not folder.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write through {folder}: a symlink out of {root}")
    return folder


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
    folder = fixture_folder(root, site)
    name = slug or slug_for(url)
    if not _SLUG.fullmatch(name):
        raise ValueError(f"a fixture's name is letters, digits, - and _, not {name!r}")
    html_path = folder / f"{name}.html"
    for path in (
        html_path,
        *(html_path.with_suffix(s) for s in (".response.json", ".expected.json")),
    ):
        if path.is_symlink():
            raise ValueError(f"refusing to write through {path}: a symlink")
    folder.mkdir(parents=True, exist_ok=True)
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


def record(
    url: str,
    site: str,
    root: Path = FIXTURES_ROOT,
    timeout: float = 30,
    maxsize: int | None = None,
) -> Path:
    """Fetch `url` (the CLI's job: a recorder may read the clock) and save it as a fixture.
    The body may take `timeout` seconds in all and `maxsize` bytes (RECORD_MAXSIZE)."""
    maxsize = RECORD_MAXSIZE if maxsize is None else maxsize
    # A site file with problems, or a name that is no plain name, stops here: nothing fetched.
    config = load_site(site)
    fixture_folder(root, site)
    check_recordable(url, config)
    opener = urllib.request.build_opener(_CheckedRedirects(config))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout
    with opener.open(request, timeout=timeout) as response:
        body = _read_bounded(response, url, maxsize, deadline)
        return save_fixture(
            site,
            response.url,
            body,
            response.status,
            dict(response.headers),
            datetime.now(UTC),
            root,
        )


# Headers that describe the body as it travelled; the fixture keeps it decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def record_from_warc(url: str, site: str, warcs: list[Path], root: Path = FIXTURES_ROOT) -> Path:
    """Save the page at `url` as a fixture from WARC files instead of fetching it: its last
    whole capture there, with the recorded status and headers and its WARC-Date as the
    fetch time. ValueError when the files hold no usable capture of it."""
    from scraper.extract.finish import normalize_url
    from scraper.warcimport.reader import WarcEntry, read_warc

    load_site(site)  # a site file with problems, or no plain name, stops here
    fixture_folder(root, site)
    wanted = normalize_url(url) or url
    found: WarcEntry | None = None
    problem = None
    for path in warcs:
        for entry in read_warc(path):
            if not isinstance(entry, WarcEntry) or entry.record_type != "response":
                continue
            if entry.url and (normalize_url(entry.url) or entry.url) == wanted:
                if entry.problem or entry.date is None:
                    problem = entry.problem or "no WARC-Date"
                else:
                    found, problem = entry, None
    if found is None:
        names = ", ".join(str(path) for path in warcs)
        why = f"its capture is {problem}" if problem else "no response record of it"
        raise ValueError(f"cannot record {url[:200]} from {names}: {why}")
    headers = {k: v for k, v in found.headers.items() if k.lower() not in _TRANSFER_HEADERS}
    return save_fixture(
        site, found.url or url, found.body, found.status or 200, headers, found.date, root
    )


def check_recordable(url: str, config: SiteConfig) -> None:
    """ValueError unless `record` may fetch `url` for the site `config`: http(s), and no
    internal address unless the site is replayed (then loopback and its replay's host) or
    configured on internal addresses (then its own hosts)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"only http and https URLs can be recorded, not {url[:200]!r}")
    host = parts.hostname
    if is_local_site(config):
        if host in config.hosts:
            return
    elif config.replay and (host == urlsplit(config.replay).hostname or _loopback(host)):
        return
    reason = refusal_reason(host, resolve_now(host))
    if reason:
        raise ValueError(f"refusing to record {url[:200]}: {reason}")


def _loopback(host: str) -> bool:
    try:
        return parse_address(host).is_loopback
    except ValueError:
        return host.rstrip(".") == "localhost"


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target checked as the first URL was."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        check_recordable(newurl, self.config)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_bounded(response: Any, url: str, maxsize: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isascii() and length.isdigit() and int(length) > maxsize:
        raise ValueError(
            f"{url[:200]} is {int(length)} bytes, above the {maxsize} bytes a fixture may be"
        )
    chunks = []
    received = 0
    while chunk := response.read(64 * 1024):
        received += len(chunk)
        if received > maxsize:
            raise ValueError(f"{url[:200]} is larger than the {maxsize} bytes a fixture may be")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url[:200]} took longer than its timeout to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


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
