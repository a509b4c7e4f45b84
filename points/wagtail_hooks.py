from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from knowledge.models import Organisation
from points import rules
from points.models import (
    ClosingDay,
    EditorialDomain,
    EmailTemplate,
    EscalationPoint,
    LineCode,
    ReportingTheme,
)


class ForbiddenInsteadOfRedirectMixin:
    """A user without the right permission gets a 403 page, not a redirect to a form.

    Wagtail turns PermissionDenied into a redirect to the dashboard; for add, edit and
    delete we answer 403 so that nobody mistakes the missing right for a glitch.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(
                request,
                "points/forbidden.html",
                {"model_name": self.model._meta.verbose_name_plural},
                status=403,
            )


class GuardedCreateView(ForbiddenInsteadOfRedirectMixin, CreateView):
    pass


class GuardedEditView(ForbiddenInsteadOfRedirectMixin, EditView):
    pass


class GuardedDeleteView(ForbiddenInsteadOfRedirectMixin, DeleteView):
    pass


class GuardedSnippetViewSet(SnippetViewSet):
    add_view_class = GuardedCreateView
    edit_view_class = GuardedEditView
    delete_view_class = GuardedDeleteView
    inspect_view_enabled = True


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


class EscalationPointViewSet(GuardedSnippetViewSet):
    model = EscalationPoint
    icon = "help"
    menu_label = "Escalatiepunten"
    menu_name = "escalation_points"
    menu_order = 150
    add_to_admin_menu = True
    list_display = [
        "editorial_title",
        "reporting_organisation",
        "phone_number",
        "email_address",
        "phone_hours_summary",
        LiveStatusTagColumn(),
    ]
    list_filter = ["live", "reporting_organisation", "line_codes"]
    list_per_page = 50
    search_fields = None  # use the search index (autocomplete on the title)
    copy_view_enabled = True

    def get_queryset(self, request):
        return (
            EscalationPoint.objects.select_related("reporting_organisation")
            .prefetch_related("time_slots")
            .order_by("editorial_title")
        )


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


register_snippet(EscalationPointViewSet)
register_snippet(ReferenceDataGroup)


def show_editorial_warnings(request, instance):
    """R2, R3, R10: advice that must not block a save is shown after it."""
    if isinstance(instance, EscalationPoint):
        for warning in rules.warnings(instance):
            messages.warning(request, warning)


hooks.register("after_create_snippet", show_editorial_warnings)
hooks.register("after_edit_snippet", show_editorial_warnings)
