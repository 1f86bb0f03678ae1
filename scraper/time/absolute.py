"""Absolute dates printed on pages: "14 ديسمبر، 2025", "14/12/2025 10:52 م", "أمس 10:30".

Machine forms are tried first (`machine._parse_machine`); otherwise the free-text parser
tokenizes the string, joins two-word month names, drops an accompanying Hijri date, and
accepts it only if every token is explained.  `_resolve` turns the parts into a window in
the site's zone, bounded by the reference time.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta, tzinfo

from scraper.time.lexicon import (
    _ABS_PUNCT,
    ABS_FILLERS,
    AM_PM,
    AMBIGUOUS_ZONE_ABBREVIATIONS,
    CLOCK_ZONES,
    DAY_WORDS,
    ERA_WORDS,
    HIJRI_MARKS,
    HIJRI_MONTHS,
    HIJRI_PAIRS,
    MONTH_PAIRS,
    MONTHS,
    NAMED_ZONE_MAX_WORDS,
    NAMED_ZONES,
    WEEKDAYS,
    ZONE_ABBREVIATIONS,
    ZONE_INTRO,
    ZONE_NAME_OFFSETS,
    normalize,
)
from scraper.time.machine import _parse_machine, us_slash_date
from scraper.time.readings import (
    UNKNOWN_ZONE,
    TimeReading,
    _day_bounds,
    _Fail,
    _local_midnight,
    _named_zone,
    _none,
    _offset_tz,
    _Parts,
    _publication_part,
    _strip_labels,
    is_unknown_zone,
    widen_unknown,
)

_ABS_TOKEN_RE = re.compile(
    r"(?P<time>(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?![\d:]))"
    r"|(?P<numdate>(?<!\d)\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{1,4}(?!\d))"
    # A day and month without the year ("13/03"), read only beside a clock.
    r"|(?P<daymonth>(?<![\d/.-])\d{1,2}/\d{1,2}(?![\d/]))"
    r"|(?P<offset>(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)"
    r"|(?<![a-z\u0600-\u06ff])[+-]\d{2}:?\d{2}(?!\d)|(?<![a-z])(?:gmt|utc|z)(?![a-z]))"
    r"|(?P<num>\d+)"
    r"|(?P<word>[a-zà-öø-ÿ]+|[\u0621-\u064a\u066e-\u06d3]+)"
    r"|(?P<other>\S)"
)
_TOKEN_KINDS = ("time", "numdate", "daymonth", "offset", "num", "word", "other")


def _check_ymd(y: int, m: int, d: int) -> None:
    if not (1 <= m <= 12) or not (1900 <= y <= 2200):
        raise _Fail("impossible-date")
    if not (1 <= d <= monthrange(y, m)[1]):
        raise _Fail("impossible-date")


def _check_hms(h: int, mi: int, s: int) -> None:
    if not (0 <= h <= 23 and 0 <= mi <= 59 and 0 <= s <= 59):
        raise _Fail("impossible-date")


_AM_PM_DOTTED_RE = re.compile(r"(?<![a-z])([ap])\.m(?:\.|(?![a-z]))")
# Greenwich in Arabic, with its optional "بتوقيت" ("بتوقيت غرينتش", "جرينتش+3", "ت.غ"):
# rewritten as "gmt" so that an offset after it is read like "GMT+3".
_GMT_WORDS_RE = re.compile(
    r"(?<![\u0621-\u064a])(?:ب?توقيت )?(?:[غج]ريني?تش|ت ?\. ?غ)(?![\u0621-\u064a])"
)


# "ت م" (توقيت مكة) right after a clock, SPA's mark of Makkah time ("11:20 ت م", "15:42ت م").
_MAKKAH_TIME_RE = re.compile(r"(?<=\d)\s*ت(?: ?\. ?| )م(?![\u0621-\u064a])")


# A French clock time, "14h30", "14 h 30", "9h": as "14:30".
_FRENCH_CLOCK_RE = re.compile(r"(?<![\d:])(\d{1,2}) ?h ?(\d{2})?(?![\da-zà-ÿ:])")


# A day of the month written as an ordinal before "من" and the month ("السابع من أغسطس",
# "الحادي والعشرين من يوليو"), normalized: as its number.
_ORDINAL_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")  # fmt: skip
_ORDINAL_DAYS = {
    **{word: n for n, word in enumerate(_ORDINAL_UNITS, 1)},
    "العاشر": 10,
    "الحادي عشر": 11,
    **{f"{word} عشر": n for n, word in enumerate(_ORDINAL_UNITS[1:], 12)},
    "العشرين": 20,
    "الحادي والعشرين": 21,
    **{f"{word} والعشرين": n for n, word in enumerate(_ORDINAL_UNITS[1:], 22)},
    "الثلاثين": 30,
    "الحادي والثلاثين": 31,
}
_ORDINAL_DAY_RE = re.compile(
    r"(?<![\u0621-\u064a])("
    + "|".join(sorted(map(re.escape, _ORDINAL_DAYS), key=len, reverse=True))
    + r") من (?=([\u0621-\u064a]+))"
)


def _ordinal_day(match: re.Match[str]) -> str:
    return f"{_ORDINAL_DAYS[match[1]]} " if match[2] in MONTHS else match[0]


# A clock in words after "الساعة", with its part of the day ("الساعة التاسعة والنصف مساءً",
# "الساعة الحادية عشرة ليلاً"), normalized: as digits. Without the part of the day the
# hour is ambiguous: it goes, and the day is read alone.
_CLOCK_HOURS = {
    **{
        word: n
        for n, word in enumerate(
            (
                *("الواحده", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه"),
                *("السابعه", "الثامنه", "التاسعه", "العاشره"),
            ),
            1,
        )
    },
    "الحاديه عشر": 11,
    "الحاديه عشره": 11,
    "الثانيه عشر": 12,
    "الثانيه عشره": 12,
}
_CLOCK_MINUTES = {"والنصف": 30, "والربع": 15, "والثلث": 20, "الا ربعا": -15, "الا ربع": -15}
_CLOCK_MINUTES |= {"الا الربع": -15, "الا ثلثا": -20, "الا الثلث": -20}
_DAY_PARTS = ("صباحا", "فجرا", "ظهرا", "عصرا", "مساء", "مساءا", "ليلا")
_CLOCK_IN_WORDS_RE = re.compile(
    r"(?<![\u0621-\u064a])الساعه ("
    + "|".join(sorted(_CLOCK_HOURS, key=len, reverse=True))
    + r")(?: ("
    + "|".join(sorted(_CLOCK_MINUTES, key=len, reverse=True))
    + r"))?(?: ("
    + "|".join(_DAY_PARTS)
    + r"))?(?![\u0621-\u064a])"
)


def _clock_in_words(match: re.Match[str]) -> str:
    hour, minutes = _CLOCK_HOURS[match[1]], _CLOCK_MINUTES.get(match[2] or "", 0)
    if minutes < 0:  # "التاسعة إلا ربعاً": 8:45
        hour, minutes = hour - 1 or 12, 60 + minutes
    part = match[3]
    if part is None:
        return ""  # the day alone
    if part in ("صباحا", "فجرا"):
        hour %= 12
    elif part == "ليلا":  # "الحادية عشرة ليلاً" 23:00; "الواحدة ليلاً" 01:00
        hour = hour % 12 if hour <= 5 or hour == 12 else hour + 12
    elif part != "ظهرا" or hour < 11:  # noon's "الثانية عشرة ظهرا" is 12
        hour = hour % 12 + 12
    return f"الساعه {hour:02d}:{minutes:02d}"


# A British paper's clock with a dot before its minutes and the half of the day after it
# ("August 15 2027, 8.41am"): as "8:41am". (Not a dotted date: "2027.08.03".)
_DOTTED_CLOCK_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2}) ?(?=[ap]\.?m\b)")


def _tokenize_abs(s: str) -> list[tuple[str, str]]:
    if "m" in s:
        s = _DOTTED_CLOCK_RE.sub(r"\1:\2 ", s)
    s = _AM_PM_DOTTED_RE.sub(r"\1m", s)
    if "الساعه ا" in s:
        s = _CLOCK_IN_WORDS_RE.sub(_clock_in_words, s)
    if " من " in s:
        s = _ORDINAL_DAY_RE.sub(_ordinal_day, s)
    if "h" in s:
        # One word, as the day words list it (either apostrophe).
        s = s.replace("aujourd'hui", "aujourd hui").replace("aujourd’hui", "aujourd hui")
        s = _FRENCH_CLOCK_RE.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", s)
    if "تش" in s or "غ" in s:
        s = _GMT_WORDS_RE.sub(" gmt ", s)
    if "ت" in s:
        s = _MAKKAH_TIME_RE.sub(" بتوقيت مكه ", s)
    toks: list[tuple[str, str]] = []
    for m in _ABS_TOKEN_RE.finditer(s):
        kind = next(k for k in _TOKEN_KINDS if m.group(k) is not None)
        toks.append((kind, m.group(0)))
    return toks


def _named_zone_at(toks: list[tuple[str, str]], i: int) -> tuple[str, int] | None:
    """The place named after a zone word at toks[i - 1] ("بتوقيت مكة المكرمة"): (place,
    index after it), longest name first."""
    for n in range(NAMED_ZONE_MAX_WORDS, 0, -1):
        words = toks[i : i + n]
        if len(words) == n and all(k == "word" for k, _ in words):
            place = " ".join(w for _, w in words)
            if place in NAMED_ZONES:
                return place, i + n
    return None


def _merge_pairs(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join two-word month names, hijri months, "أول أمس" and named zones ("بتوقيت
    القدس") into single tokens; a zone's Latin abbreviation ("GST") is a zone token."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        if toks[i][0] == "word" and (
            toks[i][1] in ZONE_ABBREVIATIONS
            or (
                toks[i][1] in CLOCK_ZONES
                and out
                and (
                    out[-1] in (("word", "am"), ("word", "pm"))
                    # US time's two letters after a 24-hour clock only where they end
                    # the text ("Mar 04, 2019, 09:00 ET"): "14h05 et 15h00" is French.
                    or (out[-1][0] == "time" and (len(toks[i][1]) > 2 or i == len(toks) - 1))
                )
            )
            # ... or before the clock, after the date ("2027-11-24 HKT 15:42", RTHK's).
            or (
                toks[i][1] in CLOCK_ZONES
                and len(toks[i][1]) > 2
                and out
                and out[-1][0] != "time"
                and i + 1 < len(toks)
                and toks[i + 1][0] == "time"
            )
        ):
            out.append(("zone", toks[i][1]))
            i += 1
            continue
        if toks[i][0] == "word" and toks[i][1] in AMBIGUOUS_ZONE_ABBREVIATIONS and out:
            i += 1  # after the clock, a zone no one can tell: the site's
            continue
        if toks[i][0] == "word" and toks[i][1] in ZONE_INTRO:
            if i + 1 < len(toks) and toks[i + 1][0] == "offset":  # "بتوقيت GMT+3"
                i += 1
                continue
            named = _named_zone_at(toks, i + 1)
            if named is not None:
                out.append(("zone", named[0]))
                i = named[1]
                continue
        if i + 1 < len(toks) and toks[i][0] == "word" and toks[i + 1][0] == "word":
            pair = (toks[i][1], toks[i + 1][1])
            if pair in MONTH_PAIRS:
                out.append(("month", str(MONTH_PAIRS[pair])))
                i += 2
                continue
            if pair in HIJRI_PAIRS:
                out.append(("hijri", str(HIJRI_PAIRS[pair])))
                i += 2
                continue
            joined = " ".join(pair)
            if joined in DAY_WORDS:
                out.append(("dayword", joined))
                i += 2
                continue
            if i + 2 < len(toks) and " ".join((*pair, toks[i + 2][1])) in DAY_WORDS:
                out.append(("dayword", " ".join((*pair, toks[i + 2][1]))))
                i += 3
                continue
        out.append(toks[i])
        i += 1
    return out


def _split_hijri(
    toks: list[tuple[str, str]],
) -> tuple[list[tuple[str, str]], tuple[int, int, int] | None]:
    """The tokens without a Hijri date "[الموافق] d <hijri month> yyyy [هـ]", and that
    date as (year, month, day) (None when there is none)."""
    idx = [
        i for i, (k, t) in enumerate(toks) if k == "hijri" or (k == "word" and t in HIJRI_MONTHS)
    ]
    if not idx:
        return toks, None
    i = idx[0]
    if len(idx) > 1 or i == 0 or i + 1 >= len(toks):
        raise _Fail("unsupported-calendar")
    if toks[i - 1][0] != "num" or toks[i + 1][0] != "num":
        raise _Fail("unsupported-calendar")
    kind, month = toks[i]
    hijri = (
        int(toks[i + 1][1]),
        int(month) if kind == "hijri" else HIJRI_MONTHS[month],
        int(toks[i - 1][1]),
    )
    start, end = i - 1, i + 2
    if end < len(toks) and toks[end][0] == "word" and toks[end][1] in HIJRI_MARKS:
        end += 1
    if start > 0 and toks[start - 1] == ("word", normalize("الموافق")):
        start -= 1
    return toks[:start] + toks[end:], hijri


# Countries that begin a Hijri month by sighting the moon can be a day off the Umm al-Qura
# calendar, either way: the window of a Hijri day alone is this many days wider each side.
HIJRI_SLACK_DAYS = 1


def _apply_hijri(p: _Parts, hijri: tuple[int, int, int]) -> None:
    """The Gregorian day of a Hijri date printed alone, by the Umm al-Qura calendar
    (hijridate). A printed weekday picks the day among it and its neighbours; without one,
    the window is widened by `HIJRI_SLACK_DAYS`."""
    from hijridate import Hijri  # only here: pages print a Hijri date alone rarely

    year, month, day = hijri
    try:
        try:
            gregorian = Hijri(year, month, day).to_gregorian()
            found = date(gregorian.year, gregorian.month, gregorian.day)
        except ValueError:
            if day != 30:
                raise
            # A 30th where Umm al-Qura's month has 29 days: the day after its 29th.
            gregorian = Hijri(year, month, 29).to_gregorian()
            found = date(gregorian.year, gregorian.month, gregorian.day) + timedelta(days=1)
    except OverflowError:
        raise _Fail("unsupported-calendar") from None  # outside the converter's 1343–1500 AH
    except ValueError:
        raise _Fail("impossible-date") from None
    if p.weekday is not None:
        shifts = [s for s in (0, -1, 1) if (found + timedelta(days=s)).weekday() == p.weekday]
        if not shifts:
            raise _Fail("weekday-mismatch")
        found += timedelta(days=shifts[0])
    else:
        p.slack_days = HIJRI_SLACK_DAYS
    p.year, p.month, p.day = found.year, found.month, found.day


def _parse_free(s: str) -> _Parts:
    """Token-level parse of free date text; raises _Fail."""
    toks, hijri = _split_hijri(_merge_pairs(_tokenize_abs(s)))
    p = _Parts()
    months: set[int] = set()
    weekdays: set[int] = set()
    nums: list[str] = []
    numdates: list[str] = []
    daymonth: str | None = None
    times: list[str] = []
    ampm: str | None = None
    for i, (kind, t) in enumerate(toks):
        prev = toks[i - 1] if i else ("", "")
        if kind == "time":
            times.append(t)
        elif kind == "numdate":
            numdates.append(t)
        elif kind == "daymonth":
            if daymonth is not None:
                raise _Fail("unrecognized")
            daymonth = t
        elif kind == "num":
            nums.append(t)
        elif kind == "offset":
            if p.offset is not None:
                raise _Fail("unrecognized")
            p.offset = _offset_tz(t)
        elif kind == "zone":
            if p.offset is not None:
                raise _Fail("unrecognized")
            p.offset, p.zone_word = _named_zone(t), t
        elif kind == "month":
            months.add(int(t))
        elif kind == "dayword":
            if p.days_back is not None:
                raise _Fail("unrecognized")
            p.days_back = DAY_WORDS[t]
        elif kind == "word":
            if t in AM_PM and prev[0] == "time":
                if ampm is not None:
                    raise _Fail("unrecognized")
                ampm = AM_PM[t]
            elif t in ERA_WORDS and prev[0] in ("num", "numdate"):
                continue  # "2025م", "ميلادي"
            elif t in MONTHS:
                months.add(MONTHS[t])
            elif t in WEEKDAYS:
                weekdays.add(WEEKDAYS[t])
            elif t in DAY_WORDS:
                if p.days_back is not None:
                    raise _Fail("unrecognized")
                p.days_back = DAY_WORDS[t]
            elif t in ABS_FILLERS:
                continue
            else:
                raise _Fail("unrecognized")
        elif kind == "other":
            if t not in _ABS_PUNCT:
                raise _Fail("unrecognized")
        else:
            raise _Fail("unrecognized")
    if len(months) > 1 or len(weekdays) > 1 or len(times) > 1 or len(numdates) > 1:
        raise _Fail("unrecognized")
    if weekdays:
        p.weekday = weekdays.pop()
    if times:
        _apply_time(p, times[0], ampm)
    if p.offset is not None and not times:
        raise _Fail("unrecognized")
    if daymonth is not None:
        # "10:40 13/03" (a list entry's clock and day): day first, the year the most recent
        # past one. Alone, or beside any other date part, it is a score or a counter.
        if not times or numdates or months or nums or p.days_back is not None:
            raise _Fail("unrecognized")
        day, month = (int(x) for x in daymonth.split("/"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise _Fail("impossible-date")
        p.day, p.month = day, month
    elif hijri is not None and not (numdates or months or nums or p.days_back is not None):
        _apply_hijri(p, hijri)  # a Hijri date alone; beside a Gregorian one it is ignored
    elif numdates:
        if months or nums or p.days_back is not None:
            raise _Fail("unrecognized")
        _apply_numdate(p, numdates[0])
    elif months:
        if p.days_back is not None:
            raise _Fail("unrecognized")
        p.month = months.pop()
        _apply_month_numbers(p, nums)
    elif p.days_back is not None:
        if nums or not times:
            raise _Fail("unrecognized")  # a bare day word is a relative form
    elif times:
        if nums:
            raise _Fail("unrecognized")
        p.days_back = -1  # time only: most recent past occurrence
    elif len(nums) == 1 and len(nums[0]) == 4 and p.weekday is None:
        p.year = int(nums[0])
    else:
        raise _Fail("unrecognized")
    return p


def _apply_time(p: _Parts, t: str, ampm: str | None) -> None:
    parts = t.split(".")[0].split(":")
    h, mi = int(parts[0]), int(parts[1])
    s = int(parts[2]) if len(parts) > 2 else None
    if ampm == "pm" and 13 <= h <= 23:
        ampm = None  # "14:20 مساءً": a 24-hour clock with its half of the day named too
    if ampm is not None:
        if not 1 <= h <= 12:
            raise _Fail("impossible-date")
        if ampm == "am":
            h = 0 if h == 12 else h
        elif ampm == "pm":
            h = h if h == 12 else h + 12
        else:  # noon ("ظهرا"): 11 or 12 stay, 1..6 are afternoon hours
            if h <= 6:
                h += 12
            elif h < 11:
                raise _Fail("unrecognized")
    _check_hms(h, mi, s or 0)
    p.hour, p.minute, p.second = h, mi, s


def _apply_numdate(p: _Parts, t: str) -> None:
    a, b, c = (x for x in re.split(r"[/.-]", t))
    if len(a) == 4:  # Y-m-d
        if len(c) > 2:
            raise _Fail("unrecognized")
        y, m, d = int(a), int(b), int(c)
    elif len(a) <= 2 and len(c) in (2, 4):  # d/m/Y, day first
        y, m, d = int(c), int(b), int(a)
        if len(c) == 2:
            y += 2000
        if m > 12 >= d:
            m, d = d, m  # "02/27/2027", "07.22.14": no 22nd month, month first
        p.month_first = d <= 12 and m <= 12 and d != m
    else:
        raise _Fail("unrecognized")
    _check_ymd(y, m, d)
    p.year, p.month, p.day = y, m, d


# The zones of the United States, whose sites write numeric dates month first.
_US_ZONE = re.compile(
    r"America/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Juneau"
    r"|Adak|Nome|Sitka|Yakutat|Metlakatla|Menominee|Indiana/\w+|Kentucky/\w+|North_Dakota/\w+)"
    r"|Pacific/Honolulu|US/\w+"
)


def _writes_month_first(zone: tzinfo) -> bool:
    return bool(_US_ZONE.fullmatch(str(getattr(zone, "key", "") or "")))


def _apply_month_numbers(p: _Parts, nums: list[str]) -> None:
    years = [x for x in nums if len(x) == 4]
    days = [x for x in nums if len(x) <= 2]
    if len(years) + len(days) != len(nums) or len(years) > 1 or len(days) > 1:
        raise _Fail("unrecognized")
    if years:
        p.year = int(years[0])
    if days:
        p.day = int(days[0])
        if p.day < 1 or p.day > 31:
            raise _Fail("impossible-date")
    elif p.year is None or p.hour is not None:
        raise _Fail("unrecognized")  # month alone, or "ديسمبر 2025 10:00"


def _site_zone_if_same(p: _Parts, tz: tzinfo, ref: datetime | None) -> tzinfo | None:
    """The site's zone where it keeps, at the printed day and clock, the fixed offset the
    printed zone's name states ("6:15 PM MST" in July in Arizona); else None. (A day
    printed without its year is in the reference's year, near enough for the season.)"""
    stated = ZONE_NAME_OFFSETS.get(p.zone_word or "")
    year = p.year or (ref.year if ref is not None else None)
    if stated is None or is_unknown_zone(tz) or None in (year, p.month, p.day, p.hour):
        return None
    try:
        local = datetime(year, p.month, p.day, p.hour, p.minute or 0)  # type: ignore[arg-type]
    except ValueError:
        return None
    return tz if tz.utcoffset(local) == timedelta(minutes=stated) else None


