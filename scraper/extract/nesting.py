"""Markup too deeply nested to parse: found by a cheap scan of the tags, before any parser.

lexbor's parse time grows with the square of the nesting depth: 100,000 nested `div`s (a
1.1 MB page) took over a minute, on the crawl's only thread. Real pages nest far less: the
deepest of 420 measured (the bundled site, the fixtures, the real-page corpus) reaches 267
by this count, most stay under 150. A page deeper than `MAX_NESTING` is refused unparsed:
before lexbor when it has more than `LEXBOR_SAFE_TAGS` start tags (fewer cannot stall it),
before trafilatura always (`generic.parse_readable` measures the tree lxml built).

The count follows the HTML rules that decide depth, on a stack of tag names: void elements
(`img`, `br`) and elements whose end tag the parser supplies itself (`p`, `li`, `td`...)
never deepen it; `<x/>` closes itself only inside SVG and MathML (in HTML, `<div/>` opens
a `div`); an end tag closes its element, and those left open inside it, only where the
parser would (a stray `</div>` closes nothing; `</span>` does not close across a `div`
left open inside it). An end tag whose element is not among the top `_LOOKBACK` entries
is ignored, so the count errs on the deep side there. Not for nested lists and tables: an
`li` or `td` is not counted, so their true depth may be twice the count or more; the one
reader that recurses per level, trafilatura's, raises `NestedTooDeep` when it gives up.
"""

from __future__ import annotations

import re

from lxml import etree

# Deeper than this is refused: over three times the deepest real page measured (267).
MAX_NESTING = 1_000
# A page of at most this many start tags nests no deeper, and lexbor parses the worst of
# them (6,000 nested divs) in about 50 ms, the theme stage reads it in about 55: lexbor's
# parse needs no scan before it (the scan of a 230 KB page costs 3.6 ms, a third of the
# theme stage). lxml and trafilatura slow down and recurse far sooner (a second for 900
# nested blockquotes), so the paths that hand them the page check it first.
LEXBOR_SAFE_TAGS = 6_000

# Elements that never deepen the tree: void ones (no content)...
_VOID = "area base br col embed hr img input link meta source track wbr param keygen frame"
# ... and elements the next sibling (or the parent's end) closes.
_SELF_ENDING = "p li dt dd option optgroup tr td th tbody thead tfoot colgroup caption rb rt rp"
_FLAT = frozenset(f"{_VOID} basefont bgsound {_SELF_ENDING} rtc html head body".split())
# Their start and end tags, as `_names` lists them.
_FLAT_TAGS = _FLAT | {f"/{name}" for name in _FLAT}
# The end tags of the commonest elements, and the element each closes (saves a slice).
_OPENED_BY = {
    f"/{name}": name
    for name in ["div", "span", "a", "section", "article", "ul", "ol", "h2", "h3", "i", "b"]
}
# Elements an end tag of another, ordinary element does not close across (HTML's
# "special" category; the void and flat ones never reach the stack).
_SPECIAL = frozenset(
    [
        "address",
        "applet",
        "article",
        "aside",
        "blockquote",
        "button",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "iframe",
        "listing",
        "main",
        "marquee",
        "menu",
        "nav",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "plaintext",
        "pre",
        "script",
        "search",
        "section",
        "select",
        "style",
        "summary",
        "table",
        "template",
        "textarea",
        "title",
        "ul",
        "xmp",
    ]
)
# Elements no end tag closes across (the boundaries of HTML's "in scope").
_SCOPE = frozenset(["applet", "marquee", "object", "table", "template"])
# Foreign content: in it, "<x/>" closes itself (in HTML, "<div/>" opens a div).
_FOREIGN = frozenset(("svg", "math"))
# How far down the stack an end tag looks for its element (real pages: the top, or nearly).
_LOOKBACK = 32
# Characters scanned at a time.
_SLICE = 65_536
# A start or end tag: its name (with the "/" of an end tag) and the "/" of "<x/>". Neither
# part can run past a "<", and the name's characters are never tried again as the rest:
# the scan stays linear on any input (a "<" left unclosed, a megabyte without spaces).
_TAG = re.compile(r"<(/?[A-Za-z][^\s/<>]*+)[^<>]*+(?:(?<=(/)))?>")
# The same tags, the name alone: for a page with no svg or math start tag, where "<x/>"
# never closes itself. Without the "/" check the expression runs a third to a half faster.
_TAG_NAME = re.compile(r"<(/?[A-Za-z][^\s/<>]*+)[^<>]*+>")
# Could the page hold foreign content? (A start tag whose name begins "svg" or "math": a
# superset of the names `_TAG` reads as svg or math, so the answer errs on yes.)
_MAYBE_FOREIGN = re.compile(r"<(?:svg|math)", re.IGNORECASE)


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """How deep the page's elements nest (an upper bound, see the module's notes); the
    count stops as soon as it passes `limit`."""
    stack: list[str] = []
    foreign = 0  # svg and math elements open: only in them does "<x/>" close itself
    maybe_foreign = _MAYBE_FOREIGN.search(text) is not None
    deepest = 0
    start = 0
    while start < len(text):
        # A slice at a time, cut before a "<", so that a bomb is refused after its first
        # slices rather than after listing all its tags.
        end = text.find("<", start + _SLICE)
        if end < 0:
            end = len(text)
        if not maybe_foreign:
            deepest = _plain_depth(_names(text[start:end]), stack, deepest, limit)
            if deepest > limit:
                return deepest
            start = end
            continue
        names, self_closings = _names_and_slashes(text[start:end])
        for name, self_closing in zip(names, self_closings, strict=True):
            if name[0] != "/":
                if self_closing and foreign:
                    continue
                if name not in _FLAT:
                    stack.append(name)
                    if name in _FOREIGN:
                        foreign += 1
                    if len(stack) > deepest:
                        deepest = len(stack)
                        if deepest > limit:
                            return deepest
                continue
            name = name[1:]
            if name in _FLAT or not stack:
                continue
            if stack[-1] == name:  # nearly every end tag on a real page
                if stack.pop() in _FOREIGN:
                    foreign -= 1
                continue
            foreign -= sum(1 for closed in _close(stack, name) if closed in _FOREIGN)
        start = end
    return deepest


