"""Extraction speed on every page set, side by side, in one run.

Page sets (`--sets`, all by default):
    zox-bundled     the 57 article pages of the bundled Zox site (scraper/testkit/site)
    jannah-demo, jarida-demo, jnews-demo, newspaper-demo
                    the article pages of the other themes' fixture sites (tests/fixtures/),
                    read with their site's profile and timezone
    zox-large       generated Zox article pages of 230-280 KB with every widget filled
                    (scraper/testkit/large_pages.py)
    real            the 57 real pages no one on the project wrote (tests/fixtures/real/)
    corpus          the rest of the development corpus (../shared/corpus/fundus/), when present:
                    its first 100 other pages (`--corpus-pages`)

Columns, pages per second of CPU time on one core (`--clock wall` for wall time) (pages decoded to text beforehand, for every column):
    lxml      lxml.html.fromstring                     the parse floor
    lexbor    selectolax LexborHTMLParser              our parser alone
    traf      trafilatura.extract(html, url=url)       text only
    theme     read_page(profile=<the set's>)           our theme stage: parse, every field
                                                       and list item, times as raw strings
    full      extract_page(profile=<the set's>)        + the time layer: finished records
    auto      extract_page(profile="auto")             theme detection; on pages of no
                                                       known theme, the generic path

Each round runs every column once over the whole set, in an order that rotates from round
to round; caches keyed by page data are emptied before each pass (`clear_caches`), so a
pass never reuses the previous pass's work. Pages/s are min / median / max over the rounds;
ratios are taken within each round (both columns measured minutes apart at most, under the
same load) and shown as their median (min-max). Targets (issue 19): theme >= 10x traf and
theme >= 0.5x lxml on every theme set; auto >= 1.2x traf on the real pages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura
from selectolax.lexbor import LexborHTMLParser

from scraper.extract import clear_caches, extract_page, read_page
from scraper.extract.decode import decode_html, unpack
from scraper.extract.profiles.site import SiteProfile
from scraper.sites import load_site
from scraper.testkit.accuracy_real import DEFAULT_CORPUS, load_pages
from scraper.testkit.large_pages import large_pages
from scraper.testkit.server import BUNDLED_SITE
from scraper.time import http_date

# CPU time of this process: on a machine shared with other work (2 cores, several jobs),
# wall time counts the moments the scheduler gave the core to others; CPU time does not.
# (--clock wall measures wall time instead.)
CLOCK = time.process_time
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
THEME_SITES = ("jannah-demo", "jarida-demo", "jnews-demo", "newspaper-demo")
SETS = ("zox-bundled", *THEME_SITES, "zox-large", "real", "corpus")
COLUMNS = ("lxml", "lexbor", "traf", "theme", "full", "auto")
# (numerator, denominator, target or None), per set kind.
THEME_RATIOS = (("theme", "traf", 10.0), ("theme", "lxml", 0.5), ("full", "traf", None))
REAL_RATIOS = (("auto", "traf", 1.2), ("auto", "lxml", None))


@dataclass
class Page:
    html: str
    url: str
    reference: datetime


@dataclass
class PageSet:
    name: str
    pages: list[Page]
    profile: str | SiteProfile | None  # None: no theme (the real pages)
    timezone: str = "unknown"
    note: str = ""
    # column -> seconds per pass, one per round
    seconds: dict[str, list[float]] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS if self.profile is not None else ("lxml", "lexbor", "traf", "auto")

    @property
    def ratios(self) -> tuple[tuple[str, str, float | None], ...]:
        return THEME_RATIOS if self.profile is not None else REAL_RATIOS


def _text(body: bytes, content_type: str | None = None) -> str:
    return decode_html(unpack(body), content_type)[0]


def zox_bundled() -> PageSet:
    truth = json.loads((BUNDLED_SITE / "truth.json").read_text(encoding="utf-8"))
    dates = {p["file"]: p["date"] for p in truth["pages"]}
    pages = [
        Page(
            (BUNDLED_SITE / a["file"]).read_text(encoding="utf-8"),
            a["url"],
            datetime.fromisoformat(dates[a["file"]].replace("Z", "+00:00")),
        )
        for a in truth["articles"]
    ]
    return PageSet("zox-bundled", pages, "zox", "Europe/Istanbul")


def theme_site(site: str) -> PageSet:
    """A fixture site's article pages (as its reviewed records say), with its profile."""
    config = load_site(site)
    pages = []
    for expected_path in sorted((FIXTURES / site).glob("*.expected.json")):
        if json.loads(expected_path.read_text(encoding="utf-8"))["page_type"] != "article":
            continue
        stem = expected_path.name.removesuffix(".expected.json")
        response = json.loads((FIXTURES / site / f"{stem}.response.json").read_text("utf-8"))
        headers = {k.lower(): v for k, v in response["headers"].items()}
        reference = http_date(headers.get("date")) or datetime.fromisoformat(
            response["fetched_at"].replace("Z", "+00:00")
        )
        body = (FIXTURES / site / f"{stem}.html").read_bytes()
        pages.append(Page(_text(body, headers.get("content-type")), response["url"], reference))
    return PageSet(site, pages, config.extraction_profile(), config.timezone)


def zox_large(count: int) -> PageSet:
    pages = [Page(p.html, p.url, p.reference) for p in large_pages(count)]
    return PageSet("zox-large", pages, "zox", "Europe/Istanbul")


