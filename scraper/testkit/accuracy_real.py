"""Extraction accuracy on real pages that no one here wrote, beside reference extractors.

The pages are Fundus's test pages (flairNLP/fundus, MIT): real articles as their publishers
served them, with hand-checked expected values. A subset is committed under
`tests/fixtures/real/` (its `manifest.jsonl` keeps each page's origin, licence and expected
values); the whole development corpus is read from `../shared/corpus/fundus/` when that
folder is there (`--corpus` names another).

Every tool gets the same gzipped bytes, the page's URL, and the page's crawl date as the
reference time (never the wall clock): ours is `extract_page(..., profile="auto")`;
trafilatura's `bare_extraction(with_metadata=True)`; htmldate's `find_date` (dates only);
newspaper4k's `Article.parse` when it is installed. How each field is scored is in
`docs/accuracy.md`. `python -m scraper.testkit.accuracy_real` prints the tables, the pages
we do not call articles, and the worst pages per field; it exits 1 when a score of ours on
the committed subset is below its floor (`real` in `tests/accuracy_floors.json`).
"""

from __future__ import annotations

import argparse
import gzip
import html as html_entities
import json
import re
import sys
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from scraper.testkit.accuracy import FLOORS, below_floors, token_f1, tokens
from scraper.testkit.fixtures import FIXTURES_ROOT

REAL_FIXTURES = FIXTURES_ROOT / "real"
DEFAULT_CORPUS = Path("..") / "shared" / "corpus" / "fundus"

# Rows of the tables, in order; a tool that does not give a field shows "-".
FIELDS = (
    "page_type",
    "headline",
    "published_day",
    "published_time",
    "authors_exact",
    "authors_recall",
    "body_f1_mean",
    "body_f1_p10",
    "tags_f1",
)
SCRIPTS = ("Latin", "Arabic/Hebrew/Persian", "CJK", "Cyrillic", "Indic", "Greek", "other")


@dataclass
class RealPage:
    file: str  # relative to the folder it was read from, e.g. "de/Spiegel_2024_01_02.html.gz"
    path: Path
    expected: dict[str, Any]  # the manifest row
    committed: bool
    script: str

    @property
    def reference(self) -> datetime:
        """The crawl date, which Fundus records in UTC without an offset."""
        return datetime.fromisoformat(self.expected["crawl_date"]).replace(tzinfo=UTC)

    def html(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())


@dataclass
class Guess:
    """What one tool read from one page; None where the tool gives no such field."""

    is_article: bool | None = None
    reason: str | None = None  # why it is not an article, when the tool says
    headline: str | None = None
    published: datetime | None = None
    published_day: date | None = None
    has_time: bool = False
    authors: list[str] = field(default_factory=list)
    body: str | None = None
    tags: list[str] | None = None


# --- loading ---------------------------------------------------------------------------


def script_of(text: str) -> str:
    """The writing system of most letters in `text` that are not Latin, when they are at
    least a quarter of its letters; else "Latin"."""
    families = Counter()
    for char in text:
        if char.isalpha():
            families[_family(unicodedata.name(char, "").split(" ")[0])] += 1
    total = sum(families.values())
    for family, count in families.most_common():
        if family != "Latin" and count >= total / 4:
            return family
    return "Latin"


def _family(block: str) -> str:
    if block == "LATIN":
        return "Latin"
    if block in {"ARABIC", "HEBREW"}:
        return "Arabic/Hebrew/Persian"
    if block in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH"}:
        return "CJK"
    if block == "CYRILLIC":
        return "Cyrillic"
    if block in {"DEVANAGARI", "BENGALI", "TAMIL", "TELUGU", "GUJARATI", "GURMUKHI"}:
        return "Indic"
    if block == "GREEK":
        return "Greek"
    return "other"


