"""The editorial health report in the CMS (Rapporten > Redactionele gezondheid): the findings
of `knowledge.health`, filtered by rule, organisation and version, exported as CSV or XLSX."""

import django_filters
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from knowledge import health
from points.models import EscalationPoint
from reference.models import Organisation

EDIT_POINTS = "points.change_escalationpoint"
RULE_NAMES = {
    "R2": "R2 Titel",
    "R3": "R3 Instructies",
    "R9": "R9 Nummer voor de burger",
    "R10": "R10 E-mailadres",
    "R14": "R14 Template",
    "R15": "R15 Bruikbare route",
    "R16": "R16 Afwijkende bereikbaarheid",
    "R17": "R17 Telefonische uren",
    "R18": "R18 Behandeltermijn",
    "R21": "R21 Rapporteren",
    "R22": "R22 Afspraken en actualiteit",
    "R23": "R23 Koppelingen",
}
VERSIONS = [("published", "Gepubliceerde versie"), ("draft", "Concept")]


def edit_url(finding: health.Finding) -> str:
    url = reverse("wagtailsnippets_points_escalationpoint:edit", args=[finding.point_id])
    return f"{url}#tab-{finding.tab}"


def version_label(finding: health.Finding) -> str:
    return "Concept" if finding.in_draft else "Gepubliceerd"


class HealthFilterSet(WagtailFilterSet):
    rule = django_filters.ChoiceFilter(
        label="Regel", choices=list(RULE_NAMES.items()), empty_label="Alle regels"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Rapporteringsorganisatie",
        queryset=Organisation.objects.top_level().order_by("name"),
        empty_label="Alle organisaties",
    )
    version = django_filters.ChoiceFilter(label="Versie", choices=VERSIONS, empty_label="Beide")

    class Meta:
        model = EscalationPoint
        fields = []


class Row:
    """One finding as the table and the export show it."""

    def __init__(self, finding: health.Finding):
        self.finding = finding
        self.title = finding.title
        self.rule = RULE_NAMES.get(finding.rule, finding.rule)
        self.message = finding.message
        self.tab = finding.tab_label
        self.version = version_label(finding)
        self.url = edit_url(finding)


class HealthReportView(ReportView):
    page_title = "Redactionele gezondheid"
    header_icon = "warning"
    index_url_name = "editorial_health"
    index_results_url_name = "editorial_health_results"
    filterset_class = HealthFilterSet
    paginate_by = 100
    export_filename = "redactionele-gezondheid"
    list_export = ["title", "rule", "message", "tab", "version", "url"]
    export_headings = {
        "title": "Escalatiepunt",
        "rule": "Regel",
        "message": "Bevinding",
        "tab": "Tab",
        "version": "Versie",
        "url": "Link",
    }
    columns = [
        TitleColumn("title", label="Escalatiepunt", get_url=lambda row: row.url),
        Column("rule", label="Regel"),
        Column("message", label="Bevinding"),
        Column("tab", label="Tab"),
        Column("version", label="Versie"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(EDIT_POINTS):
            return TemplateResponse(
                request,
                "core/forbidden.html",
                {"model_name": "de redactionele gezondheid"},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": EscalationPoint.objects.none()}

    @cached_property
    def chosen(self) -> dict:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def get_queryset(self):
        organisation = self.chosen.get("organisation")
        found = health.findings(
            rule=self.chosen.get("rule") or "",
            organisation_id=organisation.pk if organisation else None,
        )
        version = self.chosen.get("version")
        if version:
            found = [finding for finding in found if finding.in_draft == (version == "draft")]
        return [Row(finding) for finding in found]

    def filter_queryset(self, queryset):
        return queryset  # the filters are applied while finding (get_queryset)


def findings_of_editor(user, limit: int = 8) -> list[Row]:
    """The findings on the points this editor worked on (any revision of theirs)."""
    point_ids = (
        EscalationPoint.objects.filter(
            _revisions__user=user  # the points' revisions (RevisionMixin's generic relation)
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    return [Row(finding) for finding in health.findings(point_ids=list(point_ids))[:limit]]


def health_summary() -> dict:
    """For the dashboard: how many findings in how many points."""
    found = health.findings()
    return {"findings": len(found), "points": len({finding.point_id for finding in found})}


class HealthPanel(Component):
    """Dashboard: what the guideline asks of the points this editor worked on."""

    name = "redactionele_gezondheid"
    order = 60
    template_name = "knowledge/dashboard/health_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"rows": findings_of_editor(self.request.user), "url": reverse("editorial_health")}
