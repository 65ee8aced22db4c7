"""Load the shipped corpora (`corpora/<collection>/…`) into the KB file incrementally.

Called by `jixiao build` (`kb.knowledge.build`). A shipped file is re-read only
when its sha256 changed since the last sync; a shipped file that was deleted
has its documents removed; documents a user added (`origin = 'user'`) are
never touched, and a shipped document whose id a user document already holds
is skipped. Every file is parsed and validated before anything is written
(all-or-nothing: a bad shipped file raises DataError and nothing changes).
Files named README.md, or starting with `_` or `.`, are documentation and are
not loaded. Not for user files (see `kb.corpus.Corpus.add`).
"""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from kb.corpus.models import COLLECTIONS
from kb.corpus.readers import SUFFIXES, read_file, source_digest
from kb.corpus.store import (StoreReport, corpus_tokenizer, ensure_tables, remove_sources,
                             source_hashes, store_documents)

DEFAULT_ORIGIN = "default"


def shipped_files(corpora_dir: Path) -> list[tuple[str, str, Path]]:
    """(source key `corpora/<collection>/<relpath>`, collection, path) of every loadable shipped file."""
    base = Path(corpora_dir)
    out = []
    for coll in COLLECTIONS:
        folder = base / coll
        if not folder.is_dir():
            continue
        for p in sorted(folder.rglob("*")):
            if not p.is_file() or p.suffix.lower() not in SUFFIXES:
                continue
            rel = p.relative_to(folder)
            if p.name.lower() == "readme.md" or any(part.startswith(("_", ".")) for part in rel.parts):
                continue
            out.append((f"corpora/{coll}/{rel.as_posix()}", coll, p))
    return out


def sync_default_corpora(db: sqlite_utils.Database, corpora_dir: Path, *, embedder=None,
                         progress: bool = False, shipped=None) -> dict:
    """Bring the shipped corpora in `db` up to date with `corpora_dir`.

    Args:
        db: the KB file (sqlite-utils Database).
        corpora_dir: folder holding one sub-folder per collection.
        embedder: a `kb.retrieval.embed.Embedder` (or None): new or changed chunks are
            embedded into the `vectors` cache (kind 'chunk').
        progress: show a progress bar while embedding.
        shipped: the package's vectors (`kb.retrieval.shipped`), used where they match.
    Returns: {"files": n, "changed_files": [...], "added": [...], "replaced": [...],
              "unchanged": [...], "removed": [...], "skipped": [...],
              "chunks_indexed": n, "chunks_embedded": n}.
    Raises: DataError when a shipped file is invalid (nothing written).
    """
    ensure_tables(db)
    tok = corpus_tokenizer()
    files = shipped_files(corpora_dir)
    known = source_hashes(db, DEFAULT_ORIGIN)
    todo = []
    for key, coll, path in files:
        h = source_digest(path)
        if known.get(key) != h:
            todo.append((key, h, read_file(path, coll)))  # parse + validate all before writing
    rep = StoreReport()
    for key, h, parsed in todo:
        rep.merge(store_documents(db, parsed, source=key, source_hash=h, origin=DEFAULT_ORIGIN, tok=tok,
                                  yield_to_user=True))
    live = {k for k, _, _ in files}
    gone = [s for s in known if s not in live]
    if gone:
        rep.removed.extend(remove_sources(db, gone))
    embedded = embed_chunks(db, embedder, progress=progress, shipped=shipped) if embedder is not None else 0
    out = rep.as_dict()
    out.update(files=len(files), changed_files=[k for k, _, _ in todo], chunks_embedded=embedded)
    return out


def embed_chunks(db: sqlite_utils.Database, embedder, *, progress: bool = False, shipped=None) -> int:
    """Make sure every stored chunk has a vector from `embedder` (shipped ones where they match);
    returns how many were embedded."""
    from kb.corpus.search import chunk_items
    from kb.retrieval.vectors import ensure_vectors

    items = chunk_items(db)
    stats: dict = {}
    ensure_vectors(db, "chunk", items, embedder, progress=progress, prune=True, stats=stats, shipped=shipped)
    return int(stats.get("embedded", 0))
