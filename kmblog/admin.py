"""What every ModelAdmin of ours shares: dates as Thai editors read them.

Django's admin writes dates with its Thai format, "7 กันยายน 2026": the month in
Thai, the year Christian-era. Editors are Thai and count years in the Buddhist
era. ThaiDatesAdmin shows every date column and read-only date in the
Buddhist era ("7 กันยายน 2569 เวลา 14:05 น."), and edits date-times with the
Thai date input (kmblog/thai_dates.py) instead of the admin's text boxes,
which take "07/09/2026" and would read a typed 2569 as a year five centuries
ahead.
"""

from django.contrib import admin
from django.db import models

from kmblog.thai_dates import ThaiDateTimeField, ThaiDateTimeWidget
from posts.templatetags.thai import thai_date, thai_datetime

SUFFIX = "_thai"


def _column(field: models.Field):
    write = thai_datetime if isinstance(field, models.DateTimeField) else thai_date

    @admin.display(description=field.verbose_name, ordering=field.name, empty_value="-")
    def column(obj):
        return write(getattr(obj, field.attname)) or None

    return column


class ThaiDatesAdmin(admin.ModelAdmin):
    formfield_overrides = {models.DateTimeField: {"form_class": ThaiDateTimeField, "widget": ThaiDateTimeWidget}}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self._dates = {
            field.name: field
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateField)  # DateTimeField too
        }
        for name, field in self._dates.items():
            setattr(self, name + SUFFIX, _column(field))

    def _thai(self, names, only=None):
        return [
            name + SUFFIX if isinstance(name, str) and name in self._dates and (only is None or name in only) else name
            for name in names
        ]

    def get_list_display(self, request):
        return self._thai(super().get_list_display(request))

    def get_readonly_fields(self, request, obj=None):
        return self._thai(super().get_readonly_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        readonly = set(super().get_readonly_fields(request, obj))
        return [
            (title, {**options, "fields": self._thai(options["fields"], only=readonly)})
            for title, options in super().get_fieldsets(request, obj)
        ]
