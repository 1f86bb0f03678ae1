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

The scrapyd process is `scraper.testkit.scrapyd.Scrapyd` (the fleet tests start theirs with
it too); the project copy, the egg build and its check are `scraper.ops.fleet`'s, which
`scraper fleet deploy` uses.

Needs the `ops` extra (scrapyd, scrapyd-client, a setuptools that can still build eggs and
still ships pkg_resources for scrapyd's runner).
"""

from __future__ import annotations

import argparse
import configparser
import json
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scraper.ops.fleet import EggError, check_egg, copy_project, scrapyd_deploy  # noqa: E402
from scraper.store.connect import open_read_only  # noqa: E402
from scraper.testkit.scrapyd import HOST, Scrapyd, ScrapydFailed  # noqa: E402
from scraper.testkit.server import BackgroundServer  # noqa: E402


class CheckFailed(Exception):
    pass


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


def deploy(project_dir: Path, egg: Path, version: str) -> None:
    out = scrapyd_deploy(project_dir, "default", "--egg", str(egg), "--version", version)
    try:
        answer = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise CheckFailed(f"scrapyd-deploy: unexpected answer {out!r}") from None
    if answer.get("status") != "ok":
        raise CheckFailed(f"scrapyd refused the egg: {answer.get('message', answer)}")


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
    scrapyd = Scrapyd(tmp / "scrapyd")
    try:
        with BackgroundServer() as base_url:
            scrapyd.start()
            version_line = scrapyd.version()

            project_dir = tmp / "project"
            copy_project(source, project_dir)
            project = point_deploy_at(project_dir / "scrapy.cfg", scrapyd.url)
            # Build as `scrapyd-deploy` alone would, look inside, then upload that very egg.
            egg = tmp / "project.egg"
            scrapyd_deploy(project_dir, "--build-egg", str(egg))
            n_sites = check_egg(egg, project_dir)
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
            job_log = scrapyd.job_log(project, args.spider, job)
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
    except (CheckFailed, EggError, ScrapydFailed, OSError, subprocess.SubprocessError) as exc:
        print(f"scrapyd check FAILED: {exc}", file=sys.stderr)
        if args.keep:
            print(f"(files kept in {tmp})", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
