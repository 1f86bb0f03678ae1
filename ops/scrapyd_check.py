"""End-to-end check of the scrapyd deployment, against a throwaway scrapyd on 127.0.0.1.

    python ops/scrapyd_check.py            # prints one line; exit status 0 (pass) or 1 (fail)

What it does, all inside one temporary directory that it removes afterwards:

1. serves the bundled site with the project's replay server on 127.0.0.1;
2. starts scrapyd on 127.0.0.1 on a free port, with its own scrapyd.conf and HOME;
3. deploys the project with `scrapyd-deploy`, as an operator would, from a copy of the
   project whose scrapy.cfg `[deploy]` url points at that scrapyd (the copy keeps the
   working tree clean: scrapyd-deploy writes a setup.py and build files where it runs);
4. checks the egg scrapyd stored: the packages scraper, spiders and pipelines, every site
   TOML file, and the `scrapy` settings entry point that scrapyd's runner needs;
5. schedules the `news` spider with site=zox-demo, base_url=<replay server> and
   setting=SCRAPER_DB_PATH=<tmp>/news.db, and polls scrapyd until the job has finished;
6. counts the articles in that database (57 for the bundled site).

Needs the `ops` extra (scrapyd, scrapyd-client, a setuptools that can still build eggs and
still ships pkg_resources for scrapyd's runner).
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scraper.store.connect import open_read_only  # noqa: E402
from scraper.testkit.server import BackgroundServer  # noqa: E402

HOST = "127.0.0.1"
# What a project copy needs for `setup.py bdist_egg`: metadata, the readme it names, the code.
PROJECT_FILES = ("pyproject.toml", "scrapy.cfg", "README.md", "LICENSE", "setup.py", "MANIFEST.in")
PROJECT_PACKAGES = ("scraper", "spiders", "pipelines")
REQUIRED_IN_EGG = ("scraper/__init__.py", "spiders/__init__.py", "spiders/news.py")
REQUIRED_IN_EGG += ("pipelines/__init__.py", "scraper/crawl/settings.py")

# scrapyd-deploy's entry point, run with this interpreter whatever PATH says.
DEPLOY = (
    "import sys; from scrapyd_client.deploy import main; sys.argv[0] = 'scrapyd-deploy'; main()"
)


class CheckFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def copy_project(source: Path, dest: Path) -> None:
    dest.mkdir()
    for name in PROJECT_FILES:
        if (source / name).is_file():
            shutil.copy2(source / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PROJECT_PACKAGES:
        shutil.copytree(source / name, dest / name, ignore=ignore)


def point_deploy_at(cfg_path: Path, url: str) -> str:
    """Set the default deploy target's url in the copied scrapy.cfg; return the project."""
    cfg = configparser.ConfigParser()
    cfg.read(cfg_path, encoding="utf-8")
    if not cfg.has_section("deploy"):
        raise CheckFailed("scrapy.cfg has no [deploy] section")
    project = cfg.get("deploy", "project", fallback="")
    if not project:
        raise CheckFailed("scrapy.cfg [deploy] has no project")
    cfg.set("deploy", "url", url)
    with cfg_path.open("w", encoding="utf-8") as handle:
        cfg.write(handle)
    return project


def settings_module(cfg_path: Path) -> str:
    cfg = configparser.ConfigParser()
    cfg.read(cfg_path, encoding="utf-8")
    return cfg.get("settings", "default", fallback="")


