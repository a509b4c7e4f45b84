"""The escalation reports in the CMS (Rapporten): counts per group, figures over time and
service levels, each with filters on the period and every dimension, charts, a table with the
same numbers and CSV/XLSX export. Numbers only: no citizen data (R21, R18)."""

from types import SimpleNamespace

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from escalations.models import Escalation
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme
from reports import queries
from reports.charts import Bar, bar_chart, column_chart
from reports.models import VIEW_REPORTS
from reports.periods import (
    INTERVALS,
    PeriodError,
    checked_interval,
    make_period,
    short_bucket_label,
)

TOP = 10
DEFAULT_GROUPING = "organisation"
DEFAULT_INTERVAL = "week"
DOMAIN_NOTE = (
    "Een escalatie met meer redactionele domeinen telt in elk van die domeinen mee: de "
    "aantallen per domein tellen daarom op tot meer dan het totaal."
)


def agents_who_escalated():
    return (
        get_user_model()
        .objects.filter(Exists(Escalation.objects.filter(agent_id=OuterRef("pk"))))
        .order_by("first_name", "last_name", "username")
    )


class AgentChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return queries.agent_label(obj.username, obj.first_name, obj.last_name)


class AgentFilter(django_filters.ModelChoiceFilter):
    field_class = AgentChoiceField


class EscalationFilterForm(forms.Form):
    """Checks the period (and the interval, where the report has one) as a whole."""

    def clean(self):
        data = super().clean()
        try:
            period = make_period(data.get("start"), data.get("end"), today=timezone.localdate())
            if "interval" in self.fields:
                data["interval"] = checked_interval(data.get("interval") or "", period)
        except PeriodError as error:
            raise ValidationError(str(error)) from None
        data["period"] = period
        return data


class EscalationFilterSet(WagtailFilterSet):
    start = django_filters.DateFilter(label="Van", widget=AdminDateInput)
    end = django_filters.DateFilter(label="Tot en met", widget=AdminDateInput)
    organisation = django_filters.ModelChoiceFilter(
        label="Rapporteringsorganisatie",
        queryset=Organisation.objects.top_level().order_by("name"),
        empty_label="Alle organisaties",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Rapporteringsthema",
        queryset=ReportingTheme.objects.order_by("name"),
        empty_label="Alle thema's",
    )
    domain = django_filters.ModelChoiceFilter(
        label="Redactioneel domein",
        queryset=EditorialDomain.objects.order_by("name"),
        empty_label="Alle domeinen",
    )
    line = django_filters.ModelChoiceFilter(
        label="Lijncode", queryset=LineCode.objects.order_by("code"), empty_label="Alle lijnen"
    )
    channel = django_filters.ChoiceFilter(
        label="Kanaal", choices=list(queries.CHANNELS.items()), empty_label="Alle kanalen"
    )
    agent = AgentFilter(
        label="Voorlichter", queryset=agents_who_escalated(), empty_label="Alle voorlichters"
    )

    class Meta:
        model = Escalation
        fields = []
        form = EscalationFilterForm


class GroupedFilterSet(EscalationFilterSet):
    group_by = django_filters.ChoiceFilter(
        label="Groeperen", choices=list(queries.GROUP_NAMES.items()), empty_label=None
    )
    interval = django_filters.ChoiceFilter(
        label="Grafiek in de tijd", choices=list(INTERVALS.items()), empty_label=None
    )


class OverTimeFilterSet(EscalationFilterSet):
    interval = django_filters.ChoiceFilter(
        label="Tellen", choices=list(INTERVALS.items()), empty_label=None
    )


def percent_text(value: float | None) -> str:
    return "" if value is None else f"{value:.1f} %".replace(".", ",")


