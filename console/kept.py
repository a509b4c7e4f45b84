"""Values kept in this process while the console's counters they were read under are
unchanged (`console.invalidation`), for at most `seconds` - and only when those counters are
shared by every process (Redis, REDIS_URL). Without a shared cache a change made in another
process would go unnoticed, so nothing is kept: every request reads again, as without this.

Used for what every console request would otherwise read from the database although it
seldom changes: the logged-in user (`console.auth`), an agent's line codes, a card's
'Laatste escalaties'.
"""

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import Any

from console import invalidation

MISSING = object()


class KeptWhileUnchanged:
    def __init__(self, counters: tuple[str, ...], seconds: int, size: int = 4096):
        self.counters = counters
        self.seconds = seconds
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[tuple[int, ...], float, Any]] = OrderedDict()

    def value(self, key: Hashable, read: Callable[[], Any]) -> Any:
        """The value kept for `key`, else `read()`, kept. The counters are read before the
        value, and it is kept under them: a change committed meanwhile raised them, so the
        next request reads again."""
        if not invalidation.is_shared():
            return read()
        generation = tuple(invalidation.current(counter) for counter in self.counters)
        kept = self._kept(key, generation)
        if kept is MISSING:
            kept = read()
            self._keep(key, generation, kept)
        return kept

    def _kept(self, key: Hashable, generation: tuple[int, ...]) -> Any:
        entry = self._entries.get(key)
        if entry is None:
            return MISSING
        kept_generation, until, value = entry
        if kept_generation != generation or not 0 < until - time.monotonic() <= self.seconds:
            self._entries.pop(key, None)
            return MISSING
        with suppress(KeyError):  # another thread of a threaded server dropped it meanwhile
            self._entries.move_to_end(key)
        return value

    def _keep(self, key: Hashable, generation: tuple[int, ...], value: Any) -> None:
        self._entries[key] = (generation, time.monotonic() + self.seconds, value)
        with suppress(KeyError):
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
