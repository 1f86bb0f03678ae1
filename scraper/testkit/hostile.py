"""Hostile scenarios: the replay server serving one trap, hostile header or bad input of
issue 16 at a time, seeded, on 127.0.0.1.

Each scenario changes only what it names; every other request is served as the bundled
site serves it (scraper.testkit.server). `SCENARIOS` is the one table of what each does and
what a crawl meeting it must end with (exit code, the failure row or stat that says so);
`scraper.testkit.hostile_run` (`make hostile-test`) crawls each one and checks it.

    with BackgroundServer(hostile=HostileServing("endless-pagination")) as base_url:
        ...
    scraper serve-site --hostile endless-pagination

`full-disk` is no server scenario: the clean site, crawled into a database on a
filesystem too small for it (the runner mounts it).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scraper.ops.monitor import EXIT_FAILURES, EXIT_OK
from scraper.testkit.server import send_response

# A trap that is not stopped serves this many pages a minute on this machine; the deadline
# is what ends it then.
TRAP_DEADLINE = 60.0
# Peak RSS of one crawl of the bundled site is about 110 MiB; a crawl above this bound holds
# something it should not (a queue of 50,000 requests, a whole 16 MiB page, ...).
MEMORY_BOUND_MIB = 512
FLOOD_LINKS = 50_000
NESTING_DEPTH = 100_000
# Just over DOWNLOAD_MAXSIZE (16 MiB): Scrapy's robots.txt middleware then logged the
# cancelled download with a traceback and went on as if there were no robots.txt.
ROBOTS_SIZE = 16 * 1024 * 1024 + 64 * 1024
# The largest X-WP-TotalPages the spider takes as a page count (it refuses ten digits and
# more with a failure row since the header fix): the API "claims a billion pages" as far
# as the crawler can believe it.
API_CLAIMED_PAGES = "999999999"
LYING_CHARSETS = ("windows-1256", "koi8-r", "cp720", "gb18030")
GARBAGE_PAGE_COUNTS = ("many", "\u00b2", "1e9", "-1", "0x10", "1000000000")
HOSTILE_DATES = {
    "date-9999": "Fri, 31 Dec 9999 23:59:59 GMT",
    "date-0001": "Mon, 01 Jan 0001 00:00:00 GMT",
}


@dataclass
class Outcome:
    """What one crawl of a scenario left behind, for its evidence check."""

    exit_code: int | None  # None: killed at the deadline
    stats: dict[str, Any]
    failures: list[tuple[str, str, str]]  # (url, stage, reason) of the run
    stderr: str
    db: Any  # Path of the crawl's database
    served: Counter = field(default_factory=Counter)  # the server's count per hostile kind
    extra_files: list[Any] = field(default_factory=list)  # files the crawl left beside the db


Evidence = Callable[[Outcome], str | None]


@dataclass(frozen=True)
class Scenario:
    name: str
    problem: str  # what the server does (or the runner arranges), in the words
    expected_exit: int  # docs/operations.md "Exit codes"
    promise: str  # what says the problem was met: a failure row, a stat, a record
    evidence: Evidence  # None when the promise holds, else what is missing
    # URLs (path and query, as stored) the scenario changes: left out of the comparison
    # with the reference crawl. Everything else must be equal.
    touched: str = r"(?!)"
    start: str = "fresh"  # "fresh": an empty database; "reference": a copy of the reference
    # "complete": every untouched article (its content hash) and page (its sightings count)
    # as in the reference; "text": the same on headline and body only (a scenario that moves
    # the reference time changes the times read from the page); "stored": what is stored
    # equals the reference (a run cut short may store less)
    compare: str = "complete"
    deadline: float = 30.0
    crawl_args: tuple[str, ...] = ()
    server: bool = True


# -- evidence ----------------------------------------------------------------------------------


def _failure_about(pattern: str, *, url: str = "", what: str = "") -> Evidence:
    """A failure row whose reason matches `pattern` (and whose URL matches `url`)."""

    def check(outcome: Outcome) -> str | None:
        for row_url, _stage, reason in outcome.failures:
            if re.search(pattern, reason, re.IGNORECASE) and re.search(url, row_url):
                return None
        return f"no failure row {what or 'matching ' + repr(pattern)}"

    return check


def _stopped_by_budget(outcome: Outcome) -> str | None:
    """A trap must be named where the operator reads: a budget or trap stat or finish reason,
    or a failure row saying which."""
    named = [
        key
        for key, value in outcome.stats.items()
        if re.search(r"budget|trap|capped", key, re.IGNORECASE) and value
    ]
    reason = str(outcome.stats.get("finish_reason", ""))
    if named or re.search(r"budget|trap|closespider", reason, re.IGNORECASE):
        return None
    if any(re.search(r"budget|trap|cap", r, re.IGNORECASE) for _u, _s, r in outcome.failures):
        return None
    return "no budget or trap named in the run's stats, finish reason or failure rows"


def _implausible_date_used(outcome: Outcome) -> str | None:
    import sqlite3
    from datetime import UTC, datetime, timedelta

    if not outcome.stats.get("reference/implausible_date"):
        return "stat reference/implausible_date not counted"
    ceiling = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    with sqlite3.connect(outcome.db) as conn:
        bad = conn.execute(
            "SELECT count(*) FROM articles WHERE last_seen_at > ? OR first_seen_at < '1991' "
            "OR published_at > ? OR published_at < '1991'",
            (ceiling, ceiling),
        ).fetchone()[0]
        bad += conn.execute(
            "SELECT count(*) FROM list_item_sightings WHERE reference_time > ? "
            "OR reference_time < '1991'",
            (ceiling,),
        ).fetchone()[0]
    return f"{bad} stored times outside 1991..now+1 day" if bad else None


def _retried_cleanly(outcome: Outcome) -> str | None:
    sent = outcome.served.get("retry-after-superscript", 0)
    if not sent:
        return "the server sent no Retry-After: \u00b2"
    if outcome.stats.get("retry/count", 0) < sent:
        return f"{outcome.stats.get('retry/count', 0)} retries for {sent} 503s"
    raised = [r for _u, stage, r in outcome.failures if stage not in ("http", "download")]
    return f"failure rows from the crawler's code: {raised[:2]}" if raised else None


# Scrapy's own robots.txt stats: they count the fetch, they do not say it was bounded.
_SCRAPY_ROBOTS_STATS = re.compile(
    r"^robotstxt/(request_count|response_count|response_status_count|exception_count)"
)


def _robots_handled(outcome: Outcome) -> str | None:
    if "Traceback" in outcome.stderr:
        return "a traceback in the log"
    if any("robots.txt" in url for url, _s, _r in outcome.failures):
        return None
    own = [
        key
        for key, value in outcome.stats.items()
        if "robots" in key and value and not _SCRAPY_ROBOTS_STATS.match(key)
    ]
    return None if own else "no failure row or stat saying robots.txt was too large"


def _fallback_failure_file(outcome: Outcome) -> str | None:
    lines = sum(
        len(path.read_text(encoding="utf-8", errors="replace").splitlines())
        for path in outcome.extra_files
        if "fail" in path.name
    )
    return None if lines else "no failure lines in a file beside the database"


def _all(*checks: Evidence) -> Evidence:
    def check(outcome: Outcome) -> str | None:
        for one in checks:
            problem = one(outcome)
            if problem:
                return problem
        return None

    return check


def _nothing_needed(outcome: Outcome) -> str | None:
    return None


# -- the table -------------------------------------------------------------------------------

_CATEGORY = r"/category/[^/?]+/"
SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "sitemap-self-loop",
            "the sitemap index links to itself with a fresh query string on every answer",
            EXIT_FAILURES,
            "a budget or trap named; exit 4",
            _stopped_by_budget,
            touched=r"^/sitemap_index\.xml\?",
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "query-listings",
            "every category page links to itself with a new ?sort=N",
            EXIT_FAILURES,
            "a budget or trap named; exit 4",
            _stopped_by_budget,
            touched=_CATEGORY + r"\?",
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "endless-pagination",
            "category pages /page/N/ answer for every N, each linking to N+1",
            EXIT_FAILURES,
            "a budget or trap named; exit 4",
            _stopped_by_budget,
            touched=_CATEGORY + r"page/(?:[3-9]|\d\d+)/",
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "api-billion-pages",
            f"the REST API claims X-WP-TotalPages: {API_CLAIMED_PAGES} and every page answers",
            EXIT_FAILURES,
            "a budget or trap named; exit 4",
            _stopped_by_budget,
            touched=r"^/wp-json/wp/v2/posts\?.*page=(?:[2-9]|\d\d+)(?:&|$)",
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "link-flood",
            f"the home page carries {FLOOD_LINKS:,} more article links (each a 404)",
            EXIT_FAILURES,
            "the link cap named; exit 4",
            _stopped_by_budget,
            touched=r"^/$|^/2025/12/15/flood-\d+/",
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "date-9999",
            f"every response has Date: {HOSTILE_DATES['date-9999']}",
            EXIT_OK,
            "the fetch time used (no stored time after now + 1 day); "
            "reference/implausible_date counted",
            _implausible_date_used,
            compare="text",
        ),
        Scenario(
            "date-0001",
            f"every response has Date: {HOSTILE_DATES['date-0001']}",
            EXIT_OK,
            "the fetch time used (no stored time before 1991); reference/implausible_date counted",
            _implausible_date_used,
            compare="text",
        ),
        Scenario(
            "lying-charset",
            "re-fetch of every stored page: UTF-8 bytes and <meta charset=UTF-8> under a "
            "Content-Type charset of " + ", ".join(LYING_CHARSETS),
            EXIT_OK,
            "no stored article changed (the comparison with the reference)",
            _nothing_needed,
            start="reference",
            # Re-fetch every stored article (the bundled ones are a year old).
            crawl_args=("--recent-days", "36500"),
        ),
        Scenario(
            "nesting-bomb",
            f"one article page is {NESTING_DEPTH:,} nested divs (about 1.1 MB)",
            EXIT_OK,
            "a failure row for the page; the crawl goes on",
            _failure_about(r"nest|depth|parse", what="about the nesting"),
            touched=r"^/2025/12/15/%d8%b9%d8%a7%d8%ac%d9%84-",  # the first post of the sitemap
            deadline=TRAP_DEADLINE,
        ),
        Scenario(
            "robots-16mib",
            "robots.txt is 16 MiB and 64 KiB (allowing everything)",
            EXIT_OK,
            "no traceback; a failure row or a stat saying robots.txt was too large; "
            "the crawl goes on",
            _robots_handled,
        ),
        Scenario(
            "retry-after-superscript",
            "some pages answer 503 with Retry-After: \u00b2 once, then the page",
            EXIT_OK,
            "each 503 retried; no failure row from the crawler's code",
            _retried_cleanly,
        ),
        Scenario(
            "wp-totalpages-garbage",
            "the REST API's X-WP-TotalPages is not a number (seeded: "
            + ", ".join(repr(v) for v in GARBAGE_PAGE_COUNTS)
            + ")",
            EXIT_OK,
            "a failure row 'X-WP-TotalPages is not a page count'",
            _failure_about(r"X-WP-TotalPages", url=r"/wp-json/", what="about X-WP-TotalPages"),
        ),
        Scenario(
            "http-500-everywhere",
            "after a first good crawl, every request answers 500",
            EXIT_FAILURES,
            "failure rows 'HTTP 500'; nothing stored is lost",
            _failure_about(r"HTTP 500", what="'HTTP 500'"),
            start="reference",
        ),
        Scenario(
            "full-disk",
            "the database is on a filesystem smaller than the crawl needs",
            EXIT_FAILURES,
            "failure lines in a file beside the database; what is stored equals the reference",
            _fallback_failure_file,
            compare="stored",
            server=False,
        ),
    )
}
SERVER_SCENARIOS = tuple(name for name, s in SCENARIOS.items() if s.server)


# -- the server's side -------------------------------------------------------------------------


def _unit(seed: int, *parts: object) -> float:
    text = "\0".join(str(part) for part in (seed, *parts))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") / 2**64


_PAGINATION = re.compile(rb'(<div class="pagination">)')
_PAGED = re.compile(r"^(/category/[^/?]+/)page/(\d+)/$")
_CATEGORY_FIRST = re.compile(r"^/category/[^/?]+/$")
_API_POSTS = "/wp-json/wp/v2/posts"


class HostileServing:
    """The server's side of one scenario: `respond` answers a request the scenario changes
    and returns True; for any other request it returns False and the site is replayed."""

    def __init__(self, scenario: str, seed: int = 16) -> None:
        if scenario not in SERVER_SCENARIOS:
            raise ValueError(
                f"unknown hostile scenario {scenario!r} (one of: {', '.join(SERVER_SCENARIOS)})"
            )
        self.scenario = scenario
        self.seed = seed
        self.served: Counter = Counter()
        self._attempts: Counter = Counter()
        self._lock = threading.Lock()

    def count(self, kind: str) -> int:
        """Count one hostile answer of `kind`; returns how many were served before it."""
        with self._lock:
            before = self.served[kind]
            self.served[kind] += 1
            return before

    def respond(self, handler: Any, site: Any, path: str, served_origin: str | None) -> bool:
        method = getattr(self, "_" + self.scenario.replace("-", "_"))
        return method(handler, site, path, served_origin)

    # -- helpers --

    @staticmethod
    def _origin(site: Any, served_origin: str | None) -> str:
        return (served_origin or site.origin).rstrip("/")

    def _recorded(self, site: Any, key: str, served_origin: str | None) -> Any:
        found = site.lookup(key, served_origin)
        if found is None:  # pragma: no cover - the bundled site has every page named here
            raise LookupError(key)
        return found

    # -- traps --

    def _sitemap_self_loop(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        if urlsplit(path).path != "/sitemap_index.xml":
            return False
        before = self.count("sitemap-self-loop")
        found = self._recorded(site, "/sitemap_index.xml", origin)
        fresh = f"{self._origin(site, origin)}/sitemap_index.xml?v={before + 1}"
        entry = f"<sitemap><loc>{fresh}</loc></sitemap></sitemapindex>".encode()
        send_response(handler, 200, found.headers, found.body.replace(b"</sitemapindex>", entry))
        return True

    def _query_listings(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        parts = urlsplit(path)
        if not _CATEGORY_FIRST.match(parts.path.lower()):
            return False
        before = self.count("query-listings")
        found = self._recorded(site, parts.path, origin)
        link = f"<a href='{parts.path}?sort={before + 1}'>{before + 1}</a>".encode()
        body = _PAGINATION.sub(lambda m: m.group(1) + link, found.body, count=1)
        send_response(handler, 200, found.headers, body)
        return True

    def _endless_pagination(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        match = _PAGED.match(urlsplit(path).path.lower())
        if not match:
            return False
        number = int(match.group(2))
        found = self._recorded(site, match.group(1) + "page/2/", origin)
        if number > 2:
            self.count("endless-pagination")
        link = f"<a href='{match.group(1)}page/{number + 1}/'>Next &rsaquo;</a>".encode()
        body = _PAGINATION.sub(lambda m: m.group(1) + link, found.body, count=1)
        send_response(handler, 200, found.headers, body)
        return True

    def _api_billion_pages(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        return self._api(handler, site, path, origin, API_CLAIMED_PAGES, "api-billion-pages")

    def _wp_totalpages_garbage(
        self, handler: Any, site: Any, path: str, origin: str | None
    ) -> bool:
        pick = GARBAGE_PAGE_COUNTS[int(_unit(self.seed, "pages") * len(GARBAGE_PAGE_COUNTS))]
        return self._api(handler, site, path, origin, pick, "wp-totalpages-garbage")

    def _api(
        self, handler: Any, site: Any, path: str, origin: str | None, pages: str, kind: str
    ) -> bool:
        parts = urlsplit(path)
        if parts.path != _API_POSTS:
            return False
        page = parse_qs(parts.query).get("page", ["1"])[0]
        if page != "1" or kind == "wp-totalpages-garbage":
            self.count(kind)
        # Every page answers with the recorded first page: the posts keep coming.
        found = self._recorded(site, _API_POSTS + "?per_page=100&page=1", origin)
        # http.server sends header values as Latin-1; "²" is one byte there, as on the wire.
        headers = {**found.headers, "X-WP-TotalPages": pages}
        send_response(handler, 200, headers, found.body)
        return True

    def _link_flood(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        if urlsplit(path).path != "/":
            return False
        self.count("link-flood")
        found = self._recorded(site, "/", origin)
        base = self._origin(site, origin)
        flood = "".join(
            f'<a href="{base}/2025/12/15/flood-{n}/" rel="bookmark">{n}</a>'
            for n in range(FLOOD_LINKS)
        ).encode()
        body = found.body.replace(b"</body>", b"<div>" + flood + b"</div></body>", 1)
        send_response(handler, 200, found.headers, body)
        return True

    # -- headers and bodies --

    def _date_9999(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        return self._dated(handler, site, path, origin, HOSTILE_DATES["date-9999"])

    def _date_0001(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        return self._dated(handler, site, path, origin, HOSTILE_DATES["date-0001"])

    def _dated(self, handler: Any, site: Any, path: str, origin: str | None, date: str) -> bool:
        found = site.lookup(path, origin)
        if found is None:
            return False
        self.count("date")
        send_response(handler, found.status, {**found.headers, "Date": date}, found.body)
        return True

    def _lying_charset(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        found = site.lookup(path, origin)
        if found is None or "html" not in found.headers.get("Content-Type", "").lower():
            return False
        # Conditional requests are answered in full: a re-fetch must meet the lie.
        charset = LYING_CHARSETS[int(_unit(self.seed, path) * len(LYING_CHARSETS))]
        self.count(charset)
        headers = {**found.headers, "Content-Type": f"text/html; charset={charset}"}
        send_response(handler, found.status, headers, found.body)
        return True

    def _nesting_bomb(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        if not re.match(SCENARIOS["nesting-bomb"].touched, urlsplit(path).path.lower()):
            return False
        self.count("nesting-bomb")
        found = self._recorded(site, urlsplit(path).path, origin)
        send_response(handler, 200, found.headers, nesting_bomb())
        return True

    def _robots_16mib(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        if urlsplit(path).path != "/robots.txt":
            return False
        self.count("robots-16mib")
        found = self._recorded(site, "/robots.txt", origin)
        send_response(handler, 200, found.headers, huge_robots(found.body))
        return True

    def _retry_after_superscript(
        self, handler: Any, site: Any, path: str, origin: str | None
    ) -> bool:
        found = site.lookup(path, origin)
        if (
            found is None
            or found.status != 200
            or "html" not in found.headers.get("Content-Type", "").lower()
            or urlsplit(path).path == "/"
            or _unit(self.seed, path) >= 0.1
        ):
            return False
        with self._lock:
            self._attempts[path] += 1
            first = self._attempts[path] == 1
        if not first:
            return False
        self.count("retry-after-superscript")
        headers = {
            "Date": found.headers.get("Date", ""),
            "Content-Type": "text/html",
            "Retry-After": "\u00b2",
        }
        send_response(handler, 503, headers, b"<h1>Service Unavailable</h1>")
        return True

    def _http_500_everywhere(self, handler: Any, site: Any, path: str, origin: str | None) -> bool:
        self.count("http-500")
        send_response(
            handler, 500, {"Content-Type": "text/html"}, b"<h1>Internal Server Error</h1>"
        )
        return True


def nesting_bomb(depth: int = NESTING_DEPTH) -> bytes:
    """An Arabic article page whose body is `depth` nested divs: about 11 bytes a level."""
    head = (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">'
        "<title>مقال عادي المظهر</title></head><body>"
    ).encode()
    return head + b"<div>" * depth + "نص".encode() + b"</div>" * depth + b"</body></html>"


def huge_robots(recorded: bytes, size: int = ROBOTS_SIZE) -> bytes:
    """The recorded robots.txt, then rules for paths the site does not have, to `size` bytes."""
    lines = [recorded.rstrip(b"\n"), b"", b"User-agent: *"]
    data = b"\n".join(lines) + b"\n"
    rule = 0
    chunks = [data]
    total = len(data)
    while total < size:
        line = b"Disallow: /archive-old/%08d/\n" % rule
        chunks.append(line)
        total += len(line)
        rule += 1
    return b"".join(chunks)[:size]
