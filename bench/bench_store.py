"""Benchmark the SQLite store: group-commit inserts, re-crawls and Arabic full-text search.

Run:  .venv/bin/python bench/bench_store.py [--articles N] [--queries N] [--seed S]
                                            [--order random|published]
                                            [--db PATH] [--keep] [--profile]

Synthetic but realistic Arabic articles are generated deterministically (record i depends
only on the seed and i, so any record can be rebuilt for a re-crawl); nothing is fetched
and nothing is written outside the temporary (or --db) directory. Generation happens in
chunks between the timed sections and is reported on its own line, never inside a store
figure.

Phases:
  insert     every record through GroupCommitWriter (futures awaited); beside it, in the
             same loop on the same records, the floor: sqlite-utils insert_all into one
             flat table inside a single db.atomic() transaction, no FTS, no side tables
  re-crawl   a sample re-submitted unchanged (only last_seen_at moves; no revisions), then
             a sample with changed bodies (one revision row each)
  search     scraper.store.search.search(db, q, limit=20) over mixed-spelling 1-3 word queries,
             the same with rank_window=None (every match ranked), then a few with
             --category / --since filters
--order published inserts the records oldest first, as a backfill from a site's date-ordered
sitemaps or archives arrives (all records are generated before the insert phase then); the
default inserts them in id order, whose dates are uniform over eight years: a new article's
date and URL land on a random page of their indexes.
--profile adds a cProfile of Store.write_batch (no writer thread) over up to 20,000 new
records in a scratch database.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import fcntl
import io
import multiprocessing
import os
import platform
import pstats
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils

from scraper.items import ArticleRecord
from scraper.store import GroupCommitWriter, Store
from scraper.store.search import search
from scraper.store.writer import BULK_BATCH_SIZE

# --- Vocabulary ---------------------------------------------------------------------------
# (canonical spelling, other spellings seen in the wild)
CITIES = [
    ("إسطنبول", ("اسطنبول", "إستانبول")), ("أنقرة", ("انقرة", "أنقره")), ("إزمير", ("ازمير",)),
    ("غازي عنتاب", ("عنتاب",)), ("أضنة", ("اضنة",)), ("هطاي", ("هاتاي",)), ("مرسين", ()),
    ("بورصة", ("بورصا",)), ("أنطاليا", ("انطاليا",)), ("قونية", ("قونيا",)), ("دمشق", ()),
    ("حلب", ()), ("إدلب", ("ادلب",)), ("حمص", ()), ("حماة", ("حماه",)), ("اللاذقية", ()),
    ("دير الزور", ()), ("الرقة", ()), ("درعا", ()), ("بيروت", ()), ("طرابلس", ()),
    ("القاهرة", ("القاهره",)), ("الإسكندرية", ("الاسكندرية",)), ("بغداد", ()), ("الموصل", ()),
    ("أربيل", ("اربيل",)), ("عمّان", ("عمان",)), ("الرياض", ()), ("جدة", ()), ("الدوحة", ("الدوحه",)),
    ("الكويت", ()), ("دبي", ()), ("أبوظبي", ("أبو ظبي",)), ("مسقط", ()), ("صنعاء", ()), ("عدن", ()),
    ("غزة", ()), ("القدس", ()), ("رام الله", ()), ("الخرطوم", ()), ("تونس", ()), ("الجزائر", ()),
    ("الرباط", ()), ("طهران", ()), ("موسكو", ()), ("واشنطن", ()), ("باريس", ()), ("برلين", ()),
    ("لندن", ()), ("بروكسل", ()), ("جنيف", ()), ("نيويورك", ()), ("أثينا", ("اثينا",)),
    ("باكو", ()),
]  # fmt: skip
COUNTRIES = [
    "تركيا", "سوريا", "سورية", "لبنان", "العراق", "الأردن", "مصر", "السعودية", "قطر", "إيران",
    "روسيا", "الولايات المتحدة", "فرنسا", "ألمانيا", "اليونان", "أذربيجان", "ليبيا", "السودان",
    "فلسطين", "اليمن", "الإمارات", "المغرب", "الجزائر", "تونس", "الصين", "أوكرانيا", "بريطانيا",
    "إسرائيل", "الكويت", "عُمان",
]  # fmt: skip
FIRST_NAMES = [
    "محمد", "أحمد", "علي", "عمر", "خالد", "مصطفى", "إبراهيم", "يوسف", "حسن", "حسين",
    "عبد الله", "عبد الرحمن", "هاكان", "مراد", "كمال", "سليمان", "ياسين", "طارق", "سامر",
    "فاطمة", "عائشة", "زينب", "مريم", "سارة", "ليلى", "نور", "رانيا", "هبة", "إيمان", "جميلة",
]  # fmt: skip
FAMILY_NAMES = [
    "أردوغان", "الأسد", "الشرع", "فيدان", "أوغلو", "قره داغ", "يلماز", "شاهين", "دمير", "كايا",
    "السيد", "الحسن", "العلي", "الخطيب", "النجار", "الحلبي", "الشامي", "المصري", "الزعبي",
    "العمر", "الأحمد", "حداد", "قاسم", "بكر", "أوزتورك", "جليك", "أيدين", "الحمصي", "الدوري",
    "البرغوثي",
]  # fmt: skip
NOTABLES = [
    "رجب طيب أردوغان", "بشار الأسد", "أحمد الشرع", "هاكان فيدان", "دونالد ترامب",
    "فلاديمير بوتين", "إيمانويل ماكرون", "أنطونيو غوتيريش", "علي يرلي كايا", "محمد شيمشك",
]  # fmt: skip
TITLES = [
    "الرئيس", "وزير الخارجية", "وزير الداخلية", "وزير المالية", "وزير الدفاع", "وزير الصحة",
    "وزير التعليم", "المتحدث باسم الحكومة", "رئيس البلدية", "والي", "محافظ", "مدير الهجرة",
    "المبعوث الأممي", "الأمين العام", "رئيس الوزراء", "نائب الرئيس", "السفير", "قائد الشرطة",
    "مدير الأمن", "رئيس البرلمان", "زعيم المعارضة", "الناطق باسم الجيش", "رئيس الغرفة التجارية",
]  # fmt: skip
ORGS = [
    "الأمم المتحدة", "الاتحاد الأوروبي", "جامعة الدول العربية", "حلف الناتو", "البنك المركزي",
    "صندوق النقد الدولي", "البنك الدولي", "منظمة الصحة العالمية", "الهلال الأحمر", "مجلس الأمن",
    "البرلمان التركي", "وزارة الداخلية", "إدارة الهجرة", "بورصة إسطنبول", "الخطوط الجوية التركية",
    "المفوضية السامية لشؤون اللاجئين", "هيئة الإحصاء", "الدفاع المدني", "إدارة الكوارث والطوارئ",
    "غرفة التجارة", "نقابة الأطباء", "اتحاد كرة القدم",
]  # fmt: skip
NOUNS = [
    "الحكومة", "الاقتصاد", "الليرة", "الدولار", "التضخم", "الأسعار", "الانتخابات", "اللاجئين",
    "المهاجرين", "الإقامة", "الجنسية", "الحدود", "الزلزال", "الأمطار", "الفيضانات", "الحرائق",
    "الطقس", "المدارس", "الجامعات", "الطلاب", "المستشفى", "الأطباء", "اللقاح", "الكهرباء",
    "المياه", "الغاز", "النفط", "الوقود", "الخبز", "الإيجارات", "العقارات", "السياحة", "السياح",
    "الصادرات", "الواردات", "التجارة", "الاستثمار", "الشركات", "البنوك", "الفائدة", "الرواتب",
    "الأجور", "العمال", "البطالة", "الضرائب", "الجمارك", "المطار", "الطيران", "الرحلات",
    "القطارات", "الطرق", "الجسر", "المترو", "الحافلات", "المرور", "الشرطة", "الجيش", "الأمن",
    "الهجوم", "الاشتباكات", "القصف", "الغارة", "الهدنة", "المفاوضات", "الاتفاق", "العقوبات",
    "المساعدات", "الإغاثة", "المخيمات", "النازحين", "العودة الطوعية", "إعادة الإعمار", "الدستور",
    "البرلمان", "المعارضة", "الأحزاب", "المحكمة", "القضاء", "التحقيق", "المتهمين", "الاعتقال",
    "الشبكة", "التهريب", "المخدرات", "التزوير", "الوثائق", "جوازات السفر", "التأشيرة", "المنتخب",
    "المباراة", "الدوري", "البطولة", "الهدف", "المدرب", "اللاعب", "الملعب", "كأس العالم",
    "الفيلم", "المهرجان", "المعرض", "الكتاب", "الرواية", "الموسيقى", "المسرح", "التراث",
    "المتحف", "الذكاء الاصطناعي", "الهواتف", "الإنترنت", "التطبيق", "الأمن السيبراني", "المنصة",
    "البيانات", "الفضاء", "القمر الصناعي", "السيارات الكهربائية", "الطاقة الشمسية", "المناخ",
    "الجفاف", "الزراعة", "القمح", "المحاصيل", "الغذاء", "الصحة", "الوباء", "الإنفلونزا",
    "السرطان", "الدواء", "الصيدليات", "التأمين الصحي", "المساجد", "رمضان", "عيد الأضحى",
    "الحج", "الأضاحي", "الذهب", "البورصة", "القروض", "الديون", "الموازنة", "العجز", "النمو",
    "المصانع", "الصناعة", "الموانئ", "الشحن", "الحاويات", "الأسواق", "المستهلكين", "الإسكان",
    "البلدية", "المياه الجوفية", "السدود", "الغابات", "الثلوج", "العاصفة", "الهزة الأرضية",
    "فرق الإنقاذ", "الضحايا", "الجرحى", "المفقودين", "المحتجين", "المظاهرات", "الإضراب",
    "النقابات", "المعلمين", "الامتحانات", "المنح الدراسية", "اللغة العربية", "الأطفال", "النساء",
    "الشباب", "المتقاعدين", "كبار السن", "الأسرة", "الزواج", "الطلاق", "المواليد",
]  # fmt: skip
ADJECTIVES = [
    ("الجديد", "الجديدة"), ("التركي", "التركية"), ("السوري", "السورية"), ("العربي", "العربية"),
    ("الدولي", "الدولية"), ("المحلي", "المحلية"), ("الرسمي", "الرسمية"), ("الأخير", "الأخيرة"),
    ("الكبير", "الكبيرة"), ("الاقتصادي", "الاقتصادية"), ("الأمني", "الأمنية"),
    ("الحكومي", "الحكومية"), ("الإنساني", "الإنسانية"), ("الأوروبي", "الأوروبية"),
    ("الأمريكي", "الأمريكية"), ("الروسي", "الروسية"), ("الخاص", "الخاصة"), ("العام", "العامة"),
    ("المقبل", "المقبلة"), ("الماضي", "الماضية"), ("الحالي", "الحالية"), ("الثاني", "الثانية"),
    ("الأول", "الأولى"), ("الوطني", "الوطنية"), ("الشعبي", "الشعبية"), ("الجنوبي", "الجنوبية"),
    ("الشمالي", "الشمالية"), ("الشرقي", "الشرقية"), ("الغربي", "الغربية"),
    ("المركزي", "المركزية"), ("المؤقت", "المؤقتة"), ("الطارئ", "الطارئة"),
]  # fmt: skip
VERBS_PAST = [
    "أعلن", "أكد", "أوضح", "كشف", "نفى", "أضاف", "حذر", "دعا", "طالب", "بحث", "ناقش", "وقع",
    "افتتح", "أطلق", "رفع", "خفض", "سجل", "شهد", "استقبل", "زار", "التقى", "ضبط", "أوقف",
    "أصدر", "قرر", "رفض", "أعلنت", "أكدت", "كشفت", "قررت", "أطلقت", "شهدت", "سجلت",
]  # fmt: skip
VERBS_PRESENT = [
    "يبحث", "يناقش", "يواجه", "يشهد", "يسجل", "يرتفع", "يتراجع", "تستعد", "تواصل", "تدرس",
    "تعتزم", "تسعى", "تتوقع", "تحذر", "تدعم", "تطلق", "يرفض", "يطالب", "يهدد", "يعزز",
]  # fmt: skip
HEADLINE_VERBS = [
    "تطلق", "تعلن", "تكشف", "تبحث", "ترفع", "تخفض", "تحذر من", "تدعو إلى", "تقر", "ترفض",
    "يرتفع في", "يتراجع أمام", "يضرب", "يهدد", "يصل إلى",
]  # fmt: skip
TIMES = [
    "اليوم الاثنين", "أمس الثلاثاء", "صباح الأربعاء", "مساء الخميس", "يوم الجمعة",
    "السبت الماضي", "الأحد المقبل", "خلال الأسبوع الماضي", "منذ بداية العام", "في الربع الأول",
    "الشهر المقبل", "خلال الساعات الماضية", "في وقت سابق", "خلال العام الجاري",
]  # fmt: skip
CONNECTIVES = [
    "وبحسب المعلومات،", "ومن جهته،", "وفي السياق ذاته،", "إلى ذلك،", "في المقابل،",
    "على صعيد آخر،", "وتأتي هذه الخطوة بعد أن", "وفي تصريح للصحفيين،", "ووفقاً للبيان،", "كما",
]  # fmt: skip
UNITS = ["شخصاً", "مليون ليرة", "مليار دولار", "طن", "منزلاً", "عائلة", "طالباً", "رحلة", "كيلومتراً"]
PREPS = ["في", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب", "بين", "عبر"]
CATEGORIES = ["سياسة", "اقتصاد", "محلي", "عربي ودولي", "رياضة", "ثقافة وفن", "تكنولوجيا", "صحة"]
SOURCES = [
    "الأناضول", "رويترز", "فرانس برس", "أسوشيتد برس", "الجزيرة", "العربية", "سكاي نيوز عربية",
    "بي بي سي عربي", "ترك برس", "تي آر تي عربي", "يني شفق", "صباح", "حرييت", "ملييت", "جمهورييت",
    "سانا", "عنب بلدي", "تلفزيون سوريا", "الشرق الأوسط", "القدس العربي", "العربي الجديد",
    "روسيا اليوم", "سبوتنيك", "دويتشه فيله", "فرانس 24", "الأهرام", "المصري اليوم", "النهار",
    "الأخبار", "عكاظ", "الرياض", "الخليج", "البيان", "وكالة الأنباء الأردنية", "وكالة الأنباء القطرية",
    "وكالة الأنباء السعودية", "وكالات", "مواقع تواصل", "صحف تركية", "وسائل إعلام محلية",
]  # fmt: skip
SITES = [
    ("turk-press", "https://www.turkpress.example"),
    ("syria-now", "https://syrianow.example"),
    ("arab-daily", "https://arabdaily.example"),
    ("gulf-24", "https://gulf24.example"),
    ("levant-news", "https://news.levant.example"),
    ("zox-demo", "https://zox.example"),
]
# Queries that should find nothing (or nearly nothing) in the corpus.
ABSENT = ["بيتكوين", "كرة السلة النسائية", "زلزال اليابان", "انتخابات كندا", "هوليوود", "الشطرنج"]

TASHKEEL = "\u064e\u064f\u0650\u0651\u0652\u064b"
TATWEEL = "\u0640"
NON_JOINING = set("اأإآدذرزوؤءةى ")
EPOCH = datetime(2018, 1, 1, tzinfo=UTC)
CRAWL_START = datetime(2025, 12, 15, 6, 0, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2025, 12, 14, tzinfo=UTC) - EPOCH).total_seconds())


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def vowelled(word: str, rng: random.Random) -> str:
    """Sprinkle vowel marks after some letters (as pages sometimes do for names)."""
    out = []
    for char in word:
        out.append(char)
        if char != " " and rng.random() < 0.35:
            out.append(rng.choice(TASHKEEL))
    return "".join(out)


def stretched(word: str, rng: random.Random) -> str:
    """Insert a tatweel after one joining letter, e.g. اســطنبول."""
    spots = [i for i, c in enumerate(word[:-1]) if c not in NON_JOINING and word[i + 1] != " "]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[: i + 1] + TATWEEL * rng.randint(1, 3) + word[i + 1 :]


def zipf_weights(n: int, s: float = 0.9) -> list[float]:
    total, cum = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 1) ** s
        cum.append(total)
    return cum


class Corpus:
    """Deterministic article factory: article(i) depends only on (seed, i)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = random.Random(seed)
        self.nouns = NOUNS[:]
        rng.shuffle(self.nouns)  # which nouns are frequent depends on the seed
        self.noun_cum = zipf_weights(len(self.nouns))
        self.cities = CITIES[:]
        rng.shuffle(self.cities)
        self.city_cum = zipf_weights(len(self.cities), 0.8)
        self.people = NOTABLES + [f"{f} {g}" for f in FIRST_NAMES for g in FAMILY_NAMES]
        # The phrase vocabulary: nouns with agreeing adjectives, people, titles, orgs.
        self.phrases = [
            f"{n} {a[1] if n.endswith('ة') else a[0]}" for n in NOUNS for a in ADJECTIVES
        ]
        self.vocabulary_size = len(
            set(self.phrases) | set(self.people) | set(TITLES) | set(ORGS) | set(NOUNS)
        )

    # -- pieces -----------------------------------------------------------------------------
    def noun(self, rng: random.Random) -> str:
        return rng.choices(self.nouns, cum_weights=self.noun_cum)[0]

    def noun_phrase(self, rng: random.Random, topic: list[str]) -> str:
        noun = rng.choice(topic) if rng.random() < 0.5 else self.noun(rng)
        if rng.random() < 0.5:
            masc, fem = rng.choice(ADJECTIVES)
            noun = f"{noun} {fem if noun.endswith('ة') else masc}"
        return noun

    def city(self, rng: random.Random) -> str:
        name, variants = rng.choices(self.cities, cum_weights=self.city_cum)[0]
        if variants and rng.random() < 0.3:
            return rng.choice(variants)
        return name

    def person(self, rng: random.Random) -> str:
        if rng.random() < 0.25:
            return rng.choice(NOTABLES)
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"

    def number(self, rng: random.Random) -> str:
        n = str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(1, 12)]))
        if rng.random() < 0.15:  # Arabic-Indic digits
            n = n.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return n

    def sentence(self, rng: random.Random, t: dict[str, object]) -> str:
        topic: list[str] = t["nouns"]  # type: ignore[assignment]
        place = t["city"] if rng.random() < 0.6 else self.city(rng)
        who = t["person"] if rng.random() < 0.5 else self.person(rng)
        title = rng.choice(TITLES)
        np1, np2 = self.noun_phrase(rng, topic), self.noun_phrase(rng, topic)
        kind = rng.randrange(7)
        if kind == 0:
            return (
                f"{rng.choice(CONNECTIVES)} {rng.choice(VERBS_PAST)} {title} {who} "
                f"{rng.choice(TIMES)}، أن {np1} {rng.choice(VERBS_PRESENT)} {np2} في {place}."
            )
        if kind == 1:
            return (
                f"{rng.choice(VERBS_PAST)} {rng.choice(ORGS)} {np1} {rng.choice(PREPS)} {place} "
                f"{rng.choice(TIMES)}، في إطار {np2} {self.noun_phrase(rng, topic)}."
            )
        if kind == 2:
            return (
                f"وأشار {title} إلى أن {np1} {rng.choice(VERBS_PAST)} بنسبة {self.number(rng)} "
                f"بالمئة {rng.choice(TIMES)}، مقارنة بـ{np2} في {rng.choice(COUNTRIES)}."
            )
        if kind == 3:
            return (
                f"{rng.choice(CONNECTIVES)} {np1} و{np2} {rng.choice(PREPS)} "
                f"{rng.choice(COUNTRIES)}، وسط {self.noun_phrase(rng, topic)}."
            )
        if kind == 4:
            return (
                f"وقال {who}، {title} في {rng.choice(ORGS)}، إن {np1} "
                f"{rng.choice(VERBS_PRESENT)} {np2} خلال المرحلة المقبلة."
            )
        if kind == 5:
            return (
                f"يذكر أن {place} {rng.choice(VERBS_PAST)} {self.number(rng)} {rng.choice(UNITS)} "
                f"{rng.choice(TIMES)}، بحسب {rng.choice(ORGS)}."
            )
        return (
            f"ودعا {who} إلى {np1} {rng.choice(PREPS)} {place}، مؤكداً أن {np2} "
            f"{rng.choice(VERBS_PRESENT)} {self.noun_phrase(rng, topic)}."
        )

    def headline(self, rng: random.Random, t: dict[str, object]) -> str:
        topic: list[str] = t["nouns"]  # type: ignore[assignment]
        kind = rng.randrange(4)
        if kind == 0:
            return (
                f"{self.noun_phrase(rng, topic)} {rng.choice(HEADLINE_VERBS)} "
                f"{self.noun_phrase(rng, topic)} في {t['city']}"
            )
        if kind == 1:
            return f"{rng.choice(TITLES)} {t['person']}: {self.noun_phrase(rng, topic)} {rng.choice(VERBS_PRESENT)} {self.noun_phrase(rng, topic)}"
        if kind == 2:
            return f"{rng.choice(VERBS_PAST)} {self.noun_phrase(rng, topic)} في {t['city']} {rng.choice(TIMES)}"
        return f"{rng.choice(ORGS)}: {self.number(rng)} {rng.choice(UNITS)} {self.noun_phrase(rng, topic)} {rng.choice(PREPS)} {t['city']}"

    # -- records ----------------------------------------------------------------------------
    def rng_for(self, i: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + i)

    def article(self, i: int) -> ArticleRecord:
        rng = self.rng_for(i)
        topic = {
            "nouns": [self.noun(rng) for _ in range(3)],
            "city": self.city(rng),
            "person": self.person(rng),
        }
        headline = self.headline(rng, topic)
        target = rng.randint(1500, 3000)  # body size in UTF-8 bytes
        sentences, size = [], 0
        while size < target:
            sentence = self.sentence(rng, topic)
            sentences.append(sentence)
            size += len(sentence.encode("utf-8")) + 1
        paragraphs = min(rng.randint(4, 8), len(sentences))
        cuts = sorted(rng.sample(range(1, len(sentences)), paragraphs - 1))
        body = "\n\n".join(
            " ".join(sentences[a:b])
            for a, b in zip([0, *cuts], [*cuts, len(sentences)], strict=True)
        )
        if rng.random() < 0.06:  # a small share of pages write vowel marks or tatweel
            style = vowelled if rng.random() < 0.5 else stretched
            words = headline.split(" ")
            k = rng.randrange(len(words))
            words[k] = style(words[k], rng)
            headline = " ".join(words)
            body = body.replace(str(topic["city"]), style(str(topic["city"]), rng), 2)

        site, base = SITES[i % len(SITES)]
        published = EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        slug = "-".join(headline.replace(":", "").split()[:6])
        url = f"{base}/{published:%Y/%m/%d}/{quote(slug)}-{i}/"
        cats = rng.sample(CATEGORIES, rng.choice((1, 1, 1, 2, 3)))
        categories = [{"name": c, "url": f"{base}/category/{quote(c)}/"} for c in cats]
        if rng.random() < 0.7:
            source = rng.sample(SOURCES, rng.choice((1, 1, 1, 2)))
            source_raw, missing = "المصدر: " + " + ".join(source), {}
        else:
            source, source_raw = [], None
            missing = {"source": "no source line at the end of the body"}
        precision = rng.choice(("exact", "exact", "minute", "day", "window"))
        earliest = latest = published
        if precision == "day":
            earliest = published.replace(hour=0, minute=0, second=0)
            latest = earliest + timedelta(hours=23, minutes=59, seconds=59)
        elif precision in ("minute", "window"):
            latest = published + timedelta(seconds=59 if precision == "minute" else 3599)
        reference = CRAWL_START + timedelta(seconds=i // 2)
        return ArticleRecord(
            url=url,
            site=site,
            fetched_url=url.lower(),
            reference_time=iso(reference),
            headline=headline,
            body=body,
            source=source,
            source_raw=source_raw,
            category=categories[0],
            categories=categories,
            published_at=iso(published),
            published_raw=f"{published:%Y-%m-%d}",
            precision=precision,
            published_earliest=iso(earliest),
            published_latest=iso(latest),
            published_sources=["time[datetime]", "visible-date"][: rng.randint(1, 2)],
            modified_at=iso(published + timedelta(hours=rng.randint(1, 48)))
            if rng.random() < 0.3
            else None,
            author=self.person(rng) if rng.random() < 0.7 else None,
            tags=rng.sample([str(topic["city"]), *topic["nouns"], rng.choice(COUNTRIES)], 3),
            image=f"{base}/wp-content/uploads/{published:%Y/%m}/photo-{i}.jpg",
            language="ar",
            post_id=10_000 + i // len(SITES),
            profile="zox@1",
            provenance={
                "body": "zox@1:#mvp-content-main",
                "headline": "zox@1:h1.mvp-post-title",
                "published_at": "time[datetime]+visible-date",
                "url": "link[rel=canonical]",
            },
            missing=missing,
        )

    def query(self, rng: random.Random, n_articles: int) -> str:
        """A 1-3 word query as people type them: any spelling, with or without ال."""
        x = rng.random()
        if x < 0.05:
            return rng.choice(ABSENT)
        if x < 0.2:  # a few consecutive words of some real headline
            words = self.article(rng.randrange(n_articles)).headline.replace(":", "").split()
            k = rng.randint(1, min(3, len(words)))
            start = rng.randrange(len(words) - k + 1)
            return " ".join(words[start : start + k])
        if x < 0.45:
            name, variants = rng.choice(CITIES)
            words = [rng.choice((name, *variants))]
            if rng.random() < 0.4:
                words.append(self.noun(rng))
        elif x < 0.6:
            words = [rng.choice((*FAMILY_NAMES, *NOTABLES))]
            if words[0] == "الأسد" or rng.random() < 0.3:
                words = [rng.choice(("الأسد", "أسد", "الاسد", "بشار الأسد"))]
        elif x < 0.75:
            words = [rng.choice(TITLES)]
        else:
            masc, fem = rng.choice(ADJECTIVES)
            noun = self.noun(rng)
            words = [noun] if rng.random() < 0.5 else [noun, fem if noun.endswith("ة") else masc]
        query = " ".join(words)
        y = rng.random()
        if y < 0.15:
            query = query.replace("أ", "ا").replace("إ", "ا")
        elif y < 0.25:
            query = vowelled(query, rng)
        elif y < 0.3:
            query = stretched(query, rng)
        elif y < 0.4 and query.startswith("ال"):
            query = query[2:]
        return query


# --- Measurements -------------------------------------------------------------------------
def flat_row(record: ArticleRecord) -> dict[str, object]:
    """The floor's row: the record's fields, category split, lists and objects as JSON."""
    import json

    row = record.as_dict()
    category = row.pop("category") or {}
    row["category"] = category.get("name")
    row["category_url"] = category.get("url")
    for name in ("source", "categories", "published_sources", "date_conflicts", "tags"):
        row[name] = json.dumps(row[name], ensure_ascii=False)
    for name in ("provenance", "missing"):
        row[name] = json.dumps(row[name], ensure_ascii=False, sort_keys=True)
    return row


def submit_all(writer: GroupCommitWriter, records: list[ArticleRecord]) -> tuple[float, dict]:
    """Submit records, wait for every future; return elapsed seconds and result counts."""
    counts: dict[str, int] = {}
    start = time.perf_counter()
    futures = [writer.submit(record) for record in records]
    for future in futures:
        result = future.result()
        counts[result] = counts.get(result, 0) + 1
    return time.perf_counter() - start, counts


def sizes_list(text: str) -> list[int]:
    sizes = [int(part.replace("_", "").replace(",", "")) for part in text.split(":")]
    if sizes != sorted(set(sizes)) or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must grow: 10000:100000:250000:1000000")
    return sizes


@contextlib.contextmanager
def bench_lock(path: Path | None) -> Iterator[None]:
    """Hold an exclusive flock on `path` (shared with the other benchmarks) while timing."""
    if path is None:
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _generate(seed: int, lo: int, hi: int) -> list[ArticleRecord]:
    corpus = Corpus(seed)
    return [corpus.article(i) for i in range(lo, hi)]


@contextlib.contextmanager
def bench_lock_within(path: Path | None, seconds: float) -> Iterator[bool]:
    """The bench lock if it comes within `seconds` (True), else go on without it (False)."""
    if path is None:
        yield False
        return
    with open(path, "a") as handle:
        deadline = time.monotonic() + seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(0.5)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def grow(corpus: Corpus, db: Path, floor_path: Path, args: argparse.Namespace) -> None:
    """--scale: grow one database in bulk mode through the given sizes. At each size: the
    segment's insert rate (and the floor's on the same records, up to --floor-up-to), the
    database size, then searches and an unchanged re-crawl (through the live writer), timed
    under the bench lock when it comes within --lock-wait seconds (the output says which).
    Records are generated in a helper process one chunk ahead, outside the timed calls."""
    floor = sqlite_utils.Database(str(floor_path))
    floor.enable_wal()
    floor.execute("PRAGMA synchronous=FULL")
    qrng = random.Random(args.seed + 29)
    results = []
    done = 0
    spans = [
        (lo, min(size, lo + args.chunk))
        for previous, size in zip([0, *args.scale], args.scale, strict=False)
        for lo in range(previous, size, args.chunk)
    ]
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = [pool.apply_async(_generate, (args.seed, lo, hi)) for lo, hi in spans[:2]]
        submitted = len(pending)
        for size in args.scale:
            writer = GroupCommitWriter(db, bulk=True)
            writer.start()
            with_floor = size <= args.floor_up_to
            spent = {"bulk": 0.0, "floor": 0.0, "wait for generation": 0.0}
            floor.conn.execute("BEGIN")  # one floor transaction a segment, its commit untimed
            for number in range((size - done + args.chunk - 1) // args.chunk):
                t0 = time.perf_counter()
                chunk = pending.pop(0).get()
                spent["wait for generation"] += time.perf_counter() - t0
                if submitted < len(spans):  # keep two chunks in the making
                    pending.append(pool.apply_async(_generate, (args.seed, *spans[submitted])))
                    submitted += 1
                steps = ["bulk", "floor"] if with_floor else ["bulk"]
                for name in steps[number % len(steps) :] + steps[: number % len(steps)]:
                    if name == "bulk":
                        elapsed, counts = submit_all(writer, chunk)
                        assert counts == {"new": len(chunk)}, counts
                    else:
                        t0 = time.perf_counter()
                        floor["articles"].insert_all((flat_row(r) for r in chunk), pk="url")
                        elapsed = time.perf_counter() - t0
                    spent[name] += elapsed
            floor.conn.execute("COMMIT")
            writer.close()
            if args.copy_at and size != args.scale[-1]:
                copy = db.with_name(f"{db.stem}.{size}{db.suffix}")
                with (
                    contextlib.closing(sqlite3.connect(db)) as source,
                    contextlib.closing(sqlite3.connect(copy)) as target,
                ):
                    source.backup(target)  # page by page: the same index segments
                print(f"{size:>9,} articles: copied to {copy}", flush=True)
            segment = size - done
            row = {
                "size": size,
                "bulk": segment / spent["bulk"],
                "floor": segment / spent["floor"] if with_floor else None,
                "commits": writer.batches,
                "db": db_size(db),
                "load insert": load(),
            }
            print(
                f"{size:>9,} articles: segment of {segment:,} in bulk {row['bulk']:,.0f}/s "
                f"({row['commits']:,} commits)"
                + (
                    f", floor {row['floor']:,.0f}/s, bulk/floor {row['bulk'] / row['floor']:.2f}"
                    if with_floor
                    else ""
                )
                + f"; db {mib(row['db'])}; waited {spent['wait for generation']:.0f} s for "
                f"generation (not counted); load {row['load insert']}",
                flush=True,
            )
            queries = [corpus.query(qrng, size) for _ in range(args.queries)]
            unchanged = [
                replace(
                    corpus.article(i),
                    reference_time=iso(CRAWL_START + timedelta(days=30 + len(results), seconds=k)),
                )
                for k, i in enumerate(
                    random.Random(args.seed + size).sample(range(size), min(args.recrawl, size))
                )
            ]
            with bench_lock_within(args.lock, args.lock_wait) as locked:
                search(db, "إسطنبول", limit=20)  # open the file once
                row["load search"] = load()
                cpu_start = time.process_time()
                times, hits, _ = timed_searches(db, queries)
                # CPU time a query: what other work on the machine inflates least.
                row["cpu"] = (time.process_time() - cpu_start) * 1000 / len(queries)
                live = GroupCommitWriter(db)
                live.start()
                same_s, same_counts = submit_all(live, unchanged)
                live.close()
            assert same_counts == {"unchanged": len(unchanged)}, same_counts
            row.update(
                p50=pct(times, 0.5),
                p95=pct(times, 0.95),
                max=max(times),
                hits=statistics.mean(hits),
                recrawl=len(unchanged) / same_s,
                locked="yes" if locked else "no",
            )
            results.append(row)
            print(
                f"{size:>9,} articles: search p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, "
                f"max {row['max']:.1f} ms, CPU {row['cpu']:.1f} ms a query on average "
                f"({args.queries} queries, mean hits {row['hits']:.1f}); re-crawl unchanged "
                f"{row['recrawl']:,.0f}/s; bench lock held: {row['locked']}; "
                f"load {row['load search']}",
                flush=True,
            )
            done = size
    floor.close()
    print()
    table(
        ("articles", "bulk rec/s", "floor rec/s", "bulk/floor", "db", "search p50 ms",
         "p95 ms", "CPU ms/query", "re-crawl unchanged rec/s", "lock", "load (insert; search)"),
        [
            (f"{r['size']:,}", f"{r['bulk']:,.0f}",
             f"{r['floor']:,.0f}" if r["floor"] else "-",
             f"{r['bulk'] / r['floor']:.2f}" if r["floor"] else "-",
             mib(r["db"]), f"{r['p50']:.1f}", f"{r['p95']:.1f}", f"{r['cpu']:.1f}",
             f"{r['recrawl']:,.0f}", r["locked"], f"{r['load insert']}; {r['load search']}")
            for r in results
        ],
    )  # fmt: skip


def insert_round(
    corpus: Corpus,
    n: int,
    chunk_size: int,
    in_order: list[ArticleRecord],
    db: Path,
    bulk_db: Path,
    floor_path: Path,
    round_index: int,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Insert n records three ways, one generated chunk at a time: through the live
    GroupCommitWriter, through a bulk one, and into the floor (sqlite-utils insert_all into
    one flat table, one transaction). Within each chunk the three take turns going first
    (rotating with the chunk and the round), so a change in the machine's load falls on all
    three alike. Seconds per variant, commits, and generation time (not counted)."""
    batching = {"batch_size": args.batch_size} if args.batch_size else {}
    live = GroupCommitWriter(db, **batching)
    bulk = GroupCommitWriter(bulk_db, bulk=True)
    live.start()
    bulk.start()
    floor = sqlite_utils.Database(str(floor_path))
    floor.enable_wal()
    floor.execute("PRAGMA synchronous=FULL")
    spent = {"live": 0.0, "bulk": 0.0, "floor": 0.0, "generate": 0.0}
    body_bytes: list[int] = []

    def to_floor(records: list[ArticleRecord]) -> tuple[float, dict]:
        t0 = time.perf_counter()
        floor["articles"].insert_all((flat_row(r) for r in records), pk="url")
        return time.perf_counter() - t0, {"new": len(records)}

    steps = {
        "live": lambda records: submit_all(live, records),
        "bulk": lambda records: submit_all(bulk, records),
        "floor": to_floor,
    }
    names = list(steps)
    with floor.atomic():
        for number, lo in enumerate(range(0, n, chunk_size)):
            t0 = time.perf_counter()
            chunk = in_order[lo : lo + chunk_size] or [
                corpus.article(i) for i in range(lo, min(n, lo + chunk_size))
            ]
            spent["generate"] += time.perf_counter() - t0
            body_bytes += [len(r.body.encode("utf-8")) for r in chunk]
            turn = (number + round_index) % len(names)
            for name in names[turn:] + names[:turn]:
                elapsed, counts = steps[name](chunk)
                assert counts == {"new": len(chunk)}, (name, counts)
                spent[name] += elapsed
            if sys.stderr.isatty():
                done = lo + len(chunk)
                print(f"  {done:>9,} stored", end="\r", file=sys.stderr)
    floor.close()
    live.close()
    bulk.close()
    return {
        **spent,
        "live_commits": live.batches,
        "bulk_commits": bulk.batches,
        "batch_size": live.batch_size,
        "body_bytes": body_bytes,
    }


def describe_round(result: dict[str, Any], n: int) -> str:
    live, bulk, floor = (n / result[name] for name in ("live", "bulk", "floor"))
    return (
        f"live {live:,.0f}/s ({result['live_commits']:,} commits), bulk {bulk:,.0f}/s "
        f"({result['bulk_commits']:,} commits), floor {floor:,.0f}/s; live/floor "
        f"{live / floor:.2f}, bulk/floor {bulk / floor:.2f}; load {load()}"
    )


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def remove(databases: list[Path]) -> None:
    for path in databases:
        for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if part.exists():
                part.unlink()


def synchronous(path: Path) -> str:
    """The store's synchronous setting, as a Store connection sets it."""
    store = Store(path)
    try:
        level = store.conn.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        store.close()
    return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[level]


def db_size(path: Path) -> int:
    return sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


def mib(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB"


def peak_rss() -> str:
    return mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def table_sizes(path: Path, top: int = 8) -> list[tuple[str, int]]:
    """Bytes per table (indexes and FTS shadow tables folded into their owner), via dbstat."""
    owners: dict[str, str] = {}
    with sqlite3.connect(path) as conn:
        for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master"):
            owners[name] = table
        try:
            rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:
            return []
    sizes: dict[str, int] = {}
    for name, size in rows:
        owner = owners.get(name, name)
        if owner.startswith("articles_fts_"):
            owner = "articles_fts"
        sizes[owner] = sizes.get(owner, 0) + size
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:top]


def timed_searches(
    db: Path, queries: list[str], **options: Any
) -> tuple[list[float], list[int], list[list[float]]]:
    """Milliseconds, hit counts and the hits' bm25 scores (equal scores: an equal ranking,
    up to the order of ties) of each query."""
    times, hits, scores = [], [], []
    for q in queries:
        start = time.perf_counter()
        found = search(db, q, limit=20, **options)
        times.append((time.perf_counter() - start) * 1000)
        hits.append(len(found))
        scores.append([round(hit.rank, 9) for hit in found])
    return times, hits, scores


def search_row(label: str, times: list[float], hits: list[int]) -> tuple[str, ...]:
    return (
        label,
        str(len(times)),
        f"{pct(times, 0.5):.1f}",
        f"{pct(times, 0.95):.1f}",
        f"{max(times):.1f}",
        f"{statistics.mean(hits):.1f}",
    )


def table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    for r in [head, *rows]:
        cells = zip(r, widths, strict=True)
        print("  ".join(x.ljust(w) if c == 0 else x.rjust(w) for c, (x, w) in enumerate(cells)))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def profile_store(corpus: Corpus, workdir: Path, n: int, offset: int) -> None:
    """cProfile Store.write_batch (200-record batches, main thread) over n new records."""
    path = workdir / "profile.db"
    records = [corpus.article(offset + i) for i in range(n)]
    store = Store(path)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for k in range(0, n, 200):
        store.write_batch(records[k : k + 200])
    profiler.disable()
    elapsed = time.perf_counter() - start
    store.close()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(18)
    print(f"\n== cProfile: Store.write_batch, {n:,} new records, {elapsed:.1f} s under profiler ==")
    lines = out.getvalue().splitlines()
    start_at = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start_at:]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250_000)
    ap.add_argument("--db", type=Path, help="database path (must not exist); default: temp dir")
    ap.add_argument("--keep", action="store_true", help="keep the databases at the end")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=10_000, help="records generated per chunk")
    ap.add_argument(
        "--batch-size", type=int, help="GroupCommitWriter batch_size (default: the writer's)"
    )
    ap.add_argument("--recrawl", type=int, default=20_000, help="unchanged re-crawl sample")
    ap.add_argument("--changed", type=int, default=2_000, help="changed re-crawl sample")
    ap.add_argument("--profile", action="store_true", help="also cProfile Store.write_batch")
    ap.add_argument(
        "--scale",
        type=sizes_list,
        help="grow one bulk-mode database through these sizes (10000:100000:250000:1000000) "
        "and measure at each; instead of the other phases",
    )
    ap.add_argument(
        "--floor-up-to", type=int, default=250_000, help="--scale: floor segments up to here"
    )
    ap.add_argument(
        "--copy-at",
        action="store_true",
        help="--scale: keep a copy of the database at each size but the last (DB.SIZE.db)",
    )
    ap.add_argument("--lock", type=Path, help="flock this file while timing searches")
    ap.add_argument(
        "--lock-wait", type=float, default=120.0, help="--scale: seconds to wait for --lock"
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="insert rounds (fresh databases each; the three writers in rotating order)",
    )
    ap.add_argument(
        "--order",
        choices=("random", "published"),
        default="random",
        help="insert order: by id (dates uniform over eight years) or oldest first",
    )
    args = ap.parse_args()
    n = args.articles
    if args.scale:
        args.articles = n = args.scale[-1]

    if args.db:
        if args.db.exists():
            sys.exit(f"{args.db} exists; the benchmark only writes to a fresh database")
        args.db.parent.mkdir(parents=True, exist_ok=True)
        workdir, db = args.db.parent, args.db
        made = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    else:
        workdir = Path(tempfile.mkdtemp(prefix="bench_store_"))
        db = workdir / "bench.db"
        made = [workdir]
    floor_path = db.with_name(db.name + ".floor.db")
    made += [floor_path, Path(f"{floor_path}-wal"), Path(f"{floor_path}-shm")]
    made.append(workdir / "profile.db")

    corpus = Corpus(args.seed)
    print(
        f"store benchmark: {n:,} articles, seed {args.seed}, vocabulary {corpus.vocabulary_size:,} "
        f"words/phrases, insert order {args.order}, db {db}"
    )
    rows: list[tuple[str, ...]] = []
    bulk_db = db.with_name(db.name + ".bulk.db")
    made += [bulk_db, Path(f"{bulk_db}-wal"), Path(f"{bulk_db}-shm")]
    try:
        if args.scale:
            grow(corpus, db, floor_path, args)
            return
        # -- 1+2. Generate in chunks; insert each chunk live, in bulk and into the floor ----
        in_order: list[ArticleRecord] = []
        gen_s = 0.0
        if args.order == "published":
            t0 = time.perf_counter()
            in_order = sorted(
                (corpus.article(i) for i in range(n)), key=lambda r: (r.published_at, r.url)
            )
            gen_s += time.perf_counter() - t0
        rounds = []
        for k in range(args.rounds):
            if k:  # a fresh start for every round; the last round's databases stay
                remove([db, bulk_db, floor_path])
            rounds.append(
                insert_round(corpus, n, args.chunk, in_order, db, bulk_db, floor_path, k, args)
            )
            gen_s += rounds[-1]["generate"]
            print(f"round {k + 1}: " + describe_round(rounds[-1], n))
        if args.rounds > 1:
            print(f"\n{args.rounds} interleaved rounds, records/s min / median / max:")
            for name in ("live", "bulk", "floor"):
                rates = [n / r[name] for r in rounds]
                print(f"  {name:<6} " + " / ".join(f"{v:,.0f}" for v in spread(rates)))
            for name in ("live", "bulk"):
                ratios = [r["floor"] / r[name] for r in rounds]
                print(f"  {name}/floor " + " / ".join(f"{v:.2f}" for v in spread(ratios)))
        last = rounds[-1]
        store_s, bulk_s, floor_s = last["live"], last["bulk"], last["floor"]
        insert_commits, bulk_commits, batch_size = (
            last["live_commits"],
            last["bulk_commits"],
            last["batch_size"],
        )
        size_store, size_bulk, size_floor = db_size(db), db_size(bulk_db), db_size(floor_path)
        rss_insert = peak_rss()
        body_bytes = last["body_bytes"]
        print(
            f"generated {n:,} records in {gen_s:.1f} s ({n * args.rounds / gen_s:,.0f}/s, not "
            f"counted); body {statistics.mean(body_bytes):,.0f} B mean, "
            f"{min(body_bytes):,}-{max(body_bytes):,} B"
        )
        print(
            f"insert  GroupCommitWriter: {store_s:8.1f} s  {n / store_s:9,.0f} rec/s  "
            f"{insert_commits:,} commits ({n / insert_commits:.0f} rec/commit)  db {mib(size_store)}"
        )
        print(
            f"insert  GroupCommitWriter bulk: {bulk_s:8.1f} s  {n / bulk_s:9,.0f} rec/s  "
            f"{bulk_commits:,} commits ({n / bulk_commits:.0f} rec/commit)  db {mib(size_bulk)}"
        )
        print(
            f"insert  FLOOR sqlite-utils insert_all, 1 txn, flat table, no FTS: {floor_s:6.1f} s  "
            f"{n / floor_s:9,.0f} rec/s  db {mib(size_floor)}"
        )
        print(
            f"same run: live/floor {floor_s / store_s:.2f}, bulk/floor {floor_s / bulk_s:.2f}, "
            f"bulk/live {store_s / bulk_s:.2f}; load average {load()}"
        )
        rows.append(
            (
                "generate records (not counted)",
                f"{n * args.rounds:,}",
                f"{gen_s:.1f}",
                f"{n * args.rounds / gen_s:,.0f}",
                "",
                "-",
            )
        )
        rows.append(
            ("insert: GroupCommitWriter", f"{n:,}", f"{store_s:.1f}", f"{n / store_s:,.0f}",
             f"{insert_commits:,}", f"db {mib(size_store)}")
        )  # fmt: skip
        rows.append(
            ("insert: GroupCommitWriter bulk", f"{n:,}", f"{bulk_s:.1f}", f"{n / bulk_s:,.0f}",
             f"{bulk_commits:,}", f"db {mib(size_bulk)}")
        )  # fmt: skip
        rows.append(
            ("insert: FLOOR insert_all 1 txn", f"{n:,}", f"{floor_s:.1f}", f"{n / floor_s:,.0f}",
             "1", f"{mib(size_floor)}, no FTS")
        )  # fmt: skip
        remove([bulk_db, floor_path])  # the re-crawls and searches use the live writer's

        # -- 3. Re-crawls --------------------------------------------------------------------
        rng = random.Random(args.seed + 17)
        later = CRAWL_START + timedelta(days=30)
        same_ids = rng.sample(range(n), min(args.recrawl, n))
        unchanged = [
            replace(corpus.article(i), reference_time=iso(later + timedelta(seconds=k)))
            for k, i in enumerate(same_ids)
        ]
        changed_ids = rng.sample(range(n), min(args.changed, n))
        changed = []
        for k, i in enumerate(changed_ids):
            rec = corpus.article(i)
            changed.append(
                replace(
                    rec,
                    reference_time=iso(later + timedelta(days=1, seconds=k)),
                    body=rec.body + "\n\nتحديث: " + corpus.sentence(rng, {"nouns": [corpus.noun(rng)],
                        "city": corpus.city(rng), "person": corpus.person(rng)}),
                    modified_at=iso(later),
                )
            )  # fmt: skip
        revisions_before = count(db, "SELECT count(*) FROM article_revisions")
        batching = {"batch_size": args.batch_size} if args.batch_size else {}
        writer = GroupCommitWriter(db, **batching)
        writer.start()
        same_s, same_counts = submit_all(writer, unchanged)
        time.sleep(0.05)  # the writer counts a commit just after completing its futures
        same_commits = writer.batches
        revisions_same = count(db, "SELECT count(*) FROM article_revisions") - revisions_before
        changed_s, changed_counts = submit_all(writer, changed)
        changed_commits = writer.batches - same_commits
        writer.close()
        revisions_changed = count(db, "SELECT count(*) FROM article_revisions") - revisions_before
        revisions_changed -= revisions_same
        assert same_counts == {"unchanged": len(unchanged)}, same_counts
        assert changed_counts == {"changed": len(changed)}, changed_counts
        size_after = db_size(db)
        print(
            f"re-crawl unchanged: {len(unchanged):,} in {same_s:.2f} s  "
            f"{len(unchanged) / same_s:,.0f} rec/s  {same_commits:,} commits  "
            f"revisions written: {revisions_same}"
        )
        print(
            f"re-crawl changed:   {len(changed):,} in {changed_s:.2f} s  "
            f"{len(changed) / changed_s:,.0f} rec/s  {changed_commits:,} commits  "
            f"revisions written: {revisions_changed}  db now {mib(size_after)}"
        )
        rows.append(
            ("re-crawl unchanged", f"{len(unchanged):,}", f"{same_s:.2f}",
             f"{len(unchanged) / same_s:,.0f}", f"{same_commits:,}", f"{revisions_same} revisions")
        )  # fmt: skip
        rows.append(
            ("re-crawl changed", f"{len(changed):,}", f"{changed_s:.2f}",
             f"{len(changed) / changed_s:,.0f}", f"{changed_commits:,}",
             f"{revisions_changed} revisions")
        )  # fmt: skip
        rss_recrawl = peak_rss()

        # -- 4. Search -----------------------------------------------------------------------
        qrng = random.Random(args.seed + 29)
        queries = [corpus.query(qrng, n) for _ in range(args.queries)]
        search(db, "إسطنبول", limit=20)  # open the file once; every query reconnects anyway
        times, hits, windowed = timed_searches(db, queries)
        print(
            f"search: {len(queries)} queries  p50 {pct(times, 0.5):.1f} ms  "
            f"p95 {pct(times, 0.95):.1f} ms  max {max(times):.1f} ms  "
            f"mean hits {statistics.mean(hits):.1f}  zero-hit {hits.count(0)}  "
            f"at limit {hits.count(20)}"
        )
        slowest = sorted(zip(times, queries, strict=True), reverse=True)[:3]
        print("  slowest: " + "  ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))
        search_rows = [search_row("search, no filter", times, hits)]
        # The same queries with every match ranked (no recency window): what the window saves.
        times, hits, ranked = timed_searches(db, queries, rank_window=None)
        same = sum(a == b for a, b in zip(windowed, ranked, strict=True))
        print(
            f"search, every match ranked (rank_window=None): p50 {pct(times, 0.5):.1f} ms  "
            f"p95 {pct(times, 0.95):.1f} ms  max {max(times):.1f} ms; the window gave the same "
            f"top-20 scores for {same} of {len(queries)} queries"
        )
        search_rows.append(search_row("search, no window (all ranked)", times, hits))
        few = queries[:20]
        for label, filters in (
            ("search --category", {"category": "اقتصاد"}),
            ("search --since", {"since": "2025-06-01T00:00:00Z"}),
            ("search --category --since", {"category": "سياسة", "since": "2024-01-01T00:00:00Z"}),
        ):
            times, hits, _ = timed_searches(db, few, **filters)
            shown = " ".join(f"{k}={v}" for k, v in filters.items())
            print(
                f"{label} ({shown}): {len(few)} queries  p50 {pct(times, 0.5):.1f} ms  "
                f"max {max(times):.1f} ms  mean hits {statistics.mean(hits):.1f}"
            )
            search_rows.append(search_row(label, times, hits))

        print("\nlargest tables (bytes incl. indexes / FTS shadow tables):")
        for name, size in table_sizes(db):
            print(f"  {name:<28} {mib(size):>12}")

        if args.profile:
            profile_store(corpus, workdir, min(n, 20_000), offset=n + 1)

        # -- 5. Summary ----------------------------------------------------------------------
        print()
        table(("writes", "records", "seconds", "records/s", "commits", "notes"), rows)
        print()
        table(
            ("search (limit 20)", "queries", "p50 ms", "p95 ms", "max ms", "mean hits"), search_rows
        )
        held = (
            f"all {n:,} records (generated before the insert)"
            if in_order
            else f"the generation chunk of {args.chunk:,}"
        )
        print(
            f"\npeak RSS: after insert {rss_insert}, after re-crawl {rss_recrawl}, end {peak_rss()}"
            f" (includes {held} and the re-crawl samples)"
        )
        print(
            f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"sqlite-utils {metadata.version('sqlite-utils')}, batch_size {batch_size} (bulk {BULK_BATCH_SIZE:,}), "
            f"journal WAL, synchronous {synchronous(db)} (floor: FULL)"
        )
    finally:
        if args.keep:
            print(f"kept: {db} and {floor_path}")
        else:
            for path in made:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                elif path.exists():
                    path.unlink()


if __name__ == "__main__":
    main()
