"""Django's Redis cache backend, with incr in one round trip.

Django's RedisCacheClient.incr asks Redis EXISTS and then INCRBY: two round
trips, and posts/caching.py counts every read of a post with incr, cached page
or not. Here a Lua script does both inside Redis, with Django's contract kept:
a missing key raises ValueError and is not created. Everything else is
Django's backend as it is.
"""

from django.core.cache.backends import redis

INCR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return nil
"""


class RedisCacheClient(redis.RedisCacheClient):
    def incr(self, key, delta):
        value = self.get_client(key, write=True).eval(INCR_IF_EXISTS, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
