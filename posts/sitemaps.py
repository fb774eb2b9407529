from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q

from posts.models import Blog, Post


def published_filter(prefix: str) -> Q:
    """Published posts, seen from a related model (a blog, a person, a tag link)."""
    live = Post.objects.published()
    return Q(**{f"{prefix}__in": live})


class PostSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Post.objects.published().only("number", "updated_at", "published_at").order_by("-published_at")

    def lastmod(self, post: Post):
        return max(post.updated_at, post.published_at)


class BlogSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Blog.objects.annotate(latest=Max("posts__published_at", filter=published_filter("posts")))
            .filter(latest__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, blog: Blog):
        return blog.latest
