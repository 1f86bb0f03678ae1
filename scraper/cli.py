"""`scraper`: crawl Arabic WordPress news sites into SQLite, then search, export and inspect
the database. Errors print one line, `scraper COMMAND: error: ...`, and exit 2."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

# Each command imports what it needs when it runs: `scraper extract`, `search`, `dates` and
# `--help` start without the crawl's modules (Scrapy, Redis, the replay server).
from scraper.testkit import BUNDLED_SITE

if TYPE_CHECKING:
    from scraper.crawl.distributed import RunKeys
    from scraper.sites import SiteConfig

# The exit status of a command whose reader went away (`scraper export ... | head`), as
# for a tool killed by SIGPIPE: 128 + 13.
EXIT_BROKEN_PIPE = 141


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each option's default, unless there is none or its help already names it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        if action.default in (None, False, [], argparse.SUPPRESS) or "default" in help_text:
            return help_text
        return super()._get_help_string(action) or help_text


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error of the command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("arabic-news-scraper")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _VersionAction(argparse.Action):
    """`--version`, the installed package's version looked up only when asked for: the
    lookup (importlib.metadata) cost every command a tenth of its start-up."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="scraper", description=__doc__)
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve-site", help="serve the bundled site on 127.0.0.1")
    serve.add_argument("--port", type=_port, default=8765, help="0 picks a free port")
    serve.add_argument(
        "--site-dir",
        type=Path,
        default=BUNDLED_SITE,
        help="the saved site: a folder with its pages and a manifest.json naming each one's "
        'path, status and headers (docs/adding-a-site.md, "Serving saved pages")',
    )
    serve.add_argument(
        "--warc",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="serve the responses archived in these WARC files instead of --site-dir (the "
        "origin most records came from, each path's last capture, with recorded status and "
        "headers)",
    )
    serve.add_argument("--faults", type=int, metavar="SEED", help="serve a seeded mix of faults")
    serve.add_argument("--fault-rate", type=_share, default=0.3, help="share of faulty pages")
    serve.add_argument(
        "--hostile",
        metavar="SCENARIO",
        help="serve one hostile scenario of scraper/testkit/hostile.py (a trap, a hostile "
        "header, a bad input), e.g. endless-pagination",
    )
    serve.set_defaults(run=_serve)

    crawl = commands.add_parser(
        "crawl",
        help="crawl one or more configured sites",
        description="Crawl sites into --db, incrementally. To crawl the bundled demo site, "
        "start `scraper serve-site` first (or run `scraper demo`, which does both).",
    )
    crawl.add_argument(
        "sites", nargs="+", metavar="SITE", help="site names (scraper/sites/) or TOML paths"
    )
    crawl.add_argument("--db", default="news.db", help="the SQLite database (created if missing)")
    crawl.add_argument(
        "--state-db",
        metavar="PATH",
        help="a central database (read, never written) whose articles count as already "
        "stored too, e.g. the one `scraper merge` fills (the setting SCRAPER_STATE_DB)",
    )
    crawl.add_argument(
        "--base-url",
        help="where a replay of the site is served (overrides the site's `replay`); "
        "URLs stay the site's own",
    )
    crawl.add_argument("--log-level", default="WARNING", help="Scrapy's log level")
    crawl.add_argument(
        "--recent-days",
        type=_non_negative_float,
        help="re-fetch stored articles published within this many days (default: settings)",
    )
    crawl.add_argument(
        "--allow-worse",
        action="store_true",
        help="store re-fetched articles even when they look worse than the stored version "
        "(mojibake, fields lost, body cut); by default the stored version stays and the run "
        "records a failure (the setting SCRAPER_ALLOW_WORSE)",
    )
    crawl.add_argument(
        "--no-warc",
        action="store_true",
        help="archive no response in WARC files (by default every one goes to "
        "<db>.warc/; the setting SCRAPER_WARC)",
    )
    crawl.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable), e.g. --set DOWNLOAD_TIMEOUT=10",
    )
    crawl.add_argument(
        "--redis",
        metavar="URL",
        help="be one worker of a distributed run of one site, sharing its queue in Redis "
        "at URL (redis://HOST:PORT/DB; needs the `distributed` extra); with --run and "
        "--workers, each worker into its own --db shard (the setting SCRAPER_REDIS_URL)",
    )
    crawl.add_argument(
        "--run",
        dest="run_id",
        metavar="ID",
        help="with --redis: the run id every worker of the run is given",
    )
    crawl.add_argument(
        "--workers",
        type=_positive_int,
        help="with --redis: how many workers the run has; each takes its share of the "
        "site's concurrency and delay",
    )
    crawl.set_defaults(run=_crawl)

    redis_status = commands.add_parser(
        "redis-status",
        help="the state or verdict of a distributed run (read only)",
        description="Print a distributed run's state as one JSON line: live (workers, "
        "queued requests), or finished with its aggregated verdict. Exit: the run's "
        "aggregated code once finished, 75 while live, 2 for a run Redis does not know, "
        "69 when Redis cannot be reached.",
    )
    redis_status.add_argument("site", metavar="SITE", help="site name or TOML path")
    redis_status.add_argument("--redis", required=True, metavar="URL", help="redis://HOST:PORT/DB")
    redis_status.add_argument(
        "--run", dest="run_id", required=True, metavar="ID", help="the run id"
    )
    redis_status.set_defaults(run=_redis_status)

    demo = commands.add_parser("demo", help="serve the bundled site and crawl it into --db")
    demo.add_argument("--db", default="news.db", help="the SQLite database (created if missing)")
    demo.add_argument("--port", type=_port, default=0, help="0 picks a free port")
    demo.add_argument("--log-level", default="WARNING", help="Scrapy's log level")
    demo.set_defaults(run=_demo)

    show = commands.add_parser(
        "show",
        help="print a stored article (or page) with its provenance; --raw: the archived response",
    )
    show.add_argument("url", help="the article's URL (canonical or as fetched), or a page's")
    show.add_argument("--db", default="news.db", help="the SQLite database")
    show.add_argument(
        "--raw",
        action="store_true",
        help="print the HTTP response archived in the WARC file (status line, headers, body "
        "as received) instead",
    )
    show.set_defaults(run=_show)

    prune_warc = commands.add_parser(
        "prune-warc",
        help="delete WARC files older than --keep-days; their rows stay, marked pruned",
    )
    prune_warc.add_argument(
        "--keep-days",
        type=_non_negative_float,
        required=True,
        help="keep the files written within this many days",
    )
    prune_warc.add_argument("--db", default="news.db", help="the SQLite database")
    prune_warc.add_argument(
        "--warc-dir",
        metavar="DIR",
        help="where the crawl wrote them (its SCRAPER_WARC_DIR; default <db>.warc/)",
    )
    prune_warc.set_defaults(run=_prune_warc)

    reextract = commands.add_parser(
        "reextract",
        help="re-run today's extraction over the archived responses; store what changed",
        description="Re-extract the archived responses the database refers to (each "
        "article's, and the latest of every page) with this version's extraction, on all "
        "cores. Unchanged records are not touched; a changed article gets a revision marked "
        "with the extractor version. A killed run resumes when run again with the same "
        "filters. Records whose WARC file was pruned or is missing are skipped and counted.",
    )
    reextract.add_argument("--db", default="news.db", help="the SQLite database")
    reextract.add_argument(
        "--site",
        dest="sites",
        action="append",
        default=[],
        metavar="SITE",
        help="only this site (its name, or the path of its site file, whose configuration "
        "is then read instead of the one its last crawl stored: a site file just fixed; "
        "repeatable)",
    )
    reextract.add_argument(
        "--since",
        type=_since,
        metavar="TIME",
        help="only responses fetched since TIME (ISO 8601, or 2d, 1w ago, today, ...)",
    )
    reextract.add_argument(
        "--url-like", metavar="PATTERN", help="only URLs matching this SQL LIKE pattern"
    )
    reextract.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="extraction processes (1: in this process)",
    )
    reextract.add_argument(
        "--allow-worse",
        action="store_true",
        help="store a reading that looks worse than the stored article (a body or headline "
        "lost, a body cut to a third, mojibake); by default the stored one stays, as in a "
        "crawl",
    )
    reextract.add_argument(
        "--dry-run", action="store_true", help="compare and report; write nothing"
    )
    reextract.add_argument(
        "--batch",
        type=_positive_int,
        help="records per transaction (default 10,000, the store's bulk commits; a batch "
        "also commits after 2 s; a killed run redoes at most the uncommitted batch)",
    )
    reextract.set_defaults(run=_reextract)

    extract = commands.add_parser(
        "extract",
        help="extract saved pages; print JSON",
        description="Extract saved pages; print one JSON object per page. The reference time "
        "for relative dates: --reference, else the recorded Date of the page (its site's "
        "manifest.json, or a fixture's NAME.response.json beside it), else now. Times printed "
        "without an offset are read in the zone of --site or --timezone; without either the "
        'zone is "unknown": a window of UTC-12 to UTC+14, the nominal time read in the clock '
        "of the country the page's address names, where it keeps one (the JSON's "
        '"timezone" says which). '
        "A recorded Content-Type's charset is weighed as the crawl weighed it.",
    )
    extract.add_argument(
        "files", nargs="+", help="HTML files, or - for stdin (at most 32 MiB each)"
    )
    extract.add_argument(
        "--url", help="the page's URL (one file only; default: the recorded URL, else the file's)"
    )
    extract.add_argument(
        "--reference",
        help="ISO 8601 render/fetch time of the page (default: its recorded Date header, else now)",
    )
    extract.add_argument(
        "--site", help="site configuration (profile, timezone); default: detect the profile"
    )
    extract.add_argument(
        "--timezone",
        default="unknown",
        help="timezone when no --site is given (default: unknown, a window of UTC-12 to UTC+14)",
    )
    extract.set_defaults(run=_extract)

    import_warc = commands.add_parser(
        "import-warc",
        help="extract articles from WARC files (CC-NEWS, Browsertrix, Heritrix) into --db",
        description="Extract the articles and list items of every response record of the "
        "WARC files into --db, as a crawl stores them: a host of a configured site is read "
        "with that site's profile, any other with theme detection or the generic path. Each "
        "record's WARC-Date is its reference time. Every record skipped is counted with its "
        "reason. Exit 0 once any record could be read (damage is reported), 65 when none "
        "could.",
    )
    import_warc.add_argument(
        "files", nargs="+", metavar="FILE", help="WARC files (.warc, .warc.gz)"
    )
    import_warc.add_argument(
        "--db", default="news.db", help="the SQLite database (created if missing)"
    )
    which = import_warc.add_mutually_exclusive_group()
    which.add_argument(
        "--site", help="read every record with this site's configuration (name or TOML path)"
    )
    which.add_argument(
        "--domains",
        type=_domains,
        metavar="LIST",
        help="comma-separated hosts to take (with their subdomains); the rest are skipped",
    )
    import_warc.add_argument(
        "--language",
        choices=("ar",),  # scraper.warcimport.importer knows the script of these
        help="skip pages in another language (their <html lang>, else their script)",
    )
    import_warc.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="extract in N worker processes (default: in this process); the records are "
        "stored in file order either way",
    )
    import_warc.set_defaults(run=_import_warc)

    dates = commands.add_parser(
        "dates",
        help="resolve date strings from stdin, one per line",
        description="Resolve date strings from stdin, one JSON object per line. Times printed "
        'without an offset are read in --timezone; without it the zone is "unknown", as '
        "for scraper extract without --site: a window of UTC-12 to UTC+14 (each line's "
        '"timezone" says which zone was assumed).',
    )
    dates.add_argument("--reference", required=True, help="ISO 8601 reference time")
    dates.add_argument(
        "--timezone",
        default="unknown",
        help="the site's timezone (default: unknown, a window of UTC-12 to UTC+14)",
    )
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
    find.add_argument("--limit", type=_positive_int, default=20, help="how many hits to print")
    find.add_argument(
        "--rank-all",
        action="store_true",
        help="rank every match (by default a query matching more than 10,000 articles ranks "
        "the 10,000 most recently stored of them)",
    )
    find.set_defaults(run=_search)

    export = commands.add_parser("export", help="export articles or sightings")
    export.add_argument(
        "--format", required=True, choices=("csv", "jsonl", "parquet"), help="output format"
    )
    export.add_argument("--output", default="-", help="file path, or - for stdout (not parquet)")
    export.add_argument(
        "--table", default="articles", choices=("articles", "sightings"), help="rows to export"
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="CSV for spreadsheet software: a UTF-8 byte order mark first, so Excel reads Arabic",
    )
    _add_filters(export)
    export.set_defaults(run=_export)

    merge = commands.add_parser(
        "merge", help="merge databases crawled on other hosts (shards) into one database"
    )
    merge.add_argument("shards", nargs="+", metavar="SHARD.db", help="databases to merge")
    merge.add_argument(
        "--into", required=True, metavar="CENTRAL.db", help="the database to merge into"
    )
    merge.add_argument(
        "--export",
        nargs=2,
        metavar=("parquet", "DIR"),
        help="also write the merged articles and sightings as Parquet files into DIR",
    )
    merge.set_defaults(run=_merge)

    fleet = commands.add_parser(
        "fleet",
        help="deploy to, schedule on and watch a fleet of scrapyd hosts (a fleet file)",
        description="A fleet of scrapyd hosts, each crawling its own sites into its own "
        "database (docs/operations.md, Fleet). A host that does not answer is named, its "
        "sites are skipped, the others are served, and the command exits 69.",
    )
    fleet_actions = fleet.add_subparsers(dest="action", required=True)
    fleet_deploy = fleet_actions.add_parser(
        "deploy", help="build the project's egg once and upload it to every host"
    )
    fleet_deploy.add_argument(
        "--project-dir",
        type=Path,
        help="the project's checkout (scrapy.cfg, pyproject.toml); default: the one this "
        "scraper runs from",
    )
    fleet_deploy.add_argument(
        "--version", dest="egg_version", help="the version to upload (default: the UTC time)"
    )
    fleet_deploy.set_defaults(run=_fleet_deploy)
    fleet_schedule = fleet_actions.add_parser(
        "schedule", help="schedule every site whose crawl is due (from cron or a timer)"
    )
    fleet_schedule.set_defaults(run=_fleet_schedule)
    fleet_status = fleet_actions.add_parser(
        "status", help="each host up or down, its jobs per site, each site's last verdict"
    )
    fleet_status.add_argument("--json", action="store_true", help="print JSON instead of text")
    fleet_status.set_defaults(run=_fleet_status)
    for action in fleet_actions.choices.values():
        action.add_argument("fleet_file", metavar="FLEET.toml", help="the fleet file")
        action.add_argument(
            "--timeout",
            type=_positive_float,
            default=10.0,
            help="seconds to wait for each host's answer (an upload: at least 120)",
        )

    stats = commands.add_parser("stats", help="counts per site, category and day; coverage")
    _add_filters(stats)
    stats.add_argument("--days", type=_positive_int, default=30, help="how many days to list")
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")
    stats.set_defaults(run=_stats)

    browse = commands.add_parser("browse", help="open the database in Datasette, read-only")
    browse.add_argument("--db", default="news.db", help="the SQLite database")
    browse.add_argument("--host", default="127.0.0.1", help="address to listen on")
    browse.add_argument("--port", type=_port, default=8001, help="0 picks a free port")
    browse.set_defaults(run=_browse)

    fixtures = commands.add_parser("fixtures", help="record, check or update test fixtures")
    actions = fixtures.add_subparsers(dest="action", required=True)
    record = actions.add_parser("record", help="save a page and its expected record")
    record.add_argument("url", help="the page to save (http or https, at most 16 MiB)")
    record.add_argument("--site", required=True, help="site configuration; also the folder name")
    record.add_argument(
        "--warc",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="take the page from these WARC files (its last capture) instead of fetching it",
    )
    record.set_defaults(run=_fixtures_record)
    actions.add_parser("check", help="re-extract every fixture; diff").set_defaults(
        run=_fixtures_check
    )
    actions.add_parser("update", help="rewrite expected records (after review)").set_defaults(
        run=_fixtures_update
    )
    for action in actions.choices.values():
        action.add_argument("--root", type=Path, help="fixtures folder (default tests/fixtures)")

    report = commands.add_parser("report", help="summarize a crawl run; HTML report on request")
    report.add_argument("--db", default="news.db", help="the SQLite database")
    report.add_argument(
        "--run", dest="run_id", type=_positive_int, help="run id (default: the latest)"
    )
    report.add_argument("--html", metavar="FILE", help="also write an HTML report to FILE")
    report.add_argument(
        "--reextract",
        action="store_true",
        help="the report of a re-extraction run instead (--run: its id; default the latest)",
    )
    report.set_defaults(run=_report)

    summary = commands.add_parser("summary", help="summarize a database")
    summary.add_argument("--db", default="news.db", help="the SQLite database")
    summary.set_defaults(run=_summary)

    check_site = commands.add_parser(
        "check-site", help="check a site file; fetch its first page and extract it"
    )
    check_site.add_argument("file", help="site name or TOML path")
    check_site.add_argument("--offline", action="store_true", help="check the file only")
    check_site.add_argument(
        "--base-url",
        help="where a replay of the site is served, as for scraper crawl (overrides the "
        "site's `replay`); the page keeps the site's own URL",
    )
    check_site.add_argument(
        "--timeout", type=_positive_float, default=10.0, help="seconds to wait for the page"
    )
    check_site.set_defaults(run=_check_site)

    argv = sys.argv[1:] if argv is None else argv
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":
        args.query = _search_query(argv, args.query, unknown, find)
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    command = " ".join(filter(None, (args.command, getattr(args, "action", None))))
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return status
    except BrokenPipeError:
        # The reader stopped early (`| head`): what it read was complete; leave quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (OSError, ValueError, KeyError, LookupError, sqlite3.Error, RuntimeError) as exc:
        # Bad arguments, missing files, unknown sites or zones, foreign databases: one
        # clear line, not a traceback.
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        for line in str(message).splitlines():  # a site file's problems: one line each
            print(f"scraper {command}: error: {line}", file=sys.stderr)
        return 2


