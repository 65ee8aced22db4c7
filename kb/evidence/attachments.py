"""佐证材料: attach a file to a declaration, list, download, soft-delete, search.

Every operation takes a SQLAlchemy `Session` and the calling `Principal`
and follows the declarations' access rules (`kb.evidence.access`): another
unit's declaration or attachment is NotFound (404); supervisors read; every
write is audited. `attach` is all-or-nothing: the blob, its chunks, the
attachment row, its passages and the audit entry commit together, so a
crash or kill during an upload leaves no half-written row.

Checks, in order: role (403), size (413: per file `max_file_bytes`, per
declaration `max_declaration_bytes`), content type sniffed from the bytes
(415 for types we do not take, 422 for a name whose extension lies), the
text extracted (422 for a PDF/DOCX/XLSX/CSV that cannot be read), then the
declaration (404) and the target row (422). The same content attached twice
to a declaration with the same kind is stored once (`duplicate`). Not for
HTTP (see `service/routers/attachments.py`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kb.errors import DataError, NotFound, PayloadTooLarge
from kb.evidence import access
from kb.evidence.access import Principal
from kb.evidence.blobs import digest, iter_blob, store_blob
from kb.evidence.extract import Extracted, extract
from kb.evidence.kinds import AttachmentKind, Stage, parse_kind, parse_stage
from kb.evidence.models import Attachment, AttachmentPassage
from kb.evidence.schemas import AttachmentOut, SearchHit, SearchOut
from kb.evidence.search import rank, token_field
from kb.evidence.sniff import MIME, check_extension, safe_filename, sniff
from kb.lifecycle.models import Declaration, Evaluation, Feedback, utcnow
from kb.settings import Settings, get_settings

BATCH = 500  # passages inserted per statement


def out(a: Attachment, *, passages: int = 0, duplicate: bool = False) -> AttachmentOut:
    """The response shape of a stored attachment."""
    k, s = AttachmentKind(a.kind), Stage(a.stage)
    return AttachmentOut(id=a.id, sha256=a.sha256, size=a.size, kind=k.label, indexed=a.indexed,
                         kind_id=k.value, declaration_id=a.declaration_id, stage=s.value,
                         stage_label=s.label, row=a.row, filename=a.filename, file_type=a.file_type,
                         mime=a.mime, index_note=a.index_note, passages=passages, note=a.note,
                         duplicate=duplicate, created_at=a.created_at, deleted_at=a.deleted_at)


def current_stage(session: Session, d: Declaration) -> Stage:
    """The stage a declaration is at: 结果反馈 once feedback is given, 事后评价 once evaluated,
    事中监控 once approved, else 事前申报."""
    if session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)):
        return Stage.feedback
    if session.scalar(select(func.count(Evaluation.id)).where(Evaluation.declaration_id == d.id)):
        return Stage.evaluation
    if d.state == "approved":
        return Stage.monitoring
    return Stage.declaration


def inspect_file(path: Path, filename: str, settings: Settings) -> tuple[str, str, object]:
    """(sniffed type, safe filename, digest) of an uploaded file, after the size and type checks.

    Raises PayloadTooLarge (413), UnsupportedType (415), DataError (422: empty,
    extension lying about the content).
    """
    ev = settings.evidence
    with open(path, "rb") as f:
        d = digest(f)
    if d.size > ev.max_file_bytes:
        raise PayloadTooLarge(f"文件 {d.size} 字节，超过单个文件上限 {ev.max_file_bytes} 字节")
    if d.size == 0:
        raise DataError("文件为空", field="file")
    ftype = sniff(path, filename=filename)
    check_extension(filename, ftype)
    return ftype, safe_filename(filename, ftype), d


def attach(session: Session, principal: Principal, decl_id: int, path: Path, filename: str, kind: str, *,
           stage: str | None = None, row: int | None = None, note: str = "",
           settings: Settings | None = None, progress: Callable[[int], None] | None = None) -> AttachmentOut:
    """Attach the file at `path` (uploaded as `filename`) to declaration `decl_id`.

    kind: 合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他 (or the identifier);
    stage: 事前申报 / 事中监控 / 事后评价 / 结果反馈 (default: the stage the
    declaration is at); row: the 1-based target row the file supports.
    `progress(bytes_written)` is called after each stored chunk.
    Returns the attachment (`duplicate` True when the same content of the same
    kind was attached already: nothing new is stored). Raises Forbidden,
    PayloadTooLarge, UnsupportedType, DataError, NotFound (see module docstring).
    """
    settings = settings or get_settings()
    access.authorize_write(principal)
    k = parse_kind(kind)
    st = parse_stage(stage) if stage else None
    with access.transaction(session):  # another unit's declaration is 404 before any file work
        access.visible_declaration(session, principal, decl_id)
    ftype, name, d = inspect_file(Path(path), filename, settings)
    ex: Extracted = extract(Path(path), ftype, name, settings.evidence)
    with access.transaction(session):
        decl = access.visible_declaration(session, principal, decl_id)
        if row is not None:
            rows = {r.position for r in access.current_version(decl).rows}
            if row not in rows:
                raise DataError(f"申报中没有第 {row} 行（共 {len(rows)} 行）", field="row")
        st = st or current_stage(session, decl)
        same = session.scalar(select(Attachment).where(
            Attachment.declaration_id == decl.id, Attachment.sha256 == d.sha256, Attachment.kind == k.value,
            Attachment.deleted_at.is_(None)).order_by(Attachment.id).limit(1))
        if same is not None:
            n = session.scalar(select(func.count(AttachmentPassage.id))
                               .where(AttachmentPassage.attachment_id == same.id)) or 0
            return out(same, passages=n, duplicate=True)
        used = session.scalar(select(func.coalesce(func.sum(Attachment.size), 0)).where(
            Attachment.declaration_id == decl.id, Attachment.deleted_at.is_(None))) or 0
        if used + d.size > settings.evidence.max_declaration_bytes:
            raise PayloadTooLarge(f"该申报的附件合计将达 {used + d.size} 字节，超过上限 "
                                  f"{settings.evidence.max_declaration_bytes} 字节")
        with open(path, "rb") as f:
            blob = store_blob(session, _Progress(f, progress), d, MIME[ftype],
                              chunk_bytes=settings.evidence.chunk_bytes)
        a = Attachment(declaration_id=decl.id, unit_id=decl.unit_id, blob_id=blob.id, stage=st.value,
                       kind=k.value, row=row, filename=name, file_type=ftype, mime=MIME[ftype], size=d.size,
                       sha256=d.sha256, indexed=ex.indexed, index_note=ex.note, note=(note or "").strip()[:2000],
                       created_by=principal.key_id, created_at=utcnow())
        session.add(a)
        session.flush()
        add_passages(session, a, ex)
        access.audit(session, principal, "attachment.create", "declaration", decl.id, None,
                     {"attachment_id": a.id, "filename": name, "kind": k.label, "stage": st.value, "row": row,
                      "sha256": d.sha256, "size": d.size, "indexed": ex.indexed})
        return out(a, passages=len(ex.passages))


class _Progress:
    """A read-only file wrapper calling `progress(total bytes read)` after each read."""

    def __init__(self, f, progress):
        self.f, self.progress, self.n = f, progress, 0

    def seek(self, *a):
        self.n = 0
        return self.f.seek(*a)

    def read(self, size=-1):
        b = self.f.read(size)
        self.n += len(b)
        if self.progress is not None and b:
            self.progress(self.n)
        return b


def add_passages(session: Session, a: Attachment, ex: Extracted) -> None:
    """Insert the passages of attachment `a` (batched Core inserts, tokens computed here)."""
    batch = []
    for i, p in enumerate(ex.passages):
        batch.append({"attachment_id": a.id, "declaration_id": a.declaration_id, "unit_id": a.unit_id, "seq": i,
                      "page": p.page, "sheet": p.sheet[:100], "row": p.row, "citation": p.citation[:400],
                      "text": p.text, "tokens": token_field(p.text)})
        if len(batch) >= BATCH:
            session.execute(insert(AttachmentPassage), batch)
            batch = []
    if batch:
        session.execute(insert(AttachmentPassage), batch)


def _visible_attachment(session: Session, principal: Principal, att_id: int, *, deleted: bool = False) -> Attachment:
    a = session.get(Attachment, att_id)
    if a is None or not access.visible_unit(principal, a.unit_id) or (a.deleted_at is not None and not deleted):
        raise NotFound(f"附件不存在: {att_id}")
    return a


def _counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    q = (select(AttachmentPassage.attachment_id, func.count(AttachmentPassage.id))
         .where(AttachmentPassage.attachment_id.in_(ids)).group_by(AttachmentPassage.attachment_id))
    return dict(session.execute(q).all())


def list_attachments(session: Session, principal: Principal, decl_id: int, *, kind: str | None = None,
                     include_deleted: bool = False) -> list[AttachmentOut]:
    """Attachments of a declaration, oldest first (deleted ones only with `include_deleted`,
    for supervisors and admins). Raises NotFound for another unit's declaration."""
    access.authorize_read(principal)
    with access.transaction(session):
        d = access.visible_declaration(session, principal, decl_id)
        q = select(Attachment).where(Attachment.declaration_id == d.id).order_by(Attachment.id)
        if kind:
            q = q.where(Attachment.kind == parse_kind(kind).value)
        if not (include_deleted and principal.reads_all_units):
            q = q.where(Attachment.deleted_at.is_(None))
        rows = session.scalars(q).all()
        n = _counts(session, [a.id for a in rows])
        return [out(a, passages=n.get(a.id, 0)) for a in rows]


