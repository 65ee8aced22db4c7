"""Facet counts for indicator search: how many matching indicators per 一级/二级/library/sector/category.

Counted over the indicators the query matches lexically (BM25 > 0, active,
visible to the caller). Counts are disjunctive, as in most search pages:
the counts of one field apply every filter except that field's own, so the
other values of a chosen filter stay visible with their counts. Another
unit's private 单位指标库 is never counted (`visible_units`).
Not for ranking (see `kb.search`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel

if TYPE_CHECKING:  # pragma: no cover
    from kb.search import IndicatorIndex

FACET_FIELDS = ("level1", "level2", "library", "sector", "category")
FACET_LABELS = {"level1": "一级指标", "level2": "二级指标", "library": "指标库", "sector": "行业领域",
                "category": "类别"}


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
    from kb.schema import Level1, Level2, Library

    enum = {"level1": Level1, "level2": Level2, "library": Library}.get(field)
    if enum is None:
        return value
    try:
        return enum(value).label
    except ValueError:
        return value


def visibility_mask(idx: "IndicatorIndex", visible_units: set[str] | None) -> np.ndarray:
    """True for the documents the caller may see: the basic library and the given units (None = all)."""
    n = len(idx.active)
    if visible_units is None:
        return np.ones(n, dtype=bool)
    unit = idx.columns["library"] == "unit"
    ok = np.isin(idx.columns["unit_name"], list(visible_units)) if visible_units else np.zeros(n, dtype=bool)
    return ~unit | ok


def facet_counts(idx: "IndicatorIndex", query: str, filters: dict[str, str] | None = None, *,
                 visible_units: set[str] | None = None, limit: int = 40) -> Facets:
    """Facet counts for `query` under `filters` (identifiers, as `KnowledgeBase.search` takes them).

    limit: at most this many values per field (the most frequent).
    """
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    tokens = idx.tokenizer.tokens(query)
    matched = (idx.lexical.scores(tokens) > 0) if tokens else np.zeros(len(idx.active), dtype=bool)
    base = matched & visibility_mask(idx, visible_units)
    out: dict[str, list[FacetValue]] = {}
    for field in FACET_FIELDS:
        m = base & idx.mask({k: v for k, v in filters.items() if k != field})
        values, counts = np.unique(idx.columns[field][m], return_counts=True)
        pairs = sorted(((str(v), int(c)) for v, c in zip(values, counts) if v), key=lambda p: (-p[1], p[0]))
        out[field] = [FacetValue(value=v, label=_label(field, v), count=c) for v, c in pairs[:limit]]
    total = int(np.count_nonzero(base & idx.mask(filters)))
    return Facets(total=total, fields=out)
