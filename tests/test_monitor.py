"""The monitor's verdict: a share off its threshold fails only when chance cannot explain it.

Unit checks run `evaluate` on statistics shaped as a crawl records them; the crawl checks
run the bundled site incrementally, where a run stores only the few articles that are new.
"""

from __future__ import annotations

import json
import math
import shutil
import sqlite3

import pytest

from scraper.crawl.settings import (
    SCRAPER_MONITOR_CONFIDENCE,
    SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE,
    SCRAPER_MONITOR_THRESHOLDS,
)
from scraper.ops.monitor import (
    EXIT_DRIFT,
    EXIT_FAILURES,
    EXIT_OK,
    Check,
    chance_of_at_most,
    count_article,
    describe,
    evaluate,
    verdict,
)
from scraper.store.queries import earlier_monitor_counts
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth

TRUTH = load_truth()


def run_stats(articles: int, missing: dict[str, int], responses: int = 20, errors: int = 0):
    """Statistics as a finished run of `articles` stored articles leaves them."""
    stats = {
        "finish_reason": "finished",
        "monitor/articles": articles,
        "downloader/response_count": responses,
        "downloader/response_status_count/200": responses - errors,
        "monitor/list_items": 30 * max(articles, 1),
        "monitor/present/list_item_windows": 30 * max(articles, 1),
    }
    if errors:
        stats["downloader/response_status_count/503"] = errors
    for field in ("headline", "body", "published_at", "category", "source"):
        stats[f"monitor/present/{field}"] = articles - missing.get(field, 0)
    return stats


def judge(stats, confidence=SCRAPER_MONITOR_CONFIDENCE, earlier=None):
    code, checks = evaluate(
        stats, SCRAPER_MONITOR_THRESHOLDS, SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE, confidence, earlier
    )
    return code, {check.name: check for check in checks}


@pytest.mark.parametrize(
    ("hits", "total", "share"),
    [(0, 1, 0.3), (0, 3, 0.9), (2, 3, 0.9), (45, 50, 0.95), (90, 100, 0.95), (700, 1000, 0.72)],
)
def test_chance_matches_the_binomial_sum(hits, total, share):
    expected = sum(
        math.comb(total, k) * share**k * (1 - share) ** (total - k) for k in range(hits + 1)
    )
    assert chance_of_at_most(hits, total, share) == pytest.approx(expected, rel=1e-9)


def test_one_new_article_without_a_source_line_is_not_drift():
    code, checks = judge(run_stats(1, {"source": 1}))
    assert code == EXIT_OK
    assert checks["source"].value == 0.0 and checks["source"].ok
    assert checks["source"].chance == pytest.approx(0.7)
    # Said, not hidden: the summary line names what passed only by chance.
    assert describe(code, list(checks.values())) == (
        "monitor: ok; within chance: source 0.00% (needs 30%; 0 of 1 articles, chance 70.00%)"
    )


def test_a_whole_run_without_source_lines_is_drift():
    # 14 of the bundled site's 57 articles have no source line; none at all is a redesign.
    code, checks = judge(run_stats(57, {"source": 57}))
    assert code == EXIT_DRIFT and not checks["source"].ok
    assert checks["source"].chance == pytest.approx(1.48e-9)
    assert "source 0.00% (needs 30%; 0 of 57 articles, chance < 0.01%)" in describe(
        code, list(checks.values())
    )


def test_a_few_new_articles_all_without_a_body_are_drift():
    code, checks = judge(run_stats(3, {"body": 3}))
    assert code == EXIT_DRIFT and not checks["body"].ok
    assert checks["body"].chance == pytest.approx(0.001)


