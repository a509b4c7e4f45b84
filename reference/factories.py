"""factory_boy factories for reference data (organisations, line codes, templates, ...).

Rows are looked up by their natural key before they are created (`django_get_or_create`),
so a test may ask for 'ANB' again where a fixture or another factory already made it.
"""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from reference import models


class OrganisationFactory(DjangoModelFactory):
    """A top-level entity; `DivisionFactory` makes one of its divisions."""

    class Meta:
        model = models.Organisation
        django_get_or_create = ("abbreviation",)

    abbreviation = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda organisation: f"Organisatie {organisation.abbreviation}")


class DivisionFactory(OrganisationFactory):
    """A division or service of an entity (its `parent`)."""

    parent = factory.SubFactory(OrganisationFactory)
    abbreviation = factory.LazyAttributeSequence(
        lambda division, n: f"{division.parent.abbreviation}-DIENST{n}"
    )
    name = factory.LazyAttributeSequence(
        lambda division, n: f"{division.parent.abbreviation} - Dienst {n}"
    )


class CodedFactory(DjangoModelFactory):
    """Reference rows found by their short code (line codes, e-mail templates)."""

    class Meta:
        abstract = True
        django_get_or_create = ("code",)


class NamedFactory(DjangoModelFactory):
    """Reference rows that are just a unique name (editorial domains, reporting themes)."""

    class Meta:
        abstract = True
        django_get_or_create = ("name",)


class LineCodeFactory(CodedFactory):
    class Meta:
        model = models.LineCode

    code = factory.Sequence(lambda n: f"LIJN{n}")
    name = factory.LazyAttribute(lambda line: f"Lijn {line.code}")


class EmailTemplateFactory(CodedFactory):
    class Meta:
        model = models.EmailTemplate

    code = factory.Sequence(lambda n: f"TPL{n}")
    name = factory.LazyAttribute(lambda template: f"Escalatie Template {template.code}")
    subject = "Escalatie: {titel} ({referentie})"
    body = "Beste collega,\n\nVraag:\n{vraag}\n\nBurger:\n{burger}\n\nReferentie: {referentie}"


class EditorialDomainFactory(NamedFactory):
    class Meta:
        model = models.EditorialDomain

    name = factory.Sequence(lambda n: f"Domein {n}")


class ReportingThemeFactory(NamedFactory):
    class Meta:
        model = models.ReportingTheme

    name = factory.Sequence(lambda n: f"Thema {n}")


class ClosingDayFactory(DjangoModelFactory):
    """An extra closing day for everyone; pass `organisation` for one entity's day,
    `closed=False` to switch a generated holiday off."""

    class Meta:
        model = models.ClosingDay

    day = factory.Sequence(lambda n: date(2026, 12, 1) + timedelta(days=n))
    name = "Brugdag"
