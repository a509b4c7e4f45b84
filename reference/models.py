"""Reference data that several parts of the product share (R14, R18, R20, R21, R24).

Organisations with their hierarchy, line codes, e-mail templates, editorial domains,
reporting themes and closing days. They sit below the escalation points: a point refers to
them, they never import a point.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import PreviewableMixin

from core import roles
from core.fields import ShownAs, optional_reference, yes_no_field
from core.panels import radio
from reference import defaults, email_templates

ORGANISATION_NOT_TOP_LEVEL = (
    "Kies de entiteit zelf (het hoogste niveau), niet een afdeling of dienst: hier {top}."
)


class OrganisationQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Organisation(ClusterableModel):
    """A government entity or one of its divisions/services (a hierarchy).

    Escalation points report to the top-level entity (R21).
    """

    name = models.CharField("volledige naam", max_length=255, unique=True)
    description = models.TextField(
        "omschrijving",
        blank=True,
        help_text="Publieke omschrijving van wat de organisatie doet.",
    )
    website = models.URLField("website", blank=True)
    abbreviation = models.CharField(
        "afkorting",
        max_length=40,
        unique=True,
        help_text="De afkorting waarmee titels van escalatiepunten beginnen, bijv. ANB, VAPH, VMM.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="hoort bij",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=(
            "Leeg voor een entiteit zelf (hoogste niveau, bijv. Agentschap voor Natuur en Bos). "
            "Kies de entiteit voor een afdeling of dienst."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("abbreviation"),
                    FieldPanel("parent"),
                    FieldPanel("description"),
                    FieldPanel("website"),
                ],
                heading="Inhoud",
            ),
            ObjectList(
                [
                    HelpPanel(
                        template="reference/panels/organisation_points.html",
                        heading="Escalatiepunten van deze organisatie",
                    )
                ],
                heading="Contactcenter",
            ),
        ]
    )
    chooser_search_fields = ["abbreviation", "name"]

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]

    def __str__(self):
        return f"{self.abbreviation} - {self.name}" if self.abbreviation != self.name else self.name

    @property
    def is_top_level(self) -> bool:
        return self.parent_id is None

    @property
    def top_level(self) -> "Organisation":
        organisation, seen = self, set()
        while organisation.parent_id is not None and organisation.pk not in seen:
            seen.add(organisation.pk)
            organisation = organisation.parent
        return organisation

    def clean(self):
        if self.pk and self.parent_id and self.escalation_points.exists():
            titles = ", ".join(self.escalation_points.values_list("editorial_title", flat=True)[:5])
            raise ValidationError(
                {
                    "parent": "Escalatiepunten rapporteren aan deze organisatie als entiteit "
                    f"({titles}). Kies eerst voor die punten een andere rapporteringsorganisatie."
                }
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError(
                    {
                        "parent": "Een organisatie kan niet bij zichzelf of bij een eigen "
                        "afdeling horen."
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class ClosingDayQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id):
        return self.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation_id=organisation_id)
        )

    def by_day(self, organisation_id, years) -> dict:
        """{date: row} of the rows for everyone and for this organisation in `years`; on a
        date with both, the organisation's own row wins."""
        return self.by_day_per_organisation([organisation_id], years)[organisation_id]

    def by_day_per_organisation(self, organisation_ids, years) -> dict:
        """{organisation id: {date: row}} as `by_day` for several organisations, in one query
        (a page with several cards)."""
        ids = set(organisation_ids)
        rows = self.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation_id__in=ids - {None}),
            day__year__in=list(years),
        )
        ordered = sorted(rows, key=lambda row: row.organisation_id is not None)
        return {
            organisation_id: {
                row.day: row
                for row in ordered
                if row.organisation_id is None or row.organisation_id == organisation_id
            }
            for organisation_id in ids
        }


class DefaultQuerySet(models.QuerySet):
    def defaults(self):
        return self.filter(is_default=True)

    def default_pk(self) -> int | None:
        """The first default row, e.g. 'Escalatie Template Detail 1700' (R14)."""
        return self.defaults().order_by("pk").values_list("pk", flat=True).first()


class NamedReference(ShownAs, models.Model):
    """Reference data that is only a name (editorial domains, reporting themes)."""

    shown_as = "name"

    name = models.CharField("naam", max_length=120, unique=True)

    panels = [FieldPanel("name")]
    chooser_search_fields = ["name"]

    class Meta:
        abstract = True
        ordering = ["name"]


