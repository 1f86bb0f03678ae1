"""Lying charsets never overwrite good data (issue 16, item 5).

UTF-8 pages served as windows-1256 (or koi8-r, cp720, gb18030) decode as UTF-8 even when a
few bytes are broken; real windows-1256 pages still decode as windows-1256; and a re-fetch
that reads as mojibake, or lost its text, keeps the stored version and leaves a failure row
(unless the SCRAPER_ALLOW_WORSE setting says to store it). Whole fixture pages throughout, and once
through real crawls of the bundled site.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page, normalize_url
from scraper.extract.decode import decode_html
from scraper.items import ArticleRecord, RunRecord
from scraper.sites import load_site
from scraper.store.quality import misread_charset, worse_than_stored
from scraper.store.writer import Store
from scraper.testkit.faults import to_legacy
from scraper.testkit.server import BUNDLED_SITE, BackgroundServer
from scraper.testkit.truth import load_truth
from scraper.time import http_date

FIXTURES = Path(__file__).parent / "fixtures"
# Article pages of three themes, with the records the fixtures expect from them.
PAGES = [
    FIXTURES / "zox-demo" / "post-10259.html",
    FIXTURES / "jannah-demo" / "gulf-summit-red-sea.html",
    FIXTURES / "jarida-demo" / "arab-league-meeting.html",
]
LYING = ("windows-1256", "koi8-r", "cp720", "gb18030")
TRUTH = load_truth()


def _extract(path: Path, body: bytes, content_type: str) -> ArticleRecord:
    response = json.loads(path.with_suffix(".response.json").read_text(encoding="utf-8"))
    config = load_site(path.parent.name)
    page = extract_page(
        body,
        response["url"],
        http_date(response["headers"]["Date"]),
        site=config.name,
        profile=config.extraction_profile(),
        timezone=config.timezone,
        content_type=content_type,
    )
    assert page.article is not None, page.reason
    return page.article


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))["article"]


def _damaged(body: bytes) -> bytes:
    """The page with one broken UTF-8 sequence in its footer (a character cut in two by a
    template that truncates bytes): no longer strictly valid UTF-8."""
    cut = body.rindex(b"</body>")
    return body[:cut] + b"<span>\xd8</span>" + body[cut:]


# -- decoding -----------------------------------------------------------------------------


@pytest.mark.parametrize("charset", LYING)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_a_utf8_page_under_a_lying_header_reads_clean(path, charset):
    expected = _expected(path)
    body = path.read_bytes()
    assert b'charset="UTF-8"' in body[:3000] or b"charset=UTF-8" in body[:3000]
    for served in (body, _damaged(body)):
        article = _extract(path, served, f"text/html; charset={charset}")
        assert article.headline == expected["headline"]
        assert article.body == expected["body"]
        assert article.provenance["encoding"].startswith("utf-8 (")


def test_a_damaged_utf8_page_reads_as_utf8_with_one_replacement_character():
    body = _damaged(PAGES[0].read_bytes())
    text, encoding = decode_html(body, "text/html; charset=windows-1256")
    assert encoding == "utf-8 (damaged; declared cp1256)"
    assert text.count("\ufffd") == 1
    assert text == body.decode("utf-8", "replace")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_a_real_windows_1256_page_still_reads_as_windows_1256(path):
    expected = _expected(path)
    legacy = to_legacy(path.read_bytes(), fix_meta=True)
    for header in ("text/html; charset=windows-1256", "text/html", "text/html; charset=UTF-8"):
        article = _extract(path, legacy, header)
        assert article.headline == expected["headline"]
        assert article.body == expected["body"]
        assert article.provenance["encoding"].startswith("cp1256")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_an_iso_8859_6_page_reads_as_iso_8859_6_declared_or_not(path):
    # The older Arabic charset: read as windows-1256, its و, ي and ه become è, ê and ç.
    expected = _expected(path)
    for declared in (True, False):
        legacy = to_legacy(
            path.read_bytes(), fix_meta=declared, drop_meta=not declared, charset="iso8859-6"
        )
        for header in ("text/html", "text/html; charset=UTF-8"):
            article = _extract(path, legacy, header)
            assert article.headline == expected["headline"]
            assert article.body == expected["body"]
            assert article.provenance["encoding"].startswith(("iso8859-6", "iso-8859-6"))


def test_text_in_legacy_charsets_is_not_taken_for_damaged_utf8():
    russian = "<p>Москва: правительство объявило о новых мерах поддержки экономики.</p>" * 40
    french = "<p>Le président a déclaré à la presse qu'il était très inquiet.</p>" * 40
    arabic = PAGES[0].read_bytes().decode("utf-8")
    for text, charset in ((russian, "koi8-r"), (russian, "cp1251"), (french, "cp1252")):
        body = f"<html><body>{text}</body></html>".encode(charset)
        decoded, encoding = decode_html(body, f"text/html; charset={charset}")
        assert (decoded, encoding) == (f"<html><body>{text}</body></html>", charset)
    body = arabic.encode("cp1256", errors="xmlcharrefreplace")
    assert decode_html(body, "text/html; charset=windows-1256")[1] == "cp1256"


def _with_a_legacy_passage(body: bytes, paragraph: str) -> bytes:
    """The UTF-8 page with one of its paragraphs in windows-1256 instead (an agency's text
    pasted from an old system, an archived comment)."""
    text = paragraph.encode("utf-8")
    assert text in body
    return body.replace(text, paragraph.encode("cp1256"), 1)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_a_utf8_page_with_a_windows_1256_passage_reads_whole(path):
    # Before, more than 20 broken bytes sent the whole page to windows-1256: every field
    # mojibake, stored as new with no failure.
    expected = _expected(path)
    paragraphs = expected["body"].split("\n\n")
    body = _with_a_legacy_passage(path.read_bytes(), paragraphs[1])
    for header in ("text/html; charset=UTF-8", "text/html"):
        article = _extract(path, body, header)
        assert article.headline == expected["headline"]
        assert article.body == expected["body"]
        assert article.provenance["encoding"].startswith("utf-8 with windows-1256 passages")


def test_a_few_stray_bytes_stay_replacement_characters_not_arabic_letters():
    # Two broken sequences are a character cut in two, not a passage in another charset.
    body = _damaged(_damaged(PAGES[0].read_bytes()))
    text, encoding = decode_html(body, "text/html; charset=UTF-8")
    assert (encoding, text.count("\ufffd")) == ("utf-8", 2)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_a_latin_default_header_over_a_declared_windows_1256_page(path):
    # Apache's AddDefaultCharset ISO-8859-1 over a page whose meta says windows-1256:
    # single-byte charsets decode any bytes, so only the page's own word tells.
    expected = _expected(path)
    legacy = to_legacy(path.read_bytes(), fix_meta=True)
    for header in ("text/html; charset=ISO-8859-1", "text/html; charset=windows-1252"):
        article = _extract(path, legacy, header)
        assert article.headline == expected["headline"]
        assert article.body == expected["body"]
        assert article.provenance["encoding"].startswith("cp1256 (declared in the page")
    # A page that declares nothing under that header stays as the header says.
    undeclared = to_legacy(path.read_bytes(), fix_meta=False, drop_meta=True)
    assert decode_html(undeclared, "text/html; charset=ISO-8859-1")[1] == "cp1252"


# -- is a re-fetch worse? -----------------------------------------------------------------


def _content(article: ArticleRecord) -> dict:
    return {
        "headline": article.headline,
        "body": article.body,
        "published_at": article.published_at,
    }


@pytest.mark.parametrize("charset", ("cp1256", "koi8-r", "cp720", "gb18030", "cp1252"))
def test_a_page_read_as_mojibake_is_worse_than_the_stored_one(charset):
    path = PAGES[0]
    good = _content(_extract(path, path.read_bytes(), "text/html; charset=UTF-8"))
    # What a decoder that believed the header made of the page (before this fix).
    misread = path.read_bytes().decode(charset, "replace")
    bad = _content(_extract(path, misread.encode("utf-8"), "text/html; charset=UTF-8"))
    assert misread_charset(bad["headline"] + "\n" + bad["body"]) is not None
    reason = worse_than_stored(good, bad)
    assert reason is not None and reason.startswith("re-fetch looks worse than stored: mojibake")
    assert worse_than_stored(good, good) is None


def test_lost_fields_a_cut_body_and_a_changed_script_are_worse():
    stored = _content(_extract(PAGES[0], PAGES[0].read_bytes(), "text/html; charset=UTF-8"))
    body = stored["body"]
    assert len(body) > 600  # over MIN_STORED_BODY: a cut counts
    empty = {**stored, "body": ""}
    assert worse_than_stored(stored, empty) == (
        f"re-fetch looks worse than stored: body {len(body):,} → 0 chars"
    )
    assert "headline lost" in worse_than_stored(stored, {**stored, "headline": None})
    assert "publication time lost" in worse_than_stored(stored, {**stored, "published_at": None})
    cut = {**stored, "body": body[: len(body) // 4]}
    assert f"body {len(body):,} → {len(body) // 4:,} chars" in worse_than_stored(stored, cut)
    # The theme changed and the profile now picks English text (a real page's, here).
    english = gzip.decompress((FIXTURES / "real" / "us" / "APNews_2023_04_28.html.gz").read_bytes())
    notice = extract_page(
        english, "https://apnews.com/x", datetime.fromisoformat("2023-04-28T12:00:00+00:00")
    )
    latin = {**stored, "body": notice.article.body[: len(body)]}
    reason = worse_than_stored(stored, latin)
    # The headline stays Arabic: a tenth or so of the letters.
    assert reason is not None and re.search(
        r"Arabic letters 100% → \d+% \(now mostly Latin\)", reason
    )


def test_ordinary_edits_are_not_worse():
    stored = _content(_extract(PAGES[0], PAGES[0].read_bytes(), "text/html; charset=UTF-8"))
    paragraphs = stored["body"].split("\n\n")
    edits = [
        {**stored, "headline": stored["headline"] + " (محدث)"},
        {**stored, "body": "\n\n".join(paragraphs[:-1])},  # the last paragraph removed
        {**stored, "body": stored["body"] + "\n\nتحديث: أعلنت الوزارة تفاصيل إضافية."},
        {**stored, "published_at": "2025-12-11T08:00:00Z"},
    ]
    for edit in edits:
        assert worse_than_stored(stored, edit) is None


def test_no_real_page_looks_like_mojibake():
    """Real pages in 39 countries' scripts and charsets: none is taken for mojibake."""
    for path in sorted((FIXTURES / "real").glob("*/*.html.gz")):
        page = extract_page(
            gzip.decompress(path.read_bytes()),
            "https://example.com/article",
            datetime.fromisoformat("2024-01-01T00:00:00+00:00"),
            profile="auto",
        )
        if page.article is not None:
            text = f"{page.article.headline or ''}\n{page.article.body or ''}"
            assert misread_charset(text) is None, path.name


