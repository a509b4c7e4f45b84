"""The public, read-only JSON API (/api/public/): topics, articles, products, organisations.

A separate NinjaAPI from the contactcenter's API v1: anonymous, GET only, and every
output schema lists its public fields explicitly, so nothing of the tab Contactcenter
(escalation points, questions) can ever slip into a response (R1).
"""

import inspect
from datetime import datetime

from django.http import HttpRequest
from django.utils.http import urlencode
from ninja import Field, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from wagtail.rich_text import expand_db_html

from core.ids import MAX_OFFSET, is_row_id
from core.openapi import DocumentedErrorsAPI
from knowledge.models import ArticlePage, ProductPage, TopicPage
from public import content
from reference.models import Organisation

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

api = DocumentedErrorsAPI(
    error_statuses={400: "Ongeldige parameters.", 404: "Niet gevonden."},
    title="Publieke API",
    version="1",
    description=(
        "Open gegevens van de publieke website: topics, artikels, producten en "
        "organisaties. Alleen lezen, zonder aanmelden. Lijsten zijn gepagineerd met "
        f"`limit` (standaard {DEFAULT_LIMIT}, hoogstens {MAX_LIMIT}) en `offset`."
    ),
    auth=None,
    urls_namespace="api-public",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# --- Schemas: explicit public fields only ------------------------------------------------


class ErrorOut(Schema):
    detail: str


class PageOut(Schema):
    id: int
    title: str
    slug: str
    url: str = Field(description="Absolute URL van de pagina op de publieke website.")
    intro: str
    body: str = Field(description="Tekst als HTML.")
    last_published_at: datetime | None


class TopicOut(PageOut):
    pass


class ArticleOut(PageOut):
    topic_id: int | None = Field(description="Id van het topic waaronder het artikel staat.")


class ProductOut(PageOut):
    topic_id: int | None = Field(description="Id van het topic waaronder het product staat.")
    conditions: str = Field(description="Voorwaarden, als HTML.")
    procedure: str = Field(description="Hoe aanvragen, als HTML.")
    cost: str


class OrganisationOut(Schema):
    id: int
    name: str
    abbreviation: str
    description: str
    website: str
    parent_id: int | None = Field(description="Id van de entiteit waar deze afdeling bij hoort.")


class ListOut(Schema):
    count: int
    limit: int
    offset: int
    next: str | None = Field(description="URL van de volgende pagina, of null.")
    previous: str | None = Field(description="URL van de vorige pagina, of null.")


class TopicListOut(ListOut):
    items: list[TopicOut]


class ArticleListOut(ListOut):
    items: list[ArticleOut]


class ProductListOut(ListOut):
    items: list[ProductOut]


class OrganisationListOut(ListOut):
    items: list[OrganisationOut]


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Aantal items.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Aantal items om over te slaan.")


class ChildPaging(Paging):
    topic: int | None = Field(None, description="Alleen de items onder dit topic (id).")


# --- Serialisation -------------------------------------------------------------------------


def _html(value: str) -> str:
    return expand_db_html(value) if value else ""


def _page_data(page, request: HttpRequest) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": request.build_absolute_uri(page.get_url(request)),
        "intro": page.intro,
        "body": _html(page.body),
        "last_published_at": page.last_published_at,
    }


def _topic_data(page, request, parents) -> dict:
    return _page_data(page, request)


def _article_data(page, request, parents) -> dict:
    return {**_page_data(page, request), "topic_id": parents.get(page.pk)}


def _product_data(page, request, parents) -> dict:
    return {
        **_page_data(page, request),
        "topic_id": parents.get(page.pk),
        "conditions": _html(page.conditions),
        "procedure": _html(page.procedure),
        "cost": page.cost,
    }


def _organisation_data(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "abbreviation": organisation.abbreviation,
        "description": organisation.description,
        "website": organisation.website,
        "parent_id": organisation.parent_id,
    }


def _pages(request, model):
    """Live, public pages of one type on this site: the only pages the API serves."""
    return content.public_pages(request, model)


def _page_link(request, offset: int, paging: Paging, count: int, extra: dict) -> str | None:
    if offset < 0 or offset >= count:
        return None
    query = {**extra, "limit": paging.limit, "offset": offset}
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


