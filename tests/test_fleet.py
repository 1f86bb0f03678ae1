"""`scraper fleet`: a fleet file checked whole; two real scrapyd hosts on 127.0.0.1 crawling
disjoint sites, deployed, scheduled (once: a second run adds nothing) and watched; a third
host that is down named and skipped; the two shards merged equal one host crawling all the
sites."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scraper.ops.fleetfile import load_fleet
from scraper.ops.runlock import fleet_lock
from scraper.store.search import search
from scraper.testkit.compare import sighting_keys
from scraper.testkit.scrapyd import Scrapyd, free_port
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
SITES_DIR = PROJECT / "scraper" / "sites"
HOST_A_SITES = ("zox-demo", "jannah-demo")
HOST_B_SITES = ("jarida-demo", "jnews-demo")
HOST_C_SITES = ("newspaper-demo",)
ORIGINS = {
    "zox-demo": "www.akhbar-turkiya.example",
    "jannah-demo": "www.sada-alkhaleej.example",
    "jarida-demo": "www.nabaa-beirut.example",
    "jnews-demo": "www.sada-alurdun.example",
    "newspaper-demo": "www.bawabat-alnil.example",
}


def scraper(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def fixture_site(site: str, dest: Path) -> Path:
    """A replayable copy of a theme's saved pages (tests/fixtures/SITE): each page at its
    recorded URL, the site's listing page as its home page too, and a sitemap of its
    articles. Links to pages that were not saved answer 404, as on a partial mirror."""
    source = FIXTURES / site
    dest.mkdir(parents=True)
    responses, articles, listing = [], [], None
    for meta in sorted(source.glob("*.response.json")):
        recorded = json.loads(meta.read_text(encoding="utf-8"))
        url = urlsplit(recorded["url"])
        body = meta.name.removesuffix(".response.json") + ".html"
        shutil.copy(source / body, dest / body)
        entry = {"path": url.path, "file": body, "status": 200, "headers": recorded["headers"]}
        responses.append(entry)
        if "/category/" in url.path:
            listing = entry
        else:
            articles.append(recorded["url"])
    assert listing is not None, f"{site}: no listing page among the fixtures"
    origin = f"{url.scheme}://{url.netloc}"
    responses.append({**listing, "path": "/"})
    (dest / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"<url><loc>{article}</loc></url>\n" for article in articles)
        + "</urlset>\n",
        encoding="utf-8",
    )
    xml = {"Content-Type": "application/xml; charset=UTF-8", "Date": listing["headers"]["Date"]}
    responses.append({"path": "/sitemap_index.xml", "file": "sitemap.xml", "headers": xml})
    manifest = {"site": site, "origin": origin, "responses": responses}
    (dest / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return dest


# The site whose partial mirror's 404s the monitor is left to judge: its verdict fails.
STRICT_SITE = "jnews-demo"


def fast_settings(site: str) -> dict[str, object]:
    """The test's politeness toward its own replay servers: no delay, no AutoThrottle (set
    over the site file's, as a fleet file may); the partial mirrors' 404s are no alarm,
    except for STRICT_SITE's."""
    slots = {ORIGINS[site]: {"concurrency": 4, "delay": 0}}
    settings: dict[str, object] = {"DOWNLOAD_SLOTS": json.dumps(slots)}
    settings["AUTOTHROTTLE_ENABLED"] = False
    if site != STRICT_SITE:
        settings["SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE"] = 1.0
    return settings


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    return str(value)


def host_block(name: str, url: str, db: Path, sites: dict[str, str]) -> str:
    text = f'[hosts.{name}]\nurl = "{url}"\ndb = "{db}"\n\n'
    for site, base_url in sites.items():
        settings = ", ".join(f"{k} = {toml_value(v)}" for k, v in fast_settings(site).items())
        text += (
            f'[hosts.{name}.sites.{site}]\nevery = "6h"\nbase_url = "{base_url}"\n'
            f"settings = {{ {settings} }}\n\n"
        )
    return text


