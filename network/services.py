"""Following and notifying: actions that touch several models, the cache and the mail queue."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from network import mentions
from network.models import Channel, Follow, Notification, Preferences

BELL_SECONDS = 300


# ---- following -------------------------------------------------------------------------------


class TooManyFollows(Exception):
    """More follows in an hour than settings.FOLLOWS_PER_HOUR: each one would notify someone."""


def _count_follow(follower) -> int:
    key = f"follow-rate:{follower.pk}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


def follow(follower, target) -> Follow | None:
    """Follow a person, blog, tag or community; None if it is oneself. Safe to repeat.

    Counted in the shared cache per member, so several app servers keep one limit."""
    field = Follow.target_field(target)
    if _count_follow(follower) > settings.FOLLOWS_PER_HOUR:
        raise TooManyFollows
    if field == "user" and target.pk == follower.pk:
        return None
    try:
        with transaction.atomic():
            made, created = Follow.objects.get_or_create(follower=follower, **{field: target})
    except IntegrityError:  # the same click twice at once: the first one counted
        return Follow.objects.get(follower=follower, **{field: target})
    if created and field == "user":
        notify(target, Notification.Kind.FOLLOWER, f"follower:{follower.pk}", actor=follower)
    return made


def unfollow(follower, target) -> None:
    field = Follow.target_field(target)
    Follow.objects.filter(follower=follower, **{field: target}).delete()
    if field == "user":
        withdraw(recipient=target, key=f"follower:{follower.pk}")


def remove_follower(user, follower) -> None:
    """A member takes someone off their followers (following is public, so this is theirs to decide)."""
    Follow.objects.filter(follower=follower, user=user).delete()
    withdraw(recipient=user, key=f"follower:{follower.pk}")


def is_following(follower, target) -> bool:
    if not follower.is_authenticated:
        return False
    return Follow.objects.filter(follower=follower, **{Follow.target_field(target): target}).exists()


# ---- notifying -------------------------------------------------------------------------------


def _channels(recipient_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each recipient's channel for `kind`, in one query (no row: the default)."""
    ids = set(recipient_ids)
    chosen = {p.user_id: p for p in Preferences.objects.filter(user_id__in=ids)}
    return {pk: (chosen.get(pk) or Preferences()).channel(kind) for pk in ids}


def notify_many(
    recipient_ids: Iterable[int],
    kind: str,
    key: str,
    *,
    actor=None,
    post=None,
    comment=None,
    community=None,
    detail: str = "",
    mail_now: bool = False,
    site_url: str = "",
) -> list[Notification]:
    """Notify each recipient once per `key`, as each chose for `kind`; returns the new notices.

    The actor is never notified of their own action. Mail for those who chose it
    is a task (network.tasks.send_notification_mail), written in the caller's
    transaction; with mail_now (already inside a task) it is sent here instead.
    site_url makes the mail's links absolute (default: settings.SITE_URL).
    """
    from network.tasks import mail_notification, send_notification_mail

    ids = {pk for pk in recipient_ids if pk and (actor is None or pk != actor.pk)}
    if not ids:
        return []
    channels = {pk: ch for pk, ch in _channels(ids, kind).items() if ch != Channel.NONE}
    have = set(Notification.objects.filter(recipient_id__in=channels, key=key).values_list("recipient_id", flat=True))
    now = timezone.now()
    new = [
        Notification(
            recipient_id=pk,
            kind=kind,
            key=key,
            actor=actor,
            post=post,
            comment=comment,
            community=community,
            detail=detail,
            on_site=channels[pk] in (Channel.BOTH, Channel.SITE),
            created=now,
        )
        for pk in channels
        if pk not in have
    ]
    Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    made = list(
        Notification.objects.filter(recipient_id__in=[n.recipient_id for n in new], key=key, created=now).order_by("pk")
    )
    for notification in made:
        if notification.on_site:
            bell_changed(notification.recipient_id)
    by_mail = {pk for pk, channel in channels.items() if channel in (Channel.BOTH, Channel.MAIL)}
    if mail_now:
        # Inside a task that may be a retry: every notice of this key that should go by mail
        # is tried, the ones made by an earlier attempt too (send_once skips what went out).
        for notification in Notification.objects.filter(recipient_id__in=by_mail, key=key).order_by("pk"):
            mail_notification(notification, site_url or settings.SITE_URL)
    else:
        for notification in made:
            if notification.recipient_id in by_mail:
                send_notification_mail.enqueue(notification.pk, site_url or settings.SITE_URL)
    return made


def notify(recipient, kind: str, key: str, **kwargs) -> Notification | None:
    if recipient is None:
        return None
    made = notify_many([recipient.pk], kind, key, **kwargs)
    return made[0] if made else None


def withdraw(**lookup) -> None:
    """Take notices back (a follow undone, a comment taken down) and refresh the bells they were in."""
    notices = Notification.objects.filter(**lookup)
    recipients = set(notices.values_list("recipient_id", flat=True))
    notices.delete()
    for pk in recipients:
        bell_changed(pk)


def mentioned_users(text: str):
    """Members named as @username in `text` (network.mentions)."""
    names = mentions.names_in(strip_tags(text or ""))
    if not names:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(username__in=names, is_active=True)


# ---- the bell --------------------------------------------------------------------------------


def _bell_key(user_id: int) -> str:
    return f"bell:{user_id}"


def unread_count(user) -> int:
    """The bell's number: cached (shared by the app servers), so most pages ask nothing."""
    return cache.get_or_set(
        _bell_key(user.pk),
        lambda: Notification.objects.shown().unread().filter(recipient=user).count(),
        BELL_SECONDS,
    )


def bell_changed(user_id: int) -> None:
    cache.delete(_bell_key(user_id))


def mark_read(user, notices) -> int:
    count = notices.filter(recipient=user, read_at=None).update(read_at=timezone.now())
    bell_changed(user.pk)
    return count
