"""Where a crawl's time goes: py-spy samples every thread of a full crawl of N generated
pages (the server of bench_crawl.py), then this script prints each thread's share and, for
the crawl's main thread (where Scrapy runs callbacks), the share of each of our functions.

    python bench/profile_crawl.py --pages 2000 [--latency-ms 0] [--processes 0]

py-spy comes with the `bench` extra (`make profile` installs it). The raw samples stay in
the temporary directory printed at the end (collapsed stacks, one line per stack).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_crawl import crawl_commands, make_server

OURS = ("scraper/", "spiders/", "pipelines/")
LAUNCH = {"scraper/__main__.py", "scraper/cli.py"}  # start-up frames, under everything


SCRAPY = "(Scrapy, Twisted, asyncio)"


def label(frame: str) -> str:
    return f"{frame.rpartition(' (')[0]} ({frame_file(frame)})"


def frame_file(frame: str) -> str:
    """ "parse (spiders/news.py:209)" -> "spiders/news.py" """
    return frame.rpartition(" (")[2].rpartition(":")[0]


def summarize(samples: Path, top: int) -> None:
    threads: Counter[str] = Counter()
    main_by_function: Counter[str] = Counter()
    main_by_leaf: Counter[str] = Counter()
    main_total = 0
    for line in samples.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        n = int(count)
        # The first frame names the thread: "thread (0x7f..): MainThread".
        threads[frames[0].rpartition(": ")[2] or frames[0]] += n
        if "MainThread" not in frames[0]:
            continue
        main_total += n
        # The outermost of our own functions on the stack owns the sample; none: Scrapy,
        # Twisted or asyncio themselves.
        ours = [
            f for f in frames[1:] if frame_file(f).startswith(OURS) and frame_file(f) not in LAUNCH
        ]
        main_by_function[label(ours[0]) if ours else SCRAPY] += n
        # The innermost one: where in our code the time is spent.
        main_by_leaf[label(ours[-1]) if ours else SCRAPY] += n
    total = sum(threads.values())
    print(f"{total} samples")
    for name, n in threads.most_common():
        print(f"  {n / total:6.1%}  thread {name}")
    print(f"main thread, by outermost function of ours ({main_total} samples):")
    for function, n in main_by_function.most_common(top):
        print(f"  {n / main_total:6.1%}  {function}")
    print("main thread, by innermost function of ours:")
    for function, n in main_by_leaf.most_common(top):
        print(f"  {n / main_total:6.1%}  {function}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=int, default=200, help="samples per second")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("py-spy not found: pip install -e '.[bench]' (or make profile)")
    server = make_server(args.pages, args.latency_ms / 1000)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    tmp = Path(tempfile.mkdtemp(prefix="profile-crawl-"))
    commands = crawl_commands(base, tmp, args.concurrency, [str(args.processes)])
    command, cwd = next(commands[name] for name in commands if name != "bare scrapy")
    samples = tmp / "samples.txt"
    subprocess.run(
        [py_spy, "record", "--threads", "--rate", str(args.rate), "--format", "raw",
         "--output", str(samples), "--", *command],
        cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server.shutdown()
    print(f"full crawl of {args.pages} pages, latency {args.latency_ms:.0f} ms, "
          f"{args.processes} extraction workers")  # fmt: skip
    summarize(samples, args.top)
    print(f"raw samples: {samples}")


if __name__ == "__main__":
    main()