def get_attachment(session: Session, principal: Principal, att_id: int) -> AttachmentOut:
    """One attachment's metadata. Raises NotFound (missing, deleted, another unit's)."""
    access.authorize_read(principal)
    with access.transaction(session):
        a = _visible_attachment(session, principal, att_id)
        return out(a, passages=_counts(session, [a.id]).get(a.id, 0))


def open_download(session: Session, principal: Principal, att_id: int,
                  session_factory) -> tuple[AttachmentOut, Iterator[bytes]]:
    """(metadata, iterator over the bytes chunk by chunk) of an attachment.

    The iterator opens its own sessions from `session_factory` (it runs after
    the request's session is closed). Raises NotFound.
    """
    access.authorize_read(principal)
    with access.transaction(session):
        a = _visible_attachment(session, principal, att_id)
        meta, blob_id = out(a), a.blob_id
    return meta, iter_blob(session_factory, blob_id)


def delete_attachment(session: Session, principal: Principal, att_id: int, *, reason: str = "") -> AttachmentOut:
    """Soft-delete an attachment (kept for inspection, hidden from lists, search and downloads);
    audited with the reason. Raises Forbidden, NotFound."""
    access.authorize_write(principal)
    with access.transaction(session):
        a = _visible_attachment(session, principal, att_id)
        a.deleted_at, a.deleted_by = utcnow(), principal.key_id
        session.flush()
        access.audit(session, principal, "attachment.delete", "declaration", a.declaration_id,
                     {"attachment_id": a.id, "filename": a.filename, "kind": AttachmentKind(a.kind).label,
                      "deleted": False},
                     {"attachment_id": a.id, "deleted": True, "reason": (reason or "").strip()[:500]})
        return out(a)


