"""Attribution: the source and credit lines news sites print around an article's body.

One call, `split_source_line(paragraphs, link_texts)`, serves the theme profiles and the
generic path alike. It first drops the trailing blocks a content container often ends with
(share buttons, "read also" boxes, newsletter and follow prompts) and the same boxes inside
the body (`drop_boxes`), then looks for the attribution in this order and names the form it found (`SourceLine.form`, which the
record keeps as `provenance["source"]`):

- `source-line`: a labelled line of its own among the last paragraphs ("المصدر: منصة
  مزيج", "(المصدر: وكالات)", "المصدر: (إسطنبول - الأناضول)", "المصادر: ...", "مصدر الخبر:
  ...", "نقلاً عن ...", "عن وكالة ...", "Source: ...", "With reports from ...", "Courtesy
  of ...", and before a colon the label in other languages: "Quelle:", "Fuente:", "Fonte:",
  "Źródło:", "Kaynak:", "Kilde:", "Источник:", "Джерело:", "来源：", "出典：", ...); or one opening the body, if a known agency or outlet is among its names (the
  site's own name may stand beside it: "المصدر: الجزيرة + وكالات" above the story);
- `trailing-credit`: an agency credit closing the last paragraph ("... --(بنا)", "... -
  (واس)", "... . (أ ف ب)", "... — AP"), or a paragraph that is nothing but one ("(أ ف ب)"),
  or a last line of known agencies alone ("وكالات", "الجزيرة نت + وكالات");
- `closing-attribution`: the story's last sentence closing on the known agency or outlet
  it was reported by ("..., وفق ما أوردته وكالة الأنباء الكويتية (كونا).", "حسبما ذكرت
  رويترز.", "نقلا عن وكالة الأناضول."), or the lead's, after any dateline ("أعلنت
  الوزارة ... ، وذلك بحسب ما أوردته وكالة تونس إفريقيا للأنباء."): a rewrite of that
  outlet's copy; the sentence stays in the body;
- `source-box`: a Source box's label alone, then its names, closing the body ("المصدر" /
  "الأناضول": a box the page's extractor read as paragraphs; see below for the boxes
  themselves);
- `dateline`: the credit in the opening dateline ("الرياض (واس) --", "القاهرة - (أ ش أ) -",
  "بيروت ـ «القدس العربي»:", "دبي: «الخليج»", "جدة: «عكاظ»", "أنقرة/ الأناضول", "الدوحة في
  01 ديسمبر /قنا/", "الكويت - 1 - 12 (كونا) --", "PARIS (AFP) —").

The byline's slot may hold the agency's dateline instead of a name ("عمّان - بترا" in
`p.byline`, or a theme profile's author element) or the site's name and an agency
("هسبريس - و.م.ع"): `metadata.byline_credit` reads it with `dateline_credit` (form
`byline`) when the body names no source, on both paths. On a page no profile knows, a
labelled source line printed beside the byline and the date under the headline is read
last (`generic.header_source_line`, form `header`).

A theme's Source box (Jannah's `post-bottom-source`, tagDiv Newspaper's `td-post-small-box`
labelled "SOURCE", JNews's `jeg_post_source`), or on a page no profile knows any labelled
box beside the body (`source_box`, form `source-box`), is the field the editor filled in
for the purpose: it wins over a source line in the body, which still leaves the body. A
Via box ("VIA", "عبر") credits where the writer found the story, not its source: its
label is no source label, so it is never read as one.

What leaves the body: the trailing blocks, the source line, a credit-only paragraph, and a
trailing credit (a signature printed after the story's last sentence; the sentence stays).
A dateline that opens the story's first sentence stays as printed: it is how the story
opens for its readers, and its place is news no other field keeps; only its credit is
recorded. A dateline printed as a line of its own ("القاهرة - أ ش أ", SPA's "الرياض 22
جمادى الآخرة 1448 هـ الموافق 03 ديسمبر 2026 م واس") is a credit line and leaves the body,
as do an agency's closing time stamp and sign-off ("15:42ت م", "// انتهى //").

Precision first. A sentence that merely contains "المصدر" ("وقال المصدر إن ..."), a quote
"(قال المصدر)", an acronym after a name ("حلف شمال الأطلسي (ناتو)."), a parenthesised
year or a tag such as "(فيديو)" is not a credit: a labelled line must open with its label
and be short, and a credit without a label must name a known agency or outlet, but for a
bracketed one after a dash closing the last paragraph ("- (سبق)") and a quoted one after a
dash in a dateline ("بيروت ـ «القدس العربي»:").

`raw` is the credit as printed: the whole line for a source line, the credit with its dash
for a trailing credit ("- (واس)"), the dateline for a dateline ("الرياض (واس) --").
`names` lists the agencies and outlets, split on ، , + / & "و" "and", cleaned of
brackets and quotes, abbreviations kept as printed ("واس", "أ ف ب").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from scraper.text import clean_text, name_key

MAX_LINE_CHARS = 120
MAX_REPUBLISHED_CHARS = 450
# How many elements after the story's last paragraph (or its container) a source line
# printed in an element of its own may be.
SOURCE_LINE_SIBLINGS = 2
# A chart's, a table's or a picture's note, whose "المصدر:" credits its data, not the story:
# by the names in its class, or by a figure's element inside it.
FIGURE_NOTE = re.compile(r"chart|graph|caption|figure|photo|image|table|infographic", re.I)
FIGURE_TAGS = ("img", "figure", "table", "svg", "iframe", "canvas")
# The page's chrome, whose "المصدر" labels no source of the story (menus, sidebars, widgets,
# forms, comments, related lists, breadcrumbs, the page's header and footer): by tag, and
# by the names in its class or id. (An article's own <footer> may hold a Source box.)
CHROME_TAGS = frozenset(("nav", "aside", "form", "header", "select", "button"))
CHROME_MARK = re.compile(r"menu|navbar|sidebar|widget|comment|related|breadcrumb|footer", re.I)
# The page's side column by its class: a sidebar, a widget (a post's own footer is none).
SIDE_WIDGET_MARK = re.compile(r"sidebar|widget", re.I)
MAX_NAME_WORDS = 6
# How many paragraphs at the end of the body (before any trailing block) a source line
# may sit in: a short note ("تم تحديث الخبر") may follow it.
TAIL_PARAGRAPHS = 3
# How far back from the end a trailing block may start, and how long its entries may be (a
# "read also" headline, a button label): story paragraphs are longer.
TRAILER_WINDOW = 20
TRAILER_ENTRY_CHARS = 160
# A newsletter prompt inside the body is one short line ("اشترك في النشرة البريدية").
PROMPT_CHARS = 100
# How many opening paragraphs may hold the dateline (the first long one at the latest).
DATELINE_PARAGRAPHS = 3

# Hyphen, en and em dash, and the tatweel Arabic sites print as a dash ("بيروت ـ").
_DASH = "\\-\u2013\u2014\u0640"

_LABEL = re.compile(
    # A dash may open the line ("— With inputs from WAM").
    rf"""^(?:[{_DASH}]+\s*)?[(\[«"“]?\s*
        (?P<label>المصدر\ الأصلي|مصدر\ الخبر|المصادر|المصدر|مصدر
            |نقلا\ عن|نقلاً\ عن|بتصرف\ عن|بتصرّف\ عن|عن|بحسب|حسب
            |sources|source|with\ reports?\ from|with\ reporting\ (?:from|by)|courtesy\ of
            |(?:with|additional)\ inputs?\ from|additional\ reporting\ from|with\ files\ from
            |(?P<colon_label>بالتعاون\ مع|(?:شارك|ساهم)(?:ت)?\ في\ التغطية|quellen?|fuentes?|fontes?|kaynak(?:lar)?|źródło|źródła|zdroje?
                |bron(?:nen)?|källa|kilde|lähde|forrás|izvor|sursa|πηγή|источник|джерело
                |来源|來源|出典|출처))
        (?(colon_label)(?=\s*[:：])|(?=[\s:：|{_DASH}]))\s*
        (?P<sep>[:：|{_DASH}]+\s*)?
        (?P<names>.+?)\s*[)\]»"”]?\s*[.\u06d4]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A tatweel drawn inside a word ("المصـــدر"), not one printed as a dash ("المصدر ـ"), and
# vowel marks ("المَصْدَر").
_KASHIDA = re.compile(r"(?<=[\u0620-\u064a])\u0640+(?=[\u0620-\u064a])|[\u064b-\u0652\u0670]")
# Labels that are prepositions ("نقلاً عن وكالة الأنباء السعودية") need no separator.
_PREPOSITIONS = re.compile(r"عن$|حسب$|^with |^additional |^courtesy ", re.IGNORECASE)
# Prepositions that open story sentences ("عن", "بحسب المصادر فإن"): a line of their own
# credits only outlets ("بحسب وكالة الأنباء العراقية (واع)"); so does a line of who "took
# part in the coverage" (an agency, or the site's own reporters: no source).
_OUTLET_ONLY_LABELS = frozenset(
    ("عن", "بحسب", "حسب", *(f"{verb} في التغطيه" for verb in ("شارك", "شاركت", "ساهم", "ساهمت")))
)
# What follows the outlet a closing note names: a description after a comma ("Lone Star
# Report, a nonprofit newsroom covering Texas policy and politics"), the licence, the
# republishing note, a public radio bureau's funder ("Funding for the … Bureau is provided
# in part by the Corporation for Public Broadcasting."), the translator ("Translation by
# Sara Khoury."), the pointer to the original.
_PUBLISHER_NOTE_TAIL = (
    r"(?-i:the\s+)?(?P<names>.+?)(?:,\s+(?P<about>(?:a|an|the|which|that)\s[^.]*))?"
    r"(?:,? under a creative commons[^.]*| with permission"
    r"| and (?:is|was|has been) republished[^.]*)?\.?"
    r"(?:\s*(?:it|this (?:story|article)) (?:is|has been|was) republished[^.]*\.?)?"
    r"(?:\s*funding for [^.]{2,80} is provided[^.]*\.)?"
    r"(?:\s*(?:translation|translated) by [^.]{2,60}\.?)?"
    r"(?:\s*read the original article\.?)?$"
)
# A republished story's closing line: "This story was originally published by X.", "This
# article is republished from X under a Creative Commons license. Read the original article.",
# "... by X and is republished here with permission."; a sister paper's: "This article was
# originally published in French in L'Orient-Le Jour. Translation by …".
_REPUBLISHED = re.compile(
    r"^(?:this (?:story|article|piece) (?:was |is )?(?:originally |first )?"
    r"(?:published|appeared)(?: in (?:french|english|arabic|german|spanish|italian"
    r"|portuguese|turkish|hebrew|persian|russian))? (?:by|in|on)"
    r"|this (?:story|article|piece) is republished from"
    r"|republished (?:with permission )?from|originally published (?:by|in|on))\s+"
    + _PUBLISHER_NOTE_TAIL,
    re.IGNORECASE,
)
# A partner's: "This story was produced by the Mountain West News Bureau, a collaboration
# between …" (a bureau, a desk, a newsroom; not its reporter: "produced by Maria Hernandez,
# a Report for America corps member").
_PRODUCED_BY = re.compile(
    r"^this (?:story|article|piece|report) was produced by\s+" + _PUBLISHER_NOTE_TAIL,
    re.IGNORECASE,
)
_NEWSROOM_WORD = re.compile(
    r"\b(?:bureau|desk|news|newsroom|network|service|lab|project|collaborative|radio|media"
    r"|press|agency|reporting|center|centre|institute|partnership)\b",
    re.IGNORECASE,
)
# ... or the description after it says what it is: "Sahan Journal, a nonprofit newsroom …".
_NEWSROOM_DESCRIBED = re.compile(
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:newsroom|news (?:organization|outlet|site|service)"
    r"|collaboration|partnership|publication|magazine|newspaper)\b",
    re.IGNORECASE,
)
# A partner's story published by agreement: "نُشر هذا التقرير بالاتفاق مع موقع «درج»",
# "بالاتفاق مع صحيفة «الأخبار»".
_SYNDICATED = re.compile(
    r"^\W*(?P<published>(?:ي|ت)?نشر(?:ت)?\s+(?:هذ[اه]\s+"
    r"(?:التقرير|المقال|الماده|الموضوع|النص|الخبر|القصه)\s+)?)?"
    r"بالاتفاق\s+مع\s+(?P<noun>(?:موقع|صحيفه|صحيفة|مجله|مجلة|منصه|منصة|شبكه|شبكة|وكاله|وكالة)\s*)?"
    r"(?P<names>[^.،,]{2,40}?)\s*\.?$"
)
# A wire's closing credit: "Reuters contributed to this report.", "The Associated Press
# contributed reporting."
_AGENCY_CONTRIBUTED = re.compile(
    r"^\W*(?:the )?(?P<names>[^.]{2,60}?) contributed(?: reporting)?(?: to this"
    r" (?:report|story|article))?\W*$",
    re.IGNORECASE,
)
# "Additional reporting by Nampa": an agency's copy drawn on, where the names are agencies
# (Reuters' "Reporting by Terje Solsvik; Editing by ..." names its staff, no source).
_AGENCY_REPORTING = re.compile(
    r"^\W*(?:additional )?reporting by (?P<names>[^.;]{2,60}?)\W*$", re.IGNORECASE
)
# A wire's note on when its copy first ran: "This report by The Canadian Press was first
# published Nov. 2, 2027."
_WIRE_FIRST_PUBLISHED = re.compile(
    r"^this (?:report|story|article) by (?P<names>[^.]{2,60}?) was first published\b.{0,40}$",
    re.IGNORECASE,
)
# New Zealand's funded partner line under a partner's story: "Local Democracy Reporting is
# Public Interest Journalism funded through NZ On Air."
_PUBLIC_INTEREST_PARTNER = re.compile(
    r"^(?P<names>[^.]{2,60}?) is public interest journalism (?:co-?)?funded (?:through|by)"
    r" (?:the )?nz on air\W*$",
    re.IGNORECASE,
)
# A translation's note: "*هذه المادة مترجمة عن اندبندنت", "This article was translated from
# Le Monde" (a language is no publisher: `_NO_PUBLISHER`).
_TRANSLATED = re.compile(
    r"^[*\s]*(?:(?:هذه|هذا) (?:المادة|المقالة|المقال|التقرير|الموضوع) )?(?:مترجمة|مترجم) عن"
    r"|^[*\s]*(?:this (?:story|article|piece) (?:was|has been|is) )?translated from"
    # The translator's credit naming the original: "ترجمة: سارة العلي - عن صحيفة الغارديان".
    # ("ترجمة: هشام البقالي | عن: ذا إيكونوميست": a bar, a colon after "عن".)
    r"|^[*\s]*ترجمة(?: وإعداد| وتحرير)?\s*[:：]\s*(?:[^:\-–—|]{2,40}?\s*[\-–—|]?\s*)?عن\s*[:：]?\s"
    r"|^[*\s]*translated by [^.]{2,40}? from\s",
    re.IGNORECASE,
)
# Elaph's and others' note on a report prepared from another outlet's: "أعدت «إيلاف» هذا
# التقرير بتصرف عن «الغارديان» البريطانية. الأصل منشور على الرابط." The outlet in
# guillemets, or the words up to the sentence's end.
_PREPARED_FROM = re.compile(
    r"^[*\s]*(?:أعدت|أعد) \S.{0,40}? (?:هذا|هذه) (?:التقرير|المادة|المقال|الموضوع)"
    r"(?: (?:بتصرف|بتصرّف))? عن (?:«(?P<quoted>[^»]{2,40})»|(?P<plain>[^.«»]{2,40}))"
)
_TRAILING_NOTE = re.compile(r"\s*[(\[]?\s*(?:بتصرف|بتصرّف)\s*[)\]]?$")
# "(إسطنبول - الأناضول)" after a label: the place, then the agency.
_PLACE_AND_AGENCY = re.compile(rf"^\((?P<place>[^()]+?)\s+[{_DASH}]\s+(?P<agency>[^()]+?)\)?$")
# A company's legal form abbreviated, closing its name ("Harborline Foods, Inc.").
_LEGAL_FORM_END = re.compile(r"\b(?:Inc|Ltd|Corp|Co|S\.A|N\.V)\.[\s\"”»]*$")
# Not the comma before a company's legal form ("Harborline Foods, Inc.").
_SPLIT = re.compile(
    r"\s*(?:[،+;/|]|,(?!\s*(?:Inc|Ltd|LLC|Corp|Co|PLC|S\.?A|AG|GmbH)\b)|\s[-–—]\s|\s&\s"
    r"|\s(?:and|و)\s)\s*",
    re.IGNORECASE,
)

# A paragraph that is only a credit: "(أ ف ب)", "--(بنا)", "— AP".
_MAX_BARE_CREDIT_CHARS = 40
# (DW's desk slug may open it: "jk/rs (dpa, Reuters)".)
_CREDIT_ONLY = re.compile(
    rf"^(?:[{_DASH}]+\s*\(?(?P<dashed>[^()]{{1,40}}?)\)?"
    rf"|(?:[a-z]{{1,4}}(?:/[a-z]{{1,4}})+\s*)?\((?P<bracketed>[^()]{{1,40}})\))\s*\.?$"
)
# A credit closing a paragraph: in brackets after a dash ("--(بنا)", "- (واس)"), in
# brackets after the last sentence (". (أ ف ب)"), or bare after a dash ("— AP").
_DASH_BRACKETED = re.compile(
    rf"(?<![\s{_DASH}])\s*(?P<credit>[{_DASH}]+\s*\((?P<names>[^()]{{1,40}})\))\s*\.?$"
)
_AFTER_SENTENCE = re.compile(r"(?<=[.!?؟…»\"”])\s*(?P<credit>\((?P<names>[^()]{1,40})\))\s*\.?$")
# ... or glued to the last word, no full stop nor space before it ("... خلال ثلاثة
# أشهر(قنا)"; with a space, "... since 2014 (Reuters)" may cite the figure); not an
# agency's abbreviation after its full name.
_AFTER_LAST_WORD = re.compile(r"(?<=\w)(?P<credit>\((?P<names>[^()]{1,40})\))\s*\.?$")
# ... where the words before it are no outlet's name it abbreviates ("هيئة الإذاعة
# البريطانية(بي بي سي)", "لقناة الجزيرة(الجزيرة)", "British Broadcasting Corporation(BBC)").
_OUTLET_NAMED_BEFORE = re.compile(
    r"(?:وكالة|الأنباء|للأنباء|هيئة|لهيئة|قناة|لقناة|شبكة|لشبكة|صحيفة|لصحيفة|إذاعة|لإذاعة"
    r"|agency|corporation|network|channel|broadcast\w*)(?:\s+\S+){0,3}\s*$",
    re.I,
)
# Broadcasters and papers a sentence names in brackets; only a wire's bracket glued to the
# last word credits the copy.
_NOT_WIRES = frozenset(
    name_key(n)
    for n in (
        "الجزيرة", "الجزيرة نت", "العربية", "العربية نت", "سكاي نيوز عربية", "بي بي سي",
        "بي بي سي عربي", "سي إن إن", "BBC", "CNN", "Al Jazeera", "Bloomberg",
    )
)  # fmt: skip
_DASH_BARE = re.compile(
    rf"(?<![\s{_DASH}])\s(?P<credit>[{_DASH}]+\s*(?P<names>[^\W\d_][^(){_DASH}.]{{0,30}}?))\s*\.?$"
)

# The opening dateline: a place of a few words, maybe a dash or slash, a credit in brackets
# or quotes, then a dash or colon before the story (or nothing, on a line of its own).
# (An English one may be an abbreviation with its points: "CEDAR KEY, Fla. (AP) —", "N.Y.")
_PLACE_WORD = rf"(?!\u0640)[^\W\d_][^\s()«»\"“”:.,،/{_DASH}]*(?:\.(?:[A-Za-z]{{1,3}}\.)*)?"
_PLACE = rf"{_PLACE_WORD}(?:[\s,،]+{_PLACE_WORD}){{0,3}}"
# Before a bracketed credit the place may name two cities and a day: "BEIRUT/THE HAGUE,
# March 7 (Reuters) -", "الرياض 12 ديسمبر (واس) -".
# ... and the agencies' own datelines, a year or a numeric date among them: "الكويت - 1 - 12
# (كونا) --" (KUNA), "طرابلس 1 ديسمبر 2026 (وال) -" (LANA), "الخرطوم 1-12-2026 (سونا) -".
_DAY_WORD = rf"(?:\d{{1,2}}(?:-\d{{1,2}}-\d{{4}})?|\d{{4}}|{_PLACE_WORD})"
_PLACE_AND_DAY = rf"{_PLACE_WORD}(?:(?:[\s,،]+|\s*/\s*|\s+-\s+){_DAY_WORD}){{0,5}}"
_DATELINE_CREDIT = re.compile(
    rf"""^(?P<dateline>(?P<place>{_PLACE_AND_DAY})\s*(?P<pre>[{_DASH}/:]\s*)?
        (?P<open>[(«"“])(?P<names>[^()«»"“”]{{1,40}})[)»"”]
        \s*(?:(?P<sep>[{_DASH}:]+)|$|(?P<run>(?=\S))))""",
    re.VERBOSE,
)
# Guillemets closed and opened again after a comma, within a dateline's first characters.
_JOINED_QUOTES = re.compile(r"»\s*[،,]\s*«")
DATELINE_HEAD_CHARS = 80


def _joined_quotes(text: str) -> str:
    """The text with its dateline's agencies quoted one by one quoted as one list ("«رويترز»،
    «أ ف ب»" as "«رويترز، أ ف ب»"), for the dateline's pattern."""
    head = text[:DATELINE_HEAD_CHARS]
    return _JOINED_QUOTES.sub("، ", head) + text[DATELINE_HEAD_CHARS:]


def _printed_prefix(text: str, read: str) -> str:
    """The start of `text` as printed that `_joined_quotes` read as `read`."""
    if not text.startswith(read):
        end = len(read)
        for found in _JOINED_QUOTES.finditer(text[:DATELINE_HEAD_CHARS]):
            if found.start() < end:
                end += len(found.group(0)) - 2
        return text[:end]
    return read


# ... or the agency alone in brackets, no place before it: "(صونا) – افتتح ...".
_BRACKETED_AGENCY = re.compile(rf"^(?P<dateline>\((?P<names>[^()]{{2,40}})\)\s*[{_DASH}:]+)\s*\S")
# ... or the Gulf agencies' form, the agency between slashes after the day: "الدوحة في 01
# ديسمبر /قنا/", "مسقط في 1 ديسمبر /العُمانية/", "المنامة في 1 ديسمبر / بنا /".
_DATELINE_SLASHED = re.compile(
    rf"""^(?P<dateline>(?P<place>{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})\s+في\s+\d{{1,2}}\s+
        {_PLACE_WORD}(?:\s+\d{{4}})?\s*/\s*(?P<names>[^/()«»]{{1,30}}?)\s*/)""",
    re.VERBOSE,
)
# ... or a bare known agency after a dash or slash: "أنقرة/ الأناضول", "القاهرة - أ ش أ -",
# "دمشق-سانا"; or after the day, a dash closing it: "رام الله 1-12-2026 وفا-" (WAFA).
_DATELINE_BARE = re.compile(
    rf"""^(?P<place>{_PLACE})
        (?P<sep>\s*[{_DASH}/]\s*|\s+(?P<day>\d{{1,2}}-\d{{1,2}}-\d{{4}})\s+)
        (?P<after>\S.*)$""",
    re.DOTALL | re.VERBOSE,
)
_DASHES_AFTER = re.compile(rf"\s*[{_DASH}:/]+")  # ("بغداد/ واع/": the slash closes it)
# ... or a line of its own: the place, the day (the Hijri one and the Gregorian), the
# agency: "الرياض 22 جمادى الآخرة 1448 هـ الموافق 03 ديسمبر 2026 م واس" (SPA).
_DATELINE_DATED = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:\s{_PLACE_WORD})?)\s+(?P<day>\d{{1,2}}\s[^()]{{3,60}}?\d{{4}}"
    rf"(?:\s*(?:م|هـ))?)\s+(?P<name>[^\d()]{{2,30}}?)[\s{_DASH}]*"
)

