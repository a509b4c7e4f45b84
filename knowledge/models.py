"""Knowledge items: the public site's topics, articles and products, and the agents'
questions, each with a tab Contactcenter of linked escalation points (R23). Organisations
are reference data (`reference.models`); their points are those that report to them (R24).
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.fields import ShownAs, optional_reference


class KnowledgeKind(models.TextChoices):
    """The kinds of item an agent opens in the console, as in its URLs and the API."""

    TOPIC = "topic", "topic"
    ARTICLE = "article", "artikel"
    PRODUCT = "product", "product"
    QUESTION = "question", "vraag"
    ORGANISATION = "organisation", "organisatie"


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
    contactcenter_kind = KnowledgeKind.TOPIC

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
    contactcenter_kind = KnowledgeKind.ARTICLE
    subpage_types = []
    parent_page_types = ["knowledge.TopicPage"]
    edit_handler = page_tabs(KnowledgePage.content_panels)
    template = "public/article_page.html"

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikels"


class ProductPage(KnowledgePage):
    contactcenter_kind = KnowledgeKind.PRODUCT
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


class Question(ShownAs, index.Indexed, ClusterableModel):
    """A question as citizens ask it, with a short answer for agents (contactcenter only)."""

    shown_as = "question"

    contactcenter_kind = KnowledgeKind.QUESTION

    question = models.CharField(
        "vraag",
        max_length=255,
        help_text="Zoals burgers ze stellen, bijv. 'Hoe krijg ik een jachtverlof?'",
    )
    answer = models.TextField(
        "kort antwoord", help_text="Het antwoord dat de voorlichter aan de telefoon geeft."
    )
    topic = optional_reference(
        TopicPage,
        "topic",
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


# The kinds of item with a tab Contactcenter, each with its model.
PAGE_KINDS = {page.contactcenter_kind: page for page in (TopicPage, ArticlePage, ProductPage)}
ITEM_KINDS = {**PAGE_KINDS, KnowledgeKind.QUESTION: Question}


class SearchEntry(models.Model):
    """One row of the agents' search index (`knowledge.search_index`): a published point or
    a knowledge item, with what a result shows without reading the item itself.

    Its full text lives beside it: on PostgreSQL in the column `document` (a weighted
    `tsvector` with a GIN index), on SQLite in the FTS5 table `knowledge_searchentry_fts`
    (rowid = id); both are created by migration 0005 for their database only. Contactcenter
    only (R1): the public site never reads it.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    snippet = models.CharField(max_length=255, blank=True)
    # '|3|7|': an item's published points in the editor's order (empty for a point).
    point_ids = models.TextField(blank=True)
    # '|1700|wonen|' and '|anb|': line codes and organisations (lower case) of the point,
    # or of an item's points, for the `line` and `organisation` filters and R20's order.
    line_codes = models.TextField(blank=True)
    organisations = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchIndexVersion(models.Model):
    """One row (id 1) whose `version` is raised after every committed change to the search
    index (`knowledge.search_index.changed`): a process that keeps ranked results
    (`knowledge.search`) reads it on every search and ranks again when it has moved."""

    version = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.version)


class SearchWord(models.Model):
    """The vocabulary of the search index: every folded word with its stem, for matching
    on the stem, completing the word being typed and correcting one typo."""

    word = models.CharField(max_length=100, unique=True)
    stem = models.CharField(max_length=100, db_index=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.word
