"""`{% point_card point %}`: the agent's card of a point, as the console and the CMS preview
show it (R3, R6-R9, R11-R13, R16-R18)."""

from django import template

from points.schedules import card_context

register = template.Library()


@register.inclusion_tag("points/includes/card.html")
def point_card(point):
    return card_context(point)
