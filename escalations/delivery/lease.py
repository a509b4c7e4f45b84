"""Who may send a message now, and what an attempt changed.

A worker takes a message with a lease (`claim_due`, `claim`): for OUTBOX_LEASE_SECONDS no
other worker takes it. Taking it counts an attempt, so a message whose worker dies every
time still ends as 'niet afgeleverd'. When the worker dies, the lease expires and the message
is due again. The outcome is written only if the message is still pending: a late worker
never turns a delivered message back.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from escalations.models import (
    DeliveryState,
    Escalation,
    EscalationState,
    MessageKind,
    OutboxMessage,
)
from escalations.signals import escalation_state_changed


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def due(now) -> "Q":
    """Pending, its time has come, no live lease, and for the citizen's confirmation: the
    service has the escalation. The confirmation says the question was forwarded; it is
    sent only once that is true (R18)."""
    free = Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now)
    service_has_it = Exists(
        OutboxMessage.objects.filter(
            escalation_id=OuterRef("escalation_id"),
            kind=MessageKind.SERVICE,
            state=DeliveryState.DELIVERED,
        )
    )
    confirmable = ~Q(kind=MessageKind.CITIZEN) | service_has_it
    return Q(state=DeliveryState.PENDING, next_attempt_at__lte=now) & free & confirmable


def _take(candidates, worker_id: str, limit: int) -> list[OutboxMessage]:
    now = timezone.now()
    with transaction.atomic():
        # PostgreSQL: rows another worker is taking are skipped. SQLite: the transaction is
        # IMMEDIATE (settings), so only one worker reads and takes at a time.
        ids = list(
            candidates.filter(due(now))
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        OutboxMessage.objects.filter(pk__in=ids).update(
            lease_owner=worker_id[:64],
            lease_expires_at=now + lease_duration(),
            attempts=F("attempts") + 1,
            last_attempt_at=now,
        )
    return list(OutboxMessage.objects.filter(pk__in=ids).select_related("escalation"))


def claim_due(worker_id: str, limit: int) -> list[OutboxMessage]:
    """Up to `limit` messages that are due and free, leased to this worker."""
    return _take(OutboxMessage.objects.all(), worker_id, limit)


def claim(message_pk: int, worker_id: str) -> OutboxMessage | None:
    """That one message, if it is due and free."""
    taken = _take(OutboxMessage.objects.filter(pk=message_pk), worker_id, 1)
    return taken[0] if taken else None


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with full jitter: anywhere between 0 and base x 2^(attempts-1),
    at most the cap, so workers that failed together do not come back together."""
    ceiling = min(
        settings.OUTBOX_RETRY_MAX_SECONDS,
        settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
    )
    return timedelta(seconds=random.uniform(0, ceiling))


def _held_by(message: OutboxMessage, worker_id: str):
    return OutboxMessage.objects.filter(
        pk=message.pk, state=DeliveryState.PENDING, lease_owner=worker_id[:64]
    )


def _follow_escalation(message: OutboxMessage, state: EscalationState) -> None:
    """The escalation's state follows its message to the service."""
    if message.kind == MessageKind.SERVICE:
        Escalation.objects.filter(pk=message.escalation_id).update(state=state)
        escalation_state_changed.send(Escalation, escalation_id=message.escalation_id)


def record_delivered(message: OutboxMessage, worker_id: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        updated = _held_by(message, worker_id).update(
            state=DeliveryState.DELIVERED,
            delivered_at=now,
            lease_owner="",
            lease_expires_at=None,
            last_error="",
        )
        if updated:
            _follow_escalation(message, EscalationState.DELIVERED)
    return bool(updated)


def confirmations_waiting_for(message: OutboxMessage) -> list[int]:
    """The citizen's confirmation that a delivered message to the service releases."""
    if message.kind != MessageKind.SERVICE:
        return []
    return list(
        OutboxMessage.objects.filter(
            escalation_id=message.escalation_id,
            kind=MessageKind.CITIZEN,
            state=DeliveryState.PENDING,
        ).values_list("pk", flat=True)
    )


def record_failure(message: OutboxMessage, worker_id: str, reason: str, *, permanent: bool) -> str:
    """Another attempt later, or 'niet afgeleverd' after the last one; returns the state."""
    last = permanent or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    state = DeliveryState.FAILED if last else DeliveryState.PENDING
    with transaction.atomic():
        updated = _held_by(message, worker_id).update(
            state=state,
            last_error=reason,
            next_attempt_at=timezone.now() + retry_delay(message.attempts),
            lease_owner="",
            lease_expires_at=None,
        )
        if updated and last:
            _follow_escalation(message, EscalationState.FAILED)
    return state


def reset_for_resend(message_pk: int) -> bool:
    """A beheerder sends a failed message again: pending at once, with fresh attempts."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_pk, state=DeliveryState.FAILED)
            .first()
        )
        if message is None:
            return False
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=DeliveryState.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            lease_owner="",
            lease_expires_at=None,
        )
        _follow_escalation(message, EscalationState.QUEUED)
    return True
