"""Indicator search over the loaded KB: filters, exact-first ranking, highlights.

Ranking (lexical mode): documents with BM25 score > 0 only (no padding);
within them an exact normalised-name match comes first, then names that
contain the whole query as a phrase, then the rest, each tier by BM25.
Highlights are [start, end) character offsets into the ORIGINAL name; the
explanation lists the matched query terms. Dense and hybrid modes add the
embedding retriever and reciprocal rank fusion (`kb.fusion`).
Not for suggestion (see `kb.suggest`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel

from kb.facets import Facets
from kb.lexical import LexicalIndex, top_k
from kb.rows import RowStore
from kb.text import normalize_name, normalize_with_offsets
from kb.tokenize import Tokenizer

FILTER_FIELDS = ("level1", "level2", "library", "unit_name", "category", "sector")
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
    """`{"total": N, "hits": [...]}`: total = all matching documents, hits = one page;
    facets (when asked for): counts per 一级/二级/library/sector/category (`kb.facets`)."""

    total: int
    hits: list[Hit]
    mode: str = "lexical"
    facets: Facets | None = None


@dataclass
class IndicatorIndex:
    """In-memory view of the indicators of a KB for querying.

    rows: table rows (dicts, see `kb.store.indicator_row`), aligned with the
    lexical index's document order; columns: per filter field a numpy array of
    strings for masking.
    """

    rows: "RowStore | list[dict]"
    lexical: LexicalIndex
    tokenizer: Tokenizer
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    active: np.ndarray | None = None
    cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        def col(f: str) -> list:
            if isinstance(self.rows, RowStore):
                return self.rows.columns.get(f) or [None] * len(self.rows)
            return [r.get(f) for r in self.rows]

        for f in FILTER_FIELDS:
            self.columns[f] = np.array([v or "" for v in col(f)], dtype=object)
        self.active = np.array([v != "deprecated" for v in col("status")], dtype=bool)
        for i, n in enumerate(col("name_norm")):
            self.by_name.setdefault(n, []).append(i)

    def mask(self, filters: dict[str, str | None] | None = None,
             exclude: np.ndarray | None = None) -> np.ndarray:
        """Boolean mask of documents passing the filters (None/'' = no filter)."""
        m = self.active.copy()
        for k, v in (filters or {}).items():
            if v in (None, ""):
                continue
            if k not in self.columns:
                raise KeyError(k)
            m &= self.columns[k] == v
        if exclude is not None:
            m &= ~exclude
        return m


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """[start, end) offsets in the original `text` where any term occurs (merged)."""
    norm, offs = normalize_with_offsets(text)
    low = norm.lower()
    spans: list[tuple[int, int]] = []
    for t in sorted(set(terms), key=len, reverse=True):
        if not t:
            continue
        start = low.find(t)
        while start != -1:
            spans.append((offs[start], offs[start + len(t) - 1] + 1))
            start = low.find(t, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


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
    from kb.schema import Level1, Level2

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
                   top: int = 10, offset: int = 0) -> SearchResult:
    """Lexical search: only documents with BM25 > 0, exact name first, paginated."""
    mask = idx.mask(filters)
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
