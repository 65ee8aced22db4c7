"""结果反馈 → learned statistics of the indicator libraries.

When the finance bureau's feedback on an evaluated declaration arrives,
`record_observations` stores one observation per target row (what was
declared, how far it was completed, whether it was fully met) and recomputes the
statistics of the affected indicator names:

* unit scope (`unit:<id>`): the unit's own experience, all its sectors — feeds
  that unit's 单位指标库;
* basic scope (`basic`, per sector and over all sectors ''): aggregates over
  all units — feeds the 基础指标库. Only aggregates reach the basic library: a
  basic statistic is used only when at least `BASIC_MIN_UNITS` distinct units
  contributed, so one unit's figures never surface as a basic typical value.

`learned_statistics` hands the statistics to `KnowledgeBase.suggest(learned=...)` as
`kb.domain.learned.LearnedIndicator` keyed by `kb.domain.text.normalize_name(name)`.

What is learned from which rows:

* typical value (计算符号, 指标值, 计量单位) — only from targets the checker
  accepts (`target_accepted`: no error-level finding of `kb.checker` on the
  row's operator / value / unit, e.g. not `建设项目成本 = 参照政府采购成本控制`
  (COST-01) nor `巩固提高` (QNT-01)); the median of the numeric targets in the
  most common unit, or the most common qualitative value (a 定性 grade on a
  genuinely qualitative indicator passes the checker). With no accepted target
  the value stays empty, so suggest keeps the library's own typical value;
* 一级/二级 placement — only from rows whose placement the checker accepts;
* completion_rate and success_share — both over the same evaluated rows and
  from the same figure, the attainment (final score / weight: the bureau's
  final score for the row when it gave one, else the self-evaluation's score;
  财预〔2020〕10号 scores an indicator by how far its target was reached):
  completion_rate is the mean attainment, success_share the share of rows with
  full attainment. So completion_rate is 1.0 exactly when success_share is 1.0,
  and success_share 0.0 implies completion_rate < 1.

Not for scoring.
"""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kb.domain.learned import LearnedIndicator
from kb.lifecycle.models import LearnedObservation, LearnedStat, Unit, utcnow
from kb.lifecycle.values import format_number
from kb.domain.text import normalize_name

BASIC_MIN_UNITS = 2


FULL = 1.0 - 1e-9  # attainment from which a row counts as fully met


def _majority(values) -> str:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else ""


def _stat_from(obs: list[LearnedObservation]) -> dict:
    """Statistics of one indicator name over `obs` (see the module docstring)."""
    accepted = [o for o in obs if o.target_accepted]
    unit = _majority(o.unit for o in accepted)
    in_unit = [o for o in accepted if o.unit == unit]
    nums = [o.target_num for o in in_unit if o.target_num is not None]
    if nums:
        value = format_number(round(statistics.median(nums), 6))
    else:
        value = _majority(o.value for o in in_unit)
    placed = [o for o in obs if o.levels_accepted]
    scored = [o.attainment for o in obs if o.attainment is not None]
    return dict(
        name=_majority(o.name for o in obs),
        level1=_majority(o.level1 for o in placed),
        level2=_majority(o.level2 for o in placed),
        unit=unit, operator=_majority(o.operator for o in in_unit), value=value,
        chosen_count=len({o.declaration_id for o in obs}),
        units_count=len({o.unit_id for o in obs}),
        completion_rate=statistics.fmean(scored) if scored else None,
        success_share=(sum(1 for a in scored if a >= FULL) / len(scored)) if scored else None,
    )


TARGET_FIELDS = frozenset({"operator", "value", "unit"})
LEVEL_FIELDS = frozenset({"level1", "level2"})


