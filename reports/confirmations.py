"""R18: a service confirms it handled an escalation, once; the first confirmation stands.

Two ways in: the link in the escalation mail (`reports.confirmation_views`, signed with
`escalations.handling`) and the CRM's callback `POST /api/v1/escalations/{ref}/handled`
(`api/handling.py`, HMAC-signed with the organisation's CRM secret). Both call `confirm`.
"""

import re
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from escalations.handling import escalation_id_of
from escalations.models import Escalation, EscalationChannel
from reports.models import ConfirmedVia, HandlingConfirmation

REFERENCE = re.compile(r"^(?:E-(?P<year>\d{4})-)?(?P<number>\d{1,18})$")


def confirm(
    escalation: Escalation, *, via: ConfirmedVia, at: datetime | None = None
) -> tuple[HandlingConfirmation, bool]:
    """Record the confirmation; returns it and whether it is new. A second confirmation
    (a double click, a replayed callback) returns the first unchanged."""
    at = at or timezone.now()
    existing = HandlingConfirmation.objects.filter(escalation=escalation).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            confirmation = HandlingConfirmation.objects.create(
                escalation=escalation,
                confirmed_at=at,
                confirmed_on=timezone.localtime(at).date(),
                via=via,
            )
    except IntegrityError:  # confirmed at the same moment by the other way in
        return HandlingConfirmation.objects.get(escalation=escalation), False
    return confirmation, True


def confirmable(escalation_id: int | None) -> Escalation | None:
    """An e-mail escalation (only those have a handling term to keep)."""
    if escalation_id is None or not 0 < escalation_id < 2**63:
        return None
    return (
        Escalation.objects.select_related("handling_confirmation", "reporting_organisation")
        .filter(pk=escalation_id, channel=EscalationChannel.EMAIL)
        .first()
    )


def escalation_for_token(token: str) -> Escalation | None:
    return confirmable(escalation_id_of(token))


def escalation_for_reference(text: str) -> Escalation | None:
    """'E-2026-000123' (as in the mail) or the id 123; the year must be the escalation's."""
    match = REFERENCE.match(text.strip())
    if match is None:
        return None
    escalation = confirmable(int(match["number"]))
    if escalation is None:
        return None
    if match["year"] and escalation.reference != text.strip():
        return None
    return escalation


def on_time(escalation: Escalation, confirmation: HandlingConfirmation) -> bool | None:
    if escalation.due_date is None:
        return None
    return confirmation.confirmed_on <= escalation.due_date
