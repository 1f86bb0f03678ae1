"""Word tables and normalization: what the time layer knows about the words of dates.

Units and WordPress human_time_diff() ranges, the word tables (Arabic and English number
words, relative wrappers and fillers, special words such as الآن and أمس, month names of
every region, Hijri months, weekdays, am/pm, era marks, named zones, labels), and
`normalize()`, the canonical form every table key and every input is matched in.  No
parsing happens here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
# "pl" plural (needs a number), "en" English, "ab" the Arabic one-letter abbreviation
# that compact feeds print after a number ("منذ 5 س", "3 د"; needs a number)
_UNIT_FORMS_RAW = {
    "second": {
        "sg": "ثانية ثانيه",
        "du": "ثانيتين ثانيتان",
        "pl": "ثواني ثوان ثوانى",
        "en": "second seconds sec secs s seconde secondes",
        "ab": "ث",
    },
    "minute": {
        "sg": "دقيقة دقيقه",
        "du": "دقيقتين دقيقتان",
        "pl": "دقائق دقايق",
        "en": "minute minutes min mins mn m",
        "ab": "د",
    },
    "hour": {
        "sg": "ساعة",
        "du": "ساعتين ساعتان",
        "pl": "ساعات",
        "en": "hour hours hr hrs h heure heures",
        "ab": "س",
    },
    "day": {
        "sg": "يوم يوما",
        "du": "يومين يومان",
        "pl": "أيام",
        "en": "day days d jour jours",
        "ab": "ي",
    },
    "week": {
        "sg": "أسبوع أسبوعا",
        "du": "أسبوعين أسبوعان",
        "pl": "أسابيع",
        "en": "week weeks wk wks w semaine semaines",
    },
    "month": {
        "sg": "شهر شهرا",
        "du": "شهرين شهران",
        "pl": "أشهر شهور",
        "en": "month months mo mos mois",
    },
    "year": {
        "sg": "سنة سنه عام عاما",
        "du": "سنتين سنتان عامين عامان",
        "pl": "سنوات سنين أعوام",
        "en": "year years yr yrs y an ans année années",
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
_REL_LABELS_RAW = "نشر نشرت published posted updated publié publiée"
_CONJUNCTIONS_RAW = "و and &"  # and the comma, which normalize() would strip

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
    # French (Maghreb sites' French editions); keys as the tokenizers join the words.
    "aujourd hui": 0,
    "hier": 1,
    "avant hier": 2,
}

_READING_TIME_RAW = "قراءة للقراءة القراءة read reading lesezeit lesedauer"

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
# Mauritania's spellings of August and December.
_MONTHS_MAURITANIA_RAW = {8: "أغشت", 12: "دجمبر"}
_MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# French, as Maghreb sites' French editions print them (accents optional).
_MONTHS_FR = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
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
# Hijri months -> their number in the Hijri year
_HIJRI_MONTHS_RAW = {1: "محرم", 2: "صفر", 7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال"}
_HIJRI_PAIRS_RAW = {
    ("ربيع", "الأول"): 3, ("ربيع", "الآخر"): 4, ("ربيع", "الثاني"): 4, ("جمادى", "الأولى"): 5,
    ("جمادى", "الأول"): 5, ("جمادى", "الآخرة"): 6, ("جمادى", "الثانية"): 6, ("جمادى", "الآخر"): 6,
    ("ذو", "القعدة"): 11, ("ذو", "الحجة"): 12, ("ذي", "القعدة"): 11, ("ذي", "الحجة"): 12,
}  # fmt: skip

# weekdays -> Python weekday (Monday = 0)
_WEEKDAYS_RAW = {
    0: "الاثنين الإثنين اثنين monday mon lundi",
    1: "الثلاثاء ثلاثاء tuesday tue tues mardi",
    2: "الأربعاء أربعاء wednesday wed mercredi",
    3: "الخميس خميس thursday thu thur thurs jeudi",
    4: "الجمعة جمعة friday fri vendredi",
    5: "السبت سبت saturday sat samedi",
    6: "الأحد أحد sunday sun dimanche",
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
_ABS_FILLERS_RAW = "في على تمام الساعة الموافق يوم بتاريخ at on the of st nd rd th le à er"
_ABS_PUNCT = set(",;/()-|.[]\"'•·:«»@")
# Named zones after a printed time ("10:30 م بتوقيت مكة المكرمة"): the words that
# introduce one, and place -> zone.  A zoneinfo name where the place has changed its clock
# (daylight saving time), minutes east of UTC where the phrase means a fixed offset.
# Greenwich (غرينتش, ت.غ) is read as GMT by absolute._GMT_WORDS_RE, offsets and all.
_ZONE_INTRO_RAW = "بتوقيت توقيت"
_NAMED_ZONES_RAW: dict[str, str | int] = {
    "مكة المكرمة": 180,
    "مكة": 180,
    "السعودية": 180,
    "الرياض": 180,
    "القدس": "Asia/Jerusalem",
    "القاهرة": "Africa/Cairo",
    "مصر": "Africa/Cairo",
    "دمشق": "Asia/Damascus",
    "سوريا": "Asia/Damascus",
    "بيروت": "Asia/Beirut",
    "لبنان": "Asia/Beirut",
    "أبوظبي": 240,
    "أبو ظبي": 240,
    "الإمارات": 240,
    "دبي": 240,
    "بغداد": "Asia/Baghdad",
    "الدوحة": "Asia/Qatar",
    "الكويت": "Asia/Kuwait",
    "إسطنبول": "Europe/Istanbul",
    "أنقرة": "Europe/Istanbul",
    "تركيا": "Europe/Istanbul",
    # Bureaus abroad and the region's other capitals ("07:45 بتوقيت لندن").
    "لندن": "Europe/London",
    "باريس": "Europe/Paris",
    "برلين": "Europe/Berlin",
    "موسكو": "Europe/Moscow",
    "واشنطن": "America/New_York",
    "نيويورك": "America/New_York",
    "طهران": "Asia/Tehran",
    "الخرطوم": "Africa/Khartoum",
    "الرباط": "Africa/Casablanca",
    "المغرب": "Africa/Casablanca",
    "تونس": "Africa/Tunis",
    "الجزائر": "Africa/Algiers",
    "صنعاء": "Asia/Aden",
    "عدن": "Asia/Aden",
    "مسقط": "Asia/Muscat",
    "المنامة": "Asia/Bahrain",
    "البحرين": "Asia/Bahrain",
    "الأردن": "Asia/Amman",
    "غزة": "Asia/Gaza",
}
# Latin abbreviations Gulf sites print after ص/م with no introducing word ("10:15 ص GST"):
# Gulf Standard Time (UTC+4), Saudi time (UTC+3).
_ZONE_ABBREVIATIONS_RAW: dict[str, int] = {"gst": 240, "ksa": 180}
# Abbreviations of several zones: "IST" is India's (UTC+5:30), Israel's (UTC+2) and
# Ireland's summer time (UTC+1). The clock is read, in the site's zone, as if unmarked.
AMBIGUOUS_ZONE_ABBREVIATIONS = frozenset({"ist", "cst", "ast", "bst"})
# Zones named right after a clock ("11:11 p.m. CT", "14:05 CET", "14:05 WIB"), and only
# there: "et" is French for "and". Each is read as its region's zone, daylight saving
# included: sites print "CET" or "EST" the whole year round. ("CST" is China's too, "AST"
# Arabia's and Atlantic's, "BST" Bangladesh's: those are read in the site's zone, above.)
_CLOCK_ZONES_RAW: dict[str, int | str] = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "ct": "America/Chicago", "cdt": "America/Chicago", "mt": "America/Denver",
    "mst": "America/Denver", "mdt": "America/Denver", "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "eet": "Europe/Athens", "eest": "Europe/Athens",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon", "msk": "Europe/Moscow",
    "sast": "Africa/Johannesburg", "wib": "Asia/Jakarta", "wita": "Asia/Makassar",
    "wit": "Asia/Jayapura", "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "awst": "Australia/Perth", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
    "myt": "Asia/Kuala_Lumpur", "pht": "Asia/Manila", "pkt": "Asia/Karachi",
    "npt": "Asia/Kathmandu", "ict": "Asia/Bangkok", "eat": "Africa/Nairobi",
    "cat": "Africa/Maputo", "wat": "Africa/Lagos",
}  # fmt: skip
# The fixed offset (minutes) each zone's name states: RFC 2822's American ones, those
# Java's Date.toString() prints, Australia's and New Zealand's. Machine formats read them
# as stated; after a printed clock a site whose own zone keeps that offset at the printed
# time is read in its own zone (Arizona prints "MST" all summer, when Denver's zone is on
# daylight time).
_ZONE_NAME_OFFSETS_RAW: dict[str, int] = {
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "wet": 0, "west": 60, "bst": 60, "cet": 60, "cest": 120,
    "eet": 120, "eest": 180, "msk": 180, "trt": 180, "aest": 600, "aedt": 660, "awst": 480,
    "nzst": 720, "nzdt": 780,
}  # fmt: skip
_ABS_LABELS_RAW = [
    "تاريخ النشر",
    # A live blog's start ("بدأت التغطية: 1 ديسمبر 2026 09:00") is its publication.
    "بدأت التغطية",
    "بدء التغطية",
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
    # Joomla K2's item date ("كتب في الخميس، 04 مارس 2027 23:55").
    "كتب في",
    "نشر بتاريخ",
    # A story's foot stamp ("نُشر هذا الخبر يوم الأربعاء 04 أوت 2027 على الساعة 16:20").
    "نشر هذا الخبر يوم",
    "نشر يوم",
    "نشر هذا الخبر في",
    "نشر هذا الخبر بتاريخ",
    "نشر هذا المقال يوم",
    "نشر هذا المقال في",
    "نشر هذا المقال بتاريخ",
    # A daily's online stamp beside its print edition's ("نُشر إلكترونيًا: 30 تموز 2027").
    "نشر إلكترونيا",
    "نشر الكترونيا",
    "نشر أونلاين",
    "نشر",
    "نشرت في",
    "نشرت",
    "محدث",
    "تحديث",
    "بتاريخ",
    "التاريخ",
    "first published on",
    "first published",
    "originally published on",
    "originally published",
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
    "publié le",
    "publiée le",
    "publié",
    "publiée",
    "mis à jour le",
    "mis à jour",
    "modifié le",
    "actualisé le",
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


# East Asian dates and clocks, written with their unit characters: "2026年12月4日 14時05分",
# "2026년 12월 4일 14:05", read as "2026-12-4 14:05".
_CJK_MARKS = frozenset("年년時时시午오")
_CJK_DATE_RE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_CJK_CLOCK_RE = re.compile(r"(\d{1,2})\s*[時时시]\s*(\d{1,2})\s*[分분](?:\s*(\d{1,2})\s*[秒초])?")


# Morning and afternoon before the clock ("午後2時05分", "下午 2:05", "오후 2:05"), moved after it.
_CJK_HALF_DAY_RE = re.compile(r"(午前|上午|오전|午後|下午|오후)\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_CJK_HALF_DAY = {"午前": "am", "上午": "am", "오전": "am", "午後": "pm", "下午": "pm", "오후": "pm"}


def _cjk_numeric(s: str) -> str:
    s = _CJK_DATE_RE.sub(r" \1-\2-\3 ", s)
    s = _CJK_CLOCK_RE.sub(
        lambda m: (
            " " + ":".join([m.group(1), *(f"{int(g):02d}" for g in m.groups()[1:] if g)]) + " "
        ),
        s,
    )
    return _CJK_HALF_DAY_RE.sub(lambda m: f" {m.group(2)} {_CJK_HALF_DAY[m.group(1)]} ", s)


# Cached, as the relative forms (relative.py): pages repeat the same strings
# ("3 ساعات ago") across widgets and pages; only the final arithmetic depends on the
# reference time.
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Canonical form used for matching: NFKC, no direction marks, tatweel or tashkeel,
    ASCII digits, one hamza-less alef, ي for ى, ه for ة, lower case, single spaces; East
    Asian dates and clocks in digits and dashes or colons."""
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    if not _CJK_MARKS.isdisjoint(s):
        s = _cjk_numeric(s)
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
CONJUNCTIONS = set(_n(_CONJUNCTIONS_RAW)) | {","}
SPECIAL_WINDOWS = {normalize(k): v for k, v in _SPECIAL_WINDOWS_RAW.items()}
DAY_WORDS = {normalize(k): v for k, v in _DAY_WORDS_RAW.items()}
READING_TIME_WORDS = set(_n(_READING_TIME_RAW))
MONTHS: dict[str, int] = dict(_MONTHS_EN) | {normalize(k): v for k, v in _MONTHS_FR.items()}
for _table in (
    _MONTHS_RAW,
    _MONTHS_LEVANT_RAW,
    _MONTHS_MAGHREB_RAW,
    _MONTHS_MOROCCO_RAW,
    _MONTHS_MAURITANIA_RAW,
):
    MONTHS.update({w: m for m, ws in _table.items() for w in _n(ws)})
