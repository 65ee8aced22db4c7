"""Dense and hybrid search over the indicators, and the suggest ranker.

`HybridRetriever.load(index, db, embedder)` gives the indicator set its
`kb.retrieval.Retriever` (vectors the build stored, the KB's calibration,
the two-stage index for large KBs; None when the KB holds no vectors of the
embedder); `search` answers `jixiao search --mode dense|hybrid`, and
`ranker(mode)` gives `kb.suggest` its retrieval step. Lexical candidates
come from `kb.indicators.search.lexical_ranked` (matched only, exact name
first); the dense query is the text without the declaration form's own
vocabulary, for suggest only the project's core and the head of its
description (`kb.retrieval.embed.querytext`). Not for lexical-only search
(`kb.indicators.search`) or for building vectors (`kb.store.build`).
"""
from __future__ import annotations

from collections.abc import Callable

from typing import TYPE_CHECKING

import numpy as np

from kb.domain.text import normalize_name
from kb.indicators.index import IndicatorIndex
from kb.indicators.search import SearchResult, lexical_ranked, to_hit
from kb.retrieval.confidence import Confidence
from kb.retrieval.embed.querytext import dense_query_text, project_query_text
from kb.retrieval.fusion import FusedHit
from kb.retrieval.retriever import HybridResult, Retriever, shown
from kb.store.rows import INDICATOR_KIND, embed_text, indicator_hash, row_to_indicator

if TYPE_CHECKING:  # pragma: no cover
    import sqlite_utils

KIND = INDICATOR_KIND
# Lexical candidates fused with the dense top 50 (search / suggest).
LEX_DEPTH_SEARCH = 100
LEX_DEPTH_SUGGEST = 200


class HybridRetriever:
    """Dense + lexical retrieval over one loaded KB.

    Args:
        index: the KB's `IndicatorIndex` (rows aligned with the vectors).
        retriever: the indicator set's `kb.retrieval.Retriever`.
    Raises:
        ValueError: the retriever's set and the index differ in size.
    """

    def __init__(self, index: IndicatorIndex, retriever: Retriever):
        if retriever.size != len(index.rows):
            raise ValueError(f"dense index has {retriever.size} rows, KB has {len(index.rows)}")
        self.index, self.retriever = index, retriever

    @classmethod
    def load(cls, index: IndicatorIndex, db: "sqlite_utils.Database", embedder) -> "HybridRetriever | None":
        """The retriever of a loaded KB, or None when the KB holds no vectors of `embedder`.

        A few missing vectors (an edit since the build) are embedded on the
        spot. Raises ConfigError when the embedder cannot be used.
        """
        rows = index.rows

        def items():
            inds = [row_to_indicator(r) for r in rows]
            return [(i.id, embed_text(i), indicator_hash(i)) for i in inds]

        r = Retriever.load(db, KIND, [r["id"] for r in rows], items, embedder, query_text=dense_query_text)
        return None if r is None else cls(index, r)

    # ------------------------------------------------------------------ core
    def retrieve(self, query: str, mask: np.ndarray, *, mode: str = "hybrid",
                 lex_depth: int = LEX_DEPTH_SEARCH, totals: dict | None = None,
                 lexical: list[tuple[int, float]] | None = None, qvec: np.ndarray | None = None
                 ) -> tuple[HybridResult, list[str], list[int]]:
        """Fused hits for `query` among `mask` documents.

        `lexical`, when given, is the caller's own lexical ranking [(doc,
        score > 0)] best first (suggest weighs the project name and drops
        form words) and replaces the plain BM25 ranking of `query`. Returns
        (result, query tokens, exact-name docs). Every hit is kept (no cut);
        `result.passing()` applies the confidence cut. `qvec`: the dense
        query's vector when the caller already has it (else `query` is embedded).
        """
        ahead = None
        if lexical is None:
            if qvec is None:
                ahead = self.retriever.embed_ahead(query)  # the query is embedded while BM25 ranks
            lex, lex_total, tokens = lexical_ranked(self.index, query, mask, lex_depth)
        else:
            lex, lex_total, tokens = list(lexical)[:lex_depth], len(lexical), []
        if totals is not None:
            totals["lexical"] = lex_total
        res = self.retriever.fuse(lex, query, mask, mode=mode, qvec=ahead.result() if ahead else qvec)
        qn = normalize_name(query)
        exact = [i for i in self.index.by_name.get(qn, []) if mask[i]] if qn else []
        return res, tokens, exact

    def search(self, query: str, *, filters: dict | None = None, top: int = 10, offset: int = 0,
               mode: str = "hybrid", visible_units: set[str] | None = None,
               matched_out: dict | None = None) -> SearchResult:
        """`KnowledgeBase.search` in dense or hybrid mode.

        Hits: `kb.retrieval.retriever.shown` (above the confidence cut when
        confident, else only lexically matched documents, never dense
        padding), exact name matches first. `score` is the fusion display
        score in [0, 1]; `explain` adds lexical_rank, dense_rank, rrf and
        the confidence verdict. visible_units: other units' 单位指标库 are
        left out of hits and total (None = all). total: the documents of
        `matched` (below); `matched_out`, when given, receives that mask
        under "matched" so facets count the same set without searching again.
        """
        mask = self.index.mask(filters, visible_units=visible_units)
        # fuse deep enough that every requested page exists (all lexical matches stay reachable)
        hits, tokens, conf, docs = self._shown(query, mask, mode, max(LEX_DEPTH_SEARCH, offset + top))
        page = hits[offset:offset + top]
        out = [to_hit(self.index, h.doc, h.display_score, tokens, _explain(h, conf)) for h in page]
        if matched_out is not None:
            matched_out["matched"] = docs
        return SearchResult(total=int(np.count_nonzero(docs)), hits=out, mode=mode)

    def matched(self, query: str, *, filters: dict | None = None, mode: str = "hybrid",
                visible_units: set[str] | None = None, qvec: np.ndarray | None = None) -> np.ndarray:
        """Bool (n,) mask of the documents a `search` with these arguments counts in its total:
        in hybrid mode every lexically matched document plus the dense-only hits it shows, in
        dense mode the hits it shows. Facet counts use it (`kb.indicators.facets`), once per filter
        value: `qvec`, the query's vector (`query_vector`), spares embedding it each time."""
        mask = self.index.mask(filters, visible_units=visible_units)
        return self._shown(query, mask, mode, LEX_DEPTH_SEARCH, qvec)[3]

    def query_vector(self, query: str) -> np.ndarray:
        """The dense vector of `query` as `retrieve` embeds it."""
        return self.retriever.embed_ahead(query).result()

    def _shown(self, query: str, mask: np.ndarray, mode: str, lex_depth: int, qvec: np.ndarray | None = None
               ) -> tuple[list[FusedHit], list[str], Confidence, np.ndarray]:
        """(shown hits exact-first, query tokens, confidence, bool mask of the counted documents)."""
        res, tokens, exact = self.retrieve(query, mask, mode=mode, lex_depth=lex_depth, qvec=qvec)
        hits = _exact_first(shown(res), exact)
        docs = np.zeros(len(self.index.rows), dtype=bool)
        if mode == "hybrid" and tokens:
            docs |= (self.index.lexical.scores(tokens) > 0) & mask
        docs[[h.doc for h in hits]] = True
        return hits, tokens, res.confidence, docs

    def ranker(self, mode: str = "hybrid") -> "SuggestRanker":
        """The retrieval step of `kb.suggest` in `mode` (`SuggestRanker`)."""
        return SuggestRanker(self, mode)


