"""With CACHE_URL pointing at Redis, state that must be shared by app servers lives there."""

import pytest

from tests.conftest import REDIS


@pytest.mark.django_db
def test_rate_limits_and_sessions_live_in_redis(client, redis_cache, settings, blog):
    import redis

    from tests.factories import make_post, make_user

    settings.COMMENT_GUEST_RATE_LIMIT = 2
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


def test_incr_keeps_django_s_contract_in_one_round_trip(redis_cache):
    with pytest.raises(ValueError):
        redis_cache.incr("never-set")
    assert redis_cache.get("never-set") is None  # not created by the failed incr
    redis_cache.set("counter", 5)
    assert redis_cache.incr("counter") == 6
    assert redis_cache.incr("counter", 10) == 16
    assert redis_cache.decr("counter", 16) == 0
    assert redis_cache.get("counter") == 0