def real_sets(corpus: Path, corpus_pages: int) -> list[PageSet]:
    found, _ = load_pages(corpus)
    committed = [p for p in found if p.committed]
    rest = [p for p in found if not p.committed]

    def as_pages(chosen):
        return [Page(_text(p.html()), p.expected["url"], p.reference) for p in chosen]

    sets = [PageSet("real", as_pages(committed), None, note="tests/fixtures/real/")]
    note = str(corpus) if rest else f"ABSENT: no corpus at {corpus.resolve()}"
    if len(rest) > corpus_pages:
        note += f", the first {corpus_pages} of its {len(rest)} other pages (--corpus-pages)"
    sets.append(PageSet("corpus", as_pages(rest[:corpus_pages]), None, note=note))
    return sets


def runners(page_set: PageSet) -> dict[str, Callable[[Page], object]]:
    profile, zone = page_set.profile, page_set.timezone
    return {
        "lxml": lambda p: lxml.html.fromstring(p.html),
        "lexbor": lambda p: LexborHTMLParser(p.html),
        "traf": lambda p: trafilatura.extract(p.html, url=p.url),
        "theme": lambda p: read_page(p.html, p.url, p.reference, profile=profile),
        "full": lambda p: extract_page(p.html, p.url, p.reference, profile=profile, timezone=zone),
        "auto": lambda p: extract_page(p.html, p.url, p.reference, profile="auto", timezone=zone),
    }


def one_pass(function: Callable[[Page], object], pages: list[Page], repeat: int) -> float:
    """Seconds for one pass over the pages, the mean of `repeat` passes, each after
    emptying the caches keyed by page data."""
    total = 0.0
    for _ in range(repeat):
        clear_caches()
        start = CLOCK()
        for page in pages:
            function(page)
        total += CLOCK() - start
    return total / repeat


def measure(page_set: PageSet, rounds: int, min_pages: int) -> None:
    """`rounds` rounds, each running every column once over the set (a small set several
    times, so each column reads at least `min_pages` pages a round), in an order that
    rotates from round to round; after one untimed pass per column (imports, compiled
    selectors, first-call set-up)."""
    functions = runners(page_set)
    columns = page_set.columns
    repeat = max(1, -(-min_pages // len(page_set.pages)))
    for column in columns:
        one_pass(functions[column], page_set.pages, 1)
    for k in range(rounds):
        order = columns[k % len(columns) :] + columns[: k % len(columns)]
        for column in order:
            page_set.seconds.setdefault(column, []).append(
                one_pass(functions[column], page_set.pages, repeat)
            )


def load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def report(page_set: PageSet, load_before: str) -> list[str]:
    n = len(page_set.pages)
    kb = statistics.mean(len(p.html.encode()) for p in page_set.pages) / 1024
    profile = page_set.profile
    named = getattr(profile, "tag", None) or getattr(profile, "name", None) or profile
    lines = [
        f"{page_set.name}: {n} pages, mean {kb:.0f} KB, profile {named or 'auto'}"
        f"{', ' + page_set.note if page_set.note else ''}; "
        f"load {load_before} -> {load()}",
        f"  {'column':<8}{'min':>9}{'median':>9}{'max':>9}  pages/s",
    ]
    for column in page_set.columns:
        rates = sorted(n / s for s in page_set.seconds[column])
        lines.append(f"  {column:<8}{rates[0]:9.1f}{statistics.median(rates):9.1f}{rates[-1]:9.1f}")
    for top, bottom, target in page_set.ratios:
        per_round = sorted(
            b / t for t, b in zip(page_set.seconds[top], page_set.seconds[bottom], strict=True)
        )
        median = statistics.median(per_round)
        verdict = ""
        if target is not None:
            verdict = f"   target >= {target:g}x: {'met' if median >= target else 'MISSED'}"
        lines.append(
            f"  {top}/{bottom:<6} {median:6.2f}x (rounds {per_round[0]:.2f}-{per_round[-1]:.2f})"
            f"{verdict}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated: {SETS}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large-pages", type=int, default=24, help="pages in zox-large")
    parser.add_argument(
        "--max-pages", type=int, default=0, help="at most this many pages per set (0: all)"
    )
    parser.add_argument(
        "--min-pages",
        type=int,
        default=30,
        help="each column reads a small set several times a round, at least this many pages",
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--corpus-pages",
        type=int,
        default=100,
        help="at most this many corpus pages (the whole run stays near 6 minutes)",
    )
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    chosen = [name.strip() for name in args.sets.split(",") if name.strip()]
    unknown = set(chosen) - set(SETS)
    if unknown:
        parser.error(f"unknown sets {sorted(unknown)}; known: {', '.join(SETS)}")

    sets: list[PageSet] = []
    for name in chosen:
        if name == "zox-bundled":
            sets.append(zox_bundled())
        elif name in THEME_SITES:
            sets.append(theme_site(name))
        elif name == "zox-large":
            sets.append(zox_large(args.large_pages))
    if {"real", "corpus"} & set(chosen):
        sets += [s for s in real_sets(args.corpus, args.corpus_pages) if s.name in chosen]

    print(
        f"{args.rounds} interleaved rounds per set, {args.clock} time; load (1/5/15 min) {load()}"
    )
    started = time.perf_counter()
    for page_set in sets:
        if args.max_pages:
            page_set.pages = page_set.pages[: args.max_pages]
        if not page_set.pages:
            print(f"{page_set.name}: no pages ({page_set.note})\n")
            continue
        before = load()
        measure(page_set, args.rounds, args.min_pages)
        print("\n".join(report(page_set, before)) + "\n", flush=True)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
