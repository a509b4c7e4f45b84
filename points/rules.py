"""The editorial rules for escalation points (R2-R22), in one place.

The Wagtail admin form, the JSON API and imports all reach the rules through this
module, in this order: `apply_defaults` (fill what the guideline defaults), `normalise`
(the one step that rewrites what an editor typed: R5 phone and R10 address formats),
`field_errors` (always enforced), `publish_errors` (enforced when a point is published;
drafts may be incomplete) and `warnings` (shown to the editor, never blocking). The checks
only read the point. Messages are Dutch and name what to do.
"""

import contextlib
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from email_validator import EmailNotValidError, validate_email

from calendar_engine import parse_slot, validate_day_slots
from calendar_engine.deviations import PERIOD_END_NOT_AFTER_START
from core.moments import OUT_OF_RANGE, day_in_range
from reference.models import ORGANISATION_NOT_TOP_LEVEL, EmailTemplate, LineCode

DEFAULT_HANDLING_WORKING_DAYS = 5
MAX_HANDLING_WORKING_DAYS = 100
INSTRUCTIONS_MAX_LENGTH = 300
TITLE_SEPARATOR = " - "

PHONE_INVALID = (
    "Dit is geen geldig telefoonnummer. Vul een volledig nummer in met zonenummer, "
    "bijv. 011 12 34 56, 02 553 21 00 of 0477 12 34 56."
)
PHONE_LETTERS = "Een telefoonnummer bevat enkel cijfers (en eventueel +32). Verwijder de letters."
EMAIL_IS_URL = (
    "Vul een e-mailadres in, geen website of contactformulier (bijv. jacht@anb.example.be)."
)
EMAIL_INVALID = "Dit is geen geldig e-mailadres. Vul een adres in zoals dienst@example.be."
EXCEPTION_END_BEFORE_START = PERIOD_END_NOT_AFTER_START
EXCEPTION_ALREADY_OVER = (
    "Deze periode is al voorbij: een afwijkende bereikbaarheid geldt voor nu of later. Kies "
    "een einde in de toekomst."
)
INTERNAL_REASON_WARNING = (
    "De melding '{message}' lijkt een interne reden te noemen. Vermeld die niet als ze voor de "
    "burger niet relevant is, bijv. 'Telefonisch niet bereikbaar op donderdag 12-12-2026.'"
)
REPLACEMENT_HOURS_FORMAT = (
    "Schrijf de vervangende uren als '10:00-12:00' of '10:00-12:00, 13:00-15:00'."
)
AGREEMENTS_IN_FUTURE = "De afspraken kunnen niet in de toekomst gemaakt zijn."
NO_ROUTE = (
    "Vul een telefoonnummer of een e-mailadres in: een escalatiepunt zonder telefoon en "
    "zonder e-mail kan niet gepubliceerd worden."
)
NO_ROUTE_EMAIL = "Of vul hier een e-mailadres in."
TEMPLATE_REQUIRED = (
    "Kies een e-mailtemplate: de vraag mag per e-mail doorgestuurd worden. Typ 1700 voor "
    "'Escalatie Template Detail 1700'."
)
AGREEMENTS_DATE_REQUIRED = (
    "Vul in wanneer de afspraken met de dienst gemaakt zijn: zonder afspraken over "
    "bereikbaarheid en behandeltermijn kan het escalatiepunt niet gepubliceerd worden."
)
AGREEMENTS_WITH_REQUIRED = "Vul in met wie bij de dienst de afspraken gemaakt zijn."
LINE_CODES_REQUIRED = "Kies minstens één lijncode (standaard 1700 Andere Vragen)."
ORGANISATION_REQUIRED = (
    "Kies de rapporteringsorganisatie: elk escalatiepunt hoort bij een entiteit."
)

