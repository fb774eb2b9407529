"""Text preparation shared by indexing and querying.

Thai has no spaces between words, so full-text engines that split on spaces
never find a word inside a sentence. Text is normalised, then segmented into
words with PyThaiNLP's newmm algorithm in Rust (nlpo3: the same words as newmm,
about five times faster), and stored with spaces between the words. Queries go
through exactly the same steps, so "คุณอำนวย" finds "คุณอำนวยตำบล" and
"จัดการความรู้" finds "การจัดการความรู้".
"""

import functools
import re
import tempfile
import threading
import unicodedata
from pathlib import Path

from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_lead_vowels, thai_tonemarks
from pythainlp.corpus import thai_words
from pythainlp.tokenize import nlpo3
from pythainlp.util import normalize as thai_normalize
from pythainlp.util import thai_digit_to_arabic_digit

# Short words of the KM field that the dictionary lacks or splits (คุณ|อำนวย).
# Long compounds do harm here: they hide their parts from searches.
KM_WORDS = ["คุณเอื้อ", "คุณอำนวย", "คุณกิจ", "คุณลิขิต", "คุณประสาน", "คุณวิศาสตร์", "ลปรร"]

# Phrases of the KM field that make good tags. Only tag suggestions segment with them:
# in the search index such long compounds would hide their parts from searches.
KM_PHRASES = [
    "ถอดบทเรียน",
    "การจัดการความรู้",
    "จัดการความรู้",
    "แลกเปลี่ยนเรียนรู้",
    "ชุมชนนักปฏิบัติ",
    "กลุ่มออมทรัพย์",
    "เวทีแลกเปลี่ยนเรียนรู้",
    "ความรู้ฝังลึก",
    "เรื่องเล่าเร้าพลัง",
]
_DICT_NAME = "kmblog"
_PHRASES_DICT_NAME = "kmblog-phrases"
_dict_lock = threading.Lock()
_dicts_loaded: set[str] = set()

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# A token is a run of letters, marks and digits: Thai, Latin or any other script.
_WORD = re.compile(r"[^\W_]+(?:[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E][^\W_]*)*|[\u0E00-\u0E7F]+")
_THAI = re.compile(r"[\u0E00-\u0E7F]")


def _load_dictionary(name: str = _DICT_NAME) -> None:
    """PyThaiNLP's bundled word list plus KM_WORDS (and, for tag suggestions, KM_PHRASES),
    loaded into nlpo3 once per process."""
    with _dict_lock:
        if name in _dicts_loaded:
            return
        words = set(_dictionary())
        if name == _PHRASES_DICT_NAME:
            words |= set(KM_PHRASES)
        words = sorted(words)
        path = Path(tempfile.gettempdir()) / f"{name}-words-{len(words)}.txt"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_text("\n".join(words), encoding="utf-8")
            tmp.replace(path)
        nlpo3.load_dict(str(path), name)
        _dicts_loaded.add(name)


# Everything pythainlp.util.normalize changes: a lead vowel doubled (เเ), a tone mark
# before a vowel above or below, a follow vowel before a tone mark, nikhahit or
# lakkhangyao, a vowel or mark repeated (spaces between or not), a run of tone marks,
# a mark after a space or at the start. Prose that has none of them (nearly all)
# skips its thirty-odd passes: indexing is twice as fast.
_MARKS = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_REPEATABLE = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"
_NEEDS_THAI_NORMALIZE = re.compile(
    f"\u0e40\u0e40|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]|[\u0e4d\u0e45]"
    f"|[{thai_follow_vowels}][{thai_tonemarks}]|([{_REPEATABLE}]) *\\1|[{thai_tonemarks}]{{2,}}|(?:^| )[{_MARKS}]"
)


@functools.cache
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words()) | frozenset(KM_WORDS)


def is_word(word: str) -> bool:
    """A word of the dictionary, or one of another script (a Latin word, a number)."""
    return not _THAI.search(word) or word in _dictionary()


def normalize(text: str) -> str:
    """The form text is matched in: NFC, plain spaces, Thai digits as 0-9, Latin case folded,
    Thai typing slips mended (เเ → แ, doubled or misordered marks). Never NFKC: it splits ำ."""
    text = unicodedata.normalize("NFC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = thai_digit_to_arabic_digit(text).casefold()
    return thai_normalize(text) if _NEEDS_THAI_NORMALIZE.search(text) else text.strip(" ")


def tokens(text: str, *, phrases: bool = False, normalised: bool = False) -> list[str]:
    """The words of a text, normalised: Thai runs segmented, Latin words and numbers whole.

    phrases=True keeps the KM field's phrases whole (for tag suggestions, never the index).
    normalised=True: the text has been through normalize() already.
    """
    name = _PHRASES_DICT_NAME if phrases else _DICT_NAME
    _load_dictionary(name)
    words: list[str] = []
    for chunk in (text if normalised else normalize(text)).split(" "):
        if not chunk:
            continue
        if _THAI.search(chunk):
            # One pass over the segmented pieces joined by spaces: the same words as piece by piece.
            words.extend(_WORD.findall(" ".join(nlpo3.segment(chunk, custom_dict=name))))
        else:
            words.extend(_WORD.findall(chunk))
    return words


def index_text(text: str, *, normalised: bool = False) -> str:
    """Text as stored in the index: its words separated by single spaces."""
    return " ".join(tokens(text, normalised=normalised))
