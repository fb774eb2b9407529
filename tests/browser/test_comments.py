"""A guest comments, a member replies, and the post's author moderates, in a real browser."""

import pytest

from comments.models import Comment
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST_TITLE = "ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "kmblog-demo")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_guest_comment_member_reply_and_author_moderation(page, live_server, demo_site, browser):
    base = live_server.url
    page.goto(base + "/")
    page.get_by_role("link", name=POST_TITLE).click()
    post_url = page.url

    # A guest comments: it waits for approval, and the guest sees it with a notice.
    page.fill("#id_guest_name", "ลุงเคลื่อน")
    page.fill("#id_body", "ขอบคุณที่เล่าต่อครับ\nใครสนใจมาดูแปลงได้ <b>ทุกวันเสาร์</b> https://example.org/farm")
    page.get_by_role("button", name="ส่งความเห็น").click()
    assert "ความเห็นจะปรากฏต่อผู้อื่นเมื่อ" in page.inner_text("body")
    guest_comment = page.locator(".comment-pending")
    assert "รออนุมัติ" in guest_comment.inner_text() and "<b>ทุกวันเสาร์</b>" in guest_comment.inner_text()

    # The post's author sees it, approves it from the post page.
    author = browser.new_context(viewport=page.viewport_size, locale="th-TH")
    author_page = author.new_page()
    author_page.viewport_name = page.viewport_name
    log_in(author_page, base, "prasit")
    author_page.goto(post_url)
    pending = author_page.locator(".comment-pending")
    assert pending.count() == 1
    screenshot(author_page, "comments-author-moderating")
    pending.get_by_role("button", name="อนุมัติ").click()
    assert "อนุมัติความเห็น" in author_page.inner_text("body")
    author.close()

    # A member replies to it; the reply shows under the comment at once.
    log_in(page, base, "somsri")
    page.goto(post_url)
    approved = page.locator(".comment", has_text="ลุงเคลื่อน")
    link = approved.locator(".comment-body a")
    assert link.get_attribute("rel") == "nofollow ugc noopener"
    approved.get_by_role("link", name="ตอบ").click()
    assert "ตอบความเห็น" in page.inner_text("#comment-form")
    page.fill("#id_body", "จะพาคุณกิจในตำบลไปดูงานค่ะ")
    page.get_by_role("button", name="ส่งความเห็น").click()
    reply = page.locator(".replies .comment", has_text="จะพาคุณกิจในตำบลไปดูงานค่ะ")
    assert reply.count() == 1
    assert Comment.objects.filter(body="จะพาคุณกิจในตำบลไปดูงานค่ะ", parent__guest_name="ลุงเคลื่อน").exists()
    page.locator("#comments").scroll_into_view_if_needed()
    screenshot(page, "comments-thread")
