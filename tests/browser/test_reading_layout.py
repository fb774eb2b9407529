"""The reading side as people see it: the phone header in one row, dark mode, a printed post."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_post, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTION = "<p>" + "วงคุณกิจเล่าเรื่องการออมที่ได้ผลจริงในหมู่บ้าน " * 30 + "</p>"


def long_post():
    blog = make_blog(make_user("writer", display_name="สมศรี มีความรู้"), title="เวทีคุณกิจ")
    body = "".join(f"<h2>เรื่องที่ {n}</h2>{SECTION}" for n in range(1, 4))
    return make_post(blog, title="ถอดบทเรียนวงออมทรัพย์บ้านกลาย", body=body, tags=["ออมทรัพย์"])


def test_the_phone_header_is_one_row_and_opens_search_and_menu(page, live_server):
    post = long_post()
    page.goto(live_server.url + post.get_absolute_url())
    header = page.locator(".site-header")
    height = header.bounding_box()["height"]
    if page.viewport_name == "phone":
        assert height < 70, height  # one row: brand and two buttons
        assert not page.locator(".site-nav").is_visible()
        page.get_by_role("button", name="เมนู").click()
        assert page.locator(".site-nav").is_visible()
        screenshot(page, "phone-header-menu")
        page.get_by_role("button", name="ค้นหา").click()
        assert page.locator(".header-search input").is_visible() and not page.locator(".site-nav").is_visible()
    else:
        assert page.locator(".site-nav").is_visible() and page.locator(".header-search input").is_visible()
    page.keyboard.press("Tab")
    assert page.locator(".skip-link").is_visible()  # the first Tab shows "skip to content"
    screenshot(page, "post-with-contents")


def test_dark_mode_and_print(page, live_server):
    post = long_post()
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + post.get_absolute_url())
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(18, 26, 22)", background
    screenshot(page, "post-dark")
    page.emulate_media(media="print", color_scheme="light")
    assert not page.locator(".site-header").is_visible() and not page.locator("#comment-form").is_visible()
    assert not page.locator(".share").is_visible() and page.locator(".post-body").is_visible()
    screenshot(page, "post-printed")