class Scrapyd:
    """A scrapyd process in its own directory and session, stopped with its children."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.workdir = workdir
        self.port = port
        self.url = f"http://{HOST}:{port}/"
        self.log = workdir / "scrapyd.out"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> str:
        self.workdir.mkdir()
        (self.workdir / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = {HOST}\n"
            f"http_port = {self.port}\n"
            "poll_interval = 0.5\n"
            "max_proc = 2\n"
            f"eggs_dir = {self.workdir / 'eggs'}\n"
            f"logs_dir = {self.workdir / 'logs'}\n"
            f"dbs_dir = {self.workdir / 'dbs'}\n"
            "items_dir =\n",
            encoding="utf-8",
        )
        # HOME too, so that no ~/.scrapyd.conf of the user's overrides the file above.
        env = dict(os.environ, HOME=str(self.workdir))
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "scrapyd", "--pidfile="],
                cwd=self.workdir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise CheckFailed(f"scrapyd exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                status = self.get("daemonstatus.json")
            except OSError:
                time.sleep(0.2)
                continue
            if status.get("status") == "ok":
                return self.get_version()
        raise CheckFailed(f"scrapyd did not answer within {timeout:.0f} s:\n{self.tail()}")

    def get_version(self) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "scrapyd", "--version"], capture_output=True, text=True
        )
        return out.stdout.strip() or "scrapyd"

    def get(self, endpoint: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(self.url + endpoint + query, timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(self.url + endpoint, data=data, timeout=10) as response:
            return json.load(response)

    def tail(self, path: Path | None = None, lines: int = 25) -> str:
        path = path or self.log
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        # The whole session: scrapyd and any crawl it launched.
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def scrapyd_deploy(project_dir: Path, *args: str) -> str:
    # TMPDIR inside the project copy: `--build-egg` leaves its build directory behind.
    result = subprocess.run(
        [sys.executable, "-c", DEPLOY, *args],
        cwd=project_dir,
        env=dict(os.environ, TMPDIR=str(project_dir)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise CheckFailed(
            f"scrapyd-deploy {' '.join(args)} exited with {result.returncode}:\n"
            f"{result.stderr}{result.stdout}"
        )
    return result.stdout


def deploy(project_dir: Path, egg: Path, version: str) -> None:
    out = scrapyd_deploy(project_dir, "default", "--egg", str(egg), "--version", version)
    try:
        answer = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise CheckFailed(f"scrapyd-deploy: unexpected answer {out!r}") from None
    if answer.get("status") != "ok":
        raise CheckFailed(f"scrapyd refused the egg: {answer.get('message', answer)}")


def check_egg(egg: Path, project_dir: Path, settings: str) -> int:
    """The stored egg holds the packages, the site files and the settings entry point."""
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = ""
        if "EGG-INFO/entry_points.txt" in names:
            entry_points = archive.read("EGG-INFO/entry_points.txt").decode("utf-8")
    sites = sorted(p.name for p in (project_dir / "scraper" / "sites").glob("*.toml"))
    wanted = [*REQUIRED_IN_EGG, *(f"scraper/sites/{name}" for name in sites)]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise CheckFailed(f"the egg lacks {', '.join(missing)}")
    points = configparser.ConfigParser()
    points.read_string(entry_points)
    found = points.get("scrapy", "settings", fallback="").strip()
    if found != settings:
        raise CheckFailed(
            f"the egg has no entry point [scrapy] settings = {settings} (found {found!r}); "
            "scrapyd cannot find the settings without it: add it to pyproject.toml as "
            f'[project.entry-points.scrapy] settings = "{settings}"'
        )
    return len(sites)


def wait_for_job(scrapyd: Scrapyd, project: str, job: str, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        jobs = scrapyd.get("listjobs.json", project=project)
        if any(entry["id"] == job for entry in jobs.get("finished", [])):
            return time.monotonic() - started
        time.sleep(0.5)
    raise CheckFailed(f"job {job} still not finished after {timeout:.0f} s")


def count_articles(db: Path) -> int:
    if not db.is_file():
        raise CheckFailed(f"the job wrote no database at {db}")
    with closing(open_read_only(db)) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def run(args: argparse.Namespace, tmp: Path) -> str:
    source = args.project_dir.resolve()
    settings = settings_module(source / "scrapy.cfg")
    if not settings:
        raise CheckFailed("scrapy.cfg has no [settings] default")
    scrapyd = Scrapyd(tmp / "scrapyd", free_port())
    try:
        with BackgroundServer() as base_url:
            version_line = scrapyd.start()

            project_dir = tmp / "project"
            copy_project(source, project_dir)
            project = point_deploy_at(project_dir / "scrapy.cfg", scrapyd.url)
            # Build as `scrapyd-deploy` alone would, look inside, then upload that very egg.
            egg = tmp / "project.egg"
            scrapyd_deploy(project_dir, "--build-egg", str(egg))
            n_sites = check_egg(egg, project_dir, settings)
            version = "check"
            deploy(project_dir, egg, version)

            spiders = scrapyd.get("listspiders.json", project=project).get("spiders", [])
            if args.spider not in spiders:
                raise CheckFailed(f"scrapyd lists spiders {spiders}, not {args.spider!r}")

            db = tmp / "news.db"
            answer = scrapyd.post(
                "schedule.json",
                [
                    ("project", project),
                    ("spider", args.spider),
                    ("site", args.site),
                    ("base_url", base_url),
                    ("setting", f"SCRAPER_DB_PATH={db}"),
                ],
            )
            if answer.get("status") != "ok":
                raise CheckFailed(f"schedule.json refused: {answer}")
            job = answer["jobid"]
            elapsed = wait_for_job(scrapyd, project, job, args.timeout)
            job_log = scrapyd.workdir / "logs" / project / args.spider / f"{job}.log"
            log_text = job_log.read_text(encoding="utf-8", errors="replace")
            if "'finish_reason': 'finished'" not in log_text:
                raise CheckFailed(f"the job did not finish cleanly:\n{scrapyd.tail(job_log)}")
            try:
                articles = count_articles(db)
            except CheckFailed as exc:
                raise CheckFailed(f"{exc}\njob log:\n{scrapyd.tail(job_log)}") from None
            if articles != args.expect:
                raise CheckFailed(
                    f"{articles} articles in the database, expected {args.expect}\n"
                    f"job log:\n{scrapyd.tail(job_log)}"
                )
    finally:
        scrapyd.stop()
    return (
        f"scrapyd check passed: {version_line} on {HOST}:{scrapyd.port}, "
        f"project {project} deployed (egg with scraper, spiders, pipelines, {n_sites} site files), "
        f"job {job} of {args.spider} site={args.site} finished in {elapsed:.1f} s, "
        f"{articles} articles in the database"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="project to deploy")
    parser.add_argument("--spider", default="news")
    parser.add_argument("--site", default="zox-demo")
    parser.add_argument("--expect", type=int, default=57, help="articles the job must store")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for the job")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="scrapyd-check-"))
    try:
        print(run(args, tmp))
        return 0
    except (CheckFailed, OSError, subprocess.SubprocessError) as exc:
        print(f"scrapyd check FAILED: {exc}", file=sys.stderr)
        if args.keep:
            print(f"(files kept in {tmp})", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
