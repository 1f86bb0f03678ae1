"""Checks a site file as a whole before anything uses it: every key known, every value of
its kind, the profile and the timezone real, URLs http(s), selectors that compile.

Every problem of a file is reported in one go, one line each, as `FILE:LINE: key: problem`
(`site_problems`, raised together by `load_site` as a `SiteFileError`). tomllib gives no
line numbers for keys, so `KeyLines` finds them by scanning the text: good enough for the
files people write, and the key's name is in the line anyway.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit

from scraper.extract.profiles import registered
from scraper.extract.profiles.site import SITE_FIELDS, layout_day, selector_problem
from scraper.time import zone_problem

# Profiles a site may name besides the registered themes: detect the theme page by page,
# or read every page on the generic path.
UNTHEMED = ("auto", "generic")
REQUIRED = ("name", "profile", "timezone", "start_urls")
URL_LISTS = ("start_urls", "sitemaps", "feeds")
POLITENESS = ("download_delay", "concurrency", "autothrottle")
LAYOUT_KEYS = ("valid_from", "selectors")
# [budgets]: whole numbers, 0 or more (0: no limit); `seconds` may have a fraction. The keys
# are scraper.crawl.budgets.SITE_KEYS (not imported: checking a file needs no Scrapy).
BUDGETS = (
    "pages",
    "seconds",
    "depth",
    "listing_pages",
    "links_per_page",
    "query_variants",
    "sitemap_depth",
    "repeated_pages",
)
TOP_LEVEL = (
    "name",
    "title",
    "profile",
    "timezone",
    *URL_LISTS,
    "allowed_domains",
    "replay",
    "politeness",
    "selectors",
    "layouts",
    "budgets",
)


class SiteFileError(ValueError):
    """A site file (or several) that cannot be used: one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Problem:
    line: int
    key: str  # the key's TOML path ("politeness.download_delay"); "" for the file itself
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.key + ': ' if self.key else ''}{self.message}"


def parse_site_file(text: str) -> tuple[dict[str, Any], list[Problem]]:
    """The file's data and its problems; a TOML syntax error is the one problem, at the
    line tomllib names."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        line = int(where[1]) if where else max(1, len(text.splitlines()))  # "end of document"
        return {}, [Problem(line, "", f"not valid TOML: {exc}")]
    return data, site_problems(data, text)


def site_problems(data: Mapping[str, Any], text: str) -> list[Problem]:
    """Every problem of a site file's data (as tomllib read `text`), in line order."""
    check = _Checker(KeyLines(text))
    check.site(data)
    return sorted(check.problems, key=lambda problem: problem.line)


