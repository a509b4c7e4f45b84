"""`{% console_url name arg %}` and `{% console_static path %}`: `{% url %}` and `{% static %}`
for the templates the console renders on every request (its header, a card's buttons), with
the answer kept per process. Reversing a URL or looking up a static file's hashed name costs
more than the rest of such a template, and the answer does not change while the process runs:
a name with its arguments always gives the same path under one URL configuration and script
prefix (both part of the key), a static file the same URL under one manifest."""

from functools import lru_cache

from django import template
from django.templatetags.static import static
from django.test.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=8192)
def _reversed(prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, args=args, urlconf=urlconf)


@register.simple_tag
def console_url(name: str, *args) -> str:
    return _reversed(get_script_prefix(), get_urlconf(), name, args)


@register.simple_tag
@lru_cache(maxsize=256)
def console_static(path: str) -> str:
    return static(path)


def _settings_changed(setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL", "STORAGES"}:
        _reversed.cache_clear()
        console_static.cache_clear()


setting_changed.connect(_settings_changed, dispatch_uid="console-urls-settings")
