"""Middleware every part shares: no cached private pages, JSON errors on the APIs."""

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

API_PREFIXES = ("/api/",)
ERROR_MESSAGES = {
    400: "Ongeldig verzoek.",
    403: "Je hebt hier geen toegang toe.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegelaten.",
    413: "Het verzoek is te groot.",
}
SERVER_ERROR = "Er ging iets mis aan onze kant. Probeer het later opnieuw."


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIXES)


class PrivateResponsesMiddleware:
    """A response for a logged-in user or a token holder is never stored by a browser or a
    proxy: `Cache-Control: private, no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
        return response


class JsonApiErrorsMiddleware:
    """Errors under /api/ are JSON (`{"detail": …}`), also those Django answers itself
    (an unknown path, a body that is too large)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_api(request) and response.status_code >= 400 and not _is_json(response):
            error = _json_error(response.status_code)
            if response.has_header("Allow"):  # a 405 names the methods that are allowed
                error["Allow"] = response["Allow"]
            return error
        return response

    def process_exception(self, request, exception):
        if is_api(request) and isinstance(exception, RequestDataTooBig):
            return _json_error(413)
        return None


def _is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _json_error(status: int) -> JsonResponse:
    message = ERROR_MESSAGES.get(status, SERVER_ERROR if status >= 500 else "Ongeldig verzoek.")
    return JsonResponse({"detail": message}, status=status)


CMS_PREFIX = "/cms/"
CMS_OPEN_PATHS = ("/cms/login/", "/cms/logout/", "/cms/password_reset/", "/cms/jsi18n/")
SENT_TO_CONSOLE = (
    "Als voorlichter werk je op de contactcentersite: daar staan de gepubliceerde escalatiepunten."
)


class AgentsToConsoleMiddleware:
    """A logged-in user who may read escalation points but not use the CMS (a voorlichter)
    is sent to the contactcenter site instead of the CMS's login page (R22: drafts live in
    the CMS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(CMS_PREFIX)
            and not request.path.startswith(CMS_OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
            and user.has_perm("points.view_escalationpoint")
        ):
            messages.info(request, SENT_TO_CONSOLE)
            return HttpResponseRedirect(reverse("console:index"))
        return self.get_response(request)


class CmsInlineScriptsMiddleware:
    """Wagtail 8's admin still writes a few inline scripts (InlinePanel, the date and time
    pickers), so under /cms/ - and only there, for logged-in editors - the policy also
    allows inline scripts. The console, the public site and the APIs keep 'self' only.
    Listed after CSPMiddleware, so it marks the response before that writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(CMS_PREFIX):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
