"""The agents' search index (R19, R22, R23): one row per published escalation point and per
knowledge item (topic, article, product, question, organisation), kept true in the same
database transaction as the change that affects it, so a point is findable the moment it is
published, whether a background worker runs or not. Drafts are never indexed (R22).

Each row has four texts by weight: A the title, B search terms and organisations'
abbreviations and full names, C short texts (intro, answer, instructions, content), D long
texts (bodies). PostgreSQL keeps them as weighted `tsvector`s (`dutch` configuration) in
two columns with GIN indexes: `heading` (A-C and made-up words for lines and
organisations; for ranking and filtering) and `document` (also D; for matching). SQLite
keeps them as Python-stemmed words in the FTS5 table `knowledge_searchentry_fts`. The
vocabulary (`SearchWord`) holds every indexed word with its stem. `rebuild()`
(`manage.py rebuild_search_index`) rebuilds it all in bulk.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from knowledge.models import (
    ITEM_KINDS,
    PAGE_KINDS,
    KnowledgeKind,
    Question,
    SearchEntry,
    SearchWord,
)
from knowledge.search_words import filter_token, plain_text, stem, stems, words
from points.models import EscalationPoint
from reference.models import LineCode, Organisation

POINT = "point"
SNIPPET_LENGTH = 200
# Long texts are indexed up to this many characters: enough for the words that matter, and a
# bound on the size of a row's full text.
MAX_TEXT_LENGTH = 20_000
# What ranking reads on PostgreSQL (weights A-C) stays small enough to be stored inline.
MAX_HEADING_LENGTH = 1_000
BATCH_SIZE = 1000
FTS_TABLE = "knowledge_searchentry_fts"


@dataclass
class Document:
    """What the index holds of one point or item."""

    kind: str
    object_id: int
    title: str
    snippet: str = ""
    texts: tuple[str, str, str, str] = ("", "", "", "")  # weights A, B, C, D
    point_ids: list[int] = field(default_factory=list)
    line_codes: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)

    def filter_tokens(self) -> str:
        """Its lines and organisations as made-up words (PostgreSQL filters)."""
        tokens = [filter_token("lijn", code) for code in sorted(self.line_codes)]
        tokens += [filter_token("org", abbreviation) for abbreviation in sorted(self.organisations)]
        return " ".join(tokens)

    def columns(self) -> dict:
        return {
            "kind": self.kind,
            "object_id": self.object_id,
            "title": self.title[:255],
            "snippet": self.snippet[:255],
            "point_ids": bars(self.point_ids),
            "line_codes": bars(self.line_codes),
            "organisations": bars(self.organisations),
        }

    def entry(self) -> SearchEntry:
        return SearchEntry(**self.columns())


def bars(values) -> str:
    """'|a|b|': values a filter finds with `|a|` whatever their position."""
    values = [str(value).replace("|", " ") for value in values]
    return f"|{'|'.join(values)}|" if values else ""


def snippet(*texts: str) -> str:
    """The first non-empty text, on one line, cut at a word near SNIPPET_LENGTH."""
    text = " ".join(next((text for text in texts if text and text.strip()), "").split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + " …"


def joined(*texts: str) -> str:
    return "\n".join(text for text in texts if text)[:MAX_TEXT_LENGTH]


# --- Reading what to index ------------------------------------------------------------------


@dataclass(frozen=True)
class Facets:
    """A published point's line codes and organisation, which its items inherit."""

    line_codes: frozenset[str]
    organisations: frozenset[str]


def point_facets(point_ids=None) -> dict[int, Facets]:
    """{id: Facets} of published points (all, or those ids), in one query."""
    points = EscalationPoint.objects.published()
    if point_ids is not None:
        points = points.filter(pk__in=point_ids)
    lines: dict[int, set[str]] = {}
    organisations: dict[int, set[str]] = {}
    rows = points.values_list("pk", "line_codes__code", "reporting_organisation__abbreviation")
    for pk, line_code, abbreviation in rows:
        lines.setdefault(pk, set())
        organisations.setdefault(pk, set())
        if line_code:
            lines[pk].add(line_code.lower())
        if abbreviation:
            organisations[pk].add(abbreviation.lower())
    return {pk: Facets(frozenset(lines[pk]), frozenset(organisations[pk])) for pk in lines}