class _Checker:
    def __init__(self, lines: KeyLines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def report(self, path: tuple[str | int, ...], message: str, item: str | None = None) -> None:
        line = self.lines.item(path, item) if item is not None else self.lines.of(path)
        self.problems.append(Problem(line, _dotted(path), message))

    def site(self, data: Mapping[str, Any]) -> None:
        for key in REQUIRED:
            if key not in data:
                self.report((key,), f"missing (every site file states {', '.join(REQUIRED)})")
        self.unknown_keys(data, (), TOP_LEVEL)
        for key in ("name", "title", "profile", "timezone"):
            if key in data and not isinstance(data[key], str):
                self.report((key,), f"must be a string (got {_kind(data[key])})")
        if isinstance(data.get("name"), str) and not data["name"].strip():
            self.report(("name",), "must not be empty")
        if isinstance(data.get("profile"), str):
            self.profile(data["profile"], bool(data.get("selectors") or data.get("layouts")))
        if isinstance(data.get("timezone"), str):
            self.timezone(data["timezone"])
        for key in URL_LISTS:
            if key in data:
                self.urls(key, data[key])
        if isinstance(data.get("start_urls"), list) and not data["start_urls"]:
            self.report(("start_urls",), "must name at least one URL to start from")
        if "allowed_domains" in data:
            self.domains(data["allowed_domains"], data)
        if "replay" in data:
            self.replay(data["replay"])
        if "politeness" in data:
            self.politeness(data["politeness"])
        if "selectors" in data:
            self.selectors(data["selectors"], ("selectors",))
        if "layouts" in data:
            self.layouts(data["layouts"])
        if "budgets" in data:
            self.budgets(data["budgets"])

    def unknown_keys(
        self, table: Mapping[str, Any], path: tuple[str | int, ...], known: tuple[str, ...]
    ) -> None:
        for key in table:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(known)}"
                self.report((*path, key), f"unknown key ({hint})")

    def profile(self, name: str, own_selectors: bool) -> None:
        themes = sorted(registered())
        if name in UNTHEMED:
            if own_selectors:
                self.report(("profile",), f"[selectors] and [[layouts]] need a theme, not {name!r}")
        elif name not in themes:
            known = ", ".join([*themes, *UNTHEMED])
            self.report(("profile",), f"unknown profile {name!r} (known: {known})")

    def timezone(self, name: str) -> None:
        if problem := zone_problem(name):
            self.report(("timezone",), problem)

    def urls(self, key: str, value: Any) -> None:
        if not _strings(value):
            self.report((key,), f'must be a list of URLs, ["https://…"] (got {_kind(value)})')
            return
        for url in value:
            if not _is_web_url(url):
                self.report((key,), f"{url!r} is not an http(s) URL", item=url)

    def domains(self, value: Any, data: Mapping[str, Any]) -> None:
        if not _strings(value):
            self.report(
                ("allowed_domains",),
                f'must be a list of host names, ["news.example.com"] (got {_kind(value)})',
            )
            return
        hosts = [domain for domain in value if re.fullmatch(r"[^\s/:?#@]+", domain)]
        for domain in value:
            if domain not in hosts:
                self.report(
                    ("allowed_domains",),
                    f"{domain!r} is not a host name (no scheme, port or path)",
                    item=domain,
                )
        if len(hosts) < len(value) or not hosts:
            return  # the site's URLs are compared once every entry is a host name
        # Scrapy drops a request for any other host, the site's own start pages included.
        for key in URL_LISTS:
            urls = data.get(key)
            for url in urls if _strings(urls) else ():
                host = urlsplit(url).hostname if _is_web_url(url) else None
                if host and not any(host == d or host.endswith("." + d) for d in hosts):
                    self.report(
                        (key,), f"{url!r} is outside allowed_domains: the crawl would drop it", url
                    )

    def replay(self, value: Any) -> None:
        if not isinstance(value, str) or not _is_web_url(value):
            self.report(("replay",), f"must be an http(s) URL (got {_kind(value)})")

    def politeness(self, table: Any) -> None:
        path: tuple[str | int, ...] = ("politeness",)
        if not isinstance(table, Mapping):
            self.report(path, f"must be a table, [politeness] (got {_kind(table)})")
            return
        self.unknown_keys(table, path, POLITENESS)
        if "download_delay" in table:
            delay = table["download_delay"]
            if not _number(delay) or delay < 0:
                self.report(
                    (*path, "download_delay"), f"must be seconds, 0 or more (got {_kind(delay)})"
                )
        if "concurrency" in table:
            count = table["concurrency"]
            if not (_number(count) and isinstance(count, int)) or count < 1:
                self.report(
                    (*path, "concurrency"),
                    f"must be a whole number, 1 or more (got {_kind(count)})",
                )
        if "autothrottle" in table and not isinstance(table["autothrottle"], bool):
            got = _kind(table["autothrottle"])
            self.report((*path, "autothrottle"), f"must be true or false (got {got})")

    def budgets(self, table: Any) -> None:
        path: tuple[str | int, ...] = ("budgets",)
        if not isinstance(table, Mapping):
            self.report(path, f"must be a table, [budgets] (got {_kind(table)})")
            return
        self.unknown_keys(table, path, BUDGETS)
        for key, value in table.items():
            if key not in BUDGETS:
                continue
            whole = isinstance(value, int) or key == "seconds"
            if not (_number(value) and whole) or value < 0:
                self.report(
                    (*path, key),
                    f"must be a whole number, 0 (no limit) or more (got {_kind(value)})"
                    if key != "seconds"
                    else f"must be seconds, 0 (no limit) or more (got {_kind(value)})",
                )

    def selectors(self, table: Any, path: tuple[str | int, ...]) -> None:
        if not isinstance(table, Mapping):
            self.report(path, f"must be a table of selectors (got {_kind(table)})")
            return
        for key, value in table.items():
            if key not in SITE_FIELDS:
                close = difflib.get_close_matches(key, SITE_FIELDS, n=1)
                hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(SITE_FIELDS)}"
                self.report((*path, key), f"not a profile selector ({hint})")
                continue
            problem = selector_problem(key, value)
            if problem:
                self.report((*path, key), problem)

    def layouts(self, value: Any) -> None:
        if not (isinstance(value, list) and all(isinstance(v, Mapping) for v in value)):
            self.report(("layouts",), f"must be tables, [[layouts]] (got {_kind(value)})")
            return
        first: dict[str, int] = {}  # day -> the layout stating it first
        for number, layout in enumerate(value, 1):
            path: tuple[str | int, ...] = ("layouts", number)
            self.unknown_keys(layout, path, LAYOUT_KEYS)
            day = layout_day(layout.get("valid_from"))
            if day is None:
                got = _kind(layout.get("valid_from"))
                self.report((*path, "valid_from"), f"must be a day, YYYY-MM-DD (got {got})")
            elif day in first:
                self.report((*path, "valid_from"), f"layouts[{first[day]}] is from {day} too")
            else:
                first[day] = number
            if "selectors" in layout:
                self.selectors(layout["selectors"], (*path, "selectors"))


