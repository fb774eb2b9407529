"""The admin as the editors' workplace: every list works, moderation keeps counts right."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from comments.models import Comment
from posts.models import Post
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_every_model_has_a_working_list_and_search(editor_client, blog):
    post = make_post(blog, tags=["คุณอำนวย"])
    make_comment(post)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert editor_client.get(url).status_code == 200, url
        assert editor_client.get(url, {"q": "คุณอำนวย"}).status_code == 200, url


def test_post_list_filters_by_status_blog_author_and_tag(editor_client, blog):
    tagged = make_post(blog, title="มีคำสำคัญ", tags=["คุณอำนวย"])
    make_post(blog, title="ไม่มีคำสำคัญ")
    url = reverse("admin:posts_post_changelist")
    page = editor_client.get(url, {"tags__id__exact": tagged.tags.get().pk}).content.decode()
    assert "มีคำสำคัญ" in page and "ไม่มีคำสำคัญ" not in page
    for params in [{"status__exact": "draft"}, {"blog__id__exact": blog.pk}, {"author__id__exact": blog.owner.pk}]:
        assert editor_client.get(url, params).status_code == 200


def test_the_moderation_list_opens_on_pending_comments(editor_client, blog):
    post = make_post(blog)
    make_comment(post, guest_name="รอตรวจ", body="ความเห็นรออนุมัติ", status=Comment.Status.PENDING)
    make_comment(post, guest_name="ผ่านแล้ว", body="ความเห็นอนุมัติแล้ว")
    url = reverse("admin:comments_comment_changelist")
    page = editor_client.get(url).content.decode()
    assert "ความเห็นรออนุมัติ" in page and "ความเห็นอนุมัติแล้ว" not in page
    page = editor_client.get(url, {"status": "all"}).content.decode()
    assert "ความเห็นรออนุมัติ" in page and "ความเห็นอนุมัติแล้ว" in page
    assert editor_client.get(url, {"status": "nonsense"}).status_code == 200


@pytest.mark.parametrize(
    ("action", "status", "expected_count"),
    [
        ("approve", Comment.Status.APPROVED, 3),
        ("mark_spam", Comment.Status.SPAM, 0),
        ("remove", Comment.Status.REMOVED, 0),
    ],
)
def test_bulk_actions_keep_the_comment_count_right(editor_client, blog, action, status, expected_count):
    post = make_post(blog)
    pending = [make_comment(post, status=Comment.Status.PENDING) for _ in range(2)]
    approved = make_comment(post)
    response = editor_client.post(
        reverse("admin:comments_comment_changelist") + "?status=all",
        {"action": action, "_selected_action": [c.pk for c in [*pending, approved]]},
        follow=True,
    )
    assert response.status_code == 200
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    assert Post.objects.get(pk=post.pk).comment_count == expected_count


def test_members_cannot_reach_the_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:comments_comment_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_shows_buddhist_era_dates(editor_client, blog):
    from django.utils import timezone

    when = timezone.make_aware(timezone.datetime(2026, 9, 7, 14, 5))
    post = make_post(blog, title="บันทึกเดือนกันยายน", published_at=when)
    changelist = editor_client.get(reverse("admin:posts_post_changelist")).content.decode()
    visible = re.sub(r"<[^>]+>", " ", changelist.split("<body")[1])  # links may carry 2026 in their URLs
    assert "7 กันยายน 2569 เวลา 14:05 น." in visible and "2026" not in visible
    assert "&lsaquo; 2569</a>" in changelist  # the date hierarchy
    drill = editor_client.get(reverse("admin:posts_post_changelist"), {"published_at__year": 2026}).content.decode()
    assert "กันยายน 2569" in drill
    change = editor_client.get(reverse("admin:posts_post_change", args=[post.pk])).content.decode()
    assert '<option value="9" selected>กันยายน</option>' in change and 'value="2569"' in change
    editor_client.post(reverse("admin:posts_post_changelist"), {})  # nothing posted: harmless
    history = editor_client.get(reverse("admin:posts_post_history", args=[post.pk]))
    assert history.status_code == 200


def test_an_editor_schedules_a_post_with_the_thai_date_input(editor_client, blog):
    from django.utils import timezone

    post = make_post(blog, title="ตั้งเวลา")
    url = reverse("admin:posts_post_change", args=[post.pk])
    data = {
        "title": "ตั้งเวลา",
        "blog": blog.pk,
        "author": blog.owner.pk,
        "lead": "นำ",
        "body": "<p>เนื้อหา</p>",
        "tags": "",
        "status": "published",
        "published_at_day": "5",
        "published_at_month": "1",
        "published_at_year": "2570",
        "published_at_time": "8.30",
        "updated_at_day": "1",
        "updated_at_month": "1",
        "updated_at_year": "2569",
        "updated_at_time": "10:00",
        "licence": "cc-by",
        "allow_comments": "on",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    post.refresh_from_db()
    assert timezone.localtime(post.published_at).strftime("%Y-%m-%d %H:%M") == "2027-01-05 08:30"


@pytest.mark.parametrize(
    "english",
    ["Start typing to filter", "Show counts", "Hide counts", "A comma-separated list of tags", " selected", "ไม่ว่าง"],
)
def test_the_admin_speaks_thai(editor_client, blog, english):
    post = make_post(blog, tags=["คุณกิจ"])
    make_comment(post)
    pages = [
        reverse("admin:index"),
        reverse("admin:posts_post_changelist"),
        reverse("admin:posts_post_change", args=[post.pk]),
        reverse("admin:comments_comment_changelist") + "?status=all",
        "/admin/jsi18n/",
    ]
    for url in pages:
        page = editor_client.get(url).content.decode()
        if url == "/admin/jsi18n/":
            assert '"%(sel)s of %(cnt)s selected"' in page
            assert "\\u0e40\\u0e25\\u0e37\\u0e2d\\u0e01 %(sel)s" in page  # "เลือก %(sel)s", escaped in the JS
            continue
        visible = re.sub(r"<[^>]+>", " ", page.split("<body")[1])
        # Placeholders and help texts count too; " selected" only as words (it is also a CSS class).
        assert english not in (visible if english == " selected" else page), (url, english)


def test_the_post_body_is_edited_with_the_sites_editor(editor_client, blog):
    post = make_post(blog, body="<p>เนื้อหา <strong>สำคัญ</strong></p>")
    page = editor_client.get(reverse("admin:posts_post_change", args=[post.pk])).content.decode()
    assert "data-django-prose-editor" in page and '<script type="importmap" nonce="' in page


def test_the_comment_queue_names_each_comments_post(editor_client, blog):
    first = make_post(blog, title="บันทึกแรก", number=56697)
    second = make_post(blog, title="บันทึกที่สอง", number=56873)
    make_comment(first, status=Comment.Status.PENDING)
    make_comment(second, status=Comment.Status.PENDING)
    page = editor_client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "บันทึก 56697 #1" in page and "บันทึก 56873 #1" in page
    assert 'href="/posts/56873/#comment-1"' in page


def test_posts_filter_by_the_authors_display_name(editor_client, blog):
    from tests.factories import make_blog, make_user

    make_post(blog)
    make_post(make_blog(make_user("kasem", display_name="เกษม ใจกว้าง")))
    page = editor_client.get(reverse("admin:posts_post_changelist")).content.decode()
    filters = page[page.index('id="changelist-filter"') :]
    assert "สมชาย ใจดี" in filters and "เกษม ใจกว้าง" in filters
    assert filters.index("เกษม ใจกว้าง") < filters.index("สมชาย ใจดี")  # Thai dictionary order
    found = editor_client.get(reverse("admin:posts_post_changelist"), {"q": "เกษม"}).content.decode()
    assert "ถอดบทเรียนวงคุณอำนวย" in found
