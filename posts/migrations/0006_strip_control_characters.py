"""Remove control characters from text written before kmblog.text cleaned every save."""

from django.db import migrations

from kmblog.text import clean_existing_rows


def clean(apps, schema_editor):
    clean_existing_rows(apps, schema_editor, ["posts.Blog", "posts.Series", "posts.Post"])


class Migration(migrations.Migration):
    dependencies = [("posts", "0005_series")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
