"""/people/: finding the people of the network by KM role, office and province."""

import pytest

from profiles.models import Role
from profiles.roles import ensure_km_roles
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    ensure_km_roles(Role)
    facilitator = Role.objects.get(code="facilitator")
    somsri = make_user("somsri", display_name="สมศรี มีความรู้", organisation="กศน.อำเภอท่าศาลา",
                       province="นครศรีธรรมราช", district="ท่าศาลา")  # fmt: skip
    somsri.profile.roles.set([facilitator])
    kanya = make_user("kanya", display_name="กัญญา ใจดี", organisation="กศน.อำเภอเมือง", province="สงขลา")
    kanya.profile.roles.set([facilitator])
    prasit = make_user("prasit", display_name="ประสิทธิ์ ทำนาดี", organisation="สำนักงานเกษตร", province="นครศรีธรรมราช")
    make_post(make_blog(somsri))
    make_post(make_blog(somsri))
    make_post(make_blog(somsri), published=False)  # a draft is not counted
    return {"somsri": somsri, "kanya": kanya, "prasit": prasit}


def names(response) -> list[str]:
    page = response.content.decode()
    found = [name for name in ["สมศรี มีความรู้", "กัญญา ใจดี", "ประสิทธิ์ ทำนาดี"] if name in page]
    return sorted(found, key=page.index)


def test_who_is_the_facilitator_in_nakhon_si_thammarat(client, network):
    response = client.get("/people/", {"role": "facilitator", "province": "นครศรีธรรมราช"})
    assert names(response) == ["สมศรี มีความรู้"]
    page = response.content.decode()
    assert "กศน.อำเภอท่าศาลา" in page and "อ.ท่าศาลา" in page and "2 บันทึก" in page


def test_the_directory_is_in_thai_order_and_searchable(client, network):
    assert names(client.get("/people/")) == ["กัญญา ใจดี", "ประสิทธิ์ ทำนาดี", "สมศรี มีความรู้"]
    assert names(client.get("/people/", {"q": "ทำนา"})) == ["ประสิทธิ์ ทำนาดี"]
    assert names(client.get("/people/", {"organisation": "กศน"})) == ["กัญญา ใจดี", "สมศรี มีความรู้"]
    assert client.get("/people/", {"role": "<x>", "page": "-1", "province": "\u0000"}).status_code in (200, 400)


def test_the_directory_pages_within_budget(client, network, settings, django_assert_max_num_queries):
    settings.KMBLOG_PAGE_SIZE = 5
    for n in range(12):
        make_user(display_name=f"สมาชิกคนที่ {n}", province="ตรัง")
    for params in ({}, {"page": "2"}, {"province": "ตรัง"}):
        with django_assert_max_num_queries(8):
            assert client.get("/people/", params).status_code == 200
    assert "หน้า 2 จาก 3" in client.get("/people/", {"page": "2"}).content.decode()


def test_inactive_accounts_are_not_listed(client, network):
    network["prasit"].is_active = False
    network["prasit"].save()
    assert "ประสิทธิ์" not in client.get("/people/").content.decode()
