"""Fill a fresh database with the benchmark's data set in bulk (`make bench`)."""

import json
import os
import time
from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import connection
from django_tasks_db.models import DBTaskResult

from demo.bench_data import seed as seed_data

# The console's own search index, once another part of the product brings it.
SEARCH_INDEX_COMMAND = "rebuild_search_index"


def refresh_planner_statistics() -> None:
    """After a bulk load the planner's statistics describe empty tables until autovacuum
    comes by (on a database grown by editors they keep up): without them PostgreSQL scans
    25,000 questions to find a point's six links. VACUUM too: autovacuum would otherwise
    visit every freshly loaded table (and the first reads set every row's hint bits) while
    the benchmark measures, as it never does on a database that grew over time. Inside a
    transaction (the tests) VACUUM cannot run: ANALYZE alone. SQLite's planner needs none."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


class Command(BaseCommand):
    help = (
        "Vult een lege databank snel met de benchmarkgegevens: gepubliceerde escalatiepunten "
        "en kennisitems, met revisies, zoekindex en referentie-index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--points", type=int, default=10_000)
        parser.add_argument("--items", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=1700)
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="processen voor de zoekindex"
        )
        parser.add_argument("--report", default="", help="Schrijf aantallen en tijden als JSON.")

    def handle(self, *args, points, items, seed, jobs, report, **options):
        started = time.perf_counter()
        tasks_before = DBTaskResult.objects.count()
        seeded = seed_data(points=points, items=items, seed=seed, jobs=jobs)
        if SEARCH_INDEX_COMMAND in get_commands():
            part_started = time.perf_counter()
            call_command(SEARCH_INDEX_COMMAND, verbosity=0)
            seeded.seconds[SEARCH_INDEX_COMMAND] = round(time.perf_counter() - part_started, 2)
        part_started = time.perf_counter()
        refresh_planner_statistics()
        seeded.seconds["vacuum_analyze"] = round(time.perf_counter() - part_started, 2)
        seconds = time.perf_counter() - started
        # Background work the seeding left for a worker (with the database queue): none.
        seeded.counts["queued_tasks"] = DBTaskResult.objects.count() - tasks_before
        counts = ", ".join(f"{count} {name}" for name, count in seeded.counts.items())
        parts = ", ".join(f"{name} {value:.1f}s" for name, value in seeded.seconds.items())
        self.stdout.write(f"Benchmarkgegevens geladen in {seconds:.1f}s: {counts}.")
        self.stdout.write(f"Onderdelen: {parts}.")
        if report:
            summary = {"seconds": round(seconds, 1), "parts": seeded.seconds, **seeded.counts}
            Path(report).write_text(json.dumps(summary, indent=2))
