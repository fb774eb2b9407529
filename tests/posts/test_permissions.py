"""Who may use each write URL: the owner, another member, a guest, staff.

Guests are sent to log in; others' drafts are 404 (they do not exist for them);
others' published posts and blogs are 403; the owner and staff get the page.
"""

import pytest

from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db

OWNER, MEMBER, GUEST, STAFF = "owner", "member", "guest", "staff"


@pytest.fixture
def world(db):
    owner = make_user("owner")
    blog = make_blog(owner)
    return {
        "users": {OWNER: owner, MEMBER: make_user("other"), STAFF: make_user("editor", staff=True), GUEST: None},
        "published": make_post(blog),
        "draft": make_post(blog, published=False),
        "blog": blog,
    }


URLS = {
    "edit published": lambda w: f"/posts/{w['published'].number}/edit/",
    "delete published": lambda w: f"/posts/{w['published'].number}/delete/",
    "edit draft": lambda w: f"/posts/{w['draft'].number}/edit/",
    "delete draft": lambda w: f"/posts/{w['draft'].number}/delete/",
    "edit blog": lambda w: f"/blogs/{w['blog'].pk}/edit/",
    "delete blog": lambda w: f"/blogs/{w['blog'].pk}/delete/",
    "new post": lambda w: "/posts/new/",
    "new blog": lambda w: "/blogs/new/",
    "my posts": lambda w: "/me/posts/",
    "edit profile": lambda w: "/me/profile/",
    "change password": lambda w: "/accounts/password_change/",
}

# Expected GET status per URL and persona; 302 means "sent to the login page".
EXPECTED = {
    "edit published": {OWNER: 200, MEMBER: 403, GUEST: 302, STAFF: 200},
    "delete published": {OWNER: 200, MEMBER: 403, GUEST: 302, STAFF: 200},
    "edit draft": {OWNER: 200, MEMBER: 404, GUEST: 302, STAFF: 200},
    "delete draft": {OWNER: 200, MEMBER: 404, GUEST: 302, STAFF: 200},
    "edit blog": {OWNER: 200, MEMBER: 403, GUEST: 302, STAFF: 200},
    "delete blog": {OWNER: 200, MEMBER: 403, GUEST: 302, STAFF: 200},
    "new post": {OWNER: 200, MEMBER: 200, GUEST: 302, STAFF: 200},
    "new blog": {OWNER: 200, MEMBER: 200, GUEST: 302, STAFF: 200},
    "my posts": {OWNER: 200, MEMBER: 200, GUEST: 302, STAFF: 200},
    "edit profile": {OWNER: 200, MEMBER: 200, GUEST: 302, STAFF: 200},
    "change password": {OWNER: 200, MEMBER: 200, GUEST: 302, STAFF: 200},
}


@pytest.mark.parametrize("persona", [OWNER, MEMBER, GUEST, STAFF])
@pytest.mark.parametrize("name", list(URLS))
def test_get(client, world, name, persona):
    if world["users"][persona]:
        client.force_login(world["users"][persona])
    response = client.get(URLS[name](world))
    assert response.status_code == EXPECTED[name][persona]
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")


WRITES = ["edit published", "delete published", "edit draft", "delete draft", "edit blog", "delete blog"]


@pytest.mark.parametrize("persona", [MEMBER, GUEST])
@pytest.mark.parametrize("name", WRITES)
def test_others_cannot_post_changes(client, world, name, persona):
    if world["users"][persona]:
        client.force_login(world["users"][persona])
    response = client.post(URLS[name](world), {"title": "ถูกแก้", "action": "publish", "blog": world["blog"].pk})
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    for key in ("published", "draft"):
        world[key].refresh_from_db()
        assert world[key].title != "ถูกแก้"
    assert world["blog"].__class__.objects.filter(pk=world["blog"].pk).exists()


def test_a_member_cannot_file_a_post_in_someone_elses_blog(client, world):
    client.force_login(world["users"][MEMBER])
    response = client.post("/posts/new/", {"title": "แอบเขียน", "blog": world["blog"].pk, "action": "publish"})
    assert response.status_code == 200
    assert "เลือกตัวเลือกที่ถูกต้อง" in response.content.decode() or "Select a valid choice" in response.content.decode()
    assert not world["blog"].posts.filter(title="แอบเขียน").exists()


def test_forms_need_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"][OWNER])
    response = client.post(f"/posts/{world['published'].number}/delete/")
    assert response.status_code == 403
    world["published"].refresh_from_db()
