"""The CMS dashboard for editors: their own recent points, drafts waiting to be published,
exceptions that start or end this week (R16), and the way to the contactcenter site."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

from points.models import AvailabilityException, EscalationPoint

SHOWN = 8


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
