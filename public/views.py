"""Public views: search, organisations, robots.txt. Never escalation data (R1)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.ids import is_row_id
from core.text import MAX_QUERY_LENGTH, clean_text
from public import content
from reference.models import Organisation

SEARCH_PER_PAGE = 10
ORGANISATIONS_PER_PAGE = 50

# Paths robots must not index: the CMS, the agent console and the contactcenter API.
ROBOTS_DISALLOW = ["/cms/", "/contactcenter/", "/api/v1/"]


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    intro: str
    url: str


class CombinedResults:
    """Pages (ranked by the search backend) followed by matching organisations.

    Sliceable and countable, so Django's Paginator fetches only the visible part.
    """

    def __init__(self, pages, organisations):
        self.pages = pages
        self.organisations = organisations
        self._counts = None

    def _count_parts(self) -> tuple[int, int]:
        if self._counts is None:
            self._counts = (self.pages.count(), self.organisations.count())
        return self._counts

    def count(self) -> int:
        return sum(self._count_parts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("CombinedResults supports slices only.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        page_count, _ = self._count_parts()
        items = []
        if start < page_count:
            items += list(self.pages[start : min(stop, page_count)])
        if stop > page_count:
            items += list(self.organisations[max(start - page_count, 0) : stop - page_count])
        return items


def _as_results(items, request) -> list[SearchResult]:
    page_ids = [item.pk for item in items if isinstance(item, Page)]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    results = []
    for item in items:
        if isinstance(item, Organisation):
            results.append(
                SearchResult(
                    kind="Organisatie",
                    title=item.name,
                    intro=item.description,
                    url=reverse("public:organisation", args=[item.pk]),
                )
            )
        elif (page := specific.get(item.pk)) is not None:
            results.append(
                SearchResult(
                    kind=str(page._meta.verbose_name).capitalize(),
                    title=page.title,
                    intro=getattr(page, "intro", "") or page.search_description,
                    url=page.get_url(request),
                )
            )
    return results


@require_safe
def search(request):
    query = " ".join(clean_text(request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    context = {"query": query, "max_length": MAX_QUERY_LENGTH}
    if query:
        candidates = content.public_pages(request).type(*content.CONTENT_TYPES)
        pages = candidates.search(query)
        if not pages.count():
            # Nothing for whole words: fall back to titles starting with the words
            # ('jacht' finds 'Jachtverlof aanvragen').
            pages = candidates.autocomplete(query)
        results = CombinedResults(pages, content.organisations_matching(query))
        paginator = Paginator(results, SEARCH_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("pagina"))
        context.update(
            results=_as_results(page_obj.object_list, request),
            count=paginator.count,
            page_obj=page_obj,
            page_param="pagina",
            page_query=urlencode({"q": query}) + "&",
        )
    return render(request, "public/search.html", context)


@require_safe
def organisation_list(request):
    top_level = Organisation.objects.top_level().prefetch_related(
        Prefetch("children", queryset=Organisation.objects.order_by("name"))
    )
    page_obj = Paginator(top_level, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "public/organisation_list.html",
        {
            "organisations": page_obj.object_list,
            "page_obj": page_obj,
            "page_param": "pagina",
            "page_query": "",
        },
    )


@require_safe
def organisation_detail(request, pk: int):
    if not is_row_id(pk):
        raise Http404
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), pk=pk)
    ancestors, ancestor, seen = [], organisation.parent, {organisation.pk}
    while ancestor is not None and ancestor.pk not in seen:
        seen.add(ancestor.pk)
        ancestors.insert(0, ancestor)
        ancestor = ancestor.parent
    return render(
        request,
        "public/organisation_detail.html",
        {
            "organisation": organisation,
            "ancestors": ancestors,
            "divisions": organisation.children.order_by("name"),
        },
    )


@require_safe
def robots_txt(request):
    return render(
        request,
        "public/robots.txt",
        {
            "disallow": ROBOTS_DISALLOW,
            "sitemap_url": request.build_absolute_uri(reverse("public:sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
