import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from points.models import EscalationPoint, ScheduledChange
from points.tests.guideline import GUIDELINE_TITLES
from reference.models import LineCode

pytestmark = pytest.mark.django_db


def test_demo_data_loads_the_six_guideline_points_published_and_twice_changes_nothing(
    django_user_model,
):
    call_command("demo_data", stdout=io.StringIO())
    points = EscalationPoint.objects.all()
    assert set(points.values_list("editorial_title", flat=True)) == set(GUIDELINE_TITLES)
    assert all(point.live for point in points)
    assert all(point.reporting_organisation.is_top_level for point in points)
    state = sorted(points.values_list("pk", "latest_revision_id", "phone_number"))
    users = django_user_model.objects.count()

    call_command("demo_data", stdout=io.StringIO())
    assert (
        sorted(EscalationPoint.objects.values_list("pk", "latest_revision_id", "phone_number"))
        == state
    )
    assert django_user_model.objects.count() == users == 4
    roles = {"Redacteur", "Voorlichter", "Beheerder", "Teamleider"}
    assert {
        group.name
        for user in django_user_model.objects.all()
        for group in user.groups.all()
        if group.name in roles
    } == roles
    agent = django_user_model.objects.get(username="voorlichter")
    assert list(LineCode.objects.of_agent(agent).values_list("code", flat=True)) == ["OMGEV"]


def test_demo_data_records_escalations_once_and_delivers_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    """The demo shows what agents did: a transfer, an e-mail escalation that reaches the
    service and the citizen, a CRM escalation that waits in 'Niet afgeleverd' (De Lijn has no
    CRM link in the demo), a transfer outside hours with its reason."""
    from escalations.models import Escalation, OutboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_data", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_data", stdout=io.StringIO())

    escalations = Escalation.objects.order_by("created_at")
    assert [(e.point_title, e.channel) for e in escalations] == [
        ("ANB - Team Jacht", "phone"),
        ("ANB - Team Jacht", "email"),
        ("De Lijn - Dienst Abonnementen", "email"),
        ("VAPH - Covid-19 - Professionals", "phone"),
    ]
    states = {
        (message.escalation.point_title, message.kind): message.state
        for message in OutboxMessage.objects.select_related("escalation")
    }
    assert states[("ANB - Team Jacht", "service")] == "delivered"
    assert states[("ANB - Team Jacht", "citizen")] == "delivered"
    assert states[("De Lijn - Dienst Abonnementen", "service")] == "failed"
    # De Lijn's citizen hears nothing until De Lijn has the question (R18).
    assert states[("De Lijn - Dienst Abonnementen", "citizen")] == "pending"
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "jacht.anb@example.be",
        "jan.janssens@example.be",
    ]


def test_r25_the_demo_plans_a_temporary_handling_term_once():
    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())

    jacht = EscalationPoint.objects.get(editorial_title="ANB - Team Jacht")
    (change,) = jacht.scheduled_changes.all()
    assert change.changes["handling_term"]["working_days"] == 10
    assert change.revert_at - change.effective_at == timedelta(days=14)
    assert timezone.localtime(change.effective_at).weekday() == 0
    assert change.planned_by.username == "redacteur"
    assert ScheduledChange.objects.count() == 2
