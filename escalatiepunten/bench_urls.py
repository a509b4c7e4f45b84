"""The app's URLs plus the benchmark's yardstick, `bench/minimal/<id>/` (bench settings only).

The yardstick reads one published point by its key with the ORM and returns a small JSON: the
least a page about one point can do in this stack. It sits behind the same agent login as
the console (`console.access.agents_only`: session, user and permission lookups), so that the
console's point page and the yardstick pay the same fixed cost per request, and their ratio
measures only what the card adds (its queries and its template).
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from console.access import agents_only
from escalatiepunten.urls import urlpatterns as app_urlpatterns
from points.models import EscalationPoint


@agents_only
def minimal_point(request, point_id: int):
    point = get_object_or_404(EscalationPoint.objects.published(), pk=point_id)
    return JsonResponse({"id": point.pk, "title": point.editorial_title, "live": point.live})


def open_minimal_point(request, point_id: int):
    """The yardstick without the login (opt-in scenario `minimal_view_open`): what the
    issue's words alone describe, to show what the session, user and access checks cost."""
    point = get_object_or_404(EscalationPoint.objects.published(), pk=point_id)
    return JsonResponse({"id": point.pk, "title": point.editorial_title, "live": point.live})


urlpatterns = [
    path("bench/minimal/<int:point_id>/", minimal_point),
    path("bench/minimal-open/<int:point_id>/", open_minimal_point),
    *app_urlpatterns,
]
