"""'Laatste escalaties' on a card (every agent sees them: no citizen data) and 'Mijn
escalaties' (the agent's own, with the citizen's name until it is erased): each at a fixed
number of queries (R26)."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from console.tests.escalating import MONDAY_10, at, make_point, text_of
from core import roles
from escalations.services import (
    Citizen,
    EscalationRequest,
    erase_expired_personal_data,
    escalate,
)

pytestmark = pytest.mark.django_db

MY_PAGE_QUERIES = 4  # session, user, permission, the escalations with their points
POINT_PAGE_EXTRA_QUERIES = 2  # may the agent escalate, the point's last escalations


def email_escalation(agent, point, name: str, key: str):
    request = EscalationRequest(
        point_id=point.pk,
        channel="email",
        citizen=Citizen(name=name, email="burger@example.be", national_number="85073003328"),
        question="Een vraag over het jachtverlof.",
        idempotency_key=key,
    )
    with time_machine.travel(MONDAY_10, tick=False):
        return escalate(agent=agent, request=request)[0]


def transfer(agent, point, key: str):
    request = EscalationRequest(point_id=point.pk, channel="phone", idempotency_key=key)
    with time_machine.travel(MONDAY_10, tick=False):
        return escalate(agent=agent, request=request)[0]


@pytest.fixture
def colleague(db):
    return make_user("collega", roles.VOORLICHTER)


def test_r26_the_cards_last_escalations_show_no_citizen_data(
    client, voorlichter, colleague, reference_data
):
    point = make_point()
    email_escalation(colleague, point, "Mieke Geheim", "a")
    transfer(voorlichter, point, "b")
    with at(client, voorlichter, MONDAY_10):
        response = client.get(reverse("console:point", args=[point.pk]))
    html = response.content.decode()
    recent = text_of(response).split("Laatste escalaties", 1)[1]
    assert "Per e-mail doorgestuurd collega In wachtrij Ja" in recent
    assert "Telefonisch doorgeschakeld voorlichter Geregistreerd Ja" in recent
    for secret in ("Mieke Geheim", "burger@example.be", "85073003328", "jachtverlof."):
        assert secret not in html


def test_the_card_shows_the_last_five_escalations_only(client, voorlichter, reference_data):
    point = make_point()
    for index in range(7):
        transfer(voorlichter, point, f"k{index}")
    with at(client, voorlichter, MONDAY_10):
        recent = text_of(client.get(reverse("console:point", args=[point.pk])))
    assert recent.split("Laatste escalaties", 1)[1].count("Telefonisch doorgeschakeld") == 5


def test_r26_my_escalations_lists_only_the_agents_own(
    client, voorlichter, colleague, reference_data
):
    point = make_point()
    mine = email_escalation(voorlichter, point, "Jan Janssens", "a")
    theirs = email_escalation(colleague, point, "Mieke Geheim", "b")
    with at(client, voorlichter, MONDAY_10):
        response = client.get(reverse("console:my_escalations"))
        other = client.get(reverse("console:escalation", args=[theirs.pk]))
    text = text_of(response)
    assert f"{mine.reference} ANB - Team Jacht Per e-mail doorgestuurd" in text
    assert "In wachtrij Jan Janssens" in text
    assert theirs.reference not in text and "Mieke Geheim" not in text
    assert other.status_code == 404  # another agent's escalation is not shown, nor said to exist


def test_a_beheerder_may_open_any_escalation(client, voorlichter, beheerder, reference_data):
    from django.contrib.auth.models import Permission

    beheerder.user_permissions.add(Permission.objects.get(codename="view_escalationpoint"))
    escalation = transfer(voorlichter, make_point(), "a")
    with at(client, beheerder, MONDAY_10):
        response = client.get(reverse("console:escalation", args=[escalation.pk]))
    assert response.status_code == 200
    assert escalation.reference in text_of(response)


def test_my_escalations_shows_no_name_after_the_retention_erase(
    client, voorlichter, reference_data
):
    escalation = email_escalation(voorlichter, make_point(), "Jan Janssens", "a")
    with time_machine.travel("2027-03-01T10:00:00+01:00", tick=False):
        assert erase_expired_personal_data() == 1
    with at(client, voorlichter, "2027-03-01T10:00:00+01:00"):
        text = text_of(client.get(reverse("console:my_escalations")))
    assert f"{escalation.reference} ANB - Team Jacht" in text
    assert "(gewist)" in text and "Jan Janssens" not in text


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_my_escalations_costs_the_same_with_1_or_12_escalations(
    client, voorlichter, colleague, reference_data
):
    point, other = make_point(), make_point(editorial_title="ANB - Wild")
    email_escalation(voorlichter, point, "Jan", "only")
    for index in range(12):
        transfer(colleague, point if index % 2 else other, f"k{index}")
        email_escalation(colleague, other, f"Burger {index}", f"e{index}")
    url = reverse("console:my_escalations")
    with at(client, voorlichter, MONDAY_10):
        one = queries(client, url)
    with at(client, colleague, MONDAY_10):
        many = queries(client, url)
    assert one == many <= MY_PAGE_QUERIES


def test_the_point_page_with_its_last_escalations_costs_the_same_with_0_or_5(
    client, voorlichter, colleague, reference_data
):
    quiet, busy = make_point(), make_point(editorial_title="ANB - Wild")
    for index in range(5):
        email_escalation(colleague if index % 2 else voorlichter, busy, "Jan", f"k{index}")
    with at(client, voorlichter, MONDAY_10):
        for point in (quiet, busy):  # the agent's access and both cards are kept
            client.get(reverse("console:point", args=[point.pk]))
        counts = [queries(client, reverse("console:point", args=[p.pk])) for p in (quiet, busy)]
    assert counts[0] == counts[1]
