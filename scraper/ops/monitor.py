"""After each run: are the values still there? Field shares, list-item windows, HTTP errors.

A theme redesign rarely breaks a crawl; it quietly empties fields. So each run counts, per
article it stored, which monitored fields carry a real value (a body of at least
`SCRAPER_MONITOR_MIN_BODY_CHARS` characters, not just any body), compares the shares with
the thresholds in settings, and turns a breach into an exit code that cron can see.

A share below its threshold is only a breach when chance cannot explain it: an hourly run that
stored one article without a source line has not shown that the site stopped naming sources.
Each check asks (an exact one-sided binomial test) how likely a share this low would be if
the site still met the threshold, and fails when that chance is under 1 −
`SCRAPER_MONITOR_CONFIDENCE`. Large runs are judged on nearly the share itself; small runs
only on misses too many to be chance (3 articles of 3 without a body, not 1 of 1 without a
source).

So that a low-volume site's drift is still caught, a small run that falls short but not
beyond chance is judged again together with the site's runs before it (newest first, until
`SCRAPER_MONITOR_POOL_ARTICLES` articles, within `SCRAPER_MONITOR_POOL_DAYS`). Only a run
that shows the shortfall itself is pooled: once a broken selector is fixed, the next run's
articles pass on their own, whatever the runs before them held.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any

from scraper.items import BODY_RESCUED

# Exit codes of `scraper crawl` (documented in docs/operations.md).
EXIT_OK = 0
EXIT_UNFINISHED = 1
EXIT_USAGE = 2
EXIT_DRIFT = 3
EXIT_FAILURES = 4
EXIT_EMPTY = 5
EXIT_RUNNING = 75
# Exit codes from the most severe to the least: one code for several sites of a crawl, or
# for the workers of a distributed run.
SEVERITY = (EXIT_UNFINISHED, EXIT_DRIFT, EXIT_FAILURES, EXIT_EMPTY, EXIT_OK)

# The finish reason of a crawl whose store stopped taking records (pipelines/store.py).
STORE_FAILED = "store_failed"
# The finish reason of a crawl whose SCRAPER_STATE_DB could not be read (spiders/news.py).
STATE_DB_FAILED = "state_db_failed"

MONITORED_FIELDS = ("headline", "body", "published_at", "category", "source")

# Failure stages (`failures/STAGE` in the stats, scraper.crawl.failures) that name an
# exception in the crawl's own code rather than a page or a server: "callback:parse",
# "downloader-middleware:RedirectGuard", "pipeline:store", ...
CODE_STAGES = ("callback", "errback", "spider-middleware", "downloader-middleware", "pipeline")


# Scrapy's CloseSpider finish reasons: the run was stopped by a budget (set in
# scraper/crawl/settings.py, or a site's [budgets]), not by a fault. Each: the budget in
# words, its setting, and its [budgets] key (scraper.crawl.budgets.SITE_KEYS) if it has one.
BUDGET_FINISH_REASONS = {
    "closespider_pagecount": ("the page budget", "CLOSESPIDER_PAGECOUNT", "pages"),
    "closespider_timeout": ("the time budget", "CLOSESPIDER_TIMEOUT", "seconds"),
    "closespider_itemcount": ("the item budget", "CLOSESPIDER_ITEMCOUNT", None),
    "closespider_errorcount": ("the error budget", "CLOSESPIDER_ERRORCOUNT", None),
    "closespider_timeout_no_item": ("the idle-time budget", "CLOSESPIDER_TIMEOUT_NO_ITEM", None),
    "closespider_pagecount_no_item": (
        "the idle-page budget",
        "CLOSESPIDER_PAGECOUNT_NO_ITEM",
        None,
    ),
}
# Stats of what a budget refused within a run (scraper.crawl.budgets; depth: the links
# past DEPTH_LIMIT the run requested no other way, DepthBudget): what each counts, why it was refused, and the budget's [budgets] key.
BUDGET_STATS = {
    "budget/depth": ("links not requested", "too deep", "depth"),
    "budget/listing_pages": ("listing pages not requested", "listing too long", "listing_pages"),
    "budget/repeated_pages": ("listing pages not requested", "pagination trap", "repeated_pages"),
    "budget/query_variants": ("query strings not requested", "query-string trap", "query_variants"),
    "budget/sitemap_depth": ("sitemaps not requested", "nested too deep", "sitemap_depth"),
    "budget/links_per_page": ("links not followed", "too many on one page", "links_per_page"),
}
# What the operator may do about any of them: the verdict's detail ends with it.
BUDGET_ADVICE = (
    "a trap on the site, or a site larger than the budget: raise it in the site's [budgets]; "
    "the next run goes on"
)


def _budget(name: str, value: float | None) -> str:
    # A verdict taken without the settings (a test, a bench) names the budget only.
    return name if value is None else f"{name} = {value:g}"


def budgets_reached(stats: dict[str, Any], values: dict[str, float] | None = None) -> list[str]:
    """Each budget the run reached, one line each: what stopped it, what was not requested,
    and the budget's value. `values`: the run's budgets by [budgets] key
    (scraper.crawl.budgets.budget_values); the settings Scrapy alone knows by name."""
    values = values or {}
    reached = []
    finish = BUDGET_FINISH_REASONS.get(stats.get("finish_reason", ""))
    if finish:
        budget, setting, key = finish
        value = values.get(key) if key else values.get(setting)
        responses = stats.get("response_received_count", 0)
        reached.append(
            f"stopped by {budget} ({_budget(setting, value)}) after {responses} responses"
        )
    for stat, (what, why, key) in BUDGET_STATS.items():
        if stats.get(stat):
            budget = _budget(f"budgets.{key}", values.get(key))
            reached.append(f"{stats[stat]} {what} ({why}; {budget})")
    return reached


def exceptions_in_code(stats: dict[str, Any]) -> int:
    """How many failure rows of the run an exception in the crawl's own code left. An item
    the database refused (a full disk, a missing table) has a `pipeline:store` row too, but
    no bug: the `store_errors` check judges it (counted in `store/refused_rows`)."""
    rows = sum(
        value
        for key, value in stats.items()
        if key.startswith("failures/") and key[9:].split(":", 1)[0] in CODE_STAGES
    )
    return rows - stats.get("store/refused_rows", 0)


@dataclass
class Check:
    name: str
    value: float | None
    threshold: float
    ok: bool
    detail: str
    # How likely a value this far on the wrong side of the threshold is by chance alone when
    # the site meets it; None on the right side (and in runs recorded before it was kept).
    chance: float | None = None


def chance_of_at_most(hits: int, total: int, share: float) -> float:
    """P(X <= hits) for X ~ Binomial(total, share): the chance of seeing this few hits (or
    fewer) when each of `total` trials hits with probability `share`."""
    if hits >= total or share <= 0.0:
        return 1.0
    if share >= 1.0:
        return 0.0
    log_p, log_q = math.log(share), math.log1p(-share)
    log_n = math.lgamma(total + 1)
    logs = [
        log_n - math.lgamma(k + 1) - math.lgamma(total - k + 1) + k * log_p + (total - k) * log_q
        for k in range(hits + 1)
    ]
    peak = max(logs)
    return min(1.0, math.exp(peak) * math.fsum(math.exp(x - peak) for x in logs))


def _judged(
    value: float, limit: float, chance: float | None, confidence: float, minimum: bool
) -> bool:
    """Whether a check passes: on the right side of its limit (a minimum share or a maximum
    rate), or off it by no more than chance explains at `confidence` (0: raw values)."""
    on_side = value >= limit if minimum else value <= limit
    if on_side or confidence <= 0 or chance is None:
        return on_side
    return chance >= 1 - confidence


def _rounded(chance: float | None) -> float | None:
    # Three significant digits for the stats and the report (1.5e-9 stays more than zero);
    # the verdict was taken on the exact value.
    return None if chance is None else float(f"{chance:.3g}")


def _percent(chance: float) -> str:
    return "< 0.01%" if 0 < chance < 0.0001 else f"{chance:.2%}"


def _share_check(
    name: str,
    counts: tuple[int, int],
    earlier: tuple[int, int, int],
    threshold: float,
    confidence: float,
    unit: str,
) -> Check:
    """`counts`: (hits, total) of this run; `earlier`: (hits, total, runs) of the runs
    before it, pooled with this one when this run alone falls short within chance."""
    hits, total = counts
    share = hits / total
    chance = chance_of_at_most(hits, total, threshold) if share < threshold else None
    ok = _judged(share, threshold, chance, confidence, minimum=True)
    detail = f"{hits} of {total} {unit}"
    earlier_hits, earlier_total, runs = earlier
    if ok and chance is not None and earlier_total > 0:
        hits, total = hits + earlier_hits, total + earlier_total
        pooled = hits / total
        chance = chance_of_at_most(hits, total, threshold) if pooled < threshold else None
        ok = _judged(pooled, threshold, chance, confidence, minimum=True)
        before = "the run" if runs == 1 else f"the {runs} runs"
        detail += f"; {hits} of {total} with {before} before it"
    return Check(name, round(share, 4), threshold, ok, detail, _rounded(chance))


def count_article(stats: Any, article: Any, min_body_chars: int) -> None:
    """Record which monitored fields of one stored article hold a real value (called once
    its transaction has committed: the monitor judges what the database holds)."""
    stats.inc_value("monitor/articles")
    present = {
        "headline": bool(article.headline),
        # A body the generic path read where the theme's selector found none is the
        # layout's drift all the same.
        "body": len(article.body or "") >= min_body_chars
        and not (article.provenance or {}).get("body", "").startswith(BODY_RESCUED),
        "published_at": bool(article.published_at),
        "category": bool(article.category),
        "source": bool(article.source),
    }
    for name, ok in present.items():
        if ok:
            stats.inc_value(f"monitor/present/{name}")


def sightings_told_apart(sightings: int | None, judged: int | None) -> str:
    """What a run's stored sightings hold, as the crawl line and the report name them: the
    list items the monitor's `list_item_windows` judges (`judged`, the stat
    `monitor/list_items`) and the sitemap entries it leaves aside, e.g. " (1648 list items,
    66 sitemap entries)"; "" when nothing was stored or the run was not a monitored crawl."""
    if not sightings or judged is None:
        return ""
    return f" ({judged} list items, {max(sightings - judged, 0)} sitemap entries)"


