"""`scraper reextract` over the WARC archive of a crawl of the bundled site: nothing changes
when the code has not; what an older extractor stored wrong is put right, with revisions
marked with the extractor version; a SIGKILL mid-run resumes to the state of an
uninterrupted run; pruned and missing WARC files are skipped and counted; 2 workers give
what 1 gives."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from scraper.cli import main
from scraper.ops.reextract import Filters, extractor_version, http_response, reextract

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def archived(crawled_db: Path, tmp_path: Path) -> Path:
    """A writable copy of the session crawl's database with its WARC folder beside it (the
    database names its WARC files relative to its own folder)."""
    assert any(Path(f"{crawled_db}.warc").glob("*.warc.gz")), "the crawl archived nothing"
    return copy_archived(crawled_db, tmp_path)


def copy_archived(db: Path, folder: Path) -> Path:
    """A copy of `db` (committed rows, WAL included) and its WARC folder into `folder`."""
    folder.mkdir(exist_ok=True)
    copy = folder / db.name
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    shutil.copytree(Path(f"{db}.warc"), Path(f"{copy}.warc"))
    return copy


def digest(db: Path) -> dict:
    """Every stored column a re-extraction may write, sighting and revision ids aside."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        articles = [dict(r) for r in conn.execute("SELECT * FROM articles ORDER BY id")]
        sightings = conn.execute(
            "SELECT item_url, site, page_url, widget, title, category, time_raw, published_at, "
            "earliest, latest, reason, reference_time, archive_id FROM list_item_sightings "
            "ORDER BY page_url, item_url, widget, reference_time"
        ).fetchall()
        revisions = conn.execute(
            "SELECT article_id, content_hash, content, seen_from, seen_until, extractor "
            "FROM article_revisions ORDER BY article_id, id"
        ).fetchall()
        links = (
            conn.execute(
                "SELECT url, category, position FROM article_categories_named ORDER BY 1, 3"
            ).fetchall()
            + conn.execute(
                "SELECT url, source, position FROM article_sources_named ORDER BY 1, 3"
            ).fetchall()
        )
    return {
        "articles": articles,
        "sightings": [tuple(r) for r in sightings],
        "revisions": [tuple(r) for r in revisions],
        "links": [tuple(r) for r in links],
    }


def corrupt(db: Path) -> dict:
    """Store a few articles as an older extractor could have: a headline with the site's
    name glued on (2), a window a day too wide (1), no author (1), and one page's list
    items with a time window lost. Returns the URLs per field, and how many items."""
    with sqlite3.connect(db) as conn:
        urls = [
            u
            for (u,) in conn.execute(
                "SELECT url FROM articles WHERE author IS NOT NULL "
                "AND published_earliest IS NOT NULL ORDER BY url"
            )
        ]
        headline, window, author = urls[:2], urls[2:3], urls[3:4]
        for url in headline:
            conn.execute(
                "UPDATE articles SET headline = headline || ' | أخبار تركيا' WHERE url = ?", (url,)
            )
        conn.execute(
            "UPDATE articles SET published_earliest = "
            "strftime('%Y-%m-%dT%H:%M:%SZ', published_earliest, '-1 day') WHERE url = ?",
            window,
        )
        conn.execute("UPDATE articles SET author = NULL WHERE url = ?", author)
        (page,) = conn.execute(
            "SELECT page_url FROM list_item_sightings WHERE widget = 'more' AND earliest IS NOT "
            "NULL ORDER BY page_url, item_url LIMIT 1"
        ).fetchone()
        items = conn.execute(
            "UPDATE list_item_sightings SET earliest = NULL, latest = NULL "
            "WHERE page_url = ? AND widget = 'more'",
            (page,),
        ).rowcount
    return {"headline": headline, "published_earliest": window, "authors": author,
            "list items": [page], "items": items}  # fmt: skip


