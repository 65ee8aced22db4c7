"""Embedding vectors cached in the KB SQLite file.

Table `vectors(key, kind, content_hash, fingerprint, dim, vector)`, primary
key (kind, key); `vector` is the float32 little-endian bytes of one
L2-normalised row. A vector is reused while both its item's content hash
and the embedder's fingerprint are unchanged, so a rebuild after editing
one indicator embeds only that indicator, and switching the model
re-embeds everything. Vectors shipped with the package
(`kb.retrieval.shipped`) are taken the same way before anything is
embedded, and embedded vectors are stored batch by batch, so an
interrupted build resumes where it stopped. Not for searching (see `kb.retrieval.dense`) or choosing a
model (see `kb.retrieval.embed`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from kb.domain.ids import text_hash
from kb.errors import ConfigError, DataError
from kb.retrieval.confidence import Calibration, calibrate
from kb.retrieval.dense import fit_projection
from kb.retrieval.embed.background import BACKGROUND_QUERIES

if TYPE_CHECKING:  # pragma: no cover
    import sqlite_utils

    from kb.retrieval.embed.base import Embedder
    from kb.retrieval.shipped import ShippedVectors

TABLE = "vectors"
# Show a progress bar only when at least this many texts must be embedded.
PROGRESS_MIN_ITEMS = 200

Item = tuple[str, str, str | None]  # (key, text, content_hash)


def _tables(db) -> set[str]:
    """Tables of a sqlite3 connection or sqlite-utils Database (reading needs no sqlite-utils)."""
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def _writable(db) -> "sqlite_utils.Database":
    """`db` as a sqlite-utils Database (a plain sqlite3 connection is wrapped)."""
    if hasattr(db, "table_names"):
        return db
    import sqlite_utils

    return sqlite_utils.Database(db)


class StaleVectors(ConfigError):
    """The KB's stored vectors do not match the configured embedder (run `jixiao build`)."""


def ensure_table(db: "sqlite_utils.Database") -> None:
    """Create the `vectors` table if it does not exist."""
    if TABLE not in _tables(db):
        db[TABLE].create({"key": str, "kind": str, "content_hash": str, "fingerprint": str,
                          "dim": int, "vector": bytes}, pk=("kind", "key"))


def ensure_vectors(db: "sqlite_utils.Database", kind: str, items: Sequence[Item],
                   embedder: "Embedder", *, progress: bool = False,
                   prune: bool = True, calibrate: bool = True,
                   stats: dict | None = None, shipped: "ShippedVectors | None" = None) -> np.ndarray:
    """Vectors of `items`, embedding only those that are new or changed.

    Args:
        db: the KB file (sqlite-utils Database).
        kind: namespace of the keys, e.g. "indicator" or "chunk".
        items: (key, text, content_hash) per item, in the order wanted; the
            hash must cover the text that is embedded (None → `text_hash`).
        embedder: the configured `Embedder`.
        progress: show a rich progress bar (stderr) when at least
            `PROGRESS_MIN_ITEMS` texts need embedding.
        prune: delete stored vectors of this kind whose key is not in
            `items` (items is then the complete set of the kind).
        stats: when given, filled with {"embedded", "reused", "shipped",
            "pruned"} counts (for build reports).
        calibrate: also refresh the kind's confidence calibration
            (`ensure_calibration`; about a second, only when the matrix or
            the model changed).
        shipped: the package's vectors (`kb.retrieval.shipped`): an item
            not stored yet takes its shipped vector when fingerprint and
            content hash match and the model reproduces a sample of them.

    Returns:
        float32 (n, d) matrix, row i = items[i], rows L2-normalised.

    Raises:
        DataError: a key appears twice in `items`.

    Vectors are written as they are made, one transaction per batch of a
    few seconds' work: a crash mid-run keeps the finished batches (the next
    run embeds only the rest) and never leaves a half-written vector.
    """
    db = _writable(db)
    keys = [str(k) for k, _, _ in items]
    if len(set(keys)) != len(keys):
        seen: set[str] = set()
        dup = next(k for k in keys if k in seen or seen.add(k))
        raise DataError(f"向量键重复: {dup}", field="key")
    hashes = [h or text_hash(t) for _, t, h in items]
    fp, dim = embedder.fingerprint, embedder.dimension
    ensure_table(db)
    stored = _stored(db, kind, fp, dim)
    out = np.empty((len(items), dim), dtype=np.float32)
    todo: list[int] = []
    for i, (k, h) in enumerate(zip(keys, hashes)):
        got = stored.get(k)
        if got is not None and got[0] == h:
            out[i] = np.frombuffer(got[1], dtype="<f4")
        else:
            todo.append(i)

    def store(rows: Sequence[int]) -> None:
        with db.atomic():
            db[TABLE].upsert_all(
                ({"key": keys[i], "kind": kind, "content_hash": hashes[i], "fingerprint": fp,
                  "dim": dim, "vector": out[i].astype("<f4").tobytes()} for i in rows),
                pk=("kind", "key"), batch_size=500)

    from_package: list[int] = []
    if shipped is not None and todo:
        cand = [(i, v) for i in todo if (v := shipped.get(kind, keys[i], hashes[i], fp)) is not None]
        if cand and shipped.verified(embedder, [(kind, keys[i], items[i][1]) for i, _ in cand]):
            for i, v in cand:
                out[i] = v
            from_package = [i for i, _ in cand]
            store(from_package)
            taken = set(from_package)
            todo = [i for i in todo if i not in taken]
    if todo:
        _embed_into(out, todo, [items[i][1] for i in todo], embedder, progress=progress, store=store)
    pruned = _prune(db, kind, set(keys)) if prune else 0
    if calibrate and len(items) > 0:
        ensure_calibration(db, kind, out, embedder, shipped=shipped)
    if stats is not None:
        stats.update(embedded=len(todo), reused=len(items) - len(todo) - len(from_package),
                     shipped=len(from_package), pruned=pruned)
    return out


