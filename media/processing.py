"""Checking an upload by what it is, not by its name, and keeping only a safe copy of it.

Pictures (JPEG, PNG, WebP, GIF's first frame, HEIC/HEIF from iPhones) are refused over
MEDIA_MAX_PIXELS from their header, turned upright from their EXIF orientation, then
re-encoded from their pixels alone: no GPS, camera or comment survives, nor any bytes of
another format around the image. Documents are recognised by their first bytes (PDF,
Office, OpenDocument, plain UTF-8 text); anything else (HTML, SVG, scripts, programs) is
refused. Every refusal is an UploadRefused with a message in the person's language.
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "HEIF"]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97, Excel 97, PowerPoint 97
OFFICE = {  # first folder in an Office Open XML zip -> (extension, content type)
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
REFUSED = gettext_noop(
    "ไม่รับไฟล์ชนิดนี้ รับรูปภาพ (JPEG, PNG, WebP, GIF, HEIC) และเอกสาร PDF, Word, Excel, PowerPoint, OpenDocument หรือข้อความล้วน"  # noqa: E501
)
LEGACY = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}


class UploadRefused(Exception):
    pass


@dataclass
class Accepted:
    kind: str  # "image" or "document"
    name: str  # our random file name
    content: bytes
    content_type: str
    width: int | None = None
    height: int | None = None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def accept(upload) -> Accepted:
    """What to store for `upload` (an UploadedFile), or UploadRefused saying why."""
    head = upload.read(8192)
    upload.seek(0)
    if not head:
        raise UploadRefused(_("ไฟล์ว่างเปล่า"))
    if _looks_like_image(head):
        return _image(upload)
    return _document(upload, head)


def _looks_like_image(head: bytes) -> bool:
    return (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or head[4:8] == b"ftyp"  # HEIC/HEIF (and other ISO media: Pillow decides)
    )


def _image(upload) -> Accepted:
    if upload.size > settings.MEDIA_MAX_IMAGE_MB * 1024 * 1024:
        raise UploadRefused(_("รูปใหญ่เกิน %(mb)s MB") % {"mb": settings.MEDIA_MAX_IMAGE_MB})
    try:
        image = Image.open(upload, formats=IMAGE_FORMATS)
    except (UnidentifiedImageError, OSError, ValueError):
        raise UploadRefused(_("อ่านรูปนี้ไม่ได้ รองรับ JPEG, PNG, WebP, GIF และ HEIC")) from None
    width, height = image.size
    if width * height > settings.MEDIA_MAX_PIXELS:
        raise UploadRefused(
            _("รูปมีขนาด %(w)s×%(h)s พิกเซล ใหญ่เกินไป (ไม่เกิน %(mp)d ล้านพิกเซล)")
            % {"w": f"{width:,}", "h": f"{height:,}", "mp": settings.MEDIA_MAX_PIXELS // 1_000_000}
        )
    try:
        image.seek(0)  # a GIF's (or a burst's) first frame
        image.load()
        image = ImageOps.exif_transpose(image)
        alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if alpha else "RGB")
    except Exception:  # noqa: BLE001 (a truncated or corrupt file fails in many ways inside the decoders)
        raise UploadRefused(_("ไฟล์รูปเสียหรือไม่ครบ ลองส่งออกรูปใหม่แล้วอัปโหลดอีกครั้ง")) from None
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())  # nothing but the pixels
    out = io.BytesIO()
    if alpha:
        pixels.save(out, "PNG", optimize=True)
        extension, content_type = "png", "image/png"
    else:
        pixels.save(out, "JPEG", quality=88, optimize=True, progressive=True)
        extension, content_type = "jpg", "image/jpeg"
    return Accepted("image", _random(extension), out.getvalue(), content_type, pixels.width, pixels.height)


def _document(upload, head: bytes) -> Accepted:
    if upload.size > settings.MEDIA_MAX_DOCUMENT_MB * 1024 * 1024:
        raise UploadRefused(_("เอกสารใหญ่เกิน %(mb)s MB") % {"mb": settings.MEDIA_MAX_DOCUMENT_MB})
    content = upload.read()
    found = _document_type(content, head, upload.name or "")
    if found is None:
        raise UploadRefused(_(REFUSED))
    extension, content_type = found
    return Accepted("document", _random(extension), content, content_type)


def _document_type(content: bytes, head: bytes, name: str) -> tuple[str, str] | None:
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    kind = archive.read("mimetype").decode("ascii", "replace").strip()
                    if kind in OPENDOCUMENT:
                        return OPENDOCUMENT[kind], kind
                if "[Content_Types].xml" in names:
                    for folder, found in OFFICE.items():
                        if any(n.startswith(folder) for n in names):
                            return found
        except (zipfile.BadZipFile, OSError, RuntimeError):
            return None
        return None
    if head.startswith(OLE):
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return (extension, LEGACY[extension]) if extension in LEGACY else ("doc", LEGACY["doc"])
    if b"\x00" in content:
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = text[:1024].lstrip().lower()
    if lowered.startswith(("<", "#!")) or "<script" in text.lower():
        return None  # markup or a script is not "plain text" to us
    return "txt", "text/plain; charset=utf-8"


def _random(extension: str) -> str:
    return f"{get_random_string(16).lower()}.{extension}"
