"""The benchmark's data set, written in bulk (`manage.py bench_seed`, `make bench`).

It writes the rows an editor's work would leave, without going through the editor one object
at a time (which took half an hour for 10,000 points and queued 67,182 background tasks):

- points as `points.services.create_or_update_point` publishes them: the point with
  `live`, `first_published_at`/`last_published_at`, one `Revision` whose content is the
  point's `serializable_data()` as saved before publishing, `live_revision` and
  `latest_revision` pointing at it, the `wagtail.create` and `wagtail.publish` log entries,
  its time slots, exceptions, contact persons, line codes and editorial domains;
- topics, articles and products as Wagtail pages under the home page as `add_child` and
  `save_revision().publish()` leave them: treebeard paths, depth and `numchild` computed
  here, `url_path`, a revision each, the create/publish log entries and the links to points;
- questions with their links;
- Wagtail's search index (`add_items` per model, in chunks) and reference index (the usage
  view), built in bulk as `update_index` and `rebuild_references_index` would build them.

`bulk_create` sends no signals, so nothing is queued for a worker. The words are Dutch
government subjects, so that a query like "studietoelage" finds a realistic fraction.
"""

import multiprocessing
import random
import time
import uuid
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from modelsearch.backends import get_search_backend
from wagtail.models import (
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
)

from core import roles
from demo.vocabulary import ensure_vocabulary
from knowledge.models import (
    RESERVED_SLUGS,
    ArticlePage,
    HomePage,
    ProductPage,
    Question,
    TopicPage,
)
from points import rules
from points.models import (
    AvailabilityException,
    ContactPerson,
    EscalationPoint,
    TimeSlot,
)
from reference.models import (
    EditorialDomain,
    EmailTemplate,
    LineCode,
    Organisation,
    ReportingTheme,
)

CHUNK = 1000
ACCOUNT_PASSWORD = "bench-1700-niet-in-productie"
ACCOUNTS = [("bench-voorlichter", roles.VOORLICHTER), ("bench-redacteur", roles.REDACTEUR)]

