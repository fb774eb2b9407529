"""Tag suggestions on a judged set: posts written as KM facilitators write them, and the tags a
person would pick for each. Existing tags found in the text come first; every suggestion is a
whole word or phrase; nothing is a run cut across word boundaries."""

import pytest

from tests.factories import make_post

pytestmark = pytest.mark.django_db

# Tags that already exist on the site (a network's vocabulary).
SITE_TAGS = ["การจัดการความรู้", "คุณกิจ", "คุณอำนวย", "ถอดบทเรียน", "กลุ่มออมทรัพย์", "ปุ๋ยหมัก", "KM", "สวัสดิการชุมชน"]

JUDGED = [
    {  # the reviewer's case: a title whose words run together
        "title": "ถอดบทเรียนวงคุณกิจ",
        "body": "วงคุณกิจวันนี้คุยเรื่องการจัดการความรู้ในหมู่บ้าน คุณกิจแต่ละคนเล่าว่าการจัดการความรู้ช่วยให้"
        "ทำงานง่ายขึ้น การจัดการความรู้เริ่มจากการฟัง",
        "existing": ["การจัดการความรู้", "คุณกิจ", "ถอดบทเรียน"],
        "never": ["ถอดบทเรียนวง", "บทเรียนวง", "วง", "วงคุณ", "กิจวัน"],
    },
    {
        "title": "กลุ่มออมทรัพย์บ้านกลายกับสวัสดิการชุมชน",
        "body": "กลุ่มออมทรัพย์บ้านกลายตั้งกองทุนสวัสดิการชุมชน สมาชิกกลุ่มออมทรัพย์ออมเดือนละร้อยบาท สวัสดิการชุมชนจ่ายค่ารักษาพยาบาลให้สมาชิก",
        "existing": ["กลุ่มออมทรัพย์", "สวัสดิการชุมชน"],
        "fresh": ["สมาชิก"],
        "never": ["ทรัพย์บ้าน", "ออมเดือน"],
    },
    {
        "title": "ทำปุ๋ยหมักจากฟางข้าว",
        "body": "เกษตรกรนำฟางข้าวมาทำปุ๋ยหมัก ปุ๋ยหมักจากฟางข้าวช่วยลดต้นทุน เกษตรกรเล่าว่าฟางข้าวหาได้ง่าย",
        "existing": ["ปุ๋ยหมัก"],
        "fresh": ["ฟางข้าว", "เกษตรกร"],
        "never": ["หมักจาก", "ทำปุ๋ย"],
    },
    {
        "title": "KM ในโรงเรียน: คุณอำนวยชวนครูเล่าเรื่อง",
        "body": "คุณอำนวยชวนครูในโรงเรียนเล่าเรื่องความสำเร็จ ครูแต่ละคนถอดบทเรียนจากห้องเรียน โรงเรียนใช้ KM พัฒนาการสอน",
        "existing": ["KM", "คุณอำนวย", "ถอดบทเรียน"],
        "fresh": ["โรงเรียน"],
        "never": ["อำนวยชวน", "ชวนครู"],
    },
    {
        "title": "เวทีแลกเปลี่ยนเรียนรู้เรื่องน้ำ",
        "body": "ชาวบ้านจัดเวทีแลกเปลี่ยนเรียนรู้เรื่องการจัดการน้ำ การจัดการน้ำในหน้าแล้งต้องวางแผน แลกเปลี่ยนเรียนรู้กันทุกเดือน",
        "existing": [],
        "fresh": ["แลกเปลี่ยนเรียนรู้"],
        "never": ["เรียนรู้เรื่อง", "เปลี่ยนเรียน"],
    },
]


@pytest.fixture
def site(blog):
    for name in SITE_TAGS:
        make_post(blog, title=f"บันทึกเรื่อง {name}", tags=[name])


@pytest.mark.parametrize("judged", JUDGED, ids=[j["title"] for j in JUDGED])
def test_suggestions_on_the_judged_set(client, author, site, judged):
    client.force_login(author)
    data = client.post("/posts/suggest-tags/", {"title": judged["title"], "body": f"<p>{judged['body']}</p>"}).json()
    suggested = data["tags"]
    assert sorted(data["existing"]) == sorted(judged["existing"]), data
    assert suggested[: len(judged["existing"])] == data["existing"]  # existing tags first
    for tag in judged.get("fresh", []):
        assert tag in suggested, (tag, suggested)
    for fragment in judged["never"]:
        assert fragment not in suggested, (fragment, suggested)
    text = judged["title"] + judged["body"]
    for tag in suggested:
        assert tag in text or tag.casefold() in text.casefold(), tag  # only what was written
