from django.db import migrations

from profiles.roles import KM_ROLES, ensure_km_roles


def add_roles(apps, schema_editor):
    ensure_km_roles(apps.get_model("profiles", "Role"))


def remove_roles(apps, schema_editor):
    apps.get_model("profiles", "Role").objects.filter(code__in=[code for code, _, _ in KM_ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(add_roles, remove_roles)]
