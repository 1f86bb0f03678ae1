"""`make hostile-test`: crawl the bundled site through every hostile scenario and check it.

Each scenario (scraper.testkit.hostile.SCENARIOS) is one real `scraper crawl` subprocess of
the bundled site against the hostile server, into a fresh database or a copy of the
reference crawl's, with a deadline (the crawl's process group is killed when it overruns).
It passes when:

- the run ends within its deadline;
- it exits with the scenario's documented code;
- the scenario's evidence is there (a failure row, a stat, a file beside the database);
- the crawl's peak RSS stays under MEMORY_BOUND_MIB;
- the database passes `PRAGMA integrity_check` and equals the reference crawl on everything
  the scenario did not touch (each article's content hash, the sightings count per page).

    python -m scraper.testkit.hostile_run                      # every scenario
    python -m scraper.testkit.hostile_run date-9999 full-disk  # some

One line per scenario; the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scraper.testkit.hostile import (
    MEMORY_BOUND_MIB,
    SCENARIOS,
    HostileServing,
    Outcome,
    Scenario,
)
from scraper.testkit.server import BackgroundServer

PROJECT = Path(__file__).resolve().parents[2]
SITE = "zox-demo"
# The full-disk scenario's filesystem: the bundled site's database grows to about 3.3 MB,
# so a crawl fills this one about a third of the way in.
FULL_DISK_KIB = 1024
REFERENCE_DEADLINE = 120.0


@dataclass
class Result:
    name: str
    expected: int
    exit_code: int | None  # None: killed at the deadline
    seconds: float
    peak_mib: float
    failures: int
    problems: list[str] = field(default_factory=list)
    how: str = ""  # how the scenario was arranged, when it matters (full-disk: tmpfs or rlimit)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        code = "-" if self.exit_code is None else str(self.exit_code)
        verdict = "ok" if self.ok else "FAIL: " + "; ".join(self.problems)
        how = f" [{self.how}]" if self.how else ""
        return (
            f"{self.name:<24} exit {code:>3} ({self.expected})  {self.seconds:6.1f} s  "
            f"{self.peak_mib:5.0f} MiB  {self.failures:6d} failures  {verdict}{how}"
        )


@dataclass
class Crawled:
    exit_code: int | None
    seconds: float
    peak_mib: float
    stdout: str
    stderr: str
    pid: int


def crawl(
    db: Path,
    base_url: str,
    *extra: str,
    deadline: float,
    logs: Path,
    limit_file_bytes: int | None = None,
) -> Crawled:
    """One `scraper crawl` subprocess, killed (its whole process group) at `deadline`, its
    peak RSS read while it runs."""
    command = [sys.executable, "-m", "scraper", "crawl", SITE, "--db", str(db)]
    command += ["--base-url", base_url, *extra]

    def limit() -> None:  # pragma: no cover - runs in the child
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / "stdout.txt", logs / "stderr.txt"
    started = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        process = subprocess.Popen(
            command,
            cwd=PROJECT,
            stdout=out,
            stderr=err,
            start_new_session=True,
            preexec_fn=limit if limit_file_bytes else None,
        )
        status = None
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, _high_water_kib(process.pid))
            pid, raw, _usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(raw)
                break
            if time.monotonic() - started > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                _wait_for_group_end(process.pid)
                break
            time.sleep(0.05)
        process.returncode = status if status is not None else -signal.SIGKILL
    seconds = time.monotonic() - started
    return Crawled(
        exit_code=status,
        seconds=seconds,
        peak_mib=peak_kib / 1024,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        pid=process.pid,
    )


# How long the killed group's other members (extraction workers) may take to be reaped by
# init once the leader is: a few milliseconds, more on a loaded machine.
GROUP_END_SECONDS = 10


def _wait_for_group_end(pgid: int) -> None:
    """Until no process of the killed group is left (its children, reparented, are reaped
    by init a moment after the leader), at most GROUP_END_SECONDS."""
    ends = time.monotonic() + GROUP_END_SECONDS
    while time.monotonic() < ends:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def _high_water_kib(pid: int) -> int:
    """The process's peak RSS so far (VmHWM). Not the child's rusage: on Linux that also
    counts the runner's own memory at the fork, and this runner holds the hostile pages."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # exited between two reads, or no /proc: the last reading stands
    return 0


# -- the database ------------------------------------------------------------------------------


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy (WAL included), through SQLite's backup."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


@dataclass
class Snapshot:
    articles: dict[str, str]  # url -> content hash (or text digest)
    sightings: Counter  # page url -> sightings
    integrity: str


