"""R24: every point is linked to its reporting organisation; the organisation's tab
Contactcenter lists it. The point's field is the one source, so the two never disagree."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from points.services import create_or_update_point
from reference.models import ClosingDay, Organisation

pytestmark = pytest.mark.django_db


def edit_form(client, user, abbreviation: str) -> str:
    """The organisation's edit form in the CMS, as `user` sees it."""
    client.force_login(user)
    organisation = Organisation.objects.get(abbreviation=abbreviation)
    url = reverse("wagtailsnippets_reference_organisation:edit", args=[organisation.pk])
    return client.get(url).content.decode()


def test_r24_the_organisation_tab_contactcenter_lists_its_points(client, beheerder, point):
    html = edit_form(client, beheerder, "ANB")
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
    html = edit_form(client, beheerder, "ANB-JACHT")
    assert "Escalatiepunten rapporteren altijd aan de entiteit zelf" in html


def test_r24_the_point_detail_names_its_organisation(client, voorlichter, point):
    client.force_login(voorlichter)
    linked = client.get(f"/api/v1/escalation-points/{point.pk}").json()["linked_items"]
    anb = Organisation.objects.get(abbreviation="ANB")
    assert {"kind": "organisation", "id": anb.pk, "title": anb.name} in linked


def test_r24_an_entity_with_points_cannot_silently_become_a_division(point):
    anb = Organisation.objects.get(abbreviation="ANB")
    anb.parent = Organisation.objects.get(abbreviation="VMM")
    with pytest.raises(ValidationError) as error:
        anb.full_clean()
    assert "ANB - Team Jacht" in str(error.value)


def test_r21_a_closing_day_is_for_an_entity_not_a_division(point):
    day = ClosingDay(
        day="2026-12-08",
        name="Teamdag",
        organisation=Organisation.objects.get(abbreviation="ANB-JACHT"),
    )
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert "Agentschap voor Natuur en Bos" in str(error.value)
    ClosingDay.objects.create(day="2026-12-08", name="Brugdag")
    with pytest.raises(ValidationError) as error:
        ClosingDay(day="2026-12-08", name="Nog een").full_clean()
    assert "bestaat al een sluitingsdag" in str(error.value)
