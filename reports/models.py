"""Reports on escalations (R21) and the services' confirmations of handling (R18).

`EscalationReport` holds no rows: it carries the permission to see the reports, so that a
role (Teamleider, Beheerder) can be given the reports without any escalation itself.
`HandlingConfirmation` records when a service confirmed it handled an escalation, through the
link in the escalation mail or its CRM's signed callback; the first confirmation stands.
"""

from django.db import models
from django.utils import timezone

from escalations.models import Escalation

VIEW_REPORTS = "reports.view_escalation_reports"


class EscalationReport(models.Model):
    class Meta:
        managed = False
        db_table = "reports_escalationreport"
        verbose_name = "escalatierapport"
        verbose_name_plural = "escalatierapporten"
        default_permissions = ()
        permissions = [("view_escalation_reports", "Kan escalatierapporten bekijken")]

    def __str__(self):
        return "Escalatierapport"


class ConfirmedVia(models.TextChoices):
    LINK = "link", "Link in de escalatiemail"
    CRM = "crm", "CRM"


class HandlingConfirmation(models.Model):
    """The service's word that it handled the escalation (contacted the citizen)."""

    escalation = models.OneToOneField(
        Escalation,
        verbose_name="escalatie",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="handling_confirmation",
    )
    confirmed_at = models.DateTimeField("bevestigd op", default=timezone.now)
    # The local day (Europe/Brussels) of confirmed_at: compared with the due date in the
    # database, without converting every row's moment.
    confirmed_on = models.DateField("bevestigd op (dag)")
    via = models.CharField("bevestigd via", max_length=10, choices=ConfirmedVia.choices)

    class Meta:
        verbose_name = "bevestiging van behandeling"
        verbose_name_plural = "bevestigingen van behandeling"

    def __str__(self):
        return f"{self.escalation_id} bevestigd op {self.confirmed_on:%d-%m-%Y}"
