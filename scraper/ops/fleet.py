"""`scraper fleet deploy|schedule|status`: a fleet of scrapyd hosts, each crawling its own
sites (a fleet file, scraper.ops.fleetfile) into its own database (a shard).

- **deploy** builds the project's egg once (`scrapyd-deploy --build-egg` on a copy of the
  project) and uploads it to every host (`addversion.json`).
- **schedule** starts each site's crawl that is due (`schedule.json`), meant to run from
  cron or a systemd timer every few minutes. A site is due when its host has no pending or
  running job of it (`listjobs.json`) and its last crawl was scheduled at least `every`
  ago. "Last" is the later of the fleet's state file (written after each schedule) and
  the time in the ids of the host's jobs of the site (`<site>.<UTC time>`, the job id the
  fleet gives): the state file survives a scrapyd restart, which empties scrapyd's job
  lists; the job lists cover a state file lost or a schedule cut short before it wrote.
- **status** lists each host's jobs per site and each site's last verdict: the monitor's
  exit code in the stats Scrapy logs when the job closes, read from the end of the job's
  log over scrapyd's `logs/` URL (`log_url` in `listjobs.json`).

A host that does not answer (connection refused, a timeout, an answer that is no
scrapyd's) is reported by name with one line of reason, its sites are skipped, and the
other hosts are still served; the command then exits 69 (EX_UNAVAILABLE). A host that
answers with an error (an egg refused, a project not deployed) exits 1. Every request has
a timeout, and hosts are served in parallel, so one dead host costs one timeout.

The client is scrapyd-client's ScrapydClient with timeouts (it has none) and an upload.
Needs the `ops` extra (scrapyd-client; setuptools < 82 to build eggs).
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from scrapyd_client.exceptions import ErrorResponse, MalformedResponse
from scrapyd_client.pyclient import HEADERS, ScrapydClient, _process_response

from scraper.ops.fleetfile import Fleet, FleetHost, FleetSite
from scraper.ops.monitor import STATUS_NAMES

EXIT_OK = 0
EXIT_REFUSED = 1  # a host answered with an error: an egg refused, a project not deployed
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE (sysexits.h): a host did not answer

# addversion.json answers once scrapyd has listed the egg's spiders (a `scrapy list` run).
UPLOAD_TIMEOUT = 120.0
# How much of a job's log status reads: its end holds the stats Scrapy dumps at close.
LOG_TAIL_BYTES = 256 * 1024
# What a copy of the project needs for `setup.py bdist_egg`: metadata, the readme it names,
# the code.
PROJECT_FILES = ("pyproject.toml", "scrapy.cfg", "README.md", "LICENSE", "setup.py", "MANIFEST.in")
PROJECT_PACKAGES = ("scraper", "spiders", "pipelines")
REQUIRED_IN_EGG = (
    "scraper/__init__.py",
    "spiders/__init__.py",
    "spiders/news.py",
    "pipelines/__init__.py",
    "scraper/crawl/settings.py",
)
# scrapyd-deploy's entry point, run with this interpreter whatever PATH says.
_DEPLOY = (
    "import sys; from scrapyd_client.deploy import main; sys.argv[0] = 'scrapyd-deploy'; main()"
)
_JOB_ID = re.compile(r"(?P<site>.+)\.(?P<stamp>\d{8}T\d{6}Z)")
_STAMP = "%Y%m%dT%H%M%SZ"
_EXIT_CODE = re.compile(r"'monitor/exit_code': (\d+)")
_FINISH_REASON = re.compile(r"'finish_reason': '([^']*)'")
# The verdict line the monitor logs at close (scraper.crawl.extensions): what failed, named.
_VERDICT_LINE = re.compile(
    r"\[scraper\.crawl\.extensions\] INFO: .*?: monitor: (?P<status>[a-z ]+)(?:: (?P<what>.*))?"
    r" \(exit (?P<code>\d+)\)$",
    re.MULTILINE,
)
# What each verdict means, in one line (docs/operations.md, "Exit codes").
VERDICT_MEANINGS = {
    0: "finished, every check passed",
    1: "did not finish, or its store failed",
    3: "extraction drift: a monitored field's share fell below its threshold",
    4: "too many failures (HTTP errors, exceptions, store errors) or a budget reached",
    5: "nothing discovered",
}


class HostDown(Exception):
    """A host that did not answer as a scrapyd: its one-line reason."""


class EggError(RuntimeError):
    """The project's egg could not be built, or lacks what scrapyd needs."""


