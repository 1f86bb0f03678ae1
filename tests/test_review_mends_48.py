"""Pages a review built against the forty-eighth stop's rules, each where a rule fired on
something it must not: an op-ed titled "About <the site's name>", a paywall's hidden rest
after its teaser, a sports recap's "Notes" cross-head, a reported sentence that reads like
a disclaimer, an opening clause that reads like a wire byline, a label of another block
beside a catch-all, the Categories widget, the site's mobile edition as a source, a day
and its clock in sibling spans, a date line with <time>s, a desk's slug in an avatar link.

Each page is built whole here (head metadata, menu, sidebar, footer), as a WordPress-like
site prints it; only the story and the one element under test change."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from scraper.extract import extract_page

REFERENCE = datetime(2027, 8, 5, 12, 0, tzinfo=UTC)

ENGLISH_STORY = [
    "The health ministry said on Tuesday that infections had risen for a third straight week,"
    " with hospitals in the capital reporting more admissions.",
    "Officials urged residents to get vaccinated and to wear masks in crowded indoor spaces,"
    " especially the elderly and people with chronic conditions.",
    "The ministry also launched a symptom-checker app that asks users a series of questions"
    " and suggests whether they should see a doctor.",
    "Hospital directors said they had postponed some planned surgery to free beds, and that"
    " staff who had been on leave were being called back.",
]
ARABIC_STORY = [
    "قالت وزارة الصحة يوم الثلاثاء إن عدد الإصابات ارتفع للأسبوع الثالث على التوالي، مع تسجيل"
    " المستشفيات في العاصمة مزيدا من حالات الدخول.",
    "ودعا المسؤولون السكان إلى تلقي اللقاح وارتداء الكمامات في الأماكن المغلقة المزدحمة، وخصوصا"
    " كبار السن وأصحاب الأمراض المزمنة.",
    "وأطلقت الوزارة أيضا تطبيقا لفحص الأعراض يطرح على المستخدمين سلسلة من الأسئلة ويقترح عليهم"
    " ما إذا كان عليهم مراجعة الطبيب.",
]


def whole_page(
    content: str,
    headline: str,
    site: str = "Gulf Daily",
    lang: str = "en",
    byline: str = '<span class="byline">By <a href="/author/sara-khan/">Sara Khan</a></span>',
    head_extra: str = "",
    above_headline: str = "",
    sidebar: str = "",
    json_ld: bool = True,
    og_type: str = "article",
    stated_time: bool = True,
    body_class: str = "post-template-default single single-post postid-4821",
    ld_extra: dict | None = None,
) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": "2027-08-04T09:00:00+03:00",
        "publisher": {"@type": "Organization", "name": site},
        **(ld_extra or {}),
    }
    stated = (
        '<meta property="article:published_time" content="2027-08-04T09:00:00+03:00">'
        if stated_time
        else ""
    )
    menu = "".join(
        f'<li class="menu-item"><a href="/category/{slug}/">{name}</a></li>'
        for slug, name in (("news", "News"), ("world", "World"), ("business", "Business"))
    )
    return f"""<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">
