"""How large a target can plausibly be, per kind of quantity: the one table of upper bounds.

A 指标值 of 99999999999 公里, 5000000000 人 or 1000000000000 元/人 is below
the 1 万亿 that makes a number unusable (`kb.domain.quantity.MAX_TARGET`,
QNT-04) and yet no project can promise it: it is more road than the whole
country has, more people than live in it. `PLAUSIBLE_MAX` holds one bound per
kind of quantity of `kb.domain.quantity.CONVERSIONS` (in that kind's base
unit), each with the national figure it is set against, said in words for
the message; `beyond_plausible` converts a target into the base unit through
that table and names the bound it passes. The checker's FEAS-05 reads it.

The bounds are deliberately generous (about the national total, never a
typical project size): they catch a number typed with several digits too
many or in the wrong unit (公里 for 米), not an ambitious target. Shares
(%, ‰) are not here: a rate above 100 % is QNT-07's (growth rates excepted),
and counting units without a kind (个, 次, 项 …) have no national total.

Sources of the national figures (rounded, public statistics): 全国公路总里程
约 544 万公里 at the end of 2023 (交通运输部《2023年交通运输行业发展统计公报》);
陆地国土面积约 960 万平方公里; 全国人口约 14.1 亿 at the end of 2023 (国家统计局);
家庭户约 4.9 亿户 (第七次全国人口普查, 2020); 全国一般公共预算支出约 28.5 万亿元
in 2024 (财政部). A single project's cost has a bound of its own, 1 万亿元 (`PROJECT_COST_MAX`): the
largest single works the country has built stay far below it (京沪高速铁路 总投资约 2200 亿元, 国家发展改革委
批复的可行性研究报告, 2008; 三峡工程 动态总投资约 2000 亿元), so a 成本 row above it (or a budget above it,
`budget_beyond_project`) is a number with digits too many or in the wrong unit (元 for 万元). Pure; not for parsing values (`kb.checker.parse`,
`kb.domain.quantity`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.domain.quantity import CONVERSIONS, SCALES
from kb.domain.text import normalize


@dataclass(frozen=True)
class Bound:
    """An upper bound in the kind's base unit (`CONVERSIONS`) and the same bound in words, with
    the national figure it is set against (for the message)."""

    most: float
    said: str


# kind of quantity (`kb.domain.quantity.CONVERSIONS`) → the largest target any project can state
PLAUSIBLE_MAX: dict[str, Bound] = {
    "length": Bound(1e10, "1000万公里（全国公路总里程约544万公里）"),           # base unit 米
    "area": Bound(1e13, "1000万平方公里（全国陆地面积约960万平方公里）"),        # 平方米
    "persons": Bound(1.5e9, "15亿人（全国人口约14亿人）"),                       # 人
    "households": Bound(6e8, "6亿户（全国家庭户约4.9亿户）"),                     # 户
    "person_times": Bound(5.5e11, "5500亿人次（全国每人每天一次，一年也不到此数）"),  # 人次
    "money": Bound(3e13, "30万亿元（全国一般公共预算支出一年约28.5万亿元）"),       # 元
}
# the cost of one project (a 成本 row, total or per unit of work) and one project's budget: see the module docstring
PROJECT_COST_MAX = Bound(1e12, "1万亿元（单个项目的总投资远低于此，如京沪高铁约2200亿元）")
# a standard or cost per person, household or visit (元/人, 万元/户, 元/人·年, 元/人次)
PER_HEAD_MAX = Bound(1e8, "人均（户均）1亿元（任何补助或成本标准都远低于此）")
_HEADS = frozenset(("persons", "households", "person_times"))


@lru_cache(maxsize=4096)
def _scale(unit: str) -> tuple[float, Bound] | None:
    """(factor from `unit` to its kind's base unit, the bound) for a unit with a bound, else None.

    A price (元/人, 万元/公里) is money per the unit after the slash: per person, household or
    visit it has `PER_HEAD_MAX`, per anything else the money bound."""
    u = normalize(unit)
    money, _, per = u.partition("/") if "/" in u else (u, "", "")
    if per:
        m = CONVERSIONS.get(money)
        if m is None or m[0] != "money":
            return None
        head = CONVERSIONS.get(re.split(r"[·*/]", per)[0])
        if head is not None and head[0] in _HEADS:
            return m[1] / head[1], PER_HEAD_MAX
        return m[1], PLAUSIBLE_MAX["money"]
    k = CONVERSIONS.get(u)
    if k is None or k[0] not in PLAUSIBLE_MAX:
        return None
    return k[1], PLAUSIBLE_MAX[k[0]]


def beyond_plausible(value: float, unit: str, magnitude: str = "", *, cost: bool = False) -> Bound | None:
    """The bound a target of `value` `unit` passes, or None when it is within every bound.

    `magnitude`: a 万 / 亿 … written between the number and a unit that has none (1亿 with 人);
    `cost`: the row states the project's own cost (a 成本 row), whose money has `PROJECT_COST_MAX`
    instead of the national budget's bound (per person or household it keeps `PER_HEAD_MAX`);
    units without a kind (个, 次 …), shares and unknown units are never beyond a bound.
    `beyond_plausible(99999999999, '公里')` → the length bound; `(5000, '万人')` → None;
    `(999999999, '万元', cost=True)` → `PROJECT_COST_MAX` (about 10 万亿元 for one project).
    """
    sc = _scale(unit) if unit else None
    if sc is None:
        return None
    factor, bound = sc
    if cost and bound is PLAUSIBLE_MAX["money"]:
        bound = PROJECT_COST_MAX
    x = value * factor * SCALES.get(magnitude, 1.0)
    return bound if x > bound.most else None


def budget_beyond_project(budget_wan: float | None) -> bool:
    """True when a project budget in 万元 is above what any single project costs (`PROJECT_COST_MAX`):
    999999999 万元 (about 10 万亿元) for a village road. Such a budget is within the range requests
    accept (`kb.domain.budget.MAX_BUDGET_WAN`) but is no ceiling to write into a cost row."""
    return budget_wan is not None and budget_wan * 1e4 > PROJECT_COST_MAX.most
