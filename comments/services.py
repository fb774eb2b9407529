"""Actions on comments that also change the post they belong to."""

from collections.abc import Iterable

from django.db import transaction

from comments.models import Comment
from posts.models import Post


def refresh_comment_count(post_id: int) -> None:
    """Set the post's comment count to its number of approved comments.

    The post row is locked first, so the count is taken after any concurrent
    writer to the same post has committed: the count cannot go stale.
    """
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post_id).values_list("pk").first()
        count = Comment.objects.approved().filter(post_id=post_id).count()
        Post.objects.filter(pk=post_id).update(comment_count=count)


def set_status(comments: Iterable[Comment], status: str) -> int:
    """Moderate many comments at once (admin bulk actions); counts stay right."""
    ids = [c.pk for c in comments]
    with transaction.atomic():
        changed = Comment.objects.filter(pk__in=ids).exclude(status=status)
        post_ids = set(changed.values_list("post_id", flat=True))
        updated = changed.update(status=status)
        for post_id in sorted(post_ids):
            refresh_comment_count(post_id)
    return updated
