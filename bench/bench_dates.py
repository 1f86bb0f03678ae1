"""Benchmark scraper.time.read_time against dateparser on realistic strings.

Run:  .venv/bin/python bench/bench_dates.py [--repeat N]

Prints strings/second for both, how many each resolved, and how many of dateparser's
answers fall outside the window read_time gives (or answer strings read_time rejects:
reading-time notices, impossible or future dates, garbage).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scraper.time import clear_caches, read_time

REF = datetime(2025, 12, 14, 19, 10, tzinfo=UTC)
SITE_TZ = "Europe/Istanbul"

AR_FORMS = {
    "second": ("ثانية واحدة", "ثانيتين", "ثواني", "ثانية", 59),
    "minute": ("دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة", 60),
    "hour": ("ساعة واحدة", "ساعتين", "ساعات", "ساعة", 24),
    "day": ("يوم واحد", "يومين", "أيام", "يوم", 7),
    "week": ("أسبوع واحد", "أسبوعين", "أسابيع", "أسبوع", 4),
    "month": ("شهر واحد", "شهرين", "أشهر", "شهر", 12),
    "year": ("سنة واحدة", "سنتين", "سنوات", "سنة", 5),
}
WRAPPERS = ("{} ago", "{} ago", "منذ {}", "قبل {}", "{} مضت", "{}")
MONTHS_STD = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
MONTHS_LEV = [
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
]  # fmt: skip
MONTHS_MAG = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
MONTHS_EN = "January February March April May June July August September October November December"
WEEKDAYS_AR = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
JUNK = [
    "5 دقائق للقراءة", "قراءة 3 دقائق", "5 min read", "Advertisement", "اقرأ المزيد",
    "31 فبراير 2025", "30/02/2025", "2026-03-01", "500 ساعة", "فيسبوك", "3 تعليقات",
    "Connect with us", "المصدر: منصة مزيج", "1,234 مشاهدة", "Published", "",
]  # fmt: skip


def arabic_relative(rng: random.Random) -> str:
    unit = rng.choice(list(AR_FORMS))
    one, two, few, many, top = AR_FORMS[unit]
    n = rng.randint(1, top)
    s = one if n == 1 else two if n == 2 else f"{n} {few}" if n <= 10 else f"{n} {many}"
    s = rng.choice(WRAPPERS).format(s)
    if rng.random() < 0.2:
        s = "\u200f" + s.replace(" ", "\u00a0")
    return s


def absolute(rng: random.Random) -> str:
    d = (REF - timedelta(days=rng.randint(1, 700))).astimezone(ZoneInfo(SITE_TZ))
    hh, mm = rng.randint(1, 12), rng.randint(0, 59)
    ampm = rng.choice(["ص", "م"])
    choices = [
        f"{d.day} {MONTHS_STD[d.month - 1]}، {d.year}",
        f"{MONTHS_STD[d.month - 1]} {d.day}, {d.year} {hh}:{mm:02d} {ampm}",
        f"{d.day} {MONTHS_LEV[d.month - 1]} {d.year}",
        f"{d.day} {MONTHS_MAG[d.month - 1]} {d.year}",
        f"{WEEKDAYS_AR[d.weekday()]} {d.day} {MONTHS_STD[d.month - 1]} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year} {hh}:{mm:02d}",
        f"{MONTHS_EN.split()[d.month - 1]} {d.day}, {d.year}",
        f"نشر في: {d.day} {MONTHS_STD[d.month - 1]} {d.year}",
        f"{d:%Y-%m-%d} {hh}:{mm:02d} {'am' if ampm == 'ص' else 'pm'}",
        f"{d:%Y-%m-%dT%H:%M:%S}+03:00",
        f"{d:%Y-%m-%d}",
    ]
    return rng.choice(choices)


def english_relative(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(2, 59)} mins ago",
            f"{rng.randint(2, 23)} hours ago",
            f"{rng.randint(2, 6)} days ago",
            "an hour ago",
            "yesterday",
            "just now",
            f"{rng.randint(2, 4)} weeks ago",
        ]
    )


def corpus(n: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        x = rng.random()
        if x < 0.5:
            out.append(arabic_relative(rng))
        elif x < 0.6:
            out.append(english_relative(rng))
        elif x < 0.92:
            out.append(absolute(rng))
        else:
            out.append(rng.choice(JUNK))
    return out


def run_ours(strings):
    # Cold: the parse caches are emptied first, so every string is parsed as if new.
    clear_caches()
    return [read_time(s, REF, SITE_TZ) for s in strings]


def run_ours_warm(strings):
    # Warm: strings seen before (pages repeat them across widgets) skip the parse.
    return [read_time(s, REF, SITE_TZ) for s in strings]


def run_dateparser(strings, dateparser):
    ref_local = REF.astimezone(ZoneInfo(SITE_TZ)).replace(tzinfo=None)
    out = []
    for s in strings:
        try:
            out.append(
                dateparser.parse(s, languages=["ar", "en"], settings={"RELATIVE_BASE": ref_local})
            )
        except Exception:
            out.append(None)
    return out


def rate(fn, strings, repeat) -> tuple[float, list]:
    result = fn(strings)  # warm-up
    start = time.perf_counter()
    for _ in range(repeat):
        fn(strings)
    elapsed = time.perf_counter() - start
    return len(strings) * repeat / elapsed, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--show", type=int, default=12, help="examples of wrong dateparser answers")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import dateparser

    strings = corpus(args.n)
    ours_rate, ours = rate(run_ours, strings, args.repeat)
    warm_rate, _ = rate(run_ours_warm, strings, args.repeat)
    dp_rate, dp = rate(lambda s: run_dateparser(s, dateparser), strings, max(1, args.repeat // 10))

    zone = ZoneInfo(SITE_TZ)
    dp_resolved = dp_wrong = dp_far = dp_on_rejected = dp_missed = 0
    examples = []
    for s, r, d in zip(strings, ours, dp, strict=True):
        if d is None:
            dp_missed += r.kind != "none"
            continue
        dp_resolved += 1
        aware = d if d.tzinfo else d.replace(tzinfo=zone)
        aware = aware.astimezone(UTC)
        if r.kind == "none":
            dp_on_rejected += 1
            examples.append((s, f"dateparser {aware:%Y-%m-%d %H:%M}Z, ours: none ({r.reason})"))
        elif not (r.earliest <= aware <= r.latest):
            dp_wrong += 1
            margin = max((r.earliest - aware).total_seconds(), (aware - r.latest).total_seconds())
            dp_far += margin > 60
            examples.append(
                (
                    s,
                    f"dateparser {aware:%Y-%m-%d %H:%M:%S}Z, ours [{r.earliest:%Y-%m-%d %H:%M:%S} .. "
                    f"{r.latest:%Y-%m-%d %H:%M:%S}]Z",
                )
            )
    ours_resolved = sum(r.kind != "none" for r in ours)
    print(
        f"{len(strings)} strings (50% Arabic WordPress relative, 10% English relative, 32% absolute, 8% junk)"
    )
    print(
        f"reference {REF:%Y-%m-%dT%H:%M:%SZ}, site timezone {SITE_TZ}, dateparser {dateparser.__version__}"
    )
    print()
    print(f"{'':34}{'read_time':>14}{'dateparser':>14}")
    print(f"{'strings/second':34}{ours_rate:>14,.0f}{dp_rate:>14,.0f}")
    print(f"{'µs per string':34}{1e6 / ours_rate:>14.1f}{1e6 / dp_rate:>14.1f}")
    print(f"{'strings/second, repeated strings':34}{warm_rate:>14,.0f}{'':>14}")
    print(f"{'resolved':34}{ours_resolved:>14}{dp_resolved:>14}")
    print(f"{'rejected with a reason':34}{len(strings) - ours_resolved:>14}{'-':>14}")
    print(f"{'dateparser outside our window':34}{'':>14}{dp_wrong:>14}")
    print(f"{'  ... by more than 60 s':34}{'':>14}{dp_far:>14}")
    print(f"{'dateparser value for a rejected one':34}{'':>14}{dp_on_rejected:>14}")
    print(f"{'we resolve, dateparser does not':34}{'':>14}{dp_missed:>14}")
    if examples and args.show:
        print("\nexamples of dateparser answers that disagree:")
        for s, msg in examples[: args.show]:
            print(f"  {s!r}: {msg}")


if __name__ == "__main__":
    main()