# Subjects agents get questions about: (word in titles, a phrase for texts).
SUBJECTS = [
    ("jachtverlof", "het jachtverlof en het jachtexamen"),
    ("wildschade", "schade door wild aan gewassen"),
    ("visverlof", "het visverlof voor binnenwateren"),
    ("bouwvergunning", "de bouwvergunning voor een woning"),
    ("omgevingsvergunning", "de omgevingsvergunning en het omgevingsloket"),
    ("renovatiepremie", "de renovatiepremie voor woningen"),
    ("dakisolatie", "premies voor dakisolatie"),
    ("zonnepanelen", "zonnepanelen en het terugdraaiende teller"),
    ("warmtepomp", "de premie voor een warmtepomp"),
    ("energielening", "de renteloze energielening"),
    ("huurpremie", "de huurpremie voor wie wacht op een sociale woning"),
    ("huurwaarborg", "de huurwaarborg en het waarborgfonds"),
    ("woonlening", "de Vlaamse woonlening"),
    ("registratiebelasting", "de registratiebelasting bij aankoop"),
    ("erfbelasting", "de erfbelasting na een overlijden"),
    ("schenkbelasting", "de schenkbelasting op roerende goederen"),
    ("onroerende voorheffing", "het aanslagbiljet onroerende voorheffing"),
    ("groeipakket", "het Groeipakket en de kinderbijslag"),
    ("kinderopvang", "kinderopvang en het inkomenstarief"),
    ("schooltoeslag", "de schooltoeslag voor kleuters en leerlingen"),
    ("studietoelage", "de studietoelage voor het hoger onderwijs"),
    ("leerkrediet", "het leerkrediet van studenten"),
    ("diploma", "de gelijkwaardigheid van een buitenlands diploma"),
    ("rijbewijs", "het rijbewijs en het rijexamen"),
    ("nummerplaat", "de inschrijving van een voertuig"),
    ("abonnement", "abonnementen voor bus en tram"),
    ("mobib", "de MOBIB-kaart"),
    ("fietsvergoeding", "de fietsvergoeding voor woon-werkverkeer"),
    ("grondwater", "grondwaterwinningen en de heffing"),
    ("afvalstoffen", "het afvalstoffenregister"),
    ("milieujaarverslag", "het Integraal Milieujaarverslag"),
    ("asbest", "het asbestattest bij verkoop"),
    ("bodemattest", "het bodemattest bij overdracht van grond"),
    ("mestbank", "de aangifte bij de Mestbank"),
    ("landbouwsubsidie", "subsidies voor land- en tuinbouwers"),
    ("bosbeheer", "het beheerplan voor bossen"),
    ("erfgoedpremie", "de erfgoedpremie voor beschermde monumenten"),
    ("archeologie", "de archeologienota"),
    ("zorgbudget", "het zorgbudget voor ouderen met een zorgnood"),
    ("persoonsvolgend budget", "het persoonsvolgend budget van het VAPH"),
    ("hulpmiddelen", "hulpmiddelen en aanpassingen voor personen met een handicap"),
    ("mantelzorg", "ondersteuning voor mantelzorgers"),
    ("thuiszorg", "gezinszorg en thuiszorg"),
    ("woonzorgcentrum", "de opname in een woonzorgcentrum"),
    ("vaccinatie", "vaccinaties en de vaccinatiekalender"),
    ("pleegzorg", "pleegzorg en pleegouders"),
    ("adoptie", "binnenlandse en interlandelijke adoptie"),
    ("jeugdhulp", "de toegang tot jeugdhulp"),
    ("opleiding", "opleidingen voor werkzoekenden"),
    ("ondersteuningspremie", "de Vlaamse ondersteuningspremie (VOP)"),
    ("loopbaancheque", "loopbaanbegeleiding met loopbaancheques"),
    ("zorgkrediet", "het zorgkrediet en het opleidingskrediet"),
    ("kmo-portefeuille", "de kmo-portefeuille voor ondernemers"),
    ("exportsteun", "steun voor export en internationaal ondernemen"),
    ("innovatiesteun", "subsidies voor innovatieprojecten"),
    ("sportvereniging", "subsidies voor sportverenigingen"),
    ("cultuurpremie", "projectsubsidies voor kunsten en cultuur"),
    ("inburgering", "het inburgeringstraject en het attest"),
    ("naturalisatie", "de nationaliteitsverklaring"),
    ("identiteitskaart", "de elektronische identiteitskaart"),
    ("e-loket", "aanmelden op het e-loket met itsme of eID"),
    ("adreswijziging", "een verhuis en de adreswijziging"),
    ("zorgpremie", "de jaarlijkse zorgpremie van de zorgkas"),
    ("overstroming", "schade door overstromingen en het rampenfonds"),
    ("waterfactuur", "de waterfactuur en het sociaal tarief"),
    ("riolering", "de aansluiting op de riolering"),
    ("digitale meter", "de digitale meter en het capaciteitstarief"),
    ("energiefactuur", "de energiefactuur en het sociaal tarief"),
    ("leefloon", "het leefloon en het OCMW"),
    ("dierenwelzijn", "dierenwelzijn en het registreren van honden en katten"),
    ("verkeersboete", "verkeersboetes en trajectcontrole"),
    ("parkeerkaart", "de parkeerkaart voor personen met een handicap"),
    ("zwerfvuil", "zwerfvuil en sluikstorten"),
    ("subsidie", "subsidies voor verenigingen"),
    ("dakloosheid", "opvang voor daklozen"),
    ("brandveiligheid", "het attest brandveiligheid"),
    ("conformiteitsattest", "het conformiteitsattest voor huurwoningen"),
    ("leegstand", "de heffing op leegstand"),
    ("sociale woning", "inschrijven voor een sociale woning"),
]

