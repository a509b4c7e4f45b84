"""`manage.py bench_delivery`: the workers' delivery throughput to a local SMTP server.

Writes N e-mail escalations with their message to the service, each through
`outbox.enqueue_message` (so each gets its delivery task, as in production), while no
worker runs; starts a local SMTP server and K `db_worker` processes; waits until every message
is delivered and the server holds N messages. The throughput is taken between the first and
the last `delivered_at` (worker start-up left out); the wall time from starting the workers
is reported too. Prints one JSON object. For a throw-away database only: it adds rows.
"""

import json
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max, Min

from escalations.models import (
    DeliveryState,
    Escalation,
    EscalationChannel,
    EscalationState,
    MessageKind,
    MessageRoute,
    OutboxMessage,
)
from escalations.outbox import enqueue_message
from escalations.testing import SmtpSink, wait_until


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Command(BaseCommand):
    help = "Meet hoeveel escalatieberichten per seconde de workers afleveren (lokale SMTP)."

    def add_arguments(self, parser):
        parser.add_argument("--messages", type=int, default=2000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--timeout", type=int, default=600)

    def handle(self, *, messages, workers, timeout, **options):
        if OutboxMessage.objects.filter(state=DeliveryState.PENDING).exists():
            raise CommandError("Er wachten al berichten in deze databank; gebruik een lege.")
        with SmtpSink() as sink:
            self.write_messages(messages)
            started = time.monotonic()
            processes = [self.start_worker(n, sink.port) for n in range(workers)]
            try:
                wait_until(
                    lambda: (
                        not OutboxMessage.objects.exclude(state=DeliveryState.DELIVERED).exists()
                    ),
                    timeout,
                    "alle berichten afgeleverd",
                    pause=0.1,
                )
                wall = time.monotonic() - started
                sink.wait_for(messages, timeout=30)
            finally:
                for process in processes:
                    process.send_signal(signal.SIGTERM)
                for process in processes:
                    process.wait(timeout=60)
            received = len(sink.messages)
            distinct = len({str(mail["Message-ID"]).strip() for mail in sink.messages})
        span = OutboxMessage.objects.aggregate(first=Min("delivered_at"), last=Max("delivered_at"))
        seconds = (span["last"] - span["first"]).total_seconds()
        report = {
            "messages": messages,
            "workers": workers,
            "seconds": round(seconds, 2),
            "messages_per_s": round((messages - 1) / seconds, 1) if seconds else None,
            "wall_seconds_from_worker_start": round(wall, 2),
            "received_by_smtp_server": received,
            "distinct_message_ids": distinct,
            "database": connection.vendor,
        }
        self.stdout.write(json.dumps(report))

    def write_messages(self, count: int) -> None:
        with transaction.atomic():
            escalations = Escalation.objects.bulk_create(
                Escalation(
                    channel=EscalationChannel.EMAIL,
                    point_title=f"BENCH - Punt {n % 50}",
                    state=EscalationState.QUEUED,
                    delivery="email",
                    service_address=f"punt{n % 50}@bench.example.be",
                )
                for n in range(count)
            )
            for escalation in escalations:
                enqueue_message(
                    escalation=escalation,
                    kind=MessageKind.SERVICE,
                    route=MessageRoute.SMTP,
                    recipient=escalation.service_address,
                    subject=f"Escalatie {escalation.reference}: {escalation.point_title}",
                    body="Vraag van de burger.\n" * 20,
                )

    def start_worker(self, number: int, smtp_port: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", ""),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
        }
        command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "-v0"]
        command += ["--worker-id", f"bench-{number}", "--interval", "0.1"]
        return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
