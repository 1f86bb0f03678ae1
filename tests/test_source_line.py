"""Source and credit lines: every form sites print, at the end or the start of the body,
behind share, "read also" and newsletter blocks; and the sentences that only look like one."""

import json
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.source_line import (
    bare_credit,
    caption_credit,
    closing_signature,
    dateline_credit,
    line_reporter,
    parse_source_line,
    split_source_line,
)
from scraper.time import http_date

FIXTURES = Path(__file__).parent / "fixtures"

STORY = [
    "أعلنت وزارة الداخلية التركية، اليوم الثلاثاء، بدء العمل بنظام إلكتروني جديد لتجديد "
    "بطاقات الحماية المؤقتة، يتيح للمقيمين حجز مواعيدهم عبر الإنترنت دون الحاجة إلى مراجعة "
    "مديريات الهجرة في الولايات.",
    "وأوضحت الوزارة في بيان أن المرحلة الأولى تشمل ولايات إسطنبول وأنقرة وغازي عنتاب، على أن "
    "تعمم التجربة على بقية الولايات مطلع العام المقبل بعد تقييم نتائجها.",
]
LAST = "وأشار البيان إلى أن النظام الجديد سيخفض فترات الانتظار إلى النصف تقريبا"

# A labelled source line of its own closing the body: (line, names).
SOURCE_LINES = [
    ("المصدر: منصة مزيج", ("منصة مزيج",)),
    ("المصدر:\u00a0منصة مزيج", ("منصة مزيج",)),
    ("المصدر : الأناضول", ("الأناضول",)),
    ("(المصدر: وكالات)", ("وكالات",)),
    ("المصدر - رويترز", ("رويترز",)),
    # A tatweel drawn inside the label, another printed as the dash.
    ("المصـــدر ـ سكاي نيوز عربية", ("سكاي نيوز عربية",)),
    # The bureau's city after the outlet names no source.
    ("المصدر: سكاي نيوز عربية - أبوظبي", ("سكاي نيوز عربية",)),
    ("المصدر: رويترز - لندن", ("رويترز",)),
    ("المصدر – رويترز.", ("رويترز",)),
    ("المصدر: الأناضول + وكالات", ("الأناضول", "وكالات")),
    ("المصدر: ترك برس، ديلي صباح", ("ترك برس", "ديلي صباح")),
    ("المصادر: رويترز، فرانس برس، أسوشيتد برس", ("رويترز", "فرانس برس", "أسوشيتد برس")),
    ("المصدر: الجزيرة نت (بتصرف)", ("الجزيرة نت",)),
    ("\u200fالمصدر: TRT عربي", ("TRT عربي",)),
    ("المصدر رويترز", ("رويترز",)),
    ("المصدر: (إسطنبول - الأناضول)", ("الأناضول",)),
    ("المصدر: (دمشق - سانا)", ("سانا",)),
    ("مصدر الخبر: وكالة الأنباء السعودية", ("وكالة الأنباء السعودية",)),
    ("نقلاً عن وكالة الأنباء القطرية", ("وكالة الأنباء القطرية",)),
    ("نقلا عن صحيفة حرييت التركية", ("صحيفة حرييت التركية",)),
    ("عن وكالة الأناضول", ("وكالة الأناضول",)),
    ("عن رويترز وفرانس برس", ("رويترز", "فرانس برس")),
    # A paper's title in quotes alone after "عن", under a translated piece.
    ("عن «هآرتس»", ("هآرتس",)),
    ('عن "يديعوت أحرونوت"', ("يديعوت أحرونوت",)),
    ("المصدر: الأناضول ووكالات", ("الأناضول", "وكالات")),
    ("المصدر: وكالات / رويترز", ("وكالات", "رويترز")),
    ("المصدر: أ ف ب", ("أ ف ب",)),
    ("المصدر: القناة 12 العبرية", ("القناة 12 العبرية",)),
    ("المصدر: وكالة الأنباء الأردنية (بترا)", ("وكالة الأنباء الأردنية (بترا)",)),
    ("Source: Reuters", ("Reuters",)),
    ("Sources: AP, AFP", ("AP", "AFP")),
    ("With reports from Reuters and AFP", ("Reuters", "AFP")),
    ("Courtesy of Anadolu Agency", ("Anadolu Agency",)),
    # A nonprofit partner's story, as Newspack sites close it.
    (
        "This story was originally published by Arkansas Valley Journal and is republished "
        "here with permission.",
        ("Arkansas Valley Journal",),
    ),
    # A partner's story published by agreement.
    ("نُشر هذا التقرير بالاتفاق مع موقع «درج»", ("درج",)),
    ("بالاتفاق مع صحيفة «الأخبار»", ("الأخبار",)),
    # An agency's copy in the story, as the wire's closing credit says it.
    ("Reuters contributed to this report.", ("Reuters",)),
    ("AFP and Reuters contributed to this report.", ("AFP", "Reuters")),
    ("— Additional input from APP", ("APP",)),
    ("Additional reporting from PA", ("PA",)),
    # ... or the agencies that reported with the writer (Reuters's own staff name no source).
    ("Additional reporting by Nampa", ("Nampa",)),
    ("Additional reporting by AFP and Reuters", ("AFP", "Reuters")),
    # A report prepared from another outlet's: the outlet in guillemets.
    (
        "أعدت «إيلاف» هذا التقرير بتصرف عن «الغارديان» البريطانية. الأصل منشور على الرابط.",
        ("الغارديان",),
    ),
    # A company's legal form after a comma is part of its name.
    ("Source: Harborline Foods, Inc.", ("Harborline Foods, Inc.",)),
    ("Source: Reuters, AFP", ("Reuters", "AFP")),
    # The label in the page's language, before a colon.
    ("Quelle: dpa", ("dpa",)),
    ("Quellen: dpa, AFP", ("dpa", "AFP")),
    ("Źródło: PAP", ("PAP",)),
    ("Fuente: EFE", ("EFE",)),
    ("Fonte: ANSA", ("ANSA",)),
    ("Kaynak: AA", ("AA",)),
    ("Kilde: NTB", ("NTB",)),
    ("Источник: ТАСС", ("ТАСС",)),
    ("来源：新华网", ("新华网",)),
    ("出典：共同通信", ("共同通信",)),
]


@pytest.mark.parametrize(("line", "names"), SOURCE_LINES)
def test_a_source_line_closing_the_body_leaves_it(line, names):
    body, found = split_source_line([*STORY, line])
    assert body == STORY
    assert found.names == names
    assert found.raw == line.replace("\u00a0", " ").replace("\u200f", "")
    assert found.form == "source-line"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(أ ف ب)", ("أ ف ب",)),
        ("(وكالات)", ("وكالات",)),
        ("--(بنا)", ("بنا",)),
        ("— AP", ("AP",)),
        # Known agencies alone on the last line, no brackets or dash.
        ("وكالات", ("وكالات",)),
        ("رويترز", ("رويترز",)),
        ("الجزيرة نت + وكالات", ("الجزيرة نت", "وكالات")),
    ],
)
def test_a_paragraph_that_is_only_a_credit_leaves_the_body(line, names):
    body, found = split_source_line([*STORY, line])
    assert body == STORY
    assert (found.names, found.raw, found.form) == (names, line, "trailing-credit")


# A credit closing the last paragraph: (paragraph, what the paragraph keeps, names, raw).
TRAILING_CREDITS = [
    (f"{LAST}.--(بنا)", f"{LAST}.", ("بنا",), "--(بنا)"),
    (f"{LAST} - (واس)", LAST, ("واس",), "- (واس)"),
    (f"{LAST} -- (قنا)", LAST, ("قنا",), "-- (قنا)"),
    (f"{LAST}. (أ ف ب)", f"{LAST}.", ("أ ف ب",), "(أ ف ب)"),
    (f"{LAST}. (د ب أ)", f"{LAST}.", ("د ب أ",), "(د ب أ)"),
    (f"{LAST} ـ (كونا)", LAST, ("كونا",), "ـ (كونا)"),
    (f"{LAST} - (سبق)", LAST, ("سبق",), "- (سبق)"),
    (f"{LAST}. (رويترز، الأناضول)", f"{LAST}.", ("رويترز", "الأناضول"), "(رويترز، الأناضول)"),
    (
        "The new system should halve waiting times, the ministry said. (AFP)",
        "The new system should halve waiting times, the ministry said.",
        ("AFP",),
        "(AFP)",
    ),
    (
        "Officials expect the rest of the provinces to follow early next year. — AP",
        "Officials expect the rest of the provinces to follow early next year.",
        ("AP",),
        "— AP",
    ),
]


@pytest.mark.parametrize(("paragraph", "kept", "names", "raw"), TRAILING_CREDITS)
def test_a_credit_closing_the_last_paragraph_is_cut_from_it(paragraph, kept, names, raw):
    body, found = split_source_line([*STORY, paragraph])
    assert body == [*STORY, kept]
    assert (found.names, found.raw, found.form) == (names, raw, "trailing-credit")