def inherit(document: Document, facets: dict[int, Facets]) -> Document:
    """An item's links to published points only, with their lines and organisations."""
    document.point_ids = [pk for pk in document.point_ids if pk in facets]
    for pk in document.point_ids:
        document.line_codes |= facets[pk].line_codes
        document.organisations |= facets[pk].organisations
    return document


def _rows(queryset, ids, *fields):
    """Plain rows, not model instances: a rebuild reads tens of thousands."""
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.order_by("pk").values_list(*fields).iterator(chunk_size=BATCH_SIZE)


def point_documents(point_ids=None, facets: dict[int, Facets] | None = None):
    if facets is None:
        facets = point_facets(point_ids)
    rows = _rows(
        EscalationPoint.objects.published(),
        point_ids,
        "pk",
        "editorial_title",
        "public_title",
        "instructions",
        "content",
        "search_terms",
        "reporting_organisation__abbreviation",
        "reporting_organisation__name",
    )
    for pk, title, public_title, instructions, content, terms, abbreviation, name in rows:
        own = facets.get(pk, Facets(frozenset(), frozenset()))
        yield Document(
            kind=POINT,
            object_id=pk,
            title=title,
            snippet=snippet(instructions, content),
            texts=(
                joined(title, public_title),
                joined(terms, abbreviation or "", name or ""),
                joined(instructions, content),
                "",
            ),
            line_codes=set(own.line_codes),
            organisations=set(own.organisations),
        )


def linked_points(model, item_ids=None) -> dict[int, list[int]]:
    """{item id: its published points in the editor's order} (tab Contactcenter), one query."""
    link_model = model._meta.get_field("escalation_point_links").related_model
    links = link_model.objects.filter(point__live=True)
    if item_ids is not None:
        links = links.filter(item_id__in=item_ids)
    linked: dict[int, list[int]] = {}
    rows = links.order_by("item_id", "sort_order", "pk").values_list("item_id", "point_id")
    for item_id, point_id in rows.iterator(chunk_size=10 * BATCH_SIZE):
        linked.setdefault(item_id, []).append(point_id)
    return linked


PRODUCT_FIELDS = ("conditions", "procedure", "cost")


def page_documents(kind: KnowledgeKind, page_ids=None):
    model = PAGE_KINDS[kind]
    linked = linked_points(model, page_ids)
    extra = PRODUCT_FIELDS if kind == KnowledgeKind.PRODUCT else ()
    fields = ("pk", "title", "intro", "search_description", "body", *extra)
    rows = _rows(model.objects.live(), page_ids, *fields)
    for pk, title, intro, description, body, *more in rows:
        long_texts = [plain_text(body), *(plain_text(text) for text in more)]
        yield Document(
            kind=kind,
            object_id=pk,
            title=title,
            snippet=snippet(intro, description, long_texts[0]),
            texts=(title, "", joined(intro, description), joined(*long_texts)),
            point_ids=linked.get(pk, []),
        )


def question_documents(question_ids=None):
    linked = linked_points(Question, question_ids)
    for pk, question, answer in _rows(Question.objects, question_ids, "pk", "question", "answer"):
        yield Document(
            kind=KnowledgeKind.QUESTION,
            object_id=pk,
            title=question,
            snippet=snippet(answer),
            texts=(question, "", joined(answer), ""),
            point_ids=linked.get(pk, []),
        )


