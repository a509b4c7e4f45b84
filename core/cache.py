"""Django's Redis cache with one client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` object around the pool on
every cache call. That costs more than the round trip to a local Redis, and every console
request makes two or three calls (its session, the console's counters), so the client is
made once per pool and kept: a `redis.Redis` is safe to share between threads (each command
takes a connection from the pool), and the pool itself notices a fork.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
