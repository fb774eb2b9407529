"""Thai text with a real vocabulary, for measuring search on data shaped like real use.

Recombining a few hundred sentences gives a corpus of a few thousand distinct
words where every common word is in every post: it hides what real prose costs
an index. This generator draws words from the Thai National Corpus frequency
list bundled with PyThaiNLP (about 60,000 Thai words, with the natural Zipf
spread of real writing), so a corpus of 100,000 posts holds tens of thousands
of distinct words, most of them rare. Real Thai also has:
- compounds and their parts: the list holds both เครือข่าย and ข่าย, เกษตรกรรม
  and เกษตร, and words are written together, so a query is often a word
  inside a longer one;
- topics: a post returns to its own handful of words (a burst), so a rare word
  found in a post is found there several times;
- the KM field's own terms (คุณอำนวย, ถอดบทเรียน), a few Latin words and
  numbers, some in Thai digits;
- varied lengths: from a short note to a long report (log-normal, median
  about 1,000 characters).
Everything is seeded: the same seed gives the same corpus.
"""

import math
import random
import re
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from pythainlp.corpus import thai_words, tnc
from pythainlp.util import arabic_digit_to_thai_digit

_THAI_WORD = re.compile(r"^[\u0E01-\u0E4E]+$")
KM_TERMS = [
    "คุณอำนวย",
    "คุณกิจ",
    "คุณเอื้อ",
    "คุณลิขิต",
    "การจัดการความรู้",
    "ถอดบทเรียน",
    "ชุมชนนักปฏิบัติ",
    "แลกเปลี่ยนเรียนรู้",
    "เวทีประชาคม",
    "กลุ่มออมทรัพย์",
    "เครือข่าย",
    "เกษตรกรรม",
    "เกษตรอินทรีย์",
    "กระบวนการเรียนรู้",
    "มาตรฐาน",
    "เรื่องเล่าเร้าพลัง",
    "ความรู้ฝังลึก",
    "องค์การบริหารส่วนตำบล",
    "วิสาหกิจชุมชน",
    "บัญชีครัวเรือน",
    "ปุ๋ยหมัก",
    "ภูมิปัญญาท้องถิ่น",
    "โรงเรียนชาวนา",
    "สวัสดิการชุมชน",
]
LATIN = ["KM", "LINE", "Excel", "Facebook", "Zoom", "OpenChat", "PDCA", "AAR", "BAR", "CoP", "Google Form"]
TAGS = [*KM_TERMS[:16], "การเงินชุมชน", "สุขภาพชุมชน", "การศึกษา", "ICT", "ท่องเที่ยวชุมชน", "สิ่งแวดล้อม"]


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float]

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


@cache
def vocabulary(size: int = 60_000) -> Vocabulary:
    """The size most frequent words of the TNC that are also in PyThaiNLP's dictionary
    (the TNC list holds fragments such as อุงโ), weighted by their frequency."""
    dictionary = thai_words()
    counted = sorted(
        ((word, count) for word, count in tnc.word_freqs() if _THAI_WORD.match(word) and word in dictionary),
        key=lambda pair: (-pair[1], pair[0]),  # ties by word: word_freqs() comes in hash order
    )[:size]
    return Vocabulary([w for w, _ in counted], list(accumulate(c for _, c in counted)))


class Writer:
    """Posts, titles, tags and comments from one seeded random source."""

    def __init__(self, seed: int = 2549):
        self.rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        self.vocabulary = vocabulary()
        words = self.vocabulary.words
        # Topic words: from the middle and the long tail, where real topics live.
        self.topic_pool = words[300:]

    def _topic(self) -> list[str]:
        rng = self.rng
        topic = [
            self.topic_pool[min(len(self.topic_pool) - 1, int(rng.paretovariate(0.6)) * 7 + rng.randrange(7))]
            for _ in range(rng.randint(3, 8))
        ]
        return topic + rng.sample(KM_TERMS, rng.randint(0, 2))

    def _sentence(self, topic: list[str]) -> str:
        rng = self.rng
        words = self.vocabulary.draw(rng, rng.randint(5, 22))
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(topic))
        roll = rng.random()
        if roll < 0.04:
            words.insert(rng.randrange(len(words) + 1), f" {rng.choice(LATIN)} ")
        elif roll < 0.08:
            number = str(rng.choice([rng.randint(2, 500), rng.randint(2540, 2569)]))
            words.insert(
                rng.randrange(len(words) + 1),
                f" {arabic_digit_to_thai_digit(number) if rng.random() < 0.4 else number} ",
            )
        # Thai writes a clause's words together and puts a space between clauses.
        if len(words) > 12 and rng.random() < 0.5:
            words.insert(rng.randrange(4, len(words) - 4), " ")
        return " ".join("".join(words).split())

    def post(self) -> dict:
        rng = self.rng
        topic = self._topic()
        length = min(12_000, max(120, int(math.exp(rng.gauss(math.log(1000), 0.7)))))
        paragraphs, size = [], 0
        while size < length:
            paragraph = " ".join(self._sentence(topic) for _ in range(rng.randint(1, 5)))
            paragraphs.append(paragraph)
            size += len(paragraph)
        title_words = [rng.choice(topic), *self.vocabulary.draw(rng, rng.randint(1, 5))]
        rng.shuffle(title_words)
        tags = rng.sample(TAGS, rng.randint(0, 3)) + ([rng.choice(topic)] if rng.random() < 0.3 else [])
        return {
            "title": "".join(title_words)[:150],
            "lead": self._sentence(topic) if rng.random() < 0.6 else "",
            "body": "".join(f"<p>{p}</p>" for p in paragraphs),
            "tags": list(dict.fromkeys(tags)),
        }

    def comment(self) -> str:
        return " ".join(self._sentence(self._topic()) for _ in range(self.rng.randint(1, 3)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
