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

import numpy as np
from pydantic import BaseModel

from kb.domain.enums import Level1, Level2
from kb.domain.text import normalize_name
from kb.indicators.facets import Facets
from kb.indicators.index import IndicatorIndex
from kb.retrieval.highlight import highlight_spans
from kb.retrieval.topk import top_k

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


def lexical_ranked(idx: IndicatorIndex, query: str, mask: np.ndarray, k: int
                   ) -> tuple[list[tuple[int, float]], int, list[str]]:
    """Lexically matched docs, exact/phrase tiers first: ([(doc, bm25)], total, tokens)."""
    tokens = idx.tokenizer.tokens(query)
    scores = idx.lexical.scores(tokens)
    total = int(np.count_nonzero((scores > 0) & mask))
    cand, sc = top_k(scores, max(k, PHRASE_WINDOW), mask)
    qn = normalize_name(query)
    exact = set(i for i in idx.by_name.get(qn, []) if mask[i] and scores[i] > 0)

    def tier(i: int) -> int:
        if i in exact:
            return 0
        return 1 if qn and qn in idx.rows[i]["name_norm"] else 2

    ranked = sorted(zip(cand.tolist(), sc.tolist()), key=lambda p: (tier(p[0]), -p[1], p[0]))
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
    mask = idx.mask(filters, visible_units=visible_units)
    ranked, total, tokens = lexical_ranked(idx, query, mask, offset + top)
    best = max((s for _, s in ranked), default=1.0) or 1.0
    qn = normalize_name(query)
    hits = []
    for rank, (doc, s) in enumerate(ranked[offset:offset + top], start=offset + 1):
        tier = 0 if idx.rows[doc]["name_norm"] == qn else 1 if qn and qn in idx.rows[doc]["name_norm"] else 2
        display = ((2 - tier) + s / best) / 3  # exact > phrase > the rest, each by BM25: in (0, 1]
        hits.append(to_hit(idx, doc, display, tokens, {"bm25": round(s, 4), "lexical_rank": rank,
                                                       "match": ("完全同名", "包含检索词", "部分词匹配")[tier]}))
    return SearchResult(total=total, hits=hits, mode="lexical")
