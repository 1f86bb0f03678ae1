"""Reconciliation: one time and window from the readings of several sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from scraper.time.readings import Reconciled, TimeReading, _tz, is_unknown_zone

MACHINE_SOURCE_PREFIXES = ("json-ld", "meta", "time[datetime]", "rest", "feed", "sitemap")
# A machine time stamped this close before the fetch is the page's render time.
RENDER_STAMP_S = 600
# An offset other than UTC's at the end of a machine time ("+03:00", "-0500").
STATED_OFFSET = re.compile(r"[+-](?!00:?00$)\d{2}:?\d{2}$")


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


# A clock that may be a 12-hour one ("02:45", not "15:42"), and the words that say which
# half of the day it is in.
_TWELVE_HOUR_CLOCK = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2]):[0-5]\d(?!\d)")
_HALF_OF_DAY = re.compile(
    r"(?<![^\W\d_])(?:ص|م|صباحا|صباحاً|مساء|مساءً|ظهرا|am|pm|a\.m\.|p\.m\.)(?![^\W\d_])",
    re.IGNORECASE,
)
# A printed time and a machine time that differ by a whole zone offset (a multiple of
# half an hour, at most 14 hours) show one clock read in two zones.
_ZONE_STEP_S = 1800
_MAX_ZONE_S = 14 * 3600
# The printed time's window is this narrow when its zone is known (stated, or the site's).
_ZONED_WINDOW_S = 3600


# How much earlier than the metadata's time the page's own element must state the
# publication to overrule it: more than any zone's offset (a site's clock mistaken for UTC).
MODIFICATION_GAP = timedelta(hours=15)


def without_modification_as_publication(
    readings: list[tuple[str, TimeReading]], modified: list[TimeReading]
) -> tuple[list[tuple[str, TimeReading]], list[tuple[str, TimeReading]]]:
    """The readings without the metadata's publication times that are its modification
    time to the second, where `time[datetime]` states a publication more than
    `MODIFICATION_GAP` earlier: a "freshness" plugin writes the last change into
    article:published_time and JSON-LD (WP Last Modified Info with Yoast). The second list
    holds those, for the conflicts. Asked only where a theme's own date element gave
    `time[datetime]`: the generic path's may be another story's."""
    changed = {m.value for m in modified if m.value is not None}
    stamped = [
        (name, r)
        for name, r in readings
        if r.value in changed and name.startswith(("json-ld", "meta"))
    ]
    if not stamped:
        return readings, []
    first_stamp = min(r.value for _, r in stamped)  # type: ignore[type-var]
    if not any(
        name == "time[datetime]"
        and r.latest is not None
        and r.latest < first_stamp - MODIFICATION_GAP  # type: ignore[operator]
        for name, r in readings
    ):
        return readings, []
    return [x for x in readings if x not in stamped], stamped


# The metadata's clock at a day's start ("2027-08-13T00:00:00+01:00"): a print edition's
# or a CMS's day, no clock of the story's.
_MIDNIGHT = re.compile(r"[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DAY = timedelta(days=1)
# A metadata time this long before the printed one is another thing's (the site's launch
# in a WebPage node, a template's default), not a story's first publication.
_FOREIGN_GAP = timedelta(days=366)


def _stated_offset(raw: str) -> timedelta | None:
    """The offset other than UTC's an ISO machine time states ("+04:00" gives 4 hours;
    "21-03-2027" states none)."""
    if not STATED_OFFSET.search(raw):
        return None
    try:
        return datetime.fromisoformat(raw.strip()).utcoffset()
    except ValueError:
        return None


# Days ahead at which a zone's other offsets are looked for: a season's later, each quarter.
_SEASONS = tuple(timedelta(days=days) for days in (91, 182, 273))


def _other_season(offset: timedelta, instant: datetime, zone: tzinfo | None) -> bool:
    """Whether `offset` is not the site zone's at `instant` but the one it keeps in another
    season (a CMS writing Beirut's summer +03:00 all year, or Cairo's winter +02:00 in June)."""
    if zone is None or is_unknown_zone(zone) or instant.astimezone(zone).utcoffset() == offset:
        return False
    return any((instant + ahead).astimezone(zone).utcoffset() == offset for ahead in _SEASONS)


def _shown_wrong(
    reading: TimeReading,
    printed: TimeReading,
    modified: Sequence[TimeReading],
    zoned: bool,
    zone: tzinfo | None = None,
) -> bool:
    """Whether a printed time in the site's zone shows the metadata's stated one to be
    something else: UTC's clock written with the local offset (the printed time later by
    exactly that offset), the printed clock written with the offset of the zone's other
    season (daylight saving ignored), a day's midnight (an edition's; the printed clock
    within a day of it), or a time more than a year before (the site's launch; the only
    test when the printed time's zone is not known, or it is a day). Never where the
    printed time is the page's stated modification (an old story updated, its update
    printed)."""
    if reading.value is None or printed.value is None:
        return False
    if (
        printed.earliest
        and printed.latest
        and any(
            m.value is not None and printed.earliest <= m.value <= printed.latest for m in modified
        )
    ):
        return False
    gap = printed.value - reading.value
    raw = (reading.raw or "").strip()
    offset = _stated_offset(raw)
    return gap > _FOREIGN_GAP or (
        zoned
        and (
            (offset is not None and gap == offset)
            or (
                offset is not None
                and _other_season(offset, printed.value, zone)
                and gap == offset - printed.value.astimezone(zone).utcoffset()  # type: ignore[arg-type,operator]
            )
            or (bool(_MIDNIGHT.search(raw)) and -_DAY < gap < _DAY)
        )
    )


def with_printed_check(
    readings: list[tuple[str, TimeReading]],
    check: tuple[str, TimeReading],
    modified: list[TimeReading],
    reference: datetime,
    doubtful: bool = True,
    timezone: str | tzinfo | None = None,
) -> tuple[list[tuple[str, TimeReading]], list[tuple[str, TimeReading]]]:
    """The readings with the printed publication time `check` read beside the metadata's
    when the metadata's is doubtful (equal to the modification's, minutes before the
    fetch, UTC or no offset), and the metadata's readings it overrules. Where the two
    agree, the printed one joins them; where they disagree, it is a conflict, unless the
    page shows the metadata's time to be another: the printed one is earlier and every
    metadata time is the last modification's or minutes before the fetch (a CMS stamping
    each save or each render as the publication), or they differ by a whole zone offset,
    the metadata states UTC or no offset (a local clock written as UTC, a UTC clock
    written as local) and the printed time's zone is known. A relative printed time checks
    nothing, and one in an unknown zone that agrees adds nothing. Metadata that is not
    doubtful (`doubtful` False) is overruled only where the printed time shows it wrong
    (`_shown_wrong`), and is otherwise left alone. `timezone`, the site's, lets the
    printed clock overrule the same clock stated with its other season's offset; None
    never does."""
    printed = check[1]
    zone = None if timezone is None else _tz(timezone)
    stated = reconcile(readings)
    machine = [
        (source, r)
        for source, r in readings
        if source.startswith(MACHINE_SOURCE_PREFIXES) and r.value is not None
    ]
    # A relative time ("منذ 3 ساعات", "13:37" today) counts from the render, which a
    # cached page's replay does not know: no check.
    if printed.value is None or printed.kind == "relative" or stated.value is None or not machine:
        return readings, []
    assert printed.earliest and printed.latest and stated.earliest and stated.latest
    with_check = [*readings, check]
    zoned = (printed.latest - printed.earliest).total_seconds() < _ZONED_WINDOW_S
    if printed.earliest <= stated.latest and stated.earliest <= printed.latest:
        # Agreeing in its own zone, it joins; in an unknown one, it tells nothing (and must
        # not side with one of two metadata times that disagree).
        return (with_check if zoned else readings), []

    def resaved(r: TimeReading) -> bool:
        stamp = r.value or reference
        return any(m.value == stamp for m in modified) or (
            abs((reference - stamp).total_seconds()) <= RENDER_STAMP_S
        )

    def shifted(r: TimeReading) -> bool:
        gap = abs(((r.value or reference) - printed.value).total_seconds())  # type: ignore[operator]
        return (
            0 < gap <= _MAX_ZONE_S
            and gap % _ZONE_STEP_S == 0
            and not STATED_OFFSET.search(r.raw.strip())
        )

    half_day = timedelta(hours=12)
    if (
        _TWELVE_HOUR_CLOCK.search(printed.raw or "")
        and not _HALF_OF_DAY.search(printed.raw or "")
        and printed.earliest + half_day <= stated.latest
        and stated.earliest <= printed.latest + half_day
    ):
        # A 12-hour clock printed without its half ("02:45" for 14:45): no disagreement.
        return readings, []
    earlier = printed.latest < stated.earliest
    if doubtful and earlier and all(resaved(r) for _, r in machine):
        return [*(pair for pair in readings if pair not in machine), check], machine
    # A machine-readable day that holds the printed time (a theme's `datetime="2027-03-03"`
    # beside its printed clock) agrees with it; the others must be shifted by a zone.
    holding = [
        pair
        for pair in machine
        if pair[1].earliest <= printed.earliest and printed.latest <= pair[1].latest  # type: ignore[operator]
    ]
    off = [pair for pair in machine if pair not in holding]
    if off and all(
        (zoned and shifted(r)) or _shown_wrong(r, printed, modified, zoned, zone) for _, r in off
    ):
        return [*(pair for pair in readings if pair not in off), check], off
    return (with_check if doubtful else readings), []
