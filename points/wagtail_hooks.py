from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet

from core.admin_views import GuardedSnippetViewSet
from points import rules
from points.models import EscalationPoint


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


register_snippet(EscalationPointViewSet)


def show_editorial_warnings(request, instance):
    """R2, R3, R10: advice that must not block a save is shown after it."""
    if isinstance(instance, EscalationPoint):
        for warning in rules.warnings(instance):
            messages.warning(request, warning)


hooks.register("after_create_snippet", show_editorial_warnings)
hooks.register("after_edit_snippet", show_editorial_warnings)
