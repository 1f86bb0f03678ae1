"""The generic path for pages no profile recognizes: trafilatura finds the text, our own
metadata chain and time layer find the rest.

Times never come from trafilatura (its date guesses use the wall clock as a bound); they go
through `scraper.time` like every other time, and the metadata (headline, sections, dates,
author, image, tags) comes from the same chain the theme profiles fall back on
(`metadata.py`). Each field's provenance says where it came from, so a record made here
is never mistaken for a profile's.
"""

from __future__ import annotations

import copy
import itertools
import re
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from datetime import datetime, timedelta
from itertools import islice, pairwise
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree
from parsel import Selector

from scraper.extract import metadata
from scraper.extract.body import (
    BADGES,
    EMBEDDED_POST_CLASSES,
    MIN_MAIN_TEXT,
    SHORT_BODY_SHARE,
    outside_story,
)
from scraper.extract.list_items import (
    AGO_MARK,
    ISO_START,
    READING_MARK,
    UPDATE_LABEL,
    UPDATED_CLASS,
    attribute_time,
    title_time,
)
from scraper.extract.nesting import TOO_DEEP_TO_READ, NestedTooDeep, tree_too_deep
from scraper.extract.page_type import PageEvidence, article_address, page_evidence
from scraper.extract.source_line import (
    CAPTIONS_READ,
    CHROME_MARK,
    CHROME_TAGS,
    DATELINE_PARAGRAPHS,
    FIGURE_NOTE,
    FIGURE_TAGS,
    MAX_BOX_LABEL_CHARS,
    MAX_LINE_CHARS,
    NO_SOURCE,
    SIDE_WIDGET_MARK,
    SOURCE_LINE_SIBLINGS,
    SourceLine,
    bare_credit,
    caption_credit,
    dateline_credit,
    drop_box_text,
    featured_picture,
    is_box_label,
    is_known_agency,
    is_known_outlet,
    is_place,
    line_reporter,
    parse_source_line,
    source_box,
    split_source_line,
    trailing_block_line,
    translator,
)
from scraper.extract.theme import (
    EXTRACTOR,
    MAYBE_MODIFIED_READERS,
    PRINTED_CHECK,
    PRINTED_WITNESS,
    drop_empty_provenance,
)
from scraper.items import ArticleRecord
from scraper.text import clean_text
from scraper.time import read_machine, read_time
from scraper.time.reconciliation import RENDER_STAMP_S, STATED_OFFSET

if TYPE_CHECKING:
    from collections.abc import Callable

    from scraper.extract import PendingTimes

GENERIC = "generic@1"


# Characters lxml refuses in names and values (XML-incompatible): C0 controls but tab, LF
# and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ODD_CHARS = (*map(chr, (*range(9), 11, 12, *range(14, 32))), "\ufffe", "\uffff")
_PARSERS = threading.local()


def parse_lxml(text: str) -> Selector:
    """Parse a page for the generic path, as parsel would, with a parser reused per thread
    (building one per page, as `Selector(text=...)` does, cost a third of the parse)."""
    return parse_page(text)[0]


def parse_readable(text: str) -> tuple[Selector, str | lxml.html.HtmlElement]:
    """`parse_page`, for a page about to be read by our lxml code and trafilatura: a tree
    nested deeper than `MAX_NESTING` raises `NestedTooDeep` (lxml builds it in
    milliseconds at any depth; what reads it after does not)."""
    sel, content = parse_page(text)
    if (refused := tree_too_deep(sel.root)) is not None:
        raise NestedTooDeep(refused)
    return sel, content


# How lxml.html (and so trafilatura's loader) tells a whole document from a fragment.
_WHOLE_DOCUMENT = re.compile(r"\s*<(?:html|!doctype)", re.IGNORECASE)


_HTML_ELEMENTS = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_page(text: str) -> tuple[Selector, str | lxml.html.HtmlElement]:
    """The page parsed once (`parse_lxml`), and what to give trafilatura: the same tree
    where trafilatura's own loader would build that tree from the text (a whole document,
    parsed as it is), else the text. trafilatura copies a tree it is given before cutting
    it up, so the tree stays ours to read; copying costs a third of parsing."""
    try:
        # Found by fuzzing: lxml keeps NUL and other control characters from a mis-decoded
        # page (UTF-16 read as UTF-8) in attribute names, then raises ValueError when they
        # are read; lone surrogates cannot be encoded at all. Replace them as an HTML parser
        # does (U+FFFD; form feed is white space). Testing with `in` is several times
        # faster than a regular expression over the page.
        odd = any(c in text for c in _ODD_CHARS)
        data = text.strip().encode("utf-8") if not odd else b""
    except UnicodeEncodeError:
        odd = True
    if odd:
        # trafilatura deletes these characters instead: its tree would differ from ours.
        cleaned = _NOT_XML_CHARS.sub(lambda m: " " if m.group() == "\f" else "\ufffd", text)
        data = cleaned.strip().encode("utf-8")
    data = _without_stray_document_ends(data)
    parser = getattr(_PARSERS, "html", None)
    if parser is None:
        # Without comments and processing instructions, as trafilatura's parser builds it.
        parser = _PARSERS.html = lxml.html.HTMLParser(
            recover=True, encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
        )
        # lxml.html picks each element's class in Python (forms and inputs get their own):
        # half the time of a walk over the elements, which the generic path and trafilatura
        # make many times. Nothing here or in trafilatura uses the form classes, so lxml's
        # lookup in C gives every element the same HtmlElement.
        parser.set_element_class_lookup(_HTML_ELEMENTS)
    root = etree.fromstring(data or b"<html/>", parser=parser)
    if root is None:  # a document of comments only, say
        root = etree.fromstring(b"<html/>", parser=parser)
    _unwrap_page_forms(root)
    if b"aria-controls" in data:
        _expand_disclosures(root)
    if b"<cite" in data:
        _space_cited_pieces(root)
    # trafilatura refuses a text without "html" near its start that parses to fewer than
    # two elements; a tree it takes as it is.
    same_tree = not odd and _WHOLE_DOCUMENT.match(text) and "html" in text[:50].lower()
    return Selector(root=root, type="html"), root if same_tree else text


# libxml2 (2.14) ends the document at `</html>` and drops what follows `</body>`: an ad's
# or a pasted document's end tags mid-page cut the story and the links after them. The
# parser closes both elements at the end of the data anyway, so they go when printed
# twice. The common page, one of each, is left as it is, and so is what a page prints
# after its only `</html>` (a cache plugin's hidden spam block).
_DOCUMENT_END_TAGS = (b"</body", b"</html", b"</BODY", b"</HTML", b"</Body", b"</Html")
_DOCUMENT_END = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)


def _without_stray_document_ends(data: bytes) -> bytes:
    for tag in _DOCUMENT_END_TAGS:
        first = data.find(tag)
        if first >= 0 and first != data.rfind(tag):
            return _DOCUMENT_END.sub(b"", data)
    return data


# A block of the story a button collapses ("Continue reading" over the rest, hidden until
# clicked): text the reader asks for, which trafilatura would drop as hidden. Menus and
# panels the same pattern opens hold no paragraphs.
_DISCLOSERS = etree.XPath("//*[@aria-controls]")
MIN_DISCLOSED_PARAGRAPHS = 2
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|is-hidden|collapsed)(?=\s|$)")


def _expand_disclosures(root: etree._Element) -> None:
    """Shows the story's blocks that a button on the page collapses (`aria-controls` naming
    the block's id): their hidden class and attributes go, so every reader keeps them."""
    for button in _DISCLOSERS(root):
        for target_id in (button.get("aria-controls") or "").split():
            target = next(iter(root.xpath("//*[@id=$id]", id=target_id)), None)
            if target is None or len(target.findall(".//p")) < MIN_DISCLOSED_PARAGRAPHS:
                continue
            target.set("class", _HIDDEN_CLASS.sub("", target.get("class") or "").strip())
            for attribute in ("aria-hidden", "hidden"):
                target.attrib.pop(attribute, None)


def _space_cited_pieces(root: etree._Element) -> None:
    """A space between the pieces of a `<cite>` its styles set apart: CNN's dateline
    `<cite><span>Eupora, Mississippi</span><span>CNN</span></cite>` reads "Eupora,
    Mississippi CNN", not "MississippiCNN"."""
    for cite in root.iter("cite"):
        pieces = [child for child in cite if isinstance(child.tag, str)]
        for piece, following in pairwise(pieces):
            if piece.tail:
                continue  # spaced, or text between them
            text = "".join(piece.itertext())
            if text and not text[-1].isspace() and "".join(following.itertext())[:1].strip():
                piece.tail = " "


def readable_story(root: etree._Element) -> bool:
    """Readies the page's tree for trafilatura and our readers of the story: bare text
    between blank lines in a <span> or <font>, or a table layout's cell, as <p>s; a share
    line repeated under each post gone. Whether it changed the tree. (Not at parsing: the
    tree stays the page's for the theme path's selectors, compared with lexbor's.)"""
    rewritten = paragraphs_between_breaks(root, TEXT_SPANS)
    rewritten += paragraphs_between_breaks(root, frozenset(("div",)), alone=True)
    if _table_layout(root):
        rewritten += paragraphs_between_breaks(root, TEXT_CELLS)
    rewritten += _without_hidden_copies(root)
    return bool(_without_repeated_share_lines(root) or rewritten)


# A hidden block of paragraphs (the `hidden` attribute): a copy of the story for a
# text-to-speech player, or a paywall's rest (which stays).
_HIDDEN_BLOCKS = etree.XPath("//body//*[@hidden][count(.//p) >= 2]")
MIN_COPIED_CHARS = 60


def _without_hidden_copies(root: etree._Element) -> int:
    """How many hidden blocks went that copy the story shown elsewhere on the page (each
    of their long paragraphs printed outside them too): trafilatura would read it twice.
    A paywall's hidden rest after a visible teaser stays."""
    gone = 0
    for block in _HIDDEN_BLOCKS(root):
        inside = set(block.iter("p"))
        copied = {t for p in inside if len(t := clean_text(p.text_content())) >= MIN_COPIED_CHARS}
        if not copied or block.getparent() is None:
            continue
        shown = {
            clean_text(e.text_content())
            for e in root.iter("p", "h1", "h2", "h3")
            if e not in inside and e is not block
        }
        if copied <= shown:  # every long paragraph of it shown (not a paywall's rest)
            block.drop_tree()
            gone += 1
    return gone


# A live page prints a share line under each post ("Copy link Share"); trafilatura then
# drops some posts whole (three of seven on a probe's page). The same short share line
# printed under three posts or more is the page's chrome, and goes before the story is read.
# (The attribute axis first: a walk over the attributes is half the cost of one over the
# elements asking each for two.)
_SHARE_MARKED = etree.XPath("//@class[contains(., 'shar')]/.. | //@id[contains(., 'shar')]/..")
_SHARE_BLOCK_TAGS = frozenset(("div", "ul", "span", "section", "aside", "nav"))
_SHARE_MARK = re.compile(r"(?<![a-z])shar(?:e|ing)(?![a-z])|sharedaddy", re.IGNORECASE)
MAX_SHARE_LINE_CHARS = 80
MIN_REPEATED_SHARE_LINES = 3


def _without_repeated_share_lines(root: etree._Element) -> int:
    """How many share lines went."""
    lines: dict[str, list[etree._Element]] = {}
    for block in _SHARE_MARKED(root):
        if block.tag not in _SHARE_BLOCK_TAGS or block.find(".//p") is not None:
            continue
        marks = f"{block.get('class') or ''} {block.get('id') or ''}".replace("_", "-")
        text = " ".join(block.text_content().split())
        if _SHARE_MARK.search(marks) and len(text) <= MAX_SHARE_LINE_CHARS:
            lines.setdefault(text, []).append(block)
    gone = 0
    for blocks in lines.values():
        if len(blocks) < MIN_REPEATED_SHARE_LINES:
            continue
        gone += len(blocks)
        for block in blocks:
            block.drop_tree()  # lxml.html's: the text after it stays
    return gone


def _unwrap_page_forms(root: etree._Element) -> None:
    """ASP.NET WebForms pages print the whole page inside one `<form runat="server">`;
    a form is no story text everywhere else (search boxes, comment forms, sign-ups). A
    form that holds the page's headline, an `<article>` or WebForms' page state (the
    hidden `__VIEWSTATE` field: a SharePoint page prints its headline in a div) is such a
    wrapper: it becomes a `div`, in the tree trafilatura is given too."""
    for form in root.iter("form"):
        if (
            form.find(".//h1") is not None
            or form.find(".//article") is not None
            or form.find(".//input[@name='__VIEWSTATE']") is not None
        ):
            form.tag = "div"


# Where a date printed near the headline may sit, and where it never does: list items
# (related stories), comments, footers, menus and sidebars.
_DATE_MARK = re.compile(r"date|time|publish|posted|تاريخ", re.IGNORECASE)
# "view" for view counters, not Drupal's "node--view-mode-full" around every article.
# Marks of a time that is not the publication's: a modification, a comment, a reading
# time, a view count. "read" and "view" only open a word: "thread", "breadcrumb", "preview",
# "review" and JNews's page wrapper "jeg_viewport" (around the whole story) are no such mark.
# ("read" of a reading time, not MoreNews's "read-details" around the whole header.)
_PUBLISHED_CLASS = re.compile(r"(?<![\w-])published(?![\w-])")
_UPDATED_CLASS = re.compile(r"(?<![\w-])updated(?![\w-])")
_NOT_PUBLISHED_MARK = re.compile(
    r"modif|updat|comment|reply|(?<![a-z])read(?![-_]details)"
    # A view counter ("views", "view-count"); not a single post's own view ("post-view",
    # Yii's, around the whole post).
    r"|(?<![a-z])(?:view(?=s|[-_]?count)|(?<!post-)(?<!news-)(?<!article-)(?<!single-)"
    r"(?<!node-)(?<!entry-)view)(?!port|[-_]mode)",
    re.IGNORECASE,
)
_NEVER_DATE_TAGS = frozenset(("li", "footer", "nav", "aside", "form", "script", "style"))
_UPDATE_LABEL = re.compile(rf"^\W*(?:{UPDATE_LABEL.pattern})", re.I)
_UPDATE_BEFORE = re.compile(rf"(?:{UPDATE_LABEL.pattern})\W*$", re.I)
# A printed date is a short line: a byline with a date, a date with its label, or the
# publication and update dates on one line ("نشر في: ... | آخر تحديث: ...", ~85 characters).
MAX_DATE_CHARS = 100
# The furthest a zone's clock runs ahead of UTC (Kiribati's, UTC+14).
ZONE_AHEAD = timedelta(hours=14)
# How many elements around the headline may hold its date; how much text the header
# around the headline may hold (more is the whole story, where other dates live).
DATE_SIBLINGS = 4
MAX_HEADER_CHARS = 1500


# How many wrappers holding the headline alone are climbed (<div class="title"><h1>; a
# table layout's <tr><td><h1>, each line of the header a row of its own).
HOLDER_LEVELS = 3


def headline_holder(
    headline: etree._Element,
) -> tuple[etree._Element, etree._Element | None]:
    """(holder, header): the outermost wrapper that holds the headline alone (up to
    `HOLDER_LEVELS` up, never an <article>, <main> or <body>), and its parent, where the
    headline's date, byline and section label sit beside it."""
    holder, header = headline, headline.getparent()
    for _ in range(HOLDER_LEVELS):
        if header is None or header.tag in _STORY_BOUNDS:
            break
        if len([c for c in header if isinstance(c.tag, str)]) != 1:
            break
        holder, header = header, header.getparent()
    return holder, header


def headline_element(sel: Selector, headline: str = "") -> etree._Element | None:
    """The element that prints the headline: the first h1 (in <article> if there is one)
    that is no logo, the one printing the headline when there are several (a slider of
    other stories' h1s), else, on a page without an h1 (a <div class="title">, an <h2 id="article_title">), the
    first heading or block whose whole text is the headline. None when it sits in a list
    item, a comment, a footer, a menu or a sidebar."""
    found = [
        h1
        for h1 in sel.root.xpath("//article//h1") or sel.root.xpath("//h1")
        if not metadata.is_logo_heading(h1)
    ]
    if headline and len(found) > 1:
        # A slider's or another block's h1 above the story's: the one printing the headline.
        folded = _fold(headline)
        found = [h1 for h1 in found if _fold(h1.text_content()) == folded] or found
    if not found and headline:
        # (The breadcrumb's last step may print it first: the story's own, after it.)
        alone = [
            e for e in metadata.PRINTED_ALONE(sel.root, headline=headline) if not _outside_story(e)
        ]
        return next((e for e in alone if not _in_trail(e)), alone[0] if alone else None)
    return found[0] if found and not _outside_story(found[0]) else None


# A breadcrumb's or a forum's navigation bar ("navbar", vBulletin's "navbits").
_TRAIL_MARK = re.compile(r"breadcrumb|crumbs|navbar|navbits", re.I)
TRAIL_LEVELS = 3


def _in_trail(element: etree._Element) -> bool:
    """Whether the element sits in a breadcrumb (itself or a few levels up)."""
    node: etree._Element | None = element
    for _ in range(TRAIL_LEVELS):
        if node is None:
            return False
        if _TRAIL_MARK.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False


# A clock alone ("٠٩:٣٥ ص", "9:35 PM"), as an info row prints it in its own element.
_CLOCK_ALONE = re.compile(
    r"[0-9٠-٩]{1,2}\s*[:：]\s*[0-9٠-٩]{2}(?:\s*(?:ص|م|صباحا|مساء|مساءً|صباحاً|[AaPp]\.?[Mm]\.?))?"
)
# Characters of the text between the date's element and its clock's ("&nbsp;|&nbsp;").
MAX_CLOCK_GAP = 3


# How far up from the date's own element its cell may be (a <span> in a <td>).
CLOCK_CELL_LEVELS = 2


def _with_clock_after(element: etree._Element, printed: str) -> str:
    """The printed date with the clock the next element prints alone after it (an ASP.NET
    info row's `lblDate`, " | ", then `lblTime`; or the row's next cell, each label in a
    cell of its own), when the date states none."""
    if _CLOCK_ALONE.search(printed):
        return printed
    after = next((e for e in element.itersiblings() if isinstance(e.tag, str)), None)
    for _ in range(CLOCK_CELL_LEVELS):
        parent = element.getparent()
        if after is not None or (element.tail or "").strip() or parent is None:
            break
        if clean_text(parent.text_content()) != clean_text(element.text_content()):
            break  # (the date's element is not all its holder prints)
        element = parent
        after = next((e for e in element.itersiblings() if isinstance(e.tag, str)), None)
    gap = (element.tail or "").strip()  # (white space, no-break spaces too)
    if after is None or len(gap) > MAX_CLOCK_GAP or gap.strip("|-–—،,/ \xa0"):
        return printed
    clock = clean_text(after.text_content())
    return f"{printed} {clock}" if _CLOCK_ALONE.fullmatch(clock) else printed


def _with_marked_clock(marked: list[etree._Element], element: etree._Element, printed: str) -> str:
    """The printed day with the clock a later element of the header prints alone, marked
    as a time ("<span class=news-date>الأحد 4 يوليو 2027م</span>" under the headline,
    "<span class=news-time>10:25 ص</span>" in an info bar below the photo), when the day
    states none."""
    if _CLOCK_ALONE.search(printed):
        return printed
    later = marked[marked.index(element) + 1 :] if element in marked else []
    for candidate in later:
        if candidate in element.iterancestors() or _NOT_PUBLISHED_MARK.search(
            " ".join(candidate.get(a) or "" for a in ("class", "id", "itemprop"))
        ):
            continue
        if _UPDATE_LABEL.match(_said_before(candidate)):
            return printed  # "آخر تحديث: <span class=news-time>23:40</span>": the update's
        clock = clean_text(candidate.text_content())
        if _CLOCK_ALONE.fullmatch(clock):
            return f"{printed} {clock}"
    return printed


def headline_date(
    sel: Selector, reference: datetime, headline: str = "", refused: bool = False
) -> str | None:
    """The date printed next to the headline, as printed ("منذ 5 ساعات", "نشر في: 5 مايو
    2024"), or None (with `refused`, also one the time layer refuses as no possible date:
    later than `reference`, a day no calendar has, a negative count).
    Looked for in the headline's header (its parent, or the parent's parent when the
    headline is wrapped alone; only the elements beside the headline when that is the
    whole story): first an element whose class, id or itemprop says date,
    time or published, then a short line after the headline (a byline's date is one of
    its text pieces). `reference` only tells a date from other text (the time layer reads
    it again, with the page's timezone). Never from a list item, a comment, a footer, a
    menu or a sidebar, never an update time. Where the header holds none, the short
    elements after it, up to the story's text (a dek, a photo, then the date), then the
    short lines just above the headline."""
    element = headline_element(sel, headline)
    if element is None:
        return None
    headline = element
    holder, header = headline_holder(element)
    if header is None:
        return None
    # A <br> between the header's lines is no line of its own.
    following = [e for e in holder.itersiblings() if isinstance(e.tag, str) and e.tag != "br"]
    following = following[:DATE_SIBLINGS]
    preceding = [
        e for e in holder.itersiblings(preceding=True) if isinstance(e.tag, str) and e.tag != "br"
    ]
    preceding = preceding[:DATE_SIBLINGS]
    if header.tag in ("article", "main", "body") or (len(header.text_content()) > MAX_HEADER_CHARS):
        scope = [*preceding, *following]
    else:
        scope = [header]
    marked = [
        element
        for top in scope
        for element in _before_story(top, headline)
        if isinstance(element.tag, str)
        and element is not headline
        and _DATE_MARK.search(" ".join(element.get(a) or "" for a in ("class", "id", "itemprop")))
    ]
    # A line holding the update beside the date ("<div class=date-info><span class=date>…
    # </span><span>آخر تحديث …</span>") after the date's own element.
    found = set(marked)
    holders = {
        e
        for e in marked
        if any(d in found for d in e.iterdescendants())
        and any(_UPDATE_LABEL.match(clean_text(d.text_content())) for d in e.iter(etree.Element))
    }
    marked = [e for e in marked if e not in holders] + [e for e in marked if e in holders]
    for element, printed in _clocks_last(marked, reference, refused):
        if printed:
            if (
                not refused
                and AGO_MARK.search(printed)
                and (stated := attribute_time(element) or title_time(element, reference, printed))
            ):
                return stated  # "منذ 4 ساعات" whose element holds the exact time (its title)
            dated = _with_clock_after(element, printed)
            return dated if dated != printed else _with_marked_clock(marked, element, printed)
        # Empty, or a placeholder ("— — —"): a script prints it from an attribute (timeago's
        # <abbr title>, data-time).
        if (
            not refused
            and not any(c.isalnum() for c in element.text_content())
            and (stated := attribute_time(element))
        ):
            return stated
    for element in following:
        if printed := _printed_date(element, reference, refused=refused) or _details_list_date(
            element, reference
        ):
            if refused:
                return printed
            # A meta row's day in an element of its own, its clock in the next one ("<span>
            # 14/03/2027</span><span>10:22 ص</span>").
            piece = next(
                (
                    d
                    for d in element.iterdescendants(etree.Element)
                    if clean_text(d.text_content()) == printed
                ),
                None,
            )
            dated = _with_clock_after(piece, printed) if piece is not None else printed
            return dated if dated != printed else _stated_behind(element, printed)
    for element in _after_header(header):
        if printed := _printed_date(element, reference, refused=refused):
            return _stated_behind(element, printed) if not refused else printed
    # A daily's date line above the section name and the headline, with no date class
    # ("العدد : 17032 - الثلاثاء 1 ديسمبر 2026").
    for element in preceding:
        if printed := _printed_date(element, reference, refused=refused):
            return printed
    return None


def _stated_behind(element: etree._Element, printed: str) -> str:
    """The machine time behind a time ago a line prints (`<abbr title="2012-11-13T14:23:
    10Z">2 hrs ago</abbr>` in a byline: the page may be served from a cache long after),
    else the printed text."""
    if not AGO_MARK.search(printed):
        return printed
    for node in element.iter(etree.Element):
        if clean_text(node.text_content()) == printed and (stated := attribute_time(node)):
            return stated
    return printed


# A paragraph this long after the headline is the story's text: a time marked after it
# is an entry's (a live blog's "منذ 20 دقيقة"), not the headline's.
STORY_PARAGRAPH_CHARS = 120


def _before_story(top: etree._Element, headline: etree._Element) -> list[etree._Element]:
    """`top` and the elements under it, in document order, up to the first long paragraph
    that follows the headline."""
    found, after_headline = [], False
    for element in top.iter():
        if element is headline:
            after_headline = True
        elif (
            after_headline
            and element.tag == "p"
            and len(clean_text(element.text_content())) >= STORY_PARAGRAPH_CHARS
        ):
            break
        found.append(element)
    return found


MAX_DETAILS_ITEMS = 4


def _details_list_date(element: etree._Element, reference: datetime) -> str | None:
    """The date in a short list of the story's own details after the headline (Kuwaiti
    dailies print "writers" and "time" items): the one item that holds no link and reads as
    a date, beside another detail. A list with more dates than one is a list of other
    stories, and a lone dated item is no more the story's date than any list item."""
    if element.tag not in ("ul", "ol") or _outside_story(element):
        return None
    items = [item for item in element if item.tag == "li"]
    if not 1 < len(items) <= MAX_DETAILS_ITEMS:
        return None
    dates = [
        text
        for item in items
        if item.find(".//a") is None
        and not _NOT_PUBLISHED_MARK.search(item.get("class") or "")
        and (text := clean_text(item.text_content()))
        and len(text) <= MAX_DATE_CHARS
        and not _UPDATE_LABEL.match(text)
        and read_time(text, reference, "unknown").value is not None
    ]
    return dates[0] if len(dates) == 1 else None


# A paper's dateline: the place in capitals, maybe a state or a day, a dash ("DENVER —",
# "SPRINGFIELD, Ill. —"); printed alone (`_LONE_DATELINE`) or opening the story's first
# sentence (`header_lead`).
_CAPITALS_DATELINE = r"[A-Z][A-Z.'’ -]{1,30}?(?:,\s*[A-Za-z.'’ ]{2,20})?\s*[—–-]{1,2}"
_ENGLISH_DATELINE = re.compile(rf"^{_CAPITALS_DATELINE}\s\S")
MIN_LEAD_WORDS = 15


def header_lead(sel: Selector, headline: str, paragraphs: list[str]) -> str | None:
    """The story's first paragraph where the page prints it inside the headline's header
    (a lead opening with its dateline, "BERLIN — Germany's transport ministry will ..."),
    which the body's container leaves out; None when there is none or the body holds it."""
    element = headline_element(sel, headline) if headline else None
    if element is None:
        return None
    header = headline_holder(element)[1]
    if header is None or header.tag in _STORY_BOUNDS:
        return None
    for candidate in header.iter("p"):
        text = clean_text(candidate.text_content())
        if len(text.split()) >= MIN_LEAD_WORDS and _ENGLISH_DATELINE.match(text):
            return None if any(text[:60] in p for p in paragraphs[:3]) else text
    return None


