"""R25 in the CMS: the point's tab 'Geplande wijzigingen', the form to plan a change with the
point's own fields, cancelling, the calendar of all points and the dashboard reminders."""

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from points import planning
from points.document import to_data
from points.factories import EscalationPointFactory
from points.models import ChangeState, ScheduledChange
from points.services import create_or_update_point
from points.tests.planned import at

pytestmark = pytest.mark.django_db

NOW = "2026-12-07 08:00"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(at(NOW), tick=False):
        yield


@pytest.fixture
def jacht(reference_data):
    return EscalationPointFactory()


def form_data(point, **changed) -> dict:
    """The plan form as the browser sends it untouched: the published values."""
    data = to_data(point)
    post = {
        "effective_at": "2026-12-07 09:00",
        "revert_at": "",
        "handling_working_days": data["handling_term"]["working_days"],
        "handling_info": data["handling_term"]["info"],
        "phone_number": data["phone"]["number"],
        "phone_transfer_allowed": str(data["phone"]["transfer_allowed"]),
        "email_address": data["email"]["address"],
        "instructions": data["instructions"],
    }
    for day, slots in data["phone_hours"].items():
        post[f"weekly_hours__{day}__start"] = [start for start, _ in slots]
        post[f"weekly_hours__{day}__end"] = [end for _, end in slots]
    return post | changed


def plan_url(point) -> str:
    return reverse("planned_change_add", args=[point.pk])


def test_r25_the_form_offers_the_points_own_fields_filled_in_with_the_published_values(
    editor, jacht
):
    response = editor.get(plan_url(jacht))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Wijziging plannen" in text
    for label in ("Duur (werkdagen)", "Telefoonnummer", "Telefonische bereikbaarheid"):
        assert label in text
    assert 'value="011 12 34 56"' in text
    assert "Tijdslot toevoegen" in text


def test_r25_only_what_the_editor_changes_is_planned(editor, jacht, redacteur):
    response = editor.post(
        plan_url(jacht),
        form_data(jacht, handling_working_days="10", revert_at="2026-12-21 09:00"),
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"/edit/{jacht.pk}/#tab-geplande_wijzigingen")
    change = ScheduledChange.objects.get()
    assert change.changes == {"handling_term": {"working_days": 10}}
    assert (change.effective_at, change.revert_at) == (
        at("2026-12-07 09:00"),
        at("2026-12-21 09:00"),
    )
    assert change.planned_by == redacteur


def test_r25_the_form_refuses_a_change_that_breaks_a_rule_and_plans_nothing(editor, jacht):
    response = editor.post(
        plan_url(jacht),
        form_data(jacht, phone_number="", email_address="", effective_at="2026-12-07 07:00"),
    )

    assert response.status_code == 200
    assert planning.EFFECTIVE_AT_PAST in response.content.decode()
    response = editor.post(plan_url(jacht), form_data(jacht, phone_number="", email_address=""))
    assert "Vul een telefoonnummer of een e-mailadres in" in response.content.decode()
    response = editor.post(plan_url(jacht), form_data(jacht))
    assert planning.NOTHING_TO_CHANGE in response.content.decode()
    assert not ScheduledChange.objects.exists()


def test_r25_the_points_tab_lists_its_changes_with_their_state_and_reason(editor, jacht):
    upcoming = planning.plan_change(
        point=jacht,
        user=None,
        changes={"phone": {"number": "02 553 21 00"}},
        effective_at=at("2026-12-08 09:00"),
    )
    failing = planning.plan_change(
        point=jacht,
        user=None,
        changes={"phone": {"number": ""}},
        effective_at=at("2026-12-07 09:00"),
    )
    create_or_update_point(
        point=jacht, user=None, data={"status": "published", "email": {"address": ""}}
    )
    with time_machine.travel(at("2026-12-07 09:00"), tick=False):
        planning.apply_due_changes()

        response = editor.get(
            reverse("wagtailsnippets_points_escalationpoint:edit", args=[jacht.pk])
        )

    text = response.content.decode()
    assert 'id="tab-label-geplande_wijzigingen"' in text
    assert "Telefoonnummer: 02 553 21 00" in text
    assert reverse("planned_change_edit", args=[upcoming.pk]) in text
    assert reverse("planned_change_edit", args=[failing.pk]) not in text
    assert "Mislukt: Niet toegepast" in text


