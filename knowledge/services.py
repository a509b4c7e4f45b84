"""Knowledge items and their escalation points (R23, R24), for the console and the API."""

from django.db.models import Prefetch

from knowledge.models import (
    ArticleEscalationPoint,
    ArticlePage,
    Organisation,
    ProductEscalationPoint,
    ProductPage,
    Question,
    QuestionEscalationPoint,
    TopicEscalationPoint,
    TopicPage,
)
from points.models import EscalationPoint

KINDS = {
    "topic": (TopicPage, TopicEscalationPoint, "topic"),
    "article": (ArticlePage, ArticleEscalationPoint, "artikel"),
    "product": (ProductPage, ProductEscalationPoint, "product"),
    "question": (Question, QuestionEscalationPoint, "vraag"),
}


def item_title(item) -> str:
    if isinstance(item, Question):
        return item.question
    if isinstance(item, Organisation):
        return item.name
    return item.title


ORGANISATION_LABEL = "organisatie"


def kind_label(kind: str) -> str:
    return KINDS[kind][2] if kind in KINDS else ORGANISATION_LABEL


def kind_of(item) -> str:
    for kind, (model, _, _) in KINDS.items():
        if isinstance(item, model):
            return kind
    return "organisation"


def get_item(kind: str, item_id: int):
    """A live knowledge item of that kind, or None."""
    if kind == "organisation":
        return Organisation.objects.filter(pk=item_id).first()
    if kind not in KINDS:
        return None
    model = KINDS[kind][0]
    queryset = model.objects.all() if model is Question else model.objects.live()
    return queryset.filter(pk=item_id).first()


def published_points_of(item) -> list[EscalationPoint]:
    """R23/R24: the item's published points in the editor's order. An organisation's points
    are those that report to it (the point's reporting organisation is the one source)."""
    if isinstance(item, Organisation):
        points = item.escalation_points.published().select_related("email_template")
        return list(points.order_by("editorial_title"))
    links = item.escalation_point_links.select_related("point__email_template").order_by(
        "sort_order"
    )
    return [link.point for link in links if link.point.live]


def items_linking(point: EscalationPoint) -> list[dict]:
    """Every knowledge item that links the point, for its card and its API detail."""
    items = []
    for kind, (model, link_model, label) in KINDS.items():
        links = link_model.objects.filter(point=point).select_related("item")
        for link in links:
            item = link.item
            if model is not Question and not item.live:
                continue
            items.append({"kind": kind, "label": label, "id": item.pk, "title": item_title(item)})
    if point.reporting_organisation_id:
        organisation = point.reporting_organisation
        items.append(
            {
                "kind": "organisation",
                "label": ORGANISATION_LABEL,
                "id": organisation.pk,
                "title": organisation.name,
            }
        )
    return items


def topics_with_children():
    return (
        TopicPage.objects.live()
        .order_by("path")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("question")))
    )