def _said_before(element: etree._Element) -> str:
    """The label printed just before an element: its previous element's text, else the
    text its parent opens with ("<span>آخر تحديث:</span> <time>", "آخر تحديث: <time>")."""
    before = next((e for e in element.itersiblings(preceding=True) if isinstance(e.tag, str)), None)
    said = clean_text(before.text_content()) if before is not None else ""
    parent = element.getparent()
    return said or clean_text(parent.text or "" if parent is not None else "")


def story_time(sel: Selector) -> etree._Element | None:
    """The story's <time> element: the first inside <article> (else anywhere) that is not in
    a menu, a sidebar, a footer, a form, comments or teasers of other stories, and not marked
    or labelled as an update ("Updated", class="date-updated"). A list item is the story's
    own (a byline's meta list) unless it holds a link (a teaser, a live page's key events)."""
    for scope in ("//article//time", "//time"):
        for element in sel.root.xpath(scope):
            label = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop"))
            # (WordPress marks a post never edited "entry-date published updated": one
            # time, the publication's.)
            both = _PUBLISHED_CLASS.search(label) and not _NOT_PUBLISHED_MARK.search(
                _PUBLISHED_CLASS.sub("", _UPDATED_CLASS.sub("", label))
            )
            if (_NOT_PUBLISHED_MARK.search(label) and not both) or _in_other_block(element):
                continue
            if _in_story_card(element):
                continue
            said = _said_before(element)
            if _UPDATE_LABEL.match(said) or _UPDATE_LABEL.match(clean_text(element.text_content())):
                continue
            return element
    return None


# hAtom's publication stamp: `<abbr class="published" title="2027-09-14T19:35:00+04:00">` in
# the post (`hentry`), as Blogger's classic templates print it under the post.
_HATOM_PUBLISHED = etree.XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' published ')]"
    "[@title or @datetime]",
    smart_strings=False,
)


def hatom_published(sel: Selector) -> str | None:
    """The ISO time the post's hAtom `published` element states (its title, a <time>'s
    datetime), outside
    comments and side columns (Blogger prints it in the post's own footer); None when
    none."""
    for element in _HATOM_PUBLISHED(sel.root):
        value = (element.get("datetime") or element.get("title") or "").strip()
        if ISO_START.match(value) and not any(
            _NOT_THE_STORYS_TAGS.search(_LAYOUT_CLASSES.sub("", a.get("class") or ""))
            for a in element.iterancestors()
        ):
            return value
    return None


def updated_time(sel: Selector) -> str | None:
    """The datetime of the story's <time> marked as its update (`class="updated"`), where
    the page has no other: not in a menu, a sidebar, comments or another story's card."""
    for element in sel.root.iter("time"):
        value = (element.get("datetime") or "").strip()
        if (
            value
            and UPDATED_CLASS.search(element.get("class") or "")
            and not _in_other_block(element)
            and not _in_story_card(element)
        ):
            return value
    return None


_OTHER_BLOCK_TAGS = frozenset(("footer", "nav", "aside", "form"))
# Blocks of other stories: comments ("cmt" for short; not Kinja's "commentable" post),
# related and recommended, tickers and sliders of the latest, most read or breaking stories.
_OTHER_BLOCK_MARK = re.compile(
    r"comment(?!able)|(?<![a-z])cmts?(?![a-z])|related|teaser|sidebar|widget|footer|recommend"
    r"|(?<![a-z])(?:ticker|breaking|urgent|marquee|slider|carousel|latest|most-|popular"
    r"|trending|more-?(?:news|stories|from|in-)|read-?also|see-?also|lire-?aussi)",
    re.I,
)


def _in_story_card(element: etree._Element) -> bool:
    """Whether the element sits in an `<article>` card of another story below a story that
    is not one ("Lire aussi": `<article><a>title</a><time>`): short, no h1, and a link
    that reads as a headline."""
    card = next(element.iterancestors("article"), None)
    return (
        card is not None
        and _short_card(card)
        and any(len(a.text_content().split()) >= 3 for a in card.iter("a"))
    )


def _short_card(card: etree._Element) -> bool:
    """Whether an `<article>` is short enough to be a card and holds no h1 (a story's
    holds its headline, or many paragraphs)."""
    return (
        card.find(".//h1") is None and len(" ".join(card.text_content().split())) <= MAX_CARD_CHARS
    )


def _story_meta_footer(node: etree._Element) -> bool:
    """Whether a <footer> is the story's own meta line (`<header class="summary"><footer
    class="meta">` with the byline and the date, Drupal's `node__meta`), inside the story's
    header or <article>, not the page's footer."""
    return (
        node.tag == "footer"
        and bool(metadata.META_FOOTER.search(node.get("class") or ""))
        and any(a.tag in ("header", "article") for a in node.iterancestors())
    )


def _in_other_block(element: etree._Element) -> bool:
    for node in element.iterancestors():
        if node.tag in ("body", "html"):
            return False
        if node.tag in _OTHER_BLOCK_TAGS and not _story_meta_footer(node):
            return True
        classes = _LAYOUT_CLASSES.sub("", node.get("class") or "")
        if _OTHER_BLOCK_MARK.search(classes) and not (
            # A wrapper named for the layout's sidebar that holds the headline is the
            # story's column (Soledad's "penci-main-sticky-sidebar", "theiaStickySidebar").
            not _OTHER_BLOCK_MARK.search(_SIDEBAR_LAYOUT.sub("", classes))
            and next(node.iter("h1"), None) is not None
        ):
            return True
        if node.tag == "li" and any(
            not metadata.is_home_link(a.get("href")) for a in node.iter("a")
        ):
            return True  # an item of a list of links: another story's time
    return False


# A clock with no day: "١٣:٣٠", "10:15 ص".
_CLOCK_ONLY = re.compile(r"\W*\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|[ap]\.?m\.?)?\W*", re.I)


def _clocks_last(
    marked: list[etree._Element], reference: datetime, refused: bool
) -> Iterator[tuple[etree._Element, str | None]]:
    """Each marked element with its printed date, read in turn; one that prints a clock
    alone (a byline line's last piece, "المنيا - name ٢١-٥-٢٠٢٧ | ١٣:٣٠") waits until the
    others, which may print the day with it."""
    clocks = []
    for element in marked:
        printed = _printed_date(element, reference, whole=True, refused=refused)
        if printed and _CLOCK_ONLY.fullmatch(printed):
            clocks.append((element, printed))
        else:
            yield element, printed
    yield from clocks


# An update's label and the date after it, up to the next field ("| عُدّل في الأربعاء 12
# مايو 2027 - 09:10 | قرئ 1,284 مرة").
_LABELLED_UPDATE = re.compile(
    rf"(?:{UPDATE_LABEL.pattern})\s*(?:في|on)?\s*:?\s*(?P<date>[^|()•·]+)", re.I
)


def printed_update(sel: Selector, reference: datetime, headline: str = "") -> str | None:
    """The update time printed beside the headline after its label, as printed, or None:
    read only to tell whether the metadata's publication time is in truth this update."""
    element = headline_element(sel, headline)
    if element is None:
        return None
    holder, header = headline_holder(element)
    if header is None:
        return None
    following = [e for e in holder.itersiblings() if isinstance(e.tag, str)][:DATE_SIBLINGS]
    small = header.tag not in ("article", "main", "body")
    for top in [header] if small and len(header.text_content()) <= MAX_HEADER_CHARS else following:
        for node in top.iter(etree.Element):
            text = clean_text(node.text_content())
            if len(text) > MAX_DATE_CHARS * 3 or _outside_story(node) or _in_teaser(node):
                continue
            found = _LABELLED_UPDATE.search(text)
            if found and _is_printed_date(date := found["date"].strip(" -–—،,"), reference):
                return date
    return None


def _printed_date(
    element: etree._Element, reference: datetime, whole: bool = False, refused: bool = False
) -> str | None:
    """The element's text if it is a date (with `whole`), or its first text piece that is
    (`refused`: or that the time layer refuses as no possible date)."""
    if element.tag in _NEVER_DATE_TAGS or _outside_story(element) or _in_teaser(element):
        return None
    if READING_MARK.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
        return None  # "2 دقائق" to read, no time ago
    text = clean_text(element.text_content())
    if not text or len(text) > MAX_DATE_CHARS * (1 if whole else 3):
        return None
    inside = [node for node in element.iterdescendants() if isinstance(node.tag, str)]
    if any(node.tag in _NEVER_DATE_TAGS for node in inside):
        whole, text = False, ""  # a list of dates is no headline's date
    own = [] if whole else _own_texts(element)
    # (The piece after an update's label is the update: "آخر تحديث <b>16 آب - 14:10</b>".)
    own = [p for at, p in enumerate(own) if not (at and _bare_update_label(own[at - 1]))]
    pieces = [text] if whole else [text, *own]
    for piece in [*pieces, *_fields(element, text, whole)]:
        if not piece or len(piece) > MAX_DATE_CHARS or _UPDATE_LABEL.match(piece):
            continue
        # Read as UTC: a local time east of it is up to 14 hours "ahead" and no future.
        reading = read_time(piece, reference + ZONE_AHEAD)
        if reading.value is not None or (refused and reading.reason in _NO_POSSIBLE_DATE):
            return piece
        if (after := _split_byline(piece, reference)[1]) and not _UPDATE_BEFORE.search(
            piece[: piece.rfind(after)]
        ):
            return after  # "بقلم: رامي الحسن - 01 ديسمبر 2026" (not "… | Updated: …")
        if (placed := _PLACE_BEFORE.match(piece)) and _is_printed_date(placed["rest"], reference):
            return placed["rest"]  # "أربيل - الأربعاء 2 كانون الأول 2026 الساعة 18:35"
        if (update := _UPDATE_AFTER.search(piece)) and _is_printed_date(
            before := piece[: update.start()].rstrip(" (|-–—،,"), reference
        ):
            return before  # "نشر بتاريخ: 05/09/2027 ( آخر تحديث: … الساعة: 14:10 )"
    return None


# An update's label after the publication's date on one line, in brackets or after a bar.
_UPDATE_AFTER = re.compile(rf"[(|]\s*(?:{UPDATE_LABEL.pattern})", re.I)


# A dateline's place, a word or three and a dash, before the date or the byline it opens.
_PLACE_BEFORE = re.compile(r"^(?P<place>[^\W\d_]+(?: [^\W\d_]+){0,2})\s+[-–—]\s+(?P<rest>\S.*)$")


# A block with a linked heading of its own, a headline of four words or more that links to
# a story's address, and not the page's h1, is a teaser of another story (a search result,
# a related story): a date in it, or in the two blocks around it, is that story's. (A
# section's name is a linked heading of a word or two; an author box's name or a series'
# title links to no story.)
_TEASER_LINKS = etree.XPath(
    ".//*[self::h2 or self::h3 or self::h4 or self::h5]//a/@href"
    "[string-length(normalize-space(..)) - string-length(translate(normalize-space(..), ' ', ''))"
    " >= 3][not(ancestor::*[self::h1])]"
)
_TEASER_LEVELS = 3
# The links of a card's own heading, its first: a story's <article> can hold a block of
# related stories whose headings link elsewhere (Jetpack's under a brief whose headline
# the theme prints above the <article>).
_CARD_HEADING_LINKS = etree.XPath(
    "(.//*[self::h2 or self::h3 or self::h4 or self::h5])[1]//a/@href"
    "[string-length(normalize-space(..)) - string-length(translate(normalize-space(..), ' ', ''))"
    " >= 3]"
)


def _in_teaser(element: etree._Element) -> bool:
    node: etree._Element | None = element
    for _ in range(_TEASER_LEVELS):
        if node is None or node.tag in ("body", "html", "article", "main"):
            return False
        if node.find(".//h1") is None and any(map(article_address, _TEASER_LINKS(node))):
            return True
        node = node.getparent()
    return False


# What the time layer says of a printed date that cannot be one (or contradicts itself).
_NO_POSSIBLE_DATE = frozenset(("future", "impossible-date", "absurd-quantity", "weekday-mismatch"))
# A line of several fields ("تاريخ النشر: 27/03/2025 - 02:15 ص | المشاهدات: 4,812").
_FIELD_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_FIELD_LABEL = re.compile(r"^[^:]{1,40}:\s+")


_CAPTIONS = frozenset(("figure", "figcaption"))


def _bare_update_label(piece: str) -> bool:
    """Whether a text piece is an update's label alone ("آخر تحديث", "Updated:"), its date in
    the piece after it."""
    return bool(_UPDATE_LABEL.match(piece)) and not any(c.isdigit() for c in piece)


def _fields(element: etree._Element, text: str, whole: bool) -> list[str]:
    """The fields of the element's lines that print several, each also without its label
    ("عدن - «الأيام» خاص: الأربعاء 12 مارس 2025" gives the date after the colon). Not a
    caption's ("Audio: Antenne Brandenburg | 24.04.2024 | ..." dates the audio)."""
    if element.tag in _CAPTIONS or any(a.tag in _CAPTIONS for a in element.iterancestors()):
        return []
    pieces = [text] if whole else _own_texts(element, _CAPTIONS)
    if whole and element.find(".//figcaption") is not None:
        return []
    fields = []
    for piece in pieces:
        if not _FIELD_SEPARATOR.search(piece):
            continue
        split = _FIELD_SEPARATOR.split(piece)
        for at, field_ in enumerate(split):
            if _UPDATE_LABEL.match(field_):
                continue  # "آخر تحديث: ...": the last change, never the publication
            if at + 1 < len(split) and _CLOCK_ALONE.fullmatch(split[at + 1]):
                # The day with the clock its next field prints alone ("1448/12/08 هـ | 14
                # مايو 2027 م | 21:36"), read before the day alone.
                fields.append(f"{field_} {split[at + 1]}")
            fields.append(field_)
            if label := _FIELD_LABEL.match(field_):
                fields.append(field_[label.end() :])
    return fields


def _own_texts(element: etree._Element, skipped: frozenset[str] = frozenset()) -> list[str]:
    """The text pieces under `element` that are not inside a list item (or other element
    no date is taken from, or one of `skipped`) below it, nor a reading time's."""
    never = _NEVER_DATE_TAGS | skipped
    pieces = []
    for piece in element.xpath(".//text()"):
        holder = piece.getparent()
        if piece.is_tail:
            holder = holder.getparent()
        below = [holder, *holder.iterancestors()]
        if any(node.tag in never for node in below[: below.index(element) + 1]):
            continue
        if READING_MARK.search(holder.get("class") or ""):
            continue  # "2 دقائق" to read (Jannah's meta-reading-time), no time ago
        pieces.append(clean_text(piece))
    return pieces


def _outside_story(element: etree._Element) -> bool:
    """Inside a list item, a comment, a footer, a menu or a sidebar (or one itself)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            break  # a page's classes say nothing of one element
        if _story_meta_footer(node):
            continue
        if node.tag in _NEVER_DATE_TAGS:
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _NOT_PUBLISHED_MARK.search(marks) or "footer" in marks.lower():
            # (Checked again without the layout's classes, only where it matters: the
            # substitution costs more than the search.)
            marks = _LAYOUT_CLASSES.sub("", marks)
            if _NOT_PUBLISHED_MARK.search(marks) or "footer" in marks.lower():
                return True
    return False


def _doubtful_stated_time(
    candidates: list[tuple[str, str, str]], modified: list[tuple[str, str]], reference: datetime
) -> bool:
    """Whether the metadata's publication time, the page's only one, may be another time
    than the publication's: the last modification's (equal to it), the render time
    (minutes before the fetch), a local clock written as UTC or with no offset, or a day
    with no clock."""
    if any(reader != "machine" for _, reader, _ in candidates):
        return False
    stated = [raw.strip() for _, reader, raw in candidates]
    if not stated:
        return False
    resaved = {raw.strip() for _, raw in modified}
    for raw in stated:
        reading = read_machine(raw, "UTC", reference)
        if reading.value is None:
            continue
        if raw in resaved or abs((reference - reading.value).total_seconds()) <= RENDER_STAMP_S:
            return True
        if reading.precision in ("minute", "exact") and not STATED_OFFSET.search(raw):
            return True
        if reading.precision == "day":
            return True  # a day alone ("2027-08-18"): a clock printed that day refines it
    return False


# A line that says it gives the publication: "First Published:", "Published on", "نشر في",
# a story's foot stamp "نُشر هذا الخبر يوم".
_PUBLICATION_LABEL = re.compile(
    r"^\W*(?:(?:first|originally) published|published|posted|نُ?شر (?:في|بتاريخ|يوم|هذا (?:الخبر|المقال))"
    r"|تاريخ النشر|تم النشر)\b",
    re.I,
)


# Blogger prints a post's day in the date header above it and its clock in the post's
# footer ("في 7:45 م"); a template without the machine time (`abbr.published[title]`)
# states no other.
_BLOGGER_DAY = etree.XPath(
    "(//h2[contains(concat(' ', normalize-space(@class), ' '), ' date-header ')])[1]"
)
_BLOGGER_CLOCK = etree.XPath(
    "(//*[contains(concat(' ', normalize-space(@class), ' '), ' post-timestamp ')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' published ')])[1]"
)


def blogger_time(sel: Selector, reference: datetime) -> str | None:
    """A Blogger post's printed day and clock, as one text ("الاثنين، 30 نوفمبر 2026 7:45
    م"); the day alone when the clock is missing; None on other pages."""
    day = next(iter(_BLOGGER_DAY(sel.root)), None)
    if day is None or not (day_text := clean_text(day.text_content())):
        return None
    clock = next(iter(_BLOGGER_CLOCK(sel.root)), None)
    for text in (
        f"{day_text} {clean_text(clock.text_content())}" if clock is not None else "",
        day_text,
    ):
        if text and read_time(text, reference + ZONE_AHEAD).value is not None:
            return text
    return None


# WordPress's old default theme says when in a sentence under the post ("This entry was
# posted on Tuesday, March 15th, 2011 at 9:12 am and is filed under …").
_POSTED_SENTENCE = re.compile(
    r"this (?:entry|post) was posted (?:on )?(?P<when>.{6,60}?) (?:and is filed|by|in)\b", re.I
)


def labelled_publication(sel: Selector, reference: datetime) -> str | None:
    """A short line labelled as the publication, anywhere outside menus, sidebars,
    comments and other stories' blocks, that the time layer reads; None when none."""
    for element in sel.root.iter("p", "div", "span", "li", "time", "td", "small"):
        text = clean_text(element.text_content())
        if not text or len(text) > 2 * (MAX_DATE_CHARS + 20):
            continue
        if (
            (posted := _POSTED_SENTENCE.match(text))
            and not _in_other_block(element)
            and read_time(posted.group("when"), reference, "unknown").value is not None
        ):
            return posted.group("when")
        if not _PUBLICATION_LABEL.match(text):
            continue
        if _in_other_block(element) or _UPDATE_LABEL.match(text):
            continue
        # (Its first line only, where a <br> puts the modification's under it: "Published:
        # Tuesday, May 14, 2013 at 10:04 p.m.<br>Last Modified: ...".)
        line = clean_text(element.text or "") if element.find("br") is not None else text
        if not line or len(line) > MAX_DATE_CHARS + 20 or not _PUBLICATION_LABEL.match(line):
            continue
        if read_time(line, reference, "unknown").value is not None:
            return line
    return None


# A print edition's issue and its day ("العدد 7342 - الأربعاء 12 ماي 2027", "N° 7342 du
# 12 mai 2027").
_ISSUE_DAY = re.compile(
    r"(?:العدد|عدد|n°|no\.?|issue)\s*(?P<number>\d{2,6})\s*(?:[-–—|،,:]|du|of)\s*(?P<day>.{6,40})$",
    re.IGNORECASE,
)


# ... and a column's line saying it was printed in an issue on a day ("نُشر في العدد 14587 من
# الطبعة الورقية بتاريخ 08 مايو 2027").
_PRINTED_IN_ISSUE = re.compile(
    r"^نُ?شر(?:ت)? في العدد\s*\d{2,6}\b.{0,30}?\bبتاريخ\s*(?P<day>.{6,40})$"
)


# A breadcrumb by its class ("breadcrumb", "post-breadcrumb", Jarida's "crumbs").
_BREADCRUMBS = etree.XPath(
    "//body//*[contains(@class, 'breadcrumb') or contains(@class, 'crumbs')]", smart_strings=False
)
MAX_DAY_STEP_CHARS = 40


def breadcrumb_day(sel: Selector, reference: datetime) -> str | None:
    """The day a breadcrumb's last step prints where the trail ends on the story's date,
    not its headline ("الرئيسية › محليات › الاثنين 5 يوليو 2027"); None when it does not.
    Read only where nothing else dates the page."""
    for trail in _BREADCRUMBS(sel.root):
        steps = [e for e in trail.iter("li", "span", "a") if len(e) == 0]
        if len(steps) < 2:
            continue
        last = clean_text(steps[-1].text_content())
        if 0 < len(last) <= MAX_DAY_STEP_CHARS and any(c.isdigit() for c in last):
            reading = read_time(last, reference, "unknown")
            if reading.value is not None and reading.precision not in ("month", "year"):
                return last
        return None
    return None


def issue_day(sel: Selector, page_url: str, reference: datetime) -> str | None:
    """The day of the print issue a page belongs to: a short line naming the issue's
    number, which the page's own address names too ("/edition/7342/page/5/article/88213"),
    and its day, or a line saying the text was printed in an issue on a day; None when
    none."""
    path = set(urlsplit(page_url).path.split("/"))
    for element in sel.root.iter("span", "div", "p", "strong", "li"):
        text = clean_text(element.text_content())
        if len(text) > MAX_DATE_CHARS + 40:
            continue
        if (printed := _PRINTED_IN_ISSUE.match(text)) and read_time(
            printed.group("day"), reference
        ).value:
            return printed.group("day")
        if not (found := _ISSUE_DAY.search(text)):
            continue
        if found.group("number") in path and read_time(found.group("day"), reference).value:
            return found.group("day")
    return None


def _any_stated_time(candidates: list[tuple[str, str, str]], reference: datetime) -> bool:
    """Whether one of the metadata's publication times reads (in any zone)."""
    return any(
        read_machine(raw, "unknown", reference).value is not None
        for _, reader, raw in candidates
        if reader == "machine"
    )


# How many lines of the story's header trafilatura may keep before the story's first
# paragraph (a section label, the printed date, an update line, a byline).
HEADER_LINES = 4
MAX_MENU_CHARS = 40
# A lead picture's or video's caption closing on its credit ("… east of Bonner on Friday.
# (Video: KBZM)"), which a caption in a <div> leaves among the header's lines.
_MEDIA_CREDIT_END = re.compile(
    r"\((?:video|photo|photos|image|file photo|صورة|الصورة|فيديو|تصوير)\s*:\s*[^()]{1,40}\)\s*$",
    re.I,
)
MAX_CAPTION_CHARS = 200


def without_header_lines(
    paragraphs: list[str],
    reference: datetime,
    chrome: Callable[[], frozenset[str]] = frozenset,
    writers: Callable[[], frozenset[str]] = frozenset,
    site_dateline: Callable[[str], bool] = lambda line: False,
) -> tuple[list[str], str]:
    """The body without the header lines trafilatura keeps above the story: the printed
    date ("الثلاثاء 01-12-2026 13:44", "منذ 5 ساعات", "آخر تحديث: ..."), a labelled byline
    ("كتب- أحمد سالم:"), or a byline and a date on one line ("كتب: هبة محمود 03:05 م |
    الثلاثاء 01 ديسمبر 2026"), each maybe an item of a details list ("- كتب: ..."); and
    the byline's name ("" when none). Stops at the first
    line that is neither: a dateline ("القاهرة - أ ش أ") is the story's opening. Before
    them, the texts of the site's menu (`chrome()`, asked only when the first line is as
    short as a menu entry), which trafilatura keeps above a short story. A line that is only
    a writer's name (`writers()`: a link to a writer's page, as an opinion column's writer
    box prints it, or the names in an element classed as a byline) is the byline too, and
    a dateline naming the site alone (`site_dateline`: "دبي - العربية.نت") among them
    opens what is left, as it opens a story printed without header lines."""
    byline = dateline = ""
    count = 0
    if paragraphs and len(paragraphs[0]) <= MAX_MENU_CHARS:
        menu = chrome()
        while count < len(paragraphs) and paragraphs[count] in menu:
            count += 1
    if count < len(paragraphs) and _trail_line(paragraphs[count]):
        count += 1
    for paragraph in paragraphs[count : count + HEADER_LINES]:
        line = paragraph.removeprefix("- ")  # an item of the header's details list
        line = _PAGE_TOOLS.sub("", line) or line  # the tools after a date
        line = _TRAILING_VIEW_COUNT.sub("", line) or line
        if _HEADER_CHROME.fullmatch(line) or (
            len(line) <= MAX_CAPTION_CHARS and _MEDIA_CREDIT_END.search(line)
        ):
            count += 1  # the page's reading tools, a photo's label or its caption
            continue
        if site_dateline(line) and not dateline:
            dateline = paragraph  # kept, to open the story as it does after the header
            count += 1
            continue
        labelled = parse_source_line(line) if len(line) <= MAX_MENU_CHARS else None
        if labelled is not None and labelled.form == "source-line":
            count += 1  # "المصدر: كونا" between the date and the views (its own reader)
            continue
        if (desk := _AGENCY_BEFORE.match(line)) and is_known_outlet(desk["agency"]):
            line = line[desk.end() :]  # "PTI / Updated: Dec 4, 2026, 14:05 IST"
        if len(line) > MAX_DATE_CHARS:
            break
        if (
            (dated := _DATE_THEN_BYLINE.match(line))
            and _UPDATE_LABEL.match(line)
            and _is_printed_date(dated["date"], reference)
        ):
            # A plugin's stamp at the story's top ("Last Updated on March 8, 2027 by Staff
            # Writer"): its name is the last editor's, no byline.
            count += 1
            continue
        if (_BYLINE_BLOCK_LINE.match(line) and (byline or count < len(paragraphs) - 1)) or (
            byline and metadata.role_line(line)
        ):
            # a byline list's heading or the writer's role ("المنصب، ...", "Gazette
            # Correspondent" under "By Dana Kowalski")
            count += 1
            continue
        if (
            not _is_printed_date(line, reference)
            and not _count_and_date(line, reference)
            and not _VIEW_COUNT.fullmatch(line)
            and not _section_and_date(line, reference)
        ):
            name = byline_with_date(line, reference)
            if not name and len(line) <= MAX_MENU_CHARS and line in writers():
                name = line
            if not name or byline:
                break
            byline = name
        count += 1
    return ([dateline] if dateline else []) + paragraphs[count:], byline


