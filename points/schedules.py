"""The calendar engine applied to escalation points: closing days from the database,
phone schedules, availability at a moment and the handling term's due date (R16-R18)."""

import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from calendar_engine import (
    Availability,
    AvailabilityException,
    Channel,
    PhoneSchedule,
    active_exceptions,
    add_working_days,
    belgian_closing_days,
    parse_slot,
    upcoming_exceptions,
)
from calendar_engine.deviations import DEFAULT_NOTICE_PERIOD
from points import phone_hours
from points.models import AvailabilityException as ExceptionRow
from points.models import EscalationPoint, TimeSlot
from reference.models import ClosingDay

# Schedules of published points are kept per process, keyed by the live revision, so a
# phone system asking "can I transfer now?" costs one row read. Closing days edited in this
# process apply at once; edited in another worker process, within CLOSING_DAYS_TTL seconds.
CLOSING_DAYS_TTL = 60
SCHEDULE_CACHE_SIZE = 4096
_schedules: OrderedDict = OrderedDict()
_closing_days_generation = 0


def clear_caches() -> None:
    global _closing_days_generation
    _closing_days_generation += 1
    _schedules.clear()


def _forget_schedules(sender, **kwargs):
    clear_caches()


def connect_signals() -> None:
    """Called once from `PointsConfig.ready`: any change to what a schedule is built from
    empties the cache of this process."""
    for model in (ClosingDay, TimeSlot, ExceptionRow):
        post_save.connect(_forget_schedules, sender=model, dispatch_uid=f"schedules-{model}")
        post_delete.connect(_forget_schedules, sender=model, dispatch_uid=f"schedules-{model}-")
    post_save.connect(_forget_schedules, sender=EscalationPoint, dispatch_uid="schedules-point")


def closing_days(organisation_id: int | None, years) -> dict[date, str]:
    """Generated holidays plus a beheerder's days; an organisation's own day wins on a date."""
    return closing_days_per_organisation([organisation_id], years)[organisation_id]


def closing_days_per_organisation(organisation_ids, years) -> dict[int | None, dict[date, str]]:
    """`closing_days` for several organisations with one query."""
    years = sorted(set(years))
    per_organisation = ClosingDay.objects.by_day_per_organisation(organisation_ids, years)
    return {
        organisation_id: belgian_closing_days(
            years,
            extra={day: row.name for day, row in by_day.items() if row.closed},
            disabled=[day for day, row in by_day.items() if not row.closed],
        )
        for organisation_id, by_day in per_organisation.items()
    }


def closing_days_from(point: EscalationPoint, year: int) -> dict[date, str]:
    """The point's closing days in `year` and the next (a term may run into January)."""
    return closing_days(point.reporting_organisation_id, [year, year + 1])


def engine_exception(exception) -> AvailabilityException:
    replacement = exception.replacement_slots
    return AvailabilityException(
        starts_at=exception.starts_at,
        ends_at=exception.ends_at,
        channel=exception.channel,
        message=exception.message,
        replacement_slots=tuple(parse_slot(pair) for pair in replacement) if replacement else None,
    )


def phone_schedule(point: EscalationPoint, days: dict[date, str]) -> PhoneSchedule:
    return PhoneSchedule(
        phone_hours.weekly_hours_from_slots(point.time_slots.all()),
        days,
        [engine_exception(exception) for exception in point.exceptions.all()],
    )


