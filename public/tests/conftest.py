"""Public site fixtures: a small page tree built through Wagtail's own API, and points."""

import copy
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from knowledge.models import (
    ArticleEscalationPoint,
    ArticlePage,
    HomePage,
    ProductEscalationPoint,
    ProductPage,
    Question,
    QuestionEscalationPoint,
    TopicEscalationPoint,
    TopicPage,
)
from points.services import create_or_update_point
from reference.models import Organisation


def add_page(parent, page, *, publish=True, links=()):
    """Add a page under parent as an editor would: a revision, published or left a draft.

    `links` are EscalationPointLink rows for the page's tab Contactcenter; they are part
    of the revision, and of the database once published.
    """
    page.live = publish
    parent.add_child(instance=page)
    if links:
        page.escalation_point_links = list(links)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def home(db):
    """The home page the migration creates: the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def site_content(home):
    """Live topic/article/product pages, a draft article and a private topic."""
    topic = add_page(
        home,
        TopicPage(
            title="Jagen",
            slug="jagen",
            intro="Alles over het jachtverlof en het jachtexamen.",
            body="<p>Wie in Vlaanderen wil jagen, heeft een geldig jachtverlof nodig.</p>",
        ),
    )
    article = add_page(
        topic,
        ArticlePage(
            title="Jachtverlof aanvragen",
            slug="jachtverlof-aanvragen",
            intro="Hoe en wanneer u een jachtverlof aanvraagt.",
            body="<p>Het verlof is geldig van 1 juli tot 30 juni.</p>",
        ),
    )
    product = add_page(
        topic,
        ProductPage(
            title="Jachtexamen",
            slug="jachtexamen",
            intro="Het examen om een jachtverlof te krijgen.",
            body="<p>Het examen heeft een theoretisch en een praktisch deel.</p>",
            conditions="<p>U bent minstens 18 jaar.</p>",
            procedure="<p>Schrijf u in via het e-loket.</p>",
            cost="50 euro",
        ),
    )
    draft = add_page(
        topic,
        ArticlePage(
            title="Nieuwe jachtregels in voorbereiding",
            slug="nieuwe-jachtregels",
            intro="Dit concept is nog niet gepubliceerd.",
            body="<p>Geheime conceptekst over wildbeheer.</p>",
        ),
        publish=False,
    )
    private = add_page(
        home,
        TopicPage(
            title="Intern wildbeheer",
            slug="intern-wildbeheer",
            intro="Alleen voor medewerkers.",
            body="<p>Afgeschermde uitleg over wildbeheer.</p>",
        ),
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim-1700"
    )
    return {
        "home": home,
        "topic": topic,
        "article": article,
        "product": product,
        "draft": draft,
        "private": private,
    }


# --- Escalation points with everything R1 keeps off the public site -------------------------


def _period(days_from_now: int):
    start = (timezone.localtime() + timedelta(days=days_from_now)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    return start.isoformat(), (start + timedelta(hours=9)).isoformat()


@pytest.fixture
def points(point_data):
    """A published point (with a newer draft revision) and a draft-only point."""
    published_data = copy.deepcopy(point_data)
    starts_at, ends_at = _period(10)
    published_data.update(
        editorial_title="ANB - Wildbeheer - Jagers",
        public_title="ANB Wildbeheer voor jagers",
        instructions="Escalatie per mail? Vermeld altijd rijksregisternummer.",
        phone={"number": "011 12 34 56"},
        email={"address": "wildbeheer@anb.example.be"},
        exceptions=[
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
                "channel": "phone",
                "message": "Telefonisch niet bereikbaar wegens opleiding wildbeheer.",
            }
        ],
        contact_persons=[
            {
                "name": "Griet Wildemeersch",
                "role": "Diensthoofd",
                "email": "griet.wildemeersch@anb.example.be",
                "phone": "011 98 76 54",
            }
        ],
    )
    published = create_or_update_point(data=published_data, user=None)
    assert published.live
    # A newer draft of the published point: its new values are secret too.
    create_or_update_point(
        data={"status": "draft", "instructions": "Vraag eerst het KBO-nummer van de jachtclub."},
        point=published,
        user=None,
    )

    draft_data = copy.deepcopy(point_data)
    starts_at, ends_at = _period(20)
    draft_data.update(
        status="draft",
        editorial_title="VMM - Grondwater - Bedrijven",
        public_title="Grondwaterheffing voor bedrijven (VMM)",
        instructions="Vraag altijd het dossiernummer van de heffing.",
        phone={"number": "02 553 21 00"},
        email={"address": "grondwater@vmm.example.be"},
        exceptions=[
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
                "channel": "both",
                "message": "Teamdag: de dienst grondwater is onbereikbaar.",
            }
        ],
        reporting={"editorial_domains": ["Natuur"], "theme": "Jacht", "organisation": "VMM"},
    )
    draft = create_or_update_point(data=draft_data, user=None)
    assert not draft.live
    return {"published": published, "draft": draft}


@pytest.fixture
def linked_content(home, points, reference_data):
    """Topic, article and product pages linking both points on their tab Contactcenter,
    a question linking them, and organisations with public details."""
    both = [points["published"], points["draft"]]
    topic = add_page(
        home,
        TopicPage(
            title="Natuur en jacht",
            slug="natuur-en-jacht",
            intro="Informatie over natuurbeheer en jagen in Vlaanderen.",
            body="<p>Vlaanderen beschermt zijn natuur en regelt de jacht.</p>",
        ),
        links=[TopicEscalationPoint(point=point) for point in both],
    )
    article = add_page(
        topic,
        ArticlePage(
            title="Wildschade melden",
            slug="wildschade-melden",
            intro="Wat u doet als wild schade aanricht op uw perceel.",
            body="<p>Meld wildschade binnen de 48 uur.</p>",
        ),
        links=[ArticleEscalationPoint(point=point) for point in both],
    )
    product = add_page(
        topic,
        ProductPage(
            title="Bestrijdingsvergunning",
            slug="bestrijdingsvergunning",
            intro="Een vergunning om schadelijk wild te bestrijden.",
            body="<p>De vergunning is een jaar geldig.</p>",
            conditions="<p>U bent eigenaar of gebruiker van het perceel.</p>",
            procedure="<p>Vraag de vergunning aan via het e-loket.</p>",
            cost="Gratis",
        ),
        links=[ProductEscalationPoint(point=point) for point in both],
    )
    question = Question.objects.create(
        question="Hoe krijgt een buitenlandse jager een jachtverlof?",
        answer="Verwijs naar het e-loket; lukt het niet, schakel dan door naar Wildbeheer.",
        topic=topic,
    )
    for point in both:
        QuestionEscalationPoint.objects.create(item=question, point=point)

    anb = reference_data["anb"]
    anb.description = "Zorgt voor natuur, bos en groen in Vlaanderen."
    anb.website = "https://www.natuurenbos.be/"
    anb.save()
    return {
        "topic": topic,
        "article": article,
        "product": product,
        "question": question,
        "organisations": list(Organisation.objects.all()),
    }
