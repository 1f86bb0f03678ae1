"""Jarida and Sahifa (TieLabs' older themes, same markup family): one profile for both.

The headline is `h1.post-title` inside `.post-inner`; the date is the text of
`span.tie-date` (the site's date format, often Levantine or Maghrebi month names, or the
theme's "ago" option); the body is `div.entry`. The category shows in `span.post-cats` only
when the theme option is on, the breadcrumbs `#crumbs` (deepest category = last link) almost always;
`article:section`/JSON-LD add the others. Breadcrumbs and the tags line `.post-tag` sit
outside `article.post-listing`, so the article root is the `div.content` holding that
article (archives have a `div.content` too, but no `article.post-listing` child). Sidebar
widgets list `li` items with `h3 > a` and a `span.date`/`span.tie-date`; archives list
`article.item-list` blocks.
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

_DATE = ":has(span.date, span.tie-date)"

JARIDA = register(
    WORDPRESS.extend(
        name="jarida",
        version=1,
        article_root="div.content:has(> article.post-listing)",
        headline=".post-inner h1.post-title",
        # First in document order wins: the breadcrumbs' deepest category, else the label.
        category_link=(
            "#crumbs a[href*='/category/']:last-of-type, .post-inner p.post-meta span.post-cats a"
        ),
        body=".post-inner div.entry",
        author=".post-inner p.post-meta span.post-meta-author a",
        tags=f".post-tag {TAG_LINK}",  # a <p> in the themes, a <div> in child themes
        published_attr=".post-inner time[datetime]",
        published_text=".post-inner p.post-meta span.tie-date",
        # `read_time` also reads the theme's "ago" option from `published_text`; this matches
        # nothing on purpose (the engine has no way to leave a selector empty).
        published_relative="",
        image=".single-post-thumb img",
        list_item=(
            f".widget li:has(> h3 > a){_DATE}, .footer-widget li:has(> h3 > a){_DATE}, "
            f"article.item-list{_DATE}, div.related-item{_DATE}, "
            # A "recent featured" mega menu: its lead post, then its list's items.
            f"div.mega-recent-post{_DATE}, .mega-check-also li{_DATE}"
        ),
        list_item_link="h3 > a, h2.post-box-title a",
        list_item_title=("h3 > a", "h2.post-box-title a"),
        list_item_category="span.post-cats a",
        list_item_time="span.date, span.tie-date",
        widgets=(
            ("related", "#related_posts"),
            ("archive", ".archive-box"),
            ("sidebar", "#sidebar"),
            ELEMENTOR_SIDEBAR,
            ("footer", "#footer-widget-area"),
            ("news-box", ".cat-box"),
            ("mega-menu", ".mega-menu-block"),
        ),
        page_article_links=(
            ".post-listing h2.post-box-title a::attr(href), "
            ".widget li h3 > a::attr(href), .footer-widget li h3 > a::attr(href), "
            "#related_posts h3 a::attr(href)"
        ),
        page_listing_links=(
            ".pagination a::attr(href), "
            f"#main-nav {CATEGORY_MENU_ITEM}::attr(href), "
            "#crumbs a[href*='/category/']::attr(href)"
        ),
        body_skip_classes=(
            "e3lan",
            ADSENSE,
            "share-post",
            "post-tag",
            "page-link",  # the theme's page links of a post split in pages ("Pages: 1 2")
            "download",  # the theme's download box shortcode ("لتحميل … اضغط هنا")
            AD_INSERTER,
        ),
        fingerprints=(
            "link[href*='/themes/sahifa/']",
            "script[src*='/themes/sahifa/']",
            "link[href*='/themes/jarida/']",
            "script[src*='/themes/jarida/']",
            "#crumbs",
            "span.tie-date",
            "div.post-inner h1.post-title",
        ),
    )
)
