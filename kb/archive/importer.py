"""Import an accounting export into the 电子会计档案 (all-or-nothing), list and open documents.

`import_file` reads an .xlsx/.csv export (or a .pdf report), finds 凭证
sheets by their header row (`kb.archive.vouchers`), files the document by
category (凭证 / 账簿 / 报表 / 其他) and period, links voucher rows to the
unit's projects — by a 项目编码 learned before (`project_codes`), else by
project name (equal after normalisation, else the one project whose name
contains or is contained in it), else, when a `declaration_id` is given and
the unresolved rows name one project at most, to that declaration's project
(the code is then learned) — and stores everything in one transaction: the
original file as a blob, the document, every row with its citation and
search tokens, the codes learned, an attachment of the declaration when one
is given (not when every line was imported before: such a file adds no
evidence), and the audit entry. Any bad row fails the whole import with
`第N行 列名: 问题` (422). Unit scoping and roles as for attachments.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kb.archive import vouchers as V
from kb.archive.accounts import spending_fen
from kb.archive.models import ArchiveDocument, ArchiveEntry, ProjectCode
from kb.archive.schemas import ArchiveDocumentList, ArchiveDocumentOut, ImportOut, ProjectSpending
from kb.errors import DataError, NotFound, UnsupportedType
from kb.evidence import access
from kb.evidence.access import Principal
from kb.evidence.attachments import add_passages, current_stage, inspect_file
from kb.evidence.blobs import iter_blob, store_blob
from kb.evidence.extract import Extracted, Passage, extract
from kb.evidence.kinds import AttachmentKind
from kb.evidence.models import Attachment
from kb.evidence.search import token_field
from kb.evidence.sniff import MIME
from kb.evidence.tables import Sheet, iso_cell_text, read_sheets
from kb.io.safezip import beyond_limits_message
from kb.lifecycle.models import Declaration, Project, Unit, utcnow
from kb.settings import Settings, get_settings
from kb.domain.text import normalize, normalize_name

RANK = {"voucher": 3, "ledger": 2, "report": 1, "other": 0}
ATTACHMENT_KIND = {"voucher": AttachmentKind.accounting_voucher, "ledger": AttachmentKind.expense_detail,
                   "report": AttachmentKind.expense_detail, "other": AttachmentKind.other}
BATCH = 500
# what an accounting archive is kept as: the finance software's exports (vouchers, ledgers, reports) and
# reports fixed as PDF; an editable Word file is no accounting record (会计档案管理办法, 财政部 国家档案局令
# 第79号 第八条: electronic accounting records kept safe from tampering — from memory, not seen in ../shared/data)
ARCHIVE_TYPES = ("xlsx", "csv", "pdf")
ARCHIVE_TYPES_TEXT = ".xlsx、.csv（财务软件导出的凭证、账簿、报表）或 .pdf（报表）"


@dataclass
class _Row:
    """A row to store: voucher fields when it is a voucher line, its text and citation always."""

    sheet: str
    row: int
    text: str
    citation: str
    line: V.VoucherLine | None = None


def _parse_period(period: str | None):
    if not period:
        return None
    p = V.period_from_text(period if "年" in period or "-" in period or "Q" in period.upper() else period + "年")
    if p is None:
        raise DataError(f"期间写成 2024、2024-06 或 2024年第二季度，而不是“{period}”", field="period")
    return p


def _line_text(ln: V.VoucherLine) -> str:
    amt = (f"借 {ln.debit_fen / 100:,.2f}" if ln.debit_fen else "") + (f" 贷 {ln.credit_fen / 100:,.2f}" if ln.credit_fen else "")
    proj = " ".join(x for x in (ln.project_name, f"({ln.project_code})" if ln.project_code else "") if x)
    return " ".join(x for x in (ln.date.isoformat(), f"{ln.date.year}年{ln.date.month}月", ln.voucher_no, ln.summary,
                                ln.account, ln.account_code, amt.strip(), f"项目: {proj}" if proj else "") if x)


def read_rows(path: Path, ftype: str, filename: str, settings: Settings) -> tuple[str, list[_Row], str]:
    """(detected category, rows to store, text naming the period) of an accounting file.

    Raises DataError with every `第N行 列名: 问题` of the voucher sheets (all-or-nothing).
    """
    ev = settings.evidence
    rows: list[_Row] = []
    category = "other"
    title_text = filename
    if ftype in ("xlsx", "csv"):
        sheets: list[Sheet] = read_sheets(path, ftype, ev, filename=filename)
        problems: list[str] = []
        for sh in sheets:
            if sh.truncated:
                where_file = filename + (f"[{sh.name}]" if sh.name else "")
                if sh.beyond_cell and not (sh.rows and sh.rows[-1][0] >= ev.max_sheet_rows):
                    # a stray far cell (XFD1048576) after a short table: name it, as the table reader does
                    raise DataError(beyond_limits_message(sh.beyond_cell, ev.max_sheet_rows, ev.max_sheet_cols),
                                    file=where_file)
                raise DataError(f"工作表行数超过上限 {ev.max_sheet_rows}，请按期间拆分后分别导入", file=where_file)
            where = f"{filename} 工作表“{sh.name}”" if sh.name else filename
            title_text += " " + sh.name + " " + " ".join(iso_cell_text(c) for _, cells in sh.rows[:3] for c in cells)
            h = V.find_voucher_header(sh.rows)
            if h is not None:
                wan = V.wan_in_header(h)
                if wan:
                    raise DataError(f"第{h.row}行 {wan}: 金额须以元为单位", file=filename)
                try:
                    lines = V.parse_voucher_rows(sh.rows, h)
                except V.RowErrors as e:
                    prefix = f"工作表“{sh.name}” " if sh.name and len(sheets) > 1 else ""
                    problems.extend(prefix + p for p in e.problems)
                    continue
                for ln in lines:
                    rows.append(_Row(sh.name, ln.row, _line_text(ln),
                                     f"{where} 第{ln.row}行 · {ln.voucher_no} {ln.date.isoformat()}", ln))
                category = "voucher"
                continue
            cat = V.classify(sh.name + " " + filename, sh.rows, is_voucher=False)
            if RANK[cat] > RANK[category]:
                category = cat
            for r, cells in sh.rows:
                text = " | ".join(t for t in (iso_cell_text(c) for c in cells) if t)
                if text:
                    rows.append(_Row(sh.name, r, text[:2000], f"{where} 第{r}行"))
        if problems:
            raise DataError("；".join(problems[: V.MAX_ERRORS]), file=filename)
    else:
        ex: Extracted = extract(path, ftype, filename, ev)
        if not ex.indexed:
            raise DataError(f"无法从文件中读取文字（{ex.note}）；电子会计档案请导入 {ARCHIVE_TYPES_TEXT}",
                            file=filename, field="file")
        text = " ".join(p.text for p in ex.passages[:5])
        title_text += " " + text[:500]
        category = V.classify(filename, [(1, [text[:500]])], is_voucher=False)
        for i, p in enumerate(ex.passages, 1):
            rows.append(_Row("", p.row or p.page or i, p.text, p.citation))
    if not rows:
        raise DataError("文件中没有可导入的行", file=filename)
    return category, rows, title_text


class ProjectLinker:
    """Resolve a voucher row's project by learned code, then by name, within one unit."""

    def __init__(self, session: Session, unit_id: int):
        self.projects = session.scalars(select(Project).where(Project.unit_id == unit_id)).all()
        self.by_key = {normalize_name(p.name): p.id for p in self.projects}
        self.codes = dict(session.execute(select(ProjectCode.code, ProjectCode.project_id)
                                          .where(ProjectCode.unit_id == unit_id)).all())

    def resolve(self, code: str, name: str) -> int | None:
        if code and code in self.codes:
            return self.codes[code]
        key = normalize_name(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        if len(key) >= 4:
            cands = {pid for k, pid in self.by_key.items() if len(k) >= 4 and (k in key or key in k)}
            if len(cands) == 1:
                return cands.pop()
        return None


def _unit_for(session: Session, principal: Principal, decl: Declaration | None, unit_name: str | None) -> Unit:
    if decl is not None:
        return decl.unit
    if principal.unit_id is not None and not principal.reads_all_units:
        return session.get(Unit, principal.unit_id)
    if unit_name:
        u = session.scalar(select(Unit).where(Unit.name == normalize(unit_name)))
        if u is None:
            raise NotFound(f"单位不存在: {unit_name}")
        return u
    if principal.unit_id is not None:
        return session.get(Unit, principal.unit_id)
    raise DataError("请指定关联的申报（declaration_id，命令行 --declaration）或档案所属单位（unit_name，命令行 --unit）",
                    field="declaration_id")


def import_file(session: Session, principal: Principal, path: Path, filename: str, *,
                declaration_id: int | None = None, unit_name: str | None = None, category: str | None = None,
                period: str | None = None, settings: Settings | None = None) -> ImportOut:
    """Import one accounting file (see module docstring); returns what was stored.

    category: 凭证 / 账簿 / 报表 / 其他 to override the detected one; period:
    2024, 2024-06 or 2024年第二季度 to override the detected period (vouchers:
    first to last date; others: the period their title names). The same file
    imported again by the same unit stores nothing (`duplicate`).
    Only `ARCHIVE_TYPES` are accepted (anything else, a Word file included: UnsupportedType, 415).
    Raises Forbidden, PayloadTooLarge, UnsupportedType, DataError, NotFound.
    """
    settings = settings or get_settings()
    access.authorize_write(principal)
    cat_override = V.parse_category(category)
    per_override = _parse_period(period)
    path = Path(path)
    ftype, name, d = inspect_file(path, filename, settings)
    if ftype not in ARCHIVE_TYPES:
        raise UnsupportedType(f"上传的文件是 {ftype.upper()} 格式；电子会计档案只接受 {ARCHIVE_TYPES_TEXT}。"
                              "合同、验收报告等文档请作为佐证材料上传")
    detected, rows, title_text = read_rows(path, ftype, name, settings)
    cat = cat_override or detected
    p_start, p_end = per_override or _detected_period(rows, title_text)
    with access.transaction(session):
        decl = access.visible_declaration(session, principal, declaration_id) if declaration_id is not None else None
        unit = _unit_for(session, principal, decl, unit_name)
        same = session.scalar(select(ArchiveDocument).where(
            ArchiveDocument.unit_id == unit.id, ArchiveDocument.sha256 == d.sha256,
            ArchiveDocument.deleted_at.is_(None)).limit(1))
        if same is not None:
            return _duplicate(same)
        warnings: list[str] = []
        skipped = _drop_known_lines(session, unit.id, rows)
        if skipped:
            warnings.append(f"{skipped} 笔凭证分录已在此前导入的文件中（日期、凭证号、科目、金额、项目均相同），未重复导入")
        with open(path, "rb") as f:
            blob = store_blob(session, f, d, MIME[ftype], chunk_bytes=settings.evidence.chunk_bytes)
        linker = ProjectLinker(session, unit.id)
        resolved = _resolve_projects(linker, rows, decl, warnings)
        _learn_codes(session, unit.id, linker, rows, resolved, warnings)
        att_id = None
        if decl is not None and not rows:
            warnings.append("文件中没有新的行，未作为该申报的佐证材料")
        if decl is not None and rows:  # a file adding nothing (every line imported before) backs nothing
            att_id = _attach(session, principal, decl, unit.id, blob.id, cat, ftype, name, d, rows, settings)
        doc = ArchiveDocument(unit_id=unit.id, blob_id=blob.id, filename=name, sha256=d.sha256, category=cat,
                              period_start=p_start, period_end=p_end,
                              declaration_id=decl.id if decl else None, attachment_id=att_id, rows=len(rows),
                              created_by=principal.key_id, created_at=utcnow())
        session.add(doc)
        session.flush()
        _insert_entries(session, doc, unit.id, cat, rows, resolved, decl)
        projects = _project_spending(linker, rows, resolved, decl)
        linked = sum(1 for v in resolved.values() if v is not None)
        access.audit(session, principal, "archive.import", "archive_document", doc.id, None,
                     {"filename": name, "sha256": d.sha256, "category": cat, "rows": len(rows),
                      "period_start": p_start.isoformat() if p_start else None,
                      "period_end": p_end.isoformat() if p_end else None,
                      "declaration_id": decl.id if decl else None, "linked": linked})
        return ImportOut(imported=len(rows), document_id=doc.id, category=cat, category_label=V.CATEGORIES[cat],
                         period_start=p_start, period_end=p_end, linked=linked, unlinked=len(resolved) - linked,
                         projects=projects, attachment_id=att_id, warnings=warnings)


def _detected_period(rows: list, title_text: str) -> tuple:
    """Vouchers: first to last date; others: the period their title names (or none)."""
    lines = [r.line for r in rows if r.line is not None]
    if lines:
        return min(x.date for x in lines), max(x.date for x in lines)
    return V.period_from_text(title_text) or (None, None)


def _duplicate(same: ArchiveDocument) -> ImportOut:
    """The answer for a file the unit imported before: nothing stored, the earlier document named."""
    return ImportOut(imported=0, document_id=same.id, category=same.category,
                     category_label=V.CATEGORIES[same.category], period_start=same.period_start,
                     period_end=same.period_end, attachment_id=same.attachment_id, duplicate=True,
                     warnings=[f"该文件已于 {same.created_at:%Y-%m-%d} 导入（档案 {same.id}），未重复导入"])


def _resolve_projects(linker: ProjectLinker, rows: list, decl, warnings: list[str]) -> dict:
    """Row index → project id (None: not linked) for the rows with a ledger line. With a
    declaration, the lines of at most one unknown project go to the declaration's project."""
    resolved = {i: linker.resolve(r.line.project_code, r.line.project_name)
                for i, r in enumerate(rows) if r.line is not None}
    if decl is not None:
        open_keys = {(r.line.project_code or normalize_name(r.line.project_name))
                     for i, r in enumerate(rows) if r.line is not None and resolved[i] is None}
        if len(open_keys) <= 1:
            for i in resolved:
                if resolved[i] is None:
                    resolved[i] = decl.project_id
        else:
            warnings.append("以下项目未能关联到已申报的项目：" + "、".join(sorted(k for k in open_keys if k)))
    return resolved


def _attach(session: Session, principal: Principal, decl, unit_id: int, blob_id: int, cat: str, ftype: str,
            name: str, d, rows: list, settings: Settings) -> int:
    """Store the file as an attachment (evidence) of `decl`, its rows as passages; returns its id."""
    a = Attachment(declaration_id=decl.id, unit_id=unit_id, blob_id=blob_id,
                   stage=current_stage(session, decl).value, kind=ATTACHMENT_KIND[cat].value, row=None,
                   filename=name, file_type=ftype, mime=MIME[ftype], size=d.size, sha256=d.sha256,
                   indexed=True, index_note="", note=f"电子会计档案（{V.CATEGORIES[cat]}）",
                   created_by=principal.key_id, created_at=utcnow())
    session.add(a)
    session.flush()
    add_passages(session, a, Extracted([Passage(r.text, r.citation, sheet=r.sheet, row=r.row)
                                        for r in rows[: settings.evidence.max_passages]], True))
    return a.id


def _project_spending(linker: ProjectLinker, rows: list, resolved: dict, decl) -> list[ProjectSpending]:
    """Rows and spending per linked project, by project id."""
    per_project: dict[int, list] = defaultdict(list)
    for i, pid in resolved.items():
        if pid is not None:
            per_project[pid].append(rows[i].line)
    names = {p.id: p.name for p in linker.projects}
    if decl is not None:
        names.setdefault(decl.project_id, decl.project.name)
    return [ProjectSpending(project_id=pid, project_name=names.get(pid, ""), rows=len(ls),
                            spending_yuan=spending_fen(ls) / 100)
            for pid, ls in sorted(per_project.items())]


def _line_key(date, voucher_no, account, account_code, debit, credit, code, name, summary) -> tuple:
    return (date, normalize(voucher_no), normalize(account), account_code, debit, credit, code,
            normalize_name(name), normalize(summary))


def _drop_known_lines(session: Session, unit_id: int, rows: list[_Row]) -> int:
    """Remove from `rows` the voucher lines the unit's live documents hold already (an export that
    overlaps an earlier one: monthly files, then the year's); returns how many were removed.
    Identical lines within one file are all kept; each stored line absorbs one new line."""
    dates = [r.line.date for r in rows if r.line is not None]
    if not dates:
        return 0
    q = (select(ArchiveEntry.entry_date, ArchiveEntry.voucher_no, ArchiveEntry.account, ArchiveEntry.account_code,
                ArchiveEntry.debit_fen, ArchiveEntry.credit_fen, ArchiveEntry.project_code, ArchiveEntry.project_name,
                ArchiveEntry.summary)
         .join(ArchiveDocument, ArchiveDocument.id == ArchiveEntry.document_id)
         .where(ArchiveEntry.unit_id == unit_id, ArchiveEntry.category == "voucher",
                ArchiveDocument.deleted_at.is_(None), ArchiveEntry.entry_date >= min(dates),
                ArchiveEntry.entry_date <= max(dates)))
    known = Counter(_line_key(*x) for x in session.execute(q).all())
    if not known:
        return 0
    kept, dropped = [], 0
    for r in rows:
        ln = r.line
        if ln is not None:
            k = _line_key(ln.date, ln.voucher_no, ln.account, ln.account_code, ln.debit_fen, ln.credit_fen,
                          ln.project_code, ln.project_name, ln.summary)
            if known[k] > 0:
                known[k] -= 1
                dropped += 1
                continue
        kept.append(r)
    rows[:] = kept
    return dropped


def _learn_codes(session: Session, unit_id: int, linker: ProjectLinker, rows: list[_Row], resolved: dict[int, int | None],
                 warnings: list[str]) -> None:
    """Bind each 项目编码 of the linked rows to its project (a code naming two projects is not bound)."""
    seen: dict[str, set[int]] = defaultdict(set)
    for i, pid in resolved.items():
        code = rows[i].line.project_code
        if code and pid is not None and code not in linker.codes:
            seen[code].add(pid)
    for code, pids in seen.items():
        if len(pids) == 1:
            session.add(ProjectCode(unit_id=unit_id, code=code, project_id=pids.pop(), created_at=utcnow()))
        else:
            warnings.append(f"项目编码 {code} 对应多个项目，未记录")
    session.flush()


def _insert_entries(session: Session, doc: ArchiveDocument, unit_id: int, cat: str, rows: list[_Row],
                    resolved: dict[int, int | None], decl: Declaration | None) -> None:
    batch = []
    for i, r in enumerate(rows):
        ln = r.line
        pid = resolved.get(i)
        rec = {"document_id": doc.id, "unit_id": unit_id, "category": "voucher" if ln else cat, "sheet": r.sheet[:100],
               "row": r.row, "citation": r.citation[:400], "text": r.text, "tokens": token_field(r.text),
               "entry_date": None, "voucher_no": "", "summary": "", "account": "", "account_code": "",
               "debit_fen": 0, "credit_fen": 0, "project_code": "", "project_name": "", "project_id": None,
               "declaration_id": None}
        if ln is not None:
            rec.update(entry_date=ln.date, voucher_no=ln.voucher_no, summary=ln.summary, account=ln.account,
                       account_code=ln.account_code, debit_fen=ln.debit_fen, credit_fen=ln.credit_fen,
                       project_code=ln.project_code, project_name=ln.project_name, project_id=pid,
                       declaration_id=decl.id if decl is not None and pid == decl.project_id else None)
        batch.append(rec)
        if len(batch) >= BATCH:
            session.execute(insert(ArchiveEntry), batch)
            batch = []
    if batch:
        session.execute(insert(ArchiveEntry), batch)


def _doc_out(doc: ArchiveDocument, unit_name: str) -> ArchiveDocumentOut:
    return ArchiveDocumentOut(id=doc.id, unit_name=unit_name, filename=doc.filename, sha256=doc.sha256,
                              category=doc.category, category_label=V.CATEGORIES[doc.category],
                              period_start=doc.period_start, period_end=doc.period_end,
                              declaration_id=doc.declaration_id, attachment_id=doc.attachment_id, rows=doc.rows,
                              created_at=doc.created_at)


def list_archive_documents(session: Session, principal: Principal, *, category: str | None = None,
                   year: int | None = None, limit: int = 200, offset: int = 0) -> ArchiveDocumentList:
    """The archive's documents the caller may see, filed by category and period (newest period first)."""
    import datetime as dt

    access.authorize_read(principal)
    cat = V.parse_category(category)
    with access.transaction(session):
        q = (select(ArchiveDocument, Unit.name).join(Unit, Unit.id == ArchiveDocument.unit_id)
             .where(ArchiveDocument.deleted_at.is_(None)))
        if principal.unit_ids() is not None:  # own unit, and a 财政 reviewer's assigned units
            q = q.where(ArchiveDocument.unit_id.in_(principal.unit_ids()))
        if cat:
            q = q.where(ArchiveDocument.category == cat)
        if year:
            q = q.where(ArchiveDocument.period_start <= dt.date(year, 12, 31),
                        ArchiveDocument.period_end >= dt.date(year, 1, 1))
        q = q.order_by(ArchiveDocument.period_end.desc(), ArchiveDocument.id.desc()).limit(min(max(limit, 1), 1000)).offset(max(offset, 0))
        return ArchiveDocumentList(documents=[_doc_out(doc, un) for doc, un in session.execute(q).all()])


def open_document(session: Session, principal: Principal, doc_id: int, session_factory):
    """(document, its original bytes chunk by chunk). Raises NotFound for another unit's."""
    access.authorize_read(principal)
    with access.transaction(session):
        doc = session.get(ArchiveDocument, doc_id)
        if doc is None or doc.deleted_at is not None or not access.visible_unit(principal, doc.unit_id):
            raise NotFound(f"档案不存在: {doc_id}")
        out, blob_id = _doc_out(doc, session.get(Unit, doc.unit_id).name), doc.blob_id
    ext = Path(out.filename).suffix.lower().lstrip(".")
    return out, MIME.get(ext, "application/octet-stream"), iter_blob(session_factory, blob_id)