# The page's tools printed among the header's lines: reading tools glued as trafilatura
# keeps them ("ShareAA+Text SizeFollow us"), an old portal's print and send links after
# the date ("... 08:35 ص طباعة | إرسال").
_TOOLS_RUN = (
    r"(?:\s*[|/·]?\s*(?:share|aa\+|a\+|a-|text size|font size|follow us|listen(?: to this "
    r"(?:article|story))?|save|print|e-?mail|send|شارك|مشاركة|حجم الخط|تابعنا|استمع|طباعة|طباعه"
    r"|إرسال|ارسال|أرسل لصديق))+\s*"
)
_PAGE_TOOLS = re.compile(rf"{_TOOLS_RUN}$", re.I)
_COUNT = r"[0-9٠-٩]{1,2}"
# A line of tools alone, the label of the photo above the story, or a listen widget's
# length and its text-to-speech note.
_HEADER_CHROME = re.compile(
    rf"{_TOOLS_RUN}|file (?:photo|image|picture)|representative (?:image|photo)"
    r"|صورة (?:أرشيفية|تعبيرية)|\((?:file|archive) photo\)|estimated \d+ minutes?"
    r"|the audio version of this (?:article|story) is generated by [^.]{3,100}\.?"
    # A header's exchange rates ("FJD/AUD 0.6731 FJD/USD 0.4429").
    r"|(?:[a-z]{3}/[a-z]{3}\s*[\d.,]+\s*){2,}"
    # A date line's labels left without their <time>s ("Posted , updated", ABC's; "نشر في:",
    # "آخر تحديث:").
    r"|(?:posted|published|updated)(?:\s*[,|·]?\s*(?:posted|published|updated))*\s*,?"
    r"|(?:(?:تاريخ |تم |آخر |اخر )?(?:نشر|تحديث|النشر|التحديث)(?: في| بتاريخ)?\s*[:：]?\s*)+"
    # A reading time ("قراءة 1 دقيقة", "3 دقائق للقراءة", "4 min read").
    rf"|(?:مدة ال)?قراءة\s*[:：]?\s*{_COUNT}\s*(?:دقيقة|دقائق|د)"
    rf"|{_COUNT}\s*(?:دقيقة|دقائق)\s*(?:قراءة|للقراءة)|{_COUNT}\s*min(?:ute)?s?\.?\s*read",
    re.I,
)
# An agency before the header's date: "PTI / Updated: ...".
_AGENCY_BEFORE = re.compile(r"(?P<agency>[^/|]{2,20}?)\s*[/|]\s*")


# The day a wire's dateline prints between its place and its agency ("القاهرة 4 مارس آذار
# (رويترز) -", "BEIRUT, March 4 (Reuters) -", MENA's "القاهرة في 3 يوليو /تموز/ (أ ش أ) -"),
# the year left out.
_DATELINE_DAY = re.compile(
    r"^[^\W\d]+(?:[\s-][^\W\d]+)?,?\s+(?P<day>(?:[0-9٠-٩]{1,2}\s+)?[^\W\d]+"
    r"(?:\s*[\s/]\s*[^\W\d]+/?)?(?:\s+[0-9٠-٩]{1,2})?)\s*\("
)


def _dateline_day(dateline: str) -> str | None:
    """The day a wire's dateline prints, as printed, for the time layer (which gives it the
    most recent past year); None where it prints none. The last word on the date of a
    story that states no other."""
    match = _DATELINE_DAY.match(dateline)
    return match["day"] if match and any(c.isdigit() for c in match["day"]) else None


# The steps of a breadcrumb printed as one line ("News › India News › <headline>").
_TRAIL_STEP = re.compile(r"\s+[›»]\s+")
# ">" only after the home page's step (SPIP's "الصفحة الأولى > أخبار > الشأن الإنساني >
# …"): else a comparison in a sentence, or a menu's path in a how-to ("الإعدادات >
# الخصوصية > …").
_TRAIL_STEP_ASCII = re.compile(r"\s+>\s+")
TRAIL_STEP_WORDS = 4


def _trail_line(line: str) -> bool:
    """Whether a line is a breadcrumb trail: three steps or more, each before the last of
    a few words ("»" not where a "«" opens a quotation)."""
    if "«" in line:
        return False
    for step in (_TRAIL_STEP, _TRAIL_STEP_ASCII):
        *steps, _ = step.split(line)
        if (
            len(steps) >= 2
            and all(0 < len(s.split()) <= TRAIL_STEP_WORDS for s in steps)
            and (step is _TRAIL_STEP or metadata.is_home_word(steps[0]))
        ):
            return True
    return False


# A wire story's sign-off: "(Reporting by Terje Solsvik in Oslo and Anna Ringstrom in
# Stockholm; editing by Mark Potter)": credits, each of names (or a desk: "the Beijing
# newsroom"), a place after any of them; never a sentence ("Production by the plant ...").
_CREDIT = re.compile(
    r"(?:additional reporting|reporting|writing|editing|edited|compiled|production|graphics)"
    r"\s+by\s+(?P<names>.+)",
    re.IGNORECASE,
)
_CREDIT_NAMES = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_NAME_PARTICLE = frozenset(("von", "van", "der", "den", "de", "del", "da", "di", "al", "el", "bin"))


def _sign_off(line: str) -> bool:
    """Whether a line is a wire story's sign-off (`_CREDIT`, ";"-separated)."""
    credits = line.strip().removeprefix("(").removesuffix(".").removesuffix(")").split(";")
    for credit in credits:
        found = _CREDIT.fullmatch(credit.strip())
        if found is None:
            return False
        for name in _CREDIT_NAMES.split(found.group("names")):
            name = re.sub(r"\s+in\s+\S.*$", "", name.strip())  # "... in New York"
            words = name.removeprefix("the ").split()
            if not 0 < len(words) <= 4 or any(
                not (w[0].isupper() or w in _NAME_PARTICLE or w == "newsroom") for w in words
            ):
                return False
    return True


TRAILER_LINES = 3
MAX_SIGN_OFF_CHARS = 240


def without_trailing_lines(paragraphs: list[str], reference: datetime) -> list[str]:
    """The body without what a page prints after the story's last paragraph, inside the
    story's container: the date stamp ("Published November 24, 2026 9:04 AM UTC", "نشر في
    24 نوفمبر 2026") and a wire story's sign-off (`_sign_off`), up to `TRAILER_LINES`; and,
    under a brief, the header's lines trafilatura reads after it (`_header_chrome_line`:
    the date, the weather, a badge, the byline, a "follow us" line), up to
    `HEADER_CHROME_LINES`."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs) - end < TRAILER_LINES:
        line = paragraphs[end - 1]
        if len(line) > MAX_SIGN_OFF_CHARS or not (
            _sign_off(line) or (len(line) <= MAX_DATE_CHARS and _is_printed_date(line, reference))
        ):
            break
        end -= 1
    chrome = end
    while chrome > 1 and end - chrome < HEADER_CHROME_LINES:
        if not _header_chrome_line(paragraphs[chrome - 1], reference):
            break
        chrome -= 1
    run = paragraphs[chrome:end]
    # Only a run of several such lines, a header's among them (the blocks under a story
    # alone leave later, `split_source_line`): one line alone may be the story's own.
    if len(run) < MIN_HEADER_CHROME_LINES or all(map(trailing_block_line, run)):
        return paragraphs[:end]
    return paragraphs[:chrome]


HEADER_CHROME_LINES = 8
MIN_HEADER_CHROME_LINES = 3
# A badge over a brief ("عاجل"), and the weather line in a portal's top bar ("القاهرة 19°").
_WEATHER_LINE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)? -?\d{1,2}(?:\s*-\s*-?\d{1,2})?\s*°")


def _header_chrome_line(line: str, reference: datetime) -> bool:
    """Whether a short line is a header's: a printed date, a badge, the weather, a labelled
    byline, a block's line under stories (follow us, share)."""
    return len(line) <= MAX_DATE_CHARS and (
        line.strip() in BADGES
        or bool(_WEATHER_LINE.match(line))
        or _is_printed_date(line, reference)
        or bool(metadata.opening_byline(line))
        or trailing_block_line(line)
    )


# The site's menu links: in <nav>, in the page's <header>, or in an element named for a menu.
_MENU_LINKS = ("//nav//a", "//header//a", "//*[contains(@class, 'menu')]//a")
_CHROME_TEXTS = etree.XPath(" | ".join([*_MENU_LINKS, "//header//button"]), smart_strings=False)


def _chrome_texts(sel: Selector) -> frozenset[str]:
    """The texts of the site's menus and header links and buttons."""
    return frozenset(clean_text(element.text_content()) for element in _CHROME_TEXTS(sel.root))


# A view counter printed beside the byline and the date ("2,431 مشاهدة", "٥٠٠ قراءة",
# "1.2K views"): a header line, never the story's.
_VIEW_NUMBER = r"[0-9٠-٩]+(?:[,٬.][0-9٠-٩]{1,3})*\s*[kKمألف]?"
_VIEW_COUNT = re.compile(
    rf"{_VIEW_NUMBER}\s*(?:مشاهدة|مشاهدات|قراءة|قراءات|زيارة|زيارات|views?|reads?)"
    rf"|(?:عدد )?(?:ال)?(?:مشاهدات|قراءات|زيارات)\s*[:：]?\s*{_VIEW_NUMBER}"
    rf"|(?:views|reads)\s*[:：]\s*{_VIEW_NUMBER}",
    re.IGNORECASE,
)
# The counter closing a details line ("... | عدد القراءات: 3412").
_TRAILING_VIEW_COUNT = re.compile(rf"\s*[|·•]\s*(?:{_VIEW_COUNT.pattern})\s*$", re.IGNORECASE)
# A view counter printed before the date on the details line ("1,204 قبل ساعتين").
_LEADING_COUNT = re.compile(r"^[0-9٠-٩]{1,3}(?:[,٬][0-9٠-٩]{3})*\s+(?=\D)")


def _count_and_date(text: str, reference: datetime) -> bool:
    """A details line holding a view count, then the printed date."""
    rest = _LEADING_COUNT.sub("", text, count=1)
    return rest != text and _is_printed_date(rest, reference)


# A section's name before the date on the header's line ("General News of Friday, 13 May
# 2016", "Business | 3 August 2027").
_SECTION_BEFORE_DATE = re.compile(r"(?P<section>[^\W\d][^\d|:]{0,40}?)\s+(?:of|on|[|\-–—])\s+")
MAX_SECTION_WORDS_BEFORE_DATE = 4


def _section_and_date(line: str, reference: datetime) -> bool:
    """Whether a header line is a section's name, then the date (no byline: "كتب: … |
    الأحد 21 مارس 2027" names the writer)."""
    match = _SECTION_BEFORE_DATE.match(line)
    return (
        match is not None
        and len(match["section"].split()) <= MAX_SECTION_WORDS_BEFORE_DATE
        and not metadata.opening_byline(match["section"])
        and _is_printed_date(line[match.end() :], reference)
    )


def _is_printed_date(text: str, reference: datetime) -> bool:
    """A line the time layer reads to a day or finer (a year alone may be a heading). Read
    in the unknown zone: whether a line is a date must not depend on how soon after its
    printed local time the page was fetched (a time east of UTC is hours "ahead")."""
    reading = read_time(text, reference, "unknown")
    return reading.value is not None and reading.precision not in ("year", "month")


def byline_with_date(text: str, reference: datetime) -> str:
    """The name of a labelled byline ("كتب: هبة محمود"), alone or followed by the printed
    date on the same line; "" for anything else. A bar ends the name ("كتب: فهد العنزي |
    الثلاثاء 9 مارس 2027"); a view counter may close the line ("| قراءات: 2218")."""
    text = _TRAILING_VIEW_COUNT.sub("", text)
    # (A row's date label after the name: "كتب: المحرر المحلي تاريخ النشر : 2027-08-21".)
    text = _DATE_LABEL_AFTER.sub("", text)
    name = metadata.opening_byline(text) or _split_byline(text, reference)[0]
    # (Drupal's "بواسطة <name> في <date>": the preposition before the date is no name's.)
    return _TRAILING_ON.sub("", name.partition("|")[0].strip())


_TRAILING_ON = re.compile(r"\s+(?:في|on|am|le)$")


_DATE_LABEL_AFTER = re.compile(
    r"\s+(?:تاريخ النشر|تاريخ الخبر|نشر بتاريخ|نشر في|آخر تحديث)\s*:.*$", re.DOTALL
)


_LEADING_SEPARATORS = re.compile(r"^(?:[|\-–—]+(?:\s+|$)|\s+)+")


# Older themes' entry meta prints the date first: "Posted on March 10, 2025 at 4:15 PM by
# Jill Sanderson in Local News", "March 10, 2025 | By Jill Sanderson | Local News | 1,204
# views", "Publié le 10 mars 2025 par Jean Dupont". What follows the name is the section,
# a count, a comment link.
_DATE_THEN_BYLINE = re.compile(
    r"^(?:(?:posted|published|publié)(?: on| le)?:?\s+)?(?P<date>.+?)\s+(?:[|\-–—·•]\s+)?"
    r"(?P<byline>(?:by|par|von)\s.+)$",
    re.IGNORECASE,
)
_AFTER_BYLINE_NAME = re.compile(r"\s+(?:[|·•]|in\s|dans\s).*$", re.IGNORECASE)


def _split_byline(text: str, reference: datetime) -> tuple[str, str]:
    """(name, date) of a labelled byline followed by a printed date on one line ("كتب: هبة
    محمود 03:05 م | الثلاثاء 01 ديسمبر 2026"), or preceded by one (`_DATE_THEN_BYLINE`);
    ("", "") for anything else."""
    dated = _DATE_THEN_BYLINE.match(text)
    if dated and not _UPDATE_LABEL.match(text) and _is_printed_date(dated["date"], reference):
        name = metadata.opening_byline(_AFTER_BYLINE_NAME.sub("", dated["byline"]))
        # A Latin name is capitalized: "March 10, 2025 by the numbers" names no one.
        if len(name.split()) >= 2 and (name[0].isupper() or not name[0].isascii()):
            return name, dated["date"]
    words = text.split(" ")
    for cut in range(len(words) - 1, 1, -1):  # the longest name ("علي" may be a date word)
        name = metadata.opening_byline(" ".join(words[:cut]))
        # Two words at least: "كتب في 5 مايو 2024" is "written on", no byline.
        # A separator goes with the space after it: "-5 ساعات" keeps its minus sign.
        after = _LEADING_SEPARATORS.sub("", " ".join(words[cut:]))
        if len(name.split()) < 2:
            continue
        label = UPDATE_LABEL.search(name)
        if label or _UPDATE_LABEL.match(after):
            # "Par X - Modifié le ...": the date after is the last change, no publication;
            # the name before the label is still the writer's.
            kept = name[: label.start()].rstrip(" |-–—·•,") if label else name
            return (kept, "") if len(kept.split()) >= 2 else ("", "")
        if _is_printed_date(after, reference):
            return name, after
    return "", ""


# Headings hold titles ("بقلم ..." as a column's name), never the byline.
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# Classes of an element that holds a byline ("writeBy", "byline", "reporter").
_BYLINE_MARK = re.compile(r"by(?:line)?\b|writeby|written|author|writer|reporter", re.IGNORECASE)


MAX_NAME_WORDS = 5


def headline_byline(
    sel: Selector,
    reference: datetime,
    headline: str = "",
    page_url: str = "",
    page: metadata.PageMeta | None = None,
) -> str:
    """The name of a labelled byline printed beside the headline ("كتب محمد عبد الحميد" in
    its own element, maybe with the date after it), or of a link there to the writer's
    page on the site (`/author/...`, no label, no class: "أمينة بلقاسم"), or after a
    person's icon, outside lists, menus and comments; a desk's account only when no such
    line names a person."""
    host = urlsplit(page_url).hostname if page_url and page is not None else None
    # "بواسطة محرر الموقع": the account, no person; the writer's line may follow. The
    # account is the byline only when no line names a person.
    accounts: list[str] = []

    def person(name: str) -> str:
        if page is None:
            return name
        name = metadata.byline_person(page, name, page_url)
        if name and metadata.names_nobody(page, name, page_url):
            accounts.append(name)
            return ""
        return name

    for element in _header_elements(sel, headline):
        if element.tag == "a" and host and (name := _writer_link(element, page_url, host)):
            if name := person(name):
                return name
            continue
        if _in_story_link(element, page_url):
            continue  # a teaser's title ("<a href=/news/…/203801.html>تقرير: …</a>")
        if name := _icon_byline(element):
            if name := person(name):
                return name
            continue
        if (
            element.tag in _HEADING_TAGS
            or any(
                isinstance(child.tag, str) and child.tag not in ("a", "span", "strong", "b")
                for child in element
            )
            # (Nor a card's linked heading: "<h4><a>تقرير: موسم الخريف يقترب …</a></h4>".)
            or next(element.iterancestors(*_HEADING_TAGS), None) is not None
        ):
            continue
        text = clean_text(element.text_content())
        if (
            metadata.unmarked_label(text)
            and not len(element)
            and not _BYLINE_MARK.search(f"{element.get('class') or ''} {element.get('id') or ''}")
        ):
            continue  # "كتب الرئيس رسالة ...": a sentence, unless its element says byline
        name = byline_with_date(text, reference) if text and len(text) <= MAX_DATE_CHARS else ""
        if name and (name := person(name)):
            return name
    return accounts[0] if accounts else ""


# A person's icon before a name, the byline's only mark in a meta line under the headline
# (`<span><i class="fa-regular fa-user"></i> عبد الرحمن القماطي</span>`).
_PERSON_ICON = re.compile(
    r"(?<![\w-])(?:fa-user(?:-o|-circle|-pen|-edit)?|fa-pen(?:cil)?|(?:tie-)?icon-user"
    r"|icon-person|bi-person|dashicons-admin-users)(?![\w-])",
    re.IGNORECASE,
)


def _icon_byline(element: etree._Element) -> str:
    """The name an element prints after a person's icon ("" when it opens with none, or
    what follows is no name: a number, a date, one word, a sentence)."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children or len(children) > 2 or children[0].tag not in ("i", "span", "svg"):
        return ""
    if not _PERSON_ICON.search(children[0].get("class") or ""):
        return ""
    text = clean_text(element.text_content())
    words = text.split()
    if any(c.isdigit() for c in text) or not 2 <= len(words) <= MAX_NAME_WORDS:
        return ""
    return text


# The other lines of a byline list printed above the story: its heading ("معلومات عن
# الكاتب", screen-reader text) and the writer's role after a label ("المنصب، مراسل").
_BYLINE_BLOCK_LINE = re.compile(
    r"^(?:(?:معلومات )?عن الكاتب|about the author|(?:المنصب|الصفة|role)\s*[،,:]\s*\S.*)$",
    re.IGNORECASE,
)


def _writer_names(sel: Selector, page_url: str) -> frozenset[str]:
    """The names of the page's links to writers' pages on its own site, outside lists,
    menus, sidebars and comments."""
    host = urlsplit(page_url).hostname if page_url else None
    if not host:
        return frozenset()
    return frozenset(
        name
        for link in sel.root.iter("a")
        if not _outside_story(link) and (name := _writer_link(link, page_url, host))
    )


def _writer_link(link: etree._Element, page_url: str, host: str) -> str:
    """The name a link gives when it leads to a writer's page on the site and its text is
    a short run of words, no digits."""
    url = metadata.join_url(page_url, link.get("href") or "")
    if url is None or urlsplit(url).hostname != host or not metadata.WRITER_PATH.search(url):
        return ""
    name = clean_text(link.text_content())
    if not name or len(name.split()) > MAX_NAME_WORDS or any(c.isdigit() for c in name):
        return ""
    return name


# Classes of a section label above the headline: "section", "category-label", "news-cat",
# "topic-cat", "article-section", "kicker", "rubric".
_SECTION_MARK = re.compile(r"cat|section|topic|kicker|rubri", re.IGNORECASE)
MAX_SECTION_WORDS = 4
# An address shaped as a section's or a category's ("/category/economy", "/section/local",
# "/Section/أخبار-مصر/65/1"), never a tag's.
_SECTION_PATH = re.compile(r"/(?:category|categories|cat|section|sections)/[^/]", re.IGNORECASE)
_SITE_NAME = etree.XPath('//meta[@property="og:site_name"]/@content', smart_strings=False)
_MENU_HREFS = etree.XPath(" | ".join(f"{path}/@href" for path in _MENU_LINKS), smart_strings=False)


# A link to whoever provides or pays for the page ("News provided by <a>Harborline Foods,
# Inc.</a>", PR Newswire), no section.
_CREDITED_AFTER = re.compile(
    r"\b(?:provided|presented|sponsored|paid for|brought to you) by\W*$", re.IGNORECASE
)


def _text_before(link: etree._Element) -> str:
    """The text printed before `link` in its parent element."""
    parent = link.getparent()
    if parent is None:
        return ""
    pieces = [parent.text or ""]
    for sibling in parent:
        if sibling is link:
            break
        if isinstance(sibling.tag, str):
            pieces.append(sibling.text_content())
        pieces.append(sibling.tail or "")
    return " ".join(pieces)


def headline_section(sel: Selector, page_url: str, headline: str = "") -> list[dict]:
    """The section label printed above the headline, as a one-item category list ([] when
    none): a short link to a page of the same site, in an element before the headline
    whose class says section or category, or that the site's menu links to as well, or
    whose address is a section's or a category's or a folder the page's own address sits
    in; never the site's own name. A catch-all ("الأخبار" before "أخبار محلية" in a trail)
    only where no other label follows it."""
    fallback: list[dict] = []
    fallback_in = None
    for found, holder in islice(_headline_sections(sel, page_url, headline), SECTION_LABELS_READ):
        if fallback and holder is not fallback_in:
            break  # (a label of another block: the catch-all's own trail ended)
        if not metadata.catch_all(found[0]["name"]):
            return found
        if not fallback:
            fallback, fallback_in = found, holder
    return fallback


# How many labels above the headline are weighed: a trail's few steps.
SECTION_LABELS_READ = 3


# A print paper's issue above the headline ("العدد ٥٢١٤", "Issue 5214"), no section.
_ISSUE_NUMBER = re.compile(r"(?:ال)?عدد\s*(?:رقم\s*)?[0-9٠-٩]+|(?:issue|no\.)\s*[0-9]+", re.I)


def _headline_sections(
    sel: Selector, page_url: str, headline: str
) -> Iterator[tuple[list[dict], etree._Element]]:
    """`headline_section`'s labels, nearest first, each with the element above the
    headline that holds it."""
    element = headline_element(sel, headline)
    if element is None:
        return
    if opening := _label_opening_headline(element, headline, page_url):
        yield opening, element
        return
    holder = headline_holder(element)[0]
    host = urlsplit(page_url).hostname
    menu: set[str] | None = None  # read only for a label no class marks (a cost per page)
    # (An empty element, a slot the page's scripts fill, prints nothing above it.)
    before = [
        e
        for e in holder.itersiblings(preceding=True)
        if isinstance(e.tag, str) and ((e.text or "").strip() or len(e))
    ]
    parent = holder.getparent()
    if not before and parent is not None and parent.tag not in ("body", "html"):
        # The headline opens the story's wrapper: the label sits before the wrapper.
        before = [e for e in parent.itersiblings(preceding=True) if isinstance(e.tag, str)]
    # The site's menu is no label, before the headline or before its wrapper; a
    # breadcrumb is.
    before = [e for e in before if not _site_menu(e)]
    for element in before[:DATE_SIBLINGS]:
        for link in element.iter("a"):
            name = metadata.lxml_link_text(link)
            href = link.get("href") or ""
            url = metadata.join_url(page_url, href) if href else None
            if (
                not name
                or len(name.split()) > MAX_SECTION_WORDS
                or url is None
                or urlsplit(url).hostname != host
                or url.rstrip("/") == page_url.rstrip("/")
                or metadata.home_address(url)
                or _CREDITED_AFTER.search(_text_before(link))
                or _ISSUE_NUMBER.fullmatch(name)
                or _PLACE_TOPIC_LINK.match(href)  # Al Jazeera's places: tags, no section
            ):
                continue
            marks = []
            for node in (link, *link.iterancestors()):  # up to the element before the h1
                marks.append(f"{node.get('class') or ''} {node.get('id') or ''}")
                if node is element:
                    break
            if _SECTION_MARK.search(" ".join(marks)):
                yield [{"name": name, "url": url}], element
                continue
            if (
                _SECTION_PATH.search(urlsplit(url).path) or metadata.section_folder(url, page_url)
            ) and name not in _SITE_NAME(sel.root):
                yield [{"name": name, "url": url}], element
                continue
            if menu is None:
                # "/uk" in the story's header, "/uk/" in the menu: the same section.
                menu = {h.rstrip("/") or "/" for h in _MENU_HREFS(sel.root)}
            if (href.rstrip("/") or "/") in menu:
                yield [{"name": name, "url": url}], element
                continue
            if (
                element is before[0]
                and sum(1 for _ in element.iter("a")) == 1
                and clean_text(element.text_content()) == name
                and not article_address(url)
                and not _NOT_A_SECTION_PLACE.search(
                    f"{urlsplit(url).path} {element.get('class') or ''}"
                )
                and name not in _SITE_NAME(sel.root)
            ):
                # The one link of the element right above the headline, to no story: the
                # label ABC and Al Jazeera print there ("Politics", "Sudan war").
                yield [{"name": name, "url": url}], element
                continue
        if (label := _section_label(element, sel)) is not None:
            yield [{"name": label, "url": None}], element
        if element is before[0] and (named := _menu_named_heading(element, sel, page_url)):
            yield named, element


def _label_opening_headline(element: etree._Element, headline: str, page_url: str) -> list[dict]:
    """A section's link opening the headline's own element, which the headline leaves out
    ("<h1><a href="/section/economy">اقتصاد</a> | دبي تطلق …</h1>")."""
    link = next((child for child in element if isinstance(child.tag, str)), None)
    if link is None or link.tag != "a" or (element.text or "").strip():
        return []
    name = metadata.lxml_link_text(link)
    url = metadata.join_url(page_url, link.get("href") or "") if link.get("href") else None
    if (
        not name
        or len(name.split()) > MAX_SECTION_WORDS
        or url is None
        or urlsplit(url).hostname != urlsplit(page_url).hostname
        or name in headline
        or not (_SECTION_PATH.search(urlsplit(url).path) or metadata.section_folder(url, page_url))
    ):
        return []
    return [{"name": name, "url": url}]


# The section's name opening a title before its separator ("رياضة | المنتخب …").
_SECTION_BEFORE_TITLE = re.compile(r"^\s*([^|:\-–—]{2,40}?)\s*[|:\-–—]\s*(.+)$")
# A kind of story a title's prefix names, no section ("فيديو | ...", "عاجل: ..."): the
# badges a headline opens with, and their English words.
_STORY_KIND_PREFIX = BADGES | {"شاهد", "video", "watch", "photos", "exclusive"}


def title_section(
    sel: Selector, page: metadata.PageMeta, headline: str, page_url: str
) -> list[dict]:
    """The section a page's titles name before the headline ("<title>رياضة | headline -
    site</title>", og:title the same), where the site's menu links to a section of that
    name: as a one-item category list, the menu's address its own."""
    if not headline:
        return []
    for title in (metadata.meta_content(page, "og:title"), page.title):
        match = _SECTION_BEFORE_TITLE.match(title or "")
        if not match or not match[2].startswith(headline[:30]):
            continue
        name = clean_text(match[1])
        if (
            name.casefold() not in _STORY_KIND_PREFIX
            and len(name.split()) <= MAX_SECTION_WORDS
            and name not in _SITE_NAME(sel.root)
            and (found := _menu_section(sel, name, page_url))
        ):
            return found
    return []


_MENU_LINK_ELEMENTS = etree.XPath(" | ".join(_MENU_LINKS), smart_strings=False)


