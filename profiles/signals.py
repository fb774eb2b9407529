from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from profiles.models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="profiles.create_profile")
def create_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every account has a profile, so pages can show an author card without checks."""
    if created and not raw:
        Profile.objects.get_or_create(
            user=instance,
            defaults={"display_name": instance.get_full_name() or instance.get_username()},
        )
