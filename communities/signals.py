"""Keeping communities right when posts change elsewhere; and what communities tell other apps."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from communities.models import SharedPost
from posts.models import Post

# A facilitator answered a join request (join_request, approved: bool, by: the facilitator or None).
request_answered = Signal()
# A facilitator took a post out of a community (shared, by, reason).
post_taken_out = Signal()


@receiver(post_save, sender=Post, dispatch_uid="communities.post_saved")
def post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    """Published: share into the communities its blog is joined to. Any change: recount where it is shared."""
    from communities import services

    if raw:
        return
    if instance.status == Post.Status.PUBLISHED:
        services.share_published(instance)
    for community_id in SharedPost.objects.filter(post=instance).values_list("community_id", flat=True):
        services.refresh_counts(community_id)


@receiver(post_delete, sender=SharedPost, dispatch_uid="communities.share_deleted")
def share_deleted(sender, instance: SharedPost, **kwargs) -> None:
    from communities import services

    services.refresh_counts(instance.community_id)
