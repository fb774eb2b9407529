"""The digest mail: what happened in a member's network during the last day or week.

Periods start at settings.DIGEST_HOUR, Bangkok time: every day for daily digests,
on Mondays for weekly ones. The hourly job sends every digest of the current
period not yet sent; a member's digest is claimed before it is made, with a
lease (settings.DIGEST_CLAIM_SECONDS), so several workers share the work and a
worker that dies mid-way leaves its member to the next run rather than to nobody.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comments.models import Comment
from communities.models import Membership
from jobs.mail import deliverable, send_once
from network import unsubscribing
from network.models import Digest, DigestDelivery, Preferences
from network.planet import checked
from posts.models import Post

SHOWN = 10  # posts or comments per section
DISCUSSED = 5  # most discussed posts shown


@dataclass
class Period:
    frequency: str
    start: datetime  # the digest covers [start - length, start)
    length: timedelta

    @property
    def key(self) -> str:
        return f"{self.frequency}:{timezone.localtime(self.start).date().isoformat()}"

    @property
    def since(self) -> datetime:
        return self.start - self.length


def current_period(now: datetime, frequency: str) -> Period:
    local = timezone.localtime(now)
    start = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    if frequency == Digest.WEEKLY:
        start -= timedelta(days=start.weekday())  # back to Monday
        return Period(frequency, start, timedelta(days=7))
    return Period(frequency, start, timedelta(days=1))


@dataclass
class Contents:
    new_posts: list = field(default_factory=list)
    more_new_posts: int = 0
    discussed: list = field(default_factory=list)
    unanswered: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_posts or self.discussed or self.unanswered)

    @property
    def count(self) -> int:
        return len(self.new_posts) + self.more_new_posts + len(self.discussed) + len(self.unanswered)


def community_talk(period: Period) -> dict[int, list[tuple[int, int]]]:
    """For each community, its most discussed posts of the period: [(post id, approved comments)],
    most first. One query for the whole membership, made once per run."""
    rows = (
        Comment.objects.approved()
        .filter(created__gte=period.since, created__lt=period.start, post__in=Post.objects.published())
        .filter(post__community_shares__removed_at=None, post__community_shares__community__is_hidden=False)
        .values_list("post__community_shares__community_id", "post_id")
        .annotate(talk=Count("pk"))
    )
    found: dict[int, list[tuple[int, int]]] = {}
    for community_id, post_id, talk in rows:
        found.setdefault(community_id, []).append((post_id, talk))
    return {pk: sorted(posts, key=lambda item: -item[1])[:DISCUSSED] for pk, posts in found.items()}


def contents(user, period: Period, talk: dict[int, list[tuple[int, int]]] | None = None) -> Contents:
    """What goes in: new posts on the member's planet, the most discussed posts in their
    communities (from community_talk), and approved comments on their posts they have not
    answered yet."""
    window = Q(published_at__gte=period.since, published_at__lt=period.start)
    new = Post.objects.published().exclude(author=user).filter(window, checked(user)).for_list()
    new_posts = list(new[: SHOWN + 1])
    more = new.count() - SHOWN if len(new_posts) > SHOWN else 0
    talk = community_talk(period) if talk is None else talk
    counts: dict[int, int] = {}
    for community_id in Membership.objects.filter(user=user).values_list("community_id", flat=True):
        for post_id, comments in talk.get(community_id, ()):
            counts[post_id] = comments
    top = sorted(counts, key=lambda pk: -counts[pk])[:DISCUSSED]
    discussed = list(Post.objects.filter(pk__in=top).select_related("author__profile")) if top else []
    for post in discussed:
        post.talk = counts[post.pk]
    discussed.sort(key=lambda post: (-post.talk, -post.published_at.timestamp()))
    answered = Comment.objects.filter(parent=OuterRef("pk"), author=user)
    unanswered = list(
        Comment.objects.approved()
        .filter(post__author=user, post__in=Post.objects.published(), created__lt=period.start)
        .filter(created__gte=period.start - timedelta(days=30))
        .exclude(author=user)
        .exclude(Exists(answered))
        .select_related("post", "author__profile")
        .order_by("-created")[:SHOWN]
    )
    return Contents(new_posts[:SHOWN], more, discussed, unanswered)


def render(user, period: Period, found: Contents, site_url: str) -> EmailMultiAlternatives:
    with translation.override(user.profile.language):
        context = {
            "person": user,
            "period": period,
            "since": period.since,
            "until": period.start - timedelta(seconds=1),
            "weekly": period.frequency == Digest.WEEKLY,
            "found": found,
            "site_url": site_url,
            "unsubscribe": unsubscribing.url(site_url, user, unsubscribing.DIGEST),
            "settings_url": site_url + "/me/notifications/settings/",
        }
        subject = _("สรุปความเคลื่อนไหวประจำสัปดาห์จาก kmblog") if context["weekly"] else _("สรุปความเคลื่อนไหววันนี้จาก kmblog")
        text = render_to_string("network/mail/digest.txt", context)
        html = render_to_string("network/mail/digest.html", context)
    message = EmailMultiAlternatives(
        subject, text, None, [user.email], headers=unsubscribing.headers(site_url, user, unsubscribing.DIGEST)
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver(user_id: int, period: Period, site_url: str, now: datetime, talk=None) -> bool:
    """Claim, make and send one member's digest; True if a mail left now."""
    claimed = (
        DigestDelivery.objects.filter(user_id=user_id, period=period.key, sent_at=None)
        .filter(Q(claimed_at=None) | Q(claimed_at__lt=now - timedelta(seconds=settings.DIGEST_CLAIM_SECONDS)))
        .update(claimed_at=now)
    )
    if not claimed:
        return False  # sent already, or another worker is on it
    done = DigestDelivery.objects.filter(user_id=user_id, period=period.key)
    user = get_user_model().objects.select_related("profile").get(pk=user_id)
    found = contents(user, period, talk)
    if found.empty or not deliverable(user.email):
        done.update(sent_at=timezone.now(), empty=found.empty)
        return False
    try:
        sent = send_once(f"digest:{period.key}:to:{user_id}", render(user, period, found, site_url))
    except Exception:
        done.update(claimed_at=None)  # let the retry (or the next run) have it at once
        raise
    done.update(sent_at=timezone.now())
    return sent


def due(period: Period):
    """Members whose digest for this period has not gone out."""
    chosen = Preferences.objects.filter(digest=period.frequency).values("user_id")
    members = get_user_model().objects.filter(is_active=True).exclude(email="")
    if period.frequency == Digest.WEEKLY:  # the default: everyone who never chose otherwise
        members = members.filter(Q(pk__in=chosen) | ~Q(pk__in=Preferences.objects.values("user_id")))
    else:
        members = members.filter(pk__in=chosen)
    sent = DigestDelivery.objects.filter(period=period.key).exclude(sent_at=None).values("user_id")
    return members.exclude(pk__in=sent)


def send_due(now: datetime, site_url: str) -> int:
    sent = 0
    for frequency in (Digest.DAILY, Digest.WEEKLY):
        period = current_period(now, frequency)
        ids = list(due(period).order_by("pk").values_list("pk", flat=True))
        DigestDelivery.objects.bulk_create(
            [DigestDelivery(user_id=pk, period=period.key) for pk in ids], ignore_conflicts=True, batch_size=1000
        )
        talk = community_talk(period) if ids else {}
        for pk in ids:
            sent += deliver(pk, period, site_url, now, talk)
    return sent
