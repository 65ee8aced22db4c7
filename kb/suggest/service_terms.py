"""After ranking: the hours a purchased service gives each person and the price paid per hour are rows of their own
(trial 21).

A fresh reviewer's home-care text (服务对象1200人，每人每月服务不少于6小时 … 按每小时25元的标准向服务机构购买服务)
got a table carrying neither figure, though both are the core of a purchase of service: how much each person gets
and what an hour costs. When the text states hours per person per month (每人每月服务不少于6小时) and no shown row is
measured in 小时, a 数量 row 每人每月服务时长 ≥ 6 小时 is added; when it states a price per hour (按每小时25元的标准,
服务标准25元/小时) and no shown cost row is measured per 小时, a 成本 row 服务购买标准 = 25 元/小时. Each is bound to the
text (tier BOUND), scored just below the best shown row of its slot. Adds rows after ranking (as
`extent_rate.add_stated_rate_per_extent` does), so the ranker's training reads the same candidates. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_HOURS = re.compile(r"每人每月(?:上门)?服务(?:时间|时长)?(?:不少于|不低于|达到|)(\d+(?:\.\d+)?)(?:个)?小时")
_PRICE = re.compile(r"每小时(\d+(?:\.\d+)?)元的?(?:标准|价格)|标准为?(\d+(?:\.\d+)?)元/(?:小时|时)")


def _best(pool: list[Draft], slot: str) -> list[Draft]:
    return [d for d in pool if d.tier != Tier.ALTERNATE and d.name and d.slot == slot]


def add_service_hours_and_price(pool: list[Draft], ctx: ProjectContext) -> None:
    """Add the hours-per-person and the price-per-hour rows the text states (module docstring). In place."""
    hours = _HOURS.search(ctx.text)
    quantity = _best(pool, "quantity")
    if hours and quantity and not any("小时" in (d.value_unit or d.unit) for d in quantity):
        pool.append(Draft(name="每人每月服务时长", level2="quantity", source="formed", unit="小时/人·月",
                          direction="positive", operator="≥", value=hours.group(1), value_unit="小时/人·月",
                          value_source="text", tier=Tier.BOUND, score=max(d.score for d in quantity) - 1e-9,
                          explanation="每名服务对象每月获得的服务时长",
                          evidence=[f"描述中的服务时长: {hours.group(0)}", "按描述用词生成"]))
    price = _PRICE.search(ctx.text)
    costs = _best(pool, "cost")
    if price and costs and not any((d.value_unit or d.unit).endswith("/小时") for d in costs):
        pool.append(Draft(name="服务购买标准", level2="economic_cost", source="formed", unit="元/小时",
                          direction="equal", operator="=", value=price.group(1) or price.group(2), value_unit="元/小时",
                          value_source="text", tier=Tier.BOUND, score=max(d.score for d in costs) - 1e-9,
                          explanation="向服务机构购买服务的每小时价格",
                          evidence=[f"描述中的购买标准: {price.group(0)}", "按描述用词生成"]))
