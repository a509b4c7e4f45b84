"""Escalating a question (R6, R8, R11, R12, R14, R16-R18, R26): the one place where the
console, the API and the demo record a transfer or an e-mail escalation.

`escalate` checks everything first and writes nothing when something is wrong
(`EscalationRefused`, Dutch messages per field). An e-mail escalation is written together
with its messages in the outbox, in one transaction; the worker delivers them. A repeated
idempotency key of the same agent gives the earlier escalation back, never a second one.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from stdnum import exceptions as stdnum_errors
from stdnum.be import ssn

from calendar_engine import Reason
from core.text import clean_text
from escalations import outbox
from escalations.messages import EscalationMessages, render_messages
from escalations.models import (
    Escalation,
    EscalationChannel,
    EscalationState,
    MessageKind,
    MessageRoute,
)
from points.models import EmailDelivery, EscalationPoint
from points.rules import normalise_email, normalise_phone
from points.schedules import availability_at, card_context
from reference.models import EmailTemplate, LineCode

ADD_ESCALATION = "escalations.add_escalation"

MAX_NAME = 200
MAX_QUESTION = 5000
MAX_NOTE = 2000
MAX_REASON = 500
MAX_KEY = 100

POINT_UNKNOWN = "Dit escalatiepunt bestaat niet of is niet gepubliceerd."
CHANNEL_UNKNOWN = "Kies telefonisch doorschakelen (phone) of e-mail (email)."
NO_PHONE = "Dit escalatiepunt heeft geen telefoonnummer: escaleer per e-mail (R6)."
NO_EMAIL = "Dit escalatiepunt heeft geen e-mailadres: schakel telefonisch door."
EMAIL_NOT_ALLOWED = (
    "Dit escalatiepunt laat niet toe dat de vraag per e-mail doorgestuurd wordt (R11): de "
    "burger moet de mail zelf sturen."
)
EMAIL_CLOSED = "Het e-mailkanaal van dit escalatiepunt is gesloten: {message}"
NO_TEMPLATE = (
    "Dit escalatiepunt heeft geen e-mailtemplate. Vraag de redactie er een te kiezen (R14)."
)
REASON_NEEDED = "{why} Geef een reden op als je toch doorschakelt."
TRANSFER_NOT_ALLOWED = "Doorschakelen naar dit escalatiepunt is niet toegestaan."
TRANSFER_NOT_POSSIBLE_NOW = "Doorschakelen kan nu niet: {reason}"
NAME_REQUIRED = "Vul de naam van de burger in."
CONTACT_REQUIRED = (
    "Vul een e-mailadres of telefoonnummer van de burger in, zodat de dienst hem kan contacteren."
)
QUESTION_REQUIRED = "Vul de vraag van de burger in."
NATIONAL_NUMBER_REQUIRED = "Dit escalatiepunt vraagt altijd het rijksregisternummer van de burger."
NATIONAL_NUMBER_ERRORS = {
    stdnum_errors.InvalidLength: "Een rijksregisternummer heeft 11 cijfers, bijv. 85.07.30-033.28.",
    stdnum_errors.InvalidFormat: "Een rijksregisternummer bevat enkel cijfers (punten, "
    "streepjes en spaties mogen), bijv. 85.07.30-033.28.",
    stdnum_errors.InvalidChecksum: "Dit rijksregisternummer klopt niet: de controlecijfers "
    "passen niet bij de andere cijfers. Kijk het na.",
    stdnum_errors.InvalidComponent: "Dit rijksregisternummer klopt niet: het begint niet met "
    "een bestaande geboortedatum. Kijk het na.",
}
NATIONAL_NUMBER_INVALID = "Dit is geen geldig rijksregisternummer, bijv. 85.07.30-033.28."
LINE_UNKNOWN = "Deze lijncode bestaat niet."
TOO_LONG = "Maximaal {limit} tekens."
KEY_INVALID = "Een idempotentiesleutel heeft hoogstens 100 tekens."


class EscalationRefused(Exception):
    """Nothing was recorded; `errors` says why, per field (Dutch)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(message for messages in errors.values() for message in messages))


