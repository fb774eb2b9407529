"""Remove control characters from text written before kmblog.text cleaned every save."""

from django.db import migrations

from kmblog.text import clean_existing_rows


def clean(apps, schema_editor):
    clean_existing_rows(apps, schema_editor, ["tags.Tag"])


class Migration(migrations.Migration):
    dependencies = [("tags", "0001_initial")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
