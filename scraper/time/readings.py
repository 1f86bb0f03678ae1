"""What every reader shares: the result types and the input helpers.

`TimeReading` (one source's time and its window), `Reconciled` (several sources
intersected), the internal failure signal `_Fail`, the parsed parts of a date (`_Parts`),
and the helpers for time zones (`_tz`, `_offset_tz`, `_named_zone`), the reference time
(`_ref`), input preparation (`_prepare`, `_strip_labels`) and local day bounds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as _fixed_offset
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from scraper.time.lexicon import ABS_LABELS, NAMED_ZONES, normalize

MAX_INPUT_CHARS = 200
DEFAULT_FUTURE_TOLERANCE_S = 600


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class TimeReading:
    raw: str
    kind: str  # "relative" | "absolute" | "none"
    value: datetime | None  # aware, UTC
    earliest: datetime | None  # inclusive, UTC
    latest: datetime | None  # inclusive, UTC
    granularity_s: int | None
    precision: str | None  # "exact" | "minute" | "day" | "month" | "year" | "window"
    reason: str | None

    def as_dict(self) -> dict:
        return {
            "raw": self.raw,
            "kind": self.kind,
            "value": _iso(self.value),
            "earliest": _iso(self.earliest),
            "latest": _iso(self.latest),
            "granularity_s": self.granularity_s,
            "precision": self.precision,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Reconciled:
    value: datetime | None
    earliest: datetime | None
    latest: datetime | None
    precision: str | None
    granularity_s: int | None
    raw: str | None
    sources: tuple[str, ...]
    conflicts: tuple[dict, ...]

    def as_dict(self) -> dict:
        return {
            "value": _iso(self.value),
            "earliest": _iso(self.earliest),
            "latest": _iso(self.latest),
            "precision": self.precision,
            "granularity_s": self.granularity_s,
            "raw": self.raw,
            "sources": list(self.sources),
            "conflicts": [
                {
                    "source": c["source"],
                    "raw": c["raw"],
                    "earliest": _iso(c["earliest"]),
                    "latest": _iso(c["latest"]),
                }
                for c in self.conflicts
            ],
        }


def _none(raw: str, reason: str) -> TimeReading:
    return TimeReading(raw, "none", None, None, None, None, None, reason)


class _Fail(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: tzinfo | None = None
    zone_word: str | None = None  # the printed zone's name ("mst"), when one was printed
    weekday: int | None = None
    days_back: int | None = None  # "أمس 10:30"
    slack_days: int = 0  # a Hijri day alone: the calendars of sighting differ by a day
    month_first: bool = False  # "12/01/2026" may be m/d/Y: a printed weekday decides


# ---------------------------------------------------------------------------
# Helpers: time zones, reference, input
# ---------------------------------------------------------------------------


class _UnknownZone(tzinfo):
    """The zone of a site nobody named: a time printed without an offset is read as if it
    were UTC, and its window is widened by every offset in use (see `widen_unknown`).
    With `likely` (the one clock of the country the page's address names, see
    `address_zone`), the nominal value is read in that zone instead; the window stays
    every offset's, as nobody named the zone."""

    def __init__(self, likely: tzinfo | None = None) -> None:
        self.likely = likely

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if self.likely is None or dt is None:
            return timedelta(0)
        return self.likely.utcoffset(dt.replace(tzinfo=None)) or timedelta(0)

    def dst(self, dt: datetime | None) -> timedelta:
        if self.likely is None or dt is None:
            return timedelta(0)
        return self.likely.dst(dt.replace(tzinfo=None)) or timedelta(0)

    def fromutc(self, dt: datetime) -> datetime:
        if self.likely is None:
            return dt
        return dt.replace(tzinfo=UTC).astimezone(self.likely).replace(tzinfo=self)

    def tzname(self, dt: datetime | None) -> str:
        return "unknown" if self.likely is None else f"unknown (likely {self.likely})"

    def __repr__(self) -> str:
        return "UNKNOWN_ZONE" if self.likely is None else f"UnknownZone(likely={self.likely})"


UNKNOWN_ZONE = _UnknownZone()
# Civil offsets in use run from UTC-12:00 to UTC+14:00: a wall-clock time read as UTC is
# the true instant moved by at most 14 hours one way or 12 the other.
_EAST_MOST, _WEST_MOST = timedelta(hours=14), timedelta(hours=12)


