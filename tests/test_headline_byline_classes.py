"""Headlines and bylines in the forms real news pages print them (issue 14), on whole pages
of the bundled site: a breadcrumb's h1 that repeats the SEO title, Korean title bars,
agencies credited beside a person in JSON-LD, Yoast's "Written by" label, bylines that
only a label marks ("Von:", "Autor", "كتب:"), and Arabic opening bylines."""

from __future__ import annotations

import re

import pytest

from scraper.extract import extract_page
from scraper.extract.metadata import dateline_reporters
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
SITE_NAME = "أخبار تركيا الآن"
SEO = [a for a in TRUTH["articles"] if a["seo"]][:3]
EXPECTED = SEO[0]
SEO_VARIANT = "عاجل: تعرّف على قرار الحكومة التركية الجديد بشأن السوريين"


def page_html() -> str:
    """The page as a theme no profile knows would print it (every theme class renamed)."""
    return unprofiled((BUNDLED_SITE / EXPECTED["file"]).read_text(encoding="utf-8"), "zox")


def extract(html: str):
    page = page_of(TRUTH, EXPECTED["file"])
    return extract_page(html, EXPECTED["url"], utc(page["date"]), profile="auto").article


def with_social_title(html: str, title: str) -> str:
    html = re.sub(r'(<meta property="og:title" content=")[^"]*"', rf'\g<1>{title}"', html)
    return re.sub(r'(<meta name="twitter:title" content=")[^"]*"', rf"\g<1>{title}\"", html)


def with_breadcrumb_h1(html: str, text: str) -> str:
    """A breadcrumb whose last step is an h1, above the story, and the story's own
    headline demoted to an h2 (as the Funke papers and Stern print theirs)."""
    html = re.sub(r"<h1 ([^>]*)>(.*?)</h1>", r"<h2 \1>\2</h2>", html, count=1, flags=re.S)
    crumb = (
        '<nav class="breadcrumb"><a href="/">الرئيسية</a>'
        f'<h1 class="breadcrumb__headline" data-breadcrumb-headline>{text}</h1></nav>'
    )
    return re.sub(r"(<body[^>]*>)", rf"\1{crumb}", html, count=1)


def test_an_seo_title_in_a_breadcrumb_h1_does_not_outvote_the_printed_headline():
    headline = EXPECTED["headline"]
    html = with_breadcrumb_h1(with_social_title(page_html(), SEO_VARIANT), SEO_VARIANT)
    assert f'"headline":"{headline}"' in html and f">{headline}</h2>" in html
    article = extract(html)
    assert article.headline == headline
    assert article.provenance["headline"] == "json-ld"


def test_the_social_title_the_page_prints_wins_over_a_json_ld_variant_in_the_breadcrumb():
    headline = EXPECTED["headline"]
    html = page_html().replace(f'"headline":"{headline}"', f'"headline":"{SEO_VARIANT}"', 1)
    html = with_breadcrumb_h1(html, SEO_VARIANT)
    article = extract(html)
    assert article.headline == headline
    assert article.provenance["headline"] == "h1+meta:og:title"


def test_json_ld_and_og_title_that_agree_outvote_a_printed_twitter_title():
    html = page_html().replace(
        f'"headline":"{EXPECTED["headline"]}"', f'"headline":"{SEO_VARIANT}"', 1
    )
    html = re.sub(r'(<meta property="og:title" content=")[^"]*"', rf'\g<1>{SEO_VARIANT}"', html)
    # twitter:title keeps the printed headline.
    assert extract(html).headline == SEO_VARIANT


