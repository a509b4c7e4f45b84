"""`manage.py rebuild_search_index`: rebuild the agents' search index in bulk (after an
upgrade or a restore, and by `demo_data`). The index otherwise follows every change itself."""

from time import monotonic

from django.core.management.base import BaseCommand

from knowledge.search_index import rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindex van de contactcentersite opnieuw op (punten en kennisitems)."

    def handle(self, *args, **options):
        started = monotonic()
        rows = rebuild()
        seconds = monotonic() - started
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {rows} items in {seconds:.1f} s.")