def is_unknown_zone(zone: tzinfo) -> bool:
    return isinstance(zone, _UnknownZone)


def widen_unknown(
    start: datetime, end: datetime, zone: tzinfo = UNKNOWN_ZONE
) -> tuple[datetime, datetime]:
    """The window of a wall-clock reading [start, end] (UTC instants, read in `zone`, an
    unknown zone) in any zone: its wall clock moved by every offset in use."""
    if zone is UNKNOWN_ZONE:
        return start - _EAST_MOST, end + _WEST_MOST
    wall_start = start + (start.astimezone(zone).utcoffset() or timedelta(0))
    wall_end = end + (end.astimezone(zone).utcoffset() or timedelta(0))
    return wall_start - _EAST_MOST, wall_end + _WEST_MOST


# Country-code domains sites take for their sound, not their country (.tv, .io, .me).
_VANITY_DOMAINS = frozenset(
    {"ai", "am", "cc", "co", "fm", "gg", "io", "me", "nu", "tk", "to", "tv", "ws"}
)
# Instants at which a country's zones must agree to count as one clock (both seasons).
_CLOCK_SAMPLES = tuple(datetime(2025, month, 15, 12, tzinfo=UTC) for month in (1, 4, 7, 10))


@lru_cache(maxsize=1)
def _country_clocks() -> dict[str, str]:
    """Country code -> its zone, for the countries whose zones (tzdata's zone.tab) all keep
    one clock; countries of several clocks (US, Spain with the Canaries) are left out."""
    try:
        table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        try:
            table = Path("/usr/share/zoneinfo/zone.tab").read_text("utf-8")
        except OSError:
            return {}
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            zones.setdefault(fields[0].lower(), []).append(fields[2])
    clocks = {}
    for country, names in zones.items():
        try:
            offsets = {
                tuple(at.astimezone(ZoneInfo(name)).utcoffset() for at in _CLOCK_SAMPLES)
                for name in names
            }
        except (LookupError, ValueError, OSError):
            continue
        if len(offsets) == 1:
            clocks[country] = names[0]  # zone.tab lists a country's most populous first
    clocks["uk"] = clocks.get("gb", "Europe/London")
    # China's one official clock is Beijing's; tzdata also lists Xinjiang's local usage.
    clocks["cn"] = "Asia/Shanghai"
    return clocks


@lru_cache(maxsize=256)
def address_zone(host: str) -> tzinfo:
    """The unknown zone, with the clock of the country whose domain `host` ends in (".eg":
    Africa/Cairo) as its likely zone where that country keeps one."""
    label = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(label) != 2 or label in _VANITY_DOMAINS:
        return UNKNOWN_ZONE
    name = _country_clocks().get(label)
    return _UnknownZone(ZoneInfo(name)) if name else UNKNOWN_ZONE


@lru_cache(maxsize=128)
def _zone(name: str) -> tzinfo:
    if name.upper() in ("UTC", "Z", "GMT", "ETC/UTC"):
        return UTC
    if name.lower() == "unknown":
        return UNKNOWN_ZONE
    return ZoneInfo(name)


def _tz(timezone: str | tzinfo | None) -> tzinfo:
    """A tzinfo from a zoneinfo name or a tzinfo; raises on an unknown name (configuration
    error, not input error)."""
    if timezone is None:
        return UTC
    if isinstance(timezone, tzinfo):
        return timezone
    return _zone(str(timezone))


def zone_problem(name: str) -> str | None:
    """What is wrong with a zone name the time layer would refuse ("unknown time zone
    'Asia/Bagdad' (did you mean Asia/Baghdad?)"), or None for a zoneinfo name, a UTC
    alias or "unknown"."""
    try:
        _tz(name)
    except (LookupError, ValueError, OSError):  # not found, malformed, too long
        import difflib
        from zoneinfo import available_timezones

        close = difflib.get_close_matches(name, sorted(available_timezones()), n=1)
        hint = f"did you mean {close[0]}?" if close else 'a name like Asia/Riyadh, or "unknown"'
        return f"unknown time zone {name!r} ({hint})"
    return None


