"""Property tests for scraper.time: WordPress relative strings always resolve to a
window containing the true publication time; so do composite ones ("1 hour, 20 minutes
ago"); a named zone after a printed time overrides the site's; ISO 8601 basic values read
back exactly; a unit word among other words gives no value; arbitrary text never raises."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper import time as dates
from scraper.time import read_machine, read_time

M, H, D = 60, 3600, 86400
W, MO, Y = 7 * D, 30 * D, 365 * D
UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
SECONDS = dict(zip(UNITS, (1, M, H, D, W, MO, Y), strict=True))
# WordPress picks the unit by diff range; years are capped at 100 for the test
RANGES = {
    "second": (0, M - 1),
    "minute": (M, H - 1),
    "hour": (H, D - 1),
    "day": (D, W - 1),
    "week": (W, MO - 1),
    "month": (MO, Y - 1),
    "year": (Y, int(100.5 * Y) - 1),
}
# WordPress core Arabic: (n=1, n=2, 3..10 word, 11+ word)
FORMS = {
    "second": ("ثانية واحدة", "ثانيتين", "ثواني", "ثانية"),
    "minute": ("دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة"),
    "hour": ("ساعة واحدة", "ساعتين", "ساعات", "ساعة"),
    "day": ("يوم واحد", "يومين", "أيام", "يوم"),
    "week": ("أسبوع واحد", "أسبوعين", "أسابيع", "أسبوع"),
    "month": ("شهر واحد", "شهرين", "أشهر", "شهر"),
    "year": ("سنة واحدة", "سنتين", "سنوات", "سنة"),
}
WRAPPERS = ("{} ago", "منذ {}", "قبل {}", "{} مضت", "{}", "نشر منذ {}")
MARKS = ("\u200e", "\u200f", "\u061c", "\u202b", "\u202c", "\u2067", "\u2069", "\ufeff")
SPACES = (" ", "\u00a0", "\u202f", "\u2009", "  ")
ZONES = ("UTC", "Europe/Istanbul", "Asia/Beirut", "Africa/Algiers", "America/New_York")
TOLERANCE = 600


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(dates, "STRICT", True)


def php_round(x: float) -> int:
    return math.floor(x + 0.5)


def human_time_diff(diff: int) -> tuple[str, int]:
    """Port of WordPress's unit choice and rounding."""
    if diff < M:
        return "second", max(diff, 1)
    for unit, upper in (("minute", H), ("hour", D), ("day", W), ("week", MO), ("month", Y)):
        if diff < upper:
            return unit, max(php_round(diff / SECONDS[unit]), 1)
    return "year", max(php_round(diff / Y), 1)


def wp_arabic(unit: str, n: int) -> str:
    one, two, few, many = FORMS[unit]
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{n} {few}" if n <= 10 else f"{n} {many}"


def to_arabic_digits(s: str) -> str:
    return s.translate({ord(str(i)): chr(0x0660 + i) for i in range(10)})


references = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


@st.composite
def noisy(draw, text: str) -> str:
    if draw(st.booleans()):
        text = to_arabic_digits(text)
    text = text.replace(" ", draw(st.sampled_from(SPACES)))
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(MARKS)))
    text = "".join(chars)
    if draw(st.booleans()):
        text = draw(st.sampled_from(MARKS)) + text + draw(st.sampled_from(("", ".", "،", " ")))
    return text


@st.composite
def wp_cases(draw):
    unit = draw(st.sampled_from(UNITS))
    lo, hi = RANGES[unit]
    diff = draw(st.integers(lo, hi))
    shown_unit, n = human_time_diff(diff)
    assert shown_unit == unit
    text = draw(st.sampled_from(WRAPPERS)).format(wp_arabic(unit, n))
    return diff, draw(noisy(text))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=wp_cases(), ref=references, zone=st.sampled_from(ZONES))
def test_wordpress_arabic_window_contains_truth(case, ref, zone):
    diff, text = case
    published = ref.replace(microsecond=0) - timedelta(seconds=diff)
    r = read_time(text, ref, zone)
    assert r.kind == "relative", (text, r)
    assert r.earliest <= published <= r.latest, (text, diff, r)
    assert r.earliest <= r.value <= r.latest


