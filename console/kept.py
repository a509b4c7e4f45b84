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
from collections.abc import Hashable
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

    def _generation(self) -> tuple[int, ...]:
        return tuple(invalidation.current(counter) for counter in self.counters)

    def get(self, key: Hashable) -> Any:
        """The kept value, or MISSING. Asks the counters first, so a value read after a miss
        is kept under the counters from before it was read: a change meanwhile is not missed."""
        if not invalidation.is_shared():
            return MISSING
        generation = self._generation()
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

    def keep(self, key: Hashable, value: Any) -> Any:
        if invalidation.is_shared():
            until = time.monotonic() + self.seconds
            self._entries[key] = (self._generation(), until, value)
            with suppress(KeyError):
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()
