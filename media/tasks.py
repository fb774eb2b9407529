"""Renditions of uploaded pictures, made by the task worker: 480, 960 and 1600 pixels wide, WebP and JPEG."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy
from django_tasks import task
from PIL import Image

from jobs.registry import job
from media.models import MediaFile

WIDTHS = (480, 960, 1600)


@job(gettext_lazy("ทำรูปขนาดย่อ"))
@task()
def make_renditions(media_id: int) -> int:
    """Make the renditions narrower than the picture; returns how many widths exist. Safe to repeat:
    a width already made is kept."""
    media = MediaFile.objects.filter(pk=media_id, kind=MediaFile.Kind.IMAGE).first()
    if media is None:
        return 0
    with media.file.open("rb") as handle:
        original = Image.open(io.BytesIO(handle.read()))
        original.load()
    made = dict(media.renditions)
    stem = media.file.name.rsplit(".", 1)[0]
    for width in WIDTHS:
        if width >= original.width or str(width) in made:
            continue
        height = round(original.height * width / original.width)
        resized = original.resize((width, height), Image.Resampling.LANCZOS)
        names = {}
        for fmt, extension in (("WEBP", "webp"), ("JPEG", "jpg")):
            out = io.BytesIO()
            (resized if fmt == "WEBP" or resized.mode == "RGB" else resized.convert("RGB")).save(out, fmt, quality=82)
            names[extension] = default_storage.save(f"{stem}-{width}.{extension}", ContentFile(out.getvalue()))
        made[str(width)] = {"width": width, "height": height, **names}
    MediaFile.objects.filter(pk=media.pk).update(renditions=made)
    return len(made)
