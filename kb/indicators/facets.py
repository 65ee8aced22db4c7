"""Facet counts for indicator search: how many matching indicators per 一级/二级/library/sector/category.

Counted over the indicators the query matches lexically (BM25 > 0, active,
visible to the caller), the documents a lexical search counts in its
`total`. Counts are disjunctive, as in most search pages: the counts of one
field apply every filter except that field's own, so the other values of a
chosen filter stay visible with their counts. Another unit's private
单位指标库 is never counted (`IndicatorIndex.mask(visible_units=…)`, the same
mask the search uses). Not for ranking (see `kb.indicators.search`); in
dense and hybrid mode a search may also show dense-only hits, which facets
do not count.
"""
from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from kb.domain.enums import Level1, Level2, Library
from kb.indicators.index import IndicatorIndex

FACET_FIELDS = ("level1", "level2", "library", "sector", "category")
FACET_LABELS = {"level1": "一级指标", "level2": "二级指标", "library": "指标库", "sector": "行业领域",
                "category": "类别"}
_ENUMS = {"level1": Level1, "level2": Level2, "library": Library}


class FacetValue(BaseModel):
    """One value of a facet: the filter value (identifier), its Chinese label, the count."""

    value: str
    label: str
    count: int


class Facets(BaseModel):
    """`total`: matching indicators visible to the caller under all filters;
    `fields`: per facet field its values, most frequent first."""

    total: int
    fields: dict[str, list[FacetValue]]


def _label(field: str, value: str) -> str:
    enum = _ENUMS.get(field)
    if enum is None:
        return value
    try:
        return enum(value).label
    except ValueError:
        return value


def facet_counts(idx: IndicatorIndex, query: str, filters: dict[str, str] | None = None, *,
                 visible_units: set[str] | None = None, limit: int = 40) -> Facets:
    """Facet counts for `query` under `filters` (identifiers, as `KnowledgeBase.search` takes them).

    visible_units: the caller's units (None = all); limit: at most this many
    values per field (the most frequent).
    """
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    tokens = idx.tokenizer.tokens(query)
    matched = (idx.lexical.scores(tokens) > 0) if tokens else np.zeros(len(idx.active), dtype=bool)
    out: dict[str, list[FacetValue]] = {}
    for field in FACET_FIELDS:
        m = matched & idx.mask({k: v for k, v in filters.items() if k != field}, visible_units=visible_units)
        values, counts = np.unique(idx.columns[field][m], return_counts=True)
        pairs = sorted(((str(v), int(c)) for v, c in zip(values, counts) if v), key=lambda p: (-p[1], p[0]))
        out[field] = [FacetValue(value=v, label=_label(field, v), count=c) for v, c in pairs[:limit]]
    total = int(np.count_nonzero(matched & idx.mask(filters, visible_units=visible_units)))
    return Facets(total=total, fields=out)
