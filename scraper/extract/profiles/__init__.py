"""Theme and site profiles: where a theme keeps each field, declared as selectors.

A profile is data: CSS selectors and class fragments (see zox.py). Each theme module extends
the WordPress base (wordpress.py) with its own selectors and registers the result by name; a
site configuration names the one it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser


@dataclass(frozen=True)
class SharedList:
    """A dated list that WordPress core or a page builder prints under any theme (the
    Recent Posts widget, the Latest Posts block, Elementor's Posts widget), or a theme's
    list whose entries are blocks rather than links (Zox's "More posts"): read beside the
    theme's own lists."""

    name: str  # the widget name its entries get where no theme widget holds them
    item: str  # CSS (page-wide): one element per entry
    link: str  # CSS inside the entry: its link, whose text is the title
    time: str  # CSS inside the entry: its printed date
    time_attr: str = ""  # the time element's machine-readable attribute, if it has one
    title: str = ""  # CSS inside the entry: its title, where the link's text is none


@dataclass(frozen=True)
class Profile:
    name: str
    version: int
    # The first element matching `article_root` is the article; anything the theme appends
    # after it (auto-loaded next stories) is ignored.
    article_root: str
    # Selectors below are CSS, relative to the article root unless their name says "page".
    headline: str
    category_link: str
    body: str
    author: str
    tags: str
    published_attr: str  # elements carrying a machine-readable @datetime
    published_text: str  # visible absolute date
    published_relative: str  # visible "N unit ago"; "" when the visible date holds both forms
    modified_meta: str  # meta elements with a @content date
    image: str
    # List items: elements holding one item with its own time (CSS, page-wide): an anchor
    # that wraps the whole item, or a container with the link inside (`list_item_link`).
    list_item: str
    list_item_title: tuple[str, ...]  # CSS candidates inside the item, first non-empty wins
    list_item_category: str
    list_item_time: str
    # (widget name, CSS an ancestor matches) in priority order; the first that holds names
    # it. "#id" and ".class" are tested fastest.
    widgets: tuple[tuple[str, str], ...]
    # Links the spider follows (CSS, page-wide).
    page_article_links: str
    page_listing_links: str
    # Body children with any of these class fragments are not text (ads, share bars, embeds).
    body_skip_classes: tuple[str, ...] = ()
    # The theme's Source box (CSS, relative to the article root; each match is tried in
    # order, and read if its label is a source label or it has none: a Via box's label is
    # no source label; see `source_line.source_box`). "" for a theme without one. The body
    # must skip it (`body_skip_classes`).
    source_box: str = ""
    # CSS inside a list item for its link; empty when the item is the anchor itself.
    list_item_link: str = ""
    # Attribute of the list item's time element holding a machine-readable time (e.g.
    # "datetime"), read instead of the visible text when present.
    list_item_time_attr: str = ""
    # Lists of WordPress core and page builders, read under the theme's own (the
    # WordPress base sets them; a site file cannot: they are the same on every site).
    shared_lists: tuple[SharedList, ...] = ()
    # Markup fingerprints for detection: CSS selectors that only this theme's pages match
    # (class names, asset paths in link/script URLs, the generator meta).
    fingerprints: tuple[str, ...] = ()
    # Whether `published_text` may show the last modification instead of the publication:
    # "" never; "absolute" when its printed date is the modified date and only its "N ago"
    # form counts from publication (JNews); "any" when a theme option can make either form
    # the modified time (Jannah). Such a date is the published date only when the page
    # states no other (metadata, machine-readable element, permalink day).
    published_text_modified: str = ""
    # The day (YYYY-MM-DD, UTC) this layout version went live; None for the first.
    valid_from: str | None = None
    # The site whose own selectors are in force over the theme's, with the day of its live
    # layout when one is ("my-site", "my-site@2026-03-01"); "" for the theme's alone.
    override: str = ""

    @property
    def tag(self) -> str:
        """What records store in `profile`: "zox@1", or with a site's selectors in force
        "zox@1+my-site" and "zox@1+my-site@2026-03-01"."""
        own = f"{self.name}@{self.version}"
        return f"{own}+{self.override}" if self.override else own


# name -> its layout versions, oldest first. A redesign is a new version of the same
# profile with the date it went live (`valid_from`); pages are read with the version that
# was live when they were rendered.
_REGISTRY: dict[str, list[Profile]] = {}


def register(profile: Profile) -> Profile:
    versions = [p for p in _REGISTRY.get(profile.name, []) if p.version != profile.version]
    versions.append(profile)
    _REGISTRY[profile.name] = sorted(versions, key=lambda p: (p.valid_from or "", p.version))
    return profile


def unregister(name: str, version: int) -> None:
    _REGISTRY[name] = [p for p in _REGISTRY.get(name, []) if p.version != version]


def get_profile(name: str, at: datetime | None = None) -> Profile:
    """The version of profile `name` live at `at` (the page's render time); the newest
    version when `at` is None."""
    _load_builtin()
    versions = _REGISTRY.get(name)
    if not versions:
        known = ", ".join(sorted(n for n, v in _REGISTRY.items() if v))
        raise KeyError(f"unknown profile {name!r} (known: {known})")
    if at is None:
        return versions[-1]
    day = at.astimezone(UTC).strftime("%Y-%m-%d")
    live = [p for p in versions if (p.valid_from or "") <= day]
    return live[-1] if live else versions[0]


def registered() -> dict[str, Profile]:
    """Every profile by name, in its newest version."""
    _load_builtin()
    return {name: versions[-1] for name, versions in _REGISTRY.items() if versions}


def detect_profile(page: LexborHTMLParser | str) -> tuple[Profile | None, int]:
    """The registered profile whose fingerprints the page (parsed, or its HTML) matches
    most, and how many."""
    if isinstance(page, str):
        page = LexborHTMLParser(page)
    best, best_score = None, 0
    for profile in registered().values():
        score = sum(1 for fingerprint in profile.fingerprints if page.css_first(fingerprint))
        if score > best_score:
            best, best_score = profile, score
    return best, best_score


_builtin_loaded = False


def _load_builtin() -> None:
    """Import every module of this package, once: each registers its profiles. (Listing
    the package on every lookup cost more than some pages' extraction.)"""
    global _builtin_loaded
    if _builtin_loaded:
        return
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _builtin_loaded = True