def count_sightings(stats: Any, sightings: list[Any]) -> None:
    """Record how many of a page's stored list items have a time window."""
    # Sitemap lastmod is an upper bound by design, never a window.
    counted = [s for s in sightings if s.widget != "sitemap"]
    if not counted:
        return
    stats.inc_value("monitor/list_items", len(counted))
    windows = sum(1 for s in counted if s.earliest is not None and s.latest is not None)
    if windows:
        stats.inc_value("monitor/present/list_item_windows", windows)


@dataclass(frozen=True)
class MonitorSettings:
    thresholds: dict[str, float]
    max_http_error_rate: float
    confidence: float
    pool_articles: int
    pool_days: float
    max_exceptions: int = 0


def monitor_settings(settings: Any) -> MonitorSettings:
    """The monitor's settings from Scrapy settings, checked: a bad value stops the crawl
    before it starts (`scraper crawl` exits 2) instead of losing the run's verdict at its end."""
    try:
        thresholds = {
            str(name): float(value)
            for name, value in settings.getdict("SCRAPER_MONITOR_THRESHOLDS").items()
        }
        max_rate = settings.getfloat("SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE")
        confidence = settings.getfloat("SCRAPER_MONITOR_CONFIDENCE", 0.95)
        pool_articles = settings.getint("SCRAPER_MONITOR_POOL_ARTICLES", 0)
        pool_days = settings.getfloat("SCRAPER_MONITOR_POOL_DAYS", 0.0)
        max_exceptions = settings.getint("SCRAPER_MONITOR_MAX_EXCEPTIONS", 0)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"monitor settings: {exc}") from None
    _check_limits(thresholds, max_rate, confidence)
    if pool_articles < 0 or not pool_days >= 0 or max_exceptions < 0:
        raise ValueError(
            "SCRAPER_MONITOR_POOL_ARTICLES, SCRAPER_MONITOR_POOL_DAYS and "
            "SCRAPER_MONITOR_MAX_EXCEPTIONS must not be negative"
        )
    return MonitorSettings(
        thresholds, max_rate, confidence, pool_articles, pool_days, max_exceptions
    )


