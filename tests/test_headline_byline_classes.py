"""Headlines and bylines in the forms real news pages print them (issue 14), on whole pages
of the bundled site: a breadcrumb's h1 that repeats the SEO title, Korean title bars,
agencies credited beside a person in JSON-LD, Yoast's "Written by" label, bylines that
only a label marks ("Von:", "Autor", "كتب:"), and Arabic opening bylines."""

from __future__ import annotations

import re

from scraper.extract import extract_page
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
