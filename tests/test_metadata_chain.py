"""The metadata chain both extraction paths share (scraper/extract/metadata.py), and the
page-type evidence, on whole pages of the bundled site changed the ways real sites differ:
a theme nobody profiled, titles carrying the site's name, escaped entities, dates only in
odd meta tags or the permalink, og:type "website" on an article, a misdeclared charset."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract import extract_page
from scraper.extract.decode import decode_html
from scraper.extract.generic import parse_lxml
from scraper.extract.metadata import PageMeta
from scraper.extract.profiles import detect_profile
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
SITE_NAME = "أخبار تركيا الآن"
# Articles whose pages carry no SEO plugin metadata (no JSON-LD, no article:published_time).
PLAIN = [a for a in TRUTH["articles"] if not a["seo"]][:6]
SEO = [a for a in TRUTH["articles"] if a["seo"]][:6]


def unknown_layout(expected: dict) -> str:
    """The page as a theme no profile knows would print it (every theme class renamed)."""
    return unprofiled((BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8"), "zox")


def extract(html: str | bytes, expected: dict, **options):
    page = page_of(TRUTH, expected["file"])
    options.setdefault("profile", "auto")
    return extract_page(
        html, expected["url"], utc(page["date"]), timezone="Europe/Istanbul", **options
    )


def without(html: str, *patterns: str) -> str:
    for pattern in patterns:
        html = re.sub(pattern, "", html, flags=re.S)
    return html


@pytest.mark.parametrize("expected", PLAIN + SEO, ids=lambda a: f"post-{a['post_id']}")
def test_the_title_without_the_site_name_is_the_headline_when_nothing_else_names_it(expected):
    html = without(
        unknown_layout(expected),
        r"<h1[^>]*>.*?</h1>",
        r'<meta (property|name)="(og|twitter):title"[^>]*>',
        r'<script type="application/ld\+json"[^>]*>.*?</script>',
    )
    # WordPress's "Headline – Site" title (Yoast's "Headline - Site" on the SEO pages).
    assert re.search(f"<title>[^<]+ (&#8211;|-) {SITE_NAME}</title>", html)
    article = extract(html, expected).article
    assert article.headline == expected["headline"]
    assert article.provenance["headline"] == "title"


@pytest.mark.parametrize("expected", PLAIN[:3], ids=lambda a: f"post-{a['post_id']}")
def test_a_site_name_in_og_title_is_taken_off_and_entities_are_decoded(expected):
    html = unknown_layout(expected)
    headline = expected["headline"]
    # A site that appends its name to og:title and escapes quotes twice.
    quoted = f"&amp;quot;{headline}&amp;quot; | {SITE_NAME}"
    html = re.sub(r'(<meta property="og:title" content=")[^"]*"', rf'\g<1>{quoted}"', html)
    html = html.replace(
        '<meta property="og:type"',
        f'<meta property="og:site_name" content="{SITE_NAME}" />\n<meta property="og:type"',
        1,
    )
    html = without(html, r"<h1[^>]*>.*?</h1>")
    article = extract(html, expected).article
    assert article.headline == f'"{headline}"'


@pytest.mark.parametrize("expected", SEO[:3], ids=lambda a: f"post-{a['post_id']}")
def test_the_visible_headline_wins_when_json_ld_alone_says_otherwise(expected):
    """A JSON-LD headline with a kicker the page does not print, while the h1 and og:title
    agree: the page's headline is the one readers see."""
    # A kicker ("تحليل:"), not a label the page prints as a badge ("عاجل:", which goes
    # before the candidates are weighed).
    html = unknown_layout(expected).replace(
        f'"headline":"{expected["headline"]}"', f'"headline":"تحليل: {expected["headline"]}"', 1
    )
    assert '"headline":"تحليل: ' in html
    article = extract(html, expected).article
    assert article.headline == expected["headline"]
    assert article.provenance["headline"].startswith("h1+meta:")


