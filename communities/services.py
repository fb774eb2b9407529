"""Actions on communities that touch several rows: memberships, counts, shares.

Views check who may act (communities/permissions.py) and call these; each
keeps the community's counts right in the same transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community, CommunityBlog, Invitation, JoinPolicy, JoinRequest, Membership, SharedPost
from communities.signals import post_taken_out, request_answered
from posts.caching import content_changed
from posts.models import Post


class CommunityError(Exception):
    """An action that cannot be done; its message is for the person who tried."""


def refresh_counts(community_id: int) -> None:
    """Members, and published posts shared and not taken out."""
    members = Membership.objects.filter(community_id=community_id).count()
    posts = Post.objects.published().filter(
        community_shares__community_id=community_id, community_shares__removed_at=None
    )
    Community.objects.filter(pk=community_id).update(member_count=members, post_count=posts.count())


def touch(community_id: int, when=None) -> None:
    """Something happened in the community: it moves up in "recent activity"."""
    when = when or timezone.now()
    Community.objects.filter(pk=community_id, last_activity_at__lt=when).update(last_activity_at=when)


def post_discussed(post_id: int, when) -> None:
    """A comment was approved on a post: every community it is shared in is active."""
    if when is not None:
        ids = SharedPost.objects.active().filter(post_id=post_id).values("community_id")
        Community.objects.filter(pk__in=ids, last_activity_at__lt=when).update(last_activity_at=when)


def may_create(user) -> bool:
    """Strangers can sign up and create: at most COMMUNITY_CREATE_PER_DAY communities a day each (editors: any)."""
    if user.is_staff:
        return True
    since = timezone.now() - timedelta(days=1)
    return Community.objects.filter(owner=user, created__gte=since).count() < settings.COMMUNITY_CREATE_PER_DAY


def create(community: Community, owner, tags=()) -> Community:
    """A new community; its founder is its first facilitator."""
    with transaction.atomic():
        community.owner = owner
        community.slug = community.make_slug()
        community.save()
        if tags:
            community.tags.set(list(tags))
        Membership.objects.create(community=community, user=owner, role=Membership.Role.FACILITATOR)
        refresh_counts(community.pk)
    return community


def _add_member(community: Community, user, role=Membership.Role.MEMBER) -> Membership:
    membership, _created = Membership.objects.get_or_create(community=community, user=user, defaults={"role": role})
    JoinRequest.objects.filter(community=community, user=user).delete()
    Invitation.objects.filter(community=community, user=user).delete()
    refresh_counts(community.pk)
    touch(community.pk)
    return membership


def join(community: Community, user, message: str = "") -> str:
    """The join button: joins, asks, or accepts an invitation. Returns "joined" or "requested"."""
    with transaction.atomic():
        if Membership.objects.filter(community=community, user=user).exists():
            return "joined"
        invited = Invitation.objects.filter(community=community, user=user).exists()
        if community.join_policy == JoinPolicy.OPEN or invited:
            _add_member(community, user)
            return "joined"
        if community.join_policy == JoinPolicy.REQUEST:
            JoinRequest.objects.get_or_create(community=community, user=user, defaults={"message": message[:500]})
            return "requested"
        raise CommunityError(_("ชุมชนนี้รับสมาชิกเฉพาะผู้ได้รับเชิญ"))


def approve(join_request: JoinRequest, by=None) -> Membership:
    with transaction.atomic():
        membership = _add_member(join_request.community, join_request.user)
        request_answered.send(Community, join_request=join_request, approved=True, by=by)
    return membership


def refuse(join_request: JoinRequest, by=None) -> None:
    with transaction.atomic():
        request_answered.send(Community, join_request=join_request, approved=False, by=by)
        join_request.delete()


def invite(community: Community, user, by) -> Invitation:
    if Membership.objects.filter(community=community, user=user).exists():
        raise CommunityError(_("%(name)s เป็นสมาชิกอยู่แล้ว") % {"name": user.profile})
    invitation, _created = Invitation.objects.get_or_create(community=community, user=user, defaults={"invited_by": by})
    return invitation


def facilitators(community: Community):
    return Membership.objects.filter(community=community, role=Membership.Role.FACILITATOR)


def leave(community: Community, user, successor=None) -> None:
    """A member leaves; what they shared stays. The last facilitator must name another first."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(community=community, user=user).first()
        if membership is None:
            return
        if membership.is_facilitator and not facilitators(community).exclude(user=user).exists():
            if successor is None:
                raise CommunityError(_("คุณเป็นผู้ดูแลคนสุดท้าย เลือกสมาชิกที่จะดูแลต่อก่อนออกจากชุมชน"))
            set_role(community, successor, Membership.Role.FACILITATOR)
        membership.delete()
        if community.owner_id == user.pk:
            Community.objects.filter(pk=community.pk).update(owner=successor or facilitators(community).first().user)
        refresh_counts(community.pk)