def _offset_tz(text: str) -> tzinfo:
    text = text.replace(" ", "")
    m = re.fullmatch(r"(?:gmt|utc)?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|z", text)
    if not m or text == "z" or not m.group(1):
        return UTC
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        raise _Fail("unrecognized")
    delta = timedelta(hours=hours, minutes=minutes)
    return _fixed_offset(-delta if m.group(1) == "-" else delta)


@lru_cache(maxsize=64)
def _named_zone(place: str) -> tzinfo:
    """The zone of a place named after a printed time ("القدس"), a key of NAMED_ZONES."""
    zone = NAMED_ZONES[place]
    if isinstance(zone, int):
        return _fixed_offset(timedelta(minutes=zone))
    return _zone(zone)


def _ref(reference: datetime) -> datetime:
    """Reference as aware UTC, whole seconds (naive is taken as UTC)."""
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    return reference.astimezone(UTC).replace(microsecond=0)


def _prepare(text: object) -> tuple[str, str | None, str | None]:
    """(raw, normalized, reason)."""
    if text is None:
        return "", None, "empty"
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        text = str(text)
    raw = text.strip()
    if len(raw) > MAX_INPUT_CHARS:
        return raw[:MAX_INPUT_CHARS], None, "too-long"
    norm = normalize(raw)
    if not norm:
        return raw, None, "empty"
    return raw, norm, None


# Labels ("نشر في:", "Posted on") come before relative and absolute forms alike.
def _strip_labels(s: str) -> str:
    """The text without the labels and the icons before a date ("تاريخ النشر:", "🕒",
    "📅", a font's "#" glyph)."""
    s = _without_leading_icons(s)
    changed = True
    while changed:
        changed = False
        for label in ABS_LABELS:
            if s.startswith(label):
                rest = s[len(label) :]
                if not rest or rest[0] in " :-" or not rest[0].isalpha():
                    s = rest.lstrip(" :-")
                    changed = True
                    break
    return s


def _without_leading_icons(s: str) -> str:
    """The text without the symbols an icon puts before a date (Unicode's other and
    modifier symbols: emoji, dingbats; variation selectors; "#", "*"), and the spaces
    after them. Not a mathematical sign ("+3")."""
    at = 0
    while at < len(s) and (
        s[at] in "#*\ufe0f\u200d " or unicodedata.category(s[at]) in ("So", "Sk")
    ):
        at += 1
    return s[at:] if at < len(s) else s


def _local_midnight(d: date, tz: tzinfo) -> datetime:
    if isinstance(tz, _UnknownZone):
        tz = UNKNOWN_ZONE  # a day printed in an unknown zone: that day, nominally in UTC
    return datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(UTC)


def _day_bounds(d: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = _local_midnight(d, tz)
    end = _local_midnight(d + timedelta(days=1), tz) - timedelta(seconds=1)
    return start, end


# What a printed date line carries after the publication date: the update on the same line
# ("نشر في: ... | آخر تحديث: ..."), the print edition's issue number ("رقم العدد [ 17180]"),
# which a daily may also print first ("العدد : 17032 - الثلاثاء 1 ديسمبر 2026").
_UPDATE_LABELS = "|".join(
    re.escape(normalize(label))
    for label in ("آخر تحديث", "تاريخ التحديث", "تم التحديث", "تحديث", "last updated", "updated")
)
# The update after the publication, a separator between them, or only a space after the
# time (two spans side by side: "نشر في: ... 10:15 ص GST آخر تحديث: ..."); not the
# "updated" of a line's own "Last updated" label.
_UPDATE_AFTER = re.compile(
    rf"(?:\s*[|/،,؛;\-–—]\s*|(?<=[0-9صمa-z])(?<!^last)\s+)(?:{_UPDATE_LABELS})(?!\w).*$"
)
_ISSUE_NUMBER = re.compile(r"\s*[|\-–—]?\s*(?:رقم )?العدد\s*[\[(]?\s*\d+\s*[\])]?$")
_ISSUE_NUMBER_FIRST = re.compile(r"^(?:رقم )?العدد\s*:?\s*[\[(]?\s*\d+\s*[\])]?\s*[|\-–—،,]\s*")


def _publication_part(norm: str) -> str:
    """The date line without the update printed after the publication date, nor the
    issue number before or after it."""
    return _ISSUE_NUMBER_FIRST.sub("", _ISSUE_NUMBER.sub("", _UPDATE_AFTER.sub("", norm)))
