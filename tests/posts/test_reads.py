"""Read counts: every read written to the database exactly once, whatever interleaves.

Under load, 5,131 reads of one post once ended as 0 in the database: a flush
ran between a reader registering the post and writing its registration, and
the post was never queued again. Pending reads now sit in one Redis hash that
a flush takes atomically.
"""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from posts import reads
from posts.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db


def flush() -> None:
    call_command("flush_read_counts", stdout=StringIO())


def read_count(post: Post) -> int:
    return Post.objects.get(pk=post.pk).read_count


def test_without_a_shared_cache_each_read_is_written_at_once_and_survives_a_restart(client, blog):
    post = make_post(blog)
    for _ in range(4):
        client.get(post.get_absolute_url())
    from django.core.cache import cache

    cache.clear()  # the process restarts: its memory is gone
    assert read_count(post) == 4


def test_with_redis_reads_wait_for_a_flush_and_are_written_once(client, blog, redis_cache):
    post = make_post(blog)
    for _ in range(5):
        client.get(post.get_absolute_url())
    assert read_count(post) == 0  # no write per view
    assert reads.pending_reads(post.number) == 5  # a freshly rendered page adds these
    flush()
    assert read_count(post) == 5
    flush()
    assert read_count(post) == 5  # never counted twice


def test_the_periodic_job_flushes_the_reads(client, blog, redis_cache, settings, run_tasks):
    """No request flushes any more: the worker's periodic job does, once per period."""
    settings.PERIODIC_TASKS = {"posts.tasks.flush_read_counts": 60}
    post = make_post(blog)
    for _ in range(3):
        client.get(post.get_absolute_url())
    assert read_count(post) == 0
    call_command("run_schedule", stdout=StringIO())  # what the worker does on each beat
    call_command("run_schedule", stdout=StringIO())  # the same period: nothing more queued
    run_tasks()
    assert read_count(post) == 3


def test_a_read_during_a_flush_is_written_by_the_next_one(client, blog, redis_cache, monkeypatch):
    """The interleaving that lost reads: a reader arriving while the flush works."""
    post, other = make_post(blog), make_post(blog)
    for _ in range(3):
        reads.count_read(post.number)
    add = reads._add_to_posts

    def add_while_readers_arrive(counts):
        reads.count_read(post.number)  # a reader of a post being flushed
        reads.count_read(other.number)  # the first reader of a post not yet pending
        add(counts)
        reads.count_read(post.number)

    monkeypatch.setattr(reads, "_add_to_posts", add_while_readers_arrive)
    flush()
    monkeypatch.undo()
    assert (read_count(post), read_count(other)) == (3, 0)
    flush()
    assert (read_count(post), read_count(other)) == (5, 1)
    reads.count_read(other.number)  # and the post keeps being counted afterwards
    flush()
    assert (read_count(post), read_count(other)) == (5, 2)


def test_a_failed_database_write_puts_the_reads_back(blog, redis_cache, monkeypatch):
    post = make_post(blog)
    for _ in range(3):
        reads.count_read(post.number)

    def database_down(counts):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(reads, "_add_to_posts", database_down)
    with pytest.raises(RuntimeError):
        reads.flush_reads()
    monkeypatch.undo()
    assert reads.flush_reads() == 3 and read_count(post) == 3


@pytest.mark.django_db(transaction=True)
def test_many_readers_and_flushes_at_once_end_in_the_exact_count(blog, redis_cache):
    posts = [make_post(blog) for _ in range(3)]
    readers, reads_each, errors = 6, 300, []
    done = threading.Event()

    def reader(n: int) -> None:
        try:
            for i in range(reads_each):
                reads.count_read(posts[(n + i) % 3].number)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    def flusher() -> None:
        try:
            while not done.is_set():
                reads.flush_reads()
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    flushers = [threading.Thread(target=flusher) for _ in range(2)]
    workers = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in flushers + workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    done.set()
    for thread in flushers:
        thread.join(timeout=120)
    reads.flush_reads()
    assert not errors
    assert sum(read_count(post) for post in posts) == readers * reads_each
    assert [read_count(post) for post in posts] == [readers * reads_each // 3] * 3
