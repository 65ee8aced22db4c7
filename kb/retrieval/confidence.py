"""Is a query answered by the document set at all? Calibrated confidence and the cut.

Confidence is calibrated per KB build, not a fixed cosine threshold:
E5-type models give any two Chinese texts a cosine of 0.8–0.9, so a cosine
means nothing on its own. At build time `calibrate` embeds background
queries (everyday sentences, `kb.retrieval.embed.background`) and measures, for each,
its best *background-adjusted* score max_j M_j·(q − b̄), where b̄ is the mean
background query vector (the CSLS idea of Conneau et al. 2018, "Word
translation without parallel data", ICLR: subtract how close a document is
to everything). A query's adjusted top score is then expressed as a z-score
against that background distribution, and `confidence` combines it with
whether the lexical retriever matched and whether both retrievers agree on
a top item. Pure functions; no I/O (see `kb.retrieval.vectors` for storing the
calibration). Not for the ranking itself (`kb.retrieval.fusion`).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kb.retrieval.fusion import DENSE_DEPTH, RRF_K, FusedHit, best_rrf, ranked_pairs

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
        lex_rank = {d: r for r, (d, s) in enumerate(ranked_pairs(lexical), 1) if s is None or s > 0}
    else:
        lex_rank = {h.doc: h.lexical_rank for h in hits if h.lexical_rank is not None}
    if dense is not None:
        den_rank = {d: r for r, (d, _) in enumerate(ranked_pairs(list(dense)[:DENSE_DEPTH]), 1)}
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