AUDIENCES = ["Burgers", "Professionals", "Ondernemers", "Gemeenten", "Scholen", "Landbouwers"]
TEAMS = ["Team", "Dienst", "Cel", "Helpdesk", "Klantendienst", "Afdeling"]
ORGANISATION_KINDS = [
    ("Agentschap", "voor"),
    ("Departement", ""),
    ("Vlaamse Maatschappij", "voor"),
    ("Fonds", "voor"),
    ("Vlaams Instituut", "voor"),
]
ORGANISATION_DOMAINS = [
    "Natuur en Bos",
    "Wonen",
    "Energie",
    "Onderwijs en Vorming",
    "Welzijn",
    "Zorg",
    "Werk",
    "Sociale Economie",
    "Mobiliteit",
    "Wegen en Verkeer",
    "Omgeving",
    "Landbouw en Visserij",
    "Onroerend Erfgoed",
    "Cultuur",
    "Jeugd",
    "Sport",
    "Financiën",
    "Belastingen",
    "Innoveren en Ondernemen",
    "Binnenlands Bestuur",
    "Integratie",
    "Kanselarij",
    "Toerisme",
    "Water",
    "Digitaal Vlaanderen",
    "Opgroeien",
    "Gezondheid",
    "Media",
    "Buitenlandse Zaken",
    "Justitie en Handhaving",
]
DIVISIONS = ["Klantendienst", "Dienst Dossierbeheer", "Team Vergunningen", "Helpdesk"]
LINE_CODES = [
    ("WONEN", "Wonen en energie"),
    ("MOBIL", "Mobiliteit"),
    ("OMGEV", "Omgeving en milieu"),
    ("WERK", "Werk en sociale economie"),
    ("ONDWS", "Onderwijs"),
    ("WELZN", "Welzijn en gezondheid"),
    ("BELAS", "Belastingen"),
    ("ONDRN", "Ondernemen"),
]
EDITORIAL_DOMAINS = ["Natuur", "Welzijn", "Mobiliteit", "Milieu", "Werk", "Wonen", "Onderwijs"]
THEMES = ["Jacht", "Zorg en handicap", "Openbaar vervoer", "Premies", "Tewerkstelling", "Fiscaal"]
INSTRUCTIONS = [
    "Escalatie per mail? Vermeld altijd rijksregisternummer.",
    "Vraag naar het dossiernummer en vermeld het in de mail.",
    "Noteer de foutmelding en het ondernemingsnummer.",
    "Enkel voor professionals: vraag naar het erkenningsnummer.",
    "",
]
PROCEDURES = [
    "Vraag aan via het e-loket.",
    "Vraag aan bij uw gemeente.",
    "Dien het aanvraagformulier in per post.",
    "Vraag aan via Mijn Burgerprofiel.",
    "De aanvraag gebeurt automatisch: u hoeft niets te doen.",
]
ARTICLE_TITLES = [
    "{Word} aanvragen",
    "Wie heeft recht op {word}?",
    "{Word}: voorwaarden",
    "{Word}: bedragen en berekening",
    "Bezwaar tegen een beslissing over {word}",
    "Veelgestelde vragen over {word}",
]
QUESTION_TEXTS = [
    "Hoe vraag ik {word} aan?",
    "Wanneer krijg ik een beslissing over {word}?",
    "Waarom werd mijn aanvraag voor {word} geweigerd?",
    "Hoeveel kost {word}?",
    "Wie contacteer ik over {word}?",
    "Kan ik {word} online aanvragen?",
]


@dataclass
class Seeded:
    """What was written, and how long each part took (seconds)."""

    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


@contextmanager
def timed(seeded: Seeded, part: str):
    started = time.perf_counter()
    yield
    seeded.seconds[part] = round(time.perf_counter() - started, 2)


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def content_type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Reference data and accounts -----------------------------------------------------------