class MayNotEscalate(Exception):
    pass


@dataclass(frozen=True)
class Citizen:
    name: str = ""
    email: str = ""
    phone: str = ""
    national_number: str = ""


@dataclass(frozen=True)
class EscalationRequest:
    """What an agent asks, as typed (the console form and the API both fill it in)."""

    point_id: int
    channel: str
    citizen: Citizen = field(default_factory=Citizen)
    question: str = ""
    note: str = ""
    reason: str = ""
    line_code: str = ""
    idempotency_key: str = ""


@dataclass(frozen=True)
class Route:
    """May the agent use the channel now, and if not: may a reason override it?"""

    possible: bool
    refusal: str = ""  # never possible: no reason helps
    needs_reason: str = ""  # possible only with a reason


def phone_route(point: EscalationPoint, at: datetime) -> Route:
    if not point.has_phone:
        return Route(False, refusal=NO_PHONE)
    if not point.phone_transfer_allowed:
        return Route(False, needs_reason=REASON_NEEDED.format(why=TRANSFER_NOT_ALLOWED))
    availability = availability_at(point, at)
    if availability.possible:
        return Route(True)
    why = TRANSFER_NOT_POSSIBLE_NOW.format(reason=availability.reason_text.rstrip("."))
    if availability.reason == Reason.EXCEPTION and availability.exception_message:
        why = TRANSFER_NOT_POSSIBLE_NOW.format(reason=availability.exception_message.rstrip("."))
    return Route(False, needs_reason=REASON_NEEDED.format(why=why + "."))


def email_route(point: EscalationPoint, at: datetime, card: dict | None = None) -> Route:
    """`card`: the point's `card_context` at `at`, when the caller has it already."""
    if not point.has_email:
        return Route(False, refusal=NO_EMAIL)
    if not point.email_forward_allowed:
        return Route(False, refusal=EMAIL_NOT_ALLOWED)
    state = (card or card_context(point, at))["email"]
    if not state.possible:
        return Route(False, refusal=EMAIL_CLOSED.format(message=state.exception_message or ""))
    if template_of(point) is None:
        return Route(False, refusal=NO_TEMPLATE)
    return Route(True)


def route_now(point: EscalationPoint, channel: str, at: datetime | None = None) -> Route:
    at = at or timezone.now()
    if channel == EscalationChannel.PHONE:
        return phone_route(point, at)
    return email_route(point, at)


def template_of(point: EscalationPoint) -> EmailTemplate | None:
    if point.email_template_id:
        return point.email_template
    return EmailTemplate.objects.defaults().order_by("pk").first()


# --- Reading the request -------------------------------------------------------------------


def published_point(point_id) -> EscalationPoint | None:
    if not isinstance(point_id, int) or isinstance(point_id, bool) or not 0 < point_id < 2**63:
        return None
    return (
        EscalationPoint.objects.published()
        .select_related("reporting_organisation", "reporting_theme", "email_template")
        .prefetch_related("time_slots", "exceptions", "line_codes", "editorial_domains")
        .filter(pk=point_id)
        .first()
    )


def _text(value: str, limit: int, key: str, errors: dict, *, one_line: bool = False) -> str:
    text = clean_text(value or "").strip()
    if one_line:
        text = " ".join(text.split())
    if len(text) > limit:
        errors.setdefault(key, []).append(TOO_LONG.format(limit=limit))
    return text


def _normalised(normaliser, value: str, key: str, errors: dict) -> str:
    try:
        return normaliser(value)
    except ValidationError as error:
        errors.setdefault(key, []).extend(error.messages)
        return ""


def national_number(value: str, required: bool, errors: dict) -> str:
    key = "citizen.national_number"
    text = clean_text(value or "").strip()
    if not text:
        if required:
            errors.setdefault(key, []).append(NATIONAL_NUMBER_REQUIRED)
        return ""
    try:
        return ssn.validate(text)
    except stdnum_errors.ValidationError as error:
        message = NATIONAL_NUMBER_ERRORS.get(type(error), NATIONAL_NUMBER_INVALID)
        errors.setdefault(key, []).append(message)
        return ""


