import re

from django import forms
from django.utils.translation import gettext_lazy as _

from tags.models import thai_slugify

MAX_TAGS = 20
MAX_TAG_LENGTH = 100
_SEPARATORS = re.compile(r"[,，、#\n]+")


def parse_tags(text: str) -> list[str]:
    """Tags as people type them: comma-separated, Thai or English, with or without #.

    "คุณอำนวย, #ถอดบทเรียน #KM" gives ["คุณอำนวย", "ถอดบทเรียน", "KM"]. Spaces inside
    a tag stay ("การจัดการ ความรู้" is one tag); repeats in another case are dropped.
    """
    seen: set[str] = set()
    tags: list[str] = []
    for piece in _SEPARATORS.split(text or ""):
        name = " ".join(piece.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append(name)
    return tags


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("คั่นด้วยจุลภาค (,) เช่น คุณอำนวย, ถอดบทเรียน, การจัดการความรู้ จะใส่ # นำหน้าหรือไม่ก็ได้"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(tag) for tag in value)
        return value

    def clean(self, value) -> list[str]:
        tags = parse_tags(super().clean(value))
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("ใส่คำสำคัญได้ไม่เกิน %(max)d คำ") % {"max": MAX_TAGS})
        unreadable = [tag for tag in tags if not thai_slugify(tag)]
        if unreadable:
            # "&" or "?" alone: no word to show or link to.
            raise forms.ValidationError(
                _("คำสำคัญต้องมีตัวอักษรหรือตัวเลขอย่างน้อยหนึ่งตัว: %(tag)s") % {"tag": unreadable[0][:30]}
            )
        too_long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("คำสำคัญยาวเกิน %(max)d ตัวอักษร: %(tag)s") % {"max": MAX_TAG_LENGTH, "tag": too_long[0][:30] + "…"}
            )
        return tags
