"""`manage.py mail_sink`: a local SMTP server for the demo. Every message it receives is
written to var/mail/<moment>-<n>.eml; it prints one line per message."""

import signal
import threading
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from escalations.testing import SmtpSink


class Command(BaseCommand):
    help = "Lokale mailserver voor de demo: bewaart elk ontvangen bericht in var/mail/."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--directory", default=str(Path(settings.BASE_DIR) / "var" / "mail"))

    def handle(self, *, port, directory, **options):
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        counter = iter(range(1, 10**9))

        def keep(message, raw: bytes) -> None:
            path = folder / f"{datetime.now():%Y%m%d-%H%M%S}-{next(counter):05d}.eml"
            path.write_bytes(raw)
            self.stdout.write(f"mail ontvangen: {path}  ({message['Subject']})")

        sink = SmtpSink(port=port, on_message=keep).start()
        self.stdout.write(f"Mailserver luistert op 127.0.0.1:{port}; berichten in {folder}")
        stopped = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopped.set())
        stopped.wait()
        sink.stop()
