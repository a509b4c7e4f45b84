"""R2: a public title the editor never set follows the editorial title, also after a rename;
one the editor set stays."""

import pytest
from django.urls import reverse

from points.models import EscalationPoint
from points.tests.admin_forms import point_form_data, publish

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"


def rename(editor, point, title: str) -> dict:
    body = {"status": "published", "editorial_title": title}
    response = editor.put(f"{BASE}/{point.pk}", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_r02_a_public_title_never_set_follows_a_rename(editor, point):
    assert editor.get(f"{BASE}/{point.pk}").json()["public_title"] == "ANB - Team Jacht"
    assert rename(editor, point, "ANB - Team Jacht en Wildbeheer")["public_title"] == (
        "ANB - Team Jacht en Wildbeheer"
    )


def test_r02_sending_the_detail_back_keeps_the_title_following(editor, point):
    detail = editor.get(f"{BASE}/{point.pk}").json()
    detail["status"] = "published"
    editor.put(f"{BASE}/{point.pk}", detail, content_type="application/json")
    assert rename(editor, point, "ANB - Jacht")["public_title"] == "ANB - Jacht"


def test_r02_a_public_title_the_editor_set_stays_after_a_rename(editor, point):
    body = {"status": "published", "public_title": "Jacht en wildbeheer in Vlaanderen"}
    editor.put(f"{BASE}/{point.pk}", body, content_type="application/json")
    assert rename(editor, point, "ANB - Jacht")["public_title"] == (
        "Jacht en wildbeheer in Vlaanderen"
    )


def test_r02_renaming_in_the_cms_moves_the_public_title_along(editor, point):
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])
    data = publish(point_form_data(editorial_title="ANB - Wildbeheer", public_title=""))
    assert editor.post(url, data).status_code == 302
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert (saved.editorial_title, saved.shown_public_title) == ("ANB - Wildbeheer",) * 2
    card = editor.get(reverse("console:point", args=[point.pk])).content.decode()
    assert "Publieke titel" not in card
