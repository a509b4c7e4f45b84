"""Benchmark: latency of the availability endpoint, in process (`make bench`).

Creates a throw-away test database (never touches the real one), a realistic point (two
slots a day, a year of closing days, three exceptions) and an agent, then times GET
requests through Django's full stack with the test client. Prints median and p95.
"""

import statistics
import time

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.runner import DiscoverRunner
from django.test.utils import setup_test_environment, teardown_test_environment
from wagtail.models import APIToken

from core import roles
from points.services import create_or_update_point
from reference.models import Organisation

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
MOMENTS = [
    "2026-12-07T10:15:00+01:00",  # open
    "2026-12-07T12:30:00+01:00",  # lunch break
    "2026-12-25T10:00:00+01:00",  # Christmas
    "2026-12-10T09:30:00+01:00",  # exception
    "2026-12-19T09:00:00+01:00",  # Saturday
]


def realistic_point():
    Organisation.objects.get_or_create(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    return create_or_update_point(
        user=None,
        data={
            "status": "published",
            "editorial_title": "ANB - Team Jacht",
            "phone": {"number": "011 12 34 56"},
            "email": {"address": "jacht@anb.example.be"},
            "phone_hours": {day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in WEEKDAYS},
            "exceptions": [
                {
                    "starts_at": "2026-12-10T00:00:00+01:00",
                    "ends_at": "2026-12-10T12:00:00+01:00",
                    "channel": "phone",
                    "message": "Niet bereikbaar donderdagvoormiddag.",
                },
                {
                    "starts_at": "2026-12-14T00:00:00+01:00",
                    "ends_at": "2026-12-15T00:00:00+01:00",
                    "channel": "both",
                    "replacement_hours": [["10:00", "12:00"]],
                    "message": "Enkel van 10 tot 12 uur.",
                },
                {
                    "starts_at": "2026-12-21T00:00:00+01:00",
                    "ends_at": "2027-01-04T00:00:00+01:00",
                    "channel": "email",
                    "message": "Mailbox niet opgevolgd.",
                },
            ],
            "reporting": {"organisation": "ANB"},
            "agreements": {"date": "2026-11-01", "with": "Diensthoofd"},
        },
    )


class Command(BaseCommand):
    help = "Meet de latentie van het beschikbaarheidseindpunt (in proces, testdatabank)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=2000)

    def handle(self, *args, requests, **options):
        setup_test_environment()
        runner = DiscoverRunner(verbosity=0, interactive=False)
        old_config = runner.setup_databases()
        try:
            self.measure(requests)
        finally:
            runner.teardown_databases(old_config)
            teardown_test_environment()

    def measure(self, requests: int) -> None:
        point = realistic_point()
        agent = User.objects.create_user("bench-agent", password="x")
        agent.groups.add(Group.objects.get(name=roles.VOORLICHTER))
        session = Client()
        session.force_login(agent)
        _, key = APIToken.create_token(user=agent, name="bench")
        token = Client(headers={"Authorization": f"Bearer {key}"})
        self.time_paths(point, session, requests, "session")
        self.time_paths(point, token, requests, "token")

    def time_paths(self, point, client, requests, auth):
        for path, label in (
            (f"/api/v1/escalation-points/{point.pk}/availability", "availability?at="),
            (f"/api/v1/escalation-points/{point.pk}/handling-term", "handling-term?from="),
            (f"/api/v1/escalation-points/{point.pk}", "detail (with availability now)"),
        ):
            timings = []
            for index in range(requests + 50):
                params = {}
                if "availability" in path:
                    params = {"at": MOMENTS[index % len(MOMENTS)]}
                elif "handling" in path:
                    params = {"from": "2026-12-23"}
                started = time.perf_counter()
                response = client.get(path, params)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, response.content
                if index >= 50:  # warm-up excluded
                    timings.append(elapsed * 1000)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95)]
            self.stdout.write(
                f"GET {label:<32} {auth:<8} median {statistics.median(timings):5.2f} ms   "
                f"p95 {p95:5.2f} ms   ({requests} requests, in process)"
            )
