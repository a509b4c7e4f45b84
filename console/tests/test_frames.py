"""The point page and a card's buttons are filled into frames rendered once per process
(console/frames.py): the result must be exactly what their templates render, for any title
or name (escaped the same way), with or without the buttons."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils.safestring import mark_safe

from conftest import make_user
from console import frames
from core import roles

pytestmark = pytest.mark.django_db

ODD_TEXTS = [
    "Jachtverlof",
    "Tom & Jerry <script>alert(1)</script>",
    "Aanhalingstekens \"dubbel\" en 'enkel'",
    "__frame_body__ __frame_csrf__ {{ title }} {% csrf_token %}",
    "é ü ß 漢字 🙂",
    "",
]


def agent_request(full_name: str):
    user = make_user("agent", roles.VOORLICHTER)
    user.first_name = full_name
    user.save()
    request = RequestFactory().get("/contactcenter/punten/1/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_r17_the_framed_point_page_is_the_template_page(text):
    request = agent_request(text)
    body = mark_safe(f"<article>{text.replace('<', '&lt;')}</article>")
    recent = mark_safe("<section>Laatste escalaties</section>")
    context = {"title": text, "body": body, "recent": recent, "csrf_token": "abc123"}
    expected = render_to_string("console/point.html", context, request)
    framed = frames.point_page(request, **context)
    assert framed == expected


class Point:
    def __init__(self, pk, phone, email, forward, closes):
        self.pk = pk
        self.has_phone = phone
        self.has_email = email
        self.email_forward_allowed = forward
        self.closes_contact = closes


@pytest.mark.parametrize("phone", [True, False])
@pytest.mark.parametrize(("email", "forward"), [(True, True), (True, False), (False, True)])
@pytest.mark.parametrize("closes", [True, False])
@pytest.mark.parametrize("sublevel", [2, 3])
def test_r06_r08_r11_the_framed_buttons_are_the_template_buttons(
    phone, email, forward, closes, sublevel
):
    point = Point(42, phone, email, forward, closes)
    context = {"point": point, "sublevel": sublevel, "key": "k-1", "csrf_token": "t-1"}
    expected = render_to_string("console/includes/point_actions.html", context)
    assert frames.point_actions(point, sublevel, csrf="t-1", key="k-1") == expected


@override_settings(CONSOLE_CACHE_SHARED=True)
def test_a_page_with_messages_waiting_is_rendered_from_its_template():
    request = agent_request("Agent")
    assert frames.can_frame(request)
    request._messages.add(20, "Je bent aangemeld.")
    assert not frames.can_frame(request)
    assert len(list(get_messages(request))) == 1  # asking did not use them up


def test_without_a_shared_cache_every_page_is_rendered_from_its_template():
    assert not frames.can_frame(agent_request("Agent"))
