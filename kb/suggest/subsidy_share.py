"""After ranking: a cost per extent worked out from a subsidy is the subsidy per extent, not the cost (trial 18, D015).

`cost_values._per_extent_cost` divides the project's money by the one length or area the text states (2179 万元 ÷
32.63 公里). When that money is a subsidy — part of the investment, paid by a higher level (年度资金4000万元(中央补助),
车购税补助地方资金, 上级补助) — the quotient is what the subsidy pays per 公里, not what a 公里 costs: a 财政局 reviewer
struck 每公里建设成本 ≤ 124.62 万元/公里 for 32.1 公里 of 二级公路 (implausibly low for a road, and not stated). Such a
row is named for the subsidy (每公里中央补助资金), its 指标解释 saying how it was worked out. Renames only; run after
ranking, so the ranker's training is untouched. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the money a higher level pays toward the work: 中央补助, 车购税补助地方资金, 上级补助, 省级奖补, 转移支付
_SUBSIDY = re.compile(r"(?P<who>中央|省级|省|市级|上级|车购税|车辆购置税)?[^，,。；;()（）]{0,8}?(?:补助|奖补|转移支付)")
_PER_COST = re.compile(r"^(?P<what>.*?)每(?P<per>公里|米|平方米|亩|公顷)(?P<work>[\u4e00-\u9fff]{0,4}?)(?:成本|造价|投资)$")
_LEN_UNITS = ("公里", "米", "平方米", "亩", "公顷")
# the same cost named per unit of extent (公路建设单位里程造价, 万元/公里; the library's name): per what, read from the unit
_UNIT_COST = re.compile(r"^(?P<what>.*?)单位(?:里程|长度|面积)(?P<work>)(?:造价|成本|投资)$")


def subsidy_of(ctx: ProjectContext) -> str:
    """Who pays the project's money as a subsidy ('中央', '上级' …; '补助' when the text says no one), '' when the
    money is no subsidy: the words right around the budget's figure, or the project name, say 补助 / 奖补 / 转移支付."""
    budget = next((m for m in ctx.mentions if m.is_budget), None) or next(
        (m for m in ctx.mentions if m.unit == "万元" and ctx.budget_wan and _equal(m.value, ctx.budget_wan)), None)
    near = ctx.text[max(0, budget.start - 12):budget.end + 10] if budget is not None else ""
    for said in (near, ctx.name or ""):
        m = _SUBSIDY.search(said)
        if m:
            who = m.group("who") or ""
            return "中央" if who in ("车购税", "车辆购置税") else who or "补助"
    return ""


def _equal(value: str, wan: float) -> bool:
    try:
        return abs(float(value) - wan) <= 1e-6 * max(1.0, wan)
    except ValueError:
        return False


def name_subsidy_per_extent(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown cost per extent worked out from the project's money when that money is a subsidy
    (module docstring). In place."""
    who = None
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "cost" or d.value_source != "derived":
            continue
        per = _PER_COST.match(d.name) or _UNIT_COST.match(d.name)
        unit = d.value_unit or d.unit
        if per is None or unit.partition("/")[2] not in _LEN_UNITS:
            continue
        ext = per.groupdict().get("per") or unit.partition("/")[2]
        if who is None:
            who = subsidy_of(ctx)
        if not who:
            return
        fund = "补助资金" if who == "补助" else f"{who}补助资金"
        d.evidence.append(f"项目资金是{fund}，只是投资的一部分：{d.value}{unit}是每{ext}的{fund}，"
                          f"不是每{ext}{per.group('work') or ''}成本")
        d.name = f"{per.group('what')}每{ext}{fund}"
        d.explanation = f"{fund}总额÷{ext}数（描述写明的建设规模），不是每{ext}的全部造价"
