from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.models import register_snippet

from core.admin_views import GuardedSnippetViewSet
from knowledge.health_report import EDIT_POINTS, HealthPanel, HealthReportView, health_summary
from knowledge.models import Question


class QuestionViewSet(GuardedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Vragen"
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["question", "topic"]


register_snippet(QuestionViewSet)


@hooks.register("register_admin_urls")
def health_urls():
    view = HealthReportView.as_view()
    results = HealthReportView.as_view(results_only=True)
    return [
        path("gezondheid/", view, name="editorial_health"),
        path("gezondheid/resultaten/", results, name="editorial_health_results"),
    ]


class HealthMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EDIT_POINTS)


@hooks.register("register_reports_menu_item")
def health_menu_item():
    return HealthMenuItem(
        "Redactionele gezondheid", reverse("editorial_health"), icon_name="warning", order=50
    )


class HealthSummaryItem(SummaryItem):
    order = 200
    template_name = "knowledge/dashboard/health_summary.html"

    def get_context_data(self, parent_context=None):
        return {**health_summary(), "url": reverse("editorial_health")}

    def is_shown(self):
        return self.request.user.has_perm(EDIT_POINTS)


@hooks.register("construct_homepage_summary_items", order=200)  # after points' own items
def health_summary_item(request, items):
    items.append(HealthSummaryItem(request))


@hooks.register("construct_homepage_panels")
def health_panel(request, panels):
    if request.user.has_perm(EDIT_POINTS):
        panels.append(HealthPanel(request))
