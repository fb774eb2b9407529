"""Serving anonymous readers from the cache, and counting reads without a write per view.

Pages: every change readers can see bumps one content version; cached pages
are keyed by it, so a new comment, an edit or a publish invalidates them all
at once without tracking which pages showed what. Only anonymous readers
without a session or a pending message are served from the cache: members,
and guests who just commented, always get a fresh page.

Reads: counted in the cache and written to the database in batches. A flush
takes each counter with decr, so reads arriving during a flush are kept for
the next one; nothing is counted twice. If the cache is lost, so are the reads
since the last flush, and only those.

Every cache call is a network round trip to a shared cache, so a cached page
costs two: one get_many for the content version and the page together, and one
incr for the read (kmblog.cache.RedisCache does Django's incr in one trip).
"""

import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver (and plain function): every cached page is now stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous readers from the cache; everyone else gets a fresh, private page.

    A page is stored with the content version it was rendered under, and served
    only while that version is current.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = f"page:{get_language()}:{request.get_full_path()}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        stored_version, response = found.get(key, (None, None))
        if stored_version == version:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            patch_cache_control(response, public=True, max_age=0)
            set_response_etag(response)  # once, not on every hit (ConditionalGetMiddleware keeps it)
            cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped


# Reads --------------------------------------------------------------------------

READS = "reads:{number}"
SLOT_COUNTER = "reads:slots"
SLOT = "reads:slot:{index}"
FLUSHED = "reads:flushed"
LAST_FLUSH = "reads:last-flush"
FLUSH_LOCK = "reads:flush-lock"

# When this process last asked the cache whether a flush is due (see _flush_if_due).
_last_flush_check = 0.0


def count_read(number: int) -> None:
    """One more read of post `number`, in the cache; flushed to the database later.

    Whoever takes a post's counter from 0 to 1 registers the post for the next
    flush; the flush registers it again when reads arrived while it ran.
    """
    key = READS.format(number=number)
    try:
        reads = cache.incr(key)
    except ValueError:  # no counter yet, or evicted
        reads = 1 if cache.add(key, 1, None) else cache.incr(key)
    if reads == 1:
        _register(number)
    _flush_if_due()


def _register(number: int) -> None:
    cache.add(SLOT_COUNTER, 0, None)
    cache.set(SLOT.format(index=cache.incr(SLOT_COUNTER)), number, None)


def _flush_if_due() -> None:
    """The on-request fallback when no scheduled flush is running.

    Each process asks the cache at most once a second (or on every request when
    the flush interval is shorter), not on every read.
    """
    global _last_flush_check
    now = time.time()
    if now - _last_flush_check < min(1.0, settings.READ_COUNT_FLUSH_SECONDS):
        return
    _last_flush_check = now
    if now - (cache.get(LAST_FLUSH) or 0) > settings.READ_COUNT_FLUSH_SECONDS:
        flush_reads()


def pending_reads(number: int) -> int:
    return cache.get(READS.format(number=number)) or 0


def flush_reads() -> int:
    """Add the counted reads to the posts' read counts; returns how many reads were written."""
    from posts.models import Post

    if not cache.add(FLUSH_LOCK, 1, 60):
        return 0  # another process is flushing
    written = 0
    try:
        cache.set(LAST_FLUSH, time.time(), None)
        last = cache.get(SLOT_COUNTER) or 0
        done = cache.get(FLUSHED) or 0
        slots = [SLOT.format(index=i) for i in range(done + 1, last + 1)]
        numbers = set(cache.get_many(slots).values())
        for number in sorted(numbers):
            key = READS.format(number=number)
            reads = cache.get(key) or 0
            if not reads:
                continue
            # Reads that arrive meanwhile stay for the next flush; their readers saw
            # a count above 1 and did not register the post, so register it here.
            if cache.decr(key, reads) > 0:
                _register(number)
            try:
                Post.objects.filter(number=number).update(read_count=F("read_count") + reads)
            except Exception:
                cache.incr(key, reads)  # put them back: counted once, later
                raise
            written += reads
        cache.delete_many(slots)
        cache.set(FLUSHED, last, None)
    finally:
        cache.delete(FLUSH_LOCK)
    return written


def connect_signals() -> None:
    """Every model whose rows readers see bumps the content version when it changes."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from comments.models import Comment
    from posts.models import Blog, Post, Series
    from profiles.models import Profile
    from tags.models import Tag

    for model in (Post, Blog, Series, Comment, Profile, Tag):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"caching.saved.{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"caching.deleted.{model.__name__}")
    for through in (Post.tags.through, Profile.roles.through):
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"caching.m2m.{through.__name__}")
