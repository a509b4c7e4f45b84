"""R12 by e-mail: the escalation mail and the citizen's confirmation reach a real SMTP server
exactly once, with a Message-ID that stays the same over every attempt."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from escalations.delivery import lease
from escalations.delivery.run import deliver_due
from escalations.delivery.smtp import SmtpAdapter
from escalations.factories import EscalationFactory, OutboxMessageFactory
from escalations.models import (
    DeliveryState,
    EscalationState,
    MessageKind,
    MessageRoute,
    OutboxMessage,
)
from escalations.outbox import enqueue_message
from escalations.tasks import deliver_outbox_message
from escalations.tests.conftest import fresh, make_due

pytestmark = pytest.mark.django_db

PERSONAL = ["Lies Peeters", "lies.peeters@example.be", "85073003328", "0477 12 34 56"]


def escalate(escalation, deliver_on_commit):
    """What the lead's service does: both messages in the escalation's transaction."""

    def write():
        service = enqueue_message(
            escalation=escalation,
            kind=MessageKind.SERVICE,
            route=MessageRoute.SMTP,
            recipient="jacht@anb.example.be",
            subject=f"Escalatie {escalation.reference}: ANB - Team Jacht",
            body="Naam: Lies Peeters\nVraag: Wanneer krijg ik mijn jachtverlof?",
        )
        citizen = enqueue_message(
            escalation=escalation,
            kind=MessageKind.CITIZEN,
            route=MessageRoute.SMTP,
            recipient="lies.peeters@example.be",
            subject=f"Uw vraag aan ANB - Team Jacht ({escalation.reference})",
            body="Beste Lies Peeters,\nANB neemt binnen 5 werkdagen contact met u op.",
        )
        return service, citizen

    return deliver_on_commit(write)


def test_r12_escalation_mail_and_citizen_confirmation_arrive_with_their_content(
    smtp_sink, deliver_on_commit, settings
):
    escalation = EscalationFactory()
    service, citizen = escalate(escalation, deliver_on_commit)

    received = {mail["To"]: mail for mail in smtp_sink.wait_for(2)}
    to_service = received["jacht@anb.example.be"]
    assert to_service["Subject"] == f"Escalatie {escalation.reference}: ANB - Team Jacht"
    assert to_service["From"] == settings.DEFAULT_FROM_EMAIL
    assert to_service["Message-ID"].strip() == fresh(service).message_id
    assert to_service["X-Escalatiepunten-Referentie"] == escalation.reference
    assert "Wanneer krijg ik mijn jachtverlof?" in to_service.get_content()
    to_citizen = received["lies.peeters@example.be"]
    assert to_citizen["Message-ID"].strip() == fresh(citizen).message_id
    assert to_citizen["Auto-Submitted"] == "auto-generated"
    assert "binnen 5 werkdagen" in to_citizen.get_content()

    for message in (service, citizen):
        delivered = fresh(message)
        assert delivered.state == DeliveryState.DELIVERED
        assert delivered.attempts == 1
        assert delivered.delivered_at is not None
        assert delivered.lease_owner == ""
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.DELIVERED


def test_r12_smtp_server_down_retries_with_backoff_and_arrives_exactly_once(
    smtp_sink, deliver_on_commit, settings
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    smtp_sink.stop()
    escalation = EscalationFactory()
    before = timezone.now()
    service, citizen = escalate(escalation, deliver_on_commit)

    waiting = fresh(service)
    assert waiting.state == DeliveryState.PENDING
    assert waiting.attempts == 1
    assert "niet bereikbaar" in waiting.last_error
    assert before <= waiting.next_attempt_at <= timezone.now() + timedelta(seconds=30)
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert deliver_due() == 0  # nothing is sent before its time

    make_due(service)
    make_due(citizen)
    assert deliver_due() == 1  # still down: the second attempt waits up to 60 s
    second = fresh(service)
    assert second.attempts == 2
    assert second.next_attempt_at <= timezone.now() + timedelta(seconds=60)
    assert fresh(citizen).attempts == 0  # the confirmation waits for the service (R18)
    assert smtp_sink.messages == []

    smtp_sink.start()  # the mail server is back, on the same port
    make_due(service)
    assert deliver_due() == 1  # the service's mail, and with it the confirmation
    assert deliver_due() == 0
    deliver_outbox_message.call(service.pk)  # a retried task changes nothing

    received = smtp_sink.wait_for(2)
    assert sorted(mail["Message-ID"].strip() for mail in received) == sorted(
        [service.message_id, citizen.message_id]
    )
    assert len(smtp_sink.messages) == 2
    assert fresh(service).state == DeliveryState.DELIVERED
    assert fresh(service).attempts == 3
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.DELIVERED


def test_r12_a_second_copy_after_a_crash_carries_the_same_message_id(smtp_sink, settings):
    """A worker sent the mail and died before it could record it: once its lease expires,
    another worker sends it again, with the same Message-ID, and the state says delivered."""
    message = OutboxMessageFactory()
    taken = lease.claim(message.pk, "worker-that-dies")
    SmtpAdapter().send(taken)  # ... and the process is gone
    assert deliver_due("worker-2") == 0  # its lease still holds

    OutboxMessage.objects.filter(pk=message.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert deliver_due("worker-2") == 1

    copies = smtp_sink.wait_for(2)
    assert {copy["Message-ID"].strip() for copy in copies} == {message.message_id}
    assert lease.record_delivered(taken, "worker-that-dies") is False  # too late, no harm
    delivered = fresh(message)
    assert delivered.state == DeliveryState.DELIVERED
    assert delivered.attempts == 2


def test_r12_a_refused_recipient_fails_at_once_without_the_address_in_the_reason(
    smtp_sink, deliver_on_commit
):
    smtp_sink.refused.add("jacht@anb.example.be")
    escalation = EscalationFactory()
    service, citizen = escalate(escalation, deliver_on_commit)

    failed = fresh(service)
    assert failed.state == DeliveryState.FAILED
    assert failed.attempts == 1
    assert "550" in failed.last_error
    assert "@" not in failed.last_error
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.FAILED
    # The citizen is not told the question was forwarded while it was not (R18).
    assert fresh(citizen).state == DeliveryState.PENDING
    assert fresh(citizen).attempts == 0


def test_r18_the_confirmation_goes_out_once_the_service_has_the_escalation(
    smtp_sink, deliver_on_commit
):
    smtp_sink.refused.add("jacht@anb.example.be")
    escalation = EscalationFactory()
    service, citizen = escalate(escalation, deliver_on_commit)
    assert smtp_sink.messages == []

    smtp_sink.refused.clear()  # the beheerder fixed the address and sends it again
    from escalations.outbox import resend

    assert resend(fresh(service))
    deliver_outbox_message.call(service.pk)

    received = smtp_sink.wait_for(2)
    assert sorted(mail["To"] for mail in received) == [
        "jacht@anb.example.be",
        "lies.peeters@example.be",
    ]
    assert fresh(citizen).state == DeliveryState.DELIVERED


def test_r12_after_the_last_attempt_the_message_is_not_delivered(
    smtp_sink, deliver_on_commit, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_sink.stop()
    escalation = EscalationFactory()
    service, citizen = escalate(escalation, deliver_on_commit)
    for _ in range(2):
        make_due(service)
        make_due(citizen)
        deliver_due()

    failed = fresh(service)
    assert failed.state == DeliveryState.FAILED
    assert failed.attempts == 3
    assert failed.last_error == "De mailserver is niet bereikbaar (verbinding geweigerd)."
    assert fresh(citizen).attempts == 0  # waits for the service's mail
    make_due(service)
    assert deliver_due() == 0  # a failed message waits for a beheerder
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.FAILED


def test_r12_delivery_logs_no_personal_data(smtp_sink, deliver_on_commit, caplog):
    caplog.set_level(logging.DEBUG)
    smtp_sink.refused.add("lies.peeters@example.be")
    escalation = EscalationFactory()
    escalate(escalation, deliver_on_commit)
    smtp_sink.stop()
    escalation2 = EscalationFactory()
    escalate(escalation2, deliver_on_commit)

    # Everything the application logs; the test's SMTP server (mail.log) is the receiver.
    ours = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail.")
    )
    assert "niet afgeleverd" in ours
    for value in [*PERSONAL, "jacht@anb.example.be", "jachtverlof"]:
        assert value not in ours
    for error in OutboxMessage.objects.values_list("last_error", flat=True):
        assert not any(value in error for value in PERSONAL)


def test_r12_retry_delay_grows_exponentially_with_full_jitter_up_to_the_cap(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (8, 3600), (20, 3600)]:
        delays = [lease.retry_delay(attempts).total_seconds() for _ in range(200)]
        assert all(0 <= delay <= ceiling for delay in delays)
        assert max(delays) > ceiling * 0.7  # spread over the whole range, not a fixed step
        assert min(delays) < ceiling * 0.3
