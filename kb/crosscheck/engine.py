"""Run the cross-check rules for one declaration (`crosscheck`) — the service the API and CLI call.

Scoping as for declarations (another unit's → NotFound). Findings are
ordered error → warning → info, then by rule id. The summary says what the
rules compared against: the project's implementation period and the
vouchers' spending (万元) over it.
"""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from kb.archive.accounts import spending_fen
from kb.crosscheck.facts import gather
from kb.crosscheck.rules import RULES, Finding
from kb.evidence import access
from kb.evidence.access import Principal
from kb.lifecycle.models import Declaration
from kb.settings import Settings, get_settings

_ORDER = {"error": 0, "warning": 1, "info": 2}


class CrosscheckOut(BaseModel):
    """Cross-check findings of a declaration (contract: `findings[]` with rule_id, severity, message)."""

    declaration_id: int
    findings: list[Finding]
    period_start: dt.date | None = Field(None, description="项目实施期（申报说明所写，否则为预算年度）")
    period_end: dt.date | None = None
    voucher_lines: int = Field(0, description="关联到该项目的凭证分录数")
    voucher_spending_wan: float | None = Field(None, description="实施期内凭证支出合计（万元）")
    attachments: int = 0


def _run(f, ev) -> list[Finding]:
    findings = [x for r in RULES.values() for x in r.check(f, ev)]
    findings.sort(key=lambda x: (_ORDER[x.severity], x.rule_id))
    return findings


def open_crosscheck_errors(session: Session, d: Declaration, *, settings: Settings | None = None) -> list[Finding]:
    """The error-level cross-check findings of declaration `d` as things stand (ACC-01 …), in the
    caller's transaction and without access checks: the caller has already found `d` visible.
    结果反馈 refuses to go ahead over them unacknowledged; 公示 counts them."""
    ev = (settings or get_settings()).evidence
    return [x for x in _run(gather(session, d), ev) if x.severity == "error"]


def crosscheck(session: Session, principal: Principal, decl_id: int, *,
               settings: Settings | None = None) -> CrosscheckOut:
    """The findings of every rule in `kb.crosscheck.rules.RULES` for declaration `decl_id`."""
    ev = (settings or get_settings()).evidence
    access.authorize_read(principal)
    with access.transaction(session):
        d = access.visible_declaration(session, principal, decl_id)
        f = gather(session, d)
        findings = _run(f, ev)
        in_period = [x for x in f.lines if f.period is None or f.period[0] <= x.date <= f.period[1]]
        return CrosscheckOut(declaration_id=d.id, findings=findings,
                             period_start=f.period[0] if f.period else None,
                             period_end=f.period[1] if f.period else None, voucher_lines=len(f.lines),
                             voucher_spending_wan=spending_fen(in_period) / 1_000_000 if f.lines else None,
                             attachments=len(f.attachments))
