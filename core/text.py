"""Text from outside (forms, JSON, query strings) made safe before it reaches the database."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 20

# C0/C1 control characters except tab, newline and carriage return; lone surrogates, which
# no database can store as UTF-8.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_A_WORD = re.compile(r"[^\w]+")


def clean_text(text: str) -> str:
    """Drop control characters (NUL included) and lone surrogates; keep line breaks."""
    return _UNSAFE.sub("", text)


def clean_data(data):
    """`clean_text` on every string of a JSON document (keys included)."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {clean_data(key): clean_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [clean_data(item) for item in data]
    return data


def search_terms(query: str) -> list[str]:
    """The words of a search query, without quotes, operators or other punctuation that a
    full-text engine would read as syntax; at most MAX_QUERY_TERMS words."""
    text = unicodedata.normalize("NFC", clean_text(query or ""))[:MAX_QUERY_LENGTH]
    return [word for word in _NOT_A_WORD.split(text) if word][:MAX_QUERY_TERMS]


def safe_query(query: str) -> str:
    """A search query both SQLite's FTS5 and PostgreSQL accept: plain words and spaces."""
    return " ".join(search_terms(query))
