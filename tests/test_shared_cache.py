"""With CACHE_URL pointing at Redis, state that must be shared by app servers lives there."""

import os
import socket

import pytest
from django.core.cache import caches

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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"kmblog-test-{os.getpid()}",
        }
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_rate_limits_and_sessions_live_in_redis(client, redis_cache, settings, blog):
    import redis

    from tests.factories import make_post, make_user

    settings.COMMENT_RATE_LIMIT = 2
    post = make_post(blog)
    for n in range(2):
        assert client.post(f"/posts/{post.number}/comments/", {"guest_name": "ก", "body": f"ข้อ {n}"}).status_code == 302
    # Another app server would read the same counter from Redis:
    server = redis.Redis(host=REDIS[0], port=REDIS[1], db=15)
    counters = [key for key in server.keys("*comment-rate*")]
    assert counters and all(int(server.get(key)) == 2 for key in counters)
    assert client.post(f"/posts/{post.number}/comments/", {"guest_name": "ก", "body": "เกิน"}).status_code == 429

    member = make_user("shared")
    client.force_login(member)
    session_keys = [key for key in server.keys("*django.contrib.sessions.cached_db*")]
    assert session_keys, "the session is cached in Redis"