# ---------------------------------------------------------------------------------------------
# Argument types: a bad value is a one-line usage error (exit 2) naming it.


def _bounded(
    convert: Callable[[str], Any], accepts: Callable[[Any], bool], expected: str
) -> Callable[[str], Any]:
    """An argparse type: `convert` the text and keep the value `accepts` takes; anything
    else is a one-line usage error saying what was `expected`."""

    def parse(value: str) -> Any:
        try:
            number = convert(value)
        except ValueError:
            number = None
        if number is None or not accepts(number):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
        return number

    return parse


_INFINITY = float("inf")
_positive_int = _bounded(int, lambda n: n >= 1, "a whole number of at least 1")
_non_negative_float = _bounded(float, lambda n: 0 <= n < _INFINITY, "a number of at least 0")
_positive_float = _bounded(float, lambda n: 0 < n < _INFINITY, "a number above 0")
_share = _bounded(float, lambda n: 0 <= n <= 1, "a share from 0 to 1")
_port = _bounded(int, lambda n: 0 <= n <= 65535, "a port from 0 to 65535")


_RELATIVE_BOUND = re.compile(r"(\d+)\s*([mhdw])")
# Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits, as an Arabic keyboard types
# them: the ISO readers accept ASCII digits only.
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def time_bound(value: str, *, end: bool, now: datetime | None = None) -> str:
    """A --since (`end` False) or --until (`end` True) value as the database writes times
    (UTC, `2025-12-15T07:00:00Z`), so that text comparison is time comparison.

    ISO 8601 with an offset is that instant; without one, UTC. A date alone, `today` and
    `yesterday` are whole UTC days: their first second for --since, their last for --until.
    `30m`, `12h`, `2d`, `1w` are that long before `now` (the wall clock: the CLI may read
    it). Anything else raises ValueError.
    """
    now = now or datetime.now(UTC)
    typed, value = value, value.translate(_ASCII_DIGITS)
    text = value.strip().lower()
    relative = _RELATIVE_BOUND.fullmatch(text)
    if relative:
        try:
            moment = now - timedelta(**{_UNITS[relative[2]]: int(relative[1])})
        except OverflowError:
            raise ValueError(f"{typed!r} reaches back before the year 1") from None
    else:
        if text in ("today", "yesterday"):
            day: date | None = now.astimezone(UTC).date() - timedelta(days=text == "yesterday")
        else:
            try:
                day = date.fromisoformat(text)
            except ValueError:
                day = None
        if day is not None:
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                moment += timedelta(days=1, seconds=-1)
        else:
            try:
                moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
            except ValueError:
                raise ValueError(
                    f"expected ISO 8601 (2025-12-15, 2025-12-15T10:00:00+03:00) or 30m, 12h, "
                    f"2d, 1w, today, yesterday; got {typed!r}"
                ) from None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment.microsecond and not end:
        moment += timedelta(seconds=1)  # stored times have whole seconds: round inward
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _since(value: str) -> str:
    try:
        return time_bound(value, end=False)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _until(value: str) -> str:
    try:
        return time_bound(value, end=True)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# ---------------------------------------------------------------------------------------------
