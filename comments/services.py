"""Actions on comments that also touch the post, the cache or the mail."""

import re
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from comments.models import BlockedWord, Comment
from comments.tasks import send_comment_notices
from communities import services as communities
from network import services as network
from posts.caching import comments_changed
from posts.models import Post

_LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


def refresh_comment_count(post_id: int) -> None:
    """Set the post's comment count (and latest approved comment time) from its approved comments.

    The post row is locked first, so the count is taken after any concurrent
    writer to the same post has committed: the count cannot go stale.
    """
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post_id).values_list("pk").first()
        approved = Comment.objects.approved().filter(post_id=post_id).aggregate(count=Count("pk"), last=Max("created"))
        Post.objects.filter(pk=post_id).update(comment_count=approved["count"], last_comment_at=approved["last"])
        communities.post_discussed(post_id, approved["last"])


def set_status(comments: Iterable[Comment], status: str) -> int:
    """Moderate many comments at once (admin bulk actions); counts stay right."""
    ids = [c.pk for c in comments]
    with transaction.atomic():
        changed = Comment.objects.filter(pk__in=ids).exclude(status=status)
        rows = list(changed.values_list("pk", "post_id"))
        post_ids = {post_id for _pk, post_id in rows}
        updated = changed.update(status=status)
        ids = [pk for pk, _post_id in rows]
        for post_id in sorted(post_ids):
            refresh_comment_count(post_id)
        if status == Comment.Status.APPROVED:  # now it may be told (notices are made once)
            for pk in ids:
                send_comment_notices.enqueue(pk, settings.SITE_URL)
        elif status in (Comment.Status.SPAM, Comment.Status.REMOVED):
            network.withdraw(comment_id__in=ids)
    comments_changed(post_ids)  # a bulk update sends no signals: tell the page cache here
    return updated


def rate_limited(user, ip: str | None) -> bool:
    """Count one more comment; True if its author is over the limit.

    Members are counted per account, wherever they write from: a workshop puts
    a room of members behind one NAT address. Guests have no account, so they
    are counted per address, with a limit such a room does not reach.
    Counted in Django's cache, so several app servers share it when the cache is shared.
    """
    if user.is_authenticated:
        key, limit = f"comment-rate:user:{user.pk}", settings.COMMENT_RATE_LIMIT
    else:
        key, limit = f"comment-rate:guest-ip:{ip or 'unknown'}", settings.COMMENT_GUEST_RATE_LIMIT
    cache.add(key, 0, timeout=settings.COMMENT_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.COMMENT_RATE_WINDOW)
        count = 1
    return count > limit


def needs_approval(body: str, *, is_member: bool) -> bool:
    """The moderation policy: guests wait; so does anything with many links or a blocked word."""
    if not is_member and settings.COMMENT_GUESTS_NEED_APPROVAL:
        return True
    if len(_LINK.findall(body)) > settings.COMMENT_MAX_LINKS:
        return True
    text = body.casefold()
    return any(phrase.casefold() in text for phrase in BlockedWord.objects.values_list("phrase", flat=True))


def edit_comment(comment: Comment, body: str) -> None:
    """A member's own correction: the moderation policy looks at the new text again."""
    comment.body = body
    if needs_approval(body, is_member=True):
        comment.status = Comment.Status.PENDING
    with transaction.atomic():
        comment.save(update_fields=["body", "status"])
        refresh_comment_count(comment.post_id)
        send_comment_notices.enqueue(comment.pk, settings.SITE_URL)  # someone newly @mentioned


def post_comment(comment: Comment, *, site_url: str) -> Comment:
    """Save a new comment with the status the policy gives it, then tell the people concerned.

    site_url ("https://example.org") makes the links in the mail absolute.
    """
    comment.status = (
        Comment.Status.PENDING
        if needs_approval(comment.body, is_member=comment.author_id is not None)
        else Comment.Status.APPROVED
    )
    with transaction.atomic():
        comment.save()
        # The task is a row written in this same transaction: the worker sees
        # it only once the comment is committed, a rollback takes both away,
        # and a crash after the commit cannot lose the mail.
        send_comment_notices.enqueue(comment.pk, site_url)
    return comment