# An agency before the dateline's place, as NNA opens its copy ("وطنية - زحلة - أطلق ...").
_AGENCY_THEN_PLACE = re.compile(
    rf"^(?P<agency>وطنية)\s*[{_DASH}]\s*(?P<place>{_PLACE_WORD}(?:\s{_PLACE_WORD})?)\s*[{_DASH}:]"
)

# Known agencies and outlets. A credit without a label must name one, or start with an
# outlet noun (وكالة, صحيفة, ...), unless it is bracketed after a dash.
_KNOWN_NAMES = """
    رويترز | فرانس برس | وكالة فرانس برس | أ ف ب | أ.ف.ب | أ ب | أسوشيتد برس | أسوشيتدبرس |
    الأناضول | واس | سانا | وفا | بترا | قنا | كونا | وام | بنا | سونا | العمانية | الألمانية |
    سبأ | واع | وال | وات | وأج | ومأ | ومع | و م ع | لاماب | معا | الوكالة الوطنية للإعلام | صونا |
    د ب أ | د.ب.أ | أ ش أ | أ.ش.أ | شينخوا | سبوتنيك | تاس | إرنا | الجزيرة | الجزيرة نت |
    العربية | العربية نت | سكاي نيوز عربية | بي بي سي | بي بي سي عربي | سي إن إن | وكالات | متابعات |
    AFP | AP | Reuters | Associated Press | Agence France-Presse | Anadolu | Anadolu Agency | AA |
    Bloomberg | dpa | Xinhua | BBC | CNN | Al Jazeera | UPI | EFE | ANSA | Kyodo | Yonhap |
    TASS | SPA | WAM | KUNA | QNA | agencies | Press Trust of India | PTI | IANS | ANI | AAP | TNN |
    Express News Service | Local Democracy Reporting Service |
    RIA Novosti | РИА Новости | ТАСС | Interfax | Интерфакс | Укрінформ | PAP | APA | Belga |
    ANP | NTB | Ritzau | Lusa | Europa Press | Jiji | 共同通信 | 時事通信 | 新华社 | 中央社 |
    연합뉴스 | Bernama | Antara | KNA | epd | SDA | Keystone-SDA | dpa-AFX | AP Wire |
    NAN | News Agency of Nigeria | GNA | Ghana News Agency | Kenya News Agency | APS | MENA |
    Nampa | ANGOP | SAnews | The Canadian Press | Canadian Press | Australian Associated Press |
    PNA | Philippine News Agency |
    Press Association | PA Media |
    Petra | Jordan News Agency | SANA | Syrian Arab News Agency | WAFA | SUNA | Sudan News Agency |
    Saudi Press Agency | Emirates News Agency | Kuwait News Agency | Qatar News Agency | BNA |
    Bahrain News Agency | ONA | Oman News Agency | NNA | National News Agency | INA |
    Iraqi News Agency | Middle East News Agency | Saba | Maghreb Arabe Presse |
    Tunis Afrique Presse | IRNA | APP | Associated Press of Pakistan | PPI | UNB | BSS
"""
OUTLET_NOUNS = "وكالة | وكالات | صحيفة | جريدة | موقع | قناة | شبكة | منصة | مجلة | إذاعة | تلفزيون | التلفزيون | راديو"
# Words of a sentence, not of a name: a credit holding one is prose.
_PROSE_WORDS = """
    قال | قالت | وقال | وقالت | يقول | تقول | أكد | أكدت | أضاف | أضافت | أوضح | أعلن | أعلنت |
    ذكر | ذكرت | نقل | نقلت | طلب | فضل | عدم | إن | أن | إنه | أنه | الذي | التي | الذين |
    هذا | هذه | ذلك | تلك | كان | كانت | لا | لم | لن | قد | هو | هي |
    said | says | told | according | is | was | were | will | that | this
"""
# Bracketed tags that are not credits: "(فيديو)", "(انتهى)".
_TAG_WORDS = """
    فيديو | بالفيديو | صور | بالصور | شاهد | مباشر | عاجل | تحديث | محدث | تقرير | خاص |
    حصري | إنفوجراف | انفوجرافيك | تفاصيل | انتهى | يتبع | صورة | الصورة | أرشيفية |
    الأحد | الاثنين | الإثنين | الثلاثاء | الأربعاء | الخميس | الجمعة | السبت |
    video | photos | photo | file | watch | live | updated | update | exclusive
"""

