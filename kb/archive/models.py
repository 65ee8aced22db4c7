"""ORM tables of the 电子会计档案 (registered on `kb.lifecycle.models.Base`).

- `archive_documents`: one imported accounting file of a unit, filed by
  category (voucher 凭证 / ledger 账簿 / report 报表 / other 其他) and period,
  its bytes kept as a blob (`kb.evidence.models.Blob`) for inspection.
- `archive_entries`: one row of such a file. Voucher rows carry the parsed
  fields (date, voucher number, summary, account, debit and credit in 分 —
  integers, so sums are exact — and the project code/name as written) and the
  project / declaration they were linked to; rows of ledgers, reports and
  other sheets carry their text only. Every row has its citation and search
  tokens.
- `project_codes`: a unit's project code (项目编码, as finance software writes
  it) → project, learned when a voucher row's code is linked.

Not for parsing or rules (see `kb.archive.vouchers`, `kb.archive.importer`).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kb.lifecycle.models import Base, OfUnit, utcnow


class ArchiveDocument(OfUnit, Base):
    """An imported accounting file: category, period, the stored original, optional declaration."""

    __tablename__ = "archive_documents"
    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    category: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    declaration_id: Mapped[int | None] = mapped_column(ForeignKey("declarations.id"), nullable=True, index=True)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), nullable=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ArchiveEntry(Base):
    """One row of an imported accounting file (voucher rows with parsed fields; amounts in 分)."""

    __tablename__ = "archive_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("archive_documents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(20))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    row: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    voucher_no: Mapped[str] = mapped_column(String(60), default="")
    summary: Mapped[str] = mapped_column(String(500), default="")
    account: Mapped[str] = mapped_column(String(300), default="")
    account_code: Mapped[str] = mapped_column(String(40), default="")
    debit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    credit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    project_code: Mapped[str] = mapped_column(String(100), default="")
    project_name: Mapped[str] = mapped_column(String(300), default="")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), nullable=True, index=True)
    declaration_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    citation: Mapped[str] = mapped_column(String(400))
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[str] = mapped_column(Text)


class ProjectCode(OfUnit, Base):
    """A unit's 项目编码 as finance software writes it, bound to one project."""

    __tablename__ = "project_codes"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)
    code: Mapped[str] = mapped_column(String(100))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
