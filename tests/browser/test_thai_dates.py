"""Scheduling in Thai on a phone: day, Thai month, Buddhist-era year, 24-hour time.

A phone set to English showed "mm/dd/yyyy" in the old datetime-local field.
The browser here runs with an English locale on purpose.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-for-tests")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def test_a_writer_schedules_with_thai_dates(page, live_server):
    writer = make_user(f"sched{page.viewport_name}", display_name="สมศรี")
    make_blog(writer, title="สมุดบันทึก")
    log_in(page, live_server.url, writer.username)
    page.goto(live_server.url + "/posts/new/")
    page.fill("#id_title", "ประชุมเวทีคุณกิจเดือนหน้า")
    when = timezone.localtime() + timedelta(days=40)
    page.select_option("#id_publish_at_0", str(when.day))
    page.select_option("#id_publish_at_1", str(when.month))
    page.fill("#id_publish_at_2", str(when.year + 543))
    page.fill("#id_publish_at_3", "09.30")
    field = page.locator(".thai-datetime")
    field.scroll_into_view_if_needed()
    assert "mm/dd/yyyy" not in field.inner_text() and "เวลา" in field.inner_text()
    screenshot(page, "schedule-thai-date")
    page.get_by_role("button", name="ตั้งเวลาเผยแพร่").click()
    page.wait_for_load_state()
    post = Post.objects.get(title="ประชุมเวทีคุณกิจเดือนหน้า")
    assert timezone.localtime(post.published_at).strftime("%Y-%m-%d %H:%M") == when.strftime("%Y-%m-%d") + " 09:30"


def test_the_admin_in_thai_on_a_phone(page, live_server):
    editor = make_user(f"ed{page.viewport_name}", display_name="บรรณาธิการ", staff=True)
    make_blog(editor, title="สมุดของบรรณาธิการ")
    log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + "/admin/posts/post/add/")
    text = page.inner_text("body")
    assert "พ.ศ." in page.content() and "Heading" not in text
    screenshot(page, "admin-post-add")
    page.goto(live_server.url + "/admin/")
    assert "ไม่ว่าง" not in page.inner_text("body")
    screenshot(page, "admin-index")
