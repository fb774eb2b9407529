"""Reading GotoKnow plain-text exports (one post a file) into kmblog.

The format, as described in the domain notes:

    <title>
    <lead paragraph>
    <body ...>
    บันทึกนี้เขียนที่ GotoKnow โดย <author>  ใน <blog name>
    คำสำคัญ (Tags)#tag one#tag two
    หมายเลขบันทึก: 56697, เขียน: 01 Nov 2006 @ 10:07 (), แก้ไข: ..., สัญญาอนุญาต: ..., ความเห็น: 2, อ่าน: คลิก
    ความเห็น (2)
    เขียนเมื่อ <commenter>
    <comment body ...>

Real exports are messy (non-breaking spaces, missing names, a missing footer, the
blog name run together with "ความเห็น (0)"). The parser takes what is there and
lists in `warnings` everything it could not read, so nothing is guessed silently.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from pythainlp.util import thai_digit_to_arabic_digit

from comments.models import Comment
from posts import series
from posts.html import text_to_html
from posts.models import Blog, Licence, Post
from tags.models import Tag

BANGKOK = ZoneInfo("Asia/Bangkok")
ANONYMOUS = "ผู้เยี่ยมชม (ไม่ระบุชื่อ)"

_SIGNATURE = re.compile(r"^บันทึกนี้เขียนที่\s*GotoKnow\s*โดย\s*(?P<author>.*?)\s*(?<!\S)ใน(?:\s+(?P<blog>.*))?$")
_RUN_ON_COMMENTS = re.compile(r"\s*ความเห็น\s*\((\d+)\)\s*$")
_TAGS = re.compile(r"^คำสำคัญ\s*\(Tags\)\s*(?P<tags>.*)$")
_NUMBER = re.compile(r"หมายเลขบันทึก:\s*(\d+)")
_WRITTEN = re.compile(r"เขียน:\s*([^,(]*)")
_EDITED = re.compile(r"แก้ไข:\s*([^,(]*)")
_LICENCE = re.compile(r"สัญญาอนุญาต:\s*(.*?)\s*(?:,\s*(?:ความเห็น|อ่าน):|$)")
_COMMENTS_HEADER = re.compile(r"^ความเห็น\s*\((\d+)\)\s*$")
_COMMENT_START = re.compile(r"^เขียนเมื่อ(?:\s+(?P<name>.*))?$")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")

_CC_PARTS = [("ไม่ใช้เพื่อการค้า", "nc"), ("ห้ามดัดแปลง", "nd"), ("ไม่ดัดแปลง", "nd"), ("อนุญาตแบบเดียวกัน", "sa")]


class ExportError(ValueError):
    """The file cannot be read as a GotoKnow export; the message says why."""


@dataclass
class ParsedComment:
    position: int
    name: str
    body: str


@dataclass
class ParsedPost:
    title: str
    lead: str
    body_text: str
    blog: str = ""
    author_name: str = ""
    tags: list[str] = field(default_factory=list)
    number: int | None = None
    written: datetime | None = None
    edited: datetime | None = None
    licence: str = Licence.ALL_RIGHTS_RESERVED
    comments: list[ParsedComment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def import_key(self) -> str:
        """The key that makes a second import update instead of duplicate."""
        if self.number is not None:
            return f"gotoknow:{self.number}"
        digest = hashlib.sha256(f"{self.blog}\n{self.title}".encode()).hexdigest()[:16]
        return f"gotoknow:untitled:{digest}"


def clean_text(text: str) -> str:
    """NFC, non-breaking and other odd spaces as plain spaces, invisible marks gone."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def parse_date(raw: str) -> datetime:
    """'01 Nov 2006 @ 10:07' in Bangkok time."""
    value = thai_digit_to_arabic_digit(raw).strip()
    return datetime.strptime(value, "%d %b %Y @ %H:%M").replace(tzinfo=BANGKOK)


def parse_licence(raw: str) -> str | None:
    """The licence choice for GotoKnow's wording, or None if it is not recognised."""
    text = raw.strip()
    if "สงวนสิทธิ์" in text or text.lower() in {"all rights reserved", "©"}:
        return Licence.ALL_RIGHTS_RESERVED
    lowered = text.lower()
    if "ครีเอทีฟคอมมอนส์" in text or "creative commons" in lowered or lowered.startswith("cc"):
        parts = {code for phrase, code in _CC_PARTS if phrase in text}
        parts |= {code for code in ("nc", "nd", "sa") if re.search(rf"\b{code}\b", lowered)}
        if {"nd", "sa"} <= parts:
            return None  # contradictory: no such licence
        value = "cc-by" + "".join(f"-{code}" for code in ("nc", "nd", "sa") if code in parts)
        return value if value in Licence.values else None
    return None


