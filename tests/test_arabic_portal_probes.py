"""Probes of pages no profile knows, each answer written before the extractor ran
(docs/accuracy.md, "Left-alone cases taken up", the sixth and seventh rounds):

- `fixtures/arabic-portals/`: 19 whole pages of portals that are not WordPress, built on
  the templates of Youm7, Masrawy, Al-Masry Al-Youm, Al Jazeera, Al Arabiya, Sky News
  Arabia, BBC Arabic, RT, Anadolu, Asharq Al-Awsat, Le360, Al Rai, Elaph, Independent
  Arabia, KUNA and Al-Ahram (ASP.NET, Drupal, Next.js, Arc, table layouts), a section
  front, a video page and a photo album;
- `fixtures/arabic-headlines/`: 22 whole pages of WordPress themes no profile knows
  (Astra, Soledad, ColorMag, Sahifa, JNews children, ...) and custom portals, built to make
  the headline, the category and the byline hard;
- `fixtures/arabic-dates/`: 22 whole pages whose publication time is hard (en-US and
  render-time metadata, an update stamped as the publication, local clocks written as UTC,
  Levantine, Maghreb, Hijri and Eastern Arabic dates, top-bar dates, prayer widgets, dated
  comments and related cards), read in each site's zone;
- `fixtures/review-sixth-round/`: 22 pages a review built against this round's rules, each a
  fixture page above with one realistic edit, and the fields that edit targets (a padded
  day-first date with "PM", a 12-hour clock printed without its half, a Blogger byline in
  `div.post-footer`, a contact page with a dated sidebar, a chart's "المصدر:" note, ...);
- `fixtures/english-metadata/`: 26 English pages whose metadata disagree with what they print;
- `fixtures/international-headlines/`: 26 pages of publishers in 15 languages (SPIEGEL, Le
  Monde, EL PAÍS, ANSA, g1, NOS, RIA, ynet, NHK, Xinhua, BBC, news.com.au, ...) whose
  headline sources disagree (seventh round, docs/accuracy.md);
- `fixtures/english-bodies/`: 34 English pages whose story text is hard to hold whole (a
  story's tables, a photo essay and a gallery told in captions, live blogs, briefs, text in
  `<div>`s, press releases); their `body` field is the story's words, read for recall and
  precision;
- `fixtures/arabic-sites/`: 22 pages of Arabic papers and news agencies of eleven countries
  (Bahrain to Morocco: Petra, WAFA, SANA, QNA, SPA, WAM, Shafaq, Echorouk, FilGoal, ...) on
  layouts no profile knows, with their dated related and latest-news lists (`items`: each
  listed story's address and day);
- `fixtures/arabic-theme-sites/`: 12 pages of Arabic sites on the five themes (Zox News,
  Jannah, JNews, Newspaper, Sahifa/Jarida) as real sites set them up: child themes, SEO
  plugins, Elementor templates, each with one quirk, and their dated widgets;
- `fixtures/arabic-plugin-sites/`: 14 pages of Arabic sites on the five themes as plugins
  reshape them: AMP templates, cache and minify plugins (one-line pages, lazy images),
  WPML, Polylang and TranslatePress, theme strings translated with Loco, a Hijri date
  plugin, Elementor Pro templates, source fields and boxes, WordPress Popular Posts; each
  page read in its site's zone (a list item's day is its time in that zone);
- `fixtures/arabic-theme-listings/`: 12 listing pages of the five themes (category, tag,
  author, date and search archives, a paginated archive, home pages), each answer listing
  every dated entry the page shows (`items_complete`: recall and precision) and the
  stories shown without a date (`items_undated`);
- `fixtures/english-bodies-2/`: 14 English pages whose story text is hard to hold whole (text
  split by ad slots and promos, a metered story in two halves, bare text between `<br>`s,
  long reads with lists and pull quotes, a Q&A, a live page, AMP, print views, embeds, a
  paywall whose JSON-LD holds the whole text);
- `fixtures/arabic-printed-dates/`: 14 Arabic pages of fourteen countries with no date
  metadata at all, each printing its time in its own way (Eastern Arabic and Persian digits,
  Levantine, Maghreb and Moroccan months, a Hijri date with its Gregorian one, a named zone,
  relative times, an update stamp), among dated widgets, comments and a top bar's date;
- `fixtures/arabic-categories/`: 14 Arabic pages stating the story's section in many ways
  (a theme's label, Yoast and Rank Math breadcrumbs, a primary category among three, a
  child category, microdata, RDFa and JSON-LD trails, a highlighted menu item, the address
  alone) beside tempting wrong answers (tags in article:section, "Home › headline" trails,
  labelled widgets);
- `fixtures/english-bodies-3/`: 14 English pages whose story text is easy to lose whole (a
  brief among teasers, paragraphs in `<div>`s, sections between ads, a hidden "read more"
  half, a table layout, AMP, a Next.js story in its data, a story in `<noscript>`, a photo
  story told in captions, a Q&A, a bulleted story, embeds, a transcript, an `<ol>` of
  paragraphs);
- `fixtures/arabic-bylines/`: 14 Arabic pages whose byline is printed the many ways Arabic
  sites print it (labels, a Drupal field, an icon, a place, a role, several writers, a
  columnist's box, a first or last line of the story, a translator), beside accounts,
  desks, commenters, photo credits and other writers' boxes;
- `fixtures/arabic-list-precision/`: 14 Arabic pages whose dated lists sit among dated
  things that are no sightings of stories (prayer times, weather, rates, tickers, fixtures,
  TV schedules, agendas, comments, polls, writers' rows), every dated entry listed;
- `fixtures/arabic-page-kinds/`: 11 Arabic articles easy to take for something else (a
  178-character brief, an address with no slug, a video, an infographic, a gallery, a
  column laid out like its writer's archive, a live page, AMP, a statement, a results
  table) and 5 pages easy to take for articles (a section front, a tag and an author
  archive with long descriptions, an "about us" page, a soft 404 at a dated address);
- `fixtures/arabic-bodies-2/`: 14 Arabic pages whose story paragraphs look like furniture
  (sentences opening with "اقرأ", "شاهد", "المصدر", "مصدر", "صور", "تصوير", "تابعونا",
  "اشترك"; one-line paragraphs, numbered points, subheadings, quoted statements, an
  interview, text in `<div>`s between `<br>`s, closing background paragraphs) beside the
  real furniture they resemble;
- `fixtures/english-bodies-4/`: 14 English pages whose story paragraphs look like furniture
  ("Read more than ...", "Photographs taken by ...", "Sources said ...", one-sentence
  paragraphs, a link to the ruling, key points, a blockquoted statement, an editor's note,
  ad labels among the paragraphs, a contribution line, a correction);
- `fixtures/theme-versions/`: 14 Arabic pages of the five profiled themes in other versions
  and set-ups (Zox News 2.x, its AMP template and a child theme; Jannah 5 and 7, its AMP;
  JNews 8, 11 with Elementor and with Co-Authors Plus; Newspaper 7, 8 with WPBakery and
  12's Cloud templates; Jarida 2), each with its dated widgets;
- `fixtures/arabic-sources-2/`: 14 Arabic pages, 8 on the profiled themes, each crediting
  its story in another way (a linked bold line, the themes' Source boxes, a child theme's
  source field under the story, a dateline, a closing agency, "نقلا عن", two sources, a
  translator's credit, "بتصرف عن", a `<br>` page's last span) beside what is no source (a
  chart's note, photo credits, captions, a sidebar box titled "المصدر");
- `fixtures/arabic-headlines-2/`: 14 Arabic pages whose headline is easy to get wrong (the
  site's name after "–", "::", "«", "ـ" or before "|", spelled unlike og:site_name; a
  headline holding " - " or a colon; og:title cut short; the logo as the only h1; eight
  h1s; a kicker or a badge inside the h1; an SEO title; entities, tashkeel, tatweel; a
  JSON-LD headline cut at 110 characters);
- `fixtures/theme-dates/`: 14 Arabic pages of the five profiled themes whose publication
  time is hard (the modified date printed in the date's place, a site left on UTC, a
  relative date only, a JSON-LD time without offset, Hijri dates, Eastern Arabic digits, a
  scheduled post, a republished story, a page-cache stamp);
- `fixtures/theme-bodies/`: 14 Arabic pages of the five profiled themes whose content
  container holds more than the story (ads and their labels, polls, newsletter forms,
  embeds, Elementor and WPBakery layouts, a table block, a gallery, an author-box plugin, a
  post split in pages, text pasted from Word, follow strips with emoji);
- `fixtures/arabic-portals-2/`: 14 ordinary stories of Arabic portals of fourteen countries
  on the systems they run (custom PHP, ASP.NET, Next.js, Arc XP, Drupal 7 and 10, Joomla
  K2, Newsmag, Blogger, Laravel, Soledad, Nuxt, Publisher, SmartMag), each with its own
  date, byline and source forms and its dated lists;
- `fixtures/theme-categories/`: 14 Arabic pages of the five profiled themes whose category
  is easy to get wrong (a primary category among several, a child category, a hidden
  label, a post format's or a tag's badge where the category goes, "غير مصنف" beside a
  custom taxonomy's trail, a translated category, an English slug, a percent-encoded one);
- `fixtures/english-news-5/`: 14 ordinary English stories of many kinds of publishers (Arc
  XP, a tabloid, a wire, a broadcaster, an Indian daily, WordPress Newspaper, Drupal,
  Next.js, a paywalled business paper, a TV station, a long read, a match report,
  Postmedia-like markup);
- `fixtures/theme-list-items/`: 14 Arabic pages of the five profiled themes listing every
  dated entry of their widgets (tabs, tickers, related, Elementor, core and plugin lists,
  a child theme's own), beside dated things that are no sightings (comments, calendars,
  prayer times, weather, polls, future events, top-bar dates);
- `fixtures/english-news-6/`: 14 ordinary English stories of publishers the fifth round
  left out (Gannett-like, a UK broadsheet, a Jordanian daily, South African, Pakistani,
  Kenyan, Singaporean and Irish papers, a science site, a financial wire with tables, a
  political site's key points, Ghost, a sports wire, Newspack);
- `fixtures/arabic-page-kinds-2/`: 11 Arabic articles that do not look like ordinary
  stories (a two-sentence brief, a video, an infographic, a gallery, a live page, a column
  without article metadata, an interview, a story with og:type website, an old table
  layout, page 1 of 3, a short story under long comments) and 3 non-articles that look like
  articles (a tag archive, an author page, a press-release listing with og:type article);
- `fixtures/arabic-dates-3/`: 14 Arabic stories dated the ways the region prints dates
  (Levantine, Algerian, Tunisian and Moroccan months, "شباط/فبراير", Eastern digits, Hijri
  beside Gregorian, "ت.غ", "بتوقيت مكة", a wire's dateline, a date only in the address,
  WordPress left on UTC, the last change written in the publication's place);
- `fixtures/arabic-news-3/`: 14 ordinary Arabic stories on the kinds of sites the large
  Arabic publishers run (Next.js, Drupal 7-10, a custom CMS with a byline list for screen
  readers, ASP.NET, Joomla, AMP, a paywall teaser, an agency's sign-off initials, tagDiv's
  dated related modules);
- `fixtures/theme-setups-3/`: 14 Arabic stories on the five profiled themes with other
  plugin stacks (Rank Math, All in One SEO 3 and 4, The SEO Framework, none; WP Rocket's
  and LiteSpeed's minified HTML, AMP, Polylang, WPML, an Elementor Pro single template,
  PublishPress Authors, a Hijri date plugin, counters, tickers);
- `fixtures/english-news-7/`: 14 ordinary English stories of still other publishers (US
  cable news, a UK regional, a Canadian and a German broadcaster, New Zealand, Philippine,
  Malaysian, Caribbean, Turkish and Israeli dailies, public radio, an agency's English
  wire, an entertainment trade, a college paper);
- `fixtures/arabic-sources-3/`: 14 Arabic stories crediting their source in still other
  ways (an agency alone in the byline slot, a linked credit, a caption's and the text's, a
  closing quote's, a syndication agreement, a labelled field, a translator's, "بيروت -
  وكالات:", "Source: Reuters", two agencies, the info bar, a blockquote) and two with none;
- `fixtures/arabic-listings-3/`: 14 Arabic listing pages (section fronts of custom PHP,
  ASP.NET, Drupal, Joomla and Next.js sites, the five themes' and two other themes' archives,
  a tag and an author archive, search results), every dated entry listed;
- `fixtures/english-news-8/`: 14 ordinary English stories of still other publishers (a
  national paper's investigation, a weekly, a climate nonprofit, health and legal news, a
  TV station on WordPress VIP, Scottish, Welsh, Hong Kong, Japanese, Korean, Ukrainian and
  Argentine outlets, a sports league).

Each field of each page is one test. A field listed in OPEN is a class still left (its
reason says which); one in AS_DESIGNED differs from the probe's answer by a documented
choice. Neither is asserted; every other field is."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from w3lib.url import canonicalize_url

from scraper.extract import extract_page
from scraper.time import address_zone
from scraper.time.readings import UNKNOWN_ZONE

FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = (
    "arabic-portals",
    "arabic-headlines",
    "arabic-dates",
    "review-sixth-round",
    "english-metadata",
    "international-headlines",
    "english-bodies",
    "arabic-bodies",
    "arabic-sites",
    "arabic-theme-sites",
    "arabic-plugin-sites",
    "arabic-theme-listings",
    "english-bodies-2",
    "arabic-printed-dates",
    "arabic-categories",
    "english-bodies-3",
    "arabic-bylines",
    "arabic-list-precision",
    "arabic-page-kinds",
    "arabic-bodies-2",
    "english-bodies-4",
    "theme-versions",
    "arabic-sources-2",
    "arabic-headlines-2",
    "theme-dates",
    "theme-bodies",
    "arabic-portals-2",
    "theme-categories",
    "english-news-5",
    "theme-list-items",
    "english-news-6",
    "arabic-page-kinds-2",
    "arabic-dates-3",
    "arabic-news-3",
    "theme-setups-3",
    "english-news-7",
    "arabic-sources-3",
    "arabic-listings-3",
    "english-news-8",
    "arabic-news-4",
    "theme-setups-4",
    "english-news-9",
    "arabic-page-kinds-3",
    "theme-list-items-2",
    "arabic-sources-4",
    "arabic-dates-4",
    "english-news-10",
    "arabic-news-5",
    "theme-setups-5",
    "arabic-headlines-3",
    "english-news-11",
    "arabic-portals-3",
    "english-news-12",
    "theme-dates-2",
    "arabic-dates-5",
    "english-bodies-5",
    "arabic-news-6",
    "english-news-13",
    "arabic-page-kinds-4",
    "theme-setups-6",
    "arabic-listings-4",
    "english-news-14",
    "arabic-sources-5",
    "arabic-headlines-4",
    "arabic-portals-4",
    "arabic-bodies-3",
    "theme-list-items-3",
    "english-news-15",
    "arabic-dates-6",
    "arabic-news-7",
    "english-news-16",
    "theme-setups-7",
    "english-bodies-6",
    "arabic-page-kinds-5",
    "arabic-headlines-5",
    "arabic-categories-2",
    "english-bodies-7",
    "arabic-portals-5",
    "arabic-sources-6",
    "theme-list-items-4",
    "english-news-17",
    "arabic-page-kinds-6",
    "arabic-dates-7",
    "arabic-dates-8",
    "english-news-18",
    "arabic-sources-7",
    "english-bodies-8",
    "arabic-page-kinds-7",
    "arabic-headlines-6",
    "theme-setups-8",
    "arabic-news-8",
    "arabic-portals-6",
    "english-bodies-9",
    "english-news-19",
    "arabic-page-kinds-8",
    "list-items-unknown-2",
    "arabic-bylines-2",
    "arabic-sources-8",
    "english-news-20",
    "arabic-dates-9",
    "theme-setups-9",
    "arabic-page-kinds-9",
    "arabic-news-9",
    "english-bodies-10",
    "list-items-unknown-3",
    "theme-setups-10",
    "arabic-news-10",
    "arabic-dates-10",
    "english-bodies-11",
    "arabic-headlines-7",
    "arabic-sources-9",
    "arabic-page-kinds-10",
    "english-news-21",
    "arabic-dates-11",
    "english-news-22",
    "arabic-news-11",
    "arabic-bylines-3",
    "theme-setups-11",
    "english-bodies-12",
    "arabic-bodies-4",
    "list-items-unknown-4",
    "arabic-categories-3",
    "arabic-headlines-8",
    "arabic-dates-12",
    "arabic-portals-7",
    "english-news-23",
    "arabic-sources-10",
    "arabic-page-kinds-11",
    "theme-list-items-5",
    "arabic-dates-13",
    "english-news-24",
    "arabic-sources-11",
    "arabic-page-kinds-12",
    "arabic-news-12",
    "theme-setups-12",
    "arabic-headlines-9",
    "english-bodies-13",
    "list-items-unknown-5",
    "arabic-bylines-4",
    "arabic-categories-4",
    "theme-list-items-6",
    "arabic-dates-14",
    "english-news-25",
    "arabic-sources-12",
    "arabic-news-13",
    "theme-setups-13",
    "arabic-headlines-10",
    "english-bodies-14",
    "arabic-page-kinds-13",
    "list-items-unknown-6",
    "arabic-bylines-5",
    "arabic-categories-5",
    "english-news-26",
    "arabic-bodies-5",
    "theme-list-items-7",
    "english-news-27",
    "arabic-dates-15",
    "list-items-unknown-7",
    "arabic-sources-13",
    "theme-setups-14",
    "arabic-news-14",
    "arabic-headlines-11",
    "english-bodies-15",
    "arabic-page-kinds-14",
    "arabic-bylines-6",
    "theme-list-items-8",
    "arabic-dates-16",
    "english-news-28",
    "arabic-sources-14",
    "arabic-news-15",
    "theme-setups-15",
    "list-items-unknown-8",
    "english-bodies-16",
    "arabic-headlines-12",
    "arabic-bylines-7",
    "arabic-page-kinds-15",
    "theme-list-items-9",
    "arabic-dates-17",
    "english-news-29",
    "arabic-sources-15",
    "arabic-news-16",
    "list-items-unknown-9",
    "arabic-headlines-13",
    "theme-setups-16",
    "arabic-page-kinds-16",
    "english-bodies-17",
    "arabic-bylines-8",
    "theme-list-items-10",
    "arabic-dates-18",
    "english-news-30",
    "arabic-news-17",
    "list-items-unknown-10",
    "arabic-headlines-14",
    "english-bodies-18",
    "arabic-sources-16",
    "theme-setups-17",
    "arabic-bylines-9",
    "arabic-page-kinds-17",
    "theme-list-items-11",
    "english-news-31",
    "arabic-dates-19",
    "arabic-sources-17",
    "arabic-news-18",
    "list-items-unknown-11",
    "arabic-headlines-15",
    "english-bodies-19",
    "theme-setups-18",
    "arabic-page-kinds-18",
    "arabic-bylines-10",
    "theme-list-items-12",
    "english-news-32",
    "arabic-sources-18",
    "arabic-headlines-16",
    "arabic-dates-20",
    "arabic-news-19",
    "arabic-bylines-11",
    "list-items-unknown-12",
    "theme-setups-19",
    "arabic-page-kinds-19",
    "english-bodies-20",
    "arabic-categories-6",
    "theme-list-items-13",
)
FIELDS = (
    "page_type",
    "headline",
    "published",
    "category",
    "authors",
    "source",
    "tags",
    "body_first",
    "body_last",
    "body",
    "items",
)

AS_DESIGNED = {
    # JSON-LD keywords and news_keywords come before printed tags, and the keywords meta
    # gives tags where none are printed, as the publishers' own parsers read them.
    ("arabic-portals", "p03.html", "tags"): "keyword metadata first",
    ("arabic-portals", "p13.html", "tags"): "keyword metadata first",
    ("arabic-headlines", "p04.html", "tags"): "keyword metadata first",
    ("arabic-dates", "p17.html", "tags"): "keyword metadata first",
    # The outlet a dateline credits is the source, the site's own too ("(CNN)--", "وفا-").
    ("arabic-dates", "p13.html", "source"): "dateline credit",
    ("arabic-dates", "p18.html", "source"): "dateline credit",
    ("arabic-dates", "p20.html", "source"): "dateline credit",
    # "وكالات" (agencies) credits the story, as "المصدر: وكالات" does: "الحدث نيوز - وكالات"
    # in the source's slot.
    ("arabic-headlines", "p11.html", "source"): "agencies credited",
    # A JSON-LD Organization or an agency in the author slot is the author the page
    # states; the corpus's publishers list theirs so (ORF.at, dpa, DER SPIEGEL).
    ("arabic-portals", "p04.html", "authors"): "organization named as author",
    ("arabic-portals", "p09.html", "authors"): "organization named as author",
    ("arabic-portals", "p16.html", "authors"): "agency named as author",
    ("arabic-dates", "p14.html", "authors"): "organization named as author",
    ("arabic-dates", "p19.html", "authors"): "organization named as author",
    ("review-sixth-round", "a10.html", "authors"): "agency named as author",
    ("arabic-headlines", "p11.html", "authors"): "organization named as author",
    # The desk's account is kept as printed when the page names no person.
    ("arabic-headlines", "p18.html", "authors"): "desk account",
    # Drupal's author field in the node's meta footer names the economy desk.
    # A deck or a summary box under the headline opens the body: the corpus's publishers
    # count it as the story's lead.
    ("arabic-portals", "p04.html", "body_first"): "deck as the lead",
    ("arabic-portals", "p11.html", "body_first"): "deck as the lead",
    ("arabic-portals", "p14.html", "body_first"): "summary as the lead",
    ("arabic-dates", "p17.html", "body_first"): "deck as the lead",
    # A highlights list above the story opens the body too, as the corpus's publishers
    # count a story's summary bullets (Daily Mail's, Business Insider's) as its lead.
    ("arabic-portals", "p06.html", "body_first"): "highlights as the lead",
    ("arabic-portals", "p09.html", "body_first"): "highlights as the lead",
    # A video story's page is an article (docs/accuracy.md).
    ("arabic-portals", "p18.html", "page_type"): "video story",
}
# Classes still left, listed in docs/accuracy.md.
OPEN: dict[tuple[str, str, str], str] = {}
# The English probe's fields (tests/fixtures/english-metadata/), class by class.
_ENGLISH_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p01", "p02", "p04", "p08", "p11", "p23")],
    "dateline credit": [("p01", "source"), ("p02", "source")],
    "deck as the lead": [
        (p, "body_first")
        for p in ("p09", "p10", "p12", "p13", "p14", "p16", "p19", "p20", "p22", "p23", "p25")
    ],
    "desk account": [("p08", "authors"), ("p23", "authors")],
    "highlights as the lead": [("p11", "body_first")],
    # The English bodies probe keeps a release's "About" and forward-looking sections as its
    # text (english-bodies p19): the two answers disagree, the body keeps them.
    "disputed: a press release's boilerplate": [("p14", "body_last")],
    # "(With inputs from PTI)" credits the agency, as "With reports from AFP" does
    # (english-bodies-3 p04's answer); this one's answer records no source.
    "disputed: a closing 'With inputs from PTI' as the source": [("p23", "source")],
    "organization or agency named as author": [
        ("p14", "authors"),
        ("p16", "authors"),
        ("p20", "authors"),
    ],
    "disputed: a prefix the title drops": [("p11", "headline")],
    # JSON-LD's headline before a different h1 (the international probe's marks say why).
    "JSON-LD headline first": [("p03", "headline"), ("p05", "headline")],
    # Al Jazeera's place topic above the headline ("Sudan war" at /where/sudan/): this
    # answer's category; three later probes' answers (arabic-dates-12 p09, arabic-sources-12
    # p02, arabic-page-kinds-13 p07) take such links for tags and the section elsewhere.
    "disputed: Al Jazeera's place topic above the headline as the category": [("p16", "category")],
}
_ENGLISH_OPEN = {}
# The international probe's fields (tests/fixtures/international-headlines/).
_INTERNATIONAL_DESIGNED = {
    # JSON-LD's headline before a different h1: the corpus's publishers' parsers take it in
    # 13 of the 14 corpus pages where <title> agrees with the h1 against it.
    "JSON-LD headline first": [(p, "headline") for p in ("p03", "p05", "p11", "p14", "p23", "p26")],
    "disputed: a kicker the site's title and JSON-LD state": [("p01", "headline")],
    "disputed: a labelled source line naming the channel the facts came from": [("p16", "source")],
    "keyword metadata first": [
        (p, "tags") for p in ("p01", "p02", "p08", "p09", "p17", "p18", "p19", "p20", "p26")
    ],
    "organization or agency named as author": [
        (p, "authors") for p in ("p03", "p05", "p07", "p09", "p12", "p15", "p21", "p25")
    ],
    "deck as the lead": [(p, "body_first") for p in ("p05", "p08", "p09", "p13", "p14", "p26")],
}
_INTERNATIONAL_OPEN = {}
# The English bodies probe's fields (tests/fixtures/english-bodies/).
_BODIES_DESIGNED = {
    "keyword metadata first": [
        (p, "tags")
        for p in (
            "p01",
            "p03",
            "p07",
            "p11",
            "p13",
            "p15",
            "p18",
            "p19",
            "p20",
            "p21",
            "p22",
            "p23",
            "p28",
        )
    ],
    "deck as the lead": [(p, "body_first") for p in ("p05", "p06", "p07", "p23")],
    "desk account": [(p, "authors") for p in ("p08", "p12", "p19", "p26", "p33", "p34")],
    "dateline credit": [("p11", "source")],
    "disputed: a press release's SOURCE line names its issuer": [("p19", "source")],
    "disputed: the section JSON-LD states over the printed label": [
        (p, "category") for p in ("p14", "p17", "p18", "p24")
    ],
    "disputed: a photo essay's 'Photos:' in its title": [("p17", "headline")],
    # A Blogger post stating no category takes its first label (as the printed dates
    # probe's p13).
    "disputed: a blog's first label as the category of a post stating none": [("p08", "category")],
}
_BODIES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The Arabic bodies probe's fields (tests/fixtures/arabic-bodies/).
_ARABIC_BODIES_DESIGNED = {
    "desk account": [("p11", "authors")],
    "organization or agency named as author": [("p17", "authors")],
    "disputed: a header's 'المصدر:' naming the reporter": [("p16", "source")],
}
_ARABIC_BODIES_OPEN = {}
# The Arabic sites probe's fields (tests/fixtures/arabic-sites/): agencies and papers of
# eleven countries on layouts no profile knows.
_ARABIC_SITES_DESIGNED = {
    "dateline credit": [("p04", "source")],
    "deck as the lead": [("p07", "body_first")],
    "keyword metadata first": [("p10", "tags")],
}
_ARABIC_SITES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The second English bodies probe (tests/fixtures/english-bodies-2/).
_BODIES_2_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p05", "p07", "p13")],
}
_BODIES_2_OPEN = {}
# The probe of Arabic sites on our five themes (tests/fixtures/arabic-theme-sites/).
_THEME_SITES_DESIGNED: dict[str, list[tuple[str, str]]] = {}
_THEME_SITES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The printed dates probe (tests/fixtures/arabic-printed-dates/): no date metadata at all.
_PRINTED_DATES_DESIGNED = {
    "disputed: a blog's first label as the category of a post stating none": [("p13", "category")],
}
_PRINTED_DATES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The categories probe (tests/fixtures/arabic-categories/).
_CATEGORIES_DESIGNED = {
    "deck as the lead": [("p13", "body_first")],
}
_CATEGORIES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The third English bodies probe (tests/fixtures/english-bodies-3/): story text easy to lose.
_BODIES_3_DESIGNED: dict[str, list[tuple[str, str]]] = {}
_BODIES_3_OPEN: dict[str, list[tuple[str, str]]] = {}
# The bylines probe (tests/fixtures/arabic-bylines/).
_BYLINES_DESIGNED = {
    # The metadata chain keeps the site's own name when no person is named (docs/schema.md).
    "the site's name as the author when no person is named": [("p11", "authors")],
}
_BYLINES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The list items precision probe (tests/fixtures/arabic-list-precision/).
_LIST_PRECISION_DESIGNED = {
    # The answers count no video page as a story; a video story's page is an article here
    # (as arabic-portals p18), and a list's dated entry for one is a sighting of a story.
    "disputed: a video story's dated entry as a sighting": [
        ("p02", "items"),
        ("p04", "items"),
        ("p06", "items"),
        ("p10", "items"),
    ],
}
_LIST_PRECISION_OPEN = {
    "L-5: one dated card alone ('مقال اليوم')": [("p01", "items")],
}
# The page kinds probe (tests/fixtures/arabic-page-kinds/).
_PAGE_KINDS_DESIGNED = {
    "keyword metadata first": [("p01", "tags")],
    "the site's name as the author when no person is named": [("p10", "authors")],
    # A photographer's "تصوير:" credit is no byline, on a gallery too (as the bylines probe).
    "disputed: a gallery's photographer as its author": [("p06", "authors")],
}
_PAGE_KINDS_OPEN = {
    "P-6: a section front's lone lead card": [("p12", "items")],
}
# The second Arabic bodies probe (tests/fixtures/arabic-bodies-2/).
_ARABIC_BODIES_2_DESIGNED: dict[str, list[tuple[str, str]]] = {}
_ARABIC_BODIES_2_OPEN = {
    # The page's own flaw, left as written (as K-3): its helper gave the article's outer
    # wrapper tagDiv's content class (`td-post-content`, the content div's alone in the
    # theme) and printed the tags without tagDiv's `ul.td-tags`. With tagDiv's markup all
    # three fields are right (`test_the_tagdiv_page_in_tagdivs_own_markup`).
    "the page's own flaw: tagDiv's content class on the article's wrapper": [
        ("p04", "tags"),
        ("p04", "body_first"),
        ("p04", "body_last"),
    ],
}
# The fourth English bodies probe (tests/fixtures/english-bodies-4/).
_BODIES_4_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p03", "p04", "p05", "p06")],
}
_BODIES_4_OPEN: dict[str, list[tuple[str, str]]] = {}
# The second source lines probe (tests/fixtures/arabic-sources-2/).
_SOURCES_2_OPEN: dict[str, list[tuple[str, str]]] = {}
# The second headlines probe (tests/fixtures/arabic-headlines-2/).
_HEADLINES_2_DESIGNED = {
    "deck as the lead": [("p06", "body_first")],
    "keyword metadata first": [("p11", "tags")],
    # og:title, twitter:title and <title> agree against a different h1, no JSON-LD: on the
    # corpus's 5 such pages its publishers' parsers take og:title in all 5.
    "disputed: the title every tag states against an unlike printed h1": [("p08", "headline")],
}
_HEADLINES_2_OPEN: dict[str, list[tuple[str, str]]] = {}
# The theme dates probe (tests/fixtures/theme-dates/).
_THEME_DATES_OPEN: dict[str, list[tuple[str, str]]] = {}
# The second Arabic portals probe (tests/fixtures/arabic-portals-2/).
_PORTALS_2_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p03", "p04", "p10")],
}
_PORTALS_2_OPEN: dict[str, list[tuple[str, str]]] = {}
# The fifth English probe (tests/fixtures/english-news-5/).
_NEWS_5_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p12", "p14")],
}
_NEWS_5_OPEN: dict[str, list[tuple[str, str]]] = {}
# The sixth English probe (tests/fixtures/english-news-6/).
_NEWS_6_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p13", "tags")],
    "desk account": [("p03", "authors")],
    "deck as the lead": [("p12", "body_first")],
}
# The second page kinds probe (tests/fixtures/arabic-page-kinds-2/).
_PAGE_KINDS_2_DESIGNED = {"keyword metadata first": [("p09", "tags")]}
# The third ordinary Arabic stories probe (tests/fixtures/arabic-news-3/).
_NEWS_AR_3_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p04", "p10")],
    "the site's name as the author when no person is named": [("p01", "authors")],
}
# The seventh English probe (tests/fixtures/english-news-7/).
_NEWS_7_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p01", "p03", "p09")],
    "deck as the lead": [("p04", "body_first"), ("p11", "body_first")],
    # p11: "BOSPHORUS DAILY WITH AA" is the site's desk and its agency (the source).
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p11", "authors"),
    ],
    # As on the corpus (de/TOnline): the writers JSON-LD names, where a printed byline names
    # more; only Ghost's primary-author-only JSON-LD gives way (`metadata.author`).
    "the metadata's writers before a longer printed byline": [("p14", "authors")],
}
# The third listings probe (tests/fixtures/arabic-listings-3/).
# The eighth English probe (tests/fixtures/english-news-8/).
_NEWS_8_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p01", "p10", "p13")],
    "the site's name as the author when no person is named": [("p08", "authors")],
    "deck as the lead": [("p13", "body_first")],
    # p09's two summary bullets above the byline: the corpus's publishers count a story's
    # summary as its lead.
    "summary as the lead": [("p09", "body_first")],
}
_NEWS_8_OPEN = {
    "E8-7: a category printed only as a 'Related Sections' list": [("p05", "category")],
}
# The fourth ordinary Arabic stories probe (tests/fixtures/arabic-news-4/). Five pages'
# first related entry was dated after the page's fetch by the probe's generator; those
# entries left its answers before any fix (the extractor rightly gave them no date).
_NEWS_AR_4_DESIGNED = {
    "deck as the lead": [
        (p, "body_first") for p in ("p02", "p07", "p09", "p10", "p11", "p12", "p13")
    ],
    "organization or agency named as author": [("p08", "authors")],
}
# The ninth English probe (tests/fixtures/english-news-9/).
_NEWS_9_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p06", "p09")],
    "summary as the lead": [("p12", "body_first")],
    # Two earlier probes (english-bodies p10, english-bodies-4 p14) answered the closing
    # correction as the story's last words: the publisher's own text amending it.
    "disputed: a correction note closing the story": [("p13", "body_last")],
    # The corpus's publishers list the place after the name ("Seb Dumitru, Lille").
    "disputed: the reporter's town after a comma": [("p08", "authors")],
    # The page prints only an update time ("Updated: 2027-05-10 09:14"): no publication's.
    "disputed: a time labelled 'Updated' as the publication": [("p06", "published")],
    # Its only topics are "Follow related authors and topics" buttons.
    "disputed: follow buttons' topics as tags": [("p01", "tags")],
}
# The third page kinds probe (tests/fixtures/arabic-page-kinds-3/). Its writer moved p04's
# reference after the page's newest sidebar entry before any fix (the extractor rightly
# refused an entry later than the fetch).
_PAGE_KINDS_3_DESIGNED = {
    # p01: a ministry statement's issuer line in Drupal's intro field above the body.
    "deck as the lead": [("p01", "body_first")],
    "keyword metadata first": [("p04", "tags"), ("p10", "tags")],
    # p07: the breadcrumb's deepest step is the podcast's series ("مدار") where the
    # metadata states the section ("بودكاست").
    "disputed: the breadcrumb's deepest step, a series": [("p07", "category")],
}
# The second theme lists probe (tests/fixtures/theme-list-items-2/). Its brief (ours)
# called a mega menu's dated posts no items; the profiles store them as sightings of the
# widget "mega-menu" by design (a list the site shows of its latest posts), as the first
# theme lists probe answered.
_THEME_LISTS_2_DESIGNED = {
    "a theme's mega menu's dated posts as sightings": [
        (p, "items") for p in ("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09")
    ],
}
# The fourth source lines probe (tests/fixtures/arabic-sources-4/).
_SOURCES_4_DESIGNED = {
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p02", "p04", "p06", "p07", "p12", "p13")
    ],
}
# The fourth printed dates probe (tests/fixtures/arabic-dates-4/).
_DATES_4_OPEN = {
    # Day, month and year each in a badge of its own ("05" / "مايو" / "2027"), the clock
    # elsewhere; its lists date their entries the same way.
    "D4-1: a date split over three badges": [("p05", "published")],
}
# The tenth English probe (tests/fixtures/english-news-10/).
_NEWS_10_DESIGNED = {
    "keyword metadata first": [("p14", "tags")],
    "organization or agency named as author": [("p12", "authors"), ("p12", "source")],
    # p06 sends the paywalled rest of the story in a hidden div (the JSON-LD's not-free
    # part): the text the page holds is kept, a reader's screen shows the first three
    # paragraphs.
    "disputed: a paywall's hidden text": [("p06", "body"), ("p06", "body_last")],
}
_NEWS_10_OPEN = {
    # An HTML 4 weekly's left column: table cells of links, each with "<br><i>05/05/2027</i>".
    "E10-1: dated links in an old table layout": [("p14", "items")],
}
# The fifth ordinary Arabic stories probe (tests/fixtures/arabic-news-5/). Its writer
# escaped raw quotes inside p09's and p13's og:title after the first run (no CMS emits
# them); no answer changed.
_NEWS_AR_5_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p07", "tags")],
    # A CMS account's handle (p02's "hx_arabic") and a ministry's media office (p07).
    "desk account": [("p02", "authors"), ("p07", "authors")],
    "deck as the lead": [("p09", "body_first")],
}
_NEWS_AR_5_OPEN = {
    # A Hijri date "الموافق" its Gregorian day in one <li>, the clock in the next (p04).
    "A5-1: a printed time beside a split statement": [("p04", "published")],
}
# The eleventh English probe (tests/fixtures/english-news-11/).
_NEWS_11_DESIGNED = {
    "summary as the lead": [("p04", "body_first")],
    "deck as the lead": [("p10", "body_first"), ("p13", "body_first")],
    # "Emily Fairfax and Reuters", JSON-LD naming the agency as an Organization author
    # beside her: kept among the authors, as the corpus's publishers list them ("Nina
    # Weber", "SDA").
    "organization or agency named as author": [("p13", "authors")],
}
# The third Arabic portals probe (tests/fixtures/arabic-portals-3/).
_PORTALS_3_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p05", "p08", "p10", "p12")],
    "the site's name as the author when no person is named": [("p10", "authors")],
}
_PORTALS_3_OPEN = {
    # A Drupal writer field "عربي اليوم 21- سامر خليل": the site's name with a digit.
    "PO3-2: the site's name before the writer in a labelled field": [("p11", "authors")],
}
# The twelfth English probe (tests/fixtures/english-news-12/).
_NEWS_12_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p04", "p05", "p07", "p09")],
    "keyword metadata first": [("p13", "tags")],
    "disputed: a press release's boilerplate": [("p14", "body_last"), ("p14", "body")],
}
_NEWS_12_OPEN = {
    "E12-2: a think tank's experts with their titles": [("p07", "authors")],
    "E12-3: a bold lead in a block of its own above the body left out": [("p02", "body")],
}
# The second theme dates probe (tests/fixtures/theme-dates-2/). Its writer corrected p11's
# source answer to the credit the page prints, "(وات)" included, after the first run.
_THEME_DATES_2_OPEN = {
    # Rank Math states 11:30+00:00 where the theme's own datetime says 11:30+03:00 and its
    # "منذ 4 ساعات" fits only that.
    "TD2-1: an SEO plugin's wrong offset beside the theme's own time": [("p10", "published")],
}
# The fifth English bodies probe (tests/fixtures/english-bodies-5/).
_BODIES_5_DESIGNED = {
    "keyword metadata first": [("p02", "tags")],
    "deck as the lead": [("p07", "body_first")],
}
_BODIES_5_OPEN = {
    "EB5-1: bare text between <br>s in a table layout's cell, with its furniture": [
        ("p02", "body_first"),
        ("p02", "body_last"),
        ("p02", "body"),
    ],
    "EB5-3: a member appeal after the body field in Drupal's node content": [("p04", "body_last")],
    "EB5-4: an AMP page's synopsis and byline row before a short story": [
        ("p13", "body_first"),
        ("p13", "body"),
    ],
}
# The sixth Arabic news probe (tests/fixtures/arabic-news-6/).
_NEWS_AR_6_DESIGNED = {
    "desk account": [("p11", "authors")],  # "مراسل الموقع"
    "deck as the lead": [("p05", "body_first")],
    "keyword metadata first": [("p06", "tags")],
    # "#شركة_البريقة": a hashtag's underscores read as the words they join.
    "disputed: a hashtag tag's underscores": [("p04", "tags")],
    # The sidebar prints "11:20" alone for a story its related box dates the day before:
    # a clock alone is the day's.
    "disputed: a clock alone in a latest list": [("p12", "items")],
}
_NEWS_AR_6_OPEN = {}
# The thirteenth English probe (tests/fixtures/english-news-13/).
_NEWS_13_DESIGNED = {"deck as the lead": [("p14", "body_first")]}
_NEWS_13_OPEN = {
    "E13-4: a 'Summary' box opening the body": [("p07", "body_first")],
    # (Its body passes since E13-2 took the AI note off its end.)
    "E13-5: price chips inside sentences, a promo box between paragraphs": [("p12", "body_first")],
}
# The fourth page kinds probe (tests/fixtures/arabic-page-kinds-4/).
_PAGE_KINDS_4_OPEN = {
    # Yoast dates a Page's WebPage as it dates a story published as a Page (a review's
    # page), and the event's page prints no date: left an article rather than risk those.
    "PK4-2: an event's landing page, a WordPress Page dated by its WebPage": [("p14", "page_type")],
    # The page's own flaw, left as written: its helper printed two `#mvp-content-main`
    # divs, an outer one around the tags and the author box (Zox prints those in
    # `#mvp-content-bot`); with Zox's nesting the fields are right, its writer reports.
    "the page's own flaw: Zox's content id twice": [("p07", "body_last"), ("p07", "body")],
}
# The sixth theme set-ups probe (tests/fixtures/theme-setups-6/). Its p09 (WordPress's
# footnotes under "المراجع") was right after E13-2's closing-notes change.
_THEME_SETUPS_6_DESIGNED = {
    # Rank Math's JSON-LD author is the site's own Person/Organization node, "وطن برس".
    "the site's name as the author when no person is named": [("p08", "authors")],
}
_THEME_SETUPS_6_OPEN = {
    "TS6-1: a plugin's breaking bar after the theme's wrapper, <time> entries": [("p08", "items")],
    "TS6-2: a bilingual post's column labels ('العربية' | 'English')": [("p05", "body_first")],
}
# The fourth listings probe (tests/fixtures/arabic-listings-4/): fourteen pages that are
# no single story, with an article's signals. Its writer dropped p05's "منذ يوم واحد" ..
# "منذ 6 أيام" entries from the answer before the first run (either of two days).
_LISTINGS_4_OPEN = {
    "L4-1: a day's archive stating a NewsArticle, its lead story in full": [("p02", "page_type")],
    "L4-2: a video hub (one-word heading, a featured clip above dated cards)": [
        ("p11", "page_type")
    ],
    "L4-3: a PDF issue's page ('العدد 14237')": [("p12", "page_type")],
    "L4-4: a page of 'عاجل' one-liners under day headings, clocks alone": [
        ("p14", "page_type"),
        ("p14", "items"),
    ],
}
# The fourteenth English probe (tests/fixtures/english-news-14/). Its writer fixed two
# inline scripts' timestamps, one card's datetime and the pages' length before the first run.
_NEWS_14_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p08", "p11", "p12", "p14")],
    # p02: Grove puts the section among article:tag; p03 prints a tone tag ("comment")
    # article:tag leaves out.
    "keyword metadata first": [(p, "tags") for p in ("p01", "p02", "p03", "p06")],
    # og:title, twitter:title and JSON-LD agree on the SEO headline; the h1 is longer.
    "JSON-LD headline first": [("p01", "headline")],
    "the site's name as the author when no person is named": [("p09", "authors")],  # "… WITH AA"
}
_NEWS_14_OPEN = {
    "E14-1: furniture after the story inside its container (a support appeal between "
    "'Join ... Community' and its long text, a college's 'About' field)": [
        ("p08", "body_last"),
        ("p08", "body"),
        ("p14", "body_last"),
        ("p14", "body"),
    ],
    "E14-2: an abstract's bullets and an AI takeaways box above the story": [
        ("p10", "body_first"),
        ("p10", "body"),
    ],
    "E14-4: a related list inside <article>; league cards dated by a span": [
        ("p08", "items"),
        ("p13", "items"),
    ],
}
# The fifth Arabic sources probe (tests/fixtures/arabic-sources-5/).
_SOURCES_5_DESIGNED = {
    # Zox's "عبر:" field credits where the writer found the story (`source_line`'s docstring).
    "a Via box names no source": [("p07", "source")],
}
# The fourth Arabic headlines probe (tests/fixtures/arabic-headlines-4/).
_HEADLINES_4_DESIGNED = {
    # "د. خالد العتيبي", "الأستاذ الهادي بن صالح": the name as the site prints it everywhere.
    "the writer's title kept as printed": [("p01", "authors"), ("p12", "authors")],
}
_HEADLINES_4_OPEN = {
    "AH4-1: a Blogger account named for the blog ('إدارة المنبر') over 'بقلم الدكتور …'": [
        ("p10", "authors")
    ],
}
# The fourth Arabic portals probe (tests/fixtures/arabic-portals-4/). Its writer fixed a
# generator's timestamp on p02 before the first run.
_PORTALS_4_DESIGNED = {
    "desk account": [("p04", "authors")],  # "محرر الشؤون المحلية"
    # The channel's own Organization as JSON-LD author, "قناة الرافدين" (the site's name
    # shortened): no credit of the story since PA4-1, the author as stated.
    "the site's name as the author when no person is named": [("p07", "authors")],
    "deck as the lead": [("p12", "body_first")],
    "keyword metadata first": [("p08", "tags")],
}
_PORTALS_4_OPEN = {
    "PA4-2: 'بغداد/ الرافدين نيوز', a place and the site's name opening the text": [
        ("p07", "body_first")
    ],
    "PA4-3: 'كتبت رنا فقيه في «الشرق الجديد»:'": [("p05", "source")],
}
# The third Arabic bodies probe (tests/fixtures/arabic-bodies-3/). Its writer moved p05's
# sidebar dates a day back before the first run (they were after the fetch).
_ARABIC_BODIES_3_DESIGNED = {"summary as the lead": [("p09", "body_first")]}
# The third theme list items probe (tests/fixtures/theme-list-items-3/): 314 dated entries,
# every one answered. Its writer fixed p13's top-bar Hijri day before the first run.
_THEME_LISTS_3_DESIGNED = {
    # Yoast's twitter:data1 and the JSON-LD author name the paper's own account.
    "the site's name as the author when no person is named": [("p03", "authors")],
}
_THEME_LISTS_3_OPEN = {
    # (Stock Jannah prints no dates in its ticker; the page's are a child theme's.)
}
# The fifteenth English probe (tests/fixtures/english-news-15/): templates of 2011-2019.
# Its writer padded the pages with a sponsored-links block before the first run.
_NEWS_15_DESIGNED = {
    # "ANDREW KETTERING, Associated Press": the agency stays beside the writer, as the
    # corpus's publishers list theirs ("Paula Steiger", "SDA"; "Felix Schröder", "dpa").
    "organization or agency named as author": [("p09", "authors")],
    "keyword metadata first": [("p02", "tags"), ("p05", "tags"), ("p09", "tags")],
    "summary as the lead": [("p02", "body_first")],
    "deck as the lead": [("p08", "body_first"), ("p11", "body_first")],
}
_NEWS_15_OPEN = {
    "E15-1: a tabloid's 'By X and Y FOR <SITE>', a credit taken from a caption": [
        ("p02", "authors"),
        ("p02", "source"),
    ],
    "E15-4: a company in a press release's meta author": [("p11", "authors")],
    "E15-5: furniture in the story's container (a bracketed photo credit, a response's "
    "name, a finance blog's summary, disclosures and editor's note)": [
        ("p03", "body_last"),
        ("p08", "body_last"),
        ("p13", "body_first"),
        ("p13", "body_last"),
        ("p13", "body"),
    ],
    "E15-6: NYT-style CG/SCG meta and a section band": [("p01", "category")],
}
# The sixth Arabic dates probe (tests/fixtures/arabic-dates-6/): 14 countries' forms.
_DATES_6_OPEN = {
    "D6-1: a day, month and year each in its own span of a badge, the clock alone below the "
    "photo": [("p01", "published")],
    "D6-4: a time only in a Nuxt state script's 'published_at'": [("p09", "published")],
}
# The seventh Arabic news probe (tests/fixtures/arabic-news-7/). Its writer added two lines
# of reasoning to p10's and p11's notes before the first run.
_NEWS_AR_7_DESIGNED = {
    "keyword metadata first": [("p02", "tags")],
    "deck as the lead": [("p03", "body_first"), ("p05", "body_first"), ("p14", "body_first")],
    # "وحدة الرصد", a monitoring desk, is the only byline the page prints.
    "desk account": [("p10", "authors")],
}
_NEWS_AR_7_OPEN = {
    "AN7-3: a broadcaster's meta list ('الكاتب', 'مواضيع', 'طباعة') in the header": [
        ("p11", "body_first"),
        ("p11", "body"),
    ],
}
# The sixteenth English probe (tests/fixtures/english-news-16/). Its writer removed p07's
# news_keywords before the first run.
_NEWS_16_DESIGNED = {
    "deck as the lead": [("p10", "body_first")],
    "summary as the lead": [("p11", "body_first")],
    "organization or agency named as author": [("p13", "authors")],
}
_NEWS_16_OPEN = {
    "E16-9: a fact-check's short-version box ('If Your Time is short') opening the body": [
        ("p14", "body_first"),
    ],
}
# The seventh theme set-ups probe (tests/fixtures/theme-setups-7/).
_THEME_SETUPS_7_DESIGNED = {
    # Jarida's "أبرز النقاط" box of bullets opening the content.
    "summary as the lead": [("p14", "body_first")],
}
_THEME_SETUPS_7_OPEN = {
    "TS7-3: JNews's subtitle field holding the lead": [("p06", "body")],
}
# The sixth English bodies probe (tests/fixtures/english-bodies-6/). Its writer corrected
# p01's note (11 paragraphs, not 13) after the first run; no answer changed.
_BODIES_6_DESIGNED = {
    "deck as the lead": [("p03", "body_first"), ("p11", "body_first")],
    "keyword metadata first": [("p09", "tags")],
}
_BODIES_6_OPEN = {
    "EB6-4: a site-wide header block's text in div.content opening the body": [
        ("p12", "body_first")
    ],
}
# The fifth page kinds probe (tests/fixtures/arabic-page-kinds-5/). Its writer corrected
# two top bars' Hijri days and dropped one headline_also before the first run.
_PAGE_KINDS_5_OPEN = {}
# The fifth Arabic headlines probe (tests/fixtures/arabic-headlines-5/): every headline
# right at the first run. Its writer corrected p08's note before the run.
_HEADLINES_5_DESIGNED = {"keyword metadata first": [("p12", "tags")]}
_HEADLINES_5_OPEN = {
    "AH5-2: 'مراسل الموقع في غزة - name' opening the content, the site as meta author": [
        ("p11", "authors"),
        ("p11", "body_first"),
    ],
}
# The second Arabic categories probe (tests/fixtures/arabic-categories-2/). Its writer
# fixed a class name and padded four pages' CSS before the first run.
_CATEGORIES_2_OPEN = {
    "C2-2: the section named only by a 'المزيد من <a>X</a>' box": [("p10", "category")],
}
# The seventh English bodies probe (tests/fixtures/english-bodies-7/): every body whole.
_BODIES_7_DESIGNED = {
    "deck as the lead": [("p07", "body_first"), ("p08", "body_first"), ("p11", "body_first")],
}
_BODIES_7_OPEN = {}
# The fifth Arabic portals probe (tests/fixtures/arabic-portals-5/).
_PORTALS_5_DESIGNED = {
    # article:section and JSON-LD say "الرأي", the printed breadcrumb "مقالات الرأي".
    "disputed: the stated section beside the breadcrumb's": [("p05", "category")],
}
_PORTALS_5_OPEN = {}
# The sixth Arabic sources probe (tests/fixtures/arabic-sources-6/). Its writer rewrote
# the source answers of p01, p06, p11 and p14 as one string each (names joined as printed)
# after the first run: the lists were read as alternatives; no name changed.
_SOURCES_6_OPEN = {}
# The fourth theme list items probe (tests/fixtures/theme-list-items-4/): 161 dated entries.
_THEME_LISTS_4_DESIGNED = {
    # The JSON-LD author is the site's Organization; the page prints no byline.
    "the site's name as the author when no person is named": [("p11", "authors")],
}
_THEME_LISTS_4_OPEN = {
    "TL4-2: dated posts in Molongui's author box (the date before the link, on Zox's "
    "profile path), a JNews next-story teaser (a list of one)": [
        ("p08", "items"),
        ("p10", "items"),
    ],
}
# The seventeenth English probe (tests/fixtures/english-news-17/).
_NEWS_17_DESIGNED = {
    # Title, og:title and JSON-LD agree on the SEO wording; the h1 prints another.
    "an agreed SEO headline": [("p06", "headline")],
    "summary as the lead": [("p09", "body_first")],
    "deck as the lead": [("p12", "body_first")],
    # JSON-LD's author is the publisher's Organization ("TRN World").
    "the site's name as the author when no person is named": [("p08", "authors")],
}
_NEWS_17_OPEN = {
    "E17-2: Brightspot's caption and credit divs, a 'Fact checked' box above the story": [
        ("p13", "body_first"),
        ("p13", "body"),
    ],
}
# The sixth page kinds probe (tests/fixtures/arabic-page-kinds-6/): all eleven articles
# recognised at the first run.
_PAGE_KINDS_6_DESIGNED = {
    "keyword metadata first": [("p08", "tags")],
    # Blogger's first label names the section where nothing else does (`blogger-labels`).
    "disputed: Blogger's first label as the section": [("p05", "category")],
}
_PAGE_KINDS_6_OPEN = {
    "PK6-1: a poll's results page; a writers' index (a WordPress Page of eight cards)": [
        ("p12", "page_type"),
        ("p13", "page_type"),
    ],
}
# The seventh Arabic dates probe (tests/fixtures/arabic-dates-7/). Its writer fixed the
# pages' link domains (a generator's slip) before the first run.
_DATES_7_DESIGNED = {
    # '<meta name="author" content="التحرير">': the desk, the only author the page states.
}
_DATES_7_OPEN = {
    "D7-3: a live page's header day and its oldest entry's clock": [("p11", "published")],
    "D7-4: dates only in images' alt text": [("p12", "published"), ("p12", "items")],
    "D7-6: list entries dated 'مساء أمس', 'الثلاثاء', their days in their addresses": [
        ("p04", "items")
    ],
    "D7-8: an event card's heading above the story": [("p10", "body_first")],
}
# The eighth Arabic dates probe (tests/fixtures/arabic-dates-8/): 143 of 150 right at the
# first run.
_DATES_8_OPEN = {
    "D8-3: Blogger's section badge marked rel=tag beside the labelled tags": [("p08", "tags")],
}
# "تغطية: فريق التحرير": the desk, the only writer the live page names.
_DATES_8_DESIGNED = {}
# The eighteenth English probe (tests/fixtures/english-news-18/): 145 of 153 right at the
# first run.
_NEWS_18_OPEN = {
    "E18-4: a blog's sign-off after a dash line ('… Send them to our ask box.')": [
        ("p12", "body_last")
    ],
}
# The seventh Arabic sources probe (tests/fixtures/arabic-sources-7/): 142 of 154 right at
# the first run. Its writer took a desk ("المحرر الاقتصادي", "مراسلو الموقع") and the
# site's name as no author; the project keeps them as the page states them.
_SOURCES_7_DESIGNED = {
    "desk account": [("p08", "authors")],
    "the site's name as the author when no person is named": [
        ("p11", "authors"),
        ("p12", "authors"),
    ],
    # A ministry's press release: the ministry in the byline field stays its author; the
    # writer also took it as the source.
    "organization or agency named as author": [("p06", "authors"), ("p06", "source")],
}
# The eighth English bodies probe (tests/fixtures/english-bodies-8/): 138 of 153 right at
# the first run (137 before the commit that closed EB7-1).
_BODIES_8_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p05", "p07", "p08")],
    # The breadcrumb's last step and the address's sub-folder say "Transport"; the kicker
    # and article:section say "UAE".
    "disputed: a breadcrumb's sub-section": [("p01", "category")],
}
_BODIES_8_OPEN = {
    "EB8-1: a long read of sibling <section>s in <main>, no container, teasers after them": [
        ("p02", "body_first"),
        ("p02", "body_last"),
    ],
    "EB8-2: a 'Key takeaways' <aside> opening entry-content": [("p04", "body")],
}
# The seventh page kinds probe (tests/fixtures/arabic-page-kinds-7/): 120 of 126 right at
# the first run; all eleven articles recognised. Its classes are closed.
# The sixth Arabic headlines probe (tests/fixtures/arabic-headlines-6/): 152 of 154 right
# at the first run; both classes closed.
# The eighth theme set-ups probe (tests/fixtures/theme-setups-8/): 143 of 154 right at the
# first run. Its writer dropped p10's and p11's undated related posts from items_have
# after the run (tagDiv's classic related module prints no dates); no other answer changed.
_THEME_SETUPS_8_DESIGNED = {
    # The writer's Cloud template wraps the whole page template in td-post-content, which
    # tagDiv's own markup does not.
    "the page's own flaw: the whole template in the content's class": [
        ("p12", "body_first"),
        ("p12", "body_last"),
        ("p12", "body"),
    ],
}
_THEME_SETUPS_8_OPEN = {
    "TS8-1: a sponsor's box ('برعاية', rel=sponsored) opening Zox's content": [
        ("p03", "body_first")
    ],
}
# The eighth ordinary Arabic stories probe (tests/fixtures/arabic-news-8/): 140 of 154
# right at the first run, seven of the misses the project's documented choices.
_NEWS_AR_8_DESIGNED = {
    "desk account": [("p01", "authors"), ("p07", "authors")],
    "organization or agency named as author": [("p12", "authors")],
    "keyword metadata first": [("p03", "tags"), ("p13", "tags")],
    "deck as the lead": [("p02", "body_first"), ("p05", "body_first")],
}
_NEWS_AR_8_OPEN = {
    "AN8-4: a date line above the kicker and h1; a stale +04:30 in the metadata": [
        ("p12", "published")
    ],
}
# The sixth big-portals probe (tests/fixtures/arabic-portals-6/): 148 of 154 right at the
# first run.
_PORTALS_6_DESIGNED = {
    "deck as the lead": [("p02", "body_first"), ("p06", "body_first")],
    # JSON-LD's author is an Organization named as the site.
    "the site's name as the author when no person is named": [("p07", "authors")],
}
_PORTALS_6_OPEN = {
    "P6-1: a video block's title and description above the h1": [("p08", "body_first")],
}
# The ninth English bodies probe (tests/fixtures/english-bodies-9/): 142 of 154 right at
# the first run; only p04's quote in an <aside> was real story text dropped.
_BODIES_9_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p02", "p05", "p09", "p10")],
    "keyword metadata first": [("p08", "tags")],
    # "by: MARTA GUZMAN, Associated Press": the agency kept among the authors, as the
    # corpus's publishers list it.
    "organization or agency named as author": [("p11", "authors"), ("p11", "source")],
}
_BODIES_9_OPEN = {
    "EB9-1: a quote printed only in an <aside class='pullquote'>": [("p04", "body")],
}
# The nineteenth English probe (tests/fixtures/english-news-19/): 134 of 154 right at the
# first run. Its writer set p08's reference in 2019: the page prints "This article is more
# than 5 years old".
_NEWS_19_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p02", "p05", "p13")],
}
_NEWS_19_OPEN = {
    "E19-4: closing lines: 'Missing out …? Sign up', 'For more … subscribe',"
    " a heading left by its video or widget": [
        ("p06", "body_last"),
        ("p10", "body_last"),
    ],
    "E19-5: a list post's contact line and dated 'More News' cards in the body": [
        ("p02", "body_last"),
        ("p02", "body"),
    ],
    "E19-8: cards inside <article class='article-body-container'>; a next story's one card": [
        ("p07", "items"),
        ("p08", "items"),
    ],
}
# The eighth page kinds probe (tests/fixtures/arabic-page-kinds-8/): 111 of 127 right at
# the first run.
_PAGE_KINDS_8_OPEN = {
    "PK8-2: a 227-character story under a longer caption (the recall pass takes all)": [
        ("p01", "body")
    ],
    "PK8-4: a home page's hidden h1 over a modal story's h2": [("p09", "category")],
    "PK8-6: a topic hub's Query Loop list inside entry-content": [
        ("p13", "page_type"),
        ("p13", "items"),
    ],
}
# The second probe of dated lists on unprofiled layouts (tests/fixtures/list-items-unknown-2/):
# 142 of 154 right at the first run; its answers list every dated entry and the undated
# ones (items_complete), so a wrong date or a non-story entry fails too.
_LISTS_UNKNOWN_2_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p05", "p09", "p11", "p14")],
}
_LISTS_UNKNOWN_2_OPEN = {
    "LU2-1: a day's heading over a group of plain links ('الثلاثاء 3 أغسطس', 'Yesterday')": [
        ("p02", "items"),
        ("p12", "items"),
    ],
    "LU2-2: a clock in <dt>, its link in the next <dd>": [("p07", "items")],
    "LU2-3: a date opening the link's text ('2027-08-02 - Title'); a bare day/month ('5/8', "
    "'08/08')": [("p03", "items"), ("p10", "items")],
    "LU2-5: '<site> - <name> | تاريخ النشر: …' as the only byline": [("p10", "authors")],
}
# The second Arabic bylines probe (tests/fixtures/arabic-bylines-2/): 139 of 154 right at
# the first run.
_BYLINES_2_DESIGNED = {
    "the writer's title kept as printed": [("p01", "authors")],
    # The printed byline in Latin letters, JSON-LD's in Arabic: the writer took the printed.
    "disputed: JSON-LD's Arabic name over a Latin printed byline": [("p13", "authors")],
}
_BYLINES_2_OPEN: dict[str, list[tuple[str, str]]] = {}
# The eighth Arabic sources probe (tests/fixtures/arabic-sources-8/): 147 of 154 right at
# the first run.
_SOURCES_8_DESIGNED = {
    "the writer's title kept as printed": [("p09", "authors")],  # "أ. د." stacked
    "deck as the lead": [("p13", "body_first")],
}
# The twentieth English news probe (tests/fixtures/english-news-20/): 130 of 146 right at
# the first run.
_NEWS_20_DESIGNED = {"deck as the lead": [("p06", "body_first")]}
_NEWS_20_OPEN = {
    "E20-2: a lead in a block of its own before the 'read all' container, story highlights "
    "inside it": [("p03", "body_first"), ("p03", "body")],
    "E20-3: a blog network's banner naming the blog (the section)": [("p14", "category")],
    "E20-4: a WordPress side column (#secondary) whose 'About' box trafilatura appends": [
        ("p04", "body_last")
    ],
}
# The ninth Arabic dates probe (tests/fixtures/arabic-dates-9/): 131 of 149 right at the
# first run.
_DATES_9_DESIGNED = {
    "keyword metadata first": [("p04", "tags")],
    "deck as the lead": [("p09", "body_first"), ("p13", "body_first")],
    # Joomla's site-wide meta author, the site's name.
    "the site's name as the author when no person is named": [("p11", "authors")],
}
# The ninth theme set-ups probe (tests/fixtures/theme-setups-9/): 151 of 154 right at the
# first run.
_THEME_SETUPS_9_DESIGNED = {}
_THEME_SETUPS_9_OPEN: dict = {}
# The ninth page-kinds probe (tests/fixtures/arabic-page-kinds-9/): 120 of 127 right at the
# first run.
_PAGE_KINDS_9_OPEN = {
    "PK9-1: a daily digest of timed one-line links under og:type article and a stated time": [
        ("p13", "page_type")
    ],
    "PK9-2: a featured lead card above a list (heading link, time, excerpt)": [
        ("p12", "items"),
        ("p14", "items"),
    ],
}
# The ninth Arabic news probe (tests/fixtures/arabic-news-9/): 136 of 154 right at the first
# run.
_NEWS_AR_9_DESIGNED = {
    # "فريق التحرير", "قسم الأخبار", "هيئة التحرير" in the byline's slot.
    "the site's name as the author when no person is named": [("p06", "authors")],
    # Yoast's SEO title in <title>, og:title, JSON-LD and the breadcrumb's leaf alike.
    "JSON-LD headline first": [("p03", "headline")],
    "keyword metadata first": [("p09", "tags")],
    "deck as the lead": [("p04", "body_first"), ("p11", "body_first"), ("p12", "body_first")],
}
_NEWS_AR_9_OPEN = {
    "AN9-1: a press release's 'نبذة عن مدار' boilerplate (its heading not in the body)": [
        ("p05", "body_last")
    ],
    "AN9-3: Sitecore's side column joined to the story; a topic chip under a catch-all "
    "breadcrumb step": [("p14", "category"), ("p14", "body_last")],
    "AN9-4: 'لندن – name' in bold opening the content, the desk in the byline's slot": [
        ("p10", "authors")
    ],
}
# The tenth English bodies probe (tests/fixtures/english-bodies-10/): 141 of 149 right at
# the first run.
_BODIES_10_DESIGNED = {
    "deck as the lead": [("p10", "body_first"), ("p11", "body_first"), ("p14", "body_first")],
}
_BODIES_10_OPEN = {
    "EB10-2: a floated 'What we know' fact box inside the body": [("p06", "body")],
}
# The third probe of dated lists on unprofiled layouts (tests/fixtures/list-items-unknown-3/):
# 141 of 154 right at the first run; dated items' precision 117 of 123 (0.951).
_LISTS_UNKNOWN_3_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p04", "p05", "p12", "p13")],
    # "مسقط - العُمانية" in the byline's slot and JSON-LD's Organization.
    "organization or agency named as author": [("p10", "authors")],
    # The breadcrumb's child ("Business / Energy"); its writer accepted the child on p02.
    "disputed: the breadcrumb's deepest step over the stated section": [("p13", "category")],
}
_LISTS_UNKNOWN_3_OPEN = {
    "LU3-4: clock and link lines between <br>s in one paragraph": [("p09", "items")],
}
# The twenty-sixth round's probes (docs/accuracy.md), each written whole with its answers
# before the first run by a helper who had not seen the extractor's code.
# tests/fixtures/theme-setups-10/: 151 of 154 right at the first run.
_THEME_SETUPS_10_DESIGNED = {
    # tagDiv's cloud template prints the subtitle block above the content block.
    "deck as the lead": [("p10", "body_first")],
}
_THEME_SETUPS_10_OPEN: dict = {}
# tests/fixtures/arabic-news-10/: 131 of 154 right at the first run.
_NEWS_AR_10_DESIGNED = {
    "keyword metadata first": [("p01", "tags")],
    "organization named as author": [(p, "authors") for p in ("p05", "p13", "p14")],
    "desk account": [("p11", "authors")],
}
_NEWS_AR_10_OPEN = {
    "AN10-7: a chapô and a WhatsApp promo line in a Next.js story": [("p13", "body")],
}
# tests/fixtures/arabic-dates-10/: 144 of 154 right at the first run.
_DATES_10_DESIGNED = {
    "keyword metadata first": [("p03", "tags")],
    "organization named as author": [("p12", "authors")],
}
_DATES_10_OPEN = {
    "D10-6: JSON-LD's '2027-07-30 17:20:00' (UTC, no offset) over the printed clock": [
        ("p11", "published")
    ],
}
# tests/fixtures/english-bodies-11/: 134 of 154 right at the first run.
_BODIES_11_DESIGNED = {
    "deck as the lead": [("p05", "body_first"), ("p06", "body_first")],
    "summary as the lead": [("p14", "body_first")],
    "keyword metadata first": [("p11", "tags")],
    "desk account": [("p12", "authors")],
    # As english-news-9 p13: earlier probes answered the closing correction as story text.
    "disputed: a correction note closing the story": [("p10", "body_last")],
}
_BODIES_11_OPEN = {
    "EB11-3: a closing fact box with its own source line; a Telegram promo": [
        ("p08", "source"),
        ("p08", "body_last"),
        ("p08", "body"),
    ],
    "EB11-4: an italic writer's bio closing the story": [("p09", "body_last")],
    "EB11-7: a '(NAN)' line, a copyright line and a donation box closing .content-inner": [
        ("p12", "source"),
        ("p12", "body_last"),
        ("p12", "body"),
    ],
}
# tests/fixtures/arabic-headlines-7/: 143 of 154 right at the first run.
_HEADLINES_7_DESIGNED = {
    "keyword metadata first": [("p04", "tags")],
    # (AH7-1; see arabic-headlines-8 for the measurement that kept it.)
    "an agreed SEO headline": [
        ("p01", "headline"),
        ("p06", "headline"),
    ],
}
_HEADLINES_7_OPEN = {
    "AH7-4: ColorMag 4's cm-entry-summary, its subtitle in the header": [
        ("p07", "body_first"),
        ("p07", "body_last"),
        ("p07", "body"),
    ],
}
# tests/fixtures/arabic-sources-9/: 146 of 154 right at the first run.
_SOURCES_9_DESIGNED = {
    "organization named as author": [("p03", "authors")],
    "keyword metadata first": [("p10", "tags")],
}
_SOURCES_9_OPEN: dict = {}
# tests/fixtures/arabic-page-kinds-10/: 114 of 118 right at the first run, every page's
# kind right.
_PAGE_KINDS_10_DESIGNED = {"keyword metadata first": [("p10", "tags")]}
_PAGE_KINDS_10_OPEN = {
    "PK10-1: a photo story told in its figcaptions": [("p03", "body")],
    "PK10-3: a match's statistics table inside <article> after the report": [("p08", "body_last")],
}
# tests/fixtures/english-news-21/: 135 of 154 right at the first run.
_NEWS_21_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p02", "p05", "p06", "p07", "p11")],
    "deck as the lead": [(p, "body_first") for p in ("p09", "p10", "p13")],
    # Reuters' "Summary" box above the dateline: its points open the body.
    "summary as the lead": [("p03", "body_first")],
}
_NEWS_21_OPEN = {
    "E21-2: a nav's two levels both aria-current (News > UK Politics)": [("p04", "category")],
    "E21-4: CNN's credit element (cite.source__cite: 'London', 'CNN')": [("p07", "source")],
    "E21-5: 'More about' over topic links (the corpus's Independent keeps its keywords)": [
        ("p10", "tags")
    ],
    "E21-6: a support box between paragraphs": [("p10", "body")],
}
# The twenty-seventh round's probes (docs/accuracy.md).
# tests/fixtures/arabic-dates-11/: 139 of 145 right at the first run (one list item's day
# corrected after it: 23:40 Mecca time is the next day in the site's zone, Dubai).
_DATES_11_DESIGNED = {
    "organization named as author": [("p13", "authors")],
    # Ma'an's "الخليل- معا-": its writer took the agency's own dateline as no credit;
    # arabic-dates-10 p10's, and every agency site's answer (SPA, WAM, KUNA, WAFA), as
    # the agency's credit.
    "disputed: an agency's own dateline credit as the source": [("p11", "source")],
    # Its writer read "العربية.نت - وكالات" in the writer's slot as a desk credit only;
    # arabic-headlines p11's "الحدث نيوز - وكالات" is answered as the agencies' credit.
    "disputed: agencies credited after the site's name in the writer's slot": [("p08", "source")],
}
_DATES_11_OPEN = {
    "D11-14: JSON-LD's draft time two days before the printed day and clock": [
        ("p14", "published")
    ],
}
# tests/fixtures/english-news-22/: 139 of 154 right at the first run.
_NEWS_22_DESIGNED = {
    "organization named as author": [("p03", "authors")],
    "deck as the lead": [(p, "body_first") for p in ("p04", "p11", "p13")],
    # Business Insider's "Key takeaways" list above the story.
    "summary as the lead": [("p12", "body_first")],
    "disputed: a correction note closing the story": [("p11", "body_last")],
    # RNZ's closing "Local Democracy Reporting is Public Interest Journalism funded through
    # NZ On Air": its writer took it for a funding note; english-news-13 p04's and
    # english-news-29 p02's writers accept the partner it names as the source.
    "disputed: the funded partner's line as the source": [("p14", "source")],
    # "Updated 19 Sep, 2027", "Updated on Dec 01, 2027 09:12 PM IST": a list entry's last
    # change says no more than that it was published before; no publication time is stored.
    "an entry's update time is no publication time": [("p07", "items"), ("p08", "items")],
}
_NEWS_22_OPEN = {
    "E22-8: printed topics plus one keyword": [
        ("p08", "tags"),
    ],
}
# tests/fixtures/arabic-news-11/: 138 of 154 right at the first run (p04, a Drupal 7 story
# at "/?q=node/48213" under a slogan og:title, called no article).
_NEWS_AR_11_DESIGNED = {
    "keyword metadata first": [("p03", "tags")],
    "desk account": [("p11", "authors")],
    "organization named as author": [("p13", "authors")],
    "deck as the lead": [("p13", "body_first")],
}
_NEWS_AR_11_OPEN = {
    "AN11-14: 'أبوظبي - سكاي نيوز عربية', the channel crediting itself": [("p14", "source")],
}
# tests/fixtures/arabic-bylines-3/: 140 of 154 right at the first run.
_BYLINES_3_OPEN = {
    # (As AN9-4: the bare "city – name" form was read, then reverted after the review.)
    "BY3-12: 'الدوحة – علي المري' in bold opening the story, the desk in every slot": [
        ("p12", "authors"),
        ("p12", "body_first"),
    ],
}
_BYLINES_3_DESIGNED = {
    "the writer's title kept as printed": [("p04", "authors"), ("p10", "authors")],
    "organization named as author": [("p14", "authors")],
    "deck as the lead": [("p13", "body_first")],
}
# tests/fixtures/theme-setups-11/: 151 of 154 right at the first run.
_THEME_SETUPS_11_DESIGNED = {}
_THEME_SETUPS_11_OPEN = {
    "TS11-6: a sponsor's italic disclosure closing a short sponsored post": [("p06", "body")],
}
# tests/fixtures/english-bodies-12/: 144 of 154 right at the first run.
_BODIES_12_DESIGNED = {
    "summary as the lead": [("p03", "body_first")],
    "deck as the lead": [("p12", "body_first")],
    # A wire's section links in a nav labelled "Tags": the writer read them as sections.
    "disputed: section links marked up as tags": [("p03", "tags")],
    "an entry's update time is no publication time": [("p05", "items")],  # "Updated / 1 hour ago"
}
_BODIES_12_OPEN = {
    "EB12-3: '(Meridian)', a dateline credit of an agency no list knows": [("p03", "source")],
}
# tests/fixtures/arabic-bodies-4/: 152 of 154 right at the first run.
_ARABIC_BODIES_4_DESIGNED = {}
# tests/fixtures/list-items-unknown-4/: 111 of 118 right at the first run.
_LISTS_UNKNOWN_4_DESIGNED = {
    "deck as the lead": [("p05", "body_first")],
    "summary as the lead": [("p08", "body_first")],
}
_LISTS_UNKNOWN_4_OPEN = {
    "LU4-14: a 'Latest' timeline page under day headings ('Today', a date)": [
        ("p14", "page_type"),
        ("p14", "items"),
    ],
}
# The twenty-seventh round's second batch.
# tests/fixtures/arabic-categories-3/: 146 of 154 right at the first run.
_CATEGORIES_3_OPEN = {
    "C3-2: JSON-LD's BreadcrumbList over the printed breadcrumb": [("p02", "category")],
    "C3-4: article:section holding the tags, the category link in the meta row": [
        ("p04", "category")
    ],
    "C3-7: a format badge ('فيديو') above the headline over the current menu item": [
        ("p07", "category")
    ],
    "C3-8: a topic link above the headline over 'نشر في <a>section</a>'": [("p08", "category")],
    "C3-9: the section named only in 'المزيد من عربي ودولي'": [("p09", "category")],
}
# tests/fixtures/arabic-headlines-8/: 140 of 154 right at the first run.
_HEADLINES_8_DESIGNED = {
    # og:title and JSON-LD's headline over a printed h1 (or h2) that says it otherwise.
    # Read the printed one instead for a while: the corpus's headline fell from 227 to 214
    # of 254 (its publishers' answers are their metadata's), so it was reverted.
    "an agreed SEO headline": [(p, "headline") for p in ("p01", "p06", "p12", "p13", "p14")],
    "keyword metadata first": [("p02", "tags")],
    "deck as the lead": [("p02", "body_first"), ("p07", "body_first"), ("p12", "body_first")],
}
_HEADLINES_8_OPEN = {
    "AH8-1: the logo's h1, the headline in h2.news-title opening the body; a 12-hour clock lost": [
        ("p01", "published"),
        ("p01", "body_first"),
    ],
    "AH8-8: a custom layout's side column (an exchange-rate box) joined to the story": [
        ("p08", "body_last")
    ],
}
# tests/fixtures/arabic-dates-12/: 127 of 136 right at the first run.
_DATES_12_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p09", "authors"),
    ],
    "deck as the lead": [("p09", "body_first")],
}
_DATES_12_OPEN = {
    "D12-3: the print edition's date over 'نُشر على الموقع ... ٢٣:١٠'": [("p03", "published")],
    "D12-12: article:published_time a day before the printed day and clock": [("p12", "published")],
}
# tests/fixtures/arabic-portals-7/: 144 of 154 right at the first run.
_PORTALS_7_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p02", "authors"),
    ],
    "organization named as author": [("p11", "authors")],
    "desk account": [("p14", "authors")],
    "deck as the lead": [("p12", "body_first")],
}
_PORTALS_7_OPEN = {
    "P7-6: two writers joined by ' - '; the site's name among the keywords beside printed "
    "tags; the story cut at an in-body ad": [
        ("p06", "authors"),
        ("p06", "tags"),
        ("p06", "body_last"),
        ("p06", "body"),
    ],
}
# tests/fixtures/english-news-23/: 141 of 154 right at the first run.
_NEWS_23_DESIGNED = {
    "keyword metadata first": [("p01", "tags"), ("p02", "tags")],
    "deck as the lead": [("p05", "body_first"), ("p09", "body_first")],
    "an entry's update time is no publication time": [("p08", "items")],
    # Ghost's primary tag, printed above the headline and in the meta tags: the writer
    # took it as the category only.
    "disputed: a primary tag as a tag too": [("p13", "tags")],
    # ABC's local station in the breadcrumb: the writer answered no category.
    "disputed: a station's name as the category": [("p06", "category")],
}
_NEWS_23_OPEN = {
    "E23-9: a card's date in a span beside its link": [("p09", "items")],
}
# tests/fixtures/arabic-sources-10/: 149 of 154 right at the first run.
_SOURCES_10_DESIGNED = {
    "the site's name as the author when no person is named": [("p02", "authors")],
    "keyword metadata first": [("p03", "tags")],
    "deck as the lead": [("p10", "body_first")],
}
_SOURCES_10_OPEN: dict = {}
# tests/fixtures/arabic-page-kinds-11/: 111 of 118 right at the first run, every page's
# kind right.
_PAGE_KINDS_11_DESIGNED = {"keyword metadata first": [("p01", "tags")]}
_PAGE_KINDS_11_OPEN = {
    "PK11-3: a photo story told in its figcaptions": [("p03", "body_first"), ("p03", "body")],
    "PK11-11: a featured lead block (article.featured-lead) as a list's first entry": [
        ("p11", "items")
    ],
    "PK11-13: tagDiv's td_module_flex_6 without thumbnails in a sidebar": [("p13", "items")],
}
# tests/fixtures/theme-list-items-5/: 149 of 154 right at the first run; every field
# right since Jannah 7's and Sahifa's "recent featured" mega menus are read.
# tests/fixtures/arabic-dates-13/: 135 of 145 right at the first run.
_DATES_13_DESIGNED = {
    "keyword metadata first": [("p02", "tags")],
    "the site's name as the author when no person is named": [
        ("p07", "authors"),
        ("p08", "authors"),
        ("p09", "authors"),
    ],
    "organization named as author": [("p12", "authors")],
}
_DATES_13_OPEN = {
    "D13-2: a writer's other articles (div.writer-more) dated by edition lines": [("p02", "items")],
}
# tests/fixtures/english-news-24/: 144 of 154 right at the first run.
_NEWS_24_DESIGNED = {
    "keyword metadata first": [("p06", "tags")],
    "deck as the lead": [("p07", "body_first")],
}
# tests/fixtures/arabic-sources-11/: 141 of 154 right at the first run.
_SOURCES_11_DESIGNED = {
    "desk account": [("p08", "authors")],
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p02", "p04", "p06", "p12")
    ],
    "deck as the lead": [("p11", "body_first")],
}
# tests/fixtures/arabic-page-kinds-12/: 102 of 118 right at the first run (p06, a Joomla 3
# story at "index.php?option=com_content&view=article&id=...", called no article).
_PAGE_KINDS_12_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p04", "authors"),
    ],
    "organization named as author": [("p03", "authors")],
}
# tests/fixtures/arabic-news-12/: 139 of 154 right at the first run.
_NEWS_AR_12_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p06", "tags")],
    "the site's name as the author when no person is named": [("p04", "authors")],
    "deck as the lead": [("p13", "body_first")],
}
_NEWS_AR_12_OPEN = {
    # (Read for a while, the city before a dash taken off a bold opening line: it read a
    # bold kicker, "غزة – ليلة دامية جديدة", as a writer; tests/test_review_mends_49.py.)
    "AN12-12: SPIP's clock only in an abbr's title (UTC); sidebar days with no year": [
        ("p12", "published"),
        ("p12", "items"),
    ],
}
# tests/fixtures/theme-setups-12/: 131 of 136 right at the first run.
_THEME_SETUPS_12_DESIGNED = {
    "the site's name as the author when no person is named": [("p04", "authors")],
}
_THEME_SETUPS_12_OPEN = {
    "TS12-2: Zox's auto-loaded next story (its own h1 and date) after the article": [
        ("p02", "items")
    ],
}
# tests/fixtures/arabic-headlines-9/: 135 of 145 right at the first run.
_HEADLINES_9_DESIGNED = {
    "the site's name as the author when no person is named": [("p14", "authors")],
    # JSON-LD's SEO headline, og:title's social one and the h1's: the h1 over both was
    # tried and lowered the corpus's headline (227 → 226 of 254).
    "an SEO headline over the printed h1": [("p08", "headline")],
    "disputed: a Blogger post's first label as the category": [("p14", "category")],
}
_HEADLINES_9_OPEN = {
    "AH9-2: JNews's date links in a widget's jeg_post_meta": [("p02", "items")],
    "AH9-10: a custom portal's ten h1s; its byline line": [("p10", "authors")],
    "AH9-14: a Blogger post's photo caption opening the body": [("p14", "body_first")],
}
# tests/fixtures/english-bodies-13/: 149 of 154 right at the first run.
_BODIES_13_DESIGNED = {
    # "Editor's note: This article was updated at 4:30 p.m. to include ...": its writer kept
    # it as the story's; an update notice is no story text here (as "ملاحظة المحرر: جرى
    # تحديث"), a correction is.
    "disputed: an update notice closing the story": [("p10", "body_last"), ("p10", "body")],
    "the site's name as the author when no person is named": [("p12", "authors")],
    "desk account": [("p13", "authors")],
    "keyword metadata first": [("p14", "tags")],
}
# tests/fixtures/list-items-unknown-5/: 133 of 136 right at the first run.
_LIST_ITEMS_UNKNOWN_5_DESIGNED = {"keyword metadata first": [("p14", "tags")]}
_LIST_ITEMS_UNKNOWN_5_OPEN = {
    # (Read as the names before a dated piece for a while: it let "التخطي إلى المحتوى" and
    # "نشر في" through as writers elsewhere.)
    "LU5-9: 'Name , <span>Monday 11 Jan 2027 4:05 PM</span>' in one byline element": [
        ("p09", "authors")
    ],
}
# tests/fixtures/arabic-bylines-4/: 134 of 145 right at the first run.
_BYLINES_4_DESIGNED = {
    # Zox's auto-loaded next story ("more-posts", its own h1 and date): its writer counted
    # no sighting of it; theme-setups-12 p02's writer did.
    "disputed: an auto-loaded next story as a sighting": [("p08", "items")],
    "keyword metadata first": [("p05", "tags")],
    "deck as the lead": [("p06", "body_first"), ("p13", "body_first")],
    "the site's name as the author when no person is named": [("p11", "authors")],
}
_BYLINES_4_OPEN = {
    "BY4-7: 'عمّان - name - name' opening the content under the desk's account": [
        ("p07", "authors"),
        ("p07", "body_first"),
    ],
}
# tests/fixtures/arabic-categories-4/: 137 of 145 right at the first run.
_CATEGORIES_4_DESIGNED = {
    "the site's name as the author when no person is named": [("p05", "authors")],
    "keyword metadata first": [("p06", "tags"), ("p13", "tags")],
    "deck as the lead": [("p09", "body_first")],
}
_CATEGORIES_4_OPEN = {
    "C4-7: a format badge ('فيديو') above the headline over the address's folder": [
        ("p07", "category")
    ],
    "C4-13: a breadcrumb's last step as plain text under a catch-all 'الأخبار'": [
        ("p13", "category")
    ],
}
# tests/fixtures/theme-list-items-6/: 102 of 109 right at the first run (its brief, ours,
# said a reader would count a mega menu's dated posts, as the project does by design).
_THEME_LISTS_6_OPEN = {
    "TL6: a JNews tag archive's mega menu posts": [("p09", "items")],
}
# The twenty-ninth round's eight probes (docs/accuracy.md), each with its first run.
# tests/fixtures/arabic-dates-14/: 149 of 154 right at the first run.
_DATES_14_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p08", "authors"),
        ("p09", "authors"),
    ],
    "keyword metadata first": [("p06", "tags")],
}
# tests/fixtures/english-news-25/: 138 of 154 right at the first run.
_NEWS_25_DESIGNED = {
    "deck as the lead": [("p05", "body_first"), ("p06", "body_first")],
    "organization or agency named as author": [("p06", "authors")],
    "keyword metadata first": [("p12", "tags")],
}
_NEWS_25_OPEN = {
    "E25-7: a wire's own name, no known agency, in its dateline ('Atlas Wire')": [
        ("p07", "source")
    ],
    "E25-10: ABC's 'Topic:' label and its subject links as the tags": [("p10", "tags")],
    "E25-11: a partner desk's name in the byline ('Arizona Desk') as the source": [
        ("p11", "source")
    ],
}
# tests/fixtures/arabic-sources-12/: 136 of 154 right at the first run.
_SOURCES_12_DESIGNED = {
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p01", "p02", "p03", "p04", "p06", "p09", "p12")
    ],
    "organization or agency named as author": [("p08", "authors"), ("p11", "authors")],
    "a lone dated link is no list": [("p03", "items")],
}
_SOURCES_12_OPEN = {
    "S12-2: the section's link beside Al Jazeera's place topics read as a tag": [("p02", "tags")],
    "S12-3: RT's summary (div.article__summary) above the story left out": [("p03", "body")],
    "S12-10: a paper credited inside the lead ('بحسب ما أوردته صحيفة «ماركا»')": [
        ("p10", "source")
    ],
    "S12-12: a translated story's original named only by its link ('(هنا)')": [("p12", "source")],
}
# tests/fixtures/arabic-news-13/: 144 of 154 right at the first run.
_NEWS_AR_13_DESIGNED = {
    "deck as the lead": [("p03", "body_first")],
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p04", "p11", "p13", "p14")
    ],
    "keyword metadata first": [("p04", "tags")],
    # "الرياض - العربية.نت", "شفق نيوز/": the answer names the site as its own source; other
    # probes' answers (arabic-headlines-10) name none.
    "disputed: the site's own name as the source": [("p05", "source"), ("p13", "source")],
}
# tests/fixtures/theme-setups-13/: 151 of 154 right at the first run.
_THEME_SETUPS_13_DESIGNED = {
    "organization or agency named as author": [("p08", "authors")],
    # W3 Total Cache's stamp (11:58) dates the page: "قبل 12 ساعة" is the day before, not
    # counted from the fetch (12:10) as the answer does.
    "a cached page's times count from when it was rendered": [("p03", "items")],
}
# tests/fixtures/arabic-headlines-10/: 145 of 154 right at the first run.
_HEADLINES_10_DESIGNED = {
    "an agreed SEO headline": [("p02", "headline"), ("p07", "headline")],
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p05", "p13", "p14")
    ],
    # "المصدر: \"النهار\"" on Annahar's own page: the answer names no source; other probes'
    # answers (arabic-news-13) name the site.
    "disputed: the site's own name as the source": [("p07", "source"), ("p11", "source")],
}
# tests/fixtures/english-bodies-14/: 139 of 154 right at the first run.
_BODIES_14_DESIGNED = {
    "keyword metadata first": [(p, "tags") for p in ("p03", "p07", "p08", "p09", "p10", "p14")],
    "deck as the lead": [("p10", "body_first")],
    "highlights as the lead": [("p09", "body_first")],
    "disputed: a correction note closing the story": [("p10", "body_last")],
}
_BODIES_14_OPEN = {
    "EB14-6: a live page's section only in its title; its second writer": [
        ("p06", "category"),
        ("p06", "authors"),
    ],
}
# tests/fixtures/arabic-page-kinds-13/: 110 of 118 right at the first run.
_PAGE_KINDS_13_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p07", "authors"),
    ],
    "disputed: the site's own name as the source": [("p01", "source"), ("p03", "source")],
}
_PAGE_KINDS_13_OPEN = {
    "PK13-7: Al Jazeera's topics above the headline as the tags": [("p07", "tags")],
}
# The round's second batch (docs/accuracy.md).
# tests/fixtures/list-items-unknown-6/: 144 of 154 right at the first run.
_LIST_ITEMS_UNKNOWN_6_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p04", "authors"),
        ("p06", "authors"),
    ],
    # Jetpack's related posts link with "?relatedposts_hit=1&…": the story's address is
    # kept without the tracking query the answer keeps.
    "a related link's tracking query dropped": [("p10", "items")],
}
_LIST_ITEMS_UNKNOWN_6_OPEN = {
    "LU6-7: 'من عدد اليوم' entries dated by the block's heading": [("p07", "items")],
    "LU6-8: a side column's writers box (name, link, date) joined to the story": [
        ("p08", "body_last")
    ],
}
# tests/fixtures/arabic-bylines-5/: 140 of 154 right at the first run.
_BYLINES_5_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p04", "authors"),
        ("p11", "authors"),
    ],
    "deck as the lead": [("p04", "body_first")],
    "disputed: the site's own name as the source": [("p07", "source")],
    # "بقلم مارك هولدن" and "ترجمة نادين عيسى": JSON-LD names the translator, the answer
    # the original's writer.
    "disputed: JSON-LD's translator over the original's printed writer": [("p08", "authors")],
}
_BYLINES_5_OPEN = {
    "BY5-1: a related list of cards (image link, h3 link, date span) in li's": [("p01", "items")],
}
# tests/fixtures/arabic-categories-5/: 142 of 154 right at the first run.
_CATEGORIES_5_DESIGNED = {
    "the site's name as the author when no person is named": [
        (p, "authors") for p in ("p02", "p09", "p14")
    ],
    "disputed: the site's own name as the source": [("p05", "source"), ("p13", "source")],
    "deck as the lead": [("p12", "body_first")],
}
_CATEGORIES_5_OPEN: dict[str, list[tuple[str, str]]] = {}
# tests/fixtures/english-news-26/: 131 of 154 right at the first run.
_NEWS_26_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p05", "p11", "p12")],
    "highlights as the lead": [("p10", "body_first")],
    "keyword metadata first": [("p02", "tags"), ("p06", "tags")],
    "an entry's update time is no publication time": [("p04", "items")],
    "desk account": [("p07", "authors"), ("p09", "authors")],
    "organization or agency named as author": [("p08", "authors"), ("p14", "authors")],
    # The answers list as undated a story another widget on the page dates.
    "the answer's flaw: an undated entry dated in another widget": [
        ("p08", "items"),
        ("p09", "items"),
    ],
}
_NEWS_26_OPEN = {
    "E26-2: 'Local Democracy Reporting Service' in the byline as the source": [("p02", "source")],
}
# tests/fixtures/arabic-bodies-5/: 146 of 154 right at the first run.
_ARABIC_BODIES_5_DESIGNED = {
    "deck as the lead": [(p, "body_first") for p in ("p01", "p04", "p06")],
    "organization or agency named as author": [("p06", "authors")],
    "the site's name as the author when no person is named": [
        ("p07", "authors"),
        ("p08", "authors"),
    ],
    "disputed: the site's own name as the source": [("p07", "source")],
}
# tests/fixtures/theme-list-items-7/: 131 of 136 right at the first run.
_THEME_LISTS_7_DESIGNED = {}
_THEME_LISTS_7_OPEN = {
    # The class of AN12-2 and AN9-4 (a bold "city - name" opening the story).
    "TL7-12: a bold 'سنار: name' opening Sahifa's content": [("p12", "body_first")],
}
# tests/fixtures/english-news-27/: 140 of 154 right at the first run.
_NEWS_27_DESIGNED = {
    "deck as the lead": [("p05", "body_first"), ("p06", "body_first"), ("p07", "body_first")],
    "organization or agency named as author": [("p02", "authors")],
    "keyword metadata first": [("p13", "tags")],
}
_NEWS_27_OPEN = {
    "E27-1: a regional masthead beside the writer's name as the source ('Hawke’s Bay Today')": [
        ("p01", "source")
    ],
    "E27-8: a breadcrumb of one topic page as the section over the rubric's first topic": [
        ("p08", "category")
    ],
}
# tests/fixtures/arabic-dates-15/: 143 of 154 right at the first run.
_DATES_15_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p04", "authors"),
        ("p10", "authors"),
        ("p14", "authors"),
    ],
    "keyword metadata first": [("p07", "tags"), ("p10", "tags")],
}
# tests/fixtures/list-items-unknown-7/: 139 of 154 right at the first run.
_LIST_ITEMS_UNKNOWN_7_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p05", "authors"),
        ("p11", "authors"),
    ],
    "keyword metadata first": [("p05", "tags")],
    "disputed: the site's own name as the source": [("p05", "source")],
}
_LIST_ITEMS_UNKNOWN_7_OPEN = {
    "LU7-7: 'في عدد اليوم' entries dated by the block's heading (the class of LU6-7)": [
        ("p07", "items")
    ],
    "LU7-12: a lone 'اقرأ أيضاً' link in the story, its day in brackets after it": [
        ("p12", "items")
    ],
}
# tests/fixtures/arabic-sources-13/: 136 of 154 right at the first run.
_SOURCES_13_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p02", "authors"),
        ("p03", "authors"),
        ("p04", "authors"),
        ("p05", "authors"),
        ("p06", "authors"),
        ("p10", "authors"),
        ("p11", "authors"),
        ("p12", "authors"),
        ("p14", "authors"),
    ],
    "organization or agency named as author": [("p07", "authors")],
    "keyword metadata first": [("p08", "tags"), ("p11", "tags")],
}
_SOURCES_13_OPEN = {}
# tests/fixtures/theme-setups-14/: 149 of 154 right at the first run.
_THEME_SETUPS_14_DESIGNED = {
    "the site's name as the author when no person is named": [("p14", "authors")],
}
# tests/fixtures/arabic-news-14/: 142 of 154 right at the first run.
_NEWS_AR_14_DESIGNED = {
    "keyword metadata first": [("p04", "tags"), ("p14", "tags")],
    "organization or agency named as author": [("p07", "authors")],
    "the site's name as the author when no person is named": [
        ("p08", "authors"),
        ("p12", "authors"),
    ],
    "deck as the lead": [("p13", "body_first")],
    "disputed: the site's own name as the source": [("p09", "source")],
}
_NEWS_AR_14_OPEN = {
    "AN14-11: a poll's question closing the story": [("p11", "body_last")],
    "AN14-14: a byline classed so opening with 'من' and no colon; readers' comments in the body": [
        ("p14", "authors"),
        ("p14", "body_last"),
        ("p14", "body"),
    ],
}
# tests/fixtures/arabic-headlines-11/: 146 of 154 right at the first run.
_HEADLINES_11_DESIGNED = {
    "an agreed SEO headline": [("p03", "headline"), ("p10", "headline")],
    "deck as the lead": [("p14", "body_first")],
    "the site's name as the author when no person is named": [("p02", "authors")],
    "organization or agency named as author": [("p09", "authors")],
    "desk account": [("p10", "authors")],
}
_HEADLINES_11_OPEN = {
    "H11-10: a related entry's day over the issue line ('العدد 12874 | الثلاثاء 06 أبريل 2027 الساعة 02:15')": [
        ("p10", "published")
    ],
}
# tests/fixtures/english-bodies-15/: 145 of 154 right at the first run.
_BODIES_15_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p07", "tags")],
    "the site's name as the author when no person is named": [("p06", "authors")],
    "organization or agency named as author": [("p08", "authors")],
    "disputed: a correction note closing the story": [("p10", "body_last")],
    "deck as the lead": [("p11", "body_first")],
}
_BODIES_15_OPEN = {
    "EB15-4: metadata tags in lower case beside the printed capitals, some of them already capitalised": [
        ("p04", "tags")
    ],
}
# tests/fixtures/arabic-page-kinds-14/: 114 of 118 right at the first run.
_PAGE_KINDS_14_OPEN = {
    "PK14-9: a ministry's statement under 'المنامة - وزارة الصحة' as its source, no author": [
        ("p09", "authors"),
        ("p09", "source"),
    ],
}
# tests/fixtures/arabic-bylines-6/: 139 of 154 right at the first run.
_BYLINES_6_DESIGNED = {
    "desk account": [("p10", "authors"), ("p12", "authors")],
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p13", "authors"),
    ],
    "keyword metadata first": [("p11", "tags")],
    "disputed: JSON-LD's translator over the original's printed writer": [("p08", "authors")],
}
_BYLINES_6_OPEN = {
    "BY6-2: a columnist's box ('بقلم:' above the name and photo) under a desk account": [
        ("p02", "authors"),
        ("p02", "body_first"),
    ],
    "BY6-7: two writers in a 'تقرير:' line, JSON-LD naming one, no links": [("p07", "authors")],
    "BY6-8: the magazine a translated analysis names as its original": [("p08", "source")],
    "BY6-9: 'كتبت ندى أيوب في نداء الوطن' opening the story under the site's account": [
        ("p09", "authors")
    ],
}
# tests/fixtures/theme-list-items-8/: 131 of 136 right at the first run.
_THEME_LISTS_8_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p05", "authors"),
        ("p09", "authors"),
    ],
    "desk account": [("p12", "authors")],
}
# tests/fixtures/arabic-dates-16/: 143 of 154 right at the first run.
_DATES_16_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p08", "authors"),
        ("p10", "authors"),
    ],
}
_DATES_16_OPEN = {
    "D16-7: the latest list's clock-only entries": [("p07", "items")],
    "D16-12: SPIP's list items": [("p12", "items")],
}
# tests/fixtures/english-news-28/: 134 of 154 right at the first run.
_NEWS_28_DESIGNED = {
    "keyword metadata first": [("p04", "tags"), ("p07", "tags"), ("p09", "tags")],
    "deck as the lead": [("p05", "body_first"), ("p06", "body_first"), ("p10", "body_first")],
    "organization or agency named as author": [("p07", "authors")],
    # The trailing credit leaves the body (source_line's convention); the writer kept it.
    "disputed: an agency's trailing credit kept in the last line": [("p14", "body_last")],
    # The corpus's publishers count a story's summary as its lead (generic.live_summary).
    "a summary box as the lead": [("p13", "body_first")],
}
_NEWS_28_OPEN = {
    "E28-10: the magazine's lists": [("p10", "items")],
}
# tests/fixtures/arabic-sources-14/: 145 of 154 right at the first run.
_SOURCES_14_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p03", "authors"),
        ("p05", "authors"),
        ("p06", "authors"),
    ],
    "desk account": [("p01", "authors")],
    "organization or agency named as author": [("p07", "authors")],
}
_SOURCES_14_OPEN = {
    "S14-2: 'متابعات' (a desk word) as the author": [("p02", "authors")],
    "S14-11: a translated story's desk credit naming the site closing it ('ترجمة وتحرير: نون بوست')": [
        ("p11", "body_last")
    ],
}
# tests/fixtures/arabic-news-15/: 142 of 154 right at the first run.
_NEWS_AR_15_DESIGNED = {
    "keyword metadata first": [("p01", "tags"), ("p05", "tags"), ("p08", "tags")],
    "the site's name as the author when no person is named": [("p04", "authors")],
    "disputed: the site's own name as the source": [
        ("p04", "source"),
        ("p06", "source"),
        ("p07", "source"),
    ],
    "organization or agency named as author": [("p10", "authors"), ("p12", "authors")],
}
_NEWS_AR_15_OPEN = {
    "AN15-14: NNA credited by its sign-off and the site's name": [("p14", "source")],
}
# tests/fixtures/theme-setups-15/: 142 of 154 right at the first run.
_THEME_SETUPS_15_DESIGNED = {
    # The profile keeps the "Story Highlights" items as the editor's text (jannah.py).
    "Jannah's story highlights kept as the lead": [("p05", "body_first")],
    "the site's name as the author when no person is named": [
        ("p02", "authors"),
        ("p06", "authors"),
    ],
}
_THEME_SETUPS_15_OPEN = {
    "TS15-5: the dateline credit '(سونا)' after Jannah's three highlights, past the lines the dateline is looked for in": [
        ("p05", "source")
    ],
    "TS15-7: JNews' and Elementor's lists": [("p07", "items"), ("p08", "items"), ("p09", "items")],
    "TS15-12: 'مراسل ميسان نيوز:' above the writer's name": [
        ("p12", "authors"),
        ("p12", "body_first"),
    ],
}
# tests/fixtures/list-items-unknown-8/: 145 of 154 right at the first run.
_LIST_ITEMS_UNKNOWN_8_DESIGNED = {
    "organization or agency named as author": [("p02", "authors"), ("p13", "authors")],
    "the site's name as the author when no person is named": [("p03", "authors")],
}
_LIST_ITEMS_UNKNOWN_8_OPEN = {
    "LU8-4: most-read teasers dated in RDFa content only": [("p04", "items")],
    "LU8-12: 'المصدر أونلاين - عدن - name' in span.art-by; dates in title tooltips": [
        ("p12", "authors"),
        ("p12", "items"),
    ],
    "LU8-14: a hidden most-read tab listing the article itself": [("p14", "items")],
}
# tests/fixtures/english-bodies-16/: 146 of 154 right at the first run.
_BODIES_16_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p04", "tags"), ("p08", "tags")],
    "disputed: a correction note closing the story": [("p10", "body_last")],
}
_BODIES_16_OPEN = {
    "EB16-8: 'webcasted on March 05, 2027' as the only date; its lists": [
        ("p08", "published"),
        ("p08", "items"),
    ],
}
# tests/fixtures/arabic-headlines-12/: 142 of 154 right at the first run.
_HEADLINES_12_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p08", "tags"), ("p10", "tags"), ("p14", "tags")],
    "the site's name as the author when no person is named": [
        ("p09", "authors"),
        ("p14", "authors"),
    ],
}
_HEADLINES_12_OPEN = {
    "H12-7: 'أثير – ريما الشيخ' (the site – the writer) under the site's account": [
        ("p07", "authors"),
        ("p07", "body_first"),
    ],
}
# tests/fixtures/arabic-bylines-7/: 139 of 154 right at the first run.
_BYLINES_7_DESIGNED = {
    "deck as the lead": [("p01", "body_first")],
    "the site's name as the author when no person is named": [("p02", "authors")],
}
_BYLINES_7_OPEN = {
    "BY7-3: the writer named in the first paragraph's dateline under the site's account": [
        ("p03", "authors")
    ],
    "BY7-8: a columnist's box under the section's account ('مقالات الغد')": [("p08", "authors")],
    "BY7-12: the related list's items": [("p12", "items")],
    "BY7-13: trafilatura reads a Drupal view's views-field-body excerpts beside the node's field-name-body": [
        ("p13", "body_first"),
        ("p13", "body_last"),
        ("p13", "body"),
    ],
    "BY7-14: the issue's day only; the more-translations list": [
        ("p14", "published"),
        ("p14", "items"),
    ],
}
# tests/fixtures/arabic-page-kinds-15/: 112 of 118 right at the first run.
_PAGE_KINDS_15_DESIGNED = {
    "the site's name as the author when no person is named": [("p01", "authors")],
    "keyword metadata first": [("p01", "tags")],
    "organization or agency named as author": [("p08", "authors")],
}
_PAGE_KINDS_15_OPEN = {
    "PK15-4: a gallery's counter and caption ('1 / 14 …') opening the body": [
        ("p04", "body_first"),
        ("p04", "body"),
    ],
}
# tests/fixtures/theme-list-items-9/: 128 of 136 right at the first run.
_THEME_LISTS_9_DESIGNED = {
    "disputed: the site's own name as the source": [("p04", "source")],
    "the site's name as the author when no person is named": [("p11", "authors")],
}
_THEME_LISTS_9_OPEN = {
    "TL9-5: Jannah's and Sahifa's lists (relative and absolute)": [
        ("p05", "items"),
        ("p06", "items"),
        ("p13", "items"),
    ],
    "TL9-8: 'كسلا: name' opening JNews' content under a desk account (the class of AN9-4)": [
        ("p08", "authors"),
        ("p08", "body_first"),
    ],
}
# tests/fixtures/arabic-dates-17/: 150 of 154 right at the first run.
_DATES_17_DESIGNED = {
    "the site's name as the author when no person is named": [("p05", "authors")],
    "keyword metadata first": [("p06", "tags")],
    "disputed: an agency's own dateline credit as the source": [("p12", "source")],
}
_DATES_17_OPEN = {
    "D17-7: an issue's stories dated by the list's heading (العدد … - 15 تشرين الأول 2027)": [
        ("p07", "items")
    ],
}
# tests/fixtures/english-news-29/: 132 of 154 right at the first run.
_NEWS_29_DESIGNED = {
    "keyword metadata first": [("p03", "tags"), ("p08", "tags")],
    "deck as the lead": [("p01", "body_first"), ("p05", "body_first"), ("p14", "body_first")],
    "desk account": [("p06", "authors")],
    "organization or agency named as author": [("p10", "authors")],
    "disputed: an AMP page's item addresses as linked ('?amp')": [("p12", "items")],
}
# tests/fixtures/arabic-sources-15/: 135 of 154 right at the first run.
_SOURCES_15_DESIGNED = {
    # JSON-LD's author is "وكالات", as the byline: the page's own word for its author.
    "organization or agency named as author": [("p02", "authors")],
    # One dated "اقرأ أيضا" link inside the story.
    "a lone dated link is no list": [("p02", "items")],
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p07", "authors"),
        ("p09", "authors"),
        ("p10", "authors"),
        ("p11", "authors"),
    ],
    "keyword metadata first": [("p03", "tags"), ("p05", "tags")],
    "deck as the lead": [("p04", "body_first")],
}
_SOURCES_15_OPEN = {
    "S15-8: the reporter after the agency's dateline '(بترا)- رنا الخطيب-'; Ammon's dated lists": [
        ("p08", "authors"),
        ("p08", "items"),
    ],
    "S15-9: Almasdar's lists dated after the title": [("p09", "items")],
}
# tests/fixtures/arabic-news-16/: 141 of 154 right at the first run.
_NEWS_AR_16_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p03", "authors"),
        ("p09", "authors"),
    ],
    "keyword metadata first": [("p05", "tags"), ("p07", "tags")],
    "deck as the lead": [("p06", "body_first")],
    "summary as the lead": [("p13", "body_first")],
}
_NEWS_AR_16_OPEN = {
    "AN16-7: KUNA's list dated before the title": [("p07", "items")],
    "AN16-11: the writer's name in bold opening the text": [("p11", "body_first")],
    "AN16-14: a day/month date before the title": [("p14", "items")],
}
# tests/fixtures/list-items-unknown-9/: 146 of 154 right at the first run.
_LIST_UNKNOWN_9_DESIGNED = {
    # The writers of the "خاص" column cards are no longer read; the site's account remains.
    "the site's name as the author when no person is named": [("p01", "authors")],
    "keyword metadata first": [("p06", "tags")],
}
_LIST_UNKNOWN_9_OPEN = {
    "LU9-2: dates in brackets after the title (١٨/٠٤)": [("p02", "items")],
    "LU9-3: dates in RDFa content only": [("p03", "items")],
    "LU9-8: a list under day headings (اليوم / أمس)": [("p08", "items")],
    "LU9-9: opinion cards dated in a title tooltip": [("p09", "items")],
    "LU9-12: Jetpack's related posts": [("p12", "items")],
}
# tests/fixtures/arabic-headlines-13/: 141 of 154 right at the first run.
_HEADLINES_13_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p03", "authors"),
        ("p05", "authors"),
        ("p10", "authors"),
    ],
    "keyword metadata first": [("p13", "tags")],
    "an agreed SEO headline": [("p04", "headline"), ("p08", "headline"), ("p09", "headline")],
    "deck as the lead": [("p08", "body_first"), ("p13", "body_first")],
}
_HEADLINES_13_OPEN = {
    "H13-2: the byline line 'إدلب – أنس الخولي' opening the text": [("p02", "body_first")],
    "H13-6: the section of a page whose og:title is the site's name": [("p06", "category")],
    "H13-13: an issue's headline list under its dated heading": [("p13", "items")],
}
# tests/fixtures/theme-setups-16/: 146 of 154 right at the first run.
_THEME_SETUPS_16_DESIGNED = {
    # WP Rocket's stamp ("cached@1813623012", 02:10 local) dates the page seven hours
    # before the fetch: "منذ 3 ساعات" is the evening before, not the fetch's morning.
    "a cached page's times count from when it was rendered": [("p02", "items")],
}
_THEME_SETUPS_16_OPEN = {
    "TS16-8: the writer's initials in bold closing the text": [("p08", "body_last")],
    "TS16-9: a column's writer after a slash in the h1 and its closing signature": [
        ("p09", "authors"),
        ("p09", "body_last"),
    ],
    "TS16-11: a footer list's dated entry": [("p11", "items")],
}
# tests/fixtures/arabic-page-kinds-16/: 112 of 118 right at the first run.
_PAGE_KINDS_16_DESIGNED = {
    "the site's name as the author when no person is named": [("p01", "authors")],
    "keyword metadata first": [("p01", "tags")],
}
_PAGE_KINDS_16_OPEN = {
    "PK16-2: DW's topics after 'المزيد عن الموضوع:'": [("p02", "tags")],
}
# tests/fixtures/english-bodies-17/: 144 of 154 right at the first run.
_BODIES_17_DESIGNED = {
    # HKFP's links bar leaves; the correction note under it is what closes the text now.
    "disputed: a correction note closing the story": [("p10", "body_last")],
    "organization or agency named as author": [("p02", "authors")],
    "disputed: the site's own name as the source": [("p06", "source")],
    "keyword metadata first": [("p08", "tags")],
    "deck as the lead": [("p09", "body_first"), ("p11", "body_first")],
}
# tests/fixtures/arabic-bylines-8/: 143 of 154 right at the first run.
_BYLINES_8_DESIGNED = {
    "keyword metadata first": [("p04", "tags"), ("p09", "tags")],
    "disputed: the site's own name as the source": [("p05", "source")],
    "the site's name as the author when no person is named": [
        ("p07", "authors"),
        ("p14", "authors"),
    ],
    "desk account": [("p10", "authors")],
}
_BYLINES_8_OPEN = {
    "BY8-4: 'كتب: زيد الدباس' inside the first paragraph under the site's account": [
        ("p04", "authors")
    ],
    "BY8-5: the byline line 'باريس - نادين سركيس' opening the text": [("p05", "body_first")],
    "BY8-6: three writers after 'إعداد:' beside the site's author field": [("p06", "authors")],
}
# tests/fixtures/theme-list-items-10/: 133 of 136 right at the first run.
_THEME_LISTS_10_DESIGNED = {}
# tests/fixtures/arabic-dates-18/: 147 of 154 right at the first run.
_DATES_18_DESIGNED = {
    "keyword metadata first": [("p02", "tags")],
    "the site's name as the author when no person is named": [
        ("p04", "authors"),
        ("p12", "authors"),
    ],
}
_DATES_18_OPEN = {
    "D18-11: printed 10:25 in Damascus (+03:00) against the metadata's stale +02:00 offset for the same clock": [
        ("p11", "published")
    ],
    "D18-12: an opening line of the site's name and the city alone (السومرية نيوز/ بغداد) as the first paragraph": [
        ("p12", "body_first")
    ],
}
# tests/fixtures/english-news-30/: 143 of 154 right at the first run.
_NEWS_30_DESIGNED = {
    "keyword metadata first": [("p01", "tags"), ("p03", "tags")],
    "deck as the lead": [("p07", "body_first")],
    # (The summary's points stay as the lead, as english-news-26 p10 and -28 p13; ABC's
    # box labels paragraphs, no list: its label stays too.)
    "disputed: a key points box stays as the lead": [("p01", "body_first"), ("p10", "body_first")],
    "organization or agency named as author": [("p04", "authors"), ("p09", "authors")],
    "disputed: a 'Source: Name, Contributor' line read as the credit, not the writer": [
        ("p03", "authors"),
        ("p03", "source"),
    ],
}
_NEWS_30_OPEN = {
    "E30-3: cards dated General News of Thursday, 8 July 2027 after the title": [("p03", "items")],
    "E30-8: a closing with reports from NAME/Rappler.com read as the source": [("p08", "source")],
}
# tests/fixtures/arabic-news-17/: 144 of 154 right at the first run.
_NEWS_AR_17_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p03", "authors"),
        ("p07", "authors"),
    ],
    "disputed: the site's own name as the source": [
        ("p06", "source"),
        ("p07", "source"),
        ("p12", "source"),
        ("p13", "source"),
    ],
    "keyword metadata first": [("p09", "tags")],
}
_NEWS_AR_17_OPEN = {
    "AN17-9: a table layout's path cell (الرئيسية » محلية) not read as the breadcrumb": [
        ("p09", "category")
    ],
}
# tests/fixtures/list-items-unknown-10/: 149 of 154 right at the first run.
_UNKNOWN_10_DESIGNED = {
    "the site's name as the author when no person is named": [("p07", "authors")],
}
_UNKNOWN_10_OPEN = {
    "LU10-13: a poll and prayer times under the story read into its body": [
        ("p13", "body_last"),
        ("p13", "body"),
    ],
}
# tests/fixtures/arabic-headlines-14/: 142 of 154 right at the first run.
_HEADLINES_14_DESIGNED = {
    "keyword metadata first": [("p02", "tags"), ("p09", "tags"), ("p10", "tags")],
    "the site's name as the author when no person is named": [
        ("p07", "authors"),
        ("p11", "authors"),
        ("p13", "authors"),
    ],
}
_HEADLINES_14_OPEN = {
    "H14-2: a more news link (المزيد من أخبار البحرين) as the last paragraph": [
        ("p02", "body_last")
    ],
    "H14-3: the house account in the byline slot, the writer in a bold first line (أثير – خالد الحبسي)": [
        ("p03", "authors")
    ],
    "H14-8c: no category on a Drupal 7 page": [("p08", "category")],
    "H14-9: a related list's item as the last paragraph": [("p09", "body_last")],
}
# tests/fixtures/english-bodies-18/: 143 of 154 right at the first run.
_BODIES_18_DESIGNED = {
    "keyword metadata first": [("p06", "tags"), ("p08", "tags")],
    "deck as the lead": [("p05", "body_first"), ("p12", "body_first")],
    "disputed: a correction closing the story is kept": [("p11", "body_last")],
}
_BODIES_18_OPEN = {
    "EB18-8: a story in one paragraph of br breaks with the byline first and a date line above (Daily Mirror)": [
        ("p08", "published"),
        ("p08", "authors"),
        ("p08", "body_first"),
    ],
    "EB18-14: Related cards dated Feb 27, 2027 inside the story": [("p14", "items")],
}
# tests/fixtures/arabic-sources-16/: 139 of 154 right at the first run.
_SOURCES_16_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p03", "authors"),
        ("p04", "authors"),
        ("p07", "authors"),
        ("p09", "authors"),
        ("p10", "authors"),
        ("p11", "authors"),
        ("p13", "authors"),
    ],
    "organization or agency named as author": [("p02", "authors"), ("p12", "authors")],
    "deck as the lead": [("p10", "body_first")],
}
_SOURCES_16_OPEN = {
    "S16-8: a Drupal 7 breadcrumb's أخبار at /news, a section of the menu, read as the folder of every article": [
        ("p08", "category")
    ],
    "S16-13: the site's name and agencies opening the story (الخرطوم- “القدس العربي” ووكالات:) not read as the credit": [
        ("p13", "source")
    ],
    "S16-14: a desk's phrase (متابعات خاصة) after the site's name in the byline as the author; the credit in the first sentence read past the agency (… (سبأ) بنسختها الحكومية)": [
        ("p14", "authors"),
        ("p14", "source"),
    ],
}
# tests/fixtures/theme-setups-17/: 144 of 154 right at the first run.
_THEMES_17_DESIGNED = {
    "the site's name as the author when no person is named": [("p14", "authors")],
    "organization or agency named as author": [("p03", "authors")],
}
_THEMES_17_OPEN = {
    "TS17-2: a desk's title (محرر الشؤون المحلية) as the author": [("p02", "authors")],
    "TS17-5: the writer in a signature line (وهران: ع. بلقاسم) over the site's account, the line kept as the first paragraph": [
        ("p05", "authors"),
        ("p05", "body_first"),
    ],
    "TS17-6: a desk's word (متابعات) as the author": [("p06", "authors")],
    "TS17-7: a highlights box above the story as its first paragraph": [("p07", "body_first")],
    "TS17-7i: cards dated 6 مايو، 2027 (a comma before the year) after their titles": [
        ("p07", "items")
    ],
    "TS17-10: a dateline credit in brackets (النعمة (الوكالة الموريتانية للأنباء) –) not read": [
        ("p10", "source")
    ],
    "TS17-13: an ACF source field (المصدر: in Elementor's text box) not read": [("p13", "source")],
}
# tests/fixtures/arabic-bylines-9/: 139 of 154 right at the first run.
_BYLINES_9_DESIGNED = {
    "disputed: the site's own name as the source (its dateline in the story)": [("p12", "source")],
    "keyword metadata first": [("p02", "tags"), ("p05", "tags")],
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p14", "authors"),
    ],
    "deck as the lead": [("p13", "body_first")],
    "disputed: the translator the byline and JSON-LD name, not the original writer of an editor's note": [
        ("p11", "authors")
    ],
    "disputed: the answer's day (8 hours before 08:00 BST is 00:00 of the reference day in London)": [
        ("p12", "items")
    ],
}
_BYLINES_9_OPEN = {
    "BY9-3: a bold place and writer line (نزوى ـ name) and a photographer's line opening the story": [
        ("p03", "body_first")
    ],
    "BY9-7: a bare bold outlet name closing the story (التغيير) not read as the source": [
        ("p07", "source"),
        ("p07", "body_last"),
    ],
    "BY9-8: a Drupal node-type label and the menu's active trail (مقابلات) not read as the category": [
        ("p08", "category")
    ],
    "BY9-8i: a clock-only list past 26 hours (11:42 … 00:40, 22:15 … 11:00, 09:35): the wrap to the day before not carried down the list": [
        ("p08", "items")
    ],
    "BY9-10: كتب NAME: running into the first sentence in a table layout": [("p10", "authors")],
    "BY9-13: the web editor JSON-LD names over the printed byline": [("p13", "authors")],
}
# tests/fixtures/arabic-page-kinds-17/: 113 of 118 right at the first run.
_PAGE_KINDS_17_DESIGNED = {
    "keyword metadata first": [("p01", "tags")],
    "disputed: a ministry statement's signature line stays its last paragraph": [
        ("p11", "body_last")
    ],
}
_PAGE_KINDS_17_OPEN = {
    "PK17-4: a bold credit line (أثير- سالم الحبسي) opening a video story": [("p04", "body_first")],
    "PK17-11: a related card's title read as the author of a press statement": [("p11", "authors")],
}
# tests/fixtures/theme-list-items-11/: 130 of 136 right at the first run.
_THEME_LISTS_11_DESIGNED = {
    "disputed: the site's own name as the source (its dateline in the story)": [("p03", "source")],
}
_THEME_LISTS_11_OPEN = {
    "TL11-5: the writer's signature (ح. سليمة) closing the story over the site's account, kept as the last paragraph": [
        ("p05", "authors"),
        ("p05", "body_last"),
    ],
}
# tests/fixtures/english-news-31/: 150 of 154 right at the first run.
_NEWS_31_DESIGNED = {
    "an entry's update time is no publication time": [("p01", "items")],
    "organization or agency named as author": [("p05", "authors")],
    "deck as the lead": [("p10", "body_first")],
}
_NEWS_31_OPEN = {}
# tests/fixtures/arabic-dates-19/: 145 of 154 right at the first run.
_DATES_19_DESIGNED = {
    "the site's name as the author when no person is named": [("p01", "authors")],
    "disputed: the site's own name as the source (its dateline in the story)": [("p01", "source")],
    "keyword metadata first": [("p03", "tags"), ("p14", "tags")],
    "deck as the lead": [("p12", "body_first")],
}
_DATES_19_OPEN = {
    "D19-13: hAtom's abbr.published title (UTC) under a day-only meta date (old themes also stamp the local clock as UTC); SPIP's spip.php?articleN list links": [
        ("p13", "published"),
        ("p13", "items"),
    ],
}
# tests/fixtures/arabic-sources-17/: 138 of 154 right at the first run.
_SOURCES_17_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p02", "authors"),
        ("p03", "authors"),
        ("p04", "authors"),
        ("p06", "authors"),
        ("p07", "authors"),
        ("p08", "authors"),
        ("p10", "authors"),
        ("p12", "authors"),
    ],
}
_SOURCES_17_OPEN = {
    "S17-7: a translated press review crediting the original paper only in its text and a closing link": [
        ("p07", "source")
    ],
}
# tests/fixtures/arabic-news-18/: 144 of 154 right at the first run.
_NEWS_AR_18_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p12", "authors"),
        ("p13", "authors"),
    ],
    "keyword metadata first": [("p04", "tags")],
}
_NEWS_AR_18_OPEN = {
    "AN18-5: the reporter after the agency dateline credit ((بترا)- NAME-; a rule tried and withdrawn, the pieces between dashes as often a clause or an office)": [
        ("p05", "authors")
    ],
    "AN18-2: the site Arabic name after a comma in the byline (ريبوار كريم, رووداو)": [
        ("p02", "authors")
    ],
    "AN18-3: the site own dateline alone opening the story (السومرية نيوز/ بغداد)": [
        ("p03", "body_first")
    ],
    "AN18-13: a summary lead outside the story container, which the writer counts as the story": [
        ("p13", "body"),
        ("p14", "body"),
    ],
}
# tests/fixtures/list-items-unknown-11/: 142 of 154 right at the first run.
_UNKNOWN_11_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p14", "authors"),
    ],
    "keyword metadata first": [("p04", "tags")],
    "disputed: the site's own name as the source": [("p14", "source")],
}
_UNKNOWN_11_OPEN = {
    "LU11-6: dates printed before the titles (1 تموز 2027 — title)": [("p06", "items")],
    "LU11-7: a sister site stories (en.hespress.com, protocol-relative links)": [("p07", "items")],
    "LU11-12: a WordPress list of dated entries on a Dearborn site": [("p12", "items")],
}
# tests/fixtures/arabic-headlines-15/: 141 of 154 right at the first run.
_HEADLINES_15_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p02", "authors"),
        ("p12", "authors"),
    ],
    "deck as the lead": [("p02", "body_first")],
    "keyword metadata first": [("p04", "tags"), ("p10", "tags"), ("p14", "tags")],
}
_HEADLINES_15_OPEN = {}
# tests/fixtures/english-bodies-19/: 145 of 154 right at the first run.
_BODIES_19_DESIGNED = {
    "keyword metadata first": [
        ("p01", "tags"),
        ("p07", "tags"),
        ("p10", "tags"),
        ("p11", "tags"),
        ("p12", "tags"),
    ],
    "deck as the lead": [("p09", "body_first")],
}
_BODIES_19_OPEN = {}
# tests/fixtures/theme-setups-18/: 149 of 154 right at the first run.
_THEMES_18_DESIGNED = {
    "the site's name as the author when no person is named": [("p08", "authors")],
}
_THEMES_18_OPEN = {
    "TS18-6: a bold place and writer line (أربيل – سيروان كريم) opening the story under the desk account": [
        ("p06", "authors"),
        ("p06", "body_first"),
    ],
    "TS18-13: a closing bracketed credit of an agency and the site ((د ب أ/ دويتشلاند عربي)) kept as the last paragraph": [
        ("p13", "body_last")
    ],
}
# tests/fixtures/arabic-page-kinds-18/: 103 of 118 right at the first run.
_PAGE_KINDS_18_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p02", "authors"),
        ("p08", "authors"),
        ("p10", "authors"),
    ],
    "disputed: the site's own name as the source": [("p02", "source"), ("p08", "source")],
    "keyword metadata first": [("p07", "tags"), ("p08", "tags")],
    "disputed: agencies credited after the site's name in the writer's slot": [("p10", "source")],
}
_PAGE_KINDS_18_OPEN = {
    "PK18-3: a video strip cards (فيديو) dated as stories": [("p03", "items")],
    "PK18-6: a Drupal field labelled أجرى المقابلة: naming the interviewer": [("p06", "authors")],
    "PK18-7: a gallery's photographer in Anadolu's reporter slot (span.detay-muhabir), its credit only in the photos' captions": [
        ("p07", "authors"),
        ("p07", "source"),
    ],
}
# tests/fixtures/arabic-bylines-10/: 143 of 154 right at the first run.
_BYLINES_10_DESIGNED = {
    "the site's name as the author when no person is named": [("p01", "authors")],
    "keyword metadata first": [("p04", "tags")],
    "disputed: the site's own name as the source": [("p11", "source")],
}
_BYLINES_10_OPEN = {
    "BY10-3: a columnist box naming the writer where every metadata names the site": [
        ("p03", "authors")
    ],
    "BY10-4: the writer named only inside the first paragraph": [("p04", "authors")],
    "BY10-9: the writer name alone closing the story": [("p09", "authors"), ("p09", "body_last")],
    "BY10-10: a translator credit closing the story; a French list dated 15/12/2027 - 09:42 under each title": [
        ("p10", "body_last"),
        ("p10", "items"),
    ],
}
# tests/fixtures/theme-list-items-12/: 131 of 136 right at the first run.
_THEME_LISTS_12_DESIGNED = {
    "organization or agency named as author": [("p07", "authors")],
    "the site's name as the author when no person is named": [("p11", "authors")],
}
_THEME_LISTS_12_OPEN = {
    "TL12-9: a closing note naming the producer (This story was produced by the Local Democracy Reporting Service, ...) not read as the credit": [
        ("p09", "source")
    ],
}
# tests/fixtures/english-news-32/: 146 of 154 right at the first run.
_NEWS_32_DESIGNED = {
    "deck as the lead": [("p04", "body_first")],
    "keyword metadata first": [("p01", "tags"), ("p03", "tags")],
    "organization or agency named as author": [("p02", "authors"), ("p13", "authors")],
}
_NEWS_32_OPEN = {
    "E32-11: sister subdomains' stories (sports., business. of the site) in its lists": [
        ("p11", "items")
    ],
}
# tests/fixtures/arabic-sources-18/: 139 of 154 right at the first run.
_SOURCES_18_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p02", "authors"),
        ("p05", "authors"),
        ("p06", "authors"),
        ("p07", "authors"),
        ("p09", "authors"),
        ("p11", "authors"),
        ("p12", "authors"),
    ],
    "keyword metadata first": [("p11", "tags"), ("p14", "tags")],
}
_SOURCES_18_OPEN = {
    "S18-8: the site and its reporter as a bold line opening the story (أثير – ريما الشيخ)": [
        ("p08", "source"),
        ("p08", "body_first"),
    ],
    "S18-10: a day and month without a year (07/07) among clock times in a list": [
        ("p10", "items")
    ],
}
# tests/fixtures/arabic-headlines-16/: 143 of 154 right at the first run.
_HEADLINES_16_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p07", "authors"),
        ("p09", "authors"),
        ("p11", "authors"),
        ("p13", "authors"),
        ("p14", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p09", "source"),
        ("p11", "source"),
        ("p12", "source"),
        ("p13", "source"),
    ],
    "keyword metadata first": [("p12", "tags")],
}
_HEADLINES_16_OPEN = {
    "H16-13: an SEO headline in every metadata over the printed h1 that differs": [
        ("p13", "headline")
    ],
}
# tests/fixtures/arabic-dates-20/: 135 of 145 right at the first run.
_DATES_20_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p06", "authors"),
        ("p09", "authors"),
        ("p10", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p01", "source"),
        ("p08", "source"),
        ("p10", "source"),
    ],
    "keyword metadata first": [("p07", "tags")],
}
_DATES_20_OPEN = {
    "D20-7: a list whose dates sit in a table row of their own under each title ([21 فبراير 2027 - 10:15])": [
        ("p07", "items")
    ],
    "D20-13: a stale draft time in every metadata under the printed publication (12-hour, summer time); the site tagline (صحافة محلية من قلب الصعيد) opening the body": [
        ("p13", "published"),
        ("p13", "body_first"),
    ],
}
# tests/fixtures/arabic-news-19/: 142 of 154 right at the first run.
_NEWS_AR_19_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p04", "authors"),
        ("p14", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p01", "source"),
        ("p05", "source"),
        ("p08", "source"),
        ("p14", "source"),
    ],
    "keyword metadata first": [("p02", "tags"), ("p08", "tags")],
}
_NEWS_AR_19_OPEN = {
    "AN19-1: an old headline in every metadata over the edited printed h1": [("p01", "headline")],
    "AN19-9: two writers after a place in the byline (حلب - عمر حاج أحمد ورنا الحلبي) lost to the site name": [
        ("p09", "authors")
    ],
}
# tests/fixtures/arabic-bylines-11/: 142 of 154 right at the first run.
_BYLINES_11_DESIGNED = {
    "the site's name as the author when no person is named": [("p04", "authors")],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p09", "source"),
        ("p10", "source"),
        ("p11", "source"),
    ],
    "keyword metadata first": [("p09", "tags")],
    "an entry dated only by its address is no dated sighting (the answer counts it)": [
        ("p01", "items"),
        ("p03", "items"),
        ("p04", "items"),
    ],
}
_BYLINES_11_OPEN = {
    "BY11-12: the writer named only in the author box after the tags, the organisation in JSON-LD": [
        ("p12", "authors")
    ],
}
# tests/fixtures/list-items-unknown-12/: 144 of 154 right at the first run.
_UNKNOWN_12_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p09", "authors"),
        ("p10", "authors"),
        ("p12", "authors"),
        ("p14", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p07", "source"),
        ("p10", "source"),
    ],
    "an entry dated only by its address is no dated sighting (the answer counts it)": [
        ("p01", "items")
    ],
    "deck as the lead": [("p06", "body_first")],
}
_UNKNOWN_12_OPEN = {
    "LU12-2: the print issue number kept beside the paper in the source line (المصدر: جريدة الرياض - العدد 21498)": [
        ("p02", "source")
    ],
}
# tests/fixtures/theme-setups-19/: 143 of 154 right at the first run.
_THEMES_19_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p05", "authors"),
        ("p07", "authors"),
        ("p10", "authors"),
        ("p13", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p01", "source"),
        ("p02", "source"),
        ("p09", "source"),
        ("p10", "source"),
    ],
}
_THEMES_19_OPEN = {
    "TS19-2: a stale Rank Math JSON-LD time (the evening before) over og:published_time and the printed منذ 3 ساعات": [
        ("p02", "published")
    ],
    "TS19-8: a guest writer named only in a Molongui author box under a Zox column posted by the site account": [
        ("p08", "authors")
    ],
}
# tests/fixtures/arabic-page-kinds-19/: 85 of 96 right at the first run.
_PAGE_KINDS_19_DESIGNED = {
    "keyword metadata first": [("p01", "tags")],
    "disputed: the site's own name as the source (its dateline in the story)": [("p02", "source")],
    "a table in the story is kept as the story's (as the english-bodies probes answer)": [
        ("p08", "body_last"),
        ("p08", "body"),
    ],
}
_PAGE_KINDS_19_OPEN = {
    "PK19-1: an urgent brief of one sentence: the badge and a list read as its body": [
        ("p01", "body_first"),
        ("p01", "body_last"),
        ("p01", "body"),
    ],
    "PK19-4: a gallery told in numbered captions (3/8 glued to the text, out of order)": [
        ("p04", "body_last"),
        ("p04", "body"),
    ],
    "PK19-6: a labelled source line (المصدر: الجزيرة + وكالات) above a live page cards": [
        ("p06", "source")
    ],
    "PK19-9: a section front lead story (picture link and headline, relative time) not a sighting": [
        ("p09", "items")
    ],
}
# tests/fixtures/english-bodies-20/: 132 of 154 right at the first run.
_BODIES_20_DESIGNED = {
    "an entry's update time is no publication time": [("p14", "items")],
    "keyword metadata first": [("p01", "tags")],
    "organization or agency named as author": [("p02", "authors")],
    "deck as the lead": [
        ("p01", "body_first"),
        ("p04", "body_first"),
        ("p07", "body_first"),
        ("p08", "body_first"),
        ("p11", "body_first"),
    ],
    "a correction closing the story is kept (disputed, as english-bodies-14 answers)": [
        ("p11", "body_last")
    ],
    "an entry dated only by its address is no dated sighting (the answer counts it)": [
        ("p03", "items"),
        ("p04", "items"),
        ("p05", "items"),
        ("p12", "items"),
    ],
}
_BODIES_20_OPEN = {
    "EB20-5: a live blog told newest first: post headings read as paragraphs": [
        ("p05", "body_first")
    ],
    "EB20-6: a photo story told in captions (each with its credit) left out": [
        ("p06", "body_last"),
        ("p06", "body"),
    ],
    "EB20-8: a results table caption and a channel invitation closing the body": [
        ("p08", "body_last"),
        ("p08", "body"),
    ],
    "EB20-12: an If you go fact box in plain paragraphs after the story": [("p12", "body_last")],
}
# tests/fixtures/arabic-categories-6/: 143 of 154 right at the first run.
_CATEGORIES_6_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p08", "authors"),
        ("p09", "authors"),
        ("p13", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p07", "source"),
        ("p11", "source"),
        ("p13", "source"),
    ],
    "an entry dated only by its address is no dated sighting (the answer counts it)": [
        ("p01", "items"),
        ("p04", "items"),
        ("p13", "items"),
    ],
}
_CATEGORIES_6_OPEN = {
    "C6-7: a section link in the meta row after a label (في: <a href=/category/local>أخبار محلية</a>)": [
        ("p07", "category")
    ],
}
# tests/fixtures/theme-list-items-13/: 143 of 154 right at the first run.
_THEME_LISTS_13_DESIGNED = {
    "the site's name as the author when no person is named": [
        ("p01", "authors"),
        ("p06", "authors"),
        ("p07", "authors"),
        ("p11", "authors"),
        ("p12", "authors"),
        ("p13", "authors"),
    ],
    "disputed: the site's own name as the source (its dateline in the story)": [
        ("p01", "source"),
        ("p02", "source"),
        ("p09", "source"),
        ("p10", "source"),
    ],
}
_THEME_LISTS_13_OPEN = {}
for folder, designed, still_open in (
    ("theme-list-items-13", _THEME_LISTS_13_DESIGNED, _THEME_LISTS_13_OPEN),
    ("arabic-categories-6", _CATEGORIES_6_DESIGNED, _CATEGORIES_6_OPEN),
    ("english-bodies-20", _BODIES_20_DESIGNED, _BODIES_20_OPEN),
    ("arabic-page-kinds-19", _PAGE_KINDS_19_DESIGNED, _PAGE_KINDS_19_OPEN),
    ("theme-setups-19", _THEMES_19_DESIGNED, _THEMES_19_OPEN),
    ("list-items-unknown-12", _UNKNOWN_12_DESIGNED, _UNKNOWN_12_OPEN),
    ("arabic-bylines-11", _BYLINES_11_DESIGNED, _BYLINES_11_OPEN),
    ("arabic-news-19", _NEWS_AR_19_DESIGNED, _NEWS_AR_19_OPEN),
    ("arabic-dates-20", _DATES_20_DESIGNED, _DATES_20_OPEN),
    ("arabic-headlines-16", _HEADLINES_16_DESIGNED, _HEADLINES_16_OPEN),
    ("arabic-sources-18", _SOURCES_18_DESIGNED, _SOURCES_18_OPEN),
    ("english-news-32", _NEWS_32_DESIGNED, _NEWS_32_OPEN),
    ("theme-list-items-12", _THEME_LISTS_12_DESIGNED, _THEME_LISTS_12_OPEN),
    ("arabic-bylines-10", _BYLINES_10_DESIGNED, _BYLINES_10_OPEN),
    ("arabic-page-kinds-18", _PAGE_KINDS_18_DESIGNED, _PAGE_KINDS_18_OPEN),
    ("theme-setups-18", _THEMES_18_DESIGNED, _THEMES_18_OPEN),
    ("english-bodies-19", _BODIES_19_DESIGNED, _BODIES_19_OPEN),
    ("arabic-headlines-15", _HEADLINES_15_DESIGNED, _HEADLINES_15_OPEN),
    ("list-items-unknown-11", _UNKNOWN_11_DESIGNED, _UNKNOWN_11_OPEN),
    ("arabic-news-18", _NEWS_AR_18_DESIGNED, _NEWS_AR_18_OPEN),
    ("arabic-sources-17", _SOURCES_17_DESIGNED, _SOURCES_17_OPEN),
    ("arabic-dates-19", _DATES_19_DESIGNED, _DATES_19_OPEN),
    ("english-news-31", _NEWS_31_DESIGNED, _NEWS_31_OPEN),
    ("theme-list-items-11", _THEME_LISTS_11_DESIGNED, _THEME_LISTS_11_OPEN),
    ("arabic-page-kinds-17", _PAGE_KINDS_17_DESIGNED, _PAGE_KINDS_17_OPEN),
    ("arabic-bylines-9", _BYLINES_9_DESIGNED, _BYLINES_9_OPEN),
    ("theme-setups-17", _THEMES_17_DESIGNED, _THEMES_17_OPEN),
    ("arabic-sources-16", _SOURCES_16_DESIGNED, _SOURCES_16_OPEN),
    ("english-bodies-18", _BODIES_18_DESIGNED, _BODIES_18_OPEN),
    ("arabic-headlines-14", _HEADLINES_14_DESIGNED, _HEADLINES_14_OPEN),
    ("list-items-unknown-10", _UNKNOWN_10_DESIGNED, _UNKNOWN_10_OPEN),
    ("arabic-news-17", _NEWS_AR_17_DESIGNED, _NEWS_AR_17_OPEN),
    ("english-news-30", _NEWS_30_DESIGNED, _NEWS_30_OPEN),
    ("arabic-dates-18", _DATES_18_DESIGNED, _DATES_18_OPEN),
    ("theme-list-items-10", _THEME_LISTS_10_DESIGNED, {}),
    ("arabic-bylines-8", _BYLINES_8_DESIGNED, _BYLINES_8_OPEN),
    ("english-bodies-17", _BODIES_17_DESIGNED, {}),
    ("arabic-page-kinds-16", _PAGE_KINDS_16_DESIGNED, _PAGE_KINDS_16_OPEN),
    ("theme-setups-16", _THEME_SETUPS_16_DESIGNED, _THEME_SETUPS_16_OPEN),
    ("arabic-headlines-13", _HEADLINES_13_DESIGNED, _HEADLINES_13_OPEN),
    ("list-items-unknown-9", _LIST_UNKNOWN_9_DESIGNED, _LIST_UNKNOWN_9_OPEN),
    ("arabic-news-16", _NEWS_AR_16_DESIGNED, _NEWS_AR_16_OPEN),
    ("arabic-sources-15", _SOURCES_15_DESIGNED, _SOURCES_15_OPEN),
    ("english-news-29", _NEWS_29_DESIGNED, {}),
    ("arabic-dates-17", _DATES_17_DESIGNED, _DATES_17_OPEN),
    ("theme-list-items-9", _THEME_LISTS_9_DESIGNED, _THEME_LISTS_9_OPEN),
    ("arabic-page-kinds-15", _PAGE_KINDS_15_DESIGNED, _PAGE_KINDS_15_OPEN),
    ("arabic-bylines-7", _BYLINES_7_DESIGNED, _BYLINES_7_OPEN),
    ("arabic-headlines-12", _HEADLINES_12_DESIGNED, _HEADLINES_12_OPEN),
    ("english-bodies-16", _BODIES_16_DESIGNED, _BODIES_16_OPEN),
    ("list-items-unknown-8", _LIST_ITEMS_UNKNOWN_8_DESIGNED, _LIST_ITEMS_UNKNOWN_8_OPEN),
    ("theme-setups-15", _THEME_SETUPS_15_DESIGNED, _THEME_SETUPS_15_OPEN),
    ("arabic-news-15", _NEWS_AR_15_DESIGNED, _NEWS_AR_15_OPEN),
    ("arabic-sources-14", _SOURCES_14_DESIGNED, _SOURCES_14_OPEN),
    ("english-news-28", _NEWS_28_DESIGNED, _NEWS_28_OPEN),
    ("arabic-dates-16", _DATES_16_DESIGNED, _DATES_16_OPEN),
    ("theme-list-items-8", _THEME_LISTS_8_DESIGNED, {}),
    ("arabic-bylines-6", _BYLINES_6_DESIGNED, _BYLINES_6_OPEN),
    ("arabic-page-kinds-14", {}, _PAGE_KINDS_14_OPEN),
    ("english-bodies-15", _BODIES_15_DESIGNED, _BODIES_15_OPEN),
    ("arabic-headlines-11", _HEADLINES_11_DESIGNED, _HEADLINES_11_OPEN),
    ("arabic-news-14", _NEWS_AR_14_DESIGNED, _NEWS_AR_14_OPEN),
    ("theme-setups-14", _THEME_SETUPS_14_DESIGNED, {}),
    ("arabic-sources-13", _SOURCES_13_DESIGNED, _SOURCES_13_OPEN),
    ("list-items-unknown-7", _LIST_ITEMS_UNKNOWN_7_DESIGNED, _LIST_ITEMS_UNKNOWN_7_OPEN),
    ("arabic-dates-15", _DATES_15_DESIGNED, {}),
    ("english-news-27", _NEWS_27_DESIGNED, _NEWS_27_OPEN),
    ("theme-list-items-7", _THEME_LISTS_7_DESIGNED, _THEME_LISTS_7_OPEN),
    ("list-items-unknown-6", _LIST_ITEMS_UNKNOWN_6_DESIGNED, _LIST_ITEMS_UNKNOWN_6_OPEN),
    ("arabic-bylines-5", _BYLINES_5_DESIGNED, _BYLINES_5_OPEN),
    ("arabic-categories-5", _CATEGORIES_5_DESIGNED, _CATEGORIES_5_OPEN),
    ("english-news-26", _NEWS_26_DESIGNED, _NEWS_26_OPEN),
    ("arabic-bodies-5", _ARABIC_BODIES_5_DESIGNED, {}),
    ("arabic-dates-14", _DATES_14_DESIGNED, {}),
    ("english-news-25", _NEWS_25_DESIGNED, _NEWS_25_OPEN),
    ("arabic-sources-12", _SOURCES_12_DESIGNED, _SOURCES_12_OPEN),
    ("arabic-news-13", _NEWS_AR_13_DESIGNED, {}),
    ("theme-setups-13", _THEME_SETUPS_13_DESIGNED, {}),
    ("arabic-headlines-10", _HEADLINES_10_DESIGNED, {}),
    ("english-bodies-14", _BODIES_14_DESIGNED, _BODIES_14_OPEN),
    ("arabic-page-kinds-13", _PAGE_KINDS_13_DESIGNED, _PAGE_KINDS_13_OPEN),
    ("arabic-categories-4", _CATEGORIES_4_DESIGNED, _CATEGORIES_4_OPEN),
    ("theme-list-items-6", {}, _THEME_LISTS_6_OPEN),
    ("english-bodies-13", _BODIES_13_DESIGNED, {}),
    ("list-items-unknown-5", _LIST_ITEMS_UNKNOWN_5_DESIGNED, _LIST_ITEMS_UNKNOWN_5_OPEN),
    ("arabic-bylines-4", _BYLINES_4_DESIGNED, _BYLINES_4_OPEN),
    ("arabic-news-12", _NEWS_AR_12_DESIGNED, _NEWS_AR_12_OPEN),
    ("theme-setups-12", _THEME_SETUPS_12_DESIGNED, _THEME_SETUPS_12_OPEN),
    ("arabic-headlines-9", _HEADLINES_9_DESIGNED, _HEADLINES_9_OPEN),
    ("arabic-dates-13", _DATES_13_DESIGNED, _DATES_13_OPEN),
    ("english-news-24", _NEWS_24_DESIGNED, {}),
    ("arabic-sources-11", _SOURCES_11_DESIGNED, {}),
    ("arabic-page-kinds-12", _PAGE_KINDS_12_DESIGNED, {}),
    ("arabic-categories-3", {}, _CATEGORIES_3_OPEN),
    ("arabic-headlines-8", _HEADLINES_8_DESIGNED, _HEADLINES_8_OPEN),
    ("arabic-dates-12", _DATES_12_DESIGNED, _DATES_12_OPEN),
    ("arabic-portals-7", _PORTALS_7_DESIGNED, _PORTALS_7_OPEN),
    ("english-news-23", _NEWS_23_DESIGNED, _NEWS_23_OPEN),
    ("arabic-sources-10", _SOURCES_10_DESIGNED, _SOURCES_10_OPEN),
    ("arabic-page-kinds-11", _PAGE_KINDS_11_DESIGNED, _PAGE_KINDS_11_OPEN),
    ("theme-list-items-5", {}, {}),
    ("theme-setups-11", _THEME_SETUPS_11_DESIGNED, _THEME_SETUPS_11_OPEN),
    ("english-bodies-12", _BODIES_12_DESIGNED, _BODIES_12_OPEN),
    ("arabic-bodies-4", _ARABIC_BODIES_4_DESIGNED, {}),
    ("list-items-unknown-4", _LISTS_UNKNOWN_4_DESIGNED, _LISTS_UNKNOWN_4_OPEN),
    ("arabic-bylines-3", _BYLINES_3_DESIGNED, _BYLINES_3_OPEN),
    ("arabic-news-11", _NEWS_AR_11_DESIGNED, _NEWS_AR_11_OPEN),
    ("arabic-dates-11", _DATES_11_DESIGNED, _DATES_11_OPEN),
    ("english-news-22", _NEWS_22_DESIGNED, _NEWS_22_OPEN),
    ("theme-setups-10", _THEME_SETUPS_10_DESIGNED, _THEME_SETUPS_10_OPEN),
    ("arabic-news-10", _NEWS_AR_10_DESIGNED, _NEWS_AR_10_OPEN),
    ("arabic-dates-10", _DATES_10_DESIGNED, _DATES_10_OPEN),
    ("english-bodies-11", _BODIES_11_DESIGNED, _BODIES_11_OPEN),
    ("arabic-headlines-7", _HEADLINES_7_DESIGNED, _HEADLINES_7_OPEN),
    ("arabic-sources-9", _SOURCES_9_DESIGNED, _SOURCES_9_OPEN),
    ("arabic-page-kinds-10", _PAGE_KINDS_10_DESIGNED, _PAGE_KINDS_10_OPEN),
    ("english-news-21", _NEWS_21_DESIGNED, _NEWS_21_OPEN),
    ("list-items-unknown-3", _LISTS_UNKNOWN_3_DESIGNED, _LISTS_UNKNOWN_3_OPEN),
    ("english-bodies-10", _BODIES_10_DESIGNED, _BODIES_10_OPEN),
    ("arabic-news-9", _NEWS_AR_9_DESIGNED, _NEWS_AR_9_OPEN),
    ("arabic-page-kinds-9", {}, _PAGE_KINDS_9_OPEN),
    ("arabic-dates-9", _DATES_9_DESIGNED, {}),
    ("theme-setups-9", _THEME_SETUPS_9_DESIGNED, _THEME_SETUPS_9_OPEN),
    ("arabic-sources-8", _SOURCES_8_DESIGNED, {}),
    ("english-news-20", _NEWS_20_DESIGNED, _NEWS_20_OPEN),
    ("list-items-unknown-2", _LISTS_UNKNOWN_2_DESIGNED, _LISTS_UNKNOWN_2_OPEN),
    ("arabic-bylines-2", _BYLINES_2_DESIGNED, _BYLINES_2_OPEN),
    ("arabic-portals-6", _PORTALS_6_DESIGNED, _PORTALS_6_OPEN),
    ("english-bodies-9", _BODIES_9_DESIGNED, _BODIES_9_OPEN),
    ("english-news-19", _NEWS_19_DESIGNED, _NEWS_19_OPEN),
    ("arabic-page-kinds-8", {}, _PAGE_KINDS_8_OPEN),
    ("arabic-news-8", _NEWS_AR_8_DESIGNED, _NEWS_AR_8_OPEN),
    ("theme-setups-8", _THEME_SETUPS_8_DESIGNED, _THEME_SETUPS_8_OPEN),
    ("arabic-headlines-6", {}, {}),
    ("arabic-page-kinds-7", {}, {}),
    ("arabic-dates-8", _DATES_8_DESIGNED, _DATES_8_OPEN),
    ("english-news-18", {"deck as the lead": [("p10", "body_first")]}, _NEWS_18_OPEN),
    ("arabic-sources-7", _SOURCES_7_DESIGNED, {}),
    ("english-bodies-8", _BODIES_8_DESIGNED, _BODIES_8_OPEN),
    ("english-news-17", _NEWS_17_DESIGNED, _NEWS_17_OPEN),
    ("arabic-page-kinds-6", _PAGE_KINDS_6_DESIGNED, _PAGE_KINDS_6_OPEN),
    ("arabic-dates-7", _DATES_7_DESIGNED, _DATES_7_OPEN),
    ("arabic-sources-6", {}, _SOURCES_6_OPEN),
    ("theme-list-items-4", _THEME_LISTS_4_DESIGNED, _THEME_LISTS_4_OPEN),
    ("english-bodies-7", _BODIES_7_DESIGNED, _BODIES_7_OPEN),
    ("arabic-portals-5", _PORTALS_5_DESIGNED, _PORTALS_5_OPEN),
    ("arabic-news-7", _NEWS_AR_7_DESIGNED, _NEWS_AR_7_OPEN),
    ("english-news-16", _NEWS_16_DESIGNED, _NEWS_16_OPEN),
    ("theme-setups-7", _THEME_SETUPS_7_DESIGNED, _THEME_SETUPS_7_OPEN),
    ("english-bodies-6", _BODIES_6_DESIGNED, _BODIES_6_OPEN),
    ("arabic-page-kinds-5", {}, _PAGE_KINDS_5_OPEN),
    ("arabic-headlines-5", _HEADLINES_5_DESIGNED, _HEADLINES_5_OPEN),
    ("arabic-categories-2", {}, _CATEGORIES_2_OPEN),
    ("arabic-dates-6", {}, _DATES_6_OPEN),
    ("theme-list-items-3", _THEME_LISTS_3_DESIGNED, _THEME_LISTS_3_OPEN),
    ("english-news-15", _NEWS_15_DESIGNED, _NEWS_15_OPEN),
    ("arabic-portals-4", _PORTALS_4_DESIGNED, _PORTALS_4_OPEN),
    ("arabic-bodies-3", _ARABIC_BODIES_3_DESIGNED, {}),
    ("english-news-14", _NEWS_14_DESIGNED, _NEWS_14_OPEN),
    ("arabic-sources-5", _SOURCES_5_DESIGNED, {}),
    ("arabic-headlines-4", _HEADLINES_4_DESIGNED, _HEADLINES_4_OPEN),
    ("arabic-listings-4", {}, _LISTINGS_4_OPEN),
    ("theme-setups-6", _THEME_SETUPS_6_DESIGNED, _THEME_SETUPS_6_OPEN),
    ("arabic-page-kinds-4", {}, _PAGE_KINDS_4_OPEN),
    ("arabic-news-6", _NEWS_AR_6_DESIGNED, _NEWS_AR_6_OPEN),
    ("english-news-13", _NEWS_13_DESIGNED, _NEWS_13_OPEN),
    ("arabic-dates-5", {}, {}),
    ("english-bodies-5", _BODIES_5_DESIGNED, _BODIES_5_OPEN),
    ("theme-dates-2", {}, _THEME_DATES_2_OPEN),
    ("arabic-portals-3", _PORTALS_3_DESIGNED, _PORTALS_3_OPEN),
    ("english-news-12", _NEWS_12_DESIGNED, _NEWS_12_OPEN),
    ("english-news-11", _NEWS_11_DESIGNED, {}),
    ("arabic-headlines-3", {}, {}),
    ("arabic-news-5", _NEWS_AR_5_DESIGNED, _NEWS_AR_5_OPEN),
    ("theme-setups-5", {}, {}),
    ("english-news-10", _NEWS_10_DESIGNED, _NEWS_10_OPEN),
    ("arabic-dates-4", {}, _DATES_4_OPEN),
    ("theme-list-items-2", _THEME_LISTS_2_DESIGNED, {}),
    ("arabic-sources-4", _SOURCES_4_DESIGNED, {}),
    ("arabic-page-kinds-3", _PAGE_KINDS_3_DESIGNED, {}),
    ("english-news-9", _NEWS_9_DESIGNED, {}),
    # The fourth theme set-ups probe: p09's sponsored post names a marketing department as
    # its JSON-LD author and prints no byline.
    ("theme-setups-4", {"desk account": [("p09", "authors")]}, {}),
    ("arabic-news-4", _NEWS_AR_4_DESIGNED, {}),
    ("english-news-8", _NEWS_8_DESIGNED, _NEWS_8_OPEN),
    ("arabic-listings-3", {}, {}),
    ("arabic-sources-3", {"organization or agency named as author": [("p01", "authors")]}, {}),
    ("english-news-7", _NEWS_7_DESIGNED, {}),
    ("theme-setups-3", {}, {}),
    ("arabic-news-3", _NEWS_AR_3_DESIGNED, {}),
    ("arabic-dates-3", {}, {}),
    ("arabic-page-kinds-2", _PAGE_KINDS_2_DESIGNED, {}),
    ("english-news-6", _NEWS_6_DESIGNED, {}),
    ("theme-list-items", {}, {}),
    ("english-news-5", _NEWS_5_DESIGNED, _NEWS_5_OPEN),
    ("theme-categories", {}, {}),
    ("arabic-portals-2", _PORTALS_2_DESIGNED, _PORTALS_2_OPEN),
    ("theme-bodies", {}, {}),
    ("arabic-headlines-2", _HEADLINES_2_DESIGNED, _HEADLINES_2_OPEN),
    ("theme-dates", {}, _THEME_DATES_OPEN),
    ("arabic-sources-2", {}, _SOURCES_2_OPEN),
    ("english-bodies-4", _BODIES_4_DESIGNED, _BODIES_4_OPEN),
    ("theme-versions", {}, {}),
    ("arabic-bodies-2", _ARABIC_BODIES_2_DESIGNED, _ARABIC_BODIES_2_OPEN),
    ("arabic-page-kinds", _PAGE_KINDS_DESIGNED, _PAGE_KINDS_OPEN),
    ("arabic-list-precision", _LIST_PRECISION_DESIGNED, _LIST_PRECISION_OPEN),
    ("arabic-bylines", _BYLINES_DESIGNED, _BYLINES_OPEN),
    ("english-bodies-3", _BODIES_3_DESIGNED, _BODIES_3_OPEN),
    ("arabic-printed-dates", _PRINTED_DATES_DESIGNED, _PRINTED_DATES_OPEN),
    ("arabic-categories", _CATEGORIES_DESIGNED, _CATEGORIES_OPEN),
    ("english-metadata", _ENGLISH_DESIGNED, _ENGLISH_OPEN),
    ("arabic-bodies", _ARABIC_BODIES_DESIGNED, _ARABIC_BODIES_OPEN),
    ("international-headlines", _INTERNATIONAL_DESIGNED, _INTERNATIONAL_OPEN),
    ("english-bodies", _BODIES_DESIGNED, _BODIES_OPEN),
    ("arabic-sites", _ARABIC_SITES_DESIGNED, _ARABIC_SITES_OPEN),
    ("arabic-theme-sites", _THEME_SITES_DESIGNED, _THEME_SITES_OPEN),
    ("english-bodies-2", _BODIES_2_DESIGNED, _BODIES_2_OPEN),
):
    for marks, classes in ((AS_DESIGNED, designed), (OPEN, still_open)):
        marks.update(
            {
                (folder, f"{page}.html", field): reason
                for reason, cases in classes.items()
                for page, field in cases
            }
        )


def _norm(text: object) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).replace("\u0640", "")
    text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩“”", '0123456789""'))
    return re.sub(r"\s+", " ", text).strip()


def _names(value: object) -> list[str]:
    if isinstance(value, list):
        parts = value
    else:
        parts = re.split(r"\s*(?:,|،|;|\+| and )\s*", str(value or ""))
    # Case aside: wires print their bylines in capitals ("LISA MASCARO").
    return sorted(_norm(p).casefold() for p in parts) if _norm(value) else []


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", _norm(text).casefold()))


def _cases() -> list[tuple[str, dict]]:
    cases = []
    for folder in FOLDERS:
        for answer in json.loads((FIXTURES / folder / "expected.json").read_text("utf-8")):
            cases.append((folder, answer))
    return cases


CASES = {(folder, answer["file"]): answer for folder, answer in _cases()}


@cache
def _record(folder: str, file: str):
    answer = CASES[folder, file]
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    html = (FIXTURES / folder / file).read_bytes()
    zone = answer.get("timezone", "unknown")
    return extract_page(html, answer["url"], reference, profile="auto", timezone=zone)


def _accepted(answer: dict, field: str) -> list:
    values = [answer.get(field), *answer.get(f"{field}_also", [])]
    return [v for value in values for v in (value if isinstance(value, list) else [value])]


def _right(field: str, answer: dict, page) -> bool:
    article = page.article
    if field == "page_type":
        return page.page_type in _accepted(answer, field)
    if field == "items":  # list items the page must hold (a story's address, its day)
        zone = answer.get("timezone")
        seen = {unquote(item.url): item for item in page.list_items}
        found = all(
            any(
                url.endswith(_address(want["url"])) and _item_day(item, zone) == want["published"]
                for url, item in seen.items()
            )
            for want in answer["items_have"]
        )
        # Where the answer lists every dated entry the page shows (`items_complete`), each
        # dated item found is one of them, and a story shown without a date gets none.
        dated = [(url, _item_day(item, zone)) for url, item in seen.items() if item.published_at]
        precise = not answer.get("items_complete") or all(
            any(
                url.endswith(_address(want["url"])) and day == want["published"]
                for want in answer["items_have"]
            )
            for url, day in dated
        )
        undated = not any(
            url.endswith(_address(bare)) and item.published_at
            for url, item in seen.items()
            for bare in answer.get("items_undated", [])
        )
        return found and precise and undated
    if article is None:
        return False
    if field == "headline":
        return _norm(article.headline) in map(_norm, _accepted(answer, field))
    if field == "published":
        if answer["published"] is None:  # the page states no publication time
            return article.published_at is None
        return _published_right(answer["published"], article, answer.get("timezone"))
    if field == "category":
        name = (article.category or {}).get("name")
        accepted = _accepted(answer, field)
        if not name:
            return None in accepted
        return _norm(name).casefold() in {_norm(a).casefold() for a in accepted if a}
    if field == "authors":
        return _names(article.author) == _names(answer["authors"])
    if field == "source":
        given = [_norm(name).casefold() for name in article.source or []]
        wanted = [a for a in _accepted(answer, field) if a is not None]
        if not given:
            return None in _accepted(answer, field)
        return any(_names(w) == sorted(given) or [_norm(w).casefold()] == given for w in wanted)
    if field == "tags":
        return sorted(_norm(t).lstrip("#") for t in article.tags or []) == sorted(
            map(_norm, answer["tags"])
        )
    if field == "body":
        # The story's words, nearly all (recall), and little else (precision).
        want, got = _words(answer["body"]), _words(article.body or "")
        shared = sum((want & got).values())
        return shared >= 0.95 * sum(want.values()) and shared >= 0.85 * sum(got.values())
    paragraphs = [_norm(p) for p in (article.body or "").split("\n") if _norm(p)]
    if not paragraphs:
        return False
    paragraph = paragraphs[0] if field == "body_first" else paragraphs[-1]
    return any(_norm(a)[:120] in paragraph for a in _accepted(answer, field) if a)


def _address(url: str) -> str:
    """An answer's address as records keep it: a whole address canonical (its query in
    order, as w3lib sorts it), every address unquoted."""
    return unquote(canonicalize_url(url) if url.startswith("http") else url)


def _item_day(item, zone: str | None) -> str:
    """A list item's day: its time read in the site's zone where the page has one (a day
    printed alone is stored as that local day's midnight in UTC, the day before east of
    Greenwich), else as its UTC value reads."""
    if zone is None or not item.published_at:
        return (item.published_at or "")[:10]
    value = datetime.fromisoformat(item.published_at.replace("Z", "+00:00"))
    return value.astimezone(ZoneInfo(zone)).date().isoformat()


def _published_right(expected: str, article, zone: str | None) -> bool:
    """The day, where the answer gives only a day (in the site's zone where the page has
    one: the middle of the record's window); else the instant inside the record's window,
    to the minute where the page states its zone (a window of a day or more is the
    unknown zone's, whose nominal value is the printed clock read in the zone the address's
    country keeps, else as UTC)."""
    if not article.published_at:
        return False
    if len(expected) == 10:
        if zone is None:
            return article.published_at[:10] == expected
        low, high = (
            datetime.fromisoformat(article.published_earliest),
            datetime.fromisoformat(article.published_latest),
        )
        return (low + (high - low) / 2).astimezone(ZoneInfo(zone)).date().isoformat() == expected
    want = datetime.fromisoformat(expected).replace(microsecond=0)  # records keep seconds
    low = datetime.fromisoformat(article.published_earliest.replace("Z", "+00:00"))
    high = datetime.fromisoformat(article.published_latest.replace("Z", "+00:00"))
    value = datetime.fromisoformat(article.published_at.replace("Z", "+00:00"))
    # The answer's minute (a page prints no seconds) must meet the window: 09:42 holds a
    # record's exact 09:42:07.
    if not (low <= want + timedelta(seconds=59) and want <= high):
        return False
    if (
        high - low >= timedelta(hours=12)
        and value.replace(tzinfo=None) == want.replace(tzinfo=None)
        and address_zone(urlsplit(article.url).hostname or "") is UNKNOWN_ZONE
    ):
        return True
    return abs(value - want) < timedelta(minutes=1)


PARAMS = [
    pytest.param(folder, answer["file"], field, id=f"{folder}/{answer['file']}/{field}")
    for folder, answer in _cases()
    for field in answer.get("target", FIELDS)
    if (field in answer or (field == "items" and "items_have" in answer))
    and (field in ("page_type", "items") or answer["page_type"] == "article")
    and (folder, answer["file"], field) not in AS_DESIGNED
]


@pytest.mark.parametrize(("folder", "file", "field"), PARAMS)
def test_field_matches_the_answer_written_first(folder, file, field):
    if (folder, file, field) in OPEN:
        pytest.skip(OPEN[folder, file, field])
    answer = CASES[folder, file]
    page = _record(folder, file)
    assert _right(field, answer, page), (field, answer.get(field), page.article)


def test_every_marked_field_still_differs():
    """A field marked open or as designed that now matches its answer is no longer one."""
    now_right = [
        key
        for key in [*OPEN, *AS_DESIGNED]
        if _right(key[2], CASES[key[0], key[1]], _record(key[0], key[1]))
    ]
    assert now_right == []


def test_a_theme_page_leaves_an_embedded_posts_text_out_of_the_body():
    # Rai Al Youm on tagDiv Newspaper: an Instagram post embedded in the story. The theme
    # profile reads the content container; the post's fallback text is the post's, not the
    # story's (the generic path already left it out).
    page = _record("arabic-bodies", "p09.html")
    assert page.article.profile.startswith("newspaper")
    assert "Instagram" not in page.article.body
    assert "عرض هذا المنشور" not in page.article.body
    assert _right("body", CASES["arabic-bodies", "p09.html"], page)


def test_the_tagdiv_page_in_tagdivs_own_markup():
    """arabic-bodies-2 p04 with its two markup flaws mended as tagDiv prints the post (the
    content class on the content div alone, the tags in `ul.td-tags`): its tags, first and
    last paragraphs are right, the closing "الصورة الرئيسية: ..." caption left out."""
    answer = CASES["arabic-bodies-2", "p04.html"]
    html = (FIXTURES / "arabic-bodies-2" / "p04.html").read_text("utf-8")
    wrapper = '<div class="td-post-content tagdiv-type">'
    wrappers = html.count(wrapper)  # the article's wrapper, then the content div
    html = html.replace(wrapper, '<div class="td-ss-main-content">', 1)
    html, tag_boxes = re.subn(
        r'<div class="td-post-source-tags"><span class="tags-label">الوسوم:</span>(.*?)</div>',
        lambda m: (
            '<div class="td-post-source-tags"><ul class="td-tags td-post-small-box">'
            "<li><span>الوسوم</span></li>"
            + re.sub(r"(<a [^>]*>[^<]*</a>)", r"<li>\1</li>", m.group(1))
            + "</ul></div>"
        ),
        html,
    )
    assert wrappers == 2 and tag_boxes == 1
    reference = datetime.fromisoformat(answer["reference"])
    page = extract_page(
        html.encode(), answer["url"], reference, profile="auto", timezone=answer["timezone"]
    )
    assert page.article.profile.startswith("newspaper")
    for field in ("tags", "body_first", "body_last", "body"):
        assert _right(field, answer, page), (field, page.article)
    assert "الصورة الرئيسية" not in page.article.body


@pytest.mark.parametrize(("file", "badge"), [("p04.html", "فيديو"), ("p08.html", "حصري")])
def test_a_post_formats_or_a_tags_badge_is_no_category_of_a_theme_page(file, badge):
    # Jannah's first label is the video format's archive (/type/video/); JNews prints a tag
    # (/tag/exclusive/) in the category's place. Neither is among the post's categories.
    page = _record("theme-categories", file)
    names = [category["name"] for category in page.article.categories]
    assert badge not in names and names[0] == CASES["theme-categories", file]["category"]


def test_the_lines_under_a_corrected_story_are_not_the_storys():
    # The New York Times's page: the correction stays (the answer marks it disputed), the
    # paper's note on how it corrects and the two writers' lines ("… is a Metro reporter
    # …", "… covers land use …. More about …") go.
    body = _record("english-bodies-14", "p10.html").article.body
    assert "An earlier version of this article misstated" in body
    assert "When we learn of a mistake" not in body
    assert "More about" not in body and "covers land use" not in body


def test_a_read_more_boxs_summary_is_no_story_text():
    # RT's "اقرأ المزيد" box between two paragraphs: its linked headline, its date and
    # its summary paragraph are another story's.
    body = _record("arabic-sources-12", "p03.html").article.body
    assert "ارتفعت أسعار الغاز الطبيعي المسال" not in body
    assert "وتواجه الخطة معارضة من سكان بعض البلدات" in body