def wait_finished(fleet_file: Path, sites: tuple[str, ...], timeout: float) -> dict:
    """`fleet status --json` until every site's last job has finished; the last answer."""
    deadline = time.monotonic() + timeout
    while True:
        done = scraper("fleet", "status", str(fleet_file), "--json", "--timeout", "5")
        answer = json.loads(done.stdout)
        states = {
            site: data
            for host in answer["hosts"]
            if host["up"]
            for site, data in host["sites"].items()
        }
        if all(
            s in states
            and "verdict" in states[s]
            and not states[s]["running"]
            and not states[s]["pending"]
            for s in sites
        ):
            return {"status": done, "answer": answer, "sites": states}
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs not finished after {timeout:.0f} s: {done.stdout}")
        time.sleep(1.0)


@pytest.fixture(scope="module")
def fleet_run(tmp_path_factory):
    """Two scrapyd hosts (and a third that is down) deployed, scheduled twice, watched to
    the end; then the two shards merged, and one host's crawl of all four sites."""
    tmp = tmp_path_factory.mktemp("fleet")
    with ExitStack() as stack:
        base_urls = {}
        for site in (*HOST_A_SITES, *HOST_B_SITES, *HOST_C_SITES):
            site_dir = BUNDLED_SITE if site == "zox-demo" else fixture_site(site, tmp / site)
            base_urls[site] = stack.enter_context(BackgroundServer(site_dir=site_dir))
        host_a = stack.enter_context(Scrapyd(tmp / "scrapyd-a"))
        host_b = stack.enter_context(Scrapyd(tmp / "scrapyd-b"))
        dead_url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
        shards = {"a": tmp / "shard-a.db", "b": tmp / "shard-b.db"}
        fleet_file = tmp / "fleet.toml"
        fleet_file.write_text(
            host_block("host-a", host_a.url, shards["a"], {s: base_urls[s] for s in HOST_A_SITES})
            + host_block("host-b", host_b.url, shards["b"], {s: base_urls[s] for s in HOST_B_SITES})
            + host_block(
                "host-c", dead_url, tmp / "shard-c.db", {s: base_urls[s] for s in HOST_C_SITES}
            ),
            encoding="utf-8",
        )
        before = scraper("fleet", "status", str(fleet_file), "--timeout", "5")
        deploy = scraper("fleet", "deploy", str(fleet_file), "--timeout", "5")
        first = scraper("fleet", "schedule", str(fleet_file), "--timeout", "5")
        second = scraper("fleet", "schedule", str(fleet_file), "--timeout", "5")
        assert first.returncode == 69, first.stdout + first.stderr
        finished = wait_finished(fleet_file, (*HOST_A_SITES, *HOST_B_SITES), timeout=120)
        status = scraper("fleet", "status", str(fleet_file), "--timeout", "5")

        central = tmp / "central.db"
        merge = scraper("merge", str(shards["a"]), str(shards["b"]), "--into", str(central))

        # One host crawling all four sites into one database: site files with their replay.
        copies = []
        for site in (*HOST_A_SITES, *HOST_B_SITES):
            lines = (SITES_DIR / f"{site}.toml").read_text(encoding="utf-8").splitlines()
            kept = [line for line in lines if not line.startswith("replay =")]
            copy = tmp / f"{site}.toml"
            copy.write_text(f'replay = "{base_urls[site]}"\n' + "\n".join(kept), encoding="utf-8")
            copies.append(str(copy))
        slots = {ORIGINS[s]: {"concurrency": 4, "delay": 0} for s in (*HOST_A_SITES, *HOST_B_SITES)}
        single_db = tmp / "single.db"
        single = scraper(
            "crawl", *copies, "--db", str(single_db),
            "--set", f"DOWNLOAD_SLOTS={json.dumps(slots)}",
            "--set", "AUTOTHROTTLE_ENABLED=False",
            "--set", "SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE=1",
        )  # fmt: skip
        yield {
            "tmp": tmp,
            "fleet_file": fleet_file,
            "hosts": {"a": host_a, "b": host_b},
            "before": before,
            "deploy": deploy,
            "first": first,
            "second": second,
            "finished": finished,
            "status": status,
            "merge": merge,
            "central": central,
            "single": single,
            "single_db": single_db,
        }


slow = pytest.mark.slow


