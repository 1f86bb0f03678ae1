"""Start-up time of the commands a reader runs often, against Python's own start and
`python -c "import trafilatura"` (the bound: no command may start slower than importing
the extractor it may need).

Each round runs every command once, in an order that rotates from round to round, as a
fresh process (wall time, output discarded); the figures are min / median / max over the
rounds, and each command's ratio to `import trafilatura` is taken within a round. A
ratio at most 1.00 meets the bound.

    python bench/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
THEME_PAGE = PROJECT / "tests/fixtures/zox-demo/post-10259.html"
FOREIGN_PAGE = PROJECT / "tests/fixtures/real/de/DW_2023_04_28.html.gz"
REFERENCE = "2026-01-01T12:00:00Z"
BOUND = "python -c 'import trafilatura'"


def scraper_command() -> list[str]:
    """The installed `scraper` script beside this interpreter, as a reader runs it."""
    script = Path(sys.executable).with_name("scraper")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scraper"]


def search_database(folder: Path) -> Path:
    """A store of the bundled site's articles, for `scraper search`."""
    from scraper.extract import extract_page
    from scraper.store import Store
    from scraper.testkit.server import BUNDLED_SITE
    from scraper.testkit.truth import load_truth, utc

    truth = load_truth()
    records = []
    for article in truth["articles"][:100]:
        html = (BUNDLED_SITE / article["file"]).read_bytes()
        page = extract_page(html, article["url"], utc("2025-12-15T09:00:00Z"), site="zox-demo")
        if page.article is not None:
            records.append(page.article)
    path = folder / "news.db"
    store = Store(path)
    store.write_batch(records)
    store.close()
    return path


def commands(db: Path) -> dict[str, tuple[list[str], bytes]]:
    scraper = scraper_command()
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], b""),
        BOUND: ([sys.executable, "-c", "import trafilatura"], b""),
        "scraper --help": ([*scraper, "--help"], b""),
        "scraper dates": (
            [*scraper, "dates", "--reference", REFERENCE],
            "منذ 3 ساعات\n".encode(),
        ),
        "scraper search": ([*scraper, "search", "--db", str(db), "تركيا"], b""),
        "scraper extract (theme page)": (
            [*scraper, "extract", "--reference", REFERENCE, str(THEME_PAGE)],
            b"",
        ),
        "scraper extract (generic page)": (
            [*scraper, "extract", "--reference", REFERENCE, str(FOREIGN_PAGE)],
            b"",
        ),
    }


# Commands run as on a reader's machine, where Python writes the bytecode of the modules it
# compiles on the first run and reads it on every later one. A sandbox or CI that sets
# PYTHONDONTWRITEBYTECODE would compile the project's modules from source on every run,
# while the installed packages (trafilatura, the bound) come with bytecode from pip.
COMMAND_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall_time(argv: list[str], stdin: bytes) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        input=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=COMMAND_ENVIRONMENT,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (at least 5)")
    rounds = max(5, parser.parse_args().rounds)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        runs = commands(search_database(Path(folder)))
        names = list(runs)
        for argv, stdin in runs.values():
            # Warm: bytecode written and pages cached, as on any run after the first.
            wall_time(argv, stdin)
        times: dict[str, list[float]] = {name: [] for name in names}
        ratios: dict[str, list[float]] = {name: [] for name in names}
        loads = [os.getloadavg()[0]]
        for round_number in range(rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(wall_time(*runs[name]))
            for name in names:
                ratios[name].append(times[name][-1] / times[BOUND][-1])
            loads.append(os.getloadavg()[0])
    print(
        f"start-up, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {rounds} rounds, "
        f"load (1 min) {min(loads):.2f}-{max(loads):.2f} on {os.cpu_count()} cores"
    )
    print(f"{'command':32} {'min s':>7} {'median':>7} {'max':>7}   / import trafilatura")
    for name in names:
        spread = sorted(times[name])
        print(
            f"{name:32} {spread[0]:7.3f} {statistics.median(spread):7.3f} {spread[-1]:7.3f}"
            f"   {min(ratios[name]):.2f} / {statistics.median(ratios[name]):.2f}"
            f" / {max(ratios[name]):.2f}"
        )


if __name__ == "__main__":
    main()
