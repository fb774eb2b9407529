"""Small builders for test data: each returns a saved object with sensible Thai defaults."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from comments.models import Comment
from posts.models import Blog, Post

_counter = itertools.count(1)


def make_user(username: str | None = None, *, display_name: str = "", staff: bool = False, **profile):
    """A member with a profile; staff=True makes an editor with every admin permission."""
    username = username or f"member{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="pass-for-tests",
        is_staff=staff,
        is_superuser=staff,
    )
    user.profile.display_name = display_name or username
    for name, value in profile.items():
        setattr(user.profile, name, value)
    user.profile.save()
    return user


def make_blog(owner=None, title: str = "สมุดบันทึกการจัดการความรู้", **fields) -> Blog:
    return Blog.objects.create(owner=owner or make_user(), title=title, **fields)


def make_post(
    blog: Blog | None = None,
    *,
    title: str = "ถอดบทเรียนวงคุณอำนวย",
    tags: list[str] | tuple[str, ...] = (),
    published: bool = True,
    age: timedelta = timedelta(hours=1),
    **fields,
) -> Post:
    blog = blog or make_blog()
    fields.setdefault("author", blog.owner)
    fields.setdefault("lead", "ความนำของบันทึก")
    fields.setdefault("body", "<p>เนื้อหาของบันทึก</p>")
    if published:
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - age)
    post = Post.objects.create(blog=blog, title=title, **fields)
    if tags:
        post.tags.set(list(tags))
    return post


def make_comment(post: Post, *, author=None, guest_name: str = "", status: str = Comment.Status.APPROVED, **fields):
    if author is None and not guest_name:
        guest_name = "ผู้เยี่ยมชม"
    fields.setdefault("body", "ขอบคุณสำหรับบันทึกครับ")
    return Comment.objects.create(post=post, author=author, guest_name=guest_name, status=status, **fields)
