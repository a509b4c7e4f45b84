"""One-query permission checks for requests made while a caller waits."""

from django.contrib.auth.models import Permission
from django.db.models import Q


def has_permission(user, permission: str) -> bool:
    """`user.has_perm("app_label.codename")` in one query instead of Django's two (user and
    group permissions)."""
    app_label, codename = permission.split(".")
    return user.is_active and (
        user.is_superuser
        or Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label=app_label,
            codename=codename,
        ).exists()
    )
