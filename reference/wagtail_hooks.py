"""Referentiegegevens in the CMS: organisations, line codes, templates, domains, themes and
closing days, each searchable by a part of its code or name."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.admin_views import GuardedSnippetViewSet
from reference.models import (
    ClosingDay,
    EditorialDomain,
    EmailTemplate,
    LineCode,
    Organisation,
    ReportingTheme,
)


class ReferenceSearchForm(BaseFilterForm):
    """Partial, case-insensitive matching on a reference model's `chooser_search_fields`.

    Reference tables are small and also filled by migrations, so the database answers
    directly instead of a search index: typing '1700' finds 'Escalatie Template Detail 1700'.
    """

    q = forms.CharField(
        label="Zoekterm",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Zoeken (bijv. 1700)"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for field in objects.model.chooser_search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class ReferenceChooseView(ChooseView):
    filter_form_class = ReferenceSearchForm


class ReferenceChooseResultsView(ChooseResultsView):
    filter_form_class = ReferenceSearchForm


class ReferenceChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ReferenceChooseView
    choose_results_view_class = ReferenceChooseResultsView


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


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "Referentiegegevens"
    menu_icon = "cogs"
    menu_order = 160
    items = (
        OrganisationViewSet,
        LineCodeViewSet,
        EmailTemplateViewSet,
        EditorialDomainViewSet,
        ReportingThemeViewSet,
        ClosingDayViewSet,
    )


register_snippet(ReferenceDataGroup)
