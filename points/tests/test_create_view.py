"""An editor creates escalation points in the Wagtail admin (test client, real database)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from calendar_engine.hours import SLOT_END_NOT_AFTER_START
from points import rules
from points.models import EscalationPoint
from points.tests.admin_forms import point_form_data, publish
from reference.models import EmailTemplate, LineCode, Organisation

ADD_URL = reverse("wagtailsnippets_points_escalationpoint:add")
TABS = ["Inhoud", "Contact", "Behandeltermijn", "Refereren", "Publiceren", "Rapporteren"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, redacteur, reference_data):
    client.force_login(redacteur)
    return client


def errors_for(response, field):
    return response.context["form"].errors.get(field, [])


def test_r02_the_form_has_the_six_tabs_of_the_guideline_in_dutch(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    labels = re.findall(r'id="tab-label-([a-z]+)"', html)
    assert labels == [tab.lower() for tab in TABS]
    for tab in TABS:
        assert f">{tab}<" in html or f"{tab}\n" in html
    assert "Redactietitel" in html and "Mag telefoonnummer doorgegeven worden?" in html


def test_r07_r08_r11_r12_r14_r18_r20_new_form_shows_the_guideline_defaults(editor_client):
    form = editor_client.get(ADD_URL).context["form"]
    assert form["phone_transfer_allowed"].value() is True
    assert form["transfer_mode"].value() == "closed"
    assert form["email_forward_allowed"].value() is True
    assert form["email_delivery"].value() == "email"
    assert form["phone_share_with_citizen"].value() is False
    assert form["handling_working_days"].value() == 5
    template_id = form["email_template"].value()
    assert EmailTemplate.objects.get(pk=template_id).name == "Escalatie Template Detail 1700"
    default_line = LineCode.objects.get(code="1700")
    assert [int(pk) for pk in form["line_codes"].value()] == [default_line.pk]


def test_r05_publishing_stores_the_phone_in_national_format(editor_client):
    response = editor_client.post(
        ADD_URL, publish(point_form_data(phone_number="+32 (0)11/12.34.56"))
    )
    assert response.status_code == 302
    point = EscalationPoint.objects.get()
    assert point.live
    assert point.phone_number == "011 12 34 56"
    assert point.shown_public_title == "ANB - Team Jacht"  # R2: defaults to the editorial title
    assert [slot.start.hour for slot in point.time_slots.all()] == [9, 13]


def test_r05_invalid_phone_is_refused_on_the_field_and_nothing_is_saved(editor_client):
    response = editor_client.post(ADD_URL, publish(point_form_data(phone_number="011 12 34")))
    assert response.status_code == 200
    assert errors_for(response, "phone_number") == [rules.PHONE_INVALID]
    assert not EscalationPoint.objects.exists()


def test_r10_url_as_email_is_refused_even_for_a_draft(editor_client):
    response = editor_client.post(
        ADD_URL, point_form_data(email_address="https://www.natuurenbos.be/contact")
    )
    assert errors_for(response, "email_address") == [rules.EMAIL_IS_URL]
    assert not EscalationPoint.objects.exists()


def test_r15_a_point_without_phone_and_email_cannot_be_published(editor_client):
    response = editor_client.post(
        ADD_URL, publish(point_form_data(phone_number="", email_address=""))
    )
    assert errors_for(response, "phone_number") == [rules.NO_ROUTE]
    assert not EscalationPoint.objects.exists()


def test_r06_a_point_with_only_email_can_be_published(editor_client):
    response = editor_client.post(ADD_URL, publish(point_form_data(phone_number="")))
    assert response.status_code == 302
    point = EscalationPoint.objects.get()
    detail = editor_client.get(f"/api/v1/escalation-points/{point.pk}").json()
    assert detail["availability"]["reason"] == "no_phone"
    assert detail["email"]["forward_allowed"] is True


def test_r14_forwarding_by_email_requires_a_template_to_publish(editor_client):
    response = editor_client.post(ADD_URL, publish(point_form_data(email_template="")))
    # An empty template is filled with the default template (R14) rather than refused.
    assert response.status_code == 302
    assert EscalationPoint.objects.get().email_template.code == "1700"


def test_r21_a_division_as_reporting_organisation_is_refused(editor_client):
    division = Organisation.objects.get(abbreviation="ANB-JACHT")
    response = editor_client.post(
        ADD_URL, publish(point_form_data(reporting_organisation=str(division.pk)))
    )
    assert errors_for(response, "reporting_organisation") == [
        rules.ORGANISATION_NOT_TOP_LEVEL.format(top="Agentschap voor Natuur en Bos")
    ]
    assert not EscalationPoint.objects.exists()


def test_r22_publishing_without_agreements_is_refused(editor_client):
    response = editor_client.post(
        ADD_URL, publish(point_form_data(agreements_date="", agreements_with=""))
    )
    assert errors_for(response, "agreements_date") == [rules.AGREEMENTS_DATE_REQUIRED]
    assert errors_for(response, "agreements_with") == [rules.AGREEMENTS_WITH_REQUIRED]
    assert not EscalationPoint.objects.exists()


def test_r22_a_draft_may_be_saved_before_the_agreements_are_made(editor_client):
    response = editor_client.post(
        ADD_URL, point_form_data(agreements_date="", agreements_with="", line_codes=[])
    )
    assert response.status_code == 302
    point = EscalationPoint.objects.get()
    assert not point.live


def test_r20_publishing_without_a_line_code_is_refused(editor_client):
    response = editor_client.post(ADD_URL, publish(point_form_data(line_codes=[])))
    assert errors_for(response, "line_codes") == [rules.LINE_CODES_REQUIRED]


def test_r17_a_time_slot_ending_before_it_starts_is_refused(editor_client):
    week = {"tue": [("12:00", "09:00")]}
    response = editor_client.post(ADD_URL, publish(point_form_data(week=week)))
    assert response.status_code == 200
    assert errors_for(response, "weekly_hours") == [f"Dinsdag: {SLOT_END_NOT_AFTER_START}"]
    assert not EscalationPoint.objects.exists()


def test_r17_overlapping_slots_on_one_day_are_refused_even_in_a_draft(editor_client):
    week = {"wed": [("09:00", "12:00"), ("11:30", "13:00")]}
    response = editor_client.post(ADD_URL, point_form_data(week=week))
    assert errors_for(response, "weekly_hours") == [
        "Woensdag: Tijdsloten van dezelfde dag mogen niet overlappen."
    ]
    assert not EscalationPoint.objects.exists()


def test_r17_a_slot_may_run_until_midnight(editor_client):
    week = {"sat": [("20:00", "00:00")]}
    response = editor_client.post(ADD_URL, publish(point_form_data(week=week)))
    assert response.status_code == 302
    point = EscalationPoint.objects.get()
    assert [str(slot) for slot in point.time_slots.all()] == ["zaterdag 20:00–24:00"]


def test_r02_r03_r10_advice_is_shown_after_saving_without_blocking(editor_client):
    response = editor_client.post(
        ADD_URL,
        publish(
            point_form_data(
                editorial_title="Team Jacht",
                instructions="De voorlichter moet altijd het rijksregisternummer vermelden.",
                email_address="jan.peeters@anb.example.be",
            )
        ),
        follow=True,
    )
    assert EscalationPoint.objects.get().live
    page = response.content.decode()
    assert escape(rules.TITLE_WARNING) in page
    assert escape(rules.INSTRUCTIONS_NOT_IMPERATIVE_WARNING) in page
    assert escape(rules.PERSONAL_EMAIL_WARNING.format(address="jan.peeters@anb.example.be")) in page


def test_r03_overly_long_instructions_are_flagged(editor_client):
    response = editor_client.post(
        ADD_URL, publish(point_form_data(instructions="Vermeld alles. " * 30)), follow=True
    )
    assert "Hou ze beknopt" in response.content.decode()


def test_r14_typing_1700_in_the_template_chooser_finds_the_general_template(editor_client):
    url = reverse("wagtailsnippetchoosers_reference_emailtemplate:choose_results")
    html = editor_client.get(url, {"q": "1700"}).content.decode()
    assert "Escalatie Template Detail 1700" in html
    html = editor_client.get(url, {"q": "onbestaand"}).content.decode()
    assert "Escalatie Template Detail 1700" not in html


def test_preview_shows_the_card_as_agents_see_it(editor_client):
    url = reverse("wagtailsnippets_points_escalationpoint:preview_on_add")
    data = point_form_data(phone_share_with_citizen="True")
    assert editor_client.post(url, data).json()["is_valid"]
    html = editor_client.get(url).content.decode()
    assert "ANB - Team Jacht" in html
    assert "Escalatie per mail? Vermeld altijd rijksregisternummer." in html
    assert "Niet zichtbaar op de publieke website" in html
