"""Anonymous readers from the cache, invalidated by what a change shows."""

import pytest

from comments.models import Comment
from posts.models import Post
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def test_anonymous_pages_come_from_the_cache(client, blog, django_assert_num_queries):
    make_post(blog, title="บันทึกแรก", tags=["คุณอำนวย"])
    for url in ["/", "/tags/", "/tags/คุณอำนวย/", blog.get_absolute_url(), "/people/somchai/", "/feeds/atom/"]:
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content and "public" in second["Cache-Control"], url


@pytest.mark.parametrize(
    "change",
    [
        lambda post: make_comment(post, guest_name="ผู้อ่าน", body="ความเห็นใหม่ล่าสุด"),
        lambda post: Post.objects.get(pk=post.pk).__class__.objects.get(pk=post.pk).tags.add("ความเห็นใหม่ล่าสุด"),
        lambda post: (setattr(post, "title", "ความเห็นใหม่ล่าสุด"), post.save()),
    ],
    ids=["new comment", "tag added", "post edited"],
)
def test_any_change_readers_can_see_invalidates_cached_pages(client, blog, change):
    post = make_post(blog, title="บันทึกเดิม")
    assert "ความเห็นใหม่ล่าสุด" not in client.get(post.get_absolute_url()).content.decode()
    change(post)
    assert "ความเห็นใหม่ล่าสุด" in client.get(post.get_absolute_url()).content.decode()


def test_moderation_in_bulk_invalidates_too(client, blog):
    from comments import services

    post = make_post(blog)
    pending = make_comment(post, guest_name="รอ", body="รออนุมัติอยู่", status=Comment.Status.PENDING)
    assert "รออนุมัติอยู่" not in client.get(post.get_absolute_url()).content.decode()
    services.set_status([pending], Comment.Status.APPROVED)
    assert "รออนุมัติอยู่" in client.get(post.get_absolute_url()).content.decode()


def test_publishing_a_draft_shows_it_on_the_cached_home_page(client, blog):
    draft = make_post(blog, title="ร่างที่จะเผยแพร่", published=False)
    assert "ร่างที่จะเผยแพร่" not in client.get("/").content.decode()
    draft.status, draft.published_at = Post.Status.PUBLISHED, draft.created
    draft.save()
    assert "ร่างที่จะเผยแพร่" in client.get("/").content.decode()


def test_members_always_get_fresh_private_pages(client, blog, member):
    post = make_post(blog)
    client.force_login(member)
    first = client.get(post.get_absolute_url())
    assert "private" in first["Cache-Control"]
    Comment.objects.create(post=post, guest_name="x", body="เพิ่งเขียน", status=Comment.Status.APPROVED)
    Post.objects.filter(pk=post.pk).update(title="เปลี่ยนโดยไม่มีสัญญาณ")  # no signal, no invalidation
    assert "เปลี่ยนโดยไม่มีสัญญาณ" in client.get(post.get_absolute_url()).content.decode()


def test_a_guest_who_commented_sees_their_pending_comment(client, blog):
    post = make_post(blog)
    client.get(post.get_absolute_url())  # cached for anonymous readers
    client.post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": "รอดูความเห็นตัวเอง"})
    assert "รอดูความเห็นตัวเอง" in client.get(post.get_absolute_url()).content.decode()


def test_cached_pages_carry_no_csrf_token_and_guests_can_still_comment(client, blog):
    post = make_post(blog)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/posts/{post.number}/comments/", {"guest_name": "ก", "body": "ข"}).status_code == 302


def test_members_comments_still_need_csrf(blog, member):
    from django.test import Client

    post = make_post(blog)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(f"/posts/{post.number}/comments/", {"body": "ปลอม"}).status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("path", ["post", "/feeds/atom/", "/"])
def test_conditional_get(client, blog, path):
    post = make_post(blog)
    url = post.get_absolute_url() if path == "post" else path
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    post.title = "ชื่อใหม่ที่ทุกหน้าแสดง"
    post.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_page_caching_is_off_without_a_shared_cache(client, blog, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    make_post(blog)
    client.get("/")
    response = client.get("/")
    assert "private" in response["Cache-Control"]


def test_each_host_gets_its_own_cached_pages(client, blog, settings):
    settings.ALLOWED_HOSTS = ["kmblog.example", "km.example.org"]
    post = make_post(blog)
    first = client.get(post.get_absolute_url(), HTTP_HOST="kmblog.example").content.decode()
    second = client.get(post.get_absolute_url(), HTTP_HOST="km.example.org").content.decode()
    assert f'rel="canonical" href="http://kmblog.example/posts/{post.number}/"' in first
    assert f'rel="canonical" href="http://km.example.org/posts/{post.number}/"' in second


def test_a_comment_invalidates_only_what_shows_it(client, blog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    commented = make_post(blog, title="บันทึกที่มีคนคุย", tags=["คุณกิจ"])
    other_blog = make_post(make_post().blog, title="บันทึกอื่น", tags=["ป่าชุมชน"])
    shows_the_comment = [
        commented.get_absolute_url(),
        "/",
        blog.get_absolute_url(),
        f"/people/{commented.author.username}/",
        "/tags/คุณกิจ/",
    ]
    untouched = [other_blog.get_absolute_url(), other_blog.blog.get_absolute_url(), "/tags/ป่าชุมชน/", "/tags/"]
    before = {url: client.get(url).content for url in shows_the_comment + untouched}
    make_comment(commented, guest_name="ผู้อ่าน", body="ได้ความรู้มากครับ")
    for url in untouched:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).content == before[url], url
        # Served from the cache: nothing read, at most the read count written.
        assert not [q for q in queries.captured_queries if q["sql"].startswith("SELECT")], url
    for url in shows_the_comment:
        assert client.get(url).content != before[url], url
    assert "ได้ความรู้มากครับ" in client.get(commented.get_absolute_url()).content.decode()


def test_made_up_pages_leave_nothing_in_the_cache_for_good(client, db, redis_cache, settings):
    """/people/<anything>/ must not grow the cache without end: version keys expire."""
    import redis

    settings.PAGE_CACHE_SECONDS = 300
    for n in range(20):
        client.get(f"/people/{'x' * 500}{n}/")
    server = redis.Redis(db=15)
    keys = server.keys("*page-version*")
    assert keys and all(0 < server.ttl(key) <= 600 for key in keys)
    assert all(len(key) < 120 for key in keys)
