"""Indicator search over the loaded KB: filters, exact-first ranking, highlights.

Ranking (lexical mode): documents with BM25 score > 0 only (no padding);
within them an exact normalised-name match comes first, then names that
contain the whole query as a phrase, then the rest, each tier by BM25.
Highlights are [start, end) character offsets into the ORIGINAL name; the
explanation lists the matched query terms. Dense and hybrid modes add the
embedding retriever and reciprocal rank fusion (`kb.indicators.hybrid`).
Not for suggestion (see `kb.suggest`).
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel

from kb.domain.enums import Level1, Level2
from kb.domain.text import normalize_name
from kb.indicators.facets import Facets
from kb.indicators.index import IndicatorIndex
from kb.retrieval.highlight import highlight_spans
from kb.retrieval.topk import top_k, top_k_pairs

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

# how many lexical candidates are inspected for exact/phrase tiers
PHRASE_WINDOW = 300


class Hit(BaseModel):
    """One search result (shape of `search --json` hits).

    level1/level2 are the glossary identifiers (filter values); level1_label
    and level2_label the Chinese names of the same levels (产出指标, 数量指标 …).
    """

    indicator_id: str
    name: str
    level1: str
    level2: str
    level1_label: str = ""
    level2_label: str = ""
    unit: str
    library: str
    score: float
    highlights: list[tuple[int, int]] = []
    explain: dict = {}


class SearchResult(BaseModel):
    """`{"total": N, "hits": [...]}`: total = all matching documents the caller may see, hits = one page;
    facets (when asked for): counts per 一级/二级/library/sector/category (`kb.indicators.facets`)."""

    total: int
    hits: list[Hit]
    mode: str = "lexical"
    facets: Facets | None = None


def lexical_ranked(idx: IndicatorIndex, query: str, mask: "np.ndarray | None", k: int, *,
                   filters: dict | None = None, visible_units: set[str] | None = None,
                   plain: bool | None = None) -> tuple[list[tuple[int, float]], int, list[str]]:
    """Lexically matched docs, exact/phrase tiers first: ([(doc, bm25)], total, tokens).

    `mask`: numpy bool of the documents allowed; None = those passing
    `filters` and visible to `visible_units` (then a query touching few
    postings is ranked without numpy, `LexicalIndex.sparse_scores`, with
    the same result, when `plain` is True, or None and numpy is not loaded).
    """
    tokens = idx.query_tokens(query)
    depth = max(k, PHRASE_WINDOW)
    # plain Python over few postings spares a CLI call numpy's import; where numpy is loaded
    # anyway (the service, suggest) its vector sum and top-k are the faster way (same ranking)
    if plain is None:
        plain = "numpy" not in sys.modules
    if mask is None and plain and idx.lexical.is_sparse(tokens):
        pairs, total = top_k_pairs(idx.lexical.sparse_scores(tokens), depth,
                                   idx.allowed(filters, visible_units=visible_units))
    else:
        if mask is None:
            mask = idx.mask(filters, visible_units=visible_units)
        scores = idx.lexical.scores(tokens)
        total = int(((scores > 0) & mask).sum())
        cand, sc = top_k(scores, depth, mask)
        pairs = list(zip(cand.tolist(), sc.tolist()))
    qn = normalize_name(query)
    exact = set(idx.by_name.get(qn, ()))  # (every ranked doc is allowed and matched)
    names = idx.rows.column("name_norm") if hasattr(idx.rows, "column") else [r["name_norm"] for r in idx.rows]

    # `pairs` come by BM25 (ties by document): a stable split into the tiers keeps that order within each
    first, phrase, rest = [], [], []
    for p in pairs:
        i = p[0]
        (first if i in exact else phrase if qn and qn in names[i] else rest).append(p)
    ranked = first + phrase + rest
    return ranked[:k], total, tokens


def to_hit(idx: IndicatorIndex, doc: int, score: float, tokens: list[str], extra: dict | None = None) -> Hit:
    """Build the public Hit for document `doc`."""
    r = idx.rows[doc]
    terms = idx.lexical.matched_terms(tokens, doc) if tokens else []
    name_terms = [t for t in terms if t in r["name_norm"] or t in r["name"].lower()]
    explain = {"matched_terms": terms}
    explain.update(extra or {})
    return Hit(indicator_id=r["id"], name=r["name"], level1=r["level1"], level2=r["level2"],
               level1_label=Level1(r["level1"]).label, level2_label=Level2(r["level2"]).label,
               unit=r["unit"] or "", library=r["library"], score=round(float(score), 4),
               highlights=highlight_spans(r["name"], name_terms), explain=explain)


def search_lexical(idx: IndicatorIndex, query: str, *, filters: dict | None = None,
                   top: int = 10, offset: int = 0, visible_units: set[str] | None = None) -> SearchResult:
    """Lexical search: only documents with BM25 > 0, exact name first, paginated.

    visible_units: other units' 单位指标库 are left out of hits and total (None = all).
    """
    ranked, total, tokens = lexical_ranked(idx, query, None, offset + top, filters=filters,
                                           visible_units=visible_units)
    best = max((s for _, s in ranked), default=1.0) or 1.0
    qn = normalize_name(query)
    hits = []
    for rank, (doc, s) in enumerate(ranked[offset:offset + top], start=offset + 1):
        tier = 0 if idx.rows[doc]["name_norm"] == qn else 1 if qn and qn in idx.rows[doc]["name_norm"] else 2
        display = ((2 - tier) + s / best) / 3  # exact > phrase > the rest, each by BM25: in (0, 1]
        hits.append(to_hit(idx, doc, display, tokens, {"bm25": round(s, 4), "lexical_rank": rank,
                                                       "match": ("完全同名", "包含检索词", "部分词匹配")[tier]}))
    return SearchResult(total=total, hits=hits, mode="lexical")
