"""The page engine of the theme stage: pages parsed by lexbor, profile selectors compiled once.

lexbor (through selectolax) parses a page about three times faster than lxml, as an HTML5
parser (the tree a browser builds), and runs CSS selectors in C, a few microseconds each.
The theme stage spends its time here, so it is built on it; the generic path, feeds and
sitemaps keep lxml (trafilatura and XML need it).

Selectors are CSS with parsel's two pseudo-elements on top: ``::text`` (the element's own
text nodes) and ``::attr(name)`` (an attribute's value). Within one selector group all
parts must end the same way, so the group runs as one lexbor query and its results stay in
document order. Scoped queries work like the DOM's ``querySelectorAll``: they select the
scope and its descendants, and the rest of a selector may match above the scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.text import clean_text

Query = Callable[[LexborNode], list]
ElementMatcher = Callable[[LexborNode], list[str]]

# A trailing parsel pseudo-element: "::text" or "::attr(name)".
_PSEUDO = re.compile(r"::(text|attr\(\s*([^)\s]+)\s*\))\s*$")
_SIMPLE_ID = re.compile(r"#([\w-]+)")
_SIMPLE_CLASS = re.compile(r"\.([\w-]+)")
_SPACE = re.compile(r"[ \t\n\r\f]+")


def parse_html(text: str) -> LexborHTMLParser:
    """Parse a page as a browser would. lexbor follows the HTML5 rules for NULs, control
    characters and lone surrogates, so nothing needs cleaning first."""
    return LexborHTMLParser(text)


def _split_groups(css: str) -> list[str]:
    """The comma-separated parts of a selector group (commas inside (), [] or quotes are
    part of their selector)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(css):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(css[start:i])
            start = i + 1
    parts.append(css[start:])
    return [part.strip() for part in parts if part.strip()]


def _nothing(scope: LexborNode) -> list:
    return []


@lru_cache(maxsize=1024)
def compile_css(css: str) -> Query:
    """A function of a scope node returning the nodes (or, with ``::text`` and
    ``::attr(name)``, the strings) the selector selects there, in document order. An empty
    selector selects nothing; parts of one group that end differently raise ValueError."""
    groups = _split_groups(css)
    if not groups:
        return _nothing
    endings = set()
    plain = []
    for group in groups:
        match = _PSEUDO.search(group)
        endings.add((match.group(1), match.group(2)) if match else None)
        plain.append(group[: match.start()] if match else group)
    if len(endings) > 1:
        raise ValueError(f"selector {css!r}: every part must end alike (::text, ::attr())")
    ending = endings.pop()
    query = ", ".join(plain)
    # lexbor returns a node once per part of the group it matches: keep the first.
    select = (lambda scope: scope.css(query)) if len(plain) == 1 else _unique_nodes(query)
    if ending is None:
        return select
    kind, name = ending
    if kind == "text":
        return lambda scope: [
            child.text_content
            for node in select(scope)
            for child in node.iter(include_text=True)
            if child.is_text_node
        ]
    return lambda scope: [
        value for node in select(scope) if (value := node.attributes.get(name)) is not None
    ]


def _unique_nodes(query: str) -> Query:
    def select(scope: LexborNode) -> list[LexborNode]:
        found = scope.css(query)
        return list(dict.fromkeys(found)) if len(found) > 1 else found

    return select


@lru_cache(maxsize=256)
def element_matcher(named: tuple[tuple[str, str], ...]) -> ElementMatcher:
    """The names whose compound selector one node matches, of (name, selector) pairs:
    "#id" and ".class" are tested in Python, on the node's attributes read once (a tenth
    of the cost of a selector call), anything else by lexbor."""
    by_id: dict[str, list[str]] = {}
    by_class: dict[str, list[str]] = {}
    others: list[tuple[str, str]] = []
    for name, css in named:
        if match := _SIMPLE_ID.fullmatch(css):
            by_id.setdefault(match.group(1), []).append(name)
        elif match := _SIMPLE_CLASS.fullmatch(css):
            by_class.setdefault(match.group(1), []).append(name)
        else:
            others.append((name, css))

    def matches(node: LexborNode) -> list[str]:
        attributes = node.attributes
        found = [*by_id.get(attributes.get("id") or "", ())] if by_id else []
        if by_class and (classes := attributes.get("class")):
            for token in _SPACE.split(classes):
                found += by_class.get(token, ())
        # (lexbor's css_matches is true when anything inside the node matches)
        parent = node.parent
        for name, css in others:
            if parent is not None and node in parent.css(css):
                found.append(name)
        return found

    return matches


def first(css: str, scope: LexborNode) -> LexborNode | None:
    """The first node under `scope` matching `css`."""
    return _compile_first(css)(scope)


@lru_cache(maxsize=1024)
def _compile_first(css: str) -> Callable[[LexborNode], Any]:
    """The first of what `compile_css(css)` selects, or None. For nodes, lexbor stops at
    the first match (`css_first`: the first `css` would list) instead of listing them all."""
    groups = _split_groups(css)
    if groups and not any(_PSEUDO.search(group) for group in groups):
        query = ", ".join(groups)
        return lambda scope: scope.css_first(query)
    select = compile_css(css)
    return lambda scope: next(iter(select(scope)), None)


def text_of(node: LexborNode | None) -> str:
    """Clean text of a node, its text nodes joined by a space ("" for no node)."""
    return clean_text(node.text(separator=" ")) if node is not None else ""


def first_text(css: str, scope: LexborNode) -> str:
    """Clean text of the first node matching `css` ("" when nothing matches)."""
    return text_of(first(css, scope))


def first_attribute(css: str, name: str, scope: LexborNode) -> str | None:
    """The first `name` attribute among the nodes matching `css`."""
    # Nearly always the first match has it: lexbor stops there, the list is the fallback.
    found = first(css, scope)
    if found is None:
        return None
    if (value := found.attributes.get(name)) is not None:
        return value
    return next(
        (v for e in compile_css(css)(scope) if (v := e.attributes.get(name)) is not None), None
    )