def test_a_large_run_is_judged_on_nearly_the_share_itself():
    # 90% headlines where 95% are expected: chance 2.8% over 100 articles, 0.00% over 1,000.
    assert judge(run_stats(100, {"headline": 10}))[0] == EXIT_DRIFT
    assert judge(run_stats(1000, {"headline": 100}))[0] == EXIT_DRIFT
    # 92% over 50 articles happens by chance 24% of the time at 95%.
    assert judge(run_stats(50, {"headline": 4}))[0] == EXIT_OK


def test_confidence_zero_compares_the_raw_shares():
    stats = run_stats(1, {"source": 1})
    assert judge(stats, confidence=0)[0] == EXIT_DRIFT
    with pytest.raises(ValueError, match="SCRAPER_MONITOR_CONFIDENCE"):
        judge(stats, confidence=1.0)


def test_error_rate_is_judged_the_same_way():
    # 4 failures among the 17 requests of an hourly run (24%) can be a bad minute.
    code, checks = judge(run_stats(1, {}, responses=17, errors=4))
    assert code == EXIT_OK and checks["http_error_rate"].value == pytest.approx(4 / 17, abs=1e-4)
    # Half of 40 requests failing is not chance at an allowed 20%.
    code, checks = judge(run_stats(5, {}, responses=40, errors=20))
    assert code == EXIT_FAILURES and checks["http_error_rate"].chance < 0.001


def test_an_exception_in_the_crawls_own_code_fails_the_run():
    stats = run_stats(20, {})
    assert judge(stats)[1]["exceptions"].ok
    # A page's download failure and an HTTP error are the site's; the error rate judges them.
    stats.update({"failures/download": 1, "failures/http": 1, "failures/extract": 1})
    code, checks = judge(stats)
    assert code == EXIT_OK and checks["exceptions"].value == 0.0
    # A callback's exception and two lost items in a pipeline are the crawl's own.
    stats.update({"failures/callback:parse": 1, "failures/pipeline:store": 2})
    code, checks = judge(stats)
    assert code == EXIT_FAILURES and not checks["exceptions"].ok
    assert checks["exceptions"].value == 3.0
    assert "exceptions 3 (at most 0; 3 failure rows from exceptions" in describe(
        code, list(checks.values())
    )
    # Drift outranks it, as it outranks the error rate.
    stats["monitor/present/body"] = 0
    assert judge(stats)[0] == EXIT_DRIFT
    # SCRAPER_MONITOR_MAX_EXCEPTIONS tolerates a few.
    stats["monitor/present/body"] = 20
    code, _ = evaluate(
        stats,
        SCRAPER_MONITOR_THRESHOLDS,
        SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE,
        SCRAPER_MONITOR_CONFIDENCE,
        max_exceptions=3,
    )
    assert code == EXIT_OK


def test_a_small_run_short_within_chance_is_judged_with_the_runs_before_it():
    stats = run_stats(2, {"source": 2})
    # Alone, 0 of 2 is 49% likely at 30%; with four earlier runs of 2 articles it is 0 of 10.
    assert judge(stats)[0] == EXIT_OK
    earlier = {"runs": 4, "articles": 8, "present/source": 0, "present/body": 8}
    code, checks = judge(stats, earlier=earlier)
    assert code == EXIT_DRIFT
    assert checks["source"].detail == "0 of 2 articles; 0 of 10 with the 4 runs before it"
    assert checks["source"].chance == pytest.approx(0.7**10, rel=1e-2)
    # Fields this run holds are not pooled: body 2 of 2 passes whatever came before.
    assert checks["body"].ok and checks["body"].detail == "2 of 2 articles"
    # Healthy earlier runs absorb one unlucky run.
    healthy = {"runs": 3, "articles": 40, "present/source": 30}
    code, checks = judge(stats, earlier=healthy)
    assert code == EXIT_OK and checks["source"].detail.endswith(
        "30 of 42 with the 3 runs before it"
    )


