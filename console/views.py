"""The contactcenter site, first version (R1, R23, R24): knowledge items as agents see them,
with their escalation points. Only for users who may view escalation points."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from console.results import result_rows
from core.ids import is_row_id
from core.text import MAX_QUERY_LENGTH, clean_text
from knowledge.search import search
from knowledge.services import (
    get_item,
    item_title,
    items_linking,
    kind_of,
    published_points_of,
    topics_with_children,
)
from points.models import EscalationPoint
from reference.models import Organisation

VIEW_POINTS = "points.view_escalationpoint"
NO_ACCESS = (
    "Je hebt geen toegang tot de contactcentersite. Vraag een beheerder om de rol Voorlichter."
)


def agents_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_POINTS):
            raise PermissionDenied(NO_ACCESS)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def with_schedule(points: list[EscalationPoint]) -> list[EscalationPoint]:
    """The points in the same order, with what their cards need fetched in two queries."""
    fetched = EscalationPoint.objects.filter(pk__in=[point.pk for point in points])
    by_pk = {point.pk: point for point in fetched.prefetch_related("time_slots", "exceptions")}
    return [by_pk[point.pk] for point in points]


def agent_line_codes(user) -> tuple[str, ...]:
    """R20: the line codes of the agent's skills, whose points come first. Skills are not
    recorded yet: no line comes first."""
    return ()


@agents_only
def index(request):
    query = " ".join(clean_text(request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    line = clean_text(request.GET.get("lijn", "")).strip()[:MAX_QUERY_LENGTH]
    context = {"query": query, "line": line}
    if query:
        found = search(query, lines_first=agent_line_codes(request.user), line=line)
        context["results"] = result_rows(found)
    else:
        context["topics"] = topics_with_children()
        context["organisations"] = Organisation.objects.top_level()
    return render(request, "console/index.html", context)


@agents_only
def item_detail(request, kind: str, item_id: int):
    item = get_item(kind, item_id)
    if item is None:
        raise Http404("Dit kennisitem bestaat niet of is niet gepubliceerd.")
    return render(
        request,
        "console/item.html",
        {
            "item": item,
            "kind": kind_of(item),
            "kind_label": kind_of(item).label,
            "title": item_title(item),
            "points": with_schedule(published_points_of(item)),
        },
    )


@agents_only
def point_detail(request, point_id: int):
    if not is_row_id(point_id):
        raise Http404
    point = get_object_or_404(
        EscalationPoint.objects.published().prefetch_related("time_slots", "exceptions"),
        pk=point_id,
    )
    return render(
        request,
        "console/point.html",
        {"point": point, "linked_items": items_linking(point)},
    )