def _paragraphs(lines: list[str]) -> str:
    """Lines as plain text: trimmed, blank runs folded into one blank line."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped:
            out.append(stripped)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip()


def parse_export(raw: str) -> ParsedPost:
    text = clean_text(raw)
    lines = text.splitlines()
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        raise ExportError("ไฟล์ว่าง (empty file)")

    signature_at = next((i for i, line in enumerate(lines) if _SIGNATURE.match(line.strip())), None)
    if signature_at is None:
        raise ExportError("ไม่พบบรรทัด 'บันทึกนี้เขียนที่ GotoKnow โดย … ใน …': ไม่ใช่ไฟล์ส่งออกจาก GotoKnow")

    title_at = content[0]
    if title_at >= signature_at:
        raise ExportError("ไม่มีชื่อบันทึกก่อนบรรทัด 'บันทึกนี้เขียนที่ GotoKnow'")
    title = lines[title_at].strip()

    # The lead is the first paragraph after the title; the body is the rest.
    rest = lines[title_at + 1 : signature_at]
    while rest and not rest[0].strip():
        rest.pop(0)
    lead_lines: list[str] = []
    while rest and rest[0].strip():
        lead_lines.append(rest.pop(0))
    post = ParsedPost(title=title, lead=_paragraphs(lead_lines), body_text=_paragraphs(rest))
    if len(title) > 300:
        post.warnings.append(f"ชื่อบันทึกยาว {len(title)} ตัวอักษร ตัดเหลือ 300")
        post.title = title[:300]
    if not post.body_text:
        post.warnings.append("ไม่มีเนื้อหาหลังย่อหน้าแรก")

    signature = _SIGNATURE.match(lines[signature_at].strip())
    post.author_name = signature["author"].strip()
    blog = (signature["blog"] or "").strip()
    expected_comments: int | None = None
    run_on = _RUN_ON_COMMENTS.search(blog)
    if run_on:  # "<blog name>ความเห็น (0)" on one line when the footer is cut off
        expected_comments = int(run_on[1])
        blog = blog[: run_on.start()].strip()
    post.blog = blog[:200]
    if not post.blog:
        post.warnings.append("ไม่มีชื่อสมุดบันทึก")

    tail = lines[signature_at + 1 :]
    comments_at = None
    footer_seen = False
    for i, line in enumerate(tail):
        stripped = line.strip()
        if tags := _TAGS.match(stripped):
            post.tags = list(dict.fromkeys(t.strip() for t in tags["tags"].split("#") if t.strip()))
        elif stripped.startswith("หมายเลขบันทึก"):
            footer_seen = True
            _read_footer(stripped, post)
        elif header := _COMMENTS_HEADER.match(stripped):
            expected_comments = int(header[1])
            comments_at = i + 1
            break
        elif stripped:
            # Between the signature and the comments only tags and the footer belong.
            post.warnings.append(f"อ่านบรรทัดนี้ไม่ออก จึงไม่ได้นำเข้า: {stripped[:80]}")
    if not footer_seen:
        post.warnings.append("ไม่มีบรรทัดท้ายบันทึก (หมายเลข วันที่ สัญญาอนุญาต): ให้หมายเลขใหม่ และใช้เวลาที่นำเข้าเป็นวันที่เขียน")
    if comments_at is not None:
        post.comments = _read_comments(tail[comments_at:])
    if expected_comments is not None and expected_comments != len(post.comments):
        post.warnings.append(f"ไฟล์บอกว่ามี {expected_comments} ความเห็น แต่อ่านได้ {len(post.comments)}")
    return post


def _read_footer(line: str, post: ParsedPost) -> None:
    line = thai_digit_to_arabic_digit(line)
    if number := _NUMBER.search(line):
        post.number = int(number[1])
    else:
        post.warnings.append("อ่านหมายเลขบันทึกไม่ได้: ให้หมายเลขใหม่")
    for pattern, attribute, label in ((_WRITTEN, "written", "วันที่เขียน"), (_EDITED, "edited", "วันที่แก้ไข")):
        if found := pattern.search(line):
            try:
                setattr(post, attribute, parse_date(found[1]))
            except ValueError:
                post.warnings.append(f"อ่าน{label} '{found[1].strip()}' ไม่ได้")
        else:
            post.warnings.append(f"ไม่มี{label}")
    if found := _LICENCE.search(line):
        licence = parse_licence(found[1])
        if licence is None:
            post.warnings.append(f"ไม่รู้จักสัญญาอนุญาต '{found[1]}': ใช้ 'สงวนสิทธิ์ทุกประการ'")
        else:
            post.licence = licence
    else:
        post.warnings.append("ไม่มีสัญญาอนุญาต: ใช้ 'สงวนสิทธิ์ทุกประการ'")


def _read_comments(lines: list[str]) -> list[ParsedComment]:
    """Every text under the comments header is a comment.

    Real exports sometimes lose the first "เขียนเมื่อ" line: text before the
    first one is a comment by an unnamed guest, not something to drop.
    """
    comments: list[ParsedComment] = []
    name = ""  # text before any "เขียนเมื่อ" line: an unnamed guest's comment
    body: list[str] = []

    def close() -> None:
        text = _paragraphs(body)
        if text:
            comments.append(ParsedComment(len(comments) + 1, name[:100], text))

    for line in lines:
        if start := _COMMENT_START.match(line.strip()):
            close()
            name, body = (start["name"] or "").strip(), []
        else:
            body.append(line)
    close()
    return comments


# Writing ------------------------------------------------------------------

ARCHIVE_USERNAME = "gotoknow-archive"
ARCHIVE_DISPLAY_NAME = "คลังบันทึกจาก GotoKnow"
DEFAULT_BLOG = "บันทึกจาก GotoKnow"


@dataclass
class ImportStats:
    posts_created: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    comments_created: int = 0
    comments_updated: int = 0
    tags_created: int = 0
    blogs_created: int = 0


def archive_user():
    """The account that owns imports when no --author is given."""
    user, created = get_user_model().objects.get_or_create(username=ARCHIVE_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.profile.display_name = ARCHIVE_DISPLAY_NAME
        user.profile.save(update_fields=["display_name"])
    return user


def save_post(parsed: ParsedPost, author, stats: ImportStats):
    """Create or update the post keyed by its GotoKnow number, with blog, tags and comments."""
    with transaction.atomic():
        blog, blog_created = Blog.objects.get_or_create(owner=author, title=parsed.blog or DEFAULT_BLOG)
        stats.blogs_created += blog_created
        post = Post.objects.filter(import_key=parsed.import_key).first()
        if post is None and parsed.number is not None and Post.objects.filter(number=parsed.number).exists():
            raise ExportError(f"หมายเลขบันทึก {parsed.number} เป็นของบันทึกอื่นที่ไม่ได้นำเข้าจาก GotoKnow")
        published_at = parsed.written or (post.published_at if post else timezone.now())
        values = {
            "blog": blog,
            "author": author,
            "title": parsed.title,
            "lead": parsed.lead,
            "body": text_to_html(parsed.body_text),
            "status": Post.Status.PUBLISHED,
            "published_at": published_at,
            "updated_at": parsed.edited or published_at,
            "licence": parsed.licence,
        }
        created = post is None
        if created:
            post = Post(number=parsed.number, import_key=parsed.import_key, **values)
            post.save()
            changed = True
        else:
            changed = any(getattr(post, name) != value for name, value in values.items())
            if changed:
                for name, value in values.items():
                    setattr(post, name, value)
                post.save()

        if set(post.tags.names()) != set(parsed.tags):
            stats.tags_created += len(parsed.tags) - Tag.objects.filter(name__in=parsed.tags).count()
            post.tags.set(parsed.tags)
            changed = True

        existing = {c.position: c for c in post.comments.all()}
        for item in parsed.comments:
            name = item.name or ANONYMOUS
            comment = existing.get(item.position)
            if comment is None:
                Comment(
                    post=post,
                    position=item.position,
                    guest_name=name,
                    body=item.body,
                    status=Comment.Status.APPROVED,
                    created=None,  # the export has no comment dates
                ).save()
                stats.comments_created += 1
                changed = True
            elif (comment.body, comment.guest_name) != (item.body, name):
                comment.body, comment.guest_name = item.body, name
                comment.save(update_fields=["body", "guest_name"])
                stats.comments_updated += 1
                changed = True

        # "… ตอนที่7" in one blog: the posts of a series.
        found = series.detect(parsed.title)
        if found and (post.series is None or (post.series.title, post.series_part) != found):
            series.file_into_series(post, *found)
            changed = True

    if created:
        stats.posts_created += 1
    elif changed:
        stats.posts_updated += 1
    else:
        stats.posts_unchanged += 1
    return post
