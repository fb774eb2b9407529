"""After a post is saved, also: remember which uploads it uses (the library shows where)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from media.models import MediaFile
from media.rendering import file_names
from posts.models import Post


@receiver(post_save, sender=Post, dispatch_uid="media.post_uses")
def record_use(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    names = file_names(instance.body)
    used = list(MediaFile.objects.filter(file__in=names).values_list("pk", flat=True)) if names else []
    instance.media_files.set(used)
