"""Mail about comments, sent by the task worker (jobs/), never by the request."""

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from comments.models import Comment
from jobs.mail import MAIL_ERRORS, send_once
from jobs.registry import job


def _notice(comment: Comment, link: str, *, to_post_author: bool) -> tuple[str, str]:
    """Subject and body, in the active language."""
    post = comment.post
    subject = (_("มีความเห็นใหม่ในบันทึก “%(title)s”") if to_post_author else _("มีผู้ตอบความเห็นของคุณใน “%(title)s”")) % {
        "title": post.title
    }
    # The post page is where its author moderates (approve, hide, delete), so every
    # notice links there, never to the admin, which members cannot open.
    pending = comment.status != Comment.Status.APPROVED
    action = (
        _("ความเห็นนี้รออนุมัติ อนุมัติหรือซ่อนได้ที่ %(link)s") % {"link": link}
        if pending and to_post_author
        else _("อ่านและตอบได้ที่ %(link)s") % {"link": link}
    )
    body = _("%(name)s เขียนว่า:\n\n%(body)s\n\n%(action)s") % {
        "name": comment.display_name,
        "body": comment.body,
        "action": action,
    }
    return subject, body


@job(gettext_lazy("ส่งอีเมลแจ้งความเห็นใหม่"), retry_on=MAIL_ERRORS)
@task()
def send_comment_notices(comment_id: int, site_url: str) -> int:
    """Mail the post's author, and the member replied to; returns how many mails left now.

    site_url ("https://example.org") makes the links absolute. Safe to run
    again: each mail is sent once (jobs.mail.send_once). A comment deleted,
    removed or marked spam before the worker came to it is not announced.
    """
    comment = (
        Comment.objects.select_related("post__author__profile", "parent__author__profile", "author__profile")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or comment.status in (Comment.Status.SPAM, Comment.Status.REMOVED):
        return 0
    post = comment.post
    link = f"{site_url}{post.get_absolute_url()}#comment-{comment.position}"
    recipients = {}  # email: (person, is the post's author)
    if post.author.email and post.author_id != comment.author_id:
        recipients[post.author.email] = (post.author, True)
    parent_author = comment.parent.author if comment.parent_id and comment.parent.author_id else None
    if parent_author and parent_author.email and parent_author.pk != comment.author_id:
        recipients.setdefault(parent_author.email, (parent_author, False))
    sent = 0
    for email, (person, to_post_author) in recipients.items():
        # Each person reads mail in the language they chose on the site.
        with translation.override(person.profile.language):
            subject, body = _notice(comment, link, to_post_author=to_post_author)
        sent += send_once(f"comment:{comment.pk}:to:{person.pk}", EmailMessage(subject, body, None, [email]))
    return sent