def organisation_rows(count: int):
    """`count` new top-level organisations, none named like one that exists (the demo's)."""
    taken = set(Organisation.objects.values_list("name", flat=True))
    taken |= set(Organisation.objects.values_list("abbreviation", flat=True))
    number = 0
    while count:
        (kind, joiner), domain = (
            ORGANISATION_KINDS[number // len(ORGANISATION_DOMAINS) % len(ORGANISATION_KINDS)],
            ORGANISATION_DOMAINS[number % len(ORGANISATION_DOMAINS)],
        )
        round_ = number // (len(ORGANISATION_DOMAINS) * len(ORGANISATION_KINDS))
        number += 1
        name = " ".join(part for part in (kind, joiner, domain) if part)
        name = f"{name} {round_ + 1}" if round_ else name
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        abbreviation = f"{initials}{number}"
        if name in taken or abbreviation in taken:
            continue
        count -= 1
        yield Organisation(name=name, abbreviation=abbreviation)


def seed_reference_data(rng: random.Random, organisations: int) -> dict:
    ensure_vocabulary(line_codes=LINE_CODES, domains=EDITORIAL_DOMAINS, themes=THEMES)
    tops = list(organisation_rows(organisations))
    Organisation.objects.bulk_create(tops)
    tops = list(Organisation.objects.filter(abbreviation__in=[o.abbreviation for o in tops]))
    divisions = [
        Organisation(
            name=f"{division} {top.abbreviation}",
            abbreviation=f"{top.abbreviation}-{division.split()[-1][:4].upper()}",
            parent=top,
        )
        for top in tops
        for division in rng.sample(DIVISIONS, 2)
    ]
    Organisation.objects.bulk_create(divisions)
    return {
        "organisations": tops,
        "line_codes": list(LineCode.objects.all()),
        "default_line_code": LineCode.objects.defaults().first() or LineCode.objects.first(),
        "domains": list(EditorialDomain.objects.all()),
        "themes": list(ReportingTheme.objects.all()),
        "email_template": EmailTemplate.objects.default_pk(),
    }


def seed_accounts() -> list:
    """One voorlichter and one redacteur, for the load generator's sessions."""
    users = []
    for username, role in ACCOUNTS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": role, "last_name": "Bench"}
        )
        if created:
            user.set_password(ACCOUNT_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=role))
        users.append(user)
    return users


# --- Points --------------------------------------------------------------------------------


def phone_numbers(rng: random.Random, count: int) -> list[str]:
    """Valid Belgian numbers, stored as the rules store them (R5)."""
    numbers = []
    while len(numbers) < count:
        raw = f"02 {rng.randint(200, 599)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        numbers.append(rules.normalise_phone(raw))
    return numbers


