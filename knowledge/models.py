from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel


class OrganisationQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Organisation(models.Model):
    """A government entity or one of its divisions/services (a hierarchy).

    Escalation points report to the top-level entity (R21).
    """

    name = models.CharField("volledige naam", max_length=255, unique=True)
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

    panels = [FieldPanel("name"), FieldPanel("abbreviation"), FieldPanel("parent")]
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