def test_a_run_that_holds_its_fields_is_not_judged_by_the_runs_before_it():
    # The selector was fixed: the earlier runs lacked every source line, this one has them.
    earlier = {"runs": 5, "articles": 10, "present/source": 0}
    code, checks = judge(run_stats(2, {}), earlier=earlier)
    assert code == EXIT_OK and checks["source"].detail == "2 of 2 articles"


def test_earlier_counts_sum_finished_runs_newest_first(crawled_db, tmp_path):
    db = tmp_path / "news.db"
    shutil.copy(crawled_db, db)
    with sqlite3.connect(db) as conn:
        (started,) = conn.execute("SELECT started_at FROM crawl_runs").fetchone()
        later = {"monitor/articles": 4, "monitor/present/source": 1, "monitor/exit_code": 0}
        conn.executemany(
            "INSERT INTO crawl_runs (site, started_at, finished_at, stats) VALUES (?, ?, ?, ?)",
            [
                ("zox-demo", started, started, json.dumps(later)),
                ("zox-demo", started, None, json.dumps(later)),  # killed: no verdict
                ("zox-demo", started, started, "{not json"),
                ("other-site", started, started, json.dumps(later)),
            ],
        )
    with sqlite3.connect(db) as conn:
        first = json.loads(conn.execute("SELECT stats FROM crawl_runs WHERE id = 1").fetchone()[0])
    # Enough in the newest finished run: the full crawl before it is not read.
    assert earlier_monitor_counts(db, "zox-demo", started, 3) == {
        "runs": 1,
        "articles": 4,
        "present/source": 1,
    }
    last = earlier_monitor_counts(db, "zox-demo", started, 10)
    assert last["runs"] == 2 and last["articles"] == 4 + first["monitor/articles"] == 61
    assert last["present/source"] == 1 + first["monitor/present/source"]
    assert last["list_items"] == first["monitor/list_items"]
    # Runs started before the window, and databases that are not there, give nothing.
    assert earlier_monitor_counts(db, "zox-demo", "9999-01-01T00:00:00Z", 10) == {}
    assert earlier_monitor_counts(tmp_path / "absent.db", "zox-demo", started, 10) == {}


def test_a_run_without_a_recorded_verdict_says_so():
    assert describe(*verdict({"finish_reason": "finished"})) == "monitor: no verdict recorded"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("SCRAPER_MONITOR_CONFIDENCE=1", "SCRAPER_MONITOR_CONFIDENCE must be in [0, 1), not 1.0"),
        ("SCRAPER_MONITOR_CONFIDENCE=high", "monitor settings: could not convert"),
        ('SCRAPER_MONITOR_THRESHOLDS={"body": 0.9}', "SCRAPER_MONITOR_THRESHOLDS lacks headline"),
        ("SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE=20", "MAX_HTTP_ERROR_RATE must be in [0, 1]"),
        ("SCRAPER_MONITOR_MAX_EXCEPTIONS=-1", "SCRAPER_MONITOR_MAX_EXCEPTIONS must not be"),
    ],
)
def test_a_bad_monitor_setting_stops_the_crawl_before_it_starts(tmp_path, override, message, crawl):
    # Checked only when the run ended, it lost the verdict: "monitor: ok (exit 1)".
    done = crawl(tmp_path / "news.db", "http://127.0.0.1:9", "--set", override)
    assert done.returncode == 2, done.stdout + done.stderr[-2000:]
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "news.db").exists()


def test_runs_recorded_before_the_chance_was_kept_still_read():
    stats = {
        "monitor/exit_code": 3,
        "monitor/checks": [
            {"name": "body", "value": 0.0, "threshold": 0.9, "ok": False, "detail": "0 of 57"}
        ],
    }
    code, checks = verdict(stats)
    assert code == 3 and checks == [Check("body", 0.0, 0.9, False, "0 of 57")]


def _without(db, post_ids):
    """Forget stored articles, so the next incremental run finds them new."""
    with sqlite3.connect(db) as conn:
        deleted = conn.executemany(
            "DELETE FROM articles WHERE post_id = ?", [(post_id,) for post_id in post_ids]
        ).rowcount
    assert deleted == len(post_ids)


