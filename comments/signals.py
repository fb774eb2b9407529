from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments import services
from comments.models import Comment


@receiver(post_save, sender=Comment, dispatch_uid="comments.count_on_save")
def count_on_save(sender, instance: Comment, raw: bool = False, **kwargs) -> None:
    """Any saved comment brings its post's count back in line."""
    if not raw:
        services.refresh_comment_count(instance.post_id)


@receiver(post_delete, sender=Comment, dispatch_uid="comments.count_on_delete")
def count_on_delete(sender, instance: Comment, origin=None, **kwargs) -> None:
    # When the post itself is being deleted its comments go with it: no count to keep.
    if isinstance(origin, Comment) or (hasattr(origin, "model") and origin.model is Comment):
        services.refresh_comment_count(instance.post_id)
