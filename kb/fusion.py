"""Hybrid fusion of lexical and dense results, and calibrated confidence.

Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009, "Reciprocal Rank
Fusion outperforms Condorcet and individual rank learning methods", SIGIR;
k = 60 as there) over each retriever's OWN matched list: lexical = only
documents with BM25 score > 0, dense = its top `DENSE_DEPTH` (50). A document
absent from a list gets nothing from it, so zero-score ties never
contribute. The display score is the RRF value divided by the best value
attainable with the retrievers consulted (rank 1 in every list), so it lies
in [0, 1] and reads "how close to first place in every retriever".

Confidence is calibrated per KB build, not a fixed cosine threshold:
E5-type models give any two Chinese texts a cosine of 0.8–0.9, so a cosine
means nothing on its own. At build time `calibrate` embeds background
queries (everyday sentences, `kb.embed.background`) and measures, for each,
its best *background-adjusted* score max_j M_j·(q − b̄), where b̄ is the mean
background query vector (the CSLS idea of Conneau et al. 2018, "Word
translation without parallel data", ICLR: subtract how close a document is
to everything). A query's adjusted top score is then expressed as a z-score
against that background distribution, and `confidence` combines it with
whether the lexical retriever matched and whether both retrievers agree on
a top item. Pure functions; no I/O (see `kb.vectors` for storing the
calibration). Not for the retrieval itself (`kb.lexical`, `kb.dense`).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

RRF_K = 60
DENSE_DEPTH = 50
# A hit kept by only one retriever must rank within this many to pass the cut.
CUT_RANK = 10
# Agreement: one document within the top AGREE_DEPTH of both retrievers.
AGREE_DEPTH = 5
# z-scores of the dense margin over the background (one-sided normal quantiles):
Z_STRONG = 2.33   # ≈ 99th percentile: dense evidence alone suffices
Z_MODERATE = 1.64  # ≈ 95th percentile: enough together with any lexical match
Z_AGREE = 1.28    # ≈ 90th percentile: enough when both retrievers agree on a top item
# (off-topic sentences that happen to share a word with the library — "去公园散步"
# vs 公园维护数量 — make both retrievers agree, but stay within the background
# spread; real descriptions of the dev set score z ≥ 1.6.)


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


def _pairs(items: Sequence) -> list[tuple[int, float | None]]:
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
    lex = [(d, s) for d, s in _pairs(lexical) if s is None or s > 0]
    den = _pairs(list(dense)[:max(0, dense_depth)])
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


# --------------------------------------------------------------- calibration

@dataclass(frozen=True)
class Calibration:
    """Background statistics of one KB matrix under one embedder.

    Attributes:
        fingerprint: embedder fingerprint the statistics belong to.
        background_mean: b̄, float32 (d,): mean vector of the background queries.
        mean, std: mean and standard deviation of the background queries'
            adjusted top score max_j M_j·(q − b̄) (leave-one-out b̄).
        quantiles: p50/p90/p95/p99/max of the same, for reports.
        n_background: number of background queries; n_docs: matrix rows.
    """

    fingerprint: str
    background_mean: np.ndarray
    mean: float
    std: float
    quantiles: dict[str, float] = field(default_factory=dict)
    n_background: int = 0
    n_docs: int = 0

    def adjust(self, qvec: np.ndarray) -> np.ndarray:
        """The background-adjusted query q − b̄ (dense ranking uses it)."""
        return np.asarray(qvec, dtype=np.float32) - self.background_mean

    def z(self, adjusted_top: float) -> float:
        """How many background standard deviations `adjusted_top` lies above the background mean."""
        return (float(adjusted_top) - self.mean) / max(self.std, 1e-6)

    def to_json(self) -> str:
        """Serialise (the vector as a list of floats)."""
        return json.dumps({"fingerprint": self.fingerprint,
                           "background_mean": [float(x) for x in self.background_mean],
                           "mean": self.mean, "std": self.std, "quantiles": self.quantiles,
                           "n_background": self.n_background, "n_docs": self.n_docs})

    @classmethod
    def from_json(cls, raw: str) -> "Calibration":
        """Inverse of `to_json`."""
        d = json.loads(raw)
        return cls(fingerprint=d["fingerprint"],
                   background_mean=np.asarray(d["background_mean"], dtype=np.float32),
                   mean=float(d["mean"]), std=float(d["std"]), quantiles=d.get("quantiles", {}),
                   n_background=int(d.get("n_background", 0)), n_docs=int(d.get("n_docs", 0)))


def calibrate(matrix: np.ndarray, background: np.ndarray, fingerprint: str) -> Calibration:
    """Measure the background distribution of adjusted top scores.

    Args:
        matrix: (n, d) L2-normalised document vectors (the KB).
        background: (m, d) query vectors of background sentences, m ≥ 3.
        fingerprint: the embedder fingerprint (stored with the result).

    For background query i, b̄ is the mean of the OTHER m − 1 background
    vectors (leave-one-out), so no query is compared against itself.

    Raises:
        ValueError: fewer than 3 background vectors or dimension mismatch.
    """
    M = np.asarray(matrix, dtype=np.float32)
    B = np.asarray(background, dtype=np.float32)
    m = B.shape[0]
    if m < 3 or B.shape[1] != M.shape[1]:
        raise ValueError(f"calibrate: need ≥ 3 background vectors of dim {M.shape[1]}, got {B.shape}")
    bsum = B.sum(axis=0)
    tops = np.empty(m, dtype=np.float64)
    for i in range(m):  # m small (≈ 90): one matrix-vector product each
        bbar = (bsum - B[i]) / (m - 1)
        tops[i] = float((M @ (B[i] - bbar)).max()) if M.shape[0] else 0.0
    q = {f"p{p}": float(np.percentile(tops, p)) for p in (50, 90, 95, 99)}
    q["max"] = float(tops.max())
    return Calibration(fingerprint=fingerprint, background_mean=(bsum / m).astype(np.float32),
                       mean=float(tops.mean()), std=float(tops.std(ddof=1)), quantiles=q,
                       n_background=m, n_docs=int(M.shape[0]))


# ---------------------------------------------------------------- confidence

@dataclass(frozen=True)
class Confidence:
    """Whether the retrieved candidates are relevant at all, and the cut.

    Attributes:
        confident: False for nonsense / off-topic input.
        cut: minimum display_score of a candidate worth showing; None when
            nothing passes (not confident).
        dense_z: the dense margin in background standard deviations (None
            without an embedder).
        lexical_matched: the lexical retriever matched at least one document.
        agreement: a document within the top AGREE_DEPTH of both retrievers.
        dense_only_ok: hits only the dense retriever found may pass
            (dense_z ≥ Z_MODERATE), when within the cut.
        lexical_docs: documents the lexical retriever matched.
        reasons: short Chinese explanations (evidence for the user).
    """

    confident: bool
    cut: float | None
    dense_z: float | None
    lexical_matched: bool
    agreement: bool
    dense_only_ok: bool
    lexical_docs: frozenset = frozenset()
    reasons: tuple[str, ...] = ()

    def passes(self, hit: FusedHit) -> bool:
        """True when `hit` is worth showing.

        Not confident → nothing passes. Confident → every document the
        lexical retriever matched (score > 0) passes; a document only the
        dense retriever found passes when dense evidence is trustworthy
        (dense_only_ok) and its display score reaches the cut (top
        CUT_RANK of the dense list).
        """
        if not self.confident or self.cut is None:
            return False
        if hit.lexical_rank is not None or hit.doc in self.lexical_docs:
            return True
        return self.dense_only_ok and hit.display_score >= self.cut - 1e-12


def cut_score(n_retrievers: int, k: int = RRF_K, rank: int = CUT_RANK) -> float:
    """Display score of a hit found by one retriever only, at rank `rank` (the default cut)."""
    return (1.0 / (k + rank)) / best_rrf(max(1, n_retrievers), k)


def confidence(hits: Sequence[FusedHit], *, dense_top: float | None = None,
               calibration: Calibration | None = None, n_retrievers: int | None = None,
               k: int = RRF_K, lexical: Sequence[tuple[int, float]] | None = None,
               dense: Sequence[tuple[int, float]] | None = None) -> Confidence:
    """Decide `confident` from retriever agreement and the calibrated dense margin.

    Args:
        hits: output of `rrf_fuse` (ranks per retriever).
        dense_top: the query's best background-adjusted dense score
            max_j M_j·(q − b̄) (`Calibration.adjust`); None without an embedder.
        calibration: the KB's `Calibration`; None → dense evidence unused.
        n_retrievers: retrievers whose ranks make up the display score
            (default: 2 when dense_top is given, else 1).
        lexical, dense: the retrievers' own lists, when the hits were ranked
            by one retriever only (dense mode) but both ran: agreement and
            lexical support are then judged from these lists. Default:
            read from the hits' ranks.

    Rules (z = calibration.z(dense_top)):
        1. z ≥ Z_STRONG (2.33): confident — the query is far closer to the
           KB than background text ever is.
        2. z ≥ Z_MODERATE (1.64) and the lexical retriever matched: confident.
        3. z ≥ Z_AGREE (1.28) and both retrievers put one document in their
           top AGREE_DEPTH (5): confident.
        4. lexical only (no dense evidence): confident when it matched.
        Otherwise not confident and nothing passes the cut. Hits only the
        dense retriever supports pass only when z ≥ Z_MODERATE.
    """
    if lexical is not None:
        lex_rank = {d: r for r, (d, s) in enumerate(_pairs(lexical), 1) if s is None or s > 0}
    else:
        lex_rank = {h.doc: h.lexical_rank for h in hits if h.lexical_rank is not None}
    if dense is not None:
        den_rank = {d: r for r, (d, _) in enumerate(_pairs(list(dense)[:DENSE_DEPTH]), 1)}
    else:
        den_rank = {h.doc: h.dense_rank for h in hits if h.dense_rank is not None}
    lex_matched = bool(lex_rank)
    agreement = any(r <= AGREE_DEPTH and den_rank.get(d, 1 << 30) <= AGREE_DEPTH
                    for d, r in lex_rank.items())
    lex_docs = frozenset(lex_rank)
    use_dense = dense_top is not None and calibration is not None
    if n_retrievers is None:
        n_retrievers = 2 if dense_top is not None else 1
    cut = cut_score(n_retrievers, k)
    if not use_dense:
        reasons = ("词面匹配到相关指标",) if lex_matched else ("词面无任何匹配",)
        return Confidence(lex_matched, cut if lex_matched else None, None, lex_matched, agreement,
                          False, lex_docs, reasons)
    z = calibration.z(dense_top)
    if z >= Z_STRONG:
        ok, why = True, f"语义相似度显著高于无关文本背景 (z={z:.1f})"
    elif z >= Z_MODERATE and lex_matched:
        ok, why = True, f"语义相似度高于背景 (z={z:.1f}) 且有词面匹配"
    elif z >= Z_AGREE and agreement:
        ok, why = True, f"词面与语义检索的前{AGREE_DEPTH}名一致 (z={z:.1f})"
    else:
        ok = False
        why = (f"语义相似度与无关文本相当 (z={z:.1f})"
               + ("" if lex_matched else ", 且词面无匹配")
               + ("" if agreement or not lex_matched else ", 词面与语义结果不一致"))
    return Confidence(ok, cut if ok else None, z, lex_matched, agreement,
                      ok and z >= Z_MODERATE, lex_docs, (why,))


# --------------------------------------------------------------- one call

@dataclass(frozen=True)
class HybridResult:
    """Fused hits plus the confidence verdict for one query.

    `hits` holds every fused hit (no cut applied); `passing()` the ones above
    the cut.
    """

    hits: list[FusedHit]
    confidence: Confidence
    dense_top: float | None

    def passing(self) -> list[FusedHit]:
        """Hits above the confidence cut, in fused order (empty when not confident)."""
        return [h for h in self.hits if self.confidence.passes(h)]


MODES = ("lexical", "dense", "hybrid")


def hybrid(lexical: Sequence[tuple[int, float]], qvec: np.ndarray | None, dense_index=None,
           calibration: Calibration | None = None, *, mask: np.ndarray | None = None,
           k: int = RRF_K, dense_depth: int = DENSE_DEPTH, mode: str = "hybrid",
           background_scores: np.ndarray | None = None) -> HybridResult:
    """Run dense search, fuse with `lexical`, judge confidence.

    Dense ranking uses the plain cosine; the background-adjusted score
    cos(q, d) − cos(b̄, d) only feeds the confidence verdict.

    Args:
        lexical: (doc, score>0) best first, from the lexical retriever (used
            for confidence in every mode, for ranking in lexical/hybrid).
        qvec: the query's (d,) vector (`Embedder.encode_query`), None in
            lexical mode.
        dense_index: `kb.dense.DenseIndex` (or `ReducedDenseIndex`) of the same documents.
        calibration: the KB's `Calibration` (None → no dense evidence in
            `confidence`).
        mask: optional bool (n,) filter applied to dense candidates.
        mode: "hybrid" (RRF of both), "dense" (dense ranking only) or
            "lexical" (lexical ranking only).
        background_scores: `dense_index.scores(calibration.background_mean)`,
            precomputed once per KB (else computed here: a second product).

    Returns:
        HybridResult(hits, confidence, dense_top).

    Raises:
        ValueError: unknown mode.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    dense_list: list[tuple[int, float]] = []
    dense_top = None
    use_dense = qvec is not None and dense_index is not None and mode != "lexical"
    if use_dense:
        bg = None
        if calibration is not None and dense_index.size:
            bg = (background_scores if background_scores is not None
                  else dense_index.scores(calibration.background_mean))
        # dense_top: over the whole KB, unfiltered: the query's relation to the library
        idx, sc, dense_top = dense_index.query(qvec, dense_depth, mask, bg)
        dense_list = list(zip(idx.tolist(), sc.tolist()))
    lex = list(lexical)
    if mode == "dense":
        hits = rrf_fuse([], dense_list, k, dense_depth=dense_depth, n_retrievers=1)
        n_ret = 1
    elif mode == "lexical" or not use_dense:
        hits = rrf_fuse(lex, [], k, n_retrievers=1)
        n_ret = 1
    else:
        hits = rrf_fuse(lex, dense_list, k, dense_depth=dense_depth, n_retrievers=2)
        n_ret = 2
    conf = confidence(hits, dense_top=dense_top, calibration=calibration, n_retrievers=n_ret, k=k,
                      lexical=lex, dense=dense_list)
    return HybridResult(hits, conf, dense_top)
