"""R14, R18: the two messages of an e-mail escalation, from the point's template.

The message to the service carries everything the service needs; the confirmation to the
citizen names the point by its public title, gives the handling term with its due date and
the info sentence, and the service's number or address only where the point allows sharing
them (R9, R13). Never the internal note or the rijksregisternummer.
"""

from dataclasses import dataclass

from django.utils import formats, timezone, translation
from stdnum.be import ssn

from escalations.handling import confirmation_url
from escalations.models import Escalation
from points.models import EscalationPoint
from reference import email_templates
from reference.models import EmailTemplate

NOT_GIVEN = "(niet opgegeven)"


@dataclass(frozen=True)
class Message:
    recipient: str
    subject: str
    body: str


@dataclass(frozen=True)
class EscalationMessages:
    to_service: Message
    to_citizen: Message | None  # None when the citizen gave no e-mail address


def dutch_date(value, pattern: str = "l j F Y") -> str:
    with translation.override("nl"):
        return formats.date_format(value, pattern)


def working_days_text(days: int) -> str:
    return f"{days} werkdag" if days == 1 else f"{days} werkdagen"


def shareable_contact(point: EscalationPoint) -> str:
    """R9, R13: the service's number and address as far as the citizen may have them."""
    parts = []
    if point.has_phone and point.phone_share_with_citizen:
        parts.append(f"op {point.phone_number}")
    if point.has_email and point.email_share_with_citizen:
        parts.append(f"via {point.email_address}")
    if not parts:
        return ""
    return "U kunt de dienst ook zelf bereiken " + " of ".join(parts) + "."


def agent_name(agent) -> str:
    if agent is None:
        return ""
    return agent.get_full_name() or agent.get_username()


def template_values(escalation: Escalation, point: EscalationPoint) -> dict[str, str]:
    """The value of every template variable for this escalation (saved or not yet)."""
    organisation = point.reporting_organisation
    line = escalation.line_code
    return {
        "referentie": escalation.reference,
        "datum": dutch_date(timezone.localtime(escalation.created_at), "l j F Y \\o\\m H:i"),
        "titel": escalation.point_title,
        "organisatie": organisation.name if organisation else "",
        "lijncode": line.name if line else "",
        "voorlichter": agent_name(escalation.agent),
        "burger": escalation.citizen_name,
        "burger_email": escalation.citizen_email or NOT_GIVEN,
        "burger_telefoon": escalation.citizen_phone or NOT_GIVEN,
        "rijksregisternummer": (
            ssn.format(escalation.citizen_national_number)
            if escalation.citizen_national_number
            else NOT_GIVEN
        ),
        "vraag": escalation.question,
        "notitie": escalation.internal_note or "(geen)",
        "werkdagen": str(escalation.working_days),
        "behandeltermijn": working_days_text(escalation.working_days),
        "uiterlijk_op": dutch_date(escalation.due_date),
        "info": point.handling_info,
        "contact_dienst": shareable_contact(point),
        "bevestigingslink": confirmation_url(escalation.pk),
    }


def one_line(text: str) -> str:
    """A subject is one line: a value with line breaks cannot add mail headers."""
    return " ".join(text.split())


def render_messages(
    escalation: Escalation, point: EscalationPoint, template: EmailTemplate
) -> EscalationMessages:
    values = template_values(escalation, point)
    to_service = Message(
        recipient=escalation.service_address,
        subject=one_line(email_templates.render(template.subject, values)),
        body=email_templates.render(template.body, values),
    )
    to_citizen = None
    if escalation.citizen_email:
        to_citizen = Message(
            recipient=escalation.citizen_email,
            subject=one_line(email_templates.render(template.citizen_subject, values)),
            body=tidy(email_templates.render(template.citizen_body, values)),
        )
    return EscalationMessages(to_service=to_service, to_citizen=to_citizen)


def tidy(text: str) -> str:
    """No runs of empty lines where an optional value ({info}, {contact_dienst}) was empty."""
    lines = [line.rstrip() for line in text.splitlines()]
    tidied = []
    for line in lines:
        if line or (tidied and tidied[-1]):
            tidied.append(line)
    return "\n".join(tidied).strip() + "\n"
