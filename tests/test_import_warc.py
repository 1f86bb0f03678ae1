"""`scraper import-warc`: WARC files built from the bundled site, the fixture sites and real
foreign pages (scraper.testkit.warcs) imported as a crawl stores pages."""

from __future__ import annotations

import gzip
import json
import sqlite3
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from scraper.cli import main
from scraper.items import PageRecords
from scraper.store import Store
from scraper.testkit.server import BackgroundServer
from scraper.testkit.warcs import (
    WarcBuilder,
    ccnews_warc,
    fixture_pages,
    http_block,
    site_warc,
    warc_record,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
THEME_SITES = sorted(FIXTURES.glob("*-demo"))
REAL = FIXTURES / "real"
REAL_PAGES = 5


@pytest.fixture(scope="module")
def site_file(tmp_path_factory) -> Path:
    """The bundled site as a crawler archives it: a request and a response per page."""
    return site_warc(WarcBuilder()).write(tmp_path_factory.mktemp("warc") / "site.warc.gz")


@pytest.fixture(scope="module")
def ccnews_file(tmp_path_factory) -> Path:
    """The CC-NEWS-shaped mix, its last record cut short."""
    builder = ccnews_warc(WarcBuilder(), THEME_SITES, REAL, REAL_PAGES)
    return builder.write(tmp_path_factory.mktemp("warc") / "ccnews.warc.gz", truncate=2000)


def _import(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["import-warc", *args])
    out, err = capsys.readouterr()
    return status, out, err


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _skipped(out: str) -> dict[str, int]:
    """The skip counts of the import's printed report."""
    lines = out.split("Skipped:", 1)[1].splitlines()[1:]
    counts = {}
    for line in lines:
        if not line.startswith("  "):
            break
        count, reason = line.split()
        counts[reason] = int(count)
    return counts


def test_the_bundled_site_imported_from_a_warc_is_the_crawled_site(
    site_file, crawled_db, snapshot, tmp_path, capsys
):
    db = tmp_path / "imported.db"
    status, out, _ = _import(capsys, str(site_file), "--db", str(db))
    assert status == 0, out
    imported, crawled = snapshot(db), snapshot(crawled_db)
    assert len(imported["articles"]) > 50 and len(imported["sightings"]) > 1000
    assert imported == crawled
    # The AMP view of an article (a crawl never follows amphtml links) is not a revision.
    assert _skipped(out)["variant"] == 1


def test_reimporting_a_file_adds_nothing(site_file, snapshot, tmp_path, capsys):
    db = tmp_path / "news.db"
    assert _import(capsys, str(site_file), "--db", str(db))[0] == 0
    first = snapshot(db)
    status, out, _ = _import(capsys, str(site_file), "--db", str(db))
    assert status == 0
    assert snapshot(db) == first
    assert "(articles 0: new 0, unchanged 0, changed 0" in out
    assert _skipped(out)["already-stored"] == 74  # every page stored (not the AMP view)
    with sqlite3.connect(db) as conn:  # each import is a run of its own
        assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone() == (2,)


def test_every_imported_page_points_at_its_record_in_the_warc(site_file, tmp_path, monkeypatch):
    from scraper.warcimport.importer import ImportOptions, import_warcs

    pages: list[PageRecords] = []
    write_batch = Store.write_batch

    def keep(store, records):
        pages.extend(r for r in records if isinstance(r, PageRecords))
        return write_batch(store, records)

    monkeypatch.setattr(Store, "write_batch", keep)
    import_warcs([site_file], tmp_path / "news.db", ImportOptions())
    assert len(pages) == 74
    data = site_file.read_bytes()
    for page in pages:
        ref = page.fetch.archive
        assert ref is not None and ref.file == str(site_file.resolve())
        # One gzip member per record: the slice is the whole record and nothing else.
        record = gzip.decompress(data[ref.offset : ref.offset + ref.length])
        assert record.startswith(b"WARC/1.1\r\nWARC-Type: response\r\n")
        assert record.count(b"WARC/1.1\r\n") == 1
        target = record.split(b"WARC-Target-URI: ", 1)[1].split(b"\r\n", 1)[0].decode()
        from scraper.extract.finish import normalize_url

        assert normalize_url(target) == page.url


def test_an_imported_article_shows_its_provenance_and_raw_response(site_file, tmp_path, capsys):
    # The store keeps the source WARC as each imported row's provenance (schema 7), and
    # `scraper show --raw` reads the response back from that file, not from a copy.
    db = tmp_path / "news.db"
    assert _import(capsys, str(site_file), "--db", str(db))[0] == 0
    with sqlite3.connect(db) as conn:
        url, file, offset, length = conn.execute(
            "SELECT a.url, r.warc_file, r.warc_offset, r.warc_length FROM articles a "
            "JOIN archive_records r ON r.id = a.archive_id ORDER BY a.url LIMIT 1"
        ).fetchone()
        unreferenced = conn.execute(
            "SELECT count(*) FROM articles WHERE archive_id IS NULL"
        ).fetchone()[0]
    assert unreferenced == 0
    assert file == str(site_file.resolve())
    assert main(["show", url, "--db", str(db)]) == 0
    assert f"{file} @ {offset} ({length} bytes)" in capsys.readouterr().out
    assert main(["show", url, "--db", str(db), "--raw"]) == 0
    raw = capsys.readouterr().out  # the bytes written to stdout's buffer
    assert raw.startswith("HTTP/1.1 200")
    assert "<html" in raw.lower()


def test_a_ccnews_shaped_file_counts_every_record_it_skips(ccnews_file, tmp_path, capsys):
    db = tmp_path / "news.db"
    status, out, _ = _import(capsys, str(ccnews_file), "--db", str(db), "--language", "ar")
    assert status == 0, out
    skipped = _skipped(out)
    assert skipped["language"] == REAL_PAGES
    assert skipped["not-html"] == 2  # the PDF and the PNG
    assert skipped["status-404"] == 1
    assert skipped["revisit"] == 1
    assert skipped["truncated"] == 1
    assert "request" not in skipped  # CC-NEWS keeps response records only
    # Every fixture page but the cut one is stored, as its site's profile reads it, with its
    # WARC-Date (the fetch time, 2 or 3 s after the Date header the expected records used)
    # as the reference time: relative times resolve that much later, absolute ones stay.
    pages = [page for folder in THEME_SITES for page in fixture_pages(folder)]
    expected, gaps = {}, {}
    for folder in THEME_SITES:
        for meta in folder.glob("*.response.json"):
            response = json.loads(meta.read_text(encoding="utf-8"))
            record = meta.with_name(meta.name.replace(".response.", ".expected."))
            article = json.loads(record.read_text(encoding="utf-8"))["article"]
            if article:
                expected[article["url"]] = (
                    folder.name,
                    article["headline"],
                    article["published_at"],
                )
                date = parsedate_to_datetime(response["headers"]["Date"])
                gaps[article["url"]] = (_time(response["fetched_at"]) - date).total_seconds()
    with sqlite3.connect(db) as conn:
        stored = {
            url: (site, headline, published)
            for url, site, headline, published in conn.execute(
                "SELECT url, site, headline, published_at FROM articles"
            )
        }
        runs = {site for (site,) in conn.execute("SELECT site FROM crawl_runs")}
    assert len(expected) == 27 and len(pages) == 32
    cut = [url for url in expected if url not in stored]
    assert len(cut) <= 1  # the last page, cut short (if it held an article)
    assert set(stored) == set(expected) - set(cut)
    shifted = 0
    for url, (site, headline, published) in stored.items():
        assert (site, headline) == expected[url][:2]
        shift = (_time(published) - _time(expected[url][2])).total_seconds()
        assert shift in (0, gaps[url]), url
        shifted += shift > 0
    # (The Jarida site's pages close with LiteSpeed Cache's stamp: their relative times count
    # from it, not from the WARC-Date.)
    assert shifted >= 2
    # A run per site met: the configured ones, and each foreign host (its skips counted).
    assert runs >= {folder.name for folder in THEME_SITES}
    assert len(runs) == len(THEME_SITES) + REAL_PAGES
    # Records read: 5 foreign pages + PDF + PNG + 404 + revisit + 32 fixture pages.
    assert "Records read: 41" in out


def test_without_a_language_foreign_pages_take_the_generic_path(ccnews_file, tmp_path, capsys):
    db = tmp_path / "news.db"
    assert _import(capsys, str(ccnews_file), "--db", str(db))[0] == 0
    with sqlite3.connect(db) as conn:
        foreign = conn.execute(
            "SELECT a.site, a.language, s.profile FROM articles a JOIN sites s ON s.name = a.site "
            "WHERE a.site NOT LIKE '%-demo'"
        ).fetchall()
    # Hosts no configured site claims are stored under their own name, theme detected.
    assert len(foreign) >= REAL_PAGES - 1
    assert all("." in site and profile == "auto" for site, _, profile in foreign)
    assert {language for _, language, _ in foreign} - {None} <= {"de", "en", "fr", "es", "it"}


def test_domains_takes_only_the_hosts_listed(ccnews_file, tmp_path, capsys):
    db = tmp_path / "news.db"
    status, out, _ = _import(
        capsys, str(ccnews_file), "--db", str(db), "--domains", "sada-alkhaleej.example"
    )
    assert status == 0
    with sqlite3.connect(db) as conn:
        sites = Counter(site for (site,) in conn.execute("SELECT site FROM articles"))
    assert set(sites) == {"jannah-demo"} and sites["jannah-demo"] > 3
    # Every other response is skipped for its host: all 41 records but the revisit, the
    # jannah pages and the PDF on the jannah host.
    jannah = sum(1 for _ in fixture_pages(FIXTURES / "jannah-demo"))
    assert _skipped(out)["domain"] == 41 - 1 - jannah - 1


def test_a_damaged_file_keeps_what_came_before_the_damage(tmp_path, capsys):
    builder = site_warc(WarcBuilder())
    builder.records.insert(40, b"this is no WARC record\r\n\r\n")
    path = builder.write(tmp_path / "damaged.warc.gz")
    db = tmp_path / "news.db"
    status, out, _ = _import(capsys, str(path), "--db", str(db))
    assert status == 0  # records were read: the damage is reported, not fatal
    assert "Damaged: " in out and "Invalid WARC header" in out
    assert "Records read: 40" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM fetch_state").fetchone()[0] > 5


def test_a_file_that_is_no_warc_stores_nothing_and_exits_65(tmp_path, capsys):
    path = tmp_path / "page.warc.gz"
    path.write_bytes(gzip.compress(b"<html><body>not an archive</body></html>"))
    db = tmp_path / "news.db"
    status, out, err = _import(capsys, str(path), "--db", str(db))
    assert status == 65
    assert "not a WARC file" in out and "no record could be read" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone() == (0,)


def test_a_missing_file_is_refused_before_any_work(tmp_path, capsys):
    status, _, err = _import(capsys, str(tmp_path / "none.warc.gz"), "--db", str(tmp_path / "n.db"))
    assert status == 2 and "no WARC file" in err
    assert not (tmp_path / "n.db").exists()


def test_whole_file_gzip_and_encoded_bodies_are_read(tmp_path, capsys):
    """An archiver that gzipped the whole file, and bodies kept as sent: chunked and
    gzip-encoded."""
    folder = FIXTURES / "jnews-demo"
    builder = WarcBuilder(gzip="whole")
    for url, status, headers, body, fetched_at in fixture_pages(folder):
        encoded = gzip.compress(body)
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(encoded), encoded)
        sent = {**headers, "Content-Encoding": "gzip", "Transfer-Encoding": "chunked"}
        builder.add(
            warc_record(
                "response",
                http_block(status, sent, chunked),
                uri=url,
                date=fetched_at,
                content_type="application/http; msgtype=response",
            )
        )
    db = tmp_path / "news.db"
    status, out, _ = _import(
        capsys, str(builder.write(tmp_path / "whole.warc.gz")), "--db", str(db)
    )
    assert status == 0, out
    expected = [
        json.loads(meta.read_text(encoding="utf-8"))["article"]
        for meta in folder.glob("*.expected.json")
    ]
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT url, body FROM articles"))
    assert stored == {a["url"]: a["body"] for a in expected if a}


