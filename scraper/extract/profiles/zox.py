"""Zox News (MVP Themes): the theme of our sample site.

Its English UI strings ("Published", "on", "Advertisement", "You may like") are never text;
the category label shows the first category only; "more news" and the sidebar tabber carry
a category and a relative time per item.
"""

from scraper.extract.profiles import SharedList, register
from scraper.extract.profiles.wordpress import (
    AD_INSERTER,
    ADSENSE,
    CATEGORY_MENU_ITEM,
    ELEMENTOR_SIDEBAR,
    SHARED_LISTS,
    TAG_LINK,
    WORDPRESS,
)

ZOX = register(
    WORDPRESS.extend(
        name="zox",
        version=1,
        article_root="article#mvp-article-wrap",
        headline="h1.mvp-post-title",
        category_link="h3.mvp-post-cat a.mvp-post-cat-link",
        body="#mvp-content-main",
        author=".mvp-author-info-name .author-name",
        tags=f".mvp-post-tags {TAG_LINK}",
        published_attr="#mvp-post-head time[datetime], .mvp-author-info-date time[datetime]",
        published_text=".mvp-author-info-date time",
        published_relative=".mvp-author-info-date span.mvp-post-date:not(.updated)",
        image="#mvp-post-feat-img img, #mvp-post-feat-img-wide img",
        # A link around a date badge.
        list_item="a[href]:has(span.mvp-cd-date)",
        # (The card's own heading or paragraph: a class-scoped "…-text p" would match, in
        # lexbor only, a wrapper above the link where a site prints the text beside it.)
        list_item_title=("h2", "h3", "p"),
        list_item_category="span.mvp-cd-cat",
        list_item_time="span.mvp-cd-date",
        widgets=(
            ("more", "#mvp-post-more-wrap"),
            ("tabber", ".mvp-widget-tab-wrap"),
            ("archive", ".mvp-blog-story-list"),
            ("archive-featured", "#mvp-cat-feat-wrap"),
            ("sidebar", "#mvp-side-wrap"),
            ELEMENTOR_SIDEBAR,
            ("home-featured", "#mvp-feat1-wrap"),
            ("home", ".mvp-widget-home"),
        ),
        # The "More posts" option appends whole stories after the post, each a block with
        # its own h1, date and "read more" link: sightings of those stories.
        shared_lists=(
            *SHARED_LISTS,
            SharedList(
                name="more-posts",
                item=".mvp-post-add-story:has(span.mvp-post-date)",
                link=".mvp-post-add-link a[href]",
                time="span.mvp-post-date",
                title=".mvp-post-title",
            ),
        ),
        page_article_links="a[rel=bookmark]::attr(href)",
        page_listing_links=(
            ".mvp-nav-links .pagination a::attr(href), "
            f"{CATEGORY_MENU_ITEM}::attr(href), "
            "a.mvp-post-cat-link::attr(href)"
        ),
        fingerprints=(
            "link[href*='/themes/zox-news/']",
            "script[src*='/themes/zox-news/']",
            "#mvp-site",
            "#mvp-fly-wrap",
            "article#mvp-article-wrap",
        ),
        body_skip_classes=(
            AD_INSERTER,
            ADSENSE,
            "mvp-post-ad",
            "mvp-ad-",
            "mvp-post-soc",
            "mvp-post-add",
        ),
    )
)
