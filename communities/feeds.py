"""A community's feed: the published posts shared in it, newest first."""

from django.shortcuts import get_object_or_404

from communities.models import Community
from posts.feeds import PostFeed
from posts.models import Post


class CommunityFeed(PostFeed):
    def get_object(self, request, slug: str) -> Community:
        return get_object_or_404(Community.objects.listed(), slug=slug)

    def title(self, community: Community) -> str:
        return f"{community.name} · kmblog"

    def subtitle(self, community: Community) -> str:
        return community.description or community.name

    description = subtitle

    def link(self, community: Community) -> str:
        return community.get_absolute_url()

    def posts(self, community: Community):
        return Post.objects.published().filter(community_shares__community=community, community_shares__removed_at=None)
