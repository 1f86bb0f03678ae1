"""Tags in the forms real news pages state them (issue 14): a keywords list a Chinese,
Japanese or Korean page separates with spaces, one article:tag that holds the whole list,
JSON-LD keywords joined by spaces beside a comma-separated meta tag, a CMS's ids among the
tags, and WordPress's rel="tag" links on a page whose metadata names no tag."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime

import pytest

from scraper.extract import extract_page
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.fixtures import FIXTURES_ROOT
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
EXPECTED = next(a for a in TRUTH["articles"] if a["file"] == "pages/post-2448.html")
TAGS = EXPECTED["tags"]
REAL = FIXTURES_ROOT / "real"


def page_html(keywords: str = "") -> str:
    """A bundled article as a theme no profile knows prints it, its JSON-LD keywords list
    replaced by `keywords` (none when empty), no itemprop=keywords."""
    html = unprofiled((BUNDLED_SITE / EXPECTED["file"]).read_text(encoding="utf-8"), "zox")
    stated = f',"keywords":{json.dumps(keywords, ensure_ascii=False)}' if keywords else ""
    html, count = re.subn(r',"keywords":\[[^\]]*\]', stated, html)
    assert count == 1
    return html.replace('itemprop="keywords"', "")


def with_head(html: str, *metas: str) -> str:
    return html.replace("</head>", "".join(metas) + "</head>", 1)


def without_tag_links(html: str) -> str:
    return re.sub(r'<a [^>]*rel="tag"[^>]*>[^<]*</a>', "", html)


def tags_of(html: str) -> list[str]:
    page = page_of(TRUTH, EXPECTED["file"])
    return extract_page(html, EXPECTED["url"], utc(page["date"]), profile="auto").article.tags


def test_a_space_separated_chinese_keywords_list_is_split_on_a_real_page():
    row = next(
        json.loads(line)
        for line in (REAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if line.startswith('{"file": "cn/People_')
    )
    html = gzip.decompress((REAL / row["file"]).read_bytes())
    assert b'name="keywords" content="' + " ".join(row["topics"]).encode() in html
    reference = datetime.fromisoformat(row["crawl_date"]).replace(tzinfo=UTC)
    article = extract_page(html, row["url"], reference, profile="auto").article
    assert article.tags == row["topics"]


def test_one_article_tag_holding_the_whole_list_is_split():
    html = with_head(
        without_tag_links(page_html()), f'<meta property="article:tag" content="{",".join(TAGS)}">'
    )
    assert tags_of(html) == TAGS


def test_one_article_tag_naming_one_subject_in_a_series_stays_whole():
    series = "Business, Finance, & Economics"
    html = with_head(
        without_tag_links(page_html()), f'<meta property="article:tag" content="{series}">'
    )
    assert tags_of(html) == [series]


def test_json_ld_keywords_joined_by_spaces_give_way_to_the_meta_tags_list():
    html = page_html(keywords=" ".join(TAGS))
    html = with_head(
        without_tag_links(html), f'<meta name="keywords" content="{", ".join(reversed(TAGS))}">'
    )
    assert tags_of(html) == list(reversed(TAGS))


def test_a_single_json_ld_keyword_with_spaces_stays_one_tag():
    # The meta tag lists other words: the JSON-LD string is one keyword, not their join.
    html = page_html(keywords=TAGS[1])
    html = with_head(without_tag_links(html), '<meta name="keywords" content="أخبار, تركيا">')
    assert tags_of(html) == [TAGS[1]]


@pytest.mark.parametrize(
    "machine_id",
    [
        "8f507083-bac4-423a-9015-2eb31e1bce50",
        "100312362",
        "akhbar-turkiya.example",
        "o.akhbar-turkiya.example",
    ],
)
def test_a_cms_id_or_the_sites_host_is_no_tag(machine_id):
    metas = [f'<meta property="article:tag" content="{tag}">' for tag in [machine_id, *TAGS]]
    assert tags_of(with_head(without_tag_links(page_html()), *metas)) == TAGS


def test_the_storys_rel_tag_links_are_its_tags_when_the_metadata_names_none():
    html = page_html()
    assert all(f'rel="tag">{tag}</a>' in html for tag in TAGS)
    # A tag cloud in the sidebar and a category link some themes also mark rel="tag".
    cloud = '<aside class="widget"><a href="/tag/x/" rel="tag">وسم آخر</a></aside>'
    category = '<a href="https://www.akhbar-turkiya.example/category/news/" rel="tag">أخبار</a>'
    html = html.replace("</body>", cloud + "</body>", 1).replace(
        f'rel="tag">{TAGS[0]}</a>', f'rel="tag">{TAGS[0]}</a>{category}', 1
    )
    assert tags_of(html) == TAGS
    assert tags_of(without_tag_links(html)) == []
