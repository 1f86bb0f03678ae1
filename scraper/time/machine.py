"""Machine-readable times: ISO 8601 and RFC 2822 values, and HTTP dates.

`_parse_machine` reads the values of attributes, meta tags, JSON-LD and feeds into date
parts; the absolute reader tries it before its free-text parser.  `http_date` reads an
HTTP Date or Last-Modified header.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from datetime import timezone as _fixed_offset

from scraper.time.lexicon import _MONTHS_EN, ZONE_NAME_OFFSETS
from scraper.time.readings import _offset_tz, _Parts, is_unknown_zone

# (The zone may be a name, as a CMS writes it: "2014-06-10T07:00BST".)
_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?|[a-z]{2,4})?)?"
)
# ISO 8601 basic format: 20251214, 20251214T1030Z, 20251214T103000+0300
_ISO_BASIC_RE = re.compile(
    r"(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(?:(\d{2})(?:[.,]\d+)?)?(z|[+-]\d{2}(?:\d{2})?)?)?"
)
_RFC2822_RE = re.compile(
    r"(?:([a-z]{3}),?\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*([+-]\d{4}|gmt|ut|utc|z|[ecmp][sd]t)?"
)
# Offsets in minutes.
_RFC_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "z": 0}
_RFC_ZONES.update({k: ZONE_NAME_OFFSETS[k] for k in ("est", "edt", "cst", "cdt")})
_RFC_ZONES.update({k: ZONE_NAME_OFFSETS[k] for k in ("mst", "mdt", "pst", "pdt")})
# Java's Date.toString(), which some CMSs put in JSON-LD: "Fri Apr 28 19:20:36 CEST 2023".
_JAVA_DATE_RE = re.compile(
    r"([a-z]{3}) ([a-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([a-z]{1,5}) (\d{4})"
)
# European and Middle Eastern abbreviations (the American ones are RFC 2822's); one that
# is not listed leaves the time in the site's zone.
_JAVA_ZONES = {**_RFC_ZONES}
_JAVA_ZONES.update(
    {k: ZONE_NAME_OFFSETS[k] for k in ("wet", "west", "bst", "cet", "cest", "eet", "eest")}
)
_JAVA_ZONES.update({k: ZONE_NAME_OFFSETS[k] for k in ("msk", "trt")})
_EN_WEEKDAY3 = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# .NET's DateTime.ToString() under en-US, which ASP.NET sites put in JSON-LD and meta:
# "12/3/2026 3:42:00 PM" is month first (a day-first culture prints a 24-hour clock, or
# pads its numbers: "03/12/2026 03:42:00 PM").
_US_SLASH_RE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?"
)


def _parse_machine(s: str) -> _Parts | None:
    m = _ISO_RE.fullmatch(s) or _iso_basic(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        p = _Parts(year=y, month=mo, day=d)
        if m.group(4):
            p.hour, p.minute = int(m.group(4)), int(m.group(5))
            p.second = int(m.group(6)) if m.group(6) else None
            zone = m.group(7)
            if zone and (zone[-1].isdigit() or zone == "z"):
                p.offset = _offset_tz(zone)
            elif zone in _JAVA_ZONES and zone != "cst":  # ("CST" is China's too)
                p.offset = _fixed_offset(timedelta(minutes=_JAVA_ZONES[zone]))
            elif zone:  # "pm", "ist", "cst": not a machine value (the text reader's)
                return None
        return p
    m = _JAVA_DATE_RE.fullmatch(s)
    if m and m.group(2) in _MONTHS_EN and m.group(1) in _EN_WEEKDAY3:
        p = _Parts(year=int(m.group(8)), month=_MONTHS_EN[m.group(2)], day=int(m.group(3)))
        p.hour, p.minute, p.second = int(m.group(4)), int(m.group(5)), int(m.group(6))
        p.weekday = _EN_WEEKDAY3[m.group(1)]
        if m.group(7) in _JAVA_ZONES:
            p.offset = _fixed_offset(timedelta(minutes=_JAVA_ZONES[m.group(7)]))
        return p
    m = _RFC2822_RE.fullmatch(s)
    if m and m.group(3) in _MONTHS_EN:
        y = int(m.group(4))
        if y < 100:
            y += 2000 if y < 50 else 1900
        p = _Parts(year=y, month=_MONTHS_EN[m.group(3)], day=int(m.group(2)))
        p.hour, p.minute = int(m.group(5)), int(m.group(6))
        p.second = int(m.group(7)) if m.group(7) else None
        if m.group(1):
            if m.group(1) not in _EN_WEEKDAY3:
                return None
            p.weekday = _EN_WEEKDAY3[m.group(1)]
        z = m.group(8)
        if z:
            if z in _RFC_ZONES:
                p.offset = _fixed_offset(timedelta(minutes=_RFC_ZONES[z]))
            else:
                p.offset = _offset_tz(z)
        return p
    return None


def us_slash_date(s: str) -> _Parts | None:
    """A machine value in the en-US slash form, month first: only where it shows so, by a
    12-hour clock or by a second number that cannot be a month. Any other slash date is
    left to the free-text reader, which reads it day first."""
    m = _US_SLASH_RE.fullmatch(s)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    twelve_hour = m.group(7) is not None and m.group(4) is not None and int(m.group(4)) <= 12
    # .NET's en-US form pads neither the month, the day nor the hour; a padded one is a
    # custom format ("03/12/2026 03:42:00 PM": dd/MM/yyyy hh:mm:ss tt, day first).
    padded = any(g and len(g) == 2 and g[0] == "0" for g in (m.group(1), m.group(2), m.group(4)))
    if month > 12 or not ((twelve_hour and not padded) or day > 12):
        return None
    p = _Parts(year=int(m.group(3)), month=month, day=day)
    if m.group(4):
        hour = int(m.group(4))
        if twelve_hour:
            hour = hour % 12 + (12 if m.group(7) == "p" else 0)
        p.hour, p.minute = hour, int(m.group(5))
        p.second = int(m.group(6)) if m.group(6) else None
    return p


def _iso_basic(s: str) -> re.Match | None:
    """The basic format, only when its first four digits can be a year (an eight-digit
    number that cannot is no date at all, rather than an impossible one)."""
    m = _ISO_BASIC_RE.fullmatch(s)
    if m and 1900 <= int(m.group(1)) <= 2200:
        return m
    return None


_HTTP_RE = [
    # IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
    re.compile(
        r"([a-z]{3}), (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt", re.IGNORECASE
    ),
    # RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
    re.compile(
        r"([a-z]{6,9}), (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt", re.IGNORECASE
    ),
]
_ASCTIME_RE = re.compile(
    r"([a-z]{3}) ([a-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})", re.IGNORECASE
)


def http_date(value: str | bytes | None) -> datetime | None:
    """Parse an HTTP Date/Last-Modified header (IMF-fixdate, RFC 850, asctime) to aware
    UTC; None if absent or invalid."""
    if value is None:
        return None
    try:
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        s = str(value).strip()
        if len(s) > 64:
            return None
        for rx in _HTTP_RE:
            m = rx.fullmatch(s)
            if m:
                _wd, d, mon, y, h, mi, sec = m.groups()
                year = int(y)
                if len(y) == 2:
                    year += 2000 if year < 70 else 1900
                month = _MONTHS_EN.get(mon.lower())
                break
        else:
            m = _ASCTIME_RE.fullmatch(s)
            if not m:
                return None
            _wd, mon, d, h, mi, sec, y = m.groups()
            year, month = int(y), _MONTHS_EN.get(mon.lower())
        if month is None:
            return None
        return datetime(year, month, int(d), int(h), int(mi), int(sec), tzinfo=UTC)
    except (ValueError, OverflowError, UnicodeDecodeError):
        return None


# A page cache closes the page it stores with a comment stamped with that moment; a relative
# date on a cached page ("منذ 3 ساعات") was computed then, not when the cache served it.
# WP Rocket's stamp (its debug mode) is a Unix time; WP Super Cache, LiteSpeed Cache, W3
# Total Cache and WP Fastest Cache print the site's wall clock (UTC plus WordPress's
# offset), so theirs need the site's zone.
_CACHE_STAMPS = (
    (
        "WP Rocket",
        True,
        re.compile(
            r"<!--[^<>]{0,120}?optimized by WP Rocket\b[^<>]{0,200}?Debug: cached@(\d{9,11})"
        ),
    ),
    (
        "WP Super Cache",
        False,
        re.compile(
            r"<!--\s*Cached page generated by WP-Super-Cache on (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"
        ),
    ),
    (
        "LiteSpeed Cache",
        False,
        re.compile(
            r"<!--\s*Page (?:cached|generated) by LiteSpeed Cache [\w.]{1,20} on"
            r" (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"
        ),
    ),
    (
        # Its own line ("<!-- Served from: host @ ... by W3 Total Cache -->") or the last
        # of its "Performance optimized by W3 Total Cache" block; date_i18n(): wall clock.
        "W3 Total Cache",
        False,
        re.compile(
            r"<!--[^<>]{0,1500}?Served from: [^<>@]{1,120} @ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"
            r" by W3 Total Cache"
        ),
    ),
    (
        # "<!-- WP Fastest Cache file was created in 0.338 seconds, on 27-06-27 @ 2:20 pm
        # -->": its day-month-year of two digits and a 12-hour clock.
        "WP Fastest Cache",
        False,
        re.compile(
            r"<!--\s*WP Fastest Cache file was created in [\d.]+ seconds, on"
            r" (\d\d-\d\d-\d\d @ \d{1,2}:\d\d [ap]m)",
            re.IGNORECASE,
        ),
    ),
)
# The wall-clock stamps' formats (WP Fastest Cache's is its own).
_STAMP_FORMATS = {"WP Fastest Cache": "%d-%m-%y @ %I:%M %p"}
# The stamps follow the document: its last few kilobytes hold them.
CACHE_STAMP_TAIL = 8192


def page_cache_stamp(tail: str, zone: tzinfo) -> tuple[datetime, str] | None:
    """When a page cache stored the page, from the stamp it closed the page with (`tail`:
    the page's last `CACHE_STAMP_TAIL` characters): the UTC time and what said so ("WP
    Super Cache: 2026-12-01 10:23:45"). None without a stamp, or with a wall-clock stamp
    and the site's zone unknown (it would be a day-wide window, not a moment)."""
    # The caches write after the document; a comment before its end is the page's content
    # (a tutorial's sample, a comment quoting one).
    end = max(tail.rfind("</body"), tail.rfind("</html"), 0)
    for name, unix, pattern in _CACHE_STAMPS:
        found = pattern.search(tail, end)
        if found is None:
            continue
        raw = found.group(1)
        try:
            if unix:
                return datetime.fromtimestamp(int(raw), UTC), f"{name}: cached@{raw}"
            if is_unknown_zone(zone):
                return None
            local = datetime.strptime(raw, _STAMP_FORMATS.get(name, "%Y-%m-%d %H:%M:%S"))
        except (ValueError, OverflowError, OSError):
            return None
        return local.replace(tzinfo=zone).astimezone(UTC), f"{name}: {raw}"
    return None
