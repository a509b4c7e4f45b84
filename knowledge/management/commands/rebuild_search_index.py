"""`manage.py rebuild_search_index`: rebuild the agents' search index in bulk (after an
upgrade or a restore, and by `demo_data`). The index otherwise follows every change itself."""

from time import monotonic

from django.core.management.base import BaseCommand
from django.db import connection

from knowledge.search_index import rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindex van de contactcentersite opnieuw op (punten en kennisitems)."

    def handle(self, *args, **options):
        started = monotonic()
        rows = rebuild()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The old rows are dead now: without them the first searches read no stale pages.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) knowledge_searchentry, knowledge_searchword")
        seconds = monotonic() - started
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {rows} items in {seconds:.1f} s.")
