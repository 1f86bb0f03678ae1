"""A review of the twenty-sixth round's rules (helper, before the mend) built each page below
from a fixture page with one realistic edit (tests/fixtures/review-cases/r50-*.html) and
found the rule misfiring or failing there. Each test holds the mended behaviour."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from scraper.extract import extract_page
from scraper.extract.source_line import split_source_line
from scraper.time import read_machine

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "review-cases"


def _like(file: str, folder: str, page: str, url: str | None = None):
    """The review's page read as the fixture page it was built from is read."""
    answer = next(
        a
        for a in json.loads((FIXTURES / folder / "expected.json").read_text("utf-8"))
        if a.get("file") == page
    )
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    return extract_page(
        (CASES / file).read_bytes(), url or answer["url"], reference, profile="auto",
        timezone=answer.get("timezone", "unknown"),
    )  # fmt: skip


def test_a_menu_item_named_as_a_tag_leaves_the_printed_tag_list_one_block():
    # english-news-21 p14 with "Transport" in the header's menu.
    page = _like("r50-tags_nav_dup.html", "english-news-21", "p14.html")
    assert page.article.tags == ["Dubai Metro", "RTA", "Transport", "Dubai"]


def test_a_headline_after_the_sites_name_in_og_title_is_no_slogan():
    # english-bodies-6 p03 with an "Editor's picks" strip of title-classed links first.
    page = _like("r50-slot_picks_strip.html", "english-bodies-6", "p03.html")
    assert page.article.headline.startswith("The last barge to Motukaha")
    assert page.article.published_at == "2027-08-05T19:30:00Z"


def test_a_clock_classed_time_over_a_thumbnail_is_the_entrys_time():
    # arabic-dates-5 p01's latest news, each entry's clock printed over its picture.
    page = _like("r50-thumb_clock_latest.html", "arabic-dates-5", "p01.html")
    times = {item.url.rsplit("/", 1)[1]: item.published_at for item in page.list_items}
    assert times["184540"] == "2027-07-04T09:10:00Z"


def test_a_table_of_contents_of_whole_addresses_is_no_tag_list():
    page = extract_page(
        (CASES / "r50-toc_absolute_anchors.html").read_bytes(),
        "https://www.britaintoday.example/money/energy-price-cap-january-2027",
        datetime.fromisoformat("2026-12-01T20:00:00+00:00"),
        profile="auto",
    )
    assert page.article.tags == ["Energy", "Household bills"]


def test_a_home_og_url_on_the_bare_host_leaves_the_storys_address():
    # arabic-news-10 p06 with og:url "https://kuna.net.kw/" (no www.).
    page = _like("r50-kuna_ogurl_bare_host.html", "arabic-news-10", "p06.html")
    assert page.page_type == "article"


def test_a_list_item_linking_nowhere_holds_another_storys_time():
    # A header's headlines as <li><time>12:10</time> <a href="#" onclick=...>.
    page = extract_page(
        (CASES / "r50-li_hash_links_headlines.html").read_bytes(),
        "https://www.akhbar-elyom-now.example/News/4412290/1/%D9%88%D8%B2%D9%8A%D8%B1",
        datetime.fromisoformat("2026-12-01T20:00:00+00:00"),
        profile="auto",
        timezone="Africa/Cairo",
    )
    assert page.article.published_at == "2026-12-01T16:40:00Z"


def test_an_iso_clock_named_cst_is_left_to_the_sites_zone():
    # China's Standard Time as much as America's Central: the text reader's, as before.
    reading = read_machine("2027-03-14T10:00CST", "Asia/Shanghai", datetime(2027, 3, 15))
    assert reading.value is None or reading.value.isoformat() != "2027-03-14T16:00:00+00:00"


def test_a_dateline_after_asterisk_bullets_is_found():
    story = ["The bank said the decision was unanimous and markets barely moved after it."] * 3
    paragraphs = [
        "* Rates held for a fifth meeting",
        "* Inflation near target",
        "FRANKFURT, Oct 28 (Reuters) - The European Central Bank kept rates unchanged.",
        *story,
    ]
    _, found = split_source_line(paragraphs)
    assert found is not None and found.names == ("Reuters",)
