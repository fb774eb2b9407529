import pytest

from posts.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_new_posts_take_the_next_free_number(blog):
    imported = make_post(blog, number=56697)
    new = make_post(blog)
    assert new.number == imported.number + 1


def test_the_body_is_sanitised_on_save_whatever_wrote_it(blog):
    post = make_post(
        blog,
        body=(
            '<p onclick="steal()">ข้อความ<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">ลิงก์</a><a href="https://example.org/">นอก</a>'
            '<a href="/posts/1/">ใน</a><img src="x" onerror="alert(1)">'
        ),
    )
    post.refresh_from_db()
    assert "script" not in post.body and "onclick" not in post.body and "onerror" not in post.body
    assert "javascript:" not in post.body
    assert '<a href="https://example.org/" rel="nofollow noopener">นอก</a>' in post.body
    assert '<a href="/posts/1/">ใน</a>' in post.body
    assert "<p>ข้อความ</p>" in post.body


def test_published_follows_status_and_time(blog):
    from datetime import timedelta

    live = make_post(blog, title="เผยแพร่แล้ว")
    make_post(blog, title="ร่าง", published=False)
    make_post(blog, title="ตั้งเวลา", age=-timedelta(hours=2))
    assert list(Post.objects.published()) == [live]