TITLE_WARNING = (
    "De titel volgt het patroon 'Entiteit - Onderwerp - Doelgroep' niet (bijv. 'ANB - Team "
    "Jacht'): begin met de entiteit en scheid de delen met ' - '."
)
INSTRUCTIONS_TOO_LONG_WARNING = (
    "De instructies zijn lang ({length} tekens). Hou ze beknopt (hoogstens "
    f"{INSTRUCTIONS_MAX_LENGTH} tekens): de voorlichter leest ze tijdens het gesprek."
)
INSTRUCTIONS_NOT_IMPERATIVE_WARNING = (
    "Schrijf de instructies in de gebiedende wijs, bijv. 'Vermeld altijd "
    "rijksregisternummer.' in plaats van 'De voorlichter moet ... vermelden.'"
)
PHONE_UNUSABLE_WARNING = (
    "Dit escalatiepunt heeft enkel een telefoonnummer, maar de voorlichter mag niet "
    "doorschakelen en het nummer ook niet doorgeven: geen voorlichter kan het gebruiken. Zet "
    "'Mag vraag telefonisch doorgeschakeld worden?' of 'Mag telefoonnummer doorgegeven "
    "worden?' op Ja."
)
EMAIL_UNUSABLE_WARNING = (
    "De voorlichter mag niet per e-mail doorsturen en het e-mailadres ook niet doorgeven: "
    "het adres is voor niemand bruikbaar. Zet 'Mag vraag per e-mail doorgestuurd worden?' of "
    "'Mag e-mailadres doorgegeven worden?' op Ja, of laat het adres leeg."
)
NO_PHONE_HOURS_WARNING = (
    "Doorschakelen mag, maar er zijn geen telefonische uren: doorschakelen is dus nooit "
    "mogelijk. Vul de uren in (tab Contact) of zet doorschakelen op Nee."
)
NO_THEME_WARNING = (
    "Kies een rapporteringsthema (tab Rapporteren), zodat de escalaties naar dit punt in de "
    "rapportering terechtkomen."
)
PAYING_NUMBER_WARNING = (
    "{number} is een betaalnummer: een burger die het belt, betaalt meer dan een gewoon "
    "gesprek. Geef het niet door aan burgers en kies indien mogelijk een gewoon nummer."
)
FOREIGN_NUMBER_WARNING = (
    "{number} is een buitenlands nummer: bellen kost een burger meer. Geef het niet door aan "
    "burgers en kies indien mogelijk een Belgisch nummer."
)
PERSONAL_EMAIL_WARNING = (
    "Het e-mailadres {address} lijkt persoonlijk. Kies indien mogelijk een generiek adres dat "
    "door meerdere personen in de dienst wordt opgevolgd."
)

_URL_LIKE = re.compile(r"^(https?://|www\.)|/", re.IGNORECASE)
_LETTERS = re.compile(r"[a-zA-Z]")
_NOT_IMPERATIVE = re.compile(
    r"\b(de voorlichter moet|voorlichters moeten|je moet|u moet|men moet|gelieve)\b", re.I
)
_BAD_TITLE_SEPARATORS = re.compile(r"\s[–—:/|]\s|(?<=\S)-\s|\s-(?=\S)|\s{2,}-|-\s{2,}")
_INTERNAL_REASON = re.compile(
    r"\b(wegens|omwille van|vanwege)\b|\b(team|personeels|opleidings|studie)dag|"
    r"\b(ziekte|zieke?n?|opleiding|vergadering|teambuilding|personeelstekort|onderbezetting|"
    r"staking|verhuis|verhuizing|interne?)\b",
    re.IGNORECASE,
)
_PERSONAL_LOCAL_PART = re.compile(r"^[a-z]{2,}[._-][a-z]{2,}(?:[._-][a-z]{2,})?$")
_GENERIC_MAILBOX_WORDS = {
    "abonnementen",
    "admin",
    "afdeling",
    "balie",
    "contact",
    "dienst",
    "dossier",
    "dossiers",
    "helpdesk",
    "info",
    "jacht",
    "klantendienst",
    "loket",
    "meldingen",
    "onthaal",
    "secretariaat",
    "support",
    "team",
    "vragen",
}


# --- Normalisation --------------------------------------------------------------------


def normalise_phone(raw: str) -> str:
    """R5: a Belgian number in national format with spaces only (foreign: +CC with spaces)."""
    text = (raw or "").strip()
    if not text:
        return ""
    if _LETTERS.search(text):
        raise ValidationError(PHONE_LETTERS, code="phone_letters")
    try:
        number = phonenumbers.parse(text, "BE")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_INVALID, code="phone_invalid") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_INVALID, code="phone_invalid")
    if phonenumbers.region_code_for_number(number) == "BE":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(raw: str) -> str:
    """R10: a real address, never a URL or contact form."""
    text = (raw or "").strip()
    if text and _URL_LIKE.search(text):
        raise ValidationError(EMAIL_IS_URL, code="email_is_url")
    try:
        return validate_email(text, check_deliverability=False).normalized if text else ""
    except EmailNotValidError as error:
        raise ValidationError(EMAIL_INVALID, code="email_invalid") from error


