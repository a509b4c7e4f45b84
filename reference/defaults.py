"""Reference data every installation starts with: the guideline's defaults (R14, R20)."""

DEFAULT_LINE_CODE = {"code": "1700", "name": "1700 Andere Vragen", "is_default": True}

DEFAULT_TEMPLATE = {
    "code": "1700",
    "name": "Escalatie Template Detail 1700",
    "is_default": True,
    "subject": "Escalatie 1700: {titel} ({referentie})",
    "body": (
        "Beste collega,\n\n"
        "Het contactcenter 1700 kreeg een vraag die jullie dienst kan beantwoorden. "
        "Neem binnen {behandeltermijn} contact op met de burger.\n\n"
        "Vraag:\n{vraag}\n\n"
        "Gegevens van de burger:\n{burger}\n\n"
        "Referentie: {referentie}\n\n"
        "Met vriendelijke groeten,\nHet contactcenter 1700"
    ),
}

# The message to the service as the default template has it since escalations are sent
# (migration reference 0005 moves an unchanged older default to it).
SERVICE_BODY = (
    "Beste collega,\n\n"
    "Het contactcenter 1700 kreeg op {datum} een vraag die jullie dienst kan beantwoorden. "
    "De burger verwacht binnen {behandeltermijn} een reactie, uiterlijk op {uiterlijk_op}.\n\n"
    "Vraag:\n{vraag}\n\n"
    "Gegevens van de burger:\n"
    "Naam: {burger}\n"
    "E-mail: {burger_email}\n"
    "Telefoon: {burger_telefoon}\n"
    "Rijksregisternummer: {rijksregisternummer}\n\n"
    "Notitie van de voorlichter:\n{notitie}\n\n"
    "Lijn: {lijncode}. Voorlichter: {voorlichter}.\n"
    "Referentie: {referentie}\n\n"
    "Met vriendelijke groeten,\nHet contactcenter 1700"
)
# The citizen's confirmation (R18): every template starts with these (field defaults), so
# early migrations, whose models lack the fields, never see them.
CITIZEN_SUBJECT = "Uw vraag aan {titel} ({referentie})"
CITIZEN_BODY = (
    "Beste {burger},\n\n"
    "Het contactcenter 1700 heeft uw vraag doorgestuurd naar {titel} ({organisatie}).\n\n"
    "Uw vraag:\n{vraag}\n\n"
    "De dienst neemt binnen {behandeltermijn} contact met u op, uiterlijk op {uiterlijk_op}. "
    "{info}\n\n"
    "{contact_dienst}\n\n"
    "Vermeld bij contact altijd uw referentie: {referentie}.\n\n"
    "Met vriendelijke groeten,\nHet contactcenter 1700"
)


def ensure_defaults(apps, app_label: str = "reference") -> None:
    """Create the defaults if missing. Early migrations pass the app the models had then."""
    line_code_model = apps.get_model(app_label, "LineCode")
    template_model = apps.get_model(app_label, "EmailTemplate")
    line_code_model.objects.get_or_create(
        code=DEFAULT_LINE_CODE["code"], defaults=DEFAULT_LINE_CODE
    )
    template_model.objects.get_or_create(code=DEFAULT_TEMPLATE["code"], defaults=DEFAULT_TEMPLATE)
