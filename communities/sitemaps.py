from django.contrib.sitemaps import Sitemap

from communities.models import Community


class CommunitySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Community.objects.listed().order_by("pk")

    def lastmod(self, community: Community):
        return community.last_activity_at
