"""A long post's reading aids: reading time, and a table of contents from its headings."""

import re
from dataclasses import dataclass, field
from html import unescape

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from media.rendering import responsive
from network import mentions
from posts.html import plain_text

register = template.Library()

# Thai prose read with attention: about 800 characters a minute (spaces are rare in Thai,
# so characters count better than words).
CHARACTERS_PER_MINUTE = 800
TOC_MIN_HEADINGS = 3
_HEADING = re.compile(r"<h([23])>(.*?)</h\1>", re.S)


@dataclass
class Outline:
    html: SafeString
    minutes: int
    toc: list[tuple[str, str, int]] = field(default_factory=list)  # (anchor, text, level)


@register.simple_tag
def post_outline(body: str) -> Outline:
    """The (already sanitised) body with an id on each h2/h3, its headings, and its reading time."""
    toc: list[tuple[str, str, int]] = []

    def anchor(match: re.Match) -> str:
        level, inner = match[1], match[2]
        name = f"section-{len(toc) + 1}"
        toc.append((name, unescape(strip_tags(inner)).strip(), int(level)))
        return f'<h{level} id="{name}">{inner}</h{level}>'

    html = responsive(mentions.link_html(_HEADING.sub(anchor, body or "")))
    text = plain_text(body or "")
    minutes = max(1, round(len("".join(text.split())) / CHARACTERS_PER_MINUTE))
    return Outline(html=mark_safe(html), minutes=minutes, toc=toc if len(toc) >= TOC_MIN_HEADINGS else [])  # noqa: S308 (sanitised on save)
