"""结果反馈: the finance bureau's final scores, and what they teach the libraries.

Every target row of the evaluated version becomes a learned observation
(`learning`); only targets the checker accepts teach a typical value.
`learned_for` serves suggest, scoped to what the caller may see.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb.domain.levels import parse_level1, parse_level2
from kb.domain.text import normalize
from kb.errors import Conflict, DataError, NotFound
from kb.lifecycle import learning
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.declarations import FindingsNotAcknowledged, declaration_of, target_text, visible_declaration
from kb.lifecycle.evaluation import latest_evaluation
from kb.lifecycle.models import Declaration, DeclarationVersion, Evaluation, Feedback, LearnedObservation, utcnow
from kb.lifecycle.schemas import FeedbackIn, FeedbackOut
from kb.lifecycle.scoring import grade
from kb.lifecycle.tx import record_audit, transaction
from kb.lifecycle.values import format_number, parse_number
from kb.settings import Settings, get_settings


def _row_checks(v: DeclarationVersion, settings: Settings) -> dict[int, tuple[bool, bool]]:
    """Per row of `v`: (target accepted, placement accepted) by the checker as it is now
    (same rules and context as at 事前申报, see `learning.accepted_rows`)."""
    from kb.checker import check_declaration  # lazy: the checker compiles its lexicons on import

    report = check_declaration(declaration_of(v), settings=settings.checker, suggest=False)
    return learning.accepted_rows(report.model_dump(mode="json")["findings"])


def _final_scores(body: FeedbackIn, items: dict) -> dict[int, float]:
    """The bureau's final score per evaluated row; DataError for an unknown row, a repeat or a score above the weight."""
    finals: dict[int, float] = {}
    for i, fs in enumerate(body.final_scores):
        it = items.get(fs.row)
        if it is None or fs.row == 0:
            raise DataError(f"final_scores 第 {i + 1} 项：评价中没有第 {fs.row} 行", field=f"final_scores[{i + 1}].row")
        if fs.score > it.weight + 1e-9:
            raise DataError(f"final_scores 第 {i + 1} 项：第 {fs.row} 行“{it.name}”的最终得分 "
                            f"{format_number(fs.score)} 超过该指标分值 {format_number(it.weight)}",
                            field=f"final_scores[{i + 1}].score")
        if fs.row in finals:
            raise DataError(f"final_scores 第 {i + 1} 项：第 {fs.row} 行重复填报", field=f"final_scores[{i + 1}].row")
        finals[fs.row] = fs.score
    return finals


def _final_total(body: FeedbackIn, e: Evaluation, items: dict, finals: dict[int, float]) -> tuple[float, str]:
    """(final total, grade): the bureau's total when given, else the evaluation with the final scores in it
    (graded on the 100-point scale when the weights do not add up to 100)."""
    if body.final_total is not None:
        return body.final_total, grade(body.final_total)
    total = sum(finals.get(p, it.score) for p, it in items.items())
    scaled = abs(e.total_weight - 100) > 1e-6 and e.total_weight > 0
    return total, grade(100.0 * total / e.total_weight if scaled else total)


def _observations(fb: Feedback, d: Declaration, v: DeclarationVersion, items: dict, finals: dict[int, float],
                  checks: dict[int, tuple[bool, bool]]) -> list[LearnedObservation]:
    """One learned observation per named target row of the evaluated version."""
    sector = v.sector or d.project.sector
    obs = []
    for r in v.rows:
        if not r.name.strip():
            continue
        it = items.get(r.position)
        attainment = met = None
        if it is not None and it.weight > 0:
            attainment = min(1.0, max(0.0, finals.get(r.position, it.score) / it.weight))
            met = attainment >= learning.FULL
        target_ok, levels_ok = checks.get(r.position, (True, True))
        l1 = parse_level1(r.level1)
        l2 = parse_level2(r.level2, l1)
        target_num = parse_number(r.value) if (it is None or it.tier is None) else None
        obs.append(LearnedObservation(
            feedback_id=fb.id, declaration_id=d.id, unit_id=d.unit_id, sector=sector, year=v.year,
            name_key=learning.name_key(r.name), name=r.name, level1=l1.value if l1 else "",
            level2=l2.value if l2 else "", unit=r.unit, operator=r.operator, value=r.value.strip(),
            target_num=target_num, completion=it.completion if it is not None else None, met=met,
            attainment=attainment, target_accepted=target_ok, levels_accepted=levels_ok))
    return obs


# the open error-level cross-check findings of a declaration (`kb.crosscheck.engine.open_crosscheck_errors` as dicts),
# given by the caller: the cross-check sits above the lifecycle
CrosscheckErrors = Callable[[Session, Declaration], list[dict[str, Any]]]


def _ack_record(f: dict) -> dict[str, Any]:
    return {k: f.get(k) for k in ("rule_id", "severity", "stage", "row", "message")}


