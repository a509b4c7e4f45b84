"""Escalating from the console (R6, R8, R11, R14, R18, R26): 'Doorschakelen' on a card, the
e-mail escalation form with its preview, the confirmation, and the lists of recent
escalations. Every rule lives in `escalations.services`; these views only ask it and show
its answer. Every form carries an idempotency key made when it is first shown, so a double
submit or a resubmit after 'back' records one escalation and shows the same confirmation."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from console import access, frames, invalidation
from console.access import agents_only
from console.kept import KeptWhileUnchanged
from core.ids import is_row_id
from core.permissions import has_permission
from core.text import clean_text
from escalations.messages import dutch_date, working_days_text
from escalations.models import Escalation, EscalationChannel, MessageKind
from escalations.services import (
    ADD_ESCALATION,
    Citizen,
    EscalationRefused,
    EscalationRequest,
    MayNotEscalate,
    escalate,
    line_code_for,
    preview,
    recent_for_agent,
    recent_for_point,
    route_now,
)
from escalations.signals import escalation_state_changed
from points.models import EmailDelivery, EscalationPoint
from points.schedules import availability_at
from reference.models import LineCode

VIEW_ESCALATIONS = "escalations.view_escalation"
MY_ESCALATIONS_SHOWN = 20

# The e-mail form's fields, and the field that shows each error of the services.
FORM_FIELDS = ("name", "email", "phone", "national_number", "question", "note", "line")
FIELD_OF_ERROR = {
    "citizen.name": "name",
    "citizen.email": "email",
    "citizen.phone": "phone",
    "citizen.national_number": "national_number",
    "question": "question",
    "note": "note",
    "line": "line",
}
ROUTE_ERRORS = ("point", "channel")
REASON_GIVEN_TOO_SHORT = "Vul een reden in om toch door te schakelen."
RECENT_KEEP_SECONDS = 300


def new_key() -> str:
    return str(uuid.uuid4())


def posted(request, name: str) -> str:
    """A posted text as the services read it: one kind of line break (a browser sends CRLF,
    which would make the sent message differ from the preview)."""
    return clean_text(request.POST.get(name, "")).replace("\r\n", "\n").replace("\r", "\n")


def may_escalate(user) -> bool:
    return access.may(user, ADD_ESCALATION)


def published_point_or_404(point_id: int) -> EscalationPoint:
    if not is_row_id(point_id):
        raise Http404
    return get_object_or_404(
        EscalationPoint.objects.published()
        .select_related("reporting_organisation")
        .prefetch_related("time_slots", "exceptions", "line_codes"),
        pk=point_id,
    )


# --- On the card ---------------------------------------------------------------------------


def point_actions(request, point: EscalationPoint, sublevel: int, may: bool) -> str:
    """The card's escalation buttons (per request: a CSRF token and a fresh idempotency
    key, never in the kept card body). Nothing for someone who may not escalate."""
    if not may:
        return ""
    return frames.point_actions(point, sublevel, csrf=csrf_token_of(request), key=new_key())


def csrf_token_of(request) -> str:
    """The request's CSRF token, masked once for every form of its response (Django masks
    it anew on every `get_token`, which costs more than rendering the form)."""
    token = getattr(request, "_console_csrf_token", None)
    if token is None:
        token = request._console_csrf_token = get_token(request)
    return token


# 'Laatste escalaties' of a card, rendered and kept per point (`console.kept`) under the
# counters that a new escalation, a state that follows its delivery, or a renamed or deleted
# agent raises (`connect_signals`, `console.access`).
recent_kept = KeptWhileUnchanged(
    (invalidation.ESCALATIONS, invalidation.ACCESS), seconds=RECENT_KEEP_SECONDS
)


def recent_of_point(point_id: int) -> SafeString:
    """The card's 'Laatste escalaties' (recent_escalations.html), rendered."""
    return recent_kept.value(point_id, lambda: _render_recent(point_id))


def _render_recent(point_id: int) -> SafeString:
    recent = list(recent_for_point(point_id))
    html = render_to_string("console/includes/recent_escalations.html", {"recent": recent})
    return mark_safe(html)


