"""The Content-Security-Policy holds on every kind of page, the editor and the admin included.

Every browser test fails on a CSP violation (conftest.py); this one walks the
pages no other browser test opens.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from posts.models import Post
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_violations_anywhere(page, live_server, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    base = live_server.url
    for path in ["/", "/tags/", "/search/?q=คุณกิจ", "/people/somsri/", "/accounts/signup/", "/feeds/atom/"]:
        page.goto(base + path)
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "kmblog-demo")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    for path in [
        "/posts/new/",
        "/me/posts/",
        "/me/profile/",
        "/admin/",
        "/admin/comments/comment/",
        "/admin/posts/post/",
        f"/admin/posts/post/{Post.objects.order_by('pk').first().pk}/change/",
        "/admin/profiles/profile/1/change/",
        "/admin/auth/user/1/change/",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if path.startswith("/admin/posts/post/") and path.endswith("/change/"):
            assert page.locator(".prose-editor [contenteditable=true]").count() == 1  # the site's editor
            screenshot(page, "admin-post-editor")
    page.goto(base + "/posts/new/")
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.type("ทดสอบนโยบายความปลอดภัย")
    page.keyboard.press("Control+b")
    page.keyboard.type("ตัวหนา")
    screenshot(page, "editor-under-csp")
    header = page.request.get(base + "/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