MONTH_PAIRS = {(normalize(a), normalize(b)): m for (a, b), m in _MONTH_PAIRS_RAW.items()}
HIJRI_MONTHS = {w: m for m, ws in _HIJRI_MONTHS_RAW.items() for w in _n(ws)}
HIJRI_PAIRS = {(normalize(a), normalize(b)): m for (a, b), m in _HIJRI_PAIRS_RAW.items()}
WEEKDAYS = {w: d for d, ws in _WEEKDAYS_RAW.items() for w in _n(ws)}
AM_PM = {normalize(k): v for k, v in _AM_PM_RAW.items()}
ERA_WORDS = set(_n(_ERA_RAW))
HIJRI_MARKS = set(_n(_HIJRI_MARK_RAW))
ABS_FILLERS = set(_n(_ABS_FILLERS_RAW))
ZONE_INTRO = set(_n(_ZONE_INTRO_RAW))
ZONE_ABBREVIATIONS = {normalize(k): v for k, v in _ZONE_ABBREVIATIONS_RAW.items()}
CLOCK_ZONES = {normalize(k): v for k, v in _CLOCK_ZONES_RAW.items()}
ZONE_NAME_OFFSETS = {normalize(k): v for k, v in _ZONE_NAME_OFFSETS_RAW.items()}
NAMED_ZONES = (
    {normalize(k): v for k, v in _NAMED_ZONES_RAW.items()} | ZONE_ABBREVIATIONS | CLOCK_ZONES
)
NAMED_ZONE_MAX_WORDS = max(len(k.split()) for k in NAMED_ZONES)
ABS_LABELS = sorted((normalize(x) for x in _ABS_LABELS_RAW), key=len, reverse=True)
_NUMBER_WORDS = (
    set(AR_ONES) | set(AR_TEEN_PREFIX) | AR_TEN | set(AR_TENS) | AR_HUNDRED | set(FRACTIONS)
)