@pytest.mark.parametrize("social_has_kicker", [False, True])
@pytest.mark.parametrize("expected", SEO[:3], ids=lambda a: f"post-{a['post_id']}")
def test_a_kicker_printed_apart_from_the_headline_is_no_part_of_it(expected, social_has_kicker):
    """JSON-LD says "Kicker: Headline", the h1 prints the kicker and the headline in
    spans of their own (a label above the headline): the headline is og:title's, without
    the kicker, unless og:title says the kicker too (a publisher that counts it)."""
    headline = expected["headline"]
    html = unknown_layout(expected).replace(
        f'"headline":"{headline}"', f'"headline":"تحليل: {headline}"', 1
    )
    html, printed = re.subn(
        r"(<h1[^>]*>)[^<]+(</h1>)",
        rf'\g<1><span class="kicker">تحليل</span> <span class="title">{headline}</span>\g<2>',
        html,
        count=1,
    )
    assert printed == 1 and '"headline":"تحليل: ' in html
    if social_has_kicker:
        html = html.replace(
            f'og:title" content="{headline}"', f'og:title" content="تحليل: {headline}"', 1
        )
        assert f'og:title" content="تحليل: {headline}"' in html
    article = extract(html, expected).article
    if social_has_kicker:
        assert article.headline == f"تحليل: {headline}"
    else:
        assert article.headline == headline
        assert article.provenance["headline"] == "meta:og:title+kicker-apart"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="date" content="{day}" />',
        '<meta itemprop="datePublished" content="{day}" />',
        '<meta name="pubdate" content="{day}" />',
        '<meta property="article:published" content="{day}" />',
    ],
)
def test_a_publication_day_in_another_meta_spelling_is_read(meta):
    expected = PLAIN[0]
    day = expected["published_utc"][:10]
    html = without(
        unknown_layout(expected), r"<time[^>]*>.*?</time>", r'<meta itemprop="date[^>]*>'
    )
    html = html.replace("</head>", meta.format(day=day) + "\n</head>", 1)
    article = extract(html, expected).article
    assert article.published_at[:10] == day or article.published_earliest[:10] <= day
    assert article.provenance["published_at"].startswith("meta:")


def test_the_permalink_day_is_the_last_word_on_the_date():
    expected = next(a for a in PLAIN if re.search(r"/\d{4}/\d\d/\d\d/", a["url"]))
    html = without(
        unknown_layout(expected), r"<time[^>]*>.*?</time>", r'<meta itemprop="date[^>]*>'
    )
    html = re.sub(r'<span class="nx-post-date[^"]*">.*?</span>', "", html, flags=re.S)
    article = extract(html, expected).article
    day = re.search(r"/(\d{4})/(\d\d)/(\d\d)/", expected["url"]).groups()
    assert article.provenance["published_at"] == "url"
    assert article.precision == "day" and "-".join(day) in article.published_raw


@pytest.mark.parametrize("expected", PLAIN[:3], ids=lambda a: f"post-{a['post_id']}")
def test_an_article_that_calls_itself_a_website_is_still_an_article(expected):
    html = unknown_layout(expected).replace(
        'property="og:type" content="article"', 'property="og:type" content="website"'
    )
    assert 'content="website"' in html
    result = extract(html, expected)
    assert result.page_type == "article" and result.article.headline == expected["headline"]
    evidence = result.article.provenance["page_type"]
    assert "og:type website" in evidence and "WordPress single-post classes" in evidence


def test_a_category_archive_is_a_listing_with_the_evidence_named():
    archive = next(p for p in TRUTH["pages"] if p["kind"] == "category")
    html = unprofiled((BUNDLED_SITE / archive["file"]).read_text(encoding="utf-8"), "zox")
    url = TRUTH["site"]["origin"] + archive["path"]
    result = extract_page(html, url, utc(archive["date"]), profile="auto")
    assert result.article is None and result.page_type == "listing"
    assert "for a listing: " in result.reason and "a listing URL" in result.reason
    # The reason weighs the two sides, so nothing in it reads as a requirement.
    assert re.search(
        r"an article needs a weight of 2 and more than a listing's; here \d+ against \d+\)$",
        result.reason,
    )


