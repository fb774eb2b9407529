"""Work the network does later, in the task worker: notification mail, announcing new posts, digests.

Every task here is safe to run twice: notices are unique per member and purpose,
mails carry keys (jobs.mail.send_once), digests are claimed per member and period.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from jobs.mail import MAIL_ERRORS, send_once
from jobs.registry import job
from network import digest, notices, unsubscribing
from network.models import Notification


def mail_notification(notification: Notification, site_url: str) -> bool:
    """Mail one notice in its recipient's language, with a one-click unsubscribe for its kind."""
    notification = (
        Notification.objects.select_related("recipient__profile", "actor__profile", "post", "comment", "community")
        .filter(pk=notification.pk)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    person = notification.recipient
    with translation.override(person.profile.language):
        context = {
            "notice": notification,
            "text": notices.describe(notification, [notification.actor] if notification.actor_id else []),
            "link": site_url + notices.target_url(notification),
            "unsubscribe": unsubscribing.url(site_url, person, notification.kind),
            "settings_url": site_url + "/me/notifications/settings/",
            "pending": notification.detail == "pending",
        }
        subject = _subject(notification, context["text"])
        body = render_to_string("network/mail/notification.txt", context)
    message = EmailMultiAlternatives(
        subject, body, None, [person.email], headers=unsubscribing.headers(site_url, person, notification.kind)
    )
    # One mail per person and comment, whatever mix of kinds concerns them.
    key = (
        f"comment:{notification.comment_id}:to:{person.pk}" if notification.comment_id else f"notice:{notification.pk}"
    )
    return send_once(key, message)


def _subject(notification: Notification, text: str) -> str:
    """Mail about a comment keeps the subjects members know; other mail says what the notice says."""
    title = {"title": notification.post.title if notification.post_id else ""}
    if notification.kind == Notification.Kind.COMMENT:
        return _("มีความเห็นใหม่ในบันทึก “%(title)s”") % title
    if notification.kind == Notification.Kind.REPLY:
        return _("มีผู้ตอบความเห็นของคุณใน “%(title)s”") % title
    return text


@job(gettext_lazy("ส่งอีเมลแจ้งเตือน"), retry_on=MAIL_ERRORS)
@task()
def send_notification_mail(notification_id: int, site_url: str) -> bool:
    """Mail a notice made in a request (a new follower, a community answer...)."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:  # taken back since (unfollowed, post deleted)
        return False
    return mail_notification(notification, site_url)


@job(gettext_lazy("แจ้งผู้ติดตามเรื่องบันทึกใหม่"), retry_on=MAIL_ERRORS)
@task()
def announce_post(post_id: int) -> int:
    """A post went live: notify those who follow its author, blog, tags or communities, and
    the members it @mentions. Returns how many were notified now (0 when run again)."""
    from communities.models import SharedPost
    from network import services
    from network.models import Follow
    from posts.models import Post
    from tags.models import TaggedPost

    post = Post.objects.published().select_related("author").filter(pk=post_id).first()
    if post is None:  # made a draft, deleted, or not yet due (a scheduled post runs again then)
        return 0
    Kind = Notification.Kind
    mentioned = list(services.mentioned_users(post.body).values_list("pk", flat=True))
    made = services.notify_many(
        mentioned, Kind.MENTION, f"mention:post:{post.pk}", actor=post.author, post=post, mail_now=True
    )
    if post.published_at < timezone.now() - timedelta(days=settings.ANNOUNCE_POSTS_WITHIN_DAYS):
        return len(made)  # back-dated or imported: not news
    shared_in = SharedPost.objects.filter(post=post, removed_at=None).values("community_id")
    tagged = TaggedPost.objects.filter(content_object_id=post.pk).values("tag_id")
    follows = Follow.objects.filter(
        Q(user_id=post.author_id) | Q(blog_id=post.blog_id) | Q(tag_id__in=tagged) | Q(community_id__in=shared_in)
    )
    followers = set(follows.values_list("follower_id", flat=True)) - set(mentioned)
    made += services.notify_many(
        followers, Kind.NEW_POST, f"new_post:{post.pk}", actor=post.author, post=post, mail_now=True
    )
    return len(made)


@job(gettext_lazy("ส่งอีเมลสรุป"), retry_on=MAIL_ERRORS)
@task()
def send_digests(period: str | None = None) -> int:
    """Send every digest that is due (runs hourly from PERIODIC_TASKS); returns how many left now.

    Several workers may run this at once, and a run cut off halfway is simply run
    again: each member's digest for a period is claimed, then marked sent
    (network.digest.deliver), so nobody gets two and nobody is skipped.
    """
    return digest.send_due(timezone.now(), settings.SITE_URL)
