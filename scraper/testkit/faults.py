"""Seeded fault injection for the local replay server.

A `FaultPlan` decides, deterministically from its seed, which fault each request for an HTML
article or category page gets. The decision is a function of (path, attempt number): a path
either stays clean, or gets one fault kind. Transient kinds fail the first N attempts (N drawn
per path, sometimes more than the crawler retries) and then serve the page; permanent kinds
fail every attempt. robots.txt, sitemaps, feeds, the REST API and the home page stay clean.

    plan = FaultPlan(seed=7, rate=0.35)
    with BackgroundServer(faults=plan) as base_url:
        ...
    plan.served  # [Served(path, attempt, kind), ...]; kind None means served clean

The wire-level behaviour of each kind lives in `serve_fault`, which the server calls with its
request handler.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from scraper.testkit.server import send_response

# Headers a fault sends as they are, to lie about its body (scraper.testkit.server.send_response).
GZIP = {"Content-Encoding": "gzip"}
CLOSE = {"Connection": "close"}
# Transient kinds: a retried request may succeed on a later attempt.
TRANSIENT: tuple[str, ...] = ("http-500", "http-503-retry-after", "timeout", "reset")
# Permanent kinds: the same fault on every attempt for the path.
PERMANENT: tuple[str, ...] = (
    "truncated",
    "bad-gzip",
    "gzip-bomb",
    "huge",
    "redirect-loop",
    "redirect-offsite",
    "redirect-private",
    "wrong-charset",
    "cp1256",
    "missing-charset",
    "invalid-utf8",
    "empty-200",
    "bot-challenge",
    "not-article",
)
ALL: tuple[str, ...] = TRANSIENT + PERMANENT

# Kinds after which the page is still fully readable (the crawler should store the article).
READABLE: frozenset[str] = frozenset({"bad-gzip", "cp1256", "missing-charset"})
# Kinds that serve a 200 whose content is not the article.
NOT_CONTENT: frozenset[str] = frozenset({"empty-200", "bot-challenge", "not-article"})
# Kinds that redirect away from the site.
OFFSITE: frozenset[str] = frozenset({"redirect-offsite", "redirect-private"})

# How many attempts a transiently faulty path fails before it is served: drawn per path.
# With Scrapy's RETRY_TIMES = 3 (4 attempts), the 4s and 5s never succeed.
_TRANSIENT_FAILURES = (1, 1, 1, 2, 2, 3, 4, 5)
PRIVATE_TARGETS = ("http://10.0.0.1", "http://169.254.169.254")
OFFSITE_TARGET = "http://evil.example"
HUGE_SIZE = 20 * 1000 * 1000
BOMB_SIZE = 20 * 1024 * 1024
LOOP_PARAM = "redirect-loop"


class Served(NamedTuple):
    path: str  # the request path as the server keys it (query of a redirect loop removed)
    attempt: int  # 1 for the first request of the path
    kind: str | None  # None: served clean


def default_eligible(path: str, status: int, content_type: str) -> bool:
    """HTML article and category pages: 200 text/html, not the home page."""
    return status == 200 and "html" in content_type.lower() and path.split("?")[0] != "/"


class FaultPlan:
    """Which fault a request gets, decided by (seed, path, attempt)."""

    def __init__(
        self,
        seed: int,
        rate: float = 0.3,
        kinds: tuple[str, ...] = ALL,
        *,
        timeout_sleep: float = 3.0,
        eligible: Callable[[str, int, str], bool] = default_eligible,
    ) -> None:
        unknown = set(kinds) - set(ALL)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be within [0, 1], not {rate}")
        self.seed = seed
        self.rate = rate
        self.kinds = tuple(kinds)
        self.timeout_sleep = timeout_sleep
        self.eligible = eligible
        self.served: list[Served] = []
        self._attempts: dict[str, int] = {}
        self._dealt: dict[str, str] | None = None
        self._lock = threading.Lock()

    # -- decisions (pure: no state but the dealt table) --------------------------------------

    def _unit(self, *parts: object) -> float:
        """A number in [0, 1) fixed by the seed and `parts`."""
        text = "\0".join(str(part) for part in (self.seed, *parts))
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**64

    def deal(self, paths: Iterable[str]) -> None:
        """Fix the kinds over a known set of eligible paths: the faulty ones (the same paths
        `rate` selects) get the kinds in turn, so every kind appears once there are at least
        as many faulty paths as kinds."""
        faulty = sorted(
            (p for p in set(paths) if self._unit(p, "faulty") < self.rate),
            key=lambda p: self._unit(p, "order"),
        )
        with self._lock:
            self._dealt = {p: self.kinds[i % len(self.kinds)] for i, p in enumerate(faulty)}

    def kind_for(self, path: str) -> str | None:
        """The path's fault kind, or None when the path is clean."""
        if not self.kinds:
            return None
        if self._dealt is not None:
            return self._dealt.get(path)
        if self._unit(path, "faulty") >= self.rate:
            return None
        return self.kinds[int(self._unit(path, "kind") * len(self.kinds))]

    def failing_attempts(self, path: str) -> int:
        """For a transient kind: how many attempts fail before the page is served."""
        return _TRANSIENT_FAILURES[int(self._unit(path, "n") * len(_TRANSIENT_FAILURES))]

    def fault(self, path: str, attempt: int) -> str | None:
        """The fault served to attempt number `attempt` (1-based) of `path`."""
        kind = self.kind_for(path)
        if kind in TRANSIENT and attempt > self.failing_attempts(path):
            return None
        return kind

    def plan(self, paths: Iterable[str], attempts: int = 4) -> dict[str, list[str | None]]:
        """What each path would get on attempts 1..`attempts` (for tests and reports)."""
        return {p: [self.fault(p, a) for a in range(1, attempts + 1)] for p in paths}

    # -- the server's side: count attempts, keep the log -------------------------------------

    def next_attempt(self, path: str) -> tuple[int, str | None]:
        """Count a request for `path`, log it, and return (attempt, fault kind or None)."""
        with self._lock:
            attempt = self._attempts.get(path, 0) + 1
            self._attempts[path] = attempt
        kind = self.fault(path, attempt)
        with self._lock:
            self.served.append(Served(path, attempt, kind))
        return attempt, kind

    def log(self) -> list[Served]:
        with self._lock:
            return list(self.served)

    def succeeded(self) -> set[str]:
        """Paths that were served clean (or readable) at some attempt."""
        return {s.path for s in self.log() if s.kind is None or s.kind in READABLE}


