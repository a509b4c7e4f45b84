"""The CMS refuses to save over a version someone else saved in the meantime, also without
JavaScript, keeps the editor's input and says what changed (no lost edit)."""

import re

import pytest
from django.urls import reverse

from points.models import EscalationPoint
from points.services import create_or_update_point
from points.tests.admin_forms import point_form_data, publish

pytestmark = pytest.mark.django_db


def loaded_revision(html: str) -> dict:
    """The hidden inputs with which the edit form says which version it shows."""
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def test_a_save_over_a_newer_version_is_refused_and_says_what_changed(
    client, redacteur, beheerder, point
):
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])
    client.force_login(redacteur)
    opened = loaded_revision(client.get(url).content.decode())

    beheerder.first_name, beheerder.last_name = "Bart", "Beheer"
    beheerder.save()
    create_or_update_point(
        data={"status": "published", "phone": {"number": "02 553 21 00"}},
        user=beheerder,
        point=point,
    )

    mine = publish(point_form_data(instructions="Vraag altijd het KBO-nummer.")) | opened
    response = client.post(url, mine)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Bart Beheer heeft dit escalatiepunt om ")
    assert "Intussen gewijzigd: telefoonnummer." in errors[0]
    assert "Vraag altijd het KBO-nummer." in response.content.decode()  # nothing lost
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert saved.phone_number == "02 553 21 00"
    assert saved.instructions != "Vraag altijd het KBO-nummer."

    # The form now carries the newest version: a deliberate second save goes through.
    again = publish(point_form_data(instructions="Vraag altijd het KBO-nummer."))
    again |= loaded_revision(response.content.decode())
    assert client.post(url, again).status_code == 302
    assert EscalationPoint.objects.get(pk=point.pk).instructions == "Vraag altijd het KBO-nummer."


def test_a_save_on_the_latest_version_goes_through(client, redacteur, point):
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])
    client.force_login(redacteur)
    opened = loaded_revision(client.get(url).content.decode())
    data = publish(point_form_data(instructions="Vraag het dossiernummer.")) | opened
    assert client.post(url, data).status_code == 302
