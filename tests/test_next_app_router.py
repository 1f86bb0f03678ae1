"""A story that a Next.js app-router page sends only in its flight data (the
`self.__next_f.push` scripts the browser renders from): the real page of a Korean daily and
an Arabic portal's page on the same framework. The body comes from the data, without its
captions and advertisement slots; a page's data that holds no story of its own gives none."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract import extract_page, metadata
from scraper.extract.generic import parse_page
from scraper.testkit.accuracy import token_f1

REAL = Path(__file__).parent / "fixtures" / "real"
HANKOOK = "kr/HankookIlbo_2026_01_29.html.gz"
URL = "https://www.sahat-alakhbar.example/news/article/A20261201093000412"
REFERENCE = datetime(2026, 12, 1, 10, tzinfo=UTC)
HEADLINE = "افتتاح أكبر محطة لتحلية المياه في المنطقة بطاقة مليون متر مكعب يوميا"
STORY = [
    "افتتحت الحكومة صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة، بطاقة إنتاجية تصل إلى مليون متر مكعب يوميا، بعد ثلاث سنوات من أعمال الإنشاء.",
    "وقال وزير الطاقة والمياه في كلمة خلال حفل الافتتاح إن المحطة ستغطي احتياجات أكثر من أربعة ملايين نسمة، وتخفف الضغط على المياه الجوفية في المحافظات الساحلية.",
    "وأوضح أن المحطة تعمل بتقنية التناضح العكسي وتستمد ثلث حاجتها من الكهرباء من حقل للطاقة الشمسية أقيم بجوارها، ما يخفض تكلفة إنتاج المتر المكعب بنحو الربع.",
    "وأشار إلى أن المرحلة الثانية من المشروع ستبدأ العام المقبل، وتشمل مد خطوط نقل جديدة إلى المدن الداخلية وإنشاء خزانات استراتيجية تكفي لأسبوعين من الاستهلاك.",
    "ويأتي افتتاح المحطة ضمن خطة وطنية لرفع نسبة المياه المحلاة إلى نصف الاستهلاك المنزلي بحلول نهاية العقد، وفق ما أعلنته الوزارة في وقت سابق.",
]
CAPTION = "وزير الطاقة والمياه خلال جولته في المحطة الجديدة صباح اليوم. تصوير: المكتب الإعلامي"


def _push(text: str) -> str:
    # As Next.js writes them: a JSON string inside the call, "</" escaped for the script.
    return (
        "<script>self.__next_f.push("
        + json.dumps([1, text], ensure_ascii=False).replace("</", "<\\/")
        + ")</script>"
    )


def _app_router_page(story_html: str, title: str = HEADLINE) -> str:
    """An Arabic portal's article page on Next.js's app router: the head and the site's
    header and footer are in the HTML, the story is a client component whose HTML comes
    only in the flight data, as a text row ("T" and its length in bytes of UTF-8) that the
    article's data row names ("$1c")."""
    size = len(story_html.encode("utf-8"))
    article = {
        "articleId": "A20261201093000412",
        "sectionName": "اقتصاد",
        "title": title,
        "subTitle": "المحطة تغطي احتياجات أربعة ملايين نسمة",
        "contentHtml": "$1c",
        "writerDisplay": "سامي الخطيب",
        "related": [{"title": "ارتفاع أسعار الوقود", "url": "/news/article/A2026113001"}],
    }
    state = ["$", "$L1b", None, {"state": {"queries": [{"state": {"data": {"detail": article}}}]}}]
    rows = [
        '0:{"P":null,"b":"build-7f3a","p":"","c":["","news","article","A20261201093000412"]}\n',
        '1:"$Sreact.fragment"\n',
        '3:I[13578,[],""]\n',
        ':HL["/_next/static/media/font-ar.woff2","font",{"crossOrigin":"","type":"font/woff2"}]\n',
        '1b:I[26850,["2346","static/chunks/2346-a1.js"],"HydrationBoundary"]\n',
        f"1c:T{size:x},{story_html}",
        "5:" + json.dumps(state, ensure_ascii=False) + "\n",
        '9:{"metadata":[["$","title","0",{"children":"' + title + ' - ساحة الأخبار"}]]}\n',
        "2:[null]\n",
    ]
    stream = "".join(rows)
    # Next.js flushes the stream in pieces wherever a chunk ends, mid-row included.
    cut = stream.index(story_html) + len(story_html) // 2
    pushes = "".join(map(_push, (stream[:cut], stream[cut:])))
    menu = "".join(
        f'<li><a href="/section/{slug}">{name}</a></li>'
        for slug, name in [("local", "محليات"), ("economy", "اقتصاد"), ("sport", "رياضة")]
    )
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charSet="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<link rel="stylesheet" href="/_next/static/css/app-4d1e.css" data-precedence="next"/>
<script src="/_next/static/chunks/webpack-91e2.js" async=""></script>
<title>{title} - ساحة الأخبار</title>
<meta name="description" content="افتتحت الحكومة أكبر محطة لتحلية مياه البحر في المنطقة."/>
<meta property="og:title" content="{title} - ساحة الأخبار"/>
<meta property="og:url" content="{URL}"/><meta property="og:site_name" content="ساحة الأخبار"/>
<meta property="og:type" content="article"/>
<meta name="author" content="ساحة الأخبار"/><meta name="author" content="سامي الخطيب"/>
<meta name="twitter:card" content="summary_large_image"/></head>
<body><div class="layout">
<header class="site-header"><a href="/" class="logo">ساحة الأخبار</a><nav><ul>{menu}</ul></nav>
<form action="/search"><input name="q" placeholder="بحث"/></form></header>
<main><div class="article-view" id="article-view"><!--$!--><template data-dgst="BAILOUT_TO_CLIENT_SIDE_RENDERING"></template><div class="skeleton"></div><!--/$--></div>
<aside class="most-read"><h3>الأكثر قراءة</h3><ul><li><a href="/news/article/A2026113001">ارتفاع أسعار الوقود</a></li></ul></aside></main>
<footer class="site-footer"><p>جميع الحقوق محفوظة © 2026 ساحة الأخبار</p><a href="/privacy">سياسة الخصوصية</a></footer></div>
<script>(self.__next_f=self.__next_f||[]).push([0])</script>{pushes}
<script src="https://www.googletagmanager.com/gtag/js?id=G-X1" async=""></script>
</body></html>"""


def _story_html() -> str:
    photo = (
        '<div class="editor-img-box"><img src="https://img.sahat-alakhbar.example/2026/12/01/plant.jpg">'
        f'<div class="caption"><p>{CAPTION}</p></div></div>'
    )
    paragraphs = [f'<p class="editor-p">{text}</p>' for text in STORY]
    return (
        photo
        + "$$ARTICLEAD$$"
        + "".join(paragraphs[:2])
        + "$$ARTICLEAD$$"
        + "".join(paragraphs[2:])
    )


def test_an_arabic_story_only_in_the_flight_data_is_the_body_without_captions_or_ad_slots():
    html = _app_router_page(_story_html())

    article = extract_page(html, URL, REFERENCE, profile="auto").article

    assert article is not None and article.headline == HEADLINE
    # Two author tags, the site's name and then the writer's: the writer is the author.
    assert (article.author, article.provenance["author"]) == ("سامي الخطيب", "meta:author")
    assert article.body.split("\n\n") == STORY
    assert article.provenance["body"].startswith("page-data (trafilatura kept ")


def test_flight_rows_read_text_rows_by_their_byte_length_and_skip_what_is_not_data():
    story = _story_html()
    page = metadata.PageMeta.from_lexbor(LexborHTMLParser(_app_router_page(story)))
    assert page.data_story == {"title": HEADLINE, "body": story}
    # The same from lxml's tree (the generic path's).
    sel, _ = parse_page(_app_router_page(story))
    assert metadata.PageMeta.from_lxml(sel.root).data_story == {"title": HEADLINE, "body": story}
    # A row cut off or not JSON is skipped; the rows around it still count.
    rows = metadata.flight_rows(
        ['self.__next_f.push([1,"2:{\\"a\\": [1,\\n4:[\\"$\\",\\"p\\",null,{}]\\n"])']
    )
    assert rows == [["$", "p", None, {}]]
    assert metadata.flight_rows(["self.__next_f.push([1,"]) is None


def test_a_page_whose_data_holds_another_story_has_no_story_from_it():
    # A home page's data carries whole stories, none titled as the page is.
    html = _app_router_page(_story_html()).replace(
        f"<title>{HEADLINE} - ساحة الأخبار</title>", "<title>ساحة الأخبار - الرئيسية</title>"
    )
    html = html.replace(f'content="{HEADLINE} - ساحة الأخبار"', 'content="ساحة الأخبار"')
    assert metadata.PageMeta.from_lexbor(LexborHTMLParser(html)).data_story is None


@pytest.fixture(scope="module")
def hankook() -> tuple[str, dict]:
    rows = (REAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    row = next(r for r in map(json.loads, rows) if r["file"] == HANKOOK)
    return gzip.decompress((REAL / HANKOOK).read_bytes()).decode("utf-8"), row


def test_a_real_app_router_page_gives_its_story_and_its_writer(hankook):
    html, row = hankook
    reference = datetime.fromisoformat(row["crawl_date"]).replace(tzinfo=UTC)

    article = extract_page(html, row["url"], reference, profile="auto").article

    assert article.provenance["body"].startswith("page-data")
    assert token_f1(article.body, "\n".join(row["summary"] + row["paragraphs"])) > 0.9
    assert "ARTICLEAD" not in article.body and "연합뉴스\n" not in article.body + "\n"
    # Two author meta tags, the paper's name then the writer's with her role after it.
    assert article.author == "신현주" == row["authors"][0]
