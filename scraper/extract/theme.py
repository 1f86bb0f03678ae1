"""The article of a page a theme profile reads: the profile's selectors first, the shared
metadata chain (`metadata.py`) for whatever the theme does not print."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborNode

from scraper.extract import metadata
from scraper.extract.body import BADGES, paragraphs, text_nodes
from scraper.extract.list_items import unique
from scraper.extract.profiles import Profile
from scraper.extract.profiles.wordpress import ELEMENTOR_POST_CONTENT, PLUGIN_BOXES
from scraper.extract.query import compile_css, first, first_attribute, first_text, text_of
from scraper.extract.source_line import (
    CAPTIONS_READ,
    CHROME_MARK,
    CHROME_TAGS,
    FIGURE_NOTE,
    FIGURE_TAGS,
    MAX_LINE_CHARS,
    NO_SOURCE,
    SIDE_WIDGET_MARK,
    SOURCE_LINE_SIBLINGS,
    SourceLine,
    bare_credit,
    caption_credit,
    drop_box_text,
    featured_picture,
    parse_source_line,
    source_box,
    split_source_line,
)
from scraper.items import ArticleRecord
from scraper.text import clean_text
from scraper.time import read_time

if TYPE_CHECKING:
    from scraper.extract import PendingTimes

# Raise when a change to extraction changes what it extracts from the same page.
EXTRACTOR = "scraper.extract@328"
# Readers of a visible date that may be the post's last modification (the profile's
# `published_text_modified`): its absolute form only, or both forms.
MAYBE_MODIFIED_READERS = {"absolute": "text-modified-if-absolute", "any": "text-maybe-modified"}
MAYBE_MODIFIED = frozenset(MAYBE_MODIFIED_READERS.values())
# The reader of a printed date read only to check the metadata's time against it: a
# doubtful one (`PRINTED_CHECK`), or one trusted unless the printed date shows it wrong.
PRINTED_CHECK = "text-check"
PRINTED_WITNESS = "text-witness"
_CATEGORY_LINKS = "a[href*='/category/']"


def themed_article(
    head: metadata.PageMeta,
    document: LexborNode,
    root: LexborNode,
    profile: Profile,
    page_url: str,
    fetched_url: str,
    stamp: str,
    site: str,
    pending: PendingTimes,
) -> ArticleRecord:
    """The article under `root`, its times left raw in `pending`."""
    record = ArticleRecord(
        url=page_url,
        site=site,
        fetched_url=fetched_url,
        reference_time=stamp,
        profile=profile.tag,
        extractor=EXTRACTOR,
    )
    found = record.provenance
    missing = record.missing
    record.post_id, found["post_id"] = metadata.post_id(head)

    heading = first(profile.headline, root)
    headline = text_of(heading)
    source = f"{profile.tag}:{profile.headline}"
    if headline and (unlabelled := _without_leading_label(heading, headline, head)):
        headline, source = unlabelled, f"{source}+without-label"
    if not headline:
        headline, source = metadata.headline(head, page_url)
    record.headline = headline or None
    if record.headline:
        found["headline"] = source
    else:
        missing["headline"] = f"no {profile.headline}, JSON-LD headline or og:title"

    body_css = profile.body
    container = first(body_css, root)
    if container is None and (builder := first(ELEMENTOR_POST_CONTENT, root)) is not None:
        # A single-post template built with Elementor Pro prints the story in its Post
        # Content widget, not in the theme's container.
        body_css, container = ELEMENTOR_POST_CONTENT, builder
    texts = (
        paragraphs(container, profile.body_skip_classes + PLUGIN_BOXES)
        if container is not None
        else []
    )
    texts, source_line = split_source_line(
        texts, lambda: [text_of(link) for link in container.css("a")]
    )
    if boxed := _source_box(profile, root):
        # The theme's Source field wins over a line in the body (module docstring).
        source_line, pieces = boxed
        texts = drop_box_text(texts, source_line, pieces)
    if not source_line and container is not None:
        source_line = _source_after_body(container)
    if texts and metadata.site_dateline(head, texts[0], page_url):
        texts = texts[1:]  # "الخرطوم: باج نيوز" alone above the story
    if len(texts) > 1 and texts[0] in BADGES:
        texts = texts[1:]  # the live page's "مباشر" badge in the content's first line
    record.body = "\n\n".join(texts) or None
    if record.body:
        found["body"] = f"{profile.tag}:{body_css}"
    elif only := metadata.headline_only_text(head, record.headline or ""):
        record.body, found["body"] = only, "headline-only"
    else:
        missing["body"] = (
            f"no text in {profile.body}" if container is not None else f"no {profile.body}"
        )
    if source_line:
        record.source = metadata.beside_the_site(head, source_line, page_url)
        record.source_raw, found["source"] = source_line.raw, source_line.form
    else:
        missing["source"] = NO_SOURCE

    _categories(head, document, root, profile, page_url, record)
    _raw_dates(head, root, profile, pending, page_url)

    # The theme's author slot read by the shared chain, as on the generic path: an
    # agency's dateline there ("عمّان - بترا") is a credit and no author; the site's name
    # before the reporter's ("هسبريس - ...") is no part of the name.
    printed = _author_slot(profile.author, root)
    person = metadata.byline_person(head, printed, page_url) if printed else ""
    # (An agency alone in the slot, "APP", stays the author as printed and credits the story.)
    named = person and not bare_credit(person)
    credit = None if named or record.source else metadata.byline_credit(head, page_url, printed)
    credit = credit or (None if record.source else metadata.json_ld_source(head, page_url))
    credit = credit or (None if record.source else metadata.meta_source(head, page_url))
    if not credit and not record.source:
        captions = itertools.islice(root.css("figure > figcaption"), CAPTIONS_READ)
        credit = caption_credit(
            text_of(caption) for caption in captions if _featured(caption.parent)
        )
    if credit:
        record.source, record.source_raw = list(credit.names), credit.raw
        found["source"] = credit.form
        missing.pop("source", None)
    author, found["author"] = (
        (person, f"{profile.tag}:{profile.author}") if person else metadata.author(head, page_url)
    )
    if (
        author
        and record.body
        and metadata.names_nobody(head, author, page_url)
        and (reporter := metadata.dateline_reporters(record.body.split("\n\n", 1)[0]))
    ):  # posted from the desk's account, the reporter named in the story's dateline
        author, found["author"] = reporter, "body:dateline-reporters"
    elif (
        author
        and metadata.names_nobody(head, author, page_url)
        and (labelled := metadata.byline_person(head, head.labelled_byline, page_url))
        and not metadata.names_nobody(head, labelled, page_url)
    ):  # the desk's account, and a labelled line naming the reporters ("مراسلون: ...")
        author, found["author"] = labelled, "labelled-byline"
    # A byline printed as the story's first line ("حوار: يوسف بنعلي", a translator's credit
    # under it) or its last ("إعداد: قسم الأخبار"): no story text, and the writer where
    # the theme's slot names the site or its desk.
    texts = record.body.split("\n\n") if record.body else []
    texts_first = texts[0] if texts else ""
    printed = ("", "")
    opener, lines = metadata.opening_byline_lines(texts)
    if opener:
        taken = lines + (len(texts) > lines and metadata.credit_line(texts[lines]))
        texts = texts[taken:]
        printed = (opener, "body:opening-byline")
    if len(texts) > 1 and (closer := metadata.opening_byline(texts[-1])):
        texts = texts[:-1]
        printed = printed if printed[0] else (closer, "body:closing-byline")
    if len(texts) > 1 and _date_line(texts[0], stamp):
        # The theme's date switched off, the date typed as the content's first line (after
        # the byline): no story text, and the publication where nothing else states one.
        if not pending.article:
            pending.article.append(("visible-date", "text", texts[0]))
        texts = texts[1:]
    record.body = "\n\n".join(texts) or None
    if printed[0] and (
        not author
        or metadata.names_nobody(head, author, page_url)
        # The story's own first line names its writer ("بقلم: …", "حاوره: …") where the
        # theme's slot names the account that posted it ("كتّاب مدار", "أقلام حرة").
        or (printed[1] == "body:opening-byline" and _SIGNED_OPENING.match(texts_first))
    ):
        # (Its name without the role beside it: "WANJIRU KAMAU, Business Writer".)
        author = metadata.byline_person(head, printed[0], page_url) or printed[0]
        found["author"] = printed[1]
    if signed := metadata.closing_writer(head, author, record.body, source_line, page_url):
        author, found["author"], record.body = signed
    # PublishPress Authors' box lists every writer of the post; the theme's byline prints
    # the first alone (the desk's account among them names nobody).
    coauthors = unique(text_of(a) for a in root.css(_COAUTHOR_NAMES) if not _in_side_column(a))
    if len(coauthors) > 1 and author in coauthors:
        people = [name for name in coauthors if not metadata.house_account(name)]
        if people:
            author, found["author"] = ", ".join(people), "publishpress-authors"
    account = ""
    if author and metadata.names_an_account(head, author, page_url):
        account, author = author, ""  # (until here: a closing signature could name one)
    record.author = author or None
    if not author:
        del found["author"]
        missing["author"] = (
            metadata.account_only(account) if account else "no author element or JSON-LD author"
        )

    record.tags = unique(
        clean_text(t) for tag in compile_css(profile.tags)(root) for t in text_nodes(tag)
    )
    found["tags"] = f"{profile.tag}:{profile.tags}"
    if not record.tags:
        record.tags, found["tags"] = metadata.tags(head, page_url)
    image = first(profile.image, root)
    src = None
    if image is not None:
        attributes = image.attributes
        src = attributes.get("data-src") or attributes.get("src")
        if src and src.startswith("data:"):
            src = attributes.get("data-src")
    # metadata.join_url: None if unparseable
    record.image = metadata.join_url(page_url, src) if src else None
    found["image"] = f"{profile.tag}:{profile.image}"
    if record.image is None:
        record.image, found["image"] = metadata.image(head, page_url), "meta:og:image"
    record.language, found["language"] = metadata.language(head, (record.body or "")[:2000])
    drop_empty_provenance(record)
    return record


def drop_empty_provenance(record: ArticleRecord) -> None:
    """No provenance for the optional fields left empty (post id, tags, image): where a
    field came from is said only of a value."""
    for name in ("post_id", "tags", "image"):
        if not getattr(record, name):
            record.provenance.pop(name, None)


# A writer's signature opening the story: "بقلم" (by the pen of), an interviewer's
# "حاوره" (not "إعداد", "تقرير": a desk's words too).
_SIGNED_OPENING = re.compile(r"^\W*(?:بقلم|حاوره|حاورته|حاورها)\b")
_COAUTHOR_NAMES = ".pp-multiple-authors-boxes-wrapper .pp-author-boxes-name a"
# (Not the plugin's list of the site's writers in a sidebar widget.)


def _in_side_column(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag == "aside" or SIDE_WIDGET_MARK.search(parent.attributes.get("class") or ""):
            return True
        parent = parent.parent
    return False


def _source_box(profile: Profile, root: LexborNode) -> tuple[SourceLine, list[str]] | None:
    """The source the theme's Source box names, with the box's text pieces; None when the
    theme has no box, the page does not print it, or its label is not a source label (a
    Via box)."""
    if not profile.source_box:
        return None
    for box in compile_css(profile.source_box)(root):
        pieces = _box_pieces(box)
        if found := source_box(pieces, unlabelled=True):
            return found, [text for text, _ in pieces]
    return None


_FIGURE_CSS = ", ".join(FIGURE_TAGS)


def _source_after_body(container: LexborNode) -> SourceLine | None:
    """A labelled source line in an element of its own just after the theme's body
    container, or after its wrapper (Jarida prints the tags, then a plugin's box, after the
    <article>): a child theme or a plugin printing the post's "source" field there (`<div
    class="post-source"><span>المصدر:</span> <a>...</a></div>`), as the generic path
    reads one after the story's container. Not a chart's or a picture's note, nor a widget,
    a menu or comments placed there."""
    holder: LexborNode | None = container
    for _ in range(SOURCE_HOLDER_LEVELS):
        if holder is None or holder.tag in ("body", "html", "main"):
            return None
        if line := _source_after(holder):
            return line
        holder = holder.parent
    return None


# The body's container, its wrapper and the <article> (Jarida: div.entry in div.post-inner).
SOURCE_HOLDER_LEVELS = 3


def _source_after(container: LexborNode) -> SourceLine | None:
    """`_source_after_body` beside one element: its next siblings, and a block's first
    child there."""
    sibling, seen = container.next, 0
    while sibling is not None and seen <= SOURCE_LINE_SIBLINGS:
        if sibling.tag[0] == "-":  # text and comment nodes are not elements
            sibling = sibling.next
            continue
        seen += 1
        if not _chrome(sibling):
            if _no_figure(sibling) and (line := _source_line_of(sibling)):
                return line
            # The theme's block under the story (Zox's `#mvp-content-bot`, which holds the
            # tags and the publisher's logo; the story's own <footer>) may hold it among
            # its first children.
            child, children = sibling.child, 0
            while child is not None and children < SOURCE_LINE_SIBLINGS:
                if child.tag[0] != "-":
                    children += 1
                    if (
                        not _chrome(child)
                        and _no_figure(child)
                        and (line := _source_line_of(child))
                    ):
                        return line
                child = child.next
        sibling = sibling.next
    return None