def test_a_korean_title_bar_is_a_separator_and_an_unspaced_middle_dot_is_not():
    headline = "민주당 '선호투표제' 도입 또다시 불발··· 친청계 절연·외연 확장"
    html = re.sub(
        r'<script type="application/ld\+json"[^>]*>.*?</script>', "", page_html(), flags=re.S
    )
    html = re.sub(r"<h1 [^>]*>.*?</h1>", "", html, flags=re.S)
    html = with_social_title(html, f"{headline}ㅣ{SITE_NAME}")
    html = html.replace(
        '<meta property="og:type"',
        f'<meta property="og:site_name" content="{SITE_NAME}" />\n<meta property="og:type"',
        1,
    )
    assert extract(html).headline == headline


PLAIN = [a for a in TRUTH["articles"] if not a["seo"]][1]


def page_without_authors(expected: dict, byline: str = "") -> str:
    """The page with no author anywhere (no JSON-LD, author meta, rel=author, itemprop or
    author box), and `byline` where the theme printed its byline."""
    html = unprofiled((BUNDLED_SITE / expected["file"]).read_text(encoding="utf-8"), "zox")
    html = re.sub(
        r'<div class="nx-author-info-name.*?</div>', "{byline}", html, count=1, flags=re.S
    )
    html = re.sub(
        r'<div class="nx-author-box-wrap.*?(?=<div class="nx-org-wrap")', "", html, flags=re.S
    )
    html = re.sub(r'<meta name="author"[^>]*>', "", html)
    html = html.replace(' rel="author"', "").replace(' itemprop="author"', "")
    return html.replace("{byline}", byline, 1)


def extract_plain(html: str):
    page = page_of(TRUTH, PLAIN["file"])
    return extract_page(html, PLAIN["url"], utc(page["date"]), profile="auto").article


def with_json_ld(html: str, ld: str) -> str:
    return html.replace("</head>", f'<script type="application/ld+json">{ld}</script>\n</head>', 1)


def test_an_agency_json_ld_credits_beside_a_person_is_an_author_and_the_site_is_not():
    # As Tages-Anzeiger and MDR state theirs: a person, an agency, the site itself, and a
    # second list nested in the first.
    ld = (
        '{"@type": "NewsArticle", "headline": "HEADLINE", "author": ['
        '{"@type": "Person", "name": "Nina Weber"}, {"@type": "Organization", "name": "SDA"},'
        f'{{"@type": "Organization", "name": "{SITE_NAME}"}},'
        '[{"@type": "Person", "name": "سارة يلماز"}]]}'
    ).replace("HEADLINE", PLAIN["headline"])
    html = with_json_ld(page_without_authors(PLAIN), ld)
    html = html.replace(
        '<meta property="og:type"',
        f'<meta property="og:site_name" content="{SITE_NAME}" />\n<meta property="og:type"',
        1,
    )
    assert extract_plain(html).author == "Nina Weber, SDA, سارة يلماز"


def test_yoasts_written_by_label_names_the_author_where_the_author_meta_is_an_address():
    # As Börsen-Zeitung's Yoast head prints it, with the author meta an e-mail address.
    head = (
        '<meta name="author" content="l.brandt@example.com">'
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Lena Brandt">'
        '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 Minuten">'
    )
    html = page_without_authors(PLAIN).replace("</head>", head + "</head>", 1)
    article = extract_plain(html)
    assert article.author == "Lena Brandt"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        # AFP Faktencheck: the label, then each name in a link of its own.
        (
            '<ul><li class="information-item">Von: <span class="person-link"><a href="/bill">Tom'
            ' HARPER</a>,</span> <span class="person-link"><a href="/m">Ada MORENO</a></span></li></ul>',
            "Tom HARPER, Ada MORENO",
        ),
        # DW: the label in an element of its own, the name after it.
        (
            "<ul><li><strong>Autorin/Autor</strong>\nJonas Keller</li></ul>",
            "Jonas Keller",
        ),
        (
            '<p class="reader__meta-info">von <a href="/autoren/name/eva-richter">Dr. Eva Richter</a></p>',
            "Dr. Eva Richter",
        ),
        ('<p class="post-meta">كتب: <a href="/writer/s-yilmaz/">سارة يلماز</a></p>', "سارة يلماز"),
        ('<span class="post-meta">بقلم محمد الحلبي - إسطنبول</span>', "محمد الحلبي"),
        ('<div class="meta">إعداد – سارة يلماز</div>', "سارة يلماز"),
    ],
)
def test_a_byline_marked_only_by_its_label_names_its_authors(byline, author):
    article = extract_plain(page_without_authors(PLAIN, byline))
    assert article.author == author


