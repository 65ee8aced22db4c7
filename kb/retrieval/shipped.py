"""Vectors that come with the package, so a fresh install does not embed the shipped data.

Embedding the 3,105 shipped indicators takes 1–4 minutes on two cores, most
of a first `jixiao build`. The repository therefore carries their vectors
(and those of the shipped corpora's chunks and the calibration's background
queries) in one file per embedder backend, `indicators/vectors/<backend>.npz`:
per kind (`indicator`, `chunk`, `background`) the keys, the content hash
each vector was made from and the float32 vectors, plus the fingerprint of
the model that made them.

A build takes a shipped vector only when the fingerprint equals the
configured embedder's and the item's content hash equals the shipped one
(`ShippedVectors.get`), after checking on this machine that the model
still gives those vectors (`ShippedVectors.verified`: a few texts embedded
and compared); anything else is embedded as before. So editing one
indicator re-embeds that one, another model re-embeds all, and a stale
file costs time, never correctness. `jixiao vectors refresh` rewrites the
file from a build; `jixiao vectors check` (and a test) fail while it is
stale. Not for the vector cache inside the KB (`kb.retrieval.vectors`).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from kb.retrieval.embed.base import Embedder

KINDS = ("indicator", "chunk", "background")
# A shipped vector is trusted when this machine's model gives a cosine at least this close for a sample.
VERIFY_MIN_COSINE = 0.999
VERIFY_SAMPLE = 3


def shipped_path(indicators_dir: Path, backend: str) -> Path:
    """Where the shipped vectors of `backend` live: `<indicators_dir>/vectors/<backend>.npz`."""
    return Path(indicators_dir) / "vectors" / f"{backend}.npz"


class ShippedVectors:
    """The shipped vectors of one file (see module docstring).

    Attributes:
        fingerprint: the embedder fingerprint that made them.
        path: the file.
    """

    def __init__(self, fingerprint: str, kinds: Mapping[str, tuple[Sequence[str], Sequence[str], "np.ndarray"]],
                 path: Path | None = None):
        self.fingerprint, self.path = fingerprint, path
        self._kinds = {k: ({key: i for i, key in enumerate(keys)}, list(hashes), matrix)
                       for k, (keys, hashes, matrix) in kinds.items()}
        self._trusted: bool | None = None

    @classmethod
    def load(cls, path: Path) -> "ShippedVectors | None":
        """The file at `path`, or None when there is none (or it cannot be read)."""
        import numpy as np

        path = Path(path)
        if not path.is_file():
            return None
        try:
            z = np.load(path, allow_pickle=False)
            kinds = {k: ([str(x) for x in z[f"{k}_keys"]], [str(x) for x in z[f"{k}_hashes"]],
                         np.asarray(z[f"{k}_vectors"], dtype=np.float32))
                     for k in KINDS if f"{k}_keys" in z.files}
            return cls(str(z["fingerprint"]), kinds, path)
        except (OSError, ValueError, KeyError):
            return None

    def kinds(self) -> list[str]:
        """The kinds the file holds."""
        return list(self._kinds)

    def matrix(self, kind: str, keys: Sequence[str], hashes: Sequence[str], fingerprint: str) -> "np.ndarray | None":
        """The shipped vectors of all `keys` (in order), or None unless every one matches."""
        import numpy as np

        rows = [self.get(kind, k, h, fingerprint) for k, h in zip(keys, hashes)]
        return None if not rows or any(r is None for r in rows) else np.stack(rows)

    def entries(self, kind: str) -> dict[str, str]:
        """{key: content hash} of `kind`."""
        index, hashes, _ = self._kinds.get(kind, ({}, [], None))
        return {k: hashes[i] for k, i in index.items()}

    def get(self, kind: str, key: str, content_hash: str, fingerprint: str) -> "np.ndarray | None":
        """The shipped vector of `key` when it was made by `fingerprint` from content `content_hash`."""
        if fingerprint != self.fingerprint:
            return None
        index, hashes, matrix = self._kinds.get(kind, ({}, [], None))
        i = index.get(str(key))
        if i is None or hashes[i] != content_hash:
            return None
        return matrix[i]

    def verified(self, embedder: "Embedder", samples: Sequence[tuple[str, str, str]], *,
                 query: bool = False) -> bool:
        """Whether this machine's model reproduces the shipped vectors, checked once on a few items.

        `samples`: (kind, key, text) of items whose shipped vector would be
        used (their hashes already match); the first `VERIFY_SAMPLE` are
        embedded (as queries when `query`, e.g. the background) and each
        must have a cosine ≥ `VERIFY_MIN_COSINE` with its shipped vector.
        The verdict is kept for the file's lifetime. False when the
        fingerprints differ.
        """
        if self._trusted is not None:
            return self._trusted
        if embedder.fingerprint != self.fingerprint:
            return False
        picked = list(samples)[:VERIFY_SAMPLE]
        if not picked:
            return True
        import numpy as np

        texts = [t for _, _, t in picked]
        fresh = embedder.encode_queries(texts) if query else embedder.encode_documents(texts)
        ok = True
        for (kind, key, _), v in zip(picked, fresh):
            index, _, matrix = self._kinds[kind]
            ok &= float(np.dot(matrix[index[key]], v)) >= VERIFY_MIN_COSINE
        self._trusted = bool(ok)
        return self._trusted


def write_shipped(path: Path, fingerprint: str,
                  kinds: Mapping[str, tuple[Sequence[str], Sequence[str], "np.ndarray"]]) -> Path:
    """Write a shipped-vectors file atomically: per kind (keys, content hashes, float32 (n, d) vectors)."""
    import numpy as np

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict = {"fingerprint": np.array(fingerprint)}
    for k, (keys, hashes, matrix) in kinds.items():
        order = sorted(range(len(keys)), key=lambda i: keys[i])  # stable file for equal content
        arrays[f"{k}_keys"] = np.array([keys[i] for i in order], dtype=str)
        arrays[f"{k}_hashes"] = np.array([hashes[i] for i in order], dtype=str)
        arrays[f"{k}_vectors"] = np.ascontiguousarray(np.asarray(matrix, dtype="<f4")[order])
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path