# -- bodies -----------------------------------------------------------------------------------


@functools.cache
def gzip_bomb() -> bytes:
    """BOMB_SIZE bytes of zeros, gzipped (about 20 KB); built once."""
    return gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9, mtime=0)


def bad_crc_gzip(body: bytes) -> bytes:
    """`body` gzipped, with the trailer's CRC32 flipped."""
    data = bytearray(gzip.compress(body, mtime=0))
    crc = struct.unpack("<I", data[-8:-4])[0] ^ 0xFFFFFFFF
    data[-8:-4] = struct.pack("<I", crc)
    return bytes(data)


_META_CHARSET = re.compile(rb"""(<meta[^>]*charset\s*=\s*["']?)utf-8""", re.IGNORECASE)


_META_CHARSET_TAG = re.compile(rb"""<meta[^>]*charset\s*=\s*["']?utf-8["']?[^>]*>""", re.IGNORECASE)


def to_legacy(
    body: bytes, fix_meta: bool, drop_meta: bool = False, charset: str = "cp1256"
) -> bytes:
    """The page re-encoded to an Arabic legacy charset (windows-1256 unless told);
    characters it lacks become character references. `fix_meta`: the page's meta tag
    declares that charset; `drop_meta`: no charset declared anywhere (the header will not
    say either)."""
    text = body.decode("utf-8", errors="replace")
    data = text.encode(charset, errors="xmlcharrefreplace")
    if drop_meta:
        data = _META_CHARSET_TAG.sub(b"", data)
    elif fix_meta:
        declared = {"cp1256": b"windows-1256"}.get(charset, charset.encode())
        data = _META_CHARSET.sub(rb"\1" + declared, data)
    return data


_INVALID = (b"\xff", b"\xfe", b"\xc3\x28", b"\xa0\xa1", b"\x80", b"\xed\xa0\x80", b"\xf8\x88")


def splice_invalid_utf8(body: bytes, rng: random.Random, count: int = 12) -> bytes:
    """`body` with invalid UTF-8 sequences inserted at random offsets."""
    data = bytearray(body)
    for _ in range(count):
        at = rng.randrange(len(data) + 1)
        data[at:at] = rng.choice(_INVALID)
    return bytes(data)


CHALLENGE_PAGE = (
    b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
    b'<meta http-equiv="refresh" content="35"><meta name="robots" content="noindex,nofollow">'
    b'</head><body><div class="main-wrapper"><h1>Checking your browser before accessing '
    b"the site.</h1><p>This process is automatic. Your browser will redirect to your "
    b"requested content shortly.</p><p>Please allow up to 5 seconds&hellip;</p>"
    b'<noscript><div id="challenge-error-title">Enable JavaScript and cookies to continue'
    b"</div></noscript></div></body></html>"
)

NOT_ARTICLE_PAGE = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="UTF-8">'
    '<title>صفحة غير موجودة مؤقتاً</title></head><body><header><nav><a href="/">الرئيسية</a>'
    "</nav></header><main><h2>الصيانة</h2><p>الموقع قيد الصيانة، يرجى المحاولة لاحقاً.</p>"
    "</main><footer>© الموقع</footer></body></html>"
).encode()


