"""Template tags for the public site. They read live, public content only (R1)."""

from django import template
from django.urls import reverse

from knowledge.models import PAGE_KINDS
from public import content

register = template.Library()


@register.simple_tag
def public_children(page, kind=""):
    """`{% public_children page "article" as articles %}`: live, public children."""
    types = (PAGE_KINDS[kind],) if kind else ()
    return content.public_children(page, *types)


@register.simple_tag(takes_context=True)
def page_crumbs(context, page):
    """Breadcrumbs of a page: its live, public ancestors and itself, as (url, title)."""
    request = context.get("request")
    return [
        (crumb.get_url(request), crumb.title) for crumb in [*content.public_ancestors(page), page]
    ]


@register.simple_tag(takes_context=True)
def organisation_crumbs(context, organisation=None, ancestors=()):
    """Breadcrumbs of the organisations list, or of one organisation under its entity."""
    request = context.get("request")
    home = content.site_root(request)
    crumbs = [(home.get_url(request), home.title)] if home else []
    crumbs.append((reverse("public:organisations"), "Organisaties"))
    for crumb in [*ancestors, organisation] if organisation else []:
        crumbs.append((reverse("public:organisation", args=[crumb.pk]), crumb.name))
    return crumbs


@register.simple_tag(takes_context=True)
def public_home(context):
    """The site's home page (for the site name in the header and the breadcrumbs)."""
    return content.site_root(context.get("request"))
