"""File bytes in the workflow database: content-addressed, chunked, streamed.

`store_blob` writes a file's bytes as rows of `blob_chunks` inside the
caller's transaction (so a crash mid-write leaves nothing: the blob row and
its chunks commit together with whatever refers to them) and returns the
existing blob when the same content (SHA-256) is stored already.
`iter_blob` yields a blob's bytes chunk by chunk, one row per query, so a
download never holds more than one chunk in memory. Works the same on SQLite
(BLOB) and PostgreSQL (bytea). Not for deciding who may read a blob (see
`kb.evidence.attachments`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kb.evidence.models import Blob, BlobChunk
from kb.lifecycle.models import utcnow


@dataclass(frozen=True)
class Digest:
    """SHA-256 (hex) and size in bytes of a file's content."""

    sha256: str
    size: int


def digest(f: BinaryIO, block: int = 1 << 20) -> Digest:
    """SHA-256 and size of a seekable binary file, read in blocks; the file is left at offset 0."""
    f.seek(0)
    h, n = hashlib.sha256(), 0
    for chunk in iter(lambda: f.read(block), b""):
        h.update(chunk)
        n += len(chunk)
    f.seek(0)
    return Digest(h.hexdigest(), n)


def find_blob(session: Session, sha256: str) -> Blob | None:
    """The stored blob with this content hash, or None."""
    return session.scalar(select(Blob).where(Blob.sha256 == sha256))


def store_blob(session: Session, f: BinaryIO, d: Digest, mime: str, *, chunk_bytes: int) -> Blob:
    """The blob holding the content of `f` (whose digest is `d`), stored now if new.

    Runs inside the caller's transaction; chunk rows are inserted one at a
    time with Core (no ORM objects accumulate), so memory stays at one chunk.
    The bytes are hashed again while written: a file that changed since `d`
    was taken raises ValueError (the transaction then rolls back). When
    another transaction stores the same content first, its blob is returned.
    """
    found = find_blob(session, d.sha256)
    if found is not None:
        return found
    row = {"sha256": d.sha256, "size": d.size, "mime": mime, "chunk_bytes": chunk_bytes, "chunks": 0,
           "created_at": utcnow()}
    try:
        if session.get_bind().dialect.name == "sqlite":
            # no SAVEPOINT: pysqlite would commit one opened before its implicit BEGIN; a failed
            # INSERT in SQLite undoes that statement only
            blob_id = session.execute(insert(Blob).values(**row)).inserted_primary_key[0]
        else:  # PostgreSQL aborts the transaction on an error unless it is inside a savepoint
            with session.begin_nested():
                blob_id = session.execute(insert(Blob).values(**row)).inserted_primary_key[0]
    except IntegrityError:  # the same content stored by another request in the meantime
        found = find_blob(session, d.sha256)
        if found is None:
            raise
        return found
    f.seek(0)
    h, seq, n = hashlib.sha256(), 0, 0
    for chunk in iter(lambda: f.read(chunk_bytes), b""):
        h.update(chunk)
        n += len(chunk)
        session.execute(insert(BlobChunk), [{"blob_id": blob_id, "seq": seq, "data": chunk}])
        seq += 1
    if h.hexdigest() != d.sha256 or n != d.size:
        raise ValueError("file changed while it was stored")
    session.execute(update(Blob).where(Blob.id == blob_id).values(chunks=seq))
    return session.get(Blob, blob_id, populate_existing=True)


def iter_blob(session_factory, blob_id: int) -> Iterator[bytes]:
    """Yield the bytes of blob `blob_id` chunk by chunk (a new session from `session_factory`).

    One short query per chunk, so a download of any size holds one chunk in
    memory and no transaction stays open between chunks.
    """
    with session_factory() as s:
        n = s.scalar(select(Blob.chunks).where(Blob.id == blob_id)) or 0
    for seq in range(n):
        with session_factory() as s:
            data = s.scalar(select(BlobChunk.data).where(BlobChunk.blob_id == blob_id, BlobChunk.seq == seq))
        if data is None:  # pragma: no cover - schema invariant (chunks commit with their blob)
            raise RuntimeError(f"blob {blob_id} chunk {seq} missing")
        yield bytes(data)
