"""Demo escalations: what agents did in the last days, so that 'Laatste escalaties', 'Mijn
escalaties', the delivered mails (var/mail/ with `make demo`) and the 'Niet afgeleverd' list
show something. Made through `escalations.services.escalate`, like an agent's; each has a
fixed idempotency key, so loading the demo twice records each once."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from calendar_engine import belgian_closing_days
from escalations.services import Citizen, EscalationRequest, escalate
from points.models import EscalationPoint

AGENT = "voorlichter"


def last_working_day(today: date) -> date:
    """The working day before today (not a weekend or Belgian closing day)."""
    day = today - timedelta(days=1)
    closed = belgian_closing_days([day.year - 1, day.year])
    while day.weekday() >= 5 or day in closed:
        day -= timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def demo_requests(points: dict[str, int], day: date) -> list[tuple[datetime, EscalationRequest]]:
    citizen = Citizen(
        name="Jan Janssens (demo)",
        email="jan.janssens@example.be",
        phone="0477 12 34 56",
        national_number="85.07.30-033.28",
    )
    return [
        (
            at(day, 9, 40),
            EscalationRequest(
                point_id=points["ANB - Team Jacht"],
                channel="phone",
                idempotency_key="demo-1",
            ),
        ),
        (
            at(day, 10, 5),
            EscalationRequest(
                point_id=points["ANB - Team Jacht"],
                channel="email",
                citizen=citizen,
                question="Mijn jachtverlof verloopt volgende maand. Hoe vraag ik een nieuw aan?",
                note="Burger belde eerder al over hetzelfde dossier.",
                idempotency_key="demo-2",
            ),
        ),
        (
            at(day, 11, 15),
            EscalationRequest(
                point_id=points["De Lijn - Dienst Abonnementen"],
                channel="email",
                citizen=Citizen(name="An Peeters (demo)", email="an.peeters@example.be"),
                question="Mijn abonnement werd twee keer aangerekend.",
                idempotency_key="demo-3",
            ),
        ),
        (
            at(day, 18, 30),
            EscalationRequest(
                point_id=points["VAPH - Covid-19 - Professionals"],
                channel="phone",
                reason="Dringende vraag van een zorgverlener; de dienst had dat zo gevraagd.",
                idempotency_key="demo-4",
            ),
        ),
    ]


def load_escalations() -> int:
    """Record the demo escalations that are not there yet; returns how many are new."""
    agent = get_user_model().objects.get(username=AGENT)
    points = dict(EscalationPoint.objects.published().values_list("editorial_title", "pk"))
    day = last_working_day(timezone.localdate())
    created = 0
    for moment, request in demo_requests(points, day):
        _, new = escalate(agent=agent, request=request, at=moment)
        created += new
    return created
