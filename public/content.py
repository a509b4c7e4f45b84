"""What the public may see: live, public pages of the site and organisations (R1).

Every public view, the sitemap and the public API read pages through these helpers, so
"live and public, inside the site" is decided in one place. Nothing here touches
escalation points, their link rows on pages or questions: those are contactcenter only.
"""

from django.db.models import Q
from wagtail.models import Page, Site

from knowledge.models import ArticlePage, ProductPage, TopicPage
from reference.models import Organisation

# The page types the public site lists and searches, in the order a topic shows them.
CONTENT_TYPES = (TopicPage, ArticlePage, ProductPage)


def site_for(request=None) -> Site | None:
    """The Wagtail site serving this request, or the default site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site


def site_root(request=None) -> Page | None:
    site = site_for(request)
    return site.root_page.specific if site else None


def public_pages(request=None, model=Page):
    """Live pages (of a type) outside any private section, within the request's site."""
    queryset = model.objects.live().public()
    site = site_for(request)
    if site is None:
        return queryset.none()
    return queryset.descendant_of(site.root_page, inclusive=True)


def public_children(page: Page, *types):
    """A page's live, public children (optionally of the given types), as specific pages."""
    queryset = page.get_children().live().public()
    if types:
        queryset = queryset.type(*types)
    return queryset.specific().order_by("path")


def public_ancestors(page: Page):
    """Breadcrumbs: the live, public ancestors below Wagtail's root (the home page first)."""
    return page.get_ancestors().filter(depth__gt=1).live().public().specific().order_by("path")


def public_parent_ids(pages, request=None) -> dict[int, int | None]:
    """Page id -> id of its parent if that parent is itself public (one query for all)."""
    pages = list(pages)
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    found = dict(
        public_pages(request).filter(path__in=set(parent_paths.values())).values_list("path", "pk")
    )
    return {page_id: found.get(path) for page_id, path in parent_paths.items()}


def organisations_matching(query: str):
    """Organisations whose name or abbreviation contains every word of the query."""
    condition = Q()
    for word in query.split():
        condition &= Q(name__icontains=word) | Q(abbreviation__icontains=word)
    return Organisation.objects.filter(condition).order_by("name")