<head><meta charset="utf-8"><title>{headline} | {site}</title>
<meta name="description" content="{headline}">
<meta property="og:site_name" content="{site}"><meta property="og:type" content="{og_type}">
<meta property="og:title" content="{headline}">
{stated}
{head_extra}
{f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>' if json_ld else ""}
<link rel="stylesheet" href="/wp-content/themes/daily/style.css">
<script>window.dataLayer=window.dataLayer||[];</script></head>
<body class="{body_class}">
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-navigation"><ul class="menu">{menu}</ul></nav></header>
<div class="ad-slot" id="ad-top"></div>
<main id="main"><article class="post-4821 post type-post status-publish">
<header class="entry-header">{above_headline}<h1 class="entry-title">{headline}</h1>
<div class="entry-meta">{byline}</div></header>
<div class="entry-content">{content}</div>
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">X</a></div>
</article></main>
{sidebar}
<footer class="site-footer"><ul><li><a href="/about/">About</a></li><li><a href="/contact/">Contact</a></li></ul>
<p>© 2027 {site}. All rights reserved.</p></footer></body></html>"""


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def extract(html: str, url: str, zone: str = "Asia/Riyadh"):
    page = extract_page(html, url, REFERENCE, profile="auto", timezone=zone)
    assert page.page_type == "article", page.reason
    return page.article


@pytest.mark.parametrize(
    ("site", "headline", "host", "lang"),
    [
        ("الوطن", "عن الوطن", "www.alwatan.example", "ar"),
        ("الحياة", "عن الحياة", "www.alhayat.example", "ar"),
        ("TIME", "About Time", "time.example", "en"),
    ],
)
def test_an_op_ed_titled_about_the_sites_name_stays_an_article(site, headline, host, lang):
    story = ARABIC_STORY if lang == "ar" else ENGLISH_STORY
    html = whole_page(paragraphs(story), headline, site=site, lang=lang)
    assert extract(html, f"https://{host}/opinion/2027/08/04/column-4821/").body


def test_a_paywalls_hidden_rest_after_its_teaser_stays():
    content = (
        paragraphs(ENGLISH_STORY[:1])
        + f'<div class="paywall" hidden>{paragraphs(ENGLISH_STORY)}</div>'
    )
    story = extract(
        whole_page(content, "Central bank raises rates again"),
        "https://www.gulfdaily.example/business/2027/08/04/central-bank-raises-rates/",
    )
    assert story.body.count("\n\n") >= len(ENGLISH_STORY) - 1


def test_a_sports_recaps_notes_crosshead_keeps_the_story_after_it():
    recap = [
        "Jalen Brooks scored 28 points and the Riverside Hawks beat the Lakeside Comets 104-97 on"
        " Saturday night to clinch the division title.",
        "Brooks hit three 3-pointers in the fourth quarter as the Hawks pulled away after"
        " trailing by nine at halftime.",
        "Notes",
        "Comets guard Tyler Vance left in the second quarter with a sprained left ankle and did"
        " not return.",
        "Riverside coach Dana Morris earned her 200th career victory.",
    ]
    story = extract(
        whole_page(paragraphs(recap), "Brooks scores 28 as Hawks clinch division"),
        "https://www.gulfdaily.example/sport/2027/08/04/brooks-scores-28/",
    )
    assert story.body.endswith("earned her 200th career victory.")


@pytest.mark.parametrize(
    "closing",
    [
        "Doctors cautioned that the app is not a substitute for medical advice.",
        "He said the views expressed in the letter are those of the authors.",
    ],
)
def test_a_reported_sentence_like_a_disclaimer_stays(closing):
    story = extract(
        whole_page(paragraphs([*ENGLISH_STORY, closing]), "Health ministry warns of rising cases"),
        "https://www.gulfdaily.example/news/2027/08/04/health-ministry-warns/",
    )
    assert story.body.endswith(closing)


def test_an_opening_clause_is_no_wire_byline():
    opening = (
        "By late Monday, Reuters — citing two people familiar with the talks — reported that"
        " negotiators had reached a tentative deal on the ceasefire."
    )
    story = extract(
        whole_page(
            paragraphs([opening, *ENGLISH_STORY[1:]]), "Negotiators near ceasefire deal", byline=""
        ),
        "https://www.gulfdaily.example/world/2027/08/04/negotiators-near-deal/",
    )
    assert story.body.startswith("By late Monday, Reuters")
    assert story.author is None and not story.source


def test_a_catch_all_label_takes_no_section_from_another_block():
    above = (
        '<div class="most-read-strip"><span>الأكثر قراءة:</span> <a href="/category/sport/">رياضة</a>'
        ' <a href="/category/economy/">اقتصاد</a></div>'
        '<div class="post-cat"><a href="/category/news/">أخبار</a></div>'
    )
    html = whole_page(
        paragraphs(ARABIC_STORY), "وزارة الصحة تحذر من ارتفاع الإصابات", site="صحيفة الخليج",
        lang="ar", byline="", above_headline=above,
    )  # fmt: skip
    story = extract(html, "https://www.khaleej.example/2027/08/04/health-ministry-warns/")
    assert (story.category or {}).get("name") != "رياضة"


def test_the_categories_widget_names_no_section():
    sidebar = (
        '<aside id="secondary" class="widget-area"><section class="widget widget_categories">'
        '<h3 class="widget-title">Categories</h3><div class="widget-content"><ul>'
        '<li><a href="/category/business/">Business</a></li><li><a href="/category/sport/">Sport</a></li>'
        "</ul></div></section></aside>"
    )
    story = extract(
        whole_page(
            paragraphs(ENGLISH_STORY), "Health ministry warns of rising cases", sidebar=sidebar
        ),
        "https://www.gulfdaily.example/2027/08/04/health-ministry-warns/",
    )
    assert (story.category or {}).get("name") != "Business"


@pytest.mark.parametrize(
    ("meta", "source"),
    [
        (
            '<meta name="original-source" content="https://m.gulfdaily.example/news/2027/08/04/a/">',
            [],
        ),
        ('<meta name="original-source" content="https://amp.gulfdaily.example/news/a/">', []),
        (
            '<meta name="syndication-source" content="https://www.gulfdailynews.com/news/a/">',
            ["gulfdailynews.com"],
        ),
    ],
)
def test_the_sites_own_editions_are_no_original_source(meta, source):
    story = extract(
        whole_page(
            paragraphs(ENGLISH_STORY), "Health ministry warns of rising cases", head_extra=meta
        ),
        "https://www.gulfdaily.example/news/2027/08/04/health-ministry-warns/",
    )
    assert (story.source or []) == source


@pytest.mark.parametrize("day_first", [True, False])
def test_a_day_and_its_clock_in_sibling_spans_give_one_time(day_first):
    cards = []
    for number in range(1, 5):
        pieces = [f"<span>0{number}/08/2027</span>", f"<span>1{number}:45</span>"]
        meta = " ".join(pieces if day_first else pieces[::-1])
        cards.append(
            f'<div class="card"><h3><a href="/news/2027/08/0{number}/story-{number}/">'
            f"عنوان الخبر رقم {number} عن الاقتصاد المحلي والأسواق</a></h3>"
            f'<div class="meta">{meta}</div></div>'
        )
    html = whole_page(
        paragraphs(ARABIC_STORY), "وزارة الصحة تحذر من ارتفاع الإصابات", site="صحيفة الخليج",
        lang="ar", sidebar=f'<div class="latest-box">{"".join(cards)}</div>',
    )  # fmt: skip
    page = extract_page(
        html, "https://www.khaleej.example/2027/08/04/health/", REFERENCE, timezone="Asia/Riyadh"
    )
    dated = {item.url.rsplit("/", 2)[-2]: item.published_at for item in page.list_items}
    assert dated == {f"story-{n}": f"2027-08-0{n}T{7 + n:02d}:45:00Z" for n in range(1, 5)}


def test_a_date_lines_times_stay_out_of_the_body():
    line = (
        '<p>Published <time datetime="2027-08-04T09:00:00+03:00">Aug 4, 2027</time> — Last updated'
        ' <time datetime="2027-08-04T11:00:00+03:00">Aug 4, 2027, 11:00 AM</time> — 4 min read</p>'
    )
    story = extract(
        whole_page(
            line + paragraphs(ENGLISH_STORY), "Health ministry warns of rising cases", byline=""
        ),
        "https://www.gulfdaily.example/news/2027/08/04/health-ministry-warns/",
    )
    assert "Aug 4, 2027" not in story.body


@pytest.mark.parametrize("slug", ["محرر-الموقع", "فريق-التحرير"])
def test_a_desks_slug_in_an_avatar_link_names_no_author(slug):
    byline = f'<a class="post-author-avatar" href="/author/{slug}/"><img src="/a.jpg" alt=""></a>'
    html = whole_page(
        paragraphs(ARABIC_STORY), "وزارة الصحة تحذر من ارتفاع الإصابات", site="صحيفة الخليج",
        lang="ar", byline=byline,
    )  # fmt: skip
    story = extract(html, "https://www.khaleej.example/2027/08/04/health-ministry-warns/")
    assert story.author is None
