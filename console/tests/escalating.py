"""What the console's escalation tests share: points made on the planning day, an agent's
client at a frozen moment, and what a page says."""

import re
from contextlib import contextmanager

import time_machine
from django.urls import reverse

from escalations.models import Escalation, OutboxMessage
from points.factories import PLANNING_DAY, EscalationPointFactory
from points.tests.card_text import visible_text

WEEK = {
    day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
}
MONDAY_10 = "2026-11-30T10:00:00+01:00"
MONDAY_EVENING = "2026-11-30T19:00:00+01:00"
CHRISTMAS_10 = "2026-12-25T10:00:00+01:00"  # a Friday, a Belgian public holiday
THURSDAY_10 = "2026-12-10T10:00:00+01:00"  # the day of ExceptionDocumentFactory's exception


def make_point(**document):
    document.setdefault("phone_hours", WEEK)
    with time_machine.travel(PLANNING_DAY, tick=False):
        return EscalationPointFactory(**document)


@contextmanager
def at(client, user, moment: str):
    """The client logged in as `user` with the clock stopped at `moment`."""
    with time_machine.travel(moment, tick=False):
        client.force_login(user)  # a session of the travelled-to time
        yield client


def text_of(response) -> str:
    return visible_text(response.content.decode())


def counts() -> tuple[int, int]:
    return Escalation.objects.count(), OutboxMessage.objects.count()


def transfer_url(point) -> str:
    return reverse("console:transfer", args=[point.pk])


def email_url(point) -> str:
    return reverse("console:email", args=[point.pk])


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name}"
    return match.group(1)
