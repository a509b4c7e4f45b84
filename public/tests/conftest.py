"""Public site fixtures: a small page tree built through Wagtail's own API, and points."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from knowledge.factories import (
    ArticlePageFactory,
    ProductPageFactory,
    QuestionFactory,
    TopicPageFactory,
)
from points.factories import (
    ContactPersonDocumentFactory,
    EscalationPointFactory,
    ExceptionDocumentFactory,
)
from points.services import create_or_update_point
from reference.models import Organisation


@pytest.fixture
def site_content(home, topic):
    """Live topic/article/product pages, a draft article and a private topic."""
    article = ArticlePageFactory(
        parent=topic,
        title="Jachtverlof aanvragen",
        intro="Hoe en wanneer u een jachtverlof aanvraagt.",
        body="<p>Het verlof is geldig van 1 juli tot 30 juni.</p>",
    )
    product = ProductPageFactory(
        parent=topic,
        title="Jachtexamen",
        intro="Het examen om een jachtverlof te krijgen.",
        body="<p>Het examen heeft een theoretisch en een praktisch deel.</p>",
        cost="50 euro",  # conditions and procedure: the factory's
    )
    draft = ArticlePageFactory(
        parent=topic,
        publish=False,
        title="Nieuwe jachtregels in voorbereiding",
        slug="nieuwe-jachtregels",
        body="<p>Geheime conceptekst over wildbeheer.</p>",
    )
    private = TopicPageFactory(
        title="Intern wildbeheer",
        intro="Alleen voor medewerkers.",
        body="<p>Afgeschermde uitleg over wildbeheer.</p>",
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


def exception_in(days_from_now: int, **fields) -> dict:
    """A period of deviating availability from 08:00 to 17:00, some days from now."""
    start = (timezone.localtime() + timedelta(days=days_from_now)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    return ExceptionDocumentFactory(
        starts_at=start.isoformat(), ends_at=(start + timedelta(hours=9)).isoformat(), **fields
    )


@pytest.fixture
def points(reference_data):
    """A published point (with a newer draft revision) and a draft-only point."""
    published = EscalationPointFactory(
        editorial_title="ANB - Wildbeheer - Jagers",
        public_title="ANB Wildbeheer voor jagers",
        email__address="wildbeheer@anb.example.be",
        exceptions=[
            exception_in(10, message="Telefonisch niet bereikbaar wegens opleiding wildbeheer.")
        ],
        contact_persons=[
            ContactPersonDocumentFactory(
                name="Griet Wildemeersch",
                email="griet.wildemeersch@anb.example.be",
                phone="011 98 76 54",
            )
        ],
    )
    assert published.live
    # A newer draft of the published point: its new values are secret too.
    create_or_update_point(
        data={"status": "draft", "instructions": "Vraag eerst het KBO-nummer van de jachtclub."},
        point=published,
        user=None,
    )
    draft = EscalationPointFactory(
        status="draft",
        editorial_title="VMM - Grondwater - Bedrijven",
        public_title="Grondwaterheffing voor bedrijven (VMM)",
        instructions="Vraag altijd het dossiernummer van de heffing.",
        phone__number="02 553 21 00",
        email__address="grondwater@vmm.example.be",
        exceptions=[
            exception_in(
                20, channel="both", message="Teamdag: de dienst grondwater is onbereikbaar."
            )
        ],
        reporting__organisation="VMM",
    )
    assert not draft.live
    return {"published": published, "draft": draft}


@pytest.fixture
def linked_content(home, points, reference_data):
    """Topic, article and product pages linking both points on their tab Contactcenter,
    a question linking them, and organisations with public details."""
    both = [points["published"], points["draft"]]
    topic = TopicPageFactory(title="Natuur en jacht", points=both)
    article = ArticlePageFactory(parent=topic, title="Wildschade melden", points=both)
    product = ProductPageFactory(parent=topic, title="Bestrijdingsvergunning", points=both)
    question = QuestionFactory(
        question="Hoe krijgt een buitenlandse jager een jachtverlof?",
        answer="Verwijs naar het e-loket; lukt het niet, schakel dan door naar Wildbeheer.",
        topic=topic,
        points=both,
    )

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