def _menu_named_heading(element: etree._Element, sel: Selector, page_url: str) -> list[dict]:
    """The section's name printed as a heading of its own, no link, right above the
    headline ("<h2 class="sec-head">عربي ودولي</h2>"), where the site's menu links to a
    section of that name: as a one-item category list, the menu's address its own."""
    if (
        element.tag not in ("h2", "h3", "h4", "div", "span", "p")
        or element.find(".//a") is not None
    ):
        return []
    text = clean_text(element.text_content())
    if not text or len(text.split()) > MAX_SECTION_WORDS or any(c.isdigit() for c in text):
        return []
    return _menu_section(sel, text, page_url)


def _menu_section(sel: Selector, name: str, page_url: str) -> list[dict]:
    """The site menu's section of that name, as a one-item category list ([] when the menu
    links to none but home)."""
    for link in _MENU_LINK_ELEMENTS(sel.root):
        href = link.get("href") or ""
        if href and clean_text(link.text_content()) == name:
            url = metadata.join_url(page_url, href)
            if not metadata.home_address(url):
                return [{"name": name, "url": url}]
    return []


# A writer's card or page above an opinion column's headline, or a tag's page: no section.
_NOT_A_SECTION_PLACE = re.compile(
    r"author|writer|columnist|byline|profile|kuttab|/tags?/|/hashtags?/", re.I
)
_SITE_MENU_MARK = re.compile(
    r"menu|navbar|(?<![a-z])nav(?![a-z])|navigation|sidebar|widget|ticker", re.IGNORECASE
)


def _site_menu(element: etree._Element) -> bool:
    """Whether an element is the site's menu or its header's chrome, not a breadcrumb."""
    marks = (
        f"{element.get('class') or ''} {element.get('id') or ''} {element.get('aria-label') or ''}"
    )
    if "crumb" in marks.lower():
        return False
    return element.tag in ("nav", "header", "aside", "form") or bool(_SITE_MENU_MARK.search(marks))


# A class naming a section or category as a word of its own ("post-cat", "news-section",
# "category-label"; not "location", nor a kicker, which is as often "عاجل").
_SECTION_LABEL_MARK = re.compile(
    r"(?<![a-z])(?:cat|category|section|rubri[cqk]\w*|topic)(?![a-z])", re.I
)

_CAMEL_CASE = re.compile(r"([a-z])([A-Z])")


def _section_label(element: etree._Element, sel: Selector) -> str | None:
    """The text of an element before the headline that a section class marks and that holds
    no link: a section label printed as plain text ("<span class="category">سياسة</span>"),
    a few words that are no date and not the site's name."""
    site_names: list[str] | None = None
    for node in element.iter():
        if not isinstance(node.tag, str) or not _SECTION_LABEL_MARK.search(
            # camelCase parts as words: an old portal's "catTitle"
            _CAMEL_CASE.sub(r"\1 \2", f"{node.get('class') or ''} {node.get('id') or ''}")
        ):
            continue
        if node.tag == "a" or next(node.iter("a"), None) is not None:
            continue
        text = clean_text(node.text_content())
        if not text or len(text.split()) > MAX_SECTION_WORDS or any(c.isdigit() for c in text):
            continue
        if _CREDITED_AFTER.search(text):
            continue  # "News provided by": the label of a credit
        site_names = _SITE_NAME(sel.root) if site_names is None else site_names
        if text not in site_names:
            return text
    return None


# A field naming the story's section by its label: a facts table's row ("<th>القسم</th>
# <td><a>محليات</a></td>"), a definition list's, or a label before a link ("القسم: <a>").
# (A blog's "Categories:" too: its first is the post's.)
_SECTION_FIELD = re.compile(
    r"(?:القسم|التصنيف|الفئة|Section|Category|Categories|Rubrique)\s*:?", re.I
)
_SECTION_FIELD_TEXTS = etree.XPath(
    "//body//text()[contains(., 'القسم') or contains(., 'التصنيف') or contains(., 'الفئة')"
    " or contains(., 'Section') or contains(., 'Categor') or contains(., 'Rubrique')]",
    smart_strings=True,
)
_FIELD_VALUE_TAGS = frozenset(("a", "td", "dd", "span", "div", "strong", "b"))


# Drupal's field of a section or a category (an entity reference: "field--name-field-section"
# in Drupal 8-10, "field-name-field-category" in Drupal 7; "rubrique" on French-speaking
# sites; not "categories", a field of several, tags-like), its link the term's page.
_DRUPAL_SECTION_FIELDS = ("section", "category", "rubrique")
_DRUPAL_SECTION_LINKS = etree.XPath(
    "//*["
    + " or ".join(
        f"contains(@class, '{prefix}-name-field-{name}')"
        for name in _DRUPAL_SECTION_FIELDS
        for prefix in ("field-", "field")
    )
    + "]//a[@href]",
    smart_strings=False,
)


def section_field(root: etree._Element, page_url: str) -> list[dict]:
    """The section a labelled field names, as a one-item category list ([] when none): the
    first label ("القسم", "Category", a colon or not) standing alone before its value, a
    link or a few words with no digit, outside forms; a facts table's label is its <th>
    (a data table's <td> is no label). Else Drupal's section or category field's link."""
    for text in _SECTION_FIELD_TEXTS(root):
        if not _SECTION_FIELD.fullmatch(text.strip()):
            continue
        holder = text.getparent()
        if holder is None or (holder.tag == "td" and not text.is_tail and ":" not in text):
            continue  # (a data table's cell, "القسم | نسبة النجاح", labels no field; a
            # details table's "القسم:" cell does, its value the next cell)
        if text.is_tail:
            value = holder.getnext()  # "| القسم: <a>"
        elif len(holder):
            value = holder[0]  # "<div>القسم: <a>رياضة</a></div>"
        else:
            value = holder.getnext()  # "<th>القسم</th><td>…</td>", "<span>القسم:</span> <a>"
        if value is None or value.tag not in _FIELD_VALUE_TAGS:
            continue
        if any(node.tag in ("form", "select", "nav") for node in value.iterancestors()):
            continue
        if any(
            node.tag == "aside" or SIDE_WIDGET_MARK.search(node.get("class") or "")
            for node in value.iterancestors()
        ):
            continue  # a sidebar's "Categories" widget lists every section
        link = value if value.tag == "a" else value.find(".//a")
        name = clean_text((link if link is not None else value).text_content())
        if not name or len(name.split()) > MAX_SECTION_WORDS or any(c.isdigit() for c in name):
            continue
        href = link.get("href") if link is not None else None
        return [{"name": name, "url": metadata.join_url(page_url, href) if href else None}]
    for link in _DRUPAL_SECTION_LINKS(root):
        name = clean_text(link.text_content())
        if name and len(name.split()) <= MAX_SECTION_WORDS and not _in_chrome(link):
            return [{"name": name, "url": metadata.join_url(page_url, link.get("href"))}]
    return []


_TABLE_ROWS = etree.XPath("./tr | ./tbody/tr")


def _after_header(header: etree._Element) -> list[etree._Element]:
    """The short elements after the headline's header, up to the story's text (a dek, a
    photo, then the byline and the date); none when the header is the whole article."""
    if header.tag in ("article", "main", "body"):
        return []
    found = []
    siblings = [e for e in header.itersiblings() if isinstance(e.tag, str)]
    if header.tag == "tr" and not siblings:
        # A header row closing its table (Joomla 1.5's "contentpaneopen", the byline and
        # the date in the next one): the rows of the table after it.
        table = next(header.iterancestors("table"), None)
        after = (
            None
            if table is None
            else next((e for e in table.itersiblings() if isinstance(e.tag, str)), None)
        )
        if after is not None and after.tag == "table":
            siblings = _TABLE_ROWS(after)
    for element in islice(siblings, DATE_SIBLINGS):
        if len(element.text_content()) > MAX_HEADER_CHARS:
            break  # the story's text: its dates are other stories'
        marks = _LAYOUT_CLASSES.sub("", f"{element.get('class') or ''} {element.get('id') or ''}")
        if _OTHER_BLOCK_MARK.search(marks):
            break  # a related box after a story that prints no date: none of its dates
        found.append(element)
    return found


def _header_elements(sel: Selector, headline_text: str = "") -> list[etree._Element]:
    """The elements around the headline where its date and byline are printed (the scope
    `headline_date` reads), each with its descendants."""
    headline = headline_element(sel, headline_text)
    if headline is None:
        return []
    holder, header = headline_holder(headline)
    if header is None:
        return []
    following = [e for e in holder.itersiblings() if isinstance(e.tag, str)][:DATE_SIBLINGS]
    preceding = [e for e in holder.itersiblings(preceding=True) if isinstance(e.tag, str)]
    scope = [*preceding[:DATE_SIBLINGS], *following]
    scope += _after_header(header)
    return [
        element
        for top in scope
        for element in top.iter()
        if isinstance(element.tag, str) and element is not headline and not _outside_story(element)
    ]


# A dash and a name alone on the story's last line: a sign-off ("– Rappler.com",
# "-Rappler.com"); not a list's last item, which the body prints after "- ".
_DASHED_SIGN_OFF = re.compile(r"(?:[–—]+\s*|-+(?=\S))(?P<name>[^\W\d][^-–—]{1,40}?)[\s.]*$")


def header_source_line(
    sel: Selector, headline: str = "", own: Callable[[str], bool] = lambda name: False
) -> SourceLine | None:
    """A labelled source line printed among the headline's details, beside the byline and
    the date ("<span>المصدر: وكالات</span>", a meta row's item), in an element of its own,
    before the story's first paragraph (form `header`); never a chart's, a photo's or a
    caption's note. `own`: whether a name is the site's."""
    found: list[tuple[etree._Element, SourceLine]] = []
    heading = headline_element(sel, headline)
    elements = _header_elements(sel, headline)
    # (A meta row's items too, which hold no story's link: "<ul class=news-meta><li>التاريخ
    # </li><li>المصدر: سبأ</li>".)
    elements += [
        item
        for row in elements
        if row.tag in ("ul", "ol")
        for item in row.iterchildren("li")
        if item.find(".//a") is None
    ]
    for element in elements:
        if any(isinstance(c.tag, str) and c.tag not in _INLINE_TAGS for c in element):
            continue
        text = clean_text(element.text_content())
        line = parse_source_line(text) if text and len(text) <= MAX_LINE_CHARS else None
        if (line is None or line.form != "source-line") and text and len(text) <= MAX_LINE_CHARS:
            # (A bracketed agency alone, "(كونا)", where its element's class says source.)
            line = (
                _agency_beside_byline(element)
                or _agency_after_writer(element, text, own)
                or _agency_under_name(element, text)
                or _marked_credit(element, text)
            )
        if line is not None and line.form == "source-line" and not _in_figure(element, heading):
            if _names_a_writer(element) and not all(map(is_known_outlet, line.names)):
                continue  # "المصدر: دبي - <a class=article-author>name</a>": a byline
            found.append((element, line))
    if not found:
        return None
    # Document order, read once: the story's first paragraph after the headline bounds it.
    order = {e: i for i, e in enumerate(sel.root.iter(etree.Element))}
    start = order.get(heading, 0)
    story = min(
        (
            order[p]
            for p in sel.root.iter("p")
            if order[p] > start
            and len(" ".join(p.text_content().split())) >= STORY_PARAGRAPH_CHARS
            and not _DEK_MARK.search(p.get("class") or "")
        ),
        default=len(order),
    )
    for element, line in found:
        if order[element] < story:
            return SourceLine(raw=line.raw, names=line.names, form="header")
    return None


_INLINE_TAGS = frozenset(("a", "span", "strong", "b", "em", "i", "font", "small"))


def _names_a_writer(element: etree._Element) -> bool:
    """Whether a line's piece is classed as, or links to, a writer (a site's byline
    labelled "المصدر:", the reporter's name linked to their page)."""
    return any(
        metadata.WRITER_MARK.search(f"{node.get('class') or ''} {node.get('href') or ''}")
        for node in element.iterdescendants(etree.Element)
    )


# A byline's piece its class names the story's agency ("authorSource", "byline-agency").
_AGENCY_MARK = re.compile(
    r"(?:author|byline)[-_]?(?:source|agency)|(?:^|[\s_-])agency(?:$|[\s_-])", re.I
)


def _outside_dateline(
    paragraphs: list[str], page: metadata.PageMeta, page_url: str
) -> SourceLine | None:
    """The credit of the dateline opening one of the story's first paragraphs, when it
    names someone besides the site itself."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        if found := dateline_credit(paragraph):
            own = all(metadata.is_site_name(page, n, page_url) for n in found.names)
            return None if own else found
    return None


def _agency_beside_byline(element: etree._Element) -> SourceLine | None:
    """The known agency a byline prints in a piece of its own, its class naming it so
    ("Dylan Ferris · <span class=authorSource>The Canadian Press</span>")."""
    for piece in element.iter("span", "a", "em", "strong"):
        if not _AGENCY_MARK.search(piece.get("class") or ""):
            continue
        name = clean_text(piece.text_content()).strip(" ·|-–")
        if name and is_known_outlet(name):
            return SourceLine(raw=name, names=(name,), form="source-line")
    return None


# "كتب: أحمد عبد الحميد - أ ش أ": the writer, a spaced dash, the last piece.
_AFTER_LAST_DASH = re.compile(r"\S\s+[-–—]\s+(?P<credit>[^-–—]+)$")


def _agency_after_writer(
    element: etree._Element, text: str, own: Callable[[str], bool]
) -> SourceLine | None:
    """A known agency after the writer's name and a dash in a byline marked as the
    writer's (its class, or a link to the writer's page): the story's source. Not the
    site's own name after a person's ("سارة الحمادي - سكاي نيوز عربية"), nor a place,
    the reporter's city ("محمود عبد الرحمن - قنا": Qena, not the Qatar News Agency)."""
    after = _AFTER_LAST_DASH.search(text)
    if after is None or not is_known_agency(credit := after["credit"].strip()):
        return None
    if credit in _PLACE_OR_AGENCY or is_place(credit):
        return None
    if not (metadata.WRITER_MARK.search(element.get("class") or "") or _names_a_writer(element)):
        return None
    if own(credit) and not is_place(text[: after.start() + 1].split(":")[-1].strip()):
        return None
    return SourceLine(raw=credit, names=(credit,), form="source-line")


# Agencies' short names that are also the names of places a reporter files from: Qena
# (QNA's "قنا"), the Saba region ("سبأ"), Gezira state ("الجزيرة").
_PLACE_OR_AGENCY = frozenset(("قنا", "سبأ", "الجزيرة"))


def _agency_under_name(element: etree._Element, text: str) -> SourceLine | None:
    """A known agency alone on the line after the writer's name, the name's element marked
    as the author's ("<div data-testid=author-name>Tess Rowland</div><div>Australian
    Associated Press</div>", ACM's byline under AAP copy)."""
    before = element.getprevious()
    if before is None or not isinstance(before.tag, str):
        return None
    if not is_known_agency(text):
        return None  # (not a paper's issue line, "جريدة الرياض - العدد 22114 …", nor its name)
    marks = " ".join(before.get(a) or "" for a in ("class", "data-testid", "itemprop"))
    if not metadata.WRITER_MARK.search(marks):
        return None
    return SourceLine(raw=text, names=(text,), form="source-line")


def _marked_credit(element: etree._Element, text: str) -> SourceLine | None:
    """The credit an element classed as the story's source prints unlabelled: a dateline
    naming an agency ("<div class=article__source>دبي - رويترز</div>") or the agency alone."""
    marks = element.get("class") or ""
    if not _SOURCE_MARK.search(marks) or _CAPTION_MARK.search(marks):
        return None  # (a picture's credit: "img-source", "photo-source")
    parent = element.getparent()
    if (
        parent is not None
        and parent.find(".//img") is not None
        and len(clean_text(parent.text_content())) <= len(text) + MAX_CREDIT_SLACK
    ):
        return None  # the credit in a picture's wrapper
    found = dateline_credit(text) or bare_credit(text)
    return SourceLine(raw=text, names=found.names, form="source-line") if found else None


MAX_CREDIT_SLACK = 40
_SOURCE_MARK = re.compile(r"(?:^|[\s_-])source(?:$|[\s_-])", re.I)
_FIGURE_MARK = re.compile(r"caption|chart|infographic|graph|figure", re.IGNORECASE)
# A dek under the headline, above the byline and the date: not yet the story.
_DEK_MARK = re.compile(r"excerpt|dek|lead|summary|standfirst|subtitle|sub-title", re.IGNORECASE)


def _in_figure(element: etree._Element, heading: etree._Element | None = None) -> bool:
    """Whether the element sits in a figure, a table, a caption or a chart; a table that
    holds the headline `heading` too is an old page's layout, no figure."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html", "article", "main"):
            return False
        if node.tag == "table" and heading is not None and node in heading.iterancestors():
            continue
        if node.tag in ("figure", "figcaption", "table") or _FIGURE_MARK.search(
            node.get("class") or ""
        ):
            return True
    return False


# Elements a box label may be (never a link, a menu entry, nor a paragraph of text): walked
# by lxml's own filter, the cheapest way over every element of a page (1 to 2 ms a page).
_LABEL_TAGS = (
    "div",
    "span",
    "strong",
    "b",
    "em",
    "dt",
    "th",
    "td",
    "label",
    "h3",
    "h4",
    "h5",
    "h6",
)
# How far up from a box, and how many siblings back, its content container may be.
BOX_LEVELS = 5
BOX_SIBLINGS = 3
# Story paragraphs a box must follow (or sit among), as probes of this length.
_PROBE_CHARS = 40


_PICTURE_CAPTIONS = etree.XPath("//figure/figcaption", smart_strings=False)


def _featured(figure: etree._Element | None) -> bool:
    if figure is None:
        return False
    picture = figure.find(".//img")
    elements = (figure, picture) if picture is not None else (figure,)
    return featured_picture(e.get(name) for e in elements for name in ("class", "id"))


def labelled_source_box(
    root: etree._Element, paragraphs: list[str]
) -> tuple[SourceLine, list[str]] | None:
    """The first labelled Source box beside the story, with its text pieces: an element
    that holds only a source label ("المصدر", "Source", "Quelle"), followed within its
    parent by links or a short name, in or just after the element holding the story's
    closing paragraphs (`paragraphs`, the body found so far). Never one in a paragraph (a
    source line there is read from the text), nor in a menu, a sidebar, a widget, a form,
    comments, related lists, or the page's header and footer."""
    probes = [p[:_PROBE_CHARS] for p in paragraphs if len(p) > MAX_LINE_CHARS][-2:]
    if not probes:
        return None
    body = root.find("body")
    for label in body.iter(*_LABEL_TAGS) if body is not None else ():
        text = label.text
        if not text or len(text) > 2 * MAX_BOX_LABEL_CHARS:
            continue
        if not is_box_label(text) or not is_box_label(clean_text(label.text_content())):
            continue
        box = label.getparent()
        if box is None or _in_text_block(box) or _in_chrome(box):
            continue
        logo = label.find(".//img")
        if logo is not None and (logo.get("alt") or logo.get("title") or "").strip():
            # "المصدر: <img alt="وكالة المغرب العربي للأنباء">": the source's logo names it.
            named = (logo.get("alt") or logo.get("title") or "").strip()
            pieces = [(clean_text(label.text_content()), False), (named, False)]
        else:
            pieces = _pieces_after(label)
        if pieces is None or (found := source_box(pieces)) is None:
            continue
        if _beside_story(box, probes):
            return found, [piece for piece, _ in pieces]
    return None


# A theme's field for the post's source, named so by its class ("post-source",
# "news-source", "article-source"), which may print no label: an icon, then the link.
_SOURCE_FIELD_CLASS = etree.XPath("//body//*[contains(@class, 'source')]", smart_strings=False)
_SOURCE_FIELD_MARK = re.compile(r"(?:^|\s)(?:post|news|article|story|entry)[-_]source(?:$|\s)")


def classed_source_box(
    root: etree._Element, paragraphs: list[str], own: Callable[[str], bool]
) -> SourceLine | None:
    """The source a theme's source field names with links alone, no label (`<div
    class="post-source"><i class="fa …"></i> <a>وكالة الأنباء الأردنية (بترا)</a></div>`),
    in or just after the element holding the story's closing paragraphs; not the site's
    own name (`own`: "<span class=story-source><a href=/>Tablelands Express</a>")."""
    probes = [p[:_PROBE_CHARS] for p in paragraphs if len(p) > MAX_LINE_CHARS][-2:]
    if not probes:
        return None
    for box in _SOURCE_FIELD_CLASS(root):
        if not _SOURCE_FIELD_MARK.search(box.get("class") or "") or _in_chrome(box):
            continue
        links = [clean_text(a.text_content()) for a in box.iter("a")]
        text = clean_text(box.text_content())
        if not links or not text or len(text) > MAX_LINE_CHARS or text != " ".join(links):
            continue
        if any(metadata.LINK_CALL.search(link) or is_box_label(link) for link in links):
            continue  # "رابط المصدر", "اضغط هنا لقراءة الخبر": a link to it, no name
        found = source_box([(link, True) for link in links], unlabelled=True)
        if found is not None and not any(map(own, found.names)) and _beside_story(box, probes):
            return found
    return None


def source_line_after_story(root: etree._Element, paragraphs: list[str]) -> SourceLine | None:
    """A source line printed after the story's last paragraph where trafilatura's body
    does not reach: the next paragraph when its names are links ("المصدر: <a>حرييت</a>،
    <a>سوزجو</a>", which trafilatura leaves out as link text) or it is labelled (an italic
    "Additional reporting by Nampa" it leaves out as a line of its own), or a labelled line in an
    element of its own after the story's container (Al Jazeera's `<div
    class="article-source">المصدر : الجزيرة + وكالات</div>`). Looked for among the next
    elements beside the one that prints the body's last paragraph, then beside its
    container."""
    if not paragraphs or len(paragraphs[-1]) < _PROBE_CHARS:
        return None
    last = _printed_as(root, paragraphs[-1])
    if last is None:
        return None
    siblings = (s for s in last.itersiblings() if isinstance(s.tag, str))
    for sibling in islice(siblings, SOURCE_LINE_SIBLINGS):
        found = parse_source_line(sibling.text_content())
        if found is not None and (
            sibling.find(".//a") is not None
            or (found.form == "source-line" and not _figure_or_note(sibling))
        ):
            return found
    container = last.getparent()
    for _ in range(2):  # the paragraph's wrapper (a <section> of the story), then the story's
        if container is None or container.tag in ("body", "html", "main", "article"):
            return None
        siblings = (s for s in container.itersiblings() if isinstance(s.tag, str))
        for sibling in islice(siblings, SOURCE_LINE_SIBLINGS + 1):
            if sibling.tag in FIGURE_TAGS or FIGURE_NOTE.search(sibling.get("class") or ""):
                continue  # a chart's or a photo's own "المصدر:"
            # The element, else, in the story's <footer>, one of its first lines (the source,
            # the update's stamp, the tags).
            lines = [sibling]
            if sibling.tag == "footer":
                lines += islice((c for c in sibling if isinstance(c.tag, str)), 3)
            for line in lines:
                if _figure_or_note(line):
                    continue  # a chart's or a photo's own "المصدر:"
                text = _text_before_blocks(line) or clean_text(line.text_content())
                found = parse_source_line(text) if text and len(text) <= MAX_LINE_CHARS else None
                if found is not None and found.form == "source-line":
                    return found
        container = container.getparent()
    return None


_LINE_BREAKING_TAGS = frozenset(
    ("div", "p", "ul", "ol", "section", "table", "nav", "aside", "form")
)


def _text_before_blocks(element: etree._Element) -> str:
    """An element's text up to its first block child, where it has one ("<div
    class=shareRow><span>المصدر: سكاي نيوز عربية</span><div><span>شارك</span>…"): the
    line before the share buttons, not run into their label; "" where it has none."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _LINE_BREAKING_TAGS:
            return clean_text("".join(parts))
        if isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return ""


def dateline_above_story(root: etree._Element, paragraphs: list[str]) -> SourceLine | None:
    """The agency's dateline printed as a line of its own right above the story's first
    paragraph or its container ("<div class=news__dateline>المدينة المنورة - واس</div>"
    before "<div class=news__body>"), which trafilatura leaves out."""
    if not paragraphs or len(paragraphs[0]) < _PROBE_CHARS:
        return None
    node = _printed_as(root, paragraphs[0])
    for _ in range(2):  # the paragraph, then its container
        if node is None or node.tag in ("body", "html"):
            return None
        above = next((e for e in node.itersiblings(preceding=True) if isinstance(e.tag, str)), None)
        if above is not None and _figure_or_note(above):
            return None  # a photo's caption and its credit ("(أ.ف.ب)")
        text = clean_text(above.text_content()) if above is not None else ""
        if text and len(text) <= MAX_DATELINE_LINE_CHARS:
            found = dateline_credit(text)
            return found if found is not None and found.raw == text else None
        node = node.getparent()
    return None


MAX_DATELINE_LINE_CHARS = 60


def _printed_as(root: etree._Element, paragraph: str) -> etree._Element | None:
    """The first <p> whose text opens as the paragraph does (its first `_PROBE_CHARS`
    characters: trafilatura may have joined or cut what follows)."""
    probe = paragraph[:_PROBE_CHARS]
    return next((p for p in root.iter("p") if clean_text(p.text_content()).startswith(probe)), None)


def _figure_or_note(element: etree._Element) -> bool:
    """Whether the element is a figure, a figure's note (a caption, a credit) or holds a
    figure: its "المصدر:" is the chart's or the photo's."""
    return (
        element.tag in FIGURE_TAGS
        or bool(FIGURE_NOTE.search(element.get("class") or ""))
        or _HOLDS_FIGURE(element)
    )


_HOLDS_FIGURE = etree.XPath(
    "boolean(" + " | ".join(f".//{tag}" for tag in FIGURE_TAGS) + ")", smart_strings=False
)


# A block opening with a label of its own ("كلمات مفتاحية:", "Tags:").
_LABELLED_BLOCK = re.compile(r"[^:：\n]{2,24}[:：]")


def _pieces_after(label: etree._Element) -> list[tuple[str, bool]] | None:
    """The label's text, then the text pieces after it within its parent (each with
    whether it is a link's text); None when they run longer than a source line."""
    pieces = [(clean_text(label.text_content()), False), (label.tail or "", False)]
    for sibling in label.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _LABELLED_BLOCK.match(clean_text(sibling.text_content())):
            break  # the next block's own label ("كلمات مفتاحية: ..."): no name of the source
        for node in sibling.iter():
            if not isinstance(node.tag, str) or node.tag in ("script", "style"):
                continue
            linked = node.tag == "a" or any(a.tag == "a" for a in node.iterancestors())
            # A logo names the source by its alt text, else its title.
            named = (node.get("alt") or node.get("title") or "") if node.tag == "img" else ""
            pieces.append((named or node.text or "", linked))
            if node is not sibling:
                pieces.append((node.tail or "", linked and node.tag != "a"))
        pieces.append((sibling.tail or "", False))
        if sum(len(clean_text(piece)) for piece, _ in pieces) > MAX_LINE_CHARS:
            return None
    return pieces


def _in_text_block(element: etree._Element) -> bool:
    return any(
        node.tag in ("p", "li", "blockquote") for node in (element, *element.iterancestors())
    )


