"""Is this page an article? Decided by evidence, not by one tag.

An article is recognized from converging signals: JSON-LD of an article type, og:type
article, one element microdata types as an article (Blogger's BlogPosting), a stated
publication time, WordPress's single-post body classes, a permalink's shape, one main
heading over a long text, a date printed beside that heading. A listing needs positive
signals of its own: WordPress archive classes, a JSON-LD collection, several microdata
articles, a listing URL, many dated links, pagination. No single signal decides (news sites leave og:type "website" on articles, and
some archives carry a date); the side with more weight wins, and the reason a page was not
taken says what was seen, so a person can act on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from scraper.extract import metadata

# WordPress body classes (any theme).
_SINGLE_CLASSES = {"single", "single-post", "single-format-standard"}
_LISTING_CLASSES = {"archive", "home", "blog", "search", "category", "tag", "author", "error404"}
# The body classes of WordPress's archive templates, and the classes only WordPress adds
# beside its others ("page-id-12", "category-7", "wp-embed-responsive", "paged-2").
_ARCHIVE_TEMPLATES = {"archive", "search", "error404"}
_WORDPRESS_CLASS = re.compile(
    r"(?:page-id|category|tag|author|paged|term)-\d+$|wp-|search-(?:no-)?results$|paged$"
)
_COLLECTION_TYPES = {"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"}
_LISTING_PATH = re.compile(
    r"^/(?:category|tag|tags|author|search|topics?|section)(?:/|$)|/page/\d+/?$"
)
_SEARCH_PAGE = re.compile(r"(?:^|/)(?:search|recherche|بحث)(?:/|\.\w{2,5})?$", re.IGNORECASE)
_SLUG = re.compile(r"[\w%]+(?:-[\w%]+){3,}")  # four or more words joined by dashes
_NUMERIC_ID = re.compile(r"\d{5,}")
# ... or in the folder before a page's fixed name ("/alayam/sports/1102188/News.html").
_NUMBERED_PAGE = re.compile(r"/\d{5,}/[A-Za-z]+\.(?:html?|aspx|php)$")
# ... or a last segment that is a number of four digits and no year, alone or after a word
# ("/urgent/7342", "news-1203.aspx"; not DW's section "s-9106").
_SHORT_ID = re.compile(r"(?:[a-z]{3,}[-_])?(?!19\d\d|20\d\d)\d{4}(?:\.\w{2,5})?", re.I)
# ... or an opaque id of letters and digits ("c7e2k9q1x4ro", BBC's, a CMS's hash).
# Digits and letters interleave in it, with no word of five letters and no year at its end
# ("football2024", "g20summit2026"); not under a listing's folder (BBC's /topics/c2dw...).
_OPAQUE_ID = re.compile(
    r"(?=[a-z0-9]*\d[a-z]+\d)(?![a-z0-9]*[a-z]{5})(?![a-z0-9]*[a-z](?:19|20)\d\d$)[a-z0-9]{8,24}"
)
_LISTING_FOLDER = re.compile(
    r"/(?:topics?|tags?|sections?|category|categories|author|search|playlists?|series)/",
    re.IGNORECASE,
)
# ... or a story number in the query, as older portals and WordPress's own links put it
# ("details.aspx?NewsID=48213", "article.php?id=9120", "/?p=1234").
_STORY_QUERY = re.compile(
    r"(?:^|&)(?:id|p|nid|newsid|news_id|articleid|article_id|storyid|story_id|infoid|"
    r"contentid|content_id|postid|post_id|videoid|video_id|albumid|galleryid)=\d{3,}(?:&|$)"
    # Drupal without clean URLs: "/?q=node/48213"; SPIP's "spip.php?article295433"; a
    # story numbered as a category would be, six digits or more ("view.php?cat=298744",
    # Al-Mada: no site has that many sections).
    r"|(?:^|&)q=node(?:/|%2F)\d{3,}(?:&|$)|(?:^|&)article\d{3,}(?:&|$)|(?:^|&)cat=\d{6,}(?:&|$)",
    re.IGNORECASE,
)
# A page that says the address is not found, whatever status it came with (a "soft 404").
_NOT_FOUND = re.compile(
    r"(?:error|erreur|fehler|خطأ)\s*:?\s*404|\b404\s+(?:error|not found|page)|"
    r"page (?:was )?not found|page (?:you requested |you are looking for )?"
    r"(?:does not|doesn't) exist|page introuvable|seite nicht gefunden|"
    r"الصفحة (?:التي تبحث عنها |المطلوبة )?غير موجودة|(?:الصفحة|الرابط) غير متوفر|لم يتم العثور على الصفحة|خطأ 404",
    re.IGNORECASE,
)


# An address that is a day's, a month's or a year's archive: the date alone is its last
# part ("/2027/07/12/", "/archive/2027-07-12"), no story's slug or number after it.
# (A year alone is no archive's: "/News/2041" is a story's number.)
_DATE_ARCHIVE = re.compile(r"/(?:19|20)\d\d[/-][01]?\d(?:[/-][0-3]?\d)?/?(?:index\.\w{3,4})?$")
# A writer's page, the writer its last step: "/writer/rami-haddad/", ASP.NET's
# "Writers/Profile.aspx?id=112" (not a column under it, "/writers/ahmed-ali/why-...").
_WRITER_PAGE = re.compile(
    r"/(?:writers?|authors?|columnists?|kuttab)/[^/]+/?$"
    r"|/(?:writers?/)?(?:profile|writer|author)\.(?:aspx?|php)$",
    re.IGNORECASE,
)


# JSON-LD types of pages that are no story: an event's, a programme's, a broadcast's, an
# "about" or "contact" page's (a page stating one of these and no article).
_NOT_STORY_TYPES = frozenset(
    (
        "Event", "BusinessEvent", "SocialEvent", "EducationEvent", "ExhibitionEvent",
        "Festival", "SportsEvent", "TVSeries", "RadioSeries", "TVSeason", "BroadcastEvent",
        "AboutPage", "ContactPage",
    )
)  # fmt: skip
# JSON-LD types of pages that are never a story, whatever their address: a job ad.
_NEVER_STORY_TYPES = frozenset(("JobPosting",))
# A site's service pages by their address: the service's folder, then at most one word
# (a city's forecast at "/meteo/tunis", prayer times, horoscopes, exchange rates): widgets
# of figures, however dated. A slug under it ("/weather/heatwave-warning") is a story's.
_SERVICE_PATH = re.compile(
    r"^/(?:[a-z]{2}/)?(?:meteo|weather|prayer-times?|horoscopes?|exchange-rates?|currency"
    r"|currencies)(?:/[^/\-_\d]+)?/?$",
    re.IGNORECASE,
)
# Drupal's content types of pages that are no story ("page-node-type-event").
_NOT_STORY_NODE = re.compile(
    r"(?:^|\s)(?:page-node-type|node--type)-(?:event|page|basic-page|landing-page|webform"
    r"|program|programme|tv-show|series|person|profile|contact)(?:\s|$)"
)
# A site's own pages by their heading: who they are, how to reach them, their rules.
_SITE_PAGE_HEADINGS = frozenset(
    (
        "من نحن", "عن الموقع", "من نحن؟", "اتصل بنا", "اتصلوا بنا", "تواصل معنا", "أعلن معنا",
        "سياسة الخصوصية", "شروط الاستخدام", "الشروط والأحكام", "سياسة التحرير",
        "about us", "contact us", "contact", "privacy policy", "terms of use",
        "terms of service", "advertise with us", "editorial policy",
    )
)  # fmt: skip


# ... by a heading naming the site ("About Najd Post", "عن الساحل نيوز"), or by an address
# of one folder that names such a page ("/about-us", "/من-نحن").
_ABOUT_SITE = re.compile(r"(?:about|عن|à propos de)\s+(?P<site>.{2,40})", re.IGNORECASE)
_SITE_PAGE_SLUGS = frozenset(
    (
        "about", "about-us", "aboutus", "contact", "contact-us", "contactus", "privacy",
        "privacy-policy", "terms", "terms-of-use", "terms-of-service", "advertise",
        "من-نحن", "اتصل-بنا", "سياسة-الخصوصية", "شروط-الاستخدام",
    )
)  # fmt: skip


def _article_of_this_page(page: metadata.PageMeta, url: str) -> bool:
    """Whether the JSON-LD article names this page's address as its own (its `@id`, `url`,
    `isPartOf` or `mainEntityOfPage`, fragment and trailing slash aside)."""
    ld = metadata.json_ld_article(page)
    if not ld or not url:
        return False
    here = url.split("#", 1)[0].rstrip("/")
    for key in ("@id", "url", "isPartOf", "mainEntityOfPage"):
        value = ld.get(key)
        value = value.get("@id") if isinstance(value, dict) else value
        if isinstance(value, str) and value.split("#", 1)[0].rstrip("/") == here:
            return True
    return False


def _article_of_another_page(page: metadata.PageMeta, url: str) -> bool:
    """Whether the JSON-LD article names as its own (its `url`, else its
    `mainEntityOfPage`) an address under this page's or its canonical's path: a section
    front (`/business/`) stating its lead story (`/business/2027/09/14/...`)."""
    ld = metadata.json_ld_article(page)
    here = _path(url)
    # (A front's address: a section's folder or two, no story's digits; not the home page,
    # where a wrong canonical may point; not an AMP copy's canonical story.)
    if not ld or not here or here.count("/") > 2 or any(map(str.isdigit, here)):
        return False
    for key in ("url", "mainEntityOfPage"):
        value = ld.get(key)
        value = value.get("@id") if isinstance(value, dict) else value
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            stated = _path(value)
            return stated != here and stated.startswith(f"{here}/")
    return False


def _path(url: str) -> str:
    """The address's path, decoded, without its trailing slash ("" for a broken one)."""
    try:
        return unquote(urlsplit(url).path).rstrip("/") if url else ""
    except ValueError:  # ("https://[host/...": no address)
        return ""


