"""Appreciation shows on the post page: a change makes its cached copies stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.models import Appreciation
from posts.caching import bump, post_topic


@receiver(post_save, sender=Appreciation, dispatch_uid="network.appreciation_saved")
@receiver(post_delete, sender=Appreciation, dispatch_uid="network.appreciation_deleted")
def appreciation_changed(sender, instance: Appreciation, **kwargs) -> None:
    bump([post_topic(instance.post.number)])