# The credit inside an opening dateline: (first paragraph, names, raw). The paragraph stays.
DATELINES = [
    (f"الرياض (واس) -- {LAST}.", ("واس",), "الرياض (واس) --"),
    (f"القاهرة - (أ ش أ) - {LAST}.", ("أ ش أ",), "القاهرة - (أ ش أ) -"),
    (f"بيروت ـ «القدس العربي»: {LAST}.", ("القدس العربي",), "بيروت ـ «القدس العربي»:"),
    (f"أنقرة/ الأناضول {LAST}.", ("الأناضول",), "أنقرة/ الأناضول"),
    (f"رام الله (وفا) – {LAST}.", ("وفا",), "رام الله (وفا) –"),
    # The agency alone in brackets, no place before it (a Somali site's copy of SONNA).
    (f"(صونا) – {LAST}.", ("صونا",), "(صونا) –"),
    (f"عمان - بترا - {LAST}.", ("بترا",), "عمان - بترا -"),
    # Two agencies, each in its guillemets (Al Rai's): one credit of both, raw as printed.
    (f"واشنطن - «رويترز»، «أ ف ب» - {LAST}.", ("رويترز", "أ ف ب"), "واشنطن - «رويترز»، «أ ف ب» -"),
    (f"الدوحة (قنا) - {LAST}.", ("قنا",), "الدوحة (قنا) -"),
    (f"دمشق ـ (سانا): {LAST}.", ("سانا",), "دمشق ـ (سانا):"),
    ("PARIS (AFP) — France will tighten its asylum rules next year.", ("AFP",), "PARIS (AFP) —"),
    (
        "GAZA CITY, Gaza Strip (AP) — Aid trucks crossed into the territory on Tuesday.",
        ("AP",),
        "GAZA CITY, Gaza Strip (AP) —",
    ),
    (
        "BEIRUT/THE HAGUE, March 7 (Reuters) - An investigation into the strike was opened.",
        ("Reuters",),
        "BEIRUT/THE HAGUE, March 7 (Reuters) -",
    ),
    (f"الرياض 12 ديسمبر (واس) - {LAST}.", ("واس",), "الرياض 12 ديسمبر (واس) -"),
    # SPA's dated dateline, the Hijri day and the Gregorian, the story run on after it.
    (
        f"الرياض 24 جمادى الآخرة 1448 هـ الموافق 04 ديسمبر 2026 م واس {LAST}.",
        ("واس",),
        "الرياض 24 جمادى الآخرة 1448 هـ الموافق 04 ديسمبر 2026 م واس",
    ),
    # A colon after the place, the paper's own name in guillemets (Gulf dailies).
    ("دبي: «الخليج»", ("الخليج",), "دبي: «الخليج»"),
    (f"لندن: «الشرق الأوسط» - {LAST}.", ("الشرق الأوسط",), "لندن: «الشرق الأوسط» -"),
    # ... a name with no article, in guillemets (Saudi dailies).
    ("جدة: «عكاظ»", ("عكاظ",), "جدة: «عكاظ»"),
    (f"الرياض: «سبق» - {LAST}.", ("سبق",), "الرياض: «سبق» -"),
    # The national agencies' own datelines (Gulf, Yemen, Libya, Sudan, Maghreb).
    (f"الدوحة في 01 ديسمبر /قنا/ {LAST}.", ("قنا",), "الدوحة في 01 ديسمبر /قنا/"),
    (f"مسقط في 1 ديسمبر /العُمانية/ {LAST}.", ("العُمانية",), "مسقط في 1 ديسمبر /العُمانية/"),
    (f"المنامة في 1 ديسمبر / بنا / {LAST}.", ("بنا",), "المنامة في 1 ديسمبر / بنا /"),
    (f"ريو دي جانيرو في 18 أغسطس /قنا/ {LAST}.", ("قنا",), "ريو دي جانيرو في 18 أغسطس /قنا/"),
    (f"الكويت - 1 - 12 (كونا) -- {LAST}.", ("كونا",), "الكويت - 1 - 12 (كونا) --"),
    (f"صنعاء - سبأ: {LAST}.", ("سبأ",), "صنعاء - سبأ:"),
    (f"طرابلس 1 ديسمبر 2026 (وال) - {LAST}.", ("وال",), "طرابلس 1 ديسمبر 2026 (وال) -"),
    (f"الخرطوم 1-12-2026 (سونا) - {LAST}.", ("سونا",), "الخرطوم 1-12-2026 (سونا) -"),
    (f"تونس (وات) - {LAST}.", ("وات",), "تونس (وات) -"),
    (f"نواكشوط (ومأ) - {LAST}.", ("ومأ",), "نواكشوط (ومأ) -"),
    # The agencies that print no bracket: WAFA after the day, a dash closing it; SANA joined
    # to the place by a dash, on a line of its own or running into the story; any known
    # agency between dashes.
    (f"رام الله 1-12-2026 وفا- {LAST}.", ("وفا",), "رام الله 1-12-2026 وفا-"),
    (f"غزة 1-12-2026 وفا - {LAST}.", ("وفا",), "غزة 1-12-2026 وفا -"),
    ("دمشق-سانا", ("سانا",), "دمشق-سانا"),
    (f"دير الزور-سانا {LAST}.", ("سانا",), "دير الزور-سانا"),
    (f"دمشق - سانا: {LAST}.", ("سانا",), "دمشق - سانا:"),
    (f"الرباط - ومع - {LAST}.", ("ومع",), "الرباط - ومع -"),
    # Ma'an's own dateline, the dash unspaced after the place.
    (f"الخليل- معا- {LAST}.", ("معا",), "الخليل- معا-"),
    # An American wire's place with its state's abbreviation, points and all.
    (
        "CEDAR KEY, Fla. (AP) — Hurricane Nadia crashed ashore on Thursday.",
        ("AP",),
        "CEDAR KEY, Fla. (AP) —",
    ),
    ("NEW YORK, N.Y. (AP) — The city's schools reopened.", ("AP",), "NEW YORK, N.Y. (AP) —"),
    # A Gulf paper's bracketed credit with no dash, the story run on after it: the agency,
    # and the paper's own name beside it.
    (f"أبوظبي (الاتحاد، وام) {LAST}.", ("الاتحاد", "وام"), "أبوظبي (الاتحاد، وام)"),
    (f"دبي (وام) {LAST}.", ("وام",), "دبي (وام)"),
]


@pytest.mark.parametrize(("opening", "names", "raw"), DATELINES)
def test_the_credit_of_an_opening_dateline_is_recorded_and_the_paragraph_kept(opening, names, raw):
    # A dateline that opens the story's first sentence stays in it; one printed as a line
    # of its own is a credit line, no story text.
    paragraphs = [opening, *STORY]
    body, found = split_source_line(paragraphs)
    assert body == (paragraphs[1:] if opening == raw else paragraphs)
    assert (found.names, found.raw, found.form) == (names, raw, "dateline")


@pytest.mark.parametrize(
    "line",
    [
        "الرياض 22 جمادى الآخرة 1448 هـ الموافق 03 ديسمبر 2026 م واس",
        "جدة 3 ديسمبر 2026 واس",
        "القاهرة - أ ش أ",
    ],
)
def test_a_dateline_on_a_line_of_its_own_is_the_source_and_leaves_the_body(line):
    body, found = split_source_line([line, *STORY])
    assert body == STORY
    assert found.form == "dateline" and found.raw == line


@pytest.mark.parametrize(
    ("credit", "credited"),
    [("(وات)", ("وات",)), ("(رويترز)", ("رويترز",)), ("(مكتب الإعلام)", None)],
)
def test_a_known_agency_closing_the_first_paragraph_is_its_credit(credit, credited):
    # Tunisian papers close the lead of TAP's copy on "(وات)"; a bracket naming no agency
    # is the sentence's own.
    lead = f"{STORY[0]} {credit}"
    body, found = split_source_line([lead, *STORY[1:], LAST])
    if credited is None:
        assert (body[0], found) == (lead, None)
    else:
        assert (body, found.names) == ([STORY[0], *STORY[1:], LAST], credited)


