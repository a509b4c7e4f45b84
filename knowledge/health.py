"""Editorial health: every point that breaks a rule or a recommendation of the guideline, as a
to-do list for editors instead of a surprise for an agent during a call (issue 12).

A finding names the rule (R2 … R23), says in Dutch what is wrong and what to do, and the tab
of the point's form where it is fixed. A point with an unpublished draft is judged on its
draft, the version editors work on; the finding says so. The checks reuse the rules of
`points.rules` (the same words as the warnings after a save) and add the ones only a look over
time or over the links can see: old agreements, long exceptions, points nobody links.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F
from django.utils import timezone

from knowledge.models import ITEM_KINDS, Question
from points import rules
from points.models import AvailabilityException, EscalationPoint, TimeSlot
from reference.models import Organisation

LONG_TERM_WORKING_DAYS = 20
AGREEMENTS_MAX_AGE = timedelta(days=2 * 365)
UNCHANGED_MAX_AGE = timedelta(days=365)
EXCEPTION_MAX_LENGTH = timedelta(days=31)

LONG_TERM_WITHOUT_INFO = (
    "De behandeltermijn is {days} werkdagen, zonder info. Leg de burger in het veld Info uit "
    "waarom het zo lang duurt; die zin komt in de bevestiging aan de burger (R18)."
)
LONG_EXCEPTION = (
    "De afwijkende bereikbaarheid '{message}' duurt langer dan een maand ({start} tot {end}). "
    "Ze is bedoeld voor uitzonderlijke onbereikbaarheid: pas bij een blijvende wijziging de "
    "telefonische uren aan."
)
ORGANISATION_NOT_TOP_LEVEL = (
    "De rapporteringsorganisatie {organisation} is geen entiteit (hoogste niveau) meer: kies {top}."
)
AGREEMENTS_OLD = (
    "De afspraken met de dienst dateren van {date}, meer dan twee jaar geleden. Bevestig ze "
    "opnieuw met de dienst en pas de datum aan."
)
NOT_LINKED = (
    "Geen enkel gepubliceerd topic, artikel, product of vraag toont dit escalatiepunt: "
    "voorlichters vinden het enkel via zoeken. Koppel het via de tab Contactcenter van die "
    "items."
)
UNCHANGED = (
    "Dit escalatiepunt is sinds {date} niet meer gewijzigd. Kijk met de dienst na of nummer, "
    "uren en behandeltermijn nog kloppen."
)

TAB_LABELS = {
    "inhoud": "Inhoud",
    "contact": "Contact",
    "behandeltermijn": "Behandeltermijn",
    "refereren": "Refereren",
    "publiceren": "Publiceren",
    "rapporteren": "Rapporteren",
}


@dataclass(frozen=True)
class Finding:
    point_id: int
    title: str
    rule: str
    message: str
    tab: str
    in_draft: bool
    live: bool
    organisation_id: int | None

    @property
    def tab_label(self) -> str:
        return TAB_LABELS[self.tab]


@dataclass(frozen=True)
class Seen:
    """What the checks need besides the point itself."""

    now: datetime
    linked: frozenset[int]


@dataclass
class Facts:
    """What the checks read of one version of a point. Built from plain rows for the many
    published points (no model instances: the report covers every point at once) and from
    the revision for a draft."""

    pk: int
    live: bool
    in_draft: bool
    editorial_title: str
    instructions: str
    phone_number: str
    phone_transfer_allowed: bool
    phone_share_with_citizen: bool
    email_address: str
    email_forward_allowed: bool
    email_share_with_citizen: bool
    email_template_id: int | None
    handling_working_days: int
    handling_info: str
    reporting_theme_id: int | None
    reporting_organisation_id: int | None
    agreements_date: date | None
    agreements_with: str
    changed_at: datetime | None
    has_hours: bool = False
    exceptions: list = field(default_factory=list)
    organisation: Organisation | None = None


FACT_FIELDS = [
    name
    for name in Facts.__dataclass_fields__
    if name not in ("pk", "in_draft", "changed_at", "has_hours", "exceptions", "organisation")
]


Check = Callable[[Facts, Seen], Iterable[str]]


def _title(point, seen):
    if point.editorial_title and not rules.title_follows_pattern(point.editorial_title):
        yield rules.TITLE_WARNING


def _instructions(point, seen):
    instructions = (point.instructions or "").strip()
    if len(instructions) > rules.INSTRUCTIONS_MAX_LENGTH:
        yield rules.INSTRUCTIONS_TOO_LONG_WARNING.format(length=len(instructions))
    if rules.instructions_not_imperative(instructions):
        yield rules.INSTRUCTIONS_NOT_IMPERATIVE_WARNING


def _paying_number(point, seen):
    cost = rules.number_cost(point.phone_number)
    if cost:
        yield cost.format(number=point.phone_number)


def _personal_address(point, seen):
    if point.email_address and rules.email_looks_personal(point.email_address):
        yield rules.PERSONAL_EMAIL_WARNING.format(address=point.email_address)


def _template(point, seen):
    if point.email_address and point.email_forward_allowed and point.email_template_id is None:
        yield rules.TEMPLATE_REQUIRED


def _usable_route(point, seen):
    if not point.phone_number and not point.email_address:
        yield rules.NO_ROUTE
    phone_unused = not (point.phone_transfer_allowed or point.phone_share_with_citizen)
    if point.phone_number and not point.email_address and phone_unused:
        yield rules.PHONE_UNUSABLE_WARNING
    if point.email_address and not (point.email_forward_allowed or point.email_share_with_citizen):
        yield rules.EMAIL_UNUSABLE_WARNING


def _phone_hours(point, seen):
    if point.phone_number and point.phone_transfer_allowed and not point.has_hours:
        yield rules.NO_PHONE_HOURS_WARNING


def _exceptions(point, seen):
    for exception in point.exceptions:
        if exception.ends_at <= seen.now:
            continue  # over: it is no longer shown (R16)
        if exception.ends_at - exception.starts_at > EXCEPTION_MAX_LENGTH:
            yield LONG_EXCEPTION.format(
                message=exception.message,
                start=_day(exception.starts_at),
                end=_day(exception.ends_at),
            )
        if rules.names_internal_reason(exception.message):
            yield rules.INTERNAL_REASON_WARNING.format(message=exception.message)


def _handling_term(point, seen):
    days = point.handling_working_days or 0
    if days > LONG_TERM_WORKING_DAYS and not (point.handling_info or "").strip():
        yield LONG_TERM_WITHOUT_INFO.format(days=days)


def _reporting(point, seen):
    if point.reporting_theme_id is None:
        yield rules.NO_THEME_WARNING
    organisation = point.organisation
    if organisation is None:
        yield rules.ORGANISATION_REQUIRED
    elif not organisation.is_top_level:
        yield ORGANISATION_NOT_TOP_LEVEL.format(
            organisation=organisation.name, top=organisation.top_level.name
        )


def _agreements(point, seen):
    if not point.agreements_date:
        yield rules.AGREEMENTS_DATE_REQUIRED
    elif point.agreements_date < (seen.now - AGREEMENTS_MAX_AGE).date():
        yield AGREEMENTS_OLD.format(date=_day(point.agreements_date))
    if not (point.agreements_with or "").strip():
        yield rules.AGREEMENTS_WITH_REQUIRED


def _linked(point, seen):
    if point.live and point.pk not in seen.linked:
        yield NOT_LINKED


def _unchanged(point, seen):
    if point.changed_at is not None and point.changed_at < seen.now - UNCHANGED_MAX_AGE:
        yield UNCHANGED.format(date=_day(point.changed_at))


# (rule, tab, check), in the order of the point's form.
CHECKS: list[tuple[str, str, Check]] = [
    ("R2", "inhoud", _title),
    ("R3", "inhoud", _instructions),
    ("R9", "contact", _paying_number),
    ("R10", "contact", _personal_address),
    ("R14", "contact", _template),
    ("R15", "contact", _usable_route),
    ("R16", "contact", _exceptions),
    ("R17", "contact", _phone_hours),
    ("R18", "behandeltermijn", _handling_term),
    ("R21", "rapporteren", _reporting),
    ("R22", "publiceren", _agreements),
    ("R22", "publiceren", _unchanged),
    ("R23", "publiceren", _linked),
]
RULES = sorted({rule for rule, _, _ in CHECKS}, key=lambda rule: int(rule[1:]))


def _day(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y")


def linked_point_ids() -> frozenset[int]:
    """Points that a published knowledge item shows (one query per kind of item)."""
    ids = set()
    for model in ITEM_KINDS.values():
        links = model._meta.get_field("escalation_point_links").related_model.objects
        if model is not Question:
            links = links.filter(item__live=True)
        ids.update(links.values_list("point_id", flat=True))
    return frozenset(ids)


def _rows(organisation_id=None, point_ids=None):
    points = EscalationPoint.objects.order_by("editorial_title", "pk")
    if organisation_id is not None:
        points = points.filter(reporting_organisation_id=organisation_id)
    if point_ids is not None:
        points = points.filter(pk__in=point_ids)
    return points


def _published_facts(points, organisations: dict, now: datetime) -> dict[int, Facts]:
    """Facts of the points' own rows (their published or only version): three queries."""
    rows = points.values(
        "pk", "has_unpublished_changes", *FACT_FIELDS, changed=F("latest_revision__created_at")
    )
    facts = {}
    for row in rows:
        row.pop("has_unpublished_changes")
        changed = row.pop("changed")
        facts[row["pk"]] = Facts(
            **row,
            in_draft=False,
            changed_at=changed,
            organisation=organisations.get(row["reporting_organisation_id"]),
        )
    with_hours = TimeSlot.objects.filter(point__in=points).values_list("point_id", flat=True)
    for point_id in with_hours.distinct():
        if point_id in facts:
            facts[point_id].has_hours = True
    current = AvailabilityException.objects.filter(point__in=points, ends_at__gt=now)
    for exception in current.order_by("starts_at"):
        if exception.point_id in facts:
            facts[exception.point_id].exceptions.append(exception)
    return facts