def organisation_documents(organisation_ids=None):
    points = EscalationPoint.objects.published().exclude(reporting_organisation=None)
    if organisation_ids is not None:
        points = points.filter(reporting_organisation__in=organisation_ids)
    reporting: dict[int, list[int]] = {}
    rows = points.order_by("editorial_title", "pk").values_list("reporting_organisation_id", "pk")
    for organisation_id, point_id in rows:
        reporting.setdefault(organisation_id, []).append(point_id)
    fields = ("pk", "name", "abbreviation", "description")
    for pk, name, abbreviation, description in _rows(
        Organisation.objects, organisation_ids, *fields
    ):
        yield Document(
            kind=KnowledgeKind.ORGANISATION,
            object_id=pk,
            title=name,
            snippet=snippet(description),
            texts=(name, abbreviation, "", description),
            point_ids=reporting.get(pk, []),
            organisations={abbreviation.lower()},
        )


ITEM_DOCUMENTS = {
    **{kind: (lambda ids, kind=kind: page_documents(kind, ids)) for kind in PAGE_KINDS},
    KnowledgeKind.QUESTION: question_documents,
    KnowledgeKind.ORGANISATION: organisation_documents,
}


def documents(kind: str, ids=None, facets: dict[int, Facets] | None = None):
    """The documents of one kind (all, or those ids) as the database holds them now."""
    if kind == POINT:
        yield from point_documents(ids, facets)
        return
    items = ITEM_DOCUMENTS[kind](ids)
    if facets is None:  # a few items: the facets of just their points, in one query
        items = list(items)
        facets = point_facets({pk for item in items for pk in item.point_ids})
    for item in items:
        yield inherit(item, facets)


# --- Writing --------------------------------------------------------------------------------


def _chunks(items, size: int = BATCH_SIZE):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


ENTRY_COLUMNS = (
    "kind",
    "object_id",
    "title",
    "snippet",
    "point_ids",
    "line_codes",
    "organisations",
)


HEADING_COLUMNS = ("a", "b", "c", "f")  # weights A, B, C and the filter tokens (D)


def _insert_postgresql(batch: list[Document]) -> None:
    """One statement per batch, its rows as one JSON parameter: the rows with their
    weighted vectors, stemmed by PostgreSQL's `dutch` configuration. `heading` holds weights
    A-C (small: ranking reads it for every candidate) and the filter tokens, `document` adds
    the long texts (D; matching only, through its GIN index)."""
    rows = []
    for document in batch:
        a, b, c, d = document.texts
        rows.append(
            {
                **document.columns(),
                "a": a[:MAX_HEADING_LENGTH],
                "b": b[:MAX_HEADING_LENGTH],
                "c": c[:MAX_HEADING_LENGTH],
                "d": d,
                "f": document.filter_tokens(),
            }
        )
    names = ", ".join(ENTRY_COLUMNS)
    types = ", ".join(
        f"{name} {'integer' if name == 'object_id' else 'text'}"
        for name in (*ENTRY_COLUMNS, "a", "b", "c", "d", "f")
    )
    heading = " || ".join(
        f"setweight(to_tsvector('dutch', v.{column}), '{'D' if column == 'f' else column.upper()}')"
        for column in HEADING_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO knowledge_searchentry ({names}, heading, document) "
            f"SELECT {', '.join(f'v.{name}' for name in ENTRY_COLUMNS)}, x.heading, "
            "x.heading || setweight(to_tsvector('dutch', v.d), 'D') "
            f"FROM json_to_recordset(%s::json) AS v({types}) "
            f"CROSS JOIN LATERAL (SELECT {heading} AS heading) AS x",
            [json.dumps(rows)],
        )


def _insert_sqlite(batch: list[Document]) -> None:
    """The rows, then their Python-stemmed texts in the FTS5 table (rowid = the row's id)."""
    entries = SearchEntry.objects.bulk_create([document.entry() for document in batch])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)",
            [
                (entry.pk, *(stems(text) for text in document.texts))
                for entry, document in zip(entries, batch, strict=True)
            ],
        )


def _remove_full_text(entry_ids: list[int]) -> None:
    if connection.vendor == "sqlite" and entry_ids:
        with connection.cursor() as cursor:
            for chunk in _chunks(entry_ids, 500):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)


