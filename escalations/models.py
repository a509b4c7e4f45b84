"""Escalations (R8, R12, R14, R18, R26): the record of every transfer and e-mail escalation,
the durable outbox that delivers its messages, and the CRM links of organisations."""

import ipaddress
import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from points.models import EmailDelivery, EscalationPoint
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme


class EscalationChannel(models.TextChoices):
    PHONE = "phone", "Telefonisch doorgeschakeld"
    EMAIL = "email", "Per e-mail doorgestuurd"


class EscalationState(models.TextChoices):
    """What became of the escalation: a transfer is recorded; an e-mail escalation waits in
    the outbox until its message to the service is delivered, or could not be."""

    RECORDED = "recorded", "Geregistreerd"
    QUEUED = "queued", "In wachtrij"
    DELIVERED = "delivered", "Afgeleverd"
    FAILED = "failed", "Niet afgeleverd"


class Escalation(models.Model):
    """One escalation by an agent. What reports count (point, organisation, theme, domains,
    line, channel, agent, moment) is copied at the moment of the escalation, so a later edit of
    the point does not rewrite history. The citizen's data is erased after the retention
    period; the record stays."""

    created_at = models.DateTimeField("moment", default=timezone.now, db_index=True)
    channel = models.CharField("kanaal", max_length=10, choices=EscalationChannel.choices)
    point = models.ForeignKey(
        EscalationPoint,
        verbose_name="escalatiepunt",
        null=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    point_title = models.CharField("publieke titel van het escalatiepunt", max_length=200)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voorlichter",
        null=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    line_code = models.ForeignKey(
        LineCode,
        verbose_name="lijncode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    reporting_organisation = models.ForeignKey(
        Organisation,
        verbose_name="rapporteringsorganisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    reporting_theme = models.ForeignKey(
        ReportingTheme,
        verbose_name="rapporteringsthema",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    editorial_domains = models.ManyToManyField(
        EditorialDomain, verbose_name="redactionele domeinen", blank=True, related_name="+"
    )
    contact_closed = models.BooleanField("contact afgesloten", default=False)
    route_possible = models.BooleanField(
        "route mogelijk op dat moment",
        default=True,
        help_text="Nee als de voorlichter escaleerde buiten de uren, op een sluitingsdag, "
        "tijdens een afwijking of terwijl het kanaal niet toegestaan is (met reden).",
    )
    reason = models.TextField("reden", blank=True, max_length=500)
    state = models.CharField(
        "toestand", max_length=10, choices=EscalationState.choices, db_index=True
    )
    idempotency_key = models.CharField("idempotentiesleutel", max_length=100, blank=True)

    # E-mail escalations: where the message went and what the citizen was promised (R12, R18).
    delivery = models.CharField(
        "ontvangen via", max_length=10, choices=EmailDelivery.choices, blank=True
    )
    service_address = models.CharField("e-mailadres van de dienst", max_length=254, blank=True)
    working_days = models.PositiveSmallIntegerField("behandeltermijn (werkdagen)", null=True)
    due_date = models.DateField("uiterlijk op", null=True)

    # The citizen's personal data: erased after ESCALATION_RETENTION_DAYS.
    citizen_name = models.CharField("naam burger", max_length=200, blank=True)
    citizen_email = models.CharField("e-mailadres burger", max_length=254, blank=True)
    citizen_phone = models.CharField("telefoonnummer burger", max_length=32, blank=True)
    citizen_national_number = models.CharField("rijksregisternummer", max_length=11, blank=True)
    question = models.TextField("vraag", blank=True)
    internal_note = models.TextField("interne notitie", blank=True)
    personal_data_erased_at = models.DateTimeField(
        "persoonsgegevens gewist op", null=True, blank=True
    )

    class Meta:
        verbose_name = "escalatie"
        verbose_name_plural = "escalaties"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_escalation_per_agent_and_key",
            )
        ]
        indexes = [models.Index(fields=["point", "-created_at"], name="escalation_point_recent")]

    def __str__(self):
        return f"{self.reference} - {self.point_title}"

    @property
    def reference(self) -> str:
        """The number the citizen and the service quote, e.g. E-2026-000123 (in a preview,
        before it is recorded: E-2026-(volgt))."""
        number = f"{self.pk:06d}" if self.pk else "(volgt)"
        return f"E-{timezone.localtime(self.created_at).year}-{number}"


class MessageKind(models.TextChoices):
    SERVICE = "service", "Escalatie aan de dienst"
    CITIZEN = "citizen", "Bevestiging aan de burger"