@pytest.mark.parametrize(
    "not_a_byline",
    [
        '<p class="intro">كتب الرئيس رسالة إلى البرلمان</p>',  # a sentence: no mark after "كتب"
        '<div class="meta">تقرير التنمية البشرية</div>',  # "report": a title
        '<aside class="related"><p>By <a href="/x">Jane Doe</a></p></aside>',  # a teaser's
        '<h2 class="title">بقلم سارة يلماز</h2>',  # a heading
        '<div class="article-author">Themen bearbeiten</div>',  # a button
    ],
)
def test_a_label_in_a_sentence_a_teaser_or_a_heading_names_nobody(not_a_byline):
    article = extract_plain(page_without_authors(PLAIN, not_a_byline))
    assert article.author is None


def test_a_user_id_in_the_author_meta_is_no_author():
    # As People's Daily fills it: the CMS's user number.
    html = page_without_authors(PLAIN).replace(
        "</head>", '<meta name="author" content="105092"></head>', 1
    )
    assert extract_plain(html).author is None


@pytest.mark.parametrize(
    ("opening", "author"),
    [
        ("إعداد: سارة يلماز - إسطنبول", "سارة يلماز"),
        ("تقرير - محمد الحلبي", "محمد الحلبي"),
        # An aggregator's line: the paper the piece was written for is no part of the name.
        ('كتبت ريما سعادة في "النهار":', "ريما سعادة"),
        ("كتب طوني عيسى لـ«الجمهورية»:", "طوني عيسى"),
    ],
)
def test_an_arabic_opening_byline_with_a_place_after_the_name_names_the_author(opening, author):
    html = page_without_authors(PLAIN)
    html, count = re.subn(
        r"(<p>)(" + re.escape(PLAIN["paragraphs"][0][:30]) + ")",
        rf"<p>{opening}</p>\1\2",
        html,
        count=1,
    )
    assert count == 1
    article = extract_plain(html)
    assert article.author == author
    assert not article.body.startswith(opening[:5])


def with_story_line(html: str, line: str, *, last: bool = False) -> str:
    """`line` as a paragraph before the story's first paragraph (or after its last)."""
    paragraph = PLAIN["paragraphs"][-1 if last else 0]
    anchor = (
        re.escape(paragraph[-30:]) + r"(</p>)" if last else r"(<p>)" + re.escape(paragraph[:30])
    )
    replacement = rf"\g<0><p>{line}</p>" if last else rf"<p>{line}</p>\g<0>"
    html, count = re.subn(anchor, replacement, html, count=1)
    assert count == 1
    return html


def with_site_as_author(html: str) -> str:
    head = f'<meta property="og:site_name" content="{SITE_NAME}"><meta name="author" content="{SITE_NAME}">'
    return html.replace("</head>", head + "</head>", 1)


@pytest.mark.parametrize(
    ("line", "last", "author"),
    [
        ("<strong>سارة يلماز</strong>", False, "سارة يلماز"),
        ("<strong>LEILA HADDAD/Omar Nasser</strong>", False, "LEILA HADDAD, Omar Nasser"),
        ("<b>Nguyễn Minh Anh</b>", True, "Nguyễn Minh Anh"),
    ],
)
def test_a_name_set_in_bold_in_the_story_names_the_author_where_the_site_signs_it(
    line, last, author
):
    # As Lesotho Times, Ilanga and VnExpress print theirs: the metadata names the site.
    article = extract_plain(
        with_story_line(with_site_as_author(page_without_authors(PLAIN)), line, last=last)
    )
    assert article.author == author
    assert article.provenance["author"] == "body:bold-byline"
    assert author.split(",")[0] not in article.body


