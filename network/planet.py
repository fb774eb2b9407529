"""The planet (แพลนเน็ต): the newest posts from everything a member follows and every community
they joined, each post once, their own left out.

Built when read (fan-out on read), in one of two ways chosen per member by a cheap probe:
- a small planet (at most PROBE posts) is gathered through each source's own index
  (posts by author or blog, tag links, community shares; see probe) and sorted;
- a large one is read newest first from the posts' own order, each post checked
  against the member's follows with index lookups; the page fills after a few rows.
Each way alone is slow for the other kind of member (measured in benchmarks/planet.py;
the note of issue 15 has the figures and why copying posts into each follower's list
at publication was not chosen).
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.db.models.lookups import GreaterThan

from communities.models import Membership, SharedPost
from network.models import Follow
from posts.models import Post, PostQuerySet
from tags.models import TaggedPost

PROBE = 1000
LARGE_FOLLOWS = 200
LARGE_SECONDS = 24 * 3600  # a planet rarely shrinks; a stale choice costs time, not correctness


def _communities(user) -> Q:
    """The communities whose posts reach the planet: joined or followed (not hidden)."""
    followed = Follow.objects.filter(follower=user, community__isnull=False).values("community_id")
    joined = Membership.objects.filter(user=user).values("community_id")
    return (Q(community_id__in=followed) | Q(community_id__in=joined)) & Q(removed_at=None, community__is_hidden=False)


def sources(user, follows: list[tuple]) -> list[Q]:
    """The planet's posts as up to three indexed conditions, none for what the member does not
    follow: by people or blogs, by tags, by community shares. `follows` are the member's
    (user, blog, tag, community) rows, read first, so each condition carries its own list of
    ids and the database plans it knowing its size: asked as subqueries, PostgreSQL may scan
    every post to find none."""
    people, blogs, tags, communities = ({row[n] for row in follows} - {None} for n in range(4))
    found = []
    if people or blogs:
        found.append(Q(author_id__in=sorted(people)) | Q(blog_id__in=sorted(blogs)))
    if tags:
        found.append(Q(pk__in=TaggedPost.objects.filter(tag_id__in=sorted(tags)).values("content_object_id")))
    joined = Membership.objects.filter(user=user).values("community_id")
    shared = SharedPost.objects.filter(removed_at=None, community__is_hidden=False).filter(
        Q(community_id__in=sorted(communities)) | Q(community_id__in=joined)
    )
    found.append(Q(pk__in=shared.values("post_id")))
    return found


def probe(posts: PostQuerySet, user) -> list[int] | None:
    """The ids of the planet's posts if there are at most PROBE of them, else None.

    A member who follows LARGE_FOLLOWS things or more has a large planet: no need to look.
    Otherwise source by source, each query stopping at PROBE + 1 rows: asked together,
    PostgreSQL would first hash every post of every followed tag and community.
    """
    follows = list(
        Follow.objects.filter(follower=user).values_list("user_id", "blog_id", "tag_id", "community_id")[:LARGE_FOLLOWS]
    )
    if len(follows) >= LARGE_FOLLOWS:
        return None
    found: set[int] = set()
    for source in sources(user, follows):
        found.update(posts.filter(source).order_by().values_list("pk", flat=True)[: PROBE + 1])
        if len(found) > PROBE:
            return None
    return list(found)


def checked(user) -> Q:
    """The same posts as a check on each row (for reading a large planet in the posts' own order).

    Each check also compares the outer post with a constant (always true): PostgreSQL would
    otherwise turn the checks into hash tables of every followed tag's and community's
    posts, built in full before the first row; this way each row costs a few index lookups.
    """
    follows = Follow.objects.filter(follower=user)
    followed_tags = follows.exclude(tag=None).values("tag_id")
    per_row = GreaterThan(OuterRef("pk"), 0)
    return Q(
        Exists(follows.filter(per_row, user_id=OuterRef("author_id")))
        | Exists(follows.filter(per_row, blog_id=OuterRef("blog_id")))
        | Exists(TaggedPost.objects.filter(per_row, content_object_id=OuterRef("pk"), tag_id__in=followed_tags))
        | Exists(SharedPost.objects.filter(_communities(user), per_row, post_id=OuterRef("pk")))
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
        ids = probe(base, user)
        if ids is None:
            cache.set(large, True, LARGE_SECONDS)
        else:
            posts = Post.objects.filter(pk__in=ids)
    if posts is None:
        posts = base.filter(checked(user))
    return posts.by_discussion() if discussed else posts.order_by("-published_at", "-pk")