def _read_manifest(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_pages(corpus: Path | None = DEFAULT_CORPUS) -> tuple[list[RealPage], str]:
    """The committed pages, plus the rest of the corpus when `corpus` is a folder holding
    its manifest; and a line that says which it was."""
    committed = _read_manifest(REAL_FIXTURES / "manifest.jsonl")
    pages = [_page(row, REAL_FIXTURES, committed=True) for row in committed]
    if corpus is None or not (corpus / "manifest.jsonl").is_file():
        return pages, (
            f"corpus not found at {corpus}: scoring the {len(pages)} committed pages only"
        )
    known = {row["file"] for row in committed}
    rest = [row for row in _read_manifest(corpus / "manifest.jsonl") if row["file"] not in known]
    pages += [_page(row, corpus, committed=False) for row in rest]
    return pages, f"{len(pages)} pages: {len(committed)} committed + {len(rest)} from {corpus}"


def committed_page(prefix: str) -> RealPage:
    """The first committed page whose file starts with `prefix` ("lt/LRT_"): for tests."""
    rows = _read_manifest(REAL_FIXTURES / "manifest.jsonl")
    return _page(
        next(row for row in rows if row["file"].startswith(prefix)), REAL_FIXTURES, committed=True
    )


def _page(row: dict[str, Any], root: Path, *, committed: bool) -> RealPage:
    text = " ".join([row.get("title") or "", *(row.get("paragraphs") or [])[:5]])
    return RealPage(row["file"], root / row["file"], row, committed, script_of(text))


# --- the tools -------------------------------------------------------------------------


def ours(page: RealPage, html: bytes) -> Guess:
    from scraper.extract import extract_page

    extraction = extract_page(html, page.expected["url"], page.reference, profile="auto")
    article = extraction.article
    if extraction.page_type != "article" or article is None:
        return Guess(is_article=False, reason=extraction.reason or extraction.page_type)
    published = _parse_time(article.published_at)
    return Guess(
        is_article=True,
        headline=article.headline,
        published=published,
        published_day=published.date() if published else None,
        has_time=article.precision in {"exact", "minute"},
        authors=[article.author] if article.author else [],
        body=article.body,
        tags=list(article.tags),
    )


def _date_params(page: RealPage) -> dict[str, Any]:
    # The newest date a page may carry is its crawl date, not today.
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": page.reference.strftime("%Y-%m-%d"),
    }


def trafilatura_tool(page: RealPage, html: bytes) -> Guess:
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=page.expected["url"],
        with_metadata=True,
        date_extraction_params=_date_params(page),
    )
    if document is None:
        return Guess(body="", tags=[])
    day = _parse_day(document.date)
    return Guess(
        headline=document.title,
        published_day=day,
        authors=[document.author] if document.author else [],
        body=document.text or "",
        tags=list(document.tags or []),
    )


def htmldate_tool(page: RealPage, html: bytes) -> Guess:
    from htmldate import find_date

    found = find_date(html, url=page.expected["url"], **_date_params(page))
    return Guess(published_day=_parse_day(found))


def newspaper_tool(page: RealPage, html: bytes) -> Guess:
    from newspaper import Article

    from scraper.extract import decode_html

    article = Article(page.expected["url"], fetch_images=False)
    # It reads text, not bytes: it gets ours decoded, as a crawler would hand it over.
    article.download(input_html=decode_html(html)[0])
    article.parse()
    published = article.publish_date
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)  # as ours reads a time without an offset
    return Guess(
        headline=article.title or None,
        published=published,
        published_day=published.date() if published else None,
        has_time=published is not None and published.timetz().replace(tzinfo=None) != time(),
        authors=list(article.authors),
        body=article.text or "",
        # Its `tags` are the page's tag links; most pages give theirs as meta keywords.
        tags=sorted(article.tags or []) or [k for k in article.meta_keywords if k.strip()],
    )


def available_tools() -> tuple[dict[str, Callable[[RealPage, bytes], Guess]], list[str]]:
    tools: dict[str, Callable[[RealPage, bytes], Guess]] = {
        "ours": ours,
        "trafilatura": trafilatura_tool,
        "htmldate": htmldate_tool,
    }
    notes = []
    try:
        with warnings.catch_warnings():  # it warns that its optional NLP part is missing
            warnings.simplefilter("ignore")
            import newspaper  # noqa: F401
    except ImportError:
        notes.append("newspaper4k is not installed: its column is left out")
    else:
        tools["newspaper4k"] = newspaper_tool
    return tools, notes


# --- scoring ---------------------------------------------------------------------------


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def clean_text(value: str | None) -> str:
    """Entities decoded, Unicode compatibility forms folded (NFKC: no-break and other odd
    spaces become spaces), invisible format characters (soft hyphen, zero-width space and
    joiners, direction marks) dropped, runs of whitespace made one space, ends trimmed."""
    text = unicodedata.normalize("NFKC", html_entities.unescape(value or ""))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return " ".join(text.split())


# Typographic quotes and apostrophes and their ASCII spellings: the same headline, typed
# two ways (a page's h1 says "Swift’s" where its og:title says "Swift's").
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def same_headline(got: str | None, want: str | None) -> bool:
    return clean_text(got).translate(_QUOTES) == clean_text(want).translate(_QUOTES)