def _check_limits(thresholds: dict[str, float], max_rate: float, confidence: float) -> None:
    missing = [name for name in (*MONITORED_FIELDS, "list_item_windows") if name not in thresholds]
    if missing:
        raise ValueError(f"SCRAPER_MONITOR_THRESHOLDS lacks {', '.join(missing)}")
    outside = [f"{name}={value}" for name, value in thresholds.items() if not 0 <= value <= 1]
    if outside:
        raise ValueError(f"SCRAPER_MONITOR_THRESHOLDS must be shares in [0, 1]: {outside}")
    if not 0 <= max_rate <= 1:
        raise ValueError(f"SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE must be in [0, 1], not {max_rate}")
    if not 0 <= confidence < 1:
        raise ValueError(f"SCRAPER_MONITOR_CONFIDENCE must be in [0, 1), not {confidence}")


def evaluate(
    stats: dict[str, Any],
    thresholds: dict[str, float],
    max_http_error_rate: float,
    confidence: float = 0.95,
    earlier: dict[str, int] | None = None,
    max_exceptions: int = 0,
    budgets: dict[str, float] | None = None,
) -> tuple[int, list[Check]]:
    """The run's exit code and every check behind it. `earlier`: the monitor counters of
    the site's runs before this one, summed (`store.earlier_monitor_counts`);
    `max_exceptions`: how many exceptions in the crawl's own code a run may meet;
    `budgets`: the run's budget values, for the verdict's words (`budgets_reached`)."""
    _check_limits(thresholds, max_http_error_rate, confidence)
    earlier = earlier or {}
    runs = earlier.get("runs", 0)
    checks: list[Check] = []
    articles = stats.get("monitor/articles", 0)
    for name in MONITORED_FIELDS:
        if articles:
            checks.append(
                _share_check(
                    name,
                    (stats.get(f"monitor/present/{name}", 0), articles),
                    (earlier.get(f"present/{name}", 0), earlier.get("articles", 0), runs),
                    thresholds[name],
                    confidence,
                    "articles",
                )
            )
    items = stats.get("monitor/list_items", 0)
    if items:
        checks.append(
            _share_check(
                "list_item_windows",
                (stats.get("monitor/present/list_item_windows", 0), items),
                (earlier.get("present/list_item_windows", 0), earlier.get("list_items", 0), runs),
                thresholds["list_item_windows"],
                confidence,
                "list items (sitemap entries aside)",
            )
        )
    # Each request counts once, by its last answer, as its failure row does: a 503 retried
    # three times is one error (its three retried answers are left out), as a refused
    # connection retried three times is one download failure.
    answers = final_answers(stats)
    responses = sum(answers.values())
    errors = sum(n for status, n in answers.items() if status >= 400) + stats.get(
        "failures/download", 0
    )
    attempts = responses + stats.get("failures/download", 0)
    rate = errors / attempts if attempts else 0.0
    # As many errors or more by chance = as few successes or fewer at the allowed success rate.
    chance = (
        chance_of_at_most(attempts - errors, attempts, 1 - max_http_error_rate)
        if rate > max_http_error_rate
        else None
    )
    checks.append(
        Check(
            "http_error_rate",
            round(rate, 4),
            max_http_error_rate,
            _judged(rate, max_http_error_rate, chance, confidence, minimum=False),
            f"{errors} errors of {attempts} requests",
            _rounded(chance),
        )
    )
    # An exception in a callback, a middleware or a pipeline is a bug (or a page the code
    # does not survive): each left a failure row, and more than allowed fail the run.
    raised = exceptions_in_code(stats)
    checks.append(
        Check(
            "exceptions",
            float(raised),
            float(max_exceptions),
            raised <= max_exceptions,
            f"{raised} failure rows from exceptions in callbacks, middlewares and pipelines",
        )
    )
    # A run that reached a budget did not crawl everything it found: a trap, or a site
    # larger than the run may be (scraper.crawl.budgets).
    reached = budgets_reached(stats, budgets)
    checks.append(
        Check(
            "budgets",
            float(len(reached)),
            0.0,
            not reached,
            "; ".join([*reached, BUDGET_ADVICE]) if reached else "no budget reached",
        )
    )
    discovered = (
        articles
        + stats.get("incremental/skipped_known", 0)
        + stats.get("incremental/not_modified", 0)
    )
    checks.append(store_check(stats))
    # Nothing discovered proves an empty site only when the site answered: server errors
    # (5xx) and requests without an answer say it is broken, whatever it holds.
    unanswered = stats.get("failures/download", 0) + sum(
        n for status, n in answers.items() if status >= 500
    )
    detail = f"{articles} stored, {discovered - articles} known from earlier runs"
    failing = {c.name for c in checks if not c.ok}
    broken = bool(failing & {"http_error_rate", "exceptions"})
    if discovered == 0:
        detail += _why_not_empty(stats, failing, unanswered, errors)
    checks.append(Check("articles_discovered", float(discovered), 1.0, discovered > 0, detail))

    reason = stats.get("finish_reason")
    if reason != "finished" and reason not in BUDGET_FINISH_REASONS:
        return EXIT_UNFINISHED, checks
    # Records the database refused: emptiness and drift are judged on what was stored, so
    # they would only echo the loss. A budget reached: the run did not see everything.
    if reached or any(not c.ok for c in checks if c.name == "store_errors"):
        return EXIT_FAILURES, checks
    if discovered == 0:
        return EXIT_FAILURES if broken or unanswered else EXIT_EMPTY, checks
    if any(not c.ok for c in checks if c.name in (*MONITORED_FIELDS, "list_item_windows")):
        return EXIT_DRIFT, checks
    if any(not c.ok for c in checks if c.name in ("http_error_rate", "exceptions")):
        return EXIT_FAILURES, checks
    return EXIT_OK, checks


