"""Saying thanks and keeping a post for later, in a real browser (plain forms, no script needed)."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_communities import as_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST_TITLE = "ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน"


def test_thanks_and_read_later(page, live_server, demo_site, browser):
    context, reader = as_person(browser, page, live_server.url, "somsri")
    reader.goto(live_server.url + "/")
    reader.get_by_role("link", name=POST_TITLE).first.click()
    reader.get_by_role("button", name="ได้ประโยชน์").click()
    assert "2 คนขอบคุณบันทึกนี้" in reader.inner_text("#appreciation")  # a demo member, then her
    assert reader.get_by_role("button", name="ได้ประโยชน์").get_attribute("aria-pressed") == "true"
    reader.get_by_role("button", name="อ่านภายหลัง").click()
    screenshot(reader, "appreciation")
    reader.goto(live_server.url + "/me/bookmarks/")
    assert POST_TITLE in reader.inner_text("main")
    context.close()