@pytest.mark.slow  # a monitor run over a crawl
def test_an_incremental_run_with_one_new_unattributed_article_exits_0(
    replay_server, crawled_db, tmp_path, crawl, last_stats
):
    # The crash test once ended this way: every article but one stored before the last run,
    # and the one left had no source line.
    db = tmp_path / "news.db"
    shutil.copy(crawled_db, db)
    with sqlite3.connect(db) as conn:
        (post_id,) = conn.execute(
            "SELECT post_id FROM articles WHERE source IS NULL ORDER BY post_id LIMIT 1"
        ).fetchone()
    _without(db, [post_id])
    done = crawl(db, replay_server)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    stats = last_stats(db)
    assert stats["monitor/articles"] == 1 and stats.get("monitor/present/source", 0) == 0
    assert stats["monitor/status"] == "ok"
    # Judged with the run before it (43 of its 57 articles had a source line), the share holds.
    (source,) = [check for check in stats["monitor/checks"] if check["name"] == "source"]
    assert source["detail"] == "0 of 1 articles; 43 of 58 with the run before it"
    assert source["ok"] and source["chance"] is None
    assert "zox-demo: monitor: ok (exit 0)" in done.stdout


@pytest.mark.slow  # a monitor run over a crawl
def test_an_incremental_run_whose_new_articles_lost_their_body_exits_3(crawled_db, tmp_path, crawl):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    changed = TRUTH["articles"][:3]
    for article in changed:
        page = site / article["file"]
        page.write_text(
            page.read_text(encoding="utf-8").replace("mvp-content-main", "zox-body-v2"),
            encoding="utf-8",
        )
    db = tmp_path / "news.db"
    shutil.copy(crawled_db, db)
    _without(db, [article["post_id"] for article in changed])
    with BackgroundServer(site) as base_url:
        done = crawl(db, base_url)
    assert done.returncode == 3, done.stdout + done.stderr[-2000:]
    assert "monitor: drift: body 0.00% (needs 90%; 0 of 3 articles, chance 0.10%)" in done.stdout


@pytest.mark.slow  # six crawls
def test_a_low_volume_site_that_lost_its_source_lines_drifts_within_a_few_runs(
    replay_server, crawled_db, tmp_path, crawl, last_stats
):
    # Two new articles a run, none with a source line any more: each run alone is within
    # chance (0 of 2 at 30%: 49%), so only the runs pooled show it.
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    # Articles whose source line is plain text in the page (others link the names).
    attributed = [
        article
        for article in TRUTH["articles"]
        if article["sources"]
        and article["source_raw"] in (site / article["file"]).read_text(encoding="utf-8")
    ]
    for article in attributed[:10]:
        page = site / article["file"]
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(article["source_raw"], ""), encoding="utf-8")
    db = tmp_path / "news.db"
    shutil.copy(crawled_db, db)
    pool = ("--set", "SCRAPER_MONITOR_POOL_ARTICLES=10")
    codes, details = [], []
    with BackgroundServer(site) as base_url:
        for run in range(5):
            _without(db, [article["post_id"] for article in attributed[2 * run : 2 * run + 2]])
            done = crawl(db, base_url, *pool)
            stats = last_stats(db)
            assert stats["monitor/articles"] == 2, done.stdout
            assert stats.get("monitor/present/source", 0) == 0
            codes.append(done.returncode)
            (source,) = [c for c in stats["monitor/checks"] if c["name"] == "source"]
            details.append(source["detail"])
    # Runs 1-4 need the first full crawl (43 of 57 attributed) to reach 10 articles; run 5
    # finds 8 in its 4 predecessors: 0 of 10, 2.8% likely by chance at 30%, is drift.
    assert codes == [0, 0, 0, 0, 3], details
    assert details[3] == "0 of 2 articles; 43 of 65 with the 4 runs before it"
    assert details[4] == "0 of 2 articles; 0 of 10 with the 4 runs before it"
    assert "source 0.00% (needs 30%; 0 of 2 articles; 0 of 10 with the 4 runs before it" in (
        done.stdout
    )
    # The profile fixed (the original pages again): the next run's articles pass on their own.
    _without(db, [article["post_id"] for article in attributed[10:12]])
    done = crawl(db, replay_server, *pool)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert last_stats(db)["monitor/present/source"] == 2


