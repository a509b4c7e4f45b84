"""The contactcenter site (R1, R23, R24): knowledge items as agents see them, with the cards
of their escalation points, the state *now* of those cards, and the console's own login.
Only for users who may view escalation points."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from console import card_cache, escalation_views, frames, invalidation
from console.access import agents_only
from console.forms import VIEW_POINTS, ConsoleLoginForm
from console.kept import KeptWhileUnchanged
from console.results import point_rows, result_rows
from core.ids import is_row_id
from core.text import MAX_QUERY_LENGTH, clean_text
from knowledge.models import KnowledgeKind
from knowledge.search import search
from knowledge.services import (
    get_item,
    item_title,
    items_in_topic,
    items_linking,
    kind_of,
    published_points_of,
    topic_list,
)
from points.models import EscalationPoint
from points.schedules import card_contexts
from reference.models import LineCode, Organisation

LOGGED_OUT = "Je bent afgemeld. Tot de volgende keer."
# At most this many cards' state *now* in one request (an item page shows fewer).
MAX_CARDS_NOW = 50


def card_points():
    """Published points with everything their cards read: three queries for any number."""
    return (
        EscalationPoint.objects.published()
        .select_related("reporting_organisation")
        .prefetch_related("time_slots", "exceptions")
    )


def with_schedule(points: list[EscalationPoint]) -> list[EscalationPoint]:
    """The points in the same order, with what their cards need fetched in three queries."""
    by_pk = card_points().in_bulk([point.pk for point in points])
    return [by_pk[point.pk] for point in points if point.pk in by_pk]


@agents_only
def index(request):
    query = " ".join(clean_text(request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    line = clean_text(request.GET.get("lijn", "")).strip()[:MAX_QUERY_LENGTH]
    lines = line_choices(request.user)
    own_lines = tuple(choice["code"] for choice in lines if choice["own"])
    context = {"query": query, "line": line, "lines": lines}
    context["line_options"] = line_options(lines, selected=line)
    if query:
        found = search(query, lines_first=own_lines, line=line, shown=point_rows)
        context["results"] = result_rows(found)
    else:
        context["topics"] = topic_list()
        context["organisations"] = Organisation.objects.top_level().order_by("name")
    return render(request, "console/index.html", context)


# The line filter's choices per agent, kept (`console.kept`) under the counters that a change
# of the line codes or of who has them (CARDS: any save in `reference`) and of the agent's
# groups (ACCESS) raises.
line_choices_kept = KeptWhileUnchanged((invalidation.ACCESS, invalidation.CARDS), seconds=300)


def line_choices(user) -> list[dict]:
    """R20: every line code for the filter, the agent's own lines (skills given by a
    beheerder to the agent or the agent's team, whose points come first) first and marked;
    one query, none while kept."""
    return line_choices_kept.value(user.pk, lambda: _line_choices(user))


def line_options(lines: list[dict], selected: str) -> SafeString:
    """The line filter's options (line_filter.html), the agent's own lines marked."""
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({}){}</option>',
        (
            (
                choice["code"],
                " selected" if choice["code"] == selected else "",
                choice["name"],
                choice["code"],
                " — jouw lijn" if choice["own"] else "",
            )
            for choice in lines
        ),
    )


def _line_choices(user) -> list[dict]:
    lines = [
        {"code": code, "name": name, "own": own}
        for code, name, own in LineCode.objects.with_own(user)
        .order_by("code")
        .values_list("code", "name", "own")
    ]
    return sorted(lines, key=lambda line: not line["own"])


@agents_only
def item_detail(request, kind: str, item_id: int):
    item = get_item(kind, item_id)
    if item is None:
        raise Http404("Dit kennisitem bestaat niet of is niet gepubliceerd.")
    points = with_schedule(published_points_of(item))
    may_escalate = escalation_views.may_escalate(request.user)
    actions = {
        point.pk: escalation_views.point_actions(request, point, sublevel=3, may=may_escalate)
        for point in points
    }
    return render(
        request,
        "console/item.html",
        {
            "item": item,
            "kind": kind_of(item),
            "kind_label": kind_of(item).label,
            "title": item_title(item),
            "points": points,
            "children": items_in_topic(item) if kind_of(item) == KnowledgeKind.TOPIC else [],
            "cards": card_contexts(points),
            "now_url": reverse("console:points_now"),
            "actions": actions,
        },
    )


@agents_only
def point_detail(request, point_id: int):
    """The card of a published point and what links it. The body is kept per process
    (`console.card_cache`); one query tells whether the kept body is still the live one -
    none with a shared cache, whose counters tell every process of a publish."""
    if not is_row_id(point_id):
        raise Http404
    now = timezone.now()
    kept = card_cache.live_card(point_id, now)
    if kept is None:
        live = EscalationPoint.objects.published().filter(pk=point_id).only(*ACTION_FIELDS)
        point = get_object_or_404(live)
        revision_id = point.live_revision_id
        body = card_cache.cached_body(point_id, revision_id, now)
        if body is None:
            body = _render_point_body(point_id, revision_id, now)
        card_cache.keep_head(point_id, revision_id, point, now)
    else:
        point, body = kept
    may_escalate = escalation_views.may_escalate(request.user)
    actions = escalation_views.point_actions(request, point, sublevel=2, may=may_escalate)
    page = {
        "title": point.editorial_title,
        "csrf_token": escalation_views.csrf_token_of(request),
        "body": card_cache.with_actions(body, actions),
        "recent": escalation_views.recent_of_point(point_id),
    }
    if not frames.can_frame(request):
        return render(request, "console/point.html", page)
    return HttpResponse(frames.point_page(request, **page))


# What the point page reads of the point itself (the rest is in the kept body): its live
# revision, title, and what its escalation buttons need.
ACTION_FIELDS = (
    "live_revision_id",
    "editorial_title",
    "phone_number",
    "email_address",
    "email_forward_allowed",
    "transfer_mode",
)


def _render_point_body(point_id: int, revision_id: int, now) -> str:
    point = get_object_or_404(card_points(), pk=point_id)
    cards = card_contexts([point], now)
    card = cards[point.pk]
    card["refresh_in"] = card_cache.REFRESH_IN_MARK
    html = render_to_string(
        "console/includes/point_body.html",
        {
            "point": point,
            "cards": cards,
            "now_url": reverse("console:points_now"),
            "linked_items": items_linking(point),
            "actions": card_cache.ACTIONS_MARK,
        },
    )
    return card_cache.keep_body(point_id, revision_id, html, card["changes_at"], now)


def _point_ids(request) -> list[int]:
    """`?id=3&id=7`: the row ids among them, at most MAX_CARDS_NOW, in order, once each."""
    ids = []
    for value in request.GET.getlist("id")[:MAX_CARDS_NOW]:
        if value.isascii() and value.isdigit() and is_row_id(int(value)):
            ids.append(int(value))
    return list(dict.fromkeys(ids))


@require_GET
@agents_only
def points_now(request):
    """The parts of cards that change with the clock (availability now, e-mail route,
    exceptions, due date), for the console's script to swap in when a state changes.
    A point that is no longer published is left out (its card keeps what it showed)."""
    points = list(card_points().filter(pk__in=_point_ids(request)))
    return render(request, "console/points_now.html", {"cards": card_contexts(points).values()})


def _safe_next(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("console:index")


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    """The console's own Dutch login. django-axes throttles it like the CMS's (its backend
    and middleware see every `authenticate`); `next` is followed only within this site."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if request.user.is_authenticated and request.user.has_perm(VIEW_POINTS):
        return redirect(_safe_next(request, target))
    form = ConsoleLoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        if not form.cleaned_data.get("remember"):
            request.session.set_expiry(0)  # until the browser closes
        return redirect(_safe_next(request, target))
    return render(request, "console/login.html", {"form": form, "next": target})


@require_POST
def logout_view(request):
    """Logout is a POST with the CSRF token (the button in the console's header)."""
    auth_logout(request)
    messages.info(request, LOGGED_OUT)
    return redirect("console:login")
