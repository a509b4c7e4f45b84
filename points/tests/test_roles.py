"""Roles: Redacteur edits and publishes, Voorlichter reads in the console, Beheerder also keeps
reference data."""

import pytest
from django.urls import reverse

from points.models import EscalationPoint
from points.services import create_or_update_point

pytestmark = pytest.mark.django_db


def urls(point):
    name = "wagtailsnippets_points_escalationpoint"
    return {
        "list": reverse(f"{name}:list"),
        "inspect": reverse(f"{name}:inspect", args=[point.pk]),
        "add": reverse(f"{name}:add"),
        "edit": reverse(f"{name}:edit", args=[point.pk]),
        "delete": reverse(f"{name}:delete", args=[point.pk]),
        "linecode_add": reverse("wagtailsnippets_reference_linecode:add"),
        "organisation_add": reverse("wagtailsnippets_reference_organisation:add"),
    }


def test_r22_voorlichter_is_sent_to_the_console_from_every_cms_page(client, voorlichter, point):
    """Drafts live in the CMS; an agent reads published points on the contactcenter site."""
    create_or_update_point(
        data={"status": "draft", "instructions": "Geheim concept."}, user=None, point=point
    )
    client.force_login(voorlichter)
    for name, url in {**urls(point), "dashboard": reverse("wagtailadmin_home")}.items():
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/contactcenter/"), name
    response = client.post(urls(point)["edit"], {"editorial_title": "Gekaapt"})
    assert response.status_code == 302
    assert EscalationPoint.objects.get(pk=point.pk).editorial_title == "ANB - Team Jacht"
    console = client.get("/contactcenter/", follow=True).content.decode()
    assert "Als voorlichter werk je op de contactcentersite" in console
    card = client.get(reverse("console:point", args=[point.pk])).content.decode()
    assert "Geheim concept." not in card


def test_redacteur_edits_points_but_not_reference_data(client, redacteur, point):
    client.force_login(redacteur)
    pages = urls(point)
    assert client.get(pages["add"]).status_code == 200
    assert client.get(pages["edit"]).status_code == 200
    assert client.get(pages["linecode_add"]).status_code == 403
    assert client.get(pages["organisation_add"]).status_code == 403


def test_beheerder_may_do_everything_including_reference_data(client, beheerder, point):
    client.force_login(beheerder)
    for name, url in urls(point).items():
        assert client.get(url).status_code == 200, name


def test_a_user_without_a_role_cannot_reach_the_cms(client, django_user_model, point):
    client.force_login(django_user_model.objects.create_user("burger", password="x"))
    response = client.get(urls(point)["edit"])
    assert response.status_code in (302, 403)
    assert "/cms/login/" in response.get("Location", "/cms/login/")


def test_anonymous_is_sent_to_the_login(client, point):
    response = client.get(urls(point)["edit"])
    assert response.status_code == 302 and "/cms/login/" in response["Location"]
