"""A site file is checked whole before anything uses it: every problem is one line,
`FILE:LINE: key: problem`, and the command exits 2 without a traceback, from every entry
point that loads a site. `scraper check-site` checks a file and reads its first page."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.cli import main
from scraper.extract import extract_page
from scraper.sites import SITES, available_sites, load_site
from scraper.sites.validate import SiteFileError, parse_site_file
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, utc

PROJECT = Path(__file__).resolve().parent.parent
HOME = "https://www.akhbar-turkiya.example/"
# Lines 1-5 of every file below; a mistake's line number counts from them.
GOOD = (
    "# a site on the Zox theme\n"
    'name = "my-zox"\n'
    'profile = "zox"\n'
    'timezone = "Europe/Istanbul"\n'
    f'start_urls = ["{HOME}"]\n'
)


def write(folder: Path, text: str, name: str = "site.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def check_offline(path: Path, capsys) -> tuple[int, list[str]]:
    """`scraper check-site --offline FILE` in this process: its exit code and stderr lines."""
    code = main(["check-site", "--offline", str(path)])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD.replace('name = "my-zox"\n', ""), "1: name: missing (every site file states"),
        (GOOD.replace(f'start_urls = ["{HOME}"]\n', ""), "1: start_urls: missing"),
        (GOOD + f'feedz = ["{HOME}feed/"]\n', "6: feedz: unknown key (did you mean feeds?)"),
        (
            GOOD.replace(f'["{HOME}"]', f'"{HOME}"'),
            f"5: start_urls: must be a list of URLs, [\"https://…\"] (got the string '{HOME}')",
        ),
        (
            GOOD + f'sitemaps = "{HOME}sitemap.xml"\n',
            "6: sitemaps: must be a list of URLs",
        ),
        (
            GOOD.replace('"zox"', '"zoxx"'),
            "3: profile: unknown profile 'zoxx' (known: jannah, jarida, jnews, newspaper, zox, "
            "auto, generic)",
        ),
        (
            GOOD.replace("Europe/Istanbul", "Europe/Istambul"),
            "4: timezone: unknown time zone 'Europe/Istambul' (did you mean Europe/Istanbul?)",
        ),
        (GOOD.replace('"Europe/Istanbul"', '"+03:00"'), "4: timezone: unknown time zone '+03:00'"),
        (
            GOOD + '\n[politeness]\ndownload_delay = "2s"\n',
            "8: politeness.download_delay: must be seconds, 0 or more (got the string '2s')",
        ),
        (
            GOOD + "\n[politeness]\nconcurrency = 1.5\n",
            "8: politeness.concurrency: must be a whole number, 1 or more (got the number 1.5)",
        ),
        (
            GOOD + '[politeness]\nautothrottle = "yes"\n',
            "7: politeness.autothrottle: must be true or false (got the string 'yes')",
        ),
        (GOOD + "politeness = 2\n", "6: politeness: must be a table, [politeness]"),
        (
            GOOD + 'politeness = { download_delay = "2s" }\n',
            "6: politeness.download_delay: must be seconds, 0 or more",
        ),
        (GOOD + "politeness.concurrency = 0\n", "6: politeness.concurrency: must be a whole"),
        (GOOD + "[layouts]\nvalid_from = 2026-03-01\n", "6: layouts: must be tables, [[layouts]]"),
        (GOOD + '[selector]\nbody = "#b"\n', "6: selector: unknown key (did you mean selectors?)"),
        (GOOD + "title = 5\n", "6: title: must be a string (got the number 5)"),
        (GOOD.replace("https://", "ftp://"), "5: start_urls: 'ftp://www.akhbar-turkiya."),
        (
            GOOD + 'allowed_domains = ["https://www.akhbar-turkiya.example"]\n',
            "6: allowed_domains: 'https://www.akhbar-turkiya.example' is not a host name",
        ),
        (
            GOOD + 'allowed_domains = ["akhbar.example"]\n',
            f"5: start_urls: '{HOME}' is outside allowed_domains: the crawl would drop it",
        ),
        (GOOD + 'replay = "127.0.0.1:8765"\n', "6: replay: must be an http(s) URL"),
        (
            GOOD + '[selectors]\nheadline = "h1[["\n',
            "7: selectors.headline: bad CSS selector 'h1[['",
        ),
        (
            GOOD + "[[layouts]]\nvalid_from = 2026-03-01\n[layouts.selectors]\nbodi = '#b'\n",
            "9: layouts[1].selectors.bodi: not a profile selector (did you mean body?)",
        ),
        (
            GOOD.replace('"zox"', '"generic"') + '[selectors]\nbody = "#b"\n',
            "3: profile: [selectors] and [[layouts]] need a theme, not 'generic'",
        ),
        (GOOD + "name = 'twice'\n", "6: not valid TOML: Cannot overwrite a value (at line 6,"),
        (GOOD + "feeds = [\n", "6: not valid TOML: Invalid value (at end of document)"),
    ],
)
def test_a_mistake_is_one_line_naming_its_line_and_key_and_exit_2(tmp_path, capsys, text, problem):
    path = write(tmp_path, text)
    code, lines = check_offline(path, capsys)
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"scraper check-site: error: {path}:{problem}"), lines[0]


def test_every_problem_of_a_file_is_reported_in_one_go(tmp_path, capsys):
    path = write(
        tmp_path,
        "# several mistakes\n"
        'profile = "zoxx"\n'
        'timezone = "Asia/Ryadh"\n'
        f'start_urls = ["{HOME}",\n'
        '    "www.akhbar-turkiya.example/world/"]\n'
        f'feedz = ["{HOME}feed/"]\n'
        "\n"
        "[politeness]  # a comment after the header\n"
        "download_delay = 'slow'\n"
        "concurency = 2\n",
    )
    code, lines = check_offline(path, capsys)
    assert code == 2
    prefix = f"scraper check-site: error: {path}:"
    assert [line.removeprefix(prefix) for line in lines] == [
        "1: name: missing (every site file states name, profile, timezone, start_urls)",
        "2: profile: unknown profile 'zoxx' (known: jannah, jarida, jnews, newspaper, zox, "
        "auto, generic)",
        "3: timezone: unknown time zone 'Asia/Ryadh' (did you mean Asia/Riyadh?)",
        "5: start_urls: 'www.akhbar-turkiya.example/world/' is not an http(s) URL",
        "6: feedz: unknown key (did you mean feeds?)",
        "9: politeness.download_delay: must be seconds, 0 or more (got the string 'slow')",
        "10: politeness.concurency: unknown key (did you mean concurrency?)",
    ]


def test_an_unknown_zone_name_is_valid_and_a_good_file_loads(tmp_path, capsys):
    path = write(tmp_path, GOOD.replace('"Europe/Istanbul"', '"unknown"'))
    assert main(["check-site", "--offline", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: valid: site my-zox, profile zox, timezone unknown\n"
    )
    site = load_site(str(path))
    assert (site.name, site.timezone, site.start_urls) == ("my-zox", "unknown", (HOME,))


@pytest.mark.parametrize("name", available_sites())
def test_every_shipped_site_file_is_clean(name):
    text = (SITES / f"{name}.toml").read_text(encoding="utf-8")
    data, problems = parse_site_file(text)
    assert problems == []
    assert load_site(name).name == data["name"] == name


def test_problems_of_several_files_stop_a_crawl_before_it_starts(tmp_path):
    bad = write(tmp_path, GOOD.replace('"zox"', '"zoxx"'), "bad.toml")
    worse = write(tmp_path, GOOD + "[politeness]\ndownload_delay = '2s'\n", "worse.toml")
    db = tmp_path / "news.db"
    done = run("crawl", str(bad), "zox-demo", str(worse), "no-such-site", "--db", str(db))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        f"{bad}:3",
        f"{worse}:7",
        "no site configuration 'no-such-site' (known",
    ]
    assert "unknown profile 'zoxx'" in lines[0] and "politeness.download_delay" in lines[1]
    assert done.stdout == "" and not db.exists()


def test_extract_and_fixtures_record_check_the_site_first(tmp_path):
    bad = write(tmp_path, GOOD.replace("Europe/Istanbul", "Europe/Istambul"))
    expected = (
        f"{bad}:4: timezone: unknown time zone 'Europe/Istambul' (did you mean Europe/Istanbul?)"
    )
    page = BUNDLED_SITE / "pages" / "home.html"
    done = run("extract", str(page), "--site", str(bad), "--reference", "2025-12-15T09:00:00Z")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"scraper extract: error: {expected}\n"
    # The site is checked before the page is fetched: nothing is fetched, nothing written.
    root = tmp_path / "fixtures"
    done = run("fixtures", "record", "http://127.0.0.1:9/", "--site", str(bad), "--root", str(root))
    assert done.returncode == 2
    assert done.stderr == f"scraper fixtures record: error: {expected}\n"
    assert not root.exists()


def test_scrapy_crawl_with_a_bad_site_file_fails_with_its_problems(tmp_path):
    bad = write(tmp_path, GOOD + f'feedz = ["{HOME}feed/"]\n' + "[politeness]\nconcurrency = 0\n")
    db = tmp_path / "news.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            f"site={bad}",
            "-s",
            f"SCRAPER_DB_PATH={db}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT,
    )
    assert done.returncode != 0
    assert f"{bad}:6: feedz: unknown key (did you mean feeds?)\n" in done.stderr
    assert f"{bad}:8: politeness.concurrency: must be a whole number" in done.stderr
    assert "Spider opened" not in done.stderr and not db.exists()


def replayed_site(folder: Path, base_url: str, start_url: str = HOME) -> Path:
    """The bundled site's file, replayed at `base_url`, starting from `start_url`."""
    text = (SITES / "zox-demo.toml").read_text(encoding="utf-8")
    text = text.replace('replay = "http://127.0.0.1:8765"', f'replay = "{base_url}"')
    return write(folder, text.replace(f'start_urls = ["{HOME}"]', f'start_urls = ["{start_url}"]'))


