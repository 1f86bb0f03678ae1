"""The metadata chain, shared by the theme profiles and the generic path.

Every WordPress page may state things about itself whatever its theme: a canonical link,
og and article meta tags, JSON-LD (Yoast's @graph or a lone object), the post id, the
language. `PageMeta` gathers them once per page from either parser's tree; the functions
below read each field from them in one order of preference, with the source named, so
both paths fall back on the same values and only put their own finds (the theme's
selectors, or trafilatura's) in front. Times are handed on as raw candidates for the time
layer to read and reconcile.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.source_line import (
    ARABIC_INITIALS,
    ARABIC_NAME,
    OUTLET_NOUNS,
    SourceLine,
    bare_credit,
    closing_signature,
    dateline_credit,
    is_box_label,
    is_known_outlet,
    is_place,
    not_a_reporter,
)
from scraper.text import arabic_share, clean_text

# JSON-LD types of an article (schema.org's Article and its news, blog and report kinds).
ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ReportageNews",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "SatiricalArticle",
    "ScholarlyArticle",
    "TechArticle",
}
# Publication-time meta tags beyond article:published_time, as sites and CMSs spell them
# (keys lower-cased), best first.
PUBLISHED_META = (
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "article:published:time",
    "article.published",
    "itemprop:datepublished",
    "datepublished",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "sailthru.date",
    "original-publish-date",
    "originalpublicationdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dcterms.date",
    "dcterms.created",
    "dc.date.issued",
    "dc.date",
    "date",
)
# Author meta tags (keys lower-cased), best first; article:author only when it is a name.
AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "cxenseparse:author",
    "dc.creator", "dcterms.creator", "itemprop:author", "byl",
)  # fmt: skip
# The words that open a byline. The Arabic labels after "بقلم" ("by the pen of") also open
# sentences and titles: "كتب"/"كتبت" ("wrote"), "إعداد" ("prepared by"), "تقرير" ("report"),
# "بواسطة" ("by", as WordPress and its themes translate it: "بواسطة طائرة" is "by plane").
# An interview's byline: "حاوره:", "حاورته:", "أجرى الحوار:" (Gulf dailies), "حوار:" (Egyptian
# and Maghreb papers; also a title's first word, "حوار مع ...": a colon or dash must follow).
# A translated piece's "ترجمة:" ("translated by") and an edited one's "تحرير:" ("edited by").
_AMBIGUOUS_ARABIC_LABELS = (
    "كتبت بواسطة|كتب بواسطة|كتبت|كتب|إعداد|تقرير|حرر بواسطة|حرّر بواسطة|بواسطة"
    "|حاوره|حاورته|حاورها|أجرى الحوار|حوار|ترجمة|تحرير"
    # (Only before a colon or the paper it was written for: "أعدّ التقرير بدعم من …" is a
    # grant's note.)
    r"|أعدّ?ت? التقرير(?=\s*(?:[:：]|لـ|ل\s*[\"«“]))"
)
_ARABIC_BYLINE_WORDS = f"بقلم|{_AMBIGUOUS_ARABIC_LABELS}"
# "الكاتب" ("the writer") labels a byline only with a comma or colon after it ("الكاتب،
# سلمى الحداد", a byline list's screen-reader label); "الكاتب نجيب ..." is a sentence.
_BYLINE_WORDS = (
    f"(?:written|story|posted|words) by|by|von|par|por|di|door|av|af|الكاتب(?=\\s*[:،])"
    # "من: رامي العلي في دمشق" (from: the writer, where he writes), with its colon only.
    "|من(?=\\s*:)"
    f"|{_ARABIC_BYLINE_WORDS}"
)
# (Arabic papers print the tatweel as a dash: "كتب ـ خالد الهاجري:".)
_BYLINE_PREFIX = re.compile(rf"^(?:{_BYLINE_WORDS})\s*(?:[:\-–—،/]|ـ+)?\s+", re.I)
# A date in a permalink: /2025/12/14/ (WordPress's default) or /2025-12-14/.
# The month and day may be unpadded (/2026/12/1/, as Al Jazeera's permalinks print them).
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)"
)
_DATE_SEGMENT = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# Separators between a headline and the site's name in titles ("Headline | Site"); Korean
# titles use the letter "ㅣ" as a bar. An unspaced middle dot joins words (Korean "절연·외연",
# Catalan "col·legi"): a separator only when spaced.
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»«ـ]|::)\s+|\s*[|ㅣ–—•»]\s*")
_POST_ID_CLASS = re.compile(r"\bpostid-(\d+)\b")
_SHORTLINK_ID = re.compile(r"[?&]p=(\d+)\b")


@dataclass
class PageMeta:
    """What every WordPress page may state about itself, gathered once per page from
    either parser's tree (the theme stage uses lexbor, the generic path lxml)."""

    canonical: str | None  # first <link rel=canonical> href
    shortlink: str | None  # first <link rel=shortlink> href
    body_class: str  # the <body> class attribute
    lang: str | None  # the <html> lang attribute
    json_ld: list[str]  # raw text of each <script type=application/ld+json>
    meta: dict[str, str]  # meta property/name -> first non-empty content
    tags: list[str]  # every article:tag meta content, in order
    # Every content of a meta key the page repeats with different contents, in order (two
    # author tags: the site's name, then the writer's).
    meta_repeats: dict[str, list[str]] = field(default_factory=dict)
    # The parsed page (lexbor's or lxml's), for what only a fallback needs: read on first use,
    # so a page whose theme profile finds everything pays nothing for it.
    tree: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def ld_objects(self) -> list[dict[str, Any]]:
        """Every JSON-LD object on the page, @graph and mainEntity flattened, parsed once (broken JSON is
        skipped): the chain reads them for the article, dates, names and breadcrumbs."""
        found: list[dict[str, Any]] = []
        for raw in self.json_ld:
            data = _read_json_ld(raw)
            if data is None:
                continue
            stack = data if isinstance(data, list) else [data]
            while stack:
                node = stack.pop(0)
                if not isinstance(node, dict):
                    continue
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
                # A WebPage whose mainEntity is the article (Nature, Springer's sites).
                entity = node.get("mainEntity")
                if isinstance(entity, dict | list):
                    stack.extend(entity if isinstance(entity, list) else [entity])
                found.append(node)
        return found

    @cached_property
    def ld_article(self) -> dict[str, Any] | None:
        """The first JSON-LD object of an article type."""
        return next((n for n in self.ld_objects if json_ld_types(n) & ARTICLE_TYPES), None)

    @cached_property
    def site_names(self) -> frozenset[str]:
        """See `site_names`."""
        return _site_names(self)

    @cached_property
    def _main_h1(self) -> tuple[str, str, str, str]:
        """(text, link, badge, lead) of the first <h1> that is not the site's logo (a class
        or id on it or its parent naming a logo, the site's title or name: "mvp-logo-title",
        "site-title"), which many themes print as an h1 above the post's own, nor its
        section's name ("section-name", "category-title"). `link`: the
        href of a link it holds or sits in ("" when none); `badge`: a label the h1 opens
        with in an element of its own ("<span class=badge>عاجل</span>"), "" when none;
        `lead`: its text before its first element ("" when it opens with one)."""
        if isinstance(self.tree, LexborHTMLParser):
            for node in self.tree.css("h1"):
                parent = node.parent
                if not (
                    _is_logo(node.attributes)
                    or _names_section(node.attributes)
                    or (parent and _is_logo(parent.attributes))
                ):
                    link = node.css_first("a[href]")
                    if link is None and parent is not None and parent.tag == "a":
                        link = parent
                    href = (link.attributes.get("href") or "") if link is not None else ""
                    first = node.child
                    while first is not None and first.tag == "-text" and not first.text().strip():
                        first = first.next
                    badge = (
                        _lexbor_text(first)
                        if first is not None and first.tag in _BADGE_TAGS
                        else ""
                    )
                    lead = (
                        clean_text(first.text())
                        if first is not None and first.tag == "-text"
                        else ""
                    )
                    return _lexbor_text(node), href, badge, lead
        elif self.tree is not None:
            for element in _H1(self.tree):
                parent = element.getparent()
                if not (
                    _is_logo(element.attrib)
                    or _names_section(element.attrib)
                    or (parent is not None and _is_logo(parent.attrib))
                ):
                    link = next(element.iterfind(".//a[@href]"), None)
                    if link is None and parent is not None and parent.tag == "a":
                        link = parent
                    href = link.get("href", "") if link is not None else ""
                    first = (
                        element[0] if len(element) and not (element.text or "").strip() else None
                    )
                    badge = (
                        clean_text(" ".join(first.itertext()))
                        if first is not None and first.tag in _BADGE_TAGS
                        else ""
                    )
                    text = clean_text(" ".join(element.itertext()))
                    return text, href, badge, clean_text(element.text or "")
        return "", "", "", ""

    @property
    def h1_badge(self) -> str:
        """The label the main <h1> opens with in an element of its own (`_main_h1`): one of
        `_BADGE_WORDS` ("عاجل", "LIVE"), not a topic's kicker ("LTE-Patent:"), which some
        publishers count as part of their headline."""
        badge = self._main_h1[2]
        return badge if _fold(badge) in _BADGE_WORDS and badge != self.h1 else ""

    @property
    def h1_lead(self) -> str:
        """The main <h1>'s text before its first element (`_main_h1`): the headline where a
        subtitle follows it in an element of its own ("… صحياً<br><small>بكلفة …</small>")."""
        return self._main_h1[3]

    @property
    def h1(self) -> str:
        """Text of the page's main <h1> (`_main_h1`), "" when none."""
        return self._main_h1[0]

    @cached_property
    def title_heading(self) -> bool:
        """Whether the page prints its `<title>`, or a run of the title's segments, as an h1
        or h2 (a ministry's or a print version's h2 title, with no h1)."""
        headings = self.headings
        title = self.title or ""
        if not headings or not title:
            return False
        return any(
            len(run) >= 15 and _fold(run) in headings for run in (title, *_segment_runs(title))
        )

    @cached_property
    def pager(self) -> bool:
        """Whether the page has a pager (an element classed "pager", "pagination", ...)
        holding a link to its second page: a list of stories goes on over further pages."""
        if isinstance(self.tree, LexborHTMLParser):
            links = (
                _lexbor_text(a) for pager in self.tree.css(_PAGER_CSS) for a in pager.css("a[href]")
            )
        elif self.tree is not None:
            links = (
                a.text_content()
                for node in self.tree.iter()
                if isinstance(node.tag, str)
                and _PAGER_CLASSES.intersection((node.get("class") or "").lower().split())
                for a in node.iter("a")
                if a.get("href")
            )
        else:
            return False
        return any(_NOT_DIGIT.sub("", text) in ("2", "٢") for text in links)

    @cached_property
    def dated_cards(self) -> int:
        """How many <article> elements hold a <time> and a heading's link, and no other
        <article> nor an <h1>: the teaser cards of a list of stories (a newsletter's
        issues, a section's stories), not the story's own <article> around its cards."""
        if isinstance(self.tree, LexborHTMLParser):
            return sum(
                1
                for card in self.tree.css("article")
                if card.css_first("time") is not None
                and card.css_first("h2 a[href], h3 a[href]") is not None
                and card.css_first("article, h1") is None
            )
        if self.tree is None:
            return 0
        return sum(
            1
            for card in self.tree.iter("article")
            if card.find(".//time") is not None
            and _HEADING_LINK(card)
            and card.find(".//article") is None
            and card.find(".//h1") is None
        )

    @property
    def h1_link(self) -> str:
        """The href of a link the main <h1> holds or sits in: on a section front, the lead
        story's headline links to that story."""
        return self._main_h1[1]

    @cached_property
    def headings(self) -> frozenset[str]:
        """Folded texts of the page's h1 and h2 elements that a reader sees as headings:
        not the breadcrumb's last step printed as an h1 for search engines (`breadcrumb__headline`,
        `data-breadcrumb-headline`), nor one hidden for screen readers."""
        if isinstance(self.tree, LexborHTMLParser):
            found = (
                (_lexbor_text(n), _lexbor_context(n, attributes=True))
                for n in self.tree.css("h1, h2")
            )
        elif self.tree is not None:
            found = (
                (clean_text(" ".join(n.itertext())), _lxml_context(n, attributes=True))
                for n in _HEADINGS(self.tree)
            )
        else:
            return frozenset()
        return frozenset(
            _fold(text) for text, context in found if not _NOT_A_HEADING.search(context)
        )

    @cached_property
    def heading_parts(self) -> tuple[str, ...]:
        """Texts of the elements an h1 or h2 prints side by side, when it prints two or more
        (`<h2><span>Kicker</span><span>Headline</span></h2>`)."""
        if isinstance(self.tree, LexborHTMLParser):
            headings = (
                [_lexbor_text(n) for n in h.iter(include_text=False)]
                for h in self.tree.css("h1, h2")
            )
        elif self.tree is not None:
            headings = (
                [clean_text(" ".join(n.itertext())) for n in h.iterchildren()]
                for h in _HEADINGS(self.tree)
            )
        else:
            return ()
        parts = []
        for texts in headings:
            texts = [text for text in texts if text]
            if len(texts) >= 2:
                parts.extend(texts)
        return tuple(parts)

    def prints_alone(self, text: str) -> bool:
        """Whether the page prints `text` alone in a heading or block (`PRINTED_ALONE`)."""
        if isinstance(self.tree, LexborHTMLParser):
            wanted = clean_text(text)
            return any(
                clean_text(node.text()) == wanted
                and not any(
                    child.tag not in _PRINTED_ALONE_INLINE
                    for child in node.iter(include_text=False)
                )
                for node in self.tree.css(_PRINTED_ALONE_CSS)
            )
        return self.tree is not None and bool(PRINTED_ALONE(self.tree, headline=text))

    @cached_property
    def title(self) -> str:
        """The <title>."""
        return self._text("title", _TITLE)

    @cached_property
    def source_slot(self) -> str:
        """Text of the first short element a class names as the story's source
        ("source-name", "article-source", "Article_source__w1"), "" when none."""
        if isinstance(self.tree, LexborHTMLParser):
            nodes = (
                n
                for n in self.tree.css("[class*=ource]")
                if _SOURCE_SLOT.search(n.attributes.get("class") or "")
            )
            texts = (_lexbor_text(n) for n in nodes)
        elif self.tree is not None:
            texts = (
                clean_text(n.text_content())
                for n in elements_where(self.tree, lambda n: "ource" in (n.get("class") or ""))
                if _SOURCE_SLOT.search(n.get("class") or "")
            )
        else:
            return ""
        return next((t for t in texts if 0 < len(t) <= MAX_SOURCE_SLOT_CHARS), "")

    @cached_property
    def title_slot(self) -> str:
        """Text of the first element whose class or id names it a story's title
        (`_TITLE_SLOT`), "" when none."""
        if isinstance(self.tree, LexborHTMLParser):
            found = (
                (
                    f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}",
                    lambda n=n: _lexbor_text(n),
                    lambda n=n: _lexbor_context(n),
                )
                for n in self.tree.css("body [class*=itle], body [id*=itle]")
            )
        elif self.tree is not None:
            found = (
                (
                    f"{n.get('class') or ''} {n.get('id') or ''}",
                    lambda n=n: clean_text(n.text_content()),
                    lambda n=n: _lxml_context(n),
                )
                for n in _TITLE_SLOT_ELEMENTS(self.tree)
            )
        else:
            return ""
        for mark, text_of, context_of in found:
            if not _TITLE_SLOT.search(mark) or _NOT_THE_TITLE_SLOT.search(context_of()):
                continue
            if len((text := text_of()).split()) >= MIN_H2_HEADLINE_WORDS:
                return text
        return ""

    @cached_property
    def first_h2(self) -> str:
        """Text of the page's first <h2> ("" when none)."""
        return self._text("body h2", _FIRST_H2)

    @cached_property
    def byline(self) -> str:
        """Text of the first itemprop=author name, rel=author link or itemprop=author; not
        a theme's credit in the footer ("Theme by <a rel=author href=vendor>")."""
        if isinstance(self.tree, LexborHTMLParser):
            node = self.tree.css_first("[itemprop=author] [itemprop=name]")
            if node is not None and (scope := node.parent) is not None:
                # Two authors side by side, each its own Person scope: both.
                while scope is not None and scope.attributes.get("itemprop") != "author":
                    scope = scope.parent
                names = [
                    _lexbor_text(n)
                    for sibling in (scope.parent.iter() if scope and scope.parent else ())
                    if sibling.attributes.get("itemprop") == "author"
                    for n in sibling.css("[itemprop=name]")[:1]
                ]
                if len(names) > 1:
                    return ", ".join(dict.fromkeys(n for n in names if n))
            if node is None:
                node = next(
                    (
                        n
                        for n in self.tree.css("a[rel=author], [itemprop=author]")
                        if not self._theme_credit(n.attributes.get("href"), _footer_context(n))
                    ),
                    None,
                )
            if node is not None and node.tag == "a" and node.parent is not None:
                # "By <a rel=author>A</a> and <a rel=author>B</a>": both.
                names = [_lexbor_text(n) for n in node.parent.css("a[rel=author]")]
                if len(set(names)) > 1:
                    return ", ".join(dict.fromkeys(n for n in names if n))
            return _lexbor_text(node)
        # The first of them in the page (an author's name inside its author comes later).
        found = (
            next(
                (
                    n
                    for n in elements_where(self.tree, _author_mark)
                    if not self._theme_credit(n.get("href"), _footer_context(n))
                ),
                None,
            )
            if self.tree is not None
            else None
        )
        if found is None:
            return ""
        parent = found.getparent()
        if found.get("itemprop") == "author" and parent is not None:
            # Two authors side by side, each its own Person scope: both.
            names = [
                clean_text(" ".join(next(iter(_ITEM_NAME(s)), s).itertext()))
                for s in parent
                if isinstance(s.tag, str) and s.get("itemprop") == "author"
            ]
            if len(names) > 1:
                return ", ".join(dict.fromkeys(n for n in names if n))
        if found.tag == "a" and parent is not None:
            names = [
                clean_text(" ".join(a.itertext()))
                for a in parent.iterfind(".//a[@rel]")
                if "author" in a.get("rel", "").split()
            ]
            if len(set(names)) > 1:
                return ", ".join(dict.fromkeys(n for n in names if n))
        named = next(iter(_ITEM_NAME(found)), None) if found.get("itemprop") == "author" else None
        if named is not None and named.tag == "meta":
            return clean_text(named.get("content")) or clean_text(" ".join(found.itertext()))
        if named is not None:
            found = named  # its name, not its label ("كتب بواسطة: <span itemprop=name>")
        return clean_text(" ".join(found.itertext()))

    def _theme_credit(self, href: str | None, context: str) -> bool:
        """Whether an author link is a credit in the site's footer to another site (not a
        post's footer: Blogger prints its author in `div.post-footer`)."""
        if not href or not href.startswith(("http:", "https:", "//")):
            return False
        if not _SITE_FOOTER.search(context):
            return False
        own = self.canonical or self.meta.get("og:url") or ""
        host = (urlsplit(href).hostname or "").removeprefix("www.")
        return bool(own) and host != (urlsplit(own).hostname or "").removeprefix("www.")

    @cached_property
    def home_names(self) -> list[str]:
        """What the site's links to its home page call it: a logo's alt text, the link's
        title or aria-label, or the text of a link marked as the logo or the site's name
        (`HOME_LINKS` at most). A site without og:site_name still prints its name there."""
        found: list[tuple[Any, str, list[str]]] = []  # (attributes, text, alts)
        if isinstance(self.tree, LexborHTMLParser):
            for link in self.tree.css("a[href]"):
                if is_home_link(link.attributes.get("href")):
                    alts = [img.attributes.get("alt") or "" for img in link.css("img")]
                    parent = link.parent
                    marked = _is_logo(link.attributes) or bool(
                        parent and _is_logo(parent.attributes)
                    )
                    found.append((link.attributes, _lexbor_text(link) if marked else "", alts))
                    if len(found) == HOME_LINKS:
                        break
        elif self.tree is not None:
            for link in _LINKS(self.tree):
                if is_home_link(link.get("href")):
                    alts = [img.get("alt") or "" for img in link.iter("img")]
                    parent = link.getparent()
                    marked = _is_logo(link.attrib) or (
                        parent is not None and _is_logo(parent.attrib)
                    )
                    text = clean_text(" ".join(link.itertext())) if marked else ""
                    found.append((link.attrib, text, alts))
                    if len(found) == HOME_LINKS:
                        break
        names = []
        for attributes, text, alts in found:
            for name in (*alts, attributes.get("title"), attributes.get("aria-label"), text):
                name = clean_text(name or "")
                if (
                    name
                    and len(name.split()) <= MAX_HOME_NAME_WORDS
                    and _fold(name) not in _HOME_WORDS
                ):
                    names.append(name)
        return names

    @cached_property
    def microdata_section(self) -> str:
        """Text of the first element but a <meta> marked itemprop="articleSection"."""
        if isinstance(self.tree, LexborHTMLParser):
            for node in self.tree.css("[itemprop=articleSection]"):
                if node.tag != "meta":
                    return _lexbor_text(node)
        elif self.tree is not None:
            for element in _MICRODATA_SECTION(self.tree):
                return clean_text(" ".join(element.itertext()))
        return ""

    @cached_property
    def microdata_story(self) -> tuple[bool, int, str]:
        """What microdata says of the page: (whether one item it types as an article is
        the page's story, how many such items stand on their own, the story's
        datePublished in a shown element's attribute or ""). The story's item is the only
        one, or the one holding the h1 (related cards typed NewsArticle are no story); its
        time is Blogger's `<abbr itemprop="datePublished" title="...">`, never one of a
        card nested in it. A <meta itemprop> is one of the meta tags, a <time datetime>
        is read as one."""
        if isinstance(self.tree, LexborHTMLParser):
            items = [n for n in self.tree.css("[itemtype]") if _article_item(n.attributes)]
        elif self.tree is not None:
            items = [e for e in _ITEMTYPED(self.tree) if _article_item(e.attrib)]
        else:
            return False, 0, ""
        kept = set(items)

        def scope_of(node: Any) -> Any:
            """The article item nearest above `node` (itself included), or None."""
            while node is not None:
                if node in kept:
                    return node
                node = _parent(node)
            return None

        alone = [n for n in items if scope_of(_parent(n)) is None]
        story = alone[0] if len(alone) == 1 else next((n for n in alone if _holds_h1(n)), None)
        if story is None and len(bodied := [n for n in alone if _holds_article_body(n)]) == 1:
            # No h1 (a Joomla story's headline is an h2): the one item holding the text.
            story = bodied[0]
        if story is None:
            # Cards typed as articles beside a story that is no item (its h1 outside them)
            # are teasers: they say nothing of the page.
            h1s = (
                self.tree.css("h1") if isinstance(self.tree, LexborHTMLParser) else _H1S(self.tree)
            )
            return False, 0 if any(scope_of(h) is None for h in h1s) else len(alone), ""
        for stamp in _date_published(story):
            # The story's own, not a comment's or a card's nested in it (any item scope).
            attributes = stamp.attributes if isinstance(stamp, LexborNode) else stamp.attrib
            # (A <time> with its value in `content` only, no datetime, is read here.)
            read_elsewhere = stamp.tag == "meta" or (
                stamp.tag == "time" and "datetime" in attributes
            )
            if read_elsewhere or _item_scope(_parent(stamp)) != story:
                continue
            for name in ("datetime", "content", "title"):
                if value := clean_text(attributes.get(name)):
                    return True, len(alone), value
        return True, len(alone), ""

    @cached_property
    def feed_titles(self) -> list[str]:
        """Titles of the RSS and Atom feed links."""
        if isinstance(self.tree, LexborHTMLParser):
            links = self.tree.css("link[rel=alternate][type*=rss], link[rel=alternate][type*=atom]")
            return [link.attributes.get("title") or "" for link in links]
        return _FEED_TITLES(self.tree) if self.tree is not None else []

    @cached_property
    def category_links(self) -> list[tuple[str, str]]:
        """(text, href) of WordPress's rel="category" links, in order."""
        if self.tree is not None and not isinstance(self.tree, LexborHTMLParser):
            # One walk over the links: a union of selectors walks the page once each.
            return [(lxml_link_text(a), a.get("href") or "") for a in _CATEGORY_LINKS(self.tree)]
        return self._links(_CATEGORY_CSS)

    @cached_property
    def tag_link_names(self) -> set[str]:
        """The folded names of the page's rel="tag" links that are no category's (not
        WordPress's rel="category tag")."""
        return {_fold(text) for text in self.tag_link_texts}

    @cached_property
    def tag_link_texts(self) -> list[str]:
        """The texts of those links, as printed, in page order."""
        category = {href for _, href in self.category_links}
        return [text for text, href in self._links("a[rel~=tag]") if href not in category]

    @cached_property
    def breadcrumb_links(self) -> list[tuple[str, str]]:
        """(text, href) of the breadcrumb's links, in order; else those of a trail printed
        with no mark, its links separated by arrows alone (`text_trail_links`)."""
        return self._marked_trail_links() or self.text_trail_links

    @cached_property
    def text_trail_links(self) -> list[tuple[str, str]]:
        """(text, href) of a trail printed with no mark (old portals, Xinhua): an element
        whose links start at the home page and whose other text is only arrows between
        them and a label before ("الرئيسية » أخبار » ...", "أنت هنا:", "新华网 > 时政 > 正文")."""
        if isinstance(self.tree, LexborHTMLParser):
            homes = [a for a in self.tree.css("a[href]") if is_home_link(a.attributes.get("href"))]
            for home in homes:
                holder = home.parent
                if holder is None:
                    continue
                links = holder.css("a")
                text = holder.text(separator=" ")
                names = [_lexbor_link_text(a) for a in links]
                if _arrow_trail(text, names):
                    return [
                        (n, a.attributes.get("href") or "")
                        for n, a in zip(names, links, strict=True)
                    ]
            return []
        if self.tree is None:
            return []
        for home in self.tree.iter("a"):
            holder = home.getparent()
            if holder is None or not is_home_link(home.get("href")):
                continue
            links = list(holder.iter("a"))
            names = [lxml_link_text(a) for a in links]
            if _arrow_trail(" ".join(holder.itertext()), names):
                return [(n, a.get("href") or "") for n, a in zip(names, links, strict=True)]
        return []

    def _marked_trail_links(self) -> list[tuple[str, str]]:
        """(text, href) of the links of the elements marked as a breadcrumb."""
        if isinstance(self.tree, LexborHTMLParser):
            # The trails first, then their links: lexbor matches "X a" by walking up from
            # every link of the page once per selector, three times the cost.
            links = {
                link.mem_id: link
                for trail in self.tree.css(_BREADCRUMB_HOLDERS)
                for link in trail.css("a")
            }
            return [(_lexbor_link_text(a), a.attributes.get("href") or "") for a in links.values()]
        return self._links(_BREADCRUMB_CSS)

    @cached_property
    def menu_category_links(self) -> list[tuple[str, str]]:
        """(text, href) of the menu items WordPress marks as the post's category, its own
        category's first, in page order within each kind."""
        return [link for css in _MENU_STATE_CSS for link in self._links(css)]

    @cached_property
    def active_menu_links(self) -> list[tuple[str, str]]:
        """(text, href) of the menu items other systems mark as the page's section
        (Drupal's "is-active" and "active-trail", Joomla's "current active", the "active"
        and "selected" of hand-made portals, "is-current", ARIA's aria-current="page" on a
        section's link: BBC), inside a menu, a nav or the header, and not
        a tab, a pager or a language switch."""
        if isinstance(self.tree, LexborHTMLParser):
            found = dict.fromkeys(self.tree.css(_ACTIVE_MENU_CSS))
            nodes = (
                (_lexbor_link_text(a), a.attributes.get("href"), _lexbor_context(a, ids=True))
                for a in found
            )
        elif self.tree is not None:
            nodes = (
                (lxml_link_text(a), a.get("href"), _lxml_context(a, ids=True))
                for a in _lxml_css(_ACTIVE_MENU_CSS)(self.tree)
            )
        else:
            return []
        # (Ids too: a hand-made portal names its menu by an id alone, `<div id="menu">`.)
        return [
            (text, href or "")
            for text, href, context in nodes
            if _MENU_CONTEXT.search(context) and not _NOT_A_MENU_CONTEXT.search(context)
        ]

    @cached_property
    def post_category_slugs(self) -> list[str]:
        """The category slugs WordPress's post_class (on the <article> holding the h1, not a
        related card's) and some themes' body_class print ("category-economy",
        "category-%d8%a8%d9%8a%d8%a6%d8%a9"), the body's first."""
        classes = self.body_class
        if isinstance(self.tree, LexborHTMLParser):
            post = next(
                (a for a in self.tree.css("article[class*=category-]") if _holds_h1(a)), None
            )
            classes += " " + ((post.attributes.get("class") or "") if post is not None else "")
        elif self.tree is not None:
            found = _POST_CLASSES(self.tree)
            classes += " " + (str(found[0]) if found else "")
        return list(dict.fromkeys(_CATEGORY_CLASS.findall(classes)))

    @cached_property
    def blogger_labels(self) -> list[tuple[str, str]]:
        """(text, href) of the labels Blogger prints under a post, in order."""
        return self._links(".post-labels a[href*='/search/label/']")

    @cached_property
    def menu_links(self) -> list[tuple[str, str]]:
        """(text, href) of the links in the site's menus: in <nav>, in the page's <header>,
        in an element named for a menu."""
        return self._links(_MENU_LINKS_CSS)

    def _text(self, css: str, xpath: etree.XPath) -> str:
        if isinstance(self.tree, LexborHTMLParser):
            return _lexbor_text(self.tree.css_first(css))
        found = xpath(self.tree) if self.tree is not None else []
        return clean_text(" ".join(found[0].itertext())) if found else ""

    @cached_property
    def class_byline(self) -> str:
        """The names in the first element classed as a byline or an author ("article-byline",
        "authorname") outside comments, forms, menus, sidebars, footers and teasers, joined
        with ", "; "" when none reads as names. Else, the same of an element classed as a
        writer (ASP.NET portals' "writer"), not in a strip of the site's columnists
        ("writers-slider"), and not one holding blocks (a writer box: name, role, bio; its
        name's own element follows)."""
        return self._classed_names(_CLASS_BYLINE_CSS, _byline_class) or self._classed_names(
            _WRITER_CSS, _writer_class, writer=True
        )

    def _classed_nodes(
        self, css: str, wanted: Callable[[etree._Element], bool]
    ) -> Iterator[tuple[str, str, Any, bool]]:
        """(text, context, node, whether lexbor's) of the elements `css` (lexbor) or
        `wanted` (lxml) picks, their text pieces a line each."""
        if isinstance(self.tree, LexborHTMLParser):
            for n in self.tree.css(css):
                yield n.text(separator="\n"), _lexbor_context(n), n, True
        elif self.tree is not None:
            # One walk over the page per kind of element: the desk credit and the byline
            # both read the byline-classed ones.
            if (found := self._classed_lxml.get(wanted)) is None:
                found = self._classed_lxml[wanted] = list(elements_where(self.tree, wanted))
            for n in found:
                yield "\n".join(n.itertext()), _lxml_context(n), n, False

    @cached_property
    def _classed_lxml(self) -> dict[Callable[[etree._Element], bool], list[etree._Element]]:
        return {}

    @cached_property
    def desk_credit(self) -> str:
        """The agency a byline credits beside the writer or as the desk: "with AAP" after
        the name, "Redazione ANSA" ("" when none)."""
        for text, context, _, _ in self._classed_nodes(_CLASS_BYLINE_CSS, _byline_class):
            if _NOT_A_BYLINE.search(context):
                continue
            pieces = [clean_text(piece) for piece in text.split("\n")]
            for piece in pieces:
                site, slash, agency = piece.partition(" / ")
                if slash and is_known_outlet(agency) and is_site_name(self, site):
                    return agency  # "مونت كارلو الدولية / أ ف ب", "RFI / AFP": the desk's copy
                found = _DESK_CREDIT.fullmatch(piece)
                # "with dpa, Reuters" after the writer's name; "BOSPHORUS DAILY WITH AA": the
                # site's own desk and the agency.
                if found and (not found["desk"] or is_site_name(self, found["desk"])):
                    return found.group("names")
            # A known agency in a piece of its own right after the writer's name ("<a>عمر
            # الحوسني</a> <span>-</span> <span>رويترز</span>", "Manasi Karve / TNN / Updated",
            # "Emily Fairfax and Reuters").
            named = [
                _LEADING_JOINER.sub("", piece)  # ("<a>Farah Al Zarooni</a> and Wam")
                for piece in pieces
                if piece and not _SEPARATOR_PIECE.fullmatch(piece) and piece not in _JOINERS
            ]
            if len(named) > 1 and is_known_outlet(named[1]) and not is_site_name(self, named[1]):
                return named[1]  # (right after it: not a text-size control's "AA" below)
        return ""

    @cached_property
    def author_link(self) -> str:
        """The name a link to a writer's archive prints ("<a href=/author/rana-haddad>رنا
        حداد</a>" in a meta list after an icon), outside menus, comments, sidebars and
        teasers; "" when none reads as a name."""
        if isinstance(self.tree, LexborHTMLParser):
            links = (
                (n, n.text(separator="\n"), _lexbor_context)
                for n in self.tree.css(_AUTHOR_ARCHIVE_CSS)
                if _AUTHOR_ARCHIVE.search(n.attributes.get("href") or "")
            )
        elif self.tree is not None:
            links = (
                (n, "\n".join(n.itertext()), _lxml_context)
                for n in self.tree.iter("a")
                if _AUTHOR_ARCHIVE.search(n.get("href") or "")
            )
        else:
            return ""
        for node, text, context_of in links:
            context = context_of(node)
            # (Not a menu's list of the site's writers, nor a box of their latest columns.)
            if _SITE_CHROME.search(context) or _in_story_item(node, isinstance(node, LexborNode)):
                continue
            if not _NOT_A_BYLINE.search(context) and (names := _names_in(text)):
                return ", ".join([names, *_joined_writer_links(node)])
            # The writer's photo linking to the writer's page, the name only in its address
            # (an avatar, but not a commenter's: no comment block around it).
            href = _href(node)
            if (
                not text.strip()
                and not _NOT_A_BYLINE.search(context.replace("avatar", ""))
                and (named := _arabic_slug_name(href or ""))
                and not house_account(named)  # "/author/محرر-الموقع/": the desk's account
            ):
                return named
        return ""

    def _classed_names(
        self, css: str, wanted: Callable[[etree._Element], bool], writer: bool = False
    ) -> str:
        for text, context, node, lexbor in self._classed_nodes(css, wanted):
            if _NOT_A_BYLINE.search(context) or _in_story_item(node, lexbor):
                continue
            if provider := _hcard_provider(node, lexbor):
                # (The wire that supplied the story is no writer: `byline_provider`.)
                text = "\n".join(p for p in text.split("\n") if clean_text(p) != provider)
            if writer and (
                _NOT_A_WRITER.search(context)
                or _links_a_story(node, lexbor)
                or (
                    any(c.tag in _BLOCK_TAGS for c in (node.iter() if lexbor else node))
                    # Drupal's field wraps a lone name in blocks ("field-items" >
                    # "field-item"): a box holds lines of its own (name, role, bio).
                    # (A field's label, "بقلم", is no line of a box's.)
                    and sum(
                        1
                        for piece in text.split("\n")
                        if piece.strip() and not _BYLINE_WORD_ONLY.fullmatch(piece.strip())
                    )
                    > 1
                )
            ):
                continue
            if (names := _names_in(text)) and not (writer and house_account(names)):
                return names  # (a writer's slot printing the desk's account names nobody)
        return ""

    @cached_property
    def hatom_post(self) -> bool:
        """Whether the page is one hAtom post: a single `hentry` holding its `published`
        stamp (a machine time in its title or datetime), as Blogger's and older WordPress
        themes print a post's page; an index prints one per post."""
        if isinstance(self.tree, LexborHTMLParser):
            entries = self.tree.css(".hentry")
            if len(entries) != 1:
                return False
            stamps = entries[0].css(".published")
            return any("title" in n.attributes or "datetime" in n.attributes for n in stamps)
        return self.tree is not None and bool(_HATOM_POST(self.tree))

    @cached_property
    def microdata_created(self) -> str:
        """Microdata's creation stamp of the story, as RDFa's (`rdfa_created`): the one
        `<meta itemprop="dateCreated">` in an article's item or in none ("" when there are
        several, or one is a comment's, a picture's or a person's)."""
        if isinstance(self.tree, LexborHTMLParser):
            found = [
                (n.attributes.get("content") or "", _lexbor_item_type(n))
                for n in self.tree.css("meta[itemprop='dateCreated']")
            ]
        elif self.tree is not None:
            found = [(n.get("content") or "", _lxml_item_type(n)) for n in _DATE_CREATED(self.tree)]
        else:
            return ""
        if len(found) != 1:
            return ""
        value, item = found[0]
        return clean_text(value) if not item or _article_item({"itemtype": item}) else ""

    @cached_property
    def hatom_published(self) -> str:
        """The publication time hAtom's `<abbr class="published" title="2027-02-03T17:30:00Z">`
        states (SPIP's, older Blogger and WordPress themes'): the one such element outside
        comments and teasers whose title is an ISO time ("" when none or several)."""
        if isinstance(self.tree, LexborHTMLParser):
            nodes = (
                (n.attributes.get("title") or "", _lexbor_context(n))
                for n in self.tree.css("abbr.published[title]")
            )
        elif self.tree is not None:
            nodes = ((n.get("title") or "", _lxml_context(n)) for n in _HATOM_PUBLISHED(self.tree))
        else:
            return ""
        found = {
            title.strip()
            for title, context in nodes
            if _ISO_TIME.match(title.strip()) and not _NOT_THE_STORYS.search(context)
        }
        return found.pop() if len(found) == 1 else ""

    @cached_property
    def byline_provider(self) -> str:
        """The outlet a byline names as the story's provider (`<cite class="byline vcard">
        <span class="fn">By X</span> | <span class="provider org">Continental Press</span>`:
        the wire that supplied a syndicated story); "" when none."""
        for _, context, node, lexbor in self._classed_nodes(_CLASS_BYLINE_CSS, _byline_class):
            if not _NOT_A_BYLINE.search(context) and (found := _hcard_provider(node, lexbor)):
                return found
        return ""

    @cached_property
    def rdfa_created(self) -> str:
        """The creation time RDFa states in an element's `content` ("" when none): Drupal
        7's `property="dc:date dc:created"` around its "submitted" line, Drupal 8-10's
        empty `property="schema:dateCreated"` span. Not a comment's or a teaser's."""
        if isinstance(self.tree, LexborHTMLParser):
            nodes = (
                (n.attributes, _lexbor_context(n)) for n in self.tree.css("[property][content]")
            )
        elif self.tree is not None:
            nodes = ((n.attrib, _lxml_context(n)) for n in _RDFA_VALUES(self.tree))
        else:
            return ""
        for attributes, context in nodes:
            properties = set((attributes.get("property") or "").lower().split())
            content = clean_text(attributes.get("content"))
            if content and properties & _RDFA_CREATED and not _NOT_THE_STORYS.search(context):
                return content
        return ""

    @cached_property
    def data_story(self) -> dict[str, Any] | None:
        """The story a Next.js page carries in its data when the browser, not the server,
        renders it (the server sends the header and an empty slot): the object with a
        title and the longest body of text, as {"title", "body"} (the body's markup kept),
        under `props` of the `__NEXT_DATA__` script (the pages router) or in the app
        router's flight data (`self.__next_f.push` scripts, `flight_rows`). Only a story
        whose title the page's <title>, og:title or h1 holds: a home page's data carries
        other stories whole. None when the page has no such data."""
        raw, flight = _next_data_scripts(self.tree)
        data: Any = None
        if raw and len(raw) <= MAX_PAGE_DATA_CHARS:
            data = read_json(raw)
            data = data.get("props") if isinstance(data, dict) else None
        elif flight:
            data = flight_rows(flight)
        if data is None:
            return None
        stated = [
            _fold(text or "") for text in (self.title, meta_content(self, "og:title"), self.h1)
        ]
        return _data_story(
            data,
            lambda title: bool(folded := _fold(title)) and any(folded in text for text in stated),
        )

    @cached_property
    def photographers(self) -> frozenset[str]:
        """The names the page prints in an element classed as its photographer's ("<span
        class=photographer>تصوير- <a>أحمد مسعد</a>", "byline-photographer"), without the
        label: JSON-LD may list them among the authors."""
        if isinstance(self.tree, LexborHTMLParser):
            texts = [_lexbor_text(n) for n in self.tree.css(_PHOTOGRAPHER_CSS)]
        elif self.tree is not None:
            texts = [clean_text(" ".join(n.itertext())) for n in _PHOTOGRAPHERS(self.tree)]
        else:
            return frozenset()
        return frozenset(
            name
            for text in texts
            for name in _split_person_names(_PHOTO_LABEL.sub("", text).strip(" :-–—|"))
        )

    @cached_property
    def _visible_text(self) -> str:
        if isinstance(self.tree, LexborHTMLParser):
            body = self.tree.body
            return clean_text(body.text(separator=" ")) if body is not None else ""
        if self.tree is not None:
            body = self.tree.find(".//body")
            return clean_text(" ".join((body if body is not None else self.tree).itertext()))
        return ""

    def prints_as_translator(self, name: str) -> bool:
        """Whether the page prints `name` after a translator's label ("ترجمة: NAME",
        "Translated by NAME"): JSON-LD may list the translator among the authors."""
        return bool(
            re.search(
                # (The label a word of its own, "إعداد وترجمة: A وB" names writers; "ترجمة
                # عن العبرية: NAME" names the language first.)
                rf"(?<!\w)(?:{_TRANSLATOR_LABEL})(?:\s+(?:عن|from)\s+\S+)?\s*[:：/|{_DASHES}]?\s*"
                rf"{re.escape(name)}",
                self._visible_text,
                re.I,
            )
        )

    @cached_property
    def rdfa_author(self) -> str:
        """The name RDFa marks as the author ("" when none): Drupal 8-10 wrap the node's
        writer in `rel="schema:author"` (its `property="schema:name"` inside), some
        templates in `property="schema:author"`. Not a comment's or a teaser's."""
        if isinstance(self.tree, LexborHTMLParser):
            found = (
                (n.css_first("[property~='schema:name']") or n, _lexbor_context(n))
                for n in self.tree.css(_RDFA_AUTHOR_CSS)
            )
            named = ((_lexbor_text(name), context) for name, context in found)
        elif self.tree is not None:
            found = ((n, _lxml_context(n)) for n in elements_where(self.tree, _rdfa_author))
            named = (
                (clean_text(" ".join((_RDFA_NAME(n) or [n])[0].itertext())), context)
                for n, context in found
            )
        else:
            return ""
        story_names = (name for name, context in named if not _NOT_THE_STORYS.search(context))
        return next((name for name in story_names if name), "")

    @cached_property
    def labelled_byline(self) -> str:
        """The names after the first byline label that stands at the start of an element's
        own text ("Von: ", "By", "Autorin/Autor", "بقلم", "كتب:") outside comments, forms,
        menus, sidebars, teasers and headings, joined with ", "; a label alone in its
        element names what follows it in the parent ("<strong>Autor</strong> Jane Doe")."""
        if isinstance(self.tree, LexborHTMLParser):
            nodes = self.tree.root.traverse() if self.tree.root is not None else ()
            labelled = (
                (n.text(deep=False), lambda n=n: n.text(separator="\n"), n.parent, n)
                for n in nodes
                if n.tag not in ("script", "style", "-text")
            )
            text_of = lambda n: n.text(separator="\n")  # noqa: E731
            context_of = _lexbor_context
        elif self.tree is not None:
            labelled = (
                (_own_text(n), lambda n=n: "\n".join(n.itertext()), n.getparent(), n)
                for n in self.tree.iter()
                if isinstance(n.tag, str) and n.tag not in ("script", "style")
            )
            text_of = lambda n: "\n".join(n.itertext())  # noqa: E731
            context_of = _lxml_context
        else:
            return ""
        for own, text, parent, node in labelled:
            label = _BYLINE_LABEL.match(own)
            if label is None:
                continue
            if node.tag == "a" and not _AUTHOR_ARCHIVE.search(_href(node)):
                continue  # a teaser's title ("<a href=/news/…>تقرير: الأحذية الخليلية …</a>")
            after = own[label.end() :]
            if label.group("ambiguous") and not label.group("mark") and after.strip():
                continue  # "كتب الرئيس ...": a sentence, unless a mark or an element follows
            full = text()
            if not full[label.end() :].strip() and parent is not None:
                full = text_of(parent)  # the label in an element of its own
                start = full.find(own.strip())
                full = full[start + len(own.strip()) :] if start >= 0 else ""
            else:
                full = full[label.end() :]
            if len(full) > 160 or _NOT_A_BYLINE_OR_HEADING.search(context_of(node)):
                continue
            # "كتب- أحمد سالم:": the colon before the story is no part of the name (nor the
            # bracket closing a bracketed credit).
            if own.lstrip().startswith("("):
                full = full.strip().removesuffix(")")
            if names := _names_in(_without_place(full).removesuffix(":")):
                return names
        return ""

    @cached_property
    def bold_lines(self) -> frozenset[str]:
        """Texts of the paragraphs printed wholly in one <strong> or <b>: how many papers set
        a byline inside the story ("<p><strong>Mohloai Mpesi</strong></p>")."""
        if isinstance(self.tree, LexborHTMLParser):
            found = (
                (_lexbor_text(p), _lexbor_text(p.css_first("strong, b")))
                for p in self.tree.css("p")
                if p.css_first("strong, b") is not None
            )
        elif self.tree is not None:
            found = (
                (clean_text(" ".join(p.itertext())), clean_text(" ".join(b[0].itertext())))
                for p in _PARAGRAPHS(self.tree)
                if (b := p.xpath("strong | b"))
            )
        else:
            return frozenset()
        return frozenset(text for text, bold in found if text and text == bold)

    def _links(self, css: str) -> list[tuple[str, str]]:
        if isinstance(self.tree, LexborHTMLParser):
            # lexbor lists a link once per part of the selector it matches
            links = dict.fromkeys(self.tree.css(css))
            return [(_lexbor_link_text(a), a.attributes.get("href") or "") for a in links]
        return _lxml_links(self.tree, css) if self.tree is not None else []

    @classmethod
    def from_lexbor(cls, tree: LexborHTMLParser) -> PageMeta:
        links = {}
        for link in tree.css("link[rel]"):
            attributes = link.attributes
            rel = attributes.get("rel")
            if rel in ("canonical", "shortlink") and rel not in links:
                links[rel] = attributes.get("href")
        body, html = tree.body, tree.root  # lexbor builds both for any text
        metas = [m.attributes for m in tree.css("meta")]
        meta, repeats = _index_meta(metas)
        return cls(
            canonical=links.get("canonical"),
            shortlink=links.get("shortlink"),
            body_class=(body.attributes.get("class") if body is not None else None) or "",
            lang=html.attributes.get("lang") if html is not None else None,
            json_ld=[s.text() for s in tree.css("script[type='application/ld+json']")],
            meta=meta,
            meta_repeats=repeats,
            tags=_tags(metas),
            tree=tree,
        )

    @classmethod
    def from_lxml(cls, root: etree._Element) -> PageMeta:
        metas = [m.attrib for m in root.iter("meta")]
        meta, repeats = _index_meta(metas)
        return cls(
            canonical=_first_value(_CANONICAL, root),
            shortlink=_first_value(_SHORTLINK, root),
            body_class=_first_value(_BODY_CLASS, root) or "",
            lang=_first_value(_LANG, root),
            json_ld=["".join(s.itertext()) for s in _JSON_LD(root)],
            meta=meta,
            meta_repeats=repeats,
            tags=_tags(metas),
            tree=root,
        )