def _wordpress_page(page: metadata.PageMeta) -> bool:
    """Whether WordPress's body classes say the page is a Page ("page page-id-12"), no
    post and no archive (a front page is "home page")."""
    classes = set(page.body_class.split())
    return (
        "page" in classes
        and not classes & (_SINGLE_CLASSES | _LISTING_CLASSES)
        and any(c.startswith("page-id-") for c in classes)
    )


def not_a_story(page: metadata.PageMeta, url: str = "") -> str | None:
    """Why the page is no story whatever else it states (SEO plugins stamp og:type article
    and a date on every page), None when nothing says so: a WordPress Page stating no
    article nor date, a JSON-LD event's, programme's or broadcast's page at an address of
    no story's shape, a job ad, a service page's address (a forecast, prayer times) of no
    story's shape, a Drupal content type that is no story's, a site's own page ("من
    نحن")."""
    ld_article = metadata.json_ld_article(page)
    if _wordpress_page(page) and not ld_article and not metadata.published_candidates(page):
        # A WordPress Page ("من نحن", "اتصل بنا"), no post: a story published as a Page
        # states its date or its article.
        return "a WordPress page stating no date nor article"
    if not ld_article:
        story_address = article_address(url)
        path = urlsplit(url).path
        if not story_address and _SERVICE_PATH.search(path):
            return f"a service page's address ({path})"
        for node in page.ld_objects:
            kinds = metadata.json_ld_types(node)
            if never := kinds & _NEVER_STORY_TYPES:
                return f"a JSON-LD {'/'.join(sorted(never))} and no article"
            if story_address:
                continue  # (a match report embeds its SportsEvent, a story its player)
            if kinds := kinds & _NOT_STORY_TYPES:
                return f"a JSON-LD {'/'.join(sorted(kinds))} and no article"
            # A live channel's player: a video published as a live broadcast.
            for publication in metadata.as_list(node.get("publication")):
                if isinstance(publication, dict) and publication.get("isLiveBroadcast") in (
                    True,
                    "true",
                ):
                    return "a JSON-LD live broadcast and no article"
    if node_type := _NOT_STORY_NODE.search(page.body_class):
        return f"a Drupal content type that is no story's ({node_type.group(0).strip()})"
    if page.h1 and page.h1.strip().rstrip("؟?:").strip().casefold() in _SITE_PAGE_HEADINGS:
        return f"a site's own page ({page.h1})"
    about = _ABOUT_SITE.fullmatch(page.h1.strip()) if page.h1 and not ld_article else None
    # (The site's stated names only, not its address: "About Time" on time.com is a story.)
    if about and metadata.is_site_name(page, about.group("site"), bare=False):
        return f"a site's own page ({page.h1})"  # "About Najd Post", "عن الساحل نيوز"
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s]
    if segments and len(segments[0]) == 2 and len(segments) > 1:
        segments = segments[1:]  # a language's folder ("/en/about-us")
    if not ld_article and len(segments) == 1 and segments[0].casefold() in _SITE_PAGE_SLUGS:
        return f"a site's own page's address ({urlsplit(url).path})"
    return None