def _stored(db: "sqlite_utils.Database", kind: str, fp: str, dim: int) -> dict[str, tuple[str, bytes]]:
    """key → (content hash, vector bytes) of the stored vectors of `kind` made by this model."""
    stored: dict[str, tuple[str, bytes]] = {}
    for key, ch, sfp, sdim, blob in db.execute(
            f"SELECT key, content_hash, fingerprint, dim, vector FROM {TABLE} WHERE kind = ?",
            [kind]).fetchall():
        if sfp == fp and sdim == dim and blob is not None and len(blob) == 4 * dim:
            stored[key] = (ch, blob)
    return stored


def _prune(db: "sqlite_utils.Database", kind: str, live: set[str]) -> int:
    """Delete the stored vectors of `kind` whose key is not in `live`; returns how many."""
    orphans = [k for (k,) in db.execute(f"SELECT key FROM {TABLE} WHERE kind = ?", [kind]) if k not in live]
    if orphans:
        with db.atomic():
            for a in range(0, len(orphans), 500):
                chunk = orphans[a:a + 500]
                db.execute(f"DELETE FROM {TABLE} WHERE kind = ? AND key IN "
                           f"({','.join('?' * len(chunk))})", [kind, *chunk])
    return len(orphans)


def _embed_into(out: np.ndarray, rows: list[int], texts: list[str], embedder: "Embedder",
                *, progress: bool, store) -> None:
    """Embed `texts` into `out[rows]`, storing each batch (`store(rows)`) as soon as it is made."""
    from kb.progress import progress_bar

    lanes = getattr(getattr(embedder, "lanes", None), "size", 1)
    step = max(1, int(getattr(embedder, "batch_size", 48))) * max(1, lanes)
    with progress_bar("计算向量", len(texts), enabled=progress and len(texts) >= PROGRESS_MIN_ITEMS) as advance:
        for a in range(0, len(texts), step):
            chunk = texts[a:a + step]
            done = rows[a:a + len(chunk)]
            out[done] = embedder.encode_documents(chunk)
            store(done)
            advance(len(chunk))


