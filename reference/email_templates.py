"""R14: the named variables of the e-mail templates, checked when a template is saved and
filled in when an escalation is sent.

A template is plain text with variables between braces, e.g. `Vraag: {vraag}`. A literal
brace is written twice (`{{`, `}}`). Only the names below exist; anything else (a misspelt
name, `{}`, `{titel.x}`, `{titel:>10}`) is refused when the template is saved, never when a
caller waits.
"""

import difflib
import string
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join


@dataclass(frozen=True)
class Variable:
    description: str
    example: str
    for_citizen: bool = True  # may the citizen's confirmation use it?


VARIABLES: dict[str, Variable] = {
    "referentie": Variable("het nummer van de escalatie", "E-2026-000123"),
    "datum": Variable("dag en uur van de escalatie", "maandag 30 november 2026 om 10:15"),
    "titel": Variable("de publieke titel van het escalatiepunt", "ANB - Team Jacht"),
    "organisatie": Variable(
        "de volledige naam van de rapporteringsorganisatie", "Agentschap voor Natuur en Bos"
    ),
    "lijncode": Variable("de lijn waarop de vraag binnenkwam", "1700 Andere Vragen"),
    "voorlichter": Variable("de naam van de voorlichter", "An Peeters"),
    "burger": Variable("de naam van de burger", "Jan Janssens"),
    "burger_email": Variable("het e-mailadres van de burger", "jan.janssens@example.be"),
    "burger_telefoon": Variable("het telefoonnummer van de burger", "0477 12 34 56"),
    "rijksregisternummer": Variable(
        "het rijksregisternummer van de burger (of leeg)", "85.07.30-033.28", for_citizen=False
    ),
    "vraag": Variable("de vraag van de burger", "Hoe lang is mijn jachtverlof geldig?"),
    "notitie": Variable(
        "de interne notitie van de voorlichter (nooit aan de burger)",
        "Burger belde al twee keer.",
        for_citizen=False,
    ),
    "werkdagen": Variable("de behandeltermijn als getal", "5"),
    "behandeltermijn": Variable("de behandeltermijn in woorden", "5 werkdagen"),
    "uiterlijk_op": Variable(
        "de dag waarop de burger uiterlijk gecontacteerd wordt", "vrijdag 4 december 2026"
    ),
    "info": Variable(
        "de extra zin over de behandeltermijn van het escalatiepunt (of leeg)",
        "Voor dossiers die meer onderzoek vereisen, kan het een aantal weken duren voor u "
        "een antwoord krijgt.",
    ),
    "bevestigingslink": Variable(
        "de link waarmee de dienst bevestigt dat de vraag behandeld is (R18, voor de "
        "rapporten over behandeltermijnen)",
        "https://escalatiepunten.example.be/behandeld/123:abc/",
        for_citizen=False,
    ),
    "contact_dienst": Variable(
        "het telefoonnummer en e-mailadres van de dienst voor zover de burger ze mag krijgen "
        "(R9, R13), of leeg",
        "U kunt de dienst ook zelf bereiken op 011 12 34 56.",
    ),
}

# R18: what the citizen's confirmation must tell.
REQUIRED_FOR_CITIZEN = ("behandeltermijn", "uiterlijk_op", "info")


def variables_used(text: str) -> list[str]:
    """The variable names in `text`, in order; raises TemplateSyntaxError."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise TemplateSyntaxError(_brace_message(str(error))) from None
    names = []
    for _, field, format_spec, conversion in parts:
        if field is None:
            continue
        if field == "" or field.isdigit():
            raise TemplateSyntaxError(
                "Tussen accolades hoort de naam van een variabele, bijv. {vraag}. "
                "Schrijf {{ en }} voor een letterlijke accolade."
            )
        if format_spec or conversion or not field.isidentifier():
            raise TemplateSyntaxError(
                f"'{{{field}{'!' + conversion if conversion else ''}"
                f"{':' + format_spec if format_spec else ''}}}' kan niet: schrijf enkel de naam "
                "van een variabele tussen accolades, bijv. {vraag}."
            )
        names.append(field)
    return names


class TemplateSyntaxError(ValueError):
    pass


def _brace_message(error: str) -> str:
    if "expected '}'" in error or "unmatched '{'" in error.lower():
        return "Een accolade { wordt niet gesloten. Schrijf {{ voor een letterlijke accolade."
    return "Een accolade } staat alleen. Schrijf }} voor een letterlijke accolade."


def template_errors(text: str, *, for_citizen: bool = False) -> list[str]:
    """Dutch messages for every problem in `text`; empty when it can be filled in."""
    try:
        names = variables_used(text)
    except TemplateSyntaxError as error:
        return [str(error)]
    errors = []
    for name in dict.fromkeys(names):
        if name not in VARIABLES:
            errors.append(_unknown_message(name))
        elif for_citizen and not VARIABLES[name].for_citizen:
            errors.append(f"{{{name}}} mag niet in de bevestiging aan de burger staan.")
    return errors


def _unknown_message(name: str) -> str:
    message = f"De variabele {{{name}}} bestaat niet."
    close = difflib.get_close_matches(name.lower(), VARIABLES, n=1, cutoff=0.6)
    if close:
        return f"{message} Bedoelde je {{{close[0]}}}?"
    return f"{message} Mogelijk: " + ", ".join(f"{{{known}}}" for known in VARIABLES) + "."


def missing_for_citizen(text: str) -> list[str]:
    """R18: the variables the citizen's confirmation must contain but `text` lacks."""
    try:
        used = set(variables_used(text))
    except TemplateSyntaxError:
        return []
    return [name for name in REQUIRED_FOR_CITIZEN if name not in used]


def render(text: str, values: dict[str, str]) -> str:
    """Fill in a template. Values are plain text; a value's own braces stay as they are
    (they are never read as variables). A template saved before the check existed and
    failing it is sent as written rather than not at all."""
    if template_errors(text):
        return text
    return text.format_map({name: values.get(name, "") for name in VARIABLES})


def example_values() -> dict[str, str]:
    return {name: variable.example for name, variable in VARIABLES.items()}


def variables_help_html() -> str:
    """The list of variables for the template's edit form."""
    rows = format_html_join(
        "",
        "<li><code>{{{}}}</code>: {}{}</li>",
        (
            (name, variable.description, "" if variable.for_citizen else " (niet aan de burger)")
            for name, variable in VARIABLES.items()
        ),
    )
    return format_html(
        "<p>Zet een variabele tussen accolades, bijv. <code>{{vraag}}</code>. Een naam die niet "
        "bestaat, wordt geweigerd bij het bewaren. Het voorbeeld (voorvertoning) toont beide "
        "berichten ingevuld.</p><ul>{}</ul>",
        rows,
    )
