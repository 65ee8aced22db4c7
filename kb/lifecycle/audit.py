"""The audit log and 公示: who changed what, and the per-department summary of approved declarations.

Not for writing audit entries (every operation does that through `tx.record_audit`).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.declarations import current_version
from kb.lifecycle.evaluation import latest_evaluation
from kb.lifecycle.models import AuditEntry, Declaration, Evaluation, Feedback, MonitoringReport
from kb.lifecycle.schemas import (EXECUTION_SOURCE_LABELS, AuditOut, DepartmentSummary, ProjectExecution,
                                  PublicSummary)
from kb.lifecycle.tx import transaction


def list_audit(session: Session, principal: Principal, *, entity: str | None = None,
               entity_id: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditOut]:
    """Audit entries, newest first (supervisors and admins)."""
    authorize(principal, "read_audit")
    with transaction(session):
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(min(max(limit, 1), 1000)).offset(max(offset, 0))
        if entity:
            q = q.where(AuditEntry.entity == entity)
        if entity_id:
            q = q.where(AuditEntry.entity_id == str(entity_id))
        if not principal.reads_all_units:  # an admin confined to its unit reads its unit's entries
            q = q.where(AuditEntry.unit_name == (principal.unit_name or ""))
        return [AuditOut(id=a.id, at=a.at, key_id=a.key_id, role=a.role, unit_name=a.unit_name, action=a.action,
                         entity=a.entity, entity_id=a.entity_id, before=a.before, after=a.after)
                for a in session.scalars(q).all()]


def _execution(session: Session, d: Declaration, e: Evaluation | None,
               fb: Feedback | None) -> tuple[float | None, str | None, Any]:
    """(budget executed in 万元, stage, as-of date) from the latest stage that reports it:
    the bureau's feedback, else the newest evaluation stating it, else the monitoring
    report with the latest period end."""
    if fb is not None and fb.budget_executed_wan is not None:
        return fb.budget_executed_wan, "feedback", fb.created_at.date()
    ev = e if e is not None and e.budget_executed_wan is not None else session.scalar(
        select(Evaluation).where(Evaluation.declaration_id == d.id, Evaluation.budget_executed_wan.is_not(None))
        .order_by(Evaluation.id.desc()).limit(1))
    if ev is not None:
        return ev.budget_executed_wan, "evaluation", ev.created_at.date()
    rep = session.scalar(select(MonitoringReport).where(MonitoringReport.declaration_id == d.id,
                                                        MonitoringReport.budget_executed_wan.is_not(None))
                         .order_by(MonitoringReport.period_end.desc(), MonitoringReport.id.desc()).limit(1))
    if rep is not None:
        return rep.budget_executed_wan, "monitoring", rep.period_end
    return None, None, None


def public_summary(session: Session, principal: Principal, *, year: int | None = None,
                   crosscheck_errors: Callable[[Session, Declaration], int] | None = None) -> PublicSummary:
    """公示: per (unit, department) over approved declarations — budget, budget executed,
    grades (final grade of the feedback, else the self-evaluation's), checker errors and the
    open error-level cross-check findings (`crosscheck_errors(session, d)`, the count of
    `kb.crosscheck.engine.open_crosscheck_errors`: a 预算执行数 the vouchers contradict shows here, per
    project too; 0 when the caller gives no counter).

    The budget executed of a declaration comes from the latest stage that
    reports it — 结果反馈 (the bureau's confirmed figure) over 事后评价 (year end)
    over 事中监控 (latest period end); each project says which (`projects[].
    executed_source`) and `executed_from` counts them per department.
    """
    authorize(principal, "read")
    with transaction(session):
        q = select(Declaration).where(Declaration.state == "approved")
        if year:
            q = q.where(Declaration.year == year)
        groups: dict[tuple[str, str], dict] = {}
        for d in session.scalars(q.order_by(Declaration.id)).all():
            v = current_version(d)
            g = groups.setdefault((d.unit.name, v.department), dict(
                declarations=0, approved=0, budget_wan=0.0, executed=0.0, budget_with_exec=0.0,
                has_exec=False, grades={"优": 0, "良": 0, "中": 0, "差": 0}, checker_errors=0, crosscheck_errors=0,
                sources={k: 0 for k in EXECUTION_SOURCE_LABELS}, projects=[]))
            g["declarations"] += 1
            g["approved"] += 1
            g["budget_wan"] += v.budget_wan or 0.0
            g["checker_errors"] += d.error_count
            cross = crosscheck_errors(session, d) if crosscheck_errors is not None else 0
            g["crosscheck_errors"] += cross
            e = latest_evaluation(session, d.id)
            fb = session.scalar(select(Feedback).where(Feedback.declaration_id == d.id))
            executed, source, as_of = _execution(session, d, e, fb)
            if executed is not None:
                g["has_exec"] = True
                g["executed"] += executed
                g["budget_with_exec"] += v.budget_wan or 0.0
                g["sources"][source] += 1
            g["projects"].append(ProjectExecution(
                declaration_id=d.id, project_name=v.project_name, budget_wan=v.budget_wan, executed_wan=executed,
                executed_source=source, executed_source_label=EXECUTION_SOURCE_LABELS.get(source or ""),
                executed_as_of=as_of, crosscheck_errors=cross))
            gr = fb.final_grade if fb is not None and fb.final_grade else (e.grade if e is not None else None)
            if gr:
                g["grades"][gr] += 1
        deps = []
        for (unit_name, dept), g in sorted(groups.items()):
            rate = (g["executed"] / g["budget_with_exec"]) if g["has_exec"] and g["budget_with_exec"] > 0 else None
            deps.append(DepartmentSummary(unit_name=unit_name, department=dept, declarations=g["declarations"],
                                          approved=g["approved"], budget_wan=g["budget_wan"],
                                          executed_wan=g["executed"] if g["has_exec"] else None,
                                          execution_rate=rate, executed_from=g["sources"], grades=g["grades"],
                                          checker_errors=g["checker_errors"],
                                          crosscheck_errors=g["crosscheck_errors"], projects=g["projects"]))
        return PublicSummary(year=year, departments=deps)
