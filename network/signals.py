"""After things happen elsewhere, also: refresh cached post pages, announce posts, notify people."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from communities.models import Invitation, JoinRequest
from communities.signals import post_taken_out, request_answered
from network import services
from network.models import Appreciation, Follow, Notification, Preferences
from posts.caching import bump, post_topic
from posts.models import Post

Kind = Notification.Kind


@receiver(post_save, sender=Appreciation, dispatch_uid="network.appreciation_saved")
@receiver(post_delete, sender=Appreciation, dispatch_uid="network.appreciation_deleted")
def appreciation_changed(sender, instance: Appreciation, **kwargs) -> None:
    bump([post_topic(instance.post.number)])


@receiver(post_save, sender=Appreciation, dispatch_uid="network.notify_appreciation")
def notify_appreciation(sender, instance: Appreciation, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        services.notify(
            instance.post.author,
            Kind.APPRECIATION,
            f"appreciation:{instance.post_id}:{instance.user_id}",
            actor=instance.user,
            post=instance.post,
            detail=instance.kind,
        )


@receiver(post_delete, sender=Appreciation, dispatch_uid="network.withdraw_appreciation")
def withdraw_appreciation(sender, instance: Appreciation, **kwargs) -> None:
    services.withdraw(key=f"appreciation:{instance.post_id}:{instance.user_id}")


@receiver(post_save, sender=Post, dispatch_uid="network.announce_post")
def announce_post(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    """Each save of a published post queues its announcement (new followers' notices, @mentions);
    the task does nothing it did before. A scheduled post is announced when it goes live."""
    from network.tasks import announce_post

    if raw or instance.status != Post.Status.PUBLISHED or instance.published_at is None:
        return
    if instance.published_at > timezone.now():
        announce_post.using(run_after=instance.published_at).enqueue(instance.pk)
    else:
        announce_post.enqueue(instance.pk)


@receiver(post_save, sender=JoinRequest, dispatch_uid="network.notify_join_request")
def notify_join_request(sender, instance: JoinRequest, created: bool, raw: bool = False, **kwargs) -> None:
    from communities.services import facilitators

    if created and not raw:
        services.notify_many(
            facilitators(instance.community).values_list("user_id", flat=True),
            Kind.COMMUNITY,
            f"join_request:{instance.pk}",
            actor=instance.user,
            community=instance.community,
            detail="request",
        )


@receiver(request_answered, dispatch_uid="network.notify_request_answered")
def notify_request_answered(sender, join_request: JoinRequest, approved: bool, by=None, **kwargs) -> None:
    services.withdraw(key=f"join_request:{join_request.pk}")  # answered: the facilitators' notices are done
    services.notify(
        join_request.user,
        Kind.COMMUNITY,
        f"join_answer:{join_request.pk}",
        actor=by,
        community=join_request.community,
        detail="approved" if approved else "refused",
    )


@receiver(post_save, sender=Invitation, dispatch_uid="network.notify_invitation")
def notify_invitation(sender, instance: Invitation, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        services.notify(
            instance.user,
            Kind.COMMUNITY,
            f"invitation:{instance.pk}",
            actor=instance.invited_by,
            community=instance.community,
            detail="invited",
        )


@receiver(post_taken_out, dispatch_uid="network.notify_post_taken_out")
def notify_post_taken_out(sender, shared, by=None, **kwargs) -> None:
    services.notify(
        shared.post.author,
        Kind.POST_REMOVED,
        f"post_removed:{shared.pk}",
        actor=by,
        post=shared.post,
        community=shared.community,
    )


@receiver(post_save, sender=Follow, dispatch_uid="network.follow_saved")
@receiver(post_delete, sender=Follow, dispatch_uid="network.follow_deleted")
def follow_changed(sender, instance: Follow, **kwargs) -> None:
    """Profiles, blogs and communities show follower counts: their cached copies are stale."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(pk__in=[instance.follower_id, instance.user_id])
    topics = [f"person:{username}" for username in people.values_list("username", flat=True)]
    if instance.blog_id:
        topics.append(f"blog:{instance.blog_id}")
    if instance.community_id:
        topics.append(f"community:{instance.community.slug}")
    bump(topics)


@receiver(post_save, sender=Preferences, dispatch_uid="network.preferences_saved")
def preferences_saved(sender, instance: Preferences, **kwargs) -> None:
    bump([f"person:{instance.user.username}"])  # the profile links a shared planet
