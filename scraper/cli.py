"""`scraper` command line: serve-site, crawl, demo, extract, dates, summary."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scraper.testkit.server import BUNDLED_SITE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scraper", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve-site", help="serve the bundled site on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--site-dir", type=Path, default=BUNDLED_SITE)
    serve.add_argument("--faults", type=int, metavar="SEED", help="serve a seeded mix of faults")
    serve.add_argument("--fault-rate", type=float, default=0.3, help="share of faulty pages")
    serve.set_defaults(run=_serve)

    crawl = commands.add_parser("crawl", help="crawl one or more configured sites")
    crawl.add_argument("sites", nargs="*", default=["zox-demo"], help="site names or TOML paths")
    crawl.add_argument("--db", default="news.db")
    crawl.add_argument(
        "--base-url",
        help="where a replay of the site is served (overrides the site's `replay`); "
        "URLs stay the site's own",
    )
    crawl.add_argument("--log-level", default="WARNING")
    crawl.add_argument(
        "--recent-days",
        type=float,
        help="re-fetch stored articles published within this many days (default: settings)",
    )
    crawl.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable), e.g. --set DOWNLOAD_TIMEOUT=10",
    )
    crawl.set_defaults(run=_crawl)

    demo = commands.add_parser("demo", help="serve the bundled site and crawl it into --db")
    demo.add_argument("--db", default="news.db")
    demo.add_argument("--port", type=int, default=0, help="0 picks a free port")
    demo.add_argument("--log-level", default="WARNING")
    demo.set_defaults(run=_demo)

    extract = commands.add_parser("extract", help="extract saved pages; print JSON")
    extract.add_argument("files", nargs="+", help="HTML files, or - for stdin")
    extract.add_argument("--url", help="the page's URL (one file only)")
    extract.add_argument("--reference", help="ISO 8601 render/fetch time of the page")
    extract.add_argument(
        "--site", help="site configuration (profile, timezone); default: detect the profile"
    )
    extract.add_argument(
        "--timezone",
        default="unknown",
        help="timezone when no --site is given (default: unknown, a window of UTC-12 to UTC+14)",
    )
    extract.set_defaults(run=_extract)

    dates = commands.add_parser("dates", help="resolve date strings from stdin, one per line")
    dates.add_argument("--reference", required=True, help="ISO 8601 reference time")
    dates.add_argument("--timezone", default="UTC", help="the site's timezone")
    dates.set_defaults(run=_dates)

    find = commands.add_parser(
        "search",
        help="full-text search, Arabic variants folded",
        description="Full-text search, Arabic variants folded. All words must match; "
        '"a phrase" matches its words in order, A OR B either, word* any word starting so, '
        "-word excludes (docs/search.md).",
    )
    find.add_argument("query", nargs="*", help="the query: one argument, or several words")
    _add_filters(find)
    find.add_argument("--limit", type=int, default=20)
    find.add_argument(
        "--rank-all",
        action="store_true",
        help="rank every match (by default a query matching more than 10,000 articles ranks "
        "the 10,000 most recently stored of them)",
    )
    find.set_defaults(run=_search)

    export = commands.add_parser("export", help="export articles or sightings")
    export.add_argument("--format", required=True, choices=("csv", "jsonl", "parquet"))
    export.add_argument("--output", default="-", help="file path, or - for stdout (not parquet)")
    export.add_argument("--table", default="articles", choices=("articles", "sightings"))
    _add_filters(export)
    export.set_defaults(run=_export)

    stats = commands.add_parser("stats", help="counts per site, category and day; coverage")
    _add_filters(stats)
    stats.add_argument("--days", type=int, default=30, help="how many days to list")
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")
    stats.set_defaults(run=_stats)

    browse = commands.add_parser("browse", help="open the database in Datasette, read-only")
    browse.add_argument("--db", default="news.db")
    browse.add_argument("--host", default="127.0.0.1")
    browse.add_argument("--port", type=int, default=8001)
    browse.set_defaults(run=_browse)

    fixtures = commands.add_parser("fixtures", help="record, check or update test fixtures")
    actions = fixtures.add_subparsers(dest="action", required=True)
    record = actions.add_parser("record", help="save a page and its expected record")
    record.add_argument("url")
    record.add_argument("--site", required=True, help="site configuration; also the folder name")
    record.set_defaults(run=_fixtures_record)
    actions.add_parser("check", help="re-extract every fixture; diff").set_defaults(
        run=_fixtures_check
    )
    actions.add_parser("update", help="rewrite expected records (after review)").set_defaults(
        run=_fixtures_update
    )
    for action in actions.choices.values():
        action.add_argument("--root", type=Path, help="fixtures folder (default tests/fixtures)")

    report = commands.add_parser("report", help="summarize a crawl run; write an HTML report")
    report.add_argument("--db", default="news.db")
    report.add_argument("--run", dest="run_id", type=int, help="run id (default: the latest)")
    report.add_argument("--html", default="report.html", help="where to write the HTML report")
    report.set_defaults(run=_report)

    summary = commands.add_parser("summary", help="summarize a database")
    summary.add_argument("--db", default="news.db")
    summary.set_defaults(run=_summary)

    argv = sys.argv[1:] if argv is None else argv
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":
        args.query = _search_query(argv, args.query, unknown, find)
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return args.run(args)
    except (OSError, ValueError, KeyError, LookupError, sqlite3.Error, RuntimeError) as exc:
        # Bad arguments, missing files, unknown sites or zones, foreign databases: one
        # clear line, not a traceback.
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"scraper {args.command}: error: {message}", file=sys.stderr)
        return 2


def _add_filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--db", default="news.db")
    command.add_argument("--site")
    command.add_argument("--category")
    command.add_argument("--since", help="ISO 8601 lower bound on published_at")
    command.add_argument("--until", help="ISO 8601 upper bound on published_at")


def _filter_args(args: argparse.Namespace) -> dict[str, str | None]:
    if not Path(args.db).is_file():
        raise FileNotFoundError(f"no database at {args.db}")
    return {"site": args.site, "category": args.category, "since": args.since, "until": args.until}


def parse_reference(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"--reference must be ISO 8601, e.g. 2025-12-15T09:00:00Z (got {value!r})"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _serve(args: argparse.Namespace) -> int:
    from scraper.testkit.server import make_server

    plan = None
    if args.faults is not None:
        from scraper.testkit.faults import FaultPlan

        plan = FaultPlan(args.faults, rate=args.fault_rate)
    server = make_server(args.site_dir, port=args.port, faults=plan)
    host, port = server.server_address[:2]
    mode = f" with faults (seed {args.faults}, rate {args.fault_rate})" if plan else ""
    print(f"Serving {args.site_dir} on http://{host}:{port}/{mode} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def run_crawl(
    sites: list[str],
    db: str,
    base_url: str | None,
    log_level: str,
    recent_days: float | None = None,
    overrides: list[str] | None = None,
) -> dict[str, tuple[dict[str, Any], int, list[Any]]]:
    """Crawl `sites` into `db` in this process; per site: its stats, exit code and checks."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from scraper.ops.monitor import monitor_settings, verdict
    from scraper.sites import load_site

    for site in sites:
        load_site(site)  # an unknown site stops here with one line, before Scrapy starts
    settings = Settings()
    settings.setmodule("scraper.crawl.settings", priority="project")
    settings.set("SCRAPER_DB_PATH", str(db))
    settings.set("LOG_LEVEL", log_level)
    if recent_days is not None:
        settings.set("SCRAPER_RECENT_DAYS", recent_days)
    for override in overrides or []:
        name, separator, value = override.partition("=")
        if not separator or not name.strip():
            raise ValueError(f"--set takes NAME=VALUE (got {override!r})")
        settings.set(name.strip(), value, priority="cmdline")
    monitor_settings(settings)  # a bad threshold or confidence: exit 2 before crawling
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler("news")  # by name: the project's spider loader finds it
        crawlers.append((site, crawler))
        process.crawl(crawler, site=site, base_url=base_url)
    process.start()
    results = {}
    for site, crawler in crawlers:
        stats = crawler.stats.get_stats()
        results[site] = (stats, *verdict(stats))
    return results


