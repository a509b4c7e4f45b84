"""The session engine with Redis (REDIS_URL): Django's `cached_db`, which also reads the
console's counters (`console.invalidation`) in the same round trip to Redis.

Every console request reads its session and then those counters, both from Redis; one
`MGET` instead of two calls saves a round trip - and on a busy machine the wait for the Redis
process to be scheduled - per request. The counters are read before anything the request
keeps, as `invalidation.current` requires. Without a request (a management command) or with
the sessions in another cache than the counters, it is `cached_db` unchanged.
"""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore

from console import invalidation


class SessionStore(CachedDbSessionStore):
    def load(self):
        if settings.SESSION_CACHE_ALIAS != "default" or not invalidation.in_request():
            return super().load()
        try:
            found = self._cache.get_many([self.cache_key, *invalidation.KEYS])
        except Exception:  # as cached_db: a key the cache refuses resets the session
            return super().load()
        invalidation.read_along(found)
        data = found.get(self.cache_key)
        return super().load() if data is None else data
