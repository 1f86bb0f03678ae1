"""A story its CMS prints in several blocks of the same markup, with a teaser row, an
advertisement or a paywall's row between them: trafilatura keeps the first block only, and
the generic path reads the rest from the blocks that repeat it (`generic.continued_story`).
A story the page appends after its own (infinite scroll) in the same markup is not read."""

from __future__ import annotations

from datetime import UTC, datetime

from scraper.extract import extract_page
from scraper.testkit.accuracy import token_f1
from scraper.testkit.accuracy_real import committed_page, expected_body

URL = "https://www.alwatan-alyawm.example/politics/2026/12/01/parliament-budget-vote/"
REFERENCE = datetime(2026, 12, 1, 14, tzinfo=UTC)
HEADLINE = "البرلمان يقر الموازنة العامة بعد جلسة استمرت حتى الفجر"
FIRST_BLOCK = [
    "أقر مجلس النواب فجر اليوم الموازنة العامة للدولة للعام المقبل بأغلبية 96 صوتا من أصل 150، بعد جلسة ماراثونية امتدت أكثر من أربع عشرة ساعة وشهدت نقاشات حادة بين الكتل.",
    "وقال رئيس لجنة المالية في المجلس إن الموازنة الجديدة تخفض العجز إلى أقل من أربعة في المئة من الناتج المحلي، وتزيد مخصصات التعليم والصحة للمرة الأولى منذ خمس سنوات.",
]
SECOND_BLOCK = [
    "في المقابل، انتقدت كتل المعارضة ما وصفته بتوسع الإنفاق الجاري على حساب المشاريع الاستثمارية، وطالبت الحكومة بخطة واضحة لسداد الديون الخارجية التي تستحق خلال العامين المقبلين.",
    "ويرى خبراء اقتصاديون أن تمرير الموازنة قبل نهاية العام يمنح الحكومة هامشا للتفاوض مع المؤسسات المالية الدولية على برنامج التمويل الجديد، ويطمئن المستثمرين إلى استقرار السياسة المالية.",
]
THIRD_BLOCK = [
    "ومن المنتظر أن تحال الموازنة إلى مجلس الأعيان خلال الأسبوع المقبل لإقرارها بصورتها النهائية، قبل أن تصدر بمرسوم وتنشر في الجريدة الرسمية مطلع الشهر القادم.",
]
TEASER_TITLE = "الحكومة تعلن حزمة إجراءات لدعم الأسر محدودة الدخل"
TEASER_LEAD = (
    "أعلنت الحكومة حزمة من الإجراءات لدعم الأسر محدودة الدخل تشمل زيادة المخصصات النقدية "
    "وتوسيع مظلة التأمين الصحي لتشمل نحو مئتي ألف أسرة إضافية في المحافظات كافة."
)
NEXT_HEADLINE = "ارتفاع أسعار الذهب في السوق المحلية لليوم الثالث على التوالي"
NEXT_STORY = (
    "واصلت أسعار الذهب ارتفاعها في السوق المحلية لليوم الثالث على التوالي، متأثرة بصعود "
    "الأوقية في البورصات العالمية وتراجع الدولار أمام العملات الرئيسية في تعاملات الأسبوع."
)


def _block(paragraphs: list[str]) -> str:
    own = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<div class="story-row"><div class="story-col">'
        f'<div class="article-body">{own}</div></div>'
        '<div class="story-aside"><div class="ad-slot sticky-ad"></div></div></div>'
    )


TEASER_ROW = f"""<div class="story-row"><div class="story-col">
<div class="read-also"><p class="read-also-label">اقرأ أيضا</p>
<a class="read-also-card" href="/economy/2026/11/30/support-package/">
<img src="/img/support.jpg" alt=""><span class="read-also-title">{TEASER_TITLE}</span>
<p class="read-also-lead">{TEASER_LEAD}</p></a></div></div></div>"""
AD_ROW = """<div class="ad-row"><div class="ad-slot" id="div-gpt-ad-inarticle-2">
<script>googletag.cmd.push(function(){googletag.display("div-gpt-ad-inarticle-2");});</script>
</div></div>"""


