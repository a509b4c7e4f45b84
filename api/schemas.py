"""The JSON shapes of API v1 (see DESIGN.md, 'The escalation point as JSON')."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

Channel = Literal["phone", "email", "both"]
TimeRange = tuple[str, str]


class _In(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PhoneIn(_In):
    number: str | None = Field(None, description="Bijv. 011 12 34 56; genormaliseerd (R5).")
    transfer_allowed: bool | None = Field(None, description="Standaard true (R7).")
    transfer_mode: Literal["closed", "open"] | None = Field(None, description="Standaard closed.")
    share_with_citizen: bool | None = None


class EmailIn(_In):
    address: str | None = None
    forward_allowed: bool | None = Field(None, description="Standaard true (R11).")
    delivery: Literal["email", "crm"] | None = Field(None, description="Standaard email (R12).")
    share_with_citizen: bool | None = None
    template: str | None = Field(None, description="Code van de template, standaard 1700 (R14).")


class PhoneHoursIn(_In):
    mon: list[TimeRange] = []
    tue: list[TimeRange] = []
    wed: list[TimeRange] = []
    thu: list[TimeRange] = []
    fri: list[TimeRange] = []
    sat: list[TimeRange] = []
    sun: list[TimeRange] = []


class ExceptionIn(_In):
    starts_at: dt.datetime
    ends_at: dt.datetime
    channel: Channel = "phone"
    whole_days: bool = Field(False, description="Van middernacht tot middernacht (R16).")
    replacement_hours: list[TimeRange] | None = Field(
        None, description="Vervangende uren in de periode; leeg = onbereikbaar."
    )
    message: str


class HandlingTermIn(_In):
    working_days: int | None = Field(None, description="Standaard 5 werkdagen (R18).")
    info: str | None = None
    due_date: dt.date | None = Field(None, description="Alleen-lezen; wordt genegeerd.")


class ContactPersonIn(_In):
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


class ReportingIn(_In):
    editorial_domains: list[str] | None = None
    theme: str | None = None
    organisation: str | None = Field(None, description="Afkorting van de entiteit (R21).")


class AgreementsIn(_In):
    date: dt.date | None = None
    with_: str | None = Field(None, alias="with")


READ_ONLY_FIELDS = {
    "id",
    "has_unpublished_changes",
    "phone_hours_summary",
    "availability",
    "linked_items",
    "warnings",
}


class PointIn(_In):
    """The detail's JSON; its read-only parts may be sent back and are ignored."""

    id: int | None = None
    has_unpublished_changes: bool | None = None
    phone_hours_summary: str | None = None
    availability: dict | None = None
    linked_items: list[dict] | None = None
    warnings: list[str] | None = None
    status: Literal["draft", "published"] = "draft"
    editorial_title: str | None = None
    public_title: str | None = None
    instructions: str | None = None
    content: str | None = None
    phone: PhoneIn | None = None
    email: EmailIn | None = None
    phone_hours: PhoneHoursIn | None = None
    exceptions: list[ExceptionIn] | None = None
    handling_term: HandlingTermIn | None = None
    contact_persons: list[ContactPersonIn] | None = None
    search_terms: list[str] | None = None
    line_codes: list[str] | None = Field(None, description="Codes, standaard ['1700'] (R20).")
    reporting: ReportingIn | None = None
    agreements: AgreementsIn | None = None


class PhoneOut(Schema):
    number: str
    transfer_allowed: bool
    transfer_mode: str
    share_with_citizen: bool


class EmailOut(Schema):
    address: str
    forward_allowed: bool
    delivery: str
    share_with_citizen: bool
    template: str | None


class ExceptionOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    channel: Channel
    whole_days: bool
    replacement_hours: list[TimeRange] | None
    message: str


class HandlingTermOut(Schema):
    working_days: int
    info: str
    due_date: dt.date | None = Field(
        None, description="Alleen in de detailweergave: de vervaldag vanaf vandaag (R18)."
    )


class AvailabilityOut(Schema):
    phone_transfer_possible: bool
    reason: Literal[
        "open",
        "outside_hours",
        "closing_day",
        "exception",
        "no_phone",
        "transfer_not_allowed",
        "no_hours",
    ]
    reason_text: str
    closes_at: dt.datetime | None
    next_possible_at: dt.datetime | None
    exception_message: str | None


class HandlingTermAtOut(Schema):
    working_days: int
    due_date: dt.date
    info: str


class ContactPersonOut(Schema):
    name: str
    role: str
    email: str
    phone: str


class ReportingOut(Schema):
    editorial_domains: list[str]
    theme: str | None
    organisation: str | None


class AgreementsOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    date: dt.date | None
    with_: str = Field(alias="with")


class LinkedItemOut(Schema):
    kind: Literal["topic", "article", "product", "question", "organisation"]
    id: int
    title: str


class PointOut(Schema):
    id: int
    status: Literal["draft", "published"]
    has_unpublished_changes: bool
    editorial_title: str
    public_title: str
    instructions: str
    content: str
    phone: PhoneOut
    email: EmailOut
    phone_hours: dict[str, list[TimeRange]]
    phone_hours_summary: str
    exceptions: list[ExceptionOut]
    handling_term: HandlingTermOut
    contact_persons: list[ContactPersonOut]
    search_terms: list[str]
    line_codes: list[str]
    reporting: ReportingOut
    agreements: AgreementsOut
    linked_items: list[LinkedItemOut] | None = Field(
        None,
        description="Alleen in de detailweergave: de kennisitems die dit punt koppelen (R23) "
        "en de rapporteringsorganisatie (R24).",
    )
    availability: AvailabilityOut | None = Field(
        None, description="Alleen in de detailweergave: kan er nu doorgeschakeld worden?"
    )
    warnings: list[str] = Field(
        description="Redactioneel advies dat niet blokkeert (R2 titel, R3 instructies, R10 adres)."
    )


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class PointSummaryOut(Schema):
    id: int
    editorial_title: str
    instructions: str
    phone: PhoneOut
    email: EmailOut


class KnowledgeItemOut(Schema):
    kind: Literal["topic", "article", "product", "question", "organisation"]
    id: int
    title: str
    escalation_points: list[PointSummaryOut] = Field(
        description="Gepubliceerde escalatiepunten in de volgorde van tab Contactcenter."
    )
