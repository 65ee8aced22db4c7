"""Reciprocal rank fusion of a lexical and a dense ranking.

Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009, "Reciprocal Rank
Fusion outperforms Condorcet and individual rank learning methods", SIGIR;
k = 60 as there) over each retriever's OWN matched list: lexical = only
documents with BM25 score > 0, dense = its top `DENSE_DEPTH` (50). A document
absent from a list gets nothing from it, so zero-score ties never
contribute. The display score is the RRF value divided by the best value
attainable with the retrievers consulted (rank 1 in every list), so it lies
in [0, 1] and reads "how close to first place in every retriever".
Pure functions. Not for deciding whether the hits are relevant at all
(`kb.retrieval.confidence`) or for running the retrievers
(`kb.retrieval.retriever`).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

RRF_K = 60
DENSE_DEPTH = 50


class FusedHit(NamedTuple):
    """One fused result (a named tuple: `doc, display_score = hit[:2]` also works).

    Attributes:
        doc: document row index (as in the retrievers' lists).
        display_score: RRF / best attainable RRF, in [0, 1].
        lexical_rank, dense_rank: 1-based rank in each retriever's own list,
            None when the document is not in that list.
        rrf: raw reciprocal-rank-fusion value Σ 1/(k + rank).
        lexical_score: BM25 score (None when not matched lexically).
        dense_score: dense similarity as given in the dense list.
    """

    doc: int
    display_score: float
    lexical_rank: int | None
    dense_rank: int | None
    rrf: float
    lexical_score: float | None = None
    dense_score: float | None = None


def best_rrf(n_retrievers: int, k: int = RRF_K) -> float:
    """Largest attainable RRF value: rank 1 in each of `n_retrievers` lists."""
    return n_retrievers / (k + 1.0)


def ranked_pairs(items: Sequence) -> list[tuple[int, float | None]]:
    """A ranked list as (doc, score) pairs; bare document indices get score None."""
    out = []
    for it in items:
        if isinstance(it, (tuple, list)):
            out.append((int(it[0]), float(it[1])))
        else:  # a bare document index: already a ranked, matched list
            out.append((int(it), None))
    return out


def rrf_fuse(lexical: Sequence[tuple[int, float]], dense: Sequence[tuple[int, float]],
             k: int = RRF_K, *, dense_depth: int = DENSE_DEPTH,
             n_retrievers: int | None = None) -> list[FusedHit]:
    """Fuse two ranked lists by reciprocal rank fusion.

    Args:
        lexical: (doc, score) best first; entries with score ≤ 0 are dropped
            (only matched documents take part). Bare doc indices are
            accepted too (a list already holding matched documents only).
        dense: (doc, similarity) best first (or bare indices); only the
            first `dense_depth` (50) take part.
        k: RRF constant (60, Cormack et al. 2009).
        n_retrievers: retrievers consulted, for the display normalisation
            (default 2, hybrid). Pass 1 when only one retriever ran (lexical
            or dense mode). An empty list from a retriever that ran still
            counts: finding nothing is evidence.

    Returns:
        FusedHit list sorted by rrf descending; ties by lexical rank, then
        dense rank, then doc index. Callers that pin exact-name matches
        first do so after fusion.
    """
    lex = [(d, s) for d, s in ranked_pairs(lexical) if s is None or s > 0]
    den = ranked_pairs(list(dense)[:max(0, dense_depth)])
    if n_retrievers is None:
        n_retrievers = 2
    best = best_rrf(max(1, n_retrievers), k)
    acc: dict[int, list] = {}
    for rank, (d, s) in enumerate(lex, 1):
        if d in acc:  # a retriever lists each doc once; keep the first (best) rank
            continue
        acc[d] = [rank, None, 1.0 / (k + rank), s, None]
    seen_dense: set[int] = set()
    for rank, (d, s) in enumerate(den, 1):
        if d in seen_dense:
            continue
        seen_dense.add(d)
        e = acc.setdefault(d, [None, None, 0.0, None, None])
        e[1], e[4] = rank, s
        e[2] += 1.0 / (k + rank)
    big = 1 << 30
    hits = [FusedHit(doc=d, display_score=min(1.0, r / best), lexical_rank=lr, dense_rank=dr,
                     rrf=r, lexical_score=ls, dense_score=ds)
            for d, (lr, dr, r, ls, ds) in acc.items()]
    hits.sort(key=lambda h: (-h.rrf, h.lexical_rank or big, h.dense_rank or big, h.doc))
    return hits
