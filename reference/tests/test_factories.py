"""The reference factories make valid, saved rows (R14, R18, R20, R21)."""

import pytest

from reference.factories import (
    ClosingDayFactory,
    DivisionFactory,
    EditorialDomainFactory,
    EmailTemplateFactory,
    LineCodeFactory,
    OrganisationFactory,
    ReportingThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_r21_a_division_has_its_entity_as_top_level():
    division = DivisionFactory()
    entity = division.parent
    assert division.pk and entity.pk
    assert entity.is_top_level and not division.is_top_level
    assert division.top_level == entity
    assert division.abbreviation.startswith(entity.abbreviation)
    division.full_clean()


def test_r14_r18_r20_each_reference_factory_makes_a_valid_saved_row():
    rows = [
        OrganisationFactory(),
        LineCodeFactory(),
        EmailTemplateFactory(),
        EditorialDomainFactory(),
        ReportingThemeFactory(),
        ClosingDayFactory(),
        ClosingDayFactory(organisation=OrganisationFactory()),
    ]
    for row in rows:
        row.full_clean()
        assert type(row).objects.filter(pk=row.pk).exists(), row


def test_reference_factories_find_an_existing_row_by_its_natural_key():
    anb = OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    assert OrganisationFactory(abbreviation="ANB") == anb
    assert LineCodeFactory(code="1700").is_default  # the migration's default line code
    assert EmailTemplateFactory(code="1700").is_default
    assert EditorialDomainFactory(name="Natuur") == EditorialDomainFactory(name="Natuur")
