"""Key words and phrases of a post, for tag suggestions and related posts."""

import re
from collections import Counter
from functools import cache

from pythainlp.corpus import thai_stopwords, thai_words

from search.text import KM_PHRASES, KM_WORDS, tokens

_THAI = re.compile(r"[\u0E00-\u0E7F]")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(thai_stopwords()) | {"the", "and", "of", "to", "in", "a", "is", "for", "on", "with"}


def _join(words: tuple[str, ...]) -> str:
    """Thai words are written together, other words with spaces."""
    return "".join(words) if _THAI.search(words[0]) else " ".join(words)


def keywords(title: str, text: str, limit: int = 20) -> list[str]:
    """The most telling words and 2-3 word phrases, title words counting three times."""
    counts: Counter[str] = Counter()
    stop = _stopwords()
    for source, weight in ((tokens(title), 3), (tokens(text), 1)):
        for size in (1, 2, 3):
            for start in range(len(source) - size + 1):
                gram = tuple(source[start : start + size])
                if gram[0] in stop or gram[-1] in stop or any(w.isdigit() or len(w) < 2 for w in gram):
                    continue
                if size > 1 and len({bool(_THAI.search(w)) for w in gram}) > 1:
                    continue  # a phrase mixing Thai and Latin words makes a poor tag
                counts[_join(gram)] += weight * (1 + 0.5 * (size - 1))
    # A phrase seen once is noise; a word seen once in a short text may still be the topic.
    return [gram for gram, score in counts.most_common(limit * 3) if score >= 2 or " " not in gram][:limit]


# Tag suggestions ---------------------------------------------------------------------

MAX_GRAM = 4  # the longest tag matched, in words ("การ|จัดการ|ความรู้" is three)
_LATIN_WORD = re.compile(r"^[a-z][a-z0-9-]*$")


@cache
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words()) | frozenset(KM_WORDS) | frozenset(KM_PHRASES)


def _grams(words: list[str]) -> Counter[str]:
    """Every run of 1 to MAX_GRAM whole words, joined as it is written: never a run cut inside a word."""
    found: Counter[str] = Counter()
    for size in range(1, MAX_GRAM + 1):
        for start in range(len(words) - size + 1):
            found[_join(tuple(words[start : start + size]))] += 1
    return found


# Words too general to be a tag, though not stop words.
_GENERIC = frozenset({"เรื่อง", "ครั้ง", "วันนี้", "ทุกคน", "แต่ละคน", "อย่างไร", "ต่างๆ"})


def _inside(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True if `words` stand whole inside the longer `phrase` (not merely as a substring)."""
    size = len(words)
    return size < len(phrase) and any(phrase[i : i + size] == words for i in range(len(phrase) - size + 1))


def _fresh(title_words: list[str], text_words: list[str], title_grams: Counter, text_grams: Counter) -> list[str]:
    """Words and phrases that would make good new tags, best first.

    A word: a dictionary word (or a KM role, or a Latin word) of three letters or more, not
    a stop word. A phrase of two or three words: only when it is a dictionary word itself,
    or the body repeats it; a run that merely sits in the title ('บทเรียนวง') is not one.
    """
    stop, dictionary = _stopwords() | _GENERIC, _dictionary()
    scores: Counter[str] = Counter()
    parts: dict[str, tuple[str, ...]] = {}
    for words, weight in ((title_words, 2), (text_words, 1)):
        for size in (1, 2, 3):
            for start in range(len(words) - size + 1):
                gram = tuple(words[start : start + size])
                if gram[0] in stop or gram[-1] in stop or any(w.isdigit() for w in gram):
                    continue
                joined = _join(gram)
                thai = bool(_THAI.search(joined))
                if size > 1 and len({bool(_THAI.search(w)) for w in gram}) > 1:
                    continue
                if size == 1:
                    if thai and (joined not in dictionary or len(joined) < 3):
                        continue
                    if not thai and not _LATIN_WORD.match(joined):
                        continue
                elif joined not in dictionary and text_grams[joined] < 2:
                    continue
                scores[joined] += weight * (1 + 0.5 * (size - 1))
                parts[joined] = gram
    chosen: list[str] = []
    for gram, score in scores.most_common():
        # A word seen only inside a chosen phrase adds nothing ("ปุ๋ย" beside "ปุ๋ยหมัก").
        # The KM roles always stand on their own (คุณอำนวย beside คุณอำนวยตำบล).
        if gram not in KM_WORDS and any(
            _inside(parts[gram], parts[phrase]) and score <= scores[phrase] * 1.5 for phrase in chosen
        ):
            continue
        chosen.append(gram)
    return chosen


def suggest_tags(title: str, text: str, *, limit: int = 10) -> tuple[list[str], list[str]]:
    """Tags for a post being written: (existing tags found in it, new suggestions), best first.

    Existing tags come first: any tag whose words stand, whole, in the title or text
    (คุณกิจ, การจัดการความรู้), however common its first word is.
    """
    from tags.models import Tag

    title_words, text_words = tokens(title, phrases=True), tokens(text[:50_000], phrases=True)
    title_grams, text_grams = _grams(title_words), _grams(text_words)
    seen = title_grams + text_grams
    candidates: set[str] = set()
    for gram in seen:
        candidates.update({gram, gram.upper(), gram.title()} if not _THAI.search(gram) else {gram})
    names: dict[str, str] = {}
    ordered = sorted(candidates)
    for start in range(0, len(ordered), 500):
        for name in Tag.objects.filter(name__in=ordered[start : start + 500]).values_list("name", flat=True):
            names.setdefault(name.casefold(), name)
    existing = sorted(
        names.values(), key=lambda name: (-(2 * title_grams[name.casefold()] + text_grams[name.casefold()]), name)
    )
    taken = {name.casefold() for name in existing}
    fresh = [gram for gram in _fresh(title_words, text_words, title_grams, text_grams) if gram not in taken]
    return existing[:limit], fresh[: max(0, limit - len(existing[:limit]))]
