"""Load the demo: organisations, reference data, the guideline's six example points, and
one account per role. Running it again changes nothing that already exists."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core import roles
from demo.escalations import load_escalations
from demo.knowledge import load_knowledge
from demo.vocabulary import ensure_vocabulary
from knowledge.search_index import rebuild as rebuild_search_index
from points.models import EscalationPoint
from points.planning import plan_change
from points.services import create_or_update_point
from reference.models import ClosingDay, LineCode, Organisation

ORGANISATIONS = [
    # (abbreviation, full name, parent abbreviation)
    ("ANB", "Agentschap voor Natuur en Bos", None),
    ("ANB-JACHT", "Afdeling Jacht en Wildbeheer", "ANB"),
    ("VAPH", "Vlaams Agentschap voor Personen met een Handicap", None),
    ("VAPH-PRO", "Afdeling Zorgaanbod en Professionals", "VAPH"),
    ("De Lijn", "Vlaamse Vervoermaatschappij De Lijn", None),
    ("DL-ABO", "Klantendienst Abonnementen De Lijn", "De Lijn"),
    ("VMM", "Vlaamse Milieumaatschappij", None),
    ("VMM-GW", "Dienst Grondwater", "VMM"),
    ("OVAM", "Openbare Vlaamse Afvalstoffenmaatschappij", None),
    ("OVAM-AFV", "Dienst Afvalstoffen en Materialen", "OVAM"),
    ("Omgeving", "Departement Omgeving", None),
    ("WSE", "Departement Werk en Sociale Economie", None),
    ("WSE-VOV", "Team Vlaamse Ondersteuningspremie", "WSE"),
]

ORGANISATION_PROFILES = {
    "ANB": ("Zorgt voor natuur, bos, groen en jacht in Vlaanderen.", "https://www.natuurenbos.be"),
    "VAPH": (
        "Ondersteunt personen met een handicap met zorg en hulpmiddelen.",
        "https://www.vaph.be",
    ),
    "De Lijn": ("Verzorgt het stads- en streekvervoer met bus en tram.", "https://www.delijn.be"),
    "VMM": ("Waakt over de kwaliteit van water en lucht in Vlaanderen.", "https://www.vmm.be"),
    "OVAM": ("Zorgt voor het afval- en bodembeleid in Vlaanderen.", "https://www.ovam.be"),
    "Omgeving": ("Bereidt het omgevingsbeleid van de Vlaamse overheid voor.", ""),
    "WSE": ("Bereidt het werk- en sociale-economiebeleid voor.", "https://www.werk.be"),
}

LINE_CODES = [
    ("WONEN", "Wonen en energie"),
    ("MOBIL", "Mobiliteit"),
    ("OMGEV", "Omgeving en milieu"),
    ("WERK", "Werk en sociale economie"),
]
EDITORIAL_DOMAINS = ["Natuur", "Welzijn", "Mobiliteit", "Milieu", "Werk"]
THEMES = ["Jacht", "Zorg en handicap", "Openbaar vervoer", "Milieurapportering", "Tewerkstelling"]

WORKING_WEEK = ("mon", "tue", "wed", "thu", "fri")

# R20: the demo voorlichter is in a team that handles the environment line, so the console
# lists the points on that line first.
AGENT_TEAM = ("Team Omgeving", "OMGEV", "voorlichter")


def week(*slots: str, days=WORKING_WEEK) -> dict:
    """week("09:00-12:00", "13:00-16:00") -> those slots on each of `days`."""
    pairs = [slot.split("-") for slot in slots]
    return dict.fromkeys(days, pairs)


def reporting(domain: str, theme: str, organisation: str) -> dict:
    return {"editorial_domains": [domain], "theme": theme, "organisation": organisation}


def imjv_part(part: str, organisation: str, content: str, *, term: str, **fields) -> dict:
    """One part of the Integraal Milieujaarverslag, each with the service that answers it."""
    return {
        "editorial_title": f"IMJV - Deel {part.capitalize()} ({organisation})",
        "content": f"Integraal Milieujaarverslag, deel {part}\n{content}",
        "search_terms": ["milieujaarverslag", term],
        "line_codes": ["1700", "OMGEV"],
        "reporting": reporting("Milieu", "Milieurapportering", organisation),
        **fields,
    }


def next_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7 or 7)


def whole_day(day: date) -> tuple[datetime, datetime]:
    """The day's local noon twice: with whole_days the rules widen it to midnight-midnight."""
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    return noon, noon + timedelta(minutes=1)


