"""Public search: live, public pages and organisations; never escalation points (R1)."""

import pytest
from bs4 import BeautifulSoup

from knowledge.factories import TopicPageFactory
from public.views import SEARCH_PER_PAGE
from reference.models import Organisation

pytestmark = pytest.mark.django_db


def results(response) -> list[tuple[str, str, str]]:
    """(kind, title, link) per result."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".kind").get_text(strip=True),
            item.find("a").get_text(strip=True),
            item.find("a")["href"],
        )
        for item in page.select("ol.results > li")
    ]


def test_r01_empty_query_shows_only_the_form(client, site_content):
    response = client.get("/zoeken/")
    page = BeautifulSoup(response.content, "html.parser")
    main = page.find("main")
    assert main.find("h1").get_text(strip=True) == "Zoeken"
    assert main.find("label", attrs={"for": "zoekterm"})
    assert main.find("input", attrs={"name": "q"})
    assert not main.find("section")
    assert results(client.get("/zoeken/", {"q": "   "})) == []


def test_r01_search_finds_live_pages_with_title_intro_and_link(client, site_content):
    response = client.get("/zoeken/", {"q": "jachtverlof"})
    found = results(response)
    assert ("Artikel", "Jachtverlof aanvragen", "/jagen/jachtverlof-aanvragen/") in found
    assert ("Topic", "Jagen", "/jagen/") in found
    assert "Hoe en wanneer u een jachtverlof aanvraagt." in response.content.decode()


def test_r01_search_skips_drafts_and_private_pages(client, site_content):
    # Both contain 'wildbeheer'; neither is public.
    assert results(client.get("/zoeken/", {"q": "wildbeheer"})) == []
    assert results(client.get("/zoeken/", {"q": "conceptekst"})) == []


def test_r01_search_falls_back_to_title_prefixes(client, site_content):
    titles = [title for _, title, _ in results(client.get("/zoeken/", {"q": "jachtex"}))]
    assert titles == ["Jachtexamen"]


def test_r01_search_finds_organisations_by_name_and_abbreviation(client, reference_data):
    by_abbreviation = results(client.get("/zoeken/", {"q": "vmm"}))
    vmm = Organisation.objects.get(abbreviation="VMM")
    assert by_abbreviation == [("Organisatie", vmm.name, f"/organisaties/{vmm.pk}/")]
    by_words = [title for _, title, _ in results(client.get("/zoeken/", {"q": "natuur bos"}))]
    assert by_words == ["Agentschap voor Natuur en Bos"]


def test_r01_search_never_returns_escalation_points(client, points, linked_content):
    for query in ("Wildbeheer", "Grondwater", "rijksregisternummer", "011 12 34 56"):
        response = client.get("/zoeken/", {"q": query})
        html = response.content.decode()
        assert points["published"].editorial_title not in html
        assert points["draft"].editorial_title not in html
        assert "escalatie" not in html.lower()


def test_r01_search_results_are_paginated(client, home):
    for number in range(SEARCH_PER_PAGE + 3):
        TopicPageFactory(title=f"Premie {number}", intro="Een premie.")
    first = client.get("/zoeken/", {"q": "premie"})
    assert len(results(first)) == SEARCH_PER_PAGE
    page = BeautifulSoup(first.content, "html.parser")
    assert (
        page.select_one("section h2")
        .get_text(strip=True)
        .startswith(f"{SEARCH_PER_PAGE + 3} resultaten")
    )
    next_link = page.find("a", rel="next")["href"]
    assert next_link == "?q=premie&pagina=2"
    second = client.get(f"/zoeken/{next_link}")
    assert len(results(second)) == 3
    titles = {title for _, title, _ in results(first) + results(second)}
    assert len(titles) == SEARCH_PER_PAGE + 3
    # A page number out of range shows the last page rather than an error.
    assert len(results(client.get("/zoeken/", {"q": "premie", "pagina": "99"}))) == 3