# What real pages wrap a JSON-LD block in or leave in it, that JSON does not allow: an XHTML
# CDATA section in script comments (Rails' javascript_tag, old WordPress plugins), an HTML
# comment, a comma before a closing bracket.
_JSON_LD_WRAPPER = re.compile(
    r"^\s*(?:(?://|/\*)\s*<!\[CDATA\[\s*(?:\*/)?|<!--)|(?://|/\*)\s*\]\]>\s*(?:\*/)?\s*$|-->\s*$"
)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def read_json(text: str, strict: bool = True) -> Any | None:
    """A page's JSON (a script's data), or None when it is not JSON or nests deeper than
    Python's parser goes (a page of a million "[" would otherwise raise RecursionError)."""
    try:
        return json.loads(text, strict=strict)
    except (ValueError, RecursionError):
        return None


def _read_json_ld(raw: str) -> Any | None:
    """A JSON-LD block's data, or None when it is not JSON. Control characters inside its
    strings (a line break in a description, common on real pages) are kept; a CDATA or
    HTML-comment wrapper and commas before a closing bracket are taken off when the block
    does not read as it is."""
    data = read_json(raw, strict=False)
    if data is None:
        mended = _TRAILING_COMMA.sub(r"\1", _JSON_LD_WRAPPER.sub("", raw))
        data = read_json(mended, strict=False)
    return data


_CANONICAL = etree.XPath("//link[@rel='canonical']/@href", smart_strings=False)
_JSON_LD = etree.XPath("//script[@type='application/ld+json']", smart_strings=False)
_BODY_CLASS = etree.XPath("//body/@class", smart_strings=False)
_SHORTLINK = etree.XPath("//link[@rel='shortlink']/@href", smart_strings=False)
_LANG = etree.XPath("/html/@lang", smart_strings=False)
_H1 = etree.XPath("//h1", smart_strings=False)
# A site's logo or name printed as a heading ("mvp-logo-title", "site-title", "site-name",
# "logo", "site-branding"); not "branded-content".
_LOGO_MARK = re.compile(
    r"(?<![a-z])logo|site[-_]?(?:title|name|branding)|(?<![a-z])brand(?![a-z])", re.I
)


def _is_logo(attributes: Any) -> bool:
    return bool(_LOGO_MARK.search(f"{attributes.get('class') or ''} {attributes.get('id') or ''}"))


# An h1 a layout gives its section's name above the story's own ("<h1 class=section-name>
# محليات</h1>", Al-Anba's).
_SECTION_HEADING_MARK = re.compile(
    r"(?:^|[-_\s])(?:section|category|cat|rubric)[-_](?:name|title|head|header|heading)(?:$|[-_\s])",
    re.IGNORECASE,
)


def _names_section(attributes: Any) -> bool:
    marks = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    return bool(_SECTION_HEADING_MARK.search(marks))


def is_logo_heading(element: etree._Element) -> bool:
    """Whether an lxml heading is the site's logo or name (`PageMeta.h1`'s rule), or prints
    no text at all (an old portal's `<h1><a><img alt="..."></a></h1>` logo)."""
    parent = element.getparent()
    return (
        _is_logo(element.attrib)
        or (parent is not None and _is_logo(parent.attrib))
        or not element.text_content().strip()
    )


# The first links to the home page are the header's logo and the menu's Home item; a name
# is a few words; "Home" and its translations name no site.
HOME_LINKS = 4
MAX_HOME_NAME_WORDS = 5
_LINKS = etree.XPath("//a[@href]", smart_strings=False)
# (ASP.NET and IIS sites' home page is "Default.aspx"; a bilingual site's is its
# language's, "/Ar/Default.aspx", "/ar/".)
_HOME_PATH = re.compile(
    r"(?:https?:)?(?://[^/?#]+)?(?:/(?:ar|en|fr|arabic|english))?/?"
    r"(?:(?:index|default)\.(?:php|html?|aspx?))?",
    re.IGNORECASE,
)


# The arrows between a trail's steps, and a label before it.
# Not "|", which separates a footer's links too ("Home | Contact | Privacy").
_TRAIL_ARROWS = re.compile(r"^(?:[^\S\n]|[»›>/\\→←«‹<])*$")
_TRAIL_LABEL = re.compile(r"^\s*(?:أنت هنا|انت هنا|you are here|المسار)\s*[:：]?\s*$", re.I)


def _arrow_trail(text: str, names: list[str]) -> bool:
    """Whether an element's text is its links' names with only arrows between them (two
    links at least), a label before the first and an unlinked last step (the story's, or
    "正文") allowed."""
    if len(names) < 2 or len(names) > 8 or not all(names):
        return False
    rest = clean_text(text)
    pieces: list[str] = []
    for name in names:
        at = rest.find(name)
        if at < 0:
            return False
        pieces.append(rest[:at])
        rest = rest[at + len(name) :]
    between = pieces[1:]
    if not all(_TRAIL_ARROWS.match(p) and p.strip() for p in between):
        return False
    if pieces[0].strip() and not _TRAIL_LABEL.match(pieces[0]):
        return False
    tail = rest.strip()
    # After the last link: nothing, or an arrow and the page's own step (short).
    return not tail or (tail[0] in "»›>/\\→←«‹<" and 0 < len(tail) <= 120)


def home_address(url: str) -> bool:
    """Whether an address is a site's home page: its path "", "/", "/index.php" or
    "/Default.aspx", its query none or a view's ("?amp=1", "?lang=ar"), not a route
    ("index.php?page=section")."""
    parts = urlsplit(url)
    return bool(_HOME_PATH.fullmatch(parts.path)) and all(
        name in _HOME_QUERY_NAMES or name.startswith("utm_")
        for name, _ in parse_qsl(parts.query, keep_blank_values=True)
    )


_HOME_QUERY_NAMES = frozenset(("amp", "lang"))


def is_home_link(href: str | None) -> bool:
    """Whether a link goes to a site's home page: "/", "./", "https://host/" (any host:
    the page's own, or a mirror's), or the root's index file ("index.php", "/default.aspx":
    an old portal's logo link)."""
    href = (href or "").strip()
    if not href or href.count("/") > 3:  # a path past the host's root (most links): no
        return False
    return href in ("/", "./") or (
        bool(_HOME_PATH.fullmatch(href)) and ("//" in href or _INDEX_FILE.fullmatch(href))
    )


