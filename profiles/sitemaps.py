from django.contrib.auth import get_user_model
from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from posts.sitemaps import published_filter


class PersonSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .annotate(latest=Max("posts__published_at", filter=published_filter("posts")))
            .filter(latest__isnull=False)
            .select_related("profile")
            .order_by("pk")
        )

    def location(self, person) -> str:
        return person.profile.get_absolute_url()

    def lastmod(self, person):
        return person.latest
