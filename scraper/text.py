"""Text clean-up shared by extraction and storage.

`clean_text` is what we store: the text a reader sees, in NFC, with invisible direction
marks and odd spaces removed and runs of white space folded. It never changes letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Direction marks and zero-width characters that pages sprinkle into Arabic text. ZWNJ
# (U+200C) is kept: it is meaningful in Persian and Urdu words.
# (Regular expressions rather than str.translate: translate with a dict is slow on
# non-ASCII text, and these run on every paragraph.)
_INVISIBLE_CHARS = "\u200b\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def clean_text(value: str | None) -> str:
    if not value:
        return ""
    return _clean_short(value) if len(value) <= 300 else _clean(value)


def _clean(value: str) -> str:
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    return _SPACES.sub(" ", value).strip()


# A site's pages repeat most of their short texts (menus, widget titles, category labels,
# list items seen on every page): cached, at most 16,384 strings of 300 characters.
_clean_short = lru_cache(maxsize=16384)(_clean)


def clear_caches() -> None:
    _clean_short.cache_clear()


def arabic_share(text: str) -> float:
    """Share of Arabic letters among Arabic and Latin letters (0.0 when there are none)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    total = arabic + latin
    return arabic / total if total else 0.0


# --- Search normalization -------------------------------------------------------------
# FTS5's tokenizers know nothing of Arabic orthography, so we index (and query) a shadow
# text in which spelling variants collapse: vowel marks and tatweel gone, hamza-carrying
# alefs unified, ى/ي and ة/ه merged, digits in ASCII, and the article ال and the
# one-letter proclitics (و ف ب ك ل) peeled off each word.

# Removed: invisible marks, tashkeel, tatweel.
_DROPPED = re.compile(f"[{_INVISIBLE_CHARS}\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}
# (str.replace per letter, the digits only in texts that have Arabic-Indic digits: several
# times faster than a regular expression with a replacement function, or str.translate.)
_LETTERS = [(old, new) for old, new in _LETTER_MAP.items() if not new.isdigit()]
_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_DIGIT_MAP = [(old, new) for old, new in _LETTER_MAP.items() if new.isdigit()]
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# Longest first: "وبال" before "وال" before "ال"; each leaves a stem of 2+ letters.
_PREFIXES = ("وبال", "وكال", "وفال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")
_PROCLITICS = "وفبكل"
# Bump when normalize_for_search gives a different result for any text: the search index
# (scraper.store) keeps no copy of its text, so it is rebuilt when this (or the Unicode
# database the normalization relies on) changes.
SEARCH_NORMALIZATION = f"1/unicode-{unicodedata.unidata_version}"


@lru_cache(maxsize=1 << 16)
def search_stem(word: str) -> str:
    # Cached: news vocabulary is Zipf-like, so most words repeat.
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    if word[0] in _PROCLITICS and len(word) >= 4:
        return word[1:]
    return word


def _normalize_token(token: str) -> str:
    """normalize_for_search of one white-space-free piece of NFKC text ("" if no word)."""
    token = _DROPPED.sub("", token)
    for old, new in _LETTERS:
        if old in token:
            token = token.replace(old, new)
    if _DIGITS.search(token):
        for old, new in _DIGIT_MAP:
            if old in token:
                token = token.replace(old, new)
    return " ".join(map(search_stem, _WORD.findall(token.lower())))


class _TokenCache(dict[str, str]):
    """Normalized form of each white-space-delimited token, computed once (bounded)."""

    limit = 1 << 16  # some 10 MB at most

    def __missing__(self, token: str) -> str:
        normalized = _normalize_token(token)
        if len(self) >= self.limit:
            self.clear()
        self[token] = normalized
        return normalized


_TOKENS = _TokenCache()


def normalize_for_search(text: str | None) -> str:
    """The text FTS indexes and every query goes through."""
    if not text:
        return ""
    # Every step works within white-space-delimited tokens (white space is never a word
    # character, never dropped, and lower() never looks across it), so the text is split
    # once and each distinct token normalized once: news vocabulary repeats (Zipf).
    return " ".join(
        filter(None, map(_TOKENS.__getitem__, unicodedata.normalize("NFKC", text).split()))
    )