_INDEX_FILE = re.compile(
    r"(?:\.?/)?(?:(?:ar|en|fr|arabic|english)/)?(?:index|default)\.(?:php|html?|aspx?)",
    re.IGNORECASE,
)


# A heading or block that holds the headline alone (a page without an h1 prints it in an h2,
# a <div class="title">, an old table layout's <td><font><b>, a <font> on a line of its
# own): only inline markup inside, its whole text the headline.
PRINTED_ALONE = etree.XPath(
    "//body//*[self::h2 or self::h3 or self::div or self::span or self::p or self::strong"
    " or self::b or self::font or self::td]"
    "[not(*[not(self::a or self::span or self::strong or self::b or self::font)])]"
    "[normalize-space(.) = normalize-space($headline)]",
    smart_strings=False,
)
_PRINTED_ALONE_CSS = "h2, h3, div, span, p, strong, b, font, td"
_PRINTED_ALONE_INLINE = ("a", "span", "strong", "b", "font")
_TITLE = etree.XPath("(//title)[1]", smart_strings=False)
_FIRST_H2 = etree.XPath("(//body//h2)[1]", smart_strings=False)
# A story's title by its element's class or id where no heading prints it: "news-title",
# "article_title", ASP.NET's "ctl00_ContentPlaceHolder1_lblTitle" (not a page's,
# a site's, a widget's or a section's title).
_TITLE_SLOT = re.compile(
    r"(?:news|article|post|story|entry|details?)[-_]?title|lbl_?(?:news_?)?title", re.I
)
# (Not another story's title in a widget, a ticker or a related box.)
_NOT_THE_TITLE_SLOT = re.compile(
    r"related|widget|ticker|breaking|sidebar|menu|footer|teaser|most-?read|\baside\b", re.I
)
_TITLE_SLOT_ELEMENTS = etree.XPath(
    "//body//*[contains(@class, 'itle') or contains(@id, 'itle')]", smart_strings=False
)
# A story's source element by its class: "source-name", "article-source", CSS modules'
# "Article_source__w1" (not "resource", nor a picture's "image-source").
_SOURCE_SLOT = re.compile(
    r"(?:^|\s)(?:source(?:-name)?|(?:article|news|story|post)[-_]source(?:[-_]\w+)?"
    r"|[A-Z]\w*_source__\w+)(?:\s|$)"
)
MAX_SOURCE_SLOT_CHARS = 60
_HEADINGS = etree.XPath("//h1 | //h2", smart_strings=False)
_PARAGRAPHS = etree.XPath("//p", smart_strings=False)
# A heading, or an element around it, that readers do not see as the story's headline.
_NOT_A_HEADING = re.compile(r"crumb|seo-?title|sr-only|visually-hidden|screen-reader", re.I)


# WordPress's rel="category" links; a single post's terms as Elementor Pro's Post Info widget
# prints them (a template that replaces the theme's), its links to category archives; a
# block theme's Post Terms block of categories (its links say only rel="tag"); and a
# Squarespace blog post's category links.
_CATEGORY_CSS = (
    "a[rel~=category], a.elementor-post-info__terms-list-item[href*='/category/'],"
    " [class*=taxonomy-category] > a[href], a[class*=blog-item-category][href]"
)
_CATEGORY_LINKS = etree.XPath(
    "//a[(@rel and contains(concat(' ', normalize-space(@rel), ' '), ' category '))"
    " or (contains(@class, 'elementor-post-info__terms-list-item') and contains(@href, '/category/'))"
    " or (@href and contains(@class, 'blog-item-category'))"
    " or (@href and contains(../@class, 'taxonomy-category'))]",
    smart_strings=False,
)
# Breadcrumb markup: microdata, ARIA, the generic classes, Yoast (`#breadcrumbs`,
# `.yoast-breadcrumbs`), Rank Math, Breadcrumb NavXT (`.breadcrumbs`), and the themes' own:
# JNews `.jeg_breadcrumbs`, Jannah `nav#breadcrumb`, Newspaper `.entry-crumbs` and the tagDiv
# Cloud block `.tdb-breadcrumbs`, Jarida/Sahifa `#crumbs`; and any other element whose class
# or id says "crumb" (a theme's own name for it: "nx-crumbs", "post-crumbs"); the "path"
# of old portals (`div.path`, `.navpath`, Elaph's `div.SectionPath`, Donia Al-Watan's
# `div.nPath`: a class ending "Path") and its "bread", and
# Youm7's misspelt `breadcumb`. Not the <body>, whose class may say whether a trail is
# shown (Genesis's "genesis-breadcrumbs-hidden"). The "crumb" ones name them all.
_BREADCRUMB_HOLDERS = (
    "[itemtype*=BreadcrumbList], nav[aria-label*=readcrumb], [class*=crumb]:not(body),"
    " [id*=crumb], [class*=breadcumb], div.path, .navpath, [class$=Path], div.bread,"
    # vBulletin's trail: its steps in span.navbar (a menu's navbar is a nav or a div);
    # SPIP's "fil d'Ariane" (`p.arbo#ariane`).
    " span.navbar, .navbits, #ariane, .ariane"
)
_BREADCRUMB_CSS = ", ".join(f"{holder.strip()} a" for holder in _BREADCRUMB_HOLDERS.split(","))
# WordPress's classes on the menu items of a single post's categories: its own category
# (`current-post-parent`, `current-menu-parent`), then that category's ancestors. Never
# `current-menu-item`, which the home page's item carries on the home page.
_MENU_STATE_CSS = (
    "li.current-post-parent > a",
    "li.current-menu-parent > a",
    "li.current-post-ancestor > a",
    "li.current-category-ancestor > a",
)

# The marks other systems give the page's own menu item, and where such a mark is a menu's.
_ACTIVE_MENU_CSS = (
    "li.active > a, li.selected > a, li.current > a, li.is-active > a, li.active-trail > a,"
    " li.menu-item--active-trail > a, a.is-active, a.active, a.selected, a.is-current,"
    " a[aria-current=page]"
)
_MENU_LINKS_CSS = "nav a, header a, [class*=menu] a"
# The classes of the pagers news systems print under a list (Drupal's "pager", WordPress's
# "page-numbers" and WP-PageNavi's, Joomla's "pagination" and "pagenav").
_PAGER_CLASSES = frozenset(
    ("pager", "pagination", "page-numbers", "wp-pagenavi", "pagenav", "paging")
)
_PAGER_CSS = ", ".join(f".{name}" for name in sorted(_PAGER_CLASSES))
_NOT_DIGIT = re.compile(r"[^\d٠-٩]")
_MENU_CONTEXT = re.compile(r"\b(?:nav|header)\b|menu|navbar|navigation", re.I)
_NOT_A_MENU_CONTEXT = re.compile(
    r"tab|pagination|pager|lang|footer|sidebar|widget|breadcrumb|ticker|slider|carousel"
    r"|swiper|breaking|news-?bar|marquee",
    re.I,
)


def _lxml_links(root: etree._Element, css: str) -> list[tuple[str, str]]:
    return [(lxml_link_text(a), a.get("href") or "") for a in _lxml_css(css)(root)]


# A link's text is no name when all of it is an icon's: the <title> of an <svg> ("Home Icon"
# on a breadcrumb's home link).
# Text only screen readers get: Bootstrap's "(current)" beside the active menu item.
_SCREEN_READER_ONLY = re.compile(r"\b(?:sr-only|visually-hidden|screen-reader-text)\b")


def _lexbor_link_text(link: Any) -> str:
    text = _lexbor_text(link)
    icons = link.css("svg") if text else []
    if icons and text == clean_text(" ".join(_lexbor_text(icon) for icon in icons)):
        return ""
    for hidden in link.css(".sr-only, .visually-hidden, .screen-reader-text") if text else ():
        text = clean_text(text.replace(_lexbor_text(hidden), " ", 1))
    return text


def lxml_link_text(link: etree._Element) -> str:
    text = clean_text(" ".join(link.itertext()))
    if not text or len(link) == 0:
        return text
    icons = [e for e in link.iter() if str(e.tag).rpartition("}")[2] == "svg"]
    if icons and text == clean_text(" ".join(" ".join(icon.itertext()) for icon in icons)):
        return ""
    for hidden in link.iterdescendants():
        if _SCREEN_READER_ONLY.search(hidden.get("class") or ""):
            text = clean_text(text.replace(clean_text(" ".join(hidden.itertext())), " ", 1))
    return text


@lru_cache(maxsize=64)
def _lxml_css(css: str) -> etree.XPath:
    """A CSS selector as lxml.html's `cssselect` reads it, translated once (translating
    it on every page cost as much as the links it finds)."""
    from lxml.cssselect import CSSSelector

    return CSSSelector(css, translator="html")


_RDFA_VALUES = etree.XPath("//*[@property and @content]", smart_strings=False)
# RDFa properties of a node's creation time, as Drupal's RDF mappings and Dublin Core name it.
_RDFA_CREATED = frozenset(
    ("schema:datecreated", "schema:datepublished", "dc:date", "dc:created", "dcterms:created")
)
# Around an element: a comment's, or another story's (a teaser, a related list, a views
# row). Not a footer: Drupal's node template prints the "submitted" line in the node's own.
_NOT_THE_STORYS = re.compile(
    r"\b(?:aside|nav|form)\b|comment|related|teaser|widget|sidebar|views-row", re.I
)
_RDFA_AUTHOR_CSS = "[rel~='schema:author'], [property~='schema:author']"


def _rdfa_author(node: etree._Element) -> bool:
    return has_token(node.get("rel"), "schema:author") or has_token(
        node.get("property"), "schema:author"
    )


_RDFA_NAME = etree.XPath(
    ".//*[contains(concat(' ', normalize-space(@property), ' '), ' schema:name ')]",
    smart_strings=False,
)
_ITEMTYPED = etree.XPath("//*[@itemtype]", smart_strings=False)
_HEADING_LINK = etree.XPath(".//h2//a[@href] | .//h3//a[@href]")
_POST_CLASSES = etree.XPath(
    "//article[contains(@class, 'category-')][.//h1][1]/@class", smart_strings=False
)
_CATEGORY_CLASS = re.compile(r"(?:^|\s)category-([^\s]+)")
_ARTICLE_ITEMTYPE = re.compile(r"schema\.org/(?:\w*NewsArticle|Article|BlogPosting|Report)\b")
_MICRODATA_PUBLISHED = etree.XPath(".//*[@itemprop='datePublished']", smart_strings=False)


def _article_item(attributes: Any) -> bool:
    return bool(_ARTICLE_ITEMTYPE.search(str(attributes.get("itemtype") or "")))


_H1S = etree.XPath("//h1", smart_strings=False)


# The same few steps on either tree (lexbor's nodes, lxml's elements).
def _parent(node: Any) -> Any:
    return node.parent if isinstance(node, LexborNode) else node.getparent()


def _item_scope(node: Any) -> Any:
    """The nearest element at or above `node` that opens a microdata item, or None."""
    while node is not None:
        attributes = node.attributes if isinstance(node, LexborNode) else node.attrib
        if "itemscope" in attributes:
            return node
        node = _parent(node)
    return None


def _holds_h1(node: Any) -> bool:
    if isinstance(node, LexborNode):
        return node.css_first("h1") is not None
    return node.find(".//h1") is not None


def _holds_article_body(node: Any) -> bool:
    if isinstance(node, LexborNode):
        return node.css_first("[itemprop=articleBody]") is not None
    return node.find(".//*[@itemprop='articleBody']") is not None


def _date_published(node: Any) -> list[Any]:
    if isinstance(node, LexborNode):
        return node.css("[itemprop=datePublished]")
    return _MICRODATA_PUBLISHED(node)


_MICRODATA_SECTION = etree.XPath(
    "//*[@itemprop='articleSection'][not(self::meta)]", smart_strings=False
)
_FEED_TITLES = etree.XPath(
    "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@title",
    smart_strings=False,
)


# The site's footer, by its class or id ("footer", "site-footer", "copyright"), not a post's
# ("post-footer", "entry-footer").
_SITE_FOOTER = re.compile(
    r"(?<![\w-])(?:footer|site-footer|main-footer|page-footer|global-footer|copyright|site-info)"
    r"(?![\w-])",
    re.I,
)


_ITEM_NAME = etree.XPath(".//*[@itemprop='name']")


def _footer_context(node: Any) -> str:
    """The classes and ids of the node's ancestors, and "footer" for a <footer> outside
    any <article> (a post's own footer holds its byline)."""
    parts = []
    lexbor = not isinstance(node, etree._Element)
    ancestors = []
    current = node.parent if lexbor else node.getparent()
    while current is not None and current.tag not in ("body", "html"):
        ancestors.append(current)
        current = current.parent if lexbor else current.getparent()
    in_article = any(a.tag == "article" for a in ancestors)
    for ancestor in ancestors:
        attributes = ancestor.attributes if lexbor else ancestor.attrib
        parts.append(f"{attributes.get('class') or ''} {attributes.get('id') or ''}")
        if ancestor.tag == "footer" and not in_article:
            parts.append("footer")
    return " ".join(parts)


def _author_mark(node: etree._Element) -> bool:
    return node.get("itemprop") == "author" or (node.tag == "a" and node.get("rel") == "author")


# "auteur": Maghreb sites' French field names (Drupal's "field--name-field-auteur");
# "username": Drupal's class for the writer's name in a node's "submitted" line.
# An agency a byline credits: after the writer ("with AAP", "mit dpa") or as the desk
# ("Redazione ANSA", "Redaktion dpa").
_SEPARATOR_PIECE = re.compile(r"[\W_]*")
_JOINERS = frozenset(("and", "And", "و", "&"))  # "<a>Emily Fairfax</a> and <span>Reuters</span>"
_LEADING_JOINER = re.compile(r"^(?:and|&)\s+", re.I)
_DESK_CREDIT = re.compile(
    r"(?:(?P<desk>[^\d,;:]{2,40}?)\s+)?"
    r"(?:with|avec|mit|con|com|redazione|redaktion|rédaction|redacción|redação|newsroom)\s+"
    r"(?P<names>[^\d;:]{2,40})",
    re.IGNORECASE,
)
# (Drupal 8-10 print the node's author account as its `uid` field, no label: "<span
# class="field field--name-uid ...">".)
_CLASS_BYLINE_CSS = (
    "[class*=author], [class*=byline], [class*=Author], [class*=Byline], [class*=auteur],"
    " .username, .field--name-uid, .signature"
)


def _byline_class(node: etree._Element) -> bool:
    value = node.get("class") or ""
    return (
        "author" in value.replace("A", "a")
        or "byline" in value.replace("B", "b")
        or "auteur" in value
        or has_token(value, "username")
        or has_token(value, "field--name-uid")
        or has_token(value, "signature")  # a French-style paper's ("<div class=signature>")
    )


_PHOTOGRAPHER_CSS = "[class*=photographer], [class*=Photographer]"
_PHOTOGRAPHERS = etree.XPath(
    "//*[contains(translate(@class, 'P', 'p'), 'photographer')]", smart_strings=False
)
# The label before a photographer's name: "تصوير-", "Photographs by", "Photo:".
_PHOTO_LABEL = re.compile(
    r"^\W*(?:تصوير|عدسة|photographs?(?: by)?|photos?(?: by)?|pictures? by)\W*", re.IGNORECASE
)


def _split_person_names(text: str) -> list[str]:
    return [n for n in (clean_text(n) for n in re.split(r"\s*(?:,|،|\band\b| و)\s*", text)) if n]


# Also a reporter's element ("reporter", "news-reporter"), one classed only "by" or
# "<block>-by" ("news-by"), and the story's editor's ("article-editor": `_EDITOR_TOKENS`).
# (A BEM element "by": "details__by".)
_WRITER_CSS = (
    "[class*=writer], [class*=Writer], [class*=reporter], [class*=Reporter], .by,"
    " [class*=__by], [class$=-by], [class*='-by '], .article-editor, .news-editor,"
    " .post-editor, .story-editor"
)


# A link to a writer's archive: WordPress's "/author/<slug>/", other systems' "/writer/",
# "/writers/", "/kuttab/", "/staff/", "/journalist/", "/reporter/", "/contributor/".
_ARCHIVE_FOLDERS = ("author", "authors", "writer", "writers", "kuttab", "staff", "journalist")
_ARCHIVE_FOLDERS += ("journalists", "reporter", "reporters", "contributor", "contributors")
_ARCHIVE_FOLDERS += ("auteur", "auteurs")
_AUTHOR_ARCHIVE = re.compile(rf"/(?:{'|'.join(_ARCHIVE_FOLDERS)})/[^/?#]+/?(?:[?#]|$)")
# A writer's page in an address ("/author/wam/", "/editor/details/1187", "?author=5") or a
# writer's element in a class ("article-author", "authorName"): the word whole
# ("/abu-dhabi-authorities-…" is none).
_WRITER_WORDS = (*_ARCHIVE_FOLDERS, "editor", "editors", "columnist", "columnists", "profile")
WRITER_MARK = re.compile(
    rf"(?:^|[/\s_.-])(?:{'|'.join(_WRITER_WORDS)}|كتاب)(?:$|[/\s_.?=-])|[?&]author="
    r"|(?-i:[a-z](?:Author|Writer)|(?:author|writer)[A-Z])",
    re.I,
)
_AUTHOR_ARCHIVE_CSS = ", ".join(f"a[href*='/{folder}/']" for folder in _ARCHIVE_FOLDERS)


# A writer's page named by an Arabic slug ("/ar/auteur/سنية-العوني"): two to five words.
_ARABIC_SLUG = re.compile(r"[\u0621-\u064a]+(?:-[\u0621-\u064a]+){1,4}")


def _arabic_slug_name(href: str) -> str:
    """The name an author link's last path segment spells in Arabic words joined by
    hyphens, "" otherwise (a Latin slug's letters and case are not the printed name's)."""
    slug = unquote(urlsplit(href).path.rstrip("/").rpartition("/")[2])
    return slug.replace("-", " ") if _ARABIC_SLUG.fullmatch(slug) else ""


def _writer_class(node: etree._Element) -> bool:
    value = node.get("class") or ""
    # (Every page's element is asked: most classes hold none of the words, told at once.)
    if not ("by" in value or "riter" in value or "eporter" in value or "editor" in value):
        return False
    return (
        "writer" in value.replace("W", "w")
        or "reporter" in value.replace("R", "r")
        or has_token(value, "by")
        or "__by" in value
        or any(token.endswith("-by") for token in value.split())
        or any(has_token(value, token) for token in _EDITOR_TOKENS)
    )


# The story's editor named in a class of its own ("article-editor"), not an editor's picks.
_EDITOR_TOKENS = ("article-editor", "news-editor", "post-editor", "story-editor")


def _links_a_story(node: Any, lexbor: bool, numbered: bool = False) -> bool:
    """Whether a writer's element, or the item holding it, links a story, not the writer's
    page: a columnist's box (photo, name, the latest column's title), no byline.
    `numbered`: an address holding a story's number counts too ("/articles/1312221/…")."""
    # (A name's inline element sits in the box's item: "<li><span class=writer>…</span><a>".)
    holder = _parent(node) if node.tag in ("span", "b", "strong", "em", "small") else None
    holder = node if holder is None else holder
    links = holder.css("a[href]") if lexbor else holder.iter("a")
    for link in links:
        href = (link.attributes.get("href") if lexbor else link.get("href")) or ""
        if (
            href
            and not WRITER_MARK.search(href)
            and "/taxonomy/" not in href
            and (_story_address(href) or (numbered and _STORY_NUMBER.search(href)))
        ):
            return True  # (Drupal links a writer field to its term: "/taxonomy/term/8841")
    return False


CARD_ITEM_LEVELS = 3
# A story's number in its address: five digits or more (not a year's archive, "/2027/").
_STORY_NUMBER = re.compile(r"/\d{5,}(?:[/.-]|$)")


def _in_story_item(node: Any, lexbor: bool) -> bool:
    """Whether a byline sits in a list item that links another story (a card of a list of
    columns: "<li><a href=/news/articles/1312380/…>title</a><div><span class=special-author>
    name</span> - date</div></li>"), or in one of three or more like boxes side by side
    that does (a sidebar's columnists: "<div class=writer><img><div class=writer-name>
    name</div><a href=/article/912260>title</a></div>" again and again)."""
    for _ in range(CARD_ITEM_LEVELS):
        node = _parent(node)
        if node is None or node.tag in ("body", "html"):
            return False
        if node.tag == "li":
            return _links_a_story(node, lexbor, numbered=True)
        if (
            _repeated_box(node)
            and not _holds_h1(node)  # (a layout's row: Bootstrap's "row" around the headline)
            and _links_a_story(node, lexbor, numbered=True)
        ):
            return True
    return False


def _repeated_box(node: Any) -> bool:
    """Whether a classed element has at least two siblings of its tag and class."""
    lexbor = isinstance(node, LexborNode)
    classes = (node.attributes.get("class") if lexbor else node.get("class")) or ""
    parent = _parent(node)
    if not classes.strip() or parent is None:
        return False
    siblings = parent.iter() if lexbor else parent.iterchildren(node.tag)
    alike = 0
    for sibling in siblings:
        if sibling.tag == node.tag and (
            (sibling.attributes.get("class") if lexbor else sibling.get("class")) == classes
        ):
            alike += 1
            if alike == 3:
                return True
    return False


# Where a writer's element names no writer of the story: a strip, a slider or a ticker of
# the site's columnists.
# (And a block of the latest columns: "opinion-block", "op-list".)
_NOT_A_WRITER = re.compile(
    r"slider|carousel|swiper|strip|owl-|ticker|(?<![\w-])(?:opinion-(?:block|list|widget)|op-list)"
    r"(?![\w-])",
    re.I,
)
# ... and a site's menus and its columnists' lists, where links reach writers' archives.
_SITE_CHROME = re.compile(
    rf"\bnav\b|menu|dropdown|mega|writers|columnists|kuttab|{_NOT_A_WRITER.pattern}", re.I
)
_BLOCK_TAGS = frozenset(("div", "p", "ul", "ol", "section", "article", "h2", "h3", "h4", "table"))
# An element, or one around it, that holds no byline of the story: comment threads, forms,
# menus, sidebars, footers, teasers of other stories, avatars and author boxes' bios (not
# a byline "with-avatars", as Jannah classes its author line).
_NOT_A_BYLINE = re.compile(
    # A <label>, not Drupal's "field-label-hidden" around every field, the writer's too.
    r"\b(?:aside|(?<!no-header-)(?<!no-)footer|nav|form|input|textarea|script|style|img)\b"
    r"|(?<![\w-])label(?![\w-])"
    # (Elementor wraps every element of a template, the byline too, in "elementor-widget";
    # MoreNews classes the story's header "af-cat-widget-carousel".)
    # (Nor a module drawn without its footer, "mod-no-header-footer", nor a byline holding
    # its comment count, "bylineComments".)
    r"|(?<!byline)comment|related|teaser|(?<!elementor-)(?<!cat-)widget|sidebar"
    r"|(?<!no-)(?<!no-header-)footer|(?<!with-)avatar|\bbio"
    r"|description|more-from"
    r"|(?<![a-z])side[-_]?(?:col|column|box|bar|area|block)"
    r"|(?-i:[a-z]Side(?:Col|Column|Box|Bar|Area|Block))",  # (camel case: "nshSideBlock")
    re.I,
)
# A byline's label at the start of an element's own text. "كتب" ("wrote"), "إعداد"
# ("prepared by") and "تقرير" ("report") also open sentences and headings: a colon or a
# dash must follow, or the name must sit in an element of its own (a link to the author).
_BYLINE_LABEL = re.compile(
    # (In brackets too: Xinhua's "(تحرير: تشانغ مينغ)" under the story.) The white space
    # before is read once (possessive): an element's own text is often an indentation run,
    # which "\s*\(?\s*" retried at every split (10 ms on 300 spaces).
    r"\s*+(?:\(\s*+)?(?:(?:written|story|posted|words) by|by|von|par|por|door|auteur|author|autorin/autor"
    # A reporters' line beside the desk's account ("مراسلون: نور الحلبي، سامر قطان"):
    # with its colon only ("مراسل الجزيرة" is a role).
    r"|autorin|autor|بقلم|(?:ال)?مراسلون(?=\s*:)|(?:ال)?مراسل(?=\s*:)|الكاتب(?=\s*:)"
    rf"|(?P<ambiguous>{_AMBIGUOUS_ARABIC_LABELS}))\b\s*(?P<mark>[:\-–/])?\s*",
    re.I,
)
_NOT_A_BYLINE_OR_HEADING = re.compile(rf"{_NOT_A_BYLINE.pattern}|\bh[1-6]\b", re.I)


def unmarked_label(text: str) -> bool:
    """Whether `text` opens with a byline label that also opens sentences and titles
    ("كتب", "إعداد", "تقرير") with no colon or dash after it."""
    label = _BYLINE_LABEL.match(text)
    return bool(label and label.group("ambiguous") and not label.group("mark"))


# An Arabic byline label; "كتب- أحمد سالم:" ends with the colon before the story.
_ARABIC_BYLINE_LABEL = re.compile(rf"^(?:{_ARABIC_BYLINE_WORDS})\b")
_BYLINE_WORD_ONLY = re.compile(rf"(?:{_BYLINE_WORDS})\s*[:\-–]?", re.I)
_MAX_NAME_WORDS = 6
_HIDDEN_LABEL = re.compile(r"(?:author|role)\s*[,:：]?", re.I)  # ("Author:" too)
# What sits in author boxes beside the names: buttons, and an author's initials ("(obe)").
_BUTTON_WORD = re.compile(
    r"(?:folgen|follow|mehr|more|abonnieren|subscribe|profil|profile|suivre|seguir|متابعة"
    r"|archive|all stories|أرشيف الكاتب)\W*",
    re.I,
)
_INITIALS = re.compile(r"\s*\([a-z]{2,4}\.?\)(?=,|$)")
# What follows a byline's name after a bar: more of the line ("| Staff Writer"), or a
# date's label ("| Posted on June 14").
_AFTER_BAR = re.compile(r"\s\|\s")
_DATE_LABEL_AFTER_BAR = re.compile(r"\|\s*(?:posted|published|updated|نشر|تاريخ|آخر تحديث)", re.I)
# A social handle after the writer's name ("خالد الزعبي (@KhZoubi)"); not an address's "@".
_HANDLE_AFTER_NAME = re.compile(r"\s+[(（]?@[A-Za-z0-9_]{1,30}[)）]?(?=\s*(?:,|$))")
_CREDIT_LABEL = re.compile(r"(?:quelle|source|fuente|fonte|المصدر)\s*:", re.I)