class MessageRoute(models.TextChoices):
    SMTP = "smtp", "E-mail"
    CRM = "crm", "CRM"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "In wachtrij"
    DELIVERED = "delivered", "Afgeleverd"
    FAILED = "failed", "Niet afgeleverd"


def new_message_id() -> str:
    return f"<{uuid.uuid4()}@{settings.MESSAGE_ID_DOMAIN}>"


class OutboxMessage(models.Model):
    """A message that must reach its receiver exactly once: written in the same transaction
    as its escalation, delivered by a worker that holds a lease on it, retried with backoff,
    and kept with the reason when every attempt failed. `message_id` stays the same over every
    attempt, so a receiver can drop a second copy."""

    escalation = models.ForeignKey(
        Escalation, verbose_name="escalatie", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField("soort", max_length=10, choices=MessageKind.choices)
    route = models.CharField("route", max_length=10, choices=MessageRoute.choices)
    recipient = models.CharField("ontvanger", max_length=500)
    subject = models.CharField("onderwerp", max_length=500, blank=True)
    body = models.TextField("inhoud", blank=True)
    message_id = models.CharField("bericht-id", max_length=200, unique=True, default=new_message_id)
    state = models.CharField(
        "toestand",
        max_length=10,
        choices=DeliveryState.choices,
        default=DeliveryState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    next_attempt_at = models.DateTimeField("volgende poging", default=timezone.now, db_index=True)
    lease_owner = models.CharField("in behandeling door", max_length=64, blank=True)
    lease_expires_at = models.DateTimeField("lease tot", null=True, blank=True)
    last_error = models.TextField("laatste fout", blank=True)
    last_attempt_at = models.DateTimeField("laatste poging", null=True, blank=True)
    created_at = models.DateTimeField("aangemaakt", default=timezone.now)
    delivered_at = models.DateTimeField("afgeleverd op", null=True, blank=True)
    payload = models.TextField(
        "verzonden document",
        blank=True,
        help_text="Het JSON-document voor het CRM, vastgelegd bij de eerste poging, zodat elke "
        "volgende poging dezelfde bytes verstuurt.",
    )

    class Meta:
        verbose_name = "uitgaand bericht"
        verbose_name_plural = "uitgaande berichten"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "kind"], name="one_message_per_escalation_and_kind"
            )
        ]
        # What a worker's sweep asks: the pending messages that are due.
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="outbox_pending_due",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.message_id}"


def new_crm_secret() -> str:
    return secrets.token_urlsafe(32)


class CrmEndpoint(models.Model):
    """R12: where an organisation's CRM receives escalations (an HTTPS POST of a JSON
    document, signed with HMAC-SHA256 over the body with this secret)."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="organisatie",
        on_delete=models.CASCADE,
        related_name="crm_endpoint",
        limit_choices_to={"parent__isnull": True},
        help_text="De entiteit (hoogste niveau) waarvan de escalatiepunten via CRM ontvangen.",
    )
    url = models.URLField("adres (URL)", max_length=500)
    secret = models.CharField(
        "geheime sleutel",
        max_length=200,
        default=new_crm_secret,
        help_text="Gedeeld met de dienst: het CRM controleert er de handtekening mee.",
    )
    active = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "CRM-koppeling"
        verbose_name_plural = "CRM-koppelingen"

    def __str__(self):
        return f"CRM {self.organisation}"

    def clean(self):
        errors = {}
        if self.organisation_id and self.organisation.parent_id is not None:
            errors["organisation"] = (
                "Kies de entiteit zelf (hoogste niveau), niet een afdeling of dienst: "
                "de escalatiepunten van al haar diensten gaan naar dit CRM."
            )
        if problem := crm_url_problem(self.url):
            errors["url"] = problem
        if errors:
            raise ValidationError(errors)


LOOPBACK_HOSTS = {"localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def crm_url_problem(url: str) -> str | None:
    """Why a CRM link may not be used, in Dutch; None when it may. Escalations carry personal
    data, so only https, except to this machine (tests) or when CRM_ALLOW_HTTP is on."""
    parts = urlsplit(url or "")
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname:
        if is_loopback(parts.hostname) or settings.CRM_ALLOW_HTTP:
            return None
        return "Gebruik een https-adres: escalaties bevatten persoonsgegevens."
    return "Geef een volledig https-adres, bijv. https://crm.example.be/escalaties."
