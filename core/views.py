from django.http import JsonResponse


def api_not_found(request, *args, **kwargs):
    """An unknown path under an API: a JSON 404, not a redirect to an HTML page."""
    return JsonResponse({"detail": "Niet gevonden."}, status=404)
