"""A community in a real browser, desktop and phone: a facilitator creates it, a member asks to
join and is approved, shares a post, a reader finds it (page and feed), a facilitator takes it out."""

import feedparser
import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST_TITLE = "ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน"
NAME = "วงปุ๋ยหมักภาคใต้"


def as_person(browser, page, base: str, username: str):
    context = browser.new_context(viewport=page.viewport_size, locale="th-TH")
    person = context.new_page()
    person.viewport_name = page.viewport_name
    person.goto(base + "/accounts/login/")
    person.fill("#id_username", username)
    person.fill("#id_password", "kmblog-demo")
    person.get_by_role("button", name="เข้าสู่ระบบ").click()
    return context, person


def test_a_community_in_the_browser(page, live_server, demo_site, browser):
    base = live_server.url

    # The facilitator creates the community.
    facilitator_context, facilitator = as_person(browser, page, base, "somsri")
    facilitator.goto(base + "/communities/new/")
    facilitator.fill("#id_name", NAME)
    facilitator.fill("#id_description", "แลกเปลี่ยนสูตรปุ๋ยหมักและน้ำหมักชีวภาพจากแปลงจริง")
    facilitator.fill("#id_tags", "ปุ๋ยหมัก, เกษตรอินทรีย์")
    facilitator.fill("#id_province", "นครศรีธรรมราช")
    facilitator.get_by_label("ขอเข้าร่วม: ผู้ดูแลชุมชนอนุมัติ").check()
    screenshot(facilitator, "community-create")
    facilitator.get_by_role("button", name="สร้างชุมชน").click()
    assert "สร้างชุมชนแล้ว" in facilitator.inner_text("body")
    community_url = facilitator.url

    # A member asks to join.
    member_context, member = as_person(browser, page, base, "prasit")
    member.goto(community_url)
    member.fill("#join-message", "อยากแบ่งปันเรื่องฟางข้าวครับ")
    member.get_by_role("button", name="ขอเข้าร่วมชุมชน").click()
    assert "ส่งคำขอแล้ว รอผู้ดูแลพิจารณา" in member.inner_text("body")

    # The facilitator approves from the management page.
    facilitator.goto(community_url + "manage/")
    assert "อยากแบ่งปันเรื่องฟางข้าวครับ" in facilitator.inner_text("body")
    screenshot(facilitator, "community-manage")
    facilitator.get_by_role("button", name="อนุมัติ").click()
    assert "รับ ประสิทธิ์ ทำนาดี เข้าชุมชนแล้ว" in facilitator.inner_text("body")

    # The member shares his post from its page.
    member.goto(base + "/")
    member.get_by_role("link", name=POST_TITLE).first.click()
    member.get_by_label("แบ่งปันเข้าชุมชน").select_option(label=NAME)
    member.get_by_role("button", name="แบ่งปัน", exact=True).click()
    assert f"แบ่งปันบันทึกเข้าชุมชน {NAME} แล้ว" in member.inner_text("body")
    post_url = member.url

    # A reader finds it: the list, the community page, its feed.
    page.goto(base + "/communities/")
    page.get_by_role("link", name=NAME).click()
    assert POST_TITLE in page.inner_text("main")
    screenshot(page, "community-page")
    feed = feedparser.parse(page.request.get(community_url + "feed/").body())
    assert [entry.title for entry in feed.entries] == [POST_TITLE]

    # The facilitator takes it out, with a reason the author reads.
    facilitator.goto(community_url + "manage/")
    facilitator.get_by_label("เหตุผลที่นำออก (ผู้เขียนจะเห็น)").fill("ขอให้เพิ่มรายละเอียดสูตรก่อนนะคะ")
    facilitator.get_by_role("button", name="นำออกจากชุมชน").last.click()
    assert "นำบันทึกออกจากชุมชนแล้ว" in facilitator.inner_text("body")
    page.goto(community_url)
    assert POST_TITLE not in page.inner_text("main")
    member.goto(post_url)
    assert "ขอให้เพิ่มรายละเอียดสูตรก่อนนะคะ" in member.inner_text("body")
    screenshot(member, "community-post-taken-out")
    facilitator_context.close()
    member_context.close()
