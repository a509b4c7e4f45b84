"""The escalation point with its time slots, availability exceptions and contact persons.

Field labels and help texts are the editorial guideline in the editor's words, so an
editor needs no separate manual. Validation and defaults live in `points.rules`; the
point's JSON shape lives in `points.document`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from calendar_engine import WEEKDAY_NAMES, Channel, parse_slot, validate_day_slots
from core.fields import ShownAs, choice_field, optional_reference, yes_no_field
from core.moments import OUT_OF_RANGE, moment_in_range
from core.panels import radio
from points import phone_hours, rules
from points.forms import EscalationPointForm
from reference.choosers import EntityChooserWidget
from reference.models import (
    EditorialDomain,
    EmailTemplate,
    LineCode,
    Organisation,
    ReportingTheme,
)


def default_email_template_id():
    """R14: 'Escalatie Template Detail 1700' unless a beheerder chose another default."""
    return EmailTemplate.objects.default_pk()


class TransferMode(models.TextChoices):
    CLOSED = "closed", "Gesloten"
    OPEN = "open", "Open"


class EmailDelivery(models.TextChoices):
    EMAIL = "email", "E-mail"
    CRM = "crm", "CRM"


def title_field(label: str, **options) -> models.CharField:
    return models.CharField(label, max_length=200, **options)


class PointStatus(models.TextChoices):
    """What agents see: a published point, or a draft only editors see (R22)."""

    DRAFT = "draft", "Concept"
    PUBLISHED = "published", "Gepubliceerd"


class SavedPointTab(ObjectList):
    """A tab shown once the point exists (not on the add form): planned changes (R25)."""

    class BoundPanel(ObjectList.BoundPanel):
        def is_shown(self):
            return self.instance.pk is not None and super().is_shown()


class EscalationPointQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True)


class EscalationPoint(
    ShownAs,
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    shown_as = "editorial_title"

    # Tab Inhoud (R2-R4)
    editorial_title = title_field(
        "redactietitel",
        help_text=(
            "Maak duidelijk naar welke entiteit of dienst de voorlichter escaleert, eventueel "
            "aangevuld met onderwerp of doelgroep, gescheiden door ' - '. Begin met de "
            "entiteit; zet het onderwerp eerst als er meerdere escalatiepunten bij een pagina "
            "zijn. Bijv. 'ANB - Team Jacht', 'VAPH - Covid-19 - Professionals'."
        ),
    )
    public_title = title_field(
        "publieke titel",
        blank=True,
        help_text="Mag dezelfde zijn als de redactietitel. Leeg laten = de redactietitel.",
    )
    instructions = models.TextField(
        "instructies",
        blank=True,
        help_text=(
            "Indien nodig: beknopte instructies over hoe er geëscaleerd moet worden, bijv. wat "
            "de voorlichter in een escalatiemail moet vermelden. Hou het kort en gebruik de "
            "gebiedende wijs: 'Escalatie per mail? Vermeld altijd rijksregisternummer.'"
        ),
    )
    content = models.TextField(
        "inhoud",
        blank=True,
        help_text=(
            "Indien nodig: de onderwerpen waarvoor dit escalatiepunt dient (één per regel). "
            "Niet nodig als de titel duidelijk genoeg is. Vermeld de naam van de entiteit "
            "voluit als de titel enkel een afkorting gebruikt, zodat de voorlichter kan zeggen "
            "naar waar doorgeschakeld wordt."
        ),
    )

    # Tab Contact: phone (R5-R9)
    phone_number = models.CharField(
        "telefoonnummer",
        max_length=32,
        blank=True,
        help_text=(
            "Kies indien mogelijk een groepsnummer dat door meerdere personen wordt "
            "ondersteund. Wordt bewaard met enkel spaties, bijv. 011 12 34 56 of "
            "02 553 21 00. Leeg = alleen de e-mailmogelijkheid verschijnt."
        ),
    )
    phone_transfer_allowed = yes_no_field(
        "mag vraag telefonisch doorgeschakeld worden?",
        default=True,
        help_text=(
            "Standaard Ja als er een telefoonnummer is: groen vinkje naast het nummer onder "
            "'Vraag escaleren?'."
        ),
    )
    transfer_mode = choice_field(
        "manier van doorschakelen",
        TransferMode,
        default=TransferMode.CLOSED,
        help_text=(
            "Laat dit op 'Gesloten' staan (standaard): het contact wordt in het contactcenter "
            "afgesloten zodra de vraag doorgeschakeld of doorgestuurd is."
        ),
    )
    phone_share_with_citizen = yes_no_field(
        "mag telefoonnummer doorgegeven worden?",
        default=False,
        help_text=(
            "Nee: het nummer dient enkel om door te schakelen (rood vinkje onder 'Doorgeven aan "
            "burger?'). Ja: de voorlichter mag het nummer aan de vraagsteller geven, zodat die "
            "zelf kan bellen (groen vinkje)."
        ),
    )

    # Tab Contact: e-mail (R10-R14)
    email_address = models.CharField(
        "e-mailadres",
        max_length=254,
        blank=True,
        help_text=(
            "Vul in als vragen schriftelijk doorgestuurd mogen worden. Kies indien mogelijk een "
            "generiek adres dat door meerdere personen wordt opgevolgd. Geen contactformulier "
            "of website."
        ),
    )
    email_forward_allowed = yes_no_field(
        "mag vraag per e-mail doorgestuurd worden?",
        default=True,
        help_text=(
            "Ja: groen vinkje naast het e-mailadres onder 'Vraag escaleren?'. Nee als de burger "
            "de mail met de vraag zelf moet sturen (rood vinkje)."
        ),
    )
    email_delivery = choice_field(
        "escalatiemails ontvangen via",
        EmailDelivery,
        default=EmailDelivery.EMAIL,
        help_text="Kies E-mail als standaard; CRM als de dienst escalaties in zijn CRM ontvangt.",
    )
    email_share_with_citizen = yes_no_field(
        "mag e-mailadres doorgegeven worden?",
        default=False,
        help_text=(
            "Nee: het adres dient enkel om door te sturen (rood vinkje onder 'Doorgeven aan "
            "burger?'). Ja: de voorlichter mag het adres aan de vraagsteller geven (groen "
            "vinkje)."
        ),
    )
    email_template = models.ForeignKey(
        EmailTemplate,
        verbose_name="e-mailtemplate",
        null=True,
        blank=True,
        default=default_email_template_id,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "Verplicht als de vraag per e-mail doorgestuurd mag worden. Typ 1700 en kies "
            "'Escalatie Template Detail 1700' voor de algemene template."
        ),
    )

    email_requires_national_number = yes_no_field(
        "rijksregisternummer verplicht bij e-mailescalatie?",
        default=False,
        help_text=(
            "Ja als de dienst een e-mailescalatie enkel kan behandelen met het "
            "rijksregisternummer van de burger (bijv. 'Vermeld altijd rijksregisternummer.')."
        ),
    )

    # Tab Behandeltermijn (R18)
    handling_working_days = models.PositiveSmallIntegerField(
        "duur (werkdagen)",
        default=rules.DEFAULT_HANDLING_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_HANDLING_WORKING_DAYS)],
        help_text=(
            "Hoe lang het duurt voor de burger door de dienst gecontacteerd wordt na een "
            "escalatie per e-mail (ook een voorlopig antwoord of ontvangstbevestiging telt). "
            "Standaard 5 werkdagen; pas (tijdelijk) aan indien nodig."
        ),
    )
    handling_info = models.TextField(
        "info",
        blank=True,
        help_text=(
            "Eventueel een extra zin over de antwoordtermijn. Verschijnt automatisch in de "
            "e-mail naar de burger. Bijv. 'Voor dossiers die meer onderzoek vereisen, kan het "
            "een aantal weken duren voor u een antwoord krijgt.'"
        ),
    )

    # Tab Refereren (R19)
    search_terms = models.TextField(
        "zoektermen",
        blank=True,
        help_text="Extra woorden waaronder voorlichters dit escalatiepunt vinden, één per regel.",
    )

    # Tab Publiceren (R20, R22)
    line_codes = ParentalManyToManyField(
        LineCode,
        verbose_name="lijncodes",
        blank=True,
        related_name="escalation_points",
        help_text="Standaard 1700 Andere Vragen. Lijncodes zijn de skills van voorlichters.",
    )
    agreements_date = models.DateField(
        "afspraken gemaakt op",
        null=True,
        blank=True,
        help_text=(
            "Een escalatiepunt wordt pas gepubliceerd als er afspraken gemaakt zijn met de dienst "
            "over bereikbaarheid en behandeltermijn."
        ),
    )
    agreements_with = models.CharField(
        "afspraken gemaakt met",
        max_length=200,
        blank=True,
        help_text=(
            "Met wie bij de dienst de afspraken gemaakt zijn, bijv. 'Diensthoofd Team Jacht'."
        ),
    )

    # Tab Rapporteren (R21)
    editorial_domains = ParentalManyToManyField(
        EditorialDomain,
        verbose_name="redactionele domeinen",
        blank=True,
        related_name="escalation_points",
    )
    reporting_theme = optional_reference(
        ReportingTheme,
        "rapporteringsthema",
        on_delete=models.PROTECT,
        related_name="escalation_points",
    )
    reporting_organisation = optional_reference(
        Organisation,
        "rapporteringsorganisatie",
        on_delete=models.PROTECT,
        related_name="escalation_points",
        help_text=(
            "Kies altijd de entiteit zelf (het hoogste niveau) waar het escalatiepunt bij hoort, "
            "bijv. Departement Omgeving, Vlaamse Milieumaatschappij, Agentschap voor Natuur en "
            "Bos. Dus niet een afdeling of dienst."
        ),
    )

    objects = EscalationPointQuerySet.as_manager()

    search_fields = [
        index.SearchField("editorial_title", boost=5),
        index.SearchField("public_title", boost=3),
        index.SearchField("search_terms", boost=3),
        index.SearchField("content"),
        index.SearchField("instructions"),
        index.AutocompleteField("editorial_title"),
        index.AutocompleteField("search_terms"),
        index.FilterField("live"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("editorial_title"),
                    FieldPanel("public_title"),
                    FieldPanel("instructions"),
                    FieldPanel("content"),
                ],
                heading="Inhoud",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("phone_number"),
                            FieldRowPanel(
                                [
                                    radio("phone_transfer_allowed"),
                                    radio("phone_share_with_citizen"),
                                ]
                            ),
                            radio("transfer_mode"),
                        ],
                        heading="Telefoon",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("email_address"),
                            FieldRowPanel(
                                [
                                    radio("email_forward_allowed"),
                                    radio("email_share_with_citizen"),
                                ]
                            ),
                            radio("email_delivery"),
                            FieldPanel("email_template"),
                            radio("email_requires_national_number"),
                        ],
                        heading="E-mail",
                    ),
                    InlinePanel(
                        "exceptions",
                        heading="Afwijkende bereikbaarheid",
                        label="afwijkende bereikbaarheid",
                        help_text=(
                            "Alleen bij uitzonderlijke onbereikbaarheid, bijv. door een teamdag. "
                            "Vermeld geen interne reden als die voor de burger niet relevant is. "
                            "De melding verdwijnt vanzelf na de periode: niets om weg te halen."
                        ),
                    ),
                    FieldPanel("weekly_hours"),
                ],
                heading="Contact",
            ),
            ObjectList(
                [FieldPanel("handling_working_days"), FieldPanel("handling_info")],
                heading="Behandeltermijn",
            ),
            ObjectList(
                [
                    InlinePanel(
                        "contact_persons",
                        heading="Contactpersonen",
                        label="contactpersoon",
                        help_text="Intern: met wie bij de dienst de afspraken gemaakt zijn.",
                    ),
                    FieldPanel("search_terms"),
                ],
                heading="Refereren",
            ),
            ObjectList(
                [
                    FieldPanel("line_codes", widget=forms.CheckboxSelectMultiple),
                    MultiFieldPanel(
                        [FieldPanel("agreements_date"), FieldPanel("agreements_with")],
                        heading="Afspraken met de dienst",
                    ),
                    HelpPanel(
                        content=(
                            "<p>Koppel het escalatiepunt na publicatie aan de topics, artikels, "
                            "producten en vragen waarover het vragen kan beantwoorden (tab "
                            "Contactcenter van dat item), en aan zijn rapporteringsorganisatie.</p>"
                        )
                    ),
                ],
                heading="Publiceren",
            ),
            ObjectList(
                [
                    FieldPanel("editorial_domains", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("reporting_theme"),
                    FieldPanel("reporting_organisation", widget=EntityChooserWidget),
                ],
                heading="Rapporteren",
            ),
            SavedPointTab(
                [
                    HelpPanel(
                        template="points/panels/planned_changes.html",
                        heading="Geplande wijzigingen",
                    )
                ],
                heading="Geplande wijzigingen",
            ),
        ],
        base_form_class=EscalationPointForm,
    )

    class Meta:
        verbose_name = "escalatiepunt"
        verbose_name_plural = "escalatiepunten"
        ordering = ["editorial_title"]

    def get_preview_template(self, request, mode_name):
        return "points/preview/escalation_point.html"

    # Derived values the agent sees (R6, R7, R9, R11, R13).
    @property
    def has_phone(self) -> bool:
        return bool(self.phone_number)

    @property
    def has_email(self) -> bool:
        return bool(self.email_address)

    @property
    def closes_contact(self) -> bool:
        return self.transfer_mode == TransferMode.CLOSED

    def __str__(self):
        return self.editorial_title or "Escalatiepunt zonder titel"

    @property
    def shown_public_title(self) -> str:
        """R2: the public title, which is the editorial title unless an editor set another."""
        return self.public_title or self.editorial_title

    @property
    def status(self) -> str:
        return PointStatus.PUBLISHED if self.live else PointStatus.DRAFT

    @property
    def phone_hours_summary(self) -> str:
        return phone_hours.summary(self.time_slots.all()) if self.has_phone else "Geen telefoon"

    phone_hours_summary.fget.short_description = "Telefonische bereikbaarheid"

    @property
    def search_term_list(self) -> list[str]:
        return rules.split_lines(self.search_terms)

    @property
    def content_lines(self) -> list[str]:
        return rules.split_lines(self.content)

    def set_phone_hours(self, week: phone_hours.WeekData) -> None:
        """Replace the time slots by those of a valid week (R17), in memory until saved."""
        self.time_slots = [
            TimeSlot(weekday=weekday, start=start, end=end)
            for weekday, start, end in phone_hours.slot_values(week)
        ]

    def clean(self):
        super().clean()
        rules.apply_defaults(self)
        rules.normalise(self)
        errors = rules.field_errors(self)
        if errors:
            raise ValidationError(errors)


class TimeSlot(Orderable):
    """A slot of phone hours on one weekday in which agents may transfer (R17)."""

    point = ParentalKey(EscalationPoint, on_delete=models.CASCADE, related_name="time_slots")
    weekday = models.PositiveSmallIntegerField("weekdag", choices=list(enumerate(WEEKDAY_NAMES)))
    start = models.TimeField("van")
    end = models.TimeField("tot")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = "tijdslot"
        verbose_name_plural = "tijdsloten"

    def __str__(self):
        return f"{self.get_weekday_display()} {parse_slot((self.start, self.end))}"

    def clean(self):
        super().clean()
        if self.start is not None and self.end is not None:
            messages = validate_day_slots([(self.start, self.end)])
            if messages:
                raise ValidationError({"end": messages})


class AvailabilityException(ShownAs, Orderable):
    """Exceptional unavailability for a period (R16); it disappears by itself afterwards."""

    shown_as = "message"

    point = ParentalKey(EscalationPoint, on_delete=models.CASCADE, related_name="exceptions")
    starts_at = models.DateTimeField("vanaf")
    ends_at = models.DateTimeField("tot")
    channel = choice_field(
        "kanaal", [(channel.value, channel.label) for channel in Channel], default=Channel.PHONE
    )
    whole_days = models.BooleanField(
        "hele dagen",
        default=False,
        help_text="Aangevinkt: van het begin van de eerste tot het einde van de laatste dag; "
        "de uren worden genegeerd.",
    )
    replacement_hours = models.CharField(
        "vervangende uren",
        max_length=100,
        blank=True,
        help_text="Leeg = de hele periode onbereikbaar. Anders de uren waarin de dienst in "
        "deze periode wel bereikbaar is, bijv. '10:00-12:00, 13:00-15:00'.",
    )
    message = models.CharField(
        "melding",
        max_length=200,
        help_text="Kort, zonder interne reden, bijv. 'Telefonisch niet bereikbaar op donderdag "
        "12-12-2026.'",
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("whole_days")]),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("replacement_hours")]),
        FieldPanel("message"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "afwijkende bereikbaarheid"
        verbose_name_plural = "afwijkende bereikbaarheid"

    def clean(self):
        super().clean()
        for field in ("starts_at", "ends_at"):
            moment = getattr(self, field)
            if moment and not moment_in_range(moment):
                raise ValidationError({field: OUT_OF_RANGE})
        if self.whole_days and self.starts_at and self.ends_at:
            self.starts_at, self.ends_at = rules.whole_day_period(self.starts_at, self.ends_at)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": rules.EXCEPTION_END_BEFORE_START})
        if self.pk is None and self.ends_at and self.ends_at <= timezone.now():
            # R16: a new exception for a period that is over would never be shown.
            raise ValidationError({"ends_at": rules.EXCEPTION_ALREADY_OVER})
        rules.normalise_field(self, "replacement_hours", rules.normalise_replacement_hours)

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def replacement_slots(self) -> list[list[str]] | None:
        return rules.parse_replacement_hours(self.replacement_hours)


class ContactPerson(ShownAs, Orderable):
    """Who at the service the agreements were made with (internal, R19)."""

    shown_as = "name"

    point = ParentalKey(EscalationPoint, on_delete=models.CASCADE, related_name="contact_persons")
    name = models.CharField("naam", max_length=120)
    role = models.CharField("functie", max_length=120, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoonnummer", max_length=32, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"

    def clean(self):
        super().clean()
        rules.normalise_field(self, "phone", rules.normalise_phone)


class ChangeState(models.TextChoices):
    """Where a planned change is in its life (R25)."""

    PLANNED = "planned", "Gepland"
    APPLIED = "applied", "Toegepast"
    REVERTED = "reverted", "Teruggedraaid"
    CANCELLED = "cancelled", "Geannuleerd"
    FAILED = "failed", "Mislukt"


class ScheduledChangeQuerySet(models.QuerySet):
    def pending(self):
        """Changes that still have a moment to come: taking effect, or being undone."""
        return self.filter(
            models.Q(state=ChangeState.PLANNED)
            | models.Q(state=ChangeState.APPLIED, revert_at__isnull=False)
        )

    def due(self, now):
        """Changes whose moment (taking effect or being undone) has come."""
        return self.filter(
            models.Q(state=ChangeState.PLANNED, effective_at__lte=now)
            | models.Q(state=ChangeState.APPLIED, revert_at__lte=now)
        )

    def with_moment(self):
        """`moment`: the next moment of the change (its start, or its end once applied)."""
        return self.annotate(
            moment=models.Case(
                models.When(state=ChangeState.APPLIED, then=models.F("revert_at")),
                default=models.F("effective_at"),
            )
        )


class ScheduledChange(models.Model):
    """A part of a point (a partial document of `points.document`) that takes effect at a
    moment and is optionally undone at a later one (R25). `points.planning` plans, applies
    and undoes it."""

    point = models.ForeignKey(
        EscalationPoint,
        verbose_name="escalatiepunt",
        on_delete=models.CASCADE,
        related_name="scheduled_changes",
    )
    changes = models.JSONField("wijzigingen", default=dict)
    effective_at = models.DateTimeField("gaat in op", db_index=True)
    revert_at = models.DateTimeField("terugdraaien op", null=True, blank=True, db_index=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gepland door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = choice_field("status", ChangeState, default=ChangeState.PLANNED)
    previous = models.JSONField(
        "waarden ervoor", default=dict, help_text="De delen zoals ze waren vlak voor de wijziging."
    )
    applied_values = models.JSONField(
        "waarden erna", default=dict, help_text="De delen zoals de wijziging ze zette."
    )
    applied_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField("toegepast op", null=True)
    reverted_at = models.DateTimeField("teruggedraaid op", null=True)
    failed_at = models.DateTimeField("mislukt op", null=True)
    failure = models.TextField("reden", blank=True)
    created_at = models.DateTimeField("gepland op", auto_now_add=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = ScheduledChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "geplande wijziging"
        verbose_name_plural = "geplande wijzigingen"
        ordering = ["effective_at", "pk"]

    def __str__(self):
        return f"Geplande wijziging #{self.pk}"

    @property
    def is_editable(self) -> bool:
        """A change can be edited or cancelled until it takes effect."""
        return self.state == ChangeState.PLANNED
