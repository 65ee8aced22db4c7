"""How long a request's texts may be: one bound per kind of text for the CLI and the API alike.

A longer text is refused with a Chinese message naming the field (HTTP 422,
CLI exit 2) instead of being searched: 5,000 characters of a query made BM25
scores in the ten thousands and took seconds, and a reported trial found the
CLI took what the API refused.
"""
from __future__ import annotations

from kb.errors import DataError

# an indicator search (检索词): names and colloquial phrasings are a few dozen characters
MAX_QUERY_CHARS = 200
# a policy search or a question (政策检索, 政策问答)
MAX_QUESTION_CHARS = 500
# the longest project description suggest reads
MAX_DESCRIPTION_CHARS = 5000
# a project's, unit's or department's name
MAX_NAME_CHARS = 200


def require_within(text: str, bound: int, what: str, field: str) -> None:
    """DataError naming `field` when `text` is longer than `bound` characters (`what` says which text)."""
    if len(text) > bound:
        raise DataError(f"{what}最长 {bound} 字(现 {len(text)} 字)，请精简", field=field)
