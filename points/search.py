"""The one agent search for escalation points, used by the console and API v1 alike (R19,
R20): published points only, ranked by the search index, then title/term prefix matches."""

from points.models import EscalationPoint

MAX_MATCHES = 200


def published_points(*, line: str = "", organisation: str = ""):
    """Published points, filtered on a line code and/or an organisation's abbreviation."""
    points = EscalationPoint.objects.published()
    if line:
        points = points.filter(line_codes__code__iexact=line)
    if organisation:
        points = points.filter(reporting_organisation__abbreviation__iexact=organisation)
    return points.distinct()


def ranked_point_ids(query: str) -> list[int]:
    """Ids of published points matching `query`: full-text matches first (ranked), then
    prefix matches on the title and search terms, each id once."""
    points = EscalationPoint.objects.published()
    ids = [point.pk for point in points.search(query, operator="and")[:MAX_MATCHES]]
    for point in points.autocomplete(query, operator="and")[:MAX_MATCHES]:
        if point.pk not in ids:
            ids.append(point.pk)
    return ids


def search_points(
    query: str, *, line: str = "", organisation: str = "", limit: int = 50, queryset=None
) -> list[EscalationPoint]:
    """Published points for an agent's query, best first; without a query, by title.
    `queryset` may add select/prefetch of what the caller shows."""
    points = published_points(line=line, organisation=organisation).values("pk")
    fetch = queryset if queryset is not None else EscalationPoint.objects.all()
    query = query.strip()
    if not query:
        return list(fetch.filter(pk__in=points).order_by("editorial_title")[:limit])
    ids = ranked_point_ids(query)
    by_pk = {point.pk: point for point in fetch.filter(pk__in=ids).filter(pk__in=points)}
    return [by_pk[pk] for pk in ids if pk in by_pk][:limit]
