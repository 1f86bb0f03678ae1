"""Page furniture real pages keep inside the content container (issue 14): a comments
section's prompt ("Join our commenting forum", "Comments" on the Independent; comment
counts and log-in notes elsewhere), and cards that link to other stories with a summary
of any length (the Taipei Times' "You might also like"). A commentary's own text stays."""

from __future__ import annotations

from scraper.extract import extract_page
from scraper.testkit.accuracy import unprofiled
from scraper.testkit.accuracy_real import committed_page
from scraper.testkit.server import BUNDLED_SITE
from scraper.testkit.truth import load_truth, page_of, utc

TRUTH = load_truth()
EXPECTED = next(a for a in TRUTH["articles"] if a["file"] == "pages/post-2448.html")
PROMPT = "انضم إلى النقاش حول هذا الخبر"
INVITATION = "شارك برأيك في القضية، وتابع ردود القراء الآخرين وتعليقاتهم على ما نشرناه"
COMMENTS = "التعليقات"


def body_with(block: str) -> list[str]:
    """The body of a bundled article, printed by a theme no profile knows, with `block`
    after its last paragraph inside the content container."""
    html = unprofiled((BUNDLED_SITE / EXPECTED["file"]).read_text(encoding="utf-8"), "zox")
    last = EXPECTED["paragraphs"][-1]
    assert html.count(f"{last}</p>") == 1
    html = html.replace(f"{last}</p>", f"{last}</p>{block}", 1)
    page = page_of(TRUTH, EXPECTED["file"])
    article = extract_page(html, EXPECTED["url"], utc(page["date"]), profile="auto").article
    return article.body.split("\n\n")


def test_a_comments_prompt_in_the_content_container_is_no_story_text():
    block = (
        f'<div class="show-comments"><div class="sc-qsla4c-0"><h2 class="sc-qsla4c-4">{PROMPT}'
        f'</h2><p class="sc-qsla4c-3">{INVITATION}</p><a role="button" class="js-comment">'
        f'<span class="js-comment-count"></span><span class="js-comment-plural">{COMMENTS}'
        "</span></a></div></div>"
    )
    body = body_with(block)
    assert body == EXPECTED["paragraphs"]


def test_a_commentarys_paragraph_stays():
    block = f'<div class="article-commentary"><p>{INVITATION}</p></div>'
    assert body_with(block) == [*EXPECTED["paragraphs"], INVITATION]


SUMMARY = (
    "قال مسؤولون في وزارة الداخلية إن الإجراءات الجديدة ستطبق على جميع الولايات خلال الأشهر "
    "المقبلة، وإن الموظفين سيتلقون تدريباً على النظام الإلكتروني الجديد قبل بدء العمل به. "
    "وأضافوا أن المراجعين سيتمكنون من متابعة طلباتهم عبر الإنترنت دون الحاجة إلى زيارة "
    "المكاتب، وأن مدة الانتظار ستنخفض إلى النصف. وأشار المسؤولون إلى أن التجربة الأولى "
    "في ثلاث ولايات أظهرت نتائج مشجعة، وأن الوزارة ستنشر تقريراً مفصلاً عنها في نهاية العام "
    "الجاري، مع أرقام عن عدد الطلبات التي عولجت ومدة معالجة كل منها، ومقارنة بالأعوام "
    "السابقة التي كانت فيها المعاملات الورقية هي القاعدة."
)


def test_a_card_that_links_to_another_story_is_no_story_text_at_any_length():
    assert len(SUMMARY) > 2 * 160 + 200  # longer than any caption or short teaser
    card = (
        '<a href="https://www.akhbar-turkiya.example/2025/01/02/other-story/">'
        f"<h3>إجراءات جديدة في دوائر الهجرة</h3><p>{SUMMARY}</p></a>"
    )
    body = body_with(card)
    assert body[: len(EXPECTED["paragraphs"])] == EXPECTED["paragraphs"]
    assert SUMMARY not in " ".join(body)


def test_teaser_cards_with_their_summaries_leave_a_real_pages_body():
    page = committed_page("tw/TaipeiTimes_")
    row, html = page.expected, page.html()
    teaser = "it is unclear if China would hold war games"
    assert teaser.encode() in html  # a summary in a "You might also like" card
    reference = page.reference
    body = extract_page(html, row["url"], reference, profile="auto").article.body
    assert teaser not in body
    assert row["paragraphs"][0] in body and row["paragraphs"][-1] in body
