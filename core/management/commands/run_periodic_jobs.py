"""`manage.py run_periodic_jobs`: run what is due now (every db_worker also does this)."""

from django.core.management.base import BaseCommand

from core.periodic import registered, run_due_jobs


class Command(BaseCommand):
    help = (
        "Voert de periodieke taken uit die aan de beurt zijn (bijv. persoonsgegevens wissen "
        "na de bewaartermijn). --alle voert ze allemaal nu uit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alle", action="store_true", help="Alle taken nu uitvoeren.")

    def handle(self, *args, alle: bool = False, **options):
        ran = run_due_jobs(force=alle)
        names = ", ".join(ran) or "geen"
        self.stdout.write(f"Uitgevoerd: {names} (van {len(registered())} taken).")
