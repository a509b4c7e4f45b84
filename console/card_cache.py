"""What the console renders for a published point, kept per process: the point page's body and
the point's row in search results (agents open cards and search most, with a caller waiting).

An entry belongs to one live revision of a point. It is used only while
- the point's live revision is still the one it was made from (without a shared cache every
  request reads it, so a publish shows at once in every process; with one, every publish
  raises the cards counter below, `KeptPerPoint.get_live`);
- the card's state *now* cannot have changed (until `changes_at`: a slot opening or closing,
  an exception starting or ending, midnight);
- the console's cards counter (`console.invalidation.CARDS`) is the one it was kept under:
  an edit of what a card shows beside the point itself (its organisation's closing days and
  name, the items that link it) clears everything in this process at once
  (`connect_signals`) and raises the counter, which every process sees on its next request
  when the cache is shared (Redis, REDIS_URL);
- and for at most KEEP_SECONDS: 300 with a shared cache (a safety net for changes that send
  no signal), 30 without one (then the bound on how late such an edit made in *another*
  process shows).

A kept page body gets its seconds-until-refresh filled in when it is served, so a card served
from here asks for its new state at the right moment. With a shared cache (Redis) a rendered
body is also put there with the point's head (`keep_head`), under the same conditions (the
cards counter in its key, valid as long as the local entry): a card one process rendered
serves all of them without a query.
"""

import math
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from wagtail.signals import page_published, page_unpublished

from console import invalidation
from points.schedules import seconds_until

KEEP_SECONDS_SHARED = 300
KEEP_SECONDS = 30
KEEP_SIZE = 4096
# Rendered into a kept body where the card's seconds-until-refresh go; replaced per request.
REFRESH_IN_MARK = "__refresh_in__"
# Rendered into a kept body where the card's escalation buttons go (they carry a CSRF token
# and an idempotency key of their own request); replaced per request.
ACTIONS_MARK = "__point_actions__"
# Saves in these apps can change what a card shows.
CARD_APPS = frozenset({"points", "knowledge", "reference"})


@dataclass(frozen=True)
class Kept:
    revision_id: int
    value: Any
    changes_at: datetime
    valid_until: datetime
    generation: int


class KeptPerPoint:
    """Values per point id, for one live revision, until the state can change."""

    def __init__(self):
        self._entries: OrderedDict[int, Kept] = OrderedDict()

    def get(self, point_id: int, revision_id: int, now: datetime) -> Kept | None:
        entry = self._entries.get(point_id)
        if (
            entry is None
            or entry.revision_id != revision_id
            or now >= entry.valid_until
            or entry.generation != invalidation.current(invalidation.CARDS)
        ):
            return None
        with suppress(KeyError):  # another thread of a threaded server dropped it meanwhile
            self._entries.move_to_end(point_id)
        return entry

    def get_live(self, point_id: int, now: datetime) -> Kept | None:
        """With a shared cache only: the entry of the point's live revision without reading
        which revision that is. Every publish, unpublish or edit of a point raises the cards
        counter in every process (`connect_signals`), so an entry kept under the current
        counter is of the live revision; a change that sends no signal shows within
        KEEP_SECONDS_SHARED, as for every entry here."""
        if not invalidation.is_shared():
            return None
        entry = self._entries.get(point_id)
        if entry is None:
            return None
        return self.get(point_id, entry.revision_id, now)

    def keep(self, point_id: int, revision_id: int, value, changes_at: datetime, now: datetime):
        keep = invalidation.keep_seconds(shared=KEEP_SECONDS_SHARED, alone=KEEP_SECONDS)
        valid_until = min(changes_at, now + timedelta(seconds=keep))
        generation = invalidation.current(
            invalidation.CARDS
        )  # read at the request's start, before its data
        self.put(point_id, Kept(revision_id, value, changes_at, valid_until, generation))

    def put(self, point_id: int, entry: Kept) -> None:
        self._entries[point_id] = entry
        with suppress(KeyError):
            self._entries.move_to_end(point_id)
            while len(self._entries) > KEEP_SIZE:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