# A date line is short: "الثلاثاء 3 أغسطس 2027 - 11:20 ص".
MAX_DATE_LINE_CHARS = 60


def _date_line(text: str, stamp: str) -> bool:
    """Whether a line is only a date (with its clock), as the time layer reads it."""
    if len(text) > MAX_DATE_LINE_CHARS or not any(c.isdigit() for c in text):
        return False
    reading = read_time(text, datetime.fromisoformat(stamp), "unknown")
    return reading.kind == "absolute" and reading.value is not None


def _featured(figure: LexborNode) -> bool:
    picture = figure.css_first("img")
    pictures = [picture.attributes] if picture is not None else []
    return featured_picture(
        a.get(name) for a in (figure.attributes, *pictures) for name in ("class", "id")
    )


def _no_figure(element: LexborNode) -> bool:
    """Whether an element holds no picture, chart or table (whose "المصدر" credits the
    picture): none, or only logos inside links (the source's logo, "المصدر: <a><img
    title="وكالة أنباء الإمارات"></a>")."""
    return all(node.tag == "img" and _in_link(node, element) for node in element.css(_FIGURE_CSS))


def _chrome(element: LexborNode) -> bool:
    """Whether an element is the page's chrome (a widget, a menu, comments, the footer) or
    a chart's or a picture's note: no source line of the story."""
    attributes = element.attributes
    marks = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    return (
        element.tag in CHROME_TAGS
        # (the page's footer; a story's own, inside its <article>, holds its tags and credit)
        or (element.tag == "footer" and not _inside_article(element))
        or bool(FIGURE_NOTE.search(marks))
        or bool(CHROME_MARK.search(marks))
    )