def published_availability(point_id: int, at: datetime | None = None) -> Availability | None:
    """Availability of a published point from the process cache; None if there is no such
    published point. Drafts and previews use `availability_at` with the object in hand."""
    point = (
        EscalationPoint.objects.filter(pk=point_id)
        .only(
            "pk",
            "live",
            "live_revision_id",
            "phone_number",
            "phone_transfer_allowed",
            "reporting_organisation_id",
        )
        .first()
    )
    if point is None or not point.live:
        return None
    at = at or timezone.now()
    year = timezone.localtime(at).year
    key = (
        point.pk,
        point.live_revision_id,
        point.reporting_organisation_id,
        year,
        _closing_days_generation,
        int(time.monotonic() // CLOSING_DAYS_TTL),
    )
    schedule = _schedules.get(key)
    if schedule is None:
        point = EscalationPoint.objects.prefetch_related("time_slots", "exceptions").get(
            pk=point.pk
        )
        schedule = phone_schedule(point, closing_days_from(point, year))
        _schedules[key] = schedule
        if len(_schedules) > SCHEDULE_CACHE_SIZE:
            _schedules.popitem(last=False)
    return _availability(schedule, point, at)


def _availability(schedule: PhoneSchedule, point: EscalationPoint, at: datetime) -> Availability:
    return schedule.availability(
        at, has_phone=point.has_phone, transfer_allowed=point.phone_transfer_allowed
    )


def availability_at(
    point: EscalationPoint, at: datetime | None = None, *, days: dict | None = None
) -> Availability:
    """May an agent transfer a call to the point at `at` (now by default)?"""
    at = at or timezone.now()
    if days is None:
        days = closing_days_from(point, timezone.localtime(at).year)
    return _availability(phone_schedule(point, days), point, at)


def handling_due_date(
    point: EscalationPoint, start: date | None = None, *, days: dict | None = None
) -> date:
    """R18: the N-th working day after `start` (today by default)."""
    start = start or timezone.localdate()
    if days is None:
        days = closing_days_from(point, start.year)
    return add_working_days(start, point.handling_working_days, days)


def exceptions_to_show(point: EscalationPoint, at: datetime | None = None) -> dict:
    """R16: the exceptions in force now and those starting within two weeks; ended ones
    disappear by themselves."""
    at = at or timezone.now()
    exceptions = [engine_exception(exception) for exception in point.exceptions.all()]
    return {
        "active": active_exceptions(exceptions, at),
        "upcoming": upcoming_exceptions(exceptions, at),
    }


def availability_to_data(availability: Availability) -> dict:
    def local(moment):
        return timezone.localtime(moment).isoformat() if moment else None

    return {
        "phone_transfer_possible": availability.possible,
        "reason": str(availability.reason),
        "reason_text": availability.reason_text,
        "closes_at": local(availability.closes_at),
        "next_possible_at": local(availability.next_possible_at),
        "exception_message": availability.exception_message,
    }


# A card in the console asks again at least this often (an editor may have published a
# change), and at the latest when its state changes by the clock.
SAFETY_REFRESH_SECONDS = 300


@dataclass(frozen=True)
class EmailState:
    """May the agent escalate by e-mail now (R11, R16)? An exception in force on the e-mail
    channel (or both channels) closes the e-mail route until it ends."""

    possible: bool
    forward_allowed: bool
    exception_message: str | None = None
    until: datetime | None = None


def email_state(point: EscalationPoint, exceptions, at: datetime) -> EmailState:
    if not point.email_forward_allowed:
        return EmailState(possible=False, forward_allowed=False)
    for exception in active_exceptions(exceptions, at):
        if exception.channel in (Channel.EMAIL, Channel.BOTH):
            return EmailState(
                possible=False,
                forward_allowed=True,
                exception_message=exception.message,
                until=timezone.localtime(exception.ends_at),
            )
    return EmailState(possible=True, forward_allowed=True)


def next_change_at(availability: Availability, exceptions, at: datetime) -> datetime:
    """The first moment after `at` at which the card may read differently: a slot opens or
    closes, an exception starts, ends or comes within the notice period, or the day (and with
    it the due date) changes."""
    local = timezone.localtime(at)
    midnight = datetime.combine(local.date() + timedelta(days=1), dt_time(0), local.tzinfo)
    candidates = [availability.closes_at, availability.next_possible_at, midnight]
    for exception in exceptions:
        candidates += [
            exception.starts_at,
            exception.ends_at,
            exception.starts_at - DEFAULT_NOTICE_PERIOD,
        ]
    return min(moment for moment in candidates if moment is not None and moment > at)


def seconds_until(moment: datetime, at: datetime) -> int:
    """Whole seconds from `at` until `moment` (at least 1), at most the safety refresh."""
    return max(1, min(SAFETY_REFRESH_SECONDS, math.ceil((moment - at).total_seconds())))


def card_context(point: EscalationPoint, at: datetime | None = None, *, days=None) -> dict:
    """What an agent's card of the point shows (R3, R4, R6-R13, R16-R18), at `at` (now)."""
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    if days is None:
        days = closing_days_from(point, today.year)
    exceptions = [engine_exception(exception) for exception in point.exceptions.all()]
    availability = _availability(phone_schedule(point, days), point, at)
    return {
        "point": point,
        "at": at,
        "availability": availability,
        "email": email_state(point, exceptions, at) if point.has_email else None,
        "due_date": handling_due_date(point, today, days=days),
        "exceptions": {
            "active": active_exceptions(exceptions, at),
            "upcoming": upcoming_exceptions(exceptions, at),
        },
        "changes_at": (changes_at := next_change_at(availability, exceptions, at)),
        "refresh_in": seconds_until(changes_at, at),
    }


def card_contexts(points, at: datetime | None = None) -> dict[int, dict]:
    """{point id: card_context} for several points (prefetch their time slots and
    exceptions), with the closing days of all their organisations read in one query."""
    points = list(points)
    if not points:
        return {}
    at = at or timezone.now()
    year = timezone.localtime(at).year
    days = closing_days_per_organisation(
        [point.reporting_organisation_id for point in points], [year, year + 1]
    )
    return {
        point.pk: card_context(point, at, days=days[point.reporting_organisation_id])
        for point in points
    }
