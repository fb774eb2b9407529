"""What a reader gets around a post: reading time, contents, sharing, subscribing, skipping, printing."""

from urllib.parse import quote

import pytest

from tests.factories import make_post

pytestmark = pytest.mark.django_db

SECTION = "<p>" + "การจัดการความรู้ในชุมชนเริ่มจากการฟังกันอย่างตั้งใจ " * 40 + "</p>"


def test_a_long_post_shows_its_reading_time_and_contents(client, blog):
    body = "".join(f"<h2>ตอนที่ {n} ของเวที</h2>{SECTION}" for n in range(1, 4)) + "<h3>ภาคผนวก</h3><p>ท้าย</p>"
    post = make_post(blog, body=body)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "อ่านราว" in page and "นาที" in page
    assert 'aria-label="สารบัญ"' in page
    for n in range(1, 4):
        assert f'<a href="#section-{n}">ตอนที่ {n} ของเวที</a>' in page and f'<h2 id="section-{n}">' in page
    assert '<h3 id="section-4">ภาคผนวก</h3>' in page


def test_a_short_post_has_neither(client, blog):
    page = client.get(make_post(blog, body="<h2>หัวข้อ</h2><p>สั้น</p>").get_absolute_url()).content.decode()
    assert "อ่านราว" not in page and 'aria-label="สารบัญ"' not in page


def test_share_links_are_plain_links_and_the_policy_is_unchanged(client, blog):
    post = make_post(blog)
    response = client.get(post.get_absolute_url())
    page = response.content.decode()
    address = quote(f"http://testserver{post.get_absolute_url()}", safe="")
    assert f"https://social-plugins.line.me/lineit/share?url={address}" in page
    assert f"https://www.facebook.com/sharer/sharer.php?u={address}" in page
    assert 'class="share-link copy-link"' in page
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "line.me" not in policy and "facebook" not in policy


def test_blog_person_and_tag_pages_offer_their_feed(client, blog):
    post = make_post(blog, tags=["ออมทรัพย์"])
    for url, feed in [
        (blog.get_absolute_url(), f"/blogs/{blog.pk}/feed/"),
        (f"/people/{post.author.username}/", f"/people/{post.author.username}/feed/"),
        ("/tags/ออมทรัพย์/", f"/tags/{quote('ออมทรัพย์')}/feed/"),  # reverse() percent-encodes Thai
    ]:
        page = client.get(url).content.decode()
        assert f'<a href="{feed}" type="application/atom+xml">ติดตามผ่านฟีด</a>' in page, url


def test_every_page_has_a_skip_link_a_print_sheet_and_phone_header_buttons(client, blog):
    page = client.get(make_post(blog).get_absolute_url()).content.decode()
    assert '<a class="skip-link" href="#main">ข้ามไปยังเนื้อหา</a>' in page and 'id="main"' in page
    assert 'media="print"' in page and 'aria-controls="site-nav"' in page and 'aria-controls="header-search"' in page