def remove_member(community: Community, user) -> None:
    """A facilitator removes a member (not the last facilitator)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(community=community, user=user).first()
        if membership is None:
            return
        if membership.is_facilitator and not facilitators(community).exclude(user=user).exists():
            raise CommunityError(_("ชุมชนต้องมีผู้ดูแลอย่างน้อยหนึ่งคน"))
        membership.delete()
        refresh_counts(community.pk)


def set_role(community: Community, user, role: str) -> None:
    """Make a member a facilitator, or a facilitator a member again (never the last one)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(community=community, user=user).first()
        if membership is None:
            raise CommunityError(_("%(name)s ไม่ได้เป็นสมาชิกของชุมชนนี้") % {"name": user.profile})
        if (
            role == Membership.Role.MEMBER
            and membership.is_facilitator
            and not facilitators(community).exclude(user=user).exists()
        ):
            raise CommunityError(_("ชุมชนต้องมีผู้ดูแลอย่างน้อยหนึ่งคน"))
        membership.role = role
        membership.save(update_fields=["role"])


def share(post: Post, community: Community, by) -> SharedPost | None:
    """Share a post into a community. A post a facilitator took out is not put back this way."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                shared = SharedPost.objects.create(community=community, post=post, shared_by=by)
        except IntegrityError:
            return None  # already there, or taken out by a facilitator
        refresh_counts(community.pk)
        if post.is_published:
            touch(community.pk, post.published_at)
    return shared


def unshare(shared: SharedPost, by, reason: str) -> None:
    """A facilitator takes a post out of the community; the author sees why. The post stays on its blog."""
    with transaction.atomic():
        taken = SharedPost.objects.filter(pk=shared.pk, removed_at=None).update(
            removed_at=timezone.now(), removed_by=by, removed_reason=reason[:500]
        )
        refresh_counts(shared.community_id)
        if taken:
            post_taken_out.send(SharedPost, shared=shared, by=by, reason=reason)
    content_changed()  # an UPDATE sends no signal: the cached pages that showed the post are stale


def share_published(post: Post) -> None:
    """A post was published: share it into the communities its blog is joined to (its author a member).

    Called on every save of a published post (communities/signals.py), which
    then recounts every community the post is in; here only what is new moves
    its community up in recent activity.
    """
    links = CommunityBlog.objects.filter(blog_id=post.blog_id, community__memberships__user_id=post.author_id)
    for community_id in links.values_list("community_id", flat=True):
        _shared, created = SharedPost.objects.get_or_create(
            community_id=community_id, post=post, defaults={"shared_by_id": post.author_id}
        )
        if created:
            touch(community_id, post.published_at)


def link_blog(community: Community, blog, by) -> CommunityBlog:
    link, _created = CommunityBlog.objects.get_or_create(community=community, blog=blog, defaults={"joined_by": by})
    return link


def unlink_blog(community: Community, blog) -> None:
    CommunityBlog.objects.filter(community=community, blog=blog).delete()