def accepted_rows(findings: Iterable[dict]) -> dict[int, tuple[bool, bool]]:
    """Which rows' target and placement the checker rejects, from its findings.

    `findings`: `kb.checker` findings as dicts (rule_id, severity, scope, row,
    field). Returns {row number (1-based): (target_accepted, levels_accepted)}
    for the rows that have an error-level finding on a target field
    (operator/value/unit) or a placement field (level1/level2); rows not in the
    result are accepted on both counts. Warnings and infos do not reject.
    """
    out: dict[int, tuple[bool, bool]] = {}
    for f in findings:
        if str(f.get("severity", "")).lower() != "error" or f.get("row") is None:
            continue
        field = f.get("field") or ""
        t, lv = out.get(int(f["row"]), (True, True))
        out[int(f["row"])] = (t and field not in TARGET_FIELDS, lv and field not in LEVEL_FIELDS)
    return out


def _recompute(session: Session, scope_key: str, sector: str, name_key: str,
               obs: list[LearnedObservation]) -> None:
    session.execute(delete(LearnedStat).where(LearnedStat.scope_key == scope_key,
                                              LearnedStat.sector == sector,
                                              LearnedStat.name_key == name_key))
    if obs:
        session.add(LearnedStat(scope_key=scope_key, sector=sector, name_key=name_key,
                                updated_at=utcnow(), **_stat_from(obs)))


def record_observations(session: Session, observations: Iterable[LearnedObservation]) -> list[str]:
    """Add observations and recompute the affected statistics (inside the caller's transaction).

    Returns the names whose statistics changed.
    """
    obs = list(observations)
    for o in obs:
        session.add(o)
    session.flush()
    touched: dict[str, str] = {}
    for o in obs:
        touched.setdefault(o.name_key, o.name)
        unit_obs = session.scalars(select(LearnedObservation).where(
            LearnedObservation.unit_id == o.unit_id, LearnedObservation.name_key == o.name_key)).all()
        _recompute(session, f"unit:{o.unit_id}", "", o.name_key, list(unit_obs))
        for sector in {o.sector, ""}:
            q = select(LearnedObservation).where(LearnedObservation.name_key == o.name_key)
            if sector:
                q = q.where(LearnedObservation.sector == sector)
            _recompute(session, "basic", sector, o.name_key, list(session.scalars(q).all()))
    session.flush()
    return list(touched.values())


def _to_learned(st: LearnedStat, scope: str) -> LearnedIndicator:
    return LearnedIndicator(name=st.name, level1=st.level1, level2=st.level2, unit=st.unit,
                            operator=st.operator, value=st.value, chosen_count=st.chosen_count,
                            completion_rate=st.completion_rate, success_share=st.success_share,
                            scope=scope, sector=st.sector)


def learned_statistics(session: Session, *, sector: str | None = None, unit_name: str | None = None,
                basic_min_units: int = BASIC_MIN_UNITS) -> dict[str, LearnedIndicator]:
    """Learned statistics for a suggest call, keyed by `normalize_name(name)`.

    Basic entries come from the aggregate over all units for `sector` (or all
    sectors when it is empty or has no entry for a name) and only when at
    least `basic_min_units` units contributed; the entries of `unit_name`'s own
    unit library override them (more specific). An unknown unit adds nothing.
    """
    out: dict[str, LearnedIndicator] = {}
    sector = (sector or "").strip()
    rows = session.scalars(select(LearnedStat).where(
        LearnedStat.scope_key == "basic", LearnedStat.sector.in_({"", sector}),
        LearnedStat.units_count >= basic_min_units)).all()
    for st in sorted(rows, key=lambda s: s.sector != ""):  # all-sector first, sector-specific overrides
        out[st.name_key] = _to_learned(st, "basic")
    if unit_name:
        uid = session.scalar(select(Unit.id).where(Unit.name == unit_name.strip()))
        if uid is not None:
            for st in session.scalars(select(LearnedStat).where(
                    LearnedStat.scope_key == f"unit:{uid}")).all():
                out[st.name_key] = _to_learned(st, f"unit:{unit_name.strip()}")
    return out


def name_key(name: str) -> str:
    """The key of an indicator name in learned statistics (`kb.domain.text.normalize_name`)."""
    return normalize_name(name)