def _inside_article(element: LexborNode) -> bool:
    node = element.parent
    while node is not None and node.tag not in ("body", "html"):
        if node.tag == "article":
            return True
        node = node.parent
    return False


def _source_line_of(element: LexborNode) -> SourceLine | None:
    """The labelled source line that is an element's whole text, or a box of its own: a
    source label, then the source's link ("<span>مصدر الخبر</span><a>كونا</a>")."""
    text = clean_text(element.text(separator=" "))
    line = parse_source_line(text) if 0 < len(text) <= MAX_LINE_CHARS else None
    if line is not None and line.form == "source-line":
        return line
    if element.css_first("a") is None and (credit := bare_credit(text)) is not None:
        return credit  # known agencies alone on a line ("وكالة أنباء الإمارات - وام")
    if not 0 < len(text) <= MAX_LINE_CHARS or element.css_first("a") is None:
        return None
    return source_box(_box_pieces(element))


def _box_pieces(box: LexborNode) -> list[tuple[str, bool]]:
    """A source box's text pieces, each with whether a link holds it; a logo's name (its
    alt text, else its title) is the piece of an image ("المصدر: <a><img title="وكالة
    أنباء الإمارات" alt=""></a>")."""
    pieces = []
    for node in box.traverse(include_text=True):
        if node.is_text_node and node.parent.tag not in ("style", "script"):
            pieces.append((node.text_content or "", _in_link(node, box)))
        elif node.tag == "img":
            named = (node.attributes.get("alt") or node.attributes.get("title") or "").strip()
            if named:
                pieces.append((named, _in_link(node, box)))
    return pieces


