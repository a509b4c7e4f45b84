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


def ensure_defaults(apps, app_label: str = "reference") -> None:
    """Create the defaults if missing. Early migrations pass the app the models had then."""
    line_code_model = apps.get_model(app_label, "LineCode")
    template_model = apps.get_model(app_label, "EmailTemplate")
    line_code_model.objects.get_or_create(
        code=DEFAULT_LINE_CODE["code"], defaults=DEFAULT_LINE_CODE
    )
    template_model.objects.get_or_create(code=DEFAULT_TEMPLATE["code"], defaults=DEFAULT_TEMPLATE)
