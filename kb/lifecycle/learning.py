"""结果反馈 → learned statistics of the indicator libraries.

When the finance bureau's feedback on an evaluated declaration arrives,
`record_feedback` stores one observation per target row (what was declared,
how far it was completed, whether it was fully met) and recomputes the
statistics of the affected indicator names:

* unit scope (`unit:<id>`): the unit's own experience, all its sectors — feeds
  that unit's 单位指标库;
* basic scope (`basic`, per sector and over all sectors ''): aggregates over
  all units — feeds the 基础指标库. Only aggregates reach the basic library: a
  basic statistic is used only when at least `BASIC_MIN_UNITS` distinct units
  contributed, so one unit's figures never surface as a basic typical value.

`learned_for` hands the statistics to `KnowledgeBase.suggest(learned=...)` as
`kb.learned.LearnedIndicator` keyed by `kb.text.normalize_name(name)`.
Typical value = median of the declared numeric targets (in the most common
unit), or the most common qualitative value; completion_rate = mean of
actual/target; success_share = share of rows fully met. Not for scoring.
"""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kb.learned import LearnedIndicator
from kb.lifecycle.models import LearnedObservation, LearnedStat, Unit, utcnow
from kb.lifecycle.values import format_number
from kb.text import normalize_name

BASIC_MIN_UNITS = 2


def _stat_from(obs: list[LearnedObservation]) -> dict:
    names = Counter(o.name for o in obs)
    units = Counter(o.unit for o in obs)
    unit = units.most_common(1)[0][0]
    ops = Counter(o.operator for o in obs if o.unit == unit)
    nums = [o.target_num for o in obs if o.unit == unit and o.target_num is not None]
    if nums:
        value = format_number(round(statistics.median(nums), 6))
    else:
        value = Counter(o.value for o in obs if o.unit == unit).most_common(1)[0][0]
    comps = [o.completion for o in obs if o.completion is not None]
    mets = [o.met for o in obs if o.met is not None]
    return dict(
        name=names.most_common(1)[0][0],
        level1=Counter(o.level1 for o in obs).most_common(1)[0][0],
        level2=Counter(o.level2 for o in obs).most_common(1)[0][0],
        unit=unit, operator=ops.most_common(1)[0][0] if ops else "", value=value,
        chosen_count=len({o.declaration_id for o in obs}),
        units_count=len({o.unit_id for o in obs}),
        completion_rate=statistics.fmean(comps) if comps else None,
        success_share=(sum(1 for m in mets if m) / len(mets)) if mets else None,
    )


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


def learned_for(session: Session, *, sector: str | None = None, unit_name: str | None = None,
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
    """The key of an indicator name in learned statistics (`kb.text.normalize_name`)."""
    return normalize_name(name)
