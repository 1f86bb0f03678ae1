"""The body of an article: paragraph texts of the theme's content container, in reading
order, without scripts, ads, embeds and share bars."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from scraper.text import clean_text

_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "pre"}
_LIST_BLOCKS = {"ul", "ol"}
_CONTAINERS = {"div", "section", "blockquote", "article", "main", "center"}
_NEVER_TEXT = {"script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "figure"}
_CODE = frozenset(("script", "style"))
# Posts of social networks embedded in a story, as their scripts expect them (a tweet's
# blockquote, Instagram's, TikTok's, Facebook's): their text is the post's, not the story's.
EMBEDDED_POST_CLASSES = ("twitter-tweet", "instagram-media", "tiktok-embed", "fb-post")
# A story's badge, printed on a line of its own above it ("عاجل", a live page's "مباشر").
BADGES = frozenset(("عاجل", "خاص", "حصري", "مباشر", "فيديو", "بالفيديو", "صور", "بالصور", "تحديث"))


def paragraphs(container: LexborNode, skip_classes: tuple[str, ...]) -> list[str]:
    """Paragraph texts of a content container, in reading order, without non-text blocks.
    Text between blocks (text nodes of the container) is a paragraph of its own. Nested
    containers are walked with a stack, not recursion: pages nest thousands deep."""
    out: list[str] = []
    stack = [container.iter(include_text=True)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == "-text":
            text = clean_text(child.text_content)
            if text:
                out.append(text)
        elif tag == "figure" and (table := child.css_first("table")) is not None:
            out.extend(_table_lines(table))  # Gutenberg's table block: a table, no picture
        elif tag[0] == "-" or tag in _NEVER_TEXT or _skipped(child, skip_classes):
            continue  # comments; scripts, ads and other non-text blocks
        elif tag == "table":
            out.extend(_table_lines(child))
        elif tag == "dl":
            out.extend(_definition_lines(child))
        elif tag in _TEXT_BLOCKS:
            out.extend(_element_lines(child))
        elif tag in _LIST_BLOCKS:
            out.extend(line for li in child.css("li") for line in _element_lines(li))
        elif tag in _CONTAINERS:
            stack.append(child.iter(include_text=True))
        else:
            out.extend(_element_lines(child))
    return out


# A site's donation appeal placed in the post, by a class of its own ("pt-donate",
# "donate-section", "donation-container", Newspack's "wp-block-newspack-blocks-donate");
# not an id (a heading's anchor: "h-what-not-to-donate").
_DONATION_BOX = re.compile(r"(?:^|\s)[\w-]*donat(?:e|ions?)(?:[\w-]*)(?:\s|$)", re.I)


def _skipped(node: LexborNode, skip_classes: tuple[str, ...]) -> bool:
    attributes = node.attributes
    own = attributes.get("class") or ""
    classes = own + " " + (attributes.get("id") or "")
    return (
        any(fragment in classes for fragment in skip_classes)
        or any(post in classes for post in EMBEDDED_POST_CLASSES)
        or ("donat" in own and _DONATION_BOX.search(own) is not None)
    )


def text_nodes(node: LexborNode, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of every text node under `node`, in order, leaving out what is inside
    elements named in `skip`."""
    return [
        child.text_content
        for child in node.traverse(include_text=True)
        if child.is_text_node and not (skip and child.parent.tag in skip)
    ]


def _definition_lines(dl: LexborNode) -> list[str]:
    """A definition list a term per line, its descriptions after it ("المصدر صحيفة
    الشروق"), as a table's row reads."""
    lines: list[list[str]] = []
    for item in dl.css("dt, dd"):  # (HTML allows a <div> around each term's group)
        text = clean_text(item.text(separator=" "))
        if not text:
            continue
        if item.tag == "dt" or not lines:
            lines.append([text])
        else:
            lines[-1].append(text)
    return [" ".join(parts) for parts in lines]


def _table_lines(table: LexborNode) -> list[str]:
    """A story's table a row per line, its cells apart (as the generic path reads one)."""
    rows = (
        " ".join(text for cell in row.css("th, td") if (text := clean_text(cell.text())))
        for row in table.css("tr")
    )
    return [row for row in rows if row]


def _element_lines(node: LexborNode) -> list[str]:
    """Readable lines of a block: a `<br>` ends a line (an editor's Shift+Enter, the credit
    typed on the last line of the last paragraph; a minifier leaves no white space after
    it), and scripts and styles inside it are not text."""
    if node.css_first("br, script, style") is None:
        return [text] if (text := clean_text(node.text())) else []
    lines: list[str] = []
    current: list[str] = []
    for child in node.traverse(include_text=True):
        if child.tag == "br":
            lines.append(clean_text("".join(current)))
            current = []
        elif child.is_text_node and child.parent.tag not in _CODE:
            current.append(child.text_content)
    lines.append(clean_text("".join(current)))
    return [line for line in lines if line]


# A body holding less than this share of the page's largest block of paragraphs (and that
# block at least MIN_MAIN_TEXT characters) was cut short: both paths read the page again.
SHORT_BODY_SHARE = 0.5
MIN_MAIN_TEXT = 300
# Where a block of paragraphs is no story text: forms, menus, sidebars, footers, comments.
_NOT_STORY_TAGS = frozenset(("form", "nav", "aside", "footer"))
NOT_STORY_MARK = re.compile(r"comment|sidebar|footer|related|recommend|teaser", re.I)


def largest_paragraph_block(area: LexborNode) -> int:
    """Characters of the largest block of paragraphs under `area`: the element whose <p>
    children hold the most text outside links, not in a form, a menu, a sidebar, a footer
    or comments. A story's body holds at least half of it."""
    held: dict[int, tuple[LexborNode, int]] = {}
    for paragraph in area.css("p"):
        parent = paragraph.parent
        if parent is None:
            continue
        chars = len(clean_text(paragraph.text()))
        if paragraph.css_first("a") is not None:
            chars -= sum(len(clean_text(link.text())) for link in paragraph.css("a"))
        _, before = held.get(parent.mem_id, (parent, 0))
        held[parent.mem_id] = (parent, before + max(0, chars))
    for parent, chars in sorted(held.values(), key=lambda item: -item[1]):
        if not _not_story(parent):
            return chars
    return 0


def outside_story(tag: str, class_and_id: str) -> bool:
    """Whether an element of this tag, class and id holds no story text (a form, a menu, a
    sidebar, a footer, comments, related stories); both trees' walks ask it."""
    return tag in _NOT_STORY_TAGS or NOT_STORY_MARK.search(class_and_id) is not None


def _not_story(node: LexborNode) -> bool:
    while node is not None and node.tag not in ("body", "html"):
        attributes = node.attributes
        if outside_story(node.tag, f"{attributes.get('class') or ''} {attributes.get('id') or ''}"):
            return True
        node = node.parent
    return False
