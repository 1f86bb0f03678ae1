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
# Runs of letters: one string a word, not one a letter (half the time of counting letters).
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z]+")


# Characters a text decoded as UTF-8 must hold per broken sequence (U+FFFD) to be UTF-8 that
# was damaged, not another charset. Text in a legacy charset read as UTF-8 is nearly all
# broken sequences: its non-ASCII letters (0xC0-0xFF in windows-1256, koi8-r, latin-1) are
# lead bytes without continuation bytes. UTF-8 has at most a few: a truncated character, a
# stray byte, or what cleaning (NFC, spaces, invisible marks) broke in a misread text.
UTF8_CHARACTERS_PER_ERROR = 10


def mostly_utf8(decoded: str, min_characters: int) -> bool:
    """Whether `decoded` (bytes decoded as UTF-8, broken sequences as U+FFFD) is UTF-8 with
    at most one broken sequence per `UTF8_CHARACTERS_PER_ERROR` non-ASCII characters, and
    at least `min_characters` of them (fewer prove nothing)."""
    broken = decoded.count("\ufffd")
    multibyte = len(decoded) - len(decoded.encode("ascii", "ignore")) - broken
    return multibyte >= min_characters and multibyte >= UTF8_CHARACTERS_PER_ERROR * broken


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
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    total = arabic + latin
    return arabic / total if total else 0.0


# --- Search normalization -------------------------------------------------------------
# FTS5's tokenizers know nothing of Arabic orthography, so we index (and query) a shadow
# text in which spelling variants collapse: vowel marks and tatweel gone, hamza-carrying
# alefs unified, ى/ي and ة/ه merged, digits in ASCII, and the article ال with the
# proclitics written before it (وال، بال، لل ...) peeled off each word.
#
# A one-letter proclitic without the article (و ف ب ك ل before a bare word) stays in the
# index: spelling cannot tell it from a root letter (فريق, ليرة, وزير, بطاقة), and
# stripping it cut those words so that "فريق" and "الفريق" no longer met. The query side
# covers it instead: a query word also matches its forms with proclitics
# (`search_variants`), so "نسبة" still finds "بنسبة". Figures: docs/search.md.

# Removed: invisible marks, tashkeel, tatweel.
_DROPPED = re.compile(f"[{_INVISIBLE_CHARS}\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    # The hamza on a waw or a yeh is one hamza spelled two ways ("مسئول" and "مسؤول",
    # "شئون" and "شؤون"): both carriers fold to the bare hamza, in search only (source
    # keys keep the version-1 letters, `name_key`).
    "ؤ": "ء",
    "ئ": "ء",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}
# (str.replace per letter, the digits only in texts that have Arabic-Indic digits: several
# times faster than a regular expression with a replacement function, or str.translate.)
_LETTERS = [(old, new) for old, new in _LETTER_MAP.items() if not new.isdigit()]
_KEY_LETTERS = [(old, new) for old, new in _LETTERS if old not in "ؤئ"]
_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_DIGIT_MAP = [(old, new) for old, new in _LETTER_MAP.items() if new.isdigit()]
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# The article and what is written before it, longest first ("وبال" before "وال" before
# "ال"); each leaves a stem of 2+ letters. "لل" is ل + ال with the alef dropped.
_ARTICLE_PREFIXES = (
    "وبال",
    "وكال",
    "وفال",
    "فبال",
    "ولل",
    "فلل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ال",
)
# What a query word may carry in the text without the article: a conjunction, a
# preposition, or both.
_PROCLITICS = ("و", "ف", "ب", "ك", "ل", "وب", "ول", "وك", "فب", "فل", "فك")
# Bump when normalize_for_search gives a different result for any text: the search index
# (scraper.store) keeps no copy of its text, so it is rebuilt when this (or the Unicode
# database the normalization relies on) changes.
SEARCH_NORMALIZATION = f"3/unicode-{unicodedata.unidata_version}"


@lru_cache(maxsize=1 << 16)
def search_stem(word: str) -> str:
    """A folded word without the article and what is written before it."""
    # Cached: news vocabulary is Zipf-like, so most words repeat.
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def search_variants(word: str) -> tuple[str, ...]:
    """The index forms a folded query word can take in the text: alone, after the
    article, and after a proclitic (و ف ب ك ل, or two of them), each as the index keeps
    it. "ليره" gives "ليره", "وليره", "بليره" ... and "يره" (لليرة: ل + ليرة).

    A word that starts like the article may not carry it ("التزام", "الغاء"): its forms
    with and without it both count. Stems of one or two letters get no proclitics: "ما"
    would find "كما"; words in other scripts get none."""
    stem = search_stem(word)
    forms = _forms(stem) if stem == word else _forms(stem) + _forms(word)
    return tuple(dict.fromkeys(forms))


def _forms(stem: str) -> list[str]:
    if not _ARABIC_LETTERS.match(stem):
        return [stem]
    forms = [search_stem(stem), search_stem("ال" + stem)]
    if len(stem) >= 3:
        forms += [search_stem(proclitic + stem) for proclitic in _PROCLITICS]
    return forms


def _fold_token(token: str, letters: list[tuple[str, str]] = _LETTERS) -> str:
    """One white-space-free piece of NFKC text with its spelling variants folded."""
    token = _DROPPED.sub("", token)
    for old, new in letters:
        if old in token:
            token = token.replace(old, new)
    if _DIGITS.search(token):
        for old, new in _DIGIT_MAP:
            if old in token:
                token = token.replace(old, new)
    return token.lower()


def _normalize_token(token: str) -> str:
    """normalize_for_search of one white-space-free piece of NFKC text ("" if no word)."""
    return " ".join(map(search_stem, _WORD.findall(_fold_token(token))))


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


def folded_words(text: str | None, letters: list[tuple[str, str]] = _LETTERS) -> list[str]:
    """The words of `text` with spelling variants folded, nothing peeled off: what a
    query's words are before `search_variants`."""
    if not text:
        return []
    return [
        word
        for token in unicodedata.normalize("NFKC", text).split()
        for word in _WORD.findall(_fold_token(token, letters))
    ]


# Source names are matched on a stored key (sources.key), so their rule is frozen: the
# search normalization of version 1, which also peeled a lone proclitic off words of four
# letters or more. Changing it would split the keys existing databases hold.
_KEY_PREFIXES = ("وبال", "وكال", "وفال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")


def name_key(name: str) -> str:
    """The key under which spellings of a name (a source) count as one."""
    return " ".join(map(_key_stem, folded_words(name, _KEY_LETTERS)))


def _key_stem(word: str) -> str:
    for prefix in _KEY_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    if word[0] in "وفبكل" and len(word) >= 4:
        return word[1:]
    return word
