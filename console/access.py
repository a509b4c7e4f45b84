"""May this user use the console (R1: escalation points are for agents only)? Asked on every
console request while a caller waits, so the answer is kept per process.

`is_active` and `is_superuser` are read from the request's user (read from the database on
every request), so a deactivated account is refused at once everywhere. Whether the user has
`points.view_escalationpoint`, directly or through a group (a role), is one query; its answer
is kept per user for at most KEEP_SECONDS. Any change that can alter it - a user, group or
permission saved or deleted, a user's groups or permissions or a group's permissions changed -
forgets every kept answer of this process at once and raises the console's counter in the
default cache (`console.invalidation`). With Redis (REDIS_URL) that cache is shared: every
process sees the new value on its next request and asks the database again, so a removed role
is refused at once everywhere. Without Redis, another process refuses within KEEP_SECONDS.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from console import invalidation
from console.forms import VIEW_POINTS

KEEP_SECONDS = 60
KEEP_SIZE = 10_000

# user id -> (may view, kept until (time.time()), generation it was read under)
_kept: dict[int, tuple[bool, float, int]] = {}


def may_view_points(user) -> bool:
    """`user.has_perm(VIEW_POINTS)`, in at most one query (user or group permission) and
    usually none."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    generation = invalidation.current(
        invalidation.ACCESS
    )  # before the query: a change meanwhile is not missed
    now = time.time()
    kept = _kept.get(user.pk)
    if kept is not None:
        allowed, until, kept_generation = kept
        if kept_generation == generation and 0 < until - now <= KEEP_SECONDS:
            return allowed
    allowed = _has_permission(user)
    if len(_kept) >= KEEP_SIZE:
        _kept.clear()
    _kept[user.pk] = (allowed, now + KEEP_SECONDS, generation)
    return allowed


def _has_permission(user) -> bool:
    app_label, codename = VIEW_POINTS.split(".")
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label=app_label,
        codename=codename,
    ).exists()


def forget() -> None:
    """Forget every kept answer: in this process now, in the others through the cache."""
    _kept.clear()
    invalidation.bump(invalidation.ACCESS)


def _forget(sender=None, **kwargs) -> None:
    forget()
    # Again once the change is committed: a process that read the old rows in between
    # (and kept them under the new generation) reads them again.
    transaction.on_commit(forget)


def connect_signals() -> None:
    """Called once from `ConsoleConfig.ready`."""
    user_model = get_user_model()
    for model in (user_model, Group, Permission):
        post_save.connect(_forget, sender=model, dispatch_uid=f"console-access-{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"console-access-{model}-")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_forget, sender=through, dispatch_uid=f"console-access-{through}")