def test_every_unit_and_n_at_both_bucket_edges():
    """Exhaustive: every (unit, n) WordPress can print, at the smallest and the largest
    diff that prints it; the window must be exactly [ref - max, ref - min]."""
    ref = datetime(2025, 12, 14, 19, 10, tzinfo=UTC)
    edges: dict[tuple[str, int], list[int]] = {}
    for unit in UNITS:
        lo, hi = RANGES[unit]
        u = SECONDS[unit]
        candidates = {lo, hi}
        for n in range(1, 102):
            for k in (math.ceil((n - 0.5) * u) - 1, math.ceil((n - 0.5) * u)):
                if lo <= k <= hi:
                    candidates.add(k)
        for diff in candidates:
            key = human_time_diff(diff)
            edges.setdefault(key, []).append(diff)
    assert len(edges) == 59 + 60 + 24 + 7 + 4 + 12 + 100
    for (unit, n), diffs in edges.items():
        for text in (wp_arabic(unit, n), f"{n} {FORMS[unit][3]} ago"):
            r = read_time(text, ref)
            assert r.earliest == ref - timedelta(seconds=max(diffs)), (text, r)
            assert r.latest == ref - timedelta(seconds=min(diffs)), (text, r)


@settings(max_examples=400, deadline=None)
@given(unit=st.sampled_from(UNITS[1:]), data=st.data(), ref=references)
def test_english_core_strings(unit, data, ref):
    lo, hi = RANGES[unit]
    diff = data.draw(st.integers(lo, hi))
    _, n = human_time_diff(diff)
    word = {"minute": "min"}.get(unit, unit)
    text = f"{n} {word}{'s' if n > 1 else ''} ago"
    r = read_time(text, ref)
    published = ref.replace(microsecond=0) - timedelta(seconds=diff)
    assert r.earliest <= published <= r.latest, (text, r)


# --- composite relative times, zero counts --------------------------------------------


@settings(max_examples=600, deadline=None)
@given(
    diff=st.integers(H, 3 * D),
    rounding=st.sampled_from(("round", "floor")),
    template=st.sampled_from(
        (
            "{h} hours, {m} minutes ago",
            "{h} hours and {m} minutes ago",
            "{h} hours {m} minutes ago",
            "{h}h {m}m",
            "منذ {h} ساعة و{m} دقيقة",
            "منذ {h} ساعة، {m} دقيقة",
            "قبل {h} ساعة و {m} دقيقة",
        )
    ),
    ref=references,
)
def test_composite_hours_minutes_contain_the_truth(diff, rounding, template, ref):
    # plugins either round the minutes or drop the remainder; both must fit the window
    minutes = php_round(diff / M) if rounding == "round" else diff // M
    h, m = divmod(minutes, 60)
    text = template.format(h=h, m=m)
    r = read_time(text, ref)
    published = ref.replace(microsecond=0) - timedelta(seconds=diff)
    assert r.earliest <= published <= r.latest, (text, r)
    assert r.granularity_s == M


@settings(max_examples=200, deadline=None)
@given(unit=st.sampled_from(UNITS), english=st.booleans(), ref=references)
def test_zero_count_is_now_within_the_unit(unit, english, ref):
    text = f"0 {unit}s ago" if english else f"منذ 0 {FORMS[unit][3]}"
    r = read_time(text, ref)
    now = ref.replace(microsecond=0)
    assert (r.value, r.latest) == (now, now), (text, r)
    assert r.earliest == now - timedelta(seconds=SECONDS[unit] - 1), (text, r)


# --- named zones after a printed time --------------------------------------------------

