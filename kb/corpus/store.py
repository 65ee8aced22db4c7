"""Corpus tables in the KB SQLite file (sqlite-utils), written transactionally.

Tables:
- `corpus_documents` — one row per document (doc_id, collection, kind, title,
  文号, issuer, year/date, status, source_url, full text, meta JSON, the file
  it came from (`source`, `source_hash`), `origin` default|user,
  `content_hash`, n_chunks, timestamps);
- `corpus_chunks` — one row per chunk with its labels, offsets, text, the
  search tokens (`tokens`, newline-joined) and a `content_hash` for the
  dense-vector cache;
- `corpus_meta` — key/value: `version` (bumped by every write), the
  tokenizer fingerprint;
- `corpus_index` — the cached BM25 matrix of one `version`.

Every add / replace / remove runs in ONE transaction (a crash leaves the
previous state). Adding a file compares each document's content hash:
unchanged documents are left alone, changed ones get their chunks re-tokenised,
documents that vanished from the file are removed. Not for parsing (see
`kb.corpus.readers`) or querying (see `kb.corpus.search`).
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from kb.corpus.models import Chunk
from kb.domain.words import CORPUS_TERMS
from kb.corpus.readers import Parsed
from kb.errors import Conflict, NotFound

if TYPE_CHECKING:  # pragma: no cover
    import sqlite_utils

    from kb.retrieval.tokenize import Tokenizer

DOCS, CHUNKS, META, INDEX = "corpus_documents", "corpus_chunks", "corpus_meta", "corpus_index"
# bump when chunk_index_text() or the token layout changes: stored tokens are then recomputed
TOKEN_LAYOUT = "1"

def corpus_tokenizer() -> "Tokenizer":
    """The tokenizer of corpus chunks and queries (domain + corpus terms, CJK bigrams)."""
    from kb.retrieval.tokenize import Tokenizer

    return Tokenizer(CORPUS_TERMS)


def tokenizer_fingerprint(tok: Tokenizer) -> str:
    """Hash of the tokenizer's dictionary and the token layout: stored tokens stay valid while equal."""
    h = hashlib.sha256(("layout" + TOKEN_LAYOUT).encode())
    for w in tok.words:
        h.update(w.encode("utf-8") + b"\n")
    return h.hexdigest()[:16]


def chunk_index_text(c: Chunk | dict) -> str:
    """Text the BM25 index sees for a chunk.

    Title, 文号 and headings once; a question twice (so `ask` matches
    questions first) then its answer; an opinion with its problem type and
    subject; otherwise the chunk text.
    """
    g = (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k))
    meta = g("meta") or {}
    if isinstance(meta, str):
        meta = json.loads(meta or "{}")
    head = [g("doc_title") or "", g("doc_number") or "", g("chapter") or "", g("section") or ""]
    if g("kind") == "qa" and g("question"):
        body = [g("question"), g("question"), g("answer") or ""]
    elif g("kind") == "opinion":
        body = [meta.get("problem_type", ""), meta.get("about", ""), g("text")]
    else:
        body = [g("text")]
    return "\n".join(p for p in [*head, *body] if p)


def chunk_hash(c: Chunk) -> str:
    """Hash of a chunk's indexed content (stored for reference; vectors are keyed by `kb.retrieval.vectors.text_hash`)."""
    return hashlib.sha256(chunk_index_text(c).encode("utf-8")).hexdigest()[:16]


EMBED_CHARS = 400  # e5-small reads ≤ 512 tokens; the head of a chunk carries its subject


def chunk_embed_text(c: Chunk | dict) -> str:
    """Text embedded for dense retrieval: title + heading + article + chunk text (or question+answer),
    cut to `EMBED_CHARS` characters."""
    g = (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k))
    if g("kind") == "qa" and g("question"):
        return f"{g('question')}\n{g('answer') or ''}"[:EMBED_CHARS]
    head = " ".join(p for p in (g("doc_title"), g("section"), g("article")) if p)
    return f"{head}\n{g('text')}"[:EMBED_CHARS]