def test_a_scrapy_crawl_job_logs_the_verdict_naming_the_failing_field(replay_server, tmp_path):
    # A scrapyd job is a plain `scrapy crawl`: it prints no verdict line and exits 0 on
    # drift, so its log is where the operator reads the verdict, named as `scraper crawl`
    # names it, not only as a number in the stats dump.
    import subprocess
    import sys
    from pathlib import Path

    project = Path(__file__).resolve().parent.parent
    site = tmp_path / "zox-broken.toml"
    text = (project / "scraper/sites/zox-demo.toml").read_text()
    site.write_text(
        text.replace('name = "zox-demo"', 'name = "zox-broken"')
        + '\n[selectors]\nbody = "div.no-such-body"\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"site={site}",
         "-a", f"base_url={replay_server}", "-s", f"SCRAPER_DB_PATH={tmp_path / 'news.db'}",
         "-s", "LOG_LEVEL=INFO"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]  # drift does not fail a scrapy crawl
    assert (
        "[scraper.crawl.extensions] INFO: zox-broken: monitor: drift: body 0.00% (needs 90%; "
        "0 of 57 articles" in done.stderr
    ), done.stderr[-3000:]
    assert "(exit 3)" in done.stderr
    # `scraper fleet status` reads a job's verdict from this log: it names the field too.
    from scraper.ops.fleet import read_verdict

    verdict = read_verdict(done.stderr)
    assert (verdict["exit_code"], verdict["status"]) == (3, "drift")
    assert verdict["meaning"].startswith("body 0.00% (needs 90%; 0 of 57 articles"), verdict


def test_retried_answers_are_left_out_of_the_error_rate_by_their_status():
    # Four requests answered 503 three times each (two retries), then given up: four
    # errors of four requests, as their failure rows; a retry reason of another shape
    # (Scrapy's own middleware writes "503 Service Unavailable") is no answer to subtract.
    stats = run_stats(0, {}, responses=12, errors=12)
    stats["downloader/response_status_count/200"] = 0
    stats["retry/reason_count/HTTP 503"] = 8
    stats["retry/reason_count/503 Service Unavailable"] = 5
    _, checks = judge(stats)
    assert checks["http_error_rate"].detail == "4 errors of 4 requests"


class _Counts(dict):
    def inc_value(self, key: str) -> None:
        self[key] = self.get(key, 0) + 1


def test_a_body_the_generic_path_read_for_a_theme_s_missing_container_counts_as_missing():
    # A Zox News child theme renamed the content's container: the body is stored, read by
    # the generic path, and the monitor still sees the theme's selector finding nothing.
    from datetime import datetime
    from pathlib import Path

    from scraper.extract import extract_page

    folder = Path(__file__).parent / "fixtures" / "theme-setups-4"
    answer = next(
        a for a in json.loads((folder / "expected.json").read_text()) if a["file"] == "p01.html"
    )
    page = extract_page(
        (folder / "p01.html").read_bytes(),
        answer["url"],
        datetime.fromisoformat(answer["reference"]),
        profile="auto",
        timezone=answer["timezone"],
    )
    assert page.article.profile.startswith("zox") and len(page.article.body) > 1000
    counts = _Counts()
    count_article(counts, page.article, min_body_chars=200)
    assert counts["monitor/present/headline"] == 1 and "monitor/present/body" not in counts
