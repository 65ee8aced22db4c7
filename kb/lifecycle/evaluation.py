"""事后评价: score a declaration's rows, the 预算执行率 line, total and grade; read it back.

Scores follow the pure rules of `scoring`; weights must add up to 100
(财预〔2020〕10号, RULES.md STR-13). Not for feedback (`feedback`).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.errors import Conflict, DataError, NotFound
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.declarations import current_version, require_state, target_text, visible_declaration
from kb.lifecycle.matching import match_rows, row_error
from kb.lifecycle.models import Evaluation, EvaluationItem, Feedback, TargetRowRecord, utcnow
from kb.lifecycle.schemas import EvalItemOut, EvalRowIn, EvaluationIn, EvaluationOut
from kb.lifecycle.scoring import (budget_execution_score, check_weight_total, indicator_share, score_indicator,
                                  total_score)
from kb.lifecycle.tx import record_audit, transaction
from kb.settings import Settings, get_settings


def _eval_out(e: Evaluation, targets: dict[int, str]) -> EvaluationOut:
    items = [EvalItemOut(row=it.position, name=it.name, target=targets.get(it.position, ""), actual=it.actual,
                         direction=it.direction, weight=it.weight, score=it.score, score_low=it.score_low,
                         score_high=it.score_high, completion=it.completion, tier=it.tier,
                         deviation_reason=it.deviation_reason, warnings=it.warnings or [])
             for it in e.items]
    return EvaluationOut(id=e.id, declaration_id=e.declaration_id, version=e.version, items=items,
                         total=e.total, total_weight=e.total_weight, percent=total_score_from(e), grade=e.grade,
                         warnings=e.warnings or [], created_at=e.created_at)


def total_score_from(e: Evaluation) -> float:
    """The percentage used for the grade of a stored evaluation."""
    if abs(e.total_weight - 100.0) <= 1e-6:
        return e.total
    return 100.0 * e.total / e.total_weight if e.total_weight > 0 else 0.0


def _weight(i: int, r: TargetRowRecord, it: EvalRowIn) -> float:
    """The 分值 an evaluation item scores with: its own, else the one declared on its row (DataError when neither)."""
    if it.weight is not None:
        return it.weight
    if r.weight is not None:
        return r.weight
    raise row_error(DataError("缺少分值：申报时该行未填分值，评价时须填写", field=f"rows[{i + 1}].weight"), "rows", i, r)


def evaluate_declaration(session: Session, principal: Principal, decl_id: int, body: EvaluationIn, *,
             settings: Settings | None = None) -> EvaluationOut:
    """事后评价: score each listed row, the optional 预算执行率 line, total and grade.

    An item without a weight takes the 分值 declared on its row. The weights
    must add up to 100 (with the 预算执行率 line: rows 100 − budget_weight,
    i.e. 90 + 10; rows adding up to 100 as declared are scaled to 90 with a
    warning, `scoring.indicator_share`; tolerance settings.checker.weight_tolerance;
    财预〔2020〕10号, RULES.md STR-13). A new evaluation replaces the previous
    one until feedback has been given. Error messages name rows from 1.
    Raises Forbidden, NotFound, Conflict (not approved / feedback given),
    DataError (weights not adding up to 100 → field `rows`, unknown rows,
    missing actuals, undeterminable 定性 tiers).
    """
    authorize(principal, "evaluate")
    checker = (settings or get_settings()).checker
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        require_state(d, {"approved"}, "评价")
        if session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)):
            raise Conflict("已有结果反馈，不能再修改评价")
        v = current_version(d)
        if not body.rows:
            raise DataError("至少需要评价一个指标", field="rows")
        scored, outs, warnings = [], [], []
        matched = match_rows(v.rows, body.rows, "rows")
        weights = [_weight(i, r, it) for i, r, it in matched]
        budget_weight = body.budget_weight if body.budget_executed_wan is not None else None
        weights, scaled = indicator_share(weights, budget_weight=budget_weight, total=checker.weight_total,
                                          tolerance=checker.weight_tolerance)
        if scaled:
            warnings.append(scaled)
        check_weight_total([(r.position, w) for (_, r, _), w in zip(matched, weights)], budget_weight=budget_weight,
                           total=checker.weight_total, tolerance=checker.weight_tolerance, field="rows")
        for (i, r, it), weight in zip(matched, weights):
            try:
                s = score_indicator(operator=r.operator, target=r.value, unit=r.unit, actual=it.actual, weight=weight,
                                    direction=it.direction, tier=it.tier, score_pct=it.score_pct,
                                    field=f"rows[{i + 1}]", name=r.name)
            except DataError as e:
                raise row_error(e, "rows", i, r) from None
            w = list(s.warnings)
            if s.score < s.weight - 1e-9 and not it.deviation_reason.strip():
                w.append("未完全达成目标，请填写偏差原因")
            scored.append(s)
            outs.append(EvalItemOut(row=r.position, name=r.name, target=target_text(r),
                                    actual=(it.actual or "").strip(), direction=s.direction.value,
                                    weight=s.weight, score=s.score, score_low=s.score_low, score_high=s.score_high,
                                    completion=s.completion, tier=s.tier.value if s.tier else None,
                                    deviation_reason=it.deviation_reason.strip(), warnings=w))
        if body.budget_executed_wan is not None:
            s = budget_execution_score(v.budget_wan, body.budget_executed_wan, body.budget_weight)
            scored.append(s)
            outs.append(EvalItemOut(row=0, name="预算执行率", target=f"{v.budget_wan}万元" if v.budget_wan is not None else "",
                                    actual=f"{body.budget_executed_wan}万元", direction="positive",
                                    weight=s.weight, score=s.score, score_low=s.score, score_high=s.score,
                                    completion=s.completion, tier=None, deviation_reason="", warnings=[]))
        outs.sort(key=lambda x: x.row)
        missing = [r.name for r in v.rows if r.position not in {o.row for o in outs}]
        if missing:
            warnings.append("未评价的指标: " + "、".join(missing))
        tot = total_score(scored)
        warnings.extend(tot.warnings)
        for o in outs:
            warnings.extend(f"第{o.row}行 {o.name}: {w}" for w in o.warnings)
        e = Evaluation(declaration_id=d.id, version=v.version, total=tot.total, total_weight=tot.total_weight,
                       grade=tot.grade, budget_executed_wan=body.budget_executed_wan, warnings=warnings,
                       created_by=principal.key_id, created_at=utcnow())
        e.items = [EvaluationItem(position=o.row, name=o.name, direction=o.direction, actual=o.actual,
                                  completion=o.completion, tier=o.tier, weight=o.weight, score=o.score,
                                  score_low=o.score_low, score_high=o.score_high, warnings=o.warnings,
                                  deviation_reason=o.deviation_reason) for o in outs]
        session.add(e)
        session.flush()
        record_audit(session, principal, "evaluation.create", "declaration", d.id, None,
               {"evaluation_id": e.id, "total": round(e.total, 4), "grade": e.grade,
                "scores": {o.row: round(o.score, 4) for o in outs}})
        return EvaluationOut(id=e.id, declaration_id=d.id, version=v.version, items=outs, total=tot.total,
                             total_weight=tot.total_weight, percent=tot.percent, grade=tot.grade,
                             warnings=warnings, created_at=e.created_at)


def latest_evaluation(session: Session, decl_id: int) -> Evaluation | None:
    return session.scalar(select(Evaluation).where(Evaluation.declaration_id == decl_id)
                          .order_by(Evaluation.id.desc()).limit(1))


def get_evaluation(session: Session, principal: Principal, decl_id: int) -> EvaluationOut:
    """The latest evaluation of a declaration. Raises NotFound when there is none."""
    authorize(principal, "read")
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        e = latest_evaluation(session, d.id)
        if e is None:
            raise NotFound(f"申报 {decl_id} 尚无评价")
        targets = {r.position: target_text(r) for r in current_version(d).rows}
        return _eval_out(e, targets)
