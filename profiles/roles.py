"""The roles of a Thai KM network (see the domain notes), in the order they are shown.

The names are data (editors may add roles in the admin); these six are also
marked for translation so the English interface can name them.
"""

from django.utils.translation import gettext_noop

KM_ROLES = [
    ("sponsor", gettext_noop("คุณเอื้อ"), "ผู้บริหารที่เอื้ออำนวยให้เกิดการจัดการความรู้"),
    ("facilitator", gettext_noop("คุณอำนวย"), "ผู้อำนวยความสะดวกในวงแลกเปลี่ยนเรียนรู้"),
    ("practitioner", gettext_noop("คุณกิจ"), "ผู้ปฏิบัติงานจริง"),
    ("note-taker", gettext_noop("คุณลิขิต"), "ผู้บันทึกการแลกเปลี่ยนเรียนรู้"),
    ("coordinator", gettext_noop("คุณประสาน"), "ผู้ประสานงานระหว่างหน่วยงานและเครือข่าย"),
    ("it-supporter", gettext_noop("คุณวิศาสตร์"), "ผู้ดูแลเครื่องมือไอที"),
]


def ensure_km_roles(role_model) -> None:
    """Create any of the six roles that is missing; edits made in the admin stay.

    Takes the model as an argument so the data migration can pass its historical one.
    """
    for order, (code, name, description) in enumerate(KM_ROLES, start=1):
        role_model.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})
