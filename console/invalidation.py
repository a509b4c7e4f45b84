"""Counters, in Django's default cache, under which the console's per-process caches keep
what they keep: ACCESS for who may use the console and the logged-in user
(`console.access`, `console.auth`), CARDS for rendered cards, result rows and line codes
(`console.card_cache`), ESCALATIONS for the 'Laatste escalaties' of the cards. A change that
can alter any of it raises its counter (`bump`): the process that made the change has
already forgotten its own entries; the others see the new
value on their next request and read again - when the cache is shared between processes
(Redis, `REDIS_URL`). With a per-process cache they only notice their keep time running out,
which is why `keep_seconds` is short then.

The counters are read at most once per request, together (the first time one is asked,
before the request reads anything it might keep), so every entry is kept under the value
from before its data was read: a change committed meanwhile is never missed.
"""

import random
import threading

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.test.signals import setting_changed

ACCESS = "console:access-generation"
CARDS = "console:cards-generation"
ESCALATIONS = "console:escalations-generation"
KEYS = (ACCESS, CARDS, ESCALATIONS)
_request = threading.local()
_random = random.SystemRandom()


def is_shared() -> bool:
    """Does every process see the same default cache (Redis), so that a bump reaches them?
    The setting CONSOLE_CACHE_SHARED (True/False) overrides what the backend suggests.
    Asked for every kept row of a request, so the answer is kept until a setting changes."""
    shared = _shared.get("answer")
    if shared is None:
        shared = _shared["answer"] = _is_shared()
    return shared


def _is_shared() -> bool:
    forced = getattr(settings, "CONSOLE_CACHE_SHARED", None)
    if forced is not None:
        return bool(forced)
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


_shared: dict[str, bool] = {}


def _settings_changed(setting: str, **kwargs) -> None:
    if setting in {"CACHES", "CONSOLE_CACHE_SHARED"}:
        _shared.clear()


def keep_seconds(shared: int, alone: int) -> int:
    """How long a per-process entry may be kept: `shared` when a bump reaches every process,
    else `alone` (the bound on how late a change made elsewhere shows)."""
    return shared if is_shared() else alone


def current(key: str) -> int:
    """The counter `key` (one of KEYS), read with the others once per request."""
    if not getattr(_request, "active", False):
        return cache.get(key, 0)
    if getattr(_request, "generations", None) is None:
        _request.generations = cache.get_many(KEYS)
    return _request.generations.get(key, 0)


def in_request() -> bool:
    return getattr(_request, "active", False)


def read_along(values: dict) -> None:
    """The counters as another read of the default cache found them (the session's,
    `console.sessions`), if this request has not read them yet."""
    if in_request() and getattr(_request, "generations", None) is None:
        _request.generations = {key: values[key] for key in KEYS if key in values}


def bump(key: str) -> None:
    """Raise the counter by a random step from a random start: a counter that Redis lost
    (a flush) or took back (a restore) does not come back to a value under which a process
    still keeps something."""
    cache.add(key, _random.randint(1, 2**62), timeout=None)
    try:
        cache.incr(key, _random.randint(1, 2**31))
    except ValueError:  # evicted between add and incr
        cache.set(key, _random.randint(1, 2**62), timeout=None)
    _request.generations = None


def bump_cards() -> None:
    bump(CARDS)


def _started(**kwargs) -> None:
    _request.active = True
    _request.generations = None


def _finished(**kwargs) -> None:
    _request.active = False
    _request.generations = None


def connect_signals() -> None:
    """Called once from `ConsoleConfig.ready`."""
    request_started.connect(_started, dispatch_uid="console-invalidation-started")
    request_finished.connect(_finished, dispatch_uid="console-invalidation-finished")
    setting_changed.connect(_settings_changed, dispatch_uid="console-invalidation-settings")