def test_a_profile_that_finds_no_article_root_hands_an_article_to_the_generic_path():
    """Another layout of a known theme (its article wrapper renamed, its fingerprints kept):
    the page says it is an article, so the generic path reads it; the theme's list items
    stay."""
    expected = SEO[0]
    html = (BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8")
    html = html.replace('id="mvp-article-wrap"', 'id="story-2027"')
    result = extract(html, expected, profile="zox")
    assert result.page_type == "article"
    assert result.article.profile == "generic@1"
    assert "zox@1 found no article#mvp-article-wrap" in result.article.provenance["page_type"]
    assert result.article.headline == expected["headline"]
    assert len(result.list_items) > 10


def test_one_shared_id_does_not_make_a_theme():
    html = unknown_layout(PLAIN[0]).replace("<body", '<div id="crumbs"></div><body', 1)
    _, score = detect_profile(html)
    assert score <= 1
    assert extract(html, PLAIN[0]).article.profile == "generic@1"


def test_utf8_bytes_declared_as_latin1_are_read_as_utf8():
    expected = PLAIN[0]
    body = (
        (BUNDLED_SITE / expected["file"])
        .read_bytes()
        .replace(b'charset="UTF-8"', b'charset="ISO-8859-1"')
    )
    text, encoding = decode_html(body, "text/html; charset=ISO-8859-1")
    assert encoding == "utf-8 (declared cp1252)" or encoding.startswith("utf-8 (declared")
    assert expected["headline"] in text
    article = extract(body, expected, profile="zox").article
    assert article.headline == expected["headline"]


def test_a_person_named_as_author_comes_before_the_site_itself():
    expected = SEO[0]
    html = unknown_layout(expected)
    html = re.sub(
        r'"author":\{[^}]*\}',
        f'"author":[{{"@type":"Organization","name":"{SITE_NAME}"}},{{"@type":"Person","name":"سارة يلدز"}}]',
        html,
        count=1,
    )
    assert '"name":"سارة يلدز"' in html
    assert extract(html, expected).article.author == "سارة يلدز"


def test_a_utf8_page_holding_replacement_characters_stays_utf8():
    """U+FFFD written into the page itself (a stylesheet's icon glyphs) is no sign of a
    wrong charset: the Arabic legacy fallback must not take a valid UTF-8 page."""
    expected = PLAIN[0]
    glyphs = "<style>.icon:before{content:'" + "\ufffd" * 30 + "'}</style>"
    body = (
        (BUNDLED_SITE / expected["file"])
        .read_bytes()
        .replace(b"</head>", glyphs.encode() + b"</head>", 1)
    )
    text, encoding = decode_html(body, "text/html; charset=UTF-8")
    assert encoding == "utf-8" and expected["headline"] in text
    assert extract(body, expected, profile="zox").article.headline == expected["headline"]


def test_a_gzipped_page_is_read_as_the_page_it_holds(tmp_path, capsys):
    import gzip

    from scraper.cli import main

    expected = PLAIN[0]
    raw = (BUNDLED_SITE / expected["file"]).read_bytes()
    plain = extract(raw, expected, profile="zox").article
    assert extract(gzip.compress(raw), expected, profile="zox").article == plain
    saved = tmp_path / "page.html.gz"  # how archives and corpora keep pages
    saved.write_bytes(gzip.compress(raw))
    page = page_of(TRUTH, expected["file"])
    args = ["extract", str(saved), "--url", expected["url"], "--reference", page["date"]]
    assert main([*args, "--site", "zox-demo"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["headline"] == expected["headline"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a web page: a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "not a web page: a PDF"),
        (b"PK\x03\x04" + b"\x14\x00" * 200, "not a web page: a ZIP archive"),
        (b"<html>\x00\x01\x02" + bytes(range(256)) * 4, "not a web page: binary data"),
        # A server that answered 200 with nothing (a cache's failed fill), or a truncated save.
        (b"", "an empty page"),
        (b"\r\n\r\n   \n", "an empty page"),
    ],
)
def test_files_that_are_no_page_are_refused_with_what_they_are(body, reason):
    result = extract(body, PLAIN[0])
    assert result.article is None and result.page_type == "other"
    assert result.reason.startswith(reason)


def test_a_gzip_bomb_is_refused_not_unpacked():
    import gzip

    bomb = gzip.compress(b"<p>" + b" " * (40 * 1024 * 1024))
    assert len(bomb) < 100_000
    result = extract(bomb, PLAIN[0])
    assert result.article is None and "unpacks to more than" in result.reason


def test_a_category_link_marked_rel_category_names_the_category():
    """WordPress prints rel="category tag" on a post's category links in most themes: on a
    layout nobody profiled, that link is the category, with its archive URL."""
    expected = PLAIN[0]
    html = unknown_layout(expected).replace('class="nx-post-cat-link"', 'rel="category tag"', 1)
    assert 'rel="category tag"' in html
    category = extract(html, expected).article.category
    assert category["name"] == expected["category"]["name"]
    assert category["url"].lower() == expected["category"]["url"].lower()


def test_the_breadcrumb_step_before_the_article_is_its_category():
    expected = PLAIN[1]
    origin = TRUTH["site"]["origin"]
    trail = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":'
        '"BreadcrumbList","itemListElement":['
        f'{{"@type":"ListItem","position":1,"name":"الرئيسية","item":"{origin}/"}},'
        f'{{"@type":"ListItem","position":2,"name":"اقتصاد","item":"{origin}/category/economy/"}},'
        f'{{"@type":"ListItem","position":3,"name":"{expected["headline"]}"}}]}}</script>'
    )
    html = (
        unknown_layout(expected)
        .replace("nx-post-cat-link", "label")
        .replace("</head>", trail + "</head>", 1)
    )
    article = extract(html, expected).article
    assert article.category == {"name": "اقتصاد", "url": f"{origin}/category/economy/"}
    assert article.provenance["category"] == "breadcrumb"


