"""Bytes to text: the charset a page declares, in the header or late in its head, or the
one its bytes show."""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, html_to_unicode

from scraper.text import mostly_utf8

# Decompressed size a gzipped page may reach (the crawler's own download cap).
MAX_UNPACKED = 16 * 1024 * 1024
# Leading bytes of formats that are not a web page, with their names.
_NOT_HTML = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\x00\x00\x00", "binary data"),
)


# Control bytes (NUL among them) the first kilobyte of a page may hold: a NUL from a bad
# database field in its title is no binary file; binary data and UTF-16 without a byte
# order mark hold dozens to hundreds.
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32)])
MAX_STRAY_CONTROLS = 8


class NotAPage(ValueError):
    """Bytes that are no web page (an image, an archive, binary data): the reason says what."""


def unpack(body: bytes) -> bytes:
    """The page inside a gzipped file (a saved `.html.gz`, a body stored still compressed);
    NotAPage for bytes that are no page at all, or a gzip stream broken or too large."""
    if body[:2] == b"\x1f\x8b":
        import zlib

        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body, MAX_UNPACKED)
        except zlib.error as exc:
            raise NotAPage(f"a broken gzip stream ({exc})") from exc
        if inflater.unconsumed_tail:
            raise NotAPage(f"a gzip stream that unpacks to more than {MAX_UNPACKED:,} bytes")
    if not body.strip():
        raise NotAPage("an empty page: no bytes, or only white space")
    head = body[:16]
    for magic, name in _NOT_HTML:
        if head.startswith(magic):
            raise NotAPage(f"not a web page: {name}")
    first_kb = body[:1024]
    if (
        b"\x00" in first_kb
        and len(first_kb) - len(first_kb.translate(None, _CONTROL_BYTES)) > MAX_STRAY_CONTROLS
        and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        raise NotAPage("not a web page: binary data (NUL bytes, no UTF-16 byte order mark)")
    return body


_ARABIC = re.compile(r"[\u0621-\u064a]")
# An accented Latin letter of Windows-1256 (à â ç è é ê ë î ï ô ù û ü) between Arabic letters.
_LATIN_IN_ARABIC = re.compile(
    r"[\u0621-\u064a][\xe0\xe2\xe7-\xeb\xee\xef\xf4\xf9\xfb\xfc]|"
    r"[\xe0\xe2\xe7-\xeb\xee\xef\xf4\xf9\xfb\xfc][\u0621-\u064a]"
)
_UTF8 = {"utf-8", "utf8", "utf-8-sig"}
# Arabic letters a page must hold to be read as Arabic in its own legacy charset.
MIN_ARABIC_LETTERS = 20
# Western single-byte charsets a server declares by default, and the Arabic ones a page
# may declare under them (as w3lib names them).
_WESTERN = {"cp1252", "latin-1", "iso8859-1", "ascii"}
_ARABIC_LEGACY = {"cp1256", "iso8859-6"}
# Non-ASCII characters a body needs before it is judged mostly UTF-8 (scraper.text.mostly_utf8).
MIN_UTF8_CHARACTERS = 20
# A body that is not mostly UTF-8, under a declared charset that fails on it too (a multibyte
# one: gb18030, shift_jis): UTF-8 wins when it breaks on a quarter of the sequences the
# declared charset breaks on. A comparison of two damaged readings, not a test of whether the
# body is UTF-8, so it needs less than `mostly_utf8`'s one in ten.
UTF8_FEWER_ERRORS_BY = 4


def _mostly_utf8(body: bytes) -> str | None:
    """The body as UTF-8 (broken sequences as U+FFFD) when that is what it nearly all is."""
    text = body.decode("utf-8", "replace")
    return text.removeprefix("\ufeff") if mostly_utf8(text, MIN_UTF8_CHARACTERS) else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Bytes to (text, encoding): the HTTP charset, then the BOM and <meta charset>, then
    detection. A body that is not valid in the charset the header declares (sites that
    declare one charset and send another) is decoded from its own declaration instead."""
    encoding, text = html_to_unicode(content_type, body)
    if encoding in _UTF8:
        encoding = _header_codec(content_type) or encoding
    if encoding in _WESTERN and content_type and not body.isascii():
        # A server's default charset (Apache's `AddDefaultCharset ISO-8859-1`) over a page
        # that declares an Arabic one: single-byte charsets decode any bytes, so the lie
        # leaves no trace but Latin mojibake ("ÌÑíÏÉ"). The page's own word wins.
        declared = html_body_declared_encoding(body)
        if declared in _ARABIC_LEGACY:
            own_encoding, own_text = html_to_unicode(None, body)
            # Only when the page then reads as Arabic: a French page under a stale Arabic
            # meta stays as the header says.
            if len(_ARABIC.findall(own_text)) > MIN_ARABIC_LETTERS:
                encoding, text = (
                    f"{own_encoding} (declared in the page; the header says "
                    f"{_charset(content_type)})",
                    own_text,
                )
    if not body.isascii():
        # Bytes that are valid UTF-8 are UTF-8, whatever the page or server declares (a
        # latin-1 default, a charset declared too late in the head for the sniffer, a stale
        # GB2312): text in another charset with any non-ASCII letter is almost never valid
        # UTF-8. A U+FFFD such a page holds is then the page's own character.
        try:
            utf8 = body.decode("utf-8")
        except UnicodeDecodeError:
            mixed = _utf8_with_arabic_passages(body)
            if mixed is not None:
                return mixed, f"utf-8 with windows-1256 passages (declared {encoding})"
            # The same holds for bytes that are UTF-8 but for a few broken sequences (a
            # truncated character, a stray byte) under a header that says windows-1256,
            # koi8-r or gb18030: single-byte charsets decode any bytes, so nothing else
            # would notice, and the page would be read as mojibake.
            if encoding not in _UTF8:
                damaged = _mostly_utf8(body)
                if damaged is not None:
                    return damaged, f"utf-8 (damaged; declared {encoding})"
        else:
            if encoding in _UTF8:
                return text, encoding
            return utf8.removeprefix("\ufeff"), f"utf-8 (declared {encoding})"
    if "\ufffd" in text:
        fallback_encoding, fallback = html_to_unicode(None, body)
        if fallback.count("\ufffd") < text.count("\ufffd"):
            encoding, text = fallback_encoding, fallback
        # Mostly UTF-8 with a few broken sequences (a truncated multibyte character, a
        # stray byte) reads better as UTF-8 than as what the page declares.
        mostly = body.decode("utf-8", "replace")
        if mostly.count("\ufffd") * UTF8_FEWER_ERRORS_BY < text.count("\ufffd"):
            text, encoding = mostly.removeprefix("\ufeff"), f"utf-8 (damaged; declared {encoding})"
    # Still undecodable, and the page may declare UTF-8 everywhere while sending the
    # Arabic legacy charset: try Windows-1256 and keep it when it reads as Arabic.
    if text.count("\ufffd") > 20:
        legacy = _arabic_legacy(body)
        if legacy is not None:
            return legacy[0], f"{legacy[1]} (detected; declared {encoding})"
    return text, encoding


# A run of non-ASCII bytes: a word, or a few joined by marks. Each is UTF-8 or not as a
# whole (a Windows-1256 word may hold a valid UTF-8 pair: "ة،" is C9 A1, UTF-8's "ɡ").
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_LATIN_LETTER = re.compile(rb"[A-Za-z]")
# Words and letters in Windows-1256 a page needs before they are read so: fewer are
# characters cut in two or stray bytes, left as U+FFFD.
MIN_PASSAGE_WORDS = 2
MIN_PASSAGE_BYTES = 12


def _utf8_with_arabic_passages(body: bytes) -> str | None:
    """A UTF-8 page with passages pasted in Windows-1256 (an old comment, an agency's text,
    a widget's include): each word read in the charset it is valid in, when UTF-8 holds
    most of the page's words and the others read as Arabic. Read whole in either charset,
    such a page would be mojibake."""
    pieces: list[str] = []
    done = utf8_words = legacy_words = legacy_bytes = legacy_letters = 0
    for run in _NON_ASCII_RUN.finditer(body):
        pieces.append(body[done : run.start()].decode("ascii"))
        word = run.group()
        try:
            pieces.append(word.decode("utf-8"))
            utf8_words += 1
        except UnicodeDecodeError:
            if _LATIN_LETTER.match(body, max(run.start() - 1, 0)) or _LATIN_LETTER.match(
                body, run.end()
            ):
                # An accent inside a Latin word ("había" pasted from windows-1252).
                pieces.append(word.decode("cp1252", "replace"))
                done = run.end()
                continue
            legacy = word.decode("cp1256")
            pieces.append(legacy)
            legacy_words += 1
            legacy_bytes += len(word)
            legacy_letters += len(_ARABIC.findall(legacy))
        done = run.end()
    if legacy_words < MIN_PASSAGE_WORDS or legacy_bytes < MIN_PASSAGE_BYTES:
        return None
    if utf8_words < legacy_words:
        return None
    if 2 * legacy_letters < legacy_bytes:
        return None  # the broken words are not Arabic text
    pieces.append(body[done:].decode("ascii"))
    return "".join(pieces).removeprefix("\ufeff")


def _header_codec(content_type: str | None) -> str | None:
    """The charset the header names, where w3lib passed it over for the page's own: from
    2.6 it knows the WHATWG labels only, so a header's cp720 lost to the page's UTF-8
    meta. Still the header's word, for the checks below and the provenance (as before)."""
    if not content_type or "charset=" not in content_type.lower():
        return None
    try:
        return codecs.lookup(_charset(content_type.lower())).name
    except LookupError:
        return None


def _charset(content_type: str) -> str:
    return content_type.partition("charset=")[2].strip(" \"'") or content_type


def _arabic_legacy(body: bytes) -> tuple[str, str] | None:
    """The body in an Arabic single-byte charset, when it reads as Arabic: Windows-1256, or
    ISO-8859-6 where Windows-1256 turns its letters into accented Latin ones (ISO's و, ي
    and ه are Windows-1256's è, ê and ç) inside Arabic words. Windows-1256 text is almost
    never valid ISO-8859-6: its غ, ف, ق, ك and tatweel fall on bytes ISO leaves unassigned."""
    try:
        legacy = body.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if "\ufffd" in legacy or len(_ARABIC.findall(legacy)) <= 20:
        return None
    if _LATIN_IN_ARABIC.search(legacy):
        try:
            return body.decode("iso8859-6"), "iso-8859-6"
        except UnicodeDecodeError:
            pass
    return legacy, "cp1256"
