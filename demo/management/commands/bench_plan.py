"""What the load generator of `make bench` needs from the seeded database, as JSON on stdout:
a session per account (logged in as the login form would) and a sample of published points."""

import json
import random
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand

from demo.bench_data import ACCOUNTS
from points.models import EscalationPoint


def session_for(user) -> str:
    """A session in the configured engine (with Redis: in the database and in Redis)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "console.auth.KeptUserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class Command(BaseCommand):
    help = "Geeft sessies en een steekproef van gepubliceerde escalatiepunten voor de benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--points", type=int, default=1000)

    def handle(self, *args, points, **options):
        users = get_user_model().objects.filter(username__in=[name for name, _ in ACCOUNTS])
        sessions = {role: session_for(users.get(username=name)) for name, role in ACCOUNTS}
        ids = list(EscalationPoint.objects.published().values_list("pk", flat=True))
        sample = random.Random(1700).sample(ids, min(points, len(ids)))
        self.stdout.write(json.dumps({"sessions": sessions, "point_ids": sample}))
