"""Instellingen -> Geblokkeerde aanmeldingen: a beheerder sees who is locked out after too
many wrong passwords (django-axes) and unlocks by deleting the entry."""

from axes.models import AccessAttempt
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


class LockedLoginViewSet(SnippetViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Geblokkeerde aanmeldingen"
    menu_name = "locked_logins"
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username", "ip_address"]
    search_fields = None
    search_backend_name = None
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


register_snippet(LockedLoginViewSet)