# A writer's role printed under the name in an author box ("صحفية - قسم المحليات",
# "مراسل الشؤون الاقتصادية"): no second name. Before a colon it labels the name after it.
_ARABIC_ROLE = re.compile(
    r"(?:(?:صحفي|صحفية|مراسل|مراسلة|محرر|محررة|كاتب|كاتبة|محلل|محللة|باحث|باحثة|رئيس|رئيسة"
    r"|مدير|مديرة|قسم|مسؤول|مسؤولة)(?:\s|$)"
    # "من مراسلنا في الجنوب:", "أعدّ التقرير:": the paper's labels before a writer's name.
    r"|(?:من )?مراسل(?:نا|تنا)(?:\s|$)|أعد\u0651?(?:ت|ته|ه)? التقرير(?=\s|:|$))"
)


def _joined_writer_links(node: Any) -> list[str]:
    """The names of the writers' links that follow a writer's link, each after a joining
    word ("By <a>Lindiwe Gqamana</a> and <a>Ruan Botha</a>")."""
    names = []
    while True:
        if isinstance(node, etree._Element):
            gap, node = node.tail or "", node.getnext()
            href = node.get("href") if node is not None and node.tag == "a" else None
            text = "\n".join(node.itertext()) if href else ""
        else:  # lexbor: the text between is a node of its own
            between = node.next
            gap = between.text(deep=False) if between is not None and between.tag == "-text" else ""
            node = between.next if gap else between
            href = node.attributes.get("href") if node is not None and node.tag == "a" else None
            text = node.text(separator="\n") if href else ""
        if not href or not _AUTHOR_ARCHIVE.search(href) or not _JOINING_WORD.fullmatch(gap.strip()):
            return names
        if not (name := _names_in(text)):
            return names
        names.append(name)


# A relative date as a byline's piece: "منذ يومين", "قبل 3 ساعات", "2 hours ago".
_TIME_AGO_PIECE = re.compile(r"^(?:منذ|قبل)\s|\bago$", re.I)
_JOINING_WORD = re.compile(r"(?:and|&|und|et|y|e|و|,|،)", re.I)
_AFTER_ROLE = re.compile(r"[:：\-–]\s*(\S.*)$")
_ROLE_AFTER_DASH = re.compile(rf"\s+[-–—]\s+(?:ال)?{_ARABIC_ROLE.pattern}.*$")


_DATELINE_DASH = re.compile(r"\s+[-–—ـ]\s+")


# An editor's initials (`ARABIC_INITIALS`) are no name.
_ARABIC_INITIALS = re.compile(ARABIC_INITIALS)


def _names_in(text: str) -> str:
    """The text pieces of a byline element that read as names, joined with ", "; "" when a
    piece is a date, an address, a sentence or a source credit ("Quelle: dpa")."""
    names = []
    raw_pieces = [piece.strip() for piece in text.split("\n")]
    # The reporter's city before the name's link ("نابلس - <a>سامر دويكات</a>"): a place
    # ending in a dash or a colon, a piece of its own.
    # (Or a dateline of the place and the outlet: "طرابلس - بوابة الوسط:".)
    places = {
        _byline_name(piece)
        for piece in raw_pieces
        if piece.endswith(("-", "–", "—", "ـ", ":", "："))
        and is_place(_DATELINE_DASH.split(piece.rstrip(" -–—ـ:："), 1)[0])
    }
    pieces = [p for p in (_byline_name(piece) for piece in raw_pieces) if p]
    if len(pieces) > 1:
        pieces = [p for p in pieces if p not in places]
    # A byline list's labels for screen readers (BBC's "Author,", "Role,"): the role's
    # label names no one, nor does the role after it.
    pieces = [
        piece
        for at, piece in enumerate(pieces)
        if not _HIDDEN_LABEL.fullmatch(piece)
        and not (at and _HIDDEN_LABEL.fullmatch(pieces[at - 1]) and pieces[at - 1][0] in "Rr")
    ]
    for name in pieces:
        if names and _TIME_AGO_PIECE.search(name):
            # The byline's date after its name ("منذ يومين"; the post's tags may follow):
            # the names before it, when each is a full name ("نشرت" before the date is a
            # label).
            if all(len(n.split()) > 1 for n in names):
                break
            return ""
        before, slash, after = name.partition("/")
        if slash and before.strip() and role_line(after):
            name = before.strip()  # "KENJI MORITA/ Staff Writer": the role after a slash
        if _ARABIC_ROLE.match(name):
            # "رئيس التحرير: خالد عبد الرحمن": the role labels the name after it; a role on a
            # line of its own, above or under the name in an author box, names nobody, and
            # a place after it ("مراسلة - القاهرة") is no name. A name that opens with a
            # role's word ("كاتب ياسين") is read when it is the element's only text.
            after = _AFTER_ROLE.search(name)
            if after and not is_place(after.group(1)) and not _ARABIC_ROLE.match(after.group(1)):
                name = after.group(1)
            elif after or len(pieces) > 1 or name.endswith((":", "：")):
                continue
        if (
            not name
            or _BYLINE_WORD_ONLY.fullmatch(name)
            or _BUTTON_WORD.fullmatch(name)
            or _JOINING_WORD.fullmatch(name)
            or _ARABIC_INITIALS.fullmatch(name)
        ):
            continue  # ("and" in a span of its own between two writers' links; an editor's
            # initials, "تحرير: م.ع")
        if is_known_outlet(name) and name.isascii():
            names.append(name)  # an agency in the byline's slot ("Press Trust of India")
            continue
        if (
            name.endswith((":", "："))
            and len(pieces) > 1
            and (is_place(name[:-1]) or role_line(name[:-1]))
        ):
            # the reporter's city labelling the name after it ("القاهرة: <a>…"), or a
            # field's label naming the role ("Reporter:", Drupal's)
            continue
        if _CREDIT_LABEL.match(name):
            return ""
        if any(c.isdigit() for c in name) or "@" in name or len(name.split()) > _MAX_NAME_WORDS:
            return ""  # a date, an address or a sentence: not a byline
        if _common_word(name):
            return ""  # "Themen bearbeiten", "ku Frankfurt": words, not names
        names.append(name.rstrip(" :："))  # "كتبت- نهى عبد الحميد:" before the story
    # A lone Latin word is a label, a button or initials ("amw"), not a name; a known
    # agency ("AFP") is kept, for the chain to read as the story's credit.
    if not any(
        len(name.split()) > 1 or not name.isascii() or is_known_outlet(name) for name in names
    ):
        return ""
    joined = ", ".join(dict.fromkeys(names))
    return joined if 2 < len(joined) <= 120 else ""


# Lower-case words a name may hold (particles), or a byline between names, and news
# agencies that bylines credit in lower case ("Jane Doe/dpa").
_NAME_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "des",
        "la",
        "le",
        "zu",
        "ter",
        "ten",
        "dos",
        "das",
        "do",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
        "and",
        "und",
        "et",
        "og",
        "och",
        "en",
        "i",
        "ve",
    ]
)
_AGENCIES = frozenset(["dpa", "afp", "ap", "epd", "kna", "sid", "apa", "sda", "ddp", "efe", "ansa"])


def _common_word(name: str) -> bool:
    """Whether a byline in a cased script holds a lower-case word that is no particle of a
    name ("bearbeiten", "ku")."""
    words = (word.strip("().'\"") for word in re.split(r"[\s,/&;]+", name))
    return any(
        word[:1].islower()
        and word.lower() not in _NAME_PARTICLES | _AGENCIES
        and not word.startswith(("al-", "el-", "d'", "l'"))
        for word in words
    )


def _lexbor_context(node: Any, attributes: bool = False, ids: bool = False) -> str:
    """Tag names and classes of the node and its ancestors up to <body> (and, with
    `attributes`, their attribute names: `data-breadcrumb-headline`; with `ids`, their
    ids: a hand-made portal's `<div id="menu">`). A <footer> inside an <article> classed as
    its meta block (Drupal's `node__meta`: the byline and the date) is named
    "story-foot", not the page's footer."""
    parts = []
    while node is not None and node.tag not in ("body", "html"):
        parts.append(f"{node.tag} {node.attributes.get('class') or ''}")
        if attributes:
            parts.extend(node.attributes)
        if ids:
            parts.append(node.attributes.get("id") or "")
        node = node.parent
    return _story_foot(parts)


def _lxml_context(node: etree._Element, attributes: bool = False, ids: bool = False) -> str:
    parts = []
    for element in (node, *node.iterancestors()):
        if element.tag in ("body", "html"):
            break
        parts.append(f"{element.tag} {element.get('class') or ''}")
        if attributes:
            parts.extend(element.attrib)
        if ids:
            parts.append(element.get("id") or "")
    return _story_foot(parts)


def _story_foot(parts: list[str]) -> str:
    """The context joined, a <footer> classed as the story's meta block below an <article>
    renamed (`_lexbor_context`); the article's other footers (its tags, its author box)
    stay footers."""
    for index, part in enumerate(parts):
        if (
            part.startswith("footer ")
            and META_FOOTER.search(part)
            and any(p.startswith("article ") for p in parts[index:])
        ):
            parts[index] = "story-foot " + part.removeprefix("footer ")
    return " ".join(parts)


META_FOOTER = re.compile(r"(?<![a-z])(?:meta|submitted|byline)(?![a-z])", re.I)


# libxml2 evaluates an XPath predicate through its string functions for every element of
# the page: `//*[contains(@class, 'author') or ...]` took 2 to 5 ms a page on the corpus.
# One Python pass that reads an attribute or two takes a fifth of that.
def _own_text(node: etree._Element) -> str:
    """An element's own opening text, after an empty icon before it ("<li><i class="fa
    fa-user"></i> كتب: <a>...</a></li>": " كتب: "), as lexbor's text(deep=False) reads it."""
    text = node.text or ""
    if text.strip() or len(node) == 0:
        return text
    icon = node[0]
    if isinstance(icon.tag, str) and not len(icon) and not (icon.text or "").strip():
        return icon.tail or ""
    return text


def elements_where(
    root: etree._Element, wanted: Callable[[etree._Element], bool]
) -> Iterator[etree._Element]:
    """The elements of `root`'s document, in document order, that `wanted` accepts (as
    `//*[...]` selects them from any node), found as they are asked for."""
    return (node for node in root.getroottree().getroot().iter(etree.Element) if wanted(node))


def has_token(value: str | None, token: str) -> bool:
    """Whether an attribute's value lists `token` (split at XML white space, as
    `contains(concat(' ', normalize-space(@class), ' '), ' token ')` reads it)."""
    return value is not None and token in value and token in _XML_SPACE.split(value)


_XML_SPACE = re.compile(r"[ \t\n\r]+")


def _lexbor_text(node: Any) -> str:
    return clean_text(node.text(separator=" ")) if node is not None else ""


def _first_value(query: etree.XPath, root: etree._Element) -> str | None:
    found = query(root)
    return found[0] if found else None


def _index_meta(elements) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Meta key (property or name, lower-cased; microdata's itemprop as "itemprop:NAME") ->
    first non-empty content; and, for the keys the page repeats with other contents (two
    author tags), key -> every distinct content in page order."""
    index: dict[str, str] = {}
    repeats: dict[str, list[str]] = {}
    for attributes in elements:
        content = clean_text(attributes.get("content"))
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = attributes.get(attribute)
            if key:
                key = key.lower() if attribute != "itemprop" else "itemprop:" + key.lower()
                first = index.setdefault(key, content)
                if first != content and content not in (known := repeats.setdefault(key, [first])):
                    known.append(content)
    return index, repeats


def _tags(elements) -> list[str]:
    return [
        attributes.get("content") or ""
        for attributes in elements
        if attributes.get("property") == "article:tag"
    ]


def meta_content(page: PageMeta, key: str) -> str | None:
    """First non-empty content of <meta property=key> or <meta name=key>."""
    return page.meta.get(key)


def meta_contents(page: PageMeta, key: str) -> list[str]:
    """Every distinct non-empty content of <meta property=key> or <meta name=key>."""
    if key in page.meta_repeats:
        return page.meta_repeats[key]
    return [page.meta[key]] if key in page.meta else []


# http(s), a lowercase ASCII host without port or user, a path of unreserved characters
# and upper-case escapes of non-ASCII bytes (an Arabic slug as WordPress prints it), no
# query, no fragment: urljoin returns such a link as it is, against any base, and w3lib's
# canonical form too when it has no dot segment.
_PLAIN_URL = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"(?:/(?:[A-Za-z0-9._~-]|%[89A-F][0-9A-F])*)+"
)


# As plain, but with escapes of any byte in either case (WordPress prints an Arabic slug's
# in lower case): urljoin still gives such a link back as it is, against any base.
_JOINS_AS_IS = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"(?:/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f][0-9A-Fa-f])*)+"
)


def is_plain_url(url: str) -> bool:
    """Whether `url` is spelled as `_PLAIN_URL` says (most links of a page are)."""
    return _PLAIN_URL.fullmatch(url) is not None


def joins_as_is(url: str) -> bool:
    """Whether urljoin gives `url` back unchanged against any base (`_JOINS_AS_IS`)."""
    return _JOINS_AS_IS.fullmatch(url) is not None


def join_url(base: str, href: str) -> str | None:
    """urljoin, or None for an href (or base) urllib cannot parse. Found by fuzzing: a
    malformed bracketed host ("http://[bad") makes urljoin raise ValueError; found under
    fault injection: a mangled port ("http://host:99999/", "http://host:abc/") joins
    fine but makes canonicalization and Scrapy's Request raise, so it is refused here.

    Cached: a page repeats its links, and a site's pages share menus and widgets. An
    absolute link joins the same way against every base with the same scheme, so it is
    cached by scheme, not by page."""
    if href.startswith(("https://", "http://")):
        scheme = _scheme(base)
        return _join(scheme + "://base/", href) if scheme is not None else None
    return _join(base, href)


def clear_caches() -> None:
    """Forget cached URL joins (benchmarks measure passes that share nothing)."""
    _scheme.cache_clear()
    _join.cache_clear()


@lru_cache(maxsize=1024)
def _scheme(url: str) -> str | None:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str | None:
    # urljoin would parse such a link only to give it back unchanged, against any base
    # (only an absolute link is: `base` is then "scheme://base/", see `join_url`).
    if joins_as_is(href):
        return href
    try:
        joined = urljoin(base, href)
        _ = urlsplit(joined).port  # raises on a port that is not a number in 0-65535
    except ValueError:
        return None
    return joined


def canonical_url(page: PageMeta, url: str) -> tuple[str, str]:
    """The page's canonical URL and where it came from (an unparseable one is ignored).
    og:url wins over a canonical link that cannot be this page's address: one on another
    host than both the page and og:url (a mirror, a CDN copy), or the site's home page or a
    bare file name while og:url names a deeper path on the page's host."""
    href = page.canonical
    canonical = join_url(url, href.strip()) if href and href.strip() else None
    og_url = meta_content(page, "og:url")
    stated = join_url(url, og_url) if og_url else None
    if canonical and stated and canonical != stated and _implausible(canonical, stated, url):
        return stated, "meta:og:url (canonical link elsewhere)"
    for given, source in ((canonical, "link[rel=canonical]"), (stated, "meta:og:url")):
        if given and _template_home(given, url):
            continue
        if given:
            return given, source
    return url, "response-url"


def _template_home(given: str, url: str) -> bool:
    """Whether a stated address is the site's home page while the page was fetched at a
    story's address on the same host: a template's default (an ASP.NET portal's og:url on
    every page), not this page's address."""
    try:
        hosts = {(urlsplit(u).hostname or "").removeprefix("www.") for u in (given, url)}
    except ValueError:
        return False
    same_host = len(hosts) == 1
    return same_host and home_address(given) and not home_address(url) and _story_address(url)


def _implausible(canonical: str, stated: str, url: str) -> bool:
    try:
        link, meta, page = urlsplit(canonical), urlsplit(stated), urlsplit(url)
    except ValueError:
        return False
    if link.hostname != page.hostname and meta.hostname == page.hostname:
        return True
    if link.hostname != meta.hostname:
        return False
    folder, _, name = link.path.rpartition("/")
    if "." in name and folder + "/" == meta.path:  # og:url's page, as a file ("index.html")
        return True
    shallow = link.path.strip("/") == "" or ("/" not in link.path.strip("/") and "." in name)
    return shallow and len(meta.path.strip("/")) > len(link.path.strip("/"))


# A page's data script larger than this is not read for a story (a whole site's state).
MAX_PAGE_DATA_CHARS = 2_000_000
_DATA_TITLE_KEYS = ("title", "headline", "name")
_DATA_BODY_KEYS = (
    "content",
    "body",
    "articleBody",
    "text",
    "html",
    "bodyHtml",
    "contentHtml",
    "content_elements",  # Arc XP's list of blocks
)
# Keys of a block's text in a headless CMS's list of blocks: Portable Text's and Slate's
# `children` of spans (`text`), Contentful's `content` of text nodes (`value`), Arc's
# `content` (HTML), the Guardian's and other content APIs' elements (`html`).
_BLOCK_TEXT_KEYS = ("text", "value", "content", "html")
_BLOCK_PARTS_KEYS = ("children", "content")
_MARKUP = re.compile(r"<[^>]+>")
MIN_DATA_BODY = 300  # characters of text a story object's body holds at least


# Next.js's app router streams its data as rows "id:payload\n" in script calls
# `self.__next_f.push([1, "..."])`; a text row is "id:T<length in hex>," and that many bytes
# of UTF-8 (no line end), which other rows name as "$id" (a story's HTML, typically). A
# hint row has no id (":HL[...]").
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.S)
_FLIGHT_ROW = re.compile(rb"([0-9a-f]{0,8}):(T([0-9a-f]{1,8}),)?")
_FLIGHT_REFERENCE = re.compile(r"\$([0-9a-f]{1,8})")


def _next_data_scripts(tree: Any) -> tuple[str, list[str]]:
    """The text of a Next.js page's `__NEXT_DATA__` script, else the texts of its inline
    scripts that push flight data, looked for only when the page loads Next.js's own
    scripts ("/_next/"): one walk over the page's scripts (a selector by id walks the
    whole tree, slower on lexbor)."""
    if isinstance(tree, LexborHTMLParser):
        scripts = [(node.attributes, node) for node in tree.css("script")]
        text_of: Callable[[Any], str] = _lexbor_script_text
    elif tree is not None:
        scripts = [(node.attrib, node) for node in tree.iter("script")]
        text_of = _lxml_script_text
    else:
        return "", []
    inline, next_app = [], False
    for attributes, node in scripts:
        if attributes.get("id") == "__NEXT_DATA__":
            return text_of(node), []
        source = attributes.get("src")
        if source:
            next_app = next_app or "/_next/" in source
        else:
            inline.append(node)
    if not next_app:
        return "", []
    return "", [text for text in map(text_of, inline) if "__next_f" in text]


def _lexbor_script_text(node: Any) -> str:
    return node.text()


def _lxml_script_text(node: etree._Element) -> str:
    return node.text or ""


def flight_rows(scripts: list[str]) -> list[Any] | None:
    """The JSON rows of a Next.js app router page's flight data (`scripts`: the texts of
    its `self.__next_f.push` scripts, in page order), each "$id" string that names a text
    row replaced by that text. None when the scripts hold no readable data or more than
    `MAX_PAGE_DATA_CHARS`. Rows of other kinds (module imports "I[...]", hints) are
    skipped; a row cut short or not JSON is skipped, the rest still read."""
    chunks = []
    for script in scripts:
        match = _FLIGHT_PUSH.search(script.strip())
        call = read_json(match.group(1)) if match else None
        if isinstance(call, list) and len(call) == 2 and call[0] == 1 and isinstance(call[1], str):
            chunks.append(call[1])
    stream = "".join(chunks).encode("utf-8", "surrogatepass")
    if not stream or len(stream) > MAX_PAGE_DATA_CHARS:
        return None
    texts: dict[str, str] = {}
    rows: list[str] = []
    position = 0
    while (row := _FLIGHT_ROW.match(stream, position)) is not None:
        start = row.end()
        if row.group(2):  # a text row: its length says where it ends
            end = start + int(row.group(3), 16)
            texts[row.group(1).decode()] = stream[start:end].decode("utf-8", "replace")
            position = end
            continue
        end = stream.find(b"\n", start)
        end = len(stream) if end < 0 else end
        if stream[start : start + 1] in (b"[", b"{"):
            rows.append(stream[start:end].decode("utf-8", "replace"))
        position = end + 1
    found = [data for data in map(read_json, rows) if data is not None]
    if not found:
        return None
    return _resolved(found, texts) if texts else found


def _resolved(data: Any, texts: dict[str, str]) -> Any:
    """`data` with each string that is exactly "$id" of a text row replaced by its text."""
    stack = [data]
    while stack:
        node = stack.pop()
        items = enumerate(node) if isinstance(node, list) else node.items()
        for key, value in items:
            if isinstance(value, str):
                if value[:1] == "$" and (ref := _FLIGHT_REFERENCE.fullmatch(value)):
                    node[key] = texts.get(ref.group(1), value)
            elif isinstance(value, dict | list):
                stack.append(value)
    return data


def _data_story(data: Any, the_page_s: Callable[[str], bool]) -> dict[str, Any] | None:
    """The object in a page's data with a title `the_page_s` accepts and the longest text
    body (at least `MIN_DATA_BODY` characters without markup), walked iteratively."""
    best, best_chars = None, 0
    stack, seen = [data], 0
    while stack and seen < 100_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            title = next((node[k] for k in _DATA_TITLE_KEYS if isinstance(node.get(k), str)), "")
            for key in _DATA_BODY_KEYS:
                body = node.get(key)
                if title and isinstance(body, list) and the_page_s(title):
                    body = _blocks_html(body)
                if title and isinstance(body, str) and the_page_s(title):
                    chars = len(_MARKUP.sub("", body).strip())
                    if chars >= MIN_DATA_BODY and chars > best_chars:
                        best, best_chars = {"title": title.strip(), "body": body}, chars
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
    return best


def _blocks_html(blocks: list[Any]) -> str:
    """A headless CMS's story as a list of blocks (Portable Text, Slate, Contentful, Arc XP)
    as paragraphs of HTML, or "" when the list is not a story's: most of its blocks must be
    text blocks by their type (a section's teasers, comments or menus are not). Only text,
    heading, list and quote blocks are read: no images, ads, embeds or links out."""
    blocks = [block for block in blocks[:2000] if isinstance(block, dict)]
    texts = [block for block in blocks if _block_kind(block)]
    if not texts or len(texts) * 2 < len(blocks):
        return ""
    paragraphs: list[str] = []
    for block in texts:
        _block_paragraphs(block, paragraphs, 0)
    return "".join(paragraphs)


# Block types by system: Portable Text's `_type`/`style`, Slate's and Arc's `type`,
# Contentful's `nodeType`.
_TEXT_BLOCKS = frozenset(
    ("block", "paragraph", "text", "header", "heading", "quote", "blockquote", "list",
     "list-item", "unordered-list", "ordered-list", "bulleted-list", "numbered-list")
)  # fmt: skip


def _block_kind(block: dict[str, Any]) -> str:
    kind = block.get("_type") or block.get("type") or block.get("nodeType") or ""
    kind = str(kind).lower()
    return kind if kind in _TEXT_BLOCKS or kind.startswith("heading-") else ""


def _block_paragraphs(block: dict[str, Any], out: list[str], depth: int) -> None:
    """A block's paragraphs into `out`: one for a text block, one per item or paragraph of
    a list or a quote that nests them."""
    if depth > 8:
        return
    own = block.get("content")
    if isinstance(own, str) and "<" in own:  # Arc's text block: HTML already
        out.append(own)
        return
    nested = [
        child
        for key in ("items", *_BLOCK_PARTS_KEYS)
        if isinstance(block.get(key), list)
        for child in block[key][:500]
        if isinstance(child, dict) and _block_kind(child)
    ]
    if nested:
        for child in nested:
            _block_paragraphs(child, out, depth + 1)
    elif text := _block_text(block, 0).strip():
        out.append(f"<p>{html.escape(text)}</p>")


def _block_text(node: Any, depth: int) -> str:
    """The inline text of a block: its spans' or text nodes' texts, joined."""
    if depth > 8 or not isinstance(node, dict):
        return ""
    for key in _BLOCK_TEXT_KEYS:
        if isinstance(node.get(key), str):
            return node[key]
    for key in _BLOCK_PARTS_KEYS:
        parts = node.get(key)
        if isinstance(parts, list):
            return "".join(_block_text(part, depth + 1) for part in parts[:500])
    return ""


def json_ld_objects(page: PageMeta) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph flattened (parsed once per page)."""
    return page.ld_objects


def json_ld_article(page: PageMeta) -> dict[str, Any] | None:
    """The page's first JSON-LD object of an article type (read once per page)."""
    return page.ld_article


def json_ld_types(node: dict[str, Any]) -> set[str]:
    """A JSON-LD object's @type, one name or a list, as a set of names."""
    types = node.get("@type")
    return {str(t) for t in types} if isinstance(types, list) else {str(types)}


def json_ld_page_date(page: PageMeta) -> str | None:
    """datePublished of a JSON-LD object that is not an article (a WebPage, say): what a
    page states about itself when its SEO plugin describes no article; on a video story's
    page (`video_story`), its video's uploadDate."""
    for node in json_ld_objects(page):
        if node.get("datePublished") and isinstance(node["datePublished"], str):
            return node["datePublished"]
    if (video := video_story(page)) and isinstance(video.get("uploadDate"), str):
        return video["uploadDate"]
    return None


def video_story(page: PageMeta) -> dict[str, Any] | None:
    """The JSON-LD VideoObject a video story's page is about: the page states og:type
    video.* (a news site's video page: a player, a headline, a few lines), or the video is
    the only object its JSON-LD describes. None on an article that embeds a video."""
    if page.ld_article:
        return None
    nodes = json_ld_objects(page)
    videos = [node for node in nodes if "VideoObject" in json_ld_types(node)]
    if not videos:
        return None
    og_type = (meta_content(page, "og:type") or "").lower()
    return videos[0] if og_type.startswith("video") or len(nodes) == 1 else None


def site_names(page: PageMeta) -> frozenset[str]:
    """Names the site goes by (og:site_name, application-name, its feed links' titles,
    JSON-LD publisher, WebSite or Organization name; when none, what its links to the home
    page call it), folded for comparison; gathered once per page (the headline and every
    author candidate ask)."""
    return page.site_names


_BLOGGER_FEED = re.compile(r"\s*(.+?)\s+-\s+(?:Atom|RSS)\s*")


def _site_names(page: PageMeta) -> frozenset[str]:
    names = [meta_content(page, "og:site_name"), meta_content(page, "application-name")]
    # WordPress titles its feed links "Site » Feed" whatever the theme or SEO plugin.
    names += [title.split("»")[0] for title in page.feed_titles if "»" in title]
    # Blogger titles them "Blog - Atom" and "Blog - RSS".
    names += [found[1] for title in page.feed_titles if (found := _BLOGGER_FEED.fullmatch(title))]
    for node in json_ld_objects(page):
        publisher = node.get("publisher")
        if isinstance(publisher, dict):
            names.append(publisher.get("name"))
        if node.get("@type") in ("WebSite", "Organization", "NewsMediaOrganization"):
            names.append(node.get("name"))
    if not any(isinstance(n, str) and n.strip() for n in names):
        # A site stating its name nowhere: its logo's. Only then: the walk over every link
        # costs a page 0.2 ms.
        names += page.home_names
    return frozenset(_fold(n) for n in names if isinstance(n, str) and n.strip())


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# What a site's full name adds to its short one: the outlet's noun before it ("جريدة"),
# an adjective after it ("الإلكترونية", "اليومية", a country's "القطرية"), folded.
_OUTLET_BEFORE = frozenset(_fold(w) for w in [*OUTLET_NOUNS.split("|"), "بوابة"])
_OUTLET_AFTER = re.compile(r"(?:ال\w{2,10}(?:ية|يه)|نت|نيوز|اونلاين|أونلاين)?")


