"""Key words and phrases of a post, for tag suggestions and related posts."""

import re
from collections import Counter
from functools import cache

from pythainlp.corpus import thai_stopwords

from posts.search.text import tokens

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
