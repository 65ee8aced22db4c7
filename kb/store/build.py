"""The indicator tables of the KB file: write them from the validated libraries.

Tables (inspect with `sqlite-utils tables var/jixiao.kb.sqlite`):
- `indicators` — one row per indicator (lists as JSON), with `content_hash`
- `synonyms` — (indicator_id, term)
- `build_info` — key/value: content_hash of the data files, built_at, counts
- `data_files` — path, sha256 of every library file at the last build
- `blobs` — the lexical index (raw arrays) and the hot columns (`kb.store.rows.hot_columns`)
- `words_user`, `tokenizer_dicts` — the tokenizer's user dictionary (`kb.retrieval.dictionary`)
- `vectors` — dense vectors cached by content hash (see `kb.retrieval.vectors`)
- `corpus_*` — documents and chunks (written by `kb.corpus`)

A build validates everything first (all-or-nothing: the first bad row raises
`DataError`, the file is not touched), then writes in one transaction, so a
crash mid-write leaves the previous KB intact. When no data file changed the
build does nothing; when some did, only changed indicators are re-embedded.
The whole build (libraries + managed indicators + corpora) is
`kb.knowledge.build`. Not for querying (see `kb.indicators`).
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from kb.domain.ids import file_digest
from kb.domain.schema import Indicator
from kb.io.library import library_files
from kb.retrieval.lexical import LexicalIndex
from kb.retrieval.tokenize import Tokenizer
from kb.retrieval.vectors import ensure_vectors
from kb.settings import Settings
from kb.store.db import build_info, open_db
from kb.store.rows import (INDICATOR_KIND, INDICATOR_TOKENIZER, embed_text, hot_columns, index_text,
                           indicator_hash, indicator_row, tokenizer_words)

# bump when tokenisation or the stored layout changes: forces a full rebuild
INDEX_VERSION = "10"


@dataclass
class BuildReport:
    """What a build did. `changed_files` are relative paths; counts are rows (`shipped`: vectors taken from the package)."""

    kb_path: Path
    skipped: bool = False
    indicators: int = 0
    changed_files: list[str] = field(default_factory=list)
    embedded: int = 0
    shipped: int = 0
    corpus: dict = field(default_factory=dict)
    seconds: float = 0.0


def data_fingerprint(settings: Settings, extra_files: list[Path] = (), salt: str = "") -> tuple[str, dict[str, str]]:
    """(content hash over all library files, `extra_files`, INDEX_VERSION and `salt`, {relpath: sha256}).

    `salt`: a digest of code whose change must rebuild too (suggest's model code).
    """
    base = Path(settings.indicators_dir)
    files = {str(p.relative_to(base)): file_digest(p) for p in [*library_files(base), *extra_files]}
    h = hashlib.sha256((INDEX_VERSION + salt).encode())
    for k in sorted(files):
        h.update(f"{k}\0{files[k]}\n".encode())
    return h.hexdigest(), files


def write_indicators(db: sqlite_utils.Database, indicators: list[Indicator], *,
                     info: dict[str, str], files: dict[str, str] | None = None,
                     progress=None, extra=None) -> None:
    """Replace the indicator tables, lexical index and build info in ONE transaction.

    extra: optional `(rows, lexical, tokenizer) -> writer`, called on the new
    index before the transaction (e.g. to train models on it); `writer(db)`
    then writes its own tables inside the same transaction (`kb.knowledge.build`
    passes suggest's project types, training tables and models).
    """
    tok = Tokenizer(tokenizer_words(indicators))
    docs = []
    for ind in indicators:
        docs.append(tok.tokens(index_text(ind)))
        if progress:
            progress()
    lex = LexicalIndex.build(docs)
    rows = [indicator_row(i) for i in indicators]
    syn = [{"indicator_id": i.id, "term": t} for i in indicators for t in i.synonyms]
    writer = extra(rows, lex, tok) if extra is not None else None
    with db.atomic():
        for t in ("indicators", "synonyms"):
            if t in db.table_names():
                db.execute(f"DELETE FROM [{t}]")
        db["indicators"].insert_all(rows, pk="id", batch_size=2000, alter=True)
        if syn:
            db["synonyms"].insert_all(syn, batch_size=5000)
        else:
            db["synonyms"].create({"indicator_id": str, "term": str}, if_not_exists=True)
        db["blobs"].upsert_all([{"name": "lexical", "data": lex.to_bytes()},
                                {"name": "hot_columns", "data": hot_columns(rows)}], pk="name")
        db.execute("DELETE FROM blobs WHERE name = 'userdict'")  # (the word list before INDEX_VERSION 6)
        tok.save(db.conn, INDICATOR_TOKENIZER)
        if files is not None:
            if "data_files" in db.table_names():
                db.execute("DELETE FROM data_files")
            db["data_files"].insert_all([{"path": k, "sha256": v} for k, v in files.items()],
                                        pk="path")
        if writer is not None:
            writer(db)
        db["build_info"].upsert_all([{"key": k, "value": str(v)} for k, v in info.items()], pk="key")
    for col in ("level2", "library", "unit_name"):
        db["indicators"].create_index([col], if_not_exists=True)


def build_indicators(settings: Settings, indicators: list[Indicator], *, embedder=None, force: bool = False,
                     console=None, notify=None, shipped=None, extra=None,
                     extra_files: list[Path] = (), salt: str = "") -> BuildReport:
    """Write `indicators` (validated, shipped + managed) into the KB file named by `settings`.

    Skips the indicator tables when no library file changed since the last
    build (`force` rebuilds them), then embeds with `embedder` (None: no
    vectors) only the indicators whose content or model changed, taking
    the package's vectors (`shipped`, `kb.retrieval.shipped`) where they
    match. `notify`: optional callable taking one Chinese status line per
    step (the CLI prints them, so a long embedding run is never silent).
    The corpora are synced by the caller (`kb.knowledge.build`). `extra` /
    `extra_files`: further tables written with the indicators and the data
    files they come from (part of the fingerprint), see `write_indicators`.
    """
    from kb.progress import progress_bar

    say = notify or (lambda _msg: None)
    path = settings.resolved_kb_path()
    report = BuildReport(kb_path=path, indicators=len(indicators))
    content_hash, files = data_fingerprint(settings, list(extra_files), salt)
    db = open_db(path)
    info = build_info(db)
    old_files = {r["path"]: r["sha256"] for r in db["data_files"].rows} if "data_files" in db.table_names() else {}
    report.changed_files = sorted(k for k in set(files) | set(old_files) if files.get(k) != old_files.get(k))
    fp = embedder.fingerprint if embedder is not None else "none"
    fresh = (not force and info.get("content_hash") == content_hash)
    if not fresh:
        say(f"构建指标检索索引({len(indicators)} 个指标)…")
        with progress_bar("构建指标检索索引", len(indicators), enabled=settings.progress, unit="个",
                          console=console) as advance:
            write_indicators(db, indicators, files=files, info={
                "content_hash": content_hash, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "indicator_count": str(len(indicators)), "index_version": INDEX_VERSION,
            }, progress=lambda: advance(1), extra=extra)
    if embedder is not None and (not fresh or info.get("embedder") != fp):
        say(f"计算指标向量({embedder.fingerprint.split(':')[0]}；只算内置向量之外、新增或变化的指标)…")
        report.embedded, report.shipped = _embed(db, indicators, embedder, progress=settings.progress,
                                                 shipped=shipped)
    elif embedder is None and info.get("embedder") not in (None, "none"):
        with db.atomic():
            db["build_info"].upsert({"key": "embedder", "value": "none"}, pk="key")
    report.skipped = fresh and (embedder is None or info.get("embedder") == fp)
    return report


def _embed(db: sqlite_utils.Database, indicators: list[Indicator], embedder, *, progress: bool,
           shipped=None) -> tuple[int, int]:
    """Vectors of every indicator (only new or changed ones embedded): (embedded, taken from the package)."""
    items = [(i.id, embed_text(i), indicator_hash(i)) for i in indicators]
    stats: dict = {}
    ensure_vectors(db, INDICATOR_KIND, items, embedder, progress=progress, stats=stats, shipped=shipped)
    with db.atomic():
        db["build_info"].upsert({"key": "embedder", "value": embedder.fingerprint}, pk="key")
    return int(stats.get("embedded", 0)), int(stats.get("shipped", 0))


def merged_indicators(shipped: list[Indicator], managed: list[Indicator]) -> list[Indicator]:
    """Shipped indicators with managed ones replacing the same id, new ones appended."""
    by_id = {m.id: m for m in managed}
    out = [by_id.pop(i.id, i) for i in shipped]
    out.extend(by_id.values())
    return out