def _site_name_styled(text: str, names: frozenset[str]) -> bool:
    """Whether a title is one of the site's names with an outlet's noun before it or an
    adjective after it, and nothing else."""
    folded = _fold(text)
    for name in names:
        at = folded.find(name) if len(name) >= 3 else -1
        if at < 0 or folded == name:
            continue
        before, after = folded[:at], folded[at + len(name) :]
        if (not before or before in _OUTLET_BEFORE) and _OUTLET_AFTER.fullmatch(after):
            return True
    return False


# "Home" and its translations name no site (`PageMeta.home_names`).
_HOME_WORDS = frozenset(
    _fold(word)
    for word in (
        "home", "homepage", "home page", "go home", "back to home", "logo", "site logo",
        "الرئيسية", "الرئيسيه", "الصفحة الرئيسية", "الصفحه الرئيسيه", "الرئيسة", "رئيسية",
        "startseite", "accueil", "inicio", "home icon", "ana sayfa", "anasayfa",
        "الصفحة الأولى", "الصفحه الاولي",
    )
)  # fmt: skip


def is_home_word(name: str) -> bool:
    """Whether a link's or a trail step's name is the home page's ("الرئيسية", "Home")."""
    return _fold(name) in _HOME_WORDS


# Letters a title segment may hold beside the site's name, its decoration words aside, and
# still be the site's.
_SITE_EXTRA = 10
_SITE_DECORATION = frozenset(
    _fold(word)
    for word in (
        "موقع", "بوابة", "جريدة", "صحيفة", "مجلة", "قناة", "شبكة", "وكالة", "الإخباري",
        "الاخباري", "الإخبارية", "الاخبارية", "الإلكترونية", "الالكترونية", "الإلكتروني",
        "الالكتروني", "نت", "أونلاين", "اونلاين", "online", "news", "tv", "net", "com",
    )
)  # fmt: skip


def strip_site_name(text: str, names: set[str], host: str = "") -> str:
    """A headline without the site's name before or after a title separator ("Headline |
    Site", "Site - Headline"), nor a trailing date segment ("| DW | 28.04.2023")."""
    label = _fold(host.removeprefix("www.").split(".")[0]) if host else ""

    def is_site(segment: str, leading: bool = False) -> bool:
        folded = _fold(segment)
        if not folded or len(segment) > 40:
            return False
        if folded in names or (label and (folded == label or folded.startswith(label))):
            return True
        if leading and any(
            name.startswith(folded) and len(folded) * 2 < len(name) for name in names
        ):
            return False  # a place opening the headline ("مصر - ..." on «مصراوي نيوز»)
        # The name with the words sites decorate it with ("موقع ... الإخباري", "Site
        # Online") or a short word beside it; not a sentence that names it ("وزير المالية لـ
        # «الصباحية»: ...", "انفجار يهز وسط الرياض" on a site called الرياض).
        core = _fold(" ".join(w for w in segment.split() if _fold(w) not in _SITE_DECORATION))
        return "«" not in segment and any(
            len(name) > 3
            and (folded in name or (name in core and len(core) - len(name) <= _SITE_EXTRA))
            for name in names
        )

    for _ in range(3):
        parts = _TITLE_SEPARATOR.split(text)
        if len(parts) < 2:
            break
        if is_site(parts[-1]) or (_DATE_SEGMENT.fullmatch(parts[-1].strip()) and len(parts) > 2):
            text = text[: text.rfind(parts[-1])].rstrip(" |ㅣ-–—:·•»«")
        elif is_site(parts[0], leading=True):
            text = text[len(parts[0]) :].lstrip(" |ㅣ-–—:·•»«")
        else:
            break
    # The Arabic comma before the site's name as it states it ("...، صحيفة الصباح"): only
    # the exact name, since headlines hold that comma themselves.
    head, comma, tail = text.rpartition("،")
    if comma and head.strip() and _fold(tail) in names:
        text = head
    return text.strip()


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def post_id(page: PageMeta) -> tuple[int | None, str]:
    """WordPress's post id, and where it was found: the body's `postid-N` class, else the
    shortlink's `?p=N` ((None, "") when neither)."""
    if match := _POST_ID_CLASS.search(page.body_class):
        return int(match.group(1)), "body-class"
    if match := _SHORTLINK_ID.search(page.shortlink or ""):
        return int(match.group(1)), "link[rel=shortlink]"
    return None, ""


def language(page: PageMeta, sample_text: str) -> tuple[str | None, str]:
    """Primary language subtag. Arabic text wins over a wrong lang attribute (en-US themes)."""
    declared = (page.lang or "").split("-")[0].lower() or None
    if sample_text and arabic_share(sample_text) >= 0.6:
        return "ar", "html@lang" if declared == "ar" else "text-script"
    return declared, "html@lang"


# --- The chain: each field from the page's own metadata, with its source --------------------


# What the metadata's title may put before the title the page prints: an opinion column's
# writer ("عمرو الشناوي يكتب:", "Jane Doe writes:"), a label ("عاجل:", "خاص |", "بالفيديو -",
# "بالصور..", "Breaking:") the page prints as a badge beside its h1.
# The inline elements a badge sits in at the start of an h1, and the badges' words.
_BADGE_TAGS = frozenset(("span", "em", "strong", "b", "mark", "i", "small", "label"))
_BADGE_WORDS = frozenset(
    _fold(word)
    for word in (
        "عاجل", "خاص", "حصري", "فيديو", "بالفيديو", "بالصور", "مباشر", "شاهد", "تحديث",
        "breaking", "exclusive", "live", "watch", "video", "update", "updated", "urgent",
        "opinion", "analysis", "رأي",
    )
)  # fmt: skip
_TITLE_PREFIX = re.compile(
    r"^(?:[^:]{2,60}?\s(?:يكتب|تكتب|writes)\s*:"
    r"|(?:عاجل|خاص|حصري|بالفيديو|فيديو|بالصور|شاهد|breaking|exclusive|watch|live|opinion)"
    r"\s*(?:[:|\-–—]|\.\.+|…))\s*",
    re.IGNORECASE,
)


def stated_headlines(page: PageMeta) -> set[str]:
    """The headline as JSON-LD, og:title and twitter:title state it, kicker and site name
    kept ("EXCLUSIVE: Minister held ..."): what a page may print above its story."""
    ld = json_ld_article(page) or {}
    values = [
        ld.get("headline"),
        meta_content(page, "og:title"),
        meta_content(page, "twitter:title"),
    ]
    return {clean_text(unescape_text(v)) for v in values if isinstance(v, str) and v}


def stated_descriptions(page: PageMeta) -> set[str]:
    """The story's summary as the description metas and JSON-LD state it."""
    ld = json_ld_article(page) or {}
    values = [
        ld.get("description"),
        meta_content(page, "description"),
        meta_content(page, "og:description"),
        meta_content(page, "twitter:description"),
    ]
    return {clean_text(unescape_text(v)) for v in values if isinstance(v, str) and v}


def states_headline(page: PageMeta, text: str) -> bool:
    """Whether JSON-LD, og:title, twitter:title or the <title> state `text` as the headline,
    alone or before a separated segment (the site's name, "... ـ أخبار المنامة")."""
    wanted = _fold(text)
    for stated in (*stated_headlines(page), page.title):
        if _fold(stated) == wanted:
            return True
        if any(_fold(stated[: cut.start()]) == wanted for cut in _TITLE_SEPARATOR.finditer(stated)):
            return True
    return False


# A <title> of so few words names the page's kind, not the story ("تفاصيل الخبر"); a
# headline has more words than that.
GENERIC_TITLE_WORDS = 3
# ... and, after the site's name, the kind of page every story's details page is titled.
_GENERIC_TITLES = frozenset(
    _fold(t)
    for t in (
        "تفاصيل الخبر", "تفاصيل", "الخبر", "عرض الخبر", "تفاصيل المقال", "المقال",
        "تفاصيل الموضوع", "News Details", "News Detail", "Article", "Details",
    )
)  # fmt: skip
MIN_H2_HEADLINE_WORDS = 5


def headline(page: PageMeta, page_url: str = "") -> tuple[str | None, str]:
    """The headline the page states: JSON-LD's, og:title, twitter:title, the first h1, the
    story's title in a Next.js page's data when none of these is there, the <title>, in
    that order, each with entities unescaped and the site's name taken off;
    but when og:title (else twitter:title) says something else than JSON-LD (a kicker, an
    SEO variant) and only it is printed as a heading (`PageMeta.headings`: an h1 or h2
    that is no breadcrumb step), or both are and the h1 holds it, the printed one wins."""
    ld = json_ld_article(page) or {}
    names = site_names(page)
    host = urlsplit(page_url).hostname or "" if page_url else ""
    candidates = [
        ("json-ld", ld.get("headline") if isinstance(ld.get("headline"), str) else ""),
        ("meta:og:title", meta_content(page, "og:title")),
        ("meta:twitter:title", meta_content(page, "twitter:title")),
        ("h1", page.h1),
    ]
    if (slot := _slot_over_site_title(page, candidates, names, host)) is not None:
        # og:title names the site and its slogan on every page; the page prints the
        # story's title in its h1 (the <title> agreeing) or an element named for one.
        candidates = [("h1" if slot == page.h1 else "title-element", slot)]
    if not any(value for _, value in candidates) and page.data_story:
        # A page rendered in the browser: the title its data holds for the story.
        candidates.append(("data", page.data_story["title"]))
    if not any(value for _, value in candidates) and (
        len((page.title or "").split()) <= GENERIC_TITLE_WORDS
        or any(
            _fold(segment) in _GENERIC_TITLES
            for segment in _TITLE_SEPARATOR.split(unescape_text(page.title or ""))
        )
    ):
        # A details page titled for every story ("تفاصيل الخبر", after the site's name), no
        # h1, no metadata: the story's title in its first h2 (a SharePoint or ASP.NET news
        # page's), else in an element its class or id names a title ("lblTitle").
        if len(page.first_h2.split()) >= MIN_H2_HEADLINE_WORDS:
            candidates.append(("h2", page.first_h2))
        elif len(page.title_slot.split()) >= MIN_H2_HEADLINE_WORDS:
            candidates.append(("title-element", page.title_slot))
    candidates.append(("title", page.title))
    found = {}
    for source, value in candidates:
        text = strip_site_name(unescape_text(value or ""), names, host)
        # (A site-wide og:title: the site's name alone, or with the outlet's noun and
        # adjectives: "جريدة القبس الإلكترونية" on a site named "القبس".)
        if text and _fold(text) not in names and not _site_name_styled(text, names):
            found[source] = text
    if not found:
        return None, "meta:og:title"
    if badge := page.h1_badge:
        # The h1's badge ("<span>عاجل</span>") is in every title the page states, joined by
        # a separator or not: a label, no part of the headline.
        opening = re.compile(rf"{re.escape(badge)}\s*(?:[:|\-–—]|\.\.+|…)?\s*", re.IGNORECASE)
        for source, text in found.items():
            if (cut := opening.match(text)) and cut.end() < len(text):
                found[source] = text[cut.end() :]
    as_printed = found.get("h1", "")  # before the others' spellings replace it below
    # A candidate that is another one plus a separated segment ("Headline | Section",
    # "Site: Headline") carries that segment only: the shorter one is the headline.
    folded = {source: _fold(text) for source, text in found.items()}
    for source, text in found.items():
        if text.endswith(("...", "…")) and (stem := _fold(text)):
            # Cut short for a share card ("... عمّان..."): the whole one another states.
            whole = next((o for o, f in folded.items() if f.startswith(stem) and f != stem), None)
            if whole is not None:
                found[source], folded[source] = found[whole], folded[whole]
                continue
        column = _fold(_TITLE_PREFIX.sub("", text, count=1))
        if column != folded[source] and any(f == column for f in folded.values()):
            # "عمرو الشناوي يكتب: <title>", "عاجل: <title>": the title is printed alone.
            found[source] = next(found[o] for o, f in folded.items() if f == column)
            folded[source] = column
            continue
        parts = _TITLE_SEPARATOR.split(text)
        if len(parts) > 1:
            for cut in (_fold(text[: text.rfind(parts[-1])]), _fold(text[len(parts[0]) :])):
                if cut and any(f == cut for other, f in folded.items() if other != source):
                    found[source] = next(found[o] for o, f in folded.items() if f == cut)
                    folded[source] = cut
                    break
    # JSON-LD and the social title disagree (an SEO variant, a kicker): the one the page
    # prints as a heading is the headline; when it prints both, the one its h1 holds.
    stated = folded.get("json-ld")
    social = next((s for s in ("meta:og:title", "meta:twitter:title") if s in found), None)
    # (A social title of a word or two beside a JSON-LD headline of a sentence is the
    # section's name, which the page also prints as its heading: no headline.)
    section_named = (
        stated and social and len(found[social].split()) <= 2 < 4 <= len(found["json-ld"].split())
    )
    if stated and social and folded[social] != stated and not section_named:
        printed = folded[social] in page.headings
        if printed and (stated not in page.headings or folded[social] == _fold(page.h1)):
            # In the meta tag's spelling (a heading's nested spans leave stray spaces
            # and lose generated punctuation).
            return found[social], f"h1+{social}"
        if _under_kicker(found["json-ld"], found[social]) and found[social] in page.heading_parts:
            # "Kicker: Headline" in JSON-LD, the social title the headline alone, and the
            # page's heading prints the two apart, each in its own element (a label above
            # the headline): the social title is the headline.
            return found[social], f"{social}+kicker-apart"
    source = next(iter(found))
    if source in ("title", "meta:og:title", "meta:twitter:title") and "h1" not in found:
        # No h1 (an old portal's page): "Section - Headline - Site" whose site name nothing
        # states. The longest run of its segments printed as a heading (an h2, a title
        # div) where the whole is not is the headline; a run, for a headline holding a
        # spaced separator itself ("منظمة الصحة العالمية : حملة التحصين ...").
        whole = found[source]
        if not (_fold(whole) in page.headings or page.prints_alone(whole)):
            for run in _segment_runs(whole):
                if _fold(run) in page.headings or page.prints_alone(run):
                    return run, f"{source}+heading"
    if as_printed and as_printed != found[source]:
        if _plain_quotes(as_printed) == _plain_quotes(found[source]):
            # The same headline, its quotes or marks typed otherwise in the metadata ("No
            # habrá ..." for «No habrá ...», 'طريق التنمية' for "طريق التنمية", "الدعم ?"
            # for "الدعم؟"): as the page prints it.
            return as_printed, source
        cut = as_printed[len(found[source]) :] if as_printed.startswith(found[source]) else ""
        if (
            len(cut.split()) >= 4  # a clause cut off, not a word or two of an SEO variant
            and cut[0] == " "
            and cut.strip()[0].isalnum()
            and page.h1_lead != found[source]  # (not a subtitle in an element of its own)
        ):
            # A browser title cut short ("مدار تطلق شبكة الجيل الخامس المتقدم" of the h1's
            # "... في الكويت بسرعات تصل إلى 10 جيجابت"): the printed headline is the whole.
            return as_printed, "h1"
        rest = found[source][len(as_printed) :] if found[source].startswith(as_printed) else ""
        if _BRACKETED_TAG.fullmatch(rest):
            # A marketing tag the metadata's titles add ("… (Exclusive)", "… (صور)"), which
            # the printed headline does not carry.
            return as_printed, "h1"
    return found[source], source


# A bracketed tag after a headline: "(Exclusive)", "[Photos]", "(صور)".
_BRACKETED_TAG = re.compile(r"\s*[(\[][^()\[\]]{2,25}[)\]]\s*")


# The separator after a kicker: a colon, a bar or a dash.
_KICKER_END = re.compile(r"\s*[:|–—]\s*|\s+-\s+")


def _under_kicker(long: str, short: str) -> bool:
    """Whether `long` is `short` after a kicker of at most 60 characters and a separator
    ("Neue Leipziger Schule: Judy Lybke, ...")."""
    end = _KICKER_END.search(long, 0, 62)
    return end is not None and 2 <= end.start() <= 60 and _fold(long[end.end() :]) == _fold(short)


# Quotation marks and apostrophes as metadata often types them.
_QUOTE_MARKS = str.maketrans("«»“”„‟″‘’‚‛′", '"""""""\'\'\'\'\'')


def _plain_quotes(text: str) -> str:
    """The text with every quotation mark as one ("«»“”" and "''" alike), and Arabic
    question marks, commas and semicolons as the Latin ones, no space before a question or
    exclamation mark."""
    plain = text.translate(_QUOTE_MARKS).replace("'", '"').translate(_ARABIC_MARKS)
    return _SPACE_BEFORE_MARK.sub("", plain)


_ARABIC_MARKS = str.maketrans("؟،؛", "?,;")
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[?!])")


def _segment_runs(title: str) -> list[str]:
    """The runs of a title's adjacent segments but the whole, longest first."""
    cuts = [0]
    for separator in _TITLE_SEPARATOR.finditer(title):
        cuts += [separator.start(), separator.end()]
    cuts.append(len(title))
    bounds = list(zip(cuts[::2], cuts[1::2], strict=True))  # each segment's (start, end)
    runs = {
        title[bounds[i][0] : bounds[j][1]].strip()
        for i in range(len(bounds))
        for j in range(i, len(bounds))
        if (i, j) != (0, len(bounds) - 1)
    }
    return sorted((r for r in runs if r), key=len, reverse=True)


def _slot_over_site_title(
    page: PageMeta, candidates: list[tuple[str, str | None]], names: frozenset[str], host: str
) -> str | None:
    """The printed headline where the page has no JSON-LD headline and its social titles
    are the site's name with a slogan ("Agency - The news from its source"), not this
    text: the h1 that the <title> holds, else (no h1) the element named for the title."""
    stated = dict(candidates)
    social = [stated.get(s) for s in ("meta:og:title", "meta:twitter:title") if stated.get(s)]
    if stated.get("json-ld") or not social:
        return None
    if page.h1:
        if _fold(page.h1) not in _fold(page.title or "") and not _site_wide_title(page, social):
            return None
        slot = page.h1
    else:
        slot = page.title_slot  # (a walk of the page: after the cheap tests)
    if len(slot.split()) < MIN_H2_HEADLINE_WORDS:
        return None
    for value in social:
        text = unescape_text(value or "")
        rest = strip_site_name(text, names, host)
        # (A slogan is short; "Headline - Site" leaves a headline.)
        if rest == text or len(rest.split()) > SLOGAN_WORDS or _fold(slot) in _fold(text):
            return None
    return slot


def _site_wide_title(page: PageMeta, social: list[str | None]) -> bool:
    """Whether the <title> is the social title and the site's description opens with it
    too: a default every page states ("وكالة الأنباء والمعلومات الفلسطينية - وفا" over a
    description "وكالة الأنباء والمعلومات الفلسطينية - وفا، الوكالة الرسمية ...")."""
    title = _fold(unescape_text(page.title or ""))
    described = _fold(unescape_text(meta_content(page, "description") or ""))
    return (
        bool(title)
        and _fold(unescape_text(social[0] or "")) == title
        and described.startswith(title)
    )


# The most words a site's slogan after its name runs to ("الخبر الصادق من الكويت إلى العالم").
SLOGAN_WORDS = 6


def headline_only_text(page: PageMeta, headline: str) -> str | None:
    """The headline as the story's whole text, where the post has none and its description
    says the headline is all there is (an urgent "عاجل" post: og:description repeats it);
    else None."""
    if not headline:
        return None
    described = meta_content(page, "og:description") or meta_content(page, "description")
    return headline if described and _fold(described) == _fold(headline) else None


def unescape_text(value: str) -> str:
    """Text with HTML entities decoded, twice escaped ones too ("&amp;quot;"), cleaned."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return clean_text(value)


# Meta tags other publishing systems state the section in, after article:section: schema.org
# microdata, Parse.ly's and Cxense's analytics tags, and the older "section" and "category".
_SECTION_METAS = (
    ("itemprop:articlesection", "microdata:articleSection"),
    ("parsely-section", "meta:parsely-section"),
    ("cxenseparse:recs:category", "meta:cXenseParse:recs:category"),
    ("analytics:rubric", "meta:analytics:rubric"),  # RIA Novosti's
    ("og:section", "meta:og:section"),
    ("section", "meta:section"),
    ("category", "meta:category"),
)


def sections(page: PageMeta) -> tuple[list[str], str]:
    """Section names: JSON-LD articleSection, else article:section, else the first of
    `_SECTION_METAS`, else microdata's articleSection printed in the page. A single string
    of comma-joined names (some plugins join every tag) gives its first name only, and
    none when the page's rel="category" links do not name it.
    WordPress's default category ("غير مصنف", "Uncategorized") and a static generator's
    content folder ("posts") name no section (`no_section`): a source that states only one
    gives way to the next."""
    ld = json_ld_article(page) or {}
    candidates = [
        (as_list(ld.get("articleSection")), "json-ld:articleSection"),
        ([meta_content(page, "article:section")], "meta:article:section"),
        *(([meta_content(page, key)], key_source) for key, key_source in _SECTION_METAS),
        ([_parsely_page(page).get("section")], "meta:parsely-page"),
        ([page.microdata_section], "microdata:articleSection"),
    ]
    for stated, source in candidates:
        stated = [s for s in stated if s]
        if len(stated) == 1 and isinstance(stated[0], str) and "," in stated[0]:
            stated = stated[0].split(",")
            stated = [n for n in stated if not no_section(n)][:1]
            linked = {_fold(text) for text, _ in page.category_links}
            if stated and linked and _fold(clean_text(stated[0])) not in linked:
                continue  # the tags joined: the page links its categories by name
        # (Escaped once too many in some plugins' JSON-LD: "Nation &amp; World".)
        names = (unescape_text(str(section or "")) for section in stated)
        found = [n for n in dict.fromkeys(names) if n and not no_section(n)]
        if found:
            return found, source
    return [], "meta:article:section"


def _parsely_page(page: PageMeta) -> dict:
    """Parse.ly's older analytics tag, one JSON object in a meta's content ("parsely-page":
    title, section, tags, ...); {} when absent or broken."""
    try:
        found = json.loads(meta_content(page, "parsely-page") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


# WordPress's default category in the languages of our sites, and the content folders
# static generators state as the section (Hugo's article:section "posts"): no section.
_NO_SECTION = frozenset(
    _fold(name)
    for name in (
        "غير مصنف", "غير مصنفة", "بدون تصنيف", "uncategorized", "uncategorised",
        "non classé", "sin categoría", "sem categoria", "senza categoria", "kategorisiz",
        "posts", "post", "blog", "article", "articles",
    )
)  # fmt: skip


# Categories a site files every story under beside its section ("أخبار", "News", a
# slider's or the front page's placement): WordPress lists a post's categories by name,
# so such a one often comes first.
_CATCH_ALL = frozenset(
    _fold(name)
    for name in (
        "أخبار", "اخبار", "الأخبار", "الاخبار", "آخر الأخبار", "اخر الاخبار", "أهم الأخبار",
        "أبرز الأخبار",
        "عاجل", "سلايدر", "مميز", "مميزة", "الرئيسية", "رئيسي", "news", "latest news",
        "breaking news", "top stories", "featured", "slider", "home", "actualités", "noticias",
    )
)  # fmt: skip


def catch_all(name: str) -> bool:
    """Whether a category name is one a site files every story under (`_CATCH_ALL`)."""
    return _fold(name) in _CATCH_ALL


def no_section(name: str) -> bool:
    """Whether a category name names no section: WordPress's default one, a content
    folder, a path (TownNews's article:section "news/local": the printed name says it)."""
    return _fold(name) in _NO_SECTION or bool(_SECTION_PATH_VALUE.fullmatch(name.strip()))


_SECTION_PATH_VALUE = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)+/?")


# Where a category comes from when nothing but the weaker signs name one ("" for none).
WEAK_CATEGORY_SOURCES = frozenset(("", "post-class", "blogger-labels", "menu-state", "menu-path"))


def _names_over_slugs(merged: dict[str, dict], sources: dict[str, str]) -> None:
    """Gives a category named by its address's slug the name another source prints for the
    same address, in place: one category, in the slug's place."""
    printed = {
        category["url"]: folded
        for folded, category in merged.items()
        if category["url"] and not _SECTION_SLUG.fullmatch(category["name"])
    }
    for category in list(merged.values()):
        url, name = category["url"], category["name"]
        other = printed.get(url)
        if (
            other is None
            or other not in merged
            or not _SECTION_SLUG.fullmatch(name)
            or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower() != name
        ):
            continue
        category["name"] = merged.pop(other)["name"]
        sources.pop(other, None)


def categories(
    page: PageMeta,
    page_url: str,
    headline: str = "",
    labels: list[dict] | None = None,
    labels_source: str = "theme-label",
) -> tuple[list[dict], str]:
    """The post's categories ({"name", "url"}), the primary one first, and the source of
    the primary. The primary comes from the first of: the breadcrumb's deepest category
    (JSON-LD BreadcrumbList, else breadcrumb markup), the stated sections (JSON-LD
    articleSection, article:section), WordPress's rel="category tag" links, the theme's
    `labels` (above the headline), and last the menu item WordPress marks as the post's
    category, or else the section's item other systems mark active, or else the menu's
    link to a folder the page's address sits in. The others follow in that order, each name
    once, a catch-all ("أخبار", "Featured") after all the others unless the breadcrumb
    names it; the menu state counts only when nothing else names a category. Never a join of tags (`sections`)."""
    crumb = breadcrumb_category(page, page_url, headline)
    names, section_source = sections(page)
    stated = [{"name": name, "url": None} for name in names]
    ranked = [
        ("breadcrumb", crumb),
        (section_source, stated),
        ("rel=category", _named_links(page.category_links, page_url)),
        (labels_source, labels or []),
    ]
    if not any(found for _, found in ranked):
        # The weaker signs, each asked only when the ones before it found nothing.
        fallbacks: list[tuple[str, Callable[[], list[dict]]]] = [
            ("post-class", lambda: _post_class_category(page, page_url)),
            # Blogger's labels under the post ("التسميات: أخبار محلية, المكلا"): its first.
            ("blogger-labels", lambda: _named_links(page.blogger_labels, page_url)[:1]),
            ("menu-state", lambda: _named_links(page.menu_category_links, page_url)[:1]),
            ("menu-state", lambda: _active_section(page, page_url)),
            ("menu-path", lambda: _menu_section(page, page_url)),
        ]
        for name, find in fallbacks:
            if found := find():
                ranked.append((name, found))
                break
    merged: dict[str, dict] = {}  # folded name ("schweiz" is "Schweiz") -> category
    sources: dict[str, str] = {}  # folded name -> the source that named it first
    for name, found in ranked:
        for category in found:
            if no_section(category["name"]):
                continue
            folded = _fold(category["name"])
            known = merged.setdefault(folded, dict(category))
            known["url"] = known["url"] or category["url"]
            sources.setdefault(folded, name)
    _names_over_slugs(merged, sources)
    # A catch-all comes after the sections: the primary only where nothing else names one,
    # or where the breadcrumb, which shows the post's primary category, names it.
    order = list(merged)
    if order and sources[order[0]] != "breadcrumb":
        order.sort(key=lambda folded: folded in _CATCH_ALL)
    if order and (deeper := _printed_subsection(order, merged, sources)):
        order.remove(deeper)
        order.insert(0, deeper)
    return [merged[folded] for folded in order], sources[order[0]] if order else ""


