"""Jannah (TieLabs): a common theme on Gulf and Levantine news sites.

The date is text only (`span.date.meta-item`); with the theme's "modern" date format it reads
`منذ ...` for posts younger than a month and an absolute date after that, so one selector
feeds `read_time`, which reads both forms. A theme option ("time type") makes that element
show the last modification instead, in either form, with no mark of it: the printed date
dates the post only when nothing else does (`published_text_modified`). Jannah prints every category of a post as its own
`a.post-cat` label; the first is the primary one. Sidebar, footer, related-posts and archive
items are `li`/`div` containers with the link inside (`a.post-title` or `h2.post-title a`)
and the date in `.post-meta span.date`.
"""

from scraper.extract.profiles import register
from scraper.extract.profiles.wordpress import (
    AD_INSERTER,
    ADSENSE,
    CATEGORY_MENU_ITEM,
    ELEMENTOR_SIDEBAR,
    TAG_LINK,
    WORDPRESS,
)

# Items: an li or div of one of these classes with a date in its meta line.
_ITEMS = ", ".join(
    [
        f"{tag}.{name}:has(.post-meta span.date)"
        for tag in ("li", "div")
        for name in ("widget-single-post-item", "post-item", "related-item", "mega-menu-post")
    ]
    # The main slider's slides: the title in `h2.thumb-title`, the date in `.thumb-meta`.
    + ["div.slide:has(.thumb-meta span.date)"]
    # A "recent featured" mega menu: its lead post, then the unclassed items of its list.
    + [
        ".mega-recent-post:has(.post-meta span.date)",  # (an li in Jannah 7's list)
        ".mega-check-also li:has(.post-meta span.date)",
    ]
    # The Posts List widget's "timeline" style: one link around the date and the title.
    + [".timeline-widget li.widget-single-post-item:has(> a > span.date)"]
)

JANNAH = register(
    WORDPRESS.extend(
        name="jannah",
        version=1,
        # Post layouts 3-5, 7 and 8 print the title area (categories, headline, meta line)
        # above the content row, in a full-width `.fullwidth-entry-title` box outside
        # article#the-post: the root is then the page's #tie-wrapper, and the selectors
        # below name the post's own blocks (block items carry `a.post-cat` labels too).
        article_root="#tie-wrapper:has(.fullwidth-entry-title h1.post-title), article#the-post",
        headline="h1.post-title.entry-title",
        category_link=".entry-header span.post-cat-wrap a.post-cat",
        body="div.entry-content",
        # The meta line is `div.single-post-meta` in some versions, `div#single-post-meta`
        # in others.
        author=(
            ".single-post-meta .meta-author a.author-name, #single-post-meta .meta-author a.author-name"
        ),
        tags=f".post-bottom-tags {TAG_LINK}",
        # Jannah prints no machine-readable date of its own; SEO plugins add meta/JSON-LD.
        published_attr=".single-post-meta time[datetime], #single-post-meta time[datetime]",
        published_text=".single-post-meta span.date.meta-item, #single-post-meta span.date.meta-item",
        # `read_time` already reads the relative form from `published_text`; this matches
        # nothing on purpose (the engine has no way to leave a selector empty).
        published_relative="",
        published_text_modified="any",
        image=".featured-area img",
        list_item=_ITEMS,
        # A mega menu's posts title themselves `h3.post-box-title`.
        list_item_link=(
            "a.post-title, .post-title a, .post-box-title a, .thumb-title a,"
            " li.widget-single-post-item > a:has(> span.date)"
        ),
        list_item_title=(
            "a.post-title",
            ".post-title a",
            ".post-title",
            ".post-box-title",
            ".thumb-title",
            "li.widget-single-post-item > a > h3",
        ),
        list_item_category="a.post-cat, span.post-cat",
        list_item_time=".post-meta span.date, .thumb-meta span.date, li.widget-single-post-item > a > span.date",
        widgets=(
            ("related", "#related-posts"),
            ("related", "#check-also-box"),  # the "شاهد أيضاً" box sliding in
            ("archive", "#posts-container"),
            ("mega-menu", ".mega-menu-block"),
            ("sidebar", ".sidebar"),
            ELEMENTOR_SIDEBAR,
            ("footer", "#footer"),
        ),
        page_article_links=(
            "#posts-container .post-title a::attr(href), "
            "li.widget-single-post-item a.post-title::attr(href), "
            "#related-posts .post-title a::attr(href)"
        ),
        page_listing_links=(
            ".pages-nav a::attr(href), "
            "ul.pages-numbers a::attr(href), "
            f"#menu-main-menu {CATEGORY_MENU_ITEM}::attr(href), "
            "span.post-cat-wrap a.post-cat::attr(href)"
        ),
        # The post's Source field, printed inside the content after the text (the Via field
        # beside it, `post-bottom-via`, names where the story was found: no source).
        source_box="div.post-bottom-source",
        body_skip_classes=(
            "stream-item",
            ADSENSE,
            "share-buttons",
            "post-bottom-meta",
            "post-shortlink",
            "toggle-post-content",
            "tie-inline-related",
            "related-posts",
            AD_INSERTER,
            # Printed inside div.entry-content by the theme's hooks: the page links of a post
            # split in pages, and the "Story Highlights" box's title (its items are the
            # editor's text and stay).
            "multiple-post-pages",
            "the-global-title",
        ),
        fingerprints=(
            "link[href*='/themes/jannah/']",
            "script[src*='/themes/jannah/']",
            "#tie-container",
            "#tie-wrapper",
            "article#the-post",
            "span.post-cat-wrap a.post-cat",
        ),
    )
)
