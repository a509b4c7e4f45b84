from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports.models import VIEW_REPORTS
from reports.views import EscalationCountsView, EscalationsOverTimeView, ServiceLevelView

REPORTS = [
    # (URL, view, URL name, menu label, icon)
    ("rapporten/escalaties/", EscalationCountsView, "escalation_report", "Escalaties", "table"),
    (
        "rapporten/escalaties-in-de-tijd/",
        EscalationsOverTimeView,
        "escalation_time_report",
        "Escalaties in de tijd",
        "date",
    ),
    (
        "rapporten/behandeltermijnen/",
        ServiceLevelView,
        "service_level_report",
        "Behandeltermijnen",
        "time",
    ),
]


@hooks.register("register_admin_urls")
def report_urls():
    urls = []
    for url, view, name, _, _ in REPORTS:
        urls.append(path(url, view.as_view(), name=name))
        results = view.as_view(results_only=True)
        urls.append(path(f"{url}resultaten/", results, name=f"{name}_results"))
    return urls


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_REPORTS)


def menu_item(index: int):
    _, _, name, label, icon = REPORTS[index]
    return ReportMenuItem(label, reverse(name), icon_name=icon, order=10 + index)


@hooks.register("register_reports_menu_item")
def escalations_menu_item():
    return menu_item(0)


@hooks.register("register_reports_menu_item")
def escalations_over_time_menu_item():
    return menu_item(1)


@hooks.register("register_reports_menu_item")
def service_levels_menu_item():
    return menu_item(2)