# A stated section as a machine's slug ("markets", "us-news", "local"; "gulf" for /news/gulf,
# which the page prints "الخليج"), not a name.
_SECTION_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STATED_SECTIONS = frozenset(
    (
        "json-ld:articleSection",
        "meta:article:section",
        "meta:parsely-page",
        *(source for _, source in _SECTION_METAS),
    )
)


def _printed_subsection(order: list[str], merged: dict, sources: dict) -> str | None:
    """The category the page prints (a label above the headline, a category link) at the
    folder a stated section names by its slug, or under it: the same section by its
    printed name (JSON-LD's "local", the label "Local News" at /news/local), or the
    story's own, deeper one (Parse.ly's "markets", the eyebrow "Commodities" at
    /markets/commodities)."""
    first = merged[order[0]]
    if sources[order[0]] not in _STATED_SECTIONS or not _SECTION_SLUG.fullmatch(first["name"]):
        return None
    for folded in order[1:]:
        folders = urlsplit(merged[folded]["url"] or "").path.strip("/").split("/")
        if first["name"] in folders:
            return folded
    return None


def breadcrumb_category(page: PageMeta, page_url: str, headline: str = "") -> list[dict]:
    """The breadcrumb's deepest step before the article (JSON-LD BreadcrumbList, else
    breadcrumb markup), as a one-item list; [] when the trail names no category (Home and
    the post itself are no category)."""
    trail = _breadcrumb_trail(page, page_url)
    if trail and not trail[-1]["url"]:
        trail = trail[:-1]  # the page itself: SEO plugins give its step no address
    if len(trail) < 2:  # none, or Home alone (Jarida's JSON-LD): the printed trail says more
        trail = _printed_trail(page, page_url) or trail
    folded_headline = _fold(headline)
    page_address = page_url.split("#", 1)[0].rstrip("/")
    page_parts = urlsplit(page_address)
    # When the trail's sections are folders of the article's own address (/news/us-news/
    # above /news/us-news/story-123), a step in another top folder (/all-about/crime,
    # /latest/disney, /social-cgt/) is a topic page the trail appends, not a section.
    on_path = [_on_path(step["url"], page_parts) for step in trail[1:]]
    # (Not the folder every article sits in: FilGoal's "الأخبار" at /articles above "الدوري
    # المصري" at /championships/1/.)
    follows_address = any(
        on and not _EVERY_ARTICLE_PATH.fullmatch(urlsplit(step["url"] or "").path.rstrip("/") + "/")
        for step, on in zip(trail[1:], on_path, strict=True)
    )

    def is_category(step: dict, on_path: bool) -> bool:
        name = _fold(unescape_text(step["name"]))
        address = (step["url"] or "").split("#", 1)[0].rstrip("/")
        return (
            bool(name)
            and name != folded_headline
            # the post itself under a shorter or longer title
            and not (len(name) > 20 and (name in folded_headline or folded_headline in name))
            and address != page_address
            and not _TOPIC_PATH.search(address + "/")
            and not WRITER_PATH.search(address)
            and not _EVERY_ARTICLE_PATH.fullmatch(urlsplit(address).path + "/")
            and not (
                follows_address
                and step["url"]
                and not on_path
                and not _top_folder_shared(address, page_parts)
            )
        )

    steps = [step for step, on in zip(trail[1:], on_path, strict=True) if is_category(step, on)]
    if len(steps) > 1 and _fold(unescape_text(steps[-1]["name"])) in _CATCH_ALL:
        # "Industry > News": the section's news, the section named above it.
        steps = [s for s in steps if _fold(unescape_text(s["name"])) not in _CATCH_ALL] or steps
    return [{"name": unescape_text(s["name"]), "url": s["url"]} for s in steps[-1:]]


# An address of a writer's page: WordPress's author archive, a site's writers' pages (an
# opinion page's breadcrumb ends with its columnist's).
WRITER_PATH = re.compile(r"/(?:author|authors|writer|writers)/[^/]", re.IGNORECASE)
# Breadcrumb steps that lead to a tag's or a topic's page rather than a section's.
_TOPIC_PATH = re.compile(
    r"/(?:tag|tags|tagg|etiqueta|schlagwort|topic|topics|all-about|thema|themen|specials?)/",
    re.I,
)
# A step whose address is one folder named for every article of the site ("Articles" at
# /article/, "News" at /news/) names no section.
_EVERY_ARTICLE_PATH = re.compile(
    r"/(?:article|articles|artikel|story|stories|post|posts|news|nachrichten)/", re.I
)


def _on_path(url: str | None, page: Any) -> bool:
    """Whether a breadcrumb step's address is a folder of the page's own address."""
    if not url:
        return False
    parts = urlsplit(url)
    folder = parts.path.rstrip("/") + "/"
    return parts.hostname == page.hostname and folder != "/" and page.path.startswith(folder)


def _top_folder_shared(url: str, page: Any) -> bool:
    parts = urlsplit(url)
    top = parts.path.strip("/").split("/", 1)[0]
    return parts.hostname == page.hostname and top == page.path.strip("/").split("/", 1)[0]


def _story_address(url: str) -> bool:
    from scraper.extract.page_type import article_address  # it reads this module's dates

    return article_address(url)


def _active_section(page: PageMeta, page_url: str) -> list[dict]:
    """The first menu item marked active (`PageMeta.active_menu_links`) that leads to a
    section of the site: not its home page, nor the page itself, nor another site."""
    host = urlsplit(page_url).hostname
    for category in _named_links(page.active_menu_links, page_url):
        url = category["url"]
        if not url or _fold(category["name"]) in _HOME_WORDS or category["name"].isdigit():
            continue
        parts = urlsplit(url)
        if parts.hostname != host or parts.path.strip("/") in ("", "index.html", "index.php"):
            continue
        if _story_address(url):
            continue  # a ticker's or a slider's current story
        if not same_address(url, page_url):
            return [category]
    return []


# A site's edition in one language (/arabic/, /ar/): its home page, no section.
_LANGUAGE_ROOTS = frozenset(("ar", "en", "fr", "arabic", "english", "french", "amp"))


def _post_class_category(page: PageMeta, page_url: str) -> list[dict]:
    """The category a post's class names ("category-<slug>"): the page's link to that
    category's archive gives its name; with none, a slug in Arabic script is the name
    itself (WordPress makes it from the name, dashes for spaces). A Latin slug alone names
    nothing a reader sees ("economy" for "اقتصاد")."""
    for slug in page.post_category_slugs:
        name = unquote(slug)
        if no_section(name.replace("-", " ")):
            continue
        folder = f"/category/{slug.lower()}/"
        for text, href in page.category_links + page.menu_links:
            if folder in (href or "").lower() + "/" and text:
                return [{"name": text, "url": join_url(page_url, href)}]
        if arabic_share(name) >= 0.5:
            return [{"name": name.replace("-", " "), "url": None}]
    return []


def same_address(url: str, page_url: str) -> bool:
    """Whether two addresses name the same page: host and path alike, a closing slash, a
    fragment and (when one has a fragment: a place on the page) the query aside."""
    one, other = urlsplit(url), urlsplit(page_url)
    if (one.hostname, one.path.rstrip("/")) != (other.hostname, other.path.rstrip("/")):
        return False
    return bool(one.fragment) or not one.query or one.query == other.query


def section_folder(url: str, page_url: str) -> bool:
    """Whether `url` is a folder the page's own address sits in, below the site's root, that
    may be its section (/lebanon/politics above /lebanon/politics/01122026092455233): not a
    date's or a number's folder (/2026/02/28/, a day's archive), not a language's edition
    (/arabic/), not the page itself."""
    parts, page = urlsplit(url), urlsplit(page_url)
    folder = parts.path.rstrip("/")
    last = folder.rsplit("/", 1)[-1]
    return (
        _on_path(url, page)
        and folder != page.path.rstrip("/")
        and not last.isdigit()
        and last.lower() not in _LANGUAGE_ROOTS
    )


def _menu_section(page: PageMeta, page_url: str) -> list[dict]:
    """The menu's link to the deepest folder the page's own address sits in
    (/economy above /economy/news/2026/..., /politics above /politics/185530), below the
    site's root, else the menu link a middle segment of the <title> names, else the menu
    link that names a folder of the address: the section, on a site whose menu marks none."""
    best: dict | None = None
    for category in _named_links(page.menu_links, page_url):
        url = category["url"]
        if not url or _fold(category["name"]) in _HOME_WORDS or urlsplit(url).query:
            continue
        if is_site_name(page, category["name"], page_url):
            continue  # the logo's link to /news/, on a site whose stories all sit there
        if not section_folder(url, page_url):
            continue
        folder = urlsplit(url).path.rstrip("/")
        if best is None or len(folder) > len(urlsplit(best["url"]).path.rstrip("/")):
            best = category
    if best is None:
        # "Headline | اقتصاد | Site": a middle segment of the <title> that a menu link names.
        middle = {_fold(part) for part in _TITLE_SEPARATOR.split(page.title or "")[1:-1]}
        best = _menu_link_named(page, page_url, middle)
    if best is None:
        # "/article/10912345/محليات/…": a folder of the address that a menu link names.
        # (Not the story's own slug, nor a language's root: "EN" in the language switch.)
        parts = urlsplit(page_url).path.rstrip("/").split("/")[:-1]
        folders = {_fold(unquote(part)) for part in parts if part.lower() not in _LANGUAGE_ROOTS}
        best = _menu_link_named(page, page_url, folders)
    return [best] if best else []


def _menu_link_named(page: PageMeta, page_url: str, names: set[str]) -> dict | None:
    """The first menu link whose name is one of `names` (folded): not the home page's nor a
    language's root. (The site's name may be the section's, as g1 names its São Paulo
    edition; a link by query may lead to it: "/section?id=3".)"""
    return next(
        (
            c
            for c in _named_links(page.menu_links, page_url)
            if _fold(c["name"]) in names
            and _fold(c["name"]) not in _HOME_WORDS
            and c["name"].lower() not in _LANGUAGE_ROOTS
        ),
        None,
    )


def _named_links(links: list[tuple[str, str]], page_url: str) -> list[dict]:
    found: dict[str, str | None] = {}
    for name, href in links:
        if name and name not in found:
            found[name] = join_url(page_url, href) if href else None
    return [{"name": name, "url": url} for name, url in found.items()]


def _printed_trail(page: PageMeta, page_url: str) -> list[dict]:
    """The breadcrumb's printed steps with their names; a first step that is an icon alone
    linking home (Drupal's `<a href="/ar"><i class="fa-house">`) stays as the home step."""
    trail = _named_links(page.breadcrumb_links, page_url)
    if trail and page.breadcrumb_links:
        name, href = page.breadcrumb_links[0]
        if not name and home_address(join_url(page_url, href)):
            trail.insert(0, {"name": "", "url": join_url(page_url, href)})
    return trail


def _breadcrumb_trail(page: PageMeta, page_url: str) -> list[dict]:
    for node in json_ld_objects(page):
        if node.get("@type") != "BreadcrumbList":
            continue
        steps = [s for s in as_list(node.get("itemListElement")) if isinstance(s, dict)]
        steps.sort(key=lambda s: s.get("position") if isinstance(s.get("position"), int) else 0)
        trail = []
        for step in steps:
            item = step.get("item")
            name = step.get("name") or (item.get("name") if isinstance(item, dict) else None)
            href = item.get("@id") if isinstance(item, dict) else item
            if isinstance(name, str) and clean_text(name):
                url = join_url(page_url, href) if isinstance(href, str) and href else None
                trail.append({"name": clean_text(name), "url": url})
        return trail
    return []


def published_candidates(page: PageMeta) -> list[tuple[str, str, str]]:
    """(source, reader, raw) of every publication time the metadata states: JSON-LD's,
    article:published_time, then (only when neither is there) the first of the other meta
    spellings sites use, a non-article JSON-LD object's, RDFa's (`rdfa_created`),
    microdata's in a shown element's attribute (`microdata_published`) and hAtom's
    (`hatom_published`)."""
    ld = json_ld_article(page) or {}
    found = []
    if ld.get("datePublished"):
        found.append(("json-ld", "machine", str(ld["datePublished"])))
    elif ld.get("coverageStartTime"):
        # A live blog that states only when its coverage began: its publication.
        found.append(("json-ld:coverageStartTime", "machine", str(ld["coverageStartTime"])))
    published_meta = meta_content(page, "article:published_time")
    if published_meta:
        found.append(("meta:article:published_time", "machine", published_meta))
    if not found:
        key = next((k for k in PUBLISHED_META if meta_content(page, k)), None)
        if key:
            # (Before hAtom's time even where this states a day only: old themes stamp
            # hAtom's title with the local clock marked UTC.)
            found.append((f"meta:{key}", "machine", meta_content(page, key) or ""))
        elif stated := json_ld_page_date(page):
            found.append(("json-ld:page", "machine", stated))
        elif page.rdfa_created:
            found.append(("rdfa", "machine", page.rdfa_created))
        elif stated := page.microdata_story[2]:
            found.append(("microdata", "machine", stated))
        elif stated := page.microdata_created:
            found.append(("microdata:dateCreated", "machine", stated))
        elif stated := page.hatom_published:
            found.append(("hatom", "machine", stated))
    return found


