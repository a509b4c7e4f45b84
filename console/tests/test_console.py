"""The contactcenter site shows knowledge items with their escalation points (R1, R23)."""

import pytest
import time_machine
from django.urls import reverse

from knowledge.factories import QuestionFactory, publish_points
from points.factories import PLANNING_DAY, EscalationPointFactory, ExceptionDocumentFactory
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(reference_data, topic):
    morning_off = ExceptionDocumentFactory(
        starts_at="2026-12-07T00:00:00+01:00",
        ends_at="2026-12-07T12:00:00+01:00",
        message="Vanochtend niet telefonisch bereikbaar.",
    )
    with time_machine.travel(PLANNING_DAY, tick=False):
        point = EscalationPointFactory(exceptions=[morning_off])
    publish_points(topic, [point])
    question = QuestionFactory(
        question="Hoe vraag ik een jachtverlof aan?",
        answer="Via het e-loket.",
        topic=topic,
        points=[point],
    )
    return {"point": point, "topic": topic, "question": question}


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    client.user = voorlichter
    return client


def test_r23_an_item_shows_its_points_with_instructions_routes_and_flags(agent, linked):
    with time_machine.travel("2026-12-07T10:00:00+01:00", tick=False):
        agent.force_login(agent.user)  # a session of the travelled-to time
        html = agent.get(reverse("console:item", args=["topic", linked["topic"].pk])).content
    text = visible_text(html)
    assert "ANB - Team Jacht" in text
    assert "Escalatie per mail? Vermeld altijd rijksregisternummer." in text
    assert "011 12 34 56" in text and "jacht@anb.example.be" in text
    assert "Vraag escaleren?" in text and "Doorgeven aan burger?" in text
    assert "Vanochtend niet telefonisch bereikbaar." in text
    assert "Nu niet: weer vanaf 13:00." in text


def test_r23_a_question_shows_its_answer_and_points(agent, linked):
    html = agent.get(reverse("console:item", args=["question", linked["question"].pk]))
    assert "Via het e-loket." in html.content.decode()
    assert "ANB - Team Jacht" in html.content.decode()


def test_r24_an_organisation_shows_the_points_reporting_to_it(agent, linked):
    organisation = linked["point"].reporting_organisation
    html = agent.get(reverse("console:item", args=["organisation", organisation.pk])).content
    assert "ANB - Team Jacht" in html.decode()


def test_the_point_page_lists_the_items_that_link_it(agent, linked):
    html = agent.get(reverse("console:point", args=[linked["point"].pk])).content.decode()
    assert "Jagen" in html and "Hoe vraag ik een jachtverlof aan?" in html
    assert "Agentschap voor Natuur en Bos" in html


def test_the_index_lists_topics_and_organisations_and_searches(agent, linked):
    html = agent.get(reverse("console:index")).content.decode()
    assert "Jagen" in html and "Agentschap voor Natuur en Bos" in html
    topic = agent.get(reverse("console:item", args=["topic", linked["topic"].pk]))
    assert "Hoe vraag ik een jachtverlof aan?" in topic.content.decode()
    html = agent.get(reverse("console:index"), {"q": "Jacht"}).content.decode()
    assert "ANB - Team Jacht" in html


def test_unknown_or_unpublished_items_are_404(agent, linked):
    assert agent.get(reverse("console:item", args=["onzin", 1])).status_code == 404
    linked["topic"].unpublish()
    assert agent.get(reverse("console:item", args=["topic", linked["topic"].pk])).status_code == (
        404
    )
