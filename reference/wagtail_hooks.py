"""Referentiegegevens in the CMS: organisations, line codes, templates, domains, themes and
closing days, each searchable by a part of its code or name."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.admin_views import GuardedSnippetViewSet
from reference.choosers import ReferenceSearchForm, entity_chooser, searching_with
from reference.models import (
    ClosingDay,
    EditorialDomain,
    EmailTemplate,
    LineCode,
    Organisation,
    ReportingTheme,
)
from reference.views import closing_days_per_year


class ReferenceChooserViewSet(SnippetChooserViewSet):
    choose_view_class, choose_results_view_class = searching_with(
        ReferenceSearchForm, ChooseView, ChooseResultsView
    )


class ReferenceSnippetViewSet(GuardedSnippetViewSet):
    chooser_viewset_class = ReferenceChooserViewSet
    search_backend_name = None

    @property
    def search_fields(self):
        return self.model.chooser_search_fields


class LineCodeViewSet(ReferenceSnippetViewSet):
    model = LineCode
    icon = "tag"
    list_display = ["name", "code", "is_default"]


class EmailTemplateViewSet(ReferenceSnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    list_display = ["name", "code", "is_default"]


class EditorialDomainViewSet(ReferenceSnippetViewSet):
    model = EditorialDomain
    icon = "folder-open-inverse"


class ReportingThemeViewSet(ReferenceSnippetViewSet):
    model = ReportingTheme
    icon = "list-ul"


class ClosingDayViewSet(ReferenceSnippetViewSet):
    model = ClosingDay
    icon = "date"
    list_display = ["day", "name", "closed", "organisation"]
    list_filter = ["closed", "organisation"]


class OrganisationViewSet(ReferenceSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "abbreviation", "parent"]
    list_filter = ["parent"]


class ClosingDaysMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reference.view_closingday")


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "Referentiegegevens"
    menu_icon = "cogs"
    menu_order = 160

    def get_submenu_items(self):
        per_year = ClosingDaysMenuItem(
            "Sluitingsdagen per jaar",
            reverse("closing_days_per_year"),
            icon_name="calendar",
            order=1000,
        )
        return [*super().get_submenu_items(), per_year]

    items = (
        OrganisationViewSet,
        LineCodeViewSet,
        EmailTemplateViewSet,
        EditorialDomainViewSet,
        ReportingThemeViewSet,
        ClosingDayViewSet,
    )


register_snippet(ReferenceDataGroup)


@hooks.register("register_admin_viewset")
def register_entity_chooser():
    return entity_chooser


@hooks.register("register_admin_urls")
def closing_days_urls():
    return [path("sluitingsdagen/", closing_days_per_year, name="closing_days_per_year")]
