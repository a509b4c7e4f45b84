from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


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
                        template="knowledge/panels/organisation_points.html",
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


# --- Knowledge items: the public site's pages and the agents' questions ---------------


class EscalationPointLink(Orderable):
    """One escalation point on an item's tab Contactcenter (R23). Contactcenter only (R1)."""

    point = models.ForeignKey(
        "points.EscalationPoint",
        verbose_name="escalatiepunt",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Typ een deel van de titel of de entiteit, bijv. 'Jacht' of 'ANB'.",
    )

    panels = [FieldPanel("point")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "escalatiepunt"
        verbose_name_plural = "escalatiepunten"


CONTACTCENTER_HELP = (
    "Escalatiepunten die vragen over dit item kunnen beantwoorden, in de volgorde waarin "
    "voorlichters ze zien. Ze verschijnen enkel op de contactcentersite, nooit publiek."
)


def contactcenter_tab():
    return ObjectList(
        [
            InlinePanel(
                "escalation_point_links",
                heading="Escalatiepunten",
                label="escalatiepunt",
                help_text=CONTACTCENTER_HELP,
            )
        ],
        heading="Contactcenter",
    )


def page_tabs(content_panels):
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Inhoud"),
            ObjectList(Page.promote_panels, heading="Promotie"),
            contactcenter_tab(),
            ObjectList(Page.settings_panels, heading="Instellingen"),
        ]
    )


class KnowledgePage(Page):
    """Common fields of the public site's pages."""

    intro = models.TextField(
        "inleiding", blank=True, help_text="Eén of twee zinnen bovenaan de pagina."
    )
    body = RichTextField("tekst", blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True


class HomePage(Page):
    intro = models.TextField("inleiding", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["knowledge.TopicPage"]
    max_count = 1
    template = "public/home_page.html"

    class Meta:
        verbose_name = "startpagina"


# Paths the site itself serves below its root; a topic with such a slug would be hidden.
RESERVED_SLUGS = {
    "api",
    "cms",
    "contactcenter",
    "documents",
    "media",
    "organisaties",
    "robots.txt",
    "sitemap.xml",
    "static",
    "zoeken",
}


class TopicPage(KnowledgePage):
    contactcenter_kind = "topic"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            message = f"De slug '{self.slug}' is voorbehouden voor de site zelf: kies een andere."
            raise ValidationError({"slug": message})

    subpage_types = ["knowledge.ArticlePage", "knowledge.ProductPage"]
    parent_page_types = ["knowledge.HomePage"]
    edit_handler = page_tabs(KnowledgePage.content_panels)
    template = "public/topic_page.html"

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"


class ArticlePage(KnowledgePage):
    contactcenter_kind = "article"
    subpage_types = []
    parent_page_types = ["knowledge.TopicPage"]
    edit_handler = page_tabs(KnowledgePage.content_panels)
    template = "public/article_page.html"

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikels"


class ProductPage(KnowledgePage):
    contactcenter_kind = "product"
    conditions = RichTextField(
        "voorwaarden", blank=True, help_text="Wie komt in aanmerking en onder welke voorwaarden."
    )
    procedure = RichTextField("hoe aanvragen", blank=True)
    cost = models.CharField("kostprijs", max_length=200, blank=True, help_text="Bijv. 'Gratis'.")

    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("conditions"),
        index.SearchField("procedure"),
    ]
    subpage_types = []
    parent_page_types = ["knowledge.TopicPage"]
    edit_handler = page_tabs(
        [
            *KnowledgePage.content_panels,
            FieldPanel("conditions"),
            FieldPanel("procedure"),
            FieldPanel("cost"),
        ]
    )
    template = "public/product_page.html"

    class Meta:
        verbose_name = "product"
        verbose_name_plural = "producten"


class QuestionQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Question(index.Indexed, ClusterableModel):
    """A question as citizens ask it, with a short answer for agents (contactcenter only)."""

    question = models.CharField(
        "vraag",
        max_length=255,
        help_text="Zoals burgers ze stellen, bijv. 'Hoe krijg ik een jachtverlof?'",
    )
    answer = models.TextField(
        "kort antwoord", help_text="Het antwoord dat de voorlichter aan de telefoon geeft."
    )
    topic = models.ForeignKey(
        TopicPage,
        verbose_name="topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("question", boost=3),
        index.SearchField("answer"),
        index.AutocompleteField("question"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("question"), FieldPanel("answer"), FieldPanel("topic")],
                heading="Inhoud",
            ),
            contactcenter_tab(),
        ]
    )

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["question"]

    def __str__(self):
        return self.question


class TopicEscalationPoint(EscalationPointLink):
    item = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="escalation_point_links")

    class Meta(EscalationPointLink.Meta):
        unique_together = [("item", "point")]


class ArticleEscalationPoint(EscalationPointLink):
    item = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="escalation_point_links")

    class Meta(EscalationPointLink.Meta):
        unique_together = [("item", "point")]


class ProductEscalationPoint(EscalationPointLink):
    item = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="escalation_point_links")

    class Meta(EscalationPointLink.Meta):
        unique_together = [("item", "point")]


class QuestionEscalationPoint(EscalationPointLink):
    item = ParentalKey(Question, on_delete=models.CASCADE, related_name="escalation_point_links")

    class Meta(EscalationPointLink.Meta):
        unique_together = [("item", "point")]
