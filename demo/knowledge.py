"""Demo knowledge items: topics, articles, products and questions linked to the demo points."""

from wagtail.models import Page

from knowledge.models import PAGE_KINDS, HomePage, KnowledgeKind, Question, TopicPage
from points.models import EscalationPoint

ANB = "ANB - Team Jacht"
VAPH = "VAPH - Covid-19 - Professionals"
DE_LIJN = "De Lijn - Dienst Abonnementen"
IMJV_VMM = "IMJV - Deel Grondwater (VMM)"
IMJV_OVAM = "IMJV - Deel Afval (OVAM)"
WSE = "WSE - VOV - Technisch probleem WSE-loket"

TOPICS = [
    {
        "title": "Jagen",
        "slug": "jagen",
        "intro": "Alles over het jachtverlof, het jachtexamen en wildschade in Vlaanderen.",
        "body": "<p>Wie in Vlaanderen wil jagen, heeft een geldig jachtverlof nodig.</p>",
        "points": [ANB],
        "children": [
            (
                "article",
                {
                    "title": "Jachtverlof aanvragen",
                    "slug": "jachtverlof-aanvragen",
                    "intro": "Hoe en wanneer u een jachtverlof aanvraagt.",
                    "body": "<p>U vraagt uw jachtverlof aan via het e-loket van het Agentschap "
                    "voor Natuur en Bos. Het verlof is geldig van 1 juli tot 30 juni.</p>",
                    "points": [ANB],
                },
            ),
            (
                "product",
                {
                    "title": "Jachtexamen",
                    "slug": "jachtexamen",
                    "intro": "Het theoretisch en praktisch examen om een jachtverlof te krijgen.",
                    "body": "<p>Het examen heeft een theoretisch en een praktisch deel.</p>",
                    "conditions": "<p>U bent minstens 16 jaar.</p>",
                    "procedure": "<p>Schrijf u in via het e-loket van het ANB.</p>",
                    "cost": "Gratis",
                    "points": [ANB],
                },
            ),
        ],
    },
    {
        "title": "Openbaar vervoer",
        "slug": "openbaar-vervoer",
        "intro": "Abonnementen, tarieven en terugbetalingen bij De Lijn.",
        "body": "<p>De Lijn verzorgt het stads- en streekvervoer in Vlaanderen.</p>",
        "points": [DE_LIJN],
        "children": [
            (
                "product",
                {
                    "title": "Abonnement De Lijn",
                    "slug": "abonnement-de-lijn",
                    "intro": "Een abonnement voor onbeperkt reizen met bus en tram.",
                    "body": "<p>Er zijn abonnementen voor jongeren, volwassenen en 65+.</p>",
                    "conditions": "<p>U hebt een MOBIB-kaart.</p>",
                    "procedure": "<p>Koop uw abonnement online, in de app of in een winkel.</p>",
                    "cost": "Vanaf 52 euro per jaar",
                    "points": [DE_LIJN],
                },
            ),
            (
                "article",
                {
                    "title": "Terugbetaling van een abonnement",
                    "slug": "terugbetaling-abonnement",
                    "intro": "Wanneer u een abonnement terugbetaald krijgt.",
                    "body": "<p>Bij verhuis of overlijden kunt u een terugbetaling aanvragen.</p>",
                    "points": [DE_LIJN],
                },
            ),
        ],
    },
    {
        "title": "Milieuverslaggeving",
        "slug": "milieuverslaggeving",
        "intro": "Rapporteringsplichten voor bedrijven: het Integraal Milieujaarverslag.",
        "body": "<p>Bedrijven met een milieuvergunning rapporteren jaarlijks hun emissies.</p>",
        "points": [IMJV_VMM, IMJV_OVAM],
        "children": [
            (
                "article",
                {
                    "title": "Integraal Milieujaarverslag (IMJV)",
                    "slug": "imjv",
                    "intro": "Wie een IMJV indient en wat erin staat.",
                    "body": "<p>Het IMJV bestaat uit verschillende delen, onder meer grondwater "
                    "en afval, die door verschillende instanties worden opgevolgd.</p>",
                    "points": [IMJV_VMM, IMJV_OVAM],
                },
            ),
            (
                "product",
                {
                    "title": "Grondwaterheffing",
                    "slug": "grondwaterheffing",
                    "intro": "De heffing op het oppompen van grondwater.",
                    "body": "<p>Wie grondwater wint, betaalt een heffing per kubieke meter.</p>",
                    "conditions": "<p>U wint meer dan 500 m³ grondwater per jaar.</p>",
                    "procedure": "<p>Aangifte via het IMJV.</p>",
                    "cost": "Afhankelijk van het volume",
                    "points": [IMJV_VMM],
                },
            ),
        ],
    },
    {
        "title": "Werk en ondernemen",
        "slug": "werk-en-ondernemen",
        "intro": "Premies en ondersteuning voor werkgevers en werknemers.",
        "body": "<p>Het Departement Werk en Sociale Economie ondersteunt werkgevers.</p>",
        "points": [WSE],
        "children": [
            (
                "product",
                {
                    "title": "Vlaamse ondersteuningspremie (VOP)",
                    "slug": "vop",
                    "intro": "Een loonkostenpremie voor werkgevers van personen met een "
                    "arbeidshandicap.",
                    "body": "<p>De VOP compenseert een deel van de loonkost.</p>",
                    "conditions": "<p>De werknemer heeft een erkende arbeidshandicap.</p>",
                    "procedure": "<p>Vraag de premie aan via het WSE-loket.</p>",
                    "cost": "Gratis",
                    "points": [WSE],
                },
            ),
            (
                "article",
                {
                    "title": "Inloggen op het WSE-loket",
                    "slug": "wse-loket",
                    "intro": "Zo meldt u zich aan op het WSE-loket.",
                    "body": "<p>U meldt zich aan met uw eID of itsme.</p>",
                    "points": [WSE],
                },
            ),
        ],
    },
    {
        "title": "Zorg en ondersteuning",
        "slug": "zorg-en-ondersteuning",
        "intro": "Ondersteuning voor personen met een handicap en hun zorgaanbieders.",
        "body": "<p>Het VAPH ondersteunt personen met een handicap.</p>",
        "points": [VAPH],
        "children": [
            (
                "article",
                {
                    "title": "Covid-19-maatregelen voor zorgaanbieders",
                    "slug": "covid-zorgaanbieders",
                    "intro": "Wat zorgaanbieders moeten weten over de maatregelen.",
                    "body": "<p>Voorzieningen volgen de richtlijnen van het agentschap.</p>",
                    "points": [VAPH],
                },
            ),
        ],
    },
]

