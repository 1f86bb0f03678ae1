"""After each run: are the values still there? Field shares, list-item windows, HTTP errors.

A theme redesign rarely breaks a crawl; it quietly empties fields. So each run counts, per
article it stored, which monitored fields carry a real value (a body of at least
`SCRAPER_MONITOR_MIN_BODY_CHARS` characters, not just any body), compares the shares with
the thresholds in settings, and turns a breach into an exit code that cron can see.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# Exit codes of `scraper crawl` (documented in docs/operations.md).
EXIT_OK = 0
EXIT_UNFINISHED = 1
EXIT_USAGE = 2
EXIT_DRIFT = 3
EXIT_FAILURES = 4
EXIT_EMPTY = 5
EXIT_RUNNING = 75

MONITORED_FIELDS = ("headline", "body", "published_at", "category", "source")


@dataclass
class Check:
    name: str
    value: float | None
    threshold: float
    ok: bool
    detail: str


def count_article(stats: Any, article: Any, min_body_chars: int) -> None:
    """Record which monitored fields of one stored article hold a real value."""
    stats.inc_value("monitor/articles")
    present = {
        "headline": bool(article.headline),
        "body": len(article.body or "") >= min_body_chars,
        "published_at": bool(article.published_at),
        "category": bool(article.category),
        "source": bool(article.source),
    }
    for name, ok in present.items():
        if ok:
            stats.inc_value(f"monitor/present/{name}")


def count_sightings(stats: Any, sightings: list[Any]) -> None:
    """Record how many of a page's list items have a time window."""
    # Sitemap lastmod is an upper bound by design, never a window.
    counted = [s for s in sightings if s.widget != "sitemap"]
    if not counted:
        return
    stats.inc_value("monitor/list_items", len(counted))
    windows = sum(1 for s in counted if s.earliest is not None and s.latest is not None)
    if windows:
        stats.inc_value("monitor/present/list_item_windows", windows)


def evaluate(
    stats: dict[str, Any], thresholds: dict[str, float], max_http_error_rate: float
) -> tuple[int, list[Check]]:
    """The run's exit code and every check behind it."""
    checks: list[Check] = []
    articles = stats.get("monitor/articles", 0)
    for name in MONITORED_FIELDS:
        if articles:
            share = stats.get(f"monitor/present/{name}", 0) / articles
            checks.append(
                Check(
                    name,
                    round(share, 4),
                    thresholds[name],
                    share >= thresholds[name],
                    f"{stats.get(f'monitor/present/{name}', 0)} of {articles} articles",
                )
            )
    items = stats.get("monitor/list_items", 0)
    if items:
        share = stats.get("monitor/present/list_item_windows", 0) / items
        threshold = thresholds["list_item_windows"]
        checks.append(
            Check(
                "list_item_windows",
                round(share, 4),
                threshold,
                share >= threshold,
                f"{stats.get('monitor/present/list_item_windows', 0)} of {items} list items",
            )
        )
    responses = stats.get("downloader/response_count", 0)
    errors = sum(
        value
        for key, value in stats.items()
        if key.startswith("downloader/response_status_count/") and int(key.rsplit("/", 1)[1]) >= 400
    ) + stats.get("failures/download", 0)
    attempts = responses + stats.get("failures/download", 0)
    rate = errors / attempts if attempts else 0.0
    checks.append(
        Check(
            "http_error_rate",
            round(rate, 4),
            max_http_error_rate,
            rate <= max_http_error_rate,
            f"{errors} errors of {attempts} requests",
        )
    )
    discovered = (
        articles
        + stats.get("incremental/skipped_known", 0)
        + stats.get("incremental/not_modified", 0)
    )
    checks.append(
        Check(
            "articles_discovered",
            float(discovered),
            1.0,
            discovered > 0,
            f"{articles} stored, {discovered - articles} known from earlier runs",
        )
    )

    if stats.get("finish_reason") != "finished":
        return EXIT_UNFINISHED, checks
    if discovered == 0:
        return EXIT_EMPTY, checks
    if any(not c.ok for c in checks if c.name in (*MONITORED_FIELDS, "list_item_windows")):
        return EXIT_DRIFT, checks
    if not next(c for c in checks if c.name == "http_error_rate").ok:
        return EXIT_FAILURES, checks
    return EXIT_OK, checks


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


def verdict(stats: dict[str, Any]) -> tuple[int, list[Check]]:
    """The exit code and checks a finished run recorded in its stats."""
    checks = [Check(**check) for check in stats.get("monitor/checks", [])]
    return stats.get("monitor/exit_code", EXIT_UNFINISHED), checks


class MonitorExtension:
    """Judges every run when it closes, however it was started (scraper crawl, scrapy
    crawl, scrapyd), and leaves the verdict in its stats for the store and the report."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> MonitorExtension:
        from scrapy import signals

        extension = cls(crawler)
        # Before the store pipeline's own spider_closed handler, which writes the run row.
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Any, reason: str) -> None:
        settings = self.crawler.settings
        stats = self.crawler.stats
        code, checks = evaluate(
            {**stats.get_stats(), "finish_reason": reason},
            settings.getdict("SCRAPER_MONITOR_THRESHOLDS"),
            settings.getfloat("SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE"),
        )
        for key, value in as_stats(code, checks).items():
            stats.set_value(key, value)


def describe(code: int, checks: list[Check]) -> str:
    failing = [c for c in checks if not c.ok]
    if not failing:
        return "monitor: ok"
    parts = [
        f"{c.name} {c.value:.2%} (needs {c.threshold:.0%}; {c.detail})"
        if c.name != "articles_discovered"
        else f"nothing discovered ({c.detail})"
        for c in failing
    ]
    return f"monitor: {STATUS_NAMES.get(code, code)}: " + "; ".join(parts)
