"""R21: the reporting-organisation chooser offers entities only, found by abbreviation or
name, fifty a page."""

import pytest
from django.urls import reverse

from reference.factories import DivisionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def chosen_names(editor, **params) -> str:
    return editor.get(reverse("entity_chooser:choose"), params).json()["html"]


def test_r21_the_chooser_lists_entities_and_no_divisions(editor):
    anb = OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    DivisionFactory(abbreviation="ANB-JACHT", name="Afdeling Jacht en Wildbeheer", parent=anb)
    html = chosen_names(editor)
    assert "Agentschap voor Natuur en Bos" in html
    assert "Afdeling Jacht en Wildbeheer" not in html
    assert "Zoeken op afkorting of naam" in html


@pytest.mark.parametrize("query", ["anb", "Natuur", "natuur en bos"])
def test_r21_an_entity_is_found_by_abbreviation_or_name(editor, query):
    OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    OrganisationFactory(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    html = editor.get(reverse("entity_chooser:choose_results"), {"q": query}).content.decode()
    assert "Agentschap voor Natuur en Bos" in html
    assert "Vlaamse Milieumaatschappij" not in html


def test_r21_the_point_form_uses_the_entity_chooser(editor, point):
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])
    html = editor.get(url).content.decode()
    assert reverse("entity_chooser:choose") in html
