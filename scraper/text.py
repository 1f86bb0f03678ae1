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
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    return _SPACES.sub(" ", value).strip()


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
_MAPPED = re.compile("[" + "".join(_LETTER_MAP) + "]")
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# Longest first: "وبال" before "وال" before "ال"; each leaves a stem of 2+ letters.
_PREFIXES = ("وبال", "وكال", "وفال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")
_PROCLITICS = "وفبكل"


@lru_cache(maxsize=1 << 16)
def search_stem(word: str) -> str:
    # Cached: news vocabulary is Zipf-like, so most words repeat.
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    if word[0] in _PROCLITICS and len(word) >= 4:
        return word[1:]
    return word


def normalize_for_search(text: str | None) -> str:
    """The shadow text FTS indexes and every query goes through."""
    if not text:
        return ""
    text = _DROPPED.sub("", unicodedata.normalize("NFKC", text))
    text = _MAPPED.sub(lambda m: _LETTER_MAP[m.group()], text).lower()
    return " ".join(search_stem(word) for word in _WORD.findall(text))
