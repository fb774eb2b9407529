from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max

from posts.sitemaps import published_filter
from tags.models import Tag


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Tag.objects.annotate(
                uses=Count("tagged_posts", filter=published_filter("tagged_posts__content_object")),
                latest=Max(
                    "tagged_posts__content_object__published_at",
                    filter=published_filter("tagged_posts__content_object"),
                ),
            )
            .filter(uses__gt=0)
            .order_by("pk")
        )

    def lastmod(self, tag: Tag):
        return tag.latest
