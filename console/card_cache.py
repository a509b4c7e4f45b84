"""The console's point page, rendered once and kept per process (the card is what agents open
most, with a caller waiting).

An entry is the page's body for one live revision of a point. It is used only while
- the point's live revision is still the one it was rendered from (every request reads it:
  a publish shows at once, in every process);
- the card's state *now* cannot have changed (until `changes_at`: a slot opening or closing,
  an exception starting or ending, midnight);
- and for at most CARD_CACHE_SECONDS: what a card shows beside the point itself (its
  organisation's closing days and name, the items that link it) edited in *another* process
  shows within that time. Edits in this process clear the cache at once (`connect_signals`).

The seconds until the next change are filled in when the page is served, so a card served
from the cache asks for its new state at the right moment.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from wagtail.signals import page_published, page_unpublished

from points.schedules import seconds_until

CARD_CACHE_SECONDS = 30
CARD_CACHE_SIZE = 2048
# Rendered into a cached body where the card's seconds-until-refresh go; replaced per request.
REFRESH_IN_MARK = "__refresh_in__"
# Saves in these apps can change what a card shows.
CARD_APPS = frozenset({"points", "knowledge", "reference"})


@dataclass(frozen=True)
class CachedCard:
    revision_id: int
    html: str
    changes_at: datetime
    valid_until: datetime


_cards: OrderedDict[int, CachedCard] = OrderedDict()


def clear() -> None:
    _cards.clear()


def cached_body(point_id: int, revision_id: int, now: datetime) -> SafeString | None:
    """The kept body of the point's page with its refresh delay filled in, or None."""
    entry = _cards.get(point_id)
    if entry is None or entry.revision_id != revision_id or now >= entry.valid_until:
        return None
    _cards.move_to_end(point_id)
    return fill_refresh(entry.html, entry.changes_at, now)


def keep_body(
    point_id: int, revision_id: int, html: str, changes_at: datetime, now: datetime
) -> SafeString:
    """Keep the body (rendered with REFRESH_IN_MARK) and return it filled in for `now`."""
    valid_until = min(changes_at, now + timedelta(seconds=CARD_CACHE_SECONDS))
    _cards[point_id] = CachedCard(revision_id, html, changes_at, valid_until)
    _cards.move_to_end(point_id)
    while len(_cards) > CARD_CACHE_SIZE:
        _cards.popitem(last=False)
    return fill_refresh(html, changes_at, now)


def fill_refresh(html: str, changes_at: datetime, now: datetime) -> SafeString:
    """The rendered (escaped) template with a number put in: still safe HTML."""
    return mark_safe(html.replace(REFRESH_IN_MARK, str(seconds_until(changes_at, now))))


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
