"""The reading pages as a visitor sees them, on a desktop and on a phone."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_home(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "บันทึกล่าสุด"
    assert page.locator("article.card").count() == 5
    assert "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1" in page.inner_text("main")
    assert "5 กันยายน 2569" in page.inner_text("main")
    assert no_horizontal_scroll(page)
    screenshot(page, "home")


def test_post_with_comments(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1").click()
    assert page.locator("h1").inner_text() == "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1"
    assert page.locator(".comment").count() == 3
    assert page.locator(".replies .comment-by-author").count() == 1
    assert "สมศรี มีความรู้" in page.inner_text(".author-card")
    assert "คุณอำนวย" in page.inner_text(".author-card")
    assert no_horizontal_scroll(page)
    screenshot(page, "post")


def test_tag_page(page, live_server, demo_site):
    page.goto(live_server.url + "/tags/")
    page.get_by_role("link", name="#กลุ่มออมทรัพย์").click()
    assert page.locator("h1").inner_text() == "#กลุ่มออมทรัพย์"
    assert page.locator("article.card").count() == 2
    assert no_horizontal_scroll(page)
    screenshot(page, "tag")
    page.goto(live_server.url + "/tags/")
    screenshot(page, "tags")


def test_profile(page, live_server, demo_site):
    page.goto(live_server.url + "/people/somsri/")
    assert page.locator("h1").inner_text() == "สมศรี มีความรู้"
    assert "ต.กลาย อ.ท่าศาลา จ.นครศรีธรรมราช" in page.inner_text("main")
    assert "เวทีคุณอำนวยตำบลกลาย" in page.inner_text(".sidebar")
    assert no_horizontal_scroll(page)
    screenshot(page, "profile")


def test_admin_comment_moderation_list(page, live_server, demo_site):
    make_user("moderator", staff=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "pass-for-tests")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/comments/comment/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "สนใจเข้าร่วมกลุ่มออมทรัพย์" in rows.first.inner_text()
    screenshot(page, "admin-comments")
