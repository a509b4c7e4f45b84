"""Delivering: take a message with a lease, send it through its route's adapter with no
database transaction open, record the outcome. Logs name the message by its id and
Message-ID, never by its recipient or content."""

import logging
import os
import socket
import threading

from django.utils import timezone

from escalations.delivery import lease
from escalations.delivery.base import Adapter
from escalations.delivery.crm import CrmAdapter
from escalations.delivery.errors import DeliveryError
from escalations.delivery.smtp import SmtpAdapter
from escalations.models import MessageRoute, OutboxMessage

logger = logging.getLogger(__name__)

# Leases taken at once by a sweep: even if each send waits its whole time-out, the last one
# is sent well within its lease (5 x 20 s against 120 s by default).
SWEEP_BATCH = 5


def worker_identity() -> str:
    """This process and thread, as the owner of a lease."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{threading.get_ident() % 100000}"


class Adapters:
    """One adapter per route, made when first needed and closed together."""

    factories = {MessageRoute.SMTP: SmtpAdapter, MessageRoute.CRM: CrmAdapter}

    def __init__(self):
        self.made: dict[str, Adapter] = {}

    def for_route(self, route: str) -> Adapter:
        if route not in self.made:
            self.made[route] = self.factories[MessageRoute(route)]()
        return self.made[route]

    def close(self) -> None:
        for adapter in self.made.values():
            adapter.close()
        self.made.clear()


def deliver(message: OutboxMessage, worker_id: str, adapters: Adapters) -> str:
    """Send a message this worker holds; returns its state afterwards."""
    try:
        adapters.for_route(message.route).send(message)
    except DeliveryError as error:
        state = lease.record_failure(message, worker_id, error.reason, permanent=error.permanent)
        logger.warning(
            "Bericht %s (%s, %s) niet afgeleverd, poging %s: %s -> %s",
            message.pk,
            message.message_id,
            message.route,
            message.attempts,
            error.reason,
            state,
        )
        return state
    except Exception as error:
        # Our own bug, not the receiver's: the message is retried like any failure, and the
        # log names the error's type only (its text could hold the message's data).
        reason = f"Onverwachte fout bij versturen ({type(error).__name__})."
        logger.error("Bericht %s: %s", message.pk, reason)
        return lease.record_failure(message, worker_id, reason, permanent=False)
    if lease.record_delivered(message, worker_id):
        logger.info("Bericht %s (%s, %s) afgeleverd", message.pk, message.message_id, message.route)
        send_released_confirmations(message, worker_id, adapters)
    return "delivered"


def send_released_confirmations(message: OutboxMessage, worker_id: str, adapters) -> None:
    """The citizen's confirmation waits until the service has the escalation; send it now."""
    for confirmation_pk in lease.confirmations_waiting_for(message):
        confirmation = lease.claim(confirmation_pk, worker_id)
        if confirmation is not None:
            deliver(confirmation, worker_id, adapters)


def deliver_message(message_pk: int, worker_id: str | None = None) -> str | None:
    """Deliver that message now if it is due and no other worker holds it."""
    worker_id = worker_id or worker_identity()
    message = lease.claim(message_pk, worker_id)
    if message is None:
        return None
    adapters = Adapters()
    try:
        return deliver(message, worker_id, adapters)
    finally:
        adapters.close()


def deliver_due(worker_id: str | None = None, *, limit: int | None = None) -> int:
    """Deliver the messages that are due (retries, and those of a worker that died), one
    small batch of leases at a time; returns how many were attempted."""
    worker_id = worker_id or worker_identity()
    adapters = Adapters()
    attempted = 0
    try:
        while limit is None or attempted < limit:
            batch = SWEEP_BATCH if limit is None else min(SWEEP_BATCH, limit - attempted)
            messages = lease.claim_due(worker_id, batch)
            if not messages:
                break
            for message in messages:
                if timezone.now() < message.lease_expires_at:  # else due again for anyone
                    deliver(message, worker_id, adapters)
                attempted += 1
    finally:
        adapters.close()
    return attempted