def snapshot(db: Path, on: str = "content_hash") -> Snapshot:
    """`on`: "content_hash" (every content field, times included), or "text" (headline and
    body: what a scenario that moves the reference time must leave alone)."""
    column = "content_hash" if on == "content_hash" else "headline || char(0) || body"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        articles = dict(conn.execute(f"SELECT url, {column} FROM articles"))
        sightings = Counter(
            dict(conn.execute("SELECT page_url, count(*) FROM list_item_sightings GROUP BY 1"))
        )
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return Snapshot(articles, sightings, integrity)


def last_run(db: Path) -> tuple[dict, list[tuple[str, str, str]]]:
    """The newest run's stats (empty if it never finished) and failure rows."""
    if not db.exists():  # a crawl killed before it made its database
        return {}, []
    with contextlib.closing(sqlite3.connect(db)) as conn:
        try:
            row = conn.execute(
                "SELECT id, stats FROM crawl_runs ORDER BY id DESC LIMIT 1"
            ).fetchone()
        except sqlite3.OperationalError:  # killed before its schema was made
            return {}, []
        if row is None:
            return {}, []
        failures = conn.execute(
            "SELECT url, stage, reason FROM failures WHERE run_id = ?", (row[0],)
        ).fetchall()
    return json.loads(row[1]) if row[1] else {}, failures


def _where(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _some(urls: list[str]) -> str:
    return ", ".join(_where(u) for u in sorted(urls)[:2]) + (" ..." if len(urls) > 2 else "")


def compare(scenario: Scenario, reference: Snapshot, got: Snapshot) -> list[str]:
    """What differs from the reference outside what the scenario touched."""
    problems = []
    if got.integrity != "ok":
        problems.append(f"integrity_check: {got.integrity}")
    if scenario.compare == "stored":
        # A run cut short stores less, never something else.
        changed = [
            u
            for u, h in got.articles.items()
            if u in reference.articles and reference.articles[u] != h
        ]
        foreign = [u for u in got.articles if u not in reference.articles]
        grown = [p for p, n in got.sightings.items() if n > reference.sightings.get(p, 0)]
        for urls, what in (
            (changed, "articles changed"),
            (foreign, "articles not in the reference"),
            (grown, "pages with more sightings than the reference"),
        ):
            if urls:
                problems.append(f"{len(urls)} {what}: {_some(urls)}")
        return problems
    touched = re.compile(scenario.touched, re.IGNORECASE)  # stored URLs escape in capitals

    def kept(url: str) -> bool:
        return not touched.search(_where(url))

    lost = [u for u in reference.articles if kept(u) and u not in got.articles]
    changed = [
        u
        for u in reference.articles
        if kept(u) and u in got.articles and got.articles[u] != reference.articles[u]
    ]
    extra = [u for u in got.articles if kept(u) and u not in reference.articles]
    pages = set(reference.sightings) | set(got.sightings)
    counts = [p for p in pages if kept(p) and reference.sightings[p] != got.sightings[p]]
    for urls, what in (
        (lost, "articles lost"),
        (changed, "articles changed"),
        (extra, "articles not in the reference"),
        (counts, "pages whose sightings differ"),
    ):
        if urls:
            problems.append(f"{len(urls)} {what}: {_some(urls)}")
    return problems


# -- the full disk ---------------------------------------------------------------------------


@contextlib.contextmanager
def small_filesystem(directory: Path, kib: int) -> Iterator[str]:
    """A tmpfs of `kib` KiB mounted on `directory` ("tmpfs"), or nothing mounted when the
    machine refuses or HOSTILE_FULL_DISK=rlimit ("rlimit": the crawl then runs under
    RLIMIT_FSIZE instead)."""
    directory.mkdir(parents=True, exist_ok=True)
    mounted = (
        os.environ.get("HOSTILE_FULL_DISK") != "rlimit"  # to try the fallback where mount works
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
        and shutil.which("mount") is not None
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(directory)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield "tmpfs" if mounted else "rlimit"
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(directory)], capture_output=True)


# -- one scenario ------------------------------------------------------------------------------


def run_scenario(scenario: Scenario, reference_db: Path, work: Path, seed: int = 16) -> Result:
    """Crawl `scenario` into a database under `work` and check it against `reference_db`."""
    place = work / scenario.name
    if place.exists():
        shutil.rmtree(place)
    place.mkdir(parents=True)
    if scenario.name == "full-disk":
        return _run_full_disk(scenario, reference_db, place)
    db = place / "news.db"
    if scenario.start == "reference":
        copy_database(reference_db, db)
    serving = HostileServing(scenario.name, seed=seed)
    with BackgroundServer(hostile=serving) as base_url:
        crawled = crawl(db, base_url, *scenario.crawl_args, deadline=scenario.deadline, logs=place)
    return _judge(scenario, crawled, db, reference_db, serving.served, [])