def test_a_section_string_of_joined_tags_gives_one_category():
    expected = SEO[0]
    html = re.sub(
        r'"articleSection":(\[[^\]]*\]|"[^"]*")',
        '"articleSection":"سياسة,تركيا,اللاجئين,انتخابات"',
        unknown_layout(expected),
        count=1,
    )
    assert '"articleSection":"سياسة,' in html
    article = extract(html, expected).article
    # The breadcrumb's category first, then the joined string's first name only.
    names = [c["name"] for c in article.categories]
    assert names == [expected["category"]["name"], "سياسة"]


@pytest.mark.parametrize(
    ("canonical", "why"),
    [
        ("https://mirror.example.net/copies/post.html", "another host"),
        ("/", "the home page"),
        ("index.html", "a bare file name"),
    ],
)
def test_og_url_wins_over_a_canonical_link_that_cannot_be_the_page(canonical, why):
    expected = PLAIN[0]
    html = re.sub(
        r'<link rel="canonical" href="[^"]*"',
        f'<link rel="canonical" href="{canonical}"',
        (BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8"),
        count=1,
    )
    assert f'<link rel="canonical" href="{canonical}"' in html, why
    result = extract(html, expected, profile="zox")
    assert result.url.lower() == expected["url"].lower()
    assert result.article.provenance["url"] == "meta:og:url (canonical link elsewhere)"


def test_a_relative_canonical_link_is_read_against_the_page():
    expected = PLAIN[0]
    path = "/" + expected["url"].split("/", 3)[3]
    html = re.sub(
        r'<link rel="canonical" href="[^"]*"',
        f'<link rel="canonical" href="{path}"',
        (BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8"),
        count=1,
    )
    result = extract(html, expected, profile="zox")
    assert result.url.lower() == expected["url"].lower()
    assert result.article.provenance["url"] == "link[rel=canonical]"


def _without_times(expected: dict) -> str:
    """The page in a layout no profile knows, with none of its own times left."""
    html = without(
        unknown_layout(expected), r"<time[^>]*>.*?</time>", r'<meta itemprop="date[^>]*>'
    )
    return re.sub(r'<span class="nx-post-date[^"]*">.*?</span>', "", html, flags=re.S)


def test_a_time_without_offset_on_a_site_of_unknown_zone_keeps_its_day():
    # As Anadolu Ajansi states it: article:published_time in Istanbul's wall clock, no
    # offset, fetched an hour after publication. Read as UTC it lies two hours ahead of
    # the fetch; a site whose zone nobody named gets a window, not "future".
    expected = PLAIN[0]
    published = utc(expected["published_utc"])
    local = published + timedelta(hours=3)
    html = _without_times(expected).replace(
        "</head>",
        f'<meta property="article:published_time" content="{local:%Y-%m-%dT%H:%M:%S}" />\n</head>',
        1,
    )
    fetched = published + timedelta(hours=1)
    article = extract_page(html, expected["url"], fetched, profile="auto").article
    assert article.published_at[:10] == expected["published_utc"][:10]
    assert article.published_earliest <= expected["published_utc"] <= article.published_latest
    assert article.published_latest == fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The site's zone, once known, gives the instant itself.
    known = extract_page(html, expected["url"], fetched, profile="auto", timezone="Europe/Istanbul")
    assert known.article.published_at == expected["published_utc"]


def test_an_update_time_by_the_headline_does_not_outvote_the_publication_time():
    # As the Mirror prints a live page: JSON-LD's datePublished, article:published_time
    # stamped with the last update, and <time class="date-updated"> after "Updated".
    expected = SEO[0]
    published = utc(expected["published_utc"])
    updated = f"{published + timedelta(days=1, hours=6):%Y-%m-%dT%H:%M:%SZ}"
    html = _without_times(expected)
    html = re.sub(
        r'<meta property="article:published_time" content="[^"]*"',
        f'<meta property="article:published_time" content="{updated}"',
        html,
    )
    html = html.replace(
        "</h1>",
        f'</h1><ul class="time-info"><li><span>Updated</span><time class="date-updated" '
        f'datetime="{updated}"></time><span>{updated[11:16]}</span></li></ul>',
        1,
    )
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.published_at == expected["published_utc"]
    assert [c["source"] for c in article.date_conflicts] == ["meta:article:published_time"]


def test_a_title_stamped_with_a_date_dates_a_page_that_states_none_else():
    # As DW titles its pages: "Headline | DW | 28.04.2023", and no date in the metadata.
    expected = PLAIN[0]
    day = utc(expected["published_utc"])
    html = re.sub(
        r'(<meta property="og:title" content="[^"]*)"',
        rf'\1 | {SITE_NAME} | {day:%d.%m.%Y}"',
        _without_times(expected),
    )
    shortlink = expected["url"].split("/20")[0] + f"/?p={expected['post_id']}"
    html = html.replace(expected["url"], shortlink)  # its canonical and og:url say no day
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, shortlink, utc(page["date"]), profile="auto").article
    assert article.provenance["published_at"] == "title"
    assert article.published_at[:10] == expected["published_utc"][:10]
    assert article.headline == expected["headline"]


def _without_author_markup(expected: dict) -> str:
    """The page with no rel=author link, no itemprop=author and no author box."""
    html = unknown_layout(expected)
    html = re.sub(
        r'<div class="nx-author-info-name.*?</div>', "{byline}", html, count=1, flags=re.S
    )
    html = re.sub(
        r'<div class="nx-author-box-wrap.*?(?=<div class="nx-org-wrap")', "", html, flags=re.S
    )
    return html.replace(' rel="author"', "").replace(' itemprop="author"', "")


def test_the_author_s_provenance_names_where_it_was_found():
    # (A page whose byline names a person: on seven, only the desk's account.)
    seo, plain = SEO[0], next(a for a in PLAIN if a["author"])
    # JSON-LD's person, on a page no profile knows.
    article = extract(unknown_layout(seo), seo).article
    assert (article.author, article.provenance["author"]) == ("محمد الحلبي", "json-ld")
    # No JSON-LD: the byline marked itemprop=author.
    article = extract(unknown_layout(plain), plain).article
    assert article.author and article.provenance["author"] == "byline-markup"
    # Only an author meta tag names the writer.
    html = _without_author_markup(plain).replace("{byline}", "", 1)
    html = html.replace("</head>", '<meta name="author" content="ليلى حداد">\n</head>', 1)
    article = extract(html, plain).article
    assert (article.author, article.provenance["author"]) == ("ليلى حداد", "meta:author")
    # Nobody named at all: no provenance, and the reason.
    article = extract(_without_author_markup(plain).replace("{byline}", "", 1), plain).article
    assert article.author is None and "author" not in article.provenance
    assert article.missing["author"]
    # The theme's author slot on its own page.
    page = page_of(TRUTH, seo["file"])
    html = (BUNDLED_SITE / seo["file"]).read_text(encoding="utf-8")
    themed = extract_page(html, seo["url"], utc(page["date"]), profile="zox").article
    assert themed.provenance["author"].startswith("zox@1:") and themed.author == "محمد الحلبي"


def test_the_post_id_tags_and_image_say_where_they_were_found():
    seo, plain = SEO[0], PLAIN[0]
    article = extract(unknown_layout(seo), seo).article
    assert article.post_id == seo["post_id"] and article.tags and article.image
    assert {k: article.provenance[k] for k in ("post_id", "tags", "image")} == {
        "post_id": "body-class",
        "tags": "json-ld:keywords",
        "image": "meta:og:image",
    }
    # No SEO plugin: the tags are the story's rel="tag" links, and no image is stated, so
    # the record says nothing of where one came from.
    article = extract(unknown_layout(plain), plain).article
    assert article.tags and article.provenance["tags"] == "rel=tag"
    assert article.image is None and "image" not in article.provenance
    # Without its body class the post id comes from the shortlink.
    html = re.sub(r"\bpostid-\d+\b", "", unknown_layout(seo))
    article = extract(html, seo).article
    assert (article.post_id, article.provenance["post_id"]) == (
        seo["post_id"],
        "link[rel=shortlink]",
    )
    # The theme's own tag list and featured image, on the theme's page.
    page = page_of(TRUTH, seo["file"])
    html = (BUNDLED_SITE / seo["file"]).read_text(encoding="utf-8")
    themed = extract_page(html, seo["url"], utc(page["date"]), profile="zox").article
    assert themed.provenance["tags"].startswith("zox@1:") and themed.tags


def test_a_byline_marked_only_by_its_class_names_every_author():
    # As Der Standard and Frankfurter Rundschau print theirs: a "Von:" label and each name
    # in its own element, with no rel, itemprop or meta tag naming them.
    expected = PLAIN[1]
    byline = (
        '<div class="article-byline"><span class="id-Story-authors-by">Von: </span>'
        '<a class="id-Story-authors-link" href="/autoren/1/">سارة يلماز</a>\n'
        '<span class="simple">Jan Michael Marchart</span></div>'
    )
    html = _without_author_markup(expected).replace("{byline}", byline, 1)
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.author == "سارة يلماز, Jan Michael Marchart"


@pytest.mark.parametrize(
    "not_a_byline",
    [
        '<p class="comment-form-author"><label for="author">الاسم</label>'
        '<input id="author" name="author" type="text"></p>',
        '<div class="author-follow"><button>Folgen</button></div>',
        '<div class="article-author">Quelle: sid/dpa</div>',
        '<span class="author-date">10 يوليو 2014 - 10:30</span>',
        # A dateline where the byline goes: a place, a dash, an agency (Jordanian dailies).
        '<p class="byline">عمّان - بترا</p>',
    ],
)
def test_a_form_field_a_button_a_credit_or_a_date_classed_author_names_nobody(not_a_byline):
    expected = PLAIN[1]
    html = _without_author_markup(expected).replace("{byline}", not_a_byline, 1)
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.author is None
    assert "author" in article.missing


def test_the_site_s_brand_under_its_reporter_s_name_is_no_second_author():
    # As broadcasters' Arabic editions print it: the reporter, then the brand.
    expected = PLAIN[1]
    byline = f'<div class="article-byline"><span>سارة يلماز</span>\n<span>{SITE_NAME}</span></div>'
    html = _without_author_markup(expected).replace("{byline}", byline, 1)
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.author == "سارة يلماز"


def test_a_byline_of_a_name_and_a_place_names_the_person():
    expected = PLAIN[1]
    byline = '<p class="byline">سارة يلماز - إسطنبول</p>'
    html = _without_author_markup(expected).replace("{byline}", byline, 1)
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.author and article.author.startswith("سارة يلماز")


def test_an_article_inside_a_web_page_s_main_entity_is_read():
    # As Nature states it: a WebPage whose mainEntity is the article, with its authors.
    expected = SEO[0]
    ld = (
        '<script type="application/ld+json">{"@type": "WebPage", "mainEntity": '
        '{"@type": "NewsArticle", "headline": "HEADLINE", "author": ['
        '{"@type": "Person", "name": "Xiaoying You"}, {"@type": "Person", "name": "Jeff Tollefson"}'
        "]}}</script>"
    ).replace("HEADLINE", expected["headline"])
    html = re.sub(
        r'<script type="application/ld\+json"[^>]*>.*?</script>',
        "",
        _without_author_markup(expected),
        flags=re.S,
    )
    html = html.replace("{byline}", "", 1).replace("</head>", ld + "\n</head>", 1)
    page = page_of(TRUTH, expected["file"])
    article = extract_page(html, expected["url"], utc(page["date"]), profile="auto").article
    assert article.author == "Xiaoying You, Jeff Tollefson"
    assert article.provenance["headline"] in ("json-ld", "h1+meta:og:title")


# How real pages break their JSON-LD block and browsers, search engines and we still read it.
_LD_SCRIPT = re.compile(r'(<script type="application/ld\+json"[^>]*>)(.*?)(</script>)', re.S)
_LD_BREAKAGES = {
    # Rails' javascript_tag and old WordPress plugins: a CDATA section in script comments.
    "cdata-line-comments": lambda ld: f"//<![CDATA[\n{ld}\n//]]>",
    "cdata-block-comments": lambda ld: f"/*<![CDATA[*/{ld}/*]]>*/",
    "html-comment": lambda ld: f"<!--\n{ld}\n-->",
    # A description pasted with its line break and tab, not escaped.
    "raw-line-break": lambda ld: ld.replace(
        '"wordCount"', '"description":"تركيا تمنح\n\tالسوريين إذن العمل","wordCount"', 1
    ),
    "trailing-commas": lambda ld: ld.replace('#organization"}', '#organization",}', 1)[:-2] + ",]}",
}


@pytest.mark.parametrize("breakage", list(_LD_BREAKAGES))
def test_a_json_ld_block_broken_as_real_pages_break_it_is_still_read(breakage):
    expected = SEO[0]
    # No article:published_time: the publication time is JSON-LD's alone.
    intact = without(unknown_layout(expected), r'<meta property="article:published_time"[^>]*>')
    broken, count = _LD_SCRIPT.subn(
        lambda m: m[1] + _LD_BREAKAGES[breakage](m[2]) + m[3], intact, count=1
    )
    assert count == 1 and broken != intact
    want, got = extract(intact, expected).article, extract(broken, expected).article
    assert got.provenance["published_at"] == want.provenance["published_at"] == "json-ld"
    assert (got.published_at, got.precision) == (want.published_at, "exact")
    assert got.published_at == expected["published_utc"].replace("+00:00", "Z")
    assert got.provenance["headline"] == "json-ld" and got.headline == expected["headline"]


_MENU_STATE = re.compile(r"\s(?:current-post-ancestor|current-menu-parent|current-post-parent)")
# The category label above the headline (a section label the generic path reads).
_CATEGORY_LABEL = re.compile(r'<h3 class="nx-post-cat[^"]*">.*?</h3>')


def without_label(html: str) -> str:
    labelled = _CATEGORY_LABEL.sub("", html, count=1)
    assert labelled != html
    return labelled


def test_the_menu_item_wordpress_marks_as_the_posts_category_names_it_last():
    """The bundled site's header and mobile menus carry WordPress's classes on the item of
    the post's category: with no label, breadcrumb, section or category link, that item is
    the category."""
    expected = PLAIN[1]
    html = without_label(unknown_layout(expected))
    assert "current-post-ancestor current-menu-parent" in html
    article = extract(html, expected).article
    assert article.category["name"] == expected["category"]["name"]
    assert article.category["url"].lower() == expected["category"]["url"].lower()
    assert article.provenance["category"] == "menu-state"


def test_the_home_pages_current_menu_item_is_no_category():
    expected = PLAIN[1]
    html = _MENU_STATE.sub("", without_label(unknown_layout(expected)))
    home = html.replace("menu-item-home", "menu-item-home current-menu-item", 1)
    assert "current-menu-item" in home
    assert extract(home, expected).article.category is None


def test_the_breadcrumb_comes_before_the_menu_state():
    expected = PLAIN[1]
    origin = TRUTH["site"]["origin"]
    crumbs = (
        '<nav aria-label="breadcrumbs" class="rank-math-breadcrumb"><p>'
        f'<a href="{origin}/">الرئيسية</a><span class="separator"> » </span>'
        f'<a href="{origin}/category/turkey/">تركيا</a><span class="separator"> » </span>'
        f'<span class="last">{expected["headline"]}</span></p></nav>'
    )
    page = without_label(unknown_layout(expected))
    body_start = page.index("<body")
    html = page[:body_start] + page[body_start:].replace(">", ">" + crumbs, 1)
    article = extract(html, expected).article
    assert article.category == {"name": "تركيا", "url": f"{origin}/category/turkey/"}
    assert article.provenance["category"] == "breadcrumb"
    # The menu marks the post's category too, but counts only when nothing else names one.
    assert [c["name"] for c in article.categories] == ["تركيا"]


def _crumbs_page(steps: list[tuple[str, str]], section: str = "") -> str:
    """An article of a layout no profile knows whose JSON-LD trail has the given steps
    (name, address), the article itself last, and optionally an articleSection."""
    items = ",".join(
        f'{{"@type":"ListItem","position":{n},"name":"{name}","item":"{url}"}}'
        for n, (name, url) in enumerate(steps, start=1)
    )
    stated = f',"articleSection":"{section}"' if section else ""
    return (
        '<html lang="ar"><head><title>عاصفة تضرب الساحل</title>'
        '<meta property="og:type" content="article">'
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"NewsArticle","headline":"عاصفة تضرب الساحل",'
        f'"datePublished":"2025-12-15T06:00:00+03:00"{stated}}},'
        f'{{"@type":"BreadcrumbList","itemListElement":[{items}]}}]}}</script>'
        "</head><body><article><h1>عاصفة تضرب الساحل</h1>"
        + "<p>ضربت عاصفة قوية الساحل الشمالي صباح اليوم وأغلقت الطرق الرئيسية في المنطقة.</p>" * 6
        + "</article></body></html>"
    )


REFERENCE = datetime(2025, 12, 15, 9, 0, tzinfo=UTC)
_HOST = "https://www.akhbar.example"
_STORY = f"{_HOST}/news/world/storm-hits-the-coast-3312"


@pytest.mark.parametrize(
    ("last_step", "url"),
    [
        # topic and tag pages the trail appends after the sections
        (("العواصف", f"{_HOST}/all-about/storms"), _STORY),
        (("العواصف", f"{_HOST}/topics/storms/"), _STORY),
        (("العواصف", f"{_HOST}/tag/storms/"), _STORY),
        # outside the folders of the article's own address
        (("العواصف", f"{_HOST}/latest/storms"), _STORY),
    ],
)
def test_a_topic_or_tag_page_at_the_end_of_the_trail_is_no_category(last_step, url):
    steps = [
        ("الرئيسية", f"{_HOST}/"),
        ("أخبار", f"{_HOST}/news/"),
        ("العالم", f"{_HOST}/news/world/"),
        last_step,
        ("عاصفة تضرب الساحل", url),
    ]
    article = extract_page(_crumbs_page(steps), url, REFERENCE, profile="auto").article
    assert article.category == {"name": "العالم", "url": f"{_HOST}/news/world/"}
    assert article.provenance["category"] == "breadcrumb"
    assert "العواصف" not in [c["name"] for c in article.categories]


def test_a_trail_step_that_holds_every_article_gives_way_to_the_stated_section():
    url = f"{_HOST}/article/storm-hits-the-coast-3312/"
    steps = [("الرئيسية", f"{_HOST}/"), ("مقالات", f"{_HOST}/article/"), ("عاصفة", url)]
    article = extract_page(_crumbs_page(steps, "دولي"), url, REFERENCE).article
    assert article.category == {"name": "دولي", "url": None}
    assert article.provenance["category"] == "json-ld:articleSection"


def test_a_section_in_the_articles_own_folders_stays_the_category():
    """A deeper section in the same top folder (/sport/football/ beside /sport/clubs/...)
    is a section, though the article's address is not under it."""
    url = f"{_HOST}/sport/clubs/derby-ends-level-881"
    steps = [
        ("الرئيسية", f"{_HOST}/"),
        ("رياضة", f"{_HOST}/sport/"),
        ("كرة القدم", f"{_HOST}/sport/football/"),
        ("التعادل في الديربي", url),
    ]
    article = extract_page(_crumbs_page(steps), url, REFERENCE).article
    assert article.category == {"name": "كرة القدم", "url": f"{_HOST}/sport/football/"}


# A breadcrumb whose first step is an icon: the link's only text is the <title> of its <svg>.
ICON_CRUMB = (
    '<nav class="post-breadcrumbs" aria-label="breadcrumb"><a class="crumb-home" href="{origin}/news/">'
    '<svg aria-label="Home Icon" viewBox="0 0 24 24"><title>Home Icon</title>'
    '<path d="M3 10.5 12 3l9 7.5V21H3z"></path></svg></a> › '
    '<a href="{origin}/category/economy/">اقتصاد</a></nav>'
)


def test_an_icon_s_title_is_no_step_of_the_breadcrumb():
    expected = PLAIN[1]
    origin = TRUTH["site"]["origin"]
    crumb = ICON_CRUMB.format(origin=origin)
    html = re.sub(r"(<h1\b)", crumb + r"\1", unknown_layout(expected), count=1)
    assert "Home Icon" in html
    article = extract(html, expected).article
    assert [category["name"] for category in article.categories] == ["اقتصاد"]
    # The breadcrumb's links as either parser's tree gives them: the icon's link unnamed.
    for page in (
        PageMeta.from_lexbor(LexborHTMLParser(html)),
        PageMeta.from_lxml(parse_lxml(html).root),
    ):
        assert [name for name, _ in page.breadcrumb_links] == ["", "اقتصاد"]


def _probe(folder: str, file: str):
    root = Path(__file__).parent / "fixtures" / folder
    answer = next(
        a for a in json.loads((root / "expected.json").read_text("utf-8")) if a["file"] == file
    )
    reference = datetime.fromisoformat(answer["reference"])
    return answer, extract_page(
        (root / file).read_bytes(), answer["url"], reference, profile="auto",
        timezone=answer["timezone"],
    )  # fmt: skip


def test_an_og_url_naming_the_home_page_leaves_a_storys_own_address_and_the_page_an_article():
    # KUNA (arabic-news-10 p06): og:url "https://www.kuna.net.kw/", og:type website, an
    # og:title of the agency's slogan and no h1 on every story's page.
    answer, page = _probe("arabic-news-10", "p06.html")
    assert page.page_type == "article"
    assert page.article.url == answer["url"]
    assert page.article.headline == answer["headline"]  # its title element's text


def test_a_slogan_og_title_gives_way_to_the_title_element_where_no_h1_is():
    # SUNA (p01): og:title "وكالة السودان للأنباء - سونا .. الخبر من مصدره", the story's
    # title in h2.post-title.
    answer, page = _probe("arabic-news-10", "p01.html")
    assert page.article.headline == answer["headline"]
