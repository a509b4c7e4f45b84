"""Template tags for the public site. They read live, public content only (R1)."""

from django import template

from knowledge.models import PAGE_KINDS
from public import content

register = template.Library()


@register.simple_tag
def public_children(page, kind=""):
    """`{% public_children page "article" as articles %}`: live, public children."""
    types = (PAGE_KINDS[kind],) if kind else ()
    return content.public_children(page, *types)


@register.simple_tag
def public_breadcrumbs(page):
    return content.public_ancestors(page)


@register.simple_tag(takes_context=True)
def public_home(context):
    """The site's home page (for the site name in the header and the breadcrumbs)."""
    return content.site_root(context.get("request"))
