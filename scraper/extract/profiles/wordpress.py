"""The WordPress base: markup that is the same under every theme, which theme profiles extend.

WordPress core prints tag links with `rel=tag` and marks a nav-menu item that links a
category archive with `menu-item-object-category`; SEO plugins add the modified time as
microdata; ad and sharing plugins wrap their blocks in their own classes whatever the theme.
A theme module builds its profile with `WORDPRESS.extend(...)`, stating only its own
selectors; where a theme's selector or class list contains a shared piece, it names the
constant below, in the place the theme puts it.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from scraper.extract.profiles import Profile, SharedList

# Elementor's Sidebar widget: a WordPress sidebar placed in a page builder's column, under
# any theme (each theme names it among its widgets, after its own sidebar).
ELEMENTOR_SIDEBAR = ("sidebar", ".elementor-widget-sidebar")
# Elementor Pro's Post Content widget: where a single-post template built with it prints
# the story, in place of the theme's content container.
ELEMENTOR_POST_CONTENT = ".elementor-widget-theme-post-content .elementor-widget-container"
# Core: the_tags() links, and a nav-menu item linking a category archive.
TAG_LINK = "a[rel=tag]"
CATEGORY_MENU_ITEM = "li.menu-item-object-category > a"
# Body blocks that are never text, by class fragment: Google AdSense's <ins>, the Ad Inserter
# plugin's blocks.
ADSENSE = "adsbygoogle"
AD_INSERTER = "code-block"
# Blocks that related-post, share and newsletter plugins put inside the body whatever the
# theme, skipped under every profile (and under a site's own `body_skip_classes`): YARPP,
# Contextual Related Posts, Related Posts for WordPress, AddToAny, Sassy Social Share,
# Shareaholic, Social Warfare, Social Snap, Easy Social Share Buttons, Mailchimp for
# WordPress, the Newsletter plugin, Jetpack's subscription form, share buttons and related
# posts, Easy Table of Contents (`div#ez-toc-container`: its title and links); the author
# boxes of Simple Author Box, PublishPress Authors, Starbox and Molongui, appended to the
# content by a filter; core's page links of a post split in pages (`wp_link_pages`:
# `p.post-nav-links`, "Pages: 1 2", the themes' `div.page-links`); LuckyWP's table of
# contents (`div.lwptoc`); and WP Last Modified Info's stamp above the text
# (`p.post-modified-info`, "Last Updated on ... by ..."); post grids and a split post's
# pager (below).
PLUGIN_BOXES = (
    "yarpp",
    "crp_related",
    "rp4wp",
    "addtoany",
    "a2a_kit",
    "heateor_sss",
    "shareaholic",
    "swp_social_panel",
    "ss-inline-share",
    "essb_links",
    "mc4wp-form",
    "tnp-subscription",
    "jetpack_subscription_widget",
    "wp-block-jetpack-subscriptions",
    "sharedaddy",
    "jp-relatedposts",
    "ez-toc-container",
    "lwptoc",
    "post-nav-links",
    "page-links",
    "saboxplugin-wrap",
    "pp-multiple-authors",
    "abh_box",
    "m-a-box",
    "post-modified-info",
    # WPML's "This post is also available in: English" under a translated post's text
    "wpml-ls-statics-post_translations",
    # Taqyeem's review box (scores, a verdict, readers' rating) and Kadence Blocks' grid of
    # other posts, placed in the post's content.
    "review_wrap",
    "wp-block-kadence-posts",
    # The post grids of WP Show Posts and Getwid's Recent Posts block, and JNews's bar and
    # pager of a post split in pages ("الصفحة 1 من 3", previous, next).
    "wp-show-posts",
    "wp-block-getwid-recent-posts",
    "jeg_splitpost_bar",
    "jeg_splitpost_nav",
)


class ProfileBase:
    """Profile fields a family of themes shares; `extend` adds a theme's own."""

    def __init__(self, **defaults: Any) -> None:
        unknown = set(defaults) - {f.name for f in fields(Profile)}
        if unknown:
            raise TypeError(f"not Profile fields: {', '.join(sorted(unknown))}")
        self.defaults = defaults

    def extend(self, **own: Any) -> Profile:
        """A profile of these defaults with the theme's `own` fields over them (a theme may
        restate a default to change it). Profile's constructor names any field left out."""
        return Profile(**{**self.defaults, **own})


