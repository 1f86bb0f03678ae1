"""Extraction against the bundled Zox News pages: one call per page, compared with the
ground truth the pages were generated from, and with literal values for the sample."""

from __future__ import annotations

import re

import pytest

from scraper.extract import extract_page, normalize_url
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
ARTICLES = TRUTH["articles"]
TIMEZONE = TRUTH["site"]["timezone"]


def extract_file(file: str, truth: dict = TRUTH):
    page = page_of(truth, file)
    html = (BUNDLED_SITE / file).read_bytes()
    url = truth["site"]["origin"] + page["path"]
    result = extract_page(html, url, utc(page["date"]), site="zox-demo", timezone=TIMEZONE)
    return result


def test_sample_article_literal_values():
    sample = next(a for a in ARTICLES if a["is_sample"])
    article = extract_file(sample["file"]).article
    assert (
        article.headline == "مدير مكتب الأسد: زيارته الأخيرة لروسيا كانت بلا نتائج ولم يتصل ببوتين"
    )
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("قال كامل صقر، مدير المكتب الإعلامي في الرئاسة السورية سابقًا")
    assert paragraphs[0].endswith("يوم سيطرة المعارضة على دمشق.")
    assert paragraphs[-1].startswith("وأشار صقر إلى أن رفض الأسد الجلوس مع الرئيس التركي أردوغان")
    assert paragraphs[-1].endswith("متمسكًا فقط بلقاءات بين مسؤولين أمنيين.")
    assert article.source == ["منصة مزيج"]
    assert article.source_raw == "المصدر: منصة مزيج"
    assert article.category["name"] == "دولي"
    assert article.category["url"].endswith("/category/%D8%AF%D9%88%D9%84%D9%8A/")
    assert "المصدر" not in article.body
    for ui_string in ("Advertisement", "Connect with us", "Published", "فيسبوك", "You may like"):
        assert ui_string not in article.body
    assert article.language == "ar"


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda a: f"post-{a['post_id']}")
def test_article_fields_match_truth(expected):
    article = extract_file(expected["file"]).article
    assert article is not None
    assert article.url == normalize_url(expected["url"])
    assert article.post_id == expected["post_id"]
    assert article.headline == expected["headline"]
    assert article.body.split("\n\n") == expected["paragraphs"]
    assert article.source_raw == expected["source_raw"]
    assert article.source == expected["sources"]
    assert article.category["name"] == expected["category"]["name"]
    assert article.category["url"] == normalize_url(expected["category"]["url"])
    # Only JSON-LD names every category; the theme's label shows the first one.
    names = [c["name"] for c in expected["categories"]]
    assert [c["name"] for c in article.categories] == (names if expected["seo"] else names[:1])
    assert article.author == expected["author"]
    assert article.tags == expected["tags"]
    if expected["image"]:
        assert article.image == expected["image"]
    assert article.language == "ar"


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda a: f"post-{a['post_id']}")
def test_publication_time_window_holds_the_truth(expected):
    article = extract_file(expected["file"]).article
    published = utc(expected["published_utc"])
    assert article.published_at is not None, article.missing
    assert utc(article.published_earliest) <= published <= utc(article.published_latest)
    if expected["seo"]:
        # An SEO plugin prints the exact time: nothing else may be needed.
        assert article.precision == "exact"
        assert utc(article.published_at) == published
    else:
        # Without one, the date-only attribute and the visible "N ago" narrow each other.
        assert article.precision in {"day", "window"}
    assert article.date_conflicts == []


# Our widget names are finer than the truth's: featured blocks are widgets of their own.
WIDGET_IN_TRUTH = {"archive-featured": "archive", "home-featured": "home"}


def observed(items) -> list[tuple]:
    return [
        (i.url, WIDGET_IN_TRUTH.get(i.widget, i.widget), i.title, i.category, i.time_raw)
        for i in items
    ]


def expected_items(page: dict) -> list[tuple]:
    return [
        (
            normalize_url(e["url"]),  # records carry the one spelling the store keeps
            e["widget"],
            e["title"].strip(),
            e["category"],
            e["time_raw"].strip(),
        )
        for e in page["list_items"]
    ]