@pytest.mark.parametrize(
    "closing",
    [
        "// انتهى //",
        "(النهاية) م ع ح / ع ب",
        "15:42ت م",
        "09:10 ت غ",
        "-انتهى-",
        "ر.ح/ م.ع",
        "/ع.ف",
        "ــــ",
        "وام/عاصم الخولي/أحمد النعيمي",
    ],
)
def test_an_agency_s_sign_off_and_time_stamp_leave_the_body(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == STORY


def test_petra_s_sign_off_its_date_and_the_page_tools_under_it_leave_the_body():
    closing = ["-- (بترا) ع ح/ م ت", "03/12/2026 14:25:11", "أرسل لصديق"]
    body, _ = split_source_line([*STORY, *closing])
    assert body == STORY
    body, _ = split_source_line([*STORY, "Send to a friend"])
    assert body == STORY


@pytest.mark.parametrize(
    "closing",
    [
        # A place and a figure after a slash, names not after an agency: story text.
        "القاهرة/ 12 مليون",
        "مصر/ أحمد علي/ محمد حسن",
        # A date inside a sentence.
        "وعقدت الجلسة الأولى في 03/12/2026 بحضور الوزراء",
    ],
)
def test_slashed_and_dated_lines_that_are_no_credit_stay(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == [*STORY, closing]


def test_a_sentence_opening_with_the_sign_off_word_stays():
    closing = "انتهى الاجتماع بالاتفاق على موعد الجولة المقبلة"
    body, _ = split_source_line([*STORY, closing])
    assert body == [*STORY, closing]


SHARE_BLOCK = ["شارك الخبر:", "فيسبوك", "تويتر", "واتساب", "تيليجرام"]
READ_ALSO = [
    "اقرأ أيضاً:",
    "تركيا تمدد العمل بنظام الحماية المؤقتة لستة أشهر إضافية",
    "ارتفاع أسعار الإيجارات في إسطنبول بنسبة 40 في المئة خلال عام",
]
# What sites print after the source line, inside the content container.
TRAILING_BLOCKS = [
    SHARE_BLOCK,
    READ_ALSO,
    [*SHARE_BLOCK, *READ_ALSO],
    ["فيسبوك"],
    ["شارك:", "Facebook | Twitter | WhatsApp | Telegram | LinkedIn"],
    ["مشاركة", "X", "فيس بوك"],
    ["شارك على فيسبوك", "شارك على تويتر"],
    ["Share this:", "Facebook", "X", "WhatsApp"],
    ["اقرأ أيضا: أردوغان يستقبل وفدا من رجال الأعمال الخليجيين في أنقرة"],
    ["Related:", "Turkey extends temporary protection for another six months"],
    ["Read also: Istanbul rents rise 40 percent in a year"],
    ["اشترك في النشرة البريدية", "أدخل بريدك الإلكتروني", "اشترك"],
    ["Subscribe to our newsletter", "Enter your email"],
    ["تابعونا على تويتر"],
    ["تابع آخر الأخبار عبر قناتنا على تليجرام"],
    ["تابعونا على تيليجرام", *READ_ALSO, "ذات صلة", "قراءة في أرقام الهجرة لعام 2025"],
    ["© 2025 أخبار تركيا الآن. جميع الحقوق محفوظة"],
    # A site's notice, not a credit: it names no source, and it is no story text either.
    ["جميع الحقوق محفوظة، ويسمح بالاقتباس مع ذكر المصدر."],
    [*SHARE_BLOCK, "جميع الحقوق محفوظة لموقع ترك برس"],
    ["READ NEXT: Cape Town heads into a weekend of shifting skies"],
    ["<Copyright ⓒ 한국일보. All rights reserved. 무단 전재 및 재배포 금지>"],
    # A press office's contact block.
    ["Media Contact", "Priya Natarajan", "University Communications", "479-555-0199"],
    ["للتواصل الإعلامي:", "إدارة الاتصال المؤسسي", "media@ministry.example"],
    # Closing appeals for money or membership.
    ["Support our journalism: become a member today."],
    ["ادعم صحافتنا المستقلة بالاشتراك في الموقع"],
    # The site's channel or app, in plain text with no link.
    ["لمتابعة آخر الأخبار اشترك في قناتنا على تليجرام"],
    ["انضموا إلى قناتنا على واتساب لمتابعة آخر الأخبار"],
    ["تابعونا على تطبيق نبض"],
    # A comments invitation; a syndicated feed's note.
    ["Join thought-provoking conversations, follow other readers and see their replies"],
    ["(This story has not been edited by our staff and is auto-generated from a syndicated feed.)"],
    # The site's app or daily digest in other languages; a call to keep to the comment rules.
    ["Stay updated with the latest news on Times of India. Download the TOI app now."],
    ["Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com."],
    ["Шановні читачі, просимо дотримуватися Правил коментування"],
    # A Chinese paper's editor line and copyright notice.
    ["（編輯：林大同）1151204"],
    ["【纠错】【责任编辑:王小明】"],
    ["制作单位：新华网股份有限公司 版权所有：新华网股份有限公司"],
    # The story's topics under their header; the paper's accounts and newsletter.
    ["Archivado En", "Haití", "ONU"],
    ["Mots-clés :", "Assemblée nationale", "Budget"],
    ["الكلمات المفتاحية", "تركيا", "الهجرة"],
    ["Sigue toda la información internacional en Facebook y X, o en nuestra newsletter semanal."],
    ["Suivez toute l'actualité sur Facebook et Instagram"],
    # A release wire's link to the release and its pitch to companies.
    [
        "View original content to download multimedia:https://www.prnewswire.com/news-releases/"
        "harborline-foods-reports-third-quarter-fiscal-2027-results-302318842.html"
    ],
    # An old page's tools under the story.
    ["Print this story | E-mail this story | Write a letter to the editor"],
    ["طباعة | أرسل لصديق"],
    # A list of the site's most watched videos; the paper's Telegram group, its name quoted.
    ["VÍDEOS: mais assistidos do g1 SP"],
    [
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update"'
    ],
    # The readers' comments shown under the story, each with its writer's name.
    ["Top Comment", "Good decision, inflation must be controlled first.", "Ramesh Kumar"],
    ["التعليقات", "خبر مهم شكرا على المتابعة", "أبو أحمد"],
    # A paywall's pitch, a nonprofit's republishing box and appeal, a print view's links.
    [
        "Keep reading with a subscription",
        "Independent journalism like this takes months. Subscribe today for 99¢ for your "
        "first month and get unlimited access to The Metro Standard.",
        "- Unlimited articles on any device",
        "- Subscriber-only newsletters",
    ],
    [
        "Republish this story",
        "Northline stories may be republished for free under a Creative Commons license. "
        "Please credit the author and Northline and do not edit the text except for style.",
        "This story was made possible by readers like you. Northline is a nonprofit newsroom. "
        "Support independent reporting on the interior West with a tax-deductible gift.",
        "Give now",
    ],
    [
        "Harriet Osei can be reached at hosei@observer.example or 555-0131.",
        "Links in this article:",
    ],
    # A translation plugin's line: WPML's under a translated post, a link to the English one.
    ["This post is also available in: English"],
    ["هذا المقال متوفر أيضاً باللغة: English"],
    ["Read this in English: Oil prices rise after OPEC+ extends output cuts"],
    [
        "WANT YOUR COMPANY'S NEWS FEATURED ON PRNEWSWIRE.COM?",
        "440k+ Newsrooms & Influencers · 9k+ Digital Media Outlets · 270k+ Journalists Opted In",
        "GET STARTED",
    ],
    # A paper's press council; a national daily's "latest updates" pitch; a newsletter
    # card, its name over its pitch.
    ["Southern Press is a proud member of the New Zealand Media Council."],
    [
        "Get Latest Updates on Delhi News alongside India News and more. Stay informed with "
        "real-time coverage, breaking stories and in-depth analysis."
    ],
    [
        "The Property Newsletter",
        "Get the latest property news, market insights and expert advice delivered every "
        "Wednesday. Sign up now.",
    ],
    # A bar of the site's links under the story; a columnist's account signing it.
    ["Support HKFP | Policies & Ethics | Error/typo? | Contact Us | Newsletter | Apps"],
    ["X: @anwar_alshatti"],
]


@pytest.mark.parametrize("trailer", TRAILING_BLOCKS, ids=lambda t: t[0][:20])
def test_trailing_blocks_leave_the_body_and_the_source_line_is_found_above_them(trailer):
    body, found = split_source_line([*STORY, "المصدر: الأناضول", *trailer])
    assert body == STORY
    assert found.names == ("الأناضول",)
    body, found = split_source_line([*STORY, f"{LAST}.--(بنا)", *trailer])
    assert body == [*STORY, f"{LAST}."] and found.raw == "--(بنا)"


@pytest.mark.parametrize(
    "last",
    [
        "The charity asked residents to donate blankets and support the shelter.",
        'Der Verein bittet: "Unterstützen Sie uns mit einer Spende".',
        "وطالبت الجمعية الأهالي بالتبرع بالدم لدعم مرضى المستشفى الحكومي.",
    ],
)
def test_a_storys_last_sentence_about_donations_stays(last):
    body, found = split_source_line([*STORY, last])
    assert body == [*STORY, last] and found is None


@pytest.mark.parametrize(
    "last",
    [
        "Results: Hamilton 2 | Nelson 1 | Otago 0, with the final still to be played.",
        "The three routes are Kwun Tong | Sai Kung | Tai Po.",
    ],
)
def test_a_last_line_with_bars_that_tells_the_story_stays(last):
    body, found = split_source_line([*STORY, last])
    assert body == [*STORY, last] and found is None


def test_a_story_sentence_about_copyright_stays():
    line = "وقالت المحكمة إن حقوق النشر لا تحمي الأفكار بل طريقة التعبير عنها فقط."
    body, found = split_source_line([*STORY, line])
    assert body == [*STORY, line] and found is None


def test_trailing_blocks_leave_a_body_that_has_no_source_line():
    body, found = split_source_line([*STORY, *SHARE_BLOCK, *READ_ALSO])
    assert body == STORY and found is None


def test_a_read_also_box_between_the_story_and_its_source_line_leaves_the_body():
    body, found = split_source_line([*STORY, *READ_ALSO, "المصدر: ترك برس", *SHARE_BLOCK])
    assert body == STORY and found.names == ("ترك برس",)


def test_a_source_line_may_be_followed_by_a_short_note_that_stays():
    note = "تم تحديث الخبر بإضافة تصريحات وزير الداخلية."
    body, found = split_source_line([*STORY, "المصدر: الأناضول", note, "فيسبوك"])
    assert body == [*STORY, note] and found.names == ("الأناضول",)


def test_an_inline_read_also_item_takes_no_story_text_after_it():
    item = "اقرأ أيضا: أردوغان يستقبل وفدا من رجال الأعمال الخليجيين في أنقرة"
    closing = "ولم تحدد الوزارة موعدا لبدء المرحلة الثانية."
    body, found = split_source_line([*STORY, item, closing, "فيسبوك"])
    assert body == [*STORY, item, closing] and found is None


def test_a_source_line_opening_the_body_names_a_known_outlet():
    body, found = split_source_line(["نقلا عن وكالة الأناضول", *STORY])
    assert body == STORY
    assert (found.names, found.form) == (("وكالة الأناضول",), "source-line")


def test_a_dateline_after_a_short_dek_is_found_and_not_after_story_text():
    dek = "الحكومة تعلن خطة لتسريع تجديد بطاقات الحماية المؤقتة"
    opening = f"أنقرة (الأناضول) - {LAST}."
    body, found = split_source_line([dek, opening, *STORY])
    assert found.raw == "أنقرة (الأناضول) -" and body == [dek, opening, *STORY]
    assert split_source_line([*STORY, opening, *STORY])[1] is None


def test_the_end_wins_over_the_start():
    body, found = split_source_line([f"الرياض (واس) -- {LAST}.", *STORY, "المصدر: وكالات"])
    assert found.raw == "المصدر: وكالات" and body[0].startswith("الرياض (واس) --")


def test_a_source_line_in_the_middle_of_the_body_is_not_taken():
    paragraphs = [*STORY, "المصدر: الأناضول", *STORY, f"{LAST}."]
    assert split_source_line(paragraphs) == (paragraphs, None)


# Realistic paragraphs that must not be taken for a credit, at the end of the body.
NOT_CREDITS_AT_THE_END = [
    "وقال المصدر إن المفاوضات ستستأنف الأسبوع المقبل في أنقرة.",
    "المصدر الذي طلب عدم الكشف عن اسمه أكد أن القرار نهائي ولن يتم التراجع عنه",
    "المصدر: الحكومة لن تتراجع عن قرار رفع أسعار الكهرباء",
    "مصدر أمني: لا صحة للأنباء عن اعتقال قيادات في الحزب",
    "نقلا عن مصادر مطلعة قولها إن الاجتماع سيعقد الأسبوع المقبل",
    "عن الكاتب: صحفي تركي مقيم في إسطنبول",
    "عن «الحرب» التي لم تنته بعد في ذاكرة المدينة",
    "المصدرون الأتراك يطالبون بدعم حكومي لمواجهة تراجع الطلب الأوروبي",
    "وتعد تركيا ثاني أكبر جيش في حلف شمال الأطلسي (ناتو).",
    "وأكد البيان أن القرار جاء بناء على توصية من وكالة الأنباء السعودية (واس)",
    "«لن نقبل بأي تسوية لا تضمن عودة آمنة للاجئين» (قال المصدر)",
    "وبلغ عدد زوار المعرض نحو مليوني زائر في دورته الأخيرة (2024).",
    "وارتفعت صادرات المنسوجات التركية إلى أوروبا بنسبة 12 في المئة - (2025)",
    "وعرضت القناة مشاهد من موقع الانفجار في المنطقة الصناعية - (فيديو)",
    "وتستمر حملة التطعيم حتى نهاية الشهر الجاري في جميع المراكز الصحية. (انتهى)",
    "وأشار إلى أن العمل جار على إصلاح الطريق، بحسب ما أفادت به وكالة الأناضول.",
    "شارك في الاجتماع وزراء خارجية تركيا وسوريا والأردن والعراق.",
    "اشترك في الحرب العالمية الثانية أكثر من ستين بلدا",
    "Sources said the talks would resume next week in Ankara.",
    "Source code for the translation model is available on GitHub",
    "The ministry said the figures were provisional (2025).",
    "The alliance's members (NATO) met in Brussels",
    "Turkey has hosted the largest refugee population in the world since 2014 (Reuters)",
    "ويظهر في الصورة جانب من أعمال الترميم في الجامع الكبير - (صورة: أرشيفية)",
    "وتعرض الصورة لحظة وصول الوفد إلى مطار أنقرة - (الصورة)",
    "المصدر: " + "كلمة " * 40,
    # Short last lines that are no agency: a name, a place, an institution.
    "سامي الخطيب",
    "واشنطن",
    "الحكومة",
]


@pytest.mark.parametrize("paragraph", NOT_CREDITS_AT_THE_END)
def test_paragraphs_that_are_not_credits_stay_in_the_body(paragraph):
    paragraphs = [*STORY, paragraph]
    assert split_source_line(paragraphs) == (paragraphs, None)


# ... and opening paragraphs that are not datelines with a credit.
NOT_DATELINES = [
    "قال مصدر (فضل عدم الكشف عن هويته): إن الاجتماع سيعقد في موعده.",
    "أعلنت وزارة الصحة (الأحد) - في بيان رسمي - ارتفاع عدد الإصابات.",
    "ذكرت صحيفة «حرييت» التركية أن الحكومة تدرس رفع الحد الأدنى للأجور.",
    "وقال «أحمد»، «محمد» إن الاجتماع سيعقد في موعده.",
    "المصدر: الحكومة تدرس رفع الحد الأدنى للأجور مطلع العام",
    "اليمن - الجزيرة العربية تشهد موجة حر غير مسبوقة هذا الصيف.",
    "الرئيس التركي (رجب طيب أردوغان) - كما وصفته الصحافة - يستعد لجولة خليجية.",
    "المصدر: ترك برس",  # an unknown outlet at the start: a heading as likely as a credit
    # A quote after a colon is no paper's name.
    "الحكومة في 3 مرات / متتالية / رفضت الطلب المقدم من النواب.",  # no agency between slashes
    "وأضاف: «سنواصل العمل»",
    "وتابع: «لا تراجع»",
    "قالت: «نعم»",
    "الوزير: «نحن ماضون في الإصلاح الشامل للقطاع»",
    # After the day or a joining dash, only a known agency credits: not a person, not a
    # place, not an agency's name the story merely opens with.
    "رام الله 1-12-2026 محمد- وصل الوفد إلى المدينة صباح اليوم.",
    "حلب-إدلب طريق دولي أعيد افتتاحه أمام حركة الشاحنات.",
    "حمص-خالد العلي يفوز بجائزة الرواية العربية لهذا العام.",
    "رام الله 1-12-2026 وفا قالت إنها ستصدر تقريرا مفصلا.",
    "الرياض 3 ديسمبر 2026 واس قالت إنها ستنشر التقرير كاملا غدا.",
    "دمشق - سانا نشرت صورا للاجتماع الوزاري في العاصمة.",
    # Brackets opening the story that name no agency: a format's label.
    "(فيديو) – شاهد لحظة وصول الوفد إلى المطار صباح اليوم.",
    "(تحديث) - ارتفع عدد الضحايا إلى 12 بحسب الدفاع المدني.",
    # A paper's name alone in the brackets, the story run on after them: no credit.
    "أبوظبي (الاتحاد) أطلقت وزارة الصحة حملة وطنية للتطعيم.",
]


@pytest.mark.parametrize("opening", NOT_DATELINES)
def test_opening_paragraphs_that_are_not_credits_stay(opening):
    paragraphs = [opening, *STORY]
    assert split_source_line(paragraphs) == (paragraphs, None)


@pytest.mark.parametrize("line", ["", "مصدر", "(", "المصدر:", "— ", "()"])
def test_empty_and_broken_lines_are_not_source_lines(line):
    assert parse_source_line(line) is None


def _extract(html: bytes, response: dict, profile: str):
    reference = http_date(response["headers"]["Date"])
    return extract_page(html, response["url"], reference, profile=profile).article


# The blocks appended after the source line, inside the content container, as a site
# without a share plugin prints them.
APPENDED = (
    "<p><strong>شارك الخبر:</strong></p>"
    '<p><a href="https://www.facebook.com/sharer.php">فيسبوك</a> | '
    '<a href="https://x.com/intent/tweet">تويتر</a> | '
    '<a href="https://wa.me/">واتساب</a> | <a href="https://t.me/share">تيليجرام</a></p>'
    "<h3>اقرأ أيضاً:</h3><ul>"
    '<li><a href="/2025/12/14/renewal/">تركيا تمدد العمل بنظام الحماية المؤقتة لستة أشهر</a></li>'
    '<li><a href="/2025/12/13/rents/">ارتفاع أسعار الإيجارات في إسطنبول بنسبة 40 في المئة</a></li>'
    "</ul>"
)


@pytest.mark.parametrize("profile", ["auto", "generic"])
@pytest.mark.parametrize(
    ("page", "source_line"),
    [
        ("zox-demo/post-10350", "<p>المصدر: ترك برس، ديلي صباح</p>"),
        ("jnews-demo/post-4101", "<p>المصدر: بترا</p>"),
    ],
)
def test_a_page_with_blocks_after_its_source_line(page, source_line, profile):
    html = (FIXTURES / f"{page}.html").read_text(encoding="utf-8")
    response = json.loads((FIXTURES / f"{page}.response.json").read_text(encoding="utf-8"))
    assert html.count(source_line) == 1
    plain = _extract(html.encode(), response, profile)
    html = html.replace(source_line, source_line + APPENDED)
    article = _extract(html.encode(), response, profile)
    assert article.source and article.source == plain.source
    assert article.source_raw == plain.source_raw
    assert article.provenance["source"] == "source-line"
    assert article.body == plain.body
    appended = ("شارك", "فيسبوك", "تيليجرام", "اقرأ", "تمدد العمل", "أسعار الإيجارات")
    for text in ("المصدر", *appended):
        assert text not in article.body


LAST_OF_10350 = (
    "<p>ونصحت الولاية المتقدمين بالتأكد من صلاحية عقد الإيجار والتأمين الصحي قبل حجز الموعد، "
    "لتجنب رفض الطلب أو تأجيله.</p>\n<p>المصدر: ترك برس، ديلي صباح</p>"
)


@pytest.mark.parametrize("profile", ["auto", "generic"])
@pytest.mark.parametrize(
    "typed",
    [
        # Shift+Enter in the editor, then a minifier that strips the newline after <br />.
        "<br />المصدر: ترك برس، ديلي صباح</p>",
        "<br><strong>المصدر:</strong> ترك برس، ديلي صباح</p>",
        "<br />\n<em>المصدر: ترك برس، ديلي صباح</em></p>",
    ],
)
def test_a_source_line_typed_after_a_line_break_in_the_last_paragraph(typed, profile):
    page = "zox-demo/post-10350"
    html = (FIXTURES / f"{page}.html").read_text(encoding="utf-8")
    response = json.loads((FIXTURES / f"{page}.response.json").read_text(encoding="utf-8"))
    assert html.count(LAST_OF_10350) == 1
    plain = _extract(html.encode(), response, profile)
    joined = LAST_OF_10350.split("</p>")[0] + typed
    article = _extract(html.replace(LAST_OF_10350, joined).encode(), response, profile)
    assert article.source == plain.source == ["ترك برس", "ديلي صباح"]
    assert article.provenance["source"] == "source-line"
    assert article.body == plain.body
    assert "المصدر" not in article.body


@pytest.mark.parametrize("profile", ["auto", "generic"])
def test_a_line_break_with_no_white_space_after_it_parts_the_words(profile):
    page = "zox-demo/post-10350"
    html = (FIXTURES / f"{page}.html").read_text(encoding="utf-8")
    response = json.loads((FIXTURES / f"{page}.response.json").read_text(encoding="utf-8"))
    broken = html.replace("صلاحية عقد الإيجار والتأمين", "صلاحية عقد الإيجار<br>والتأمين", 1)
    article = _extract(broken.encode(), response, profile)
    assert "الإيجاروالتأمين" not in article.body
    assert "صلاحية عقد الإيجار\n\nوالتأمين الصحي" in article.body


@pytest.mark.parametrize(
    ("note", "names"),
    [
        ("*هذه المادة مترجمة عن اندبندنت", ("اندبندنت",)),
        ("هذا المقال مترجم عن الغارديان", ("الغارديان",)),
        ("This article was translated from Le Monde.", ("Le Monde",)),
    ],
)
def test_a_translation_s_note_names_its_source_and_leaves_the_body(note, names):
    body, found = split_source_line([*STORY, note])
    assert body == STORY and found.names == names


@pytest.mark.parametrize("note", ["مترجمة عن الفرنسية", "Translated from the Arabic by Sara Ali"])
def test_a_language_translated_from_is_no_source(note):
    _, found = split_source_line([*STORY, note])
    assert found is None


@pytest.mark.parametrize(
    "closing",
    [
        "—Associated Press writer John Leicester in Paris contributed to this report.",
        "Peoples reported from New York and Thomson-DeVeaux from Washington. Associated Press "
        "writers Will Weissert in Johnstown, Pennsylvania, and Bill Barrow in Atlanta "
        "contributed to this report.",
        "Reporting by Maya Gebeilly in Beirut, Anthony Deutsch in The Hague and David Clarke in "
        "London; Writing by David Clarke; Editing by Daniel Flynn",
        "(With inputs from PTI)",
        "Jane Doe can be reached at jdoe@example.com or 555-1234.",
        # A wire's link to its topic hub, after a rule of underscores.
        "AP NBA: https://apnews.com/hub/nba",
        # The topics on their label's line, under a story split by <br>s.
        "الكلمات الدالة: الموارد المائية ، سد الموصل ، سد حديثة",
        # An agency editor's initials, a desk's slug, the reporter's address, an editor's
        # credit, a reporting scheme's funding note, the comments' disclaimer.
        "ع.ف",
        "cm-lb/jz/rmb",
        "/cb",
        "tanesha.clarke@islandherald.com.jm",
        "Edited by: Martin Kühn",
        "--Editing by Kristen Alvarez.",
        "(END)",
        "This is a developing story. Check back for updates.",
        "Update: This story has been updated with comment from the company.",
        "This story can be republished for free (details).",
        "Local Democracy Reporting is local body journalism co-funded by RNZ and NZ On Air.",
        "Disclaimer: Comments do not represent the views of Philippine Courier. We reserve the "
        "right to exclude comments which are inconsistent with our editorial standards.",
        # The other hands after the contributors, a newsroom's note on itself, a cookie
        # notice in an old layout's main block.
        "Alice Crane and Tomás Herrera contributed to this report. Data analysis by Leah Marsh.",
        "Pulse Health News is a national newsroom that produces in-depth journalism about "
        "health issues and is one of the core operating programs at the Midland Health Policy "
        "Foundation — an independent source of health policy research, polling, and "
        "journalism. Learn more about Pulse.",
        "THE TOKAI SHIMBUN uses cookies to improve your experience. By continuing to browse "
        "you agree.",
        # A partnership's note, a translation's, an editor's in brackets, a chain's other
        # reporters, the writers' names again under the story.
        "This story is part of a collaboration between KVRM and the Mountain West News "
        "Bureau, which covers water, land and tribal affairs across six states.",
        "Translation of an original article published in French on lecourrierdeparis.fr; the "
        "publisher may only be liable for the French version.",
        "[Edited by Zoran Vidaković/Alice Taylor]",
        "Contributing: Ben Torres, Heartland Network",
        "By Minh Anh, Hoang Long",
    ],
)
def test_an_english_wire_story_s_closing_credits_leave_the_body(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == STORY


def test_a_republishing_box_leaves_the_body_with_its_header():
    box = ["USE OUR CONTENT", "This story can be republished for free (details)."]
    body, _ = split_source_line([*STORY, *box])
    assert body == STORY


def test_the_paper_s_desk_beside_an_agency_credits_the_agency():
    body, found = split_source_line([*STORY, "– TIMES/AFP"])
    assert body == STORY and found.names == ("AFP",)


def test_a_news_agency_reported_in_the_first_sentence_is_the_source():
    opening = "أبوظبي - أفادت وكالة أنباء الإمارات (وام) اليوم بأن الحكومة أقرت خطة جديدة."
    body, found = split_source_line([opening, *STORY])
    assert body == [opening, *STORY] and found.names == ("وكالة أنباء الإمارات (وام)",)


def test_another_agency_announcing_is_no_source():
    opening = "أبوظبي - أعلنت وكالة الإمارات للفضاء اليوم أن المسبار وصل إلى مداره."
    _, found = split_source_line([opening, *STORY])
    assert found is None


def test_a_desk_slug_before_bracketed_agencies_credits_them():
    body, found = split_source_line([*STORY, "jk/rs (dpa, Reuters)"])
    assert body == STORY and found.names == ("dpa", "Reuters")


@pytest.mark.parametrize(
    "closing",
    [
        "+971 4 555 2190",
        "هل وصلك خبر تشك في صحته؟ أرسله لنا عبر واتساب على الرقم 0790000000",
        "المكتب الإعلامي لوزارة الموارد المائية",
    ],
)
def test_a_contact_number_a_tip_line_and_an_office_s_sign_off_leave_the_body(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == STORY


def test_a_correction_closing_the_story_stays():
    closing = "Correction: An earlier version of this story misstated the jail's capacity."
    body, _ = split_source_line([*STORY, closing])
    assert body == [*STORY, closing]


def test_two_unknown_words_after_a_dash_are_no_credit():
    _, found = split_source_line([*STORY, "– TIMES/POST"])
    assert found is None


def test_an_agreement_with_anything_but_an_outlet_is_no_credit():
    closing = "بالاتفاق مع الحكومة."
    body, found = split_source_line([*STORY, closing])
    assert body == [*STORY, closing] and found is None


def test_a_story_s_co_funding_sentence_stays():
    closing = "The project is co-funded by the EU and the government."
    body, found = split_source_line([*STORY, closing])
    assert body == [*STORY, closing] and found is None


@pytest.mark.parametrize(("closing", "names"), [("أ.ف.ب", ("أ.ف.ب",)), ("dpa/afp", ("dpa", "afp"))])
def test_agencies_initials_are_their_credit_not_an_editor_s_sign_off(closing, names):
    body, found = split_source_line([*STORY, closing])
    assert body == STORY and found.names == names


def test_a_writer_who_contributed_is_no_source():
    body, found = split_source_line([*STORY, "Jane Doe contributed to this report."])
    assert body == STORY and found is None


def test_a_story_sentence_about_contributions_stays():
    closing = "Residents who contributed to this report of damage were thanked by the mayor."
    body, _ = split_source_line([*STORY, closing])
    assert body == [*STORY, closing]


@pytest.mark.parametrize(
    "closing",
    [
        "___",
        "On Twitter @LJSReist",
        "Reach the writer at 402-473-7226 or mreist@journalstar.com",
        "Polly Smith is a Guardian columnist",
        "- Do you have an opinion on the issues raised in this article? If you would like to "
        "submit a response of up to 300 words by email to be considered for publication in our "
        "letters section, please click here.",
        # A membership, newsletter, print or subscription pitch, a funder's note, a paper's
        # end mark, Facebook's comments box heading, an editor's initials after a rule
        # (NNA's).
        "The Spinoff is made possible by our members. Join today and help us keep telling the "
        "stories that matter to Aotearoa.",
        "Love The Spinoff? Become a member.",
        "Join Spinoff Members",
        "Get the Post's morning newsletter in your inbox every day.",
        "Get the Outlook magazine at your doorstep",
        "To subscribe email subscriptions@creamermedia.co.za or click here",
        "Civil Beat’s coverage of environmental issues is supported in part by grants from the "
        "Kōkua ʻĀina Fund and the Frear Family Foundation.",
        "[Tyee]",
        "تعليقات فيسبوك",
        "================ ن.ع",
        # A column's line on its writer after an asterisk.
        "* عائشة بنت سيف الحارثية كاتبة وباحثة في الإعلام الرقمي",
    ],
)
def test_a_local_paper_s_and_an_opinion_page_s_closing_lines_leave_the_body(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == STORY


# The story's last sentence closing on the outlet it was reported by: (closing, names, raw).
CLOSING_ATTRIBUTIONS = [
    (
        "، وفق ما أوردته وكالة الأنباء الكويتية (كونا).",
        ("وكالة الأنباء الكويتية (كونا)",),
        "وفق ما أوردته وكالة الأنباء الكويتية (كونا)",
    ),
    (" حسبما ذكرت رويترز.", ("رويترز",), "حسبما ذكرت رويترز"),
    ("، بحسب ما نقلته وكالة الأناضول", ("وكالة الأناضول",), "بحسب ما نقلته وكالة الأناضول"),
    (" وفقا لما بثته وكالة الأنباء السعودية (واس).", ("وكالة الأنباء السعودية (واس)",), None),
    ("، نقلا عن وكالة فرانس برس.", ("وكالة فرانس برس",), "نقلا عن وكالة فرانس برس"),
]


@pytest.mark.parametrize(("closing", "names", "raw"), CLOSING_ATTRIBUTIONS)
def test_an_attribution_closing_the_last_sentence_is_the_source_and_the_sentence_stays(
    closing, names, raw
):
    body, found = split_source_line([*STORY, LAST + closing])
    assert found is not None and found.names == names
    assert found.form == "closing-attribution"
    assert raw is None or found.raw == raw
    assert body == [*STORY, LAST + closing]  # the story's own words


@pytest.mark.parametrize(
    "closing",
    [
        "، وفق ما أوردته مصادر مطلعة.",  # no outlet
        "، وفق ما ذكره الوزير في مؤتمر صحفي.",  # a person
        "، وفق ما أوردته وكالة الأنباء الكويتية (كونا)، قبل أن يتراجع عن ذلك لاحقا.",
    ],
)
def test_a_sentence_that_does_not_close_on_an_outlet_credits_nobody(closing):
    body, found = split_source_line([*STORY, LAST + closing])
    assert found is None and body == [*STORY, LAST + closing]


@pytest.mark.parametrize(("closing", "names", "raw"), CLOSING_ATTRIBUTIONS)
def test_the_lead_closing_on_the_outlet_it_rewrites_is_the_source(closing, names, raw):
    # Mosaique FM's lead: "أعلنت وزارة التجهيز ... ، وذلك بحسب ما أوردته وكالة تونس
    # إفريقيا للأنباء." (a rewrite of the agency's dispatch, no credit line below).
    lead = STORY[0].removesuffix(".") + closing
    body, found = split_source_line([lead, *STORY[1:], LAST + "."])
    assert found is not None and found.names == names
    assert body == [lead, *STORY[1:], LAST + "."]


def test_an_attribution_before_the_last_paragraph_credits_nobody():
    attributed = LAST + "، وفق ما أوردته وكالة الأنباء الكويتية (كونا)."
    body, found = split_source_line([STORY[0], attributed, STORY[1]])
    assert found is None and body == [STORY[0], attributed, STORY[1]]


@pytest.mark.parametrize(
    "line",
    [
        "Quelle dpa",  # no colon: a word, not a label
        "Quellen zufolge soll der Minister zurücktreten: Das bestätigte ein Sprecher.",
        "Fuente de ingresos: el turismo representa el 12% del PIB regional, según el informe.",
    ],
)
def test_a_line_opening_with_a_label_word_but_no_label_stays(line):
    body, found = split_source_line([*STORY, line])
    assert found is None and body == [*STORY, line]


@pytest.mark.parametrize(
    "last",
    [
        "Users were told to download the update from the ministry's website by Friday.",
        "Residents who stay informed through local radio heard the warning first, he said.",
        "编辑部表示，将在下周公布调查结果。",
        "Los vecinos siguen la evolución del incendio en Facebook, donde el ayuntamiento publica partes.",
    ],
)
def test_a_storys_last_sentence_near_a_promo_stays(last):
    body, found = split_source_line([*STORY, last])
    assert body == [*STORY, last] and found is None


INTERNATIONAL = FIXTURES / "international-headlines"
NEWS_COM_AU_WITH = '<span class="byline_with">with AAP</span>'


def _international(file: str, html: str):
    answer = next(
        a
        for a in json.loads((INTERNATIONAL / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == file
    )
    reference = http_date("Fri, 04 Dec 2026 12:00:00 GMT")
    return extract_page(html, answer["url"], reference, profile="auto").article


@pytest.mark.parametrize(
    ("credit", "names"),
    [("with AAP", ("AAP",)), ("with Reuters", ("Reuters",)), ("with AFP and AP", ("AFP", "AP"))],
)
def test_an_agency_the_byline_names_beside_the_writer_credits_the_story(credit, names):
    html = (INTERNATIONAL / "p26.html").read_text(encoding="utf-8")
    assert NEWS_COM_AU_WITH in html
    html = html.replace(NEWS_COM_AU_WITH, f'<span class="byline_with">{credit}</span>')
    article = _international("p26.html", html)
    assert article.source == list(names)
    assert article.provenance["source"] == "byline"
    assert article.author == "Jane Doe"


def test_a_person_beside_the_writer_credits_nothing():
    html = (INTERNATIONAL / "p26.html").read_text(encoding="utf-8")
    html = html.replace(NEWS_COM_AU_WITH, '<span class="byline_with">with Tom Smith</span>')
    assert _international("p26.html", html).source == []


def test_an_agencys_desk_in_the_byline_credits_the_agency():
    html = (INTERNATIONAL / "p09.html").read_text(encoding="utf-8")
    assert "Redazione ANSA" in html
    article = _international("p09.html", html)
    assert article.source == ["ANSA"]
    # The desk's own site names itself: no other agency to credit.
    html = html.replace("Redazione ANSA", "Redazione Cronaca")
    assert _international("p09.html", html).source == []


SANA_OPENING = f"دمشق-سانا {STORY[0]}"


@pytest.mark.parametrize("name", ["رشا محفوض", "محمد علي الأحمد"])
def test_a_reporter_s_bare_name_closing_an_agency_story_is_its_author(name):
    body = "\n\n".join([SANA_OPENING, STORY[1], name])
    credit = dateline_credit(SANA_OPENING)
    assert credit is not None and credit.names == ("سانا",)
    assert closing_signature(body, credit) == (
        name,
        "body:agency-signature",
        "\n\n".join([SANA_OPENING, STORY[1]]),
    )


@pytest.mark.parametrize(
    "closing",
    ["والله ولي التوفيق", "اقرأ أيضا", "دمشق", "وكالات", "شكرا لكم", "رشا محفوض."],
)
def test_a_closing_line_that_is_no_name_signs_nothing(closing):
    body = "\n\n".join([SANA_OPENING, STORY[1], closing])
    assert closing_signature(body, dateline_credit(SANA_OPENING)) is None


def test_a_bare_name_closing_a_story_without_an_agency_dateline_signs_nothing():
    body = "\n\n".join([*STORY, "رشا محفوض"])
    assert closing_signature(body, None) is None


@pytest.mark.parametrize("name", ["محمد علي العمودي", "عبد الله سالم الكثيري"])
def test_a_name_after_a_dash_closing_a_story_signs_it(name):
    # An Aden paper signs its stories so, under no byline (arabic-headlines-5 p12).
    body = "\n\n".join([*STORY, f"- {name}"])
    assert closing_signature(body, None) == (name, "body:dash-signature", "\n\n".join(STORY))


@pytest.mark.parametrize("closing", ["- والله ولي التوفيق", "- عدن", "- وكالات", "— انتهى —"])
def test_a_dashed_closing_line_that_is_no_name_signs_nothing(closing):
    assert closing_signature("\n\n".join([*STORY, closing]), None) is None


@pytest.mark.parametrize(
    "closing",
    [
        ["Local Democracy Reporting is Public Interest Journalism funded through NZ On Air."],
        ["This reporting was supported by a grant from the Pulitzer Center."],
        [
            "This content was partially produced with the help of AI tools and was reviewed "
            "and published by TickerWire editors."
        ],
        ["Published in Indus Herald, July 3rd, 2027"],
        ["This story was originally published July 5, 2027 at 5:00 AM."],
        ["This article appears in the August 2027 print edition with the headline “Cool.”"],
        ["With a report from Ramon Villanueva", "/atm"],
        [
            "— With assistance from Ana Lucía Ortiz and Wenjin Zhou",
            "Have a confidential tip for our reporters? Get in touch",
            "Before it's here, it's on the Meridian Terminal",
            "LEARN MORE",
        ],
        ["For more news about the national elections, visit our special page."],
        ["Journal reference:", "Current Biology DOI: 10.1016/j.cub.2027.06.014"],
        ["المراجع", "التقرير السنوي لحالة الموارد المائية في العراق، 2026."],
        [
            "The views expressed in the editorials quoted above are those of the newspapers "
            "concerned. Quotes have been translated from Arabic by The Gulf Ledger."
        ],
    ],
)
def test_notes_on_how_a_story_was_made_leave_the_body(closing):
    # Who paid for the reporting, a machine's help, the print edition it ran in, the
    # citation of a science story's paper, a press review's views note.
    body, _ = split_source_line([*STORY, *closing])
    assert body == STORY


@pytest.mark.parametrize(
    "closing",
    [
        "The new line is funded through the national transport budget.",
        "The clinic's work is supported by volunteers from three villages.",
        "The report was published in the journal Nature on Tuesday.",
    ],
)
def test_a_story_s_sentence_on_funding_or_publishing_stays(closing):
    body, _ = split_source_line([*STORY, closing])
    assert body == [*STORY, closing]


@pytest.mark.parametrize(
    ("closing", "kept", "names"),
    [
        # An agency's bracket glued to the last word, no full stop before it.
        ("وأضاف أن العمل سينتهي خلال ثلاثة أشهر(قنا)", "وأضاف أن العمل سينتهي خلال ثلاثة أشهر", ("قنا",)),
        ("وتوقعت الوزارة اكتمال المشروع بحلول عام 2029(بترا)", "وتوقعت الوزارة اكتمال المشروع بحلول عام 2029", ("بترا",)),
    ],
)  # fmt: skip
def test_an_agency_s_bracket_after_the_last_word_credits_it(closing, kept, names):
    body, found = split_source_line([*STORY, closing])
    assert body == [*STORY, kept] and found.names == names


@pytest.mark.parametrize(
    "closing",
    [
        "ذكرت ذلك وكالة الأنباء القطرية(قنا)",  # the agency's initials after its name
        "وارتفع سعر خام برنت (برنت)",  # no outlet
    ],
)
def test_a_bracket_that_is_the_sentence_s_own_stays(closing):
    body, found = split_source_line([*STORY, closing])
    assert body == [*STORY, closing] and found is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # A facts table's row, a definition list's term and description (no colon).
        ("المصدر وكالة الأنباء الكويتية (كونا)", ("وكالة الأنباء الكويتية (كونا)",)),
        ("بالتعاون مع: منصة صوت الجبل", ("منصة صوت الجبل",)),
    ],
)
def test_a_source_label_without_a_colon_or_a_partner_s_credit_names_it(line, names):
    body, found = split_source_line([*STORY, line])
    assert body == STORY and found.names == names


def test_a_partnership_in_a_sentence_is_no_credit():
    line = "بالتعاون مع وزارة الصحة أطلقت الجمعية حملة للتبرع بالدم في المدينة."
    body, found = split_source_line([*STORY, line])
    assert body == [*STORY, line] and found is None


def test_an_agency_s_name_and_its_initials_alone_are_one_source():
    found = bare_credit("وكالة أنباء الإمارات - وام")
    assert found.names == ("وكالة أنباء الإمارات (وام)",)
    assert bare_credit("وكالة الأناضول - وكالات").names == ("وكالة الأناضول", "وكالات")


def test_a_box_of_more_stories_closing_the_body_leaves_it_however_long_its_teasers():
    box = [
        "المزيد من المناطق",
        "- ضبط شبكة لتهريب الوقود عبر المنافذ الحدودية أعلنت الأجهزة الأمنية ضبط عدد من "
        "الشاحنات المحملة بكميات من الوقود المهرب وإحالة المتورطين إلى النيابة العامة.",
        "- مجلس الوزراء يوافق على مشروع قانون حماية البيانات الشخصية يحدد مشروع القانون "
        "التزامات الجهات التي تجمع البيانات ويضع عقوبات على إساءة استخدامها أو تسريبها.",
    ]
    headlines = [
        "ضبط شبكة لتهريب الوقود عبر المنافذ الحدودية",
        "مجلس الوزراء يوافق على مشروع قانون",
    ]
    body, _ = split_source_line([*STORY, *box], lambda: headlines)
    assert body == STORY


def test_a_story_s_closing_points_under_a_more_heading_stay():
    # The same shape, but the points link nowhere: the story's own list.
    points = [
        "المزيد من القيود",
        "- حظر السفر بين المحافظات اعتبارا من يوم الأحد المقبل حتى إشعار آخر وفق القرار.",
        "- إغلاق المدارس والجامعات لمدة أسبوعين مع التحول إلى التعليم عن بعد في كل المراحل.",
    ]
    body, _ = split_source_line([*STORY, *points], lambda: ["الرئيسية", "اتصل بنا"])
    assert body == [*STORY, *points]


def test_a_story_s_list_after_its_own_subheading_stays():
    # "More from" a story's subheading, then its own points: not a box (no teaser marks).
    lines = ["المزيد من الإجراءات", "ستبدأ المرحلة الثانية من المشروع في شهر أكتوبر المقبل."]
    body, _ = split_source_line([*STORY, *lines])
    assert body == [*STORY, *lines]


def test_a_republished_story_s_two_sentence_note_names_its_first_publisher():
    note = (
        "This article was first published by GroundUp. It is republished under a Creative "
        "Commons licence."
    )
    body, found = split_source_line([*STORY, note])
    assert body == STORY and found.names == ("GroundUp",)


@pytest.mark.parametrize(
    "closing",
    [
        ["أحمد فتحي - الإسكندرية"],  # the reporter's signature: name and city
        ["تونس – نادية الحامدي"],
        ["الصفحات:", "« الصفحة السابقة | الصفحة التالية »"],  # a split post's pager
    ],
)
def test_a_reporter_s_signature_or_a_split_post_s_pager_leaves_the_body(closing):
    body, found = split_source_line([*STORY, *closing])
    assert body == STORY and found is None


@pytest.mark.parametrize(
    "closing",
    [
        "وأكد ذلك في مقابلة مع هيئة الإذاعة البريطانية(بي بي سي)",  # an outlet's name, then its own
        "He said so in an interview with the British Broadcasting Corporation(BBC).",
        "جاء ذلك في تصريحات خاصة(الجزيرة)",  # a broadcaster, no wire
    ],
)
def test_a_glued_bracket_naming_an_outlet_the_sentence_names_is_no_credit(closing):
    body, found = split_source_line([*STORY, closing])
    assert body == [*STORY, closing] and found is None


def test_the_last_row_of_a_list_of_name_and_city_pairs_stays():
    rows = ["محمد صلاح - ليفربول", "فيكتور أوسيمين - نابولي", "أشرف حكيمي - باريس"]
    body, _ = split_source_line([*STORY, *rows])
    assert body == [*STORY, *rows]


def test_two_agencies_side_by_side_are_two_sources():
    assert bare_credit("وكالة رويترز - وام").names == ("وكالة رويترز", "وام")
    assert bare_credit("وكالة الأنباء الألمانية، قنا").names == ("وكالة الأنباء الألمانية", "قنا")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("ع.ج/ ح.ز (د ب أ، رويترز)", ("د ب أ", "رويترز")),
        ("ص.ش (أ ف ب)", ("أ ف ب",)),
    ],
)
def test_editors_initials_then_the_agencies_in_brackets_credit_them(line, names):
    # DW's Arabic service signs off so (arabic-sources-6 p01, arabic-news-7 p11).
    found = parse_source_line(line)
    assert found is not None and found.names == names


def test_initials_before_words_in_brackets_that_name_no_agency_credit_nothing():
    assert parse_source_line("ع.ج/ ح.ز (تحديث)") is None


def test_a_link_to_the_original_article_is_no_outlet():
    found = parse_source_line("المصدر: فورين بوليسي – رابط المقال الأصلي")
    assert found is not None and found.names == ("فورين بوليسي",)


def test_an_agency_s_place_reporter_agency_line_credits_the_agency():
    found = dateline_credit("أنقرة/ أوزغور أرسلان/ الأناضول")
    assert found is not None and found.names == ("الأناضول",)
    assert line_reporter(found.raw) == "أوزغور أرسلان"
    # A sentence with slashes is none: the first part is no place.
    assert dateline_credit("الحكومة/ الوزارة/ الهيئة") is None


def test_the_lead_picture_s_caption_closing_with_a_source_credits_it():
    # A Jannah site with no byline credits the agency only there (theme-setups-7 p08).
    found = caption_credit(["ميناء الدقم صباح اليوم - المصدر: وكالة الأنباء العمانية"])
    assert found is not None and found.names == ("وكالة الأنباء العمانية",)
    assert found.form == "caption"


@pytest.mark.parametrize(
    "caption",
    ["Source: London Metal Exchange", "المصدر: أمانة الرياض", "حافلة كهربائية - أرشيفية"],
)
def test_a_caption_that_only_credits_its_data_or_picture_credits_no_story(caption):
    # "Source: ..." alone under a chart names the chart's data, not the story's source.
    assert caption_credit([caption]) is None


def test_a_list_s_last_dashed_item_signs_nothing():
    # A review's case: "- name" closing a story signs it, not the last item of a list.
    body = "قال الوزير إن الخطة تهدف إلى:\n\n- دعم المشاريع الصغيرة والمتوسطة"
    assert closing_signature(body, None) is None
    body = "\n\n".join([*STORY, "- تجنب الخروج وقت الظهيرة", "- ارتداء الملابس القطنية"])
    assert closing_signature(body, None) is None


def test_el_khabar_alone_is_a_paper_not_a_link_s_label():
    found = parse_source_line("المصدر: الخبر")
    assert found is not None and found.names == ("الخبر",)


@pytest.mark.parametrize(
    "line",
    [
        "دمشق / وزارة الصحة / سانا",
        "غزة/ فريق التحرير/ صفا",
        "القاهرة / بوابة الأهرام / أ ش أ",
        "لندن / عربي بوست / ترجمة",
    ],
)
def test_an_institution_or_a_desk_between_slashes_is_no_reporter(line):
    assert line_reporter(line) == ""


@pytest.mark.parametrize(
    "caption",
    [
        "صورة للحريق الذي اندلع في المصنع - المصدر: مواقع التواصل الاجتماعي",
        "لقطة من الاحتفال - المصدر: Getty Images",
    ],
)
def test_a_caption_crediting_a_picture_s_origin_credits_no_story(caption):
    assert caption_credit([caption]) is None


@pytest.mark.parametrize(
    "closing",
    [
        "Hana Whaanga is a multimedia journalist based in Ōamaru. She covers local government.",
        "Kindly share this story",
    ],
)
def test_a_writer_s_line_or_a_share_stub_closing_the_story_leaves_it(closing):
    story = [
        "The council voted 7-2 on Tuesday to approve the new seawall, after a debate that "
        "ran for more than three hours and drew dozens of residents to the chamber.",
        "Construction is expected to begin in February, outside the breeding season.",
    ]
    body, _ = split_source_line([*story, closing])
    assert body == story


def test_a_sentence_about_a_journalist_inside_the_story_stays():
    story = [
        "Police said the woman who called them is a freelance journalist who had been "
        "following the protest since the morning.",
        "Maria Lopez is a reporter for the station and was among those detained on Friday.",
        "The council will meet again next week to decide on the permits.",
    ]
    assert split_source_line(story)[0] == story


@pytest.mark.parametrize("mark", ["ENDS", "-ENDS-", "###", "-30-"])
def test_a_release_s_end_mark_closes_it_and_its_notes_leave(mark):
    release = [
        "The department today opened applications for the rural water fund, which will "
        "support small schemes serving fewer than 500 residents across the region.",
        "The fund is part of the water services package announced in this year's Budget.",
    ]
    notes = ["More information", "Eligibility and how to apply are on the website."]
    assert split_source_line([*release, mark, *notes])[0] == release


def test_a_dateline_after_a_summarys_bullets_is_found():
    # Reuters prints "Summary" and its key points above the story: no story text yet.
    paragraphs = [
        "Summary",
        "- ECB keeps deposit rate at 2.00% for fifth straight meeting",
        "- Lagarde says inflation 'broadly where we want it'",
        "- Markets price one more cut by mid-2028",
        "FRANKFURT, Oct 28 (Reuters) - The European Central Bank kept interest rates "
        "unchanged on Thursday for a fifth consecutive meeting.",
        *STORY,
    ]
    body, found = split_source_line(paragraphs)
    assert body == paragraphs[1:]  # the box's title goes, its points stay (as the lead)
    assert (found.names, found.raw) == (("Reuters",), "FRANKFURT, Oct 28 (Reuters) -")


def test_a_social_embeds_consent_box_is_no_story_text():
    # The BBC's box around an X post embedded in the story.
    paragraphs = [
        STORY[0],
        "Allow X content?",
        "This article contains content provided by X. We ask for your permission before "
        "anything is loaded, as they may be using cookies and other technologies. You may "
        "want to read X’s cookie policy, external and privacy policy, external before "
        "accepting. To view this content choose ‘accept and continue’.",
        "The BBC is not responsible for the content of external sites.",
        "End of twitter post by Ruth Adeyemi MP",
        *STORY[1:],
    ]
    body, _ = split_source_line(paragraphs)
    assert body == STORY


@pytest.mark.parametrize(
    "line",
    [
        "المصدر أونلاين",  # Yemen's Al-Masdar Online: the site's name, no label
        "عدن - المصدر أونلاين",  # its dateline in a story's details row
        "المصدر نيوز",
    ],
)
def test_a_sites_name_opening_with_the_label_word_is_no_source_line(line):
    assert parse_source_line(line) is None
    # The label with its colon still credits what follows, and a real name still counts.
    assert parse_source_line("المصدر: أونلاين") is not None
    assert parse_source_line("المصدر الجزيرة نت").names == ("الجزيرة نت",)
