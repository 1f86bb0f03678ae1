"""One site's own selectors over its theme's: the site file's `[selectors]` for every page,
and each of its `[[layouts]]` (a redesign of that site alone) from the day it went live.

`site_profile` checks what a site file states and builds a `SiteProfile`; extraction calls
its `at(reference)` for the profile a page was rendered with. Other sites on the same theme
keep reading the theme's profile.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from selectolax.lexbor import SelectolaxError

from scraper.extract.profiles import Profile, get_profile
from scraper.extract.query import compile_css, parse_html

# (field, value) pairs: hashable, so a site's profile pickles to worker processes and keys
# the cache of built profiles.
Selectors = tuple[tuple[str, Any], ...]

# Fields a site may set: every selector and class list. Not the identity of a profile, nor
# the fingerprints (they serve detection, which a site that names its theme skips).
SITE_FIELDS = tuple(
    f.name
    for f in fields(Profile)
    if f.name not in {"name", "version", "valid_from", "override", "fingerprints"}
)
_CSS_LISTS = {"list_item_title"}
_CLASS_LISTS = {"body_skip_classes"}
_WIDGETS = {"widgets"}
_ATTRIBUTE_NAMES = {"list_item_time_attr"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SiteProfile:
    """A theme's layout versions with one site's selectors over them."""

    theme: str
    site: str
    selectors: Selectors = ()
    layouts: tuple[tuple[str, Selectors], ...] = ()  # (valid_from, selectors), oldest first

    def at(self, moment: datetime) -> Profile:
        """The profile for a page rendered at `moment`: the theme's version live then, with
        the site's selectors and, in date order, those of each of its layouts live by then
        (UTC days, as for the theme's versions) over it. Before the first layout, the site's
        selectors alone; a site stating nothing reads the theme's profile itself."""
        theme = get_profile(self.theme, moment)
        day = moment.astimezone(UTC).strftime("%Y-%m-%d")
        live = tuple(layout for layout in self.layouts if layout[0] <= day)
        if not self.selectors and not live:
            return theme
        return _overridden(theme, self.site, self.selectors, live)


@lru_cache(maxsize=256)  # one per (theme version, live layouts): a crawl builds a handful
def _overridden(
    theme: Profile, site: str, selectors: Selectors, layouts: tuple[tuple[str, Selectors], ...]
) -> Profile:
    changes = dict(selectors)
    for _, layout_selectors in layouts:
        changes.update(layout_selectors)
    override = f"{site}@{layouts[-1][0]}" if layouts else site
    return replace(theme, **changes, override=override)


def site_profile(
    theme: str,
    site: str,
    selectors: Mapping[str, Any],
    layouts: Sequence[Mapping[str, Any]],
    source: str,
) -> SiteProfile:
    """The profile of site `site` on theme `theme`, from its file's `[selectors]` table and
    `[[layouts]]` array (as tomllib reads them). Raises ValueError naming `source` (the
    file) and the key for a name that is no selector, a value of the wrong kind, a CSS
    selector lexbor cannot parse, and a missing, malformed or repeated `valid_from`."""
    if (selectors or layouts) and theme in ("auto", "generic"):
        raise ValueError(f"{source}: [selectors] and [[layouts]] need a theme, not {theme!r}")
    own = _selectors(selectors, "[selectors]", source)
    dated: dict[str, Selectors] = {}
    for number, layout in enumerate(layouts, 1):
        where = f"[[layouts]] #{number}"
        if not isinstance(layout, Mapping):
            raise ValueError(f"{source}: {where} must be a table")
        unknown = sorted(set(layout) - {"valid_from", "selectors"})
        if unknown:
            raise ValueError(
                f"{source}: {where}: unknown key {unknown[0]!r} (a layout has valid_from "
                "and [layouts.selectors])"
            )
        day = _day(layout.get("valid_from"), f"{where} valid_from", source)
        if day in dated:
            raise ValueError(f"{source}: {where}: a layout from {day} is already stated")
        dated[day] = _selectors(layout.get("selectors", {}), f"{where} selectors", source)
    return SiteProfile(theme, site, own, tuple(sorted(dated.items())))


def _day(value: Any, where: str, source: str) -> str:
    # TOML reads a bare 2026-03-01 as a date, a quoted one as a string: both are fine.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    got = "nothing" if value is None else repr(value)
    raise ValueError(f"{source}: {where} must be a day, YYYY-MM-DD (got {got})")


def _selectors(table: Any, where: str, source: str) -> Selectors:
    if not isinstance(table, Mapping):
        raise ValueError(f"{source}: {where} must be a table of selectors")
    checked = []
    for key, value in table.items():
        if key not in SITE_FIELDS:
            raise ValueError(
                f"{source}: {where}: {key!r} is not a profile selector "
                f"(known: {', '.join(SITE_FIELDS)})"
            )
        checked.append((key, _value(key, value, f"{where} {key}", source)))
    return tuple(checked)


def _value(key: str, value: Any, where: str, source: str) -> Any:
    """The value as the Profile field holds it (lists become tuples), or ValueError."""

    def strings(items: Any) -> bool:
        return isinstance(items, list) and all(isinstance(item, str) for item in items)

    if key in _WIDGETS:
        if not (isinstance(value, list) and all(strings(p) and len(p) == 2 for p in value)):
            raise ValueError(f'{source}: {where} must be a list of ["name", "CSS"] pairs')
        for _, css in value:
            _check_css(css, where, source)
        return tuple(tuple(pair) for pair in value)
    if key in _CSS_LISTS or key in _CLASS_LISTS:
        if not strings(value):
            raise ValueError(f"{source}: {where} must be a list of strings")
        if key in _CSS_LISTS:
            for css in value:
                _check_css(css, where, source)
        return tuple(value)
    if not isinstance(value, str):
        raise ValueError(f"{source}: {where} must be a string")
    if key not in _ATTRIBUTE_NAMES:
        _check_css(value, where, source)
    return value


_EMPTY_PAGE = parse_html("<p></p>").root


def _check_css(css: str, where: str, source: str) -> None:
    """Compile and run the selector once, so a typo stops the site's loading, not every
    page of its crawl."""
    try:
        compile_css(css)(_EMPTY_PAGE)
    except (SelectolaxError, ValueError) as exc:  # unparseable, or parts that end unlike
        raise ValueError(f"{source}: {where}: bad CSS selector {css!r} ({exc})") from None
