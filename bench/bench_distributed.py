"""Distributed crawl benchmark: one generated site crawled by 1, 2 and 3 workers sharing a
run over a local redis-server (`scraper crawl --redis`), at 100 ms of server latency.

The site is bench_crawl.py's generated one (the bundled sample article under N URLs,
listed by sitemaps); every request waits `--latency-ms` at the server, which counts the
requests waiting for their answer at once (peak concurrency) and per second (peak rate),
against the site's configured concurrency. Two politeness settings: a low limit, where the
site's limit is what bounds the speed (more workers must not go faster, they share it),
and a high one, where workers add throughput until this machine's cores are busy.
Articles/s is the articles stored in all shards over the wall time from the first worker's
start to the last one's exit (Scrapy's start-up and the keep-alive's grace included). Workers
"0" is the baseline: one plain `scraper crawl` of the same site, without Redis.

    python bench/bench_distributed.py --pages 2000 --workers 0 1 2 3 --concurrency 4 24
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_crawl import make_server

from scraper.testkit.redis_server import RedisServer, RequestMeter

ROOT = Path(__file__).resolve().parent.parent


def site_file(directory: Path, base: str, concurrency: int) -> Path:
    site = directory / f"generated-{concurrency}.toml"
    site.write_text(
        'name = "generated"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["{base}/"]\nsitemaps = ["{base}/sitemap.xml"]\nallowed_domains = ["127.0.0.1"]\n'
        f"[politeness]\ndownload_delay = 0.0\nconcurrency = {concurrency}\nautothrottle = false\n"
    )
    return site


def articles_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def one_run(
    pages: int, latency: float, concurrency: int, workers: int, redis_url: str, tmp: Path
) -> dict:
    server = make_server(pages)
    meter = RequestMeter(server, latency=latency)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    site = site_file(tmp, base, concurrency)
    run = f"bench-c{concurrency}-w{workers}"
    shards = [tmp / f"{run}-{n}.db" for n in range(max(workers, 1))]
    logs = [tmp / f"{run}-{n}.log" for n in range(max(workers, 1))]
    if workers:
        how = ["--redis", redis_url, "--run", run, "--workers", str(workers)]
        how += ["--set", "SCRAPER_REDIS_GRACE=1"]
    else:
        # The baseline: one plain crawl, held to the limit as a worker is (a plain crawl's
        # slot does not hold its concurrency at delay 0 in Scrapy 2.19).
        how = ["--set", f"CONCURRENT_REQUESTS={concurrency}"]
    start = time.perf_counter()
    processes = []
    for shard, log in zip(shards, logs, strict=True):
        with open(log, "wb") as stderr:
            command = [
                sys.executable,
                "-m",
                "scraper",
                "crawl",
                str(site),
                "--db",
                str(shard),
                *how,
            ]
            processes.append(
                subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
            )
    codes = [process.wait() for process in processes]
    for code, log in zip(codes, logs, strict=True):
        if code not in (0, 3):
            print(f"  a worker exited {code}; its log ends: {log.read_text()[-600:]}")
    seconds = time.perf_counter() - start
    server.shutdown()
    server.server_close()
    articles = sum(articles_in(shard) for shard in shards)
    return {
        "concurrency": concurrency,
        "workers": workers,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "peak_concurrency": meter.peak,
        "peak_requests_per_s": meter.peak_rate,
        "exit_codes": codes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[0, 1, 2, 3],
        help="workers per run; 0 is a plain crawl without Redis, the baseline",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        nargs="+",
        default=[4, 24],
        help="the site's configured concurrency (its [politeness]), one run set each",
    )
    args = parser.parse_args()
    print(
        f"{args.pages} generated pages, {args.latency_ms:.0f} ms latency, "
        f"{os.cpu_count()} CPUs, workers over a local redis-server"
    )
    print(
        f"{'limit':>5} {'workers':>7} {'articles':>8} {'seconds':>8} {'articles/s':>10} "
        f"{'peak conc.':>10} {'peak req/s':>10}  exit codes"
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp) / "redis") as redis_url:
        for concurrency in args.concurrency:
            for workers in args.workers:
                result = one_run(
                    args.pages, args.latency_ms / 1000, concurrency, workers, redis_url, Path(tmp)
                )
                results.append(result)
                print(
                    f"{concurrency:>5} {workers:>7} {result['articles']:>8} "
                    f"{result['seconds']:>8.1f} {result['articles_per_s']:>10.1f} "
                    f"{result['peak_concurrency']:>10} {result['peak_requests_per_s']:>10}  "
                    f"{result['exit_codes']}",
                    flush=True,
                )
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": results}))


if __name__ == "__main__":
    main()
