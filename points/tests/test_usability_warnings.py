"""Points that no agent can use publish, but never silently: the editor is warned after
saving in the CMS and the API returns the advice in `warnings`."""

import pytest
from django.urls import reverse

from points import rules
from points.factories import PointDocumentFactory
from points.tests.admin_forms import point_form_data, publish

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"
NO_PHONE = {"number": ""}
NO_EMAIL = {"address": ""}


@pytest.fixture
def editor(client, redacteur, reference_data):
    client.force_login(redacteur)
    return client


def warnings_for(editor, **parts) -> list[str]:
    document = PointDocumentFactory(**parts)
    response = editor.post(BASE, document, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["warnings"]


PAYING = rules.PAYING_NUMBER_WARNING
FOREIGN = rules.FOREIGN_NUMBER_WARNING


@pytest.mark.parametrize(
    ("parts", "warning"),
    [
        (
            {"email": NO_EMAIL, "phone__transfer_allowed": False},
            rules.PHONE_UNUSABLE_WARNING,
        ),
        ({"email__forward_allowed": False}, rules.EMAIL_UNUSABLE_WARNING),
        ({"phone_hours": {}}, rules.NO_PHONE_HOURS_WARNING),
        ({"reporting__theme": None}, rules.NO_THEME_WARNING),
        ({"phone__number": "070 22 02 00"}, PAYING.format(number="070 22 02 00")),
        ({"phone__number": "0903 12 345"}, PAYING.format(number="0903 12 345")),
        ({"phone__number": "+31 20 123 4567"}, FOREIGN.format(number="+31 20 123 4567")),
    ],
)
def test_a_point_no_agent_can_use_is_published_with_a_warning(editor, parts, warning):
    assert warning in warnings_for(editor, **parts)


USABILITY = {
    rules.PHONE_UNUSABLE_WARNING,
    rules.EMAIL_UNUSABLE_WARNING,
    rules.NO_PHONE_HOURS_WARNING,
    rules.NO_THEME_WARNING,
}


@pytest.mark.parametrize(
    "parts",
    [
        {},  # the complete point: nothing to warn about
        {"phone": NO_PHONE},  # e-mail only, forwarding allowed
        {"email": NO_EMAIL, "phone__transfer_allowed": False, "phone__share_with_citizen": True},
        {"phone__transfer_allowed": False, "phone_hours": {}},  # no hours, and no transfer
        {"phone__number": "078 15 15 15"},  # a zonal number costs a normal call
        {"phone__number": "0800 12 345"},  # free for the caller
    ],
)
def test_a_usable_point_gets_no_usability_warning(editor, parts):
    found = warnings_for(editor, **parts)
    assert not USABILITY & set(found)
    assert not [text for text in found if "betaalnummer" in text or "buitenlands" in text]


def test_the_cms_shows_the_warning_after_saving(editor):
    data = publish(point_form_data(phone_number="070/22.02.00", email_address=""))
    response = editor.post(reverse("wagtailsnippets_points_escalationpoint:add"), data, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any(PAYING.format(number="070 22 02 00") in message for message in shown)
