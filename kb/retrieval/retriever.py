"""`Retriever`: dense retrieval, fusion and confidence over one document set.

Indicators (`kb.indicators.hybrid`) and corpus chunks (`kb.corpus.search`)
both use it. A document set is rows 0..n−1 of the caller's own table; the
caller brings its lexical ranking (BM25, matched documents only) and its
filter mask, the `Retriever` adds the dense side:

- `Retriever.load` reads the set's vectors from the KB file
  (`kb.retrieval.vectors`): none of the configured embedder → None (search
  stays lexical, with a hint on stderr); a few missing (an edit since the
  build) → embedded on the spot; the confidence calibration is loaded, or
  computed (in memory when the file is read-only); from `REDUCE_AT`
  documents on the two-stage `ReducedDenseIndex`.
- `embed_ahead(query)` starts embedding the query on the embedding pool
  while the caller ranks lexically; `fuse(lexical, query, mask, mode,
  qvec=…)` takes that vector (else embeds the query), runs the dense top 50,
  fuses by RRF (`kb.retrieval.fusion`) and judges confidence
  (`kb.retrieval.confidence`); `shown(result)` is the one rule for what a
  search shows: the hits above the cut when confident, else only lexically
  matched documents (never dense padding).

Not for the lexical ranking (callers own it) or for building vectors
(`kb.retrieval.vectors.ensure_vectors`).
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np

from kb.retrieval.confidence import Calibration, Confidence, calibrate, confidence
from kb.retrieval.dense import REDUCE_AT, DenseIndex, ReducedDenseIndex
from kb.retrieval.fusion import DENSE_DEPTH, RRF_K, FusedHit, rrf_fuse
from kb.retrieval.vectors import (Item, StaleVectors, VectorFetcher, ensure_calibration,
                                  load_calibration, load_matrix, load_reduced, stored_fingerprints)

MODES = ("lexical", "dense", "hybrid")


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


def shown(res: HybridResult) -> list[FusedHit]:
    """What a search shows: hits above the cut when confident, else only lexically matched ones."""
    conf = res.confidence
    if conf.confident:
        return res.passing()
    return [h for h in res.hits if h.doc in conf.lexical_docs]


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
        dense_index: `DenseIndex` (or `ReducedDenseIndex`) of the same documents.
        calibration: the set's `Calibration` (None → no dense evidence in
            `confidence`).
        mask: optional bool (n,) filter applied to dense candidates.
        mode: "hybrid" (RRF of both), "dense" (dense ranking only) or
            "lexical" (lexical ranking only).
        background_scores: `dense_index.scores(calibration.background_mean)`,
            precomputed once per set (else computed here: a second product).

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
        # dense_top: over the whole set, unfiltered: the query's relation to the documents
        idx, sc, dense_top = dense_index.query(qvec, dense_depth, mask, bg)
        dense_list = list(zip(idx.tolist(), sc.tolist()))
    lex = list(lexical)
    if mode == "dense":
        hits, n_ret = rrf_fuse([], dense_list, k, dense_depth=dense_depth, n_retrievers=1), 1
    elif mode == "lexical" or not use_dense:
        hits, n_ret = rrf_fuse(lex, [], k, n_retrievers=1), 1
    else:
        hits, n_ret = rrf_fuse(lex, dense_list, k, dense_depth=dense_depth, n_retrievers=2), 2
    conf = confidence(hits, dense_top=dense_top, calibration=calibration, n_retrievers=n_ret, k=k,
                      lexical=lex, dense=dense_list)
    return HybridResult(hits, conf, dense_top)


class Retriever:
    """The dense side of one document set, with its calibration.

    Args:
        embedder: the configured `kb.retrieval.embed.Embedder`.
        dense: `DenseIndex` (or `ReducedDenseIndex`), row i = document i.
        calibration: the set's `Calibration` (None → no dense evidence in confidence).
        background_scores: each document's cosine with the calibration's
            background mean, when already computed (else computed here, once).
        query_text: turns a query into the text that is embedded (default:
            the query itself; indicators drop the declaration form's words).
    """

    def __init__(self, embedder, dense, calibration: Calibration | None, *,
                 background_scores: np.ndarray | None = None,
                 query_text: Callable[[str], str] | None = None):
        self.embedder, self.dense, self.calibration = embedder, dense, calibration
        if background_scores is None and calibration is not None and dense.size:
            background_scores = dense.scores(calibration.background_mean)
        self.background_scores = background_scores
        self.query_text = query_text or (lambda q: q)

    @property
    def size(self) -> int:
        """Number of documents."""
        return self.dense.size

    @classmethod
    def load(cls, db, kind: str, keys: list[str], items: Callable[[], list[Item]], embedder, *,
             prune: bool = False, what: str = "知识库中", query_text: Callable[[str], str] | None = None
             ) -> "Retriever | None":
        """The retriever of the documents `keys` (vector kind `kind`) stored in the KB file `db`.

        Args:
            items: () → [(key, text to embed, content hash)] of every document
                (kept for callers; a missing vector is not embedded here).
            prune: unused here (pruning is the build's).
            what: the set in the stderr hint ("知识库中", "语料").
        Returns None when no vector of this embedder is stored at all (the
        set was built with JIXIAO_EMBEDDER=none or another model).
        """
        fp = embedder.fingerprint
        if not keys or stored_fingerprints(db, kind).get(fp, 0) == 0:
            if keys:
                print(f"提示: {what}没有当前嵌入模型的向量，检索退回词面模式；运行 jixiao build 以启用语义检索",
                      file=sys.stderr)
            return None
        cal = load_calibration(db, kind, fp)
        if len(keys) >= REDUCE_AT and cal is not None and cal.n_docs == len(keys):
            try:
                reduced, mean, comps, bg, d = load_reduced(db, kind, keys, fp, cal.background_mean)
                dense = ReducedDenseIndex(reduced, mean, comps, VectorFetcher(db, kind, keys, fp, d), d)
                return cls(embedder, dense, cal, background_scores=bg, query_text=query_text)
            except StaleVectors:
                pass  # an edit since the build: embed the missing ones below, then search exactly
        try:
            matrix = load_matrix(db, kind, keys, fp)
        except StaleVectors:
            # some documents have no vector yet (a build or corpus add still to finish): never embed
            # here, inside a request — they are found by the lexical side until the build stores them
            print(f"提示: {what}部分文档尚无向量，这些文档暂只按词面检索；运行 jixiao build（或重新 corpus add）补齐",
                  file=sys.stderr)
            matrix = load_matrix(db, kind, keys, fp, missing_ok=True)
            if cal is not None:
                return cls(embedder, DenseIndex(matrix), cal, query_text=query_text)
        if cal is None or cal.n_docs != len(keys):
            cal = _calibration(db, kind, matrix, embedder)
        return cls(embedder, DenseIndex(matrix), cal, query_text=query_text)

    def embed_ahead(self, query: str) -> "Future[np.ndarray]":
        """The query's vector, computed on the embedding pool (`kb.retrieval.embed.threads.submit_to_pool`):
        start it, rank lexically meanwhile, pass `.result()` to `fuse` as `qvec`."""
        from kb.retrieval.embed.threads import submit_to_pool

        return submit_to_pool(self.embedder.encode_query, self.query_text(query))

    def fuse(self, lexical: Sequence[tuple[int, float]], query: str, mask: np.ndarray | None, *,
             mode: str = "hybrid", qvec: np.ndarray | None = None) -> HybridResult:
        """`hybrid` of the caller's lexical ranking with this set's dense ranking of `query`
        (`qvec`: the query's vector when already computed, `embed_ahead`)."""
        if qvec is None:
            qvec = self.embedder.encode_query(self.query_text(query))
        return hybrid(lexical, qvec, self.dense, self.calibration, mask=mask, mode=mode,
                      background_scores=self.background_scores)


def _calibration(db, kind: str, matrix: np.ndarray, embedder) -> Calibration:
    """The stored calibration of `matrix`, computed and stored when missing (in memory on a read-only file)."""
    try:
        return ensure_calibration(db, kind, matrix, embedder)
    except Exception:  # read-only KB file: calibrate in memory only
        from kb.retrieval.embed.background import BACKGROUND_QUERIES

        return calibrate(matrix, embedder.encode_queries(list(BACKGROUND_QUERIES)), embedder.fingerprint)
