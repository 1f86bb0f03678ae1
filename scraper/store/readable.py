"""Stored values as a reader reads them, for the commands and Datasette alike."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote_to_bytes

_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def display_url(url: str) -> str:
    """`url` as a reader reads it: percent-escaped UTF-8 decoded to its letters.

    Escaped ASCII stays escaped (a decoded `%2F` or `%3F` would change what the URL seems to
    say), and so do characters that print as nothing or reorder the text around them
    (spaces, controls, bidi marks), so the displayed text cannot hide or disguise a part of
    the address.
    """

    def decode(match: re.Match[str]) -> str:
        escaped = match.group(0)
        try:
            text = unquote_to_bytes(escaped).decode("utf-8")
        except UnicodeDecodeError:
            return escaped
        return "".join(ch if _shows_as_itself(ch) else quote(ch, safe="") for ch in text)

    return _ESCAPES.sub(decode, url)


def _shows_as_itself(ch: str) -> bool:
    return ord(ch) > 0x7F and unicodedata.category(ch)[0] not in "CZ"
