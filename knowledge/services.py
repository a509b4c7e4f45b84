"""Knowledge items and their escalation points (R23, R24), for the console and the API."""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page

from core.ids import is_row_id
from knowledge.models import ITEM_KINDS, PAGE_KINDS, KnowledgeKind, Question, TopicPage
from points.models import EscalationPoint
from reference.models import Organisation


def item_title(item) -> str:
    if isinstance(item, Question):
        return item.question
    if isinstance(item, Organisation):
        return item.name
    return item.title


def kind_of(item) -> KnowledgeKind:
    return getattr(item, "contactcenter_kind", KnowledgeKind.ORGANISATION)


def get_item(kind: str, item_id: int):
    """A live knowledge item of that kind, or None."""
    if not is_row_id(item_id):
        return None
    if kind == KnowledgeKind.ORGANISATION:
        return Organisation.objects.filter(pk=item_id).first()
    if kind not in ITEM_KINDS:
        return None
    model = ITEM_KINDS[kind]
    queryset = model.objects.all() if model is Question else model.objects.live()
    return queryset.filter(pk=item_id).first()


def published_points_of(item) -> list[EscalationPoint]:
    """R23/R24: the item's published points in the editor's order. An organisation's points
    are those that report to it (the point's reporting organisation is the one source)."""
    if isinstance(item, Organisation):
        points = item.escalation_points.published().select_related("email_template")
        return list(points.order_by("editorial_title"))
    # Links saved without a form have no sort_order: then the order they were added in.
    links = item.escalation_point_links.select_related("point__email_template").order_by(
        "sort_order", "pk"
    )
    return [link.point for link in links if link.point.live]


def _item_ref(kind: KnowledgeKind, item) -> dict:
    return {"kind": kind, "label": kind.label, "id": item.pk, "title": item_title(item)}


@cache
def _items_linking_sql() -> str:
    """One UNION over the link tables, joined straight to the items' titles: written out
    because the ORM's compilation of the same UNION cost more than the query itself on the
    card, the console's busiest page."""
    quote = connection.ops.quote_name
    page_table = quote(Page._meta.db_table)
    parts = []
    for order, (kind, model) in enumerate(ITEM_KINDS.items()):
        link_model = model._meta.get_field("escalation_point_links").related_model
        links = quote(link_model._meta.db_table)
        item_column = quote(link_model._meta.get_field("item").column)
        point_column = quote(link_model._meta.get_field("point").column)
        if model is Question:
            item_table, title, live = quote(model._meta.db_table), quote("question"), "(1 = 1)"
        else:
            item_table, title, live = page_table, quote("title"), f"i.{quote('live')}"
        parts.append(
            f"SELECT '{kind}', l.{item_column}, i.{title}, {live}, {order} FROM {links} AS l "
            f"JOIN {item_table} AS i ON i.{quote('id')} = l.{item_column} "
            f"WHERE l.{point_column} = %(point)s"
        )
    return " UNION ALL ".join(parts)


def items_linking(point: EscalationPoint) -> list[dict]:
    """Every knowledge item that links the point, for its card and its API detail: one query
    (a UNION over the link tables), however many items or kinds; live items only."""
    with connection.cursor() as cursor:
        cursor.execute(_items_linking_sql(), {"point": point.pk})
        rows = cursor.fetchall()
    items = [
        {"kind": KnowledgeKind(kind), "label": KnowledgeKind(kind).label, "id": pk, "title": title}
        for kind, pk, title, live, _ in sorted(rows, key=lambda row: (row[4], row[2], row[1]))
        if live
    ]
    if point.reporting_organisation_id:
        items.append(_item_ref(KnowledgeKind.ORGANISATION, point.reporting_organisation))
    return items


def topic_list():
    """The live topics by title, for the console's start page: one query, titles only."""
    return list(TopicPage.objects.live().order_by("title").values("pk", "title"))


def items_in_topic(topic: TopicPage) -> list[dict]:
    """The live articles and products under a topic, then its questions, each by title: two
    queries however many there are."""
    kind_of_content_type = {
        ContentType.objects.get_for_model(model).pk: kind for kind, model in PAGE_KINDS.items()
    }
    pages = topic.get_children().live().order_by("title")
    items = [
        {"kind": kind, "label": kind.label, "id": page["pk"], "title": page["title"]}
        for page in pages.values("pk", "title", "content_type_id")
        if (kind := kind_of_content_type.get(page["content_type_id"]))
    ]
    questions = topic.questions.order_by("question").values_list("pk", "question")
    question = KnowledgeKind.QUESTION
    return items + [
        {"kind": question, "label": question.label, "id": pk, "title": text}
        for pk, text in questions
    ]