class EscalationReportBase(ReportView):
    """What the three reports share: the permission, the filters and the charts' place."""

    header_icon = "table"
    paginate_by = None
    results_template_name = "reports/report_results.html"
    filterset_class = EscalationFilterSet

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_REPORTS):
            return TemplateResponse(request, "reports/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": Escalation.objects.none()}

    @cached_property
    def chosen(self) -> dict:
        """The filters as cleaned, with the period; empty when they are not valid."""
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @cached_property
    def problems(self) -> list[str]:
        if self.filters is None or self.filters.is_valid():
            return []
        return [message for messages in self.filters.form.errors.values() for message in messages]

    @cached_property
    def report_filters(self) -> queries.Filters | None:
        if self.problems:
            return None
        chosen = self.chosen

        def pk(name):
            value = chosen.get(name)
            return value.pk if value is not None else None

        return queries.Filters(
            period=chosen["period"],
            organisation_id=pk("organisation"),
            theme_id=pk("theme"),
            domain_id=pk("domain"),
            line_id=pk("line"),
            channel=chosen.get("channel") or "",
            agent_id=pk("agent"),
        )

    @cached_property
    def interval(self) -> str:
        return self.chosen.get("interval") or DEFAULT_INTERVAL

    def filter_queryset(self, queryset):
        return queryset  # the filters are applied in the database queries (get_queryset)

    def get_queryset(self):
        if self.report_filters is None:
            return []
        return self.rows()

    def rows(self) -> list:
        raise NotImplementedError

    def charts(self) -> list:
        return []

    def summary(self) -> str:
        return ""

    def get_filename(self):
        period = self.report_filters.period if self.report_filters else None
        if period is None:
            return self.export_filename
        return f"{self.export_filename}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}"

    @cached_property
    def no_results_message(self):
        if self.problems:
            return "Het rapport kan niet getoond worden: " + " ".join(self.problems)
        return "Geen escalaties in deze periode met deze filters."

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filters = self.report_filters
        context.update(
            problems=self.problems,
            period=filters.period if filters else None,
            summary=self.summary() if filters else "",
            charts=self.charts() if filters and context["object_list"] else [],
            notes=self.notes(),
        )
        return context

    def notes(self) -> list[str]:
        return []

    def time_chart(self, title: str, value_of, *, unit: str = "", value_heading: str):
        buckets = self.buckets
        return column_chart(
            title,
            [
                Bar(bucket.label, value_of(bucket), short_bucket_label(self.interval, bucket.start))
                for bucket in buckets
            ],
            unit=unit,
            value_heading=value_heading,
            label_heading=INTERVALS[self.interval].removeprefix("Per ").capitalize(),
        )

    @cached_property
    def buckets(self) -> list[queries.Bucket]:
        return queries.over_time(self.interval, self.report_filters)


