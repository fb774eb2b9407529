"""Every control of the editor has a Thai name, and an English one in the English interface."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THAI = {
    "bulletList": "รายการแบบจุด",
    "orderedList": "รายการแบบตัวเลข",
    "blockquote": "ข้อความอ้างอิง",
    "horizontalRule": "เส้นคั่น",
    "bold": "ตัวหนา",
    "italic": "ตัวเอียง",
    "link": "แทรกลิงก์",
    "history:undo": "เลิกทำ",
    "history:redo": "ทำซ้ำ",
}
ENGLISH = {"bulletList": "Bulleted list", "bold": "Bold", "history:undo": "Undo", "link": "Insert link"}


def open_editor(page, base: str, username: str) -> None:
    make_blog(make_user(username, display_name="ผู้เขียน"))
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-for-tests")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(base + "/posts/new/")
    labelled = ".prose-menubar [data-name=bold][title='ตัวหนา'], .prose-menubar [data-name=bold][title='Bold']"
    page.locator(labelled).wait_for()


def test_the_editor_speaks_thai(page, live_server):
    open_editor(page, live_server.url, f"labels{page.viewport_name}")
    for name, label in THAI.items():
        button = page.locator(f".prose-menubar [data-name='{name}']")
        assert button.get_attribute("title") == label and button.get_attribute("aria-label") == label, name
    picker = page.locator(".prose-menubar__selected button")
    assert picker.get_attribute("title") == "ย่อหน้าปกติ (เลือกรูปแบบ)"
    page.locator(".prose-menubar__selected").click()
    options = page.locator(".prose-menubar__option").all_inner_texts()
    assert options == ["หัวข้อใหญ่", "หัวข้อรอง", "หัวข้อย่อย", "ย่อหน้าปกติ"], options
    page.locator(".prose-menubar__option", has_text="หัวข้อใหญ่").click()
    page.keyboard.type("หัวข้อ")
    assert picker.get_attribute("title") == "หัวข้อใหญ่ (เลือกรูปแบบ)"  # it follows the cursor, still Thai
    arrow = page.evaluate("getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content")
    assert "⏷" not in arrow
    screenshot(page, "editor-thai-menu")


def test_the_editor_speaks_english_when_chosen(page, live_server):
    page.goto(live_server.url + "/language/en/")
    open_editor(page, live_server.url, f"english{page.viewport_name}")
    for name, label in ENGLISH.items():
        assert page.locator(f".prose-menubar [data-name='{name}']").get_attribute("title") == label, name
