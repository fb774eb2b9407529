from django.db import migrations

# The roles of a Thai KM network (see the domain notes), in the order they are shown.
ROLES = [
    ("sponsor", "คุณเอื้อ", "ผู้บริหารที่เอื้ออำนวยให้เกิดการจัดการความรู้"),
    ("facilitator", "คุณอำนวย", "ผู้อำนวยความสะดวกในวงแลกเปลี่ยนเรียนรู้"),
    ("practitioner", "คุณกิจ", "ผู้ปฏิบัติงานจริง"),
    ("note-taker", "คุณลิขิต", "ผู้บันทึกการแลกเปลี่ยนเรียนรู้"),
    ("coordinator", "คุณประสาน", "ผู้ประสานงานระหว่างหน่วยงานและเครือข่าย"),
    ("it-supporter", "คุณวิศาสตร์", "ผู้ดูแลเครื่องมือไอที"),
]


def add_roles(apps, schema_editor):
    Role = apps.get_model("profiles", "Role")
    for order, (code, name, description) in enumerate(ROLES, start=1):
        Role.objects.update_or_create(code=code, defaults={"name": name, "description": description, "order": order})


def remove_roles(apps, schema_editor):
    apps.get_model("profiles", "Role").objects.filter(code__in=[code for code, _, _ in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(add_roles, remove_roles)]
