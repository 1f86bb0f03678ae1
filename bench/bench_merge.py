"""Benchmark `scraper merge`: shards of generated articles merged into a central database.

Run:  .venv/bin/python bench/bench_merge.py [--articles N] [--overlap F] [--changed F] [--seed S]

The articles are bench_store.py's synthetic Arabic ones (deterministic per seed and index).
Two shards are written first (not timed, reported on their own line): shard A holds the
even-numbered articles, shard B the odd ones, and B also holds a share (`--overlap`) of A's
articles, a part of them (`--changed`) with a changed body seen a day later, as when two
hosts met the same article. Then, timed, into a fresh central database:

  merge A    every article new (the empty central database)
  merge B    new articles, articles already there unchanged, and newer versions (a revision
             each, the search index updated for those rows only)
  merge B    again: nothing to add (runs known by UUID, articles the same)

Nothing is fetched; everything is written in a temporary directory, deleted at the end.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import Corpus, db_size, mib, peak_rss

from scraper.items import RunRecord
from scraper.store import Store
from scraper.store.merge import merge_shards

CHUNK = 5_000


def later(stamp: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_shard(path: Path, corpus: Corpus, indexes: list[int], changed: set[int]) -> None:
    store = Store(path)
    store.write(RunRecord(site="bench", started_at="2026-01-01T00:00:00Z"))
    for start in range(0, len(indexes), CHUNK):
        records = []
        for i in indexes[start : start + CHUNK]:
            article = corpus.article(i)
            if i in changed:
                article = replace(
                    article,
                    body=article.body + "\n\nتحديث: أضيفت هذه الفقرة بعد النشر.",
                    reference_time=later(article.reference_time),
                )
            records.append(article)
        store.write_batch(records)
    store.close()


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250_000, help="articles in both shards")
    ap.add_argument("--overlap", type=float, default=0.1, help="share of A's articles in B too")
    ap.add_argument("--changed", type=float, default=0.2, help="share of the overlap changed")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n = args.articles
    corpus = Corpus(args.seed)
    evens = list(range(0, n, 2))
    overlap = evens[:: max(1, round(1 / args.overlap))] if args.overlap else []
    changed = set(overlap[:: max(1, round(1 / args.changed))]) if args.changed else set()
    odds = list(range(1, n, 2))
    workdir = Path(tempfile.mkdtemp(prefix="bench_merge_"))
    try:
        a, b, central = workdir / "a.db", workdir / "b.db", workdir / "central.db"
        print(
            f"merge benchmark: {n:,} articles (A {len(evens):,}, B {len(odds) + len(overlap):,}: "
            f"{len(overlap):,} also in A, {len(changed):,} of them changed), seed {args.seed}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
        )
        started = time.perf_counter()
        write_shard(a, corpus, evens, set())
        write_shard(b, corpus, odds + overlap, changed)
        print(
            f"shards written in {time.perf_counter() - started:.0f} s (not timed below): "
            f"A {mib(db_size(a))}, B {mib(db_size(b))}"
        )
        print(f"{'step':<10} {'articles':>9} {'seconds':>8} {'articles/s':>11}  added")
        for label, shard in (("merge A", a), ("merge B", b), ("merge B", b)):
            started = time.perf_counter()
            (counts,) = merge_shards([shard], central)
            seconds = time.perf_counter() - started
            articles = count(shard, "articles")
            print(
                f"{label:<10} {articles:>9,} {seconds:>8.1f} {articles / seconds:>11,.0f}  "
                f"{counts.articles_new:,} new, {counts.articles_changed:,} changed, "
                f"{counts.articles_same:,} the same, {counts.revisions:,} revisions, "
                f"{counts.runs} runs"
            )
        print(
            f"central: {count(central, 'articles'):,} articles, "
            f"{count(central, 'article_revisions'):,} revisions, {mib(db_size(central))}; "
            f"peak RSS {peak_rss()}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