def test_the_run_report_shows_the_import_and_its_skips(ccnews_file, tmp_path, capsys):
    db = tmp_path / "news.db"
    _import(capsys, str(ccnews_file), "--db", str(db), "--site", "jannah-demo")
    assert main(["report", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Run 1 of jannah-demo: ")
    assert "Records skipped by the import: " in out
    assert "      1  status-404" in out and "      1  revisit" not in out  # no host, no run


def test_a_crawl_of_the_served_warc_is_a_crawl_of_the_bundled_site(
    site_file, crawl, crawled_db, snapshot, tmp_path
):
    db = tmp_path / "news.db"
    with BackgroundServer(warcs=[site_file]) as base_url:
        done = crawl(db, base_url)
    assert done.returncode == 0, done.stderr[-3000:]
    assert snapshot(db) == snapshot(crawled_db)


def test_the_served_warc_answers_with_the_recorded_status_and_headers(site_file, site_dir):
    manifest = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    recorded = {entry["path"]: entry for entry in manifest["responses"]}
    moved = next(path for path, entry in recorded.items() if entry.get("status") == 301)
    with BackgroundServer(warcs=[site_file]) as base_url:
        origin = manifest["origin"]
        host = origin.split("//", 1)[1]
        for path in (moved, "/feed/"):
            request = urllib.request.Request(base_url + path, headers={"Host": host})
            opener = urllib.request.build_opener(_NoRedirect)
            try:
                answer = opener.open(request, timeout=10)
            except urllib.error.HTTPError as error:
                answer = error
            entry = recorded[path]
            assert answer.status == entry.get("status", 200)
            for name, value in entry["headers"].items():
                assert answer.headers[name] == value, name
            body = answer.read()
            if entry.get("file"):
                assert body == (site_dir / entry["file"]).read_bytes()
        # A path the archive does not hold is a 404, as from a manifest.
        try:
            urllib.request.urlopen(base_url + "/no-such-page/", timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404
        else:
            raise AssertionError("an unarchived path was served")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_fixtures_record_takes_the_page_from_a_warc(tmp_path, capsys):
    """A fixture recorded from an archive is the fixture recorded from the site: the same
    body (decoded as sent), headers and reviewed record."""
    folder = FIXTURES / "jannah-demo"
    builder = WarcBuilder()
    for url, status, headers, body, fetched_at in fixture_pages(folder):
        sent = {**headers, "Content-Encoding": "gzip"}
        builder.response(url, gzip.compress(body), status=status, headers=sent, date=fetched_at)
    warc = builder.write(tmp_path / "jannah.warc.gz")
    original = folder / "arabic-ai-model.html"
    response = json.loads(original.with_suffix(".response.json").read_text(encoding="utf-8"))
    root = tmp_path / "fixtures"
    status = main(
        ["fixtures", "record", response["url"], "--site", "jannah-demo", "--warc", str(warc),
         "--root", str(root)]
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    saved = root / "jannah-demo" / "arabic-ai-model.html"
    assert saved.read_bytes() == original.read_bytes()
    for suffix in (".response.json", ".expected.json"):
        assert json.loads(saved.with_suffix(suffix).read_text(encoding="utf-8")) == json.loads(
            original.with_suffix(suffix).read_text(encoding="utf-8")
        ), suffix
    # A page the archive does not hold: one line, exit 2, nothing written.
    status = main(
        ["fixtures", "record", "https://www.sada-alkhaleej.example/nothing/", "--site",
         "jannah-demo", "--warc", str(warc), "--root", str(root)]
    )  # fmt: skip
    assert status == 2 and "no response record of it" in capsys.readouterr().err
    assert len(list((root / "jannah-demo").iterdir())) == 3


def test_two_worker_processes_store_what_one_process_stores(
    site_file, ccnews_file, snapshot, tmp_path, capsys
):
    outputs = {}
    for workers in ("1", "2"):
        db = tmp_path / f"workers-{workers}.db"
        extra = ["--workers", workers] if workers != "1" else []
        for path in (site_file, ccnews_file):
            status, out, _ = _import(capsys, str(path), "--db", str(db), *extra)
            assert status == 0, out
        outputs[workers] = (snapshot(db), _skipped(out))
    assert outputs["2"] == outputs["1"]
    assert len(outputs["2"][0]["articles"]) > 80


def test_a_record_over_the_size_limit_is_skipped_unread(site_file):
    from scraper.warcimport.reader import WarcEntry, read_warc

    entries = [e for e in read_warc(site_file, max_body=20_000) if isinstance(e, WarcEntry)]
    large = [e for e in entries if e.problem == "too-large"]
    small = [e for e in entries if e.record_type == "response" and not e.problem]
    assert large and small
    assert all(e.body == b"" for e in large)
    assert all(0 < len(e.body) <= 20_000 for e in small if e.status == 200)
    # The records after a large one are read as usual, each at its own offset.
    offsets = [e.offset for e in entries]
    assert offsets == sorted(set(offsets))


def test_an_import_writes_in_the_stores_bulk_mode(site_file, tmp_path, monkeypatch):
    from scraper.warcimport.importer import ImportOptions, import_warcs

    batches: list[tuple[bool, int]] = []  # (bulk, pages) of each transaction with pages
    flushed: list[int] = []
    write_batch, flush_index = Store.write_batch, Store.flush_index

    def counted_batch(store, records):
        pages = sum(isinstance(r, PageRecords) for r in records)
        if pages:
            batches.append((store.bulk, pages))
        return write_batch(store, records)

    def counted_flush(store):
        flushed.append(len(store._to_index))
        flush_index(store)

    monkeypatch.setattr(Store, "write_batch", counted_batch)
    monkeypatch.setattr(Store, "flush_index", counted_flush)
    import_warcs([site_file], tmp_path / "news.db", ImportOptions())
    # All 74 pages in one bulk transaction (commits of up to 10,000 records).
    assert batches == [(True, 74)]
    with sqlite3.connect(tmp_path / "news.db") as conn:
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert sum(flushed) == articles > 50