def _huge_chunk() -> bytes:
    line = "<p>" + "نص طويل جداً " * 40 + "</p>\n"
    return (line * 64).encode("utf-8")


# -- the wire ---------------------------------------------------------------------------------


def loop_key(path: str) -> str:
    """A redirect loop's hops count as the path they loop on."""
    return re.sub(rf"[?&]{LOOP_PARAM}=\d+$", "", path)


def serve_fault(
    handler: Any,
    plan: FaultPlan,
    kind: str,
    path: str,
    status: int,
    headers: dict[str, str],
    body: bytes,
) -> None:
    """Answer `handler`'s request with `kind` instead of the recorded response.

    `handler` is the server's BaseHTTPRequestHandler; `headers` the recorded headers minus the
    ones the server computes; `body` the recorded body (origin rewritten as the request asked).
    """
    rng = random.Random(f"{plan.seed}\0{path}")

    html_utf8 = {**headers, "Content-Type": "text/html; charset=UTF-8"}
    date = {"Date": headers["Date"]} if "Date" in headers else {}
    if kind == "http-500":
        send_response(
            handler, 500, {**date, "Content-Type": "text/html"}, b"<h1>Internal Server Error</h1>"
        )
    elif kind == "http-503-retry-after":
        extra = {**date, "Content-Type": "text/html", "Retry-After": "1"}
        send_response(handler, 503, extra, b"<h1>Service Unavailable</h1>")
    elif kind == "timeout":
        time.sleep(plan.timeout_sleep)
        handler.close_connection = True
    elif kind == "reset":
        # Linger 0: closing sends a TCP RST instead of an orderly FIN.
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.close_connection = True
    elif kind == "truncated":
        handler.close_connection = True
        half = body[: len(body) // 2]
        send_response(handler, status, headers, half, verbatim=CLOSE, length=len(body))
    elif kind == "bad-gzip":
        send_response(handler, status, headers, bad_crc_gzip(body), verbatim=GZIP)
    elif kind == "gzip-bomb":
        send_response(handler, status, html_utf8, gzip_bomb(), verbatim=GZIP)
    elif kind == "huge":
        # No Content-Length: the body ends when the connection closes, so only counting the
        # bytes as they arrive can stop it. Streamed, never held whole.
        handler.close_connection = True
        handler.send_response_only(status)
        for name, value in html_utf8.items():
            handler.send_header(name, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = _huge_chunk()
        sent = 0
        try:
            handler.wfile.write(b'<!DOCTYPE html><html lang="ar"><body>')
            while sent < HUGE_SIZE:
                handler.wfile.write(chunk)
                sent += len(chunk)
            handler.wfile.write(b"</body></html>")
        except OSError:
            pass  # the crawler gave up, as it should
    elif kind == "redirect-loop":
        hop = (
            int(re.search(rf"{LOOP_PARAM}=(\d+)", handler.path).group(1))
            if (LOOP_PARAM in handler.path)
            else 0
        )
        # A two-step cycle: path -> path?redirect-loop=1 -> path -> ...
        target = path if hop else f"{path}{'&' if '?' in path else '?'}{LOOP_PARAM}=1"
        send_response(handler, 302, {**date, "Location": target, "Content-Type": "text/html"}, b"")
    elif kind == "redirect-offsite":
        send_response(
            handler,
            301,
            {**date, "Location": OFFSITE_TARGET + path, "Content-Type": "text/html"},
            b"",
        )
    elif kind == "redirect-private":
        target = PRIVATE_TARGETS[int(plan._unit(path, "private") * len(PRIVATE_TARGETS))]
        send_response(
            handler, 302, {**date, "Location": target + path, "Content-Type": "text/html"}, b""
        )
    elif kind == "wrong-charset":
        send_response(handler, status, html_utf8, to_legacy(body, fix_meta=False))
    elif kind == "cp1256":
        extra = {**headers, "Content-Type": "text/html; charset=windows-1256"}
        send_response(handler, status, extra, to_legacy(body, fix_meta=True))
    elif kind == "missing-charset":
        send_response(
            handler, status, {**headers, "Content-Type": "text/html"}, to_legacy(body, False, True)
        )
    elif kind == "invalid-utf8":
        send_response(handler, status, html_utf8, splice_invalid_utf8(body, rng))
    elif kind == "empty-200":
        send_response(handler, 200, html_utf8, b"")
    elif kind == "bot-challenge":
        extra = {**date, "Content-Type": "text/html; charset=UTF-8", "Server": "cloudflare"}
        send_response(handler, 200, extra, CHALLENGE_PAGE)
    elif kind == "not-article":
        send_response(handler, 200, html_utf8, NOT_ARTICLE_PAGE)
    else:  # pragma: no cover - FaultPlan validates kinds
        raise ValueError(f"unknown fault kind {kind!r}")
