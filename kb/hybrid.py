"""Dense and hybrid retrieval over the indicator KB: the glue `KnowledgeBase` calls.

`HybridRetriever.from_kb(kb)` loads the indicator vectors the build stored
(`kb.vectors`), the KB's confidence calibration and the configured embedder;
`search` answers `jixiao search --mode dense|hybrid`, and `ranker(mode)`
gives `kb.suggest` its retrieval step. Lexical candidates come from
`kb.search.lexical_ranked` (matched only, exact name first); fusion and the
confidence verdict from `kb.fusion`. Not for lexical-only search
(`kb.search`) or for building vectors (`kb.store` calls `kb.vectors`).
"""
from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

from kb.dense import DenseIndex
from kb.embed.querytext import dense_query_text
from kb.fusion import Calibration, FusedHit, HybridResult, hybrid
from kb.search import IndicatorIndex, SearchResult, lexical_ranked, to_hit
from kb.text import normalize_name

KIND = "indicator"


def _single_threaded_blas() -> None:
    """Limit numpy's BLAS (OpenBLAS) to one thread, once per process.

    The embedder runs on OpenMP threads over all cores; OpenBLAS keeps its
    own worker threads busy-waiting after each matrix-vector product, and on
    a small machine the two pools fight for the same cores (measured on two
    cores: query embedding 36–40 ms with one BLAS thread, 90 ms to over a
    second without). The 100k × 384 product loses ≈ 1–2 ms on one thread.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        return
    threadpool_limits(limits=1, user_api="blas")
# Lexical candidates fused with the dense top 50 (search / suggest).
LEX_DEPTH_SEARCH = 100
LEX_DEPTH_SUGGEST = 200


class HybridRetriever:
    """Dense + lexical retrieval over one loaded KB.

    Args:
        index: the KB's `IndicatorIndex` (rows aligned with the vectors).
        embedder: the configured `kb.embed.Embedder`.
        dense: `DenseIndex` over the indicator vectors, row i = index.rows[i]
            (`ReducedDenseIndex` for large KBs).
        calibration: the KB's `kb.fusion.Calibration` (None → no dense evidence
            in confidence).
        background_scores: each document's cosine with the calibration's
            background mean, when already computed (else computed here).
    """

    def __init__(self, index: IndicatorIndex, embedder, dense: DenseIndex,
                 calibration: Calibration | None, *, background_scores: np.ndarray | None = None):
        if dense.size != len(index.rows):
            raise ValueError(f"dense index has {dense.size} rows, KB has {len(index.rows)}")
        self.index, self.embedder, self.dense, self.calibration = index, embedder, dense, calibration
        _single_threaded_blas()
        # cos(b̄, d) for every document: the background part of the adjusted score
        if background_scores is None and calibration is not None:
            background_scores = dense.scores(calibration.background_mean)
        self.background_scores = background_scores

    @classmethod
    def from_kb(cls, kb) -> "HybridRetriever | None":
        """Build from a loaded `KnowledgeBase`.

        Returns None when the KB holds no vectors of the configured embedder
        at all (built with JIXIAO_EMBEDDER=none or another model): search
        then stays lexical. A few missing vectors (an edit since the build)
        are embedded on the spot.

        Raises:
            ConfigError: the embedder cannot be loaded (bad `st:` path …).
        """
        from kb.embed import get_embedder
        from kb.vectors import (StaleVectors, ensure_calibration, ensure_vectors, load_calibration,
                                load_matrix, stored_fingerprints)

        embedder = get_embedder(kb.settings)
        if embedder is None:
            return None
        rows = kb.index.rows
        keys = [r["id"] for r in rows]
        fp = embedder.fingerprint
        if not rows or stored_fingerprints(kb.db, KIND).get(fp, 0) == 0:
            if rows:
                print(f"提示: 知识库中没有当前嵌入模型的向量, 检索退回词面模式; "
                      f"运行 jixiao build 以启用语义检索", file=sys.stderr)
            return None
        from kb.dense import REDUCE_AT

        cal = load_calibration(kb.db, KIND, fp)
        if len(rows) >= REDUCE_AT and cal is not None and cal.n_docs == len(rows):
            try:
                return cls._reduced(kb, embedder, keys, cal)
            except StaleVectors:
                pass  # an edit since the build: embed the missing ones below, then search exactly
        try:
            matrix = load_matrix(kb.db, KIND, keys, fp)
        except StaleVectors:
            from kb.store import embed_text, indicator_hash, row_to_indicator

            inds = [row_to_indicator(r) for r in rows]
            matrix = ensure_vectors(kb.db, KIND, [(i.id, embed_text(i), indicator_hash(i)) for i in inds],
                                    embedder, progress=False, prune=False)
        if cal is None or cal.n_docs != len(rows):
            try:
                cal = ensure_calibration(kb.db, KIND, matrix, embedder)
            except Exception:  # read-only KB file: calibrate in memory only
                from kb.embed.background import BACKGROUND_QUERIES
                from kb.fusion import calibrate

                cal = calibrate(matrix, embedder.encode_queries(list(BACKGROUND_QUERIES)), fp)
        return cls(kb.index, embedder, DenseIndex(matrix), cal)

    @classmethod
    def _reduced(cls, kb, embedder, keys: list[str], cal: Calibration) -> "HybridRetriever":
        """A large KB: PCA-reduced scan in memory, full vectors read from the KB file (`kb.dense.REDUCE_AT`)."""
        from kb.dense import ReducedDenseIndex
        from kb.vectors import VectorFetcher, load_reduced

        reduced, mean, comps, bg, d = load_reduced(kb.db, KIND, keys, embedder.fingerprint, cal.background_mean)
        dense = ReducedDenseIndex(reduced, mean, comps, VectorFetcher(kb.db, KIND, keys, embedder.fingerprint, d), d)
        return cls(kb.index, embedder, dense, cal, background_scores=bg)

    # ------------------------------------------------------------------ core
    def retrieve(self, query: str, mask: np.ndarray, *, mode: str = "hybrid",
                 lex_depth: int = LEX_DEPTH_SEARCH, totals: dict | None = None,
                 lexical: list[tuple[int, float]] | None = None
                 ) -> tuple[HybridResult, list[str], list[int]]:
        """Fused hits for `query` among `mask` documents.

        The dense query is the text without the declaration form's own
        vocabulary (`kb.embed.querytext`). `lexical`, when given, is the
        caller's own lexical ranking [(doc, score > 0)] best first (suggest
        weighs the project name and drops form words) and replaces the plain
        BM25 ranking of `query`. Returns (result, query tokens, exact-name
        docs). Every hit is kept (no cut); `result.passing()` applies the
        confidence cut.
        """
        if lexical is None:
            lex, lex_total, tokens = lexical_ranked(self.index, query, mask, lex_depth)
        else:
            lex, lex_total, tokens = list(lexical)[:lex_depth], len(lexical), []
        if totals is not None:
            totals["lexical"] = lex_total
        qvec = self.embedder.encode_query(dense_query_text(query))
        res = hybrid(lex, qvec, self.dense, self.calibration, mask=mask, mode=mode,
                     background_scores=self.background_scores)
        qn = normalize_name(query)
        exact = [i for i in self.index.by_name.get(qn, []) if mask[i]] if qn else []
        return res, tokens, exact

    def search(self, query: str, *, filters: dict | None = None, top: int = 10, offset: int = 0,
               mode: str = "hybrid") -> SearchResult:
        """`KnowledgeBase.search` in dense or hybrid mode.

        Hits: those that pass the confidence verdict
        (`kb.fusion.Confidence.passes`: lexically matched ones, plus the
        dense top ones when dense evidence is trustworthy); when the query
        is not confident, only lexically matched documents (never dense
        padding). Exact name matches come first. `score` is the
        fusion display score in [0, 1]; `explain` adds lexical_rank,
        dense_rank, rrf and the confidence verdict.
        """
        mask = self.index.mask(filters)
        totals: dict = {}
        # fuse deep enough that every requested page exists (all lexical matches stay reachable)
        res, tokens, exact = self.retrieve(query, mask, mode=mode,
                                           lex_depth=max(LEX_DEPTH_SEARCH, offset + top), totals=totals)
        conf = res.confidence
        if conf.confident:
            hits = res.passing()
        else:
            hits = [h for h in res.hits if h.doc in conf.lexical_docs]
        hits = _exact_first(hits, exact)
        page = hits[offset:offset + top]
        out = [to_hit(self.index, h.doc, h.display_score, tokens, _explain(h, conf)) for h in page]
        # total: every lexically matched document plus the dense-only ones that pass the verdict
        dense_only = sum(1 for h in hits if h.lexical_rank is None and h.doc not in conf.lexical_docs)
        total = (totals.get("lexical", 0) + dense_only) if mode == "hybrid" else len(hits)
        return SearchResult(total=max(total, len(hits)), hits=out, mode=mode)

    def ranker(self, mode: str = "hybrid") -> Callable[..., tuple[list[tuple[int, float]], bool]]:
        """The retrieval step of `kb.suggest`: `(text, mask, lexical) -> ([(doc, display_score)], confident)`.

        `lexical` is suggest's own lexical ranking [(doc, score > 0)] best
        first (None → plain BM25 of `text`); it is the lexical list fused
        with the dense one, so hybrid starts from the same lexical evidence
        as lexical mode. Only hits that pass the confidence verdict are
        returned; none when the text is not confident (off-topic, nonsense).
        """
        def rank(text: str, mask: np.ndarray, lexical: list[tuple[int, float]] | None = None
                 ) -> tuple[list[tuple[int, float]], bool]:
            res, _, exact = self.retrieve(text, mask, mode=mode, lex_depth=LEX_DEPTH_SUGGEST,
                                          lexical=lexical)
            hits = _exact_first(res.passing(), exact)
            return [(h.doc, float(h.display_score)) for h in hits], res.confidence.confident

        return rank


def _exact_first(hits: list[FusedHit], exact: list[int]) -> list[FusedHit]:
    if not exact:
        return hits
    ex = set(exact)
    return [h for h in hits if h.doc in ex] + [h for h in hits if h.doc not in ex]


def _explain(h: FusedHit, conf) -> dict:
    out = {"lexical_rank": h.lexical_rank, "dense_rank": h.dense_rank, "rrf": round(h.rrf, 5),
           "confident": conf.confident}
    if h.dense_score is not None:
        out["dense_score"] = round(h.dense_score, 4)
    if h.lexical_score is not None:
        out["bm25"] = round(h.lexical_score, 4)
    if conf.reasons:
        out["confidence"] = conf.reasons[0]
    return out
