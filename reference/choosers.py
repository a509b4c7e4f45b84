"""Choosers of reference data: found by a part of their code or name, and a chooser that
offers only entities (top-level organisations) for a point's reporting organisation (R21)."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from reference.models import Organisation


class ReferenceSearchForm(BaseFilterForm):
    """Partial, case-insensitive matching on a reference model's `chooser_search_fields`.

    Reference tables are small and also filled by migrations, so the database answers
    directly instead of a search index: typing '1700' finds 'Escalatie Template Detail 1700'.
    """

    placeholder = "Zoeken (bijv. 1700)"
    q = forms.CharField(label="Zoekterm", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = self.placeholder

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


class EntitySearchForm(ReferenceSearchForm):
    placeholder = "Zoeken op afkorting of naam, bijv. ANB of Natuur"


def searching_with(form_class, *view_classes) -> list[type]:
    """The chooser views (choose, results) with `form_class` as their search form."""
    return [
        type(view.__name__, (view,), {"filter_form_class": form_class}) for view in view_classes
    ]


class EntityChooserViewSet(ChooserViewSet):
    """R21: a point reports to an entity itself, never to a division or service."""

    model = Organisation
    icon = "group"
    per_page = 50
    page_title = "Kies een entiteit"
    choose_one_text = "Kies entiteit"
    choose_another_text = "Kies een andere entiteit"
    edit_item_text = "Wijzig deze entiteit"
    choose_view_class, choose_results_view_class = searching_with(
        EntitySearchForm, ChooseView, ChooseResultsView
    )

    def get_object_list(self):
        return Organisation.objects.top_level().order_by("name")


entity_chooser = EntityChooserViewSet("entity_chooser", url_prefix="entiteiten")
EntityChooserWidget = entity_chooser.widget_class