def test_r25_editing_and_cancelling_in_the_cms(editor, jacht):
    change = planning.plan_change(
        point=jacht,
        user=None,
        changes={"handling_term": {"working_days": 10}},
        effective_at=at("2026-12-07 09:00"),
    )
    edit_url = reverse("planned_change_edit", args=[change.pk])
    assert 'value="10"' in editor.get(edit_url).content.decode()

    editor.post(
        edit_url, form_data(jacht, handling_working_days="12", effective_at="2026-12-07 10:00")
    )
    change.refresh_from_db()
    assert change.changes == {"handling_term": {"working_days": 12}}
    assert change.effective_at == at("2026-12-07 10:00")

    cancel_url = reverse("planned_change_cancel", args=[change.pk])
    assert "Ja, annuleren" in editor.get(cancel_url).content.decode()
    editor.post(cancel_url)
    change.refresh_from_db()
    assert change.state == ChangeState.CANCELLED
    response = editor.get(edit_url)
    assert response.status_code == 302


def test_r25_the_calendar_lists_every_upcoming_moment_by_day(
    editor, jacht, reference_data, beheerder
):
    vmm = EscalationPointFactory(editorial_title="VMM - Grondwater", reporting__organisation="VMM")
    planning.plan_change(
        point=jacht,
        user=beheerder,
        changes={"handling_term": {"working_days": 10}},
        effective_at=at("2026-12-07 09:00"),
        revert_at=at("2026-12-21 09:00"),
    )
    planning.plan_change(
        point=vmm,
        user=beheerder,
        changes={"phone": {"number": "02 553 21 00"}},
        effective_at=at("2026-12-08 14:00"),
    )

    text = editor.get(reverse("planned_changes_calendar")).content.decode()

    days = [
        "Vandaag, maandag 7 december 2026",
        "dinsdag 8 december 2026",
        "maandag 21 december 2026",
    ]
    positions = [text.index(day) for day in days]
    assert positions == sorted(positions)
    assert text.index("ANB - Team Jacht") < text.index("VMM - Grondwater")
    assert "Behandeltermijn (werkdagen): 10" in text
    assert "Terugdraaien" in text


def test_r25_the_planner_and_the_points_editors_are_reminded_on_the_dashboard(
    client, jacht, redacteur, beheerder
):
    planning.plan_change(
        point=jacht,
        user=beheerder,
        changes={"handling_term": {"working_days": 10}},
        effective_at=at("2026-12-09 09:00"),
    )
    planning.plan_change(
        point=jacht,
        user=beheerder,
        changes={"phone": {"number": ""}},
        effective_at=at("2026-12-07 09:00"),
    )
    create_or_update_point(
        point=jacht, user=redacteur, data={"status": "published", "email": {"address": ""}}
    )
    with time_machine.travel(at("2026-12-07 09:00"), tick=False):
        planning.apply_due_changes()
        for user in (beheerder, redacteur):
            client.force_login(user)
            text = client.get(reverse("wagtailadmin_home")).content.decode()
            assert "ingaan wo 9 december 09:00" in text, user
            assert "behandeltermijn (werkdagen): 10" in text
            assert "Geplande wijzigingen die mislukten" in text
            assert "Niet toegepast: met deze wijziging" in text


def test_r25_someone_else_is_not_reminded_of_changes_of_points_they_never_edited(
    client, jacht, beheerder, django_user_model
):
    other = django_user_model.objects.create_user("andere-redacteur", password="x")
    other.groups.add(Group.objects.get(name="Redacteur"))
    planning.plan_change(
        point=jacht,
        user=beheerder,
        changes={"handling_term": {"working_days": 10}},
        effective_at=at("2026-12-09 09:00"),
    )
    client.force_login(other)

    text = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Geen geplande wijzigingen bij jouw escalatiepunten." in text


ROLES = ["anonymous", "voorlichter", "redacteur", "beheerder"]
LOGIN, CONSOLE, OK = "login", "console", 200


@pytest.mark.parametrize("role", ROLES)
def test_r25_access_to_the_planned_changes_in_the_cms(
    client, jacht, voorlichter, redacteur, beheerder, role
):
    """Voorlichters never see plans; redacteurs and beheerders plan (R1, R25)."""
    users = {"voorlichter": voorlichter, "redacteur": redacteur, "beheerder": beheerder}
    if role in users:
        client.force_login(users[role])
    change = planning.plan_change(
        point=jacht,
        user=beheerder,
        changes={"handling_term": {"working_days": 10}},
        effective_at=at("2026-12-09 09:00"),
    )
    expected = {"anonymous": LOGIN, "voorlichter": CONSOLE}.get(role, OK)
    for url in (
        plan_url(jacht),
        reverse("planned_change_edit", args=[change.pk]),
        reverse("planned_change_cancel", args=[change.pk]),
        reverse("planned_changes_calendar"),
    ):
        response = client.get(url)
        if expected == OK:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            where = "/cms/login/" if expected == LOGIN else "/contactcenter/"
            assert response["Location"].startswith(where), (url, response["Location"])
    change.refresh_from_db()
    assert change.state == ChangeState.PLANNED
