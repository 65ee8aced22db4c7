"""Exact dense (cosine) top-k over an L2-normalised float32 matrix.

One matrix-vector product gives every document's cosine with the query;
`kb.retrieval.topk.top_k` picks the best k in O(n + k log k). The product is bound
by memory bandwidth: at 100k × 384 it streams 154 MB (≈ 13 ms on one core),
and the matrix is most of a large KB's memory, so from `REDUCE_AT` (50k)
documents `ReducedDenseIndex` scans a PCA-reduced copy instead and
rescores its candidates exactly (see there). The matrix can be saved as
`.npy` and reopened memory-mapped (`DenseIndex.open(path, mmap=True)`), so
several worker processes share one copy in the page cache. Not for
computing vectors (see `kb.retrieval.embed`, `kb.retrieval.vectors`) or fusing with lexical
results (see `kb.retrieval.fusion`).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from kb.errors import ConfigError
from kb.retrieval.topk import top_k


class DenseIndex:
    """Cosine search over rows of a matrix.

    Args:
        matrix: (n, d) rows, L2-normalised (checked on a sample; zero rows
            allowed — they score 0). Converted to C-contiguous float32
            without copying when it already is.
        normalise: scale rows to unit norm first (copies).

    Raises:
        ConfigError: matrix not 2-D, or rows not unit-norm when
            `normalise=False`.
    """

    def __init__(self, matrix: np.ndarray, *, normalise: bool = False):
        m = np.asanyarray(matrix)  # keeps np.memmap (no copy)
        if m.ndim != 2:
            raise ConfigError(f"向量矩阵必须是二维 (n, d), 实际 {m.shape}")
        if normalise:
            from kb.retrieval.embed.base import l2_normalise

            m = l2_normalise(m)
        if m.dtype != np.float32 or not m.flags.c_contiguous:
            m = np.ascontiguousarray(m, dtype=np.float32)
        if m.shape[0] and not normalise:
            sample = m[:: max(1, m.shape[0] // 256)]
            norms = np.linalg.norm(sample, axis=1)
            if not np.all((np.abs(norms - 1.0) < 1e-3) | (norms == 0)):
                raise ConfigError("向量未归一化 (L2 范数应为 1); 使用 normalise=True")
        self.matrix = m

    @property
    def size(self) -> int:
        """Number of documents n."""
        return self.matrix.shape[0]

    @property
    def dim(self) -> int:
        """Vector length d."""
        return self.matrix.shape[1]

    def scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of every document with the query: float32 (n,) in [-1, 1]."""
        q = np.asarray(qvec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ConfigError(f"查询向量维度 {q.shape[0]} 与索引维度 {self.dim} 不一致"
                              "(嵌入模型已更换? 请重新运行 jixiao build)")
        if self.size == 0:
            return np.zeros(0, np.float32)
        return self.matrix @ q

    def search(self, qvec: np.ndarray, k: int, mask: np.ndarray | None = None,
               *, scores: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The k documents most similar to `qvec`.

        Args:
            qvec: (d,) L2-normalised query vector.
            k: how many to return (fewer when fewer documents / mask True).
            mask: optional bool (n,), only True rows are eligible.
            scores: precomputed `self.scores(qvec)` to avoid a second product.

        Returns:
            (idx int64 (m,), cos float32 (m,)) sorted by cosine descending,
            ties by index ascending.
        """
        s = self.scores(qvec) if scores is None else scores
        idx, sc = top_k(s, k, mask, positive=False)
        return idx, sc.astype(np.float32, copy=False)

    def query(self, qvec: np.ndarray, k: int, mask: np.ndarray | None = None,
              background_scores: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray, float | None]:
        """Top k under `mask` plus the best background-adjusted score over ALL documents.

        Returns (idx, cos, top_margin): idx/cos as `search`; top_margin =
        max_j (cos(q, m_j) − background_scores_j) over the whole, unfiltered
        index (the query's relation to the library, used by
        `kb.retrieval.fusion.confidence`), None without background scores.
        """
        scores = self.scores(qvec)
        idx, sc = self.search(qvec, k, mask, scores=scores)
        margin = float((scores - background_scores).max()) if background_scores is not None and scores.size else None
        return idx, sc, margin

    def save(self, path: str | Path) -> Path:
        """Write the matrix as `.npy` (for `open(..., mmap=True)`); returns the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with open(tmp, "wb") as f:
            np.save(f, self.matrix, allow_pickle=False)
        tmp.replace(path)  # atomic: a crash never leaves a half-written file
        return path

    @classmethod
    def open(cls, path: str | Path, *, mmap: bool = True) -> "DenseIndex":
        """Load a matrix saved by `save`; `mmap=True` maps it read-only (shared page cache)."""
        try:
            m = np.load(Path(path), mmap_mode="r" if mmap else None, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise ConfigError(f"无法读取向量文件 {path}: {e}") from e
        return cls(m)


# ------------------------------------------------------------------ large KBs

# Large KBs are searched in two stages (see ReducedDenseIndex) from this many documents on.
REDUCE_AT = 50_000
REDUCED_DIM = 128
RERANK_MIN = 256


def fit_projection(sample: np.ndarray, dim: int = REDUCED_DIM) -> tuple[np.ndarray, np.ndarray]:
    """Principal axes of `sample` (m, d): (mean (d,), components (dim, d)), largest variance first.

    Computed from the d × d covariance with `numpy.linalg.eigh` (exact PCA;
    d = 384 for e5-small). `dim` is clamped to d.
    """
    x = np.asarray(sample, dtype=np.float64)
    mean = x.mean(axis=0)
    m = max(1, x.shape[0] - 1)
    cov = (x.T @ x - x.shape[0] * np.outer(mean, mean)) / m  # without a centred copy of the sample
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:min(dim, x.shape[1])]
    return mean.astype(np.float32), np.ascontiguousarray(vecs[:, order].T, dtype=np.float32)


class ReducedDenseIndex:
    """Two-stage cosine search for large KBs: a PCA-reduced scan, then exact rescoring.

    Stage 1 ranks every document by its projection on the first
    `REDUCED_DIM` (128) principal axes of the vectors — q·m ≈ q·μ + (Cq)·(C(m − μ))
    — in an (n, 128) float32 matrix: a third of the memory traffic and of the
    memory of the full (n, 384) matrix (100k documents: 51 MB instead of
    154 MB, the scan ≈ 5 ms instead of ≈ 14 ms on one core). Stage 2 fetches
    the full vectors of the best max(4k, 256) candidates (`fetch`, e.g. from
    the KB file) and returns them ranked by their exact cosine, so the
    scores returned are exact and the order differs from exact search only
    when a true top-k document falls outside the candidates.

    Args:
        reduced: (n, r) float32, rows (m − mean) projected on `components`.
        mean: (d,) float32; components: (r, d) float32, orthonormal rows.
        fetch: callable(doc indices int64 (m,)) → (m, d) float32 full vectors.
        dim: d, the full vector length.
    """

    def __init__(self, reduced: np.ndarray, mean: np.ndarray, components: np.ndarray, fetch, dim: int):
        self.reduced = np.ascontiguousarray(reduced, dtype=np.float32)
        self.mean, self.components, self.fetch, self._dim = mean, components, fetch, int(dim)

    @property
    def size(self) -> int:
        """Number of documents n."""
        return self.reduced.shape[0]

    @property
    def dim(self) -> int:
        """Full vector length d."""
        return self._dim

    def approx_scores(self, qvec: np.ndarray) -> np.ndarray:
        """Stage-1 estimate of every document's cosine with the query: float32 (n,)."""
        q = np.asarray(qvec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self._dim:
            raise ConfigError(f"查询向量维度 {q.shape[0]} 与索引维度 {self._dim} 不一致"
                              "(嵌入模型已更换? 请重新运行 jixiao build)")
        return self.reduced @ (self.components @ q) + np.float32(self.mean @ q)

    def _exact(self, q: np.ndarray, docs: np.ndarray) -> np.ndarray:
        return np.asarray(self.fetch(docs), dtype=np.float32) @ np.asarray(q, dtype=np.float32).reshape(-1)

    def _candidates(self, approx: np.ndarray, k: int, mask: np.ndarray | None) -> np.ndarray:
        """The max(4k, RERANK_MIN) documents under `mask` with the best estimate, in index order."""
        m = min(max(4 * k, RERANK_MIN), approx.size)
        return np.sort(top_k(approx, m, mask, positive=False)[0])

    def search(self, qvec: np.ndarray, k: int, mask: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """As `DenseIndex.search` (exact cosines of the returned documents)."""
        idx, sc, _ = self.query(qvec, k, mask)
        return idx, sc

    def query(self, qvec: np.ndarray, k: int, mask: np.ndarray | None = None,
              background_scores: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray, float | None]:
        """Top k under `mask` plus the best background-adjusted score over ALL documents.

        Returns (idx, cos, top_margin): see `DenseIndex.query`. The margin
        max_j (cos(q, m_j) − background_j) is the exact value over the 32
        documents of the whole KB with the best stage-1 estimate of it.
        """
        if k <= 0 or self.size == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32), None
        approx = self.approx_scores(qvec)
        cand = self._candidates(approx, k, mask)
        extra = np.zeros(0, np.int64)
        if background_scores is not None:  # the documents with the best estimated margin, unfiltered
            extra = top_k(approx - background_scores, 32, positive=False)[0]
        alld = np.unique(np.concatenate([cand, extra]))
        exact = self._exact(qvec, alld)
        margin = None
        if background_scores is not None and alld.size:
            margin = float((exact[np.searchsorted(alld, extra)] - background_scores[extra]).max())
        order, s = top_k(exact[np.searchsorted(alld, cand)], k, positive=False)
        return cand[order].astype(np.int64), s.astype(np.float32), margin