def citizen_data(request: EscalationRequest, point: EscalationPoint, errors: dict) -> dict:
    citizen = request.citizen
    name = _text(citizen.name, MAX_NAME, "citizen.name", errors, one_line=True)
    if not name:
        errors.setdefault("citizen.name", []).append(NAME_REQUIRED)
    email = _normalised(normalise_email, clean_text(citizen.email or ""), "citizen.email", errors)
    phone = _normalised(normalise_phone, clean_text(citizen.phone or ""), "citizen.phone", errors)
    if not email and not phone and not errors.keys() & {"citizen.email", "citizen.phone"}:
        errors.setdefault("citizen.email", []).append(CONTACT_REQUIRED)
    number = national_number(citizen.national_number, point.email_requires_national_number, errors)
    question = _text(request.question, MAX_QUESTION, "question", errors)
    if not question:
        errors.setdefault("question", []).append(QUESTION_REQUIRED)
    return {
        "citizen_name": name,
        "citizen_email": email,
        "citizen_phone": phone,
        "citizen_national_number": number,
        "question": question,
        "internal_note": _text(request.note, MAX_NOTE, "note", errors),
    }


def line_code_for(request: EscalationRequest, point: EscalationPoint, agent, errors: dict):
    """The line the call came in on: as chosen, else the first of the agent's lines that the
    point has (R20), else the point's first line, else the default line."""
    code = clean_text(request.line_code or "").strip()
    if code:
        line = LineCode.objects.filter(code=code).first()
        if line is None:
            errors.setdefault("line", []).append(LINE_UNKNOWN)
        return line
    point_lines = sorted(point.line_codes.all(), key=lambda line: line.code)
    own = set(LineCode.objects.of_agent(agent).values_list("pk", flat=True))
    for line in point_lines:
        if line.pk in own:
            return line
    if point_lines:
        return point_lines[0]
    return LineCode.objects.defaults().order_by("pk").first()


def checked(*, agent, request: EscalationRequest, at: datetime) -> Escalation:
    """The escalation as it would be recorded (not saved), or EscalationRefused."""
    if not agent.has_perm(ADD_ESCALATION):
        raise MayNotEscalate("Je mag niet escaleren.")
    if request.channel not in EscalationChannel.values:
        raise EscalationRefused({"channel": [CHANNEL_UNKNOWN]})
    point = published_point(request.point_id)
    if point is None:
        raise EscalationRefused({"point": [POINT_UNKNOWN]})
    errors: dict[str, list[str]] = {}
    if len(request.idempotency_key or "") > MAX_KEY:
        errors["idempotency_key"] = [KEY_INVALID]
    card = card_context(point, at) if request.channel == EscalationChannel.EMAIL else None
    route = email_route(point, at, card) if card is not None else phone_route(point, at)
    if route.refusal:
        errors.setdefault("channel", []).append(route.refusal)
    reason = _text(request.reason, MAX_REASON, "reason", errors)
    if route.needs_reason and not reason:
        errors.setdefault("reason", []).append(route.needs_reason)
    escalation = Escalation(
        created_at=at,
        channel=request.channel,
        point=point,
        point_title=point.shown_public_title,
        agent=agent,
        line_code=line_code_for(request, point, agent, errors),
        reporting_organisation=point.reporting_organisation,
        reporting_theme=point.reporting_theme,
        contact_closed=point.closes_contact,
        route_possible=route.possible,
        reason=reason,
        idempotency_key=clean_text(request.idempotency_key or "").strip(),
    )
    if request.channel == EscalationChannel.EMAIL:
        for name, value in citizen_data(request, point, errors).items():
            setattr(escalation, name, value)
        escalation.state = EscalationState.QUEUED
        escalation.delivery = point.email_delivery
        escalation.service_address = point.email_address
        escalation.working_days = point.handling_working_days
        escalation.due_date = card["due_date"]
    else:
        escalation.state = EscalationState.RECORDED
    if errors:
        raise EscalationRefused(errors)
    return escalation