def _in_link(node: LexborNode, box: LexborNode) -> bool:
    """Whether a text node of `box` is inside a link."""
    parent = node.parent
    while parent is not None and parent.mem_id != box.mem_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _categories(
    head: metadata.PageMeta,
    document: LexborNode,
    root: LexborNode,
    profile: Profile,
    page_url: str,
    record: ArticleRecord,
) -> None:
    """The shared chain's categories (`metadata.categories`), with the theme's own category
    links as its labels; names stated without a link get their archive URL from the page."""
    labels: list[dict] = []
    # Every category link the theme prints (Zox shows one; others list them all).
    for labelled in compile_css(profile.category_link)(root):
        name = text_of(labelled)
        href = labelled.attributes.get("href")
        if href and _NO_CATEGORY_ARCHIVE.search(href):
            continue  # a tag ("حصري") or a post format ("فيديو") printed as a label
        if name and all(c["name"] != name for c in labels):
            url = metadata.join_url(page_url, href) if href else None  # None if unparseable
            labels.append({"name": name, "url": url})
    categories, source = metadata.categories(
        head,
        page_url,
        record.headline or "",
        labels,
        f"{record.profile}:{profile.category_link}",
    )
    if any(category["url"] is None for category in categories):
        archive_urls = _archive_urls(document, page_url)
        for category in categories:
            category["url"] = category["url"] or archive_urls.get(category["name"])
    record.categories = categories
    record.category = categories[0] if categories else None
    if categories:
        record.provenance["category"] = source
    else:
        record.missing["category"] = (
            "no breadcrumb, JSON-LD articleSection, article:section, category link, category "
            "label or current menu item"
        )