# the zone a reader takes each phrase to mean (Mecca and Abu Dhabi as fixed offsets)
PLACES = {
    "مكة المكرمة": timezone(timedelta(hours=3)),
    "أبوظبي": timezone(timedelta(hours=4)),
    "الإمارات": timezone(timedelta(hours=4)),
    "غرينتش": UTC,
    "القدس": ZoneInfo("Asia/Jerusalem"),
    "القاهرة": ZoneInfo("Africa/Cairo"),
    "دمشق": ZoneInfo("Asia/Damascus"),
    "بيروت": ZoneInfo("Asia/Beirut"),
}
AR_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    place=st.sampled_from(sorted(PLACES)),
    local=st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2034, 12, 31)),
    site=st.sampled_from(ZONES),
    data=st.data(),
)
def test_named_zone_overrides_the_site_zone(place, local, site, data):
    # fold=0 as printed pages give no hint: a repeated hour is its first occurrence
    local = local.replace(second=0, microsecond=0, fold=0)
    published = local.replace(tzinfo=PLACES[place]).astimezone(UTC)
    hour12 = local.hour % 12 or 12
    ampm = "ص" if local.hour < 12 else "م"
    text = (
        f"{local.day} {AR_MONTHS[local.month - 1]} {local.year} - "
        f"{hour12}:{local.minute:02d} {ampm} بتوقيت {place}"
    )
    text = data.draw(noisy(text))
    r = read_time(text, published + timedelta(days=1), site)
    assert r.value == published, (text, r)
    assert r.latest == published + timedelta(seconds=59), (text, r)


# --- ISO 8601 basic format -------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2150, 12, 31)),
    quarter_hours=st.integers(-12 * 4, 14 * 4),
    seconds=st.booleans(),
)
def test_iso_basic_reads_back_exactly(moment, quarter_hours, seconds):
    offset = timedelta(minutes=15 * quarter_hours)
    local = moment.replace(microsecond=0, tzinfo=timezone(offset))
    if not seconds:
        local = local.replace(second=0)
    sign, total = ("-" if offset < timedelta(0) else "+"), abs(quarter_hours) * 15
    zone = "Z" if not quarter_hours else f"{sign}{total // 60:02d}{total % 60:02d}"
    text = local.strftime("%Y%m%dT%H%M%S" if seconds else "%Y%m%dT%H%M") + zone
    r = read_machine(text)
    assert r.value == r.earliest == local.astimezone(UTC), (text, r)
    assert r.precision == ("exact" if seconds else "minute"), (text, r)


# --- a site whose zone nobody named -----------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31)),
    quarter_hours=st.integers(-12 * 4, 14 * 4),
    fetched_after=st.integers(0, 3 * D),
    form=st.sampled_from(("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")),
)
def test_a_wall_clock_time_in_an_unknown_zone_keeps_the_instant_in_its_window(
    moment, quarter_hours, fetched_after, form
):
    # Whatever the publisher's offset, the window holds the true instant and never runs
    # past the fetch; the value is in the window and on the printed day (or the fetch's).
    published = moment.replace(second=0, microsecond=0, tzinfo=UTC)
    local = published.astimezone(timezone(timedelta(minutes=15 * quarter_hours)))
    fetched = published + timedelta(seconds=fetched_after)
    r = read_time(local.strftime(form), fetched, "unknown")
    assert r.earliest <= published <= r.latest <= fetched, (local, fetched, r)
    assert r.earliest <= r.value <= r.latest, r
    assert r.value.date() in (local.date(), fetched.date()), (local, fetched, r)


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31)),
    quarter_hours=st.integers(-12 * 4, 14 * 4),
    fetched_after=st.integers(0, D - 60),
    form=st.sampled_from(("%H:%M", "%I:%M %p")),
)
def test_a_clock_time_alone_in_an_unknown_zone_keeps_the_instant_in_its_window(
    moment, quarter_hours, fetched_after, form
):
    # A ticker's "10:40" printed today somewhere east or west of UTC: the window is the day
    # before the fetch, never the day before that (the UTC reading, a day early in the east).
    published = moment.replace(second=0, microsecond=0, tzinfo=UTC)
    local = published.astimezone(timezone(timedelta(minutes=15 * quarter_hours)))
    fetched = published + timedelta(seconds=fetched_after)
    r = read_time(local.strftime(form), fetched, "unknown")
    assert r.earliest <= published <= r.latest <= fetched, (local, fetched, r)
    assert r.earliest <= r.value <= r.latest, r


def test_a_wall_clock_time_more_than_fourteen_hours_ahead_is_in_the_future():
    fetched = datetime(2025, 12, 15, 9, tzinfo=UTC)
    assert read_machine("2025-12-15T23:30:00", "unknown", fetched).reason == "future"
    assert read_machine("2025-12-15T22:30:00", "unknown", fetched).value is not None
    # An offset in the value itself is the instant, whatever the site's zone.
    r = read_machine("2025-12-15T11:30:00+03:00", "unknown", fetched)
    assert r.value == r.earliest == r.latest == datetime(2025, 12, 15, 8, 30, tzinfo=UTC)