def _in_chrome(element: etree._Element) -> bool:
    in_article = any(node.tag == "article" for node in element.iterancestors())
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in CHROME_TAGS or (node.tag == "footer" and not in_article):
            return True
        if CHROME_MARK.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def _beside_story(box: etree._Element, probes: list[str]) -> bool:
    """Whether the box sits in the element holding the story's closing paragraphs, or
    just after it (that element a sibling before the box or one of its near ancestors)."""
    node: etree._Element | None = box
    for _ in range(BOX_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return False
        before = (s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str))
        for element in (node, *islice(before, BOX_SIBLINGS)):
            text = clean_text(element.text_content())
            if any(probe in text for probe in probes):
                return True
        node = node.getparent()
    return False


def generic_article(
    sel: Selector,
    page: metadata.PageMeta,
    content: str | lxml.html.HtmlElement,
    page_url: str,
    fetched_url: str,
    stamp: str,
    site: str,
    pending: PendingTimes,
    precise: bool = False,
    dated_links: int = 0,
) -> tuple[ArticleRecord | None, PageEvidence]:
    """An article record with its times left raw in `pending` (None when the evidence
    says the page is not an article), and that evidence. `content`: the page for
    trafilatura (`parse_page`). `precise`: trafilatura favours
    precision (a rescue of a page a theme profile could not read keeps less, never menus).
    `dated_links`: the page's own dated story links (not a sidebar's); they count on an
    address of a listing's shape (a day's archive, a writer's page)."""
    links = {"dated_links": dated_links, "links_need_address": True}
    # A page that clearly says it is a listing (WordPress archive classes, a listing URL,
    # no article signal) is not worth trafilatura's time.
    evidence = page_evidence(page, page_url, **links)
    if (
        evidence.neither
        or evidence.ruled_out
        or (not evidence.article and evidence.listing_weight >= 3)
    ):
        return None, evidence
    if readable_story(sel.root) and isinstance(content, str):
        content = sel.root  # trafilatura reads the tree as it now stands
    headline, headline_source = metadata.headline(page, page_url)
    headline = headline or ""  # none: the labels and the category links compare with ""
    names, _ = metadata.sections(page)
    section_label = headline_section(sel, page_url, headline)
    labels = {headline, *names, *(label["name"] for label in section_label)}
    reference = datetime.fromisoformat(stamp)
    story = _story_paragraphs(sel, page, content, page_url, labels, precise, headline, reference)
    if not story[0] and paragraphs_between_breaks(sel.root, TEXT_BLOCKS):
        # The tree is ours: its readers after this one see the story's pieces as <p>s too.
        story = _story_paragraphs(
            sel, page, sel.root, page_url, labels, precise, headline, reference
        )
    paragraphs, body_from, header_byline = story
    if paragraphs and (lead := header_lead(sel, headline, paragraphs)):
        paragraphs = [lead, *paragraphs]  # the story's first paragraph, printed by the h1
    if not paragraphs and (under := text_under_headline(sel, headline)):
        # A video's or a brief's few lines, too short for trafilatura to call text.
        paragraphs, body_from = under, "text-under-headline"
    text_chars = sum(map(len, paragraphs))
    evidence = page_evidence(page, page_url, text_chars=text_chars, **links)
    if not evidence.is_article and text_chars:
        # A headline printed in no heading element (len: not a section's one-word label).
        printed_headline = (
            not page.h1 and len(headline) >= 15 and headline_element(sel, headline) is not None
        )
        # A brief under its headline and printed date ("عاجل" items, og:type website).
        printed_date = bool(headline_date(sel, reference, headline))
        evidence = page_evidence(
            page,
            page_url,
            text_chars=text_chars,
            printed_date=printed_date,
            printed_headline=printed_headline,
            **links,
        )
    if not evidence.is_article:
        return None, evidence
    record = ArticleRecord(
        url=page_url,
        site=site,
        fetched_url=fetched_url,
        reference_time=stamp,
        profile=GENERIC,
        extractor=f"trafilatura+{EXTRACTOR}",
    )
    found, missing = record.provenance, record.missing
    record.post_id, found["post_id"] = metadata.post_id(page)
    found["page_type"] = evidence.describe()
    record.headline = headline or None
    if headline:
        found["headline"] = headline_source
    else:
        missing["headline"] = "no JSON-LD headline, og:title or title"
    paragraphs, source = split_source_line(
        paragraphs, lambda: [clean_text(link.text_content()) for link in sel.root.iter("a")]
    )
    if (
        len(paragraphs) > 1
        and (signed := _DASHED_SIGN_OFF.match(paragraphs[-1]))
        and metadata.is_site_name(page, signed["name"], page_url)
    ):
        paragraphs = paragraphs[:-1]  # the site's own sign-off, no source ("– Rappler.com")
    if header_byline and paragraphs and (desk := bare_credit(paragraphs[0])):
        # The agency's line under the byline left above the story ("By A and B" /
        # "Associated Press"): the credit. (Not a known agency's name on a line of its own
        # where no byline precedes it: a photo's credit under the lead image.)
        source, paragraphs = source or desk, paragraphs[1:]
    if boxed := labelled_source_box(sel.root, paragraphs):
        # A labelled box wins over a line in the body (`source_line`'s docstring).
        source, pieces = boxed
        paragraphs = drop_box_text(paragraphs, source, pieces)
    source = source or source_line_after_story(sel.root, paragraphs)
    source = source or dateline_above_story(sel.root, paragraphs)
    source = source or classed_source_box(
        sel.root, paragraphs, lambda name: metadata.is_site_name(page, name, page_url)
    )
    if source is not None and all(metadata.is_site_name(page, n, page_url) for n in source.names):
        # The paper's own name under the story ("المصدر: الاتحاد - أبوظبي") where its
        # dateline credits an agency beside it ("أبوظبي (الاتحاد، وام)"): the dateline's.
        source = _outside_dateline(paragraphs, page, page_url) or source
    # An agency's dateline printed in the byline's slot credits the story (no author).
    source = source or metadata.byline_credit(page, page_url)
    if not source and (
        source := header_source_line(
            sel, headline, lambda name: metadata.is_site_name(page, name, page_url)
        )
    ):
        # Printed above the headline in an old layout's cell, trafilatura keeps it first.
        paragraphs = [p for i, p in enumerate(paragraphs) if i >= HEADER_LINES or p != source.raw]
    # Nothing printed: the outlet the JSON-LD names as the copy's origin.
    source = source or metadata.json_ld_source(page, page_url)
    source = source or metadata.meta_source(page, page_url)
    # ... nor there: a picture's caption closing with the story's ("- المصدر: وكالة ...").
    source = source or caption_credit(
        clean_text(caption.text_content())
        for caption in itertools.islice(_PICTURE_CAPTIONS(sel.root), CAPTIONS_READ)
        if not _in_chrome(caption) and _featured(caption.getparent())
    )
    # A byline printed as a line of the story ("كتب: ...", a name in bold) is no story text,
    # nor is a wire story's opening its first paragraph ("By A and B, Reuters — ...").
    wire = metadata.wire_byline(paragraphs[0]) if paragraphs else None
    if wire:
        byline, agency, opening = wire
        paragraphs, byline_source = [opening, *paragraphs[1:]], "body:wire-byline"
        source = source or SourceLine(raw=agency, names=(agency,), form="wire-byline")
    else:
        byline, at, byline_source = metadata.body_byline(paragraphs, page, page_url)
        if at is not None:
            paragraphs = paragraphs[:at] + paragraphs[at + 1 :]
        elif _byline_element_line(paragraphs, page, reference):
            paragraphs = paragraphs[1:]
    if paragraphs and metadata.site_dateline(page, paragraphs[0], page_url):
        paragraphs = paragraphs[1:]
    record.body = "\n\n".join(paragraphs) or None
    if record.body:
        found["body"] = body_from
    elif only := metadata.headline_only_text(page, headline):
        record.body, found["body"] = only, "headline-only"
    else:
        missing["body"] = "trafilatura found no main text"
    if source:
        record.source = metadata.beside_the_site(page, source, page_url)
        record.source_raw, found["source"] = source.raw, source.form
    else:
        missing["source"] = NO_SOURCE

    record.categories, category_source = metadata.categories(
        page, page_url, headline, section_label, "section-label"
    )
    if (
        category_source in metadata.WEAK_CATEGORY_SOURCES
        and not section_label
        and (field := section_field(sel.root, page_url))
    ):
        # A field labelled "القسم" outranks the menu's and the post class's word; looked
        # for only where nothing stronger names the section (it reads every text node).
        record.categories, category_source = metadata.categories(
            page, page_url, headline, field, "section-field"
        )
    if not record.categories and (prefix := title_section(sel, page, headline, page_url)):
        # (Only where nothing names a section: the address's folder in the menu names it
        # better than a title's "فيديو |".)
        record.categories, category_source = metadata.categories(
            page, page_url, headline, prefix, "title-prefix"
        )
    record.category = record.categories[0] if record.categories else None
    if record.category:
        found["category"] = category_source
    else:
        missing["category"] = (
            "no breadcrumb, JSON-LD articleSection, article:section, category link or current "
            "menu item"
        )

    pending.article.extend(metadata.published_candidates(page))
    element = story_time(sel)
    if element is not None and element.get("datetime"):
        # Its text shows the same moment: one candidate, not two that outvote the others.
        pending.article.append(("time[datetime]", "machine", element.get("datetime")))
    elif element is not None and (visible := clean_text(element.text_content())):
        # (Elementor's post info prints the day and the clock as two items.)
        pending.article.append(("visible-date", "text", _with_clock_after(element, visible)))
    elif not _any_stated_time(pending.article, reference) and (
        printed := headline_date(sel, reference, headline)
    ):
        # Only on a page that states no time otherwise: a printed local time read in the
        # site's zone would outvote a metadata time that states its offset. A stated time
        # no reader takes (a CMS's localized format in article:published_time) states none.
        if day := metadata.url_date(page_url):
            # The permalink's day is the publication's; a printed date may be the last
            # modification's (some themes print that, relative or not): it refines the day
            # where it agrees, and gives way where it does not (`_article_times`).
            pending.article.append(("visible-date", MAYBE_MODIFIED_READERS["any"], printed))
            pending.article.append(("url", "machine", day))
        else:
            pending.article.append(("visible-date", "text", printed))
    if not pending.article and (posted := hatom_published(sel)):
        pending.article.append(("hatom:published", "machine", posted))
    if not pending.article and (posted := blogger_time(sel, reference)):
        pending.article.append(("visible-date", "text", posted))
    modified = metadata.modified_candidates(page)
    doubtful = _doubtful_stated_time(pending.article, modified, reference)
    if pending.article and all(kind == "machine" for _, kind, _ in pending.article):
        # The metadata's time may be the update printed beside the headline ("عُدّل في
        # …"): checked against the printed publication as an update stamp would be.
        pending.printed_update = printed_update(sel, reference, headline)
        doubtful = doubtful or pending.printed_update is not None
    if (
        doubtful or (pending.article and all(kind == "machine" for _, kind, _ in pending.article))
    ) and (printed := headline_date(sel, reference, headline)):
        # Read beside the metadata's time, to check it (`_article_times`); a time the
        # metadata states plainly only where the printed one shows it wrong.
        pending.article.append(
            ("visible-date", PRINTED_CHECK if doubtful else PRINTED_WITNESS, printed)
        )
    if not pending.article:
        # The permalink's day, else the day the title is stamped with, else a labelled
        # publication line anywhere in the story's column ("First Published: Dec 02 2026 |
        # 7:48 PM IST" under syndicated copy): the last word.
        if day := metadata.url_date(page_url):
            pending.article.append(("url", "machine", day))
            if labelled := labelled_publication(sel, reference):
                # A labelled line refines the permalink's day where it agrees with it
                # ("تاريخ النشر: 2027-07-14 13:05:22"), and gives way where it does not.
                pending.article.append(("visible-date", MAYBE_MODIFIED_READERS["any"], labelled))
        elif day := metadata.title_date(page):
            pending.article.append(("title", "machine", day))
        elif labelled := labelled_publication(sel, reference):
            pending.article.append(("visible-date", "text", labelled))
        elif day := issue_day(sel, page_url, reference):
            pending.article.append(("visible-date", "text", day))
        elif source and source.form == "dateline" and (day := _dateline_day(source.raw)):
            pending.article.append(("dateline", "text", day))
        elif day := breadcrumb_day(sel, reference):
            pending.article.append(("breadcrumb", "text", day))
        elif (updated := updated_time(sel)) is not None:
            # hAtom's "updated" stamp alone (Kinja prints its publication so): the
            # publication's time for a post never edited, else before it.
            pending.article.append(
                ("time[datetime]:updated", MAYBE_MODIFIED_READERS["any"], updated)
            )
        elif refused := headline_date(sel, reference, headline, refused=True):
            # A date beside the headline later than the reference time (a wrong clock, a
            # scheduled post), on the 31st of February or "منذ -5 ساعات" is no date: read
            # all the same, so the record says why it has none.
            pending.article.append(("visible-date", "text", refused))
    pending.modified.extend(modified)

    author, found["author"] = metadata.author(page, page_url)
    # The story's byline (a header line above the story, its first line, a name in bold)
    # names the author where the metadata names nobody, only the site or its default
    # account (or only this line, which the chain's labelled byline also reads); else a
    # labelled byline beside the headline.
    if header_byline:
        byline, byline_source = header_byline, "body:opening-byline"
    if byline and (
        author == byline
        or metadata.names_nobody(page, author, page_url)
        or (wire and author == wire[1])  # the agency's account over its reporters' story
        or is_known_outlet(author)  # (a partner site's account named for the wire: "The AP")
    ):
        author = metadata.byline_person(page, byline, page_url) or byline
        found["author"] = byline_source
    elif (
        (not author or metadata.names_nobody(page, author, page_url))
        and (byline := headline_byline(sel, reference, headline, page_url, page))
        and byline != author
        and not metadata.house_account(byline)
    ):
        author = byline
        found["author"] = "headline-byline"
    elif (not author or metadata.names_nobody(page, author, page_url)) and (
        translated_by := translator(record.source_raw)
    ):
        # The story translated from another paper: its translator is the one who wrote it.
        author, found["author"] = translated_by, "source-line:translator"
    elif (
        (not author or metadata.names_nobody(page, author, page_url))
        and (reporter := line_reporter(record.source_raw))
        and not metadata.names_nobody(page, reporter, page_url)
    ):
        author, found["author"] = reporter, "source-line:reporter"
    byline_as_read = author or ""
    author, credited = metadata.agencies_after(byline_as_read)
    if credited and not record.source:
        # "By Lucía Fernández, with AFP", "Jordan Hale The Canadian Press": the agency's
        # copy, the writer's name alone.
        record.source, record.source_raw = credited, byline_as_read
        found["source"] = "byline"
        missing.pop("source", None)
    if signed := metadata.closing_writer(page, author, record.body, source, page_url):
        author, found["author"], record.body = signed
    account = ""
    if author and metadata.names_an_account(page, author, page_url):
        # A default login or the desk's account names nobody; kept until here, so that a
        # credit line's reporter or a closing signature could still name the writer.
        account, author = author, ""
    record.author = author or None
    if not author:
        del found["author"]
        missing["author"] = (
            metadata.account_only(account)
            if account
            else "no JSON-LD author, author meta or byline"
        )
    named = author or account
    if (
        named
        and record.body
        and (
            (closing := record.body.rsplit("\n\n", 1))[-1].strip("()（） ") in named.split(", ")
            or metadata.opening_byline(closing[-1]) == named
        )
    ):
        # The writer's name alone closing the story: an author box's, below it, or the
        # reporter's in brackets under a Japanese paper's story ("（山田太郎）"); or labelled
        # ('* أعد التقرير لـ"المصدر أونلاين": هشام الصوفي', "إعداد: قسم الأخبار").
        record.body = closing[0] if len(closing) > 1 else record.body
    record.image, found["image"] = metadata.image(page, page_url), "meta:og:image"
    if (not record.image or _LOGO_IMAGE.search(urlsplit(record.image).path)) and (
        pictured := story_image(sel, headline, page_url)
    ):
        # No share image, or the site's logo as every page's share image: the story's own.
        record.image, found["image"] = pictured, "story-figure"
    record.tags, found["tags"] = metadata.tags(page, page_url)
    # <meta name="keywords"> is often the site's, the same on every page: the story's own
    # printed tags win over it.
    # A metadata list the page prints whole and more of ("More about" links holding the
    # article:tag metas' two and three others): the printed list.
    if not record.tags or found["tags"] == "meta:keywords" or len(record.tags) < MAX_SHORT_TAGS:
        printed, printed_source = tag_links(sel), "rel=tag"
        if not printed:
            printed, printed_source = tag_list(sel), "tag-list"
        stated = {_fold(tag) for tag in record.tags}
        if printed and (
            not record.tags
            or found["tags"] == "meta:keywords"
            or (
                len(printed) > len(stated)
                # (One metadata tag: an SEO plugin's focus keyword, "مطار الكويت" beside
                # the printed "مطار الكويت الدولي" and two more.)
                and (
                    stated <= {_fold(tag) for tag in printed}
                    or (len(stated) == 1 and len(printed) >= MIN_PRINTED_OVER_ONE_TAG)
                )
                and _one_block_of_links(sel, printed)
            )
        ):
            record.tags, found["tags"] = printed, printed_source
    elif record.tags and all(tag == tag.lower() != tag.upper() for tag in record.tags):
        # The metadata's tags in lower case, the page printing the same ones capitalized
        # ("drinking water" for "Drinking Water"): as printed.
        record.tags = _as_printed(sel, record.tags)
    drop_empty_provenance(record)
    record.language, found["language"] = metadata.language(page, (record.body or "")[:2000])
    return record, evidence


def _as_printed(sel: Selector, tags: list[str]) -> list[str]:
    """The tags as the page's links print them, where a link outside the menus prints
    each (a tag's archive, a search for it); else as they are."""
    wanted = {_fold(tag).casefold() for tag in tags}
    printed: dict[str, str] = {}
    for link in sel.root.iter("a"):
        text = clean_text(link.text_content())
        key = _fold(text).casefold()
        if key in wanted and key not in printed and not _in_menu(link):
            printed[key] = text
    if len(printed) < len(wanted):
        return tags
    return [printed[_fold(tag).casefold()] for tag in tags]


def _one_block_of_links(sel: Selector, texts: list[str]) -> bool:
    """Whether the links printing these texts sit in one block (one parent, or one
    grandparent for a list's items): one story's tags, not two stories' (a next story
    appended below with its own). Not counted: links in menus and beside the story (a
    sidebar's tag cloud); where some are rel="tag", the others (a tag also printed as a
    section's link: "وهران" in the breadcrumb, the category label, the footer); else the
    links outside the folder most of them link into ("/tags/…")."""
    wanted = set(texts)
    links = [
        link
        for link in sel.root.iter("a")
        if clean_text(link.text_content()).lstrip("#") in wanted
        and not _in_menu(link)
        and not _beside_the_story(link)
    ]
    tagged = [link for link in links if "tag" in (link.get("rel") or "").split()]
    folders = Counter(_first_folder(link.get("href") or "") for link in tagged or links)
    folder = folders.most_common(1)[0][0] if folders else ""
    blocks = set()
    for link in tagged or links:
        if _first_folder(link.get("href") or "") != folder:
            continue
        parent = link.getparent()
        if parent is not None and len(parent) == 1:  # a list item or a box per tag
            parent = parent.getparent()
        blocks.add(parent)
    return len(blocks) == 1


def _first_folder(href: str) -> str:
    return urlsplit(href).path.lstrip("/").split("/", 1)[0]


def _in_menu(link: etree._Element) -> bool:
    """Whether a link sits in the site's menus or a breadcrumb trail (a section named as a
    tag is: "Transport" in the header's menu and among the story's tags)."""
    return any(
        node.tag in ("nav", "header") or "breadcrumb" in (node.get("class") or "")
        for node in link.iterancestors()
    )


# Below this many tags a metadata list may be a cut of the printed one (CMSs write two or
# three article:tag metas).
MAX_SHORT_TAGS = 4
# Printed tags that outweigh a single metadata tag not among them (a focus keyword).
MIN_PRINTED_OVER_ONE_TAG = 3


# A tag link as WordPress's `the_tags()` prints it; its category links say rel="category
# tag", and some themes mark a category's link rel="tag" too. Elementor Pro's Post Info
# widget prints a post's terms without rel: its links to tag archives.
_TAG_LINKS = etree.XPath(
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]"
    "[not(contains(concat(' ', normalize-space(@rel), ' '), ' category '))]"
    "[not(contains(@href, '/category/'))]"
    " | //a[contains(@class, 'elementor-post-info__terms-list-item')][contains(@href, '/tag/')]"
)
# Classes that name a page builder's element or a layout, not a sidebar or a widget:
# Elementor wraps every element of a template in "elementor-widget-*" (the story's tags
# too); "jeg_sidebar_none", "no-sidebar", "sidebar-left", Zeen's "sidebar-on" say where a
# sidebar goes, and Genesis's "content-sidebar-wrap" holds the story's column and the
# sidebar; Blogger prints every post inside its main "widget Blog".
# Each pattern that removes a whole class token starts at a token's start: a bare "\S*"
# first tried every position inside a long token (Tailwind's), 37 µs a class list.
_LAYOUT_CLASSES = re.compile(
    # (Sahifa's and Jarida's "sidebar-narrow-left" too: the column layout around the story.)
    r"(?<!\S)\S*(?:elementor-widget(?![-\w]*sidebar)|sidebar[-_](?:narrow[-_])?(?:none|left|right|on|off)|(?:no|has|with)[-_]"
    r"sidebar|content-sidebar|sidebar-content|widget(?=\s+blog(?:\s|$))"
    # A module drawn without its own header and footer (ESPN's "mod-no-header-footer"); a
    # byline holding its comment count (the Telegraph's "bylineComments").
    r"|no[-_](?:header[-_])?footer|byline[-_]?comments)\S*",
    re.I,
)
_NOT_THE_STORYS_TAGS = re.compile(
    r"sidebar|widget|comment(?!able)|related|teaser|recommend|trending", re.I
)  # ("commentable": a post that takes comments)


# A story an old CMS prints as bare text, its paragraphs set apart by blank lines
# (`<br><br>`: WorldNow's span.storytext, an old portal's font.news_text). trafilatura
# strips a <span> or <font> and drops the first piece of such text, keeping a teaser
# list's <p>s before the rest: such a block's pieces become <p>s before the story is read
# (`readable_story`); so do a cell's on a page laid out in tables (its story cell then
# holds the story alone as paragraphs, not its column's chrome line by line). A <div>'s
# too where no sibling prints text (an old portal's div#newsText, the story alone: read
# as it stands, the fallback extractors take the column with it); otherwise a <div>'s,
# or another cell's, only where the page read gives no story: beside a story told in
# <div>s, <p>s made of its last block would outrank the rest.
# Only blocks of text markup whose pieces read as paragraphs: an address's or a menu's
# short lines stay.
_TEXT_MARKUP_TAGS = frozenset(
    ("a", "b", "strong", "i", "em", "u", "span", "font", "small", "sup", "sub", "img", "br")
)
TEXT_SPANS = frozenset(("span", "font"))
TEXT_CELLS = frozenset(("td",))
TEXT_BLOCKS = frozenset(("div", "td", "section", "article"))
MIN_BROKEN_PARAGRAPHS = 2
MIN_BROKEN_PARAGRAPH_CHARS = 80


def _blank(text: str | None) -> bool:
    return not text or text.isspace()


def _double_break(br: etree._Element) -> bool:
    following = br.getnext()
    return _blank(br.tail) and following is not None and following.tag == "br"


def paragraphs_between_breaks(
    root: etree._Element, holders: frozenset[str], alone: bool = False
) -> int:
    """Makes <p>s of the pieces of text between blank lines in the `holders` elements;
    how many such elements it rewrote. `alone`: only blocks beside no text of their own
    siblings' (the story's one text box, not the last of its paragraphs)."""
    blocks = {br.getparent() for br in root.iter("br") if _double_break(br)}
    rewritten = 0
    texts_beside: dict[etree._Element, list[etree._Element]] = {}  # once per parent
    for block in blocks:
        if block is None or block.tag not in holders:
            continue
        if any(not isinstance(c.tag, str) or c.tag not in _TEXT_MARKUP_TAGS for c in block):
            continue
        pieces = _pieces_between_breaks(block)
        if sum(map(_long_piece, pieces)) < MIN_BROKEN_PARAGRAPHS:
            continue
        if alone and (parent := block.getparent()) is not None:
            if parent not in texts_beside:
                texts_beside[parent] = [child for child in parent if _prints_text(child)]
            if any(child is not block for child in texts_beside[parent]):
                continue
        for child in list(block):
            block.remove(child)
        block.text = None
        block.tag = "div"
        for piece in pieces:
            paragraph = etree.SubElement(block, "p")
            last = None
            for part in piece:
                if isinstance(part, str):
                    if last is None:
                        paragraph.text = (paragraph.text or "") + part
                    else:
                        last.tail = (last.tail or "") + part
                else:
                    part.tail = None
                    paragraph.append(part)
                    last = part
        rewritten += 1
    return rewritten


def _prints_text(element: etree._Element) -> bool:
    """Whether a <p> or a text block prints a paragraph's worth of text of its own (not
    its links', not its nested blocks')."""
    if not isinstance(element.tag, str) or (element.tag != "p" and element.tag not in TEXT_BLOCKS):
        return False
    return len(" ".join(_unlinked_text(element).split())) >= MIN_BROKEN_PARAGRAPH_CHARS


def _unlinked_text(element: etree._Element) -> str:
    """The element's text and its inline markup's, without its links' texts."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _TEXT_MARKUP_TAGS and child.tag != "a":
            parts.append(_unlinked_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _long_piece(piece: list) -> bool:
    text = "".join(part if isinstance(part, str) else part.xpath("string()") for part in piece)
    return len(" ".join(text.split())) >= MIN_BROKEN_PARAGRAPH_CHARS


def _pieces_between_breaks(block: etree._Element) -> list[list]:
    """The block's text and elements in pieces, a blank line (two <br>s, more) between
    them; a single <br> stays inside its piece. Pieces of white space alone are dropped."""
    pieces: list[list] = [[block.text or ""]]
    children = list(block)
    index = 0
    while index < len(children):
        child = children[index]
        if child.tag == "br" and _double_break(child):
            while (
                index + 1 < len(children)
                and children[index + 1].tag == "br"
                and _blank(children[index].tail)
            ):
                index += 1
            pieces.append([children[index].tail or ""])
        else:
            pieces[-1] += [child, child.tail or ""]
        index += 1
    return [
        piece
        for piece in pieces
        if any(
            part.tag != "br" if not isinstance(part, str) else not _blank(part) for part in piece
        )
    ]


# A photo essay told in its captions: trafilatura keeps some captions of the gallery,
# glued to the photo's number and credit ("1Harvesters push off ... noon.Aïssatou Diallo /
# Reuters"), and drops others. Where the story holds most of a gallery's long captions,
# each caption is its text alone, and the ones left out come back in the page's order.
MIN_GALLERY_CAPTIONS = 4
MIN_GALLERY_CAPTION_CHARS = 60
_CAPTION_EXTRAS = re.compile(r"(?<![a-z])(?:num|number|count|counter|credits?)(?![a-z])", re.I)


def gallery_captions(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs with a photo essay's captions whole and each alone (see above)."""
    captions = [
        text
        for caption in root.iter("figcaption")
        if not _not_story(caption)
        and len(text := _caption_text(caption)) >= MIN_GALLERY_CAPTION_CHARS
    ]
    if len(captions) < MIN_GALLERY_CAPTIONS:
        return paragraphs
    folded = [_fold(p) for p in paragraphs]
    at = {  # caption -> the paragraph holding it
        index: next((i for i, p in enumerate(folded) if _fold(caption) in p), None)
        for index, caption in enumerate(captions)
    }
    if 2 * sum(i is not None for i in at.values()) < len(captions):
        return paragraphs  # no photo essay: a few captions beside a story
    placed = list(at.values())
    kept = list(paragraphs)
    before: dict[int, list[str]] = {}  # paragraph -> the left-out captions printed before it
    after: dict[int, list[str]] = {}  # ... and after it (those after the last one kept)
    for index, caption in enumerate(captions):
        if (where := placed[index]) is not None:
            kept[where] = caption  # the caption alone, its number and credit gone
        elif (later := next((p for p in placed[index + 1 :] if p is not None), None)) is not None:
            before.setdefault(later, []).append(caption)
        else:
            earlier = next(p for p in reversed(placed[:index]) if p is not None)
            after.setdefault(earlier, []).append(caption)
    out: list[str] = []
    for index, paragraph in enumerate(kept):
        out += [*before.get(index, []), paragraph, *after.get(index, [])]
    return out


