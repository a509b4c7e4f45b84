"""May this user use the console (R1: escalation points are for agents only)? Asked on every
console request while a caller waits, so the answer is kept per process.

`is_active` and `is_superuser` are read from the request's user: from the database on every
request without Redis, kept under the same counter as these answers with it (`console.auth`),
so a deactivated account is refused at once everywhere. Whether the user has
`points.view_escalationpoint`, directly or through a group (a role), is one query; its answer
is kept per user for at most KEEP_SECONDS. Any change that can alter it - a user, group or
permission saved or deleted, a user's groups or permissions or a group's permissions changed,
a bulk action on users in the CMS (a queryset update, `forget_after_bulk_action`) - forgets
every kept answer of this process at once and raises the console's counter in the default
cache (`console.invalidation`). A login's own save of `last_login` changes nothing kept.
With Redis (REDIS_URL) that cache is shared: every process sees the new value on its next
request and asks the database again, so a removed role is refused at once everywhere.
Without Redis, another process refuses within KEEP_SECONDS.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse_lazy

from console import invalidation
from console.auth import users
from console.forms import NO_ACCESS, VIEW_POINTS
from core.permissions import has_permission

KEEP_SECONDS = 60
LAST_LOGIN_ONLY = frozenset({"last_login"})
KEEP_SIZE = 10_000

# (user id, permission) -> (allowed, kept until (time.time()), generation it was read under)
_kept: dict[tuple[int, str], tuple[bool, float, int]] = {}


def agents_only(view):
    """A console view: logged in (else the console's own login) and allowed to view points."""

    @login_required(login_url=reverse_lazy("console:login"))
    def wrapped(request, *args, **kwargs):
        if not may_view_points(request.user):
            raise PermissionDenied(NO_ACCESS)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def may_view_points(user) -> bool:
    """`user.has_perm(VIEW_POINTS)`, in at most one query and usually none."""
    return may(user, VIEW_POINTS)


def may(user, permission: str) -> bool:
    """`user.has_perm(permission)` for the console's permissions (view points, escalate),
    in at most one query (user or group permission) and usually none."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    generation = invalidation.current(
        invalidation.ACCESS
    )  # before the query: a change meanwhile is not missed
    now = time.time()
    key = (user.pk, permission)
    kept = _kept.get(key)
    if kept is not None:
        allowed, until, kept_generation = kept
        if kept_generation == generation and 0 < until - now <= KEEP_SECONDS:
            return allowed
    allowed = has_permission(user, permission)
    if len(_kept) >= KEEP_SIZE:
        _kept.clear()
    _kept[key] = (allowed, now + KEEP_SECONDS, generation)
    return allowed


def forget_after_bulk_action(request, action_type, objects, action) -> None:
    """Wagtail hook `after_bulk_action`: the CMS's bulk actions on users (mark as inactive,
    assign a role) change them with a queryset update, which sends no signal."""
    if action.model is get_user_model():
        _forget()


def forget() -> None:
    """Forget every kept answer: in this process now, in the others through the cache."""
    _kept.clear()
    users.clear()
    invalidation.bump(invalidation.ACCESS)


def _forget(sender=None, **kwargs) -> None:
    if kwargs.get("update_fields") == LAST_LOGIN_ONLY:
        return  # every login saves this; it changes nothing that is kept
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