# Dated lists any theme's sidebar or page may hold, in WordPress's own markup: core's
# Recent Posts widget with "Display post date" (`li > a` then `span.post-date`), its RSS
# widget with the items' dates (`span.rss-date`), core's
# Latest Posts block with dates (`time.wp-block-latest-posts__post-date[datetime]`), a
# Query Loop block's posts with a Date block, the WordPress Popular Posts plugin's list,
# Jetpack's Related Posts, and Elementor's Posts widget with its date in the meta line.
SHARED_LISTS = (
    # Its item markup (a link, then the date) also where a theme's sidebar drops the
    # widget's class from its wrapper.
    SharedList(
        name="recent-posts",
        item=".widget_recent_entries li:has(.post-date), li:has(> a[href] + span.post-date)",
        link="a[href]",
        time=".post-date",
    ),
    # Core's RSS widget with "Display item date": another site's stories, as the page
    # shows them (`a.rsswidget`, then `span.rss-date`).
    SharedList(
        name="rss",
        item=".widget_rss li:has(.rss-date)",
        link="a.rsswidget[href]",
        time=".rss-date",
    ),
    SharedList(
        name="latest-posts",
        item="ul.wp-block-latest-posts li:has(.wp-block-latest-posts__post-date)",
        link="a[href]",
        time=".wp-block-latest-posts__post-date",
        time_attr="datetime",
    ),
    SharedList(
        name="query-loop",
        item="li.wp-block-post:has(.wp-block-post-date)",
        link=".wp-block-post-title a[href]",
        time=".wp-block-post-date time",
        time_attr="datetime",
    ),
    # The plugin's stock markup with the date shown: "posted on 4 ديسمبر، 2025", or
    # relative, "posted 3 hours ago" ("نشر منذ 3 ساعات").
    SharedList(
        name="popular-posts",
        item="ul.wpp-list li:has(.wpp-date)",
        link="a.wpp-post-title[href]",
        time=".wpp-date",
    ),
    # Any list of links each followed by its <time> (a child theme's or a plugin's latest
    # news): the item's own link and time, nothing nested deeper (a comment's meta).
    SharedList(
        name="dated-links",
        item="li:has(> a[href] + time)",
        link="a[href]",
        time="time",
        time_attr="datetime",
    ),
    # The Recent Posts Widget Extended plugin's list: the thumbnail's link, the title's h3,
    # then the post's <time>.
    SharedList(
        name="recent-posts-extended",
        item="li.rpwe-li:has(time.rpwe-time)",
        link="h3.rpwe-title a[href]",
        time="time.rpwe-time",
        time_attr="datetime",
    ),
    # Jetpack's Related Posts with dates shown, in either layout (a title's heading, or
    # the minimal one's spans), wherever the theme puts the block (inside the content);
    # its block edition ("i2") prints each post as a <ul> of link, image, date and context.
    SharedList(
        name="jetpack-related",
        item=(
            ".jp-relatedposts-post:has(.jp-relatedposts-post-date), "
            ".jp-related-posts-i2__post:has(.jp-related-posts-i2__post-date)"
        ),
        link="a.jp-relatedposts-post-a[href], .jp-related-posts-i2__post-link a[href]",
        time=".jp-relatedposts-post-date, .jp-related-posts-i2__post-date",
    ),
    # TieLabs' Taqyeem review plugin's "latest reviews" widget (Jannah's and Sahifa's sites):
    # the picture, the title's h3, the stars, then the date in a meta line.
    SharedList(
        name="taqyeem-reviews",
        item="ul.reviews-posts li:has(span.date)",
        link="h3 a[href]",
        time="span.date",
    ),
    SharedList(
        name="elementor-posts",
        item="article.elementor-post:has(.elementor-post-date)",
        link=".elementor-post__title a[href]",
        time=".elementor-post-date",
    ),
    # WP Show Posts' and Getwid's Recent Posts blocks, wherever an editor puts them (the
    # content too).
    SharedList(
        name="wp-show-posts",
        item="article.wp-show-posts-single:has(time)",
        link=".wp-show-posts-entry-title a[href]",
        time="time",
        time_attr="datetime",
    ),
    SharedList(
        name="getwid-recent-posts",
        item=".wp-block-getwid-recent-posts__post:has(time)",
        link=".wp-block-getwid-recent-posts__post-title a[href]",
        time="time",
        time_attr="datetime",
    ),
)

WORDPRESS = ProfileBase(
    # The modified time in schema.org microdata, wherever the page prints it.
    modified_meta="meta[itemprop=dateModified]",
    shared_lists=SHARED_LISTS,
)
