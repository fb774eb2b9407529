"""Appreciation ("ขอบคุณ" / "ได้ประโยชน์") and reading later, as members and readers see them."""

import pytest
from django.test import Client

from network.models import Appreciation, Bookmark
from tests.factories import make_post, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(author, blog):
    return make_post(blog, title="ถอดบทเรียนวงออมทรัพย์")


def url(post, action):
    return f"/posts/{post.number}/{action}/"


def test_a_member_thanks_once_and_everyone_sees_who(client, post, member):
    client.force_login(member)
    response = client.post(url(post, "appreciate"), {"kind": "thanks"})
    assert response["Location"].endswith("#appreciation")
    client.post(url(post, "appreciate"), {"kind": "thanks"})  # the same button again: taken back
    assert not Appreciation.objects.exists()
    client.post(url(post, "appreciate"), {"kind": "useful"})
    client.post(url(post, "appreciate"), {"kind": "thanks"})  # another kind: changed, still one
    assert list(Appreciation.objects.values_list("kind", flat=True)) == ["thanks"]
    client.logout()
    page = client.get(post.get_absolute_url()).content.decode()  # an anonymous reader, cached page
    assert "1 คนขอบคุณบันทึกนี้" in page and "มาลี รักเรียน" in page and "เข้าสู่ระบบเพื่อขอบคุณ" in page


def test_many_appreciations_show_a_count_and_the_newest_names(client, post):
    for n in range(35):
        Appreciation.objects.create(post=post, user=make_user(display_name=f"ผู้อ่านคนที่ {n}"))
    page = client.get(post.get_absolute_url()).content.decode()
    assert "35 คนขอบคุณบันทึกนี้" in page and "และอีก 5 คน" in page and "ผู้อ่านคนที่ 34" in page


def test_authors_do_not_thank_themselves_and_strangers_must_log_in(client, post, author):
    assert client.post(url(post, "appreciate"), {"kind": "thanks"})["Location"].startswith("/accounts/login/")
    client.force_login(author)
    client.post(url(post, "appreciate"), {"kind": "thanks"})
    assert not Appreciation.objects.exists()


def test_drafts_cannot_be_appreciated(client, blog, member):
    draft = make_post(blog, published=False)
    client.force_login(member)
    assert client.post(url(draft, "appreciate"), {"kind": "thanks"}).status_code == 404


def test_it_works_without_javascript_and_answers_json_to_the_script(client, post, member):
    client.force_login(member)
    response = client.post(url(post, "appreciate"), {"kind": "useful"}, headers={"Accept": "application/json"})
    assert response.json() == {"appreciated": "useful", "count": 1}
    assert client.get(url(post, "appreciate")).status_code == 405
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    assert csrf_client.post(url(post, "appreciate"), {"kind": "thanks"}).status_code == 403


def test_reading_later_is_private(client, post, member, author):
    client.force_login(member)
    client.post(url(post, "bookmark"))
    page = client.get("/me/bookmarks/").content.decode()
    assert "ถอดบทเรียนวงออมทรัพย์" in page
    assert "เก็บไว้อ่านภายหลังแล้ว" in client.get(post.get_absolute_url()).content.decode()
    client.force_login(author)
    assert "ถอดบทเรียนวงออมทรัพย์" not in client.get("/me/bookmarks/").content.decode()
    client.force_login(member)
    client.post(url(post, "bookmark"))  # again: off the list
    assert not Bookmark.objects.exists()
    client.logout()
    assert client.get("/me/bookmarks/")["Location"].startswith("/accounts/login/")


def test_a_bookmarked_post_that_becomes_a_draft_leaves_the_list(client, post, member):
    Bookmark.objects.create(post=post, user=member)
    post.status = "draft"
    post.save()
    client.force_login(member)
    assert "ถอดบทเรียนวงออมทรัพย์" not in client.get("/me/bookmarks/").content.decode()


def test_the_post_page_budget_with_many_appreciations(client, post, member, django_assert_max_num_queries):
    for _ in range(40):
        Appreciation.objects.create(post=post, user=make_user())
    client.force_login(member)
    client.get(post.get_absolute_url())
    with django_assert_max_num_queries(14):
        assert client.get(post.get_absolute_url()).status_code == 200
