"""Who may use the console: agents, who may view escalation points."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy

from console.forms import NO_ACCESS, VIEW_POINTS
from core.permissions import has_permission


def agents_only(view):
    @login_required(login_url=reverse_lazy("console:login"))
    def wrapped(request, *args, **kwargs):
        if not may_view_points(request.user):
            raise PermissionDenied(NO_ACCESS)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def may_view_points(user) -> bool:
    """Runs on every console request: one query."""
    return has_permission(user, VIEW_POINTS)
