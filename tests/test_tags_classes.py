"""Tags in the forms real news pages state them (issue 14): a keywords list a Chinese,
Japanese or Korean page separates with spaces, one article:tag that holds the whole list,
JSON-LD keywords joined by spaces beside a comma-separated meta tag, a CMS's ids among the
tags, and WordPress's rel="tag" links on a page whose metadata names no tag."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.accuracy_real import committed_page
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
EXPECTED = next(a for a in TRUTH["articles"] if a["file"] == "pages/post-2448.html")
TAGS = EXPECTED["tags"]


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
    page = committed_page("cn/People_")
    row, html = page.expected, page.html()
    assert b'name="keywords" content="' + " ".join(row["topics"]).encode() in html
    reference = page.reference
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


@pytest.mark.parametrize("prefix", ["uk/BBC_2024", "de/AFPFaktencheck_"])
def test_a_list_named_for_tags_gives_the_tags_of_a_real_page(prefix):
    # BBC: <div data-component="tags">; AFP: the topic links of a "tags" list; neither
    # states a tag in its head.
    page = committed_page(prefix)
    row, html = page.expected, page.html()
    assert b'property="article:tag"' not in html and b'name="keywords"' not in html
    reference = page.reference
    assert extract_page(html, row["url"], reference, profile="auto").article.tags == row["topics"]


def with_tag_list(html: str, css_class: str) -> str:
    links = " ".join(f'<a href="/tag/{i}/">{tag}</a>' for i, tag in enumerate(TAGS))
    block = f'<div class="{css_class}"><span>الوسوم:</span> {links}</div>'
    assert html.count('<div class="nx-post-tags">') == 1
    return html.replace('<div class="nx-post-tags">', f"{block}<div>", 1)


@pytest.mark.parametrize("css_class", ["article-tags", "box-tags", "tags-wrapper", "postTags"])
def test_plain_links_in_a_list_named_for_tags_are_the_tags(css_class):
    html = with_tag_list(without_tag_links(page_html()), css_class)
    assert tags_of(html) == TAGS


def test_a_tag_cloud_a_teasers_label_or_a_text_with_links_is_no_tag_list():
    html = without_tag_links(page_html())
    cloud = '<section class="widget"><div class="tags"><a href="/tag/a/">أ</a><a href="/tag/b/">ب</a></div></section>'
    teaser = '<div class="teaser"><span class="tag"><a href="/x/">سياسة</a></span><a href="/y/">خبر آخر</a></div>'
    prose = (
        '<div class="heading-tag"><p>قال مسؤولون في <a href="/a/">أنقرة</a> إن القرار سيطبق'
        ' على جميع الولايات خلال الأشهر المقبلة بعد موافقة <a href="/b/">البرلمان</a>.</p></div>'
    )
    html = html.replace("</body>", cloud + teaser + prose + "</body>", 1)
    assert tags_of(html) == []


def _probe_tags(folder: str, file: str) -> tuple[list[str], list[str]]:
    root = Path(__file__).parent / "fixtures" / folder
    answer = next(
        a for a in json.loads((root / "expected.json").read_text("utf-8")) if a["file"] == file
    )
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    page = extract_page(
        (root / file).read_bytes(), answer["url"], reference, profile="auto",
        timezone=answer.get("timezone", "unknown"),
    )  # fmt: skip
    return page.article.tags, answer.get("tags", [])


@pytest.mark.parametrize(
    ("folder", "file"),
    [
        ("english-bodies-11", "p01.html"),  # two article:tag metas, four "More On" links
        ("english-news-21", "p14.html"),  # two metas, four topic links
        ("arabic-sources-9", "p01.html"),  # Drupal's field items, one link each
        ("english-bodies-11", "p06.html"),  # Rolling Stone's "In This Article:" bar
    ],
)
def test_a_printed_tag_list_holding_the_metas_tags_and_more_is_the_tags(folder, file):
    tags, answer = _probe_tags(folder, file)
    assert sorted(tags) == sorted(answer)


def test_the_tags_of_a_next_story_appended_below_do_not_extend_the_metas():
    # english-news-10 p13: the story's three tags in its metas and its footer, a next
    # story's two printed in its own footer below.
    tags, answer = _probe_tags("english-news-10", "p13.html")
    assert tags == answer


def test_an_in_this_article_table_of_contents_is_no_tag_list():
    # generic-en's explainer: "In this article" over links to its own sections (#anchors).
    tags, _ = _probe_tags("generic-en", "explainer-table-of-contents.html")
    assert "What is the price cap?" not in tags
