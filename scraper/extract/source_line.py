"""The attribution ("source") line that Arabic news sites print at the end of the body.

A source line is a short credit line such as "المصدر: منصة مزيج", "(المصدر: وكالات)",
"المصدر - رويترز" or "المصادر: الأناضول + وكالات". A sentence that merely contains the word
("وقال المصدر إن ...") is not one: the label must open the line and the line must be short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.text import clean_text

MAX_LINE_CHARS = 120
MAX_NAME_WORDS = 6
# How many paragraphs from the end of the body we look at.
TAIL_PARAGRAPHS = 3

_LABEL = re.compile(
    r"""^[\(\[«"“]?\s*
        (?:المصدر|المصادر|مصدر\ الخبر|مصدر|المصدر\ الأصلي|نقلا\ عن|نقلاً\ عن|source|sources)
        \s*(?P<sep>[:：\-–—|]\s*)?
        (?P<names>.+?)\s*[\)\]»"”]?\s*[.\u06d4]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_SPLIT = re.compile(r"\s*(?:[،,+;/|]|\s-\s|\s&\s)\s*")
_TRAILING_NOTE = re.compile(r"\s*[\(\[]?\s*(?:بتصرف|بتصرّف)\s*[\)\]]?$")


@dataclass(frozen=True)
class SourceLine:
    raw: str
    names: tuple[str, ...]


def parse_source_line(text: str) -> SourceLine | None:
    """Return the attribution names if `text` is a source line, else None."""
    line = clean_text(text)
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    match = _LABEL.match(line)
    if not match:
        return None
    names_text = _TRAILING_NOTE.sub("", match.group("names")).strip(" :-–—")
    names = tuple(n.strip(' .\u06d4"“”«»()') for n in _SPLIT.split(names_text))
    names = tuple(n for n in names if n)
    if not names or any(len(n.split()) > MAX_NAME_WORDS for n in names):
        return None
    # Without an explicit separator ("المصدر رويترز") accept only a name-like remainder.
    if not match.group("sep") and len(names_text.split()) > 3:
        return None
    return SourceLine(raw=line, names=names)


def split_source_line(paragraphs: list[str]) -> tuple[list[str], SourceLine | None]:
    """Find the source line among the last paragraphs; return the body without it."""
    start = max(0, len(paragraphs) - TAIL_PARAGRAPHS)
    for index in range(len(paragraphs) - 1, start - 1, -1):
        found = parse_source_line(paragraphs[index])
        if found:
            return paragraphs[:index] + paragraphs[index + 1 :], found
    return paragraphs, None
