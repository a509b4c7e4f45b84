"""Row ids from URLs: a number the database cannot hold is simply not found."""

MAX_ID = 2**63 - 1  # PostgreSQL bigint; SQLite's integers have the same limit
MAX_OFFSET = 10**9


def is_row_id(value: int) -> bool:
    return 0 < value <= MAX_ID