class SuggestRanker:
    """The retrieval step of `kb.suggest`: `(text, mask, lexical, qvec) -> ([(doc, display_score)], confident)`.

    `lexical` is suggest's own lexical ranking [(doc, score > 0)] best
    first (None → plain BM25 of `text`); it is the lexical list fused
    with the dense one, so hybrid starts from the same lexical evidence
    as lexical mode. `qvec` is the dense query's vector
    (`project_vector`); None embeds `text`. Only hits that pass the
    confidence verdict are returned; none when the text is not confident
    (off-topic, nonsense).
    """

    def __init__(self, hybrid: HybridRetriever, mode: str):
        self.hybrid, self.mode = hybrid, mode

    def project_vector(self, core: str, description: str) -> np.ndarray:
        """The dense query vector (d,) of a project, computed on the embedding pool
        (`kb.retrieval.embed.threads.submit_to_pool`): of `project_query_text(core, description)`,
        its core (or name) and the head of its description, not the whole text (4× fewer tokens)."""
        return self.hybrid.retriever.embed_ahead(project_query_text(core, description)).result()

    def __call__(self, text: str, mask: np.ndarray, lexical: list[tuple[int, float]] | None = None,
                 qvec: np.ndarray | None = None) -> tuple[list[tuple[int, float]], bool]:
        res, _, exact = self.hybrid.retrieve(text, mask, mode=self.mode, lex_depth=LEX_DEPTH_SUGGEST,
                                             lexical=lexical, qvec=qvec)
        hits = _exact_first(res.passing(), exact)
        return [(h.doc, float(h.display_score)) for h in hits], res.confidence.confident


def _exact_first(hits: list[FusedHit], exact: list[int]) -> list[FusedHit]:
    if not exact:
        return hits
    ex = set(exact)
    return [h for h in hits if h.doc in ex] + [h for h in hits if h.doc not in ex]


def _explain(h: FusedHit, conf: Confidence) -> dict:
    out = {"lexical_rank": h.lexical_rank, "dense_rank": h.dense_rank, "rrf": round(h.rrf, 5),
           "confident": conf.confident}
    if h.dense_score is not None:
        out["dense_score"] = round(h.dense_score, 4)
    if h.lexical_score is not None:
        out["bm25"] = round(h.lexical_score, 4)
    if conf.reasons:
        out["confidence"] = conf.reasons[0]
    return out
