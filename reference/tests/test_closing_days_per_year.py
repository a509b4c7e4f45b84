"""R18: a year's closing days in one list, the generated holidays and 11 July with a switch,
and the days a beheerder added; a switched-off holiday no longer closes the points."""

from datetime import datetime

import pytest
from django.urls import reverse

from calendar_engine import BRUSSELS
from reference.factories import ClosingDayFactory, OrganisationFactory
from reference.models import ClosingDay

pytestmark = pytest.mark.django_db

URL = reverse("closing_days_per_year")


@pytest.fixture
def manager(client, beheerder):
    client.force_login(beheerder)
    return client


def test_r18_the_year_lists_generated_and_added_days(manager):
    ClosingDayFactory(day="2026-12-24", name="Brugdag kerst", organisation=None)
    html = manager.get(URL, {"jaar": "2026"}).content.decode()
    for text in ("Feest van de Vlaamse Gemeenschap", "Kerstmis", "Paasmaandag", "Brugdag kerst"):
        assert text in html
    assert html.index("Paasmaandag") < html.index("Feest van de Vlaamse") < html.index("Brugdag")


def test_r18_a_holiday_switched_off_keeps_the_points_open(manager, point):
    response = manager.post(
        f"{URL}?jaar=2026", {"dag": "2026-12-25", "naam": "Kerstmis", "actie": "open"}
    )
    assert response.status_code == 302
    assert ClosingDay.objects.get(day="2026-12-25").closed is False
    html = manager.get(URL, {"jaar": "2026"}).content.decode()
    assert "Nee, de dienst is bereikbaar" in html

    manager.post(f"{URL}?jaar=2026", {"dag": "2026-12-25", "actie": "sluiten"})
    assert not ClosingDay.objects.filter(day="2026-12-25").exists()


def test_r18_the_switch_reaches_the_availability(manager, point):
    christmas_morning = datetime(2026, 12, 25, 10, tzinfo=BRUSSELS).isoformat()
    url = f"/api/v1/escalation-points/{point.pk}/availability"
    point_organisation = point.reporting_organisation
    manager.post(
        f"{URL}?jaar=2026&organisatie={point_organisation.pk}",
        {"dag": "2026-12-25", "naam": "Kerstmis", "actie": "open"},
    )
    assert ClosingDay.objects.get(day="2026-12-25").organisation == point_organisation
    body = manager.get(url, {"at": christmas_morning}).json()
    assert body["reason"] != "closing_day"


@pytest.mark.parametrize("year", ["abc", "1800", "99999", ""])
def test_r18_any_year_in_the_url_shows_a_list(manager, year):
    assert manager.get(URL, {"jaar": year}).status_code == 200


def test_r18_a_redacteur_sees_the_list_but_cannot_switch(client, redacteur):
    client.force_login(redacteur)
    html = client.get(URL, {"jaar": "2026"}).content.decode()
    assert "Kerstmis" in html and "Niet sluiten" not in html
    response = client.post(f"{URL}?jaar=2026", {"dag": "2026-12-25", "actie": "open"})
    assert response.status_code in (302, 403)
    assert not ClosingDay.objects.exists()


def test_r18_an_entity_sees_the_days_for_everyone_and_its_own(manager):
    vmm = OrganisationFactory(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    ClosingDayFactory(day="2026-05-15", name="Personeelsdag VMM", organisation=vmm)
    assert "Personeelsdag VMM" not in manager.get(URL, {"jaar": "2026"}).content.decode()
    html = manager.get(URL, {"jaar": "2026", "organisatie": vmm.pk}).content.decode()
    assert "Personeelsdag VMM" in html and "Kerstmis" in html
