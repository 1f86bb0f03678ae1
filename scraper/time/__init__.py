"""Time layer: read publication times from Arabic/English WordPress news pages.

Every function here is pure: the reference time ("now" for the page, i.e. its
render or fetch time) is always an argument; this module never reads the clock.

Entry points
    read_time(text, reference, timezone)      visible text: relative, then absolute
    read_relative(text, reference)            "11 ساعة ago", "منذ ساعتين", "5 mins ago"
    read_absolute(text, reference, timezone)  "14 ديسمبر، 2025", "14/12/2025 10:52 م"
    read_machine(text, timezone, reference)   ISO 8601, RFC 2822, "Y-m-d H:i:s"
    http_date(value)                          HTTP Date header -> aware UTC
    reconcile(readings)                       intersect the windows of several sources

Windows are INCLUSIVE and in whole seconds, UTC.  See docs/time.md for the
window of every form and the list of `reason` codes.  No function raises on
any str input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as _fixed_offset
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "DEFAULT_FUTURE_TOLERANCE_S",
    "MAX_INPUT_CHARS",
    "Reconciled",
    "TimeReading",
    "http_date",
    "normalize",
    "read_absolute",
    "read_machine",
    "read_relative",
    "read_time",
    "reconcile",
]

MAX_INPUT_CHARS = 200
DEFAULT_FUTURE_TOLERANCE_S = 600

# ---------------------------------------------------------------------------
# Units and WordPress human_time_diff() ranges
# ---------------------------------------------------------------------------

SECOND, MINUTE, HOUR, DAY = 1, 60, 3600, 86400
WEEK, MONTH, YEAR = 7 * DAY, 30 * DAY, 365 * DAY

UNIT_SECONDS = {
    "second": SECOND,
    "minute": MINUTE,
    "hour": HOUR,
    "day": DAY,
    "week": WEEK,
    "month": MONTH,
    "year": YEAR,
}
# diff range (lower inclusive, upper exclusive) in which WordPress picks the unit
WP_UNIT_RANGE = {
    "second": (0, MINUTE),
    "minute": (MINUTE, HOUR),
    "hour": (HOUR, DAY),
    "day": (DAY, WEEK),
    "week": (WEEK, MONTH),
    "month": (MONTH, YEAR),
    "year": (YEAR, None),
}
# the n WordPress can print for each unit (round(), minimum 1)
WP_N_MAX = {"second": 59, "minute": 60, "hour": 24, "day": 7, "week": 4, "month": 12, "year": 100}
# beyond WordPress's range but still plausible from a theme's own code; above: absurd
PLAUSIBLE_N_MAX = {
    "second": 300,
    "minute": 1440,
    "hour": 168,
    "day": 400,
    "week": 104,
    "month": 120,
    "year": 100,
}

# ---------------------------------------------------------------------------
# Word tables (keys are in normalized form: see normalize())
# ---------------------------------------------------------------------------

# form -> (unit, number class): "sg" singular/accusative (bare = 1), "du" dual (= 2),
# "pl" plural (needs a number)
_UNIT_FORMS_RAW = {
    "second": {
        "sg": "ثانية ثانيه",
        "du": "ثانيتين ثانيتان",
        "pl": "ثواني ثوان ثوانى",
        "en": "second seconds sec secs s",
    },
    "minute": {
        "sg": "دقيقة دقيقه",
        "du": "دقيقتين دقيقتان",
        "pl": "دقائق دقايق",
        "en": "minute minutes min mins mn m",
    },
    "hour": {
        "sg": "ساعة",
        "du": "ساعتين ساعتان",
        "pl": "ساعات",
        "en": "hour hours hr hrs h",
    },
    "day": {
        "sg": "يوم يوما",
        "du": "يومين يومان",
        "pl": "أيام",
        "en": "day days d",
    },
    "week": {
        "sg": "أسبوع أسبوعا",
        "du": "أسبوعين أسبوعان",
        "pl": "أسابيع",
        "en": "week weeks wk wks w",
    },
    "month": {
        "sg": "شهر شهرا",
        "du": "شهرين شهران",
        "pl": "أشهر شهور",
        "en": "month months mo mos",
    },
    "year": {
        "sg": "سنة سنه عام عاما",
        "du": "سنتين سنتان عامين عامان",
        "pl": "سنوات سنين أعوام",
        "en": "year years yr yrs y",
    },
}

# Arabic number words: units (valid alone), prefixes valid only before عشر/عشرة
_AR_ONES_RAW = {
    1: "واحد واحدة",
    2: "اثنان اثنين اثنتان اثنتين",
    3: "ثلاث ثلاثة",
    4: "أربع أربعة",
    5: "خمس خمسة",
    6: "ست ستة",
    7: "سبع سبعة",
    8: "ثمان ثماني ثمانية",
    9: "تسع تسعة",
}
_AR_TEEN_PREFIX_RAW = {1: "أحد إحدى", 2: "اثنا اثني اثنتا اثنتي"}
_AR_TEN_RAW = "عشر عشرة"
_AR_TENS_RAW = {
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "أربعون أربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
}
_AR_HUNDRED_RAW = "مئة مائة"
_EN_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# fractions of a unit ("نصف ساعة", "half an hour", "ساعة ونصف")
_FRACTIONS_RAW = {"نصف": 0.5, "ربع": 0.25, "half": 0.5, "quarter": 0.25}

# wrappers and fillers around a relative expression
_REL_PREFIX_RAW = "منذ قبل من"
_REL_APPROX_RAW = (
    "حوالي حوالى نحو تقريبا ما يقارب يقرب قرابة about around approximately almost over"
)
_REL_SUFFIX_RAW = "ago مضت مضى فاتت سابقا تقريبا"
_REL_FUTURE_RAW = "بعد خلال in"
_REL_LABELS_RAW = "نشر نشرت published posted updated"
_CONJUNCTIONS_RAW = "و and & ,"

# special words: name -> diff window in seconds (inclusive)
_NOW_WINDOW = (0, MINUTE - 1)
_MOMENTS_WINDOW = (0, 5 * MINUTE - 1)
_A_LITTLE_WINDOW = (0, HOUR - 1)
_FEW_SECONDS_WINDOW = (0, MINUTE - 1)
_SPECIAL_WINDOWS_RAW = {
    "الآن": _NOW_WINDOW,
    "now": _NOW_WINDOW,
    "just now": _NOW_WINDOW,
    "right now": _NOW_WINDOW,
    "حالا": _NOW_WINDOW,
    "للتو": _NOW_WINDOW,
    "لحظات": _MOMENTS_WINDOW,
    "لحظة": _MOMENTS_WINDOW,
    "بضع لحظات": _MOMENTS_WINDOW,
    "moments": _MOMENTS_WINDOW,
    "a moment": _MOMENTS_WINDOW,
    "few moments": _MOMENTS_WINDOW,
    "a few moments": _MOMENTS_WINDOW,
    "قليل": _A_LITTLE_WINDOW,
    "فترة قصيرة": _A_LITTLE_WINDOW,
    "a few seconds": _FEW_SECONDS_WINDOW,
    "few seconds": _FEW_SECONDS_WINDOW,
    "seconds": _FEW_SECONDS_WINDOW,
    "ثوان": _FEW_SECONDS_WINDOW,
    "ثواني": _FEW_SECONDS_WINDOW,
    "بضع ثوان": _FEW_SECONDS_WINDOW,
    "بضع ثواني": _FEW_SECONDS_WINDOW,
    "ثوان معدودة": _FEW_SECONDS_WINDOW,
}
# calendar-day words: name -> days before the reference's local date
_DAY_WORDS_RAW = {
    "اليوم": 0,
    "today": 0,
    "أمس": 1,
    "الأمس": 1,
    "بالأمس": 1,
    "البارحة": 1,
    "yesterday": 1,
    "أول أمس": 2,
    "أول الأمس": 2,
    "أول من أمس": 2,
    "أول البارحة": 2,
    "the day before yesterday": 2,
    "day before yesterday": 2,
}

_READING_TIME_RAW = "قراءة للقراءة القراءة read reading"

# month names: one word -> month number
_MONTHS_RAW = {
    # standard (Egypt, Gulf) with spelling variants
    1: "يناير",
    2: "فبراير",
    3: "مارس",
    4: "أبريل إبريل ابريل",
    5: "مايو",
    6: "يونيو يونيه",
    7: "يوليو يوليه",
    8: "أغسطس اغسطس أغسطوس",
    9: "سبتمبر",
    10: "أكتوبر",
    11: "نوفمبر",
    12: "ديسمبر",
}
_MONTHS_LEVANT_RAW = {
    2: "شباط",
    3: "آذار",
    4: "نيسان",
    5: "أيار",
    6: "حزيران",
    7: "تموز",
    8: "آب",
    9: "أيلول",
}
_MONTHS_MAGHREB_RAW = {
    1: "جانفي",
    2: "فيفري",
    4: "أفريل",
    5: "ماي",
    6: "جوان",
    7: "جويلية",
    8: "أوت",
}
_MONTHS_MOROCCO_RAW = {7: "يوليوز", 8: "غشت", 9: "شتنبر", 11: "نونبر", 12: "دجنبر"}
_MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# two-word month names (Levantine/Iraqi): (first, second) -> month
_MONTH_PAIRS_RAW = {
    ("كانون", "الثاني"): 1,
    ("كانون", "ثاني"): 1,
    ("كانون", "الأول"): 12,
    ("كانون", "أول"): 12,
    ("تشرين", "الأول"): 10,
    ("تشرين", "أول"): 10,
    ("تشرين", "الثاني"): 11,
    ("تشرين", "ثاني"): 11,
}
_HIJRI_MONTHS_RAW = "محرم صفر رجب شعبان رمضان شوال"
_HIJRI_PAIRS_RAW = {
    ("ربيع", "الأول"), ("ربيع", "الآخر"), ("ربيع", "الثاني"), ("جمادى", "الأولى"),
    ("جمادى", "الأول"), ("جمادى", "الآخرة"), ("جمادى", "الثانية"), ("جمادى", "الآخر"),
    ("ذو", "القعدة"), ("ذو", "الحجة"), ("ذي", "القعدة"), ("ذي", "الحجة"),
}  # fmt: skip

# weekdays -> Python weekday (Monday = 0)
_WEEKDAYS_RAW = {
    0: "الاثنين الإثنين اثنين monday mon",
    1: "الثلاثاء ثلاثاء tuesday tue tues",
    2: "الأربعاء أربعاء wednesday wed",
    3: "الخميس خميس thursday thu thur thurs",
    4: "الجمعة جمعة friday fri",
    5: "السبت سبت saturday sat",
    6: "الأحد أحد sunday sun",
}
_AM_PM_RAW = {
    "ص": "am",
    "صباحا": "am",
    "صباح": "am",
    "فجرا": "am",
    "am": "am",
    "م": "pm",
    "مساء": "pm",
    "مساءا": "pm",
    "عصرا": "pm",
    "pm": "pm",
    "ظهرا": "noon",
}
_ERA_RAW = "م ميلادي ميلادية ad"
_HIJRI_MARK_RAW = "ه هجري هجرية"
_ABS_FILLERS_RAW = "في الساعة الموافق يوم بتاريخ at on the of st nd rd th"
_ABS_PUNCT = set(",;/()-|.[]\"'•·:«»")
_ABS_LABELS_RAW = [
    "تاريخ النشر",
    "تاريخ الإضافة",
    "تاريخ التحديث",
    "تاريخ آخر تحديث",
    "آخر تحديث",
    "اخر تعديل",
    "آخر تعديل",
    "تم النشر في",
    "تم النشر",
    "تم التحديث في",
    "تم التحديث",
    "نشر في",
    "نشر بتاريخ",
    "نشر",
    "نشرت في",
    "نشرت",
    "محدث",
    "تحديث",
    "بتاريخ",
    "التاريخ",
    "published on",
    "published",
    "posted on",
    "posted",
    "last updated on",
    "last updated",
    "last modified",
    "updated on",
    "updated",
    "modified",
    "date",
]

# ---------------------------------------------------------------------------
# Normalization
# ---------------------------------------------------------------------------

_DROP_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u2060\ufeff\u00ad\u0640"
)
_SPACE_CHARS = "\t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _DROP_CHARS}
_TRANSLATE.update({c: None for c in range(0x064B, 0x0660)})  # tashkeel
_TRANSLATE.update({c: None for c in range(0x06D6, 0x06EE)})  # Quranic marks
_TRANSLATE[0x0670] = None  # superscript alef
_TRANSLATE.update({ord(c): " " for c in _SPACE_CHARS})
_TRANSLATE.update({0x0660 + i: str(i) for i in range(10)})  # Arabic-Indic digits
_TRANSLATE.update({0x06F0 + i: str(i) for i in range(10)})  # Persian digits
_TRANSLATE.update({ord(a): b for a, b in zip("أإآٱىةیکؤ", "اااايهيكو", strict=True)})
_TRANSLATE.update({ord(a): b for a, b in zip("،؛٫٬؟–—‐‑−∕", ",;.,?-----/", strict=True)})
_SPACES_RE = re.compile(r" {2,}")
_EDGE_PUNCT = " .,;:!?…-|•·*"


# Cached, as the relative forms below: pages repeat the same strings ("3 ساعات ago")
# across widgets and pages; only the final arithmetic depends on the reference time.
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Canonical form used for matching: NFKC, no direction marks, tatweel or tashkeel,
    ASCII digits, one hamza-less alef, ي for ى, ه for ة, lower case, single spaces."""
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    s = _SPACES_RE.sub(" ", s)
    return s.lstrip(_EDGE_PUNCT.replace("-", "")).rstrip(_EDGE_PUNCT)


