"""Theme and site profiles: where a theme keeps each field, declared as selectors.

A profile is data plus a few small functions (see zox.py). Profiles are registered by name;
a site configuration names the one it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector


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
    published_relative: str  # visible "N unit ago"
    modified_meta: str  # meta elements with a @content date
    image: str
    # List items: anchors that wrap an item with its own relative time (XPath, page-wide).
    list_item: str
    list_item_title: tuple[str, ...]  # CSS candidates inside the item, first non-empty wins
    list_item_category: str
    list_item_time: str
    # (widget name, XPath test on ancestors) in priority order; the first that holds names it.
    widgets: tuple[tuple[str, str], ...]
    # Links the spider follows (CSS, page-wide).
    page_article_links: str
    page_listing_links: str
    # Body children with any of these class fragments are not text (ads, share bars, embeds).
    body_skip_classes: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    def is_article(self, sel: Selector) -> bool:
        return bool(sel.css(self.article_root))


_REGISTRY: dict[str, Profile] = {}


def register(profile: Profile) -> Profile:
    _REGISTRY[profile.name] = profile
    return profile


def get_profile(name: str) -> Profile:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(
            f"unknown profile {name!r} (known: {', '.join(sorted(_REGISTRY))})"
        ) from None


def _load_builtin() -> None:
    from scraper.extract.profiles import zox  # noqa: F401  (registers itself)
