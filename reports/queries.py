"""R21, R18: the figures of the escalation reports, aggregated in the database.

One function per question; the CMS reports (`reports.views`) and the API (`api/reports.py`)
both call them. They read only the reporting snapshot of an escalation (organisation, theme,
domains, line, channel, agent, moment, state, due date), never the citizen's data, so the
figures are the same before and after the retention period erases it.

Channel as the reports see it: a phone escalation is 'Doorgeschakeld'; an e-mail escalation
is 'E-mail' or 'CRM' after how the service receives it (R12). An escalation counts once in
each of its editorial domains. Escalations whose organisation, theme, line or agent was
deleted still count, under 'Onbekend'.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncDay
from django.utils import timezone

from calendar_engine import BRUSSELS
from escalations.models import Escalation, EscalationChannel, EscalationState
from points.models import EmailDelivery
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme
from reports.periods import (
    Period,
    bucket_label,
    bucket_start,
    bucket_starts,
)

TRANSFER, EMAIL, CRM = "transfer", "email", "crm"
CHANNELS = {TRANSFER: "Doorgeschakeld", EMAIL: "E-mail", CRM: "CRM"}
UNKNOWN = "Onbekend"

IS_TRANSFER = Q(channel=EscalationChannel.PHONE)
IS_CRM = Q(channel=EscalationChannel.EMAIL, delivery=EmailDelivery.CRM)
IS_EMAIL = Q(channel=EscalationChannel.EMAIL) & ~Q(delivery=EmailDelivery.CRM)
CHANNEL_CONDITIONS = {TRANSFER: IS_TRANSFER, EMAIL: IS_EMAIL, CRM: IS_CRM}
# A transfer the agent made although the route was closed (outside the hours, a closing day,
# an exception, not allowed): always with a reason (R17, issue 11).
OUTSIDE_HOURS = IS_TRANSFER & Q(route_possible=False)
FAILED = Q(state=EscalationState.FAILED)


@dataclass(frozen=True)
class Filters:
    """What a report counts: escalations in the period, narrowed by any dimension."""

    period: Period
    organisation_id: int | None = None
    theme_id: int | None = None
    domain_id: int | None = None
    line_id: int | None = None
    channel: str = ""
    agent_id: int | None = None


@dataclass(frozen=True)
class Row:
    """One group of a grouping: how many escalations, and of them how many transfers,
    transfers outside the hours (with a reason) and failed deliveries."""

    key: str | None
    label: str
    count: int
    transfers: int = 0
    outside_hours: int = 0
    failed: int = 0

    @property
    def outside_hours_percent(self) -> float | None:
        return percent(self.outside_hours, self.transfers)


@dataclass(frozen=True)
class Bucket:
    """One day, week or month of the figures over time."""

    start: date
    label: str
    total: int = 0
    transfers: int = 0
    email: int = 0
    crm: int = 0
    outside_hours: int = 0
    failed: int = 0

    @property
    def outside_hours_percent(self) -> float | None:
        return percent(self.outside_hours, self.transfers)


@dataclass(frozen=True)
class ServiceLevel:
    """R18 per organisation: e-mail escalations sent, and how their handling went."""

    key: str | None
    label: str
    sent: int
    on_time: int
    late: int
    open: int

    @property
    def on_time_percent(self) -> float | None:
        """Of the escalations whose outcome is known (on time or late)."""
        return percent(self.on_time, self.on_time + self.late)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- Which escalations ---------------------------------------------------------------------


def escalations(filters: Filters) -> QuerySet:
    start, end = filters.period.bounds()
    queryset = Escalation.objects.filter(created_at__gte=start, created_at__lt=end).order_by()
    exact = {
        "reporting_organisation_id": filters.organisation_id,
        "reporting_theme_id": filters.theme_id,
        "line_code_id": filters.line_id,
        "agent_id": filters.agent_id,
    }
    queryset = queryset.filter(**{field: value for field, value in exact.items() if value})
    if filters.domain_id:
        in_domain = Escalation.editorial_domains.through.objects.filter(
            escalation_id=OuterRef("pk"), editorialdomain_id=filters.domain_id
        )
        queryset = queryset.filter(Exists(in_domain))
    if filters.channel:
        queryset = queryset.filter(CHANNEL_CONDITIONS[filters.channel])
    return queryset


REPORT_CHANNEL = Case(
    When(IS_TRANSFER, then=Value(TRANSFER)),
    When(IS_CRM, then=Value(CRM)),
    default=Value(EMAIL),
    output_field=CharField(),
)


# --- Counts per group ----------------------------------------------------------------------


def organisation_label(abbreviation: str | None, name: str | None) -> str:
    if not name:
        return UNKNOWN
    return f"{abbreviation} - {name}" if abbreviation and abbreviation != name else name


def agent_label(username: str | None, first_name: str | None, last_name: str | None) -> str:
    full_name = f"{first_name or ''} {last_name or ''}".strip()
    return full_name or username or UNKNOWN


def organisation_names(ids) -> dict:
    rows = Organisation.objects.filter(pk__in=ids).values_list("pk", "abbreviation", "name")
    return {pk: (short, organisation_label(short, name)) for pk, short, name in rows}


def theme_names(ids) -> dict:
    rows = ReportingTheme.objects.filter(pk__in=ids).values_list("pk", "name")
    return {pk: (name, name) for pk, name in rows}


def domain_names(ids) -> dict:
    rows = EditorialDomain.objects.filter(pk__in=ids).values_list("pk", "name")
    return {pk: (name, name) for pk, name in rows}


def line_names(ids) -> dict:
    rows = LineCode.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in rows}


def agent_names(ids) -> dict:
    users = get_user_model().objects.filter(pk__in=ids)
    rows = users.values_list("pk", "username", "first_name", "last_name")
    return {pk: (name, agent_label(name, first, last)) for pk, name, first, last in rows}


def channel_names(keys) -> dict:
    return {key: (key, CHANNELS.get(key, UNKNOWN)) for key in keys}


@dataclass(frozen=True)
class Grouping:
    """The database counts per `field` (a foreign key's id, so it groups on integers without
    joining the names to a million rows); `names` then reads the key and label of the few
    groups found in one query."""

    label: str  # the column's heading
    field: str
    names: Callable[[list], dict]
    none_label: str = UNKNOWN


GROUPINGS = {
    "organisation": Grouping(
        "Rapporteringsorganisatie", "reporting_organisation_id", organisation_names
    ),
    "theme": Grouping("Rapporteringsthema", "reporting_theme_id", theme_names),
    "domain": Grouping(
        "Redactioneel domein", "editorial_domains", domain_names, "Geen redactioneel domein"
    ),
    "line": Grouping("Lijncode", "line_code_id", line_names),
    "channel": Grouping("Kanaal", "report_channel", channel_names),
    "agent": Grouping("Voorlichter", "agent_id", agent_names),
}
GROUP_NAMES = {
    "organisation": "Per rapporteringsorganisatie",
    "theme": "Per rapporteringsthema",
    "domain": "Per redactioneel domein",
    "line": "Per lijncode",
    "channel": "Per kanaal",
    "agent": "Per voorlichter",
}


def figures():
    return {
        "count": Count("pk"),
        "transfers": Count("pk", filter=IS_TRANSFER),
        "outside_hours": Count("pk", filter=OUTSIDE_HOURS),
        "failed": Count("pk", filter=FAILED),
    }


def counts(group_by: str, filters: Filters) -> list[Row]:
    """Escalations per group, most first (then by label). An escalation with two editorial
    domains counts once in each; one without any under 'Geen redactioneel domein'."""
    grouping = GROUPINGS[group_by]
    queryset = escalations(filters)
    if group_by == "channel":
        queryset = queryset.annotate(report_channel=REPORT_CHANNEL)
    values = list(queryset.values(grouping.field).annotate(**figures()))
    names = grouping.names([value[grouping.field] for value in values if value[grouping.field]])
    rows = []
    for value in values:
        key, label = names.get(value.pop(grouping.field), (None, grouping.none_label))
        rows.append(Row(key=key, label=label, **value))
    return sorted(rows, key=lambda row: (-row.count, row.label))


def total(filters: Filters) -> Row:
    """Every escalation in the period once (whatever its domains)."""
    value = escalations(filters).aggregate(**figures())
    return Row(key=None, label="Totaal", **value)


# --- Over time -----------------------------------------------------------------------------


def over_time(interval: str, filters: Filters) -> list[Bucket]:
    """Per local day, week (from Monday) or month: escalations per channel, transfers outside
    the hours with a reason, failed deliveries. Every period appears, also without any.

    The database counts per local day (at most a few thousand rows, on the expression that
    the index of migration reports 0004 gives statistics to); weeks and months are summed
    here from those days."""
    day = TruncDay("created_at", tzinfo=BRUSSELS)
    values = (
        escalations(filters)
        .annotate(day=day)
        .values("day")
        .annotate(
            total=Count("pk"),
            transfers=Count("pk", filter=IS_TRANSFER),
            email=Count("pk", filter=IS_EMAIL),
            crm=Count("pk", filter=IS_CRM),
            outside_hours=Count("pk", filter=OUTSIDE_HOURS),
            failed=Count("pk", filter=FAILED),
        )
    )
    found: dict[date, Counter] = defaultdict(Counter)
    for value in values:
        local_day = timezone.localtime(value.pop("day"), BRUSSELS).date()
        found[bucket_start(interval, local_day)].update(value)
    return [
        Bucket(start=start, label=bucket_label(interval, start), **found.get(start, {}))
        for start in bucket_starts(interval, filters.period)
    ]


# --- Service levels (R18) ------------------------------------------------------------------


def service_levels(filters: Filters, today: date) -> list[ServiceLevel]:
    """Per organisation, the e-mail escalations sent in the period (a delivery that failed
    is left out: the service never got it) and their handling: on time (confirmed on or
    before the due date, local day), late (confirmed after it, or not confirmed and the due
    date passed) and open (not confirmed, not yet due)."""
    confirmed_on = "handling_confirmation__confirmed_on"
    not_confirmed = Q(handling_confirmation__isnull=True)
    values = list(
        escalations(filters)
        .filter(channel=EscalationChannel.EMAIL, due_date__isnull=False)
        .exclude(FAILED)
        .values("reporting_organisation_id")
        .annotate(
            sent=Count("pk"),
            on_time=Count("pk", filter=Q(**{f"{confirmed_on}__lte": F("due_date")})),
            late=Count(
                "pk",
                filter=Q(**{f"{confirmed_on}__gt": F("due_date")})
                | (not_confirmed & Q(due_date__lt=today)),
            ),
            open=Count("pk", filter=not_confirmed & Q(due_date__gte=today)),
        )
    )
    found = [value["reporting_organisation_id"] for value in values]
    names = organisation_names([pk for pk in found if pk])
    rows = []
    for value in values:
        key, label = names.get(value.pop("reporting_organisation_id"), (None, UNKNOWN))
        rows.append(ServiceLevel(key=key, label=label, **value))
    return sorted(rows, key=lambda row: (-row.sent, row.label))


def service_level_total(rows: list[ServiceLevel]) -> ServiceLevel:
    return ServiceLevel(
        key=None,
        label="Totaal",
        sent=sum(row.sent for row in rows),
        on_time=sum(row.on_time for row in rows),
        late=sum(row.late for row in rows),
        open=sum(row.open for row in rows),
    )
