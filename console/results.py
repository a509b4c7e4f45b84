"""The console's search results (R17, R20, R23): points found directly and knowledge items
with their points inline, each point with its number and whether it can be reached *now*."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date

from knowledge.search import SearchResult
from points.models import EscalationPoint
from points.schedules import card_contexts


@dataclass(frozen=True)
class PointRow:
    point: EscalationPoint
    transfer_now: bool
    state: str  # 'Doorschakelen kan nu, tot 12:00' / 'Nu niet: weer vanaf maandag 09:00'
    email_route: bool  # may the question be forwarded by e-mail (R11)


@dataclass(frozen=True)
class ItemRow:
    kind: str
    kind_label: str
    id: int
    title: str
    snippet: str
    points: list[PointRow]


def moment_label(moment: datetime, now: datetime) -> str:
    """'vandaag 13:00', 'morgen 09:00', 'maandag 09:00' within a week, else with the date."""
    moment, now = timezone.localtime(moment), timezone.localtime(now)
    days = (moment.date() - now.date()).days
    if days == 0:
        return format_date(moment, "\\v\\a\\n\\d\\a\\a\\g H:i")
    if days == 1:
        return format_date(moment, "\\m\\o\\r\\g\\e\\n H:i")
    if days < 7:
        return format_date(moment, "l H:i")
    return format_date(moment, "l j F H:i")


def until_label(moment: datetime, now: datetime) -> str:
    """'12:00' today, else as moment_label."""
    if timezone.localtime(moment).date() == timezone.localtime(now).date():
        return format_date(timezone.localtime(moment), "H:i")
    return moment_label(moment, now)


def point_row(point: EscalationPoint, context: dict, now: datetime) -> PointRow:
    availability = context["availability"]
    if not point.has_phone:
        state = "Geen telefoon: enkel e-mail"
    elif availability.possible:
        until = availability.closes_at
        state = "Doorschakelen kan nu"
        if until:
            state += f", tot {until_label(until, now)}"
    elif availability.next_possible_at:
        state = f"Nu niet: weer vanaf {moment_label(availability.next_possible_at, now)}"
    else:
        state = f"Nu niet: {availability.reason_text.rstrip('.')}"
    return PointRow(
        point=point,
        transfer_now=point.has_phone and availability.possible,
        state=state,
        email_route=point.has_email and point.email_forward_allowed,
    )


def result_rows(result: SearchResult, now: datetime | None = None) -> dict:
    """{'points': [PointRow], 'items': [ItemRow]}: every point's state now, with the closing
    days of all their organisations read in one query."""
    now = now or timezone.now()
    every = {point.pk: point for point in result.points} | result.linked_points
    contexts = card_contexts(every.values(), now)
    rows = {pk: point_row(point, contexts[pk], now) for pk, point in every.items()}
    return {
        "points": [rows[point.pk] for point in result.points],
        "items": [
            ItemRow(
                kind=item.kind,
                kind_label=item.kind.label,
                id=item.id,
                title=item.title,
                snippet=item.snippet,
                points=[rows[pk] for pk in item.point_ids],
            )
            for item in result.items
        ],
    }
