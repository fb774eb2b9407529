from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from network.models import Preferences
from network.planet import planet_posts
from posts.feeds import PostFeed


class PlanetFeed(PostFeed):
    """A member's planet, for feed readers, when they chose to share it."""

    def get_object(self, request, username: str):
        person = get_object_or_404(
            get_user_model().objects.select_related("profile"), username=username, is_active=True
        )
        if not Preferences.of(person).planet_public:
            raise Http404
        return person

    def title(self, person) -> str:
        return _("แพลนเน็ตของ %(name)s · kmblog") % {"name": person.profile}

    def subtitle(self, person) -> str:
        return _("บันทึกใหม่จากสมาชิก สมุดบันทึก คำสำคัญ และชุมชนที่ %(name)s ติดตาม") % {"name": person.profile}

    description = subtitle

    def link(self, person) -> str:
        return reverse("network:public_planet", kwargs={"username": person.username})

    def posts(self, person):
        return planet_posts(person)