# Archives of a tag and of a post format (WordPress's `/type/video/`), no category's.
_NO_CATEGORY_ARCHIVE = re.compile(r"/(?:tag|tags|type)/[^/?#]+/?(?:[?#]|$)")


def _archive_urls(document: LexborNode, page_url: str) -> dict[str, str]:
    """Category names -> archive URLs, from every category link on the page (menus
    included), so that JSON-LD's bare section names get their archive URL too. Only read
    when a section is not among the theme's own category links."""
    archive_urls: dict[str, str] = {}
    for link in compile_css(_CATEGORY_LINKS)(document):
        name = text_of(link)
        href = link.attributes.get("href")
        # metadata.join_url: None for an href urllib cannot parse (found by fuzzing).
        if (
            name
            and name not in archive_urls
            and href
            and (url := metadata.join_url(page_url, href))
        ):
            archive_urls[name] = url
    return archive_urls


def _raw_dates(
    head: metadata.PageMeta,
    root: LexborNode,
    profile: Profile,
    pending: PendingTimes,
    page_url: str,
) -> None:
    """Every publication and modification time the page states, as raw strings: the
    metadata's, then the theme's own elements."""
    found = pending.article
    found.extend(metadata.published_candidates(head))
    attr = first_attribute(profile.published_attr, "datetime", root)
    shown = first(profile.published_text, root) if profile.published_text else None
    updated = _labelled_update(first(profile.published_attr, root) or shown)
    if updated:
        # A child theme labels the theme's date block "آخر تحديث": what it prints is the
        # last update, not a witness of the publication (`modified_at`).
        if attr:
            pending.modified.append(("theme:update-label", attr))
        attr, shown = None, None
    if attr:
        found.append(("time[datetime]", "machine", attr))
        pending.theme_time = True
    visible = text_of(shown)
    # The text of the element whose datetime was read is the same moment printed (date
    # format or "N ago"): one witness, not two. Newspaper's "show modified date" prints the
    # modification there; two votes from it outvoted the stated publication.
    if visible and attr and shown is not None and shown.attributes.get("datetime") == attr:
        if len(attr.strip()) <= len("2026-12-01"):
            # A day alone in the attribute, the clock in the text ("3 مارس 2027 - 10:45 م"):
            # the text checks a doubtful metadata time (a site left on UTC writing its
            # local clock as UTC), as the generic path's printed date does.
            found.append(("visible-date", PRINTED_CHECK, visible))
        visible = ""
    if visible:
        # A date that may be the last modification's is read apart (`resolve_times`).
        reader = MAYBE_MODIFIED_READERS.get(profile.published_text_modified, "text")
        found.append(("visible-date", reader, visible))
    # Themes that print one date element (a date or "N ago") leave published_relative empty:
    # the visible-date reading already understands both forms.
    relative = "" if updated else first_text(profile.published_relative, root)
    if relative:
        found.append(("visible-relative", "relative", relative))
    if all(reader in MAYBE_MODIFIED for _, reader, _ in found) and (
        day := metadata.url_date(page_url)
    ):
        # The permalink's day, when nothing else says (a modified date does not say).
        found.append(("url", "machine", day))
    pending.modified.extend(metadata.modified_candidates(head))
    modified_meta = first_attribute(profile.modified_meta, "content", root)
    if modified_meta:
        pending.modified.append(("itemprop:dateModified", modified_meta))


