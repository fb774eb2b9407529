import pytest

from profiles.models import Role
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


def test_every_account_has_a_profile(member):
    assert member.profile.display_name == "มาลี รักเรียน"


def test_the_six_km_roles_exist():
    assert list(Role.objects.values_list("name", flat=True)) == [
        "คุณเอื้อ",
        "คุณอำนวย",
        "คุณกิจ",
        "คุณลิขิต",
        "คุณประสาน",
        "คุณวิศาสตร์",
    ]


def test_profile_shows_roles_organisation_area_blogs_and_posts(client, author, blog):
    profile = author.profile
    profile.position = "ครู กศน.ตำบล"
    profile.district, profile.subdistrict = "ท่าศาลา", "กลาย"
    profile.bio = "คุณอำนวยประจำตำบล"
    profile.save()
    profile.roles.set(Role.objects.filter(code__in=["facilitator", "note-taker"]))
    make_post(blog, title="บันทึกของสมชาย")
    make_post(blog, title="ร่างของสมชาย", published=False)
    page = client.get("/people/somchai/").content.decode()
    for text in [
        "สมชาย ใจดี",
        "คุณอำนวย",
        "คุณลิขิต",
        "ครู กศน.ตำบล",
        "กศน.อำเภอเมือง",
        "ต.กลาย อ.ท่าศาลา จ.นครศรีธรรมราช",
        "คุณอำนวยประจำตำบล",
        blog.title,
        "บันทึกของสมชาย",
    ]:
        assert text in page, text
    assert "ร่างของสมชาย" not in page


def test_profile_query_budget(client, author, blog, django_assert_max_num_queries):
    make_blog(author, title="สมุดที่สอง")
    for n in range(25):
        make_post(blog, tags=[f"คำ{n}"])
    with django_assert_max_num_queries(10):
        assert client.get("/people/somchai/").status_code == 200


@pytest.mark.parametrize("url", ["/people/nobody/"])
def test_unknown_people_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_inactive_accounts_are_404(client, member):
    member.is_active = False
    member.save()
    assert client.get("/people/malee/").status_code == 404