def _write(documents_to_write, words_seen: Counter | None = None) -> None:
    """Insert rows for these documents (their old rows are gone) with their full text, and
    count their words (`words_seen`) or add new ones to the vocabulary."""
    new_words: Counter = Counter() if words_seen is None else words_seen
    insert = _insert_postgresql if connection.vendor == "postgresql" else _insert_sqlite
    for batch in _chunks(documents_to_write):
        insert(batch)
        for document in batch:
            new_words.update(set(words(" ".join(document.texts))))
    if words_seen is None and new_words:
        _add_words(new_words)


def _add_words(counts: Counter) -> None:
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, stem=stem(word), frequency=count) for word, count in counts.items()],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def remove(kind: str, ids) -> None:
    entries = SearchEntry.objects.filter(kind=kind, object_id__in=list(ids))
    _remove_full_text(list(entries.values_list("pk", flat=True)))
    entries.delete()
    changed()


# Raised in this process at every change of the index, at once (before the commit): with the
# database's SearchIndexVersion (raised once the change is committed, for the other
# processes) it tells `knowledge.search` whether the results it keeps are still true.
local_generation = 0


def changed() -> None:
    """The index changed: results kept in this process are out of date now, in the other
    processes once the change is committed."""
    global local_generation
    local_generation += 1
    transaction.on_commit(_raise_version)


def _raise_version() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO knowledge_searchindexversion (id, version) VALUES (1, 1) "
            "ON CONFLICT (id) DO UPDATE SET version = knowledge_searchindexversion.version + 1"
        )


def version() -> tuple[int, int]:
    """(committed version, this process's changes): one query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM knowledge_searchindexversion WHERE id = 1")
        row = cursor.fetchone()
    return (row[0] if row else 0, local_generation)


def _lock(kind: str, ids: list[int]) -> None:
    """PostgreSQL: take these rows in turn with other transactions until commit, and only
    then read what to index. Two publishes that both change an item (an organisation that
    gets two new points) would otherwise each write the item from what it saw, or both
    insert it. The ids come sorted, so transactions lock in the same order."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s), id) FROM unnest(%s::integer[]) AS id",
                [f"knowledge.search.{kind}", ids],
            )


