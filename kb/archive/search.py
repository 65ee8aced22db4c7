"""Row-level search of the 电子会计档案: “2024年6月 维修费 凭证”.

The query is read as a period (2024年6月, 2024年第二季度, 2024年度 … — see
`kb.archive.vouchers.find_period`), a category word (凭证 / 账簿 / 报表 and
their usual names) and the remaining words. Voucher rows are kept when their
date falls in the period, other rows when their document's period overlaps
it; the remaining words rank the rows (`kb.evidence.search.rank`); with no
words left the rows are listed newest date first. Scoping as everywhere:
the caller's unit unless they read all units. Not for importing.
"""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kb.archive.models import ArchiveDocument, ArchiveEntry
from kb.archive.schemas import ArchiveHit, ArchiveSearchOut
from kb.archive.vouchers import CATEGORIES, find_period, parse_category
from kb.errors import DataError
from kb.evidence import access
from kb.evidence.access import Principal
from kb.evidence.search import rank
from kb.domain.text import normalize

CATEGORY_WORDS = (
    ("voucher", re.compile(r"记账凭证|会计凭证|电子凭证|凭证")),
    ("ledger", re.compile(r"会计账簿|总分类账|明细分类账|明细账|总账|日记账|账簿")),
    ("report", re.compile(r"财务会计报告|会计报表|财务报表|决算报表|资产负债表|收入费用表|报表")),
)


def parse_query(q: str) -> tuple[dt.date | None, dt.date | None, str | None, str]:
    """(period start, period end, category, remaining words) of an archive query."""
    t = normalize(q or "")
    start = end = None
    found = find_period(t)
    if found:
        start, end, (a, b) = found
        t = t[:a] + " " + t[b:]
    cat = None
    for key, pat in CATEGORY_WORDS:
        m = pat.search(t)
        if m:
            cat = key
            t = t[:m.start()] + " " + t[m.end():]
            break
    return start, end, cat, " ".join(t.split())


def search_archive(session: Session, principal: Principal, q: str, *, category: str | None = None,
                   declaration_id: int | None = None, project_id: int | None = None, top: int = 20) -> ArchiveSearchOut:
    """Archive rows matching `q` (see module docstring), best first, with citations.

    category / declaration_id / project_id narrow further (another unit's
    declaration is NotFound). Raises DataError for a blank query.
    """
    access.authorize_read(principal)
    if not (q or "").strip():
        raise DataError("请输入检索词", field="q")
    start, end, cat, terms = parse_query(q)
    if category:
        cat = parse_category(category)
    with access.transaction(session):
        stmt = (select(ArchiveEntry).join(ArchiveDocument, ArchiveDocument.id == ArchiveEntry.document_id)
                .where(ArchiveDocument.deleted_at.is_(None)))
        if principal.unit_ids() is not None:  # own unit, and a 财政 reviewer's assigned units
            stmt = stmt.where(ArchiveEntry.unit_id.in_(principal.unit_ids()))
        if declaration_id is not None:
            d = access.visible_declaration(session, principal, declaration_id)
            stmt = stmt.where(or_(ArchiveEntry.declaration_id == d.id, ArchiveEntry.project_id == d.project_id))
        if project_id is not None:
            stmt = stmt.where(ArchiveEntry.project_id == project_id)
        if cat:
            stmt = stmt.where(ArchiveEntry.category == cat)
        if start is not None:
            stmt = stmt.where(or_(
                and_(ArchiveEntry.entry_date.is_not(None), ArchiveEntry.entry_date >= start, ArchiveEntry.entry_date <= end),
                and_(ArchiveEntry.entry_date.is_(None), ArchiveDocument.period_start <= end,
                     ArchiveDocument.period_end >= start)))
        if terms:
            ranked = rank(session, stmt, ArchiveEntry, terms, top=top)
        else:
            rows = session.scalars(stmt.order_by(ArchiveEntry.entry_date.desc(), ArchiveEntry.id.desc())
                                   .limit(top)).all()
            ranked = [(r, 0.0) for r in rows]
        docs = {x.id: x for x in session.scalars(select(ArchiveDocument).where(
            ArchiveDocument.id.in_({r.document_id for r, _ in ranked}))).all()} if ranked else {}
        hits = [ArchiveHit(entry_id=r.id, document_id=r.document_id, filename=docs[r.document_id].filename,
                           category=r.category, category_label=CATEGORIES[r.category], text=r.text,
                           citation=r.citation, date=r.entry_date, voucher_no=r.voucher_no, summary=r.summary,
                           account=r.account, debit_yuan=r.debit_fen / 100, credit_yuan=r.credit_fen / 100,
                           project_name=r.project_name, project_code=r.project_code, project_id=r.project_id,
                           declaration_id=r.declaration_id, score=round(s, 4)) for r, s in ranked]
        return ArchiveSearchOut(period_start=start, period_end=end, category=cat, terms=terms, hits=hits)
