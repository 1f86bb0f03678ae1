"""One site crawled by several workers over a real redis-server on 127.0.0.1 (issue 17,
item 4): every article fetched once across the workers, their shards merged equal a single
crawl; a killed worker does not keep the run alive and the next run completes the database;
run ids are not reused, another run of the site is refused while one is live; the site sees
its configured concurrency; an unreachable Redis stops a worker before anything is written."""

from __future__ import annotations

import json
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import scrapy
from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.request import request_from_dict

from scraper.cli import main
from scraper.crawl.distributed import RunKeys, RunMembership, aggregate, shared_politeness
from scraper.store.merge import merge_shards
from scraper.testkit.compare import article_hashes, search_hits, sighting_keys
from scraper.testkit.redis_server import RedisServer, RequestMeter, free_port
from scraper.testkit.server import BackgroundServer
from scraper.testkit.truth import load_truth
from spiders.news import NewsSpider

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = len(load_truth()["articles"])
SITE = "zox-demo"
CONFIGURED_CONCURRENCY = 8  # zox-demo.toml's [politeness]
# A killed worker is dropped after this many seconds without a heartbeat.
WORKER_TIMEOUT = "3"


@pytest.fixture
def redis_url(tmp_path):
    with RedisServer(tmp_path / "redis") as url:
        yield url


@pytest.fixture
def metered_site():
    """The bundled site, each page answered after 30 ms, requests counted."""
    server = BackgroundServer()
    meter = RequestMeter(server.server, latency=0.03)
    with server as base_url:
        yield base_url, meter


def _worker(db: Path, base_url: str, url: str, run: str, workers: int, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scraper",
        "crawl",
        SITE,
        "--db",
        str(db),
        "--base-url",
        base_url,
        "--redis",
        url,
        "--run",
        run,
        "--workers",
        str(workers),
        "--set",
        f"SCRAPER_REDIS_WORKER_TIMEOUT={WORKER_TIMEOUT}",
        "--set",
        "SCRAPER_REDIS_GRACE=1.5",
        *extra,
    ]


def _start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(processes: list[subprocess.Popen], timeout: float = 120) -> list[tuple[int, str]]:
    results = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            for other in processes:
                other.kill()
            raise
        results.append((process.returncode, out + err[-3000:]))
    return results


def _run_workers(
    shards: list[Path], base_url: str, url: str, run: str, *extra: str
) -> list[tuple[int, str]]:
    processes = [_start(_worker(db, base_url, url, run, len(shards), *extra)) for db in shards]
    return _finish(processes)


def _stat(db: Path, name: str) -> int:
    with sqlite3.connect(db) as conn:
        (stats,) = conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()
    return json.loads(stats).get(name, 0)


def _assert_same_as_single_crawl(central: Path, crawled_db: Path) -> None:
    assert article_hashes(central) == article_hashes(crawled_db)
    assert sighting_keys(central) == sighting_keys(crawled_db)
    assert search_hits(central) == search_hits(crawled_db)


def _run_keys(url: str) -> list[str]:
    return sorted(key.decode() for key in redis.Redis.from_url(url).keys("*"))


