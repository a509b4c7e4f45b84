from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

LOCKED_OUT = 429


def api_not_found(request, *args, **kwargs):
    """An unknown path under an API: a JSON 404, not a redirect to an HTML page."""
    return JsonResponse({"detail": "Niet gevonden."}, status=404)


def locked_out(request, original_response=None, credentials=None):
    """django-axes: the answer to a login while the user or the address is locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"cooloff_minutes": minutes}, status=LOCKED_OUT)
