"""Is a re-fetched article worse than the version stored? Pure: two contents in, a reason out.

A site that starts declaring the wrong charset, a theme change the profile does not know, a
page cut short: each re-fetch then extracts less (or mojibake) where the store holds the
good text, and storing it as a new version would replace good data with bad. The writer
asks `worse_than_stored(stored, fetched)` before it revises an article; a reason means the
stored version stays (unless the operator allows worse versions, the setting `SCRAPER_ALLOW_WORSE`).

What counts as worse, each a sign of a broken page or extraction rather than an edit:
- mojibake: the headline or body decodes, read back as bytes, as UTF-8 text (UTF-8 that
  was read in windows-1256, koi8-r, gb18030 ...), and the stored version does not;
- a field the stored version has is gone: headline, body, publication time;
- the body is less than a third of the stored one (and the stored one is 300+ characters);
- the letters changed script: most of the stored version's letters were in one script
  (Arabic) and not even half that share is now.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scraper.text import mostly_utf8

# Charsets a server may wrongly declare for a UTF-8 page (the ones mojibake comes from).
MISREAD_AS = (
    "cp1256",
    "cp1252",
    "latin-1",
    "koi8-r",
    "cp1251",
    "cp720",
    "iso-8859-6",
    "gb18030",
    "big5",
    "shift_jis",
    "euc-kr",
)
# A body that shrank below this share of the stored one lost its text.
MIN_BODY_SHARE = 1 / 3
# Non-ASCII characters the UTF-8 behind a misread text needs (a headline's worth).
MIN_MISREAD_CHARACTERS = 10
# Bodies shorter than this may legitimately change a lot (a stub, a live ticker).
MIN_STORED_BODY = 300
# Letters a text needs for its script mix to mean anything.
MIN_LETTERS = 50

_SCRIPTS = {
    "Arabic": re.compile(
        r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
    ),
    "Latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "Greek": re.compile(r"[\u0370-\u03ff]"),
    "Hebrew": re.compile(r"[\u05d0-\u05ea]"),
    "CJK": re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"),
}


def misread_charset(text: str) -> str | None:
    """The charset UTF-8 text was misread in, when `text` is such mojibake; else None.

    Mojibake is reversible: encoded back in the charset it was misread in, it gives the
    original UTF-8 bytes. Real text in any script, encoded in a legacy charset, is almost
    never valid UTF-8 (its letters are lead bytes without continuation bytes), so a text
    whose non-ASCII characters come back as far fewer, valid UTF-8 characters was misread.
    Cleaning (NFC, spaces, invisible marks) breaks a few sequences: `mostly_utf8` allows them.
    """
    if text.isascii():
        return None
    for charset in MISREAD_AS:
        data = text.encode(charset, "ignore")
        if data.isascii():
            continue
        original = data.decode("utf-8", "replace")
        if mostly_utf8(original, MIN_MISREAD_CHARACTERS) and original != text:
            return charset
    return None


def script_shares(text: str) -> dict[str, float]:
    """Each script's share of the text's letters (empty under MIN_LETTERS letters)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS.items()}
    total = sum(counts.values())
    if total < MIN_LETTERS:
        return {}
    return {name: count / total for name, count in counts.items() if count}


def worse_than_stored(stored: Mapping[str, Any], fetched: Mapping[str, Any]) -> str | None:
    """Why the re-fetched content (`fetched`) is worse than the stored one, or None.

    Both map the article's content fields (`headline`, `body`, `published_at`, ...) to
    their values as stored; only headline, body and publication time are compared."""
    reasons = []
    old_text = _text(stored)
    new_text = _text(fetched)
    misread = misread_charset(new_text)
    if misread and not misread_charset(old_text):
        reasons.append(f"mojibake (UTF-8 read as {misread})")
    for name, label in (("headline", "headline"), ("published_at", "publication time")):
        if stored.get(name) and not fetched.get(name):
            reasons.append(f"{label} lost")
    old_body = len(stored.get("body") or "")
    new_body = len(fetched.get("body") or "")
    if old_body and (
        not new_body or (old_body >= MIN_STORED_BODY and new_body < old_body * MIN_BODY_SHARE)
    ):
        reasons.append(f"body {old_body:,} → {new_body:,} chars")
    if not misread:
        shift = _script_shift(old_text, new_text)
        if shift:
            reasons.append(shift)
    if not reasons:
        return None
    return "re-fetch looks worse than stored: " + "; ".join(reasons)


def _text(content: Mapping[str, Any]) -> str:
    return f"{content.get('headline') or ''}\n{content.get('body') or ''}"


def _script_shift(old_text: str, new_text: str) -> str | None:
    """'Arabic letters 97% → 3% (now mostly Latin)' when the stored text's main script
    (at least 60% of its letters) fell under half its share."""
    old = script_shares(old_text)
    new = script_shares(new_text)
    if not old or not new:
        return None
    main, share = max(old.items(), key=lambda entry: entry[1])
    now = new.get(main, 0.0)
    if share < 0.6 or now >= share / 2:
        return None
    mostly = max(new.items(), key=lambda entry: entry[1])[0]
    return f"{main} letters {share:.0%} → {now:.0%} (now mostly {mostly})"