def assert_items_match(items, page: dict) -> None:
    """The page's list items as the store keeps them: the truth's, in order, with a repeat
    of an article within one widget (a tabber's tabs share some; the home page's widgets
    all count as "home") kept once, the first (the store's key is page, article, widget and
    render time, so a second time string for it would not be stored)."""
    seen = observed(items)
    expected = expected_items(page)
    assert len({(i.url, i.widget) for i in items}) == len(items)  # no repeat in one widget
    position = 0
    for item in seen:  # in the truth's order, nothing that is not there
        while position < len(expected) and expected[position] != item:
            # Only a repeat may be left out: the same article, same widget, earlier.
            skipped = expected[position]
            assert skipped[:2] in {e[:2] for e in expected[:position]}, skipped
            position += 1
        assert position < len(expected), item
        position += 1
    assert all(e[:2] in {x[:2] for x in expected[:position]} for e in expected[position:])
    assert {(e[0], e[1]) for e in expected} == {(o[0], o[1]) for o in seen}


def test_list_items_of_three_kinds_of_page_match_truth():
    checked_pages = 0
    for kind in ("article", "category", "home"):
        for page in [p for p in TRUTH["pages"] if p["kind"] == kind][:3]:
            result = extract_file(page["file"])
            # Same items, same order, same visible text: direction marks and no-break
            # spaces in the time strings are kept as printed.
            assert_items_match(result.list_items, page)
            checked_pages += 1
    assert checked_pages == 7  # three articles, three archive pages, the home page


def test_every_list_item_on_the_site_resolves_to_a_window_holding_the_truth():
    pages = [p for p in TRUTH["pages"] if p["list_items"]]
    assert sum(len(p["list_items"]) for p in pages) > 1000
    for page in pages:
        result = extract_file(page["file"])
        assert_items_match(result.list_items, page)
        truth_times = {normalize_url(e["url"]): e["published_utc"] for e in page["list_items"]}
        for item in result.list_items:
            assert item.earliest and item.latest, (page["file"], item.time_raw, item.reason)
            published = utc(truth_times[item.url])
            assert utc(item.earliest) <= published <= utc(item.latest), (
                page["file"],
                item.time_raw,
            )


def test_sample_more_news_list_reproduces_the_seed():
    sample = next(a for a in ARTICLES if a["is_sample"])
    items = [i for i in extract_file(sample["file"]).list_items if i.widget == "more"]
    assert [i.time_raw for i in items[:10]] == [
        f"{n} ساعة ago" for n in (11, 11, 13, 14, 15, 19, 19, 21, 22, 22)
    ]
    assert items[0].title == "تكاليف المعيشة ترتفع مجدداً في تركيا.. حد الفقر يلامس 92 ألف ليرة"
    assert items[0].category == "الاقتصاد التركي"
    # The image alt says something else; the visible title wins.
    assert items[8].title == "اليوم 15 ليرة تركية غداً 7 آلاف 438 ليرة تركية.. تحذير عاجل للمواطنين"


def test_auto_loaded_second_article_stays_out_of_the_first():
    host = next(a for a in ARTICLES if a["autoload_appended"])
    appended = next(a for a in ARTICLES if a["post_id"] == host["autoload_appended"])
    article = extract_file(host["file"]).article
    assert article.headline == host["headline"]
    assert appended["paragraphs"][0] not in article.body


@pytest.mark.parametrize("kind", ["category", "home"])
def test_listing_pages_never_yield_an_article(kind):
    for page in [p for p in TRUTH["pages"] if p["kind"] == kind]:
        result = extract_file(page["file"])
        assert result.article is None
        assert result.page_type == "listing"
        assert result.reason


def test_category_pages_link_to_their_next_page():
    first = next(p for p in TRUTH["pages"] if p["kind"] == "category" and "/page/" not in p["path"])
    result = extract_file(first["file"])
    assert any(url.endswith(first["path"] + "page/2/") for url in result.listing_links)
    assert not any(url.endswith("#") for url in result.listing_links + result.article_links)


