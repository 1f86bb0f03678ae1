"""A site's TOML file can override its theme's selectors (`[selectors]`) and add dated layouts
(`[[layouts]]`) for that site alone; other sites on the same theme read the theme's profile."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.crawl.workers import ExtractionPool
from scraper.extract import extract_page
from scraper.extract.profiles import get_profile, register, unregister
from scraper.sites import SITES, load_site

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "zox-demo" / "post-10259.html"
URL = json.loads(PAGE.with_suffix(".response.json").read_text(encoding="utf-8"))["url"]
RENDERED = datetime(2025, 12, 15, 9, 3, 41, tzinfo=UTC)  # the fixture's Date header
# A "read also" box this site's editors put inside articles: a plugin's block, not text.
READ_ALSO = '<div class="read-also-box"><p>اقرأ أيضاً: وزراء الخارجية العرب في القاهرة</p></div>'


def site_file(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f'name = "{name}"\nprofile = "zox"\ntimezone = "Europe/Istanbul"\n'
        f'start_urls = ["https://www.akhbar-turkiya.example/"]\n{extra}',
        encoding="utf-8",
    )
    return path


def read(path: Path, html: str, reference: datetime = RENDERED):
    site = load_site(str(path))
    return extract_page(
        html,
        URL,
        reference,
        site=site.name,
        profile=site.extraction_profile(),
        timezone=site.timezone,
    ).article


def page_with_read_also() -> str:
    html = PAGE.read_text(encoding="utf-8")
    assert html.count('<div id="mvp-content-main"') == 1
    return html.replace(
        '<div id="mvp-content-main" class="left relative">',
        f'<div id="mvp-content-main" class="left relative">{READ_ALSO}',
    )


def test_a_site_selector_changes_that_site_only(tmp_path):
    html = page_with_read_also()
    mine = site_file(
        tmp_path,
        "my-zox",
        '[selectors]\nbody_skip_classes = ["code-block", "adsbygoogle", "read-also-box"]\n',
    )
    other = site_file(tmp_path, "other-zox")
    overridden, plain = read(mine, html), read(other, html)
    assert "اقرأ أيضاً" not in overridden.body
    assert plain.body.startswith("اقرأ أيضاً: وزراء الخارجية العرب في القاهرة\n\n")
    assert plain.body.endswith(overridden.body)
    assert overridden.profile == "zox@1+my-zox" and plain.profile == "zox@1"
    assert overridden.provenance["body"] == "zox@1+my-zox:#mvp-content-main"
    # Everything the site did not override reads as for any Zox site.
    for name in ("headline", "category", "tags", "published_at", "author", "source"):
        assert getattr(overridden, name) == getattr(plain, name), name
    assert overridden.tags == ["جامعة الدول العربية", "سوريا", "المرحلة الانتقالية"]


def test_a_site_without_overrides_reads_the_theme_profile_itself(tmp_path):
    site = load_site(str(site_file(tmp_path, "plain-zox")))
    assert site.extraction_profile() == "zox"
    assert "selectors" not in site.as_stored() and "layouts" not in site.as_stored()


REDESIGN = """
[[layouts]]
valid_from = "2026-01-01"
[layouts.selectors]
body = "#zox-body-2026"
"""


def test_a_site_layout_applies_from_its_day_on(tmp_path):
    old_html = PAGE.read_text(encoding="utf-8")
    new_html = old_html.replace("mvp-content-main", "zox-body-2026")
    mine = site_file(tmp_path, "redesigned-zox", '[selectors]\nauthor = ".nobody"\n' + REDESIGN)
    other = site_file(tmp_path, "other-zox")
    last_old_day = datetime(2025, 12, 31, 23, 59, tzinfo=UTC)
    first_new_day = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)

    before = read(mine, old_html, last_old_day)
    assert before.profile == "zox@1+redesigned-zox"
    assert before.body == read(other, old_html, last_old_day).body
    assert read(mine, new_html, last_old_day).body is None

    after = read(mine, new_html, first_new_day)
    assert after.profile == "zox@1+redesigned-zox@2026-01-01"
    assert after.body == before.body and after.source == ["فرانس برس"]
    # The site's [selectors] still hold under the layout.
    assert load_site(str(mine)).extraction_profile().at(first_new_day).author == ".nobody"
    stale = read(mine, old_html, first_new_day)
    assert stale.body is None and "#zox-body-2026" in stale.missing["body"]
    # The redesign is this site's alone.
    assert read(other, new_html, first_new_day).body is None
    assert read(other, old_html, first_new_day).body == before.body


def test_site_layouts_stack_on_the_theme_version_live_at_the_time(tmp_path):
    mine = load_site(str(site_file(tmp_path, "redesigned-zox", REDESIGN)))
    profile = mine.extraction_profile()
    theme_redesign = register(
        replace(get_profile("zox"), version=99, valid_from="2026-02-01", headline="h1.zox-2026")
    )
    try:
        january = profile.at(datetime(2026, 1, 15, tzinfo=UTC))
        march = profile.at(datetime(2026, 3, 1, tzinfo=UTC))
    finally:
        unregister("zox", 99)
    assert january.tag == "zox@1+redesigned-zox@2026-01-01"
    assert january.body == "#zox-body-2026" and january.headline == "h1.mvp-post-title"
    assert march.tag == "zox@99+redesigned-zox@2026-01-01"
    assert march.body == "#zox-body-2026" and march.headline == theme_redesign.headline


def test_layouts_stack_in_date_order_whatever_the_file_order(tmp_path):
    layouts = """