class EscalationCountsView(EscalationReportBase):
    """Rapporten > Escalaties: how many escalations per organisation, theme, domain, line,
    channel or agent, with the figures over time and the top organisations and themes."""

    page_title = "Escalaties"
    index_url_name = "escalation_report"
    index_results_url_name = "escalation_report_results"
    filterset_class = GroupedFilterSet
    export_filename = "escalaties"
    list_export = [
        "label",
        "count",
        "share",
        "transfers",
        "outside_hours",
        "outside_hours_percent",
        "failed",
    ]

    @cached_property
    def group_by(self) -> str:
        return self.chosen.get("group_by") or DEFAULT_GROUPING

    @cached_property
    def export_headings(self):
        return {
            "label": queries.GROUPINGS[self.group_by].label,
            "count": "Escalaties",
            "share": "Aandeel (%)",
            "transfers": "Doorgeschakeld",
            "outside_hours": "Doorgeschakeld buiten de uren (met reden)",
            "outside_hours_percent": "Buiten de uren (% van doorgeschakeld)",
            "failed": "Niet afgeleverd",
        }

    @cached_property
    def columns(self):
        headings = self.export_headings
        return [
            Column("label", label=headings["label"]),
            Column("count", label=headings["count"]),
            Column("share_text", label="Aandeel"),
            Column("transfers", label=headings["transfers"]),
            Column("outside_hours", label="Buiten de uren (met reden)"),
            Column("outside_hours_text", label="Buiten de uren (%)"),
            Column("failed", label=headings["failed"]),
        ]

    def get_filename(self):
        return super().get_filename().replace("escalaties", f"escalaties-per-{self.group_by}", 1)

    @cached_property
    def counted(self) -> dict[str, list[queries.Row]]:
        """The counts per grouping this page needs, each read once."""
        return {}

    def counts(self, group_by: str) -> list[queries.Row]:
        if group_by not in self.counted:
            self.counted[group_by] = queries.counts(group_by, self.report_filters)
        return self.counted[group_by]

    @cached_property
    def total(self) -> int:
        """Every escalation once: the sum of the groups, except for domains (an escalation
        counts in each of its domains, or in none)."""
        if self.group_by == "domain":
            return queries.total(self.report_filters).count
        return sum(row.count for row in self.counts(self.group_by))

    def rows(self):
        total = self.total
        return [
            SimpleNamespace(
                label=row.label,
                count=row.count,
                share=queries.percent(row.count, total),
                share_text=percent_text(queries.percent(row.count, total)),
                transfers=row.transfers,
                outside_hours=row.outside_hours,
                outside_hours_percent=row.outside_hours_percent,
                outside_hours_text=percent_text(row.outside_hours_percent),
                failed=row.failed,
            )
            for row in self.counts(self.group_by)
        ]

    def summary(self):
        count = self.total
        return f"{count} escalatie{'' if count == 1 else 's'}"

    def notes(self):
        return [DOMAIN_NOTE] if self.group_by == "domain" else []

    def charts(self):
        return [
            self.time_chart(
                "Escalaties in de tijd", lambda bucket: bucket.total, value_heading="Escalaties"
            ),
            top_chart("Top 10 rapporteringsorganisaties", "organisation", self.counts),
            top_chart("Top 10 rapporteringsthema's", "theme", self.counts),
        ]


def top_chart(title: str, group_by: str, counts):
    rows = counts(group_by)[:TOP]
    return bar_chart(
        title,
        [Bar(row.label, row.count) for row in rows],
        value_heading="Escalaties",
        label_heading=queries.GROUPINGS[group_by].label,
    )


class EscalationsOverTimeView(EscalationReportBase):
    """Rapporten > Escalaties in de tijd: per day, week or month the escalations per
    channel, the transfers outside the hours with a reason and the failed deliveries."""

    page_title = "Escalaties in de tijd"
    header_icon = "date"
    index_url_name = "escalation_time_report"
    index_results_url_name = "escalation_time_report_results"
    filterset_class = OverTimeFilterSet
    export_filename = "escalaties-in-de-tijd"
    list_export = [
        "label",
        "total",
        "transfers",
        "email",
        "crm",
        "outside_hours",
        "outside_hours_percent",
        "failed",
    ]
    export_headings = {
        "label": "Periode",
        "total": "Escalaties",
        "transfers": "Doorgeschakeld",
        "email": "E-mail",
        "crm": "CRM",
        "outside_hours": "Doorgeschakeld buiten de uren (met reden)",
        "outside_hours_percent": "Buiten de uren (% van doorgeschakeld)",
        "failed": "Niet afgeleverd",
    }
    columns = [
        Column("label", label="Periode"),
        Column("total", label="Escalaties"),
        Column("transfers", label="Doorgeschakeld"),
        Column("email", label="E-mail"),
        Column("crm", label="CRM"),
        Column("outside_hours", label="Buiten de uren (met reden)"),
        Column("outside_hours_text", label="Buiten de uren (%)"),
        Column("failed", label="Niet afgeleverd"),
    ]

    def rows(self):
        if not any(bucket.total for bucket in self.buckets):
            return []
        return [
            SimpleNamespace(
                label=bucket.label,
                total=bucket.total,
                transfers=bucket.transfers,
                email=bucket.email,
                crm=bucket.crm,
                outside_hours=bucket.outside_hours,
                outside_hours_percent=bucket.outside_hours_percent,
                outside_hours_text=percent_text(bucket.outside_hours_percent),
                failed=bucket.failed,
            )
            for bucket in self.buckets
        ]

    def summary(self):
        count = sum(bucket.total for bucket in self.buckets)
        return f"{count} escalatie{'' if count == 1 else 's'}, {INTERVALS[self.interval].lower()}"

    def charts(self):
        return [
            self.time_chart(
                "Escalaties in de tijd", lambda bucket: bucket.total, value_heading="Escalaties"
            ),
            self.time_chart(
                "Aandeel doorschakelingen buiten de uren (met reden)",
                lambda bucket: bucket.outside_hours_percent or 0.0,
                unit=" %",
                value_heading="Buiten de uren (% van doorgeschakeld)",
            ),
            self.time_chart(
                "Niet afgeleverde escalaties",
                lambda bucket: bucket.failed,
                value_heading="Niet afgeleverd",
            ),
        ]


