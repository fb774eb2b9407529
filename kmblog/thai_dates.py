"""A date-and-time input Thai people can read on any device, in Buddhist-era years.

`<input type="datetime-local">` shows the browser's own format: "mm/dd/yyyy,
--:-- --" on a phone set to English, with Christian-era years and AM/PM. Here a
date is a day, a Thai month name and a Buddhist-era year (a Christian-era year
is understood too), and the time is typed as 24-hour "09:30" or "9.30". In the
English interface the months are English and the year Christian-era.
"""

import re
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from pythainlp.util.date import thai_full_months

BUDDHIST_ERA = 543
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:.]\s*([0-5]\d)\s*(?:น\.?)?\s*$")


def _thai() -> bool:
    return (get_language() or "th").startswith("th")


def to_christian_year(year: int) -> int:
    """2569 and 2026 both mean 2026: no one writes a Christian-era year above 2400."""
    return year - BUDDHIST_ERA if year > 2400 else year


class ThaiDateTimeWidget(forms.MultiWidget):
    template_name = "widgets/thai_datetime.html"

    def __init__(self, attrs=None):
        days = [("", _("วัน"))] + [(str(d), str(d)) for d in range(1, 32)]
        months = [("", _("เดือน"))] + [(str(m), name) for m, name in enumerate(thai_full_months, start=1)]
        digits = {"inputmode": "numeric", "autocomplete": "off"}
        # Labels for screen readers; the placeholders say the same to the eye.
        widgets = {
            "day": forms.Select(choices=days, attrs={"aria-label": _("วันที่")}),
            "month": forms.Select(choices=months, attrs={"aria-label": _("เดือน")}),
            "year": forms.TextInput(
                attrs={**digits, "maxlength": 4, "size": 5, "placeholder": _("พ.ศ."), "aria-label": _("ปี พ.ศ.")}
            ),
            "time": forms.TextInput(
                attrs={**digits, "maxlength": 6, "size": 6, "placeholder": "09:30", "aria-label": _("เวลา")}
            ),
        }
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        thai = _thai()
        month_names = thai_full_months if thai else [str(MONTHS[m]) for m in range(1, 13)]
        self.widgets[1].choices = [("", gettext("เดือน"))] + [
            (str(m), month) for m, month in enumerate(month_names, start=1)
        ]
        self.widgets[2].attrs["placeholder"] = gettext("พ.ศ.") if thai else "yyyy"
        return super().get_context(name, value, attrs)

    def decompress(self, value):
        if not value:
            return [None, None, None, None]
        if isinstance(value, str):  # the initial value as text, as some admin paths pass it
            value = forms.DateTimeField().to_python(value)
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        year = value.year + BUDDHIST_ERA if _thai() else value.year
        return [str(value.day), str(value.month), str(year), f"{value:%H:%M}"]


class ThaiDateTimeField(forms.MultiValueField):
    widget = ThaiDateTimeWidget
    default_error_messages = {
        "invalid_date": _("ไม่มีวันที่นี้ในปฏิทิน: %(day)s %(month)s %(year)s"),
        "invalid_year": _("ใส่ปีเป็นตัวเลข เช่น 2569"),
        "invalid_time": _("ใส่เวลาแบบ 24 ชั่วโมง เช่น 09:30 หรือ 14.00"),
        "incomplete": _("เลือกวัน เดือน ปี และใส่เวลาให้ครบ"),
    }

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.CharField(max_length=12),
            forms.CharField(max_length=12),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        # Every part is needed once any is given; none at all is "no date".
        if value and any(part not in (None, "") for part in value) and not all(value):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        return super().clean(value)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year_text, time_text = data_list
        try:
            year = to_christian_year(int(str(year_text).strip()))
        except ValueError:
            raise ValidationError(self.error_messages["invalid_year"], code="invalid_year") from None
        match = _TIME.match(time_text or "")
        if match is None:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        try:
            naive = datetime(year, month, day, int(match[1]), int(match[2]))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid_date"],
                code="invalid_date",
                params={"day": day, "month": thai_full_months[month - 1], "year": year_text},
            ) from None
        return timezone.make_aware(naive) if timezone.is_naive(naive) else naive
