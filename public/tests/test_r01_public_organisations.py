"""Public organisation pages: public fields and the hierarchy, nothing of points (R1)."""

import pytest
from bs4 import BeautifulSoup

from reference.models import Organisation

pytestmark = pytest.mark.django_db


def test_r01_organisation_list_shows_entities_with_their_divisions(client, reference_data):
    response = client.get("/organisaties/")
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    entities = [h2.find("a").get_text(strip=True) for h2 in main.find_all("h2")]
    assert entities == ["Agentschap voor Natuur en Bos", "Vlaamse Milieumaatschappij"]
    anb = main.find("h2").find_parent("li")
    divisions = [a.get_text(strip=True) for a in anb.find("ul").find_all("a")]
    assert divisions == ["ANB - Team Jacht"]


def test_r01_organisation_detail_shows_its_public_fields(client, reference_data):
    anb = reference_data["anb"]
    anb.description = "Zorgt voor natuur, bos en groen.\n\nOok voor de jacht."
    anb.website = "https://www.natuurenbos.be/"
    anb.save()
    response = client.get(f"/organisaties/{anb.pk}/")
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    assert main.find("h1").get_text(strip=True) == "Agentschap voor Natuur en Bos"
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in main.find_all("dt")],
            [dd.get_text(strip=True) for dd in main.find_all("dd")],
            strict=True,
        )
    )
    assert facts == {"Afkorting": "ANB", "Website": "https://www.natuurenbos.be/"}
    assert "Ook voor de jacht." in main.get_text()
    division = Organisation.objects.get(abbreviation="ANB-JACHT")
    assert main.find("a", href=f"/organisaties/{division.pk}/")


def test_r01_division_links_to_its_entity(client, reference_data):
    division = Organisation.objects.get(abbreviation="ANB-JACHT")
    response = client.get(f"/organisaties/{division.pk}/")
    page = BeautifulSoup(response.content, "html.parser")
    parent = page.find("dt", string="Hoort bij").find_next("dd").find("a")
    assert parent["href"] == f"/organisaties/{reference_data['anb'].pk}/"
    crumbs = [a.get_text(strip=True) for a in page.select("nav.breadcrumbs a")]
    assert crumbs[1:] == ["Organisaties", "Agentschap voor Natuur en Bos", "ANB - Team Jacht"]


def test_r01_organisation_page_never_lists_its_escalation_points(client, points):
    anb = Organisation.objects.get(abbreviation="ANB")
    assert anb.escalation_points.exists()
    html = client.get(f"/organisaties/{anb.pk}/").content.decode()
    assert points["published"].editorial_title not in html
    assert "escalatie" not in html.lower()


def test_r01_unknown_organisation_is_404(client, db):
    assert client.get("/organisaties/999999/").status_code == 404
