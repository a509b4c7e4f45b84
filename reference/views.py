"""Referentiegegevens -> Sluitingsdagen per jaar: generated holidays and added days in one
list, with the switch to keep a holiday open (R18)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.moments import EARLIEST_DAY, LATEST_DAY
from reference.closing_days import switch_off, switch_on, year_overview
from reference.models import Organisation

SWITCHED_OFF = "{name} ({day:%d-%m-%Y}) sluit de escalatiepunten niet meer."
SWITCHED_ON = "{day:%d-%m-%Y} is weer een sluitingsdag."


def _year(text: str | None) -> int:
    try:
        year = int(text or "")
    except ValueError:
        return timezone.localdate().year
    return min(max(year, EARLIEST_DAY.year), LATEST_DAY.year)


def _entity(text: str | None) -> Organisation | None:
    if not (text or "").isdigit():
        return None
    return Organisation.objects.top_level().filter(pk=int(text)).first()


def may_switch(user) -> bool:
    """Switching a holiday off adds a row, switching it back on deletes one."""
    return user.has_perm("reference.add_closingday") and user.has_perm(
        "reference.delete_closingday"
    )


def closing_days_per_year(request):
    if not request.user.has_perm("reference.view_closingday"):
        raise PermissionDenied
    year = _year(request.GET.get("jaar"))
    entity = _entity(request.GET.get("organisatie"))
    if request.method == "POST":
        return _switch(request, year, entity)
    return TemplateResponse(
        request,
        "reference/closing_days_year.html",
        {
            "year": year,
            "previous_year": max(year - 1, EARLIEST_DAY.year),
            "next_year": min(year + 1, LATEST_DAY.year),
            "entity": entity,
            "entities": Organisation.objects.top_level().order_by("name"),
            "days": year_overview(year, entity.pk if entity else None),
            "may_switch": may_switch(request.user),
        },
    )


def _switch(request, year: int, entity: Organisation | None):
    if not may_switch(request.user):
        raise PermissionDenied
    try:
        day = date.fromisoformat(request.POST.get("dag", ""))
    except ValueError:
        messages.error(request, "Onbekende datum: er is niets gewijzigd.")
    else:
        entity_id = entity.pk if entity else None
        if request.POST.get("actie") == "open":
            row = switch_off(day, request.POST.get("naam", "")[:120] or "Feestdag", entity_id)
            messages.success(request, SWITCHED_OFF.format(name=row.name, day=day))
        else:
            switch_on(day, entity_id)
            messages.success(request, SWITCHED_ON.format(day=day))
    query = f"?jaar={year}" + (f"&organisatie={entity.pk}" if entity else "")
    return redirect(reverse("closing_days_per_year") + query)
