"""The console's search results show each point's number and whether a call can be
transferred *now*, and when next if not (R6, R11, R17), for points found and items' points."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from knowledge.factories import QuestionFactory
from points.factories import EscalationPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    client.user = voorlichter
    return client


def rows(agent, query: str, at: str) -> dict[str, str]:
    """{point title: its row's text} of the points found and of the items' points."""
    with time_machine.travel(at, tick=False):
        agent.force_login(agent.user)
        html = agent.get(reverse("console:index"), {"q": query}).content
    page = BeautifulSoup(html, "html.parser")
    found = {}
    for row in page.select("ol.results > li, ul.linked-points > li"):
        link = row.find("a")
        if link["href"].startswith("/contactcenter/punten/"):
            found[link.get_text()] = row.get_text(" ", strip=True)
    return found


@pytest.mark.parametrize(
    ("at", "state"),
    [
        ("2026-12-07T10:00:00+01:00", "✔ Doorschakelen kan nu, tot 12:00"),  # Monday
        ("2026-12-07T12:30:00+01:00", "✘ Nu niet: weer vanaf 13:00"),
        ("2026-12-05T10:00:00+01:00", "✘ Nu niet: weer vanaf maandag 09:00"),  # Saturday
        ("2026-12-08T10:00:00+01:00", "✘ Nu niet: weer vanaf maandag 09:00"),  # Tuesday
        ("2026-12-06T20:00:00+01:00", "✘ Nu niet: weer vanaf morgen 09:00"),  # Sunday
    ],
)
def test_r17_a_result_shows_the_number_and_whether_transfer_is_possible_now(
    agent, reference_data, at, state
):
    EscalationPointFactory()  # phone hours Monday 09:00-12:00 and 13:00-16:00
    row = rows(agent, "jachtverlof", at)["ANB - Team Jacht"]
    assert "011 12 34 56" in row
    assert state in row
    assert "E-mail: ✔ ja" in row


def test_r06_r11_a_point_without_phone_or_forwarding_says_so(agent, reference_data):
    point = EscalationPointFactory(
        editorial_title="VMM - Heffingen",
        phone={"number": ""},
        email={"address": "heffingen@vmm.example.be", "forward_allowed": False},
        search_terms=["heffingen"],
        reporting__organisation="VMM",
    )
    QuestionFactory(question="Wie int de heffingen?", points=[point])
    found = rows(agent, "heffingen", "2026-12-07T10:00:00+01:00")
    assert set(found) == {"VMM - Heffingen"}
    assert "Geen telefoon: enkel e-mail" in found["VMM - Heffingen"]
    assert "E-mail: ✘ nee" in found["VMM - Heffingen"]
