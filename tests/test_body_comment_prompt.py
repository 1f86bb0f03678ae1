"""A comments section's prompt inside the content container leaves the body (issue 14):
"Join our commenting forum", "Join thought-provoking conversations ...", "Comments" stayed
in the body of a real page (the Independent), as did comment counts and log-in notes of
other papers' comment blocks. A commentary's own text stays."""

from __future__ import annotations

from scraper.extract import extract_page
from scraper.testkit.accuracy import unprofiled
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
