"""Dates the way Thai readers write them: Buddhist-era year, Thai month names.

Django's th locale prints the Christian-era year, so dates go through PyThaiNLP.
"""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.dateformat import format as django_format
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext
from pythainlp.util import thai_strftime

register = template.Library()

_FORMATS = {
    # name: (Thai strftime format, Django date format for other languages)
    "date": ("%-d %B %Y", "j F Y"),
    "datetime": ("%-d %B %Y เวลา %H:%M น.", "j F Y, H:i"),
    "short": ("%-d %b %y", "j M Y"),
}


def _format(value: datetime | None, kind: str) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    thai, other = _FORMATS[kind]
    if (get_language() or "th").startswith("th"):
        return thai_strftime(local, thai)
    return django_format(local, other)


@register.filter
def thai_date(value: datetime | None) -> str:
    """1 พฤศจิกายน 2549"""
    return _format(value, "date")


@register.filter
def thai_datetime(value: datetime | None) -> str:
    """1 พฤศจิกายน 2549 เวลา 10:07 น."""
    return _format(value, "datetime")


@register.filter
def thai_date_short(value: datetime | None) -> str:
    """1 พ.ย. 49"""
    return _format(value, "short")


RECENT = timedelta(days=7)


def relative(value: datetime, now: datetime | None = None) -> str | None:
    """ "3 ชั่วโมงที่แล้ว" for the last week; None for anything older or in the future."""
    age = (now or timezone.now()) - value
    if age < timedelta(0) or age >= RECENT:
        return None
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return gettext("เมื่อสักครู่")
    if minutes < 60:
        return ngettext("%(n)d นาทีที่แล้ว", "%(n)d นาทีที่แล้ว", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(n)d ชั่วโมงที่แล้ว", "%(n)d ชั่วโมงที่แล้ว", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d วันที่แล้ว", "%(n)d วันที่แล้ว", days) % {"n": days}


@register.simple_tag
def time_tag(value: datetime | None, kind: str = "date", recent: bool = False) -> str:
    """<time datetime="ISO">date</time>, so machines read what people read.

    recent=True shows items of the last week as "3 ชั่วโมงที่แล้ว", the full date in the title.
    """
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    full = _format(value, "datetime" if recent else kind)
    if recent and (text := relative(value)):
        return format_html('<time datetime="{}" title="{}">{}</time>', local.isoformat(), full, text)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), _format(value, kind))
