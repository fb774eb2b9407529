"""Posts related to a post: shared tags first, then the most similar text."""

from django.core.cache import cache
from django.db.models import Count

from posts.html import plain_text
from posts.models import Post
from search import engines
from search.keywords import keywords
from search.query import Query
from search.text import tokens

HOW_MANY = 5
CACHE_SECONDS = 3600


def related_ids(post: Post) -> list[int]:
    """Cached per post version, so a busy post costs its readers no extra queries."""
    key = f"related:{post.pk}:{post.updated_at.timestamp()}"
    ids = cache.get(key)
    if ids is None:
        ids = _related_ids(post)
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def _related_ids(post: Post) -> list[int]:
    tag_ids = [tag.pk for tag in post.tags.all()]
    by_tags = list(
        Post.objects.published()
        .filter(tagged_items__tag_id__in=tag_ids)
        .exclude(pk=post.pk)
        .annotate(shared=Count("tagged_items"))
        .order_by("-shared", "-published_at")
        .values_list("pk", flat=True)[:HOW_MANY]
    )
    if len(by_tags) >= HOW_MANY:
        return by_tags
    words = [tokens(word) for word in keywords(post.title, f"{post.lead} {plain_text(post.body)}", limit=6)]
    query = Query(phrases=[w for w in words if w], match_any=True)
    if query.is_empty:
        return by_tags
    found = engines.search(query, filters=engines.Filters(), newest_first=False, offset=0, limit=HOW_MANY * 2)
    by_text = [pk for pk in found.ids if pk != post.pk and pk not in by_tags]
    return (by_tags + by_text)[:HOW_MANY]


def related_posts(post: Post) -> list[Post]:
    ids = related_ids(post)
    shown = Post.objects.published().filter(pk__in=ids).select_related("blog", "author__profile")
    # Only what the list shows: whole rows would carry five post bodies and every profile field.
    shown = shown.only("number", "title", "blog__title", "author__username", "author__profile__display_name")
    posts = {p.pk: p for p in shown}
    return [posts[pk] for pk in ids if pk in posts]
