"""The theme stage's engine (lexbor) selects what parsel (lxml) selects on the same pages.

Profiles were written against parsel's CSS dialect; `scraper.extract.query` runs them on
lexbor's tree instead. Every selector of every registered profile is evaluated both ways on
every fixture page (108 whole pages of five themes), in the scope extraction runs it in:
the whole page, the article root, or each of the first list items. The two parsers build
their own trees, so selected elements are compared by tag, attributes and text.

One difference is by design: like the DOM's ``querySelectorAll``, a scoped query lets the
left part of a selector match above the scope (parsel requires it inside), which is what a
profile author sees when trying a selector in a browser's console.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from parsel import Selector

from scraper.extract.decode import decode_html
from scraper.extract.generic import parse_lxml
from scraper.extract.profiles import registered
from scraper.extract.query import compile_css, element_matcher, first, first_attribute, parse_html
from scraper.testkit.server import BUNDLED_SITE

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted([*FIXTURES.rglob("*.html"), *BUNDLED_SITE.rglob("*.html")])
_SPACE = re.compile(r"\s+")


PAGE_WIDE = ("article_root", "list_item", "page_article_links", "page_listing_links")
IN_ITEM = ("list_item_link", "list_item_title", "list_item_category", "list_item_time")
NOT_SELECTORS = (
    "name",
    "version",
    "widgets",
    "body_skip_classes",
    "list_item_time_attr",
    "shared_lists",
)


def selectors(profile, names) -> list[str]:
    found = []
    for name in names:
        value = getattr(profile, name)
        found.extend(v for v in (value if isinstance(value, tuple) else (value,)) if v)
    return found


def scoped_selectors(profile) -> list[tuple[str, list[str]]]:
    """(scope, selectors) the way extraction runs them: page-wide ones on the page, article
    fields in the article root, item fields in each list item."""
    names = [f.name for f in fields(profile)]
    in_root = [
        n
        for n in names
        if n not in (*PAGE_WIDE, *IN_ITEM, *NOT_SELECTORS, "fingerprints", "valid_from")
    ]
    page = [*selectors(profile, (*PAGE_WIDE, "fingerprints")), "a[href*='/category/']"]
    page += [shared.item for shared in profile.shared_lists]
    return [
        ("page", page),
        ("root", selectors(profile, in_root)),
        ("item", selectors(profile, IN_ITEM)),
    ]


def _valueless(name: str, value: str | None) -> str:
    """An attribute's value, "" for a valueless one however the parser spells it."""
    return "" if value in (None, "", name) else value


def lexbor_signature(found: list) -> list:
    return [
        value.strip()
        if isinstance(value, str)
        else (
            value.tag,
            # lexbor gives a valueless attribute (itemscope) as None, lxml as "" (or, for
            # HTML's boolean ones, "defer", "checked", as its name): `_valueless`
            sorted((k, _valueless(k, v)) for k, v in value.attributes.items()),
            _SPACE.sub(" ", value.text()).strip(),
        )
        for value in found
    ]


def parsel_signature(found) -> list:
    out = []
    for selector in found:
        root = selector.root
        if isinstance(root, str):
            out.append(root.strip())
        else:
            attributes = sorted((k, _valueless(k, v)) for k, v in root.attrib.items())
            text = _SPACE.sub(" ", "".join(root.itertext())).strip()
            out.append((root.tag, attributes, text))
    return out


def _without_text(signature: list) -> list:
    return [entry[:2] if isinstance(entry, tuple) else entry for entry in signature]


# How much of two matched elements' texts must agree where the parsers' trees differ.
SAME_START_CHARS = 200


def _same_start(lexbor: object, lxml: object) -> bool:
    if not isinstance(lexbor, tuple):
        return lexbor == lxml
    return lexbor[2][:SAME_START_CHARS] == lxml[2][:SAME_START_CHARS]  # type: ignore[index]


def test_fixture_pages_are_there():
    assert len(PAGES) >= 100