def normalise_field(instance, field: str, normaliser) -> None:
    """Store the normalised value of one field; a refusal names the field."""
    try:
        setattr(instance, field, normaliser(getattr(instance, field)))
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def parse_replacement_hours(text: str) -> list[list[str]] | None:
    """'10:00-12:00, 13:00-15:00' -> [["10:00", "12:00"], ["13:00", "15:00"]]; '' -> None."""
    parts = [part.strip() for part in re.split(r"[,;]", text or "") if part.strip()]
    if not parts:
        return None
    return [
        [piece.strip() for piece in re.split(r"\s*[-–]\s*", part, maxsplit=1)] for part in parts
    ]


def normalise_replacement_hours(text: str) -> str:
    """R16: replacement hours are valid slots of one day, written '10:00-12:00, 13:00-15:00'."""
    slots = parse_replacement_hours(text)
    if slots is None:
        return ""
    if any(len(pair) != 2 for pair in slots):
        raise ValidationError(REPLACEMENT_HOURS_FORMAT, code="replacement_hours")
    messages = validate_day_slots(slots)
    if messages:
        raise ValidationError(messages, code="replacement_hours")
    return ", ".join(str(parse_slot(pair)).replace("–", "-") for pair in slots)


NORMALISED_FIELDS = (("phone_number", normalise_phone), ("email_address", normalise_email))


def whole_day_period(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """From local midnight of the first day to local midnight after the last day."""
    tz = ZoneInfo("Europe/Brussels")
    first = starts_at.astimezone(tz).date()
    last = max(ends_at.astimezone(tz).date(), first)
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
    )


def split_lines(text: str) -> list[str]:
    return [line.strip(" \t-•*") for line in (text or "").splitlines() if line.strip(" \t-•*")]


# --- Defaults -------------------------------------------------------------------------


def apply_defaults(point) -> None:
    """R2, R14: fill what the guideline defaults, never overriding an editor's choice.

    R2: a public title left empty, or equal to the editorial title, is stored empty: the
    point then shows its editorial title, also after a rename (`shown_public_title`).
    """
    point.editorial_title = (point.editorial_title or "").strip()
    point.public_title = (point.public_title or "").strip()
    if point.public_title == point.editorial_title:
        point.public_title = ""
    if point.email_address and point.email_forward_allowed and point.email_template_id is None:
        point.email_template_id = EmailTemplate.objects.default_pk()


def default_line_codes() -> list:
    """R20: '1700 Andere Vragen' unless a beheerder chose other defaults."""
    return list(LineCode.objects.defaults())


def normalise(point) -> None:
    """R5, R10: store the phone number and the address in their one format.

    A value that cannot be normalised is left as typed, for `field_errors` to report.
    """
    for field, normaliser in NORMALISED_FIELDS:
        with contextlib.suppress(ValidationError):
            setattr(point, field, normaliser(getattr(point, field)))


# --- Errors ---------------------------------------------------------------------------


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def field_errors(point) -> dict[str, list[str]]:
    """Rules that hold for every save, draft or published. Reads the point, changes nothing."""
    errors: dict[str, list[str]] = {}
    for field, normaliser in (
        ("phone_number", normalise_phone),
        ("email_address", normalise_email),
    ):
        try:
            normaliser(getattr(point, field))
        except ValidationError as error:
            _add(errors, field, error.messages[0])
    organisation = point.reporting_organisation if point.reporting_organisation_id else None
    if organisation is not None and not organisation.is_top_level:
        top = organisation.top_level
        _add(errors, "reporting_organisation", ORGANISATION_NOT_TOP_LEVEL.format(top=top.name))
    if point.agreements_date and point.agreements_date > timezone.localdate():
        _add(errors, "agreements_date", AGREEMENTS_IN_FUTURE)
    elif point.agreements_date and not day_in_range(point.agreements_date):
        _add(errors, "agreements_date", OUT_OF_RANGE)
    return errors


