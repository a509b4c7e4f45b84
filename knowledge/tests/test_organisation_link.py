"""R24: every point is linked to its reporting organisation; the organisation's tab
Contactcenter lists it. The point's field is the one source, so the two never disagree."""

import pytest
from django.urls import reverse

from knowledge.models import Organisation
from points.services import create_or_update_point

pytestmark = pytest.mark.django_db


def test_r24_the_organisation_tab_contactcenter_lists_its_points(client, beheerder, point):
    client.force_login(beheerder)
    anb = Organisation.objects.get(abbreviation="ANB")
    html = client.get(
        reverse("wagtailsnippets_knowledge_organisation:edit", args=[anb.pk])
    ).content.decode()
    assert 'id="tab-label-contactcenter"' in html
    assert "ANB - Team Jacht" in html


def test_r24_changing_the_reporting_organisation_moves_the_point(client, voorlichter, point):
    vmm = Organisation.objects.get(abbreviation="VMM")
    anb = Organisation.objects.get(abbreviation="ANB")
    client.force_login(voorlichter)
    assert client.get(f"/api/v1/knowledge/organisation/{anb.pk}").json()["escalation_points"]
    create_or_update_point(
        point=point, user=None, data={"status": "published", "reporting": {"organisation": "VMM"}}
    )
    assert not client.get(f"/api/v1/knowledge/organisation/{anb.pk}").json()["escalation_points"]
    points = client.get(f"/api/v1/knowledge/organisation/{vmm.pk}").json()["escalation_points"]
    assert [p["editorial_title"] for p in points] == ["ANB - Team Jacht"]


def test_r24_a_division_refers_to_its_entity(client, beheerder, point):
    client.force_login(beheerder)
    division = Organisation.objects.get(abbreviation="ANB-JACHT")
    html = client.get(
        reverse("wagtailsnippets_knowledge_organisation:edit", args=[division.pk])
    ).content.decode()
    assert "Escalatiepunten rapporteren altijd aan de entiteit zelf" in html


def test_r24_the_point_detail_names_its_organisation(client, voorlichter, point):
    client.force_login(voorlichter)
    linked = client.get(f"/api/v1/escalation-points/{point.pk}").json()["linked_items"]
    anb = Organisation.objects.get(abbreviation="ANB")
    assert {"kind": "organisation", "id": anb.pk, "title": anb.name} in linked
