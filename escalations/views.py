"""Escalaties -> Niet afgeleverd in the CMS: the messages that could not be delivered, why,
and 'Opnieuw versturen'. It shows no message body and no citizen's data (a citizen's address
is masked)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from escalations.models import DeliveryState, MessageKind, OutboxMessage
from escalations.outbox import resend

PER_PAGE = 50


def masked_address(address: str) -> str:
    """'lies.peeters@example.be' -> 'l…@example.be'."""
    name, _, domain = address.partition("@")
    return f"{name[:1]}…@{domain}" if domain else "…"


def shown_recipient(message: OutboxMessage) -> str:
    if message.kind == MessageKind.CITIZEN:
        return masked_address(message.recipient)
    return message.recipient


def undelivered():
    """Failed messages, and those still waiting for a retry after a failed attempt."""
    waiting_again = Q(state=DeliveryState.PENDING) & ~Q(last_error="")
    return (
        OutboxMessage.objects.filter(Q(state=DeliveryState.FAILED) | waiting_again)
        .select_related("escalation")
        .defer("body", "payload", "subject")
        .order_by("state", "-last_attempt_at", "-pk")
    )


def forbidden(request):
    """A Dutch 403, not Wagtail's redirect to the dashboard: a missing right is no glitch."""
    return TemplateResponse(request, "escalations/forbidden.html", status=403)


def undelivered_list(request):
    if not request.user.has_perm("escalations.view_outboxmessage"):
        return forbidden(request)
    page = Paginator(undelivered(), PER_PAGE).get_page(request.GET.get("p"))
    rows = [{"message": message, "recipient": shown_recipient(message)} for message in page]
    return TemplateResponse(
        request,
        "escalations/undelivered.html",
        {
            "page": page,
            "rows": rows,
            "may_resend": request.user.has_perm("escalations.change_outboxmessage"),
        },
    )


@require_POST
def resend_message(request, pk: int):
    if not request.user.has_perm("escalations.change_outboxmessage"):
        return forbidden(request)
    message = get_object_or_404(OutboxMessage.objects.select_related("escalation"), pk=pk)
    reference = message.escalation.reference
    if resend(message):
        messages.success(request, f"Het bericht van {reference} wordt opnieuw verstuurd.")
    else:
        messages.warning(
            request, f"Het bericht van {reference} wacht niet op een beheerder: niets gewijzigd."
        )
    return redirect("escalations_undelivered")