def point_rows(rng: random.Random, count: int, reference: dict, now: datetime) -> list:
    numbers = phone_numbers(rng, 200)
    agreed = timezone.localdate() - timedelta(days=60)
    points = []
    for number in range(count):
        organisation = rng.choice(reference["organisations"])
        word, phrase = SUBJECTS[number % len(SUBJECTS)]
        other_word, other_phrase = rng.choice(SUBJECTS)
        team = f"{rng.choice(TEAMS)} {capitalised(word)}"
        title = f"{organisation.abbreviation} - {team}"
        if rng.random() < 0.4:
            title = f"{title} - {rng.choice(AUDIENCES)}"
        has_phone = rng.random() < 0.85
        has_email = not has_phone or rng.random() < 0.8
        mailbox = slugify(word).replace("-", "")
        points.append(
            EscalationPoint(
                editorial_title=title,
                instructions=rng.choice(INSTRUCTIONS),
                content=f"{organisation.name}\n{capitalised(phrase)}\n{capitalised(other_phrase)}",
                phone_number=rng.choice(numbers) if has_phone else "",
                phone_share_with_citizen=rng.random() < 0.3,
                email_address=(
                    f"{mailbox}{number}@{organisation.abbreviation.lower()}.example.be"
                    if has_email
                    else ""
                ),
                email_template_id=reference["email_template"],
                handling_working_days=rng.choice([3, 5, 5, 5, 10]),
                search_terms=f"{word}\n{other_word}",
                agreements_date=agreed,
                agreements_with=f"Diensthoofd {team}",
                reporting_theme=rng.choice(reference["themes"]),
                reporting_organisation=organisation,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    return points


def time_slot_rows(rng: random.Random, point: EscalationPoint) -> list[TimeSlot]:
    if not point.phone_number:
        return []
    split_day = rng.random() < 0.6
    hours = (
        [(clock(9), clock(12)), (clock(13), clock(16))] if split_day else [(clock(9), clock(17))]
    )
    slots = []
    for weekday in range(5):
        for start, end in hours:
            slots.append(
                TimeSlot(point=point, weekday=weekday, start=start, end=end, sort_order=len(slots))
            )
    return slots


def exception_rows(rng: random.Random, point: EscalationPoint) -> list[AvailabilityException]:
    """About one point in twelve has a team day coming up (R16)."""
    if rng.random() >= 1 / 12:
        return []
    day = timezone.localdate() + timedelta(days=rng.randint(1, 60))
    starts_at, ends_at = rules.whole_day_period(
        timezone.make_aware(datetime.combine(day, clock(12))),
        timezone.make_aware(datetime.combine(day, clock(12, 1))),
    )
    return [
        AvailabilityException(
            point=point,
            starts_at=starts_at,
            ends_at=ends_at,
            whole_days=True,
            channel="phone",
            message=f"Telefonisch niet bereikbaar op {day:%d-%m-%Y} (teamdag).",
            sort_order=0,
        )
    ]


def seed_points(rng: random.Random, count: int, reference: dict, now: datetime) -> list:
    points = EscalationPoint.objects.bulk_create(point_rows(rng, count, reference, now), CHUNK)
    slots = {point.pk: time_slot_rows(rng, point) for point in points}
    exceptions = {point.pk: exception_rows(rng, point) for point in points}
    persons = {
        point.pk: [
            ContactPerson(point=point, name=point.agreements_with, role="Diensthoofd", sort_order=0)
        ]
        for point in points
    }
    for model, rows in ((TimeSlot, slots), (AvailabilityException, exceptions)):
        model.objects.bulk_create([row for per_point in rows.values() for row in per_point], CHUNK)
    ContactPerson.objects.bulk_create([row for rows in persons.values() for row in rows], CHUNK)
    line_codes, domains = {}, {}
    for point in points:
        line_codes[point.pk] = [reference["default_line_code"]]
        if rng.random() < 0.5:
            sector = rng.choice(reference["line_codes"])
            if sector != reference["default_line_code"]:
                line_codes[point.pk].append(sector)
        domains[point.pk] = [rng.choice(reference["domains"])]
    codes_through = EscalationPoint.line_codes.through
    codes_through.objects.bulk_create(
        [
            codes_through(escalationpoint_id=pk, linecode_id=code.pk)
            for pk, codes in line_codes.items()
            for code in codes
        ],
        CHUNK,
    )
    domains_through = EscalationPoint.editorial_domains.through
    domains_through.objects.bulk_create(
        [
            domains_through(escalationpoint_id=pk, editorialdomain_id=domain.pk)
            for pk, chosen in domains.items()
            for domain in chosen
        ],
        CHUNK,
    )
    for point in points:
        # In memory, as the editor's instance holds them when its revision is saved.
        point.time_slots = slots[point.pk]
        point.exceptions = exceptions[point.pk]
        point.contact_persons = persons[point.pk]
        point.line_codes = line_codes[point.pk]
        point.editorial_domains = domains[point.pk]
    publish_as_editor(points, now)
    return points


# --- Revisions and log entries: what CreateAction + PublishRevisionAction leave -------------

# CreateAction saves the revision before publishing: its content still says "not yet live".
UNPUBLISHED_STATE = {
    "live_revision": None,
    "latest_revision": None,
    "first_published_at": None,
    "last_published_at": None,
    "has_unpublished_changes": False,
}


def without_other_children(instance) -> None:
    """Child relations the seed did not fill are empty (a page's comments): in memory, so
    that serialising and reference extraction ask the database nothing per object."""
    for relation in get_all_child_relations(type(instance)):
        name = relation.get_accessor_name()
        if name not in getattr(instance, "_cluster_related_objects", {}):
            setattr(instance, name, [])


def revision_content(instance, *, page: bool) -> dict:
    without_other_children(instance)
    content = instance.serializable_data()
    content.update(UNPUBLISHED_STATE)
    if page:
        content["latest_revision_created_at"] = None
    else:
        content["live"] = False
    return content


def publish_as_editor(objects: list, now: datetime, *, page: bool = False) -> None:
    """One revision per object, set as live and latest, with the create/publish log."""
    if not objects:
        return
    model = type(objects[0])
    specific_type = content_type(model)
    base_type = content_type(Page) if page else specific_type
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=specific_type,
                base_content_type=base_type,
                object_id=str(instance.pk),
                created_at=now,
                content=revision_content(instance, page=page),
                object_str=str(instance)[:255],
            )
            for instance in objects
        ],
        CHUNK,
    )
    table = Page._meta.db_table if page else model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET latest_revision_id = r.id, live_revision_id = r.id "
            f"FROM {Revision._meta.db_table} r WHERE r.base_content_type_id = %s "
            f"AND r.object_id = CAST({table}.id AS TEXT) AND r.id BETWEEN %s AND %s",
            [base_type.pk, revisions[0].pk, revisions[-1].pk],
        )
    log_model = PageLogEntry if page else ModelLogEntry
    entries = []
    for instance, revision in zip(objects, revisions, strict=True):
        for action in ("wagtail.create", "wagtail.publish"):
            target = {"page_id": instance.pk} if page else {"object_id": str(instance.pk)}
            entries.append(
                log_model(
                    content_type=specific_type,
                    label=str(instance)[:255],
                    action=action,
                    data={},
                    timestamp=now,
                    content_changed=True,
                    revision=revision,
                    **target,
                )
            )
    log_model.objects.bulk_create(entries, CHUNK)


