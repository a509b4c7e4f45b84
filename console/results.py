"""The console's search results (R17, R20, R23): points found directly and knowledge items
with their points inline, each point with its number and whether it can be reached *now*."""

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from console import card_cache
from knowledge.search import SearchResult, shown_points
from points.models import EscalationPoint
from points.schedules import card_contexts
from points.templatetags.point_cards import moment_from


@dataclass(frozen=True)
class PointRow:
    point: EscalationPoint
    transfer_now: bool
    state: str  # 'Doorschakelen kan nu, tot 12:00' / 'Nu niet: weer vanaf maandag 09:00'
    email_route: bool  # may the question be forwarded by e-mail now (R11, R16)
    html: SafeString | str = ""  # the row rendered (point_row.html, safe), kept with it


@dataclass(frozen=True)
class ItemRow:
    kind: str
    kind_label: str
    id: int
    title: str
    snippet: str
    points: list[PointRow]
    head: SafeString | str = ""  # link, kind and snippet rendered (item_row.html, safe)


@lru_cache(maxsize=20_000)
def item_head(kind: str, kind_label: str, item_id: int, title: str, snippet: str) -> SafeString:
    """An item's link, kind and snippet as a result shows them: the same for every search
    that finds it (the index row's title and snippet are part of the key)."""
    item = {"kind": kind, "kind_label": kind_label, "id": item_id, "title": title}
    item["snippet"] = snippet
    return mark_safe(render_to_string("console/includes/item_row.html", {"item": item}))


def point_row(point: EscalationPoint, context: dict, now: datetime) -> PointRow:
    availability = context["availability"]
    if not point.has_phone:
        state = "Geen telefoon: enkel e-mail"
    elif availability.possible:
        until = availability.closes_at
        state = "Doorschakelen kan nu"
        if until:
            state += f", tot {moment_from(until, now)}"
    elif availability.next_possible_at:
        state = f"Nu niet: weer vanaf {moment_from(availability.next_possible_at, now)}"
    else:
        state = f"Nu niet: {availability.reason_text.rstrip('.')}"
    row = PointRow(
        point=point,
        transfer_now=point.has_phone and availability.possible,
        state=state,
        email_route=point.has_email and context["email"].possible,
    )
    html = render_to_string("console/includes/point_row.html", {"row": row})
    return replace(row, html=mark_safe(html))


def point_rows(point_ids, now: datetime | None = None) -> dict[int, PointRow]:
    """{id: PointRow} of the published points among `point_ids`. One query reads their live
    revisions; a row kept for that revision (`console.card_cache.rows`, rendered) is used as
    long as its state holds, the others are read (3 queries), worked out (1 query for the
    closing days of all their organisations) and rendered. With a shared cache a kept row is
    of the live revision while the cards counter holds (`KeptPerPoint.get_live`): no query
    when every row is kept."""
    now = now or timezone.now()
    found = {}
    for pk in point_ids:  # with a shared cache: rows of live revisions, without a query
        kept = card_cache.rows.get_live(pk, now)
        if kept is not None:
            found[pk] = kept.value
    asked = [pk for pk in point_ids if pk not in found]
    live = dict(
        EscalationPoint.objects.published()
        .filter(pk__in=asked)
        .values_list("pk", "live_revision_id")
        if asked
        else ()
    )
    missing = []
    for pk, revision_id in live.items():
        kept = card_cache.rows.get(pk, revision_id, now)
        if kept is None:
            missing.append(pk)
        else:
            found[pk] = kept.value
    points = shown_points(missing)
    contexts = card_contexts(points.values(), now)
    for pk, point in points.items():
        found[pk] = point_row(point, contexts[pk], now)
        card_cache.rows.keep(pk, live[pk], found[pk], contexts[pk]["changes_at"], now)
    return found


def result_rows(result: SearchResult) -> dict:
    """{'points': [PointRow], 'items': [ItemRow]} of a search made with `shown=point_rows`,
    with both lists' entries rendered as `points_html` and `items_html`."""
    items = [
        ItemRow(
            kind=item.kind,
            kind_label=item.kind.label,
            id=item.id,
            title=item.title,
            snippet=item.snippet,
            points=[result.linked_points[pk] for pk in item.point_ids],
            head=item_head(str(item.kind), item.kind.label, item.id, item.title, item.snippet),
        )
        for item in result.items
    ]
    return {
        "points": result.points,
        "items": items,
        "points_html": _entries(row.html for row in result.points),
        "items_html": _entries(_item_entry(item) for item in items),
    }


# A result page lists tens of rows, an organisation's item sometimes hundreds of linked
# points: the rows are rendered and kept (`point_row`, `item_head`) and joined here, since a
# template loop over them would cost more than everything else on the page.


def _entries(htmls) -> SafeString:
    """An `<li>` per rendered (safe) entry."""
    return mark_safe("".join(f"<li>{html}</li>" for html in htmls))


def _item_entry(item: ItemRow) -> str:
    if not item.points:
        return item.head
    linked = _entries(row.html for row in item.points)
    return f'{item.head}<ul class="linked-points">{linked}</ul>'