_lock = threading.RLock()


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the corpus tables and indexes when missing (idempotent)."""
    names = set(db.table_names())
    if DOCS not in names:
        db[DOCS].create({
            "doc_id": str, "collection": str, "kind": str, "doc_title": str, "doc_number": str,
            "issuer": str, "year": int, "date": str, "status": str, "source_url": str, "text": str,
            "meta": str, "source": str, "source_hash": str, "origin": str, "content_hash": str,
            "n_chunks": int, "added_at": str, "updated_at": str,
        }, pk="doc_id")
        db[DOCS].create_index(["collection"], if_not_exists=True)
        db[DOCS].create_index(["source"], if_not_exists=True)
    if CHUNKS not in names:
        db[CHUNKS].create({
            "chunk_id": str, "doc_id": str, "seq": int, "collection": str, "kind": str,
            "doc_title": str, "doc_number": str, "issuer": str, "year": int, "date": str,
            "status": str, "source_url": str, "chapter": str, "section": str, "article": str,
            "clause": str, "item": str, "start": int, "end": int, "text": str, "question": str,
            "answer": str, "meta": str, "tokens": str, "content_hash": str,
        }, pk="chunk_id")
        db[CHUNKS].create_index(["doc_id"], if_not_exists=True)
    if META not in names:
        db[META].create({"key": str, "value": str}, pk="key")
    if INDEX not in names:
        db[INDEX].create({"name": str, "version": str, "data": bytes}, pk="name")


def get_meta(db: sqlite_utils.Database, key: str, default: str = "") -> str:
    """A value of `corpus_meta` ('' default)."""
    if META not in db.table_names():
        return default
    row = db.execute(f"SELECT value FROM [{META}] WHERE key=?", [key]).fetchone()
    return row[0] if row else default


def corpus_version(db: sqlite_utils.Database) -> str:
    """The write counter of the corpus tables ('0' before the first write)."""
    return get_meta(db, "version", "0")


def _bump(db: sqlite_utils.Database) -> None:
    v = int(corpus_version(db) or 0) + 1
    db[META].upsert({"key": "version", "value": str(v)}, pk="key")


@dataclass
class StoreReport:
    """What one add did: document ids added, replaced, unchanged, removed; chunks (re)indexed."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    chunks_indexed: int = 0

    def as_dict(self) -> dict:
        """Counts and ids, JSON-ready."""
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "removed": self.removed, "skipped": self.skipped, "chunks_indexed": self.chunks_indexed}

    def merge(self, other: "StoreReport") -> None:
        """Add another report's lists and counts to this one."""
        for k in ("added", "replaced", "unchanged", "removed", "skipped"):
            getattr(self, k).extend(getattr(other, k))
        self.chunks_indexed += other.chunks_indexed


def _chunk_row(c: Chunk, tokens: list[str]) -> dict:
    d = c.model_dump(mode="json")
    d["meta"] = json.dumps(d["meta"], ensure_ascii=False)
    d["chunk_id"] = c.chunk_id
    d["tokens"] = "\n".join(tokens)
    d["content_hash"] = chunk_hash(c)
    return d


def _doc_row(p: Parsed, *, source: str, source_hash: str, origin: str, now: str) -> dict:
    d = p.document.model_dump(mode="json")
    d["meta"] = json.dumps(d["meta"], ensure_ascii=False)
    d.update(source=source, source_hash=source_hash, origin=origin, content_hash=p.content_hash,
             n_chunks=len(p.chunks), updated_at=now)
    return d


def ensure_tokens(db: sqlite_utils.Database, tok: Tokenizer) -> int:
    """Re-tokenise every stored chunk when the tokenizer changed; returns chunks re-tokenised."""
    ensure_tables(db)
    fp = tokenizer_fingerprint(tok)
    if get_meta(db, "tokenizer") == fp:
        return 0
    with _lock, db.atomic():
        rows = list(db.execute(f"SELECT chunk_id, kind, doc_title, doc_number, chapter, section, text, "
                               f"question, answer, meta FROM [{CHUNKS}]").fetchall())
        cols = ["chunk_id", "kind", "doc_title", "doc_number", "chapter", "section", "text",
                "question", "answer", "meta"]
        for r in rows:
            d = dict(zip(cols, r))
            db.execute(f"UPDATE [{CHUNKS}] SET tokens=? WHERE chunk_id=?",
                       ["\n".join(tok.tokens(chunk_index_text(d))), d["chunk_id"]])
        db[META].upsert({"key": "tokenizer", "value": fp}, pk="key")
        if rows:
            _bump(db)
    return len(rows)