def story_query(query: str) -> bool:
    """Whether a URL's query holds a story's number ("NewsID=48213", "p=1234")."""
    return bool(_STORY_QUERY.search(query))


def article_address(url: str) -> bool:
    """Whether the URL has a story's shape: a permalink's date, a last segment of four words
    or more joined by dashes, a story number of five digits or more (or a last segment of
    four digits that is no year, or in the folder before a page's fixed name), an opaque id of eight
    letters and digits or more, interleaved, or a number of three digits or more
    in an id parameter of the query."""
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return bool(
        metadata.url_date(url)
        or _SLUG.fullmatch(last.removesuffix(".html").removesuffix(".htm"))
        or _NUMERIC_ID.search(last)
        or _NUMBERED_PAGE.search(parts.path)
        or (_SHORT_ID.fullmatch(last) and not _LISTING_FOLDER.search(parts.path))
        or (_OPAQUE_ID.fullmatch(last) and not _LISTING_FOLDER.search(parts.path))
        or story_query(parts.query)
    )


LONG_TEXT = 1200  # characters of main text that read as an article on their own
SOME_TEXT = 300


@dataclass
class PageEvidence:
    """What speaks for an article and for a listing, each with its weight."""

    article: list[tuple[str, int]] = field(default_factory=list)
    listing: list[tuple[str, int]] = field(default_factory=list)
    # What makes the page neither: it says its address is not found, or it is no story's
    # page (`not_a_story`).
    neither: list[str] = field(default_factory=list)
    # What rules an article out and makes the page a listing (WordPress's archive classes).
    ruled_out: list[str] = field(default_factory=list)

    @property
    def article_weight(self) -> int:
        return sum(weight for _, weight in self.article)

    @property
    def listing_weight(self) -> int:
        return sum(weight for _, weight in self.listing)

    @property
    def is_article(self) -> bool:
        return (
            not self.neither
            and not self.ruled_out
            and self.article_weight >= 2
            and self.article_weight > self.listing_weight
        )

    @property
    def is_listing(self) -> bool:
        """Not an article, and a listing rather than another page."""
        return not self.neither and (
            bool(self.ruled_out) or self.listing_weight > self.article_weight
        )

    def describe(self) -> str:
        """The evidence in words: "for an article: ...; for a listing: ..."."""
        article = ", ".join(name for name, _ in self.article) or "nothing"
        listing = ", ".join(name for name, _ in self.listing) or "nothing"
        neither = "".join(f"; {reason}" for reason in self.neither)
        return f"for an article: {article}; for a listing: {listing}{neither}"