@pytest.mark.parametrize(
    "path",
    PAGES,
    ids=lambda p: str(
        p.relative_to(BUNDLED_SITE.parent if p.is_relative_to(BUNDLED_SITE) else FIXTURES)
    ),
)
def test_every_profile_selector_matches_parsel(path):
    html, _ = decode_html(path.read_bytes())  # a page may declare windows-1252
    document = parse_html(html).root
    lxml_document = Selector(root=parse_lxml(html).root, type="html")
    checked = 0
    for profile in registered().values():
        roots = compile_css(profile.article_root)(document)
        lxml_roots = lxml_document.css(profile.article_root)
        items = compile_css(profile.list_item)(document)
        lxml_items = lxml_document.css(profile.list_item)
        scopes = {
            "page": [(document, lxml_document)],
            "root": list(zip(roots[:1], lxml_roots[:1], strict=True)),
            "item": list(zip(items[:8], lxml_items[:8], strict=True)),
        }
        for scope_name, css_list in scoped_selectors(profile):
            for css in css_list:
                query = compile_css(css)
                for scope, lxml_scope in scopes[scope_name]:
                    found = query(scope)
                    got = lexbor_signature(found)
                    expected = parsel_signature(lxml_scope.css(css))
                    if got != expected:
                        # libxml2 nests some valid pages otherwise than an HTML5 parser (a
                        # WordPress comment's <article> and <footer> inside the post's
                        # <article> keep the post open past the page's footer): the same
                        # elements match, holding more or less of the page after their start.
                        assert _without_text(got) == _without_text(expected), (profile.name, css)
                        assert all(_same_start(g, e) for g, e in zip(got, expected, strict=True)), (
                            profile.name,
                            css,
                            scope.tag,
                        )
                    # `first` (lexbor stopping at the first match) is the first of them all
                    assert _identity(first(css, scope)) == _identity(found[0] if found else None)
                    checked += 1
        for _, widget in profile.widgets:
            test = element_matcher((("widget", widget),))
            got = [e for e in document.traverse() if test(e)]
            expected = parsel_signature(lxml_document.css(widget))
            assert lexbor_signature(got) == expected, (profile.name, widget)
            checked += 1
        for shared in profile.shared_lists:  # WordPress's own lists: link and time per entry
            entries = compile_css(shared.item)(document)
            lxml_entries = lxml_document.css(shared.item)
            for css in (shared.link, shared.time):
                for scope, lxml_scope in zip(entries[:8], lxml_entries[:8], strict=True):
                    got = lexbor_signature(compile_css(css)(scope))
                    assert got == parsel_signature(lxml_scope.css(css)), (shared.name, css)
                    checked += 1
    assert checked > 50


def _identity(value):
    return value if value is None or isinstance(value, str) else value.mem_id


PAGE = """<html><body>
<div class="outer date"><section id="box"><span class="date">in the section</span>
  <time datetime="1">one</time><p class="x">lead <time datetime="2">two</time> tail</p></section></div>
<div id="box2" class="date wide"><ul><li class="item"><a href="/a">a</a><span><a>b</a></span>
  </li></ul><time>three</time></div>
</body></html>"""


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".date time", ["one", "two", "three"]),
        ("#box time::attr(datetime)", ["1", "2"]),
        ("p.x::text", ["lead ", " tail"]),  # the element's own text nodes, not its children's
        ("li.item > a::attr(href)", ["/a"]),
        ("li.item a::attr(href)", ["/a"]),  # an element without the attribute gives nothing
        ("time, span.date", ["in the section", "one", "two", "three"]),  # document order
        ("section:has(> p.x) time", ["one", "two"]),
        ("", []),
    ],
)
def test_selectors_on_a_crafted_page(css, expected):
    found = compile_css(css)(parse_html(PAGE).root)
    assert [v if isinstance(v, str) else v.text() for v in found] == expected


def test_first_and_first_attribute_on_a_crafted_page():
    document = parse_html(PAGE).root
    assert first("time, span.date", document).text() == "in the section"  # document order
    assert first("p.x::text", document) == "lead "
    assert first("#nothing", document) is None
    page = parse_html('<p><a>x</a><a href="/y" title="">y</a><a href="/z">z</a></p>').root
    assert first_attribute("p a", "href", page) == "/y"  # the first match has none: the next
    assert first_attribute("p a", "title", page) == ""
    assert first_attribute("p a", "rel", page) is None
    assert first_attribute("p b", "href", page) is None


def test_a_group_must_end_alike():
    with pytest.raises(ValueError, match="end alike"):
        compile_css("a::attr(href), a::text")


@pytest.mark.parametrize(
    ("css", "matches"),
    [
        ("#box2", ["div"]),
        (".wide", ["div"]),
        (".date", ["div", "span", "div"]),
        ("ul > li", ["li"]),
    ],
)
def test_widget_tests(css, matches):
    test = element_matcher((("widget", css),))
    assert [e.tag for e in parse_html(PAGE).root.traverse() if test(e)] == matches


def test_widget_matcher_names_every_widget_a_node_matches():
    """One node, several widgets: by id, by class and by a selector lexbor tests."""
    matcher = element_matcher(
        (("by-id", "#box2"), ("by-class", ".wide"), ("by-css", "div.date"), ("other", "#box"))
    )
    node = parse_html(PAGE).root.css_first("#box2")
    assert sorted(matcher(node)) == ["by-class", "by-css", "by-id"]
