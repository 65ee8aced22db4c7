"""FEAS rules (FEAS-01 … FEAS-03): targets set too low, quantities not matching the budget, all-100 % tables.

Detection follows ../shared/data/rules/RULES.md §5.9; the 2× and 0.5–1.2
thresholds live in `CheckerSettings`. FEAS-01 needs a prior-year or actual
value (context `prior_actual` / `actual`, or the row's `actual` in a
self-evaluation); FEAS-02 needs `unit_cost_yuan` and `budget_wan` (row) or
`plan_total_wan` and `budget_wan` (table). Not for rewrites.
"""
from __future__ import annotations

from typing import Any

from kb.checker.catalog import Hit, rule
from kb.checker.parse import NUM_RE, Row, Table, to_float
from kb.settings import CheckerSettings


def number_of(x: Any) -> float | None:
    """First number in a value (int, float or text such as '1700人'), else None."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    m = NUM_RE.search(str(x))
    return to_float(m.group()) if m else None


def _bounded_free(r: Row) -> bool:
    return any(w in r.name for w in ("增长", "增幅", "倍"))


def _actual(r: Row) -> float | None:
    a = r.ctx.get("actual") if r.ctx else None
    if a is not None:
        return number_of(a)
    ra = r.raw.actual
    return number_of(ra) if ra is not None else None


@rule("FEAS-01", needs="feas", retarget=True)
def feas_01(r: Row, s: CheckerSettings) -> Hit | None:
    """Positive target below last year's actual, or this year's actual ≥ 2× the target."""
    t = r.num
    if t is None or t <= 0 or r.direction == "neg" or r.eff_op not in ("≥", ">", "=", "") or r.is_date:
        return None
    c = r.ctx
    pa = c.get("prior_actual") if c else None
    prior = number_of(pa) if pa is not None else None
    if prior is not None and prior > t:
        return Hit("value", f"指标值{t:g}低于上年实际{prior:g}，目标偏低", {"raise_to": prior})
    act = _actual(r)
    if act is not None and r.pct and act > 100 and not _bounded_free(r):
        act = None  # an actual above 100 is not in the target's % unit (签约率 24694 人)
    if act is not None and act >= s.actual_over_target_ratio * t:
        return Hit("value", f"实际完成{act:g}是指标值{t:g}的{act / t:.1f}倍，目标设定明显偏低", {"raise_to": act})
    return None


def quantity_budget_ratio(r: Row) -> float | None:
    """(quantity × unit_cost_yuan / 10000) / budget_wan for a count row, else None."""
    c = r.ctx
    if not c or c.get("unit_cost_yuan") is None:
        return None
    uc = number_of(c.get("unit_cost_yuan"))
    b = number_of(c.get("budget_wan"))
    if not uc or not b or r.num is None or r.pct or r.is_date or "元" in r.eff_unit:
        return None
    return r.num * uc / 10000.0 / b


@rule("FEAS-02", needs="feas", retarget=True)
def feas_02(r: Row, s: CheckerSettings) -> Hit | None:
    """Quantity × unit standard differs from the budget by more than the 0.5–1.2 band."""
    q = quantity_budget_ratio(r)
    if q is None or s.budget_match_low <= q <= s.budget_match_high:
        return None
    uc = number_of(r.ctx.get("unit_cost_yuan"))
    b = number_of(r.ctx.get("budget_wan"))
    need = r.num * uc / 10000.0  # type: ignore[operator]
    return Hit("value", f"{r.num:g}×{uc:g}元≈{need:.2f}万元，是预算{b:g}万元的{q:.0%}，数量与资金不匹配")


@rule("FEAS-02", on="table", fix_text="核对测算依据，使实施计划合计与预算一致")
def feas_02_table(t: Table, s: CheckerSettings) -> list[Hit]:
    """The plan / calculation total (plan_total_wan) differs from the budget (budget_wan)."""
    p = number_of(t.ctx.get("plan_total_wan"))
    b = number_of(t.ctx.get("budget_wan"))
    if p is None or not b:
        return []
    if abs(p - b) / b > s.plan_total_tolerance:
        return [Hit("", f"实施计划/测算合计{p:g}万元与预算{b:g}万元不一致")]
    return []


@rule("FEAS-03", on="table", fix_text="按历史水平和测算分别设定各比率目标")
def feas_03(t: Table, s: CheckerSettings) -> list[Hit]:
    """Three or more percentage targets, all exactly 100 %."""
    pcts = t.pct_nums
    if len(pcts) >= 3 and all(p == 100 for p in pcts):
        return [Hit("value", f"{len(pcts)}个百分比指标全部为100%，缺乏区分度，像是照填而非测算")]
    return []
