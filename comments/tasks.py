"""Telling people about a comment, from the task worker (jobs/), never from the request."""

from django.utils.translation import gettext_lazy
from django_tasks import task

from comments.models import Comment
from jobs.mail import MAIL_ERRORS
from jobs.registry import job
from network import services as network
from network.models import Notification


@job(gettext_lazy("ส่งอีเมลแจ้งความเห็นใหม่"), retry_on=MAIL_ERRORS)
@task()
def send_comment_notices(comment_id: int, site_url: str) -> int:
    """Notify the post's author, the member replied to and the members @mentioned; returns
    how many were notified now.

    Each chose per kind whether on the site, by mail, or both (network.Preferences).
    Safe to run again: a notice is made once per person and comment, each mail sent
    once. Run again when a moderator approves the comment. A comment taken down
    notifies nobody; one held back for what it says (a blocked word, many links)
    neither; one held only because guests wait asks the post's author to moderate.
    site_url ("https://example.org") makes the links in mail absolute.
    """
    from comments.services import needs_approval

    comment = Comment.objects.select_related("post__author", "parent", "author").filter(pk=comment_id).first()
    if comment is None or comment.status in (Comment.Status.SPAM, Comment.Status.REMOVED):
        return 0
    post, Kind = comment.post, Notification.Kind
    about = {"actor": comment.author, "post": post, "comment": comment, "mail_now": True, "site_url": site_url}
    if comment.status == Comment.Status.PENDING:
        if needs_approval(comment.body, is_member=True):
            return 0
        return len(
            network.notify_many([post.author_id], Kind.COMMENT, f"comment:{comment.pk}", detail="pending", **about)
        )
    Notification.objects.filter(key=f"comment:{comment.pk}", detail="pending").update(detail="")
    told = {post.author_id}
    made = network.notify_many([post.author_id], Kind.COMMENT, f"comment:{comment.pk}", **about)
    if comment.parent_id and comment.parent.author_id and comment.parent.author_id not in told:
        told.add(comment.parent.author_id)
        made += network.notify_many([comment.parent.author_id], Kind.REPLY, f"reply:{comment.pk}", **about)
    mentioned = [pk for pk in network.mentioned_users(comment.body).values_list("pk", flat=True) if pk not in told]
    made += network.notify_many(mentioned, Kind.MENTION, f"mention:comment:{comment.pk}", **about)
    return len(made)
