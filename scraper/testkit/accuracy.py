"""Extraction accuracy over the fixtures, per field, against floors kept in the repo.

Two kinds of reference:
- the bundled Zox site's ground truth (`scraper/testkit/site/truth.json`, the values its
  pages were generated from), read by the Zox profile and, with the theme's class names
  renamed so that no profile recognizes the pages, by the generic path;
- every recorded fixture's reviewed record (`*.expected.json`), per field;
- the list items the generic path finds by their shape, on the bundled site's pages and
  the other themes' fixture pages with their theme renamed, against the truth's and the
  reviewed records' items (URL and raw time): precision and recall;
- real pages no one here wrote (`tests/fixtures/real/`, scored by
  `scraper.testkit.accuracy_real`, which also compares reference extractors on them).

Fields score by exact match; the body also by token F1. `python -m scraper.testkit.accuracy`
prints the table and exits 1 when a score is below its floor.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from typing import Any

from scraper.testkit.fixtures import FIXTURES_ROOT, extract_fixture, fixtures
from scraper.testkit.server import BUNDLED_SITE
from scraper.text import clean_text

FLOORS = FIXTURES_ROOT.parent / "accuracy_floors.json"
FIELDS = ("headline", "source", "category", "published_at", "author", "tags")


_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CHAR}]|[^\W{_CJK_CHAR}]+")


def tokens(text: str | None) -> Counter[str]:
    """Words, case-folded; Chinese and Japanese, written without spaces, count per character."""
    return Counter(_TOKEN.findall(clean_text(text).casefold()))


def token_f1(got: str | None, want: str | None) -> float:
    a, b = tokens(got), tokens(want)
    common = sum((a & b).values())
    if not common:
        return 1.0 if not a and not b else 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _truth_scores(generic: bool) -> dict[str, list[float]]:
    from datetime import datetime

    from scraper.extract import extract_page

    site = BUNDLED_SITE
    truth = json.loads((site / "truth.json").read_text(encoding="utf-8"))
    dates = {p["file"]: p["date"] for p in truth["pages"]}
    scores: dict[str, list[float]] = defaultdict(list)
    for expected in truth["articles"]:
        html = (site / expected["file"]).read_text(encoding="utf-8")
        if generic:
            html = html.replace("mvp-", "nx-").replace("zox-news", "nx-theme")
        reference = datetime.fromisoformat(dates[expected["file"]].replace("Z", "+00:00"))
        page = extract_page(
            html,
            expected["url"],
            reference,
            profile="auto" if generic else "zox",
            timezone=truth["site"]["timezone"],
        )
        got: dict[str, Any] = page.article.as_dict() if page.article else {}
        window_ok = bool(
            got.get("published_earliest")
            and got["published_earliest"] <= expected["published_utc"] <= got["published_latest"]
        )
        checks = {
            "headline": got.get("headline") == expected["headline"],
            "source": got.get("source", []) == expected["sources"],
            "category": (got.get("category") or {}).get("name") == expected["category"]["name"],
            "published_at": window_ok,
            "author": got.get("author") == expected["author"],
            "tags": got.get("tags") == expected["tags"] or generic,  # generic: meta tags only
        }
        for name, ok in checks.items():
            scores[name].append(1.0 if ok else 0.0)
        scores["body_f1"].append(token_f1(got.get("body"), "\n\n".join(expected["paragraphs"])))
    return scores


def _fixture_scores() -> dict[str, list[float]]:
    scores: dict[str, list[float]] = defaultdict(list)
    for html, site in fixtures():
        expected = json.loads(html.with_suffix(".expected.json").read_text(encoding="utf-8"))
        if not expected.get("article"):
            continue
        got = extract_fixture(html, site)["article"] or {}
        for name in FIELDS:
            scores[name].append(1.0 if got.get(name) == expected["article"].get(name) else 0.0)
        scores["body_f1"].append(token_f1(got.get("body"), expected["article"].get("body")))
    return scores


# Each theme's names renamed as a redesign would rename them, so that no profile
# recognizes the page and the generic path reads it (the bundled site is Zox).
UNPROFILED_RENAMES = {
    "zox": (("mvp-", "nx-"), ("zox-news", "nx-theme")),
    "jannah": (
        ("tie-", "nx-"),
        ("jannah", "nx-theme"),
        ("the-post", "nx-post"),
        ("post-cat", "nx-cat"),
    ),
    "jarida": (
        ("tie-", "nx-"),
        ("sahifa", "nx-theme"),
        ("jarida", "nx-theme"),
        ("crumbs", "nx-crumbs"),
        ("post-inner", "nx-inner"),
    ),
    "jnews": (("jeg_", "nx_"), ("jnews", "nx-theme")),
    "newspaper": (("td-", "nx-"), ("td_", "nx_"), ("Newspaper", "nx-theme")),
}


def unprofiled(html: str, theme: str) -> str:
    """The page as a theme no profile knows would print it."""
    for old, new in UNPROFILED_RENAMES[theme]:
        html = html.replace(old, new)
    return html


def _generic_list_item_pages() -> dict[str, list[tuple[set, list]]]:
    """Suite -> per page, the true (URL, raw time) pairs and the generic path's items, on
    the bundled site's pages and every theme's fixture pages with the theme renamed."""
    from datetime import datetime

    from scraper.extract import extract_page, normalize_url
    from scraper.time import http_date

    truth = json.loads((BUNDLED_SITE / "truth.json").read_text(encoding="utf-8"))
    site_url = truth["pages"][0]["list_items"][0]["url"].split("/", 3)[:3]
    pages: dict[str, list[tuple[set, list]]] = {"bundled": [], "themes": []}
    for page in truth["pages"]:
        html = unprofiled((BUNDLED_SITE / page["file"]).read_text(encoding="utf-8"), "zox")
        reference = datetime.fromisoformat(page["date"].replace("Z", "+00:00"))
        got = extract_page(
            html,
            "/".join(site_url) + page["path"],
            reference,
            profile="auto",
            timezone=truth["site"]["timezone"],
        )
        want = {(normalize_url(i["url"]), i["time_raw"]) for i in page["list_items"]}
        pages["bundled"].append((want, got.list_items))
    for html_path, site in fixtures():
        theme = site.removesuffix("-demo")
        if theme not in UNPROFILED_RENAMES:
            continue
        expected = json.loads(html_path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        response = json.loads(html_path.with_suffix(".response.json").read_text(encoding="utf-8"))
        reference = http_date(response["headers"]["Date"])
        got = extract_page(
            unprofiled(html_path.read_text(encoding="utf-8"), theme),
            response["url"],
            reference,
            profile="auto",
        )
        want = {(i["url"], i["time_raw"]) for i in expected["list_items"]}
        pages["themes"].append((want, got.list_items))
    return pages


def measure() -> dict[str, dict[str, float]]:
    """Suite -> field -> mean score."""
    from scraper.testkit.accuracy_real import committed_scores

    suites = {
        "zox-truth": _truth_scores(generic=False),
        "generic-truth": _truth_scores(generic=True),
        "recorded-fixtures": _fixture_scores(),
    }
    measured = {
        suite: {name: round(sum(v) / len(v), 4) for name, v in sorted(scores.items())}
        for suite, scores in suites.items()
    }
    measured["generic-list-items"] = _list_item_scores()
    measured["real"] = committed_scores()
    return measured


def _list_item_scores() -> dict[str, float]:
    """Precision (found items whose URL and raw time are a true item's) and recall of the
    generic path's list items, on the bundled site and on the other themes' fixtures."""
    scores = {}
    for suite, pages in _generic_list_item_pages().items():
        found = sum(len(got) for _, got in pages)
        right = sum(1 for want, got in pages for item in got if (item.url, item.time_raw) in want)
        true = sum(len(want) for want, _ in pages)
        kept = sum(len(want & {(i.url, i.time_raw) for i in got}) for want, got in pages)
        scores[f"precision_{suite}"] = round(right / found, 4) if found else 0.0
        scores[f"recall_{suite}"] = round(kept / true, 4) if true else 0.0
    return scores


def below_floors(measured: dict, floors: dict) -> list[str]:
    return [
        f"{suite}.{name}: {measured[suite].get(name, 0.0):.4f} < floor {floor}"
        for suite, fields in floors.items()
        for name, floor in fields.items()
        if measured.get(suite, {}).get(name, 0.0) < floor
    ]


def main() -> int:
    measured = measure()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    names = sorted({n for fields in measured.values() for n in fields})
    print(f"{'field':<14}" + "".join(f"{suite:>20}" for suite in measured))
    for name in names:
        row = "".join(
            (f"{measured[s][name]:>14.4f}" if name in measured[s] else f"{'-':>14}")
            + f" ({floors.get(s, {}).get(name, '-')})".ljust(6)
            for s in measured
        )
        print(f"{name:<14}{row}")
    print("(floor in brackets)")
    failures = below_floors(measured, floors)
    for failure in failures:
        print("BELOW FLOOR:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