# A country that keeps one clock, the host of one of its sites, and that clock.
_ONE_CLOCK_HOSTS = (
    ("gate.ahram.org.eg", "Africa/Cairo"),
    ("www.spiegel.de", "Europe/Berlin"),
    ("www.asahi.co.jp", "Asia/Tokyo"),
    ("www.bbc.co.uk", "Europe/London"),
    ("www.alghad.jo", "Asia/Amman"),
    ("www.news.cn", "Asia/Shanghai"),  # one official clock, though tzdata lists Urumqi's
)


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2035, 12, 31)),
    host=st.sampled_from(_ONE_CLOCK_HOSTS),
    quarter_hours=st.integers(-12 * 4, 14 * 4),
    fetched_after=st.integers(0, 3 * D),
    in_its_clock=st.booleans(),
)
def test_an_unknown_zone_reads_a_clock_in_the_address_countrys_one_clock(
    moment, host, quarter_hours, fetched_after, in_its_clock
):
    # Still nobody named the zone: the window is the unknown zone's, holding the instant
    # whatever the offset; the value is exact when the site keeps its country's clock.
    published = moment.replace(second=0, microsecond=0, tzinfo=UTC)
    zone = ZoneInfo(host[1]) if in_its_clock else timezone(timedelta(minutes=15 * quarter_hours))
    local = published.astimezone(zone)
    fetched = published + timedelta(seconds=fetched_after)
    printed = local.strftime("%Y-%m-%d %H:%M")
    r = read_time(printed, fetched, dates.address_zone(host[0]))
    plain = read_time(printed, fetched, "unknown")
    assert (r.earliest, r.latest) == (plain.earliest, plain.latest), (printed, fetched)
    assert r.earliest <= published <= r.latest <= fetched, (printed, fetched, r)
    if in_its_clock and local.fold == 0:  # (the second of a repeated hour reads as the first)
        assert r.value == published, (printed, r)


def test_a_day_in_an_unknown_zone_stays_that_day_whatever_the_address():
    fetched = datetime(2026, 12, 4, 12, tzinfo=UTC)
    for host, _ in _ONE_CLOCK_HOSTS:
        r = read_time("3 ديسمبر 2026", fetched, dates.address_zone(host))
        assert r.precision == "day"
        assert r.value == datetime(2026, 12, 3, tzinfo=UTC), host


@pytest.mark.parametrize(
    "host",
    ["www.nytimes.com", "www.elpais.es", "www.abc.net.au", "www.cbc.ca", "news.tv", "x.io", ""],
)
def test_an_address_of_no_country_or_of_several_clocks_suggests_no_zone(host):
    fetched = datetime(2026, 12, 4, 12, tzinfo=UTC)
    r = read_time("2026-12-04 09:30", fetched, dates.address_zone(host))
    assert r.value == datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    assert r.value == read_time("2026-12-04 09:30", fetched, "unknown").value


# --- a unit word among other words -----------------------------------------------------

UNIT_WORDS = ("ساعة", "دقيقة", "يوم", "أسبوع", "شهر", "سنة", "hour", "minute", "day", "week")
OTHER_WORDS = (
    "الصفر", "للحملة", "صمت", "الأرض", "الحسم", "الأخبار", "حداد", "العمل", "الذروة",
    "need", "of", "the", "news", "rush", "glory",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    unit=st.sampled_from(UNIT_WORDS),
    others=st.lists(st.sampled_from(OTHER_WORDS), min_size=1, max_size=3),
    position=st.integers(0, 3),
    ref=references,
    zone=st.sampled_from(ZONES),
)
def test_unit_word_among_other_words_gives_no_value(unit, others, position, ref, zone):
    words = list(others)
    words.insert(min(position, len(words)), unit)
    text = " ".join(words)
    r = read_time(text, ref, zone)
    assert r.value is None and r.reason == "unrecognized", (text, r)


