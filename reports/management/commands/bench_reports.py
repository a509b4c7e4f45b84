"""The reports' benchmark (`make bench-reports`, part of `make bench`).

    python manage.py bench_reports [--rows 1000000] [--keep-database]

Creates its own PostgreSQL database `bench_reports` (dropped first if a previous run left
it), migrates it, writes a year of escalations with COPY (`reports.bench`), VACUUM ANALYZEs,
times the reports (median of five runs after a warm-up) and the CMS report page, and merges
`"reports": {...}` into var/bench/latest.json, keeping the other keys. Then drops the
database. The work itself runs in a second process on that database (`--here`), so this
command never writes to the database of its own settings.
"""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_reports"
OUTPUT = Path(settings.BASE_DIR) / "var" / "bench" / "latest.json"


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("bench_"):
        raise CommandError(f"De benchmarkdatabank moet met bench_ beginnen, niet '{name}'.")
    return name


def server(url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True)


def merge_into_latest(figures: dict) -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    latest = json.loads(OUTPUT.read_text()) if OUTPUT.exists() else {}
    latest["reports"] = figures
    OUTPUT.write_text(json.dumps(latest, indent=2, ensure_ascii=False) + "\n")


class Command(BaseCommand):
    help = "Meet de escalatierapporten met een jaar escalaties (1.000.000) op PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--database-url", default=DEFAULT_URL)
        parser.add_argument("--keep-database", action="store_true")
        parser.add_argument(
            "--here", action="store_true", help="(intern) vul en meet de huidige databank"
        )

    def handle(self, *args, rows, database_url, keep_database, here, **options):
        if here:
            self.stdout.write(json.dumps(self.seed_and_measure(rows)))
            return
        name = database_name(database_url)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        with server(database_url) as postgres:
            postgres.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            postgres.execute(f'CREATE DATABASE "{name}"')
        try:
            self.stdout.write(f"[bench-reports] databank {name}: migreren")
            subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
            self.stdout.write(f"[bench-reports] {rows} escalaties schrijven en meten")
            result = subprocess.run(
                [*manage, "bench_reports", "--here", "--rows", str(rows)],
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
        finally:
            if not keep_database:
                with server(database_url) as postgres:
                    postgres.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        merge_into_latest(figures)
        for key, value in figures.items():
            if key != "explain":
                self.stdout.write(f"  {key:<34} {value}")
        self.stdout.write(f"[bench-reports] geschreven in {OUTPUT}")

    def seed_and_measure(self, rows: int) -> dict:
        from reports import bench

        if connection.vendor != "postgresql":
            raise CommandError("De rapportbenchmark draait op PostgreSQL (DATABASE_URL).")
        database_name("/" + connection.settings_dict["NAME"])
        last_day = timezone.localdate()
        started = time.perf_counter()
        counts = bench.seed(rows, last_day=last_day)
        seed_seconds = time.perf_counter() - started
        started = time.perf_counter()
        bench.vacuum_analyze()
        vacuum_seconds = time.perf_counter() - started
        figures = {
            "rows": counts["escalations"],
            "domain_links": counts["domain_links"],
            "confirmations": counts["confirmations"],
            "seed_s": round(seed_seconds, 1),
            "vacuum_analyze_s": round(vacuum_seconds, 1),
            **bench.measure(last_day),
            "cms_report_page_ms": self.time_cms_page(last_day),
            "database": "PostgreSQL",
            "explain": bench.explain(last_day).splitlines(),
        }
        return figures

    def time_cms_page(self, last_day) -> float:
        """The CMS report 'Escalaties' over the year, as a teamleider opens it (the page: the
        counts per organisation, the weeks, the top organisations and themes)."""
        from django.contrib.auth.models import Group

        from core import roles
        from reports import bench

        user_model = self.user_model()
        lead, _ = user_model.objects.get_or_create(username="bench-teamleider")
        lead.groups.add(Group.objects.get(name=roles.TEAMLEIDER))
        client = Client()
        client.force_login(lead)
        start = last_day - timedelta(days=bench.DAYS - 1)
        query = {"start": start.isoformat(), "end": last_day.isoformat(), "interval": "week"}

        def page():
            response = client.get("/cms/rapporten/escalaties/", query)
            if response.status_code != 200:
                raise CommandError(f"Het rapport antwoordde {response.status_code}.")

        return bench.timed(page, repeat=3)

    @staticmethod
    def user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