# -- the writer keeps the stored version ----------------------------------------------------


def _articles(path: Path) -> tuple[ArticleRecord, ArticleRecord]:
    """The page's article as stored, and as re-fetched a day later as mojibake."""
    good = _extract(path, path.read_bytes(), "text/html; charset=UTF-8")
    misread = path.read_bytes().decode("cp1256").encode("utf-8")
    bad = _extract(path, misread, "text/html; charset=UTF-8")
    bad.reference_time = "2025-12-16T09:00:00Z"
    return good, bad


def _row(db: Path, url: str) -> tuple:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT headline, body, content_hash, last_seen_at, last_changed_at FROM articles "
            "WHERE url = ?",
            (url,),
        ).fetchone()


def test_a_mojibake_refetch_keeps_the_stored_row_and_leaves_a_failure(tmp_path):
    db = tmp_path / "news.db"
    good, bad = _articles(PAGES[0])
    store = Store(db)
    run = store.write_batch([RunRecord(site=good.site, started_at="2025-12-16T09:00:00Z")])[0]
    assert store.write_batch([good]) == ["new"]
    before = _row(db, good.url)
    assert store.write_batch([bad]) == ["kept"]
    after = _row(db, good.url)
    assert after[:3] == before[:3] and after[4] == before[4]
    assert after[3] == "2025-12-16T09:00:00Z"  # seen again
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (0,)
        failures = conn.execute("SELECT url, stage, reason, run_id, time FROM failures").fetchall()
    assert len(failures) == 1
    url, stage, reason, run_id, when = failures[0]
    assert (url, stage, run_id, when) == (good.url, "store", run, "2025-12-16T09:00:00Z")
    assert reason.startswith("re-fetch looks worse than stored: mojibake (UTF-8 read as cp1256)")
    assert reason.endswith("kept the stored version (--allow-worse stores it)")
    store.close()

    store = Store(db, allow_worse=True)
    assert store.write_batch([bad]) == ["changed"]
    store.close()
    assert _row(db, good.url)[0] == bad.headline != good.headline
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (1,)