def _caption_text(caption: etree._Element) -> str:
    """A caption's text without its photo's number and credit elements."""
    parts = [caption.text or ""]
    for child in caption:
        if not (isinstance(child.tag, str) and _CAPTION_EXTRAS.search(child.get("class") or "")):
            parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return clean_text(" ".join(parts))


# A gallery's counter printed over each photo ("3/8", "3 of 8", "3 من 8"): no text.
_PHOTO_COUNTER = re.compile(r"\d{1,3}\s*(?:/|of|من)\s*\d{1,3}")


MIN_TEXT_UNDER_HEADLINE = 80


def text_under_headline(sel: Selector, headline: str) -> list[str]:
    """The <p>s of the first block after the headline (among `DATE_SIBLINGS` elements)
    that holds paragraphs of its own and no links: a video story's caption, a brief's
    lines, where trafilatura finds no main text."""
    element = headline_element(sel, headline)
    if element is None:
        return []
    holder = headline_holder(element)[0]
    for block in islice(
        (e for e in holder.itersiblings() if isinstance(e.tag, str)), DATE_SIBLINGS
    ):
        texts = [clean_text(p.text_content()) for p in block.iterchildren("p")]
        texts = [t for t in texts if t]
        if (
            sum(map(len, texts)) >= MIN_TEXT_UNDER_HEADLINE
            and next(block.iter("a"), None) is None
            and not _not_story(block)
        ):
            return texts
    return []


def _story_paragraphs(
    sel: Selector,
    page: metadata.PageMeta,
    content: str | lxml.html.HtmlElement,
    page_url: str,
    labels: set[str],
    precise: bool,
    headline: str,
    reference: datetime,
) -> tuple[list[str], str, str]:
    """The story's paragraphs as trafilatura reads them (`main_text`) without what is not
    the story's (headline, kicker, furniture, side boxes, the site's and the header's lines,
    trailing lines), where they came from, and a byline read from the header's lines."""
    paragraphs, body_from = main_text(
        sel.root, page, content, page_url, labels, precise, headline=headline
    )
    stated = {headline, page.h1, *metadata.stated_headlines(page)}
    paragraphs = without_kicker(sel, without_headline(paragraphs, stated), headline)
    paragraphs = without_opening_title(sel.root, paragraphs)
    paragraphs = continued_story(sel.root, story_lead(sel.root, paragraphs))
    if "LiveBlogPosting" in metadata.json_ld_types(metadata.json_ld_article(page) or {}):
        paragraphs = live_summary(sel.root, paragraphs)
    paragraphs = without_side_column(
        sel.root,
        without_side_boxes(sel.root, drop_furniture(sel.root, paragraphs, headline, page_url)),
    )
    paragraphs = without_site_lines(sel.root, closing_lines(sel.root, paragraphs))
    paragraphs = gallery_captions(
        sel.root, [p for p in paragraphs if not _PHOTO_COUNTER.fullmatch(p)]
    )
    paragraphs, header_byline = without_header_lines(
        paragraphs,
        reference,
        lambda: _chrome_texts(sel),
        lambda: _writer_names(sel, page_url) | {page.class_byline} - {""},
        lambda line: metadata.site_dateline(page, line, page_url),
    )
    described = {_fold(text).casefold() for text in metadata.stated_descriptions(page)}
    paragraphs = without_repeated_lead(without_list_label(paragraphs), described)
    paragraphs = without_closing_heading(sel.root, paragraphs)
    return without_trailing_lines(paragraphs, reference), body_from, header_byline


_HEADING_PRINTING = etree.XPath(
    "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][normalize-space(.) = $text]"
)


