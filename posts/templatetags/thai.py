"""Dates the way Thai readers write them: Buddhist-era year, Thai month names.

Django's th locale prints the Christian-era year, so Thai dates are written
with PyThaiNLP's month names. A post page can show hundreds of dates, so the
three formats are put together here directly rather than through the general
thai_strftime, which parses its format string on every call (four times
slower); tests check both give the same text.
"""

import re
from datetime import datetime, timedelta
from html import escape

from django import template
from django.utils import timezone
from django.utils.dateformat import format as django_format
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext
from pythainlp.util.date import thai_abbr_months, thai_full_months

register = template.Library()

_DJANGO_FORMATS = {"date": "j F Y", "datetime": "j F Y, H:i", "short": "j M Y"}


def _thai(local: datetime, kind: str) -> str:
    if kind == "date":  # 1 พฤศจิกายน 2549
        return f"{local.day} {thai_full_months[local.month - 1]} {local.year + 543}"
    if kind == "datetime":  # 1 พฤศจิกายน 2549 เวลา 10:07 น.
        return f"{local.day} {thai_full_months[local.month - 1]} {local.year + 543} เวลา {local:%H:%M} น."
    if kind == "short":  # 1 พ.ย. 49
        return f"{local.day} {thai_abbr_months[local.month - 1]} {(local.year + 543) % 100:02d}"
    raise ValueError(f"unknown date format {kind!r}")


class DateWriter:
    """Writes dates in the active language and time zone, both looked up once.

    One writer serves a whole list (a comment thread writes hundreds of dates);
    the filters and time_tag below make one per date.
    """

    def __init__(self) -> None:
        self.thai = (get_language() or "th").startswith("th")
        self.zone = timezone.get_current_timezone()

    @cached_property
    def now(self) -> datetime:
        return timezone.now()  # once per writer, and only for recent=True

    def local(self, value: datetime) -> datetime:
        return value.astimezone(self.zone) if value.utcoffset() is not None else value

    def text(self, value: datetime | None, kind: str) -> str:
        if value is None:
            return ""
        local = self.local(value)
        return _thai(local, kind) if self.thai else django_format(local, _DJANGO_FORMATS[kind])

    def time_tag(self, value: datetime | None, kind: str = "date", recent: bool = False) -> SafeString:
        """<time datetime="ISO">date</time>; with recent=True, "3 ชั่วโมงที่แล้ว" for the last week."""
        if value is None:
            return SafeString("")
        stamp = self.local(value).isoformat()
        if recent and (ago := relative(value, self.now)):
            full = escape(self.text(value, "datetime"))
            return SafeString(f'<time datetime="{stamp}" title="{full}">{escape(ago)}</time>')
        return SafeString(f'<time datetime="{stamp}">{escape(self.text(value, kind))}</time>')


def _format(value: datetime | None, kind: str) -> str:
    return DateWriter().text(value, kind)


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


@register.simple_tag(takes_context=True)
def time_tag(context, value: datetime | None, kind: str = "date", recent: bool = False) -> SafeString:
    """<time datetime="ISO">date</time>, so machines read what people read.

    recent=True shows items of the last week as "3 ชั่วโมงที่แล้ว", the full date in the title.
    One writer serves the whole page (render_context lasts one render): a list of 20
    cards looked up the language and the time zone 20 times.
    """
    writer = context.render_context.get(DateWriter)
    if writer is None:
        writer = context.render_context[DateWriter] = DateWriter()
    return writer.time_tag(value, kind, recent)


_CHRISTIAN_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)")


@register.filter
def buddhist_years(text: str) -> str:
    """Christian-era years in a text Django wrote ("พฤศจิกายน 2026") as Buddhist-era ("พฤศจิกายน 2569").

    For labels Django formats itself, such as the admin's date hierarchy.
    """
    if not (get_language() or "th").startswith("th"):
        return text
    return _CHRISTIAN_YEAR.sub(lambda match: str(int(match[1]) + 543), str(text))