# -- through real crawls ------------------------------------------------------------------


def _serve_as(site: Path, file: str, body: bytes, **headers: str | None) -> None:
    """Serve `file` of the saved site with `body` and these headers (None: dropped)."""
    (site / file).write_bytes(body)
    manifest_path = site / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["responses"]:
        if entry.get("file") == file:
            for name, value in headers.items():
                name = name.replace("_", "-")
                if value is None:
                    entry["headers"].pop(name, None)
                else:
                    entry["headers"][name] = value
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_lying_charsets_and_mojibake_refetches_in_real_crawls(tmp_path, crawl):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE, site)
    sample = next(a for a in TRUTH["articles"] if a["is_sample"])
    lying, legacy = [a for a in TRUTH["articles"] if not a["is_sample"]][:2]
    # A UTF-8 page (one byte broken) served as windows-1256, and a real windows-1256 page.
    original = (site / lying["file"]).read_bytes()
    _serve_as(
        site, lying["file"], _damaged(original), Content_Type="text/html; charset=windows-1256"
    )
    _serve_as(
        site,
        legacy["file"],
        to_legacy((site / legacy["file"]).read_bytes(), fix_meta=True),
        Content_Type="text/html; charset=windows-1256",
    )
    db = tmp_path / "news.db"
    with BackgroundServer(site) as base_url:
        first = crawl(db, base_url)
    assert first.returncode == 0, first.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        for article, encoding in ((lying, "utf-8 (damaged; declared cp1256)"), (legacy, "cp1256")):
            headline, provenance = conn.execute(
                "SELECT headline, provenance FROM articles WHERE url = ?",
                (normalize_url(article["url"]),),
            ).fetchone()
            assert headline == article["headline"]
            assert json.loads(provenance)["encoding"] == encoding
    url = normalize_url(sample["url"])
    stored = _row(db, url)

    # The CMS now double-encodes the sample (UTF-8 read as windows-1256, saved as UTF-8),
    # and a re-fetch of recent articles gets it (no validators: no 304).
    page = (site / sample["file"]).read_bytes()
    _serve_as(
        site,
        sample["file"],
        page.decode("cp1256").encode("utf-8"),
        ETag=None,
        Last_Modified=None,
    )
    with BackgroundServer(site) as base_url:
        second = crawl(db, base_url, "--recent-days", "100000")
        assert second.returncode == 0, second.stderr[-3000:]
        assert _row(db, url) == stored
        with sqlite3.connect(db) as conn:
            run_id, stats = conn.execute(
                "SELECT id, stats FROM crawl_runs ORDER BY id DESC"
            ).fetchone()
            failures = conn.execute(
                "SELECT url, stage, reason FROM failures WHERE run_id = ? AND stage = 'store'",
                (run_id,),
            ).fetchall()
            assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (0,)
        assert json.loads(stats)["store/articles_kept"] == 1
        assert len(failures) == 1 and failures[0][0] == url
        assert "mojibake (UTF-8 read as cp1256)" in failures[0][2]
        assert "kept the stored version" in failures[0][2]

        third = crawl(db, base_url, "--recent-days", "100000", "--allow-worse")
    assert third.returncode == 0, third.stderr[-3000:]
    assert _row(db, url)[0] != stored[0]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (1,)
        assert conn.execute(
            "SELECT count(*) FROM failures WHERE stage = 'store' AND run_id = "
            "(SELECT max(id) FROM crawl_runs)"
        ).fetchone() == (0,)


