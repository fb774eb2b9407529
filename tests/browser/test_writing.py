"""A new member writes and publishes a Thai post in a real browser."""

import re

import pytest

from posts.models import Post
from tests.browser.conftest import screenshot
from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    if page.viewport_name == "phone":  # the header's links sit behind the menu button there
        page.get_by_role("button", name="เมนู").click()
    page.get_by_role("link", name="สมัครสมาชิก").first.click()
    page.fill("#id_username", username)
    page.fill("#id_display_name", "สมศรี มีความรู้")
    page.fill("#id_email", f"{username}@example.org")
    page.fill("#id_password1", "ถอดบทเรียน-2569")
    page.fill("#id_password2", "ถอดบทเรียน-2569")
    screenshot(page, "signup")
    page.get_by_role("button", name="สมัครสมาชิก").click()
    page.wait_for_url("**/posts/new/")


def editor(page):
    return page.locator(".prose-editor [contenteditable=true]")


def test_sign_up_write_and_publish_a_thai_post(page, live_server):
    sign_up(page, live_server.url, f"writer{page.viewport_name}")
    assert "ยินดีต้อนรับ สมศรี มีความรู้" in page.inner_text("body")
    page.fill("#id_title", "ถอดบทเรียนวงออมทรัพย์")
    page.fill("#id_lead", "สิ่งที่ได้เรียนรู้จากเวทีคุณกิจ")
    body = editor(page)
    body.click()
    page.keyboard.type("การออมเป็นกลุ่มช่วยให้ ")
    page.keyboard.press("Control+b")
    page.keyboard.type("ไม่ล้มเลิก")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")
    page.keyboard.type("- ข้อแรก")
    page.keyboard.press("Enter")
    page.keyboard.type("ข้อสอง")
    page.fill("#id_tags", "กลุ่มออมทรัพย์")
    screenshot(page, "editor")
    page.get_by_role("button", name="เผยแพร่ทันที").click()
    page.wait_for_url("**/posts/*/")
    article = page.locator("article.post")
    assert article.locator(".post-body strong").inner_text() == "ไม่ล้มเลิก"
    assert article.locator(".post-body ul li").all_inner_texts() == ["ข้อแรก", "ข้อสอง"]
    screenshot(page, "published-post")

    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="ถอดบทเรียนวงออมทรัพย์").is_visible()
    page.get_by_role("link", name="#กลุ่มออมทรัพย์").first.click()
    assert page.locator("h1").inner_text() == "#กลุ่มออมทรัพย์"
    assert page.get_by_role("link", name="ถอดบทเรียนวงออมทรัพย์").is_visible()


def test_a_draft_with_a_suggested_tag_shows_on_my_posts(page, live_server):
    make_post(title="บันทึกเดิม", tags=["กลุ่มออมทรัพย์"])
    sign_up(page, live_server.url, f"drafter{page.viewport_name}")
    page.fill("#id_title", "ร่างแผนเวทีเดือนหน้า")
    editor(page).click()
    page.keyboard.type("หัวข้อที่อยากชวนคุย")
    page.get_by_role("button", name="แนะนำคำสำคัญจากเนื้อหา").click()
    page.locator(".tag-suggestions button").first.wait_for(state="visible", timeout=10_000)  # words of the text
    page.locator("#id_tags").press_sequentially("คุณกิจ, กลุ่ม")
    page.get_by_role("button", name="#กลุ่มออมทรัพย์").click()
    assert page.input_value("#id_tags") == "คุณกิจ, กลุ่มออมทรัพย์, "
    page.get_by_role("button", name="บันทึกฉบับร่าง").click()
    page.wait_for_url("**/posts/*/edit/")  # a saved draft keeps the writer in the editor
    assert "เขียนต่อได้เลย" in page.inner_text("body")
    page.goto(live_server.url + "/me/posts/")
    assert "ร่างแผนเวทีเดือนหน้า" in page.inner_text("main")
    screenshot(page, "my-posts")
    assert sorted(Post.objects.get(title="ร่างแผนเวทีเดือนหน้า").tags.names()) == ["กลุ่มออมทรัพย์", "คุณกิจ"]


def test_script_typed_into_the_editor_is_inert(page, live_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_up(page, live_server.url, f"tester{page.viewport_name}")
    page.fill("#id_title", "ทดสอบสคริปต์")
    editor(page).click()
    page.keyboard.type('<script>alert("xss")</script><img src=x onerror=alert(1)>')
    # A hostile browser could bypass the editor: put raw HTML in the form field too.
    page.evaluate(
        """() => { const ta = document.querySelector('textarea[name=body]');
        ta.value += '<p>ดิบ<script>alert(2)</script><a href="javascript:alert(3)">ลิงก์</a></p>'; }"""
    )
    page.get_by_role("button", name="เผยแพร่ทันที").click()
    page.wait_for_url("**/posts/*/")
    body = page.locator(".post-body")
    assert '<script>alert("xss")</script>' in body.inner_text()  # shown as text
    assert body.locator("script").count() == 0 and body.locator("img").count() == 0
    assert body.locator("a[href^='javascript']").count() == 0
    page.reload()
    assert dialogs == []
    stored = Post.objects.get(title="ทดสอบสคริปต์").body
    assert "<script" not in stored and "javascript:" not in stored
    assert not re.search(r"<[^>]*\bon\w+\s*=", stored)  # no event attribute inside any tag
    assert "&lt;script&gt;" in stored  # what was typed is kept, as text


def test_typing_is_kept_and_another_device_continues(page, browser, live_server):
    from tests.browser.conftest import VIEWPORTS
    from tests.factories import make_blog, make_user

    writer = make_user(f"auto{page.viewport_name}", display_name="ผู้เขียน")
    make_blog(writer, title="สมุด")

    def log_in(tab):
        tab.goto(live_server.url + "/accounts/login/")
        tab.fill("#id_username", writer.username)
        tab.fill("#id_password", "pass-for-tests")
        tab.locator("form button[type=submit]").last.click()
        tab.wait_for_load_state()

    log_in(page)
    page.goto(live_server.url + "/posts/new/")
    page.fill("#id_title", "บันทึกที่เขียนค้างไว้บนมือถือ")
    editor(page).click()
    page.keyboard.type("วงคุณกิจคุยเรื่องปุ๋ยหมัก")
    page.locator(".autosave-status", has_text="บันทึกอัตโนมัติแล้ว").wait_for(timeout=15000)
    screenshot(page, "editor-autosaved")
    # Leaving with changes not yet kept asks first.
    page.fill("#id_lead", "ยังไม่ทันบันทึก")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    # Another device.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="th-TH")
    other = context.new_page()
    log_in(other)
    other.goto(live_server.url + "/posts/new/")
    assert "มีงานที่พิมพ์ไว้แต่ยังไม่ได้บันทึก" in other.inner_text("body")
    other.get_by_role("link", name="กู้คืนงานที่พิมพ์ไว้").click()
    other.wait_for_load_state()
    assert other.input_value("#id_title") == "บันทึกที่เขียนค้างไว้บนมือถือ"
    assert "ปุ๋ยหมัก" in other.inner_text(".prose-editor")
    context.close()
