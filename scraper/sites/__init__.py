"""Site configurations: which profile, which timezone, where to start, where to stay.

A site is data (a TOML file in this folder or anywhere on disk); adding a site on a known
theme touches no Python.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.extract.profiles.site import SiteProfile, site_profile
from scraper.sites.validate import SiteFileError, parse_site_file

# The bundled site files, read through importlib.resources: they also load from a zipped egg
# (scrapyd runs the project from one), where Path(__file__) names no real directory.
SITES = files(__name__)


@dataclass(frozen=True)
class Politeness:
    download_delay: float = 1.0
    concurrency: int = 2
    autothrottle: bool = True


@dataclass(frozen=True)
class SiteConfig:
    name: str
    profile: str
    timezone: str
    start_urls: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    title: str = ""
    # Where a local replay of the site is served (the bundled test site: the replay server's
    # address). Requests keep the site's real URLs; only the connection goes here. A real
    # site has none.
    replay: str | None = None
    politeness: Politeness = field(default_factory=Politeness)
    # The site's own selectors over its theme's (`[selectors]`), and its redesigns
    # (`[[layouts]]`: valid_from and `[layouts.selectors]`), as the file states them.
    selectors: dict[str, Any] = field(default_factory=dict)
    layouts: tuple[dict[str, Any], ...] = ()
    # The site's own budgets (`[budgets]`: pages, seconds, depth, ...; scraper.crawl.budgets)
    # over the defaults in the settings.
    budgets: dict[str, float] = field(default_factory=dict)

    def extraction_profile(self) -> str | SiteProfile:
        """What extraction reads this site's pages with: its theme's name, or with selectors
        or layouts of its own, the theme with them over it."""
        if not (self.selectors or self.layouts):
            return self.profile
        return site_profile(self.profile, self.name, self.selectors, self.layouts)

    def as_stored(self) -> dict[str, Any]:
        """The configuration as a run's row stores it: without its replay address, which
        says where the run connected, not what the site is (every replay of a site stores
        the same). Selectors, layouts and budgets only when the site has some, so a site
        without them is recorded as it was before sites could have them."""
        plain = asdict(self)
        for key in ("selectors", "layouts", "budgets"):
            if not plain[key]:
                del plain[key]
        plain.pop("replay", None)
        return plain

    @cached_property
    def hosts(self) -> frozenset[str]:
        """The hosts of the site's own URLs: start pages, sitemaps and feeds."""
        urls = (*self.start_urls, *self.sitemaps, *self.feeds)
        return frozenset(urlsplit(url).hostname or "" for url in urls) - {""}


def available_sites() -> list[str]:
    return sorted(p.name[: -len(".toml")] for p in SITES.iterdir() if p.name.endswith(".toml"))


def load_site(name_or_path: str) -> SiteConfig:
    """Load a site by its name (a bundled TOML file) or by a path to a TOML file. The whole
    file is checked first: SiteFileError names every problem, one line each."""
    path = Path(name_or_path)
    source = SITES / f"{name_or_path}.toml" if not path.suffix else path
    if not source.is_file():
        known = ", ".join(available_sites())
        raise FileNotFoundError(f"no site configuration {name_or_path!r} (known: {known})")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SiteFileError([f"{source}:1: not UTF-8 text ({exc.reason})"]) from None
    data, problems = parse_site_file(text)
    if problems:
        raise SiteFileError([problem.format(str(source)) for problem in problems])
    polite = Politeness(**data.pop("politeness", {}))
    for key in ("start_urls", "sitemaps", "feeds", "allowed_domains", "layouts"):
        data[key] = tuple(data.get(key, ()))
    return SiteConfig(politeness=polite, **data)


def load_sites(names_or_paths: list[str]) -> list[SiteConfig]:
    """Load several sites, or report the problems of all of them at once (SiteFileError)."""
    configs, lines = [], []
    for name in names_or_paths:
        try:
            configs.append(load_site(name))
        except SiteFileError as exc:
            lines.extend(exc.lines)
        except FileNotFoundError as exc:
            lines.append(str(exc))
    if lines:
        raise SiteFileError(lines)
    return configs