# Trailing blocks, matched on `_key` text. A header opens a block: the short paragraphs
# after it (its links, its form) go with it. A share line or a "read also" item is an
# entry: it goes when nothing but trailing blocks follow it.
_NETWORKS = """
    فيسبوك | فيس بوك | تويتر | اكس | واتساب | واتس اب | تيليجرام | تليجرام | تلغرام | تيليغرام |
    لينكدان | لينكد ان | انستغرام | انستجرام | انستقرام | بنترست | ماسنجر | البريد الالكتروني |
    طباعه | نسخ الرابط | facebook | twitter | x | whatsapp | telegram | linkedin | pinterest |
    reddit | messenger | email | e mail | print | copy link
"""
_SHARE = (
    r"(?:شارك(?:ها| الخبر| المقال| هذا الخبر)?|مشاركه(?: الخبر| المقال)?"
    r"|(?:kindly |please )?share(?: this(?: article| story)?)?)"
)
_VIA = r"(?:\s+(?:علي|عبر|on|via))?"  # `_key` spells على as علي
_READ_ALSO = (
    r"(?:اقرا (?:ايضا|كذلك|المزيد)|شاهد ايضا|(?:اخبار |مواضيع |مقالات )?ذات صله|قد يهمك(?: ايضا)?"
    r"|قد يعجبك(?: ايضا)?|read (?:also|more)|also read|related(?: articles| posts| stories| news)?"
    r"|see also|you may also like|read next|more from|go deeper"
    # The editors' picks ("اخترنا لكم", "مختارات المحرر", "اختيارات المحرر", "editor's
    # picks").
    r"|اخترنا لك(?:م)?|مختارات(?: المحرر)?|اختيارات(?: المحرر)?|editor\W?s picks"
    r"|more news releases(?: in similar topics)?"
    # A video page's and an opinion column's lists of more ("المزيد من الفيديو", "مقالات
    # أخرى للكاتب").
    r"|المزيد من (?:الفيديو(?:هات)?|الاخبار|المقالات|مقالات الكاتب)|more videos"
    r"|(?:مقالات|كتابات) (?:اخري )?(?:للكاتب|للكاتبه|لنفس الكاتب)|(?:اخبار|مواضيع) اخري"
    # ... in other languages: g1's "LEIA TAMBÉM", Kompas's "Baca juga".
    r"|(?:leia|veja) (?:tamb[eé]m|mais)|baca juga|lees ook|lesen sie auch|leggi anche"
    r"|lea tambi[eé]n|lire aussi)"
)
# A copyright notice closing the story ("© 2024 ...", "All rights reserved", "جميع الحقوق
# محفوظة", "무단 전재 및 재배포 금지" after "Copyright ⓒ").
_COPYRIGHT = re.compile(
    r"©|ⓒ|\(c\) ?\d{4}|copyright|all rights reserved|جميع الحقوق محفوظه|版权所有|版權所有"
)
_NEWSLETTER = (
    r"(?:اشترك (?:في (?:النشره|نشرتنا|القائمه البريديه|قناتنا)|الان|ليصلك)|النشره البريديه"
    r"|subscribe|sign up for|newsletter)"
)
_FOLLOW = (
    r"(?:تابعونا|تابعوا|تابعنا|تابع (?:اخر |احدث )?(?:الاخبار|اخبار)|انضم الي قناتنا|انضموا الي قناتنا"
    r"|follow us)"
)
_PUNCT = r"[\s:：|·•،,!\-–—…]*"
# A closing invitation to a newsletter or to the site's accounts ("For the latest news,
# sign up for our newsletters", "Follow Metro on Twitter and Facebook", "تابعوا الموقع على
# تيليجرام"), or a paper's note on its standards or its print edition: one sentence or two,
# anywhere in a last paragraph of up to PROMO_CHARS. The invitation opens a sentence or a
# clause and names "our" newsletter or a network: a story's last sentence about a
# newsletter, or about people who followed something on YouTube, stays in.
PROMO_CHARS = 240
# A notice closing a transcript or a syndicated story opens with its copyright and runs
# long ("Copyright © 2027 ... This transcript was created on a rush deadline ...").
# (and a disclaimer's: "Disclaimer: Comments do not represent the views of ...")
_NOTICE_OPENING = re.compile(r"^(?:©|ⓒ|copyright\b|disclaimer\s*:)")
# An editor's note under the story on how it came to be: "This story is part of a
# collaboration between ...", "Translation of an original article published in French on
# ...". (A correction stays: the publisher's own words amending the story.)
_CLOSING_NOTE = re.compile(
    r"^this (?:story|article|report) (?:is|was) (?:part of|produced (?:in|through|as part of))"
    r" (?:a |an |the )?(?:\w+ ){0,3}(?:collaboration|partnership)\b"
    r"|^translation of an original (?:article|story) published in \w+\b"
    # An opinion page's closing terms for comments and letters ("Comments on this piece are
    # open for three days. If you would like a letter to be considered ...").
    r"|^\W*comments on this (?:piece|article|story|column) (?:are|will be|were) (?:open|closed)\b"
    r"|^\W*if you would like (?:a|your) letter to be considered\b"
)
# Who paid for the reporting ("Local Democracy Reporting is Public Interest Journalism
# funded through NZ On Air."), how a machine helped write it ("This content was partially
# produced with the help of AI tools ..."), and the print edition a story ran in
# ("Published in Indus Herald, July 3rd, 2027"): notes on the story, not in it.
_PRODUCTION_NOTE = re.compile(
    r"^this (?:story|article|report|reporting|series|project|coverage|investigation|feature)"
    r" (?:is|was) (?:[\w ]{0,30} )?(?:funded|supported|made possible|paid for)\b"
    # Who read the story aloud for its audio version ("Audio narration by Marc Lévesque.").
    r"|^(?:audio narration|narrated) by\b|^audio (?:version )?(?:read|produced) by\b"
    r"|^[^.]{0,60}\b(?:journalism|reporting)\b[^.]{0,40} (?:is|are|was|were) (?:[\w ]{0,40} )?"
    r"(?:funded|supported|made possible) (?:through|by|with|in part by) [^.,]{0,60}"
    r"\b(?:grants?|foundations?|fund|on air|initiative|trust|institute|cent(?:er|re)|programm?e?"
    r"|council|commission)\b[^.,]{0,40}\.?$"
    r"|^this (?:content|article|story|report|summary|text) (?:was|has been|is)"
    r" (?:partially |partly |fully |in part )?(?:produced|generated|written|created|drafted)"
    r" (?:with the (?:help|assistance|support) of|by|using|with) (?:an? )?"
    r"(?:ai\b|artificial intelligence|generative ai|machine)"
    # (Also with the section or supplement: "Published in Dawn, EOS, March 14th, 2027".)
    r"|^published in (?:the )?[^,.]{2,40}(?:, [^,.\d]{2,30})?,"
    r" (?:[a-z]+ \d{1,2}(?:st|nd|rd|th)?|\d{1,2} [a-z]+),? \d{4}"
    r"\W*$"
)
# A newsroom's description of itself under each story ("Pulse Health News is a national
# newsroom that produces in-depth journalism ..."): as long as a notice.
# The writer's line under the story ("Hana Whaanga is a multimedia journalist based in
# Ōamaru."): a name, then what kind of journalist.
_WRITER_BIO = re.compile(
    r"^(?:[a-z'’.-]+ ){1,3}is an? (?:[\w-]+ ){0,4}(?:journalist|reporter|correspondent"
    r"|writer|editor|columnist|photographer)\b"
    # ... or the writer's card: "Local government and development reporter at The Border
    # Mail. Got a story? Email …", under its role's label ("Journalist").
    r"|^(?:[\w&'’-]+ ){0,6}(?:journalist|reporter|correspondent|writer|editor)"
    r" (?:at|for|with) [^.?]{2,60} got a (?:story|tip)\b"
    r"|^(?:journalist|reporter|senior reporter|correspondent|columnist|writer)$"
)
# Under a column, one starred line saying who the writer is ("٭ كاتب وأكاديمي فلسطيني",
# "* The writer is a professor ..."): never a starred list's item ("* وزير المالية: name").
_STARRED = re.compile(r"^[*٭✱]")
_STARRED_BIO = re.compile(
    r"^[*٭✱]+ ?(?:(?:ال)?(?:كاتب|باحث|اكاديمي|صحافي|صحفي|اعلامي|استاذ|محلل|روائي|شاعر)(?:ه|ة)?\b"
    r"|the (?:writer|author) is\b)[^:]*$"
)
_NEWSROOM_NOTE = re.compile(
    r"^[^.]{2,60}? is an? [^.]{0,60}\b(?:newsroom|news (?:organi[sz]ation|outlet|service|site))"
    r"\b[^.]{0,200}\b(?:journalism|reporting|news|supported by|readers like you|funded)\b"
    # ... or the press council it answers to ("Southern Press is a proud member of the New
    # Zealand Media Council.").
    r"|^[^.]{2,60}? is an? (?:proud )?member of (?:the )?[^.]{0,60}\b(?:media|press)"
    r" (?:council|complaints (?:authority|commission)|standards organi[sz]ation)\W*$"
)
MAX_NOTICE_CHARS = 600
# A site's disclaimer under an opinion piece or its comments ("المقالات المنشورة تعبّر عن
# رأي كتّابها ...", "The views expressed are the author's own").
_DISCLAIMER = re.compile(
    r"^\W*(?:(?:ال)?(?:مقالات|مقال|اراء|تعليقات|مواد)(?: (?:المنشوره|المترجمه))?(?: في \S+(?: \S+)?)?"
    r" (?:تعبر|يعبر) عن (?:راي|اراء|وجهه نظر) (?:كتابها|كاتبها|كاتبه|اصحابها|صاحبها|اصحابه)"
    # (Also after a sentence on who publishes it: "The Meridian Institute is a nonpartisan
    # research organization. The views expressed here are solely those of the authors.")
    r"|(?:[^.]{2,60} is an? (?:non-?partisan|non-?profit|independent)\b[^.]{0,80} )?"
    r"the views (?:and opinions )?expressed (?:here |herein |in (?:this|the)"
    r" [\w ]{1,30} )?are (?:solely |entirely )?(?:those of|the)"
    r" (?:the |our |its )?(?:authors?|writers?|users|readers|newspapers?|papers|publications?)"
    r"|the comments below have not been (?:moderated|checked)"
    # "Disclaimer: Comments do not represent the views of INQUIRER.net. …"
    r"|(?:disclaimer\W*)?comments (?:do not|don.?t) (?:represent|reflect) the views of\b"
    # A column's note on its contributors ("Daily Sabah contributors are invited to share their
    # opinions in their own words. The views expressed are their own …"), and a site's on
    # what it carries ("النص الذي يتضمن اسم الكاتب أو الجهة أو الوكالة، لا يعبّر بالضرورة عن
    # وجهة نظر المسلة").
    r"|[^.]{2,60} contributors are invited to share their (?:opinions|views) in their own words\b"
    # (Not reported speech: "… لا يعبّر بالضرورة عن رأي أسرة التحرير، بحسب البيان".)
    r"|(?!.*(?:بحسب|وفق|\bقال|\bاكد|[«»\"“”]))"
    r"(?:النص|المقال|المحتوي|الماده|المواد|ما ينشر|ما يرد)\b[^.]{0,80}?\bلا (?:يعبر|تعبر)"
    r" بالضروره عن (?:راي|اراء|وجهه نظر|سياسه)"
    # A guest writer's line under the piece: who they are, then "The views expressed here
    # are her own."
    r"|.{2,60}? is an? .{2,200}? the views expressed (?:here |in this [\w ]{1,20} )?"
    r"are (?:his|her|their|the author'?s?) own\W*$"
    # The line alone, without its "the" ("Views expressed in this article are the author's
    # own.": The Daily Star's); not a quotation that goes on.
    r"|views expressed in this (?:article|column|piece|op-?ed) are (?:the )?(?:author|writer)['’]?s? own\W*$"
    # A health column's note: "تنبيه: المعلومات الواردة في هذه الزاوية للتثقيف الصحي العام،
    # ولا تغني عن استشارة الطبيب المختص", "… not a substitute for professional medical advice".
    r"|(?:تنبيه|ملاحظه|اخلاء مسووليه)?\W*(?:هذه )?المعلومات (?:الوارده|المنشوره|المقدمه)\b[^.]{0,100}?"
    r"\bو?لا (?:تغني|تعد بديلا) عن (?:استشاره|زياره|مراجعه)"
    r"|(?:disclaimer\W*)?(?:this (?:article|content|information) is for (?:general )?"
    r"informational purposes only|(?:the |this )?(?:content|information)(?: [a-z]+){0,4}"
    r" (?:is )?not (?:intended to be )?a substitute for (?:professional )?medical advice)"
    # A sponsored post's note: "هذا المحتوى مدفوع ومقدم من الجهة الراعية ...", "This content
    # is paid for by ...".
    r"|(?:هذا )?(?:المحتوي|المقال|الموضوع|الاعلان) (?:مدفوع|ممول|برعايه|مقدم من الجهه الراعيه)"
    r"|this (?:content|article|story|post) (?:is|was) (?:sponsored|paid for|produced) by\b"
    # An aggregator's or a translator's note disowning the copy: "تنويه: هذا الخبر منقول من
    # موقع اليوم السابع ولا يعبر عن وجهة نظر ...", "هذا المقال مترجم عن المصدر الموضح أعلاه،
    # والآراء الواردة فيه ... لا تعبر بالضرورة عن رأي ...".
    r"|(?:تنويه|ملاحظه)?\W*هذا (?:الخبر|المقال|الموضوع|المحتوي|التقرير) (?:منقول|مترجم) (?:من|عن)\b"
    r".{0,120}?\bو?لا (?:يعبر|تعبر)\b"
    # An agency's note that its site shows part of what subscribers get ("الموقع
    # الإلكتروني لوكالة ... يعرض فقط جزءا من الأخبار ...").
    r"|(?:ينشر )?(?:ال)?موقع (?:الالكتروني )?لوكاله \S+(?: \S+){0,3} (?:يعرض )?(?:فقط )?جزءا"
    r" (?:مختصرا )?من (?:الاخبار|المواد)"
    # ... as Anadolu words it: "الأخبار المنشورة على صفحة الموقع الإلكتروني لوكالة
    # الأناضول، هي جزء ملخص من الأخبار المقدمة للمشتركين ...".
    r"|(?:الاخبار|المواد) المنشوره علي (?:صفحه )?(?:ال)?موقع (?:الالكتروني )?لوكاله [^،,]{2,30}[،,]?"
    r" (?:هي )?جزء (?:ملخص|مختصر) من"
    # ... or any wording that names what subscribers get through its news system, HAS
    # ("يعرض الموقع الإلكتروني لوكالة الأناضول جزءا مختصرا ... للمشتركين عبر نظام بث
    # الأخبار (HAS)", "… offered to subscribers in the AA News Broadcasting System (HAS)").
    r"|(?=.{0,120}\b(?:الاناضول|anadolu)\b).{0,200}\b(?:للمشتركين|subscribers)\b.{0,80}\(has\)"
    # The comments' moderation note: "ملاحظة: جميع التعليقات تخضع للمراقبة، والموقع غير
    # مسؤول عن محتواها".
    r"|(?:ملاحظه|تنويه)?\W*(?:جميع )?(?:ال)?تعليقات (?:تخضع|خاضعه) (?:لل)?(?:مراقبه|رقابه|اشراف))"
)
# An editor's note closing an interview ("This interview has been edited for length and
# clarity."): no answer of the interview.
# A paper's note on how it corrects, under a story's correction ("When we learn of a
# mistake, we acknowledge it with a correction."); the correction itself stays, as readers
# answered (english-bodies, -4, -10).
_CORRECTION_NOTE = re.compile(r"^when we learn of a mistake\b")
# A staff writer's line under the story saying what the writer covers ("Naomi Feld covers
# land use and development in New York City. More about Naomi Feld"), read as printed.
_COVERS_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3} (?:covers|reports on|writes about) [^.]{3,120}\."
    r" More about [^.]{3,60}$"
)
# An Arabic column's closing line on its writer, after an asterisk ("* عائشة بنت سيف
# الحارثية كاتبة وباحثة في الإعلام الرقمي", "* كاتب وصحفي فلسطيني"), as `_key` spells it.
_WRITER_NOTE = re.compile(
    r"^\*+\s*(?:\S+\s){0,5}(?:كاتب|كاتبه|باحث|باحثه|صحفي|صحفيه|اعلامي|اعلاميه|اكاديمي"
    r"|اكاديميه|استاذ|استاذه|خبير|خبيره|محلل|محلله|سفير|وزير)(?:\s[^.]{0,100})?\.?$"
)
_EDITED_NOTE = re.compile(
    r"^(?:this|the following) (?:interview|conversation|transcript|q ?& ?a|exchange)"
    r"(?: has been| was| have been)? (?:lightly |slightly )?(?:edited|condensed)"
)
# A feed's note on syndicated copy ("(Except for the headline, this story has not been
# edited by NDTV staff and is published from a syndicated feed.)"), a newsletter form's
# messages left in the page ("Your subscription has been successful.", "... could not
# be saved. Please try again."), a print edition's
# link ("للاطلاع على العدد 492 من جريدة «الوسط» اضغط هنا (pdf)").
_FURNITURE_NOTE = re.compile(
    r"^\W*(?:except for the headline, )?this (?:story|article|report) has not been edited by\b"
    # (Not a paragraph quoting them: no quotation mark before.)
    r"|^(?:your subscription (?:has been|could not be|was)|thank you for subscribing"
    r"|thanks for (?:subscribing|signing up)|you(?:'ve| have) (?:been )?successfully subscribed)\b"
    r"|^\W*(?:للاطلاع|لتصفح|لقراءه|لتحميل) (?:علي )?(?:ال)?(?:عدد|نسخه)\b.{0,60}\b(?:اضغط|انقر) هنا"
    # A portal's tail ("Get Current Updates on Mumbai News along with Latest News and Top
    # Headlines ..."), a channel's invitation ("Join ST's WhatsApp Channel and get the latest
    # news and must-reads."), the writer's one-line bio ("The writer is an energy economist
    # and a research fellow at ...").
    r"|^\W*get (?:current|the latest|latest) (?:updates|news) on\b.{0,60}\balong with\b"
    r"|^\W*join (?:[\w'’.]+ ){0,3}(?:whatsapp|telegram) channel\b"
    # (Not a story's sentence about an author: "… according to the publisher".)
    r"|^\W*the (?:writer|author) is (?:an?|the|director|professor|editor|head|chair|founder"
    r"|senior|former)\b(?![^.]*\b(?:according to|said|says|told|believed|reported|expected)\b)"
    r"[^.]{3,150}\.?$"
)
# The caption of the story's picture printed under its text ("الصورة الرئيسية: صيادون في
# ميناء الخوخة (أرشيف)", "Main image: ..."): a label, a colon, a few words.
_PICTURE_NOTE = re.compile(
    r"^\W*(?:(?:ال)?صوره(?: (?:الرئيسيه|البارزه|الغلاف|المرفقه))?"
    r"|(?:main|top|featured|lead|header|cover) (?:image|photo|picture))\s*:"
)
# The story's publication stamp printed again under it: "(Published 10 February 2027,
# 21:35 IST)", "(نشر في 10 فبراير 2027)", "Last updated: 3 Dec 2026": a label, then a date
# of numbers and a few words, in brackets, after a colon or opening on its digits (not
# "Published in 2019, it found ...", "Updated: The minister resigned at 10:00.").
_PUBLISHED_STAMP = re.compile(
    r"^(?P<open>\()?\s*(?:(?:first |last )?(?:published|updated|posted)(?: on| at)?"
    r"|(?:تم )?(?:النشر|نشر|اخر تحديث|تاريخ النشر|تاريخ الخبر|تاريخ الاضافه)(?: في| بتاريخ)?)"
    r"\s*(?P<colon>:)?\s*"
    r"(?P<when>[^.()]{1,40}?)\s*\)?\.?$"
)
# Words of a stamp beside its numbers: a month, a zone, "am", "ago".
MAX_STAMP_WORDS = 3


def _published_stamp(key: str) -> bool:
    stamp = _PUBLISHED_STAMP.match(key)
    if stamp is None:
        return False
    when = stamp.group("when")
    return (
        any(c.isdigit() for c in when)
        and sum(word.isalpha() for word in when.split()) <= MAX_STAMP_WORDS
        and bool(stamp.group("open") or stamp.group("colon") or when[0].isdigit())
    )


# A node's links row under the story (Drupal's "طباعة", "نسخة للطباعة", "٢٤٣١ قراءة"): a page tool or a
# read counter alone on its line (as `_key` spells them: "طباعه").
_TOOL_OR_COUNT = re.compile(
    r"^(?:طباعه|ارسال|print|e-?mail|send to a friend|ارسل لصديق|نسخه (?:صالحه )?للطباعه"
    r"|[0-9٠-٩][0-9٠-٩,٬.]*\s*(?:قراءه|قراءات|مشاهده|مشاهدات|زياره|زيارات|views?|reads?"
    # (Tumblr's count of a post's reblogs and likes: "14 notes".)
    r"|notes?|comments?|responses?|تعليقا?|تعليقات)"
    # Drupal's statistics counter in Arabic: "قراءة 3127 مرة" ("read 3127 times").
    r"|(?:قراءه|مشاهده|زياره) [0-9٠-٩][0-9٠-٩,٬.]* مر(?:ه|ات))$"
)
# An editor's link to the next page of a post split in pages ("الصفحة التالية »").
_NEXT_PAGE = re.compile(
    r"^\W*(?:الصفحه التاليه|الصفحه القادمه|next page|continue on (?:the )?next page"
    r"|page suivante)\W*$"
    # A split post's pager: "الصفحات:", "« الصفحة السابقة | الصفحة التالية »", "Pages: 1 2 3".
    r"|^\W*(?:الصفحات|pages)\W*[\d\s]*$"
    r"|^\W*(?:الصفحه السابقه|previous page)\W*(?:\|\W*(?:الصفحه التاليه|next page)\W*)?$"
    # A pointer to the rest on the next page: "تابع باقي التفاصيل في الصفحة التالية: …",
    # "Continued on the next page: …".
    r"|^\W*(?:تابع|تابعوا|اقرا|للمزيد|continued|continue reading)\b[^:]{0,30}\b"
    r"(?:الصفحه التاليه|الصفحه القادمه|(?:the )?next page)\b"
)
# Pictographs and marks before a line's first word.
_LEADING_SYMBOLS = re.compile(r"^[^\w«\"“(]+")
# A quotation closing the story ("... بالقول: «تابعوا ... عبر تيليجرام»") is story text, and
# so is reported speech after a colon (no clause opens the invitation then).
_QUOTE_MARKS = re.compile(r"[«»“”\"]")


def _promo(key: str) -> bool:
    key = _LEADING_SYMBOLS.sub("", key)  # "✈️ تابعونا على تيليجرام", "📲 لمتابعة ..."
    found = _PROMO.search(key)
    # Quotation marks around the paper's own channel's name ('Grup Telegram "Kompas.com
    # News Update"') where the invitation opens the paragraph.
    return bool(found) and (found.start() == 0 or not _QUOTE_MARKS.search(key))