def _draft_facts(points, organisations: dict) -> dict[int, Facts]:
    """Facts of the drafts (latest revisions) of points that have unpublished changes."""
    drafts = points.filter(has_unpublished_changes=True).select_related("latest_revision")
    facts = {}
    for point in drafts:
        if point.latest_revision is None:
            continue
        draft = point.latest_revision.as_object()
        facts[point.pk] = Facts(
            pk=point.pk,
            in_draft=True,
            changed_at=point.latest_revision.created_at,
            has_hours=bool(draft.time_slots.all()),
            exceptions=list(draft.exceptions.all()),
            organisation=organisations.get(draft.reporting_organisation_id),
            **{name: getattr(draft, name) for name in FACT_FIELDS if name != "live"},
            live=point.live,
        )
    return facts


def version_facts(organisation_id=None, point_ids=None, now=None) -> list[Facts]:
    """Per point the version to judge: the draft when there is one (what editors will
    publish), else the point itself; in the order of the titles."""
    now = now or timezone.now()
    points = _rows(organisation_id, point_ids)
    organisations = Organisation.objects.select_related("parent").in_bulk()
    facts = _published_facts(points, organisations, now)
    facts.update(_draft_facts(points, organisations))
    return list(facts.values())


def findings(
    *, rule: str = "", organisation_id: int | None = None, point_ids=None, now=None
) -> list[Finding]:
    """Every finding, in the order of the points' titles and then of the form."""
    seen = Seen(now=now or timezone.now(), linked=linked_point_ids())
    checks = [
        (check_rule, tab, check)
        for check_rule, tab, check in CHECKS
        if not rule or check_rule == rule
    ]
    found = []
    for facts in version_facts(organisation_id, point_ids, seen.now):
        for check_rule, tab, check in checks:
            found += [
                Finding(
                    point_id=facts.pk,
                    title=facts.editorial_title,
                    rule=check_rule,
                    message=message,
                    tab=tab,
                    in_draft=facts.in_draft,
                    live=facts.live,
                    organisation_id=facts.reporting_organisation_id,
                )
                for message in check(facts, seen)
            ]
    return found