def test_a_bold_name_line_replaces_wordpress_s_default_account():
    ld = (
        '{"@type": "NewsArticle", "headline": "HEADLINE", "author": {"name": "Editor D", '
        '"@id": "https://www.akhbar-turkiya.example/author/admin/"}}'
    ).replace("HEADLINE", PLAIN["headline"])
    html = with_json_ld(page_without_authors(PLAIN), ld)
    article = extract_plain(with_story_line(html, "<strong>SIPHO NDLOVU</strong>"))
    assert article.author == "SIPHO NDLOVU"


@pytest.mark.parametrize(
    "line",
    [
        "<strong>Breaking News Today.</strong>",  # a sentence
        "<strong>Key facts about the decision</strong>",  # common words
        "<strong>سارة</strong> يلماز تكتب من إسطنبول",  # bold only in part
    ],
)
def test_a_bold_line_that_is_no_name_stays_in_the_story(line):
    html = with_story_line(with_site_as_author(page_without_authors(PLAIN)), line)
    article = extract_plain(html)
    assert article.author == SITE_NAME
    assert re.sub("<[^>]+>", "", line) in article.body


def test_a_bold_name_line_does_not_replace_a_person_the_metadata_names():
    html = page_without_authors(PLAIN).replace(
        "</head>", '<meta name="author" content="Jane Doe"></head>', 1
    )
    article = extract_plain(with_story_line(html, "<strong>Omar Nasser</strong>"))
    assert article.author == "Jane Doe"
    assert "Omar Nasser" in article.body


@pytest.mark.parametrize(
    ("opening", "reporters"),
    [
        (
            "新华社北京12月4日电（记者李华、张伟）国务院总理4日主持召开国务院常务会议。",
            "李华, 张伟",
        ),
        ("新华社上海12月3日电(记者王小明)上海市3日发布新规。", "王小明"),
        # No reporters named, or a quotation of a reporter mid-sentence: nobody.
        ("新华社北京12月4日电 国务院总理4日主持召开国务院常务会议。", ""),
        ("据报道，记者李华在现场看到（记者李华）的车辆。", ""),
    ],
)
def test_a_chinese_agency_dateline_names_its_reporters(opening, reporters):
    assert dateline_reporters(opening) == reporters


@pytest.mark.parametrize(
    ("opening", "reporter"),
    [
        (
            "دمشق – رامي العلي | أعلنت وزارة الكهرباء السورية عن زيادة ساعات التغذية.",
            "رامي العلي",
        ),
        ("بيروت - ليال حداد | قال وزير المالية إن الموازنة ستقر قبل نهاية الشهر.", "ليال حداد"),
        ("غزة – محمد أبو شمالة | قصفت الطائرات منزلاً في حي الشجاعية فجر اليوم.", "محمد أبو شمالة"),
        # An agency, or a second place, after the city is a credit or a dateline: nobody.
        ("عمّان - بترا | أعلنت الحكومة عن حزمة إجراءات جديدة لدعم المزارعين.", ""),
        ("دمشق – سانا | افتتح وزير النقل الطريق الجديد.", ""),
        ("القدس - رام الله | تواصلت المواجهات في عدة مدن.", ""),
        # No bar: a title and a subtitle, or a quotation; a place no one knows.
        ("دمشق – رامي العلي: أعلنت وزارة الكهرباء عن زيادة ساعات التغذية.", ""),
        ("المهرجان – دورة جديدة | تنطلق فعاليات المهرجان غداً.", ""),
    ],
)
def test_a_city_dash_and_reporter_before_a_bar_name_the_reporter(opening, reporter):
    assert dateline_reporters(opening) == reporter
