"""Time layer: read publication times from Arabic/English WordPress news pages.

Every function here is pure: the reference time ("now" for the page, i.e. its
render or fetch time) is always an argument; no module here reads the clock.

Entry points
    read_time(text, reference, timezone)      visible text: relative, then absolute
    read_relative(text, reference)            "11 ساعة ago", "منذ ساعتين", "5 mins ago"
    read_absolute(text, reference, timezone)  "14 ديسمبر، 2025", "14/12/2025 10:52 م"
    read_machine(text, timezone, reference)   ISO 8601, RFC 2822, "Y-m-d H:i:s"
    http_date(value)                          HTTP Date header -> aware UTC
    cache_render_time(page, reference, tz)    a page cache's stamp: when the page was rendered
    reconcile(readings)                       intersect the windows of several sources

Windows are INCLUSIVE and in whole seconds, UTC.  See docs/time.md for the
window of every form and the list of `reason` codes.  No function raises on
any str input.

Modules
    lexicon         units, WordPress ranges, word tables (numbers, months of every
                    region, weekdays, am/pm, fillers, labels) and normalize()
    readings        TimeReading, Reconciled and the shared helpers: zones, reference,
                    input preparation, label stripping, local day bounds
    relative        relative forms ("منذ ٣ ساعات") and their diff windows
    absolute        printed dates ("14 ديسمبر، 2025") resolved in the site's zone
    machine         ISO 8601 / RFC 2822 values, and HTTP dates (http_date)
    reconciliation  reconcile(): intersect the windows of several sources

This module holds the public entry points: each prepares its input and runs its reader
under the guard that turns an internal bug into reason "internal-error".  The guard and
its STRICT switch live here because tests set `scraper.time.STRICT`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from scraper.time.absolute import _absolute_reading, _writes_month_first
from scraper.time.lexicon import normalize
from scraper.time.machine import CACHE_STAMP_TAIL, http_date, page_cache_stamp
from scraper.time.readings import (
    DEFAULT_FUTURE_TOLERANCE_S,
    MAX_INPUT_CHARS,
    Reconciled,
    TimeReading,
    _none,
    _prepare,
    _ref,
    _tz,
    address_zone,
    zone_problem,
)
from scraper.time.reconciliation import reconcile
from scraper.time.relative import (
    ROUNDINGS,
    _read_relative,
    _relative_form,
    _relative_reading,
    names_reading_time,
)

# tests check WordPress's windows through scraper.time.wp_diff_window
from scraper.time.relative import wp_diff_window as wp_diff_window

__all__ = [
    "DEFAULT_FUTURE_TOLERANCE_S",
    "MAX_INPUT_CHARS",
    "Reconciled",
    "TimeReading",
    "address_zone",
    "cache_render_time",
    "http_date",
    "names_reading_time",
    "normalize",
    "read_absolute",
    "read_machine",
    "read_relative",
    "read_time",
    "reconcile",
    "writes_month_first",
    "zone_problem",
]


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

# Tests set this to True so that an internal bug surfaces instead of becoming
# reason "internal-error".
STRICT = False


def writes_month_first(timezone: str | tzinfo | None) -> bool:
    """Whether sites kept in this zone write numeric dates month first (the United
    States'): the time layer reads an ambiguous "12/04/12" so there already."""
    return _writes_month_first(_tz(timezone))


def _guarded(raw: str, fn, *args) -> TimeReading:
    try:
        return fn(*args)
    except Exception:
        if STRICT:
            raise
        return _none(raw, "internal-error")


def read_time(
    text: str,
    reference: datetime,
    timezone: str | tzinfo = "UTC",
    *,
    future_tolerance_s: int = DEFAULT_FUTURE_TOLERANCE_S,
    rounding: str = "wordpress",
) -> TimeReading:
    """Read a visible date/time string: relative forms first, then absolute ones.

    `reference` is the time the page was rendered (or fetched); `timezone` is the site's
    zone, used for strings without an offset and for calendar days (أمس, اليوم).  An
    unknown zone name raises (configuration error); no text input does. `rounding`: how
    the site turned a time difference into "3 hours": "wordpress" (human_time_diff rounds
    to the nearest), or "either" (a site of unknown software: rounded or cut down, the
    window covers both)."""
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding must be one of {', '.join(ROUNDINGS)} (got {rounding!r})")
    ref, tz = _ref(reference), _tz(timezone)
    raw, norm, reason = _prepare(text)
    if norm is None:
        return _none(raw, reason or "empty")
    return _guarded(raw, _read_time, raw, norm, ref, tz, future_tolerance_s, rounding)


# A cache older than this serves no news page: a stamp so old is a copied page's.
MAX_CACHE_AGE = timedelta(days=30)


def cache_render_time(
    page: str | bytes, reference: datetime, timezone: str | tzinfo = "unknown"
) -> tuple[datetime, str] | None:
    """When the page was rendered, if a page cache stamped it (`machine.page_cache_stamp`)
    earlier than `reference` (the Date header or fetch time), at most `MAX_CACHE_AGE` so:
    (UTC time, the stamp). None otherwise; the reference then stands."""
    tail = page[-CACHE_STAMP_TAIL:]
    if isinstance(tail, bytes):
        tail = tail.decode("latin-1")  # the stamps are ASCII in any ASCII-compatible charset
    try:
        stamp = page_cache_stamp(tail, _tz(timezone))
    except (LookupError, ValueError, OSError):  # a zone name the caller will refuse anyway
        return None
    if stamp is None:
        return None
    ref = _ref(reference)
    if not ref - MAX_CACHE_AGE <= stamp[0] < ref:
        return None  # not earlier (nothing to move back), or too old to be a cache's
    return stamp


def clear_caches() -> None:
    """Forget cached normalizations and parses (benchmarks measure the cold cost)."""
    normalize.cache_clear()
    _relative_form.cache_clear()


def _read_time(
    raw: str, norm: str, ref: datetime, tz: tzinfo, tolerance: int, rounding: str = "wordpress"
) -> TimeReading:
    reading_time, parsed = _relative_form(norm, rounding)
    if reading_time:
        return _none(raw, "reading-time")
    if parsed is not None:
        return _relative_reading(raw, parsed, ref, tz)
    return _absolute_reading(raw, norm, ref, tz, tolerance)


def read_relative(text: str, reference: datetime) -> TimeReading:
    """Relative forms only ("11 ساعة ago", "منذ ساعتين", "أمس"); calendar-day words use the
    reference's own time zone."""
    ref, tz = _ref(reference), reference.tzinfo or UTC
    raw, norm, reason = _prepare(text)
    if norm is None:
        return _none(raw, reason or "empty")
    return _guarded(raw, _read_relative, raw, norm, ref, tz)


def read_absolute(text: str, reference: datetime, timezone: str | tzinfo = "UTC") -> TimeReading:
    """Absolute dates and times in visible text (all month families, numeric day-first
    dates, WordPress formats, ISO, RFC 2822); strings without an offset are local to
    `timezone`; dates without a year resolve to the most recent past."""
    ref, tz = _ref(reference), _tz(timezone)
    raw, norm, reason = _prepare(text)
    if norm is None:
        return _none(raw, reason or "empty")
    return _guarded(raw, _absolute_reading, raw, norm, ref, tz, DEFAULT_FUTURE_TOLERANCE_S)


def read_machine(
    text: str, timezone: str | tzinfo = "UTC", reference: datetime | None = None
) -> TimeReading:
    """Machine-readable values (attributes, meta, JSON-LD, feeds): ISO 8601 (date-only =>
    a day in `timezone`), RFC 2822, "Y-m-d H:i:s", "Y-m-d g:i a"; falls back to the
    free-text absolute parser for the Arabic text some sites put there.  Without a
    reference there is no future check and year-less dates give reason "no-reference"."""
    ref = _ref(reference) if reference is not None else None
    tz = _tz(timezone)
    raw, norm, reason = _prepare(text)
    if norm is None:
        return _none(raw, reason or "empty")
    return _guarded(raw, _absolute_reading, raw, norm, ref, tz, DEFAULT_FUTURE_TOLERANCE_S, True)
