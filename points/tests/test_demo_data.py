import io

import pytest
from django.core.management import call_command

from points.models import EscalationPoint
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