def demo_points(today: date) -> list[dict]:
    team_day = next_weekday(today, 3)  # a Thursday soon: the guideline's team-day example
    team_day_start, team_day_end = whole_day(team_day)
    short_day = next_weekday(today, 4)  # a Friday soon: open differently that day
    short_day_start, short_day_end = whole_day(short_day)
    agreed = (today - timedelta(days=30)).isoformat()
    return [
        {
            "editorial_title": "ANB - Team Jacht",
            "instructions": "Escalatie per mail? Vermeld altijd rijksregisternummer.",
            "content": (
                "Agentschap voor Natuur en Bos\nJachtverlof en jachtvergunning\nJachtexamen\n"
                "Wildschade"
            ),
            "phone": {"number": "02 553 81 02", "share_with_citizen": False},
            "email": {
                "address": "jacht.anb@example.be",
                "share_with_citizen": True,
                "requires_national_number": True,
            },
            "phone_hours": week("09:00-12:00", "13:00-16:00", days=["mon", "tue", "thu"])
            | week("09:00-12:00", days=["wed", "fri"]),
            "exceptions": [
                {
                    "starts_at": team_day_start,
                    "ends_at": team_day_end,
                    "whole_days": True,
                    "channel": "phone",
                    "message": (f"Telefonisch niet bereikbaar op donderdag {team_day:%d-%m-%Y}."),
                }
            ],
            "contact_persons": [
                {
                    "name": "Lies Vermeulen",
                    "role": "Diensthoofd Team Jacht",
                    "email": "lies.vermeulen@example.be",
                }
            ],
            "search_terms": ["jachtverlof", "jachtvergunning", "wildschade"],
            "line_codes": ["1700", "OMGEV"],
            "reporting": reporting("Natuur", "Jacht", "ANB"),
            "agreements": {"date": agreed, "with": "Diensthoofd Team Jacht"},
        },
        {
            "editorial_title": "VAPH - Covid-19 - Professionals",
            "instructions": (
                "Enkel voor zorgaanbieders en professionals. Vraag naar het erkenningsnummer."
            ),
            "content": (
                "Vlaams Agentschap voor Personen met een Handicap\nMaatregelen in voorzieningen\n"
                "Compensaties voor zorgaanbieders"
            ),
            "phone": {"number": "02 225 84 11"},
            "email": {"address": "professionals@vaph.example.be"},
            "phone_hours": week("09:00-12:00", "13:00-16:00"),
            "exceptions": [
                {
                    "starts_at": short_day_start,
                    "ends_at": short_day_end,
                    "whole_days": True,
                    "channel": "phone",
                    "replacement_hours": [["10:00", "12:00"]],
                    "message": (
                        f"Op vrijdag {short_day:%d-%m-%Y} enkel telefonisch bereikbaar van "
                        "10 tot 12 uur."
                    ),
                }
            ],
            "handling_term": {
                "working_days": 10,
                "info": (
                    "Voor dossiers die meer onderzoek vereisen, kan het een aantal weken duren "
                    "voor u een antwoord krijgt."
                ),
            },
            "search_terms": ["corona", "zorgaanbieder"],
            "line_codes": ["1700"],
            "reporting": reporting("Welzijn", "Zorg en handicap", "VAPH"),
            "agreements": {"date": agreed, "with": "Afdelingshoofd Zorgaanbod"},
        },
        {
            "editorial_title": "De Lijn - Dienst Abonnementen",
            "instructions": (
                "Vraag naar het MOBIB-kaartnummer. Terugbetalingen: verwijs naar het webformulier."
            ),
            "content": "Abonnementen en terugbetalingen\nMOBIB-kaart\nDerdebetalersregeling",
            "phone": {
                "number": "070 22 02 00",
                "transfer_mode": "open",
                "share_with_citizen": True,
            },
            "email": {"address": "abonnementen@delijn.example.be", "delivery": "crm"},
            "phone_hours": week("08:00-18:00") | week("09:00-13:00", days=["sat"]),
            "search_terms": ["abonnement", "mobib", "buzzy pazz", "omnipas"],
            "line_codes": ["1700", "MOBIL"],
            "reporting": reporting("Mobiliteit", "Openbaar vervoer", "De Lijn"),
            "agreements": {"date": agreed, "with": "Teamleider Klantendienst Abonnementen"},
        },
        imjv_part(
            "grondwater",
            "VMM",
            "Vlaamse Milieumaatschappij\nGrondwaterwinningen en heffing",
            term="grondwaterheffing",
            instructions="Vermeld het exploitatienummer en het jaar van het IMJV.",
            phone={"number": "053 72 64 45"},
            email={"address": "imjv.grondwater@vmm.example.be"},
            phone_hours=week("09:00-12:00"),
            agreements={"date": agreed, "with": "Dienst Grondwater, VMM"},
        ),
        imjv_part(
            "afval",
            "OVAM",
            "Openbare Vlaamse Afvalstoffenmaatschappij\nAfvalstoffenregister",
            term="afvalstoffen",
            instructions="Escalatie per mail? Vermeld het exploitatienummer.",
            phone=None,
            email={"address": "imjv.afval@ovam.example.be"},
            agreements={"date": agreed, "with": "Dienst Afvalstoffen en Materialen, OVAM"},
        ),
        {
            "editorial_title": "WSE - VOV - Technisch probleem WSE-loket",
            "instructions": "Noteer de foutmelding en het ondernemingsnummer.",
            "content": (
                "Departement Werk en Sociale Economie\nVlaamse Ondersteuningspremie (VOV)\n"
                "Technische problemen met het WSE-loket"
            ),
            "phone": {"number": "02 553 40 40", "transfer_allowed": True},
            "email": {"address": "helpdesk.wseloket@wse.example.be", "forward_allowed": False},
            "phone_hours": week("08:30-12:30", "13:30-16:30", days=WORKING_WEEK[:4])
            | week("08:30-12:30", days=["fri"]),
            "handling_term": {"working_days": 3},
            "search_terms": ["vop", "ondersteuningspremie", "wse-loket"],
            "line_codes": ["1700", "WERK"],
            "reporting": reporting("Werk", "Tewerkstelling", "WSE"),
            "agreements": {"date": agreed, "with": "Teamcoördinator VOV"},
        },
    ]


