"""`{% point_card point %}`: the agent's card of a point, as the console and the CMS preview
show it (R3, R4, R6-R13, R16-R18), and the small filters its wording needs."""

from datetime import datetime
from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from points.schedules import card_context

register = template.Library()

# Within this many days a moment is named by its weekday alone ('maandag 09:00').
WEEKDAY_ONLY_WITHIN_DAYS = 6


@register.inclusion_tag("points/includes/card.html")
def point_card(point, cards=None, now_url="", level=2, actions=""):
    """The card of `point`. A page with several cards passes `cards`, the result of
    `points.schedules.card_contexts` (one closing-days query for all of them); `now_url`
    is where the card's state *now* is fetched again when it changes (console only);
    `level` is the heading level of the card's title; `actions` is HTML the console puts
    under the transfer mode (its escalation buttons), or a dict of it per point id."""
    context = cards[point.pk] if cards is not None else card_context(point)
    if isinstance(actions, dict):
        actions = actions.get(point.pk, "")
    return {
        **context,
        "now_url": now_url,
        "level": level,
        "sublevel": level + 1,
        "actions": actions,
    }


@register.inclusion_tag("points/includes/card_now.html")
def point_card_now(card):
    """The parts of a card that change with the clock, as the console re-fetches them."""
    return card


@register.filter
def moment_from(moment: datetime | None, at: datetime) -> str:
    """'13:00' today, 'morgen 09:00', 'maandag 09:00' within the week, else with the date."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    days_ahead = (local.date() - timezone.localtime(at).date()).days
    clock = date_format(local, "H:i")
    if days_ahead <= 0:
        return clock
    if days_ahead == 1:
        return f"morgen {clock}"
    if days_ahead <= WEEKDAY_ONLY_WITHIN_DAYS:
        return f"{date_format(local, 'l')} {clock}"
    return f"{date_format(local, 'l j F')} {clock}"


def _digits(number: str) -> str:
    return "".join(character for character in number if character.isdigit())


def _international(number: str) -> str:
    """R5 numbers are Belgian, in national format: '011 12 34 56' -> '+3211123456'."""
    digits = _digits(number)
    return f"+32{digits[1:]}" if digits.startswith("0") else f"+{digits}"


@register.filter
def phone_href(number: str) -> str:
    """The link behind a phone number: the CTI URL template when one is configured
    (`CTI_URL_TEMPLATE`, with `{number}` = national digits, `{e164}` = +32…), else `tel:`."""
    cti_template = getattr(settings, "CTI_URL_TEMPLATE", "")
    if cti_template:
        return cti_template.replace("{number}", quote(_digits(number))).replace(
            "{e164}", quote(_international(number))
        )
    return f"tel:{_international(number)}"