class CodedReference(NamedReference):
    """Reference data found by a short code, one of which may be the default (R14, R20)."""

    objects = DefaultQuerySet.as_manager()

    chooser_search_fields = ["code", "name"]

    class Meta(NamedReference.Meta):
        abstract = True


class LineCodeQuerySet(DefaultQuerySet):
    def of_agent(self, user):
        """R20: the lines an agent handles, given to the agent or to one of the agent's
        groups (teams)."""
        if not user.is_authenticated:
            return self.none()
        has_line = models.Q(agents=user) | models.Q(groups__user=user)
        return self.filter(pk__in=self.filter(has_line).values("pk")).order_by("code")

    def with_own(self, user):
        """Every line code with `own`: is it one of the agent's lines (as `of_agent`)? Two
        small EXISTS, cheap for PostgreSQL to plan (the console asks on every search)."""
        if not user.is_authenticated:
            return self.annotate(own=models.Value(False))
        given = LineCode.agents.through.objects.filter(
            linecode_id=models.OuterRef("pk"), user_id=user.pk
        )
        to_team = LineCode.groups.through.objects.filter(
            linecode_id=models.OuterRef("pk"),
            group_id__in=user.groups.through.objects.filter(user_id=user.pk).values("group_id"),
        )
        return self.annotate(own=models.Exists(given) | models.Exists(to_team))


class LineCode(CodedReference):
    """An agents' skill (lijncode), e.g. '1700 Andere Vragen' or a sector line (R20)."""

    code = models.CharField(
        "code", max_length=40, unique=True, help_text="Korte code, bijv. 1700 of WONEN."
    )
    is_default = models.BooleanField(
        "standaard",
        default=False,
        help_text="Nieuwe escalatiepunten krijgen deze lijncode standaard.",
    )
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="line_codes",
        limit_choices_to={"groups__name": roles.VOORLICHTER, "is_active": True},
        verbose_name="voorlichters",
        help_text="Voorlichters met deze lijn als skill: hun zoekresultaten tonen de "
        "escalatiepunten van hun lijnen eerst.",
    )
    groups = models.ManyToManyField(
        Group,
        blank=True,
        related_name="line_codes",
        verbose_name="groepen",
        help_text="Of geef de lijn aan een hele groep (team) van voorlichters.",
    )

    objects = LineCodeQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("is_default"),
        FieldPanel("agents", widget=forms.CheckboxSelectMultiple),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(CodedReference.Meta):
        verbose_name = "lijncode"
        verbose_name_plural = "lijncodes"


