"""Reconciliation: one time and window from the readings of several sources."""

from __future__ import annotations

from collections.abc import Iterable

from scraper.time.readings import Reconciled, TimeReading

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
