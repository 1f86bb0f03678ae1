"""Table-driven tests for scraper.time (cases in tests/date_cases.tsv)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scraper import time as dates
from scraper.time import (
    TimeReading,
    http_date,
    read_absolute,
    read_machine,
    read_relative,
    read_time,
    reconcile,
)

CASES_FILE = Path(__file__).with_name("date_cases.tsv")
FIELDS = ("kind", "value", "earliest", "latest", "precision", "reason")


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(dates, "STRICT", True)


def _unescape(s: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)


def _load() -> list:
    lines = [
        ln
        for ln in CASES_FILE.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    cases = []
    for n, ln in enumerate(lines[1:], 2):
        row = dict(zip(header, ln.split("\t"), strict=True))
        row["input"] = _unescape(row["input"])
        cases.append(pytest.param(row, id=f"{n}-{row['fn']}-{row['note'] or row['input'][:30]}"))
    return cases


CASES = _load()


def _ref(s: str) -> datetime | None:
    return datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None


def _call(row: dict) -> TimeReading:
    ref, tz, text = _ref(row["reference"]), row["timezone"], row["input"]
    fn = row["fn"]
    if fn == "time":
        return read_time(text, ref, tz)
    if fn == "machine":
        return read_machine(text, tz, ref)
    if fn == "relative":
        return read_relative(text, ref)
    if fn == "absolute":
        return read_absolute(text, ref, tz)
    raise AssertionError(fn)


def test_table_size():
    assert len(CASES) >= 300


@pytest.mark.parametrize("row", CASES)
def test_case(row):
    got = _call(row).as_dict()
    want = {f: (row[f] or None) for f in FIELDS}
    assert {f: got[f] for f in FIELDS} == want


# --- invariants over the whole table -----------------------------------------


@pytest.mark.parametrize("row", CASES)
def test_reading_invariants(row):
    r = _call(row)
    json.dumps(r.as_dict())
    if r.kind == "none":
        assert r.value is r.earliest is r.latest is None
        assert r.reason
        return
    assert r.reason is None
    assert r.earliest <= r.value <= r.latest
    for dt in (r.value, r.earliest, r.latest):
        assert dt.utcoffset() == timedelta(0) and dt.microsecond == 0
    assert r.granularity_s and r.granularity_s > 0
    ref = _ref(row["reference"])
    if ref is not None:
        assert r.earliest <= ref + timedelta(seconds=600)


# --- API details not expressible in the table --------------------------------

REF = datetime(2025, 12, 14, 19, 10, tzinfo=UTC)


def test_as_dict_format():
    d = read_time("2025-12-14T19:10:00Z", REF).as_dict()
    assert d["value"] == "2025-12-14T19:10:00Z"
    assert set(d) == {
        "raw",
        "kind",
        "value",
        "earliest",
        "latest",
        "granularity_s",
        "precision",
        "reason",
    }


def test_raw_is_the_original_text():
    assert read_time("\u200f11 ساعة ago ", REF, "Europe/Istanbul").raw == "\u200f11 ساعة ago"


def test_future_tolerance_argument():
    s = "14 ديسمبر 2025 22:18"  # 8 min after the reference in Istanbul
    assert read_time(s, REF, "Europe/Istanbul").kind == "absolute"
    assert read_time(s, REF, "Europe/Istanbul", future_tolerance_s=60).reason == "future"


def test_reference_with_microseconds_and_other_zone():
    from zoneinfo import ZoneInfo

    ref = datetime(2025, 12, 14, 22, 10, 0, 999999, tzinfo=ZoneInfo("Europe/Istanbul"))
    r = read_time("11 ساعة ago", ref, "Europe/Istanbul")
    assert r.latest == datetime(2025, 12, 14, 8, 40, tzinfo=UTC)


def test_naive_reference_is_utc():
    r = read_time("ساعتين", REF.replace(tzinfo=None))
    assert r.latest == datetime(2025, 12, 14, 17, 40, tzinfo=UTC)


def test_tzinfo_object_accepted():
    from zoneinfo import ZoneInfo

    a = read_time("14 ديسمبر 2025", REF, ZoneInfo("Europe/Istanbul"))
    b = read_time("14 ديسمبر 2025", REF, "Europe/Istanbul")
    assert a == b


def test_read_relative_uses_reference_zone_for_days():
    from zoneinfo import ZoneInfo

    ref = datetime(2025, 12, 15, 1, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    r = read_relative("أمس", ref)
    assert r.earliest == datetime(2025, 12, 13, 21, 0, tzinfo=UTC)


def test_unknown_timezone_raises():
    with pytest.raises(KeyError):  # zoneinfo.ZoneInfoNotFoundError
        read_time("14 ديسمبر 2025", REF, "Mars/Olympus")


@pytest.mark.parametrize("value", [None, b"", 12345, "\x00\x01", "٫٫٫", "🙂" * 5])
def test_odd_inputs_never_raise(value):
    r = read_time(value, REF)  # type: ignore[arg-type]
    assert r.kind == "none"


def test_wp_diff_window_matches_brief():
    assert dates.wp_diff_window("hour", 11) == (37800, 41399)
    assert dates.wp_diff_window("minute", 1) == (60, 89)
    assert dates.wp_diff_window("hour", 24) == (84600, 86399)
    assert dates.wp_diff_window("second", 1) == (0, 1)


# --- http_date ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Sun, 14 Dec 2025 19:10:00 GMT", datetime(2025, 12, 14, 19, 10, tzinfo=UTC)),
        (b"Sun, 14 Dec 2025 19:10:00 GMT", datetime(2025, 12, 14, 19, 10, tzinfo=UTC)),
        ("Sunday, 14-Dec-25 19:10:00 GMT", datetime(2025, 12, 14, 19, 10, tzinfo=UTC)),
        ("Sun Dec 14 19:10:00 2025", datetime(2025, 12, 14, 19, 10, tzinfo=UTC)),
        ("Sun Dec  7 19:10:00 2025", datetime(2025, 12, 7, 19, 10, tzinfo=UTC)),
        ("  Sun, 14 Dec 2025 19:10:00 GMT  ", datetime(2025, 12, 14, 19, 10, tzinfo=UTC)),
        ("Sun, 31 Feb 2025 19:10:00 GMT", None),
        ("Sun, 14 Dex 2025 19:10:00 GMT", None),
        ("2025-12-14T19:10:00Z", None),
        ("", None),
        (None, None),
        (b"\xff\xfe", None),
        ("x" * 1000, None),
    ],
)
def test_http_date(value, expected):
    assert http_date(value) == expected


# --- reconcile ------------------------------------------------------------------

IST = "Europe/Istanbul"


def _r(text, fn="time"):
    if fn == "machine":
        return read_machine(text, IST, REF)
    return read_time(text, REF, IST)


def test_reconcile_intersects_relative_and_day():
    rec = reconcile(
        [
            ("time[datetime]", _r("2025-12-14", "machine")),
            ("visible-relative", _r("11 ساعة ago")),
        ]
    )
    assert rec.sources == ("time[datetime]", "visible-relative")
    assert rec.earliest == datetime(2025, 12, 14, 7, 40, 1, tzinfo=UTC)
    assert rec.latest == datetime(2025, 12, 14, 8, 40, tzinfo=UTC)
    assert rec.value == datetime(2025, 12, 14, 8, 10, tzinfo=UTC)
    assert rec.precision == "window" and rec.raw == "11 ساعة ago"
    assert rec.conflicts == ()


def test_reconcile_exact_machine_wins_value():
    rec = reconcile(
        [
            ("visible-relative", _r("11 ساعة ago")),
            ("meta:article:published_time", _r("2025-12-14T11:05:00+03:00", "machine")),
            ("visible-date", _r("14 ديسمبر، 2025")),
        ]
    )
    exact = datetime(2025, 12, 14, 8, 5, tzinfo=UTC)
    assert rec.value == rec.earliest == rec.latest == exact
    assert rec.precision == "exact" and len(rec.sources) == 3


def test_reconcile_conflict_is_reported():
    rec = reconcile(
        [
            ("json-ld", _r("2025-12-14T11:05:00+03:00", "machine")),
            ("visible-relative", _r("11 ساعة ago")),
            ("feed", _r("Sun, 14 Dec 2025 08:05:00 +0000", "machine")),
            ("visible-date", _r("10 ديسمبر، 2025")),
        ]
    )
    assert rec.sources == ("json-ld", "visible-relative", "feed")
    assert [c["source"] for c in rec.conflicts] == ["visible-date"]
    assert rec.as_dict()["conflicts"][0]["earliest"] == "2025-12-09T21:00:00Z"
    json.dumps(rec.as_dict())


def test_reconcile_tie_prefers_machine_sources():
    rec = reconcile(
        [
            ("visible-date", _r("10 ديسمبر، 2025")),
            ("json-ld", _r("2025-12-14T11:05:00+03:00", "machine")),
        ]
    )
    assert rec.sources == ("json-ld",)
    assert rec.conflicts[0]["source"] == "visible-date"


def test_reconcile_ignores_none_and_handles_empty():
    empty = reconcile([("visible-date", _r("garbage"))])
    assert empty.value is None and empty.sources == () and empty.conflicts == ()
    assert reconcile([]).as_dict()["sources"] == []
    one = reconcile([("visible-date", _r("garbage")), ("sitemap", _r("2025-12-14", "machine"))])
    assert one.sources == ("sitemap",) and one.precision == "day"
