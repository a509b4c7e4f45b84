"""The console's search results (R17, R20, R23): points found directly and knowledge items
with their points inline, each point with its number and whether it can be reached *now*."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from knowledge.search import SearchResult
from points.models import EscalationPoint
from points.schedules import card_contexts
from points.templatetags.point_cards import moment_from


@dataclass(frozen=True)
class PointRow:
    point: EscalationPoint
    transfer_now: bool
    state: str  # 'Doorschakelen kan nu, tot 12:00' / 'Nu niet: weer vanaf maandag 09:00'
    email_route: bool  # may the question be forwarded by e-mail now (R11, R16)


@dataclass(frozen=True)
class ItemRow:
    kind: str
    kind_label: str
    id: int
    title: str
    snippet: str
    points: list[PointRow]


def point_row(point: EscalationPoint, context: dict, now: datetime) -> PointRow:
    availability = context["availability"]
    if not point.has_phone:
        state = "Geen telefoon: enkel e-mail"
    elif availability.possible:
        until = availability.closes_at
        state = "Doorschakelen kan nu"
        if until:
            state += f", tot {moment_from(until, now)}"
    elif availability.next_possible_at:
        state = f"Nu niet: weer vanaf {moment_from(availability.next_possible_at, now)}"
    else:
        state = f"Nu niet: {availability.reason_text.rstrip('.')}"
    return PointRow(
        point=point,
        transfer_now=point.has_phone and availability.possible,
        state=state,
        email_route=point.has_email and context["email"].possible,
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