_BYLINE_WORD = re.compile(r"^(?:by|von|por|par|door|av|af|di)\s+", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(
    r"\s*(?:[,;|/&·、،]|\s(?:and|und|y|et|e|og|och|en|i|ve|и)\s)\s*", re.IGNORECASE
)


def author_names(values: Iterable[str]) -> set[str]:
    """Each value split at the separators a byline uses ("A, B and C", "A; B"), each name
    without a leading "By"/"Von"/..., case-folded."""
    names = set()
    for value in values:
        for part in _NAME_SEPARATORS.split(f" {clean_text(value)} "):
            name = _BYLINE_WORD.sub("", part.strip(" .:-–—")).casefold()
            if name:
                names.add(name)
    return names


def set_f1(got: set[str], want: set[str]) -> float:
    common = len(got & want)
    if not common:
        return 1.0 if not got and not want else 0.0
    return 2 * common / (len(got) + len(want))


def expected_body(expected: dict[str, Any]) -> str:
    """The lead and the body: the lead is article text every tool sees on the page."""
    return "\n\n".join([*(expected.get("summary") or []), *(expected.get("paragraphs") or [])])


def score_page(page: RealPage, guess: Guess, tool: str) -> dict[str, float | None]:
    """Field -> score in [0, 1] for this page, None where the field does not apply (the
    expectation has no such value, or the tool gives no such field)."""
    expected = page.expected
    gives_text = tool != "htmldate"
    gives_time = tool in {"ours", "newspaper4k"}
    scores: dict[str, float | None] = dict.fromkeys(FIELDS)
    if tool == "ours":
        scores["page_type"] = float(bool(guess.is_article))
    if gives_text:
        scores["headline"] = float(same_headline(guess.headline, expected["title"]))
    raw = expected.get("publishing_date")
    want = _parse_time(raw)
    if want is not None:
        # Fundus keeps the page's own offset; a tool may give the day in it or in UTC.
        days = {want.date(), want.astimezone(UTC).date()}
        scores["published_day"] = float(guess.published_day in days)
        # A time counts when the expectation has one (not midnight) and says its offset:
        # without one it is the publisher's local time, which no UTC time can be held to.
        has_offset = datetime.fromisoformat(raw).tzinfo is not None
        if gives_time and has_offset and want.timetz().replace(tzinfo=None) != time():
            got = guess.published if guess.has_time else None
            scores["published_time"] = float(
                got is not None
                and got.astimezone(UTC).replace(second=0, microsecond=0)
                == want.astimezone(UTC).replace(second=0, microsecond=0)
            )
    if gives_text and expected.get("authors"):
        want_names, got_names = author_names(expected["authors"]), author_names(guess.authors)
        scores["authors_exact"] = float(want_names == got_names)
        scores["authors_recall"] = len(want_names & got_names) / len(want_names)
    if gives_text:
        scores["body_f1_mean"] = token_f1(guess.body, expected_body(expected))
    if gives_text and expected.get("topics"):
        want_tags = {clean_text(t).casefold() for t in expected["topics"]}
        got_tags = {clean_text(t).casefold() for t in guess.tags or []}
        scores["tags_f1"] = set_f1(got_tags, want_tags)
    return scores


def summarize(per_page: list[dict[str, float | None]]) -> dict[str, tuple[float, int] | None]:
    """Field -> (score, pages scored): the mean, and for `body_f1_p10` the 10th percentile."""
    table: dict[str, tuple[float, int] | None] = {}
    for name in FIELDS:
        source = "body_f1_mean" if name == "body_f1_p10" else name
        values = [s[source] for s in per_page if s.get(source) is not None]
        if not values:
            table[name] = None
        elif name == "body_f1_p10":
            table[name] = (sorted(values)[int(0.1 * (len(values) - 1))], len(values))
        else:
            table[name] = (sum(values) / len(values), len(values))
    return table


@dataclass
class Run:
    pages: list[RealPage]
    guesses: dict[str, list[Guess]]  # tool -> per page, in page order
    scores: dict[str, list[dict[str, float | None]]]
    errors: list[str]


def run(pages: list[RealPage], tools: dict[str, Callable[[RealPage, bytes], Guess]]) -> Run:
    guesses: dict[str, list[Guess]] = defaultdict(list)
    scores: dict[str, list[dict[str, float | None]]] = defaultdict(list)
    errors = []
    for page in pages:
        html = page.html()
        for name, tool in tools.items():
            try:
                guess = tool(page, html)
            except Exception as error:  # a reference tool that crashes scores nothing
                if name == "ours":
                    raise
                errors.append(f"{name} on {page.file}: {type(error).__name__}: {error}")
                guess = Guess(body="", tags=[])
            guesses[name].append(guess)
            scores[name].append(score_page(page, guess, name))
    return Run(pages, dict(guesses), dict(scores), errors)


def committed_scores() -> dict[str, float]:
    """Our scores on the committed pages, the figures the floors hold (a few seconds)."""
    pages, _ = load_pages(corpus=None)
    result = run(pages, {"ours": ours})
    return {
        name: round(value[0], 4)
        for name, value in summarize(result.scores["ours"]).items()
        if value is not None
    }


# --- report ----------------------------------------------------------------------------


def _subsets(result: Run) -> list[tuple[str, list[int]]]:
    everything = list(range(len(result.pages)))
    subsets = [("committed pages", [i for i in everything if result.pages[i].committed])]
    if any(not page.committed for page in result.pages):
        subsets.append(("whole corpus", everything))
    for script in SCRIPTS:
        chosen = [i for i in everything if result.pages[i].script == script]
        subsets.append((f"script {script}", chosen))
    return subsets


def format_table(result: Run, title: str, chosen: list[int]) -> list[str]:
    tools = list(result.scores)
    lines = [f"{title} ({len(chosen)} pages)"]
    if not chosen:
        return [*lines, "  (no pages)"]
    lines.append(f"  {'field':<16}" + "".join(f"{tool:>16}" for tool in tools))
    tables = {tool: summarize([result.scores[tool][i] for i in chosen]) for tool in tools}
    for name in FIELDS:
        cells = []
        for tool in tools:
            value = tables[tool][name]
            cells.append(f"{'-':>16}" if value is None else f"{value[0]:>10.3f} ({value[1]:>3})")
        lines.append(f"  {name:<16}" + "".join(cells))
    return lines


def not_articles(result: Run) -> list[str]:
    return [
        f"  {page.file}: {guess.reason}"
        for page, guess in zip(result.pages, result.guesses["ours"], strict=True)
        if not guess.is_article
    ]


def worst_pages(result: Run, limit: int = 6) -> list[str]:
    """Ours: the lowest-scoring pages per field, with what we read and what was expected."""
    lines = []
    shown = {
        "headline": lambda p, g: f"got {g.headline!r}, want {p.expected['title']!r}",
        "published_day": lambda p, g: f"got {g.published}, want {p.expected['publishing_date']}",
        "published_time": lambda p, g: (
            f"got {g.published} (time given: {g.has_time}), want {p.expected['publishing_date']}"
        ),
        "authors_exact": lambda p, g: f"got {g.authors}, want {p.expected['authors']}",
        "body_f1_mean": lambda p, g: f"{len(tokens(g.body))} distinct tokens read",
        "tags_f1": lambda p, g: (
            f"got {g.tags[:6] if g.tags else []}, want {p.expected['topics'][:6]}"
        ),
    }
    for name, describe in shown.items():
        scored = [
            (scores[name], i)
            for i, scores in enumerate(result.scores["ours"])
            if scores[name] is not None
            and scores[name] < 1.0
            and result.guesses["ours"][i].is_article
        ]
        scored.sort()
        lines.append(f"{name}: {len(scored)} pages below 1")
        for value, i in scored[:limit]:
            page, guess = result.pages[i], result.guesses["ours"][i]
            mark = "*" if page.committed else " "
            lines.append(f"  {mark}{page.file} [{value:.2f}] {describe(page, guess)}"[:300])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--ours-only", action="store_true", help="skip the reference tools")
    options = parser.parse_args(argv)
    pages, where = load_pages(options.corpus)
    tools, notes = available_tools()
    if options.ours_only:
        tools = {"ours": ours}
    print(where)
    for note in notes:
        print(note)
    result = run(pages, tools)
    print("score (pages scored); '-': the tool gives no such field")
    for title, chosen in _subsets(result):
        print()
        print("\n".join(format_table(result, title, chosen)))
    print()
    lost = not_articles(result)
    print(f"pages we do not call an article: {len(lost)}")
    print("\n".join(lost))
    print()
    print("worst pages of ours per field (* committed):")
    print("\n".join(worst_pages(result)))
    failed = Counter(error.split(" on ", 1)[0] for error in result.errors)
    for tool, count in sorted(failed.items()):
        print(f"\n{tool} raised on {count} pages, scored as empty (each is on stderr)")
    for error in result.errors:
        print("reference tool failed:", error, file=sys.stderr)
    committed = [s for p, s in zip(pages, result.scores["ours"], strict=True) if p.committed]
    measured = {name: value[0] for name, value in summarize(committed).items() if value}
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    failures = below_floors({"real": measured}, {"real": floors.get("real", {})})
    for failure in failures:
        print("BELOW FLOOR:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
