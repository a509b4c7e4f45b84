"""factory_boy factories for knowledge items: topic, article and product pages, questions.

Pages are added as an editor adds them, through Wagtail's API: `parent.add_child`, then a
revision that is published (or, with `publish=False`, left a draft). A topic goes under the
site's home page; an article or product under a new topic unless `parent=` is given.
`points=[...]` links escalation points on the item's tab Contactcenter, in that order; on
a page the links are part of the revision, and of the database once published.
"""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from knowledge.models import ArticlePage, HomePage, ProductPage, Question, TopicPage


def home_page() -> HomePage:
    """The home page the migration creates: the default site's root."""
    return HomePage.objects.get()


def link_points(item, points) -> None:
    """Set the item's tab Contactcenter to these points, in order (not saved yet)."""
    item.escalation_point_links = [item.escalation_point_links.model(point=p) for p in points]


def publish_points(page, points) -> None:
    """Link these points on a page's tab Contactcenter and publish that as a new revision."""
    link_points(page, points)
    page.save_revision().publish()


class KnowledgePageFactory(factory.Factory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = factory.LazyAttribute(lambda page: f"Alles over {page.title.lower()}.")
    body = factory.LazyAttribute(lambda page: f"<p>{page.intro}</p>")
    # Not fields of the page: where it goes, whether it goes live, what it links.
    parent = factory.LazyFunction(home_page)
    publish = True
    points = ()

    @classmethod
    def _build(cls, model_class, *args, parent, publish, points, **fields):
        page = model_class(**fields)
        link_points(page, points)
        return page

    @classmethod
    def _create(cls, model_class, *args, parent, publish, points, **fields):
        page = model_class(live=publish, **fields)
        parent.add_child(instance=page)
        if points:
            link_points(page, points)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page


class TopicPageFactory(KnowledgePageFactory):
    class Meta:
        model = TopicPage


class ArticlePageFactory(KnowledgePageFactory):
    class Meta:
        model = ArticlePage

    parent = factory.SubFactory(TopicPageFactory)


class ProductPageFactory(KnowledgePageFactory):
    class Meta:
        model = ProductPage

    parent = factory.SubFactory(TopicPageFactory)
    conditions = "<p>U bent minstens 18 jaar.</p>"
    procedure = "<p>Schrijf u in via het e-loket.</p>"
    cost = "Gratis"


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    question = factory.Sequence(lambda n: f"Hoe vraag ik dienst {n} aan?")
    answer = "Via het e-loket."
    topic = None
    points = ()

    @classmethod
    def _build(cls, model_class, *args, points, **fields):
        question = model_class(**fields)
        link_points(question, points)
        return question

    @classmethod
    def _create(cls, model_class, *args, **fields):
        question = cls._build(model_class, *args, **fields)
        question.save()
        return question
