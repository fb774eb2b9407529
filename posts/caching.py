"""Serving anonymous readers from the cache (reads are counted in posts/reads.py).

Only anonymous readers without a session or a pending message are served from
the cache: members, and guests who just commented, always get a fresh page.
A cached page is keyed by host, language and full path (a site with several
ALLOWED_HOSTS never serves one host's canonical URLs to another).

Invalidation by version numbers, never by finding and deleting pages:
- "site": bumped by anything that shows on many pages (a post published,
  edited or deleted, a blog, series, tag or profile changed). Rare.
- one version per topic a page shows, bumped by what changes that topic. A
  comment changes its post's page and the comment counts on the lists the post
  appears on: home, its blog, its author's page, its tags' pages. So while
  people comment, every other post page stays cached.
A page is stored with the versions it was rendered under and served only while
all of them are current. Every cache call is a network round trip to a shared
cache, so a cached page costs two: one get_many for the page and its versions
together, and one HINCRBY for the read.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language

SITE = "site"
Topics = Callable[..., Iterable[str]]


def _version_key(topic: str) -> str:
    # Hashed: topics come from URLs (a username, a tag), which a stranger can make long.
    return f"page-version:{hashlib.sha256(topic.encode()).hexdigest()[:32]}"


def _version_timeout() -> int:
    """Versions outlive the pages they guard, then expire.

    A stranger can ask for any number of made-up topics (/people/<anything>/);
    with no expiry each would stay in the cache for good. A version made again
    after it expired is newer than any page stored under the old one.
    """
    return max(2 * settings.PAGE_CACHE_SECONDS, 60)


def _new_version() -> int:
    # Milliseconds: a version made again after eviction is newer than any stored page's.
    return int(time.time() * 1000)


def _current_versions(found: dict, topics: list[str]) -> tuple[int, ...]:
    versions = []
    for topic in topics:
        version = found.get(_version_key(topic))
        if version is None:
            cache.add(_version_key(topic), _new_version(), _version_timeout())
            version = cache.get(_version_key(topic))
        versions.append(version)
    return tuple(versions)


def content_version() -> int:
    """The site-wide version, for caches of things any content change may alter (popular tags)."""
    return _current_versions(cache.get_many([_version_key(SITE)]), [SITE])[0]


def bump(topics: Iterable[str]) -> None:
    for topic in set(topics):
        try:
            cache.incr(_version_key(topic))
        except ValueError:  # never read yet, or evicted: any new value is newer
            cache.set(_version_key(topic), _new_version(), _version_timeout())


def content_changed(**kwargs) -> None:
    """Signal receiver (and plain function): every cached page is now stale."""
    bump([SITE])


def post_topic(number: int) -> str:
    return f"post:{number}"


def comments_changed(post_ids: Iterable[int]) -> None:
    """Comments of these posts changed: their pages and the lists showing their comment counts."""
    from communities.models import SharedPost
    from posts.models import Post

    ids = set(post_ids)
    topics = ["home"]
    for number, blog_id, username in Post.objects.filter(pk__in=ids).values_list(
        "number", "blog_id", "author__username"
    ):
        topics += [post_topic(number), f"blog:{blog_id}", f"person:{username}"]
    tagged = Post.tags.through.objects.filter(content_object_id__in=ids).values_list("tag__slug", flat=True)
    topics += [f"tag:{slug}" for slug in tagged]
    # Communities the posts are shared in: their "กำลังคุยกัน" order changes.
    shared = SharedPost.objects.filter(post_id__in=ids).values_list("community__slug", flat=True)
    topics += [f"community:{slug}" for slug in shared]
    bump(topics)


def _comment_changed(sender, instance, **kwargs) -> None:
    comments_changed([instance.post_id])


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_readers(view: Callable[..., HttpResponse] | None = None, *, topics: Topics | None = None):
    """Serve anonymous readers from the cache; everyone else gets a fresh, private page.

    `topics(request, *args, **kwargs)` names what the page shows beyond the
    site-wide content (for example ["post:42"]); without it the page depends on
    the site version alone. Usable as @cache_for_readers or @cache_for_readers(topics=...).
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _cacheable(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            page_topics = [SITE, *(topics(request, *args, **kwargs) if topics else ())]
            # Hashed: any client-chosen query string makes a short key of one shape.
            address = f"{request.get_host()}|{get_language()}|{request.get_full_path()}"
            key = f"page:{hashlib.sha256(address.encode()).hexdigest()}"
            found = cache.get_many([key, *map(_version_key, page_topics)])
            versions = _current_versions(found, page_topics)
            stored_versions, response = found.get(key, (None, None))
            if stored_versions == versions:
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                patch_cache_control(response, public=True, max_age=0)
                set_response_etag(response)  # once, not on every hit (ConditionalGetMiddleware keeps it)
                cache.set(key, (versions, response), settings.PAGE_CACHE_SECONDS)
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


def connect_signals() -> None:
    """Every model whose rows readers see bumps a version when it changes."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from comments.models import Comment
    from communities.models import Community, CommunityBlog, Membership, SharedPost
    from posts.models import Blog, Post, Series
    from profiles.models import Profile
    from tags.models import Tag

    # Community rows show on several pages (a profile lists its communities, a
    # post page the communities it is in) and change rarely: any change is site-wide.
    for model in (Post, Blog, Series, Profile, Tag, Community, Membership, SharedPost, CommunityBlog):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"caching.saved.{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"caching.deleted.{model.__name__}")
    post_save.connect(_comment_changed, sender=Comment, dispatch_uid="caching.saved.Comment")
    post_delete.connect(_comment_changed, sender=Comment, dispatch_uid="caching.deleted.Comment")
    for through in (Post.tags.through, Profile.roles.through, Community.tags.through):
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"caching.m2m.{through.__name__}")