def _resolve(p: _Parts, tz: tzinfo, ref: datetime | None, tolerance: int) -> tuple:
    """(kind, value, earliest, latest, granularity, precision) from parsed parts."""
    zone = _site_zone_if_same(p, tz, ref) or p.offset or tz
    kind = "absolute"
    if p.days_back is not None:
        if ref is None:
            raise _Fail("no-reference")
        kind = "relative"
        local_today = ref.astimezone(zone).date()
        d = local_today - timedelta(days=max(p.days_back, 0))
        p.year, p.month, p.day = d.year, d.month, d.day
        if p.days_back == -1 and p.weekday is not None:
            # A weekday and a clock ("الأحد 17:45" in a week's list): that weekday's last
            # occurrence at that clock, today's if it is past (in some zone, where the
            # site's is not known: up to 14 hours ahead of UTC).
            ahead = timedelta(hours=14) if is_unknown_zone(zone) else timedelta(0)
            for back in range(8):
                d = local_today - timedelta(days=back)
                p.year, p.month, p.day = d.year, d.month, d.day
                if d.weekday() == p.weekday and _build(p, zone) <= ref + ahead + timedelta(
                    seconds=tolerance
                ):
                    break
        elif p.days_back == -1 and is_unknown_zone(zone):
            # A clock time alone, in a zone that may be any from UTC-12 to UTC+14: its last
            # occurrence before the reference in some zone is any moment of the day before
            # it (the UTC reading, a day early east of UTC, is only the nominal value).
            start = _build(p, zone)
            if start > ref:
                start -= timedelta(days=1)
            earliest = ref - timedelta(days=1)
            precision = "minute" if p.second is None else "exact"
            return kind, start, earliest, ref, int((ref - earliest).total_seconds()) + 1, precision
        if p.days_back == -1 and p.weekday is None:  # time only: yesterday if today's is ahead
            start = _build(p, zone)
            if start > ref + timedelta(seconds=tolerance):
                d -= timedelta(days=1)
                p.year, p.month, p.day = d.year, d.month, d.day
    elif p.year is None:  # "14 ديسمبر": the most recent past date
        if ref is None:
            raise _Fail("no-reference")
        y0 = ref.astimezone(zone).year
        for y in range(y0, y0 - 9, -1):
            if p.day is not None and p.day > monthrange(y, p.month)[1]:  # type: ignore[arg-type]
                continue
            p.year = y
            if _build(p, zone) <= ref + timedelta(seconds=tolerance):
                break
        else:
            raise _Fail("impossible-date")
    if p.month is None:  # year only
        _check_ymd(p.year, 1, 1)
        start = _local_midnight(date(p.year, 1, 1), zone)  # type: ignore[arg-type]
        end = _local_midnight(date(p.year + 1, 1, 1), zone) - timedelta(seconds=1)  # type: ignore[operator]
        precision = "year"
    elif p.day is None:  # month and year
        _check_ymd(p.year, p.month, 1)  # type: ignore[arg-type]
        start = _local_midnight(date(p.year, p.month, 1), zone)  # type: ignore[arg-type]
        nxt = date(p.year + p.month // 12, p.month % 12 + 1, 1)  # type: ignore[operator]
        end = _local_midnight(nxt, zone) - timedelta(seconds=1)
        precision = "month"
    else:
        if p.month_first and p.weekday is None and _writes_month_first(zone):
            p.month, p.day = p.day, p.month  # "12/04/12" on a site in a US zone
        _check_ymd(p.year, p.month, p.day)  # type: ignore[arg-type]
        if p.weekday is not None and date(p.year, p.month, p.day).weekday() != p.weekday:  # type: ignore[arg-type]
            # Day first unless the printed weekday says month first (Drupal's medium format
            # "الثلاثاء, 12/01/2026 - 09:05" is m/d/Y).
            if not (p.month_first and date(p.year, p.day, p.month).weekday() == p.weekday):  # type: ignore[arg-type]
                raise _Fail("weekday-mismatch")
            p.month, p.day = p.day, p.month
        if p.hour is None:
            start, end = _day_bounds(date(p.year, p.month, p.day), zone)  # type: ignore[arg-type]
            precision = "day"
        else:
            start = _build(p, zone)
            if p.second is None:
                end, precision = start + timedelta(seconds=59), "minute"
            else:
                end, precision = start, "exact"
    if p.weekday is not None and precision in ("month", "year"):
        raise _Fail("unrecognized")
    if p.slack_days:
        start_day, end_day = start, end  # the value stays the converted day's
        start = start_day - timedelta(days=p.slack_days)
        end = end_day + timedelta(days=p.slack_days)
    if is_unknown_zone(zone):
        # A clock is read in the likely zone; a day, month or year's bounds are UTC's.
        clock = precision in ("minute", "exact")
        earliest, latest = widen_unknown(start, end, zone if clock else UNKNOWN_ZONE)
    else:
        earliest, latest = start, end
    if p.slack_days:
        start = start_day
    if ref is not None and earliest > ref + timedelta(seconds=tolerance):
        raise _Fail("future")
    granularity = int((latest - earliest).total_seconds()) + 1
    if ref is not None and latest > ref:
        latest = max(ref, earliest)  # nothing was published after the page was rendered
    return kind, min(start, latest), earliest, latest, granularity, precision


def _build(p: _Parts, zone: tzinfo) -> datetime:
    local = datetime(p.year, p.month, p.day, p.hour or 0, p.minute or 0, p.second or 0, tzinfo=zone)  # type: ignore[arg-type]
    return local.astimezone(UTC)


def _absolute_reading(
    raw: str, norm: str, ref: datetime | None, tz: tzinfo, tolerance: int, machine: bool = False
) -> TimeReading:
    s = _strip_labels(_publication_part(norm))
    if not s:
        return _none(raw, "unrecognized")
    try:
        parts = _parse_machine(s) or (machine and us_slash_date(s)) or _parse_free(s)
        kind, value, earliest, latest, gran, precision = _resolve(parts, tz, ref, tolerance)
    except _Fail as exc:
        return _none(raw, exc.reason)
    except (ValueError, OverflowError):
        return _none(raw, "impossible-date")
    return TimeReading(raw, kind, value, earliest, latest, gran, precision, None)