@slow
def test_deploy_uploads_one_egg_to_every_host_that_answers(fleet_run):
    deploy = fleet_run["deploy"]
    assert deploy.returncode == 69, deploy.stdout + deploy.stderr
    lines = deploy.stdout.splitlines()
    for host in ("host-a", "host-b"):
        [line] = [line for line in lines if line.startswith(f"{host} ")]
        assert "deployed arabic_news_scraper version" in line and "(1 spider)" in line
    for host in fleet_run["hosts"].values():
        assert host.get("listspiders.json", project="arabic_news_scraper")["spiders"] == ["news"]


@slow
def test_a_host_without_the_project_says_to_deploy(fleet_run):
    before = fleet_run["before"]
    assert before.returncode == 69  # host-c is down: that outranks an answer with an error
    for host in ("host-a", "host-b"):
        assert (
            f"{host} ({fleet_run['hosts'][host[-1]].url}): ERROR: project "
            "'arabic_news_scraper' not found (run scraper fleet deploy)"
        ) in before.stdout.splitlines()


@slow
def test_schedule_starts_each_due_site_on_its_host_once(fleet_run):
    first = fleet_run["first"].stdout
    for site in (*HOST_A_SITES, *HOST_B_SITES):
        assert f"  {site}: scheduled {site}." in first
    assert first.count("2 scheduled, 0 not due") == 2
    # Run again at once: every site has a job pending, running or just scheduled.
    second = fleet_run["second"]
    assert second.returncode == 69, second.stdout + second.stderr
    assert second.stdout.count("0 scheduled, 2 not due") == 2, second.stdout
    assert "scheduled " not in second.stdout.replace("0 scheduled", "")
    for host in fleet_run["hosts"].values():
        jobs = host.get("listjobs.json", project="arabic_news_scraper")
        assert sum(len(jobs[state]) for state in ("pending", "running", "finished")) == 2
    state = json.loads(fleet_run["fleet_file"].with_suffix(".state.json").read_text())
    assert sorted(state["sites"]) == sorted((*HOST_A_SITES, *HOST_B_SITES))
    assert state["sites"]["jarida-demo"]["host"] == "host-b"


@slow
def test_a_host_that_is_down_is_named_and_its_sites_skipped(fleet_run):
    for key in ("deploy", "first", "second", "status"):
        done = fleet_run[key]
        assert done.returncode == 69, (key, done.stdout, done.stderr)
        down = [line for line in done.stdout.splitlines() if line.startswith("host-c ")]
        assert len(down) == 1, done.stdout
        assert "DOWN: cannot connect (Connection refused)" in down[0]
        assert "its sites skipped: newspaper-demo" in down[0]
        assert f"scraper fleet {'schedule' if key in ('first', 'second') else key}: host-c" in (
            done.stderr
        )
    hosts = {host["name"]: host for host in fleet_run["finished"]["answer"]["hosts"]}
    assert hosts["host-c"]["up"] is False and "Connection refused" in hosts["host-c"]["down"]
    assert hosts["host-a"]["up"] and hosts["host-b"]["up"]


@slow
def test_status_shows_each_sites_last_verdict(fleet_run):
    for site in (*HOST_A_SITES, *HOST_B_SITES):
        data = fleet_run["finished"]["sites"][site]
        assert data["finished"] == 1 and data["last_job"].startswith(f"{site}."), data
        assert data["verdict"]["finish_reason"] == "finished"
        assert data["verdict"]["exit_code"] == (4 if site == STRICT_SITE else 0), data
    lines = fleet_run["status"].stdout.splitlines()
    assert sum(line.endswith(": up: 0 running, 0 pending, 2 finished") for line in lines) == 2
    [zox] = [line for line in lines if line.startswith("  zox-demo: ")]
    assert zox.startswith("  zox-demo: 0 running, 0 pending, 1 finished; last verdict (zox-demo.")
    assert zox.endswith("): exit 0 ok: finished, every check passed (finish reason finished)")
    # The failing verdict of the mirror whose answers are mostly 404, as the monitor gave it:
    # the check that failed named, from the verdict line the job logged.
    [strict] = [line for line in lines if line.startswith(f"  {STRICT_SITE}: ")]
    assert re.search(
        r"\): exit 4 failures: http_error_rate \d+\.\d\d% \(at most 20%; (\d+) errors of "
        r"\d+ requests, chance [^)]*\) \(finish reason finished\)$",
        strict,
    ), strict