def _escalations_changed(sender=None, **kwargs) -> None:
    """Forget the kept lists here at once, in the other processes through the counter once
    the change is committed (a process that read the old rows meanwhile kept them under the
    old value). Raised after the commit, and an error of the cache only logged: a delivery
    already made must never be rolled back (and sent again) because Redis did not answer."""
    recent_kept.clear()
    transaction.on_commit(_bump_escalations, robust=True)


def _bump_escalations() -> None:
    recent_kept.clear()
    invalidation.bump(invalidation.ESCALATIONS)


def connect_signals() -> None:
    """Called once from `ConsoleConfig.ready`."""
    post_save.connect(_escalations_changed, sender=Escalation, dispatch_uid="console-recent")
    post_delete.connect(_escalations_changed, sender=Escalation, dispatch_uid="console-recent-")
    escalation_state_changed.connect(_escalations_changed, dispatch_uid="console-recent-state")


# --- Doorschakelen ---------------------------------------------------------------------------


@require_POST
@agents_only
def transfer(request, point_id: int):
    """Record a phone transfer. When the route needs a reason (not allowed, outside hours,
    a closing day, an exception), nothing is recorded until the agent gives one."""
    point = published_point_or_404(point_id)
    reason = posted(request, "reason").strip()
    key = posted(request, "idempotency_key").strip() or new_key()
    asked = request.POST.get("step") == "reden"
    escalation_request = EscalationRequest(
        point_id=point.pk, channel=EscalationChannel.PHONE, reason=reason, idempotency_key=key
    )
    try:
        escalation, _ = escalate(agent=request.user, request=escalation_request)
    except MayNotEscalate as error:
        raise PermissionDenied(str(error)) from error
    except EscalationRefused as refused:
        if refused.errors.keys() - {"reason"}:
            return refused_page(request, point, refused.errors, "Doorschakelen")
        return ask_reason(request, point, key, reason, refused.errors["reason"], asked)
    return redirect("console:escalation", escalation_id=escalation.pk)