# --- Knowledge items -----------------------------------------------------------------------


@dataclass
class PageTree:
    """Treebeard's materialised paths for pages added in bulk after a parent's last child."""

    parent: Page
    children: int = 0
    last_step: int = field(init=False)

    def __post_init__(self):
        last = (
            Page.objects.filter(path__startswith=self.parent.path, depth=self.parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.last_step = Page._str2int(last[-Page.steplen :]) if last else 0

    def next_path(self) -> str:
        self.children += 1
        return Page._get_path(
            self.parent.path, self.parent.depth + 1, self.last_step + self.children
        )


def page_row(model, tree: PageTree, *, title: str, slug: str, now, locale, **fields):
    return model(
        path=tree.next_path(),
        depth=tree.parent.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        url_path=f"{tree.parent.url_path}{slug}/",
        content_type=content_type(model),
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        latest_revision_created_at=now,
        **fields,
    )


def insert_pages(pages: list) -> list:
    """Multi-table rows: the `wagtailcore_page` rows, then the specific model's own columns."""
    model = type(pages[0])
    bases = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields})
            for p in pages
        ],
        CHUNK,
    )
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
        page._state.adding = False
    own_fields = list(model._meta.local_concrete_fields)
    for chunk in chunks(pages, 500):
        model._base_manager._insert(chunk, fields=own_fields, using=connection.alias)
    return pages


def subject_text(word: str, phrase: str) -> dict:
    return {
        "intro": f"Alles over {phrase}: wie in aanmerking komt en hoe u {word} aanvraagt.",
        "body": (
            f"<p>Hier leest u meer over {phrase}. Hebt u vragen over uw dossier, neem dan "
            "contact op met de bevoegde dienst.</p>"
        ),
    }


