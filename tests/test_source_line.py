"""Source lines: the shapes sites print, and sentences that only look like one."""

import pytest

from scraper.extract.source_line import parse_source_line, split_source_line


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("المصدر: منصة مزيج", ("منصة مزيج",)),
        ("المصدر:\u00a0منصة مزيج", ("منصة مزيج",)),
        ("المصدر : الأناضول", ("الأناضول",)),
        ("(المصدر: وكالات)", ("وكالات",)),
        ("المصدر - رويترز", ("رويترز",)),
        ("المصدر – رويترز.", ("رويترز",)),
        ("المصدر: الأناضول + وكالات", ("الأناضول", "وكالات")),
        ("المصدر: ترك برس، ديلي صباح", ("ترك برس", "ديلي صباح")),
        ("المصادر: رويترز، فرانس برس، أسوشيتد برس", ("رويترز", "فرانس برس", "أسوشيتد برس")),
        ("المصدر: الجزيرة نت (بتصرف)", ("الجزيرة نت",)),
        ("\u200fالمصدر: TRT عربي", ("TRT عربي",)),
        ("Source: Reuters", ("Reuters",)),
        ("المصدر رويترز", ("رويترز",)),
    ],
)
def test_source_line_shapes(line, names):
    found = parse_source_line(line)
    assert found is not None
    assert found.names == names


@pytest.mark.parametrize(
    "line",
    [
        "وقال المصدر إن المفاوضات ستستأنف الأسبوع المقبل في أنقرة.",
        "المصدر الذي طلب عدم الكشف عن اسمه أكد أن القرار نهائي ولن يتم التراجع عنه",
        "جميع الحقوق محفوظة، ويسمح بالاقتباس مع ذكر المصدر.",
        "المصدر: " + "كلمة " * 40,
        "",
        "مصدر",
    ],
)
def test_sentences_that_are_not_source_lines(line):
    assert parse_source_line(line) is None


def test_only_the_tail_of_the_body_is_searched():
    paragraphs = ["المصدر: ليس سطر مصدر في أول الخبر", "فقرة", "فقرة ثانية", "فقرة ثالثة"]
    body, found = split_source_line(paragraphs)
    assert found is None and body == paragraphs
    body, found = split_source_line([*paragraphs, "المصدر: الأناضول", "تابعونا على تويتر"])
    assert found.names == ("الأناضول",)
    assert body == [*paragraphs, "تابعونا على تويتر"]
