"""The CMS dashboard for editors: their own recent points, drafts waiting to be published,
exceptions that start or end this week (R16), planned changes of the next two weeks and
those that failed (R25), and the way to the contactcenter site."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Revision

from points.models import AvailabilityException, ChangeState, EscalationPoint, ScheduledChange
from points.planned_admin import may_plan, upcoming_moments

SHOWN = 8
REMINDER_DAYS = 14


def changes_to_remind(user):
    """The planned changes a user is reminded of: those they planned, and those of the points
    they have edited (R25)."""
    edited = Revision.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(EscalationPoint)
    ).values_list("object_id", flat=True)
    point_ids = {int(object_id) for object_id in edited.distinct()}
    return ScheduledChange.objects.filter(Q(planned_by=user) | Q(point_id__in=point_ids))


def planned_reminders(user, now) -> dict:
    if not may_plan(user):
        return {}
    mine = changes_to_remind(user).select_related("point", "planned_by")
    since = now - timedelta(days=REMINDER_DAYS)
    return {
        "upcoming_changes": upcoming_moments(
            mine.pending(), since=now, until=now + timedelta(days=REMINDER_DAYS)
        )[:SHOWN],
        "failed_changes": mine.filter(state=ChangeState.FAILED, failed_at__gte=since)[:SHOWN],
        "may_plan": True,
    }


class PointsPanel(Component):
    name = "escalatiepunten"
    order = 50
    template_name = "points/dashboard/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        week = now + timedelta(days=7)
        points = EscalationPoint.objects.select_related("latest_revision")
        return {
            "mine": points.filter(latest_revision__user=self.request.user).order_by(
                "-latest_revision__created_at"
            )[:SHOWN],
            "drafts": points.filter(has_unpublished_changes=True).order_by(
                "-latest_revision__created_at"
            )[:SHOWN],
            "this_week": AvailabilityException.objects.filter(
                Q(starts_at__gte=now, starts_at__lt=week) | Q(ends_at__gte=now, ends_at__lt=week)
            )
            .select_related("point")
            .order_by("starts_at")[:SHOWN],
            "console_url": reverse("console:index"),
            **planned_reminders(self.request.user, now),
        }


class PointsSummaryItem(SummaryItem):
    order = 100
    template_name = "points/dashboard/summary.html"

    def get_context_data(self, parent_context=None):
        return {
            "published": EscalationPoint.objects.published().count(),
            "drafts": EscalationPoint.objects.filter(has_unpublished_changes=True).count(),
            "list_url": reverse("wagtailsnippets_points_escalationpoint:list"),
        }
