"""R20: line codes are agents' skills. An agent's console lists the points of the agent's own
lines first, can filter on one line, and shows the agent's lines on the start page; API v1
puts the caller's lines first too."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from points.factories import EscalationPointFactory
from reference.models import LineCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_points(reference_data):
    """Two points the word 'jacht' finds; the second, on the WONEN line, ranks lower."""
    first = EscalationPointFactory(
        editorial_title="ANB - Team Jacht", search_terms=["jacht", "jachtverlof"]
    )
    second = EscalationPointFactory(
        editorial_title="ANB - Wildbeheer",
        content="Vragen over wildschade na de jacht.",
        search_terms=["wildschade"],
        line_codes=["1700", "WONEN"],
    )
    return first, second


def found_titles(client, **params) -> list[str]:
    html = client.get(reverse("console:index"), params).content
    page = BeautifulSoup(html, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "r-points"})
    return [link.get_text() for link in section.select("ol.results > li > a")]


def test_r20_without_skills_the_best_match_comes_first(client, voorlichter, two_points):
    client.force_login(voorlichter)
    assert found_titles(client, q="jacht") == ["ANB - Team Jacht", "ANB - Wildbeheer"]


def test_r20_the_points_of_the_agents_own_line_come_first(client, voorlichter, two_points):
    LineCode.objects.get(code="WONEN").agents.add(voorlichter)
    client.force_login(voorlichter)
    assert found_titles(client, q="jacht") == ["ANB - Wildbeheer", "ANB - Team Jacht"]


def test_r20_a_line_of_the_agents_team_counts_as_own(client, voorlichter, two_points):
    team = Group.objects.create(name="Team Wonen")
    voorlichter.groups.add(team)
    LineCode.objects.get(code="WONEN").groups.add(team)
    client.force_login(voorlichter)
    assert found_titles(client, q="jacht")[0] == "ANB - Wildbeheer"


def test_r20_the_console_filters_on_one_line(client, voorlichter, two_points):
    client.force_login(voorlichter)
    assert found_titles(client, q="jacht", lijn="WONEN") == ["ANB - Wildbeheer"]
    assert found_titles(client, q="jacht", lijn="ONBEKEND") == []


def test_r20_the_filter_offers_every_line_the_agents_own_first(client, voorlichter, two_points):
    LineCode.objects.get(code="WONEN").agents.add(voorlichter)
    client.force_login(voorlichter)
    html = client.get(reverse("console:index"), {"q": "jacht", "lijn": "WONEN"}).content
    options = BeautifulSoup(html, "html.parser").select("select[name=lijn] option")
    labels = [option.get_text() for option in options]
    assert labels[0].startswith("Alle lijnen")
    assert labels[1] == "Wonen en energie (WONEN) — jouw lijn"
    assert any(label.startswith("1700") or "(1700)" in label for label in labels[2:])
    assert [option["value"] for option in options if option.has_attr("selected")] == ["WONEN"]


def test_r20_searching_again_keeps_the_line(client, voorlichter, two_points):
    client.force_login(voorlichter)
    html = client.get(reverse("console:index"), {"q": "jacht", "lijn": "WONEN"}).content
    search_form = BeautifulSoup(html, "html.parser").find("form", attrs={"role": "search"})
    assert search_form.find("input", attrs={"name": "lijn"})["value"] == "WONEN"


def test_r20_the_start_page_names_the_agents_lines(client, voorlichter, reference_data):
    LineCode.objects.get(code="WONEN").agents.add(voorlichter)
    client.force_login(voorlichter)
    html = client.get(reverse("console:index")).content
    own = BeautifulSoup(html, "html.parser").find("section", attrs={"aria-labelledby": "own-lines"})
    assert own is not None
    assert "Wonen en energie (WONEN)" in own.get_text()


def test_r20_the_api_puts_the_callers_lines_first(client, voorlichter, two_points):
    LineCode.objects.get(code="WONEN").agents.add(voorlichter)
    client.force_login(voorlichter)
    body = client.get("/api/v1/escalation-points", {"q": "jacht"}).json()
    assert [point["editorial_title"] for point in body] == ["ANB - Wildbeheer", "ANB - Team Jacht"]
