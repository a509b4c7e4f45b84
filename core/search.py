"""The search backend: Wagtail's database backend, with every query string made safe.

Every search of the product goes through it (console, API, public site, CMS listings), so a
stray quote or operator (`"jacht`, `">`), a NUL character or a very long query never reaches
the full-text engine as syntax. Configure with WAGTAILSEARCH_BACKENDS BACKEND "core.search".
"""

from functools import cache

from django.db.models import QuerySet
from wagtail.search.backends.database import SearchBackend as database_search_backend
from wagtail.search.query import Fuzzy, MatchAll, Phrase, PlainText, SearchQuery

from core.text import safe_query


def _words(query: SearchQuery) -> list[str]:
    """The texts of a parsed query (the CMS parses quotes and operators itself), so that a
    query of hundreds of terms cannot nest deeper than the database compiler can follow."""
    if isinstance(query, PlainText | Phrase | Fuzzy):
        return [query.query_string]
    children = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return [word for child in children if child is not None for word in _words(child)]


def _queryset(model_or_queryset) -> QuerySet:
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    return model_or_queryset.objects.all()


@cache
def _safe(backend_class: type) -> type:
    class SafeQueryBackend(backend_class):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, SearchQuery) and not isinstance(query, MatchAll):
                query = " ".join(_words(query))
            if isinstance(query, str) and query:
                query = safe_query(query)
                if not query:  # only punctuation: nothing matches, but keep the model
                    query, model_or_queryset = "geen", _queryset(model_or_queryset).none()
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    SafeQueryBackend.__name__ = f"SafeQuery{backend_class.__name__}"
    return SafeQueryBackend


def SearchBackend(params):
    backend = database_search_backend(params)
    backend.__class__ = _safe(type(backend))
    return backend
