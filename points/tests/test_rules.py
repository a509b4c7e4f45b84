"""The rules module on its own: normalisation and the non-blocking advice."""

import pytest
from django.core.exceptions import ValidationError

from points import rules
from points.tests.guideline import GUIDELINE_TITLES


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("+32 (0)11/12.34.56", "011 12 34 56"),
        ("0032 2 553 21 00", "02 553 21 00"),
        ("011.12.34.56", "011 12 34 56"),
        ("0477-12-34-56", "0477 12 34 56"),
        ("011 12 34 56", "011 12 34 56"),
        ("(011) 12 34 56", "011 12 34 56"),
        ("02/553.21.00", "02 553 21 00"),
        ("  078 15 15 15 ", "078 15 15 15"),
        ("+31 20 123 4567", "+31 20 123 4567"),
        ("", ""),
    ],
)
def test_r05_phone_is_normalised_to_national_format_with_spaces_only(raw, stored):
    assert rules.normalise_phone(raw) == stored


@pytest.mark.parametrize("raw", ["011 12 34 5", "02 553 210", "1700", "12"])
def test_r05_too_short_or_incomplete_number_is_refused_in_dutch(raw):
    with pytest.raises(ValidationError) as error:
        rules.normalise_phone(raw)
    assert "geen geldig telefoonnummer" in error.value.messages[0]


@pytest.mark.parametrize("raw", ["abc", "011 12 34 AB", "bel ons"])
def test_r05_letters_are_refused_in_dutch(raw):
    with pytest.raises(ValidationError) as error:
        rules.normalise_phone(raw)
    assert "enkel cijfers" in error.value.messages[0]


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.example.be/contact",
        "www.example.be",
        "example.be/contactformulier",
        "http://jacht@example.be",
    ],
)
def test_r10_url_or_contact_form_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        rules.normalise_email(raw)
    assert error.value.messages == [rules.EMAIL_IS_URL]


@pytest.mark.parametrize("raw", ["jacht@", "jacht.example.be", "jacht@@example.be", "a b@x.be"])
def test_r10_invalid_address_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        rules.normalise_email(raw)
    assert error.value.messages == [rules.EMAIL_INVALID]


def test_r10_valid_address_is_kept_and_domain_normalised():
    assert rules.normalise_email(" jacht@ANB.Example.be ") == "jacht@anb.example.be"


@pytest.mark.parametrize(
    ("address", "personal"),
    [
        ("jan.peeters@example.be", True),
        ("lies_vermeulen@example.be", True),
        ("jacht@anb.example.be", False),
        ("info.jacht@example.be", False),
        ("klantendienst@example.be", False),
        ("team.jacht@example.be", False),
    ],
)
def test_r10_personal_looking_address_is_flagged(address, personal):
    assert rules.email_looks_personal(address) is personal


@pytest.mark.parametrize("title", GUIDELINE_TITLES)
def test_r02_guideline_examples_follow_the_title_pattern(title):
    assert rules.title_follows_pattern(title)


@pytest.mark.parametrize(
    "title",
    ["Team Jacht", "ANB – Team Jacht", "ANB: Team Jacht", "ANB -Team Jacht", "ANB -  - Jacht"],
)
def test_r02_titles_off_the_pattern_are_flagged(title):
    assert not rules.title_follows_pattern(title)