def ask_reason(request, point, key: str, reason: str, messages: list[str], asked: bool):
    now = timezone.now()
    route = route_now(point, EscalationChannel.PHONE, now)
    availability = availability_at(point, now)
    errors = [message for message in messages if message != route.needs_reason]
    if asked and not reason:
        errors.append(REASON_GIVEN_TOO_SHORT)
    return render(
        request,
        "console/transfer_reason.html",
        {
            "point": point,
            "why": route.needs_reason.removesuffix(" Geef een reden op als je toch doorschakelt."),
            "next_possible_at": availability.next_possible_at,
            "at": now,
            "key": key,
            "reason": reason,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def refused_page(request, point, errors: dict[str, list[str]], action: str, status: int = 400):
    return render(
        request,
        "console/escalation_refused.html",
        {
            "point": point,
            "action": action,
            "messages_list": [message for messages in errors.values() for message in messages],
        },
        status=status,
    )


# --- E-mail escalation ------------------------------------------------------------------------


@agents_only
def email_escalation(request, point_id: int):
    """GET: the form (or why there is none). POST `action`: 'voorbeeld' shows the two messages,
    'aanpassen' goes back to the form with the data, 'versturen' records and queues."""
    point = published_point_or_404(point_id)
    if not may_escalate(request.user):
        raise PermissionDenied("Je mag niet escaleren.")
    if request.method != "POST":
        route = route_now(point, EscalationChannel.EMAIL)
        if route.refusal:
            return refused_page(request, point, {"channel": [route.refusal]}, "E-mail", 200)
        return email_form(request, point, initial_data(request, point), {})
    data = {name: posted(request, name) for name in FORM_FIELDS}
    data["idempotency_key"] = posted(request, "idempotency_key").strip() or new_key()
    action = request.POST.get("action", "voorbeeld")
    if action == "aanpassen":
        return email_form(request, point, data, {})
    escalation_request = request_from(point, data)
    try:
        if action == "versturen":
            escalation, _ = escalate(agent=request.user, request=escalation_request)
            return redirect("console:escalation", escalation_id=escalation.pk)
        messages = preview(agent=request.user, request=escalation_request)
    except MayNotEscalate as error:
        raise PermissionDenied(str(error)) from error
    except EscalationRefused as refused:
        if refused.errors.keys() & set(ROUTE_ERRORS):
            return refused_page(request, point, refused.errors, "E-mail")
        return email_form(request, point, data, refused.errors, status=400)
    return render(
        request,
        "console/email_preview.html",
        {
            "point": point,
            "data": data,
            "outgoing": messages,
            "crm": point.email_delivery == EmailDelivery.CRM,
        },
    )


def request_from(point: EscalationPoint, data: dict) -> EscalationRequest:
    return EscalationRequest(
        point_id=point.pk,
        channel=EscalationChannel.EMAIL,
        citizen=Citizen(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            national_number=data["national_number"],
        ),
        question=data["question"],
        note=data["note"],
        line_code=data["line"],
        idempotency_key=data["idempotency_key"],
    )


def initial_data(request, point: EscalationPoint) -> dict:
    data = dict.fromkeys(FORM_FIELDS, "")
    default_line = line_code_for(
        EscalationRequest(point_id=point.pk, channel=EscalationChannel.EMAIL),
        point,
        request.user,
        {},
    )
    data["line"] = default_line.code if default_line else ""
    data["idempotency_key"] = new_key()
    return data


def line_options(user) -> list[dict]:
    """R20: every line code, the agent's own lines first and marked."""
    own = set(LineCode.objects.of_agent(user).values_list("code", flat=True))
    lines = [
        {"code": code, "name": name, "own": code in own}
        for code, name in LineCode.objects.order_by("code").values_list("code", "name")
    ]
    return sorted(lines, key=lambda line: not line["own"])


def email_form(request, point, data: dict, errors: dict[str, list[str]], status: int = 200):
    field_errors = {}
    summary = []
    for key, messages in errors.items():
        field = FIELD_OF_ERROR.get(key)
        if field:
            field_errors.setdefault(field, []).extend(messages)
        summary.extend({"field": field, "message": message} for message in messages)
    return render(
        request,
        "console/email_form.html",
        {
            "point": point,
            "data": data,
            "field_errors": field_errors,
            "summary": summary,
            "lines": line_options(request.user),
            "national_number_required": point.email_requires_national_number,
        },
        status=status,
    )


# --- After escalating ------------------------------------------------------------------------


def visible_escalation(user, escalation_id: int) -> Escalation:
    """The agent's own escalation, or any for a beheerder; otherwise 'not found'."""
    if not is_row_id(escalation_id):
        raise Http404
    escalation = get_object_or_404(
        Escalation.objects.select_related("point", "line_code", "agent"), pk=escalation_id
    )
    if escalation.agent_id != user.pk and not has_permission(user, VIEW_ESCALATIONS):
        raise Http404
    return escalation


@agents_only
def escalation_detail(request, escalation_id: int):
    escalation = visible_escalation(request.user, escalation_id)
    citizen_confirmation = escalation.messages.filter(kind=MessageKind.CITIZEN).exists()
    return render(
        request,
        "console/escalation_done.html",
        {
            "escalation": escalation,
            "term": handling_term_text(escalation),
            "citizen_confirmation": citizen_confirmation,
        },
    )


def handling_term_text(escalation: Escalation) -> str:
    """R18: 'binnen 5 werkdagen, uiterlijk op vrijdag 4 december 2026'."""
    if escalation.working_days is None or escalation.due_date is None:
        return ""
    return (
        f"binnen {working_days_text(escalation.working_days)}, "
        f"uiterlijk op {dutch_date(escalation.due_date)}"
    )


@agents_only
def my_escalations(request):
    return render(
        request,
        "console/my_escalations.html",
        {"escalations": list(recent_for_agent(request.user, limit=MY_ESCALATIONS_SHOWN))},
    )