VOCAB = [
    "منذ", "قبل", "ago", "ساعة", "ساعات", "ساعتين", "دقيقة", "يوم", "أمس", "اليوم", "الآن",
    "ديسمبر", "كانون", "الأول", "تشرين", "الثاني", "آب", "ماي", "الأحد", "الاثنين", "ص", "م",
    "pm", "am", "نشر", "في", ":", "،", "/", "-", "(", ")", "و", "نصف", "ثلاث", "عشر", "عشرون",
    "1", "2", "11", "24", "31", "2025", "99", "0", "-3", "10:52", "25:61", "14/12/2025",
    "2025-12-14", "T", "Z", "+03:00", "GMT+3", "\u200f", "\u00a0", "ـ", "٣", "۴", "قراءة",
    "read", "an", "hour", "yesterday", "Dec", "Sun,", "هـ", "جمادى", "الآخرة", "بتوقيت",
    "مكة", "المكرمة", "القدس", "غرينتش", "ت.غ", "+0300", "UTC+03:00", "20251214T103000Z",
    "20251214", "0", "minutes", ",",
]  # fmt: skip


def _check_reading(r, ref):
    assert r.kind in ("relative", "absolute", "none")
    if r.kind == "none":
        assert r.value is None and r.earliest is None and r.latest is None and r.reason
    else:
        assert r.reason is None
        assert r.earliest <= r.value <= r.latest
        assert r.earliest <= ref.replace(microsecond=0) + timedelta(seconds=TOLERANCE)
        assert r.granularity_s and r.granularity_s > 0
        assert r.value.utcoffset() == timedelta(0)
    r.as_dict()


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(text=st.text(max_size=80), ref=references, zone=st.sampled_from(ZONES))
def test_arbitrary_text_never_raises(text, ref, zone):
    _check_reading(read_time(text, ref, zone), ref)
    _check_reading(dates.read_machine(text, zone, ref), ref)


@pytest.mark.slow
@settings(max_examples=2500, deadline=None)
@given(
    words=st.lists(st.sampled_from(VOCAB), max_size=8),
    seps=st.sampled_from(["", " "]),
    ref=references,
    zone=st.sampled_from(ZONES),
)
def test_vocabulary_soup_never_raises(words, seps, ref, zone):
    text = seps.join(words)
    _check_reading(read_time(text, ref, zone), ref)
    _check_reading(dates.read_absolute(text, ref, zone), ref)
    _check_reading(dates.read_relative(text, ref), ref)


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=201, max_size=5000))
def test_long_input_is_cut_off(text):
    ref = datetime(2025, 12, 14, tzinfo=UTC)
    r = read_time(text, ref)
    assert r.kind == "none"
    assert r.reason in ("too-long", "empty", "unrecognized")
    assert len(r.raw) <= dates.MAX_INPUT_CHARS


@settings(max_examples=300, deadline=None)
@given(
    unit=st.sampled_from(("minute", "hour", "day", "week", "month")),
    n=st.integers(min_value=2, max_value=10),
    past=st.floats(min_value=0, max_value=0.999),
    cut_down=st.booleans(),
)
def test_a_site_of_unknown_software_gets_a_window_for_rounding_and_cutting_down(
    unit, n, past, cut_down
):
    # "منذ n ساعات" printed by software that rounds to the nearest, or that cuts down: with
    # rounding="either" the window holds the true time either way.
    reference = datetime(2026, 12, 1, 12, tzinfo=UTC)
    u = SECONDS[unit]
    diff = (n + past) * u if cut_down else (n - 0.5 + past) * u
    true = reference - timedelta(seconds=math.floor(diff))
    text = f"منذ {n} {FORMS[unit][2]}"
    reading = read_time(text, reference, "UTC", rounding="either")
    assert reading.earliest <= true <= reading.latest, (text, diff)
    # WordPress's window is the narrower: it holds the rounded times only.
    wordpress = read_time(text, reference, "UTC")
    assert reading.earliest <= wordpress.earliest and wordpress.latest <= reading.latest


def test_a_rounding_that_is_no_rounding_is_a_configuration_error():
    with pytest.raises(ValueError, match="rounding must be one of wordpress, either"):
        read_time("منذ 3 ساعات", datetime(2026, 12, 1, tzinfo=UTC), rounding="floor")