# The retry middleware's reason for an answer it retried (scraper.crawl.retry).
RETRIED_ANSWER = re.compile(r"retry/reason_count/HTTP (\d{3})")


def final_answers(stats: dict[str, Any]) -> dict[int, int]:
    """Responses per HTTP status, each request counted by its last answer: the answers the
    retry middleware threw away for another attempt (`retry/reason_count/HTTP 503`) are
    left out."""
    answers: dict[int, int] = {}
    for key, value in stats.items():
        if key.startswith("downloader/response_status_count/"):
            status = int(key.rsplit("/", 1)[1])
            answers[status] = answers.get(status, 0) + value
    for key, value in stats.items():
        retried = RETRIED_ANSWER.fullmatch(key)
        if retried:
            status = int(retried[1])
            answers[status] = max(answers.get(status, 0) - value, 0)
    return answers


def _why_not_empty(
    stats: dict[str, Any], failing: set[str], unanswered: int, http_errors: int
) -> str:
    """Why a run that discovered nothing does not prove the site empty ("" when it does):
    the site is broken only when its requests failed; a store or a crawl that failed says
    nothing of the site."""
    if unanswered or "http_error_rate" in failing:
        known = stats.get("incremental/known_articles", 0)
        if unanswered:
            why = f"; {unanswered} requests got a server error or no answer"
        else:
            why = f"; {http_errors} requests got an HTTP error"
        why += f", {known} articles stored by earlier runs" if known else ""
        return why + ": the site is broken, not empty"
    if "store_errors" in failing:
        refused = stats.get("store/errors", 0)
        return f"; the database refused {refused} writes: the site is not judged empty"
    if "exceptions" in failing:
        raised = exceptions_in_code(stats)
        return f"; {raised} exceptions in the crawl's own code: the site is not judged empty"
    return ""