def _page(*, next_story: bool) -> str:
    appended = ""
    if next_story:
        # The next story, loaded by infinite scroll in the same markup.
        appended = f"""<article class="post-story" data-url="/economy/2026/12/01/gold-prices/">
<header class="story-header"><h1 class="story-title">{NEXT_HEADLINE}</h1>
<time datetime="2026-12-01T09:15:00+03:00">الثلاثاء 1 ديسمبر 2026 - 09:15 ص</time></header>
<div class="story-body">{_block([NEXT_STORY, NEXT_STORY.replace("الثالث", "الرابع")])}</div>
</article>"""
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{HEADLINE} | الوطن اليوم</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{HEADLINE}">
<meta property="og:site_name" content="الوطن اليوم">
<meta property="article:published_time" content="2026-12-01T06:40:00+03:00">
<meta property="article:section" content="سياسة">
<meta name="author" content="رامي العلي">
<link rel="canonical" href="{URL}">
<link rel="stylesheet" href="/assets/css/main.min.css?v=41">
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
<body class="rtl story-page">
<header class="site-header"><a class="logo" href="/"><img src="/img/logo.svg" alt="الوطن اليوم"></a>
<nav class="main-menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics/">سياسة</a></li>
<li><a href="/economy/">اقتصاد</a></li><li><a href="/sports/">رياضة</a></li>
<li><a href="/opinion/">مقالات</a></li></ul></nav></header>
<main class="site-main">
<article class="post-story" data-url="{URL}">
<header class="story-header"><a class="story-section" href="/politics/">سياسة</a>
<h1 class="story-title">{HEADLINE}</h1>
<div class="story-meta"><span class="story-author">رامي العلي</span>
<time datetime="2026-12-01T06:40:00+03:00">الثلاثاء 1 ديسمبر 2026 - 06:40 ص</time></div>
</header>
<figure class="story-image"><img src="/img/parliament.jpg" alt="">
<figcaption>جانب من جلسة مجلس النواب (أرشيف)</figcaption></figure>
<div class="story-body">
{_block(FIRST_BLOCK)}
{TEASER_ROW}
{_block(SECOND_BLOCK)}
{AD_ROW}
{_block(THIRD_BLOCK)}
</div>
<div class="story-tags"><a href="/tag/parliament/" rel="tag">البرلمان</a>
<a href="/tag/budget/" rel="tag">الموازنة</a></div>
<div class="share-box"><span>شارك الخبر:</span><a href="#">فيسبوك</a><a href="#">تويتر</a>
<a href="#">واتساب</a></div>
</article>
{appended}
</main>
<aside class="sidebar"><div class="widget most-read"><h3>الأكثر قراءة</h3><ul>
<li><a href="/sports/2026/11/30/cup-final/">المنتخب يتأهل إلى نهائي البطولة</a></li>
<li><a href="/economy/2026/11/29/fuel-prices/">تثبيت أسعار الوقود للشهر المقبل</a></li>
</ul></div></aside>
<footer class="site-footer"><p>جميع الحقوق محفوظة © 2026 الوطن اليوم</p></footer>
<script src="/assets/js/infinite-scroll.min.js?v=41"></script>
</body></html>"""


def _paragraphs(html: str) -> list[str]:
    extraction = extract_page(html, URL, REFERENCE, profile="auto")
    assert extraction.page_type == "article" and extraction.article is not None
    assert extraction.article.profile.startswith("generic")
    return (extraction.article.body or "").split("\n\n")


def test_every_block_of_a_split_story_is_read_in_page_order() -> None:
    assert _paragraphs(_page(next_story=False)) == FIRST_BLOCK + SECOND_BLOCK + THIRD_BLOCK


def test_a_story_appended_by_infinite_scroll_in_the_same_markup_is_not_read() -> None:
    body = "\n\n".join(_paragraphs(_page(next_story=True)))
    assert THIRD_BLOCK[0] in body
    assert NEXT_STORY not in body and "الرابع" not in body
    assert TEASER_LEAD not in body


def test_a_real_story_split_by_a_read_more_box_keeps_its_second_half() -> None:
    # rp.pl prints each part of the story in its own row, a "Czytaj więcej" teaser between.
    page = committed_page("pl/Rzeczpospolita_2025_02")
    extraction = extract_page(page.html(), page.expected["url"], page.reference, profile="auto")
    body = extraction.article.body
    first, later = "– Jest to otwarcie drzwi do piekła", "Największym paradoksem obecnej sytuacji"
    assert body.index(first) < body.index(later) < body.index("Po porażce w Bundestagu")
    assert "Symboliczne zdjęcie zwłok syryjskiego trzylatka" not in body  # the teaser's lead
    assert token_f1(body, expected_body(page.expected)) > 0.9  # 0.64 with the first half