def load_matrix(db: "sqlite_utils.Database", kind: str, keys: Sequence[str],
                fingerprint: str, *, missing_ok: bool = False) -> np.ndarray:
    """Stored vectors of `keys` (in that order) made by the embedder `fingerprint`.

    Returns float32 (n, d); (0, 0) when `keys` is empty. With `missing_ok`,
    keys without a vector get a zero row (never near any query: found by the
    lexical side only) — how a server answers until `jixiao build` / `corpus
    add` has stored the rest, instead of embedding inside a request.

    Raises:
        StaleVectors: some key has no vector from this embedder (the KB was
            built with another model or before an edit) — run `jixiao build`;
            with `missing_ok` only when no key has one.
    """
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    if TABLE not in _tables(db):
        raise StaleVectors("知识库中没有向量, 请先运行 jixiao build")
    index = {str(k): i for i, k in enumerate(keys)}
    out: np.ndarray | None = None
    filled = np.zeros(len(keys), dtype=bool)
    cur = db.execute(f"SELECT key, dim, vector FROM {TABLE} WHERE kind = ? AND fingerprint = ?",
                     [kind, fingerprint])
    for key, dim, blob in cur:  # row by row: peak memory stays ≈ one matrix
        i = index.get(key)
        if i is None:
            continue
        if out is None:
            out = np.empty((len(keys), int(dim)), dtype=np.float32)
        if dim != out.shape[1] or blob is None or len(blob) != 4 * dim:
            raise StaleVectors(f"{kind} 向量维度不一致, 请重新运行 jixiao build")
        out[i] = np.frombuffer(blob, dtype="<f4")
        filled[i] = True
    if out is not None and missing_ok and not filled.all():
        out[~filled] = 0.0
        return out
    if out is None or not filled.all():
        missing = [k for k, f in zip(keys, filled) if not f]
        raise StaleVectors(f"{len(missing)} 条{kind}向量与当前嵌入模型不一致或缺失"
                           f"(如 {missing[0]}), 请重新运行 jixiao build")
    return out


def stored_fingerprints(db: "sqlite_utils.Database", kind: str) -> dict[str, int]:
    """Fingerprint → number of stored vectors of `kind` (for `jixiao build` / health output)."""
    if TABLE not in _tables(db):
        return {}
    return {fp: n for fp, n in db.execute(
        f"SELECT fingerprint, COUNT(*) FROM {TABLE} WHERE kind = ? GROUP BY fingerprint",
        [kind]).fetchall()}


# ------------------------------------------------------------ calibration

CALIBRATION_TABLE = "vector_calibration"


def _matrix_digest(matrix: np.ndarray) -> str:
    m = np.ascontiguousarray(matrix, dtype="<f4")
    return hashlib.sha1(memoryview(m).cast("B")).hexdigest()[:16] + f":{m.shape[0]}x{m.shape[1]}"


def ensure_calibration(db: "sqlite_utils.Database", kind: str, matrix: np.ndarray,
                       embedder: "Embedder", *, shipped: "ShippedVectors | None" = None):
    """The `kb.retrieval.confidence.Calibration` of `matrix`, computed once per (matrix, embedder).

    Embeds the background queries of `kb.retrieval.embed.background` (≈ 90 short
    sentences, about a second; the shipped ones when `shipped` holds them
    all) only when the stored calibration belongs to another matrix or
    fingerprint; stored in table `vector_calibration`.
    """
    db = _writable(db)
    digest = _matrix_digest(matrix)
    fp = embedder.fingerprint
    if CALIBRATION_TABLE in _tables(db):
        row = db.execute(f"SELECT fingerprint, matrix_digest, payload FROM {CALIBRATION_TABLE} "
                         "WHERE kind = ?", [kind]).fetchone()
        if row and row[0] == fp and row[1] == digest:
            return Calibration.from_json(row[2])
    background = background_vectors(embedder, shipped)
    cal = calibrate(matrix, background, fp)
    with db.atomic():
        db[CALIBRATION_TABLE].upsert({"kind": kind, "fingerprint": fp, "matrix_digest": digest,
                                      "payload": cal.to_json()}, pk="kind")
    return cal


def background_vectors(embedder: "Embedder", shipped: "ShippedVectors | None" = None) -> np.ndarray:
    """Query vectors of `BACKGROUND_QUERIES`: the shipped ones when all match and verify, else embedded."""
    texts = list(BACKGROUND_QUERIES)
    if shipped is not None:
        keys = [text_hash(t) for t in texts]
        m = shipped.matrix("background", keys, keys, embedder.fingerprint)
        if m is not None and shipped.verified(embedder, [("background", k, t) for k, t in zip(keys, texts)],
                                              query=True):
            return m
    return embedder.encode_queries(texts)


def load_calibration(db: "sqlite_utils.Database", kind: str, fingerprint: str):
    """The stored `Calibration` of `kind` for this embedder fingerprint, or None."""
    if CALIBRATION_TABLE not in _tables(db):
        return None
    row = db.execute(f"SELECT fingerprint, payload FROM {CALIBRATION_TABLE} WHERE kind = ?",
                     [kind]).fetchone()
    if not row or row[0] != fingerprint:
        return None
    return Calibration.from_json(row[1])


# ------------------------------------------------------------ large KBs

