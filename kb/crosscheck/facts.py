"""What the cross-check rules read about one declaration, gathered from the workflow database.

`Facts` is plain data (rows, reports, evaluation, feedback, attachments,
voucher lines, the project's period) so the rules stay pure functions.
`project_period` reads the implementation period a description states
(实施期2023.07-2024.01, 项目周期：2024年3月至2025年2月); without one the
period is the budget year. Not for rules (see `kb.crosscheck.rules`).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kb.archive.importer import ProjectLinker
from kb.archive.models import ArchiveDocument, ArchiveEntry
from kb.archive.vouchers import VoucherEntry
from kb.evidence.attachments import attachments_of
from kb.lifecycle.models import (Declaration, DeclarationVersion, Evaluation, Feedback, MonitoringReport,
                                 TargetRowRecord)
from kb.lifecycle.monitoring import current_reports
from kb.domain.text import normalize

_PERIOD_WORD = r"(?:实施期限?|实施周期|实施时间|项目周期|项目期限|服务周期|服务期限?|建设周期|建设期限?|执行期限?|工期)"
_YM = r"((?:19|20)\d{2})\s*(?:年|[./-])?\s*(?:(\d{1,2})\s*月?)?"
_PERIOD_RE = re.compile(_PERIOD_WORD + r"[:：为是]?[^，。；,;\d]{0,4}" + _YM + r"份?\s*(?:-|~|～|—|至|到)\s*" + _YM)


def project_period(description: str | None, year: int | None) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the implementation period: the one the description states,
    else the budget year; None without either."""
    m = _PERIOD_RE.search(normalize(description or ""))
    if m:
        y1, m1, y2, m2 = m.groups()
        y1, y2 = int(y1), int(y2)
        a, b = int(m1) if m1 else 1, int(m2) if m2 else 12
        if 1 <= a <= 12 and 1 <= b <= 12 and (y1, a) <= (y2, b):
            return dt.date(y1, a, 1), dt.date(y2, b, calendar.monthrange(y2, b)[1])
    if year:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


@dataclass
class Line(VoucherEntry):
    """A stored voucher line of the project: what it books, where it is stored and its citation."""

    id: int
    document_id: int
    filename: str
    declaration_id: int | None
    citation: str


@dataclass
class Facts:
    """Everything the rules read about one declaration."""

    declaration_id: int
    project_name: str
    year: int | None
    budget_wan: float | None
    period: tuple[dt.date, dt.date] | None
    rows: list[TargetRowRecord]
    monitoring: list[MonitoringReport]  # the reports in force, one per period end (`current_reports`)
    evaluation: Evaluation | None
    feedback: Feedback | None
    attachments: list[Any]
    lines: list[Line]
    coverage_end: dt.date | None  # last day the imported voucher documents cover
    other_periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)


def _late_linked(session: Session, d: Declaration) -> list:
    """Voucher rows of the unit left unlinked at import that name this declaration's project
    (by a code learned since, or by name): a project declared after its vouchers were imported."""
    q = (select(ArchiveEntry, ArchiveDocument.filename, ArchiveDocument.period_end)
         .join(ArchiveDocument, ArchiveDocument.id == ArchiveEntry.document_id)
         .where(ArchiveDocument.deleted_at.is_(None), ArchiveEntry.category == "voucher",
                ArchiveEntry.unit_id == d.unit_id, ArchiveEntry.project_id.is_(None),
                ArchiveEntry.entry_date.is_not(None)))
    found = session.execute(q).all()
    if not found:
        return []
    linker = ProjectLinker(session, d.unit_id)
    return [x for x in found if x[0].declaration_id != d.id
            and linker.resolve(x[0].project_code, x[0].project_name) == d.project_id]


def gather(session: Session, d: Declaration) -> Facts:
    """The facts of declaration `d` (current version; the monitoring report in force per period; latest
    evaluation; live attachments and documents)."""
    v: DeclarationVersion = next(x for x in d.versions if x.version == d.current_version)
    reps = session.scalars(select(MonitoringReport).where(MonitoringReport.declaration_id == d.id)
                           .order_by(MonitoringReport.period_end, MonitoringReport.id)).all()
    ev = session.scalar(select(Evaluation).where(Evaluation.declaration_id == d.id)
                        .order_by(Evaluation.id.desc()).limit(1))
    fb = session.scalar(select(Feedback).where(Feedback.declaration_id == d.id))
    q = (select(ArchiveEntry, ArchiveDocument.filename, ArchiveDocument.period_end)
         .join(ArchiveDocument, ArchiveDocument.id == ArchiveEntry.document_id)
         .where(ArchiveDocument.deleted_at.is_(None), ArchiveEntry.category == "voucher",
                ArchiveEntry.entry_date.is_not(None),
                or_(ArchiveEntry.project_id == d.project_id, ArchiveEntry.declaration_id == d.id))
         .order_by(ArchiveEntry.entry_date, ArchiveEntry.id))
    rows = list(session.execute(q).all())
    rows += _late_linked(session, d)
    rows.sort(key=lambda x: (x[0].entry_date, x[0].id))
    lines, ends = [], []
    for e, fname, pend in rows:
        lines.append(Line(e.row, e.entry_date, e.voucher_no, e.summary, e.account, e.account_code, e.debit_fen,
                          e.credit_fen, id=e.id, document_id=e.document_id, filename=fname,
                          declaration_id=e.declaration_id, citation=e.citation))
        if pend:
            ends.append(pend)
    others = []
    for od in session.scalars(select(Declaration).where(Declaration.project_id == d.project_id,
                                                        Declaration.id != d.id)).all():
        ov = next((x for x in od.versions if x.version == od.current_version), None)
        p = project_period(ov.description, ov.year) if ov else None
        if p:
            others.append(p)
    return Facts(declaration_id=d.id, project_name=v.project_name, year=v.year, budget_wan=v.budget_wan,
                 period=project_period(v.description, v.year), rows=list(v.rows), monitoring=current_reports(reps),
                 evaluation=ev, feedback=fb, attachments=attachments_of(session, d.id), lines=lines,
                 coverage_end=max(ends) if ends else None, other_periods=others)