def store_check(stats: dict[str, Any]) -> Check:
    """Every write the database refused (a page's records, a failure row, the run's start
    or end) fails the run: what it lost is in the log and the failure file."""
    refused = stats.get("store/errors", 0)
    detail = f"{refused} writes the database refused"
    if stats.get("store/first_error"):
        detail += f", the first: {stats['store/first_error']}"
    # Each refused item, failure row or run end is one write above; the failure rows the
    # database could not take went to the failure file, or only to the log.
    if stats.get("store/failure_file_lines"):
        detail += f"; {stats['store/failure_file_lines']} failure rows went to the failure file"
    if stats.get("store/failure_file_refused"):
        detail += f"; {stats['store/failure_file_refused']} could not be written there (log only)"
    if stats.get("store/unavailable"):
        detail += f"; the store stopped: {stats['store/unavailable']}"
    return Check("store_errors", float(refused), 0.0, refused == 0, detail)


def after_store_error(stats: dict[str, Any]) -> dict[str, Any]:
    """The verdict of a run that the monitor judged before the store refused a write (the
    run's end, a last failure row): its store check failed, and exit 4 unless unfinished."""
    code, checks = verdict(stats)
    checks = [c for c in checks if c.name != "store_errors"] + [store_check(stats)]
    if code != EXIT_UNFINISHED:
        code = EXIT_FAILURES
    return as_stats(code, checks)