@pytest.mark.slow
def test_three_workers_fetch_every_article_once_and_merge_to_a_single_crawl(
    redis_url, metered_site, crawled_db, tmp_path
):
    base_url, meter = metered_site
    shards = [tmp_path / f"shard-{n}.db" for n in range(3)]
    results = _run_workers(shards, base_url, redis_url, "backfill-1")
    assert [code for code, _ in results] == [0, 0, 0], results
    # Each worker fetched a share; together every article once, and no page twice (robots.txt
    # is each worker's own).
    per_worker = [_stat(db, "pages/article") for db in shards]
    assert sum(per_worker) == ARTICLES
    assert sum(1 for n in per_worker if n) >= 2, per_worker
    twice = {path: n for path, n in meter.paths.items() if n > 1 and path != "/robots.txt"}
    assert twice == {}
    # The site saw its configured concurrency, not three times it.
    assert 1 < meter.peak <= CONFIGURED_CONCURRENCY
    # The last worker out reported the whole run and deleted its keys.
    last = [out for _, out in results if "run verdict" in out]
    assert len(last) == 1
    assert f"3 workers, {sum(_stat(db, 'downloader/response_count') for db in shards)}" in last[0]
    assert "run verdict exit 0" in last[0]
    assert _run_keys(redis_url) == [f"scraper:{SITE}:backfill-1:finished"]
    central = tmp_path / "central.db"
    merge_shards(shards, central)
    _assert_same_as_single_crawl(central, crawled_db)
    # The verdict stays readable for scripts; the run id cannot be used again.
    assert main(["redis-status", SITE, "--redis", redis_url, "--run", "backfill-1"]) == 0
    again = subprocess.run(
        _worker(tmp_path / "new.db", base_url, redis_url, "backfill-1", 3),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 2
    assert "run backfill-1 of zox-demo already ran" in again.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.mark.slow
def test_a_killed_worker_ends_the_run_and_the_next_run_completes_the_database(
    redis_url, crawled_db, tmp_path
):
    server = BackgroundServer()
    meter = RequestMeter(server.server, latency=0.15)  # slow enough to kill mid-run
    shards = [tmp_path / f"shard-{n}.db" for n in range(3)]
    with server as base_url:
        processes = [_start(_worker(db, base_url, redis_url, "nightly-1", 3)) for db in shards]
        deadline = time.monotonic() + 60
        while sum(n for path, n in meter.paths.items() if path.startswith("/20")) < 15:
            assert time.monotonic() < deadline, "the workers fetched too little"
            time.sleep(0.05)
        processes[0].send_signal(signal.SIGKILL)
        started = time.monotonic()
        results = _finish(processes[1:])
        waited = time.monotonic() - started
        assert processes[0].wait(timeout=10) == -signal.SIGKILL
        # The others end (the dead one dropped after its heartbeat timeout); the run's
        # verdict counts the lost worker as unfinished.
        assert waited < 60
        last = [out for _, out in results if "run verdict" in out]
        assert len(last) == 1, results
        assert "1 lost" in last[0] and "run verdict exit 1" in last[0]
        assert _run_keys(redis_url) == [f"scraper:{SITE}:nightly-1:finished"]
        # The next run (new run id) reads what the first stored, fetches what it lost
        # and the rest, into the same shards.
        central = tmp_path / "central.db"
        merge_shards(shards, central)
        results = _run_workers(shards, base_url, redis_url, "nightly-2", "--state-db", str(central))
    assert [code for code, _ in results] == [0, 0, 0], results
    merge_shards(shards, central)
    _assert_same_as_single_crawl(central, crawled_db)
    assert _run_keys(redis_url) == [
        f"scraper:{SITE}:nightly-1:finished",
        f"scraper:{SITE}:nightly-2:finished",
    ]


def test_another_run_of_the_site_is_refused_while_one_is_live(redis_url, tmp_path, capsys):
    server = redis.Redis.from_url(redis_url)
    live = RunMembership(server, RunKeys(SITE, "live-run"), "host-a:1", timeout=30)
    assert live.join() == 1
    # A second worker of the same run joins it.
    assert RunMembership(server, RunKeys(SITE, "live-run"), "host-b:2", timeout=30).join() == 2
    db = tmp_path / "other.db"
    code = main(
        ["crawl", SITE, "--db", str(db), "--redis", redis_url, "--run", "other", "--workers", "2"]
    )
    assert code == 75
    assert "another run of zox-demo (live-run) is live in Redis" in capsys.readouterr().err
    assert not db.exists()
    # While live, the status says so (exit 75); unknown runs are exit 2.
    assert main(["redis-status", SITE, "--redis", redis_url, "--run", "live-run"]) == 75
    state = json.loads(capsys.readouterr().out)
    assert (state["state"], state["workers"]) == ("live", 2)
    assert main(["redis-status", SITE, "--redis", redis_url, "--run", "never"]) == 2


def test_the_last_worker_out_deletes_the_keys_and_aggregates_the_verdicts(redis_url):
    server = redis.Redis.from_url(redis_url)
    keys = RunKeys(SITE, "r9")
    a = RunMembership(server, keys, "a", timeout=30)
    b = RunMembership(server, keys, "b", timeout=30)
    a.join()
    b.join()
    server.zadd(keys.requests, {b"request": 0})
    server.sadd(keys.dupefilter, "fingerprint")
    assert a.leave({"worker": "a", "code": 0, "responses": 5, "articles": 2}, 1) == 1
    assert server.get(keys.lock) == b"r9"  # b still holds the run
    verdicts = b.leave({"worker": "b", "code": 3, "responses": 4, "articles": 1}, 1)
    assert sorted(v["code"] for v in verdicts) == [0, 3]
    assert _run_keys(redis_url) == [keys.finished]  # lock, queue, dupefilter, members gone
    assert 0 < server.pttl(keys.finished) <= 86400 * 1000


def test_a_dead_worker_is_dropped_after_its_timeout(redis_url):
    server = redis.Redis.from_url(redis_url)
    keys = RunKeys(SITE, "r10")
    alive = RunMembership(server, keys, "alive", timeout=30)
    dead = RunMembership(server, keys, "dead", timeout=1)
    alive.join()
    dead.join()
    assert dead.pop() is None
    server.zadd(keys.requests, {b"x": 0})
    assert dead.pop() == b"x"  # took a request: busy
    queued, busy, _ = alive.idle()
    assert (queued, busy) == (0, 1)  # the alive one waits for it
    time.sleep(1.2)  # no heartbeat: dropped, its verdict "lost"
    queued, busy, _ = alive.idle()
    assert (queued, busy) == (0, 0)
    verdicts = alive.leave({"worker": "alive", "code": 0}, 1)
    assert {v["worker"]: v["code"] for v in verdicts} == {"alive": 0, "dead": 1}


def test_a_run_whose_workers_all_died_shows_none_live_and_resumes_under_its_id(redis_url, capsys):
    server = redis.Redis.from_url(redis_url)
    keys = RunKeys(SITE, "r11")
    gone = RunMembership(server, keys, "gone", timeout=1)
    gone.join()
    server.zadd(keys.requests, {b"left behind": 0})
    time.sleep(1.2)  # killed: no heartbeat, no leave; the lock has expired too
    assert server.get(keys.lock) is None
    assert main(["redis-status", SITE, "--redis", redis_url, "--run", "r11"]) == 75
    state = json.loads(capsys.readouterr().out)
    assert (state["workers"], state["queued"]) == (0, 1)
    # Started again under the same id, a worker finds the queue and the last out cleans up.
    again = RunMembership(server, keys, "again", timeout=30)
    assert again.join() == 1
    assert again.pop() == b"left behind"
    verdicts = again.leave({"worker": "again", "code": 0}, 1)
    assert {v["worker"]: v["code"] for v in verdicts} == {"again": 0, "gone": 1}
    assert _run_keys(redis_url) == [keys.finished]


@pytest.mark.parametrize("kind", ["nothing listening", "wrong password"])
def test_an_unreachable_redis_stops_the_worker_before_anything_is_written(tmp_path, capsys, kind):
    if kind == "nothing listening":
        url = f"redis://127.0.0.1:{free_port()}/0"
        shown = url
    else:
        guarded = RedisServer(tmp_path / "guarded", password="right")
        url = guarded.start().replace(":right@", ":secret@")
        shown = url.replace(":secret@", ":***@")
    db = tmp_path / "shard.db"
    try:
        code = main(
            ["crawl", SITE, "--db", str(db), "--redis", url, "--run", "r1", "--workers", "2"]
        )
    finally:
        if kind == "wrong password":
            guarded.stop()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 69
    assert len(err) == 1 and err[0].startswith(f"scraper crawl: error: cannot use Redis at {shown}")
    assert "secret" not in err[0]
    assert not db.exists()


def _scrapy_worker(db: Path, url: str, run: str) -> subprocess.CompletedProcess:
    """A worker started as scrapyd starts one: `scrapy crawl` with the run's settings."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"site={SITE}"]
    for setting in (f"SCRAPER_REDIS_URL={url}", f"SCRAPER_REDIS_RUN={run}"):
        command += ["-s", setting]
    command += ["-s", "SCRAPER_REDIS_WORKERS=2", "-s", f"SCRAPER_DB_PATH={db}"]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)


def test_through_scrapy_crawl_a_refused_worker_says_why_in_one_line(redis_url, tmp_path):
    # What scrapyd runs: no traceback, the same exit codes as `scraper crawl --redis`.
    db = tmp_path / "shard.db"
    down = _scrapy_worker(db, f"redis://127.0.0.1:{free_port()}/0", "r1")
    assert down.returncode == 69, down.stderr[-2000:]
    assert "scrapy crawl: error: cannot use Redis at redis://127.0.0.1:" in down.stderr
    assert "Traceback" not in down.stderr
    redis.Redis.from_url(redis_url).set(RunKeys(SITE, "used").finished, "{}")
    reused = _scrapy_worker(db, redis_url, "used")
    assert reused.returncode == 2, reused.stderr[-2000:]
    assert "scrapy crawl: error: run used of zox-demo already ran" in reused.stderr
    assert not db.exists()


def test_without_the_extra_redis_names_it(redis_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "scrapy_redis", None)  # import fails as if not installed
    db = tmp_path / "shard.db"
    code = main(
        ["crawl", SITE, "--db", str(db), "--redis", redis_url, "--run", "r", "--workers", "2"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "needs the `distributed` extra" in err[0]
    assert not db.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--redis", "redis://127.0.0.1:1/0"], "--redis, --run and --workers go together"),
        (["--run", "r", "--workers", "2"], "--redis, --run and --workers go together"),
        (["--redis", "redis://127.0.0.1:1/0", "--run", "a b", "--workers", "2"], "a run id is"),
    ],
)
def test_worker_options_are_checked_first(arguments, message, tmp_path, capsys):
    db = tmp_path / "shard.db"
    assert main(["crawl", SITE, "--db", str(db), *arguments]) == 2
    assert message in capsys.readouterr().err
    assert not db.exists()


def test_politeness_is_divided_among_the_workers():
    assert shared_politeness(8, 0.0, 3) == (2, 0.0)
    assert shared_politeness(2, 1.0, 2) == (1, 2.0)
    assert shared_politeness(2, 1.0, 4) == (1, 4.0)  # at least one each; the rate kept
    assert shared_politeness(2, 1.0, 1) == (2, 1.0)


def test_the_spiders_requests_survive_the_redis_queue():
    """scrapy-redis pickles request dicts: callbacks by name, meta and cb_kwargs as they are."""
    crawler = Crawler(NewsSpider, {"SCRAPER_REDIS_URL": "redis://127.0.0.1:1/0"})
    spider = NewsSpider.from_crawler(crawler, site=SITE)
    assert crawler.settings["SCHEDULER"] == "scraper.crawl.redis_run.RunScheduler"
    crawler.stats = MemoryStatsCollector(crawler)
    home = "https://www.akhbar-turkiya.example/"
    spider.state.known.add(home + "a/")
    spider.state.recent[home + "a/"] = ('"etag"', "Mon, 15 Dec 2025 09:02:37 GMT")
    listing = spider._listing_request(home, home + "page/2/", home + "page/2/", (123, 1))
    refetch = spider._article_request(home + "a/")
    assert refetch.meta["known"] and refetch.headers["If-None-Match"] == b'"etag"'
    api = scrapy.Request(
        home + "wp-json/wp/v2/posts?per_page=100&page=2",
        callback=spider.parse_api,
        errback=spider.failed,
        cb_kwargs={"page": 2},
        meta={"listing_repeats": (77, 0)},
    )
    sitemap = scrapy.Request(
        home + "sitemap-posts.xml",
        callback=spider.parse_sitemap,
        errback=spider.failed,
        meta={"sitemap_depth": 1},
    )
    feed = scrapy.Request(home + "feed/", callback=spider.parse_feed, errback=spider.failed)
    requests = [spider._page_request(home, listing=True), listing, refetch, api, sitemap, feed]
    for original in requests:
        copy = request_from_dict(
            pickle.loads(pickle.dumps(original.to_dict(spider=spider))), spider=spider
        )
        assert (copy.url, copy.callback, copy.errback) == (
            original.url,
            original.callback,
            original.errback,
        )
        assert copy.meta == original.meta and copy.headers == original.headers
        assert copy.cb_kwargs == original.cb_kwargs


def test_more_workers_than_the_sites_concurrency_is_warned(tmp_path, capsys):
    url = f"redis://127.0.0.1:{free_port()}/0"
    db = tmp_path / "shard.db"
    code = main(["crawl", SITE, "--db", str(db), "--redis", url, "--run", "r", "--workers", "9"])
    warning, error = capsys.readouterr().err.strip().splitlines()
    assert code == 69
    assert warning == (
        "scraper crawl: warning: zox-demo allows 8 requests at a time; 9 workers send one each, "
        "9 at once (the delay, times 9, still holds the rate)"
    )
    assert error.startswith("scraper crawl: error: cannot use Redis at")


def _worker_verdict(worker: str, code: int, responses: int, articles: int) -> dict:
    status = {0: "ok", 1: "unfinished", 4: "failures", 5: "empty"}[code]
    return {
        "worker": worker,
        "code": code,
        "status": status,
        "verdict": f"{status} (exit {code})",
        "finish_reason": "finished",
        "responses": responses,
        "articles": articles,
    }


def test_a_worker_whose_share_held_nothing_new_does_not_make_the_run_empty():
    """An incremental run of three workers: two fetch what is new, the third starts after
    they have taken the queue and finds nothing (its own verdict: empty). The run found
    articles: its verdict is the others', not "empty"; only a run where every worker found
    nothing is empty, and a lost or failing worker still counts."""
    ok, empty = _worker_verdict("w1", 0, 40, 12), _worker_verdict("w3", 5, 8, 0)
    assert (
        aggregate(SITE, "nightly-2", [ok, _worker_verdict("w2", 0, 36, 9), empty])["exit_code"] == 0
    )
    assert aggregate(SITE, "nightly-2", [empty, _worker_verdict("w4", 5, 3, 0)])["exit_code"] == 5
    lost = {"worker": "w2", "code": 1, "status": "lost"}
    assert aggregate(SITE, "nightly-2", [ok, lost, empty])["exit_code"] == 1
    failing = _worker_verdict("w2", 4, 30, 2)
    assert aggregate(SITE, "nightly-2", [failing, empty])["exit_code"] == 4