def _listing(request, queryset, paging: Paging, serialise_items, extra: dict) -> dict:
    """One page of a list: `serialise_items` turns the fetched objects into dicts."""
    count = queryset.count()
    items = list(queryset[paging.offset : paging.offset + paging.limit])
    previous = None
    if paging.offset > 0:
        previous = _page_link(request, max(paging.offset - paging.limit, 0), paging, count, extra)
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": _page_link(request, paging.offset + paging.limit, paging, count, extra),
        "previous": previous,
        "items": serialise_items(items),
    }


def _page_listing(request, model, paging: Paging, serialise, topic: int | None = None):
    queryset = _pages(request, model).order_by("path")
    extra = {}
    if topic is not None:
        topic_page = _pages(request, TopicPage).filter(pk=topic).first()
        queryset = queryset.child_of(topic_page) if topic_page else queryset.none()
        extra["topic"] = topic

    def serialise_items(pages):
        parents = content.public_parent_ids(pages, request)
        return [serialise(page, request, parents) for page in pages]

    return _listing(request, queryset, paging, serialise_items, extra)


def _page_detail(request, model, page_id: int, serialise, not_found: str):
    page = _pages(request, model).filter(pk=page_id).first() if is_row_id(page_id) else None
    if page is None:
        return Status(404, {"detail": not_found})
    return Status(200, serialise(page, request, content.public_parent_ids([page], request)))


# --- Endpoints -----------------------------------------------------------------------------

ORGANISATION_NOT_FOUND = "Deze organisatie bestaat niet."


def _page_endpoints(path: str, model, list_schema, detail_schema, serialise) -> None:
    """Register the list and the detail endpoint of one page type, named after the model."""
    singular, plural = model._meta.verbose_name, str(model._meta.verbose_name_plural)
    by_topic = model is not TopicPage
    id_name = f"{path.strip('/')[:-1]}_id"  # topic_id, article_id, product_id
    not_found = f"Dit {singular} bestaat niet of is niet gepubliceerd."

    def list_pages(request, paging: Query[ChildPaging if by_topic else Paging]):
        topic = paging.topic if by_topic else None
        return _page_listing(request, model, paging, serialise, topic)

    def get_page(request, **path_values):
        return _page_detail(request, model, path_values[id_name], serialise, not_found)

    # The detail's path parameter keeps its own name in the schema (topic_id, article_id …).
    get_page.__signature__ = inspect.Signature(
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter(id_name, inspect.Parameter.KEYWORD_ONLY, annotation=int),
        ]
    )
    name, tags = path.strip("/"), [plural.lower()]
    api.get(
        path,
        response=list_schema,
        tags=tags,
        summary=plural.capitalize(),
        operation_id=f"public_api_list_{name}",
    )(list_pages)
    api.get(
        f"{path}/{{{id_name}}}",
        response={200: detail_schema, 404: ErrorOut},
        tags=tags,
        summary=f"Eén {singular}",
        operation_id=f"public_api_get_{name}",
    )(get_page)


_page_endpoints("/topics", TopicPage, TopicListOut, TopicOut, _topic_data)
_page_endpoints("/articles", ArticlePage, ArticleListOut, ArticleOut, _article_data)
_page_endpoints("/products", ProductPage, ProductListOut, ProductOut, _product_data)


@api.get(
    "/organisations", response=OrganisationListOut, tags=["organisaties"], summary="Organisaties"
)
def list_organisations(request, paging: Query[Paging]):
    queryset = Organisation.objects.order_by("name", "pk")
    return _listing(
        request, queryset, paging, lambda items: [_organisation_data(o) for o in items], {}
    )


@api.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 404: ErrorOut},
    tags=["organisaties"],
    summary="Eén organisatie",
)
def get_organisation(request, organisation_id: int):
    organisation = None
    if is_row_id(organisation_id):
        organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return Status(404, {"detail": ORGANISATION_NOT_FOUND})
    return Status(200, _organisation_data(organisation))


_MESSAGES = {
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "less_than_equal": "Hoogstens {le}.",
    "greater_than_equal": "Minstens {ge}.",
    "missing": "Dit veld is verplicht.",
}


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in {"query", "path"}]
        message = _MESSAGES.get(error.get("type"), "Ongeldige waarde.")
        errors.setdefault(".".join(location[-1:]) or "?", []).append(
            message.format(**(error.get("ctx") or {}))
        )
    return api.create_response(
        request, {"detail": "De parameters zijn niet geldig.", "errors": errors}, status=400
    )