def _n(words: str) -> list[str]:
    return [normalize(w) for w in words.split()]


def _build_unit_forms() -> dict[str, tuple[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    for unit, classes in _UNIT_FORMS_RAW.items():
        for cls, words in classes.items():
            for w in _n(words):
                forms[w] = (unit, cls)
    return forms


UNIT_FORMS = _build_unit_forms()
AR_ONES = {w: v for v, ws in _AR_ONES_RAW.items() for w in _n(ws)}
AR_TEEN_PREFIX = {w: v for v, ws in _AR_TEEN_PREFIX_RAW.items() for w in _n(ws)}
AR_TEN = set(_n(_AR_TEN_RAW))
AR_TENS = {w: v for v, ws in _AR_TENS_RAW.items() for w in _n(ws)}
AR_HUNDRED = set(_n(_AR_HUNDRED_RAW))
FRACTIONS = {normalize(k): v for k, v in _FRACTIONS_RAW.items()}
REL_PREFIX = set(_n(_REL_PREFIX_RAW))
REL_APPROX = set(_n(_REL_APPROX_RAW))
REL_SUFFIX = set(_n(_REL_SUFFIX_RAW))
REL_FUTURE = set(_n(_REL_FUTURE_RAW))
REL_LABELS = set(_n(_REL_LABELS_RAW))
CONJUNCTIONS = set(_n(_CONJUNCTIONS_RAW))
SPECIAL_WINDOWS = {normalize(k): v for k, v in _SPECIAL_WINDOWS_RAW.items()}
DAY_WORDS = {normalize(k): v for k, v in _DAY_WORDS_RAW.items()}
READING_TIME_WORDS = set(_n(_READING_TIME_RAW))
MONTHS: dict[str, int] = dict(_MONTHS_EN)
for _table in (_MONTHS_RAW, _MONTHS_LEVANT_RAW, _MONTHS_MAGHREB_RAW, _MONTHS_MOROCCO_RAW):
    MONTHS.update({w: m for m, ws in _table.items() for w in _n(ws)})
MONTH_PAIRS = {(normalize(a), normalize(b)): m for (a, b), m in _MONTH_PAIRS_RAW.items()}
HIJRI_MONTHS = set(_n(_HIJRI_MONTHS_RAW))
HIJRI_PAIRS = {(normalize(a), normalize(b)) for a, b in _HIJRI_PAIRS_RAW}
WEEKDAYS = {w: d for d, ws in _WEEKDAYS_RAW.items() for w in _n(ws)}
AM_PM = {normalize(k): v for k, v in _AM_PM_RAW.items()}
ERA_WORDS = set(_n(_ERA_RAW))
HIJRI_MARKS = set(_n(_HIJRI_MARK_RAW))
ABS_FILLERS = set(_n(_ABS_FILLERS_RAW))
ABS_LABELS = sorted((normalize(x) for x in _ABS_LABELS_RAW), key=len, reverse=True)
_NUMBER_WORDS = (
    set(AR_ONES) | set(AR_TEEN_PREFIX) | AR_TEN | set(AR_TENS) | AR_HUNDRED | set(FRACTIONS)
)

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


# ---------------------------------------------------------------------------
# Helpers: time zones, reference, input
# ---------------------------------------------------------------------------


@lru_cache(maxsize=128)
def _zone(name: str) -> tzinfo:
    if name.upper() in ("UTC", "Z", "GMT", "ETC/UTC"):
        return UTC
    return ZoneInfo(name)


def _tz(timezone: str | tzinfo | None) -> tzinfo:
    """A tzinfo from a zoneinfo name or a tzinfo; raises on an unknown name (configuration
    error, not input error)."""
    if timezone is None:
        return UTC
    if isinstance(timezone, tzinfo):
        return timezone
    return _zone(str(timezone))


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


def _local_midnight(d: date, tz: tzinfo) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(UTC)


def _day_bounds(d: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = _local_midnight(d, tz)
    end = _local_midnight(d + timedelta(days=1), tz) - timedelta(seconds=1)
    return start, end


# ---------------------------------------------------------------------------
# Relative times
# ---------------------------------------------------------------------------

_REL_TOKEN_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)?|[a-z]+|[\u0621-\u064a\u066e-\u06d3]+|&|,")


def wp_diff_window(unit: str, n: int) -> tuple[int, int]:
    """Inclusive range of integer diffs (seconds) for which WordPress's human_time_diff()
    prints n of `unit`: round(diff/unit) == n (half away from zero), minimum 1, clamped by
    the diff range in which WordPress chooses that unit."""
    u = UNIT_SECONDS[unit]
    lo_u, hi_u = WP_UNIT_RANGE[unit]
    if unit == "second":
        return (0, 1) if n == 1 else (n, n)
    lo = ((2 * n - 1) * u + 1) // 2  # ceil((n - 1/2) * u)
    hi = ((2 * n + 1) * u + 1) // 2 - 1  # ceil((n + 1/2) * u) - 1
    lo = max(lo, lo_u)
    if hi_u is not None:
        hi = min(hi, hi_u - 1)
    return lo, hi


def _generic_window(total: float, grain: float) -> tuple[int, int]:
    """Forms WordPress never prints: diff in [T - g/2, T + g), which covers both rounding
    and truncation of the smallest unit g."""
    lo = max(0, math.ceil(total - grain / 2))
    hi = math.ceil(total + grain) - 1
    return lo, hi


def _rel_tokens(s: str) -> list[str]:
    toks = _REL_TOKEN_RE.findall(s)
    out: list[str] = []
    for t in toks:
        # "وعشرون", "و5" (split by the regex), "ونصف": conjunction glued to the next word
        if (
            len(t) > 1
            and t[0] == "و"
            and t not in AR_ONES
            and t not in UNIT_FORMS
            and (t[1:] in UNIT_FORMS or t[1:] in _NUMBER_WORDS or t[1:] in REL_APPROX)
        ):
            out.extend(("و", t[1:]))
        else:
            out.append(t)
    return out


def _parse_number_words(toks: list[str], i: int) -> tuple[int, int] | None:
    """Arabic or English number written in words at toks[i]: (value, next index)."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t in AR_ONES or t in AR_TEEN_PREFIX:
        v = AR_ONES.get(t) or AR_TEEN_PREFIX[t]
        if nxt in AR_TEN:
            return 10 + v, i + 2
        if t in AR_ONES and nxt == "و" and i + 2 < len(toks) and toks[i + 2] in AR_TENS:
            return AR_TENS[toks[i + 2]] + v, i + 3
        if t in AR_ONES:
            return v, i + 1
        return None
    if t in AR_TEN:
        return 10, i + 1
    if t in AR_TENS:
        return AR_TENS[t], i + 1
    if t in AR_HUNDRED:
        return 100, i + 1
    if t in _EN_NUMBERS:
        return _EN_NUMBERS[t], i + 1
    if t in _EN_TENS:
        v = _EN_TENS[t]
        if nxt in _EN_NUMBERS and 0 < _EN_NUMBERS[nxt] < 10:
            return v + _EN_NUMBERS[nxt], i + 2
        return v, i + 1
    return None


@dataclass(slots=True)
class _Term:
    n: float
    unit: str
    style: str  # "wp" (core form or digits), "word", "article", "fraction"


def _parse_term(toks: list[str], i: int) -> tuple[_Term, int]:
    """One "quantity unit" term starting at toks[i]; raises _Fail("unrecognized")."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    # digits + unit ("11 ساعة", "2 ساعتين", "5 mins")
    if t[0].isdigit() or t[0] in "+-":
        if nxt not in UNIT_FORMS or not re.fullmatch(r"[+-]?\d+", t):
            raise _Fail("unrecognized")
        n = int(t)
        unit, cls = UNIT_FORMS[nxt]
        if cls == "du" and n != 2:
            raise _Fail("unrecognized")
        return _Term(n, unit, "wp"), i + 2
    # fraction + unit ("نصف ساعة", "half an hour")
    if t in FRACTIONS:
        j = i + 1
        if j < len(toks) and toks[j] in ("a", "an"):
            j += 1
        if j < len(toks) and toks[j] in UNIT_FORMS and UNIT_FORMS[toks[j]][1] in ("sg", "en"):
            return _Term(FRACTIONS[t], UNIT_FORMS[toks[j]][0], "fraction"), j + 1
        raise _Fail("unrecognized")
    # English article ("an hour ago")
    if t in ("a", "an"):
        if nxt in UNIT_FORMS and UNIT_FORMS[nxt][1] == "en":
            return _Term(1, UNIT_FORMS[nxt][0], "article"), i + 2
        raise _Fail("unrecognized")
    # unit form first ("ساعة", "ساعتين", "ساعة واحدة", "يومان")
    if t in UNIT_FORMS:
        unit, cls = UNIT_FORMS[t]
        if cls == "sg":
            j = i + 1
            if nxt in ("واحد", "واحده"):
                j += 1
            return _Term(1, unit, "wp"), j
        if cls == "du":
            return _Term(2, unit, "wp"), i + 1
        raise _Fail("unrecognized")  # plural or English unit with no number
    # number in words + unit ("ثلاث ساعات", "خمس وعشرون دقيقة", "two hours")
    parsed = _parse_number_words(toks, i)
    if parsed is not None:
        n, j = parsed
        if j < len(toks) and toks[j] in UNIT_FORMS and UNIT_FORMS[toks[j]][1] != "du":
            return _Term(n, UNIT_FORMS[toks[j]][0], "word"), j + 1
    raise _Fail("unrecognized")


def _parse_relative(norm: str) -> tuple[str, object] | None:
    """Parse a normalized string as a relative time.

    Returns None if it is not a relative expression at all, ("fail", reason),
    ("diff", (lo, hi, nominal, grain)) or ("days", days_back)."""
    toks = _rel_tokens(norm)
    if not toks:
        return None
    future = False
    approx = False
    while toks and toks[0] in REL_LABELS:
        toks = toks[1:]
    while toks:
        if toks[0] in REL_PREFIX:
            toks = toks[1:]
        elif toks[0] in REL_APPROX:
            approx = True
            toks = toks[1:]
        elif toks[0] in REL_FUTURE:
            future = True
            toks = toks[1:]
        else:
            break
    while toks and toks[-1] in REL_SUFFIX:
        toks = toks[:-1]
    if not toks:
        return None
    phrase = " ".join(toks)
    if phrase in SPECIAL_WINDOWS:
        lo, hi = SPECIAL_WINDOWS[phrase]
        return ("fail", "future") if future else ("diff", (lo, hi, lo, hi - lo + 1))
    if phrase in DAY_WORDS:
        return ("fail", "future") if future else ("days", DAY_WORDS[phrase])
    if not any(t in UNIT_FORMS for t in toks):
        return None
    try:
        terms = _parse_terms(toks)
    except _Fail:
        return None  # let the absolute parser try ("يوم الأحد 14 ديسمبر")
    if future:
        return ("fail", "future")
    return _window_for_terms(terms, approx)


def _parse_terms(toks: list[str]) -> list[_Term]:
    terms: list[_Term] = []
    i = 0
    while i < len(toks):
        if terms:
            if toks[i] not in CONJUNCTIONS:
                raise _Fail("unrecognized")
            i += 1
            if i < len(toks) and toks[i] in CONJUNCTIONS:
                i += 1
            if i >= len(toks):
                raise _Fail("unrecognized")
            if toks[i] in FRACTIONS and (i + 1 == len(toks) or toks[i + 1] in CONJUNCTIONS):
                # "ساعة ونصف", "hour and a half" handled as a fraction of the previous unit
                terms.append(_Term(FRACTIONS[toks[i]], terms[-1].unit, "fraction"))
                i += 1
                continue
        term, i = _parse_term(toks, i)
        terms.append(term)
    return terms


def _window_for_terms(terms: list[_Term], approx: bool) -> tuple[str, object]:
    units = [t.unit for t in terms]
    if len(set(units)) != len(units) and not (len(terms) == 2 and terms[1].style == "fraction"):
        return ("fail", "unrecognized")
    for t in terms:
        if t.n <= 0 or t.n > PLAUSIBLE_N_MAX[t.unit]:
            return ("fail", "absurd-quantity")
    if len(terms) == 1:
        t = terms[0]
        u = UNIT_SECONDS[t.unit]
        if t.style == "wp" and not approx and t.n <= WP_N_MAX[t.unit]:
            lo, hi = wp_diff_window(t.unit, int(t.n))
            return ("diff", (lo, hi, int(t.n) * u, u))
        if t.style == "article" and not approx:
            lo, hi = u // 2, (3 * u + 1) // 2 - 1
            return ("diff", (lo, hi, u, u))
        if t.style == "fraction":
            total, grain = t.n * u, u / 4
            lo, hi = _generic_window(total, grain)
            return ("diff", (lo, hi, int(total), max(1, int(grain))))
        lo, hi = _generic_window(t.n * u, u)
        return ("diff", (lo, hi, int(t.n * u), u))
    total = sum(t.n * UNIT_SECONDS[t.unit] for t in terms)
    grain = min(
        UNIT_SECONDS[t.unit] / 4 if t.style == "fraction" else UNIT_SECONDS[t.unit] for t in terms
    )
    lo, hi = _generic_window(total, grain)
    return ("diff", (lo, hi, int(total), max(1, int(grain))))


def _relative_reading(
    raw: str, parsed: tuple[str, object], ref: datetime, tz: tzinfo
) -> TimeReading:
    tag, payload = parsed
    if tag == "fail":
        return _none(raw, payload)  # type: ignore[arg-type]
    if tag == "days":
        days = payload  # type: ignore[assignment]
        local = ref.astimezone(tz).date() - timedelta(days=days)  # type: ignore[operator]
        start, end = _day_bounds(local, tz)
        end = min(end, ref)
        if start > ref:  # cannot happen for a sane tz, but never return an empty window
            return _none(raw, "future")
        return TimeReading(raw, "relative", start, start, end, DAY, "day", None)
    lo, hi, nominal, grain = payload  # type: ignore[misc]
    earliest = ref - timedelta(seconds=hi)
    latest = ref - timedelta(seconds=lo)
    value = min(max(ref - timedelta(seconds=nominal), earliest), latest)
    return TimeReading(raw, "relative", value, earliest, latest, int(grain), "window", None)


def _is_reading_time(norm: str) -> bool:
    toks = _REL_TOKEN_RE.findall(norm)
    return any(t in READING_TIME_WORDS for t in toks) and (
        any(t in UNIT_FORMS for t in toks) or any(t[0].isdigit() for t in toks)
    )


# ---------------------------------------------------------------------------
# Absolute dates
# ---------------------------------------------------------------------------

_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_RFC2822_RE = re.compile(
    r"(?:([a-z]{3}),?\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*([+-]\d{4}|gmt|ut|utc|z|[ecmp][sd]t)?"
)
_RFC_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6}
_RFC_ZONES.update({"cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7})
_EN_WEEKDAY3 = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_ABS_TOKEN_RE = re.compile(
    r"(?P<time>(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?![\d:]))"
    r"|(?P<numdate>(?<!\d)\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{1,4}(?!\d))"
    r"|(?P<offset>(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)"
    r"|(?<![a-z\u0600-\u06ff])[+-]\d{2}:?\d{2}(?!\d)|(?<![a-z])(?:gmt|utc|z)(?![a-z]))"
    r"|(?P<num>\d+)"
    r"|(?P<word>[a-z]+|[\u0621-\u064a\u066e-\u06d3]+)"
    r"|(?P<other>\S)"
)
_TOKEN_KINDS = ("time", "numdate", "offset", "num", "word", "other")


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


def _check_ymd(y: int, m: int, d: int) -> None:
    if not (1 <= m <= 12) or not (1900 <= y <= 2200):
        raise _Fail("impossible-date")
    if not (1 <= d <= monthrange(y, m)[1]):
        raise _Fail("impossible-date")


def _check_hms(h: int, mi: int, s: int) -> None:
    if not (0 <= h <= 23 and 0 <= mi <= 59 and 0 <= s <= 59):
        raise _Fail("impossible-date")


@dataclass(slots=True)
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: tzinfo | None = None
    weekday: int | None = None
    days_back: int | None = None  # "أمس 10:30"


def _strip_labels(s: str) -> str:
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


def _parse_machine(s: str) -> _Parts | None:
    m = _ISO_RE.fullmatch(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        p = _Parts(year=y, month=mo, day=d)
        if m.group(4):
            p.hour, p.minute = int(m.group(4)), int(m.group(5))
            p.second = int(m.group(6)) if m.group(6) else None
            if m.group(7):
                p.offset = _offset_tz(m.group(7))
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
                p.offset = _fixed_offset(timedelta(hours=_RFC_ZONES[z]))
            else:
                p.offset = _offset_tz(z)
        return p
    return None


_AM_PM_DOTTED_RE = re.compile(r"(?<![a-z])([ap])\.m(?:\.|(?![a-z]))")


def _tokenize_abs(s: str) -> list[tuple[str, str]]:
    s = _AM_PM_DOTTED_RE.sub(r"\1m", s)
    toks: list[tuple[str, str]] = []
    for m in _ABS_TOKEN_RE.finditer(s):
        kind = next(k for k in _TOKEN_KINDS if m.group(k) is not None)
        toks.append((kind, m.group(0)))
    return toks


def _merge_pairs(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join two-word month names, hijri months and "أول أمس" into single tokens."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        if i + 1 < len(toks) and toks[i][0] == "word" and toks[i + 1][0] == "word":
            pair = (toks[i][1], toks[i + 1][1])
            if pair in MONTH_PAIRS:
                out.append(("month", str(MONTH_PAIRS[pair])))
                i += 2
                continue
            if pair in HIJRI_PAIRS:
                out.append(("hijri", " ".join(pair)))
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


def _drop_hijri(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Remove a Hijri date "[الموافق] d <hijri month> yyyy [هـ]" that accompanies a
    Gregorian one."""
    idx = [
        i for i, (k, t) in enumerate(toks) if k == "hijri" or (k == "word" and t in HIJRI_MONTHS)
    ]
    if not idx:
        return toks
    i = idx[0]
    if len(idx) > 1 or i == 0 or i + 1 >= len(toks):
        raise _Fail("unsupported-calendar")
    if toks[i - 1][0] != "num" or toks[i + 1][0] != "num":
        raise _Fail("unsupported-calendar")
    start, end = i - 1, i + 2
    if end < len(toks) and toks[end][0] == "word" and toks[end][1] in HIJRI_MARKS:
        end += 1
    if start > 0 and toks[start - 1] == ("word", normalize("الموافق")):
        start -= 1
    return toks[:start] + toks[end:]


def _parse_free(s: str) -> _Parts:
    """Token-level parse of free date text; raises _Fail."""
    merged = _merge_pairs(_tokenize_abs(s))
    toks = _drop_hijri(merged)
    if not any(k != "other" for k, _ in toks) and len(toks) < len(merged):
        raise _Fail("unsupported-calendar")  # nothing but a Hijri date
    p = _Parts()
    months: set[int] = set()
    weekdays: set[int] = set()
    nums: list[str] = []
    numdates: list[str] = []
    times: list[str] = []
    ampm: str | None = None
    for i, (kind, t) in enumerate(toks):
        prev = toks[i - 1] if i else ("", "")
        if kind == "time":
            times.append(t)
        elif kind == "numdate":
            numdates.append(t)
        elif kind == "num":
            nums.append(t)
        elif kind == "offset":
            if p.offset is not None:
                raise _Fail("unrecognized")
            p.offset = _offset_tz(t)
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
    if numdates:
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
    else:
        raise _Fail("unrecognized")
    _check_ymd(y, m, d)
    p.year, p.month, p.day = y, m, d


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


def _resolve(p: _Parts, tz: tzinfo, ref: datetime | None, tolerance: int) -> tuple:
    """(kind, value, earliest, latest, granularity, precision) from parsed parts."""
    zone = p.offset or tz
    kind = "absolute"
    if p.days_back is not None:
        if ref is None:
            raise _Fail("no-reference")
        kind = "relative"
        local_today = ref.astimezone(zone).date()
        d = local_today - timedelta(days=max(p.days_back, 0))
        p.year, p.month, p.day = d.year, d.month, d.day
        if p.days_back == -1:  # time only: yesterday if today's would be in the future
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
        _check_ymd(p.year, p.month, p.day)  # type: ignore[arg-type]
        if p.weekday is not None and date(p.year, p.month, p.day).weekday() != p.weekday:  # type: ignore[arg-type]
            raise _Fail("weekday-mismatch")
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
    if ref is not None and start > ref + timedelta(seconds=tolerance):
        raise _Fail("future")
    granularity = int((end - start).total_seconds()) + 1
    if ref is not None and end > ref:
        end = max(ref, start)  # nothing was published after the page was rendered
    return kind, start, start, end, granularity, precision


def _build(p: _Parts, zone: tzinfo) -> datetime:
    local = datetime(p.year, p.month, p.day, p.hour or 0, p.minute or 0, p.second or 0, tzinfo=zone)  # type: ignore[arg-type]
    return local.astimezone(UTC)


def _absolute_reading(
    raw: str, norm: str, ref: datetime | None, tz: tzinfo, tolerance: int
) -> TimeReading:
    s = _strip_labels(norm)
    if not s:
        return _none(raw, "unrecognized")
    try:
        parts = _parse_machine(s) or _parse_free(s)
        kind, value, earliest, latest, gran, precision = _resolve(parts, tz, ref, tolerance)
    except _Fail as exc:
        return _none(raw, exc.reason)
    except (ValueError, OverflowError):
        return _none(raw, "impossible-date")
    return TimeReading(raw, kind, value, earliest, latest, gran, precision, None)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

# Tests set this to True so that an internal bug surfaces instead of becoming
# reason "internal-error".
STRICT = False


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
) -> TimeReading:
    """Read a visible date/time string: relative forms first, then absolute ones.

    `reference` is the time the page was rendered (or fetched); `timezone` is the site's
    zone, used for strings without an offset and for calendar days (أمس, اليوم).  An
    unknown zone name raises (configuration error); no text input does."""
    ref, tz = _ref(reference), _tz(timezone)
    raw, norm, reason = _prepare(text)
    if norm is None:
        return _none(raw, reason or "empty")
    return _guarded(raw, _read_time, raw, norm, ref, tz, future_tolerance_s)


@lru_cache(maxsize=8192)
def _relative_form(norm: str) -> tuple[bool, tuple[str, object] | None]:
    """(is a reading time, the relative parse) of a normalized string: both independent of
    the reference time."""
    if _is_reading_time(norm):
        return True, None
    return False, _parse_relative(_strip_labels(norm))


def clear_caches() -> None:
    """Forget cached normalizations and parses (benchmarks measure the cold cost)."""
    normalize.cache_clear()
    _relative_form.cache_clear()


def _read_time(raw: str, norm: str, ref: datetime, tz: tzinfo, tolerance: int) -> TimeReading:
    reading_time, parsed = _relative_form(norm)
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


def _read_relative(raw: str, norm: str, ref: datetime, tz: tzinfo) -> TimeReading:
    reading_time, parsed = _relative_form(norm)
    if reading_time:
        return _none(raw, "reading-time")
    if parsed is None:
        return _none(raw, "unrecognized")
    return _relative_reading(raw, parsed, ref, tz)


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
    return _guarded(raw, _absolute_reading, raw, norm, ref, tz, DEFAULT_FUTURE_TOLERANCE_S)


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


# ---------------------------------------------------------------------------
# Reconciliation of several sources
# ---------------------------------------------------------------------------

MACHINE_SOURCE_PREFIXES = ("json-ld", "meta", "time[datetime]", "rest", "feed", "sitemap")


def _is_machine(source: str) -> bool:
    return source.startswith(MACHINE_SOURCE_PREFIXES)


def reconcile(readings: Iterable[tuple[str, TimeReading]]) -> Reconciled:
    """Intersect the windows of the readings that carry a value.

    The result is the largest group of readings whose windows share a common instant
    (ties: more machine sources, then the narrower intersection, then the earlier one);
    its window is the intersection, its value the most precise member's value clamped
    into it.  Readings outside the group are reported in `conflicts`."""
    usable = [
        (src, r)
        for src, r in readings
        if r.value is not None and r.earliest is not None and r.latest is not None
    ]
    if not usable:
        return Reconciled(None, None, None, None, None, None, (), ())
    best_key = None
    best: list[int] = []
    for cand in sorted({r.earliest for _, r in usable} | {r.latest for _, r in usable}):
        group = [i for i, (_, r) in enumerate(usable) if r.earliest <= cand <= r.latest]
        lo = max(usable[i][1].earliest for i in group)
        hi = min(usable[i][1].latest for i in group)
        key = (
            len(group),
            sum(_is_machine(usable[i][0]) for i in group),
            -(hi - lo).total_seconds(),
            -cand.timestamp(),
        )
        if best_key is None or key > best_key:
            best_key, best = key, group
    lo = max(usable[i][1].earliest for i in best)
    hi = min(usable[i][1].latest for i in best)

    def precision_key(i: int) -> tuple:
        src, r = usable[i]
        return (
            r.granularity_s if r.granularity_s is not None else 1 << 62,
            not _is_machine(src),
            i,
        )

    top = usable[min(best, key=precision_key)][1]
    value = min(max(top.value, lo), hi)  # type: ignore[type-var]
    sources: list[str] = []
    for i in best:
        if usable[i][0] not in sources:
            sources.append(usable[i][0])
    conflicts = tuple(
        {"source": src, "raw": r.raw, "earliest": r.earliest, "latest": r.latest}
        for i, (src, r) in enumerate(usable)
        if i not in best
    )
    return Reconciled(
        value, lo, hi, top.precision, top.granularity_s, top.raw, tuple(sources), conflicts
    )