def url_date(url: str) -> str | None:
    """The day a permalink names (/2025/12/14/), as YYYY-MM-DD."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    return "-".join(part.zfill(2) for part in match.groups()) if match else None


def title_date(page: PageMeta) -> str | None:
    """The date a title or og:title is stamped with after a separator ("Headline | DW |
    28.04.2023"), as printed."""
    for title in (meta_content(page, "og:title"), page.title):
        parts = _TITLE_SEPARATOR.split(title or "")
        if len(parts) > 1 and _DATE_SEGMENT.fullmatch(parts[-1].strip()):
            return parts[-1].strip()
    return None


def modified_candidates(page: PageMeta) -> list[tuple[str, str]]:
    """(source, raw) of every modification time the metadata states, best first."""
    ld = json_ld_article(page) or {}
    candidates = [
        ("json-ld", ld.get("dateModified")),
        ("meta:article:modified_time", meta_content(page, "article:modified_time")),
        ("meta:og:updated_time", meta_content(page, "og:updated_time")),
    ]
    return [(name, str(raw)) for name, raw in candidates if raw]


def author(page: PageMeta, page_url: str = "") -> tuple[str, str]:
    """The first author the page names, and where it was found: JSON-LD's (people before
    organizations), the author meta tags, Yoast's "Written by" label, a byline marked up as
    rel=author or itemprop=author or in RDFa as schema:author (Drupal), a byline marked by
    its class, one marked only by its label ("Von:", "كتب:"); a value that is the site's own
    name comes only when no person is named; an e-mail address, a link or a number is no
    author (("", "") when none is left)."""
    people, others, credited = [], [], []
    for name, organization in _json_ld_authors(page):
        (others if organization else people).append(name)
        credited.append(name)
    candidates = [(name, "json-ld") for name in people]
    for key in AUTHOR_META:
        values = meta_contents(page, key)
        named = [
            value
            for value in values
            if not value.startswith(("http://", "https://"))
            and not is_site_name(page, value, page_url)
        ]
        # Repeated tags name the story's writers, one each: all of them (one candidate).
        candidates += (
            [(", ".join(named), f"meta:{key}")]
            if len(named) > 1
            else [(value, f"meta:{key}") for value in values]
        )
    candidates += [(written_by(page), "written-by"), (page.byline, "byline-markup")]
    candidates += [(page.rdfa_author, "rdfa:schema:author")]
    candidates += [(name, "json-ld") for name in others]
    candidates += [(page.class_byline, "byline-class")]

    def own(name: str, part: bool = False) -> bool:
        return is_site_name(page, name, page_url, part)

    def name_of(candidate: Any) -> str:
        name = agencies_after(_without_site_name(_author_name(candidate), own))[0]
        return _person_after_dateline(_without_place(_without_role(name, own)), own)

    found = [
        (name, source)
        for name, source in ((name_of(c), source) for c, source in candidates)
        if name and not _dateline(name, own) and not _agencies_in_byline(name, source)
    ]

    labelled = ""
    if all(own(name) for name, _ in found):
        labelled = _author_name(page.labelled_byline)
    if labelled and not _dateline(labelled, own):
        # Read only when nothing else names a person: it walks the page.
        found.insert(0, (labelled, "labelled-byline"))
    elif (
        all(own(name) for name, _ in found)
        and (linked := name_of(page.author_link))
        and not _dateline(linked, own)
        and not _agencies_in_byline(linked, "author-link")
    ):
        # ... and last, a link to a writer's archive with no label or class around it.
        found.insert(0, (linked, "author-link"))

    # Every person JSON-LD names, with an agency it credits beside them ("Nina Weber",
    # "SDA"), joined; else the first byline that is not the site's own; the site's name
    # only when no person is named.
    def nobody(name: str) -> bool:  # the site, its desk or a login ("webeditor")
        return (
            own(name)
            or names_an_account(page, name, page_url)
            or bool(_LOGIN_HANDLE.fullmatch(name))
        )

    def named(name: str) -> bool:
        return bool(name) and not nobody(name) and not _dateline(name, own)

    if any(named(name_of(p)) for p in people):
        listed = [name for name in map(name_of, credited) if named(name)]
        # (Not the photographer the page credits as such: "تصوير- <a>أحمد مسعد</a>".)
        listed = [n for n in listed if n not in page.photographers] or listed
        if len(listed) > 1:
            # (Nor the translator it lists beside the writer: "ترجمة: رامي أبو زيد".)
            listed = [n for n in listed if not page.prints_as_translator(n)] or listed
        printed, printed_source = [], ""
        if len(listed) == 1 and page.meta.get("generator", "").startswith("Ghost"):
            printed, printed_source = page.class_byline.split(", "), "byline-class"
        elif len(listed) == 1 and (page.lang or "").startswith("ar"):
            printed, printed_source = page.labelled_byline.split(", "), "labelled-byline"
        printed = [name_of(n) for n in printed]
        if (
            len(printed) > 1
            and listed[0] in printed
            and all(named(n) and PERSON_NAME.fullmatch(n) and not role_line(n) for n in printed)
            # (A "كتب:" line's names each a link, as the writers' pages print them: not
            # "كتب: محمد سليمان، كفر الشيخ", the writer and his governorate.)
            and (printed_source != "labelled-byline" or _all_linked(page, printed))
        ):
            # Ghost's JSON-LD names the primary author only, of the writers its byline
            # prints: all of them; so does an Arabic paper's of the writers its "كتب:" line
            # names ("كتب: أحمد شلبي، منى ياسين"). (Not elsewhere: a German daily's byline
            # under the story names a second writer its JSON-LD and its publisher's own
            # parser leave out.)
            return ", ".join(dict.fromkeys(printed)), printed_source
        return ", ".join(dict.fromkeys(listed)), "json-ld"
    # (Nor a desk's account: "فريق التحرير" stated as a Person before the printed writer.)
    return next(
        ((name, source) for name, source in found if not nobody(name)),
        next(((n, s) for n, s in found if not own(n)), found[0] if found else ("", "")),
    )


def _href(node: Any) -> str:
    """A link's href in either parser's tree."""
    if isinstance(node, LexborNode):
        return node.attributes.get("href") or ""
    return node.get("href") or ""


def _all_linked(page: PageMeta, names: list[str]) -> bool:
    """Whether each name is the whole text of a link on the page."""
    if isinstance(page.tree, LexborHTMLParser):
        texts = {_lexbor_text(a) for a in page.tree.css("a")}
    elif page.tree is not None:
        texts = {clean_text(" ".join(a.itertext())) for a in page.tree.iter("a")}
    else:
        return False
    return all(name in texts for name in names)


_TRANSLATOR_LABEL = r"ترجمة|ترجمه|تعريب|translated by|translation by|traduit par|übersetzt von"
_DASHES = "\\-–—ـ"


# A person's name as a byline prints it among others: two to four capitalised Latin words
# ("With AAP", "Author" are none), or two to four Arabic words (a place is one).
PERSON_NAME = re.compile(
    r"(?!(?:With|By|And|For|From|In|The)\b)[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}"
    r"|[\u0621-\u0652]{2,}(?: [\u0621-\u0652]{2,}){1,3}"
)


# The agencies a byline credits after its name: "Lena Hoffmann with dpa, Reuters".
# (A place may follow: "BOSPHORUS DAILY WITH AA, ISTANBUL".)
_AGENCIES_AFTER = re.compile(
    r"\s+(?:with|avec|mit)\s+(?P<names>[^\d;:,]{2,40}(?:,\s*[^\d;:,]{2,40})*?)"
    r"(?:,\s*(?P<place>[^\d;:,]{2,30}))?$",
    re.I,
)


def agencies_after(name: str) -> tuple[str, list[str]]:
    """The byline without the known agencies it credits after "with" (the story's source,
    `PageMeta.desk_credit`), and those agencies: "Bosphorus Daily with AA" is the site's
    desk, "Lucía Fernández, with AFP" a writer; an agency among its names stays there
    (`_agency_closing_name`). (name, []) when it credits none."""
    after = _AGENCIES_AFTER.search(name)
    if after is None:
        return _agency_closing_name(name)
    names = re.split(r"\s*(?:,|\band\b)\s*", after["names"])
    if after["place"] and is_known_outlet(after["place"]):
        names.append(after["place"])  # "with dpa, Reuters": the last name, no place
    if not all(map(is_known_outlet, names)):
        return name, []
    return name[: after.start()].rstrip(" ,،"), names


def _agency_closing_name(name: str) -> tuple[str, list[str]]:
    """A byline's writers and the agency it names among them, which credits the story and
    stays among the authors as the page names it (the corpus's publishers list theirs so:
    "Adam Vidler, AP"): a list of names one of which is an agency ("Farah Al Zarooni,
    Wam"), or a Latin byline closing on one with no separator ("Jordan Hale The Canadian
    Press": "Jordan Hale, The Canadian Press"). (name, []) when it names none."""
    names = name.split(", ")
    if len(names) > 1:
        agencies = [n for n in names if is_known_outlet(n)]
        return name, agencies if len(agencies) < len(names) else []
    words = name.split()
    if not name.isascii() or len(words) < 3:
        return name, []
    for size in range(min(4, len(words) - 2), 1, -1):
        agency = " ".join(words[-size:])
        if is_known_outlet(agency) and not _JOINING_WORD.fullmatch(words[-size - 1]):
            return f"{' '.join(words[:-size])}, {agency}", [agency]
    return name, []


def _person_after_dateline(name: str, own: Callable[..., bool]) -> str:
    """The person a byline names after the story's place or the site's own name and a dash
    ("رام الله - رامي أبو عيشة", "صدى عمّان - كتب خالد الزعبي"); the byline as it is
    when what follows the dash is an outlet (the site's, an agency: `_dateline`) or no
    name of a person."""
    match = _DATELINE_BYLINE.match(name)
    if match is None:
        return name
    opener, rest = match.group("place").strip(), match.group("outlet").strip()
    if labelled := _BYLINE_PREFIX.match(rest):
        rest = rest[labelled.end() :]
    elif own(rest, True) or not ARABIC_NAME.fullmatch(rest):
        return name  # an outlet, a short form of the site's name, no person's name
    if not (is_place(opener) or own(opener, True)) or own(rest) or is_known_outlet(rest):
        return name
    return rest


# Two to four Arabic words: a writer's name (an agency's initials, "أ ش أ", are no name).


# A dateline in a byline's place: a place, a dash, then the outlet ("عمّان - الأفق").
_DATELINE_BYLINE = re.compile(r"^(?P<place>[^\W\d_][^-–—ـ]*?)\s+[-–—ـ]\s+(?P<outlet>[^-–—ـ]+)$")


def _json_ld_authors(page: PageMeta) -> list[tuple[str, bool]]:
    """(name, whether an organization) of every author the JSON-LD article names: a
    second list nested in the list (MDR: [person, [person]]) and a name given as a list
    (g1: "name": ["Maria Souza"]) read too."""
    found = []
    for entry in _flattened(as_list((json_ld_article(page) or {}).get("author"))):
        if isinstance(entry, dict):
            organization = "Organization" in str(entry.get("@type") or "")
            found += [(n, organization) for n in as_list(entry.get("name")) if isinstance(n, str)]
        elif isinstance(entry, str):
            found.append((entry, False))
    return found


_HENTRY = "contains(concat(' ', normalize-space(@class), ' '), ' hentry ')"
_HATOM_POST = etree.XPath(
    f"count(//*[{_HENTRY}]) = 1 and boolean(//*[{_HENTRY}]//*[contains(concat(' ',"
    " normalize-space(@class), ' '), ' published ')][@title or @datetime])"
)
_DATE_CREATED = etree.XPath("//meta[@itemprop='dateCreated']", smart_strings=False)
_HATOM_PUBLISHED = etree.XPath(
    "//abbr[@title][contains(concat(' ', normalize-space(@class), ' '), ' published ')]",
    smart_strings=False,
)
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _lxml_item_type(node: etree._Element) -> str:
    """The itemtype of the nearest microdata item above the node ("" when none)."""
    item = next((a for a in node.iterancestors() if a.get("itemtype")), None)
    return item.get("itemtype") or "" if item is not None else ""


def _lexbor_item_type(node: LexborNode) -> str:
    parent = node.parent
    while parent is not None and not parent.attributes.get("itemtype"):
        parent = parent.parent
    return (parent.attributes.get("itemtype") or "") if parent is not None else ""


def _hcard_provider(node: Any, lexbor: bool) -> str:
    """The text of a byline's part classed "provider" (the wire that supplied the story; an
    hCard's "org" alone is the writer's employer); "" when none."""
    parts = node.css(".provider") if lexbor else node.iter(etree.Element)
    for part in parts:
        classes = set(((part.attributes if lexbor else part.attrib).get("class") or "").split())
        if "provider" in classes:
            text = clean_text(part.text(separator=" ") if lexbor else " ".join(part.itertext()))
            if 0 < len(text) <= MAX_SOURCE_SLOT_CHARS:
                return text
    return ""


def byline_credit(page: PageMeta, page_url: str = "", printed: str = "") -> SourceLine | None:
    """The agency a byline slot credits when it holds a dateline, no person: a place, a
    dash and a known agency ("عمّان - بترا": بترا, form `byline`). None for the site's own
    name there ("عمّان - الأفق": the site's own story), or for a person's name. `printed`:
    the byline a theme profile read from its author element, looked at first. Else the
    agencies JSON-LD names as the only authors ({"@type": "Organization", "name": "dpa"}):
    they stay the author, as the page states, and credit the story too."""
    if page.desk_credit and (credit := bare_credit(page.desk_credit)):
        return SourceLine(raw=credit.raw, names=credit.names, form="byline")
    provider = page.byline_provider
    if provider and not is_site_name(page, provider, page_url):
        return SourceLine(raw=provider, names=(provider,), form="byline")
    for slot in (printed, page.byline, page.class_byline):
        name = _author_name(slot)
        if (
            _agencies_in_byline(name, "byline-class")
            and (credit := bare_credit(name))
            and not is_site_name(page, name, page_url)  # the house account ("صحيفة الساحل")
        ):
            return SourceLine(raw=credit.raw, names=credit.names, form="byline")
        match = _DATELINE_BYLINE.match(name)
        if match is None or is_site_name(page, match.group("outlet"), page_url):
            continue
        if found := dateline_credit(name):
            return SourceLine(raw=found.raw, names=found.names, form="byline")
    # A source element of its own holding a dateline ("الدوحة - قنا", "لندن - وكالات"): a
    # city the layer knows, then the agencies.
    slot = page.source_slot
    dated = _DATELINE_BYLINE.match(slot)
    if dated and is_place(dated.group("place").strip()) and (found := dateline_credit(slot)):
        return SourceLine(raw=found.raw, names=found.names, form="byline")
    # The site's own name and "agencies" there ("TRN World and Agencies"): both credited.
    joined = _SITE_AND_AGENCIES.fullmatch(slot)
    if joined and is_site_name(page, joined.group("site"), page_url):
        return SourceLine(raw=slot, names=joined.group("site", "agencies"), form="byline")
    # The site's own name beside them is no person either ("LIBERATION", "AFP").
    names = [
        name
        for name in (clean_text(n) for n, _ in _json_ld_authors(page))
        # (Nor the site's name shortened: "قناة الرافدين" of "قناة الرافدين الفضائية".)
        if name and not is_site_name(page, name, page_url, part=True)
    ]
    if names and all(bare_credit(name) is not None for name in names):
        return SourceLine(
            raw=", ".join(names), names=tuple(dict.fromkeys(names)), form="json-ld-author"
        )
    return None


_SITE_AND_AGENCIES = re.compile(
    r"(?P<site>.{2,40}?)\s*(?:\band\b|&|\+|،|,)\s*(?P<agencies>agencies|wires|وكالات)", re.I
)


def meta_source(page: PageMeta, page_url: str = "") -> SourceLine | None:
    """The original a syndicated story names in `<meta name="original-source">` (or
    `syndication-source`), an address: its host, without "www." (form `meta-source`); else
    the one its JSON-LD's isBasedOn names (form `json-ld-based-on`); None when absent or
    the site's own (its mobile or AMP edition's too)."""
    own = _site_host(page_url)
    stated = [(meta_content(page, key), "meta-source") for key in _ORIGINAL_METAS]
    # The article JSON-LD's isBasedOn: the original's address, or a work with its url.
    for based_on in as_list((json_ld_article(page) or {}).get("isBasedOn")):
        if isinstance(based_on, dict):
            # (A review's Movie or Book is what it is based on, no source of the story.)
            kind = str(based_on.get("@type") or "Article")
            based_on = based_on.get("url") or based_on.get("@id") if "Article" in kind else None
        stated.append((based_on if isinstance(based_on, str) else None, "json-ld-based-on"))
    for value, form in stated:
        value = (value or "").strip()
        host = _site_host(value) if "//" in value else ""
        if host and not (host == own or host.endswith("." + own) or own.endswith("." + host)):
            return SourceLine(raw=value, names=(_printed_name(page, value) or host,), form=form)
    return None


def _printed_name(page: PageMeta, url: str) -> str:
    """The name the page prints on its link to the original ("مترجم عن: <a href=...>فاينانشال
    تايمز</a>"): a link text of a few words that reads as a name, not the address or a
    call ("اضغط هنا"); "" when none."""
    if isinstance(page.tree, LexborHTMLParser):
        links = ((_lexbor_link_text(a), a.attributes.get("href")) for a in page.tree.css("a[href]"))
    elif page.tree is not None:
        links = ((lxml_link_text(a), a.get("href")) for a in page.tree.iter("a"))
    else:
        return ""
    for text, href in links:
        if (href or "").strip() != url:
            continue
        if (
            0 < len(text.split()) <= MAX_PRINTED_NAME_WORDS
            and not any(c in text for c in "/.:")
            and not LINK_CALL.search(text)
            and not is_box_label(text)  # ("المصدر", "مصدر الخبر")
        ):
            return text
    return ""


MAX_PRINTED_NAME_WORDS = 4
# A link's call to follow it, or a word saying it links the source, no name: "اضغط هنا",
# "click here", "المصدر", "Read more", "المقال الأصلي" (the source fields' and the
# original's links alike).
# (Not "الخبر", "المصدر": papers' names, El Khabar, Al-Masdar Online.)
LINK_CALL = re.compile(
    r"(?:^|\s)(?:هنا|اضغط|انقر|اقرأ|اقرا|للمزيد|المزيد|الرابط|رابط|الأصل|الأصلي"
    r"|here|click|read|more|source|original|link|full|continue)(?:\s|$)",
    re.I,
)


_ORIGINAL_METAS = ("original-source", "syndication-source")


# A host's prefixes that name no other site: its web, mobile and AMP editions.
_EDITION_PREFIX = re.compile(r"^(?:www\d?|m|mobile|amp|ar|en)\.")


def _site_host(url: str) -> str:
    """The address's host without its edition's prefix ("m.gulfdaily.example":
    "gulfdaily.example")."""
    try:
        return _EDITION_PREFIX.sub("", urlsplit(url).hostname or "") if url else ""
    except ValueError:  # ("https://[host/...": no address)
        return ""


def json_ld_source(page: PageMeta, page_url: str = "") -> SourceLine | None:
    """The agency the article's JSON-LD names as its `sourceOrganization`, where the page
    prints no credit: a known agency or outlet only (the property also names the creator's
    employer, a paper's owning group), not the site's own."""
    ld = json_ld_article(page) or {}
    for node in as_list(ld.get("sourceOrganization")):
        name = node.get("name") if isinstance(node, dict) else node
        if not isinstance(name, str):
            continue
        name = clean_text(name)
        if (
            0 < len(name) <= MAX_SOURCE_SLOT_CHARS
            and is_known_outlet(name)
            and not is_site_name(page, name, page_url)
        ):
            return SourceLine(raw=name, names=(name,), form="json-ld-source")
    return None


def site_dateline(page: PageMeta, line: str, page_url: str = "") -> bool:
    """Whether a line is the story's dateline naming the site alone, no story text: a
    place, or "خاص" (the site's own story) or "رصد" (gathered from others' reports), a
    colon or a dash, the site's name ("الخرطوم: باج نيوز", "خاص - عُمان نت") or its unnamed correspondent ("القاهرة - مراسل
    الموقع"), or the site's name before "خاص"."""
    match = _PLACE_THEN_SITE.fullmatch(clean_text(line))
    if match and (match.group("site").strip() in _EXCLUSIVE or is_place(match.group("site"))):
        # ... or the other way round: "المصدر أونلاين - خاص", "أثير – صحار" (the short
        # name of "صحيفة أثير الإلكترونية").
        return is_site_name(page, match.group("place"), page_url, part=True)
    if match is None:
        return False
    exclusive = match.group("place").strip() in _EXCLUSIVE
    return (is_place(match.group("place")) or exclusive) and (
        # (The site's short name too, after a known place or "خاص" or "رصد": "ود مدني:
        # التغيير" on «صحيفة التغيير السودانية», "رصد – أثير".)
        is_site_name(page, match.group("site"), page_url, part=True)
        or match.group("site").strip() in _OWN_CORRESPONDENT
    )


# (And a story gathered from others' reports: "رصد – أثير", "متابعة - الموقع".)
_EXCLUSIVE = frozenset(("خاص", "حصري", "حصريا", "حصرياً", "رصد", "متابعة", "متابعات"))
# The site's correspondent, unnamed ("القاهرة - مراسل الموقع").
_OWN_CORRESPONDENT = frozenset(
    ("مراسل الموقع", "مراسلة الموقع", "مراسلنا", "مراسلتنا", "مندوب الموقع", "مندوبنا")
)


_PLACE_THEN_SITE = re.compile(
    r"(?P<place>[^\W\d_][^:\-–—ـ]{1,30}?)\s*[:\-–—ـ]\s*(?P<site>[^:]{2,40}?)[\s:\-–—ـ]*"
)


def byline_person(page: PageMeta, name: str, page_url: str = "") -> str:
    """The person a byline slot names: "" for a dateline ("عمّان - بترا"), an agency
    after the site's name ("هسبريس - و.م.ع") or the site "from" a city ("هسبريس من
    الرباط"); the reporter after the site's name and a dash ("هسبريس - عبد العزيز أكرام":
    عبد العزيز أكرام); else the name without the reporter's city or role beside it."""

    def own(outlet: str, part: bool = False) -> bool:
        return is_site_name(page, outlet, page_url, part)

    name = _without_site_name(_author_name(name), own)
    return "" if _dateline(name, own) else _without_place(_without_role(name, own))


# The site's name "from" a place: its own story, no person ("هسبريس من الرباط").
_SITE_FROM_PLACE = re.compile(r"^(?P<site>.+?)\s+من\s+[^\W\d_]+(?:\s[^\W\d_]+)?$")


def _without_site_name(name: str, own: Callable[[str], bool]) -> str:
    """A byline without the site's name and a dash before it ("هسبريس - عبد العزيز أكرام":
    عبد العزيز أكرام), or the reporter's city and the site's name before it ("بنغازي -
    بوابة الوسط: سالم العبيدي"); "" when an agency, a city or "خاص" follows ("هسبريس -
    و.م.ع": a credit, no person; "سكاي نيوز عربية - أبوظبي": the site's own story), a
    place after "من" ("هسبريس من الرباط": the site's own story), or no person's name after
    the colon ("…: مراسل الوسط")."""
    if (found := _SITE_FROM_PLACE.match(name)) and own(found.group("site")):
        return ""
    if (
        (found := _PLACE_OUTLET_NAME.fullmatch(name))
        and is_place(found["place"])
        and own(found["outlet"])
    ):
        # "بنغازي - بوابة الوسط: سالم العبيدي"; no one in "…: مراسل الوسط", "…: عن الغارديان".
        person = found["name"]
        return (
            person
            if PERSON_NAME.fullmatch(person)
            and not is_place(person)
            and not is_known_outlet(person)
            and not not_a_reporter(person)
            and not house_account(person)
            else ""
        )
    match = _DATELINE_BYLINE.match(name)
    if match is None or not own(match.group("place").strip()):
        return name
    rest = match.group("outlet").strip()
    # An agency after the site's name credits the story; a city gives where it was written;
    # "خاص" marks the site's own story ("المصدر أونلاين - خاص").
    return "" if is_known_outlet(rest) or is_place(rest) or rest in _EXCLUSIVE else rest


def _agencies_in_byline(name: str, source: str) -> bool:
    """Whether a byline element printed on the page holds only agencies ("وكالات", "أ ف
    ب"): the story's source, no author. (JSON-LD and meta tags naming an agency as the
    author are read as they say.)"""
    return (
        source in ("byline-class", "byline-markup", "labelled-byline")
        and bare_credit(name) is not None
    )


def _dateline(name: str, own: Callable[..., bool]) -> bool:
    """Whether a byline is a dateline, no person: a place, a dash and the site's own name
    or a known agency ("عمّان - الأفق", "عمّان - بترا"), or places and either in brackets
    ("دبي، الإمارات العربية المتحدة (CNN)"); "محمد علي - إسطنبول" names a person."""
    match = _DATELINE_BYLINE.match(name)
    if match:
        outlet = match.group("outlet")
        correspondent = _CORRESPONDENT_OF.fullmatch(outlet.strip())
        return (
            own(outlet)
            # The site's correspondent, unnamed: "النعمة – مراسل الأخبار".
            or bool(correspondent and own(correspondent["site"], part=True))
            or dateline_credit(name) is not None
            # A known place and a short form of the site's name: "الدوحة - الشرق" on
            # «جريدة الشرق القطرية».
            or (is_place(match.group("place")) and own(outlet, part=True))
        )
    # Places and the outlet in brackets: "دبي، الإمارات العربية المتحدة (CNN)".
    credited = _PLACES_THEN_OUTLET.fullmatch(name)
    return bool(credited) and (
        (own(credited.group("outlet")) or is_known_outlet(credited.group("outlet")))
        and all(is_place(part) for part in re.split(r"\s*[,،]\s*", credited.group("places")))
    )


_CORRESPONDENT_OF = re.compile(r"(?:مراسل|مراسلة|مندوب)\s+(?P<site>\S.{1,30})")
_PLACES_THEN_OUTLET = re.compile(r"(?P<places>[^()]+?)\s*\((?P<outlet>[^()]+)\)")


# Words of a role, or of the office, that a byline appends after the name, capitalized or
# not ("Staff Writer", "Washington Correspondent", "Redakteurin", "University
# Communications").
_ROLE_NAMES = (
    "staff writer reporter correspondent editor contributor columnist journalist "
    "redakteur redakteurin korrespondent korrespondentin journalistin rédacteur "
    "rédactrice corresponsal redactor redactora communications office desk bureau"
)
_ROLE_WORDS = frozenset(_ROLE_NAMES.split())
# German compounds end on the office or role ("ARD-Hauptstadtstudio", "Wirtschaftsredaktion",
# "Auslandskorrespondentin").
_ROLE_ENDINGS = (
    "studio",
    "redaktion",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
)


def _names_a_role(piece: str) -> bool:
    words = re.split(r"[\s\-–]+", piece.casefold())
    return any(word in _ROLE_WORDS or word.endswith(_ROLE_ENDINGS) for word in words if word)


def role_line(line: str) -> bool:
    """Whether a line is only a writer's role, as a byline's second line prints it
    ("Gazette Correspondent", "Staff Writer"): a few words, a role among them, no
    sentence."""
    text = clean_text(line)
    return (
        0 < len(text) <= MAX_ROLE_LINE_CHARS
        and len(text.split()) <= 5
        and not re.search(r"[.!?؟:]", text)
        and _names_a_role(text)
    )


MAX_ROLE_LINE_CHARS = 60


# Korean bylines put the role after the name with no comma ("신현주 기자": reporter;
# correspondent, senior reporter, editorial writer).
_TRAILING_ROLE = re.compile(r"\s+(?:기자|특파원|선임기자|논설위원)$")
# TownNews (BLOX) sites run an English title into the name with no comma, in the byline
# and in the author meta ("Jennifer Kastens Staff Writer"): a qualified role at the end.
_TRAILING_TITLE = re.compile(
    r"(?<=[^\W\d_])\s+(?:Staff|Senior|Contributing|Special|Chief|Sports|Business|Political"
    r"|Foreign|Regional|Local)\s+(?:Staff\s+)?(?:Writer|Reporter|Correspondent|Editor)$"
)

# ... or a title after a comma, a spaced dash or a slash, the outlet's name in it ("Tshepiso
# Mokoena - Creamer Media Senior Writer", "Shanique Walters/Gleaner Writer"): all of it goes.
_ROLE_AFTER = re.compile(
    r"\s*(?:,|\s[-–—|]\s|/)\s*(?:[A-Z][\w&'’.-]*\s+){0,4}"
    r"(?:Writer|Reporter|Correspondent|Editor|Contributor|Journalist)s?$"
)


# A reporter's city beside the name: after a dash ("سامي الخطيب - القاهرة"), in brackets
# after it ("فهد الشمري (جدة)", Saudi dailies), or before it with a colon ("الجزائر: حميد
# يس", Algerian dailies).
_PLACE_BESIDE_NAME = re.compile(
    r"^(?:(?P<person>.+?)\s+(?:[-–—]\s+(?P<after>[^-–—()]+?)|\((?P<bracketed>[^()]+)\))"
    r"|(?P<before>[^:()]+?)\s*:\s*(?P<named>.+?))\s*$"
)


# Before a colon, one or two Arabic words name the reporter's town, a smaller one than
# the layer knows (a person's name is printed after it, of two words or more).
_TOWN = re.compile(r"[ء-ي]{2,}(?: [ء-ي]{2,})?")


def _without_place(name: str) -> str:
    """A byline without the reporter's city beside the name (`_PLACE_BESIDE_NAME`), when
    the city is a place the layer knows."""
    match = _PLACE_BESIDE_NAME.match(name.strip())
    if match is None:
        return name
    person = match.group("person") or match.group("named")
    place = match.group("after") or match.group("bracketed") or match.group("before")
    if is_place(place.strip()) and 0 < len(person.split()) <= 5:
        return person.strip()
    if match.group("before") and _TOWN.fullmatch(place.strip()) and 2 <= len(person.split()) <= 5:
        return person.strip()  # a town the layer does not know ("ود مدني: عبد الرحيم الطيب")
    return name


# A name in capitals and the paper's name in title case after it, with no comma.
_CAPITALS_THEN_OUTLET = re.compile(
    r"(?P<name>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,3}) (?:[A-Z][a-z]+\.?)(?: [A-Z][a-z]+\.?){1,4}"
)


def _without_role(name: str, own: Callable[[str], bool]) -> str:
    """A name without what follows it after a comma when that is the person's role or the
    outlet, not another name or a place: a phrase of common lower-case words ("Povilas
    Aleksandravičius, Mykolo Romerio universiteto ... profesorius, Lrt.lt"), a role
    ("Jane Doe, Staff Writer", "Jane Doe/Gleaner Writer"), the site's own name or address,
    or its name with a region
    or a desk after it ("David Straub, MDR THÜRINGEN"); and without a Korean role or a
    qualified English title run into the name ("신현주 기자", "Jennifer Kastens Staff
    Writer")."""
    name = _ROLE_AFTER.sub("", _TRAILING_ROLE.sub("", name))
    if (title := _TRAILING_TITLE.search(name)) and len(name[: title.start()].split()) >= 2:
        name = name[: title.start()]
    if capitals := _CAPITALS_THEN_OUTLET.fullmatch(name):
        name = capitals.group("name")  # TownNews: "MARGARET REIST Lincoln Journal Star"
    first, *rest = name.split(",")
    if not rest or _common_word(first):
        return name
    # (An agency's initials after the name are no second writer: "Ama Serwaa Owusu, GNA".)
    kept = [
        piece
        for piece in map(str.strip, rest)
        if not (
            _common_word(piece)
            or _names_a_role(piece)
            or own(piece)
            or own(piece.split(" ")[0])
            or _AGENCY_INITIALS.fullmatch(piece)
            or _DESK_ACCOUNT.fullmatch(piece)  # "Leanne Dubois, Saskatoon newsroom"
            or _BUREAU.fullmatch(piece)
        )
    ]
    return ", ".join([first.strip(), *kept])


_AGENCY_INITIALS = re.compile(r"[A-Z]{2,6}")


def _flattened(entries: list[Any]) -> list[Any]:
    return [e for entry in entries for e in (entry if isinstance(entry, list) else [entry])]


def _author_name(candidate: Any) -> str:
    """A candidate byline as a name; "" for an e-mail address, a link, a path, or a
    value with no letter (a user id such as "105092")."""
    name = _byline_name(candidate if isinstance(candidate, str) else "")
    if "@" in name or "://" in name or name.startswith("/"):
        return ""
    return name if any(c.isalpha() for c in name) else ""


# The label Yoast SEO gives the post author's name in its Twitter card ("twitter:label1"
# "Written by", "twitter:data1" the name), as WordPress's locales translate it, folded.
_WRITTEN_BY = {
    "writtenby",
    "verfasstvon",
    "écritpar",
    "escritopor",
    "scrittoda",
    "geschrevendoor",
    "كتببواسطة",
    "yazan",
}


def written_by(page: PageMeta) -> str:
    """The name in Yoast's "Written by" Twitter label, "" when the page has none."""
    for number in range(1, 5):
        label = meta_content(page, f"twitter:label{number}")
        if label is None:
            break
        if _fold(label) in _WRITTEN_BY:
            return meta_content(page, f"twitter:data{number}") or ""
    return meta_content(page, "twitter:misc:written by") or ""


def is_site_name(
    page: PageMeta, name: str, page_url: str = "", part: bool = False, bare: bool = True
) -> bool:
    """Whether a byline names the site itself: one of its names, or its address ("mdr.de",
    "Deutsche Welle (www.dw.com)"); with `part`, also a word of four letters or more of
    one of its names ("الشرق" of «جريدة الشرق القطرية»)."""
    folded = _fold(name)
    host = _fold((urlsplit(page_url).hostname or "").removeprefix("www.")) if page_url else ""
    names = site_names(page)
    if folded in names or _SITE_SUFFIX.sub("", folded) in names:
        return True
    # Its full name without the adjective after it ("قناة العالم" of «قناة العالم الإخبارية»).
    if len(folded) >= 4 and any(
        n.startswith(folded) and _OUTLET_AFTER.fullmatch(n[len(folded) :]) for n in names
    ):
        return True
    # ... or without the outlet's noun before it ("السياسة" of «جريدة السياسة»); `bare`
    # False where the word may be the page's own ("عن الوطن", a column's title).
    if (
        bare
        and len(folded) >= 4
        and any(n.endswith(folded) and n[: len(n) - len(folded)] in _OUTLET_BEFORE for n in names)
    ):
        return True
    if part and len(folded) >= 4 and any(folded in n for n in names):
        return True
    return bool(host and (host in folded or host.startswith(folded)))


def beside_the_site(page: PageMeta, credit: SourceLine, page_url: str = "") -> list[str]:
    """A credit's names without the site's own where a dash joins it to known agencies
    or outlets after it ("TRT عربي - وكالات", "TRT عربي - الأناضول": the agencies' copy, the site's
    name a label); joined by "+", "and" or a comma ("الجزيرة + وكالات", "Al Jazeera and
    news agencies") both reported it, and both stay."""
    names = list(credit.names)
    if len(names) < 2:
        return names
    own = [name for name in names if is_site_name(page, name, page_url)]
    others = [name for name in names if name not in own]
    joined = any(re.search(re.escape(name) + r"\s*[-–—]\s*\S", credit.raw) for name in own)
    # (Only before agencies or outlets: "المصدر: الشمال السوري - القامشلي" names its town.)
    return others if joined and others and all(map(is_known_outlet, others)) else names


# A site's name with its web suffix, as bylines print it ("العربية.نت", "الجزيرة نت").
_SITE_SUFFIX = re.compile(r"(?<=\w)(?:نت|net|com|اونلاين|أونلاين|online)$")


def body_byline(
    paragraphs: list[str], page: PageMeta, page_url: str = ""
) -> tuple[str, int | None, str]:
    """The author a story's text names, and the index of the paragraph that names it: a
    first paragraph that is a labelled byline (`opening_byline`), else, where the metadata
    names no person (`names_nobody`), a paragraph printed wholly in bold among the first
    three or the last that holds only names ("LEILA HADDAD", "Jane Doe/John Roe"), or
    the reporters the story's dateline names (`dateline_reporters`; the paragraph stays:
    index None).
    The third value names the kind for provenance; ("", None, "") when none."""
    name, lines = opening_byline_lines(paragraphs)
    if lines == 1:
        return name, 0, "body:opening-byline"
    if not paragraphs or not names_nobody(page, author(page, page_url)[0], page_url):
        return "", None, ""
    if name := _outlet_dateline_name(paragraphs[0], page, page_url):
        return name, 0, "body:dateline-byline"  # a line of its own, no story text
    if reporters := dateline_reporters(paragraphs[0]):
        return reporters, None, "body:dateline-reporters"  # the paragraph is the story's
    last = len(paragraphs) - 1
    for index in dict.fromkeys([*range(min(3, len(paragraphs))), last]):
        if index >= 0 and (name := _bold_names(paragraphs[index], page)):
            return name, index, "body:bold-byline"
    return "", None, ""


# A Chinese agency's dateline naming its reporters: "新华社北京12月4日电（记者李华、张伟）".
_CJK_DATELINE_REPORTERS = re.compile(
    r"[\u4e00-\u9fff]{2,5}社[\u4e00-\u9fff]{1,10}?\d{1,2}月\d{1,2}日[电電]\s*"
    r"[（(](?:记者|記者)\s*(?P<names>[\u4e00-\u9fff·、 ]{2,40})[）)]"
)


# A city, a dash and the reporter before a bar, then the story: "دمشق – رامي العلي |
# أعلنت ...", as papers print it where the post goes out under the desk's account.
_PLACE_REPORTER_BAR = re.compile(
    r"(?P<place>[^\W\d_][^|:\-–—]{0,30}?)\s+[-–—]\s+(?P<name>[^\W\d_][^|:\-–—\d]{2,40}?)"
    r"\s*\|\s*[^\W_]"
)


# The place, the site's or an agency's name, the reporter: a line of its own opening the
# story ("رام الله - دنيا الوطن - رنا الشرفا", "بغداد – واع – آمنة السلامي"), or a byline
# (Al-Wasat's "بنغازي - بوابة الوسط: سالم العبيدي").
_PLACE_OUTLET_NAME = re.compile(
    r"(?P<place>[^\W\d_][^|:\-–—]{1,25}?)\s+[-–—]\s+(?P<outlet>[^|:\-–—]{2,30}?)"
    r"(?:\s+[-–—]\s+|\s*:\s*)(?P<name>[^\W\d_][^|:\-–—\d]{2,40}?)\s*[:.]?"
)


def _outlet_dateline_name(paragraph: str, page: PageMeta, page_url: str) -> str:
    """The reporter a line of its own names after the place and the outlet (`_PLACE_
    OUTLET_NAME`: the site's own name or a known agency); "" when none."""
    found = _PLACE_OUTLET_NAME.fullmatch(clean_text(paragraph))
    if found is None or not is_place(found["place"].strip()):
        return ""
    outlet, name = found["outlet"].strip(), found["name"].strip()
    outlet = outlet.removeprefix("خاص ")  # "الخليل - خاص صوت الخليل - منى الجعبري"
    if not (is_known_outlet(outlet) or is_site_name(page, outlet, page_url)):
        return ""
    if (
        2 <= len(name.split()) <= 4
        and not is_place(name)
        and not is_known_outlet(name)
        and not is_site_name(page, name, page_url)
        and not _common_word(name)
        and not _told_elsewhere(name, clean_text(paragraph), page)
    ):
        return name
    return ""


def _told_elsewhere(words: str, line: str, page: PageMeta) -> bool:
    """Whether the title, the headline or the description tell `words` again, most of them
    ("نابلس - وفا - أصيب شاب برصاص الاحتلال" under "إصابة شاب برصاص الاحتلال خلال اقتحام
    نابلس": a newsflash's sentence, no writer's name), leaving out the `line` they stand
    in (an excerpt repeating the story's opening, the byline's line with it)."""
    texts = [page.title or "", *stated_headlines(page), *stated_descriptions(page)]
    stated = clean_text(" ".join(texts)).replace(line, " ")
    if _fold(words) in _fold(stated):
        return True
    told = {_fold(word) for word in stated.split()}
    shared = sum(_fold(word) in told for word in words.split())
    return shared >= 2 and 2 * shared > len(words.split())


def dateline_reporters(paragraph: str) -> str:
    """The reporters the dateline opening a story names, joined with ", " ("" when
    none): a Chinese agency's ("新华社北京12月4日电（记者李华、张伟）"), or a city, a dash and
    one person before a bar ("دمشق – رامي العلي | ..."; not an agency or a place there)."""
    text = paragraph.strip()
    if found := _CJK_DATELINE_REPORTERS.match(text):
        names = [n for n in re.split(r"[、\s]+|和", found["names"]) if 2 <= len(n) <= 4]
        return ", ".join(names)
    if (found := _PLACE_REPORTER_BAR.match(text)) and is_place(found["place"].strip()):
        name = found["name"].strip()
        if (
            2 <= len(name.split()) <= 4
            and not is_place(name)
            and not is_known_outlet(name)
            and not _common_word(name)
        ):
            return name
    return ""


def _bold_names(paragraph: str, page: PageMeta) -> str:
    text = clean_text(paragraph)
    if text not in page.bold_lines or len(text) > 80 or text[-1:] in '.!?؟:؛”"':
        return ""

    def own(name: str, part: bool = False) -> bool:
        return is_site_name(page, name, "", part)

    if _dateline(text, own) or not (text := _without_site_name(text, own)):
        # "أبوظبي - الساحل نيوز": the city and the site, no writer; "المصدر أونلاين - خاص":
        # the site's own story.
        return ""
    names = [n.strip() for n in re.split(r"\s*[/,&،]\s*", text)]
    if not all(1 < len(n.split()) <= 4 and not _common_word(n) for n in names):
        return ""
    if any(c.isdigit() for c in text):
        return ""
    return ", ".join(names)


# The accounts a site posts under when no person signs: a content system's default logins
# (WordPress's "admin", Joomla's "Super User"), the desk.
_HOUSE_ACCOUNTS = frozenset(
    _fold(name)
    for name in (
        "admin", "administrator", "super user",
        "editor", "staff", "newsroom", "web desk",
        "redaction",
        "la rédaction", "redacción", "la redacción", "redaktion", "die redaktion", "redazione",
        "la redazione", "المحرر", "محرر الموقع", "التحرير", "فريق التحرير",
        "هيئة التحرير", "أسرة التحرير", "إدارة الموقع", "ادارة الموقع", "مدير الموقع",
        "تحرير الموقع", "الموقع", "مقالات الرأي", "كتاب الرأي", "قسم الرأي",
    )
)  # fmt: skip


def house_account(name: str) -> bool:
    """Whether a name is an account no writer signs: a content system's default login,
    the site's house account or a desk's, also with the desk's place after a comma
    ("Super User", "فريق التحرير", "Staff Correspondent, Jashore"). Readers name no
    author for them, even printed as the byline ("كتب بواسطة: Super User"). The chains
    read one as nobody (`names_nobody`), so that a byline, a credit line's reporter or a
    closing signature can still name the writer, and drop it last."""
    desk, comma, place = name.partition(",")
    if comma and 0 < len(place.split()) <= MAX_PLACE_WORDS and _DESK_ACCOUNT.fullmatch(desk):
        return True
    return _fold(name) in _HOUSE_ACCOUNTS or bool(_DESK_ACCOUNT.fullmatch(name))


MAX_PLACE_WORDS = 3


def account_only(account: str) -> str:
    """Why a record has no author where the page names an account (`house_account`)."""
    return f"only an account is named, no writer: {account}"


def closing_writer(
    page: PageMeta,
    author: str | None,
    body: str | None,
    source: SourceLine | None,
    page_url: str = "",
) -> tuple[str, str, str] | None:
    """(name, provenance, the body without it) when the story's closing signature names its
    writer over the metadata's author: there is none, or it names nobody (a login, the
    desk), in which case a bare name after the story's last sentence counts too."""
    if author and (fuller := _fuller_closing_name(body, author)):
        return fuller
    if author and not names_nobody(page, author, page_url):
        return None
    return closing_signature(body, source, bare=bool(author))


MAX_CLOSING_NAME_WORDS = 4


def _fuller_closing_name(body: str | None, author: str) -> tuple[str, str, str] | None:
    """The writer's whole name alone closing the story where the metadata gives the
    account's first name only ("ريم", then "ريم الأحمد" under SANA's story): (name,
    provenance, the body without it)."""
    story, _, last = (body or "").rpartition("\n\n")
    printed = last.strip()
    if (
        story
        and printed.startswith(f"{author} ")
        and len(printed.split()) <= MAX_CLOSING_NAME_WORDS
        and PERSON_NAME.fullmatch(printed)
    ):
        return printed, "body:closing-name", story
    return None


# A desk's or a staff title before the site's name: "محرر قدس برس", "فريق تحرير الوسط",
# "Editor, Gulf Times".
_DESK_TITLE_OF = re.compile(
    r"(?:ال)?(?:محرر|محررة|محررو|فريق عمل|فريق تحرير|فريق|تحرير|هيئة تحرير|أسرة تحرير|مراسل|مراسلة"
    r"|مراسلو)\s+(?:موقع\s+|وكالة\s+)?(?P<site>\S.{2,})"
    r"|(?:editor|staff|team|desk|newsroom)(?:,|\s+at)?\s+(?P<site_en>\S.{2,})",
    re.I,
)


def names_an_account(page: PageMeta, name: str, page_url: str = "") -> bool:
    """Whether a name is an account no writer signs: `house_account`'s, or the site's desk
    by its title and the site's name ("محرر قدس برس" on Quds Press)."""
    if house_account(name):
        return True
    found = _DESK_TITLE_OF.fullmatch(name.strip())
    site = found and (found["site"] or found["site_en"])
    return bool(site) and is_site_name(page, site, page_url)


def names_nobody(page: PageMeta, name: str, page_url: str = "") -> bool:
    """Whether an author the metadata gives names no person: nothing, the site itself,
    WordPress's default account ("admin", at /author/admin/), the desk's ("محرر
    الموقع", "فريق التحرير", "GhanaPulse Desk"), or a login handle ("gazette-web",
    "editor_2", "djazairtoday": Latin lower case, no space; a name is capitalized)."""
    if not name or is_site_name(page, name, page_url) or names_an_account(page, name, page_url):
        return True
    if _LOGIN_HANDLE.fullmatch(name):
        return True
    entries = _flattened(as_list((json_ld_article(page) or {}).get("author")))
    return any(
        isinstance(e, dict) and "/author/admin/" in str(e.get("@id") or e.get("url") or "")
        for e in entries
    )


# A desk's account under the site's or a section's name ("GhanaPulse Desk", "Sports
# Desk", "Web Team"; not "staff" alone, a surname too).
_DESK_ACCOUNT = re.compile(
    r"(?:[\w.'’&-]+ ){0,3}(?:news ?desk|desk|newsroom|news staff|web team|editorial (?:team|staff))"
    # A paper's title for its unnamed reporters ("Special Correspondent", "Mirror Reporter").
    r"|(?:[\w.'’&-]+ )?(?:reporter|correspondent)s?"
    # The newsroom's, the news desk's ("غرفة أخبار رواق", "قسم الأخبار"), a section's
    # editor ("المحرر الاقتصادي", "محرر الاقتصاد").
    r"|(?:غرفة|قسم|مكتب) (?:ال)?أخبار(?: \S+){0,2}|قسم (?:ال)?(?:ترجمة|تحرير|متابعة)"
    r"|(?:ال)?محرر (?:ال)?(?:اقتصاد|رياض|سياس|ثقاف|محلي|دولي|فني|علمي)\S*",
    re.I,
)
# A bureau named after the writer ("Saskatoon bureau", "Gaza bureau").
_BUREAU = re.compile(r"(?:[\w.'’-]+ ){1,3}(?:bureau|office|desk)", re.I)
_LOGIN_HANDLE = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+|[a-z]+\d*")


def credit_line(paragraph: str) -> bool:
    """Whether a paragraph is only a contributor's credit under the byline ("ترجمة: سامي
    أبو ريا", "تصوير: ...", "Translated by ..."): a label and a few words."""
    text = clean_text(paragraph)
    return (
        bool(_CREDIT_ROLE.match(text))
        and len(text.split()) <= _MAX_NAME_WORDS + 2
        and not any(c.isdigit() for c in text)
    )


# A wire story's byline opening its first paragraph, then the story ("By Tunde Afolabi and
# Grace Mensah, Reuters — LAGOS, Aug 11 — Nigeria's central bank ...").
# The names are capitalized words (not "By late Monday", "By contrast"); the story opens
# on its dateline's place in capitals ("LAGOS, Aug 11 —").
_WIRE_BYLINE = re.compile(
    r"By (?P<names>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
    r"(?:(?:,| and| &) [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})*),"
    r" (?P<agency>[^,—–]{2,40}?) [—–] (?P<rest>[A-Z]{2,}[A-Z .'-]*(?:,|\s[—–(]).{40,})",
    re.S,
)
_NOT_NAME_WORDS = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("morning", "afternoon", "evening", "night", "noon", "midnight", "today", "yesterday"),
    )
)


