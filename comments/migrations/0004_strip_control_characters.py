"""Remove control characters from text written before kmblog.text cleaned every save."""

from django.db import migrations

from kmblog.text import clean_existing_rows


def clean(apps, schema_editor):
    clean_existing_rows(apps, schema_editor, ["comments.Comment", "comments.BlockedWord"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_blocked_words")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