def _run_full_disk(scenario: Scenario, reference_db: Path, place: Path) -> Result:
    mount = place / "disk"
    with small_filesystem(mount, FULL_DISK_KIB) as how:
        db = mount / "news.db"
        limit = FULL_DISK_KIB * 1024 if how == "rlimit" else None
        with BackgroundServer() as base_url:
            crawled = crawl(
                db, base_url, deadline=scenario.deadline, logs=place, limit_file_bytes=limit
            )
        # Judge a copy on a roomy filesystem: reading a WAL database may need to write.
        after = place / "after.db"
        beside = []
        if db.exists():
            copy_database(db, after)
            for path in mount.iterdir():
                own = path == db or re.search(r"-wal$|-shm$|\.lock$", path.name)
                # (The WARC folder, news.db.warc/, is not judged here: tests/test_warc.py.)
                if path.name.startswith(db.name) and not own and path.is_file():
                    shutil.copy(path, place / path.name)
                    beside.append(place / path.name)
    if not after.exists():
        result = Result(
            scenario.name,
            scenario.expected_exit,
            crawled.exit_code,
            crawled.seconds,
            crawled.peak_mib,
            0,
            ["no database was created"],
            how,
        )
        return result
    result = _judge(scenario, crawled, after, reference_db, Counter(), beside)
    result.how = f"{how}, {FULL_DISK_KIB} KiB"
    return result


def _judge(
    scenario: Scenario,
    crawled: Crawled,
    db: Path,
    reference_db: Path,
    served: Counter,
    beside: list[Path],
) -> Result:
    stats, failures = last_run(db)
    result = Result(
        scenario.name,
        scenario.expected_exit,
        crawled.exit_code,
        crawled.seconds,
        crawled.peak_mib,
        len(failures),
    )
    if crawled.peak_mib > MEMORY_BOUND_MIB:
        result.problems.append(f"peak RSS {crawled.peak_mib:.0f} MiB > {MEMORY_BOUND_MIB} MiB")
    if crawled.exit_code is None:
        answers = sum(served.values())
        result.problems.insert(
            0,
            f"did not end within {scenario.deadline:.0f} s (killed; "
            f"{answers:,} hostile answers served, {len(failures):,} failure rows)",
        )
        return result
    if crawled.exit_code != scenario.expected_exit:
        last = crawled.stdout.strip().splitlines()[-1:] or crawled.stderr.strip().splitlines()[-1:]
        result.problems.append(
            f"exit {crawled.exit_code}, expected {scenario.expected_exit} ({' '.join(last)[:120]})"
        )
    outcome = Outcome(crawled.exit_code, stats, failures, crawled.stderr, db, served, beside)
    missing = scenario.evidence(outcome)
    if missing:
        result.problems.append(missing)
    on = "text" if scenario.compare == "text" else "content_hash"
    result.problems += compare(scenario, snapshot(reference_db, on), snapshot(db, on))
    return result


def reference_crawl(work: Path) -> Path:
    """The bundled site crawled clean into a fresh database: what every scenario is held to."""
    db = work / "reference" / "news.db"
    if db.exists():
        shutil.rmtree(db.parent)
    with BackgroundServer() as base_url:
        crawled = crawl(db, base_url, deadline=REFERENCE_DEADLINE, logs=db.parent)
    if crawled.exit_code != 0:
        raise RuntimeError(
            f"the reference crawl exited {crawled.exit_code}: {crawled.stderr[-500:]}"
        )
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hostile-test", description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="default: all")
    parser.add_argument("--work", type=Path, help="keep databases and logs here")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    names = args.scenarios or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(unknown)} (known: {', '.join(SCENARIOS)})")
    with contextlib.ExitStack() as stack:
        work = args.work or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="hostile-"))
        )
        started = time.monotonic()
        reference = reference_crawl(work)
        print(f"reference crawl: {len(snapshot(reference).articles)} articles", flush=True)
        results = []
        for name in names:
            result = run_scenario(SCENARIOS[name], reference, work, seed=args.seed)
            print(result.line(), flush=True)
            results.append(result)
        failed = [r.name for r in results if not r.ok]
        print(
            f"{len(results) - len(failed)} of {len(results)} scenarios passed in "
            f"{time.monotonic() - started:.0f} s"
            + (f"; failed: {', '.join(failed)}" if failed else "")
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
