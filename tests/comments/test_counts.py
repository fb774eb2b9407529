"""The post's comment count is the number of its approved comments, whatever happens."""

import pytest
from django.db import IntegrityError, transaction

from comments.models import Comment
from posts.models import Post
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def count(post: Post) -> int:
    return Post.objects.get(pk=post.pk).comment_count


def test_only_approved_comments_count(blog):
    post = make_post(blog)
    make_comment(post)
    make_comment(post, status=Comment.Status.PENDING)
    make_comment(post, status=Comment.Status.SPAM)
    assert count(post) == 1


def test_the_count_follows_status_changes_and_deletes(blog):
    post = make_post(blog)
    pending = make_comment(post, status=Comment.Status.PENDING)
    approved = make_comment(post)
    pending.status = Comment.Status.APPROVED
    pending.save()
    assert count(post) == 2
    approved.delete()
    assert count(post) == 1
    Comment.objects.filter(pk=pending.pk).delete()
    assert count(post) == 0


def test_comments_are_numbered_in_their_post(blog):
    post, other = make_post(blog), make_post(blog)
    assert [make_comment(post).position for _ in range(3)] == [1, 2, 3]
    assert make_comment(other).position == 1


def test_a_comment_needs_an_author_or_a_guest_name(blog):
    post = make_post(blog)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(post=post, body="ไม่มีชื่อ", status=Comment.Status.APPROVED)


def test_deleting_a_post_takes_its_comments(blog):
    post = make_post(blog)
    make_comment(post)
    post.delete()
    assert not Comment.objects.exists()


def test_saving_a_post_loaded_earlier_does_not_undo_the_counts(blog):
    from posts import reads

    post = make_post(blog)
    editor_copy = Post.objects.get(pk=post.pk)  # the editor loads the post ...
    make_comment(post)  # ... a comment is approved and reads are counted meanwhile ...
    reads.count_read(post.number)
    reads.flush_reads()
    editor_copy.title = "แก้ชื่อ"
    editor_copy.save()  # ... then the editor saves its copy
    saved = Post.objects.get(pk=post.pk)
    assert (saved.title, saved.comment_count, saved.read_count) == ("แก้ชื่อ", 1, 1)
