"""Background work of the escalations: a message is delivered by a task enqueued when its
escalation's transaction commits, and every worker sweeps the outbox for messages whose
retry is due or whose worker died (`core.periodic`)."""

from django.conf import settings
from django.db import transaction
from django_tasks import task

from core.periodic import in_every_worker
from escalations.delivery.run import deliver_due, deliver_message


@task()
def deliver_outbox_message(message_pk: int) -> str | None:
    """Deliver one message now. A second run (a retried task) finds it delivered or held by
    another worker and does nothing."""
    return deliver_message(message_pk)


def deliver_after_commit(message_pk: int) -> None:
    """Enqueue the delivery once the current transaction has committed (at once outside
    one); if the queue cannot take it, the worker's sweep still finds the message."""

    def enqueue():
        deliver_outbox_message.using(backend=settings.OUTBOX_TASK_BACKEND).enqueue(message_pk)

    transaction.on_commit(enqueue, robust=True)


@in_every_worker("escalations.outbox", every_seconds=lambda: settings.OUTBOX_SWEEP_SECONDS)
def sweep_outbox(worker_id: str) -> int:
    return deliver_due(worker_id)
