"""What the console renders for a published point, kept per process: the point page's body and
the point's row in search results (agents open cards and search most, with a caller waiting).

An entry belongs to one live revision of a point. It is used only while
- the point's live revision is still the one it was made from (every request reads it: a
  publish shows at once, in every process);
- the card's state *now* cannot have changed (until `changes_at`: a slot opening or closing,
  an exception starting or ending, midnight);
- and for at most KEEP_SECONDS: what a card shows beside the point itself (its
  organisation's closing days and name, the items that link it) edited in *another* process
  shows within that time. Edits in this process clear everything at once (`connect_signals`).

A kept page body gets its seconds-until-refresh filled in when it is served, so a card served
from here asks for its new state at the right moment.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from wagtail.signals import page_published, page_unpublished

from points.schedules import seconds_until

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


class KeptPerPoint:
    """Values per point id, for one live revision, until the state can change."""

    def __init__(self):
        self._entries: OrderedDict[int, Kept] = OrderedDict()

    def get(self, point_id: int, revision_id: int, now: datetime) -> Kept | None:
        entry = self._entries.get(point_id)
        if entry is None or entry.revision_id != revision_id or now >= entry.valid_until:
            return None
        self._entries.move_to_end(point_id)
        return entry

    def keep(self, point_id: int, revision_id: int, value, changes_at: datetime, now: datetime):
        valid_until = min(changes_at, now + timedelta(seconds=KEEP_SECONDS))
        self._entries[point_id] = Kept(revision_id, value, changes_at, valid_until)
        self._entries.move_to_end(point_id)
        while len(self._entries) > KEEP_SIZE:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


bodies = KeptPerPoint()  # the point page's body (console/includes/point_body.html)
rows = KeptPerPoint()  # the point's row in search results (console.results.PointRow)


def clear() -> None:
    bodies.clear()
    rows.clear()


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
        clear()


def _forget_all(sender=None, **kwargs) -> None:
    clear()


def connect_signals() -> None:
    """Called once from `ConsoleConfig.ready`."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_forget, dispatch_uid=f"card-cache-{id(signal)}")
    page_published.connect(_forget_all, dispatch_uid="card-cache-published")
    page_unpublished.connect(_forget_all, dispatch_uid="card-cache-unpublished")
