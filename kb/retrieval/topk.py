"""The one top-k: the best k entries of a score vector, in O(n + k log k).

`np.argpartition` finds the k best without sorting the rest, then only those
k are sorted: score descending, ties by document index ascending, so results
are deterministic. `top_k_pairs` is the same order over a {doc: score}
mapping (the sparse scores of `kb.retrieval.lexical`), in plain Python. By default only documents with a score > 0 qualify (a
retriever never returns unmatched documents as padding); dense cosines,
which may be ≤ 0, pass `positive=False`. Used by the
BM25, dense and two-stage dense searches and by suggest. Not for fusion
(`kb.retrieval.fusion`).
"""
from __future__ import annotations

import heapq
from operator import itemgetter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


def top_k_pairs(scores: Mapping[int, float], k: int, allowed: Callable[[int], bool] | None = None
                ) -> tuple[list[tuple[int, float]], int]:
    """The best `k` (doc, score) of `scores` with score > 0 and `allowed(doc)`, and how many qualified.

    Same order as `top_k`: score descending, ties by document index ascending.
    """
    if allowed is None:
        pairs = [(d, s) for d, s in scores.items() if s > 0]
    else:
        pairs = [(d, s) for d, s in scores.items() if s > 0 and allowed(d)]
    if len(pairs) <= 8 * k:  # two sorts in C (documents ascending, then a stable sort by score)
        pairs.sort()
        pairs.sort(key=itemgetter(1), reverse=True)
        return pairs[:max(k, 0)], len(pairs)
    return heapq.nsmallest(max(k, 0), pairs, key=lambda p: (-p[1], p[0])), len(pairs)


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None, *,
          positive: bool = True) -> tuple["np.ndarray", "np.ndarray"]:
    """Indices and scores of the best `k` documents with mask True (and score > 0 when `positive`).

    Args:
        scores: (n,) scores, one per document.
        k: how many; fewer come back when fewer documents qualify.
        mask: optional bool (n,), only True documents qualify.
        positive: only documents scoring > 0 qualify (default; lexical matches).
    Returns:
        (idx int64 (m,), scores (m,) in the dtype of `scores`), best first,
        ties by index ascending.
    """
    import numpy as np

    if positive:
        cand = np.flatnonzero(scores > 0)
        if mask is not None and cand.size:
            cand = cand[mask[cand]]
    elif mask is not None:
        cand = np.flatnonzero(mask)
    else:
        cand = None
    s = scores if cand is None else scores[cand]
    if k <= 0 or s.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, scores.dtype if scores.dtype.kind == "f" else np.float32)
    part = np.argpartition(-s, k - 1)[:k] if s.size > k else np.arange(s.size)
    order = part[np.lexsort((part, -s[part]))]
    idx = order if cand is None else cand[order]
    return idx.astype(np.int64, copy=False), s[order]
