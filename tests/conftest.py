import os
import socket

import pytest
from django.core.cache import cache, caches

from tests.factories import make_blog, make_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back between tests,
    the cache (cached pages, counters) would not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def author(db):
    """A facilitator (คุณอำนวย) who writes posts."""
    return make_user("somchai", display_name="สมชาย ใจดี", organisation="กศน.อำเภอเมือง", province="นครศรีธรรมราช")


@pytest.fixture
def member(db):
    """Another member: reads and comments, owns nothing of the author's."""
    return make_user("malee", display_name="มาลี รักเรียน")


@pytest.fixture
def editor(db):
    """Staff who moderate in the admin."""
    return make_user("editor", display_name="บรรณาธิการ", staff=True)


@pytest.fixture
def blog(author):
    return make_blog(author, title="การส่งเสริมอาชีพโดยกระบวนการจัดการความรู้")


REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def redis_cache(settings):
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "kmblog.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"kmblog-test-{os.getpid()}",
        }
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def run_tasks(db, monkeypatch):
    """Run what is queued with the real worker (`db_worker --batch`), as production would.

    In this process, inside the test's transaction: the worker's habit of
    closing stale connections between tasks (as Django does between requests,
    which tests switch off too) would close the test's own connection.
    tests/jobs runs the worker as its own process, as in production.
    """
    import signal

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for number, handler in saved.items():
                signal.signal(number, handler)

    return run