ACCOUNTS = [
    # (username, password, role, first name)
    ("redacteur", "demo-redacteur-1700", roles.REDACTEUR, "Rita"),
    ("voorlichter", "demo-voorlichter-1700", roles.VOORLICHTER, "Vic"),
    ("beheerder", "demo-beheerder-1700", roles.BEHEERDER, "Bart"),
    ("teamleider", "demo-teamleider-1700", roles.TEAMLEIDER, "Tine"),
]


class Command(BaseCommand):
    help = "Laadt de demogegevens (organisaties, escalatiepunten, demo-accounts)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.load_site()
        self.load_organisations()
        self.load_reference_data()
        self.load_closing_days()
        created = self.load_points()
        knowledge_items = load_knowledge()
        self.load_accounts()
        self.load_agent_team()
        escalations = load_escalations()
        planned = self.load_planned_changes()
        # The index follows every publish by itself; a database that had data before the
        # index existed gets it filled here.
        rebuild_search_index()
        self.stdout.write(
            f"Demogegevens geladen ({created} nieuwe escalatiepunten, "
            f"{knowledge_items} nieuwe kennisitems, {escalations} nieuwe escalaties, "
            f"{planned} nieuwe geplande wijzigingen)."
        )
        self.stdout.write("Demo-accounts (CMS op /cms/):")
        for username, password, role, _ in ACCOUNTS:
            self.stdout.write(f"  {role:<12} gebruiker: {username:<12} wachtwoord: {password}")

    def load_organisations(self):
        for abbreviation, name, parent in ORGANISATIONS:
            description, website = ORGANISATION_PROFILES.get(abbreviation, ("", ""))
            Organisation.objects.get_or_create(
                abbreviation=abbreviation,
                defaults={
                    "name": name,
                    "parent": Organisation.objects.get(abbreviation=parent) if parent else None,
                    "description": description,
                    "website": website,
                },
            )

    def load_site(self):
        """Sitemaps and CMS links use the Site's address: the demo's own."""
        Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)

    def load_reference_data(self):
        ensure_vocabulary(line_codes=LINE_CODES, domains=EDITORIAL_DOMAINS, themes=THEMES)

    def load_closing_days(self):
        """A staff day for De Lijn: its points are closed that day, the others are not."""
        staff_day = next_weekday(timezone.localdate(), 2) + timedelta(days=14)
        ClosingDay.objects.get_or_create(
            organisation=Organisation.objects.get(abbreviation="De Lijn"),
            name="Personeelsdag De Lijn",
            defaults={"day": staff_day},
        )

    def load_points(self) -> int:
        created = 0
        for data in demo_points(timezone.localdate()):
            if EscalationPoint.objects.filter(editorial_title=data["editorial_title"]).exists():
                continue
            data = {key: value for key, value in data.items() if value is not None}
            create_or_update_point(data={**data, "status": "published"}, user=None)
            created += 1
        return created

    def load_planned_changes(self) -> int:
        """R25: from next Monday 08:00 a temporary handling term of 10 working days for ANB -
        Team Jacht, undone two weeks later; a new number for De Lijn the Monday after. Only on
        a point that has no planned changes yet."""
        monday = timezone.make_aware(
            datetime.combine(next_weekday(timezone.localdate(), 0), time(8))
        )
        planner = get_user_model().objects.get(username="redacteur")
        plans = [
            (
                "ANB - Team Jacht",
                {
                    "handling_term": {
                        "working_days": 10,
                        "info": "Door de drukte na de opening van het jachtseizoen kan het tot "
                        "10 werkdagen duren voor u een antwoord krijgt.",
                    }
                },
                monday,
                monday + timedelta(days=14),
            ),
            (
                "De Lijn - Dienst Abonnementen",
                {"phone": {"number": "09 210 94 91", "share_with_citizen": True}},
                monday + timedelta(days=7),
                None,
            ),
        ]
        created = 0
        for title, changes, effective_at, revert_at in plans:
            point = EscalationPoint.objects.filter(editorial_title=title).first()
            if point is None or point.scheduled_changes.exists():
                continue
            plan_change(
                point=point,
                user=planner,
                changes=changes,
                effective_at=effective_at,
                revert_at=revert_at,
            )
            created += 1
        return created

    def load_accounts(self):
        user_model = get_user_model()
        for username, password, role, first_name in ACCOUNTS:
            if user_model.objects.filter(username=username).exists():
                continue
            user = user_model.objects.create_user(
                username=username,
                password=password,
                first_name=first_name,
                last_name=role,
                email=f"{username}@contactcenter.example.be",
            )
            user.groups.add(Group.objects.get(name=role))

    def load_agent_team(self):
        team_name, line_code, username = AGENT_TEAM
        team, _ = Group.objects.get_or_create(name=team_name)
        LineCode.objects.get(code=line_code).groups.add(team)
        get_user_model().objects.get(username=username).groups.add(team)
