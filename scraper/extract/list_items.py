"""List items on any page of a profiled theme: sidebar tabbers, "more news", archive lists,
each entry with its link, title, category, raw time and the widget it sits in; and the
links the spider follows."""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborNode

from scraper.extract import metadata
from scraper.extract.profiles import Profile
from scraper.extract.query import compile_css, element_test, first, text_of
from scraper.items import ListItemSighting

NOT_FOLLOWED = ("#", "javascript:", "mailto:", "tel:", "whatsapp:")


def list_items(
    document: LexborNode,
    profile: Profile,
    page_url: str,
    stamp: str,
    site: str,
    raw_times: list[tuple[str | None, str]],
) -> list[ListItemSighting]:
    """The page's list items, in document order. Each item's time goes to `raw_times` as
    (machine-readable time or None, visible text), for the time layer."""
    items: list[ListItemSighting] = []
    # An item belongs to the first widget (in the profile's order) with a container among
    # its ancestors. Items share ancestors: each node is tested once per page, and knows
    # the widgets of everything above it.
    tests = [(name, element_test(css)) for name, css in profile.widgets]
    above: dict[LexborNode, frozenset[str]] = {}

    def widgets_at(node: LexborNode | None) -> frozenset[str]:
        chain = []
        while node is not None and node not in above and node.tag != "-document":
            chain.append(node)
            node = node.parent
        names = above.get(node, frozenset()) if node is not None else frozenset()
        for link in reversed(chain):
            own = [name for name, test in tests if test(link)]
            names = above[link] = names.union(own) if own else names
        return names

    def widget_of(anchor: LexborNode) -> str:
        names = widgets_at(anchor.parent)
        return next((name for name, _ in tests if name in names), "list")

    for anchor in compile_css(profile.list_item)(document):
        link = first(profile.list_item_link, anchor) if profile.list_item_link else anchor
        href = (link.attributes.get("href") or "").strip() if link is not None else ""
        if not href or href.startswith(NOT_FOLLOWED):
            continue
        url = metadata.join_url(page_url, href)
        if url is None:  # an href urllib cannot parse (found by fuzzing): not followable
            continue
        title = ""
        for candidate in profile.list_item_title:
            title = text_of(first(candidate, anchor))
            if title:
                break
        time_node = first(profile.list_item_time, anchor)
        time_raw = time_node.text().strip() if time_node is not None else ""
        machine = (
            time_node.attributes.get(profile.list_item_time_attr)
            if profile.list_item_time_attr and time_node is not None
            else None
        )
        raw_times.append((machine or None, time_raw))
        category = text_of(first(profile.list_item_category, anchor))
        items.append(
            ListItemSighting(
                url=url,
                site=site,
                page_url=page_url,
                reference_time=stamp,
                widget=widget_of(anchor),
                title=title or None,
                category=category or None,
                time_raw=(time_raw or machine) or None,
            )
        )
    return items


def links(hrefs: list[str], base: str) -> list[str]:
    """Followable absolute URLs of `hrefs`, without fragments, each once."""
    urls = []
    for href in hrefs:
        href = href.strip()
        # metadata.join_url: None for an href urllib cannot parse (found by fuzzing): skipped.
        if href and not href.startswith(NOT_FOLLOWED) and (url := metadata.join_url(base, href)):
            urls.append(url.split("#", 1)[0])
    return unique(urls)


def unique(values: Iterable) -> list:
    """The truthy values, each once, in order."""
    return list(dict.fromkeys(v for v in values if v))
