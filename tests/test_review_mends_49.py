"""Pages a review built against the forty-ninth stop's rules, each where a rule fired on
something it must not: a canonical link pointing at the home page beside an article's
JSON-LD, broken addresses in the metadata, an update's stamp printed before the
publication's, a picture's creation date in microdata, a writer's employer in an hCard, a
review's JSON-LD based on a film, a source field holding a "source link", a side column's
popular tags, a site's name as its <title>, a bar between the byline's label and the
name, and a bold kicker opening with a city.

Each page is built whole by `test_review_mends_48.whole_page` (head metadata, menu,
sidebar, footer); only the story and the one element under test change."""

from __future__ import annotations

import pytest
from test_review_mends_48 import ARABIC_STORY, ENGLISH_STORY, REFERENCE, paragraphs, whole_page

from scraper.extract import extract_page

URL = "https://www.alwadi.example/news/2027/08/04/budget-approved/"
HEADLINE = "الحكومة تقر موازنة العام المقبل بعجز أقل"


def extract(html: str, url: str = URL):
    return extract_page(html, url, REFERENCE, profile="auto", timezone="Asia/Riyadh")


def arabic_page(**options) -> str:
    options.setdefault("content", paragraphs(ARABIC_STORY))
    return whole_page(headline=HEADLINE, site="صحيفة الوادي", lang="ar", **options)


@pytest.mark.parametrize("og_type", ["website", ""])
def test_a_canonical_link_to_the_home_page_leaves_the_articles_json_ld_its_evidence(og_type):
    page = extract(
        arabic_page(
            head_extra='<link rel="canonical" href="https://www.alwadi.example/">',
            og_type=og_type,
            stated_time=False,
            body_class="",
            ld_extra={"url": URL},
        ),
        "https://www.alwadi.example/",
    )
    assert page.page_type == "article", page.reason


@pytest.mark.parametrize(
    "head_extra, ld_extra",
    [
        ('<link rel="canonical" href="https://[alwadi.example/news/x">', {}),
        ("", {"url": "https://[alwadi.example/news/x"}),
        ("", {"isBasedOn": "https://[imdb.example/title/tt01"}),
    ],
)
def test_a_broken_address_in_the_metadata_is_no_crash(head_extra, ld_extra):
    page = extract(arabic_page(head_extra=head_extra, ld_extra=ld_extra))
    assert page.page_type == "article"
    assert page.article.source == []


def test_an_update_stamp_printed_before_the_publication_leaves_the_publication_its_date():
    byline = (
        '<div class="post-date"><span>آخر تحديث: 5 أغسطس 2027 - 14:10</span>'
        "<span>نشر في: 4 أغسطس 2027 - 09:00</span></div>"
    )
    page = extract(
        arabic_page(byline=byline, json_ld=False, stated_time=False),
        "https://www.alwadi.example/news/budget-approved-4821",
    )
    assert page.article.published_at == "2027-08-04T06:00:00Z"


def test_a_pictures_creation_date_in_microdata_is_not_the_storys():
    content = paragraphs(ARABIC_STORY) + (
        '<figure itemscope itemtype="https://schema.org/ImageObject"><img src="/a.jpg" alt="">'
        '<meta itemprop="dateCreated" content="2019-03-11T08:00:00+00:00"></figure>'
    )
    byline = '<span class="date">نشر في: 3 أغسطس 2027</span>'
    page = extract(arabic_page(content=content, byline=byline, json_ld=False, stated_time=False))
    assert page.article.published_at.startswith("2027-08-0")


def test_a_writers_employer_in_an_hcard_is_no_source():
    byline = (
        '<div class="byline vcard author"><span class="fn">By Leila Haddad</span>, '
        '<span class="org">American University of Sharjah</span></div>'
    )
    html = whole_page(
        paragraphs(ENGLISH_STORY), "Why the Gulf's heat is a health emergency", byline=byline
    )
    page = extract(html, "https://www.gulfdaily.example/opinion/2027/08/04/heat-health/")
    assert page.article.source == []
    assert page.article.author == "Leila Haddad"


def test_a_reviews_json_ld_based_on_a_film_is_no_source():
    ld = {"isBasedOn": {"@type": "Movie", "url": "https://www.imdb.example/title/tt0111161/"}}
    html = whole_page(paragraphs(ENGLISH_STORY), "Review: a quiet triumph", ld_extra=ld)
    page = extract(html, "https://www.gulfdaily.example/culture/2027/08/04/review-quiet/")
    assert page.article.source == []


@pytest.mark.parametrize("text", ["رابط المصدر", "اضغط هنا لقراءة الخبر"])
def test_a_source_fields_link_to_the_original_names_no_source(text):
    content = paragraphs(ARABIC_STORY) + (
        f'<div class="post-source"><a href="https://www.alhurra.example/a/1">{text}</a></div>'
    )
    assert extract(arabic_page(content=content)).article.source == []


def test_a_side_columns_popular_tags_are_not_the_storys():
    sidebar = (
        '<div class="col-md-4"><div class="box-title"><span>الأكثر بحثا</span></div><ul>'
        + "".join(
            f'<li><a href="/tag/{slug}/">{name}</a></li>'
            for slug, name in (
                ("league", "الدوري المصري"),
                ("gold", "أسعار الذهب"),
                ("weather", "الطقس"),
            )
        )
        + "</ul></div>"
    )
    html = arabic_page(sidebar=sidebar).replace("</article></main>", f"</article>{sidebar}</main>")
    assert extract(html).article.tags == []


def test_keywords_stay_where_the_title_is_the_sites_name():
    head = '<meta name="keywords" content="معرض الكتاب, وزارة الثقافة, دور النشر, صحيفة الوادي">'
    html = arabic_page(head_extra=head).replace(
        f"<title>{HEADLINE} | صحيفة الوادي</title>", "<title>صحيفة الوادي</title>"
    )
    assert "معرض الكتاب" in extract(html).article.tags


def test_a_bar_between_the_bylines_label_and_the_name_keeps_the_name():
    byline = '<div class="post-author">بقلم | أحمد علي</div>'
    page = extract(arabic_page(byline=byline, json_ld=False))
    assert page.article.author == "أحمد علي"


def test_a_bold_kicker_opening_with_a_city_is_no_byline():
    content = "<p><strong>غزة – ليلة دامية جديدة</strong></p>" + paragraphs(ARABIC_STORY)
    page = extract(arabic_page(content=content, byline="", json_ld=False))
    assert page.article.author is None
    assert page.article.body.startswith("غزة – ليلة دامية جديدة")
