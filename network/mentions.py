"""@username in comments and posts: found for notifications, linked to the person when shown."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

# @username as Django's username validator allows it (letters, digits, . @ + - _),
# Thai letters and marks included; never the middle of an address like x@example.org.
MENTION = re.compile(r"(?<![\w.@+\-\u0E00-\u0E7F])@([\w.+\-\u0E00-\u0E7F]*[\w+\-\u0E00-\u0E7F])")
_TAG = re.compile(r"(<[^>]*>)")


def names_in(text: str, limit: int = 20) -> list[str]:
    """The usernames written as @username, in order, each once (at most `limit`: a list of names is no mass mailing)."""
    return list(dict.fromkeys(MENTION.findall(text or "")))[:limit]


def existing(names) -> set[str]:
    """Which of `names` are active members: one query, none when there are no names."""
    names = set(names)
    if not names:
        return set()
    return set(get_user_model().objects.filter(username__in=names, is_active=True).values_list("username", flat=True))


def link(escaped_text: str, known: set[str]) -> str:
    """Link each @username of a member in already-escaped text."""

    def replace(match: re.Match) -> str:
        name = match[1]
        if name not in known:
            return match[0]
        return f'<a href="{escape(reverse("profiles:detail", kwargs={"username": name}))}">@{escape(name)}</a>'

    return MENTION.sub(replace, escaped_text)


def link_html(html: str) -> str:
    """Link the members @mentioned in a post's (sanitised) HTML: text outside tags and links only."""
    if "@" not in html:
        return html
    known = existing(names_in(_TAG.sub(" ", html), limit=200))
    if not known:
        return html
    out, in_link = [], False
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            lowered = piece[:3].lower()
            in_link = (
                True
                if lowered.startswith("<a ") or lowered == "<a>"
                else (False if piece.lower().startswith("</a") else in_link)
            )
            out.append(piece)
        else:
            out.append(piece if in_link else link(piece, known))
    return "".join(out)
