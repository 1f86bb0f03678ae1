"""`normalize_url` and `join_url` return plain URLs as they are, without calling w3lib or
urljoin: every such URL must come out exactly as `canonicalize_url` and `urljoin` give it.
A plain URL but for escapes in lower case joins as it is too, and `normalize_url` upper-cases
its escapes itself."""

from __future__ import annotations

import random
from urllib.parse import urljoin

import pytest
from w3lib.url import canonicalize_url

from scraper.extract.finish import normalize_url
from scraper.extract.metadata import is_plain_url, join_url, joins_as_is
from scraper.testkit.large_pages import large_pages

# Pieces of paths and hosts where canonicalization changes something (escapes in lower
# case or of ASCII, dot segments, queries, fragments, spaces, non-ASCII, ports, users,
# upper-case hosts) beside pieces where it changes nothing.
PATH_PIECES = [
    *"abcAZ09-._~/%?#;=&:@!$'()*+, \t",
    *("%D8", "%a7", "%2F", "%41", "%80", "%8", "%FF", "é", "ا", "..", "./", "/./", "/../"),
]
HOSTS = [
    "a.example",
    "www.akhbar-turkiya.example",
    "xn--mgbh0fb.example",
    "A.example",
    "a-.example",
    "a..example",
    "a.example.",
    "1.2.3.4",
    "[::1]",
    "[::0:1]",
    "a.example:80",
    "a.example:443",
    "user@a.example",
    "a" * 70 + ".example",
]


def fast_path_taken(url: str) -> bool:
    return is_plain_url(url) and "/." not in url


def test_fast_path_agrees_with_w3lib_on_random_urls():
    rng = random.Random(19)
    taken = lower_case = 0
    for _ in range(10_000):
        url = (
            rng.choice(("https://", "http://", "HTTPS://", "ftp://"))
            + rng.choice(HOSTS)
            + "/"
            + "".join(rng.choice(PATH_PIECES) for _ in range(rng.randint(0, 10)))
        )
        if fast_path_taken(url):
            taken += 1
            assert canonicalize_url(url, keep_fragments=False) == url, url
        if joins_as_is(url):
            for base in ("https://www.akhbar-turkiya.example/a/b/", "http://other.example"):
                assert urljoin(base, url) == url, url
                assert join_url(base, url) == url
            canonical = canonicalize_url(url, keep_fragments=False)
            if not is_plain_url(url) and "/." not in url and is_plain_url(canonical):
                lower_case += 1  # taken by normalize_url's upper-casing of the escapes
        assert is_plain_url(url) <= joins_as_is(url)
        assert normalize_url(url) == canonicalize_url(url.strip(), keep_fragments=False)
    assert taken > 100  # the fast path is exercised, not only the slow one
    assert lower_case > 10  # (19 with this seed)


def test_fast_path_agrees_with_w3lib_on_page_links():
    urls = [item.url for page in large_pages(2) for items in page.items.values() for item in items]
    urls += [
        "https://www.akhbar-turkiya.example/2025/12/15/%d8%b9%d8%a7%d8%ac%d9%84/",
        "https://www.akhbar-turkiya.example/?p=10350",
        "https://www.akhbar-turkiya.example/a/../b/",
        "https://www.akhbar-turkiya.example/a/#comments",
        "https://www.Akhbar-Turkiya.example/a/",
    ]
    assert any(fast_path_taken(url) for url in urls)
    assert not all(fast_path_taken(url) for url in urls)
    for url in urls:
        assert normalize_url(url) == canonicalize_url(url, keep_fragments=False)


@pytest.mark.parametrize(
    ("link", "page"),
    [
        (
            "https://a.example/solar-plant/?relatedposts_hit=1&relatedposts_origin=48211"
            "&relatedposts_position=1",
            "https://a.example/solar-plant/",
        ),
        ("https://a.example/news?id=5&utm_source=x&utm_medium=y", "https://a.example/news?id=5"),
        ("https://a.example/news?id=5&fbclid=abc", "https://a.example/news?id=5"),
    ],
)
def test_a_link_s_tracking_parameters_are_no_part_of_its_page(link, page):
    # Jetpack's related posts add where the reader clicked (theme-list-items-4 p01).
    assert normalize_url(link) == normalize_url(page)