def reindex(kind: str, ids) -> None:
    """Bring the rows of these points or items in line with the database: a published point
    or live item is (re)indexed, anything else removed."""
    ids = sorted({int(pk) for pk in ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        _lock(kind, ids)
        remove(kind, ids)
        _write(documents(kind, ids))
        changed()


def rebuild() -> int:
    """Rebuild the whole index and its vocabulary in bulk; returns the number of rows.
    Searches go on meanwhile (on the old rows); changes wait until it is done."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE knowledge_searchentry IN SHARE ROW EXCLUSIVE MODE")
        _remove_full_text_all()
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        facets = point_facets()
        counts: Counter = Counter()
        _write(documents(POINT), counts)
        for kind in ITEM_DOCUMENTS:
            _write(documents(kind, facets=facets), counts)
        _add_words(counts)
        changed()
        _tidy_after_bulk()
        return SearchEntry.objects.count()


def _tidy_after_bulk() -> None:
    """PostgreSQL: move the GIN indexes' pending entries into the indexes proper and refresh
    the planner's statistics, so the first searches after a rebuild are as fast as later
    ones."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for index in ("knowledge_searchentry_heading", "knowledge_searchentry_document"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE knowledge_searchentry, knowledge_searchword")


def _remove_full_text_all() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")


# --- Keeping it true ------------------------------------------------------------------------


def items_showing(point_ids) -> dict[str, set[int]]:
    """{kind: item ids} of every item that shows or may now show these points: those that
    link them (tab Contactcenter), their organisations, and those the index lists them on."""
    point_ids = list(point_ids)
    found: dict[str, set[int]] = {}
    for kind, model in ITEM_KINDS.items():
        link_model = model._meta.get_field("escalation_point_links").related_model
        links = link_model.objects.filter(point_id__in=point_ids)
        found[kind] = set(links.values_list("item_id", flat=True))
    organisations = EscalationPoint.objects.filter(pk__in=point_ids)
    found[KnowledgeKind.ORGANISATION] = set(
        organisations.exclude(reporting_organisation=None).values_list(
            "reporting_organisation_id", flat=True
        )
    )
    listed = Q()
    for pk in point_ids:
        listed |= Q(point_ids__contains=f"|{pk}|")
    for kind, object_id in (
        SearchEntry.objects.exclude(kind=POINT).filter(listed).values_list("kind", "object_id")
    ):
        found.setdefault(kind, set()).add(object_id)
    return found


def points_changed(point_ids) -> None:
    """Points were published, unpublished, changed or deleted: reindex them and the items
    that show them."""
    point_ids = list(point_ids)
    for chunk in _chunks(point_ids, 200):
        with transaction.atomic():
            reindex(POINT, chunk)
            for kind, ids in items_showing(chunk).items():
                reindex(kind, ids)


def _on_point(sender, instance, **kwargs):
    points_changed([instance.pk])


def _on_page(sender, instance, **kwargs):
    kind = getattr(instance, "contactcenter_kind", None)
    if kind in PAGE_KINDS:
        reindex(kind, [instance.pk])


def _on_page_deleted(sender, instance, **kwargs):
    for kind in PAGE_KINDS:
        remove(kind, [instance.pk])


def _on_question(sender, instance, **kwargs):
    reindex(KnowledgeKind.QUESTION, [instance.pk])


def _on_link(sender, instance, **kwargs):
    kind = instance._meta.get_field("item").related_model.contactcenter_kind
    reindex(kind, [instance.item_id])


def _on_organisation(sender, instance, **kwargs):
    # Points first, then the organisation: the order in which a point's publish locks them.
    points_changed(instance.escalation_points.published().values_list("pk", flat=True))
    reindex(KnowledgeKind.ORGANISATION, [instance.pk])


def _on_organisation_deleted(sender, instance, **kwargs):
    remove(KnowledgeKind.ORGANISATION, [instance.pk])


def _on_line_code(sender, instance, **kwargs):
    points_changed(instance.escalation_points.published().values_list("pk", flat=True))


def connect_signals() -> None:
    uid = "knowledge.search_index"
    published.connect(_on_point, sender=EscalationPoint, dispatch_uid=f"{uid}.published")
    unpublished.connect(_on_point, sender=EscalationPoint, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_on_point, sender=EscalationPoint, dispatch_uid=f"{uid}.point_deleted")
    for kind, model in ITEM_KINDS.items():
        link_model = model._meta.get_field("escalation_point_links").related_model
        post_save.connect(_on_link, sender=link_model, dispatch_uid=f"{uid}.{kind}.link")
        post_delete.connect(_on_link, sender=link_model, dispatch_uid=f"{uid}.{kind}.unlink")
    for kind, model in PAGE_KINDS.items():
        page_published.connect(_on_page, sender=model, dispatch_uid=f"{uid}.{kind}.published")
        page_unpublished.connect(_on_page, sender=model, dispatch_uid=f"{uid}.{kind}.unpublished")
        post_page_move.connect(_on_page, sender=model, dispatch_uid=f"{uid}.{kind}.moved")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid=f"{uid}.page_deleted")
    post_save.connect(_on_question, sender=Question, dispatch_uid=f"{uid}.question")
    post_delete.connect(_on_question, sender=Question, dispatch_uid=f"{uid}.question_deleted")
    post_save.connect(_on_organisation, sender=Organisation, dispatch_uid=f"{uid}.organisation")
    post_delete.connect(
        _on_organisation_deleted, sender=Organisation, dispatch_uid=f"{uid}.organisation_deleted"
    )
    post_save.connect(_on_line_code, sender=LineCode, dispatch_uid=f"{uid}.line_code")
