"""Bad input found by probing (tests/fixtures/bad-input/: a whole Arabic article page of a
custom CMS, and the same page with only a printed date), each fault put into the page as
real pages carry it: an ad's stray `</body></html>` between paragraphs, a NUL byte from a
bad database field in the title, a printed date that cannot be one. The page is read
whole, or the record says why a field is empty."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.testkit.accuracy_real import committed_page

HERE = Path(__file__).parent / "fixtures" / "bad-input"
ARTICLE = HERE / "watan-article.html"
PRINTED_ONLY = HERE / "watan-printed-date-only.html"
URL = "https://www.alwatan-alyawm.example/economy/article/190233"
REFERENCE = datetime(2025, 12, 15, 9, tzinfo=UTC)
ZONE = "Asia/Amman"
# The third paragraph, after which the source line and the sidebar's dated stories follow.
THIRD = "<p>وأضاف أن المشاريع الجديدة"
LAST_WORDS = "خلال ساعات الذروة."


def _read(html: str | bytes):
    return extract_page(html, URL, REFERENCE, profile="auto", timezone=ZONE)


@pytest.mark.parametrize(
    "stray", ["</body></html>", "</html>", "</body>", "</BODY>\n</HTML>"], ids=repr
)
def test_stray_document_end_tags_mid_page_cut_nothing(stray):
    # libxml2 2.14 ends the document at `</html>` and drops what follows `</body>`: the
    # story lost its last three paragraphs and its source, the page its sidebar's
    # links.
    html = ARTICLE.read_text(encoding="utf-8")
    whole = _read(html)
    ad = f'<div class="ad-slot"><script>document.write("{stray}")</script>{stray}</div>\n'
    cut = _read(html.replace(THIRD, ad + THIRD, 1))
    assert whole.article.body.endswith(LAST_WORDS)
    assert cut.article.body == whole.article.body
    assert cut.article.source == whole.article.source == ["وكالة الأنباء السعودية (واس)"]
    assert cut.article_links == whole.article_links
    assert any(link.endswith("/sports/2025/12/14/hilal-win") for link in whole.article_links)


def test_a_nul_byte_in_the_title_is_no_binary_file():
    body = ARTICLE.read_bytes().replace(b"<title>", b"<title>\x00", 1)
    assert body.index(b"\x00") < 1024
    page = _read(body)
    assert page.page_type == "article"
    assert page.article.headline == _read(ARTICLE.read_bytes()).article.headline


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("منذ -5 ساعات", "absurd-quantity"),
        ("الأحد 31 فبراير 2025 - 10:35 ص", "impossible-date"),
        ("31/02/2025", "impossible-date"),
        ("0000-00-00 00:00:00", "impossible-date"),
        ("الأحد 14 ديسمبر 9999 - 10:35 ص", "impossible-date"),
        ("الخميس 14 ديسمبر 2045 - 10:35 ص", "future"),
    ],
)
def test_a_printed_date_that_cannot_be_one_says_so(printed, reason):
    # The page's only date is printed beside the headline. "-5" lost its minus sign to a
    # byline split and was stored as five hours ago; the others said "no date on the page".
    html = PRINTED_ONLY.read_text(encoding="utf-8")
    good = "الأحد 14 ديسمبر 2025 - 10:35 ص"
    assert _read(html).article.published_at == "2025-12-14T07:35:00Z"
    article = _read(html.replace(good, printed)).article
    assert article.published_at is None
    assert article.missing["published_at"] == f"visible-date: {reason}"


def test_a_page_cut_short_is_read_as_far_as_it_goes_and_the_record_says_so():
    html = ARTICLE.read_text(encoding="utf-8")
    whole = _read(html).article
    assert "page_end" not in whole.provenance
    # A transfer that stopped in the story's fourth paragraph.
    cut = html[: html.index(THIRD) + 200]
    article = _read(cut).article
    assert article is not None and article.headline == whole.headline
    first = whole.body.split("\n\n")[0]
    assert article.body.startswith(first) and len(article.body) < len(whole.body)
    assert "cut short" in article.provenance["page_end"]
    # The same from the theme stage.
    zox = (Path(__file__).parent / "fixtures" / "zox-demo").rglob("*.html")
    page = next(p for p in sorted(zox) if "<article" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    article = extract_page(text[: len(text) // 2], URL, REFERENCE, profile="zox").article
    assert article is not None and "cut short" in article.provenance["page_end"]
    assert "page_end" not in extract_page(text, URL, REFERENCE, profile="zox").article.provenance


def test_a_minified_page_without_its_optional_end_tags_is_not_cut_short():
    # html-minifier's removeOptionalTags drops `</body></html>`: the page still ends on an
    # end tag (its footer's), where a cut transfer stops anywhere.
    html = ARTICLE.read_text(encoding="utf-8")
    assert "</body>" in html and "</html>" in html
    minified = html.replace("</body>", "").replace("</html>", "").rstrip()
    assert minified.endswith(">") and "page_end" not in _read(minified).article.provenance


def test_a_real_page_saved_cut_short_says_so():
    # A publisher's page as a parser's test data saved it: it stops at an open "<p>" after
    # the footer. The story is whole; the note says where the page stopped.
    page = committed_page("il/IsraelNachrichten_")
    html = page.html()
    assert not re.search(rb"</(?:body|html)\s*>", html, re.I)
    article = extract_page(html, page.expected["url"], page.reference, profile="auto").article
    assert "cut short" in article.provenance["page_end"]
    paragraphs = article.body.split("\n\n")
    assert page.expected["paragraphs"][-1] in paragraphs
    # Its closing appeal for donations is no part of the story.
    assert not any("unterstützen Sie uns" in paragraph for paragraph in paragraphs)
