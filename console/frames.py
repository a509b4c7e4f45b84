"""Pages of the console rendered once per process with marks where each request's own parts
go, then filled in per request: the point page (the console's header and footer around a
card) and a card's escalation buttons. Rendering them from their templates costs more than
everything else a kept card needs, and only these parts differ between requests: the title,
the kept body and 'Laatste escalaties', the agent's name, the CSRF token, an idempotency key.

The rendered HTML is split on the marks once; a request joins the parts with its values, so
a value put in (an editor's text in the body, say) is never searched for marks itself. The
templates stay the single source of the markup: the frames are made from them.
"""

import re
from functools import lru_cache
from types import SimpleNamespace

from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test.signals import setting_changed
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from console import invalidation

TITLE = "__frame_title__"
BODY = "__frame_body__"
RECENT = "__frame_recent__"
USER = "__frame_user__"
CSRF = "__frame_csrf__"
KEY = "__frame_key__"
_MARKS = re.compile(f"({TITLE}|{BODY}|{RECENT}|{USER}|{CSRF}|{KEY})")


def _parts(html: str) -> tuple[str, ...]:
    return tuple(_MARKS.split(html))


def _filled(parts: tuple[str, ...], values: dict[str, str]) -> SafeString:
    """The parts joined, each mark replaced by its (escaped, safe) value."""
    return mark_safe("".join(values.get(part, part) for part in parts))


class _MarkedUser:
    """Stands for the request's user in the frame: its name is the USER mark."""

    is_authenticated = True
    username = USER

    def get_full_name(self) -> str:
        return ""


@lru_cache(maxsize=1)
def _point_page() -> tuple[str, ...]:
    context = {
        "title": TITLE,
        "body": BODY,
        "recent": RECENT,
        "csrf_token": CSRF,
        "request": SimpleNamespace(user=_MarkedUser()),
        "messages": (),
    }
    return _parts(render_to_string("console/point.html", context))


def can_frame(request) -> bool:
    """Like the console's other per-process shortcuts, only with a shared cache (Redis, as
    in production): without one (development, the tests) every page is rendered from its
    template, so an edited template shows at once. A page with messages waiting (after a
    redirect) is always rendered from its template."""
    return invalidation.is_shared() and not len(get_messages(request))


def point_page(
    request, *, title: str, body: SafeString, recent: SafeString, csrf_token: str
) -> SafeString:
    """console/point.html for this request, as `render` would make it with this context
    and no messages."""
    user = request.user
    values = {
        TITLE: escape(title),
        BODY: body,
        RECENT: recent,
        USER: escape(user.get_full_name() or user.get_username()),
        CSRF: escape(csrf_token),
    }
    return _filled(_point_page(), values)


@lru_cache(maxsize=8192)
def _point_actions(point_id: int, sublevel: int, phone: bool, email: bool, closes: bool):
    point = SimpleNamespace(
        pk=point_id,
        has_phone=phone,
        has_email=email,
        email_forward_allowed=email,
        closes_contact=closes,
    )
    context = {"point": point, "sublevel": sublevel, "key": KEY, "csrf_token": CSRF}
    return _parts(render_to_string("console/includes/point_actions.html", context))


def point_actions(point, sublevel: int, *, csrf: str, key: str) -> SafeString:
    """console/includes/point_actions.html for this point and request."""
    parts = _point_actions(
        point.pk,
        sublevel,
        bool(point.has_phone),
        bool(point.has_email and point.email_forward_allowed),
        bool(point.closes_contact),
    )
    return _filled(parts, {CSRF: escape(csrf), KEY: escape(key)})


def _settings_changed(setting: str, **kwargs) -> None:
    if setting in {"TEMPLATES", "ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL", "STORAGES"}:
        _point_page.cache_clear()
        _point_actions.cache_clear()


setting_changed.connect(_settings_changed, dispatch_uid="console-frames-settings")