[[layouts]]
valid_from = 2026-06-01
[layouts.selectors]
headline = "h1.title-june"

[[layouts]]
valid_from = 2026-03-01
[layouts.selectors]
body = ".body-march"
headline = "h1.title-march"
"""
    profile = load_site(str(site_file(tmp_path, "twice", layouts))).extraction_profile()
    april = profile.at(datetime(2026, 4, 1, tzinfo=UTC))
    july = profile.at(datetime(2026, 7, 1, tzinfo=UTC))
    assert (april.headline, april.body, april.tag) == (
        "h1.title-march",
        ".body-march",
        "zox@1+twice@2026-03-01",
    )
    assert (july.headline, july.body, july.tag) == (
        "h1.title-june",
        ".body-march",
        "zox@1+twice@2026-06-01",
    )
    assert profile.at(datetime(2026, 2, 28, 23, tzinfo=UTC)) is get_profile("zox")


def test_a_site_profile_reaches_worker_processes(tmp_path):
    site = load_site(str(site_file(tmp_path, "my-zox", '[selectors]\nbody = ".nobody"\n')))
    options = {"site": site.name, "profile": site.extraction_profile(), "timezone": site.timezone}
    body = PAGE.read_bytes()
    pool = ExtractionPool(1)

    async def in_a_worker():
        await pool.ready()
        return await pool.extract_where(body, URL, RENDERED, **options)

    try:
        pooled, in_worker = asyncio.run(in_a_worker())
        assert in_worker
    finally:
        pool.close()
    assert pooled == extract_page(body, URL, RENDERED, **options)
    assert pooled.article.profile == "zox@1+my-zox" and pooled.article.body is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[selectors]\nheadlines = "h1"\n', "6: selectors.headlines: not a profile selector"),
        (
            '[selectors]\nfingerprints = ["#x"]\n',
            "6: selectors.fingerprints: not a profile selector",
        ),
        ("[selectors]\nversion = 2\n", "6: selectors.version: not a profile selector"),
        ("[selectors]\nheadline = 3\n", "6: selectors.headline: must be a string"),
        ('[selectors]\nheadline = "h1..title"\n', "6: selectors.headline: bad CSS selector"),
        (
            '[selectors]\ntags = "a::attr(href), a"\n',
            "6: selectors.tags: bad CSS selector 'a::attr(href), a'",
        ),
        (
            '[selectors]\npublished_text_modified = "sometimes"\n',
            "6: selectors.published_text_modified: must be one of '', 'absolute', 'any'",
        ),
        (
            '[selectors]\nbody_skip_classes = "ad"\n',
            "6: selectors.body_skip_classes: must be a list of strings",
        ),
        (
            '[selectors]\nwidgets = [["more"]]\n',
            '6: selectors.widgets: must be a list of ["name", "CSS"] pairs',
        ),
        (
            '[[layouts]]\nvalid_from = "2026-13-01"\n[layouts.selectors]\nbody = "#b"\n',
            "6: layouts[1].valid_from: must be a day, YYYY-MM-DD (got the string '2026-13-01')",
        ),
        (
            '[[layouts]]\nvalid_from = "1 March 2026"\n',
            "6: layouts[1].valid_from: must be a day, YYYY-MM-DD (got the string '1 March 2026')",
        ),
        (
            "[[layouts]]\nvalid_from = 2026-03-01T08:00:00Z\n",
            "6: layouts[1].valid_from: must be a day, YYYY-MM-DD (got the date/time 2026-03-01T08",
        ),
        (
            '[[layouts]]\n[layouts.selectors]\nbody = "#b"\n',
            "5: layouts[1].valid_from: must be a day, YYYY-MM-DD (got nothing)",
        ),
        (
            '[[layouts]]\nvalid_from = "2026-03-01"\nvalid_form = "x"\n',
            "7: layouts[1].valid_form: unknown key (did you mean valid_from?)",
        ),
        (
            '[[layouts]]\nvalid_from = "2026-03-01"\n[layouts.selectors]\nbodyy = "#b"\n',
            "8: layouts[1].selectors.bodyy: not a profile selector (did you mean body?)",
        ),
        (
            '[[layouts]]\nvalid_from = "2026-03-01"\n[[layouts]]\nvalid_from = 2026-03-01\n',
            "8: layouts[2].valid_from: layouts[1] is from 2026-03-01 too",
        ),
    ],
)
def test_a_bad_selector_or_date_names_the_file_line_and_key(tmp_path, extra, message):
    path = site_file(tmp_path, "bad", extra)
    with pytest.raises(ValueError) as raised:
        load_site(str(path))
    assert str(raised.value).startswith(f"{path}:{message}")


def test_overrides_need_a_theme(tmp_path):
    path = site_file(tmp_path, "generic-site", '[selectors]\nheadline = "h1"\n')
    path.write_text(path.read_text().replace('"zox"', '"generic"'), encoding="utf-8")
    with pytest.raises(ValueError, match="need a theme, not 'generic'"):
        load_site(str(path))


def scraper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args], capture_output=True, timeout=120, text=True
    )


def test_the_command_line_reads_a_site_file_with_its_overrides(tmp_path):
    (tmp_path / "page.html").write_text(page_with_read_also(), encoding="utf-8")
    mine = site_file(
        tmp_path,
        "my-zox",
        '[selectors]\nbody_skip_classes = ["read-also-box"]\n' + REDESIGN,
    )
    common = ["extract", str(tmp_path / "page.html"), "--url", URL, "--site", str(mine)]
    done = scraper(*common, "--reference", "2025-12-15T09:03:41Z")
    assert done.returncode == 0, done.stderr
    article = json.loads(done.stdout)["article"]
    assert article["profile"] == "zox@1+my-zox" and article["site"] == "my-zox"
    assert article["body"].startswith("عقد وزراء خارجية") and "اقرأ أيضاً" not in article["body"]
    # Rendered after the site's redesign: its layout's body selector finds nothing here.
    done = scraper(*common, "--reference", "2026-01-02T09:00:00Z")
    article = json.loads(done.stdout)["article"]
    assert article["profile"] == "zox@1+my-zox@2026-01-01" and article["body"] is None

    broken = site_file(tmp_path, "broken", '[selectors]\nheadlin = "h1"\n')
    page = str(tmp_path / "page.html")
    for command in (["extract", page, "--site", str(broken)], ["crawl", str(broken)]):
        done = scraper(*command, *(["--db", str(tmp_path / "x.db")] * (command[0] == "crawl")))
        assert done.returncode == 2, done.stderr
        (line,) = done.stderr.splitlines()
        assert line == (
            f"scraper {command[0]}: error: {broken}:6: selectors.headlin: not a profile "
            "selector (did you mean headline?)"
        )
    assert not (tmp_path / "x.db").exists()


def test_a_crawl_in_worker_processes_stores_the_site_profile(tmp_path, replay_server, crawled_db):
    """The bundled site under another name with one selector of its own, extracted in a
    worker process: the same headlines as the plain crawl, read by the site's selector."""
    bundled = (SITES / "zox-demo.toml").read_text(encoding="utf-8")
    mine = tmp_path / "custom-zox.toml"
    mine.write_text(
        bundled.replace('name = "zox-demo"', 'name = "custom-zox"')
        + '\n[selectors]\nheadline = "h1.entry-title"\n',
        encoding="utf-8",
    )
    db = tmp_path / "custom.db"
    done = scraper(
        "crawl",
        str(mine),
        "--db",
        str(db),
        "--base-url",
        replay_server,
        "--set",
        "SCRAPER_EXTRACT_PROCESSES=1",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    query = "SELECT url, headline, profile, json_extract(provenance, '$.headline') FROM articles"
    with sqlite3.connect(db) as custom, sqlite3.connect(crawled_db) as plain:
        ours = {url: rest for url, *rest in custom.execute(query)}
        theirs = {url: rest for url, *rest in plain.execute(query)}
        (config,) = custom.execute("SELECT config FROM sites").fetchone()
    assert len(ours) == len(theirs) > 50
    for url, (headline, profile, found) in ours.items():
        assert headline == theirs[url][0]
        assert (profile, found) == ("zox@1+custom-zox", "zox@1+custom-zox:h1.entry-title")
    assert {profile for _, profile, _ in theirs.values()} == {"zox@1"}
    assert json.loads(config)["selectors"] == {"headline": "h1.entry-title"}