QUESTIONS = [
    (
        "Hoe vraag ik een jachtverlof aan?",
        "Via het e-loket van het ANB, na het slagen voor het jachtexamen.",
        "jagen",
        [ANB],
    ),
    (
        "Mijn abonnement werd niet verlengd, wat nu?",
        "Controleer de MOBIB-kaart; lukt het niet, schakel door naar De Lijn.",
        "openbaar-vervoer",
        [DE_LIJN],
    ),
    (
        "Wanneer moet ik mijn IMJV indienen?",
        "Jaarlijks vóór 15 maart, voor het voorbije jaar.",
        "milieuverslaggeving",
        [IMJV_VMM, IMJV_OVAM],
    ),
    (
        "Ik kan niet inloggen op het WSE-loket.",
        "Vraag naar de foutmelding en het ondernemingsnummer en escaleer.",
        "werk-en-ondernemen",
        [WSE],
    ),
    (
        "Hoe vraag ik een VOP aan?",
        "De werkgever vraagt de premie aan via het WSE-loket.",
        "werk-en-ondernemen",
        [WSE],
    ),
    (
        "Welke covid-maatregelen gelden in voorzieningen?",
        "De richtlijnen van het VAPH gelden; voor dossiers escaleren.",
        "zorg-en-ondersteuning",
        [VAPH],
    ),
]


def points_by_title(titles):
    found = {
        point.editorial_title: point
        for point in EscalationPoint.objects.filter(editorial_title__in=titles)
    }
    return [found[title] for title in titles if title in found]


def with_links(item, titles):
    """The item with its tab Contactcenter holding the points of these titles (R23)."""
    link = item.escalation_point_links.model
    item.escalation_point_links = [link(point=point) for point in points_by_title(titles)]
    return item


def add_page(parent: Page, kind: str, spec: dict) -> Page:
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    fields = {key: value for key, value in spec.items() if key not in {"points", "children"}}
    page = with_links(PAGE_KINDS[kind](**fields), spec["points"])
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_knowledge() -> int:
    home = HomePage.objects.first()
    if home is None:
        return 0
    created = 0
    for spec in TOPICS:
        before = Page.objects.count()
        topic = add_page(home, KnowledgeKind.TOPIC, spec)
        for kind, child in spec["children"]:
            add_page(topic, kind, child)
        created += Page.objects.count() - before
    for text, answer, topic_slug, titles in QUESTIONS:
        if Question.objects.filter(question=text).exists():
            continue
        topic = TopicPage.objects.filter(slug=topic_slug).first()
        with_links(Question(question=text, answer=answer, topic=topic), titles).save()
        created += 1
    return created