def search(session: Session, principal: Principal, q: str, *, declaration_id: int | None = None,
           kind: str | None = None, top: int = 20) -> SearchOut:
    """Passages of the attachments the caller may see that match `q`, best first, with citations.

    declaration_id / kind narrow the search (another unit's declaration is
    NotFound). Deleted attachments are never searched. Raises DataError for
    a blank query.
    """
    access.authorize_read(principal)
    if not (q or "").strip():
        raise DataError("请输入检索词", field="q")
    with access.transaction(session):
        stmt = (select(AttachmentPassage).join(Attachment, Attachment.id == AttachmentPassage.attachment_id)
                .where(Attachment.deleted_at.is_(None)))
        if declaration_id is not None:
            d = access.visible_declaration(session, principal, declaration_id)
            stmt = stmt.where(AttachmentPassage.declaration_id == d.id)
        if principal.unit_ids() is not None:  # own unit, and a 财政 reviewer's assigned units
            stmt = stmt.where(AttachmentPassage.unit_id.in_(principal.unit_ids()))
        if kind:
            stmt = stmt.where(Attachment.kind == parse_kind(kind).value)
        ranked = rank(session, stmt, AttachmentPassage, q, top=top)
        atts = {a.id: a for a in session.scalars(select(Attachment).where(
            Attachment.id.in_({p.attachment_id for p, _ in ranked}))).all()} if ranked else {}
        hits = []
        for p, s in ranked:
            a = atts[p.attachment_id]
            hits.append(SearchHit(attachment_id=a.id, declaration_id=a.declaration_id, filename=a.filename,
                                  text=p.text, citation=p.citation, kind=AttachmentKind(a.kind).label,
                                  page=p.page, sheet=p.sheet, row=p.row, score=round(s, 4)))
        return SearchOut(hits=hits)


def attachments_of(session: Session, decl_id: int) -> list[Attachment]:
    """The live (not deleted) attachments of a declaration, unscoped (for cross-checks)."""
    return list(session.scalars(select(Attachment).where(Attachment.declaration_id == decl_id,
                                                         Attachment.deleted_at.is_(None))
                                .order_by(Attachment.id)).all())