def store_documents(db: sqlite_utils.Database, parsed: list[Parsed], *, source: str, source_hash: str,
                    origin: str, tok: Tokenizer, replace_source: bool = True,
                    yield_to_user: bool = False) -> StoreReport:
    """Add or replace the documents of one file in ONE transaction.

    Args:
        parsed: documents of the file (from `kb.corpus.readers.read_file`).
        source: key of the file (absolute path for user files, `corpora/…` for shipped ones).
        source_hash: sha256 of the file.
        origin: 'user' or 'default' (shipped; managed by `sync_default_corpora`).
        replace_source: remove documents of the same `source` missing from `parsed`.
        yield_to_user: when a document id already belongs to another source of
            origin 'user', skip it (used by the default sync) instead of raising.
    Raises: Conflict when a document id is already used by another file.
    Only documents whose content hash changed are re-tokenised.
    """
    ensure_tables(db)
    ensure_tokens(db, tok)
    rep = StoreReport()
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    with _lock, db.atomic():
        existing = {r[0]: (r[1], r[2], r[3]) for r in db.execute(
            f"SELECT doc_id, content_hash, source, origin FROM [{DOCS}] WHERE doc_id IN "
            f"({','.join('?' * len(parsed))})", [p.document.doc_id for p in parsed]).fetchall()}
        keep: set[str] = set()
        for p in parsed:
            did = p.document.doc_id
            old = existing.get(did)
            if old is not None and old[1] != source:
                if yield_to_user and old[2] == "user":
                    rep.skipped.append(did)
                    continue
                raise Conflict(f"文档编号 {did} 已由 {old[1]} 添加；请用 --id 指定其他编号，或先执行 "
                               f"jixiao corpus remove {did}")
            keep.add(did)
            row = _doc_row(p, source=source, source_hash=source_hash, origin=origin, now=now)
            if old is not None and old[0] == p.content_hash:
                db.execute(f"UPDATE [{DOCS}] SET source_hash=?, origin=?, updated_at=? WHERE doc_id=?",
                           [source_hash, origin, now, did])
                rep.unchanged.append(did)
                continue
            if old is not None:
                db.execute(f"DELETE FROM [{CHUNKS}] WHERE doc_id=?", [did])
                added_at = db.execute(f"SELECT added_at FROM [{DOCS}] WHERE doc_id=?", [did]).fetchone()[0]
                rep.replaced.append(did)
            else:
                added_at = now
                rep.added.append(did)
            row["added_at"] = added_at
            db[DOCS].upsert(row, pk="doc_id")
            db[CHUNKS].insert_all([_chunk_row(c, tok.tokens(chunk_index_text(c))) for c in p.chunks],
                                  pk="chunk_id", batch_size=500)
            rep.chunks_indexed += len(p.chunks)
        if replace_source:
            gone = [r[0] for r in db.execute(f"SELECT doc_id FROM [{DOCS}] WHERE source=?", [source])
                    .fetchall() if r[0] not in keep]
            for did in gone:
                _delete(db, did)
            rep.removed.extend(gone)
        if rep.added or rep.replaced or rep.removed:
            _bump(db)
    return rep


def _delete(db: sqlite_utils.Database, doc_id: str) -> None:
    db.execute(f"DELETE FROM [{CHUNKS}] WHERE doc_id=?", [doc_id])
    db.execute(f"DELETE FROM [{DOCS}] WHERE doc_id=?", [doc_id])


def remove_documents(db: sqlite_utils.Database, doc_ids: list[str]) -> list[str]:
    """Remove documents (and their chunks) in ONE transaction; NotFound if any id is unknown."""
    ensure_tables(db)
    with _lock, db.atomic():
        for did in doc_ids:
            if db.execute(f"SELECT 1 FROM [{DOCS}] WHERE doc_id=?", [did]).fetchone() is None:
                raise NotFound(f"没有编号为 {did} 的文档（用 jixiao corpus list 查看）")
        for did in doc_ids:
            _delete(db, did)
        if doc_ids:
            _bump(db)
    return doc_ids


def resolve_ids(db: sqlite_utils.Database, ref: str) -> list[str]:
    """Document ids meant by `ref`: a doc_id, or every document of a source file / id prefix ending in '/'."""
    ensure_tables(db)
    if db.execute(f"SELECT 1 FROM [{DOCS}] WHERE doc_id=?", [ref]).fetchone():
        return [ref]
    rows = db.execute(f"SELECT doc_id FROM [{DOCS}] WHERE source=? ORDER BY doc_id", [ref]).fetchall()
    if not rows:
        p = Path(ref).expanduser()
        if p.exists():
            rows = db.execute(f"SELECT doc_id FROM [{DOCS}] WHERE source=? ORDER BY doc_id",
                              [str(p.resolve())]).fetchall()
    if not rows and ref.endswith("/"):
        rows = db.execute(f"SELECT doc_id FROM [{DOCS}] WHERE doc_id LIKE ? ORDER BY doc_id",
                          [ref.replace("%", "") + "%"]).fetchall()
    return [r[0] for r in rows]


def list_documents(db: sqlite_utils.Database, collection: str | None = None) -> list[dict]:
    """Stored documents (without text), by collection then id."""
    ensure_tables(db)
    sql = (f"SELECT doc_id, collection, kind, doc_title, doc_number, issuer, year, date, status, "
           f"source_url, source, origin, n_chunks, added_at, updated_at FROM [{DOCS}]")
    args: list = []
    if collection:
        sql += " WHERE collection=?"
        args.append(collection)
    sql += " ORDER BY collection, doc_id"
    cur = db.execute(sql, args)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def source_hashes(db: sqlite_utils.Database, origin: str) -> dict[str, str]:
    """{source: source_hash} of the documents of one origin."""
    ensure_tables(db)
    return {r[0]: r[1] for r in db.execute(
        f"SELECT DISTINCT source, source_hash FROM [{DOCS}] WHERE origin=?", [origin]).fetchall()}


def remove_sources(db: sqlite_utils.Database, sources: list[str]) -> list[str]:
    """Remove every document of the given sources in ONE transaction; returns removed ids."""
    ensure_tables(db)
    removed: list[str] = []
    with _lock, db.atomic():
        for s in sources:
            ids = [r[0] for r in db.execute(f"SELECT doc_id FROM [{DOCS}] WHERE source=?", [s]).fetchall()]
            for did in ids:
                _delete(db, did)
            removed.extend(ids)
        if removed:
            _bump(db)
    return removed
