from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from core.admin_views import GuardedCreateView, GuardedEditView, GuardedSnippetViewSet
from points import planned_admin, planning, rules
from points.dashboard import PointsPanel, PointsSummaryItem
from points.document import changed_entries
from points.models import EscalationPoint

STALE_SAVE = (
    "{who} heeft dit escalatiepunt om {time} bewaard, nadat jij het opende. Jouw wijzigingen "
    "zijn nog niet bewaard en staan hieronder. Intussen gewijzigd: {changes}. Controleer die "
    "velden en bewaar of publiceer opnieuw."
)


def field_label(entry) -> str:
    field = EscalationPoint._meta.get_field(entry.attribute)
    model = field.related_model if field.is_relation and field.one_to_many else None
    return str(model._meta.verbose_name_plural if model else field.verbose_name)


class PointCreateView(GuardedCreateView):
    """No point exists before the editor saves one: autosave, which would store an empty
    draft in the background (after an invalid publish, or one changed checkbox), is off on
    the add form. It stays on while editing a point that exists."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


class PointEditView(GuardedEditView):
    """Refuses a save on a version that someone else has saved over in the meantime, also
    without JavaScript (Wagtail checks this for autosave only), and says what changed."""

    def is_valid(self, form):
        if self.expects_json_response or not self.is_out_of_date:
            return super().is_valid(form)
        form.is_valid()
        message = self.stale_message()
        form.add_error(None, message)
        self.produced_error_message = message
        return False

    def stale_message(self) -> str:
        latest = self.latest_revision
        loaded = self.object.revisions.filter(pk=self.request.POST.get("loaded_revision_id"))
        loaded = loaded.first() if loaded.exists() else latest
        changes = changed_entries(loaded.as_object(), latest.as_object())
        who = latest.user.get_full_name() or latest.user.get_username() if latest.user else None
        return STALE_SAVE.format(
            who=who or "Iemand anders",
            time=timezone.localtime(latest.created_at).strftime("%H:%M"),
            changes=", ".join(field_label(entry) for entry in changes) or "enkel de revisie",
        )


class EscalationPointViewSet(GuardedSnippetViewSet):
    model = EscalationPoint
    add_view_class = PointCreateView
    edit_view_class = PointEditView
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
    list_filter = ["live", "has_unpublished_changes", "reporting_organisation", "line_codes"]
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


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    panels.insert(0, PointsPanel(request))


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's own
def dashboard_summary(request, items):
    """The points instead of the site's address and its number of pages."""
    items[:] = [PointsSummaryItem(request)]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("points/css/admin.css"))


hooks.register("after_create_snippet", show_editorial_warnings)
hooks.register("after_edit_snippet", show_editorial_warnings)


class PlannedChangeLog(LogFormatter):
    """History entries of planned changes (R25): which change, which parts, and why not."""

    text = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = self.text.format(
            number=data.get("change", "?"), parts=", ".join(data.get("parts", []))
        )
        return f"{message} {data['reason']}" if data.get("reason") else message


@hooks.register("register_log_actions")
def planned_change_log_actions(actions):
    for action, label, text in (
        (
            planning.APPLIED_LOG,
            "Geplande wijziging toegepast",
            "Geplande wijziging #{number} toegepast: {parts}.",
        ),
        (
            planning.REVERTED_LOG,
            "Geplande wijziging teruggedraaid",
            "Geplande wijziging #{number} teruggedraaid: {parts}.",
        ),
        (
            planning.FAILED_LOG,
            "Geplande wijziging mislukt",
            "Geplande wijziging #{number} ({parts}) mislukt.",
        ),
        (
            planning.DRAFT_LOG,
            "Geplande wijziging in het concept",
            "Geplande wijziging #{number} ook in het openstaande concept gezet: {parts}.",
        ),
    ):
        formatter = type("Formatter", (PlannedChangeLog,), {"label": label, "text": text})
        actions.register_action(action)(formatter)


@hooks.register("register_admin_urls")
def planned_change_urls():
    return [
        path(
            "escalatiepunten/<int:point_id>/wijziging-plannen/",
            planned_admin.plan_view,
            name="planned_change_add",
        ),
        path(
            "geplande-wijzigingen/<int:change_id>/",
            planned_admin.edit_view,
            name="planned_change_edit",
        ),
        path(
            "geplande-wijzigingen/<int:change_id>/annuleren/",
            planned_admin.cancel_view,
            name="planned_change_cancel",
        ),
        path(
            "geplande-wijzigingen/",
            planned_admin.calendar_view,
            name="planned_changes_calendar",
        ),
    ]


class PlannedChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return planned_admin.may_plan(request.user)


@hooks.register("register_admin_menu_item")
def planned_changes_menu_item():
    return PlannedChangesMenuItem(
        "Geplande wijzigingen",
        reverse("planned_changes_calendar"),
        name="planned_changes",
        icon_name="date",
        order=151,
    )
