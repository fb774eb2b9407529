"""Remove control characters from text written before kmblog.text cleaned every save."""

from django.db import migrations

from kmblog.text import clean_existing_rows


def clean(apps, schema_editor):
    clean_existing_rows(apps, schema_editor, ["profiles.Profile"])


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_km_roles")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