def item_counts(items: int) -> dict:
    """Half pages (a few topics, articles, products), half questions."""
    topics = max(1, items // 200)
    pages = items // 2
    articles = (pages - topics) * 3 // 5
    return {
        "topic": topics,
        "article": articles,
        "product": pages - topics - articles,
        "question": items - pages,
    }


def seed_pages(rng: random.Random, counts: dict, now: datetime) -> dict:
    home = HomePage.objects.first()
    locale = Locale.get_default()
    home_tree = PageTree(parent=home)
    topics = []
    for number in range(counts["topic"]):
        word, phrase = SUBJECTS[number % len(SUBJECTS)]
        title = capitalised(word) if number < len(SUBJECTS) else f"{capitalised(word)} {number}"
        slug = slugify(title)
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-{number}"
        topics.append(
            page_row(
                TopicPage,
                home_tree,
                title=title,
                slug=slug,
                now=now,
                locale=locale,
                **subject_text(word, phrase),
            )
        )
    topics = insert_pages(topics)
    trees = {topic.pk: PageTree(parent=topic) for topic in topics}
    children = {"article": [], "product": []}
    for kind, model in (("article", ArticlePage), ("product", ProductPage)):
        for number in range(counts[kind]):
            word, phrase = SUBJECTS[rng.randrange(len(SUBJECTS))]
            topic = topics[number % len(topics)]
            if kind == "article":
                title = rng.choice(ARTICLE_TITLES).format(word=word, Word=capitalised(word))
                extra = {}
            else:
                title = f"{capitalised(word)} ({rng.choice(AUDIENCES).lower()})"
                extra = {
                    "conditions": f"<p>U woont in Vlaanderen en vraagt {word} aan.</p>",
                    "procedure": f"<p>{rng.choice(PROCEDURES)}</p>",
                    "cost": rng.choice(["Gratis", "Afhankelijk van uw inkomen", "25 euro"]),
                }
            children[kind].append(
                page_row(
                    model,
                    trees[topic.pk],
                    title=title,
                    slug=f"{slugify(title)}-{number}",
                    now=now,
                    locale=locale,
                    **subject_text(word, phrase),
                    **extra,
                )
            )
        children[kind] = insert_pages(children[kind]) if children[kind] else []
    set_numchild(home, home_tree.children, topics, trees)
    return {"topic": topics, **children}


def set_numchild(home: Page, new_topics: int, topics: list, trees: dict) -> None:
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + new_topics)
    by_count = defaultdict(list)
    for topic in topics:
        topic.numchild = trees[topic.pk].children
        by_count[topic.numchild].append(topic.pk)
    for numchild, ids in by_count.items():
        Page.objects.filter(pk__in=ids).update(numchild=numchild)


def seed_questions(rng: random.Random, count: int, topics: list) -> list:
    questions = []
    for number in range(count):
        word, phrase = SUBJECTS[rng.randrange(len(SUBJECTS))]
        text = rng.choice(QUESTION_TEXTS).format(word=word)
        questions.append(
            Question(
                question=f"{text} ({number})" if rng.random() < 0.5 else text,
                answer=f"Leg uit hoe het zit met {phrase}; lukt het niet, escaleer.",
                topic=rng.choice(topics) if topics and rng.random() < 0.7 else None,
            )
        )
    return Question.objects.bulk_create(questions, CHUNK)


def points_by_word(points: list) -> dict:
    found = defaultdict(list)
    for point in points:
        for word in rules.split_lines(point.search_terms):
            found[word].append(point)
    return found


def words_of(item) -> list[str]:
    text = (getattr(item, "title", None) or item.question).lower()
    return [word for word, _ in SUBJECTS if word in text]


def seed_links(rng: random.Random, items: list, points: list, by_word: dict) -> None:
    """One to three points per item, preferably about the item's subject (R23)."""
    if not items:
        return
    link_model = type(items[0]).escalation_point_links.rel.related_model
    links = {}
    for item in items:
        candidates = [p for word in words_of(item) for p in by_word.get(word, [])] or points
        chosen = []
        for point in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
            if point not in chosen:
                chosen.append(point)
        links[item.pk] = [
            link_model(item_id=item.pk, point=point, sort_order=order)
            for order, point in enumerate(chosen)
        ]
    link_model.objects.bulk_create([row for rows in links.values() for row in rows], CHUNK)
    for item in items:
        item.escalation_point_links = links[item.pk]