# ---------------------------------------------------------------------------------------------
# The client


class HostClient(ScrapydClient):
    """ScrapydClient for one fleet host: every request bounded by `timeout` seconds, and
    any answer that is no scrapyd's a HostDown. Credentials: scrapyd-client's, from
    ~/.netrc for the host's name."""

    def __init__(self, host: FleetHost, timeout: float) -> None:
        super().__init__(host.url.rstrip("/"))
        self.host = host
        self.timeout = timeout

    def _get(self, basename: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        return self._call("GET", basename, params=params or {})

    def _post(self, basename: str, data: Any) -> dict[str, Any]:
        return self._call("POST", basename, data=data)

    def add_version(self, project: str, version: str, egg: bytes) -> dict[str, Any]:
        """Upload an egg (addversion.json), as scrapyd-deploy does."""
        return self._call(
            "POST",
            "addversion",
            data={"project": project, "version": version},
            files=[("egg", ("project.egg", egg))],
            timeout=max(self.timeout, UPLOAD_TIMEOUT),
        )

    def log_tail(self, log_url: str) -> str:
        """The last LOG_TAIL_BYTES of a job's log (`log_url` of listjobs.json)."""
        url = urljoin(self.url + "/", log_url)
        try:
            # The size first: Twisted (scrapyd's web server) mishandles a suffix range
            # (`bytes=-N`) longer than the file, so the range asked for starts inside it.
            head = requests.head(url, headers=HEADERS, auth=self.auth, timeout=self.timeout)
            head.raise_for_status()
            size = int(head.headers.get("Content-Length") or 0)
            headers = dict(HEADERS)
            if size > LOG_TAIL_BYTES:
                headers["Range"] = f"bytes={size - LOG_TAIL_BYTES}-"
            with requests.get(
                url, headers=headers, auth=self.auth, timeout=self.timeout, stream=True
            ) as response:
                response.raise_for_status()
                # A server that ignores Range sends it all: keep the end only.
                tail: deque[bytes] = deque()
                kept = 0
                for chunk in response.iter_content(65536):
                    tail.append(chunk)
                    kept += len(chunk)
                    while kept - len(tail[0]) >= LOG_TAIL_BYTES:
                        kept -= len(tail.popleft())
        except (requests.RequestException, ValueError) as exc:
            raise HostDown(f"log {log_url} unreadable: {_reason(exc)}") from None
        return b"".join(tail).decode("utf-8", errors="replace")

    def _call(
        self, method: str, basename: str, timeout: float | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        timeout = timeout or self.timeout
        try:
            response = requests.request(
                method,
                f"{self.url}/{basename}.json",
                headers=HEADERS,
                auth=self.auth,
                timeout=timeout,
                **kwargs,
            )
        except requests.Timeout:
            raise HostDown(f"no answer within {timeout:g} s") from None
        except requests.RequestException as exc:
            raise HostDown(f"cannot connect ({_reason(exc)})") from None
        if response.status_code in (401, 403):
            raise HostDown(
                f"HTTP {response.status_code} on {basename}.json: not authorized "
                "(put the host's credentials in ~/.netrc)"
            )
        try:
            return _process_response(response)
        except (MalformedResponse, KeyError, TypeError):
            kind = response.headers.get("Content-Type", "no content type").split(";")[0]
            raise HostDown(
                f"not a scrapyd: HTTP {response.status_code} ({kind}) for {basename}.json"
            ) from None


def _reason(exc: Exception) -> str:
    """The gist of a requests error: "Connection refused", not its whole chain."""
    text = str(exc)
    errno = re.search(r"\[Errno -?\d+\] ([^'\"()]+)", text)
    if errno:
        return errno[1].strip()
    return text.split(": ", 1)[-1][:200] or type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Results: one line per host and per site, as text and as JSON


@dataclass
class HostResult:
    host: FleetHost
    down: str | None = None  # why the host did not answer
    refused: str | None = None  # why it answered with an error
    lines: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> list[str]:
        head = f"{self.host.name} ({self.host.url})"
        if self.down:
            skipped = ", ".join(site.name for site in self.host.sites) or "none"
            return [f"{head}: DOWN: {self.down}; its sites skipped: {skipped}"]
        if self.refused:
            return [f"{head}: ERROR: {self.refused}", *self.lines]
        return [f"{head}: {self.lines[0]}", *self.lines[1:]] if self.lines else [head]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.host.name,
            "url": self.host.url,
            "up": self.down is None,
            "down": self.down,
            "error": self.refused,
            **self.data,
        }


def exit_code(results: list[HostResult]) -> int:
    if any(result.down for result in results):
        return EXIT_UNAVAILABLE
    if any(result.refused for result in results):
        return EXIT_REFUSED
    return EXIT_OK


def _each_host(
    fleet: Fleet, timeout: float, work: Callable[[HostClient, HostResult], None]
) -> list[HostResult]:
    """`work` for every host in parallel (a dead host costs one timeout, not one each);
    results in the fleet file's order. A host first answers daemonstatus.json."""

    def serve(host: FleetHost) -> HostResult:
        result = HostResult(host)
        client = HostClient(host, timeout)
        try:
            client.daemonstatus()
            work(client, result)
        except HostDown as exc:
            result.down = str(exc)
        except ErrorResponse as exc:
            result.refused = str(exc)
            if "not found" in result.refused and fleet.project in result.refused:
                result.refused += " (run scraper fleet deploy)"
        return result

    with ThreadPoolExecutor(max_workers=min(16, len(fleet.hosts))) as pool:
        return list(pool.map(serve, fleet.hosts))


# ---------------------------------------------------------------------------------------------
# deploy


def default_project_dir() -> Path | None:
    """The checkout this `scraper` runs from, if it is one (scrapy.cfg beside the package)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "scrapy.cfg").is_file() else None


def copy_project(source: Path, dest: Path) -> None:
    """What building the egg needs, so that scrapyd-deploy's files (setup.py, build/) stay
    out of the working tree."""
    dest.mkdir()
    for name in PROJECT_FILES:
        if (source / name).is_file():
            shutil.copy2(source / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PROJECT_PACKAGES:
        shutil.copytree(source / name, dest / name, ignore=ignore)


def settings_module(cfg_path: Path) -> str:
    cfg = configparser.ConfigParser()
    cfg.read(cfg_path, encoding="utf-8")
    return cfg.get("settings", "default", fallback="")


def scrapyd_deploy(project_dir: Path, *args: str) -> str:
    """Run scrapyd-deploy in `project_dir`; its standard output. EggError if it fails."""
    # TMPDIR inside the project copy: `--build-egg` leaves its build directory behind.
    result = subprocess.run(
        [sys.executable, "-c", _DEPLOY, *args],
        cwd=project_dir,
        env=dict(os.environ, TMPDIR=str(project_dir)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise EggError(
            f"scrapyd-deploy {' '.join(args)} exited with {result.returncode}: "
            f"{(result.stderr + result.stdout).strip()[-2000:]}"
        )
    return result.stdout


def check_egg(egg: Path, project_dir: Path) -> int:
    """The egg holds the packages, every site file and the settings entry point scrapyd
    needs; the number of site files. EggError naming what is missing."""
    settings = settings_module(project_dir / "scrapy.cfg")
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = ""
        if "EGG-INFO/entry_points.txt" in names:
            entry_points = archive.read("EGG-INFO/entry_points.txt").decode("utf-8")
    sites = sorted(p.name for p in (project_dir / "scraper" / "sites").glob("*.toml"))
    wanted = [*REQUIRED_IN_EGG, *(f"scraper/sites/{name}" for name in sites)]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise EggError(f"the egg lacks {', '.join(missing)}")
    points = configparser.ConfigParser()
    points.read_string(entry_points)
    found = points.get("scrapy", "settings", fallback="").strip()
    if not settings or found != settings:
        raise EggError(
            f"the egg has no entry point [scrapy] settings = {settings} (found {found!r}); "
            "scrapyd cannot find the settings without it: add it to pyproject.toml as "
            f'[project.entry-points.scrapy] settings = "{settings}"'
        )
    return len(sites)


def build_egg(project_dir: Path, dest: Path) -> Path:
    """Build the project's egg into `dest` (a file) from a copy of `project_dir`, and check
    it (check_egg)."""
    project_dir = project_dir.resolve()
    if not (project_dir / "scrapy.cfg").is_file():
        raise FileNotFoundError(f"no scrapy.cfg in {project_dir}: not the project's checkout")
    with tempfile.TemporaryDirectory(prefix="scraper-egg-") as tmp:
        copy = Path(tmp) / "project"
        copy_project(project_dir, copy)
        scrapyd_deploy(copy, "--build-egg", str(dest))
        check_egg(dest, copy)
    return dest


def deploy(fleet: Fleet, egg: bytes, version: str, timeout: float) -> list[HostResult]:
    """Upload `egg` as `version` of the fleet's project to every host."""

    def upload(client: HostClient, result: HostResult) -> None:
        answer = client.add_version(fleet.project, version, egg)
        spiders = answer.get("spiders", "?")
        result.lines.append(
            f"deployed {fleet.project} version {version} "
            f"({spiders} spider{'' if spiders == 1 else 's'})"
        )
        result.data["version"] = version

    return _each_host(fleet, timeout, upload)


# ---------------------------------------------------------------------------------------------
# schedule


@dataclass(frozen=True)
class Scheduled:
    site: str
    host: str
    job: str
    at: datetime


def job_id(site: str, at: datetime) -> str:
    return f"{site}.{at.astimezone(UTC).strftime(_STAMP)}"


def parse_job_id(job: str) -> tuple[str, datetime] | None:
    """The site and UTC time of a job id the fleet gave; None for any other job."""
    match = _JOB_ID.fullmatch(job)
    if not match:
        return None
    return match["site"], datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def read_state(path: Path) -> dict[str, datetime]:
    """When each site's last crawl was scheduled, from the fleet's state file (none yet:
    empty). A state file that is no JSON of this shape raises ValueError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            site: datetime.fromisoformat(entry["scheduled_at"].replace("Z", "+00:00"))
            for site, entry in data["sites"].items()
        }
    except FileNotFoundError:
        return {}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a fleet state file ({exc}); move it away") from None


def write_state(path: Path, scheduled: list[Scheduled]) -> None:
    """Record `scheduled` in the state file (written whole, then renamed into place)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {"sites": {}}
    for entry in scheduled:
        data["sites"][entry.site] = {
            "host": entry.host,
            "job": entry.job,
            "scheduled_at": entry.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


def schedule_args(fleet: Fleet, host: FleetHost, site: FleetSite, job: str) -> list[tuple]:
    """schedule.json's fields for a site's crawl (project and spider apart)."""
    args = [("jobid", job), ("site", site.file or site.name)]
    if site.base_url:
        args.append(("base_url", site.base_url))
    settings = {"SCRAPER_DB_PATH": host.db, **host.settings, **site.settings}
    if host.state_db:
        settings["SCRAPER_STATE_DB"] = host.state_db
    args.extend(("setting", f"{name}={value}") for name, value in settings.items())
    return args


def schedule(
    fleet: Fleet, timeout: float, now: datetime, last: dict[str, datetime]
) -> tuple[list[HostResult], list[Scheduled]]:
    """Schedule every site that is due at `now` (see the module's doc); `last`: the state
    file's times. The results and what was scheduled."""
    scheduled: list[Scheduled] = []

    def plan(client: HostClient, result: HostResult) -> None:
        jobs = client.jobs(fleet.project)
        active: dict[str, str] = {}
        latest = dict(last)
        for state in ("pending", "running", "finished"):
            for job in jobs.get(state, []):
                parsed = parse_job_id(str(job.get("id", "")))
                if parsed is None:
                    continue
                site, at = parsed
                if state != "finished":
                    active.setdefault(site, f"{state} ({job['id']})")
                if site not in latest or at > latest[site]:
                    latest[site] = at
        counts = {"scheduled": 0, "not due": 0}
        result.data["sites"] = {}
        for site in client.host.sites:
            if site.name in active:
                line, job = f"not due: {active[site.name]}", None
            elif site.name in latest and now - latest[site.name] < site.every:
                due = latest[site.name] + site.every
                line = f"not due until {due:%Y-%m-%d %H:%M:%S}Z (every {_every(site)})"
                job = None
            else:
                job = job_id(site.name, now)
                args = schedule_args(fleet, client.host, site, job)
                client.schedule(fleet.project, fleet.spider, args)
                scheduled.append(Scheduled(site.name, client.host.name, job, now))
                line = f"scheduled {job}"
            counts["scheduled" if job else "not due"] += 1
            result.lines.append(f"  {site.name}: {line}")
            result.data["sites"][site.name] = {"scheduled": job, "detail": line}
        result.lines.insert(0, f"{counts['scheduled']} scheduled, {counts['not due']} not due")

    results = _each_host(fleet, timeout, plan)
    return results, scheduled


def _every(site: FleetSite) -> str:
    seconds = int(site.every.total_seconds())
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds // 60}m"


# ---------------------------------------------------------------------------------------------
# status


def read_verdict(log: str) -> dict[str, Any]:
    """The verdict in a job's log: the last stats Scrapy dumped at close."""
    codes = _EXIT_CODE.findall(log)
    reasons = _FINISH_REASON.findall(log)
    if not codes:
        return {
            "exit_code": None,
            "status": "unknown",
            "meaning": "no verdict in the log's end (the job was killed, or LOG_LEVEL is above "
            "INFO); see the crawl_runs row in the host's database",
            "finish_reason": reasons[-1] if reasons else None,
        }
    code = int(codes[-1])
    meaning = VERDICT_MEANINGS.get(code, "see docs/operations.md, Exit codes")
    lines = list(_VERDICT_LINE.finditer(log))
    if code and lines and int(lines[-1]["code"]) == code and lines[-1]["what"]:
        meaning = lines[-1]["what"]  # names the field, the check or the budget that failed
    return {
        "exit_code": code,
        "status": STATUS_NAMES.get(code, str(code)),
        "meaning": meaning,
        "finish_reason": reasons[-1] if reasons else None,
    }


def status(fleet: Fleet, timeout: float) -> list[HostResult]:
    """Each host's jobs per site and each site's last verdict."""

    def look(client: HostClient, result: HostResult) -> None:
        jobs = client.jobs(fleet.project)
        per_site: dict[str, dict[str, Any]] = {
            site.name: {"pending": 0, "running": 0, "finished": 0, "active": None, "done": None}
            for site in client.host.sites
        }
        others = 0
        for state in ("pending", "running", "finished"):
            for job in jobs.get(state, []):
                parsed = parse_job_id(str(job.get("id", "")))
                if parsed is None or parsed[0] not in per_site:
                    others += 1
                    continue
                entry = per_site[parsed[0]]
                entry[state] += 1
                # The newest job not finished, and the newest finished one (its verdict).
                slot = "done" if state == "finished" else "active"
                if entry[slot] is None or parsed[1] >= entry[slot][1]:
                    entry[slot] = (job, parsed[1], state)
        totals = {s: sum(e[s] for e in per_site.values()) for s in ("running", "pending")}
        totals["finished"] = sum(e["finished"] for e in per_site.values())
        result.lines.append(
            f"up: {totals['running']} running, {totals['pending']} pending, "
            f"{totals['finished']} finished"
            + (f" (and {others} jobs not of this fleet's sites)" if others else "")
        )
        result.data["sites"] = {}
        for name, entry in per_site.items():
            site_data: dict[str, Any] = {k: entry[k] for k in ("running", "pending", "finished")}
            line = f"{entry['running']} running, {entry['pending']} pending, "
            line += f"{entry['finished']} finished"
            if entry["active"]:
                job, _, state = entry["active"]
                site_data["active_job"] = job["id"]
                line += f"; job {job['id']} {state}"
            if entry["done"] is None:
                line += "; no finished job on record (scrapyd forgets them when restarted)"
            else:
                job = entry["done"][0]
                unknown = {"exit_code": None, "status": "unknown", "finish_reason": None}
                if not job.get("log_url"):
                    verdict = {**unknown, "meaning": "the host keeps no logs (logs_dir is empty)"}
                else:
                    try:
                        verdict = read_verdict(client.log_tail(job["log_url"]))
                    except HostDown as exc:
                        verdict = {**unknown, "meaning": str(exc)}
                site_data.update(last_job=job["id"], end_time=job.get("end_time"))
                site_data["verdict"] = verdict
                code = verdict["exit_code"]
                line += f"; last verdict ({job['id']}): " + (
                    f"exit {code} {verdict['status']}: {verdict['meaning']} "
                    f"(finish reason {verdict['finish_reason']})"
                    if code is not None
                    else verdict["meaning"]
                )
            result.lines.append(f"  {name}: {line}")
            result.data["sites"][name] = site_data

    return _each_host(fleet, timeout, look)