def test_check_site_reads_the_home_page_from_the_replay(tmp_path, replay_server):
    path = replayed_site(tmp_path, replay_server)
    done = run("check-site", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    home = (BUNDLED_SITE / "pages" / "home.html").read_bytes()
    truth = load_truth()
    rendered = utc(next(page for page in truth["pages"] if page["kind"] == "home")["date"])
    page = extract_page(home, HOME, rendered, site="zox-demo", timezone="Europe/Istanbul")
    assert lines[0] == f"{path}: valid: site zox-demo, profile zox, timezone Europe/Istanbul"
    assert lines[1] == (f"fetched {HOME} (from {replay_server}/): HTTP 200, {len(home):,} bytes")
    assert lines[2].startswith("page type: listing (not an article page: no article#mvp")
    assert lines[3].startswith("profile: zox in the site file; the markup matches zox (")
    assert lines[4:11] == [
        "read with: no article on this page",
        "headline: none",
        "published: none",
        f"list items: {len(page.list_items)}",
        f"links: {len(page.article_links)} to articles, {len(page.listing_links)} to listings",
        "",
        "first article linked:",  # a listing: the first article it links to is read too
    ]
    assert lines[11].startswith(f"fetched {page.article_links[0]} (from {replay_server}/")
    assert len(page.list_items) > 40


def test_check_site_reads_an_article_and_its_date(tmp_path, replay_server):
    truth = load_truth()
    article = truth["articles"][0]
    path = replayed_site(tmp_path, replay_server, article["url"])
    done = run("check-site", str(path))
    assert done.returncode == 0, done.stderr
    rendered = utc(next(page for page in truth["pages"] if page["file"] == article["file"])["date"])
    html = (BUNDLED_SITE / article["file"]).read_bytes()
    record = extract_page(html, article["url"], rendered, timezone="Europe/Istanbul").article
    # A date printed without a time: a day in the site's zone, holding the true time.
    assert record.precision == "day"
    assert record.published_earliest <= article["published_utc"] <= record.published_latest
    lines = done.stdout.splitlines()
    assert lines[2] == "page type: article"
    assert lines[4:7] == [
        "read with: zox@1",
        f"headline: {article['headline']}",
        f"published: {record.published_at} ({record.precision})",
    ]


def test_check_site_reads_a_site_without_replay_from_base_url(tmp_path, replay_server):
    # A site file for the real site (no `replay`), checked against a local replay of it, as
    # `scraper crawl FILE --base-url` crawls it.
    text = (SITES / "zox-demo.toml").read_text(encoding="utf-8")
    path = write(tmp_path, text.replace('replay = "http://127.0.0.1:8765"\n', ""))
    assert "replay =" not in path.read_text(encoding="utf-8")
    done = run("check-site", str(path), "--base-url", replay_server)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith(
        f"fetched {HOME} (from {replay_server}/): HTTP 200"
    )


def test_check_site_fails_with_one_line_when_the_page_cannot_be_fetched(tmp_path, replay_server):
    dead = load_truth()["dead_link"]
    path = replayed_site(tmp_path, replay_server, dead["url"])
    done = run("check-site", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"scraper check-site: {replay_server}{dead['path']} answered HTTP 404 Not Found\n"
    )
    with socket.socket() as probe:  # a port nobody listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    path = replayed_site(tmp_path, closed)
    done = run("check-site", str(path), "--timeout", "3")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"scraper check-site: cannot fetch {closed}/: ")
    assert "Connection refused" in line


