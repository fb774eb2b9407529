"""The admin as the editors' workplace: every list works, moderation keeps counts right."""

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
