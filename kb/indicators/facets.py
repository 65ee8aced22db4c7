"""Facet counts for indicator search: how many matching indicators per 一级/二级/library/sector/category.

Counted over the documents the search counts in its `total`: in lexical
mode the indicators the query matches (BM25 > 0, active, visible to the
caller); in dense and hybrid mode the caller passes `matched`, the
retriever's own set (lexical matches plus the dense-only hits shown), and
the values of a filtered field are each counted under their own filters, so
the chosen value's count is the total shown. Counts are disjunctive, as in most search pages: the counts of one
field apply every filter except that field's own, so the other values of a
chosen filter stay visible with their counts. Another unit's private
单位指标库 is never counted (`IndicatorIndex.mask(visible_units=…)`, the same
mask the search uses). Not for ranking (see `kb.indicators.search`).
"""
from __future__ import annotations

from collections.abc import Callable

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
                 visible_units: set[str] | None = None, limit: int = 40,
                 matched: Callable[[dict[str, str]], np.ndarray] | None = None) -> Facets:
    """Facet counts for `query` under `filters` (identifiers, as `KnowledgeBase.search` takes them).

    visible_units: the caller's units (None = all); limit: at most this many
    values per field (the most frequent); matched: filters → bool (n,) mask
    of the documents the search counts under those filters (default: the
    lexical matches of `query`, BM25 > 0); called once per distinct set of
    filters (the full set, and the set without each filtered field).

    Each count is the size of a result set: for a field without a filter, the results of this search
    that carry the value (the counts add up to `total`); for a filtered field, the `total` of the
    search with that value chosen instead (the chosen value's count is this search's total). Lexically
    the two agree. With `matched` (dense and hybrid mode, and the default mode, which ranks lexically
    when the words settle the query) the set a search counts depends on its filters — the dense hits
    shown under a filter are not the unfiltered ones that carry the value — so the values of a filtered
    field are each counted by `matched` under their own filters (round 17: “老人 吃饭” with 产出指标
    chosen showed 产出指标 11 beside 12 results); values whose search counts nothing are left out.
    """
    import numpy as np  # (the search itself runs without numpy; counting facets uses it)

    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    exact = matched is not None
    if matched is None:
        tokens = idx.query_tokens(query)
        lexical = (idx.lexical.scores(tokens) > 0) if tokens else np.zeros(len(idx.active), dtype=bool)
        matched = lambda _filters: lexical  # noqa: E731 - the filters are applied below
    seen: dict[tuple, np.ndarray] = {}

    def docs(fs: dict[str, str]) -> np.ndarray:
        key = tuple(sorted(fs.items()))
        if key not in seen:
            seen[key] = matched(fs) & idx.mask(fs, visible_units=visible_units)
        return seen[key]

    out: dict[str, list[FacetValue]] = {}
    for field in FACET_FIELDS:
        others = {k: v for k, v in filters.items() if k != field}
        if exact and field in filters:  # each value's count: the total of the search with it chosen (docstring)
            values = np.unique(idx.columns[field][idx.mask(others, visible_units=visible_units)])
            counted = [(str(v), int(np.count_nonzero(docs({**others, field: str(v)})))) for v in values if v]
        else:
            values, counts = np.unique(idx.columns[field][docs(others)], return_counts=True)
            counted = [(str(v), int(c)) for v, c in zip(values, counts) if v]
        pairs = sorted(((v, c) for v, c in counted if c), key=lambda p: (-p[1], p[0]))
        out[field] = [FacetValue(value=v, label=_label(field, v), count=c) for v, c in pairs[:limit]]
    total = int(np.count_nonzero(docs(filters)))
    return Facets(total=total, fields=out)