def test_a_headline_the_theme_no_longer_marks_comes_from_the_page_metadata():
    """The theme's headline class renamed and og:title gone: the chain still finds the
    headline the page states (twitter:title, the h1, the <title> without the site name)."""
    expected = next(a for a in ARTICLES if not a["seo"])
    html = (BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8")
    broken = html.replace('class="mvp-post-title', 'class="renamed-title')
    broken = broken.replace('property="og:title"', 'property="og:renamed"')
    page = page_of(TRUTH, expected["file"])
    article = extract_page(
        broken, TRUTH["site"]["origin"] + page["path"], utc(page["date"])
    ).article
    assert article.headline == expected["headline"]
    assert article.provenance["headline"] in ("meta:twitter:title", "h1", "title")


def test_missing_headline_and_category_give_null_with_reason():
    expected = next(a for a in ARTICLES if not a["seo"])
    html = (BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8")
    broken = html.replace('class="mvp-post-cat-link"', 'class="renamed-cat"')
    # No category anywhere: the menus lose WordPress's marks of the post's category too.
    broken = re.sub(r" current-post-ancestor current-menu-parent current-post-parent", "", broken)
    assert "current-post-parent" not in broken
    # No headline anywhere: not in the theme's element, the meta tags, an h1 or the title.
    broken = re.sub(r"<h1[^>]*>.*?</h1>", "", broken, flags=re.S)
    broken = re.sub(r"<title>.*?</title>", "", broken, flags=re.S)
    broken = re.sub(r'<meta (property|name)="(og|twitter):title"[^>]*>', "", broken)
    page = page_of(TRUTH, expected["file"])
    result = extract_page(broken, TRUTH["site"]["origin"] + page["path"], utc(page["date"]))
    article = result.article
    assert article.headline is None and "headline" in article.missing
    assert article.category is None and "category" in article.missing
    assert article.body.split("\n\n") == expected["paragraphs"]


def test_truncated_page_still_gives_a_record_or_a_reason():
    expected = next(a for a in ARTICLES if a["is_sample"])
    html = (BUNDLED_SITE / expected["file"]).read_bytes()
    page = page_of(TRUTH, expected["file"])
    url = TRUTH["site"]["origin"] + page["path"]
    # Cut inside the body: the header survives, the body is what arrived, nothing is made up.
    cut = html.index("وتطرق صقر".encode())
    article = extract_page(html[:cut], url, utc(page["date"])).article
    assert article.headline == expected["headline"]
    assert article.body.split("\n\n") == expected["paragraphs"][:2]
    assert article.source is None or article.source == []
    assert "source" in article.missing
    # Cut before the article starts: no article, and a reason.
    for cut in (html.index(b'id="mvp-article-wrap"') - 10, 200, 0):
        result = extract_page(html[:cut], url, utc(page["date"]))
        assert result.article is None and result.reason


def test_feed_items_carry_exact_times():
    import json

    from scraper.discover import feed_items
    from scraper.time import http_date

    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["responses"] if e["path"] == "/feed/")
    body = (BUNDLED_SITE / entry["file"]).read_bytes()
    reference = http_date(entry["headers"]["Date"])
    items = feed_items(body, TRUTH["site"]["origin"] + "/feed/", reference, timezone=TIMEZONE)
    truth_by_url = {normalize_url(a["url"]): a for a in ARTICLES}
    assert len(items) == 10
    for item in items:
        expected = truth_by_url[item.url]
        assert item.published_at == expected["published_utc"]
        assert item.earliest == item.latest == item.published_at
        assert item.title == expected["headline"]


def test_a_body_nested_hundreds_deep_is_still_read():
    """Page builders and broken templates nest containers deeply; reading the body must
    not recurse once per level (it raised RecursionError at 5,000 levels). 950 levels (on
    top of the page's own 21) stay under the nesting cap; deeper pages are refused before
    any parser (tests/test_markup_bombs.py)."""
    sample = next(a for a in ARTICLES if a["is_sample"])
    page = page_of(TRUTH, sample["file"])
    html = (BUNDLED_SITE / sample["file"]).read_text(encoding="utf-8")
    opening = '<div id="mvp-content-main" class="left relative">'
    assert opening in html
    nested = "<div>" * 950 + "<p>فقرة في عمق الصفحة</p>" + "</div>" * 950
    url = TRUTH["site"]["origin"] + page["path"]
    result = extract_page(html.replace(opening, opening + nested, 1), url, utc(page["date"]))
    paragraphs = result.article.body.split("\n\n")
    assert paragraphs[0] == "فقرة في عمق الصفحة"
    assert result.article.source == ["منصة مزيج"]
