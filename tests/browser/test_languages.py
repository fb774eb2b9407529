"""A post in Thai and, after the footer switch, in English."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_post_in_thai_then_in_english(page, live_server, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่2").click()
    assert "ชุดบันทึก" in page.inner_text("main") and "2569" in page.inner_text("main")
    screenshot(page, "post-thai")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Series:" in main and "Comments (" in main and "2026" in main and "2569" not in main
    assert page.get_attribute("html", "lang") == "en"
    screenshot(page, "post-english")
    page.goto(live_server.url + "/tags/")
    assert page.locator("h1").inner_text() == "All tags"  # the choice is remembered
