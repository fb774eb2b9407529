"""Uploads as posts use them: which files a post's HTML points to, and pictures made responsive."""

import re

from django.core.files.storage import default_storage
from django.utils.html import escape
from django.utils.translation import gettext as _

from media.models import MediaFile

_URL = re.compile(r'\b(?:src|href)="([^"]+)"')
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]+)"')
_ALT = re.compile(r'\balt="([^"]*)"')
SIZES = "(max-width: 48rem) 100vw, 48rem"  # the post column


def file_names(html: str) -> set[str]:
    """The stored names of our uploads that `html` links or shows."""
    base = default_storage.url("")
    names = set()
    for url in _URL.findall(html or ""):
        url = url.replace("&amp;", "&")
        if url.startswith(base) and "/uploads/" in url:
            names.add(url[len(base) :].split("?", 1)[0])
    return names


def responsive(html: str) -> str:
    """Each of our pictures in `html` with its renditions (WebP, JPEG fallback), its size (no layout
    shift) and lazy loading; a picture from another site becomes a link to it, as the content policy
    shows pictures from this site and its media store only. One query, none without an upload."""
    if "<img" not in (html or ""):
        return html
    base = default_storage.url("")
    names = {name for name in file_names(html) if not name.endswith((".pdf", ".txt"))}
    found = (
        {m.file.name: m for m in MediaFile.objects.filter(file__in=names, kind=MediaFile.Kind.IMAGE)} if names else {}
    )

    def upgrade(match: re.Match) -> str:
        tag = match[0]
        src = _SRC.search(tag)
        url = src[1].replace("&amp;", "&") if src else ""
        if url.startswith(("http://", "https://", "//")) and not url.startswith(base):
            alt = _ALT.search(tag)
            label = alt[1] if alt and alt[1].strip() else escape(_("รูปจากเว็บอื่น"))
            return f'<a class="outside-image" href="{src[1]}" rel="nofollow noopener">{label}</a>'
        media = found.get(url[len(base) :]) if url.startswith(base) else None
        if media is None:
            return tag
        extra = f' width="{media.width}" height="{media.height}" loading="lazy" decoding="async"'
        tag = re.sub(r'\s(?:width|height|loading|decoding)="[^"]*"', "", tag)
        widths = sorted(media.renditions.values(), key=lambda r: r["width"])
        if not widths:
            return tag[:-1].rstrip("/ ") + extra + ">"
        full = f"{escape(media.file.url)} {media.width}w"
        jpeg = ", ".join([*(f"{escape(default_storage.url(r['jpg']))} {r['width']}w" for r in widths), full])
        webp = ", ".join(f"{escape(default_storage.url(r['webp']))} {r['width']}w" for r in widths)
        img = tag[:-1].rstrip("/ ") + f'{extra} srcset="{jpeg}" sizes="{SIZES}">'
        return f'<picture><source type="image/webp" srcset="{webp}" sizes="{SIZES}">{img}</picture>'

    return _IMG.sub(upgrade, html)


def _first_picture(html: str) -> str | None:
    base = default_storage.url("")
    for match in _IMG.finditer(html or ""):
        src = _SRC.search(match[0])
        url = src[1].replace("&amp;", "&") if src else ""
        if url.startswith(base) and "/uploads/" in url:
            return url[len(base) :]
    return None


def _picture_at(media: MediaFile, width: int) -> dict:
    """The rendition nearest `width` (or the original when it is smaller): url, width, height."""
    made = media.renditions.get(str(width))
    if made:
        return {"url": default_storage.url(made["jpg"]), "width": made["width"], "height": made["height"]}
    return {"url": media.file.url, "width": media.width, "height": media.height}


def attach_thumbnails(posts, width: int = 480) -> None:
    """Give each post whose body shows one of our pictures a `thumbnail` (its first picture, small):
    one query for a whole list, none when no post shows an upload."""
    firsts = {post.pk: _first_picture(post.body) for post in posts if "/uploads/" in (post.body or "")}
    names = {name for name in firsts.values() if name}
    found = (
        {m.file.name: m for m in MediaFile.objects.filter(file__in=names, kind=MediaFile.Kind.IMAGE)} if names else {}
    )
    for post in posts:
        media = found.get(firsts.get(post.pk))
        post.thumbnail = _picture_at(media, width) if media else None
