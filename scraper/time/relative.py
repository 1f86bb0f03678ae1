"""Relative times: "11 ساعة ago", "منذ ٣ ساعات", "ساعة و20 دقيقة", "أمس".

A relative string is parsed once into a diff window in seconds (or a number of calendar
days back), independent of the reference time, and cached by its normalized form; only
`_relative_reading` applies the reference.  See docs/time.md for the window of each form.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from scraper.time.lexicon import (
    _EN_NUMBERS,
    _EN_TENS,
    _NUMBER_WORDS,
    AR_HUNDRED,
    AR_ONES,
    AR_TEEN_PREFIX,
    AR_TEN,
    AR_TENS,
    CONJUNCTIONS,
    DAY,
    DAY_WORDS,
    FRACTIONS,
    PLAUSIBLE_N_MAX,
    READING_TIME_WORDS,
    REL_APPROX,
    REL_FUTURE,
    REL_LABELS,
    REL_PREFIX,
    REL_SUFFIX,
    SPECIAL_WINDOWS,
    UNIT_FORMS,
    UNIT_SECONDS,
    WP_N_MAX,
    WP_UNIT_RANGE,
    normalize,
)
from scraper.time.readings import (
    TimeReading,
    _day_bounds,
    _Fail,
    _none,
    _publication_part,
    _strip_labels,
)

_REL_TOKEN_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)?|[a-zà-öø-ÿ]+|[\u0621-\u064a\u066e-\u06d3]+|&|,")


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


_IL_Y_A = ["il", "y", "a"]


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
    # English or French article ("an hour ago", "il y a une heure")
    if t in ("a", "an", "un", "une"):
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


def _parse_relative(norm: str, rounding: str = "wordpress") -> tuple[str, object] | None:
    """Parse a normalized string as a relative time.

    Returns None if it is not a relative expression at all, ("fail", reason),
    ("diff", (lo, hi, nominal, grain)) or ("days", days_back)."""
    toks = _rel_tokens(norm)
    if not toks:
        return None
    future = False
    approx = False
    marked = False  # "منذ", "قبل", "ago": what makes "5 د" a time and not 5 dinars
    while toks and toks[0] in REL_LABELS:
        toks = toks[1:]
    while toks:
        if toks[:3] == _IL_Y_A:  # French "ago", before the count
            marked = True
            toks = toks[3:]
        elif toks[0] in REL_PREFIX:
            marked = True
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
        marked = True
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
    if not marked and any(UNIT_FORMS.get(t, ("", ""))[1] == "ab" for t in toks):
        return None  # a one-letter unit is read only after "منذ" or before "ago"
    try:
        terms = _parse_terms(toks)
    except _Fail:
        return None  # let the absolute parser try ("يوم الأحد 14 ديسمبر")
    if future:
        return ("fail", "future")
    return _window_for_terms(terms, approx, rounding)


def _parse_terms(toks: list[str]) -> list[_Term]:
    terms: list[_Term] = []
    i = 0
    while i < len(toks):
        if terms:
            if toks[i] not in CONJUNCTIONS:
                # no conjunction: "1 hour 20 minutes ago", "2h 15m"
                term, i = _parse_term(toks, i)
                if UNIT_SECONDS[term.unit] >= UNIT_SECONDS[terms[-1].unit]:
                    raise _Fail("unrecognized")  # only larger units before smaller ones
                terms.append(term)
                continue
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


def _window_for_terms(
    terms: list[_Term], approx: bool, rounding: str = "wordpress"
) -> tuple[str, object]:
    units = [t.unit for t in terms]
    if len(set(units)) != len(units) and not (len(terms) == 2 and terms[1].style == "fraction"):
        return ("fail", "unrecognized")
    for t in terms:
        if t.n < 0 or t.n > PLAUSIBLE_N_MAX[t.unit]:
            return ("fail", "absurd-quantity")
    if len(terms) == 1:
        t = terms[0]
        u = UNIT_SECONDS[t.unit]
        # WordPress never prints 0: "0 دقيقة" takes the generic window below, [0, u - 1]
        wordpress = rounding == "wordpress"
        if wordpress and t.style == "wp" and not approx and 0 < t.n <= WP_N_MAX[t.unit]:
            lo, hi = wp_diff_window(t.unit, int(t.n))
            return ("diff", (lo, hi, int(t.n) * u, u))
        if wordpress and t.style == "article" and not approx:
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


def names_reading_time(text: str) -> bool:
    """Whether `text` holds a reading-time word ("قراءة", "read", "Lesezeit"): printed beside
    a bare duration ("4 min."), it makes that duration a reading time, not a time ago."""
    return any(t in READING_TIME_WORDS for t in _REL_TOKEN_RE.findall(normalize(text)))


def _is_reading_time(norm: str) -> bool:
    toks = _REL_TOKEN_RE.findall(norm)
    return any(t in READING_TIME_WORDS for t in toks) and (
        any(t in UNIT_FORMS for t in toks) or any(t[0].isdigit() for t in toks)
    )


ROUNDINGS = ("wordpress", "either")


@lru_cache(maxsize=8192)
def _relative_form(
    norm: str, rounding: str = "wordpress"
) -> tuple[bool, tuple[str, object] | None]:
    """(is a reading time, the relative parse) of a normalized string: both independent of
    the reference time. An update printed after the time on the same line ("منذ 3 ساعات |
    آخر تحديث: منذ ساعة") is no part of it."""
    if _is_reading_time(norm):
        return True, None
    return False, _parse_relative(_strip_labels(_publication_part(norm)), rounding)


def _read_relative(raw: str, norm: str, ref: datetime, tz: tzinfo) -> TimeReading:
    reading_time, parsed = _relative_form(norm)
    if reading_time:
        return _none(raw, "reading-time")
    if parsed is None:
        return _none(raw, "unrecognized")
    return _relative_reading(raw, parsed, ref, tz)
