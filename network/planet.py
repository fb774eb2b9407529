"""The planet (แพลนเน็ต): the newest posts from everything a member follows and every community
they joined, each post once, their own left out.

Built when read (fan-out on read), in one of two ways chosen per member by a cheap probe:
- a small planet (at most PROBE posts) is gathered through each source's own index
  (posts by author or blog, tag links, community shares) and sorted;
- a large one is read newest first from the posts' own order, each post checked
  against the member's follows with index lookups; the page fills after a few rows.
Each way alone is slow for the other kind of member (measured in benchmarks/planet.py;
the note of issue 15 has the figures and why copying posts into each follower's list
at publication was not chosen).
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q

from communities.models import Membership, SharedPost
from network.models import Follow
from posts.models import Post, PostQuerySet
from tags.models import TaggedPost

PROBE = 1000
LARGE_SECONDS = 600


def _communities(user) -> Q:
    """The communities whose posts reach the planet: joined or followed (not hidden)."""
    followed = Follow.objects.filter(follower=user, community__isnull=False).values("community_id")
    joined = Membership.objects.filter(user=user).values("community_id")
    return (Q(community_id__in=followed) | Q(community_id__in=joined)) & Q(removed_at=None, community__is_hidden=False)


def gathered(user) -> Q:
    """Posts on the planet as a union of the four sources, each an indexed IN (for small planets)."""
    follows = Follow.objects.filter(follower=user)
    tagged = TaggedPost.objects.filter(tag_id__in=follows.exclude(tag=None).values("tag_id"))
    return (
        Q(author_id__in=follows.exclude(user=None).values("user_id"))
        | Q(blog_id__in=follows.exclude(blog=None).values("blog_id"))
        | Q(pk__in=tagged.values("content_object_id"))
        | Q(pk__in=SharedPost.objects.filter(_communities(user)).values("post_id"))
    )


def checked(user) -> Q:
    """The same posts as a check on each row (for reading a large planet in the posts' own order)."""
    follows = Follow.objects.filter(follower=user)
    followed_tags = follows.exclude(tag=None).values("tag_id")
    return Q(
        Exists(follows.filter(user_id=OuterRef("author_id")))
        | Exists(follows.filter(blog_id=OuterRef("blog_id")))
        | Exists(TaggedPost.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=followed_tags))
        | Exists(SharedPost.objects.filter(_communities(user), post_id=OuterRef("pk")))
    )


def planet_posts(user, *, discussed: bool = False) -> PostQuerySet:
    """Published posts on `user`'s planet, newest first (discussed: by latest approved comment).

    Which way to read it is remembered for a while (LARGE_SECONDS): a large planet stays
    large, and both ways give the same posts, so a stale choice costs time, never a wrong page.
    """
    base = Post.objects.published().exclude(author=user)
    if discussed:
        base = base.filter(last_comment_at__isnull=False)
    large = f"planet-large:{user.pk}:{int(discussed)}"
    posts = None
    if not cache.get(large):
        ids = list(base.filter(gathered(user)).order_by().values_list("pk", flat=True)[: PROBE + 1])
        if len(ids) <= PROBE:
            posts = Post.objects.filter(pk__in=ids)
        else:
            cache.set(large, True, LARGE_SECONDS)
    if posts is None:
        posts = base.filter(checked(user))
    return posts.by_discussion() if discussed else posts.order_by("-published_at", "-pk")
