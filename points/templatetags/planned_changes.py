from django import template

from points import planning

register = template.Library()


@register.filter
def described(change) -> list[tuple[str, str]]:
    """(label, value) per part of a planned change (R25)."""
    return planning.describe(change.changes)