# --- Indexes -------------------------------------------------------------------------------


def index_jobs(models: list, size: int = 5 * CHUNK):
    """(model label, first pk, last pk) parts of the search index to build."""
    for model in models:
        pks = list(model.get_indexed_objects().order_by("pk").values_list("pk", flat=True))
        for part in chunks(pks, size):
            yield model._meta.label, part[0], part[-1]


def index_part(job: tuple) -> int:
    """One part of Wagtail's search index, in chunks, as `update_index` builds it."""
    label, first, last = job
    model = apps.get_model(label)
    index = get_search_backend().get_index_for_model(model)
    objects = list(model.get_indexed_objects().filter(pk__gte=first, pk__lte=last).order_by("pk"))
    for chunk in chunks(objects):
        for attempt in range(3):
            try:
                index.add_items(model, chunk)
                break
            except OperationalError:  # two processes refreshing the same title norms
                if attempt == 2:
                    raise
    return len(objects)


def build_search_index(models: list, jobs: int = 1) -> int:
    """Wagtail's search index for these models; in `jobs` processes once the rows are
    committed (its building is Python-bound: about 2 ms per object)."""
    parts = list(index_jobs(models))
    if jobs <= 1 or connection.in_atomic_block:
        return sum(map(index_part, parts))
    connections.close_all()  # each process opens its own connection
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return sum(pool.map(index_part, parts))


def build_reference_index(objects: list) -> int:
    """The usage view's rows (`ReferenceIndex`) as `create_or_update_for_object` writes them,
    in bulk: the objects' outbound references, from their in-memory relations."""
    rows = []
    for instance in objects:
        model = type(instance)
        types = [content_type(m) for m in [model, *model._meta.get_parent_list()]]
        for to_type_id, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(instance)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=types[0],
                    base_content_type=types[-1],
                    object_id=str(instance.pk),
                    to_content_type_id=to_type_id,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, CHUNK, ignore_conflicts=True)
    return len(rows)


# --- The whole data set --------------------------------------------------------------------


def seed(*, points: int, items: int, seed: int = 1700, jobs: int = 1) -> Seeded:
    seeded = Seeded()
    with transaction.atomic():
        seed_rows(seeded, points=points, items=items, rng=random.Random(seed))
    with timed(seeded, "search_index"):
        indexed = build_search_index(
            [EscalationPoint, Question, TopicPage, ArticlePage, ProductPage], jobs
        )
    seeded.counts["search_index_entries"] = indexed
    return seeded


def seed_rows(seeded: Seeded, *, points: int, items: int, rng: random.Random) -> None:
    now = timezone.now()
    with timed(seeded, "reference"):
        reference = seed_reference_data(rng, max(2, points // 100))
        seed_accounts()
    with timed(seeded, "points"):
        written_points = seed_points(rng, points, reference, now)
    counts = item_counts(items)
    with timed(seeded, "pages"):
        pages = seed_pages(rng, counts, now)
    with timed(seeded, "questions"):
        questions = seed_questions(rng, counts["question"], pages["topic"])
    with timed(seeded, "links"):
        by_word = points_by_word(written_points)
        for kind_items in [*pages.values(), questions]:
            seed_links(rng, kind_items, written_points, by_word)
    with timed(seeded, "page_revisions"):
        for kind_pages in pages.values():
            publish_as_editor(kind_pages, now, page=True)
    with timed(seeded, "reference_index"):
        references = build_reference_index(
            [*written_points, *questions, *(p for kind in pages.values() for p in kind)]
        )
    seeded.counts = {
        "points": len(written_points),
        "organisations": len(reference["organisations"]),
        **{f"{kind}s": len(rows) for kind, rows in pages.items()},
        "questions": len(questions),
        "items": sum(len(rows) for rows in pages.values()) + len(questions),
        "reference_index_rows": references,
    }
