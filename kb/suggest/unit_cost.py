"""A blank per-unit cost row whose denominator the text never counts, set aside after ranking.

A per-unit cost (服务单价 元/人次, 单位面积维修成本 元/平方米) is checked against the units the work is counted in: a
reviewer asks 元/人次 of a fog-cannon contract counted in 台 and 天 (D030, suggest round 13) what a 人次 is. Such a
row left 待填写 is set aside (an alternate) unless every part of its denominator (人次; 台·天 → 台, 天) is a word of the
text; a row of a value (the text's, the budget's) and a payment standard (资助标准 元/人, 补偿标准 元/亩·年: what
each one gets, not what the work costs) stay. Pure over drafts; run after ranking, so the ranker's training reads
the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.dedupe import set_aside

# a row naming what the work costs per unit (not what a payee gets)
_UNIT_COST = re.compile(r"成本|单价|造价|费用|价格|投资")
_PAYMENT = re.compile(r"标准|补助|救助|资助|补偿|限额|补贴|奖励|奖补")
# denominators the text may write in another word (辆 for 台, 名 for 人)
_SAME_UNIT = {"台": ("台", "辆", "部"), "辆": ("辆", "台", "部"), "人": ("人", "名"), "名": ("名", "人"),
              "平方米": ("平方米", "㎡", "m²", "平米"), "公里": ("公里", "千米", "km")}


def denominator_parts(unit: str) -> list[str]:
    """The counting words under a per-unit unit's slash (元/台·天 → ['台', '天'], 万元/公里 → ['公里']); [] for a
    unit without a slash."""
    if "/" not in unit:
        return []
    below = unit.split("/", 1)[1]
    return [p for p in re.split(r"[·.*×]", below) if p]


# a period every budget year holds (元/平方米·月 of a property contract): never asked of the text
_YEAR_PARTS = frozenset({"年", "月", "学年", "学期"})


def set_aside_unit_cost_of_uncounted(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown 成本 row left 待填写 that names a per-unit cost (`_UNIT_COST`, not a payment standard)
    in a unit whose denominator the project's name and description never use (module docstring). In place."""
    text = f"{ctx.name or ''} {ctx.text}"
    for d in drafts:
        if d.slot != "cost" or d.tier == Tier.ALTERNATE or not d.pending \
                or not _UNIT_COST.search(d.name) or _PAYMENT.search(d.name):
            continue
        parts = [p for p in denominator_parts(d.value_unit or d.unit) if p not in _YEAR_PARTS]
        missing = [p for p in parts if not any(w in text for w in _SAME_UNIT.get(p, (p,)))]
        if missing:
            set_aside(d, f"描述中没有按“{'、'.join(missing)}”计量的工作，单位成本无从测算，仅作备选")