# A date block's label saying it shows the last update ("آخر تحديث 3 أيام ago في ...").
_UPDATE_OPENING = re.compile(
    r"^\W*(?:آخر تحديث|اخر تحديث|تاريخ التحديث|تم التحديث|تحديث|last updated|updated)(?!\w)",
    re.IGNORECASE,
)
# How far up from the time element its block's label may sit.
DATE_BLOCK_LEVELS = 3


def _labelled_update(node: LexborNode | None) -> bool:
    """Whether the block a theme prints its date in opens with an update label: the first
    ancestor (of `DATE_BLOCK_LEVELS`) holding more text than the date."""
    if node is None:
        return False
    own = text_of(node)
    block = node.parent
    for _ in range(DATE_BLOCK_LEVELS):
        if block is None:
            return False
        text = text_of(block)
        if text != own:
            return bool(_UPDATE_OPENING.match(text))
        block = block.parent
    return False


# How far up from the first author's link the slot holding the others may be.
AUTHOR_SLOT_LEVELS = 3


def _author_slot(css: str, root: LexborNode) -> str:
    """The names the theme's author slot prints: the first match, and the matches beside it
    in the same slot (Co-Authors Plus: "بواسطة <a>A</a> و <a>B</a>"; Jannah's wrapper per
    writer, "meta-author-0", "meta-author-1"), joined by ", "."""
    found = compile_css(css)(root)
    if len(found) < 2:
        return text_of(found[0]) if found else ""
    slot, held = found[0].parent, [found[0]]
    for _ in range(AUTHOR_SLOT_LEVELS):
        if slot is None:
            break
        held = [node for node in found if _inside(node, slot)]
        if len(held) > 1:
            break
        slot = slot.parent
    names = (text_of(node) for node in (held if len(held) > 1 else found[:1]))
    return ", ".join(dict.fromkeys(name for name in names if name))


def _inside(node: LexborNode, container: LexborNode) -> bool:
    # (By identity: lexbor's nodes compare equal by their markup, and a theme may print the
    # meta line twice, a sticky header's copy.)
    parent, wanted = node.parent, container.mem_id
    while parent is not None:
        if parent.mem_id == wanted:
            return True
        parent = parent.parent
    return False


# A label printed in the headline's element before it: a word or two in an element of its
# own ("<span class="td-breaking-label">عاجل</span>", a kicker's "خاص").
MAX_LABEL_WORDS = 3


def _without_leading_label(heading: LexborNode, headline: str, head: metadata.PageMeta) -> str:
    """The headline without the label its element opens with, when the page's metadata
    states it so (`metadata.states_headline`) and not with the label, or when the label is
    a badge word (`PageMeta.h1_badge`); "" otherwise."""
    label = heading.child
    while label is not None and label.tag == "-text" and not (label.text_content or "").strip():
        label = label.next
    if label is None or label.tag[0] == "-" or label.tag in ("a", "img", "br"):
        return ""
    label_text = text_of(label)
    if not label_text or len(label_text.split()) > MAX_LABEL_WORDS:
        return ""
    rest = headline[len(label_text) :].strip() if headline.startswith(label_text) else ""
    rest = rest.lstrip(":|-–—ـ ").strip()
    if not rest:
        return ""
    if metadata.states_headline(head, rest) and not metadata.states_headline(head, headline):
        return rest
    if head.h1_badge:
        # A badge word ("فيديو", "عاجل") in an element of its own: a label even where the
        # SEO titles repeat it ("فيديو | ...").
        return rest
    return ""
