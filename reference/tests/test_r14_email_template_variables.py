"""R14: e-mail templates are CMS content with named variables. A template with an unknown,
misspelt or malformed variable is refused when it is saved (never when an agent sends), the
citizen's confirmation must give the handling term (R18) and may not carry the internal note,
and the editor sees both messages filled in with example values."""

import pytest
from bs4 import BeautifulSoup

from reference import email_templates
from reference.defaults import CITIZEN_BODY, CITIZEN_SUBJECT
from reference.factories import EmailTemplateFactory
from reference.models import EmailTemplate

pytestmark = pytest.mark.django_db

ADD_URL = "/cms/snippets/reference/emailtemplate/add/"


def edit_url(template: EmailTemplate) -> str:
    return f"/cms/snippets/reference/emailtemplate/edit/{template.pk}/"


def form_data(**changes) -> dict:
    data = {
        "code": "JACHT",
        "name": "Escalatie Template Jacht",
        "subject": "Escalatie: {titel} ({referentie})",
        "body": "Vraag:\n{vraag}\n\nBurger: {burger}, {burger_email}",
        "citizen_subject": CITIZEN_SUBJECT,
        "citizen_body": CITIZEN_BODY,
    }
    return {**data, **changes}


@pytest.fixture
def manager(client, beheerder):
    client.force_login(beheerder)
    return client


def field_errors(response, field: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    wrapper = soup.find(attrs={"data-field-wrapper": True, "id": f"panel-child-{field}-section"})
    if wrapper is None:  # the field's error block, wherever the panel puts it
        wrapper = soup.find(id=f"id_{field}").find_parent(attrs={"data-field-wrapper": True})
    return " ".join(wrapper.get_text(" ").split())


def test_r14_a_valid_template_is_saved(manager):
    response = manager.post(ADD_URL, form_data())

    assert response.status_code == 302
    assert EmailTemplate.objects.filter(code="JACHT").exists()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("body", "Vraag: {vraagg}", "De variabele {vraagg} bestaat niet. Bedoelde je {vraag}?"),
        ("body", "Burger: {Burger}", "Bedoelde je {burger}?"),
        ("body", "Vraag: {onbekend}", "De variabele {onbekend} bestaat niet."),
        ("subject", "Escalatie {}", "Tussen accolades hoort de naam van een variabele"),
        ("subject", "Escalatie {0}", "Tussen accolades hoort de naam van een variabele"),
        ("body", "Titel: {titel.upper}", "schrijf enkel de naam van een variabele"),
        ("body", "Titel: {titel[0]}", "schrijf enkel de naam van een variabele"),
        ("body", "Titel: {titel:>20}", "schrijf enkel de naam van een variabele"),
        ("body", "Titel: {titel!r}", "schrijf enkel de naam van een variabele"),
        ("body", "Titel: { titel }", "schrijf enkel de naam van een variabele"),
        ("body", "Vraag: {vraag", "Een accolade { wordt niet gesloten"),
        ("body", "Vraag: vraag}", "Een accolade } staat alleen"),
        ("citizen_body", CITIZEN_BODY + "\n{notitie}", "mag niet in de bevestiging"),
        ("citizen_body", CITIZEN_BODY + "\n{rijksregisternummer}", "mag niet in de bevestiging"),
        ("citizen_subject", "Uw vraag {referentie", "Een accolade { wordt niet gesloten"),
    ],
)
def test_r14_a_template_with_a_bad_variable_is_refused_when_saved(manager, field, text, message):
    response = manager.post(ADD_URL, form_data(**{field: text}))

    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert not EmailTemplate.objects.filter(code="JACHT").exists()


@pytest.mark.parametrize("missing", ["{behandeltermijn}", "{uiterlijk_op}", "{info}"])
def test_r14_r18_the_citizens_confirmation_must_give_the_handling_term(manager, missing):
    response = manager.post(ADD_URL, form_data(citizen_body=CITIZEN_BODY.replace(missing, "")))

    assert response.status_code == 200
    assert f"voeg {missing} toe" in field_errors(response, "citizen_body")
    assert not EmailTemplate.objects.filter(code="JACHT").exists()


def test_r14_an_existing_template_cannot_be_broken_by_an_edit(manager):
    template = EmailTemplateFactory()

    response = manager.post(
        edit_url(template), form_data(code=template.code, name=template.name, body="{vraaag}")
    )

    assert response.status_code == 200
    template.refresh_from_db()
    assert "{vraaag}" not in template.body


def test_r14_literal_braces_are_written_twice(manager):
    response = manager.post(ADD_URL, form_data(body="Vraag: {vraag} {{geen variabele}}"))

    assert response.status_code == 302
    template = EmailTemplate.objects.get(code="JACHT")
    values = email_templates.example_values()
    assert template.rendered_example()["body"] == (f"Vraag: {values['vraag']} {{geen variabele}}")


def test_r14_the_form_lists_every_variable(manager):
    response = manager.get(ADD_URL)

    text = response.content.decode()
    for name in email_templates.VARIABLES:
        assert f"<code>{{{name}}}</code>" in text


def test_r14_the_editor_sees_both_messages_filled_in_with_example_values(manager):
    template = EmailTemplate.objects.get(code="1700")

    response = manager.post(
        f"/cms/snippets/reference/emailtemplate/preview/{template.pk}/",
        form_data(code="1700", name=template.name, body=template.body),
    )
    assert response.json()["is_valid"] is True
    page = manager.get(f"/cms/snippets/reference/emailtemplate/preview/{template.pk}/")

    soup = BeautifulSoup(page.content, "html.parser")
    body = soup.find(attrs={"data-testid": "body"}).get_text()
    citizen = soup.find(attrs={"data-testid": "citizen-body"}).get_text()
    assert "Hoe lang is mijn jachtverlof geldig?" in body
    assert "{vraag}" not in body
    assert "vrijdag 4 december 2026" in citizen
    assert "Jan Janssens" in citizen
    assert "Burger belde al twee keer." not in citizen


def test_r14_a_value_with_braces_is_never_read_as_a_variable():
    text = email_templates.render("Vraag: {vraag}", {"vraag": "wat is {notitie}?"})

    assert text == "Vraag: wat is {notitie}?"


def test_r14_every_variable_can_be_rendered():
    text = " ".join(f"{{{name}}}" for name in email_templates.VARIABLES)

    assert email_templates.template_errors(text) == []
    rendered = email_templates.render(text, email_templates.example_values())
    assert "{" not in rendered


def test_r14_the_default_template_passes_its_own_check():
    template = EmailTemplate.objects.get(code="1700")

    template.full_clean()
    assert "{rijksregisternummer}" in template.body
