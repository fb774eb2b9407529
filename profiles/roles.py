"""The roles of a Thai KM network (see the domain notes), in the order they are shown."""

KM_ROLES = [
    ("sponsor", "คุณเอื้อ", "ผู้บริหารที่เอื้ออำนวยให้เกิดการจัดการความรู้"),
    ("facilitator", "คุณอำนวย", "ผู้อำนวยความสะดวกในวงแลกเปลี่ยนเรียนรู้"),
    ("practitioner", "คุณกิจ", "ผู้ปฏิบัติงานจริง"),
    ("note-taker", "คุณลิขิต", "ผู้บันทึกการแลกเปลี่ยนเรียนรู้"),
    ("coordinator", "คุณประสาน", "ผู้ประสานงานระหว่างหน่วยงานและเครือข่าย"),
    ("it-supporter", "คุณวิศาสตร์", "ผู้ดูแลเครื่องมือไอที"),
]


def ensure_km_roles(role_model) -> None:
    """Create any of the six roles that is missing; edits made in the admin stay.

    Takes the model as an argument so the data migration can pass its historical one.
    """
    for order, (code, name, description) in enumerate(KM_ROLES, start=1):
        role_model.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})