bodies = KeptPerPoint()  # the point page's body (console/includes/point_body.html)
rows = KeptPerPoint()  # the point's row in search results (console.results.PointRow)
heads = KeptPerPoint()  # what the point page reads of the point itself (its title, buttons)


def clear() -> None:
    bodies.clear()
    rows.clear()
    heads.clear()


def live_card(point_id: int, now: datetime) -> tuple[Any, SafeString] | None:
    """With a shared cache only: the kept head and body of the point's live revision,
    without asking the database which revision is live (`KeptPerPoint.get_live`) - from
    this process, else as another process shared them (`keep_head`)."""
    if not invalidation.is_shared():
        return None
    head = heads.get_live(point_id, now)
    body = None if head is None else cached_body(point_id, head.revision_id, now)
    if body is None:
        head = _shared_card(point_id, now)
        body = None if head is None else cached_body(point_id, head.revision_id, now)
    return None if body is None else (head.value, body)


def keep_head(point_id: int, revision_id: int, head, now: datetime) -> None:
    """Keep what the page reads of the point (not its state: that is in the body), once its
    body is kept; with a shared cache both go there too, under the cards counter, so another
    process serves the card without a query."""
    heads.keep(point_id, revision_id, head, now + timedelta(days=1), now)
    body = bodies.get(point_id, revision_id, now)
    if body is None or not invalidation.is_shared():
        return
    seconds = math.ceil((body.valid_until - now).total_seconds())
    shared = (revision_id, head, body.value, body.changes_at, body.valid_until)
    cache.set(_card_key(point_id, body.generation), shared, timeout=max(1, seconds))


def _card_key(point_id: int, generation: int) -> str:
    return f"console:card:{generation}:{point_id}"


def _shared_card(point_id: int, now: datetime) -> Kept | None:
    generation = invalidation.current(invalidation.CARDS)
    shared = cache.get(_card_key(point_id, generation))
    if shared is None:
        return None
    revision_id, head, html, changes_at, valid_until = shared
    if now >= valid_until:
        return None
    bodies.put(point_id, Kept(revision_id, html, changes_at, valid_until, generation))
    head_entry = Kept(revision_id, head, now + timedelta(days=1), valid_until, generation)
    heads.put(point_id, head_entry)
    return head_entry


def cached_body(point_id: int, revision_id: int, now: datetime) -> SafeString | None:
    """The kept body of the point's page with its refresh delay filled in, or None."""
    entry = bodies.get(point_id, revision_id, now)
    return None if entry is None else fill_refresh(entry.value, entry.changes_at, now)


def keep_body(
    point_id: int, revision_id: int, html: str, changes_at: datetime, now: datetime
) -> SafeString:
    """Keep the body (rendered with REFRESH_IN_MARK) and return it filled in for `now`."""
    bodies.keep(point_id, revision_id, html, changes_at, now)
    return fill_refresh(html, changes_at, now)


def fill_refresh(html: str, changes_at: datetime, now: datetime) -> SafeString:
    """The rendered (escaped) template with a number put in: still safe HTML."""
    return mark_safe(html.replace(REFRESH_IN_MARK, str(seconds_until(changes_at, now))))


def with_actions(body: SafeString, actions_html: str) -> SafeString:
    """The body with the card's escalation buttons (rendered, escaped HTML) put in."""
    return mark_safe(body.replace(ACTIONS_MARK, actions_html))


def _forget(sender=None, **kwargs) -> None:
    if sender is None or sender._meta.app_label in CARD_APPS:
        _forget_all()


def _forget_all(sender=None, **kwargs) -> None:
    """Forget here at once; the other processes through the counter, now and again once
    the change is committed (one that rendered from the old rows in between renders again)."""
    clear()
    invalidation.bump_cards()
    transaction.on_commit(invalidation.bump_cards)


def connect_signals() -> None:
    """Called once from `ConsoleConfig.ready`."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_forget, dispatch_uid=f"card-cache-{id(signal)}")
    page_published.connect(_forget_all, dispatch_uid="card-cache-published")
    page_unpublished.connect(_forget_all, dispatch_uid="card-cache-unpublished")
