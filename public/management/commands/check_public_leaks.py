"""Crawl the public site of this database as an anonymous visitor and report R1 leaks."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from public import leakcheck


class Command(BaseCommand):
    help = (
        "Bezoekt de publieke site, sitemap, zoekfunctie en publieke API zoals een anonieme "
        "bezoeker en meldt elke plek waar gegevens van escalatiepunten of vragen "
        "verschijnen (R1). Eindigt met code 1 bij een lek."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-urls", type=int, default=leakcheck.MAX_URLS)
        parser.add_argument(
            "--host",
            default="",
            help="Host voor de verzoeken (standaard testserver of de eerste ALLOWED_HOSTS).",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Ook titels melden die gelijk zijn aan de naam van een (publieke) organisatie.",
        )

    def handle(self, *args, max_urls, host, strict, **options):
        host = host or self.default_host()
        client = Client(SERVER_NAME=host)
        pages = leakcheck.crawl_public_site(
            client, max_urls=max_urls, hosts=leakcheck.site_hosts() | {host}
        )
        secrets = leakcheck.contactcenter_secrets(allow_organisation_names=not strict)
        leaks = leakcheck.find_leaks(pages, secrets)
        self.stdout.write(
            f"{len(pages)} publieke URL's bezocht, {len(secrets)} geheime teksten gecontroleerd."
        )
        if len(pages) >= max_urls:
            self.stdout.write(self.style.WARNING(f"Gestopt na {max_urls} URL's (--max-urls)."))
        for url, secret in leaks:
            self.stdout.write(self.style.ERROR(f"LEK {url}: {secret!r}"))
        if leaks:
            raise CommandError(f"{len(leaks)} lek(ken) gevonden op de publieke site (R1).")
        self.stdout.write(self.style.SUCCESS("Geen lekken gevonden."))

    @staticmethod
    def default_host() -> str:
        allowed = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
        if "testserver" in settings.ALLOWED_HOSTS or not allowed:
            return "testserver"
        return allowed[0]
