from django.http import Http404
from ninja import Router

from api.points import NO_VIEW, require
from api.schemas import ErrorOut, KnowledgeItemOut
from knowledge.models import KnowledgeKind
from knowledge.services import get_item, item_title, kind_of, published_points_of
from points.document import SUMMARY, to_data

router = Router(tags=["kennisitems"])


@router.get(
    "/{kind}/{int:item_id}",
    response={200: KnowledgeItemOut, 404: ErrorOut},
    summary="Een kennisitem met zijn escalatiepunten (R23, R24)",
)
def get_knowledge_item(request, kind: KnowledgeKind, item_id: int):
    """`kind` is topic, article, product, question or organisation."""
    require(request, "view", NO_VIEW)
    item = get_item(kind, item_id)
    if item is None:
        raise Http404
    return {
        "kind": kind_of(item),
        "id": item.pk,
        "title": item_title(item),
        "escalation_points": [to_data(point, only=SUMMARY) for point in published_points_of(item)],
    }
