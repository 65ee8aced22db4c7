"""COST rules (COST-01 … COST-04): 成本指标 quantified in money and within the budget.

A 成本 row has 一级指标 成本, or a 二级指标 containing 成本 or 预算…控制
(RULES.md §5.7). Not for rewrites.
"""
from __future__ import annotations

from kb.checker import lexicon as L
from kb.checker.catalog import TARGET, RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import ParsedRow
from kb.checker.rules.quantification import is_cost_01
from kb.checker.rules.relevance import is_rel_02
from kb.settings import CheckerSettings

_PER_UNIT_WORDS = ("单位", "人均", "户均", "生均", "平均", "单价", "标准", "每")
_WAN = {"亿元": 10000.0, "万元": 1.0, "千元": 0.1, "元": 0.0001}


@rule("COST-01", needs="cost", retarget=True)
def cost_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """成本 value without a number (参照政府采购成本控制, 不超预算 …)."""
    if is_cost_01(r):
        return RuleHit("value", f"成本指标值“{r.v}”没有金额，成本未量化")
    return None


def is_cost_02(r: ParsedRow) -> bool:
    if not r.cost_row or is_rel_02(r):
        return False
    if L.COST02_RE.search(r.name) or L.COST02_RE.search(r.v):
        return True
    return r.pct and r.has_digit and not L.COST02_OK_RE.search(r.name)


@rule("COST-02", needs="cost", fields=("name",) + TARGET, retarget=True)
def cost_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A control / compliance ratio (成本控制率 100 %, 达标率) instead of a cost amount (节支率 is fine)."""
    if is_cost_02(r):
        return RuleHit("name", f"“{r.name}”用比率或“预算内”代替成本金额，反映不了成本水平")
    return None


@rule("COST-03", needs="cost", retarget=True)
def cost_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """成本 value with a number whose unit is neither money (元) nor %."""
    if not r.cost_row or not r.has_digit or r.is_date or not r.eff_unit:
        return None
    if "元" in r.eff_unit or r.pct:
        return None
    return RuleHit("unit", f"成本指标的计量单位“{r.eff_unit}”不是货币单位")


def money_wan(r: ParsedRow) -> float | None:
    """The row's total amount in 万元, or None for per-unit amounts and non-money units."""
    u = r.eff_unit
    if r.num is None or not u or "/" in u or any(w in r.name for w in _PER_UNIT_WORDS):
        return None
    for k, f in _WAN.items():
        if u == k:
            return r.num * f
    return None


@rule("COST-04", needs="cost", retarget=True)
def cost_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A total cost above the project budget (context budget_wan, 万元; without it, the budget the description
    states, `budget_hint_wan` read by `kb.domain.budget.budget_from_text`: a fresh reviewer's 项目成本 ≤300 万元
    beside “总投资250万元” passed). The message says which budget it compared with. ours: a budget of 0 beside
    a cost above 0 is a finding too (the budget is left out or mistyped); its fix leaves the cost to the
    declarant until the budget is corrected."""
    if not r.cost_row:
        return None
    b, said = r.ctx.get("budget_wan"), ""
    if b is None and r.ctx.get("budget_hint_wan") is not None:
        b, said = r.ctx.get("budget_hint_wan"), "申报说明写明的"
    if isinstance(b, (int, float)) and not isinstance(b, bool) and b == 0 and not said:
        # ours: a budget of 0 beside a cost (资金总额 0, 成本 ≤360 万元) is a budget left out or mistyped, not a free
        # project (a 财政厅 reviewer, trial 3: check and a stored declaration took it with no finding)
        w = money_wan(r)
        if w is not None and w > 0:
            return RuleHit("value", f"项目预算（资金总额）为0万元，成本指标却为{fmt_num(w)}万元：预算金额多半漏填或填错",
                           {"zero_budget": True})
        return None
    if not isinstance(b, (int, float)) or b <= 0:
        return None
    w = money_wan(r)
    # compared at the 4 decimals of 万元 (1 元) a target is written with: a budget of 1127.353372 万元 is proposed
    # as ≤1127.3534 万元 (STR-09, E032), which is no cost above it
    if w is not None and round(w, 4) > round(b, 4) * (1 + 1e-9):
        return RuleHit("value", f"成本{fmt_num(w)}万元超过{said}项目预算{fmt_num(b)}万元")
    return None
