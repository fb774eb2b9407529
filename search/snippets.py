"""A snippet of a post's original text with the searched words marked.

The index holds a normalised, segmented copy; readers must see the post as
written. Matching runs on a normalised view of the original that keeps a map
back to it, so Thai digits, case and odd spaces still match and the marks land
on the original characters.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pythainlp.util import thai_digit_to_arabic_digit

WIDTH = 220


_INVISIBLE = "\u200b\u200c\u200d\ufeff\u00ad"
# Thai digits to 0-9 and every kind of space to a plain one: one character for one.
_ONE_FOR_ONE = {ord(d): str(n) for n, d in enumerate("๐๑๒๓๔๕๖๗๘๙")} | {
    ord(c): " "
    for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
}


# str.translate looks each character up in the dict: 60 µs for a post's 1,500 Thai
# characters, 2.4 ms for a page of snippets. The characters it changes are rare, so
# find them instead.
_ONE_FOR_ONE_FOUND = re.compile("[" + re.escape("".join(map(chr, _ONE_FOR_ONE))) + "]")


def _one_for_one(text: str) -> str:
    return _ONE_FOR_ONE_FOUND.sub(lambda found: _ONE_FOR_ONE[ord(found.group())], text)


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    view = _one_for_one(text).casefold()
    if len(view) == len(text) and not any(char in text for char in _INVISIBLE):
        # Nothing removed or expanded (nearly all text): the view lines up with the original.
        return view, range(len(text))
    chars, where = [], []
    for index, char in enumerate(unicodedata.normalize("NFC", text)):
        if char in "\u200b\u200c\u200d\ufeff\u00ad":
            continue
        char = " " if char.isspace() else thai_digit_to_arabic_digit(char).casefold()
        for piece in char:
            chars.append(piece)
            where.append(index)
    return "".join(chars), where


def _word_start(text: str, index: int, limit: int) -> int:
    """Start after a space near index (never past limit), and never on a vowel or tone mark."""
    if index == 0:
        return 0
    space = text.find(" ", index, min(limit, index + 40))
    if space != -1:
        return space + 1
    while index < limit and unicodedata.category(text[index]).startswith("M"):
        index += 1
    return index


def _word_end(text: str, index: int) -> int:
    """End at a space shortly before index, or keep any marks that belong to the last letter."""
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, index - 40), index)
    if space != -1:
        return space
    while index < len(text) and unicodedata.category(text[index]).startswith("M"):
        index += 1
    return index


def _spans(view: str, where: list[int], needles: list[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in sorted(set(needles), key=len, reverse=True):
        start = view.find(needle) if needle else -1
        while start != -1:
            spans.append((where[start], where[start + len(needle) - 1] + 1))
            start = view.find(needle, start + len(needle))
    return sorted(spans)


def snippet(text: str, strings: list[str], words: list[str] = (), *, width: int | None = WIDTH) -> SafeString:
    """About width characters around the first match (None: all of it), escaped, matches in <mark>.

    What is marked is exactly what was found: each typed term where it stands
    (inside a longer word too). Only when no term stands in the text as typed
    (found by its words, written apart) are its words marked instead.
    """
    original = unicodedata.normalize("NFC", " ".join(text.split()))
    view, where = _normalised_with_map(original)
    spans = _spans(view, where, strings) or _spans(view, where, list(words))
    first = spans[0][0] if spans else 0
    if width is None:
        begin, end = 0, len(original)
    else:
        begin = _word_start(original, max(0, first - width // 3), limit=first)
        end = _word_end(original, min(len(original), begin + width))
    out, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out.append(escape(original[cursor:start]))
        out.append(f"<mark>{escape(original[start:stop])}</mark>")
        cursor = stop
    out.append(escape(original[cursor:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(original) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 (every piece escaped above)
