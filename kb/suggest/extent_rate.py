"""After ranking: a fee the text states per unit of extent (清疏费用按每公里5000元结算) is a cost row of its own.

Fifth trial: “清疏费用按每公里6000元结算” is the rate the work is paid at; the type's cost per 公里 (河道治理每公里投资)
took it (`cost_values._per_extent_cost`). After round 5's types the same text is detected with less confidence
(river_dredging 0.48, uncertain), the river type's rows no longer come in, and no row carried the stated rate at all.
When the text states a fee per 公里 / 米 / 平方米 / 亩 and no shown cost row is measured per that extent, a 成本 row
每〔extent〕〔fee〕 ≤ the stated amount 〔money〕/〔extent〕 is added, bound to the text (tier BOUND), ranked just below the
best shown cost row. Adds one row after ranking (as `per_place_staff.add_staff_per_place` does), so the ranker's
training reads the same candidates. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# 清疏费用按每公里5000元结算, 保洁费按每平方米3元: the fee, the extent, the amount
_FEE_PER_EXTENT = re.compile(r"(?P<fee>[\u4e00-\u9fff]{2,6}?费用?)(?:按照|按)每(?P<ext>公里|千米|米|平方米|亩)"
                             r"(?P<n>\d+(?:\.\d+)?)(?P<money>万元|元)")


def add_stated_rate_per_extent(pool: list[Draft], ctx: ProjectContext) -> None:
    """Add the cost row of a fee the text states per unit of extent when no shown cost row is measured per that
    extent (module docstring). In place; nothing when the text states no such fee or no cost row is shown."""
    said = _FEE_PER_EXTENT.search(ctx.text)
    if not said:
        return
    ext = said.group("ext")
    costs = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "cost"]
    if not costs or any((d.value_unit or d.unit or "").endswith("/" + ext) for d in costs):
        return
    fee = said.group("fee")
    name = f"每{ext}{fee}"
    if any(d.name == name for d in pool):
        return
    pool.append(Draft(name=name, level2="economic_cost", source="formed", unit=f"{said.group('money')}/{ext}",
                      direction="negative", operator="≤", value=said.group("n"),
                      value_unit=f"{said.group('money')}/{ext}", value_source="text", tier=Tier.BOUND,
                      score=max(d.score for d in costs) - 1e-9,
                      explanation=f"按每{ext}结算的{fee}，不超过描述写明的标准",
                      evidence=[f"描述中的结算标准: {said.group(0)}", "按描述用词生成"]))
