"""Text clean-up shared by extraction and storage.

`clean_text` is what we store: the text a reader sees, in NFC, with invisible direction
marks and odd spaces removed and runs of white space folded. It never changes letters.
"""

from __future__ import annotations

import re
import unicodedata

# Direction marks and zero-width characters that pages sprinkle into Arabic text. ZWNJ
# (U+200C) is kept: it is meaningful in Persian and Urdu words.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff\u00ad",
    )
)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def clean_text(value: str | None) -> str:
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    return _SPACES.sub(" ", value).strip()


def arabic_share(text: str) -> float:
    """Share of Arabic letters among Arabic and Latin letters (0.0 when there are none)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    total = arabic + latin
    return arabic / total if total else 0.0