def _unacknowledged(errors: list[dict]) -> FindingsNotAcknowledged:
    lines = "；".join(f"{f.get('rule_id', '')} {f.get('message', '')}".strip() for f in errors)
    return FindingsNotAcknowledged(
        f"交叉核对（会计凭证、佐证材料）仍有 {len(errors)} 个错误级发现：{lines}。请核实后再反馈，"
        "或确认这些发现后再反馈", [_ack_record(f) for f in errors])


def feedback(session: Session, principal: Principal, decl_id: int, body: FeedbackIn, *,
             settings: Settings | None = None, crosscheck_errors: CrosscheckErrors | None = None) -> FeedbackOut:
    """结果反馈: store the finance bureau's final scores and update the learned statistics.

    Every target row of the evaluated version becomes a learned observation:
    the declared target, whether the checker accepts that target and the
    row's 一级/二级 placement (only accepted targets teach a typical value),
    completion (actual / target as evaluated) and attainment (final score /
    weight — the bureau's final score for the row when it gave one, else the
    self-evaluation's; fully met when it reaches 1). `budget_executed_wan`,
    when given, is the figure 公示 uses. While the cross-check has open
    error-level findings (`crosscheck_errors`, run with this feedback in
    place: ACC-01 预算执行数 — this one's too — against the vouchers …),
    feedback goes ahead only when the request acknowledges them
    (`body.acknowledge_findings`), as a reviewer acknowledges checker errors
    at approval; the acknowledged findings go into the answer and the audit
    log. Raises Forbidden, NotFound, Conflict (no evaluation yet / feedback
    already given), FindingsNotAcknowledged (409, with the list), DataError
    (final score for an unknown row or above its weight).
    """
    authorize(principal, "feedback")
    settings = settings or get_settings()
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        if session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)):
            raise Conflict("该申报已有结果反馈")
        e = latest_evaluation(session, d.id)
        if e is None:
            raise Conflict("尚未评价，不能反馈结果")
        items = {it.position: it for it in e.items}
        finals = _final_scores(body, items)
        final_total, final_grade = _final_total(body, e, items, finals)
        fb = Feedback(declaration_id=d.id, evaluation_id=e.id, final_total=final_total, final_grade=final_grade,
                      final_scores=[{"row": k, "score": v} for k, v in sorted(finals.items())],
                      comments=body.comments.strip(), budget_adjustment_wan=body.budget_adjustment_wan,
                      budget_executed_wan=body.budget_executed_wan, created_by=principal.key_id,
                      created_at=utcnow())
        session.add(fb)
        session.flush()
        # with this feedback in place, so its 预算执行数 is cross-checked too; raising rolls it back
        errors = crosscheck_errors(session, d) if crosscheck_errors is not None else []
        if errors and not body.acknowledge_findings:
            raise _unacknowledged(errors)
        acknowledged = [_ack_record(f) for f in errors]
        v = next(x for x in d.versions if x.version == e.version)
        checks = _row_checks(v, settings)
        learned = learning.record_observations(session, _observations(fb, d, v, items, finals, checks))
        not_learned = [r for r in v.rows if r.name.strip() and not checks.get(r.position, (True, True))[0]]
        record_audit(session, principal, "feedback.create", "declaration", d.id, None,
                     {"feedback_id": fb.id, "final_total": final_total, "final_grade": final_grade,
                      "final_scores": fb.final_scores, "budget_adjustment_wan": body.budget_adjustment_wan,
                      "budget_executed_wan": body.budget_executed_wan, "comments": fb.comments,
                      "targets_not_learned": [r.position for r in not_learned],
                      **({"acknowledged_findings": acknowledged} if acknowledged else {})})
        return FeedbackOut(id=fb.id, declaration_id=d.id, final_total=final_total, final_grade=final_grade,
                           comments=fb.comments, budget_adjustment_wan=fb.budget_adjustment_wan,
                           budget_executed_wan=fb.budget_executed_wan, acknowledged_findings=acknowledged,
                           learned=learned,
                           values_not_learned=[f"第{r.position}行 {r.name}: {target_text(r)}" for r in not_learned],
                           created_at=fb.created_at)


def learned_for(session: Session, principal: Principal, *, sector: str | None = None,
                unit_name: str | None = None) -> dict:
    """Learned statistics for suggest, scoped: a declarant/reviewer only gets their own unit's
    library (another unit's name → NotFound); supervisors/admins any unit."""
    authorize(principal, "read")
    if unit_name and not principal.reads_all_units and normalize(unit_name) != principal.unit_name:
        raise NotFound(f"单位指标库不存在: {unit_name}")
    if principal.role not in ("supervisor", "admin") and not unit_name:
        unit_name = principal.unit_name
    with transaction(session):
        return learning.learned_statistics(session, sector=sector, unit_name=unit_name)


def learned_for_suggest(session: Session, principal: Principal, *, sector: str | None,
                        unit_name: str | None) -> dict | None:
    """结果反馈 statistics for suggest, or None when there are none or the workflow tables are not migrated."""
    try:
        return learned_for(session, principal, sector=sector, unit_name=unit_name) or None
    except SQLAlchemyError:  # tables not migrated yet: suggest still works
        return None