def _articles(db: Path) -> dict[str, tuple]:
    query = (
        "SELECT url, site, headline, body, published_at, category, source, content_hash "
        "FROM articles"
    )
    with sqlite3.connect(db) as conn:
        return {row[0]: row[1:] for row in conn.execute(query)}


@slow
def test_the_merged_shards_equal_one_host_crawling_every_site(fleet_run):
    assert fleet_run["merge"].returncode == 0, fleet_run["merge"].stderr
    single = fleet_run["single"]
    assert single.returncode == 0, single.stdout + single.stderr[-3000:]
    central, single_db = fleet_run["central"], fleet_run["single_db"]
    merged = _articles(central)
    assert merged == _articles(single_db)
    assert {row[0] for row in merged.values()} == {*HOST_A_SITES, *HOST_B_SITES}
    assert len(merged) == 57 + 6 + 6 + 5  # zox-demo, jannah-demo, jarida-demo, jnews-demo
    assert sighting_keys(central) == sighting_keys(single_db)
    # The same hits; their order among equal ranks follows the order rows were stored in.
    for query in ("الرياض", "بيروت", "تركيا", "الموازنة", "مهرجان"):
        hits = sorted(hit.url for hit in search(central, query, limit=100))
        assert hits == sorted(hit.url for hit in search(single_db, query, limit=100)), query
    assert all(search(central, query) for query in ("بيروت", "الرياض", "تركيا"))


@slow
def test_after_a_scrapyd_restart_the_state_file_keeps_sites_not_due(fleet_run):
    # Runs last: it restarts host-a, and schedules its sites once more at the end.
    host_a, fleet_file = fleet_run["hosts"]["a"], fleet_run["fleet_file"]
    host_a.stop()
    host_a.start()  # the same eggs; the job lists, kept in memory, are gone
    assert host_a.get("listjobs.json", project="arabic_news_scraper")["finished"] == []
    again = scraper("fleet", "schedule", str(fleet_file), "--timeout", "5")
    [line] = [line for line in again.stdout.splitlines() if line.startswith("host-a ")]
    assert line.endswith(": 0 scheduled, 2 not due"), again.stdout
    assert "  zox-demo: not due until " in again.stdout and "(every 6h)" in again.stdout
    # Without the state file, nothing on host-a says its sites ran: they are due again.
    state = fleet_file.with_suffix(".state.json")
    state.rename(state.with_suffix(".old"))
    lost = scraper("fleet", "schedule", str(fleet_file), "--timeout", "5")
    [line] = [line for line in lost.stdout.splitlines() if line.startswith("host-a ")]
    assert line.endswith(": 2 scheduled, 0 not due"), lost.stdout
    # host-b still lists its finished jobs: their ids keep its sites not due.
    [line] = [line for line in lost.stdout.splitlines() if line.startswith("host-b ")]
    assert line.endswith(": 0 scheduled, 2 not due"), lost.stdout


# ---------------------------------------------------------------------------------------------
# Without scrapyd: the fleet file, and hosts that are no scrapyd.


def test_the_example_fleet_file_is_valid():
    fleet = load_fleet(PROJECT / "ops" / "fleet.example.toml")
    assert [host.name for host in fleet.hosts] == ["crawler-1", "crawler-2"]
    assert [site.name for site in fleet.sites] == ["example-zox", "my-site", "zox-demo"]


BAD_FILE = """\
[hosts.host-a]
url = "http://127.0.0.1:6800/"
db = "/srv/a.db"

[hosts.host-a.sites.zox-demo]
every = "6h"

[hosts.host-b]
url = "ftp://127.0.0.1/"
db = "shard.db"

[hosts.host-b.sites.zox-demo]
every = "6h"

[hosts.host-b.sites.no-such-site]
every = "sometimes"
settings = { SCRAPER_DB_PATH = "/tmp/x.db" }
"""