def test_a_file_with_problems_is_not_fetched(tmp_path, capsys):
    path = write(tmp_path, GOOD + 'replay = "http://127.0.0.1:9"\nfeedz = []\n')
    assert main(["check-site", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err
        == f"scraper check-site: error: {path}:7: feedz: unknown key (did you mean feeds?)\n"
    )


def test_site_file_error_lists_lines_in_order(tmp_path):
    path = write(tmp_path, GOOD + "[politeness]\nconcurrency = -1\n[selectors]\nbody = 3\n")
    with pytest.raises(SiteFileError) as raised:
        load_site(str(path))
    assert raised.value.lines == [
        f"{path}:7: politeness.concurrency: must be a whole number, 1 or more (got the number -1)",
        f"{path}:9: selectors.body: must be a string",
    ]


def test_check_site_reads_the_first_article_a_home_page_links_to(replay_server, tmp_path):
    # A home page is a listing: it never exercises the article selectors. A site file
    # whose body selector matches nothing must show it before its first crawl does (exit 3).
    text = (SITES / "zox-demo.toml").read_text()
    broken = write(
        tmp_path,
        text.replace('name = "zox-demo"', 'name = "my-site"')
        + '\n[selectors]\nbody = "div.no-such-body"\n',
    )
    done = run("check-site", str(broken), "--base-url", replay_server)
    assert done.returncode == 0, done.stderr
    home, _, article = done.stdout.partition("\nfirst article linked:\n")
    assert "page type: listing" in home
    assert "read with: zox@1+my-site" in article
    assert "body: none (no div.no-such-body)" in article
    assert "headline: none" not in article  # the headline still read: only the body is lost
    fine = run("check-site", "zox-demo", "--base-url", replay_server)
    assert fine.returncode == 0, fine.stderr
    assert re.search(r"first article linked:\n.*\nread with: zox@1\n", fine.stdout), fine.stdout
    assert re.search(r"\nbody: [\d,]+ characters\n", fine.stdout)
