"""Who may use the console: agents (who may view escalation points), and one-query
permission checks for the requests made while a caller waits."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse_lazy

from console.forms import NO_ACCESS, VIEW_POINTS


def agents_only(view):
    @login_required(login_url=reverse_lazy("console:login"))
    def wrapped(request, *args, **kwargs):
        if not may_view_points(request.user):
            raise PermissionDenied(NO_ACCESS)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def may_view_points(user) -> bool:
    return has_permission(user, VIEW_POINTS)


def has_permission(user, permission: str) -> bool:
    """`user.has_perm(permission)` in one query instead of Django's two (user and group
    permissions): it runs on every console request while a caller waits."""
    app_label, codename = permission.split(".")
    return user.is_active and (
        user.is_superuser
        or Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label=app_label,
            codename=codename,
        ).exists()
    )
