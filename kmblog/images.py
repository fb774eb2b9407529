"""Uploaded pictures (avatars, community covers): checked, then re-encoded from their pixels.

Only JPEG, PNG, WebP and GIF decoders are tried; a picture over MAX_PIXELS is
refused from its header before decoding (a 13000×13000 PNG is 164 KB on disk
and 10 s of CPU). What is kept is a new JPEG made from the pixels alone: no
EXIF (GPS, camera), no comments, no bytes of another format hidden around the
image (a JPEG/HTML polyglot), and a random name.
"""

from io import BytesIO

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo; more is a decompression bomb


def reencode(upload, *, size: tuple[int, int], max_bytes: int) -> SimpleUploadedFile:
    """A JPEG of exactly `size` (cropped to fit) from `upload`; a ValidationError (Thai) if it is no picture."""
    if upload.size > max_bytes:
        raise forms.ValidationError(_("รูปใหญ่เกิน %(mb)s MB") % {"mb": f"{max_bytes / 1024 / 1024:g}"})
    try:
        upload.seek(0)
        image = Image.open(upload, formats=sorted(FORMATS))
    except (UnidentifiedImageError, OSError, ValueError):
        raise forms.ValidationError(_("ไฟล์นี้ไม่ใช่รูปภาพที่อ่านได้ รองรับเฉพาะ JPEG, PNG, WebP และ GIF")) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise forms.ValidationError(
            _("รูปมีขนาด %(w)s×%(h)s พิกเซล ใหญ่เกินไป (ไม่เกิน %(mp)d ล้านพิกเซล)")
            % {"w": f"{width:,}", "h": f"{height:,}", "mp": MAX_PIXELS // 1_000_000}
        )
    try:
        image.load()
        image = ImageOps.exif_transpose(image).convert("RGB")
    except Exception:  # noqa: BLE001 (a truncated or corrupt file fails in many ways inside the decoders)
        raise forms.ValidationError(_("ไฟล์รูปเสียหรือไม่ครบ ลองส่งออกรูปใหม่แล้วอัปโหลดอีกครั้ง")) from None
    pixels = Image.frombytes("RGB", image.size, image.tobytes())
    fitted = ImageOps.fit(pixels, size)
    out = BytesIO()
    fitted.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"{get_random_string(12).lower()}.jpg", out.getvalue(), "image/jpeg")
