"""Escalaties in the CMS, for beheerders: the messages that were not delivered ('Niet
afgeleverd') and the CRM links of organisations (R12)."""

from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.admin_views import GuardedSnippetViewSet
from escalations.models import CrmEndpoint
from escalations.views import resend_message, undelivered_list
from reference.choosers import EntityChooserWidget


class CrmEndpointViewSet(GuardedSnippetViewSet):
    model = CrmEndpoint
    icon = "link"
    menu_label = "CRM-koppelingen"
    list_display = ["organisation", "url", "active"]
    list_filter = ["active"]
    search_fields = None
    panels = [
        FieldPanel("organisation", widget=EntityChooserWidget),
        FieldPanel("url", widget=forms.URLInput(attrs={"placeholder": "https://"})),
        FieldPanel("secret"),
        FieldPanel("active"),
    ]


class UndeliveredMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("escalations.view_outboxmessage")


class EscalationsGroup(SnippetViewSetGroup):
    menu_label = "Escalaties"
    menu_icon = "mail"
    menu_order = 152  # right after Escalatiepunten
    items = (CrmEndpointViewSet,)

    def get_submenu_items(self):
        undelivered = UndeliveredMenuItem(
            "Niet afgeleverd", reverse("escalations_undelivered"), icon_name="warning", order=10
        )
        return [undelivered, *super().get_submenu_items()]


register_snippet(EscalationsGroup)


@hooks.register("register_admin_urls")
def undelivered_urls():
    return [
        path("niet-afgeleverd/", undelivered_list, name="escalations_undelivered"),
        path("niet-afgeleverd/<int:pk>/opnieuw/", resend_message, name="escalations_resend"),
    ]
