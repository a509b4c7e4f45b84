"""The durable outbox (R12): messages written in the escalation's transaction and delivered
by a worker (`escalations.delivery`). See OutboxMessage and docs/architecture.md."""

from escalations.delivery.lease import reset_for_resend
from escalations.models import Escalation, MessageKind, MessageRoute, OutboxMessage
from escalations.tasks import deliver_after_commit


def enqueue_message(
    *,
    escalation: Escalation,
    kind: MessageKind,
    route: MessageRoute,
    recipient: str,
    subject: str,
    body: str,
) -> OutboxMessage:
    """Write a message to deliver; call inside the escalation's transaction. Its delivery
    starts when that transaction commits."""
    message = OutboxMessage.objects.create(
        escalation=escalation,
        kind=kind,
        route=route,
        recipient=recipient,
        subject=subject,
        body=body,
    )
    deliver_after_commit(message.pk)
    return message


def resend(message: OutboxMessage) -> bool:
    """A beheerder sends a message that was not delivered again ('Opnieuw versturen'):
    pending with fresh attempts, delivered at once by a worker. False if it was not failed."""
    if not reset_for_resend(message.pk):
        return False
    deliver_after_commit(message.pk)
    return True


ERASED_RECIPIENT = "(gewist)"


def erase_message_texts(escalation_ids) -> None:
    """Retention: the messages of these escalations keep their state, not their texts; the
    citizen's address goes too."""
    messages = OutboxMessage.objects.filter(escalation_id__in=escalation_ids)
    messages.update(subject="", body="", payload="", last_error="")
    messages.filter(kind=MessageKind.CITIZEN).update(recipient=ERASED_RECIPIENT)
