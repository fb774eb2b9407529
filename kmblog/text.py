"""Text a person or an import writes: no control characters.

C0 and C1 control characters (all but tab, newline and carriage return) have
no place in a title, a name or a comment, and they break what the text goes
through later: XML (feeds, the site export) cannot carry them at all. They are
removed in one place, a pre_save receiver for every model of the project's apps
(kmblog/apps.py), so every form, the admin and the importer are covered alike.
Feeds and the export also clean on output, for rows written before.
"""

import re

from django.db import models

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same class for the database's regular expressions (SQLite through
# Django's REGEXP function, PostgreSQL natively); NUL cannot be stored anyway.
CONTROL_CHARACTERS_SQL = "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"

# Apps whose models hold text people write (auth: names on accounts).
CLEANED_APPS = {"auth", "profiles", "tags", "posts", "comments", "communities"}


def strip_controls(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value) if CONTROL_CHARACTERS.search(value) else value


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def clean_instance(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs) -> None:
    """pre_save receiver: strip control characters from every text field of the row."""
    if sender._meta.app_label not in CLEANED_APPS:
        return
    for field in text_fields(sender):
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, strip_controls(value))


def clean_existing_rows(apps, schema_editor, labels: list[str]) -> None:
    """For data migrations: clean rows written before the receiver existed."""
    for label in labels:
        model = apps.get_model(label)
        for field in text_fields(model):
            rows = model._default_manager.filter(**{f"{field.name}__regex": CONTROL_CHARACTERS_SQL})
            for pk, value in rows.values_list("pk", field.attname).iterator():
                model._default_manager.filter(pk=pk).update(**{field.attname: strip_controls(value)})
