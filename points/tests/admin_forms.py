"""Build the POST data an editor's browser sends from the escalation point form."""

from datetime import date, timedelta

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from knowledge.models import Organisation
from points.models import EmailTemplate, LineCode


def point_form_data(**overrides) -> dict:
    """A complete, publishable point as the admin form posts it; override any field."""
    anb = Organisation.objects.get(abbreviation="ANB")
    fields = {
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
        "time_slots": inline_formset(
            [
                {"weekday": "0", "start": "09:00", "end": "12:00"},
                {"weekday": "0", "start": "13:00", "end": "16:00"},
            ]
        ),
        "contact_persons": inline_formset([]),
    }
    fields.update(overrides)
    many_to_many = {
        name: fields.pop(name) for name in ("line_codes", "editorial_domains") if name in fields
    }
    return {**nested_form_data(fields), **many_to_many}


def publish(data: dict) -> dict:
    return {**data, "action-publish": "action-publish"}
