"""JNews (Jegtheme): a widespread magazine theme on Arabic news sites.

The post date is text only (`div.jeg_meta_date > a`), never a machine @datetime, and in the
theme's "default" and "custom" date formats it is the post's last *modification* date; only
its "ago" format ("%s ago" / "منذ %s") counts from publication. So the printed date dates the
post only when nothing else does (`published_text_modified`); the publication time comes
from an SEO plugin's JSON-LD or meta when one is installed, else from a dated permalink. The byline lists every category (`.jeg_meta_category a`), the
first is the label. Every block item (`article.jeg_post`: related posts, sidebar blocks,
archive lists, hero) carries its own `.jeg_meta_date a` time.
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

JNEWS = register(
    WORDPRESS.extend(
        name="jnews",
        version=1,
        # The first single post; auto-loaded next posts repeat it later on. Single templates
        # 4 and 5 print the title and byline in `.jeg_featured_big`, above and outside
        # `.jeg_singlepage`: their root is the post's `.jeg_main` (sidebar included). A
        # custom single template (built with the theme's elements in WPBakery or
        # Elementor) has no `.jeg_singlepage`: the builder's rows sit in
        # `.custom_post_template`, each element in a `jeg_custom_*` wrapper.
        article_root=(
            ".jeg_main:has(.jeg_featured_big h1.jeg_post_title), "
            ".jeg_singlepage .jeg_main_content, .jeg_vc_content.custom_post_template, "
            # Single template 2 prints the title and byline above the row of the content
            # and the sidebar: the root is what holds the header.
            ".jeg_singlepage :has(> .entry-header > h1.jeg_post_title)"
        ),
        headline="h1.jeg_post_title",
        category_link=".jeg_meta_category a",
        body=".entry-content .content-inner",
        author=".jeg_meta_author a",
        tags=f".jeg_post_tags {TAG_LINK}",
        published_attr=".entry-header time[datetime]",
        # One element holds either the date format or a relative time: read_time reads both.
        published_text=".entry-header .jeg_meta_date a, .jeg_custom_meta_wrapper .jeg_meta_date a",
        # Nothing separate to read (the same element twice would count as two witnesses).
        published_relative="",
        published_text_modified="absolute",
        image=".jeg_featured img",
        # Blocks' posts, and the news ticker's entries where it shows their dates
        # (`div.jeg_news_ticker_item`: the link in a span, then `span.post-date`).
        # (An <article> in blocks; a <div> in the tabbed popular-posts widget.)
        # And the slider's slides (`div.jeg_slide_item`: its caption's title and date).
        list_item=(
            "article.jeg_post:has(div.jeg_meta_date), div.jeg_post:has(div.jeg_meta_date), "
            "div.jeg_news_ticker_item:has(.post-date), div.jeg_slide_item:has(.jeg_meta_date)"
        ),
        list_item_link=".jeg_post_title a, .jeg_news_ticker_item a",
        list_item_title=(".jeg_post_title", ".jeg_news_ticker_item a"),
        list_item_category=".jeg_post_category a",
        # (The date's element itself: its link around the date, or the date alone after
        # the clock icon where the site links no date.)
        list_item_time=".jeg_meta_date, .jeg_news_ticker_item .post-date",
        widgets=(
            ("ticker", ".jeg_news_ticker"),
            ("related", ".jnews_related_post_container"),
            ("inline-related", ".jnews_inline_related_post"),
            ("sidebar", ".jeg_sidebar"),
            ELEMENTOR_SIDEBAR,
            ("footer", ".jeg_footer"),
            ("archive-featured", ".jnews_category_hero_container"),
            ("archive", ".jnews_category_content_wrapper"),
            ("home", ".jeg_postblock"),
        ),
        page_article_links=".jeg_post_title a::attr(href)",
        page_listing_links=(
            ".jeg_pagination a.page_number::attr(href), "
            ".jeg_pagination a.page_nav::attr(href), "
            f"{CATEGORY_MENU_ITEM}::attr(href), "
            ".jeg_meta_category a::attr(href)"
        ),
        fingerprints=(
            "link[href*='/themes/jnews/']",
            "script[src*='/themes/jnews/']",
            "div.jeg_viewport",
            "h1.jeg_post_title",
            ".jeg_header",
            "body.jnews",
        ),
        body_skip_classes=(
            "jeg_ad",
            "jnews_inline_related_post",
            "jeg_share",
            "ads-wrapper",
            ADSENSE,
            AD_INSERTER,
            "jeg_post_tags",
            "jnews_content_inline_ads",
            # The post's Source and Via fields and the push-notification prompt, printed
            # inside .content-inner after the text.
            "jeg_post_source",
            "jeg_post_via",
            "jeg_push_notification",
        ),
        source_box=".jeg_post_source",
    )
)