class ServiceLevelView(EscalationReportBase):
    """Rapporten > Behandeltermijnen (R18): per organisation the e-mail escalations sent and
    whether the service confirmed their handling on time."""

    page_title = "Behandeltermijnen"
    header_icon = "time"
    index_url_name = "service_level_report"
    index_results_url_name = "service_level_report_results"
    export_filename = "behandeltermijnen"
    list_export = ["label", "sent", "on_time", "late", "open", "on_time_percent"]
    export_headings = {
        "label": "Rapporteringsorganisatie",
        "sent": "Verstuurd",
        "on_time": "Op tijd behandeld",
        "late": "Te laat",
        "open": "Nog open",
        "on_time_percent": "Op tijd (%)",
    }
    columns = [
        Column("label", label="Rapporteringsorganisatie"),
        Column("sent", label="Verstuurd"),
        Column("on_time", label="Op tijd behandeld"),
        Column("late", label="Te laat"),
        Column("open", label="Nog open"),
        Column("on_time_text", label="Op tijd (%)"),
    ]

    @cached_property
    def levels(self) -> list[queries.ServiceLevel]:
        return queries.service_levels(self.report_filters, timezone.localdate())

    def rows(self):
        return [
            SimpleNamespace(
                label=level.label,
                sent=level.sent,
                on_time=level.on_time,
                late=level.late,
                open=level.open,
                on_time_percent=level.on_time_percent,
                on_time_text=percent_text(level.on_time_percent),
            )
            for level in self.levels
        ]

    def summary(self):
        total = queries.service_level_total(self.levels)
        return (
            f"{total.sent} e-mailescalaties verstuurd: {total.on_time} op tijd behandeld, "
            f"{total.late} te laat, {total.open} nog open"
        )

    def notes(self):
        return [
            "Op tijd: de dienst bevestigde de behandeling (met de link in de escalatiemail of "
            "via zijn CRM) uiterlijk op de vervaldag. Te laat: later bevestigd, of niet "
            "bevestigd en de vervaldag is voorbij. Open: niet bevestigd en nog niet vervallen. "
            "Het percentage telt enkel de escalaties die op tijd of te laat zijn. Escalaties "
            "die niet afgeleverd konden worden, tellen niet mee."
        ]

    def charts(self):
        decided = [level for level in self.levels if level.on_time_percent is not None]
        return [
            bar_chart(
                "Op tijd behandeld per organisatie (top 10 naar verstuurde escalaties)",
                [Bar(level.label, level.on_time_percent) for level in decided[:TOP]],
                unit=" %",
                value_heading="Op tijd (%)",
                label_heading="Rapporteringsorganisatie",
            )
        ]