def _crawl(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, crawl_locks

    try:
        with crawl_locks(args.db, args.sites):
            results = run_crawl(
                args.sites, args.db, args.base_url, args.log_level, args.recent_days, args.overrides
            )
    except AlreadyRunning as exc:
        print(f"scraper crawl: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    return _report_crawl(results, args.db)


# When several sites fail differently, the exit code names the most serious failure.
_SEVERITY = (1, 3, 4, 5, 0)


def _report_crawl(results: dict[str, tuple[dict[str, Any], int, list[Any]]], db: str) -> int:
    from scraper.ops.monitor import describe

    codes = []
    for site, (values, code, checks) in results.items():
        print(
            f"{site}: {values.get('downloader/response_count', 0)} responses, "
            f"{values.get('store/articles', 0)} articles and "
            f"{values.get('store/list_items', 0)} list-item sightings processed, "
            f"{values.get('incremental/skipped_known', 0)} stored articles skipped, "
            f"{sum(v for k, v in values.items() if k.startswith('failures/'))} failures, "
            f"finish reason {values.get('finish_reason')}"
        )
        print(f"{site}: {describe(code, checks)} (exit {code})")
        codes.append(code)
    return min(codes, key=_SEVERITY.index) if codes else 0


def _demo(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, crawl_locks
    from scraper.ops.summary import summarize
    from scraper.testkit.server import BackgroundServer

    try:
        with crawl_locks(args.db, ["zox-demo"]), BackgroundServer(port=args.port) as base_url:
            print(f"Serving the bundled site on {base_url}/ and crawling it into {args.db} ...")
            results = run_crawl(["zox-demo"], args.db, base_url, args.log_level)
    except AlreadyRunning as exc:
        print(f"scraper demo: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    status = _report_crawl(results, args.db)
    print()
    print(summarize(args.db))
    return status


def _manifest_entry(path: Path) -> tuple[str | None, str | None]:
    """URL and Date of a file that belongs to a saved site (its manifest names it)."""
    for folder in path.resolve().parents:
        manifest = folder / "manifest.json"
        if manifest.is_file():
            data = json.loads(manifest.read_text(encoding="utf-8"))
            relative = path.resolve().relative_to(folder).as_posix()
            for entry in data.get("responses", []):
                if entry.get("file") == relative:
                    return data["origin"] + entry["path"], entry.get("headers", {}).get("Date")
            return None, None
    return None, None


def _extract(args: argparse.Namespace) -> int:
    from scraper.extract import extract_page
    from scraper.sites import load_site
    from scraper.time import http_date

    if args.url and len(args.files) > 1:
        print(
            "--url applies to one file; with several, each page's canonical link is used",
            file=sys.stderr,
        )
        return 2
    site = load_site(args.site) if args.site else None
    profile = site.extraction_profile() if site else "auto"
    timezone = site.timezone if site else args.timezone
    for name in args.files:
        body = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        url, date_header = (None, None) if name == "-" else _manifest_entry(Path(name))
        url = args.url or url or (Path(name).resolve().as_uri() if name != "-" else "about:blank")
        if args.reference:
            reference = parse_reference(args.reference)
        else:
            reference = http_date(date_header)
            if reference is None:
                reference = datetime.now(UTC)
                print(
                    f"scraper extract: no --reference and no recorded Date for {name}: "
                    f"relative times resolved against now ({reference:%Y-%m-%dT%H:%M:%SZ})",
                    file=sys.stderr,
                )
        page = extract_page(
            body,
            url,
            reference,
            site=site.name if site else "",
            profile=profile,
            timezone=timezone,
        )
        output = {
            "url": page.url,
            "page_type": page.page_type,
            "reason": page.reason,
            "reference_time": reference.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "article": page.article.as_dict() if page.article else None,
            "list_items": [item.as_dict() for item in page.list_items],
        }
        print(json.dumps(output, ensure_ascii=False))
    return 0


def _dates(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from scraper.time import read_time

    reference = parse_reference(args.reference)
    ZoneInfo(args.timezone)  # an unknown zone stops here, before any input is read
    for line in sys.stdin:
        text = line.rstrip("\n")
        reading = read_time(text, reference, args.timezone)
        print(json.dumps({"input": text, **reading.as_dict()}, ensure_ascii=False), flush=True)
    return 0


def _search_query(
    argv: list[str], words: list[str], unknown: list[str], command: argparse.ArgumentParser
) -> str:
    """The query of `scraper search`, its words in the order given. argparse takes a word
    starting with "-" (an exclusion, `scraper search سوريا -تركيا`) for an unknown option:
    such words are the query's too; only unknown `--options` are errors."""
    options = [arg for arg in unknown if arg.startswith("--")]
    if options:
        command.error(f"unrecognized arguments: {' '.join(options)}")
    pending = Counter(words) + Counter(unknown)
    query = []
    for arg in argv[1:]:
        if pending[arg]:
            query.append(arg)
            pending[arg] -= 1
    if not query:
        command.error("the following arguments are required: query")
    return " ".join(query)


def _search(args: argparse.Namespace) -> int:
    from scraper.store.queries import search_index_outdated
    from scraper.store.search import search

    if search_index_outdated(args.db):
        print(
            f"scraper search: upgrading the search index of {args.db} (an older version "
            "built it) first",
            file=sys.stderr,
        )
    window = {"rank_window": None} if args.rank_all else {}
    hits = search(args.db, args.query, limit=args.limit, **window, **_filter_args(args))
    for number, hit in enumerate(hits, 1):
        print(f"{number}. {hit.headline}")
        print(f"   {hit.published_at or 'undated'} · {hit.category or '-'} · {hit.url}")
        print(f"   {hit.snippet}")
    if not hits:
        print("no results", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from scraper.store.export import export

    filter_args = _filter_args(args)
    output = sys.stdout if args.output == "-" else args.output
    count = export(args.db, args.format, output, table=args.table, **filter_args)
    print(f"exported {count} {args.table} rows", file=sys.stderr)
    return 0


def _stats(args: argparse.Namespace) -> int:
    from scraper.ops.summary import format_statistics
    from scraper.store.queries import statistics

    stats = statistics(args.db, days=args.days, **_filter_args(args))
    print(
        json.dumps(stats, ensure_ascii=False, indent=2) if args.json else format_statistics(stats)
    )
    return 0


def _browse(args: argparse.Namespace) -> int:
    from scraper.store.browse import browse

    return browse(args.db, host=args.host, port=args.port)


def _fixtures_root(args: argparse.Namespace) -> Path:
    from scraper.testkit.fixtures import FIXTURES_ROOT

    return args.root or FIXTURES_ROOT


def _fixtures_record(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import record

    path = record(args.url, args.site, _fixtures_root(args))
    print(f"saved {path} and {path.with_suffix('.expected.json').name}: review the record")
    return 0


def _fixtures_check(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import check

    checked, differences = check(_fixtures_root(args))
    for difference in differences:
        print(difference.diff)
    print(f"{checked} fixtures checked, {len(differences)} differ", file=sys.stderr)
    return 1 if differences else 0


def _fixtures_update(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import update

    print(f"{update(_fixtures_root(args))} expected records rewritten")
    return 0


def _report(args: argparse.Namespace) -> int:
    from scraper.ops.report import format_run_summary, render_html, run_summary

    summary = run_summary(args.db, args.run_id)
    print(format_run_summary(summary))
    Path(args.html).write_text(render_html(summary), encoding="utf-8")
    print(f"\nHTML report: {args.html}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from scraper.ops.summary import summarize

    if not Path(args.db).is_file():
        print(f"no database at {args.db}", file=sys.stderr)
        return 2
    print(summarize(args.db))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