def test_unchanged_code_changes_nothing(archived, capsys):
    before = digest(archived)
    status = main(["reextract", "--db", str(archived), "--workers", "1"])
    printed = capsys.readouterr().out
    assert status == 0
    assert digest(archived) == before
    with sqlite3.connect(archived) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        pages = conn.execute("SELECT count(*) FROM fetch_state WHERE status = 200").fetchone()[0]
        (report,) = conn.execute("SELECT report FROM reextract_runs").fetchone()
    report = json.loads(report)
    assert report["pages"] == pages > articles > 0
    assert report["articles_unchanged"] == articles
    assert report["articles_changed"] == report["listings_changed"] == 0
    assert report["fields"] == {} and report["skipped"] == {}
    assert f"{pages} pages re-extracted" in printed and "0 changed" in printed


def test_older_extractions_are_put_right_with_marked_revisions(archived, crawled_db):
    original = digest(crawled_db)
    wrong = corrupt(archived)
    corrupted = {row["url"]: row for row in digest(archived)["articles"]}
    result = reextract(archived, Filters(), workers=1)
    after = digest(archived)
    # What a crawl with this code stores, to the column, seen times included.
    assert after["articles"] == original["articles"]
    assert after["sightings"] == original["sightings"]
    changed = wrong["headline"] + wrong["published_earliest"] + wrong["authors"]
    with sqlite3.connect(archived) as conn:
        revisions = conn.execute(
            "SELECT a.url, r.content, r.extractor, r.reextract_run, r.content_hash "
            "FROM article_revisions AS r JOIN articles AS a ON a.id = r.article_id"
        ).fetchall()
    assert sorted(url for url, *_ in revisions) == sorted(changed)
    for url, content, extractor, run, old_hash in revisions:
        assert extractor == extractor_version() and run == result.run_id
        kept = json.loads(content)
        old = corrupted[url]
        assert old_hash == old["content_hash"]
        assert kept["headline"] == old["headline"] and kept["author"] == old["author"]
        if url in wrong["published_earliest"]:
            assert kept["published_earliest"] == old["published_earliest"]
    report = result.report
    assert report.articles_changed == 4 and report.articles_new == 0
    assert dict(report.fields) == {
        "headline": 2, "published_earliest": 1, "authors": 1,
        "list items": 1, "list item earliest": wrong["items"], "list item latest": wrong["items"],
    }  # fmt: skip
    assert wrong["items"] > 1
    assert sorted(report.examples["headline"]) == sorted(wrong["headline"])
    assert report.examples["list items"] == wrong["list items"]
    # The report is stored with the run, for `scraper report --reextract`.
    printed = subprocess.run(
        [sys.executable, "-m", "scraper", "report", "--reextract", "--db", str(archived)],
        cwd=PROJECT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "4 changed" in printed and "headline" in printed and wrong["headline"][0] in printed


def test_a_changed_extractor_revises_only_what_it_changes(archived, monkeypatch):
    """An extraction change in this process (--workers 1): headlines naming Turkey gain a
    mark; those articles, and nothing else, get revisions."""
    from scraper.extract import theme

    reading = theme.text_of

    def improved(node):
        text = reading(node)
        headline = node is not None and node.tag == "h1"
        return f"{text} (تركيا)" if headline and "تركيا" in text else text

    monkeypatch.setattr(theme, "text_of", improved)
    before = {row["url"]: row for row in digest(archived)["articles"]}
    expected = sorted(u for u, row in before.items() if "تركيا" in (row["headline"] or ""))
    assert 0 < len(expected) < len(before)
    result = reextract(archived, Filters(), workers=1)
    after = {row["url"]: row for row in digest(archived)["articles"]}
    revised = sorted(u for u in after if after[u] != before[u])
    assert revised == expected
    for url in expected:
        assert after[url]["headline"] == before[url]["headline"] + " (تركيا)"
        assert after[url]["last_seen_at"] == before[url]["last_seen_at"]
    assert dict(result.report.fields) == {"headline": len(expected)}
    with sqlite3.connect(archived) as conn:
        marked = conn.execute(
            "SELECT count(*) FROM article_revisions WHERE extractor = ?", (extractor_version(),)
        ).fetchone()[0]
    assert marked == len(expected)


def test_two_workers_give_what_one_gives(archived, tmp_path):
    corrupt(archived)
    other = copy_archived(archived, tmp_path / "two")
    one = reextract(archived, Filters(), workers=1)
    two = reextract(other, Filters(), workers=2)
    assert digest(other) == digest(archived)
    assert two.report.as_dict() == one.report.as_dict()


def test_pruned_and_missing_files_are_skipped_and_counted(archived):
    before = digest(archived)
    with sqlite3.connect(archived) as conn:
        articles = [i for (i,) in conn.execute("SELECT archive_id FROM articles ORDER BY id")]
        conn.execute(
            "UPDATE archive_records SET pruned_at = '2026-01-01T00:00:00Z' WHERE id IN (?, ?, ?)",
            articles[:3],
        )
    first = reextract(archived, Filters(), workers=1)
    assert first.report.skipped == {"WARC file pruned": 3}
    assert first.report.articles_unchanged == len(articles) - 3
    for path in Path(f"{archived}.warc").glob("*.warc.gz"):
        path.unlink()  # gone without prune-warc: the rows do not say so
    second = reextract(archived, Filters(), workers=1)
    assert second.report.skipped["WARC file pruned"] == 3
    assert second.report.skipped["WARC file missing"] == first.report.pages
    assert second.report.pages == 0
    assert digest(archived) == before


def test_filters_select_the_records(archived):
    with sqlite3.connect(archived) as conn:
        (url,) = conn.execute("SELECT url FROM articles ORDER BY id LIMIT 1").fetchone()
    one = reextract(archived, Filters(url_like=url), workers=1)
    assert one.report.pages == 1 and one.report.articles_unchanged == 1
    assert reextract(archived, Filters(sites=["elsewhere"]), workers=1).report.pages == 0
    assert reextract(archived, Filters(since="2999-01-01T00:00:00Z"), workers=1).report.pages == 0


def test_a_dry_run_writes_nothing(archived):
    corrupt(archived)
    before = digest(archived)
    result = reextract(archived, Filters(), workers=1, dry_run=True)
    assert result.report.articles_changed == 4
    assert digest(archived) == before
    with sqlite3.connect(archived) as conn:
        assert conn.execute("SELECT count(*) FROM reextract_runs").fetchone()[0] == 0


def test_killed_mid_run_resumes_to_the_uninterrupted_result(archived, tmp_path):
    with sqlite3.connect(archived) as conn:
        conn.execute("UPDATE articles SET headline = headline || ' | أخبار تركيا'")
    twin = copy_archived(archived, tmp_path / "twin")
    reextract(twin, Filters(), workers=1)

    command = [sys.executable, "-m", "scraper", "reextract", "--db", str(archived),
               "--workers", "1", "--batch", "3"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    committed = 0
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{archived}?mode=ro", uri=True) as conn:
                row = conn.execute("SELECT checkpoint FROM reextract_runs").fetchone()
        except sqlite3.OperationalError:  # the table is created as the run starts
            row = None
        if row and row[0] > 0:
            os.kill(process.pid, signal.SIGKILL)
            committed = row[0]
            break
        time.sleep(0.005)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with sqlite3.connect(archived) as conn:
        checkpoint, finished = conn.execute(
            "SELECT checkpoint, finished_at FROM reextract_runs"
        ).fetchone()
        last = conn.execute("SELECT max(id) FROM archive_records").fetchone()[0]
        revised = conn.execute("SELECT count(*) FROM article_revisions").fetchone()[0]
    assert finished is None and committed <= checkpoint < last  # killed mid-run
    assert revised > 0
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True)
    assert f"resumed run 1 after archive record {checkpoint}" in done.stdout
    assert digest(archived) == digest(twin)
    with sqlite3.connect(archived) as a, sqlite3.connect(twin) as b:
        query = "SELECT id, checkpoint, report, finished_at IS NOT NULL FROM reextract_runs"
        resumed, whole = a.execute(query).fetchall(), b.execute(query).fetchall()
    assert [r[:3] for r in resumed] == [r[:3] for r in whole] and resumed[0][3]


def a_day_after(stamp: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_http_response_undoes_the_content_encoding_scrapy_undid():
    import gzip

    body = "<html><body>خبر</body></html>".encode()
    block = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Encoding: gzip\r\n\r\n" + gzip.compress(body)
    )
    status, headers, decoded = http_response(block)
    assert (status, headers["content-type"], decoded) == (200, "text/html; charset=utf-8", body)


def test_a_refetch_the_crawl_kept_out_as_worse_stays_out(archived):
    """A later response of an article that the crawl did not store (it looked worse than
    the stored version: the row still names the response it came from) is not re-read
    into the article."""
    from fastwarc.warc import WarcRecordType

    from scraper.crawl.archive import _gzip_member, _record
    from scraper.store.provenance import read_record, resolve_name

    with sqlite3.connect(archived) as conn:
        url, archive_id, headline = conn.execute(
            "SELECT url, archive_id, headline FROM articles ORDER BY url LIMIT 1"
        ).fetchone()
        name, offset, length, fetched_at = conn.execute(
            "SELECT warc_file, warc_offset, warc_length, fetched_at FROM archive_records "
            "WHERE id = ?",
            (archive_id,),
        ).fetchone()
    fields, block = read_record(archived, name, offset, length)
    head, _, body = block.partition(b"\r\n\r\n")
    assert b"Content-Encoding" not in head
    word = headline.split()[0].encode()  # (the headline may be printed with entities)
    worse = head + b"\r\n\r\n" + body.replace(word, word + b" [-]")
    member = _gzip_member(
        _record(WarcRecordType.response, fields["warc-target-uri"], fields["warc-date"], worse)
    )
    path = resolve_name(name, archived)
    later = path.stat().st_size
    with open(path, "ab") as handle:
        handle.write(member)
    with sqlite3.connect(archived) as conn:
        conn.execute(
            "INSERT INTO archive_records (warc_file, warc_offset, warc_length, url, fetched_at, "
            "status) VALUES (?, ?, ?, ?, ?, 200)",
            (name, later, len(member), url, a_day_after(fetched_at)),
        )
    before = digest(archived)
    result = reextract(archived, Filters(url_like=url), workers=1)
    assert result.report.pages == 2  # the article's response and the page's latest
    assert result.report.articles_changed == 0
    after = digest(archived)
    assert (after["articles"], after["revisions"]) == (before["articles"], before["revisions"])


def test_an_imported_warc_reextracts_to_what_the_import_stored(tmp_path, capsys):
    """Pages `scraper import-warc` stored from a CC-NEWS-shaped file (hosts no site file
    claims: theme detection and the generic path; compressed and chunked bodies) read
    again as the import read them: nothing changes."""
    from scraper.testkit.warcs import WarcBuilder, ccnews_warc

    fixtures = Path(__file__).resolve().parent / "fixtures"
    builder = ccnews_warc(WarcBuilder(), sorted(fixtures.glob("*-demo")), fixtures / "real", 3)
    warc = builder.write(tmp_path / "ccnews.warc.gz")
    db = tmp_path / "imported.db"
    assert main(["import-warc", str(warc), "--db", str(db)]) == 0
    capsys.readouterr()
    before = digest(db)
    assert len(before["articles"]) > 20
    result = reextract(db, Filters(), workers=2)
    assert digest(db) == before
    report = result.report
    assert report.articles_changed == report.listings_changed == 0
    assert report.articles_unchanged == len(before["articles"]) and not report.skipped


def test_a_reextraction_writes_the_search_index_in_bulk(archived, monkeypatch):
    from scraper.store import Store

    with sqlite3.connect(archived) as conn:
        conn.execute("UPDATE articles SET body = body || ' (نص قديم)'")
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    flushed: list[tuple[bool, int, int]] = []
    flush_index = Store.flush_index

    def counted(store: Store) -> None:
        flushed.append((store.bulk, len(store._to_unindex), len(store._to_index)))
        flush_index(store)

    monkeypatch.setattr(Store, "flush_index", counted)
    result = reextract(archived, Filters(), workers=1)
    assert result.report.articles_changed == articles
    # Each changed article's old entry removed and its new one added at the end of its
    # transaction, not statement by statement.
    assert all(bulk for bulk, _, _ in flushed)
    assert sum(removed for _, removed, _ in flushed) == articles
    assert sum(added for _, _, added in flushed) == articles
    assert search_hits_of(archived, "نص قديم") == 0


def search_hits_of(db: Path, query: str) -> int:
    from scraper.store.search import search

    return len(search(db, f'"{query}"', limit=1000))


def test_a_site_file_fixed_after_a_drifting_crawl_is_what_reextract_reads(
    replay_server, crawl, tmp_path, capsys
):
    # An operator's own site file whose body selector matched nothing: the crawl stored 57
    # articles without a body (exit 3). Once the file is fixed, `reextract --site FILE`
    # must read with the fixed file, not with the broken configuration the crawl stored.
    project = Path(__file__).resolve().parent.parent
    text = (project / "scraper/sites/zox-demo.toml").read_text()
    site = tmp_path / "my-site.toml"
    site.write_text(
        text.replace('name = "zox-demo"', 'name = "my-site"')
        + '\n[selectors]\nbody = "div.no-such-body"\n'
    )
    db = tmp_path / "news.db"
    done = crawl(db, replay_server, site=str(site))
    assert done.returncode == 3, done.stdout + done.stderr[-2000:]
    site.write_text(text.replace('name = "zox-demo"', 'name = "my-site"'))  # fixed
    assert main(["reextract", "--db", str(db), "--workers", "1", "--site", "my-site"]) == 0
    assert "0 changed" in capsys.readouterr().out  # by name: the stored, broken config
    status = main(["reextract", "--db", str(db), "--workers", "1", "--site", str(site)])
    assert status == 0
    assert "57 changed" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        bodies = conn.execute("SELECT count(*) FROM articles WHERE length(body) >= 200")
        assert bodies.fetchone()[0] == 57


def test_a_site_file_that_reads_the_archive_worse_leaves_the_stored_articles(
    archived, tmp_path, capsys
):
    # The operator's repair after a layout change, applied to archived pages of the old
    # layout: its body selector finds nothing there. The stored bodies stay (as a crawl's
    # re-fetch leaves them), and the report says so; --allow-worse stores the empty ones.
    text = (PROJECT / "scraper/sites/zox-demo.toml").read_text()
    site = tmp_path / "zox-demo.toml"
    site.write_text(text + '\n[selectors]\nbody = "div.the-new-layouts-body"\n')
    with sqlite3.connect(archived) as conn:
        bodies = conn.execute("SELECT count(*) FROM articles WHERE length(body) >= 200").fetchone()
    assert bodies[0] == 57
    before = digest(archived)

    assert main(["reextract", "--db", str(archived), "--workers", "1", "--site", str(site)]) == 0
    printed = capsys.readouterr().out
    assert "57 read worse than stored (kept; --allow-worse stores them)" in printed
    assert "kept: reads worse" in printed
    assert digest(archived)["articles"] == before["articles"]

    argv = ["reextract", "--db", str(archived), "--workers", "1", "--site", str(site)]
    assert main([*argv, "--allow-worse"]) == 0
    assert "57 changed" in capsys.readouterr().out
    with sqlite3.connect(archived) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE body IS NULL").fetchone() == (57,)
        assert conn.execute("SELECT count(*) FROM article_revisions").fetchone()[0] >= 57
