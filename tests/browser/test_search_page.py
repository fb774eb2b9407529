"""The search page as a reader uses it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(demo_site):
    """The demo content, indexed for search."""
    call_command("rebuild_search_index", stdout=StringIO())


def test_search_from_the_header(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="ค้นหา")
    if page.viewport_name == "phone":  # on a phone the box opens from the search button
        assert not box.is_visible()
        page.get_by_role("button", name="ค้นหา").click()
    box.fill("คุณกิจ")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("article.search-result")
    assert results.count() >= 2
    assert "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1" in page.inner_text("main")
    assert page.locator(".snippet mark").count() >= 1
    screenshot(page, "search-results")
    # The other kinds are a tab away, each with its count.
    page.goto(live_server.url + "/search/?q=ขอบคุณ")
    page.locator(".search-tabs a", has_text="ความเห็น").click()
    page.wait_for_url("**kind=comment*")
    comment = page.locator("article.search-comment").first
    assert comment.locator("mark").first.inner_text() == "ขอบคุณ"
    screenshot(page, "search-comments")
    comment.locator(".snippet a").click()
    page.wait_for_url(re.compile(r"/posts/\d+/#comment-\d+$"))
    page.goto(live_server.url + "/search/?q=คุณอำนวย&kind=person")
    assert "สมศรี มีความรู้" in page.inner_text("main")
    screenshot(page, "search-people")
    page.goto(live_server.url + "/search/")
    assert "ค้นหาอย่างไร" in page.inner_text("main")
    screenshot(page, "search-help")
