"""The body of an article: paragraph texts of the theme's content container, in reading
order, without scripts, ads, embeds and share bars."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from scraper.text import clean_text

_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "pre"}
_LIST_BLOCKS = {"ul", "ol"}
_CONTAINERS = {"div", "section", "blockquote", "article", "main", "center"}
_NEVER_TEXT = {"script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "figure"}
_CODE = frozenset(("script", "style"))


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
        elif tag[0] == "-" or tag in _NEVER_TEXT or _skipped(child, skip_classes):
            continue  # comments; scripts, ads and other non-text blocks
        elif tag in _TEXT_BLOCKS:
            if text := _element_text(child):
                out.append(text)
        elif tag in _LIST_BLOCKS:
            out.extend(t for li in child.css("li") if (t := _element_text(li)))
        elif tag in _CONTAINERS:
            stack.append(child.iter(include_text=True))
        elif text := _element_text(child):
            out.append(text)
    return out


def _skipped(node: LexborNode, skip_classes: tuple[str, ...]) -> bool:
    attributes = node.attributes
    classes = (attributes.get("class") or "") + " " + (attributes.get("id") or "")
    return any(fragment in classes for fragment in skip_classes)


def text_nodes(node: LexborNode, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of every text node under `node`, in order, leaving out what is inside
    elements named in `skip`."""
    return [
        child.text_content
        for child in node.traverse(include_text=True)
        if child.is_text_node and not (skip and child.parent.tag in skip)
    ]


def _element_text(node: LexborNode) -> str:
    """Readable text of a block: scripts and styles inside it are not text."""
    if node.css_first("script, style") is None:
        return clean_text(node.text())
    return clean_text("".join(text_nodes(node, _CODE)))