def publish_errors(point, *, line_codes: Iterable | None) -> dict[str, list[str]]:
    """Rules that a point must pass before agents see it (R14, R15, R20, R21, R22)."""
    errors: dict[str, list[str]] = {}
    if not point.phone_number and not point.email_address:
        _add(errors, "phone_number", NO_ROUTE)
        _add(errors, "email_address", NO_ROUTE_EMAIL)
    if point.email_address and point.email_forward_allowed and point.email_template_id is None:
        _add(errors, "email_template", TEMPLATE_REQUIRED)
    if not point.agreements_date:
        _add(errors, "agreements_date", AGREEMENTS_DATE_REQUIRED)
    if not (point.agreements_with or "").strip():
        _add(errors, "agreements_with", AGREEMENTS_WITH_REQUIRED)
    if not list(line_codes or []):
        _add(errors, "line_codes", LINE_CODES_REQUIRED)
    if point.reporting_organisation_id is None:
        _add(errors, "reporting_organisation", ORGANISATION_REQUIRED)
    return errors


# --- Warnings -------------------------------------------------------------------------


def title_follows_pattern(title: str) -> bool:
    """R2: 'Entity - Subject - Audience'; the entity first, parts joined by ' - '."""
    title = (title or "").strip()
    if TITLE_SEPARATOR not in title or _BAD_TITLE_SEPARATORS.search(title):
        return False
    parts = title.split(TITLE_SEPARATOR)
    return all(part.strip() for part in parts) and len(parts[0]) <= 40


def email_looks_personal(address: str) -> bool:
    """R10: 'voornaam.naam@…' is probably one person's mailbox."""
    local_part = (address or "").split("@")[0].lower()
    if not _PERSONAL_LOCAL_PART.match(local_part):
        return False
    words = set(re.split(r"[._-]", local_part))
    return not (words & _GENERIC_MAILBOX_WORDS)


def instructions_not_imperative(instructions: str) -> bool:
    """R3: 'De voorlichter moet …' instead of the imperative."""
    return bool(_NOT_IMPERATIVE.search(instructions or ""))


def names_internal_reason(message: str) -> bool:
    """R16: an exception's message that gives an internal reason (teamdag, ziekte, …)."""
    return bool(_INTERNAL_REASON.search(message or ""))


def warnings(point) -> list[str]:
    found = []
    if point.editorial_title and not title_follows_pattern(point.editorial_title):
        found.append(TITLE_WARNING)
    instructions = (point.instructions or "").strip()
    if len(instructions) > INSTRUCTIONS_MAX_LENGTH:
        found.append(INSTRUCTIONS_TOO_LONG_WARNING.format(length=len(instructions)))
    if instructions_not_imperative(instructions):
        found.append(INSTRUCTIONS_NOT_IMPERATIVE_WARNING)
    if point.email_address and email_looks_personal(point.email_address):
        found.append(PERSONAL_EMAIL_WARNING.format(address=point.email_address))
    found += [
        INTERNAL_REASON_WARNING.format(message=exception.message)
        for exception in point.exceptions.all()
        if names_internal_reason(exception.message)
    ]
    return found + usability_warnings(point)


def usability_warnings(point) -> list[str]:
    """Points that publish fine but that no agent can use as they stand (or should not)."""
    found = []
    phone_unused = not (point.phone_transfer_allowed or point.phone_share_with_citizen)
    if point.phone_number and not point.email_address and phone_unused:
        found.append(PHONE_UNUSABLE_WARNING)
    if point.email_address and not (point.email_forward_allowed or point.email_share_with_citizen):
        found.append(EMAIL_UNUSABLE_WARNING)
    if point.phone_number and point.phone_transfer_allowed and not point.time_slots.all():
        found.append(NO_PHONE_HOURS_WARNING)
    if point.reporting_theme_id is None:
        found.append(NO_THEME_WARNING)
    cost = number_cost(point.phone_number)
    if cost:
        found.append(cost.format(number=point.phone_number))
    return found


def number_cost(number: str) -> str | None:
    """The warning for a number a citizen pays extra for (premium, shared cost, foreign)."""
    if not number or number.startswith(("01", "02", "03", "04", "05", "06")):
        return None  # a geographic or mobile number in the stored national format (R5)
    try:
        parsed = phonenumbers.parse(number, "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.region_code_for_number(parsed) != "BE":
        return FOREIGN_NUMBER_WARNING
    paying = {phonenumbers.PhoneNumberType.PREMIUM_RATE, phonenumbers.PhoneNumberType.SHARED_COST}
    return PAYING_NUMBER_WARNING if phonenumbers.number_type(parsed) in paying else None
