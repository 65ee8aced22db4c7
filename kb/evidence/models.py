"""ORM tables of 佐证材料 in the workflow database (registered on `kb.lifecycle.models.Base`).

- `blobs` / `blob_chunks`: file bytes, content-addressed by SHA-256 (one blob
  per distinct content, however often it is attached) and stored in chunks of
  `settings.evidence.chunk_bytes` (SQLite BLOB, PostgreSQL bytea), so every
  replica reads the same files and nothing loads a whole file to send it.
- `attachments`: a file attached to a declaration at a stage, with its kind,
  the optional target row it supports, whether its text was indexed (and
  why not), and soft deletion (`deleted_at`).
- `attachment_passages`: extracted text with its citation (file, page or
  sheet/row) and search tokens, carrying the unit and declaration for scoping.

Schema changes go through Alembic (`kb/migrations/versions/0003_…`). Not for
rules or I/O (see `kb.evidence.attachments`).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kb.lifecycle.models import Base, utcnow


class Blob(Base):
    """The bytes of one distinct file content (`sha256` unique), in `chunks` rows of `chunk_bytes`."""

    __tablename__ = "blobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(100))
    chunk_bytes: Mapped[int] = mapped_column(Integer)
    chunks: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BlobChunk(Base):
    """One chunk (0-based `seq`) of a blob's bytes."""

    __tablename__ = "blob_chunks"
    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Base):
    """A 佐证材料 of a declaration: kind, stage, optional target row (1-based), the stored blob."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    filename: Mapped[str] = mapped_column(String(255))
    file_type: Mapped[str] = mapped_column(String(10))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    indexed: Mapped[bool] = mapped_column(Boolean, default=False)
    index_note: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deleted_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AttachmentPassage(Base):
    """A passage of an attachment's text: citation (file, page or sheet/row), text, search tokens."""

    __tablename__ = "attachment_passages"
    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), index=True)
    declaration_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sheet: Mapped[str] = mapped_column(String(100), default="")
    row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    citation: Mapped[str] = mapped_column(String(400))
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[str] = mapped_column(Text)
