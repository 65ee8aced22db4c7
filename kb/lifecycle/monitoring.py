"""事中监控: store a monitoring report with a light per indicator and for budget execution.

The lights themselves are pure rules (`lights`); bands come from
`settings.monitoring`. A report filed again for the same period end
supersedes the earlier one (`current_reports`); all stay listed. Not for
evaluation (`evaluation`).
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.errors import DataError
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.declarations import current_version, require_state, target_text, visible_declaration
from kb.lifecycle.lights import LIGHT_LABELS, budget_progress, indicator_progress, time_progress
from kb.lifecycle.matching import match_rows, row_error
from kb.lifecycle.models import MonitoringReport, utcnow
from kb.lifecycle.schemas import MonitoringIn, MonitoringOut, MonitorRowOut
from kb.lifecycle.tx import record_audit, transaction
from kb.settings import Settings, get_settings


def monitor(session: Session, principal: Principal, decl_id: int, body: MonitoringIn, *,
            settings: Settings | None = None) -> MonitoringOut:
    """事中监控: lights per indicator and for budget execution (bands from settings.monitoring).

    `lights` counts every light of the report, the budget execution light
    included; `indicator_lights` the indicators only; `budget_light` the budget's.

    Raises Forbidden, NotFound, Conflict (not approved), DataError (an empty
    report: no actual and no budget executed; period outside the year,
    unknown rows, 预计无法完成 without a reason, non-numeric actuals). The
    period end has no default (422 when missing).
    """
    authorize(principal, "monitor")
    bands = (settings or get_settings()).monitoring
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        require_state(d, {"approved"}, "填报监控")
        v = current_version(d)
        if v.year is None:
            raise DataError("申报未填写预算年度，无法计算时间进度", field="year")
        tp = time_progress(body.period_end, v.year)
        if not body.indicators and body.budget_executed_wan is None:
            raise DataError("监控报告是空的：请至少填写一个指标截至期末的实际完成值，或预算执行金额", field="indicators")
        items = []
        for i, r, it in match_rows(v.rows, body.indicators, "indicators"):
            try:
                prog = indicator_progress(operator=r.operator, target=r.value, unit=r.unit, actual=it.actual, tp=tp,
                                          bands=bands, direction=it.direction, on_track=it.on_track,
                                          expected_unachievable=it.expected_unachievable, reason=it.reason,
                                          field=f"indicators[{i + 1}]", name=r.name)
            except DataError as e:
                raise row_error(e, "indicators", i, r) from None
            items.append(MonitorRowOut(row=r.position, name=r.name, target=target_text(r), **prog.model_dump()))
        items.sort(key=lambda x: x.row)
        reported = {x.row for x in items}
        budget = (budget_progress(budget_wan=v.budget_wan, executed_wan=body.budget_executed_wan, tp=tp, bands=bands)
                  if body.budget_executed_wan is not None else None)
        indicator_lights = {k: 0 for k in LIGHT_LABELS}
        for x in items:
            indicator_lights[x.light] += 1
        lights = dict(indicator_lights)
        if budget is not None and budget.light is not None:
            lights[budget.light] += 1
        rep = MonitoringReport(declaration_id=d.id, version=v.version, period_end=body.period_end,
                               budget_executed_wan=body.budget_executed_wan, time_progress=tp,
                               budget_execution_rate=budget.execution_rate if budget else None,
                               budget_light=budget.light if budget else None, created_by=principal.key_id,
                               created_at=utcnow(), result={})
        session.add(rep)
        session.flush()
        out = MonitoringOut(id=rep.id, declaration_id=d.id, version=v.version, period_end=body.period_end,
                            time_progress=tp, budget=budget, indicators=items,
                            not_reported=[r.position for r in v.rows if r.position not in reported],
                            lights=lights, indicator_lights=indicator_lights,
                            budget_light=budget.light if budget else None, created_at=rep.created_at)
        rep.result = out.model_dump(mode="json")
        record_audit(session, principal, "monitoring.create", "declaration", d.id, None,
               {"monitoring_id": rep.id, "period_end": body.period_end.isoformat(), "lights": lights,
                "indicator_lights": indicator_lights, "budget_light": rep.budget_light})
        return out


def current_reports(reports: Sequence[MonitoringReport]) -> list[MonitoringReport]:
    """The reports in force, one per period end: a report filed again for the same period end
    supersedes the earlier ones (the last filed wins, by id); ordered by period end."""
    latest: dict = {}
    for r in reports:
        if r.period_end not in latest or r.id > latest[r.period_end].id:
            latest[r.period_end] = r
    return [latest[k] for k in sorted(latest)]


def list_monitoring(session: Session, principal: Principal, decl_id: int) -> list[MonitoringOut]:
    """Monitoring reports of a declaration, oldest first; a report filed again for the same
    period end marks the earlier ones `superseded_by` it (`current_reports`)."""
    authorize(principal, "read")
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        reps = session.scalars(select(MonitoringReport).where(MonitoringReport.declaration_id == d.id)
                               .order_by(MonitoringReport.id)).all()
        in_force = {r.period_end: r.id for r in current_reports(reps)}
        out = []
        for r in reps:
            m = _stored_monitoring(r)
            if in_force[r.period_end] != r.id:
                m.superseded, m.superseded_by = True, in_force[r.period_end]
            out.append(m)
        return out


def _stored_monitoring(r: MonitoringReport) -> MonitoringOut:
    """A stored report; reports stored before the budget light was counted (no
    `indicator_lights`) get their counts completed from the stored budget light."""
    data = dict(r.result or {})
    if "indicator_lights" not in data:
        data["indicator_lights"] = dict(data.get("lights") or {})
        lights = dict(data["indicator_lights"])
        if r.budget_light:
            lights[r.budget_light] = lights.get(r.budget_light, 0) + 1
        data["lights"], data["budget_light"] = lights, r.budget_light
    return MonitoringOut.model_validate(data)
