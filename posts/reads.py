"""Counting reads of posts without a database write per view where that matters.

Two ways, chosen by the cache the site runs with:

- With a shared Redis cache (production, several app servers): a read is one
  HINCRBY on a single hash of pending reads, field = post number. A flush
  takes the whole hash with one atomic Redis script (read it and delete it)
  and adds the counts to the posts in one transaction; if the database write
  fails, the counts go back into the hash. Every read lands in exactly one
  taken hash, whatever interleaves: there is no registration step that a
  concurrent flush could slip between (the cause of reads never written).
  What the cache loses (Redis restarted without persistence) are the reads
  since the last flush, and only those. The flush is a periodic job
  (posts.tasks.flush_read_counts, every READ_COUNT_FLUSH_SECONDS), run by the
  task worker once per period however many app servers and workers there are.
- Without a shared cache (the embedded default, one process): the cache is
  this process's memory and dies with it, so each read is written at once,
  one UPDATE ... SET read_count = read_count + 1. Reads survive restarts.
"""

from contextlib import nullcontext

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import F

from kmblog.cache import RedisCache

PENDING = "reads:pending"
FLUSH_LOCK = "reads:flush-lock"


def _shared() -> bool:
    return isinstance(caches["default"], RedisCache)


def _add_to_posts(counts: dict[int, int]) -> None:
    """One UPDATE per post, all in one transaction (a single UPDATE is one by itself)."""
    from posts.models import Post

    with transaction.atomic() if len(counts) > 1 else nullcontext():
        for number, reads in sorted(counts.items()):
            Post.objects.filter(number=number).update(read_count=F("read_count") + reads)


def count_read(number: int) -> None:
    """One more read of post `number`."""
    if not _shared():
        _add_to_posts({number: 1})
        return
    cache.hincr(PENDING, str(number), 1)


def pending_reads(number: int) -> int:
    """Reads counted but not yet in the database (added to the count a page shows)."""
    return cache.hget_int(PENDING, str(number)) if _shared() else 0


def flush_reads() -> int:
    """Add the pending reads to the posts' read counts; returns how many reads were written."""
    if not _shared():
        return 0
    if not cache.add(FLUSH_LOCK, 1, 60):
        return 0  # another process is flushing; the next flush takes what it leaves
    try:
        counts = {int(number): reads for number, reads in cache.htake(PENDING).items() if reads > 0}
        if not counts:
            return 0
        try:
            _add_to_posts(counts)
        except Exception:
            for number, reads in counts.items():  # put them back: counted once, later
                cache.hincr(PENDING, str(number), reads)
            raise
        return sum(counts.values())
    finally:
        cache.delete(FLUSH_LOCK)
