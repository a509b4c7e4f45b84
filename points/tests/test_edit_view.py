"""An editor revises a published point; bad input leaves the stored point unchanged."""

import pytest
from django.urls import reverse

from points import rules
from points.models import EscalationPoint
from points.tests.admin_forms import point_form_data, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, redacteur):
    client.force_login(redacteur)
    return client


def edit_url(point):
    return reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])


def snapshot(point):
    point = EscalationPoint.objects.get(pk=point.pk)
    return (
        point.phone_number,
        point.email_address,
        point.reporting_organisation_id,
        point.latest_revision_id,
        point.has_unpublished_changes,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone_number", "0477 12 34", rules.PHONE_INVALID),
        ("phone_number", "bel 1700", rules.PHONE_LETTERS),
        ("email_address", "www.natuurenbos.be", rules.EMAIL_IS_URL),
        ("agreements_date", "", rules.AGREEMENTS_DATE_REQUIRED),
    ],
)
def test_r05_r10_r22_bad_input_on_a_published_point_changes_nothing(
    editor_client, point, field, value, message
):
    before = snapshot(point)
    data = publish(point_form_data(**{field: value}))
    response = editor_client.post(edit_url(point), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert snapshot(point) == before


def test_r15_removing_both_routes_of_a_published_point_is_refused(editor_client, point):
    before = snapshot(point)
    data = publish(point_form_data(phone_number="", email_address=""))
    response = editor_client.post(edit_url(point), data)
    assert response.context["form"].errors["phone_number"] == [rules.NO_ROUTE]
    assert snapshot(point) == before


def test_a_draft_of_a_published_point_does_not_change_what_agents_see(editor_client, point):
    data = point_form_data(phone_number="02 553 21 00")
    response = editor_client.post(edit_url(point), data)
    assert response.status_code == 302
    live = EscalationPoint.objects.get(pk=point.pk)
    assert live.phone_number == "011 12 34 56"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().phone_number == "02 553 21 00"


def test_publishing_a_revision_updates_the_point(editor_client, point):
    data = publish(point_form_data(phone_number="0032 2 553 21 00"))
    response = editor_client.post(edit_url(point), data)
    assert response.status_code == 302
    live = EscalationPoint.objects.get(pk=point.pk)
    assert live.phone_number == "02 553 21 00"
    assert not live.has_unpublished_changes
    assert live.revisions.count() == 2
    assert live.time_slots.count() == 2  # existing rows are kept, not duplicated


def test_a_point_locked_by_another_editor_cannot_be_saved(editor_client, point, beheerder):
    point.locked, point.locked_by = True, beheerder
    point.save(update_fields=["locked", "locked_by"])
    before = snapshot(point)
    data = publish(point_form_data(phone_number="02 553 21 00"))
    editor_client.post(edit_url(point), data)
    assert snapshot(point) == before


@pytest.mark.parametrize("text", ["Vermeld\x00 het nummer.", "\x00"])
def test_a_nul_character_in_the_cms_form_is_refused_not_a_500(editor_client, point, text):
    before = snapshot(point)
    response = editor_client.post(edit_url(point), publish(point_form_data(instructions=text)))
    assert response.status_code == 200
    assert response.context["form"].errors["instructions"]
    assert snapshot(point) == before