_US = r"(?:us|our (?:independent )?(?:journalism|reporting|newsroom|work))"
_PROMO = re.compile(
    r"\b(?:sign(?:ing)? up|subscrib\w*)\b.{0,60}\bour\b.{0,30}\bnewsletters?\b"
    r"|(?:^|[.,;!] )follow\b.{0,40}\bon (?:twitter|facebook|instagram|x|threads|telegram|whatsapp"
    r"|tiktok|youtube|linkedin|google news)\b"
    r"|^our (?:editorial )?standards\b"
    r"|^get (?:the )?latest\b.{0,60}\bby following\b.{0,40}\bon (?:whatsapp|telegram|google news"
    r"|twitter|facebook|instagram|x)\b"
    # "Get Latest Updates on Delhi News alongside India News and more. Stay informed ...";
    # a newsletter card's pitch ending "Sign up now."
    r"|^get (?:the )?latest (?:news|updates|headlines) on\b.{0,80}\bstay (?:informed|updated)\b"
    r"|^get (?:the )?(?:latest|best|top)\b.{0,80}\b(?:delivered|straight to your inbox)\b.{0,40}"
    r"\bsign up (?:now|today|here)\W*$"
    # A tabloid's call for tips under the story: "Do you have a story for the ... team?",
    # "Email us at tips@... or call ...".
    r"|^(?:do you have|have you got|got) a story\b"
    # A helpline's note under a story of suicide or abuse ("If you or someone you know needs
    # support, contact Lifeline on 13 11 14.") and a paper's appeal ("… is independent and
    # locally owned. Support our journalism.").
    r"|^if you or someone you know (?:needs?|is|are|has)\b"
    r"|\bsupport (?:our|local|independent) journalism\W*$"
    # A call for readers' questions: "هل لديك سؤال صحي؟ أرسله عبر …".
    r"|^هل لديك (?:سؤال|استفسار|خبر|قصه|معلومه|ملاحظه)\b[^؟?]{0,30}[؟?]"
    # "Do you have a news tip? Contact us at …", "Found a mistake in this article? Report it".
    r"|^(?:do you have|have you got) an? (?:news )?tip\b"
    r"|^(?:found|spotted|see|notice) (?:a|an) (?:mistake|error|typo)\b[^?]{0,40}\?"
    r"|^e-?mail us at\s+\S*@"
    r"|^for more (?:stories|news|articles) like this\b"
    # A press release's pointer to its issuer's site ("For more information, visit
    # www.acme.com", "لمزيد من المعلومات، يرجى زيارة www.ramaltech.ae").
    r"|^(?:for more information|لمزيد من المعلومات)\W{0,3}(?:please |يرجي |يمكنكم )?"
    r"(?:visit|زياره) (?:www|https?)\S*$"
    r"|^a version of this (?:article|story) appear(?:s|ed) in (?:the )?print\b"
    # A paper's classified line printed under its stories ("TEXT AD: Call …").
    r"|^text ad\s*:"
    # A paper's pointer to its other news ("Get the latest news updates, including Pune
    # news, weather updates ... on Times of India.") and a newsletter's pitch ("Don’t have
    # time to read about climate change as much as you’d like?", "Get a weekly roundup in
    # your inbox instead.").
    r"|^get (?:the )?latest (?:news )?updates?, including\b"
    # A translated story's link to its original ("للاطلاع إلى النص الأصلي (هنا)", Arabi21's).
    r"|^(?:للاطلاع|لقراءه|لمطالعه|اطلع|اقرا)(?: (?:علي|الي))? (?:النص|المقال|التقرير|الموضوع)"
    r" (?:الاصلي|باللغه \S+)\W*(?:\(?هنا\)?|من هنا|اضغط هنا)?\W*$"
    r"|^for feedback, complaints,? (?:or|and) (?:inquiries|enquiries)\b"
    r"|^don.?t have time to read about\b|^get a (?:weekly|daily) (?:roundup|digest|briefing)"
    r" in your inbox\b"
    # A station's pointer to its own coverage ("For the latest news, weather, sports, and
    # streaming video, head to Ozark 7 News.") and a public broadcaster's appeal ("… is
    # listener-supported. Make a gift today ...").
    r"|^for the latest (?:news|headlines|updates)\b.{0,80}\b(?:head to|visit|go to)\b"
    r"|\bis (?:listener|reader|viewer|member|community) supported\b.{0,40}\bmake a (?:gift|donation)\b"
    # A special page's pitch ("For more news about the national elections, visit our
    # special page."), a wire's call for tips and its terminal's ad ("Have a confidential
    # tip for our reporters? Get in touch", "Before it's here, it's on the ... Terminal",
    # "LEARN MORE"), a magazine's print note ("This article appears in the August 2027
    # print edition ..."), a community's invitation.
    r"|^for more (?:news|stories|updates|coverage) (?:about|on) [^.]{2,80}, (?:visit|see|go to)"
    r"|^have a (?:confidential )?(?:news )?tip\b|^before it'?s here, it'?s on the\b"
    r"|^learn more\W*$|^join (?:the )?[\w ]{2,40} community\W*$"
    r"|^this (?:article|story) appear(?:s|ed) in the [\w ]{0,30}\bprint edition\b"
    r"|^this (?:article|story) appear(?:s|ed) in print in the [\w ]{0,30}\bissue of\b"
    # A metro paper's stamp: "This story was originally published July 5, 2027 at 5:00 AM."
    r"|^this (?:story|article) was (?:originally|first) published (?:on )?[a-z]{3,9}\.? \d"
    r"|(?:^|[.,;!،] )(?:اشتركوا|اشترك|للاشتراك)\s.{0,40}(?:نشرتنا|نشراتنا)"
    r"|(?:^|[.,;!،] )(?:تابعوا|تابعونا)\s.{0,40}(?:علي|عبر) (?:تويتر|فيسبوك|فيس بوك"
    r"|انستغرام|انستجرام|تيليجرام|تلغرام|تليجرام|واتساب|يوتيوب|تيك توك|جوجل نيوز|غوغل نيوز|منصه اكس)"
    # "لمتابعة آخر الأخبار اشترك في قناتنا على تليجرام", "انضموا إلى قناتنا على واتساب",
    # "تابعونا على تطبيق نبض": the site's channel or its app, "our" channel (a story's
    # "اشترك في قناة على تليجرام" names none).
    r"|(?:^|[.,;!،] )(?:لمتابعه .{0,30})?(?:اشتركوا|اشترك|انضموا|انضم)\s.{0,12}(?:قناتنا|مجموعتنا)"
    r" (?:علي|عبر) (?:تيليجرام|تليجرام|تلغرام|واتساب|واتس اب|يوتيوب)"
    r"|(?:^|[.,;!،] )(?:تابعوا|تابعونا)\s.{0,20}(?:علي|عبر) تطبيق (?:نبض|جوجل نيوز)"
    # A closing appeal for money or membership: "Hat Ihnen dieser Artikel gefallen? Dann
    # unterstützen Sie uns bitte mit einer Spende", "Support our journalism: become a
    # member", "ادعم صحافتنا المستقلة".
    rf"|(?<!: )\bunterstützen sie uns\b.{{0,60}}\b(?:spende|mitglied|abo)"
    rf"|\bsupport {_US}\b.{{0,60}}\b(?:donat|member|subscri|contribut)"
    rf"|\b(?:donat\w*|become a member|subscrib\w*)\b.{{0,60}}\bsupport {_US}\b"
    # A fact-checker's tip line: "هل وصلك خبر تشك في صحته؟ أرسله لنا عبر واتساب".
    r"|(?:^|[.,;!؟?،] )(?:ارسله|ارسلها|ارسلوه|ارسلوها|ارسل|ارسلوا) (?:لنا|الينا)(?: علي| عبر)"
    r" (?:واتساب|واتس اب|تيليجرام|تليجرام|البريد)"
    r"|(?:^|[.,;!؟?،] )(?:ادعم|ادعموا|ساهم|ساهموا|تبرع|تبرعوا)\s.{0,40}"
    r"(?:صحافتنا|استقلالنا|عملنا|موقعنا|منصتنا)"
    # An agency's note on its subscribers' service: "... يعرض جزءا فقط من الأخبار المقدمة
    # للمشتركين ... لتتمكنوا من الاشتراك، يرجى التواصل معنا" (Anadolu), or "… يرجى التواصل
    # معنا للاشتراك" ("… لمعرفة خيارات الاشتراك").
    r"|للمشتركين.{0,160}(?:الاشتراك\W{0,3}\s.{0,20}(?:التواصل معنا|تواصلوا معنا|اتصلوا بنا)"
    r"|(?:التواصل معنا|تواصلوا معنا|اتصلوا بنا) .{0,30}[ال]لاشتراك)"
    r"|\bto subscribe\W{0,3}\s.{0,20}\bcontact us\b"
    # "To subscribe email subscriptions@… or click here", "Join Spinoff Members", "Get the
    # Post's morning newsletter in your inbox every day.", "Get the Outlook magazine at
    # your doorstep", a funder's note ("… coverage of environmental issues is supported in
    # part by grants from …").
    r"|^to subscribe\W{0,3}\s.{0,30}\bsubscriptions?@"
    r"|^join [\w’'. -]{2,40} (?:members|membership)\W*$"
    r"|^get (?:the|our) .{0,40}\bnewsletter\b.{0,40}\binbox\b"
    r"|^get (?:the|your) .{0,40}\bmagazine\b.{0,30}\b(?:doorstep|delivered)\b"
    r"|\b(?:coverage|reporting|journalism) of [^.]{2,60} is (?:supported|funded|made possible)"
    r" in part by\b"
    # An invitation to the comments ("Join thought-provoking conversations, follow other
    # Independent readers ..."), and a syndicator's note on an unedited feed story ("This
    # story has not been edited by ... staff and is auto-generated from a syndicated feed").
    r"|^join (?:the |thought provoking |our )?(?:conversations?|commenting forum|discussion)\b"
    r"|^leave a comment\b"
    r"|^comments? (?:are|is) closed\b|^have your say\b"
    r"|\bauto ?generated from a syndicated feed\b"
    r"|^\W*only the headline and picture of this report may have been reworked\b"
    # The site's app or daily digest in other languages: "Stay updated with the latest news
    # on ... Download the TOI app now.", Kompas's "Dapatkan update berita pilihan ... setiap
    # hari", "Mari bergabung di Grup Telegram", and a Ukrainian paper's call to keep to its
    # commenting rules ("просимо дотримуватися Правил коментування").
    r"|^stay (?:updated|tuned|informed)\b.{0,60}\b(?:news|updates)\b"
    r"|\bdownload (?:the|our) (?:\w+ ){0,3}app\b"
    # PR Newswire's link to the release's own page: "View original content to download
    # multimedia:https://www.prnewswire.com/news-releases/...".
    r"|^view original content(?: to download multimedia)?\W"
    # An old page's tools under the story: "Print this story | E-mail this story | ...".
    r"|^print this (?:story|article|page)\b|^send (?:this )?to a friend\W*$"
    r"|^(?:(?:طباعه|اطبع)\W{0,3})?(?:ارسل|ارسال) (?:لصديق|الي صديق)"
    r"|^dapatkan (?:update|informasi|berita)\b.{0,80}\bsetiap hari\b"
    r"|\bmari bergabung\b.{0,40}\b(?:grup|channel|saluran)\b"
    r"|дотримуватися правил коментування|соблюдать правила комментирования"
    # A nonprofit's and a paywall's closing pitch: "This story was made possible by readers
    # like you", "... may be republished for free under a Creative Commons license",
    # "Subscribe today for 99¢ ... unlimited access", a donate button ("Give now").
    r"|\bmade possible by (?:readers|donors|members|supporters|people) like you\b"
    r"|\b(?:is|are) made possible by our (?:members|readers|donors|supporters|subscribers)\b"
    # (The pitch's own line or after its question, not a story's "… will one day become a
    # member.")
    r"|(?:^|[?!]\s+)become a (?:member|subscriber|supporter)\W*$"
    r"|\bmay be republished\b.{0,60}\bcreative commons\b"
    r"|\bsubscribe (?:today|now)\b.{0,80}\b(?:unlimited|full) (?:digital )?access\b"
    r"|^(?:give|donate|subscribe) (?:now|today)\W*$|^donate\W*$"
    r"|\byour (?:donation|gift|support) (?:pays|helps|keeps|makes)\b"
    r"|^support (?:our |student |local |independent )?(?:journalism|newsroom)\W*$"
    # "Now we are on Telegram too", "Share this article in your social network".
    r"|^(?:now )?we are (?:now )?on (?:telegram|whatsapp|google news)\b"
    r"|^share this (?:article|story) (?:in|on|with) your social networks?\W*$"
    # A cookie notice an old layout prints inside its main block.
    r"|\buses? cookies\b.{0,80}\b(?:by continuing|you agree|you accept|you consent)\b"
    # "Sigue toda la información internacional en Facebook y X, o en nuestra newsletter".
    r"|^(?:sigue|siga|suivez|segui|folgen sie)\b.{0,60}\b(?:en|sur|no|auf|su) (?:facebook|x|twitter"
    r"|instagram|whatsapp|telegram)\b"
    r"|\b(?:nuestra|notre|nossa|unseren|la nostra) newsletter\b"
)


