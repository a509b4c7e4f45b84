"""Words for the agents' search: folded, split and stemmed the same way when indexing and
when querying, on SQLite and on PostgreSQL alike.

Folding drops accents and case (`Agentschap`, `agentschap`; `één`, `een`). Stemming is the
Snowball Dutch stemmer in Python (`bosbeheerplannen` and `bosbeheerplan` share a stem), which
SQLite's full-text search lacks and which also lines up the vocabulary on PostgreSQL.
"""

import html
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_WORD_LENGTH = 60
# Typo neighbours are looked for only for words this long or longer: shorter ones have
# too many neighbours that mean something else.
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 30
TYPO_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

_WORD = re.compile(r"[^\W_]+")
# Combining marks (accents) after NFKD decomposition.
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TAG = re.compile(r"<[^>]*>")
_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without accents: 'Één Jachtverlof' -> 'een jachtverlof'."""
    text = text or ""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text, in order; punctuation, emoji and overlong runs dropped."""
    return [word for word in _WORD.findall(fold(text)) if len(word) <= MAX_WORD_LENGTH]


def plain_text(rich_text: str) -> str:
    """The words of rich text (HTML) without its tags."""
    return html.unescape(_TAG.sub(" ", rich_text or ""))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Dutch Snowball stem of a folded word."""
    return _stemmer.stemWord(word)


def stems(text: str) -> str:
    """A text as its stems, separated by spaces: what SQLite's full-text table holds."""
    return " ".join(stem(word) for word in words(text))


def typo_neighbours(word: str) -> set[str]:
    """Every string one edit away (insert, delete, substitute, transpose two neighbours)."""
    if not MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
        return set()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    transposes = {
        left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1
    }
    substitutes = {
        left + char + right[1:] for left, right in splits if right for char in TYPO_ALPHABET
    }
    inserts = {left + char + right for left, right in splits for char in TYPO_ALPHABET}
    return (deletes | transposes | substitutes | inserts) - {word}


@lru_cache(maxsize=10_000)
def filter_token(facet: str, value: str) -> str:
    """A made-up word that stands for a facet of a row in PostgreSQL's full text, so that
    the GIN index applies a filter too: ('lijn', 'WONEN') -> 'zzlijnwonen'."""
    return f"zz{facet}{''.join(words(value))}"
