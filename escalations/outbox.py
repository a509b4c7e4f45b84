"""The durable outbox (R12): messages written in the escalation's transaction and delivered
by a worker. See OutboxMessage."""

from escalations.models import Escalation, MessageKind, MessageRoute, OutboxMessage


def enqueue_message(
    *,
    escalation: Escalation,
    kind: MessageKind,
    route: MessageRoute,
    recipient: str,
    subject: str,
    body: str,
) -> OutboxMessage:
    """Write a message to deliver; call inside the escalation's transaction."""
    return OutboxMessage.objects.create(
        escalation=escalation,
        kind=kind,
        route=route,
        recipient=recipient,
        subject=subject,
        body=body,
    )
