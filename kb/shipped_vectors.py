"""The package's vectors (`indicators/vectors/<backend>.npz`): which items they cover, refresh, check.

The shipped items are the indicators of `indicators/` (not the ones managed
through the API), the chunks of the shipped `corpora/` and the calibration's
background queries (`shipped_items`). `refresh(settings)` rewrites the file
for the configured embedder, reusing vectors from the old file and the KB
file where the content hash still matches and embedding the rest
(`jixiao vectors refresh`, after editing the libraries or corpora);
`check(settings)` lists what is missing, stale or no longer shipped
(`jixiao vectors check`; a test runs it, so CI fails while the file is
stale). Reading the file during a build is `kb.retrieval.shipped`. Not for
the vector cache of a KB (`kb.retrieval.vectors`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.settings import Settings, get_settings

Item = tuple[str, str, str]  # (key, text embedded, content hash)


def shipped_items(settings: Settings) -> dict[str, list[Item]]:
    """{kind: [(key, text, content hash)]} of everything the shipped file should hold.

    Keys and hashes are the ones a build stores (`kb.store.build`,
    `kb.corpus.search.chunk_items`, `kb.retrieval.vectors.background_vectors`).
    """
    from kb.corpus.readers import read_file
    from kb.corpus.store import chunk_embed_text
    from kb.corpus.sync import shipped_files
    from kb.domain.ids import text_hash
    from kb.io.library import load_libraries
    from kb.retrieval.embed.background import BACKGROUND_QUERIES
    from kb.store.rows import embed_text, indicator_hash

    indicators = [(i.id, embed_text(i), indicator_hash(i)) for i in load_libraries(settings.indicators_dir)]
    chunks: dict[str, Item] = {}
    for _key, coll, path in shipped_files(settings.corpora_dir):
        for parsed in read_file(path, coll):
            for c in parsed.chunks:
                t = chunk_embed_text(c)
                chunks[c.chunk_id] = (c.chunk_id, t, text_hash(t))
    background = [(text_hash(q), q, text_hash(q)) for q in BACKGROUND_QUERIES]
    return {"indicator": indicators, "chunk": list(chunks.values()), "background": background}


@dataclass
class ShippedStatus:
    """What `check` found: per kind the keys missing, stale (content changed) or extra (no longer shipped)."""

    path: Path
    fingerprint_ok: bool
    missing: dict[str, list[str]] = field(default_factory=dict)
    stale: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def fresh(self) -> bool:
        """True when the file matches the data and the embedder exactly."""
        return self.fingerprint_ok and not any(self.missing.values()) and not any(self.stale.values()) \
            and not any(self.extra.values())

    def summary(self) -> str:
        """One Chinese line per problem (empty when fresh)."""
        lines = [] if self.fingerprint_ok else [f"{self.path}: 不存在或与当前嵌入模型不一致"]
        for what, d in (("缺少", self.missing), ("内容已变", self.stale), ("已不再内置", self.extra)):
            for kind, keys in d.items():
                if keys:
                    lines.append(f"{kind}: {what} {len(keys)} 条(如 {keys[0]})")
        return "\n".join(lines)


def _embedder(settings: Settings):
    from kb.errors import ConfigError
    from kb.retrieval.embed import get_embedder

    emb = get_embedder(settings)
    if emb is None:
        raise ConfigError("JIXIAO_EMBEDDER=none: 未配置嵌入模型, 没有内置向量")
    return emb


def check(settings: Settings | None = None) -> ShippedStatus:
    """Compare the shipped file of the configured embedder with the shipped data (no embedding)."""
    from kb.retrieval.shipped import ShippedVectors, shipped_path

    settings = settings or get_settings()
    emb = _embedder(settings)
    path = shipped_path(settings.indicators_dir, emb.name)
    sv = ShippedVectors.load(path)
    st = ShippedStatus(path=path, fingerprint_ok=sv is not None and sv.fingerprint == emb.fingerprint)
    for kind, items in shipped_items(settings).items():
        have = sv.entries(kind) if sv is not None else {}
        want = {k: h for k, _, h in items}
        st.missing[kind] = sorted(k for k in want if k not in have)
        st.stale[kind] = sorted(k for k in want if k in have and have[k] != want[k])
        st.extra[kind] = sorted(k for k in have if k not in want)
    return st


def refresh(settings: Settings | None = None, *, progress: bool | None = None) -> tuple[Path, dict[str, int]]:
    """Rewrite the shipped file for the configured embedder; returns (path, {"reused": n, "embedded": n}).

    A vector is reused from the old file, else from the KB file's cache,
    when it was made by this embedder from the same content; the rest are
    embedded (documents; the background as queries, like the calibration).
    """
    import numpy as np

    from kb.progress import progress_bar
    from kb.retrieval.shipped import ShippedVectors, shipped_path, write_shipped
    from kb.retrieval.vectors import TABLE

    settings = settings or get_settings()
    emb = _embedder(settings)
    fp = emb.fingerprint
    path = shipped_path(settings.indicators_dir, emb.name)
    old = ShippedVectors.load(path)
    cached: dict[tuple[str, str], tuple[str, bytes]] = {}
    kb_path = settings.resolved_kb_path()
    if kb_path.exists():
        from kb.store.db import connect, table_names

        conn = connect(kb_path)
        if TABLE in table_names(conn):
            for kind, key, h, blob in conn.execute(
                    f"SELECT kind, key, content_hash, vector FROM {TABLE} WHERE fingerprint = ?", [fp]):
                cached[(kind, key)] = (h, blob)
        conn.close()
    counts = {"reused": 0, "embedded": 0}
    kinds = {}
    for kind, items in shipped_items(settings).items():
        m = np.zeros((len(items), emb.dimension), dtype=np.float32)
        todo = []
        for i, (k, _t, h) in enumerate(items):
            v = old.get(kind, k, h, fp) if old is not None else None
            if v is None and cached.get((kind, k), ("",))[0] == h:
                v = np.frombuffer(cached[(kind, k)][1], dtype="<f4")
            if v is None:
                todo.append(i)
            else:
                m[i] = v
        encode = emb.encode_queries if kind == "background" else emb.encode_documents
        enabled = settings.progress if progress is None else progress
        with progress_bar(f"内置向量 {kind}", len(todo), enabled=enabled and len(todo) >= 50) as advance:
            for a in range(0, len(todo), 96):
                rows = todo[a:a + 96]
                m[rows] = encode([items[i][1] for i in rows])
                advance(len(rows))
        counts["embedded"] += len(todo)
        counts["reused"] += len(items) - len(todo)
        kinds[kind] = ([k for k, _, _ in items], [h for _, _, h in items], m)
    write_shipped(path, fp, kinds)
    return path, counts