def without_closing_heading(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The body without the headings closing it: a story does not end on one; the next
    blocks' do ("تقارير ومقابلات", "عناوين العدد 12890 - الأحد 10 أكتوبر 2027" then "آخر
    الأخبار"), up to `CLOSING_HEADINGS`."""
    end = len(paragraphs)
    while (
        end > 2
        and len(paragraphs) - end < CLOSING_HEADINGS
        # (A sentence's end first: the tree is searched only for a line that may be one.)
        and len(last := paragraphs[end - 1]) <= MAX_HEADING_CHARS
        and last[-1:] not in _SENTENCE_ENDS
        and _HEADING_PRINTING(root, text=last)
    ):
        end -= 1
    return paragraphs[:end]


CLOSING_HEADINGS = 3
MAX_HEADING_CHARS = 120
_SENTENCE_ENDS = frozenset('.!?؟…۔"”»')


# A key points box's label over its list, opening the body ("In short:", "أبرز النقاط:");
# longer, only a summary box's own wording ("What you need to know:", Nation's): a line of
# five words is as often the story's ("Roads closed on Friday include:").
_LIST_LABEL = re.compile(r"[^\W\d][^.!?؟:]{0,30}[:：]")
MAX_LIST_LABEL_WORDS = 4
_SUMMARY_LABEL = re.compile(r"what (?:you need to|to) know\s*[:：]", re.I)


def without_list_label(paragraphs: list[str]) -> list[str]:
    """The body without the label of the list that opens it: the items stay as its lead.
    Not where another labelled list follows ("Pros:" then "Cons:"): the labels tell them
    apart."""
    if not (len(paragraphs) > 2 and _list_label(paragraphs[0]) and paragraphs[1].startswith("- ")):
        return paragraphs
    after = next((p for p in paragraphs[1:] if not p.startswith("- ")), "")
    # (Nor where a label over another list comes later: "What we know so far:" then
    # "What we don't know yet:" further down, the story's own sections.)
    later = any(
        _LIST_LABEL.fullmatch(line) and following.startswith("- ")
        for line, following in pairwise(paragraphs[2:])
    )
    return paragraphs if _list_label(after) or later else paragraphs[1:]


def _list_label(line: str) -> bool:
    return bool(_SUMMARY_LABEL.fullmatch(line)) or (
        bool(_LIST_LABEL.fullmatch(line)) and len(line.split()) <= MAX_LIST_LABEL_WORDS
    )


# How much of a summary's words the first paragraph must hold for the summary to be its
# shortened copy.
REPEATED_LEAD_SHARE = 0.9


def without_repeated_lead(paragraphs: list[str], descriptions: Collection[str]) -> list[str]:
    """The body without a summary above the story that only shortens its first paragraph
    (a Next.js story's "summary" field: the lead's sentence less a clause), the summary the
    page's description states too (`descriptions`, folded): not a lead that a quotation
    after it repeats."""
    if len(paragraphs) < 3:
        return paragraphs
    summary, lead = paragraphs[0], paragraphs[1]
    if _fold(summary).casefold() not in descriptions:
        return paragraphs
    words = re.findall(r"\w+", summary.casefold())
    if len(summary) >= len(lead) or len(words) < 5:
        return paragraphs
    held = set(re.findall(r"\w+", lead.casefold()))
    if sum(word in held for word in words) >= REPEATED_LEAD_SHARE * len(words):
        return paragraphs[1:]
    return paragraphs


def _beside_the_story(element: etree._Element) -> bool:
    """Whether the element sits in an aside, the site's header (not an article's), a
    sidebar, a widget, comments, a trending bar or teasers of other stories: where tags are
    not the story's."""
    return any(
        node.tag == "aside"
        or (node.tag == "header" and next(node.iterancestors("article"), None) is None)
        or _not_the_storys(node)
        for node in (element, *element.iterancestors())
        if node.tag not in ("body", "html")
    )


# Where a layout puts its sidebar, named on a wrapper that may hold the story's column too
# (Soledad: "penci_sidebar right-sidebar", the Theia Sticky Sidebar script's
# "theiaStickySidebar" around both columns).
_SIDEBAR_LAYOUT = re.compile(
    r"(?<!\S)\S*(?:theiaStickySidebar|sticky[-_]sidebar|(?:right|left)[-_]sidebar|\w+_sidebar)\S*",
    re.I,
)


def _not_the_storys(node: etree._Element) -> bool:
    classes = _LAYOUT_CLASSES.sub("", f"{node.get('class') or ''} {node.get('id') or ''}")
    if not _NOT_THE_STORYS_TAGS.search(classes):
        return False
    # Such a wrapper holds the story when it holds the headline.
    return bool(
        _NOT_THE_STORYS_TAGS.search(_SIDEBAR_LAYOUT.sub("", classes))
        or next(node.iter("h1"), None) is None
    )


# An image that is the site's mark, not a story's picture ("logo.png", "/brand/", an icon).
_LOGO_IMAGE = re.compile(r"logo|favicon|apple-touch|/icons?/|/brand(?:ing)?/|placeholder", re.I)


def story_image(sel: Selector, headline: str, page_url: str) -> str | None:
    """The first picture after the headline in the story's <article> (or <main>): not a
    logo, an icon, an author's photo, a small image or a tracking pixel. None when the page
    prints none."""
    holder = headline_element(sel, headline)
    scope = (
        next(
            (node for node in (holder, *holder.iterancestors()) if node.tag in ("article", "main")),
            None,
        )
        if holder is not None
        else None
    )
    if scope is None:
        return None
    after = False
    for element in scope.iter():
        if element is holder:
            after = True
            continue
        if not after or element.tag != "img":
            continue
        src = (element.get("src") or element.get("data-src") or "").strip()
        if not src or src.startswith("data:") or _LOGO_IMAGE.search(urlsplit(src).path):
            continue
        width = element.get("width") or ""
        if (width.isdigit() and int(width) < MIN_STORY_IMAGE_WIDTH) or _outside_story(element):
            continue
        if any(
            _PERSON_PICTURE.search(f"{n.get('class') or ''} {n.get('id') or ''}")
            for n in (element, *islice(element.iterancestors(), 3))
        ):
            continue
        if (url := metadata.join_url(page_url, src)) is not None:
            return url
    return None


_PERSON_PICTURE = re.compile(r"author|avatar|writer|profile|byline", re.I)
MIN_STORY_IMAGE_WIDTH = 200


def tag_links(sel: Selector) -> list[str]:
    """The texts of the story's tag links (rel="tag"), outside asides, sidebars, widgets,
    comments and teasers of other stories: the tags of a page whose metadata names none.
    A menu holds no rel="tag" link; a nav may hold the story's tags ("Themen in diesem
    Artikel")."""
    found = []
    for link in _TAG_LINKS(sel.root):
        if _beside_the_story(link) or _in_category_links(link):
            continue
        found.append(_without_hash(clean_text(link.text_content())))
    return list(dict.fromkeys(text for text in found if text))


def _in_category_links(link: etree._Element) -> bool:
    """Whether a rel="tag" link is the post's category, printed in the theme's category
    list (Kadence's `<span class="category-links"><a rel="tag">`)."""
    parent = link.getparent()
    return parent is not None and "categor" in (parent.get("class") or "").lower()


def _without_hash(tag: str) -> str:
    """A hashtag as the topic it names ("#الأمن_المائي": الأمن المائي), so that a topic is
    one tag across sites that print it with a hash and those that do not."""
    if tag.startswith("#") and len(tag) > 1:
        return tag[1:].replace("_", " ").strip()
    return tag


# An element named for the story's tags: "tags", "tag-list", "u-tags__list", "articleTags",
# "singleTagList", "art-hashtags", data-component="tags", Haaretz's data-test="articleTags";
# not "tagcloud", "stage" or "vintage".
_TAG_LIST_MARK = re.compile(
    r"(?:^|[\s_-])(?:[Tt]ags?|[Hh]ashtags?|[Kk]eywords|[Ss]chlagw\w*)(?:$|[\s_A-Z-])"
    r"|[a-z](?:Tags?|Keywords)(?:$|[\s_A-Z-])"
)
# Every name _TAG_LIST_MARK takes holds "ag" or "eyword": only those elements' names are
# joined and searched (7% of the named elements of the 312 real pages).
_MARK_ATTRIBUTES = ("class", "id", "data-component", "data-test")


def _marked(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """The elements inside <body> whose class, id or data-component holds "ag" or
    "eyword", in document order, with those names joined."""
    for body in root.getroottree().getroot().iter("body"):
        for element in body.iterdescendants(etree.Element):
            marks = " ".join(filter(None, map(element.get, _MARK_ATTRIBUTES)))
            if "ag" in marks or "eyword" in marks:  # the space joining them holds neither
                yield element, marks


MAX_TAG_CHARS = 60
TAG_LIST_LINK_SHARE = 0.6


def tag_list(sel: Selector) -> list[str]:
    """The link texts of the first list named for tags (`_TAG_LIST_MARK`) outside asides,
    sidebars, widgets, comments and teasers: short links that are most of its text (a
    label such as "Schlagworte:" beside them). A tag that is its own element (a button per
    tag) reads the list it sits in."""
    for element, marks in _marked(sel.root):
        if not _TAG_LIST_MARK.search(marks) or element.tag == "a":
            continue
        if _beside_the_story(element):
            continue
        if element.find(".//a") is None and next(element.iterancestors("a"), None) is None:
            # No links: tags printed as text, the list's label (its links are beside it), or
            # an empty slot (Soledad's "penci-source-via-tags-wrap" before the share
            # buttons) that names no list.
            if printed := _unlinked_tags(element):
                return printed
            if not clean_text(element.text_content()):
                continue
        for _ in range(3):  # a tag per element: the list is a level or two up
            if len(element.findall(".//a")) > 1 or element.getparent() is None:
                break
            element = element.getparent()
        links = [clean_text(a.text_content()) for a in element.iter("a")]
        text = clean_text(element.text_content())
        if not links or not text or any(len(link) > MAX_TAG_CHARS for link in links):
            continue
        # A label before the first link ("الكلمات المفتاحية:", a heading "مواضيع") is no
        # text the links must outweigh.
        label = len(_text_before_first_link(element))
        if label > MAX_TAG_LABEL_CHARS:
            label = 0
        if sum(map(len, links)) >= TAG_LIST_LINK_SHARE * (len(text) - label):
            return list(dict.fromkeys(_without_hash(link) for link in links if link))
    return _topics_list(sel.root) or _tag_page_list(sel.root)


# A link to a tag's page: "/tag/public-transit?source=post_page", "/tags/sacramento/".
# The folders of a site's topic and tag pages ("/all-about/flooding", "/topic/ramen"; Al
# Jazeera's places, "/where/africa/sudan/").
_TOPIC_FOLDERS = r"(?:all-about|topics?|tags?|subjects?|themen|where)"
_TAG_PAGE_LINK = re.compile(
    rf"^(?:https?://[^/]+)?/(?:[a-z]{{2}}/)?{_TOPIC_FOLDERS}/[^/?#]+(?:/[^/?#]+)?/?(?:[?#].*)?$",
    re.I,
)
_PLACE_TOPIC_LINK = re.compile(r"^(?:https?://[^/]+)?/where/[^?#]", re.I)
# (Or a row of links alone: "<div><a href=/ar/tags/…>#الطاقة</a> <a …>…</a></div>".)
_LISTS = etree.XPath("//body//ul | //body//ol | //body//div[a][not(*[not(self::a)])]")


def _tag_page_list(root: etree._Element) -> list[str]:
    """The texts of a list after the headline whose every link (two or more) goes to a tag's
    or a topic's page, under no heading, outside the page's footer, menus and the blocks
    beside the story: the tags where no name or label says so (Medium's pills under
    generated class names, a story footer's `ul.article__topics`)."""
    for listed in _LISTS(root):
        links = listed.findall(".//a")
        if len(links) < 2 or not all(_TAG_PAGE_LINK.match(a.get("href") or "") for a in links):
            continue
        texts = [clean_text(a.text_content()) for a in links]
        if not all(0 < len(text) <= MAX_TAG_CHARS for text in texts) or not _AFTER_H1(listed):
            continue
        heading = listed.getprevious()
        if heading is not None and (
            heading.tag in ("h2", "h3", "h4", "h5", "h6")
            or (heading.find(".//a") is None and 0 < len(clean_text(heading.text_content())) <= 40)
        ):
            continue  # a list its heading names ("人気キーワード", the site's popular tags)
        # (An article's own footer holds its topics: the page's footer does not.)
        footer = next(listed.iterancestors("footer"), None)
        page_footer = footer is not None and next(footer.iterancestors("article"), None) is None
        nav = next(listed.iterancestors("nav"), None)
        story = next(listed.iterancestors("article", "main"), None)  # (not the site's links)
        if story is not None and not page_footer and nav is None and not _beside_the_story(listed):
            return list(dict.fromkeys(_without_hash(text) for text in texts))
    return []


# A heading naming the story's topics, over a list of links to them (BBC's "Related topics",
# ABC's "Topic:", Rolling Stone's "In This Article:", "مواضيع ذات صلة"), where no element is
# named for tags; "More on" only over topic pages (else other stories).
_TOPICS_HEADING = re.compile(
    r"(?:(?:read )?related topics?|topics?|keywords|in this news|explore more (?:on these )?topics"
    r"|filed (?:under|to)|read more about|tagged(?: with)?|tags|in this article|(?P<more>more on)"
    r"|(?:ال)?(?:مواضيع|موضوعات) (?:ال)?ذات (?:ال)?صلة|الموضوعات|المواضيع|مواضيع|الوسوم|وسوم"
    r"|(?:ال)?كلمات (?:ال)?(?:مفتاحية|مفاتيح|دلالية|دالة)|mots[ -]cl[eé]s)\s*:?",
    re.I,
)
# The most words a topic's name runs to ("Climate change", "Public libraries").
MAX_TOPIC_WORDS = 4
# A topic's page ("/all-about/flooding", "/topic/ramen"), which a "More on" list links.
_TOPIC_PAGE = re.compile(rf"/{_TOPIC_FOLDERS}/[^/]", re.I)
# Short headings and labels that may name the story's topics.
_TOPICS_LABELS = etree.XPath(
    "//body//*[self::h2 or self::h3 or self::h4 or self::span or self::strong or self::b]"
    "[string-length(normalize-space()) < 40]"
)


def _topics_list(root: etree._Element) -> list[str]:
    """The link texts of the list under a heading naming the story's topics (a `ul` after
    it), or of the links beside a label naming them in one block ("<div><span>Topics:
    </span><a>Ferries</a> <a>Oban</a></div>", "<strong>Keywords</strong><a>#exports</a>"),
    outside asides, sidebars and other stories' blocks."""
    for label in _TOPICS_LABELS(root):
        heading = _TOPICS_HEADING.fullmatch(label_text := clean_text(label.text_content()))
        if heading is None:
            continue
        listed = next((e for e in label.itersiblings() if isinstance(e.tag, str)), None)
        if listed is not None and listed.tag in ("ul", "ol"):
            block = listed
        elif listed is not None and listed.tag == "a" and label.getparent() is not None:
            block = label.getparent()  # the label and the links side by side
        else:
            continue
        # (The block's own name may say "related": its heading says what it lists; so may
        # the wrapper of the heading and the list alone, "related-topics".)
        wrapper = block.getparent()
        topic_pages = all(_TOPIC_PAGE.search(a.get("href") or "") for a in block.iter("a"))
        if (
            wrapper is label.getparent()
            and wrapper is not None
            # (Beside them, only headings: DW's "Skip next section" link's.)
            and all(child in (label, block) or child.tag in _HEADING_TAGS for child in wrapper)
        ):
            # DW's "related-topics" of topics' names (not of other stories' headlines).
            named = "topic" in (wrapper.get("class") or "").lower() and all(
                len(a.text_content().split()) <= MAX_TOPIC_WORDS for a in block.iter("a")
            )
            wrapper = wrapper.getparent() if topic_pages or named else wrapper
        if wrapper is None or _beside_the_story(wrapper):
            continue
        if heading["more"] and not topic_pages:
            continue  # "More on" over other stories, not over topic pages
        if found := _topic_links(block, label_text):
            return found
    # The label as the block's own opening text ("<div>Filed under: <a>Student Senate</a>,
    # <a>...</a></div>", Kinja's "<span>Filed to: <a>MTA</a></span>").
    for block in root.iter("div", "p", "span"):
        label = clean_text(block.text or "")
        heading = _TOPICS_HEADING.fullmatch(label) if label else None
        if heading is None or heading["more"] or block.find("a") is None:
            continue
        if block.getparent() is None or _beside_the_story(block.getparent()):
            continue
        if found := _topic_links(block, label):
            return found
    return []


def _topic_links(block: etree._Element, label: str) -> list[str]:
    """The texts of a topics block's links when they are most of its text, short each."""
    anchors = list(block.iter("a"))
    if any("#" in (a.get("href") or "") for a in anchors):
        return []  # a table of contents ("In this article": the story's own sections)
    links = [clean_text(a.text_content()) for a in anchors]
    words = len(clean_text(block.text_content())) - len(label)
    if _RELATED_LABEL.search(label) and 2 * sum(
        len(n.split()) > MAX_TOPIC_WORDS for n in links
    ) > len(links):
        return []  # "المواضيع ذات الصلة" over other stories' headlines, not topics' names
    if (
        links
        and all(0 < len(link) <= MAX_TAG_CHARS for link in links)
        and sum(map(len, links)) >= TAG_LIST_LINK_SHARE * words
    ):
        return list(dict.fromkeys(_without_hash(link) for link in links))
    return []


MAX_TAG_LABEL_CHARS = 40
_RELATED_LABEL = re.compile(r"ذات (?:ال)?صلة|related", re.I)
_AFTER_H1 = etree.XPath("boolean(preceding::h1)")


_TAG_SEPARATOR = re.compile(r"\s*[،,]\s*")


def _unlinked_tags(element: etree._Element) -> list[str]:
    """Tags printed without links (`<div class="story-tags"><b>وسوم:</b> <span>الزراعة
    </span> ...`): two or more short items (`span`, `li`, no elements inside) that are
    most of the list's text. An item marked as a tag on its own reads its marked
    siblings."""
    parent = element.getparent()
    if len(element) == 0 and parent is not None:
        items = [
            node
            for node in parent
            if node.tag in ("span", "li") and _TAG_LIST_MARK.search(node.get("class") or "")
        ]
        element = parent
    else:
        items = list(element.iterdescendants("span", "li"))
    texts = [clean_text(node.text_content()) for node in items if len(node) == 0]
    if len(texts) < 2 and len(element) == 1 and element[0].tag in ("strong", "b", "span"):
        # A label, then the tags as one line of text ("<b>وسوم:</b> الانتخابات، تونس").
        label = clean_text(element[0].text_content())
        if _TOPICS_HEADING.fullmatch(label) and not (element.text or "").strip():
            texts = [clean_text(t) for t in _TAG_SEPARATOR.split(element[0].tail or "")]
    texts = [text for text in texts if any(c.isalpha() for c in text)]
    if len(texts) < 2 or any(len(text) > MAX_TAG_CHARS for text in texts):
        return []
    # Without links to go by, only where a story's tags stand: after its headline, outside
    # the footer and the menus; and words, not a meta line's counts and times.
    if element.find(".//a") is not None or any(c.isdigit() for text in texts for c in text):
        return []
    if next(element.iterancestors("footer", "nav"), None) is not None or not _AFTER_H1(element):
        return []
    if sum(map(len, texts)) < TAG_LIST_LINK_SHARE * len(clean_text(element.text_content())):
        return []
    return list(dict.fromkeys(_without_hash(text) for text in texts))


def _text_before_first_link(element: etree._Element) -> str:
    pieces = [element.text or ""]
    for node in element.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "a":
            break
        pieces.append(node.text or "")
        if node.tail and next(node.iter("a"), None) is None:
            pieces.append(node.tail)
    return clean_text(" ".join(pieces))


# --- the body: cut short, then padded ---------------------------------------------------


def _byline_element_line(
    paragraphs: list[str], page: metadata.PageMeta, reference: datetime
) -> bool:
    """Whether the story's first line is the names of the element classed as its byline,
    kept above the story, alone or with the date after them (a Drupal author field:
    "منى الحمروني"; a "submitted" line: "سيدي محمد ولد الشيخ - الثلاثاء 01 ديسمبر 2026")."""
    first = clean_text(paragraphs[0]) if len(paragraphs) > 1 else ""
    if not 0 < len(first) <= MAX_DATE_CHARS or not (names := page.class_byline):
        return False
    rest = first.removeprefix(names).lstrip(" -–—|،,")
    return first == names or (rest != first and _is_printed_date(rest, reference))


def main_text(
    root: etree._Element,
    page: metadata.PageMeta,
    content: str | lxml.html.HtmlElement,
    page_url: str,
    labels: set[str],
    precise: bool,
    headline: str = "",
) -> tuple[list[str], str]:
    """The story's paragraphs and where they came from. trafilatura reads the page
    (favouring precision when `precise`); when what it keeps is less than half the page's
    main text (`main_text_chars`, or the body the page states when longer: JSON-LD's
    articleBody, else the story in a Next.js page's data), it reads the page again
    favouring recall, and the stated body is taken when that is still short. A fallback's
    provenance says what was short. `headline`: finds the story's cell on a page laid out
    in tables that prints it in no h1."""
    paragraphs = _trafilatura_paragraphs(
        content, page_url, labels, precise=precise, headline=headline
    )
    found = sum(map(len, paragraphs))
    stated, stated_source = json_ld_body(page), "json-ld:articleBody"
    if not stated:
        stated, stated_source = data_body(page), "page-data"
    stated_chars = sum(map(len, stated))
    main_chars = max(main_text_chars(root), stated_chars)
    if main_chars < MIN_MAIN_TEXT or found >= SHORT_BODY_SHARE * main_chars:
        return paragraphs, "trafilatura"
    note = f"trafilatura kept {found} of the page's {main_chars} characters of main text"
    recalled = _trafilatura_paragraphs(content, page_url, labels, recall=True, headline=headline)
    recalled_chars = sum(map(len, recalled))
    if recalled_chars > found:
        paragraphs, found = recalled, recalled_chars
        if found >= SHORT_BODY_SHARE * main_chars:
            return paragraphs, f"trafilatura:recall ({note})"
    if stated_chars >= MIN_MAIN_TEXT and found < SHORT_BODY_SHARE * stated_chars:
        return stated, f"{stated_source} ({note})"
    return paragraphs, f"trafilatura:recall ({note})" if paragraphs is recalled else "trafilatura"


# How far up from the story's container a repeat of it is looked for: the blocks a CMS
# splits a story into sit a few wrappers deep (a row, a column, the block itself).
CONTINUATION_LEVELS = 5
_STORY_BOUNDS = frozenset(("article", "main", "body", "html"))


def continued_story(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the rest of a story its CMS split into several blocks.

    Some pages print a story in blocks of the same markup (`div.body.articleBody` in a row
    of its own), with teasers, ads or a paywall's row between them; trafilatura keeps the
    first block only. The block holding the last long paragraph is found on the page; the
    blocks after it with the same tag and class, in wrappers repeating its own (up to
    `CONTINUATION_LEVELS` up, never past an <article>, <main> or the wrapper holding the
    <h1>, never into one holding an <h1>: another story), give their own <p> children
    that are not already in the story, in page order, after that paragraph."""
    long = [i for i, p in enumerate(paragraphs) if len(p) >= STORY_PARAGRAPH_CHARS]
    if not long:
        return paragraphs
    last = _paragraph_element(root, paragraphs[long[-1]])
    block = last.getparent() if last is not None else None
    if block is None or not block.get("class"):
        return paragraphs  # a bare <div> is no signature worth repeating
    held = "".join(map(_fold, paragraphs))  # trafilatura splits a <p> at its <br>s
    added: list[str] = []
    node = block
    for _ in range(CONTINUATION_LEVELS):
        if node is None or node.tag in _STORY_BOUNDS:
            break
        if node is not block and node.find(".//h1") is not None:
            break
        for sibling in node.itersiblings():
            if sibling.tag != node.tag or sibling.get("class") != node.get("class"):
                continue
            if sibling.find(".//h1") is not None:
                continue
            for repeat in sibling.iter(block.tag):
                if repeat.get("class") != block.get("class") or _not_story(repeat):
                    continue
                for child in repeat.iterchildren("p"):
                    text = clean_text(child.text_content())
                    if text and (key := _fold(text)) not in held:
                        held += key
                        added.append(text)
        if added:
            break
        node = node.getparent()
    if not added:
        return paragraphs
    # After the last paragraph and the shorter ones of its block that follow it.
    at = long[-1] + 1
    block_text = _fold(block.text_content())
    while at < len(paragraphs) and _fold(paragraphs[at]) in block_text:
        at += 1
    return [*paragraphs[:at], *added, *paragraphs[at:]]


# trafilatura drops a short line closing a story ("The cause is under investigation.",
# 33 characters, after a live page's last post): the <p>s right after the story's last
# paragraph in its block, plain text and short, not yet in the story, close it.
MAX_CLOSING_LINES = 2
MAX_CLOSING_LINE_CHARS = 120
# A closing line may be a link to the story's own document ("Read the full ruling here",
# to its PDF); a link to a page is a teaser's.
_DOCUMENT_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt)(?:[?#]|$)", re.IGNORECASE)
_PARAGRAPH_PRINTING = etree.XPath("//p[normalize-space(.) = $text]")


def closing_lines(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the short plain lines that follow the last one in its block (or
    a link to the story's document)."""
    if not paragraphs:
        return paragraphs
    # (Compared in XPath, as printed: a tenth of `_paragraph_element`'s walk in Python.)
    last = next(iter(_PARAGRAPH_PRINTING(root, text=paragraphs[-1])), None)
    if last is None:
        return paragraphs
    held = {_fold(p) for p in paragraphs}
    added: list[str] = []
    for sibling in last.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = clean_text(sibling.text_content())
        links = list(sibling.iter("a"))
        if (
            sibling.tag != "p"
            or (
                links
                and not (len(links) == 1 and _DOCUMENT_LINK.search(links[0].get("href") or ""))
            )
            or len(text) > MAX_CLOSING_LINE_CHARS
            or len(added) == MAX_CLOSING_LINES
        ):
            break
        if text and _fold(text) not in held:
            added.append(text)
    return [*paragraphs, *added]


# A story's lead printed in a block of its own before the rest (Joomla's "itemIntroText"
# and "introtext", "article-lead", "chapo", "standfirst").
_LEAD_MARK = re.compile(
    r"intro|lead(?!ing|er)|lede|chapo|standfirst|sapo|entradilla", re.IGNORECASE
)
# How many blocks before the story's a lead may sit (an image block between them).
LEAD_SIBLINGS = 2
MIN_LEAD_CHARS = 40


def _paragraph_element(root: etree._Element, paragraph: str) -> etree._Element | None:
    """The <p> that prints `paragraph` (the first on the page)."""
    key = _fold(paragraph)
    return next(
        (e for e in root.iter("p") if _fold(" ".join(e.text_content().split())) == key),
        None,
    )


def story_lead(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the story's lead block in front of them, where trafilatura kept
    the block after it only: among the `LEAD_SIBLINGS` elements before the first long
    paragraph (a chapô in a <div> beside the <p>s) or before its block, one whose class or
    id says lead or intro, that holds text the story does not (its <p> children, or its
    own text when it has none)."""
    long = next((p for p in paragraphs if len(p) >= STORY_PARAGRAPH_CHARS), None)
    if long is None:
        return paragraphs
    element = _paragraph_element(root, long)
    if element is None or (block := element.getparent()) is None:
        return paragraphs
    held = "".join(map(_fold, paragraphs))
    siblings = itertools.chain(
        itertools.islice(_elements_before(element), LEAD_SIBLINGS),
        itertools.islice(_elements_before(block), LEAD_SIBLINGS),
    )
    for sibling in siblings:
        marks = f"{sibling.get('class') or ''} {sibling.get('id') or ''}"
        if not _LEAD_MARK.search(marks) or _not_story(sibling):
            continue
        pieces = [clean_text(c.text_content()) for c in sibling.iterchildren("p")] or [
            clean_text(sibling.text_content())
        ]
        lead = [t for t in pieces if t and _fold(t) not in held]
        if sum(map(len, lead)) < MIN_LEAD_CHARS:
            return paragraphs
        at = paragraphs.index(long)
        return [*paragraphs[:at], *lead, *paragraphs[at:]]
    return paragraphs


# A live page's summary above its posts ("What we know", "Key points"): a box a class
# names, holding a list. The corpus's publishers count a story's summary as its lead.
_SUMMARY_LISTS = etree.XPath(
    "//*[contains(@class, 'summary') or contains(@class, 'key-points')"
    " or contains(@class, 'highlights') or contains(@class, 'takeaways')][.//li]"
)
_BEFORE = etree.XPath("count(preceding::*)")
LIVE_SUMMARY_LOOKAHEAD = 3


def live_summary(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """A live page's paragraphs with its summary list's items in front, where trafilatura
    left them out: the first summary box printed before the story's first paragraph, its
    items not in the story yet."""
    # (The first printed in a <p>: a post's own headline opens the story in an <h2>.)
    found = (_paragraph_element(root, p) for p in paragraphs[:LIVE_SUMMARY_LOOKAHEAD])
    first = next((element for element in found if element is not None), None)
    if first is None:
        return paragraphs
    held = {_fold(p.removeprefix("- ")) for p in paragraphs}
    first_at = _BEFORE(first)
    for box in _SUMMARY_LISTS(root):
        if _BEFORE(box) >= first_at:
            break
        if _not_story(box) or first in box.iterdescendants():
            continue
        items = [clean_text(li.text_content()) for li in box.iter("li")]
        items = [item for item in items if item and _fold(item) not in held]
        return [*items, *paragraphs] if items else paragraphs
    return paragraphs


def _elements_before(element: etree._Element) -> Iterator[etree._Element]:
    return (e for e in element.itersiblings(preceding=True) if isinstance(e.tag, str))


def recalled_body(html: str, page_url: str, headline: str) -> list[str]:
    """The story's paragraphs as trafilatura reads the page favouring recall, without
    furniture and trailing blocks: for a theme page whose profile's container holds a
    small part of the story (a page builder's block beside it, another layout)."""
    sel, content = parse_readable(html)
    if readable_story(sel.root) and isinstance(content, str):
        content = sel.root
    paragraphs = _trafilatura_paragraphs(
        content, page_url, {headline}, recall=True, headline=headline
    )
    return split_source_line(drop_furniture(sel.root, paragraphs, headline, page_url))[0]


def _trafilatura_paragraphs(
    content: str | lxml.html.HtmlElement,
    page_url: str,
    labels: set[str],
    precise: bool = False,
    recall: bool = False,
    headline: str = "",
) -> list[str]:
    given = content
    tables = not isinstance(content, str) and not _table_layout(content)
    if (
        not isinstance(content, str)
        and not tables
        and (cell := _story_cell(content, headline)) is not None
    ):
        given = _cell_document(content, cell)
    inline = [] if isinstance(given, str) else _times_in_sentences(given)
    for element in inline:
        element.tag = "span"  # trafilatura drops every <time> with its text
    try:
        document = trafilatura.bare_extraction(
            given,
            url=page_url,
            include_comments=False,
            include_tables=tables,
            favor_precision=precise,
            favor_recall=recall,
        )
    except RecursionError:  # its list and table readers recurse once per level
        raise NestedTooDeep(TOO_DEEP_TO_READ) from None
    finally:
        for element in inline:
            element.tag = "time"  # the date readers after this one ask for it
    text = (document.text if document is not None else "") or ""
    paragraphs = [p for p in map(clean_text, text.split("\n")) if p and p not in labels]
    if isinstance(content, str) or not any(p.startswith("|") for p in paragraphs):
        return paragraphs
    return _story_table_rows(content, paragraphs)


# A <time> printed inside a sentence of the story ("<b><time>May 11, 2017</time></b> —
# Inspectors rate the old bridge…", a timeline) is the story's text; a date line's is not
# (a byline and its date are a few words, with no full stop).
MIN_SENTENCE_WORDS = 8
MIN_SHORT_SENTENCE_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?؟]\W*$")
_DATE_LINE_MARK = re.compile(r"date|(?<![a-z])time(?!line)|publish|posted|byline|meta", re.I)


def _word_count(text: str) -> int:
    """Words with a letter in them (not "|", "—", "4")."""
    return sum(1 for word in text.split() if any(c.isalpha() for c in word))


def _times_in_sentences(root: etree._Element) -> list[etree._Element]:
    """The <time> elements inside a paragraph whose own words, outside its times and
    links, make a sentence (a long one, or a short one with its full stop), where the
    paragraph is no labelled date line or byline."""
    found = []
    for element in root.iter("time"):
        paragraph = next(element.iterancestors("p"), None)
        if paragraph is None or _DATE_LINE_MARK.search(paragraph.get("class") or ""):
            continue
        text = clean_text(_text_without_times(paragraph))
        if _PUBLICATION_LABEL.match(text) or _UPDATE_LABEL.match(text):
            continue  # a date line ("Published … — Last updated … — 4 min read")
        if metadata.starts_with_byline(text):
            continue
        linked = sum(_word_count(a.text_content()) for a in paragraph.iter("a"))
        words = _word_count(text) - linked
        if words >= MIN_SENTENCE_WORDS or (
            words >= MIN_SHORT_SENTENCE_WORDS and _SENTENCE_END.search(text)
        ):
            found.append(element)
    return found


def _story_table_rows(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """trafilatura's table rows ("| Fuel | Unit rate |", "|---|---|") as plain text, each
    row's cells joined by a space, for the rows of tables inside the element holding the
    story's paragraphs and outside menus and footers; the separator rows and a table of
    the page's other column (a currency widget) go."""
    holder = _paragraphs_holder(
        root, [p for p in paragraphs if not (p.startswith("|") and p.endswith("|"))]
    )
    story_rows = {
        tuple(cells)
        for table in root.iter("table")
        if not _not_story(table) and (holder is None or holder in table.iterancestors())
        for row in table.iter("tr")
        if (cells := [clean_text(cell.text_content()) for cell in row if cell.tag in ("td", "th")])
    }
    kept = []
    for paragraph in paragraphs:
        if not (paragraph.startswith("|") and paragraph.endswith("|")):
            kept.append(paragraph)
            continue
        cells = [clean_text(cell) for cell in paragraph[1:-1].split("|")]
        if all(set(cell) <= {"-", ":"} for cell in cells):
            continue  # the separator under a header row
        # trafilatura pads a short row with empty cells to the table's width.
        while cells and not cells[-1]:
            cells.pop()
        if tuple(cells) in story_rows:
            kept.append(" ".join(c for c in cells if c))
    return kept


def _paragraphs_holder(root: etree._Element, paragraphs: list[str]) -> etree._Element | None:
    """The innermost element holding the first and the last of the paragraphs printed
    (`<p>` or a heading) in the story's part of the page (not a sidebar's poll question
    trafilatura took along), None when fewer than two are found or only the page's body
    holds them."""
    if len(paragraphs) < 2:
        return None
    wanted: dict[str, etree._Element | None] = dict.fromkeys(paragraphs)
    for element in root.iter("p", "h2", "h3", "li", "blockquote"):
        text = clean_text(element.text_content())
        if text in wanted and wanted[text] is None:
            wanted[text] = element
    story = [
        e
        for p in paragraphs
        if (e := wanted[p]) is not None and not _not_story(e) and not _in_poll_box(e)
    ]
    if len(story) < 2:
        return None
    holder = _common_ancestor(story[0], story[-1])
    return None if holder is None or holder.tag in ("body", "html") else holder


def _in_poll_box(element: etree._Element) -> bool:
    return any(_POLL_BOX_MARK.search(a.get("class") or "") for a in element.iterancestors())


def _common_ancestor(one: etree._Element, other: etree._Element) -> etree._Element | None:
    """The innermost element that holds both (neither itself)."""
    around = set(one.iterancestors())
    return next((a for a in other.iterancestors() if a in around), None)


# A table a page is laid out with, not one a story prints (results, figures): it holds the
# headline, another table or the story's paragraphs.
_LAYOUT_TABLE = etree.XPath("boolean(//table[.//h1 or .//table or count(.//p) >= 3])")


# The story's cell of a page laid out in tables holds the headline and its text: more
# than a title cell's.
MIN_STORY_CELL_CHARS = 500


def _story_cell(root: etree._Element, headline: str = "") -> etree._Element | None:
    """The table cell of a page laid out in tables that holds the headline (the first h1
    that is no logo, or a cell or block printing `headline` alone: Petra's
    `<td><font><b>`) and the story under it: the innermost cell around the headline
    holding more than a title's text (the title's own cell, or the column whose rows hold
    the title, the date and the text); None when no cell holds more."""
    h1 = next((h1 for h1 in root.iter("h1") if not metadata.is_logo_heading(h1)), None)
    printed = metadata.PRINTED_ALONE(root, headline=headline) if headline else []
    for element in (h1, *printed[:1]):
        if element is None:
            continue
        for cell in element.iterancestors("td", "th"):
            if len(" ".join(cell.text_content().split())) >= MIN_STORY_CELL_CHARS:
                return cell
    return None


def _cell_document(root: etree._Element, cell: etree._Element) -> etree._Element:
    """A document of the page's head and the story's cell alone, for trafilatura: on a page
    laid out in tables it leaves tables out, the story's cell with them (what a
    hand-made page's `<td><article>` holds came back as one glued block)."""
    document = lxml.html.Element("html")
    head = root.find("head")
    if head is not None:
        document.append(copy.deepcopy(head))
    body = etree.SubElement(document, "body")
    body.text = cell.text
    for child in cell:
        body.append(copy.deepcopy(child))
    return document


def _table_layout(root: etree._Element) -> bool:
    """Whether the page is laid out in tables (an old portal's `<td>` columns): trafilatura
    then reads its tables as rows of text, menus and side columns with the story, so it
    leaves tables out. On other pages a story's own table (results, figures) is story."""
    return bool(_LAYOUT_TABLE(root))


def main_text_chars(root: etree._Element) -> int:
    """Characters of the page's largest block of paragraphs: the element whose <p>
    children hold the most text outside links, not in a form, a menu, a sidebar, a footer
    or comments. What a story's body should hold at least half of."""
    held: dict[etree._Element, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is None:
            continue
        chars = len(" ".join(paragraph.text_content().split()))
        linked = sum(len(" ".join(a.text_content().split())) for a in paragraph.iter("a"))
        held[parent] = held.get(parent, 0) + max(0, chars - linked)
    for parent, chars in sorted(held.items(), key=lambda item: -item[1]):
        if not _not_story(parent):
            return chars
    return 0


def _not_story(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if outside_story(node.tag, marks) and not _story_column(node, marks):
            return True
    return False


def _story_column(node: etree._Element, marks: str) -> bool:
    """Whether a wrapper a sidebar's name marks only as a layout's ("penci_sidebar
    right-sidebar", "theiaStickySidebar", "penci-main-sticky-sidebar") holds the story: it
    holds the headline's h1."""
    return (
        not outside_story(node.tag, _SIDEBAR_LAYOUT.sub("", marks))
        and next(node.iter("h1"), None) is not None
    )


_TAGS = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>", re.I)


def json_ld_body(page: metadata.PageMeta) -> list[str]:
    """The paragraphs of the first JSON-LD `articleBody` on the page (some publishers put
    markup in it: its blocks are paragraphs, its tags go)."""
    for node in metadata.json_ld_objects(page):
        body = node.get("articleBody")
        if isinstance(body, str) and body.strip():
            return _stated_paragraphs(body)
    return []


# A slot the browser fills with an advertisement ("$$ARTICLEAD$$"), left in a story's
# HTML that a page sends in its data.
_AD_SLOT = re.compile(r"\$\$[A-Z][A-Z0-9_]*\$\$")


def data_body(page: metadata.PageMeta) -> list[str]:
    """The paragraphs of the story a Next.js page carries only in its data
    (`PageMeta.data_story`), without the furniture its markup marks (`drop_furniture`:
    photo captions, credits, author boxes) and the advertisement slots it leaves."""
    story = page.data_story
    if not story:
        return []
    body = _AD_SLOT.sub("", story["body"])
    paragraphs = _stated_paragraphs(body)
    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):  # no markup at all: nothing marks furniture
        return paragraphs
    return drop_furniture(root, paragraphs)


def _stated_paragraphs(body: str) -> list[str]:
    text = _TAGS.sub("", _BLOCK_END.sub("\n", body))
    lines = text.split("\n")  # before unescaping, which folds white space
    return [p for p in (clean_text(metadata.unescape_text(line)) for line in lines) if p]


# Page furniture trafilatura keeps among the paragraphs: photo captions and credits
# ("STR/Getty Images", "Photo: AFP"), author boxes, and teasers of other stories (a list
# whose items are links, "MORE: <linked headline>").
_CAPTION_TAGS = frozenset(("figure", "figcaption"))
# ("pic-desc": a Chinese agency template's caption paragraph; not "topic").
_CAPTION_MARK = re.compile(
    r"caption|credit|copyright|imag|img|photo|foto|picture|gallery|(?<![a-z])pic(?![a-z])", re.I
)
# A block's text part named in BEM ("photo-essay__intro", "gallery__text"): story text in
# a block named for its pictures, no caption.
_TEXT_PART = re.compile(
    r"(?<!\S)\S*__(?:intro|text|body|content|lead|summary|excerpt|story)\b\S*", re.I
)
_AUTHOR_BOX_MARK = re.compile(
    r"author|(?<![a-z])bio(?:graph|$|[\W_])"
    r"|(?<![a-z])(?:writer|columnist|kateb)[-_]?(?:box|info|card|profile|about)",
    re.I,
)
# Text for screen readers only ("Article content", "Hauptinhalt"), newsletter sign-ups,
# calls to action (Ghost's "gh-cta"), a paywall's box ("Paywall_box__p"; not "paywall"
# alone: Condé Nast's pages put it on the story's own paragraphs), a subscribers' gate,
# a donation appeal, republishing terms, footnotes.
_UNSEEN_MARK = re.compile(
    r"(?:^|\s)(?:visually-hidden|sr-only|screen-reader-text|hidden)(?:\s|$)|newsletter|signup"
    r"|sign-up|(?<![a-z])cta(?![a-z])|paywall(?:__\w|[-_](?:box|prompt|message|banner|notice|offer|login|title))"
    # A subscribers' gate after a teaser ("content-gate__text", "regwall", "subscriber-wall").
    r"|(?<![a-z])(?:content|subscriber|subscription|paywall|reg|login)[-_]?(?:gate|wall)(?![a-z])"
    # A nonprofit's appeal and its republishing terms under the story ("donate-box",
    # "support-us", "republish-box").
    r"|(?<![a-z])(?:donat(?:e|ion)s?|support-us)(?![a-z])|(?<![a-z])republish"
    # The notes a story's markers point to ("footnotes", "footnote-item").
    r"|(?<![a-z])footnote(?:s|-item|-list)?(?![a-z])",
    re.I,
)
# A sign-up box's form beside its text, whatever its classes say ("gnt_ar_nl"): an address
# to type in.
_EMAIL_FIELD = etree.XPath("./form[.//input[@type='email']] | ./input[@type='email']")
# A comments section's prompt ("Join our commenting forum", "Comments"; Le Monde's
# "article__reactions", "Réagir"); not a commentary.
# (A poll box's question: "<div class='box poll'><p>هل تتوقع ...؟</p><form>"; a class of its
# own, not WordPress's "tag-poll" on a post tagged so.)
_POLL_BOX = r"(?<![\w-])(?:wp-)?polls?(?!\w)"
_COMMENTS_OR_POLL_MARK = re.compile(
    rf"comment(?!ar)|(?<![a-z])reactions?(?![a-z])|{_POLL_BOX}", re.I
)
_POLL_BOX_MARK = re.compile(_POLL_BOX, re.I)
# How far up the wrappers of a paragraph's own element reach: ancestors holding little
# more than it (a figure holds its caption and credit, not the story).
_WRAPPER_LEVELS = 4
_WRAPPER_SLACK = 80
# A teaser is short and mostly link text.
MAX_TEASER_CHARS = 160
TEASER_LINK_SHARE = 0.5
LINKED_PARAGRAPH_SHARE = 0.8
_FURNITURE_TAGS = (
    "p", "li", "div", "span", "figcaption", "h2", "h3", "h4", "h5", "h6", "small", "em", "i",
    "strong", "b", "a", "dd", "dt", "tr",
)  # fmt: skip


# Captions that tell the story: a photo essay's or a gallery's, at least this many.
MIN_CAPTIONED_STORY = 3


# A caption by its credit, whatever its markup: "The M/V Islander docks at Port Haven.
# (Photo by Ned Carver)".
_PHOTO_CREDITED = re.compile(
    r"\((?:photo|photograph|picture|image|foto|file photo)(?:\s+by|\s*:)\s*[^()]{2,60}\)\s*$"
    # ... or named after its owner: "(Weekly file photo)", "(AP Photo)".
    r"|\((?:[\w'’.&-]+\s){1,3}(?:file\s)?(?:photo|photograph|picture)\)\s*$",
    re.IGNORECASE,
)


def drop_furniture(
    root: etree._Element, paragraphs: list[str], headline: str = "", page_url: str = ""
) -> list[str]:
    """The paragraphs without page furniture: the text of a social post embedded in the
    story (a tweet's blockquote) goes, and a paragraph goes when the first element on the
    page that holds exactly its text (the outermost, trafilatura's list items with their
    "- ") is a caption, a credit, an author box, a comments prompt, a teaser of another
    story (a card inside a link at any length), a line of a match's score box or fixtures,
    a facts or a list table's row, or text of a story the page appends after its own.
    Captions holding most of the text stay: they tell the story (a photo essay)."""
    paragraphs = _without_embedded_posts(root, paragraphs)
    later = _other_stories(root, headline)
    limit = None if later else 2 * MAX_TEASER_CHARS + 200  # else any length: another story's
    wanted = {_fold(p): len(p) for p in paragraphs}
    furniture: set[str] = set()
    linked: set[str] = set()  # furniture for being a link first
    seen: set[str] = set()
    boxed: set[str] = set()  # furniture for being in a caption or a box
    cards: dict[etree._Element, bool] = {}  # `_teaser_card`'s answer for each <article>
    for element in root.iter(_FURNITURE_TAGS):
        if len(seen) == len(wanted):
            break
        text = " ".join(element.text_content().split())
        key = _fold(text)
        if key not in wanted and element.tag == "li" and element.find(".//time") is not None:
            # A fixtures row's date in a <time>, which trafilatura leaves out of its line.
            if _in_sports_box(element):
                shorter = _fold(" ".join(_text_without_times(element).split()))
                if shorter in wanted:
                    furniture.add(shorter)
            continue
        if key not in wanted or key in seen:
            continue
        seen.add(key)
        short = limit is None or wanted[key] <= limit
        if element.tag == "tr":  # a table's row: furniture only as a facts or list table's
            if short and _facts_or_teaser_row(element):
                furniture.add(key)
            continue
        if later and any(node in later for node in element.iterancestors("article")):
            furniture.add(key)
        elif (
            # Inside a link, at any length: a card whose heading, date and summary all
            # link to another story.
            (anchor := next(element.iterancestors("a"), None)) is not None
            or (short and _teaser(element, text))
        ):
            furniture.add(key)
            anchor = anchor if anchor is not None else next(element.iter("a"), None)
            if anchor is not None and _links_here(anchor.get("href") or "", page_url):
                linked.add(key)
        elif short and (
            _caption_or_author_box(element, len(text))
            # A figure's whole text in one line: its caption glued to a gallery's counter
            # and buttons ("... (AP Photo/Czarek Sokolowski)1 of 12Read More").
            or _whole_figure(element, key)
            or _PHOTO_CREDITED.search(text)
            or _caption_after_picture(element)
        ):
            furniture.add(key)
            boxed.add(key)
        elif short and (
            _stamp_row(element, text)
            or _teaser_card(element, cards, page_url)
            or _in_sports_box(element)
            or _in_read_more_box(element)
        ):
            furniture.add(key)
        elif short and (card_lines := _card_summary(element, page_url)) is not None:
            # The card's summary, and its linked heading and date where read as lines.
            furniture.add(key)
            furniture.update(_fold(" ".join(line.text_content().split())) for line in card_lines)
    if len(boxed) >= MIN_CAPTIONED_STORY and 2 * sum(wanted[k] for k in boxed) > sum(
        wanted.values()
    ):
        # Most of the text in captions: a photo essay or a gallery told in its captions.
        furniture -= boxed
    if linked:
        # A link into this page first, then the story's own heading or paragraph: a table
        # of contents, a live blog's key events, a card of this very story above it. The
        # text stays; another story's teaser does not.
        furniture -= _printed_unlinked(root, linked)
    if not furniture:
        return paragraphs
    return [p for p in paragraphs if _fold(p) not in furniture]


# The header's meta row read again as a line (Al-Anba's `div.article-info`: "الثلاثاء 20
# أبريل 2027 03:40 م 1842", the day, the clock and the views): a year's or a clock's
# digits and a few words, in an element classed as the story's info, meta or date row
# ("article-info", "post-meta", "article__date"; not an event's "event-date" in a roundup).
_STAMP_ROW_MARK = re.compile(
    r"(?:^|\s)(?:article|post|entry|news|story)(?:[-_]|__)?(?:info|meta|date)(?:$|\s)",
    re.IGNORECASE,
)
_STAMP_ROW_WHEN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}:\d{2}(?!\d)")
MAX_STAMP_ROW_WORDS = 6


def _stamp_row(element: etree._Element, text: str) -> bool:
    return (
        bool(_STAMP_ROW_MARK.search(element.get("class") or ""))
        and bool(_STAMP_ROW_WHEN.search(text))
        and _word_count(text) <= MAX_STAMP_ROW_WORDS
    )


MAX_KICKER_CHARS = 160


KICKER_PIECES = 3


def without_kicker(sel: Selector, paragraphs: list[str], headline: str) -> list[str]:
    """The paragraphs without a kicker opening them: the short line printed right above the
    headline (Elaph's `<div class="Sub-Title">` over its `<h1>`), which trafilatura keeps
    with the header. A dek under the headline stays: the corpus counts it as the lead."""
    if not paragraphs or len(paragraphs[0]) > MAX_KICKER_CHARS:
        return paragraphs
    element = headline_element(sel, headline)
    if element is None:
        return paragraphs
    # The element right above it, or the few side by side there that trafilatura joins
    # into one line (the section's link and a "مميز" badge: "اقتصادمميز").
    kicker = ""
    above = (e for e in element.itersiblings(preceding=True) if isinstance(e.tag, str))
    for sibling in itertools.islice(above, KICKER_PIECES):
        kicker = _fold(sibling.text_content()) + kicker
        if kicker == _fold(paragraphs[0]):
            return paragraphs[1:]
    return paragraphs


# A box's title over the story's text ("عن الحلقة" over a podcast's notes, "About this
# story"): a heading of a few words, then the story.
OPENING_TITLE_WORDS = 3
# ... or a long read's first chapter's title ("I. The night of the water"), and a dateline
# printed alone ("DENVER —").
_CHAPTER_TITLE = re.compile(r"(?:[IVXL]{1,5}|\d{1,2})\.\s+\S(?:\S*\s+){0,8}\S*$")
_LONE_DATELINE = re.compile(_CAPITALS_DATELINE)


def without_opening_title(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs without a short heading opening them (an h2 to h4 of three words at
    most, or a chapter's numbered title, no sentence) where a paragraph of the story's
    length follows it; and without a dateline printed alone above the story."""
    if len(paragraphs) >= 2 and _LONE_DATELINE.fullmatch(paragraphs[0]):
        return paragraphs[1:]  # "DENVER —" in a paragraph of its own above the story
    chapter = _CHAPTER_TITLE.match(paragraphs[0]) if paragraphs else None
    if len(paragraphs) < 2 or (len(paragraphs[0].split()) > OPENING_TITLE_WORDS and not chapter):
        return paragraphs
    if len(paragraphs[1]) <= MAX_TEASER_CHARS or paragraphs[0].rstrip()[-1:] in ".!?؟:":
        return paragraphs
    title = _fold(paragraphs[0])
    for heading in root.iter("h2", "h3", "h4"):
        if _fold(heading.text_content()) == title:
            return paragraphs[1:]
    return paragraphs


def without_headline(paragraphs: list[str], headlines: set[str]) -> list[str]:
    """The paragraphs without the headline opening them, whole or in pieces: the h1 with a
    badge glued to it ("عاجلزلزال ..."), or an h1 whose lines a `<br>` splits ("الحكومة تقر
    موازنة 2027" / "وتخفض العجز إلى 3.9%") and that reaches the body as two paragraphs,
    neither of which is the headline."""
    wanted = {_fold(h) for h in headlines if h}
    for count in (1, 2, 3):
        if len(paragraphs) > count and _fold(" ".join(paragraphs[:count])) in wanted:
            return paragraphs[count:]
    # Its second line alone, the first left out as the title ("<h1>…<br><small>بكلفة 38
    # مليون دينار</small></h1>").
    # (Spaces left out: a parser may join the h1's lines with none.)
    first = _fold(paragraphs[0]).replace(" ", "") if len(paragraphs) > 1 else ""
    if len(first) >= MIN_HEADLINE_LINE_CHARS and any(
        len(w := h.replace(" ", "")) > len(first) and w.endswith(first) for h in wanted
    ):
        return paragraphs[1:]
    return paragraphs


MIN_HEADLINE_LINE_CHARS = 10


# A side box's text: a podcast's name, a currency rate, a weather line.
SIDE_BOX_CHARS = 120
_BOX_HEADINGS = frozenset(("h2", "h3", "h4", "h5"))


def without_side_boxes(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs without the short ones closing them that a box of the page's other
    column prints under its own heading (`<div class="side-box"><h4>أسعار العملات</h4>
    <p>الدولار 3.62 شيكل</p></div>`): a `<p>` after a heading, outside the element that
    holds the story's other paragraphs."""
    while len(paragraphs) > 2 and len(paragraphs[-1]) <= SIDE_BOX_CHARS:
        wanted = (paragraphs[0], paragraphs[-2], paragraphs[-1])
        printed: dict[str, etree._Element] = {}
        for element in root.iter("p"):
            text = clean_text(element.text_content())
            if text in wanted and text not in printed:
                printed[text] = element
        if len(printed) < len(set(wanted)):
            return paragraphs
        first, before, last = (printed[text] for text in wanted)
        holder = _common_ancestor(first, before)
        if holder is None or holder.tag in ("body", "html"):
            return paragraphs
        if any(ancestor is holder for ancestor in last.iterancestors()):
            return paragraphs  # the story's own closing line
        if (
            next((e for e in last.itersiblings(preceding=True) if e.tag in _BOX_HEADINGS), None)
            is None
        ):
            return paragraphs
        paragraphs = paragraphs[:-1]
    return paragraphs


# A column beside the story, by its class or id as a word of its own: "side", "col-side",
# "left-side", "side-col", "sidebar" (not "inside", "aside-toggle").
_SIDE_COLUMN = re.compile(
    r"(?:^|\s)(?:(?:[\w-]*[-_])?side(?:[-_]?(?:col|column|bar|area|box))?"
    # An old portal's two columns by their side: "right" (the story's, in Arabic) and
    # "left"; not "text-right", "pull-left" (a column that holds the story is never cut).
    r"|(?:(?:col|column)[-_]?)?(?:left|right)(?:[-_]?(?:col|column|side))?)(?:\s|$)",
    re.I,
)
_TEXT_HOLDING = etree.XPath("//body//text()[contains(., $needle)]")
# How many closing paragraphs `without_side_column` may take away, of how many characters.
SIDE_COLUMN_LINES = 40
SIDE_COLUMN_CHARS = 300


def without_side_column(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs without those closing them that the page prints in the column
    beside the story (`_SIDE_COLUMN`, or an `<aside>`) and not in the story's: a most-read
    box and an app's download prompt that trafilatura reads on after the story when the
    column is named only "side"."""
    story: etree._Element | None = None
    end = len(paragraphs)
    while end > 1 and len(paragraphs) - end < SIDE_COLUMN_LINES:
        if len(paragraphs[end - 1]) > SIDE_COLUMN_CHARS:
            break  # a story's paragraph; a box's lines and joined links are short
        element = _printing(root, paragraphs[end - 1])
        column = _side_column(element) if element is not None else None
        if column is None:
            break
        # Looked up only now: most stories end outside any side column.
        story = story if story is not None else _printing(root, paragraphs[0])
        if story is None or column in story.iterancestors():
            break
        end -= 1
    return paragraphs[:end]


def _side_column(element: etree._Element) -> etree._Element | None:
    """The element or ancestor that is a column beside the story, below <body> (whose
    classes name the page's layout: "two-sidebar")."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return None
        names = _LAYOUT_CLASSES.sub("", f"{node.get('class') or ''} {node.get('id') or ''}")
        if node.tag == "aside" or _SIDE_COLUMN.search(names):
            return node
    return None


def _printing(root: etree._Element, paragraph: str) -> etree._Element | None:
    """The element whose text holds the paragraph's first four words (the first such);
    for a line trafilatura joined from several elements (a list item's link after its
    author, a table row's cells), the one holding three of its words in a row, else the
    row or list item that reads as the whole line."""
    words = paragraph.split()
    if words and words[0] in _LIST_MARKS:
        words = words[1:]
    needles = [" ".join(words[:4])]  # links joined into one: the first one's
    needles += [" ".join(words[i : i + 3]) for i in range(1, min(len(words) - 2, 4))]
    for needle in needles:
        for text in _TEXT_HOLDING(root, needle=needle):
            parent = text.getparent()
            if parent is not None:
                # A tail's text belongs to the element's parent.
                return parent if text.is_text else parent.getparent()
    wanted = _fold(" ".join(words))
    if wanted and len(words) <= 6:
        return next((e for e in root.iter("tr", "li") if _fold(e.text_content()) == wanted), None)
    return None


# The marks trafilatura opens a list item's line with.
_LIST_MARKS = frozenset("-•*")


# The closing paragraphs `without_site_lines` compares with the site's header and footer
# (a blog's labels and share line may follow its tagline).
SITE_LINES_LOOKED_AT = 3


def without_site_lines(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs without those closing them that the site's own header or footer
    prints (a blog's tagline under its title, a footer's motto), which trafilatura can
    keep after a short story."""
    tail = len(paragraphs) - SITE_LINES_LOOKED_AT
    if len(paragraphs) < 2 or all(len(p) > MAX_TEASER_CHARS for p in paragraphs[tail:]):
        return paragraphs
    wanted = {_fold(p) for p in paragraphs[max(tail, 1) :]} - {""}
    printed: set[str] = set()
    for block in root.iter("header", "footer"):
        if next(block.iterancestors("article"), None) is not None:
            continue  # an article's own header or footer
        # The block's whole text first: its elements are read only where it holds one.
        whole = _fold(block.text_content())
        if any(w in whole for w in wanted):
            printed.update(_fold(e.text_content()) for e in block.iter("p", "span", "div", "h2"))
    return [p for at, p in enumerate(paragraphs) if at < max(tail, 1) or _fold(p) not in printed]


# A card of another story: its heading, a summary, a byline and a time; a story is longer.
MAX_CARD_CHARS = 2 * MAX_TEASER_CHARS + 400


def _teaser_card(
    element: etree._Element, cards: dict[etree._Element, bool], page_url: str = ""
) -> bool:
    """Whether the element sits in an `<article>` card of another story: one that holds no
    h1, whose own (first) heading links to a story's address other than this page's or one
    below it, and that is short (a "More from" grid after a short story whose own text has
    no `<article>`: each card's summary). Each <article> is judged once a page (`cards`): a
    story's holds many paragraphs."""
    # A list of cards: the item that holds one card whole (`<li><article>`), as trafilatura
    # reads it ("- headline summary"); else the card around the element.
    inner = [child for child in element if isinstance(child.tag, str)]
    card = inner[0] if len(inner) == 1 and inner[0].tag == "article" else None
    card = card if card is not None else next(element.iterancestors("article"), None)
    if card is None:
        return False
    if card not in cards:
        cards[card] = _short_card(card) and any(
            article_address(href) and not _links_within(href, page_url)
            for href in _CARD_HEADING_LINKS(card)
        )
    return cards[card]


def _card_summary(element: etree._Element, page_url: str) -> list[etree._Element] | None:
    """The heading above a paragraph with no link, and the card's short lines (its date),
    where the paragraph is a card's summary: the heading wholly a link to another story
    ("<div><h3><a href=/News/4911683.aspx>…</a></h3><p class=brief>…</p><p class=sec-date>
    20-05-2027 | 09:40</p></div>": a grid of cards that are no <article>s), or that link
    itself, maybe its date between ("<li><a href=view.php?cat=312301><img>…</a><small>26 -
    10 - 2027</small><p class=excerpt>…</p></li>"); else None."""
    if element.tag != "p" or element.find(".//a") is not None:
        return None
    heading = element.getprevious()
    dates = 0  # the card's date between its link and its summary ("<small>26 - 10 - 2027")
    while heading is not None and (
        not isinstance(heading.tag, str)
        or (
            heading.tag in _CARD_DATE_TAGS
            and dates < 1
            and heading.find(".//a") is None
            and len(clean_text(heading.text_content())) <= MAX_CARD_LINE_CHARS
        )
    ):
        dates += isinstance(heading.tag, str)
        heading = heading.getprevious()
    if heading is None or heading.tag not in ("h2", "h3", "h4", "h5", "a"):
        return None
    card = element.getparent()
    if card is None:
        return None
    lines = [p for p in card.findall("p") if p is not element]
    holder = card.getparent()
    if _story_paragraph(lines) or (holder is not None and _story_paragraph(holder.findall("p"))):
        # A story's own sections under linked subheads (a briefing's items), a paragraph or
        # more each, or one a block among the story's own paragraphs.
        return None
    if heading.tag == "a" and not (dates or _CARD_LINK_PARTS(heading)):
        # A briefing's item under its linked headline: a card's link holds its picture or
        # its heading, or its date follows.
        return None
    links = [heading] if heading.tag == "a" else heading.findall(".//a")
    if len(links) != 1:
        return None
    href = links[0].get("href") or ""
    if (
        clean_text(links[0].text_content()) == clean_text(heading.text_content())
        and article_address(metadata.join_url(page_url, href) or href)
        and not _links_within(href, page_url)
    ):
        return [heading, *lines]
    return None


# A card's line besides its summary: its date, its section ("20-05-2027 | 09:40").
MAX_CARD_LINE_CHARS = 40
_CARD_DATE_TAGS = frozenset(("small", "span", "time"))
_CARD_LINK_PARTS = etree.XPath("boolean(.//img or .//h2 or .//h3 or .//h4 or .//h5)")


def _story_paragraph(paragraphs: list[etree._Element]) -> bool:
    """Whether one of the paragraphs is longer than a card's line (`MAX_CARD_LINE_CHARS`)."""
    return any(len(clean_text(p.text_content())) > MAX_CARD_LINE_CHARS for p in paragraphs)


def _in_story_link(element: etree._Element, page_url: str) -> bool:
    """Whether the element's text is a link's to another story: the link itself, inside
    one, or a card holding only one ("<div class=report><a href=/articles/312020><img>
    <span>تقرير: …</span></a></div>")."""
    anchor = element if element.tag == "a" else next(element.iterancestors("a"), None)
    if anchor is None:
        anchor = next(element.iter("a"), None)
        if anchor is None or clean_text(anchor.text_content()) != clean_text(
            element.text_content()
        ):
            return False
    return _links_to_story(anchor.get("href") or "", page_url)


def _links_to_story(href: str, page_url: str) -> bool:
    """Whether a link leads to another story's address."""
    url = metadata.join_url(page_url, href) if href else None
    return url is not None and article_address(url) and not _links_here(href, page_url)


def _links_here(href: str, page_url: str) -> bool:
    """Whether a link leads into this page: a place on it ("#what-is-the-price-cap", a
    table of contents, a live blog's key events) or the page itself (a card of this
    story)."""
    if href.startswith("#"):
        return True
    url = metadata.join_url(page_url, href) if page_url else None
    return url is not None and metadata.same_address(url, page_url)


def _links_within(href: str, page_url: str) -> bool:
    """Whether a link leads into this page or below its address: a live blog's entry
    whose heading links to the entry's own permalink (".../live-blog/storm/rcrd64521")."""
    if _links_here(href, page_url):
        return True
    url = metadata.join_url(page_url, href) if page_url else None
    page_path = urlsplit(page_url).path.rstrip("/")
    return (
        url is not None
        and bool(page_path)
        and urlsplit(url).netloc == urlsplit(page_url).netloc
        and urlsplit(url).path.startswith(page_path + "/")
    )


def _printed_unlinked(root: etree._Element, keys: set[str]) -> set[str]:
    """Those of `keys` (folded texts) that a heading or a paragraph outside any link and
    any list prints whole, with no link in it ("MORE: <linked headline>" is a teaser)."""
    found = set()
    for element in root.iter("p", "h2", "h3", "h4", "h5", "h6"):
        text = " ".join(element.text_content().split())
        key = _fold(text)
        if (
            key in keys
            and next(element.iter("a"), None) is None
            and next(element.iterancestors("a", "li"), None) is None
        ):
            found.add(key)
    return found


# Posts of social networks embedded in the story, as their scripts expect them: a tweet's
# blockquote, Instagram's, TikTok's, Facebook's. Trafilatura keeps their text (the post,
# then "— name (@handle) date") as paragraphs of the story.
def _embedded_post(node: etree._Element) -> bool:
    value = node.get("class")
    return value is not None and any(post in value for post in EMBEDDED_POST_CLASSES)


# A shorter paragraph ("2024", "Watch:") may be in a post by chance: it stays.
MIN_POST_PIECE = 12


def _without_embedded_posts(root: etree._Element, paragraphs: list[str]) -> list[str]:
    """The paragraphs but those that are text of a social post embedded in the page."""
    posts = [_fold(post.text_content()) for post in metadata.elements_where(root, _embedded_post)]
    if not posts:
        return paragraphs
    return [
        p
        for p in paragraphs
        if len(folded := _fold(p)) < MIN_POST_PIECE or not any(folded in post for post in posts)
    ]


def _other_stories(root: etree._Element, headline: str) -> set[etree._Element]:
    """The stories a page appends to its own (infinite scroll): the outermost <article>
    elements holding an <h1>, but the one whose <h1> is the headline (else the first).
    Their paragraphs are no text of this one."""
    stories = [
        article
        for article in root.iter("article")
        if article.find(".//h1") is not None
        and not any(outer.find(".//h1") is not None for outer in article.iterancestors("article"))
    ]
    if len(stories) < 2:
        return set()
    own = next(
        (a for a in stories if clean_text(a.find(".//h1").text_content()) == headline),
        stories[0],
    )
    return {story for story in stories if story is not own}


def _fold(text: str) -> str:
    """A paragraph as it is compared with the page's elements: trafilatura's "- " before
    a list item and all white space gone (it joins some inline elements without one)."""
    return "".join(text.removeprefix("- ").split())


# Inline wrappers a caption's whole text sits in under its picture.
_CAPTION_WRAPPERS = frozenset(("em", "i", "span", "small", "font"))
MAX_LOOSE_CAPTION_CHARS = 400


def _whole_figure(element: etree._Element, key: str) -> bool:
    """Whether the element is, or holds, a <figure> printing all its text (`key`)."""
    figure = next(element.iter("figure"), None)
    return figure is not None and _fold(" ".join(figure.text_content().split())) == key


def _caption_after_picture(element: etree._Element) -> bool:
    """Whether a paragraph is a picture's caption with no caption markup: right after a
    paragraph holding only an image, its whole text in one inline wrapper ("<p><img></p>
    <p><em>Lorries loaded with cane … Picture: …</em></p>", a Xinhua page's centred
    "<p><span style=color>صورة أرشيفية …</span></p>"); or the picture in the paragraph
    itself, its whole text in one wrapper marked as a caption ("<p><img><br><span
    class=imgCaption>…</span></p>", Youm7)."""
    if element.tag != "p" or (element.text or "").strip():
        return False
    if len(element) > 1:
        return _picture_then_caption(element)
    if not len(element):
        return False
    wrapper = element[0]
    if wrapper.tag not in _CAPTION_WRAPPERS or (wrapper.tail or "").strip():
        return False
    text = element.text_content()
    if len(text) > MAX_LOOSE_CAPTION_CHARS:
        return False
    # An italic line; a plain span only centred as the picture is, or naming a photo (a
    # CMS's editor wraps ordinary paragraphs in a styled span too).
    if wrapper.tag not in ("em", "i") and not (
        "center" in (element.get("style") or "") or _PHOTO_WORD.search(text)
    ):
        return False
    before = element.getprevious()
    return (
        before is not None
        and before.tag == "p"
        and before.find(".//img") is not None
        and not before.text_content().strip()
    )


_PHOTO_WORD = re.compile(r"صورة|photo|picture|foto|image", re.I)


# A "read more" box inside the story: another story's link, its date and its summary.
_READ_BOX_MARK = re.compile(r"read[-_]?(?:more|also)|also[-_]?read|see[-_]?also", re.I)
MAX_READ_BOX_CHARS = 600
_READ_BOX_LEVELS = 4


def _in_read_more_box(element: etree._Element) -> bool:
    """Whether a paragraph with no link sits in a short box classed as a "read more" or
    "see also" box that links elsewhere: the linked story's summary (not a story's hidden
    second half, which runs longer). (The box's links go with the trailing blocks.)"""
    if element.tag != "p" or element.find(".//a") is not None:
        return False
    for node in itertools.islice(element.iterancestors(), _READ_BOX_LEVELS):
        if node.tag in ("body", "article", "main"):
            return False
        if _READ_BOX_MARK.search(node.get("class") or ""):
            # A card: the linked headline first, then the one summary (not an excerpt's
            # paragraphs before a "read the whole story" button).
            first_link = next(
                (a for a in node.iter("a") if (a.get("href") or "#")[:1] != "#"), None
            )
            return (
                first_link is not None
                and len(node.findall(".//p")) == 1
                and len(" ".join(node.text_content().split())) <= MAX_READ_BOX_CHARS
                and _before(first_link, element)
            )
    return False


def _before(one: etree._Element, other: etree._Element) -> bool:
    """Whether `one` comes before `other` in the document."""
    for node in other.itersiblings(preceding=True):
        if node is one or one in node.iterdescendants():
            return True
    parent = other.getparent()
    return parent is not None and parent is not one and _before(one, parent)


def _picture_then_caption(paragraph: etree._Element) -> bool:
    """Whether a paragraph holds an image, then its whole text in one wrapper whose class
    names a caption (`_CAPTION_MARK`)."""
    *before, wrapper = paragraph
    return (
        wrapper.tag in _CAPTION_WRAPPERS
        and not (wrapper.tail or "").strip()
        and bool(_CAPTION_MARK.search(wrapper.get("class") or ""))
        and any(
            node.tag in ("img", "picture") or node.find(".//img") is not None for node in before
        )
        and not any(node.text_content().strip() or (node.tail or "").strip() for node in before)
        and len(wrapper.text_content()) <= MAX_LOOSE_CAPTION_CHARS
    )


_COMMENT_ARTICLE = re.compile(r"(?:^|\s)comment(?:-body)?(?:$|\s)")


def _caption_or_author_box(element: etree._Element, chars: int) -> bool:
    """Whether the element or one of its own wrappers is a figure, a caption, a credit, an
    author box, a newsletter sign-up, a comments section's prompt, a poll's question or
    text for screen readers only (by tag or class; ids are often slugs of the text). A
    figure that holds a quotation is a pull quote with its attribution: story text."""
    node: etree._Element | None = element
    for _ in range(_WRAPPER_LEVELS):
        if node is not None and node.tag == "article":
            # One comment of a thread in an <article> of its own (Drupal's "comment
            # js-comment", WordPress's "comment-body"); else the story's or another's.
            return _COMMENT_ARTICLE.search(node.get("class") or "") is not None
        if node is None or node.tag in ("body", "html", "main"):
            return False
        if node.tag == "blockquote":
            return False
        marks = node.get("class") or ""
        if node.get("data-testid") == "byline" or node.get("data-component") == "byline-block":
            return True  # BBC's byline list ("Author,", "Role,"), its classes hashed
        if node.tag in _CAPTION_TAGS:
            figure = node if node.tag == "figure" else node.getparent()
            return figure is None or figure.find(".//blockquote") is None
        if _CAPTION_MARK.search(_TEXT_PART.sub("", marks)) or _AUTHOR_BOX_MARK.search(marks):
            return True
        if _UNSEEN_MARK.search(marks) or _COMMENTS_OR_POLL_MARK.search(marks) or _EMAIL_FIELD(node):
            return True
        node = node.getparent()
        if node is not None and len(node.text_content()) > 3 * chars + _WRAPPER_SLACK:
            return False
    return False


# A match report's score box, its line-ups and its round's fixtures ("ScoreBox_box__V1e",
# "Fixtures_box__Y2", "lineup", "match-centre", "league-table"): the scorers', the players'
# and the other matches' lines, no story text.
_SPORTS_BOX_MARK = re.compile(
    r"score-?box|scoreboard|(?<![a-z])fixtures?(?![a-z])|match-?(?:centre|center|facts|info)"
    r"|standings|league-?table|live-?scores?|line-?ups?",
    re.I,
)
SPORTS_BOX_LEVELS = 4


# A facts table's label ("رقم الخبر", "القسم", "تاريخ النشر"): a few words.
FACT_LABEL_WORDS = 3


def _facts_or_teaser_row(row: etree._Element) -> bool:
    """Whether a table row is a facts table's (a label in a <th>, a short value beside it:
    an ASP.NET portal's news number, section, source and dates above the story) or a list
    table's (another story's linked headline, then its date)."""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
    texts = [" ".join(c.text_content().split()) for c in cells]
    # (Two label-value pairs a row too: "القسم: | محليات | الكاتب: | …", labels in <td>s
    # with their colons.)
    if len(cells) == 4 and all(
        0 < len(label.split()) <= FACT_LABEL_WORDS
        and label.endswith((":", "："))
        and len(value.split()) <= FACT_LABEL_WORDS * 2
        for label, value in (texts[:2], texts[2:])
    ):
        return True
    if len(cells) != 2:
        return False
    first, second = texts
    if cells[0].tag == "th" and 0 < len(first.split()) <= FACT_LABEL_WORDS:
        return len(second.split()) <= FACT_LABEL_WORDS * 2
    link = cells[0].find(".//a")
    return (
        link is not None
        and bool(first)
        and " ".join(link.text_content().split()) == first
        and any(c.isdigit() for c in second)
        and len(second) <= MAX_DATE_CHARS
    )


def _text_without_times(element: etree._Element) -> str:
    """The element's text without what its <time> elements print."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "time":
            pieces.append(_text_without_times(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _in_sports_box(element: etree._Element) -> bool:
    node: etree._Element | None = element
    for _ in range(SPORTS_BOX_LEVELS):
        if node is None or node.tag in ("body", "html", "article", "main"):
            return False
        if _SPORTS_BOX_MARK.search(node.get("class") or ""):
            return True
        node = node.getparent()
    return False


def _teaser(element: etree._Element, text: str) -> bool:
    """A short item of a list of links, or a piece of one (its link, its date on a line of
    its own: "<li><a>…</a><div class=lstDate>2027-07-06 | 14:42 GMT</div></li>"), or a
    short paragraph that is mostly one link."""
    if len(text) > MAX_TEASER_CHARS:
        return False
    if element.tag not in ("li", "p"):
        item = element.getparent()
        return (
            item is not None
            and item.tag == "li"
            and _teaser(item, " ".join(item.text_content().split()))
        )
    if element.tag == "p":
        return _link_share(element, text) >= LINKED_PARAGRAPH_SHARE
    items = [i for i in element.itersiblings(preceding=True) if i.tag == "li"]
    items += [element, *(i for i in element.itersiblings() if i.tag == "li")]
    return all(
        len(item_text := " ".join(item.text_content().split())) <= MAX_TEASER_CHARS
        and _link_share(item, item_text) >= TEASER_LINK_SHARE
        for item in items
    )


def _link_share(element: etree._Element, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked / len(text)
