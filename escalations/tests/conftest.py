"""Helpers of the delivery tests (the SMTP and CRM receivers are in the root conftest)."""

import pytest
from django.utils import timezone

from escalations.models import OutboxMessage


@pytest.fixture
def deliver_on_commit(django_capture_on_commit_callbacks):
    """Run what a committed escalation starts (the delivery task, inline in tests)."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def make_due(message: OutboxMessage) -> None:
    """The retry's moment has come (instead of waiting out the backoff)."""
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())


def fresh(message: OutboxMessage) -> OutboxMessage:
    return OutboxMessage.objects.select_related("escalation").get(pk=message.pk)
