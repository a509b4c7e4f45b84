"""The JSON shapes of API v1. The escalation point's come from `points.document`."""

import datetime as dt

from ninja import Field, Schema

from calendar_engine import Reason
from knowledge.models import KnowledgeKind
from points import document


class AvailabilityOut(Schema):
    phone_transfer_possible: bool
    reason: Reason
    reason_text: str
    closes_at: dt.datetime | None
    next_possible_at: dt.datetime | None
    exception_message: str | None


class HandlingTermAtOut(Schema):
    working_days: int
    due_date: dt.date
    info: str


class LinkedItemOut(Schema):
    kind: KnowledgeKind
    id: int
    title: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


# Parts of the detail that the API adds to the point's own document.
DETAIL_EXTRAS = (
    document.Extra(
        "handling_term.due_date",
        dt.date,
        "Alleen in de detailweergave: de vervaldag vanaf vandaag (R18).",
    ),
    document.Extra(
        "linked_items",
        list[LinkedItemOut],
        "Alleen in de detailweergave: de kennisitems die dit punt koppelen (R23) en de "
        "rapporteringsorganisatie (R24).",
    ),
    document.Extra(
        "availability",
        AvailabilityOut,
        "Alleen in de detailweergave: kan er nu doorgeschakeld worden?",
    ),
)

PointIn = document.input_schema(extras=DETAIL_EXTRAS)
PointOut = document.output_schema(extras=DETAIL_EXTRAS)
PointSummaryOut = document.output_schema("PointSummary", only=document.SUMMARY)


class KnowledgeItemOut(Schema):
    kind: KnowledgeKind
    id: int
    title: str
    escalation_points: list[PointSummaryOut] = Field(
        description="Gepubliceerde escalatiepunten in de volgorde van tab Contactcenter."
    )


class StaleOut(Schema):
    detail: str
    current: PointOut = Field(description="De huidige versie, met haar ETag in de header.")
