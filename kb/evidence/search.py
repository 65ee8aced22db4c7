"""Lexical search over rows of the workflow database that carry `text` and `tokens`.

Used for attachment passages and accounting-archive rows. Rows store their
search tokens (`kb.tokenize.Tokenizer`, the project's one tokenizer: words,
sub-words and CJK bigrams) space-separated at write time. A query first
narrows the rows in the database (the caller's scope and filters, plus
`tokens LIKE '% term %'` for the query's words, so the same SQL runs on
SQLite and PostgreSQL), then ranks at most `CANDIDATES` of them with BM25
(`kb.lexical.LexicalIndex`, matched-only), a row holding the whole query
text first. Not for scoping rules (the caller builds the statement).
"""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from kb.domain.words import QUERY_STOPWORDS as STOPWORDS
from kb.domain.text import normalize

CANDIDATES = 3000  # rows ranked in memory after the SQL narrowing (newest first)
MAX_TERMS = 12  # query words used for the SQL narrowing


@lru_cache(maxsize=1)
def tokenizer():
    """The tokenizer of stored passages and queries (domain terms, no library words)."""
    from kb.retrieval.tokenize import Tokenizer

    return Tokenizer()


def token_field(text: str) -> str:
    """The `tokens` column value of a text: its tokens space-separated, with a space at both ends."""
    return " " + " ".join(t.replace(" ", "") for t in tokenizer().tokens(text) if t.strip()) + " "


def query_tokens(q: str) -> list[str]:
    """Tokens of a query without question words (all tokens if only those remain)."""
    toks = [t for t in tokenizer().tokens(q) if t.strip()]
    kept = [t for t in toks if t not in STOPWORDS]
    return kept or toks


def _narrowing_terms(q: str, toks: list[str]) -> list[str]:
    words = [w for w in dict.fromkeys(tokenizer().cut_words(q)) if len(w) >= 2 or not w.isascii()]
    words = [w for w in words if w not in STOPWORDS] or list(dict.fromkeys(toks))
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


def _like(term: str) -> str:
    return "% " + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"


def rank(session: Session, stmt: Select, model, q: str, *, top: int = 20) -> list[tuple[object, float]]:
    """The rows of `stmt` (a select of `model`, already scoped) best matching `q`, with scores.

    `model` has `text`, `tokens` and `id`. Returns at most `top` (row, score)
    pairs, best first; only rows sharing a query term are returned.
    """
    from kb.retrieval.lexical import LexicalIndex

    toks = query_tokens(q)
    if not toks:
        return []
    terms = _narrowing_terms(q, toks)
    stmt = stmt.where(or_(*[model.tokens.like(_like(t), escape="\\") for t in terms]))
    rows = session.scalars(stmt.order_by(model.id.desc()).limit(CANDIDATES)).all()
    if not rows:
        return []
    index = LexicalIndex.build([r.tokens.split() for r in rows])
    scores = index.scores(toks)
    phrase = normalize(q).replace(" ", "").lower()
    out = []
    for i, r in enumerate(rows):
        s = float(scores[i])
        if s <= 0:
            continue
        if len(phrase) >= 4 and phrase in normalize(r.text).replace(" ", "").lower():
            s += 1000.0  # the whole query text occurs in the row
        out.append((r, s))
    out.sort(key=lambda x: (-x[1], -x[0].id))
    return out[:top]
