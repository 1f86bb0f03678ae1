"""The body on the generic path against real pages' markup: a body cut short is read again
(favouring recall, then JSON-LD's articleBody), and page furniture trafilatura keeps
among the paragraphs (captions and credits, author boxes, teasers of other stories)
leaves it, while the story's own quotes and lists stay."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_page
from scraper.extract.source_line import split_source_line
from scraper.testkit.accuracy import token_f1, unprofiled
from scraper.testkit.server import BUNDLED_SITE

URL = "https://www.akhbar-turkiya.example/2025/12/15/arab-ministers-meet-in-cairo/"
REFERENCE = datetime(2025, 12, 15, 9, tzinfo=UTC)
STORY_PARAGRAPH = re.compile(r"<p>([^<]{80,})</p>")


def _unknown_layout(post: str = "post-10259") -> str:
    """A bundled page after a redesign no profile knows (every theme class renamed)."""
    html = (BUNDLED_SITE / "pages" / f"{post}.html").read_text(encoding="utf-8")
    return unprofiled(html, "zox")


def _story(html: str) -> list[re.Match[str]]:
    # The story's paragraphs: the long ones before the site's footer blurb.
    found = list(STORY_PARAGRAPH.finditer(html))
    return [m for m in found if "منصة إخبارية" not in m.group(1)]


def _body(html: str) -> str:
    article = extract_page(html, URL, REFERENCE, profile="generic").article
    assert article is not None
    return article.body or ""


REAL = Path(__file__).parent / "fixtures" / "real"
MANIFEST = {
    row["file"]: row
    for row in map(json.loads, (REAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines())
}


def _lead_only(name: str) -> tuple[str, dict]:
    """A real page as a script-rendered site sends it: the story's first paragraph in the
    HTML, every later one left to a script (here: cut), the whole story in JSON-LD."""
    row = MANIFEST[name]
    html = gzip.decompress((REAL / name).read_bytes()).decode("utf-8")

    def later_paragraph(found: re.Match[str]) -> str:
        text = re.sub(r"<[^>]+>", "", found.group(0)).strip()
        later = len(text) > 60 and any(text[:40] in p for p in row["paragraphs"][1:])
        return "" if later else found.group(0)

    return re.sub(r"<p\b[^>]*>.*?</p>", later_paragraph, html, flags=re.S), row


@pytest.mark.parametrize(
    "name",
    [
        "es/ElPais_2024_10_15.html.gz",  # articleBody in plain text
        "es/MallorcaMagazin_2025_04_16.html.gz",  # articleBody in HTML
    ],
)
def test_a_page_that_prints_only_its_lead_takes_the_story_from_json_ld(name):
    html, row = _lead_only(name)
    reference = datetime.fromisoformat(row["crawl_date"]).replace(tzinfo=UTC)

    article = extract_page(html, row["url"], reference, profile="auto").article

    assert article.provenance["body"].startswith("json-ld:articleBody (trafilatura kept ")
    assert token_f1(article.body, "\n".join(row["paragraphs"])) > 0.95
    assert not re.search(r"</?p\b", article.body)  # markup in articleBody: its blocks
    # The whole page: trafilatura's text stands.
    whole = gzip.decompress((REAL / name).read_bytes())
    assert (
        extract_page(whole, row["url"], reference, profile="auto").article.provenance["body"]
        == "trafilatura"
    )


# Furniture as publishers print it between a story's paragraphs (the markup of real pages:
# a picture's credit in its figure or an image block, an author box, a list of linked
# headlines, "MORE:" before a linked headline).
FURNITURE = {
    "figure credit": '<figure><img src="/wp-content/uploads/a.jpg" alt=""><figcaption>'
    "<span>صورة: رويترز</span></figcaption></figure>",
    "image block credit": '<div class="article-image"><img src="/a.jpg" alt="">'
    "<p>STR/AFP via Getty Images</p></div>",
    "caption by class": '<div class="media"><img src="/b.jpg" alt=""><p class="caption">'
    "وزراء الخارجية العرب خلال الاجتماع في القاهرة</p></div>",
    "linked headlines": "<ul>"
    + "".join(
        f'<li><strong>{kicker}: </strong><a href="/2025/12/1{n}/story-{n}/">{headline}</a></li>'
        for n, (kicker, headline) in enumerate(
            [
                ("اقتصاد", "الليرة التركية تتراجع أمام الدولار"),
                ("سياسة", "أردوغان يستقبل وزير الخارجية السوري في أنقرة"),
                ("لاجئون", "عودة آلاف السوريين من تركيا منذ بداية العام"),
            ]
        )
    )
    + "</ul>",
    "more before a linked headline": '<p>MORE: <a href="/2025/12/12/cairo-summit/">Cairo '
    "prepares for the summit of Arab foreign ministers</a></p>",
    "text for screen readers": '<h2 class="visually-hidden">محتوى المقال</h2>',
    "newsletter sign-up": '<div class="c-inlineSignup"><h2 class="c-inlineSignup__title">'
    "Get daily Turkey news</h2><p>Get the day's top news delivered to your inbox.</p></div>",
    "author box": '<div class="author-box"><p>محمد أحمد صحفي يغطي الشؤون التركية والعربية '
    "منذ عام 2015، عمل مراسلاً في إسطنبول وأنقرة.</p></div>",
}


@pytest.mark.parametrize("markup", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_between_the_story_s_paragraphs_leaves_the_body(markup):
    html = _unknown_layout()
    second = _story(html)[1]
    padded = html[: second.end()] + markup + html[second.end() :]

    assert _body(padded) == _body(html)


# What stays: the story's own quotes, lists and links.
STORY_BLOCKS = {
    "list of points": (
        "<ul><li>إنشاء صندوق مشترك لإعادة الإعمار</li><li>تنسيق المساعدات الإنسانية</li></ul>",
        ["إنشاء صندوق مشترك لإعادة الإعمار", "تنسيق المساعدات الإنسانية"],
    ),
    "a list with one link among its points": (
        '<ul><li>نص <a href="/2025/12/01/statement/">البيان الختامي</a> كاملاً</li>'
        "<li>تنسيق المساعدات الإنسانية في المدن الأكثر تضرراً</li></ul>",
        ["البيان الختامي", "تنسيق المساعدات الإنسانية في المدن الأكثر تضرراً"],
    ),
    "a sentence with a link": (
        '<p>وكان الوزراء قد التقوا في <a href="/2025/11/02/riyadh/">اجتماع الرياض</a> الشهر '
        "الماضي لبحث الملف نفسه، دون التوصل إلى اتفاق نهائي حول آليات التمويل.</p>",
        ["اجتماع الرياض"],
    ),
}


@pytest.mark.parametrize("markup, kept", STORY_BLOCKS.values(), ids=STORY_BLOCKS.keys())
def test_the_story_s_own_quotes_lists_and_links_stay(markup, kept):
    html = _unknown_layout()
    second = _story(html)[1]
    body = _body(html[: second.end()] + markup + html[second.end() :])

    for text in kept:
        assert text in body
    assert len(body) > len(_body(html))


STORY = [
    "Chelsea delivered a message of intent on Thursday night and roared that their season "
    "was not dead after beating Tottenham at Stamford Bridge in the rescheduled derby.",
    "This match was always going to be key, the rescheduled game from February.",
]


def test_a_read_more_label_in_mid_story_keeps_the_sentences_after_it():
    """A "Read More" link box printed in the story (its headline a teaser trafilatura
    leaves out): the short sentences after it are story text, no entries of a block."""
    after = [
        "Now Chelsea know exactly what they need to do in the four games they have left.",
        "Newcastle, who are seventh, are two points above Chelsea but with a far better "
        "goal difference.",
    ]
    body, source = split_source_line([*STORY, "Read More", *after])

    assert body[-2:] == after
    assert source is None


def test_a_read_more_block_closing_the_story_still_goes():
    headlines = ["Pochettino: We are still in the race for Europe", "Five things we learned"]
    body, _ = split_source_line([*STORY, "Read More", *headlines])

    assert body == STORY


# Real pages' furniture that trafilatura keeps, as each page prints it: photo credits in an
# image block, captions in a figure, "MORE :" before a linked headline, an author's bio.
REAL_FURNITURE = {
    "de/BusinessInsiderDE_2024_01_29.html.gz": ["STR/Getty images", "Andrea Verdelli/Getty Images"],
    "ru/Kommersant_2025_05_14.html.gz": [
        "Российские переговорщики объяснялись за закрытыми ртами",
        "Ожидание начала переговоров было полно внутреннего напряжения",
    ],
    "uk/Metro_2024_07_17.html.gz": ["MORE : The Metro daily cartoon by Guy Venables"],
    "us/LATimes_2023_06_26.html.gz": ["Houston Mitchell is an assistant sports editor"],
    "es/MallorcaMagazin_2025_04_16.html.gz": ["Mario Vargas Llosa, peruanischer Schriftsteller"],
}


@pytest.mark.parametrize("name", REAL_FURNITURE)
def test_real_pages_furniture_leaves_the_body_and_the_story_stays(name):
    row = MANIFEST[name]
    reference = datetime.fromisoformat(row["crawl_date"]).replace(tzinfo=UTC)
    html = gzip.decompress((REAL / name).read_bytes())

    body = extract_page(html, row["url"], reference, profile="auto").article.body

    paragraphs = body.split("\n\n")
    for furniture in REAL_FURNITURE[name]:
        assert not any(p.startswith(furniture) for p in paragraphs)
    story = row["paragraphs"]
    for expected in (story[0], story[len(story) // 2], story[-1]):
        assert expected[:60] in body


def test_a_theme_container_holding_only_the_lead_is_read_again_favouring_recall():
    """A Zox page whose story continues in a page builder's text block beside the theme's
    content container: the profile's body is the lead alone, the page's largest block of
    paragraphs is the rest, and trafilatura reads the story again."""
    html = (BUNDLED_SITE / "pages" / "post-10259.html").read_text(encoding="utf-8")
    story = _story(html)
    texts = [m.group(1) for m in story]
    container_end = html.index("</div>", story[-1].end())
    builder = html[: story[0].end()] + '</div><div class="elementor-widget-text-editor">'
    split = builder + html[story[0].end() : container_end] + html[container_end:]

    article = extract_page(split, URL, REFERENCE, profile="auto").article

    assert article.profile.startswith("zox")
    assert article.provenance["body"].startswith("trafilatura:recall (zox@1:#mvp-content-main held")
    for text in texts:
        assert text in article.body
    assert "المصدر: فرانس برس" not in article.body  # the source line still leaves it
    # The story whole in the container: the profile's body stands.
    whole = extract_page(html, URL, REFERENCE, profile="auto").article
    assert whole.body.split("\n\n") == texts
    assert whole.provenance["body"] == "zox@1:#mvp-content-main"


def test_a_story_the_page_appends_after_its_own_stays_out_of_the_body():
    """Infinite scroll: the next stories, headline and text, each in its own <article>
    after this one's, in the same <main> (as Dagbladet's pages print them)."""
    html = _unknown_layout("post-10259")
    other = _unknown_layout("post-10267")
    appended = other[other.index("<article") : other.index("</article>") + len("</article>")]
    start, end = html.index("<article"), html.index("</article>") + len("</article>")
    scrolled = html[:start] + "<main>" + html[start:end] + appended * 2 + "</main>" + html[end:]

    body = _body(scrolled)

    assert body == _body(html)
    assert not any(m.group(1) in body for m in _story(other))


def test_an_empty_theme_container_stays_missing_for_the_monitor():
    """Nothing in the profile's container is a layout change the run must report (the
    monitor names the field): no rescue hides it."""
    html = (BUNDLED_SITE / "pages" / "post-10259.html").read_text(encoding="utf-8")
    opening = html.index("<p>", html.index('id="mvp-content-main"'))
    builder = html[:opening] + '</div><div class="elementor-widget-text-editor">'
    emptied = builder + html[opening:]

    article = extract_page(emptied, URL, REFERENCE, profile="auto").article

    assert article.body is None
    assert article.missing["body"] == "no text in #mvp-content-main"


def test_a_story_of_bare_text_between_blank_lines_is_read_whole():
    """An old CMS's story: bare text in a <span>, its paragraphs set apart by `<br><br>`,
    above a "more news" list of eight cards with <p> summaries, in the story's <article>.
    trafilatura dropped the first piece of such a block and kept the cards' text, each
    list item holding one card."""
    html = _unknown_layout()
    story = _story(html)
    texts = [m.group(1) for m in story]
    cards = "".join(
        f'<li class="more-news__item"><article class="card">'
        f'<a class="card__img" href="/2025/12/1{i}/story-{i}/"><img src="/img/t{i}.jpg" alt=""></a>'
        f'<div class="card__text"><h3><a href="/2025/12/1{i}/story-{i}/">{title}</a></h3>'
        f"<p>{summary}</p></div></article></li>"
        for i, (title, summary) in enumerate(MORE_NEWS)
    )
    bare = (
        html[: story[0].start()]
        + '<span class="storytext">'
        + "<br><br>\n".join(texts)
        + "</span>"
        + f'<section class="more-news"><h2>المزيد من الأخبار</h2><ul>{cards}</ul></section>'
        + html[story[-1].end() :]
    )

    assert _body(bare).split("\n\n") == texts  # the cards' summaries stay out too


MORE_NEWS = [
    (
        "البنك المركزي يرفع سعر الفائدة ربع نقطة",
        "قال البنك المركزي إنه رفع سعر الفائدة الرئيسي ربع نقطة مئوية لكبح التضخم الذي بلغ"
        " أعلى مستوياته منذ ثلاث سنوات، وتوقع أن يتراجع خلال النصف الثاني من العام المقبل.",
    ),
    (
        "افتتاح معرض الكتاب بمشاركة 600 دار نشر",
        "افتتح وزير الثقافة الدورة الجديدة من معرض الكتاب الدولي بمشاركة أكثر من 600 دار نشر"
        " عربية وأجنبية، ويستمر المعرض عشرة أيام تتخللها ندوات وأمسيات شعرية وتوقيع كتب.",
    ),
    (
        "أمطار غزيرة تغلق طرقاً في المناطق الجبلية",
        "أغلقت السلطات عدداً من الطرق في المناطق الجبلية بعد أمطار غزيرة تسببت في انجرافات"
        " للتربة، ودعت السائقين إلى تجنب السفر ليلاً حتى انتهاء موجة الطقس السيئ الأسبوع المقبل.",
    ),
    (
        "وزارة الصحة تطلق حملة تطعيم في المدارس",
        "أطلقت وزارة الصحة حملة تطعيم ضد الحصبة في المدارس الابتدائية تستهدف نحو مليون طفل،"
        " وقالت إن الفرق الطبية ستزور المدارس وفق جدول يعلن لكل محافظة على حدة.",
    ),
    (
        "ارتفاع صادرات الفوسفات 12% في الربع الثالث",
        "ارتفعت صادرات الفوسفات ومشتقاته بنسبة 12 في المئة خلال الربع الثالث مقارنة بالفترة"
        " نفسها من العام الماضي، بفضل زيادة الطلب في الأسواق الآسيوية وتحسن الأسعار.",
    ),
    (
        "بلدية العاصمة تعلن خطة لتوسيع الحدائق العامة",
        "أعلنت بلدية العاصمة خطة لإنشاء 14 حديقة عامة جديدة وتوسيع الحدائق القائمة خلال ثلاث"
        " سنوات، وقال رئيسها إن الخطة تمول من عائدات رسوم المواقف في وسط المدينة.",
    ),
    (
        "جامعات تعلن مواعيد التسجيل للفصل الثاني",
        "أعلنت الجامعات الحكومية مواعيد التسجيل للفصل الدراسي الثاني، ويبدأ التسجيل الإلكتروني"
        " منتصف الشهر المقبل ويستمر أسبوعين، مع رسوم إضافية على التسجيل المتأخر.",
    ),
    (
        "المنتخب يستعد لمباراة حاسمة في التصفيات",
        "يخوض المنتخب الوطني مباراة حاسمة الثلاثاء المقبل أمام منافسه المباشر على بطاقة التأهل،"
        " وقال المدرب إن اللاعبين جاهزون بعد معسكر تدريبي استمر أسبوعين خارج البلاد.",
    ),
]


@pytest.mark.parametrize(
    ("folder", "page"),
    [("arabic-portals", "p19.html"), ("english-bodies-3", "p09.html")],  # "1 / 8", "1/8"
)
def test_a_gallery_s_photo_counters_leave_the_captions_that_tell_the_story(folder, page):
    here = Path(__file__).parent / "fixtures" / folder
    answer = next(
        a
        for a in json.loads((here / "expected.json").read_text(encoding="utf-8"))
        if a["file"] == page
    )
    reference = datetime.fromisoformat(answer["reference"].replace("Z", "+00:00"))
    zone = answer.get("timezone", "unknown")
    article = extract_page(
        (here / page).read_bytes(), answer["url"], reference, profile="auto", timezone=zone
    ).article
    paragraphs = article.body.split("\n\n")
    assert not [p for p in paragraphs if re.fullmatch(r"\d+ ?/ ?\d+", p)]
    assert len(paragraphs) >= 8  # the intro and a caption for each photo