def wire_byline(paragraph: str) -> tuple[str, str, str] | None:
    """(reporters, agency, the paragraph after them) where a first paragraph opens with a
    wire story's byline naming a known agency, then the dateline; None otherwise."""
    match = _WIRE_BYLINE.match(clean_text(paragraph))
    if match is None or not is_known_outlet(match.group("agency")):
        return None
    if _NOT_NAME_WORDS & set(match.group("names").casefold().split()):
        return None
    names = opening_byline(f"By {match.group('names')}")
    return (names, match.group("agency"), match.group("rest")) if names else None


_IN_ARABIC_PLACE = re.compile(r"\s+في\s+(?P<place>[^\W\d]+(?:\s[^\W\d]+)?)$")


def starts_with_byline(text: str) -> bool:
    """Whether a text opens with a byline's label ("By", "بقلم", "كتب:")."""
    return bool(_BYLINE_PREFIX.match(clean_text(text)))


def opening_byline(paragraph: str) -> str:
    """The name a body's first paragraph gives when that paragraph is only a labelled byline,
    as many Arabic sites print it inside the story ("كتب: محمد علي", "بقلم - سارة", "إعداد:
    سارة يلماز - إسطنبول", the place after the dash dropped), or "By Jane Doe"; "" for
    anything else (a label is required: a short line of capitalized words may be a
    subheading)."""
    text = clean_text(paragraph).lstrip("* ")  # (a footnote's mark: "* أعد التقرير: …")
    place, dash, rest = text.partition(" – " if " – " in text else " - ")
    if dash and _ARABIC_BYLINE_LABEL.match(rest) and _PLACE_WORDS.fullmatch(place):
        # "غزة – كتب: محمد أبو شمالة", "سلفيت – تقرير: ...": the town, then the byline.
        text = rest
    if _ARABIC_BYLINE_LABEL.match(text):
        text = text.removesuffix(":")  # "كتب- أحمد سالم:" (the story follows the colon)
    if len(text) > 80 or not _BYLINE_PREFIX.match(text) or any(c.isdigit() for c in text):
        return ""
    # "بقلم: مارك هولبروك - الباحث في شؤون الشرق الأوسط": the writer's role after the dash.
    # (A footnote's mark after the name: "كمال بن عيسى*", the bio under the story.)
    name = _without_place(_ROLE_AFTER_DASH.sub("", _byline_name(text))).rstrip(" *")
    # "رامي العلي في دمشق": the city the writer files from.
    if (placed := _IN_ARABIC_PLACE.search(name)) and is_place(placed.group("place")):
        name = name[: placed.start()]
    names = name.split(", ")
    if not all(0 < len(n.split()) <= _MAX_NAME_WORDS for n in names) or name[-1:] in ".!?؟:؛":
        return ""
    return name


def opening_byline_lines(paragraphs: list[str]) -> tuple[str, int]:
    """The name the body's opening byline gives and how many of its first paragraphs it
    takes: one (`opening_byline`), or two where the label stands alone on the first ("كتبت:"
    above "حنان الفيتوري", a writer's box a theme's content splits in lines); ("", 0)."""
    if not paragraphs:
        return "", 0
    if (
        len(paragraphs) > 2
        and _BYLINE_WORD_ONLY.fullmatch(clean_text(paragraphs[0]))
        and (name := opening_byline(f"{clean_text(paragraphs[0])} {clean_text(paragraphs[1])}"))
    ):
        return name, 2
    return (name, 1) if (name := opening_byline(paragraphs[0])) else ("", 0)


# A town's name before a byline's dash: a word or two, no digit.
_PLACE_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)?")


# A contributor a byline credits beside the writer, after a label: the photographer, the
# translator, the graphics or video editor ("تقرير: عمر الشامي / تصوير: ماهر يوسف"). The
# label and what follows are no author; a byline that opens with one names no writer.
_CREDIT_ROLE = re.compile(
    r"(?:^|\s*[/|،,\-–—]\s*|\s+)(?:تصوير|ترجمة|جرافيك|إنفوجراف|انفوجراف|مونتاج|تصميم|رسوم|تدقيق"
    r"|مراجعة|photos?|photography|translated by|translation)\s*[:：\-–]"
    # (or after a dash with no colon: "كتبت سارة عبد الحميد - تصوير أحمد معروف")
    r"|\s+[/|\-–—]\s*(?:تصوير|ترجمة)\s+(?=\S)",
    re.I,
)
# Older WordPress themes' entry meta: "Posted on March 10, 2025 at 4:15 PM by Jill
# Sanderson", and "By Jill Sanderson on March 10, 2025": the date is no part of the name.
_POSTED_ON = re.compile(r"^posted on .{4,40}? by\s+", re.I)
_DATE_AFTER_NAME = re.compile(
    r"\s+on\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat"
    r"|sun)[a-z]*\.?\s)",
    re.I,
)
# What else follows a name after "،": an exclusive's mark, a title ("أستاذ العلوم
# السياسية", "خبير اقتصادي").
_BESIDE_NAME = re.compile(r"^(?:خاص|حصري|حصريا|أستاذ|أستاذة|خبير|خبيرة|عضو|مستشار|مستشارة)(?:\s|$)")
# ("تقرير وتصوير" as a field's label of its own, no colon, too.)
_REPORT_AND_PICTURES = re.compile(r"^(تقرير|إعداد|كتابة)\s+و(?:تصوير|تحرير)\s*(?::|$)")
# The paper an aggregated piece was written for, quoted after the writer's name: 'في
# "النهار"', 'لـ«الأخبار»'.
_IN_OUTLET = re.compile(r"\s+(?:في|لـ|ل|عن)\s*[\"«“][^\"«»“”]{1,40}[\"»”]\s*:?$")
# ... or before it, after the label: 'أعد التقرير لـ"المصدر أونلاين": هشام الصوفي'.
_FOR_OUTLET = re.compile(r"^(?:لـ|ل)\s*[\"«“][^\"«»“”]{1,40}[\"»”]\s*:\s*")
# Names in a byline are listed with commas, Latin or Arabic ("علي المري، ونورة السويدي").
_NAME_SEPARATOR = re.compile(r"\s*،\s*|,\s+")
# A second writer's label joined to the first name by "و": one more writer.
_JOINED_LABEL = re.compile(r"\s+و(?:تحرير|إعداد|تقرير|كتابة|متابعة)\s*[:：]\s*")


_IN_PLACE = re.compile(r"\s+in\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s+and\s|\s*,|\s*$)")


def _byline_name(text: str) -> str:
    """A byline without "By"/"Von"/"بقلم" before it and without the contributors credited
    after it (`_CREDIT_ROLE`) ("" when too long to be one); Arabic names joined by "و" or
    listed with "،" apart ("أحمد علي ومحمد حسن" -> "أحمد علي, محمد حسن")."""
    # "تقرير وتصوير: X": the reporter took the pictures too.
    text = _REPORT_AND_PICTURES.sub(r"\1:", clean_text(text))
    text = _after_dateline_chain(_POSTED_ON.sub("", _BYLINE_PREFIX.sub("", text)))
    # "WANG Lina in Beijing and ZHOU Ming in Shanghai | Xinhua | Updated: ...": the writers
    # before the line's first bar, each without the city they wrote from.
    # (A piece that opens with the bar and a date's label is what follows the name: "|
    # Posted on June 14"; "بقلم | أحمد علي" is the label, the bar, the name.)
    if text.startswith("|"):
        text = "" if _DATE_LABEL_AFTER_BAR.match(text) else text.lstrip("| ")
    text = _IN_PLACE.sub("", _AFTER_BAR.split(text, 1)[0])
    if credit := _CREDIT_ROLE.search(text):
        text = text[: credit.start()]
    if dated := _DATE_AFTER_NAME.search(text):
        text = text[: dated.start()]
    text = _IN_OUTLET.sub("", text)  # 'كتبت ريما سعادة في "النهار"': the paper, no name
    text = _FOR_OUTLET.sub("", text)  # 'أعد التقرير لـ"المصدر أونلاين": هشام الصوفي'
    text = text.strip(" ,;|-–—")
    text = _INITIALS.sub("", text)  # "Elena Oberholzer (obe), Oliver Maksan (oma)"
    text = _HANDLE_AFTER_NAME.sub("", text)
    text = _JOINED_LABEL.sub("، ", text)  # "إعداد: سلمى الكعبي وتحرير: خالد المنصوري"
    if len(text) > 120:
        return ""
    if len(text.split()) > _MAX_NAME_WORDS and text[-1:] in ".!؟?":
        return text  # a sentence (an author box's bio), left whole for the callers to refuse
    first, *rest = [part for part in _NAME_SEPARATOR.split(text) if part] or [""]
    # After the first, a listed part that is a place or a role is the writer's city or
    # title ("أحمد سمير، القاهرة", "سارة علي، مراسلة الشؤون الاقتصادية"), no second writer;
    # so is one Arabic word not joined by "و" ("أحمد سمير، الإسماعيلية"): an Arabic byline
    # names a writer with two words at least. (Latin bylines keep "Jane Doe, Lille": the
    # corpus's publishers list the place as a name.)
    names = [first]
    for part in rest:
        # Only a name after the comma may carry the joining "و" ("وسيلة بوزيد" is a name).
        name = _without_joining_waw(part)
        if is_place(name) or _ARABIC_ROLE.match(name) or _BESIDE_NAME.match(name):
            continue
        if name == part and len(name.split()) == 1 and _ARABIC_WORD.match(name):
            continue
        names.append(name)
    return ", ".join(_split_joined_names(name) for name in names)


# A dash between the pieces of a byline, spaced on one side at least ("لندن- عربي21-"), a
# tatweel spaced on both ("عمان ـ بترا"); not the hyphen inside a name ("Jean-Pierre").
_BYLINE_DASH = re.compile(r"\s*[-–—]\s+|\s+[-–—]\s*|\s+ـ\s+")
# The most words an outlet between a dateline's place and the writer takes.
_CHAIN_OUTLET_WORDS = 3


def _after_dateline_chain(text: str) -> str:
    """The writer a byline names after a dateline chain: a place, the outlet, then the
    name, each after a dash ("لندن- عربي21- باسل درويش": باسل درويش); else the text."""
    pieces = _BYLINE_DASH.split(text)
    if (
        len(pieces) >= 3
        and is_place(pieces[0].strip())
        and all(0 < len(piece.split()) <= _CHAIN_OUTLET_WORDS for piece in pieces[1:-1])
    ):
        return pieces[-1].strip()
    return text


def _without_joining_waw(name: str) -> str:
    """A listed name without the "و" ("and") joined to it ("ونورة السويدي" after a comma),
    unless the word is a name that begins with it ("وليد")."""
    first = name.split(" ", 1)[0]
    if (
        len(first) > 2
        and first.startswith("و")
        and first not in _WAW_WORDS
        and _ARABIC_WORD.match(first)
        and len(name.split()) > 1
    ):
        return name[1:]
    return name


# Words that begin with "و" and open or carry a name, never "و" joined to the next name:
# given names ("وليد", "وائل", "وفاء") and the Mauritanian "ولد" ("son of").
_WAW_NAMES = (
    "وليد وائل وفاء وسام وعد وديع وجدي وحيد وحيدة وهيب وهبة وهبه وصفي وداد وجيه وفيق "
    "وفيقة ولاء وئام وضاح وسيم وجدان وردة ورد وصال وهب وسن واصف ولي ولد وداعة ونيس "
    "وهيبة وسيلة وضحى ورود وصفية وجيهة وديعة وسيمة وصال وعود"
)
_WAW_WORDS = frozenset(_WAW_NAMES.split())
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
# Words of a sentence, never of a name: "كتب: هبة محمود وقال إن ..." is a byline, then prose.
_PROSE_WORDS = "في من على عن إلى إن أن قد لا لم لن قال قالت أكد أضاف هذا هذه التي الذي"
_SENTENCE_WORDS = frozenset(_PROSE_WORDS.split())
_MAX_JOINED_NAME_WORDS = 4


def _split_joined_names(text: str) -> str:
    """Two Arabic full names joined by "و" before the second, apart: the "و" must follow
    a name of two words or more and open one of two words or more, so a name holding a
    word that begins with "و" stays whole ("سعد الله ونوس", "محمد ولد الشيخ")."""
    words = text.split()
    if len(words) < 4 or not all(_ARABIC_WORD.match(word) for word in words):
        return text
    for index in range(2, len(words) - 1):
        word = words[index]
        if word.startswith("و") and len(word) > 2 and word not in _WAW_WORDS:
            first, rest = words[:index], [word[1:], *words[index + 1 :]]
            if index > _MAX_JOINED_NAME_WORDS or any(w in _SENTENCE_WORDS for w in rest):
                return text
            rest_names = _split_joined_names(" ".join(rest))
            if any(len(n.split()) > _MAX_JOINED_NAME_WORDS for n in rest_names.split(", ")):
                return text
            return f"{' '.join(first)}, {rest_names}"
    return text


# What separates the items of a keywords list: commas (Latin, Arabic, ideographic and
# full-width), semicolons.
_KEYWORD_SEPARATORS = re.compile(r"[,،;、，；]")
# Kana, CJK ideographs, Hangul: scripts that write a word without spaces, so that a space
# in a keywords string of theirs can only separate one keyword from the next.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_UUID = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.IGNORECASE)


def keyword_list(text: str) -> list[str]:
    """A keywords string as its items: split at commas and semicolons, or, where it has
    none, at the spaces of a Chinese, Japanese or Korean list ("深空探测 探月工程")."""
    if _KEYWORD_SEPARATORS.search(text):
        return _KEYWORD_SEPARATORS.split(text)
    if _UNSPACED_SCRIPT.search(text):
        return text.split()
    return [text]


def tags(page: PageMeta, page_url: str | None = None) -> tuple[list[str], str]:
    """The page's tags, and where they were found: article:tag meta tags (one that holds a
    comma-joined list split), else JSON-LD keywords, else news_keywords or keywords meta
    (see `keyword_list`). A CMS's ids are no tags: a UUID, a number, the site's own host
    name. (([], "") when none.)"""
    if page.tags:
        words, source = page.tags, "meta:article:tag"
        # One tag holding the list; not a series that names one subject ("Business,
        # Finance, & Economics").
        if len(words) == 1 and not re.search(r",\s*(?:&|and\s)", words[0]):
            words = keyword_list(words[0])
        # All in One SEO lists the post's categories among its tags: a category's name
        # goes unless the page prints it as a tag too.
        if len(words) > 1 and (categories := {_fold(t) for t, _ in page.category_links}):
            printed = page.tag_link_names
            words = [w for w in words if _fold(w) not in categories or _fold(w) in printed] or words
        # The same tags printed as the page's tag links, the meta's all in a CMS's lower or
        # snake case ("santa_fe_county_commission" for "Santa Fe County Commission"): as
        # printed. (Not where the meta's have capitals: IlGiornale prints its in lower case.)
        if words and all(w == w.lower() for w in words):
            printed_as = {_tag_key(t): t for t in page.tag_link_texts}
            if all(_tag_key(w) in printed_as for w in words):
                words = [printed_as[_tag_key(w)] for w in words]
    else:
        stated = (json_ld_article(page) or {}).get("keywords")
        meta = "news_keywords" if meta_content(page, "news_keywords") else "keywords"
        listed = keyword_list(meta_content(page, meta) or "")
        titles = {
            _fold(t)
            for t in (page.title, meta_content(page, "og:title"))
            if t and len(t.split()) > 3 and not is_site_name(page, t)
        }
        if any(_fold(word) in titles for word in listed):
            listed = []  # the CMS's fill of the section and the page's title: no tags
        words, source = listed, f"meta:{meta}"
        if isinstance(stated, list):
            words, source = [str(w) for w in stated], "json-ld:keywords"
        elif isinstance(stated, str) and stated.strip():
            spaced = keyword_list(stated)
            # The same keywords joined by spaces in JSON-LD and by commas in the meta tag
            # ("Boxen Russland Frank Warren" and "Boxen,Frank Warren,Russland").
            joined = len(spaced) == 1 and len(listed) > 1
            if not (joined and all(w.strip() in stated for w in listed)):
                words, source = spaced, "json-ld:keywords"
    if sum(1 for w in words if _KIND_TAG.match(w)) > 1:
        # Keywords of several kinds, the tags named so: Medium's "Tag:Cycling" among its own
        # flags ("Publication:harborline-stories", "LockedPostSource:0"), Condé Nast's
        # "tags:drought" beside "magazine" and the rubric.
        words = [_KIND_TAG.sub("", w, count=1) for w in words if _KIND_TAG.match(w)]
    elif words and _KIND_TAG.match(words[0]):
        # A label opening the list ("Tags: Karachi Port, shipping, trade").
        words = [_KIND_TAG.sub("", words[0], count=1), *words[1:]]
    host = (urlsplit(page_url).hostname or "").removeprefix("www.") if page_url else ""
    kept = dict.fromkeys(
        word
        for word in map(clean_text, words)
        if word
        and not word.isdigit()
        and not _UUID.fullmatch(word)
        and not (host and (word == host or word.endswith("." + host)))
    )
    return list(kept), source if kept else ""


_KIND_TAG = re.compile(r"\s*tags?:\s*", re.IGNORECASE)


def _tag_key(tag: str) -> str:
    """A tag folded, its underscores and hyphens spaces ("santa_fe_county_commission")."""
    return _fold(re.sub(r"[_-]+", " ", tag))


def image(page: PageMeta, page_url: str) -> str | None:
    """og:image, as an absolute URL (None when absent or unparseable)."""
    src = meta_content(page, "og:image")
    return join_url(page_url, src) if src else None
