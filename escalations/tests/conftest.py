"""Real receivers on loopback (escalations.testing) wired into the settings."""

import pytest
from django.utils import timezone

from escalations.models import OutboxMessage
from escalations.testing import HttpSink, SmtpSink


@pytest.fixture
def smtp_sink(settings):
    """A running SMTP server; Django's mail goes to it over SMTP."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    yield sink
    sink.stop()


@pytest.fixture
def crm_sink():
    sink = HttpSink().start()
    yield sink
    sink.stop()


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