def _plain_depth(names: list[str], stack: list[str], deepest: int, limit: int) -> int:
    """`nesting_depth`'s walk over tags with no foreign content (so no "<x/>" closes
    itself): the deepest the stack gets, or the first depth past `limit`."""
    push, pop = stack.append, stack.pop
    for name in names:
        if name in _FLAT_TAGS:
            continue
        if name[0] != "/":
            push(name)
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest > limit:
                    return deepest
        elif stack:
            name = _OPENED_BY[name] if name in _OPENED_BY else name[1:]
            if stack[-1] == name:  # nearly every end tag on a real page
                pop()
            else:
                _close(stack, name)
    return deepest


def _close(stack: list[str], name: str) -> list[str]:
    """Close `name` below the top of the stack where the parser would, and the elements
    left open inside it; the elements closed (none when an element between blocks it)."""
    special = name in _SPECIAL
    for index in range(len(stack) - 2, max(-1, len(stack) - 1 - _LOOKBACK), -1):
        open_name = stack[index + 1]
        if open_name in _SCOPE or (not special and open_name in _SPECIAL):
            break
        if stack[index] == name:
            closed = stack[index:]
            del stack[index:]
            return closed
    return []


def _lowered(names: list[str]) -> list[str]:
    # One lower() over all the names, not one a tag ("\n" is in no name: the names split
    # back as they were, each lowered as on its own).
    return "\n".join(names).lower().split("\n") if names else names


def _names(text: str) -> list[str]:
    """The tags' names, lowercased ("/div" for an end tag)."""
    return _lowered(_TAG_NAME.findall(text))


def _names_and_slashes(text: str) -> tuple[list[str], list[str]]:
    """The tags' names, lowercased, and beside each the "/" of "<x/>" (else "")."""
    tags = _TAG.findall(text)
    return _lowered([name for name, _ in tags]), [slash for _, slash in tags]


# Within the limit, nested lists still outrun the text reader's recursion: the scan counts
# a `ul` but not the `li` inside it (an `li` ends at the next one), so 480 nested lists
# pass at a count of about 500 and reach Python's recursion limit in trafilatura.
TOO_DEEP_TO_READ = (
    "nesting too deep for the text reader (Python's recursion limit reached): not read"
)


class NestedTooDeep(Exception):
    """The page nests too deep for a parser or reader about to get it; the message says
    why, and the page is recorded as refused with it."""


def start_tags(text: str) -> int:
    """How many start tags the page may hold, at most: no element nests deeper."""
    return text.count("<") - text.count("</")


def more_start_tags_than(text: str, count: int) -> bool:
    """Whether `start_tags(text)` exceeds `count`; one count of the text answers no for
    most pages (fewer "<" than that in all)."""
    return text.count("<") > count and start_tags(text) > count


def too_deep(text: str, limit: int = MAX_NESTING) -> str | None:
    """Why the page is not parsed (its elements nest deeper than `limit`), or None."""
    # No deeper than it has start tags: two counts clear most pages (all of the bundled
    # site's, half of the real ones) without the scan.
    if not more_start_tags_than(text, limit):
        return None
    if nesting_depth(text, limit) > limit:
        return _refusal(limit)
    return None


def tree_too_deep(root: etree._Element) -> str | None:
    """Why a page lxml has parsed is not read further (its tree nests deeper than
    `MAX_NESTING`), or None. lxml parses any nesting in milliseconds (it stops at 2,047
    levels); trafilatura is what stalls. The tree's own depth is exact where the scan
    guesses, and a search path of one step per level costs about 0.2 ms on a real page, a
    tenth of the scan: most levels it tries are empty."""
    return _refusal(MAX_NESTING) if _BELOW_LIMIT(root) else None


# Every element MAX_NESTING levels below the root's children: none on a page within it.
_BELOW_LIMIT = etree.XPath("/*" + "/*" * MAX_NESTING)


def _refusal(limit: int) -> str:
    return f"nesting deeper than {limit:,} elements: not parsed (a markup bomb)"