def _alternation(words: str) -> str:
    keys = sorted({_key(w) for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(map(re.escape, keys))


# Dots, tatweel and vowel marks dropped; hamza and final-letter variants unified; dashes
# as spaces: one pass over the text (every paragraph of a body is keyed, some twice).
_KEY_TABLE = str.maketrans(
    {
        **dict.fromkeys(["\u0640", "\u0670", ".", *map(chr, range(0x064B, 0x0660))]),
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ى": "ي",
        "ة": "ه",
        "-": " ",
    }
)


def clear_caches() -> None:
    """Forget cached keys (benchmarks measure passes that share nothing)."""
    _key.cache_clear()


# Cached: the box, trailer and source-line passes key the same short paragraphs in turn.
@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Text as the word lists compare it: lower case, hamza and final-letter variants
    unified, dots, tatweel and vowel marks gone, dashes as spaces."""
    return " ".join(clean_text(text).lower().translate(_KEY_TABLE).split())


def _word_set(words: str) -> frozenset[str]:
    return frozenset(_key(w) for w in words.split("|") if w.strip())


_KNOWN = _word_set(_KNOWN_NAMES)
# The Arab state agencies' names and the initials they sign with.
_AGENCY_INITIALS = {
    _key(name): _key(initials)
    for name, initials in (
        ("وكالة أنباء الإمارات", "وام"), ("وكالة الأنباء السعودية", "واس"),
        ("وكالة الأنباء الكويتية", "كونا"), ("وكالة الأنباء القطرية", "قنا"),
        ("وكالة الأنباء الأردنية", "بترا"), ("وكالة الأنباء العمانية", "العمانية"),
        ("وكالة أنباء البحرين", "بنا"), ("وكالة الأنباء العربية السورية", "سانا"),
        ("وكالة الأنباء والمعلومات الفلسطينية", "وفا"), ("وكالة السودان للأنباء", "سونا"),
        ("وكالة الأنباء الجزائرية", "وأج"), ("وكالة المغرب العربي للأنباء", "ومع"),
        ("وكالة تونس أفريقيا للأنباء", "وات"), ("وكالة أنباء الشرق الأوسط", "أ ش أ"),
        ("وكالة الأنباء العراقية", "واع"), ("وكالة الأنباء اليمنية", "سبأ"),
    )
}  # fmt: skip
_OUTLETS = _word_set(OUTLET_NOUNS)
_PROSE = _word_set(_PROSE_WORDS)
# Verbs that put a quote after a colon ("وأضاف: «...»"), unlike a dateline's place.
_SPEECH = _word_set(
    "قال | قالت | أضاف | أضافت | تابع | تابعت | تساءل | أشار | أشارت | صرح | صرحت | ختم | ختمت |"
    " رد | ردت | علق | علقت | أجاب | أجابت | سأل | كتب | كتبت | أكد | أكدت | أوضح | أوضحت |"
    " ذكر | ذكرت | اعتبر | اعتبرت | شدد | شددت | لفت | لفتت | استطرد | هتف | هتفوا | يقول | تقول"
)
_TAGS = _word_set(_TAG_WORDS)
_KNOWN_LONGEST = max(len(name.split()) for name in _KNOWN)

_NETWORK_LIST = rf"(?:{_alternation(_NETWORKS)})(?:{_PUNCT}(?:{_alternation(_NETWORKS)}))*"
_SHARE_HEADER = re.compile(rf"^{_SHARE}{_VIA}{_PUNCT}$")
_SHARE_ENTRY = re.compile(rf"^(?:{_SHARE}{_VIA}{_PUNCT})?{_NETWORK_LIST}{_PUNCT}$")
_READ_ALSO_HEADER = re.compile(
    # ... or a list of the site's most watched or read ("VÍDEOS: mais assistidos do g1 SP").
    rf"^{_READ_ALSO}{_PUNCT}$|^(?:v[ií]deos?\W+)?(?:os )?mais (?:assistidos|lidos|lidas|vistos)\b"
    r"|^most (?:watched|viewed|read)(?: videos| stories)?\W*$"
    # A side list's heading left when its rows went ("آخر الأخبار", "الأكثر قراءة").
    r"|^(?:اخر|احدث) (?:الاخبار|الاخبار المحليه|المستجدات)\W*$|^الاكثر (?:قراءه|مشاهده|تداولا)\W*$"
    r"|^latest (?:news|stories|headlines)\W*$"
    # A tabloid's box of a topic's stories: "READ MORE ON WINNERS", "MORE ON: Ukraine".
    r"|^(?:read )?more on\W{0,2} [^.!?]{2,40}$|^more from (?:this|the|our) [^.!?]{2,30}$"
)
# A section's box of more ("المزيد من اقتصاد", "المزيد من المناطق"), only before list
# entries alone (a story's subheading may open the same way).
_MORE_FROM_SECTION = re.compile(r"^المزيد من(?: \S+){1,3}\W*$")
# A box's heading left closing the story without its entries (no subheading: nothing
# follows it): "المزيد من الإنفوغراف", "من نفس القسم", "تغطيات مباشرة سابقة".
_DANGLING_BOX_HEADER = re.compile(
    rf"{_MORE_FROM_SECTION.pattern}|^من نفس (?:القسم|التصنيف)\W*$"
    r"|^(?:تغطيات|اخبار|مقالات)(?: مباشره)? (?:سابقه|ذات صله|مشابهه)\W*$"
    # A child theme's short-link box, its address in a field the text leaves out.
    r"|^(?:ال)?رابط (?:ال)?مختصر\W*$|^short ?(?:link|url)\W*$"
)
# Boxes under the story whose header takes the lines after it along: a release wire's
# pitch to companies ("WANT YOUR COMPANY'S NEWS FEATURED ON PRNEWSWIRE.COM?", then its
# figures and "GET STARTED"), a paywall's "Keep reading with a subscription" and its pitch,
# a nonprofit's "Republish this story" and its licence, a print view's "Links in this
# article:" and the addresses.
# The header of the notes under a story: a science story's citation ("Journal reference:",
# then the paper), a fact-check's list of what it consulted ("Our Sources"), a health
# site's review notes ("How we reviewed this article:", its sources, its editors).
_NOTES_HEADER = re.compile(
    r"^(?:journal )?references?\W*$|^(?:foot|end)notes\W*$|^ال(?:مراجع|هوامش|مصادر)\W*$"
    r"|^our sources\W*$|^how we (?:reviewed|fact[- ]?checked|sourced) this (?:article|story)\W*$"
)
# ... and a bare "Notes" left last when its notes went (a sports recap's "Notes" heads
# story text).
_DANGLING_NOTES = re.compile(r"^notes\W*$")
_CLOSING_BOX_HEADER = re.compile(
    r"^want your company\W?s news featured on\b"
    r"|^keep reading with a subscription\b|^republish this (?:story|article)\W*$"
    r"|^links in this (?:article|story)\W*$"
    # A broadcaster's feedback box under the story: "Send us your feedback", a form.
    r"|^(?:send us )?your feedback\W*$"
    # A nonprofit's republishing box: "USE OUR CONTENT", then its terms.
    r"|^(?:use|republish|reuse) our (?:content|stories|journalism)\W*$"
    # A regional group's pitch under every story, its ways to read on listed after it ("Our
    # journalists work hard to provide local, up-to-date news to the community. This is how
    # you can continue to access our trusted content:", ACM).
    r"|^our journalists work hard to provide\b.{0,160}\bhow you can continue\b"
)
# The header of the story's topics under it ("Archivado en", "Filed under", "الوسوم").
_TOPICS_WORDS = (
    r"(?:archivado en|filed under|tags|(?:related )?topics|themen|schlagworte|mots[ -]cl[eé]s|etiquetas"
    r"|الوسوم|(?:ال)?كلمات (?:ال)?(?:مفتاحيه|دلاليه|داله))"
)
_TOPICS_HEADER = re.compile(rf"^{_TOPICS_WORDS}{_PUNCT}$")
# The topics on the header's line ("الكلمات الدالة: الموارد المائية ، سد الموصل"): short
# names between separators, no sentence.
_TOPICS_LINE = re.compile(
    rf"^{_TOPICS_WORDS}\s*[:：]\s*[^.:؟?!]{{2,40}}(?:\s*[،,|/]\s*[^.:؟?!،,|/]{{2,40}})*$"
)
_READ_ALSO_ENTRY = re.compile(rf"^{_READ_ALSO}\s*[:：|\-–—]")
# (or a newsletter's name over its pitch: "The Property Newsletter")
_NEWSLETTER_HEADER = re.compile(rf"^{_NEWSLETTER}\b|^the (?:[\w'’-]+ ){{1,3}}newsletter\W*$")
# A press office's contact block after a release or a university's story: "Media Contact",
# then a name, an office, a phone number and an address.
_CONTACT_HEADER = re.compile(
    r"^(?:(?:media|press|news) (?:contacts?|inquiries|enquiries)|for (?:media|press)"
    r" (?:inquiries|enquiries))\b|^(?:للتواصل|للاستفسارات?) (?:الاعلامي|الاعلاميه|الصحفي|الصحفيه)"
    r"|^(?:جهات|جهه|بيانات|معلومات) (?:ال)?(?:اتصال|تواصل) (?:الاعلامي|الاعلاميه|الصحفي|الصحفيه)\W*$"
    # A call for readers' tips: "Got a news tip?", "Know of an event we should include?
    # Email events@…", "Have a story idea? Contact …".
    r"|^(?:got|have) an? (?:news )?(?:tip|story idea|story)\b[^.]{0,40}\?"
    r"|^know of an? [^?]{2,60}\? (?:email|contact|send|tell)\b"
)
# The readers' comments shown under the story ("Top Comment", "التعليقات"): the header of
# a block whose entries (a comment, its writer's name) are no story text.
_COMMENTS_HEADER = re.compile(
    rf"^(?:(?:top|latest|readers?|most popular) )?comments?(?: \(\d+\))?{_PUNCT}$"
    rf"|^(?:ال)?تعليقات(?: القراء| (?:ال)?فيسبوك| (?:ال)?فيس بوك)?{_PUNCT}$"
    rf"|^facebook comments{_PUNCT}$|^(?:commentaires|kommentare|comentarios){_PUNCT}$"
    # A reactions box, its moods after it ("What do you think about this news?", "Happy",
    # "Sad", …; "ما رأيك في هذا الخبر؟").
    r"|^(?:what do you think (?:about|of) this (?:news|story|article)|how do you feel about"
    r" this (?:news|story|article)|ما رايك في هذا (?:الخبر|المقال|الموضوع))\W*$"
    # SPIP's forum under the story: its heading ("رسائل", "Messages") and its moderation
    # note ("هذا المنتدى خاضع للإشراف المسبق", "Ce forum est modéré à priori").
    rf"|^رسائل(?: القراء)?{_PUNCT}$"
    r"|^(?:هذا )?المنتدي خاضع للاشراف|^ce forum est mod[eé]r[eé]|^this forum is moderated"
)
_FOLLOW_ENTRY = re.compile(rf"^{_FOLLOW}\b")
# A translation plugin's line under the story (WPML's "This post is also available in:
# English", a "Read this in English" link): the story in another language, no text of it.
_TRANSLATIONS_ENTRY = re.compile(
    r"^(?:this (?:post|page|article) is also available in|also available in|read (?:this|it)"
    r" in (?:english|french|arabic)|(?:هذا|هذه) (?:المقال|المنشور|المشاركه|الخبر|الصفحه)"
    r" (?:متوفر|متوفره|متاح|متاحه) ايضا)\b"
)
# A "read also" entry in mid-body: the label, a separator, then the linked headline.
_READ_ALSO_LINKED = re.compile(rf"^{_READ_ALSO}\s*[:：|\-–—]?\s*(?P<headline>.+)$")
# Labels ad slots print inside the body, as `_key` spells them.
_AD_LABELS = _word_set(
    "إعلان | اعلان | إعلانات | مساحة إعلانية | advertisement | advertisements | advert | ad | "
    "sponsored | إعلان ممول | advertisement scroll to continue | scroll to continue with content | "
    "skip advertisement | loading | جاري التحميل | جار التحميل"
)

# Titles of a table of contents a plugin prints in the body (Easy Table of Contents, LuckyWP):
# the title alone is a box line; its entries are in-page links extractors drop.
_TOC_TITLES = _word_set(
    "جدول المحتويات | فهرس المحتويات | محتويات المقال | فهرس المقال | table of contents | "
    "inhaltsverzeichnis | sommaire | tabla de contenidos | içindekiler"
)


# How often one paragraph must recur in a body to be a placeholder, not story text (a
# story may quote one line twice, as a pull quote and in the text).
PLACEHOLDER_REPEATS = 3


# Why a record has no source: where `split_source_line` looked.
NO_SOURCE = "no source or credit line at the end of the body, nor a credit at its start"


@dataclass(frozen=True)
class SourceLine:
    raw: str
    names: tuple[str, ...]
    # or "trailing-credit", "closing-attribution", "dateline", "source-box", "byline",
    # "header", "json-ld-author", "json-ld-source"
    form: str = "source-line"


# The labels of a Source box, as `_key` spells them once stripped of colons: the source-line
# labels, and those the themes' translations print on European sites. Not "عن", "via" or
# "courtesy of": a box so labelled credits where the story was found.
_BOX_LABELS = _word_set(
    "المصدر | المصادر | مصدر | مصدر الخبر | المصدر الأصلي | المصادر الأصلية | نقلا عن | "
    "source | sources | original source | fonte | fontes | quelle | quellen | fuente | "
    "fuentes | kaynak | źródło | bron | källa | kilde | lähde"
)
# A box label is a word or three; longer text holding one is a sentence.
MAX_BOX_LABEL_CHARS = 24
# Stems of those labels (lower case), to pass over most texts of a page before keying them.
_BOX_LABEL_STEMS = re.compile(
    r"مصدر|مصادر|نقلا|source|fonte|quelle|fuente|kaynak|źródło|bron|källa|kilde|lähde",
    re.IGNORECASE,
)


def is_box_label(text: str) -> bool:
    """Whether `text` is only a Source box's label ("المصدر", "Source:", "SOURCE")."""
    return (
        len(text) <= MAX_BOX_LABEL_CHARS
        and _BOX_LABEL_STEMS.search(text) is not None
        and _key(text).strip(" :：|-") in _BOX_LABELS
    )


# Text between a box's linked names that joins them ("،", "و", "+"), no label of its own.
MAX_JOINER_CHARS = 2


def source_box(
    pieces: Sequence[tuple[str, bool]], *, unlabelled: bool = False
) -> SourceLine | None:
    """The source a labelled box names, from its text pieces in reading order, each with
    whether it is the text of a link: the label ("المصدر", "SOURCE"), then the names, as
    links (each link a name) or as the short text after the label ("المصدر: الأناضول" in
    one piece too). None unless the label is a source label and every name is name-like.
    With `unlabelled`, a box of links alone is read too (one whose class names it a Source
    box, which prints its label only when the site set one: tagDiv's `tdb_single_source`).
    `raw` is the box's text as printed, pieces joined by a space."""
    texts = [(clean_text(text), linked) for text, linked in pieces]
    texts = [(text, linked) for text, linked in texts if text.strip(" :：|-")]
    if not texts:
        return None
    raw = " ".join(text for text, _ in texts)
    if len(raw) > MAX_LINE_CHARS:
        return None
    label, label_linked = texts[0]
    if unlabelled and all(linked for _, linked in texts):
        named = [text for text, _ in texts]  # a Source box of links alone
    elif not label_linked and is_box_label(label):
        rest = texts[1:]
        linked_names = []
        for text, linked in rest:
            if linked:
                linked_names.append(text)
            elif linked_names and len(text) > MAX_JOINER_CHARS:
                break  # the next box's label: "المصدر وفا الوسوم نابلس …" (tagDiv's footer)
        named = linked_names or [" ".join(t for t, _ in rest)]
    else:
        # "المصدر: الأناضول" printed as one piece is a source line.
        found = None if label_linked else _labelled(raw)
        return SourceLine(raw=raw, names=found.names, form="source-box") if found else None
    names = _without_places(tuple(name for text in named for name in _split_names(text)))
    if not names or not all(_name_like(name) for name in names):
        return None
    return SourceLine(raw=raw, names=names, form="source-box")


def _without_places(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names without the bureau's city beside them ("سكاي نيوز عربية - أبوظبي", "أبوظبي
    - وام"): a place names no source, unless every name is one."""
    if len(names) > 1 and not all(map(is_place, names)):
        return tuple(n for n in names if not is_place(n))
    return names


def drop_box_text(paragraphs: list[str], box: SourceLine, pieces: Collection[str]) -> list[str]:
    """The body without the paragraphs that are a Source box's text (an extractor that
    kept the box gives its label, its names or the whole of it as paragraphs), looked
    for among the last paragraphs only."""
    keys = {_key(box.raw), *map(_key, pieces), *map(_key, box.names)}
    keys.discard("")
    body = list(paragraphs)
    for index in range(len(body) - 1, max(0, len(body) - TAIL_PARAGRAPHS - 3) - 1, -1):
        if _key(body[index]) in keys:
            del body[index]
    return body


def split_source_line(
    paragraphs: list[str], link_texts: Callable[[], Collection[str]] = frozenset
) -> tuple[list[str], SourceLine | None]:
    """The body without its trailing blocks, the boxes inside it (`drop_boxes`, given the
    texts of the links around it) and attribution, and the attribution found (see the
    module's docstring for the forms and the order they are looked for in)."""
    start = _trailer_start(paragraphs, link_texts)
    body = drop_boxes(paragraphs[:start], link_texts)
    # (Petra's "-- (بترا) م ع / ر ح" goes with the trailing blocks: its agency is the
    # credit where nothing else names one.)
    signed = next(filter(None, map(_sign_off_credit, paragraphs[start:])), None)
    for index in range(len(body) - 1, max(0, len(body) - TAIL_PARAGRAPHS) - 1, -1):
        found = parse_source_line(body[index])
        if not found and index < len(body) - 1 and is_box_label(body[index]):
            # A Source box read as paragraphs: its label alone, then its names closing the
            # body, one a paragraph ("المصدر" / "الأناضول").
            found = source_box(
                [(body[index], False), *((name, True) for name in body[index + 1 :])]
            )
            if found:
                del body[index + 1 :]
        if found:
            del body[index]
            # A "read also" box may sit between the story and its source line.
            return body[: _trailer_start(body)], found
        if len(body[index]) > TRAILER_ENTRY_CHARS:
            break  # story text: a source line before it is no closing credit
    if body and (bare := bare_credit(body[-1])) and not (len(body) > 1 and is_box_label(body[-2])):
        return body[:-1], bare
    if body and (credited := _trailing_credit(body[-1])):
        rest, found = credited
        body[-1:] = [rest] if rest else []
        return body, found
    if body and (attributed := closing_attribution(body[-1])):
        if _key(attributed.raw).strip(" .") == _key(clean_text(body[-1])).strip(" ."):
            # The credit alone on its line ("بحسب ما أوردته وكالة الأنباء الكويتية (كونا)."):
            # no sentence of the story's.
            return body[:-1], attributed
        return body, attributed  # the sentence is the story's: it stays
    if body:
        opening = clean_text(body[0])
        labelled = _labelled(opening) if len(opening) <= MAX_LINE_CHARS else None
        # "المصدر: الجزيرة + وكالات" printed above the story: the site's own name may come
        # first, so one known agency among the names makes it a credit.
        if labelled and any(is_known_outlet(name) for name in labelled.names):
            return body[1:], labelled
    # The dateline opens the story's first paragraph, or is a line of its own above it; a
    # short one before it is a dek, a caption or the headline again. (A summary's bullets
    # above the story count as none: "Summary", "- ECB keeps rates ...", then the dateline.)
    read = 0
    for index, paragraph in enumerate(body):
        if read == DATELINE_PARAGRAPHS:
            break
        if found := dateline_credit(paragraph) or opening_attribution(paragraph):
            if found.raw == clean_text(paragraph):  # a line of its own: no story text
                del body[index]
            return body, found
        if not paragraph.strip() or paragraph.startswith(_BULLETS):
            continue
        if len(paragraph) > TRAILER_ENTRY_CHARS:
            attributed = closing_attribution(paragraph) if len(body) > 1 else None
            if attributed and all(map(_news_agency, attributed.names)):
                return body, attributed  # the lead closing on the agency it rewrites
            break
        read += 1
    if len(body) > 1 and (credited := _lead_credit(body[0])):
        body[0], found = credited
        return body, found
    return body, signed


def _lead_credit(paragraph: str) -> tuple[str, SourceLine] | None:
    """A known agency in brackets closing the story's first paragraph, after its sentence
    ("... وممثلي الأولياء. (وات)", as Tunisian papers credit TAP's lead): the paragraph
    without it, and the credit. (A sentence's: a caption's "(أ ف ب)" closes no full stop,
    and a line too short for one is no lead.)"""
    if len(paragraph) < MIN_CREDITED_LEAD_CHARS:
        return None
    return _trailing_credit(paragraph, ((_AFTER_SENTENCE, True),))


MIN_CREDITED_LEAD_CHARS = 40


_BULLETS = ("- ", "• ", "* ", "– ")


def drop_boxes(paragraphs: list[str], link_texts: Callable[[], Collection[str]]) -> list[str]:
    """The body without the boxes printed inside it: share rows ("شارك الخبر", network
    names), newsletter prompts, ad labels ("إعلان"), the title of a table of contents
    ("جدول المحتويات"), and "read also" boxes: a label
    alone with the linked headlines after it, or a label and a linked headline in one
    paragraph ("اقرأ أيضا: ..."). `link_texts` gives the texts of the links the
    paragraphs were read from; it is called only when a "read also" label is found.

    A paragraph printed three times or more is the placeholder of blocked embeds or ads
    ("external content not available"), not story text.

    Precision first: a box is a short paragraph that is nothing but the box, and a "read
    also" headline goes only if it is the text of a link, so a sentence that mentions
    reading or sharing stays."""
    kept: list[str] = []
    links: frozenset[str] | None = None
    after_label = False  # the paragraphs after a lone "read also" label may be its links
    times = Counter(paragraphs)
    for index, text in enumerate(paragraphs):
        if times[text] >= PLACEHOLDER_REPEATS:
            continue  # "Externer Inhalt nicht verfügbar" under every blocked embed
        if len(text) > TRAILER_ENTRY_CHARS:
            if len(text) > MAX_NOTICE_CHARS or not _BOX_NOTE.match(_key(text)):
                kept.append(text)  # (a caption behind its gallery button runs long)
            after_label = False
            continue
        key = _key(text)
        if _READ_ALSO_HEADER.match(key):
            after = next((p for p in paragraphs[index + 1 :] if not _box_line(p)), "")
            if links is None:
                links = frozenset(filter(None, map(_key, link_texts())))
            if after and (_key(after) in links or _story_text(after)):
                after_label = True
                continue
            # Headlines without their links: the label stays, and with it what it holds
            # for the trailing blocks, which end the body there.
        if after_label or _READ_ALSO_LINKED.match(key):
            if links is None:
                links = frozenset(filter(None, map(_key, link_texts())))
            if key in links:
                continue  # a linked headline under the label
            linked = _READ_ALSO_LINKED.match(key)
            if linked and linked.group("headline").strip(" :：|-–—") in links:
                continue
            after_label = False
        if not _box_line(text):
            kept.append(text)
    return _without_opening_formula(kept)


# The basmala opening a notice or a statement, and a verse after it closed by "صدق الله
# العظيم" (an obituary's): no words of the story.
_BASMALA = re.compile(r"\W*بسم الله الرحمن الرحيم\W*")
_VERSE_CLOSE = re.compile(r"\W*صدق الله العظيم\W*")
VERSE_LINES = 3
# A series' note opening each of its stories ("Editor's note: This story is part of “Thin
# Ice,” a … series on …. Read the rest of the series here."), not a note on the story.
_SERIES_NOTE = re.compile(
    r"^(?:editor\W?s note\W*)?this (?:story|article|report|piece) is (?:part|the \w+ (?:part|"
    r"installment|instalment|story)) of\b.{0,200}\bseries\b"
)


def _without_opening_formula(paragraphs: list[str]) -> list[str]:
    if paragraphs and _SERIES_NOTE.match(_key(paragraphs[0])) and len(paragraphs[0]) <= 400:
        return paragraphs[1:]  # a series' standing note, the same over each of its stories
    if not paragraphs or not _BASMALA.fullmatch(_key(paragraphs[0])):
        return paragraphs
    rest = paragraphs[1:]
    for index, text in enumerate(rest[:VERSE_LINES]):
        if _VERSE_CLOSE.fullmatch(_key(text)):
            if all(len(p) <= TRAILER_ENTRY_CHARS for p in rest[:index]):
                return rest[index + 1 :]
            break
    return rest


def _box_line(text: str) -> bool:
    """A share row, a newsletter prompt, an ad label or a table of contents' title: a box
    whatever is around it."""
    if len(text) > TRAILER_ENTRY_CHARS:
        return False
    key = _key(text).rstrip(" .…")  # "Loading…", "إعلان..."
    return bool(
        key in _AD_LABELS
        or key in _TOC_TITLES
        or _SHARE_HEADER.match(key)
        or _SHARE_ENTRY.match(key)
        or (len(text) <= PROMPT_CHARS and _NEWSLETTER_HEADER.match(key))
        or _BOX_NOTE.match(key)
        or _NUMBER_ONLY.fullmatch(text.strip())
        or _PLAYER_CLOCK.fullmatch(text.strip())
    )


# A video player's clock, its position and the clip's length ("00:0002:48", "0:00 / 3:15"):
# no story text.
_PLAYER_CLOCK = re.compile(r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*/?\s*){2,3}")
# A counter beside the byline (views, shares: "- 1,904"), or a contact's phone number
# ("+971 4 555 2190"): a number alone, no story text.
_NUMBER_ONLY = re.compile(r"[-–•·\s]*\+?[\d٠-٩][\d٠-٩,٬\s()-]*")


# A paywall's gift prompt ("Gift this article to anyone by sharing a link. No subscription
# required."), a photo's gallery button, a summary box's title ("Story Highlights": its
# points stay, as the lead), a "Save this story" button, an editor's note on the story's
# updates ("Editor's note: This story has been updated ...").
_EMBEDS = r"(?:x|twitter|instagram|facebook|youtube|google youtube|tiktok|spotify|bluesky)"
_BOX_NOTE = re.compile(
    r"^gift this (?:article|story)\b|^(?:story|key) (?:highlights|points|takeaways)\W*$"
    r"|^save (?:this )?(?:story|article)\W*$"
    # A photo's gallery button read with its caption ("Open this photo in gallery: ...").
    r"|^(?:open|view) this (?:photo|image|picture) in (?:the )?gallery\b"
    r"|^editor[’']?s note\s*:\s*this (?:story|article|report) (?:has been|was) updated\b"
    r"|^(?:ملاحظه|مذكره) (?:المحرر|التحرير)\s*:\s*(?:تم تحديث|جري تحديث|حدث) هذا"
    # A summary box's one-word title ("Summary", Reuters'; "Highlights"; its points stay,
    # as the lead), and the wire's licensing link under the story.
    r"|^(?:summary|highlights)\W*$|^purchase licensing rights\b|^our standards\s*:.{0,60}principles\b"
    # A social embed's consent box as the BBC prints it: "Allow X content?", "This article
    # contains content provided by X. We ask for your permission ...", "The BBC is not
    # responsible for the content of external sites.", "Skip/End of twitter post by …".
    rf"|^allow {_EMBEDS} content\W*$|^accept and continue\W*$"
    r"|^this article contains content provided by\b.{0,40}\bwe ask for your permission\b"
    r"|^the bbc is not responsible for the content of external sites\W*$"
    rf"|^(?:skip|end of) {_EMBEDS} (?:post|video|content)\b"
    # A byline list's update label left alone on its line ("- آخر تحديث", the BBC's), and
    # an audio player's tool buttons ("- Queue", "- Transcript", NPR's).
    r"|^(?:- )?(?:اخر تحديث|last updated|queue|transcript)\W*$"
)


def _story_text(paragraph: str) -> bool:
    """Long, or ending as a sentence does: no headline of a "read also" box."""
    return len(paragraph) > TRAILER_ENTRY_CHARS or paragraph.rstrip()[-1:] in ".!?؟…۔"


def parse_source_line(text: str) -> SourceLine | None:
    """A paragraph that is a source line ("المصدر: الأناضول") or only a credit ("(أ ف ب)",
    form `trailing-credit`), or None."""
    line = clean_text(text)
    if not line:
        return None
    if len(line) > MAX_LINE_CHARS:
        # A republished story's note may describe its publisher and its licence at length.
        long_note = len(line) <= MAX_REPUBLISHED_CHARS and (
            _REPUBLISHED.match(line) or _PRODUCED_BY.match(line)
        )
        return _labelled(line) if long_note else None
    return (
        _labelled(line) or _credit_only(line) or _sign_off_credit(line) or _desk_then_credit(line)
    )


# Short pieces before a credit, between spaced dashes: the site's name and its desk's word
# ("المسلة – متابعة – نقلاً عن صحيفة الصباح").
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
MAX_DESK_PIECE_WORDS = 3


def _desk_then_credit(line: str) -> SourceLine | None:
    *pieces, last = _SPACED_DASH.split(line)
    if not pieces or any(len(piece.split()) > MAX_DESK_PIECE_WORDS for piece in pieces):
        return None
    credit = _labelled(last)
    return SourceLine(raw=line, names=credit.names) if credit is not None else None


# The editors' initials signing a broadcaster's story, then the agencies it drew on in
# brackets ("ع.ج/ ح.ز (د ب أ، رويترز)", as DW's Arabic service closes its stories).
_DOTTED_INITIALS = r"[ء-ي]{1,2}\.\s?[ء-ي]{1,2}\.?"
_INITIALS_AND_AGENCIES = re.compile(
    rf"{_DOTTED_INITIALS}(?:\s*/\s*{_DOTTED_INITIALS})*\s*\((?P<names>[^()]{{2,60}})\)\s*\.?"
)


def _sign_off_credit(line: str) -> SourceLine | None:
    """The agencies a sign-off names beside the editors' initials, after them ("ع.ج/ ح.ز
    (د ب أ، رويترز)") or before them (Petra's "-- (بترا) م ع / ر ح"), or None."""
    line = clean_text(line)
    if found := _INITIALS_AND_AGENCIES.fullmatch(line):
        names = _split_names(found["names"])
    elif found := _AGENCY_SIGN_OFF.fullmatch(line):
        names = _split_names(found["agencies"] or "")
    else:
        return None
    if names and all(is_known_outlet(n) for n in names):
        return SourceLine(raw=line, names=names, form="trailing-credit")
    return None


def dateline_credit(paragraph: str) -> SourceLine | None:
    """The credit in a paragraph's opening dateline, or None; its `raw` is the whole
    paragraph when the dateline is all it holds."""
    text = clean_text(paragraph)
    if credited := _reporter_credit(text):
        return SourceLine(raw=text, names=(credited["agency"].strip(),), form="dateline")
    if (first := _AGENCY_THEN_PLACE.match(text)) and is_place(first["place"]):
        # Lebanon's National News Agency names itself before the place: "وطنية - زحلة -".
        return SourceLine(
            raw=first.group(0).strip(" -–—"), names=(first["agency"],), form="dateline"
        )
    # Two agencies each in guillemets ("واشنطن - «رويترز»، «أ ف ب» -"): one credit of both.
    match = _DATELINE_CREDIT.match(_joined_quotes(text))
    if match and _name_like(match.group("place")):
        names = _split_names(match.group("names"))
        if match.group("run") is not None:
            # The story run on after the brackets, no dash ("أبوظبي (الاتحاد، وام) أطلقت"):
            # a place of a word or two, then a known agency, the paper's own name beside it.
            place = match.group("place")
            credible = (
                match.group("open") == "("
                and len(place.split()) <= 2
                and any(is_known_outlet(n) for n in names)
                and all(is_known_outlet(n) or _one_paper_name(n) for n in names)
            )
        elif match.group("open") == "(":
            # Only a known agency ("الرياض (واس) --"): "الرئيس التركي (رجب طيب أردوغان) -"
            # opens a sentence.
            credible = all(is_known_outlet(n) for n in names)
        elif match.group("pre") and match.group("pre").strip() == ":":
            # "دبي: «الخليج»", "لندن: «الشرق الأوسط»": a one- or two-word place, then a
            # paper's name of up to three words, with its article, or of one or two in
            # guillemets ("جدة: «عكاظ»"); "قال: «سنواصل»", "وأضاف: «سنواصل العمل»" are quotes.
            place = match.group("place")
            credible = (
                len(place.split()) <= 2
                and not _speech(place)
                and all(
                    is_known_outlet(n)
                    or (n.startswith("ال") and len(n.split()) <= 3)
                    or (match.group("open") == "«" and len(n.split()) <= 2)
                    for n in names
                )
            )
        else:
            credible = bool(match.group("pre"))  # "بيروت ـ «القدس العربي»:", dash first
        if names and credible and all(_name_like(n, digits=False) for n in names):
            return SourceLine(
                raw=_printed_prefix(text, match.group("dateline")).strip(),
                names=names,
                form="dateline",
            )
    match = _BRACKETED_AGENCY.match(text)
    if match and (names := _split_names(match.group("names"))) and all(map(is_known_agency, names)):
        return SourceLine(
            raw=_printed_prefix(text, match.group("dateline")).strip(),
            names=names,
            form="dateline",
        )
    match = _DATELINE_SLASHED.match(text)
    if match and _name_like(match.group("place")):
        names = _split_names(match.group("names"))
        if names and all(is_known_outlet(n) for n in names):
            return SourceLine(raw=match.group("dateline"), names=names, form="dateline")
    match = _DATELINE_DATED.fullmatch(text)
    if match and _key(match.group("name")) in _KNOWN:
        return SourceLine(raw=text, names=(match.group("name"),), form="dateline")
    if found := _dated_dateline_opening(text):
        return found
    match = _DATELINE_BARE.match(text)
    if match and _name_like(match.group("place")):
        after = match.group("after")
        words = after.split(" ")
        for count in range(min(_KNOWN_LONGEST, len(words)), 0, -1):
            name = " ".join(words[:count]).rstrip(":-–—ـ/ ")
            if _key(name) in _KNOWN:
                end = match.start("after") + len(name)
                dashes = _DASHES_AFTER.match(text, end)
                sep = match.group("sep")
                # "القاهرة - أ ش أ" must end there or take a dash, and so must the agency
                # after a day; joined to the place by a slash or an unspaced dash
                # ("أنقرة/ الأناضول", "دمشق-سانا") it may run into the story.
                joined = "/" in sep or (not match.group("day") and sep == sep.strip())
                if dashes is None and end < len(text) and not joined:
                    return None
                raw = text[: dashes.end() if dashes else end]
                return SourceLine(raw=raw, names=(name,), form="dateline")
    return None


# Where the day of a dated dateline ends: a year with its era's letter ("2026 م"); without
# it ("... 2026 واس قالت إن") the agency may be the sentence's subject.
_YEAR_END = re.compile(r"\d{4}\s*(?:م|هـ)\s+")
_PLACE_THEN_DAY = re.compile(rf"{_PLACE_WORD}(?:\s{_PLACE_WORD})?\s+\d{{1,2}}\s")
# How far into the paragraph the dated dateline's agency may come.
DATED_DATELINE_CHARS = 90


def _one_paper_name(name: str) -> bool:
    """A paper's name of a word with its article ("الاتحاد", "الخليج")."""
    return name.startswith("ال") and " " not in name


def _dated_dateline_opening(text: str) -> SourceLine | None:
    """The dated dateline opening a paragraph, the story run on after it: the place, the
    day (the Hijri one and the Gregorian), then a known agency ("الرياض 24 جمادى الآخرة
    1448 هـ الموافق 04 ديسمبر 2026 م واس أعلنت ..."). The paragraph stays."""
    if not _PLACE_THEN_DAY.match(text):
        return None
    for year in _YEAR_END.finditer(text, 0, DATED_DATELINE_CHARS):
        words = text[year.end() :].split(" ", _KNOWN_LONGEST)
        for count in range(min(_KNOWN_LONGEST, len(words)), 0, -1):
            name = " ".join(words[:count]).rstrip(":-–—ـ ")
            if _key(name) in _KNOWN and _name_like(name):
                return SourceLine(
                    raw=text[: year.end() + len(name)], names=(name,), form="dateline"
                )
    return None


def _labelled(line: str) -> SourceLine | None:
    prepared = _PREPARED_FROM.match(line)
    if prepared:
        name = (prepared.group("quoted") or prepared.group("plain")).strip()
        return SourceLine(raw=line, names=(name,)) if _name_like(name) else None
    translated = _TRANSLATED.match(line)
    if translated:
        names = _split_names(line[translated.end() :].strip(" .*"))
        if len(names) != 1 or not _name_like(names[0]):
            return None
        name = names[0]
        if _publisher_like(name) or (not name.isascii() and name_key(name) not in _LANGUAGES):
            return SourceLine(raw=line, names=names)
        return None
    syndicated = _SYNDICATED.match(_KASHIDA.sub("", line))
    # Bare, only an outlet ("بالاتفاق مع صحيفة «الأخبار»"), not "بالاتفاق مع الحكومة".
    if syndicated and (
        syndicated["published"] or syndicated["noun"] or syndicated["names"].startswith("«")
    ):
        # "نُشر هذا التقرير بالاتفاق مع موقع «درج»": the partner's copy, by agreement.
        name = syndicated["names"].strip(' «»"“”.')
        return SourceLine(raw=line, names=(name,)) if _name_like(name) else None
    # "Reuters contributed to this report." credits an agency's copy (a person who
    # contributed is a writer, no source); "This story was originally published by X."
    # a publisher.
    for pattern, credible in (
        (_AGENCY_CONTRIBUTED, is_known_outlet),
        (_AGENCY_REPORTING, is_known_agency),
        (_WIRE_FIRST_PUBLISHED, is_known_outlet),
        (_REPUBLISHED, _publisher_like),
        (_PRODUCED_BY, _publisher_like),
        (_PUBLIC_INTEREST_PARTNER, _publisher_like),
    ):
        credited = pattern.match(line)
        if credited:
            names = _split_names(credited.group("names"))
            if (
                pattern is _PRODUCED_BY
                and not _NEWSROOM_WORD.search(credited["names"])
                and not _NEWSROOM_DESCRIBED.match(credited["about"] or "")
            ):
                return None  # a reporter's name: "produced by Maria Hernandez, a … member"
            if names and all(_name_like(n) and credible(n) for n in names):
                return SourceLine(raw=line, names=names)
            return None
    if _FROM_QUOTED_TITLE.fullmatch(_KASHIDA.sub("", line)):
        # "عن «هآرتس» العبرية": the paper's title as quoted, without the adjective after it.
        quoted = re.search(r'«([^«»]+)»|"([^"]+)"|“([^“”]+)”', line)
        title = next(group for group in quoted.groups() if group) if quoted else ""
        return SourceLine(raw=line, names=(title.strip(),)) if _name_like(title.strip()) else None
    match = _LABEL.match(_KASHIDA.sub("", line))
    if not match:
        return None
    label = match.group("label")
    names_text = _TRAILING_NOTE.sub("", match.group("names")).strip(" :-–—ـ")
    if names_text.count("(") > names_text.count(")"):
        names_text += ")"  # "وكالة الأنباء الأردنية (بترا)": the label's pattern took it
    elif _LEGAL_FORM_END.search(line) and not names_text.endswith("."):
        names_text += "."  # "Harborline Foods, Inc.": the label's pattern took its stop
    place_and_agency = _PLACE_AND_AGENCY.match(names_text)
    if place_and_agency and not is_known_outlet(place_and_agency.group("place")):
        # "المصدر: (إسطنبول - الأناضول)": the agency credits, the place does not.
        names_text = place_and_agency.group("agency")
    names = _without_places(_split_names(names_text))
    if not names or not all(_name_like(n) for n in names):
        return None
    if _key(label) in _OUTLET_ONLY_LABELS and not all(map(is_known_outlet, names)):
        return None  # a preposition first: only "عن وكالة ...", "بحسب رويترز" credit
    if not match.group("sep") and _key(names[0]) in _WEB_SUFFIXES:
        # "المصدر أونلاين": a site's whole name (Yemen's), no label and credit; so is its
        # details row beside a desk's word ("المصدر أونلاين - وكالات").
        return None
    # Without a separator ("المصدر رويترز") only a name-like remainder is a credit.
    if (
        not (match.group("sep") or _PREPOSITIONS.search(label))
        and len(names_text.split()) > 3
        and not all(map(is_known_outlet, names))
    ):
        return None  # ("المصدر وكالة الأنباء الكويتية (كونا)": a table's row, an outlet)
    return SourceLine(raw=line, names=names)


# A line of "from" and a title in quotes alone, as Arabic papers print a publication's
# name: "عن «هآرتس»" under a translated piece credits the paper.
# (In brackets too, an adjective after the title, "(بتصرف)" after it: "(عن «هآرتس»
# العبرية)".)
_FROM_QUOTED_TITLE = re.compile(
    r'\s*(?:[-–—]\s*)?\(?\s*عن\s+(?:«[^«»]{2,40}»|"[^"]{2,40}"|“[^“”]{2,40}”)(?:\s+ال[\u0621-\u064a]{2,12})?'
    r"(?:\s*[،,]?\s*\(?بتصرف\)?)?\s*\)?\s*[.\u06d4]?\s*"
)


# The words a site's name ends with on the web ("... أونلاين", "... نيوز", "... نت").
_WEB_SUFFIXES = frozenset(
    _key(word) for word in ("أونلاين", "اون لاين", "نيوز", "نت", "برس", "online", "news", "24")
)


# What a story "was originally published in" that names no publisher.
_NO_PUBLISHER = frozenset(
    (
        *("english", "spanish", "french", "arabic", "german", "italian", "portuguese"),
        *("russian", "chinese", "turkish", "print", "the", "a", "an", "our", "its", "this"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "jan", "feb", "mar", "apr"),
        *("jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday"),
    )
)


def _publisher_like(name: str) -> bool:
    """A name as publishers print theirs: capitalised, not a language or "print" ("This
    story was originally published in Spanish")."""
    words = name.split()
    first = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
    if any(c.isdigit() for c in name):
        return False  # a date ("Dec. 2"), not a publisher
    return first[:1].isupper() and first.lower().rstrip(".") not in _NO_PUBLISHER


# The paper's own desk beside an agency in a dashed credit ("– TIMES/AFP"): one word in
# capitals, no outlet of its own.
_DESK_WORD = re.compile(r"[A-Z][A-Z.&'-]{1,11}")


# A bracketed credit of the paper's own desk with the agencies it drew on ("(FRANCE 24 with
# AFP)", "(With Reuters and AP)").
_OWN_WITH_AGENCIES = re.compile(
    r"(?:(?P<desk>[^()]{2,30})\s)?with\s+(?P<agencies>[^()]{2,60})", re.IGNORECASE
)
# A desk's name in a credit: capitals and digits ("FRANCE 24", "RFI").
_DESK_NAME = re.compile(r"[A-Z][A-Z0-9&.' -]{1,29}")


def _credit_only(line: str) -> SourceLine | None:
    match = _CREDIT_ONLY.match(line)
    if match is None:
        return None
    credited = match.group("dashed") or match.group("bracketed")
    if match.group("bracketed") and (joined := _OWN_WITH_AGENCIES.fullmatch(credited)):
        # "(FRANCE 24 with AFP)": the agencies' copy; "(AFP with Reuters)": both agencies'.
        desk = (joined["desk"] or "").strip()
        if desk and not (is_known_outlet(desk) or _DESK_NAME.fullmatch(desk)):
            return None  # "(Interview with AP)": no desk's credit
        credited = f"{desk}, {joined['agencies']}" if is_known_outlet(desk) else joined["agencies"]
    names = _split_names(credited)
    known = tuple(n for n in names if is_known_outlet(n) and _name_like(n, digits=False))
    if known and (
        known == names
        or (match.group("dashed") and all(n in known or _DESK_WORD.fullmatch(n) for n in names))
    ):
        return SourceLine(raw=line, names=known, form="trailing-credit")
    return None


def bare_credit(paragraph: str) -> SourceLine | None:
    """Known agencies alone on the body's last line, without brackets or a dash ("وكالات",
    "الجزيرة نت + وكالات"): every name a known outlet."""
    line = clean_text(paragraph)
    if not 0 < len(line) <= _MAX_BARE_CREDIT_CHARS:
        return None
    names = _split_names(line.rstrip(" ."))
    if names and all(is_known_outlet(n) and _name_like(n, digits=False) for n in names):
        if len(names) == 2 and _AGENCY_INITIALS.get(_key(names[0])) == _key(names[1]):
            # "وكالة أنباء الإمارات - وام": one agency, its name and its initials.
            names = (f"{names[0]} ({names[1]})",)
        return SourceLine(raw=line, names=names, form="trailing-credit")
    return None


def _trailing_credit(
    paragraph: str, patterns: Sequence[tuple[re.Pattern[str], bool]] | None = None
) -> tuple[str, SourceLine] | None:
    """A credit closing a paragraph (in one of `patterns`, each with whether its names must
    be known outlets): the paragraph without it, and the credit."""
    for pattern, known_only in patterns or (
        (_DASH_BRACKETED, False),
        (_AFTER_SENTENCE, True),
        (_DASH_BARE, True),
        (_AFTER_LAST_WORD, True),
    ):
        match = pattern.search(paragraph)
        if match is None:
            continue
        if pattern is _AFTER_LAST_WORD and (
            _OUTLET_NAMED_BEFORE.search(paragraph[: match.start()])
            or any(name_key(n) in _NOT_WIRES for n in _split_names(match.group("names")))
        ):
            continue  # "(قنا)" after "وكالة الأنباء القطرية": the sentence's own words
        names = _split_names(match.group("names"))
        if not names or not all(_name_like(n, digits=False) for n in names):
            continue
        if (known_only or len(names) > 1) and not all(is_known_outlet(n) for n in names):
            continue
        credit = SourceLine(raw=match.group("credit").strip(), names=names, form="trailing-credit")
        return paragraph[: match.start()].rstrip(), credit
    return None


# The story's last sentence closing on where it was reported ("..., وفق ما أوردته وكالة
# الأنباء الكويتية (كونا)."; "حسبما ذكرت", "بحسب ما نقلته", "وفقا لما بثته", "نقلا عن").
_REPORTED_VERB = r"(?:أورد|ذكر|نقل|بث|نشر|أفاد)(?:ت|ته|تها|ه|ها)?"
_CLOSING_ATTRIBUTION = re.compile(
    rf"(?:^|[\s،,])(?P<credit>(?:(?:و?(?:وفق|حسب|بحسب)\s*ما|و?(?:وفقا|وفقاً|طبقا|طبقاً)\s+لما"
    rf"|و?حسبما)\s+{_REPORTED_VERB}|نقلا\s+عن|نقلاً\s+عن)\s+(?P<names>[^.،,؟!:«»\"]{{2,60}}?)"
    # (Its initials in quotation marks after it, 'وكالة الأنباء الليبية "وال"'; or the name
    # after its noun, 'موقع "أكسيوس"'.)
    r"(?:\s*[\"«“](?P<quoted>[^\"«»“”]{2,12})[\"»”])?)"
    r"\s*\.?$"
)


# The story's first sentence reporting what an agency said, after the dateline: "أبوظبي -
# أفادت وكالة أنباء الإمارات (وام) اليوم بأن ...": the agency's copy.
_OPENING_ATTRIBUTION = re.compile(
    rf"^(?:{_PLACE}\s*[{_DASH}:]+\s*)?(?P<credit>(?:أفادت|ذكرت|أعلنت|أوردت)\s+"
    r"(?P<agency>وكالة\s[^()،,.:]{2,40}?(?:\s*\([^()]{2,20}\))?))"
    r"\s+(?:(?:اليوم|امس|أمس|مساء|صباح|ظهر|الليلة)\S*\s+)*ب?أن"
)


_TRANSLATOR = re.compile(
    r"^[*\s]*ترجمة(?: وإعداد| وتحرير)?\s*[:：]\s*(?P<name>[^:\-–—|]{2,40}?)\s*[\-–—|]?\s*عن\s*[:：]?\s"
)


# An agency's credit line above the story, the place, the reporter and the agency
# between slashes ("أنقرة/ أوزغور أرسلان/ الأناضول", as Anadolu prints it).
_REPORTER_CREDIT = re.compile(
    r"(?P<place>[^/\d]{2,25}?)\s*/\s*(?P<name>[^/\d]{3,40}?)\s*/\s*(?P<agency>[^/\d]{2,30}?)\s*"
)


# Words that open an institution's or a desk's name, or label a credit: no reporter's
# name, no agency ("دمشق / وزارة الصحة / سانا", "لندن / عربي بوست / ترجمة").
_NOT_A_REPORTER = re.compile(
    r"^(?:وزاره|هيئه|فريق|المحرر|محرر|بوابه|مكتب|قسم|مركز|وكاله|موقع|صحيفه|جريده|مجله|قناه"
    r"|اداره|مديريه|ترجمه|تحرير|تصوير|اعداد|تقرير|صوره|صور|حوار|فيديو"
    # The site's unnamed correspondent, its sources, a story "from" a paper, a body.
    r"|مراسل|مراسله|مراسلو|مصادر|مصدر|عن|نقلا|الامم|منظمه)(?:\s|$)"
)


def not_a_reporter(name: str) -> bool:
    """Whether a byline's piece opens with a word no reporter's name does: an office, a
    desk, a role, an outlet's noun, "مراسل الوسط", "مصادر خاصة", "عن الغارديان"."""
    return bool(_NOT_A_REPORTER.match(_key(name)))


_ARABIC_WORDS = re.compile(r"[\u0621-\u064a]+(?: [\u0621-\u064a]+)?")


def _reporter_credit(text: str) -> re.Match[str] | None:
    """An agency's credit line: the place, a person's name, the agency."""
    found = _REPORTER_CREDIT.fullmatch(text)
    if (
        found
        # (A town the place list lacks, "ريزة", before a known agency: a word or two.)
        and (
            is_place(found["place"])
            or (
                is_known_agency(found["agency"])
                and not _NOT_A_REPORTER.match(_key(found["place"]))  # ("تصوير/ NAME/ ...")
                and len(found["place"].split()) <= 2
                and _ARABIC_WORDS.fullmatch(found["place"].strip()) is not None
            )
        )
        and 2 <= len(found["name"].split()) <= 4
        and ARABIC_NAME.fullmatch(found["name"].strip())
        and not is_place(found["name"])
        and not is_known_outlet(found["name"])
        and not _NOT_A_REPORTER.match(_key(found["name"]))
        and len(found["agency"].split()) <= 4
        and _name_like(found["agency"], digits=False)
        and not _NOT_A_REPORTER.match(_key(found["agency"]))
    ):
        return found
    return None


# A caption's closing credit of the story, after the picture's words and a dash: "… -
# المصدر: وكالة الأنباء العمانية". (A caption that is only "Source: ..." credits a chart's
# or a picture's data.)
_CAPTION_SOURCE = re.compile(r"\s[\-–—|]\s((?:المصدر|source)\s*:)", re.IGNORECASE)
# The captions read: the lead picture's (WordPress's featured image) and the next one's.
CAPTIONS_READ = 2
_FEATURED_PICTURE = re.compile(r"featured|wp-post-image", re.IGNORECASE)


def featured_picture(marks: Iterable[str | None]) -> bool:
    """Whether a figure is WordPress's featured image, by the classes and ids of the
    figure and its picture ("single-featured-image", "wp-post-image")."""
    return bool(_FEATURED_PICTURE.search(" ".join(m for m in marks if m)))


def caption_credit(captions: Iterable[str]) -> SourceLine | None:
    """The credit the lead picture's caption closes with ("… - المصدر: وكالة الأنباء
    العمانية"), asked where nothing else on the page credits the story (form
    `caption`)."""
    for caption in captions:
        text = clean_text(caption)
        label = _CAPTION_SOURCE.search(text)
        line = text[label.start(1) :] if label else ""
        found = _labelled(line) if line else None
        # (An agency's name only: "مواقع التواصل الاجتماعي", "الإنترنت", a picture
        # agency's, credit the picture.)
        if found is not None and found.names and all(map(_caption_agency, found.names)):
            return SourceLine(raw=line, names=found.names, form="caption")
    return None


# Picture agencies: a caption crediting them credits the picture.
_PICTURE_AGENCIES = frozenset(
    _key(name) for name in ("Getty Images", "غيتي إيميجز", "غيتي", "Shutterstock", "EPA")
)


def _caption_agency(name: str) -> bool:
    return is_known_outlet(name) and _key(name) not in _PICTURE_AGENCIES


def line_reporter(raw: str | None) -> str:
    """The reporter an agency's credit line names ("أنقرة/ أوزغور أرسلان/ الأناضول"), ""
    when none."""
    found = _reporter_credit(clean_text(raw or ""))
    return found["name"].strip() if found else ""


def translator(raw: str | None) -> str:
    """The translator a translation's credit line names ("ترجمة: نور الهدى سليمان عن صحيفة
    لوموند"), "" when none."""
    found = _TRANSLATOR.match(clean_text(raw or ""))
    return found.group("name").strip() if found else ""


def opening_attribution(paragraph: str) -> SourceLine | None:
    """The news agency the story's first sentence reports ("أفادت وكالة ... بأن") (form
    `opening-attribution`; the sentence stays)."""
    match = _OPENING_ATTRIBUTION.match(clean_text(paragraph))
    if match is None:
        return None
    agency = match.group("agency")
    short = re.search(r"\(([^()]+)\)", agency)
    # A news agency, not any agency ("أعلنت وكالة الإمارات للفضاء" is a space agency's
    # news): "وكالة أنباء ...", or one the layer knows by name or by its initials.
    if not (
        "انباء" in _key(agency)
        or _key(agency) in _KNOWN
        or (short and _key(short.group(1)) in _KNOWN)
    ):
        return None
    agency = match.group("agency").strip()
    return SourceLine(
        raw=match.group("credit").strip(), names=(agency,), form="opening-attribution"
    )


# The nouns an outlet's name follows ("موقع «أكسيوس»", "صحيفة «هآرتس»"): no name alone.
_OUTLET_NOUNS = _word_set("موقع|صحيفة|جريدة|وكالة|مجلة|قناة|شبكة|منصة|إذاعة")


def closing_attribution(paragraph: str) -> SourceLine | None:
    """The outlet the story's last sentence says it was reported by, when that closes the
    body's last paragraph and every name is a known agency or outlet (form
    `closing-attribution`; the sentence stays in the body)."""
    line = clean_text(paragraph)
    match = _CLOSING_ATTRIBUTION.search(line)
    if match is None:
        return None
    names = _split_names(match.group("names"))
    if match["quoted"] and _key(match["names"]) in _OUTLET_NOUNS:
        names = (match["quoted"].strip(),)  # 'موقع "أكسيوس"': the name, not its noun
    if (
        not names
        or any(_key(n) in _OUTLET_NOUNS for n in names)
        or not all(is_known_outlet(n) and _name_like(n, digits=False) for n in names)
    ):
        return None
    if any(word in _NOT_IN_NAMES for name in names for word in _key(name).split()):
        # "... نقلته وكالة رويترز عن مسؤول في الشركة": the sentence closes on whom the
        # agency quoted, not on the agency.
        return None
    return SourceLine(raw=match.group("credit").strip(), names=names, form="closing-attribution")


_CITATION = re.compile(
    r"(?:journal\s+)?references?\s*:\s*[\"“”'‘]|(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,}/",
    re.IGNORECASE,
)
NOTES_WINDOW = 16
_RELEASE_END = re.compile(r"\s*(?:[-–—]*\s*ENDS?\s*[-–—.]*|-\s?30\s?-|#{3})\s*", re.IGNORECASE)


def _trailer_start(
    paragraphs: list[str], link_texts: Callable[[], Collection[str]] = frozenset
) -> int:
    """Where the trailing blocks (share, read also, newsletter, follow, copyright) begin; the length
    of `paragraphs` when there are none. Walks back from the end over short paragraphs
    and stops at a long one or a source line: a block's header takes the short
    paragraphs after it along, an entry goes only when nothing but blocks follow it."""
    # A box of more stories closing the body: its header, then only teasers (as trafilatura
    # prints a list's items, "- headline excerpt"), each opening with a link's text (the
    # headline of another story), however long the excerpt.
    for index in range(max(0, len(paragraphs) - TRAILER_WINDOW), len(paragraphs) - 1):
        key = _key(paragraphs[index])
        if not (_READ_ALSO_HEADER.match(key) or _MORE_FROM_SECTION.match(key)):
            continue
        entries = paragraphs[index + 1 :]
        linked = [t for t in map(clean_text, link_texts()) if len(t) >= MIN_TEASER_LINK_CHARS]
        if all(text.startswith("- ") for text in entries) and all(
            any(text[2:].startswith(link) for link in linked) for text in entries
        ):
            paragraphs = paragraphs[:index]
            break
        # ... or cards of a linked headline, then its summary, each on a line of its own.
        headlines = set(linked)
        if len(entries) >= 2 * MIN_CARDS and all(
            (text in headlines) == (number % 2 == 0) and len(text) <= MAX_CARD_SUMMARY_CHARS
            for number, text in enumerate(entries)
        ):
            paragraphs = paragraphs[:index]
            break
    # A press release's end mark ("ENDS", "-30-", "###"): its notes to editors and contacts
    # follow it, no part of the release.
    for index in range(max(1, len(paragraphs) - TRAILER_WINDOW), len(paragraphs)):
        if _RELEASE_END.fullmatch(paragraphs[index].strip()):
            paragraphs = paragraphs[:index]
            break
    # A science story's citation of the paper ("Reference: “…” by …, Nature Geoscience.",
    # "DOI: 10.1038/…"), with a short funding note after it, or the header of the notes
    # (`_NOTES_HEADER`) over short lines: the story's record, not the story.
    for index in range(max(1, len(paragraphs) - NOTES_WINDOW), len(paragraphs)):
        text = paragraphs[index]
        if index == len(paragraphs) - 1 and (
            _DANGLING_NOTES.match(_key(text))
            # (A heading, no sentence: "المزيد من الشفافية." closes a column.)
            or (_DANGLING_BOX_HEADER.match(_key(text)) and not text.rstrip().endswith("."))
        ):
            paragraphs = paragraphs[:index]
            break
        after = paragraphs[index + 1 :]
        if (
            (_CITATION.match(text) or _NOTES_HEADER.match(_key(text)))
            and all(len(line) <= MAX_NOTICE_CHARS for line in after)
            # (Not a source box: "المصادر:", then the agencies it names, a line each.)
            and not (after and all(is_known_outlet(line) for line in after))
        ):
            paragraphs = paragraphs[:index]
            break
    cut = len(paragraphs)
    for index in range(len(paragraphs) - 1, max(0, len(paragraphs) - TRAILER_WINDOW) - 1, -1):
        text = paragraphs[index]
        if len(text) > TRAILER_ENTRY_CHARS:
            if index == cut - 1 and (
                (len(text) <= PROMO_CHARS and (_promo(_key(text)) or _CONTRIBUTORS.search(text)))
                or (
                    len(text) <= MAX_NOTICE_CHARS
                    and (
                        _NOTICE_OPENING.match(_key(text))
                        or _NEWSROOM_NOTE.match(_key(text))
                        or _CLOSING_NOTE.match(_key(text))
                        or _WRITER_BIO.match(_key(text))
                        or _DISCLAIMER.match(_key(text))
                        or _CORRECTION_NOTE.match(_key(text))
                    )
                )
            ):
                cut = index
                continue
            break
        kind = _trailer_kind(text)
        if kind is None and index == cut - 1 and _WRITER_BIO.match(_key(text)):
            kind = "entry"  # the writer's line closing the story
        if (
            kind is None
            and index == len(paragraphs) - 1
            and _STARRED_BIO.match(_key(text))
            and not (index and _STARRED.match(paragraphs[index - 1].strip()))
        ):
            kind = "entry"  # a column's starred line on its writer, alone
        if kind is None and index == cut - 1 and _reporter_and_place(text):
            before = paragraphs[index - 1] if index else ""
            # (Not the last row of a list of such pairs: "أشرف حكيمي - باريس".)
            if not (len(before) <= SIGNATURE_CHARS and _NAME_PLACE_SPLIT.search(before)):
                kind = "entry"
        if kind == "header" or (kind == "entry" and index == cut - 1):
            cut = index
        elif kind is None and (parse_source_line(text) or _story_sentence(text)):
            break
    return cut


# A teaser's headline link is a few words at least (not "1", "»").
MIN_TEASER_LINK_CHARS = 10
# A box of cards under the story: a few of them, each summary a sentence or two.
MIN_CARDS = 2
MAX_CARD_SUMMARY_CHARS = 300
# Words a sentence of the story has at least, where a block's entry is a headline or a label.
STORY_SENTENCE_WORDS = 12


def _story_sentence(text: str) -> bool:
    """A sentence of the story (several words ending in a full stop): the story goes on
    after a "read more" label there, and what follows is no entry of its block."""
    return text.rstrip()[-1:] in ".!۔" and len(text.split()) >= STORY_SENTENCE_WORDS


# The reporter's signature under the story, a name and a city: "أحمد فتحي - الإسكندرية",
# "تونس – نادية الحامدي".
_NAME_PLACE_SPLIT = re.compile(rf"\s+[{_DASH}]\s+")
SIGNATURE_CHARS = 60


def _reporter_and_place(line: str) -> bool:
    parts = _NAME_PLACE_SPLIT.split(clean_text(line).rstrip(" ."))
    if len(parts) != 2:
        return False
    for place, name in (parts, parts[::-1]):
        if is_place(place) and _ARABIC_NAME.fullmatch(name) and not is_known_outlet(name):
            return not is_place(name)
    return False


def trailing_block_line(text: str) -> bool:
    """Whether a line is one of the blocks pages print under a story (share, read also,
    newsletter, follow, copyright, promos: `_trailer_kind`)."""
    return _trailer_kind(text) is not None


# A credit closing the story: the copy editor's, the photographer's ("تدقيق لغوي: سلوى
# الجعبري", "تصوير: …"), a name or two after the label.
_CLOSING_CREDIT = re.compile(
    r"^(?:تدقيق(?: لغوي)?|مراجعه(?: لغويه)?|اخراج|تصوير|جرافيك|مونتاج|copy ?edit(?:ed|ing)(?: by)?)"
    r"\s*:?\s*[^\W\d]+(?: [^\W\d]+){0,4}$"
)


# A source line naming only the story's exclusivity ("المصدر: خاص", "(حصري)"): no credit,
# and no story either.
_EXCLUSIVE_MARK = re.compile(r"^[(\[]?(?:(?:المصدر|source)\s*[:：|]\s*)?(?:خاص|حصري|حصريا)[)\]]?$")


# The wire's label over the links it closes a story with ("___", "Online:", an address).
_WIRE_LINKS_HEADERS = frozenset(("online:", "online", "on the web:", "on the net:"))


# A bar of the site's links under the story ("Support HKFP | Policies & Ethics | Error/typo? |
# Contact Us | …"): several short names between bars, no number among them.
MIN_LINK_BAR_PIECES = 4
MAX_LINK_BAR_PIECE_WORDS = 4


# A columnist's account signing the column ("X: @anwar_alshatti", "تويتر: @name"); not an
# item of a list of accounts the story gives ("- إكس: @HajMinistry").
_WRITER_HANDLE = re.compile(
    r"^(?:x|twitter|instagram|تويتر|اكس|انستغرام|انستجرام)\s*[:：]?\s*@[\w.]{2,30}$"
)


def _link_bar(text: str) -> bool:
    pieces = [piece.strip() for piece in text.split("|")]
    return len(pieces) >= MIN_LINK_BAR_PIECES and all(
        0 < len(piece.split()) <= MAX_LINK_BAR_PIECE_WORDS
        and piece[-1] not in ".!؟،,"
        and not any(c.isdigit() for c in piece)  # (times, scores, prices: a table's row)
        for piece in pieces
    )


def _trailer_kind(text: str) -> str | None:
    key = _key(text)
    if (
        _SHARE_HEADER.match(key)
        or _READ_ALSO_HEADER.match(key)
        or _TOPICS_HEADER.match(key)
        or _CLOSING_BOX_HEADER.match(key)
        or _NEWSLETTER_HEADER.match(key)
        or _CONTACT_HEADER.match(key)
        or _COMMENTS_HEADER.match(key)
        or key in _WIRE_LINKS_HEADERS
    ):
        return "header"
    if (
        _SHARE_ENTRY.match(key)
        or _READ_ALSO_ENTRY.match(key)
        or _FOLLOW_ENTRY.match(key)
        or _TRANSLATIONS_ENTRY.match(key)
    ):
        return "entry"
    if not any(c.isalnum() for c in key) or _COPYRIGHT.search(key) or _promo(key):
        return "entry"  # (no word at all: a rule of tatweels, "ــــ", or underscores, "___")
    if _TIME_STAMP.fullmatch(key) or _agency_desk_line(text):
        return "entry"
    if _EDITED_NOTE.match(key) or _DISCLAIMER.match(key) or _PICTURE_NOTE.match(key):
        return "entry"
    if _FURNITURE_NOTE.match(key):
        return "entry"
    if _CORRECTION_NOTE.match(key) or _COVERS_BIO.match(text.strip()) or _WRITER_NOTE.match(key):
        return "entry"
    if _CLOSING_NOTE.match(key) or _NEWSROOM_NOTE.match(key) or _PRODUCTION_NOTE.match(key):
        # (A partner newsroom that produced the story, however it is funded, credits it:
        # "This story was produced by the Local Democracy Reporting Service, which is
        # funded by the BBC ...". The source search reads it.)
        return None if _PRODUCED_BY.match(text.strip()) and parse_source_line(text) else "entry"
    if _published_stamp(key) or _NEXT_PAGE.match(key) or _TOOL_OR_COUNT.match(key):
        return "entry"
    if _TOPICS_LINE.match(key) or _CLOSING_CREDIT.match(key) or _EXCLUSIVE_MARK.match(key):
        return "entry"
    if _link_bar(text) or (_WRITER_HANDLE.match(key) and not text.lstrip().startswith(_BULLETS)):
        return "entry"
    line = text.strip()
    if (
        _SIGN_OFF.fullmatch(line)
        and bare_credit(line) is None
        and not any(map(is_known_outlet, line.split("/")))  # ("IRNA/ISNA": a pair's one)
    ):
        return "entry"  # (not agencies' initials: "dpa/afp", "أ.ف.ب" credit the story)
    if _CONTRIBUTORS.search(text):
        # "(With inputs from PTI)" credits the agency, and so does "IRNA/" (no editor's
        # initials): the source search reads them.
        credits = parse_source_line(text) or is_known_agency(line.rstrip("/ "))
        return None if credits else "entry"
    return None


# What a wire or a paper prints under the copy, alone on its line: the desk's slug of
# initials ("cm-lb/jz/rmb", "/cb"), an agency editor's ("ع.ف", "/م.ع/"), a wire's link to
# its topic hub ("AP NBA: https://apnews.com/hub/nba"), the reporter's address alone, an
# editor's credit
# ("Edited by: Martin Kühn"), a reporting scheme's funding note ("Local Democracy Reporting
# is ... co-funded by RNZ and NZ On Air."), Yonhap's "(END)", "This is a developing
# story.", "Update: This story has been updated ...", "This story can be republished ...".
# An editor's initials under an agency's copy ("م.ع", "ع. خ", "/م.ع/").
ARABIC_INITIALS = r"[\u0621-\u064a](?:\s?[./]\s?[\u0621-\u064a]){1,3}\.?"
_SIGN_OFF = re.compile(
    r"/?[a-z]{1,4}(?:[-/][a-z]{1,4}){1,6}/?|/[a-z]{2,4}"
    # (In capitals: Daily Maverick's "DM/OBP", the paper's mark and the desk's.)
    r"|[A-Z]{2,4}(?:/[A-Z]{2,5}){1,3}"
    # (After a rule: "================ ن.ع", NNA's.)
    rf"|(?:[=_ـ-]{{3,}}\s*)?(?:(?:تحرير|اعداد|إعداد|مراجعة|تدقيق)\s*:\s*)?/?{ARABIC_INITIALS}/?"
    # A paper's end mark in brackets ("[Tyee]").
    r"|\[[A-Z][\w .'’-]{1,20}\]"
    r"|[^:\n]{2,40}:\s*https?://\S+"
    # (After a contact label: "Contact: desk@…", "• Email: name@…"; not "To register,
    # email: …", the story's own information.)
    r"|(?:[•·*-]\s*)?(?i:(?:contact|e-?mail|للتواصل|البريد الإلكتروني|البريد الالكتروني)\s*:\s*)?"
    r"\S+@\S+\.[a-z]{2,}"
    r"|(?i:\[?\s*edited by:?\s[^.\]]{2,60}\]?)|(?i:[-–—]*\s*editing by\s[^.]{2,60}\.?)"
    # The writers' names again under the story ("By Minh Anh, Hoang Long").
    r"|(?i:by)\s+[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}"
    r"(?:\s*(?:,|(?i:and)|&)\s*[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}){0,3}"
    r"|(?i:[^.]{0,60}\b(?:journalism|reporting)\b[^.]{0,40}\bco-?funded by\s[^.]{2,80}\.?)"
    # An agency's end mark, an editor's notes on the story's state and reuse.
    r"|(?i:\(end\))"
    # An office's sign-off under its statement ("المكتب الإعلامي لوزارة الموارد المائية").
    r"|(?:المكتب|المركز|القسم) الإعلامي(?: ل\S+(?: \S+){0,4})?"
    r"|(?i:this is a developing story\b.{0,80})"
    r"|(?i:(?:update(?:d)?:\s*)?this (?:story|article|report) (?:has been|was) updated\b.{0,120})"
    r"|(?i:this (?:story|article) (?:can|may) be republished\b.{0,80})"
)
# A wire story's closing credits: "Reporting by ...; Editing by ...", "... contributed to
# this report.", "Jane Doe can be reached at jdoe@...", "(With inputs from PTI)".
_CONTRIBUTORS = re.compile(
    r"\bcontributed(?: reporting)? to this (?:report|story|article)\W*$"
    # ... and the other hands credited after it: "... contributed to this report. Data
    # analysis by Leah Marsh.", "Graphics by ...".
    # "Sarah Whitfield contributed.", "Adeyemi reported from Frankfurt." (an italic line
    # under a network's or a wire's story).
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?:(?:,| and) (?-i:[A-Z][\w.'’-]+"
    r"(?: [A-Z][\w.'’-]+){0,3}))* (?:contributed|reported from (?-i:[A-Z])[\w ,.'’-]{1,40}?)\.?$"
    r"|\bcontributed(?: reporting)? to this (?:report|story|article)\.(?:\s+(?:data analysis"
    r"|data|graphics|photos?|photography|video|research|design|illustrations?) by [^.]{2,60}\.?)+$"
    # "Ana Ley contributed reporting." (and "from Albany"): the New York Times's line.
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})(?:(?:,| and) (?-i:[A-Z][\w.'’-]+"
    r"(?: [A-Z][\w.'’-]+){1,3}))* contributed reporting(?: from [^.]{1,40})?\.?$"
    r"|\bcan be reached at\s+\S*[@\d]|\breach (?:her|him|them) at\s+\S*[@\d]"
    # A business paper's sign-off: "Write to Helen Park at helen.park@... and ...".
    r"|^write to [^.@]{2,60}? at\s+\S*@|^contact [^.@]{2,60}? at\s+\S*@"
    r"|^\W*(?:with|additional) inputs? from\b[^.]{0,40}$"
    # The colleagues who helped, by name: "With a report from Ramon Villanueva", "— With
    # assistance from Ana Lucía Ortiz and Wenjin Zhou".
    r"|^\W*with (?:a report|reports|assistance|additional reporting) from (?-i:[A-Z])[^.]{1,80}$"
    # A chain paper's line of the others who reported: "Contributing: Ben Torres, ...".
    r"|^contributing:\s"
    # The desk editor's initials and a slash closing a wire story ("ABU/", Tehran Times).
    r"|^(?-i:[A-Z]{2,5})/$"
    # A Chinese paper's editor line closing the story: "（編輯：林大同）1151204" (CNA, with
    # its date code), Xinhua's "【纠错】【责任编辑:王小明】".
    r"|^(?:【纠错】)?[（(【](?:责任编辑|責任編輯|编辑|編輯)[:：][^）)】]{1,20}[）)】]\s*\d{0,8}$"
    r"|^\W*(?:additional )?reporting by\b.*\b(?:editing|writing) by\b"
    # The writer's handle and address under a local paper's story (TownNews): "On Twitter
    # @LJSReist", "Reach the writer at 402-473-7226 or mreist@journalstar.com".
    r"|^\W*on (?:twitter|x|instagram|threads|bluesky)\W*@\w+\W*$|^\W*reach the writer at\b"
    # A paper's call for letters closing an opinion piece (the Guardian's), and the
    # columnist's one-line bio ("Polly Smith is a Guardian columnist").
    r"|^\W*do you have an opinion on the issues raised in this article\b"
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) is (?:a|an|the) [^.]{0,60}\b(?:columnist|"
    r"correspondent|editor|writer|reporter|journalist|contributor)\.?$"
    # ... or a longer one: "Theo Lindqvist is a staff writer at The Meridian Review and
    # the author of ...".
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) is (?:a|an) (?:\w+ ){0,3}(?:columnist|"
    r"correspondent|editor|writer|reporter|journalist|contributor) (?:at|for|with) [^.]{2,160}\.?$"
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) is (?:a|an) (?:\w+ ){0,3}(?:columnist|"
    r"correspondent|editor|writer|reporter|journalist|contributor)\.\s+(?-i:His|Her|Their|He|She"
    r"|They) [^.]{2,160}\.?$",
    re.IGNORECASE,
)


# An agency's time stamp closing its copy: "15:42ت م" (SPA: Makkah time), "09:10 ت غ";
# its sign-off, with the editors' initials after it: "// انتهى //", "(النهاية) م ع ح / ع ب";
# the initials alone (WAFA's "ر.ح/ م.ع", or one editor's "/ع.ف") or after the agency
# (Petra's "--(بترا) ع ح/ ب ط"); the story's date and time printed again under it
# ("03/12/2026 14:25:11").
_INITIALS = r"(?:[ء-ي]{1,2}|[ء-ي](?:\s[ء-ي]){1,2})"
_SIGNED_INITIALS = (
    rf"[\W_]*(?:\((?P<agencies>[^()]{{2,20}})\)\s*)?{_INITIALS}(?:\s*/\s*{_INITIALS})+"
)
_TIME_STAMP = re.compile(
    r"\d{1,2}:\d{2}\s*(?:ت ?[مغ]|gmt)"
    r"|[\W_]*(?:انتهي|النهايه)(?![ء-ي])[\W_]*(?:[ء-ي](?![ء-ي])[\s/]*)*"
    rf"|{_SIGNED_INITIALS}"
    # ONA's sign-off, the agency between slashes: "/العُمانية/ ع خ" (on two lines too: the
    # agency, then the editor's initials alone).
    rf"|/[^/\d]{{2,20}}/(?:\s*{_INITIALS}(?:\s*/\s*{_INITIALS})*)?"
    r"|[ء-ي](?:\s[ء-ي]){1,2}"
    rf"|\s*/\s*{_INITIALS}"
    r"|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_AGENCY_SIGN_OFF = re.compile(_SIGNED_INITIALS)
# An agency's desk credit closing its copy: the agency, then its reporter's and editor's
# names, slash-separated (WAM's "وام/عاصم الخولي/أحمد النعيمي").
_AGENCY_DESK_LINE = re.compile(
    r"(?P<agency>[^/\d]{2,30}?)\s*/\s*(?P<names>[^/\d.،,]{3,40}(?:/[^/\d.،,]{3,40}){0,3})"
)


def _agency_desk_line(text: str) -> bool:
    found = _AGENCY_DESK_LINE.fullmatch(clean_text(text))
    return bool(
        found
        and is_known_outlet(found.group("agency"))
        and all(1 < len(name.split()) <= 4 for name in found.group("names").split("/"))
    )


def _split_names(text: str) -> tuple[str, ...]:
    """Agency names of a credit: split on separators, and on "و" joined to a known name
    ("رويترز وفرانس برس"); cleaned of brackets, quotes and full stops."""
    names: list[str] = []
    for part in _SPLIT.split(text):
        names.extend(_split_joined_and(part))
    cleaned = [n for n in map(_clean_name, names) if n]
    # (A link's label after the first name only: "الخبر" alone is El Khabar, a paper.)
    return tuple(cleaned[:1] + [n for n in cleaned[1:] if not _LINK_LABEL.fullmatch(n)])


# A link's label after the outlet's name, to the piece it translates or quotes ("المصدر:
# فورين بوليسي – <a>رابط المقال الأصلي</a>"): no outlet.
_LINK_LABEL = re.compile(
    r"(?:رابط )?(?:المقال|الخبر|التقرير|المادة)(?: (?:الأصلي|الأصلية|بلغته الأصلية))?"
    r"|(?:ال)?رابط(?: (?:الأصلي|المصدر))?|اضغط هنا|(?:read )?(?:the )?original(?: article| story)?"
    r"|link to (?:the )?original(?: article| story)?",
    re.I,
)


def _clean_name(name: str) -> str:
    """A name without the quotes, full stops and stray brackets around it; a bracketed
    abbreviation it ends with stays ("وكالة الأنباء الأردنية (بترا)"), and so does the
    full stop of a legal form's abbreviation ("Harborline Foods, Inc.")."""
    while True:
        abbreviated = _LEGAL_FORM_END.search(name)
        name = name.strip(' .\u06d4"“”«»[]')
        if abbreviated:
            name += "."
        if name.startswith("(") and name.endswith(")") and _balanced(name[1:-1]):
            name = name[1:-1]
        elif name.startswith("(") and name.count("(") > name.count(")"):
            name = name[1:]
        elif name.endswith(")") and name.count(")") > name.count("("):
            name = name[:-1]
        elif name.count("«") != name.count("»"):
            name = name.replace("«", "").replace("»", "")  # "صحيفة «التيار»", its end cut
        else:
            return name


def _split_joined_and(part: str) -> list[str]:
    words = part.split()
    for index in range(1, len(words)):
        word = words[index]
        # "وفرانس برس", "ووكالة الأناضول": و joined to a known name. A name that itself
        # begins with و ("وكالات", "وفا") is never split, nor is one opening the part.
        if word.startswith("و") and len(word) > 2:
            rest = " ".join([word[1:], *words[index + 1 :]])
            if is_known_outlet(rest) or is_known_outlet(word[1:]):
                return [" ".join(words[:index]), *_split_joined_and(rest)]
    return [part]


def _speech(words: str) -> bool:
    """Whether a word, maybe with "و" joined before it ("وأضاف"), says someone spoke."""
    return any(w in _PROSE or w.removeprefix("و") in _SPEECH for w in _key(words).split())


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


# Capitals and large cities of the Arab world and its neighbours, and the countries: a
# byline's city after a dash ("سامي الخطيب - القاهرة"), a source line's bureau ("سكاي نيوز
# عربية - أبوظبي").
_PLACE_NAMES = (
    "القاهرة | الإسكندرية | الجيزة | الرياض | جدة | مكة | مكة المكرمة | المدينة المنورة | الدمام | "
    "أبوظبي | أبو ظبي | دبي | الشارقة | الدوحة | الكويت | المنامة | مسقط | صنعاء | عدن | "
    "بغداد | البصرة | الموصل | أربيل | دمشق | حلب | حمص | بيروت | طرابلس | صيدا | عمان | "
    "عمّان | الزرقاء | إربد | القدس | رام الله | غزة | نابلس | الخليل | جنين | الناصرة | "
    "الخرطوم | أم درمان | الرباط | الدار البيضاء | مراكش | فاس | طنجة | الجزائر | وهران | "
    "قسنطينة | تونس | صفاقس | بنغازي | مصراتة | نواكشوط | مقديشو | جيبوتي | إسطنبول | "
    "اسطنبول | أنقرة | طهران | باريس | لندن | واشنطن | نيويورك | موسكو | برلين | بروكسل | "
    "جنيف | فيينا | روما | مدريد | بكين | طوكيو | مصر | السعودية | الإمارات | قطر | "
    "البحرين | عمان | اليمن | العراق | سوريا | لبنان | الأردن | فلسطين | السودان | ليبيا | "
    "المغرب | موريتانيا | الصومال | تركيا | إيران | الإمارات العربية المتحدة | "
    "المملكة العربية السعودية | المملكة المتحدة | الولايات المتحدة | فرنسا | ألمانيا | روسيا | "
    "الصين | أوكرانيا | "
    # Regional cities reporters sign from ("ماجد الثبيتي - الطائف"); not those that are
    # common words too ("الخبر", "العين", "الزاوية").
    "الطائف | أبها | تبوك | بريدة | حائل | جازان | نجران | ينبع | الأحساء | المكلا | "
    "تعز | الحديدة | مأرب | المنصورة | طنطا | أسيوط | الأقصر | أسوان | بورسعيد | السويس | "
    "الإسماعيلية | الزقازيق | سوهاج | المنيا | دمياط | الفيوم | الغردقة | شرم الشيخ | النجف | "
    "كربلاء | كركوك | السليمانية | الرمادي | الفلوجة | اللاذقية | طرطوس | إدلب | دير الزور | "
    "الرقة | درعا | الكرك | بيت لحم | طولكرم | قلقيلية | أريحا | رفح | "
    "خان يونس | النبطية | زحلة | بعلبك | سبها | درنة | سوسة | القيروان | بنزرت | "
    "قابس | عنابة | سطيف | تلمسان | البليدة | ورقلة | أكادير | مكناس | وجدة | تطوان | "
    "رأس الخيمة | عجمان | الفجيرة | صلالة | صحار | نزوى | الجهراء | المحرق | الوكرة | "
    "بورتسودان | كسلا | الفاشر | نيالا | نواذيبو | ود مدني | عطبرة | القضارف | سنار | كوستي | "
    "الدمازين | الجنينة | كادقلي | دنقلا"
)
_PLACES = frozenset(name_key(place) for place in _PLACE_NAMES.split("|"))
# Languages a translation names where a publisher would be.
_LANGUAGES = frozenset(
    name_key(word)
    for word in (
        "الفرنسية", "الإنجليزية", "الانجليزية", "الإنكليزية", "الألمانية", "الإسبانية",
        "الروسية", "التركية", "الفارسية", "العبرية", "الصينية", "الإيطالية", "اليابانية",
    )
)  # fmt: skip


def is_place(name: str) -> bool:
    """A capital, a large city or a country of `_PLACE_NAMES`, in any spelling."""
    return name_key(name) in _PLACES


def is_known_outlet(name: str) -> bool:
    """A known agency, or a name that opens with an outlet noun ("وكالة سانا")."""
    return is_known_agency(name) or _key(name).split(" ", 1)[0] in _OUTLETS


def _news_agency(name: str) -> bool:
    """A known agency, or one named as a news agency ("وكالة تونس إفريقيا للأنباء", "وكالة
    الأناضول"); not an agency of another kind ("وكالة الطاقة الدولية", "وكالة فيتش")."""
    key = _key(name)
    return (
        is_known_agency(name)
        or "انباء" in key
        or (key.startswith("وكاله ") and is_known_agency(name.split(" ", 1)[1]))
    )


def is_known_agency(name: str) -> bool:
    """A name of `_KNOWN_NAMES` ("Australian Associated Press", "The Canadian Press")."""
    key = _key(name)
    return key in _KNOWN or key.removeprefix("the ") in _KNOWN


def _name_like(name: str, *, digits: bool = True) -> bool:
    """Short, with letters, no sentence words or tags; no digits unless allowed (a source
    line may name "القناة 12"; a bare bracketed "(2025)" is no credit)."""
    words = _key(name).split()
    if not words or len(words) > MAX_NAME_WORDS or not any(c.isalpha() for c in name):
        return False
    if not digits and any(c.isdigit() for c in name):
        return False
    if name.rstrip()[-1] in "؟?!" or ":" in name:
        return False  # a question, or a caption ("صورة: أرشيفية")
    return not any(w in _PROSE or w in _TAGS for w in words)


# A reporter's name alone: two or three words of Arabic letters (with their vowel marks:
# "يسرى ونّاس"), nothing else; a name of two to four (`ARABIC_NAME`).
_ARABIC_WORD = r"[\u0621-\u064a][\u0621-\u0652\u0670]+"
_ARABIC_NAME = re.compile(rf"{_ARABIC_WORD}(?: {_ARABIC_WORD}){{1,2}}")
ARABIC_NAME = re.compile(rf"{_ARABIC_WORD}(?: {_ARABIC_WORD}){{1,3}}")
# Words a sentence or a label holds and a person's name never does.
_NOT_IN_NAMES = frozenset(
    (
        "في", "من", "على", "إلى", "عن", "مع", "هذا", "هذه", "ذلك", "التي", "الذي", "انتهى",
        "النهاية", "المصدر", "تحرير", "إعداد", "متابعة", "أعلم", "الله", "والله", "شكرا", "يتبع",
        "تابعونا", "المزيد", "ولي", "التوفيق", "السلام", "عليكم", "اقرأ", "شاهد", "طالع",
        # A node's links list under the story (Drupal's "نسخة للطباعة", "أرسل لصديق").
        "نسخة", "للطباعة", "طباعة", "أرسل", "لصديق", "تعليق", "تعليقات",
        # Greetings closing a post ("ألف مبروك", "تحيا ...").
        "مبروك", "ألف", "الف", "تحيا", "عاش", "عاشت",
    )
)  # fmt: skip


def closing_signature(
    body: str | None, source: SourceLine | None, bare: bool = False
) -> tuple[str, str, str] | None:
    """(name, provenance, the body without the name) when the story closes with its
    reporter's name on a line of its own: after a dash ("- محمد علي العمودي", as papers
    sign a story under no byline), or bare where the story opens with an agency's dateline
    ("دمشق-سانا": SANA signs so) or `bare` says the page names nobody else (a login or the
    desk as its author). Two or three Arabic words (four after a dash), no outlet, no
    place, no word of a sentence ("والله أعلم"); None otherwise."""
    if not body or "\n\n" not in body:
        return None
    rest, last = body.rsplit("\n\n", 1)
    name = clean_text(last)
    before = clean_text(rest.rsplit("\n\n", 1)[-1])
    if (dashed := _DASHED_NAME.fullmatch(name)) and (
        _DASHED_NAME.match(before) or before.endswith((":", "："))
    ):
        return None  # the last item of a list ("… ما يلي:", "- تجنب …", "- ارتداء …")
    if dashed:
        name, form = dashed[1], "body:dash-signature"
    elif source is not None and source.form == "dateline":
        form = "body:agency-signature"
    elif bare and _story_sentence(before) and not any(is_place(w) for w in name.split()):
        # (After a sentence of the story's, not a list's last row or a greeting's place.)
        form = "body:closing-signature"
    else:
        return None
    if (
        not (_ARABIC_NAME.fullmatch(name) or (dashed and ARABIC_NAME.fullmatch(name)))
        or is_known_outlet(name)
        or is_place(name)
        # ("الله" closes "والله أعلم", and opens no name but after "عبد".)
        or any(word in _NOT_IN_NAMES for word in name.replace("عبد الله", "عبدالله").split())
    ):
        return None
    return name, form, rest


# A name signed after a dash on the story's last line ("- محمد علي العمودي").
_DASHED_NAME = re.compile(rf"[{_DASH}]\s*(.+)")
