"""One agent search (knowledge.search) behind the console and API v1 (R19, R20, R22)."""

import re

import pytest
from django.urls import reverse

from points.services import create_or_update_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def points(point_data):
    jacht = create_or_update_point(data=point_data, user=None)
    other = {
        **point_data,
        "editorial_title": "VMM - Dienst Grondwater",
        "instructions": "Vraag het dossiernummer van de heffing.",
        "content": "Vlaamse Milieumaatschappij\nHeffing op grondwater",
        "search_terms": ["grondwaterheffing"],
        "line_codes": ["1700", "WONEN"],
        "reporting": {**point_data["reporting"], "organisation": "VMM"},
    }
    grondwater = create_or_update_point(data=other, user=None)
    draft = create_or_update_point(
        data={**point_data, "status": "draft", "editorial_title": "ANB - Jacht - Concept"},
        user=None,
    )
    return {"jacht": jacht, "grondwater": grondwater, "draft": draft}


def console_titles(client, query: str) -> list[str]:
    html = client.get(reverse("console:index"), {"q": query}).content.decode()
    section = html.split('id="r-points"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/contactcenter/punten/\d+/">([^<]+)</a>', section)


def api_titles(client, **params) -> list[str]:
    response = client.get("/api/v1/escalation-points", params)
    return [point["editorial_title"] for point in response.json()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jacht", ["ANB - Team Jacht"]),  # title word; the draft is never found (R22)
        ("rijksregisternummer", ["ANB - Team Jacht"]),  # a word of the instructions
        ("grondwaterheffing", ["VMM - Dienst Grondwater"]),  # a search term (R19)
        ("grondw", ["VMM - Dienst Grondwater"]),  # the start of a word, as an agent types
        ("dossiernummer heffing", ["VMM - Dienst Grondwater"]),
        ("fietsroute", []),
    ],
)
def test_r19_r22_console_and_api_find_the_same_published_points(
    client, voorlichter, points, query, expected
):
    client.force_login(voorlichter)
    assert console_titles(client, query) == expected
    assert api_titles(client, q=query) == expected


def test_r20_the_api_filters_the_one_search_on_a_line_code(client, voorlichter, points):
    client.force_login(voorlichter)
    assert api_titles(client, q="dienst", line="WONEN") == ["VMM - Dienst Grondwater"]
    assert api_titles(client, q="jacht", line="WONEN") == []
    assert api_titles(client, line="WONEN") == ["VMM - Dienst Grondwater"]
    assert api_titles(client, organisation="ANB") == ["ANB - Team Jacht"]
