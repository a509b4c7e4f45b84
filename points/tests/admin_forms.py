"""Build the POST data an editor's browser sends from the escalation point form."""

from datetime import date, timedelta

from django.db.models import BooleanField
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from points.models import EscalationPoint
from reference.models import EmailTemplate, LineCode, Organisation

DEFAULT_WEEK = {"mon": [("09:00", "12:00"), ("13:00", "16:00")]}


def weekly_hours_data(week: dict) -> dict:
    """The inputs of the weekly-hours editor: per day a list of starts and of ends."""
    data = {}
    for day, slots in week.items():
        data[f"weekly_hours__{day}__start"] = [start for start, _ in slots]
        data[f"weekly_hours__{day}__end"] = [end for _, end in slots]
    return data or {"weekly_hours__mon__start": []}


def point_form_data(week=DEFAULT_WEEK, **overrides) -> dict:
    """A complete, publishable point as the admin form posts it; override any field."""
    anb = Organisation.objects.get(abbreviation="ANB")
    yes_no_defaults = {
        field.name: str(field.default)
        for field in EscalationPoint._meta.fields
        if isinstance(field, BooleanField) and field.choices
    }
    fields = {
        **yes_no_defaults,
        "editorial_title": "ANB - Team Jacht",
        "public_title": "",
        "instructions": "Escalatie per mail? Vermeld altijd rijksregisternummer.",
        "content": "Agentschap voor Natuur en Bos",
        "phone_number": "011/12.34.56",
        "phone_transfer_allowed": "True",
        "phone_share_with_citizen": "False",
        "transfer_mode": "closed",
        "email_address": "jacht@anb.example.be",
        "email_forward_allowed": "True",
        "email_share_with_citizen": "False",
        "email_delivery": "email",
        "email_template": str(EmailTemplate.objects.get(code="1700").pk),
        "handling_working_days": "5",
        "handling_info": "",
        "search_terms": "jachtverlof",
        "line_codes": [str(LineCode.objects.get(code="1700").pk)],
        "agreements_date": (date.today() - timedelta(days=3)).isoformat(),
        "agreements_with": "Diensthoofd Team Jacht",
        "reporting_theme": "",
        "reporting_organisation": str(anb.pk),
        "exceptions": inline_formset([]),
        "contact_persons": inline_formset([]),
    }
    fields.update(overrides)
    many_to_many = {
        name: fields.pop(name) for name in ("line_codes", "editorial_domains") if name in fields
    }
    return {**nested_form_data(fields), **many_to_many, **weekly_hours_data(week)}


def publish(data: dict) -> dict:
    return {**data, "action-publish": "action-publish"}