class KeyLines:
    """Where each key of a TOML text is stated: a scan for `[table]`, `[[array]]` and
    `key = ` lines. Paths count the tables of an array from 1: ("layouts", 2, "valid_from")."""

    _SEGMENT = r'(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
    _KEY = re.compile(rf"\s*({_SEGMENT}(?:\s*\.\s*{_SEGMENT})*)\s*=")
    _ARRAY_HEADER = re.compile(r"\s*\[\[(.+?)\]\]")
    _TABLE_HEADER = re.compile(r"\s*\[(.+?)\]")

    def __init__(self, text: str) -> None:
        self.text_lines = text.splitlines()
        self.lines: dict[tuple[str | int, ...], int] = {}
        arrays: Counter[tuple[str, ...]] = Counter()
        table: tuple[str | int, ...] = ()
        in_string = False
        for number, line in enumerate(self.text_lines, 1):
            # Inside a multi-line string, nothing is a key.
            if (line.count('"""') + line.count("'''")) % 2:
                in_string = not in_string
                continue
            if in_string:
                continue
            if header := self._ARRAY_HEADER.match(line):
                names = _split_key(header[1])
                arrays[names] += 1
                table = self._resolve(names, arrays)
            elif header := self._TABLE_HEADER.match(line):
                table = self._resolve(_split_key(header[1]), arrays)
            elif key := self._KEY.match(line):
                self.lines.setdefault((*table, *_split_key(key[1])), number)
                continue
            else:
                continue
            self.lines.setdefault(table, number)

    @staticmethod
    def _resolve(names: tuple[str, ...], arrays: Counter[tuple[str, ...]]) -> tuple[str | int, ...]:
        """A header's path with the current table of each array in it numbered."""
        path: list[str | int] = []
        for length, name in enumerate(names, 1):
            path.append(name)
            if arrays[names[:length]]:
                path.append(arrays[names[:length]])
        return tuple(path)

    def of(self, path: tuple[str | int, ...]) -> int:
        """The line of the key at `path`, else of the nearest table around it, else 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def item(self, path: tuple[str | int, ...], item: str) -> int:
        """The line of `item`, one string of the list at `path`: the first line from the
        key's on that quotes it."""
        start = self.of(path)
        for number, line in enumerate(self.text_lines[start - 1 :], start):
            if f'"{item}"' in line or f"'{item}'" in line:
                return number
        return start


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s"\']+)', text)
    return tuple(next(part for part in groups if part) if any(groups) else "" for groups in parts)


def _dotted(path: tuple[str | int, ...]) -> str:
    """A key's path as a person reads it: politeness.download_delay, layouts[2].selectors."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}, a boolean"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, datetime | date | time):
        return f"the date/time {value.isoformat()}"
    return type(value).__name__


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
