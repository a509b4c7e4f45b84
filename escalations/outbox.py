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


ERASED_RECIPIENT = "(gewist)"


def erase_message_texts(escalation_ids) -> None:
    """Retention: the messages of these escalations keep their state, not their texts; the
    citizen's address goes too."""
    messages = OutboxMessage.objects.filter(escalation_id__in=escalation_ids)
    messages.update(subject="", body="", last_error="")
    messages.filter(kind=MessageKind.CITIZEN).update(recipient=ERASED_RECIPIENT)
