"""Deviating availability (R16): a period in which a channel is unavailable or open differently.

An exception is shown from the moment it is relevant and disappears by itself when its
period ends: nobody has to remove it afterwards.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from calendar_engine._clock import to_instant
from calendar_engine.hours import Slot, SlotLike, sorted_valid_slots


class Channel(StrEnum):
    """The channel an availability exception applies to; compares equal to its code."""

    PHONE = "phone"
    EMAIL = "email"
    BOTH = "both"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.PHONE: "Telefoon",
    Channel.EMAIL: "E-mail",
    Channel.BOTH: "Telefoon en e-mail",
}

PERIOD_END_NOT_AFTER_START = "Het einde van de periode moet na het begin liggen."
UNKNOWN_CHANNEL = "Kies een kanaal: telefoon, e-mail of beide."

DEFAULT_NOTICE_PERIOD = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class AvailabilityException:
    """A period [starts_at, ends_at) of deviating availability on a channel.

    Without `replacement_slots` the channel is unavailable for the whole period. With
    replacement slots the point is open differently: within the period, each local day's
    slots are replaced by the replacement slots (clipped to the period); outside the period
    the normal week applies. An empty tuple of replacement slots means closed within the
    period, like no replacement at all. An exception on the e-mail channel only does not
    affect the phone.
    """

    starts_at: datetime
    ends_at: datetime
    channel: Channel
    message: str
    replacement_slots: tuple[Slot, ...] | None = None

    def __post_init__(self) -> None:
        starts = to_instant(self.starts_at, "starts_at")
        if to_instant(self.ends_at, "ends_at") <= starts:
            raise ValueError(PERIOD_END_NOT_AFTER_START)
        if self.channel not in _CHANNEL_LABELS:
            raise ValueError(UNKNOWN_CHANNEL)
        object.__setattr__(self, "channel", Channel(self.channel))
        if self.replacement_slots is not None:
            slots: Iterable[SlotLike] = self.replacement_slots
            object.__setattr__(self, "replacement_slots", sorted_valid_slots(slots))

    @property
    def affects_phone(self) -> bool:
        return self.channel in (Channel.PHONE, Channel.BOTH)

    @property
    def closes_phone(self) -> bool:
        """True when the phone is unavailable for the whole period."""
        return self.affects_phone and not self.replacement_slots

    def is_relevant(self, at: datetime) -> bool:
        """True while the exception is in force: starts_at <= at < ends_at."""
        return self._is_in_force(to_instant(at))

    def _is_in_force(self, now: datetime) -> bool:
        return to_instant(self.starts_at) <= now < to_instant(self.ends_at)


def active_exceptions(
    exceptions: Iterable[AvailabilityException], at: datetime
) -> list[AvailabilityException]:
    """The exceptions in force at `at`, earliest start first."""
    now = to_instant(at)
    return sorted(
        (exception for exception in exceptions if exception._is_in_force(now)),
        key=_start,
    )


def upcoming_exceptions(
    exceptions: Iterable[AvailabilityException],
    at: datetime,
    within: timedelta = DEFAULT_NOTICE_PERIOD,
) -> list[AvailabilityException]:
    """The exceptions that start after `at` and at the latest `within` later, earliest first.

    For a notice in advance; once an exception starts it is in `active_exceptions` instead.
    """
    now = to_instant(at)
    notice_until = now + within
    return sorted(
        (
            exception
            for exception in exceptions
            if now < to_instant(exception.starts_at) <= notice_until
        ),
        key=_start,
    )


def _start(exception: AvailabilityException) -> datetime:
    # As an instant: datetimes sharing a zone compare by wall clock, ignoring `fold`.
    return to_instant(exception.starts_at)
