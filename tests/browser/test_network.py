"""Following, the planet, notifications and the digest in a real browser, desktop and phone.

Two demo members follow each other with the button on each other's profile; one posts; the
other sees the bell, opens the notice, finds the post on the planet, chooses how to be told,
and gets the week's digest (its HTML rendered here as a phone mail app would show it)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import screenshot
from tests.browser.test_communities import as_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "เวทีถอดบทเรียนกองทุนหมู่บ้านนาเคียน"


def test_follow_post_notify_planet_and_digest(page, live_server, demo_site, browser, run_tasks, settings):
    from network.digest import current_period
    from posts.models import Post
    from tests.factories import make_post

    base = live_server.url
    settings.SITE_URL = base
    settings.PERIODIC_TASKS = {"network.tasks.send_digests": 3600}
    malai_context, malai = as_person(browser, page, base, "malai")
    somsri_context, somsri = as_person(browser, page, base, "somsri")
    from django.contrib.auth import get_user_model

    from network import services

    people = get_user_model().objects.in_bulk(["malai", "somsri"], field_name="username")
    services.unfollow(people["malai"], people["somsri"])  # the demo has them connected: start apart

    # Each follows the other from the other's profile.
    malai.goto(base + "/people/somsri/")
    malai.get_by_role("button", name="ติดตาม", exact=True).click()
    assert malai.get_by_role("button", name="กำลังติดตาม ✓").is_visible()
    screenshot(malai, "network-profile-following")
    somsri.goto(base + "/people/malai/")
    somsri.get_by_role("button", name="ติดตาม", exact=True).click()
    assert somsri.get_by_role("button", name="กำลังติดตาม ✓").is_visible()

    # Somsri publishes; the worker announces it.
    blog = Post.objects.filter(author__username="somsri").first().blog
    make_post(blog, title=TITLE, lead="สรุปสิ่งที่ได้จากเวทีของกองทุน", age=timedelta(minutes=2), tags=["กลุ่มออมทรัพย์"])
    run_tasks()

    # Malai sees the bell, opens the notice and lands on the post.
    malai.goto(base + "/")
    bell = malai.locator(".bell-count")
    assert bell.is_visible() and int(bell.inner_text()) >= 1
    screenshot(malai, "network-bell")
    malai.locator("a.bell").click()
    assert f"บันทึกใหม่จาก สมศรี มีความรู้: “{TITLE}”" in malai.inner_text("main")
    screenshot(malai, "network-notifications")
    malai.get_by_role("link", name=f"บันทึกใหม่จาก สมศรี มีความรู้: “{TITLE}”").click()
    assert malai.locator("h1").first.inner_text() == TITLE

    # The planet has it first; the menu leads there.
    malai.goto(base + "/me/")
    assert malai.locator(".card-title").first.inner_text() == TITLE
    screenshot(malai, "network-planet")

    # Somsri was told of her new follower.
    somsri.goto(base + "/me/notifications/")
    assert "มาลัย ใจงาม และอีก 2 คนเริ่มติดตามคุณ" in somsri.inner_text("main")  # with two demo followers

    # Malai chooses mail for new posts and a daily digest, then back to weekly.
    malai.goto(base + "/me/notifications/settings/")
    screenshot(malai, "network-preferences")
    malai.locator('input[name="kind_new_post"][value="both"]').check()
    malai.locator('input[name="digest"][value="weekly"]').check()
    malai.get_by_role("button", name="บันทึกการตั้งค่า").click()
    assert "บันทึกการตั้งค่าแล้ว" in malai.inner_text("body")

    # The week's digest: the post, moved into last week.
    last_week = current_period(timezone.now(), "weekly").since + timedelta(days=1)
    Post.objects.filter(title=TITLE).update(published_at=last_week)
    mail.outbox.clear()
    call_command("run_schedule")
    run_tasks()
    [digest] = [m for m in mail.outbox if m.to == ["malai@example.org"]]
    html = digest.alternatives[0][0]
    assert TITLE in digest.body and f"{base}/posts/" in digest.body
    mail_app = malai_context.new_page()
    mail_app.viewport_name = page.viewport_name
    mail_app.set_content(html)
    assert TITLE in mail_app.inner_text("body") and "สรุปความเคลื่อนไหวประจำสัปดาห์" in mail_app.inner_text("body")
    width = mail_app.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # no sideways scrolling in a phone mail app
    screenshot(mail_app, "network-digest")

    # One click from the mail stops the digest, without logging in.
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    anonymous = browser.new_context(viewport=page.viewport_size, locale="th-TH").new_page()
    anonymous.goto(unsubscribe)
    anonymous.get_by_role("button", name="ยกเลิกการรับอีเมลนี้").click()
    assert "หยุดส่งอีเมลสรุปแล้ว" in anonymous.inner_text("main")
    malai_context.close()
    somsri_context.close()
