"""The fleet file: which scrapyd host crawls which sites, into which database, how often.

    [hosts.host-a]
    url = "http://10.0.0.11:6800/"
    db = "/var/lib/arabic-news-scraper/shard.db"

    [hosts.host-a.sites.example-zox]
    every = "6h"

The whole file is checked before anything uses it: every problem is one line,
`FILE:LINE: key: problem`, as for site files (scraper.sites.validate), raised together as
a FleetFileError. A site on two hosts is a problem: a site has one shard at a time.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from scraper.sites import available_sites
from scraper.sites.validate import KeyLines, Problem, SiteFileError, _is_web_url, _kind

DEFAULT_PROJECT = "arabic_news_scraper"  # scrapy.cfg's [deploy] project
DEFAULT_SPIDER = "news"
TOP_LEVEL = ("project", "spider", "state_file", "hosts")
HOST_KEYS = ("url", "db", "state_db", "settings", "sites")
SITE_KEYS = ("every", "base_url", "file", "settings")
# Settings a fleet file names through its own keys (`db`, `state_db`), not `settings`.
RESERVED_SETTINGS = {"SCRAPER_DB_PATH": "db", "SCRAPER_STATE_DB": "state_db"}
# A name scrapyd can take as part of a job id (and a log file name): the fleet's job ids
# are `<site>.<UTC time>`.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_INTERVAL = re.compile(r"(\d+)\s*([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class FleetFileError(SiteFileError):
    """A fleet file that cannot be used: one line per problem."""


@dataclass(frozen=True)
class FleetSite:
    name: str
    host: str
    every: timedelta
    base_url: str | None = None
    # A site file on the host (an absolute path there); None: the bundled site `name`.
    file: str | None = None
    settings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FleetHost:
    name: str
    url: str
    db: str
    sites: tuple[FleetSite, ...]
    state_db: str | None = None
    settings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Fleet:
    source: Path
    hosts: tuple[FleetHost, ...]
    state_file: Path
    project: str = DEFAULT_PROJECT
    spider: str = DEFAULT_SPIDER

    @property
    def sites(self) -> list[FleetSite]:
        return [site for host in self.hosts for site in host.sites]


def parse_interval(text: str) -> timedelta | None:
    """`30m`, `6h`, `1d`, `1w` as a timedelta; None for anything else (or zero)."""
    match = _INTERVAL.fullmatch(text.strip().lower())
    if not match or int(match[1]) == 0:
        return None
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def load_fleet(path: str | Path) -> Fleet:
    """Read and check a fleet file; FleetFileError names every problem, one line each."""
    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"no fleet file {path}")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FleetFileError([f"{path}:1: not UTF-8 text ({exc.reason})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        line = int(where[1]) if where else max(1, len(text.splitlines()))
        raise FleetFileError([f"{path}:{line}: not valid TOML: {exc}"]) from None
    checker = _Checker(KeyLines(text))
    fleet = checker.fleet(data, source)
    if checker.problems:
        problems = sorted(checker.problems, key=lambda problem: problem.line)
        raise FleetFileError([problem.format(str(path)) for problem in problems])
    assert fleet is not None
    return fleet


class _Checker:
    def __init__(self, lines: KeyLines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def report(self, path: tuple[str, ...], message: str) -> None:
        self.problems.append(Problem(self.lines.of(path), ".".join(path), message))

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], path: tuple) -> None:
        for key in table:
            if key not in known:
                self.report((*path, key), f"unknown key (known: {', '.join(known)})")

    def text(self, table: Mapping[str, Any], key: str, path: tuple[str, ...]) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.report((*path, key), f"expected a non-empty string, got {_kind(value)}")
            return None
        return value.strip()

    def fleet(self, data: Mapping[str, Any], source: Path) -> Fleet | None:
        self.unknown_keys(data, TOP_LEVEL, ())
        project = self.text(data, "project", ()) or DEFAULT_PROJECT
        spider = self.text(data, "spider", ()) or DEFAULT_SPIDER
        state = self.text(data, "state_file", ())
        # Beside the fleet file unless it says where: `fleet.toml` -> `fleet.state.json`.
        state_file = source.parent / state if state else source.with_suffix(".state.json")
        hosts = data.get("hosts")
        if not isinstance(hosts, Mapping) or not hosts:
            self.report(("hosts",), "no hosts: add a [hosts.NAME] table with url, db and sites")
            return None
        checked = [self.host(name, table) for name, table in hosts.items()]
        where: dict[str, str] = {}
        for host in filter(None, checked):
            for site in host.sites:
                if site.name in where:
                    self.report(
                        ("hosts", host.name, "sites", site.name),
                        f"also on host {where[site.name]}: a site is crawled by one host "
                        "(its shard) at a time",
                    )
                where.setdefault(site.name, host.name)
        if self.problems:
            return None
        return Fleet(
            source=source,
            hosts=tuple(h for h in checked if h is not None),
            state_file=state_file,
            project=project,
            spider=spider,
        )

    def host(self, name: str, table: Any) -> FleetHost | None:
        path = ("hosts", name)
        if not _NAME.fullmatch(name):
            self.report(path, "a host name is letters, digits, '-', '_' and '.'")
        if not isinstance(table, Mapping):
            self.report(path, f"expected a table, got {_kind(table)}")
            return None
        self.unknown_keys(table, HOST_KEYS, path)
        url = self.text(table, "url", path)
        if url is None and "url" not in table:
            self.report(path, "no url (the host's scrapyd, e.g. http://10.0.0.11:6800/)")
        elif url is not None and not _is_web_url(url):
            self.report((*path, "url"), f"expected an http(s) URL of a scrapyd, got {url!r}")
        db = self.path_on_host(table, "db", path)
        if db is None and "db" not in table:
            self.report(path, "no db (the shard's path on that host)")
        state_db = self.path_on_host(table, "state_db", path)
        settings = self.settings(table.get("settings"), (*path, "settings"))
        sites_table = table.get("sites", {})
        sites = []
        if not isinstance(sites_table, Mapping):
            self.report((*path, "sites"), f"expected a table of sites, got {_kind(sites_table)}")
        else:
            sites = [self.site(site, spec, name) for site, spec in sites_table.items()]
        return FleetHost(
            name=name,
            url=url or "",
            db=db or "",
            sites=tuple(s for s in sites if s is not None),
            state_db=state_db,
            settings=settings,
        )

    def path_on_host(self, table: Mapping[str, Any], key: str, path: tuple) -> str | None:
        value = self.text(table, key, path)
        if value is not None and not PurePosixPath(value).is_absolute():
            self.report((*path, key), f"expected an absolute path on the host, got {value!r}")
        return value

    def site(self, name: str, spec: Any, host: str) -> FleetSite | None:
        path = ("hosts", host, "sites", name)
        if not isinstance(spec, Mapping):
            self.report(path, f'expected a table (every = "6h", ...), got {_kind(spec)}')
            return None
        self.unknown_keys(spec, SITE_KEYS, path)
        if not _NAME.fullmatch(name):
            self.report(path, "a site name is letters, digits, '-', '_' and '.'")
        site_file = self.path_on_host(spec, "file", path)
        if site_file is None and "file" not in spec and name not in available_sites():
            self.report(
                path,
                f"unknown site (bundled: {', '.join(available_sites())}); a site of your own "
                "needs file = the path of its TOML file on the host",
            )
        every_text = self.text(spec, "every", path)
        every = parse_interval(every_text) if every_text else None
        if "every" not in spec:
            self.report(path, 'no schedule: add every = "6h" (30m, 6h, 1d, 1w)')
        elif every is None and every_text is not None:
            self.report((*path, "every"), f"expected 30m, 6h, 1d or 1w, got {every_text!r}")
        base_url = self.text(spec, "base_url", path)
        if base_url is not None and not _is_web_url(base_url):
            self.report((*path, "base_url"), f"expected an http(s) URL, got {base_url!r}")
        settings = self.settings(spec.get("settings"), (*path, "settings"))
        return FleetSite(
            name=name,
            host=host,
            every=every or timedelta(0),
            base_url=base_url,
            file=site_file,
            settings=settings,
        )

    def settings(self, table: Any, path: tuple[str, ...]) -> dict[str, str]:
        """Scrapy settings for scrapyd's `setting=NAME=VALUE`: scalars, sent as text (a
        dict setting such as DOWNLOAD_SLOTS as a JSON string, which Scrapy reads)."""
        if table is None:
            return {}
        if not isinstance(table, Mapping):
            self.report(path, f"expected a table of settings, got {_kind(table)}")
            return {}
        settings = {}
        for name, value in table.items():
            if name in RESERVED_SETTINGS:
                self.report((*path, name), f"set by the host's {RESERVED_SETTINGS[name]} key")
            elif isinstance(value, str | int | float):  # a boolean too: "True", "False"
                settings[name] = str(value)
            else:
                self.report(
                    (*path, name),
                    f"expected a string, number or boolean, got {_kind(value)} (write a dict "
                    "or list setting as a JSON string)",
                )
        return settings
