"""Personas of a community: its owner, a co-facilitator, a member, someone who asked to join,
a stranger, and an editor (staff)."""

import pytest

from communities import services
from communities.models import Community, JoinPolicy, JoinRequest, Membership
from tests.factories import make_user


@pytest.fixture
def owner(db):
    return make_user("somsri", display_name="สมศรี มีความรู้", organisation="กศน.อำเภอท่าศาลา")


@pytest.fixture
def cofacilitator(db):
    return make_user("wanna", display_name="วรรณา ใฝ่เอื้อ")


@pytest.fixture
def member_(db):
    return make_user("prasit", display_name="ประสิทธิ์ ทำนาดี", organisation="สำนักงานเกษตรอำเภอเชียรใหญ่")


@pytest.fixture
def requester(db):
    return make_user("malai", display_name="มาลัย ใจงาม")


@pytest.fixture
def stranger(db):
    return make_user("stranger", display_name="คนนอก")


@pytest.fixture
def staff(db):
    return make_user("editor", display_name="บรรณาธิการ", staff=True)


def make_community(owner, name="เครือข่ายกลุ่มออมทรัพย์", policy=JoinPolicy.REQUEST, tags=(), **fields) -> Community:
    return services.create(Community(name=name, join_policy=policy, **fields), owner, tags=tags)


@pytest.fixture
def community(owner, cofacilitator, member_, requester):
    found = make_community(owner, description="พื้นที่แลกเปลี่ยนของกลุ่มออมทรัพย์", province="นครศรีธรรมราช")
    Membership.objects.create(community=found, user=cofacilitator, role=Membership.Role.FACILITATOR)
    Membership.objects.create(community=found, user=member_)
    JoinRequest.objects.create(community=found, user=requester, message="ขอเข้าร่วมค่ะ")
    services.refresh_counts(found.pk)
    found.refresh_from_db()
    return found