# --- Writing -----------------------------------------------------------------------------


def earlier(agent, key: str) -> Escalation | None:
    key = clean_text(key or "").strip()
    if not key or len(key) > MAX_KEY:
        return None
    return Escalation.objects.filter(agent=agent, idempotency_key=key).first()


def preview(*, agent, request: EscalationRequest, at: datetime | None = None):
    """The two messages an e-mail escalation would send, exactly, without recording it."""
    escalation = checked(agent=agent, request=request, at=at or timezone.now())
    return render_messages(escalation, escalation.point, template_of(escalation.point))


def escalate(
    *, agent, request: EscalationRequest, at: datetime | None = None
) -> tuple[Escalation, bool]:
    """Record the escalation (and queue its messages); returns it and whether it is new.
    A repeated idempotency key returns the earlier escalation unchanged."""
    found = earlier(agent, request.idempotency_key)
    if found is not None:
        return found, False
    escalation = checked(agent=agent, request=request, at=at or timezone.now())
    try:
        with transaction.atomic():
            escalation.save()
            escalation.editorial_domains.set(escalation.point.editorial_domains.all())
            if escalation.channel == EscalationChannel.EMAIL:
                messages = render_messages(
                    escalation, escalation.point, template_of(escalation.point)
                )
                queue_messages(escalation, messages)
    except IntegrityError:
        found = earlier(agent, request.idempotency_key)
        if found is None:
            raise
        return found, False
    return escalation, True


def queue_messages(escalation: Escalation, messages: EscalationMessages) -> None:
    to_service = messages.to_service
    crm = escalation.delivery == EmailDelivery.CRM
    outbox.enqueue_message(
        escalation=escalation,
        kind=MessageKind.SERVICE,
        route=MessageRoute.CRM if crm else MessageRoute.SMTP,
        recipient=(
            escalation.reporting_organisation.abbreviation
            if crm and escalation.reporting_organisation
            else to_service.recipient
        ),
        subject=to_service.subject,
        body=to_service.body,
    )
    if messages.to_citizen is not None:
        outbox.enqueue_message(
            escalation=escalation,
            kind=MessageKind.CITIZEN,
            route=MessageRoute.SMTP,
            recipient=messages.to_citizen.recipient,
            subject=messages.to_citizen.subject,
            body=messages.to_citizen.body,
        )


# --- Reading records -----------------------------------------------------------------------


def recent_for_point(point_id: int, limit: int = 5):
    """'Laatste escalaties' on a card: no citizen data, every agent sees them."""
    return (
        Escalation.objects.filter(point_id=point_id)
        .select_related("agent", "line_code")
        .order_by("-created_at", "-pk")[:limit]
    )


def recent_for_agent(agent, limit: int = 20):
    """The agent's own latest escalations (with the citizen's name until it is erased)."""
    return (
        Escalation.objects.filter(agent=agent)
        .select_related("point", "line_code")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Retention -----------------------------------------------------------------------------

PERSONAL_FIELDS = (
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "citizen_national_number",
    "question",
    "internal_note",
)


def erase_expired_personal_data(now: datetime | None = None, *, batch: int = 500) -> int:
    """Erase the citizen's data of escalations older than the retention period, keeping the
    records (and so the counts); returns how many escalations were erased. The texts of their
    messages go too: they contain the same data. Works in batches, each its own
    transaction, so a large backlog never holds a long lock."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ESCALATION_RETENTION_DAYS)
    expired = Escalation.objects.filter(created_at__lt=cutoff, personal_data_erased_at=None)
    erased = 0
    while ids := list(expired.values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            outbox.erase_message_texts(ids)
            erased += Escalation.objects.filter(pk__in=ids).update(
                personal_data_erased_at=now, **dict.fromkeys(PERSONAL_FIELDS, "")
            )
    return erased
