"""Profile selectors compiled once, and evaluated cheaply.

A profile's selectors are CSS in parsel's dialect (with ``::text`` and ``::attr(name)``).
parsel translates ``.date time`` into ``descendant-or-self::*[class test]/descendant::time``:
libxml2 then tests the class of every element under the scope, which costs about as much
as a tenth of parsing the page, and a page runs dozens of such queries. Compiled here
instead, the same selector reads right to left: ``descendant-or-self::time[ancestor::*[class
test][inside the scope]]``. Only the few ``time`` elements and their ancestors are tested,
so the query costs a few microseconds instead of a hundred or more.

The rewrite applies when it pays (see `_worth_reversing`) and parts are joined by descendant
or child combinators; anything else keeps parsel's translation. Both forms
select the same nodes in the same (document) order; `tests/test_query.py` checks every
profile selector on every fixture page against parsel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from cssselect import parse
from cssselect.parser import CombinedSelector, FunctionalPseudoElement
from lxml import etree
from parsel.csstranslator import HTMLTranslator

Query = Callable[[etree._Element], list]

_TRANSLATOR = HTMLTranslator()
# True for an element that is the scope or inside it (the scope is among its ancestors).
_IN_SCOPE = "[count(ancestor-or-self::* | $scope) = count(ancestor-or-self::*)]"


def _nothing(scope: etree._Element) -> list:
    return []


@lru_cache(maxsize=1024)
def compile_css(css: str) -> Query:
    """A function of the scope element returning what ``Selector(scope).css(css)`` would
    select, as lxml elements or strings. An empty selector selects nothing."""
    if not css.strip():
        return _nothing
    parts = [
        _rightmost_first(selector)
        or _TRANSLATOR.selector_to_xpath(
            selector, prefix="descendant-or-self::", translate_pseudo_elements=True
        )
        for selector in parse(css)
    ]
    query = etree.XPath(" | ".join(parts), smart_strings=False)
    if "$scope" not in query.path:
        return query
    return lambda scope: query(scope, scope=scope)


def _rightmost_first(selector) -> str | None:
    """The XPath for one selector of a group, or None when it cannot be rewritten (then
    parsel's translation of it is used)."""
    pseudo = selector.pseudo_element
    if pseudo is None:
        suffix = ""
    elif pseudo == "text":
        suffix = "/text()"
    elif (
        isinstance(pseudo, FunctionalPseudoElement)
        and pseudo.name == "attr"
        and len(pseudo.arguments) == 1
    ):
        suffix = "/@" + pseudo.arguments[0].value
    else:
        return None
    compounds, combinators = [], []
    tree = selector.parsed_tree
    while isinstance(tree, CombinedSelector):
        if tree.combinator not in (" ", ">"):
            return None
        compounds.append(tree.subselector)
        combinators.append(tree.combinator)
        tree = tree.selector
    compounds.append(tree)
    compounds.reverse()  # leftmost first
    combinators.reverse()
    steps = [_step(compound) for compound in compounds]
    if len(steps) == 1:
        return f"descendant-or-self::{steps[0]}{suffix}" if steps[0] else None
    if None in steps or not _worth_reversing(steps[0], steps[-1]):
        return None
    # Leftmost part: inside the scope. Each part to its right: a descendant ("ancestor::")
    # or a child ("parent::") of the part on its left.
    predicate = steps[0] + _IN_SCOPE
    for step, combinator in zip(steps[1:-1], combinators[:-1], strict=True):
        axis = "ancestor" if combinator == " " else "parent"
        predicate = f"{step}[{axis}::{predicate}]"
    axis = "ancestor" if combinators[-1] == " " else "parent"
    return f"descendant-or-self::{steps[-1]}[{axis}::{predicate}]{suffix}"


# Elements a page has hundreds of: starting from them, with nothing else to filter on,
# costs more than parsel's left-to-right scan.
_COMMON_ELEMENTS = {"a", "div", "span", "li", "p", "img", "i", "ul", "svg", "path", "br"}


def _worth_reversing(leftmost: str, rightmost: str) -> bool:
    """Reading right to left pays when the leftmost part would test every element (no
    element name: a class or id only) and the rightmost part selects few elements (a rare
    element name, or a condition to filter on before the ancestors are walked)."""
    if not leftmost.startswith("*"):
        return False  # a named leftmost element is already a cheap filter
    name, _, condition = rightmost.partition("[")
    return name != "*" and (bool(condition) or name not in _COMMON_ELEMENTS)


def _step(compound) -> str | None:
    """One compound selector (``span.date:not(.updated)``) as an XPath step."""
    expression = _TRANSLATOR.xpath(compound)
    if expression.path:
        return None
    condition = f"[{expression.condition}]" if expression.condition else ""
    return f"{expression.element}{condition}"
