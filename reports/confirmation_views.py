"""R18: the page behind the link in the escalation mail. No login: the link is the key.

GET only shows the question to confirm (mail scanners open links before people do, so a GET
never records anything); the button POSTs, which records the confirmation once. The page
names the escalation's reference and the point, never the citizen's data: the mail may be
forwarded."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from reports.confirmations import confirm, escalation_for_token, on_time
from reports.models import ConfirmedVia


@never_cache
def confirm_handling(request, token: str):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    escalation = escalation_for_token(token)
    if escalation is None:
        return render(request, "reports/confirm_unknown.html", status=404)
    confirmation = getattr(escalation, "handling_confirmation", None)
    just_confirmed = False
    if request.method == "POST":
        confirmation, just_confirmed = confirm(escalation, via=ConfirmedVia.LINK)
    context = {
        "escalation": escalation,
        "confirmation": confirmation,
        "just_confirmed": just_confirmed,
        "on_time": on_time(escalation, confirmation) if confirmation else None,
        "created_on": timezone.localtime(escalation.created_at).date(),
    }
    return render(request, "reports/confirm_handling.html", context)