def test_a_bad_fleet_file_is_refused_one_line_per_problem(tmp_path):
    path = tmp_path / "fleet.toml"
    path.write_text(BAD_FILE, encoding="utf-8")
    done = scraper("fleet", "schedule", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    prefix = f"scraper fleet schedule: error: {path}"
    assert done.stderr.splitlines() == [
        f"{prefix}:9: hosts.host-b.url: expected an http(s) URL of a scrapyd, got "
        "'ftp://127.0.0.1/'",
        f"{prefix}:10: hosts.host-b.db: expected an absolute path on the host, got 'shard.db'",
        f"{prefix}:12: hosts.host-b.sites.zox-demo: also on host host-a: a site is crawled by "
        "one host (its shard) at a time",
        f"{prefix}:15: hosts.host-b.sites.no-such-site: unknown site (bundled: example-zox, "
        "jannah-demo, jarida-demo, jnews-demo, newspaper-demo, zox-demo); a site of your own "
        "needs file = the path of its TOML file on the host",
        f"{prefix}:16: hosts.host-b.sites.no-such-site.every: expected 30m, 6h, 1d or 1w, got "
        "'sometimes'",
        f"{prefix}:17: hosts.host-b.sites.no-such-site.settings.SCRAPER_DB_PATH: set by the "
        "host's db key",
    ]
    assert not (tmp_path / "fleet.state.json").exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "1: hosts: no hosts: add a [hosts.NAME] table with url, db and sites"),
        ("[hosts.a]\nurl = 'http://h:1/'\n", "1: hosts.a: no db (the shard's path on that host)"),
        (
            "[hosts.a]\nurl = 'http://h:1/'\ndb = '/x.db'\n[hosts.a.sites.zox-demo]\n",
            '4: hosts.a.sites.zox-demo: no schedule: add every = "6h" (30m, 6h, 1d, 1w)',
        ),
        ("hosts = 3\nname = 'x'\n", "1: hosts: no hosts"),
        ("[hosts.a\n", "1: not valid TOML"),
    ],
)
def test_each_fleet_file_problem_is_named(tmp_path, text, problem):
    path = tmp_path / "fleet.toml"
    path.write_text(text, encoding="utf-8")
    done = scraper("fleet", "status", str(path))
    assert done.returncode == 2
    assert f"scraper fleet status: error: {path}:{problem}" in done.stderr, done.stderr


def test_a_missing_fleet_file_is_a_usage_error(tmp_path):
    done = scraper("fleet", "deploy", str(tmp_path / "nowhere.toml"))
    assert (done.returncode, done.stderr) == (
        2,
        f"scraper fleet deploy: error: no fleet file {tmp_path / 'nowhere.toml'}\n",
    )


def test_a_second_schedule_at_the_same_time_exits_75(tmp_path):
    path = _one_host_fleet(tmp_path, f"http://127.0.0.1:{free_port()}/")
    with fleet_lock(tmp_path / "fleet.state.json"):
        done = scraper("fleet", "schedule", str(path))
    assert done.returncode == 75
    assert done.stderr == (
        "scraper fleet schedule: error: another fleet schedule with "
        f"{tmp_path / 'fleet.state.json'} is running (pid {os.getpid()})\n"
    )
    assert done.stdout == ""


def _one_host_fleet(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "fleet.toml"
    path.write_text(
        f'[hosts.odd]\nurl = "{url}"\ndb = "/srv/shard.db"\n\n'
        '[hosts.odd.sites.zox-demo]\nevery = "1h"\n',
        encoding="utf-8",
    )
    return path


def test_a_host_that_is_no_scrapyd_is_down(tmp_path):
    with BackgroundServer() as base_url:  # a web server, answering 404 in plain text
        path = _one_host_fleet(tmp_path, base_url + "/")
        schedule = scraper("fleet", "schedule", str(path))
        status = scraper("fleet", "status", str(path), "--json")
    assert schedule.returncode == 69
    assert schedule.stdout == (
        f"odd ({base_url}/): DOWN: not a scrapyd: HTTP 404 (text/plain) for "
        "daemonstatus.json; its sites skipped: zox-demo\n"
    )
    assert not (tmp_path / "fleet.state.json").exists()
    assert status.returncode == 69
    [host] = json.loads(status.stdout)["hosts"]
    assert host["up"] is False and host["down"].startswith("not a scrapyd: HTTP 404")


def test_a_host_that_never_answers_costs_one_timeout(tmp_path):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # connections complete, and nothing ever answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        path = _one_host_fleet(tmp_path, url)
        started = time.monotonic()
        done = scraper("fleet", "status", str(path), "--timeout", "1")
        elapsed = time.monotonic() - started
    assert done.returncode == 69
    assert "odd (" in done.stdout and "DOWN: no answer within 1 s" in done.stdout
    assert elapsed < 10
