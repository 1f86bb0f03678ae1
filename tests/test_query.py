"""Compiled selectors select exactly what parsel selects.

`scraper.extract.query` rewrites some selectors to read right to left. The rewrite must
never change a result, so every selector of every registered profile is evaluated both ways
on every fixture page (108 whole pages of five themes), in each scope extraction uses: the
whole page, the article root, and each list item.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from parsel import Selector

from scraper.extract import parse_html
from scraper.extract.profiles import registered
from scraper.extract.query import compile_css

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html"))


def css_selectors(profile) -> list[str]:
    found = []
    for spec in fields(profile):
        value = getattr(profile, spec.name)
        if spec.name in ("list_item", "widgets", "name", "valid_from", "body_skip_classes"):
            continue  # XPath, or not a selector
        if spec.name == "list_item_time_attr":
            continue
        if isinstance(value, str) and value:
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(v for v in value if isinstance(v, str) and v)
    return [*found, "a[href*='/category/']"]


def same(compiled: list, expected: list) -> bool:
    if len(compiled) != len(expected):
        return False
    return all(
        a is b.root if not isinstance(b.root, str) else a == b.root
        for a, b in zip(compiled, expected, strict=True)
    )


def test_fixture_pages_are_there():
    assert len(PAGES) >= 100


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_profile_selector_matches_parsel(path):
    document = parse_html(path.read_text(encoding="utf-8")).root
    checked = 0
    for profile in registered().values():
        scopes = [document]
        roots = compile_css(profile.article_root)(document)
        scopes += roots[:1]
        scopes += document.xpath(profile.list_item)[:8]
        for css in css_selectors(profile):
            query = compile_css(css)
            for scope in scopes:
                expected = Selector(root=scope, type="html").css(css)
                got = query(scope)
                assert same(got, expected), (profile.name, css, scope.tag, got, expected)
                checked += 1
    assert checked > 100


SCOPING = """<html><body>
<div class="outer date"><section id="box"><span class="date">not in scope's part</span>
  <time datetime="1">one</time><p class="x"><time datetime="2">two</time></p></section></div>
<div id="box2" class="date"><ul><li class="item"><a href="/a">a</a><span><a href="/b">b</a></span>
  </li></ul><time>three</time></div>
</body></html>"""


@pytest.mark.parametrize(
    "css",
    [
        ".date time",  # the class on an ancestor of the scope must not count
        ".date time[datetime]",
        ".x time::text",
        "#box time::attr(datetime)",
        ".date > time",
        "li.item > a::attr(href)",
        ".item a",
        ".outer .x time, .date time",
        "#box2 time",
        "section time",
    ],
)
def test_scope_and_combinators_on_a_crafted_page(css):
    document = parse_html(SCOPING).root
    section = document.xpath("//section")[0]
    for scope in (document, section, document.xpath("//ul")[0]):
        expected = Selector(root=scope, type="html").css(css)
        assert same(compile_css(css)(scope), expected), (css, scope.tag)
    # In the section, ".date time" must not match through the outer div's class.
    assert compile_css(".date time")(section) == []
    assert [t.text for t in compile_css(".date time")(document)] == ["one", "two", "three"]
