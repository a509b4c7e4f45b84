"""GET /api/v1/reports/…: the figures of the CMS's escalation reports (R21, R18), from the same
queries (`reports.queries`). Numbers only: no citizen data."""

import datetime as dt
from typing import Literal

from django.contrib.auth import get_user_model
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from api.schemas import ErrorOut
from core.text import clean_text
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme
from reports import queries
from reports.models import VIEW_REPORTS
from reports.periods import PeriodError, checked_interval, make_period

router = Router(tags=["rapporten"])

NO_REPORTS = "Je hebt geen rechten om de escalatierapporten te bekijken."
UNKNOWN = {
    "organisation": "Onbekende rapporteringsorganisatie: geef de afkorting, bijv. ANB.",
    "theme": "Onbekend rapporteringsthema: geef de naam, bijv. Jacht.",
    "domain": "Onbekend redactioneel domein: geef de naam, bijv. Natuur.",
    "line": "Onbekende lijncode: geef de code, bijv. 1700.",
    "agent": "Onbekende voorlichter: geef de gebruikersnaam.",
}
# How the API names the groups: by what the rest of the API uses for them.
LOOKUPS = {
    "organisation": (Organisation.objects, "abbreviation__iexact"),
    "theme": (ReportingTheme.objects, "name__iexact"),
    "domain": (EditorialDomain.objects, "name__iexact"),
    "line": (LineCode.objects, "code__iexact"),
    "agent": (get_user_model().objects, "username"),
}


class ReportFilters(Schema):
    start: str = Field("", alias="from", description="Eerste dag (JJJJ-MM-DD), lokale tijd.")
    end: str = Field("", alias="to", description="Laatste dag, inbegrepen (JJJJ-MM-DD).")
    organisation: str = Field("", description="Afkorting van de rapporteringsorganisatie.")
    theme: str = Field("", description="Naam van het rapporteringsthema.")
    domain: str = Field("", description="Naam van het redactionele domein.")
    line: str = Field("", description="Code van de lijn.")
    channel: Literal["", "transfer", "email", "crm"] = ""
    agent: str = Field("", description="Gebruikersnaam van de voorlichter.")


class GroupedFilters(ReportFilters):
    group_by: Literal["organisation", "theme", "domain", "line", "channel", "agent"] = (
        "organisation"
    )


class TimeFilters(ReportFilters):
    interval: Literal["day", "week", "month"] = "week"


class CountOut(Schema):
    key: str | None = Field(
        description="Afkorting, naam, code of gebruikersnaam; null voor 'Onbekend'."
    )
    label: str
    count: int
    transfers: int
    outside_hours: int = Field(description="Doorgeschakeld buiten de uren, met een reden.")
    failed: int = Field(description="Niet afgeleverd.")


class BucketOut(Schema):
    start: dt.date
    label: str
    total: int
    transfers: int
    email: int
    crm: int
    outside_hours: int
    failed: int


class ServiceLevelOut(Schema):
    key: str | None
    label: str
    sent: int
    on_time: int
    late: int
    open: int
    on_time_percent: float | None


def require_reports(request) -> None:
    if not (request.user.is_active and request.user.has_perm(VIEW_REPORTS)):
        raise HttpError(403, NO_REPORTS)


def lookup(name: str, text: str) -> int | None:
    text = clean_text(text).strip()
    if not text:
        return None
    manager, field = LOOKUPS[name]
    found = manager.filter(**{field: text}).values_list("pk", flat=True).first()
    if found is None:
        raise HttpError(400, UNKNOWN[name])
    return found


def report_filters(filters: ReportFilters) -> queries.Filters:
    try:
        period = make_period(
            clean_text(filters.start), clean_text(filters.end), today=timezone.localdate()
        )
    except PeriodError as error:
        raise HttpError(400, str(error)) from None
    return queries.Filters(
        period=period,
        organisation_id=lookup("organisation", filters.organisation),
        theme_id=lookup("theme", filters.theme),
        domain_id=lookup("domain", filters.domain),
        line_id=lookup("line", filters.line),
        channel=filters.channel,
        agent_id=lookup("agent", filters.agent),
    )


@router.get(
    "/escalations",
    response={200: list[CountOut], 400: ErrorOut},
    summary="Escalaties per groep (R21)",
)
def escalation_counts(request, filters: Query[GroupedFilters]):
    """Escalations in the period (default: the last 30 days) per reporting organisation,
    theme, editorial domain, line, channel (`transfer`, `email`, `crm`) or agent, most first.
    An escalation with two editorial domains counts once in each."""
    require_reports(request)
    rows = queries.counts(filters.group_by, report_filters(filters))
    return Status(200, [row.__dict__ for row in rows])


@router.get(
    "/escalations/over-time",
    response={200: list[BucketOut], 400: ErrorOut},
    summary="Escalaties per dag, week of maand (R21)",
)
def escalations_over_time(request, filters: Query[TimeFilters]):
    """Per local day, week (from Monday) or month of the period: escalations per channel,
    transfers outside the hours with a reason, failed deliveries. Every period is listed."""
    require_reports(request)
    chosen = report_filters(filters)
    try:
        interval = checked_interval(filters.interval, chosen.period)
    except PeriodError as error:
        raise HttpError(400, str(error)) from None
    buckets = queries.over_time(interval, chosen)
    return Status(200, [bucket.__dict__ for bucket in buckets])


@router.get(
    "/service-levels",
    response={200: list[ServiceLevelOut], 400: ErrorOut},
    summary="Behandeltermijnen per organisatie (R18)",
)
def service_levels(request, filters: Query[ReportFilters]):
    """E-mail escalations sent in the period per organisation: confirmed on time (on or
    before the due date), late (confirmed after it, or not confirmed and past due), open."""
    require_reports(request)
    levels = queries.service_levels(report_filters(filters), timezone.localdate())
    return Status(
        200, [{**level.__dict__, "on_time_percent": level.on_time_percent} for level in levels]
    )