# A section's name is a few words ("سياسة", "بيانات صحفية", "آخر الأخبار"), a story's
# headline more.
SECTION_NAME_WORDS = 3
# ... after a label naming the list's kind ("ملف: الانتخابات البلدية 2027", "Topic: Gaza").
_LABEL_BEFORE = re.compile(r"^[^\s:]+(?:\s[^\s:]+)?\s*:\s*")
# So many list items with a time make a list of stories.
MANY_DATED_LINKS = 8


def page_evidence(
    page: metadata.PageMeta,
    url: str,
    text_chars: int | None = None,
    dated_links: int = 0,
    pagination: bool = False,
    printed_date: bool = False,
    printed_headline: bool = False,
    links_need_address: bool = False,
) -> PageEvidence:
    """Weigh what the page says about itself. `text_chars`: length of its main text, when
    known; `dated_links`: list items with a time; `pagination`: links to further pages;
    `printed_date`: a date printed beside the main heading (`generic.headline_date`);
    `printed_headline`: the headline printed alone in a block of its own, outside lists
    and links (`generic.headline_element`: an agency's table cell or div with no h1).
    `links_need_address`: the dated links count only on an address of a listing's shape
    (a story's page lists its section's latest stories too)."""
    evidence = PageEvidence()
    add_article, add_listing = evidence.article.append, evidence.listing.append
    # (A section front stating its lead story's article: that story's, not this page's.)
    another = _article_of_another_page(page, url)
    if metadata.json_ld_article(page) and not another:
        add_article(("JSON-LD article", 3))
    og_type = (metadata.meta_content(page, "og:type") or "").lower()
    if og_type == "article":
        add_article(("og:type article", 2))
    elif og_type in ("website", "blog"):
        add_listing((f"og:type {og_type}", 1))
    story, items, _ = page.microdata_story
    if story:
        add_article(("a microdata article", 2))
    elif items >= 3:
        add_listing((f"{items} microdata articles", 2))
    if metadata.video_story(page):
        add_article(("a video story", 2))
    if page.data_story:
        add_article(("a story in the page's data", 2))
    stated_times = metadata.published_candidates(page)
    if another:
        stated_times = [c for c in stated_times if not c[0].startswith("json-ld")]
    if stated_times:
        add_article(("a stated publication time", 2))
    elif page.hatom_post:
        add_article(("one hAtom post with its publication stamp", 2))
    classes = set(page.body_class.split())
    if classes & _SINGLE_CLASSES or any(c.startswith("postid-") for c in classes):
        add_article(("WordPress single-post classes", 2))
    elif archive := classes & _LISTING_CLASSES:
        if (
            archive & _ARCHIVE_TEMPLATES or any(map(_WORDPRESS_CLASS.match, classes))
        ) and not _article_of_this_page(page, url):
            # WordPress's own word on its query: an archive's template, never a single
            # post's ("home" or "category" alone may be another system's class). A theme
            # that hard-codes "archive" on every page beside an SEO plugin's Article of
            # this very address is no archive's word.
            evidence.ruled_out.append(f"WordPress {'/'.join(sorted(archive))} classes")
        add_listing((f"WordPress {'/'.join(sorted(archive))} classes", 3))
    if reason := not_a_story(page, url):
        evidence.neither.append(reason)
    # What the page's metadata states for an article, before any reading of its text.
    stated = evidence.article_weight
    if _collection(page):
        add_listing(("JSON-LD collection", 2))
    path = urlsplit(url).path if url else ""
    section_front = False
    listing_address = True
    if _SEARCH_PAGE.search(path) and urlsplit(url).query:
        # A site search's results for a query ("/search?q=…"): snippets of many stories,
        # whatever og:type the CMS stamps on every page.
        evidence.ruled_out.append("a site search's results address")
        add_listing(("a site search's results address", 3))
    elif (path in ("", "/") and not story_query(urlsplit(url).query)) or _LISTING_PATH.search(path):
        add_listing(("a listing URL", 2))
    elif _DATE_ARCHIVE.search(path):
        add_listing(("a date archive's address", 3))
    elif _WRITER_PAGE.search(path):
        add_listing(("a writer's page address", 3))
    elif article_address(url):
        listing_address = False
        add_article(("an article URL", 1))
    elif not page.pager:
        listing_address = False
    else:
        # A pager on an address of no story's shape: a section's or a view's list (Drupal's
        # "/press-releases", Joomla's "/index.php/politics", ASP.NET's "/News/Latest").
        add_listing(("a pager on an address of no story's shape", 2))
        if 0 < len(_LABEL_BEFORE.sub("", page.h1).split()) <= SECTION_NAME_WORDS:
            # Its heading is the section's name, and the text under it its teasers.
            section_front = True
            add_listing((f"a section's name as the main heading ({page.h1})", 2))
    if (
        listing_address
        and dated_links < MANY_DATED_LINKS
        and (cards := page.dated_cards) >= MANY_DATED_LINKS
    ):
        # Teasers in the page's own text, where the list items' search does not look (a
        # WordPress Page of a newsletter's issues, each an <article> with its date); not
        # when the list items counted them already.
        add_listing((f"{cards} dated story cards", 2))
    if lead := _lead_story(page, url):
        add_listing((f"the main heading links to a story ({lead})", 2))
    elif (
        not section_front
        and (page.h1 or page.title_heading or printed_headline)
        and text_chars is not None
        and text_chars >= SOME_TEXT
    ):
        add_article(("a heading over a text", 1))
    if not stated and (_NOT_FOUND.search(page.h1 or "") or _NOT_FOUND.search(page.title or "")):
        # A soft 404 states no article; a story or a guide about "404" errors does.
        evidence.neither.append("the page says it is not found")
    if printed_date:
        add_article(("a date printed beside the heading", 1))
    if text_chars is not None and text_chars >= LONG_TEXT and not section_front:
        add_article((f"{text_chars} characters of text", 2))
    if dated_links >= MANY_DATED_LINKS and (listing_address or not links_need_address):
        add_listing((f"{dated_links} dated links", 2))
    if pagination:
        add_listing(("pagination", 1))
    return evidence


def _lead_story(page: metadata.PageMeta, url: str) -> str | None:
    """The story the main heading links to when that is another page with a story's
    address (a section front's lead story), else None."""
    href = page.h1_link
    if not href or not url:
        return None
    target = metadata.join_url(url, href)
    if (
        target
        and urlsplit(target).hostname == urlsplit(url).hostname  # not a syndicated story's source
        and not metadata.same_address(target, url)
        and article_address(target)
    ):
        return target
    return None


def _collection(page: metadata.PageMeta) -> bool:
    return any(metadata.json_ld_types(n) & _COLLECTION_TYPES for n in page.ld_objects)
