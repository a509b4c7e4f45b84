"""The one agent search (R19, R20, R22, R23), shared by the console and API v1: published
points and knowledge items from the search index (`knowledge.search_index`).

A query is words, all of which must match (AND). Each word matches its Dutch stem
(`bosbeheerplan` finds `bosbeheerplannen`); the last word also the words it begins, as an
agent types (`jachtv`); a word that matches nothing the indexed words one typo away
(`jachverlof`); an organisation's abbreviation its full name and back (`ANB`, `Agentschap
voor Natuur en Bos`). Titles weigh most, then search terms and organisations, then the
rest; matches of the words as typed come before completions and corrections. The number of
queries does not depend on the number of results.
"""

import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef

from core.text import MAX_QUERY_TERMS, search_terms
from knowledge import search_index
from knowledge.models import KnowledgeKind
from knowledge.search_index import FTS_TABLE, POINT
from knowledge.search_words import filter_token, stem, typo_neighbours, words
from points.models import EscalationPoint
from reference.models import Organisation

MAX_COMPLETIONS = 20  # words the last, unfinished word may stand for
MAX_CORRECTIONS = 10  # words one typo away that a word may stand for
MAX_CORRECTED_WORDS = 3  # words of one query that may be corrected (a bound on the lookup)
MIN_COMPLETION_LENGTH = 2
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class ItemHit:
    """A knowledge item found, with its published points in the editor's order."""

    kind: KnowledgeKind
    id: int
    title: str
    snippet: str
    point_ids: tuple[int, ...]


@dataclass
class SearchResult:
    points: list  # ranked points found directly (EscalationPoint, or what `shown` gives)
    items: list[ItemHit]  # ranked knowledge items found
    linked_points: dict[int, Any]  # every point of the items' point_ids, as `points`


# --- Understanding the query ----------------------------------------------------------------


@dataclass
class Word:
    """A word of the query and the indexed words it stands for."""

    text: str
    completes: bool = False  # the last word, perhaps not typed to the end
    exact: tuple[str, ...] = ()  # words with its stem (itself included)
    loose: tuple[str, ...] = ()  # completions and typo corrections


# A group is one or more alternatives, each a sequence of words that must all match:
# [[anb], [agentschap, voor, natuur, en, bos]].
Group = list[list[Word]]


def query_words(query: str) -> list[str]:
    return words(" ".join(search_terms(query)))[:MAX_QUERY_TERMS]