# The database a command reads or writes: checked before anything else happens.

_SQLITE_HEADER = b"SQLite format 3\x00"


def check_database(path: str | Path, *, create: bool = False) -> None:
    """Raise (FileNotFoundError or ValueError, naming `path`) unless `path` is a database
    of this project that this version can read; with `create`, a missing or empty file is
    fine too (the store creates it)."""
    from scraper.store.connect import open_read_only
    from scraper.store.schema import SCHEMA_VERSION, schema_version

    file = Path(path)
    if not file.exists():
        if not create:
            raise FileNotFoundError(f"no database at {path}")
        if not file.parent.is_dir():
            raise FileNotFoundError(f"no folder {file.parent} for the database {path}")
        return
    if not file.is_file():
        raise ValueError(f"{path} is not a database file")
    size = file.stat().st_size
    if size == 0:
        if create:
            return
        raise ValueError(f"{path} is empty: no database there yet")
    with open(file, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(_SQLITE_HEADER):
        raise ValueError(f"{path} is not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The header's page count is valid when its change counter matches (SQLite >= 3.7.0).
    # (A checkpoint in progress may write page 1 before it extends the file: with a
    # non-empty WAL beside it, SQLite is left to judge.)
    wal = file.with_name(file.name + "-wal")
    counted = header[24:28] == header[92:96] and size < pages * page_size
    if len(header) < 100 or (counted and not (wal.is_file() and wal.stat().st_size)):
        raise ValueError(f"{path} is truncated: a damaged SQLite database")
    try:
        with closing(open_read_only(file)) as conn:
            version = schema_version(conn)
            tables = {
                n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.Error as exc:
        raise ValueError(f"{path} cannot be read as SQLite ({exc})") from None
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"{path} has schema version {version}, newer than the {SCHEMA_VERSION} this "
            f"version ({_version()}) knows: upgrade the project to open it"
        )
    if "articles" not in tables and (tables or not create):
        raise ValueError(f"{path} is not a database of this project (no articles table)")
    missing = _damaged_tables(version, tables)
    if missing:
        # A table dropped by hand (the search index, schema_info): every write would fail.
        raise ValueError(
            f"{path} is damaged: {', '.join(sorted(missing))} missing (restore it from a "
            "backup, or export what is readable into a new database)"
        )


def _damaged_tables(version: int, tables: set[str]) -> set[str]:
    """Tables the database's schema version promises and it lacks. A database without
    `schema_info` reads as version 1; one holding tables of later versions lost it."""
    from scraper.store.schema import CURRENT_TABLES, SCHEMA_V1, SCHEMA_VERSION

    if version == SCHEMA_VERSION:
        return CURRENT_TABLES - tables
    if version == 1 and "schema_info" not in tables:
        with closing(sqlite3.connect(":memory:")) as conn:
            conn.executescript(SCHEMA_V1)
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            if tables - {n for (n,) in conn.execute(query)}:
                return {"schema_info"}
    return set()


def _add_filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--db", default="news.db", help="the SQLite database")
    command.add_argument("--site", help="only this site (its name)")
    command.add_argument("--category", help="only this category (its name)")
    bounds = (
        "ISO 8601 (an offset is honoured; none is UTC; a date alone is a whole UTC day), or "
        "30m, 12h, 2d, 1w ago, today, yesterday"
    )
    command.add_argument(
        "--since", type=_since, metavar="TIME", help=f"earliest published_at: {bounds}"
    )
    command.add_argument(
        "--until", type=_until, metavar="TIME", help=f"latest published_at: {bounds}"
    )


def _writable_output(path: str) -> str:
    """An output path that is no SQLite file (the database itself, say): writing a report
    or an export there would destroy it. Raises ValueError (exit 2) otherwise."""
    try:
        with open(path, "rb") as existing:
            header = existing.read(16)
    except OSError:
        return path  # nothing there yet (or unreadable: the write itself will say)
    if header == b"SQLite format 3\x00":
        raise ValueError(f"refusing to write over the SQLite database {path}")
    return path


def _filter_args(args: argparse.Namespace) -> dict[str, str | None]:
    from scraper.store.queries import filter_hints

    check_database(args.db)
    # A misspelt name selects nothing without an error: say so, and what it may have meant.
    table = getattr(args, "table", "articles")  # export's --table; the others read articles
    for hint in filter_hints(args.db, site=args.site, category=args.category, table=table):
        print(f"scraper {args.command}: note: {hint}", file=sys.stderr)
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

    plan = hostile = None
    if args.faults is not None and args.hostile:
        raise ValueError("--faults and --hostile serve different things; choose one")
    if args.faults is not None:
        from scraper.testkit.faults import FaultPlan

        plan = FaultPlan(args.faults, rate=args.fault_rate)
    if args.hostile:
        from scraper.testkit.hostile import HostileServing

        hostile = HostileServing(args.hostile)  # an unknown name: one line, exit 2
    for name in args.warc or ():  # every file is checked before any is read
        if not name.is_file():
            raise FileNotFoundError(f"no WARC file {name}")
    if not args.warc and not (args.site_dir / "manifest.json").is_file():
        raise FileNotFoundError(
            f"no manifest.json in {args.site_dir}: a saved site is its pages and a manifest "
            "naming each one's path, status and headers (docs/adding-a-site.md, \"Serving "
            'saved pages"); a WARC is served with --warc'
        )
    server = make_server(
        args.site_dir, port=args.port, faults=plan, hostile=hostile, warcs=args.warc
    )
    host, port = server.server_address[:2]
    mode = f" with faults (seed {args.faults}, rate {args.fault_rate})" if plan else ""
    mode += f" with the hostile scenario {args.hostile}" if hostile else ""
    served = args.site_dir
    if args.warc:
        site = server.site
        served = (
            f"{site.origin} ({len(site.entries)} responses) from {' '.join(map(str, args.warc))}"
        )
    print(f"Serving {served} on http://{host}:{port}/{mode} (Ctrl-C stops)", flush=True)
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

    from scraper.crawl.budgets import Limits
    from scraper.crawl.workers import extraction_processes
    from scraper.ops.monitor import monitor_settings, verdict
    from scraper.ops.runlock import remove_stale_job_files, scrapy_job_files_dir
    from scraper.sites import load_sites

    # Unknown sites and every problem of their files stop here, before Scrapy starts;
    # results are labelled by the site's name, whether given by name or as a TOML path.
    names = [site.name for site in load_sites(sites)]
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
    # Job files (port and token) that killed runs of older versions left; ours write none.
    remove_stale_job_files(scrapy_job_files_dir(settings), settings["BOT_NAME"])
    monitor_settings(settings)  # a bad threshold or confidence: exit 2 before crawling
    Limits.from_settings(settings)  # and a budget that is no count (scraper.crawl.budgets)
    extraction_processes(settings.get("SCRAPER_EXTRACT_PROCESSES"))  # and a pool size
    process = CrawlerProcess(settings)
    crawlers = []
    for site, name in zip(sites, names, strict=True):
        crawler = process.create_crawler("news")  # by name: the project's spider loader finds it
        crawlers.append((name, crawler))
        process.crawl(crawler, site=site, base_url=base_url)
    process.start()
    results = {}
    for name, crawler in crawlers:
        stats = crawler.stats.get_stats()
        results[name] = (stats, *verdict(stats))
    return results


def _crawl(args: argparse.Namespace) -> int:
    from scraper.crawl.distributed import RedisUnavailable, RunRefused, refusal_exit_code
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, crawl_locks
    from scraper.sites import load_sites

    # Sites and database before the lock and before Scrapy: every problem one line, exit 2.
    # The lock is the site's name, whether the site was given by name or as a TOML path.
    configs = load_sites(args.sites)
    names = [site.name for site in configs]
    real = [site.name for site in configs if not site.replay]
    if args.base_url and len(configs) > 1 and real:
        # One replay address for every site given: a real site's requests would be answered
        # by the replay, and its loopback links stored.
        raise ValueError(
            f"--base-url would send every site's requests to the replay at {args.base_url}, "
            f"and {', '.join(real)} has no `replay` key (a real site): crawl the replayed "
            "site alone with --base-url, or drop it (each replayed site's file names its own "
            "address)"
        )
    redis_keys = None
    if args.redis or args.run_id or args.workers:
        # Before the database is created and before Scrapy: nothing written when refused.
        try:
            redis_keys = _join_checks(args, configs)
        except (RedisUnavailable, RunRefused) as exc:
            print(f"scraper crawl: error: {exc}", file=sys.stderr)
            return refusal_exit_code(exc)
    check_database(args.db, create=True)
    if args.state_db:
        try:
            check_database(args.state_db)
        except (FileNotFoundError, ValueError) as exc:
            raise type(exc)(f"--state-db: {exc}") from None
        args.overrides.append(f"SCRAPER_STATE_DB={args.state_db}")
    if args.allow_worse:
        args.overrides.append("SCRAPER_ALLOW_WORSE=True")
    if args.no_warc:
        args.overrides.append("SCRAPER_WARC=False")
    try:
        with crawl_locks(args.db, names):
            results = run_crawl(
                args.sites, args.db, args.base_url, args.log_level, args.recent_days, args.overrides
            )
    except AlreadyRunning as exc:
        print(f"scraper crawl: error: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    advice = {site.name: _unanswered_advice(site, args.base_url) for site in configs}
    status = _report_crawl(results, args.db, advice)
    if redis_keys is None:
        return status
    return _report_worker(results[names[0]][0], redis_keys, status)


def _join_checks(args: argparse.Namespace, configs: list[Any]) -> RunKeys:
    """A worker's arguments checked, Redis reached and the run found joinable; the
    worker's settings added to the overrides."""
    if not (args.redis and args.run_id and args.workers):
        raise ValueError("--redis, --run and --workers go together")
    from scraper.crawl.distributed import preflight

    if len(configs) != 1:
        raise ValueError("--redis crawls one site: give exactly one SITE")
    site = configs[0]
    if args.workers > site.politeness.concurrency:
        print(
            f"scraper crawl: warning: {site.name} allows {site.politeness.concurrency} "
            f"requests at a time; {args.workers} workers send one each, "
            f"{args.workers} at once (the delay, times {args.workers}, still holds the rate)",
            file=sys.stderr,
        )
    keys = preflight(args.redis, site.name, args.run_id)
    args.overrides += [
        f"SCRAPER_REDIS_URL={args.redis}",
        f"SCRAPER_REDIS_RUN={args.run_id}",
        f"SCRAPER_REDIS_WORKERS={args.workers}",
    ]
    return keys


def _report_worker(values: dict[str, Any], keys: RunKeys, status: int) -> int:
    """After a worker's own report: the run's aggregated verdict and exit code if it was
    the last worker out, else its own code."""
    from scraper.ops.monitor import EXIT_EMPTY, EXIT_OK

    if "redis/run_exit_code" in values:
        print(f"{values['redis/run_summary']} (the last of its workers; keys deleted)")
        return values["redis/run_exit_code"]
    if "redis/workers_left" in values:
        print(
            f"{keys.site} run {keys.run}: {values['redis/workers_left']} workers still "
            "running; the last one out reports the run's verdict (scraper redis-status)"
        )
        # Nothing new in its share is no empty site: its peers may have taken the queue,
        # and the run's verdict says whether the whole run found nothing.
        return EXIT_OK if status == EXIT_EMPTY else status
    if "redis/worker" not in values:
        print(f"scraper crawl: error: the worker did not join run {keys.run}", file=sys.stderr)
        return status or 1
    return status


def _redis_status(args: argparse.Namespace) -> int:
    from scraper.crawl.distributed import (
        EXIT_REDIS_UNAVAILABLE,
        RedisUnavailable,
        RunKeys,
        check_run_id,
        connect,
        run_status,
    )
    from scraper.sites import load_site

    check_run_id(args.run_id)
    keys = RunKeys(load_site(args.site).name, args.run_id)
    try:
        state, details = run_status(connect(args.redis), keys)
    except RedisUnavailable as exc:
        print(f"scraper redis-status: error: {exc}", file=sys.stderr)
        return EXIT_REDIS_UNAVAILABLE
    print(json.dumps({"state": state, **details}, ensure_ascii=False))
    if state == "finished":
        return int(details["exit_code"])
    if state == "unknown":
        print(
            f"scraper redis-status: error: no run {args.run_id} of {keys.site} in Redis "
            "(never started, or its finished marker expired)",
            file=sys.stderr,
        )
        return 2
    return 75


# A run stopped before Scrapy closed it (a second Ctrl-C, which skips the orderly shutdown)
# records no finish reason; its run row stays unfinished, and the next run completes it.
UNRECORDED_FINISH = "- (stopped before it could record one; the next run completes it)"


def _report_crawl(
    results: dict[str, tuple[dict[str, Any], int, list[Any]]],
    db: str,
    unanswered_advice: dict[str, str] | None = None,
) -> int:
    from scraper.ops.monitor import describe, most_severe, sightings_told_apart

    codes = []
    for site, (values, code, checks) in results.items():
        print(
            f"{site}: {values.get('downloader/response_count', 0)} responses, "
            f"{values.get('store/articles', 0)} articles and "
            f"{values.get('store/list_items', 0)} list-item sightings passed to the store"
            + sightings_told_apart(
                values.get("store/list_items"), values.get("monitor/list_items", 0)
            )
            + ", "
            f"{values.get('incremental/skipped_known', 0)} stored articles skipped, "
            f"{sum(v for k, v in values.items() if k.startswith('failures/'))} failures, "
            f"finish reason {values.get('finish_reason') or UNRECORDED_FINISH}"
            f"{_run_label(values, db)}"
        )
        print(f"{site}: {describe(code, checks)} (exit {code})")
        codes.append(code)
        attempts = values.get("downloader/exception_count", 0)
        advice = (unanswered_advice or {}).get(site)
        if advice and attempts and not values.get("downloader/response_count"):
            print(
                f"scraper crawl: warning: {site}: nothing answered: "
                f"{_unanswered_story(values, attempts)}; {advice}",
                file=sys.stderr,
            )
    # When several sites fail differently, the exit code names the most serious failure.
    return most_severe(codes) if codes else 0


# Host names reserved for examples (RFC 2606, RFC 6761): a site file naming them is a
# template, such as the bundled example-zox.
_EXAMPLE_HOSTS = ("example.com", "example.org", "example.net", "example")


def _unanswered_advice(site: SiteConfig, base_url: str | None) -> str:
    """What to check when nothing of `site` answered: the replay, the template's example
    hosts, or the site and the way to it."""
    if base_url or site.replay:
        return (
            "is the replay up? For a bundled site start `scraper serve-site` first, or run "
            "`scraper demo`, which serves and crawls"
        )
    hosts = site.allowed_domains or tuple(urlsplit(url).hostname or "" for url in site.start_urls)
    if all(any(h == e or h.endswith("." + e) for e in _EXAMPLE_HOSTS) for h in hosts):
        return (
            f"{site.name} names example hosts ({', '.join(hosts)}): it is a template; copy its "
            "file and set your site's URLs, allowed_domains and timezone (docs/operations.md, "
            "Adding a site)"
        )
    return "is the site up, and reachable from this host (DNS, firewall, proxy)?"


def _run_label(values: dict[str, Any], db: str) -> str:
    """The run's id and start as its crawl_runs row has them, so that a log of hourly runs
    (cron appends them) leads to `scraper report --run N`."""
    from scraper.store.queries import read_only, run_by_id

    run_id = values.get("store/run_id")
    if run_id is None:
        return ""
    try:
        with closing(read_only(db)) as conn:
            row = run_by_id(conn, run_id)
    except sqlite3.Error:  # the run's line is printed whatever the database says
        row = None
    return f"; run {run_id}" + (f", started {row['started_at']}" if row else "")


def _unanswered_story(values: dict[str, Any], attempts: int) -> str:
    """The requests of a run nobody answered, in the units the run's other lines use: the
    download failures (a failure row each, the monitor's errors) and robots.txt (a warning,
    no row), then the connection attempts they took with their retries."""
    downloads = values.get("failures/download", 0)
    robots = sum(v for k, v in values.items() if k.startswith("robotstxt/exception_count/"))
    requests = f"{downloads} download failures" + (" and robots.txt" if robots else "")
    return f"{requests} got no answer in {attempts} connection attempts, retries included"


def _demo(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, crawl_locks
    from scraper.ops.summary import summarize
    from scraper.testkit.server import BackgroundServer

    check_database(args.db, create=True)  # before the lock, before Scrapy: one line, exit 2
    try:
        with crawl_locks(args.db, ["zox-demo"]), BackgroundServer(port=args.port) as base_url:
            print(f"Serving the bundled site on {base_url}/ and crawling it into {args.db} ...")
            results = run_crawl(["zox-demo"], args.db, base_url, args.log_level)
    except AlreadyRunning as exc:
        print(f"scraper demo: error: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    status = _report_crawl(results, args.db)
    print()
    print(summarize(args.db))
    return status


def _manifest_entry(path: Path) -> tuple[str | None, str | None, str | None]:
    """URL, Date and Content-Type of a file that belongs to a saved site (its manifest names
    it): the page is read as the crawl read it, its charset weighed with the header's."""
    for folder in path.resolve().parents:
        manifest = folder / "manifest.json"
        if manifest.is_file():
            data = json.loads(manifest.read_text(encoding="utf-8"))
            relative = path.resolve().relative_to(folder).as_posix()
            for entry in data.get("responses", []):
                if entry.get("file") == relative:
                    headers = entry.get("headers", {})
                    url = data["origin"] + entry["path"]
                    return url, headers.get("Date"), headers.get("Content-Type")
            return None, None, None
    return _fixture_entry(path)


def _fixture_entry(path: Path) -> tuple[str | None, str | None, str | None]:
    """URL, Date and Content-Type a fixture recorded beside its HTML (`NAME.response.json`)."""
    sidecar = path.with_suffix(".response.json")
    if not sidecar.is_file():
        return None, None, None
    response = json.loads(sidecar.read_text(encoding="utf-8"))
    headers = {key.lower(): value for key, value in response.get("headers", {}).items()}
    return response.get("url"), headers.get("date"), headers.get("content-type")


# The most `extract` reads of one page (a file or stdin): twice the largest page a crawl
# downloads (DOWNLOAD_MAXSIZE). A larger input is refused (exit 2), not cut: a cut page would
# give records that look whole.
EXTRACT_MAXSIZE = 32 * 1024 * 1024


def _too_large(name: str) -> str:
    source = "stdin" if name == "-" else name
    return (
        f"{source} is larger than {EXTRACT_MAXSIZE // 2**20} MiB, the most extract reads of a page"
    )


def _read_page(name: str) -> bytes:
    """The bytes of a page from a file or stdin (-), at most EXTRACT_MAXSIZE."""
    if name == "-":
        body = sys.stdin.buffer.read(EXTRACT_MAXSIZE + 1)
    else:
        with open(name, "rb") as handle:
            body = handle.read(EXTRACT_MAXSIZE + 1)
    if len(body) > EXTRACT_MAXSIZE:
        raise ValueError(_too_large(name))
    return body


def _check_page_file(name: str) -> None:
    """Refuse a page argument that cannot be read as a saved page: missing (a URL gets told
    how to save it first), a directory, or a file larger than extract reads."""
    path = Path(name)
    if not path.exists():
        if re.match(r"(?i)https?://", name):
            raise FileNotFoundError(
                f"{name} is a URL: extract reads saved pages and fetches nothing; save the page "
                f"first (curl -sL URL > page.html) and give its address with --url"
            )
        raise FileNotFoundError(f"no file {name}")
    if path.is_dir():
        raise IsADirectoryError(f"{name} is a directory: give the pages in it (e.g. {name}/*.html)")
    # A pipe (<(zcat page.html.gz)) has no size to look at: it is read up to the bound.
    if path.is_file() and path.stat().st_size > EXTRACT_MAXSIZE:
        raise ValueError(_too_large(name))


def _extract(args: argparse.Namespace) -> int:
    from scraper.extract import extract_page
    from scraper.time import http_date

    if args.url and len(args.files) > 1:
        print(
            "scraper extract: error: --url applies to one file; with several, each page's "
            "canonical link is used",
            file=sys.stderr,
        )
        return 2
    site = None
    if args.site:  # the site files' loader only when a site is named
        from scraper.sites import load_site

        site = load_site(args.site)
    profile = site.extraction_profile() if site else "auto"
    timezone = site.timezone if site else args.timezone
    _check_zone(timezone)  # an unknown zone stops here, even for a page without times
    for name in args.files:  # every file missing or too large stops here, before any output
        if name != "-":
            _check_page_file(name)
    # Stdin has no size to look at: it is read (and refused if too large) before any output
    # too. A second - reads what is left of it, nothing, as before.
    read_first = {"-": _read_page("-")} if "-" in args.files else {}
    unreferenced: list[str] = []  # files read against the clock
    timed: list[tuple[str, datetime]] = []  # ... whose article or items had times to resolve
    for name in args.files:
        body = read_first.pop(name) if name in read_first else _read_page(name)
        url, date_header, content_type = (
            (None, None, None) if name == "-" else _manifest_entry(Path(name))
        )
        url = args.url or url or (Path(name).resolve().as_uri() if name != "-" else "about:blank")
        if args.reference:
            reference = parse_reference(args.reference)
        else:
            reference = http_date(date_header)
            if reference is None:
                reference = datetime.now(UTC)
                unreferenced.append(name)
        page = extract_page(
            body,
            url,
            reference,
            site=site.name if site else "",
            profile=profile,
            timezone=timezone,
            content_type=content_type,
        )
        output = {
            "url": page.url,
            "page_type": page.page_type,
            "reason": page.reason,
            "reference_time": reference.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            # "unknown": times without an offset got a window of UTC-12 to UTC+14.
            "timezone": timezone,
            "article": page.article.as_dict() if page.article else None,
            "list_items": [item.as_dict() for item in page.list_items],
        }
        print(json.dumps(output, ensure_ascii=False))
        if unreferenced and unreferenced[-1] == name and (page.article or page.list_items):
            timed.append((name, reference))
    if timed:  # once, and only for pages whose times were read (not a PDF, an empty file)
        (first, now), more = timed[0], len(timed) - 1
        others = f" and {more} other file{'s' if more > 1 else ''}" if more else ""
        print(
            f"scraper extract: warning: no --reference and no recorded Date for {first}"
            f"{others}: relative times resolved against now ({now:%Y-%m-%dT%H:%M:%SZ})",
            file=sys.stderr,
        )
    return 0


def _check_zone(name: str) -> None:
    """A ValueError (exit 2) for a zone the time layer would refuse, with the closest name."""
    from scraper.time import zone_problem

    if problem := zone_problem(name):
        raise ValueError(problem)


def _import_warc(args: argparse.Namespace) -> int:
    from scraper.sites import available_sites, load_site, load_sites
    from scraper.warcimport.importer import ImportOptions, import_warcs

    for name in args.files:  # every file is checked before any is read
        if not Path(name).is_file():
            raise FileNotFoundError(f"no WARC file {name}")
    check_database(args.db, create=True)
    site = load_site(args.site) if args.site else None
    options = ImportOptions(
        site=site,
        domains=tuple(args.domains or ()),
        language=args.language,
        configured=tuple(load_sites(available_sites())),
        workers=args.workers or 0,
    )
    result = import_warcs(args.files, args.db, options)
    print("\n".join(result.lines()))
    if result.exit_status:
        print(
            "scraper import-warc: error: no record could be read from " + ", ".join(args.files),
            file=sys.stderr,
        )
    return result.exit_status


def _domains(text: str) -> list[str]:
    """A comma-separated list of host names, lower-cased."""
    domains = [part.strip().lower().strip(".") for part in text.split(",") if part.strip()]
    if not domains or any(not re.fullmatch(r"[a-z0-9.-]+", d) for d in domains):
        raise argparse.ArgumentTypeError(f"not a list of host names: {text!r}")
    return domains


def _dates(args: argparse.Namespace) -> int:

    from scraper.time import read_time

    reference = parse_reference(args.reference)
    _check_zone(args.timezone)  # an unknown zone stops here, before any input is read
    for line in sys.stdin:
        text = line.rstrip("\n")
        reading = read_time(text, reference, args.timezone)
        # The zone a time without an offset was read in, as `scraper extract` prints it.
        output = {"input": text, **reading.as_dict(), "timezone": args.timezone}
        print(json.dumps(output, ensure_ascii=False), flush=True)
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
    from scraper.store.queries import printed_days, search_index_outdated
    from scraper.store.readable import display_url
    from scraper.store.search import QueryError, parse_query, search

    check_database(args.db)  # before anything opens it: a missing or foreign file is exit 2
    if not parse_query(args.query).match or not any(c.isalnum() for c in args.query):
        # A script must tell a query that asks nothing from one that found nothing.
        raise QueryError(f"nothing to find in {args.query.strip()!r}: it holds no word")
    if search_index_outdated(args.db):
        print(
            f"scraper search: upgrading the search index of {args.db} (an older version "
            "built it) first",
            file=sys.stderr,
        )
    window = {"rank_window": None} if args.rank_all else {}
    filters = _filter_args(args)
    hits = search(args.db, args.query, limit=args.limit, **window, **filters)
    # A page dated without a time is stored at the site's midnight in UTC, a day early east
    # of UTC: such a hit shows the day its page printed.
    printed = printed_days(args.db, (hit.url for hit in hits))
    for number, hit in enumerate(hits, 1):
        published = hit.published_at or "undated"
        if hit.url in printed:
            day, zone = printed[hit.url]
            published = f"{day} (date only, {zone})"
        print(f"{number}. {hit.headline}")
        print(f"   {published} · {hit.category or '-'} · {display_url(hit.url)}")
        print(f"   {hit.snippet}")
    if not hits:
        print("no results", file=sys.stderr)
        bare = without_typed_proclitics(
            args.query, lambda word: bool(search(args.db, word, limit=1))
        )
        if bare != args.query and (
            found := search(args.db, bare, limit=args.limit, **window, **filters)
        ):
            more = "+" if len(found) == args.limit else ""
            print(
                f"the words without the proclitic typed before them find {len(found)}{more}: "
                f"scraper search {bare!r} (a و or ب typed before a word stays part of it; "
                "docs/search.md)",
                file=sys.stderr,
            )
    return 0


_TYPED_PROCLITIC = re.compile(r"^(?:[وف][بكل]?|[بكل])(?=[\u0621-\u064a]{3})")


def without_typed_proclitics(query: str, finds: Callable[[str], bool]) -> str:
    """The query with the proclitic typed before a bare Arabic word taken off where the
    word as typed finds nothing and without it finds something (`finds`): "وتركيا" ->
    "تركيا", while "ليرة" keeps its ل. Phrases, exclusions and words with the article
    ("والليرة", which the search folds already) stay as they are."""
    pieces = []
    for piece in query.split():
        if not piece.startswith(("-", '"')) and not re.match(r"^(?:[وفبكل]{0,2})ال", piece):
            bare = _TYPED_PROCLITIC.sub("", piece)
            if bare != piece and not finds(piece) and finds(bare):
                piece = bare
        pieces.append(piece)
    return " ".join(pieces)


def _export(args: argparse.Namespace) -> int:
    from scraper.store.export import export

    filter_args = _filter_args(args)
    output = sys.stdout if args.output == "-" else _writable_output(args.output)
    count = export(args.db, args.format, output, table=args.table, excel=args.excel, **filter_args)
    if output is sys.stdout:
        sys.stdout.flush()  # a reader gone early ends the command here, before the count
    print(f"exported {count} {args.table} rows", file=sys.stderr)
    return 0


def _merge(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, merge_lock
    from scraper.store.merge import merge_shards

    # Every problem before the lock and before any write: one line naming it, exit 2.
    export_dir = None
    if args.export:
        fmt, folder = args.export
        if fmt != "parquet":
            raise ValueError(f"--export {fmt}: the merged tables export as parquet only")
        export_dir = Path(folder)
        if export_dir.exists() and not export_dir.is_dir():
            raise ValueError(f"--export: {folder} is not a folder")
        if importlib.util.find_spec("pyarrow") is None:
            raise RuntimeError(
                "Parquet export needs pyarrow: pip install 'arabic-news-scraper[parquet]'"
            )
    check_database(args.into, create=True)
    central = Path(args.into).resolve()
    for shard in args.shards:
        check_database(shard)
        if Path(shard).resolve() == central:
            raise ValueError(f"{shard} is the database merged into (--into)")
    try:
        with merge_lock(args.into):
            for counts in merge_shards(args.shards, args.into):
                # What each shard added is the command's output, as a crawl's summary is.
                print(counts.describe(), flush=True)
    except AlreadyRunning as exc:
        print(f"scraper merge: error: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    if export_dir is not None:
        from scraper.store.export import export

        export_dir.mkdir(parents=True, exist_ok=True)
        for table in ("articles", "sightings"):
            count = export(args.into, "parquet", export_dir / f"{table}.parquet", table=table)
            print(
                f"exported {count} {table} rows to {export_dir / f'{table}.parquet'}",
                file=sys.stderr,
            )
    return 0


def _show(args: argparse.Namespace) -> int:
    from scraper.extract import normalize_url
    from scraper.store.provenance import ArchiveUnavailable, read_response
    from scraper.store.queries import stored_page

    check_database(args.db)
    found = stored_page(args.db, normalize_url(args.url) or args.url) or stored_page(
        args.db, args.url
    )
    if found is None:
        # A URL copied without its closing slash, or with one it does not have: WordPress
        # permalinks end with "/", and copies lose it.
        other = args.url[:-1] if args.url.endswith("/") else args.url + "/"
        found = stored_page(args.db, normalize_url(other) or other)
        if found is not None:
            print(f"scraper show: note: stored under {found['url']}", file=sys.stderr)
    if found is None:
        raise LookupError(f"nothing stored under {args.url} in {args.db}")
    if args.raw:
        if found["warc_file"] is None:
            print(f"scraper show: {args.url}: no archived response", file=sys.stderr)
            return 1
        if found["pruned_at"] is not None:
            print(
                f"scraper show: {args.url}: its WARC file {found['warc_file']} was pruned "
                f"on {found['pruned_at']}",
                file=sys.stderr,
            )
            return 1
        try:
            raw = read_response(
                args.db, found["warc_file"], found["warc_offset"], found["warc_length"]
            )
        except ArchiveUnavailable as exc:
            print(f"scraper show: {args.url}: {exc}", file=sys.stderr)
            return 1
        sys.stdout.buffer.write(raw)
        return 0
    for line in _describe_stored(found):
        print(line)
    return 0


def _describe_stored(found: dict[str, Any]) -> list[str]:
    """A stored article or page, field by field, then where its bytes are kept."""
    from scraper.store.queries import local_day

    lines = []
    if found["kind"] == "article":
        category = found["category"] or "-"
        if found["category_url"]:
            category += f" <{found['category_url']}>"
        published = found["published_at"] or "-"
        precision = found["precision"] or "-"
        if precision == "day" and found["published_at"]:
            # Stored at the site's midnight in UTC: name the day the page printed.
            zone = found["site_timezone"]
            precision = f"day: {local_day(found['published_at'], zone)} in {zone or 'UTC'}"
        window = f"{found['published_earliest'] or '?'} .. {found['published_latest'] or '?'}"
        lines += [
            f"url:        {found['url']}",
            f"fetched:    {found['fetched_url']} (reference time {found['reference_time']})",
            f"site:       {found['site']} (profile {found['profile'] or '-'})",
            f"headline:   {found['headline'] or '-'}",
            f"published:  {published} ({precision}; between {window}; "
            f"raw {found['published_raw']!r})",
            f"modified:   {found['modified_at'] or '-'}",
            f"source:     {', '.join(json.loads(found['source'] or '[]')) or '-'}"
            + (f" (line {found['source_raw']!r})" if found["source_raw"] else ""),
            f"category:   {category}",
            f"author:     {found['author'] or '-'}",
            f"body:       {len(found['body'] or '')} characters",
            f"seen:       first {found['first_seen_at']}, last {found['last_seen_at']}, "
            f"changed {found['last_changed_at']}",
        ]
        lines += _field_notes("found by:", found["provenance"])
        lines += _field_notes("missing:", found["missing"])
    else:
        lines += [
            f"url:        {found['url']} (a page without an article)",
            f"fetched:    {found['fetched_at']} (HTTP {found['status'] or '-'})",
            f"sightings:  {found['sightings']} list items seen on it",
        ]
    if found["warc_file"] is None:
        lines.append("archive:    none (fetched with archiving off, or before it)")
    else:
        where = f"{found['warc_file']} @ {found['warc_offset']} ({found['warc_length']} bytes)"
        pruned = f"; pruned {found['pruned_at']}" if found["pruned_at"] else ""
        lines.append(
            f"archive:    {where}, WARC-Date {found['archived_at']}, "
            f"HTTP {found['archived_status'] or '-'}{pruned}"
        )
    return lines


def _field_notes(title: str, stored: str | None) -> list[str]:
    """The `provenance` or `missing` column (field -> where it came from, or why it is
    empty) as one line a field; nothing when the column holds no entry."""
    try:
        notes = json.loads(stored or "{}")
    except json.JSONDecodeError:
        return [f"{title:<11} {stored}"]  # not ours to judge: shown as stored
    if not isinstance(notes, dict) or not notes:
        return []
    width = max(12, *(len(field) for field in notes))  # "published_at": both lists align
    return [
        f"{title if number == 0 else '':<11} {field:<{width}}  {note}"
        for number, (field, note) in enumerate(notes.items())
    ]


def _prune_warc(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.store.provenance import prune_archive

    check_database(args.db)
    result = prune_archive(args.db, args.keep_days, datetime.now(UTC), args.warc_dir)
    for path in result.skipped_running:
        print(f"kept {path}: a crawl of its site into {args.db} is running", file=sys.stderr)
    print(
        f"pruned {len(result.deleted)} WARC files ({result.rows_marked} archive records marked "
        f"pruned); {len(result.skipped_running)} kept for a running crawl"
    )
    return EXIT_RUNNING if result.skipped_running else 0


def _reextract(args: argparse.Namespace) -> int:
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.reextract import (
        Filters,
        extractor_version,
        format_report,
        progress_stream,
        reextract,
    )
    from scraper.ops.runlock import AlreadyRunning, crawl_locks

    check_database(args.db)
    with closing(sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)) as conn:
        known = {name for (name,) in conn.execute("SELECT name FROM sites")}
    # A site file's path: its configuration is read instead of the stored one.
    site_files, names = {}, []
    for site in args.sites:
        if site.endswith(".toml") or os.sep in site:
            from scraper.sites import load_site

            config = load_site(site)
            site_files[config.name] = config
            site = config.name
        names.append(site)
    unknown = [site for site in names if site not in known]
    if unknown:
        raise ValueError(f"no site {', '.join(unknown)} in {args.db}")
    filters = Filters(sorted(set(names)), args.since, args.url_like)
    try:
        # A crawl of a site writes the same rows: one at a time, as two crawls are.
        with crawl_locks(args.db, filters.sites or sorted(known)):
            result = reextract(
                args.db,
                filters,
                workers=args.workers,
                dry_run=args.dry_run,
                progress=progress_stream(),
                site_files=site_files,
                allow_worse=args.allow_worse,
                **({"batch_size": args.batch} if args.batch else {}),
            )
    except AlreadyRunning as exc:
        print(f"scraper reextract: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    if result.resumed_from:
        print(f"resumed run {result.run_id} after archive record {result.resumed_from}")
    print(format_report(result.run_id, result.report, extractor_version()))
    pages = result.report.pages
    print(f"  {pages} pages in {result.seconds:.1f} s ({pages / max(result.seconds, 1e-9):.0f}/s)")
    return 0


def _report_reextract(args: argparse.Namespace) -> int:
    from scraper.ops.reextract import format_report, stored_report

    run_id, extractor, report, finished = stored_report(args.db, args.run_id)
    print(format_report(run_id, report, extractor))
    if finished is None:
        print("  unfinished: run scraper reextract again with the same filters to resume")
    return 0


def _load_fleet(args: argparse.Namespace) -> Any:
    """The fleet file, checked whole (every problem one line, exit 2), and the fleet code,
    which needs the ops extra."""
    from scraper.ops.fleetfile import load_fleet

    fleet = load_fleet(args.fleet_file)
    if importlib.util.find_spec("scrapyd_client") is None:
        raise RuntimeError(
            "scraper fleet needs scrapyd-client: pip install 'arabic-news-scraper[ops]'"
        )
    return fleet


def _fleet_deploy(args: argparse.Namespace) -> int:
    import tempfile

    from scraper.ops.fleet import EggError, build_egg, default_project_dir, deploy

    fleet = _load_fleet(args)
    project_dir = args.project_dir or default_project_dir()
    if project_dir is None:
        raise ValueError("--project-dir: this scraper is not run from a checkout; name one")
    version = args.egg_version or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    with tempfile.TemporaryDirectory(prefix="scraper-fleet-") as tmp:
        try:
            egg = build_egg(Path(project_dir), Path(tmp) / "project.egg")
        except EggError as exc:
            print(f"scraper fleet deploy: error: {exc}", file=sys.stderr)
            return 1
        results = deploy(fleet, egg.read_bytes(), version, args.timeout)
    return _fleet_report(results, "deploy")


def _fleet_schedule(args: argparse.Namespace) -> int:
    from scraper.ops.fleet import read_state, schedule, write_state
    from scraper.ops.monitor import EXIT_RUNNING
    from scraper.ops.runlock import AlreadyRunning, fleet_lock

    fleet = _load_fleet(args)
    state_file = fleet.state_file
    if not state_file.parent.is_dir():
        raise FileNotFoundError(f"no folder {state_file.parent} for the state file {state_file}")
    now = datetime.now(UTC).replace(microsecond=0)
    try:
        with fleet_lock(state_file):
            # Read under the lock: a schedule that ran meanwhile has written its jobs.
            results, scheduled = schedule(fleet, args.timeout, now, read_state(state_file))
            if scheduled:
                write_state(state_file, scheduled)
    except AlreadyRunning as exc:
        print(f"scraper fleet schedule: error: {exc}", file=sys.stderr)
        return EXIT_RUNNING
    return _fleet_report(results, "schedule")


def _fleet_status(args: argparse.Namespace) -> int:
    from scraper.ops.fleet import exit_code, status

    fleet = _load_fleet(args)
    results = status(fleet, args.timeout)
    if args.json:
        hosts = [result.as_json() for result in results]
        print(json.dumps({"hosts": hosts}, ensure_ascii=False, indent=2))
        for result in results:
            if result.down:
                print(f"scraper fleet status: {result.describe()[0]}", file=sys.stderr)
        return exit_code(results)
    return _fleet_report(results, "status")


def _fleet_report(results: list[Any], action: str) -> int:
    """Every host's lines on standard output; each host down or refusing also on standard
    error (what cron mails); the exit code (scraper.ops.fleet.exit_code)."""
    from scraper.ops.fleet import exit_code

    for result in results:
        lines = result.describe()
        print("\n".join(lines))
        if result.down or result.refused:
            print(f"scraper fleet {action}: {lines[0]}", file=sys.stderr)
    return exit_code(results)


def _stats(args: argparse.Namespace) -> int:
    from scraper.ops.summary import format_statistics
    from scraper.store.queries import statistics

    stats = statistics(args.db, days=args.days, **_filter_args(args))
    zones = sorted(set(stats["time_zones"].values()) - {"UTC"})
    if (args.since or args.until) and zones and not args.json:
        # The bounds are UTC; the days listed are the sites' own: a UTC day spans two of them.
        print(
            "scraper stats: note: --since and --until bound UTC times, the days listed are "
            f"the sites' own ({', '.join(zones)}): to bound a site's day, give its offset "
            "(2025-12-15T00:00:00+03:00 is Istanbul's midnight)",
            file=sys.stderr,
        )
    print(
        json.dumps(stats, ensure_ascii=False, indent=2) if args.json else format_statistics(stats)
    )
    return 0


def _browse(args: argparse.Namespace) -> int:
    from scraper.store.browse import browse

    check_database(args.db)
    return browse(args.db, host=args.host, port=args.port)


def _fixtures_root(args: argparse.Namespace) -> Path:
    from scraper.testkit.fixtures import FIXTURES_ROOT

    return args.root or FIXTURES_ROOT


def _fixtures_record(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import record, record_from_warc

    if args.warc:
        for name in args.warc:  # every file is checked before any is read
            if not name.is_file():
                raise FileNotFoundError(f"no WARC file {name}")
        path = record_from_warc(args.url, args.site, args.warc, _fixtures_root(args))
    else:
        path = record(args.url, args.site, _fixtures_root(args))
    print(f"saved {path} and {path.with_suffix('.expected.json').name}: review the record")
    return 0


def _fixtures_check(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import check

    root = _fixtures_root(args)
    checked, differences = check(root)
    if not checked:
        raise FileNotFoundError(f"no fixtures under {root} (expected SITE/NAME.response.json)")
    for difference in differences:
        print(difference.diff)
    print(f"{checked} fixtures checked, {len(differences)} differ", file=sys.stderr)
    return 1 if differences else 0


def _fixtures_update(args: argparse.Namespace) -> int:
    from scraper.testkit.fixtures import update

    root = _fixtures_root(args)
    count = update(root)
    if not count:
        raise FileNotFoundError(f"no fixtures under {root} (expected SITE/NAME.response.json)")
    print(f"{count} expected records rewritten")
    return 0


def _report(args: argparse.Namespace) -> int:
    from scraper.ops.report import format_run_summary, render_html, run_summary

    check_database(args.db)
    if args.reextract:
        return _report_reextract(args)
    html = _writable_output(args.html) if args.html else None  # refused before any output
    summary = run_summary(args.db, args.run_id)
    print(format_run_summary(summary))
    if html:
        Path(html).write_text(render_html(summary), encoding="utf-8")
        print(f"\nHTML report: {args.html}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from scraper.ops.summary import summarize

    check_database(args.db)
    print(summarize(args.db))
    return 0


def _check_site(args: argparse.Namespace) -> int:
    from scraper.sites import load_site
    from scraper.sites.probe import FetchFailed, probe_site

    config = load_site(args.file)  # every problem of the file: exit 2 (main)
    if args.base_url:
        from dataclasses import replace

        config = replace(config, replay=args.base_url)
    print(
        f"{args.file}: valid: site {config.name}, profile {config.profile}, "
        f"timezone {config.timezone}"
    )
    if args.offline:
        return 0
    try:
        probe = probe_site(config, timeout=args.timeout)
    except FetchFailed as exc:
        print(f"scraper check-site: {exc}", file=sys.stderr)
        return 1
    print("\n".join(probe.describe()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
