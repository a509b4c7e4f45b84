"""Shared fixtures: the three roles, reference data and a publishable point as JSON."""

import copy
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User

from knowledge.models import Organisation
from points import roles
from points.models import EditorialDomain, LineCode, ReportingTheme


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="test-password-1700")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def redacteur(db):
    return make_user("redacteur", roles.REDACTEUR)


@pytest.fixture
def voorlichter(db):
    return make_user("voorlichter", roles.VOORLICHTER)


@pytest.fixture
def beheerder(db):
    return make_user("beheerder", roles.BEHEERDER)


@pytest.fixture
def reference_data(db):
    anb = Organisation.objects.create(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    Organisation.objects.create(abbreviation="ANB-JACHT", name="ANB - Team Jacht", parent=anb)
    Organisation.objects.create(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    LineCode.objects.create(code="WONEN", name="Wonen en energie")
    EditorialDomain.objects.create(name="Natuur")
    ReportingTheme.objects.create(name="Jacht")
    return {"anb": anb}


VALID_POINT = {
    "status": "published",
    "editorial_title": "ANB - Team Jacht",
    "instructions": "Escalatie per mail? Vermeld altijd rijksregisternummer.",
    "content": "Agentschap voor Natuur en Bos\nJachtverlof",
    "phone": {"number": "011 12 34 56"},
    "email": {"address": "jacht@anb.example.be"},
    "phone_hours": {"mon": [["09:00", "12:00"], ["13:00", "16:00"]]},
    "handling_term": {"info": "Voor dossiers die meer onderzoek vereisen, duurt het langer."},
    "search_terms": ["jachtverlof"],
    "reporting": {"editorial_domains": ["Natuur"], "theme": "Jacht", "organisation": "ANB"},
    "agreements": {
        "date": (date.today() - timedelta(days=7)).isoformat(),
        "with": "Diensthoofd Team Jacht",
    },
}


@pytest.fixture
def point_data(reference_data):
    """A complete, publishable point in the API's JSON shape (a fresh copy per test)."""
    return copy.deepcopy(VALID_POINT)