def load_reduced(db: "sqlite_utils.Database", kind: str, keys: Sequence[str], fingerprint: str,
                 background_mean: np.ndarray | None, *, dim: int = 128, sample: int = 8_192):
    """Stream the stored vectors of `keys` into a PCA-reduced matrix (for `kb.retrieval.dense.ReducedDenseIndex`).

    Two passes over the table, never holding the full (n, d) matrix: the
    first keeps every ⌈n / sample⌉-th vector to fit the projection
    (`kb.retrieval.dense.fit_projection`), the second projects the vectors in blocks
    of 4,096 and computes each document's exact cosine with the
    background mean.

    Returns:
        (reduced (n, dim) float32, mean (d,), components (dim, d), background
        scores (n,) float32 or None, d).
    Raises:
        StaleVectors: some key has no vector of this embedder.
    """
    index = {str(k): i for i, k in enumerate(keys)}
    step = max(1, -(-len(keys) // max(1, sample)))
    sql = f"SELECT key, dim, vector FROM {TABLE} WHERE kind = ? AND fingerprint = ?"
    picked: np.ndarray | None = None
    n_picked, d = 0, None
    for key, dd, blob in db.execute(sql, [kind, fingerprint]):
        i = index.get(key)
        if i is None or i % step:
            continue
        if picked is None:
            d = int(dd)
            picked = np.empty((-(-len(keys) // step), d), dtype=np.float32)
        if dd == d and blob is not None and len(blob) == 4 * d and n_picked < len(picked):
            picked[n_picked] = np.frombuffer(blob, dtype="<f4")
            n_picked += 1
    if picked is None or not n_picked:
        raise StaleVectors(f"知识库中没有当前嵌入模型的{kind}向量, 请重新运行 jixiao build")
    mean, comps = fit_projection(picked[:n_picked], dim)
    del picked
    reduced = np.empty((len(keys), comps.shape[0]), dtype=np.float32)
    bg = np.empty(len(keys), dtype=np.float32) if background_mean is not None else None
    filled = np.zeros(len(keys), dtype=bool)
    block_rows: list[int] = []
    block: list[np.ndarray] = []

    def flush() -> None:
        m = np.stack(block)
        reduced[block_rows] = (m - mean) @ comps.T
        if bg is not None:
            bg[block_rows] = m @ np.asarray(background_mean, dtype=np.float32)
        filled[block_rows] = True
        block_rows.clear()
        block.clear()

    for key, dd, blob in db.execute(sql, [kind, fingerprint]):
        i = index.get(key)
        if i is None:
            continue
        if dd != d or blob is None or len(blob) != 4 * d:
            raise StaleVectors(f"{kind} 向量维度不一致, 请重新运行 jixiao build")
        block_rows.append(i)
        block.append(np.frombuffer(blob, dtype="<f4"))
        if len(block) == 4096:
            flush()
    if block:
        flush()
    if not filled.all():
        missing = [k for k, f in zip(keys, filled) if not f]
        raise StaleVectors(f"{len(missing)} 条{kind}向量与当前嵌入模型不一致或缺失"
                           f"(如 {missing[0]}), 请重新运行 jixiao build")
    return reduced, mean, comps, bg, d


class VectorFetcher:
    """Full stored vectors of documents by index, read from the KB file on demand.

    `fetcher(docs)` → (m, d) float32 in the order of `docs` (int indices
    into `keys`). Reads are serialised by a lock (one SQLite connection is
    shared by the service's worker threads). A vector missing since the KB
    was loaded (rebuilt underneath) comes back as zeros: it then scores 0.

    Args:
        db, kind, keys, fingerprint: as `load_matrix`; d: vector length.
    """

    def __init__(self, db: "sqlite_utils.Database", kind: str, keys: Sequence[str], fingerprint: str, d: int):
        import threading

        self.db, self.kind, self.keys, self.fingerprint, self.d = db, kind, list(keys), fingerprint, d
        self._lock = threading.Lock()

    def __call__(self, docs) -> np.ndarray:
        docs = [int(x) for x in np.asarray(docs).reshape(-1)]
        out = np.zeros((len(docs), self.d), dtype=np.float32)
        if not docs:
            return out
        want: dict[str, list[int]] = {}
        for j, i in enumerate(docs):
            want.setdefault(self.keys[i], []).append(j)
        marks = ",".join("?" * len(want))
        sql = (f"SELECT key, vector FROM {TABLE} WHERE kind = ? AND fingerprint = ? AND key IN ({marks})")
        with self._lock:
            rows = self.db.execute(sql, [self.kind, self.fingerprint, *want]).fetchall()
        for key, blob in rows:
            if blob is not None and len(blob) == 4 * self.d:
                out[want[key]] = np.frombuffer(blob, dtype="<f4")  # every position of that key
        return out
