"""One site's own selectors over its theme's: the site file's `[selectors]` for every page,
and each of its `[[layouts]]` (a redesign of that site alone) from the day it went live.

`site_profile` builds a `SiteProfile` from what a site file states (checked first by
`scraper.sites.validate`, with `selector_problem` and `layout_day` below); extraction calls
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
# the fingerprints (they serve detection, which a site that names its theme skips), nor
# the shared lists (WordPress's own, the same on every site).
_NOT_SITE_FIELDS = {"name", "version", "valid_from", "override", "fingerprints", "shared_lists"}
SITE_FIELDS = tuple(f.name for f in fields(Profile) if f.name not in _NOT_SITE_FIELDS)
_CSS_LISTS = {"list_item_title"}
_CLASS_LISTS = {"body_skip_classes"}
_WIDGETS = {"widgets"}
_ATTRIBUTE_NAMES = {"list_item_time_attr"}
_CHOICES = {"published_text_modified": ("", "absolute", "any")}
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
) -> SiteProfile:
    """The profile of site `site` on theme `theme`, from its file's `[selectors]` table and
    `[[layouts]]` array as tomllib reads them, once checked (`scraper.sites.load_site`
    checks every site file): lists become tuples, a layout's day a YYYY-MM-DD string."""
    dated = {
        layout_day(layout["valid_from"]) or "": _frozen(layout.get("selectors", {}))
        for layout in layouts
    }
    return SiteProfile(theme, site, _frozen(selectors), tuple(sorted(dated.items())))


def _frozen(table: Mapping[str, Any]) -> Selectors:
    def frozen(value: Any) -> Any:
        return tuple(frozen(item) for item in value) if isinstance(value, list) else value

    return tuple((key, frozen(value)) for key, value in table.items())


def layout_day(value: Any) -> str | None:
    """A layout's `valid_from` as YYYY-MM-DD, or None when it is no day. TOML reads a bare
    2026-03-01 as a date, a quoted one as a string: both are fine."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def selector_problem(key: str, value: Any) -> str | None:
    """What is wrong with `value` for the profile field `key` (a name in SITE_FIELDS): a
    value of the wrong kind, or CSS that lexbor cannot run; None when it is fine."""

    def strings(items: Any) -> bool:
        return isinstance(items, list) and all(isinstance(item, str) for item in items)

    if key in _WIDGETS:
        if not (isinstance(value, list) and all(strings(p) and len(p) == 2 for p in value)):
            return 'must be a list of ["name", "CSS"] pairs'
        return next(filter(None, (_css_problem(css) for _, css in value)), None)
    if key in _CSS_LISTS or key in _CLASS_LISTS:
        if not strings(value):
            return "must be a list of strings"
        if key in _CSS_LISTS:
            return next(filter(None, map(_css_problem, value)), None)
        return None
    if not isinstance(value, str):
        return "must be a string"
    if key in _CHOICES:
        choices = _CHOICES[key]
        return None if value in choices else f"must be one of {', '.join(map(repr, choices))}"
    return None if key in _ATTRIBUTE_NAMES else _css_problem(value)


_EMPTY_PAGE = parse_html("<p></p>").root


def _css_problem(css: str) -> str | None:
    """Compile and run the selector once, so a typo stops the site's loading, not every
    page of its crawl."""
    try:
        compile_css(css)(_EMPTY_PAGE)
    except (SelectolaxError, ValueError) as exc:  # unparseable, or parts that end unlike
        return f"bad CSS selector {css!r} ({exc})"
    return None
