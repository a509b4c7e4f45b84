"""R12: a worker killed with SIGKILL in the middle of sending loses nothing. The message
stays in the outbox with the dead worker's lease; once the lease has expired a restarted
worker delivers it, and the mail server keeps exactly one copy."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from core.tests.test_worker_lease import database_url
from escalations.factories import EscalationFactory
from escalations.models import DeliveryState, EscalationState, MessageKind, MessageRoute
from escalations.outbox import enqueue_message
from escalations.testing import wait_until
from escalations.tests.conftest import fresh

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def start_worker(worker_id: str, smtp_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "escalatiepunten.settings.test",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "OUTBOX_SWEEP_SECONDS": "0.3",
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database"]
    command += ["--no-startup-delay", "--interval", "0.1", "--worker-id", worker_id, "-v0"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


@pytest.mark.django_db(transaction=True)
def test_r12_a_worker_killed_during_a_send_loses_nothing(smtp_sink, settings):
    settings.OUTBOX_TASK_BACKEND = "database"  # the real queue, run by the worker processes
    smtp_sink.hold()  # the server takes the DATA and does not answer yet
    escalation = EscalationFactory()
    with transaction.atomic():
        message = enqueue_message(
            escalation=escalation,
            kind=MessageKind.SERVICE,
            route=MessageRoute.SMTP,
            recipient="jacht@anb.example.be",
            subject=f"Escalatie {escalation.reference}",
            body="Vraag: Wanneer krijg ik mijn jachtverlof?",
        )

    first = start_worker("eerste", smtp_sink.port)
    try:
        wait_until(smtp_sink.held.is_set, 60, "de eerste worker is aan het versturen")
        held = fresh(message)
        assert held.lease_owner != ""
        assert held.state == DeliveryState.PENDING
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait(timeout=30)
    smtp_sink.release()  # the dead worker's connection is gone: the server keeps nothing
    assert fresh(message).state == DeliveryState.PENDING

    second = start_worker("tweede", smtp_sink.port)
    try:
        wait_until(
            lambda: fresh(message).state == DeliveryState.DELIVERED,
            60,
            "de tweede worker levert het bericht af",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    received = smtp_sink.wait_for(1)
    assert [mail["Message-ID"].strip() for mail in received] == [message.message_id]
    assert len(smtp_sink.messages) == 1
    delivered = fresh(message)
    assert delivered.attempts == 2
    assert delivered.lease_owner == ""
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.DELIVERED