class EmailTemplate(PreviewableMixin, CodedReference):
    """R14: the texts of an e-mail escalation: the message to the service and the
    confirmation to the citizen, with named variables (`reference.email_templates`) that are
    checked when the template is saved. The preview shows both messages filled in."""

    code = models.CharField(
        "code",
        max_length=40,
        unique=True,
        help_text="Korte code waarmee redacteurs de template vinden, bijv. 1700.",
    )
    name = models.CharField("naam", max_length=160, unique=True)
    subject = models.CharField(
        "onderwerp",
        max_length=200,
        help_text="Onderwerp van de escalatiemail aan de dienst, bijv. 'Escalatie: {titel} "
        "({referentie})'.",
    )
    body = models.TextField(
        "tekst",
        help_text="Tekst van de escalatiemail aan de dienst. Variabelen staan tussen "
        "accolades, bijv. {vraag}; de lijst staat hierboven.",
    )
    citizen_subject = models.CharField(
        "onderwerp bevestiging",
        max_length=200,
        default=defaults.CITIZEN_SUBJECT,
        help_text="Onderwerp van de bevestiging aan de burger.",
    )
    citizen_body = models.TextField(
        "tekst bevestiging",
        default=defaults.CITIZEN_BODY,
        help_text="Tekst van de bevestiging aan de burger. Moet {behandeltermijn}, "
        "{uiterlijk_op} en {info} bevatten (R18); nooit {notitie} of {rijksregisternummer}.",
    )
    is_default = models.BooleanField(
        "standaard",
        default=False,
        help_text="De algemene template die nieuwe escalatiepunten standaard krijgen.",
    )

    panels = [
        HelpPanel(content=email_templates.variables_help_html(), heading="Variabelen"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [FieldPanel("subject"), FieldPanel("body")], heading="Escalatiemail aan de dienst"
        ),
        MultiFieldPanel(
            [FieldPanel("citizen_subject"), FieldPanel("citizen_body")],
            heading="Bevestiging aan de burger",
        ),
    ]

    class Meta(CodedReference.Meta):
        verbose_name = "e-mailtemplate"
        verbose_name_plural = "e-mailtemplates"

    def clean(self):
        super().clean()
        errors = {}
        for field, for_citizen in self.TEXTS:
            problems = email_templates.template_errors(
                getattr(self, field), for_citizen=for_citizen
            )
            if problems:
                errors[field] = problems
        if "citizen_body" not in errors:
            missing = email_templates.missing_for_citizen(self.citizen_body)
            if missing:
                errors["citizen_body"] = [
                    "De bevestiging aan de burger moet de behandeltermijn vermelden (R18): "
                    "voeg " + ", ".join(f"{{{name}}}" for name in missing) + " toe."
                ]
        if errors:
            raise ValidationError(errors)

    TEXTS = (
        ("subject", False),
        ("body", False),
        ("citizen_subject", True),
        ("citizen_body", True),
    )

    def rendered_example(self) -> dict[str, str]:
        """The four texts filled in with example values (the editor's preview)."""
        values = email_templates.example_values()
        rendered = {}
        for field, _ in self.TEXTS:
            text = getattr(self, field)
            problems = email_templates.template_errors(text)
            rendered[field] = (
                " ".join(problems) if problems else email_templates.render(text, values)
            )
        return rendered

    def get_preview_template(self, request, mode_name):
        return "reference/email_template_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), **self.rendered_example()}


class EditorialDomain(NamedReference):
    class Meta(NamedReference.Meta):
        verbose_name = "redactioneel domein"
        verbose_name_plural = "redactionele domeinen"


class ReportingTheme(NamedReference):
    class Meta(NamedReference.Meta):
        verbose_name = "rapporteringsthema"
        verbose_name_plural = "rapporteringsthema's"


CLOSING_DAY_EXISTS = (
    "Voor deze datum bestaat al een sluitingsdag (voor dezelfde organisatie). Pas die aan in "
    "plaats van een tweede toe te voegen."
)


class ClosingDay(models.Model):
    """A day the phone hours and the handling term skip, or a generated holiday switched off.

    Belgian public holidays and 11 July are generated (R18); a beheerder adds bridge days
    here, for everyone or for one organisation, or marks a generated holiday as open.
    """

    day = models.DateField("datum")
    name = models.CharField(
        "naam", max_length=120, help_text="Bijv. 'Brugdag' of 'Personeelsdag VMM'."
    )
    closed = yes_no_field(
        "gesloten",
        default=True,
        help_text=(
            "Ja: een extra sluitingsdag. Nee: een gegenereerde feestdag op deze datum geldt "
            "niet als sluitingsdag (de dienst is die dag wel bereikbaar)."
        ),
    )
    organisation = optional_reference(
        Organisation,
        "enkel voor organisatie",
        on_delete=models.CASCADE,
        related_name="closing_days",
        help_text="Leeg = voor alle escalatiepunten; anders enkel voor de punten van die entiteit.",
    )

    objects = ClosingDayQuerySet.as_manager()

    panels = [
        FieldPanel("day"),
        FieldPanel("name"),
        radio("closed"),
        FieldPanel("organisation"),
    ]
    chooser_search_fields = ["name"]

    class Meta:
        verbose_name = "sluitingsdag"
        verbose_name_plural = "sluitingsdagen"
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "organisation"],
                name="one_closing_day_per_date_and_organisation",
                violation_error_message=CLOSING_DAY_EXISTS,
            ),
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(organisation__isnull=True),
                name="one_global_closing_day_per_date",
                violation_error_message=CLOSING_DAY_EXISTS,
            ),
        ]

    def __str__(self):
        return f"{self.day:%d-%m-%Y} {self.name}"

    def clean(self):
        super().clean()
        if self.organisation_id and not self.organisation.is_top_level:
            top = self.organisation.top_level
            raise ValidationError({"organisation": ORGANISATION_NOT_TOP_LEVEL.format(top=top.name)})
