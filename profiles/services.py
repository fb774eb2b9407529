"""Joining the site: one action that makes an account, its profile and a first blog."""

from django.contrib.auth import get_user_model
from django.db import transaction

from posts.models import Blog


def register_member(*, username: str, email: str, display_name: str, password: str, language: str = ""):
    """A new member, ready to write: the profile carries their name (and the language they
    joined in, for mail), and a first blog exists."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=username, email=email, password=password)
        user.profile.display_name = display_name
        user.profile.language = language or user.profile.language
        user.profile.save(update_fields=["display_name", "language"])
        Blog.create_first(user)
    return user
