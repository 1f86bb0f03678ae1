"""Newspaper (tagDiv): the classic single template and the tagDiv Cloud ("tdb") templates.

The post date is ALWAYS a full ISO 8601 `time.entry-date[datetime]`; its visible text is the
date format or a relative "N unit ago" (wrapper configurable). Categories sit in
`ul.td-category` (classic) or `.tdb-category` (cloud). Cloud templates may place the sidebar
INSIDE the article element, so every article selector names its own block. Module items
(`.td_module_wrap`) carry `h3.entry-title a` and `.td-post-date time`.
"""

from scraper.extract.profiles import register
from scraper.extract.profiles.wordpress import (
    AD_INSERTER,
    ADSENSE,
    CATEGORY_MENU_ITEM,
    ELEMENTOR_SIDEBAR,
    WORDPRESS,
)

NEWSPAPER = register(
    WORDPRESS.extend(
        name="newspaper",
        version=1,
        # A Cloud template's article element is the template's own post (`id="template-id-N"`,
        # `type-tdb_templates`), not the story's.
        article_root="article.type-post, article.type-tdb_templates",
        headline="h1.entry-title, h1.tdb-title-text",
        category_link="ul.td-category a, .tdb-category a.tdb-entry-category",
        body="div.td-post-content",
        author=(
            ".td-post-header .td-post-author-name a, .tdb_single_author a.tdb-author-name, "
            ".tdb_single_author .tdb-author-name-wrap a[rel=author]"
        ),
        tags=".td-tags a, .tdb-tags a",
        published_attr=(
            ".td-post-header time.entry-date[datetime], .tdb_single_date time.entry-date[datetime]"
        ),
        published_text=".td-post-header time.entry-date, .tdb_single_date time.entry-date",
        # The visible text of the same time element is read above (date format or relative).
        published_relative="",
        image=".td-post-featured-image img, .tdb_single_featured_image img",
        # Modules, the big grid's posts (`td_module_mx5`, `mx6`, ...: no module wrap), and
        # the related block's modules where the site shows their dates.
        list_item=(
            "div.td_module_wrap:has(.td-post-date), div.td-big-grid-post:has(.td-post-date), "
            "div.td_module_related_posts:has(.td-post-date)"
        ),
        list_item_link="h3.entry-title a, .td-module-title a",
        list_item_title=("h3.entry-title", ".td-module-title"),
        list_item_category="a.td-post-category",
        # (A child theme or a date plugin prints the date as text: `span.td-module-date`, or
        # the date element's own text, "<span class=td-post-date>2027/09/24</span>".)
        list_item_time=(
            ".td-post-date time, .td-post-date .td-module-date, "
            ".td-post-date:not(:has(time, .td-module-date))"
        ),
        list_item_time_attr="datetime",
        widgets=(
            # tagDiv Cloud Library's single-post templates: the related block of its own,
            # and a sidebar that is a composer column marked sticky.
            ("related", ".td_block_related_posts"),
            ("related", ".tdb_single_related"),
            ("sidebar", ".td-main-sidebar"),
            ("sidebar", ".td-is-sticky"),
            ELEMENTOR_SIDEBAR,
            ("footer", ".td-footer-wrapper"),
            ("archive-featured", ".td-category-grid"),
            ("archive", ".td-ss-main-content"),
            ("home", ".td_block_wrap"),
        ),
        page_article_links="h3.entry-title a::attr(href), .td-module-title a::attr(href)",
        page_listing_links=(
            ".page-nav a::attr(href), "
            f"{CATEGORY_MENU_ITEM}::attr(href), "
            "ul.td-category a::attr(href), a.tdb-entry-category::attr(href)"
        ),
        fingerprints=(
            "link[href*='/themes/Newspaper/']",
            "script[src*='/themes/Newspaper/']",
            "#td-outer-wrap",
            ".td-header-wrap",
            "div.td-post-content",
            "body.td-standard-pack",
        ),
        # The post's Via and Source fields, each a small box of a label and a link, in the
        # article's footer (outside the body); only the one labelled as a source is read.
        # tagDiv Cloud's Source block prints the link after an optional label.
        source_box=".td-post-source-via .td-post-small-box, .tdb_single_source",
        body_skip_classes=(
            "td-a-rec",
            "td-post-featured-image",
            "td-post-sharing",
            "td_block_related_posts",
            ADSENSE,
            AD_INSERTER,
            "td-g-rec",
            # The theme's own page links of a post split in pages ("1 2 3 التالي").
            "page-nav-post",
        ),
    )
)