def test_scraper_extract_reads_a_saved_page_with_its_recorded_header(tmp_path):
    """`scraper extract` on a saved page weighs the charset its response recorded, as the
    crawl did: a windows-1252 page that declares its charset only in the header."""
    import subprocess
    import sys

    original = gzip.decompress(
        (FIXTURES / "real" / "fr" / "LeMonde_2023_09_01.html.gz").read_bytes()
    )
    legacy = original.replace(b'<meta charset="UTF-8">', b"").decode("utf-8")
    page = tmp_path / "lemonde.html"
    page.write_bytes(legacy.encode("cp1252", errors="xmlcharrefreplace"))
    headers = {
        "Content-Type": "text/html; charset=windows-1252",
        "Date": "Fri, 01 Sep 2023 12:00:00 GMT",
    }
    page.with_suffix(".response.json").write_text(
        json.dumps({"url": "https://www.lemonde.fr/article.html", "headers": headers}),
        encoding="utf-8",
    )
    expected = extract_page(
        original, "https://www.lemonde.fr/article.html", http_date(headers["Date"]), profile="auto"
    )
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "extract", str(page)], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    article = json.loads(done.stdout)["article"]
    assert "é" in expected.article.headline + expected.article.body
    assert (article["headline"], article["body"]) == (
        expected.article.headline,
        expected.article.body,
    )
    assert article["provenance"]["encoding"] == "cp1252"