STATUS_NAMES = {
    EXIT_OK: "ok",
    EXIT_UNFINISHED: "unfinished",
    EXIT_DRIFT: "drift",
    EXIT_FAILURES: "failures",
    EXIT_EMPTY: "empty",
}


def as_stats(code: int, checks: list[Check]) -> dict[str, Any]:
    """The monitor's verdict in the shape stored in crawl_runs.stats."""
    return {
        "monitor/status": STATUS_NAMES.get(code, str(code)),
        "monitor/exit_code": code,
        "monitor/checks": [asdict(check) for check in checks],
    }


def most_severe(codes: list[int]) -> int:
    """The most severe of several exit codes (one outside SEVERITY ranks first); none is
    unfinished."""
    if not codes:
        return EXIT_UNFINISHED
    return min(codes, key=lambda code: SEVERITY.index(code) if code in SEVERITY else -1)


def verdict(stats: dict[str, Any]) -> tuple[int, list[Check]]:
    """The exit code and checks a finished run recorded in its stats."""
    checks = [Check(**check) for check in stats.get("monitor/checks", [])]
    return stats.get("monitor/exit_code", EXIT_UNFINISHED), checks


def describe(code: int, checks: list[Check]) -> str:
    if not checks:
        return "monitor: no verdict recorded"
    failing = [c for c in checks if not c.ok]
    # Passed, but only because chance explains the shortfall: worth a look, not an alarm.
    tolerated = [c for c in checks if c.ok and c.chance is not None]
    text = f"monitor: {STATUS_NAMES.get(code, code)}"
    if failing:
        text += ": " + "; ".join(_describe_check(c) for c in failing)
    if tolerated:
        text += "; within chance: " + "; ".join(_describe_check(c) for c in tolerated)
    return text


def _describe_check(check: Check) -> str:
    if check.name == "articles_discovered":
        return f"nothing discovered ({check.detail})"
    if check.name == "store_errors":
        return f"store errors {check.value:.0f} ({check.detail}; see the log and the failure file)"
    if check.name == "budgets":
        return f"budget reached: {check.detail}"
    if check.name == "exceptions":
        return f"exceptions {check.value:.0f} (at most {check.threshold:.0f}; {check.detail})"
    needs = "at most" if check.name == "http_error_rate" else "needs"
    chance = "" if check.chance is None else f", chance {_percent(check.chance)}"
    return f"{check.name} {check.value:.2%} ({needs} {check.threshold:.0%}; {check.detail}{chance})"