def _organisation_names() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(abbreviation words, full name words) of every organisation, in one query."""
    return _folded_names(tuple(Organisation.objects.values_list("abbreviation", "name")))


@lru_cache(maxsize=4)
def _folded_names(rows: tuple[tuple[str, str], ...]):
    names = []
    for abbreviation, name in rows:
        short, full = tuple(words(abbreviation)), tuple(words(name))
        if short and full and short != full:
            names.append((short, full))
    return names


def _at(texts: Sequence[str], start: int, wanted: tuple[str, ...]) -> bool:
    return tuple(texts[start : start + len(wanted)]) == wanted


def groups_of(texts: list[str]) -> list[Group]:
    """The query's words grouped: an organisation's abbreviation or full name becomes one
    group with both; every other word is a group of its own."""
    names = _organisation_names() if texts else []
    groups: list[Group] = []
    position = 0
    while position < len(texts):
        matches = [
            (found, other)
            for short, full in names
            for found, other in ((short, full), (full, short))
            if _at(texts, position, found)
        ]
        if matches:
            found, other = max(matches, key=lambda match: len(match[0]))
            groups.append([[Word(text) for text in found], [Word(text) for text in other]])
            position += len(found)
        else:
            last = position == len(texts) - 1
            groups.append([[Word(texts[position], completes=last)]])
            position += 1
    return groups


def _vocabulary(all_words: list[Word]) -> tuple[dict[str, list[str]], list[str]]:
    """({stem: indexed words}, completions of the last word) in one query."""
    stems = sorted({stem(word.text) for word in all_words})
    sql = [f"SELECT word, stem, 0 FROM knowledge_searchword WHERE stem IN ({_marks(stems)})"]
    params: list = list(stems)
    completing = [
        word for word in all_words if word.completes and len(word.text) >= MIN_COMPLETION_LENGTH
    ]
    for word in completing:
        if connection.vendor == "postgresql":
            match, pattern = "word LIKE %s", f"{word.text}%"
        else:
            match, pattern = "word GLOB %s", f"{word.text}*"
        sql.append(
            "SELECT * FROM (SELECT word, stem, 1 FROM knowledge_searchword "
            f"WHERE {match} ORDER BY frequency DESC, word LIMIT %s) AS completions"
        )
        params += [pattern, MAX_COMPLETIONS]
    by_stem: dict[str, list[str]] = {}
    completions: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        for text, word_stem, is_completion in cursor.fetchall():
            if is_completion:
                completions.append(text)
            else:
                by_stem.setdefault(word_stem, []).append(text)
    return by_stem, completions


def _corrections(uncertain: list[Word]) -> dict[str, list[str]]:
    """{word: indexed words one typo away}, most frequent first, in one query."""
    neighbours = {word.text: typo_neighbours(word.text) for word in uncertain}
    candidates = sorted(set().union(*neighbours.values())) if neighbours else []
    if not candidates:
        return {}
    if connection.vendor == "postgresql":
        among, params = "= ANY(%s)", [candidates]
    else:
        among, params = f"IN ({_marks(candidates)})", candidates
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM knowledge_searchword WHERE word {among} "
            "ORDER BY frequency DESC, word",
            params,
        )
        found = [row[0] for row in cursor.fetchall()]
    return {
        text: [word for word in found if word in near][:MAX_CORRECTIONS]
        for text, near in neighbours.items()
    }


def expand(groups: list[Group]) -> None:
    """Fill in the indexed words each word of the query stands for."""
    all_words = [word for group in groups for option in group for word in option]
    if not all_words:
        return
    by_stem, completions = _vocabulary(all_words)
    for word in all_words:
        word.exact = tuple(sorted({word.text, *by_stem.get(stem(word.text), [])}))
        if word.completes:
            word.loose = tuple(text for text in completions if text not in word.exact)
    alone = [group[0][0] for group in groups if len(group) == 1 and len(group[0]) == 1]
    unknown = [word for word in alone if not by_stem.get(stem(word.text)) and not word.loose]
    unknown = unknown[:MAX_CORRECTED_WORDS]
    corrections = _corrections(unknown)
    for word in unknown:
        word.loose = tuple(corrections.get(word.text, ()))


# --- Full-text queries, for each database ---------------------------------------------------


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _full_text_query(groups: list[Group], *, loose: bool, weights: str = "") -> str:
    """PostgreSQL: a `to_tsquery('dutch', …)` text (`weights` 'AB': in those parts only);
    SQLite: an FTS5 MATCH expression of stems. Words hold letters and digits only, so
    neither reads them as syntax."""
    postgresql = connection.vendor == "postgresql"
    and_, or_ = (" & ", " | ") if postgresql else (" AND ", " OR ")
    label = f":{weights}" if weights else ""

    def term(word: Word) -> str:
        texts = set(word.exact) | (set(word.loose) if loose else set())
        if postgresql:
            terms = sorted(f"{text}{label}" for text in texts)
        else:
            terms = sorted({f'"{stem(text) or text}"' for text in texts})
        return "(" + or_.join(terms) + ")"

    def alternative(option: list[Word]) -> str:
        return "(" + and_.join(term(word) for word in option) + ")"

    return and_.join("(" + or_.join(alternative(o) for o in group) + ")" for group in groups)


@dataclass(frozen=True)
class Filters:
    points: bool = True  # points, or knowledge items
    line: str = ""
    organisation: str = ""
    lines_first: tuple[str, ...] = ()


def _contains(column: str) -> str:
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"{function}(e.{column}, %s)"


RESULT_COLUMNS = "e.kind, e.object_id, e.title, e.snippet, e.point_ids"
# PostgreSQL ranks at most this many candidates (plus offset and limit), so a word found in
# thousands of rows costs little more than a rare one.
CANDIDATES = 60


def ranked_rows(groups: list[Group], *, filters: Filters, limit: int, offset: int = 0):
    """(kind, object_id, title, snippet, point_ids) of the best matching rows: points, or
    knowledge items. One query."""
    loose, exact = (_full_text_query(groups, loose=flag) for flag in (True, False))
    if connection.vendor == "postgresql":
        titles = _full_text_query(groups, loose=False, weights="AB")
        sql, params = _postgresql_sql(titles, loose, exact, filters, limit + offset)
    else:
        sql, params = _sqlite_sql(loose, exact, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        return cursor.fetchall()


def _postgresql_sql(titles: str, loose: str, exact: str, filters: Filters, needed: int):
    """Candidates through the GIN indexes (`knowledge_search_candidates`, migration 0005), in
    order of preference until there are CANDIDATES (+ what the page needs): on the agent's
    own lines (R20), the words as typed in titles, terms and organisations, any of their
    forms in the heading (those and the short texts), any of their forms anywhere. Line and
    organisation are made-up words in the vectors, so the index applies those filters too.
    Only the candidates are ranked, on the small `heading` vector; the large `document`
    vector is never read row by row."""
    required = []
    if filters.line:
        required.append(filter_token("lijn", filters.line))
    if filters.organisation:
        required.append(filter_token("org", filters.organisation))
    own = " | ".join(filter_token("lijn", code) for code in filters.lines_first if code)
    order = [
        "(e.heading @@ to_tsquery('dutch', %s)) DESC",
        "ts_rank(e.heading, to_tsquery('dutch', %s)) DESC",
        "e.title",
        "e.id",
    ]
    order_params = [exact, loose]
    if own:
        order.insert(0, "(e.heading @@ to_tsquery('dutch', %s)) DESC")
        order_params.insert(0, own)
    sql = (
        f"SELECT {RESULT_COLUMNS} FROM knowledge_searchentry AS e "
        "WHERE e.id = ANY(ARRAY(SELECT knowledge_search_candidates(%s, "
        "to_tsquery('dutch', %s), to_tsquery('dutch', %s), to_tsquery('dutch', %s), "
        "to_tsquery('dutch', %s), %s))) "
        f"ORDER BY {', '.join(order)}"
    )
    # A query of Dutch stop words only ('de', 'en') is empty: it finds nothing.
    filtered = " & ".join(required) or None
    params = [filters.points, titles, loose, filtered, own or None, CANDIDATES + needed]
    return sql, params + order_params


def _sqlite_sql(loose: str, exact: str, filters: Filters):
    """FTS5 ranks every match with bm25, weighing title, terms, short and long texts."""
    where, params = ["e.kind = %s" if filters.points else "e.kind <> %s"], [POINT]
    for column, value in (("line_codes", filters.line), ("organisations", filters.organisation)):
        if value:
            where.append(f"{_contains(column)} > 0")
            params.append(f"|{value.lower()}|")
    codes = [code.lower() for code in filters.lines_first if code]
    order, order_params = [], []
    if codes:
        own = " OR ".join(f"{_contains('line_codes')} > 0" for _ in codes)
        order, order_params = [f"CASE WHEN {own} THEN 0 ELSE 1 END"], [f"|{c}|" for c in codes]
    exact_rows = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    order += [
        f"({FTS_TABLE}.rowid IN ({exact_rows})) DESC",
        f"bm25({FTS_TABLE}, 10.0, 4.0, 2.0, 1.0)",
        "e.title",
        "e.id",
    ]
    sql = (
        f"SELECT {RESULT_COLUMNS} FROM {FTS_TABLE} "
        f"JOIN knowledge_searchentry AS e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {' AND '.join([f'{FTS_TABLE} MATCH %s', *where])} ORDER BY {', '.join(order)}"
    )
    return sql, [loose, *params, *order_params, exact]


# --- Points as the console and the API show them ---------------------------------------------


def shown_points(point_ids: Collection[int]) -> dict[int, EscalationPoint]:
    """{id: point} of the published ones among these, with what a result row or card needs:
    organisation and template selected, time slots and exceptions prefetched (3 queries)."""
    if not point_ids:
        return {}
    points = (
        EscalationPoint.objects.published()
        .filter(pk__in=list(point_ids))
        .select_related("reporting_organisation", "email_template")
        .prefetch_related("time_slots", "exceptions")
    )
    return {point.pk: point for point in points}


def _ids(bars: str) -> tuple[int, ...]:
    return tuple(int(pk) for pk in bars.strip("|").split("|") if pk)


def _groups(query: str) -> list[Group]:
    groups = groups_of(query_words(query))
    expand(groups)
    return groups


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


# The ranked rows of a console search are kept per process: agents ask the same questions
# all day (a few hundred subjects take most calls). A kept ranking is used only while the
# index has not changed since (`search_index.version`: one query per search; a change in
# this process shows at once, one in another process once it is committed), so a point is
# findable the moment it is published, in every process; and for at most KEEP_SECONDS.
# What a row shows of a point (its state now, its number) is not kept here: `shown` reads it.
KEEP_SECONDS = 300
KEEP_SIZE = 2048
_kept: OrderedDict[tuple, tuple] = OrderedDict()


def forget_kept() -> None:
    _kept.clear()


def _ranked(query: str, filters: Filters, limit: int):
    """(point rows, item rows) of `ranked_rows` for the query, kept per process while the
    index is unchanged; None for a query without words."""
    key = (query, filters, limit)
    version = search_index.version()  # before ranking: a change meanwhile is not missed
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] == version and 0 <= kept[1] - now <= KEEP_SECONDS:
        _kept.move_to_end(key)
        return kept[2]
    groups = _groups(query)
    if not groups:
        return None
    rows = (
        tuple(ranked_rows(groups, filters=filters, limit=limit)),
        tuple(ranked_rows(groups, filters=replace(filters, points=False), limit=limit)),
    )
    _kept[key] = (version, now + KEEP_SECONDS, rows)
    _kept.move_to_end(key)
    while len(_kept) > KEEP_SIZE:
        _kept.popitem(last=False)
    return rows


def search(
    query: str,
    *,
    lines_first: Collection[str] = (),
    line: str = "",
    organisation: str = "",
    limit: int = 20,
    shown: Callable[[Collection[int]], dict] = shown_points,
) -> SearchResult:
    """The console's search: points found directly and knowledge items found, each item with
    its published points. Without a query, nothing. `shown` gives what the caller shows of
    the published points among ids (by default the points as `shown_points` reads them)."""
    filters = Filters(line=line, organisation=organisation, lines_first=tuple(lines_first))
    ranked = _ranked(query, filters, _limit(limit))
    if ranked is None:
        return SearchResult(points=[], items=[], linked_points={})
    point_rows, item_rows = ranked
    item_point_ids = {row[1]: _ids(row[4]) for row in item_rows}
    wanted = {row[1] for row in point_rows} | {pk for ids in item_point_ids.values() for pk in ids}
    found = shown(wanted)
    items = [
        ItemHit(
            kind=KnowledgeKind(kind),
            id=object_id,
            title=title,
            snippet=snippet,
            point_ids=tuple(pk for pk in item_point_ids[object_id] if pk in found),
        )
        for kind, object_id, title, snippet, _ in item_rows
    ]
    linked = {pk: found[pk] for item in items for pk in item.point_ids}
    direct = [found[row[1]] for row in point_rows if row[1] in found]
    return SearchResult(points=direct, items=items, linked_points=linked)


def search_points(
    query: str,
    *,
    lines_first: Collection[str] = (),
    line: str = "",
    organisation: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[EscalationPoint]:
    """API v1's list: published points for the query, best first; without a query, all
    published points by title. Filtered on a line code and an organisation's abbreviation."""
    limit, offset = _limit(limit), min(max(0, int(offset)), MAX_OFFSET)
    filters = Filters(line=line, organisation=organisation, lines_first=tuple(lines_first))
    groups = _groups(query)
    if groups:
        rows = ranked_rows(groups, filters=filters, limit=limit, offset=offset)
        ids = [row[1] for row in rows]
    else:
        ids = _by_title(filters, limit=limit, offset=offset)
    found = shown_points(ids)
    return [found[pk] for pk in ids if pk in found]


def _by_title(filters: Filters, *, limit: int, offset: int) -> list[int]:
    points = EscalationPoint.objects.published()
    if filters.line:
        points = points.filter(line_codes__code__iexact=filters.line)
    if filters.organisation:
        points = points.filter(reporting_organisation__abbreviation__iexact=filters.organisation)
    order = ["editorial_title", "pk"]
    if filters.lines_first:
        through = EscalationPoint.line_codes.through
        own = through.objects.filter(
            escalationpoint_id=OuterRef("pk"), linecode__code__in=list(filters.lines_first)
        )
        points = points.annotate(on_own_line=Exists(own))
        order = ["-on_own_line", *order]
    ids = points.order_by(*order).values_list("pk", flat=True)
    return list(ids[offset : offset + limit])
